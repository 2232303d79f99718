//! The checker on a loaded model: several plan files (split at NUL bytes) referring to each
//! other, through every rule and every report format, without panicking.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use plan::lang::Lang;
use plan::report::{github, gitlab, human, json, sarif};

fuzz_target!(|data: &[u8]| {
    let checked = plan::run::check_files(common::files(data), &common::options());
    let (d, s) = (&checked.diagnostics, &checked.plan.sources);
    let _ = json::render(d, s, checked.summary);
    let _ = human::render(d, s, checked.summary, Lang::Sv, human::Style::default());
    let _ = github::render(d, s);
    let _ = gitlab::render(d, s);
    let _ = sarif::render(d, s, Lang::En);
});
