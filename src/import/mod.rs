//! `plan import`: activities from a spreadsheet, indicator values from Kolada.
//!
//! Both read a file the user has (a sheet, a downloaded Kolada response), plan every edit
//! to one aktivitetsplan or handlingsplan file through the surgical editor
//! ([`crate::edit`]), and write the result atomically only when nothing failed and the
//! user said `--force` for an existing file. The tool never goes on the network.

pub mod activities;
pub mod kolada;
pub mod layout;
pub mod limits;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};

use crate::check::Checked;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::edit::Document;
use crate::error::Error;
use crate::lang::Lang;
use crate::run::{CheckOptions, check};
use crate::t;
use activities::Target;

/// What a command has to say and the exit code it ends with.
#[derive(Debug, Default)]
pub struct Outcome {
    /// For stdout: what was done or would be done.
    pub out: String,
    /// For stderr: rows that failed, notes, refusals.
    pub err: String,
    /// The exit code: 0 done (or nothing to do), 1 refused or failed.
    pub code: u8,
}

impl Outcome {
    /// Adds a line for stdout.
    pub fn say(&mut self, line: impl AsRef<str>) {
        self.out.push_str(line.as_ref());
        self.out.push('\n');
    }

    /// Adds a line for stderr.
    pub fn warn(&mut self, line: impl AsRef<str>) {
        self.err.push_str(line.as_ref());
        self.err.push('\n');
    }

    /// Ends with `line` on stderr and exit code 1: the command refused, nothing written.
    fn refused(mut self, line: String) -> Outcome {
        self.warn(line);
        self.code = 1;
        self
    }
}

/// `plan import FILE --into PLANFILE`.
#[derive(Debug, Clone)]
pub struct ActivityImport<'a> {
    /// The spreadsheet.
    pub file: &'a Path,
    /// The aktivitetsplan file to write.
    pub into: &'a Path,
    /// The sheet to read from an xlsx file.
    pub sheet: Option<&'a str>,
    /// Overwrite an existing file.
    pub force: bool,
    /// Import the good rows when some fail.
    pub partial: bool,
    /// `--plan-id`, `--action-plan`, `--year`, for a new file.
    pub target: Target,
}

/// Refuses an `--into` file that `plan check` of this repository would not read: one outside
/// its plan folders, inside a `[[sources]]` repository (whose own `plan import` holds that
/// repository's lock, so two imports there must run from it), or not named `.yaml`/`.yml`.
/// Returns the place the file is, which is where it is read and written (`plans/x/../y.yaml`
/// with no `plans/x` is `plans/y.yaml`, whether or not `x` exists).
pub(crate) fn refuse_target(root: &Path, config: &Config, into: &Path, lang: Lang) -> Result<PathBuf, Error> {
    use crate::files::absolute;
    let resolved = crate::files::resolve(into);
    let at = resolved.path.clone();
    let real_root = absolute(root);
    let i = crate::escape::Terminal(&into.display().to_string()).to_string();
    if !crate::load::is_plan_file_name(&at) {
        let first = config.plan_dirs.first().map(|d| format!("{}/", d.display())).unwrap_or_default();
        return Err(Error::Usage(t!(
            lang,
            "{i}: en planfil ska sluta på .yaml (annars läser `plan check` den inte), till exempel {first}aktivitetsplan-ÅÅÅÅ.yaml",
            "{i}: a plan file must end in .yaml (or `plan check` does not read it), for example {first}aktivitetsplan-YYYY.yaml"
        )));
    }
    if resolved.is_link || resolved.links.iter().any(|l| l.starts_with(&real_root)) {
        return Err(Error::Usage(t!(
            lang,
            "{i} är en symbolisk länk eller nås genom en; `plan` skriver inte genom länkar (och `plan check` läser inte filer bakom dem)",
            "{i} is a symbolic link or is reached through one; `plan` writes through no links (and `plan check` reads no files behind them)"
        )));
    }
    if let Some(source) = config.sources.iter().find(|s| at.starts_with(absolute(&root.join(&s.path)))) {
        let s = crate::escape::Terminal(&source.path).to_string();
        return Err(Error::Usage(t!(
            lang,
            "{i} ligger i källan {s}; importera från den: `plan import TABELL --into FIL {s}`",
            "{i} lies in the source {s}; import from it: `plan import TABLE --into FILE {s}`"
        )));
    }
    // `plan check` skips every file and folder whose name starts with a dot (`.git`, an
    // editor's `.backup.yaml`); a plan written there would never be checked.
    let below = config.plan_dirs.iter().find_map(|d| at.strip_prefix(absolute(&root.join(d))).ok());
    if below.is_some_and(|rest| rest.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))) {
        return Err(Error::Usage(t!(
            lang,
            "{i}: `plan check` läser inga filer eller mappar vars namn börjar med en punkt; välj ett namn utan punkt först",
            "{i}: `plan check` reads no files or folders whose name starts with a dot; choose a name without a leading dot"
        )));
    }
    if !config.plan_dirs.iter().any(|d| at.starts_with(absolute(&root.join(d)))) {
        let dirs = config.plan_dirs_shown();
        let r = crate::escape::Terminal(&root.display().to_string()).to_string();
        return Err(Error::Usage(t!(
            lang,
            "{i} ligger inte i repositoriets planmapp ({dirs} i {r}), så `plan check` skulle inte läsa den; ange en fil där",
            "{i} is not in the repository's plan folder ({dirs} in {r}), so `plan check` would not read it; give a file there"
        )));
    }
    Ok(at)
}

