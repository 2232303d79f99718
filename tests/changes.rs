//! The changelog of `plan render`: `andringar.html` listing the plan's decisions (git tags
//! that changed the plan files, else the commits that did), a page per decision with the
//! semantic diff, and the Atom feed `andringar.xml`; on git repositories built in each test
//! (`common::git_site_with_decisions`), and without history (no git, a shallow clone).

mod common;

use common::{copy_dir, git_at, git_site_with_decisions, plan};
use std::path::{Path, PathBuf};

fn render(repository: &Path, out: &Path, extra: &[&str]) -> String {
    let run = plan().arg("render").arg(repository).arg("--out").arg(out).args(extra).output().expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    stderr
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `<main>` of a page.
fn main_of(page: &str) -> String {
    let start = page.find("<main").expect("main");
    let end = page.find("</main>").expect("/main");
    page[start..end + 7].lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// The entries of the changelog: `(name, href, date, summary)` of each `<li>`.
fn entries(page: &str) -> Vec<(String, String, String, String)> {
    let between = |text: &str, from: &str, to: &str| -> String {
        let start = text.find(from).map(|i| i + from.len()).expect(from);
        let end = text[start..].find(to).expect(to) + start;
        text[start..end].to_owned()
    };
    let list = between(page, "<ul class=\"decision-list\">", "</ul>");
    list.split("<li>")
        .skip(1)
        .map(|item| {
            let href = between(item, "<h2><a href=\"", "\"");
            let name = between(item, &format!("{href}\">"), "</a>");
            let date = between(item, "\">", "</time>");
            let date = date.rsplit('>').next().unwrap_or_default().to_owned();
            let summary = between(item, "</p>\n    <p>", "</p>");
            (name, href, date, summary)
        })
        .collect()
}

fn entry(name: &str, href: &str, date: &str, summary: &str) -> (String, String, String, String) {
    (name.to_owned(), href.to_owned(), date.to_owned(), summary.to_owned())
}

#[test]
fn the_changelog_lists_the_tags_that_changed_the_plan_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), true);
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let page = read(out.join("andringar.html"));
    assert_eq!(
        entries(&page),
        [
            entry(
                "v2.0",
                "andringar/v2.0.html",
                "2025-04-01",
                "1 aktivitet tillagd, 1 ändrad, 1 borttagen; 1 ändring i strategin"
            ),
            entry("v1.0", "andringar/v1.0.html", "2025-01-15", "2 aktiviteter tillagda; 3 ändringar i strategin"),
        ],
        "the README's tag changed no plan file, and the commit after v2.0 is no decision"
    );
    assert!(page.contains("<time datetime=\"2025-04-01T09:00:00+02:00\">2025-04-01</time>"), "{page}");
    assert!(page.contains("<time datetime=\"2025-01-15T10:00:00+01:00\">"), "an annotated tag has the tagger's time");
    assert!(page.contains("Antagen av styrgruppen"), "an annotated tag's message");
    assert!(page.contains("Varje beslut är en tagg"));
    assert!(!page.contains("Bara de 50"), "nothing left out");
    assert!(page.contains("<a href=\"andringar.xml\" type=\"application/atom+xml\">"));
    assert!(!out.join("andringar/readme.html").exists());
    // Every page links to the changelog and announces the feed.
    let start = read(out.join("index.html"));
    assert!(start.contains("<p><a href=\"andringar.html\">Ändringar</a></p>"));
    assert!(start.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"andringar.xml\" title=\"Ändringar i planen\">"
    ));
    let activity = read(out.join("aktiviteter/A-1.html"));
    assert!(activity.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../andringar.xml\""));
}

#[test]
fn decisions_follow_the_history_not_the_order_the_tags_were_made_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), false);
    // The newest commit is tagged first, its grandparent a month later, and the first
    // commit in the same second as the grandparent under a name that sorts first.
    git_at(&root, &["tag", "-a", "sen", "-m", "Den senaste"], "2025-05-02T12:00:00+02:00");
    git_at(&root, &["tag", "-a", "efterhand", "HEAD~1", "-m", "Taggad i efterhand"], "2025-06-01T12:00:00+02:00");
    git_at(&root, &["tag", "-a", "a-forst", "HEAD~3", "-m", "Först"], "2025-06-01T12:00:00+02:00");
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let names: Vec<String> = entries(&read(out.join("andringar.html"))).into_iter().map(|e| e.0).collect();
    assert_eq!(names, ["sen", "efterhand", "a-forst"], "newest first by the history");
    let middle = read(out.join("andringar/efterhand.html"));
    assert!(middle.contains("a-forst"), "compared with the decision before it in the history");
}

