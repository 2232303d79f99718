//! The Markdown report: every finding in one table, for a CI job's summary page (GitHub's
//! `$GITHUB_STEP_SUMMARY`) or a merge-request note.
//!
//! Everything from a plan file goes through [`escape`]: file names as literal text, messages
//! with their `` `quoted` `` values as code spans, so a finding cannot add a link, an image,
//! HTML, a mention or a table cell of its own. GitHub takes at most 1 MiB of summary per
//! step, so the table stops before [`MAX_BYTES`] and says how many findings it left out.

use crate::check::{Summary, meta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::{markdown_inline, markdown_with_code};
use crate::lang::{Lang, ui};
use crate::source::Sources;

/// The largest report: GitHub's limit for one step's summary is 1 MiB, and a little is left
/// for what the job writes beside it.
pub const MAX_BYTES: usize = 1000 * 1000;

/// The findings as a Markdown section: a heading, the summary line and a table.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, summary: Summary, lang: Lang) -> String {
    let mut out = String::from("## plan check\n\n");
    let line = ui::summary(lang, summary.errors, summary.warnings, summary.files, summary.plans, summary.activities);
    let first = if summary.errors > 0 {
        "❌"
    } else if summary.warnings > 0 {
        "⚠️"
    } else {
        "✅"
    };
    out.push_str(&format!("{first} {}\n\n", markdown_inline(&line)));
    if diagnostics.is_empty() {
        return out;
    }
    let (level, code, place, message) = (
        lang.pick("Nivå", "Level"),
        lang.pick("Kod", "Code"),
        lang.pick("Plats", "Place"),
        lang.pick("Meddelande", "Message"),
    );
    out.push_str(&format!("| {level} | {code} | {place} | {message} |\n|---|---|---|---|\n"));
    let mut shown = 0;
    for d in diagnostics {
        let row = row(d, sources, lang);
        // Room for the line that says what was left out.
        if out.len() + row.len() + 200 > MAX_BYTES {
            break;
        }
        out.push_str(&row);
        shown += 1;
    }
    if shown < diagnostics.len() {
        out.push('\n');
        out.push_str(&markdown_inline(&ui::truncated(lang, shown, diagnostics.len())));
        out.push_str(lang.pick(" (kör `plan check` för alla)", " (run `plan check` for all)"));
        out.push('\n');
    }
    out
}

/// One finding as a table row; its help follows the message in the same cell.
fn row(d: &Diagnostic, sources: &Sources, lang: Lang) -> String {
    let severity = match d.severity {
        Severity::Error => ui::severity(lang, true),
        Severity::Warning => ui::severity(lang, false),
    };
    let file = &sources.get(d.span.file).name;
    let place = format!("{}:{}:{}", markdown_inline(file), d.span.start.line, d.span.start.column);
    let mut message = markdown_with_code(&d.message);
    if let Some(help) = &d.help {
        message.push_str(" — ");
        message.push_str(&markdown_with_code(help));
    }
    // Outside code spans `|` is already a character reference; inside them GitHub's tables
    // still end the cell at a bare `|`, and take `\|` as the character.
    let message = message.replace('|', "\\|");
    format!("| {severity} | {} {} | {place} | {message} |\n", d.code, meta(d.code).name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source::{Pos, SourceFile, Span};

    fn one_file(name: &str) -> (Sources, Span) {
        let mut sources = Sources::default();
        let file = sources.push(SourceFile::new(name.into(), name.into(), "a\nb\n".into()));
        (sources, Span { file, start: Pos { line: 2, column: 3 }, end: Pos { line: 2, column: 9 } })
    }

    fn summary(errors: usize, warnings: usize) -> Summary {
        Summary { errors, warnings, files: 1, plans: 1, activities: 2 }
    }

    #[test]
    fn a_finding_cannot_add_markup_of_its_own() {
        let (sources, at) = one_file("plans/a|b.yaml");
        let d = Diagnostic::new(Code::new("P004"), at, "okänd `x|y` [länk](https://evil) <img> @kommun".into())
            .with_help("skriv `z`".to_owned());
        let text = render(&[d], &sources, summary(1, 0), Lang::Sv);
        let row = text.lines().last().unwrap();
        let bare_pipes = row.match_indices('|').filter(|(i, _)| !row[..*i].ends_with('\\')).count();
        assert_eq!(bare_pipes, 5, "a cell too many: {row}");
        assert!(row.contains("`x\\|y`"), "{row}");
        assert!(row.contains("plans/a&#124;b.yaml:2:3"), "{row}");
        assert!(row.contains("\\[länk\\](https://evil) &lt;img&gt;"), "{row}");
        assert!(row.contains("— skriv `z`"), "{row}");
        assert!(!row.contains("@kommun"), "a mention: {row}");
    }

    #[test]
    fn the_table_stops_before_githubs_limit_and_says_so() {
        let (sources, at) = one_file("plans/a.yaml");
        let long = "ord ".repeat(250);
        let many: Vec<Diagnostic> = (0..5000).map(|_| Diagnostic::new(Code::new("P004"), at, long.clone())).collect();
        let text = render(&many, &sources, summary(5000, 0), Lang::En);
        assert!(text.len() <= MAX_BYTES, "{} bytes", text.len());
        let rows = text.lines().filter(|l| l.starts_with("| error |")).count();
        assert!(rows > 900 && rows < 5000, "{rows} rows");
        assert!(text.trim_end().ends_with("(run `plan check` for all)"), "{}", &text[text.len() - 200..]);
        assert!(text.contains(&format!("{} findings more not shown", 5000 - rows)), "the count of what was left out");
    }

    #[test]
    fn no_findings_is_one_line_and_no_table() {
        let (sources, _) = one_file("plans/a.yaml");
        let text = render(&[], &sources, summary(0, 0), Lang::Sv);
        assert_eq!(text, "## plan check\n\n✅ 0 fel, 0 varningar (1 fil, 1 plan, 2 aktiviteter kontrollerade)\n\n");
    }
}