/// A plan file's text with a byte-order mark set aside (it is written back as found).
pub fn read_plan_file(path: &Path, lang: Lang) -> Result<(String, bool), Error> {
    let p = path.display();
    let bytes = crate::files::read::file(path, crate::load::MAX_FILE_BYTES).map_err(|e| e.at(path, lang))?;
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if bom { bytes[3..].to_vec() } else { bytes };
    let text = String::from_utf8(body)
        .map_err(|_| Error::Input(t!(lang, "{p}: filen är inte UTF-8", "{p}: the file is not UTF-8")))?;
    Ok((text, bom))
}

/// Refuses a plan file text that `plan` would not read back: one over
/// [`crate::load::MAX_FILE_BYTES`], byte-order mark included. Said before anything is written.
pub fn check_plan_size(name: &str, text: &str, bom: bool, lang: Lang) -> Result<(), Error> {
    let bytes = text.len() as u64 + if bom { 3 } else { 0 };
    let most = crate::load::MAX_FILE_BYTES;
    if bytes <= most {
        return Ok(());
    }
    let (n, most) = (limits::size(bytes), limits::size(most));
    Err(Error::Output(t!(
        lang,
        "{name}: importen skulle göra filen {n} stor, men planfiler får vara högst {most} (`plan` läser inte större); inget skrevs",
        "{name}: the import would make the file {n} large, but plan files may be at most {most} (`plan` reads none larger); nothing was written"
    )))
}

/// Writes a plan file back with its byte-order mark, if it had one.
pub fn write_plan_file(path: &Path, text: &str, bom: bool) -> Result<(), Error> {
    stage_plan_file(path, text, bom).and_then(|s| s.commit()).map_err(|e| Error::io(path, e))
}

/// Stages a plan file's new text with its byte-order mark (see [`crate::files::write::stage`]).
pub fn stage_plan_file(path: &Path, text: &str, bom: bool) -> std::io::Result<crate::files::write::Staged> {
    let text = if bom { format!("\u{feff}{text}") } else { text.to_owned() };
    crate::files::write::stage(path, text.as_bytes())
}

/// The errors in `after` that `before` did not have (compared by code, file and message,
/// since lines move when a file is edited), as `file:line:column: CODE message` lines.
pub fn new_errors(before: Option<&Checked>, after: &Checked) -> Vec<String> {
    let key = |c: &Checked, d: &crate::diagnostic::Diagnostic| {
        (d.code, c.plan.sources.get(d.span.file).name.clone(), d.message.clone())
    };
    let mut old: Vec<_> = before
        .map(|b| b.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| key(b, d)).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for d in after.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        let k = key(after, d);
        if let Some(i) = old.iter().position(|o| *o == k) {
            old.swap_remove(i);
            continue;
        }
        out.push(format!("{}:{}:{}: {} {}", k.1, d.span.start.line, d.span.start.column, d.code, d.message));
    }
    out
}

/// Says what changed, one activity a line.
fn summary(planned: &activities::Planned, lang: Lang) -> Vec<String> {
    planned
        .changes
        .iter()
        .map(|(id, new, fields)| {
            if *new {
                t!(lang, "  {id}: ny aktivitet", "  {id}: new activity")
            } else {
                let f = fields.join(", ");
                t!(lang, "  {id}: {f}", "  {id}: {f}")
            }
        })
        .collect()
}

