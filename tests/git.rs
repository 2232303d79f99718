//! `plan diff`, `plan check --changed-since` and git dates on the site, on small git
//! repositories built for each test. The tests build history with the `git` command; `plan`
//! itself reads it with gix.

mod common;

use common::{copy_dir, plan, repo};
use serde_json::Value;
use std::path::Path;

/// Runs git in `dir` with a fixed identity and commit date.
fn git(dir: &Path, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.se", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

/// A git repository whose `main` holds `tests/data/site` in `sub/`, committed on 2025-03-04,
/// with a branch `feature` checked out.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("sub");
    copy_dir(&repo("tests/data/site"), &root);
    git(dir.path(), &["init", "-q", "-b", "main"], "2025-03-04T12:00:00+01:00");
    git(dir.path(), &["add", "-A"], "2025-03-04T12:00:00+01:00");
    git(dir.path(), &["commit", "-q", "-m", "base"], "2025-03-04T12:00:00+01:00");
    git(dir.path(), &["checkout", "-q", "-b", "feature"], "2025-03-04T12:00:00+01:00");
    dir
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

fn change_the_plan(root: &Path) {
    let y2025 = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    edit(
        &y2025,
        "    ansvarig: regionen\n    status: planerad\n",
        "    ansvarig: kommunen\n    status: pågående\n    uppföljning:\n      - { datum: 2025-05-01, status: pågående, kommentar: \"Startad.\" }\n",
    );
    let text = std::fs::read_to_string(&y2025).expect("read");
    std::fs::write(&y2025, format!("{text}  - id: K-2025-03\n    titel: Ny aktivitet\n    inriktningar: [MO1.1]\n    ansvarig: okand\n    status: planerad\n")).expect("write");
    edit(
        &root.join("plans/lan/handlingsplan.yaml"),
        "text: Förstärka den lokala samverkan.",
        "text: Förstärka den regionala samverkan.",
    );
}

fn diff_json(root: &Path, args: &[&str]) -> (i32, Value) {
    let out = plan().arg("diff").arg("--path").arg(root).args(args).args(["--format", "json"]).output().expect("runs");
    let code = out.status.code().unwrap_or(-1);
    (code, serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr))))
}

