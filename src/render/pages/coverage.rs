//! The coverage page: strategiska inriktningar × aktivitetsplaner, each cell the number of
//! activities that trace there, linking to them; an empty cell is a gap.
//!
//! With more aktivitetsplaner than [`MANY_COLUMNS`] (a county's repository holds every
//! municipality's), the table turns around and splits by year: one page per year
//! (`tackning.html` for the current year, `tackning-<year>.html` for the others), a row
//! per aktivitetsplan and a column per inriktning, so the page grows by one short row per
//! plan instead of by a column.

use super::{Job, Page, SiteCx, home};
use crate::model::{Entity, Plan};
use crate::render::context::{relative, text};
use crate::render::paths::{self, PageKind};
use serde_json::json;

/// More aktivitetsplaner than this make the table one page per year, a row per plan.
pub const MANY_COLUMNS: usize = 12;

/// The coverage page, or one per year when there are many aktivitetsplaner.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    if cx.plan.activity_plans.len() <= MANY_COLUMNS {
        return vec![Box::new(move || page(cx))];
    }
    // The site's years, and a page for the plans without one first, if there are any.
    let undated = cx.plan.activity_plans.iter().any(|p| p.year.is_none()).then_some(None);
    let years: Vec<Option<i32>> = undated.into_iter().chain(cx.years().into_iter().map(Some)).collect();
    let all = std::sync::Arc::new(years);
    all.iter()
        .map(|&y| {
            let all = std::sync::Arc::clone(&all);
            Box::new(move || year_page(cx, y, &all)) as Job<'c>
        })
        .collect()
}

/// The position of aktivitetsplan `i`'s handlingsplan among the handlingsplaner (one without
/// a handlingsplan, or with one not in the repository, last): the order of rows and columns.
fn plan_order(plan: &Plan, i: usize) -> usize {
    plan.activity_plans[i].action_plan.as_ref().and_then(|r| plan.action_plan(&r.value.0)).unwrap_or(usize::MAX)
}

/// Where the coverage page of `year` is: the current year's (or, without years, the only
/// one) at `tackning`, the others at `tackning-<year>` (`tackning-utan-ar` for plans without one).
fn year_path(cx: &SiteCx<'_>, year: Option<i32>) -> String {
    match year {
        _ if year == cx.current_year() => paths::special("tackning", cx.format()),
        Some(y) => paths::special(&format!("tackning-{y}"), cx.format()),
        None => paths::special("tackning-utan-ar", cx.format()),
    }
}

/// One year's coverage: a row per aktivitetsplan of the year, a column per inriktning.
fn year_page(cx: &SiteCx<'_>, year: Option<i32>, years: &[Option<i32>]) -> Page {
    let plan = cx.plan;
    let path = year_path(cx, year);
    let year_links: Vec<_> = years
        .iter()
        .map(|&y| {
            let title = y.map_or_else(|| cx.label("year_missing").to_owned(), |y| y.to_string());
            json!({ "year": y, "link": cx.link_path(&path, &year_path(cx, y), title), "current": y == year })
        })
        .collect();
    let mut directions = Vec::new();
    for (p, ap) in plan.action_plans.iter().enumerate() {
        for (g, area) in ap.goal_areas.iter().enumerate() {
            for d in 0..area.directions.len() {
                directions.push(Entity::Direction(p, g, d));
            }
        }
    }
    let mut rows: Vec<usize> =
        (0..plan.activity_plans.len()).filter(|&i| plan.activity_plans[i].year.map(|y| y.value) == year).collect();
    rows.sort_by_key(|&i| (plan_order(plan, i), i));
    // For each direction, how many of its tracing activities are in each aktivitetsplan.
    let counts: Vec<std::collections::HashMap<usize, usize>> = directions
        .iter()
        .map(|e| {
            let mut per = std::collections::HashMap::new();
            for (ap, ..) in cx.by_direction.get(e).map_or(&[][..], Vec::as_slice) {
                *per.entry(*ap).or_insert(0) += 1;
            }
            per
        })
        .collect();
    let table: Vec<_> = rows
        .iter()
        .map(|&i| {
            let cells: Vec<usize> = counts.iter().map(|per| per.get(&i).copied().unwrap_or(0)).collect();
            let total: usize = cells.iter().sum();
            json!({
                "plan": cx.entity_link(&path, Entity::ActivityPlan(i)),
                "cells": cells,
                "total": total,
            })
        })
        .collect();
    let totals: Vec<usize> =
        (0..directions.len()).map(|d| rows.iter().map(|i| counts[d].get(i).copied().unwrap_or(0)).sum()).collect();
    let headers: Vec<_> = directions
        .iter()
        .map(|&e| {
            let Entity::Direction(p, g, d) = e else { unreachable!("only directions are listed") };
            json!({
                "link": cx.entity_link(&path, e),
                "text": text(plan.action_plans[p].goal_areas[g].directions[d].text.as_ref(), ""),
            })
        })
        .collect();
    let title = match year {
        Some(y) => format!("{} {y}", cx.label("coverage")),
        None => format!("{} – {}", cx.label("coverage"), cx.label("year_missing")),
    };
    Page::new(
        cx,
        path.clone(),
        "coverage",
        &title,
        vec![home(cx, &path)],
        json!({ "by_year": true, "year": year, "years": year_links, "directions": headers, "rows": table, "totals": totals, "columns": [], "goal_areas": [] }),
    )
}

