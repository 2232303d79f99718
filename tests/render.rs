//! `plan render` as users run it: every page type as a snapshot (HTML and Markdown), every
//! link resolving, byte-identical output, inert hostile content, and an output folder that
//! is never mistaken for something else or left half-written.

mod common;

use common::{copy_dir, plan, repo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Renders a repository into a fresh folder and returns the folder and the exit code.
fn render(repository: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, i32) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    let status = plan().arg("render").arg(repository).arg("--out").arg(&out).args(extra).output().expect("runs");
    let code = status.status.code().unwrap_or(-1);
    (dir, out, code)
}

/// Every file below a folder, by site-relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walk(dir) {
        let rel = entry.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
        out.insert(rel, std::fs::read(&entry).expect("read"));
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("{path} was not written")).clone()).expect("UTF-8")
}

const PAGES: &[(&str, &str)] = &[
    ("start", "index"),
    ("start_other_year", "ar/2024"),
    ("goal_area", "malomraden/MO1"),
    ("direction", "inriktningar/MO1.2"),
    ("plans", "planer"),
    ("action_plan_county", "planer/lan"),
    ("action_plan_local", "planer/kommunplan"),
    ("activity_plan", "planer/kommun-2024"),
    ("activity", "aktiviteter/K-2024-01"),
    ("organisations", "organisationer"),
    ("organisation", "organisationer/socialtjansten"),
    ("topic", "sakomraden/aldre"),
    ("coverage", "tackning"),
    ("follow_up", "uppfoljning"),
    ("accessibility", "tillganglighet"),
];

/// A copy of a repository outside any git repository, so that pages carry no dates from
/// this project's own history.
fn outside_git(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo(rel), dir.path());
    dir
}

#[test]
fn every_html_page_type_matches_its_snapshot() {
    let copy = outside_git("tests/data/site");
    let (_dir, out, code) = render(copy.path(), &[]);
    assert_eq!(code, 0);
    let site = files(&out);
    for (name, page) in PAGES {
        insta::assert_snapshot!(format!("html_{name}"), text(&site, &format!("{page}.html")));
    }
    insta::assert_snapshot!("html_style_css", text(&site, "assets/style.css"));
}

#[test]
fn every_markdown_page_type_matches_its_snapshot() {
    let copy = outside_git("tests/data/site");
    let (_dir, out, code) = render(copy.path(), &["--format", "markdown"]);
    assert_eq!(code, 0);
    let site = files(&out);
    for (name, page) in PAGES {
        insta::assert_snapshot!(format!("md_{name}"), text(&site, &format!("{page}.md")));
    }
    assert!(!site.contains_key("assets/style.css"), "Markdown output needs no stylesheet");
}

/// `href="…"`, `src="…"` and `id="…"` values of an HTML page.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        out.push(rest[..rest.find('"').unwrap_or(rest.len())].to_owned());
    }
    out
}

/// Resolves a relative link from a page to a site path and fragment.
fn resolve(from: &str, target: &str) -> (String, Option<String>) {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (target, None),
    };
    if path.is_empty() {
        return (from.to_owned(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), fragment)
}

