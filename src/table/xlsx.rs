//! An Excel workbook with one sheet per table: a bold header row with filters, frozen
//! panes (header row and id column stay in view), fitted column widths, dates as real
//! Excel dates formatted `yyyy-mm-dd` (so they sort and filter as dates) and numbers as
//! numbers. Written with `rust_xlsxwriter`, into memory; the caller writes the bytes.
//!
//! What the analyst types back on the `aktiviteter` sheet (the one the import reads) is
//! guarded: status, ansvarig and the follow-up's status offer drop-down lists and refuse
//! other values; inriktningar, sakområden and medverkande
//! offer theirs but take other text too (a cell may hold several ids, `MO1.1, MO2.3`). The
//! lists are read from a hidden sheet, `värden`, so they hold any number of values. Columns
//! of codes and ids are formatted as text, so a code typed as `0127` stays `0127` and is
//! not turned into the number 127.

use super::export::Choices;
use super::{Cell, Table, activities, organisations};
use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Format, Formula, Workbook, Worksheet, XlsxError};

/// The widest a column is fitted to, in pixels, so long descriptions do not make a sheet
/// unreadable.
const MAX_WIDTH_PX: u32 = 400;

/// The name of the hidden sheet the drop-down lists read their values from.
pub const VALUES_SHEET: &str = "värden";

/// Rows under the data that still get the drop-down lists, for activities added in the sheet.
const ROOM: u32 = 1000;

/// The tables, each with its headers, as the bytes of one `.xlsx` file; with `choices`, the
/// drop-down lists and their hidden sheet.
pub fn write(tables: &[(Table, Vec<String>)], choices: Option<&Choices>, lang: Lang) -> Result<Vec<u8>, Error> {
    build(tables, choices, lang)
        .map_err(|e| Error::Output(t!(lang, "kunde inte skapa xlsx-filen: {e}", "could not build the xlsx file: {e}")))
}

/// The columns of values from a closed list: the column, the list's column on the values
/// sheet, and whether other text is refused.
fn guarded(table: &str, column: &str) -> Option<(u16, bool)> {
    match (table, column) {
        // Only the sheet the import reads: the follow-ups sheet is for reading.
        (activities::NAME, activities::STATUS | activities::FOLLOW_UP_STATUS) => Some((0, true)),
        (activities::NAME, activities::OWNER) => Some((1, true)),
        (activities::NAME, activities::CONTRIBUTORS) => Some((1, false)),
        (activities::NAME, activities::DIRECTIONS) => Some((2, false)),
        (activities::NAME, activities::TOPICS) => Some((3, false)),
        _ => None,
    }
}

/// Columns that hold codes and ids, formatted as text.
fn is_code(column: &str) -> bool {
    matches!(column, organisations::MUNICIPALITY_CODE | activities::ID | activities::OWNER)
}

fn build(tables: &[(Table, Vec<String>)], choices: Option<&Choices>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    let lists = choices.map(|c| [&c.statuses, &c.organisations, &c.directions, &c.topics]);
    for (table, headers) in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, column) in table.columns.iter().enumerate() {
            if is_code(column) {
                sheet.set_column_format(col(c), &text)?;
            }
        }
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), h, &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate() {
                let code = table.columns.get(c).is_some_and(|column| is_code(column));
                let c = col(c);
                match cell {
                    Cell::Empty => {}
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    Cell::Date(d) => {
                        sheet.write_date_with_format(r, c, d, &date)?;
                    }
                    Cell::Text(_) | Cell::List { .. } if code => {
                        sheet.write_string_with_format(r, c, cell.display(), &text)?;
                    }
                    Cell::Text(_) | Cell::List { .. } => {
                        sheet.write_string(r, c, cell.display())?;
                    }
                }
            }
        }
        if let Some(lists) = lists {
            for (c, column) in table.columns.iter().enumerate() {
                let Some((list, strict)) = guarded(table.name, column) else { continue };
                let values = lists[usize::from(list)];
                if values.is_empty() {
                    continue;
                }
                validate(sheet, col(c), last_row + ROOM, list, values.len(), strict, lang)?;
            }
        }
        let last_col = col(table.columns.len().saturating_sub(1));
        sheet.autofilter(0, 0, last_row, last_col)?;
        sheet.set_freeze_panes(1, 1)?;
        sheet.set_autofit_max_width(MAX_WIDTH_PX);
        sheet.autofit();
    }
    if let Some(lists) = lists {
        let sheet = workbook.add_worksheet();
        sheet.set_name(VALUES_SHEET)?;
        let names = ["status", "organisationer", "inriktningar", "sakområden"];
        for (c, (name, values)) in names.iter().zip(lists).enumerate() {
            let c = col(c);
            sheet.write_string(0, c, *name)?;
            for (r, v) in values.iter().enumerate() {
                let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
                sheet.write_string(r, c, v)?;
            }
        }
        sheet.set_hidden(true);
    }
    workbook.save_to_buffer()
}

/// A drop-down list in column `c`, rows 2 to `last`, of the `n` values in column `list` of
/// the values sheet; `strict` refuses other text, else Excel only informs.
fn validate(
    sheet: &mut Worksheet,
    c: u16,
    last: u32,
    list: u16,
    n: usize,
    strict: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let letter = super::column_letter(usize::from(list));
    let formula = format!("'{VALUES_SHEET}'!${letter}$2:${letter}${}", n + 1);
    let (title, message) = if strict {
        (
            lang.pick("Inte ett giltigt värde", "Not a valid value"),
            lang.pick("Välj ett värde i listan.", "Choose a value from the list."),
        )
    } else {
        (
            lang.pick("Inte i listan", "Not in the list"),
            lang.pick(
                "Värdet finns inte i listan. Flera id skrivs med komma emellan; plan check säger om ett id inte finns.",
                "The value is not in the list. Several ids are written with commas between; plan check says if an id does not exist.",
            ),
        )
    };
    let style = if strict { DataValidationErrorStyle::Stop } else { DataValidationErrorStyle::Information };
    let v = DataValidation::new()
        .allow_list_formula(Formula::new(formula))
        .ignore_blank(true)
        .set_error_style(style)
        .set_error_title(title)?
        .set_error_message(message)?;
    sheet.add_data_validation(1, c, last, c, &v)?;
    Ok(())
}

/// A column index; tables have a few dozen columns at most.
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
