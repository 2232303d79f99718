//! The report as plain text for a terminal or an e-mail: no colour and no markup, so it
//! reads the same piped into a file as on screen.

use super::words::{self, word};
use super::{ActivityLine, FollowUpReport, GoalAreaReport, IndicatorLine};
use crate::lang::Lang;
use std::fmt::Write;

/// Renders the report as text, with control characters made visible
/// ([`crate::escape::terminal`]).
pub fn render(report: &FollowUpReport) -> String {
    crate::escape::terminal(&text(report)).into_owned()
}

fn text(report: &FollowUpReport) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let title = words::title(report);
    let _ = writeln!(out, "{title}");
    if let Some(s) = &report.strategy {
        let _ = writeln!(out, "{s}");
    }
    let _ = writeln!(out, "{}", words::cut_line(report));
    if report.plans.is_empty() {
        let _ = writeln!(out, "\n{}", word(lang, "no_plans"));
    }
    for plan in &report.plans {
        let _ = writeln!(out, "\n== {} ({}) ==", plan.name, plan.id);
        let aps =
            if plan.activity_plans.is_empty() { word(lang, "none").to_owned() } else { plan.activity_plans.join(", ") };
        let _ = writeln!(out, "{}: {aps}", word(lang, "activity_plans"));
        let _ = writeln!(out, "{}: {}", word(lang, "by_status"), counts(lang, &plan.counts));
        for area in &plan.goal_areas {
            goal_area(&mut out, lang, report.year, area);
        }
        if !plan.indicators.is_empty() {
            let _ = writeln!(out, "\n-- {} --", word(lang, "plan_indicators"));
            for ind in &plan.indicators {
                indicator(&mut out, lang, report.year, ind);
            }
        }
    }
    let _ = writeln!(out, "\n{}: {}", word(lang, "footnote"), word(lang, "footnote_text"));
    out
}

fn counts(lang: Lang, c: &super::Counts) -> String {
    let parts: Vec<String> = c.by_bucket.iter().map(|(b, n)| format!("{} {n}", b.name(lang))).collect();
    format!("{} ({} {})", parts.join(", "), word(lang, "total"), c.total)
}

fn activities(out: &mut String, lang: Lang, heading: &str, lines: &[ActivityLine], with_due: bool) {
    if lines.is_empty() {
        let _ = writeln!(out, "{heading}: {}", word(lang, "none"));
        return;
    }
    let _ = writeln!(out, "{heading}:");
    for l in lines {
        let owner = l.owner.as_deref().unwrap_or("–");
        match (with_due, l.due) {
            (true, Some(due)) => {
                let _ = writeln!(out, "  {}  {}  ({owner}; {} {due})", l.id, l.title, word(lang, "due").to_lowercase());
            }
            _ => {
                let _ = writeln!(out, "  {}  {}  ({owner})", l.id, l.title);
            }
        }
    }
}

fn goal_area(out: &mut String, lang: Lang, year: i32, area: &GoalAreaReport) {
    let _ = writeln!(out, "\n-- {} --", words::goal_area_heading(lang, area));
    let _ = writeln!(out, "{}: {}", word(lang, "by_status"), counts(lang, &area.counts));
    activities(out, lang, word(lang, "finished"), &area.finished, false);
    activities(out, lang, word(lang, "overdue"), &area.overdue, true);
    let heading = words::uncovered_heading(lang, year);
    if area.uncovered.is_empty() {
        let _ = writeln!(out, "{heading}: {}", word(lang, "none"));
    } else {
        let _ = writeln!(out, "{heading}:");
        for d in &area.uncovered {
            let _ = writeln!(out, "  {}  {}", d.id, d.text);
        }
    }
    if area.indicators.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}:", word(lang, "indicators"));
    for ind in &area.indicators {
        indicator(out, lang, year, ind);
    }
}

fn indicator(out: &mut String, lang: Lang, year: i32, ind: &IndicatorLine) {
    let mut about: Vec<String> = Vec::new();
    if let Some(u) = &ind.unit {
        about.push(u.clone());
    }
    if let Some(t) = ind.trend {
        about.push(words::trend(lang, t).to_owned());
    }
    let about = if about.is_empty() { String::new() } else { format!(" ({})", about.join(", ")) };
    let of = ind.focus_area.as_ref().map(|f| format!(" – {f}")).unwrap_or_default();
    let _ = writeln!(out, "  {}{about}{of}", ind.name);
    // The raw values, with their source beside them: Kolada's terms ask for the credit here.
    let source = match (&ind.source, ind.kolada) {
        (Some(kpi), true) => format!("  {} ({kpi})", word(lang, "kolada_credit")),
        (Some(text), false) => format!("  {}: {text}", word(lang, "source")),
        (None, _) => String::new(),
    };
    let prev = year - 1;
    let _ = writeln!(
        out,
        "    {prev}: {}  {year}: {}{source}",
        words::number(lang, ind.previous),
        words::number(lang, ind.value)
    );
    // Figures computed from them: the plan's own calculation, never credited to the source.
    let verdict = ind.verdict.map(|v| format!(", {}", words::verdict(lang, v))).unwrap_or_default();
    let _ = writeln!(
        out,
        "    {}: {}{verdict}; {}: {}; {}: {}  ({})",
        word(lang, "change"),
        words::signed(lang, ind.change),
        word(lang, "target"),
        words::number(lang, ind.target),
        word(lang, "to_target"),
        words::to_target(lang, ind),
        word(lang, "own_calculation")
    );
}
