//! Plan files in git history, read from the object database with gix (no `git` binary).
//!
//! Used by `plan diff` (the plan at two revisions), `plan check --changed-since` (which
//! files differ from a revision) and `plan render` (when each file last changed). The plan
//! repository may be a folder inside a larger git repository; paths are translated between
//! the two here, so the rest of the program only sees paths relative to the plan root.

use crate::config::Config;
use crate::error::Error;
use crate::lang::Lang;
use crate::load::{Input, MAX_FILE_BYTES};
use crate::t;
use chrono::NaiveDate;
use gix::ObjectId;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A git repository that holds a plan repository.
pub struct Repo {
    repo: gix::Repository,
    /// The plan root relative to the work tree, with `/` and a trailing `/` (or empty).
    prefix: String,
    /// The language of its errors.
    lang: Lang,
}

/// A failure of git's object database that the user cannot do much about: said in the
/// user's language, with git's own words after it for whoever looks into it.
fn err<E: std::fmt::Display>(lang: Lang) -> impl Fn(E) -> Error {
    move |e| {
        Error::Git(t!(lang, "git-historiken kunde inte läsas (git: {e})", "the git history could not be read ({e})"))
    }
}

impl Repo {
    /// The git repository that contains `root`, if there is one.
    pub fn discover(root: &Path) -> Option<Repo> {
        let repo = gix::discover(root).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let root = root.canonicalize().ok()?;
        let rel = root.strip_prefix(&workdir).ok()?;
        let mut prefix =
            rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Some(Repo { repo, prefix, lang: Lang::default() })
    }

