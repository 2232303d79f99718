//! The rules of `plan check`.
//!
//! Each rule is one file in [`rules`] with its code, name, default severity, documentation
//! in both languages, and messages; [`rules::RULES`] lists them in code order. Rules read
//! the [`Plan`] and return [`Diagnostic`]s; they never print. P001 and P002 are found while
//! loading, so their `check` does nothing. Severities from `plan.toml` are applied in one
//! place, [`apply_severities`], after every rule has run; then [`cascade::fold`] leaves out
//! the findings that only follow from another, so that one mistake gives one finding.

pub mod cascade;
pub mod rules;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lang::Lang;
use crate::model::Plan;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// The result of a check: the plan, every finding, and the counts.
#[derive(Debug, Default)]
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

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Counts shown after the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    /// Findings with severity error.
    pub errors: usize,
    /// Findings with severity warning.
    pub warnings: usize,
    /// Plan files read.
    pub files: usize,
    /// Handlingsplaner and aktivitetsplaner.
    pub plans: usize,
    /// Activities.
    pub activities: usize,
}

impl Summary {
    /// Counts the findings and the plan.
    pub fn new(plan: &Plan, diagnostics: &[Diagnostic]) -> Summary {
        let mut summary = Summary {
            errors: 0,
            warnings: 0,
            files: plan.sources.len(),
            plans: plan.plan_count(),
            activities: plan.activity_count(),
        };
        summary.count_findings(diagnostics);
        summary
    }

    /// Counts the findings again, after some were added or left out.
    pub fn count_findings(&mut self, diagnostics: &[Diagnostic]) {
        self.errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        self.warnings = diagnostics.len() - self.errors;
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// Swedish.
    pub sv: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.sv, self.en)
    }
}

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, `P004`.
    pub code: Code,
    /// Stable name, `okänd-referens`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One sentence: what it finds.
    pub summary: Text,
    /// Markdown documentation, printed by `plan explain`.
    pub description: Text,
}

/// What a rule gets to look at.
pub struct Context<'p> {
    /// The loaded plan.
    pub plan: &'p Plan,
    /// The check date.
    pub today: NaiveDate,
    /// The language of messages.
    pub lang: Lang,
    /// Which plan is the county plan's copy, and which decided version it follows.
    pub county: &'p crate::county::CountySettings,
}

/// A rule of `plan check`.
pub trait Rule: Sync {
    /// Code, name, severity and documentation.
    fn meta(&self) -> &'static RuleMeta;

    /// Adds this rule's findings to `out`. Rules whose findings are made while loading
    /// (P001, P002) keep the default, which finds nothing.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let _ = (cx, out);
    }
}

/// The metadata of the rule with this code; every code has a rule (a test checks it).
pub fn meta(code: Code) -> &'static RuleMeta {
    rules::RULES.iter().map(|r| r.meta()).find(|m| m.code == code).unwrap_or(&rules::yaml::META)
}

/// The rule with a given code or name (`P004`, `p004`, `okänd-referens`, `okand-referens`).
pub fn find_rule(key: &str) -> Option<&'static dyn Rule> {
    let key = key.trim();
    let folded = fold_name(key);
    rules::RULES
        .iter()
        .copied()
        .find(|r| r.meta().code.as_str().eq_ignore_ascii_case(key) || fold_name(r.meta().name) == folded)
}

/// Lowercases and folds å/ä/ö, so `okand-referens` names `okänd-referens`.
fn fold_name(s: &str) -> String {
    s.to_lowercase().replace(['å', 'ä'], "a").replace('ö', "o").replace('_', "-")
}

/// A configured level for a rule: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Do not report.
    Off,
}

/// Per-rule levels, keyed by code.
pub type Levels = HashMap<Code, Level>;

/// Runs every rule over the plan, in parallel, and returns their findings unsorted.
pub fn run_rules(cx: &Context<'_>) -> Vec<Diagnostic> {
    rules::RULES
        .par_iter()
        .map(|rule| {
            let mut out = Vec::new();
            rule.check(cx, &mut out);
            out
        })
        .flatten()
        .collect()
}

