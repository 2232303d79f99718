//! CSV as Swedish Excel opens it by double-click: UTF-8 with a byte-order mark (else
//! å/ä/ö come out garbled), `;` between fields (the list separator where `,` is the
//! decimal comma), CRLF line ends, dates as YYYY-MM-DD and decimals with a comma.
//! Quoting is left to the `csv` crate, which quotes exactly the fields that need it.
//! Text cells go through [`crate::escape::csv_cell`], so a cell starting with `=`, `+`,
//! `-`, `@`, TAB or CR gets a leading `'` and is never run as a formula; numbers and dates
//! are written by us and stay as they are.

use super::{Cell, Table, number_text};
use crate::error::Error;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// A cell as CSV text: lists joined, decimals with a comma, text never a formula.
fn field(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => number_text(*n).replace('.', ","),
        Cell::Text(_) | Cell::List { .. } => crate::escape::csv_cell(&cell.display()).into_owned(),
        other => other.display(),
    }
}

/// One table as CSV bytes.
pub fn write(table: &Table) -> Result<Vec<u8>, Error> {
    let headers: Vec<String> = table.columns.iter().map(|c| (*c).to_owned()).collect();
    write_headed(table, &headers)
}

/// One table as CSV bytes, under `headers` (one per column) instead of its own.
pub fn write_headed(table: &Table, headers: &[String]) -> Result<Vec<u8>, Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    out.write_record(headers.iter().map(|h| crate::escape::csv_cell(h).into_owned()))
        .map_err(|e| Error::Output(e.to_string()))?;
    for row in &table.rows {
        out.write_record(row.iter().map(field)).map_err(|e| Error::Output(e.to_string()))?;
    }
    out.into_inner().map_err(|e| Error::Output(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_starts_a_formula_gets_an_apostrophe_but_numbers_do_not() {
        let table = Table {
            name: "t",
            columns: (&["a", "b", "c", "d"][..]).into(),
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"https://evil.example\";\"x\")".into()),
                Cell::Number(-1.5),
                Cell::List { items: vec!["@a".into(), "b".into()], separator: ", " },
                Cell::Text("-1+2".into()),
            ]],
        };
        let text = String::from_utf8(write(&table).expect("csv")).expect("utf-8");
        assert_eq!(
            text,
            "\u{feff}a;b;c;d\r\n\"'=HYPERLINK(\"\"https://evil.example\"\";\"\"x\"\")\";-1,5;'@a, b;'-1+2\r\n"
        );
    }

    #[test]
    fn quotes_what_needs_quoting_and_uses_a_decimal_comma() {
        let table = Table {
            name: "t",
            columns: (&["a", "b", "c"][..]).into(),
            rows: vec![vec![
                Cell::Text("x; \"y\"\nz".into()),
                Cell::Number(71.5),
                Cell::List { items: vec!["A".into(), "B".into()], separator: ", " },
            ]],
        };
        let text = String::from_utf8(write(&table).expect("csv")).expect("utf-8");
        assert_eq!(text, "\u{feff}a;b;c\r\n\"x; \"\"y\"\"\nz\";71,5;A, B\r\n");
    }
}
