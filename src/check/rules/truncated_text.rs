//! P014 `avkortad-text`: a text cut short by ` #`, which YAML reads as a comment.
//!
//! `titel: Hälsofrämjande skola #2 – rörelse` is stored as "Hälsofrämjande skola": in YAML
//! a ` #` after an unquoted value starts a comment, and the comment is dropped without a
//! word. Nothing else can notice — the shortened title is a perfectly good title — so this
//! rule looks at the file's text after every unquoted free text (names, titles,
//! descriptions, comments): a `#` on the same line is either a comment the author meant, or
//! the rest of the text lost. It is a warning, since both happen; the help gives the line
//! quoted, or says to move a real comment to a line of its own.

use crate::check::{Context, Rule, RuleMeta, Text};
use crate::diagnostic::{Code, Diagnostic, Severity, sanitize};
use crate::lang::Lang;
use crate::source::{Pos, Span};
use crate::t;
use std::collections::HashMap;

/// The rule.
pub struct TruncatedText;

/// Its metadata and documentation.
pub static META: RuleMeta = RuleMeta {
    code: Code::new("P014"),
    name: "avkortad-text",
    default_severity: Severity::Warning,
    summary: Text {
        sv: "En text utan citattecken följs av ` #` på samma rad, så att YAML läser resten av raden som en kommentar och texten blir avkortad.",
        en: "An unquoted text is followed by ` #` on its line, so that YAML reads the rest of the line as a comment and the text is cut short.",
    },
    description: Text {
        sv: "\
I YAML börjar ` #` (mellanslag och brädgård) en kommentar, också mitt i ett värde utan \
citattecken. `titel: Hälsofrämjande skola #2 – rörelse` sparas därför som \
\"Hälsofrämjande skola\", utan att något säger till. Regeln rapporterar en text (`titel`, \
`namn`, `beskrivning`, `kommentar`, `text`, `mål`, `kännetecken`, `kontakt`, `enhet`) utan \
citattecken som följs av en kommentar på samma rad.

Om `#` hör till texten: sätt citattecken runt hela värdet, \
`titel: \"Hälsofrämjande skola #2 – rörelse\"`. Om det är en kommentar: flytta den till en \
egen rad ovanför. Varningen går att stänga av med `P014 = \"off\"` under `[rules]` i \
`plan.toml`.",
        en: "\
In YAML, ` #` (a space and a hash) starts a comment, also in the middle of an unquoted \
value. `titel: Hälsofrämjande skola #2 – rörelse` is therefore stored as \
\"Hälsofrämjande skola\", with nothing said. The rule reports an unquoted text (`titel`, \
`namn`, `beskrivning`, `kommentar`, `text`, `mål`, `kännetecken`, `kontakt`, `enhet`) that is \
followed by a comment on its line.

If the `#` belongs to the text: put quotes around the whole value, \
`titel: \"Hälsofrämjande skola #2 – rörelse\"`. If it is a comment: move it to a line of its \
own above. The warning can be turned off with `P014 = \"off\"` under `[rules]` in \
`plan.toml`.",
    },
};

impl Rule for TruncatedText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let plan = cx.plan;
        // The lines of each file that hold a comment after something (` #`), with where
        // they start, found with one scan of the file: only a text ending on such a line is
        // looked at closely, and a file without one costs a single search (and no index of
        // its lines, which a clean check never builds).
        let mut commented: Vec<Option<HashMap<u32, usize>>> = vec![None; plan.sources.len()];
        plan.for_each_text(|key, text| {
            let lines = commented[text.span.file.0 as usize]
                .get_or_insert_with(|| lines_with_comments(&plan.sources.get(text.span.file).text));
            let Some(&line_start) = lines.get(&text.span.end.line) else { return };
            let file = plan.sources.get(text.span.file);
            let source = &file.text;
            let in_line = |column: u32| {
                let skip = column.saturating_sub(1) as usize;
                source[line_start..].char_indices().nth(skip).map_or(source.len(), |(i, _)| line_start + i)
            };
            let start = if text.span.start.line == text.span.end.line {
                in_line(text.span.start.column)
            } else {
                file.byte_offset(text.span.start)
            };
            // Quoted and block scalars keep their `#`.
            if matches!(source.as_bytes().get(start), Some(b'"' | b'\'' | b'|' | b'>') | None) {
                return;
            }
            let end = in_line(text.span.end.column);
            let rest = &source[end..];
            let line = rest.split(['\n', '\r']).next().unwrap_or_default();
            let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
            if spaces == 0 || !line[spaces..].starts_with('#') {
                return;
            }
            let comment = line[spaces..].trim_end();
            let column = text.span.end.column + u32::try_from(line[..spaces].chars().count()).unwrap_or(0);
            let at = Pos { line: text.span.end.line, column };
            let until = Pos { line: at.line, column: column + u32::try_from(comment.chars().count()).unwrap_or(0) };
            let whole = format!("{} {comment}", text.value);
            let fixed = format!("{key}: {}", crate::yaml::explain::quoted(&sanitize(&whole)));
            out.push(
                Diagnostic::new(
                    META.code,
                    Span { file: text.span.file, start: at, end: until },
                    message(cx.lang, key, &sanitize(comment)),
                )
                .with_label(cx.lang.pick("läses som kommentar", "read as a comment").to_owned())
                .with_help(help(cx.lang, &fixed)),
            );
        });
    }
}

/// The 1-based lines with a `#` after a space or tab, each with the byte offset where it
/// starts, counting line breaks as [`crate::source::SourceFile`] does (a lone `\r` ends a
/// line too).
fn lines_with_comments(text: &str) -> HashMap<u32, usize> {
    let bytes = text.as_bytes();
    let mut lines = HashMap::new();
    let mut ends = crate::source::line_ends(bytes).peekable();
    let (mut line, mut line_start) = (1u32, 0usize);
    for at in memchr::memchr_iter(b'#', bytes) {
        if at == 0 || !matches!(bytes[at - 1], b' ' | b'\t') {
            continue;
        }
        while let Some(end) = ends.next_if(|&end| end <= at) {
            line += 1;
            line_start = end;
        }
        lines.insert(line, line_start);
    }
    lines
}

fn message(lang: Lang, key: &str, comment: &str) -> String {
    t!(
        lang,
        "`{key}` slutar före ` #`: YAML läser resten av raden, `{comment}`, som en kommentar",
        "`{key}` ends before ` #`: YAML reads the rest of the line, `{comment}`, as a comment"
    )
}

fn help(lang: Lang, fixed: &str) -> String {
    t!(
        lang,
        "hör `#` till texten, sätt citattecken runt hela värdet: `{fixed}`; är det en kommentar, flytta den till en egen rad",
        "if the `#` is part of the text, put quotes around the whole value: `{fixed}`; if it is a comment, move it to a line of its own"
    )
}

#[cfg(test)]
mod tests {
    use super::lines_with_comments;

    #[test]
    fn comments_are_found_on_the_lines_an_editor_shows() {
        let lines = |t: &str| {
            let mut l: Vec<(u32, usize)> = lines_with_comments(t).into_iter().collect();
            l.sort_unstable();
            l
        };
        assert_eq!(lines("# top\na: b # c\nd: e#f\n\tg # h\n"), [(2, 6), (4, 22)]);
        assert_eq!(lines("a: b\r\nc: d # e\r\n"), [(2, 6)]);
        assert_eq!(lines("a: b\rc: d # e\r"), [(2, 5)]);
        assert!(lines("").is_empty());
    }
}
