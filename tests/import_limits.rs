//! `plan import` on hostile spreadsheets, run as the real binary under `prlimit` (address
//! space 4 GiB, 60 s of CPU): a sheet that claims 17 billion cells, zip bombs, a
//! shared-string bomb, CSV files too large or too wide, and a sheet whose plan file would
//! be larger than `plan` reads. Every one ends with exit 2, a message that names the file
//! and the limit, and the plan file as it was. The bombs are made here, not committed.

mod common;

use common::{copy_dir, repo};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TARGET: &str = "plans/ap-2024.yaml";

/// A fresh copy of the import test repository; returns the folder and the repository.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/import/repo"), &root);
    (dir, root)
}

/// Runs `plan import FILE --into TARGET --force` under resource limits; returns the exit
/// code, stderr and the time taken.
fn import(root: &Path, file: &Path) -> (i32, String, Duration) {
    let started = Instant::now();
    let out = std::process::Command::new("prlimit")
        .args(["--as=4294967296", "--cpu=60", "--"])
        .arg(assert_cmd::cargo::cargo_bin("plan"))
        .current_dir(root)
        .arg("import")
        .arg(file)
        .args(["--into", TARGET, "--force"])
        .env_remove("PLAN_LANG")
        .output()
        .expect("prlimit runs");
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    (out.status.code().unwrap_or(-1), err, started.elapsed())
}

/// Asserts exit 2, that stderr starts with `start` (after the file's path), and that the
/// plan file is unchanged.
fn refused(root: &Path, file: &Path, start: &str) {
    let before = std::fs::read(root.join(TARGET)).expect("read");
    let (code, err, elapsed) = import(root, file);
    assert_eq!(code, 2, "{err}");
    let head = format!("fel: {}: {start}", file.display());
    assert!(err.starts_with(&head), "expected {head:?}, got {err:?}");
    assert_eq!(std::fs::read(root.join(TARGET)).expect("read"), before, "the plan file changed");
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

/// An xlsx file made by rust_xlsxwriter with text cells at `(row, column)`.
fn xlsx(path: &Path, cells: &[(u32, u16, &str)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("aktiviteter").expect("name");
    for (row, column, text) in cells {
        sheet.write_string(*row, *column, *text).expect("cell");
    }
    book.save(path).expect("save");
}

/// The parts of a zip file, in order.
fn parts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (entry.name().expect("name").into_owned(), bytes)
        })
        .collect()
}

/// Writes a zip of `parts`, deflated.
fn write_zip(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(parts.iter().any(|(_, b)| b.len() > u32::MAX as usize / 2));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
}

/// A valid activity sheet, with one part replaced by `with`.
fn xlsx_with(path: &Path, part: &str, with: Vec<u8>) {
    xlsx(path, &[(0, 0, "id"), (0, 1, "titel"), (1, 0, "AP-2024-90"), (1, 1, "Ny")]);
    let mut all = parts(path);
    match all.iter_mut().find(|(n, _)| n == part) {
        Some(p) => p.1 = with,
        None => all.push((part.to_owned(), with)),
    }
    write_zip(path, &all);
}

