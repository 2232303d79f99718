//! Injection through plan content, with the real binary: titles, descriptions, comments and
//! file names carrying Markdown links and images, mentions, table pipes, raw HTML, formulas
//! and control characters must come out as inert text in every output — the Markdown site,
//! the HTML site, `plan diff --format markdown` (a pull-request comment), the follow-up
//! report, CSV and xlsx (and a CSV's way back through `plan import`), and everything
//! printed to a terminal.

mod common;

use common::{copy_dir, plan, repo};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A title with every payload the red team used (as YAML double-quoted text).
const TITLE_YAML: &str = r#"[x](javascript:alert(1)) ![](https://evil.example/x.png) @octocat a | b <img src=x onerror=alert(1)> \e[31mröd\0 rad\n# ny"#;

/// The same title as literal Markdown: links, images, mention, pipe and HTML quoted, the
/// line break a space, the control characters U+FFFD.
const TITLE_MD: &str = "\\[x\\](javascript:alert(1)) \\!\\[\\](https://evil.example/x.png) @\u{200D}octocat a &#124; b \
&lt;img src=x onerror=alert(1)&gt; \u{FFFD}\\[31mröd\u{FFFD} rad # ny";

/// Hostile activities added to `tests/data/site`'s 2025 plan: the title above with a
/// description that loads a remote image and links to a script, and one whose title,
/// description and follow-up comment start spreadsheet formulas.
fn hostile_activities() -> String {
    format!(
        "  - id: K-2025-09\n    titel: \"{TITLE_YAML}\"\n    inriktningar: [MO1.1]\n    ansvarig: kommunen\n    status: klar\n    \
         beskrivning: |\n      Se ![spårning](https://evil.example/t.png) och [klicka](javascript:alert(1)) men ![egen](bilder/a.png).\n      \
         <script>alert(1)</script>\n  \
         - id: K-2025-08\n    titel: '=HYPERLINK(\"https://evil.example\";\"klicka\")'\n    inriktningar: [MO1.1]\n    ansvarig: kommunen\n    \
         status: pågående\n    beskrivning: \"@SUM(A1)\"\n    uppföljning:\n      - {{ datum: 2025-05-01, status: pågående, kommentar: \"-1+2\" }}\n"
    )
}

/// `tests/data/site` with the hostile activities, in a temporary folder.
fn hostile() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    add_hostile_activities(&root);
    (dir, root)
}

fn add_hostile_activities(root: &Path) {
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("{text}{}", hostile_activities())).expect("write");
}

/// Runs the binary: exit code, stdout and stderr as bytes.
fn run(cmd: &mut assert_cmd::Command) -> (i32, Vec<u8>, Vec<u8>) {
    let out = cmd.output().expect("runs");
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Asserts that output meant for a terminal carries no raw control character but LF, TAB
/// (and CR before LF), and no bidi control.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} carries raw controls {bad:?}:\n{text}");
}

/// Whether `pattern` occurs in `body` other than right after a backslash (which makes its
/// first character literal text in Markdown).
fn live(body: &str, pattern: &str) -> bool {
    body.match_indices(pattern).any(|(i, _)| !body[..i].ends_with('\\'))
}

/// The targets of the Markdown images (`![alt](target)`) in `body`.
fn image_targets(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in body.match_indices("![").filter(|(i, _)| !body[..*i].ends_with('\\')) {
        let rest = &body[i..];
        if let Some(start) = rest.find("](") {
            let target = &rest[start + 2..];
            out.push(&target[..target.find(')').unwrap_or(target.len())]);
        }
    }
    out
}

/// Every file below `dir`, by path relative to it.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&path).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn render(root: &Path, extra: &[&str]) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let out = tempfile::tempdir().expect("tempdir");
    let site = out.path().join("site");
    let (code, _, err) = run(plan().arg("render").arg(root).arg("--out").arg(&site).args(extra));
    assert_eq!(code, 0, "{}", text(&err));
    let files = files(&site);
    (out, files)
}

