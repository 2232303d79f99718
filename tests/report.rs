//! `plan report` as users run it: the yearly follow-up in every format, cut by tertial, per
//! plan; the Kolada credit beside raw values only; a plan with errors refused with its
//! findings; usage errors; and `--out` written atomically.

mod common;

use assert_cmd::Command;
use common::{copy_dir, plan, repo};

/// Runs `plan report` on the fixture with extra arguments: exit code, stdout, stderr.
fn report(extra: &[&str]) -> (i32, String, String) {
    run(plan().arg("report").arg(repo("tests/data/report")).args(extra))
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn ok(extra: &[&str]) -> String {
    let (code, stdout, stderr) = report(extra);
    assert_eq!(code, 0, "{extra:?}: {stderr}");
    stdout
}

#[test]
fn human_full_year() {
    insta::assert_snapshot!("human_helar", ok(&[]));
}

#[test]
fn human_first_tertial() {
    insta::assert_snapshot!("human_t1", ok(&["--period", "t1"]));
}

#[test]
fn markdown_full_year() {
    insta::assert_snapshot!("markdown_helar", ok(&["--format", "markdown"]));
}

#[test]
fn markdown_first_tertial() {
    insta::assert_snapshot!("markdown_t1", ok(&["--format", "markdown", "--period", "t1"]));
}

#[test]
fn human_in_english() {
    insta::assert_snapshot!("human_en", ok(&["--lang", "en", "--year", "2024"]));
}

/// The lines of the human report between a plan's heading and the next plan's.
fn plan_section<'a>(text: &'a str, plan_id: &str) -> &'a str {
    let start = text.find(&format!("({plan_id}) ==")).unwrap_or_else(|| panic!("no section for {plan_id}"));
    let rest = &text[start..];
    let end = rest[1..].find("\n== ").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[test]
fn the_tertial_cut_changes_statuses() {
    // LAN-2025-01 was reported `pågående` in March and `klar` in May: finished for the full
    // year (still running: current status), not yet at the end of T1 (30 April).
    let year = ok(&[]);
    let t1 = ok(&["--period", "t1"]);
    let county_year = plan_section(&year, "lan");
    let county_t1 = plan_section(&t1, "lan");
    assert!(
        county_year.contains(
            "planerad 2, pågående 1, klar 1, försenad 0, pausad 0, avbruten 1, ingen uppföljning 0 (totalt 5)"
        )
    );
    // LAN-2025-05 starts on 1 September: at the end of T1 it has not begun, so it is
    // `planerad`, not "ingen uppföljning" (LAN-2025-03, due in September, has simply no report).
    assert!(
        county_t1.contains(
            "planerad 1, pågående 2, klar 0, försenad 0, pausad 0, avbruten 1, ingen uppföljning 1 (totalt 5)"
        )
    );
    assert!(county_t1.contains("  LAN-2025-05  Höstens utbildningsdagar  (Regionen; planerad)\n"));
    assert!(county_t1.contains("  LAN-2025-03  Informationskampanj  (Regionen; ingen uppföljning)\n"));
    assert!(t1.contains("Avstämt per 2025-04-30"));
    assert!(year.contains("Avstämt per 2025-06-30"), "the cut is never after the check date");
    // K-2025-01 ends 31 May: overdue now, not at the end of T1.
    assert!(
        plan_section(&year, "kommunplan")
            .contains("K-2025-01  Rutin för trygg hemgång  (Kommunen; slut 2025-05-31; försenad)")
    );
    assert!(!plan_section(&t1, "kommunplan").contains("K-2025-01  Rutin för trygg hemgång  (Kommunen; slut"));
    // A closed past year reads the follow-up log up to 31 December.
    let past = ok(&["--year", "2024"]);
    assert!(past.contains("Avstämt per 2024-12-31"));
    assert!(past.contains("LAN-2024-02  Kartlägga behoven hos äldre  (Kommunen; slut 2024-11-30; pågående)"));
}

#[test]
fn plan_restricts_to_one_handlingsplan_and_its_own_activity_plans() {
    let county = ok(&["--plan", "lan"]);
    assert!(county.contains("(lan) =="));
    assert!(!county.contains("kommunplan"));
    assert!(!county.contains("K-2025-"), "the local plan's activities are not the county plan's");
    let local = ok(&["--plan", "kommunplan"]);
    assert!(local.contains("(kommunplan) =="));
    assert!(!local.contains("(lan) =="));
    assert!(!local.contains("LAN-2025-"));
}

