//! `plan diff` shown: for a terminal, as Markdown for a pull-request comment, or as JSON.

use super::{ChangeKind, FindingRef, PlanDiff, WordOp, WordTag};
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
        DiffFormat::Human => text(diff, lang, false),
    }
}

fn words(ops: &[WordOp], markdown: bool) -> String {
    ops.iter()
        .map(|o| match (o.op, markdown) {
            (WordTag::Delete, true) => format!("~~{}~~", o.text),
            (WordTag::Insert, true) => format!("**{}**", o.text),
            (WordTag::Delete, false) => format!("[-{}-]", o.text),
            (WordTag::Insert, false) => format!("{{+{}+}}", o.text),
            (WordTag::Equal, _) => o.text.clone(),
        })
        .collect()
}

fn finding(f: &FindingRef, markdown: bool) -> String {
    if markdown {
        format!("- `{}` {}:{} – {}", f.code, f.file, f.line, f.message)
    } else {
        format!("  {} {}:{}  {}", f.code, f.file, f.line, f.message)
    }
}

fn text(diff: &PlanDiff, lang: Lang, markdown: bool) -> String {
    let mut out = String::new();
    let (base, head) = (&diff.base, &diff.head);
    let title = t!(lang, "Ändringar i planen: {base} → {head}", "Changes to the plan: {base} → {head}");
    let heading = |out: &mut String, text: String| {
        if markdown {
            out.push_str(&format!("\n### {text}\n\n"));
        } else {
            out.push_str(&format!("\n{text}\n"));
        }
    };
    let item = |text: String| if markdown { format!("- {text}\n") } else { format!("  {text}\n") };
    let code = |s: &str| if markdown { format!("`{s}`") } else { s.to_owned() };
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
            out.push_str(&item(format!("{} {} ({})", code(&a.id), a.title, a.plan)));
        }
    }
    if !diff.activities_removed.is_empty() {
        let n = diff.activities_removed.len();
        heading(&mut out, t!(lang, "Borttagna aktiviteter ({n})", "Activities removed ({n})"));
        for a in &diff.activities_removed {
            out.push_str(&item(format!("{} {} ({})", code(&a.id), a.title, a.plan)));
        }
    }
    if !diff.activities_changed.is_empty() {
        let n = diff.activities_changed.len();
        heading(&mut out, t!(lang, "Ändrade aktiviteter ({n})", "Activities changed ({n})"));
        for c in &diff.activities_changed {
            out.push_str(&item(format!("{} {}", code(&c.activity.id), c.activity.title)));
            let sub = if markdown { "  - " } else { "      " };
            if let Some(from) = &c.moved_from {
                let to = &c.activity.plan;
                out.push_str(&format!(
                    "{sub}{}\n",
                    t!(lang, "flyttad från {from} till {to}", "moved from {from} to {to}")
                ));
            }
            for f in &c.fields {
                let (field, before, after) = (f.field, &f.before, &f.after);
                let empty = t!(lang, "(inget)", "(none)");
                let before = if before.is_empty() { &empty } else { before };
                let after = if after.is_empty() { &empty } else { after };
                out.push_str(&format!("{sub}{field}: {before} → {after}\n"));
            }
            for u in &c.follow_ups_added {
                let (date, status, comment) = (&u.date, &u.status, &u.comment);
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
            let (kind, id, field) = (s.kind.as_str(), &s.id, s.field);
            let line = match s.change {
                ChangeKind::Added => {
                    let after = &s.after;
                    t!(lang, "{kind} {id} tillagd: {after}", "{kind} {id} added: {after}")
                }
                ChangeKind::Removed => {
                    let before = &s.before;
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
