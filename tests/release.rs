//! What a release promises, checked: the crate's name and metadata, its rust-version, the
//! profiles, the cargo-binstall metadata against the archives the release build writes, and
//! (with `PLAN_RELEASE_ARCHIVE` set to an archive from `.github/release/build.sh`, as
//! `tests/run` does) the release binary itself: its size, the oldest glibc it needs, and
//! `plan check` on the bundled plan.

mod common;

use common::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest() -> toml::Table {
    std::fs::read_to_string(repo("Cargo.toml")).expect("Cargo.toml").parse().expect("TOML")
}

fn str_at<'a>(table: &'a toml::Table, path: &[&str]) -> &'a str {
    let mut value = table.get(path[0]).unwrap_or_else(|| panic!("no {}", path[0]));
    for key in &path[1..] {
        value = value.get(key).unwrap_or_else(|| panic!("no {key} in {path:?}"));
    }
    value.as_str().unwrap_or_else(|| panic!("{path:?} is not a string"))
}

/// The targets the release workflow builds, from its matrix (`target: …`, in block or flow
/// style).
fn release_targets() -> Vec<String> {
    let workflow = std::fs::read_to_string(repo(".github/workflows/release.yml")).expect("release.yml");
    let mut targets: Vec<String> = workflow
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(|l| l.match_indices("target: ").map(move |(at, key)| &l[at + key.len()..]))
        .map(|rest| rest.split([',', '}', ' ']).next().unwrap_or("").trim_matches('"').to_owned())
        .filter(|t| t.contains('-') && !t.contains("${{"))
        .collect();
    targets.sort();
    targets.dedup();
    targets
}

#[test]
fn the_crate_is_plankoll_and_the_command_is_plan() {
    let m = manifest();
    // crates.io's `plan` is another program: `cargo install plan` must never be our advice.
    assert_eq!(str_at(&m, &["package", "name"]), "plankoll");
    let bins = m["bin"].as_array().expect("[[bin]]");
    assert_eq!(bins.len(), 1);
    assert_eq!(bins[0]["name"].as_str(), Some("plan"));
    assert_eq!(str_at(&m, &["lib", "name"]), "plan");
    let repository = str_at(&m, &["package", "repository"]);
    assert!(repository.starts_with("https://github.com/"), "{repository}");
    for key in ["keywords", "categories"] {
        let list = m["package"][key].as_array().unwrap_or_else(|| panic!("no {key}"));
        assert!(!list.is_empty() && list.len() <= 5, "crates.io takes at most five {key}");
    }
    // The README never tells anyone to install the other program.
    let readme = std::fs::read_to_string(repo("README.md")).expect("README");
    for wrong in ["cargo install plan\n", "cargo install plan ", "cargo binstall plan\n", "cargo binstall plan "] {
        assert!(!readme.contains(wrong), "README says `{}`", wrong.trim());
    }
}

