//! `plan report`: the yearly follow-up report a steering group reads.
//!
//! [`build`] turns the [`Plan`] into a typed [`FollowUpReport`] — per handlingsplan and per
//! målområde: activities by status as of a cut date, what was finished, what is overdue,
//! inriktningar with no activity that year, and the indicators with their trend — and
//! [`human`], [`markdown`] and [`html`] only lay that report out. Keeping the figures in one
//! typed value means the three formats cannot disagree, and the Kolada credit rule (raw
//! values credited "Källa: Kolada", computed figures labelled as the plan's own calculation)
//! is decided here once, by [`IndicatorLine::kolada`].
//!
//! Municipalities report by tertial: T1 is January–April, T2 January–August (cumulative,
//! the delårsrapport), helår the whole year. The cut date is the period's last day, never
//! after the check date; an activity's status as of the cut is its latest follow-up on or
//! before it, or its current `status` while the period is still running.

pub mod html;
pub mod human;
pub mod markdown;
pub mod words;

use crate::lang::Lang;
use crate::model::IndicatorAt;
use crate::model::{Activity, Entity, Plan, Status, Trend};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::str::FromStr;

/// The part of the year a report covers, as Swedish municipalities report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tertial {
    /// 1 January–30 April.
    T1,
    /// 1 January–31 August (cumulative: the delårsrapport).
    T2,
    /// The whole year.
    #[default]
    FullYear,
}

impl FromStr for Tertial {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "t1" => Ok(Tertial::T1),
            "t2" => Ok(Tertial::T2),
            "helår" | "helar" | "year" | "full-year" => Ok(Tertial::FullYear),
            other => Err(format!("'{other}': expected t1, t2 or helår")),
        }
    }
}

impl Tertial {
    /// The period's last day in a year.
    pub fn last_day(self, year: i32) -> Option<NaiveDate> {
        let (month, day) = match self {
            Tertial::T1 => (4, 30),
            Tertial::T2 => (8, 31),
            Tertial::FullYear => (12, 31),
        };
        NaiveDate::from_ymd_opt(year, month, day)
    }

    /// The period's name, as shown.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Sv, Tertial::T1) => "T1 (januari–april)",
            (Lang::Sv, Tertial::T2) => "T2 (januari–augusti)",
            (Lang::Sv, Tertial::FullYear) => "helår",
            (Lang::En, Tertial::T1) => "T1 (January–April)",
            (Lang::En, Tertial::T2) => "T2 (January–August)",
            (Lang::En, Tertial::FullYear) => "full year",
        }
    }
}

/// Output formats of `plan report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// Plain text, for a terminal or an e-mail.
    #[default]
    Human,
    /// Markdown, for a wiki or a document converter.
    Markdown,
    /// One standalone HTML file that prints to PDF.
    Html,
}

/// What to report on.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The year [default: the check date's year].
    pub year: Option<i32>,
    /// Only this handlingsplan (and its own aktivitetsplaner).
    pub plan: Option<String>,
    /// The part of the year.
    pub tertial: Tertial,
    /// The check date.
    pub today: NaiveDate,
    /// Language of the report.
    pub lang: Lang,
}

/// Where an activity stands as of the cut: a status, or no follow-up at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bucket {
    /// The status reported on or before the cut.
    Status(Status),
    /// No follow-up on or before the cut (and the period is over).
    NoFollowUp,
}

impl Bucket {
    /// Every bucket, in the order shown.
    pub fn all() -> Vec<Bucket> {
        Status::ALL.iter().map(|&(_, s)| Bucket::Status(s)).chain([Bucket::NoFollowUp]).collect()
    }

    /// The bucket's name, lower case, as shown.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Sv, Bucket::Status(s)) => s.as_str(),
            (Lang::Sv, Bucket::NoFollowUp) => "ingen uppföljning",
            (Lang::En, Bucket::Status(Status::Planned)) => "planned",
            (Lang::En, Bucket::Status(Status::Ongoing)) => "ongoing",
            (Lang::En, Bucket::Status(Status::Done)) => "done",
            (Lang::En, Bucket::Status(Status::Delayed)) => "delayed",
            (Lang::En, Bucket::Status(Status::Paused)) => "paused",
            (Lang::En, Bucket::Status(Status::Cancelled)) => "cancelled",
            (Lang::En, Bucket::NoFollowUp) => "no follow-up",
        }
    }
}

