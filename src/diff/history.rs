//! The plan's decisions in git history: what `plan render`'s changelog pages and feed show.
//!
//! A decision is a git tag whose plan files differ from the tag before it (a steering
//! group's adopted version, say), oldest tag compared with an empty plan. A repository
//! without such tags has its commits instead: each commit on the first-parent line from
//! `HEAD` that changed the plan folders, compared with its first parent. Either way the
//! latest [`CAP`] are kept, newest first, each with [`super::compare`]'s semantic diff.
//!
//! Only the plan files whose blobs differ between the two sides are read: a diff is made of
//! activities and texts in changed files (an activity in a file that did not change is the
//! same on both sides, and one that moved is in two files that changed), so reading the
//! history costs what the changes are, not what the plan is. The plans are loaded, not
//! checked: the pages show what changed, not the findings of the day.

use super::{PlanDiff, compare};
use crate::check::{Checked, Summary};
use crate::config::Config;
use crate::error::Error;
use crate::git::{Moment, Repo};
use crate::load::Input;
use crate::run::{CheckOptions, Repository};
use chrono::{DateTime, FixedOffset, Offset};
use gix::ObjectId;
use std::collections::{BTreeMap, HashMap};

/// How many decisions the changelog shows at most.
pub const CAP: usize = 50;

/// Where the decisions come from, or why there are none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// The repository is not in a git repository.
    #[default]
    NotGit,
    /// The git repository is a shallow clone: its history is cut off, so what changed when
    /// is not known.
    Shallow,
    /// The git history could not be read.
    Unreadable,
    /// From the tags that changed the plan files.
    Tags,
    /// From the commits that changed the plan files (there are no such tags).
    Commits,
}

impl Source {
    /// Whether history was read (the decisions may still be none).
    pub fn available(self) -> bool {
        matches!(self, Source::Tags | Source::Commits)
    }
}

/// The plan's decisions, newest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Where they come from.
    pub source: Source,
    /// The decisions, newest first, at most [`CAP`].
    pub decisions: Vec<Decision>,
    /// Whether older decisions were left out.
    pub more: bool,
}

/// One decision: a tag or a commit, and what it changed in the plan.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The tag's name, or the commit's id shortened to 12 digits.
    pub name: String,
    /// The commit's full id.
    pub commit: String,
    /// The first line of the tag's message (else its commit's), or of the commit's.
    pub subject: String,
    /// When: the tagger's time for an annotated tag, else the committer's, in the time zone
    /// it was recorded in.
    pub time: DateTime<FixedOffset>,
    /// What changed against the decision before (for the oldest tag: against no plan).
    pub diff: PlanDiff,
}

/// The decisions of the repository, or why there are none; with a note for the user when
/// the history could not be read.
pub fn read(repo: &Repository) -> (History, Option<String>) {
    let Some(git) = Repo::discover(&repo.root) else { return (History::default(), None) };
    let lang = repo.lang();
    let git = git.in_lang(lang);
    if git.is_shallow() {
        return (History { source: Source::Shallow, ..History::default() }, None);
    }
    // `plan serve` renders again after every edit; the history changes only with a commit
    // or a tag, so the last reading is kept for the same repository state.
    static LAST: std::sync::Mutex<Option<(String, History)>> = std::sync::Mutex::new(None);
    let state = git.history_state().map(|s| {
        let (root, dirs, words) = (&repo.root, &repo.config.plan_dirs, &repo.options.status_words);
        format!("{root:?} {dirs:?} {words:?} {lang}\n{s}")
    });
    if let Ok(state) = &state
        && let Some((known, history)) = &*LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
        && known == state
    {
        return (history.clone(), None);
    }
    match decisions(&git, &repo.config, &repo.options) {
        Ok(history) => {
            if let Ok(state) = state {
                *LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((state, history.clone()));
            }
            (history, None)
        }
        Err(e) => {
            let note = crate::t!(
                lang,
                "obs: git-historiken kunde inte läsas ({e}), så sidan om ändringar visar inga beslut",
                "note: the git history could not be read ({e}), so the page about changes shows no decisions"
            );
            (History { source: Source::Unreadable, ..History::default() }, Some(note))
        }
    }
}

/// A decision before its diff: name, commit, time, subject, and the commit it is compared with.
struct Point {
    name: String,
    commit: ObjectId,
    time: Moment,
    subject: String,
    base: Option<ObjectId>,
    base_name: String,
}

