//! One page per aktivitetsplan: the year's activities as a table (id, title, ansvarig,
//! status, slut), grouped by uppdrag where the plan has them.

use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::{anchor, text};
use crate::render::paths::PageKind;
use serde_json::json;

/// Every aktivitetsplan page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    (0..cx.plan.activity_plans.len()).map(|p| Box::new(move || page(cx, p)) as Job<'c>).collect()
}

fn page(cx: &SiteCx<'_>, p: usize) -> Page {
    let plan = cx.plan;
    let ap = &plan.activity_plans[p];
    let id = ap.id.value.as_str();
    let path = cx.path_of(PageKind::Plan, id);
    let rows: Vec<_> = (0..ap.activities.len()).map(|a| cx.activity_row(&path, p, a, None)).collect();
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
        },
        "assignments": assignments,
    });
    Page::new(cx, path, "activity_plan", &title, crumbs, data).with("activities", &rows)
}
