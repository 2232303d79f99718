//! The pages `plan serve` shows in place of the site: the plan's findings, the error that
//! stopped a build, and the page for a path the site does not have.
//!
//! Everything quoted on them (messages, help, file names, the lines of plan files) comes
//! from the repository and goes through [`escape::html_text`]. They are styled by their own
//! small style sheet ([`STYLE`], served at `/__plan/style.css`), since the site's may be the
//! very thing that failed to build, and they meet WCAG 2.1 AA as the site does: a `lang`,
//! one `h1`, a heading per finding, contrast of at least 4.5:1, severity as a word.

use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::html_text;
use crate::lang::{Lang, ui};
use crate::source::{Pos, Sources, Span};
use crate::t;
use std::fmt::Write as _;

/// The reserved path of the pages' style sheet.
pub const STYLE_PATH: &str = "/__plan/style.css";

/// Most findings a page shows; the rest are counted, as in the terminal.
const MAX_SHOWN: usize = 200;

/// Most characters of a plan file's line quoted under a finding.
const MAX_LINE_CHARS: usize = 200;

/// The style sheet of the pages here.
pub const STYLE: &str = "\
:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif;
  font-size: 1.0625rem; line-height: 1.6; color: #1b1b1b; background: #ffffff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1, h2 { color: #003366; line-height: 1.25; overflow-wrap: anywhere; }
