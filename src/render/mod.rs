//! `plan render`: the plan as a website (HTML) or as Markdown files.
//!
//! The flow is Plan → page contexts → templates → files in memory → one atomic write.
//! Page contexts are plain serializable structs built in [`pages`], separate from the
//! model, and documented in `docs/templates.md`; templates are tera, embedded in the binary
//! and overridable by a file of the same name in the repository's `templates/` folder
//! ([`templates`]). Everything the site needs (the stylesheet) is written with it: no
//! external assets. Output is byte-for-byte deterministic for the same input.

pub mod chart;
pub mod cms;
pub mod context;
pub mod feed;
pub mod front_matter;
pub mod labels;
pub mod markdown;
pub mod pages;
pub mod paths;
pub mod progress;
pub mod publish;
pub mod search;
pub mod sitemap;
pub mod templates;
pub mod write;

use crate::config::{AccessibilityConfig, SiteConfig};
use crate::lang::Lang;
use crate::model::Plan;
use chrono::NaiveDate;
pub use paths::SiteFormat;
use rayon::prelude::*;
use std::path::PathBuf;

/// What to render and how.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// HTML or Markdown.
    pub format: SiteFormat,
    /// Language of the interface.
    pub lang: Lang,
    /// The check date (what is overdue).
    pub today: NaiveDate,
    /// `[site]` from `plan.toml`.
    pub site: SiteConfig,
    /// `[accessibility]` from `plan.toml`.
    pub accessibility: AccessibilityConfig,
    /// The repository's `templates/` folder, if it has one.
    pub templates_dir: Option<PathBuf>,
    /// When each plan file last changed in git history, by name; empty outside git.
    pub last_changed: std::collections::HashMap<String, NaiveDate>,
    /// The repositories listed under `[[sources]]`, read: a county's site shows them
    /// together (a page each, the county-wide coverage, their activities per inriktning).
    pub sources: std::sync::Arc<Vec<crate::sources::Source>>,
    /// The plan's decisions in git history, for the changelog (`andringar`) and its feed;
    /// the default says there is no history.
    pub history: std::sync::Arc<crate::diff::history::History>,
}

/// Why a site could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to parse or render (usually a user's override).
    #[error("{0}")]
    Template(String),
    /// Writing the output failed or was refused.
    #[error("{0}")]
    Write(String),
}

impl From<RenderError> for crate::error::Error {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Template(m) => crate::error::Error::Template(m),
            RenderError::Write(m) => crate::error::Error::Output(m),
        }
    }
}

/// Where rendered files go: a site-relative path and its contents.
pub type Sink<'s> = dyn Fn(&str, &[u8]) -> Result<(), RenderError> + Sync + 's;

/// Renders every page of the site and hands each file to `sink` as soon as it is made, in
/// parallel; returns the number of files. Only the pages being rendered are in memory.
pub fn build(plan: &Plan, options: &RenderOptions, sink: &Sink<'_>) -> Result<usize, RenderError> {
    build_with(plan, options, sink, &progress::Progress::off())
}

/// [`build`], counting the pages on `progress`.
pub fn build_with(
    plan: &Plan,
    options: &RenderOptions,
    sink: &Sink<'_>,
    progress: &progress::Progress,
) -> Result<usize, RenderError> {
    let engine = templates::Engine::new(options.format, options.templates_dir.as_deref(), options.lang)?;
    let cx = context::SiteCx::new(plan, options);
    let jobs = pages::all(&cx);
    progress.start(jobs.len(), options.lang);
    // Every render runs under the watchdog: a user's template may try to run for ever.
    let html_pages = std::sync::Mutex::new(Vec::new());
    engine.watched(|| {
        // The search index is built beside the pages: it needs the model only, not the pages.
        let search = || if options.format == SiteFormat::Html { search::write(&cx, sink) } else { Ok(0) };
        let pages = || {
            jobs.par_iter().enumerate().try_for_each(|(index, job)| {
                let page = job();
                if let Some(error) = page.error {
                    return Err(RenderError::Template(format!("{}: {error}", page.path)));
                }
                let mut text = engine.render(page.template, &page.context)?;
                if page.path.ends_with(".html") {
                    html_pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(page.path.clone());
                }
                if options.format == SiteFormat::Markdown {
                    // Every Markdown page, whatever its template, starts with its front matter.
                    text.insert_str(0, &front_matter::block(&page.title, index + 1));
                    let (path, text) = cms::publish(&page.path, text, options.site.markdown_style());
                    sink(&path, text.as_bytes())?;
                } else {
                    sink(&page.path, text.as_bytes())?;
                }
                progress.tick();
                Ok(())
            })
        };
        let (pages, search) = rayon::join(pages, search);
        pages?;
        let search_files = search?;
        progress.finish();
        let mut count = jobs.len();
        if let (SiteFormat::Html, Some(base)) = (options.format, options.site.url.as_deref()) {
            let mut paths = html_pages.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
            sink("sitemap.xml", sitemap::xml(base, &mut paths).as_bytes())?;
            count += 1;
        }
        if let Some(feed) = feed::xml(&cx) {
            sink(feed::PATH, feed.as_bytes())?;
            count += 1;
        }
        if options.format == SiteFormat::Html {
            let colors =
                tera::Value::try_from_serializable(cx.colors()).map_err(|e| RenderError::Template(e.to_string()))?;
            let mut context = tera::Context::new();
            context.insert_value("colors", colors);
            let css = engine.render("style.css", &context)?;
            sink("assets/style.css", css.as_bytes())?;
            let js = engine.render("search.js", &tera::Context::new())?;
            sink("assets/search.js", js.as_bytes())?;
            let js = engine.render("tables.js", &tera::Context::new())?;
            sink("assets/tables.js", js.as_bytes())?;
            count += 3 + search_files;
        }
        Ok(count)
    })
}
