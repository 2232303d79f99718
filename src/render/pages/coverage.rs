//! The coverage page: strategiska inriktningar × aktivitetsplaner, each cell the number of
//! activities that trace there, linking to them; an empty cell is a gap.

use super::{Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::{relative, text};
use crate::render::paths::{self, PageKind};
use serde_json::json;

/// The coverage page.
pub fn page(cx: &SiteCx<'_>) -> Page {
    let plan = cx.plan;
    let path = paths::special("tackning", cx.format());
    // Columns: aktivitetsplaner grouped by handlingsplan (in plan order), then by year.
    let mut columns: Vec<usize> = (0..plan.activity_plans.len()).collect();
    let plan_order = |i: usize| {
        plan.activity_plans[i].action_plan.as_ref().and_then(|r| plan.action_plan(&r.value.0)).unwrap_or(usize::MAX)
    };
    columns.sort_by_key(|&i| (plan_order(i), plan.activity_plans[i].year.map(|y| y.value), i));
    let headers: Vec<_> = columns
        .iter()
        .map(|&i| {
            json!({
                "plan": cx.link(&path, PageKind::Plan, plan.activity_plans[i].id.value.as_str(), plan.activity_plans[i].id.value.as_str()),
                "action_plan": Some(plan_order(i)).filter(|&p| p != usize::MAX).map(|p| cx.entity_link(&path, Entity::ActionPlan(p))),
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
        json!({ "columns": headers, "goal_areas": areas }),
    )
}