fn check_links(site: &BTreeMap<String, Vec<u8>>, markdown: bool) {
    let ids: BTreeMap<&String, BTreeSet<String>> = site
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, attributes(&String::from_utf8_lossy(b), "id").into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    for (page, bytes) in site {
        let body = String::from_utf8_lossy(bytes);
        let links: Vec<String> = if markdown {
            // `](` starts a link unless the bracket is escaped (`\]`), as plan text is.
            let pieces: Vec<&str> = body.split("](").collect();
            pieces
                .windows(2)
                .filter(|w| !w[0].ends_with('\\'))
                .map(|w| w[1][..w[1].find(')').unwrap_or(w[1].len())].to_owned())
                .collect()
        } else if page.ends_with(".html") {
            attributes(&body, "href").into_iter().chain(attributes(&body, "src")).collect()
        } else {
            continue;
        };
        for link in links {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.is_empty()
            {
                continue;
            }
            let (path, fragment) = resolve(page, &link);
            if !site.contains_key(&path) {
                broken.push(format!("{page}: {link} (no file {path})"));
            } else if let (Some(f), Some(known)) = (fragment, ids.get(&path))
                && !known.contains(&f)
            {
                broken.push(format!("{page}: {link} (no id #{f} in {path})"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_internal_link_resolves_in_html_and_markdown() {
    for repository in ["tests/data/site", "examples/stockholms-stad", "examples/liten-kommun", "examples/lan-2024", ""]
    {
        let (_d, out, code) = render(&repo(repository), &["--today", "2025-12-31"]);
        assert_eq!(code, 0, "{repository}");
        check_links(&files(&out), false);
        let (_d, out, code) = render(&repo(repository), &["--today", "2025-12-31", "--format", "markdown"]);
        assert_eq!(code, 0, "{repository}");
        check_links(&files(&out), true);
    }
}

#[test]
fn output_is_byte_identical_for_identical_input() {
    let (_a, first, _) = render(&repo("examples/stockholms-stad"), &[]);
    let (_b, second, _) = render(&repo("examples/stockholms-stad"), &[]);
    assert_eq!(files(&first), files(&second));
}

#[test]
fn the_search_index_finds_an_activity_by_a_word_of_its_title() {
    let (_d, out, _) = render(&repo("examples/liten-kommun"), &[]);
    let site = files(&out);
    let manifest: serde_json::Value = serde_json::from_str(&text(&site, "sok/index.json")).expect("json");
    assert!(manifest["shards"].as_array().expect("shards").iter().any(|k| k == "pl"), "{manifest}");
    // "Gemensamma planeringsmöten vid utskrivning från slutenvård": stemmed and folded.
    let term = plan::render::search::tokenize("planeringsmöten").remove(0);
    assert_eq!(term, "planeringsmot");
    let shard: serde_json::Value = serde_json::from_str(&text(&site, "sok/t-pl.json")).expect("json");
    let title_docs = shard[&term][0].as_array().expect("title docs");
    assert_eq!(title_docs.len(), 1, "{shard}");
    let doc = title_docs[0].as_u64().expect("number") as usize;
    let docs: serde_json::Value = serde_json::from_str(&text(&site, "sok/d-0.json")).expect("json");
    assert_eq!(docs[doc][1], "aktiviteter/VAXHOLM-2025-02.html");
    assert_eq!(docs[doc][2], "activity");
    assert!(site.contains_key("assets/search.js") && site.contains_key("sok.html"));
    assert!(text(&site, "index.html").contains("<form role=\"search\" class=\"site-search\" action=\"sok.html\""));
}

#[test]
fn content_from_plan_files_is_inert_on_the_site() {
    let (_d, out, _) = render(&repo("tests/data/site"), &[]);
    for (path, bytes) in files(&out) {
        let body = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        // The only scripts are the site's own: the table filter, and the search on its page.
        let body = common::without_own_scripts(&path, &body);
        assert!(!body.contains("<script"), "{path} carries a script");
        assert!(!body.contains("<img"), "{path} carries an image from content");
        assert!(!body.contains("<i>"), "{path} carries markup from a name");
        for target in attributes(&body, "href").into_iter().chain(attributes(&body, "src")) {
            assert!(!target.starts_with("javascript:") && !target.starts_with("data:"), "{path}: {target}");
        }
    }
    let site = files(&out);
    assert!(
        text(&site, "aktiviteter/K-2025-01.html")
            .contains("<h1>Kontaktvägar &lt;script&gt;alert(1)&lt;/script&gt; {{ titel }}</h1>")
    );
    assert!(text(&site, "planer/lan.html").contains("{{ mall }} {% if x %}"));
}

#[test]
fn every_page_declares_its_language_and_has_one_h1() {
    for (lang, args) in [("sv", vec![]), ("en", vec!["--lang", "en"])] {
        let (_d, out, _) = render(&repo("tests/data/site"), &args);
        for (path, bytes) in files(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
            let body = String::from_utf8_lossy(bytes);
            assert!(body.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\">")), "{path}");
            assert_eq!(body.matches("<h1").count(), 1, "{path}");
            assert!(body.contains("href=\"#main\""), "{path} has a skip link");
            assert!(body.contains("tillganglighet.html\">"), "{path} links the accessibility statement");
        }
    }
}

#[test]
fn the_accessibility_statement_is_filled_from_plan_toml() {
    let (_d, out, _) = render(&repo("tests/data/site"), &[]);
    let page = text(&files(&out), "tillganglighet.html");
    for expected in [
        "Testlänet står bakom webbplatsen",
        "delvis förenlig",
        "Diagrammen har ännu inte granskats med skärmläsare.",
        "2025-06-01",
        "href=\"mailto:tillganglighet@example.se\"",
        "href=\"https://www.digg.se/tdosanmalan\"",
    ] {
        assert!(page.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn a_plan_with_errors_is_not_published() {
    let (_d, out, code) = render(&repo("tests/data/broken"), &[]);
    assert_eq!(code, 1);
    assert!(!out.exists());
}

#[test]
fn a_template_in_the_repository_overrides_the_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    std::fs::create_dir(dir.path().join("templates")).expect("mkdir");
    std::fs::write(
        dir.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Egen startsida: {{ site.title }}</h1>{% endblock content %}",
    )
    .expect("write");
    let (_d, out, code) = render(dir.path(), &[]);
    assert_eq!(code, 0);
    let site = files(&out);
    assert!(text(&site, "index.html").contains("<h1>Egen startsida: Testplanen</h1>"));
    assert!(text(&site, "tackning.html").contains("class=\"coverage\""), "other pages keep the defaults");
}

#[test]
fn a_broken_user_template_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    std::fs::create_dir(dir.path().join("templates")).expect("mkdir");
    std::fs::write(dir.path().join("templates/index.html"), "{% if %}").expect("write");
    let out = plan().arg("render").arg(dir.path()).arg("--out").arg(dir.path().join("public")).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("index.html"));
}

#[test]
fn dangerous_output_folders_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    let foreign = dir.path().join("documents");
    std::fs::create_dir(&foreign).expect("mkdir");
    std::fs::write(foreign.join("letter.txt"), "keep me").expect("write");
    for out in [
        dir.path().to_path_buf(),
        dir.path().join("plans"),
        dir.path().join("plans/kommun/site"),
        foreign.clone(),
        dir.path().join(".."),
    ] {
        let status = plan().arg("render").arg(dir.path()).arg("--out").arg(&out).output().expect("runs");
        assert_eq!(status.status.code(), Some(2), "{}", out.display());
    }
    assert_eq!(std::fs::read_to_string(foreign.join("letter.txt")).expect("kept"), "keep me");
    assert!(dir.path().join("plans/organisationer.yaml").is_file());
    // --force is for a foreign folder the user means to replace, never for sources.
    let status = plan()
        .arg("render")
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("plans"))
        .arg("--force")
        .output()
        .expect("runs");
    assert_eq!(status.status.code(), Some(2));
    let status = plan().arg("render").arg(dir.path()).arg("--out").arg(&foreign).arg("--force").output().expect("runs");
    assert_eq!(status.status.code(), Some(0));
    assert!(foreign.join("index.html").is_file());
}

#[test]
fn a_render_into_its_own_previous_output_replaces_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    for _ in 0..2 {
        let status = plan().arg("render").arg(repo("tests/data/site")).arg("--out").arg(&out).output().expect("runs");
        assert_eq!(status.status.code(), Some(0));
    }
    assert!(out.join(".plan-render").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("read_dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("public")], "no temporary folders are left behind");
}

#[test]
fn a_re_render_links_unchanged_pages_and_writes_the_rest() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), &dir.path().join("repo"));
    let out = dir.path().join("public");
    let render = || plan().arg("render").arg(dir.path().join("repo")).arg("--out").arg(&out).output().expect("runs");
    assert_eq!(render().status.code(), Some(0));
    let inode = |p: &str| std::fs::metadata(out.join(p)).expect(p).ino();
    let (start, goal_area) = (inode("index.html"), inode("malomraden/MO1.html"));
    // Tamper with one page of the published site, and plant a link where a page will be.
    std::fs::write(out.join("planer.html"), "edited by hand").expect("write");
    let planted = dir.path().join("secret.txt");
    std::fs::write(&planted, "not a page").expect("write");
    std::fs::remove_file(out.join("organisationer.html")).expect("rm");
    std::os::unix::fs::symlink(&planted, out.join("organisationer.html")).expect("symlink");
    let before = files(&out);
    // A failed re-render of the same plan leaves the previous site as it was.
    let failed = plan()
        .arg("render")
        .arg(dir.path().join("repo"))
        .arg("--out")
        .arg(&out)
        .env("PLAN_TEST_FAIL_AFTER", "malomraden/MO1.html")
        .output()
        .expect("runs");
    assert_eq!(failed.status.code(), Some(2));
    assert_eq!(files(&out), before);
    assert_eq!(render().status.code(), Some(0));
    assert_eq!(inode("index.html"), start, "an unchanged page is linked, not written again");
    assert_eq!(inode("malomraden/MO1.html"), goal_area);
    let site = files(&out);
    assert!(text(&site, "planer.html").starts_with("<!doctype html>"), "a page edited by hand is written afresh");
    let organisations = std::fs::symlink_metadata(out.join("organisationer.html")).expect("page");
    assert!(organisations.is_file(), "a planted link is replaced by a real page, never followed");
    assert_eq!(std::fs::read_to_string(&planted).expect("kept"), "not a page");
    // A change in the plan reaches the pages that show it.
    let org_file = dir.path().join("repo/plans/organisationer.yaml");
    let orgs = std::fs::read_to_string(&org_file).expect("read");
    let first_name = orgs.lines().find_map(|l| l.trim().strip_prefix("namn: ")).expect("a namn").to_owned();
    std::fs::write(&org_file, orgs.replacen(&first_name, "Omdöpt organisation", 1)).expect("write");
    assert_eq!(render().status.code(), Some(0));
    assert!(text(&files(&out), "organisationer.html").contains("Omdöpt organisation"));
}

