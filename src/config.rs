//! `plan.toml`: the project's settings.
//!
//! The file is optional. Its location marks the repository root (like `Cargo.toml`), and
//! unknown keys are errors with their line, so a misspelt setting is never silently
//! ignored. Rule levels are keyed by code or name and validated here, once. Every mistake
//! is said in the user's language at its line ([`msg`]).

mod msg;

use crate::check::{Level, Levels, find_rule};
use crate::county::CountySettings;
use crate::error::Error;
use crate::lang::Lang;
pub use crate::sources::SourceSpec;
use crate::t;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the settings file.
pub const FILE_NAME: &str = "plan.toml";

/// Largest `plan.toml` read: settings are a few hundred lines at most.
pub const MAX_BYTES: u64 = 1024 * 1024;

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
    /// The published site.
    site: Option<SiteConfig>,
    /// The accessibility statement.
    accessibility: Option<AccessibilityConfig>,
    /// How `plan import` reads spreadsheets.
    import: Option<ImportConfig>,
    /// Which plan is the county plan's copy, and which decided version it follows.
    county: Option<CountySettings>,
    /// Other plan repositories this one reads (a county's municipalities).
    sources: Option<Vec<RawSource>>,
}

/// One `[[sources]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    path: toml::Spanned<String>,
    name: Option<String>,
    url: Option<String>,
}

/// `[import]`: how `plan import` reads a spreadsheet that is not in the exported layout.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// `[import.kolumner]`: layout column (`id`, `titel`, …) → the header the user's sheet has.
    #[serde(default)]
    pub kolumner: BTreeMap<String, String>,
    /// `[import.status]`: a word in the user's sheet → a status of the format (`"Pågår" = "pågående"`).
    #[serde(default)]
    pub status: BTreeMap<String, String>,
}

/// `[site]`: how the published site presents itself.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name; default: the county plan's name.
    pub title: Option<String>,
    /// The publishing organisation; default: the owner of the county plan.
    pub publisher: Option<String>,
    /// Colours, as `#rrggbb`.
    #[serde(default)]
    pub colors: Colors,
    /// The address the site is published at (`https://…`), normalised to end with `/`;
    /// without it no `sitemap.xml` is written, since a sitemap needs absolute addresses.
    pub url: Option<String>,
    /// The forge's edit address for a plan file, with `{path}` where the file's path
    /// (relative to the repository root) goes: pages from one plan file link to it.
    pub edit_url: Option<String>,
    /// How `plan render --format markdown` lays out its files: `mkdocs` (the default) or
    /// `hugo` (also Zola's convention); see `render::cms`.
    pub markdown: Option<String>,
}

/// How the Markdown output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarkdownStyle {
    /// `index.md`, links to `.md` files, ids as `<a id>` (MkDocs, GitHub, GitLab); see `render::cms`.
    #[default]
    MkDocs,
    /// `_index.md` section indexes, links to pretty addresses, ids as `{#id}` (Hugo, Zola).
    Hugo,
}

impl MarkdownStyle {
    /// The style named in `plan.toml`, or `None` for a name that is not one.
    pub fn parse(name: &str) -> Option<MarkdownStyle> {
        match name {
            "mkdocs" => Some(MarkdownStyle::MkDocs),
            "hugo" => Some(MarkdownStyle::Hugo),
            _ => None,
        }
    }
}

impl SiteConfig {
    /// The Markdown layout chosen (checked when `plan.toml` is read).
    pub fn markdown_style(&self) -> MarkdownStyle {
        self.markdown.as_deref().and_then(MarkdownStyle::parse).unwrap_or_default()
    }
}

/// `[site.colors]`: the palette, applied as CSS custom properties.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Headings and the header bar.
    #[serde(default = "default_primary")]
    pub primary: String,
    /// Links, focus ring and highlights.
    #[serde(default = "default_accent")]
    pub accent: String,
}

fn default_primary() -> String {
    "#0b2e59".to_owned()
}