/// Rewrites the uncompressed size that the zip file at `path` declares for `part`, in its
/// local header and in the central directory, as a zip bomb would.
fn declare_size(path: &Path, part: &str, size: u32) {
    let mut bytes = std::fs::read(path).expect("read");
    let name = part.as_bytes();
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        // (where the name starts, where the uncompressed size is, where the name's length is)
        let (name_at, size_at, len_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (30, 22, 26),
            b"PK\x01\x02" => (46, 24, 28),
            _ => continue,
        };
        let len = u16::from_le_bytes([bytes[at + len_at], bytes[at + len_at + 1]]) as usize;
        if bytes.get(at + name_at..at + name_at + len) == Some(name) {
            bytes[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "a local header and a central directory entry");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_sheet_that_reaches_xfd1048576_is_refused_before_it_is_read() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    xlsx(&file, &[(0, 0, "id"), (1_048_575, 16_383, "x")]);
    assert!(std::fs::metadata(&file).expect("meta").len() < 10_000);
    refused(
        &root,
        &file,
        "bladet aktiviteter säger att det når till XFD1048576; importen läser högst 100 000 rader och 200 kolumner (till GR)",
    );
}

#[test]
fn a_cell_beyond_the_limits_is_refused_even_when_the_dimension_says_less() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    xlsx(&file, &[(0, 0, "id"), (1_048_575, 16_383, "x")]);
    let mut all = parts(&file);
    let sheet = all.iter_mut().find(|(n, _)| n == "xl/worksheets/sheet1.xml").expect("sheet");
    sheet.1 = String::from_utf8(sheet.1.clone()).expect("UTF-8").replace("A1:XFD1048576", "A1").into_bytes();
    write_zip(&file, &all);
    refused(&root, &file, "bladet aktiviteter har en cell i XFD1048576; importen läser högst 100 000 rader");
    // A row past 100 000 in column A is as far out.
    xlsx(&file, &[(0, 0, "id"), (100_000, 0, "AP-2024-90")]);
    refused(&root, &file, "bladet aktiviteter säger att det når till A100001; importen läser högst 100 000 rader");
}

#[test]
fn a_zip_bomb_is_refused_by_the_size_it_declares() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    xlsx_with(&file, "xl/media/bomb.bin", vec![0; 64 * 1024]);
    declare_size(&file, "xl/media/bomb.bin", 2 * 1024 * 1024 * 1024);
    refused(&root, &file, "delen xl/media/bomb.bin är 2048 MiB uppackad; importen läser delar på högst 64 MiB");
}

#[test]
fn a_part_packed_more_than_200_times_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    xlsx_with(&file, "xl/media/bomb.bin", vec![0; 8 * 1024 * 1024]);
    refused(&root, &file, "delen xl/media/bomb.bin är packad ");
}

#[test]
fn a_part_that_unpacks_to_more_than_it_declares_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    // Text that packs only about 2 times, so that the ratio does not catch it first.
    let mut noise = Vec::with_capacity(2 * 1024 * 1024);
    let mut x: u32 = 1;
    while noise.len() < 2 * 1024 * 1024 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(b'a' + (x % 16) as u8);
    }
    xlsx_with(&file, "xl/media/bomb.bin", noise);
    declare_size(&file, "xl/media/bomb.bin", 1000);
    refused(&root, &file, "delen xl/media/bomb.bin går inte att läsa (");
}

#[test]
fn a_shared_string_table_that_claims_billions_of_strings_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>id</t></si></sst>"#;
    xlsx_with(&file, "xl/sharedStrings.xml", sst.as_bytes().to_vec());
    refused(
        &root,
        &file,
        "tabellen med delade texter (xl/sharedStrings.xml) har 4 000 000 000 texter; importen läser högst 1 000 000",
    );
}

#[test]
fn a_shared_string_table_of_more_than_a_million_strings_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    let mut sst = String::from(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#);
    for _ in 0..1_000_001 {
        sst.push_str("<si><t/></si>");
    }
    sst.push_str("</sst>");
    xlsx_with(&file, "xl/sharedStrings.xml", sst.into_bytes());
    refused(
        &root,
        &file,
        "tabellen med delade texter (xl/sharedStrings.xml) har fler än 1 000 000 texter; importen läser högst 1 000 000",
    );
}

#[test]
fn one_long_shared_string_in_many_cells_is_refused_by_its_total_text() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    // Excel's longest text, 32 767 characters, stored once and used in 2 100 cells.
    let long = "x".repeat(32_000);
    let cells: Vec<(u32, u16, &str)> =
        [(0, 0, "id")].into_iter().chain((1..=2_100).map(|r| (r, 1, long.as_str()))).collect();
    xlsx(&file, &cells);
    refused(&root, &file, "bladet aktiviteter har mer än 64 MiB text i sina celler");
}

#[test]
fn a_csv_file_over_64_mib_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("stor.csv");
    let mut f = std::fs::File::create(&file).expect("create");
    f.write_all(b"id;titel\n").expect("write");
    let line = [b';'; 1023].iter().copied().chain([b'\n']).collect::<Vec<u8>>();
    for _ in 0..(64 * 1024 + 1) {
        f.write_all(&line).expect("write");
    }
    drop(f);
    refused(&root, &file, "filen är större än 64 MiB; importen läser filer på högst 64 MiB");
}

