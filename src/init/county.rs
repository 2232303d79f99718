//! `plan county update`: write the county's decided text to the repository's copy.
//!
//! The copy of the county plan must say what the county decided (rule P012). When it does
//! not, or when the tool carries a newer decided version (the mid-term revision), one
//! command puts the decided text in place: the copy's file is replaced with the bundled file
//! (atomically; the previous text is in git) and `[county] digest` in `plan.toml` is set to
//! the version written, with the rest of `plan.toml` (comments, order) kept as it was.

use crate::county::{self, Strategy};
use crate::error::Error;
use crate::import::Outcome;
use crate::lang::Lang;
use crate::run::Repository;
use crate::t;

/// Replaces the repository's copy of the county plan with the newest decided version and
/// pins that version in `plan.toml`; says what changed.
pub fn update(repo: &Repository) -> Result<Outcome, Error> {
    let lang = repo.lang();
    let checked = crate::run::check(&repo.root, &repo.config, &repo.options)?;
    let plan = &checked.plan;
    let id = repo.config.county.plan_id();
    let Some(copy) = repo.config.county.copy(plan) else {
        return Err(Error::Usage(t!(
            lang,
            "det finns ingen kopia av länets handlingsplan (en handlingsplan med id `{id}` som inte följer någon annan) i repositoriet",
            "the repository holds no copy of the county plan (a handlingsplan with id `{id}` that follows no other)"
        )));
    };
    let source = plan.sources.get(copy.id.span.file);
    let newest = county::newest();
    let changes = changed_texts(&Strategy::of_plan(copy), newest.texts(), lang);
    let pinned = repo.config.county.digest.as_deref() == Some(newest.digest().as_str());
    let mut outcome = Outcome::default();
    let date = newest.decided;
    let name = &source.name;
    if changes.is_empty() && pinned {
        outcome.say(t!(
            lang,
            "{name} har redan länets text (beslutad {date}); inget ändrades",
            "{name} already has the county's text (decided {date}); nothing was changed"
        ));
        return Ok(outcome);
    }
    if !changes.is_empty() {
        let current = crate::files::read::file(&source.path, crate::load::MAX_FILE_BYTES)
            .map_err(|e| e.at(&source.path, repo.lang()))?;
        if current != newest.file.as_bytes() {
            crate::files::write::file(&source.path, newest.file.as_bytes()).map_err(|e| Error::io(&source.path, e))?;
        }
        let n = changes.len();
        outcome.say(t!(
            lang,
            "skrev länets handlingsplan (beslutad {date}) till {name}; {n} texter skilde sig:",
            "wrote the county plan (decided {date}) to {name}; {n} texts differed:"
        ));
        changes.iter().for_each(|c| outcome.say(format!("  {c}")));
    }
    if !pinned {
        pin(repo, &newest.digest())?;
        outcome.say(t!(
            lang,
            "plan.toml: [county] digest låser nu versionen beslutad {date}",
            "plan.toml: [county] digest now pins the version decided {date}"
        ));
    }
    Ok(outcome)
}

/// Sets `[county] digest` in the repository's `plan.toml`, creating the file or the table
/// when missing and keeping everything else as written.
fn pin(repo: &Repository, digest: &str) -> Result<(), Error> {
    let path = repo.root.join(crate::config::FILE_NAME);
    let text = match crate::files::read::text(&path, crate::config::MAX_BYTES) {
        Ok(text) => text,
        Err(crate::files::read::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e.at(&path, repo.lang())),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| Error::Config { path: path.clone(), message: e.message().to_owned() })?;
    let table = doc.entry("county").or_insert_with(toml_edit::table);
    let Some(table) = table.as_table_like_mut() else {
        let message = t!(repo.lang(), "`county` är inte en tabell", "`county` is not a table");
        return Err(Error::Config { path, message });
    };
    table.insert("digest", toml_edit::value(digest));
    let written = doc.to_string();
    // What is written must read back as settings, or nothing is written.
    crate::config::Config::parse(&written, repo.lang())?;
    crate::files::write::file(&path, written.as_bytes()).map_err(|e| Error::io(&path, e))
}

/// The texts of `copy` that differ from `decided`, named for people: "MO1.1", "målet".
pub fn changed_texts(copy: &Strategy, decided: &Strategy, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if copy.goal != decided.goal {
        out.push(lang.pick("målet", "the goal").to_owned());
    }
    for area in &decided.areas {
        let Some(c) = copy.areas.iter().find(|a| a.id == area.id) else {
            let id = &area.id;
            out.push(t!(lang, "{id} (saknades)", "{id} (missing)"));
            continue;
        };
        let id = &area.id;
        if c.name != area.name {
            out.push(t!(lang, "namnet på {id}", "the name of {id}"));
        }
        if c.hallmark != area.hallmark {
            out.push(t!(lang, "kännetecknet för {id}", "the kännetecken of {id}"));
        }
        for (d, text) in &area.directions {
            match c.directions.iter().find(|(x, _)| x == d) {
                None => out.push(t!(lang, "{d} (saknades)", "{d} (missing)")),
                Some((_, t)) if t != text => out.push(d.clone()),
                Some(_) => {}
            }
        }
    }
    let known = |id: &str| decided.areas.iter().any(|a| a.id == id || a.directions.iter().any(|(d, _)| d == id));
    for area in &copy.areas {
        let ids = std::iter::once(&area.id).chain(area.directions.iter().map(|(d, _)| d));
        for id in ids.filter(|id| !known(id)) {
            out.push(t!(lang, "{id} (fanns inte i länets plan)", "{id} (not in the county plan)"));
        }
    }
    out
}