fn default_accent() -> String {
    "#a4123f".to_owned()
}

impl Default for Colors {
    fn default() -> Self {
        Colors { primary: default_primary(), accent: default_accent() }
    }
}

/// `[accessibility]`: the facts of the accessibility statement that DOS-lagen requires.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    /// `helt`, `delvis` or `inte` (förenlig).
    pub compliance: Option<Compliance>,
    /// Content known not to be accessible, one sentence each.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// How the site was assessed.
    pub method: Option<String>,
    /// When it was assessed, `YYYY-MM-DD`.
    pub assessed: Option<toml::value::Datetime>,
    /// Where to send feedback: an e-mail address or a web address.
    pub feedback: Option<String>,
}

/// How far the site complies with the accessibility requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    /// Fully compliant.
    Helt,
    /// Partly compliant.
    Delvis,
    /// Not compliant.
    Inte,
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
    /// `[site]`.
    pub site: SiteConfig,
    /// `[accessibility]`.
    pub accessibility: AccessibilityConfig,
    /// `[import]`.
    pub import: ImportConfig,
    /// `[county]`.
    pub county: CountySettings,
    /// `[[sources]]`, in the order written.
    pub sources: Vec<SourceSpec>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            plan_dirs: vec![PathBuf::from("plans")],
            today: None,
            levels: Levels::new(),
            site: SiteConfig::default(),
            accessibility: AccessibilityConfig::default(),
            import: ImportConfig::default(),
            county: CountySettings::default(),
            sources: Vec::new(),
        }
    }
}

impl Config {
    /// The plan folders as shown in messages: `plans/, other/`.
    pub fn plan_dirs_shown(&self) -> String {
        self.plan_dirs.iter().map(|d| format!("{}/", d.display())).collect::<Vec<_>>().join(", ")
    }

