//! The template engine: tera, with the default templates embedded in the binary and each
//! overridable by a file of the same name in the repository's `templates/` folder, as in
//! Zola. A user's folder may also add templates of its own (partials to include).
//!
//! Autoescaping is on for `.html` and `.md` templates, with the escape function of the
//! format being built ([`crate::escape::html`] or [`crate::escape::markdown`]), so every
//! `{{ value }}` is quoted for its output by construction: in HTML without control
//! characters, in Markdown as literal text. Link targets in the Markdown templates go
//! through the `md_href` filter, which keeps only relative, http(s) and mailto targets.
//! Plan content only ever reaches a template as data, never as template source, so `{{`
//! in a plan file is shown as it is. Markdown fields arrive already rendered and
//! sanitised ([`super::markdown`]) and are marked `| safe` in the templates.

use super::RenderError;
use super::paths::SiteFormat;
use crate::lang::Lang;
use std::path::Path;
use tera::{Context, Tera};

/// The default templates, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("goal_area.html", include_str!("../../templates/goal_area.html")),
    ("direction.html", include_str!("../../templates/direction.html")),
    ("plans.html", include_str!("../../templates/plans.html")),
    ("action_plan.html", include_str!("../../templates/action_plan.html")),
    ("activity_plan.html", include_str!("../../templates/activity_plan.html")),
    ("activity.html", include_str!("../../templates/activity.html")),
    ("organisations.html", include_str!("../../templates/organisations.html")),
    ("organisation.html", include_str!("../../templates/organisation.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("coverage.html", include_str!("../../templates/coverage.html")),
    ("follow_up.html", include_str!("../../templates/follow_up.html")),
    ("accessibility.html", include_str!("../../templates/accessibility.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("source.html", include_str!("../../templates/source.html")),
    ("county_coverage.html", include_str!("../../templates/county_coverage.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("report.html", include_str!("../../templates/report.html")),
    ("macros.md", include_str!("../../templates/macros.md")),
    ("footer.md", include_str!("../../templates/footer.md")),
    ("index.md", include_str!("../../templates/index.md")),
    ("goal_area.md", include_str!("../../templates/goal_area.md")),
    ("direction.md", include_str!("../../templates/direction.md")),
    ("plans.md", include_str!("../../templates/plans.md")),
    ("action_plan.md", include_str!("../../templates/action_plan.md")),
    ("activity_plan.md", include_str!("../../templates/activity_plan.md")),
    ("activity.md", include_str!("../../templates/activity.md")),
    ("organisations.md", include_str!("../../templates/organisations.md")),
    ("organisation.md", include_str!("../../templates/organisation.md")),
    ("topic.md", include_str!("../../templates/topic.md")),
    ("coverage.md", include_str!("../../templates/coverage.md")),
    ("follow_up.md", include_str!("../../templates/follow_up.md")),
    ("accessibility.md", include_str!("../../templates/accessibility.md")),
    ("sources.md", include_str!("../../templates/sources.md")),
    ("source.md", include_str!("../../templates/source.md")),
    ("county_coverage.md", include_str!("../../templates/county_coverage.md")),
];

/// Largest template file read from a user's folder.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Templates ready to render pages of one format.
pub struct Engine {
    tera: Tera,
    extension: &'static str,
}

impl Engine {
    /// The defaults, with every template in `user_dir` added over them by name.
    pub fn new(format: SiteFormat, user_dir: Option<&Path>, lang: Lang) -> Result<Engine, RenderError> {
        let mut templates: Vec<(String, String)> =
            DEFAULTS.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            for (name, text) in read_user_templates(dir, lang)? {
                match templates.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => templates.push((name, text)),
                }
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".md"]);
        tera.set_escape_fn(match format {
            SiteFormat::Html => crate::escape::html,
            SiteFormat::Markdown => crate::escape::markdown,
        });
        tera.register_filter("md_href", md_href);
        tera.add_raw_templates(templates).map_err(|e| RenderError::Template(describe(&e)))?;
        // The interface words are the same on every page: set them once, not per page.
        tera.global_context().insert("labels", &super::labels::labels(lang));
        Ok(Engine { tera, extension: format.extension() })
    }

    /// Renders a page template (`goal_area`, without extension) or a named file
    /// (`style.css`).
    pub fn render(&self, template: &str, context: &Context) -> Result<String, RenderError> {
        let name = if template.contains('.') { template.to_owned() } else { format!("{template}.{}", self.extension) };
        self.tera.render(&name, context).map_err(|e| RenderError::Template(format!("{name}: {}", describe(&e))))
    }
}

/// The `md_href` filter: a link target for a Markdown template, percent-encoded where it
/// could end the link, and `#` for a target that is not relative, http(s) or mailto.
fn md_href(url: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    tera::Value::safe_string(&crate::escape::markdown_href(&url).unwrap_or_else(|| "#".to_owned()))
}

/// A template context from any serializable map or struct.
pub fn context(value: &impl serde::Serialize) -> Result<Context, RenderError> {
    Context::from_serialize(value).map_err(|e| RenderError::Template(describe(&e)))
}

/// Every `*.html`, `*.md` and `*.css` file directly in the user's folder, by name.
fn read_user_templates(dir: &Path, lang: Lang) -> Result<Vec<(String, String)>, RenderError> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| RenderError::Template(format!("{}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        let wanted = [".html", ".md", ".css"].iter().any(|ext| name.ends_with(ext));
        // A folder named like a template is not one; a link or a pipe is refused when read.
        if !wanted || entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let text = crate::files::read::text(&path, MAX_TEMPLATE_BYTES)
            .map_err(|e| RenderError::Template(format!("{}: {}", path.display(), e.message(lang))))?;
        out.push((name, text));
    }
    out.sort();
    Ok(out)
}

/// A tera error with its causes, on one line.
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
