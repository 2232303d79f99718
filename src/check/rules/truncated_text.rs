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
        for (key, text) in plan.texts() {
            let file = plan.sources.get(text.span.file);
            let source = &file.text;
            let start = file.byte_offset(text.span.start);
            // Quoted and block scalars keep their `#`.
            if matches!(source.as_bytes().get(start), Some(b'"' | b'\'' | b'|' | b'>') | None) {
                continue;
            }
            let end = file.byte_offset(text.span.end);
            let rest = &source[end..];
            let line = rest.split(['\n', '\r']).next().unwrap_or_default();
            let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
            if spaces == 0 || !line[spaces..].starts_with('#') {
                continue;
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
        }
    }
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