/// The coverage page of a repository with few aktivitetsplaner: a row per inriktning.
fn page(cx: &SiteCx<'_>) -> Page {
    let plan = cx.plan;
    let path = paths::special("tackning", cx.format());
    // Columns: aktivitetsplaner grouped by handlingsplan (in plan order), then by year.
    let mut columns: Vec<usize> = (0..plan.activity_plans.len()).collect();
    columns.sort_by_key(|&i| (plan_order(plan, i), plan.activity_plans[i].year.map(|y| y.value), i));
    let headers: Vec<_> = columns
        .iter()
        .map(|&i| {
            json!({
                "plan": cx.link(&path, PageKind::Plan, plan.activity_plans[i].id.value.as_str(), plan.activity_plans[i].id.value.as_str()),
                "action_plan": Some(plan_order(plan, i)).filter(|&p| p != usize::MAX).map(|p| cx.entity_link(&path, Entity::ActionPlan(p))),
                "year": plan.activity_plans[i].year.map(|y| y.value),
            })
        })
        .collect();
    let mut areas = Vec::new();
    for (p, ap) in plan.action_plans.iter().enumerate() {
        for (g, area) in ap.goal_areas.iter().enumerate() {
            let rows: Vec<_> = area
                .directions
                .iter()
                .enumerate()
                .map(|(d, dir)| {
                    let tracing = cx.by_direction.get(&Entity::Direction(p, g, d)).map_or(&[][..], Vec::as_slice);
                    let target = cx.path_of(PageKind::Direction, dir.id.value.as_str());
                    let cells: Vec<_> = columns
                        .iter()
                        .map(|&col| {
                            let count = tracing.iter().filter(|(ap, ..)| *ap == col).count();
                            let href = relative(&path, &target);
                            json!({ "count": count, "href": if count > 0 { Some(href) } else { None } })
                        })
                        .collect();
                    json!({
                        "link": cx.entity_link(&path, Entity::Direction(p, g, d)),
                        "text": text(dir.text.as_ref(), ""),
                        "cells": cells,
                        "total": tracing.len(),
                    })
                })
                .collect();
            areas.push(json!({ "link": cx.entity_link(&path, Entity::GoalArea(p, g)), "directions": rows }));
        }
    }
    let title = cx.label("coverage").to_owned();
    Page::new(
        cx,
        path.clone(),
        "coverage",
        &title,
        vec![home(cx, &path)],
        json!({ "by_year": false, "columns": headers, "goal_areas": areas }),
    )
}
