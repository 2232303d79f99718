//! The county plan as decided, and whether a repository's copy still says it word for word.
//!
//! Every municipality's repository carries a copy of *Handlingsplan för god och nära vård och
//! omsorg i Stockholms län*, because its own plan follows it and its site shows it. The
//! county's words must stay exactly as the county decided them, so the tool carries the
//! decided text itself (this repository's `plans/lan/handlingsplan.yaml`, embedded at build
//! time) and compares a copy's strategy with it: the overall goal, each målområde's name and
//! kännetecken, and each strategisk inriktning's wording. Rule P012 reports what differs;
//! `plan county update` writes the decided text back.
//!
//! A repository can pin the version it follows by the digest of those texts
//! (`[county] digest` in `plan.toml`, written by `plan init`), so that a newer tool carrying
//! a revised county plan (the mid-term revision of 2027) does not flag a repository that has
//! not moved to it yet.

use crate::model::ActionPlan;
use crate::source::FileId;
use crate::yaml::{Node, NodeKind};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// A decided version of the county plan, as this tool carries it.
#[derive(Debug)]
pub struct Version {
    /// When it was decided (`2023-12-20`).
    pub decided: &'static str,
    /// The plan file, exactly as in this project's `plans/`.
    pub file: &'static str,
    /// Its strategy texts, read once.
    texts: OnceLock<Strategy>,
    /// Their digest, computed once.
    digest: OnceLock<String>,
}

/// Every decided version this tool carries, oldest first.
pub static VERSIONS: [Version; 1] = [Version {
    decided: "2023-12-20",
    file: include_str!("../plans/lan/handlingsplan.yaml"),
    texts: OnceLock::new(),
    digest: OnceLock::new(),
}];

/// The newest decided version.
pub fn newest() -> &'static Version {
    &VERSIONS[VERSIONS.len() - 1]
}

/// The version whose texts have this digest, if the tool carries it.
pub fn with_digest(digest: &str) -> Option<&'static Version> {
    VERSIONS.iter().find(|v| v.digest() == digest.trim())
}

impl Version {
    /// The strategy texts of this version.
    pub fn texts(&self) -> &Strategy {
        self.texts.get_or_init(|| Strategy::of_yaml(self.file))
    }

    /// The digest of its strategy texts (`sha256:…`), as pinned in `plan.toml`.
    pub fn digest(&self) -> String {
        self.digest.get_or_init(|| self.texts().digest()).clone()
    }

    /// The id of the county plan in this version (`lan`).
    pub fn plan_id(&self) -> &str {
        &self.texts().id
    }

    /// The plan's decided name.
    pub fn name(&self) -> Option<String> {
        self.texts().name.clone()
    }
}

/// The texts of a plan's strategy: what P012 compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strategy {
    /// The plan's id.
    pub id: String,
    /// The plan's name (not part of the digest: the strategy is what is decided).
    pub name: Option<String>,
    /// The overall goal (`mål`).
    pub goal: Option<String>,
    /// The målområden, in order.
    pub areas: Vec<AreaTexts>,
}

/// One målområde's texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaTexts {
    /// Its id (`MO1`).
    pub id: String,
    /// `namn`.
    pub name: Option<String>,
    /// `kännetecken`.
    pub hallmark: Option<String>,
    /// Its strategiska inriktningar: id and wording.
    pub directions: Vec<(String, Option<String>)>,
}

impl Strategy {
    /// The texts of a plan in the model.
    pub fn of_plan(plan: &ActionPlan) -> Strategy {
        let text = |t: &Option<crate::source::Spanned<String>>| t.as_ref().map(|t| words(&t.value));
        Strategy {
            id: plan.id.value.0.clone(),
            name: text(&plan.name),
            goal: text(&plan.goal),
            areas: plan
                .goal_areas
                .iter()
                .map(|a| AreaTexts {
                    id: a.id.value.0.clone(),
                    name: text(&a.name),
                    hallmark: text(&a.hallmark),
                    directions: a.directions.iter().map(|d| (d.id.value.0.clone(), text(&d.text))).collect(),
                })
                .collect(),
        }
    }

    /// The texts of a plan file, read with the YAML front end alone (the tool's own bundled
    /// file, so a missing key only leaves a text out).
    fn of_yaml(file: &str) -> Strategy {
        let parsed = crate::yaml::parse(file, FileId(0), crate::lang::Lang::Sv);
        let Some(root) = parsed.root else { return Strategy::default() };
        let get = |node: &Node<'_>, key: &str| -> Option<String> { value(node, key)?.as_scalar().map(words) };
        let areas = items(&root, "målområden")
            .iter()
            .map(|area| AreaTexts {
                id: get(area, "id").unwrap_or_default(),
                name: get(area, "namn"),
                hallmark: get(area, "kännetecken"),
                directions: items(area, "inriktningar")
                    .iter()
                    .map(|d| (get(d, "id").unwrap_or_default(), get(d, "text")))
                    .collect(),
            })
            .collect();
        Strategy { id: get(&root, "id").unwrap_or_default(), name: get(&root, "namn"), goal: get(&root, "mål"), areas }
    }

