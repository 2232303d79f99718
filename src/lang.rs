//! The language of user-facing text.
//!
//! Two languages do not need an i18n framework: every message is written in place as a
//! Swedish/English pair with the [`t!`](crate::t) macro, so a reader sees both versions side
//! by side and a missing translation is a compile error rather than a runtime fallback.
//! Text that belongs to no rule (summaries, command errors) lives in [`ui`].

use std::fmt;
use std::str::FromStr;

/// A language the tool can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "sv_se" | "svenska" | "swedish" => Ok(Lang::Sv),
            "en" | "en-gb" | "en-us" | "en_gb" | "en_us" | "english" | "engelska" => Ok(Lang::En),
            other => Err(format!("'{other}': expected sv or en")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        })
    }
}

impl Lang {
    /// The Swedish or the English text, whichever is this language.
    pub fn pick(self, sv: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// A catalogue of fixed interface words: `(key, Swedish, English)`. The site's labels and
/// the report's words are two such catalogues, read through [`word`] and [`words`].
pub type Catalogue = [(&'static str, &'static str, &'static str)];

/// One word of a catalogue in `lang`; empty for an unknown key.
pub fn word(catalogue: &Catalogue, lang: Lang, key: &str) -> &'static str {
    catalogue.iter().find(|(k, ..)| *k == key).map_or("", |&(_, sv, en)| lang.pick(sv, en))
}

/// Every word of a catalogue in `lang`, by key (a template's `labels` object).
pub fn words(catalogue: &Catalogue, lang: Lang) -> std::collections::BTreeMap<&'static str, &'static str> {
    catalogue.iter().map(|&(k, sv, en)| (k, lang.pick(sv, en))).collect()
}

/// Formats a message in the chosen language: `t!(lang, "svenska {x}", "English {x}")`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $sv:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::lang::Lang::Sv => format!($sv),
            $crate::lang::Lang::En => format!($en),
        }
    };
}

/// Text that belongs to no single rule.
pub mod ui {
    use super::Lang;

    /// A count with its noun in the right number: `count(lang, 1, FILES)` is "1 fil",
    /// `count(lang, 2, FILES)` "2 filer".
    pub fn count(lang: Lang, n: usize, noun: Noun) -> String {
        let (sv_one, sv_many, en_one, en_many) = noun;
        let word = match (lang, n == 1) {
            (Lang::Sv, true) => sv_one,
            (Lang::Sv, false) => sv_many,
            (Lang::En, true) => en_one,
            (Lang::En, false) => en_many,
        };
        format!("{n} {word}")
    }

    /// A noun's four forms: Swedish singular and plural, English singular and plural.
    pub type Noun = (&'static str, &'static str, &'static str, &'static str);

    /// Errors.
    pub const ERRORS: Noun = ("fel", "fel", "error", "errors");
    /// Warnings.
    pub const WARNINGS: Noun = ("varning", "varningar", "warning", "warnings");
    /// Files.
    pub const FILES: Noun = ("fil", "filer", "file", "files");
    /// Plans.
    pub const PLANS: Noun = ("plan", "planer", "plan", "plans");
    /// Activities.
    pub const ACTIVITIES: Noun = ("aktivitet", "aktiviteter", "activity", "activities");
    /// Findings.
    pub const FINDINGS: Noun = ("fynd", "fynd", "finding", "findings");
    /// Rows of a table.
    pub const ROWS: Noun = ("rad", "rader", "row", "rows");
    /// Values.
    pub const VALUES: Noun = ("värde", "värden", "value", "values");
    /// Years.
    pub const YEARS: Noun = ("år", "år", "year", "years");

    /// "3 fel, 2 varningar" — the counts part of the summary line.
    pub fn counts(lang: Lang, errors: usize, warnings: usize) -> String {
        format!("{}, {}", count(lang, errors, ERRORS), count(lang, warnings, WARNINGS))
    }

