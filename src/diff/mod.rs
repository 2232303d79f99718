//! `plan diff`: what a change does to the plan, not to the text.
//!
//! Both sides are loaded and checked as whole plans ([`crate::run::check_files`]), then
//! compared by id: activities added, removed or moved between plans; their status, owner,
//! dates and traces changed; follow-ups added; målområden and inriktningar added, removed or
//! reworded (with a word-level diff, since the county text must stay verbatim); and the
//! findings the change introduces and fixes. Findings are matched by rule, file and message
//! (which names the value), not by line, so moving text does not make old findings new.

pub mod history;
pub mod report;

use crate::check::Checked;
pub use crate::county::{WordOp, WordTag, compare_words as words};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lang::Lang;
use crate::model::{Activity, Plan};
use crate::run::{Repository, check_files};
use crate::t;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// An activity, named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The id of its aktivitetsplan.
    pub plan: String,
}

/// One field of an activity, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The key, as in the plan file (`status`, `ansvarig`, …).
    pub field: &'static str,
    /// The value before (empty when it was not set).
    pub before: String,
    /// The value after.
    pub after: String,
}

/// A follow-up that was added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpAdded {
    /// Its date.
    pub date: String,
    /// The status it reports.
    pub status: String,
    /// Its comment.
    pub comment: String,
}

/// How an activity changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityChange {
    /// The activity (as it is after the change).
    pub activity: ActivityRef,
    /// The aktivitetsplan it was in before, when it moved.
    pub moved_from: Option<String>,
    /// Fields that changed.
    pub fields: Vec<FieldChange>,
    /// Follow-ups that were added.
    pub follow_ups_added: Vec<FollowUpAdded>,
}

/// How a text of the strategy changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
    /// Its wording changed.
    Reworded,
}

/// Which part of the strategy a text belongs to. Changes are listed in this order (by the
/// word: `inriktning` before `målområde`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum StrategyKind {
    /// A strategisk inriktning (`inriktning` in JSON).
    #[serde(rename = "inriktning")]
    Direction,
    /// A målområde (`målområde` in JSON).
    #[serde(rename = "målområde")]
    GoalArea,
}

impl StrategyKind {
    /// The word in the plan files' language, as the diff shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            StrategyKind::GoalArea => "målområde",
            StrategyKind::Direction => "inriktning",
        }
    }
}

/// A text of the strategy (a målområde or an inriktning) that was added, removed or reworded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyChange {
    /// Added, removed or reworded.
    pub change: ChangeKind,
    /// A målområde or an inriktning.
    pub kind: StrategyKind,
    /// The id.
    pub id: String,
    /// The field whose text changed (`namn`, `kännetecken`, `text`).
    pub field: &'static str,
    /// The wording before (empty when added).
    pub before: String,
    /// The wording after (empty when removed).
    pub after: String,
    /// The word-level diff, for [`ChangeKind::Reworded`].
    pub words: Vec<WordOp>,
}

/// A finding, without its line (which moves with unrelated edits).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FindingRef {
    /// Rule code.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// File, relative to the plan root.
    pub file: String,
    /// Line on the side where it exists.
    pub line: u32,
    /// The message.
    pub message: String,
}

/// Everything `plan diff` reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlanDiff {
    /// The base revision, as named.
    pub base: String,
    /// The head revision, as named (`working tree` when not given).
    pub head: String,
    /// Activities that exist only after.
    pub activities_added: Vec<ActivityRef>,
    /// Activities that exist only before.
    pub activities_removed: Vec<ActivityRef>,
    /// Activities that changed (including moved).
    pub activities_changed: Vec<ActivityChange>,
    /// Målområden and inriktningar added, removed or reworded.
    pub strategy: Vec<StrategyChange>,
    /// Findings present after but not before.
    pub findings_introduced: Vec<FindingRef>,
    /// Findings present before but not after.
    pub findings_fixed: Vec<FindingRef>,
}

impl PlanDiff {
    /// Whether nothing changed in the plan.
    pub fn is_empty(&self) -> bool {
        self.activities_added.is_empty()
            && self.activities_removed.is_empty()
            && self.activities_changed.is_empty()
            && self.strategy.is_empty()
            && self.findings_introduced.is_empty()
            && self.findings_fixed.is_empty()
    }

    /// Whether the change introduces errors.
    pub fn introduces_errors(&self) -> bool {
        self.findings_introduced.iter().any(|f| f.severity == Severity::Error)
    }
}

