//! `plan import --kolada FILE.json` on a realistic, hand-written Kolada API v3 response
//! (tests/data/kolada/response.json): several KPIs, Stockholm (0180) and Region Stockholm
//! (0001), genders T/K/M, a null value with a status, a period written as a string, and a
//! `next_page` field.

mod common;

use common::{copy_dir, plan, repo};
use std::path::{Path, PathBuf};

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    copy_dir(&repo("tests/data/kolada/repo"), &root);
    (dir, root)
}

fn kolada(root: &Path, file: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = plan().arg("import").arg("--kolada").arg(file).arg(root).args(extra).output().expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn response() -> PathBuf {
    repo("tests/data/kolada/response.json")
}

fn original() -> String {
    std::fs::read_to_string(repo("tests/data/kolada/repo/plans/lan.yaml")).expect("fixture")
}

#[test]
fn a_changed_year_is_a_conflict_and_nothing_is_written() {
    let (_dir, root) = setup();
    let (code, out, err) = kolada(&root, &response(), &[]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), original());
    insta::assert_snapshot!("conflict_sv", err);
    let (_, _, err) = kolada(&root, &response(), &["--lang", "en"]);
    insta::assert_snapshot!("conflict_en", err);
}

#[test]
fn with_force_every_matching_indicator_gets_its_values_in_year_order() {
    let (_dir, root) = setup();
    let (code, out, err) = kolada(&root, &response(), &["--force"]);
    assert_eq!(code, 0, "{out}{err}");
    insta::assert_snapshot!("forced_output", format!("{out}---\n{err}"));
    let text = std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read");
    insta::assert_snapshot!("forced_file", text);
    let check = plan().current_dir(&root).arg("check").output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    // The same response again: nothing to do, no --force needed.
    let (code, out, _) = kolada(&root, &response(), &[]);
    assert_eq!(code, 0);
    assert_eq!(out, "inga ändringar (6 värden stämde redan)\n");
    assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), text);
}

#[test]
fn a_file_that_is_not_a_kolada_response_is_a_usage_error() {
    let (dir, root) = setup();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"values\": [{\"kpi\": 1}]}").expect("write");
    let (code, _, err) = kolada(&root, &bad, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.json: inget Kolada-svar (API v3): `values[0].kpi` ska vara en text, inte ett tal"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), original());
}

#[test]
fn what_is_wrong_with_a_response_is_said_with_its_field_or_line() {
    let (dir, root) = setup();
    let bad = dir.path().join("bad.json");
    let cases = [
        (
            r#"{"values": [{"kpi": "N1", "municipality": "0180", "period": 2023, "values": [{"gender": "T", "value": "71,5"}]}]}"#,
            "`values[0].values[0].value` ska vara ett tal eller null, inte en text",
        ),
        (r#"{"values": [{"kpi": "N1", "municipality": "0180", "period": {}}]}"#, "`values[0].period` ska vara ett år"),
        (r#"{"values": [1,]}"#, "rad 1, kolumn 15: ett kommatecken för mycket före `]` eller `}`"),
        (r#"{"values": ["#, "filen tar slut mitt i JSON-innehållet"),
        ("<!DOCTYPE html><html>", "filen är en webbsida (HTML)"),
    ];
    for (text, expected) in cases {
        std::fs::write(&bad, text).expect("write");
        let (code, _, err) = kolada(&root, &bad, &[]);
        assert_eq!(code, 2, "{text}");
        assert!(err.contains(expected), "{text}: {err}");
        assert!(!err.contains("invalid type") && !err.contains("expected"), "no English: {err}");
    }
    std::fs::write(&bad, cases[0].0).expect("write");
    let (_, _, err) = kolada(&root, &bad, &["--lang", "en"]);
    assert!(err.contains("`values[0].values[0].value` must be a number or null, not a text"), "{err}");
}

#[test]
fn an_indicator_without_a_municipality_code_is_pointed_out() {
    let (_dir, root) = setup();
    let orgs = root.join("plans/organisationer.yaml");
    let text = std::fs::read_to_string(&orgs).expect("read").replace("    kommunkod: \"0001\"\n", "");
    std::fs::write(&orgs, text).expect("write");
    let (_, _, err) = kolada(&root, &response(), &["--lang", "en"]);
    assert!(
        err.contains("note: IND-1 (N15428) has no valid municipality code: write `kommunkod` in `källa` as four digits in quotes (`\"0180\"`), or give the plan's owner one\n"),
        "{err}"
    );
}

#[test]
fn a_period_that_is_no_plausible_year_is_refused_and_nothing_is_written() {
    let (dir, root) = setup();
    let bad = dir.path().join("perioder.json");
    for (period, said) in [("-5", "-5"), ("2147483647", "2147483647"), ("\"1989\"", "\"1989\"")] {
        let text = format!(
            r#"{{"values": [
                {{"kpi": "N00945", "municipality": "0180", "period": 2024, "values": [{{"gender": "T", "value": 4.4}}]}},
                {{"kpi": "N00945", "municipality": "0180", "period": {period}, "values": [{{"gender": "T", "value": 1}}]}}]}}"#
        );
        std::fs::write(&bad, text).expect("write");
        let (code, out, err) = kolada(&root, &bad, &["--force"]);
        assert_eq!(code, 2, "{out}{err}");
        assert_eq!(
            err,
            format!(
                "fel: {}: values[1] (N00945, 0180): perioden {said} är inget år från 1990 till 2100; inget skrevs\n",
                bad.display()
            )
        );
        assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), original());
    }
}

