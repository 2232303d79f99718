//! Every read of a file that `plan` did not write itself: plan files, `plan.toml`,
//! templates, spreadsheets, Kolada responses, the previous site.
//!
//! A read opens the path without following a symbolic link at its last part (the caller
//! checks the folders above it with [`passes_link`] where they lie in the repository), and
//! without waiting on a named pipe; only a regular file is read, and it is read through a
//! bound, so a file that grows after it was measured, or a device that never ends, costs
//! at most the limit and one byte.

use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system could not open or read it.
    Io(std::io::Error),
    /// It is a symbolic link, which could lead anywhere.
    Link,
    /// It is not a regular file: a folder, a named pipe, a device, a socket.
    NotAFile,
    /// It holds more than the limit, in bytes.
    TooLarge {
        /// The limit.
        limit: u64,
        /// Its size as measured before reading (at least the limit and one byte).
        size: u64,
    },
}

impl ReadError {
    /// What to tell the user, in `lang` (the caller names the file).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::Io(e) => crate::lang::ui::io_error(lang, e),
            ReadError::Link => t!(
                lang,
                "är en symbolisk länk; plan följer inga länkar, eftersom en länk kan leda ut ur repositoriet",
                "is a symbolic link; plan follows no links, since a link can lead out of the repository"
            ),
            ReadError::NotAFile => t!(
                lang,
                "är ingen vanlig fil (utan en mapp, en pipe eller en enhet) och läses inte",
                "is not a regular file (but a folder, a pipe or a device) and is not read"
            ),
            ReadError::TooLarge { limit, size } => {
                let (limit, size) = (crate::lang::ui::bytes(*limit), crate::lang::ui::bytes(*size));
                t!(lang, "är för stor ({size}; gränsen är {limit})", "is too large ({size}; the limit is {limit})")
            }
        }
    }

    /// The error of a command that could not read `path`.
    pub fn at(self, path: &Path, lang: Lang) -> Error {
        match self {
            ReadError::Io(e) => Error::io(path, e),
            other => Error::Input(format!("{}: {}", path.display(), other.message(lang))),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Opens the regular file at `path` for a reader that takes what it needs (a zip archive);
/// the caller bounds what it reads.
pub fn regular(path: &Path) -> Result<std::fs::File, ReadError> {
    let file = open(path)?;
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok(file)
}

/// Reads the regular file at `path`, at most `limit` bytes of it.
pub fn file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut file = regular(path)?;
    let meta = file.metadata()?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit, size: meta.len() });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The bound holds even when the file grows between the measurement and the read.
    file.by_ref().take(limit + 1).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooLarge { limit, size: read });
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text (a byte order mark is kept), at most
/// `limit` bytes of it.
pub fn text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = file(path, limit)?;
    String::from_utf8(bytes).map_err(|_| ReadError::Io(std::io::ErrorKind::InvalidData.into()))
}

/// Opens `path` for reading without following a link at its last part and without
/// blocking on a pipe.
#[cfg(unix)]
fn open(path: &Path) -> Result<std::fs::File, ReadError> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => Ok(std::fs::File::from(fd)),
        // O_NOFOLLOW fails a link with ELOOP (EMLINK on FreeBSD); ask to be sure.
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => Err(ReadError::Link),
        Err(e) => Err(ReadError::Io(e.into())),
    }
}

#[cfg(not(unix))]
fn open(path: &Path) -> Result<std::fs::File, ReadError> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(ReadError::Link);
    }
    Ok(std::fs::File::open(path)?)
}

/// Whether the way from `root` down `relative` passes a symbolic link, its last part
/// included; an error when a part of the way does not exist.
pub fn passes_link(root: &Path, relative: &Path) -> std::io::Result<bool> {
    let mut at = root.to_path_buf();
    for part in relative.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at)?.file_type().is_symlink() {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_within_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"typ: x\n").unwrap();
        assert_eq!(file(&path, 7).unwrap(), b"typ: x\n");
        assert!(matches!(file(&path, 6), Err(ReadError::TooLarge { limit: 6, size: 7 })));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_bound_holds_while_reading_not_only_before() {
        // /proc files say they are empty and then give more: like a file that grows after
        // it was measured.
        let path = Path::new("/proc/self/maps");
        assert_eq!(std::fs::metadata(path).unwrap().len(), 0);
        assert!(matches!(file(path, 10), Err(ReadError::TooLarge { limit: 10, size: 11 })));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_folders_pipes_and_devices() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.yaml");
        std::fs::write(&target, b"x").unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(file(&link, 10), Err(ReadError::Link)));
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(file(&zero, 10), Err(ReadError::Link)));
        assert!(matches!(file(Path::new("/dev/zero"), 10), Err(ReadError::NotAFile)));
        assert!(matches!(file(dir.path(), 10), Err(ReadError::NotAFile)));
        let fifo = dir.path().join("fifo.toml");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, 0o644.into(), 0).unwrap();
        // Without O_NONBLOCK this open would wait for a writer for ever.
        assert!(matches!(file(&fifo, 10), Err(ReadError::NotAFile)));
    }
}
