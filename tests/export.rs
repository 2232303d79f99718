//! `plan export` through the real binary: the CSV and JSON of a small fixture as
//! snapshots, the xlsx read back with calamine (sheets, header, real dates, numbers) and
//! its XML checked for the autofilter and frozen panes, and every refusal.

mod common;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{plan, repo};
use std::io::Read;
use std::path::Path;

const COLUMNS: &str = "id;titel;aktivitetsplan;år;handlingsplan;målområden;inriktningar;utvecklingsområden;uppdrag;\
ansvarig;ansvarig (namn);medverkande;medverkande (namn);sakområden;prioriterad;start;slut;status;\
uppföljning datum;uppföljning status;uppföljning kommentar;beskrivning";

fn run(cmd: &mut Command) -> (i32, Vec<u8>, String) {
    let out = cmd.output().expect("runs");
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8(out.stderr).expect("UTF-8 stderr"))
}

fn export(args: &[&str]) -> Command {
    let mut cmd = plan();
    cmd.arg("export").arg(repo("tests/data/tables")).args(args);
    cmd
}

#[test]
fn csv_is_bom_utf8_with_semicolons_and_crlf_and_the_agreed_columns() {
    let (code, out, _) = run(&mut export(&["--format", "csv"]));
    assert_eq!(code, 0);
    let text = String::from_utf8(out).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("starts with a byte-order mark");
    assert_eq!(body.split("\r\n").next(), Some(COLUMNS));
    // A header and four rows end in CRLF; the line breaks inside the quoted description stay LF.
    assert_eq!(body.matches("\r\n").count(), 5);
    assert!(body.contains("\"Första raden.\n\nAndra stycket med **fetstil**.\""));
    insta::assert_snapshot!("export_csv", body.replace("\r\n", "⏎\n"));
}

#[test]
fn column_headers_are_the_same_in_english() {
    let (code, en, _) = run(export(&["--format", "json", "--all"]).arg("--lang").arg("en"));
    let (_, sv_json, _) = run(&mut export(&["--format", "json", "--all"]));
    assert_eq!(code, 0);
    assert_eq!(en, sv_json);
}

#[test]
fn json_has_a_key_per_table_with_lists_as_arrays_and_dates_as_strings() {
    let (code, out, _) = run(&mut export(&["--format", "json", "--all"]));
    assert_eq!(code, 0);
    let text = String::from_utf8(out).expect("UTF-8");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<&str> = doc.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["aktiviteter", "indikatorer", "inriktningar", "organisationer", "uppföljningar"]);
    let first = &doc["aktiviteter"][1];
    assert_eq!(first["id"], "K-2025-01");
    assert_eq!(first["år"], 2025);
    assert_eq!(first["medverkande"], serde_json::json!(["vardcentralen", "regionen"]));
    assert_eq!(first["målområden"], serde_json::json!(["MO1", "MO2"]));
    assert_eq!(first["start"], "2025-02-01");
    assert_eq!(doc["aktiviteter"][0]["start"], serde_json::Value::Null);
    insta::assert_snapshot!("export_json", text);
}