#[test]
fn a_failed_render_leaves_the_previous_site_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let status = plan().arg("render").arg(repo("tests/data/site")).arg("--out").arg(&out).output().expect("runs");
    assert_eq!(status.status.code(), Some(0));
    let before = files(&out);
    let status = plan()
        .arg("render")
        .arg(repo("examples/stockholms-stad"))
        .arg("--out")
        .arg(&out)
        .env("PLAN_TEST_FAIL_AFTER", "malomraden/MO1.html")
        .output()
        .expect("runs");
    assert_eq!(status.status.code(), Some(2));
    assert_eq!(files(&out), before, "the previous site is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("read_dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "the temporary folder is cleaned up: {leftovers:?}");
}

#[test]
fn english_interface_marks_swedish_content() {
    let (_d, out, _) = render(&repo("tests/data/site"), &["--lang", "en"]);
    let page = text(&files(&out), "malomraden/MO1.html");
    assert!(page.contains("<h2 id=\"directions-heading\">Strategic directions</h2>"));
    assert!(page.contains("<p lang=\"sv\">Förstärka den lokala samverkan.</p>"));
}

#[test]
fn a_kolada_source_names_the_municipality_and_a_gender_other_than_the_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    let file = root.join("plans/lan/handlingsplan.yaml");
    let yaml = std::fs::read_to_string(&file).expect("read");
    let changed = yaml.replace("källa: { kolada: N00945 }", r#"källa: { kolada: N00945, kommunkod: "0180", kön: K }"#);
    assert_ne!(changed, yaml, "the fixture has the Kolada source");
    std::fs::write(&file, changed).expect("write");
    for (lang, expected) in [("sv", "Kolada N00945 (0180, kvinnor)"), ("en", "Kolada N00945 (0180, women)")] {
        let out = dir.path().join(format!("site-{lang}"));
        let run = plan().arg("render").arg(&root).arg("--out").arg(&out).args(["--lang", lang]).output().expect("runs");
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        let page = text(&files(&out), "malomraden/MO1.html");
        assert!(page.contains(expected), "{lang}: {expected}");
        assert!(
            page.contains(if lang == "sv" { "Källa: Kolada" } else { "Source: Kolada" }),
            "the raw values are credited"
        );
    }
}

