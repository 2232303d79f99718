//! The id index: every id in the repository, and what it names.
//!
//! Ids share one namespace across all files (FORMAT.md), so one hash map resolves every
//! reference in constant time; the first definition of an id wins and later ones are kept
//! as duplicates for P003. Entities are addressed by position in the [`Plan`]'s vectors,
//! which keeps the index free of borrows and cheap to build for 100,000 activities.

use super::Plan;
use crate::lang::Lang;
use crate::source::Span;
// foldhash rather than std's SipHash: resolving every reference of 100k activities is the
// larger part of the rules' time, and SipHash made up most of it.
use foldhash::{HashMap, HashMapExt};

/// Where an entity lives in the [`Plan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    /// `plan.organisations[i]`.
    Organisation(usize),
    /// `plan.action_plans[i]`.
    ActionPlan(usize),
    /// A sakområde of an action plan.
    Topic(usize, usize),
    /// A målområde of an action plan.
    GoalArea(usize, usize),
    /// A strategisk inriktning: plan, goal area, direction.
    Direction(usize, usize, usize),
    /// An indicator: plan, where in it, indicator.
    Indicator(usize, super::IndicatorAt, usize),
    /// An utvecklingsområde of an action plan.
    FocusArea(usize, usize),
    /// `plan.activity_plans[i]`.
    ActivityPlan(usize),
    /// An uppdrag of an activity plan.
    Assignment(usize, usize),
    /// An activity of an activity plan.
    Activity(usize, usize),
}

/// The kinds of entity, for "expected an organisation, found an inriktning".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An organisation.
    Organisation,
    /// A handlingsplan.
    ActionPlan,
    /// A sakområde.
    Topic,
    /// A målområde.
    GoalArea,
    /// A strategisk inriktning.
    Direction,
    /// An indikator.
    Indicator,
    /// An utvecklingsområde.
    FocusArea,
    /// An aktivitetsplan.
    ActivityPlan,
    /// An uppdrag.
    Assignment,
    /// An aktivitet.
    Activity,
}

impl Kind {
    /// The name of the kind, with its article where the language needs one.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Sv, Kind::Organisation) => "en organisation",
            (Lang::Sv, Kind::ActionPlan) => "en handlingsplan",
            (Lang::Sv, Kind::Topic) => "ett sakområde",
            (Lang::Sv, Kind::GoalArea) => "ett målområde",
            (Lang::Sv, Kind::Direction) => "en strategisk inriktning",
            (Lang::Sv, Kind::Indicator) => "en indikator",
            (Lang::Sv, Kind::FocusArea) => "ett utvecklingsområde",
            (Lang::Sv, Kind::ActivityPlan) => "en aktivitetsplan",
            (Lang::Sv, Kind::Assignment) => "ett uppdrag",
            (Lang::Sv, Kind::Activity) => "en aktivitet",
            (Lang::En, Kind::Organisation) => "an organisation",
            (Lang::En, Kind::ActionPlan) => "an action plan (handlingsplan)",
            (Lang::En, Kind::Topic) => "a topic (sakområde)",
            (Lang::En, Kind::GoalArea) => "a goal area (målområde)",
            (Lang::En, Kind::Direction) => "a strategic direction (inriktning)",
            (Lang::En, Kind::Indicator) => "an indicator",
            (Lang::En, Kind::FocusArea) => "a focus area (utvecklingsområde)",
            (Lang::En, Kind::ActivityPlan) => "an activity plan (aktivitetsplan)",
            (Lang::En, Kind::Assignment) => "an assignment (uppdrag)",
            (Lang::En, Kind::Activity) => "an activity",
        }
    }
}

impl Entity {
    /// The kind of this entity.
    pub fn kind(self) -> Kind {
        match self {
            Entity::Organisation(_) => Kind::Organisation,
            Entity::ActionPlan(_) => Kind::ActionPlan,
            Entity::Topic(..) => Kind::Topic,
            Entity::GoalArea(..) => Kind::GoalArea,
            Entity::Direction(..) => Kind::Direction,
            Entity::Indicator(..) => Kind::Indicator,
            Entity::FocusArea(..) => Kind::FocusArea,
            Entity::ActivityPlan(_) => Kind::ActivityPlan,
            Entity::Assignment(..) => Kind::Assignment,
            Entity::Activity(..) => Kind::Activity,
        }
    }
}

/// Every id and what it names.
#[derive(Debug, Default)]
pub struct Index {
    ids: HashMap<String, Entity>,
    /// `(first definition, later definition)` for every id defined more than once.
    pub duplicates: Vec<(Entity, Entity)>,
}

