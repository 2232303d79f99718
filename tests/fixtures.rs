//! Fixture repositories with planted defects, and the exact findings they must produce.
//!
//! Every folder `tests/fixtures/<rule>/<case>/` is a small plan repository (a `plans/`
//! folder, optionally a `plan.toml`) with an `expected.txt` listing every finding as
//! `CODE file:line:column`, one per line, in the order `plan check` reports them. The check
//! date is 2025-06-30 unless the case's `plan.toml` sets `today`. See tests/README.md.

use plan::config::Config;
use plan::lang::Lang;
use plan::run::{CheckOptions, check};
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<PathBuf> = walk(&root).into_iter().filter(|d| d.join("expected.txt").is_file()).collect();
    cases.sort();
    cases
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) && entry.file_name() != "plans" {
            out.extend(walk(&entry.path()));
        }
    }
    out
}

/// The findings of one case, as `CODE file:line:column` lines.
fn findings(case: &Path, lang: Lang) -> Vec<String> {
    let config = Config::load(case, lang).expect("fixture plan.toml is valid");
    let today = config.today.unwrap_or(chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"));
    let options = CheckOptions { today, lang, levels: config.levels.clone(), county: config.county.clone() };
    let line = |d: &plan::diagnostic::Diagnostic, files: &plan::source::Sources| {
        format!("{} {}:{}:{}", d.code, files.get(d.span.file).name, d.span.start.line, d.span.start.column)
    };
    if !config.sources.is_empty() {
        // A county with sources: every finding, the sources' under their own paths.
        let repo = plan::run::Repository { root: case.to_path_buf(), config, options };
        let (_, _, combined) = repo.check_all().expect("fixture loads");
        return combined.diagnostics.iter().map(|d| line(d, &combined.sources)).collect();
    }
    let checked = check(case, &config, &options).expect("fixture loads");
    checked.diagnostics.iter().map(|d| line(d, &checked.plan.sources)).collect()
}

#[test]
fn every_fixture_reports_exactly_its_expected_findings() {
    let cases = cases();
    assert!(cases.len() >= 11, "expected a fixture per rule, found {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expected: Vec<String> = std::fs::read_to_string(case.join("expected.txt"))
            .expect("expected.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        let actual = findings(case, Lang::Sv);
        if actual != expected {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  actual:\n    {}",
                case.display(),
                expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it() {
    let mut seen = std::collections::BTreeSet::new();
    for case in cases() {
        for line in std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default().lines() {
            if let Some(code) = line.split_whitespace().next().filter(|c| c.starts_with('P')) {
                seen.insert(code.to_owned());
            }
        }
    }
    for rule in plan::check::rules::RULES {
        let code = rule.meta().code.as_str();
        assert!(seen.contains(code), "no fixture expects {code}");
    }
}

#[test]
fn findings_do_not_depend_on_the_language() {
    for case in cases() {
        assert_eq!(findings(&case, Lang::Sv), findings(&case, Lang::En), "{}", case.display());
    }
}

#[test]
fn every_case_lies_in_the_folder_of_a_rule_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // `okänd-referens` → `okand-referens`: folder names are ASCII.
    let folder = |name: &str| name.replace(['å', 'ä'], "a").replace('ö', "o");
    let rules: Vec<String> = plan::check::rules::RULES.iter().map(|r| folder(r.meta().name)).collect();
    for case in cases() {
        let rel: Vec<String> = case
            .strip_prefix(&root)
            .expect("under tests/fixtures")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        assert_eq!(rel.len(), 2, "{}: a case is tests/fixtures/<rule-name>/<case>/", case.display());
        assert!(rules.contains(&rel[0]), "{}: `{}` is not a rule name ({rules:?})", case.display(), rel[0]);
    }
}
