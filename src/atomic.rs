//! Atomic file writes: a temporary file in the same folder, flushed, then renamed over the
//! target. A reader (Excel, a web server, git) never sees half a file, and a failed write
//! leaves the previous file as it was. The rename stays on one file system because the
//! temporary file lives beside the target.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, creating missing parent folders; a replaced file
/// keeps its permissions.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.commit()
}

/// A file's new content, written and flushed to a temporary file beside it but not yet
/// renamed over it: several files can be staged first and renamed only when all of them
/// were written, so that a full disk or a file-size limit changes none of them.
#[derive(Debug)]
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

/// Writes `bytes` to a temporary file beside `path` (creating missing parent folders),
/// with `path`'s permissions when it exists; [`Staged::commit`] puts it in place.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".plan-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match std::fs::metadata(path) {
        // A file that is replaced keeps its permissions.
        Ok(old) => tmp.as_file().set_permissions(old.permissions())?,
        // tempfile creates files readable by the owner only; a new file is an ordinary one.
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    Ok(Staged { tmp, path: path.to_owned() })
}

impl Staged {
    /// Renames the temporary file over the target (dropping a `Staged` removes it instead).
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    /// The temporary file, for tests that make a commit fail.
    pub fn temporary(&self) -> &Path {
        self.tmp.path()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_a_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/out.csv");
        super::write(&path, b"one").expect("first write");
        super::write(&path, b"two").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).expect("dir").flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_staged_file_changes_nothing_until_committed_and_nothing_when_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        super::write(&path, b"one").expect("write");
        let staged = super::stage(&path, b"two").expect("stage");
        assert_eq!(std::fs::read(&path).expect("read"), b"one");
        staged.commit().expect("commit");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        drop(super::stage(&path, b"three").expect("stage"));
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }
}