fn page<'a>(site: &'a [(String, Vec<u8>)], path: &str) -> &'a str {
    let (_, bytes) = site.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("{path} not written"));
    std::str::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn markdown_site_quotes_titles_as_literal_text_and_filters_descriptions() {
    let (_dir, root) = hostile();
    let (_out, site) = render(&root, &["--format", "markdown"]);
    let activity = page(&site, "aktiviteter/K-2025-09.md");
    // After the front matter (its title quoted as one YAML string, tested in
    // src/render/front_matter.rs), the heading.
    let body = activity.split_once("\n---\n\n").map_or(activity, |(_, body)| body);
    assert_eq!(body.lines().next(), Some(format!("# {TITLE_MD}").as_str()), "{activity}");
    // The description keeps its Markdown, but the remote image is a link, the script link
    // has no target and raw HTML is text; a local image stays an image.
    assert!(activity.contains("[spårning](https://evil.example/t.png)"), "{activity}");
    assert!(!activity.contains("![spårning]"), "{activity}");
    assert!(!live(body, "](javascript"), "{body}");
    assert!(activity.contains("[klicka]()"), "{activity}");
    assert!(activity.contains("![egen](bilder/a.png)"), "{activity}");
    assert!(activity.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{activity}");
    // In the activity plan's table the title is one cell: the pipe cannot split it.
    let plan = page(&site, "planer/kommun-2025.md");
    let row = plan.lines().find(|l| l.contains("K-2025-09")).expect("a row for the activity");
    assert!(row.contains(&format!("[{TITLE_MD}](")), "{row}");
    assert_eq!(
        row.matches('|').count(),
        plan.lines().find(|l| l.contains("K-2025-01")).expect("row").matches('|').count()
    );
    for (path, bytes) in &site {
        let body = String::from_utf8_lossy(bytes);
        // Links and images are Markdown's: the front matter's title is one YAML string,
        // inert by construction (src/render/front_matter.rs), and checked below for tags.
        let markdown = body.split_once("\n---\n\n").map_or(&*body, |(_, rest)| rest);
        assert!(!live(markdown, "](javascript"), "{path} links to a script");
        for target in image_targets(markdown) {
            assert!(!target.contains(':') && !target.starts_with("//"), "{path} loads {target}");
        }
        assert!(!live(markdown, "](https://evil.example/x.png)"), "{path} loads an image");
        assert!(!body.contains("<img") && !body.contains("<script"), "{path} carries raw HTML");
        assert!(!body.contains("@octocat"), "{path} mentions someone");
        assert!(!bytes.iter().any(|&b| b == 0 || b == 0x1b), "{path} carries NUL or ESC");
    }
}

#[test]
fn html_site_loads_nothing_from_elsewhere_and_carries_no_controls() {
    let (_dir, root) = hostile();
    let (_out, site) = render(&root, &[]);
    let activity = page(&site, "aktiviteter/K-2025-09.html");
    assert!(activity.contains("<a href=\"https://evil.example/t.png\">spårning</a>"), "{activity}");
    assert!(activity.contains("<img src=\"bilder/a.png\" alt=\"egen\" />"), "{activity}");
    assert!(activity.contains("\u{FFFD}[31mröd\u{FFFD}"), "{activity}");
    for (path, bytes) in &site {
        let body = String::from_utf8_lossy(bytes).to_ascii_lowercase();
        assert!(!body.contains("<img src=\"http") && !body.contains("<img src=\"//"), "{path} loads an image");
        assert!(
            !body.contains("href=\"javascript:") && !body.contains("src=\"javascript:"),
            "{path} links to a script"
        );
        // The only scripts are the site's own: the table filter, and the search on its page.
        let own = common::without_own_scripts(path, &body);
        assert!(!own.contains("<script"), "{path} carries a script");
        let controls = bytes.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        assert!(!controls, "{path} carries a control character");
    }
}

#[test]
fn csv_cells_that_would_start_a_formula_get_an_apostrophe() {
    let (_dir, root) = hostile();
    let (code, out, err) = run(plan().arg("export").arg(&root).args(["--format", "csv"]));
    assert_eq!(code, 0, "{}", text(&err));
    let csv = text(&out);
    let row = csv.split("\r\n").find(|l| l.starts_with("K-2025-08;")).expect("the row");
    assert!(row.starts_with("K-2025-08;\"'=HYPERLINK(\"\"https://evil.example\"\";\"\"klicka\"\")\";"), "{row}");
    assert!(row.contains(";'-1+2;"), "{row}");
    assert!(row.ends_with(";'@SUM(A1)"), "{row}");
    let (code, out, err) = run(plan().arg("list").arg("activities").arg(&root).args(["--format", "csv"]));
    assert_eq!(code, 0, "{}", text(&err));
    let list = text(&out);
    let row = list.split("\r\n").find(|l| l.starts_with("K-2025-08;")).expect("the row");
    assert!(row.starts_with("K-2025-08;\"'=HYPERLINK("), "{row}");
    for line in csv.split("\r\n").chain(list.split("\r\n")) {
        for cell in line.split(';') {
            assert!(!cell.trim_start_matches('"').starts_with(['=', '+', '@']), "{cell} in {line}");
        }
    }
}

#[test]
fn xlsx_writes_formula_text_as_strings() {
    let (dir, root) = hostile();
    let file = dir.path().join("plan.xlsx");
    let (code, _, err) = run(plan().arg("export").arg(&root).args(["--format", "xlsx", "--all", "--out"]).arg(&file));
    assert_eq!(code, 0, "{}", text(&err));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&file).expect("open")).expect("zip");
    let mut strings = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut xml = String::new();
        entry.read_to_string(&mut xml).expect("read");
        if name.starts_with("xl/worksheets/") {
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "{name} has a formula");
        }
        if name == "xl/sharedStrings.xml" {
            strings = xml;
        }
    }
    assert!(strings.contains("<t>=HYPERLINK(\"https://evil.example\";\"klicka\")</t>"), "{strings}");
}

