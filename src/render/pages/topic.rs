//! One page per sakområde: its samrådsgrupp and the activities that name it.

use super::{Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::text;
use crate::render::paths::PageKind;
use serde_json::json;

/// Every sakområde page.
pub fn pages(cx: &SiteCx<'_>) -> Vec<Page> {
    let plan = cx.plan;
    let mut pages = Vec::new();
    for (p, ap) in plan.action_plans.iter().enumerate() {
        for (t, topic) in ap.topics.iter().enumerate() {
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
                "activities": rows,
            });
            let crumbs = vec![home(cx, &path), cx.entity_link(&path, Entity::ActionPlan(p))];
            pages.push(Page::new(cx, path, "topic", &name, crumbs, data));
        }
    }
    pages
}
