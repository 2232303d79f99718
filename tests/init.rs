//! `plan init` through the real binary: a new repository checks without errors, its files
//! are exactly the embedded ones, and an existing repository is never touched.

mod common;

use assert_cmd::Command;
use common::{plan, repo};
use std::path::Path;

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

/// Every file below a folder, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

#[test]
fn a_new_repository_checks_without_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("ny/plan");
    let (code, out, err) = run(plan().arg("init").arg(&dir));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Skapade ett planrepositorium i "), "{out}");
    assert!(out.contains("  plans/lokal/aktivitetsplan-2025.yaml\n"), "{out}");
    assert!(out.contains("Nästa steg:\n  plan check "), "{out}");

    let (code, report, _) = run(plan().arg("check").arg(&dir).arg("--format").arg("json"));
    assert_eq!(code, 0, "{report}");
    let doc: serde_json::Value = serde_json::from_str(&report).expect("JSON");
    assert_eq!(doc["summary"]["errors"], 0, "{report}");
    assert_eq!(doc["summary"]["activities"], 2);
    let codes: Vec<&str> =
        doc["diagnostics"].as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.iter().all(|c| *c == "P010"), "only uncovered directions are reported: {codes:?}");
}

#[test]
fn the_files_are_the_embedded_ones_and_the_county_plan_is_the_bundled_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, _, _) = run(plan().arg("init").current_dir(tmp.path()).arg("--lang").arg("en"));
    assert_eq!(code, 0);
    assert_eq!(
        files(tmp.path()),
        [
            "plan.toml",
            "plans/lan/handlingsplan.yaml",
            "plans/lokal/aktivitetsplan-2025.yaml",
            "plans/lokal/handlingsplan.yaml",
            "plans/organisationer.yaml",
        ]
    );
    let same = |written: &str, source: &str| {
        let a = std::fs::read(tmp.path().join(written)).expect("written");
        let b = std::fs::read(repo(source)).expect("source");
        assert!(a == b, "{written} differs from {source}");
    };
    same("plans/lan/handlingsplan.yaml", "plans/lan/handlingsplan.yaml");
    same("plans/organisationer.yaml", "plans/organisationer.yaml");
    same("plan.toml", "src/init/templates/plan.toml");
    same("plans/lokal/handlingsplan.yaml", "src/init/templates/handlingsplan.yaml");
    same("plans/lokal/aktivitetsplan-2025.yaml", "src/init/templates/aktivitetsplan.yaml");
}

#[test]
fn the_message_follows_the_language() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = run(plan().arg("init").arg(tmp.path()).arg("--lang").arg("en"));
    assert_eq!(code, 0);
    assert!(out.starts_with("Created a plan repository in "), "{out}");
    assert!(out.contains("\nNext steps:\n  plan check "), "{out}");
}

#[test]
fn an_existing_repository_is_refused_and_left_alone() {
    for existing in ["plan.toml", "plans"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(existing);
        if existing == "plans" {
            std::fs::create_dir(&path).expect("mkdir");
        } else {
            std::fs::write(&path, "# mine\n").expect("write");
        }
        let before = files(tmp.path());
        let (code, out, err) = run(plan().arg("init").arg(tmp.path()));
        assert_eq!(code, 2, "{existing}");
        assert!(out.is_empty());
        assert!(err.starts_with("fel: ") && err.contains("finns redan"), "{err}");
        assert_eq!(files(tmp.path()), before, "nothing written beside an existing {existing}");
        if existing == "plan.toml" {
            assert_eq!(std::fs::read_to_string(&path).expect("read"), "# mine\n");
        }
    }
}

#[test]
fn a_file_in_place_of_the_folder_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("fil");
    std::fs::write(&file, "x").expect("write");
    let (code, _, err) = run(plan().arg("init").arg(&file).arg("--lang").arg("en"));
    assert_eq!(code, 2);
    assert!(err.contains("is a file, not a folder"), "{err}");
}
