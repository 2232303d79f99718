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

/// Where a path leads, as the operating system would find it once its missing folders were
/// made: absolute, every symbolic link on the way resolved, `.` dropped and `..` taken where
/// it is met (the parent of the folder reached so far, as the kernel does, not the text
/// before it: `missing/../link/x`, with `missing` made by `create_dir_all`, is `link`'s
/// target's `x`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The place itself.
    pub path: PathBuf,
    /// Each symbolic link passed on the way, where it lies (its folder resolved).
    pub links: Vec<PathBuf>,
    /// Whether the last part of the path is itself a symbolic link.
    pub is_link: bool,
}

/// Resolves `path` (see [`Resolved`]); a relative path is taken from the working folder.
pub fn resolve(path: &Path) -> Resolved {
    let mut at = if path.is_absolute() {
        PathBuf::from("/")
    } else {
        let here = std::env::current_dir().unwrap_or_default();
        here.canonicalize().unwrap_or(here)
    };
    // How many of the last parts of `at` do not exist (nothing below them can be a link).
    let mut missing = 0usize;
    let mut links = Vec::new();
    let mut is_link = false;
    for part in path.components() {
        is_link = false;
        match part {
            Component::Prefix(_) | Component::RootDir => {
                at = PathBuf::from(part.as_os_str());
                missing = 0;
            }
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop();
                missing = missing.saturating_sub(1);
            }
            Component::Normal(name) => {
                at.push(name);
                if missing > 0 {
                    missing += 1;
                    continue;
                }
                match std::fs::symlink_metadata(&at) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        links.push(at.clone());
                        is_link = true;
                        match at.canonicalize() {
                            Ok(real) => at = real,
                            // A link to nothing: the place is the link's own.
                            Err(_) => missing += 1,
                        }
                    }
                    Ok(_) => {}
                    Err(_) => missing += 1,
                }
            }
        }
    }
    Resolved { path: at, links, is_link }
}

/// The place `path` leads to (see [`resolve`]).
pub fn absolute(path: &Path) -> PathBuf {
    resolve(path).path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn resolves_as_the_kernel_would_once_missing_folders_are_made() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("repo/plans/kommun")).unwrap();
        std::os::unix::fs::symlink(base.join("repo/plans"), base.join("p")).unwrap();
        std::os::unix::fs::symlink(base.join("nowhere"), base.join("dangling")).unwrap();
        // `missing/..` is the folder `missing` is made in, and the link after it is followed.
        let r = resolve(&base.join("missing/../p/kommun"));
        assert_eq!(r.path, base.join("repo/plans/kommun"));
        assert_eq!(r.links, [base.join("p")]);
        assert!(!r.is_link);
        // A link's `..` is the parent of where it leads, not of the link.
        assert_eq!(absolute(&base.join("p/kommun/../..")), base.join("repo"));
        // Missing parts are taken as they are written, `..` among them.
        assert_eq!(absolute(&base.join("repo/a/b/../c/./d")), base.join("repo/a/c/d"));
        let r = resolve(&base.join("p"));
        assert!(r.is_link && r.path == base.join("repo/plans"));
        let r = resolve(&base.join("dangling"));
        assert!(r.is_link && r.path == base.join("dangling"));
        assert_eq!(absolute(Path::new("/..")), PathBuf::from("/"));
    }
}
