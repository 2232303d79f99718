//! What changed: the changelog page (`andringar`) listing the plan's decisions newest
//! first, and a page per decision (`andringar/<slug>`) with `plan diff`'s semantic diff
//! against the decision before it. The decisions come from git history
//! ([`crate::diff::history`]); without it the changelog says, in a sentence, why there is
//! none.

use super::{Page, SiteCx, home};
use crate::diff::history::{CAP, Decision, History, Source};
use crate::diff::{ActivityRef, ChangeKind, PlanDiff, StrategyKind, WordTag};
use crate::lang::Lang;
use crate::model::{Entity, Status};
use crate::render::context::Link;
use crate::render::paths::{self, PageKind};
use crate::t;
use serde::Serialize;
use serde_json::json;

/// How many rows each list of a decision's page shows at most (activities added, removed
/// and changed, changes to the strategy), so that a decision that adds a whole plan still
/// makes a small page.
pub const ROWS: usize = 200;

/// Site-relative path of the changelog page.
pub fn list_path(cx: &SiteCx<'_>) -> String {
    paths::special("andringar", cx.format())
}

/// The file name stem of each decision's page, in the history's order: its name made safe
/// ([`paths::file_stem`]), unique in the folder with case ignored.
pub fn slugs(history: &History) -> Vec<String> {
    let mut slugs: Vec<String> = history.decisions.iter().map(|d| paths::file_stem(&d.name)).collect();
    paths::unique_ignoring_case(&mut slugs);
    slugs
}

/// Site-relative path of a decision's page.
pub fn decision_path(cx: &SiteCx<'_>, slug: &str) -> String {
    format!("andringar/{slug}.{}", cx.format().extension())
}

/// The changelog page and a page per decision.
pub fn pages<'c>(cx: &'c SiteCx<'_>) -> Vec<super::Job<'c>> {
    let history = &*cx.options.history;
    let mut jobs: Vec<super::Job<'c>> = vec![Box::new(move || list_page(cx))];
    for (i, slug) in slugs(history).into_iter().enumerate() {
        jobs.push(Box::new(move || decision_page(cx, i, &slug)));
    }
    jobs
}

/// Counts of what a decision changed, as a short phrase: "3 aktiviteter tillagda, 2
/// ändrade; 1 ändring i strategin" (the feed's summary and the changelog's line).
pub fn summary(diff: &PlanDiff, lang: Lang) -> String {
    let (added, removed, changed) =
        (diff.activities_added.len(), diff.activities_removed.len(), diff.activities_changed.len());
    let mut parts: Vec<String> = Vec::new();
    let mut noun = true;
    for (n, sv_one, sv_many, en) in [
        (added, "tillagd", "tillagda", "added"),
        (changed, "ändrad", "ändrade", "changed"),
        (removed, "borttagen", "borttagna", "removed"),
    ] {
        if n == 0 {
            continue;
        }
        let what = match (lang, noun, n) {
            (Lang::Sv, true, 1) => format!("1 aktivitet {sv_one}"),
            (Lang::Sv, true, _) => format!("{n} aktiviteter {sv_many}"),
            (Lang::Sv, false, 1) => format!("1 {sv_one}"),
            (Lang::Sv, false, _) => format!("{n} {sv_many}"),
            (Lang::En, true, 1) => format!("1 activity {en}"),
            (Lang::En, true, _) => format!("{n} activities {en}"),
            (Lang::En, false, _) => format!("{n} {en}"),
        };
        parts.push(what);
        noun = false;
    }
    let mut out = parts.join(", ");
    let s = diff.strategy.len();
    if s > 0 {
        let strategy = match (lang, s) {
            (Lang::Sv, 1) => "1 ändring i strategin".to_owned(),
            (Lang::Sv, _) => format!("{s} ändringar i strategin"),
            (Lang::En, 1) => "1 change to the strategy".to_owned(),
            (Lang::En, _) => format!("{s} changes to the strategy"),
        };
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&strategy);
    }
    if out.is_empty() {
        out = t!(lang, "Inga ändringar i planens innehåll", "No changes to the plan's content");
    }
    out
}

