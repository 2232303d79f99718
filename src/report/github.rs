//! GitHub Actions workflow commands: one `::error …::message` line per finding, so that a
//! pull request shows each finding on the line it is about.
//!
//! GitHub's escaping rules: in the message, `%`, `\r` and `\n` are percent-encoded; in the
//! properties (`file=…,title=…`) also `:` and `,`, which otherwise end the property.

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
        out.push_str(&format!(
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
            escape_property(file),
            d.span.start.line,
            d.span.end.line,
            d.span.start.column,
            d.span.end.column,
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
    fn escaping_follows_github() {
        assert_eq!(escape_data("50% klart\r\nnästa"), "50%25 klart%0D%0Anästa");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
