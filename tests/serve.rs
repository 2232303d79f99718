//! `plan serve`: the real binary on a copy of a fixture repository, with `--port 0`, spoken
//! to over HTTP with a plain `TcpStream`. Every server is killed when its test ends, passed
//! or failed.

mod common;

use common::{Served, copy_dir, repo};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a change may take to reach the served page.
const CHANGE_TIMEOUT: Duration = Duration::from_secs(8);

impl Served {
    fn get(&self, path: &str) -> Answer {
        self.request(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port))
    }

    fn request(&self, raw: &str) -> Answer {
        request(self.port, raw)
    }

    /// The generation named in the start page's reload script.
    fn generation(&self) -> String {
        let page = self.get("/");
        let at = page.body.find("data-generation=\"").expect("a reload script") + "data-generation=\"".len();
        page.body[at..].split('"').next().expect("closed").to_owned()
    }

    /// Ends the server with a signal and returns its exit code.
    #[cfg(unix)]
    fn signal(&mut self, signal: rustix::process::Signal) -> Option<i32> {
        rustix::process::kill_process(rustix::process::Pid::from_child(&self.child), signal).expect("signal");
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends `raw` and reads the answer until the server closes the connection.
fn request(port: u16, raw: &str) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    stream.write_all(raw.as_bytes()).expect("sends");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Answer { status, headers, body: body.to_owned() }
}

/// Starts `plan serve ROOT --port 0 EXTRA…` and waits for the address it prints.
fn serve(root: &Path, extra: &[&str]) -> Served {
    common::serve(root, extra, |_| {})
}

/// A copy of `tests/data/site` in a temporary folder.
fn site_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    (dir, root)
}

