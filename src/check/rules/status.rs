//! P009 `status`: an activity's status disagrees with its own follow-up log.
//!
//! `status` is the current state and `uppföljning` the record of how it got there, so the
//! latest follow-up's status should equal `status`, and a finished activity should have a
//! follow-up that says so.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Status;
use crate::t;

/// The rule.
pub struct StatusMismatch;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P009"),
    name: "status",
    default_severity: Severity::Warning,
    summary: Text {
        sv: "Den senaste uppföljningens status skiljer sig från `status`; `klar` utan uppföljning.",
        en: "The latest follow-up's status differs from `status`; `klar` with no follow-up.",
    },
    description: Text {
        sv: "\
`status` är aktivitetens läge nu och `uppföljning` är loggen över hur den kom dit. Den senaste \
uppföljningen (den med senast datum) ska därför ha samma status som `status`. En aktivitet \
med status `klar` ska ha minst en uppföljning, så att det går att se när och hur den blev klar.",
        en: "\
`status` is the activity's state now and `uppföljning` is the log of how it got there. The \
latest follow-up (the one with the latest date) should therefore have the same status as \
`status`. An activity with status `klar` should have at least one follow-up, so that one can \
see when and how it was finished.",
    },
};

impl Rule for StatusMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lang = cx.lang;
        for ap in &cx.plan.activity_plans {
            for act in &ap.activities {
                let Some(status) = &act.status else { continue };
                let id = &act.id.value;
                let s = status.value.as_str();
                match act.latest_follow_up() {
                    Some(latest) => {
                        let Some(reported) = &latest.status else { continue };
                        if reported.value == status.value {
                            continue;
                        }
                        let r = reported.value.as_str();
                        let date = latest.date.as_ref().map(|d| d.value.to_string()).unwrap_or_default();
                        out.push(
                            Diagnostic::new(
                                META.code,
                                status.span,
                                t!(
                                    lang,
                                    "`{id}` har status `{s}`, men senaste uppföljningen ({date}) säger `{r}`",
                                    "`{id}` has status `{s}`, but the latest follow-up ({date}) says `{r}`"
                                ),
                            )
                            .with_related(reported.span, t!(lang, "senaste uppföljningen", "latest follow-up"))
                            .with_help(t!(
                                lang,
                                "lägg till en uppföljning med status `{s}`, eller ändra `status` till `{r}`",
                                "add a follow-up with status `{s}`, or change `status` to `{r}`"
                            )),
                        );
                    }
                    None if status.value == Status::Done => {
                        out.push(
                            Diagnostic::new(
                                META.code,
                                status.span,
                                t!(
                                    lang,
                                    "`{id}` är `klar` men har ingen uppföljning",
                                    "`{id}` is `klar` but has no follow-up"
                                ),
                            )
                            .with_help(t!(
                                lang,
                                "lägg till `uppföljning: [{{ datum: ÅÅÅÅ-MM-DD, status: klar, kommentar: \"…\" }}]`",
                                "add `uppföljning: [{{ datum: YYYY-MM-DD, status: klar, kommentar: \"…\" }}]`"
                            )),
                        );
                    }
                    None => {}
                }
            }
        }
    }
}
