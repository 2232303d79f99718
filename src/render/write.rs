//! Writing the site: into a temporary folder beside the target, then renamed into place.
//!
//! A failed render therefore leaves the previous site exactly as it was, and a reader of
//! the published folder never sees half a site. Before anything is written, the target is
//! checked: it must not be the repository, contain it, or hold or lie inside plan sources,
//! and an existing non-empty folder must carry the marker file that `plan render` leaves
//! (so a mistyped `--out ~` cannot wipe a home folder) unless `--force` is given. Every
//! file path is checked to stay inside the output folder.
//!
//! A page whose bytes are the same as in the previous site is hard-linked from it instead of
//! written again, as `rsync --link-dest` does. Re-rendering after a small change then creates
//! only the files that changed: it costs no new inodes, no writeback, and keeps the unchanged
//! files' modification times, so a later upload sees what really changed. The previous
//! site is only ever read; it is removed after the new one is in place, as before.

use super::RenderError;
use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as made by `plan render`.
pub const MARKER: &str = ".plan-render";

/// Where a site may be written, as judged against the repository.
pub struct Target<'a> {
    /// The output folder.
    pub out: &'a Path,
    /// The repository root.
    pub root: &'a Path,
    /// The plan folders (relative to the root).
    pub plan_dirs: &'a [PathBuf],
    /// Overwrite a non-empty folder without the marker.
    pub force: bool,
}

/// An absolute, normalised form of a path that may not exist yet.
fn absolute(path: &Path) -> PathBuf {
    let base = if path.is_absolute() { PathBuf::new() } else { std::env::current_dir().unwrap_or_default() };
    let joined = base.join(path);
    // Resolve symbolic links in the longest existing prefix, then add the rest lexically.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(ToOwned::to_owned), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    let mut normal = PathBuf::new();
    for c in out.components() {
        match c {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

impl Target<'_> {
    /// Refuses targets that could destroy sources or someone else's files.
    pub fn check(&self, lang: Lang) -> Result<(), Error> {
        let out = absolute(self.out);
        let root = absolute(self.root);
        let shown = self.out.display().to_string();
        if out.parent().is_none() {
            return Err(Error::Output(t!(
                lang,
                "`--out {shown}` är filsystemets rot",
                "`--out {shown}` is the root of the file system"
            )));
        }
        if root.starts_with(&out) {
            return Err(Error::Output(t!(
                lang,
                "`--out {shown}` är repositoriet eller en mapp som innehåller det; välj en egen mapp, till exempel `public`",
                "`--out {shown}` is the repository or a folder that contains it; choose a folder of its own, such as `public`"
            )));
        }
        for dir in self.plan_dirs {
            let plans = absolute(&self.root.join(dir));
            if out.starts_with(&plans) || plans.starts_with(&out) {
                let d = dir.display();
                return Err(Error::Output(t!(
                    lang,
                    "`--out {shown}` ligger i eller innehåller planmappen `{d}`; välj en mapp utanför planfilerna",
                    "`--out {shown}` lies in or contains the plan folder `{d}`; choose a folder outside the plan files"
                )));
            }
        }
        if out.exists() {
            if !out.is_dir() {
                return Err(Error::Output(t!(
                    lang,
                    "`--out {shown}` finns och är inte en mapp",
                    "`--out {shown}` exists and is not a folder"
                )));
            }
            let non_empty = std::fs::read_dir(&out).map(|mut d| d.next().is_some()).unwrap_or(true);
            if non_empty && !out.join(MARKER).is_file() && !self.force {
                return Err(Error::Output(t!(
                    lang,
                    "`--out {shown}` är en mapp med innehåll som `plan render` inte har skapat; välj en tom mapp, eller använd `--force` för att ersätta innehållet",
                    "`--out {shown}` is a non-empty folder that `plan render` did not create; choose an empty folder, or use `--force` to replace its contents"
                )));
            }
        }
        Ok(())
    }
}

/// Checks that a site-relative path stays inside the output folder.
fn inside(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes a site atomically to `out` (which [`Target::check`] has accepted): `produce`
/// receives a sink that writes each file into a temporary folder beside `out`, and only when
/// it has succeeded is the folder renamed into place. Returns what `produce` returned.
pub fn write_site(
    out: &Path,
    lang: Lang,
    produce: impl FnOnce(&super::Sink<'_>) -> Result<usize, RenderError>,
) -> Result<usize, Error> {
    let out = absolute(out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".to_owned());
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let stamp = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let temp = parent.join(format!(".{name}.tmp-{stamp}"));
    // Reuse files only from a folder that `plan render` made.
    let previous = out.join(MARKER).is_file().then_some(out.as_path());
    let result = fill(&temp, previous, lang, produce)
        .and_then(|count| swap(&temp, &out, &parent, &name, &stamp).map(|()| count));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}

fn fill(
    temp: &Path,
    previous: Option<&Path>,
    lang: Lang,
    produce: impl FnOnce(&super::Sink<'_>) -> Result<usize, RenderError>,
) -> Result<usize, Error> {
    std::fs::create_dir(temp).map_err(|e| Error::io(temp, e))?;
    let sink = |path: &str, bytes: &[u8]| -> Result<(), RenderError> {
        if !inside(path) {
            return Err(RenderError::Write(t!(
                lang,
                "vägran att skriva `{path}` utanför utmappen",
                "refusing to write `{path}` outside the output folder"
            )));
        }
        let target = temp.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| RenderError::Write(format!("{}: {e}", dir.display())))?;
        }
        if !previous.is_some_and(|old| link_unchanged(&old.join(path), &target, bytes)) {
            std::fs::write(&target, bytes).map_err(|e| RenderError::Write(format!("{}: {e}", target.display())))?;
        }
        fail_point(path)
    };
    let count = produce(&sink)?;
    std::fs::write(
        temp.join(MARKER),
        "This folder was written by `plan render`; it is replaced as a whole on each render.\n",
    )
    .map_err(|e| Error::io(temp, e))?;
    Ok(count)
}

/// Hard-links `old` to `target` when `old` is a regular file holding exactly `bytes`.
/// Returns whether it did; on any doubt (a link, another size, a read or link error) the
/// caller writes the file instead.
fn link_unchanged(old: &Path, target: &Path, bytes: &[u8]) -> bool {
    let same_size = std::fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(old).is_ok_and(|held| held == bytes) && std::fs::hard_link(old, target).is_ok()
}

/// Moves the new site into place, keeping the old one until the new one is there.
fn swap(temp: &Path, out: &Path, parent: &Path, name: &str, stamp: &str) -> Result<(), Error> {
    if !out.exists() {
        return std::fs::rename(temp, out).map_err(|e| Error::io(out, e));
    }
    let old = parent.join(format!(".{name}.old-{stamp}"));
    std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    if let Err(e) = std::fs::rename(temp, out) {
        // Put the previous site back; it must not be lost because the new one failed.
        let _ = std::fs::rename(&old, out);
        return Err(Error::io(out, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Test hook: `PLAN_TEST_FAIL_AFTER=<path>` makes the write fail right after that file, so
/// tests can prove that a failed render leaves the previous site intact.
fn fail_point(path: &str) -> Result<(), RenderError> {
    match std::env::var("PLAN_TEST_FAIL_AFTER") {
        Ok(p) if p == path => Err(RenderError::Write(format!("injected failure after {path}"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        assert!(inside("index.html"));
        assert!(inside("malomraden/MO1.html"));
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(!inside(bad), "{bad}");
        }
    }
}
