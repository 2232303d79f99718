//! Watching what a build reads: the plan folders, `plan.toml`, `templates/` and the
//! `[[sources]]` repositories.
//!
//! The root is watched by itself (not its subfolders), which sees `plan.toml` however an
//! editor saves it (in place, or a temporary file renamed over it) and a plan folder or
//! `templates/` that appears; the plan folders, `templates/` and the sources are watched with
//! everything below them. After each build [`Watch::update`] brings the watches in line with
//! what the build read (`plans = [...]` may have changed), and watches a folder again that was
//! removed and made anew (a branch switch does that), since a watch follows the folder that
//! was, not its name.
//!
//! An event counts when it is about a plan file (`*.yaml`, `*.yml`), a `plan.toml`, anything
//! in `templates/`, or a folder among them; not about hidden files (`.git`, an editor's
//! `.file.swp`) or backups (`file~`). What counts more than once is harmless: a build that
//! serves the same bytes changes nothing.

use super::site::Inputs;
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The watches of one preview.
pub struct Watch {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    /// Each watched folder, how, and which folder it was (its device and inode).
    watched: HashMap<PathBuf, (RecursiveMode, Option<(u64, u64)>)>,
}

impl Watch {
    /// Watches for the repository at `root` (an absolute path), sending events to `events`.
    pub fn new(root: &Path, events: std::sync::mpsc::Sender<notify::Result<Event>>) -> notify::Result<Watch> {
        let config = notify::Config::default().with_follow_symlinks(false);
        let watcher = notify::RecommendedWatcher::new(events, config)?;
        Ok(Watch { watcher, root: root.to_path_buf(), watched: HashMap::new() })
    }

    /// Watches what a build with `inputs` reads, and nothing else. Returns whether a folder
    /// is watched that was not before (what changed in it before its watch began was seen
    /// by no one, so the caller builds once more), and the problems met, each naming its
    /// folder.
    pub fn update(&mut self, inputs: &Inputs) -> (bool, Vec<String>) {
        let wanted = wanted(&self.root, inputs);
        let mut problems = Vec::new();
        let stale: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(path, (mode, id))| wanted.get(*path).is_none_or(|m| m != mode) || identity(path) != *id)
            .map(|(path, _)| path.clone())
            .collect();
        for path in stale {
            let _ = self.watcher.unwatch(&path);
            self.watched.remove(&path);
        }
        let mut added = false;
        for (path, mode) in wanted {
            if self.watched.contains_key(&path) {
                continue;
            }
            match self.watcher.watch(&path, mode) {
                Ok(()) => {
                    self.watched.insert(path.clone(), (mode, identity(&path)));
                    added = true;
                }
                Err(e) => problems.push(format!("{}: {e}", path.display())),
            }
        }
        (added, problems)
    }
}

/// The folders to watch and how: the root alone, and each existing plan folder, source and
/// `templates/` with what is below it (a folder already below another one is left out).
fn wanted(root: &Path, inputs: &Inputs) -> HashMap<PathBuf, RecursiveMode> {
    let mut below: Vec<PathBuf> = inputs
        .plan_dirs
        .iter()
        .chain(&inputs.sources)
        .map(|d| plain(d))
        .chain([PathBuf::from("templates")])
        .map(|d| root.join(d))
        .filter(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir()))
        .collect();
    below.sort();
    below.dedup();
    let mut wanted = HashMap::new();
    for dir in &below {
        if !below.iter().any(|other| other != dir && dir.starts_with(other)) {
            wanted.insert(dir.clone(), RecursiveMode::Recursive);
        }
    }
    wanted.entry(root.to_path_buf()).or_insert(RecursiveMode::NonRecursive);
    wanted
}

/// A folder's device and inode, to notice one removed and made anew.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::symlink_metadata(path).ok().map(|_| (0, 0))
    }
}

/// A relative folder without `.` components (`./plans` is `plans`, `.` is the root).
fn plain(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, Component::CurDir)).collect()
}

/// Whether an event may change what a build makes.
pub fn relevant(root: &Path, inputs: &Inputs, event: &Event) -> bool {
    !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|p| relevant_path(root, inputs, p))
}

fn relevant_path(root: &Path, inputs: &Inputs, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) else { return true };
    let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden || name.ends_with('~') {
        return false;
    }
    if rel == Path::new(crate::config::FILE_NAME) || rel.starts_with("templates") {
        return true;
    }
    let read = inputs.plan_dirs.iter().chain(&inputs.sources).map(|d| plain(d)).any(|d| {
        // Inside a plan folder or source, or a folder on the way to one.
        rel.starts_with(&d) || d.starts_with(rel)
    });
    read && (crate::load::is_plan_file_name(rel) || rel.extension().is_none() || name == crate::config::FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from("/r").join(path))
    }

    #[test]
    fn plan_files_settings_templates_and_folders_count_and_the_rest_does_not() {
        let inputs =
            Inputs { plan_dirs: vec![PathBuf::from("./plans")], sources: vec![PathBuf::from("kommuner/nacka")] };
        let root = Path::new("/r");
        let modify = EventKind::Modify(ModifyKind::Any);
        for path in [
            "plan.toml",
            "plans/a.yaml",
            "plans/sub/b.YML",
            "plans/sub",
            "plans",
            "templates/base.html",
            "kommuner/nacka/plan.toml",
            "kommuner/nacka/plans/x.yaml",
            "kommuner",
        ] {
            assert!(relevant(root, &inputs, &event(modify, path)), "{path}");
        }
        for path in [
            "README.md",
            "plans/.a.yaml.swp",
            "plans/a.yaml~",
            ".git/index",
            "plans/notes.txt",
            "public/index.html",
            "other/a.yaml",
            "kommuner/solna/plans/x.yaml",
        ] {
            assert!(!relevant(root, &inputs, &event(modify, path)), "{path}");
        }
        let read = EventKind::Access(AccessKind::Any);
        assert!(!relevant(root, &inputs, &event(read, "plans/a.yaml")));
        assert!(relevant(root, &inputs, &event(EventKind::Create(CreateKind::File), "plans/new.yaml")));
    }
}