/// Activities counted by bucket, every bucket present (zeros included), in [`Bucket::all`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct Counts {
    /// `(bucket, count)`.
    pub by_bucket: Vec<(Bucket, usize)>,
    /// Activities counted.
    pub total: usize,
}

impl Counts {
    fn of(buckets: impl Iterator<Item = Bucket>) -> Counts {
        let mut by_bucket: Vec<(Bucket, usize)> = Bucket::all().into_iter().map(|b| (b, 0)).collect();
        let mut total = 0;
        for b in buckets {
            total += 1;
            if let Some(slot) = by_bucket.iter_mut().find(|(x, _)| *x == b) {
                slot.1 += 1;
            }
        }
        Counts { by_bucket, total }
    }
}

/// What a list of activities shows beside each one's id, title and owner, in the text and
/// Markdown reports (the HTML template says the same with its own flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Show {
    /// Nothing more.
    Nothing,
    /// The latest comment.
    Comment,
    /// The end date, the status and the latest comment (overdue work).
    DueStatusAndComment,
    /// The status and the latest comment.
    StatusAndComment,
}

impl Show {
    /// Whether the end date is shown.
    fn due(self) -> bool {
        self == Show::DueStatusAndComment
    }

    /// Whether the status is shown.
    fn status(self) -> bool {
        matches!(self, Show::DueStatusAndComment | Show::StatusAndComment)
    }

    /// Whether the latest comment is shown.
    fn comment(self) -> bool {
        self != Show::Nothing
    }
}

/// One activity as a line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityLine {
    /// Its id.
    pub id: String,
    /// Its title (the id when it has none).
    pub title: String,
    /// The responsible organisation's name.
    pub owner: Option<String>,
    /// `slut`, or 31 December of the plan year.
    pub due: Option<NaiveDate>,
    /// Where it stands as of the cut.
    pub bucket: Bucket,
    /// Its latest follow-up comment on or before the cut.
    pub comment: Option<Comment>,
}

/// A follow-up's comment, with the follow-up's date and status.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// The follow-up's date.
    pub date: NaiveDate,
    /// The status reported with it.
    pub status: Option<Status>,
    /// What was written.
    pub text: String,
}

/// Every follow-up comment of one activity up to the cut, oldest first (the appendix).
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityComments {
    /// The activity's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its comments.
    pub comments: Vec<Comment>,
}

/// The analyst's narrative of one aktivitetsplan for the period (`analys`), Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrative {
    /// The aktivitetsplan's id.
    pub activity_plan: String,
    /// The text as written.
    pub text: String,
}

/// A strategisk inriktning with no activity.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectionLine {
    /// Its id.
    pub id: String,
    /// Its wording.
    pub text: String,
}

/// Whether an indicator moved the way its `riktning` wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It moved the good way.
    Better,
    /// It moved the wrong way.
    Worse,
    /// It did not move.
    Unchanged,
}

/// An indicator's figures for the report year.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorLine {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Unit of the values.
    pub unit: Option<String>,
    /// Which way is better.
    pub trend: Option<Trend>,
    /// Whether the values come from Kolada (and so are credited "Källa: Kolada").
    pub kolada: bool,
    /// The source as written: a Kolada KPI id or a text.
    pub source: Option<String>,
    /// The latest value as stored: the report year's, or when Kolada has none for it yet
    /// (it publishes a year late), the latest year before it that has one.
    pub value: Option<f64>,
    /// The year of `value`.
    pub value_year: Option<i32>,
    /// The value of the year before `value_year` (before the report year without a value).
    pub previous: Option<f64>,
    /// `value − previous` (own calculation).
    pub change: Option<f64>,
    /// Whether the change goes the good way (own calculation).
    pub verdict: Option<Verdict>,
    /// The målvärde.
    pub target: Option<f64>,
    /// `target − value` (own calculation).
    pub to_target: Option<f64>,
    /// Whether the value has reached the målvärde, given `riktning` (own calculation).
    pub reached: Option<bool>,
    /// The utvecklingsområde the indicator follows, when it is one's.
    pub focus_area: Option<String>,
}

/// One målområde within one plan's report.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalAreaReport {
    /// Its id.
    pub id: String,
    /// Its number.
    pub number: Option<i64>,
    /// Its name.
    pub name: String,
    /// The plan's activities that trace here, by bucket.
    pub counts: Counts,
    /// Activities finished (`klar`) as of the cut.
    pub finished: Vec<ActivityLine>,
    /// Activities overdue as of the cut, by end date.
    pub overdue: Vec<ActivityLine>,
    /// Inriktningar of the målområde that no activity of the plan traces to that year.
    pub uncovered: Vec<DirectionLine>,
    /// The målområde's indicators.
    pub indicators: Vec<IndicatorLine>,
}