#[test]
fn a_decision_page_shows_the_semantic_diff_against_the_decision_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), true);
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let page = read(out.join("andringar/v2.0.html"));
    let commit = String::from_utf8(
        std::process::Command::new("git").args(["rev-parse", "v2.0"]).current_dir(&root).output().expect("git").stdout,
    )
    .expect("UTF-8");
    let main = main_of(&page).replace(commit.trim(), "COMMIT");
    insta::assert_snapshot!("decision_v2", main);
    assert!(page.contains("<title>Beslut v2.0 – Ändringsplanen</title>"));
    // The first decision is compared with no plan: everything in it is new.
    let first = main_of(&read(out.join("andringar/v1.0.html")));
    assert!(first.contains("Jämfört med en tom plan"), "{first}");
    assert!(first.contains("<td class=\"id\">A-1</td><td><a href=\"../aktiviteter/A-1.html\">Gemensam rutin</a></td>"));
    assert!(first.contains("<td class=\"id\">A-2</td><td><span>Gammal aktivitet</span></td>"), "A-2 has no page now");
    assert!(first.contains("<strong>Målområde <a href=\"../malomraden/MO1.html\">MO1</a></strong> tillagt"), "{first}");
    assert!(first.contains("Nyare: <a href=\"../andringar/v2.0.html\">v2.0</a>"));
}

#[test]
fn the_feed_is_atom_with_an_entry_per_decision() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), true);
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let feed = read(out.join("andringar.xml"));
    let doc = parse(&feed);
    let text = |path: &str| doc.iter().filter(|(p, _)| p == path).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
    assert_eq!(text("feed/title"), ["Ändringsplanen – Ändringar i planen"]);
    assert_eq!(text("feed/updated"), ["2025-04-01T09:00:00+02:00"]);
    assert_eq!(text("feed/author/name"), ["Testlänet"]);
    assert_eq!(text("feed/link@href"), ["andringar.html"], "relative without [site] url, and no rel=self");
    assert_eq!(text("feed/entry/title"), ["v2.0: Beslut <b>&amp; ]]> \u{FFFD}klart", "v1.0: Antagen av styrgruppen"]);
    assert_eq!(text("feed/entry/updated"), ["2025-04-01T09:00:00+02:00", "2025-01-15T10:00:00+01:00"]);
    assert_eq!(text("feed/entry/link@href"), ["andringar/v2.0.html", "andringar/v1.0.html"]);
    assert_eq!(
        text("feed/entry/summary"),
        [
            "1 aktivitet tillagd, 1 ändrad, 1 borttagen; 1 ändring i strategin",
            "2 aktiviteter tillagda; 3 ändringar i strategin"
        ]
    );
    let ids = text("feed/entry/id");
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|id| id.starts_with("urn:uuid:") && id.len() == 45), "{ids:?}");
    assert_ne!(ids[0], ids[1]);
    assert!(text("feed/id")[0].starts_with("urn:uuid:"));
    // The same history gives the same feed, ids included.
    let again = dir.path().join("again");
    render(&root, &again, &[]);
    assert_eq!(read(again.join("andringar.xml")), feed);
    // With [site] url: absolute links and the feed's own address.
    let toml = read(root.join("plan.toml")).replace("[site]\n", "[site]\nurl = \"https://plan.example.se/lan\"\n");
    std::fs::write(root.join("plan.toml"), toml).expect("write");
    let site = dir.path().join("with-url");
    render(&root, &site, &[]);
    let doc = parse(&read(site.join("andringar.xml")));
    let text = |path: &str| doc.iter().filter(|(p, _)| p == path).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
    assert_eq!(text("feed/id"), ["https://plan.example.se/lan/andringar.xml"]);
    assert_eq!(
        text("feed/link@href"),
        ["https://plan.example.se/lan/andringar.html", "https://plan.example.se/lan/andringar.xml"]
    );
    assert_eq!(text("feed/link@rel"), ["alternate", "self"]);
    assert_eq!(text("feed/entry/id"), ids, "entry ids do not depend on the site's address");
    assert_eq!(text("feed/entry/link@href")[0], "https://plan.example.se/lan/andringar/v2.0.html");
    let sitemap = read(site.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://plan.example.se/lan/andringar/v2.0.html</loc>"));
}