    /// The summary line printed after a human-readable check.
    pub fn summary(
        lang: Lang,
        errors: usize,
        warnings: usize,
        files: usize,
        plans: usize,
        activities: usize,
    ) -> String {
        let c = counts(lang, errors, warnings);
        let files = count(lang, files, FILES);
        let plans = count(lang, plans, PLANS);
        let activities = count(lang, activities, ACTIVITIES);
        t!(lang, "{c} ({files}, {plans}, {activities} kontrollerade)", "{c} ({files}, {plans}, {activities} checked)")
    }

    /// A size in bytes as a person reads a limit: `64 MiB`, `1.5 MiB`, or bytes when under one.
    pub fn bytes(n: u64) -> String {
        const MIB: u64 = 1024 * 1024;
        if n >= MIB && n.is_multiple_of(MIB) {
            format!("{} MiB", n / MIB)
        } else if n >= MIB {
            format!("{:.1} MiB", n as f64 / MIB as f64)
        } else {
            format!("{n} B")
        }
    }

    /// A count with spaces between thousands, as Swedish (and the SI) writes it: `100 000`.
    pub fn thousands(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// Said when the counts are shown but some findings were left out.
    pub fn truncated(lang: Lang, shown: usize, total: usize) -> String {
        let hidden = count(lang, total - shown, FINDINGS);
        t!(
            lang,
            "{hidden} till visas inte; de {shown} första visades",
            "{hidden} more not shown; the first {shown} were shown"
        )
    }

    /// Said when no plan files were found under the plan folders.
    pub fn no_plan_files(lang: Lang, dirs: &str) -> String {
        t!(lang, "hittade inga planfiler (*.yaml, *.yml) i {dirs}", "found no plan files (*.yaml, *.yml) in {dirs}")
    }

    /// What the operating system said about a file, in `lang`: the common cases in Swedish
    /// words (the system's own message is English), anything else with its error number.
    pub fn io_error(lang: Lang, e: &std::io::Error) -> String {
        use std::io::ErrorKind as K;
        if lang == Lang::En {
            return e.to_string();
        }
        let said = match e.kind() {
            K::NotFound => "finns inte",
            K::PermissionDenied => "åtkomst nekas: du saknar behörighet",
            K::AlreadyExists => "finns redan",
            K::IsADirectory => "är en mapp, inte en fil",
            K::NotADirectory => "är inte en mapp",
            K::DirectoryNotEmpty => "mappen är inte tom",
            K::ReadOnlyFilesystem => "går inte att skriva: filsystemet är skrivskyddat",
            K::StorageFull | K::QuotaExceeded => "går inte att skriva: disken är full",
            K::InvalidData => "innehållet går inte att läsa som text (UTF-8)",
            K::FileTooLarge => "filen är för stor",
            K::InvalidFilename => "namnet går inte att använda som filnamn",
            _ => {
                return match e.raw_os_error() {
                    Some(n) => format!("kunde inte läsas eller skrivas (systemets felkod {n})"),
                    None => "kunde inte läsas eller skrivas".to_owned(),
                };
            }
        };
        said.to_owned()
    }

    /// Prefix for errors that stop the command (usage, I/O).
    pub fn error_prefix(lang: Lang) -> &'static str {
        lang.pick("fel", "error")
    }

    /// Word for a severity, as shown to people.
    pub fn severity(lang: Lang, error: bool) -> &'static str {
        match (lang, error) {
            (Lang::Sv, true) => "fel",
            (Lang::Sv, false) => "varning",
            (Lang::En, true) => "error",
            (Lang::En, false) => "warning",
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn one_is_singular_and_every_other_count_plural() {
            assert_eq!(count(Lang::Sv, 1, FILES), "1 fil");
            assert_eq!(count(Lang::Sv, 0, FILES), "0 filer");
            assert_eq!(count(Lang::En, 1, ACTIVITIES), "1 activity");
            assert_eq!(count(Lang::En, 2, ACTIVITIES), "2 activities");
            assert_eq!(summary(Lang::Sv, 1, 1, 1, 1, 1), "1 fel, 1 varning (1 fil, 1 plan, 1 aktivitet kontrollerade)");
            assert_eq!(
                summary(Lang::En, 2, 0, 3, 2, 4),
                "2 errors, 0 warnings (3 files, 2 plans, 4 activities checked)"
            );
        }
    }
}