fn activities(plan: &Plan) -> BTreeMap<&str, (usize, usize)> {
    let mut out = BTreeMap::new();
    for (p, ap) in plan.activity_plans.iter().enumerate() {
        for (a, act) in ap.activities.iter().enumerate() {
            out.entry(act.id.value.as_str()).or_insert((p, a));
        }
    }
    out
}

fn activity_ref(plan: &Plan, (p, a): (usize, usize)) -> ActivityRef {
    let act = &plan.activity_plans[p].activities[a];
    ActivityRef {
        id: act.id.value.0.clone(),
        title: act.title.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
        plan: plan.activity_plans[p].id.value.0.clone(),
    }
}

fn list<T: AsRef<str>>(items: &[crate::source::Spanned<T>]) -> String {
    items.iter().map(|i| i.value.as_ref()).collect::<Vec<_>>().join(", ")
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn fields(before: &Activity, after: &Activity) -> Vec<FieldChange> {
    let pairs: [(&'static str, String, String); 8] = [
        ("titel", opt(before.title.as_ref().map(|t| &t.value)), opt(after.title.as_ref().map(|t| &t.value))),
        ("status", opt(before.status.map(|s| s.value.as_str())), opt(after.status.map(|s| s.value.as_str()))),
        ("ansvarig", opt(before.owner.as_ref().map(|o| &o.value)), opt(after.owner.as_ref().map(|o| &o.value))),
        ("medverkande", list(&before.contributors), list(&after.contributors)),
        ("start", opt(before.start.map(|d| d.value)), opt(after.start.map(|d| d.value))),
        ("slut", opt(before.end.map(|d| d.value)), opt(after.end.map(|d| d.value))),
        ("inriktningar", list(&before.directions), list(&after.directions)),
        ("utvecklingsområden", list(&before.focus_areas), list(&after.focus_areas)),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, before, after)| FieldChange { field, before, after })
        .collect()
}

fn follow_ups_added(before: &Activity, after: &Activity) -> Vec<FollowUpAdded> {
    let key = |f: &crate::model::FollowUp| {
        (f.date.map(|d| d.value), f.status.map(|s| s.value), f.comment.as_ref().map(|c| c.value.clone()))
    };
    let old: Vec<_> = before.follow_ups.iter().map(key).collect();
    after
        .follow_ups
        .iter()
        .filter(|f| !old.contains(&key(f)))
        .map(|f| FollowUpAdded {
            date: opt(f.date.map(|d| d.value)),
            status: opt(f.status.map(|s| s.value.as_str())),
            comment: opt(f.comment.as_ref().map(|c| &c.value)),
        })
        .collect()
}

/// The texts of the strategy, by `(kind, id, field)`.
fn strategy_texts(plan: &Plan) -> BTreeMap<(StrategyKind, String, &'static str), String> {
    let mut out = BTreeMap::new();
    for ap in &plan.action_plans {
        for area in &ap.goal_areas {
            let id = area.id.value.0.clone();
            let kind = StrategyKind::GoalArea;
            out.insert((kind, id.clone(), "namn"), opt(area.name.as_ref().map(|n| &n.value)));
            out.insert((kind, id, "kännetecken"), opt(area.hallmark.as_ref().map(|n| &n.value)));
            for dir in &area.directions {
                let key = (StrategyKind::Direction, dir.id.value.0.clone(), "text");
                out.insert(key, opt(dir.text.as_ref().map(|t| &t.value)));
            }
        }
    }
    out
}

fn strategy(before: &Plan, after: &Plan) -> Vec<StrategyChange> {
    let old = strategy_texts(before);
    let new = strategy_texts(after);
    let mut out = Vec::new();
    let ids = |m: &BTreeMap<(StrategyKind, String, &'static str), String>| {
        m.keys().map(|(k, id, _)| (*k, id.clone())).collect::<std::collections::BTreeSet<_>>()
    };
    let (old_ids, new_ids) = (ids(&old), ids(&new));
    // An added or removed målområde or inriktning is shown by its name or wording.
    let whole = |change: ChangeKind, (kind, id): &(StrategyKind, String), texts: &BTreeMap<_, String>| {
        let field = if *kind == StrategyKind::Direction { "text" } else { "namn" };
        let text = texts.get(&(*kind, id.clone(), field)).cloned().unwrap_or_default();
        let (before, after) = if change == ChangeKind::Added { (String::new(), text) } else { (text, String::new()) };
        StrategyChange { change, kind: *kind, id: id.clone(), field, before, after, words: Vec::new() }
    };
    out.extend(new_ids.difference(&old_ids).map(|k| whole(ChangeKind::Added, k, &new)));
    out.extend(old_ids.difference(&new_ids).map(|k| whole(ChangeKind::Removed, k, &old)));
    for ((kind, id, field), before) in &old {
        if let Some(after) = new.get(&(*kind, id.clone(), *field))
            && after != before
        {
            out.push(StrategyChange {
                change: ChangeKind::Reworded,
                kind: *kind,
                id: id.clone(),
                field,
                before: before.clone(),
                after: after.clone(),
                words: words(before, after),
            });
        }
    }
    out.sort_by(|a, b| (a.kind, &a.id, a.field).cmp(&(b.kind, &b.id, b.field)));
    out
}

fn findings(checked: &Checked) -> Vec<FindingRef> {
    checked
        .diagnostics
        .iter()
        .map(|d| FindingRef {
            code: d.code.as_str(),
            severity: d.severity,
            file: checked.plan.sources.get(d.span.file).name.clone(),
            line: d.span.start.line,
            message: d.message.clone(),
        })
        .collect()
}

/// The findings of `a` that `b` does not have, counting repeats (a multiset difference),
/// matched without their line.
fn minus(a: &[FindingRef], b: &[FindingRef]) -> Vec<FindingRef> {
    let mut counts: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for f in b {
        *counts.entry((f.code, f.file.as_str(), f.message.as_str())).or_default() += 1;
    }
    a.iter()
        .filter(|f| {
            let n = counts.entry((f.code, f.file.as_str(), f.message.as_str())).or_default();
            if *n > 0 {
                *n -= 1;
                false
            } else {
                true
            }
        })
        .cloned()
        .collect()
}

/// `plan diff`'s revisions and folder given as flags (`--base`, `--head`, `--path`).
#[derive(Debug, Clone, Default)]
pub struct Named {
    /// `--base REV`.
    pub base: Option<String>,
    /// `--head REV`.
    pub head: Option<String>,
    /// `--path DIR`, the older spelling of the positional folder.
    pub path: Option<PathBuf>,
}

/// What a `plan diff` command line asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// The revision before the change; `None` for the merge base with the default branch.
    pub base: Option<String>,
    /// The revision after the change; `None` for the working tree.
    pub head: Option<String>,
    /// The repository folder; `None` for the nearest one.
    pub path: Option<PathBuf>,
}

