//! A county's pages about its sources, the municipalities' repositories under `[[sources]]`:
//! the list of them (`kommuner.html`), a page each (`kommuner/<folder>.html`) with its plan,
//! its years, its activities by status, the county inriktningar it covers, when it last
//! followed up and whether it checks clean, and the county-wide coverage matrix
//! (`tackning-kommuner.html`): municipality × strategisk inriktning.
//!
//! A source's activities have no page on the county's site (their ids are the source's
//! own); a row links to the source's own published site when `url` is given for it.

use super::{Job, Page, SiteCx, home};
use crate::model::{Entity, Plan};
use crate::render::context::{Link, SourceFacts, StatusView, anchor, relative, text};
use crate::render::paths::{self, PageKind, Stems};
use crate::sources::Source;
use serde::Serialize;
use serde_json::json;

/// The list page, one page per source, and the county-wide coverage; nothing without sources.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    if cx.options.sources.is_empty() {
        return Vec::new();
    }
    let mut jobs: Vec<Job<'c>> = vec![Box::new(move || index(cx)), Box::new(move || coverage(cx))];
    jobs.extend((0..cx.options.sources.len()).map(|s| Box::new(move || page(cx, s)) as Job<'c>));
    jobs
}

/// Path of the list of sources.
pub fn index_path(cx: &SiteCx<'_>) -> String {
    paths::special("kommuner", cx.format())
}

/// Path of a source's page.
pub fn source_path(cx: &SiteCx<'_>, s: usize) -> String {
    format!("kommuner/{}.{}", cx.sources[s].slug, cx.format().extension())
}

/// A source's activity as a table row on the county's site.
#[derive(Debug, Clone, Serialize)]
pub struct SourceActivity {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page on the source's own site, when that is known.
    pub href: Option<String>,
    /// The responsible organisation's name.
    pub owner: String,
    /// Current status.
    pub status: Option<StatusView>,
    /// End date (explicit or the end of the plan year).
    pub end: String,
    /// Whether it is overdue against the check date.
    pub overdue: bool,
    /// The year of its aktivitetsplan.
    pub year: Option<i32>,
}

/// A source's activity `(aktivitetsplan, activity)` as a row; `stems` are the file names of
/// the source's own site.
pub fn activity_row(
    cx: &SiteCx<'_>,
    source: &Source,
    plan: &Plan,
    stems: &Stems,
    (p, a): (usize, usize),
) -> SourceActivity {
    let ap = &plan.activity_plans[p];
    let act = &ap.activities[a];
    let id = act.id.value.as_str();
    let year = ap.year.map(|y| y.value);
    let owner = act.owner.as_ref().map_or_else(String::new, |o| plan.organisation_name_or_id(&o.value.0).to_owned());
    let href = source.spec.url.as_ref().map(|url| {
        let base = if url.ends_with('/') { url.clone() } else { format!("{url}/") };
        format!("{base}{}", stems.page(PageKind::Activity, id, cx.format()))
    });
    SourceActivity {
        id: id.to_owned(),
        title: text(act.title.as_ref(), id),
        href,
        owner,
        status: act.status.as_ref().map(|s| cx.status(s.value)),
        end: act.due_date(year).map(|d| d.to_string()).unwrap_or_default(),
        overdue: act.is_overdue(year, cx.options.today),
        year,
    }
}

/// The county's strategiska inriktningar, in order: `(plan, goal area, direction)`.
fn county_directions(cx: &SiteCx<'_>) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for p in cx.root_plans() {
        for (g, area) in cx.plan.action_plans[p].goal_areas.iter().enumerate() {
            out.extend((0..area.directions.len()).map(|d| (p, g, d)));
        }
    }
    out
}

/// How a source stands: a key for the CSS class and the words for it.
fn standing(cx: &SiteCx<'_>, source: &Source) -> serde_json::Value {
    let (key, label) = match source.checked() {
        None => ("unreadable", "source_unreadable"),
        Some(c) if c.summary.errors > 0 => ("errors", "source_errors"),
        Some(c) if c.summary.warnings > 0 => ("warnings", "source_warnings"),
        Some(_) => ("clean", "source_clean"),
    };
    let (errors, warnings) = source.checked().map_or((0, 0), |c| (c.summary.errors, c.summary.warnings));
    json!({ "key": key, "text": cx.label(label), "errors": errors, "warnings": warnings, "failing": source.failing() })
}

/// One source as a row of the list: name, standing, plan, years, activities, coverage.
fn summary(cx: &SiteCx<'_>, from: &str, s: usize) -> serde_json::Value {
    let source = &cx.options.sources[s];
    let facts: &SourceFacts = &cx.sources[s];
    let directions = county_directions(cx);
    let covered = directions
        .iter()
        .filter(|&&(p, g, d)| {
            let id = cx.plan.action_plans[p].goal_areas[g].directions[d].id.value.as_str();
            facts.by_direction.get(id).is_some_and(|v| !v.is_empty())
        })
        .count();
    let plan = source.checked().map(|c| &c.plan);
    let own = plan.and_then(|plan| Some((plan, *plan.own_plans().first()?)));
    json!({
        "name": source.name,
        "link": cx.link_path(from, &source_path(cx, s), source.name.clone()),
        "standing": standing(cx, source),
        "plan": own.map(|(plan, p)| text(plan.action_plans[p].name.as_ref(), plan.action_plans[p].id.value.as_str())),
        "years": facts.years,
        "activities": plan.map_or(0, Plan::activity_count),
        "covered": covered,
        "directions": directions.len(),
        "last_follow_up": facts.last_follow_up.map(|d| d.to_string()),
        "url": source.spec.url,
    })
}

