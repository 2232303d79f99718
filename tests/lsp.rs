//! `plan lsp` driven over stdio by a scripted client, as an editor drives it: the real
//! binary, real JSON-RPC framing, and answers checked against `plan check`'s own findings.

mod common;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use common::{copy_dir, plan, repo};
use lsp_client::{Client, uri};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn start(root: &Path, extra: &[&str]) -> Client {
    Client::start(Path::new(env!("CARGO_BIN_EXE_plan")), root, extra)
}

fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo(name), &root);
    (dir, root)
}

/// `plan check --format json`'s findings of one file: (code, line, column, message).
fn check_findings(root: &Path, file: &str) -> Vec<(String, u64, u64, String)> {
    let out = plan().arg("check").arg(root).args(["--format", "json"]).output().expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            let n = |k: &str| d[k].as_u64().expect("number");
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                n("line"),
                n("column"),
                d["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The same four things of the server's findings, with its 0-based UTF-16 position turned
/// back into 1-based characters of the line.
fn lsp_findings(text: &str, list: &[Value]) -> Vec<(String, u64, u64, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<_> = list
        .iter()
        .map(|d| {
            let line = d["range"]["start"]["line"].as_u64().expect("line");
            let units = d["range"]["start"]["character"].as_u64().expect("character") as usize;
            let mut column = 1;
            let mut seen = 0;
            for c in lines[line as usize].chars() {
                if seen >= units {
                    break;
                }
                seen += c.len_utf16();
                column += 1;
            }
            let message = d["message"].as_str().unwrap_or_default();
            let first = message.split('\n').next().unwrap_or_default().to_owned();
            (d["code"].as_str().unwrap_or_default().to_owned(), line + 1, column, first)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn findings_as_you_type_are_plan_checks_findings() {
    let (_dir, root) = fixture("tests/data/broken");
    let file = root.join("plans/lan/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    let text = client.open(&file);
    let list = client.diagnostics(&file, |l| !l.is_empty());
    let mut expected = check_findings(&root, "plans/lan/aktivitetsplan-2025.yaml");
    expected.sort();
    assert_eq!(lsp_findings(&text, &list), expected);
    let p004 = list.iter().find(|d| d["code"] == "P004").expect("a P004");
    assert_eq!(p004["source"], "plan");
    assert_eq!(p004["severity"], 1);
    assert!(p004["message"].as_str().unwrap().contains("\nhjälp: menade du `samradsgrupp-aldre`?"), "{p004}");

    // Typing the fix: the finding goes, without saving.
    let line = text.lines().position(|l| l.contains("ansvarig: samradsgrupp-äldre")).unwrap() as u32;
    let range = json!({ "start": { "line": line, "character": 14 }, "end": { "line": line, "character": 32 } });
    client.change(&file, 2, json!([{ "range": range, "text": "samradsgrupp-aldre" }]));
    let after = client.diagnostics(&file, |l| !l.iter().any(|d| d["code"] == "P004"));
    assert_eq!(after.len(), list.len() - 1, "{after:?}");
    client.shutdown();
}

#[test]
fn positions_are_utf16_units_after_swedish_letters_and_emoji() {
    let (_dir, root) = fixture("tests/data/site");
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    let text = client.open(&file);
    client.diagnostics(&file, |l| l.is_empty() || !l.is_empty());
    // An unknown owner after a title with an emoji on the same line, in a flow mapping.
    let line = text.lines().count() as u32;
    let added = "  - { id: EMOJI-1, titel: \"Gå 😀\", ansvarig: okänd-ägare, inriktningar: [MO1.1] }\n";
    let end = json!({ "line": line, "character": 0 });
    client.change(&file, 2, json!([{ "range": { "start": end, "end": end }, "text": added }]));
    let list = client.diagnostics(&file, |l| l.iter().any(|d| d["code"] == "P004"));
    let d = list.iter().find(|d| d["code"] == "P004").unwrap();
    let start = added.find("okänd-ägare").unwrap();
    let units = added[..start].encode_utf16().count() as u64;
    assert_eq!(d["range"]["start"], json!({ "line": line, "character": units }));
    assert_eq!(d["range"]["end"]["character"], units + "okänd-ägare".encode_utf16().count() as u64);
    client.shutdown();
}

fn labels(answer: &Value) -> Vec<String> {
    let items = answer["result"].as_array().cloned().unwrap_or_default();
    items.iter().map(|i| i["label"].as_str().unwrap_or_default().to_owned()).collect()
}

#[test]
fn completion_offers_the_repositorys_ids_and_words_where_they_go() {
    let (_dir, root) = fixture("tests/data/site");
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    let text = client.open(&file);
    let n = text.lines().count() as u32;
    let typed = "  - id: NY-1\n    titel: Ny\n    ansvarig: \n    inriktningar: [MO1.1, MO]\n    status: \n    \n";
    let end = json!({ "line": n, "character": 0 });
    client.change(&file, 2, json!([{ "range": { "start": end, "end": end }, "text": typed }]));

    let owners = client.at("textDocument/completion", &file, n + 2, 14, json!({}));
    let orgs = labels(&owners);
    assert!(!orgs.is_empty() && orgs.iter().all(|o| !o.starts_with("MO")), "{orgs:?}");
    let organisations = std::fs::read_to_string(root.join("plans/organisationer.yaml")).unwrap();
    for o in &orgs {
        assert!(organisations.contains(&format!("id: {o}")), "{o} is not an organisation");
    }
    let first = &owners["result"][0];
    assert!(first["detail"].is_string(), "an organisation comes with its name: {first}");

    let directions = labels(&client.at("textDocument/completion", &file, n + 3, 28, json!({})));
    assert!(
        directions.contains(&"MO1.2".to_owned()) && directions.iter().all(|d| d.starts_with("MO")),
        "{directions:?}"
    );

    let statuses = labels(&client.at("textDocument/completion", &file, n + 4, 12, json!({})));
    for word in ["planerad", "pågående", "klar"] {
        assert!(statuses.contains(&word.to_owned()), "{statuses:?}");
    }

    let keys = labels(&client.at("textDocument/completion", &file, n + 5, 4, json!({})));
    assert!(keys.contains(&"medverkande".to_owned()) && keys.contains(&"uppföljning".to_owned()), "{keys:?}");
    assert!(!keys.contains(&"titel".to_owned()), "a key already written is not offered again: {keys:?}");
    client.shutdown();
}

/// The line and character of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    let line = text[..at].matches('\n').count() as u32;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count() as u32)
}

#[test]
fn hover_definition_references_and_rename_follow_ids_across_files_and_write_nothing() {
    let (_dir, root) = fixture("tests/data/site");
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    let text = client.open(&file);
    client.diagnostics(&file, |_| true);
    let (line, character) = find(&text, "MO2.2");
    let hover = client.at("textDocument/hover", &file, line, character + 1, json!({}));
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or_default().to_owned();
    assert!(
        shown.contains("strategisk inriktning")
            && shown.contains("Målområde")
            && shown.contains("Definierad i `plans/lan/handlingsplan.yaml:"),
        "{shown}"
    );

    let def = client.at("textDocument/definition", &file, line, character + 1, json!({}));
    assert_eq!(def["result"]["uri"], uri(&root.join("plans/lan/handlingsplan.yaml")), "{def}");
    let target_line = def["result"]["range"]["start"]["line"].as_u64().unwrap() as usize;
    let handlingsplan = std::fs::read_to_string(root.join("plans/lan/handlingsplan.yaml")).unwrap();
    let id: String =
        text[text.find("MO2.2").unwrap()..].chars().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
    assert!(handlingsplan.lines().nth(target_line).unwrap().contains(&format!("id: {id}")), "{def}");

    let refs = client.at(
        "textDocument/references",
        &file,
        line,
        character + 1,
        json!({ "context": { "includeDeclaration": false } }),
    );
    let refs = refs["result"].as_array().cloned().unwrap_or_default();
    let everywhere: usize = [
        "plans/kommun/aktivitetsplan-2024.yaml",
        "plans/kommun/aktivitetsplan-2025.yaml",
        "plans/kommun/handlingsplan.yaml",
    ]
    .iter()
    .map(|f| {
        let t = std::fs::read_to_string(root.join(f)).unwrap();
        t.matches(&format!("{id}]")).count()
            + t.matches(&format!("{id},")).count()
            + t.matches(&format!("- {id}\n")).count()
    })
    .sum();
    assert_eq!(refs.len(), everywhere, "{refs:?}");

    let prepare = client.at("textDocument/prepareRename", &file, line, character + 1, json!({}));
    assert_eq!(prepare["result"]["start"]["line"], line, "{prepare}");
    let taken = client.at("textDocument/rename", &file, line, character + 1, json!({ "newName": "MO1.1" }));
    let message = taken["error"]["message"].as_str().unwrap_or_default();
    assert!(id == "MO1.1" || message.contains("är redan id för"), "{taken}");
    let renamed = client.at("textDocument/rename", &file, line, character + 1, json!({ "newName": "MO9.9" }));
    let changes = renamed["result"]["changes"].as_object().cloned().expect("edits");
    let edits: usize = changes.values().map(|v| v.as_array().map_or(0, Vec::len)).sum();
    assert_eq!(edits, everywhere + 1, "every reference and the definition: {renamed}");
    assert!(changes.contains_key(&uri(&root.join("plans/lan/handlingsplan.yaml"))));
    // The server only proposes the edits; the editor applies them. No file has changed.
    let unchanged = std::fs::read_to_string(root.join("plans/lan/handlingsplan.yaml")).unwrap();
    assert_eq!(unchanged, handlingsplan);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    client.shutdown();
}

#[test]
fn symbols_and_code_actions() {
    let (_dir, root) = fixture("tests/data/broken");
    let file = root.join("plans/lan/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    let text = client.open(&file);
    let list = client.diagnostics(&file, |l| !l.is_empty());
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&file) } }));
    let plan = &symbols["result"][0];
    let children: Vec<&str> =
        plan["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(children.iter().any(|c| c.starts_with("LAN-2025-01 Utveckla och tillämpa SIP")), "{children:?}");

    for (code, want) in [("P004", "samradsgrupp-aldre"), ("P002", "ansvarig")] {
        let d = list.iter().find(|d| d["code"] == code).unwrap();
        let actions = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri(&file) }, "range": d["range"], "context": { "diagnostics": [d] } }),
        );
        let action = &actions["result"][0];
        assert_eq!(action["kind"], "quickfix", "{actions}");
        let edit = &action["edit"]["changes"][uri(&file)][0];
        assert_eq!(edit["newText"], want, "{actions}");
        assert_eq!(edit["range"], d["range"]);
    }
    let _ = text;
    client.shutdown();
}