/// A decision as the changelog and the feed show it.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The tag's name or the commit's short id.
    pub name: String,
    /// The first line of its message.
    pub subject: String,
    /// Its date, `YYYY-MM-DD`, where it was recorded.
    pub date: String,
    /// Its time, RFC 3339 with the offset it was recorded with.
    pub datetime: String,
    /// The full commit id.
    pub commit: String,
    /// Its page, relative to the page it is shown on.
    pub href: String,
    /// What it changed, counted ([`summary`]).
    pub summary: String,
}

/// A decision as shown on the page at `from`, its page named `slug`.
pub fn view(cx: &SiteCx<'_>, from: &str, decision: &Decision, slug: &str) -> DecisionView {
    DecisionView {
        name: decision.name.clone(),
        subject: decision.subject.clone(),
        date: decision.time.date_naive().to_string(),
        datetime: decision.time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        commit: decision.commit.clone(),
        href: crate::render::context::relative(from, &decision_path(cx, slug)),
        summary: summary(&decision.diff, cx.lang()),
    }
}

/// The sentence that says why there is no history, for a source without one.
fn unavailable(source: Source, lang: Lang) -> Option<String> {
    match source {
        Source::NotGit => Some(t!(
            lang,
            "Historiken över ändringar är inte tillgänglig: planen publiceras inte från ett git-repositorium.",
            "The history of changes is not available: the plan is not published from a git repository."
        )),
        Source::Shallow => Some(t!(
            lang,
            "Historiken över ändringar är inte tillgänglig: git-historiken är avkortad (en grund klon).",
            "The history of changes is not available: the git history is cut short (a shallow clone)."
        )),
        Source::Unreadable => Some(t!(
            lang,
            "Historiken över ändringar är inte tillgänglig: git-historiken kunde inte läsas.",
            "The history of changes is not available: the git history could not be read."
        )),
        Source::Tags | Source::Commits => None,
    }
}

/// Whether the site has the Atom feed of its decisions (`andringar.xml`): HTML output with
/// at least one decision (an Atom feed needs the time of its latest entry).
pub fn has_feed(cx: &SiteCx<'_>) -> bool {
    cx.format() == crate::render::SiteFormat::Html && !cx.options.history.decisions.is_empty()
}

fn list_page(cx: &SiteCx<'_>) -> Page {
    let path = list_path(cx);
    let lang = cx.lang();
    let history = &*cx.options.history;
    let views: Vec<DecisionView> =
        history.decisions.iter().zip(slugs(history)).map(|(d, slug)| view(cx, &path, d, &slug)).collect();
    let intro = match history.source {
        Source::Tags => Some(t!(
            lang,
            "Varje beslut är en tagg i planens git-historik, till exempel en version som en styrgrupp antagit. Nyast först; varje beslut visar vad som ändrades sedan beslutet före.",
            "Each decision is a tag in the plan's git history, such as a version adopted by a steering group. Newest first; each shows what changed since the decision before it."
        )),
        Source::Commits => Some(t!(
            lang,
            "Planen har inga taggade beslut, så här visas varje ändring av planfilerna i git-historiken. Nyast först; varje ändring visar vad som ändrades sedan den förra.",
            "The plan has no tagged decisions, so every change to the plan files in the git history is shown. Newest first; each shows what changed since the one before."
        )),
        _ => None,
    };
    let capped = history.more.then(|| match history.source {
        Source::Tags => t!(
            lang,
            "Bara de {CAP} senaste besluten visas; äldre finns i git-historiken.",
            "Only the latest {CAP} decisions are shown; older ones are in the git history."
        ),
        _ => t!(
            lang,
            "Bara de {CAP} senaste ändringarna visas; äldre finns i git-historiken.",
            "Only the latest {CAP} changes are shown; older ones are in the git history."
        ),
    });
    let empty = (history.source.available() && views.is_empty()).then(|| {
        t!(
            lang,
            "Git-historiken har inga ändringar av planfilerna än.",
            "The git history has no changes to the plan files yet."
        )
    });
    let feed_href = has_feed(cx).then(|| crate::render::context::relative(&path, crate::render::feed::PATH));
    let data = json!({
        "changes": {
            "source": match history.source {
                Source::Tags => "tags",
                Source::Commits => "commits",
                Source::NotGit => "not_git",
                Source::Shallow => "shallow",
                Source::Unreadable => "unreadable",
            },
            "unavailable": unavailable(history.source, lang),
            "intro": intro,
            "capped": capped,
            "empty": empty,
            "feed_href": feed_href,
        },
    });
    let title = cx.label("changes").to_owned();
    Page::new(cx, path.clone(), "changes", &title, vec![home(cx, &path)], data).with("decisions", &views)
}