#[test]
fn without_tags_the_commits_that_changed_plan_files_are_the_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), false);
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let id = |rev: &str| {
        let out = std::process::Command::new("git").args(["rev-parse", rev]).current_dir(&root).output().expect("git");
        String::from_utf8(out.stdout).expect("UTF-8").trim()[..12].to_owned()
    };
    let (c4, c3, c1) = (id("HEAD"), id("HEAD~1"), id("HEAD~3"));
    let page = read(out.join("andringar.html"));
    assert_eq!(
        entries(&page),
        [
            entry(&c4, &format!("andringar/{c4}.html"), "2025-05-01", "1 aktivitet ändrad"),
            entry(
                &c3,
                &format!("andringar/{c3}.html"),
                "2025-04-01",
                "1 aktivitet tillagd, 1 ändrad, 1 borttagen; 1 ändring i strategin"
            ),
            entry(
                &c1,
                &format!("andringar/{c1}.html"),
                "2025-01-10",
                "2 aktiviteter tillagda; 3 ändringar i strategin"
            ),
        ],
        "the README's commit changed no plan file"
    );
    assert!(page.contains("Planen har inga taggade beslut"));
    let latest = read(out.join(format!("andringar/{c4}.html")));
    assert!(latest.contains("<title>Ändring "), "a commit is a change, not a decision");
    assert!(
        latest.contains(&format!("<dt>Jämfört med</dt><dd><a href=\"../andringar/{c3}.html\">{c3}</a></dd>")),
        "{latest}"
    );
    assert!(latest.contains("<tr><th scope=\"row\">Status</th><td>Planerad</td><td>Pågående</td></tr>"));
    // English labels, Swedish content marked as such.
    let en = dir.path().join("en");
    render(&root, &en, &["--lang", "en"]);
    let page = read(en.join("andringar.html"));
    assert!(page.contains("<h1>Changes</h1>"));
    assert!(page.contains("<p>1 activity added, 1 changed, 1 removed; 1 change to the strategy</p>"), "{page}");
    assert!(page.contains("<span lang=\"sv\">A-3 pågår</span>"));
}

#[test]
fn only_the_latest_fifty_changes_are_shown_and_the_page_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), false);
    let file = root.join("plans/plan-2025.yaml");
    let text = read(file.clone());
    for day in 1..=50 {
        std::fs::write(&file, text.replace("titel: Gemensam rutin", &format!("titel: Gemensam rutin {day}")))
            .expect("write");
        git_at(
            &root,
            &["commit", "-q", "-a", "-m", &format!("dag {day}")],
            &format!("2025-06-{:02}T12:00:00+02:00", day.min(28)),
        );
    }
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let page = read(out.join("andringar.html"));
    let shown = entries(&page);
    assert_eq!(shown.len(), 50);
    assert!(shown.iter().all(|e| e.3 == "1 aktivitet ändrad"), "the 50 title changes, none of the older ones");
    assert!(page.contains("<p>Bara de 50 senaste ändringarna visas; äldre finns i git-historiken.</p>"));
    assert_eq!(std::fs::read_dir(out.join("andringar")).expect("folder").count(), 50);
}

#[test]
fn a_decision_that_adds_many_activities_lists_the_first_200_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), false);
    let file = root.join("plans/plan-2025.yaml");
    let mut text = read(file.clone());
    for n in 1..=250 {
        text.push_str(&format!("  - id: M-{n:03}\n    titel: Många {n}\n    inriktningar: [MO1.1]\n    ansvarig: kommunen\n    status: planerad\n"));
    }
    std::fs::write(&file, text).expect("write");
    git_at(&root, &["commit", "-q", "-a", "-m", "Många"], "2025-06-01T12:00:00+02:00");
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let list = read(out.join("andringar.html"));
    assert_eq!(entries(&list)[0].3, "250 aktiviteter tillagda");
    let name = &entries(&list)[0].0;
    let page = read(out.join(format!("andringar/{name}.html")));
    assert!(page.contains("<h2 id=\"added-heading\">Nya aktiviteter (250)</h2>"));
    assert_eq!(page.matches("<td class=\"id\">M-").count(), 200);
    assert!(page.contains("<td class=\"id\">M-200</td>") && !page.contains("<td class=\"id\">M-201</td>"));
    assert!(page.contains("<p>Bara de första 200 av 250 visas; kommandot plan diff visar hela listan.</p>"));
}

