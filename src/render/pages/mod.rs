//! One file per page type; each turns the plan into `(path, template, context)` triples.
//!
//! A context is the common part from [`SiteCx::page_base`] (`lang`, `labels`, `site`,
//! `page`) plus the page's own keys, documented in `docs/templates.md`. Small keys are
//! written as JSON; the long lists of activity rows go into the template context straight
//! from their typed structs with [`Page::with`], since converting tens of thousands of rows
//! through an intermediate JSON tree cost a fifth of a large render.

mod accessibility;
mod activity;
mod activity_plan;
pub mod changes;
mod coverage;
mod direction;
mod follow_up;
mod goal_area;
pub mod list;
mod organisation;
mod plan;
mod sources;
mod start;
mod topic;

use super::context::SiteCx;

/// A page not built yet: building it is deferred, so that only the pages being rendered
/// at a given moment are in memory, however large the plan.
pub type Job<'c> = Box<dyn Fn() -> Page + Send + Sync + 'c>;

/// A page to render.
pub struct Page {
    /// Site-relative output path.
    pub path: String,
    /// The page's title (`page.title`), also written as Markdown front matter.
    pub title: String,
    /// Template name without extension (`goal_area`).
    pub template: &'static str,
    /// The template's context.
    pub context: tera::Context,
    /// Why a value could not be put into the context (a bug, not bad input), if it could not.
    pub error: Option<String>,
}

impl Page {
    /// A page whose context is the common part plus `data`'s keys.
    pub fn new(
        cx: &SiteCx<'_>,
        path: String,
        template: &'static str,
        title: &str,
        breadcrumbs: Vec<super::context::Link>,
        data: serde_json::Value,
    ) -> Page {
        let mut page = Page { path, title: title.to_string(), template, context: tera::Context::new(), error: None };
        let mut base = cx.page_base(&page.path, title, breadcrumbs);
        if let (Some(base), serde_json::Value::Object(extra)) = (base.as_object_mut(), data) {
            base.extend(extra);
        }
        match tera::Context::from_serialize(&base) {
            Ok(context) => page.context = context,
            Err(e) => page.error = Some(e.to_string()),
        }
        page
    }

    /// Adds `edit_href`, the `[site] edit_url` address for plan file `file` (its path
    /// percent-encoded segment by segment in place of `{path}`), when `edit_url` is set.
    pub fn with_edit(mut self, cx: &SiteCx<'_>, file: crate::source::FileId) -> Page {
        if let Some(template) = cx.options.site.edit_url.as_deref() {
            let name = &cx.plan.sources.get(file).name;
            self.context.insert("edit_href", &template.replace("{path}", &super::sitemap::encode(name)));
        }
        self
    }

    /// Adds `key` to the context, serialized from `value` without a JSON tree in between.
    pub fn with(mut self, key: &'static str, value: &impl serde::Serialize) -> Page {
        match tera::Value::try_from_serializable(value) {
            Ok(value) => self.context.insert_value(key, value),
            Err(e) => self.error = self.error.or(Some(format!("{key}: {e}"))),
        }
        self
    }
}

/// Every page of the site, as jobs to run in any order.
pub fn all<'c>(cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
    let mut jobs: Vec<Job<'c>> = coverage::pages(cx);
    jobs.push(Box::new(move || accessibility::page(cx)));
    jobs.extend(follow_up::pages(cx));
    jobs.extend(start::pages(cx));
    jobs.extend(goal_area::pages(cx));
    jobs.extend(direction::pages(cx));
    jobs.extend(plan::pages(cx));
    jobs.extend(activity_plan::pages(cx));
    jobs.extend(activity::pages(cx));
    jobs.extend(organisation::pages(cx));
    jobs.extend(topic::pages(cx));
    jobs.extend(sources::pages(cx));
    jobs.extend(changes::pages(cx));
    if cx.format() == super::SiteFormat::Html {
        jobs.push(Box::new(move || super::search::page(cx)));
    }
    jobs
}

/// The breadcrumb back to the start page.
fn home(cx: &SiteCx<'_>, from: &str) -> super::context::Link {
    cx.link_path(from, &super::paths::special("index", cx.format()), cx.label("home"))
}

/// Activities counted per plan year, newest first: `{year, counts, total}` for a summary
/// table (`year` is null for plans without one).
fn year_counts(cx: &SiteCx<'_>, activities: impl Iterator<Item = (usize, usize)>) -> Vec<serde_json::Value> {
    let mut by_year: std::collections::BTreeMap<std::cmp::Reverse<Option<i32>>, Vec<(usize, usize)>> =
        std::collections::BTreeMap::new();
    for (p, a) in activities {
        let year = cx.plan.activity_plans[p].year.map(|y| y.value);
        by_year.entry(std::cmp::Reverse(year)).or_default().push((p, a));
    }
    by_year
        .into_iter()
        .map(|(std::cmp::Reverse(year), acts)| {
            let (counts, total, overdue) = counts_of(cx, &acts);
            serde_json::json!({ "year": year, "counts": counts, "total": total, "overdue": overdue })
        })
        .collect()
}

/// The counts per status of these activities (by aktivitetsplan and index), their number,
/// and how many of them are past their end date.
fn counts_of(cx: &SiteCx<'_>, acts: &[(usize, usize)]) -> (Vec<super::context::StatusCount>, usize, usize) {
    let activity = |&(p, a): &(usize, usize)| &cx.plan.activity_plans[p].activities[a];
    let overdue = acts.iter().filter(|&pa| cx.is_overdue(pa.0, activity(pa))).count();
    let (counts, total) = cx.status_counts(acts.iter().map(activity));
    (counts, total, overdue)
}

/// Every status as shown, in the format's order (the columns of a status table).
fn statuses(cx: &SiteCx<'_>) -> Vec<super::context::StatusView> {
    crate::model::Status::ALL.iter().map(|&(_, s)| cx.status(s)).collect()
}
