//! `plan import FILE --into PLANFILE` as users run it: a sheet that holds what the file
//! holds changes no byte; changed cells change only their lines, with comments kept; every
//! kind of bad row is reported by sheet, row and column; `--force`, `--partial`, a mapped
//! layout from plan.toml, xlsx with real dates, and a new file.

mod common;

use common::{copy_dir, plan, repo};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A fresh copy of the test repository; returns the folder and the repository inside it.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    (dir, root)
}

fn sheet(name: &str) -> PathBuf {
    repo("tests/data/import/sheets").join(name)
}

/// Runs `plan import` in `root`; returns the exit code, stdout and stderr.
fn import(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = plan().current_dir(root).arg("import").args(args).output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

const TARGET: &str = "plans/ap-2024.yaml";

fn original() -> String {
    std::fs::read_to_string(repo("tests/data/import/repo/plans/ap-2024.yaml")).expect("fixture")
}

#[test]
fn a_sheet_that_holds_what_the_file_holds_changes_no_byte() {
    let (_dir, root) = setup();
    let file = root.join(TARGET);
    let before = std::fs::metadata(&file).expect("meta");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let table = sheet("aktiviteter.csv");
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec![s(&table), "--into", TARGET];
        args.extend_from_slice(extra);
        let (code, out, err) = import(&root, &args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "plans/ap-2024.yaml: inga ändringar\n");
        assert_eq!(err, "");
    }
    let after = std::fs::metadata(&file).expect("meta");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), original());
    assert_eq!((before.ino(), before.mtime(), before.mtime_nsec()), (after.ino(), after.mtime(), after.mtime_nsec()));
}

#[test]
fn changes_are_summarised_and_not_written_without_force() {
    let (_dir, root) = setup();
    let (code, out, err) = import(&root, &[s(&sheet("andrad.csv")), "--into", TARGET]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read_to_string(root.join(TARGET)).expect("read"), original());
    insta::assert_snapshot!("changes_without_force", format!("{out}---\n{err}"));
}

