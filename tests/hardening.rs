//! The promises of docs/SECURITY.md about the file system, attacked: processes killed while
//! they write, two processes writing one file at once, links, pipes and devices where files
//! should be, output folders that are not what they seem, a full disk, a mount point, and
//! a plan file or repository built to exhaust memory. Each case runs the real binary.

#![cfg(unix)]

mod common;

use common::{copy_dir, repo};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary as a std `Command` (which can be spawned and killed), with a clean environment.
fn plan() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("plan"));
    for var in ["PLAN_LANG", "PLAN_TODAY", "NO_COLOR", "PLAN_TEST_FAIL_AFTER", "PLAN_TEST_STOP_AFTER"] {
        cmd.env_remove(var);
    }
    cmd
}

fn outcome(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file below `dir` whose name a writer gives its temporary files.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy();
            n.starts_with(".plan-") && n != ".plan-render" || n.contains(".tmp-") || n.contains(".old-")
        })
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// A copy of the site fixture in `dir/repo`.
fn site_repo(dir: &Path) -> PathBuf {
    let root = dir.join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    root
}

fn render(root: &Path, out: &Path) -> Command {
    let mut cmd = plan();
    cmd.arg("render").arg(root).arg("--out").arg(out);
    cmd
}

/// Starts `cmd` and kills it (SIGKILL) after `after`; returns whether it was still running.
fn kill_after(cmd: &mut Command, after: Duration) -> bool {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawns");
    std::thread::sleep(after);
    let running = child.try_wait().expect("wait").is_none();
    let _ = child.kill();
    let _ = child.wait();
    running
}

// --- Crash consistency -------------------------------------------------------------------

#[test]
fn renders_killed_at_any_moment_leave_nothing_that_the_next_render_does_not_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let sites = dir.path().join("sites");
    let out = sites.join("public");
    // A render's time, warm (the first run also pays for cold caches, and renders after it
    // would end before most of the kills spread over it).
    let mut once = Duration::MAX;
    for _ in 0..2 {
        let started = Instant::now();
        assert_eq!(outcome(&mut render(&root, &out)).0, 0);
        once = once.min(started.elapsed());
    }
    // Killed right after a page (as a crash would), and by SIGKILL at moments spread over
    // a render's run.
    for page in ["index.html", "malomraden/MO1.html"] {
        let (code, ..) = outcome(render(&root, &out).env("PLAN_TEST_STOP_AFTER", page));
        assert_ne!(code, 0, "{page}: the injected stop happened");
    }
    let mut killed = 0;
    for i in 0..12 {
        killed += usize::from(kill_after(&mut render(&root, &out), once * i / 12));
    }
    assert!(killed >= 8, "most renders were killed while running ({killed} of 12 in {once:?})");
    assert!(out.join("index.html").is_file(), "a site is always in place");
    assert_eq!(outcome(&mut render(&root, &out)).0, 0);
    assert_eq!(names(&sites), ["public"], "the next render removed every leftover");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn a_site_moved_aside_by_a_killed_render_is_put_back_by_the_next_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let out = dir.path().join("public");
    assert_eq!(outcome(&mut render(&root, &out)).0, 0);
    let before = std::fs::read(out.join("index.html")).expect("page");
    // What a render killed between its two renames leaves (on systems without an atomic
    // exchange): the site moved aside under a dead process's id, and no site.
    std::fs::rename(&out, dir.path().join(format!(".public.old-{}-1", i32::MAX - 1))).expect("move aside");
    // Even a render that then fails puts it back first.
    let (code, ..) = outcome(render(&root, &out).env("PLAN_TEST_FAIL_AFTER", "index.html"));
    assert_eq!(code, 2);
    assert_eq!(std::fs::read(out.join("index.html")).expect("restored"), before);
    assert_eq!(names(dir.path()), ["public", "repo"]);
}

