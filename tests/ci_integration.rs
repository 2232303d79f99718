//! The GitHub Action (`action.yml`) without GitHub: its steps are bash scripts in
//! `.github/action/` that take their values from the environment only, so these tests run
//! them as a runner would, with fake `GITHUB_*` variables and files, a fake pull request
//! event, a stub `gh` first on PATH that records its arguments, and the debug `plan` on PATH,
//! against throwaway git repositories made with `plan init`.
//!
//! Also what no linter knows: the action's default version is Cargo.toml's, every `uses:`
//! in the action and the workflows is pinned to a commit, no `run:` expands `${{ }}`, and
//! the example workflow's pin of this action is a commit of this repository that has
//! `action.yml`, and the GitLab example's `integrity:` is the template's hash.

mod common;

use common::{outcome, plan, repo};
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-03-01";
/// The activity file that the pull request breaks.
const CHANGED: &str = "plans/lokal/aktivitetsplan-2025.yaml";

/// Runs git in `dir`, with a fixed author and no user or system configuration.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.se")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.se")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A pull request in a new git repository: `plan init` in `dir/<plan_dir>` committed on
/// `main`, then on `feature` an activity that names an assignment that does not exist (one
/// P004 error in [`CHANGED`]). The 14 county-level P010 warnings of a fresh repository are in
/// a file the pull request does not touch. Returns the repository and the base commit.
fn pull_request(dir: &Path, plan_dir: &str) -> (PathBuf, String) {
    let root = dir.join("repo");
    let folder = root.join(plan_dir);
    let (code, _, err) = outcome(plan().arg("init").arg(&folder).env("PLAN_TODAY", TODAY));
    assert_eq!(code, 0, "{err}");
    std::fs::write(folder.join("plan.toml"), format!("today = {TODAY}\n")).expect("plan.toml");
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-qm", "plan init"]);
    let base = git(&root, &["rev-parse", "HEAD"]);
    git(&root, &["checkout", "-qb", "feature"]);
    let file = folder.join(CHANGED);
    let text = std::fs::read_to_string(&file).expect("read");
    let broken = text.replacen("    uppdrag: LOKAL-2025-UP1\n", "    uppdrag: LOKAL-2025-UP9\n", 1);
    assert_ne!(text, broken);
    std::fs::write(&file, broken).expect("write");
    git(&root, &["commit", "-qam", "An activity under an assignment that does not exist"]);
    (root, base)
}

/// The files a runner gives a step, and what a script run left in them.
struct Runner {
    dir: tempfile::TempDir,
}

/// What one script run did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    summary: String,
    output: String,
    /// Every call of the stub `gh`, one line of arguments each.
    gh: String,
}

