//! Reading a spreadsheet (xlsx with `calamine`, CSV with `csv`) into rows of typed cells.
//!
//! Both formats become one [`Table`]: the sheet's (or CSV file's) name, the header row, and
//! the data rows with their row numbers as the spreadsheet shows them (header = row 1), so
//! every message can point at `aktiviteter!R7`. Cells keep the type the file gave them
//! (an Excel date stays a date, a number a number); interpreting them is the importer's job.

use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use std::path::Path;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing written.
    Empty,
    /// Text (every CSV cell).
    Text(String),
    /// A number.
    Number(f64),
    /// A date cell.
    Date(NaiveDate),
    /// A boolean cell.
    Bool(bool),
}

impl Cell {
    /// The cell as text, as a person would read it; dates as `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) => crate::edit::emit::number(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Bool(b) => if *b { "ja" } else { "nej" }.to_owned(),
        }
    }

    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet: its name, headers and rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The sheet name, or the CSV file's name.
    pub name: String,
    /// The header cells, as text.
    pub headers: Vec<String>,
    /// The 0-based column of the first header (a sheet may start right of column A).
    pub first_column: usize,
    /// Data rows with their row numbers as the spreadsheet shows them.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// The date of an Excel serial number (days since 1899-12-30, the 1900 date system).
pub fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Reads `path` by its extension: `.xlsx` (and the other formats calamine reads) or `.csv`.
pub fn read(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<Table, Error> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => read_csv(path, lang),
        "xlsx" | "xlsm" | "xls" | "ods" => read_sheet(path, sheet, lang),
        _ => {
            let p = path.display();
            Err(Error::Input(t!(lang, "{p}: kan bara läsa .xlsx och .csv", "{p}: can only read .xlsx and .csv")))
        }
    }
}

fn read_sheet(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<Table, Error> {
    let p = path.display();
    let mut book = open_workbook_auto(path).map_err(|e| Error::Input(format!("{p}: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            let all = names.join(", ");
            Error::Usage(t!(
                lang,
                "{p}: bladet `{s}` finns inte (bladen är: {all})",
                "{p}: there is no sheet `{s}` (the sheets are: {all})"
            ))
        })?,
        None => {
            names.iter().find(|n| n.as_str() == super::layout::SHEET).or_else(|| names.first()).cloned().ok_or_else(
                || Error::Input(t!(lang, "{p}: arbetsboken har inga blad", "{p}: the workbook has no sheets")),
            )?
        }
    };
    let range = book.worksheet_range(&name).map_err(|e| Error::Input(format!("{p}: {e}")))?;
    let (first_row, first_column) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = range.rows().enumerate();
    let headers = rows.next().map(|(_, r)| r.iter().map(|c| cell(c).text()).collect()).unwrap_or_default();
    let rows = rows.map(|(i, r)| (first_row + i + 1, r.iter().map(cell).collect())).collect();
    Ok(Table { name, headers, first_column, rows })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => excel_date(d.as_f64()).map_or(Cell::Number(d.as_f64()), Cell::Date),
        Data::DateTimeIso(s) => {
            s.get(..10).and_then(crate::model::parse_date).map_or(Cell::Text(s.clone()), Cell::Date)
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// Reads a CSV file: UTF-8 with or without a byte-order mark, `;`, `,` or tab between
/// cells (whichever the header line uses most), any line ends.
fn read_csv(path: &Path, lang: Lang) -> Result<Table, Error> {
    let p = path.display();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Error::Input(t!(
            lang,
            "{p}: filen är inte UTF-8; spara den som \"CSV UTF-8\"",
            "{p}: the file is not UTF-8; save it as \"CSV UTF-8\""
        ))
    })?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b';'))
        .unwrap_or(b';');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    // Rows are numbered as a spreadsheet shows the file: a quoted line break stays inside
    // its row. (Blank lines, which an export never has, are skipped and not counted.)
    let mut records = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::Input(t!(lang, "{p}: {e}", "{p}: {e}")))?;
        // The `'` that `plan export` puts before a formula-like cell is not part of the text.
        let cells = record.iter().map(|c| crate::escape::csv_cell_text(c).to_owned());
        records.push((i + 1, cells.collect::<Vec<_>>()));
    }
    let mut iter = records.into_iter();
    let headers = iter.next().map(|(_, h)| h.into_iter().map(|s| s.trim().to_owned()).collect()).unwrap_or_default();
    let rows = iter
        .map(|(line, cells)| {
            (line, cells.into_iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }).collect())
        })
        .collect();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Table { name, headers, first_column: 0, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_are_days_since_1899_12_30() {
        assert_eq!(excel_date(45352.0), NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(excel_date(45657.75), NaiveDate::from_ymd_opt(2024, 12, 31));
        assert_eq!(excel_date(-1.0), None);
    }

    #[test]
    fn csv_delimiter_bom_and_quoted_line_breaks() {
        let dir = std::env::temp_dir().join(format!("plan-table-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("aktiviteter.csv");
        std::fs::write(&path, "\u{feff}id;titel\r\nA-1;\"två\r\nrader; ja\"\r\n\r\nA-2;x\r\n").unwrap();
        let t = read(&path, None, Lang::En).unwrap();
        assert_eq!(t.headers, ["id", "titel"]);
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(t.rows[0].1[1], Cell::Text("två\r\nrader; ja".into()));
        assert_eq!(t.rows.last().unwrap().0, 3);
        std::fs::write(&path, "id,titel\nA-1,x\n").unwrap();
        assert_eq!(read(&path, None, Lang::En).unwrap().rows[0].1[1], Cell::Text("x".into()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
