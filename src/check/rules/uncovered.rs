//! P010 `ej-täckt`: a strategic direction that no activity in the repository traces to.
//!
//! The inverse of P005: not "is all work traceable to the strategy?" but "is every part of
//! the strategy being worked on?". An activity covers the directions it names and those of
//! the utvecklingsområden it names. One pass over all activities marks what is covered. A
//! misspelt reference covers what it most likely meant (P004 reports the misspelling), so
//! that one typo gives one finding.

use super::unknown_reference;
use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::index::Kind;
use crate::model::{Entity, Plan};
use crate::t;
use foldhash::{HashSet, HashSetExt};

/// The rule.
pub struct Uncovered;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P010"),
    name: "ej-täckt",
    default_severity: Severity::Warning,
    summary: Text {
        sv: "En strategisk inriktning som ingen aktivitet i repositoriet leder till.",
        en: "A strategic direction that no activity in the repository traces to.",
    },
    description: Text {
        sv: "\
Varje strategisk inriktning bör ha minst en aktivitet någonstans i repositoriet som leder \
till den, direkt med `inriktningar` eller via ett utvecklingsområde. En inriktning utan \
aktivitet är en lucka i genomförandet. Varningen är ärlig information, inte ett fel: ett \
repositorium med bara länsplanen och inga aktivitetsplaner ger en varning per inriktning. \
Stäng av regeln i `plan.toml` med `[rules]` och `P010 = \"off\"` om den inte är till hjälp. \
En felstavad referens räknas som den inriktning den troligen menar (P004 rapporterar stavfelet), \
och en inriktning som en fil som inte går att läsa kan leda till rapporteras inte förrän filen \
går att läsa.",
        en: "\
Every strategic direction should have at least one activity somewhere in the repository that \
traces to it, directly with `inriktningar` or through a focus area. A direction without \
activities is a gap in the implementation. The warning is honest information, not an error: a \
repository with only the county plan and no activity plans gets one warning per direction. Turn \
the rule off in `plan.toml` with `[rules]` and `P010 = \"off\"` if it does not help. A \
misspelt reference counts as the inriktning it most likely means (P004 reports the typo), and \
an inriktning that a file which cannot be read may trace to is not reported until the file can \
be read.",
    },
};

/// Whether `id` names something of `kind`.
fn resolves(plan: &Plan, id: &str, kind: Kind) -> bool {
    plan.index.get(id).is_some_and(|e| e.kind() == kind)
}

impl Rule for Uncovered {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let plan = cx.plan;
        let mut covered: HashSet<Entity> = HashSet::new();
        // A reference that does not resolve covers what it most likely meant: P004 reports
        // it with that id as its help, and an uncovered inriktning would only repeat it.
        let mut meant: HashSet<&str> = HashSet::new();
        for ap in &plan.activity_plans {
            for act in &ap.activities {
                covered.extend(plan.traced_directions(act));
                for d in act.directions.iter().filter(|d| !resolves(plan, &d.value.0, Kind::Direction)) {
                    meant.extend(unknown_reference::meant(plan, &d.value.0, Kind::Direction));
                }
                for f in act.focus_areas.iter().filter(|f| !resolves(plan, &f.value.0, Kind::FocusArea)) {
                    let Some(Entity::FocusArea(p, i)) =
                        unknown_reference::meant(plan, &f.value.0, Kind::FocusArea).and_then(|id| plan.index.get(id))
                    else {
                        continue;
                    };
                    meant.extend(plan.action_plans[p].focus_areas[i].directions.iter().map(|d| d.value.0.as_str()));
                }
            }
        }
        let lang = cx.lang;
        for (p, ap) in plan.action_plans.iter().enumerate() {
            for (g, area) in ap.goal_areas.iter().enumerate() {
                for (d, dir) in area.directions.iter().enumerate() {
                    // A duplicate definition is not what references resolve to; P003 covers it.
                    if plan.index.get(&dir.id.value.0) != Some(Entity::Direction(p, g, d))
                        || covered.contains(&Entity::Direction(p, g, d))
                        || meant.contains(dir.id.value.0.as_str())
                    {
                        continue;
                    }
                    let id = &dir.id.value;
                    out.push(
                        Diagnostic::new(META.code, dir.id.span, t!(lang, "ingen aktivitet leder till inriktningen `{id}`", "no activity traces to the direction `{id}`")).with_help(t!(
                            lang,
                            "planera en aktivitet med `inriktningar: [{id}]`, eller via ett utvecklingsområde som nämner den",
                            "plan an activity with `inriktningar: [{id}]`, or through a focus area that names it"
                        ))
                        .about(&id.0),
                    );
                }
            }
        }
    }
}
