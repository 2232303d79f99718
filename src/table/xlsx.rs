//! An Excel workbook with one sheet per table: a bold header row with filters, frozen
//! panes (header row and id column stay in view), fitted column widths, dates as real
//! Excel dates formatted `yyyy-mm-dd` (so they sort and filter as dates) and numbers as
//! numbers. Written with `rust_xlsxwriter`, into memory; the caller writes the bytes.

use super::{Cell, Table};
use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The widest a column is fitted to, in pixels, so long descriptions do not make a sheet
/// unreadable.
const MAX_WIDTH_PX: u32 = 400;

/// The tables as the bytes of one `.xlsx` file.
pub fn write(tables: &[Table], lang: Lang) -> Result<Vec<u8>, Error> {
    build(tables)
        .map_err(|e| Error::Output(t!(lang, "kunde inte skapa xlsx-filen: {e}", "could not build the xlsx file: {e}")))
}

fn build(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, column) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), *column, &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate() {
                let c = col(c);
                match cell {
                    Cell::Empty => {}
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    Cell::Date(d) => {
                        sheet.write_date_with_format(r, c, d, &date)?;
                    }
                    Cell::Text(_) | Cell::List { .. } => {
                        sheet.write_string(r, c, cell.display())?;
                    }
                }
            }
        }
        let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        let last_col = col(table.columns.len().saturating_sub(1));
        sheet.autofilter(0, 0, last_row, last_col)?;
        sheet.set_freeze_panes(1, 1)?;
        sheet.set_autofit_max_width(MAX_WIDTH_PX);
        sheet.autofit();
    }
    workbook.save_to_buffer()
}

/// A column index; tables have a few dozen columns at most.
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
