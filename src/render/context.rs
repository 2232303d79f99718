//! What every page shares: the site, the interface words, links, and the derived facts
//! (which activity traces to which direction) computed once for all pages.
//!
//! Views here are small serializable structs — a [`Link`], a [`StatusView`], an
//! [`ActivityRow`] — built relative to the page they appear on, so every `href` in a
//! template is ready to use as it is.

use super::labels::{self, status_icon, status_name};
use super::paths::{self, PageKind, SiteFormat};
use super::{RenderOptions, markdown};
use crate::config::Colors;
use crate::lang::Lang;
use crate::model::{Activity, Entity, IndicatorAt, Plan, Status};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// A link to a page, relative to the page it is shown on.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text of the link.
    pub title: String,
    /// Target, relative to the current page.
    pub href: String,
    /// The id of what is linked to, if it has one.
    pub id: String,
}

/// A status as shown: a word, a symbol and a CSS class, never colour alone.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// The word from the plan file (`pågående`).
    pub key: &'static str,
    /// The CSS class (`status-pagaende`).
    pub class: &'static str,
    /// The word in the interface language (`Pågående`).
    pub name: &'static str,
    /// A symbol that distinguishes statuses without colour.
    pub icon: &'static str,
}

/// A count of activities with one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: StatusView,
    /// How many.
    pub count: usize,
}

/// One activity as a row in a table.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityRow {
    /// Link to the activity's page (title and id).
    pub link: Link,
    /// The responsible organisation.
    pub owner: Option<Link>,
    /// Current status.
    pub status: Option<StatusView>,
    /// End date (explicit or the end of the plan year), `YYYY-MM-DD`.
    pub end: String,
    /// Whether the end date has passed without the activity being finished.
    pub overdue: bool,
    /// The aktivitetsplan.
    pub plan: Link,
    /// The plan year.
    pub year: Option<i32>,
    /// The utvecklingsområde it traces through, where that is how it reaches a direction.
    pub via: Option<Link>,
}

pub use crate::model::index::Trace;

/// What the county's pages need about one of its sources, worked out once.
pub struct SourceFacts {
    /// Its pages' file name stem: its folder, made safe (`kommuner-nacka`).
    pub slug: String,
    /// Its activities by the id of the county inriktning they trace to:
    /// `(aktivitetsplan, activity)` in the source's own plan.
    pub by_direction: HashMap<String, Vec<(usize, usize)>>,
    /// The years of its aktivitetsplaner, in order.
    pub years: Vec<i32>,
    /// The date of its latest follow-up, if it has any.
    pub last_follow_up: Option<NaiveDate>,
    /// The file names of its own site's pages, which its rows link to.
    pub stems: paths::Stems,
}

impl SourceFacts {
    /// The facts of source `s` of `all`; its slug is its folder's last name (`nacka`), or its
    /// whole path when another source ends in the same name.
    fn of(all: &[crate::sources::Source], s: usize) -> SourceFacts {
        let source = &all[s];
        let last = |src: &crate::sources::Source| {
            src.prefix().trim_end_matches('/').rsplit('/').next().unwrap_or("").to_owned()
        };
        let shared = all.iter().filter(|other| last(other) == last(source)).count() > 1;
        let name = if shared { source.prefix().trim_end_matches('/').replace('/', "-") } else { last(source) };
        let slug = paths::file_stem(&name);
        let mut facts = SourceFacts {
            slug,
            by_direction: HashMap::new(),
            years: Vec::new(),
            last_follow_up: None,
            stems: paths::Stems::default(),
        };
        let Some(checked) = source.checked() else { return facts };
        let plan = &checked.plan;
        facts.stems = stems(plan);
        for (p, ap) in plan.activity_plans.iter().enumerate() {
            facts.years.extend(ap.year.map(|y| y.value));
            for (a, act) in ap.activities.iter().enumerate() {
                for direction in plan.traced_directions(act) {
                    let id = plan.id_of(direction).0.to_owned();
                    facts.by_direction.entry(id).or_default().push((p, a));
                }
                let latest = act.follow_ups.iter().filter_map(|f| f.date.map(|d| d.value)).max();
                facts.last_follow_up = facts.last_follow_up.max(latest);
            }
        }
        facts.years.sort_unstable();
        facts.years.dedup();
        facts
    }
}

