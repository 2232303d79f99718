//! `plan render`: the plan as a website (HTML) or as Markdown files.
//!
//! The flow is Plan → page contexts → templates → files in memory → one atomic write.
//! Page contexts are plain serializable structs built in [`pages`], separate from the
//! model, and documented in `docs/templates.md`; templates are tera, embedded in the binary
//! and overridable by a file of the same name in the repository's `templates/` folder
//! ([`templates`]). Everything the site needs (the stylesheet) is written with it: no
//! external assets. Output is byte-for-byte deterministic for the same input.

pub mod chart;
pub mod context;
pub mod labels;
pub mod markdown;
pub mod pages;
pub mod paths;
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
}

/// One file of the rendered site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
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

/// Renders every page of the site, in memory, sorted by path.
pub fn build(plan: &Plan, options: &RenderOptions) -> Result<Vec<OutputFile>, RenderError> {
    let engine = templates::Engine::new(options.format, options.templates_dir.as_deref())?;
    let cx = context::SiteCx::new(plan, options);
    let pages = pages::all(&cx);
    let mut files: Vec<OutputFile> = pages
        .par_iter()
        .map(|page| {
            let text = engine.render(page.template, &page.context)?;
            Ok(OutputFile { path: page.path.clone(), bytes: text.into_bytes() })
        })
        .collect::<Result<_, RenderError>>()?;
    if options.format == SiteFormat::Html {
        let css = engine.render("style.css", &serde_json::json!({ "colors": cx.colors() }))?;
        files.push(OutputFile { path: "assets/style.css".to_owned(), bytes: css.into_bytes() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