#[test]
fn xlsx_has_a_sheet_per_table_a_header_real_dates_filters_and_frozen_panes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("ut/plan.xlsx");
    let (code, out, err) = run(export(&["--format", "xlsx", "--all", "--out"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("plan.xlsx"), "{err}");

    let mut book: Xlsx<_> = open_workbook(&file).expect("an xlsx file");
    assert_eq!(
        book.sheet_names(),
        ["aktiviteter", "uppföljningar", "inriktningar", "organisationer", "indikatorer", "värden"]
    );
    let sheet = book.worksheet_range("aktiviteter").expect("sheet");
    let header: Vec<String> = (0..22).map(|c| sheet.get((0, c)).map(|d| d.to_string()).unwrap_or_default()).collect();
    assert_eq!(header.join(";"), COLUMNS);
    assert_eq!(sheet.get_size(), (5, 22));
    // Row 2 is K-2025-01: `start` 2025-02-01 is a real date (Excel serial 45689), `år` a number.
    assert_eq!(sheet.get((2, 0)), Some(&Data::String("K-2025-01".into())));
    match sheet.get((2, 15)) {
        Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), 45689.0),
        other => panic!("start is not a date: {other:?}"),
    }
    assert_eq!(sheet.get((2, 3)), Some(&Data::Float(2025.0)));
    assert_eq!(sheet.get((2, 6)), Some(&Data::String("MO1.1".into())));
    let indicators = book.worksheet_range("indikatorer").expect("sheet");
    assert_eq!(
        indicators.get((1, 10)),
        Some(&Data::Float(71.5)),
        "värde, after handlingsplan, målområde and utvecklingsområde"
    );

    let xml = sheet_xml(&file, 1);
    assert!(xml.contains("<autoFilter ref=\"A1:V5\"/>"), "{xml}");
    assert!(xml.contains("state=\"frozen\""), "{xml}");
    assert!(styles(&file).contains("formatCode=\"yyyy-mm-dd\""));
}

fn sheet_xml(file: &Path, n: usize) -> String {
    zip_entry(file, &format!("xl/worksheets/sheet{n}.xml"))
}

fn styles(file: &Path) -> String {
    zip_entry(file, "xl/styles.xml")
}

fn zip_entry(file: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).expect("open")).expect("zip");
    let mut text = String::new();
    archive.by_name(name).expect("entry").read_to_string(&mut text).expect("read");
    text
}

#[test]
fn several_csv_tables_go_into_a_folder_one_file_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("tabeller");
    let (code, _, err) =
        run(export(&["--format", "csv", "--table", "organisationer", "--table", "aktiviteter", "--out"]).arg(&out));
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> =
        std::fs::read_dir(&out).expect("folder").flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    names.sort();
    assert_eq!(names, ["aktiviteter.csv", "organisationer.csv"]);
    let orgs = std::fs::read_to_string(out.join("organisationer.csv")).expect("read");
    assert!(orgs.starts_with("\u{feff}id;namn;kategori;del av;kommunkod;kontakt\r\n"), "{orgs}");
    assert!(orgs.contains("kommunen;Exempelby kommun;kommun;;0999;samverkan@example.se\r\n"), "{orgs}");
    assert!(orgs.contains("vardcentralen;\"Vårdcentralen \"\"Torget\"\"\";vårdcentral;;;\r\n"), "{orgs}");
}

#[test]
fn several_csv_tables_without_a_folder_are_refused() {
    let (code, out, err) = run(&mut export(&["--format", "csv", "--all"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--out"), "{err}");
}

#[test]
fn xlsx_to_stdout_is_refused_with_exit_2() {
    let (code, out, err) = run(export(&["--format", "xlsx"]).arg("--lang").arg("en"));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err, "error: xlsx is binary and is not written to stdout; name a file with `--out plan.xlsx`\n");
}

#[test]
fn a_plan_with_errors_is_not_exported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.json");
    let mut cmd = plan();
    cmd.arg("export").arg(repo("tests/data/broken")).args(["--format", "json", "--out"]).arg(&file);
    let (code, out, err) = run(&mut cmd);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("P004"), "the findings are shown: {err}");
    assert!(err.contains("exporterar inte: planen har fel"), "{err}");
    assert!(!file.exists());
}

#[test]
fn csv_of_one_table_goes_to_a_file_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("inriktningar.csv");
    std::fs::write(&file, "old").expect("write");
    let (code, _, _) = run(export(&["--format", "csv", "--table", "inriktningar", "--out"]).arg(&file));
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.starts_with("\u{feff}id;målområde;målområde namn;text;aktiviteter\r\n"), "{text}");
    // MO1.2 is traced through K-U1 by K-2024-01, K-2025-01 and K-2025-03; MO2.2 by nothing.
    assert!(text.contains("MO1.2;MO1;Sömlös vård och omsorg;Samordna vården vid vårdövergångar.;3\r\n"), "{text}");
    assert!(text.contains("MO2.2;MO2;Delaktighet;Ingen arbetar med den här ännu.;0\r\n"), "{text}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1, "no temporary file is left");
}