/// Polls `what` until it holds or `CHANGE_TIMEOUT` passes; returns the last answer.
fn until(served: &Served, path: &str, what: impl Fn(&Answer) -> bool) -> Answer {
    let start = Instant::now();
    loop {
        let answer = served.get(path);
        if what(&answer) || start.elapsed() > CHANGE_TIMEOUT {
            return answer;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Replaces a file as many editors save it: a temporary file beside it, renamed over it.
fn save_by_rename(file: &Path, text: &str) {
    let temp = file.with_extension("yaml.tmp-save");
    std::fs::write(&temp, text).expect("write");
    std::fs::rename(&temp, file).expect("rename");
}

/// Every file below `root`, with its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).expect("read")))
        .collect();
    files.sort();
    files
}

const ACTIVITIES: &str = "plans/kommun/aktivitetsplan-2025.yaml";

#[test]
fn pages_are_served_from_memory_with_their_types_and_nothing_is_written() {
    let (_dir, root) = site_copy();
    let before = snapshot(&root);
    let served = serve(&root, &[]);
    let start = served.get("/");
    assert_eq!(start.status, 200, "{start:?}");
    assert_eq!(start.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(start.header("Cache-Control"), Some("no-store"));
    assert_eq!(start.header("X-Content-Type-Options"), Some("nosniff"));
    assert!(start.body.contains("<title>Testplanen – Testplanen</title>"), "{}", start.body);
    assert!(start.body.contains("<script src=\"/__plan/reload.js\" data-generation=\""), "the reload script is in");
    assert!(served.stderr().contains("Förhandsvisning på http://127.0.0.1:"), "{}", served.stderr());

    let same = served.get("/index.html");
    assert_eq!(same.body, start.body);
    let activity = served.get("/aktiviteter/K-2025-02.html");
    assert!(activity.status == 200 && activity.body.contains("Följa upp hemgången"), "{activity:?}");
    let css = served.get("/assets/style.css");
    assert_eq!((css.status, css.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    assert!(!css.body.contains("__plan"), "only pages get the script");
    let script = served.get("/__plan/reload.js");
    assert_eq!(script.header("Content-Type"), Some("text/javascript; charset=utf-8"));
    assert!(script.body.contains("/__plan/reload?since="), "{}", script.body);

    let head =
        served.request(&format!("HEAD / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n", served.port));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(head.header("Content-Length"), Some(start.body.len().to_string().as_str()));

    let missing = served.get("/aktiviteter/K-9999-99.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html lang=\"sv\">") && missing.body.contains("Sidan finns inte"), "{missing:?}");
    let post = served.request(&format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        served.port
    ));
    assert_eq!((post.status, post.header("Allow")), (405, Some("GET, HEAD")));
    drop(served);
    assert_eq!(snapshot(&root), before, "the repository is exactly as it was: nothing written, not even public/");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let (_dir, root) = site_copy();
    // Markers that no page shows: they may only reach an answer by a file read from disk.
    let toml = root.join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("read");
    std::fs::write(&toml, format!("# hemlig-inställning\n{text}")).expect("write");
    let plan = root.join(ACTIVITIES);
    let text = std::fs::read_to_string(&plan).expect("read");
    std::fs::write(&plan, format!("# hemlig-planfil\n{text}")).expect("write");
    let served = serve(&root, &[]);
    let port = served.port;
    for path in [
        "/../plan.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/plan.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fplan.toml",
        "/aktiviteter/..%2F..%2Fplan.toml",
        "/plans%2fkommun%2faktivitetsplan-2025.yaml",
        "/..\\plan.toml",
        "/aktiviteter\\..\\..\\plan.toml",
        "/%5c..%5cplan.toml",
        "/index.html%00.yaml",
        "//etc/passwd",
        "/__plan/../plan.toml",
        &format!("http://127.0.0.1:{port}/../plan.toml"),
        "*",
        // Files of the repository are no files of the site.
        "/plan.toml",
        "/plans/kommun/aktivitetsplan-2025.yaml",
        "/.plan-render",
    ] {
        let answer = served.get(path);
        let in_repository = ["/plan.toml", "/plans/kommun/aktivitetsplan-2025.yaml", "/.plan-render"];
        let expected = if in_repository.contains(&path) { 404 } else { 400 };
        assert_eq!(answer.status, expected, "{path}: {answer:?}");
        assert!(
            !answer.body.contains("hemlig-inställning") && !answer.body.contains("hemlig-planfil"),
            "{path} reached a file: {answer:?}"
        );
    }
    assert_eq!(served.get("/tillganglighet.html").status, 200, "the site is still served");
}

#[test]
fn a_foreign_host_is_refused() {
    let (_dir, root) = site_copy();
    let served = serve(&root, &[]);
    let port = served.port;
    let ask = |host: Option<&str>| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        served.request(&format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n"))
    };
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(ask(Some(&host)).status, 200, "{host}");
    }
    // DNS rebinding: the attacker's own name, made to point at 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_owned(),
        String::new(),
    ] {
        let answer = ask(Some(&host));
        assert_eq!(answer.status, 403, "{host}: {answer:?}");
        assert!(!answer.body.contains("Testplanen"), "{host}");
    }
    assert_eq!(ask(None).status, 403, "no Host at all");
    let reload = served.request(&format!(
        "GET /__plan/reload?since=x HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(reload.status, 403, "the reload endpoint too");
    let two = served.request(&format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(two.status, 403, "two Host headers");
}

#[test]
fn an_edited_plan_file_changes_the_served_page_and_the_reload_endpoint_reports_it() {
    let (_dir, root) = site_copy();
    let served = serve(&root, &[]);
    let first = served.generation();
    // A page waiting for the next build.
    let port = served.port;
    let since = first.clone();
    let waiting = std::thread::spawn(move || {
        request(
            port,
            &format!(
                "GET /__plan/reload?since={since} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            ),
        )
    });
    // Asked with the generation served, the endpoint waits; the page is still the old one.
    std::thread::sleep(Duration::from_millis(300));
    assert!(!waiting.is_finished(), "the reload request waits for a change");

    let file = root.join(ACTIVITIES);
    let text = std::fs::read_to_string(&file).expect("read");
    save_by_rename(&file, &text.replace("titel: Följa upp hemgången", "titel: Följa upp hemgången med SIP"));
    let page = until(&served, "/aktiviteter/K-2025-02.html", |a| a.body.contains("Följa upp hemgången med SIP"));
    assert!(page.body.contains("Följa upp hemgången med SIP"), "the page changed: {}", served.stderr());
    let answer = waiting.join().expect("joins");
    assert_eq!(answer.header("Content-Type"), Some("application/json"));
    let second = served.generation();
    assert_ne!(first, second);
    assert_eq!(answer.body.trim(), format!("{{\"generation\":\"{second}\"}}"), "the waiting page was told");
    // A page of the first build is answered at once.
    let stale = served.get(&format!("/__plan/reload?since={first}"));
    assert!(stale.body.contains(&second), "{stale:?}");
    assert!(served.stderr().contains("byggde om webbplatsen"), "{}", served.stderr());

    // A save that changes nothing (touching the file) keeps the generation: no reload.
    std::fs::write(&file, std::fs::read(&file).expect("read")).expect("write");
    std::fs::write(root.join("plans/anteckningar.txt"), "inte en planfil").expect("write");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(served.generation(), second, "nothing the site shows changed");
}

#[test]
fn a_broken_file_shows_its_findings_with_file_and_line_and_fixing_it_restores_the_site() {
    let (dir, root) = site_copy();
    let served = serve(&root, &[]);
    let file = root.join(ACTIVITIES);
    let good = std::fs::read_to_string(&file).expect("read");
    let broken = good.replace("titel: Följa upp hemgången", "titel: [Följa upp <b>hemgången</b>");
    // Where `plan check` puts the finding.
    let copy = dir.path().join("broken");
    copy_dir(&root, &copy);
    std::fs::write(copy.join(ACTIVITIES), &broken).expect("write");
    let out = common::plan().args(["check", "--format", "json"]).arg(&copy).output().expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let finding = &report["diagnostics"][0];
    let place = format!("{}:{}:{}", finding["file"].as_str().expect("file"), finding["line"], finding["column"]);
    assert_eq!(finding["code"], "P001", "{report}");

    save_by_rename(&file, &broken);
    let page = until(&served, "/", |a| a.status == 500);
    assert_eq!(page.status, 500, "{page:?}");
    assert!(page.body.contains("<h1>Planen har fel</h1>"), "{}", page.body);
    assert!(page.body.contains(&format!("<code dir=\"ltr\">{place}</code>")), "{place} in {}", page.body);
    assert!(page.body.contains("P001"), "the code");
    assert!(page.body.contains("Hjälp:"), "the help");
    assert!(page.body.contains("&lt;b&gt;hemgången&lt;/b&gt;") && !page.body.contains("<b>hemgången"), "escaped");
    assert!(page.body.contains("data-generation="), "the findings page reloads itself too");
    assert!(page.header("Content-Security-Policy").is_some_and(|c| c.contains("default-src 'none'")));
    // Every path answers with the findings, never with the old site.
    for path in ["/aktiviteter/K-2025-02.html", "/assets/style.css", "/finns-inte.html"] {
        let other = served.get(path);
        assert!(other.status == 500 && other.body.contains(&place), "{path}: {other:?}");
    }
    let style = served.get("/__plan/style.css");
    assert_eq!((style.status, style.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    assert!(served.stderr().contains("planen har fel"), "{}", served.stderr());

    // Fixed by removing the file and writing it anew, as some editors save.
    std::fs::remove_file(&file).expect("remove");
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(&file, &good).expect("write");
    let page = until(&served, "/aktiviteter/K-2025-02.html", |a| a.status == 200);
    assert_eq!(page.status, 200, "{page:?}\n{}", served.stderr());
    assert!(page.body.contains("Följa upp hemgången"));
}

#[test]
fn a_broken_plan_toml_or_template_shows_the_error_and_the_site_comes_back() {
    let (_dir, root) = site_copy();
    let served = serve(&root, &["--lang", "en"]);
    assert!(served.get("/").body.contains("<html lang=\"en\">"));
    let toml = root.join("plan.toml");
    let good = std::fs::read_to_string(&toml).expect("read");
    std::fs::write(&toml, format!("{good}\n[site\n")).expect("write");
    let page = until(&served, "/", |a| a.status == 500);
    assert!(page.body.contains("<h1>The site could not be built</h1>"), "{}", page.body);
    assert!(page.body.contains("plan.toml") && page.body.contains("line"), "{}", page.body);
    std::fs::write(&toml, &good).expect("write");
    assert_eq!(until(&served, "/", |a| a.status == 200).status, 200);

    // A templates/ folder made after the start is watched too.
    let templates = root.join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    std::fs::write(
        templates.join("index.html"),
        "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}",
    )
    .expect("write");
    let page = until(&served, "/", |a| a.status == 500);
    assert!(page.body.contains("The site could not be built") && page.body.contains("index.html"), "{}", page.body);
    std::fs::write(
        templates.join("index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Egen startsida</h1>{% endblock content %}",
    )
    .expect("write");
    let page = until(&served, "/", |a| a.body.contains("Egen startsida"));
    assert_eq!(page.status, 200, "{page:?}");
    std::fs::remove_dir_all(&templates).expect("remove");
    let page = until(&served, "/", |a| a.status == 200 && !a.body.contains("Egen startsida"));
    assert!(!page.body.contains("Egen startsida"), "the default template again");
}

#[test]
fn waiting_pages_do_not_hold_up_the_others() {
    let (_dir, root) = site_copy();
    let served = serve(&root, &[]);
    let generation = served.generation();
    // More pages wait than there are threads that answer.
    let streams: Vec<TcpStream> = (0..12)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", served.port)).expect("connects");
            let ask = format!(
                "GET /__plan/reload?since={generation} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                served.port
            );
            s.write_all(ask.as_bytes()).expect("sends");
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    let page = served.get("/");
    assert_eq!(page.status, 200);
    assert!(start.elapsed() < Duration::from_secs(2), "answered at once: {:?}", start.elapsed());
    drop(streams);
}

#[test]
fn render_output_never_carries_the_reload_script() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    let status =
        common::plan().arg("render").arg(repo("tests/data/site")).arg("--out").arg(&out).output().expect("runs");
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    let mut pages = 0;
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        pages += usize::from(path.extension().is_some_and(|e| e == "html"));
        // The site's own scripts (the table filter, the search) are the only ones it has.
        let rel = path.strip_prefix(&out).expect("inside").to_string_lossy().replace('\\', "/");
        assert!(!text.contains("__plan"), "{} names the reload endpoint", path.display());
        assert!(
            !common::without_own_scripts(&rel, &text).contains("<script"),
            "{} has a script it should not",
            path.display()
        );
    }
    assert!(pages > 10, "{pages} pages looked at");
}

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_end_the_preview_cleanly() {
    use rustix::process::Signal;
    let (_dir, root) = site_copy();
    for signal in [Signal::INT, Signal::TERM] {
        let mut served = serve(&root, &[]);
        // A page waits for a reload while the preview ends: it is answered, not left hanging.
        let mut waiting = TcpStream::connect(("127.0.0.1", served.port)).expect("connects");
        let ask = format!(
            "GET /__plan/reload?since={} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            served.generation(),
            served.port
        );
        waiting.write_all(ask.as_bytes()).expect("sends");
        std::thread::sleep(Duration::from_millis(200));
        let started = Instant::now();
        assert_eq!(served.signal(signal), Some(0), "{signal:?}: {}", served.stderr());
        assert!(started.elapsed() < Duration::from_secs(3), "{signal:?} took {:?}", started.elapsed());
        waiting.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
        let mut answer = String::new();
        let _ = waiting.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 200"), "{signal:?}: {answer}");
        assert!(served.stderr().contains("förhandsvisningen avslutad"), "{}", served.stderr());
    }
    let names: Vec<String> = std::fs::read_dir(root.parent().expect("parent"))
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["repo"], "nothing left beside the repository");
}

#[test]
fn a_taken_port_is_an_error_that_says_so() {
    let (_dir, root) = site_copy();
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("binds");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = common::plan().arg("serve").arg(&root).args(["--port", &port]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("port {port} används redan")) && err.contains("--port 0"), "{err}");
    let out = common::plan().arg("serve").arg(&root).args(["--port", "70000"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("heltal från 0 till 65535"));
    let out = common::plan().arg("serve").arg(&root).args(["--bind", "localhost"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("IP-adress"));
    let out = common::plan().arg("serve").arg(root.join("finns-inte")).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(target_os = "linux")]
#[test]
fn open_starts_the_systems_opener_with_the_address() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, root) = site_copy();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("mkdir");
    let opened = dir.path().join("opened");
    let opener = bin.join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display())).expect("write");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let served = common::serve(&root, &["--open"], |cmd| {
        cmd.env("PATH", &path);
    });
    let start = Instant::now();
    let mut url = String::new();
    while url.is_empty() && start.elapsed() < CHANGE_TIMEOUT {
        std::thread::sleep(Duration::from_millis(20));
        url = std::fs::read_to_string(&opened).unwrap_or_default();
    }
    assert_eq!(url, format!("http://127.0.0.1:{}/", served.port));
}

/// The listening socket, as the kernel lists it (`/proc/net/tcp`, `/proc/net/tcp6`), is
/// bound to 127.0.0.1 and nothing else.
#[cfg(target_os = "linux")]
#[test]
fn it_listens_on_the_loopback_address_only() {
    let (_dir, root) = site_copy();
    let served = serve(&root, &[]);
    let port = format!("{:04X}", served.port);
    let mut listening = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // local_address is ADDRESS:PORT in hex; state 0A is LISTEN.
            if let (Some(local), Some("0A")) = (fields.get(1), fields.get(3).copied())
                && local.ends_with(&format!(":{port}"))
            {
                listening.push(local.to_string());
            }
        }
    }
    assert_eq!(listening, [format!("0100007F:{port}")], "127.0.0.1 in the kernel's byte order, and only it");
}

/// A county's preview reads its municipalities' repositories and follows their edits too.
#[test]
fn a_countys_preview_follows_the_edits_of_its_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(dir.path());
    let served = serve(&county, &[]);
    let page = served.get("/kommuner/nacka.html");
    assert!(page.status == 200 && page.body.contains("Utbilda i SIP"), "{page:?}");
    let file = county.join("kommuner/nacka/plans/nacka/aktivitetsplan-2026.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    save_by_rename(&file, &text.replace("Utbilda i SIP", "Utbilda alla i SIP"));
    let page = until(&served, "/kommuner/nacka.html", |a| a.body.contains("Utbilda alla i SIP"));
    assert!(page.body.contains("Utbilda alla i SIP"), "{}", served.stderr());
}
