//! One plan repository as the language server holds it: every plan file parsed and kept,
//! the plan put together from them, and the findings of the last check.
//!
//! A keystroke changes one file. Only that file is read again; its organisations and plans
//! take the place of its old ones in the [`Plan`]'s lists (a file's entities lie together
//! there, in file order), and the index and the rules run over the whole plan again, since
//! references cross files. A change to the set of files (a file added or removed) or to
//! `plan.toml` reads the repository again from the start.

use crate::check::{Context, apply_severities, run_rules};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::load::{self, Input, convert::FileModel};
use crate::model::{Index, Plan};
use crate::run::CheckOptions;
use crate::source::FileId;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A plan file of the repository and what it added to the plan.
#[derive(Debug, Clone)]
struct Entry {
    /// Its path, as the editor names it (absolute).
    path: PathBuf,
    /// How many organisations, handlingsplaner and aktivitetsplaner it defines.
    counts: [usize; 3],
    /// Its P001/P002 findings.
    findings: Vec<Diagnostic>,
    /// Whether nothing in it could be read as a plan file.
    unread: bool,
}

/// A repository, loaded and checked.
#[derive(Debug)]
pub struct Workspace {
    /// The root folder.
    pub root: PathBuf,
    /// Its settings (the defaults while `plan.toml` has an error).
    pub config: Config,
    /// Why `plan.toml` could not be read, if it could not.
    pub config_error: Option<String>,
    /// The check date, language and levels.
    pub options: CheckOptions,
    entries: Vec<Entry>,
    by_path: HashMap<PathBuf, usize>,
    /// The plan as last checked.
    pub plan: Plan,
    /// The findings of the last check, sorted as `plan check` sorts them.
    pub diagnostics: Vec<Diagnostic>,
}

/// The texts of the documents open in the editor, which take the place of the files on disk.
pub type Overlay = HashMap<PathBuf, String>;

impl Workspace {
    /// Reads and checks the repository at `root`. `settings` is the text of `plan.toml`
    /// when the editor has it open.
    pub fn open(root: &Path, lang: Lang, overlay: &Overlay) -> Workspace {
        let settings = overlay.get(&root.join(crate::config::FILE_NAME));
        let (config, config_error) = match settings {
            Some(text) => match Config::parse(text, lang) {
                Ok(c) => (c, None),
                Err(e) => (Config::default(), Some(config_message(e))),
            },
            None => match Config::load(root, lang) {
                Ok(c) => (c, None),
                Err(e) => (Config::default(), Some(config_message(e))),
            },
        };
        let today = config.today.unwrap_or_else(|| chrono::Local::now().date_naive());
        let options = CheckOptions::new(&config, today, lang);
        let mut ws = Workspace {
            root: root.to_path_buf(),
            config,
            config_error,
            options,
            entries: Vec::new(),
            by_path: HashMap::new(),
            plan: Plan::default(),
            diagnostics: Vec::new(),
        };
        ws.load_all(overlay);
        ws
    }

    /// Whether `path` is one of the repository's plan files, or would be one (a new file
    /// in a plan folder).
    pub fn holds(&self, path: &Path) -> bool {
        self.by_path.contains_key(path) || self.in_plan_folder(path)
    }

    /// Whether `path` is a plan file's name inside one of the plan folders.
    pub fn in_plan_folder(&self, path: &Path) -> bool {
        load::is_plan_file_name(path) && self.config.plan_dirs.iter().any(|d| path.starts_with(self.root.join(d)))
    }