#[test]
fn readers_always_find_a_site_while_it_is_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let out = dir.path().join("public");
    assert_eq!(outcome(&mut render(&root, &out)).0, 0);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (page, flag) = (out.join("index.html"), stop.clone());
    let reader = std::thread::spawn(move || {
        let (mut looks, mut missing) = (0u32, 0u32);
        while !flag.load(std::sync::atomic::Ordering::Relaxed) {
            looks += 1;
            missing += u32::from(std::fs::read(&page).map_or(true, |b| b.is_empty()));
        }
        (looks, missing)
    });
    for _ in 0..8 {
        assert_eq!(outcome(&mut render(&root, &out)).0, 0);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (looks, missing) = reader.join().expect("reader");
    assert!(looks > 100, "the reader looked often ({looks})");
    assert_eq!(missing, 0, "index.html was missing or empty {missing} times in {looks}");
}

#[test]
fn edits_killed_at_any_moment_leave_the_file_whole_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    let file = root.join("plans/ap-2024.yaml");
    let new = || {
        let mut cmd = plan();
        cmd.current_dir(&root).args(["new", "activity", "--plan", "ap-2024", "--title", "Ny"]);
        cmd
    };
    for i in 0..15 {
        kill_after(&mut new(), Duration::from_millis(10 * i));
        let text = std::fs::read_to_string(&file).expect("the file is there");
        assert!(text.starts_with("# Aktivitetsplan för 2024"), "the file is whole after kill {i}");
    }
    let (code, _, err) = outcome(&mut new());
    assert_eq!(code, 0, "{err}");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    let (code, out, _) = outcome(plan().arg("check").arg(&root).args(["--format", "json"]));
    assert!(!out.contains("\"P001\""), "exit {code}: the file still parses");
}

/// Mounts a tmpfs of `size` at `at`; false when this machine does not let the tests mount
/// (not root), and the test then says so and checks nothing more.
fn mount_tmpfs(at: &Path, size: &str) -> bool {
    std::fs::create_dir_all(at).expect("mkdir");
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: cannot mount a tmpfs here (needs root, as in .ci/run)");
    }
    ok
}

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn init_on_a_full_disk_leaves_nothing_and_can_simply_be_run_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let disk = dir.path().join("disk");
    if !mount_tmpfs(&disk, "24k") {
        return;
    }
    let _mounted = Mounted(disk.clone());
    let target = disk.join("nacka");
    let init = || {
        let mut cmd = plan();
        cmd.arg("init").arg(&target).args(["--kommun", "Nacka"]).env("PLAN_TODAY", "2025-03-01");
        cmd
    };
    let (code, _, err) = outcome(&mut init());
    assert_eq!(code, 2, "the disk is too small: {err}");
    assert!(err.contains("disken är full"), "{err}");
    assert!(names(&disk).is_empty(), "nothing half-made is left: {:?}", names(&disk));
    let grown = Command::new("mount").args(["-o", "remount,size=8m"]).arg(&disk).status().expect("remount");
    assert!(grown.success());
    let (code, _, err) = outcome(&mut init());
    assert_eq!(code, 0, "{err}");
    assert_eq!(names(&disk), ["nacka"]);
    assert_eq!(outcome(plan().arg("check").arg(&target)).0, 0);
}

#[test]
fn a_mount_point_is_written_in_place_file_by_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let out = dir.path().join("public");
    if !mount_tmpfs(&out, "32m") {
        return;
    }
    let _mounted = Mounted(out.clone());
    for round in 0..2 {
        let (code, _, err) = outcome(&mut render(&root, &out));
        assert_eq!(code, 0, "round {round}: {err}");
    }
    assert!(out.join("index.html").is_file());
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    // A page the plan no longer has is removed; a file of someone else's stops the render.
    std::fs::remove_file(root.join("plans/lokal/aktivitetsplan-2025.yaml")).ok();
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").expect("mountinfo");
    assert!(mounts.contains(out.to_str().expect("UTF-8")), "still a mount point");
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    let (code, _, err) = outcome(&mut render(&root, &out));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("notes.txt"), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).expect("kept"), "mine");
}

// --- Lost updates ------------------------------------------------------------------------