#[test]
fn ids_that_differ_only_in_case_get_pages_that_differ_without_case() {
    let dir = outside_git("tests/data/site");
    let plan_file = dir.path().join("plans/kommun/aktivitetsplan-2025.yaml");
    let before = std::fs::read_to_string(&plan_file).expect("read");
    let twin = "  - id: k-2025-02\n    titel: Tvillingen med gemener\n    utvecklingsområden: [K-U1]\n    ansvarig: regionen\n    status: planerad\n";
    std::fs::write(&plan_file, format!("{before}{twin}")).expect("write");
    for format in ["html", "markdown"] {
        let (_d, out, code) = render(dir.path(), &["--format", format]);
        assert_eq!(code, 0, "{format}");
        let site = files(&out);
        let pages: Vec<&String> =
            site.keys().filter(|p| p.to_lowercase().starts_with("aktiviteter/k-2025-02")).collect();
        assert_eq!(pages.len(), 2, "{pages:?}");
        let lower: BTreeSet<String> = site.keys().map(|p| p.to_lowercase()).collect();
        assert_eq!(lower.len(), site.len(), "no two files are one on a file system that ignores case");
        // The plan's page links to both, and each link leads to that activity's own page.
        let ext = if format == "html" { "html" } else { "md" };
        let list = text(&site, &format!("planer/kommun-2025.{ext}"));
        for (id, title) in [("K-2025-02", "Följa upp hemgången"), ("k-2025-02", "Tvillingen med gemener")] {
            let page =
                pages.iter().find(|p| text(&site, p).contains(title)).unwrap_or_else(|| panic!("no page has {title}"));
            let href = page.trim_start_matches("aktiviteter/").to_owned();
            assert!(list.contains(&format!("../aktiviteter/{href}")), "{id}: {href} not linked from the plan");
        }
        check_links(&site, format == "markdown");
    }
}