fn decisions(git: &Repo, config: &Config, options: &CheckOptions) -> Result<History, Error> {
    let (source, points, more) = match tag_points(git, config)? {
        Some((points, more)) => (Source::Tags, points, more),
        None => {
            let (commits, more) = git.plan_changes(config, CAP)?;
            let points = commits
                .into_iter()
                .rev()
                .map(|c| Point {
                    name: c.id.to_hex_with_len(12).to_string(),
                    commit: c.id,
                    time: c.time,
                    subject: c.subject,
                    base: c.parent,
                    base_name: c.parent.map(|p| p.to_hex_with_len(12).to_string()).unwrap_or_default(),
                })
                .collect();
            (Source::Commits, points, more)
        }
    };
    let mut blobs: HashMap<ObjectId, BTreeMap<String, ObjectId>> = HashMap::new();
    let mut out = Vec::with_capacity(points.len());
    for point in points {
        for id in [point.base, Some(point.commit)].into_iter().flatten() {
            if let std::collections::hash_map::Entry::Vacant(e) = blobs.entry(id) {
                e.insert(git.plan_blobs(Some(id), config)?);
            }
        }
        let empty = BTreeMap::new();
        let before = point.base.and_then(|b| blobs.get(&b)).unwrap_or(&empty);
        let after = blobs.get(&point.commit).unwrap_or(&empty);
        let changed = |one: &BTreeMap<String, ObjectId>, other: &BTreeMap<String, ObjectId>| {
            one.iter().filter(|(name, id)| other.get(*name) != Some(id)).map(|(n, id)| (n.clone(), *id)).collect()
        };
        let (old, new) = (load(git, changed(before, after), options)?, load(git, changed(after, before), options)?);
        let diff = compare(&point.base_name, &old, &point.name, &new);
        out.push(Decision {
            name: point.name,
            commit: point.commit.to_string(),
            subject: point.subject,
            time: time(&point.time),
            diff,
        });
        // Only the latest two sides are needed again.
        blobs.retain(|id, _| *id == point.commit);
    }
    out.reverse();
    Ok(History { source, decisions: out, more })
}

/// The tags that changed the plan files, oldest first, the latest [`CAP`], each with the
/// tag before it as base; and whether older ones were left out. `None` when there are none.
fn tag_points(git: &Repo, config: &Config) -> Result<Option<(Vec<Point>, bool)>, Error> {
    let mut tags = git.tags_in_history()?;
    // Oldest first by the history itself (a tag made later on an older commit is still the
    // older decision), then by the tag's time and name for tags on one commit.
    tags.sort_by(|a, b| {
        (std::cmp::Reverse(a.depth), a.time.seconds, &a.name).cmp(&(
            std::cmp::Reverse(b.depth),
            b.time.seconds,
            &b.name,
        ))
    });
    let mut points = Vec::new();
    let mut before: Option<(ObjectId, String, Vec<Option<ObjectId>>)> = None;
    for tag in tags {
        let trees = git.plan_trees(tag.commit, config)?;
        let touches = match &before {
            Some((_, _, b)) => *b != trees,
            None => trees.iter().any(Option::is_some),
        };
        if touches {
            let (base, base_name) = before.take().map_or((None, String::new()), |b| (Some(b.0), b.1));
            before = Some((tag.commit, tag.name.clone(), trees));
            points.push(Point {
                name: tag.name,
                commit: tag.commit,
                time: tag.time,
                subject: tag.subject,
                base,
                base_name,
            });
        }
    }
    if points.is_empty() {
        return Ok(None);
    }
    let more = points.len() > CAP;
    let points = points.split_off(points.len().saturating_sub(CAP));
    Ok(Some((points, more)))
}

/// The plan made of some files, loaded (not checked).
fn load(git: &Repo, files: Vec<(String, ObjectId)>, options: &CheckOptions) -> Result<Checked, Error> {
    let inputs: Vec<(String, Input)> = git.blob_inputs(files)?;
    let loaded = crate::load::load_inputs_with(inputs, options.lang, &options.status_words);
    let summary = Summary::new(&loaded.plan, &[]);
    Ok(Checked { plan: loaded.plan, diagnostics: Vec::new(), summary })
}

/// A git time as a date and time in its own time zone (UTC when the zone is out of range).
fn time(moment: &Moment) -> DateTime<FixedOffset> {
    let zone = FixedOffset::east_opt(moment.offset).unwrap_or_else(|| chrono::Utc.fix());
    DateTime::from_timestamp(moment.seconds, 0).unwrap_or_default().with_timezone(&zone)
}