/// One handlingsplan's part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanReport {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The aktivitetsplaner of the year read.
    pub activity_plans: Vec<String>,
    /// The analyst's narrative of the period, per aktivitetsplan that has one.
    pub narratives: Vec<Narrative>,
    /// All its activities of the year, by bucket (each counted once).
    pub counts: Counts,
    /// Every activity of the year, in file order, with its latest comment.
    pub activities: Vec<ActivityLine>,
    /// Activities paused (`pausad`) as of the cut.
    pub paused: Vec<ActivityLine>,
    /// Activities cancelled (`avbruten`) as of the cut.
    pub cancelled: Vec<ActivityLine>,
    /// Every follow-up comment of the year up to the cut, per activity (the appendix).
    pub comments: Vec<ActivityComments>,
    /// Per målområde of the strategy it follows.
    pub goal_areas: Vec<GoalAreaReport>,
    /// The plan's own indicators and its utvecklingsområden's (a local plan's Kolada
    /// indicators), each naming the utvecklingsområde it follows, if any.
    pub indicators: Vec<IndicatorLine>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpReport {
    /// Language of the report.
    pub lang: Lang,
    /// The strategy's name (the first county plan's).
    pub strategy: Option<String>,
    /// The year reported on.
    pub year: i32,
    /// The part of the year.
    pub tertial: Tertial,
    /// The cut date: the period's last day, or the check date when that comes first.
    pub cut: NaiveDate,
    /// Whether the period is still running (the cut is the check date), so current statuses are used.
    pub running: bool,
    /// The check date.
    pub today: NaiveDate,
    /// Per handlingsplan: the plans that follow nothing (the county plan) first, then the
    /// plans that follow them, level by level; repository order within a level.
    pub plans: Vec<PlanReport>,
}

/// Builds the report. Fails only on a `--plan` that names no handlingsplan or an impossible year.
pub fn build(plan: &Plan, options: &ReportOptions) -> Result<FollowUpReport, crate::error::Error> {
    let lang = options.lang;
    let year = options.year.unwrap_or_else(|| chrono::Datelike::year(&options.today));
    let bad_year = || crate::error::Error::Usage(crate::t!(lang, "ogiltigt år {year}", "invalid year {year}"));
    let end = options.tertial.last_day(year).ok_or_else(bad_year)?;
    let running = options.today <= end;
    let cut = end.min(options.today);
    let selected: Vec<usize> = match options.plan.as_deref() {
        Some(id) => vec![plan.action_plan(id).ok_or_else(|| {
            let ids = plan.action_plans.iter().map(|p| p.id.value.as_str());
            let hint = match crate::suggest::did_you_mean(id, ids) {
                Some(near) => crate::t!(lang, "; menade du `{near}`?", "; did you mean `{near}`?"),
                None => String::new(),
            };
            crate::error::Error::Usage(crate::t!(
                lang,
                "det finns ingen handlingsplan med id `{id}`{hint}",
                "there is no handlingsplan with id `{id}`{hint}"
            ))
        })?],
        None => {
            // A plan is in the year's report when it has that year's activities, or
            // indicators of its own (a local plan's, followed whatever the activities).
            let own_indicators =
                |p: usize| plan.action_plans[p].indicators().any(|(at, ..)| !matches!(at, IndicatorAt::GoalArea(_)));
            let mut shown: Vec<usize> = (0..plan.action_plans.len())
                .filter(|&p| of_year(plan, p, year).next().is_some() || own_indicators(p))
                .collect();
            shown.sort_by_key(|&p| plan.chain(p).len());
            shown
        }
    };
    let at = Cut { date: cut, running };
    let plans = selected.into_iter().map(|p| plan_report(plan, p, year, at, options.tertial)).collect();
    let strategy = plan.action_plans.iter().find(|p| p.follows.is_none()).and_then(|p| p.name.as_ref());
    Ok(FollowUpReport {
        lang,
        strategy: strategy.map(|n| n.value.clone()),
        year,
        tertial: options.tertial,
        cut,
        running,
        today: options.today,
        plans,
    })
}

