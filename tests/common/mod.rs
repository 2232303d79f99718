//! Helpers shared by the integration tests that run the real `plan` binary.

#![allow(dead_code)]

use assert_cmd::Command;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The binary with a clean environment: no inherited language, date, colour or test hooks.
pub fn plan() -> Command {
    let mut cmd = Command::cargo_bin("plan").expect("binary");
    cmd.env_remove("PLAN_LANG").env_remove("PLAN_TODAY").env_remove("NO_COLOR").env_remove("PLAN_TEST_FAIL_AFTER");
    cmd
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Runs the binary and returns its exit code, stdout and stderr.
pub fn outcome(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// A county repository in `dir` that reads three municipalities' repositories, each made
/// with `plan init --kommun` and given activities through `plan new activity`, on the check
/// date 2026-06-30: Nacka (two activities, one followed up, its site published at a url),
/// Solna (one activity) and Vaxholm (none). The county's own repository holds the county
/// plan and the organisations, as this project's `plans/` does.
pub fn county_with_sources(dir: &Path) -> PathBuf {
    let county = dir.join("lan");
    copy_dir(&repo("plans"), &county.join("plans"));
    for kommun in ["Nacka", "Solna", "Vaxholm"] {
        let folder = county.join("kommuner").join(kommun.to_lowercase());
        let (code, _, err) =
            outcome(plan().arg("init").arg(&folder).args(["--kommun", kommun]).env("PLAN_TODAY", "2026-03-01"));
        assert_eq!(code, 0, "{kommun}: {err}");
    }
    let new = |kommun: &str, args: &[&str]| {
        let folder = county.join("kommuner").join(kommun);
        let plan_id = format!("{kommun}-2026");
        let (code, _, err) = outcome(plan().args(["new", "activity", "--plan", &plan_id]).args(args).arg(&folder));
        assert_eq!(code, 0, "{kommun}: {err}");
    };
    new("nacka", &["--title", "Utbilda i SIP", "--owner", "nacka", "--direction", "MO2.3"]);
    new("nacka", &["--title", "Gemensam hemgångsrutin", "--owner", "nacka", "--direction", "MO1.2"]);
    new("solna", &["--title", "Samverkan med vårdcentralen", "--owner", "solna", "--direction", "MO1.1"]);
    // Nacka follows up its first activity.
    let file = county.join("kommuner/nacka/plans/nacka/aktivitetsplan-2026.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let text = text.replacen(
        "    status: planerad\n",
        "    status: pågående\n    uppföljning:\n      - { datum: 2026-04-30, status: pågående, kommentar: Första gruppen utbildad. }\n",
        1,
    );
    std::fs::write(&file, text).expect("write");
    std::fs::write(
        county.join("plan.toml"),
        "today = 2026-06-30\n\n[site]\ntitle = \"God och nära vård i Stockholms län\"\npublisher = \"Storsthlm\"\n\n[[sources]]\npath = \"kommuner/nacka\"\nurl = \"https://www.example.se/nacka/plan/\"\n\n[[sources]]\npath = \"kommuner/solna\"\n\n[[sources]]\npath = \"kommuner/vaxholm\"\n",
    )
    .expect("plan.toml");
    county
}

/// A running `plan serve`, killed when dropped, so that a failing test leaves nothing running.
pub struct Served {
    /// The process.
    pub child: Child,
    /// The port it printed.
    pub port: u16,
    /// What it has written to stderr so far.
    pub err: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// What the server has written to stderr so far.
    pub fn stderr(&self) -> String {
        self.err.lock().expect("lock").clone()
    }

    /// The address of its start page.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

/// Starts `plan serve ROOT --port 0 EXTRA…` (with a clean environment, changed further by
/// `setup`) and waits for the address it prints.
pub fn serve(root: &Path, extra: &[&str], setup: impl FnOnce(&mut std::process::Command)) -> Served {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("plan"));
    cmd.arg("serve").arg(root).args(["--port", "0"]).args(extra);
    cmd.env_remove("PLAN_LANG").env_remove("PLAN_TODAY").env_remove("NO_COLOR");
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    setup(&mut cmd);
    let mut child = cmd.spawn().expect("spawns");
    let stderr = child.stderr.take().expect("stderr");
    let err = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let err = err.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let port: String = line[at + 17..].chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().expect("a port"));
                }
                let mut err = err.lock().expect("lock");
                err.push_str(&line);
                err.push('\n');
            }
        });
    }
    let mut served = Served { child, port: 0, err };
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(port) => served.port = port,
        Err(_) => panic!("no address printed:\n{}", served.stderr()),
    }
    served
}

