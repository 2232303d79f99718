//! The typed plan.
//!
//! [`Plan`] owns everything read from the plan files: organisations, handlingsplaner and
//! aktivitetsplaner, each value with the [`Span`] it was written at, plus an [`Index`] from
//! every id to what it names. Rules and renderers borrow it; nothing mutates it after
//! [`crate::load`] returns it. Values that failed to convert are simply absent (the
//! P002 that says why was already reported), so a rule never sees a half-valid value.

pub mod ids;
pub mod index;
pub mod schema;

pub use ids::*;
pub use index::{Entity, Index};

use crate::source::{Sources, Span, Spanned};
use chrono::NaiveDate;

/// Everything in one repository.
#[derive(Debug, Default)]
pub struct Plan {
    /// Every plan file read.
    pub sources: Sources,
    /// Organisations from every `typ: organisationer` file.
    pub organisations: Vec<Organisation>,
    /// Handlingsplaner, county and local.
    pub action_plans: Vec<ActionPlan>,
    /// Aktivitetsplaner.
    pub activity_plans: Vec<ActivityPlan>,
    /// Every id, resolved.
    pub index: Index,
}

/// Declares a closed list of Swedish keywords with their Rust names.
/// Each word comes with its meaning in Swedish, which the JSON Schema shows editors.
macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal: $meaning:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            /// Every value, as written in plan files.
            pub const ALL: &'static [(&'static str, $name)] = &[$(($word, $name::$variant)),*];

            /// Every word with its meaning, in Swedish, for the JSON Schema.
            pub const MEANINGS: &'static [(&'static str, &'static str)] = &[$(($word, $meaning)),*];

            /// The word used in plan files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),* }
            }

            /// Parses the word used in plan files.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().find(|(w, _)| *w == s).map(|(_, v)| *v)
            }

            /// The words used in plan files, in order.
            pub fn words() -> impl Iterator<Item = &'static str> {
                Self::ALL.iter().map(|(w, _)| *w)
            }

            /// The words used in plan files, for a message: `"planerad, pågående, …"`.
            pub fn listed() -> String {
                Self::words().collect::<Vec<_>>().join(", ")
            }
        }
    };
}

keyword_enum! {
    /// The status of an activity.
    Status {
        /// Not started.
        Planned = "planerad": "Arbetet är planerat men har inte börjat.",
        /// Under way.
        Ongoing = "pågående": "Arbetet pågår.",
        /// Done.
        Done = "klar": "Arbetet är genomfört.",
        /// Behind schedule.
        Delayed = "försenad": "Arbetet är försenat mot planen.",
        /// On hold.
        Paused = "pausad": "Arbetet är tillfälligt stoppat.",
        /// Stopped for good.
        Cancelled = "avbruten": "Arbetet är avslutat utan att genomföras.",
    }
}

