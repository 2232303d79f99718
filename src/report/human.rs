//! The human report: compiler-style findings with source snippets, via miette.
//!
//! miette counts columns in bytes, but we promise characters (`å` is one column), so the
//! `file:line:column` heading is written by us — as the snippet's source name — and
//! miette's own is switched off. Related places in the same file become extra labels;
//! places in other files become related reports with their own snippet.
//!
//! Nothing from a plan file reaches the terminal raw: messages, labels, help and file
//! names go through [`escape::terminal`], and the snippets' source text through
//! [`escape::terminal_same_length`] (once per file), which keeps the byte offsets the
//! spans point at.

use crate::check::Summary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape;
use crate::lang::{Lang, ui};
use crate::source::{FileId, Sources, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// How the human report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to use colour.
    pub color: bool,
    /// Wrap width.
    pub width: usize,
    /// Most findings shown; the rest are counted.
    pub max_shown: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style { color: false, width: 100, max_shown: 200 }
    }
}

/// Renders the findings and the summary line.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, summary: Summary, lang: Lang, style: Style) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .without_primary_span_start()
        .with_links(false)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    let mut texts = Texts { sources, shown: HashMap::new() };
    for d in diagnostics.iter().take(style.max_shown) {
        let shown = Shown::new(d, &mut texts);
        if handler.render_report(&mut out, &shown).is_err() {
            // A snippet that cannot be cut (it should not happen) must not hide the finding.
            out.push_str(&format!("{}: {}\n", d.code, escape::Terminal(&d.message)));
        }
        out.push('\n');
    }
    if diagnostics.len() > style.max_shown {
        out.push_str(&ui::truncated(lang, style.max_shown, diagnostics.len()));
        out.push_str("\n\n");
    }
    let line = ui::summary(lang, summary.errors, summary.warnings, summary.files, summary.plans, summary.activities);
    let prefix = if summary.errors > 0 {
        ui::severity(lang, true)
    } else if summary.warnings > 0 {
        ui::severity(lang, false)
    } else {
        "ok"
    };
    out.push_str(&format!("{prefix}: {line}\n"));
    out
}

/// How many lines apart a related place may be and still share the finding's snippet.
const NEARBY_LINES: u32 = 3;

/// A diagnostic dressed for miette.
struct Shown {
    code: String,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

/// The files' texts as a terminal may be shown them, each made once.
struct Texts<'a> {
    sources: &'a Sources,
    shown: HashMap<FileId, Arc<str>>,
}

impl Texts<'_> {
    /// The snippet source for a span: the file's text with control characters replaced.
    fn named(&mut self, at: Span) -> NamedSource<Arc<str>> {
        let file = self.sources.get(at.file);
        let text = self
            .shown
            .entry(at.file)
            .or_insert_with(|| match escape::terminal_same_length(&file.text) {
                Cow::Borrowed(_) => file.text.clone(),
                Cow::Owned(text) => text.into(),
            })
            .clone();
        let name = format!("{}:{}:{}", escape::Terminal(&file.name), at.start.line, at.start.column);
        NamedSource::new(name, text)
    }
}

/// A message for the terminal.
fn shown(text: &str) -> String {
    escape::terminal(text).into_owned()
}

impl Shown {
    fn new(d: &Diagnostic, texts: &mut Texts<'_>) -> Shown {
        let sources = texts.sources;
        let name = crate::check::meta(d.code).name;
        let label = d.label.as_deref().map(shown);
        let mut labels = vec![LabeledSpan::new_primary_with_span(label, span(sources, d.span))];
        let mut related = Vec::new();
        for r in &d.related {
            // Nearby places share the finding's snippet; distant ones get their own, so each
            // snippet's `file:line:column` heading is true of what it shows.
            if r.span.file == d.span.file && r.span.start.line.abs_diff(d.span.start.line) <= NEARBY_LINES {
                labels.push(LabeledSpan::new_with_span(Some(shown(&r.message)), span(sources, r.span)));
            } else {
                related.push(Shown {
                    code: String::new(),
                    message: shown(&r.message),
                    severity: miette::Severity::Advice,
                    help: None,
                    source: texts.named(r.span),
                    labels: vec![LabeledSpan::new_primary_with_span(None, span(sources, r.span))],
                    related: Vec::new(),
                });
            }
        }
        Shown {
            code: format!("{} {name}", d.code),
            message: shown(&d.message),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            help: match (&d.help, &d.note) {
                (Some(help), Some(note)) => Some(shown(&format!("{help}\n{note}"))),
                (help, note) => help.as_deref().or(note.as_deref()).map(shown),
            },
            source: texts.named(d.span),
            labels,
            related,
        }
    }
}

fn span(sources: &Sources, at: Span) -> SourceSpan {
    let range = sources.get(at.file).byte_range(at);
    SourceSpan::new(range.start.into(), range.len())
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)) as Box<dyn Iterator<Item = _>>)
    }
}
