//! SARIF 2.1.0, the OASIS format code-scanning services read (GitHub code scanning, Azure
//! DevOps, many IDEs).
//!
//! The run describes the tool with one `rules` entry per rule (id, name, short and full
//! description, default level, help), and each result points at a region with 1-based
//! lines and columns counted in Unicode code points (`columnKind: unicodeCodePoints`), as
//! everywhere else in `plan`. Related places become `relatedLocations`.

use crate::check::rules::RULES;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Lang;
use crate::source::{Sources, Span};
use serde_json::{Value, json};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn location(sources: &Sources, span: Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": sources.get(span.file).name, "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": span.start.line,
                "startColumn": span.start.column,
                "endLine": span.end.line.max(span.start.line),
                "endColumn": if span.end.line > span.start.line { span.end.column } else { span.end.column.max(span.start.column) },
            }
        }
    })
}

/// The SARIF log as pretty JSON.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code.as_str(),
                "name": m.name,
                "shortDescription": { "text": m.summary.get(lang) },
                "fullDescription": { "text": m.description.get(lang) },
                "defaultConfiguration": { "level": level(m.default_severity) },
                "help": { "text": m.description.get(lang), "markdown": m.description.get(lang) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push('\n');
                text.push_str(help);
            }
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut l = location(sources, r.span);
                    l["id"] = json!(i);
                    l["message"] = json!({ "text": r.message });
                    l
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": RULES.iter().position(|r| r.meta().code == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location(sources, d.span)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "plan",
                    "version": env!("CARGO_PKG_VERSION"),
                    "language": lang.to_string(),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}
