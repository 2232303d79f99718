//! One page per sakområde: its samrådsgrupp and the activities that name it.

use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::text;
use crate::render::paths::PageKind;
use serde_json::json;

/// Every sakområde page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = Vec::new();
    for (p, ap) in cx.plan.action_plans.iter().enumerate() {
        for t in 0..ap.topics.len() {
            jobs.push(Box::new(move || page(cx, p, t)));
        }
    }
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize, t: usize) -> Page {
    let plan = cx.plan;
    let topic = &plan.action_plans[p].topics[t];
    let id = topic.id.value.as_str();
    let path = cx.path_of(PageKind::Topic, id);
    let mut rows = Vec::new();
    for (ip, iap) in plan.activity_plans.iter().enumerate() {
        for (a, act) in iap.activities.iter().enumerate() {
            if act.topics.iter().any(|r| plan.index.get(&r.value.0) == Some(Entity::Topic(p, t))) {
                rows.push(cx.activity_row(&path, ip, a, None));
            }
        }
    }
    let name = text(topic.name.as_ref(), id);
    let data = json!({
        "topic": {
            "id": id,
            "name": name,
            "consultation_group": topic.consultation_group.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
            "description": cx.markdown(topic.description.as_ref()),
            "plan": cx.entity_link(&path, Entity::ActionPlan(p)),
        },
    });
    let crumbs = vec![home(cx, &path), cx.entity_link(&path, Entity::ActionPlan(p))];
    Page::new(cx, path, "topic", &name, crumbs, data).with("activities", &rows)
}