#[test]
fn with_force_only_changed_lines_change_and_comments_survive() {
    let (_dir, root) = setup();
    let (code, out, err) = import(&root, &[s(&sheet("andrad.csv")), "--into", TARGET, "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("(skrivet)"), "{out}");
    let text = std::fs::read_to_string(root.join(TARGET)).expect("read");
    // Every line of the original is still there, in order, except the two status lines.
    let original = original();
    let changed: Vec<&str> = original.lines().filter(|l| !text.lines().any(|t| t == *l)).collect();
    assert_eq!(changed, ["    status: pågående                  # enligt uppföljningen"]);
    assert!(text.contains("    ansvarig: stockholm\n    status: pågående\n"), "{text}");
    insta::assert_snapshot!("forced_result", text);
    let check = plan().current_dir(&root).arg("check").output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn every_row_error_is_reported_with_sheet_row_and_column() {
    let (_dir, root) = setup();
    let (code, out, err) = import(&root, &[s(&sheet("fel.csv")), "--into", TARGET]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(std::fs::read_to_string(root.join(TARGET)).expect("read"), original());
    insta::assert_snapshot!("row_errors_sv", err);
    let (code, _, err) = import(&root, &[s(&sheet("fel.csv")), "--into", TARGET, "--lang", "en", "--force"]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read_to_string(root.join(TARGET)).expect("read"), original());
    insta::assert_snapshot!("row_errors_en", err);
}

#[test]
fn partial_imports_the_good_rows_and_lists_the_bad() {
    let (dir, root) = setup();
    let csv = dir.path().join("blandat.csv");
    std::fs::write(&csv, "id;status\nAP-2024-02;pausad\nAP-2024-01;Pågårr\n").expect("write");
    let (code, _, err) = import(&root, &[s(&csv), "--into", TARGET, "--force"]);
    assert_eq!(code, 1);
    assert!(err.contains("inget skrevs"), "{err}");
    let (code, out, err) = import(&root, &[s(&csv), "--into", TARGET, "--force", "--partial"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "plans/ap-2024.yaml: 0 nya aktiviteter, 1 ändrad (skrivet)\n  AP-2024-02: status\n");
    assert_eq!(
        err,
        "blandat.csv!B3 (status): \"Pågårr\" är ingen status (planerad, pågående, klar, försenad, pausad, avbruten)\n1 fel: den raden hoppades över (--partial)\n"
    );
    let text = std::fs::read_to_string(root.join(TARGET)).expect("read");
    assert_eq!(text, original().replace("    status: planerad", "    status: pausad"));
}

#[test]
fn a_mapped_layout_is_read_through_plan_toml() {
    let (_dir, root) = setup();
    let mut toml = std::fs::read_to_string(root.join("plan.toml")).expect("read");
    toml.push_str(&std::fs::read_to_string(repo("tests/data/import/mapping.toml")).expect("read"));
    std::fs::write(root.join("plan.toml"), toml).expect("write");
    let (code, out, err) = import(&root, &[s(&sheet("egen.csv")), "--into", TARGET, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "plans/ap-2024.yaml: 0 nya aktiviteter, 1 ändrad (skrivet)\n  AP-2024-02: status\n");
    assert_eq!(err, "obs: okända kolumner ignoreras: `Anteckning`\n");
    let text = std::fs::read_to_string(root.join(TARGET)).expect("read");
    assert_eq!(text, original().replace("    status: planerad", "    status: klar"));
    // A mapped status word that is misspelt is suggested as the status it stands for.
    let (dir2, root2) = setup();
    std::fs::write(root2.join("plan.toml"), std::fs::read_to_string(root.join("plan.toml")).expect("read"))
        .expect("write");
    let csv = dir2.path().join("egen.csv");
    std::fs::write(&csv, "Aktivitets-ID,Läge\nAP-2024-01,Pågårr\n").expect("write");
    let (code, _, err) = import(&root2, &[s(&csv), "--into", TARGET]);
    assert_eq!(code, 1);
    assert!(err.starts_with("egen.csv!B2 (Läge): \"Pågårr\" är ingen status; menade du \"pågående\"?\n"), "{err}");
}

#[test]
fn xlsx_dates_arrive_as_date_cells_serial_numbers_or_text() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, root) = setup();
    let path = dir.path().join("aktiviteter.xlsx");
    let mut book = Workbook::new();
    let other = book.add_worksheet();
    other.set_name("Instruktioner").expect("name");
    other.write_string(0, 0, "Läs mig").expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("aktiviteter").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, h) in
        ["id", "start", "slut", "prioriterad", "år", "uppföljning datum", "uppföljning status"].iter().enumerate()
    {
        sheet.write_string(0, i as u16, *h).expect("write");
    }
    sheet.write_string(1, 0, "AP-2024-02").expect("write");
    sheet.write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2024, 4, 2).expect("date"), &date).expect("write");
    sheet.write_number(1, 2, 45641.0).expect("write"); // 2024-12-15 as a bare serial number
    sheet.write_boolean(1, 3, true).expect("write");
    sheet.write_number(1, 4, 2024.0).expect("write");
    sheet.write_string(1, 5, "2024-09-30").expect("write");
    sheet.write_string(1, 6, "pågående").expect("write");
    book.save(&path).expect("save");
    let (code, out, err) = import(&root, &[s(&path), "--into", TARGET, "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(root.join(TARGET)).expect("read");
    let expected = original().replace(
        "    ansvarig: stockholm\n    status: planerad\n",
        "    ansvarig: stockholm\n    prioriterad: true\n    start: 2024-04-02\n    slut: 2024-12-15\n    status: planerad\n    uppföljning:\n      - { datum: 2024-09-30, status: pågående }\n",
    );
    assert_eq!(text, expected);
    let (code, _, err) = import(&root, &[s(&path), "--into", TARGET, "--sheet", "Blad1"]);
    assert_eq!(code, 2);
    assert!(err.contains("bladet `Blad1` finns inte (bladen är: Instruktioner, aktiviteter)"), "{err}");
}

#[test]
fn a_new_file_is_created_from_the_rows() {
    let (_dir, root) = setup();
    let (code, out, err) =
        import(&root, &[s(&sheet("ny.csv")), "--into", "plans/ap-2025.yaml", "--today", "2025-12-31"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "plans/ap-2025.yaml: 2 nya aktiviteter, 0 ändrade (skrivet)\n  AP-2025-01: ny aktivitet\n  AP-2025-02: ny aktivitet\n"
    );
    insta::assert_snapshot!("new_file", std::fs::read_to_string(root.join("plans/ap-2025.yaml")).expect("read"));
    let check = plan().current_dir(&root).args(["check", "--today", "2025-12-31"]).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    // Importing the same sheet again changes nothing.
    let (code, out, _) = import(&root, &[s(&sheet("ny.csv")), "--into", "plans/ap-2025.yaml"]);
    assert_eq!((code, out.as_str()), (0, "plans/ap-2025.yaml: inga ändringar\n"));
}

#[test]
fn a_new_file_needs_its_id_plan_and_year_from_the_rows_or_flags() {
    let (dir, root) = setup();
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "id;titel;status;ansvarig;inriktningar\nX-01;Titel;planerad;region;MO1.1\n").expect("write");
    let (code, _, err) = import(&root, &[s(&csv), "--into", "plans/x.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("ange --plan-id, --action-plan, --year"), "{err}");
    assert!(!root.join("plans/x.yaml").exists());
    let flags = ["--plan-id", "x-2026", "--handlingsplan", "lan", "--year", "2026"];
    let (code, _, err) = import(&root, &[&[s(&csv), "--into", "plans/x.yaml"][..], &flags[..]].concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("plans/x.yaml")).expect("read"),
        "typ: aktivitetsplan\nid: x-2026\nhandlingsplan: lan\når: 2026\naktiviteter:\n  - id: X-01\n    titel: Titel\n    inriktningar: [MO1.1]\n    ansvarig: region\n    status: planerad\n"
    );
}

#[test]
fn unusable_input_is_a_usage_error() {
    let (dir, root) = setup();
    let csv = dir.path().join("utan-id.csv");
    std::fs::write(&csv, "titel;status\nA;klar\n").expect("write");
    let (code, _, err) = import(&root, &[s(&csv), "--into", TARGET]);
    assert_eq!(code, 2);
    assert!(err.contains("utan-id.csv: kolumnen `id` saknas"), "{err}");
    let (code, _, err) = import(&root, &[s(&sheet("aktiviteter.csv")), "--into", "plans/lan.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("plans/lan.yaml är ingen aktivitetsplan (typ: handlingsplan)"), "{err}");
    let (code, _, _) = import(&root, &[s(&dir.path().join("saknas.csv")), "--into", TARGET]);
    assert_eq!(code, 2);
}

#[test]
fn errors_the_import_causes_are_reported_after_writing() {
    let (dir, root) = setup();
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "id;inriktningar\nAP-2024-02;MO9.9\n").expect("write");
    let (code, _, err) = import(&root, &[s(&csv), "--into", TARGET, "--force"]);
    assert_eq!(code, 1);
    assert!(err.contains("planen har 1 nytt fel efter importen"), "{err}");
    assert!(err.contains("plans/ap-2024.yaml:29:20: P004"), "{err}");
}

#[test]
fn an_xlsx_in_the_exported_layout_that_holds_what_the_file_holds_changes_no_byte() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, root) = setup();
    let path = dir.path().join("export.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("aktiviteter").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let headers = [
        "id",
        "titel",
        "aktivitetsplan",
        "år",
        "handlingsplan",
        "målområden",
        "inriktningar",
        "utvecklingsområden",
        "uppdrag",
        "ansvarig",
        "ansvarig (namn)",
        "medverkande",
        "medverkande (namn)",
        "sakområden",
        "prioriterad",
        "start",
        "slut",
        "status",
        "uppföljning datum",
        "uppföljning status",
        "uppföljning kommentar",
        "beskrivning",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    let text_cells: [(u32, u16, &str); 21] = [
        (1, 0, "AP-2024-01"),
        (1, 1, "Samordnad individuell plan"),
        (1, 2, "ap-2024"),
        (1, 4, "lan"),
        (1, 5, "MO1"),
        (1, 6, "MO1.1"),
        (1, 9, "region"),
        (1, 10, "Region Stockholm"),
        (1, 11, "stockholm, socialforvaltningen"),
        (1, 12, "Stockholms stad; Socialförvaltningen"),
        (1, 13, "barn-unga"),
        (1, 14, "ja"),
        (1, 17, "pågående"),
        (1, 19, "pågående"),
        (1, 20, "Arbetsgrupp tillsatt."),
        (1, 21, "Första raden.\n\nAndra stycket."),
        (2, 0, "AP-2024-02"),
        (2, 1, "Digital vård: nästa steg"),
        (2, 2, "ap-2024"),
        (2, 6, "MO1.2"),
        (2, 17, "planerad"),
    ];
    for (r, c, v) in text_cells {
        sheet.write_string(r, c, v).expect("write");
    }
    sheet.write_string(2, 9, "stockholm").expect("write");
    for r in [1, 2] {
        sheet.write_number(r, 3, 2024.0).expect("write");
    }
    for (c, (y, m, d)) in [(15, (2024, 3, 1)), (16, (2024, 12, 31)), (18, (2024, 6, 30))] {
        let when = ExcelDateTime::from_ymd(y, m, d).expect("date");
        sheet.write_datetime_with_format(1, c, when, &date).expect("write");
    }
    book.save(&path).expect("save");
    let file = root.join(TARGET);
    let before = std::fs::metadata(&file).expect("meta");
    let (code, out, err) = import(&root, &[s(&path), "--into", TARGET, "--force"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "plans/ap-2024.yaml: inga ändringar\n", ""));
    let after = std::fs::metadata(&file).expect("meta");
    assert_eq!((before.ino(), before.mtime_nsec()), (after.ino(), after.mtime_nsec()));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_in_the_file_are_kept() {
    let (_dir, root) = setup();
    let crlf = format!("\u{feff}{}", original().replace('\n', "\r\n"));
    std::fs::write(root.join(TARGET), &crlf).expect("write");
    let (code, out, err) = import(&root, &[s(&sheet("andrad.csv")), "--into", TARGET, "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    let bytes = std::fs::read(root.join(TARGET)).expect("read");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    let forced = std::fs::read_to_string(repo("tests/snapshots/import__forced_result.snap")).expect("snapshot");
    let body = forced.splitn(3, "---\n").nth(2).expect("snapshot body");
    assert_eq!(text.replace("\r\n", "\n"), body);
}

#[test]
fn a_sheet_without_follow_up_dates_takes_the_date_given_on_the_command_line() {
    // A municipality's tertial sheet: one status and comment per activity, no date column.
    let (dir, root) = setup();
    let table = dir.path().join("t2.csv");
    std::fs::write(&table, "id;uppföljning status;uppföljning kommentar\nAP-2024-02;pågående;Förstudie påbörjad.\n")
        .expect("write");
    let (code, _, err) = import(&root, &[s(&table), "--into", TARGET, "--force"]);
    assert_eq!(code, 1);
    assert!(err.contains("t2.csv!B2 (uppföljning status): en uppföljning behöver ett datum"), "{err}");
    assert!(err.contains("--follow-up-date"), "the message says how to give the date: {err}");
    assert_eq!(std::fs::read_to_string(root.join(TARGET)).expect("read"), original(), "nothing is written");

    let (code, out, err) = import(&root, &[s(&table), "--into", TARGET, "--force", "--follow-up-date", "2024-08-31"]);
    assert_eq!(code, 0, "{out}{err}");
    let after = std::fs::read_to_string(root.join(TARGET)).expect("read");
    assert!(
        after.contains("{ datum: 2024-08-31, status: pågående, kommentar: Förstudie påbörjad. }"),
        "the follow-up has the given date:\n{after}"
    );
    // A date in the sheet wins over the flag.
    std::fs::write(&table, "id;uppföljning datum;uppföljning status\nAP-2024-01;2024-09-15;försenad\n").expect("write");
    let (code, out, err) = import(&root, &[s(&table), "--into", TARGET, "--force", "--follow-up-date", "2024-08-31"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        std::fs::read_to_string(root.join(TARGET)).expect("read").contains("{ datum: 2024-09-15, status: försenad }")
    );
    // A flag that is not a date is a usage error.
    let (code, _, err) = import(&root, &[s(&table), "--into", TARGET, "--follow-up-date", "31/8"]);
    assert_eq!((code, err.contains("31/8")), (2, true), "{err}");
}

#[test]
fn a_file_that_check_would_not_read_is_refused_before_anything_is_read() {
    let (dir, root) = setup();
    let table = sheet("aktiviteter.csv");
    let elsewhere = dir.path().join("elsewhere.yaml");
    let cases: [(&str, &str); 3] = [
        (s(&elsewhere), "ligger inte i repositoriets planmapp (plans/ i "),
        ("plan.toml.yaml", "ligger inte i repositoriets planmapp"),
        ("plans/ap-2024.txt", "en planfil ska sluta på .yaml"),
    ];
    for (into, expected) in cases {
        let (code, _, err) = import(&root, &[s(&table), "--into", into, "--force"]);
        assert_eq!(code, 2, "{into}: {err}");
        assert!(err.contains(expected), "{into}: {err}");
    }
    assert!(!elsewhere.exists() && !root.join("plan.toml.yaml").exists() && !root.join("plans/ap-2024.txt").exists());
    // `..` that comes back into the plan folder is the same file.
    let (code, out, err) = import(&root, &[s(&table), "--into", "plans/../plans/ap-2024.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("inga ändringar"), "{out}");
}

#[test]
fn a_county_does_not_import_into_a_municipality_it_reads() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let county = common::county_with_sources(tmp.path());
    let file = "kommuner/nacka/plans/nacka/aktivitetsplan-2026.yaml";
    let before = std::fs::read_to_string(county.join(file)).expect("read");
    let csv = tmp.path().join("a.csv");
    std::fs::write(&csv, "id;titel\nNACKA-2026-01;Ny titel\n").expect("write");
    let (code, _, err) = import(&county, &[s(&csv), "--into", file, "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ligger i källan kommuner/nacka; importera från den"), "{err}");
    assert_eq!(std::fs::read_to_string(county.join(file)).expect("read"), before);
}