/// Adds the sources' own plans to a county's report (their copies of the county plan are
/// the county's, already reported): each readable source's local plans, named after the
/// source ("Nacka kommun – …") and with its folder before their ids, so they stay apart.
pub fn with_sources(report: &mut FollowUpReport, sources: &[crate::sources::Source], options: &ReportOptions) {
    let options = ReportOptions { plan: None, ..options.clone() };
    for source in sources {
        let Some(checked) = source.checked() else { continue };
        let Ok(theirs) = build(&checked.plan, &options) else { continue };
        let local =
            |id: &str| checked.plan.action_plan(id).is_some_and(|p| checked.plan.action_plans[p].follows.is_some());
        for mut plan in theirs.plans.into_iter().filter(|p| local(&p.id)) {
            plan.name = format!("{} – {}", source.name, plan.name);
            plan.id = format!("{}{}", source.prefix(), plan.id);
            report.plans.push(plan);
        }
    }
}

/// The cut date, and whether the period is still running there.
#[derive(Debug, Clone, Copy)]
struct Cut {
    date: NaiveDate,
    running: bool,
}

/// An activity's status as of the cut: its latest follow-up on or before the cut (the last
/// written among equal dates), or its current `status` while the period is still running.
pub fn status_as_of(act: &Activity, cut: NaiveDate, running: bool) -> Option<Status> {
    if running {
        return act.status.as_ref().map(|s| s.value);
    }
    act.follow_ups
        .iter()
        .filter_map(|f| Some((f.date.as_ref()?.value, f)))
        .filter(|(d, _)| *d <= cut)
        .max_by_key(|(d, _)| *d)
        .and_then(|(_, f)| f.status.as_ref().map(|s| s.value))
}

/// An activity's follow-up comments on or before the cut, oldest first (of equal dates, in
/// the order written).
pub fn comments_until(act: &Activity, cut: NaiveDate) -> Vec<Comment> {
    let mut out: Vec<Comment> = act
        .follow_ups
        .iter()
        .filter_map(|f| {
            let date = f.date.as_ref()?.value;
            let text = f.comment.as_ref()?.value.trim();
            (date <= cut && !text.is_empty()).then(|| Comment {
                date,
                status: f.status.as_ref().map(|s| s.value),
                text: text.to_owned(),
            })
        })
        .collect();
    out.sort_by_key(|c| c.date);
    out
}

/// The aktivitetsplaner of a handlingsplan for a year.
fn of_year(plan: &Plan, p: usize, year: i32) -> impl Iterator<Item = usize> + '_ {
    plan.activity_plans_of(plan.action_plans[p].id.value.as_str())
        .filter(move |&a| plan.activity_plans[a].year.is_some_and(|y| y.value == year))
}

/// One activity of the plan's year, with what the report needs about it.
struct Item {
    line: ActivityLine,
    comments: Vec<Comment>,
    overdue: bool,
    goal_areas: BTreeSet<(usize, usize)>,
    directions: Vec<Entity>,
}

