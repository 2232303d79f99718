//! GitLab Code Quality report: a JSON array that GitLab shows in the merge-request widget.
//!
//! Each entry has `description`, `check_name`, `fingerprint`, `severity` and
//! `location.path`/`location.lines.begin`. The fingerprint must stay the same across runs
//! for the same finding, so GitLab can tell new findings from old ones: it is a hash of the
//! rule, the file and the message (which names the value), not of the line, so it survives
//! lines added above it; repeats of the same message in one file are numbered.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// FNV-1a, 64 bits: stable across platforms and Rust versions, unlike `DefaultHasher`.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The Code Quality report as pretty JSON.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
    let issues: Vec<Issue<'_>> = diagnostics
        .iter()
        .map(|d| {
            let path = sources.get(d.span.file).name.as_str();
            let n = seen.entry((d.code.to_string(), path, d.message.as_str())).or_insert(0);
            *n += 1;
            let occurrence = n.to_string();
            let description = match &d.help {
                Some(help) => format!("{} ({help})", d.message),
                None => d.message.clone(),
            };
            Issue {
                description,
                check_name: d.code.as_str(),
                fingerprint: format!("{:016x}", fnv1a(&[d.code.as_str(), path, &d.message, &occurrence])),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location { path, lines: Lines { begin: d.span.start.line, end: d.span.end.line } },
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}
