//! `plan export`: the chosen tables in the chosen format, to a file, a folder or stdout.
//!
//! xlsx and JSON hold every table in one file (a sheet or a key per table). CSV holds one
//! table per file, so one table goes to a file or stdout and several need a folder with a
//! `<table>.csv` each. Binary xlsx is never written to stdout. Every file is written
//! atomically. Whether the plan is fit to export (no errors) is the caller's decision.

use super::{Cell, Table, TableKind, activities};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::Plan;
use crate::t;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Output formats of `plan export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// CSV for Swedish Excel: UTF-8 with BOM, `;`, CRLF.
    Csv,
    /// An Excel workbook with a sheet per table.
    Xlsx,
    /// One JSON document with a key per table.
    Json,
}

/// Where the export went.
#[derive(Debug)]
pub enum Exported {
    /// The bytes to print on stdout.
    Stdout(Vec<u8>),
    /// The files written.
    Files(Vec<PathBuf>),
}

/// The tables to export: the chosen ones in their fixed order, or by default `aktiviteter`
/// (and in a workbook `uppföljningar` beside it, every follow-up on a sheet of its own).
pub fn chosen(tables: &[TableKind], all: bool, format: ExportFormat) -> Vec<TableKind> {
    let mut kinds: Vec<TableKind> = if all {
        TableKind::ALL.to_vec()
    } else if tables.is_empty() && format == ExportFormat::Xlsx {
        vec![TableKind::Activities, TableKind::FollowUps]
    } else if tables.is_empty() {
        vec![TableKind::Activities]
    } else {
        tables.to_vec()
    };
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Refuses a combination of format, tables and `--out` that cannot be written, before
/// anything is loaded or written: xlsx to stdout, several CSV tables without a folder.
pub fn validate(kinds: &[TableKind], format: ExportFormat, out: Option<&Path>, lang: Lang) -> Result<(), Error> {
    let is_dir = out.is_some_and(Path::is_dir);
    match (format, out) {
        (ExportFormat::Xlsx, None) => {
            return Err(Error::Usage(t!(
                lang,
                "xlsx är binärt och skrivs inte till standard ut; ange en fil med `--out plan.xlsx`",
                "xlsx is binary and is not written to stdout; name a file with `--out plan.xlsx`"
            )));
        }
        (ExportFormat::Csv, None) if kinds.len() > 1 => {
            return Err(Error::Usage(t!(
                lang,
                "flera tabeller som CSV blir en fil per tabell; ange en mapp med `--out MAPP`",
                "several tables as CSV make one file per table; name a folder with `--out DIR`"
            )));
        }
        (ExportFormat::Csv, Some(path)) if kinds.len() > 1 && path.is_file() => {
            let p = path.display();
            return Err(Error::Usage(t!(
                lang,
                "`--out {p}` är en fil, men flera tabeller som CSV behöver en mapp",
                "`--out {p}` is a file, but several tables as CSV need a folder"
            )));
        }
        (ExportFormat::Xlsx | ExportFormat::Json, Some(path)) if is_dir => {
            let p = path.display();
            return Err(Error::Usage(t!(
                lang,
                "`--out {p}` är en mapp; ange ett filnamn, till exempel `{p}/plan.xlsx`",
                "`--out {p}` is a folder; name a file, such as `{p}/plan.xlsx`"
            )));
        }
        _ => {}
    }
    Ok(())
}

/// How the spreadsheet formats (CSV, xlsx) show the tables: with the analyst's own headers
/// and status words, `plan.toml`'s `[import.kolumner]` and `[import.status]`, which the
/// import reads back; JSON, for scripts, keeps the format's words.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    /// `[import.kolumner]`: a column of the table → the header the sheet has.
    pub headers: &'a BTreeMap<String, String>,
    /// `[import.status]`: a word of the sheet → the status of the format it means.
    pub statuses: &'a BTreeMap<String, String>,
    /// The findings, written as a table of their own after the chosen ones: an export with
    /// `--partial` of a plan with errors.
    pub findings: Option<&'a Table>,
}

impl Layout<'_> {
    /// The word a status is written with in the sheet: the analyst's word that
    /// `[import.status]` maps to it (the first in alphabetical order, when several do), or
    /// the format's own.
    pub fn status_word<'w>(&'w self, status: &'w str) -> &'w str {
        self.statuses.iter().find(|(_, s)| s.as_str() == status).map_or(status, |(w, _)| w.as_str())
    }

    /// The header a column has in the sheet.
    pub fn header<'w>(&'w self, table: &str, column: &'w str) -> &'w str {
        if !ANALYST_TABLES.contains(&table) {
            return column;
        }
        self.headers.get(column).map_or(column, String::as_str)
    }

    /// The table as the sheet shows it: status words mapped, and its headers.
    fn apply(&self, mut table: Table) -> (Table, Vec<String>) {
        let headers = table.columns.iter().map(|c| self.header(table.name, c).to_owned()).collect();
        if ANALYST_TABLES.contains(&table.name) {
            let at: Vec<usize> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| [activities::STATUS, activities::FOLLOW_UP_STATUS].contains(c))
                .map(|(i, _)| i)
                .collect();
            for row in &mut table.rows {
                for &i in &at {
                    if let Some(Cell::Text(s)) = row.get_mut(i) {
                        *s = self.status_word(s).to_owned();
                    }
                }
            }
        }
        (table, headers)
    }
}

/// The tables whose headers and statuses the analyst's layout renames: the ones the import
/// reads back.
const ANALYST_TABLES: &[&str] = &[activities::NAME, super::follow_ups::NAME];

/// The values a workbook's drop-down lists offer, on a hidden sheet of their own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices {
    /// Every status, as the sheet writes it.
    pub statuses: Vec<String>,
    /// Every organisation id.
    pub organisations: Vec<String>,
    /// Every strategisk inriktning id.
    pub directions: Vec<String>,
    /// Every sakområde id.
    pub topics: Vec<String>,
}

impl Choices {
    /// The valid values of the plans, each once, in file order.
    pub fn of(plans: &[&Plan], layout: Layout<'_>) -> Choices {
        fn push(list: &mut Vec<String>, id: &str) {
            if !list.iter().any(|x| x == id) {
                list.push(id.to_owned());
            }
        }
        let mut c = Choices {
            statuses: crate::model::Status::words().map(|w| layout.status_word(w).to_owned()).collect(),
            ..Choices::default()
        };
        for plan in plans {
            plan.organisations.iter().for_each(|o| push(&mut c.organisations, o.id.value.as_str()));
            for ap in &plan.action_plans {
                ap.topics.iter().for_each(|t| push(&mut c.topics, t.id.value.as_str()));
                for area in &ap.goal_areas {
                    area.directions.iter().for_each(|d| push(&mut c.directions, d.id.value.as_str()));
                }
            }
        }
        c
    }
}

/// Builds the tables and writes them to `out` (or returns them for stdout). Errors are
/// usage or I/O errors, in `lang`.
pub fn export(
    plan: &Plan,
    kinds: &[TableKind],
    format: ExportFormat,
    out: Option<&Path>,
    layout: Layout<'_>,
    lang: Lang,
) -> Result<Exported, Error> {
    build_and_write(kinds, |k| k.build(plan), format, out, layout, &Choices::of(&[plan], layout), lang)
}

/// Like [`export`], for a county together with its `[[sources]]`: each table holds the
/// county's rows and then every readable source's, with a first column (`repositorium`)
/// naming where each row comes from.
pub fn export_with_sources(
    (plan, own_name): (&Plan, &str),
    sources: &[crate::sources::Source],
    kinds: &[TableKind],
    format: ExportFormat,
    out: Option<&Path>,
    layout: Layout<'_>,
    lang: Lang,
) -> Result<Exported, Error> {
    let mut plans = vec![plan];
    plans.extend(sources.iter().filter_map(|s| Some(&s.checked()?.plan)));
    let choices = Choices::of(&plans, layout);
    let build = |k: TableKind| {
        let own = k.build(plan).from_repository(own_name);
        sources
            .iter()
            .filter_map(|s| Some((s, s.checked()?)))
            .fold(own, |table, (s, checked)| table.append(k.build(&checked.plan).from_repository(&s.name)))
    };
    build_and_write(kinds, build, format, out, layout, &choices, lang)
}

/// Builds the tables of `kinds` (the activities when none is named) with `build` and writes
/// them to `out` (or returns them for stdout).
fn build_and_write(
    kinds: &[TableKind],
    build: impl Fn(TableKind) -> Table,
    format: ExportFormat,
    out: Option<&Path>,
    layout: Layout<'_>,
    choices: &Choices,
    lang: Lang,
) -> Result<Exported, Error> {
    let kinds = if kinds.is_empty() { &[TableKind::Activities][..] } else { kinds };
    validate(kinds, format, out, lang)?;
    let mut tables: Vec<Table> = kinds.iter().map(|&k| build(k)).collect();
    let is_dir = out.is_some_and(Path::is_dir);
    // The findings need a place of their own: a sheet, a key, or a file in a CSV folder (one
    // CSV file holds one table; `plan check` lists them then).
    if format != ExportFormat::Csv || is_dir || kinds.len() > 1 {
        tables.extend(layout.findings.cloned());
    }
    // The spreadsheets in the analyst's words; JSON as the format writes it.
    let sheets = || -> Vec<(Table, Vec<String>)> { tables.iter().cloned().map(|t| layout.apply(t)).collect() };
    let write = |path: &Path, bytes: &[u8]| -> Result<PathBuf, Error> {
        crate::files::write::file(path, bytes).map_err(|e| {
            let p = path.display();
            Error::Output(t!(lang, "kunde inte skriva {p}: {e}", "could not write {p}: {e}"))
        })?;
        Ok(path.to_path_buf())
    };
    match (format, out) {
        (ExportFormat::Json, None) => Ok(Exported::Stdout(super::json::render(&tables).into_bytes())),
        (ExportFormat::Json, Some(path)) => {
            Ok(Exported::Files(vec![write(path, super::json::render(&tables).as_bytes())?]))
        }
        (ExportFormat::Xlsx, Some(path)) => {
            Ok(Exported::Files(vec![write(path, &super::xlsx::write(&sheets(), Some(choices), lang)?)?]))
        }
        // Refused by `validate` above; an error here too rather than a panic.
        (ExportFormat::Xlsx, None) => {
            Err(Error::Usage(t!(lang, "xlsx skrivs inte till standard ut", "xlsx is not written to stdout")))
        }
        (ExportFormat::Csv, None) => Ok(Exported::Stdout(csv_bytes(&sheets())?)),
        (ExportFormat::Csv, Some(path)) if tables.len() == 1 && !is_dir => {
            Ok(Exported::Files(vec![write(path, &csv_bytes(&sheets())?)?]))
        }
        (ExportFormat::Csv, Some(dir)) => {
            let mut files = Vec::new();
            for (table, headers) in &sheets() {
                let bytes = super::csv::write_headed(table, headers)?;
                files.push(write(&dir.join(format!("{}.csv", table.name)), &bytes)?);
            }
            Ok(Exported::Files(files))
        }
    }
}

/// The one table of a single-table CSV export.
fn csv_bytes(sheets: &[(Table, Vec<String>)]) -> Result<Vec<u8>, Error> {
    sheets.first().map_or_else(|| Ok(Vec::new()), |(t, h)| super::csv::write_headed(t, h))
}