#[test]
fn html_is_standalone_printable_accessible_and_credits_kolada_beside_raw_values_only() {
    let html = ok(&["--format", "html"]);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"sv\">"));
    assert!(html.contains("@page { size: A4;"), "print stylesheet");
    assert!(html.contains("@media print"));
    assert!(html.contains(".report-nav, .skip-link { display: none; }"), "no navigation on paper");
    assert!(html.contains("break-inside: avoid"), "table rows are not split");
    assert!(!html.contains("<link"), "no external stylesheet: the CSS is inlined");
    assert!(html.contains("--color-primary: #0b2e59"), "the site's stylesheet, with its colours");
    assert_eq!(html.matches("<h1").count(), 1);
    assert_eq!(html.matches("<table").count(), html.matches("<caption").count());
    // A table right under a heading that names it keeps its caption for screen readers only,
    // so the page does not say each heading twice.
    assert!(html.contains("<h4>Förfallna aktiviteter</h4>\n<div class=\"table-wrap\" role=\"region\" aria-label=\"Förfallna aktiviteter: Målområde 1. Sömlös vård och omsorg\" tabindex=\"0\">\n<table>\n<caption class=\"visually-hidden\">"));
    // One Kolada indicator per målområde 1, shown once per plan: two credits, each in the
    // source cell of the row whose raw values it credits.
    let credit = "<td><span class=\"credit\">Källa: Kolada</span> (N00945)</td>";
    assert_eq!(html.matches("Källa: Kolada").count(), 2);
    assert_eq!(html.matches(credit).count(), 2);
    for row in html.split("<tr>").filter(|r| r.contains("Väntetid")) {
        assert!(!row.contains("Kolada"), "the text indicator is not credited to Kolada: {row}");
        assert!(row.contains("Regionens egen mätning"));
    }
    // Computed figures are labelled as the plan's own calculation, never as Kolada's.
    for cell in html.split("<td").filter(|c| c.contains("own-calculation")) {
        assert!(!cell.contains("Kolada"), "{cell}");
    }
    assert!(html.contains("<strong>Egen beräkning:</strong>"));
    let en = ok(&["--format", "html", "--lang", "en"]);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Source: Kolada") && !en.contains("Källa: Kolada"));
}

#[test]
fn markdown_credits_kolada_only_for_kolada_values() {
    let md = ok(&["--format", "markdown"]);
    for line in md.lines().filter(|l| l.starts_with("| Andel utskrivningar")) {
        assert!(line.contains("| Källa: Kolada (N00945) |"), "{line}");
    }
    for line in md.lines().filter(|l| l.starts_with("| Väntetid")) {
        assert!(!line.contains("Kolada"), "{line}");
    }
}

#[test]
fn the_html_template_can_be_overridden() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/report"), dir.path());
    std::fs::create_dir(dir.path().join("templates")).expect("mkdir");
    std::fs::write(dir.path().join("templates/report.html"), "<p>{{ report.title }} / {{ words.kolada_credit }}</p>\n")
        .expect("write");
    let (code, stdout, stderr) = run(plan().arg("report").arg(dir.path()).arg("--format").arg("html"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "<p>Uppföljning 2025, helår / Källa: Kolada</p>\n");
}

#[test]
fn a_plan_with_errors_gets_no_report_but_its_findings() {
    let (code, stdout, stderr) = run(plan().arg("report").arg(repo("tests/data/broken")));
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "no report: {stdout}");
    assert!(stderr.contains("P00"), "the findings, as `plan check` shows them: {stderr}");
    assert!(stderr.contains("ingen rapport: planen har fel"));
}

