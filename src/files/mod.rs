//! The file system, as `plan` is allowed to use it: [`read`] owns every read of a file
//! `plan` did not write itself, [`write`] every write of a file. The two commands that
//! write whole folders, `render` (the site, in [`crate::render`]) and `init` (a new
//! repository), stage the folder beside its target and rename it into place in the same
//! spirit, with the lock and the clean-up of leftovers from here.
//!
//! The rules they keep, which docs/SECURITY.md promises: no symbolic link is followed, only
//! regular files are read and each through a bound, every write is atomic and leaves no
//! temporary file behind once its process has ended, and writers of one place take turns.

pub mod read;
pub mod write;

use std::path::{Component, Path, PathBuf};

/// An absolute, normalised form of a path that may not exist yet.
pub fn absolute(path: &Path) -> PathBuf {
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