impl Status {
    /// Words analysts use for a status in their own sheets and reports, lowercased, with
    /// the status of the format each means. `plan check` suggests the status for them; the
    /// files use only the format's words.
    pub const SYNONYMS: &'static [(&'static str, Status)] = &[
        ("ej påbörjad", Status::Planned),
        ("ej påbörjat", Status::Planned),
        ("inte påbörjad", Status::Planned),
        ("inte påbörjat", Status::Planned),
        ("ej startad", Status::Planned),
        ("ej startat", Status::Planned),
        ("inte startad", Status::Planned),
        ("planerat", Status::Planned),
        ("planerade", Status::Planned),
        ("kommande", Status::Planned),
        ("pågår", Status::Ongoing),
        ("påbörjad", Status::Ongoing),
        ("påbörjat", Status::Ongoing),
        ("startad", Status::Ongoing),
        ("startat", Status::Ongoing),
        ("igång", Status::Ongoing),
        ("i gång", Status::Ongoing),
        ("under arbete", Status::Ongoing),
        ("avslutad", Status::Done),
        ("avslutat", Status::Done),
        ("klart", Status::Done),
        ("genomförd", Status::Done),
        ("genomfört", Status::Done),
        ("färdig", Status::Done),
        ("färdigt", Status::Done),
        ("slutförd", Status::Done),
        ("slutfört", Status::Done),
        ("utförd", Status::Done),
        ("utfört", Status::Done),
        ("försenat", Status::Delayed),
        ("fördröjd", Status::Delayed),
        ("fördröjt", Status::Delayed),
        ("pausat", Status::Paused),
        ("vilande", Status::Paused),
        ("paus", Status::Paused),
        ("avbrutet", Status::Cancelled),
        ("inställd", Status::Cancelled),
        ("inställt", Status::Cancelled),
        ("stoppad", Status::Cancelled),
        ("stoppat", Status::Cancelled),
        ("struken", Status::Cancelled),
        ("struket", Status::Cancelled),
    ];

    /// The status a word stands for, as an analyst may type it: a status of the format, a
    /// word `[import.status]` maps (`words`, any case), or one of [`Status::SYNONYMS`].
    pub fn from_word(word: &str, words: &std::collections::BTreeMap<String, String>) -> Option<Status> {
        let word = word.trim().to_lowercase();
        Status::parse(&word)
            .or_else(|| {
                let mapped = words.iter().find(|(k, _)| k.trim().to_lowercase() == word)?.1;
                Status::parse(&mapped.trim().to_lowercase())
            })
            .or_else(|| Status::SYNONYMS.iter().find(|(w, _)| *w == word).map(|&(_, s)| s))
    }

    /// Whether work with this status is still to be done: anything but `klar` and `avbruten`.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Cancelled)
    }

    /// Whether work with this status and this due date is overdue on the date `at`: it is
    /// open and the due date has passed. No due date is never overdue (other rules report
    /// that). P008, the site and `plan report` all judge with this.
    pub fn is_overdue(self, due: Option<NaiveDate>, at: NaiveDate) -> bool {
        self.is_open() && due.is_some_and(|end| end < at)
    }
}

keyword_enum! {
    /// What kind of actor an organisation is.
    OrgCategory {
        /// A steering group.
        SteeringGroup = "styrgrupp": "En politisk styrgrupp eller tjänstestyrgrupp.",
        /// A consultation group (samrådsgrupp).
        ConsultationGroup = "samrådsgrupp": "En samrådsgrupp för ett sakområde.",
        /// A municipality.
        Municipality = "kommun": "En kommun.",
        /// A city district administration.
        DistrictAdministration = "stadsdelsförvaltning": "En stadsdelsförvaltning.",
        /// An administration.
        Administration = "förvaltning": "En förvaltning i en kommun eller region.",
        /// A region.
        Region = "region": "En region eller en del av den.",
        /// A health centre.
        HealthCentre = "vårdcentral": "En vårdcentral.",
        /// An association.
        Association = "förening": "En förening, till exempel Storsthlm eller en patient- eller brukarförening.",
        /// Anything else.
        Other = "övrig": "Annan aktör.",
    }
}

keyword_enum! {
    /// Which way an indicator should move.
    Trend {
        /// Higher is better.
        Increase = "öka": "Ett högre värde är bättre.",
        /// Lower is better.
        Decrease = "minska": "Ett lägre värde är bättre.",
    }
}

/// An actor that can own or take part in work.
#[derive(Debug, Clone)]
pub struct Organisation {
    /// Its id.
    pub id: Spanned<OrgId>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// What kind of actor it is.
    pub category: Option<Spanned<OrgCategory>>,
    /// The organisation it is part of.
    pub part_of: Option<Spanned<OrgId>>,
    /// Four-digit municipality code.
    pub municipality_code: Option<Spanned<String>>,
    /// A functional contact address.
    pub contact: Option<Spanned<String>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
}

/// A span of years, inclusive.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    /// First year.
    pub from: Spanned<i32>,
    /// Last year.
    pub to: Spanned<i32>,
}

impl Period {
    /// Whether a year lies inside the period.
    pub fn contains(&self, year: i32) -> bool {
        self.from.value <= year && year <= self.to.value
    }

