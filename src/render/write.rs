//! Writing the site: into a temporary folder beside the target, then swapped into place.
//!
//! A failed or killed render therefore leaves the previous site exactly as it was, and a
//! reader of the published folder never sees half a site: on Linux the new folder and the
//! old one trade places in one step (`renameat2` with `RENAME_EXCHANGE`), so there is no
//! moment without a site; elsewhere the old folder is moved aside first, and a render
//! killed between the two renames is repaired by the next one, which moves it back.
//! Renders into one parent folder take turns (a [`crate::files::write::Lock`] on it), and
//! each begins by removing what renders that no longer run left there.
//!
//! Before anything is written, the target is checked: it must not be the repository,
//! contain it, hold or lie inside plan sources, lie in or hold a `.git` folder or another
//! repository, or be a symbolic link (or be reached through one inside the repository);
//! none of that is allowed even with `--force`. An existing non-empty folder must be one
//! `plan render` made: its marker file lists every file it wrote, and a file the list does
//! not name means the folder holds someone else's files, which only `--force` replaces (so
//! a mistyped `--out ~`, or a marker planted in a folder, cannot wipe it). Every file path
//! is checked to stay inside the output folder.
//!
//! A mount point cannot be renamed into; there the site is written in place, each file
//! replaced atomically, and the files of the previous site that the new one does not have
//! are removed after.
//!
//! A page whose bytes are the same as in the previous site is hard-linked from it instead of
//! written again, as `rsync --link-dest` does. Re-rendering after a small change then creates
//! only the files that changed: it costs no new inodes, no writeback, and keeps the unchanged
//! files' modification times, so a later upload sees what really changed. The previous
//! site is only ever read; it is removed after the new one is in place.

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

