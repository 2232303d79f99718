//! The `plan` binary as users run it: exit codes, formats, languages, settings, and
//! snapshots of the human report in both languages.

mod common;

use assert_cmd::Command;
use common::{copy_dir, plan, repo};
use std::path::PathBuf;

fn stdout(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn json(cmd: &mut Command) -> (i32, serde_json::Value) {
    let (code, text) = stdout(cmd.arg("--format").arg("json"));
    (code, serde_json::from_str(&text).expect("one JSON document"))
}

#[test]
fn the_bundled_county_plan_has_no_errors_and_one_honest_warning_per_direction() {
    let (code, doc) = json(plan().arg("check").arg(repo("")).arg("--today").arg("2025-12-31"));
    assert_eq!(code, 0);
    let diagnostics = doc["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 18, "one P010 per strategic direction");
    assert!(diagnostics.iter().all(|d| d["code"] == "P010" && d["severity"] == "warning"));
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
fn every_example_checks_without_errors() {
    let examples: Vec<PathBuf> = std::fs::read_dir(repo("examples"))
        .expect("examples/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("plan.toml").is_file())
        .collect();
    assert!(examples.len() >= 3);
    for example in examples {
        let (code, doc) = json(plan().arg("check").arg(&example));
        assert_eq!(code, 0, "{}", example.display());
        assert_eq!(doc["summary"]["errors"], 0, "{}: {doc}", example.display());
        let activities = doc["summary"]["activities"].as_u64().unwrap_or(0);
        assert!(activities > 0, "{} has no activities", example.display());
    }
}

#[test]
fn exit_code_is_1_on_errors() {
    let (code, _) = stdout(plan().arg("check").arg(repo("tests/data/broken")));
    assert_eq!(code, 1);
}

#[test]
fn warnings_fail_only_when_denied() {
    let lan = repo("examples/lan-2024");
    let (code, _) = stdout(plan().arg("check").arg(&lan));
    assert_eq!(code, 0);
    let (code, _) = stdout(plan().arg("check").arg(&lan).arg("--deny").arg("warnings"));
    assert_eq!(code, 1);
}

#[test]
fn exit_code_is_2_for_usage_and_io_errors() {
    let missing = repo("tests/data/does-not-exist");
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", missing.to_str().unwrap_or_default()],
        vec!["check", "--today", "2025-13-01"],
        vec!["check", "--format", "xml"],
        vec!["check", "--deny", "everything"],
        vec!["check", "--lang", "fi"],
        vec!["explain", "P999"],
        vec!["no-such-command"],
    ];
    for args in cases {
        let out = plan().current_dir(repo("")).args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
}

#[test]
fn a_folder_without_plans_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = plan().arg("check").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hittade ingen planmapp (plans/)"), "{err}");
}

#[test]
fn a_broken_plan_toml_is_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("plan.toml"), "today = 2025-01-01\ntodya = 1\n").expect("write");
    let out = plan().arg("check").arg(dir.path()).arg("--lang").arg("en").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("plan.toml: line 2, column 1"), "{err}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let (code, doc) = json(plan().arg("check").arg(repo("tests/data/broken")));
    assert_eq!(code, 1);
    assert_eq!(doc["version"], 1);
    let first = &doc["diagnostics"][0];
    let mut keys: Vec<&str> = first.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code",
            "column",
            "end_column",
            "end_line",
            "file",
            "help",
            "line",
            "message",
            "name",
            "note",
            "related",
            "severity"
        ]
    );
    // `samradsgrupp-äldre` on line 9: the value starts at character 15 and ends before 33,
    // counting `ä` as one column although it is two bytes.
    assert_eq!(first["code"], "P004");
    assert_eq!(first["name"], "okänd-referens");
    assert_eq!(first["file"], "plans/lan/aktivitetsplan-2025.yaml");
    assert_eq!((&first["line"], &first["column"]), (&9.into(), &15.into()));
    assert_eq!((&first["end_line"], &first["end_column"]), (&9.into(), &33.into()));
    assert_eq!(first["help"], "menade du `samradsgrupp-aldre`?");
    let summary = &doc["summary"];
    assert_eq!(summary["errors"], 6);
    assert_eq!(summary["warnings"], 3);
    assert_eq!(summary["files"], 3);
    assert_eq!(summary["plans"], 2);
    assert_eq!(summary["activities"], 4);
    let duplicate = doc["diagnostics"].as_array().expect("array").iter().find(|d| d["code"] == "P003").expect("P003");
    assert_eq!(duplicate["related"][0]["line"], 6);
    assert_eq!(duplicate["related"][0]["file"], "plans/lan/aktivitetsplan-2025.yaml");
}