impl Runner {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        for sub in ["temp", "bin", "tool-cache"] {
            std::fs::create_dir(dir.path().join(sub)).expect("mkdir");
        }
        Runner { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A pull_request event from `head` into `plankoll/strategi`, with the base commit.
    fn event(&self, base: &str, head: &str) -> PathBuf {
        let event = serde_json::json!({
            "action": "synchronize",
            "number": 7,
            "pull_request": {
                "number": 7,
                "base": { "sha": base, "repo": { "full_name": "plankoll/strategi" } },
                "head": { "sha": "0000000000000000000000000000000000000000", "repo": { "full_name": head } }
            }
        });
        let path = self.path("event.json");
        std::fs::write(&path, event.to_string()).expect("event");
        path
    }

    /// A stub `gh` that appends its arguments to `gh.log` and, asked for the comments,
    /// answers `existing` (what `gh api --jq` would print: the marked comment's id, or
    /// nothing).
    fn gh(&self, existing: Option<&str>) {
        let script = format!(
            "#!/usr/bin/env bash\necho \"$*\" >> '{log}'\ncase \"$*\" in\n  *--method*) ;;\n  *comments*) {answer} ;;\nesac\n",
            log = self.path("gh.log").display(),
            answer = existing.map_or_else(|| "true".to_owned(), |id| format!("echo {id}")),
        );
        let gh = self.path("bin/gh");
        std::fs::write(&gh, script).expect("gh");
        make_executable(&gh);
    }

    /// Runs `.github/action/<script>` in `cwd` with the runner's variables and `env`.
    fn run(&self, script: &str, cwd: &Path, env: &[(&str, &str)]) -> Run {
        let plan_dir = Path::new(env!("CARGO_BIN_EXE_plan")).parent().expect("bin dir").to_owned();
        let path = std::env::join_paths(
            [self.path("bin"), plan_dir]
                .into_iter()
                .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .expect("PATH");
        for file in ["summary.md", "output.txt", "path.txt"] {
            std::fs::write(self.path(file), "").expect("reset");
        }
        let out = Command::new("bash")
            .arg(repo(".github/action").join(script))
            .current_dir(cwd)
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("PLAN_TODAY", TODAY)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_REPOSITORY", "plankoll/strategi")
            .env("GITHUB_STEP_SUMMARY", self.path("summary.md"))
            .env("GITHUB_OUTPUT", self.path("output.txt"))
            .env("GITHUB_PATH", self.path("path.txt"))
            .env("GITHUB_ACTION_PATH", repo(""))
            .env("RUNNER_TEMP", self.path("temp"))
            .env("RUNNER_TOOL_CACHE", self.path("tool-cache"))
            .envs(env.iter().copied())
            .output()
            .expect("bash runs");
        let read = |file: &str| std::fs::read_to_string(self.path(file)).unwrap_or_default();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            stderr: String::from_utf8_lossy(&out.stderr).into(),
            summary: read("summary.md"),
            output: read("output.txt"),
            gh: read("gh.log"),
        }
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

/// The workflow-command lines (`::error …`, `::warning …`) in a step's output.
fn annotations(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("::error ") || l.starts_with("::warning ")).collect()
}

#[test]
fn a_pull_request_annotates_its_own_findings_and_summarises_every_finding() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (root, base) = pull_request(tmp.path(), "");
    let runner = Runner::new();
    let run = runner.run("check.sh", &root, &[("PLAN_BASE_SHA", &base), ("PLAN_PATH", ".")]);

    let found = annotations(&run.stdout);
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert!(
        found[0].starts_with(&format!("::error file={CHANGED},line=15,")) && found[0].contains("P004"),
        "{}",
        found[0]
    );
    // The summary has every finding: the pull request's error and the 14 warnings.
    assert!(run.summary.contains("| fel | P004"), "{}", run.summary);
    assert_eq!(run.summary.matches("| varning | P010").count(), 14, "{}", run.summary);
    assert!(run.summary.contains(&format!("{CHANGED}:15:14")));
    // It fails as `plan check` fails on the whole repository.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.output.contains("exit-code=1\n"), "{}", run.output);
    assert!(!run.output.contains("sarif="));
}

#[test]
fn the_exit_code_is_plan_checks_on_the_whole_repository() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (root, base) = pull_request(tmp.path(), "");
    git(&root, &["checkout", "-q", "main"]);
    let runner = Runner::new();
    // Warnings alone pass, and every one is annotated when there is no pull request.
    let run = runner.run("check.sh", &root, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(annotations(&run.stdout).len(), 14, "{}", run.stdout);
    assert!(run.output.contains("exit-code=0\n"));
    // With deny-warnings they fail; the pull request changed nothing, so nothing is annotated.
    let run = runner.run("check.sh", &root, &[("PLAN_DENY_WARNINGS", "true"), ("PLAN_BASE_SHA", &base)]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(annotations(&run.stdout), Vec::<&str>::new());
    assert_eq!(run.summary.matches("| varning | P010").count(), 14);
    // A wrong input is a usage error, before plan runs.
    let run = runner.run("check.sh", &root, &[("PLAN_DENY_WARNINGS", "yes")]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("::error title=plankoll::the input deny-warnings"), "{}", run.stdout);
}

#[test]
fn a_base_commit_that_cannot_be_had_annotates_every_finding_with_a_warning() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (root, _) = pull_request(tmp.path(), "");
    let runner = Runner::new();
    let missing = "0123456789abcdef0123456789abcdef01234567";
    let run = runner.run("check.sh", &root, &[("PLAN_BASE_SHA", missing)]);
    assert!(
        run.stdout.contains(&format!("::warning title=plankoll::the base commit {missing} is not in the checkout"))
    );
    let found = annotations(&run.stdout);
    assert_eq!(found.iter().filter(|l| l.contains("P010")).count(), 14, "{}", run.stdout);
    assert_eq!(run.code, 1);
    // Something that is not a commit id is never handed to git or printed.
    let run = runner.run("check.sh", &root, &[("PLAN_BASE_SHA", "main;echo owned")]);
    assert!(run.stdout.contains("::warning title=plankoll::the base commit is not a commit id"), "{}", run.stdout);
    assert!(!run.stdout.contains("owned"));
}

#[test]
fn a_shallow_checkout_fetches_the_base_commit() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (origin, base) = pull_request(tmp.path(), "");
    let url = format!("file://{}", origin.display());
    let clone = tmp.path().join("clone");
    git(tmp.path(), &["clone", "-q", "--depth=1", "--branch", "feature", &url, "clone"]);
    assert!(
        Command::new("git")
            .args(["cat-file", "-e", &format!("{base}^{{commit}}")])
            .current_dir(&clone)
            .status()
            .is_ok_and(|s| !s.success())
    );
    let runner = Runner::new();
    let run = runner.run("check.sh", &clone, &[("PLAN_BASE_SHA", &base)]);
    assert_eq!(annotations(&run.stdout).len(), 1, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("::warning title=plankoll"), "{}", run.stdout);
}