/// Everything the pages share.
pub struct SiteCx<'p> {
    /// The plan.
    pub plan: &'p Plan,
    /// Render options.
    pub options: &'p RenderOptions,
    /// For each activity plan, for each activity: the directions it traces to.
    pub traces: Vec<Vec<Vec<Trace>>>,
    /// For each direction: the activities tracing to it, `(activity plan, activity, via)`.
    pub by_direction: HashMap<Entity, Vec<(usize, usize, Option<Entity>)>>,
    /// For each activity id that a later activity continues (`fortsätter`): those activities.
    pub continued_by: HashMap<&'p str, Vec<Entity>>,
    /// For each source of a county's repository, in `options.sources`' order.
    pub sources: Vec<SourceFacts>,
    /// The file names of the entity pages.
    pub stems: paths::Stems,
    /// What every page shows and is computed once: the repository's own plans, the years,
    /// the site's title and publisher.
    once: Once,
}

/// The site-wide values of [`SiteCx`], derived once rather than for each of 100k pages.
struct Once {
    own_plans: Vec<usize>,
    years: Vec<i32>,
    current_year: Option<i32>,
    site_title: String,
    publisher: Option<String>,
}

/// The stems of every page a plan's site has about an entity (also for a source's site,
/// which the county's pages link into).
pub fn stems(plan: &Plan) -> paths::Stems {
    let mut pages: Vec<(PageKind, &str)> = Vec::with_capacity(plan.activity_count() + plan.organisations.len());
    pages.extend(plan.organisations.iter().map(|o| (PageKind::Organisation, o.id.value.0.as_str())));
    for ap in &plan.action_plans {
        pages.push((PageKind::Plan, ap.id.value.0.as_str()));
        pages.extend(ap.topics.iter().map(|t| (PageKind::Topic, t.id.value.0.as_str())));
        for area in &ap.goal_areas {
            pages.push((PageKind::GoalArea, area.id.value.0.as_str()));
            pages.extend(area.directions.iter().map(|d| (PageKind::Direction, d.id.value.0.as_str())));
        }
    }
    for ap in &plan.activity_plans {
        pages.push((PageKind::Plan, ap.id.value.0.as_str()));
        pages.extend(ap.activities.iter().map(|a| (PageKind::Activity, a.id.value.0.as_str())));
    }
    paths::Stems::new(pages)
}

impl<'p> SiteCx<'p> {
    /// Derives the traces once for all pages.
    pub fn new(plan: &'p Plan, options: &'p RenderOptions) -> Self {
        let mut traces = Vec::with_capacity(plan.activity_plans.len());
        let mut by_direction: HashMap<Entity, Vec<(usize, usize, Option<Entity>)>> = HashMap::new();
        let mut continued_by: HashMap<&str, Vec<Entity>> = HashMap::new();
        for (p, ap) in plan.activity_plans.iter().enumerate() {
            let mut per_plan = Vec::with_capacity(ap.activities.len());
            for (a, act) in ap.activities.iter().enumerate() {
                if let Some(old) = &act.continues {
                    continued_by.entry(old.value.0.as_str()).or_default().push(Entity::Activity(p, a));
                }
                let t = plan.traces(act);
                for tr in &t {
                    by_direction.entry(tr.direction).or_default().push((p, a, tr.via));
                }
                per_plan.push(t);
            }
            traces.push(per_plan);
        }
        let mut sources: Vec<SourceFacts> =
            (0..options.sources.len()).map(|s| SourceFacts::of(&options.sources, s)).collect();
        let mut slugs: Vec<String> = sources.iter_mut().map(|s| std::mem::take(&mut s.slug)).collect();
        paths::unique_ignoring_case(&mut slugs);
        for (source, slug) in sources.iter_mut().zip(slugs) {
            source.slug = slug;
        }
        let own_plans = plan.own_plans();
        let mut years: Vec<i32> = plan.activity_plans.iter().filter_map(|p| p.year.map(|y| y.value)).collect();
        years.sort_unstable();
        years.dedup();
        let today = chrono::Datelike::year(&options.today);
        let current_year = years.iter().rev().find(|&&y| y <= today).or_else(|| years.first()).copied();
        let site_title = options.site.title.clone().unwrap_or_else(|| {
            own_plans
                .first()
                .and_then(|&p| plan.action_plans[p].name.as_ref())
                .map_or_else(|| "plan".to_owned(), |n| n.value.clone())
        });
        let publisher = options.site.publisher.clone().or_else(|| plan.own_plan_owner());
        let once = Once { own_plans, years, current_year, site_title, publisher };
        SiteCx { plan, options, traces, by_direction, continued_by, sources, stems: stems(plan), once }
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    /// The output format.
    pub fn format(&self) -> SiteFormat {
        self.options.format
    }

    /// The palette for the stylesheet.
    pub fn colors(&self) -> &Colors {
        &self.options.site.colors
    }

    /// One interface word.
    pub fn label(&self, key: &str) -> &'static str {
        labels::label(self.lang(), key)
    }