#[test]
fn a_colon_in_a_value_gets_a_quoting_fix_that_reads() {
    let (_dir, root) = fixture("tests/data/site");
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    let text = client.open(&file);
    client.diagnostics(&file, |_| true);
    let (line, _) = find(&text, "titel:");
    let old = text.lines().nth(line as usize).unwrap();
    let broken = format!("{}titel: SIP: utbilda personal", " ".repeat(old.len() - old.trim_start().len()));
    let range = json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": old.encode_utf16().count() } });
    client.change(&file, 2, json!([{ "range": range, "text": broken }]));
    let list = client.diagnostics(&file, |l| l.iter().any(|d| d["code"] == "P001"));
    let d = list.iter().find(|d| d["code"] == "P001").unwrap();
    let fix = &d["data"][0];
    assert_eq!(fix["newText"], "titel: \"SIP: utbilda personal\"", "{d}");
    // Applied, the file reads again.
    client.change(&file, 3, json!([{ "range": fix["range"], "text": fix["newText"] }]));
    client.diagnostics(&file, |l| !l.iter().any(|d| d["code"] == "P001"));
    client.shutdown();
}

#[test]
fn broken_and_hostile_text_gives_findings_never_a_crash() {
    let (_dir, root) = fixture("tests/data/site");
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &[]);
    client.open(&file);
    client.diagnostics(&file, |_| true);
    let texts = [
        String::from("typ: aktivitetsplan\naktiviteter:\n  - id: [\n"),
        String::from("\u{0}\u{feff}: : :\n\t- - -\n"),
        String::from("typ: aktivitetsplan\n") + &"  ".repeat(5000) + "x",
        "[".repeat(10_000),
        String::from("typ: aktivitetsplan\nid: X\naktiviteter:\n") + &"  - { id: A, titel: t }\n".repeat(20_000),
        String::new(),
    ];
    for (i, text) in texts.iter().enumerate() {
        client.change(&file, 2 + i as i64, json!([{ "text": text }]));
        if i == 4 {
            // 19,999 duplicate ids: the first 1,000 findings are sent.
            client.seen.clear();
            client.diagnostics(&file, |l| l.len() == 1000);
        }
        // Requests at odd places in odd text are answered, not fatal.
        for method in ["textDocument/completion", "textDocument/hover", "textDocument/definition"] {
            let answer = client.at(method, &file, 2, 9999, json!({}));
            assert!(answer.get("result").is_some() || answer.get("error").is_some(), "{answer}");
        }
    }
    // A change at a range past the end of the text is clamped, not a crash.
    let far = json!({ "line": 99999, "character": 99999 });
    client.change(&file, 100, json!([{ "range": { "start": far, "end": far }, "text": "x: [" }]));
    client.diagnostics(&file, |l| l.iter().any(|d| d["code"] == "P001"));
    client.shutdown();
}