#[test]
fn a_plan_in_a_subfolder_is_annotated_with_paths_from_the_git_root() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (root, base) = pull_request(tmp.path(), "strategi");
    let runner = Runner::new();
    let run = runner.run(
        "check.sh",
        &root,
        &[("PLAN_BASE_SHA", &base), ("PLAN_PATH", "strategi"), ("PLAN_SARIF", "true"), ("PLAN_LANG", "en")],
    );
    let found = annotations(&run.stdout);
    assert_eq!(found.len(), 1, "{}\n{}", run.stdout, run.stderr);
    assert!(found[0].starts_with(&format!("::error file=strategi/{CHANGED},line=15,")), "{}", found[0]);
    assert_eq!(run.code, 1);
    // SARIF is written and named in the step's outputs, with the same paths.
    let sarif = runner.path("temp/plankoll.sarif");
    assert!(run.output.contains(&format!("sarif={}\n", sarif.display())), "{}", run.output);
    let sarif: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(sarif).expect("sarif")).expect("JSON");
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri"))
        .collect();
    assert_eq!(uris.len(), 15);
    assert!(uris.iter().all(|u| u.starts_with("strategi/plans/")), "{uris:?}");
    // The language input reaches plan.
    assert!(run.summary.contains("| error | P004"), "{}", run.summary);
}