/// An activity named in a diff: a link to its page when the site has one.
#[derive(Debug, Clone, Serialize)]
struct ActivityView {
    id: String,
    title: String,
    href: Option<String>,
    plan: Named,
}

/// Something named by id, linked when the site has a page for it.
#[derive(Debug, Clone, Serialize)]
struct Named {
    id: String,
    title: String,
    href: Option<String>,
}

fn named(cx: &SiteCx<'_>, from: &str, id: &str) -> Named {
    match cx.plan.index.get(id) {
        Some(
            e @ (Entity::ActivityPlan(..)
            | Entity::ActionPlan(..)
            | Entity::GoalArea(..)
            | Entity::Direction(..)
            | Entity::Activity(..)),
        ) => {
            let link: Link = cx.entity_link(from, e);
            Named { id: id.to_owned(), title: link.title, href: Some(link.href) }
        }
        _ => Named { id: id.to_owned(), title: id.to_owned(), href: None },
    }
}

fn activity(cx: &SiteCx<'_>, from: &str, a: &ActivityRef) -> ActivityView {
    let href = match cx.plan.index.get(&a.id) {
        Some(Entity::Activity(..)) => {
            Some(crate::render::context::relative(from, &cx.path_of(PageKind::Activity, &a.id)))
        }
        _ => None,
    };
    let title = if a.title.is_empty() { a.id.clone() } else { a.title.clone() };
    ActivityView { id: a.id.clone(), title, href, plan: named(cx, from, &a.plan) }
}

/// The interface word for a field of an activity, by its key in the plan file.
fn field_label(cx: &SiteCx<'_>, field: &str) -> String {
    let key = match field {
        "titel" => "title",
        "status" => "status",
        "ansvarig" => "owner",
        "medverkande" => "contributors",
        "start" => "start",
        "slut" => "end",
        "inriktningar" => "directions",
        "utvecklingsområden" => "focus_areas",
        _ => return field.to_owned(),
    };
    cx.label(key).to_owned()
}

/// A field's value as shown: a status in the interface language, an organisation by name.
fn field_value(cx: &SiteCx<'_>, field: &str, value: &str) -> String {
    match field {
        "status" => Status::parse(value).map_or_else(|| value.to_owned(), |s| cx.status(s).name.to_owned()),
        "ansvarig" if !value.is_empty() => cx.org_name(value),
        _ => value.to_owned(),
    }
}