fn index(cx: &SiteCx<'_>) -> Page {
    let path = index_path(cx);
    let rows: Vec<_> = (0..cx.options.sources.len()).map(|s| summary(cx, &path, s)).collect();
    let coverage = cx.link_path(&path, &paths::special("tackning-kommuner", cx.format()), cx.label("county_coverage"));
    let title = cx.label("sources").to_owned();
    Page::new(
        cx,
        path.clone(),
        "sources",
        &title,
        vec![home(cx, &path)],
        json!({ "sources": rows, "coverage": coverage }),
    )
}

fn page(cx: &SiteCx<'_>, s: usize) -> Page {
    let path = source_path(cx, s);
    let source = &cx.options.sources[s];
    let facts = &cx.sources[s];
    let crumbs = vec![home(cx, &path), cx.link_path(&path, &index_path(cx), cx.label("sources"))];
    let error = source.checked.as_ref().err().map(ToString::to_string);
    let mut data = json!({ "source": summary(cx, &path, s), "error": error });
    if let Some(checked) = source.checked() {
        let plan = &checked.plan;
        if let Some(&p) = plan.own_plans().first() {
            let ap = &plan.action_plans[p];
            data["plan"] = json!({
                "name": text(ap.name.as_ref(), ap.id.value.as_str()),
                "owner": plan.own_plan_owner(),
                "period": ap.period.map(|per| format!("{}–{}", per.from.value, per.to.value)),
            });
        }
        let years: Vec<_> = facts
            .years
            .iter()
            .map(|&y| {
                let acts = plan.activity_plans.iter().filter(|p| p.year.is_some_and(|py| py.value == y));
                let (counts, total) = cx.status_counts(acts.flat_map(|p| p.activities.iter()));
                json!({ "year": y, "counts": counts, "total": total })
            })
            .collect();
        data["years"] = json!(years);
        let directions: Vec<_> = county_directions(cx)
            .into_iter()
            .map(|(p, g, d)| {
                let dir = &cx.plan.action_plans[p].goal_areas[g].directions[d];
                let id = dir.id.value.as_str();
                let tracing = facts.by_direction.get(id).map_or(&[][..], Vec::as_slice);
                let activities: Vec<_> =
                    tracing.iter().map(|&at| activity_row(cx, source, plan, &facts.stems, at)).collect();
                json!({
                    "id": id,
                    "anchor": anchor(id),
                    "link": cx.entity_link(&path, Entity::Direction(p, g, d)),
                    "text": text(dir.text.as_ref(), ""),
                    "count": activities.len(),
                    "activities": activities,
                })
            })
            .collect();
        data["directions"] = json!(directions);
    }
    let title = source.name.clone();
    Page::new(cx, path, "source", &title, crumbs, data)
}

fn coverage(cx: &SiteCx<'_>) -> Page {
    let path = paths::special("tackning-kommuner", cx.format());
    let directions = county_directions(cx);
    let columns: Vec<Link> =
        directions.iter().map(|&(p, g, d)| cx.entity_link(&path, Entity::Direction(p, g, d))).collect();
    let rows: Vec<_> = (0..cx.options.sources.len())
        .map(|s| {
            let source = &cx.options.sources[s];
            let facts = &cx.sources[s];
            let target = source_path(cx, s);
            let cells: Vec<_> = directions
                .iter()
                .map(|&(p, g, d)| {
                    let id = cx.plan.action_plans[p].goal_areas[g].directions[d].id.value.as_str();
                    let count = facts.by_direction.get(id).map_or(0, Vec::len);
                    let href = (count > 0).then(|| format!("{}#{}", relative(&path, &target), anchor(id)));
                    json!({ "count": count, "href": href })
                })
                .collect();
            let covered = cells.iter().filter(|c| c["count"].as_u64().unwrap_or(0) > 0).count();
            json!({
                "source": cx.link_path(&path, &target, source.name.clone()),
                "standing": standing(cx, source),
                "cells": cells,
                "covered": covered,
            })
        })
        .collect();
    let title = cx.label("county_coverage").to_owned();
    let crumbs = vec![home(cx, &path), cx.link_path(&path, &index_path(cx), cx.label("sources"))];
    Page::new(cx, path, "county_coverage", &title, crumbs, json!({ "columns": columns, "rows": rows }))
}

/// The sources' activities that trace to the county inriktning `id`, for its page: one group
/// per source that has any.
pub fn for_direction(cx: &SiteCx<'_>, from: &str, id: &str) -> Vec<serde_json::Value> {
    (0..cx.options.sources.len())
        .filter_map(|s| {
            let source = &cx.options.sources[s];
            let checked = source.checked()?;
            let tracing = cx.sources[s].by_direction.get(id).filter(|v| !v.is_empty())?;
            let activities: Vec<_> =
                tracing.iter().map(|&at| activity_row(cx, source, &checked.plan, &cx.sources[s].stems, at)).collect();
            Some(json!({
                "source": cx.link_path(from, &format!("{}#{}", source_path(cx, s), anchor(id)), source.name.clone()),
                "activities": activities,
            }))
        })
        .collect()
}