#[test]
fn the_check_date_decides_whether_the_plan_has_errors() {
    // On 2025-01-01 the follow-ups written for 2025 lie in the future: P007, an error.
    let (code, out, err) = run(&mut export(&["--format", "csv", "--today", "2025-01-01"]));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("P007"), "{err}");
    let (code, _, _) = run(export(&["--format", "csv"]).env("PLAN_TODAY", "2025-01-01"));
    assert_eq!(code, 1, "PLAN_TODAY is read too");
    let (code, _, err) = run(&mut export(&["--format", "csv", "--today", "2025-13-01"]));
    assert_eq!(code, 2, "{err}");
}

/// Cells of one sheet as text, row by row.
fn rows(file: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(file).expect("an xlsx file");
    let range = book.worksheet_range(sheet).expect("sheet");
    let text = |d: &Data| match d {
        // Excel counts days from 1899-12-30.
        Data::DateTime(x) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("date");
            (epoch + chrono::Days::new(x.as_f64() as u64)).to_string()
        }
        other => other.to_string(),
    };
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

#[test]
fn a_workbook_holds_every_follow_up_and_guards_status_owner_and_traces_with_drop_downs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.xlsx");
    let (code, _, err) = run(export(&["--format", "xlsx", "--out"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    let book: Xlsx<_> = open_workbook(&file).expect("an xlsx file");
    assert_eq!(book.sheet_names(), ["aktiviteter", "uppföljningar", "värden"]);
    // Every follow-up, one row each, oldest first within an activity.
    assert_eq!(
        rows(&file, "uppföljningar"),
        [
            vec!["id", "titel", "aktivitetsplan", "uppföljning datum", "uppföljning status", "uppföljning kommentar"],
            vec!["K-2024-01", "Kartlägga vårdövergångar", "kommun-2024", "2024-11-30", "klar", "Klar i tid."],
            vec![
                "K-2025-01",
                "Gemensam rutin för utskrivning, med \"citat\"; och semikolon",
                "kommun-2025",
                "2025-03-31",
                "planerad",
                ""
            ],
            vec![
                "K-2025-01",
                "Gemensam rutin för utskrivning, med \"citat\"; och semikolon",
                "kommun-2025",
                "2025-05-31",
                "pågående",
                "Arbetsgrupp tillsatt."
            ],
        ]
    );
    // The valid values, on a hidden sheet the lists read from.
    let values = rows(&file, "värden");
    assert_eq!(values[0], ["status", "organisationer", "inriktningar", "sakområden"]);
    let column = |c: usize| values.iter().skip(1).map(|r| r[c].clone()).filter(|v| !v.is_empty()).collect::<Vec<_>>();
    assert_eq!(column(0), ["planerad", "pågående", "klar", "försenad", "pausad", "avbruten"]);
    assert!(column(1).contains(&"kommunen".to_owned()) && column(1).contains(&"vardcentralen".to_owned()));
    assert!(column(2).contains(&"MO1.1".to_owned()));
    let workbook = zip_entry(&file, "xl/workbook.xml");
    assert!(workbook.contains("name=\"värden\" sheetId=\"3\" state=\"hidden\""), "{workbook}");
    // Status (R), the follow-up's status (T) and ansvarig (J) refuse other values; the
    // inriktningar (G), medverkande (L) and sakområden (N) take several ids after a note.
    let xml = sheet_xml(&file, 1);
    for (col, list, style) in [
        ("R", "A$2:$A$7", ""),
        ("T", "A$2:$A$7", ""),
        ("J", "B", ""),
        ("G", "C", " errorStyle=\"information\""),
        ("L", "B", " errorStyle=\"information\""),
        ("N", "D", " errorStyle=\"information\""),
    ] {
        let at = xml.find(&format!("sqref=\"{col}2:{col}1005\"")).unwrap_or_else(|| panic!("no list in {col}: {xml}"));
        let rule = &xml[xml[..at].rfind("<dataValidation ").expect("rule")..];
        let rule = &rule[..rule.find("</dataValidation>").expect("end")];
        assert!(rule.contains(&format!("<formula1>'värden'!${list}")), "{col}: {rule}");
        assert!(rule.starts_with(&format!("<dataValidation type=\"list\"{style}")), "{col}: {rule}");
    }
    // The follow-ups sheet is for reading (the import reads `aktiviteter`): no lists there.
    assert!(!sheet_xml(&file, 2).contains("<dataValidation"), "no lists on the follow-ups sheet");
}

#[test]
fn codes_and_ids_are_text_so_a_typed_code_keeps_its_zeros() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.xlsx");
    let (code, _, err) = run(export(&["--format", "xlsx", "--table", "organisationer", "--out"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    let orgs = rows(&file, "organisationer");
    let kommunen = orgs.iter().find(|r| r[0] == "kommunen").expect("kommunen");
    assert_eq!(kommunen[4], "0999");
    // The text format (`@`) on the column as a whole: what is typed there later stays text.
    let styles = styles(&file);
    let xml = sheet_xml(&file, 1);
    assert!(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"@\"/>"), "{styles}");
    assert!(styles.contains(
        "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    ));
    let col = &xml[xml.find("<col min=\"5\" max=\"5\"").expect("column E")..];
    assert!(col[..col.find("/>").expect("end")].contains("style=\"1\""), "{xml}");
}

#[test]
fn the_sheet_has_the_analysts_own_headers_and_status_words_and_imports_back_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    common::copy_dir(&repo("tests/data/tables"), &root);
    let toml = "today = 2025-06-30\n\n[import.kolumner]\nid = \"Aktivitets-id\"\ntitel = \"Aktivitet\"\nstatus = \"Läge\"\n\
                \"uppföljning status\" = \"Läge vid uppföljning\"\n\n[import.status]\n\"Pågår\" = \"pågående\"\n\
                \"Ej påbörjad\" = \"planerad\"\n\"Klart\" = \"klar\"\n";
    std::fs::write(root.join("plan.toml"), toml).expect("write");
    let file = dir.path().join("plan.xlsx");
    let (code, _, err) = run(plan().arg("export").arg(&root).args(["--format", "xlsx", "--out"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    let sheet = rows(&file, "aktiviteter");
    assert_eq!(&sheet[0][..2], ["Aktivitets-id", "Aktivitet"]);
    assert_eq!((sheet[0][17].as_str(), sheet[0][19].as_str()), ("Läge", "Läge vid uppföljning"));
    let statuses: Vec<&str> = sheet.iter().skip(1).map(|r| r[17].as_str()).collect();
    assert_eq!(statuses, ["Klart", "Pågår", "Ej påbörjad", "Pågår"]);
    assert_eq!(
        rows(&file, "värden").iter().skip(1).take(3).map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["Ej påbörjad", "Pågår", "Klart"]
    );
    assert_eq!(rows(&file, "uppföljningar")[0][4], "Läge vid uppföljning");
    // The same words in a CSV export; JSON, for scripts, keeps the format's.
    let (_, csv, _) = run(plan().arg("export").arg(&root).args(["--format", "csv"]));
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(csv.starts_with("\u{feff}Aktivitets-id;Aktivitet;aktivitetsplan;"), "{csv}");
    let (_, json, _) = run(plan().arg("export").arg(&root).args(["--format", "json"]));
    assert!(String::from_utf8(json).expect("UTF-8").contains("\"status\": \"pågående\""));
    // What was exported in the analyst's words reads back as the very same plan.
    for (name, into) in [
        ("kommun-2024", "plans/kommun/aktivitetsplan-2024.yaml"),
        ("kommun-2025", "plans/kommun/aktivitetsplan-2025.yaml"),
    ] {
        let before = std::fs::read_to_string(root.join(into)).expect("read");
        let (code, out, err) =
            run(plan().current_dir(&root).arg("import").arg(&file).args(["--into", into, "--force"]));
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(String::from_utf8(out).expect("UTF-8"), format!("{into}: inga ändringar\n"), "{name}: {err}");
        assert_eq!(std::fs::read_to_string(root.join(into)).expect("read"), before);
    }
}

#[test]
fn partial_exports_a_plan_with_errors_with_its_findings_in_a_table_of_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    common::copy_dir(&repo("tests/data/tables"), &root);
    let file = root.join("plans/kommun/aktivitetsplan-2025.yaml");
    let text = std::fs::read_to_string(&file).expect("read").replacen("ansvarig: kommunen", "ansvarig: kommunenn", 1);
    std::fs::write(&file, text).expect("write");
    let out = dir.path().join("plan.xlsx");
    // Without --partial the export is refused, as before.
    let (code, _, err) = run(plan().arg("export").arg(&root).args(["--format", "xlsx", "--out"]).arg(&out));
    assert_eq!(code, 1, "{err}");
    assert!(!out.exists());
    let (code, _, err) =
        run(plan().arg("export").arg(&root).args(["--format", "xlsx", "--partial", "--out"]).arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("obs: planen har 1 fel; exporterar ändå (--partial)"), "{err}");
    let book: Xlsx<_> = open_workbook(&out).expect("an xlsx file");
    assert_eq!(book.sheet_names(), ["aktiviteter", "uppföljningar", "fynd", "värden"]);
    let findings = rows(&out, "fynd");
    assert_eq!(findings[0], ["kod", "allvarlighet", "fil", "rad", "kolumn", "meddelande", "hjälp"]);
    let p004 = findings.iter().find(|r| r[0] == "P004").expect("the unknown owner");
    assert_eq!(&p004[1..5], ["fel", "plans/kommun/aktivitetsplan-2025.yaml", "6", "50"]);
    assert!(p004[5].contains("kommunenn"), "{p004:?}");
    // The activity is still there, with what it has.
    assert_eq!(rows(&out, "aktiviteter").len(), 5);
    // A folder of CSV files gets a fynd.csv; JSON a key.
    let folder = dir.path().join("csv");
    std::fs::create_dir(&folder).expect("mkdir");
    let (code, _, _) =
        run(plan().arg("export").arg(&root).args(["--format", "csv", "--partial", "--out"]).arg(&folder));
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(folder.join("fynd.csv"))
            .expect("fynd.csv")
            .contains("P004;fel;plans/kommun/aktivitetsplan-2025.yaml;6;50;")
    );
    let (_, json, _) = run(plan().arg("export").arg(&root).args(["--format", "json", "--partial"]));
    let doc: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(doc["fynd"][0]["kod"], "P004");
}

#[test]
fn a_header_that_starts_like_a_formula_reads_back_in_a_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    common::copy_dir(&repo("tests/data/tables"), &root);
    std::fs::write(root.join("plan.toml"), "today = 2025-06-30\n\n[import.kolumner]\ntitel = \"=Aktivitet\"\n")
        .expect("write");
    let csv = dir.path().join("a.csv");
    let (code, _, err) = run(plan().arg("export").arg(&root).args(["--format", "csv", "--out"]).arg(&csv));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&csv).expect("read");
    assert!(text.starts_with("\u{feff}id;'=Aktivitet;"), "the header is never a formula: {text}");
    // An edit in that column is read: the `'` is taken off the header as off the cells.
    std::fs::write(&csv, text.replace("Kartlägga vårdövergångar", "Kartlägga alla vårdövergångar")).expect("write");
    let into = "plans/kommun/aktivitetsplan-2024.yaml";
    let (code, out, err) = run(plan().current_dir(&root).arg("import").arg(&csv).args(["--into", into, "--force"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        String::from_utf8(out).expect("UTF-8"),
        format!("{into}: 0 nya aktiviteter, 1 ändrad (skrivet)\n  K-2024-01: titel\n")
    );
    assert!(std::fs::read_to_string(root.join(into)).expect("read").contains("titel: Kartlägga alla vårdövergångar"));
}
