//! Reporters: the same findings, shown for people or for machines.
//!
//! A reporter takes the sorted diagnostics, the sources they point into and the summary,
//! and returns text. Choosing where the text goes is the binary's business.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

/// Output formats of `plan check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: source snippets, colour on a terminal, a summary line.
    #[default]
    Human,
    /// One JSON document on stdout, for tools.
    Json,
    /// GitHub Actions workflow commands: annotations on the changed lines of a pull request.
    Github,
    /// A GitLab Code Quality report, for the merge-request widget.
    Gitlab,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// A Markdown table of every finding, for a CI job's summary page.
    Markdown,
}
