//! The start page: the overall goal and the målområden as cards with a status summary.

use super::{Page, SiteCx};
use crate::model::Entity;
use crate::render::paths;
use serde_json::json;

/// The start page.
pub fn page(cx: &SiteCx<'_>) -> Page {
    let path = paths::special("index", cx.format());
    let plan = cx.plan;
    let roots = cx.root_plans();
    let mut goals = Vec::new();
    let mut areas = Vec::new();
    for &p in &roots {
        let ap = &plan.action_plans[p];
        if let Some(goal) = &ap.goal {
            goals.push(json!({ "plan": cx.entity_link(&path, Entity::ActionPlan(p)), "text": goal.value }));
        }
        for (g, area) in ap.goal_areas.iter().enumerate() {
            let (counts, total) = super::goal_area::status_counts(cx, p, g);
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
    let title = cx.site_title();
    Page::new(cx, path.clone(), "index", &title, Vec::new(), json!({ "goals": goals, "goal_areas": areas }))
}
