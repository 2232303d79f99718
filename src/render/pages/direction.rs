//! One page per strategisk inriktning: its wording, its activities counted per year, and
//! every activity that traces to it, newest plan year first, as a paged table.

use super::list::Paged;
use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::text;
use crate::render::paths::PageKind;
use serde_json::json;
use std::sync::Arc;

/// Every inriktning page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = Vec::new();
    for (p, ap) in cx.plan.action_plans.iter().enumerate() {
        for (g, area) in ap.goal_areas.iter().enumerate() {
            for d in 0..area.directions.len() {
                let list = Arc::new(list(cx, p, g, d));
                jobs.extend(Arc::clone(&list).jobs(cx));
                jobs.push(Box::new(move || page(cx, p, g, d, &list)));
            }
        }
    }
    jobs
}

/// The activities that trace to a direction, newest plan year first, as a paged table.
fn list(cx: &SiteCx<'_>, p: usize, g: usize, d: usize) -> Paged {
    let plan = cx.plan;
    let id = plan.action_plans[p].goal_areas[g].directions[d].id.value.as_str();
    let mut selection = cx.by_direction.get(&Entity::Direction(p, g, d)).cloned().unwrap_or_default();
    let year = |ap: usize| plan.activity_plans[ap].year.map(|y| y.value);
    selection.sort_by_key(|&(ap, a, _)| (std::cmp::Reverse(year(ap)), ap, a));
    Paged {
        home: cx.path_of(PageKind::Direction, id),
        home_title: format!("{} {id}", cx.label("direction")),
        name: format!("inriktningar/{}", cx.stems.stem(PageKind::Direction, id)),
        caption: format!("{} – {id}", cx.label("related_activities")),
        selection: Arc::new(selection),
        show_plan: true,
        show_via: true,
    }
}

fn page(cx: &SiteCx<'_>, p: usize, g: usize, d: usize, list: &Paged) -> Page {
    let plan = cx.plan;
    let dir = &plan.action_plans[p].goal_areas[g].directions[d];
    let id = dir.id.value.as_str();
    let path = list.home.clone();
    let (rows, pager) = list.first(cx);
    let years = super::year_counts(cx, list.selection.iter().map(|&(ap, a, _)| (ap, a)));
    let area_link = cx.entity_link(&path, Entity::GoalArea(p, g));
    let crumbs = vec![home(cx, &path), area_link.clone()];
    let title = list.home_title.clone();
    let data = json!({
        "direction": {
            "id": id,
            "text": text(dir.text.as_ref(), ""),
            "description": cx.markdown(dir.description.as_ref()),
            "goal_area": area_link,
            "caption": list.caption,
        },
        "years": years,
        "statuses": super::statuses(cx),
        "sources": super::sources::for_direction(cx, &path, id),
    });
    Page::new(cx, path, "direction", &title, crumbs, data).with("activities", &rows).with("pager", &pager)
}