#[test]
fn hostile_tag_names_stay_text_and_cannot_choose_where_a_page_lands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), false);
    git_at(&root, &["tag", "beslut/2025<&>\"x]]>", "HEAD~3"], "2025-01-11T12:00:00+01:00");
    git_at(&root, &["tag", "beslut/2026", "HEAD~1"], "2025-04-01T09:00:00+02:00");
    git_at(&root, &["tag", "Beslut/2026", "HEAD"], "2025-05-01T12:00:00+02:00");
    let out = dir.path().join("site");
    render(&root, &out, &[]);
    let mut pages: Vec<String> = std::fs::read_dir(out.join("andringar"))
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    // Newest first keeps its name; the older of two names that differ only in case gets a suffix.
    assert_eq!(
        pages,
        ["Beslut_2f_2026.html", "beslut_2f_2025_3c__26__3e__22_x_5d__5d__3e_.html", "beslut_2f_2026_x2_.html"]
    );
    let list = read(out.join("andringar.html"));
    assert!(
        list.contains("<h2><a href=\"andringar/beslut_2f_2025_3c__26__3e__22_x_5d__5d__3e_.html\">beslut/2025&lt;&amp;&gt;&quot;x]]&gt;</a></h2>"),
        "{list}"
    );
    let doc = parse(&read(out.join("andringar.xml")));
    let titles: Vec<&str> = doc.iter().filter(|(p, _)| p == "feed/entry/title").map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        titles,
        ["Beslut/2026: A-3 pågår", "beslut/2026: Beslut <b>&amp; ]]> \u{FFFD}klart", "beslut/2025<&>\"x]]>: Planen"]
    );
}

#[test]
fn the_history_read_again_follows_new_commits_and_tags() {
    // `plan serve` reads the history before every build, and keeps the last reading for the
    // same repository state: a commit or a tag must still show at once.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), false);
    let open = || plan::run::Repository::open(Some(&root), None, plan::lang::Lang::Sv).expect("opens");
    let names = || -> Vec<String> {
        plan::diff::history::read(&open()).0.decisions.iter().map(|d| d.diff.head.clone()).collect()
    };
    let first = names();
    assert_eq!(first.len(), 3);
    assert_eq!(names(), first, "the same state, the same decisions");
    let file = root.join("plans/plan-2025.yaml");
    std::fs::write(&file, read(file.clone()).replace("Gemensam rutin", "Ny rutin")).expect("write");
    git_at(&root, &["commit", "-q", "-a", "-m", "Ny titel"], "2025-06-01T12:00:00+02:00");
    let after_commit = names();
    assert_eq!(after_commit.len(), 4, "{after_commit:?}");
    assert_eq!(&after_commit[1..], &first[..]);
    git_at(&root, &["tag", "v1", "HEAD~2"], "2025-06-01T12:00:00+02:00");
    let history = plan::diff::history::read(&open()).0;
    assert_eq!(history.source, plan::diff::history::Source::Tags);
    assert_eq!(history.decisions.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["v1"]);
}

#[test]
fn without_git_history_the_page_says_so_and_the_site_is_as_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), true);
    // A copy without .git.
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&plain).expect("mkdir");
    std::fs::copy(root.join("plan.toml"), plain.join("plan.toml")).expect("copy");
    copy_dir(&root.join("plans"), &plain.join("plans"));
    let out = dir.path().join("site");
    let stderr = render(&plain, &out, &[]);
    assert!(!stderr.contains("git"), "no note: no git is no problem ({stderr})");
    let main = main_of(&read(out.join("andringar.html")));
    assert_eq!(
        main,
        "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n<h1>Ändringar</h1>\n<p>Historiken över ändringar är inte tillgänglig: planen publiceras inte från ett git-repositorium.</p>\n</main>"
    );
    assert!(!out.join("andringar.xml").exists());
    assert!(!out.join("andringar").exists());
    assert!(!read(out.join("index.html")).contains("application/atom+xml"));
    // A shallow clone: history is cut off, so it is not shown at all.
    let clone = dir.path().join("clone");
    let url = format!("file://{}", root.display());
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--no-single-branch", &url])
        .arg(&clone)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let out = dir.path().join("shallow");
    render(&clone, &out, &["--lang", "en"]);
    let page = read(out.join("andringar.html"));
    assert!(
        page.contains(
            "<p>The history of changes is not available: the git history is cut short (a shallow clone).</p>"
        )
    );
    assert!(!out.join("andringar.xml").exists());
    assert!(!out.join("andringar").exists());
}

