//! P007 `datum`: dates that contradict each other or the check date.
//!
//! An activity lives inside its aktivitetsplan's year, which lies inside its handlingsplan's
//! period, which lies inside the period of the plan it follows; an end comes after its
//! start; and a follow-up reports something that has happened, so it cannot be dated after
//! the check date.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lang::Lang;
use crate::model::{Period, year_bounds};
use crate::t;
use chrono::Datelike;

/// Help for an `år` that the activities' dates say should be another year.
fn year_help(lang: Lang, meant: i32, dates: usize) -> String {
    let n = crate::lang::ui::count(lang, dates, ("datum", "datum", "date", "dates"));
    t!(
        lang,
        "menade du `år: {meant}`? aktiviteternas {n} ligger i {meant}",
        "did you mean `år: {meant}`? the activities' {n} lie in {meant}"
    )
}

/// The rule.
pub struct Dates;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P007"),
    name: "datum",
    default_severity: Severity::Error,
    summary: Text {
        sv: "`slut` före `start`; en aktivitet utanför sin plans år; ett planår eller en period utanför den följda planens period; en uppföljning daterad efter kontrolldatumet.",
        en: "`slut` before `start`; an activity outside its plan's year; a plan year or period outside the followed plan's period; a follow-up dated after the check date.",
    },
    description: Text {
        sv: "\
Datumen i en plan ska hänga ihop:

- en periods `till` kommer inte före dess `från`;
- en aktivitets `slut` kommer inte före dess `start`;
- en aktivitets `start` och `slut` ligger inom aktivitetsplanens `år` (utan `start` och `slut` \
gäller 1 januari och 31 december det året); arbete som fortsätter nästa år tas upp i nästa års \
aktivitetsplan;
- en aktivitetsplans `år` ligger inom handlingsplanens `period`;
- en lokal plans `period` ligger inom perioden för planen den följer;
- en uppföljning är inte daterad efter kontrolldatumet (i dag, eller `--today`).

När aktivitetsplanens `år` är det som är fel (det ligger utanför perioden, eller alla \
aktiviteternas datum ligger i ett annat år) rapporteras det en gång, vid `år`, med året som \
datumen ligger i, och inte vid varje datum.",
        en: "\
The dates of a plan must agree:

- a period's `till` does not come before its `från`;
- an activity's `slut` does not come before its `start`;
- an activity's `start` and `slut` lie inside its aktivitetsplan's `år` (without `start` and \
`slut`, 1 January and 31 December of that year apply); work that goes on next year is taken \
up in next year's aktivitetsplan;
- an aktivitetsplan's `år` lies inside its handlingsplan's `period`;
- a local plan's `period` lies inside the period of the plan it follows;
- a follow-up is not dated after the check date (today, or `--today`).

When it is the aktivitetsplan's `år` that is wrong (it lies outside the period, or all the \
activities' dates lie in another year), it is reported once, at `år`, with the year the dates \
lie in, not at every date.",
    },
};

