//! The report as Markdown, for a wiki, an issue or a document converter: headings in order
//! (`#` for the report, `##` per plan, `###` per målområde) and tables with header rows.
//! Every quoted value is [`markdown_inline`]: literal text that cannot break a table or
//! post a link, an image or a mention.

use super::words::{self, word};
use super::{ActivityLine, FollowUpReport, GoalAreaReport, Show};
use crate::escape::markdown_inline;
use crate::lang::Lang;
use std::fmt::Write;

/// Renders the report as Markdown.
pub fn render(report: &FollowUpReport) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", markdown_inline(&words::title(report)));
    if let Some(s) = &report.strategy {
        let _ = writeln!(out, "{}\n", markdown_inline(s));
    }
    let _ = writeln!(out, "{}\n", words::cut_line(report));
    if report.plans.is_empty() {
        let _ = writeln!(out, "{}\n", word(lang, "no_plans"));
    }
    for plan in &report.plans {
        let _ = writeln!(out, "## {} ({})\n", markdown_inline(&plan.name), markdown_inline(&plan.id));
        let aps = if plan.activity_plans.is_empty() {
            word(lang, "none").to_owned()
        } else {
            plan.activity_plans.iter().map(|a| markdown_inline(a)).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(out, "{}: {aps}\n", word(lang, "activity_plans"));
        counts(&mut out, lang, &plan.counts);
        for n in &plan.narratives {
            let heading = markdown_inline(&words::analysis_heading(report, &n.activity_plan));
            // The analyst's own Markdown, sanitised as the site's descriptions are.
            // Under the analysis' `###`: its own headings start at `####`.
            let text = crate::render::markdown::render_below(&n.text, false, 3);
            let _ = writeln!(out, "### {heading}\n\n{}\n", text.trim_end());
        }
        for area in &plan.goal_areas {
            goal_area(&mut out, lang, report.year, area);
        }
        let lists = [("paused", &plan.paused, Show::Comment), ("cancelled", &plan.cancelled, Show::Comment)];
        for (key, lines, show) in lists {
            let _ = writeln!(out, "### {}\n", word(lang, key));
            activities(&mut out, lang, lines, show);
        }
        let _ = writeln!(out, "### {}\n", word(lang, "all_activities"));
        activities(&mut out, lang, &plan.activities, Show::StatusAndComment);
        if !plan.indicators.is_empty() {
            let _ = writeln!(out, "### {}\n", word(lang, "plan_indicators"));
            indicators(&mut out, lang, report.year, &plan.indicators);
        }
    }
    if report.plans.iter().any(|p| !p.comments.is_empty()) {
        let _ = writeln!(out, "## {}\n", word(lang, "appendix"));
        for plan in report.plans.iter().filter(|p| !p.comments.is_empty()) {
            let _ = writeln!(out, "### {} ({})\n", markdown_inline(&plan.name), markdown_inline(&plan.id));
            for a in &plan.comments {
                let _ = writeln!(out, "- **{}** {}", markdown_inline(&a.id), markdown_inline(&a.title));
                for c in &a.comments {
                    let _ = writeln!(out, "  - {}", markdown_inline(&words::comment(lang, c)));
                }
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "---\n\n*{}: {}*", word(lang, "footnote"), word(lang, "footnote_text"));
    out
}

fn counts(out: &mut String, lang: Lang, c: &super::Counts) {
    let _ = writeln!(out, "| {} | {} |\n|---|---:|", word(lang, "status"), word(lang, "count"));
    for (b, n) in &c.by_bucket {
        let _ = writeln!(out, "| {} | {n} |", words::bucket_title(lang, *b));
    }
    let _ = writeln!(out, "| **{}** | **{}** |\n", word(lang, "total_title"), c.total);
}

fn activities(out: &mut String, lang: Lang, lines: &[ActivityLine], show: Show) {
    if lines.is_empty() {
        let _ = writeln!(out, "*{}*\n", word(lang, "none"));
        return;
    }
    let due = show.due();
    let status = show.status();
    let comment = show.comment();
    let mut head = format!("| {} | {} | {} |", word(lang, "id"), word(lang, "title_col"), word(lang, "owner"));
    let mut rule = String::from("|---|---|---|");
    for (on, key) in [(due, "due"), (status, "status"), (comment, "latest_comment")] {
        if on {
            head.push_str(&format!(" {} |", word(lang, key)));
            rule.push_str("---|");
        }
    }
    let _ = writeln!(out, "{head}\n{rule}");
    for l in lines {
        let owner = l.owner.as_deref().map_or_else(|| "–".to_owned(), markdown_inline);
        let mut row = format!("| {} | {} | {owner} |", markdown_inline(&l.id), markdown_inline(&l.title));
        if due {
            row.push_str(&format!(" {} |", l.due.map_or_else(|| "–".to_owned(), |d| d.to_string())));
        }
        if status {
            row.push_str(&format!(" {} |", l.bucket.name(lang)));
        }
        if comment {
            let c = l.comment.as_ref().map_or_else(|| "–".to_owned(), |c| markdown_inline(&words::comment(lang, c)));
            row.push_str(&format!(" {c} |"));
        }
        let _ = writeln!(out, "{row}");
    }
    out.push('\n');
}

fn goal_area(out: &mut String, lang: Lang, year: i32, area: &GoalAreaReport) {
    let _ = writeln!(out, "### {}\n", markdown_inline(&words::goal_area_heading(lang, area)));
    counts(out, lang, &area.counts);
    let _ = writeln!(out, "#### {}\n", word(lang, "finished"));
    activities(out, lang, &area.finished, Show::Nothing);
    let _ = writeln!(out, "#### {}\n", word(lang, "overdue"));
    activities(out, lang, &area.overdue, Show::DueStatusAndComment);
    let _ = writeln!(out, "#### {}\n", words::uncovered_heading(lang, year));
    if area.uncovered.is_empty() {
        let _ = writeln!(out, "*{}*\n", word(lang, "none"));
    } else {
        for d in &area.uncovered {
            let _ = writeln!(out, "- {}: {}", markdown_inline(&d.id), markdown_inline(&d.text));
        }
        out.push('\n');
    }
    if area.indicators.is_empty() {
        return;
    }
    let _ = writeln!(out, "#### {}\n", word(lang, "indicators"));
    indicators(out, lang, year, &area.indicators);
}

/// A table of indicators with the previous year, the year and the plan's own calculations.
fn indicators(out: &mut String, lang: Lang, year: i32, lines: &[super::IndicatorLine]) {
    let labelled = words::shows_earlier(lines, year);
    let (prev, year_header) = words::value_headers(lang, labelled, year);
    let _ = writeln!(
        out,
        "| {} | {prev} | {year_header} | {} | {} | {} | {} | {} |\n|---|---:|---:|---|---:|---:|---|---:|",
        word(lang, "indicator"),
        word(lang, "source"),
        word(lang, "target"),
        word(lang, "change"),
        word(lang, "verdict"),
        word(lang, "to_target"),
    );
    for ind in lines {
        let mut name = markdown_inline(&ind.name);
        if let Some(u) = &ind.unit {
            name.push_str(&format!(" ({})", markdown_inline(u)));
        }
        if let Some(t) = ind.trend {
            name.push_str(&format!(", {}", words::trend(lang, t)));
        }
        if let Some(f) = &ind.focus_area {
            name.push_str(&format!(" – {}", markdown_inline(f)));
        }
        let source = match (&ind.source, ind.kolada) {
            (Some(kpi), true) => format!("{} ({})", word(lang, "kolada_credit"), markdown_inline(kpi)),
            (Some(text), false) => markdown_inline(text),
            (None, _) => "–".to_owned(),
        };
        let verdict = ind.verdict.map_or("–", |v| words::verdict(lang, v));
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {source} | {} | {} | {verdict} | {} |",
            words::previous_text(lang, ind, labelled),
            words::value_text(lang, ind, labelled),
            words::number(lang, ind.target),
            words::signed(lang, ind.change),
            words::to_target(lang, ind),
        );
    }
    let _ = writeln!(out, "\n*{}: {}*\n", word(lang, "own_calculation"), word(lang, "own_calculation_note"));
}
