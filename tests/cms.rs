//! The Markdown output as real publishing systems take it (docs/templates.md, "Markdown for
//! MkDocs, Hugo and Zola").
//!
//! Always: in both layouts (`[site] markdown = "mkdocs"` and `"hugo"`), every link between
//! pages leads to a page that was written, and every `#fragment` to an explicit id in it;
//! in the Hugo layout no page has a folder of its own name beside it and an `index.md` is
//! only ever a page's own bundle, alone in its folder.
//!
//! With `PLAN_CMS_TESTS=1` (tests/run sets it), the output is also built with MkDocs
//! (`mkdocs build --strict`, with anchor and link validation raised to warnings, so they
//! fail) and Hugo, and every internal link of the built HTML must lead to a file and every
//! fragment to an id in it. `PLAN_MKDOCS` and `PLAN_HUGO` name the programs (default
//! `mkdocs`, `hugo`).

mod common;

use common::{copy_dir, outcome, plan, repo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The repositories built: `""` is the bundled plan, `county` a county that reads three
/// municipalities' repositories (common::county_with_sources).
const REPOSITORIES: &[&str] = &["tests/data/site", "examples/stockholms-stad", "examples/lan-2024", "", "county"];

/// A copy of a repository (see [`REPOSITORIES`]) with `[site] markdown = style`, and its
/// root.
fn with_style(rel: &str, style: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    if rel == "county" {
        let root = common::county_with_sources(dir.path());
        set_style(&root.join("plan.toml"), style);
        return (dir, root);
    }
    if rel.is_empty() {
        copy_dir(&repo("plans"), &dir.path().join("plans"));
        std::fs::copy(repo("plan.toml"), dir.path().join("plan.toml")).expect("copy");
    } else {
        copy_dir(&repo(rel), dir.path());
    }
    set_style(&dir.path().join("plan.toml"), style);
    let root = dir.path().to_owned();
    (dir, root)
}

fn set_style(toml: &Path, style: &str) {
    let text = std::fs::read_to_string(toml).unwrap_or_default();
    let text = if text.contains("\n[site]\n") || text.starts_with("[site]\n") {
        text.replacen("[site]\n", &format!("[site]\nmarkdown = \"{style}\"\n"), 1)
    } else {
        format!("{text}\n[site]\nmarkdown = \"{style}\"\n")
    };
    std::fs::write(toml, text).expect("write");
}

/// Renders `rel` as Markdown in `style` into `<tmp>/out`.
fn render(rel: &str, style: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = with_style(rel, style);
    let out = dir.path().join("out");
    let (code, _, err) = outcome(
        plan().arg("render").arg(&root).args(["--format", "markdown", "--today", "2025-12-31", "--out"]).arg(&out),
    );
    assert_eq!(code, 0, "{rel} ({style}): {err}");
    (dir, out)
}

/// Every file below a folder, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                let rel = p.strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/");
                out.insert(rel, String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The inline link targets of a Markdown page (`](` not after a backslash).
fn markdown_links(text: &str) -> Vec<String> {
    let pieces: Vec<&str> = text.split("](").collect();
    pieces
        .windows(2)
        .filter(|w| !w[0].ends_with('\\'))
        .map(|w| w[1][..w[1].find(')').unwrap_or(w[1].len())].to_owned())
        .collect()
}

fn external(link: &str) -> bool {
    link.starts_with("https://") || link.starts_with("http://") || link.starts_with("mailto:") || link.is_empty()
}

/// `link` resolved against folder `folder`: the path and the fragment.
fn resolve(folder: &str, link: &str) -> (String, Option<String>) {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (link, None),
    };
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{link} from {folder}/ leaves the site");
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if path.is_empty() || path.ends_with('/') {
        joined.push('/');
    }
    (joined, fragment)
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(f, _)| f)
}

/// The explicit ids of a Markdown page: `<a id="…"></a>` lines and `{#…}` heading attributes.
fn explicit_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("<a id=\"").and_then(|l| l.strip_suffix("\"></a>")) {
            ids.insert(id.to_owned());
        }
        if line.starts_with('#')
            && let Some(open) = line.rfind(" {#")
            && line.ends_with('}')
        {
            ids.insert(line[open + 3..line.len() - 1].to_owned());
        }
    }
    ids
}

#[test]
fn every_link_in_the_mkdocs_layout_leads_to_a_file_and_an_explicit_id() {
    for rel in REPOSITORIES {
        let (_d, out) = render(rel, "mkdocs");
        let site = files(&out);
        assert!(site.contains_key("index.md"), "{rel}: MkDocs takes index.md as the home page");
        let mut broken = Vec::new();
        let mut fragments = 0;
        for (page, text) in site.iter().filter(|(p, _)| p.ends_with(".md")) {
            for link in markdown_links(text).into_iter().filter(|l| !external(l)) {
                let (path, fragment) = resolve(folder_of(page), &link);
                let path = if link.starts_with('#') { page.clone() } else { path };
                match site.get(&path) {
                    None => broken.push(format!("{page}: {link} (no file {path})")),
                    Some(target) => {
                        if let Some(f) = fragment {
                            fragments += 1;
                            if !explicit_ids(target).contains(&f) {
                                broken.push(format!("{page}: {link} (no id {f} in {path})"));
                            }
                        }
                    }
                }
            }
        }
        assert!(broken.is_empty(), "{rel}: broken links:\n{}", broken.join("\n"));
        if rel.starts_with("tests/") {
            assert!(fragments >= 10, "{rel}: the test site links into pages ({fragments} fragments)");
        }
    }
}