/// `tests/data/site` in git with the hostile activities added after the base commit.
fn git_repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.se", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&root)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["checkout", "-q", "-b", "feature"]);
    add_hostile_activities(&root);
    git(&["commit", "-q", "-am", "hostile"]);
    (dir, root)
}

#[test]
fn diff_as_markdown_quotes_titles_for_a_pull_request_comment() {
    let (_dir, root) = git_repository();
    let (code, out, err) = run(plan().arg("diff").arg("main").arg("--path").arg(&root).args(["--format", "markdown"]));
    assert_eq!(code, 0, "{}", text(&err));
    let md = text(&out);
    assert!(md.lines().any(|l| l == format!("- `K-2025-09` {TITLE_MD} (kommun-2025)")), "{md}");
    assert!(
        md.lines().any(|l| l == "- `K-2025-08` &#61;HYPERLINK(\"https://evil.example\";\"klicka\") (kommun-2025)"),
        "{md}"
    );
    assert!(!md.contains("@octocat") && !md.contains("<img") && !live(&md, "](javascript"), "{md}");
    assert!(!live(&md, "!["), "{md}");
    assert!(!out.iter().any(|&b| b == 0 || b == 0x1b), "{md:?}");
}

#[test]
fn diff_for_a_terminal_shows_control_characters_as_escapes() {
    let (_dir, root) = git_repository();
    let (code, out, err) = run(plan().arg("diff").arg("main").arg("--path").arg(&root));
    assert_eq!(code, 0, "{}", text(&err));
    assert_terminal_safe("plan diff", &out);
    assert!(text(&out).contains("\\u{1b}[31mröd\\u{0} rad"), "{}", text(&out));
}

#[test]
fn list_for_a_terminal_shows_control_characters_as_escapes() {
    let (_dir, root) = hostile();
    let (code, out, err) = run(plan().arg("list").arg("activities").arg(&root));
    assert_eq!(code, 0, "{}", text(&err));
    assert_terminal_safe("plan list", &out);
    assert!(text(&out).contains("\\u{1b}[31mröd\\u{0}"), "{}", text(&out));
}

