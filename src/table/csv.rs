//! CSV as Swedish Excel opens it by double-click: UTF-8 with a byte-order mark (else
//! å/ä/ö come out garbled), `;` between fields (the list separator where `,` is the
//! decimal comma), CRLF line ends, dates as YYYY-MM-DD and decimals with a comma.
//! Quoting is left to the `csv` crate, which quotes exactly the fields that need it.

use super::{Cell, Table, number_text};
use crate::error::Error;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// A cell as CSV text: lists joined, decimals with a comma.
fn field(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => number_text(*n).replace('.', ","),
        other => other.display(),
    }
}

/// One table as CSV bytes.
pub fn write(table: &Table) -> Result<Vec<u8>, Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    out.write_record(table.columns.iter()).map_err(|e| Error::Output(e.to_string()))?;
    for row in &table.rows {
        out.write_record(row.iter().map(field)).map_err(|e| Error::Output(e.to_string()))?;
    }
    out.into_inner().map_err(|e| Error::Output(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