fn plan_report(plan: &Plan, p: usize, year: i32, at: Cut, tertial: Tertial) -> PlanReport {
    let ap = &plan.action_plans[p];
    let activity_plans: Vec<usize> = of_year(plan, p, year).collect();
    let mut items = Vec::new();
    for &a in &activity_plans {
        let aplan = &plan.activity_plans[a];
        let plan_year = aplan.year.map(|y| y.value);
        for act in &aplan.activities {
            // Work that starts after the cut has not begun: planned, not "no follow-up".
            let not_started = !at.running && act.start_date(plan_year).is_some_and(|s| s > at.date);
            let status = status_as_of(act, at.date, at.running).or(not_started.then_some(Status::Planned));
            let due = act.due_date(plan_year);
            let comments = comments_until(act, at.date);
            let directions: Vec<Entity> = plan.traced_directions(act);
            let goal_areas = directions
                .iter()
                .filter_map(|d| match *d {
                    Entity::Direction(dp, g, _) => Some((dp, g)),
                    _ => None,
                })
                .collect();
            let id = act.id.value.as_str().to_owned();
            items.push(Item {
                line: ActivityLine {
                    title: act.title.as_ref().map_or_else(|| id.clone(), |t| t.value.clone()),
                    id,
                    owner: act.owner.as_ref().map(|o| plan.organisation_name_or_id(&o.value.0).to_owned()),
                    due,
                    bucket: status.map_or(Bucket::NoFollowUp, Bucket::Status),
                    comment: comments.last().cloned(),
                },
                comments,
                overdue: status.is_some_and(|s| s.is_overdue(due, at.date)),
                goal_areas,
                directions,
            });
        }
    }
    // The målområden are those of the strategy the plan follows, county plan last.
    let chain = plan.chain(p);
    let mut goal_areas = Vec::new();
    for &cp in chain.iter().rev() {
        for (g, area) in plan.action_plans[cp].goal_areas.iter().enumerate() {
            let here: Vec<&Item> = items.iter().filter(|i| i.goal_areas.contains(&(cp, g))).collect();
            let mut overdue: Vec<ActivityLine> = here.iter().filter(|i| i.overdue).map(|i| i.line.clone()).collect();
            overdue.sort_by(|x, y| x.due.cmp(&y.due).then_with(|| x.id.cmp(&y.id)));
            let uncovered = area
                .directions
                .iter()
                .enumerate()
                .filter(|(d, _)| !here.iter().any(|i| i.directions.contains(&Entity::Direction(cp, g, *d))))
                .map(|(_, dir)| DirectionLine {
                    id: dir.id.value.as_str().to_owned(),
                    text: dir.text.as_ref().map_or_else(String::new, |t| t.value.clone()),
                })
                .collect();
            let id = area.id.value.as_str().to_owned();
            goal_areas.push(GoalAreaReport {
                name: area.name.as_ref().map_or_else(|| id.clone(), |n| n.value.clone()),
                id,
                number: area.number.map(|n| n.value),
                counts: Counts::of(here.iter().map(|i| i.line.bucket)),
                finished: here
                    .iter()
                    .filter(|i| i.line.bucket == Bucket::Status(Status::Done))
                    .map(|i| i.line.clone())
                    .collect(),
                overdue,
                uncovered,
                indicators: area.indicators.iter().map(|ind| indicator_line(ind, year)).collect(),
            });
        }
    }
    let id = ap.id.value.as_str().to_owned();
    let narratives = activity_plans
        .iter()
        .filter_map(|&a| {
            let analysis = &plan.activity_plans[a].analysis;
            let text = match tertial {
                Tertial::T1 => analysis.t1.as_ref(),
                Tertial::T2 => analysis.t2.as_ref(),
                Tertial::FullYear => analysis.full_year.as_ref(),
            }?;
            let text = text.value.trim();
            (!text.is_empty()).then(|| Narrative {
                activity_plan: plan.activity_plans[a].id.value.as_str().to_owned(),
                text: text.to_owned(),
            })
        })
        .collect();
    let in_bucket = |s: Status| -> Vec<ActivityLine> {
        items.iter().filter(|i| i.line.bucket == Bucket::Status(s)).map(|i| i.line.clone()).collect()
    };
    PlanReport {
        name: ap.name.as_ref().map_or_else(|| id.clone(), |n| n.value.clone()),
        id,
        activity_plans: activity_plans.iter().map(|&a| plan.activity_plans[a].id.value.as_str().to_owned()).collect(),
        narratives,
        counts: Counts::of(items.iter().map(|i| i.line.bucket)),
        activities: items.iter().map(|i| i.line.clone()).collect(),
        paused: in_bucket(Status::Paused),
        cancelled: in_bucket(Status::Cancelled),
        comments: items
            .iter()
            .filter(|i| !i.comments.is_empty())
            .map(|i| ActivityComments {
                id: i.line.id.clone(),
                title: i.line.title.clone(),
                comments: i.comments.clone(),
            })
            .collect(),
        goal_areas,
        indicators: ap
            .indicators()
            .filter_map(|(at, _, ind)| {
                let focus_area = match at {
                    IndicatorAt::GoalArea(_) => return None,
                    IndicatorAt::Plan => None,
                    IndicatorAt::FocusArea(f) => {
                        let fa = &ap.focus_areas[f];
                        Some(fa.name.as_ref().map_or_else(|| fa.id.value.0.clone(), |n| n.value.clone()))
                    }
                };
                Some(IndicatorLine { focus_area, ..indicator_line(ind, year) })
            })
            .collect(),
    }
}

