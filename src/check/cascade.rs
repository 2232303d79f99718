//! One mistake, one finding: findings that only follow from another are folded under it.
//!
//! A file that cannot be read (broken YAML, the wrong encoding, no known `typ`) contributes
//! nothing to the plan, so every reference to an id defined in it looks unknown (P004,
//! P011) and every inriktning that only its activities lead to looks uncovered (P010). Those
//! findings are not wrong about the plan as loaded, but they are not what the analyst has
//! to fix: fixing the one file makes them go away. So they are left out, and the finding
//! that the file cannot be read says in a note how many were left out and of what kind.
//!
//! Which findings those are is decided from the unread file's text, which is still there:
//! a reference is folded when its id occurs in that text as a word, and an uncovered
//! inriktning when its id occurs there, or the id of an utvecklingsområde that leads to
//! it. A finding about an id the broken file does not mention is kept: it is a mistake of
//! its own. The same goes for a value reported twice at one place: a reference written as a
//! number that names nothing (P002 and P004 at one span) is reported once, by P004, whose
//! help says what it should be.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lang::{Lang, ui};
use crate::model::Plan;
use crate::source::FileId;
use crate::t;
use std::collections::HashSet;

/// P004 `okänd-referens`.
const UNKNOWN_REFERENCE: Code = Code::new("P004");
/// P010 `ej-täckt`.
const UNCOVERED: Code = Code::new("P010");
/// P011 `följer`.
const FOLLOWS: Code = Code::new("P011");

/// Removes the findings that only follow from another finding, and notes under each cause
/// how many were left out.
pub fn fold(diagnostics: &mut Vec<Diagnostic>, plan: &Plan, unread: &[FileId], lang: Lang) {
    fold_same_place(diagnostics);
    if unread.is_empty() {
        return;
    }
    // Only a file whose cause is shown can take the findings that follow from it.
    let causes: Vec<(FileId, usize)> = unread
        .iter()
        .filter_map(|&file| {
            let cause = diagnostics.iter().rposition(|d| {
                d.span.file == file && d.severity == Severity::Error && matches!(d.code, Code::P001 | Code::P002)
            })?;
            Some((file, cause))
        })
        .collect();
    if causes.is_empty() {
        return;
    }
    let words: Vec<HashSet<&str>> = causes.iter().map(|&(file, _)| words(&plan.sources.get(file).text)).collect();
    let mut folded = vec![(0usize, 0usize); causes.len()];
    let mut keep = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.iter() {
        let from = d.subject.as_deref().and_then(|id| match d.code {
            UNKNOWN_REFERENCE | FOLLOWS => words.iter().position(|w| w.contains(id)),
            UNCOVERED => words.iter().position(|w| w.contains(id) || leads_to(plan, w, id)),
            _ => None,
        });
        match from {
            Some(i) if d.code == UNCOVERED => folded[i].1 += 1,
            Some(i) => folded[i].0 += 1,
            None => {}
        }
        keep.push(from.is_none());
    }
    for (i, &(_, cause)) in causes.iter().enumerate() {
        let (references, uncovered) = folded[i];
        if references + uncovered > 0 {
            diagnostics[cause].note = Some(note(lang, references, uncovered));
        }
    }
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}

/// Whether an utvecklingsområde that leads to the inriktning `id` is named in `words`.
fn leads_to(plan: &Plan, words: &HashSet<&str>, id: &str) -> bool {
    plan.action_plans
        .iter()
        .flat_map(|ap| &ap.focus_areas)
        .any(|f| words.contains(f.id.value.as_str()) && f.directions.iter().any(|d| d.value.0 == id))
}

/// Every word of a text that could be an id: runs of letters, digits, `.`, `-` and `_`, also
/// without a trailing `.` (an id at the end of a sentence).
fn words(text: &str) -> HashSet<&str> {
    let mut out = HashSet::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
        if !word.is_empty() {
            out.insert(word);
            out.insert(word.trim_end_matches('.'));
        }
    }
    out
}

/// A schema finding (P002) at exactly the place of an unknown reference (P004) says less
/// about the same value: `inriktningar: [1.2]` is a number and names nothing, and the P004
/// says which id was meant.
fn fold_same_place(diagnostics: &mut Vec<Diagnostic>) {
    let references: HashSet<_> = diagnostics.iter().filter(|d| d.code == UNKNOWN_REFERENCE).map(|d| d.span).collect();
    if references.is_empty() {
        return;
    }
    diagnostics.retain(|d| !(d.code == Code::P002 && references.contains(&d.span)));
}

/// The note under the cause: how many findings were left out, and of what kind.
fn note(lang: Lang, references: usize, uncovered: usize) -> String {
    const REFERENCES: ui::Noun = ("referens", "referenser", "reference", "references");
    const UNCOVERED: ui::Noun =
        ("inriktning utan aktivitet", "inriktningar utan aktivitet", "uncovered inriktning", "uncovered inriktningar");
    let mut parts = Vec::new();
    if references > 0 {
        let n = ui::count(lang, references, REFERENCES);
        parts.push(t!(
            lang,
            "{n} till id som kan vara definierade i filen",
            "{n} to ids that may be defined in the file"
        ));
    }
    if uncovered > 0 {
        let n = ui::count(lang, uncovered, UNCOVERED);
        parts.push(t!(lang, "{n} som filen kan leda till", "{n} the file may trace to"));
    }
    let parts = parts.join(lang.pick(" och ", " and "));
    let are = if references + uncovered == 1 { "is" } else { "are" };
    t!(
        lang,
        "obs: {parts} visas inte förrän filen går att läsa; de följer av det här felet",
        "note: {parts} {are} not shown until the file can be read; they follow from this error"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_what_ids_are_made_of() {
        let w = words("inriktningar: [MO1.2, MO2.1]\nansvarig: socialförvaltningen # Slut.\n");
        for id in ["MO1.2", "MO2.1", "socialförvaltningen", "Slut", "inriktningar"] {
            assert!(w.contains(id), "{id}");
        }
        assert!(!w.contains("MO1"));
    }

    #[test]
    fn the_note_counts_what_was_left_out() {
        assert_eq!(
            note(Lang::Sv, 21, 0),
            "obs: 21 referenser till id som kan vara definierade i filen visas inte förrän filen går att läsa; de följer av det här felet"
        );
        assert_eq!(
            note(Lang::En, 1, 3),
            "note: 1 reference to ids that may be defined in the file and 3 uncovered inriktningar the file may trace to are not shown until the file can be read; they follow from this error"
        );
    }
}