impl Rule for Dates {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let plan = cx.plan;
        let lang = cx.lang;
        for ap in &plan.action_plans {
            let Some(period) = ap.period else { continue };
            if period.to.value < period.from.value {
                let (from, to) = (period.from.value, period.to.value);
                out.push(Diagnostic::new(
                    META.code,
                    period.to.span,
                    t!(
                        lang,
                        "perioden slutar {to}, före sin början {from}",
                        "the period ends in {to}, before it starts in {from}"
                    ),
                ));
                continue;
            }
            let followed = ap
                .follows
                .as_ref()
                .and_then(|f| plan.action_plan(&f.value.0))
                .and_then(|p| plan.action_plans[p].period.map(|per| (p, per)));
            if let Some((p, outer)) = followed
                && !(outer.contains(period.from.value) && outer.contains(period.to.value))
            {
                let (id, span) = plan.id_of(crate::model::Entity::ActionPlan(p));
                let (of, ot) = (outer.from.value, outer.to.value);
                let (f, to) = (period.from.value, period.to.value);
                out.push(
                    Diagnostic::new(
                        META.code,
                        period.span(),
                        t!(
                            lang,
                            "perioden {f}–{to} ligger utanför perioden {of}–{ot} för `{id}`, som planen följer",
                            "the period {f}–{to} lies outside the period {of}–{ot} of `{id}`, which the plan follows"
                        ),
                    )
                    .with_related(outer.span(), t!(lang, "perioden för `{id}`", "the period of `{id}`"))
                    .with_related(span, t!(lang, "planen `{id}`", "the plan `{id}`")),
                );
            }
        }
        for ap in &plan.activity_plans {
            let Some(year) = ap.year else { continue };
            let y = year.value;
            let period: Option<Period> = ap
                .action_plan
                .as_ref()
                .and_then(|id| plan.action_plan(&id.value.0))
                .and_then(|p| plan.action_plans[p].period);
            // Every date of the plan's activities, as its year and its activity's id: a wrong
            // `år` shows as all of them lying in another year, and is then reported once, at
            // `år`, rather than at each date.
            let dates: Vec<(i32, &str)> = ap
                .activities
                .iter()
                .flat_map(|act| {
                    [&act.start, &act.end].into_iter().flatten().map(|d| (d.value.year(), act.id.value.as_str()))
                })
                .collect();
            let meant =
                dates.first().map(|&(only, _)| only).filter(|&only| only != y && dates.iter().all(|&(d, _)| d == only));
            let outside = |year: i32| period.is_some_and(|p| p.to.value >= p.from.value && !p.contains(year));
            if let Some(period) = period
                && outside(y)
            {
                let (f, to) = (period.from.value, period.to.value);
                let help = meant.filter(|&m| !outside(m)).map(|m| year_help(lang, m, dates.len()));
                out.push(
                    Diagnostic::new(
                        META.code,
                        year.span,
                        t!(
                            lang,
                            "året {y} ligger utanför handlingsplanens period {f}–{to}",
                            "the year {y} lies outside the handlingsplan's period {f}–{to}"
                        ),
                    )
                    .with_related(period.span(), t!(lang, "handlingsplanens period", "the handlingsplan's period"))
                    .with_help(help),
                );
                // The activities' dates are measured against a year that is itself wrong.
                continue;
            }
            let Some((first, last)) = year_bounds(y) else { continue };
            let several_activities = || dates.first().is_some_and(|&(_, first)| dates.iter().any(|&(_, a)| a != first));
            if let Some(m) = meant
                && several_activities()
            {
                out.push(
                    Diagnostic::new(
                        META.code,
                        year.span,
                        t!(
                            lang,
                            "aktiviteternas datum ligger alla i {m}, men aktivitetsplanens år är {y}",
                            "the activities' dates all lie in {m}, but the aktivitetsplan's year is {y}"
                        ),
                    )
                    .with_help(year_help(lang, m, dates.len())),
                );
                continue;
            }
            for act in &ap.activities {
                let id = &act.id.value;
                if let (Some(start), Some(end)) = (&act.start, &act.end)
                    && end.value < start.value
                {
                    let (s, e) = (start.value, end.value);
                    out.push(
                        Diagnostic::new(
                            META.code,
                            end.span,
                            t!(
                                lang,
                                "`slut` ({e}) kommer före `start` ({s}) i `{id}`",
                                "`slut` ({e}) comes before `start` ({s}) in `{id}`"
                            ),
                        )
                        .with_related(start.span, t!(lang, "start", "start")),
                    );
                }
                for (key, date) in [("start", &act.start), ("slut", &act.end)] {
                    let Some(date) = date else { continue };
                    if date.value < first || date.value > last {
                        let d = date.value;
                        out.push(
                            Diagnostic::new(META.code, date.span, t!(lang, "`{key}` ({d}) ligger utanför aktivitetsplanens år {y}", "`{key}` ({d}) lies outside the aktivitetsplan's year {y}"))
                                .with_related(year.span, t!(lang, "aktivitetsplanens år", "the aktivitetsplan's year"))
                                .with_help(t!(
                                    lang,
                                    "flytta datumet in i {y}, eller ta upp aktiviteten i aktivitetsplanen för rätt år",
                                    "move the date into {y}, or take the activity up in the aktivitetsplan of the right year"
                                )),
                        );
                    }
                }
            }
        }
        let today = cx.today;
        for ap in &plan.activity_plans {
            for act in &ap.activities {
                for date in act.follow_ups.iter().filter_map(|f| f.date.as_ref()).filter(|d| d.value > today) {
                    let d = date.value;
                    out.push(
                        Diagnostic::new(META.code, date.span, t!(lang, "uppföljningen är daterad {d}, efter kontrolldatumet {today}", "the follow-up is dated {d}, after the check date {today}"))
                            .with_help(t!(
                                lang,
                                "en uppföljning rapporterar det som har hänt; rätta datumet, eller kör med `--today` om kontrolldatumet är fel",
                                "a follow-up reports what has happened; correct the date, or run with `--today` if the check date is wrong"
                            )),
                    );
                }
            }
        }
    }
}