/// The Markdown file of a Hugo address (`planer/lan/`), by Hugo's default layout: lower case
/// addresses, `x/_index.md` for a section.
fn hugo_file<'a>(site: &'a BTreeMap<String, String>, url: &str) -> Option<&'a String> {
    let stem = url.trim_end_matches('/');
    let index = if stem.is_empty() { "_index.md".to_owned() } else { format!("{stem}/_index.md") };
    let bundle = format!("{stem}/index.md");
    site.keys().find(|k| {
        let k = k.to_lowercase();
        k == index || k == format!("{stem}.md") || k == bundle
    })
}

#[test]
fn every_link_in_the_hugo_layout_leads_to_a_page_and_an_explicit_id() {
    for rel in REPOSITORIES {
        let (_d, out) = render(rel, "hugo");
        let site = files(&out);
        assert!(site.contains_key("_index.md"), "{rel}: Hugo's home page is _index.md");
        let mut broken = Vec::new();
        for page in site.keys().filter(|p| p.ends_with(".md")) {
            // An `index.md` makes its folder a leaf bundle: it may only be a page's own
            // bundle, alone in its folder (`aktiviteter/MO1.1/index.md`).
            if let Some(bundle) = page.strip_suffix("index.md").filter(|b| b.is_empty() || b.ends_with('/')) {
                let alone = site.keys().filter(|k| k.starts_with(bundle)).count() == 1;
                if bundle.is_empty() || !alone {
                    broken.push(format!("{page}: an index.md makes a leaf bundle of {bundle}"));
                }
            }
            let folder = format!("{}/", page.trim_end_matches(".md"));
            if site.keys().any(|k| k.starts_with(&folder)) {
                broken.push(format!("{page}: collides with the folder {folder}"));
            }
        }
        for (page, text) in site.iter().filter(|(p, _)| p.ends_with(".md")) {
            // The page's own address: `planer/lan.md` is at `planer/lan/`, `planer/_index.md`
            // at `planer/`.
            let url = page.trim_end_matches(".md").trim_end_matches("_index");
            let url = url.strip_suffix("/index").map_or(url.to_owned(), |b| format!("{b}/")).to_lowercase();
            let url = if url.is_empty() || url.ends_with('/') { url } else { format!("{url}/") };
            for link in markdown_links(text).into_iter().filter(|l| !external(l)) {
                assert!(!link.contains(".md"), "{page}: {link} is a link to a file, which Hugo does not rewrite");
                let (path, fragment) = resolve(&url, &link);
                match hugo_file(&site, &path) {
                    None => broken.push(format!("{page}: {link} (no page at {path})")),
                    Some(target) => {
                        if let Some(f) = fragment
                            && !explicit_ids(&site[target]).contains(&f)
                        {
                            broken.push(format!("{page}: {link} (no id {f} in {target})"));
                        }
                    }
                }
            }
        }
        assert!(broken.is_empty(), "{rel}: broken:\n{}", broken.join("\n"));
    }
}

#[test]
fn an_unknown_markdown_layout_is_refused_with_the_choices() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/site"), dir.path());
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("read").replacen("[site]\n", "[site]\nmarkdown = \"jekyll\"\n", 1);
    std::fs::write(&toml, text).expect("write");
    let (code, _, err) = outcome(plan().arg("render").arg(dir.path()).args(["--format", "markdown", "--lang", "en"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("line 6: `[site]` `markdown`: `jekyll` is neither `mkdocs` (index.md and links to the .md files, for MkDocs, GitHub and GitLab) nor `hugo` (_index.md and links to the pages' addresses, for Hugo and Zola)"),
        "{err}"
    );
}

// ---- Built by the real programs (PLAN_CMS_TESTS=1) ----

fn cms_tests() -> bool {
    if std::env::var_os("PLAN_CMS_TESTS").is_some_and(|v| v == "1") {
        return true;
    }
    eprintln!("skipped: set PLAN_CMS_TESTS=1 to build the Markdown with MkDocs and Hugo (tests/run does)");
    false
}

fn program(var: &str, default: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| default.to_owned())
}