fn indicator_line(ind: &crate::model::Indicator, year: i32) -> IndicatorLine {
    // The last value written for a year wins, as in the site's table.
    let value_of = |y: i32| ind.values.iter().rev().find(|(yy, _)| yy.value == y).map(|(_, v)| v.value);
    // Kolada publishes a year's figures the next year: without a value for the report year,
    // the latest one before it, with its year.
    let value_year = if value_of(year).is_some() {
        Some(year)
    } else {
        ind.values.iter().map(|(y, _)| y.value).filter(|&y| y < year).max()
    };
    let value = value_year.and_then(value_of);
    let previous = value_of(value_year.unwrap_or(year) - 1);
    let trend = ind.trend.map(|t| t.value);
    let change = value.zip(previous).map(|(v, p)| v - p);
    let verdict = change.zip(trend).map(|(c, t)| {
        if c == 0.0 {
            Verdict::Unchanged
        } else if (c > 0.0) == (t == Trend::Increase) {
            Verdict::Better
        } else {
            Verdict::Worse
        }
    });
    let target = ind.target.map(|t| t.value);
    let reached = value.zip(target).map(|(v, t)| match trend {
        Some(Trend::Increase) => v >= t,
        Some(Trend::Decrease) => v <= t,
        None => v == t,
    });
    let source = ind.source_text();
    let id = ind.id.value.as_str().to_owned();
    IndicatorLine {
        name: ind.name.as_ref().map_or_else(|| id.clone(), |n| n.value.clone()),
        id,
        unit: ind.unit.as_ref().map(|u| u.value.clone()),
        trend,
        kolada: ind.is_from_kolada(),
        source,
        focus_area: None,
        value,
        value_year,
        previous,
        change,
        verdict,
        target,
        to_target: value.zip(target).map(|(v, t)| t - v),
        reached,
    }
}

/// Builds the report and lays it out in `format`; `templates_dir` and `colors` serve the HTML.
pub fn make(
    plan: &Plan,
    options: &ReportOptions,
    format: ReportFormat,
    templates_dir: Option<&std::path::Path>,
    colors: &crate::config::Colors,
) -> Result<String, crate::error::Error> {
    make_with_sources(plan, &[], options, format, templates_dir, colors)
}

/// Like [`make`], for a county with its `[[sources]]`: their own plans follow the county's.
pub fn make_with_sources(
    plan: &Plan,
    sources: &[crate::sources::Source],
    options: &ReportOptions,
    format: ReportFormat,
    templates_dir: Option<&std::path::Path>,
    colors: &crate::config::Colors,
) -> Result<String, crate::error::Error> {
    let mut report = build(plan, options)?;
    with_sources(&mut report, sources, options);
    Ok(match format {
        ReportFormat::Human => human::render(&report),
        ReportFormat::Markdown => markdown::render(&report),
        ReportFormat::Html => html::render(&report, templates_dir, colors)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tertials_end_where_municipalities_cut() {
        assert_eq!(Tertial::T1.last_day(2025), NaiveDate::from_ymd_opt(2025, 4, 30));
        assert_eq!(Tertial::T2.last_day(2025), NaiveDate::from_ymd_opt(2025, 8, 31));
        assert_eq!(Tertial::FullYear.last_day(2025), NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!("HELÅR".parse::<Tertial>(), Ok(Tertial::FullYear));
        assert!("t3".parse::<Tertial>().is_err());
    }

    fn follow_up(date: &str, status: Status) -> crate::model::FollowUp {
        let span = crate::source::Span::default();
        let date = date.parse().expect("date");
        crate::model::FollowUp {
            date: Some(crate::source::Spanned { value: date, span }),
            status: Some(crate::source::Spanned { value: status, span }),
            comment: None,
        }
    }

    #[test]
    fn status_as_of_reads_the_log_up_to_the_cut_or_the_current_status_while_running() {
        let span = crate::source::Span::default();
        let act = Activity {
            status: Some(crate::source::Spanned { value: Status::Done, span }),
            follow_ups: vec![
                follow_up("2025-03-01", Status::Ongoing),
                follow_up("2025-04-30", Status::Paused),
                follow_up("2025-04-30", Status::Delayed),
                follow_up("2025-05-02", Status::Done),
            ],
            ..Activity::bare("A")
        };
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        assert_eq!(status_as_of(&act, day("2025-02-28"), false), None);
        assert_eq!(status_as_of(&act, day("2025-03-01"), false), Some(Status::Ongoing));
        // Of two on the cut date, the one written last.
        assert_eq!(status_as_of(&act, day("2025-04-30"), false), Some(Status::Delayed));
        assert_eq!(status_as_of(&act, day("2025-02-28"), true), Some(Status::Done));
    }

    #[test]
    fn counts_keep_every_bucket_in_order() {
        let c = Counts::of([Bucket::NoFollowUp, Bucket::Status(Status::Done)].into_iter());
        assert_eq!(c.total, 2);
        assert_eq!(c.by_bucket.len(), 7);
        assert_eq!(c.by_bucket[2], (Bucket::Status(Status::Done), 1));
        assert_eq!(c.by_bucket[6], (Bucket::NoFollowUp, 1));
    }
}