    /// The span from `från` to `till`.
    pub fn span(&self) -> Span {
        Span {
            file: self.from.span.file,
            start: self.from.span.start.min(self.to.span.start),
            end: self.from.span.end.max(self.to.span.end),
        }
    }
}

/// A decision: when and by whom.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Date of the decision.
    pub date: Option<Spanned<NaiveDate>>,
    /// The deciding organisation.
    pub by: Option<Spanned<OrgId>>,
}

/// A handlingsplan: the county plan or a local plan that follows another.
#[derive(Debug, Clone)]
pub struct ActionPlan {
    /// Its id.
    pub id: Spanned<PlanId>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// The plan it follows, for a local plan.
    pub follows: Option<Spanned<PlanId>>,
    /// The years it covers.
    pub period: Option<Period>,
    /// The owning organisation.
    pub owner: Option<Spanned<OrgId>>,
    /// The decision that adopted it.
    pub decision: Option<Decision>,
    /// The overall goal.
    pub goal: Option<Spanned<String>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
    /// Sakområden.
    pub topics: Vec<Topic>,
    /// Målområden.
    pub goal_areas: Vec<GoalArea>,
    /// Planned reviews of the plan itself.
    pub reviews: Vec<Review>,
    /// Local utvecklingsområden.
    pub focus_areas: Vec<FocusArea>,
    /// Indicators that follow the plan as a whole (a local plan's own Kolada indicators).
    pub indicators: Vec<Indicator>,
}

/// Where in its handlingsplan an indicator is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IndicatorAt {
    /// The plan's own `indikatorer`.
    Plan,
    /// A målområde's, by its index.
    GoalArea(usize),
    /// An utvecklingsområde's, by its index.
    FocusArea(usize),
}

impl ActionPlan {
    /// Every indicator of the plan, with where it is written: the plan's own, then each
    /// målområde's, then each utvecklingsområde's.
    pub fn indicators(&self) -> impl Iterator<Item = (IndicatorAt, usize, &Indicator)> {
        let own = self.indicators.iter().enumerate().map(|(i, ind)| (IndicatorAt::Plan, i, ind));
        let areas =
            self.goal_areas.iter().enumerate().flat_map(|(g, a)| {
                a.indicators.iter().enumerate().map(move |(i, ind)| (IndicatorAt::GoalArea(g), i, ind))
            });
        let focus = self.focus_areas.iter().enumerate().flat_map(|(f, a)| {
            a.indicators.iter().enumerate().map(move |(i, ind)| (IndicatorAt::FocusArea(f), i, ind))
        });
        own.chain(areas).chain(focus)
    }

    /// The indicator at a place.
    pub fn indicator(&self, at: IndicatorAt, i: usize) -> &Indicator {
        match at {
            IndicatorAt::Plan => &self.indicators[i],
            IndicatorAt::GoalArea(g) => &self.goal_areas[g].indicators[i],
            IndicatorAt::FocusArea(f) => &self.focus_areas[f].indicators[i],
        }
    }
}

/// A sakområde.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Its id.
    pub id: Spanned<TopicId>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// The samrådsgrupp responsible.
    pub consultation_group: Option<Spanned<OrgId>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
}

/// A målområde.
#[derive(Debug, Clone)]
pub struct GoalArea {
    /// Its id.
    pub id: Spanned<GoalAreaId>,
    /// Its number in the plan.
    pub number: Option<Spanned<i64>>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// Kännetecken: what it looks like from the resident's side.
    pub hallmark: Option<Spanned<String>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
    /// Strategiska inriktningar.
    pub directions: Vec<Direction>,
    /// Indikatorer.
    pub indicators: Vec<Indicator>,
}

/// A strategisk inriktning.
#[derive(Debug, Clone)]
pub struct Direction {
    /// Its id.
    pub id: Spanned<DirectionId>,
    /// Its wording.
    pub text: Option<Spanned<String>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
}

keyword_enum! {
    /// Which figure of a Kolada KPI an indicator follows: Kolada's own gender codes.
    Gender {
        /// The total (`T`), the default.
        Total = "T": "Totalt.",
        /// Women (`K`, kvinnor).
        Women = "K": "Kvinnor.",
        /// Men (`M`, män).
        Men = "M": "Män.",
    }
}