fn decision_page(cx: &SiteCx<'_>, i: usize, slug: &str) -> Page {
    let path = decision_path(cx, slug);
    let lang = cx.lang();
    let history = &*cx.options.history;
    let slugs = slugs(history);
    let decision = &history.decisions[i];
    let diff = &decision.diff;
    let this = view(cx, &path, decision, slug);
    // Newest first: the one before is the next in the list.
    let neighbour = |j: usize| history.decisions.get(j).map(|d| view(cx, &path, d, &slugs[j]));
    let earlier = neighbour(i + 1);
    let later = i.checked_sub(1).and_then(neighbour);
    let none = t!(lang, "(inget)", "(none)");
    // A list longer than a page holds is cut, and says so.
    let more = |total: usize| {
        (total > ROWS).then(|| {
            t!(
                lang,
                "Bara de första {ROWS} av {total} visas; kommandot plan diff visar hela listan.",
                "Only the first {ROWS} of {total} are shown; the command plan diff shows the whole list."
            )
        })
    };
    let changed: Vec<serde_json::Value> = diff
        .activities_changed
        .iter()
        .take(ROWS)
        .map(|c| {
            let fields: Vec<serde_json::Value> = c
                .fields
                .iter()
                .map(|f| {
                    let show = |v: &str| if v.is_empty() { none.clone() } else { field_value(cx, f.field, v) };
                    json!({ "field": f.field, "label": field_label(cx, f.field), "before": show(&f.before), "after": show(&f.after) })
                })
                .collect();
            let follow_ups: Vec<serde_json::Value> = c
                .follow_ups_added
                .iter()
                .map(|u| {
                    json!({
                        "date": u.date,
                        "status": Status::parse(&u.status).map(|s| cx.status(s)),
                        "comment": u.comment,
                    })
                })
                .collect();
            json!({
                "activity": activity(cx, &path, &c.activity),
                "moved_from": c.moved_from.as_deref().map(|p| named(cx, &path, p)),
                "fields": fields,
                "follow_ups": follow_ups,
            })
        })
        .collect();
    let strategy: Vec<serde_json::Value> = diff
        .strategy
        .iter()
        .take(ROWS)
        .map(|s| {
            let kind = match s.kind {
                StrategyKind::GoalArea => cx.label("goal_area"),
                StrategyKind::Direction => cx.label("direction"),
            };
            // "ett målområde" is neuter, "en inriktning" common gender.
            let neuter = s.kind == StrategyKind::GoalArea;
            let change = match (s.change, neuter) {
                (ChangeKind::Added, false) => t!(lang, "tillagd", "added"),
                (ChangeKind::Added, true) => t!(lang, "tillagt", "added"),
                (ChangeKind::Removed, false) => t!(lang, "borttagen", "removed"),
                (ChangeKind::Removed, true) => t!(lang, "borttaget", "removed"),
                (ChangeKind::Reworded, false) => t!(lang, "omformulerad", "reworded"),
                (ChangeKind::Reworded, true) => t!(lang, "omformulerat", "reworded"),
            };
            let field = match s.field {
                "namn" => cx.label("changes_name").to_owned(),
                "kännetecken" => cx.label("hallmark").to_owned(),
                _ => cx.label("changes_text").to_owned(),
            };
            let words: Vec<serde_json::Value> = s
                .words
                .iter()
                .map(|w| {
                    let op = match w.op {
                        WordTag::Equal => "equal",
                        WordTag::Delete => "delete",
                        WordTag::Insert => "insert",
                    };
                    json!({ "op": op, "text": w.text })
                })
                .collect();
            let link = named(cx, &path, &s.id);
            json!({
                "change": match s.change { ChangeKind::Added => "added", ChangeKind::Removed => "removed", ChangeKind::Reworded => "reworded" },
                "change_label": change,
                "kind_label": kind,
                "id": s.id,
                "href": if s.change == ChangeKind::Removed { None } else { link.href },
                "field_label": field,
                "before": s.before,
                "after": s.after,
                "words": words,
            })
        })
        .collect();
    let base = (!diff.base.is_empty()).then(|| diff.base.clone());
    let data = json!({
        "decision": {
            "name": this.name,
            "subject": this.subject,
            "date": this.date,
            "datetime": this.datetime,
            "commit": this.commit,
            "summary": this.summary,
            "base": base,
            "tag": history.source == Source::Tags,
            "earlier": earlier,
            "later": later,
            "empty": diff.activities_added.is_empty() && diff.activities_removed.is_empty() && diff.activities_changed.is_empty() && diff.strategy.is_empty(),
            "added": diff.activities_added.iter().take(ROWS).map(|a| activity(cx, &path, a)).collect::<Vec<_>>(),
            "removed": diff.activities_removed.iter().take(ROWS).map(|a| activity(cx, &path, a)).collect::<Vec<_>>(),
            "changed": changed,
            "strategy": strategy,
            "added_total": diff.activities_added.len(),
            "removed_total": diff.activities_removed.len(),
            "changed_total": diff.activities_changed.len(),
            "strategy_total": diff.strategy.len(),
            "more": more(diff.activities_added.len()),
            "more_removed": more(diff.activities_removed.len()),
            "more_changed": more(diff.activities_changed.len()),
            "more_strategy": more(diff.strategy.len()),
        },
    });
    let kind = if history.source == Source::Tags { "changes_decision" } else { "changes_commit" };
    let title = format!("{} {}", cx.label(kind), decision.name);
    let crumbs = vec![home(cx, &path), cx.link_path(&path, &list_path(cx), cx.label("changes"))];
    Page::new(cx, path, "decision", &title, crumbs, data)
}