impl Wanted {
    /// Sorts the words of `plan diff [BASE] [HEAD] [PATH]`: the repository is the last word
    /// when that names a folder (as every other command takes PATH), and the words before
    /// it are the revisions, in order. A last word that is both a folder and a revision of
    /// the git repository is ambiguous and refused; `--base`, `--head` and `--path` say
    /// which is meant, and with `--path` every word is a revision (the older spelling).
    pub fn from_words(words: &[String], named: Named, lang: Lang) -> Result<Wanted, Error> {
        let mut revisions: Vec<String> = words.to_vec();
        let mut path = named.path;
        if path.is_none()
            && let Some(last) = revisions.last()
            && Path::new(last).is_dir()
        {
            let is_revision = crate::git::Repo::discover(Path::new("."))
                .or_else(|| crate::git::Repo::discover(Path::new(last)))
                .is_some_and(|repo| repo.commit(last).is_ok());
            if is_revision {
                return Err(Error::Usage(t!(
                    lang,
                    "`{last}` är både en mapp och en git-revision; skriv `--base {last}` för revisionen eller `./{last}` för mappen",
                    "`{last}` is both a folder and a git revision; write `--base {last}` for the revision or `./{last}` for the folder"
                )));
            }
            path = revisions.pop().map(PathBuf::from);
        }
        let mut revisions = revisions.into_iter();
        let (base, head) = (revisions.next(), revisions.next());
        if let Some(extra) = revisions.next() {
            return Err(Error::Usage(t!(
                lang,
                "`{extra}` är ingen mapp; `plan diff` tar högst två revisioner och en mapp",
                "`{extra}` is not a folder; `plan diff` takes at most two revisions and a folder"
            )));
        }
        let one = |flag: Option<String>, word: Option<String>, name: &str| match (flag, word) {
            (Some(f), Some(w)) => Err(Error::Usage(t!(
                lang,
                "revisionen anges två gånger: `{w}` och `--{name} {f}`",
                "the revision is given twice: `{w}` and `--{name} {f}`"
            ))),
            (f, w) => Ok(f.or(w)),
        };
        Ok(Wanted { base: one(named.base, base, "base")?, head: one(named.head, head, "head")?, path })
    }
}

