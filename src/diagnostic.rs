//! Findings as data.
//!
//! A [`Diagnostic`] is what a rule found — code, severity, message, the span of the value
//! at fault, a help text and related places — and nothing about how it will be shown.
//! Rules and the loader produce them; the reporters in [`crate::report`] turn them into
//! terminal output, JSON and whatever CI wants.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable code of every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// Not valid or not allowed YAML.
    P001,
    /// Does not follow the file format.
    P002,
    /// The same id defined twice.
    P003,
    /// A reference to a missing id, or to the wrong kind of thing.
    P004,
    /// Traces to no strategic direction.
    P005,
    /// An activity without an owner.
    P006,
    /// Dates that contradict each other or the check date.
    P007,
    /// Overdue.
    P008,
    /// Status contradicts the follow-up log.
    P009,
    /// A strategic direction no activity traces to.
    P010,
    /// `följer` names a missing plan or forms a cycle.
    P011,
}

impl Code {
    /// The code as written: `P004`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::P001 => "P001",
            Code::P002 => "P002",
            Code::P003 => "P003",
            Code::P004 => "P004",
            Code::P005 => "P005",
            Code::P006 => "P006",
            Code::P007 => "P007",
            Code::P008 => "P008",
            Code::P009 => "P009",
            Code::P010 => "P010",
            Code::P011 => "P011",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the check.
    Error,
    /// Reported; fails the check only under `--deny warnings`.
    Warning,
}

/// A secondary place that explains a finding (the first definition of a duplicate id, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Which rule found it.
    pub code: Code,
    /// Severity after configuration has been applied.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The value at fault.
    pub span: Span,
    /// A short label under the value in snippets, if it adds anything to the message.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Other places involved.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding with message and span; severity is set from the rule registry later.
    pub fn new(code: Code, span: Span, message: String) -> Self {
        Diagnostic { code, severity: Severity::Error, message, span, label: None, help: None, related: Vec::new() }
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<Option<String>>) -> Self {
        self.help = help.into();
        self
    }

    /// Adds a label shown under the value.
    pub fn with_label(mut self, label: String) -> Self {
        self.label = Some(label);
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, span: Span, message: String) -> Self {
        self.related.push(Related { span, message });
        self
    }

    /// Sort key: file, position, code.
    pub fn sort_key(&self) -> (Span, Code) {
        (self.span, self.code)
    }
}

/// Makes a user's value safe to quote in a message: control characters become visible
/// escapes and very long values are shortened, so a hostile id cannot garble a terminal.
pub fn sanitize(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_controls_and_bounds_length() {
        assert_eq!(sanitize("a\u{0}b\x1b"), "a\\u{0}b\\u{1b}");
        assert_eq!(sanitize(&"x".repeat(200)).chars().count(), 81);
    }
}
