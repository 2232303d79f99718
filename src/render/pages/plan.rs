//! One page per handlingsplan (a local plan shows how each utvecklingsområde maps to the
//! county's inriktningar), and the list of all plans.

use super::goal_area::indicator_view;
use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::{anchor, text};
use crate::render::paths::{self, PageKind};
use serde_json::json;

/// The plans index and every handlingsplan page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = vec![Box::new(move || index(cx))];
    jobs.extend((0..cx.plan.action_plans.len()).map(|p| Box::new(move || page(cx, p)) as Job<'c>));
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize) -> Page {
    let plan = cx.plan;
    let ap = &plan.action_plans[p];
    let id = ap.id.value.as_str();
    let path = cx.path_of(PageKind::Plan, id);
    let focus_areas: Vec<_> = ap
        .focus_areas
        .iter()
        .map(|f| {
            let directions = cx.direction_links(&path, f);
            json!({
                "id": f.id.value.as_str(),
                "anchor": anchor(f.id.value.as_str()),
                "name": text(f.name.as_ref(), f.id.value.as_str()),
                "owner": f.owner.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
                "description": cx.markdown(f.description.as_ref()),
                "directions": directions,
                "indicators": f.indicators.iter().map(|ind| indicator_view(cx, p, ind)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let activity_plans: Vec<_> = plan
        .activity_plans_of(id)
        .map(|i| {
            let year = plan.activity_plans[i].year.map(|y| y.value);
            json!({ "link": cx.entity_link(&path, Entity::ActivityPlan(i)), "year": year })
        })
        .collect();
    let following: Vec<_> = plan
        .action_plans
        .iter()
        .enumerate()
        .filter(|(_, other)| other.follows.as_ref().is_some_and(|f| f.value.0 == id))
        .map(|(i, _)| cx.entity_link(&path, Entity::ActionPlan(i)))
        .collect();
    let goal_areas: Vec<_> = (0..ap.goal_areas.len()).map(|g| cx.entity_link(&path, Entity::GoalArea(p, g))).collect();
    let topics: Vec<_> = (0..ap.topics.len())
        .map(|t| {
            let topic = &ap.topics[t];
            json!({
                "link": cx.entity_link(&path, Entity::Topic(p, t)),
                "consultation_group": topic.consultation_group.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
            })
        })
        .collect();
    let name = text(ap.name.as_ref(), id);
    let crumbs = vec![home(cx, &path), cx.link_path(&path, &paths::special("planer", cx.format()), cx.label("plans"))];
    let data = json!({
        "plan": {
            "id": id,
            "name": name,
            "follows": ap.follows.as_ref().and_then(|f| plan.action_plan(&f.value.0)).map(|f| cx.entity_link(&path, Entity::ActionPlan(f))),
            "period": ap.period.map(|per| format!("{}–{}", per.from.value, per.to.value)),
            "owner": ap.owner.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
            "decision": ap.decision.as_ref().map(|d| json!({
                "date": d.date.map(|x| x.value.to_string()),
                "by": d.by.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
            })),
            "goal": ap.goal.as_ref().map(|g| g.value.clone()),
            "description": cx.markdown(ap.description.as_ref()),
            "reviews": ap.reviews.iter().map(|r| json!({ "date": r.date.value.to_string(), "kind": r.kind.as_ref().map(|k| k.value.clone()) })).collect::<Vec<_>>(),
        },
        "goal_areas": goal_areas,
        "indicators": ap.indicators.iter().map(|ind| indicator_view(cx, p, ind)).collect::<Vec<_>>(),
        "topics": topics,
        "focus_areas": focus_areas,
        "activity_plans": activity_plans,
        "following": following,
    });
    Page::new(cx, path, "action_plan", &name, crumbs, data).with_edit(cx, ap.id.span.file)
}

/// `planer.html`: every handlingsplan with its aktivitetsplaner, in the order of the chain.
fn index(cx: &SiteCx<'_>) -> Page {
    let plan = cx.plan;
    let path = paths::special("planer", cx.format());
    let plans: Vec<_> = plan
        .action_plans
        .iter()
        .enumerate()
        .map(|(p, ap)| {
            let id = ap.id.value.as_str();
            let activity_plans: Vec<_> =
                plan.activity_plans_of(id).map(|i| cx.entity_link(&path, Entity::ActivityPlan(i))).collect();
            json!({
                "link": cx.entity_link(&path, Entity::ActionPlan(p)),
                "follows": ap.follows.as_ref().and_then(|f| plan.action_plan(&f.value.0)).map(|f| cx.entity_link(&path, Entity::ActionPlan(f))),
                "period": ap.period.map(|per| format!("{}–{}", per.from.value, per.to.value)),
                "owner": ap.owner.as_ref().map(|o| cx.org_link(&path, &o.value.0)),
                "activity_plans": activity_plans,
            })
        })
        .collect();
    let title = cx.label("plans").to_owned();
    Page::new(cx, path.clone(), "plans", &title, vec![home(cx, &path)], json!({ "plans": plans }))
}
