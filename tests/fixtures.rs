//! Fixture repositories with planted defects, and the exact findings they must produce.
//!
//! Every folder `tests/fixtures/<rule>/<case>/` is a small plan repository (a `plans/`
//! folder, optionally a `plan.toml`) with an `expected.txt` listing every finding as
//! `CODE file:line:column`, one per line, in the order `plan check` reports them, optionally
//! each with the Swedish help expected under it (`  help: …`). The check date is 2025-06-30
//! unless the case's `plan.toml` sets `today`. The cases that write out their help are the
//! corpus of analysts' mistakes; their whole report is also a snapshot, in both languages,
//! beside the case. See tests/README.md.

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

/// What `plan check` reports for one case: the findings, the files they are in, the counts.
struct Report {
    diagnostics: Vec<plan::diagnostic::Diagnostic>,
    sources: plan::source::Sources,
    summary: plan::check::Summary,
}

/// Checks one case in a language; a county with `[[sources]]` reports every source's
/// findings under their own paths, as `plan check` does.
fn report(case: &Path, lang: Lang) -> Report {
    let config = Config::load(case, lang).expect("fixture plan.toml is valid");
    let today = config.today.unwrap_or(chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"));
    let options = CheckOptions::new(&config, today, lang);
    if !config.sources.is_empty() {
        let repo = plan::run::Repository { root: case.to_path_buf(), config, options };
        let combined = repo.check_all().expect("fixture loads");
        return Report { diagnostics: combined.diagnostics, sources: combined.sources, summary: combined.summary };
    }
    let checked = check(case, &config, &options).expect("fixture loads");
    Report { diagnostics: checked.diagnostics, sources: checked.plan.sources, summary: checked.summary }
}

/// The findings of one case, as `CODE file:line:column` lines, each with its help.
fn findings_with_help(case: &Path, lang: Lang) -> Vec<(String, Option<String>)> {
    let report = report(case, lang);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let file = &report.sources.get(d.span.file).name;
            (format!("{} {}:{}:{}", d.code, file, d.span.start.line, d.span.start.column), d.help.clone())
        })
        .collect()
}

/// The findings of one case, as `CODE file:line:column` lines.
fn findings(case: &Path, lang: Lang) -> Vec<String> {
    findings_with_help(case, lang).into_iter().map(|(f, _)| f).collect()
}

/// An `expected.txt`: each finding, and the help written under it (`  help: …`), if any.
fn expected(case: &Path) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for line in std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt").lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match (trimmed.strip_prefix("help:"), out.last_mut()) {
            (Some(help), Some(last)) if line.starts_with(' ') => last.1 = Some(help.trim().to_owned()),
            _ => out.push((trimmed.to_owned(), None)),
        }
    }
    out
}

#[test]
fn every_fixture_reports_exactly_its_expected_findings() {
    let cases = cases();
    assert!(cases.len() >= 11, "expected a fixture per rule, found {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expected = expected(case);
        let actual = findings_with_help(case, Lang::Sv);
        let wanted: Vec<&String> = expected.iter().map(|(f, _)| f).collect();
        let found: Vec<&String> = actual.iter().map(|(f, _)| f).collect();
        if wanted != found {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  actual:\n    {}",
                case.display(),
                expected.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>().join("\n    "),
                actual.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>().join("\n    ")
            ));
            continue;
        }
        for ((finding, want), (_, got)) in expected.iter().zip(&actual) {
            if let Some(want) = want
                && got.as_deref() != Some(want.as_str())
            {
                failures.push(format!(
                    "{}: {finding}:\n  expected help: {want}\n  actual help:   {}",
                    case.display(),
                    got.as_deref().unwrap_or("(none)")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The cases of the corpus of analysts' mistakes: those whose `expected.txt` writes the help
/// out. Their human report is kept as a snapshot in each language beside the case
/// (`human_sv.snap`, `human_en.snap`), for review of the whole message.
#[test]
fn the_corpus_of_mistakes_reads_as_reviewed_in_both_languages() {
    let mut corpus = 0;
    for case in cases() {
        if expected(&case).iter().all(|(_, help)| help.is_none()) {
            continue;
        }
        corpus += 1;
        for lang in [Lang::Sv, Lang::En] {
            let report = report(&case, lang);
            let style = plan::report::human::Style::default();
            let text = plan::report::human::render(&report.diagnostics, &report.sources, report.summary, lang, style);
            insta::with_settings!({ snapshot_path => &case, prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(format!("human_{lang}"), text);
            });
        }
    }
    assert!(corpus >= 20, "the corpus has {corpus} cases");
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