    /// The file id of a plan file.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).map(|&i| FileId(i as u32))
    }

    /// The path of a file id.
    pub fn path_of(&self, file: FileId) -> Option<&Path> {
        self.entries.get(file.0 as usize).map(|e| e.path.as_path())
    }

    /// Every plan file, in id order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.entries.iter().map(|e| e.path.as_path())
    }

    /// The plan files: those on disk and the open documents in the plan folders.
    fn file_set(&self, overlay: &Overlay) -> Vec<(String, PathBuf)> {
        let mut files = load::find_files(&self.root, &self.config, self.options.lang).unwrap_or_default();
        for path in overlay.keys() {
            if self.in_plan_folder(path) && !files.iter().any(|(_, p)| p == path) {
                let rel = path.strip_prefix(&self.root).unwrap_or(path);
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                files.push((name, path.clone()));
            }
        }
        // A folder the walk could not enter is named with a trailing `/`; it is no file.
        files.retain(|(name, _)| !name.ends_with('/'));
        files.sort();
        files
    }

    fn input(path: &Path, overlay: &Overlay) -> Input {
        match overlay.get(path) {
            Some(text) => Input::Bytes(text.as_bytes().to_vec()),
            None => Input::Disk(path.to_path_buf()),
        }
    }

    /// Reads every plan file again and checks.
    pub fn load_all(&mut self, overlay: &Overlay) {
        let files = self.file_set(overlay);
        let (lang, words) = (self.options.lang, &self.options.status_words);
        let loaded: Vec<_> = files
            .into_par_iter()
            .enumerate()
            .map(|(i, (name, path))| {
                let input = Self::input(&path, overlay);
                (path, load::load_file(FileId(i as u32), name, input, lang, words))
            })
            .collect();
        let mut plan = Plan::default();
        self.entries.clear();
        self.by_path.clear();
        for (i, (path, (source, model, findings))) in loaded.into_iter().enumerate() {
            plan.sources.push(source);
            let counts = [model.organisations.len(), model.action_plans.len(), model.activity_plans.len()];
            plan.organisations.extend(model.organisations);
            plan.action_plans.extend(model.action_plans);
            plan.activity_plans.extend(model.activity_plans);
            self.by_path.insert(path.clone(), i);
            self.entries.push(Entry { path, counts, findings, unread: model.unread });
        }
        self.plan = plan;
        self.recheck();
    }

    /// Takes in new versions of some files (from the editor or the disk) and checks again.
    /// A path that is not yet a plan file, or one that is no longer there, reads the whole
    /// repository again.
    pub fn update(&mut self, paths: &[PathBuf], overlay: &Overlay) {
        let known: Vec<usize> = paths.iter().filter_map(|p| self.by_path.get(p).copied()).collect();
        let set_changed = paths.iter().any(|p| {
            let here = overlay.contains_key(p) || p.is_file();
            match self.by_path.get(p) {
                Some(_) => !here,
                None => here && self.in_plan_folder(p),
            }
        });
        if set_changed {
            self.load_all(overlay);
            return;
        }
        if known.is_empty() {
            return;
        }
        let (lang, words) = (self.options.lang, &self.options.status_words);
        let reloaded: Vec<(usize, _)> = known
            .par_iter()
            .map(|&i| {
                let entry = &self.entries[i];
                let name = self.plan.sources.get(FileId(i as u32)).name.clone();
                let input = Self::input(&entry.path, overlay);
                (i, load::load_file(FileId(i as u32), name, input, lang, words))
            })
            .collect();
        for (i, (source, model, findings)) in reloaded {
            self.splice(i, model);
            self.plan.sources.replace(FileId(i as u32), source);
            self.entries[i].findings = findings;
        }
        self.recheck();
    }

    /// Puts a file's new entities in the place of its old ones.
    fn splice(&mut self, i: usize, model: FileModel) {
        let mut at = [0usize; 3];
        for e in &self.entries[..i] {
            for (at, n) in at.iter_mut().zip(e.counts) {
                *at += n;
            }
        }
        let old = self.entries[i].counts;
        let new = [model.organisations.len(), model.action_plans.len(), model.activity_plans.len()];
        self.plan.organisations.splice(at[0]..at[0] + old[0], model.organisations);
        self.plan.action_plans.splice(at[1]..at[1] + old[1], model.action_plans);
        self.plan.activity_plans.splice(at[2]..at[2] + old[2], model.activity_plans);
        self.entries[i].counts = new;
        self.entries[i].unread = model.unread;
    }

    /// Indexes the plan and runs every rule over it, as `plan check` does.
    fn recheck(&mut self) {
        self.plan.index = Index::build(&self.plan);
        let options = &self.options;
        let mut diagnostics: Vec<Diagnostic> = self.entries.iter().flat_map(|e| e.findings.iter().cloned()).collect();
        let cx = Context { plan: &self.plan, today: options.today, lang: options.lang, county: &options.county };
        diagnostics.extend(run_rules(&cx));
        apply_severities(&mut diagnostics, &options.levels);
        let unread: Vec<FileId> =
            self.entries.iter().enumerate().filter(|(_, e)| e.unread).map(|(i, _)| FileId(i as u32)).collect();
        crate::check::cascade::fold(&mut diagnostics, &self.plan, &unread, options.lang);
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
        self.diagnostics = diagnostics;
    }
}

/// The message of a `plan.toml` error, without the path the editor already shows.
fn config_message(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::Config { message, .. } => message,
        other => other.to_string(),
    }
}

/// The line (from 1) a `plan.toml` message names (`rad 3: …`, `line 3: …`), if it names one.
pub fn config_line(message: &str) -> Option<u32> {
    let rest = message.strip_prefix("rad ").or_else(|| message.strip_prefix("line "))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}
