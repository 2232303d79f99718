//! Building the preview: the site in memory, or the page that says why there is none.
//!
//! Each build goes through the pipeline of `plan render` ([`Repository::open`],
//! [`Repository::check`], [`crate::render::build`]) with a sink that keeps every file in a
//! map instead of writing it. A plan with errors gives the findings page and anything that
//! stops a render (a broken `plan.toml`, a template error) the error page, in place of the
//! whole site: what is served is always what the files say now, never an older site.
//!
//! A build that gives exactly the bytes already served (an editor touched a file without
//! changing it, or wrote a backup beside it) keeps the served build and its generation, so
//! open pages are not reloaded for nothing.

use super::findings;
use crate::error::Error;
use crate::lang::Lang;
use crate::render::SiteFormat;
use crate::run::Repository;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A served file's bytes, shared by every response that sends them.
pub type Bytes = Arc<[u8]>;

/// The reserved path of the reload script.
pub const RELOAD_SCRIPT: &str = "/__plan/reload.js";

/// What one build serves.
#[derive(Debug)]
pub struct Build {
    /// Names this build for the reload script: the server's start and a count, so a page
    /// from an earlier run of `plan serve` reloads too.
    pub token: String,
    /// The site, or the page shown for every path instead.
    pub content: Content,
}

/// The files of a build.
#[derive(Debug)]
pub enum Content {
    /// The site's files by their path (`index.html`, `assets/style.css`).
    Site(HashMap<String, Bytes>),
    /// The findings page or the error page, shown for every path.
    Failed(Bytes),
}

/// How a build went, for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The site was built: its files and the plan's warnings.
    Site {
        /// Files in the site.
        files: usize,
        /// Warnings in the plan.
        warnings: usize,
    },
    /// The plan has errors; the findings page is served.
    Findings {
        /// Errors in the plan.
        errors: usize,
        /// Warnings in the plan.
        warnings: usize,
    },
    /// The site could not be built; the error page is served with this message.
    Failed(String),
}

/// The folders and files a build read, to be watched for the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// The plan folders, relative to the root.
    pub plan_dirs: Vec<PathBuf>,
    /// The `[[sources]]` repositories, relative to the root.
    pub sources: Vec<PathBuf>,
}

impl Inputs {
    /// The plan folders as a new repository has them (`plans/`), before any `plan.toml`
    /// could be read.
    pub fn default_for_new() -> Inputs {
        Inputs { plan_dirs: vec![PathBuf::from("plans")], sources: Vec::new() }
    }

    /// What a build with these settings reads.
    fn of(config: &crate::config::Config) -> Inputs {
        Inputs {
            plan_dirs: config.plan_dirs.clone(),
            sources: config.sources.iter().map(|s| PathBuf::from(&s.path)).collect(),
        }
    }

    /// What a build of the repository at `root` would read, by its `plan.toml` as it is now
    /// (the defaults when it cannot be read).
    pub fn read(root: &Path, lang: Lang) -> Inputs {
        crate::config::Config::load(root, lang).map_or_else(|_| Inputs::default_for_new(), |c| Inputs::of(&c))
    }
}

/// Makes the builds of one preview, numbering them.
#[derive(Debug)]
pub struct Builder {
    root: PathBuf,
    today: Option<String>,
    lang: Lang,
    instance: String,
    generation: u64,
    /// What the last build read, kept when a build could not even read `plan.toml`.
    inputs: Inputs,
    served: Option<Vec<u8>>,
}

impl Builder {
    /// A builder for the repository at `root`, with the check date `today` as given on the
    /// command line (or none), in `lang`.
    pub fn new(root: &Path, today: Option<String>, lang: Lang) -> Builder {
        let started = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let instance = format!("{:x}{:x}", started.as_secs(), std::process::id());
        Builder {
            root: root.to_path_buf(),
            today,
            lang,
            instance,
            generation: 0,
            inputs: Inputs::default_for_new(),
            served: None,
        }
    }

    /// What the last build read.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// Builds the preview. Returns the new build, or `None` when it serves exactly what the
    /// last one did; and how it went.
    pub fn build(&mut self) -> (Option<Build>, Outcome) {
        let (raw, outcome) = self.raw();
        self.finish(raw, outcome)
    }

    /// The error page for `message` as a build (for a build that panicked, a bug).
    pub fn failed_build(&mut self, message: &str) -> (Option<Build>, Outcome) {
        let page = findings::error_page(message, self.lang);
        self.finish(Raw::Page(page), Outcome::Failed(message.to_owned()))
    }

