//! `plan list` through the real binary: every filter, every format, the text table in both
//! languages, and the usage errors with their did-you-mean suggestions.

mod common;

use assert_cmd::Command;
use common::{plan, repo};

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn list(kind: &str, args: &[&str]) -> (i32, String, String) {
    run(plan().arg("list").arg(kind).arg(repo("tests/data/tables")).args(args))
}

/// The ids listed as JSON.
fn ids(kind: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = list(kind, &all);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let (_, rows) = doc.as_object().and_then(|o| o.iter().next()).expect("one table");
    rows.as_array().expect("rows").iter().map(|r| r["id"].as_str().unwrap_or_default().to_owned()).collect()
}

#[test]
fn activities_as_a_text_table_in_swedish_and_english() {
    let (code, sv, _) = list("activities", &[]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("list_activities_sv", sv);
    let (code, en, _) = list("activities", &["--lang", "en"]);
    assert_eq!(code, 0);
    assert!(en.starts_with("id         title "), "{en}");
    assert_eq!(sv.lines().skip(1).collect::<Vec<_>>(), en.lines().skip(1).collect::<Vec<_>>());
}

#[test]
fn directions_and_organisations_as_text_tables() {
    let (code, out, _) = list("directions", &["--lang", "en"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("list_directions_en", out);
    let (code, out, _) = list("organisationer", &[]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("list_organisations_sv", out);
}

#[test]
fn owner_matches_an_id_or_an_exact_name_in_any_case() {
    assert_eq!(ids("activities", &["--owner", "socialförvaltningen, exempelby"]), ["K-2025-01", "K-2025-03"]);
    assert_eq!(ids("activities", &["--owner", "vardcentralen"]), Vec::<String>::new());
}

#[test]
fn an_owner_includes_the_organisations_that_are_part_of_it() {
    // socialforvaltningen is `del_av: kommunen`: the municipality's list holds its work too.
    assert_eq!(ids("activities", &["--ansvarig", "kommunen"]), ["K-2024-01", "K-2025-01", "K-2025-02", "K-2025-03"]);
}

#[test]
fn a_goal_area_filters_activities_and_directions() {
    // MO2.1 is reached through the utvecklingsområde K-U1.
    assert_eq!(ids("activities", &["--goal-area", "MO2"]), ["K-2024-01", "K-2025-01", "K-2025-03"]);
    assert_eq!(ids("activities", &["--malomrade", "MO2", "--year", "2024"]), ["K-2024-01"]);
    assert_eq!(ids("directions", &["--målområde", "MO1"]), ["MO1.1", "MO1.2"]);
    let (code, _, err) = list("activities", &["--goal-area", "MO9"]);
    assert_eq!((code, err.as_str()), (2, "fel: `MO9` är inget målområde; menade du `MO1`?\n"));
    let (code, _, err) = list("activities", &["--goal-area", "MO1.1", "--lang", "en"]);
    assert_eq!(
        (code, err.as_str()),
        (2, "error: `MO1.1` is a strategic direction, not a goal area: use `--direction MO1.1`\n")
    );
}

#[test]
fn a_status_may_be_written_as_the_analyst_writes_it() {
    let pagaende = ["K-2025-01", "K-2025-03"];
    assert_eq!(ids("activities", &["--status", "Pågår"]), pagaende, "a synonym, any case");
    let (code, _, err) = list("activities", &["--status", "pagar"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "fel: okänd status `pagar`; menade du `pågår`? (möjliga: planerad, pågående, klar, försenad, pausad, avbruten)\n"
        )
    );
    // plan.toml's own words, as `plan import` reads them.
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&repo("tests/data/tables"), dir.path());
    let toml = dir.path().join("plan.toml");
    let mut text = std::fs::read_to_string(&toml).expect("plan.toml");
    text.push_str("\n[import.status]\n\"Enligt plan\" = \"pågående\"\n");
    std::fs::write(&toml, text).expect("write");
    let out = plan()
        .args(["list", "activities", "--format", "json", "--status", "enligt plan"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("K-2025-01") && listed.contains("K-2025-03") && !listed.contains("K-2025-02"), "{listed}");
}

#[test]
fn status_year_plan_and_direction_filter_and_combine() {
    assert_eq!(ids("activities", &["--status", "pågående"]), ["K-2025-01", "K-2025-03"]);
    assert_eq!(ids("activities", &["--year", "2024"]), ["K-2024-01"]);
    assert_eq!(ids("activities", &["--plan", "kommun-2025"]), ["K-2025-01", "K-2025-02", "K-2025-03"]);
    assert_eq!(ids("activities", &["--plan", "kommun-plan", "--year", "2024"]), ["K-2024-01"]);
    // MO1.1 directly; MO2.1 only through the utvecklingsområde K-U1.
    assert_eq!(ids("activities", &["--direction", "MO1.1"]), ["K-2025-01", "K-2025-02"]);
    assert_eq!(ids("activities", &["--direction", "MO2.1"]), ["K-2024-01", "K-2025-01", "K-2025-03"]);
    let combined = ["--direction", "MO2.1", "--status", "pågående", "--owner", "kommunen"];
    assert_eq!(ids("activities", &combined), ["K-2025-01", "K-2025-03"], "the förvaltning's, part of kommunen");
    assert!(ids("activities", &["--direction", "MO1.2", "--status", "klar", "--year", "2025"]).is_empty());
    assert_eq!(ids("directions", &["--plan", "kommun-plan"]), ["MO1.1", "MO1.2", "MO2.1", "MO2.2"]);
}

#[test]
fn csv_is_the_export_csv_of_the_listed_rows() {
    let (code, out, _) = list("activities", &["--format", "csv", "--year", "2024"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert!(lines[0].starts_with("\u{feff}id;titel;aktivitetsplan;år;"), "{out}");
    assert!(lines[1].starts_with("K-2024-01;Kartlägga vårdövergångar;kommun-2024;2024;"), "{out}");
    assert_eq!(lines.len(), 3, "header, one row, and the empty rest after the last CRLF");
}

#[test]
fn an_empty_result_says_so_and_exits_0() {
    let (code, out, _) = list("activities", &["--year", "2030"]);
    assert_eq!((code, out.as_str()), (0, "Inga aktiviteter matchar urvalet.\n"));
    let (code, out, _) = list("activities", &["--year", "2030", "--lang", "en"]);
    assert_eq!((code, out.as_str()), (0, "No activities match the filters.\n"));
    let (code, out, err) = list("activities", &["--year", "2030", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(out, "{\n  \"aktiviteter\": []\n}\n");
    assert_eq!(err, "Inga aktiviteter matchar urvalet.\n");
}

#[test]
fn unknown_values_are_usage_errors_with_a_suggestion() {
    let cases = [
        (vec!["--status", "pagaende"], "okänd status `pagaende`; menade du `pågående`?"),
        (vec!["--owner", "komunen"], "`komunen` är varken id eller namn på någon organisation; menade du `kommunen`?"),
        (vec!["--direction", "MO1.3"], "`MO1.3` är ingen strategisk inriktning; menade du `MO1.1`?"),
        (vec!["--direction", "MO1"], "`MO1` är ingen strategisk inriktning"),
        (
            vec!["--plan", "kommun-2O25"],
            "`kommun-2O25` är ingen aktivitetsplan eller handlingsplan; menade du `kommun-2025`?",
        ),
    ];
    for (args, message) in cases {
        let (code, out, err) = list("activities", &args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.starts_with(&format!("fel: {message}")), "{args:?}: {err}");
    }
    let (code, _, err) = list("activities", &["--owner", "komunen", "--lang", "en"]);
    assert_eq!(code, 2);
    assert_eq!(err, "error: `komunen` is neither the id nor the name of an organisation; did you mean `kommunen`?\n");
}

#[test]
fn filters_that_do_not_apply_are_usage_errors() {
    let (code, _, err) = list("organisations", &["--owner", "kommunen"]);
    assert_eq!((code, err.as_str()), (2, "fel: `--owner` gäller inte för `plan list organisations`\n"));
    let (code, _, err) = list("directions", &["--status", "klar", "--lang", "en"]);
    assert_eq!((code, err.as_str()), (2, "error: `--status` does not apply to `plan list directions`\n"));
}

#[test]
fn a_plan_with_errors_is_not_listed() {
    let (code, out, err) = run(plan().arg("list").arg("activities").arg(repo("tests/data/broken")));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("listar inte: planen har fel"), "{err}");
}