/// The values of attribute `name` in an HTML text (double-quoted, as both programs write).
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// Checks that every relative `href` and `src` in the built site leads to a file, and every
/// fragment to an id in it; returns the number of HTML pages.
fn check_built_links(site_dir: &Path, skip: &[&str]) -> usize {
    let site = files(site_dir);
    let mut broken = Vec::new();
    let mut pages = 0;
    // MkDocs's 404.html is served at any address, so its links are absolute by design.
    for (page, html) in site.iter().filter(|(p, _)| p.ends_with(".html") && *p != "404.html") {
        pages += 1;
        for link in attributes(html, "href").into_iter().chain(attributes(html, "src")) {
            if external(&link) || link.starts_with("//") || skip.iter().any(|s| link.contains(s)) {
                continue;
            }
            assert!(!link.starts_with('/'), "{page}: {link} is an absolute path");
            let (mut path, fragment) = resolve(folder_of(page), &link);
            if link.starts_with('#') {
                path = page.clone();
            } else if path.ends_with('/') || path.is_empty() {
                path = format!("{}index.html", path.trim_start_matches('/'));
            }
            match site.get(&path) {
                None => broken.push(format!("{page}: {link} (no file {path})")),
                Some(target) => {
                    if let Some(f) = fragment.filter(|f| !f.is_empty())
                        && !attributes(target, "id").contains(&f)
                    {
                        broken.push(format!("{page}: {link} (no id {f} in {path})"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links in {}:\n{}", site_dir.display(), broken.join("\n"));
    pages
}

#[test]
fn mkdocs_builds_the_markdown_strictly_with_every_link_and_anchor_resolved() {
    if !cms_tests() {
        return;
    }
    for rel in REPOSITORIES {
        let (dir, out) = render(rel, "mkdocs");
        let md = files(&out).keys().filter(|k| k.ends_with(".md")).count();
        let config = dir.path().join("mkdocs.yml");
        std::fs::write(
            &config,
            format!(
                "site_name: Test\ndocs_dir: {}\nsite_dir: {}\nstrict: true\nuse_directory_urls: true\n\
                 validation:\n  omitted_files: warn\n  absolute_links: warn\n  unrecognized_links: warn\n  anchors: warn\n",
                out.display(),
                dir.path().join("site").display()
            ),
        )
        .expect("write");
        let output = std::process::Command::new(program("PLAN_MKDOCS", "mkdocs"))
            .args(["build", "--strict", "-f"])
            .arg(&config)
            .output()
            .expect("mkdocs runs (pip install mkdocs==1.6.1, or set PLAN_MKDOCS)");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{rel}: mkdocs build --strict failed:\n{err}");
        assert!(!err.contains("WARNING"), "{rel}: {err}");
        let site = dir.path().join("site");
        // One page per Markdown file (`x.md` → `x/index.html`), besides the theme's 404.html.
        let built = files(&site).keys().filter(|k| k.ends_with("index.html")).count();
        assert_eq!(built, md, "{rel}: MkDocs built {built} pages from {md} Markdown files");
        check_built_links(&site, &[]);
    }
}

#[test]
fn hugo_builds_a_page_for_every_markdown_file_with_every_link_and_anchor_resolved() {
    if !cms_tests() {
        return;
    }
    for rel in REPOSITORIES {
        let (dir, out) = render(rel, "hugo");
        let site_md = files(&out);
        let root = dir.path().join("hugo");
        let layouts = root.join("layouts/_default");
        std::fs::create_dir_all(&layouts).expect("mkdir");
        let layout =
            "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n";
        for name in ["single.html", "list.html"] {
            std::fs::write(layouts.join(name), layout).expect("write");
        }
        std::fs::write(
            root.join("hugo.toml"),
            format!(
                "baseURL = \"https://example.org/\"\ncontentDir = {:?}\n\
                 disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
                out.display().to_string()
            ),
        )
        .expect("write");
        let output = std::process::Command::new(program("PLAN_HUGO", "hugo"))
            .arg("--source")
            .arg(&root)
            .args(["--destination", "public", "--printPathWarnings"])
            .output()
            .expect("hugo runs (apt-get install hugo, or set PLAN_HUGO)");
        let err = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{rel}: hugo failed:\n{stdout}\n{err}");
        assert!(!err.contains("WARN") && !stdout.contains("WARN"), "{rel}: {stdout}\n{err}");
        let public = root.join("public");
        let built = files(&public);
        // Every Markdown file is a page at its address (Hugo adds the list pages of
        // sections without an _index.md).
        for page in site_md.keys().filter(|k| k.ends_with(".md")) {
            let url = page.trim_end_matches(".md").trim_end_matches("_index");
            let url = url.strip_suffix("/index").map_or(url.to_owned(), |b| format!("{b}/")).to_lowercase();
            let html = format!("{}{}index.html", url, if url.is_empty() || url.ends_with('/') { "" } else { "/" });
            assert!(built.contains_key(&html), "{rel}: Hugo built no {html} for {page}");
        }
        let md = site_md.keys().filter(|k| k.ends_with(".md")).count();
        let pages = check_built_links(&public, &[]);
        assert!(pages >= md && pages <= md + 10, "{rel}: Hugo built {pages} pages from {md} Markdown files");
    }
}
