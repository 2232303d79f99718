//! The pipeline as calls a command makes: open the repository, check it, render it.
//!
//! The binary and the tests both go through these functions, so what the tests see is
//! exactly what users get, and the command line keeps no logic of its own: settings are
//! resolved here in one order everywhere (flag or environment, then `plan.toml`, then the
//! default), `--changed-since` filters findings here, and a command that needs a plan
//! without errors is refused here, with the findings, as [`Error::PlanHasErrors`].

use crate::check::{Checked, Context, Levels, Summary, apply_severities, run_rules};
use crate::config::{self, Config, parse_today};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lang::Lang;
use crate::load::{self, Input};
use crate::sources::Source;
use crate::t;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The check date.
    pub today: NaiveDate,
    /// Language of messages.
    pub lang: Lang,
    /// Per-rule levels (from `plan.toml`).
    pub levels: Levels,
    /// Which plan is the county plan's copy and which version it follows (`[county]`).
    pub county: crate::county::CountySettings,
    /// The words of the user's sheets for statuses (`[import.status]` in `plan.toml`): a
    /// status written with one of them in a plan file is pointed to the status it means.
    pub status_words: BTreeMap<String, String>,
}

impl CheckOptions {
    /// The options a repository's settings give, on the check date `today`.
    pub fn new(config: &Config, today: NaiveDate, lang: Lang) -> CheckOptions {
        CheckOptions {
            today,
            lang,
            levels: config.levels.clone(),
            county: config.county.clone(),
            status_words: config.import.status.clone(),
        }
    }
}

/// A plan repository opened for a command: where it is, its settings, and how to check it.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The root folder (the one with `plan.toml`, if there is one).
    pub root: PathBuf,
    /// Its settings.
    pub config: Config,
    /// The check date, language and rule levels, resolved.
    pub options: CheckOptions,
}

impl Repository {
    /// Opens the repository at `path`, or else the nearest folder above the current one
    /// with a `plan.toml`, or else the current folder; reads its settings and resolves the
    /// check date: `today` (a flag or `PLAN_TODAY`), else `today` in `plan.toml`, else today.
    pub fn open(path: Option<&Path>, today: Option<&str>, lang: Lang) -> Result<Repository, Error> {
        let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
        let root = config::find_root(path, &cwd);
        let config = Config::load(&root, lang)?;
        let today = match today {
            Some(text) => parse_today(text, lang)?,
            None => config.today.unwrap_or_else(|| chrono::Local::now().date_naive()),
        };
        let options = CheckOptions::new(&config, today, lang);
        Ok(Repository { root, config, options })
    }

    /// The language of messages.
    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    /// The locks a command holds while it reads plan files, changes them and writes them
    /// back (`import`, `new activity`, `county update`): another such command on the same
    /// repository waits for it, so neither undoes the other's change.
    pub fn lock_for_editing(&self) -> Result<Vec<crate::files::write::Lock>, Error> {
        // The root for `plan.toml`; each plan folder too, since a folder may be another
        // repository's plan folder as well (`plans = ["inner/plans"]`), with its own root.
        let mut dirs = vec![self.root.clone()];
        dirs.extend(self.config.plan_dirs.iter().map(|d| self.root.join(d)));
        crate::files::write::lock_all(&dirs, self.lang())
    }

    /// The folders, relative to the root, that hold plans: the plan folders and the
    /// repositories of `[[sources]]`. No output may lie in or contain one.
    pub fn plan_places(&self) -> Vec<PathBuf> {
        let sources = self.config.sources.iter().map(|s| PathBuf::from(&s.path));
        self.config.plan_dirs.iter().cloned().chain(sources).collect()
    }

    /// Refuses a file or folder for `export --out` or `report --out` that would replace
    /// part of the repository itself: a plan file or folder, `plan.toml`, or anything in
    /// `.git`.
    pub fn refuse_output(&self, out: &Path) -> Result<(), Error> {
        let at = crate::files::absolute(out);
        let o = out.display();
        let in_git = at.components().any(|c| c.as_os_str() == ".git");
        let settings = at == crate::files::absolute(&self.root.join(crate::config::FILE_NAME));
        let in_plans = self.plan_places().iter().any(|d| {
            let p = crate::files::absolute(&self.root.join(d));
            at.starts_with(&p) || p.starts_with(&at)
        });
        if in_git || settings || in_plans {
            return Err(Error::Output(t!(
                self.lang(),
                "`--out {o}` skulle skriva över en del av repositoriet (planfiler, plan.toml eller .git); välj en fil utanför planmapparna",
                "`--out {o}` would overwrite part of the repository (plan files, plan.toml or .git); choose a file outside the plan folders"
            )));
        }
        Ok(())
    }