/// Renders `tests/data/site` with `templates/index.html` as given; returns the exit code,
/// stderr, the time taken and what the folder beside the output holds afterwards.
fn render_with_index_template(template: &str, env: &[(&str, &str)]) -> (i32, String, std::time::Duration, Vec<String>) {
    let dir = outside_git("tests/data/site");
    std::fs::create_dir(dir.path().join("templates")).expect("mkdir");
    std::fs::write(dir.path().join("templates/index.html"), template).expect("write");
    let parent = tempfile::tempdir().expect("tempdir");
    let started = std::time::Instant::now();
    let out = std::process::Command::new("prlimit")
        .args(["--as=4294967296", "--cpu=120", "--"])
        .arg(assert_cmd::cargo::cargo_bin("plan"))
        .arg("render")
        .arg(dir.path())
        .arg("--out")
        .arg(parent.path().join("public"))
        .envs(env.iter().copied())
        .env_remove("PLAN_LANG")
        .output()
        .expect("prlimit runs");
    let left = std::fs::read_dir(parent.path())
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned(), started.elapsed(), left)
}

#[test]
fn a_template_that_writes_without_end_stops_at_the_page_limit() {
    let forever = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}";
    let (code, stderr, took, left) = render_with_index_template(forever, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("index.html") && stderr.contains("64 MiB"), "{stderr}");
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
    assert!(left.is_empty(), "nothing is published and the temporary folder is gone: {left:?}");
}