    /// The repository, with its errors in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Repo {
        self.lang = lang;
        self
    }

    /// The commit a revision names (`main`, `HEAD~2`, a hash).
    pub fn commit(&self, spec: &str) -> Result<ObjectId, Error> {
        let lang = self.lang;
        let unknown = |_| {
            Error::Git(t!(
                lang,
                "hittar ingen revision `{spec}` i git-repositoriet; ange en gren, en tagg eller en commit, till exempel `main` eller `HEAD~1`",
                "no revision `{spec}` in the git repository; name a branch, a tag or a commit, for example `main` or `HEAD~1`"
            ))
        };
        let id = self.repo.rev_parse_single(spec).map_err(unknown)?;
        let not_a_commit = |_| {
            Error::Git(t!(
                lang,
                "`{spec}` är ingen commit i git-repositoriet",
                "`{spec}` is not a commit in the git repository"
            ))
        };
        let commit = id.object().map_err(err(lang))?.peel_to_commit().map_err(not_a_commit)?;
        Ok(commit.id)
    }

    /// The default branch's commit: `origin/HEAD`, else `main`, else `master` (local or
    /// `origin/`).
    fn default_branch(&self) -> Option<ObjectId> {
        [
            "refs/remotes/origin/HEAD",
            "refs/heads/main",
            "refs/remotes/origin/main",
            "refs/heads/master",
            "refs/remotes/origin/master",
        ]
        .iter()
        .find_map(|name| self.commit(name).ok())
    }

    /// Where a pull request starts: the merge base of `HEAD` with the default branch.
    pub fn default_base(&self) -> Result<ObjectId, Error> {
        let head = self.commit("HEAD")?;
        let lang = self.lang;
        let Some(branch) = self.default_branch() else {
            return Err(Error::Git(t!(
                lang,
                "det finns ingen standardgren (origin/HEAD, main eller master) att jämföra med; ange revisionen före ändringen",
                "no default branch (origin/HEAD, main or master) to compare with; name the base revision"
            )));
        };
        let no_ancestor = || {
            Error::Git(t!(
                lang,
                "HEAD och standardgrenen har ingen gemensam historia; ange revisionen före ändringen",
                "HEAD and the default branch have no common ancestor; name the base revision"
            ))
        };
        let base = self.repo.merge_base(head, branch).map_err(err(lang))?;
        base.map(|id| id.detach()).ok_or_else(no_ancestor)
    }

    /// Every plan file at a commit, as [`Input::Bytes`], named relative to the plan root and
    /// sorted by name, as [`crate::load::find_files`] finds them on disk.
    pub fn plan_files_at(&self, commit: ObjectId, config: &Config) -> Result<Vec<(String, Input)>, Error> {
        self.blob_inputs(self.plan_blobs_at(commit, config)?)
    }

    /// The blob id of every plan file at a commit, by name relative to the plan root.
    fn plan_blobs_at(&self, commit: ObjectId, config: &Config) -> Result<Vec<(String, ObjectId)>, Error> {
        let tree = self.repo.find_commit(commit).map_err(err(self.lang))?.tree().map_err(err(self.lang))?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse().breadthfirst(&mut recorder).map_err(err(self.lang))?;
        let dirs: Vec<String> = config.plan_dirs.iter().map(|d| format!("{}{}/", self.prefix, slash(d))).collect();
        let mut out: Vec<(String, ObjectId)> = recorder
            .records
            .into_iter()
            .filter(|e| e.mode.is_blob())
            .filter_map(|e| {
                let path = String::from_utf8(e.filepath.to_vec()).ok()?;
                let in_plans = dirs.iter().any(|d| path.starts_with(d.as_str()));
                let yaml = crate::load::is_plan_file_name(Path::new(&path));
                let hidden = path.split('/').any(|part| part.starts_with('.'));
                (in_plans && yaml && !hidden).then(|| (path[self.prefix.len()..].to_owned(), e.oid))
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// Names of the plan files in the working tree whose content differs from `commit`
    /// (changed or added; a removed file has no findings to report).
    pub fn changed_since(
        &self,
        commit: ObjectId,
        config: &Config,
        on_disk: &[(String, PathBuf)],
    ) -> Result<Vec<String>, Error> {
        let before: HashMap<String, ObjectId> = self.plan_blobs_at(commit, config)?.into_iter().collect();
        let mut changed = Vec::new();
        for (name, path) in on_disk {
            let same = match read_bounded(path).map_err(|e| Error::io(path, e))? {
                // A file past the loader's limit is a finding of its own: changed, unread.
                None => false,
                Some(bytes) => {
                    let now = gix::objs::compute_hash(self.repo.object_hash(), gix::object::Kind::Blob, &bytes)
                        .map_err(err(self.lang))?;
                    before.get(name) == Some(&now)
                }
            };
            if !same {
                changed.push(name.clone());
            }
        }
        changed.sort();
        Ok(changed)
    }

    /// The date of the last commit that changed each of these plan files (names relative to
    /// the plan root), as `git log -1 --format=%cs -- FILE` gives it: the committer's date in
    /// the committer's time zone, history simplified as git does by default (a merge that
    /// took a file unchanged from one parent is followed into that parent only). Files never
    /// committed are left out.
    ///
    /// History is walked once for all files, newest commit first, and only the plan folders
    /// are looked at: a commit whose plan folders have the same tree ids as its parent's is
    /// passed over without reading them, and where they differ only the subtrees that differ
    /// are read. The walk stops when every file's date is known.
    ///
    /// In a shallow clone the history ends at the boundary commits: a file that has not
    /// changed since then gets no date (the commit that last changed it is not there), rather
    /// than the boundary's date, which would be false.
    pub fn last_changes(&self, names: &[String], config: &Config) -> Result<HashMap<String, NaiveDate>, Error> {
        let mut dates = HashMap::new();
        let Ok(head) = self.commit("HEAD") else { return Ok(dates) };
        let dirs: Vec<String> = config.plan_dirs.iter().map(|d| format!("{}{}", self.prefix, slash(d))).collect();
        let paths: Vec<String> = names.iter().map(|n| format!("{}{n}", self.prefix)).collect();
        let index: HashMap<&str, usize> = paths.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
        let wanted: std::collections::BTreeSet<&str> = index.keys().copied().collect();
        let mut known = vec![false; paths.len()];
        let mut left = paths.len();
        let mut nodes: HashMap<ObjectId, Node> = HashMap::new();
        let boundary: std::collections::HashSet<ObjectId> =
            self.repo.shallow_commits().ok().flatten().map(|c| c.iter().copied().collect()).unwrap_or_default();
        // Commits to visit, newest first, each with the files whose history passes through it.
        let mut queue = std::collections::BinaryHeap::new();
        let mut carried: HashMap<ObjectId, Vec<usize>> = HashMap::new();
        let mut seq = 0u64;
        let node = self.node(head, &dirs, &mut nodes)?;
        queue.push((node.time, seq, head));
        carried.insert(head, (0..paths.len()).collect());
        while left > 0 {
            let Some((_, _, id)) = queue.pop() else { break };
            let Some(files) = carried.remove(&id) else { continue };
            let files: Vec<usize> = files.into_iter().filter(|&f| !known[f]).collect();
            if files.is_empty() {
                continue;
            }
            let here = self.node(id, &dirs, &mut nodes)?.clone();
            let shallow = boundary.contains(&id);
            let parents: Vec<Node> = if shallow {
                Vec::new()
            } else {
                here.parents.iter().map(|&p| self.node(p, &dirs, &mut nodes).cloned()).collect::<Result<_, _>>()?
            };
            // For each parent, which of the files differ from it (None: none of them do).
            let mut differ: Vec<Option<std::collections::HashSet<usize>>> = Vec::with_capacity(parents.len());
            for parent in &parents {
                if parent.folders == here.folders {
                    differ.push(None);
                    continue;
                }
                let mut changed = Vec::new();
                for (dir, (a, b)) in dirs.iter().zip(here.folders.iter().zip(&parent.folders)) {
                    self.changed_paths(*a, *b, dir, &wanted, &mut changed)?;
                }
                differ.push(Some(changed.iter().filter_map(|p| index.get(p.as_str()).copied()).collect()));
            }
            let mut onward: Vec<Vec<usize>> = vec![Vec::new(); parents.len()];
            for f in files {
                let same = differ.iter().position(|d| d.as_ref().is_none_or(|d| !d.contains(&f)));
                match same {
                    Some(p) => onward[p].push(f),
                    // The history before a shallow clone's boundary is not here.
                    None if shallow => {
                        known[f] = true;
                        left -= 1;
                    }
                    // A root commit, or one that differs from every parent: it made the file
                    // as it is (a root commit only if the file is in it).
                    None if parents.is_empty() && !self.present(&here, &paths[f], &dirs)? => {}
                    None => {
                        if let Some(date) = here.date {
                            dates.insert(names[f].clone(), date);
                        }
                        known[f] = true;
                        left -= 1;
                    }
                }
            }
            for (parent, files) in parents.iter().zip(onward) {
                if files.is_empty() {
                    continue;
                }
                match carried.entry(parent.id) {
                    std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().extend(files),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(files);
                        seq += 1;
                        queue.push((parent.time, u64::MAX - seq, parent.id));
                    }
                }
            }
        }
        Ok(dates)
    }

    /// A commit's facts for [`Repo::last_changes`], read once.
    fn node<'n>(
        &self,
        id: ObjectId,
        dirs: &[String],
        nodes: &'n mut HashMap<ObjectId, Node>,
    ) -> Result<&'n Node, Error> {
        match nodes.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) => Ok(e.insert(self.read_node(id, dirs)?)),
        }
    }

    fn read_node(&self, id: ObjectId, dirs: &[String]) -> Result<Node, Error> {
        let lang = self.lang;
        let commit = self.repo.find_commit(id).map_err(err(lang))?;
        let time = commit.time().map_err(err(lang))?;
        // `%cs`: the date where the committer was.
        let date = chrono::DateTime::from_timestamp(time.seconds.saturating_add(i64::from(time.offset)), 0)
            .map(|d| d.date_naive());
        let tree = commit.tree_id().map_err(err(lang))?.detach();
        let folders: Result<Vec<Option<ObjectId>>, Error> =
            dirs.iter().map(|d| self.entry_at(tree, d).map(|e| e.filter(|e| e.1.is_tree()).map(|e| e.0))).collect();
        Ok(Node {
            id,
            time: time.seconds,
            date,
            parents: commit.parent_ids().map(|p| p.detach()).collect(),
            folders: folders?,
        })
    }

    /// Whether a file is in a commit's plan folders.
    fn present(&self, node: &Node, path: &str, dirs: &[String]) -> Result<bool, Error> {
        for (dir, folder) in dirs.iter().zip(&node.folders) {
            let (Some(folder), Some(rest)) =
                (folder, path.strip_prefix(dir.as_str()).and_then(|r| r.strip_prefix('/')))
            else {
                continue;
            };
            if self.entry_at(*folder, rest)?.is_some_and(|e| !e.1.is_tree()) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The entry at a `/`-separated path below a tree.
    fn entry_at(&self, tree: ObjectId, path: &str) -> Result<Option<(ObjectId, gix::objs::tree::EntryMode)>, Error> {
        let mut at = (tree, gix::objs::tree::EntryKind::Tree.into());
        for part in path.split('/').filter(|p| !p.is_empty()) {
            let at_mode: gix::objs::tree::EntryMode = at.1;
            if !at_mode.is_tree() {
                return Ok(None);
            }
            let tree = self.repo.find_tree(at.0).map_err(err(self.lang))?;
            let decoded = tree.decode().map_err(err(self.lang))?;
            match decoded.entries.iter().find(|e| e.filename == part.as_bytes()) {
                Some(e) => at = (e.oid.to_owned(), e.mode),
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }

    /// Adds to `out` the paths of the files in `wanted` below `path` that differ between two
    /// trees (either may be missing). Subtrees with the same id are not read, nor subtrees
    /// that hold none of the wanted files.
    fn changed_paths(
        &self,
        a: Option<ObjectId>,
        b: Option<ObjectId>,
        path: &str,
        wanted: &std::collections::BTreeSet<&str>,
        out: &mut Vec<String>,
    ) -> Result<(), Error> {
        if a == b {
            return Ok(());
        }
        let folder = format!("{path}/");
        if !wanted.range(folder.as_str()..).next().is_some_and(|w| w.starts_with(folder.as_str())) {
            return Ok(());
        }
        let entries = |id: Option<ObjectId>| -> Result<Vec<(String, ObjectId, gix::objs::tree::EntryMode)>, Error> {
            let Some(id) = id else { return Ok(Vec::new()) };
            let tree = self.repo.find_tree(id).map_err(err(self.lang))?;
            let decoded = tree.decode().map_err(err(self.lang))?;
            // Names that are not UTF-8 cannot be plan files found on disk.
            Ok(decoded
                .entries
                .iter()
                .filter_map(|e| Some((std::str::from_utf8(e.filename).ok()?.to_owned(), e.oid.to_owned(), e.mode)))
                .collect())
        };
        let (left, right) = (entries(a)?, entries(b)?);
        let find = |list: &[(String, ObjectId, gix::objs::tree::EntryMode)], name: &str, tree: bool| {
            list.iter().find(|e| e.0 == name && e.2.is_tree() == tree).map(|e| (e.1, e.2))
        };
        let mut names: Vec<(&str, bool)> = left.iter().chain(&right).map(|e| (e.0.as_str(), e.2.is_tree())).collect();
        names.sort_unstable();
        names.dedup();
        for (name, tree) in names {
            let (x, y) = (find(&left, name, tree), find(&right, name, tree));
            let full = format!("{folder}{name}");
            if tree {
                self.changed_paths(x.map(|e| e.0), y.map(|e| e.0), &full, wanted, out)?;
            } else if x != y && wanted.contains(full.as_str()) {
                out.push(full);
            }
        }
        Ok(())
    }

    /// Whether this is a shallow clone (history cut off at some depth).
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow().unwrap_or(false)
    }
}

/// A point in git history, as the changelog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// Seconds since the epoch.
    pub seconds: i64,
    /// The offset of the time zone it was recorded in, in seconds east of UTC.
    pub offset: i32,
}

/// A tag in the repository, peeled to its commit.
#[derive(Debug, Clone)]
pub struct TagRef {
    /// Its name without `refs/tags/` (not necessarily UTF-8 in git; lossily converted).
    pub name: String,
    /// The commit it names.
    pub commit: ObjectId,
    /// The tagger's time for an annotated tag, the commit's committer time otherwise.
    pub time: Moment,
    /// The first line of an annotated tag's message, else the commit's subject.
    pub subject: String,
    /// How far back from `HEAD` its commit is, in the walk of the history (0 is `HEAD`): along
    /// a line of history a commit is further back than the commits made on top of it.
    pub depth: usize,
}

/// A commit, as the changelog shows it.
#[derive(Debug, Clone)]
pub struct CommitRef {
    /// Its id.
    pub id: ObjectId,
    /// Its first parent, if it has one (and it is not past a shallow clone's boundary).
    pub parent: Option<ObjectId>,
    /// The committer's time.
    pub time: Moment,
    /// The first line of its message.
    pub subject: String,
}

/// The first line of a message, trimmed.
fn subject(message: &[u8]) -> String {
    let text = String::from_utf8_lossy(message);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    // A subject is a line; one of 200 000 characters would be a page of its own.
    match line.char_indices().nth(SUBJECT_CHARS) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_owned(),
    }
}

