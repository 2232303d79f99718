//! Plan files in git history, read from the object database with gix (no `git` binary).
//!
//! Used by `plan diff` (the plan at two revisions), `plan check --changed-since` (which
//! files differ from a revision) and `plan render` (when each file last changed). The plan
//! repository may be a folder inside a larger git repository; paths are translated between
//! the two here, so the rest of the program only sees paths relative to the plan root.

use crate::config::Config;
use crate::error::Error;
use crate::lang::Lang;
use crate::load::Input;
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
        let mut out = Vec::new();
        for (name, id) in self.plan_blobs_at(commit, config)? {
            let blob = self.repo.find_blob(id).map_err(err(self.lang))?;
            out.push((name, Input::Bytes(blob.data.clone())));
        }
        Ok(out)
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
                let yaml = path
                    .rsplit('.')
                    .next()
                    .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"));
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
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let now = gix::objs::compute_hash(self.repo.object_hash(), gix::object::Kind::Blob, &bytes)
                .map_err(err(self.lang))?;
            if before.get(name) != Some(&now) {
                changed.push(name.clone());
            }
        }
        changed.sort();
        Ok(changed)
    }

    /// The date of the last commit that changed each of these plan files (names relative to
    /// the plan root), walking back from `HEAD`. Files never committed are left out.
    pub fn last_changes(&self, names: &[String], config: &Config) -> Result<HashMap<String, NaiveDate>, Error> {
        let mut dates = HashMap::new();
        let head = match self.commit("HEAD") {
            Ok(head) => head,
            Err(_) => return Ok(dates),
        };
        let wanted: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
        let walk = self.repo.find_commit(head).map_err(err(self.lang))?.ancestors().all().map_err(err(self.lang))?;
        for info in walk {
            if dates.len() == wanted.len() {
                break;
            }
            let info = info.map_err(err(self.lang))?;
            let commit = self.repo.find_commit(info.id).map_err(err(self.lang))?;
            let here: HashMap<String, ObjectId> = self.plan_blobs_at(info.id, config)?.into_iter().collect();
            let parent: HashMap<String, ObjectId> = match commit.parent_ids().next() {
                Some(p) => self.plan_blobs_at(p.detach(), config)?.into_iter().collect(),
                None => HashMap::new(),
            };
            let seconds = commit.time().map_err(err(self.lang))?.seconds;
            let Some(date) = chrono::DateTime::from_timestamp(seconds, 0).map(|d| d.date_naive()) else { continue };
            for (name, id) in &here {
                if wanted.contains(name.as_str()) && !dates.contains_key(name) && parent.get(name) != Some(id) {
                    dates.insert(name.clone(), date);
                }
            }
        }
        Ok(dates)
    }
}

fn slash(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}