impl Index {
    /// Builds the index of a plan whose entity vectors are complete.
    pub fn build(plan: &Plan) -> Index {
        let mut index = Index { ids: HashMap::with_capacity(estimate(plan)), duplicates: Vec::new() };
        let span = |e: Entity| plan.id_of(e).1;
        let all = [0..plan.organisations.len(), 0..plan.action_plans.len(), 0..plan.activity_plans.len()];
        visit(plan, &all, |id, e| index.add(&span, id, e));
        index
    }

    /// Takes in the new definitions of one file, whose entities lie at `ranges` of the
    /// plan's lists as its old ones did (the same number of organisations, handlingsplaner
    /// and aktivitetsplaner); `old` are the ids and entities the file defined before. The
    /// language server calls it for a keystroke instead of building the whole index again.
    /// With duplicates in the index, which of two definitions wins may change, and only
    /// [`Index::build`] sorts that out: then nothing is changed and `false` returned.
    pub fn replace(&mut self, plan: &Plan, old: &[(String, Entity)], ranges: &Ranges) -> bool {
        if !self.duplicates.is_empty() {
            return false;
        }
        for (id, e) in old {
            if self.ids.get(id.as_str()) == Some(e) {
                self.ids.remove(id.as_str());
            }
        }
        let span = |e: Entity| plan.id_of(e).1;
        visit(plan, ranges, |id, e| self.add(&span, id, e));
        true
    }

    /// The ids the entities at `ranges` define, with the entities.
    pub fn defined_in(plan: &Plan, ranges: &Ranges) -> Vec<(String, Entity)> {
        let mut out = Vec::new();
        visit(plan, ranges, |id, e| out.push((id.to_owned(), e)));
        out
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no ids.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Adds a definition; of two with the same id, the one written first (by file path,
    /// then position) is the definition and the other the duplicate, whatever their kinds.
    fn add(&mut self, span: &impl Fn(Entity) -> Span, id: &str, entity: Entity) {
        match self.ids.get_mut(id) {
            None => {
                self.ids.insert(id.to_owned(), entity);
            }
            Some(first) if span(entity) < span(*first) => {
                self.duplicates.push((entity, *first));
                *first = entity;
            }
            Some(first) => self.duplicates.push((*first, entity)),
        }
    }

    /// What an id names, if anything.
    pub fn get(&self, id: &str) -> Option<Entity> {
        self.ids.get(id).copied()
    }

    /// Every id of one kind, for did-you-mean suggestions.
    pub fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.ids.iter().filter(move |(_, e)| e.kind() == kind).map(|(id, _)| id.as_str())
    }
}

/// Ranges of the plan's lists: organisations, handlingsplaner, aktivitetsplaner.
pub type Ranges = [std::ops::Range<usize>; 3];

/// Every id defined by the entities at `ranges`, with its entity, in the order of the file.
fn visit(plan: &Plan, ranges: &Ranges, mut f: impl FnMut(&str, Entity)) {
    for o in ranges[0].clone() {
        f(&plan.organisations[o].id.value.0, Entity::Organisation(o));
    }
    for p in ranges[1].clone() {
        let ap = &plan.action_plans[p];
        f(&ap.id.value.0, Entity::ActionPlan(p));
        for (t, topic) in ap.topics.iter().enumerate() {
            f(&topic.id.value.0, Entity::Topic(p, t));
        }
        for (g, area) in ap.goal_areas.iter().enumerate() {
            f(&area.id.value.0, Entity::GoalArea(p, g));
            for (d, dir) in area.directions.iter().enumerate() {
                f(&dir.id.value.0, Entity::Direction(p, g, d));
            }
        }
        for (i, focus) in ap.focus_areas.iter().enumerate() {
            f(&focus.id.value.0, Entity::FocusArea(p, i));
        }
        for (at, i, ind) in ap.indicators() {
            f(&ind.id.value.0, Entity::Indicator(p, at, i));
        }
    }
    for p in ranges[2].clone() {
        let ap = &plan.activity_plans[p];
        f(&ap.id.value.0, Entity::ActivityPlan(p));
        for (a, asg) in ap.assignments.iter().enumerate() {
            f(&asg.id.value.0, Entity::Assignment(p, a));
        }
        for (a, act) in ap.activities.iter().enumerate() {
            f(&act.id.value.0, Entity::Activity(p, a));
        }
    }
}

fn estimate(plan: &Plan) -> usize {
    plan.organisations.len()
        + plan
            .action_plans
            .iter()
            .map(|p| 1 + p.topics.len() + p.focus_areas.len() + p.goal_areas.len() * 6)
            .sum::<usize>()
        + plan.activity_plans.iter().map(|p| 1 + p.assignments.len() + p.activities.len()).sum::<usize>()
}

/// A direction that an activity traces to, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trace {
    /// `Entity::Direction`.
    pub direction: Entity,
    /// `Entity::FocusArea` it goes through, or `None` for a direct trace.
    pub via: Option<Entity>,
}

