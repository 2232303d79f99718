//! One page per sakområde: its samrådsgrupp and the activities that name it.

use super::list::Paged;
use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::text;
use crate::render::paths::PageKind;
use serde_json::json;
use std::sync::Arc;

/// Every sakområde page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let plan = cx.plan;
    let mut jobs: Vec<Job<'c>> = Vec::new();
    for (p, ap) in plan.action_plans.iter().enumerate() {
        for t in 0..ap.topics.len() {
            let id = ap.topics[t].id.value.as_str();
            let mut selection = Vec::new();
            for (ip, iap) in plan.activity_plans.iter().enumerate() {
                for (a, act) in iap.activities.iter().enumerate() {
                    if act.topics.iter().any(|r| plan.index.get(&r.value.0) == Some(Entity::Topic(p, t))) {
                        selection.push((ip, a, None));
                    }
                }
            }
            let list = Arc::new(Paged {
                home: cx.path_of(PageKind::Topic, id),
                home_title: text(ap.topics[t].name.as_ref(), id),
                name: format!("sakomraden/{}", cx.stems.stem(PageKind::Topic, id)),
                caption: format!("{} – {}", cx.label("activities"), text(ap.topics[t].name.as_ref(), id)),
                selection: Arc::new(selection),
                show_plan: true,
                show_via: false,
            });
            jobs.extend(Arc::clone(&list).jobs(cx));
            jobs.push(Box::new(move || page(cx, p, t, &list)));
        }
    }
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize, t: usize, list: &Paged) -> Page {
    let plan = cx.plan;
    let topic = &plan.action_plans[p].topics[t];
    let id = topic.id.value.as_str();
    let path = list.home.clone();
    let (rows, pager) = list.first(cx);
    let name = text(topic.name.as_ref(), id);
    let data = json!({
        "topic": {
            "id": id,
            "name": name,
            "consultation_group": topic.consultation_group.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
            "description": cx.markdown(topic.description.as_ref()),
            "plan": cx.entity_link(&path, Entity::ActionPlan(p)),
            "caption": list.caption,
        },
    });
    let crumbs = vec![home(cx, &path), cx.entity_link(&path, Entity::ActionPlan(p))];
    Page::new(cx, path, "topic", &name, crumbs, data).with("activities", &rows).with("pager", &pager)
}
