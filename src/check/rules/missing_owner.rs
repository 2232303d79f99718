//! P006 `saknar-ansvarig`: an activity without `ansvarig`.
//!
//! Every activity needs one accountable organisation; the published follow-up is
//! meaningless without it. Reported here rather than as a missing key (P002) so that it
//! can be configured on its own.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::t;

/// The rule.
pub struct MissingOwner;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P006"),
    name: "saknar-ansvarig",
    default_severity: Severity::Error,
    summary: Text { sv: "En aktivitet saknar `ansvarig`.", en: "An activity has no `ansvarig` (owner)." },
    description: Text {
        sv: "\
Varje aktivitet ska ha exakt en ansvarig organisation, `ansvarig: <organisations-id>`. \
Ansvarig är alltid en organisation eller roll, aldrig en namngiven person: filerna är \
offentliga. Andra som deltar skrivs under `medverkande`.",
        en: "\
Every activity must have exactly one responsible organisation, `ansvarig: <organisation id>`. \
The owner is always an organisation or a role, never a named person: the files are public. \
Others who take part go under `medverkande`.",
    },
};

impl Rule for MissingOwner {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for plan in &cx.plan.activity_plans {
            for activity in plan
                .activities
                .iter()
                .filter(|a| !a.owner_malformed && a.owner.as_ref().is_none_or(|o| o.value.0.trim().is_empty()))
            {
                let id = &activity.id.value;
                let lang = cx.lang;
                out.push(
                    Diagnostic::new(
                        META.code,
                        activity.id.span,
                        t!(lang, "aktiviteten `{id}` saknar `ansvarig`", "the activity `{id}` has no `ansvarig`"),
                    )
                    .with_help(t!(
                        lang,
                        "lägg till `ansvarig: <organisations-id>` med den organisation som ansvarar för aktiviteten",
                        "add `ansvarig: <organisation id>` naming the organisation responsible for the activity"
                    )),
                );
            }
        }
    }
}
