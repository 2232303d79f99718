//! `plan render` and `plan serve` on an opened repository: the render options a repository
//! asks for (its settings, check date, templates, the dates its files last changed and the
//! decisions in its history), and the render of a checked plan into an output folder.

use super::progress::Progress;
use super::{RenderOptions, SiteFormat};
use crate::check::Checked;
use crate::error::Error;
use crate::run::Repository;
use crate::t;
use std::path::Path;
use std::sync::Arc;

/// How `plan render` and `plan serve` render `repo` in `format`: its settings, check date and
/// language, its templates, when each plan file last changed, and the changelog's decisions,
/// with a note for the user when some dates or the history are missing (see
/// [`Repository::last_changed`] and [`crate::diff::history::read`]). `sources` is left
/// empty: [`render`] fills it from the check it makes.
pub fn options(repo: &Repository, format: SiteFormat) -> Result<(RenderOptions, Option<String>), Error> {
    let (last_changed, note) = repo.last_changed();
    let (history, history_note) = crate::diff::history::read(repo);
    let note = match (note, history_note) {
        (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
        (a, b) => a.or(b),
    };
    let options = RenderOptions {
        format,
        lang: repo.lang(),
        today: repo.options.today,
        site: repo.config.site.clone(),
        accessibility: repo.config.accessibility.clone(),
        templates_dir: repo.templates_dir()?,
        last_changed,
        sources: Default::default(),
        history: Arc::new(history),
    };
    Ok((options, note))
}

/// What `plan render` did: the check that preceded it (warnings only) and the files written.
#[derive(Debug)]
pub struct Rendered {
    /// The check that preceded the render.
    pub checked: Checked,
    /// Files written.
    pub files: usize,
}

/// Checks the repository and, when it has no errors, renders it into `out`; a plan with
/// errors is refused ([`Error::PlanHasErrors`]) and nothing is written.
pub fn render(
    repo: &Repository,
    mut render: RenderOptions,
    out: &Path,
    force: bool,
    progress: &Progress,
) -> Result<Rendered, Error> {
    let lang = repo.lang();
    let plan_dirs = repo.plan_places();
    let target = super::write::Target { out, root: &repo.root, plan_dirs: &plan_dirs, force };
    target.check(lang)?;
    let checked = repo.check_without_errors(&t!(lang, "publicerar inte", "not publishing"))?;
    // A county's site shows its sources too, read against the check just made.
    render.sources = Arc::new(repo.sources(&checked)?);
    let files =
        super::write::write_site(&target, lang, |sink| super::build_with(&checked.plan, &render, sink, progress))?;
    Ok(Rendered { checked, files })
}
