//! P004 `okänd-referens`: a reference to an id that does not exist, or to the wrong kind.
//!
//! Every reference in the format has one expected kind (`ansvarig` names an organisation,
//! `inriktningar` strategic directions, …), and some have a scope: an activity's
//! `utvecklingsområden` and `uppdrag` must be its own plan's, and `inriktningar` and
//! `sakområden` must belong to the handlingsplan chain the work follows. Unknown ids get a
//! did-you-mean among the ids of the expected kind and scope. `följer` is P011's.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::sanitize;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lang::Lang;
use crate::model::index::Kind;
use crate::model::{Entity, Plan};
use crate::source::Spanned;
use crate::suggest::Likely;
use crate::t;

/// The rule.
pub struct UnknownReference;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P004"),
    name: "okänd-referens",
    default_severity: Severity::Error,
    summary: Text {
        sv: "En referens till ett id som inte finns, eller som finns men är fel sorts sak (till exempel `ansvarig` som pekar på en inriktning).",
        en: "A reference to an id that does not exist, or exists as the wrong kind of thing (for example `ansvarig` naming an inriktning).",
    },
    description: Text {
        sv: "\
Referenser knyter ihop planen: `ansvarig`, `medverkande`, `ägare`, `av`, `del_av` och \
`samrådsgrupp` pekar på organisationer; `inriktningar` på strategiska inriktningar; \
`sakområden` på sakområden; `utvecklingsområden` på utvecklingsområden; `uppdrag` på ett \
uppdrag; `fortsätter` på en aktivitet; `handlingsplan` på en handlingsplan. Regeln rapporterar en referens

- till ett id som inte finns (med förslag på ett id som liknar det);
- till ett id som finns men är fel sorts sak;
- utanför sitt sammanhang: en aktivitets `utvecklingsområden` ska höra till dess egen \
handlingsplan (eller en plan den följer) och `uppdrag` till den egna aktivitetsplanen; \
`inriktningar` och `sakområden` ska höra till den kedja av planer som arbetet följer.

Hjälpen säger vilket id som troligen menades: ett id med mellanslag runt sig, en inriktning \
utan sina bokstäver (`1.2` för `MO1.2`, också skrivet som tal), en organisation skriven med sitt \
namn eller sin kommunkod i stället för sitt id, ett stavfel. Ett id som är definierat två gånger, \
en gång som det slag som ska stå här, pekar på den definitionen (dubbletten rapporteras av P003).

En `följer` som pekar fel rapporteras av P011.",
        en: "\
References tie the plan together: `ansvarig`, `medverkande`, `ägare`, `av`, `del_av` and \
`samrådsgrupp` name organisations; `inriktningar` strategic directions; `sakområden` topics; \
`utvecklingsområden` focus areas; `uppdrag` an assignment; `fortsätter` an activity; \
`handlingsplan` an action plan. \
The rule reports a reference

- to an id that does not exist (suggesting a similar id);
- to an id that exists but is the wrong kind of thing;
- out of its scope: an activity's `utvecklingsområden` must belong to its own handlingsplan \
(or a plan it follows) and `uppdrag` to its own aktivitetsplan; `inriktningar` and \
`sakområden` must belong to the chain of plans the work follows.

The help says which id was probably meant: an id with a space around it, an inriktning \
without its letters (`1.2` for `MO1.2`, also written as a number), an organisation written by \
its name or its kommunkod instead of its id, a typo. An id defined twice, once as the kind \
expected here, names that definition (P003 reports the duplicate).

A `följer` that points wrong is reported by P011.",
    },
};

/// Where a scoped reference may point: the handlingsplaner of a chain, or one
/// aktivitetsplan's uppdrag.
#[derive(Clone, Copy)]
enum Scope<'c> {
    /// Anywhere in the repository.
    Anywhere,
    /// Inside these handlingsplaner (a plan and the plans it follows).
    Chain(&'c [usize]),
    /// Inside this aktivitetsplan.
    ActivityPlan(usize),
}