#[test]
fn markdown_output_has_the_same_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), true);
    let out = dir.path().join("site");
    render(&root, &out, &["--format", "markdown"]);
    let list = read(out.join("andringar.md"));
    assert!(list.contains("## [v2.0](andringar/v2.0.md)\n\n2025-04-01 · "), "{list}");
    assert!(list.contains("## [v1.0](andringar/v1.0.md)\n\n2025-01-15 · Antagen av styrgruppen\n\n2 aktiviteter tillagda; 3 ändringar i strategin\n"));
    let page = read(out.join("andringar/v2.0.md"));
    assert!(page.contains("| Status | Planerad | Pågående |"), "{page}");
    assert!(page.contains("~~lokala~~**regionala**"), "{page}");
    assert!(page.contains("| A-3 | [Ny &lt;aktivitet&gt; &amp; \\]\\]&gt;](../aktiviteter/A-3.md) |"), "{page}");
    assert!(!out.join("andringar.xml").exists(), "the feed is for the HTML site");
}

#[test]
fn every_link_of_a_site_with_history_resolves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = git_site_with_decisions(dir.path(), true);
    for format in ["html", "markdown"] {
        let out = dir.path().join(format);
        render(&root, &out, &["--format", format]);
        let mut files = Vec::new();
        walk(&out, &out, &mut files);
        let mut broken = Vec::new();
        let mut checked = 0;
        for page in &files {
            let body = read(out.join(page));
            let links: Vec<String> = if page.ends_with(".md") {
                let pieces: Vec<&str> = body.split("](").collect();
                pieces
                    .windows(2)
                    .filter(|w| !w[0].ends_with('\\'))
                    .map(|w| w[1][..w[1].find(')').unwrap_or(0)].to_owned())
                    .collect()
            } else if page.ends_with(".html") || page.ends_with(".xml") {
                body.split(" href=\"").skip(1).map(|r| r[..r.find('"').unwrap_or(0)].to_owned()).collect()
            } else {
                continue;
            };
            for link in links {
                if link.starts_with("https://")
                    || link.starts_with("http://")
                    || link.starts_with("mailto:")
                    || link.starts_with('#')
                {
                    continue;
                }
                let path = link.split(['#', '?']).next().unwrap_or_default();
                let mut parts: Vec<&str> = page.split('/').collect();
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
                let target = parts.join("/");
                checked += 1;
                if !files.contains(&target) {
                    broken.push(format!("{page}: {link}"));
                }
            }
        }
        assert!(broken.is_empty(), "{format}: broken links:\n{}", broken.join("\n"));
        assert!(files.iter().any(|f| f.starts_with("andringar/v2.0.")), "{files:?}");
        assert!(checked > 100, "{checked} links checked");
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            out.push(p.strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/"));
        }
    }
}

/// A well-formed XML document as `(path, text)`: each element's text at `a/b/c` (when it
/// has any), each attribute at `a/b@name`, unescaped; in document order of the elements'
/// ends. Panics on anything quick-xml finds malformed, or a second root.
fn parse(xml: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    let mut roots = 0;
    let start =
        |e: &quick_xml::events::BytesStart<'_>, stack: &mut Vec<(String, String)>, out: &mut Vec<(String, String)>| {
            let name = e.name().0.to_owned();
            stack.push((name, String::new()));
            let path = stack.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join("/");
            for a in e.attributes() {
                let a = a.expect("attribute");
                let key = a.key.0.to_owned();
                out.push((
                    format!("{path}@{key}"),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("escaped").into_owned(),
                ));
            }
        };
    let end = |stack: &mut Vec<(String, String)>, out: &mut Vec<(String, String)>| {
        let path = stack.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join("/");
        let (_, text) = stack.pop().expect("open element");
        if !text.trim().is_empty() {
            out.push((path, text));
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                roots += usize::from(stack.is_empty());
                start(&e, &mut stack, &mut out);
            }
            Event::Empty(e) => {
                roots += usize::from(stack.is_empty());
                start(&e, &mut stack, &mut out);
                end(&mut stack, &mut out);
            }
            Event::End(_) => end(&mut stack, &mut out),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push_str(&t.xml10_content());
                } else {
                    assert!(t.xml10_content().trim().is_empty(), "text outside the root");
                }
            }
            Event::GeneralRef(r) => {
                let name = r.to_string();
                let c = match r.resolve_char_ref().expect("character reference") {
                    Some(c) => c.to_string(),
                    None => {
                        quick_xml::escape::unescape(&format!("&{name};")).expect("a predefined entity").into_owned()
                    }
                };
                stack.last_mut().expect("inside an element").1.push_str(&c);
            }
            Event::Eof => break,
            Event::Decl(_) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(stack.is_empty() && roots == 1, "one root element, closed");
    out
}