#[test]
fn files_changed_on_disk_and_settings_are_picked_up() {
    let (_dir, root) = fixture("tests/data/broken");
    let file = root.join("plans/lan/aktivitetsplan-2025.yaml");
    let other = root.join("plans/organisationer.yaml");
    let mut client = start(&root, &[]);
    client.open(&file);
    let before = client.diagnostics(&file, |l| l.iter().any(|d| d["code"] == "P004"));
    // The organisation the P004 misses is added to a file that is not open.
    let mut orgs = std::fs::read_to_string(&other).unwrap();
    orgs.push_str("  - id: samradsgrupp-äldre\n    namn: Samrådsgruppen\n    kategori: annan\n");
    std::fs::write(&other, orgs).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&other), "type": 2 }] }));
    client.diagnostics(&file, |l| {
        !l.iter().any(|d| d["code"] == "P004" && d["message"].as_str().unwrap().contains("samradsgrupp-äldre"))
    });
    // plan.toml turns a rule off.
    let settings = root.join("plan.toml");
    let mut toml = std::fs::read_to_string(&settings).unwrap();
    toml.push_str("P003 = \"off\"\n");
    std::fs::write(&settings, toml).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&settings), "type": 2 }] }));
    client.diagnostics(&file, |l| !l.iter().any(|d| d["code"] == "P003"));
    // A broken plan.toml is a finding on plan.toml.
    std::fs::write(&settings, "today = \"inte ett datum\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri(&settings), "type": 2 }] }));
    let on_settings = client.diagnostics(&settings, |l| !l.is_empty());
    assert_eq!(on_settings[0]["severity"], 1, "{on_settings:?}");
    assert!(before.len() > 1);
    client.shutdown();
}