    /// The repository's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The build of what was made, numbered, unless it is what is served already.
    fn finish(&mut self, raw: Raw, outcome: Outcome) -> (Option<Build>, Outcome) {
        let digest = digest(&raw);
        if self.served.as_ref() == Some(&digest) {
            return (None, outcome);
        }
        self.generation += 1;
        let token = format!("{}-{}", self.instance, self.generation);
        let content = match raw {
            Raw::Site(files) => Content::Site(
                files
                    .into_iter()
                    .map(|(path, bytes)| {
                        let bytes = if path.ends_with(".html") { with_reload_script(&bytes, &token) } else { bytes };
                        (path, Bytes::from(bytes))
                    })
                    .collect(),
            ),
            Raw::Page(page) => Content::Failed(Bytes::from(with_reload_script(page.as_bytes(), &token))),
        };
        self.served = Some(digest);
        (Some(Build { token, content }), outcome)
    }

    /// The site's files, or the page to show instead.
    fn raw(&mut self) -> (Raw, Outcome) {
        let lang = self.lang;
        let repo = match Repository::open(Some(&self.root), self.today.as_deref(), lang) {
            Ok(repo) => repo,
            Err(e) => return failed(&e, lang),
        };
        self.inputs = Inputs::of(&repo.config);
        let checked = match repo.check() {
            Ok(checked) => checked,
            Err(e) => return failed(&e, lang),
        };
        let (errors, warnings) = (checked.summary.errors, checked.summary.warnings);
        if checked.has_errors() {
            let page = findings::findings_page(&checked, lang);
            return (Raw::Page(page), Outcome::Findings { errors, warnings });
        }
        match render(&repo, &checked) {
            Ok(files) => {
                let count = files.len();
                (Raw::Site(files), Outcome::Site { files: count, warnings })
            }
            Err(e) => failed(&e, lang),
        }
    }
}

/// What a build made, before the reload script is put in.
enum Raw {
    Site(HashMap<String, Vec<u8>>),
    Page(String),
}

fn failed(error: &Error, lang: Lang) -> (Raw, Outcome) {
    let message = error.message(lang);
    (Raw::Page(findings::error_page(&message, lang)), Outcome::Failed(message))
}

/// The site of a checked repository without errors, rendered into memory as `plan render`
/// renders it to disk.
fn render(repo: &Repository, checked: &crate::check::Checked) -> Result<HashMap<String, Vec<u8>>, Error> {
    let (mut options, _note) = crate::render::publish::options(repo, SiteFormat::Html)?;
    // A county's site shows its sources too, read against this check.
    options.sources = Arc::new(repo.sources(checked)?);
    let files = Mutex::new(HashMap::new());
    let sink = |path: &str, bytes: &[u8]| {
        // A poisoned lock only means another page's render panicked; its files are kept.
        let mut files = files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.insert(path.to_owned(), bytes.to_vec());
        Ok(())
    };
    crate::render::build(&checked.plan, &options, &sink)?;
    Ok(files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// The digest of what a build made, independent of the order pages were made in.
fn digest(raw: &Raw) -> Vec<u8> {
    let mut hash = Sha256::new();
    match raw {
        Raw::Site(files) => {
            let mut paths: Vec<&String> = files.keys().collect();
            paths.sort();
            hash.update(b"site\0");
            for path in paths {
                let bytes = &files[path];
                hash.update((path.len() as u64).to_le_bytes());
                hash.update(path.as_bytes());
                hash.update((bytes.len() as u64).to_le_bytes());
                hash.update(bytes);
            }
        }
        Raw::Page(page) => {
            hash.update(b"page\0");
            hash.update(page.as_bytes());
        }
    }
    hash.finalize().to_vec()
}

/// The page with the reload script put in before its last `</body>`, or at its end when it
/// has none (a user's template may leave it out). The script is external (no inline code,
/// so a strict Content-Security-Policy of the site still allows it) and names the build.
pub fn with_reload_script(page: &[u8], token: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_SCRIPT}\" data-generation=\"{token}\" defer></script>\n");
    let at = page.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end_or_at_the_end() {
        let page = with_reload_script(b"<p>a</body> <b></BODY>\n</html>", "x-1");
        let text = String::from_utf8(page).unwrap();
        assert_eq!(
            text,
            "<p>a</body> <b><script src=\"/__plan/reload.js\" data-generation=\"x-1\" defer></script>\n</BODY>\n</html>"
        );
        let text = String::from_utf8(with_reload_script(b"<p>no end", "x-2")).unwrap();
        assert!(text.starts_with("<p>no end<script"), "{text}");
    }

    #[test]
    fn an_unchanged_repository_keeps_its_build() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/site");
        let mut builder = Builder::new(&root, None, Lang::Sv);
        let (first, outcome) = builder.build();
        let first = first.expect("a first build");
        assert!(matches!(outcome, Outcome::Site { files, .. } if files > 10), "{outcome:?}");
        let Content::Site(files) = &first.content else { panic!("a site") };
        let index = String::from_utf8_lossy(&files["index.html"]);
        assert!(index.contains(&format!("data-generation=\"{}\"", first.token)), "{index}");
        assert!(!String::from_utf8_lossy(&files["assets/style.css"]).contains("__plan"));
        let (second, _) = builder.build();
        assert!(second.is_none(), "the same files give no new build");
    }
}
