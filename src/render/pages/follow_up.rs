//! The follow-up page: first the summaries (activities by status per year, per aktivitetsplan
//! of the current year, per målområde), then the overdue activities against the check date,
//! as a paged table.

use super::list::Paged;
use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::paths;
use serde_json::json;
use std::sync::Arc;

/// The follow-up page and the further pages of its overdue list.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let plan = cx.plan;
    let mut overdue = Vec::new();
    for (p, ap) in plan.activity_plans.iter().enumerate() {
        for (a, act) in ap.activities.iter().enumerate() {
            if cx.is_overdue(p, act) {
                overdue.push((cx.end_date(p, act), ap.activities[a].id.value.as_str(), p, a));
            }
        }
    }
    overdue.sort_unstable();
    let list = Arc::new(Paged {
        home: paths::special("uppfoljning", cx.format()),
        home_title: cx.label("follow_up_page").to_owned(),
        name: "forsenade".to_owned(),
        caption: cx.label("overdue").to_owned(),
        selection: Arc::new(overdue.into_iter().map(|(_, _, p, a)| (p, a, None)).collect()),
        show_plan: true,
        show_via: false,
    });
    let mut jobs = Arc::clone(&list).jobs(cx);
    jobs.push(Box::new(move || page(cx, &list)));
    jobs
}

fn page(cx: &SiteCx<'_>, overdue: &Paged) -> Page {
    let plan = cx.plan;
    let path = overdue.home.clone();
    let year = cx.current_year();
    let mut by_goal_area = Vec::new();
    for (p, ap) in plan.action_plans.iter().enumerate() {
        for g in 0..ap.goal_areas.len() {
            let (counts, total) = super::goal_area::status_counts_of_year(cx, p, g, year);
            by_goal_area.push(
                json!({ "link": cx.entity_link(&path, Entity::GoalArea(p, g)), "counts": counts, "total": total }),
            );
        }
    }
    // Per plan for the current year only: at county scale every year's plans would make
    // a table of thousands of rows; the per-year table above covers the other years.
    let by_plan: Vec<_> = plan
        .activity_plans
        .iter()
        .enumerate()
        .filter(|(_, ap)| year.is_none() || ap.year.map(|y| y.value) == year)
        .map(|(p, ap)| {
            let (counts, total) = cx.status_counts(ap.activities.iter());
            json!({ "link": cx.entity_link(&path, Entity::ActivityPlan(p)), "year": ap.year.map(|y| y.value), "counts": counts, "total": total })
        })
        .collect();
    let all = plan.activity_plans.iter().enumerate().flat_map(|(p, ap)| (0..ap.activities.len()).map(move |a| (p, a)));
    let years = super::year_counts(cx, all);
    let (rows, pager) = overdue.first(cx);
    let title = cx.label("follow_up_page").to_owned();
    let data = json!({
        "statuses": super::statuses(cx),
        "year": year,
        "years": years,
        "by_goal_area": by_goal_area,
        "by_plan": by_plan,
    });
    Page::new(cx, path.clone(), "follow_up", &title, vec![home(cx, &path)], data)
        .with("overdue", &rows)
        .with("pager", &pager)
}
