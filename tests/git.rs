//! `plan diff`, `plan check --changed-since` and git dates on the site, on small git
//! repositories built for each test. The tests build history with the `git` command; `plan`
//! itself reads it with gix.

mod common;

use common::{copy_dir, git_at as git, plan, repo};
use serde_json::Value;
use std::path::Path;

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

/// What `git log -1 --format=%cs -- FILE` says, run in `dir`.
fn git_log_date(dir: &Path, file: &str) -> String {
    let out = std::process::Command::new("git")
        .args(["log", "-1", "--format=%cs", "--", file])
        .current_dir(dir)
        .output()
        .expect("git runs");
    String::from_utf8(out.stdout).expect("UTF-8").trim().to_owned()
}

#[test]
fn last_changed_dates_are_what_git_log_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("sub");
    let write = |name: &str, text: &str| {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    for f in ["a", "b", "c", "d", "e", "f", "g"] {
        write(&format!("plans/x/{f}.yaml"), &format!("{f}: 1\n"));
    }
    write("notes.txt", "1\n");
    git(dir.path(), &["init", "-q", "-b", "main"], "2025-01-01T12:00:00+01:00");
    git(dir.path(), &["add", "-A"], "2025-01-01T12:00:00+01:00");
    git(dir.path(), &["commit", "-q", "-m", "first"], "2025-01-01T12:00:00+01:00");
    write("plans/x/b.yaml", "b: 2\n");
    git(dir.path(), &["commit", "-q", "-a", "-m", "b"], "2025-01-05T12:00:00+01:00");
    // A branch changes c (and e, which main changes too); main changes d meanwhile.
    git(dir.path(), &["checkout", "-q", "-b", "side"], "2025-01-06T12:00:00+01:00");
    write("plans/x/c.yaml", "c: 2\n");
    write("plans/x/e.yaml", "e: side\n");
    git(dir.path(), &["commit", "-q", "-a", "-m", "c on a branch"], "2025-01-07T12:00:00+01:00");
    git(dir.path(), &["checkout", "-q", "main"], "2025-01-08T12:00:00+01:00");
    write("plans/x/d.yaml", "d: 2\n");
    write("plans/x/e.yaml", "e: main\n");
    git(dir.path(), &["commit", "-q", "-a", "-m", "d on main"], "2025-01-09T12:00:00+01:00");
    // The merge keeps c from the branch and settles e by hand.
    let merge = std::process::Command::new("git")
        .args(["-c", "user.name=T", "-c", "user.email=t@example.se", "merge", "-q", "--no-ff", "--no-commit", "side"])
        .current_dir(dir.path())
        .env("GIT_COMMITTER_DATE", "2025-01-10T12:00:00+01:00")
        .output()
        .expect("git runs");
    assert!(!merge.status.success(), "e conflicts");
    write("plans/x/e.yaml", "e: both\n");
    git(dir.path(), &["add", "-A"], "2025-01-12T12:00:00+01:00");
    git(dir.path(), &["commit", "-q", "-m", "merge"], "2025-01-12T12:00:00+01:00");
    // A rename, and a commit just after midnight in Stockholm (still the day before in UTC).
    git(dir.path(), &["mv", "sub/plans/x/f.yaml", "sub/plans/x/f2.yaml"], "2025-01-13T12:00:00+01:00");
    git(dir.path(), &["commit", "-q", "-m", "rename"], "2025-01-13T12:00:00+01:00");
    write("plans/x/g.yaml", "g: 2\n");
    git(dir.path(), &["commit", "-q", "-a", "-m", "late"], "2025-01-15T00:30:00+01:00");
    // Nothing in the plans changes after that.
    write("notes.txt", "2\n");
    git(dir.path(), &["commit", "-q", "-a", "-m", "notes"], "2025-01-20T12:00:00+01:00");
    // A file on disk, never committed.
    write("plans/x/new.yaml", "new: 1\n");

    let names: Vec<String> =
        ["a", "b", "c", "d", "e", "f2", "g", "new"].iter().map(|f| format!("plans/x/{f}.yaml")).collect();
    let repo = plan::git::Repo::discover(&root).expect("a git repository");
    let dates = repo.last_changes(&names, &plan::config::Config::default()).expect("dates");
    for name in &names {
        let expected = git_log_date(&root, name);
        let got = dates.get(name).map(ToString::to_string).unwrap_or_default();
        assert_eq!(got, expected, "{name}");
    }
    assert_eq!(dates["plans/x/c.yaml"].to_string(), "2025-01-07", "the branch's commit, not the merge");
    assert_eq!(dates["plans/x/e.yaml"].to_string(), "2025-01-12", "settled in the merge");
    assert_eq!(dates["plans/x/g.yaml"].to_string(), "2025-01-15", "the committer's date where they were");
    assert!(!dates.contains_key("plans/x/new.yaml"));
}