impl Target<'_> {
    /// Refuses targets that could destroy sources or someone else's files.
    pub fn check(&self, lang: Lang) -> Result<(), Error> {
        let crate::files::Resolved { path: out, links, is_link } = crate::files::resolve(self.out);
        let root = crate::files::absolute(self.root);
        let shown = self.out.display().to_string();
        if out.parent().is_none() {
            return Err(Error::Output(t!(
                lang,
                "`--out {shown}` är filsystemets rot",
                "`--out {shown}` is the root of the file system"
            )));
        }
        // A link as the target, or on the way to it inside the repository, could lead to any
        // folder. (A link outside it, such as `/home`, is followed: every check below is made
        // on the place the path leads to.)
        let through_link = is_link || links.iter().any(|l| l.starts_with(&root));
        if through_link {
            return Err(Error::Output(t!(
                lang,
                "`--out {shown}` är en symbolisk länk eller nås genom en; plan skriver inte genom länkar, eftersom de kan leda till vilken mapp som helst",
                "`--out {shown}` is a symbolic link or is reached through one; plan writes through no links, since they can lead to any folder"
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
            let plans = crate::files::absolute(&self.root.join(dir));
            if out.starts_with(&plans) || plans.starts_with(&out) {
                let d = dir.display();
                return Err(Error::Output(t!(
                    lang,
                    "`--out {shown}` ligger i eller innehåller planmappen `{d}`; välj en mapp utanför planfilerna",
                    "`--out {shown}` lies in or contains the plan folder `{d}`; choose a folder outside the plan files"
                )));
            }
        }
        let repository_inside =
            [".git", crate::config::FILE_NAME].iter().any(|n| out.join(n).symlink_metadata().is_ok());
        if out.components().any(|c| c.as_os_str() == ".git") || repository_inside {
            return Err(Error::Output(t!(
                lang,
                "`--out {shown}` ligger i en `.git`-mapp eller innehåller ett repositorium (`.git` eller `plan.toml`); välj en mapp av sitt eget, till exempel `public`",
                "`--out {shown}` lies in a `.git` folder or holds a repository (`.git` or `plan.toml`); choose a folder of its own, such as `public`"
            )));
        }
        if out.exists() {
            if !out.is_dir() {
                return Err(Error::Output(t!(
                    lang,
                    "`--out {shown}` finns och är inte en mapp",
                    "`--out {shown}` exists and is not a folder"
                )));
            }
            if !self.force
                && let Some(foreign) = foreign_entry(&out)
            {
                let f = foreign.display();
                return Err(Error::Output(t!(
                    lang,
                    "`--out {shown}` är en mapp med innehåll som `plan render` inte har skapat (till exempel `{f}`); välj en tom mapp, eller använd `--force` för att ersätta innehållet",
                    "`--out {shown}` is a non-empty folder that `plan render` did not create (for example `{f}`); choose an empty folder, or use `--force` to replace its contents"
                )));
            }
        }
        Ok(())
    }
}

/// The first entry of the folder `out` that a render did not write, by the list in its
/// marker; `None` when the folder is empty or wholly a previous site.
fn foreign_entry(out: &Path) -> Option<PathBuf> {
    let written = manifest(out);
    let mut walk = walkdir::WalkDir::new(out).min_depth(1).follow_links(false).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { return Some(PathBuf::from(".")) };
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path()).to_path_buf();
        let name = slashed(&rel);
        if entry.depth() == 1 && (name == MARKER || is_own_temp(&name)) {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        let ours = match &written {
            Some(list) if entry.file_type().is_dir() => list.iter().any(|f| f.starts_with(&format!("{name}/"))),
            Some(list) => list.binary_search(&name).is_ok(),
            None => false,
        };
        if !ours {
            return Some(rel);
        }
    }
    None
}

/// The files a previous render wrote into `out`, sorted, from its marker; `None` when
/// there is no marker or it is not one (a link, a folder, another text).
fn manifest(out: &Path) -> Option<Vec<String>> {
    let text = crate::files::read::text(&out.join(MARKER), 64 * 1024 * 1024).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(MARKER_HEADER) {
        return None;
    }
    let mut list: Vec<String> = lines.filter(|l| !l.is_empty()).map(str::to_owned).collect();
    list.sort();
    Some(list)
}

/// The first line of the marker; the files the render wrote follow, one a line.
const MARKER_HEADER: &str =
    "This folder was written by `plan render`, which replaces it as a whole; it lists the files it wrote:";

fn slashed(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Checks that a site-relative path stays inside the output folder.
fn inside(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_))) && !path.contains('\n')
}

/// The names of a render's temporary folders: `.public.tmp-<pid>-<n>` and
/// `.public.old-<pid>-<n>` beside `public`, `.plan-render-tmp-<pid>-<n>` inside it (when
/// it is a mount point).
struct Names {
    pid: u32,
    stamp: u128,
}

impl Names {
    fn new() -> Names {
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        Names { pid: std::process::id(), stamp }
    }

    fn beside(&self, name: &str, kind: &str) -> String {
        format!(".{name}.{kind}-{}-{}", self.pid, self.stamp)
    }

    fn inside(&self) -> String {
        format!("{IN_PLACE_TEMP}{}-{}", self.pid, self.stamp)
    }
}

const IN_PLACE_TEMP: &str = ".plan-render-tmp-";

fn is_own_temp(name: &str) -> bool {
    name.starts_with(IN_PLACE_TEMP)
}

/// The writer's process id and stamp in a temporary name's tail `<pid>-<n>`.
fn writer(tail: &str) -> Option<(u32, u128)> {
    let (pid, stamp) = tail.split_once('-')?;
    Some((pid.parse().ok()?, stamp.parse().ok()?))
}

