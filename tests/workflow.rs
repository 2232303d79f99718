//! The analyst's year, end to end, through the real binary: start a repository, import last
//! year's Excel follow-up in the municipality's own layout, check it, make the steering
//! group's report and the site, export it back to Excel, and import that export again
//! without a single changed byte. No YAML line is written by hand on the way.
//!
//! Also the round trip on a real, commented repository: exporting `examples/stockholms-stad`
//! and importing the export into every aktivitetsplan changes nothing.

mod common;

use common::{plan, repo};
use std::collections::BTreeMap;
use std::path::Path;

const TODAY: &str = "2026-01-15";

/// Runs `plan` with `args`; returns the exit code, stdout and stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = plan().args(args).env("PLAN_TODAY", TODAY).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "plan {args:?}\n{stdout}\n{stderr}");
    stdout + &stderr
}

/// Every file below `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).expect("below").to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Last year's follow-up as the municipality keeps it: its own headers and status words,
/// owners by name, dates as Excel dates.
fn last_years_excel(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Uppföljning 2025").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let headers =
        ["Nr", "Aktivitet", "Inriktning", "Ansvarig enhet", "Läge", "Slutdatum", "Avstämd", "Kommentar", "Övrigt"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let rows = [
        (
            "VAX-2025-01",
            "Samordnad utskrivning från sjukhus",
            "MO1.2",
            "Vaxholms stad",
            "Klart",
            (2025, 10, 31),
            (2025, 11, 3),
            "Rutinen används i hela hemtjänsten.",
            "x",
        ),
        (
            "VAX-2025-02",
            "Anhörigstöd i SIP-möten",
            "MO2.1",
            "Storsthlm",
            "Pågår",
            (2025, 12, 31),
            (2025, 12, 15),
            "Två av tre utbildningar klara.",
            "",
        ),
        (
            "VAX-2025-03",
            "Digital tillsyn, förstudie",
            "MO4.1",
            "vaxholm",
            "Pausad",
            (2025, 12, 31),
            (2025, 9, 30),
            "Väntar på upphandling.",
            "",
        ),
    ];
    for (r, (id, title, direction, owner, status, end, checked, comment, other)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *id).expect("id");
        sheet.write_string(r, 1, *title).expect("title");
        sheet.write_string(r, 2, *direction).expect("direction");
        sheet.write_string(r, 3, *owner).expect("owner");
        sheet.write_string(r, 4, *status).expect("status");
        let end = ExcelDateTime::from_ymd(end.0, end.1, end.2).expect("date");
        sheet.write_datetime_with_format(r, 5, &end, &date).expect("end");
        let checked = ExcelDateTime::from_ymd(checked.0, checked.1, checked.2).expect("date");
        sheet.write_datetime_with_format(r, 6, &checked, &date).expect("checked");
        sheet.write_string(r, 7, *comment).expect("comment");
        sheet.write_string(r, 8, *other).expect("other");
    }
    book.save(path).expect("save");
}