impl Rule for UnknownReference {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut r = Resolver { plan: cx.plan, lang: cx.lang, out };
        let plan = cx.plan;
        for org in &plan.organisations {
            r.one(&org.part_of, Kind::Organisation, Scope::Anywhere, "del_av");
        }
        for (p, ap) in plan.action_plans.iter().enumerate() {
            let chain = plan.chain(p);
            // With a broken `följer` (P011) the plan's scope is unknown; do not add findings.
            let scope = if plan.chain_is_whole(p) { Scope::Chain(&chain) } else { Scope::Anywhere };
            r.one(&ap.owner, Kind::Organisation, Scope::Anywhere, "ägare");
            if let Some(d) = &ap.decision {
                r.one(&d.by, Kind::Organisation, Scope::Anywhere, "av");
            }
            for topic in &ap.topics {
                r.one(&topic.consultation_group, Kind::Organisation, Scope::Anywhere, "samrådsgrupp");
            }
            for focus in &ap.focus_areas {
                r.many(&focus.directions, Kind::Direction, scope, "inriktningar");
                r.one(&focus.owner, Kind::Organisation, Scope::Anywhere, "ansvarig");
            }
        }
        for (p, ap) in plan.activity_plans.iter().enumerate() {
            r.one(&ap.action_plan, Kind::ActionPlan, Scope::Anywhere, "handlingsplan");
            let chain = ap
                .action_plan
                .as_ref()
                .and_then(|id| plan.action_plan(&id.value.0))
                .map(|a| plan.chain(a))
                .unwrap_or_default();
            // Without a resolvable handlingsplan, or with a broken chain above it, there is no
            // scope to check against; the reference or the chain has been reported already.
            let whole = chain.first().is_none_or(|&first| plan.chain_is_whole(first));
            let chain_scope =
                if ap.action_plan.is_some() && chain.is_empty() || !whole { None } else { Some(Scope::Chain(&chain)) };
            if let Some(d) = &ap.decision {
                r.one(&d.by, Kind::Organisation, Scope::Anywhere, "av");
            }
            for asg in &ap.assignments {
                r.one(&asg.owner, Kind::Organisation, Scope::Anywhere, "ansvarig");
            }
            for act in &ap.activities {
                r.one(&act.owner, Kind::Organisation, Scope::Anywhere, "ansvarig");
                r.many(&act.contributors, Kind::Organisation, Scope::Anywhere, "medverkande");
                r.one(&act.assignment, Kind::Assignment, Scope::ActivityPlan(p), "uppdrag");
                r.one(&act.continues, Kind::Activity, Scope::Anywhere, "fortsätter");
                let scope = chain_scope.unwrap_or(Scope::Anywhere);
                r.many(&act.directions, Kind::Direction, scope, "inriktningar");
                r.many(&act.topics, Kind::Topic, scope, "sakområden");
                r.many(&act.focus_areas, Kind::FocusArea, scope, "utvecklingsområden");
            }
        }
    }
}

struct Resolver<'p, 'o> {
    plan: &'p Plan,
    lang: Lang,
    out: &'o mut Vec<Diagnostic>,
}