#[test]
fn a_csv_file_of_empty_cells_costs_almost_nothing() {
    let (dir, root) = setup();
    let file = dir.path().join("tom.csv");
    let mut f = std::fs::File::create(&file).expect("create");
    f.write_all(b"id;titel\n").expect("write");
    let line = [b';'; 1023].iter().copied().chain([b'\n']).collect::<Vec<u8>>();
    for _ in 0..(60 * 1024) {
        f.write_all(&line).expect("write");
    }
    drop(f);
    // 60 MiB of empty cells: the old reader needed 26 times that. Now the file and little else.
    let before = std::fs::read(root.join(TARGET)).expect("read");
    let out = std::process::Command::new("prlimit")
        .args(["--as=1073741824", "--cpu=60", "--"])
        .arg(assert_cmd::cargo::cargo_bin("plan"))
        .current_dir(&root)
        .arg("import")
        .arg(&file)
        .args(["--into", TARGET, "--force"])
        .env_remove("PLAN_LANG")
        .output()
        .expect("prlimit runs");
    let (out, err) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out, "plans/ap-2024.yaml: inga ändringar\n", "{err}");
    assert_eq!(std::fs::read(root.join(TARGET)).expect("read"), before);
}

#[test]
fn a_csv_header_beyond_column_200_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bred.csv");
    std::fs::write(&file, format!("id{}x\nAP-2024-90\n", ";".repeat(200))).expect("write");
    refused(&root, &file, "bred.csv har en rubrik efter kolumn GR; importen läser högst 200 kolumner");
}

#[test]
fn a_csv_row_past_100_000_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("lang.csv");
    let mut text = String::from("id;titel\n");
    for i in 0..100_000 {
        text.push_str(&format!("AP-{i};t\n"));
    }
    std::fs::write(&file, text).expect("write");
    refused(&root, &file, "lang.csv har ifyllda celler på rad 100001; importen läser högst 100 000 rader");
}

#[test]
fn a_csv_file_of_more_than_two_million_cells_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("celler.csv");
    let header: Vec<String> = ["id".to_owned()].into_iter().chain((1..40).map(|i| format!("k{i}"))).collect();
    let row = vec!["x"; 40].join(";");
    let mut text = header.join(";") + "\n";
    for _ in 0..50_001 {
        text.push_str(&row);
        text.push('\n');
    }
    std::fs::write(&file, text).expect("write");
    refused(&root, &file, "celler.csv har fler än 2 000 000 celler; importen läser inte fler");
}

#[test]
fn an_import_that_would_make_the_plan_file_larger_than_16_mib_writes_nothing() {
    let (dir, root) = setup();
    let file = dir.path().join("stor.csv");
    let long = "ord ".repeat(256 * 1024);
    let mut text = String::from("id;beskrivning\n");
    for i in 0..17 {
        text.push_str(&format!("AP-2024-{:02};{long}\n", 50 + i));
    }
    std::fs::write(&file, text).expect("write");
    let before = std::fs::read(root.join(TARGET)).expect("read");
    let (code, err, _) = import(&root, &file);
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("fel: plans/ap-2024.yaml: importen skulle göra filen 17."), "{err}");
    assert!(
        err.contains(" MiB stor, men planfiler får vara högst 16 MiB (`plan` läser inte större); inget skrevs"),
        "{err}"
    );
    assert_eq!(std::fs::read(root.join(TARGET)).expect("read"), before);
    let names: Vec<_> = std::fs::read_dir(root.join("plans")).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert!(names.iter().all(|n| !n.to_string_lossy().starts_with(".plan-")), "{names:?}");
}

#[test]
fn xls_and_ods_files_are_not_read() {
    let (dir, root) = setup();
    for name in ["gammal.xls", "kalkyl.ods"] {
        let file = dir.path().join(name);
        std::fs::write(&file, b"not read").expect("write");
        refused(&root, &file, "kan bara läsa .xlsx och .csv");
    }
}