#[test]
fn a_marked_comment_is_updated_and_otherwise_one_is_posted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (root, base) = pull_request(tmp.path(), "");
    let runner = Runner::new();
    let event = runner.event(&base, "plankoll/strategi");
    let event = event.to_str().expect("UTF-8");
    let body = runner.path("temp/plankoll-diff.md");

    runner.gh(Some("4242"));
    let run = runner.run("comment.sh", &root, &[("GITHUB_EVENT_PATH", event), ("GH_TOKEN", "t")]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let calls: Vec<&str> = run.gh.lines().collect();
    assert_eq!(calls.len(), 2, "{}", run.gh);
    assert!(calls[0].starts_with("api --paginate repos/plankoll/strategi/issues/7/comments --jq "), "{}", calls[0]);
    assert!(calls[0].contains("<!-- plankoll:plan-diff -->"));
    assert_eq!(
        calls[1],
        format!("api --method PATCH repos/plankoll/strategi/issues/comments/4242 -F body=@{}", body.display())
    );
    let text = std::fs::read_to_string(&body).expect("body");
    assert!(text.starts_with("<!-- plankoll:plan-diff -->\n"), "{text}");
    assert!(text.contains("P004") && text.contains(CHANGED), "{text}");
    assert_eq!(run.summary, "");

    std::fs::remove_file(runner.path("gh.log")).expect("rm");
    runner.gh(None);
    let run = runner.run("comment.sh", &root, &[("GITHUB_EVENT_PATH", event), ("GH_TOKEN", "t")]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let calls: Vec<&str> = run.gh.lines().collect();
    assert_eq!(calls.len(), 2, "{}", run.gh);
    assert_eq!(
        calls[1],
        format!("api --method POST repos/plankoll/strategi/issues/7/comments -F body=@{}", body.display())
    );
}

#[test]
fn a_pull_request_from_a_fork_gets_the_diff_in_the_summary_and_never_fails() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (root, base) = pull_request(tmp.path(), "");
    let runner = Runner::new();
    runner.gh(Some("4242"));
    let event = runner.event(&base, "someone/strategi");
    let run = runner.run("comment.sh", &root, &[("GITHUB_EVENT_PATH", event.to_str().expect("UTF-8"))]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.gh, "", "no call to GitHub from a fork's pull request");
    assert!(run.stdout.contains("::notice title=plankoll::a pull request from a fork"), "{}", run.stdout);
    assert!(run.summary.contains("P004") && run.summary.contains(CHANGED), "{}", run.summary);

    // A gh that fails (no pull-requests: write) does not fail the job either.
    let gh = runner.path("bin/gh");
    std::fs::write(&gh, "#!/usr/bin/env bash\necho 'HTTP 403' >&2\nexit 1\n").expect("gh");
    make_executable(&gh);
    let event = runner.event(&base, "plankoll/strategi");
    let run = runner.run("comment.sh", &root, &[("GITHUB_EVENT_PATH", event.to_str().expect("UTF-8"))]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("::notice title=plankoll::could not read the pull request's comments"),
        "{}",
        run.stdout
    );
    assert!(run.summary.contains("P004"));
}

#[test]
fn every_runner_gets_its_release_archive() {
    let runner = Runner::new();
    let cwd = runner.dir.path();
    for (os, arch, target, ext) in [
        ("Linux", "X64", "x86_64-unknown-linux-gnu", "tar.gz"),
        ("Linux", "ARM64", "aarch64-unknown-linux-gnu", "tar.gz"),
        ("macOS", "X64", "x86_64-apple-darwin", "tar.gz"),
        ("macOS", "ARM64", "aarch64-apple-darwin", "tar.gz"),
        ("Windows", "X64", "x86_64-pc-windows-msvc", "zip"),
    ] {
        let run =
            runner.run("resolve.sh", cwd, &[("PLAN_VERSION", "v0.1.0"), ("RUNNER_OS", os), ("RUNNER_ARCH", arch)]);
        assert_eq!(run.code, 0, "{os}/{arch}: {}", run.stdout);
        let dir = runner.path("tool-cache/plankoll/0.1.0").join(target);
        assert_eq!(
            run.output,
            format!("version=0.1.0\ntarget={target}\narchive=plankoll-{target}.{ext}\ndir={}\n", dir.display())
        );
    }
    let run =
        runner.run("resolve.sh", cwd, &[("PLAN_VERSION", "0.1.0"), ("RUNNER_OS", "Windows"), ("RUNNER_ARCH", "ARM64")]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("use version: source"), "{}", run.stdout);
    let run =
        runner.run("resolve.sh", cwd, &[("PLAN_VERSION", "latest"), ("RUNNER_OS", "Linux"), ("RUNNER_ARCH", "X64")]);
    assert_eq!(run.code, 2);
}

