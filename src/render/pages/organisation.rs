//! One page per organisation (what it owns and what it takes part in), and the list of
//! organisations by category.

use super::list::Paged;
use super::{Job, Page, SiteCx, home};
use crate::model::{Entity, OrgCategory};
use crate::render::context::text;
use crate::render::paths::{self, PageKind};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

/// What refers to each organisation, gathered in one pass.
#[derive(Default)]
struct Uses {
    plans: Vec<Entity>,
    focus_areas: Vec<Entity>,
    assignments: Vec<Entity>,
    owns: Vec<(usize, usize)>,
    takes_part: Vec<(usize, usize)>,
    topics: Vec<Entity>,
    members: Vec<usize>,
}

/// The organisations index and every organisation page.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let uses = Arc::new(gather(cx));
    let mut jobs: Vec<Job<'c>> = vec![Box::new(move || index(cx))];
    for (o, org) in cx.plan.organisations.iter().enumerate() {
        let id = org.id.value.as_str();
        let name = text(org.name.as_ref(), id);
        let stem = cx.stems.stem(PageKind::Organisation, id);
        let u = uses.get(id);
        let list = |folder: &str, label: &str, of: Option<&Vec<(usize, usize)>>| Paged {
            home: cx.path_of(PageKind::Organisation, id),
            home_title: name.clone(),
            name: format!("{folder}/{stem}"),
            caption: format!("{} – {name}", cx.label(label)),
            selection: Arc::new(of.map(|l| l.iter().map(|&(p, a)| (p, a, None)).collect()).unwrap_or_default()),
            show_plan: true,
            show_via: false,
        };
        let owns = Arc::new(list("organisationer", "owns", u.map(|u| &u.owns)));
        let takes_part = Arc::new(list("medverkar", "takes_part_in", u.map(|u| &u.takes_part)));
        jobs.extend(Arc::clone(&owns).jobs(cx));
        jobs.extend(Arc::clone(&takes_part).jobs(cx));
        let uses = Arc::clone(&uses);
        jobs.push(Box::new(move || page(cx, o, &uses, &owns, &takes_part)));
    }
    jobs
}

/// What refers to each organisation, by organisation id.
fn gather<'p>(cx: &SiteCx<'p>) -> HashMap<&'p str, Uses> {
    let plan = cx.plan;
    let mut uses: HashMap<&str, Uses> = HashMap::new();
    for (o, org) in plan.organisations.iter().enumerate() {
        if let Some(parent) = &org.part_of {
            uses.entry(parent.value.as_str()).or_default().members.push(o);
        }
    }
    for (p, ap) in plan.action_plans.iter().enumerate() {
        if let Some(owner) = &ap.owner {
            uses.entry(owner.value.as_str()).or_default().plans.push(Entity::ActionPlan(p));
        }
        for (f, focus) in ap.focus_areas.iter().enumerate() {
            if let Some(owner) = &focus.owner {
                uses.entry(owner.value.as_str()).or_default().focus_areas.push(Entity::FocusArea(p, f));
            }
        }
        for (t, topic) in ap.topics.iter().enumerate() {
            if let Some(group) = &topic.consultation_group {
                uses.entry(group.value.as_str()).or_default().topics.push(Entity::Topic(p, t));
            }
        }
    }
    for (p, ap) in plan.activity_plans.iter().enumerate() {
        for (i, asg) in ap.assignments.iter().enumerate() {
            if let Some(owner) = &asg.owner {
                uses.entry(owner.value.as_str()).or_default().assignments.push(Entity::Assignment(p, i));
            }
        }
        for (a, act) in ap.activities.iter().enumerate() {
            if let Some(owner) = &act.owner {
                uses.entry(owner.value.as_str()).or_default().owns.push((p, a));
            }
            for c in &act.contributors {
                uses.entry(c.value.as_str()).or_default().takes_part.push((p, a));
            }
        }
    }
    uses
}

fn page(cx: &SiteCx<'_>, o: usize, uses: &HashMap<&str, Uses>, owns: &Paged, takes_part: &Paged) -> Page {
    let plan = cx.plan;
    let org = &plan.organisations[o];
    let none = Uses::default();
    {
        let id = org.id.value.as_str();
        let path = cx.path_of(PageKind::Organisation, id);
        let u = uses.get(id).unwrap_or(&none);
        let links = |list: &[Entity]| list.iter().map(|&e| cx.entity_link(&path, e)).collect::<Vec<_>>();
        let data = json!({
            "organisation": {
                "id": id,
                "name": text(org.name.as_ref(), id),
                "category": org.category.map(|c| c.value.as_str()),
                "part_of": org.part_of.as_ref().map(|p| cx.org_link(&path, &p.value.0)),
                "municipality_code": org.municipality_code.as_ref().map(|c| c.value.clone()),
                "contact": org.contact.as_ref().map(|c| c.value.clone()),
                "description": cx.markdown(org.description.as_ref()),
            },
            "members": u.members.iter().map(|&o| cx.entity_link(&path, Entity::Organisation(o))).collect::<Vec<_>>(),
            "plans": links(&u.plans),
            "focus_areas": links(&u.focus_areas),
            "assignments": links(&u.assignments),
            "topics": links(&u.topics),
            "owns_caption": owns.caption,
            "takes_part_caption": takes_part.caption,
        });
        let (owns_rows, owns_pager) = owns.first(cx);
        let (part_rows, part_pager) = takes_part.first(cx);
        let crumbs = vec![
            home(cx, &path),
            cx.link_path(&path, &paths::special("organisationer", cx.format()), cx.label("organisations")),
        ];
        let title = text(org.name.as_ref(), id);
        Page::new(cx, path, "organisation", &title, crumbs, data)
            .with("owns", &owns_rows)
            .with("owns_pager", &owns_pager)
            .with("takes_part_in", &part_rows)
            .with("takes_part_pager", &part_pager)
    }
}

/// `organisationer.html`: organisations grouped by category, in the format's order.
fn index(cx: &SiteCx<'_>) -> Page {
    let plan = cx.plan;
    let path = paths::special("organisationer", cx.format());
    let mut groups = Vec::new();
    let categories = OrgCategory::ALL.iter().map(|&(w, c)| (w, Some(c))).chain([("", None)]);
    for (word, category) in categories {
        let members: Vec<_> = plan
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| o.category.map(|c| c.value) == category)
            .map(|(i, _)| cx.entity_link(&path, Entity::Organisation(i)))
            .collect();
        if !members.is_empty() {
            groups.push(json!({ "category": word, "organisations": members }));
        }
    }
    let title = cx.label("organisations").to_owned();
    Page::new(cx, path.clone(), "organisations", &title, vec![home(cx, &path)], json!({ "groups": groups }))
}
