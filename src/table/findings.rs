//! The `fynd` table: the findings of `plan check`, one row each, for an export made with
//! `--partial` from a plan that has errors. The workbook then says what is wrong and where,
//! next to the data, instead of the export being refused.

use super::{Cell, Table};
use crate::check::Checked;
use crate::diagnostic::Severity;

/// Sheet name, CSV file stem and JSON key.
pub const NAME: &str = "fynd";

/// Every column, in order.
pub const COLUMNS: &[&str] = &["kod", "allvarlighet", "fil", "rad", "kolumn", "meddelande", "hjälp"];

/// The findings, in the order `plan check` reports them.
pub fn table(checked: &Checked) -> Table {
    let rows = checked
        .diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "fel",
                Severity::Warning => "varning",
            };
            vec![
                Cell::Text(d.code.as_str().to_owned()),
                Cell::Text(severity.to_owned()),
                Cell::Text(checked.plan.sources.get(d.span.file).name.clone()),
                Cell::Number(d.span.start.line as f64),
                Cell::Number(d.span.start.column as f64),
                Cell::Text(d.message.clone()),
                Cell::text(d.help.clone()),
            ]
        })
        .collect();
    Table { name: NAME, columns: COLUMNS.into(), rows }
}