    /// A digest of the texts and the ids they belong to: `sha256:` and 64 hex digits.
    pub fn digest(&self) -> String {
        let mut hash = Sha256::new();
        let mut put = |parts: &[&str]| {
            for part in parts {
                hash.update(part.as_bytes());
                hash.update([0u8]);
            }
            hash.update([b'\n']);
        };
        put(&["mål", self.goal.as_deref().unwrap_or_default()]);
        for area in &self.areas {
            put(&[&area.id, "namn", area.name.as_deref().unwrap_or_default()]);
            put(&[&area.id, "kännetecken", area.hallmark.as_deref().unwrap_or_default()]);
            for (id, text) in &area.directions {
                put(&[id, "text", text.as_deref().unwrap_or_default()]);
            }
        }
        let bytes = hash.finalize();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }
}

/// A text as its words: every run of whitespace (a line break in a folded scalar, say) is one
/// space, and none at the ends, so that only a changed word counts.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn value<'n, 'a>(node: &'n Node<'a>, key: &str) -> Option<&'n Node<'a>> {
    match &node.kind {
        NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

fn items<'n, 'a>(node: &'n Node<'a>, key: &str) -> &'n [Node<'a>] {
    match value(node, key).map(|v| &v.kind) {
        Some(NodeKind::Seq(items)) => items,
        _ => &[],
    }
}

/// `[county]` in `plan.toml`: which plan in the repository is the county plan, and which
/// decided version it must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountySettings {
    /// The id of the county plan's copy in this repository [default: the bundled plan's id, `lan`].
    pub plan: Option<String>,
    /// The digest of the decided version the copy follows (`sha256:…`) [default: the newest
    /// version this tool carries].
    pub digest: Option<String>,
    /// Whether `plan.toml` has a `[county]` section: the repository says it follows the county
    /// plan, so its copy is checked whatever it is called.
    #[serde(skip)]
    pub configured: bool,
}

impl CountySettings {
    /// The id of the county plan's copy.
    pub fn plan_id(&self) -> &str {
        self.plan.as_deref().unwrap_or_else(|| newest().plan_id())
    }

    /// The county plan's copy in a repository: the handlingsplan with [`Self::plan_id`] that
    /// follows no other plan.
    pub fn copy<'p>(&self, plan: &'p crate::model::Plan) -> Option<&'p ActionPlan> {
        let copy = &plan.action_plans[plan.action_plan(self.plan_id())?];
        copy.follows.is_none().then_some(copy)
    }
}

/// What a piece of a word-level diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordTag {
    /// The same on both sides.
    Equal,
    /// Only before.
    Delete,
    /// Only after.
    Insert,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WordOp {
    /// Kept, deleted or inserted (`equal`, `delete`, `insert` in JSON).
    pub op: WordTag,
    /// The words.
    pub text: String,
}

/// A word-level diff of two wordings (a decided text and a copy, or two revisions), with
/// neighbouring words of the same kind joined.
pub fn compare_words(before: &str, after: &str) -> Vec<WordOp> {
    use similar::ChangeTag;
    let diff = similar::TextDiff::from_words(before, after);
    let mut out: Vec<WordOp> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => WordTag::Equal,
            ChangeTag::Delete => WordTag::Delete,
            ChangeTag::Insert => WordTag::Insert,
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(WordOp { op, text: change.value().to_owned() }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_plan_has_the_goal_five_goal_areas_and_eighteen_directions() {
        let texts = newest().texts();
        assert_eq!(texts.id, "lan");
        assert!(texts.goal.as_deref().is_some_and(|g| g.starts_with("Den enskilde ska få en god")));
        assert_eq!(texts.areas.len(), 5);
        assert_eq!(texts.areas.iter().map(|a| a.directions.len()).sum::<usize>(), 18);
        assert!(texts.areas.iter().all(|a| a.name.is_some() && a.directions.iter().all(|(_, t)| t.is_some())));
    }

    #[test]
    fn the_digest_changes_with_any_word_and_names_its_version() {
        let texts = newest().texts();
        let digest = texts.digest();
        assert!(digest.starts_with("sha256:") && digest.len() == 7 + 64, "{digest}");
        assert_eq!(with_digest(&digest).map(|v| v.decided), Some("2023-12-20"));
        let mut changed = texts.clone();
        let text = changed.areas[0].directions[0].1.as_mut().expect("a wording");
        text.push(' ');
        assert_ne!(changed.digest(), digest);
        assert!(with_digest(&changed.digest()).is_none());
    }
}