    /// Indices of the handlingsplaner that follow no other plan (the county plan).
    pub fn root_plans(&self) -> Vec<usize> {
        (0..self.plan.action_plans.len()).filter(|&p| self.plan.action_plans[p].follows.is_none()).collect()
    }

    /// The repository's own handlingsplaner ([`Plan::own_plans`]).
    pub fn own_plans(&self) -> Vec<usize> {
        self.once.own_plans.clone()
    }

    /// The years of the aktivitetsplaner, in order.
    pub fn years(&self) -> Vec<i32> {
        self.once.years.clone()
    }

    /// The year the start page shows: the check date's year when there is an aktivitetsplan
    /// for it, else the latest year before it that has one, else the first one after.
    pub fn current_year(&self) -> Option<i32> {
        self.once.current_year
    }

    /// Site-relative path of the start page for a year: `index.html` for the current year,
    /// `ar/2025.html` for the others.
    pub fn year_path(&self, year: Option<i32>) -> String {
        match year {
            Some(y) if Some(y) != self.current_year() => format!("ar/{y}.{}", self.format().extension()),
            _ => paths::special("index", self.format()),
        }
    }

    /// The site's title: `[site] title`, else the name of the repository's own plan.
    pub fn site_title(&self) -> String {
        self.once.site_title.clone()
    }

    /// The publisher: `[site] publisher`, else the name of the owner of the repository's own
    /// plan.
    pub fn publisher(&self) -> Option<String> {
        self.once.publisher.clone()
    }

    /// An organisation's name, or its id when it has none.
    pub fn org_name(&self, id: &str) -> String {
        self.plan.organisation_name_or_id(id).to_owned()
    }

    /// Site-relative path of a page about an entity.
    pub fn path_of(&self, kind: PageKind, id: &str) -> String {
        self.stems.page(kind, id, self.format())
    }

    /// A link from the page at `from` to an entity's page.
    pub fn link(&self, from: &str, kind: PageKind, id: &str, title: impl Into<String>) -> Link {
        Link { title: title.into(), href: relative(from, &self.path_of(kind, id)), id: id.to_owned() }
    }

    /// A link to a site-relative path.
    pub fn link_path(&self, from: &str, path: &str, title: impl Into<String>) -> Link {
        Link { title: title.into(), href: relative(from, path), id: String::new() }
    }

    /// A link to an organisation, by id.
    pub fn org_link(&self, from: &str, id: &str) -> Link {
        self.link(from, PageKind::Organisation, id, self.org_name(id))
    }

