//! One page per aktivitetsplan: the year's activities as a table (id, title, ansvarig,
//! status, slut), grouped by uppdrag where the plan has them.

use super::list::Paged;
use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::{anchor, text};
use crate::render::paths::PageKind;
use serde_json::json;
use std::sync::Arc;

/// Every aktivitetsplan page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = Vec::new();
    for (p, ap) in cx.plan.activity_plans.iter().enumerate() {
        let id = ap.id.value.as_str();
        let title = cx.activity_plan_title(p);
        let list = Arc::new(Paged {
            home: cx.path_of(PageKind::Plan, id),
            caption: format!("{} {title}", cx.label("activities")),
            home_title: title,
            name: format!("planer/{}", cx.stems.stem(PageKind::Plan, id)),
            selection: Arc::new((0..ap.activities.len()).map(|a| (p, a, None)).collect()),
            show_plan: false,
            show_via: false,
        });
        jobs.extend(Arc::clone(&list).jobs(cx));
        jobs.push(Box::new(move || page(cx, p, &list)));
    }
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize, list: &Paged) -> Page {
    let plan = cx.plan;
    let ap = &plan.activity_plans[p];
    let id = ap.id.value.as_str();
    let path = list.home.clone();
    let (rows, pager) = list.first(cx);
    let assignments: Vec<_> = ap
        .assignments
        .iter()
        .map(|asg| {
            let aid = asg.id.value.as_str();
            let members: Vec<_> = ap
                .activities
                .iter()
                .enumerate()
                .filter(|(_, act)| act.assignment.as_ref().is_some_and(|r| r.value.0 == aid))
                .map(|(a, _)| cx.entity_link(&path, Entity::Activity(p, a)))
                .collect();
            json!({
                "id": aid,
                "anchor": anchor(aid),
                "name": text(asg.name.as_ref(), aid),
                "owner": asg.owner.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
                "description": cx.markdown(asg.description.as_ref()),
                "activities": members,
            })
        })
        .collect();
    let action_plan = ap.action_plan.as_ref().and_then(|r| plan.action_plan(&r.value.0));
    let (counts, total) = cx.status_counts(ap.activities.iter());
    let title = cx.activity_plan_title(p);
    let mut crumbs = vec![home(cx, &path)];
    crumbs.extend(action_plan.map(|a| cx.entity_link(&path, Entity::ActionPlan(a))));
    let data = json!({
        "activity_plan": {
            "id": id,
            "title": title,
            "year": ap.year.map(|y| y.value),
            "action_plan": action_plan.map(|a| cx.entity_link(&path, Entity::ActionPlan(a))),
            "decision": ap.decision.as_ref().map(|d| json!({
                "date": d.date.map(|x| x.value.to_string()),
                "by": d.by.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
            })),
            "description": cx.markdown(ap.description.as_ref()),
            "counts": counts,
            "total": total,
            "caption": list.caption,
        },
        "assignments": assignments,
    });
    Page::new(cx, path, "activity_plan", &title, crumbs, data).with("activities", &rows).with("pager", &pager)
}
