//! `plan diff` shown: for a terminal, as Markdown for a pull-request comment, or as JSON.
//!
//! Every quoted value (titles, ids, texts, file names, messages) goes through
//! [`crate::escape`]: as literal Markdown text in the comment, so a title cannot post a
//! link, an image or a mention, and with its control characters made visible on a
//! terminal.

use super::{ChangeKind, FindingRef, PlanDiff, WordOp, WordTag};
use crate::escape::{markdown_fragment, markdown_inline, markdown_with_code, terminal};
use crate::lang::Lang;
use crate::t;

/// Output formats of `plan diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiffFormat {
    /// For a terminal.
    #[default]
    Human,
    /// Markdown, to post as a pull-request comment.
    Markdown,
    /// JSON, for tools.
    Json,
}

/// Renders the diff in the chosen format.
pub fn render(diff: &PlanDiff, format: DiffFormat, lang: Lang) -> String {
    match format {
        DiffFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "diff": diff })).unwrap_or_default();
            s.push('\n');
            s
        }
        DiffFormat::Markdown => text(diff, lang, true),
        // No colour and no markup: the whole text can be made safe for a terminal at once.
        DiffFormat::Human => terminal(&text(diff, lang, false)).into_owned(),
    }
}

/// A value quoted for the output: literal Markdown text, or as it is for a terminal (whose
/// escaping is done once over the whole text).
fn quote(text: &str, markdown: bool) -> String {
    if markdown { markdown_inline(text) } else { text.to_owned() }
}

/// An id or code in Markdown: a code span when it is made of plain id characters (a code
/// span shows backslashes, so it cannot carry escapes), literal text otherwise.
fn code(text: &str, markdown: bool) -> String {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    match (markdown, plain) {
        (true, true) => format!("`{text}`"),
        (true, false) => markdown_inline(text),
        (false, _) => text.to_owned(),
    }
}

fn words(ops: &[WordOp], markdown: bool) -> String {
    ops.iter()
        .map(|o| match (o.op, markdown) {
            (WordTag::Delete, true) => format!("~~{}~~", markdown_fragment(&o.text)),
            (WordTag::Insert, true) => format!("**{}**", markdown_fragment(&o.text)),
            (WordTag::Equal, true) => markdown_fragment(&o.text),
            (WordTag::Delete, false) => format!("[-{}-]", o.text),
            (WordTag::Insert, false) => format!("{{+{}+}}", o.text),
            (WordTag::Equal, false) => o.text.clone(),
        })
        .collect()
}

fn finding(f: &FindingRef, markdown: bool) -> String {
    if markdown {
        format!("- {} {}:{} – {}", code(f.code, true), markdown_inline(&f.file), f.line, markdown_with_code(&f.message))
    } else {
        format!("  {} {}:{}  {}", f.code, f.file, f.line, f.message)
    }
}

fn text(diff: &PlanDiff, lang: Lang, markdown: bool) -> String {
    let mut out = String::new();
    let q = |text: &str| quote(text, markdown);
    let (base, head) = (&q(&diff.base), &q(&diff.head));
    let title = t!(lang, "Ändringar i planen: {base} → {head}", "Changes to the plan: {base} → {head}");
    let heading = |out: &mut String, text: String| {
        if markdown {
            out.push_str(&format!("\n### {text}\n\n"));
        } else {
            out.push_str(&format!("\n{text}\n"));
        }
    };
    let item = |text: String| if markdown { format!("- {text}\n") } else { format!("  {text}\n") };
    if markdown {
        out.push_str(&format!("## {title}\n"));
    } else {
        out.push_str(&format!("{title}\n"));
    }
    if diff.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            t!(lang, "Inga ändringar i planens innehåll.", "No changes to the plan's content.")
        ));
        return out;
    }
    if !diff.activities_added.is_empty() {
        let n = diff.activities_added.len();
        heading(&mut out, t!(lang, "Nya aktiviteter ({n})", "Activities added ({n})"));
        for a in &diff.activities_added {
            out.push_str(&item(format!("{} {} ({})", code(&a.id, markdown), q(&a.title), q(&a.plan))));
        }
    }
    if !diff.activities_removed.is_empty() {
        let n = diff.activities_removed.len();
        heading(&mut out, t!(lang, "Borttagna aktiviteter ({n})", "Activities removed ({n})"));
        for a in &diff.activities_removed {
            out.push_str(&item(format!("{} {} ({})", code(&a.id, markdown), q(&a.title), q(&a.plan))));
        }
    }
    if !diff.activities_changed.is_empty() {
        let n = diff.activities_changed.len();
        heading(&mut out, t!(lang, "Ändrade aktiviteter ({n})", "Activities changed ({n})"));
        for c in &diff.activities_changed {
            out.push_str(&item(format!("{} {}", code(&c.activity.id, markdown), q(&c.activity.title))));
            let sub = if markdown { "  - " } else { "      " };
            if let Some(from) = &c.moved_from {
                let (from, to) = (&q(from), &q(&c.activity.plan));
                out.push_str(&format!(
                    "{sub}{}\n",
                    t!(lang, "flyttad från {from} till {to}", "moved from {from} to {to}")
                ));
            }
            for f in &c.fields {
                let (field, before, after) = (f.field, &f.before, &f.after);
                let empty = t!(lang, "(inget)", "(none)");
                let before = if before.is_empty() { empty.clone() } else { q(before) };
                let after = if after.is_empty() { empty } else { q(after) };
                out.push_str(&format!("{sub}{field}: {before} → {after}\n"));
            }
            for u in &c.follow_ups_added {
                let (date, status, comment) = (&q(&u.date), &q(&u.status), &q(&u.comment));
                let line = t!(lang, "ny uppföljning {date}: {status}", "new follow-up {date}: {status}");
                let comment = if comment.is_empty() { String::new() } else { format!(" – {comment}") };
                out.push_str(&format!("{sub}{line}{comment}\n"));
            }
        }
    }
    if !diff.strategy.is_empty() {
        heading(
            &mut out,
            t!(lang, "Strategin (målområden och inriktningar)", "The strategy (goal areas and directions)"),
        );
        for s in &diff.strategy {
            let (kind, id, field) = (s.kind.as_str(), &q(&s.id), s.field);
            let line = match s.change {
                ChangeKind::Added => {
                    let after = &q(&s.after);
                    t!(lang, "{kind} {id} tillagd: {after}", "{kind} {id} added: {after}")
                }
                ChangeKind::Removed => {
                    let before = &q(&s.before);
                    t!(lang, "{kind} {id} borttagen: {before}", "{kind} {id} removed: {before}")
                }
                ChangeKind::Reworded => {
                    let w = words(&s.words, markdown);
                    t!(lang, "{kind} {id}, {field} omformulerad: {w}", "{kind} {id}, {field} reworded: {w}")
                }
            };
            out.push_str(&item(line));
        }
    }
    if !diff.findings_introduced.is_empty() {
        let n = diff.findings_introduced.len();
        heading(&mut out, t!(lang, "Nya fynd ({n})", "Findings introduced ({n})"));
        for f in &diff.findings_introduced {
            out.push_str(&finding(f, markdown));
            out.push('\n');
        }
    }
    if !diff.findings_fixed.is_empty() {
        let n = diff.findings_fixed.len();
        heading(&mut out, t!(lang, "Åtgärdade fynd ({n})", "Findings fixed ({n})"));
        for f in &diff.findings_fixed {
            out.push_str(&finding(f, markdown));
            out.push('\n');
        }
    }
    out
}