/// Starts every command at once, waits for them all, asserts that each exited 0 and returns
/// what each wrote to stdout.
fn all_at_once(commands: impl IntoIterator<Item = Command>) -> Vec<String> {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut cmd| cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawns"))
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("waits");
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

#[test]
fn activities_added_at_the_same_moment_all_get_their_own_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    let outputs = all_at_once((0..6).map(|i| {
        let mut cmd = plan();
        cmd.current_dir(&root).args(["new", "activity", "--plan", "ap-2024", "--title", &format!("Samtidig {i}")]);
        cmd
    }));
    let mut ids: Vec<String> =
        outputs.iter().map(|out| out.split_whitespace().next().expect("an id").to_owned()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "six different ids: {ids:?}");
    let text = std::fs::read_to_string(root.join("plans/ap-2024.yaml")).expect("read");
    for i in 0..6 {
        assert!(text.contains(&format!("Samtidig {i}")), "activity {i} is in the file");
    }
    for id in &ids {
        assert_eq!(text.matches(&format!("id: {id}\n")).count(), 1, "{id} once");
    }
}

#[test]
fn two_imports_into_one_file_at_once_keep_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    let sheets: Vec<PathBuf> = (10..14)
        .map(|n| {
            let csv = dir.path().join(format!("{n}.csv"));
            let row = format!("id;titel;status;ansvarig;inriktningar\nAP-2024-{n};Rad {n};planerad;region;MO1.1\n");
            std::fs::write(&csv, row).expect("write");
            csv
        })
        .collect();
    all_at_once(sheets.iter().map(|csv| {
        let mut cmd = plan();
        cmd.current_dir(&root).arg("import").arg(csv).args(["--into", "plans/ap-2024.yaml", "--force"]);
        cmd
    }));
    let text = std::fs::read_to_string(root.join("plans/ap-2024.yaml")).expect("read");
    for n in 10..14 {
        assert!(text.contains(&format!("id: AP-2024-{n}")), "the rows of sheet {n} are kept");
    }
}

// --- Reading outside the repository ------------------------------------------------------

#[test]
fn a_templates_folder_or_template_that_is_a_link_is_refused_and_nothing_outside_is_published() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("index.html"), "SECRET {{ site.title }}").expect("write");
    symlink(&outside, root.join("templates")).expect("symlink");
    let out = dir.path().join("public");
    let (code, _, err) = outcome(&mut render(&root, &out));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("templates") && err.contains("symbolisk länk"), "{err}");
    assert!(!out.exists());
    std::fs::remove_file(root.join("templates")).expect("rm");
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    symlink(outside.join("index.html"), root.join("templates/index.html")).expect("symlink");
    let (code, _, err) = outcome(&mut render(&root, &out));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("index.html") && err.contains("symbolisk länk"), "{err}");
    assert!(!out.exists());
}

#[test]
fn plan_toml_as_a_link_to_a_device_or_as_a_pipe_is_a_clear_error_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let settings = root.join("plan.toml");
    std::fs::remove_file(&settings).ok();
    symlink("/dev/zero", &settings).expect("symlink");
    let started = Instant::now();
    let (code, _, err) = outcome(plan().arg("check").arg(&root));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("plan.toml") && err.contains("symbolisk länk"), "{err}");
    std::fs::remove_file(&settings).expect("rm");
    let made = Command::new("mkfifo").arg(&settings).status().expect("mkfifo");
    assert!(made.success());
    let (code, _, err) = outcome(plan().arg("check").arg(&root));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("plan.toml") && err.contains("ingen vanlig fil"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20), "neither read for ever nor waited");
}

#[test]
fn settings_and_templates_over_a_mebibyte_are_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    let template = std::fs::File::create(root.join("templates/index.html")).expect("create");
    template.set_len(1024 * 1024 + 1).expect("set_len");
    let (code, _, err) = outcome(&mut render(&root, &dir.path().join("public")));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("index.html: är för stor (1.0 MiB; gränsen är 1 MiB)"), "{err}");
    let settings = std::fs::File::create(root.join("plan.toml")).expect("create");
    settings.set_len(2 * 1024 * 1024).expect("set_len");
    let (code, _, err) = outcome(plan().arg("check").arg(&root));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("plan.toml: är för stor (2 MiB; gränsen är 1 MiB)"), "{err}");
}

// --- Writing outside the output folder ---------------------------------------------------

#[test]
fn an_output_folder_that_is_a_link_is_refused_even_with_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("thesis.docx"), "years of work").expect("write");
    // The repository ships `public -> ../elsewhere`; so does a link further up the way.
    symlink(&elsewhere, root.join("public")).expect("symlink");
    for out in [root.join("public"), root.join("public/site")] {
        let (code, _, err) = outcome(render(&root, &out).arg("--force"));
        assert_eq!(code, 2, "{}: {err}", out.display());
        assert!(err.contains("symbolisk länk"), "{err}");
    }
    assert_eq!(names(&elsewhere), ["thesis.docx"]);
}