/// A second plan file, after `lan.yaml`, with an indicator on N00945 in 0180, padded with
/// comment lines to `pad` bytes.
fn second_file(root: &Path, pad: usize) -> PathBuf {
    let path = root.join("plans/lokal.yaml");
    let mut text = String::from(
        "typ: handlingsplan\nid: lokal\nnamn: Lokal plan\nperiod: { från: 2022, till: 2030 }\n\
         ägare: halso-och-sjukvardsforvaltningen\nmålområden:\n  - id: L1\n    namn: Lokalt\n\
         \x20   inriktningar:\n      - id: L1.1\n        text: Lokalt.\n    indikatorer:\n\
         \x20     - id: IND-L\n        namn: Särskilt boende, lokalt\n        enhet: procent\n\
         \x20       källa: { kolada: N00945, kommunkod: \"0180\" }\n",
    );
    let line = format!("# {}\n", "x".repeat(98));
    while text.len() + line.len() <= pad {
        text.push_str(&line);
    }
    if pad >= text.len() + 3 {
        text.push_str(&format!("#{}\n", "x".repeat(pad - text.len() - 2)));
    }
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_second_file_that_cannot_be_written_leaves_the_first_as_it_was() {
    let (_dir, root) = setup();
    let second = second_file(&root, 200_000);
    let second_before = std::fs::read(&second).expect("read");
    // The second file is larger than the file-size limit (SIGXFSZ ignored, so that the
    // write fails with EFBIG instead of killing the process); the first is not.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; exec prlimit --fsize=100000 -- \"$@\"")
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin("plan"))
        .args(["import", "--kolada"])
        .arg(response())
        .arg(&root)
        .arg("--force")
        .env_remove("PLAN_LANG")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("fel: plans/lokal.yaml: ") && err.ends_with("; inget skrevs\n"), "{err}");
    assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), original());
    assert_eq!(std::fs::read(&second).expect("read"), second_before);
    let names: Vec<_> = std::fs::read_dir(root.join("plans")).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert!(names.iter().all(|n| !n.to_string_lossy().starts_with(".plan-")), "{names:?}");
    // Without the limit both are written.
    let (code, out, err) = kolada(&root, &response(), &["--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("skrev plans/lan.yaml\nskrev plans/lokal.yaml\n"), "{out}");
}

#[test]
fn a_second_file_that_would_grow_past_16_mib_is_refused_before_the_first_is_written() {
    let (_dir, root) = setup();
    let second = second_file(&root, 16 * 1024 * 1024 - 10);
    let second_before = std::fs::read(&second).expect("read");
    let (code, out, err) = kolada(&root, &response(), &["--force"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.starts_with(
            "fel: plans/lokal.yaml: importen skulle göra filen 16.0 MiB stor, men planfiler får vara högst 16 MiB"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), original());
    assert_eq!(std::fs::read(&second).expect("read"), second_before);
}

#[test]
fn a_response_over_64_mib_is_refused_unread() {
    let (dir, root) = setup();
    let big = dir.path().join("stor.json");
    let mut text = String::from("{\"values\": [");
    text.push_str(&" ".repeat(64 * 1024 * 1024));
    text.push_str("]}");
    std::fs::write(&big, text).expect("write");
    let (code, _, err) = kolada(&root, &big, &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        format!("fel: {}: filen är större än 64 MiB; importen läser Kolada-svar på högst 64 MiB\n", big.display())
    );
}

#[test]
fn a_response_saved_by_windows_powershell_as_utf16_reads_as_the_same_response() {
    let (dir, root) = setup();
    let (_, expected_out, expected_err) = kolada(&root, &response(), &["--force"]);
    let text = std::fs::read_to_string(response()).expect("fixture");
    let units: Vec<u16> = text.encode_utf16().collect();
    // `>` and `Out-File` in Windows PowerShell 5: UTF-16 little-endian with a byte-order mark;
    // also big-endian, and either without the mark.
    let encodings: [(&str, Vec<u8>); 4] = [
        ("le-bom", [0xFF, 0xFE].into_iter().chain(units.iter().flat_map(|u| u.to_le_bytes())).collect()),
        ("be-bom", [0xFE, 0xFF].into_iter().chain(units.iter().flat_map(|u| u.to_be_bytes())).collect()),
        ("le", units.iter().flat_map(|u| u.to_le_bytes()).collect()),
        ("be", units.iter().flat_map(|u| u.to_be_bytes()).collect()),
    ];
    for (name, bytes) in encodings {
        let (_d, fresh) = setup();
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, bytes).expect("write");
        let (code, out, err) = kolada(&fresh, &file, &["--force"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(out, expected_out, "{name}");
        assert_eq!(err, expected_err, "{name}");
        assert_eq!(
            std::fs::read_to_string(fresh.join("plans/lan.yaml")).expect("read"),
            std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"),
            "{name}"
        );
    }
    // Half a UTF-16 character is no text at all: said, and nothing written.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, [0xFF, 0xFE, b'{', 0, b'}']).expect("write");
    let (_d, fresh) = setup();
    let (code, _, err) = kolada(&fresh, &broken, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.json: filen är varken UTF-8 eller UTF-16"), "{err}");
    assert_eq!(std::fs::read_to_string(fresh.join("plans/lan.yaml")).expect("read"), original());
}

#[test]
fn a_response_about_organisational_units_says_what_to_download_instead() {
    let (dir, root) = setup();
    let ou = dir.path().join("ou.json");
    let text = r#"{"count": 1, "values": [{"kpi": "N15428", "ou": "V15E018001301", "period": 2023, "values": [{"gender": "T", "value": 12.0}]}]}"#;
    std::fs::write(&ou, text).expect("write");
    let (code, _, err) = kolada(&root, &ou, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ou.json: inget Kolada-svar (API v3): svaret gäller organisatoriska enheter (`ou` i `values[0]`: en skola, ett äldreboende …), inte kommuner"),
        "{err}"
    );
    assert!(err.contains("`plan kolada urls` skriver dem"), "{err}");
    assert_eq!(std::fs::read_to_string(root.join("plans/lan.yaml")).expect("read"), original());
}

#[test]
fn kolada_urls_prints_one_api_address_per_kpi_and_municipality() {
    let (_dir, root) = setup();
    let out = plan().args(["kolada", "urls"]).arg(&root).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        "https://api.kolada.se/v3/data/kpi/N15428/municipality/0001\n\
         https://api.kolada.se/v3/data/kpi/N15428/municipality/0180\n\
         https://api.kolada.se/v3/data/kpi/N00945/municipality/0180\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).expect("UTF-8"),
        "3 adresser; spara varje svar som en .json-fil och läs in det med `plan import --kolada FIL.json`\n"
    );
    // Without the owner's kommunkod, the indicator that relies on it has no address.
    let orgs = root.join("plans/organisationer.yaml");
    let text = std::fs::read_to_string(&orgs).expect("read").replace("    kommunkod: \"0001\"\n", "");
    std::fs::write(&orgs, text).expect("write");
    let out = plan().args(["--lang", "en", "kolada", "urls"]).arg(&root).output().expect("runs");
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8").lines().count(), 2);
    assert_eq!(
        String::from_utf8(out.stderr).expect("UTF-8"),
        "note: IND-1 has no valid municipality code: write `kommunkod` in `källa` as four digits in quotes (`\"0180\"`), or give the plan's owner one\n\
         2 addresses; save each response as a .json file and read it in with `plan import --kolada FILE.json`\n"
    );
}

#[test]
fn an_empty_response_says_it_holds_no_values() {
    let (dir, root) = setup();
    let empty = dir.path().join("tom.json");
    std::fs::write(&empty, r#"{"count": 0, "values": []}"#).expect("write");
    let (code, out, _) = kolada(&root, &empty, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "inga ändringar: svaret innehåller inga värden (kontrollera KPI och kommunkod i adressen; `plan kolada urls` skriver adresserna)\n"
    );
}

#[test]
fn a_kommunkod_that_is_no_code_gets_no_other_municipalitys_figures() {
    let (_dir, root) = setup();
    let lan = root.join("plans/lan.yaml");
    // IND-2 names Stockholm, but with a space too many: not a code (P002).
    let text = std::fs::read_to_string(&lan)
        .expect("read")
        .replace("kommunkod: \"0180\", kön: K", "kommunkod: \"0180 \", kön: K");
    std::fs::write(&lan, &text).expect("write");
    let out = plan().args(["kolada", "urls"]).arg(&root).output().expect("runs");
    let urls = String::from_utf8(out.stdout).expect("UTF-8");
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("obs: IND-2 har ingen giltig kommunkod"), "{err}");
    assert_eq!(urls.lines().count(), 2, "IND-2 has no address of its own, and not the owner's: {urls}");
    let (_, _, err) = kolada(&root, &response(), &["--force"]);
    assert!(err.contains("obs: IND-2 (N15428) har ingen giltig kommunkod"), "{err}");
    // Nothing of Region Stockholm's (0001) was written into it: its one value stays alone.
    let after = std::fs::read_to_string(&lan).expect("read");
    let ind2 = &after[after.find("id: IND-2").expect("IND-2")..after.find("id: MO2").expect("MO2")];
    assert!(ind2.contains("värden: { 2021: 60.5 }"), "{ind2}");
}