/// The longest subject the changelog shows, in characters.
const SUBJECT_CHARS: usize = 200;

/// The history the changelog reads: tags, first-parent changes of the plan folders, and the
/// plan files at a commit by blob id, so that only files that changed are read.
impl Repo {
    /// A commit's time, first parent and subject.
    pub fn commit_ref(&self, id: ObjectId) -> Result<CommitRef, Error> {
        let lang = self.lang;
        let commit = self.repo.find_commit(id).map_err(err(lang))?;
        let time = commit.time().map_err(err(lang))?;
        let boundary = self.repo.shallow_commits().ok().flatten().is_some_and(|c| c.contains(&id));
        let parent = if boundary { None } else { commit.parent_ids().next().map(|p| p.detach()) };
        Ok(CommitRef {
            id,
            parent,
            time: Moment { seconds: time.seconds, offset: time.offset },
            subject: subject(commit.message_raw_sloppy()),
        })
    }

    /// What the changelog's history depends on in the repository, as text: the commit of
    /// `HEAD`, every tag and what it points to, and whether the clone is shallow. Two
    /// readings with the same state give the same decisions.
    pub fn history_state(&self) -> Result<String, Error> {
        let lang = self.lang;
        let head = self.commit("HEAD").map(|id| id.to_string()).unwrap_or_default();
        let mut state = format!("{head} {} {}", self.is_shallow(), self.prefix);
        let platform = self.repo.references().map_err(err(lang))?;
        let mut tags: Vec<String> = platform
            .tags()
            .map_err(err(lang))?
            .flatten()
            .map(|r| format!("{}={}", String::from_utf8_lossy(r.name().as_bstr()), r.id()))
            .collect();
        tags.sort();
        for tag in tags {
            state.push('\n');
            state.push_str(&tag);
        }
        Ok(state)
    }

