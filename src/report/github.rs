//! GitHub Actions workflow commands: one `::error …::message` line per finding, so that a
//! pull request shows each finding on the line it is about.
//!
//! GitHub's escaping rules: in the message, `%`, `\r` and `\n` are percent-encoded; in the
//! properties (`file=…,title=…`) also `:` and `,`, which otherwise end the property.
//! Columns are given only for a finding on one line: GitHub takes `col` and `endColumn` as
//! columns of the same line and rejects an annotation that spans lines with them.

use crate::check::meta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Sources;

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per finding, each on its own line.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = &sources.get(d.span.file).name;
        let title = format!("{} {}", d.code, meta(d.code).name);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        let (start, end) = (d.span.start, d.span.end);
        let columns = if start.line == end.line {
            format!(",col={},endColumn={}", start.column, end.column)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "::{command} file={},line={},endLine={}{columns},title={}::{}\n",
            escape_property(file),
            start.line,
            end.line,
            escape_property(&title),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_only_for_a_finding_on_one_line() {
        use crate::diagnostic::Code;
        use crate::source::{Pos, SourceFile, Span};
        let mut sources = Sources::default();
        let file = sources.push(SourceFile::new("plans/a.yaml".into(), "a.yaml".into(), "a\nb\nc\n".into()));
        let at = |l1, c1, l2, c2| Span { file, start: Pos { line: l1, column: c1 }, end: Pos { line: l2, column: c2 } };
        let one = Diagnostic::new(Code::new("P004"), at(2, 3, 2, 9), "x".into());
        let many = Diagnostic::new(Code::new("P004"), at(2, 3, 4, 1), "y".into());
        let text = render(&[one, many], &sources);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].contains("line=2,endLine=2,col=3,endColumn=9,"), "{}", lines[0]);
        assert!(lines[1].contains("line=2,endLine=4,title="), "{}", lines[1]);
        assert!(!lines[1].contains("col="), "{}", lines[1]);
    }

    #[test]
    fn escaping_follows_github() {
        assert_eq!(escape_data("50% klart\r\nnästa"), "50%25 klart%0D%0Anästa");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
