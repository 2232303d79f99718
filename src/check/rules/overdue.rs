//! P008 `försenad`: an activity whose end date has passed but that is not finished.
//!
//! The end date is `slut`, or 31 December of the aktivitetsplan's year when there is none;
//! "passed" is measured against the check date, so CI can pin it with `--today`.

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
försenade aktiviteter blir komplett.",
        en: "\
An activity whose end date has passed should be `klar` or `avbruten`, or get a new end date. \
The end date is `slut`, or 31 December of the aktivitetsplan's year when `slut` is absent. The \
check date is today unless pinned with `--today`, `PLAN_TODAY` or `today` in `plan.toml`. An \
activity with status `försenad` is reported too, so that the list of overdue activities is \
complete.",
    },
};

impl Rule for Overdue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lang = cx.lang;
        let today = cx.today;
        for ap in &cx.plan.activity_plans {
            let year = ap.year.map(|y| y.value);
            for act in &ap.activities {
                let Some(status) = &act.status else { continue };
                let due = act.due_date(year);
                let Some(end) = due.filter(|_| status.value.is_overdue(due, today)) else { continue };
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
                    "sätt status `klar` eller `avbruten` med en uppföljning, eller ge aktiviteten ett nytt `slut`",
                    "set status `klar` or `avbruten` with a follow-up, or give the activity a new `slut`"
                ));
                if let Some(e) = &act.end {
                    d = d.with_related(e.span, t!(lang, "slutdatum", "end date"));
                }
                out.push(d);
            }
        }
    }
}