#[test]
fn a_year_from_excel_to_report_site_and_back_without_retyping() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("vaxholm");
    let r = root.to_str().expect("UTF-8 path");
    ok(&["init", r]);

    // The municipality's own headers and words, told once in plan.toml.
    let mut settings = std::fs::read_to_string(root.join("plan.toml")).expect("plan.toml");
    settings.push_str(
        r#"
[import.kolumner]
id = "Nr"
titel = "Aktivitet"
inriktningar = "Inriktning"
ansvarig = "Ansvarig enhet"
status = "Läge"
slut = "Slutdatum"
"uppföljning datum" = "Avstämd"
"uppföljning kommentar" = "Kommentar"

[import.status]
"Klart" = "klar"
"Pågår" = "pågående"
"Pausad" = "pausad"
"#,
    );
    std::fs::write(root.join("plan.toml"), settings).expect("write plan.toml");

    let excel = dir.path().join("uppfoljning-2025.xlsx");
    last_years_excel(&excel);
    let target = root.join("plans/lokal/aktivitetsplan-vaxholm-2025.yaml");
    let t = target.to_str().expect("UTF-8 path");
    let imported = ok(&[
        "import",
        excel.to_str().expect("UTF-8 path"),
        "--into",
        t,
        r,
        "--plan-id",
        "vaxholm-2025",
        "--handlingsplan",
        "lokal-plan",
        "--year",
        "2025",
    ]);
    assert!(imported.contains("Övrigt"), "the unknown header is named once as a note:\n{imported}");
    let yaml = std::fs::read_to_string(&target).expect("the imported plan file");
    assert!(yaml.contains("ansvarig: vaxholm"), "owners given by name are written as ids:\n{yaml}");
    assert!(yaml.contains("status: pausad") && yaml.contains("2025-09-30"), "{yaml}");

    // Check: the imported year is clean (warnings, such as uncovered directions, allowed).
    ok(&["check", r]);

    // The steering group's report knows what was imported.
    let report = ok(&["report", r, "--year", "2025"]);
    assert!(report.contains("VAX-2025-01") && report.contains("Samordnad utskrivning från sjukhus"), "{report}");
    let html = dir.path().join("rapport-2025.html");
    ok(&["report", r, "--year", "2025", "--format", "html", "--out", html.to_str().expect("UTF-8 path")]);
    let html = std::fs::read_to_string(&html).expect("report");
    assert!(html.contains("Samordnad utskrivning från sjukhus"), "the finished activity is listed");

    // The county site shows every imported activity.
    let site = dir.path().join("site");
    ok(&["render", r, "--out", site.to_str().expect("UTF-8 path")]);
    let page = std::fs::read_to_string(site.join("aktiviteter/VAX-2025-03.html")).expect("the activity's page");
    assert!(page.contains("Digital tillsyn, förstudie") && page.contains("Väntar på upphandling."));

    // Back to Excel, and the export read back holds the follow-up.
    let back = dir.path().join("export.xlsx");
    ok(&["export", r, "--format", "xlsx", "--out", back.to_str().expect("UTF-8 path")]);
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(&back).expect("open the export");
        let range = book.worksheet_range("aktiviteter").expect("sheet aktiviteter");
        let rows: Vec<String> =
            range.rows().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("|")).collect();
        let row = rows.iter().find(|r| r.starts_with("VAX-2025-02|")).expect("the imported activity is exported");
        // In the analyst's own word for `pågående`, as plan.toml maps it for the import.
        assert!(row.contains("|Pågår|") && row.contains("Två av tre utbildningar klara."), "{row}");
    }

    // And the export imported again over the same file changes no byte anywhere.
    let before = snapshot(&root);
    let again = ok(&["import", back.to_str().expect("UTF-8 path"), "--into", t, r]);
    assert!(again.contains("inga ändringar"), "{again}");
    assert_eq!(snapshot(&root), before, "export then import leaves the repository as it was");
}

#[test]
fn exporting_a_commented_repository_and_importing_it_back_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    common::copy_dir(&repo("examples/stockholms-stad"), &root);
    let r = root.to_str().expect("UTF-8 path");
    let before = snapshot(&root);
    for format in ["csv", "xlsx"] {
        let export = dir.path().join(format!("aktiviteter.{format}"));
        let e = export.to_str().expect("UTF-8 path");
        ok(&["export", r, "--format", format, "--out", e]);
        let plans: Vec<_> = walkdir::WalkDir::new(root.join("plans"))
            .into_iter()
            .flatten()
            .filter(|f| std::fs::read_to_string(f.path()).is_ok_and(|t| t.contains("typ: aktivitetsplan")))
            .map(|f| f.path().to_owned())
            .collect();
        assert!(plans.len() >= 2, "the example has several aktivitetsplaner");
        for file in plans {
            let said = ok(&["import", e, "--into", file.to_str().expect("UTF-8 path"), r]);
            assert!(said.contains("inga ändringar"), "{format} into {}: {said}", file.display());
        }
        assert_eq!(snapshot(&root), before, "{format}: export then import leaves every file as it was");
    }
}