/// A rust-version as (major, minor, patch).
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or_else(|_| panic!("version {text}")));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The declared rust-version is the newest any crate of the build asks for: lower and
/// `cargo install` fails on that toolchain, higher and it turns away toolchains that work.
/// The crates are those of every platform's build (normal and build dependencies, not dev
/// ones), from `cargo metadata`. Our own code is held to the same version by `.ci/run`,
/// which checks it with exactly that toolchain, as the release workflow does.
#[test]
fn rust_version_is_the_newest_the_dependencies_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(repo(""))
        .output()
        .expect("cargo metadata");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let packages: std::collections::HashMap<&str, &serde_json::Value> =
        meta["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let nodes: std::collections::HashMap<&str, &serde_json::Value> =
        meta["resolve"]["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    let root = meta["resolve"]["root"].as_str().expect("root");
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let built =
                dep["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null() || k["kind"] == "build");
            if built {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    assert!(seen.len() > 100, "the walk found {} crates", seen.len());
    let (newest, by) = seen
        .iter()
        .filter(|id| **id != root)
        .filter_map(|id| {
            let p = packages[id];
            p["rust_version"].as_str().map(|v| (version(v), p["name"].as_str().unwrap().to_owned()))
        })
        .max()
        .expect("some crate declares a rust-version");
    let edition_2024 = (1, 85, 0);
    let needed = newest.max(edition_2024);
    let declared = version(str_at(&manifest(), &["package", "rust-version"]));
    assert_eq!(declared, needed, "Cargo.toml declares {declared:?}; the newest need is {needed:?} ({by})");
}

#[test]
fn release_is_small_and_profiling_keeps_line_tables() {
    let m = manifest();
    let release = &m["profile"]["release"];
    assert_eq!(release["strip"].as_bool(), Some(true), "the release binary is stripped");
    // `plan lsp` catches a panic in a request and goes on: unwinding must stay.
    assert!(release.get("panic").is_none(), "panic = abort would end the editor's server on a bug");
    let profiling = &m["profile"]["profiling"];
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"].as_str(), Some("line-tables-only"));
    assert_eq!(profiling["strip"].as_bool(), Some(false));
    let bench = std::fs::read_to_string(repo("tests/bench/run.sh")).expect("bench");
    assert!(bench.contains("--profile profiling"), "the benchmarks build with line tables, for perf");
}

/// cargo-binstall's URL template, expanded for every target the release builds, names the
/// archive `.github/release/build.sh` writes for it, and the folder inside.
#[test]
fn binstall_finds_the_archives_the_release_writes() {
    let m = manifest();
    let binstall = &m["package"]["metadata"]["binstall"];
    let repository = str_at(&m, &["package", "repository"]);
    let script = std::fs::read_to_string(repo(".github/release/build.sh")).expect("build.sh");
    assert!(script.contains("name=\"plankoll-$target\""), "build.sh names archives plankoll-TARGET");
    let targets = release_targets();
    for t in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|x| x == t), "the release builds {t}: {targets:?}");
    }
    for target in targets.iter().filter(|t| !t.ends_with("-musl")) {
        let windows = target.contains("windows");
        let table = binstall["overrides"].get(target.as_str()).unwrap_or(binstall);
        let get = |key: &str| table.get(key).or_else(|| binstall.get(key)).and_then(|v| v.as_str()).unwrap_or("");
        let suffix = if windows { ".zip" } else { ".tar.gz" };
        let expand = |template: &str| {
            template
                .replace("{ repo }", repository)
                .replace("{ version }", "0.1.0")
                .replace("{ target }", target)
                .replace("{ archive-suffix }", suffix)
                .replace("{ bin }", "plan")
                .replace("{ binary-ext }", if windows { ".exe" } else { "" })
        };
        assert_eq!(
            expand(get("pkg-url")),
            format!("{repository}/releases/download/v0.1.0/plankoll-{target}{suffix}"),
            "{target}"
        );
        assert_eq!(get("pkg-fmt"), if windows { "zip" } else { "tgz" }, "{target}");
        let bin = format!("plankoll-{target}/plan{}", if windows { ".exe" } else { "" });
        assert_eq!(expand(get("bin-dir")), bin, "{target}");
    }
}

/// The archive's contents, unpacked into a temporary folder.
fn unpack(archive: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let status = Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(dir.path()).status().expect("tar");
    assert!(status.success());
    let name = archive.file_name().unwrap().to_str().unwrap().trim_end_matches(".tar.gz").to_owned();
    let folder = dir.path().join(name);
    (dir, folder)
}

