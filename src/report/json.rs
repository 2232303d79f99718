//! The JSON report: one stable document for tools.
//!
//! The shape is versioned (`"version": 1`); fields are only ever added. `file` is relative
//! to the repository root with `/` separators; lines and columns are 1-based and columns
//! count characters.

use crate::check::Summary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Sources, Span};
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    help: &'a str,
    /// What is not shown because of this finding (added in version 1; empty when nothing).
    note: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

/// Renders the findings as one JSON document, ending in a newline.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, summary: Summary) -> String {
    let file = |span: Span| sources.get(span.file).name.as_str();
    let doc = Document {
        version: 1,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code.as_str(),
                name: crate::check::meta(d.code).name,
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref().unwrap_or(""),
                note: d.note.as_deref().unwrap_or(""),
                file: file(d.span),
                line: d.span.start.line,
                column: d.span.start.column,
                end_line: d.span.end.line,
                end_column: d.span.end.column,
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        file: file(r.span),
                        line: r.span.start.line,
                        column: r.span.start.column,
                        message: &r.message,
                    })
                    .collect(),
            })
            .collect(),
        summary,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
