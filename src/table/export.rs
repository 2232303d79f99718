//! `plan export`: the chosen tables in the chosen format, to a file, a folder or stdout.
//!
//! xlsx and JSON hold every table in one file (a sheet or a key per table). CSV holds one
//! table per file, so one table goes to a file or stdout and several need a folder with a
//! `<table>.csv` each. Binary xlsx is never written to stdout. Every file is written
//! atomically. Whether the plan is fit to export (no errors) is the caller's decision.

use super::{Table, TableKind};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::Plan;
use crate::t;
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

/// The tables to export: the chosen ones in their fixed order, or only `aktiviteter`.
pub fn chosen(tables: &[TableKind], all: bool) -> Vec<TableKind> {
    let mut kinds: Vec<TableKind> = if all {
        TableKind::ALL.to_vec()
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

/// Builds the tables and writes them to `out` (or returns them for stdout). Errors are
/// usage or I/O errors, in `lang`.
pub fn export(
    plan: &Plan,
    kinds: &[TableKind],
    format: ExportFormat,
    out: Option<&Path>,
    lang: Lang,
) -> Result<Exported, Error> {
    build_and_write(kinds, |k| k.build(plan), format, out, lang)
}

/// Like [`export`], for a county together with its `[[sources]]`: each table holds the
/// county's rows and then every readable source's, with a first column (`repositorium`)
/// naming where each row comes from.
pub fn export_with_sources(
    plan: &Plan,
    own_name: &str,
    sources: &[crate::sources::Source],
    kinds: &[TableKind],
    format: ExportFormat,
    out: Option<&Path>,
    lang: Lang,
) -> Result<Exported, Error> {
    let build = |k: TableKind| {
        let own = k.build(plan).from_repository(own_name);
        sources
            .iter()
            .filter_map(|s| Some((s, s.checked()?)))
            .fold(own, |table, (s, checked)| table.append(k.build(&checked.plan).from_repository(&s.name)))
    };
    build_and_write(kinds, build, format, out, lang)
}

/// Builds the tables of `kinds` (the activities when none is named) with `build` and writes
/// them to `out` (or returns them for stdout).
fn build_and_write(
    kinds: &[TableKind],
    build: impl Fn(TableKind) -> Table,
    format: ExportFormat,
    out: Option<&Path>,
    lang: Lang,
) -> Result<Exported, Error> {
    let kinds = if kinds.is_empty() { &[TableKind::Activities][..] } else { kinds };
    validate(kinds, format, out, lang)?;
    let tables: Vec<Table> = kinds.iter().map(|&k| build(k)).collect();
    let is_dir = out.is_some_and(Path::is_dir);
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
            Ok(Exported::Files(vec![write(path, &super::xlsx::write(&tables, lang)?)?]))
        }
        // Refused by `validate` above; an error here too rather than a panic.
        (ExportFormat::Xlsx, None) => {
            Err(Error::Usage(t!(lang, "xlsx skrivs inte till standard ut", "xlsx is not written to stdout")))
        }
        (ExportFormat::Csv, None) => Ok(Exported::Stdout(csv_bytes(&tables)?)),
        (ExportFormat::Csv, Some(path)) if tables.len() == 1 && !is_dir => {
            Ok(Exported::Files(vec![write(path, &csv_bytes(&tables)?)?]))
        }
        (ExportFormat::Csv, Some(dir)) => {
            let mut files = Vec::new();
            for table in &tables {
                files.push(write(&dir.join(format!("{}.csv", table.name)), &super::csv::write(table)?)?);
            }
            Ok(Exported::Files(files))
        }
    }
}

/// The one table of a single-table CSV export.
fn csv_bytes(tables: &[Table]) -> Result<Vec<u8>, Error> {
    tables.first().map_or_else(|| Ok(Vec::new()), super::csv::write)
}
