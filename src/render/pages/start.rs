//! The start page, one per year of aktivitetsplaner: the current year at `index.html`, the
//! others at `ar/<year>.html`, with a choice of year at the top, so every count is a year's.
//!
//! A local repository's start page is about its own plan: each utvecklingsområde with the
//! county inriktningar it serves and its activities of the year; the county plan follows as
//! the context, with its goal and målområden. The county's own repository shows the goal and
//! the målområden, each with the year's activities by status.

use super::list::PAGE_ROWS;
use super::{Job, Page, SiteCx};
use crate::model::Entity;
use crate::render::context::anchor;
use serde_json::json;

/// More own plans than this on a compact start page make one table row each.
const MANY_PLANS: usize = 12;

/// The start page of every year (or one, when there are no aktivitetsplaner).
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let years = cx.years();
    if years.is_empty() {
        return vec![Box::new(move || page(cx, None))];
    }
    years.into_iter().map(|y| Box::new(move || page(cx, Some(y))) as Job<'c>).collect()
}

fn page(cx: &SiteCx<'_>, year: Option<i32>) -> Page {
    let path = cx.year_path(year);
    let plan = cx.plan;
    let of_year = |ap: usize| year.is_none_or(|y| plan.activity_plans[ap].year.is_some_and(|py| py.value == y));
    let years: Vec<_> = cx
        .years()
        .into_iter()
        .map(|y| json!({ "year": y, "link": cx.link_path(&path, &cx.year_path(Some(y)), y.to_string()), "current": Some(y) == year }))
        .collect();
    let roots = cx.root_plans();
    let own: Vec<usize> = cx.own_plans().into_iter().filter(|p| !roots.contains(p)).collect();
    // A page that would list more rows than one list page holds shows counts instead, with
    // links to the year's aktivitetsplaner (which page their rows); with many own plans,
    // one table row per plan.
    let rows_of_year: usize = own
        .iter()
        .flat_map(|&p| plan.activity_plans_of(plan.action_plans[p].id.value.as_str()))
        .filter(|&i| of_year(i))
        .map(|i| plan.activity_plans[i].activities.len())
        .sum();
    let compact = rows_of_year > PAGE_ROWS;
    let plan_table = compact && own.len() > MANY_PLANS;
    let plan_rows: Vec<_> = if plan_table {
        own.iter()
            .map(|&p| {
                let ap = &plan.action_plans[p];
                let acts: Vec<(usize, usize)> = plan
                    .activity_plans_of(ap.id.value.as_str())
                    .filter(|&i| of_year(i))
                    .flat_map(|i| (0..plan.activity_plans[i].activities.len()).map(move |a| (i, a)))
                    .collect();
                let (counts, total, overdue) = super::counts_of(cx, &acts);
                json!({
                    "link": cx.entity_link(&path, Entity::ActionPlan(p)),
                    "owner": ap.owner.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
                    "activity_plans": year_plans(cx, &path, p, &of_year),
                    "counts": counts,
                    "total": total,
                    "overdue": overdue,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let own_plans: Vec<_> = own
        .iter()
        .filter(|_| !plan_table)
        .map(|&p| {
            let ap = &plan.action_plans[p];
            let focus_areas: Vec<_> = ap
                .focus_areas
                .iter()
                .enumerate()
                .map(|(f, area)| {
                    let directions = cx.direction_links(&path, area);
                    let mut rows = Vec::new();
                    let mut acts = Vec::new();
                    for (i, aplan) in plan.activity_plans.iter().enumerate().filter(|&(i, _)| of_year(i)) {
                        for (a, act) in aplan.activities.iter().enumerate() {
                            let here = act
                                .focus_areas
                                .iter()
                                .any(|r| plan.index.get(&r.value.0) == Some(Entity::FocusArea(p, f)));
                            if here {
                                if !compact {
                                    rows.push(cx.activity_row(&path, i, a, None));
                                }
                                acts.push(act);
                            }
                        }
                    }
                    let (counts, total) = cx.status_counts(acts.into_iter());
                    json!({
                        "id": area.id.value.as_str(),
                        "anchor": anchor(area.id.value.as_str()),
                        "link": cx.entity_link(&path, Entity::FocusArea(p, f)),
                        "directions": directions,
                        "activities": rows,
                        "counts": counts,
                        "total": total,
                    })
                })
                .collect();
            // The plan's activities of the year that name none of its utvecklingsområden
            // (they trace to the county's inriktningar directly).
            let mut direct = Vec::new();
            for i in plan.activity_plans_of(ap.id.value.as_str()).filter(|&i| of_year(i)) {
                for (a, act) in plan.activity_plans[i].activities.iter().enumerate() {
                    let in_a_focus_area = act
                        .focus_areas
                        .iter()
                        .any(|r| matches!(plan.index.get(&r.value.0), Some(Entity::FocusArea(fp, _)) if fp == p));
                    if !in_a_focus_area && !compact {
                        direct.push(cx.activity_row(&path, i, a, None));
                    }
                }
            }
            let link = cx.entity_link(&path, Entity::ActionPlan(p));
            // The site is usually named after its own plan: then the plan's name is the page's
            // title already, and its section is headed by what it holds.
            let named_after = own.len() == 1 && link.title == cx.site_title();
            json!({
                "link": link,
                "named_after": named_after,
                "owner": ap.owner.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
                "focus_areas": focus_areas,
                "direct": direct,
                "activity_plans": if compact { year_plans(cx, &path, p, &of_year) } else { Vec::new() },
            })
        })
        .collect();
    let mut goals = Vec::new();
    let mut areas = Vec::new();
    for &p in &roots {
        let ap = &plan.action_plans[p];
        if let Some(goal) = &ap.goal {
            goals.push(json!({ "plan": cx.entity_link(&path, Entity::ActionPlan(p)), "text": goal.value }));
        }
        for (g, area) in ap.goal_areas.iter().enumerate() {
            let (counts, total) = super::goal_area::status_counts_of_year(cx, p, g, year);
            areas.push(json!({
                "link": cx.entity_link(&path, Entity::GoalArea(p, g)),
                "number": area.number.map(|n| n.value),
                "hallmark": area.hallmark.as_ref().map(|h| h.value.clone()),
                "directions": area.directions.len(),
                "counts": counts,
                "total": total,
            }));
        }
    }
    let county = roots.first().map(|&p| cx.entity_link(&path, Entity::ActionPlan(p)));
    let title = match (year, cx.current_year() == year) {
        (Some(y), false) => format!("{} – {y}", cx.site_title()),
        _ => cx.site_title(),
    };
    let data = json!({
        "year": year,
        "years": years,
        "own_plans": own_plans,
        "compact": compact,
        "plan_table": plan_rows,
        "statuses": super::statuses(cx),
        "county_plan": county,
        "goals": goals,
        "goal_areas": areas,
    });
    Page::new(cx, path, "index", &title, Vec::new(), data)
}

/// Links to the aktivitetsplaner of handlingsplan `p` of the page's year, each with its
/// number of activities.
fn year_plans(cx: &SiteCx<'_>, from: &str, p: usize, of_year: &dyn Fn(usize) -> bool) -> Vec<serde_json::Value> {
    let plan = cx.plan;
    plan.activity_plans_of(plan.action_plans[p].id.value.as_str())
        .filter(|&i| of_year(i))
        .map(|i| {
            json!({ "link": cx.entity_link(from, Entity::ActivityPlan(i)), "total": plan.activity_plans[i].activities.len() })
        })
        .collect()
}
