//! One page per strategisk inriktning: its wording and every activity that traces to it,
//! grouped by aktivitetsplan, each group with an anchor the coverage page links to.

use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::{ActivityRow, Link, anchor, text};
use crate::render::paths::PageKind;
use serde::Serialize;
use serde_json::json;

/// The activities of one aktivitetsplan that trace to the inriktning.
#[derive(Serialize)]
struct Group {
    plan: Link,
    anchor: String,
    year: Option<i32>,
    activities: Vec<ActivityRow>,
}

/// Every inriktning page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = Vec::new();
    for (p, ap) in cx.plan.action_plans.iter().enumerate() {
        for (g, area) in ap.goal_areas.iter().enumerate() {
            for d in 0..area.directions.len() {
                jobs.push(Box::new(move || page(cx, p, g, d)));
            }
        }
    }
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize, g: usize, d: usize) -> Page {
    let plan = cx.plan;
    let dir = &plan.action_plans[p].goal_areas[g].directions[d];
    let id = dir.id.value.as_str();
    let path = cx.path_of(PageKind::Direction, id);
    let tracing = cx.by_direction.get(&Entity::Direction(p, g, d)).map_or(&[][..], Vec::as_slice);
    let mut groups: Vec<(usize, Vec<ActivityRow>)> = Vec::new();
    for &(app, a, via) in tracing {
        let row = cx.activity_row(&path, app, a, via);
        match groups.iter_mut().find(|(gp, _)| *gp == app) {
            Some((_, rows)) => rows.push(row),
            None => groups.push((app, vec![row])),
        }
    }
    let groups: Vec<_> = groups
        .into_iter()
        .map(|(app, rows)| Group {
            plan: cx.entity_link(&path, Entity::ActivityPlan(app)),
            anchor: anchor(plan.activity_plans[app].id.value.as_str()),
            year: plan.activity_plans[app].year.map(|y| y.value),
            activities: rows,
        })
        .collect();
    let area_link = cx.entity_link(&path, Entity::GoalArea(p, g));
    let crumbs = vec![home(cx, &path), area_link.clone()];
    let title = format!("{} {id}", cx.label("direction"));
    let data = json!({
        "direction": {
            "id": id,
            "text": text(dir.text.as_ref(), ""),
            "description": cx.markdown(dir.description.as_ref()),
            "goal_area": area_link,
        },
        "sources": super::sources::for_direction(cx, &path, id),
    });
    Page::new(cx, path, "direction", &title, crumbs, data).with("groups", &groups)
}