#[test]
fn a_style_sheet_of_more_than_a_million_elements_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    let mut styles =
        String::from(r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>"#);
    for i in 0..1_000_001 {
        styles.push_str(&format!("<b i=\"{i}\"/>"));
    }
    styles.push_str("</cellXfs></styleSheet>");
    xlsx_with(&file, "xl/styles.xml", styles.into_bytes());
    refused(&root, &file, "formatmallarna (xl/styles.xml) har fler än 1 000 000 element; importen läser inte fler");
}

#[test]
fn an_xlsx_file_of_more_than_10_000_parts_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    xlsx(&file, &[(0, 0, "id")]);
    let mut all = parts(&file);
    all.extend((0..10_000).map(|i| (format!("xl/media/{i}.bin"), Vec::new())));
    write_zip(&file, &all);
    let n = all.len();
    assert!((10_001..11_000).contains(&n));
    let said = format!("filen har 10 {:03} delar; importen läser en xlsx-fil med högst 10 000", n - 10_000);
    refused(&root, &file, &said);
}

#[test]
fn a_shared_string_table_named_with_a_backslash_is_checked_as_well() {
    // calamine finds parts by their names with `\` as `/` and case ignored; so must the check.
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    xlsx(&file, &[(0, 0, "id"), (0, 1, "titel"), (1, 0, "AP-2024-90"), (1, 1, "Ny")]);
    let mut all: Vec<(String, Vec<u8>)> =
        parts(&file).into_iter().filter(|(n, _)| n != "xl/sharedStrings.xml").collect();
    for (count, name) in [("4000000000", r"xl\sharedStrings.xml"), ("1000000000000000000", r"XL\SHAREDSTRINGS.XML")] {
        let sst = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}"><si><t>id</t></si></sst>"#
        );
        all.retain(|(n, _)| !n.eq_ignore_ascii_case(r"xl\sharedStrings.xml"));
        all.push((name.to_owned(), sst.into_bytes()));
        write_zip(&file, &all);
        refused(&root, &file, &format!("tabellen med delade texter ({name}) har "));
    }
}

/// A style sheet whose one font is referred to by `formats` cell formats, with a name of
/// `name_bytes` letters: what calamine copies into each format.
fn styles_referring_to_one_font(formats: usize, name_bytes: usize) -> Vec<u8> {
    // Letters that do not repeat, so the part packs as little as real text does.
    let mut seed = 1u32;
    let name: String = (0..name_bytes)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'a' + ((seed >> 16) % 26) as u8)
        })
        .collect();
    let mut styles = format!(
        r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><name val="{name}"/></font></fonts><cellXfs count="{formats}">"#
    );
    for _ in 0..formats {
        styles.push_str(r#"<xf numFmtId="0" fontId="0"/>"#);
    }
    styles.push_str("</cellXfs></styleSheet>");
    styles.into_bytes()
}

#[test]
fn a_style_sheet_that_copies_a_long_font_name_into_every_format_is_refused() {
    let (dir, root) = setup();
    let file = dir.path().join("bomb.xlsx");
    // 8 MiB of name in a thousand formats: 8 GiB once calamine has copied it.
    xlsx_with(&file, "xl/styles.xml", styles_referring_to_one_font(1000, 8 << 20));
    refused(&root, &file, "formatmallarna (xl/styles.xml) har ett värde längre än 512 B");
    xlsx_with(&file, "xl/styles.xml", styles_referring_to_one_font(65_537, 8));
    refused(&root, &file, "formatmallarna (xl/styles.xml) har fler än 65 536 cellformat (<xf>)");
}

#[test]
fn a_style_sheet_at_its_limits_is_read() {
    // Every format at the limit refers to a font whose name is as long as a value may be.
    let (dir, root) = setup();
    let file = dir.path().join("full.xlsx");
    xlsx_with(&file, "xl/styles.xml", styles_referring_to_one_font(65_536, 512));
    let (code, err, elapsed) = import(&root, &file);
    // The sheet's one row lacks a status and a direction: read, written, then checked.
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("1 ny aktivitet, 0 ändrade (skrivet)") || err.contains("nya fel efter importen"), "{err}");
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}
