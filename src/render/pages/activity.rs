//! One page per activity: every field, the directions it traces to and how, and the
//! follow-up log as a timeline.

use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::text;
use crate::render::paths::PageKind;
use serde_json::json;

/// Every activity page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = Vec::with_capacity(cx.plan.activity_count());
    for (p, ap) in cx.plan.activity_plans.iter().enumerate() {
        for a in 0..ap.activities.len() {
            jobs.push(Box::new(move || page(cx, p, a)));
        }
    }
    jobs
}

fn page(cx: &SiteCx<'_>, p: usize, a: usize) -> Page {
    let plan = cx.plan;
    let ap = &plan.activity_plans[p];
    let act = &ap.activities[a];
    let id = act.id.value.as_str();
    let path = cx.path_of(PageKind::Activity, id);
    let traces: Vec<_> = cx.traces[p][a]
        .iter()
        .map(|t| {
            let Entity::Direction(dp, dg, dd) = t.direction else { return json!(null) };
            json!({
                "direction": cx.entity_link(&path, t.direction),
                "text": text(plan.action_plans[dp].goal_areas[dg].directions[dd].text.as_ref(), ""),
                "goal_area": cx.entity_link(&path, Entity::GoalArea(dp, dg)),
                "via": t.via.map(|v| cx.entity_link(&path, v)),
            })
        })
        .collect();
    let mut log: Vec<_> = act.follow_ups.iter().collect();
    log.sort_by_key(|f| f.date.map(|d| d.value));
    let follow_ups: Vec<_> = log
        .iter()
        .map(|f| {
            json!({
                "date": f.date.map(|d| d.value.to_string()),
                "status": f.status.map(|s| cx.status(s.value)),
                "comment": f.comment.as_ref().map(|c| c.value.clone()),
            })
        })
        .collect();
    let topics: Vec<_> = act
        .topics
        .iter()
        .filter_map(|t| match plan.index.get(&t.value.0) {
            Some(e @ Entity::Topic(..)) => Some(cx.entity_link(&path, e)),
            _ => None,
        })
        .collect();
    let assignment = act.assignment.as_ref().and_then(|r| match plan.index.get(&r.value.0) {
        Some(e @ Entity::Assignment(ip, ia)) => {
            let mut l = cx.entity_link(&path, e);
            l.title = text(plan.activity_plans[ip].assignments[ia].name.as_ref(), &r.value.0);
            Some(l)
        }
        _ => None,
    });
    // The same work in another year has the same title: the link says the id and the year.
    let other_year = |e: Entity| {
        let mut l = cx.entity_link(&path, e);
        if let Entity::Activity(ip, ia) = e {
            let id = &plan.activity_plans[ip].activities[ia].id.value.0;
            l.title = match plan.activity_plans[ip].year {
                Some(y) => format!("{id} ({})", y.value),
                None => id.clone(),
            };
        }
        l
    };
    let continues = act.continues.as_ref().and_then(|r| match plan.index.get(&r.value.0) {
        Some(e @ Entity::Activity(..)) => Some(other_year(e)),
        _ => None,
    });
    let continued_by: Vec<_> = cx.continued_by.get(id).into_iter().flatten().map(|&e| other_year(e)).collect();
    let row = cx.activity_row(&path, p, a, None);
    let title = text(act.title.as_ref(), id);
    let crumbs = vec![home(cx, &path), cx.entity_link(&path, Entity::ActivityPlan(p))];
    let start = act.start_date(ap.year.map(|y| y.value));
    let data = json!({
        "activity": {
            "id": id,
            "title": title,
            "description": cx.markdown(act.description.as_ref()),
            "plan": row.plan,
            "year": row.year,
            "assignment": assignment,
            "continues": continues,
            "continued_by": continued_by,
            "owner": row.owner,
            "contributors": act.contributors.iter().map(|o| cx.org_link(&path, &o.value.0)).collect::<Vec<_>>(),
            "topics": topics,
            "prioritised": act.prioritised.is_some_and(|p| p.value),
            "start": start.map(|d| d.to_string()),
            "end": row.end,
            "status": row.status,
            "overdue": row.overdue,
            "last_changed": cx.options.last_changed.get(&plan.sources.get(act.id.span.file).name).map(ToString::to_string),
        },
        "traces": traces,
        "follow_ups": follow_ups,
    });
    Page::new(cx, path, "activity", &title, crumbs, data).with_edit(cx, act.id.span.file)
}
