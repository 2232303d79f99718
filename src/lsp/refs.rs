//! Every reference in a plan: which id is written where, under which key, for find
//! references and rename. The keys and what they name are P004's (FORMAT.md).

use crate::model::index::Kind;
use crate::model::{Entity, Plan};
use crate::source::{Span, Spanned};

/// A reference: the id written, where, under which key, and the kind it must name.
#[derive(Debug, Clone, Copy)]
pub struct Reference<'p> {
    /// The id as written.
    pub id: &'p str,
    /// The value's place.
    pub span: Span,
    /// The key it is written under.
    pub key: &'static str,
}

/// The kind of thing the value of a key names, for the keys that hold references.
pub fn kind_of_key(key: &str) -> Option<Kind> {
    Some(match key {
        "ansvarig" | "medverkande" | "ägare" | "av" | "del_av" | "samrådsgrupp" => Kind::Organisation,
        "inriktningar" => Kind::Direction,
        "sakområden" => Kind::Topic,
        "utvecklingsområden" => Kind::FocusArea,
        "uppdrag" => Kind::Assignment,
        "fortsätter" => Kind::Activity,
        "handlingsplan" | "följer" => Kind::ActionPlan,
        _ => return None,
    })
}

/// Every reference in the plan, in file order.
pub fn all(plan: &Plan) -> Vec<Reference<'_>> {
    fn push<'p, T: AsRef<str> + 'p>(
        out: &mut Vec<Reference<'p>>,
        refs: impl Iterator<Item = &'p Spanned<T>>,
        key: &'static str,
    ) {
        out.extend(refs.map(|r| Reference { id: r.value.as_ref(), span: r.span, key }));
    }
    let mut out = Vec::new();
    for org in &plan.organisations {
        push(&mut out, org.part_of.iter(), "del_av");
    }
    for ap in &plan.action_plans {
        push(&mut out, ap.follows.iter(), "följer");
        push(&mut out, ap.owner.iter(), "ägare");
        push(&mut out, ap.decision.iter().flat_map(|d| d.by.iter()), "av");
        for topic in &ap.topics {
            push(&mut out, topic.consultation_group.iter(), "samrådsgrupp");
        }
        for focus in &ap.focus_areas {
            push(&mut out, focus.directions.iter(), "inriktningar");
            push(&mut out, focus.owner.iter(), "ansvarig");
        }
    }
    for ap in &plan.activity_plans {
        push(&mut out, ap.action_plan.iter(), "handlingsplan");
        push(&mut out, ap.decision.iter().flat_map(|d| d.by.iter()), "av");
        for asg in &ap.assignments {
            push(&mut out, asg.owner.iter(), "ansvarig");
        }
        for act in &ap.activities {
            push(&mut out, act.continues.iter(), "fortsätter");
            push(&mut out, act.assignment.iter(), "uppdrag");
            push(&mut out, act.owner.iter(), "ansvarig");
            push(&mut out, act.contributors.iter(), "medverkande");
            push(&mut out, act.directions.iter(), "inriktningar");
            push(&mut out, act.topics.iter(), "sakområden");
            push(&mut out, act.focus_areas.iter(), "utvecklingsområden");
        }
    }
    out
}

/// The references to the entity `e`: those whose key names its kind and whose id is its id.
pub fn to<'p>(plan: &'p Plan, e: Entity) -> Vec<Reference<'p>> {
    let (id, _) = plan.id_of(e);
    let kind = e.kind();
    all(plan).into_iter().filter(|r| r.id == id && kind_of_key(r.key) == Some(kind)).collect()
}