/// A release folder as the release job writes it: `plankoll-T.tar.gz` with `plankoll-T/plan`
/// (here a script that prints a version) and `SHA256SUMS`.
fn fake_release(dir: &Path, target: &str) {
    let release = dir.join("v0.1.0");
    let folder = dir.join("build").join(format!("plankoll-{target}"));
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::create_dir_all(&release).expect("mkdir");
    std::fs::write(folder.join("plan"), "#!/bin/sh\necho 'plan 0.1.0 (fake)'\n").expect("plan");
    make_executable(&folder.join("plan"));
    let archive = format!("plankoll-{target}.tar.gz");
    let status = Command::new("tar")
        .args(["-czf", &release.join(&archive).display().to_string(), "-C", &dir.join("build").display().to_string()])
        .arg(format!("plankoll-{target}"))
        .status()
        .expect("tar");
    assert!(status.success());
    let sums = Command::new("sha256sum").arg(&archive).current_dir(&release).output().expect("sha256sum");
    std::fs::write(release.join("SHA256SUMS"), sums.stdout).expect("sums");
}

#[test]
fn the_release_archive_is_installed_only_when_its_checksum_matches() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let target = "x86_64-unknown-linux-gnu";
    fake_release(tmp.path(), target);
    let runner = Runner::new();
    let releases = format!("file://{}", tmp.path().display());
    let cache = runner.path("tool-cache/plankoll/0.1.0").join(target);
    let cache_str = cache.display().to_string();
    let archive = format!("plankoll-{target}.tar.gz");
    let env = [
        ("PLANKOLL_RELEASES", releases.as_str()),
        ("PLAN_VERSION", "0.1.0"),
        ("PLAN_TARGET", target),
        ("PLAN_ARCHIVE", archive.as_str()),
        ("PLAN_DIR", cache_str.as_str()),
    ];
    let run = runner.run("install.sh", runner.dir.path(), &env);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Downloading") && run.stdout.contains("plan 0.1.0 (fake)"), "{}", run.stdout);
    let bin = runner.path("temp/plankoll-bin").join(format!("plankoll-{target}"));
    let path = std::fs::read_to_string(runner.path("path.txt")).expect("GITHUB_PATH");
    assert_eq!(path, format!("{}\n", bin.display()));
    assert!(cache.join(&archive).is_file());

    // From the cache (actions/cache restored the folder), checked again.
    let run = runner.run("install.sh", runner.dir.path(), &env);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Using the cached") && !run.stdout.contains("Downloading"), "{}", run.stdout);

    // A cached archive that does not match is downloaded again; a download that does not
    // match fails, and nothing is put on PATH.
    std::fs::write(cache.join(&archive), "tampered").expect("tamper");
    let run = runner.run("install.sh", runner.dir.path(), &env);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Downloading"));
    std::fs::write(tmp.path().join("v0.1.0").join(&archive), "tampered").expect("tamper");
    std::fs::remove_file(cache.join(&archive)).expect("rm");
    let run = runner.run("install.sh", runner.dir.path(), &env);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("::error title=plankoll::{archive} has SHA-256 ")), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(runner.path("path.txt")).expect("GITHUB_PATH"), "");
    assert!(!cache.join(&archive).exists());
}

/// A YAML file of the repository.
fn yaml(rel: &str) -> yaml_rust2::Yaml {
    let text = std::fs::read_to_string(repo(rel)).expect(rel);
    yaml_rust2::YamlLoader::load_from_str(&text).expect(rel).remove(0)
}

#[test]
fn the_actions_default_version_is_cargo_tomls() {
    let action = yaml("action.yml");
    assert_eq!(action["inputs"]["version"]["default"].as_str(), Some(env!("CARGO_PKG_VERSION")));
}

/// The workflow and action files whose `uses:` and `run:` lines are checked.
const WORKFLOWS: &[&str] = &["action.yml", ".github/workflows/release.yml", "examples/ci/github-actions.yml"];

