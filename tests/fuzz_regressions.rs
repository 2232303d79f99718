//! Every input a fuzzer ever crashed on (`tests/fuzz/regressions/<target>/`) is replayed
//! here with the same checks as the fuzz target, so a fixed crash stays fixed. The fuzzers
//! themselves run outside CI; see tests/fuzz/README.md.

use plan::load::{Input, load_inputs};
use plan::render::{RenderError, RenderOptions, SiteFormat};
use plan::run::{CheckOptions, check_files};
use std::path::{Component, Path};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect();
    out.sort();
    out
}

/// One input is one or more plan files separated by NUL bytes, as in the fuzz targets.
fn files(data: &[u8]) -> Vec<(String, Input)> {
    data.split(|&b| b == 0)
        .take(16)
        .enumerate()
        .map(|(i, b)| (format!("plans/f{i:02}.yaml"), Input::Bytes(b.to_vec())))
        .collect()
}

fn options() -> CheckOptions {
    CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"),
        lang: plan::lang::Lang::Sv,
        levels: Default::default(),
        county: Default::default(),
        status_words: Default::default(),
    }
}

#[test]
fn load_regressions_point_inside_their_file() {
    let cases = inputs("load");
    assert!(!cases.is_empty(), "the regression folder exists and holds the fixed crashes");
    for (name, data) in cases {
        let loaded = load_inputs(vec![("plans/f.yaml".to_owned(), Input::Bytes(data))], plan::lang::Lang::En);
        let file = loaded.plan.sources.get(plan::source::FileId(0));
        for d in &loaded.diagnostics {
            assert!(d.span.start.line as usize <= file.line_count().max(1), "{name}: {d:?}");
        }
    }
}

#[test]
fn check_and_render_regressions_run_clean() {
    for (name, data) in inputs("check").into_iter().chain(inputs("render")) {
        let checked = check_files(files(&data), &options());
        let _ = plan::report::human::render(
            &checked.diagnostics,
            &checked.plan.sources,
            checked.summary,
            plan::lang::Lang::Sv,
            Default::default(),
        );
        let render = RenderOptions {
            format: SiteFormat::Html,
            lang: plan::lang::Lang::Sv,
            today: options().today,
            site: Default::default(),
            accessibility: Default::default(),
            templates_dir: None,
            last_changed: Default::default(),
            sources: Default::default(),
            history: Default::default(),
        };
        let sink = |path: &str, _: &[u8]| -> Result<(), RenderError> {
            assert!(Path::new(path).components().all(|c| matches!(c, Component::Normal(_))), "{name}: {path}");
            Ok(())
        };
        plan::render::build(&checked.plan, &render, &sink).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