#[test]
fn a_template_that_loops_without_writing_is_stopped_by_the_time_limit() {
    let forever = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
    let (code, stderr, took, left) = render_with_index_template(forever, &[("PLAN_TEMPLATE_TIMEOUT", "2")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("index.html") && stderr.contains("2 s"), "{stderr}");
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    assert!(!left.iter().any(|name| name == "public"), "nothing is published: {left:?}");
}

#[test]
fn a_template_that_writes_slowly_is_stopped_by_the_time_limit_with_an_ordinary_error() {
    let slow = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% if j == 0 %}x{% endif %}{% endfor %}{% endfor %}";
    let (code, stderr, took, left) = render_with_index_template(slow, &[("PLAN_TEMPLATE_TIMEOUT", "2")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("index.html") && stderr.contains("PLAN_TEMPLATE_TIMEOUT"), "{stderr}");
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    assert!(left.is_empty(), "the temporary folder is gone: {left:?}");
}

#[test]
fn a_timeout_that_is_not_a_number_is_refused() {
    for var in ["PLAN_TEMPLATE_TIMEOUT", "PLAN_TEMPLATE_MEMORY"] {
        let (code, stderr, _, _) = render_with_index_template("{{ 1 }}", &[(var, "soon")]);
        assert_eq!(code, 2);
        assert!(stderr.contains(var) && stderr.contains("soon"), "{stderr}");
    }
}

#[test]
fn a_template_that_fills_memory_is_stopped_before_it_takes_the_machine() {
    // Doubling a text 40 times would want a thousand GiB; 256 MiB more than the plan is the
    // limit here, so that the test runs within 4 GiB of address space.
    let doubling = "{% set_global s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}";
    let (code, stderr, took, left) =
        render_with_index_template(doubling, &[("PLAN_TEMPLATE_MEMORY", "256"), ("PLAN_TEMPLATE_TIMEOUT", "600")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("index.html") && stderr.contains("256 MiB"), "{stderr}");
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    assert!(!left.iter().any(|name| name == "public"), "nothing is published: {left:?}");
}

/// The activity ids in the rows of a rendered activity table (`<td class="id">…</td>`).
fn row_ids(html: &str) -> Vec<String> {
    html.split("<td class=\"id\">")
        .skip(1)
        .map(|rest| rest[..rest.find("</td>").expect("cell ends")].to_owned())
        .collect()
}

#[test]
fn long_tables_are_split_into_pages_that_hold_every_row_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = common::site_with_long_lists(dir.path(), 450);
    let (_out_dir, out, code) = render(&root, &[]);
    assert_eq!(code, 0);
    let site = files(&out);
    // MO2.2: the 450 and the fixture's own K-2025-01; overdue: the 450 and K-2025-01.
    let tables: &[(&str, &str, usize)] = &[
        ("inriktningar/MO2.2.html", "listor/inriktningar/MO2.2", 451),
        ("planer/lang-lista.html", "listor/planer/lang-lista", 450),
        ("uppfoljning.html", "listor/forsenade", 451),
    ];
    for &(home, name, total) in tables {
        let pages = total.div_ceil(200);
        let mut seen = Vec::new();
        for n in 1..=pages {
            let path = if n == 1 { home.to_owned() } else { format!("{name}-{n}.html") };
            let html = text(&site, &path);
            let rows = row_ids(&html);
            assert_eq!(rows.len(), if n < pages { 200 } else { total - 200 * (pages - 1) }, "{path}");
            assert!(
                html.contains(&format!("Visar {}–{} av {total}.", 200 * (n - 1) + 1, (200 * n).min(total))),
                "{path}"
            );
            seen.extend(rows);
        }
        assert!(!site.contains_key(&format!("{name}-{}.html", pages + 1)), "no page after the last of {name}");
        let distinct: BTreeSet<&String> = seen.iter().collect();
        assert_eq!(distinct.len(), total, "{home}: every row once");
    }
    // The list pages link back and to each other; the pager marks the current page.
    let second = text(&site, "listor/inriktningar/MO2.2-2.html");
    assert!(second.contains("<a href=\"../../inriktningar/MO2.2.html\">Strategisk inriktning MO2.2</a>"), "{second}");
    assert!(second.contains("<a href=\"../../listor/inriktningar/MO2.2-2.html\" aria-current=\"page\">2</a>"));
    assert!(second.contains("<a href=\"../../listor/inriktningar/MO2.2-3.html\" rel=\"next\">Nästa sida</a>"));
    // The målområde counts the activities and leaves the rows to the inriktning's page.
    let area = text(&site, "malomraden/MO2.html");
    assert!(row_ids(&area).is_empty(), "no activity rows on a målområde's page");
    assert!(area.contains("<dd>451</dd>"), "MO2.2's activities counted on the målområde's page");
    // The start page of 2025 counts (451 rows would not fit) and links to the year's plans.
    let start = text(&site, "index.html");
    assert!(row_ids(&start).is_empty(), "no activity rows on a start page of 451");
    assert!(start.contains("Året har fler aktiviteter än en sida rymmer."), "it says why");
    assert!(
        start.contains("<li><a href=\"planer/lang-lista.html\">Aktivitetsplan 2025 – Kommunens handlingsplan</a> <span class=\"id\">lang-lista</span>: 450 aktiviteter</li>"),
        "{start}"
    );
    // 2024 has few activities: its start page still lists them.
    assert_eq!(row_ids(&text(&site, "ar/2024.html")), ["K-2024-01"]);
    check_links(&site, false);
}

#[test]
fn a_county_scale_site_turns_coverage_around_by_year_and_counts_plans_on_the_start_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = common::site_with_many_plans(dir.path(), 13);
    let (_out_dir, out, code) = render(&root, &[]);
    assert_eq!(code, 0);
    let site = files(&out);
    // 29 aktivitetsplaner: coverage is one page per year, a row per plan.
    let coverage = text(&site, "tackning.html");
    assert!(coverage.contains("<h1>Täckning 2025</h1>"), "{coverage}");
    assert!(coverage.contains("class=\"coverage coverage-by-plan\""));
    let rows = coverage.matches("<tr><th scope=\"row\"><a href=\"planer/").count();
    assert_eq!(rows, 15, "kommun-2025, lang-lista and hp01–hp13 of 2025");
    let hp13 =
        &coverage[coverage.find("\"planer/hp13-2025.html\">Aktivitetsplan 2025 – Plan 13</a>").expect("hp13's row")..];
    let hp13 = &hp13[..hp13.find("</tr>").expect("row ends")];
    // The columns are MO1.1, MO1.2, … in plan order: hp13's 13 activities are in the first.
    assert!(hp13.contains("</th><td class=\"count\">13</td><td class=\"count gap-cell\">"), "{hp13}");
    assert!(hp13.ends_with("<td class=\"count total\">13</td>"), "{hp13}");
    let older = text(&site, "tackning-2024.html");
    assert!(older.contains("<h1>Täckning 2024</h1>"));
    assert!(older.contains("\"planer/hp13-2024.html\"") && !older.contains("\"planer/hp13-2025.html\""));
    assert!(older.contains("<a href=\"tackning.html\">2025</a>"), "the years link each other");
    assert!(!site.contains_key("tackning-2025.html"), "the current year is at tackning.html");
    // 14 own plans and more rows than a page: one table row per plan on the start page.
    let start = text(&site, "index.html");
    assert!(row_ids(&start).is_empty(), "no activity rows");
    let plan_rows = start.matches("<tr><th scope=\"row\"><a href=\"planer/").count();
    assert_eq!(plan_rows, 14, "kommunplan and hp01–hp13");
    assert!(start.contains("<a href=\"planer/hp13-2025.html\">Aktivitetsplan 2025 – Plan 13</a></td></tr>"), "{start}");
    check_links(&site, false);
}