#[test]
fn english_with_lang_en() {
    let (_dir, root) = fixture("tests/data/broken");
    let file = root.join("plans/lan/aktivitetsplan-2025.yaml");
    let mut client = start(&root, &["--lang", "en"]);
    client.open(&file);
    let list = client.diagnostics(&file, |l| !l.is_empty());
    let p004 = list.iter().find(|d| d["code"] == "P004").unwrap();
    assert!(p004["message"].as_str().unwrap().contains("\nhelp: did you mean"), "{p004}");
    client.shutdown();
}

#[test]
fn a_yaml_file_outside_every_repository_is_left_alone_unless_it_is_a_plan_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let workflow = dir.path().join("app/.github/workflows/ci.yml");
    std::fs::create_dir_all(workflow.parent().unwrap()).unwrap();
    std::fs::write(&workflow, "name: ci\non: push\njobs: {}\n").unwrap();
    let loose = dir.path().join("app/lös-plan.yaml");
    std::fs::write(&loose, "typ: aktivitetsplan\nid: X\naktiviteter:\n  - id: A\n    titel: SIP: utbilda\n").unwrap();
    let mut client = start(&dir.path().join("app"), &[]);
    client.open(&loose);
    // A plan file in no repository: its YAML findings, nothing that needs a repository.
    let list = client.diagnostics(&loose, |l| !l.is_empty());
    assert!(list.iter().all(|d| d["code"] == "P001" || d["code"] == "P002"), "{list:?}");
    client.open(&workflow);
    // The workflow is no plan file: nothing is said about it, and the request after it is
    // answered only once the server has read it.
    client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&workflow) } }));
    let about: Vec<_> = client.seen.iter().filter(|m| m["params"]["uri"] == uri(&workflow)).collect();
    assert!(about.is_empty(), "{about:?}");
    client.shutdown();
}