h1 { font-size: 2rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
a { color: #003366; }
a:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
code, pre { font-family: ui-monospace, \"Cascadia Mono\", \"DejaVu Sans Mono\", monospace; font-size: 0.95em; }
p, li { overflow-wrap: anywhere; }
.findings { list-style: none; padding: 0; }
.finding { border: 1px solid #c5cdd8; border-left: 0.4rem solid #a4000f; border-radius: 6px;
  padding: 0.75rem 1rem; margin: 0 0 1rem; background: #ffffff; }
.finding.warning { border-left-color: #7a4b00; }
.severity { display: inline-block; padding: 0 0.4rem; margin-right: 0.4rem; border-radius: 4px;
  color: #ffffff; background: #a4000f; font-size: 0.9rem; }
.warning .severity { background: #7a4b00; }
.where { margin: 0; }
.snippet { background: #f2f5f9; color: #1b1b1b; padding: 0.5rem 0.75rem; border-radius: 4px;
  overflow-x: auto; white-space: pre; }
.line-number { color: #4a5563; }
.muted { color: #4a5563; }
";

/// The page for a plan with errors: every finding with its code, file, line and column,
/// message, the line it points at, and help.
pub fn findings_page(checked: &Checked, lang: Lang) -> String {
    let s = &checked.summary;
    let summary = ui::summary(lang, s.errors, s.warnings, s.files, s.plans, s.activities);
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{}</h1>\n<p>{}</p>\n<p><strong>{}</strong></p>\n<ol class=\"findings\">\n",
        lang.pick("Planen har fel", "The plan has errors"),
        lang.pick(
            "Webbplatsen visas igen när felen är rättade. Sidan laddas om av sig själv när du sparar en fil. Samma fynd visar <code>plan check</code> i terminalen.",
            "The site is shown again once the errors are fixed. The page reloads by itself when you save a file. <code>plan check</code> shows the same findings in the terminal."
        ),
        html_text(&summary),
    );
    for d in checked.diagnostics.iter().take(MAX_SHOWN) {
        finding(&mut body, d, &checked.plan.sources, lang);
    }
    body.push_str("</ol>\n");
    if checked.diagnostics.len() > MAX_SHOWN {
        let _ = writeln!(body, "<p>{}</p>", html_text(&ui::truncated(lang, MAX_SHOWN, checked.diagnostics.len())));
    }
    page(lang, lang.pick("Planen har fel", "The plan has errors"), &body)
}

/// The page for a build that could not be made: the error's message (it names the file,
/// and the line where it is known).
pub fn error_page(message: &str, lang: Lang) -> String {
    let title = lang.pick("Webbplatsen kunde inte byggas", "The site could not be built");
    let body = format!(
        "<h1>{title}</h1>\n<p>{}</p>\n<pre class=\"snippet\"><code>{}</code></pre>\n",
        lang.pick(
            "Rätta felet och spara filen, så laddas sidan om av sig själv. Samma fel visar <code>plan render</code> i terminalen.",
            "Fix the error and save the file, and the page reloads by itself. <code>plan render</code> shows the same error in the terminal."
        ),
        html_text(message),
    );
    page(lang, title, &body)
}

/// The page for a path the site does not have.
pub fn not_found_page(path: &str, lang: Lang) -> String {
    let title = lang.pick("Sidan finns inte", "No such page");
    let p = html_text(path);
    let text = t!(
        lang,
        "Webbplatsen har ingen sida <code>{p}</code>. <a href=\"/\">Till startsidan</a>.",
        "The site has no page <code>{p}</code>. <a href=\"/\">To the start page</a>."
    );
    page(lang, title, &format!("<h1>{title}</h1>\n<p>{text}</p>\n"))
}

/// A whole page around `body`.
fn page(lang: Lang, title: &str, body: &str) -> String {
    let preview = lang.pick("förhandsvisning med plan serve", "preview by plan serve");
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} – {preview}</title>\n<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n</head>\n<body>\n<main id=\"main\">\n{body}<p class=\"muted\">{preview}</p>\n</main>\n</body>\n</html>\n"
    )
}

/// One finding as an item of the list.
fn finding(out: &mut String, d: &Diagnostic, sources: &Sources, lang: Lang) {
    let (class, severity) = match d.severity {
        Severity::Error => ("error", ui::severity(lang, true)),
        Severity::Warning => ("warning", ui::severity(lang, false)),
    };
    let name = crate::check::meta(d.code).name;
    let _ = write!(
        out,
        "<li class=\"finding {class}\">\n<h2><span class=\"severity\">{}</span> {} <span lang=\"sv\">{}</span></h2>\n",
        html_text(severity),
        d.code,
        html_text(name),
    );
    let _ = writeln!(out, "<p class=\"where\"><code dir=\"ltr\">{}</code></p>", html_text(&place(sources, d.span)));
    let _ = writeln!(out, "<p>{}</p>", with_code(&d.message));
    if let Some(line) = quoted_line(sources, d.span) {
        let n = d.span.start.line;
        let _ = writeln!(
            out,
            "<pre class=\"snippet\"><code dir=\"ltr\"><span class=\"line-number\">{n} | </span>{}</code></pre>",
            html_text(&line)
        );
    }
    if let Some(label) = &d.label {
        let _ = writeln!(out, "<p>{}</p>", with_code(label));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "<p><strong>{}</strong> {}</p>", lang.pick("Hjälp:", "Help:"), with_code(help));
    }
    if let Some(note) = &d.note {
        // The note says "obs:" itself, as in the terminal.
        let _ = writeln!(out, "<p>{}</p>", with_code(note));
    }
    if !d.related.is_empty() {
        out.push_str("<ul>\n");
        for r in &d.related {
            let _ = writeln!(
                out,
                "<li><code dir=\"ltr\">{}</code>: {}</li>",
                html_text(&place(sources, r.span)),
                with_code(&r.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</li>\n");
}

/// A message escaped for HTML, with what it quotes between backticks (`` `MO1.1` ``) as
/// code, when the backticks pair up; otherwise as written.
fn with_code(text: &str) -> String {
    let escaped = html_text(text);
    let parts: Vec<&str> = escaped.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + parts.len() * 8);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// `file:line:column` of a span, as the terminal report writes it.
fn place(sources: &Sources, span: Span) -> String {
    let Pos { line, column } = span.start;
    match file(sources, span) {
        Some(f) => format!("{}:{line}:{column}", f.name),
        None => format!("?:{line}:{column}"),
    }
}

/// The file of a span, when it is one of these sources (never a panic on a stray id).
fn file(sources: &Sources, span: Span) -> Option<&crate::source::SourceFile> {
    ((span.file.0 as usize) < sources.len()).then(|| sources.get(span.file))
}

/// The line a span starts on, shortened, or `None` for a file without text.
fn quoted_line(sources: &Sources, span: Span) -> Option<String> {
    let f = file(sources, span)?;
    if f.text.is_empty() || span.start.line as usize > f.line_count() {
        return None;
    }
    let start = f.byte_offset(Pos { line: span.start.line, column: 1 });
    let rest = &f.text[start..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let mut shown: String = line.chars().take(MAX_LINE_CHARS).collect();
    if line.chars().nth(MAX_LINE_CHARS).is_some() {
        shown.push('…');
    }
    (!shown.trim().is_empty()).then_some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_become_code_and_stay_escaped() {
        assert_eq!(with_code("no `<b>` here"), "no <code>&lt;b&gt;</code> here");
        assert_eq!(with_code("one ` alone <i>"), "one ` alone &lt;i&gt;");
        assert_eq!(with_code("`a` and `b`"), "<code>a</code> and <code>b</code>");
    }

    #[test]
    fn hostile_text_is_escaped_on_the_error_page() {
        let page = error_page("plans/<img src=x onerror=alert(1)>.yaml: rad 2", Lang::Sv);
        assert!(page.contains("plans/&lt;img src=x onerror=alert(1)&gt;.yaml"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(page.contains("<html lang=\"sv\">"));
        let page = not_found_page("/a\"><script>", Lang::En);
        assert!(!page.contains("<script>") && page.contains("<html lang=\"en\">"), "{page}");
    }
}