#[test]
fn a_planted_marker_does_not_make_a_folder_a_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    std::fs::write(docs.join("letter.txt"), "keep me").expect("write");
    let marker = docs.join(".plan-render");
    // The marker of earlier versions, a link to a real marker, and a list without the file.
    let real = dir.path().join("public");
    assert_eq!(outcome(&mut render(&root, &real)).0, 0);
    let plants: [&dyn Fn(); 3] = [
        &|| std::fs::write(&marker, "This folder was written by `plan render`.\n").expect("write"),
        &|| symlink(real.join(".plan-render"), &marker).expect("symlink"),
        &|| {
            let list = std::fs::read_to_string(real.join(".plan-render")).expect("marker");
            std::fs::write(&marker, list).expect("write");
        },
    ];
    for plant in plants {
        let _ = std::fs::remove_file(&marker);
        plant();
        let (code, _, err) = outcome(&mut render(&root, &docs));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("letter.txt"), "the message names the foreign file: {err}");
        assert_eq!(std::fs::read_to_string(docs.join("letter.txt")).expect("kept"), "keep me");
    }
}

#[test]
fn git_folders_and_other_repositories_are_never_output_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    std::fs::create_dir_all(root.join(".git/objects")).expect("mkdir");
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").expect("write");
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    std::fs::write(other.join("plan.toml"), "").expect("write");
    for out in [root.join(".git"), root.join(".git/site"), other.clone()] {
        let (code, _, err) = outcome(render(&root, &out).arg("--force"));
        assert_eq!(code, 2, "{}: {err}", out.display());
        assert!(err.contains(".git") || err.contains("repositorium"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(root.join(".git/HEAD")).expect("kept"), "ref: refs/heads/main\n");
    assert_eq!(names(&other), ["plan.toml"]);
}

#[test]
fn export_and_report_never_replace_a_plan_file_or_the_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    let orgs = root.join("plans/organisationer.yaml");
    let before = std::fs::read(&orgs).expect("read");
    let settings = std::fs::read(root.join("plan.toml")).expect("read");
    for (command, out) in [
        ("export", "plans/organisationer.yaml"),
        ("export", "plans/lokal"),
        ("report", "plan.toml"),
        ("report", ".git/x.html"),
    ] {
        let format: &[&str] = if command == "export" { &["--format", "csv"] } else { &[] };
        let (code, _, err) = outcome(plan().current_dir(&root).arg(command).args(format).args(["--out", out]));
        assert_eq!(code, 2, "{command} --out {out}: {err}");
        assert!(err.contains("skulle skriva över en del av repositoriet"), "{err}");
    }
    assert_eq!(std::fs::read(&orgs).expect("read"), before);
    assert_eq!(std::fs::read(root.join("plan.toml")).expect("read"), settings);
    assert!(!root.join(".git").exists());
}

#[test]
fn a_county_never_writes_into_a_municipality_it_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(dir.path());
    let nacka = county.join("kommuner/nacka/plans");
    let before: Vec<String> =
        walkdir::WalkDir::new(&nacka).into_iter().flatten().map(|e| e.path().display().to_string()).collect();
    let (code, _, err) = outcome(render(&county, &nacka.join("site")).arg("--force"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("kommuner/nacka"), "{err}");
    let (code, _, err) =
        outcome(plan().arg("export").arg(&county).args(["--format", "csv", "--out"]).arg(nacka.join("nacka/x.csv")));
    assert_eq!(code, 2, "{err}");
    let after: Vec<String> =
        walkdir::WalkDir::new(&nacka).into_iter().flatten().map(|e| e.path().display().to_string()).collect();
    assert_eq!(before, after);
}

/// Every file below `dir` with its content, for "nothing changed" assertions.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).expect("read")))
        .collect()
}