impl<'p> Resolver<'p, '_> {
    fn one<T: AsRef<str>>(&mut self, reference: &Option<Spanned<T>>, kind: Kind, scope: Scope<'_>, key: &str) {
        if let Some(r) = reference {
            self.resolve(r, kind, scope, key);
        }
    }

    fn many<T: AsRef<str>>(&mut self, references: &[Spanned<T>], kind: Kind, scope: Scope<'_>, key: &str) {
        for r in references {
            self.resolve(r, kind, scope, key);
        }
    }

    fn resolve<T: AsRef<str>>(&mut self, reference: &Spanned<T>, kind: Kind, scope: Scope<'_>, key: &str) {
        let id = reference.value.as_ref();
        let index = &self.plan.index;
        // An id defined twice, once as the kind expected here, names that definition: P003
        // reports the duplicate, and every reference to it would only repeat that.
        let found = match index.get(id) {
            Some(e) if e.kind() != kind => index
                .duplicates
                .iter()
                .find(|(first, again)| *first == e && again.kind() == kind)
                .map(|&(_, a)| a)
                .or(Some(e)),
            found => found,
        };
        if found.is_some_and(|e| e.kind() == kind && in_scope(e, scope)) {
            return;
        }
        let lang = self.lang;
        let shown = sanitize(id);
        let what = kind.name(lang);
        // The id meant, for the help and as a fix an editor can apply.
        let code_of = |r: &Self| {
            r.plan.organisations.iter().filter(|_| kind == Kind::Organisation).find_map(|o| {
                let code = o.municipality_code.as_ref()?;
                (code.value == id.trim().trim_start_matches('+')).then(|| o.id.value.as_str())
            })
        };
        let likely = self.likely(id, kind, scope);
        let meant = code_of(self).or(likely.map(Likely::id));
        // An organisation written as its kommunkod (`ansvarig: 0187`) is named by its id.
        let help = match code_of(self) {
            Some(org) => Some(t!(
                lang,
                "`{shown}` är kommunkoden för `{org}`; skriv organisationens id: `{org}`",
                "`{shown}` is the municipality code of `{org}`; write the organisation's id: `{org}`"
            )),
            None => likely.map(|l| likely_help(lang, id, l, kind)),
        };
        let diagnostic = match found {
            Some(e) if e.kind() == kind => {
                let (owner_id, owner_span) = self.owner_of(e);
                Diagnostic::new(META.code, reference.span, out_of_scope(lang, key, &shown, what))
                    .with_related(owner_span, defined_in(lang, owner_id))
                    .with_help(help.or_else(|| Some(scope_help(lang, key))))
            }
            Some(e) => {
                let is = e.kind().name(lang);
                Diagnostic::new(META.code, reference.span, wrong_kind(lang, key, &shown, what, is))
                    .with_related(self.plan.id_of(e).1, defined_as(lang, is))
                    .with_help(help)
            }
            None => Diagnostic::new(META.code, reference.span, unknown(lang, &shown, what))
                .with_help(help.or_else(|| Some(unknown_help(lang, kind))))
                .about(id),
        };
        let diagnostic = match meant {
            Some(meant) => diagnostic.with_fix(reference.span, meant),
            None => diagnostic,
        };
        self.out.push(diagnostic);
    }

    /// The id of the expected kind inside the scope that `id` most likely meant. Only
    /// computed for findings, so a clean repository never pays for it.
    fn likely(&self, id: &str, kind: Kind, scope: Scope<'_>) -> Option<Likely<'p>> {
        let candidates = candidates(self.plan, kind, scope);
        crate::suggest::likely(id, &candidates)
    }

    /// The plan an entity belongs to, for "belongs to plan X".
    fn owner_of(&self, e: Entity) -> (&str, crate::source::Span) {
        let plan = self.plan;
        match e {
            Entity::Topic(p, _)
            | Entity::GoalArea(p, _)
            | Entity::Direction(p, ..)
            | Entity::Indicator(p, ..)
            | Entity::FocusArea(p, _) => plan.id_of(Entity::ActionPlan(p)),
            Entity::Assignment(p, _) | Entity::Activity(p, _) => plan.id_of(Entity::ActivityPlan(p)),
            other => plan.id_of(other),
        }
    }
}

/// Every id of `kind` inside `scope`, each with its name (an inriktning's text), for
/// did-you-mean.
fn candidates<'p>(plan: &'p Plan, kind: Kind, scope: Scope<'_>) -> Vec<(&'p str, Option<&'p str>)> {
    match (kind, scope) {
        (Kind::Organisation, _) => plan.organisations.iter().map(|o| (o.id.value.as_str(), name(&o.name))).collect(),
        (Kind::ActionPlan, _) => plan.action_plans.iter().map(|a| (a.id.value.as_str(), name(&a.name))).collect(),
        (Kind::Assignment, Scope::ActivityPlan(p)) => {
            plan.activity_plans[p].assignments.iter().map(|a| (a.id.value.as_str(), name(&a.name))).collect()
        }
        (Kind::Direction | Kind::Topic | Kind::FocusArea, Scope::Chain(chain)) => {
            chain.iter().flat_map(|&p| ids_in_plan(plan, p, kind)).collect()
        }
        (Kind::Direction | Kind::Topic | Kind::FocusArea, _) => {
            (0..plan.action_plans.len()).flat_map(|p| ids_in_plan(plan, p, kind)).collect()
        }
        _ => plan.index.ids_of(kind).map(|id| (id, None)).collect(),
    }
}

/// A name (or text) as written, if it is.
fn name(n: &Option<Spanned<String>>) -> Option<&str> {
    n.as_ref().map(|n| n.value.as_str())
}

fn ids_in_plan(plan: &Plan, p: usize, kind: Kind) -> Vec<(&str, Option<&str>)> {
    let ap = &plan.action_plans[p];
    match kind {
        Kind::Direction => {
            ap.goal_areas.iter().flat_map(|g| &g.directions).map(|d| (d.id.value.as_str(), name(&d.text))).collect()
        }
        Kind::Topic => ap.topics.iter().map(|t| (t.id.value.as_str(), name(&t.name))).collect(),
        Kind::FocusArea => ap.focus_areas.iter().map(|f| (f.id.value.as_str(), name(&f.name))).collect(),
        _ => Vec::new(),
    }
}

