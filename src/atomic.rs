//! Atomic file writes: a temporary file in the same folder, flushed, then renamed over the
//! target. A reader (Excel, a web server, git) never sees half a file, and a failed write
//! leaves the previous file as it was. The rename stays on one file system because the
//! temporary file lives beside the target.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating missing parent folders; a replaced file
/// keeps its permissions.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
}