#[test]
fn a_missing_folder_and_dot_dot_do_not_lead_an_output_past_the_checks() {
    // `missing/../link/x`: the kernel makes `missing`, goes back up and follows the link, so
    // the checks must judge the place the path leads to, not its text.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = site_repo(dir.path());
    std::fs::create_dir_all(root.join(".git")).expect("mkdir");
    std::fs::write(root.join(".git/description"), "the history\n").expect("write");
    symlink(root.join("plans"), dir.path().join("plans-link")).expect("symlink");
    symlink(&root, dir.path().join("repo-link")).expect("symlink");
    symlink(root.join(".git"), dir.path().join("git-link")).expect("symlink");
    symlink(root.join("plans/kommun"), root.join("pl")).expect("symlink");
    let before = (
        contents(&root.join("plans")),
        contents(&root.join(".git")),
        std::fs::read(root.join("plan.toml")).expect("read"),
    );
    let via = |missing: &str, rest: &str| dir.path().join(missing).join("..").join(rest);
    for out in [via("m1", "plans-link/kommun"), via("m2", "plans-link/kommun/site"), via("m3", "git-link/site")] {
        let (code, _, err) = outcome(render(&root, &out).arg("--force"));
        assert_eq!(code, 2, "{}: {err}", out.display());
    }
    for (command, out) in [
        ("report", via("m4", "repo-link/plan.toml")),
        ("export", via("m5", "git-link/description")),
        ("export", root.join("m6/../pl/aktivitetsplan-2025.yaml")),
    ] {
        let format: &[&str] = if command == "export" { &["--format", "csv"] } else { &[] };
        let (code, _, err) = outcome(plan().arg(command).arg(&root).args(format).arg("--out").arg(&out));
        assert_eq!(code, 2, "{command} --out {}: {err}", out.display());
        assert!(err.contains("skulle skriva över en del av repositoriet"), "{err}");
    }
    let after = (
        contents(&root.join("plans")),
        contents(&root.join(".git")),
        std::fs::read(root.join("plan.toml")).expect("read"),
    );
    assert!(before == after, "nothing in the repository changed");
}

#[test]
fn an_import_never_writes_through_a_link_or_out_of_its_plan_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("b.yaml"), "precious: true\n").expect("write");
    symlink(&outside, root.join("plans/lnk")).expect("symlink");
    let sheet = repo("tests/data/import/sheets/aktiviteter.csv");
    for into in ["plans/lnk/b.yaml", "plans/missing/../lnk/b.yaml", "plans/lnk/../../x.yaml"] {
        let (code, _, err) = outcome(plan().current_dir(&root).arg("import").arg(&sheet).args(["--into", into]));
        assert_eq!(code, 2, "{into}: {err}");
        assert!(err.contains("symbolisk länk"), "{into}: {err}");
    }
    assert_eq!(std::fs::read_to_string(outside.join("b.yaml")).expect("read"), "precious: true\n");
    assert_eq!(names(&outside), ["b.yaml"]);
    assert!(!root.join("plans/missing").exists() && !dir.path().join("x.yaml").exists());
}

#[test]
fn two_repositories_that_share_a_plan_folder_take_turns() {
    // An outer repository whose plan folder is an inner repository's: `plan new activity`
    // in each at once writes one file, so they must wait for each other.
    let dir = tempfile::tempdir().expect("tempdir");
    let outer = dir.path().join("outer");
    let inner = outer.join("inner");
    copy_dir(&repo("tests/data/import/repo"), &inner);
    std::fs::write(outer.join("plan.toml"), "plans = [\"inner/plans\"]\n").expect("write");
    all_at_once((0..8).map(|i| {
        let at = if i % 2 == 0 { &outer } else { &inner };
        let mut cmd = plan();
        cmd.args(["new", "activity", "--plan", "ap-2024", "--title", &format!("Samtidig {i}")]).arg(at);
        cmd
    }));
    let text = std::fs::read_to_string(inner.join("plans/ap-2024.yaml")).expect("read");
    for i in 0..8 {
        assert!(text.contains(&format!("Samtidig {i}")), "activity {i} is in the file:\n{text}");
    }
    let mut ids: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "every id once: {text}");
}

// --- Silent skips and memory -------------------------------------------------------------

