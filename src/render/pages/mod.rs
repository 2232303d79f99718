//! One file per page type; each turns the plan into `(path, template, context)` triples.
//!
//! Contexts are JSON objects: the common part from [`SiteCx::page_base`] (`lang`, `labels`,
//! `site`, `page`) plus the page's own keys, documented in `docs/templates.md`.

mod accessibility;
mod activity;
mod activity_plan;
mod coverage;
mod direction;
mod follow_up;
mod goal_area;
mod organisation;
mod plan;
mod start;
mod topic;

use super::context::SiteCx;

/// A page to render.
pub struct Page {
    /// Site-relative output path.
    pub path: String,
    /// Template name without extension (`goal_area`).
    pub template: &'static str,
    /// The template's context.
    pub context: serde_json::Value,
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
        let mut context = cx.page_base(&path, title, breadcrumbs);
        if let (Some(base), serde_json::Value::Object(extra)) = (context.as_object_mut(), data) {
            base.extend(extra);
        }
        Page { path, template, context }
    }
}

/// Every page of the site.
pub fn all(cx: &SiteCx<'_>) -> Vec<Page> {
    let mut pages = Vec::new();
    pages.push(start::page(cx));
    pages.extend(goal_area::pages(cx));
    pages.extend(direction::pages(cx));
    pages.extend(plan::pages(cx));
    pages.extend(activity_plan::pages(cx));
    pages.extend(activity::pages(cx));
    pages.extend(organisation::pages(cx));
    pages.extend(topic::pages(cx));
    pages.push(coverage::page(cx));
    pages.push(follow_up::page(cx));
    pages.push(accessibility::page(cx));
    pages
}

/// The breadcrumb back to the start page.
fn home(cx: &SiteCx<'_>, from: &str) -> super::context::Link {
    cx.link_path(from, &super::paths::special("index", cx.format()), cx.label("home"))
}