#[test]
fn human_report_in_swedish() {
    let (_, text) = stdout(plan().arg("check").arg(repo("tests/data/broken")));
    insta::assert_snapshot!("human_sv", text);
}

#[test]
fn human_report_in_english() {
    let (_, text) = stdout(plan().arg("check").arg(repo("tests/data/broken")).arg("--lang").arg("en"));
    insta::assert_snapshot!("human_en", text);
}

#[test]
fn json_report_snapshot() {
    let (_, text) = stdout(plan().arg("check").arg(repo("tests/data/broken")).arg("--format").arg("json"));
    insta::assert_snapshot!("json", text);
}

#[test]
fn piped_output_has_no_colour_codes() {
    let (_, text) = stdout(plan().arg("check").arg(repo("tests/data/broken")));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn language_comes_from_the_flag_or_plan_lang() {
    let broken = repo("tests/data/broken");
    let (_, sv) = stdout(plan().arg("check").arg(&broken));
    assert!(sv.contains("fel: 6 fel, 3 varningar"), "{sv}");
    let (_, en) = stdout(plan().arg("check").arg(&broken).env("PLAN_LANG", "en"));
    assert!(en.contains("error: 6 errors, 3 warnings"), "{en}");
    let (_, flag) = stdout(plan().arg("check").arg(&broken).arg("--lang").arg("sv").env("PLAN_LANG", "en"));
    assert_eq!(flag, sv, "the flag wins over the environment");
}

#[test]
fn check_date_comes_from_flag_then_environment_then_plan_toml() {
    let broken = repo("tests/data/broken");
    let overdue = |cmd: &mut Command| {
        let (_, doc) = json(cmd);
        doc["diagnostics"].as_array().expect("array").iter().filter(|d| d["code"] == "P008").count()
    };
    // plan.toml pins 2025-06-30: LAN-2025-03 (slut 2025-03-31) is overdue.
    assert_eq!(overdue(plan().arg("check").arg(&broken)), 1);
    assert_eq!(overdue(plan().arg("check").arg(&broken).env("PLAN_TODAY", "2025-03-01")), 0);
    assert_eq!(overdue(plan().arg("check").arg(&broken).env("PLAN_TODAY", "2025-03-01").arg("--today=2026-01-02")), 2);
}

#[test]
fn the_root_is_found_from_a_subfolder() {
    let (code, doc) = json(plan().arg("check").current_dir(repo("tests/data/broken/plans/lan")));
    assert_eq!(code, 1);
    assert_eq!(doc["diagnostics"][0]["file"], "plans/lan/aktivitetsplan-2025.yaml");
}

#[test]
fn explain_accepts_code_or_name() {
    let (code, by_code) = stdout(plan().arg("explain").arg("P004"));
    assert_eq!(code, 0);
    let (_, by_name) = stdout(plan().arg("explain").arg("okänd-referens"));
    assert_eq!(by_code, by_name);
    assert!(by_code.starts_with("P004 okänd-referens (standardnivå: fel)"), "{by_code}");
    let (_, en) = stdout(plan().arg("explain").arg("p004").arg("--lang").arg("en"));
    assert!(en.starts_with("P004 okänd-referens (default level: error)"), "{en}");
}

#[test]
fn explain_without_a_rule_lists_every_rule() {
    let (code, text) = stdout(plan().arg("explain"));
    assert_eq!(code, 0);
    assert_eq!(text.lines().count(), plan::check::rules::RULES.len());
    assert!(text.lines().all(|l| l.starts_with('P')));
}

#[test]
fn severities_are_configurable_per_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/broken/plans"), &dir.path().join("plans"));
    let config = "today = 2025-06-30\n[rules]\nP010 = \"off\"\nP009 = \"error\"\n\"försenad\" = \"off\"\n";
    std::fs::write(dir.path().join("plan.toml"), config).expect("write");
    let (_, doc) = json(plan().arg("check").arg(dir.path()));
    let diagnostics = doc["diagnostics"].as_array().expect("array");
    assert!(diagnostics.iter().all(|d| d["code"] != "P008"));
    assert!(diagnostics.iter().filter(|d| d["code"] == "P009").all(|d| d["severity"] == "error"));
    assert_eq!(doc["summary"]["warnings"], 0);
}

