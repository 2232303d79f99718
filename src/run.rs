//! The `check` pipeline as one call: load, run the rules, apply severities, sort.
//!
//! The binary and the tests both go through [`check`], so what the tests see is exactly
//! what users get.

use crate::check::{Context, Levels, apply_severities, run_rules};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Lang;
use crate::load::{self, Input, LoadError};
use crate::model::Plan;
use crate::report::Summary;
use chrono::NaiveDate;
use std::path::Path;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The check date.
    pub today: NaiveDate,
    /// Language of messages.
    pub lang: Lang,
    /// Per-rule levels (from `plan.toml`).
    pub levels: Levels,
}

/// The result of a check.
#[derive(Debug)]
pub struct Checked {
    /// The loaded plan (its sources are needed to show the findings).
    pub plan: Plan,
    /// Every finding, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub summary: Summary,
}

impl Checked {
    /// Whether the check fails: errors, or warnings when they are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error || deny_warnings)
    }
}

/// Loads the repository at `root` with `config` and checks it.
pub fn check(root: &Path, config: &Config, options: &CheckOptions) -> Result<Checked, LoadError> {
    let files = load::find_files(root, config, options.lang)?;
    Ok(check_files(files.into_iter().map(|(name, path)| (name, Input::Disk(path))).collect(), options))
}

/// Checks a set of plan files from anywhere (the working tree, or a git revision).
pub fn check_files(files: Vec<(String, Input)>, options: &CheckOptions) -> Checked {
    let loaded = load::load_inputs(files, options.lang);
    let mut diagnostics = loaded.diagnostics;
    let plan = loaded.plan;
    diagnostics.extend(run_rules(&Context { plan: &plan, today: options.today, lang: options.lang }));
    apply_severities(&mut diagnostics, &options.levels);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    let summary = Summary::new(&plan, &diagnostics);
    Checked { plan, diagnostics, summary }
}

/// What `plan render` did.
#[derive(Debug)]
pub enum Rendered {
    /// The site was written: the check result (warnings only) and the number of files.
    Written {
        /// The check that preceded the render.
        checked: Checked,
        /// Files written.
        files: usize,
    },
    /// The plan has errors; nothing was written.
    Refused(Checked),
}

/// Checks the repository and, when it has no errors, renders it into `out`.
pub fn render(
    root: &Path,
    config: &Config,
    options: &CheckOptions,
    render: &crate::render::RenderOptions,
    out: &Path,
    force: bool,
) -> Result<Rendered, String> {
    let target = crate::render::write::Target { out, root, plan_dirs: &config.plan_dirs, force };
    target.check(options.lang)?;
    let checked = check(root, config, options).map_err(|e| e.to_string())?;
    if checked.summary.files == 0 {
        let dirs = config.plan_dirs_shown();
        return Err(crate::lang::ui::no_plan_files(options.lang, &dirs));
    }
    if checked.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Ok(Rendered::Refused(checked));
    }
    let files =
        crate::render::write::write_site(out, options.lang, |sink| crate::render::build(&checked.plan, render, sink))?;
    Ok(Rendered::Written { checked, files })
}