/// Sets each finding's severity from the rule's default and the configured levels, and
/// drops findings of rules that are off. This is the only place severities are decided.
pub fn apply_severities(diagnostics: &mut Vec<Diagnostic>, levels: &Levels) {
    diagnostics.retain_mut(|d| {
        let default = match meta(d.code).default_severity {
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        };
        match levels.get(&d.code).copied().unwrap_or(default) {
            Level::Error => d.severity = Severity::Error,
            Level::Warning => d.severity = Severity::Warning,
            Level::Off => return false,
        }
        true
    });
}

/// What `plan explain` prints: one rule's documentation, or a line for every rule; `None`
/// when `rule` names no rule.
pub fn explain(rule: Option<&str>, lang: Lang) -> Option<String> {
    let level = |m: &RuleMeta| crate::lang::ui::severity(lang, m.default_severity == Severity::Error);
    let Some(key) = rule else {
        let mut s = String::new();
        for r in rules::RULES {
            let m = r.meta();
            s.push_str(&format!("{}  {:<18} {:<8} {}\n", m.code, m.name, level(m), m.summary.get(lang)));
        }
        return Some(s);
    };
    let m = find_rule(key)?.meta();
    let default = lang.pick("standardnivå", "default level");
    Some(format!(
        "{} {} ({default}: {})\n\n{}\n\n{}\n",
        m.code,
        m.name,
        level(m),
        m.summary.get(lang),
        m.description.get(lang)
    ))
}

/// The rule table for the README: code, name, default level and what the rule finds.
pub fn markdown_table(lang: Lang) -> String {
    let (head, rule) = match lang {
        Lang::Sv => ("| kod | namn | standardnivå | hittar |\n", "|---|---|---|---|\n"),
        Lang::En => ("| code | name | default | finding |\n", "|---|---|---|---|\n"),
    };
    let mut out = format!("{head}{rule}");
    for r in rules::RULES {
        let m = r.meta();
        let level = crate::lang::ui::severity(lang, m.default_severity == Severity::Error);
        out.push_str(&format!(
            "| {} | `{}` | {level} | {} |\n",
            m.code,
            m.name,
            m.summary.get(lang).replace('|', "\\|")
        ));
    }
    out
}

/// The full rule reference (`docs/rules.md`), in both languages, as `plan explain` shows it.
pub fn markdown_reference() -> String {
    let mut out = String::from(
        "# Regler / Rules\n\n\
         <!-- Generated from src/check/rules/*.rs by `UPDATE_DOCS=1 cargo test --test docs`; do not edit by hand. -->\n\n\
         `plan explain <kod|namn>` visar samma text i terminalen. / `plan explain <code|name>` shows the same text in the terminal.\n",
    );
    for r in rules::RULES {
        let m = r.meta();
        let sv = crate::lang::ui::severity(Lang::Sv, m.default_severity == Severity::Error);
        let en = crate::lang::ui::severity(Lang::En, m.default_severity == Severity::Error);
        out.push_str(&format!(
            "\n## {} `{}`\n\nStandardnivå: {sv}. Default level: {en}.\n\n### Svenska\n\n{}\n\n{}\n\n### English\n\n{}\n\n{}\n",
            m.code,
            m.name,
            m.summary.sv,
            m.description.sv,
            m.summary.en,
            m.description.en
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_complete() {
        let codes: Vec<&str> = rules::RULES.iter().map(|r| r.meta().code.as_str()).collect();
        let expected: Vec<String> = (1..=rules::RULES.len()).map(|n| format!("P{n:03}")).collect();
        assert_eq!(codes, expected);
        let mut names: Vec<&str> = rules::RULES.iter().map(|r| r.meta().name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), rules::RULES.len());
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(find_rule("P004").map(|r| r.meta().name), Some("okänd-referens"));
        assert_eq!(find_rule("p004").map(|r| r.meta().name), Some("okänd-referens"));
        assert_eq!(find_rule("okand-referens").map(|r| r.meta().code), Some(Code::new("P004")));
        assert!(find_rule("P999").is_none());
    }

    #[test]
    fn every_rule_is_documented_in_both_languages() {
        for rule in rules::RULES {
            let m = rule.meta();
            for text in [m.summary, m.description] {
                assert!(!text.sv.is_empty() && !text.en.is_empty(), "{}", m.code);
                assert_ne!(text.sv, text.en, "{}", m.code);
            }
        }
    }
}
