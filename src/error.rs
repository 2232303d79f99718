//! What stops a command, as one type, each kind with its exit code.
//!
//! Findings are not errors: a check that finds mistakes in the plan returns them as data
//! ([`Checked`]). An [`Error`] is what keeps a command from doing its job at all — a bad
//! flag value, a broken `plan.toml`, a file that cannot be read or written, a git revision
//! that does not exist — or, for the commands that need a plan without errors (render,
//! report, export, list), the refusal together with the findings that caused it, for the
//! caller to show. Messages are written in the user's language where the error is made,
//! since only there is it known which file, line or flag they are about.

use crate::check::Checked;
use std::path::PathBuf;

/// Why a command could not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something that cannot be done: a bad flag value, flags
    /// that do not go together, a filter that names nothing in the plan.
    #[error("{0}")]
    Usage(String),
    /// The repository cannot be read as one: its folder or its plan folders do not exist,
    /// or they hold no plan files.
    #[error("{0}")]
    Repository(String),
    /// `plan.toml` cannot be used; the message names the line where it is known.
    #[error("{}: {message}", path.display())]
    Config {
        /// The settings file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A file given to the command (a spreadsheet, a Kolada response, a plan file to edit)
    /// cannot be read as one.
    #[error("{0}")]
    Input(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A place to write to is refused (it would destroy sources or someone else's files)
    /// or could not be written.
    #[error("{0}")]
    Output(String),
    /// A template, usually a user's override, failed to parse or render.
    #[error("{0}")]
    Template(String),
    /// The git history cannot be read, or a revision does not exist.
    #[error("{0}")]
    Git(String),
    /// The plan has errors, so the command did not do its job; the findings come along so
    /// that the caller can show them as `plan check` does.
    #[error("{message}")]
    PlanHasErrors {
        /// The check that found the errors.
        checked: Box<Checked>,
        /// What was not done, and why.
        message: String,
    },
}

impl Error {
    /// The exit code of a command that ends with this error: 1 when the plan's findings
    /// stopped it (as a failing `plan check` exits), 2 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::PlanHasErrors { .. } => 1,
            _ => 2,
        }
    }

    /// A failed read or write of `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    /// What to tell the user, in `lang`: the message, with what the operating system said
    /// about a file in that language too.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            Error::Io { path, source } => format!("{}: {}", path.display(), crate::lang::ui::io_error(lang, source)),
            other => other.to_string(),
        }
    }
}

/// A result whose error is an [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_exit_1_and_everything_else_2() {
        let refused = Error::PlanHasErrors { checked: Box::default(), message: "no".into() };
        assert_eq!(refused.exit_code(), 1);
        let others = [
            Error::Usage("u".into()),
            Error::Repository("r".into()),
            Error::Config { path: "plan.toml".into(), message: "line 1".into() },
            Error::Input("i".into()),
            Error::io("a/b.yaml", std::io::Error::from(std::io::ErrorKind::NotFound)),
            Error::Output("o".into()),
            Error::Template("t".into()),
            Error::Git("g".into()),
        ];
        assert!(others.iter().all(|e| e.exit_code() == 2));
    }

    #[test]
    fn io_errors_are_said_in_the_users_language() {
        let e = Error::io("plans/a.yaml", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(e.message(crate::lang::Lang::Sv), "plans/a.yaml: finns inte");
        assert!(e.message(crate::lang::Lang::En).starts_with("plans/a.yaml: "));
    }

    #[test]
    fn messages_name_the_file() {
        let e = Error::Config { path: "x/plan.toml".into(), message: "line 2, column 1: unknown field".into() };
        assert_eq!(e.to_string(), "x/plan.toml: line 2, column 1: unknown field");
        let e = Error::io("out/a.csv", std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert!(e.to_string().starts_with("out/a.csv: "), "{e}");
    }
}