/// Writes a loose object into `git_dir` whose header says it is a blob of `claimed` bytes,
/// with only `data` after it: what a huge blob looks like to whoever reads only the header.
/// The zlib stream is made of stored blocks, so the test needs no compressor.
fn huge_blob(git_dir: &Path, claimed: u64, data: &[u8]) -> String {
    let mut raw = format!("blob {claimed}\0").into_bytes();
    raw.extend_from_slice(data);
    let mut z = vec![0x78, 0x01];
    let len = u16::try_from(raw.len()).expect("small");
    z.push(0x01);
    z.extend_from_slice(&len.to_le_bytes());
    z.extend_from_slice(&(!len).to_le_bytes());
    z.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let id = "5a".repeat(20);
    let folder = git_dir.join("objects").join(&id[..2]);
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(folder.join(&id[2..]), z).expect("write");
    id
}

#[test]
fn a_huge_blob_in_history_is_a_too_large_finding_without_being_inflated() {
    let dir = repository();
    let root = dir.path().join("sub");
    // 1.5 GiB by its header: reading it whole would need that much memory.
    let id = huge_blob(&dir.path().join(".git"), 1536 * 1024 * 1024, b"x: 1\n");
    git(
        dir.path(),
        &["update-index", "--add", "--cacheinfo", &format!("100644,{id},sub/plans/kommun/stor.yaml")],
        "2025-04-01T09:00:00+02:00",
    );
    git(dir.path(), &["commit", "-q", "-m", "huge"], "2025-04-01T09:00:00+02:00");
    let (code, doc) = diff_json(&root, &["main", "feature", "--fail-on-new-errors"]);
    assert_eq!(code, 1, "the huge file is a new error: {doc}");
    let found = &doc["diff"]["findings_introduced"];
    let p001: Vec<&Value> = found.as_array().expect("list").iter().filter(|f| f["code"] == "P001").collect();
    assert_eq!(p001.len(), 1, "{found}");
    assert_eq!(p001[0]["file"], "plans/kommun/stor.yaml");
}

#[test]
fn changed_since_does_not_read_a_file_past_the_limit() {
    let dir = repository();
    let root = dir.path().join("sub");
    // A sparse file of 1.5 GB: its size says enough, nothing of it is read.
    let big = std::fs::File::create(root.join("plans/kommun/stor.yaml")).expect("create");
    big.set_len(1_500_000_000).expect("sparse");
    drop(big);
    // Under 1 GiB of address space, reading it whole cannot succeed.
    let started = std::time::Instant::now();
    let out = std::process::Command::new("prlimit")
        .args(["--as=1073741824", "--cpu=60", "--"])
        .arg(assert_cmd::cargo::cargo_bin("plan"))
        .arg("check")
        .arg(&root)
        .args(["--format", "json", "--changed-since", "HEAD"])
        .env_remove("PLAN_LANG")
        .output()
        .expect("prlimit runs");
    let doc: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let files: Vec<&str> =
        doc["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["file"].as_str()).collect();
    assert_eq!(files, ["plans/kommun/stor.yaml"], "the large file is changed and its P001 kept");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn a_shallow_clone_dates_only_what_its_history_shows_and_says_so() {
    let dir = repository();
    let root = dir.path().join("sub");
    edit(&root.join("plans/kommun/aktivitetsplan-2024.yaml"), "status:", "status: ");
    git(dir.path(), &["commit", "-q", "-a", "-m", "2024"], "2025-04-01T10:00:00+02:00");
    edit(
        &root.join("plans/kommun/aktivitetsplan-2025.yaml"),
        "titel: Följa upp hemgången",
        "titel: Följa upp hemgången i hela kommunen",
    );
    git(dir.path(), &["commit", "-q", "-a", "-m", "2025"], "2025-05-20T10:00:00+02:00");
    // Two commits deep: the last one's change is known; the one before is the boundary,
    // so what it or anything earlier changed is not.
    let clone = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", dir.path().display());
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "2", &url])
        .arg(clone.path().join("c"))
        .output()
        .expect("git runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let out = clone.path().join("site");
    for (lang, note) in [("sv", "grund klon"), ("en", "shallow clone")] {
        let run = plan()
            .arg("render")
            .arg(clone.path().join("c/sub"))
            .arg("--out")
            .arg(&out)
            .args(["--force", "--lang", lang])
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(note) && stderr.contains("fetch-depth: 0"), "{stderr}");
    }
    let page = |id: &str| std::fs::read_to_string(out.join(format!("aktiviteter/{id}.html"))).expect("page");
    assert!(page("K-2025-02").contains("<time datetime=\"2025-05-20\">2025-05-20</time></dd>"));
    assert!(!page("K-2024-01").contains("Last changed"), "no date rather than the boundary's");
    assert!(!page("K-2024-01").contains("2025-04-01"));
}
