//! Loading: find the plan files, read them, parse them, and build the [`Plan`].
//!
//! Files are found by walking the plan folders in sorted order (so ids, duplicates and
//! output are deterministic), then read, parsed and converted in parallel, one file per
//! task: a file's YAML tree lives only as long as its own conversion. A file that cannot be
//! read or parsed yields its P001 and the others carry on.

pub mod convert;
pub mod msg;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::{Index, Plan};
use crate::source::{FileId, Pos, SourceFile, Span};
use convert::{FileModel, convert};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Largest plan file read; larger files are a P001 without being read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Whether a file's name makes it a plan file (`.yaml` or `.yml`, in any case), the files
/// `plan check` reads from the plan folders.
pub fn is_plan_file_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Most bytes of plan files one repository may hold together; a larger one is refused
/// before any file is read. A check holds about four times its plan files in memory
/// (measured: 70 MB of plan files, 100,000 activities, 276 MB), so this bounds a check of
/// one repository at about 2 GB; it is seven times the 100,000-activity benchmark.
pub const MAX_REPOSITORY_BYTES: u64 = 512 * 1024 * 1024;

/// Most findings kept from reading one file (P001, P002); the rest are counted in a note
/// on the first one. A file with more is not a plan file with mistakes but something
/// else, and a million findings about it would only cost memory.
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

/// The loaded plan and every finding made while loading (P001, P002).
#[derive(Debug)]
pub struct Loaded {
    /// The plan.
    pub plan: Plan,
    /// P001 and P002 findings.
    pub diagnostics: Vec<Diagnostic>,
    /// The files that contributed nothing to the plan because they could not be read as
    /// plan files at all (not UTF-8, not YAML, no known `typ`), in id order: findings about
    /// ids they may define are only consequences ([`crate::check::cascade`]).
    pub unread: Vec<FileId>,
}