    /// Every tag whose target is a commit reachable from `HEAD`, peeled to that commit.
    /// Tags of anything else (a tree, a blob) and tags that cannot be read are left out.
    pub fn tags_in_history(&self) -> Result<Vec<TagRef>, Error> {
        let lang = self.lang;
        let Ok(head) = self.commit("HEAD") else { return Ok(Vec::new()) };
        let platform = self.repo.references().map_err(err(lang))?;
        let mut tags = Vec::new();
        for reference in platform.tags().map_err(err(lang))?.flatten() {
            let name = String::from_utf8_lossy(reference.name().shorten()).into_owned();
            let Ok(object) = reference.id().object() else { continue };
            let (time, message) = match object.kind {
                gix::object::Kind::Tag => {
                    let tag = object.clone().into_tag();
                    let time = tag.tagger().ok().flatten().and_then(|t| t.time().ok());
                    let message = tag.decode().map(|t| subject(t.message)).unwrap_or_default();
                    (time.map(|t| Moment { seconds: t.seconds, offset: t.offset }), message)
                }
                _ => (None, String::new()),
            };
            let Ok(commit) = object.peel_to_commit() else { continue };
            let Ok(at) = self.commit_ref(commit.id) else { continue };
            tags.push(TagRef {
                name,
                commit: commit.id,
                time: time.unwrap_or(at.time),
                subject: if message.is_empty() { at.subject } else { message },
                depth: 0,
            });
        }
        if tags.is_empty() {
            return Ok(tags);
        }
        // Newest first; a commit is reached only from one made on top of it.
        let mut reachable = std::collections::HashMap::new();
        let walk = self.repo.rev_walk([head]).sorting(gix::revision::walk::Sorting::ByCommitTime(Default::default()));
        for (depth, info) in walk.all().map_err(err(lang))?.enumerate() {
            reachable.entry(info.map_err(err(lang))?.id).or_insert(depth);
        }
        tags.retain_mut(|t| reachable.get(&t.commit).map(|&d| t.depth = d).is_some());
        Ok(tags)
    }

