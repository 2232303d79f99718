//! Long activity tables, split into pages so that no page grows with the plan.
//!
//! A table of more than [`PAGE_ROWS`] activities shows its first rows on the page it
//! belongs to (a direction's, an organisation's, a plan's …) with a pager, and the rest on
//! pages of their own, `listor/<name>-<n>.<ext>` (`listor/inriktningar/MO1.1-2.html`), each
//! rendered from the `activity_list` template. `<name>` is the kind's folder and the
//! entity's unique file stem, so list pages of different entities never share a name, and
//! `-<n>` (n ≥ 2, digits only) cannot be mistaken for part of a stem. At 100k activities a
//! page of rows stays a few hundred kilobytes, and a change of one activity rewrites the
//! entity's page or the one list page that holds it, not every list.

use super::{Job, Page, SiteCx, home};
use crate::model::Entity;
use crate::render::context::{ActivityRow, Link};
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;

/// Rows per page of an activity table.
pub const PAGE_ROWS: usize = 200;

/// The activities of a table, in order: `(aktivitetsplan, activity, via)`.
pub type Selection = Arc<Vec<(usize, usize, Option<Entity>)>>;

/// One link of a pager.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// The page's number, from 1.
    pub number: usize,
    /// Link to it from the current page.
    pub href: String,
    /// Whether it is the current page.
    pub current: bool,
}

/// Where a page is among the pages of its table.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages the table has.
    pub pages: usize,
    /// Rows in the whole table.
    pub total: usize,
    /// The number of the first row on this page, from 1 (0 when the table is empty).
    pub first: usize,
    /// The number of the last row on this page.
    pub last: usize,
    /// Every page, in order.
    pub links: Vec<PagerLink>,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
}

/// A table split into pages: page 1 on `home`, the others under `listor/`.
pub struct Paged {
    /// The entity's page, where page 1 is shown.
    pub home: String,
    /// The entity page's title (the list pages' breadcrumb back to it).
    pub home_title: String,
    /// `inriktningar/MO1.1`: the list pages' name without the page number.
    pub name: String,
    /// The table's caption (`Aktiviteter som leder hit – MO1.1`).
    pub caption: String,
    /// The activities.
    pub selection: Selection,
    /// Whether the table has a plan column.
    pub show_plan: bool,
    /// Whether the table has a "via" column.
    pub show_via: bool,
}

impl Paged {
    /// How many pages the table takes (at least one, even when empty).
    pub fn pages(&self) -> usize {
        self.selection.len().div_ceil(PAGE_ROWS).max(1)
    }

    /// Site-relative path of page `n`.
    pub fn path(&self, cx: &SiteCx<'_>, n: usize) -> String {
        if n <= 1 { self.home.clone() } else { format!("listor/{}-{n}.{}", self.name, cx.format().extension()) }
    }

    /// The rows of page `n` as shown on the page at `from`.
    pub fn rows(&self, cx: &SiteCx<'_>, from: &str, n: usize) -> Vec<ActivityRow> {
        let start = (n - 1) * PAGE_ROWS;
        self.selection.iter().skip(start).take(PAGE_ROWS).map(|&(p, a, via)| cx.activity_row(from, p, a, via)).collect()
    }

    /// The pager of page `n`, with links relative to it.
    pub fn pager(&self, cx: &SiteCx<'_>, n: usize) -> Pager {
        let from = self.path(cx, n);
        let pages = self.pages();
        let href = |k: usize| crate::render::context::relative(&from, &self.path(cx, k));
        let total = self.selection.len();
        Pager {
            page: n,
            pages,
            total,
            first: if total == 0 { 0 } else { (n - 1) * PAGE_ROWS + 1 },
            last: (n * PAGE_ROWS).min(total),
            links: (1..=pages).map(|k| PagerLink { number: k, href: href(k), current: k == n }).collect(),
            prev: (n > 1).then(|| href(n - 1)),
            next: (n < pages).then(|| href(n + 1)),
        }
    }

    /// Page 1 for the entity's page: its rows and its pager.
    pub fn first(&self, cx: &SiteCx<'_>) -> (Vec<ActivityRow>, Pager) {
        (self.rows(cx, &self.home, 1), self.pager(cx, 1))
    }

    /// The jobs that render pages 2 and on.
    pub fn jobs<'c>(self: Arc<Self>, cx: &'c SiteCx<'_>) -> Vec<Job<'c>> {
        (2..=self.pages())
            .map(|n| {
                let list = Arc::clone(&self);
                Box::new(move || list.page(cx, n)) as Job<'c>
            })
            .collect()
    }

    fn page(&self, cx: &SiteCx<'_>, n: usize) -> Page {
        let path = self.path(cx, n);
        let rows = self.rows(cx, &path, n);
        let pager = self.pager(cx, n);
        let back = cx.link_path(&path, &self.home, self.home_title.clone());
        let title = format!("{} ({} {n} {} {})", self.caption, cx.label("page"), cx.label("of"), pager.pages);
        let data = json!({
            "list": {
                "caption": self.caption,
                "back": back,
                "show_plan": self.show_plan,
                "show_via": self.show_via,
            },
        });
        let crumbs: Vec<Link> = vec![home(cx, &path), back];
        Page::new(cx, path, "activity_list", &title, crumbs, data).with("activities", &rows).with("pager", &pager)
    }
}