    /// A link to any entity, with its natural title, to the page it is shown on.
    pub fn entity_link(&self, from: &str, e: Entity) -> Link {
        let plan = self.plan;
        let (id, _) = plan.id_of(e);
        match e {
            Entity::Organisation(_) => self.org_link(from, id),
            Entity::ActionPlan(p) => self.link(from, PageKind::Plan, id, text(plan.action_plans[p].name.as_ref(), id)),
            Entity::ActivityPlan(p) => self.link(from, PageKind::Plan, id, self.activity_plan_title(p)),
            Entity::GoalArea(p, g) => {
                self.link(from, PageKind::GoalArea, id, text(plan.action_plans[p].goal_areas[g].name.as_ref(), id))
            }
            Entity::Direction(..) => self.link(from, PageKind::Direction, id, id),
            Entity::Topic(p, t) => {
                self.link(from, PageKind::Topic, id, text(plan.action_plans[p].topics[t].name.as_ref(), id))
            }
            Entity::Activity(p, a) => {
                self.link(from, PageKind::Activity, id, text(plan.activity_plans[p].activities[a].title.as_ref(), id))
            }
            Entity::FocusArea(p, f) => {
                let title = text(plan.action_plans[p].focus_areas[f].name.as_ref(), id);
                let mut l = self.link(from, PageKind::Plan, plan.action_plans[p].id.value.as_str(), title);
                l.href.push_str(&format!("#{}", anchor(id)));
                l.id = id.to_owned();
                l
            }
            Entity::Assignment(p, _) => {
                let mut l = self.link(from, PageKind::Plan, plan.activity_plans[p].id.value.as_str(), id);
                l.href.push_str(&format!("#{}", anchor(id)));
                l.id = id.to_owned();
                l
            }
            Entity::Indicator(p, at, _) => {
                // A målområde's indicators are on its page; a plan's and an
                // utvecklingsområde's on the plan's page.
                let ap = &plan.action_plans[p];
                let mut l = match at {
                    IndicatorAt::GoalArea(g) => {
                        self.link(from, PageKind::GoalArea, ap.goal_areas[g].id.value.as_str(), id)
                    }
                    IndicatorAt::Plan | IndicatorAt::FocusArea(_) => {
                        self.link(from, PageKind::Plan, ap.id.value.as_str(), id)
                    }
                };
                l.href.push_str(&format!("#{}", anchor(id)));
                l.id = id.to_owned();
                l
            }
        }
    }

    /// The inriktningar an utvecklingsområde traces to, as `{link, text}` for the page at
    /// `from` (references that do not resolve are P004's, and left out).
    pub fn direction_links(&self, from: &str, focus: &crate::model::FocusArea) -> Vec<serde_json::Value> {
        let plan = self.plan;
        focus
            .directions
            .iter()
            .filter_map(|d| match plan.index.get(&d.value.0) {
                Some(e @ Entity::Direction(dp, dg, dd)) => Some(serde_json::json!({
                    "link": self.entity_link(from, e),
                    "text": text(plan.action_plans[dp].goal_areas[dg].directions[dd].text.as_ref(), ""),
                })),
                _ => None,
            })
            .collect()
    }

    /// An aktivitetsplan's title: its name, else "Aktivitetsplan <year> – <handlingsplan>".
    pub fn activity_plan_title(&self, p: usize) -> String {
        let plan = self.plan;
        let ap = &plan.activity_plans[p];
        if let Some(n) = &ap.name {
            return n.value.clone();
        }
        let year = ap.year.map(|y| format!(" {}", y.value)).unwrap_or_default();
        let parent = ap
            .action_plan
            .as_ref()
            .and_then(|r| plan.action_plan(&r.value.0))
            .and_then(|a| plan.action_plans[a].name.as_ref());
        match parent {
            Some(name) => format!("{}{year} – {}", self.label("activity_plan"), name.value),
            None => format!("{}{year} ({})", self.label("activity_plan"), ap.id.value),
        }
    }

    /// A status as shown.
    pub fn status(&self, status: Status) -> StatusView {
        StatusView {
            key: status.as_str(),
            class: status_class(status),
            name: status_name(self.lang(), status),
            icon: status_icon(status),
        }
    }

