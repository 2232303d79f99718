//! A county repository's sources: the municipalities' own repositories that it reads.
//!
//! `[[sources]]` in `plan.toml` lists folders inside the repository (git submodules, or
//! checkouts that CI makes; the tool fetches nothing). Each is a plan repository of its own:
//! read with its own `plan.toml`, checked with its own rule levels, its ids unique within it
//! and not across sources (every municipality may have its own `lokal-2025`). The county
//! shows them together: `plan check` reports every source's findings under the source's
//! own paths, `plan render` adds a page per source and the county-wide coverage, and a
//! source with errors, or one whose `plan.toml` cannot be read, is marked failing without
//! stopping the rest.

use crate::check::{Checked, Summary};
use crate::diagnostic::{Diagnostic, Related};
use crate::error::Error;
use crate::source::{FileId, SourceFile, Sources, Span};
use std::path::PathBuf;
use std::sync::Arc;

/// `[[sources]]`: another plan repository that this one reads and publishes with its own,
/// as a county repository reads its municipalities'. The tool never fetches it: it is a
/// folder inside the repository (a git submodule, or a checkout made by CI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpec {
    /// The folder, relative to the repository root, as written (`kommuner/nacka`).
    pub path: String,
    /// What the county site calls it [default: the name of its own plan's owner].
    pub name: Option<String>,
    /// Where its own site is published, so the county site can link its activities there.
    pub url: Option<String>,
    /// The line of `plan.toml` it is written on, for messages about it.
    pub line: usize,
}

/// One source repository, as read.
#[derive(Debug)]
pub struct Source {
    /// How `plan.toml` lists it.
    pub spec: SourceSpec,
    /// The name the county shows: `name` as written, else the name of the owner of the
    /// source's own plan, else its folder.
    pub name: String,
    /// The check of the source, or why it could not be read (its `plan.toml` is broken).
    pub checked: Result<Checked, Error>,
}

impl Source {
    /// The check, when the source could be read.
    pub fn checked(&self) -> Option<&Checked> {
        self.checked.as_ref().ok()
    }

    /// Whether the county shows it as failing: it could not be read, or it has errors.
    pub fn failing(&self) -> bool {
        self.checked().is_none_or(Checked::has_errors)
    }

    /// The prefix of its files' names in the county's reports: `kommuner/nacka/`.
    pub fn prefix(&self) -> String {
        let path: Vec<&str> = self.spec.path.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
        format!("{}/", path.join("/"))
    }
}

/// A county's findings together: its own, then each source's under the source's paths.
#[derive(Debug)]
pub struct Combined {
    /// Every finding, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the findings point into: the county's own, each source's with its folder
    /// in front, and `plan.toml` when a finding is about a `[[sources]]` entry.
    pub sources: Sources,
    /// The counts over everything.
    pub summary: Summary,
}

/// Puts the county's own check and its sources' together for one report. `own_toml` is the
/// county's `plan.toml` (its name and text), pointed at by the findings about sources that
/// could not be read (`unreadable`, made by the caller with `FileId(u32::MAX)` as their file).
pub fn combine(
    own: Checked,
    sources: &[Source],
    own_toml: Option<(String, Arc<str>)>,
    unreadable: Vec<Diagnostic>,
) -> Combined {
    let mut files = own.plan.sources;
    let mut diagnostics = own.diagnostics;
    let mut summary = own.summary;
    for source in sources {
        let Some(checked) = source.checked() else { continue };
        let offset = u32::try_from(files.len()).unwrap_or(u32::MAX);
        let prefix = source.prefix();
        for (_, file) in checked.plan.sources.iter() {
            let name = format!("{prefix}{}", file.name);
            files.push(SourceFile::new(name, file.path.clone(), file.text.clone()));
        }
        let shift = |span: Span| Span { file: FileId(span.file.0.saturating_add(offset)), ..span };
        diagnostics.extend(checked.diagnostics.iter().map(|d| Diagnostic {
            span: shift(d.span),
            related: d.related.iter().map(|r| Related { span: shift(r.span), message: r.message.clone() }).collect(),
            ..d.clone()
        }));
        summary.files += checked.summary.files;
        summary.plans += checked.summary.plans;
        summary.activities += checked.summary.activities;
    }
    if !unreadable.is_empty()
        && let Some((name, text)) = own_toml
    {
        let at = files.push(SourceFile::new(name, PathBuf::new(), text));
        diagnostics.extend(unreadable.into_iter().map(|d| Diagnostic { span: Span { file: at, ..d.span }, ..d }));
    }
    // The county's own files first, then each source's in the order listed.
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message)));
    summary.count_findings(&diagnostics);
    Combined { diagnostics, sources: files, summary }
}