    /// Loads and checks every plan file. A repository without plan files is an error: there
    /// is nothing to check, and it is most likely the wrong folder.
    pub fn check(&self) -> Result<Checked, Error> {
        let checked = check(&self.root, &self.config, &self.options)?;
        if checked.summary.files == 0 {
            let dirs = self.config.plan_dirs_shown();
            return Err(Error::Repository(crate::lang::ui::no_plan_files(self.lang(), &dirs)));
        }
        Ok(checked)
    }

    /// Checks the repository for a command that needs a plan without errors (names and
    /// målområden come from resolved references); with errors, the command is refused with
    /// [`Error::PlanHasErrors`], whose message begins with `doing` ("not publishing").
    pub fn check_without_errors(&self, doing: &str) -> Result<Checked, Error> {
        let checked = self.check()?;
        if checked.has_errors() {
            let message =
                t!(self.lang(), "{doing}: planen har fel (se ovan)", "{doing}: the plan has errors (see above)");
            return Err(Error::PlanHasErrors { checked: Box::new(checked), message });
        }
        Ok(checked)
    }

    /// Keeps only the findings in plan files that differ from the git revision `rev`
    /// (changed or added), for a pull request that should not be blamed for old findings.
    /// The whole repository was still loaded, since references cross files.
    pub fn keep_changed_since(&self, checked: &mut Checked, rev: &str) -> Result<(), Error> {
        let changed = self.changed_since(rev)?;
        let sources = &checked.plan.sources;
        checked.diagnostics.retain(|d| changed.binary_search(&sources.get(d.span.file).name).is_ok());
        checked.summary.count_findings(&checked.diagnostics);
        Ok(())
    }

    /// Like [`Repository::keep_changed_since`], for a county's findings together with its
    /// sources': only those in this repository's own changed files are kept (a source's
    /// files are another repository's, whose own CI reports them).
    pub fn keep_changed_since_combined(&self, combined: &mut crate::sources::Combined, rev: &str) -> Result<(), Error> {
        let changed = self.changed_since(rev)?;
        let files = &combined.sources;
        combined.diagnostics.retain(|d| changed.binary_search(&files.get(d.span.file).name).is_ok());
        combined.summary.count_findings(&combined.diagnostics);
        Ok(())
    }

    /// The plan files that differ from the git revision `rev`, sorted.
    fn changed_since(&self, rev: &str) -> Result<Vec<String>, Error> {
        let repo = self.git()?;
        let on_disk = load::find_files(&self.root, &self.config, self.lang())?;
        repo.changed_since(repo.commit(rev)?, &self.config, &on_disk)
    }

    /// The git repository the plan repository lies in.
    pub fn git(&self) -> Result<crate::git::Repo, Error> {
        crate::git::Repo::discover(&self.root).map(|r| r.in_lang(self.lang())).ok_or_else(|| {
            let r = self.root.display();
            Error::Git(t!(self.lang(), "{r} ligger inte i ett git-repositorium", "{r} is not inside a git repository"))
        })
    }

    /// When each plan file last changed, from git history; empty outside a git repository.
    /// With it, a note for the user when some dates are missing for a reason they can fix
    /// (a shallow clone) or the history could not be read: the site is still built.
    pub fn last_changed(&self) -> (HashMap<String, NaiveDate>, Option<String>) {
        let Some(repo) = crate::git::Repo::discover(&self.root) else { return (HashMap::new(), None) };
        let lang = self.lang();
        let repo = repo.in_lang(lang);
        let names: Vec<String> = load::find_files(&self.root, &self.config, lang)
            .map(|f| f.into_iter().map(|(n, _)| n).collect())
            .unwrap_or_default();
        match repo.last_changes(&names, &self.config) {
            Ok(dates) if repo.is_shallow() && dates.len() < names.len() => {
                let (n, all) = (names.len() - dates.len(), names.len());
                let note = t!(
                    lang,
                    "obs: git-historiken är avkortad (en grund klon), så {n} av {all} planfiler visas utan datum för senaste ändring; hämta hela historiken med `git fetch --unshallow` (i GitHub Actions: `fetch-depth: 0`)",
                    "note: the git history is cut short (a shallow clone), so {n} of {all} plan files are shown without a last-changed date; fetch the whole history with `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0`)"
                );
                (dates, Some(note))
            }
            Ok(dates) => (dates, None),
            Err(e) => {
                let note = t!(
                    lang,
                    "obs: git-historiken kunde inte läsas ({e}), så sidorna visas utan datum för senaste ändring",
                    "note: the git history could not be read ({e}), so the pages are shown without last-changed dates"
                );
                (HashMap::new(), Some(note))
            }
        }
    }