/// Words of clap's English and of the English help. None may appear in Swedish output; the
/// commands' own words (`check`, `--format`, `human`) and anything in backticks are not
/// text and are left out before looking (`help` and `version` are Swedish words as well as
/// commands, so they are not in the list).
const ENGLISH: &[&str] = &[
    "usage",
    "options",
    "arguments",
    "commands",
    "command",
    "print",
    "default",
    "possible",
    "environment",
    "invalid",
    "unexpected",
    "required",
    "the",
    "with",
    "and",
    "folder",
    "show",
    "information",
    "subcommand",
    "subcommands",
    "error",
    "value",
    "values",
    "found",
    "expected",
    "tip",
    "language",
    "messages",
    "write",
    "output",
    "file",
    "files",
];

/// The English words in a text meant to be Swedish.
fn english_in(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut code = false;
    for c in text.chars() {
        if c == '`' {
            code = !code;
        } else if !code {
            plain.push(c);
        }
    }
    plain
        .split_whitespace()
        // Flags, placeholders and command names are the interface, not prose.
        .filter(|w| !w.starts_with('-') && !w.starts_with('<') && !w.starts_with('[') && !w.contains("plan-"))
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// Runs `plan` with these words and returns stdout and stderr together.
fn output(args: &[&str]) -> (i32, String) {
    let out = plan().current_dir(repo("")).args(args).output().expect("runs");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn help_errors_and_the_man_page_are_swedish_by_default() {
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec![],
        vec!["help"],
        vec!["help", "check"],
        vec!["new"],
        vec!["new", "activity", "--help"],
        vec!["county", "--help"],
        vec!["county", "update", "--help"],
        vec!["man"],
    ];
    for sub in [
        "check",
        "render",
        "serve",
        "diff",
        "report",
        "import",
        "schema",
        "explain",
        "export",
        "list",
        "init",
        "completions",
        "man",
    ] {
        cases.push(vec![sub, "--help"]);
        cases.push(vec![sub, "-h"]);
    }
    let errors: Vec<Vec<&str>> = vec![
        vec!["check", "--format", "xml"],
        vec!["check", "--formt", "json"],
        vec!["check", "--bogus"],
        vec!["chek"],
        vec!["report", "--year", "99"],
        vec!["report", "--period", "t3"],
        vec!["check", "--lang", "fi"],
        vec!["list"],
        vec!["import"],
        vec!["export", "--format", "csv", "--all", "--table", "aktiviteter"],
        vec!["check", "--format"],
        vec!["check", "a", "b"],
        vec!["serve", "--port", "70000"],
        vec!["serve", "--bind", "localhost"],
    ];
    for args in cases.iter().chain(&errors) {
        let (code, text) = output(args);
        let english = english_in(&text);
        assert!(english.is_empty(), "`plan {}` (exit {code}) has English words {english:?}:\n{text}", args.join(" "));
    }
    for args in &errors {
        let (code, text) = output(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(text.starts_with("fel: "), "{args:?}: {text}");
    }
    let (_, man) = output(&["man"]);
    for heading in [".SH NAMN", ".SH ÖVERSIKT", ".SH BESKRIVNING", ".SH FLAGGOR", ".SH KOMMANDON", ".SS ARGUMENT"] {
        assert!(man.contains(heading), "{heading}");
    }
}

#[test]
fn help_errors_and_the_man_page_are_english_with_lang_en() {
    let (_, help) = output(&["--lang", "en", "check", "--help"]);
    assert!(help.contains("Usage: plan check [OPTIONS] [PATH]") && help.contains("Output format"), "{help}");
    assert!(english_in(&help).len() > 10, "the check for English finds English");
    let env = plan().args(["check", "--help"]).env("PLAN_LANG", "en").output().expect("runs");
    let env = String::from_utf8_lossy(&env.stdout).replace("[env: PLAN_LANG=en]", "[env: PLAN_LANG=]");
    assert_eq!(env, help, "PLAN_LANG=en is the same as --lang en");
    let (code, error) = output(&["check", "--format", "xml", "--lang=en"]);
    assert_eq!(code, 2);
    assert!(error.contains("invalid value 'xml' for '--format <FORMAT>'"), "{error}");
    let (_, year) = output(&["--lang", "en", "report", "--year", "99"]);
    assert!(year.contains("a year is written with four digits"), "{year}");
    let (_, man) = output(&["man", "--lang", "en"]);
    assert!(man.contains(".SH NAME") && man.contains(".SH OPTIONS"), "{man}");
}

#[test]
fn swedish_help_and_errors_read_as_reviewed() {
    let (_, help) = output(&["check", "--help"]);
    insta::assert_snapshot!("help_check_sv", help);
    let mut errors = String::new();
    for args in [vec!["check", "--format", "xml"], vec!["chek"], vec!["check", "--formt", "json"], vec!["import"]] {
        errors.push_str(&format!("$ plan {}\n{}\n", args.join(" "), output(&args).1));
    }
    insta::assert_snapshot!("errors_sv", errors);
}

#[test]
fn plan_toml_mistakes_are_said_in_swedish_at_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/broken/plans"), &dir.path().join("plans"));
    let cases = [
        (
            "[site]\ntitel = \"Plan\"\n",
            "plan.toml: rad 2, kolumn 1: okänd inställning `titel` i `[site]`; menade du `title`? tillåtna här: `title`",
        ),
        ("[rules]\nP001 = off\n", "plan.toml: rad 2, kolumn 8: en text ska stå inom citattecken: `P001 = \"off\"`"),
        (
            "[rules]\nP001 = \"loud\"\n",
            "rad 2, kolumn 8: `loud` är inget giltigt värde; skriv ett av `error`, `warning`, `off`",
        ),
        ("plans = \"plans\"\n", "rad 1, kolumn 9: här ska stå en lista"),
        ("[rules]\n\"forsenadd\" = \"off\"\n", "rad 2: `[rules]`: okänd regel `forsenadd`; menade du `försenad`?"),
        ("[site.colors]\nprimary = \"#ffff00\"\n", "rad 2: `[site.colors]` `primary`: `#ffff00` har kontrasten"),
        ("today = \"2025-13-01\"\n", "rad 1: `2025-13-01` är inte ett datum på formen ÅÅÅÅ-MM-DD"),
    ];
    for (toml, expected) in cases {
        std::fs::write(dir.path().join("plan.toml"), toml).expect("write");
        let out = plan().arg("check").arg(dir.path()).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{toml}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{toml}: {err}");
        assert!(english_in(&err).is_empty(), "{toml}: {err}");
    }
}

#[test]
fn what_the_operating_system_says_is_said_in_swedish() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/broken/plans"), &dir.path().join("plans"));
    let missing = dir.path().join("uppfoljning.csv");
    let out = plan()
        .arg("import")
        .arg(&missing)
        .arg("--into")
        .arg(dir.path().join("plans/lan/aktivitetsplan-2025.yaml"))
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("uppfoljning.csv: finns inte"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
}