#[test]
fn findings_snippets_file_names_and_errors_never_send_raw_controls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/site"), &root);
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let text_2025 = std::fs::read_to_string(&file).expect("read");
    // An unknown owner whose id carries escape sequences and a bidi override: a finding
    // quotes it and shows its line in a snippet.
    std::fs::write(
        &file,
        format!(
            "{text_2025}  - id: K-2025-07\n    titel: \"Rubrik \\e]0;titel\\a\"\n    inriktningar: [MO1.1]\n    \
             ansvarig: \"okand\\e[2J\\u202e\"\n    status: planerad\n"
        ),
    )
    .expect("write");
    // A file whose name carries an escape sequence, with raw control bytes in it.
    std::fs::write(root.join("plans/kommun/\u{1b}[2Jfil.yaml"), "typ: aktivitetsplan\nid: \u{1b}[2J\u{0}\n")
        .expect("write");
    for lang in ["sv", "en"] {
        let (code, out, err) = run(plan().arg("check").arg(&root).args(["--lang", lang]));
        assert_eq!(code, 1, "{}", text(&err));
        assert_terminal_safe("plan check", &out);
        assert_terminal_safe("plan check (stderr)", &err);
        let out = text(&out);
        assert!(out.contains("\\u{1b}[2Jfil.yaml"), "{out}");
        assert!(out.contains("okand"), "{out}");
    }
    // An error message that quotes a file name.
    let missing = dir.path().join("saknas\u{1b}[2J\u{202e}");
    let (code, out, err) = run(plan().arg("check").arg(&missing));
    assert_ne!(code, 0);
    assert_terminal_safe("an error (stdout)", &out);
    assert_terminal_safe("an error", &err);
    assert!(text(&err).contains("saknas\\u{1b}[2J\\u{202e}"), "{}", text(&err));
}

#[test]
fn follow_up_report_quotes_titles_in_markdown_and_escapes_controls_as_text() {
    let (_dir, root) = hostile();
    let (code, out, err) = run(plan().arg("report").arg(&root).args(["--format", "markdown"]));
    assert_eq!(code, 0, "{}", text(&err));
    let md = text(&out);
    let row = md.lines().find(|l| l.contains("K-2025-09")).unwrap_or_else(|| panic!("no row for K-2025-09:\n{md}"));
    assert_eq!(row, format!("| K-2025-09 | {TITLE_MD} | Kommunen |"), "{md}");
    assert!(!live(&md, "](javascript") && !live(&md, "![") && !md.contains("@octocat"), "{md}");
    assert!(!out.iter().any(|&b| b == 0 || b == 0x1b), "{md:?}");
    let (code, out, err) = run(plan().arg("report").arg(&root));
    assert_eq!(code, 0, "{}", text(&err));
    assert_terminal_safe("plan report", &out);
    assert!(text(&out).contains("\\u{1b}[31mröd\\u{0} rad"), "{}", text(&out));
}

#[test]
fn an_exported_formula_like_title_imports_back_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    let file = root.join("plans/ap-2024.yaml");
    let yaml = std::fs::read_to_string(&file).expect("read");
    let hostile = yaml.replacen("titel: Samordnad individuell plan   # SIP", "titel: \"=SUMMA(A1)\"   # SIP", 1);
    std::fs::write(&file, &hostile).expect("write");
    let csv = dir.path().join("aktiviteter.csv");
    let (code, _, err) = run(plan().arg("export").arg(&root).args(["--format", "csv", "--out"]).arg(&csv));
    assert_eq!(code, 0, "{}", text(&err));
    assert!(std::fs::read_to_string(&csv).expect("csv").contains(";'=SUMMA(A1);"));
    let (code, out, err) =
        run(plan().current_dir(&root).arg("import").arg(&csv).args(["--into", "plans/ap-2024.yaml"]));
    assert_eq!(code, 0, "{}", text(&err));
    assert_eq!(text(&out), "plans/ap-2024.yaml: inga ändringar\n", "{}", text(&err));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), hostile);
}

#[test]
fn import_messages_show_control_characters_as_escapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    let sheet = std::fs::read_to_string(repo("tests/data/import/sheets/aktiviteter.csv")).expect("sheet");
    let csv = dir.path().join("ark\u{1b}[2J.csv");
    std::fs::write(&csv, sheet.replacen(";pågående;", ";på\u{1b}[2Jgående\u{202e};", 1)).expect("write");
    let (code, out, err) =
        run(plan().current_dir(&root).arg("import").arg(&csv).args(["--into", "plans/ap-2024.yaml"]));
    assert_ne!(code, 0, "{}", text(&out));
    assert_terminal_safe("plan import (stdout)", &out);
    assert_terminal_safe("plan import", &err);
    assert!(text(&err).contains("på\\u{1b}[2Jgående\\u{202e}"), "{}", text(&err));
}