/// Where an indicator's values come from.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorSource {
    /// A Kolada KPI (`källa: { kolada: N00945, kommunkod: "0180", kön: T }`).
    Kolada {
        /// The KPI id, e.g. `N00945`.
        kpi: String,
        /// Kolada's municipality or region code (`0180` Stockholm, `0001` Region
        /// Stockholm); when absent, the owning plan's organisation's code applies.
        municipality: Option<Spanned<String>>,
        /// `kommunkod` is written but is no code (P002): no code applies then, not the
        /// owner's, so no other municipality's figures are taken for it.
        bad_municipality: bool,
        /// Which figure: total, women or men; when absent, the total.
        gender: Option<Spanned<Gender>>,
    },
    /// A free-text source.
    Text(String),
}

/// An indikator with yearly values.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Its id.
    pub id: Spanned<IndicatorId>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// Unit of the values.
    pub unit: Option<Spanned<String>>,
    /// Which way is better.
    pub trend: Option<Spanned<Trend>>,
    /// Where values come from.
    pub source: Option<Spanned<IndicatorSource>>,
    /// Target value.
    pub target: Option<Spanned<f64>>,
    /// Year → value, in the order written.
    pub values: Vec<(Spanned<i32>, Spanned<f64>)>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
}

impl Indicator {
    /// Whether the values come from Kolada, whose terms ask that raw values be credited
    /// "Källa: Kolada" (and values computed from them not). The one place that matches on
    /// the source's shape, so a change to [`IndicatorSource`] touches only this.
    pub fn is_from_kolada(&self) -> bool {
        self.source.as_ref().is_some_and(|s| matches!(s.value, IndicatorSource::Kolada { .. }))
    }

    /// The source as written: the Kolada KPI id, or the text.
    pub fn source_text(&self) -> Option<String> {
        self.source.as_ref().map(|s| match &s.value {
            IndicatorSource::Kolada { kpi, .. } => kpi.clone(),
            IndicatorSource::Text(t) => t.clone(),
        })
    }
}

/// A planned review of a handlingsplan.
#[derive(Debug, Clone)]
pub struct Review {
    /// When.
    pub date: Spanned<NaiveDate>,
    /// What kind (halvtid, slut, …).
    pub kind: Option<Spanned<String>>,
}

/// A local utvecklingsområde.
#[derive(Debug, Clone)]
pub struct FocusArea {
    /// Its id.
    pub id: Spanned<FocusAreaId>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// Inriktningar it traces to.
    pub directions: Vec<Spanned<DirectionId>>,
    /// The responsible organisation.
    pub owner: Option<Spanned<OrgId>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
    /// Indicators that follow the utvecklingsområde.
    pub indicators: Vec<Indicator>,
}

/// An aktivitetsplan: one year of activities under a handlingsplan.
#[derive(Debug, Clone)]
pub struct ActivityPlan {
    /// Its id.
    pub id: Spanned<ActivityPlanId>,
    /// Its name, if it has one.
    pub name: Option<Spanned<String>>,
    /// The handlingsplan it belongs to.
    pub action_plan: Option<Spanned<PlanId>>,
    /// The year.
    pub year: Option<Spanned<i32>>,
    /// The decision that adopted it.
    pub decision: Option<Decision>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
    /// Uppdrag grouping the activities.
    pub assignments: Vec<Assignment>,
    /// The narrative of the year per follow-up period (`analys`).
    pub analysis: Analysis,
    /// The activities.
    pub activities: Vec<Activity>,
}

/// An aktivitetsplan's `analys`: the analyst's text for each follow-up period, Markdown.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// After the first tertial (January–April).
    pub t1: Option<Spanned<String>>,
    /// After the second tertial (January–August).
    pub t2: Option<Spanned<String>>,
    /// Of the whole year.
    pub full_year: Option<Spanned<String>>,
}