impl Plan {
    /// The directions an activity traces to, directly and through the utvecklingsområden it
    /// names, in order and without repeats. References that do not resolve (P004's
    /// business) are left out. The site, the report and the tables all group by it.
    pub fn traces(&self, act: &super::Activity) -> Vec<Trace> {
        let mut out: Vec<Trace> = Vec::new();
        let mut push = |t: Trace| {
            if !out.iter().any(|o| o.direction == t.direction) {
                out.push(t);
            }
        };
        for d in &act.directions {
            if let Some(e @ Entity::Direction(..)) = self.index.get(&d.value.0) {
                push(Trace { direction: e, via: None });
            }
        }
        for f in &act.focus_areas {
            if let Some(fe @ Entity::FocusArea(p, i)) = self.index.get(&f.value.0) {
                for d in &self.action_plans[p].focus_areas[i].directions {
                    if let Some(e @ Entity::Direction(..)) = self.index.get(&d.value.0) {
                        push(Trace { direction: e, via: Some(fe) });
                    }
                }
            }
        }
        out
    }

    /// The directions of [`Plan::traces`], without how they are reached.
    pub fn traced_directions(&self, act: &super::Activity) -> Vec<Entity> {
        self.traces(act).into_iter().map(|t| t.direction).collect()
    }

    /// An entity's id and the span where it is defined (where findings about it point).
    pub fn id_of(&self, e: Entity) -> (&str, Span) {
        fn pair<T: AsRef<str>>(id: &crate::source::Spanned<T>) -> (&str, Span) {
            (id.value.as_ref(), id.span)
        }
        match e {
            Entity::Organisation(o) => pair(&self.organisations[o].id),
            Entity::ActionPlan(p) => pair(&self.action_plans[p].id),
            Entity::Topic(p, t) => pair(&self.action_plans[p].topics[t].id),
            Entity::GoalArea(p, g) => pair(&self.action_plans[p].goal_areas[g].id),
            Entity::Direction(p, g, d) => pair(&self.action_plans[p].goal_areas[g].directions[d].id),
            Entity::Indicator(p, at, i) => pair(&self.action_plans[p].indicator(at, i).id),
            Entity::FocusArea(p, f) => pair(&self.action_plans[p].focus_areas[f].id),
            Entity::ActivityPlan(p) => pair(&self.activity_plans[p].id),
            Entity::Assignment(p, a) => pair(&self.activity_plans[p].assignments[a].id),
            Entity::Activity(p, a) => pair(&self.activity_plans[p].activities[a].id),
        }
    }

    /// The handlingsplan with this id.
    pub fn action_plan(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some(Entity::ActionPlan(p)) => Some(p),
            _ => None,
        }
    }

    /// A handlingsplan and the plans it follows, nearest first; stops at a cycle or a
    /// missing plan (P011 reports those).
    pub fn chain(&self, plan: usize) -> Vec<usize> {
        let mut chain = vec![plan];
        let mut at = plan;
        while let Some(next) = self.action_plans[at].follows.as_ref().and_then(|f| self.action_plan(&f.value.0)) {
            if chain.contains(&next) {
                break;
            }
            chain.push(next);
            at = next;
        }
        chain
    }

    /// The aktivitetsplaner that belong to the handlingsplan with this id, in file order.
    pub fn activity_plans_of<'a>(&'a self, plan_id: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.activity_plans
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.action_plan.as_ref().is_some_and(|r| r.value.0 == plan_id))
            .map(|(i, _)| i)
    }

    /// Whether the chain from a handlingsplan ends at a plan that follows nothing: no
    /// missing plan, no cycle (P011 reports those). Scope checks need a whole chain.
    pub fn chain_is_whole(&self, plan: usize) -> bool {
        let chain = self.chain(plan);
        chain.last().is_some_and(|&last| self.action_plans[last].follows.is_none())
    }

    /// Number of handlingsplaner and aktivitetsplaner.
    pub fn plan_count(&self) -> usize {
        self.action_plans.len() + self.activity_plans.len()
    }

    /// Number of activities.
    pub fn activity_count(&self) -> usize {
        self.activity_plans.iter().map(|p| p.activities.len()).sum()
    }
}
