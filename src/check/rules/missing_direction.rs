//! P005 `saknar-inriktning`: work that traces to no strategic direction.
//!
//! The point of the tool is to prove that every piece of work traces back to the county
//! strategy. An activity traces through `inriktningar` directly or through the
//! `utvecklingsområden` of its plan; an utvecklingsområde through its own `inriktningar`.
//! References that do not resolve are P004's; this rule fires when there is nothing to
//! trace through at all.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::t;

/// The rule.
pub struct MissingDirection;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P005"),
    name: "saknar-inriktning",
    default_severity: Severity::Error,
    summary: Text {
        sv: "En aktivitet eller ett utvecklingsområde leder inte till någon strategisk inriktning.",
        en: "An activity or utvecklingsområde traces to no strategic direction.",
    },
    description: Text {
        sv: "\
Allt arbete ska gå att spåra till länets strategi. En aktivitet spåras antingen direkt, med \
`inriktningar: [MO2.3]`, eller via sin plans utvecklingsområden, med \
`utvecklingsområden: [STHLM-U1]`; ett utvecklingsområde spåras med sina egna `inriktningar`. \
Regeln rapporterar aktiviteter och utvecklingsområden som inte nämner något att spåra genom. \
Referenser som inte finns rapporteras av P004.",
        en: "\
All work must trace to the county strategy. An activity traces either directly, with \
`inriktningar: [MO2.3]`, or through its plan's focus areas, with \
`utvecklingsområden: [STHLM-U1]`; a focus area traces with its own `inriktningar`. The rule \
reports activities and focus areas that name nothing to trace through. References that do \
not exist are reported by P004.",
    },
};

impl Rule for MissingDirection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lang = cx.lang;
        for plan in &cx.plan.action_plans {
            for focus in plan.focus_areas.iter().filter(|f| f.directions.is_empty()) {
                let id = &focus.id.value;
                out.push(
                    Diagnostic::new(
                        META.code,
                        focus.id.span,
                        t!(
                            lang,
                            "utvecklingsområdet `{id}` leder inte till någon strategisk inriktning",
                            "the focus area `{id}` traces to no strategic direction"
                        ),
                    )
                    .with_help(t!(
                        lang,
                        "lägg till `inriktningar: [...]` med id för länsplanens inriktningar, till exempel MO1.2",
                        "add `inriktningar: [...]` with ids of the county plan's directions, for example MO1.2"
                    )),
                );
            }
        }
        for plan in &cx.plan.activity_plans {
            for activity in plan
                .activities
                .iter()
                .filter(|a| a.directions.is_empty() && a.focus_areas.is_empty() && !a.traces_malformed)
            {
                let id = &activity.id.value;
                out.push(
                    Diagnostic::new(
                        META.code,
                        activity.id.span,
                        t!(
                            lang,
                            "aktiviteten `{id}` leder inte till någon strategisk inriktning",
                            "the activity `{id}` traces to no strategic direction"
                        ),
                    )
                    .with_help(t!(
                        lang,
                        "lägg till `inriktningar: [...]` eller `utvecklingsområden: [...]`",
                        "add `inriktningar: [...]` or `utvecklingsområden: [...]`"
                    )),
                );
            }
        }
    }
}
