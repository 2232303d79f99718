//! Helpers shared by the integration tests that run the real `plan` binary.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The binary with a clean environment: no inherited language, date, colour or test hooks.
pub fn plan() -> Command {
    let mut cmd = Command::cargo_bin("plan").expect("binary");
    cmd.env_remove("PLAN_LANG").env_remove("PLAN_TODAY").env_remove("NO_COLOR").env_remove("PLAN_TEST_FAIL_AFTER");
    cmd
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
