//! The report as plain text for a terminal or an e-mail: no colour and no markup, so it
//! reads the same piped into a file as on screen.

use super::words::{self, word};
use super::{ActivityLine, FollowUpReport, GoalAreaReport, IndicatorLine, Show};
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
        for n in &plan.narratives {
            let _ = writeln!(out, "\n{}:", words::analysis_heading(report, &n.activity_plan));
            for line in crate::render::markdown::plain(&n.text).lines() {
                let _ = writeln!(out, "{}", format!("  {line}").trim_end());
            }
        }
        for area in &plan.goal_areas {
            goal_area(&mut out, lang, report.year, area);
        }
        let _ = writeln!(out);
        activities(&mut out, lang, word(lang, "paused"), &plan.paused, Show::Comment);
        activities(&mut out, lang, word(lang, "cancelled"), &plan.cancelled, Show::Comment);
        activities(&mut out, lang, word(lang, "all_activities"), &plan.activities, Show::StatusAndComment);
        if !plan.indicators.is_empty() {
            let _ = writeln!(out, "\n-- {} --", word(lang, "plan_indicators"));
            for ind in &plan.indicators {
                indicator(&mut out, lang, report.year, ind);
            }
        }
    }
    if report.plans.iter().any(|p| !p.comments.is_empty()) {
        let _ = writeln!(out, "\n== {} ==", word(lang, "appendix"));
        for plan in report.plans.iter().filter(|p| !p.comments.is_empty()) {
            let _ = writeln!(out, "\n-- {} ({}) --", plan.name, plan.id);
            for a in &plan.comments {
                let _ = writeln!(out, "  {}  {}", a.id, a.title);
                for c in &a.comments {
                    let _ = writeln!(out, "    {}", words::comment(lang, c));
                }
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

fn activities(out: &mut String, lang: Lang, heading: &str, lines: &[ActivityLine], show: Show) {
    if lines.is_empty() {
        let _ = writeln!(out, "{heading}: {}", word(lang, "none"));
        return;
    }
    let _ = writeln!(out, "{heading}:");
    for l in lines {
        let mut about = vec![l.owner.clone().unwrap_or_else(|| "–".to_owned())];
        if show.due()
            && let Some(due) = l.due
        {
            about.push(format!("{} {due}", word(lang, "due").to_lowercase()));
        }
        if show.status() {
            about.push(l.bucket.name(lang).to_owned());
        }
        let _ = writeln!(out, "  {}  {}  ({})", l.id, l.title, about.join("; "));
        if show.comment()
            && let Some(c) = &l.comment
        {
            let _ = writeln!(out, "      {}: {}", word(lang, "latest_comment").to_lowercase(), words::comment(lang, c));
        }
    }
}

fn goal_area(out: &mut String, lang: Lang, year: i32, area: &GoalAreaReport) {
    let _ = writeln!(out, "\n-- {} --", words::goal_area_heading(lang, area));
    let _ = writeln!(out, "{}: {}", word(lang, "by_status"), counts(lang, &area.counts));
    activities(out, lang, word(lang, "finished"), &area.finished, Show::Nothing);
    activities(out, lang, word(lang, "overdue"), &area.overdue, Show::DueStatusAndComment);
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
    // The latest value there is, when the report year has none yet.
    let shown = ind.value_year.filter(|_| ind.value.is_some()).unwrap_or(year);
    let latest = if shown == year { String::new() } else { format!(" ({})", word(lang, "latest_value")) };
    let prev = shown - 1;
    let _ = writeln!(
        out,
        "    {prev}: {}  {shown}: {}{latest}{source}",
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