    /// Counts of activities per status, in the format's order, zeros included.
    pub fn status_counts<'a>(&self, activities: impl Iterator<Item = &'a Activity>) -> (Vec<StatusCount>, usize) {
        let mut counts = [0usize; 6];
        let mut total = 0;
        for act in activities {
            total += 1;
            if let Some(s) = &act.status {
                counts[Status::ALL.iter().position(|(_, v)| *v == s.value).unwrap_or(0)] += 1;
            }
        }
        let list = Status::ALL
            .iter()
            .zip(counts)
            .map(|(&(_, s), count)| StatusCount { status: self.status(s), count })
            .collect();
        (list, total)
    }

    /// The end date of an activity: `slut`, or the last day of its plan's year.
    pub fn end_date(&self, p: usize, act: &Activity) -> Option<NaiveDate> {
        act.due_date(self.plan.activity_plans[p].year.map(|y| y.value))
    }

    /// Whether an activity is overdue against the check date (as P008 judges it).
    pub fn is_overdue(&self, p: usize, act: &Activity) -> bool {
        act.is_overdue(self.plan.activity_plans[p].year.map(|y| y.value), self.options.today)
    }

    /// An activity as a table row, on the page at `from`.
    pub fn activity_row(&self, from: &str, p: usize, a: usize, via: Option<Entity>) -> ActivityRow {
        let ap = &self.plan.activity_plans[p];
        let act = &ap.activities[a];
        ActivityRow {
            link: self.entity_link(from, Entity::Activity(p, a)),
            owner: act.owner.as_ref().map(|o| self.org_link(from, &o.value.0)),
            status: act.status.as_ref().map(|s| self.status(s.value)),
            end: self.end_date(p, act).map(|d| d.to_string()).unwrap_or_default(),
            overdue: self.is_overdue(p, act),
            plan: self.link(from, PageKind::Plan, ap.id.value.as_str(), ap.id.value.as_str()),
            year: ap.year.map(|y| y.value),
            via: via.map(|v| self.entity_link(from, v)),
        }
    }

    /// A Markdown field rendered for the output format.
    pub fn markdown(&self, text: Option<&crate::source::Spanned<String>>) -> String {
        text.map(|t| markdown::render(&t.value, self.format() == SiteFormat::Html)).unwrap_or_default()
    }

    /// The common part of every page's context.
    pub fn page_base(&self, path: &str, title: &str, breadcrumbs: Vec<Link>) -> serde_json::Value {
        let mut nav = vec![
            ("home", paths::special("index", self.format())),
            ("goal_areas", paths::special("index", self.format()) + "#malomraden"),
            ("plans", paths::special("planer", self.format())),
            ("coverage", paths::special("tackning", self.format())),
            ("follow_up_page", paths::special("uppfoljning", self.format())),
            ("organisations", paths::special("organisationer", self.format())),
        ];
        if !self.options.sources.is_empty() {
            nav.insert(2, ("sources", paths::special("kommuner", self.format())));
        }
        let nav: Vec<serde_json::Value> = nav
            .iter()
            .map(|(key, target)| {
                serde_json::json!({
                    "title": self.label(key),
                    "href": relative(path, target),
                    "current": target == path,
                })
            })
            .collect();
        serde_json::json!({
            "lang": self.lang().to_string(),
            "edit_href": null,
            "site": {
                "title": self.site_title(),
                "publisher": self.publisher(),
                "nav": nav,
                "check_date": self.options.today.to_string(),
                "stylesheet": relative(path, "assets/style.css"),
                "tables_script": relative(path, "assets/tables.js"),
                "accessibility_href": relative(path, &paths::special("tillganglighet", self.format())),
                "changes_href": relative(path, &super::pages::changes::list_path(self)),
                "feed_href": super::pages::changes::has_feed(self).then(|| relative(path, super::feed::PATH)),
                "home_href": relative(path, &paths::special("index", self.format())),
            },
            "page": {
                "path": path,
                "root": paths::root_prefix(path),
                "title": title,
                "breadcrumbs": breadcrumbs,
            },
        })
    }
}

/// The text of an optional field, or a fallback.
pub fn text(value: Option<&crate::source::Spanned<String>>, fallback: &str) -> String {
    value.map_or_else(|| fallback.to_owned(), |v| v.value.clone())
}

/// A CSS class for a status, ASCII only.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Planned => "status-planerad",
        Status::Ongoing => "status-pagaende",
        Status::Done => "status-klar",
        Status::Delayed => "status-forsenad",
        Status::Paused => "status-pausad",
        Status::Cancelled => "status-avbruten",
    }
}

/// An HTML id for an entity id: the same encoding as file names, so it is always valid.
pub fn anchor(id: &str) -> String {
    paths::file_stem(id)
}

/// The path from page `from` to page `to`, both site-relative.
pub fn relative(from: &str, to: &str) -> String {
    format!("{}{to}", paths::root_prefix(from))
}
