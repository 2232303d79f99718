//! Reading a spreadsheet (xlsx in [`super::xlsx`], CSV with `csv`) into rows of typed cells.
//!
//! Both formats become one [`Table`]: the sheet's (or CSV file's) name, the header row, and
//! the data rows with their row numbers as the spreadsheet shows them (header = row 1), so
//! every message can point at `aktiviteter!R7`. Cells keep the type the file gave them
//! (an Excel date stays a date, a number a number); interpreting them is the importer's job.

use super::limits::{self, count};
use crate::error::Error;
use crate::lang::Lang;
use crate::t;
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

/// Reads `path` by its extension: `.xlsx` (or `.xlsm`) or `.csv` (or `.txt`).
pub fn read(path: &Path, sheet: Option<&str>, lang: Lang) -> Result<Table, Error> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => read_csv(path, lang),
        "xlsx" | "xlsm" => super::xlsx::read(path, sheet, lang),
        _ => {
            let p = path.display();
            Err(Error::Input(t!(lang, "{p}: kan bara läsa .xlsx och .csv", "{p}: can only read .xlsx and .csv")))
        }
    }
}

/// Builds a [`Table`] row by row within [`limits`]: only the columns up to the last header
/// are kept (the import reads no others), trailing empty cells are dropped, and rows with
/// no filled cell are not kept at all (the import skips them), so empty cells cost nothing.
pub(super) struct Builder<'a> {
    p: &'a str,
    lang: Lang,
    table: Table,
    /// Cells kept so far, empty ones between filled ones included.
    cells: usize,
}

impl<'a> Builder<'a> {
    /// A table named `name` (the sheet, or the CSV file) of the file `p`.
    pub(super) fn new(p: &'a str, name: String, first_column: usize, lang: Lang) -> Builder<'a> {
        Builder { p, lang, table: Table { name, headers: Vec::new(), first_column, rows: Vec::new() }, cells: 0 }
    }

    /// Sets the header row; refused when a header stands beyond [`limits::MAX_COLUMNS`].
    pub(super) fn headers(&mut self, headers: impl IntoIterator<Item = String>) -> Result<(), Error> {
        let mut kept = Vec::new();
        for (i, h) in headers.into_iter().enumerate() {
            let h = h.trim();
            if h.is_empty() {
                continue;
            }
            if i + self.table.first_column >= limits::MAX_COLUMNS as usize {
                let (p, sheet, most) = (self.p, &self.table.name, limits::MAX_COLUMNS);
                let last = super::layout::column_letter(most as usize - 1);
                return Err(Error::Input(t!(
                    self.lang,
                    "{p}: {sheet} har en rubrik efter kolumn {last}; importen läser högst {most} kolumner",
                    "{p}: {sheet} has a header beyond column {last}; the import reads at most {most} columns"
                )));
            }
            // Empty headers before this one stay, as empty text; trailing ones are dropped.
            kept.resize(i, String::new());
            kept.push(h.to_owned());
        }
        self.table.headers = kept;
        Ok(())
    }

    /// Adds a data row (`number` as the spreadsheet shows it), cells from the first column.
    pub(super) fn row(&mut self, number: usize, cells: impl IntoIterator<Item = Cell>) -> Result<(), Error> {
        let mut row: Vec<Cell> = cells.into_iter().take(self.table.headers.len()).collect();
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
        if row.is_empty() {
            return Ok(());
        }
        if number > limits::MAX_ROWS as usize {
            let (p, sheet, most) = (self.p, &self.table.name, count(u64::from(limits::MAX_ROWS)));
            return Err(Error::Input(t!(
                self.lang,
                "{p}: {sheet} har ifyllda celler på rad {number}; importen läser högst {most} rader",
                "{p}: {sheet} has filled cells on row {number}; the import reads at most {most} rows"
            )));
        }
        self.cells += row.len();
        if self.cells > limits::MAX_CELLS {
            return Err(Builder::too_many_cells(self.lang, self.p, &self.table.name));
        }
        self.table.rows.push((number, row));
        Ok(())
    }

    /// The refusal of a table with more than [`limits::MAX_CELLS`] cells.
    pub(super) fn too_many_cells(lang: Lang, p: &str, sheet: &str) -> Error {
        let most = count(limits::MAX_CELLS as u64);
        Error::Input(t!(
            lang,
            "{p}: {sheet} har fler än {most} celler; importen läser inte fler",
            "{p}: {sheet} has more than {most} cells; the import reads no more"
        ))
    }

    /// The table.
    pub(super) fn finish(self) -> Table {
        self.table
    }
}

/// Reads a CSV file: UTF-8 with or without a byte-order mark, `;`, `,` or tab between
/// cells (whichever the header line uses most), any line ends; at most
/// [`limits::MAX_INPUT_BYTES`] of it.
fn read_csv(path: &Path, lang: Lang) -> Result<Table, Error> {
    let p = path.display().to_string();
    let bytes = match crate::files::read::file(path, limits::MAX_INPUT_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::files::read::ReadError::TooLarge { .. }) => {
            let most = limits::size(limits::MAX_INPUT_BYTES);
            return Err(Error::Input(t!(
                lang,
                "{p}: filen är större än {most}; importen läser filer på högst {most}",
                "{p}: the file is larger than {most}; the import reads files of at most {most}"
            )));
        }
        Err(e) => return Err(e.at(path, lang)),
    };
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
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut table = Builder::new(&p, name, 0, lang);
    // Rows are numbered as a spreadsheet shows the file: a quoted line break stays inside
    // its row. (Blank lines, which an export never has, are skipped and not counted.)
    // One record at a time, so that only the kept cells take memory.
    let mut record = csv::StringRecord::new();
    for number in 1.. {
        let more = reader.read_record(&mut record).map_err(|e| Error::Input(t!(lang, "{p}: {e}", "{p}: {e}")))?;
        if !more {
            break;
        }
        if number == 1 {
            // Headers too: a header from `[import.kolumner]` may start like a formula.
            table.headers(record.iter().map(|s| crate::escape::csv_cell_text(s).to_owned()))?;
        } else {
            // The `'` that `plan export` puts before a formula-like cell is not part of the text.
            let cells = record.iter().map(|s| match crate::escape::csv_cell_text(s) {
                s if s.trim().is_empty() => Cell::Empty,
                s => Cell::Text(s.to_owned()),
            });
            table.row(number, cells)?;
        }
    }
    Ok(table.finish())
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
