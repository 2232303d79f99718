//! The official YAML test suite (`../shared/yaml-test-suite/`, data only): every case goes
//! through the check without a panic or a hang, and every case the suite marks as an error
//! comes back as a P001 with a line number. Valid YAML may still be refused by the format's
//! own policy (P001 for several documents or an anchor, P002 because it is no plan file).

use plan::diagnostic::Code;
use plan::load::Input;
use plan::run::{CheckOptions, check_files};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            if p.join("in.yaml").is_file() {
                out.push(p.clone());
            }
            out.extend(cases(&p));
        }
    }
    out.sort();
    out
}

#[test]
fn every_case_of_the_yaml_test_suite_is_handled() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/yaml-test-suite");
    let cases = cases(&suite);
    if cases.is_empty() {
        eprintln!("skipped: the YAML test suite is not beside the repository ({})", suite.display());
        return;
    }
    assert!(cases.len() > 300, "found only {} cases", cases.len());
    let options = CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"),
        lang: plan::lang::Lang::En,
        levels: Default::default(),
        county: Default::default(),
        status_words: Default::default(),
    };
    let mut missing_p001 = Vec::new();
    let mut errors = 0;
    for case in &cases {
        let bytes = std::fs::read(case.join("in.yaml")).expect("in.yaml");
        let started = Instant::now();
        let checked = check_files(vec![("plans/in.yaml".to_owned(), Input::Bytes(bytes))], &options);
        assert!(started.elapsed() < Duration::from_secs(2), "{} took {:?}", case.display(), started.elapsed());
        if case.join("error").is_file() {
            errors += 1;
            let p001 = checked.diagnostics.iter().find(|d| d.code == Code::P001);
            match p001 {
                Some(d) if d.span.start.line >= 1 => {}
                _ => missing_p001.push(format!(
                    "{}: {:?}",
                    case.display(),
                    checked.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
                )),
            }
        }
    }
    assert!(errors > 80, "found only {errors} error cases");
    assert!(missing_p001.is_empty(), "error cases without a P001:\n{}", missing_p001.join("\n"));
}