#[test]
fn a_folder_that_cannot_be_read_is_a_finding_not_a_silent_skip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("plans")).expect("mkdir");
    std::fs::write(root.join("plans/organisationer.yaml"), "typ: organisationer\norganisationer: []\n").expect("w");
    // A path longer than the system allows (PATH_MAX is 4096): its folder cannot be listed.
    let mut deep = root.join("plans");
    for _ in 0..22 {
        deep.push("a".repeat(200));
        let rel = deep.strip_prefix(root).expect("rel").to_path_buf();
        // Made one level at a time from the parent, as no single call may take the whole path.
        let parent = rel.parent().expect("parent").to_path_buf();
        let made = Command::new("mkdir").arg(rel.file_name().expect("name")).current_dir(root.join(parent)).status();
        if !made.is_ok_and(|s| s.success()) {
            break;
        }
    }
    let (code, out, _) = outcome(plan().arg("check").arg(root).args(["--format", "json"]));
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let finding = doc["diagnostics"].as_array().expect("list").iter().find(|d| d["code"] == "P001").expect("a P001");
    assert!(finding["file"].as_str().expect("file").ends_with("aaaa/"), "{finding}");
    assert!(finding["message"].as_str().expect("message").starts_with("mappen kunde inte läsas"), "{finding}");
}

/// `plan check --format json` under 4 GiB of address space and 60 s of CPU.
fn check_bounded(root: &Path) -> (i32, serde_json::Value, String) {
    let out = Command::new("prlimit")
        .args(["--as=4294967296", "--cpu=60", "--"])
        .arg(assert_cmd::cargo::cargo_bin("plan"))
        .args(["check", "--format", "json"])
        .arg(root)
        .env_remove("PLAN_LANG")
        .output()
        .expect("prlimit runs");
    let code = out.status.code().unwrap_or(-1);
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (code, doc, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn four_million_tiny_values_are_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    let mut text = String::from("typ: aktivitetsplan\nid: x\naktiviteter:\n");
    text.push_str(&"- a\n".repeat(4_000_000));
    std::fs::write(dir.path().join("plans/a.yaml"), &text).expect("write");
    let (code, doc, err) = check_bounded(dir.path());
    assert_eq!(code, 1, "{err}");
    let findings = doc["diagnostics"].as_array().expect("list");
    assert_eq!(findings.len(), 1, "one finding, not millions");
    assert_eq!(findings[0]["code"], "P001");
    // Three lines of header hold the root mapping, its three keys, two values and the list:
    // seven values, so the 2,000,001st is the list's item 1,999,994, on line 1,999,997.
    assert_eq!(findings[0]["line"], 1_999_997, "at the value past the limit");
    assert_eq!(
        findings[0]["message"],
        "filen har fler än 2 000 000 värden; dela upp den i flera filer (till exempel en aktivitetsplan per år)"
    );
}

#[test]
fn a_file_of_a_million_mistakes_keeps_a_thousand_findings_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    let mut text = String::from("typ: aktivitetsplan\nid: x\nhandlingsplan: h\når: 2025\naktiviteter:\n");
    text.push_str(&"- a\n".repeat(1_000_000));
    std::fs::write(dir.path().join("plans/a.yaml"), &text).expect("write");
    let (code, doc, err) = check_bounded(dir.path());
    assert_eq!(code, 1, "{err}");
    let findings = doc["diagnostics"].as_array().expect("list");
    let loading = findings.iter().filter(|d| d["code"] == "P001" || d["code"] == "P002").count();
    assert_eq!(loading, 1000);
    let notes: Vec<&str> = findings.iter().filter_map(|d| d["note"].as_str()).filter(|n| !n.is_empty()).collect();
    assert_eq!(notes, ["filen har 999 000 fynd till som inte visas; rätta de här först och kör `plan check` igen"]);
}

#[test]
fn a_repository_of_more_than_512_mib_of_plan_files_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    // Sparse files: large to the file system, costless to make, each under the file limit.
    for i in 0..33 {
        let file = std::fs::File::create(dir.path().join(format!("plans/f{i:02}.yaml"))).expect("create");
        file.set_len(16 * 1024 * 1024).expect("set_len");
    }
    let started = Instant::now();
    let (code, _, err) = outcome(plan().arg("check").arg(dir.path()));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("är 528 MiB tillsammans; plan läser högst 512 MiB i ett repositorium"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "nothing was read");
}
