//! Findings as data.
//!
//! A [`Diagnostic`] is what a rule found — code, severity, message, the span of the value
//! at fault, a help text and related places — and nothing about how it will be shown.
//! Rules and the loader produce them; the reporters in [`crate::report`] turn them into
//! terminal output, JSON and whatever CI wants.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable code of a rule: `P` and three digits (`P004`).
///
/// Every rule declares its own code in its file, and the registry
/// ([`crate::check::rules::RULES`]) lists the rules, so adding a rule adds nothing here. The
/// two codes of the findings made while loading, before any rule runs, are named here
/// because the loader, below the rules, reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(&'static str);

impl Code {
    /// P001 `yaml`: found by the YAML front end and the loader.
    pub const P001: Code = Code::new("P001");
    /// P002 `schema`: found while the YAML tree is converted into the model.
    pub const P002: Code = Code::new("P002");

    /// A code, checked when the program is compiled: `Code::new("P12")` does not build.
    pub const fn new(code: &'static str) -> Code {
        let b = code.as_bytes();
        assert!(b.len() == 4 && b[0] == b'P', "a rule code is P and three digits");
        let mut i = 1;
        while i < 4 {
            assert!(b[i].is_ascii_digit(), "a rule code is P and three digits");
            i += 1;
        }
        Code(code)
    }

    /// The code as written: `P004`.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
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

/// A change to the text that fixes a finding: what the help says to write, as an edit an
/// editor can apply (the language server's code actions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The text to replace.
    pub span: Span,
    /// What to write instead.
    pub replacement: String,
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
    /// A remark under the help: what is not shown because of this finding, such as the
    /// findings that only follow from a file that cannot be read.
    pub note: Option<String>,
    /// The id the finding is about, when it is about one that cannot be found (an unknown
    /// reference, an uncovered inriktning): how [`crate::check::cascade`] recognises the
    /// findings that may only follow from a file that could not be read. Not shown.
    pub subject: Option<String>,
    /// Edits that do what the help says (a did-you-mean id, quotes around a value), when
    /// the fix is certain enough to offer at a click. Not shown by the reports.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A finding with message and span; severity is set from the rule registry later.
    pub fn new(code: Code, span: Span, message: String) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message,
            span,
            label: None,
            help: None,
            related: Vec::new(),
            note: None,
            subject: None,
            fixes: Vec::new(),
        }
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

    /// Names the id the finding is about (see [`Diagnostic::subject`]).
    pub fn about(mut self, id: &str) -> Self {
        self.subject = Some(id.to_owned());
        self
    }

    /// Adds an edit that fixes the finding.
    pub fn with_fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fixes.push(Fix { span, replacement: replacement.into() });
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, span: Span, message: String) -> Self {
        self.related.push(Related { span, message });
        self
    }

    /// Sort key: errors before warnings, and among them a file that cannot be read (P001)
    /// first, since everything after it may follow from it; then file, position, code.
    pub fn sort_key(&self) -> (Severity, bool, Span, Code) {
        (self.severity, self.code != Code::P001, self.span, self.code)
    }
}

/// Makes a user's value safe to quote in a message: control and bidi characters become
/// visible escapes and very long values are shortened, so a hostile id cannot garble a
/// terminal or make a message read differently in any report.
pub fn sanitize(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() || crate::escape::is_bidi_control(c) {
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
    fn a_code_is_p_and_three_digits() {
        assert_eq!(Code::new("P012").as_str(), "P012");
        assert!(Code::P001 < Code::P002 && Code::P002 < Code::new("P010"));
        for bad in ["P12", "X012", "P0123", "P01a"] {
            assert!(std::panic::catch_unwind(|| Code::new(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn sanitize_escapes_controls_and_bounds_length() {
        assert_eq!(sanitize("a\u{0}b\x1b"), "a\\u{0}b\\u{1b}");
        assert_eq!(sanitize("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(sanitize(&"x".repeat(200)).chars().count(), 81);
    }
}
