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
        plan.index = Index::build(&plan);
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
        // A keystroke leaves the file defining as many plans and organisations as before:
        // then only its ids are taken out of the index and put back, not every id.
        let mut index_whole = true;
        for (i, (source, model, findings)) in reloaded {
            let before = self.ranges(i);
            let same = self.entries[i].counts
                == [model.organisations.len(), model.action_plans.len(), model.activity_plans.len()];
            let old = (index_whole && same).then(|| Index::defined_in(&self.plan, &before));
            self.splice(i, model);
            self.plan.sources.replace(FileId(i as u32), source);
            self.entries[i].findings = findings;
            index_whole = match old {
                Some(old) => {
                    let mut index = std::mem::take(&mut self.plan.index);
                    let replaced = index.replace(&self.plan, &old, &before);
                    self.plan.index = index;
                    replaced
                }
                None => false,
            };
        }
        if !index_whole {
            self.plan.index = Index::build(&self.plan);
        }
        self.recheck();
    }

    /// Where file `i`'s entities lie in the plan's lists.
    fn ranges(&self, i: usize) -> crate::model::index::Ranges {
        let mut at = [0usize; 3];
        for e in &self.entries[..i] {
            for (at, n) in at.iter_mut().zip(e.counts) {
                *at += n;
            }
        }
        let n = self.entries[i].counts;
        [at[0]..at[0] + n[0], at[1]..at[1] + n[1], at[2]..at[2] + n[2]]
    }

    /// Puts a file's new entities in the place of its old ones.
    fn splice(&mut self, i: usize, model: FileModel) {
        let [orgs, plans, activity_plans] = self.ranges(i);
        let new = [model.organisations.len(), model.action_plans.len(), model.activity_plans.len()];
        self.plan.organisations.splice(orgs, model.organisations);
        self.plan.action_plans.splice(plans, model.action_plans);
        self.plan.activity_plans.splice(activity_plans, model.activity_plans);
        self.entries[i].counts = new;
        self.entries[i].unread = model.unread;
    }

    /// Runs every rule over the plan, as `plan check` does; the index must be up to date.
    fn recheck(&mut self) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// What a check found, how many ids the index holds, and what each id names.
    type State = (Vec<String>, usize, Vec<(String, Option<crate::model::Entity>)>);

    /// What a check found and what the index says, to compare two workspaces by.
    fn state(ws: &Workspace) -> State {
        let found = ws.diagnostics.iter().map(|d| format!("{} {:?} {}", d.code, d.span, d.message)).collect();
        let all = [0..ws.plan.organisations.len(), 0..ws.plan.action_plans.len(), 0..ws.plan.activity_plans.len()];
        let ids = Index::defined_in(&ws.plan, &all).into_iter().map(|(id, _)| {
            let e = ws.plan.index.get(&id);
            (id, e)
        });
        (found, ws.plan.index.len(), ids.collect())
    }

    #[test]
    fn a_file_updated_in_place_checks_as_the_whole_repository_read_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/site"), &root);
        let plan = root.join("plans/kommun/aktivitetsplan-2025.yaml");
        let orgs = root.join("plans/organisationer.yaml");
        let text = std::fs::read_to_string(&plan).unwrap();
        let org_text = std::fs::read_to_string(&orgs).unwrap();
        let mut overlay = Overlay::new();
        let mut ws = Workspace::open(&root, Lang::Sv, &overlay);
        let edits: Vec<(PathBuf, String)> = vec![
            // An id changed: what referred to it is unknown now.
            (plan.clone(), text.replace("K-2025-01", "K-2025-99")),
            // An activity added.
            (
                plan.clone(),
                format!("{text}  - {{ id: K-2025-50, titel: Ny, ansvarig: kommunen, inriktningar: [MO1.1] }}\n"),
            ),
            // The id of an activity of another file: a duplicate, then gone again.
            (
                plan.clone(),
                format!("{text}  - {{ id: K-2024-01, titel: Igen, ansvarig: kommunen, inriktningar: [MO1.1] }}\n"),
            ),
            (plan.clone(), text.clone()),
            // An organisation renamed in its own file: references elsewhere break.
            (orgs.clone(), org_text.replace("id: kommunen", "id: kommunen-ny")),
            // Broken YAML: the file defines nothing, so it is read whole again.
            (plan.clone(), String::from("typ: aktivitetsplan\nid: [\n")),
            (plan.clone(), text.clone()),
            (orgs.clone(), org_text.clone()),
        ];
        for (i, (path, new)) in edits.into_iter().enumerate() {
            overlay.insert(path.clone(), new);
            ws.update(std::slice::from_ref(&path), &overlay);
            let fresh = Workspace::open(&root, Lang::Sv, &overlay);
            assert_eq!(state(&ws), state(&fresh), "after edit {i}");
        }
    }
}
