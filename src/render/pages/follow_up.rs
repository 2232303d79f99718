//! The follow-up page: activities by status per målområde and per plan, and the overdue
//! list against the check date.

use super::{Page, SiteCx, home};
use crate::model::Entity;
use crate::render::paths;
use serde_json::json;

/// The follow-up page.
pub fn page(cx: &SiteCx<'_>) -> Page {
    let plan = cx.plan;
    let path = paths::special("uppfoljning", cx.format());
    let mut by_goal_area = Vec::new();
    for (p, ap) in plan.action_plans.iter().enumerate() {
        for g in 0..ap.goal_areas.len() {
            let (counts, total) = super::goal_area::status_counts(cx, p, g);
            by_goal_area.push(
                json!({ "link": cx.entity_link(&path, Entity::GoalArea(p, g)), "counts": counts, "total": total }),
            );
        }
    }
    let by_plan: Vec<_> = plan
        .activity_plans
        .iter()
        .enumerate()
        .map(|(p, ap)| {
            let (counts, total) = cx.status_counts(ap.activities.iter());
            json!({ "link": cx.entity_link(&path, Entity::ActivityPlan(p)), "year": ap.year.map(|y| y.value), "counts": counts, "total": total })
        })
        .collect();
    let mut overdue = Vec::new();
    for (p, ap) in plan.activity_plans.iter().enumerate() {
        for (a, act) in ap.activities.iter().enumerate() {
            if cx.is_overdue(p, act) {
                overdue.push(cx.activity_row(&path, p, a, None));
            }
        }
    }
    overdue.sort_by(|x, y| x.end.cmp(&y.end).then_with(|| x.link.id.cmp(&y.link.id)));
    let statuses: Vec<_> = crate::model::Status::ALL.iter().map(|&(_, s)| cx.status(s)).collect();
    let title = cx.label("follow_up_page").to_owned();
    let data = json!({ "statuses": statuses, "by_goal_area": by_goal_area, "by_plan": by_plan });
    Page::new(cx, path.clone(), "follow_up", &title, vec![home(cx, &path)], data).with("overdue", &overdue)
}
