//! `plan.toml`: the project's settings.
//!
//! The file is optional. Its location marks the repository root (like `Cargo.toml`), and
//! unknown keys are errors with their line, so a misspelt setting is never silently
//! ignored. Rule levels are keyed by code or name and validated here, once.

use crate::check::{Level, Levels, find_rule};
use crate::lang::Lang;
use crate::t;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the settings file.
pub const FILE_NAME: &str = "plan.toml";

/// Settings as written in `plan.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Folders holding plan files, relative to the root.
    plans: Option<Vec<String>>,
    /// Pinned check date.
    today: Option<toml::Value>,
    /// Per-rule levels.
    rules: Option<BTreeMap<String, Level>>,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folders holding plan files, relative to the root.
    pub plan_dirs: Vec<PathBuf>,
    /// Pinned check date, if any.
    pub today: Option<NaiveDate>,
    /// Per-rule levels.
    pub levels: Levels,
}

impl Default for Config {
    fn default() -> Self {
        Config { plan_dirs: vec![PathBuf::from("plans")], today: None, levels: Levels::new() }
    }
}

/// A `plan.toml` that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, including the line when known.
    pub message: String,
}

impl Config {
    /// Reads `plan.toml` in `root`, or the defaults when there is none.
    pub fn load(root: &Path, lang: Lang) -> Result<Config, ConfigError> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(ConfigError { path, message: e.to_string() }),
        };
        Config::parse(&text, lang).map_err(|message| ConfigError { path, message })
    }

    /// Parses the text of a `plan.toml`.
    pub fn parse(text: &str, lang: Lang) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| line_col(text, s.start));
            let m = e.message().trim_end();
            match at {
                Some((l, c)) => t!(lang, "rad {l}, kolumn {c}: {m}", "line {l}, column {c}: {m}"),
                None => e.message().to_owned(),
            }
        })?;
        let mut config = Config::default();
        if let Some(dirs) = raw.plans {
            if dirs.is_empty() {
                return Err(t!(lang, "`plans` ska nämna minst en mapp", "`plans` must name at least one folder"));
            }
            for d in &dirs {
                let p = Path::new(d);
                if p.is_absolute() || p.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
                    return Err(t!(
                        lang,
                        "`plans`: `{d}` ska vara en mapp inuti repositoriet",
                        "`plans`: `{d}` must be a folder inside the repository"
                    ));
                }
            }
            config.plan_dirs = dirs.into_iter().map(PathBuf::from).collect();
        }
        if let Some(today) = raw.today {
            let text = match &today {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                other => other.to_string(),
            };
            config.today = Some(parse_today(&text, lang)?);
        }
        for (key, level) in raw.rules.unwrap_or_default() {
            let Some(rule) = find_rule(&key) else {
                return Err(t!(
                    lang,
                    "`[rules]`: okänd regel `{key}`; se `plan explain`",
                    "`[rules]`: unknown rule `{key}`; see `plan explain`"
                ));
            };
            config.levels.insert(rule.meta().code, level);
        }
        Ok(config)
    }
}

/// Parses a check date given on the command line, in the environment or in `plan.toml`.
pub fn parse_today(text: &str, lang: Lang) -> Result<NaiveDate, String> {
    crate::model::build::parse_date(text.trim()).ok_or_else(|| {
        t!(lang, "`{text}` är inte ett datum på formen ÅÅÅÅ-MM-DD", "`{text}` is not a date of the form YYYY-MM-DD")
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Finds the repository root: the given path, or the nearest ancestor of `cwd` with a
/// `plan.toml`, or `cwd` itself.
pub fn find_root(path: Option<&Path>, cwd: &Path) -> PathBuf {
    if let Some(p) = path {
        return p.to_path_buf();
    }
    cwd.ancestors().find(|dir| dir.join(FILE_NAME).is_file()).unwrap_or(cwd).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn reads_every_setting() {
        let c = Config::parse(
            "plans = [\"a\", \"b/c\"]\ntoday = 2024-12-31\n[rules]\n\"ej-täckt\" = \"off\"\nP008 = \"error\"\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(c.plan_dirs, vec![PathBuf::from("a"), PathBuf::from("b/c")]);
        assert_eq!(c.today, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(c.levels.get(&Code::P010), Some(&Level::Off));
        assert_eq!(c.levels.get(&Code::P008), Some(&Level::Error));
    }

    #[test]
    fn today_may_be_a_string() {
        let c = Config::parse("today = \"2024-06-30\"\n", Lang::En).unwrap();
        assert_eq!(c.today, NaiveDate::from_ymd_opt(2024, 6, 30));
    }

    #[test]
    fn mistakes_are_reported_with_their_line() {
        let e = Config::parse("plans = [\"plans\"]\ntodya = 2024-01-01\n", Lang::En).unwrap_err();
        assert!(e.starts_with("line 2, column 1:"), "{e}");
        let e = Config::parse("[rules]\nP999 = \"off\"\n", Lang::En).unwrap_err();
        assert!(e.contains("P999"), "{e}");
        let e = Config::parse("[rules]\nP001 = \"loud\"\n", Lang::En).unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
        assert!(Config::parse("plans = [\"../elsewhere\"]\n", Lang::En).is_err());
    }

    #[test]
    fn root_is_the_nearest_ancestor_with_plan_toml() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("plans/lan");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(find_root(None, &nested), nested);
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find_root(None, &nested), dir.path());
        assert_eq!(find_root(Some(Path::new("x")), &nested), PathBuf::from("x"));
    }
}