/// Finds every plan file below the configured folders, sorted by path.
pub fn find_files(root: &Path, config: &Config, lang: Lang) -> Result<Vec<(String, PathBuf)>, Error> {
    if !root.is_dir() {
        let r = root.display();
        return Err(Error::Repository(crate::t!(lang, "mappen {r} finns inte", "the folder {r} does not exist")));
    }
    let mut files = Vec::new();
    let mut found_dir = false;
    let mut total = 0u64;
    for dir in &config.plan_dirs {
        let start = root.join(dir);
        if !start.is_dir() {
            continue;
        }
        // A plan folder reached through a symbolic link could be anywhere: walkdir follows
        // the link at its root, so it is refused here, like every link below it.
        if crate::files::read::passes_link(root, dir).unwrap_or(false) {
            let (d, r) = (dir.display(), root.display());
            return Err(Error::Repository(crate::t!(
                lang,
                "planmappen `{d}` i {r} är en symbolisk länk; plan följer inga länkar ut ur repositoriet, så lägg planfilerna i mappen själv",
                "the plan folder `{d}` in {r} is a symbolic link; plan follows no link out of the repository, so put the plan files in the folder itself"
            )));
        }
        found_dir = true;
        let walk = walkdir::WalkDir::new(&start).follow_links(false).sort_by_file_name().into_iter();
        // Hidden folders (`.git`) hold no plan files.
        for entry in walk.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')) {
            let entry = match entry {
                Ok(entry) => entry,
                // A folder that cannot be read (no permission, a path too long for the
                // system) may hold plan files: it is a finding, named with a trailing `/`.
                Err(e) => {
                    if let Some(path) = e.path() {
                        let rel = path.strip_prefix(root).unwrap_or(path);
                        files.push((format!("{}/", slashed(rel)), path.to_path_buf()));
                    }
                    continue;
                }
            };
            let is_yaml = is_plan_file_name(entry.path());
            // Symbolic links are not followed: a link could lead outside the repository.
            if is_yaml && entry.file_type().is_file() {
                // Files over the file limit are never read, so they cost nothing.
                let len = entry.metadata().map_or(0, |m| m.len());
                if len <= MAX_FILE_BYTES {
                    total += len;
                }
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                files.push((slashed(rel), entry.path().to_path_buf()));
            }
        }
    }
    if !found_dir {
        let dirs = config.plan_dirs_shown();
        let r = root.display();
        return Err(Error::Repository(crate::t!(
            lang,
            "hittade ingen planmapp ({dirs}) i {r}; ange repositoriets mapp, eller ändra `plans` i plan.toml",
            "found no plan folder ({dirs}) in {r}; give the repository's folder, or change `plans` in plan.toml"
        )));
    }
    if total > MAX_REPOSITORY_BYTES {
        let (size, most, r) =
            (crate::lang::ui::bytes(total), crate::lang::ui::bytes(MAX_REPOSITORY_BYTES), root.display());
        return Err(Error::Repository(crate::t!(
            lang,
            "planfilerna i {r} är {size} tillsammans; plan läser högst {most} i ett repositorium (dela upp det i flera, som länets kommuner)",
            "the plan files in {r} come to {size}; plan reads at most {most} in one repository (split it into several, as the county's municipalities are)"
        )));
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// A relative path with `/` between its parts, as findings name files everywhere.
fn slashed(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Where a plan file's bytes come from: the working tree, or a git revision.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    Disk(PathBuf),
    /// Bytes already read (from the git object database).
    Bytes(Vec<u8>),
    /// A git object whose header gives this size, past [`MAX_FILE_BYTES`]: never inflated.
    TooLarge(u64),
}

/// Reads, parses and converts every file on disk, in parallel, and indexes the result.
pub fn load(files: Vec<(String, PathBuf)>, lang: Lang) -> Loaded {
    load_inputs(files.into_iter().map(|(name, path)| (name, Input::Disk(path))).collect(), lang)
}

/// Like [`load`], for files from any [`Input`]; names are relative to the repository root.
pub fn load_inputs(files: Vec<(String, Input)>, lang: Lang) -> Loaded {
    load_inputs_with(files, lang, &BTreeMap::new())
}

/// Like [`load_inputs`], with the words `plan.toml` maps to statuses for imports
/// (`[import.status]`), which a status written with one of them is pointed to.
pub fn load_inputs_with(files: Vec<(String, Input)>, lang: Lang, status_words: &BTreeMap<String, String>) -> Loaded {
    let results: Vec<(SourceFile, FileModel, Vec<Diagnostic>)> = files
        .into_par_iter()
        .enumerate()
        .map(|(i, (name, input))| {
            load_file(FileId(u32::try_from(i).unwrap_or(u32::MAX)), name, input, lang, status_words)
        })
        .collect();
    let mut plan = Plan::default();
    let mut diagnostics = Vec::new();
    let mut unread = Vec::new();
    for (source, model, diags) in results {
        let id = plan.sources.push(source);
        if model.unread {
            unread.push(id);
        }
        plan.organisations.extend(model.organisations);
        plan.action_plans.extend(model.action_plans);
        plan.activity_plans.extend(model.activity_plans);
        diagnostics.extend(diags);
    }
    plan.index = Index::build(&plan);
    Loaded { plan, diagnostics, unread }
}

/// Reads, parses and converts one file as the `file`th of a repository: its source, what it
/// defines, and its P001/P002 findings. The language server reloads one file with it.
pub fn load_file(
    file: FileId,
    name: String,
    input: Input,
    lang: Lang,
    status_words: &BTreeMap<String, String>,
) -> (SourceFile, FileModel, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let path = match &input {
        Input::Disk(path) => path.clone(),
        Input::Bytes(_) | Input::TooLarge(_) => PathBuf::from(&name),
    };
    // A folder the walk could not enter (see find_files).
    if let (true, Input::Disk(dir)) = (name.ends_with('/'), &input) {
        let why = std::fs::read_dir(dir).err().map_or_else(String::new, |e| crate::lang::ui::io_error(lang, &e));
        diagnostics.push(Diagnostic::new(Code::P001, Span::file_start(file), msg::unreadable_folder(lang, &why)));
        return (
            SourceFile::new(name, path, Arc::from("")),
            FileModel { unread: true, ..FileModel::default() },
            diagnostics,
        );
    }
    let text = match read_text(input, file, lang) {
        Ok(text) => text,
        Err(unusable) => {
            diagnostics.push(*unusable.diagnostic);
            let source = SourceFile::new(name, path, Arc::from(unusable.shown));
            return (source, FileModel { unread: true, ..FileModel::default() }, diagnostics);
        }
    };
    let source = SourceFile::new(name, path, Arc::from(text));
    let parsed = crate::yaml::parse(&source.text, file, lang);
    let fatal = parsed.root.is_none() && !parsed.diagnostics.is_empty();
    diagnostics.extend(parsed.diagnostics);
    let model = if fatal {
        FileModel { unread: true, ..FileModel::default() }
    } else {
        convert(parsed.root.as_ref(), file, lang, status_words, &mut diagnostics)
    };
    let more = model.dropped + diagnostics.len().saturating_sub(MAX_FINDINGS_PER_FILE);
    if more > 0 {
        diagnostics.truncate(MAX_FINDINGS_PER_FILE);
        // On the first, which the human report always shows.
        if let Some(first) = diagnostics.first_mut() {
            first.note = Some(msg::more_findings(lang, more));
        }
    }
    (source, model, diagnostics)
}

/// A file that cannot be read as a plan file: why, and what can be shown of it.
struct Unusable {
    diagnostic: Box<Diagnostic>,
    /// The text to quote in snippets: the bytes decoded with replacement characters when
    /// they are not UTF-8, so the finding's line can still be shown; otherwise empty.
    shown: String,
}

impl From<Diagnostic> for Unusable {
    fn from(diagnostic: Diagnostic) -> Self {
        Unusable { diagnostic: Box::new(diagnostic), shown: String::new() }
    }
}

/// Reads a file as UTF-8 text without a byte order mark, or says why it cannot be used.
fn read_text(input: Input, file: FileId, lang: Lang) -> Result<String, Unusable> {
    let at_start = Span::file_start(file);
    let fail = |message: String| Unusable::from(Diagnostic::new(Code::P001, at_start, message));
    let too_large = |size: u64| fail(msg::too_large(lang, size, MAX_FILE_BYTES));
    let bytes = match input {
        Input::TooLarge(size) => return Err(too_large(size)),
        Input::Bytes(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => return Err(too_large(bytes.len() as u64)),
        Input::Bytes(bytes) => bytes,
        Input::Disk(path) => match crate::files::read::file(&path, MAX_FILE_BYTES) {
            Ok(bytes) => bytes,
            Err(crate::files::read::ReadError::TooLarge { size, .. }) => return Err(too_large(size)),
            Err(e) => return Err(fail(msg::unreadable(lang, &e.message(lang)))),
        },
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::new(Code::P001, at_start, msg::utf16(lang)).with_help(msg::encoding_help(lang)).into());
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        // The longest valid prefix decodes the same either way, so its end is where the
        // first bad byte sits, counted as editors count.
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let at = crate::source::end_of(&prefix);
        let end = Pos { line: at.line, column: at.column + 1 };
        // Swedish letters saved by Excel or Notepad in the Windows code page (1252, which
        // agrees with Latin-1 for them) are one byte each: say which letter it is.
        let byte = e.as_bytes().get(valid).copied().unwrap_or(0);
        let letter = (byte >= 0xC0).then(|| char::from(byte)).filter(|c| c.is_alphabetic());
        let (message, shown) = match letter {
            // The rest decoded as Latin-1, one letter a byte, so the snippet shows `år`, not `�r`.
            Some(letter) => {
                let mut shown = prefix.into_owned();
                shown.extend(e.as_bytes()[valid..].iter().map(|&b| char::from(b)));
                (msg::windows_1252(lang, letter), shown)
            }
            None => (msg::not_utf8(lang), String::from_utf8_lossy(e.as_bytes()).into_owned()),
        };
        let diagnostic =
            Diagnostic::new(Code::P001, Span { file, start: at, end }, message).with_help(msg::encoding_help(lang));
        Unusable { diagnostic: Box::new(diagnostic), shown }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_plans_are_the_local_plans_no_other_plan_follows() {
        let plan = |id: &str, follows: Option<&str>| {
            let follows = follows.map(|f| format!("följer: {f}\n")).unwrap_or_default();
            (format!("{id}.yaml"), Input::Bytes(format!("typ: handlingsplan\nid: {id}\n{follows}").into()))
        };
        let load = |files| {
            let loaded = load_inputs(files, crate::lang::Lang::Sv);
            let own = loaded.plan.own_plans();
            own.iter().map(|&p| loaded.plan.action_plans[p].id.value.0.clone()).collect::<Vec<_>>()
        };
        // County ← city ← two districts: the districts are the repository's own.
        let chain =
            vec![plan("lan", None), plan("stad", Some("lan")), plan("norr", Some("stad")), plan("syd", Some("stad"))];
        assert_eq!(load(chain), ["norr", "syd"]);
        // No local plan: the plans that follow nothing.
        assert_eq!(load(vec![plan("lan", None)]), ["lan"]);
    }
}