    /// Reads every `[[sources]]` repository, each with its own settings and the check date
    /// of this one. A folder that is missing, outside the repository, a symbolic link, or
    /// without plan files is an error naming its `plan.toml` line; a source whose own
    /// `plan.toml` is broken is kept with that error (reported as P013) and the rest read.
    ///
    /// `own` is this repository's check: a source whose copy of the county plan is a decided
    /// version other than `own`'s copy gets a P013 there.
    pub fn sources(&self, own: &Checked) -> Result<Vec<Source>, Error> {
        use rayon::prelude::*;
        if self.config.sources.is_empty() {
            return Ok(Vec::new());
        }
        let own_digest = self.config.county.copy(&own.plan).map(|c| crate::county::Strategy::of_plan(c).digest());
        self.config.sources.par_iter().map(|spec| self.source(spec, own_digest.as_deref())).collect()
    }

    fn source(&self, spec: &crate::config::SourceSpec, own_digest: Option<&str>) -> Result<Source, Error> {
        let lang = self.lang();
        let (line, path) = (spec.line, &spec.path);
        let settings = self.root.join(crate::config::FILE_NAME);
        let refuse = |message: String| Error::Config { path: settings.clone(), message };
        // No symbolic link anywhere on the way: a source could otherwise lead out of the
        // repository.
        match crate::files::read::passes_link(&self.root, Path::new(path)) {
            Ok(false) => {}
            Ok(true) => {
                return Err(refuse(t!(
                    lang,
                    "rad {line}: `[[sources]]` `{path}` går genom en symbolisk länk; ange mappen själv",
                    "line {line}: `[[sources]]` `{path}` goes through a symbolic link; give the folder itself"
                )));
            }
            Err(_) => {
                return Err(refuse(t!(
                    lang,
                    "rad {line}: `[[sources]]` `{path}` finns inte; checka ut kommunens repositorium där (till exempel som git-submodul)",
                    "line {line}: `[[sources]]` `{path}` does not exist; check out the municipality's repository there (as a git submodule, say)"
                )));
            }
        }
        let at = self.root.join(Path::new(path).components().collect::<PathBuf>());
        if !at.is_dir() {
            return Err(refuse(t!(
                lang,
                "rad {line}: `[[sources]]` `{path}` är ingen mapp",
                "line {line}: `[[sources]]` `{path}` is not a folder"
            )));
        }
        let fallback =
            || Path::new(path).file_name().map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
        let config = match Config::load(&at, lang) {
            Ok(config) => config,
            Err(e) => {
                let name = spec.name.clone().unwrap_or_else(fallback);
                return Ok(Source { spec: spec.clone(), name, checked: Err(e) });
            }
        };
        let files = load::find_files(&at, &config, lang).map_err(|e| {
            refuse(t!(lang, "rad {line}: `[[sources]]` `{path}`: {e}", "line {line}: `[[sources]]` `{path}`: {e}"))
        })?;
        if files.is_empty() {
            return Err(refuse(t!(
                lang,
                "rad {line}: `[[sources]]` `{path}` har inga planfiler (*.yaml) i sina planmappar",
                "line {line}: `[[sources]]` `{path}` has no plan files (*.yaml) in its plan folders"
            )));
        }
        let options = CheckOptions::new(&config, self.options.today, lang);
        let mut checked = check_files(files.into_iter().map(|(n, p)| (n, Input::Disk(p))).collect(), &options);
        if let Some(p013) = own_digest.and_then(|mine| self.other_version(mine, &checked, &config)) {
            checked.diagnostics.push(p013);
            checked.summary.count_findings(&checked.diagnostics);
        }
        let owner = checked.plan.own_plan_owner();
        let name = spec.name.clone().or(owner).unwrap_or_else(fallback);
        Ok(Source { spec: spec.clone(), name, checked: Ok(checked) })
    }

    /// P013 for a source whose copy of the county plan is a decided version other than
    /// this repository's copy, whose digest is `my_digest` (a copy with changed words is the
    /// source's own P012), with the severity this repository's levels give P013.
    fn other_version(&self, my_digest: &str, theirs: &Checked, config: &Config) -> Option<Diagnostic> {
        let lang = self.lang();
        let copy = config.county.copy(&theirs.plan)?;
        let their_digest = crate::county::Strategy::of_plan(copy).digest();
        let version = crate::county::with_digest(&their_digest)?;
        if their_digest == my_digest {
            return None;
        }
        let named = |decided: &str| t!(lang, "versionen beslutad {decided}", "the version decided {decided}");
        let (theirs_v, mine_v) = (
            named(version.decided),
            crate::county::with_digest(my_digest)
                .map_or_else(|| lang.pick("en annan text", "another text").to_owned(), |v| named(v.decided)),
        );
        let d = Diagnostic::new(
            crate::check::rules::source::META.code,
            copy.id.span,
            t!(
                lang,
                "kopian av länets handlingsplan är {theirs_v}, men länets repositorium har {mine_v}",
                "the copy of the county plan is {theirs_v}, but the county's repository has {mine_v}"
            ),
        )
        .with_help(t!(
            lang,
            "kör `plan county update` i kommunens repositorium, så att båda har länets text",
            "run `plan county update` in the municipality's repository, so that both have the county's text"
        ));
        // The county's levels decide its own rule, P013; the source's findings keep the
        // levels of the source's own plan.toml.
        let mut p013 = vec![d];
        crate::check::apply_severities(&mut p013, &self.config.levels);
        p013.pop()
    }

