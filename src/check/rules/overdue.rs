//! P008 `försenad`: an activity whose end date has passed but that is not finished.
//!
//! The end date is `slut`, or 31 December of the aktivitetsplan's year when there is none;
//! "passed" is measured against the check date, so CI can pin it with `--today`. Work
//! carried into a later aktivitetsplan (another activity says `fortsätter:` this one) goes
//! on under its new id and is not reported here.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::t;

/// The rule.
pub struct Overdue;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P008"),
    name: "försenad",
    default_severity: Severity::Warning,
    summary: Text {
        sv: "`slut` har passerats (mot kontrolldatumet) och status är inte `klar` eller `avbruten`.",
        en: "`slut` has passed (against the check date) and the status is not `klar` or `avbruten`.",
    },
    description: Text {
        sv: "\
En aktivitet vars slutdatum har passerat ska antingen vara `klar` eller `avbruten`, eller få \
ett nytt slutdatum. Slutdatumet är `slut`, eller 31 december aktivitetsplanens år om `slut` \
saknas. Kontrolldatumet är dagens datum om det inte låses med `--today`, `PLAN_TODAY` eller \
`today` i `plan.toml`. Även en aktivitet med status `försenad` rapporteras, så att listan över \
försenade aktiviteter blir komplett. En aktivitet som en senare aktivitet fortsätter \
(`fortsätter:`, som `plan new aktivitetsplan` skriver) rapporteras inte: arbetet pågår under \
det nya id:t.",
        en: "\
An activity whose end date has passed should be `klar` or `avbruten`, or get a new end date. \
The end date is `slut`, or 31 December of the aktivitetsplan's year when `slut` is absent. The \
check date is today unless pinned with `--today`, `PLAN_TODAY` or `today` in `plan.toml`. An \
activity with status `försenad` is reported too, so that the list of overdue activities is \
complete. An activity that a later activity continues (`fortsätter:`, as `plan new \
aktivitetsplan` writes it) is not reported: the work goes on under the new id.",
    },
};

impl Rule for Overdue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lang = cx.lang;
        let today = cx.today;
        let continued: std::collections::HashSet<&str> = cx
            .plan
            .activity_plans
            .iter()
            .flat_map(|ap| &ap.activities)
            .filter_map(|a| a.continues.as_ref().map(|c| c.value.as_str()))
            .collect();
        for ap in &cx.plan.activity_plans {
            let year = ap.year.map(|y| y.value);
            for act in &ap.activities {
                let Some(status) = &act.status else { continue };
                let due = act.due_date(year);
                let Some(end) = due.filter(|_| status.value.is_overdue(due, today)) else { continue };
                if continued.contains(act.id.value.as_str()) {
                    continue;
                }
                let id = &act.id.value;
                let s = status.value.as_str();
                let mut d = Diagnostic::new(
                    META.code,
                    status.span,
                    t!(
                        lang,
                        "`{id}` skulle vara klar {end} men har status `{s}`",
                        "`{id}` was due {end} but has status `{s}`"
                    ),
                )
                .with_help(t!(
                    lang,
                    "sätt status `klar` eller `avbruten` med en uppföljning, ge aktiviteten ett nytt `slut`, eller för över den till nästa år med `plan new aktivitetsplan`",
                    "set status `klar` or `avbruten` with a follow-up, give the activity a new `slut`, or carry it into next year with `plan new aktivitetsplan`"
                ));
                if let Some(e) = &act.end {
                    d = d.with_related(e.span, t!(lang, "slutdatum", "end date"));
                }
                out.push(d);
            }
        }
    }
}
