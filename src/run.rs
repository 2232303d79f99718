//! The pipeline as calls a command makes: open the repository, check it, render it.
//!
//! The binary and the tests both go through these functions, so what the tests see is
//! exactly what users get, and the command line keeps no logic of its own: settings are
//! resolved here in one order everywhere (flag or environment, then `plan.toml`, then the
//! default), `--changed-since` filters findings here, and a command that needs a plan
//! without errors is refused here, with the findings, as [`Error::PlanHasErrors`].

use crate::check::{Checked, Context, Levels, Summary, apply_severities, run_rules};
use crate::config::{self, Config, parse_today};
use crate::error::Error;
use crate::lang::Lang;
use crate::load::{self, Input};
use crate::t;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
        let options = CheckOptions { today, lang, levels: config.levels.clone(), county: config.county.clone() };
        Ok(Repository { root, config, options })
    }

    /// The language of messages.
    pub fn lang(&self) -> Lang {
        self.options.lang
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
        let repo = self.git()?;
        let on_disk = load::find_files(&self.root, &self.config, self.lang())?;
        let changed = repo.changed_since(repo.commit(rev)?, &self.config, &on_disk)?;
        let sources = &checked.plan.sources;
        checked.diagnostics.retain(|d| changed.binary_search(&sources.get(d.span.file).name).is_ok());
        checked.summary = Summary::new(&checked.plan, &checked.diagnostics);
        Ok(())
    }

    /// The git repository the plan repository lies in.
    pub fn git(&self) -> Result<crate::git::Repo, Error> {
        crate::git::Repo::discover(&self.root).ok_or_else(|| {
            let r = self.root.display();
            Error::Git(t!(self.lang(), "{r} ligger inte i ett git-repositorium", "{r} is not inside a git repository"))
        })
    }

    /// When each plan file last changed, from git history; empty outside a git repository.
    pub fn last_changed(&self) -> HashMap<String, NaiveDate> {
        let Some(repo) = crate::git::Repo::discover(&self.root) else { return HashMap::new() };
        let names: Vec<String> = load::find_files(&self.root, &self.config, self.lang())
            .map(|f| f.into_iter().map(|(n, _)| n).collect())
            .unwrap_or_default();
        repo.last_changes(&names, &self.config).unwrap_or_default()
    }

    /// The repository's `templates/` folder, when it has one (overrides of the defaults,
    /// for the site and the report alike).
    pub fn templates_dir(&self) -> Option<PathBuf> {
        let templates = self.root.join("templates");
        templates.is_dir().then_some(templates)
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
    let loaded = load::load_inputs(files, options.lang);
    let mut diagnostics = loaded.diagnostics;
    let plan = loaded.plan;
    let cx = Context { plan: &plan, today: options.today, lang: options.lang, county: &options.county };
    diagnostics.extend(run_rules(&cx));
    apply_severities(&mut diagnostics, &options.levels);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    let summary = Summary::new(&plan, &diagnostics);
    Checked { plan, diagnostics, summary }
}

/// What `plan render` did: the check that preceded it (warnings only) and the files written.
#[derive(Debug)]
pub struct Rendered {
    /// The check that preceded the render.
    pub checked: Checked,
    /// Files written.
    pub files: usize,
}

/// Checks the repository and, when it has no errors, renders it into `out`; a plan with
/// errors is refused ([`Error::PlanHasErrors`]) and nothing is written.
pub fn render(
    repo: &Repository,
    render: &crate::render::RenderOptions,
    out: &Path,
    force: bool,
) -> Result<Rendered, Error> {
    let lang = repo.lang();
    let target = crate::render::write::Target { out, root: &repo.root, plan_dirs: &repo.config.plan_dirs, force };
    target.check(lang)?;
    let checked = repo.check_without_errors(&t!(lang, "publicerar inte", "not publishing"))?;
    let files = crate::render::write::write_site(out, lang, |sink| crate::render::build(&checked.plan, render, sink))?;
    Ok(Rendered { checked, files })
}
