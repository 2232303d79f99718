//! The report as one standalone HTML file that prints cleanly to PDF: the site's stylesheet
//! inlined, plus a print stylesheet (A4 pages, no navigation, table rows kept whole, links
//! printed as plain text).
//!
//! The page comes from the tera template `report.html`, embedded like the site's templates
//! and overridable the same way, by a `report.html` in the repository's `templates/`
//! folder. The template gets the report as plain, already formatted strings
//! (documented in `docs/report.md`), so an override never has to format a number.

use super::words::{self, word};
use super::{ActivityLine, Counts, FollowUpReport, GoalAreaReport, IndicatorLine};
use crate::config::Colors;
use crate::lang::Lang;
use crate::render::templates::{Engine, context as template_context};
use crate::render::{RenderError, SiteFormat};
use serde_json::{Value, json};
use std::path::Path;

/// Renders the report as HTML with the templates (defaults, or the user's `templates_dir`).
pub fn render(report: &FollowUpReport, templates_dir: Option<&Path>, colors: &Colors) -> Result<String, RenderError> {
    let lang = report.lang;
    let engine = Engine::new(SiteFormat::Html, templates_dir, lang)?;
    engine.watched(|| {
        let css = engine.render("style.css", &template_context(&json!({ "colors": colors }))?)?;
        engine.render("report.html", &template_context(&context(report, &css))?)
    })
}

/// The template's context: `lang`, `words`, `css`, `report`.
pub fn context(report: &FollowUpReport, css: &str) -> Value {
    let lang = report.lang;
    let plans: Vec<Value> = report
        .plans
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "anchor": crate::render::context::anchor(&p.id),
                "name": p.name,
                "activity_plans": p.activity_plans,
                "narratives": p.narratives.iter().map(|n| json!({
                    "heading": words::analysis_heading(report, &n.activity_plan),
                    // The analyst's own Markdown, sanitised as the site's descriptions are.
                    // Under the analysis' h3: its own headings start at h4.
                    "html": crate::render::markdown::render_below(&n.text, true, 3),
                })).collect::<Vec<_>>(),
                "counts": counts(lang, &p.counts),
                "goal_areas": p.goal_areas.iter().map(|g| goal_area(lang, report.year, g)).collect::<Vec<_>>(),
                "lists": lists(lang, p),
                "activities": p.activities.iter().map(|a| activity(lang, a)).collect::<Vec<_>>(),
                "comments": p.comments.iter().map(|a| json!({
                    "id": a.id,
                    "title": a.title,
                    "comments": a.comments.iter().map(|c| words::comment(lang, c)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "indicators": indicators(lang, report.year, &p.indicators),
            })
        })
        .collect();
    json!({
        "lang": lang.to_string(),
        "words": words::all(lang),
        // A style sheet cannot end the `<style>` element it is put in.
        "css": css.replace("</", "<\\/"),
        "report": {
            "title": words::title(report),
            "strategy": report.strategy,
            "year": report.year,
            "previous_year": report.year - 1,
            "period": report.tertial.name(lang),
            "cut": report.cut.to_string(),
            "today": report.today.to_string(),
            "cut_line": words::cut_line(report),
            "running": report.running,
            // The plans with follow-up comments, for the appendix.
            "appendix": report.plans.iter().zip(&plans).filter(|(p, _)| !p.comments.is_empty()).map(|(_, v)| v).collect::<Vec<_>>(),
            "plans": plans,
        },
    })
}

/// The plan-wide lists of activities: paused, then cancelled.
fn lists(lang: Lang, p: &super::PlanReport) -> Vec<Value> {
    [("paused", &p.paused), ("cancelled", &p.cancelled)]
        .map(|(key, rows)| {
            json!({
                "key": key,
                "heading": word(lang, key),
                "rows": rows.iter().map(|a| activity(lang, a)).collect::<Vec<_>>(),
            })
        })
        .into()
}

fn counts(lang: Lang, c: &Counts) -> Value {
    let rows: Vec<Value> =
        c.by_bucket.iter().map(|(b, n)| json!({ "name": words::bucket_title(lang, *b), "count": n })).collect();
    json!({ "rows": rows, "total": c.total })
}

fn activity(lang: Lang, a: &ActivityLine) -> Value {
    json!({
        "id": a.id,
        "title": a.title,
        "owner": a.owner,
        "due": a.due.map(|d| d.to_string()),
        "status": a.bucket.name(lang),
        "comment": a.comment.as_ref().map(|c| words::comment(lang, c)),
    })
}

/// A table of indicators: its two value columns' headers and its rows.
fn indicators(lang: Lang, year: i32, lines: &[IndicatorLine]) -> Value {
    let labelled = words::shows_earlier(lines, year);
    let (previous, latest) = words::value_headers(lang, labelled, year);
    json!({
        "previous_header": previous,
        "value_header": latest,
        "rows": lines.iter().map(|i| indicator(lang, labelled, i)).collect::<Vec<_>>(),
    })
}

fn indicator(lang: Lang, labelled: bool, ind: &IndicatorLine) -> Value {
    let mut about: Vec<String> = Vec::new();
    if let Some(u) = &ind.unit {
        about.push(u.clone());
    }
    if let Some(t) = ind.trend {
        about.push(words::trend(lang, t).to_owned());
    }
    // Kolada's terms: its raw values carry "Källa: Kolada"; nothing computed from them does.
    let credit = ind.kolada.then(|| word(lang, "kolada_credit"));
    json!({
        "id": ind.id,
        "name": ind.name,
        "focus_area": ind.focus_area,
        "about": about.join(", "),
        "kolada": ind.kolada,
        "credit": credit,
        "source": ind.source,
        "previous": words::previous_text(lang, ind, labelled),
        "value": words::value_text(lang, ind, labelled),
        "target": words::number(lang, ind.target),
        "change": words::signed(lang, ind.change),
        "verdict": ind.verdict.map(|v| words::verdict(lang, v)),
        "to_target": words::to_target(lang, ind),
    })
}

fn goal_area(lang: Lang, year: i32, g: &GoalAreaReport) -> Value {
    json!({
        "id": g.id,
        "heading": words::goal_area_heading(lang, g),
        "label": match g.number {
            Some(n) => format!("{} {n}.", word(lang, "goal_area")),
            None => word(lang, "goal_area").to_owned(),
        },
        "name": g.name,
        "counts": counts(lang, &g.counts),
        "finished": g.finished.iter().map(|a| activity(lang, a)).collect::<Vec<_>>(),
        "overdue": g.overdue.iter().map(|a| activity(lang, a)).collect::<Vec<_>>(),
        "uncovered": g.uncovered.iter().map(|d| json!({ "id": d.id, "text": d.text })).collect::<Vec<_>>(),
        "uncovered_heading": words::uncovered_heading(lang, year),
        "indicators": indicators(lang, year, &g.indicators),
    })
}
