//! Many organisations, one county: the county plan's copy verified against the decided text
//! (P012) and put back with `plan county update`, through the real binary.

mod common;

use common::{copy_dir, plan, repo};
use std::path::Path;

fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// A copy of the fixture with three words of the county plan changed.
fn changed_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("kommun");
    copy_dir(&repo("tests/fixtures/lansplan/changed-words-in-a-copy"), &root);
    (dir, root)
}

fn codes(root: &Path) -> (i32, Vec<String>) {
    let (code, out, _) = run(plan().arg("check").arg(root).args(["--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let codes = doc["diagnostics"].as_array().expect("list").iter().map(|d| d["code"].to_string()).collect();
    (code, codes)
}

#[test]
fn a_changed_word_is_shown_with_the_decided_text_in_both_languages() {
    let (_dir, root) = changed_copy();
    let (code, sv, _) = run(plan().arg("check").arg(&root));
    assert_eq!(code, 1);
    insta::assert_snapshot!("county_plan_changed_sv", sv);
    let (_, en, _) = run(plan().arg("check").arg(&root).args(["--lang", "en"]));
    insta::assert_snapshot!("county_plan_changed_en", en);
}

#[test]
fn county_update_writes_the_decided_text_and_pins_its_version() {
    let (_dir, root) = changed_copy();
    let toml_before = std::fs::read_to_string(root.join("plan.toml")).expect("plan.toml");
    let (code, out, err) = run(plan().args(["county", "update"]).arg(&root));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("skrev länets handlingsplan (beslutad 2023-12-20) till plans/lan/handlingsplan.yaml; 3 texter skilde sig:\n  målet\n  MO1.1\n  namnet på MO2\n"),
        "{out}"
    );
    assert!(out.contains("plan.toml: [county] digest låser nu versionen beslutad 2023-12-20"), "{out}");
    let copy = std::fs::read(root.join("plans/lan/handlingsplan.yaml")).expect("copy");
    assert!(copy == std::fs::read(repo("plans/lan/handlingsplan.yaml")).expect("bundled"), "the decided file");
    let toml = std::fs::read_to_string(root.join("plan.toml")).expect("plan.toml");
    assert!(toml.starts_with("[county]\ndigest = \"sha256:"), "{toml}");
    assert!(toml.ends_with("\n[rules]\nP010 = \"off\"\n"), "the rest of plan.toml stays: {toml}");
    assert_ne!(toml, toml_before);
    assert_eq!(codes(&root), (0, vec![]));
    // Again: nothing to do, nothing written.
    let modified = |p: &str| std::fs::metadata(root.join(p)).and_then(|m| m.modified()).expect("mtime");
    let before = (modified("plan.toml"), modified("plans/lan/handlingsplan.yaml"));
    let (code, out, _) = run(plan().args(["county", "update"]).arg(&root).args(["--lang", "en"]));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "plans/lan/handlingsplan.yaml already has the county's text (decided 2023-12-20); nothing was changed\n"
    );
    assert_eq!((modified("plan.toml"), modified("plans/lan/handlingsplan.yaml")), before);
}

#[test]
fn a_pinned_digest_of_a_version_the_tool_does_not_carry() {
    let (_dir, root) = changed_copy();
    let unknown = format!("sha256:{}", "0".repeat(64));
    std::fs::write(root.join("plan.toml"), format!("[county]\ndigest = \"{unknown}\"\n[rules]\nP010 = \"off\"\n"))
        .expect("write");
    let (code, out, _) = run(plan().arg("check").arg(&root).args(["--format", "json", "--lang", "en"]));
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let found = &doc["diagnostics"].as_array().expect("list")[..];
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0]["code"].as_str(), found[0]["line"].as_u64()), (Some("P012"), Some(8)));
    assert!(found[0]["message"].as_str().unwrap_or("").contains("does not match `digest` in plan.toml"));
    // A malformed digest is a plan.toml error with its line.
    std::fs::write(root.join("plan.toml"), "[county]\ndigest = \"abc\"\n").expect("write");
    let (code, _, err) = run(plan().arg("check").arg(&root));
    assert_eq!(code, 2);
    assert!(err.contains("`[county]` `digest`: `abc` ska vara `sha256:`"), "{err}");
}

#[test]
fn county_update_without_a_copy_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    std::fs::remove_file(dir.path().join("plans/lan/handlingsplan.yaml")).expect("rm");
    let (code, _, err) = run(plan().args(["county", "update"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("det finns ingen kopia av länets handlingsplan"), "{err}");
}