/// The render fixture with `[site] url` set.
fn with_site_url(url: &str) -> tempfile::TempDir {
    let copy = outside_git("tests/data/site");
    let toml = copy.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    let text = text.replace("publisher = \"Testlänet\"\n", &format!("publisher = \"Testlänet\"\nurl = \"{url}\"\n"));
    std::fs::write(&toml, text).expect("write plan.toml");
    copy
}

#[test]
fn the_sitemap_lists_every_html_page_once_under_the_site_url() {
    let copy = with_site_url("https://plan.example.se/folkhalsa");
    let (_dir, out, code) = render(copy.path(), &[]);
    assert_eq!(code, 0);
    let site = files(&out);
    let sitemap = text(&site, "sitemap.xml");
    assert!(sitemap.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    assert!(sitemap.ends_with("</urlset>\n"));
    let listed: Vec<String> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>")?.strip_suffix("</loc></url>").map(str::to_owned))
        .collect();
    let expected: Vec<String> = site
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| format!("https://plan.example.se/folkhalsa/{p}"))
        .collect();
    assert!(expected.len() > PAGES.len(), "{expected:?}");
    assert_eq!(listed, expected);
    assert!(listed.contains(&"https://plan.example.se/folkhalsa/malomraden/MO1.html".to_owned()));
}