/// Runs `plan ARGS` on a pseudo-terminal (util-linux `script`); returns what it showed.
fn on_a_terminal(args: &[&str]) -> Vec<u8> {
    let bin = assert_cmd::cargo::cargo_bin("plan");
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let command: Vec<String> = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| (*a).to_owned()))
        .map(|a| quote(&a))
        .collect();
    let out = std::process::Command::new("script")
        .args(["-qec", &command.join(" "), "/dev/null"])
        .env_remove("PLAN_LANG")
        .output()
        .expect("script runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn csv_tables_on_a_terminal_show_control_characters_as_escapes_and_stay_data_in_a_pipe() {
    let (_dir, root) = hostile();
    let r = root.to_str().expect("UTF-8");
    for args in [&["list", "activities", "--format", "csv", r][..], &["export", "--format", "csv", r][..]] {
        // The terminal shows each LF as CR LF (`onlcr`); the table's own CRs are before those.
        let shown = text(&on_a_terminal(args)).replace("\r\r\n", "\n").into_bytes();
        assert_terminal_safe(&format!("plan {args:?} on a terminal"), &shown);
        assert!(text(&shown).contains("\\u{1b}[31mröd"), "{}", text(&shown));
        // Into a pipe or a file it is data, as written.
        let (code, out, err) = run(plan().args(args));
        assert_eq!(code, 0, "{}", text(&err));
        assert!(text(&out).contains("\u{1b}[31mröd"), "{}", text(&out));
    }
}

#[test]
fn a_style_sheet_cannot_end_the_reports_style_element() {
    let (_dir, root) = hostile();
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    std::fs::write(root.join("templates/style.css"), "body { color: #000; }\n</style><script>alert(1)</script>\n")
        .expect("write");
    let (code, out, err) = run(plan().arg("report").arg(&root).args(["--format", "html"]));
    assert_eq!(code, 0, "{}", text(&err));
    let html = text(&out);
    assert!(html.contains("body { color: #000; }"), "the style sheet is used");
    assert_eq!(html.matches("</style>").count(), 1, "only the report's own end tag:\n{html}");
    assert!(html.contains("<\\/style><script>alert(1)<\\/script>"), "kept as text of the style sheet:\n{html}");
}

#[test]
fn the_analysis_of_a_period_is_inert_in_every_report_format() {
    let (_dir, root) = hostile();
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let text_before = std::fs::read_to_string(&file).expect("read");
    let analysis = "analys:\n  helår: \"Se ![spår](https://evil.example/t.png), [klicka](javascript:alert(1)), @octocat, \
                    <script>alert(1)</script> <img src=x onerror=alert(1)> \\e[2J\\u202Eslut\"\n";
    std::fs::write(&file, text_before.replacen("aktiviteter:\n", &format!("{analysis}aktiviteter:\n"), 1))
        .expect("write");
    let (code, out, err) = run(plan().arg("report").arg(&root).args(["--format", "html"]));
    assert_eq!(code, 0, "{}", text(&err));
    let html = text(&out);
    assert!(html.contains("Analys av kommun-2025, helår"), "the analysis is shown");
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "no live HTML:\n{html}");
    assert!(!html.contains("javascript:alert(1)\""), "the script link has lost its target:\n{html}");
    // The remote image is not loaded: it is a link to it, with its alt text.
    assert!(!html.contains("src=\"https://evil") && html.contains("<a href=\"https://evil.example/t.png\">spår</a>"));
    let (code, out, _) = run(plan().arg("report").arg(&root).args(["--format", "markdown"]));
    assert_eq!(code, 0);
    let md = text(&out);
    // As the Markdown site writes descriptions: the image a plain link, the script link
    // without a target, the mention escaped, the HTML as text.
    assert!(md.contains("Se [spår](https://evil.example/t.png), [klicka](), \\@octocat, &lt;script&gt;"), "{md}");
    assert!(!live(&md, "](javascript") && !live(&md, "![") && !live(&md, "@octocat"), "{md}");
    let (code, out, _) = run(plan().arg("report").arg(&root));
    assert_eq!(code, 0);
    assert_terminal_safe("plan report with an analysis", &out);
}