#[test]
fn diff_reports_what_changed_in_the_plan() {
    let dir = repository();
    let root = dir.path().join("sub");
    change_the_plan(&root);
    let (code, doc) = diff_json(&root, &[]);
    assert_eq!(code, 0, "a diff exits 0 whatever changed");
    let d = &doc["diff"];
    assert_eq!(d["activities_added"][0]["id"], "K-2025-03");
    let changed = &d["activities_changed"][0];
    assert_eq!(changed["activity"]["id"], "K-2025-02");
    let fields: Vec<(String, String, String)> = changed["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").to_owned(),
                f["before"].as_str().unwrap_or("").to_owned(),
                f["after"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("status".into(), "planerad".into(), "pågående".into()),
            ("ansvarig".into(), "regionen".into(), "kommunen".into())
        ]
    );
    assert_eq!(changed["follow_ups_added"][0]["date"], "2025-05-01");
    let reworded = &d["strategy"][0];
    assert_eq!((&reworded["change"], &reworded["id"]), (&"reworded".into(), &"MO1.1".into()));
    let words: Vec<(&str, &str)> = reworded["words"]
        .as_array()
        .expect("words")
        .iter()
        .map(|w| (w["op"].as_str().unwrap_or(""), w["text"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        words,
        [("equal", "Förstärka den "), ("delete", "lokala"), ("insert", "regionala"), ("equal", " samverkan.")]
    );
    let introduced: Vec<&str> =
        d["findings_introduced"].as_array().expect("list").iter().map(|f| f["code"].as_str().unwrap_or("")).collect();
    assert!(introduced.contains(&"P004"), "{introduced:?}");
    let fixed: Vec<&str> =
        d["findings_fixed"].as_array().expect("list").iter().map(|f| f["code"].as_str().unwrap_or("")).collect();
    assert!(fixed.contains(&"P010"), "MO1.1 is covered now: {fixed:?}");
}

#[test]
fn diff_between_two_revisions_and_failing_on_new_errors() {
    let dir = repository();
    let root = dir.path().join("sub");
    change_the_plan(&root);
    git(dir.path(), &["commit", "-q", "-a", "-m", "change"], "2025-04-01T09:00:00+02:00");
    let (code, doc) = diff_json(&root, &["main", "feature", "--fail-on-new-errors"]);
    assert_eq!(code, 1, "the change brings an unknown organisation");
    assert_eq!(doc["diff"]["base"], "main");
    assert_eq!(doc["diff"]["head"], "feature");
    let (code, doc) = diff_json(&root, &["feature", "feature", "--fail-on-new-errors"]);
    assert_eq!(code, 0);
    assert!(doc["diff"]["activities_changed"].as_array().expect("list").is_empty());
    // Removing an activity and moving another between plans.
    let y2024 = root.join("plans/kommun/aktivitetsplan-2024.yaml");
    let y2025 = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let text = std::fs::read_to_string(&y2025).expect("read");
    let (head, tail) = text.split_once("  - id: K-2025-02\n").expect("K-2025-02");
    let moved_block = format!("  - id: K-2025-02\n{}", tail.split("  - id: K-2025-03\n").next().expect("block"));
    std::fs::write(&y2025, head).expect("write");
    let y2024_text = std::fs::read_to_string(&y2024).expect("read");
    std::fs::write(&y2024, format!("{y2024_text}{}", moved_block.replace("2025-05-01", "2024-05-01"))).expect("write");
    let (_, doc) = diff_json(&root, &["feature"]);
    let d = &doc["diff"];
    let removed: Vec<&str> =
        d["activities_removed"].as_array().expect("list").iter().map(|a| a["id"].as_str().unwrap_or("")).collect();
    assert_eq!(removed, ["K-2025-03"]);
    assert_eq!(d["activities_changed"][0]["moved_from"], "kommun-2025");
    assert_eq!(d["activities_changed"][0]["activity"]["plan"], "kommun-2024");
}

#[test]
fn diff_as_markdown_for_a_pull_request_comment() {
    let dir = repository();
    let root = dir.path().join("sub");
    change_the_plan(&root);
    let out = plan()
        .arg("diff")
        .arg("--path")
        .arg(&root)
        .args(["--format", "markdown", "--today", "2025-06-30"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // The base is shown by its short hash, which differs per run; cut it.
    let text = text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    insta::assert_snapshot!("diff_markdown", text);
}

#[test]
fn changed_since_reports_only_findings_in_changed_files() {
    let dir = repository();
    let root = dir.path().join("sub");
    // An unknown owner in an unchanged file, committed on the base…
    edit(
        &root.join("plans/kommun/aktivitetsplan-2024.yaml"),
        "    ansvarig: socialtjansten\n",
        "    ansvarig: okand\n",
    );
    git(dir.path(), &["commit", "-q", "-a", "-m", "old finding"], "2025-03-05T12:00:00+01:00");
    // …and a new one in a file changed since.
    edit(&root.join("plans/kommun/aktivitetsplan-2025.yaml"), "    ansvarig: regionen\n", "    ansvarig: okand2\n");
    let run = |extra: &[&str]| {
        let out = plan().arg("check").arg(&root).args(["--format", "json"]).args(extra).output().expect("runs");
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let files: Vec<String> = doc["diagnostics"]
            .as_array()
            .expect("list")
            .iter()
            .filter(|d| d["code"] == "P004")
            .map(|d| d["file"].as_str().unwrap_or("").to_owned())
            .collect();
        (out.status.code(), files)
    };
    let (_, all) = run(&[]);
    assert_eq!(all, ["plans/kommun/aktivitetsplan-2024.yaml", "plans/kommun/aktivitetsplan-2025.yaml"]);
    let (code, changed) = run(&["--changed-since", "HEAD"]);
    assert_eq!(changed, ["plans/kommun/aktivitetsplan-2025.yaml"]);
    assert_eq!(code, Some(1));
}

#[test]
fn activity_pages_show_when_their_file_last_changed() {
    let dir = repository();
    let root = dir.path().join("sub");
    edit(
        &root.join("plans/kommun/aktivitetsplan-2025.yaml"),
        "titel: Följa upp hemgången",
        "titel: Följa upp hemgången i hela kommunen",
    );
    git(dir.path(), &["commit", "-q", "-a", "-m", "retitle"], "2025-05-20T10:00:00+02:00");
    let out = dir.path().join("site");
    let status = plan().arg("render").arg(&root).arg("--out").arg(&out).output().expect("runs");
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    let page = |id: &str| std::fs::read_to_string(out.join(format!("aktiviteter/{id}.html"))).expect("page");
    assert!(
        page("K-2025-02").contains("<dt>Senast ändrad</dt><dd><time datetime=\"2025-05-20\">2025-05-20</time></dd>")
    );
    assert!(page("K-2024-01").contains("<time datetime=\"2025-03-04\">2025-03-04</time>"));
}

#[test]
fn diff_outside_git_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    let out = plan().arg("diff").arg("--path").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git"));
}

#[test]
fn diff_takes_the_repository_as_its_last_word_as_every_command_does() {
    let dir = repository();
    let root = dir.path().join("sub");
    change_the_plan(&root);
    git(dir.path(), &["commit", "-q", "-a", "-m", "change"], "2025-04-01T09:00:00+02:00");
    let words = |args: &[&str]| {
        let out = plan().arg("diff").args(args).args(["--format", "json"]).current_dir(dir.path()).output();
        let out = out.expect("runs");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        (out.status.code(), doc["diff"]["base"].clone(), doc["diff"]["head"].clone(), out.stderr)
    };
    let (code, base, head, _) = words(&["main", "feature", "sub"]);
    assert_eq!((code, base, head), (Some(0), "main".into(), "feature".into()));
    let (_, base, head, _) = words(&["main", "sub"]);
    assert_eq!((base, head), ("main".into(), "arbetskopian".into()));
    // The flags say the same, and the older `--path` still works.
    let (_, base, head, _) = words(&["sub", "--base", "main", "--head", "feature"]);
    assert_eq!((base, head), ("main".into(), "feature".into()));
    let (_, base, _, _) = words(&["main", "--path", "sub"]);
    assert_eq!(base, "main");
    let (code, base, _, _) = words(&["sub"]);
    assert_eq!(code, Some(0));
    assert_eq!(base.as_str().map(str::len), Some(8), "the merge base, by its short hash: {base}");
    // A word that is both a folder and a revision is not guessed at.
    std::fs::create_dir(dir.path().join("main")).expect("mkdir");
    let (code, _, _, err) = words(&["main"]);
    assert_eq!(code, Some(2));
    assert!(String::from_utf8_lossy(&err).contains("`main` är både en mapp och en git-revision"), "{err:?}");
    let (code, base, _, _) = words(&["--base", "main", "sub"]);
    assert_eq!((code, base), (Some(0), "main".into()));
    // Three revisions are one too many; a revision twice is a mistake.
    let (code, _, _, err) = words(&["main", "feature", "HEAD"]);
    assert_eq!(code, Some(2));
    assert!(String::from_utf8_lossy(&err).contains("`HEAD` är ingen mapp"), "{err:?}");
    let (code, _, _, _) = words(&["main", "--base", "main", "sub"]);
    assert_eq!(code, Some(2));
}

#[test]
fn a_revision_that_does_not_exist_is_said_in_the_users_language() {
    let dir = repository();
    let root = dir.path().join("sub");
    for (lang, expected) in [
        ("sv", "hittar ingen revision `mian` i git-repositoriet; ange en gren, en tagg eller en commit"),
        ("en", "no revision `mian` in the git repository; name a branch, a tag or a commit"),
    ] {
        let diff =
            plan().arg("diff").args(["--base", "mian"]).arg(&root).args(["--lang", lang]).output().expect("runs");
        assert_eq!(diff.status.code(), Some(2));
        let err = String::from_utf8_lossy(&diff.stderr);
        assert!(err.contains(expected), "{err}");
        let check =
            plan().arg("check").arg(&root).args(["--changed-since", "mian", "--lang", lang]).output().expect("runs");
        assert_eq!(check.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&check.stderr).contains(expected));
    }
}
