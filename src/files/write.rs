//! Every write of a file: plan files edited by `import`, `new activity` and `county update`,
//! `plan.toml`, exports, reports, a new repository; the site has its own folder-sized
//! version of the same steps in [`crate::render`].
//!
//! A file is written whole to a temporary file in the target's own folder (so the rename
//! stays on one file system), flushed to disk, and renamed over the target: a reader (Excel,
//! a web server, git) sees the old file or the new one, never half of one, and a failed
//! write leaves the old file as it was. On Linux the temporary file has no name until it is
//! complete (`O_TMPFILE`), so a process killed while writing leaves nothing behind; where
//! that is not possible, the temporary file's name carries the writer's process id, and the
//! next write into the folder removes the leftovers of writers that no longer run.
//!
//! Commands that read a file, change it and write it back hold a [`Lock`] on the
//! repository for the whole time, so two of them at once take turns instead of one
//! silently undoing the other.

use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The start of every temporary name this module gives a file.
const PREFIX: &str = ".plan-";
/// The end of every temporary name this module gives a file.
const SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically, creating missing parent folders; a replaced file
/// keeps its permissions.
pub fn file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.commit()
}

/// A file's new content, written and flushed beside it but not yet in its place: several
/// files can be staged first and put in place only when all of them were written, so that
/// a full disk or a file-size limit changes none of them. Dropped without
/// [`Staged::commit`], it leaves nothing behind.
#[derive(Debug)]
pub struct Staged {
    temp: Temp,
    path: PathBuf,
}

#[derive(Debug)]
enum Temp {
    /// An open file without a name (Linux's `O_TMPFILE`).
    #[cfg(target_os = "linux")]
    Unnamed(std::fs::File),
    /// A file named `.plan-<pid>-<n>.tmp`; `None` once renamed.
    Named(Option<PathBuf>),
}

/// Writes `bytes` to a temporary file beside `path` (creating missing parent folders), with
/// `path`'s permissions when it exists; [`Staged::commit`] puts it in place.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = folder_of(path);
    std::fs::create_dir_all(&dir)?;
    sweep(&dir);
    let old = std::fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(target_os = "linux")]
    if let Some(file) = linux::unnamed(&dir) {
        fill(&file, bytes, old)?;
        return Ok(Staged { temp: Temp::Unnamed(file), path: path.to_path_buf() });
    }
    let temp = dir.join(temp_name());
    // Named first, so that dropping the half-made Staged on an error removes it.
    let staged = Staged { temp: Temp::Named(Some(temp.clone())), path: path.to_path_buf() };
    fill(&std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?, bytes, old)?;
    Ok(staged)
}

