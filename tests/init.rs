//! `plan init` through the real binary: a new repository checks without errors, its files
//! are exactly the embedded ones, and an existing repository is never touched; its editor
//! files (the JSON Schema, VS Code's settings and recommendations) are written only where
//! nothing is.

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
            ".vscode/extensions.json",
            ".vscode/settings.json",
            "plan.toml",
            "plans/lan/handlingsplan.yaml",
            "plans/lokal/aktivitetsplan-2025.yaml",
            "plans/lokal/handlingsplan.yaml",
            "plans/organisationer.yaml",
            "schema/plan.schema.json",
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
    same("schema/plan.schema.json", "schema/plan.schema.json");
    same(".vscode/settings.json", "src/init/templates/vscode-settings.json");
    same(".vscode/extensions.json", "src/init/templates/vscode-extensions.json");
}

/// A VS Code settings file (JSON with `//` comment lines) as JSON.
fn jsonc(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read");
    let json: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn vs_code_maps_the_schema_to_the_plan_files_and_recommends_the_extensions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("ny");
    let (code, out, err) = run(plan().arg("init").arg(&dir));
    assert_eq!(code, 0, "{err}");
    for file in [".vscode/settings.json", ".vscode/extensions.json", "schema/plan.schema.json"] {
        assert!(out.contains(&format!("  {file}\n")), "{file} in {out}");
    }
    // The schema is the one `plan schema` prints, and every plan file is in its mapping.
    let (code, printed, _) = run(plan().arg("schema"));
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(dir.join("schema/plan.schema.json")).expect("schema"), printed);
    let settings = jsonc(&dir.join(".vscode/settings.json"));
    let schemas = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    assert_eq!(schemas.len(), 1, "{settings}");
    let (schema, globs) = schemas.iter().next().expect("one");
    assert!(dir.join(schema).is_file(), "{schema} is relative to the workspace folder");
    let globs: Vec<&str> = globs.as_array().expect("globs").iter().filter_map(|g| g.as_str()).collect();
    assert_eq!(globs, ["plans/**/*.yaml", "plans/**/*.yml"]);
    let toml = std::fs::read_to_string(dir.join("plan.toml")).expect("plan.toml");
    assert!(toml.contains("\n# plans = [\"plans\"]\n"), "plans/ is the plan folder: {toml}");
    let recommended = jsonc(&dir.join(".vscode/extensions.json"));
    assert_eq!(recommended["recommendations"], serde_json::json!(["redhat.vscode-yaml", "plankoll.plan"]));
    // A municipality's repository has them too.
    let nacka = tmp.path().join("nacka");
    let (code, out, err) =
        run(plan().arg("init").arg(&nacka).args(["--kommun", "Nacka"]).env("PLAN_TODAY", "2026-03-01"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("  .vscode/settings.json\n"), "{out}");
    assert!(nacka.join("schema/plan.schema.json").is_file());
}

#[test]
fn a_folders_own_editor_files_are_left_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(tmp.path().join(".vscode")).expect("mkdir");
    std::fs::write(tmp.path().join(".vscode/settings.json"), "{ \"editor.fontSize\": 18 }\n").expect("write");
    std::fs::create_dir(tmp.path().join("schema")).expect("mkdir");
    std::fs::write(tmp.path().join("schema/plan.schema.json"), "mine").expect("write");
    let (code, out, err) = run(plan().arg("init").arg(tmp.path()));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(".vscode/settings.json")).expect("read"),
        "{ \"editor.fontSize\": 18 }\n"
    );
    assert_eq!(std::fs::read_to_string(tmp.path().join("schema/plan.schema.json")).expect("read"), "mine");
    // What was missing is written: the recommendations beside the user's settings.
    assert!(tmp.path().join(".vscode/extensions.json").is_file());
    assert!(out.contains("  .vscode/extensions.json\n"), "{out}");
    let left = out.split("lämnades orörda").nth(1).expect("says what it left alone");
    assert!(left.contains("  .vscode/settings.json\n") && left.contains("  schema/plan.schema.json\n"), "{out}");
    let written = out.split("lämnades orörda").next().expect("the written files");
    assert!(!written.contains(".vscode/settings.json") && !written.contains("schema/plan.schema.json"), "{out}");
    // Nothing of the staging is left behind, and the repository checks.
    let leftovers: Vec<String> = files(tmp.path()).into_iter().filter(|f| f.contains(".plan-init-")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(run(plan().arg("check").arg(tmp.path()).arg("--format").arg("json")).0, 0);
}

#[cfg(unix)]
#[test]
fn a_linked_vscode_folder_is_not_written_through() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    let dir = tmp.path().join("repo");
    std::fs::create_dir(&dir).expect("mkdir");
    std::os::unix::fs::symlink(&elsewhere, dir.join(".vscode")).expect("symlink");
    let (code, out, err) = run(plan().arg("init").arg(&dir));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_dir(&elsewhere).expect("read").next().is_none(), "nothing written through the link");
    assert!(out.contains("lämnades orörda"), "{out}");
    assert!(dir.join("schema/plan.schema.json").is_file());
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