/// An uppdrag.
#[derive(Debug, Clone)]
pub struct Assignment {
    /// Its id.
    pub id: Spanned<AssignmentId>,
    /// Its name.
    pub name: Option<Spanned<String>>,
    /// The responsible organisation.
    pub owner: Option<Spanned<OrgId>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
}

/// An aktivitet.
#[derive(Debug, Clone)]
pub struct Activity {
    /// Its id.
    pub id: Spanned<ActivityId>,
    /// Its title.
    pub title: Option<Spanned<String>>,
    /// The activity of an earlier year it continues (`fortsätter`).
    pub continues: Option<Spanned<ActivityId>>,
    /// The uppdrag it belongs to.
    pub assignment: Option<Spanned<AssignmentId>>,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
    /// Inriktningar it traces to directly.
    pub directions: Vec<Spanned<DirectionId>>,
    /// Utvecklingsområden it traces through.
    pub focus_areas: Vec<Spanned<FocusAreaId>>,
    /// The responsible organisation.
    pub owner: Option<Spanned<OrgId>>,
    /// Organisations taking part.
    pub contributors: Vec<Spanned<OrgId>>,
    /// Sakområden.
    pub topics: Vec<Spanned<TopicId>>,
    /// Whether it is a prioritised activity.
    pub prioritised: Option<Spanned<bool>>,
    /// Start date as written.
    pub start: Option<Spanned<NaiveDate>>,
    /// End date as written.
    pub end: Option<Spanned<NaiveDate>>,
    /// Current status.
    pub status: Option<Spanned<Status>>,
    /// Follow-up log.
    pub follow_ups: Vec<FollowUp>,
    /// `inriktningar` or `utvecklingsområden` is written but unusable (already a P001 or
    /// P002), so P005 does not report the same mistake again.
    pub traces_malformed: bool,
    /// `ansvarig` is written but unusable (a list, say; already a P001 or P002), so P006 does
    /// not report the same mistake again.
    pub owner_malformed: bool,
}

impl Activity {
    /// An activity with only its id, for tests to fill in what they are about.
    #[cfg(test)]
    pub(crate) fn bare(id: &str) -> Activity {
        let span = Span::default();
        Activity {
            id: Spanned::new(ActivityId(id.into()), span),
            title: None,
            continues: None,
            assignment: None,
            description: None,
            directions: vec![],
            focus_areas: vec![],
            owner: None,
            contributors: vec![],
            topics: vec![],
            prioritised: None,
            start: None,
            end: None,
            status: None,
            follow_ups: vec![],
            traces_malformed: false,
            owner_malformed: false,
        }
    }

    /// The day the work starts: `start`, or 1 January of its aktivitetsplan's `year`.
    pub fn start_date(&self, year: Option<i32>) -> Option<NaiveDate> {
        self.start.as_ref().map(|s| s.value).or_else(|| year.and_then(year_bounds).map(|(first, _)| first))
    }

    /// The day the work is due: `slut`, or 31 December of its aktivitetsplan's `year`.
    pub fn due_date(&self, year: Option<i32>) -> Option<NaiveDate> {
        self.end.as_ref().map(|e| e.value).or_else(|| year.and_then(year_bounds).map(|(_, last)| last))
    }

    /// Whether the activity, with its current status, is overdue on the date `at`
    /// ([`Status::is_overdue`]); an activity without a status never is.
    pub fn is_overdue(&self, year: Option<i32>, at: NaiveDate) -> bool {
        self.status.is_some_and(|s| s.value.is_overdue(self.due_date(year), at))
    }

    /// The latest follow-up by date (the last written, among equal dates).
    pub fn latest_follow_up(&self) -> Option<&FollowUp> {
        self.follow_ups.iter().filter(|f| f.date.is_some()).max_by_key(|f| f.date.as_ref().map(|d| d.value))
    }
}

/// One dated status report in an activity's follow-up log.
#[derive(Debug, Clone)]
pub struct FollowUp {
    /// When.
    pub date: Option<Spanned<NaiveDate>>,
    /// The status reported.
    pub status: Option<Spanned<Status>>,
    /// What was said.
    pub comment: Option<Spanned<String>>,
}