/// Writes `bytes` into `file`, gives it `permissions`, and flushes it to disk.
fn fill(mut file: &std::fs::File, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> std::io::Result<()> {
    file.write_all(bytes)?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    file.sync_all()
}

impl Staged {
    /// The temporary file's name, giving it one if it has none yet; from here on the
    /// caller removes it.
    fn named(&mut self, dir: &Path) -> std::io::Result<PathBuf> {
        Ok(match &mut self.temp {
            #[cfg(target_os = "linux")]
            Temp::Unnamed(file) => {
                // The name exists only for the moment until the caller renames or removes it.
                let temp = dir.join(temp_name());
                linux::name(file, &temp)?;
                temp
            }
            Temp::Named(temp) => temp.take().unwrap_or_default(),
        })
    }

    /// Puts the new content at its path only if nothing is there: a file that another
    /// program created in the meantime is kept, and the error is `AlreadyExists`. (A hard
    /// link, which unlike a rename never replaces its target; where the file system has no
    /// hard links, the path is checked just before the rename.)
    pub fn commit_new(mut self) -> std::io::Result<()> {
        let dir = folder_of(&self.path);
        let named = self.named(&dir)?;
        let placed = match std::fs::hard_link(&named, &self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && !self.path.exists() => {
                std::fs::rename(&named, &self.path)
            }
            other => other,
        };
        let _ = std::fs::remove_file(&named);
        sync_folder(&dir);
        placed
    }

    /// Puts the new content in place of the file, in one rename.
    pub fn commit(mut self) -> std::io::Result<()> {
        let dir = folder_of(&self.path);
        let named = self.named(&dir)?;
        let renamed = std::fs::rename(&named, &self.path);
        if renamed.is_err() {
            let _ = std::fs::remove_file(&named);
        }
        sync_folder(&dir);
        renamed
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Temp::Named(Some(temp)) = &self.temp {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// The folder a path lies in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh temporary name: `.plan-<pid>-<n>.tmp`.
fn temp_name() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!("{PREFIX}{}-{}{SUFFIX}", std::process::id(), N.fetch_add(1, Ordering::Relaxed))
}

/// Makes a rename in `dir` durable; where folders cannot be opened this is a no-op.
fn sync_folder(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary files in `dir` that writers which no longer run left behind
/// (killed, or the machine lost power). Files of running writers are kept, and so are
/// names this module did not give.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(SUFFIX)) else { continue };
        let writer =
            middle.split_once('-').and_then(|(pid, n)| Some((pid.parse::<u32>().ok()?, n.parse::<u32>().ok()?)));
        let stale = match writer {
            Some((pid, _)) => !alive(pid),
            // Versions before this one named them `.plan-XXXXXX.tmp`; one an hour old is
            // no longer being written.
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > Duration::from_secs(3600)) && middle.len() == 6),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs (on this machine). Where that cannot be asked, every
/// process is taken to run, so nothing is removed.
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else { return false };
        // EPERM means it runs under another user.
        !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A lock that keeps other `plan` processes from writing the same place at the same time;
/// released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// How long a command waits for another one's lock before it gives up.
pub const LOCK_WAIT: Duration = Duration::from_secs(120);

/// Takes the lock on the folder `dir`, waiting up to [`LOCK_WAIT`] while another `plan`
/// process holds it.
pub fn lock(dir: &Path, lang: Lang) -> Result<Lock, Error> {
    let file = lock_file(dir).map_err(|e| Error::io(dir, e))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let (d, s) = (dir.display(), LOCK_WAIT.as_secs());
                return Err(Error::Output(t!(
                    lang,
                    "en annan plan-process skriver i {d} och har inte blivit klar på {s} sekunder; försök igen när den är klar",
                    "another plan process is writing in {d} and has not finished in {s} seconds; try again when it is done"
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(dir, e)),
        }
    }
}

/// Takes the locks on every folder of `dirs`, in one order (by their real paths) that every
/// `plan` process keeps, so two that need some of the same folders take turns and never each
/// wait for the other. A folder reached by two names is locked once.
pub fn lock_all(dirs: &[PathBuf], lang: Lang) -> Result<Vec<Lock>, Error> {
    let mut real: Vec<PathBuf> = dirs.iter().map(|d| d.canonicalize().unwrap_or_else(|_| d.clone())).collect();
    real.sort();
    real.dedup();
    real.iter().map(|d| lock(d, lang)).collect()
}

/// The file a lock on `dir` is taken on: the folder itself where folders can be opened (so
/// no lock file is ever left behind), a `.plan-lock` file in it elsewhere.
fn lock_file(dir: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(".plan-lock"))
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use std::path::Path;

    /// A new file without a name in `dir`; `None` where the file system cannot make one.
    pub(super) fn unnamed(dir: &Path) -> Option<std::fs::File> {
        let fd = rustix::fs::open(dir, OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC, Mode::from(0o666)).ok()?;
        Some(std::fs::File::from(fd))
    }

    /// Gives the unnamed `file` the name `path`, through `/proc` (which needs no privilege,
    /// unlike `AT_EMPTY_PATH`).
    pub(super) fn name(file: &std::fs::File, path: &Path) -> std::io::Result<()> {
        let proc_path = format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(file));
        rustix::fs::linkat(CWD, proc_path.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW).map_err(Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.csv");
        file(&path, b"one").unwrap();
        file(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(&dir.path().join("sub")), ["out.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        file(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn a_staged_file_changes_nothing_until_committed_and_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        file(&path, b"one").unwrap();
        let staged = stage(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        staged.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        drop(stage(&path, b"three").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_new_file_is_placed_only_where_nothing_is_and_never_replaces_one_made_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ny.yaml");
        stage(&path, b"first").unwrap().commit_new().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        // Another program writes the file between the staging and the placing.
        let other = dir.path().join("other.yaml");
        let staged = stage(&other, b"ours").unwrap();
        std::fs::write(&other, b"theirs").unwrap();
        assert_eq!(staged.commit_new().unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&other).unwrap(), b"theirs");
        // The named way too, and neither leaves a temporary file.
        let temp = dir.path().join(temp_name());
        fill(&std::fs::File::create_new(&temp).unwrap(), b"named", None).unwrap();
        let named = Staged { temp: Temp::Named(Some(temp)), path: path.clone() };
        assert_eq!(named.commit_new().unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(names(dir.path()), ["ny.yaml", "other.yaml"]);
    }

    #[test]
    fn the_named_way_leaves_nothing_either() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        let temp = dir.path().join(temp_name());
        let staged = Staged { temp: Temp::Named(Some(temp.clone())), path: path.clone() };
        fill(&std::fs::File::create_new(&temp).unwrap(), b"x", None).unwrap();
        drop(Staged { temp: Temp::Named(Some(dir.path().join(temp_name()))), path: path.clone() });
        staged.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.yaml"]);
        let dropped = dir.path().join(temp_name());
        std::fs::write(&dropped, b"y").unwrap();
        drop(Staged { temp: Temp::Named(Some(dropped)), path });
        assert_eq!(names(dir.path()), ["a.yaml"]);
    }

    #[test]
    fn sweep_removes_the_leftovers_of_dead_writers_only() {
        let dir = tempfile::tempdir().unwrap();
        // No process has id 2^31 - 2; the test's own process runs.
        let dead = format!(".plan-{}-0.tmp", i32::MAX - 1);
        let running = format!(".plan-{}-0.tmp", std::process::id());
        for name in [dead.as_str(), running.as_str(), ".plan-abc.tmp", "keep.yaml", ".plan-render"] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        sweep(dir.path());
        let mut expected = vec![".plan-abc.tmp", ".plan-render", running.as_str(), "keep.yaml"];
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }

    #[test]
    fn a_lock_is_waited_for_and_released_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), Lang::En).unwrap();
        let path = dir.path().to_path_buf();
        let other = std::thread::spawn(move || {
            let start = Instant::now();
            let _lock = lock(&path, Lang::En).unwrap();
            start.elapsed()
        });
        std::thread::sleep(Duration::from_millis(200));
        drop(held);
        assert!(other.join().unwrap() >= Duration::from_millis(150));
    }
}