#[test]
fn without_a_site_url_or_in_markdown_there_is_no_sitemap() {
    let plain = outside_git("tests/data/site");
    let (_d, out, code) = render(plain.path(), &[]);
    assert_eq!(code, 0);
    assert!(!files(&out).contains_key("sitemap.xml"));
    let copy = with_site_url("https://plan.example.se/");
    let (_d, out, code) = render(copy.path(), &["--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(!files(&out).contains_key("sitemap.xml"));
}

#[test]
fn a_bad_site_url_is_a_clear_error_with_its_line() {
    let copy = with_site_url("javascript:alert(1)");
    let output =
        plan().arg("render").arg(copy.path()).arg("--out").arg(copy.path().join("site")).output().expect("runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("rad 8: `[site]` `url`: `javascript:alert(1)` ska vara en fullständig adress"), "{stderr}");
    assert!(stderr.contains("plan.toml"), "{stderr}");
}

/// The render fixture with `[site] edit_url` set and the 2024 activity plan's file renamed
/// to a name that needs percent-encoding.
fn with_edit_url() -> tempfile::TempDir {
    let copy = outside_git("tests/data/site");
    let toml = copy.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    let text = text.replace(
        "publisher = \"Testlänet\"\n",
        "publisher = \"Testlänet\"\nedit_url = \"https://forge.example/o/r/-/edit/main/{path}?ref=x&y=1\"\n",
    );
    std::fs::write(&toml, text).expect("write plan.toml");
    let kommun = copy.path().join("plans/kommun");
    std::fs::rename(kommun.join("aktivitetsplan-2024.yaml"), kommun.join("plan 2024 #å.yaml")).expect("rename");
    copy
}

#[test]
fn pages_from_one_plan_file_link_to_its_edit_address_only_when_configured() {
    let copy = with_edit_url();
    let (_d, out, code) = render(copy.path(), &[]);
    assert_eq!(code, 0);
    let site = files(&out);
    let link = |file: &str, label: &str| {
        format!("<a href=\"https://forge.example/o/r/-/edit/main/{file}?ref=x&amp;y=1\">{label}</a>")
    };
    let activity = text(&site, "aktiviteter/K-2024-01.html");
    assert!(
        activity.contains(&link("plans/kommun/plan%202024%20%23%C3%A5.yaml", "Redigera den här sidan")),
        "{activity}"
    );
    let plan = text(&site, "planer/lan.html");
    assert!(plan.contains(&link("plans/lan/handlingsplan.yaml", "Redigera den här sidan")), "{plan}");
    assert!(!text(&site, "index.html").contains("Redigera den här sidan"));
    assert!(!text(&site, "tackning.html").contains("Redigera den här sidan"));

    let (_d, out, code) = render(copy.path(), &["--format", "markdown", "--lang", "en"]);
    assert_eq!(code, 0);
    let activity = text(&files(&out), "aktiviteter/K-2024-01.md");
    assert!(activity.contains("[Edit this page](https://forge.example/o/r/-/edit/main/plans/kommun/plan%202024%20%23%C3%A5.yaml?ref=x&y=1)"), "{activity}");

    let plain = outside_git("tests/data/site");
    let (_d, out, code) = render(plain.path(), &[]);
    assert_eq!(code, 0);
    assert!(!files(&out).values().any(|page| String::from_utf8_lossy(page).contains("Redigera den här sidan")));
}