/// The first and last day of a year, for activities without explicit dates.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

/// Parses a date written exactly `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    // The shape is checked, so the fields are digits: read them directly rather than through
    // chrono's format-string parser, which cost 2% of a large check.
    let number = |range: std::ops::Range<usize>| b[range].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
}

impl Plan {
    /// Calls `f` with every free text of the plan (names, titles, descriptions, comments) and
    /// the key it is written under, in file order within each kind. A visit rather than a
    /// list: a large plan has half a million texts, and P014 looks at each once.
    pub fn for_each_text(&self, mut f: impl FnMut(&'static str, &Spanned<String>)) {
        let mut some = |key: &'static str, t: &Option<Spanned<String>>| {
            if let Some(t) = t {
                f(key, t);
            }
        };
        for o in &self.organisations {
            some("namn", &o.name);
            some("kontakt", &o.contact);
            some("beskrivning", &o.description);
        }
        for ap in &self.action_plans {
            some("namn", &ap.name);
            some("mål", &ap.goal);
            some("beskrivning", &ap.description);
            for t in &ap.topics {
                some("namn", &t.name);
                some("beskrivning", &t.description);
            }
            for g in &ap.goal_areas {
                some("namn", &g.name);
                some("kännetecken", &g.hallmark);
                some("beskrivning", &g.description);
                for d in &g.directions {
                    some("text", &d.text);
                    some("beskrivning", &d.description);
                }
                for i in &g.indicators {
                    some("namn", &i.name);
                    some("enhet", &i.unit);
                    some("beskrivning", &i.description);
                }
            }
            for r in &ap.reviews {
                some("typ", &r.kind);
            }
            for f in &ap.focus_areas {
                some("namn", &f.name);
                some("beskrivning", &f.description);
            }
        }
        for ap in &self.activity_plans {
            some("namn", &ap.name);
            some("beskrivning", &ap.description);
            for a in &ap.assignments {
                some("namn", &a.name);
                some("beskrivning", &a.description);
            }
            for act in &ap.activities {
                some("titel", &act.title);
                some("beskrivning", &act.description);
                for f in &act.follow_ups {
                    some("kommentar", &f.comment);
                }
            }
        }
    }

    /// The repository's own handlingsplaner: the local plans (those that follow another)
    /// that no other plan here follows, so a district's plan rather than the city's it
    /// follows; the plans that follow nothing (the county plan) when there is no local plan.
    pub fn own_plans(&self) -> Vec<usize> {
        let plans = &self.action_plans;
        // Once per plan, not once per pair: a county's repository holds thousands of plans.
        let followed: std::collections::HashSet<&str> =
            plans.iter().filter_map(|o| o.follows.as_ref().map(|f| f.value.0.as_str())).collect();
        let local: Vec<usize> = (0..plans.len())
            .filter(|&p| plans[p].follows.is_some() && !followed.contains(plans[p].id.value.0.as_str()))
            .collect();
        if local.is_empty() { (0..plans.len()).filter(|&p| plans[p].follows.is_none()).collect() } else { local }
    }

    /// The name of the owner of the repository's first own plan ([`Plan::own_plans`]), or
    /// the owner's id when it names no organisation with a name.
    pub fn own_plan_owner(&self) -> Option<String> {
        let owner = self.action_plans[*self.own_plans().first()?].owner.as_ref()?;
        Some(self.organisation_name_or_id(&owner.value.0).to_owned())
    }

    /// The name of the organisation with this id, or the id when it names no organisation
    /// with a name.
    pub fn organisation_name_or_id<'p>(&'p self, id: &'p str) -> &'p str {
        self.organisation_name(id).unwrap_or(id)
    }

    /// The name of the organisation with this id, when there is one and it has a name.
    pub fn organisation_name(&self, id: &str) -> Option<&str> {
        match self.index.get(id) {
            Some(Entity::Organisation(o)) => self.organisations[o].name.as_ref().map(|n| n.value.as_str()),
            _ => None,
        }
    }