    /// Reads `plan.toml` in `root`, or the defaults when there is none.
    pub fn load(root: &Path, lang: Lang) -> Result<Config, Error> {
        let path = root.join(FILE_NAME);
        let text = match crate::files::read::text(&path, MAX_BYTES) {
            Ok(text) => text,
            Err(crate::files::read::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => return Err(Error::Config { path, message: e.message(lang) }),
        };
        Config::read(&text, lang).map_err(|message| Error::Config { path, message })
    }

    /// Parses the text of a `plan.toml` (errors name it `plan.toml`).
    pub fn parse(text: &str, lang: Lang) -> Result<Config, Error> {
        Config::read(text, lang).map_err(|message| Error::Config { path: PathBuf::from(FILE_NAME), message })
    }

    /// Parses the text of a `plan.toml`; an error is the message about it, with its line
    /// when known, for [`Error::Config`] to put the file's path to.
    fn read(text: &str, lang: Lang) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| msg::toml_error(lang, &e, text))?;
        let at = |table: Option<&str>, key: &str, message: String| msg::located(lang, text, table, key, message);
        let mut config = Config::default();
        if let Some(dirs) = raw.plans {
            if dirs.is_empty() {
                return Err(at(
                    None,
                    "plans",
                    t!(lang, "`plans` ska nämna minst en mapp", "`plans` must name at least one folder"),
                ));
            }
            for d in &dirs {
                let p = Path::new(d);
                if p.is_absolute() || p.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
                    return Err(at(
                        None,
                        "plans",
                        t!(
                            lang,
                            "`plans`: `{d}` ska vara en mapp inuti repositoriet",
                            "`plans`: `{d}` must be a folder inside the repository"
                        ),
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
            config.today = Some(date(&text, lang).map_err(|m| at(None, "today", m))?);
        }
        if let Some(mut site) = raw.site {
            for (key, value) in [("primary", &site.colors.primary), ("accent", &site.colors.accent)] {
                check_color(key, value, lang).map_err(|m| at(Some("site.colors"), key, m))?;
            }
            if let Some(url) = &site.url {
                site.url = Some(site_url(url, lang).map_err(|m| at(Some("site"), "url", m))?);
            }
            if let Some(edit) = &site.edit_url {
                edit_url(edit, lang).map_err(|m| at(Some("site"), "edit_url", m))?;
            }
            if let Some(style) = &site.markdown
                && MarkdownStyle::parse(style).is_none()
            {
                return Err(at(
                    Some("site"),
                    "markdown",
                    t!(
                        lang,
                        "`[site]` `markdown`: `{style}` är inget av `mkdocs` (index.md och länkar till .md-filer, för MkDocs, GitHub och GitLab) och `hugo` (_index.md och länkar till sidornas adresser, för Hugo och Zola)",
                        "`[site]` `markdown`: `{style}` is neither `mkdocs` (index.md and links to the .md files, for MkDocs, GitHub and GitLab) nor `hugo` (_index.md and links to the pages' addresses, for Hugo and Zola)"
                    ),
                ));
            }
            config.site = site;
        }
        if let Some(a) = raw.accessibility {
            if let Some(date) = &a.assessed {
                self::date(&date.to_string(), lang).map_err(|m| at(Some("accessibility"), "assessed", m))?;
            }
            config.accessibility = a;
        }
        if let Some(mut county) = raw.county {
            county.configured = true;
            if let Some(d) = &county.digest
                && !is_digest(d)
            {
                return Err(at(
                    Some("county"),
                    "digest",
                    t!(
                        lang,
                        "`[county]` `digest`: `{d}` ska vara `sha256:` och 64 hexadecimala tecken, som `plan init` och `plan county update` skriver det",
                        "`[county]` `digest`: `{d}` must be `sha256:` and 64 hexadecimal digits, as `plan init` and `plan county update` write it"
                    ),
                ));
            }
            config.county = county;
        }
        for source in raw.sources.unwrap_or_default() {
            let (line, _) = msg::line_col(text, source.path.span().start);
            let path = source.path.into_inner();
            let p = Path::new(&path);
            // A folder below the repository's root: not the root itself, nothing outside it.
            let inside = !p.is_absolute()
                && p.components().all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
                && p.components().any(|c| matches!(c, std::path::Component::Normal(_)));
            if !inside {
                return Err(t!(
                    lang,
                    "rad {line}: `[[sources]]` `path = \"{path}\"` ska vara en mapp inuti repositoriet, utan `..`",
                    "line {line}: `[[sources]]` `path = \"{path}\"` must be a folder inside the repository, without `..`"
                ));
            }
            if let Some(url) = &source.url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err(t!(
                    lang,
                    "rad {line}: `[[sources]]` `url = \"{url}\"` ska börja med https://",
                    "line {line}: `[[sources]]` `url = \"{url}\"` must start with https://"
                ));
            }
            let normal =
                |p: &Path| p.components().filter(|c| matches!(c, std::path::Component::Normal(_))).collect::<PathBuf>();
            if config.sources.iter().any(|s| normal(Path::new(&s.path)) == normal(p)) {
                return Err(t!(
                    lang,
                    "rad {line}: `{path}` finns redan under `[[sources]]`",
                    "line {line}: `{path}` is already under `[[sources]]`"
                ));
            }
            config.sources.push(SourceSpec { path, name: source.name, url: source.url, line });
        }
        if let Some(import) = raw.import {
            check_import(&import, lang).map_err(|(table, key, m)| at(Some(table), &key, m))?;
            config.import = import;
        }
        for (key, level) in raw.rules.unwrap_or_default() {
            let Some(rule) = find_rule(&key) else {
                let known = crate::check::rules::RULES.iter().map(|r| r.meta().name);
                let hint = match crate::suggest::did_you_mean(&key, known) {
                    Some(s) => t!(lang, "menade du `{s}`? ", "did you mean `{s}`? "),
                    None => String::new(),
                };
                return Err(at(
                    Some("rules"),
                    &key,
                    t!(
                        lang,
                        "`[rules]`: okänd regel `{key}`; {hint}`plan explain` listar reglerna",
                        "`[rules]`: unknown rule `{key}`; {hint}`plan explain` lists the rules"
                    ),
                ));
            };
            config.levels.insert(rule.meta().code, level);
        }
        Ok(config)
    }
}

/// `[import.kolumner]` keys must be columns of the layout and `[import.status]` values
/// statuses of the format, so a typo is caught here rather than silently ignored.
fn check_import(import: &ImportConfig, lang: Lang) -> Result<(), (&'static str, String, String)> {
    use crate::table::activities::COLUMNS;
    for key in import.kolumner.keys() {
        if !COLUMNS.contains(&key.as_str()) {
            let hint = match crate::suggest::did_you_mean(key, COLUMNS.iter().copied()) {
                Some(s) => t!(lang, "; menade du `{s}`?", "; did you mean `{s}`?"),
                None => String::new(),
            };
            return Err((
                "import.kolumner",
                key.clone(),
                t!(
                    lang,
                    "`[import.kolumner]`: `{key}` är ingen kolumn i tabellen (se docs/exchange.md){hint}",
                    "`[import.kolumner]`: `{key}` is not a column of the table (see docs/exchange.md){hint}"
                ),
            ));
        }
    }
    // Every column must keep a header of its own, or the import reads one column's cells as
    // another's (headers are matched case-insensitively, so case does not tell them apart).
    let header = |column: &str| import.kolumner.get(column).map_or(column, String::as_str).trim().to_lowercase();
    for (i, a) in COLUMNS.iter().enumerate() {
        if let Some(b) = COLUMNS[..i].iter().find(|b| header(b) == header(a)) {
            let h = header(a);
            let key = if import.kolumner.contains_key(*a) { *a } else { *b };
            return Err((
                "import.kolumner",
                key.to_owned(),
                t!(
                    lang,
                    "`[import.kolumner]`: kolumnerna `{b}` och `{a}` får båda rubriken `{h}`; varje kolumn behöver en egen rubrik",
                    "`[import.kolumner]`: the columns `{b}` and `{a}` both get the header `{h}`; each column needs a header of its own"
                ),
            ));
        }
    }
    for (word, status) in &import.status {
        // A status of the format means itself: mapped to another, an exported sheet (which
        // writes that status with its own word) would import back changed.
        if let Some(own) = crate::model::Status::parse(&word.trim().to_lowercase()).map(|s| s.as_str())
            && own != status
        {
            return Err((
                "import.status",
                word.clone(),
                t!(
                    lang,
                    "`[import.status]`: `{word}` är själv en status i formatet och kan bara betyda `{own}`, inte `{status}`",
                    "`[import.status]`: `{word}` is itself a status of the format and can only mean `{own}`, not `{status}`"
                ),
            ));
        }
        if crate::model::Status::parse(status).is_none() {
            let all = crate::model::Status::listed();
            return Err((
                "import.status",
                word.clone(),
                t!(
                    lang,
                    "`[import.status]`: `{word}` = `{status}`: `{status}` är ingen status ({all})",
                    "`[import.status]`: `{word}` = `{status}`: `{status}` is not a status ({all})"
                ),
            ));
        }
    }
    Ok(())
}

/// Whether a text is a digest as `[county] digest` takes it.
fn is_digest(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A colour must be `#rrggbb` (nothing else can reach the stylesheet) and dark enough for
/// white text on it and for text in it on white: a contrast of at least 4.5:1 (WCAG AA).
fn check_color(key: &str, value: &str, lang: Lang) -> Result<(), String> {
    let hex = value.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    let Some(hex) = hex else {
        return Err(t!(
            lang,
            "`[site.colors]` `{key}`: `{value}` ska skrivas #rrggbb",
            "`[site.colors]` `{key}`: write `{value}` as #rrggbb"
        ));
    };
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    let contrast = 1.05 / (luminance + 0.05);
    if contrast < 4.5 {
        let c = format!("{contrast:.1}");
        return Err(t!(
            lang,
            "`[site.colors]` `{key}`: `{value}` har kontrasten {c}:1 mot vitt; minst 4.5:1 krävs för att texten ska gå att läsa (WCAG 2.1 AA)",
            "`[site.colors]` `{key}`: `{value}` has a contrast of {c}:1 against white; at least 4.5:1 is needed for text to be readable (WCAG 2.1 AA)"
        ));
    }
    Ok(())
}

/// `[site] url`: an absolute `http` or `https` address with a host and nothing that
/// would need escaping to stand in XML or HTML unchanged; returned ending with `/`.
fn site_url(url: &str, lang: Lang) -> Result<String, String> {
    let host = http_host(url);
    let clean = plain(url, &['&', '?', '#']);
    if host.is_none_or(str::is_empty) || !clean {
        return Err(t!(
            lang,
            "`[site]` `url`: `{url}` ska vara en fullständig adress som börjar med https:// (eller http://), utan mellanslag, `?`, `#`, `&`, citattecken och `<` `>`",
            "`[site]` `url`: `{url}` must be a full address starting with https:// (or http://), without spaces, `?`, `#`, `&`, quotes and `<` `>`"
        ));
    }
    Ok(if url.ends_with('/') { url.to_owned() } else { format!("{url}/") })
}

/// `[site] edit_url`: an `http` or `https` address with a host and `{path}` in it, without
/// spaces, quotes or `<` `>`.
fn edit_url(url: &str, lang: Lang) -> Result<(), String> {
    let host = http_host(url);
    let clean = plain(url, &['\\']);
    if host.is_none_or(|h| h.is_empty() || h.contains("{path}")) || !clean || !url.contains("{path}") {
        return Err(t!(
            lang,
            "`[site]` `edit_url`: `{url}` ska vara en fullständig adress som börjar med https:// (eller http://) och innehåller `{{path}}` där planfilens sökväg ska stå, utan mellanslag, citattecken och `<` `>`",
            "`[site]` `edit_url`: `{url}` must be a full address starting with https:// (or http://) with `{{path}}` where the plan file's path goes, without spaces, quotes and `<` `>`"
        ));
    }
    Ok(())
}

/// The host of an `http://` or `https://` address (empty when there is none), or `None` for
/// another scheme.
fn http_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.map(|r| r.split('/').next().unwrap_or(""))
}

/// Whether an address is visible ASCII with nothing that HTML or XML would need escaped
/// (`<` `>` quotes and backquote) and none of `also`.
fn plain(url: &str, also: &[char]) -> bool {
    url.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\'' | '`') && !also.contains(&c))
}