/// Repairs and cleans what renders into `out` that no longer run left behind: a site moved
/// aside and never replaced is moved back, and temporary folders are removed.
fn recover(out: &Path, parent: &Path, name: &str) {
    let mut old: Vec<(u128, PathBuf)> = Vec::new();
    let mut temp: Vec<PathBuf> = Vec::new();
    let (tmp_prefix, old_prefix) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    let dead = |tail: &str| writer(tail).filter(|(pid, _)| !crate::files::write::alive(*pid)).map(|(_, s)| s);
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        if let Some(stamp) = file.strip_prefix(&tmp_prefix).and_then(dead) {
            let _ = stamp;
            temp.push(entry.path());
        } else if let Some(stamp) = file.strip_prefix(&old_prefix).and_then(dead) {
            old.push((stamp, entry.path()));
        }
    }
    old.sort();
    if std::fs::symlink_metadata(out).is_err()
        && let Some((_, newest)) = old.pop()
    {
        let _ = std::fs::rename(newest, out);
    }
    for path in temp.into_iter().chain(old.into_iter().map(|(_, p)| p)) {
        let _ = std::fs::remove_dir_all(path);
    }
    for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let file = entry.file_name();
        let dead_temp = file
            .to_str()
            .and_then(|f| f.strip_prefix(IN_PLACE_TEMP))
            .and_then(writer)
            .is_some_and(|(pid, _)| !crate::files::write::alive(pid));
        if dead_temp {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes a site atomically to `target.out`: `produce` receives a sink that writes each
/// file into a temporary folder, and only when it has succeeded does the folder take the
/// place of the previous site. The target is checked (again) while the lock is held.
/// Returns what `produce` returned.
pub fn write_site(
    target: &Target<'_>,
    lang: Lang,
    produce: impl FnOnce(&super::Sink<'_>) -> Result<usize, RenderError>,
) -> Result<usize, Error> {
    let out = crate::files::absolute(target.out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".to_owned());
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let _lock = crate::files::write::lock(&parent, lang)?;
    recover(&out, &parent, &name);
    target.check(lang)?;
    let names = Names::new();
    // Reuse files only from a folder that `plan render` made.
    let previous = manifest(&out).is_some().then_some(out.as_path());
    let in_place = is_mount_point(&out, &parent);
    let temp = if in_place { out.join(names.inside()) } else { parent.join(names.beside(&name, "tmp")) };
    let result = fill(&temp, previous, lang, produce).and_then(|count| {
        if in_place {
            replace_in_place(&temp, &out)
        } else {
            swap(&temp, &out, &parent.join(names.beside(&name, "old")))
        }
        .map(|()| count)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}

/// Whether `out` is a folder that another file system is mounted on, which cannot be
/// renamed.
fn is_mount_point(out: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let dev = |p: &Path| std::fs::symlink_metadata(p).map(|m| m.dev()).ok();
        if dev(out).is_none() {
            return false;
        }
        if dev(out) != dev(parent) {
            return true;
        }
        // A bind mount keeps the device; the kernel's list of mounts names it.
        #[cfg(target_os = "linux")]
        if let Ok(mounts) = std::fs::read_to_string("/proc/self/mountinfo") {
            let wanted = out.to_string_lossy().replace(' ', "\\040");
            return mounts.lines().any(|l| l.split(' ').nth(4) == Some(wanted.as_str()));
        }
        false
    }
    #[cfg(not(unix))]
    {
        let _ = (out, parent);
        false
    }
}

fn fill(
    temp: &Path,
    previous: Option<&Path>,
    lang: Lang,
    produce: impl FnOnce(&super::Sink<'_>) -> Result<usize, RenderError>,
) -> Result<usize, Error> {
    std::fs::create_dir(temp).map_err(|e| Error::io(temp, e))?;
    let written = std::sync::Mutex::new(Vec::new());
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
        written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(path.to_owned());
        fail_point(path)
    };
    let count = produce(&sink)?;
    let mut list = written.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    list.sort();
    let mut marker = String::from(MARKER_HEADER);
    for path in &list {
        marker.push('\n');
        marker.push_str(path);
    }
    marker.push('\n');
    std::fs::write(temp.join(MARKER), marker).map_err(|e| Error::io(temp, e))?;
    Ok(count)
}

/// Hard-links `old` to `target` when `old` is a regular file holding exactly `bytes`.
/// Returns whether it did; on any doubt (a link, another size, a read or link error) the
/// caller writes the file instead.
fn link_unchanged(old: &Path, target: &Path, bytes: &[u8]) -> bool {
    let limit = bytes.len() as u64;
    crate::files::read::file(old, limit).is_ok_and(|held| held == bytes) && std::fs::hard_link(old, target).is_ok()
}

/// Puts the new site in place of the old one, keeping the old one until the new one is
/// there: by trading places where the system can, else by moving the old one to `aside`.
fn swap(temp: &Path, out: &Path, aside: &Path) -> Result<(), Error> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(temp, out).map_err(|e| Error::io(out, e));
    }
    #[cfg(target_os = "linux")]
    if rustix::fs::renameat_with(rustix::fs::CWD, temp, rustix::fs::CWD, out, rustix::fs::RenameFlags::EXCHANGE).is_ok()
    {
        // The old site is now at `temp`.
        let _ = std::fs::remove_dir_all(temp);
        return Ok(());
    }
    std::fs::rename(out, aside).map_err(|e| Error::io(out, e))?;
    fail_point("(between the renames)")?;
    if let Err(e) = std::fs::rename(temp, out) {
        // Put the previous site back; it must not be lost because the new one failed.
        let _ = std::fs::rename(aside, out);
        return Err(Error::io(out, e));
    }
    let _ = std::fs::remove_dir_all(aside);
    Ok(())
}

/// Moves the files of the new site from `temp` (inside `out`) over those of the old one,
/// each by a rename, then removes what the new site does not have; the marker comes last.
fn replace_in_place(temp: &Path, out: &Path) -> Result<(), Error> {
    // Listed first: a folder read while its entries are moved out may skip some.
    let new: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(temp)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| Error::io(temp, e.into()))?;
    let mut kept = std::collections::BTreeSet::new();
    for entry in new {
        let rel = entry.path().strip_prefix(temp).unwrap_or(entry.path()).to_path_buf();
        kept.insert(rel.clone());
        let dest = out.join(&rel);
        if entry.file_type().is_dir() {
            if !std::fs::symlink_metadata(&dest).is_ok_and(|m| m.is_dir()) {
                let _ = std::fs::remove_file(&dest);
                std::fs::create_dir_all(&dest).map_err(|e| Error::io(&dest, e))?;
            }
        } else if rel != Path::new(MARKER) {
            std::fs::rename(entry.path(), &dest).map_err(|e| Error::io(&dest, e))?;
        }
    }
    // (walkdir cannot prune a folder whose contents come first, so the new site's
    // temporary folder is left out by its path.)
    let old: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(out)
        .min_depth(1)
        .follow_links(false)
        .contents_first(true)
        .into_iter()
        .flatten()
        .filter(|e| !e.path().starts_with(temp))
        .collect();
    for entry in old {
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        if kept.contains(rel) || (entry.depth() == 1 && entry.file_name() == MARKER) {
            continue;
        }
        let _ = if entry.file_type().is_dir() {
            std::fs::remove_dir(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        };
    }
    let marker = out.join(MARKER);
    std::fs::rename(temp.join(MARKER), &marker).map_err(|e| Error::io(&marker, e))?;
    std::fs::remove_dir_all(temp).map_err(|e| Error::io(temp, e))
}

/// Test hook: `PLAN_TEST_FAIL_AFTER=<path>` makes the write fail right after that file, so
/// tests can prove that a failed render leaves the previous site intact;
/// `PLAN_TEST_STOP_AFTER=<path>` stops the process there at once, as a kill would.
fn fail_point(path: &str) -> Result<(), RenderError> {
    if std::env::var("PLAN_TEST_STOP_AFTER").is_ok_and(|p| p == path) {
        std::process::abort();
    }
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