/// The newest glibc symbol version a binary needs (`objdump -T`), or none for a static one.
fn newest_glibc(binary: &Path) -> Option<(u32, u32, u32)> {
    let out = Command::new("objdump").arg("-T").arg(binary).output().expect("objdump (binutils)");
    let text = String::from_utf8_lossy(&out.stdout);
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter_map(|w| w.strip_prefix("GLIBC_"))
        .filter(|v| v.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(version)
        .max()
}

#[test]
fn a_release_binary_checks_the_bundled_plan() {
    let Some(archive) = std::env::var_os("PLAN_RELEASE_ARCHIVE") else {
        eprintln!("skipped: PLAN_RELEASE_ARCHIVE is not set (tests/run sets it)");
        return;
    };
    let (_dir, folder) = unpack(Path::new(&archive));
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("the archive's folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["LICENSE", "README.md", "THIRD-PARTY-LICENSES.html", "plan"]);
    let binary = folder.join("plan");

    let size = std::fs::metadata(&binary).unwrap().len();
    assert!(size <= 20 * 1024 * 1024, "the release binary is {size} bytes, over 20 MiB");
    let glibc = newest_glibc(&binary);
    assert!(glibc.is_some_and(|v| v <= (2, 17, 0)), "needs glibc {glibc:?}, more than 2.17");
    let symbols = Command::new("objdump").arg("--syms").arg(&binary).output().expect("objdump");
    assert!(String::from_utf8_lossy(&symbols.stdout).contains("no symbols"), "the binary is stripped");

    let licences = std::fs::read_to_string(folder.join("THIRD-PARTY-LICENSES.html")).unwrap();
    for needle in ["<html lang=\"en\">", "serde ", "saphyr-parser ", "MIT License", "Apache License"] {
        assert!(licences.contains(needle), "THIRD-PARTY-LICENSES.html has no {needle:?}");
    }

    let version = Command::new(&binary).arg("--version").output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("plan {}", env!("CARGO_PKG_VERSION")));
    // The bundled county plan, as the release binary and the test build see it: the same
    // findings, and no error.
    let check = |cmd: &mut Command| {
        let out = cmd
            .args(["check", "--format", "json", "--today", "2026-06-01"])
            .arg(repo(""))
            .env_remove("PLAN_LANG")
            .env_remove("PLAN_TODAY")
            .output()
            .expect("runs");
        (out.status.code(), String::from_utf8(out.stdout).expect("UTF-8"))
    };
    let (code, released) = check(&mut Command::new(&binary));
    assert_eq!(code, Some(0), "{released}");
    let (_, built) = check(&mut Command::new(env!("CARGO_BIN_EXE_plan")));
    assert_eq!(released, built);
    let doc: serde_json::Value = serde_json::from_str(&released).unwrap();
    assert!(doc["summary"]["plans"].as_u64() > Some(0), "{released}");
}

/// Every download link in the README names an archive the release writes, under the
/// repository of Cargo.toml; and the README's first screen shows installing without compiling
/// beside the two set-up commands.
#[test]
fn the_readme_links_the_archives_the_release_writes() {
    let m = manifest();
    let repository = str_at(&m, &["package", "repository"]);
    let readme = std::fs::read_to_string(repo("README.md")).expect("README");
    let targets = release_targets();
    let prefix = format!("{repository}/releases/latest/download/plankoll-");
    let mut links = 0;
    for (at, _) in readme.match_indices("/releases/latest/download/") {
        let start = readme[..at].rfind("https://").expect("a URL");
        let url: String = readme[start..].chars().take_while(|c| !c.is_whitespace() && *c != ')').collect();
        let asset = url.strip_prefix(&prefix).unwrap_or_else(|| panic!("{url} is not under {repository}"));
        let (target, suffix) = asset
            .strip_suffix(".tar.gz")
            .map(|t| (t, ".tar.gz"))
            .or_else(|| asset.strip_suffix(".zip").map(|t| (t, ".zip")))
            .unwrap_or_else(|| panic!("{url}: not an archive"));
        assert!(targets.iter().any(|t| t == target), "{url}: the release builds no {target}");
        assert_eq!(suffix == ".zip", target.contains("windows"), "{url}");
        links += 1;
    }
    assert!(links >= 3, "{links} download links");
    let first_screen: String = readme.lines().take(45).collect::<Vec<_>>().join("\n");
    for needle in ["cargo run --release -- render", "bash tests/run", "cargo binstall plankoll", "docker run"] {
        assert!(first_screen.contains(needle), "the README's first screen lacks `{needle}`");
    }
}

/// The licences cargo-about accepts for THIRD-PARTY-LICENSES.html are deny.toml's: one list
/// kept twice, because each tool reads its own file, so a test keeps them the same.
#[test]
fn about_accepts_the_licences_deny_allows() {
    let list = |path: &str, keys: &[&str]| {
        let table: toml::Table = std::fs::read_to_string(repo(path)).expect(path).parse().expect("TOML");
        let mut value = &toml::Value::Table(table);
        for key in keys {
            value = &value[*key];
        }
        let mut names: Vec<String> =
            value.as_array().expect("a list").iter().map(|v| v.as_str().expect("a name").to_owned()).collect();
        names.sort();
        names
    };
    assert_eq!(list(".github/release/about.toml", &["accepted"]), list("deny.toml", &["licenses", "allow"]));
}