/// Parses a check date given on the command line or in the environment.
pub fn parse_today(text: &str, lang: Lang) -> Result<NaiveDate, Error> {
    date(text, lang).map_err(Error::Usage)
}

/// A date written `YYYY-MM-DD`, or the message that it is not one.
fn date(text: &str, lang: Lang) -> Result<NaiveDate, String> {
    crate::model::parse_date(text.trim()).ok_or_else(|| {
        t!(lang, "`{text}` är inte ett datum på formen ÅÅÅÅ-MM-DD", "`{text}` is not a date of the form YYYY-MM-DD")
    })
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
        let c = Config::read(
            "plans = [\"a\", \"b/c\"]\ntoday = 2024-12-31\n[rules]\n\"ej-täckt\" = \"off\"\nP008 = \"error\"\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(c.plan_dirs, vec![PathBuf::from("a"), PathBuf::from("b/c")]);
        assert_eq!(c.today, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(c.levels.get(&Code::new("P010")), Some(&Level::Off));
        assert_eq!(c.levels.get(&Code::new("P008")), Some(&Level::Error));
    }

    #[test]
    fn site_colours_must_be_hex_and_readable() {
        let ok = Config::read("[site.colors]\nprimary = \"#003366\"\n", Lang::En).unwrap();
        assert_eq!(ok.site.colors.primary, "#003366");
        assert_eq!(ok.site.colors.accent, "#a4123f");
        let e = Config::read("[site.colors]\nprimary = \"#ffff00\"\n", Lang::En).unwrap_err();
        assert!(e.contains("contrast"), "{e}");
        let e = Config::read("[site.colors]\naccent = \"red;} body{display:none\"\n", Lang::En).unwrap_err();
        assert!(e.contains("#rrggbb"), "{e}");
    }

    #[test]
    fn site_url_must_be_an_http_address() {
        let ok = Config::read("[site]\nurl = \"https://plan.example.se/folkhalsa\"\n", Lang::En).unwrap();
        assert_eq!(ok.site.url.as_deref(), Some("https://plan.example.se/folkhalsa/"));
        let ok = Config::read("[site]\nurl = \"http://localhost:8080/\"\n", Lang::En).unwrap();
        assert_eq!(ok.site.url.as_deref(), Some("http://localhost:8080/"));
        for bad in [
            "javascript:alert(1)",
            "ftp://x.se/",
            "https://",
            "https:///x",
            "https://a.se/<b>",
            "https://a.se/?q=1",
            "https://a b.se/",
        ] {
            let text = format!("[site]\ntitle = \"T\"\nurl = {bad:?}\n");
            let e = Config::read(&text, Lang::Sv).unwrap_err();
            assert_eq!(
                e,
                format!(
                    "rad 3: `[site]` `url`: `{bad}` ska vara en fullständig adress som börjar med https:// (eller http://), utan mellanslag, `?`, `#`, `&`, citattecken och `<` `>`"
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn edit_url_must_be_an_http_address_with_path() {
        let ok = Config::read("[site]\nedit_url = \"https://github.com/o/r/edit/main/{path}\"\n", Lang::En).unwrap();
        assert_eq!(ok.site.edit_url.as_deref(), Some("https://github.com/o/r/edit/main/{path}"));
        for bad in [
            "https://github.com/o/r/edit/main/",
            "javascript:{path}",
            "https://{path}",
            "https://a.se/\\\"{path}",
            "https://a.se/ {path}",
        ] {
            let text = format!("[site]\nedit_url = {bad:?}\n");
            let e = Config::read(&text, Lang::Sv).unwrap_err();
            assert_eq!(
                e,
                format!(
                    "rad 2: `[site]` `edit_url`: `{bad}` ska vara en fullständig adress som börjar med https:// (eller http://) och innehåller `{{path}}` där planfilens sökväg ska stå, utan mellanslag, citattecken och `<` `>`"
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn accessibility_statement_settings_are_read() {
        let c = Config::read(
            "[accessibility]\ncompliance = \"delvis\"\nknown_issues = [\"Diagrammen saknar mönster.\"]\nassessed = 2025-11-01\nfeedback = \"tillganglighet@example.se\"\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(c.accessibility.compliance, Some(Compliance::Delvis));
        assert_eq!(c.accessibility.known_issues.len(), 1);
        assert!(Config::read("[accessibility]\ncompliance = \"kanske\"\n", Lang::En).is_err());
    }

    #[test]
    fn import_mapping_is_read_and_checked() {
        let c = Config::read(
            "[import.kolumner]\nid = \"Aktivitets-ID\"\n[import.status]\n\"Pågår\" = \"pågående\"\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(c.import.kolumner["id"], "Aktivitets-ID");
        assert_eq!(c.import.status["Pågår"], "pågående");
        let e = Config::read("[import.kolumner]\ntitle = \"X\"\n", Lang::En).unwrap_err();
        assert!(e.contains("did you mean `titel`"), "{e}");
        assert!(Config::read("[import.status]\nX = \"done\"\n", Lang::En).is_err());
        assert!(Config::read("[import]\ncolumns = {}\n", Lang::En).is_err());
    }

    #[test]
    fn every_column_keeps_a_header_of_its_own_and_a_status_means_itself() {
        // Two columns under one header, or a column under another column's own header: the
        // import would read one column's cells as the other's.
        for toml in [
            "[import.kolumner]\ntitel = \"X\"\nbeskrivning = \"x \"\n",
            "[import.kolumner]\ntitel = \"id\"\n",
            "[import.kolumner]\nstatus = \"Uppföljning status\"\n",
        ] {
            let e = Config::read(toml, Lang::En).unwrap_err();
            assert!(e.contains("both get the header"), "{toml}: {e}");
        }
        // Swapping two headers is fine: each column still has its own.
        assert!(
            Config::read("[import.kolumner]\ntitel = \"beskrivning\"\nbeskrivning = \"titel\"\n", Lang::En).is_ok()
        );
        let e = Config::read("[import.status]\n\"Klar\" = \"pågående\"\n", Lang::En).unwrap_err();
        assert!(e.contains("`Klar` is itself a status of the format and can only mean `klar`, not `pågående`"), "{e}");
        assert!(Config::read("[import.status]\n\"Klar\" = \"klar\"\n", Lang::En).is_ok());
    }

    #[test]
    fn the_county_plan_and_its_digest_are_read_and_checked() {
        let digest = crate::county::newest().digest();
        let c = Config::read(&format!("[county]\nplan = \"lan\"\ndigest = \"{digest}\"\n"), Lang::En).unwrap();
        assert_eq!((c.county.plan_id(), c.county.digest.as_deref()), ("lan", Some(digest.as_str())));
        assert_eq!(Config::read("", Lang::En).unwrap().county.plan_id(), "lan");
        let e = Config::read("[county]\ndigest = \"abc\"\n", Lang::En).unwrap_err();
        assert!(e.contains("sha256:"), "{e}");
        assert!(Config::read("[county]\nversion = \"2027\"\n", Lang::En).is_err());
    }

    #[test]
    fn sources_are_folders_inside_the_repository_with_their_line() {
        let c = Config::read(
            "# a county\n[[sources]]\npath = \"kommuner/nacka\"\n\n[[sources]]\npath = \"kommuner/solna\"\nname = \"Solna stad\"\nurl = \"https://example.se/solna/\"\n",
            Lang::En,
        )
        .unwrap();
        let shown: Vec<(&str, Option<&str>, usize)> =
            c.sources.iter().map(|s| (s.path.as_str(), s.name.as_deref(), s.line)).collect();
        assert_eq!(shown, [("kommuner/nacka", None, 3), ("kommuner/solna", Some("Solna stad"), 6)]);
        for bad in ["../nacka", "/srv/nacka", "", "a/../../b", ".", "./"] {
            let e = Config::read(&format!("[[sources]]\npath = \"{bad}\"\n"), Lang::En).unwrap_err();
            assert!(e.starts_with("line 2: ") && e.contains("inside the repository"), "{bad}: {e}");
        }
        let e = Config::read("[[sources]]\npath = \"a\"\n[[sources]]\npath = \"./a\"\n", Lang::En).unwrap_err();
        assert!(e.contains("already"), "{e}");
        assert!(Config::read("[[sources]]\npath = \"a\"\nurl = \"javascript:x\"\n", Lang::En).is_err());
        assert!(Config::read("[[sources]]\npath = \"a\"\nbranch = \"main\"\n", Lang::En).is_err());
    }

    #[test]
    fn today_may_be_a_string() {
        let c = Config::read("today = \"2024-06-30\"\n", Lang::En).unwrap();
        assert_eq!(c.today, NaiveDate::from_ymd_opt(2024, 6, 30));
    }

    #[test]
    fn mistakes_are_reported_with_their_line() {
        let e = Config::read("plans = [\"plans\"]\ntodya = 2024-01-01\n", Lang::En).unwrap_err();
        assert!(e.starts_with("line 2, column 1:"), "{e}");
        let e = Config::read("[rules]\nP999 = \"off\"\n", Lang::En).unwrap_err();
        assert!(e.contains("P999"), "{e}");
        let e = Config::read("[rules]\nP001 = \"loud\"\n", Lang::En).unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
        assert!(Config::read("plans = [\"../elsewhere\"]\n", Lang::En).is_err());
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