#[test]
fn every_action_is_pinned_to_a_commit_and_no_run_expands_an_expression() {
    for rel in WORKFLOWS {
        let text = std::fs::read_to_string(repo(rel)).expect(rel);
        let mut uses = 0;
        let mut block: Option<usize> = None;
        for line in text.lines() {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if block.is_some_and(|i| indent > i || trimmed.is_empty()) {
                assert!(!line.contains("${{"), "{rel}: an expression inside run: {line}");
                continue;
            }
            block = None;
            let key = trimmed.trim_start_matches("- ");
            if let Some(value) = key.strip_prefix("uses: ") {
                uses += 1;
                if value.starts_with("./") {
                    continue;
                }
                let (action, rest) = value.split_once('@').unwrap_or_else(|| panic!("{rel}: {value}"));
                let (sha, comment) =
                    rest.split_once(" # v").unwrap_or_else(|| panic!("{rel}: no # vX.Y.Z after {value}"));
                assert!(
                    sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
                    "{rel}: {action} is not pinned to a commit"
                );
                assert!(comment.split('.').count() == 3, "{rel}: {value}");
            }
            if let Some(value) = key.strip_prefix("run:") {
                assert!(!value.contains("${{"), "{rel}: an expression inside run: {line}");
                block = Some(indent);
            }
        }
        assert!(uses > 0, "{rel}");
    }
}

#[test]
fn the_example_pins_a_commit_of_this_repository_that_has_the_action() {
    let text = std::fs::read_to_string(repo("examples/ci/github-actions.yml")).expect("example");
    let pins: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_start().trim_start_matches("- ").strip_prefix("uses: plankoll/plankoll@"))
        .collect();
    assert!(!pins.is_empty());
    for pin in pins {
        let (sha, version) = pin.split_once(" # ").expect("# version");
        assert_eq!(version, format!("v{}", env!("CARGO_PKG_VERSION")));
        let out = Command::new("git")
            .args(["cat-file", "-e", &format!("{sha}:action.yml")])
            .current_dir(repo(""))
            .output()
            .expect("git");
        assert!(out.status.success(), "{sha} is not a commit of this repository with action.yml");
    }
}

/// Standard base64 with padding, as in a subresource-integrity hash.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_gitlab_example_includes_the_template_by_its_hash() {
    use sha2::Digest as _;
    let template = std::fs::read(repo("examples/ci/gitlab/plankoll.yml")).expect("template");
    let hash = base64(&sha2::Sha256::digest(&template));
    let example = yaml("examples/ci/gitlab/gitlab-ci.yml");
    let include = &example["include"][0];
    assert_eq!(
        include["integrity"].as_str(),
        Some(format!("sha256-{hash}").as_str()),
        "update integrity: in gitlab-ci.yml"
    );
    let remote = include["remote"].as_str().expect("remote");
    assert_eq!(
        remote,
        format!(
            "https://raw.githubusercontent.com/plankoll/plankoll/v{}/examples/ci/gitlab/plankoll.yml",
            env!("CARGO_PKG_VERSION")
        )
    );
    // The template's jobs run in the image of this version, each naming it (no top-level or
    // default image), with the entrypoint cleared for the runner's shell.
    let text = String::from_utf8(template).expect("UTF-8");
    let (header, jobs) = text.split_once("\n---\n").expect("a spec: header, then ---");
    let header = yaml_rust2::YamlLoader::load_from_str(header).expect("header").remove(0);
    assert_eq!(
        header["spec"]["inputs"]["image"]["default"].as_str(),
        Some(format!("ghcr.io/plankoll/plankoll:{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    let jobs = yaml_rust2::YamlLoader::load_from_str(jobs).expect("jobs").remove(0);
    assert!(jobs["image"].is_badvalue() && jobs["default"].is_badvalue());
    for job in ["plankoll-check", "pages"] {
        assert_eq!(jobs[job]["image"]["name"].as_str(), Some("$[[ inputs.image ]]"), "{job}");
        assert_eq!(jobs[job]["image"]["entrypoint"][0].as_str(), Some(""), "{job}");
    }
    assert_eq!(
        jobs["plankoll-check"]["artifacts"]["reports"]["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );
}