/// The id of `kind` (an inriktning or an utvecklingsområde) that an unknown reference most
/// likely meant, among all of that kind in the repository: P010 counts it as covered, since
/// P004 already reports the reference with that id as its help.
pub fn meant<'p>(plan: &'p Plan, id: &str, kind: Kind) -> Option<&'p str> {
    crate::suggest::likely(id, &candidates(plan, kind, Scope::Anywhere)).map(Likely::id)
}

fn in_scope(e: Entity, scope: Scope<'_>) -> bool {
    match (scope, e) {
        (Scope::Anywhere, _) => true,
        (Scope::Chain(chain), Entity::Topic(p, _) | Entity::Direction(p, ..) | Entity::FocusArea(p, _)) => {
            chain.contains(&p)
        }
        (Scope::ActivityPlan(own), Entity::Assignment(p, _)) => own == p,
        _ => true,
    }
}

/// The help for a reference that most likely meant another id.
fn likely_help(lang: Lang, written: &str, likely: Likely<'_>, kind: Kind) -> String {
    match likely {
        Likely::Typo(id) => t!(lang, "menade du `{id}`?", "did you mean `{id}`?"),
        Likely::Trimmed(id) => t!(
            lang,
            "ta bort mellanslaget före eller efter id:t: `{id}`",
            "remove the space before or after the id: `{id}`"
        ),
        Likely::Suffix(id) => t!(
            lang,
            "menade du `{id}`? skriv hela id:t, med bokstäverna först",
            "did you mean `{id}`? write the whole id, letters first"
        ),
        Likely::Name { id, name } => {
            let (what, written) = (kind.name(lang), sanitize(written.trim()));
            if crate::suggest::did_you_mean(&written, [name]).is_some() {
                t!(
                    lang,
                    "det liknar `{name}`, som är namnet på {what}; skriv dess id: `{id}`",
                    "that looks like `{name}`, the name of {what}; write its id: `{id}`"
                )
            } else {
                t!(
                    lang,
                    "`{written}` är namnet på {what}; skriv dess id: `{id}`",
                    "`{written}` is the name of {what}; write its id: `{id}`"
                )
            }
        }
    }
}

fn unknown(lang: Lang, id: &str, what: &str) -> String {
    t!(lang, "`{id}` finns inte; här ska stå {what}", "`{id}` does not exist; expected {what} here")
}

fn unknown_help(lang: Lang, kind: Kind) -> String {
    match kind {
        Kind::Organisation => t!(
            lang,
            "organisationer definieras i en fil med `typ: organisationer`; lägg till den där eller rätta stavningen",
            "organisations are defined in a file with `typ: organisationer`; add it there or correct the spelling"
        ),
        _ => t!(
            lang,
            "kontrollera stavningen mot den plan som definierar id:t",
            "check the spelling against the plan that defines the id"
        ),
    }
}

fn wrong_kind(lang: Lang, key: &str, id: &str, what: &str, is: &str) -> String {
    t!(lang, "`{key}` ska peka på {what}, men `{id}` är {is}", "`{key}` must name {what}, but `{id}` is {is}")
}

fn defined_as(lang: Lang, is: &str) -> String {
    t!(lang, "definierat här som {is}", "defined here as {is}")
}

fn out_of_scope(lang: Lang, key: &str, id: &str, what: &str) -> String {
    t!(
        lang,
        "`{id}` är {what} i en annan plan och kan inte användas i `{key}` här",
        "`{id}` is {what} of another plan and cannot be used in `{key}` here"
    )
}

fn defined_in(lang: Lang, plan: &str) -> String {
    t!(lang, "hör till planen `{plan}`", "belongs to the plan `{plan}`")
}

fn scope_help(lang: Lang, key: &str) -> String {
    match key {
        "uppdrag" => t!(
            lang,
            "en aktivitet kan bara höra till ett uppdrag i sin egen aktivitetsplan",
            "an activity can only belong to an uppdrag in its own aktivitetsplan"
        ),
        _ => t!(
            lang,
            "använd id från den egna handlingsplanen eller de planer den följer (`följer`)",
            "use ids from the plan's own handlingsplan or the plans it follows (`följer`)"
        ),
    }
}