#[test]
fn warnings_do_not_stop_the_report() {
    let (check, _, _) = run(plan().arg("check").arg(repo("tests/data/report")).arg("--deny").arg("warnings"));
    assert_eq!(check, 1, "the fixture has P008 warnings");
    ok(&[]);
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [
        &["--year", "abc"][..],
        &["--year", "20255"],
        &["--period", "t3"],
        &["--format", "pdf"],
        &["--plan", "no-such-plan"],
        &["--today", "2025-02-30"],
    ] {
        let (code, stdout, stderr) = report(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(!stderr.is_empty(), "{args:?} says why");
    }
    let (_, _, stderr) = report(&["--plan", "no-such-plan"]);
    assert!(stderr.contains("det finns ingen handlingsplan med id `no-such-plan`"), "{stderr}");
    let (_, _, stderr) = report(&["--plan", "kommunplam"]);
    assert!(stderr.contains("menade du `kommunplan`?"), "{stderr}");
}

#[test]
fn out_writes_the_file_atomically_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("rapport.html");
    std::fs::write(&target, "old").expect("write");
    let (code, stdout, stderr) = report(&["--format", "html", "--out", target.to_str().expect("UTF-8 path")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "nothing on stdout with --out");
    let written = std::fs::read_to_string(&target).expect("read");
    assert_eq!(written, ok(&["--format", "html"]));
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("read_dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(names, ["rapport.html"], "no temporary file left behind");
    // Missing folders are created, as `plan render --out` does.
    let nested = dir.path().join("rapporter/2025/r.md");
    assert_eq!(report(&["--out", nested.to_str().expect("UTF-8 path")]).0, 0);
    assert_eq!(std::fs::read_to_string(&nested).expect("written"), ok(&[]));
    // A path that cannot be a file (below a file) is an I/O error that names it.
    let impossible = target.join("r.md");
    let (code, _, stderr) = report(&["--out", impossible.to_str().expect("UTF-8 path")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("r.md"), "{stderr}");
}

#[test]
fn a_year_without_activity_plans_says_so() {
    let text = ok(&["--year", "2027"]);
    assert!(text.contains("Inga aktivitetsplaner för året."));
}

#[test]
fn the_site_credits_kolada_under_kolada_values_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    for format in ["html", "markdown"] {
        let (code, _, stderr) = run(plan()
            .arg("render")
            .arg(repo("tests/data/report"))
            .arg("--out")
            .arg(&out)
            .arg("--format")
            .arg(format)
            .arg("--force"));
        assert_eq!(code, 0, "{stderr}");
        let ext = if format == "html" { "html" } else { "md" };
        let kolada = std::fs::read_to_string(out.join(format!("malomraden/MO1.{ext}"))).expect("MO1 page");
        let text = std::fs::read_to_string(out.join(format!("malomraden/MO2.{ext}"))).expect("MO2 page");
        let credit = if format == "html" { "<p class=\"credit\">Källa: Kolada</p>" } else { "\nKälla: Kolada\n" };
        assert_eq!(kolada.matches(credit).count(), 1, "{format}: the credit under the values");
        assert!(!text.contains("Kolada"), "{format}: the text indicator is not Kolada's");
        assert!(text.contains("Regionens egen mätning"), "{format}");
    }
}

#[test]
fn html_body_in_english() {
    let html = ok(&["--format", "html", "--lang", "en", "--period", "t2", "--today", "2025-09-15"]);
    let body = html.split_once("</head>\n").map(|(_, b)| b).expect("a head and a body");
    insta::assert_snapshot!("html_body_en_t2", body);
}

#[test]
fn the_analysis_of_the_period_is_shown_sanitised_and_a_misspelt_period_is_a_p002() {
    // T1 has a text, T2 none: the T2 report has no analysis heading at all.
    let t1 = ok(&["--format", "html", "--period", "t1"]);
    assert!(t1.contains("<h3 id=\"lan-analysis-1\">Analys av lan-2025, T1 (januari–april)</h3>"), "{t1}");
    assert!(t1.contains("Forumen har <strong>kommit i gång</strong> i nästan alla kommuner."));
    assert!(t1.contains("&lt;b&gt;upphandlingen&lt;/b&gt;"), "raw HTML is shown as text");
    assert!(!t1.contains("<b>upphandlingen"));
    assert!(!ok(&["--period", "t2"]).contains("Analys av"));
    assert!(ok(&[]).contains("\nAnalys av lan-2025, helår:\n  Året summeras i december.\n"));
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/report"), dir.path());
    let file = dir.path().join("plans/lan/aktivitetsplan-2025.yaml");
    let text =
        std::fs::read_to_string(&file).expect("read").replace("  t1: |", "  T1: |").replace("  helår:", "  helar:");
    std::fs::write(&file, text).expect("write");
    let (code, out, _) = run(plan().args(["check", "--format", "json"]).arg(dir.path()));
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let found: Vec<String> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "P002")
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["line"],
                d["column"],
                d["message"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        found,
        ["6:3 okänd nyckel `T1` i `analys` menade du `t1`?", "10:3 okänd nyckel `helar` i `analys` menade du `helår`?"]
    );
}

#[test]
fn a_year_that_has_not_begun_says_so_instead_of_running() {
    // The check date is 2025-06-30: 2026 has not begun, 2025 is running.
    assert!(ok(&["--year", "2026"]).contains(
        "Avstämt per 2025-06-30 (kontrolldatum 2025-06-30). Året har inte börjat än: status är aktiviteternas nuvarande, planerade status.\n"
    ));
    assert!(ok(&["--year", "2025"]).contains("Perioden pågår: status är aktiviteternas nuvarande status."));
}

#[test]
fn headings_in_an_analysis_stay_below_the_reports_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/report"), dir.path());
    let file = dir.path().join("plans/lan/aktivitetsplan-2025.yaml");
    let text = std::fs::read_to_string(&file).expect("read").replace(
        "  helår: Året summeras i december.",
        "  helår: |\n    # Sammanfattning\n\n    Året summeras i december.",
    );
    std::fs::write(&file, text).expect("write");
    let (code, html, err) = run(plan().arg("report").arg(dir.path()).args(["--format", "html"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(html.matches("<h1").count(), 1, "the report's own h1 only");
    assert!(html.contains("<h4>Sammanfattning</h4>"), "under the analysis' h3");
    let (_, md, _) = run(plan().arg("report").arg(dir.path()).args(["--format", "markdown"]));
    assert!(md.contains("\n#### Sammanfattning\n"), "{md}");
}