    /// Checks the repository and its sources, and puts their findings together for one
    /// report: the sources' under their own paths, and P013 for a source that could not be
    /// read (at this repository's `plan.toml` line that lists it) or whose copy of the
    /// county plan is not this repository's.
    pub fn check_all(&self) -> Result<crate::sources::Combined, Error> {
        let own = self.check()?;
        let sources = self.sources(&own)?;
        let lang = self.lang();
        let mut unreadable: Vec<Diagnostic> = sources
            .iter()
            .filter_map(|source| {
                let e = source.checked.as_ref().err()?;
                let (line, path) = (source.spec.line, &source.spec.path);
                let at = crate::source::Pos { line: u32::try_from(line).unwrap_or(1), column: 1 };
                let message = t!(
                    lang,
                    "källan `{path}` kunde inte läsas och hoppades över: {e}",
                    "the source `{path}` could not be read and was skipped: {e}"
                );
                let help = t!(
                    lang,
                    "rätta plan.toml i kommunens repositorium (`plan check {path}` visar samma fel)",
                    "fix plan.toml in the municipality's repository (`plan check {path}` shows the same error)"
                );
                let span = crate::source::Span { file: crate::source::FileId(u32::MAX), start: at, end: at };
                Some(Diagnostic::new(crate::check::rules::source::META.code, span, message).with_help(help))
            })
            .collect();
        crate::check::apply_severities(&mut unreadable, &self.config.levels);
        // plan.toml is quoted only when a finding points into it.
        let toml = (!unreadable.is_empty())
            .then(|| crate::files::read::text(&self.root.join(crate::config::FILE_NAME), crate::config::MAX_BYTES).ok())
            .flatten()
            .map(|text| (crate::config::FILE_NAME.to_owned(), Arc::from(text)));
        Ok(crate::sources::combine(own, &sources, toml, unreadable))
    }

    /// What a county's tables and report call this repository beside its sources:
    /// `[site] publisher`, else the name of its own plan's owner.
    pub fn own_name(&self, plan: &crate::model::Plan) -> String {
        self.config.site.publisher.clone().or_else(|| plan.own_plan_owner()).unwrap_or_default()
    }

    /// The repository's own `templates/` folder, when it has one; refused when it is a
    /// symbolic link, which could publish files from anywhere.
    pub fn templates_dir(&self) -> Result<Option<PathBuf>, Error> {
        let templates = self.root.join("templates");
        match std::fs::symlink_metadata(&templates) {
            Ok(m) if m.file_type().is_symlink() => {
                let message = crate::files::read::ReadError::Link.message(self.lang());
                Err(Error::Repository(format!("{}: {message}", templates.display())))
            }
            Ok(m) if m.is_dir() => Ok(Some(templates)),
            _ => Ok(None),
        }
    }
}

/// `plan explain [RULE]`: the rule's documentation, or a line for every rule.
pub fn explain(rule: Option<&str>, lang: Lang) -> Result<String, Error> {
    crate::check::explain(rule, lang).ok_or_else(|| {
        let key = rule.unwrap_or_default();
        Error::Usage(t!(
            lang,
            "okänd regel `{key}`; `plan explain` listar alla regler",
            "unknown rule `{key}`; `plan explain` lists every rule"
        ))
    })
}

/// Loads the repository at `root` with `config` and checks it.
pub fn check(root: &Path, config: &Config, options: &CheckOptions) -> Result<Checked, Error> {
    let files = load::find_files(root, config, options.lang)?;
    Ok(check_files(files.into_iter().map(|(name, path)| (name, Input::Disk(path))).collect(), options))
}

/// Checks a set of plan files from anywhere (the working tree, or a git revision).
pub fn check_files(files: Vec<(String, Input)>, options: &CheckOptions) -> Checked {
    let loaded = load::load_inputs_with(files, options.lang, &options.status_words);
    let mut diagnostics = loaded.diagnostics;
    let plan = loaded.plan;
    let cx = Context { plan: &plan, today: options.today, lang: options.lang, county: &options.county };
    diagnostics.extend(run_rules(&cx));
    apply_severities(&mut diagnostics, &options.levels);
    crate::check::cascade::fold(&mut diagnostics, &plan, &loaded.unread, options.lang);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    let summary = Summary::new(&plan, &diagnostics);
    Checked { plan, diagnostics, summary }
}