    /// The tree of each plan folder at a commit (`None` where the commit has no such
    /// folder): two commits with the same trees have the same plan files.
    pub fn plan_trees(&self, commit: ObjectId, config: &Config) -> Result<Vec<Option<ObjectId>>, Error> {
        let tree = self.repo.find_commit(commit).map_err(err(self.lang))?.tree_id().map_err(err(self.lang))?.detach();
        config
            .plan_dirs
            .iter()
            .map(|d| {
                let dir = format!("{}{}", self.prefix, slash(d));
                self.entry_at(tree, &dir).map(|e| e.filter(|e| e.1.is_tree()).map(|e| e.0))
            })
            .collect()
    }

    /// The commits on the first-parent line from `HEAD` that changed the plan folders, newest
    /// first: at most `limit`, and whether there are more. The walk stops at a shallow
    /// clone's boundary.
    pub fn plan_changes(&self, config: &Config, limit: usize) -> Result<(Vec<CommitRef>, bool), Error> {
        let mut out = Vec::new();
        let Ok(mut at) = self.commit("HEAD") else { return Ok((out, false)) };
        let mut trees = self.plan_trees(at, config)?;
        loop {
            let here = self.commit_ref(at)?;
            let before = match here.parent {
                Some(p) => Some(self.plan_trees(p, config)?),
                None => None,
            };
            let changed = match &before {
                Some(b) => *b != trees,
                None => trees.iter().any(Option::is_some),
            };
            if changed {
                if out.len() == limit {
                    return Ok((out, true));
                }
                out.push(here.clone());
            }
            match (here.parent, before) {
                (Some(p), Some(b)) => {
                    at = p;
                    trees = b;
                }
                _ => return Ok((out, false)),
            }
        }
    }