/// `plan diff` on an opened repository: the plan at `base` (default: the merge base of
/// `HEAD` with the default branch) against the plan at `head` (default: the working tree).
pub fn run(repo: &Repository, base: Option<&str>, head: Option<&str>) -> Result<PlanDiff, Error> {
    let git = repo.git()?;
    let (config, options) = (&repo.config, &repo.options);
    let base_id = match base {
        Some(spec) => git.commit(spec)?,
        None => git.default_base()?,
    };
    let base_name = base.map_or_else(|| base_id.to_hex_with_len(8).to_string(), str::to_owned);
    let base_checked = check_files(git.plan_files_at(base_id, config)?, options);
    let (head_name, head_checked) = match head {
        Some(spec) => (spec.to_owned(), check_files(git.plan_files_at(git.commit(spec)?, config)?, options)),
        None => (t!(repo.lang(), "arbetskopian", "working tree"), crate::run::check(&repo.root, config, options)?),
    };
    Ok(compare(&base_name, &base_checked, &head_name, &head_checked))
}

/// Compares the plan at two revisions.
pub fn compare(base_name: &str, base: &Checked, head_name: &str, head: &Checked) -> PlanDiff {
    let (old, new) = (activities(&base.plan), activities(&head.plan));
    let mut diff = PlanDiff { base: base_name.to_owned(), head: head_name.to_owned(), ..PlanDiff::default() };
    for (id, &at) in &new {
        match old.get(id) {
            None => diff.activities_added.push(activity_ref(&head.plan, at)),
            Some(&before_at) => {
                let before = &base.plan.activity_plans[before_at.0].activities[before_at.1];
                let after = &head.plan.activity_plans[at.0].activities[at.1];
                let before_plan = &base.plan.activity_plans[before_at.0].id.value.0;
                let after_plan = &head.plan.activity_plans[at.0].id.value.0;
                let change = ActivityChange {
                    activity: activity_ref(&head.plan, at),
                    moved_from: (before_plan != after_plan).then(|| before_plan.clone()),
                    fields: fields(before, after),
                    follow_ups_added: follow_ups_added(before, after),
                };
                if change.moved_from.is_some() || !change.fields.is_empty() || !change.follow_ups_added.is_empty() {
                    diff.activities_changed.push(change);
                }
            }
        }
    }
    for (id, &at) in &old {
        if !new.contains_key(id) {
            diff.activities_removed.push(activity_ref(&base.plan, at));
        }
    }
    diff.strategy = strategy(&base.plan, &head.plan);
    let (before, after) = (findings(base), findings(head));
    diff.findings_introduced = minus(&after, &before);
    diff.findings_fixed = minus(&before, &after);
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(plan_text: &str) -> Checked {
        let options = crate::run::CheckOptions {
            today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"),
            lang: crate::lang::Lang::En,
            levels: Default::default(),
            county: Default::default(),
            status_words: Default::default(),
        };
        crate::run::check_files(
            vec![("plans/lan.yaml".to_owned(), crate::load::Input::Bytes(plan_text.into()))],
            &options,
        )
    }

    #[test]
    fn added_and_removed_strategy_texts_show_their_wording() {
        let head = "typ: handlingsplan\nid: lan\nnamn: L\nperiod: { från: 2024, till: 2030 }\nmålområden:\n  - id: MO1\n    namn: M\n    inriktningar:\n";
        let before = checked(&format!("{head}      - {{ id: MO1.1, text: Gammal }}\n"));
        let after = checked(&format!("{head}      - {{ id: MO1.2, text: Ny }}\n"));
        let diff = compare("a", &before, "b", &after);
        let shown: Vec<(ChangeKind, &str, &str, &str)> =
            diff.strategy.iter().map(|s| (s.change, s.id.as_str(), s.before.as_str(), s.after.as_str())).collect();
        assert_eq!(shown, [(ChangeKind::Removed, "MO1.1", "Gammal", ""), (ChangeKind::Added, "MO1.2", "", "Ny")]);
    }

    #[test]
    fn word_diff_shows_exactly_what_was_reworded() {
        let ops = words("Förstärka den lokala samverkan.", "Förstärka den regionala samverkan.");
        let shown: Vec<(WordTag, &str)> = ops.iter().map(|o| (o.op, o.text.as_str())).collect();
        use WordTag::*;
        assert_eq!(
            shown,
            [(Equal, "Förstärka den "), (Delete, "lokala"), (Insert, "regionala"), (Equal, " samverkan.")]
        );
    }
}