/// `tests/data/site` with one more aktivitetsplan of `n` activities that all trace to
/// MO2.2, are owned by `kommunen`, and ended 2025-03-31 without being finished (overdue at
/// the fixture's check date): long enough tables to be split into pages.
#[allow(dead_code)]
pub fn site_with_long_lists(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    let mut yaml =
        String::from("typ: aktivitetsplan\nid: lang-lista\nhandlingsplan: kommunplan\når: 2025\naktiviteter:\n");
    for i in 1..=n {
        yaml.push_str(&format!(
            "  - id: L-{i:04}\n    titel: Lång lista {i}\n    inriktningar: [MO2.2]\n    ansvarig: kommunen\n    slut: 2025-03-31\n    status: pågående\n"
        ));
    }
    std::fs::write(root.join("plans/kommun/lang-lista.yaml"), yaml).expect("write the long plan");
    root
}

/// Runs git in `dir` with a fixed identity and time (author, committer and tagger).
pub fn git_at(dir: &Path, args: &[&str], date: &str) {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.se", "-c", "commit.gpgsign=false"])
        .args(["-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The changelog's fixture: a small plan in a new git repository `dir/repo` with four
/// commits and two decisions.
///
/// 1. 2025-01-10: the plan (målområde MO1 with MO1.1 and MO1.2; activities ),
///    tagged `v1.0` (annotated, "Antagen av styrgruppen", tagged 2025-01-15 10:00 +01:00).
/// 2. 2025-03-01: a README only, tagged `readme` (lightweight): no decision.
/// 3. 2025-04-01 09:00 +02:00, subject `Beslut <b>&amp; ]]>` and a control character: A-1
///    becomes pågående under kommunen with a follow-up, A-2 is removed, A-3 (a title with
///    markup) is added, MO1.1 is reworded (lokala → regionala); tagged `v2.0` (lightweight).
/// 4. 2025-05-01: A-3 becomes pågående, untagged.
///
/// With `tags = false` no tag is made, so the decisions are the commits 4, 3 and 1.
pub fn git_site_with_decisions(dir: &Path, tags: bool) -> PathBuf {
    let root = dir.join("repo");
    let plans = root.join("plans");
    std::fs::create_dir_all(&plans).expect("mkdir");
    let write = |name: &str, text: &str| std::fs::write(root.join(name), text).expect("write");
    write("plan.toml", "today = 2025-06-30\n\n[site]\ntitle = \"Ändringsplanen\"\npublisher = \"Testlänet\"\n");
    write(
        "plans/organisationer.yaml",
        "typ: organisationer\norganisationer:\n  - { id: styrgruppen, namn: Styrgruppen, kategori: styrgrupp }\n  - { id: regionen, namn: Regionen, kategori: region }\n  - { id: kommunen, namn: Kommunen, kategori: kommun, kommunkod: \"0999\" }\n",
    );
    let lan = "typ: handlingsplan\nid: lan\nnamn: Testplan\nperiod: { från: 2024, till: 2030 }\nägare: styrgruppen\nmålområden:\n  - id: MO1\n    nummer: 1\n    namn: Sömlös vård\n    kännetecken: Samordnad vård.\n    inriktningar:\n      - id: MO1.1\n        text: Förstärka den lokala samverkan.\n      - id: MO1.2\n        text: Samordna vårdövergångar.\n";
    write("plans/lan.yaml", lan);
    let head = "typ: aktivitetsplan\nid: plan-2025\nhandlingsplan: lan\når: 2025\naktiviteter:\n";
    let a1 = "  - id: A-1\n    titel: Gemensam rutin\n    inriktningar: [MO1.1]\n    ansvarig: regionen\n    status: planerad\n";
    let a2 = "  - id: A-2\n    titel: Gammal aktivitet\n    inriktningar: [MO1.2]\n    ansvarig: kommunen\n    status: planerad\n";
    write("plans/plan-2025.yaml", &format!("{head}{a1}{a2}"));
    git_at(&root, &["init", "-q"], "2025-01-10T12:00:00+01:00");
    git_at(&root, &["add", "-A"], "2025-01-10T12:00:00+01:00");
    git_at(&root, &["commit", "-q", "-m", "Planen"], "2025-01-10T12:00:00+01:00");
    if tags {
        git_at(&root, &["tag", "-a", "v1.0", "-m", "Antagen av styrgruppen"], "2025-01-15T10:00:00+01:00");
    }
    write("README.md", "Planen.\n");
    git_at(&root, &["add", "-A"], "2025-03-01T12:00:00+01:00");
    git_at(&root, &["commit", "-q", "-m", "README"], "2025-03-01T12:00:00+01:00");
    if tags {
        git_at(&root, &["tag", "readme"], "2025-03-01T12:00:00+01:00");
    }
    write("plans/lan.yaml", &lan.replace("den lokala samverkan", "den regionala samverkan"));
    let a1 = "  - id: A-1\n    titel: Gemensam rutin\n    inriktningar: [MO1.1]\n    ansvarig: kommunen\n    status: pågående\n    uppföljning:\n      - { datum: 2025-03-20, status: pågående, kommentar: Startad. }\n";
    let a3 = |status: &str| {
        format!(
            "  - id: A-3\n    titel: \"Ny <aktivitet> & ]]>\"\n    inriktningar: [MO1.2]\n    ansvarig: regionen\n    status: {status}\n"
        )
    };
    write("plans/plan-2025.yaml", &format!("{head}{a1}{}", a3("planerad")));
    git_at(&root, &["commit", "-q", "-a", "-m", "Beslut <b>&amp; ]]> \u{1}klart"], "2025-04-01T09:00:00+02:00");
    if tags {
        git_at(&root, &["tag", "v2.0"], "2025-04-01T09:00:00+02:00");
    }
    write("plans/plan-2025.yaml", &format!("{head}{a1}{}", a3("pågående")));
    git_at(&root, &["commit", "-q", "-a", "-m", "A-3 pågår"], "2025-05-01T12:00:00+02:00");
    root
}
/// The long-list site with `plans` more handlingsplaner of the kommun, each with an
/// aktivitetsplan for 2024 and 2025 of `i` activities (plan `i`) tracing to MO1.1.
pub fn site_with_many_plans(dir: &Path, plans: usize) -> PathBuf {
    let root = site_with_long_lists(dir, 201);
    for i in 1..=plans {
        let folder = root.join(format!("plans/hp{i:02}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let action = format!(
            "typ: handlingsplan\nid: hp{i:02}\nnamn: Plan {i:02}\nföljer: lan\nägare: kommunen\nperiod: {{ från: 2024, till: 2026 }}\n"
        );
        std::fs::write(folder.join("handlingsplan.yaml"), action).expect("write");
        for year in [2024, 2025] {
            let mut yaml = format!(
                "typ: aktivitetsplan\nid: hp{i:02}-{year}\nhandlingsplan: hp{i:02}\når: {year}\naktiviteter:\n"
            );
            for a in 1..=i {
                yaml.push_str(&format!(
                    "  - id: H{i:02}-{year}-{a}\n    titel: Aktivitet {a}\n    inriktningar: [MO1.1]\n    ansvarig: kommunen\n    status: pågående\n"
                ));
            }
            std::fs::write(folder.join(format!("aktivitetsplan-{year}.yaml")), yaml).expect("write");
        }
    }
    root
}

/// The render fixture with one more aktivitetsplan of 2025, `blandad`, whose 12 activities
/// cycle through four statuses and two owners (a table to filter and sort).
pub fn site_with_mixed_statuses(dir: &Path) -> PathBuf {
    let root = dir.join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    let mut yaml =
        String::from("typ: aktivitetsplan\nid: blandad\nhandlingsplan: kommunplan\når: 2025\naktiviteter:\n");
    let statuses = ["planerad", "pågående", "klar", "pausad"];
    let owners = ["kommunen", "socialtjansten"];
    for i in 1..=12 {
        yaml.push_str(&format!(
            "  - id: B-{i:02}\n    titel: Blandad {i}\n    inriktningar: [MO1.1]\n    ansvarig: {}\n    slut: 2025-{}-30\n    status: {}\n",
            owners[i % 2],
            ["03", "09"][i % 3 % 2],
            statuses[i % 4]
        ));
    }
    std::fs::write(root.join("plans/kommun/blandad.yaml"), yaml).expect("write the mixed plan");
    root
}

/// A page of the HTML site without the site's own scripts (the table filter on every page,
/// the search on `sok.html`), so that a test can assert that nothing else is a script. The
/// script tags are matched exactly, with the page's own relative path to `assets/`.
pub fn without_own_scripts(path: &str, body: &str) -> String {
    let root = "../".repeat(path.matches('/').count());
    let mut body = body.replace(&format!("<script src=\"{root}assets/tables.js\" defer></script>"), "");
    if path == "sok.html" {
        body = body.replace("<script src=\"assets/search.js\"></script>", "");
    }
    body
}