    /// The blob id of every plan file at a commit (none for `None`), by name relative to
    /// the plan root; only the plan folders are read.
    pub fn plan_blobs(
        &self,
        commit: Option<ObjectId>,
        config: &Config,
    ) -> Result<std::collections::BTreeMap<String, ObjectId>, Error> {
        let mut out = std::collections::BTreeMap::new();
        let Some(commit) = commit else { return Ok(out) };
        for (d, tree) in config.plan_dirs.iter().zip(self.plan_trees(commit, config)?) {
            let Some(tree) = tree else { continue };
            let dir = slash(d);
            let mut recorder = gix::traverse::tree::Recorder::default();
            self.repo
                .find_tree(tree)
                .map_err(err(self.lang))?
                .traverse()
                .breadthfirst(&mut recorder)
                .map_err(err(self.lang))?;
            for e in recorder.records.into_iter().filter(|e| e.mode.is_blob()) {
                let Ok(path) = String::from_utf8(e.filepath.to_vec()) else { continue };
                let yaml = crate::load::is_plan_file_name(Path::new(&path));
                let hidden = path.split('/').any(|part| part.starts_with('.'));
                if yaml && !hidden {
                    let name = if dir.is_empty() { path } else { format!("{dir}/{path}") };
                    out.insert(name, e.oid);
                }
            }
        }
        Ok(out)
    }

    /// Blobs as loader inputs, by name (one past the loader's size limit is not read).
    pub fn blob_inputs(&self, files: Vec<(String, ObjectId)>) -> Result<Vec<(String, Input)>, Error> {
        let mut out = Vec::with_capacity(files.len());
        for (name, id) in files {
            // The header says how large the blob is without inflating it: one too large is
            // never read, and the loader reports it as a file on disk that large.
            let size = self.repo.find_header(id).map_err(err(self.lang))?.size();
            if size > MAX_FILE_BYTES {
                out.push((name, Input::TooLarge(size)));
                continue;
            }
            let blob = self.repo.find_blob(id).map_err(err(self.lang))?;
            out.push((name, Input::Bytes(blob.detach().data)));
        }
        Ok(out)
    }
}

/// A commit as [`Repo::last_changes`] needs it.
#[derive(Clone)]
struct Node {
    id: ObjectId,
    /// Committer time, seconds since the epoch: the order of the walk.
    time: i64,
    /// Committer date in the committer's time zone.
    date: Option<NaiveDate>,
    parents: Vec<ObjectId>,
    /// The tree of each plan folder, if the commit has it.
    folders: Vec<Option<ObjectId>>,
}

/// A file's bytes, or `None` if it is larger than [`MAX_FILE_BYTES`] (read through
/// [`crate::files::read`], so a file that grows while it is read is never read whole).
fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use crate::files::read::{ReadError, file};
    match file(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(ReadError::TooLarge { .. }) => Ok(None),
        Err(ReadError::Io(e)) => Err(e),
        Err(other) => Err(std::io::Error::other(other.message(crate::lang::Lang::En))),
    }
}

fn slash(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_subject_is_the_first_line_and_at_most_200_characters() {
        assert_eq!(super::subject(b"\n  Beslut i styrgruppen \n\nMer text."), "Beslut i styrgruppen");
        let long = "å".repeat(300);
        let cut = super::subject(long.as_bytes());
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.starts_with(&"å".repeat(200)) && cut.ends_with('…'));
        assert_eq!(super::subject("å".repeat(200).as_bytes()), "å".repeat(200));
    }
}