/// Runs `plan import FILE --into PLANFILE` against the repository at `root`.
pub fn run_activities(
    root: &Path,
    config: &Config,
    options: &CheckOptions,
    args: &ActivityImport<'_>,
) -> Result<Outcome, Error> {
    let lang = options.lang;
    let place = refuse_target(root, config, args.into, lang)?;
    let table = table::read(args.file, args.sheet, lang)?;
    let before = check(root, config, options)?;
    let into = args.into.display().to_string();
    let existing = if place.exists() { Some(read_plan_file(&place, lang)?) } else { None };
    let (mut doc, target) = match &existing {
        Some((text, _)) => {
            let doc = Document::new(text.clone());
            let target = activities::Target {
                follow_up_date: args.target.follow_up_date,
                ..activities::target_from_text(&doc, &into, lang)?
            };
            (doc, target)
        }
        None => {
            let target = activities::target_from_rows(&table, &config.import, args.target.clone(), lang)?;
            (Document::new(activities::new_file(&target)), target)
        }
    };
    let planned = activities::import(&table, &mut doc, &target, &before.plan, &config.import, args.partial, lang)?;
    let mut outcome = Outcome::default();
    for note in &planned.notes {
        outcome.warn(t!(lang, "obs: {note}", "note: {note}"));
    }
    for e in &planned.errors {
        outcome.warn(e.to_string());
    }
    let n = planned.errors.len();
    let errors = crate::lang::ui::count(lang, n, crate::lang::ui::ERRORS);
    if n > 0 && !args.partial {
        return Ok(outcome.refused(t!(
            lang,
            "inget skrevs: {errors} i tabellen (rätta dem, eller importera resten med --partial)",
            "nothing was written: {errors} in the table (fix them, or import the rest with --partial)"
        )));
    }
    if n > 0 {
        let those = if n == 1 { lang.pick("den raden", "that row") } else { lang.pick("de raderna", "those rows") };
        outcome.warn(t!(lang, "{errors}: {those} hoppades över (--partial)", "{errors}: {those} skipped (--partial)"));
    }
    if let Some((text, _)) = &existing
        && *text == planned.text
    {
        outcome.say(t!(lang, "{into}: inga ändringar", "{into}: no changes"));
        return Ok(outcome);
    }
    check_plan_size(&into, &planned.text, existing.as_ref().is_some_and(|(_, bom)| *bom), lang)?;
    let added = planned.changes.iter().filter(|c| c.1).count();
    let updated = planned.changes.len() - added;
    let new_word = match (lang, added == 1) {
        (Lang::Sv, true) => "ny aktivitet",
        (Lang::Sv, false) => "nya aktiviteter",
        (Lang::En, true) => "new activity",
        (Lang::En, false) => "new activities",
    };
    let changed = if updated == 1 { "ändrad" } else { "ändrade" };
    let head =
        t!(lang, "{into}: {added} {new_word}, {updated} {changed}", "{into}: {added} {new_word}, {updated} changed");
    if existing.is_some() && !args.force {
        outcome.say(t!(lang, "{head} (inte skrivet)", "{head} (not written)"));
        summary(&planned, lang).into_iter().for_each(|l| outcome.say(l));
        return Ok(outcome.refused(t!(
            lang,
            "{into} finns redan; kör igen med --force för att skriva ändringarna",
            "{into} already exists; run again with --force to write the changes"
        )));
    }
    write_plan_file(&place, &planned.text, existing.as_ref().is_some_and(|(_, bom)| *bom))?;
    outcome.say(t!(lang, "{head} (skrivet)", "{head} (written)"));
    summary(&planned, lang).into_iter().for_each(|l| outcome.say(l));
    report_check(root, config, options, &before, &mut outcome, ("importen", "the import"))?;
    Ok(outcome)
}

/// Checks the repository again after a write and reports the errors the write caused
/// (`after`: what was written, as in "the plan has 2 new errors after the import").
pub(crate) fn report_check(
    root: &Path,
    config: &Config,
    options: &CheckOptions,
    before: &Checked,
    outcome: &mut Outcome,
    after: (&str, &str),
) -> Result<(), Error> {
    let lang = options.lang;
    let (sv, en) = after;
    let after = check(root, config, options)?;
    let caused = new_errors(Some(before), &after);
    if !caused.is_empty() {
        let new = crate::lang::ui::count(lang, caused.len(), ("nytt fel", "nya fel", "new error", "new errors"));
        outcome.warn(t!(
            lang,
            "planen har {new} efter {sv} (se `plan check`):",
            "the plan has {new} after {en} (see `plan check`):"
        ));
        caused.iter().for_each(|l| outcome.warn(format!("  {l}")));
        outcome.code = 1;
    }
    Ok(())
}