    /// The organisation `id` and every organisation that is part of it (`del_av`), at any
    /// depth: a municipality and its förvaltningar, a city and its districts' units. Ids in
    /// the order found, `id` first; a cycle of `del_av` ends the search.
    pub fn organisation_and_parts(&self, id: &str) -> Vec<String> {
        let mut found = vec![id.to_owned()];
        let mut next = 0;
        while next < found.len() {
            let whole = found[next].clone();
            next += 1;
            for o in &self.organisations {
                let part = o.part_of.as_ref().is_some_and(|p| p.value.as_str() == whole);
                if part && !found.contains(&o.id.value.0) {
                    found.push(o.id.value.0.clone());
                }
            }
        }
        found
    }

    /// The Kolada municipality code that applies to an organisation: its own `kommunkod`,
    /// or that of the nearest organisation it is `del_av` (a cycle ends the search).
    pub fn municipality_code_of(&self, org: &str) -> Option<&str> {
        let mut seen = Vec::new();
        let mut at = org;
        while !seen.contains(&at) {
            seen.push(at);
            let Some(Entity::Organisation(i)) = self.index.get(at) else { return None };
            let o = &self.organisations[i];
            if let Some(code) = &o.municipality_code {
                return Some(&code.value);
            }
            at = o.part_of.as_ref()?.value.as_str();
        }
        None
    }

    /// The Kolada KPI, municipality code and gender an indicator of handlingsplan `plan`
    /// follows, with the code defaulted from the plan's `ägare`; `None` for other sources.
    pub fn kolada_of<'p>(
        &'p self,
        plan: &'p ActionPlan,
        indicator: &'p Indicator,
    ) -> Option<(&'p str, Option<&'p str>, Gender)> {
        let Some(Spanned { value: IndicatorSource::Kolada { kpi, municipality, bad_municipality, gender }, .. }) =
            &indicator.source
        else {
            return None;
        };
        let code = match municipality {
            Some(m) => Some(m.value.as_str()),
            None if *bad_municipality => None,
            None => plan.owner.as_ref().and_then(|o| self.municipality_code_of(o.value.as_str())),
        };
        Some((kpi.as_str(), code, gender.map_or(Gender::Total, |g| g.value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(status: Option<Status>, end: Option<&str>) -> Activity {
        let span = Span::default();
        Activity {
            end: end.map(|e| Spanned::new(parse_date(e).expect("a date"), span)),
            status: status.map(|s| Spanned::new(s, span)),
            ..Activity::bare("A")
        }
    }

    #[test]
    fn an_activity_is_due_at_slut_or_at_the_end_of_its_year() {
        let day = |s| parse_date(s).expect("a date");
        let open = activity(Some(Status::Ongoing), None);
        assert_eq!(open.due_date(Some(2025)), Some(day("2025-12-31")));
        assert_eq!(open.start_date(Some(2025)), Some(day("2025-01-01")));
        assert_eq!(open.due_date(None), None);
        assert!(!open.is_overdue(Some(2025), day("2025-12-31")));
        assert!(open.is_overdue(Some(2025), day("2026-01-01")));
        let with_end = activity(Some(Status::Delayed), Some("2025-03-31"));
        assert_eq!(with_end.due_date(Some(2025)), Some(day("2025-03-31")));
        assert!(with_end.is_overdue(Some(2025), day("2025-04-01")));
        for done in [Status::Done, Status::Cancelled] {
            assert!(!done.is_open());
            assert!(!activity(Some(done), Some("2025-03-31")).is_overdue(Some(2025), day("2026-01-01")));
        }
        assert!(!activity(None, Some("2025-03-31")).is_overdue(Some(2025), day("2026-01-01")));
        assert!(Status::ALL.iter().filter(|(_, s)| s.is_open()).count() == 4);
    }

    #[test]
    fn dates_must_be_real_and_well_formed() {
        assert_eq!(parse_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("0001-12-31"), NaiveDate::from_ymd_opt(1, 12, 31));
        for bad in [
            "2023-02-29",
            "2024-2-1",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-01-01",
            "2024/01/01",
            "2024-01-01T00",
            "2024-01-3１",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
