//! The CI formats of `plan check`, each against its specification: GitHub workflow
//! commands, the GitLab Code Quality report, and SARIF 2.1.0 validated against the official
//! schema (vendored as `tests/data/sarif-schema-2.1.0.json`).

mod common;

use common::{copy_dir, plan, repo};
use serde_json::Value;

fn run(path: &std::path::Path, format: &str) -> (i32, String) {
    let out = plan().arg("check").arg(path).arg("--format").arg(format).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).expect("UTF-8"))
}

fn json_findings(path: &std::path::Path) -> Vec<Value> {
    let (_, text) = run(path, "json");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["diagnostics"].as_array().expect("array").clone()
}

#[test]
fn github_commands_annotate_each_finding_at_its_place() {
    let broken = repo("tests/data/broken");
    let (code, text) = run(&broken, "github");
    assert_eq!(code, 1, "the exit code does not depend on the format");
    let findings = json_findings(&broken);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len());
    for (line, f) in lines.iter().zip(&findings) {
        let (head, message) =
            line.split_once("::").map(|(_, rest)| rest.split_once("::").expect("message")).expect("command");
        let level = if f["severity"] == "error" { "error" } else { "warning" };
        let expected_head = format!(
            "{level} file={},line={},endLine={},col={},endColumn={},title={} {}",
            f["file"].as_str().expect("file"),
            f["line"],
            f["end_line"],
            f["column"],
            f["end_column"],
            f["code"].as_str().expect("code"),
            f["name"].as_str().expect("name"),
        );
        assert_eq!(head, expected_head);
        assert!(!message.contains('\n') && !message.contains('\r'));
        assert!(message.starts_with(f["message"].as_str().expect("message")));
    }
    // The help goes on a second line of the annotation, encoded as GitHub requires.
    assert!(lines[0].ends_with("%0Amenade du `samradsgrupp-aldre`?"), "{}", lines[0]);
}

#[test]
fn gitlab_report_has_the_code_quality_fields_and_stable_fingerprints() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/data/broken"), dir.path());
    let (_, first) = run(dir.path(), "gitlab");
    let report: Vec<Value> = serde_json::from_str(&first).expect("a JSON array");
    // Nine findings: the misspelt `ansvaring` is one (P002), not also a missing owner (P006).
    assert_eq!(report.len(), 9);
    for issue in &report {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().expect("severity"))
        );
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().expect("begin") >= 1);
    }
    let prints = |r: &[Value]| r.iter().map(|i| i["fingerprint"].as_str().expect("fp").to_owned()).collect::<Vec<_>>();
    let mut unique = prints(&report);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), report.len(), "fingerprints are unique");
    let (_, again) = run(dir.path(), "gitlab");
    assert_eq!(first, again, "the report is the same on every run");
    // A comment added at the top moves every finding down a line but keeps its fingerprint.
    let file = dir.path().join("plans/lan/aktivitetsplan-2025.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("# en kommentar\n{text}")).expect("write");
    let (_, moved) = run(dir.path(), "gitlab");
    let moved: Vec<Value> = serde_json::from_str(&moved).expect("JSON");
    let mut before = prints(&report);
    let mut after = prints(&moved);
    before.sort();
    after.sort();
    assert_eq!(before, after);
    let first_begin = |r: &[Value]| r[0]["location"]["lines"]["begin"].as_u64();
    assert_eq!(first_begin(&moved), first_begin(&report).map(|b| b + 1));
}

fn escape_stray_bracket(value: &mut Value) -> usize {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        Value::Object(map) => {
            let mut n = 0;
            for (key, v) in map.iter_mut() {
                if key == "pattern" && v == STRAY {
                    *v = Value::from(STRAY.replace("}]?", "}\\]?"));
                    n += 1;
                } else {
                    n += escape_stray_bracket(v);
                }
            }
            n
        }
        Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_log_is_valid_sarif_2_1_0() {
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("tests/data/sarif-schema-2.1.0.json")).expect("schema"))
            .expect("schema JSON");
    // The official schema's `language` patterns have a stray `]`, a literal in JavaScript
    // regexes but an error in Rust's; escape it, which keeps its meaning, and change nothing else.
    assert_eq!(escape_stray_bracket(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).expect("the official schema compiles");
    for (repository, lang) in
        [("tests/data/broken", "sv"), ("tests/data/broken", "en"), ("examples/stockholms-stad", "sv")]
    {
        let out = plan()
            .arg("check")
            .arg(repo(repository))
            .args(["--format", "sarif", "--lang", lang])
            .output()
            .expect("runs");
        let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{repository}: {}", errors.join("\n"));
        let mut broken = log.clone();
        broken["runs"][0]["results"] = Value::from("not a list");
        assert!(!validator.is_valid(&broken), "the schema does reject an invalid log");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"].as_array().expect("rules").len(), plan::check::rules::RULES.len());
        assert_eq!(run["columnKind"], "unicodeCodePoints");
    }
    let out = plan().arg("check").arg(repo("tests/data/broken")).args(["--format", "sarif"]).output().expect("runs");
    let log: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), json_findings(&repo("tests/data/broken")).len());
    let first = &results[0];
    assert_eq!(first["ruleId"], "P004");
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][first["ruleIndex"].as_u64().expect("index") as usize]["id"],
        "P004"
    );
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"], &region["endColumn"]),
        (&9.into(), &15.into(), &33.into())
    );
}

/// The Markdown report for a CI summary page: a GitHub-flavoured table with one row per
/// finding, in the JSON report's order, each naming its place as `file:line:column`; read
/// back here through comrak with GitHub's table extension, as GitHub shows it.
#[test]
fn markdown_report_is_one_table_row_per_finding() {
    let broken = repo("tests/data/broken");
    let (code, text) = run(&broken, "markdown");
    assert_eq!(code, 1, "the exit code does not depend on the format");
    let findings = json_findings(&broken);
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let html = comrak::markdown_to_html(&text, &options);
    let rows: Vec<&str> = html.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), findings.len(), "{html}");
    for (row, f) in rows.iter().zip(&findings) {
        let cells: Vec<&str> = row.split("<td>").skip(1).map(|c| c.split("</td>").next().expect("cell")).collect();
        assert_eq!(cells.len(), 4, "{row}");
        let level = if f["severity"] == "error" { "fel" } else { "varning" };
        assert_eq!(cells[0], level);
        assert_eq!(cells[1], format!("{} {}", f["code"].as_str().unwrap(), f["name"].as_str().unwrap()));
        assert_eq!(cells[2], format!("{}:{}:{}", f["file"].as_str().unwrap(), f["line"], f["column"]));
    }
    insta::assert_snapshot!(text);
}
