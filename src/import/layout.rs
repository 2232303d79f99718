//! The shared activity table layout: the columns `plan export` writes and `plan import` reads.
//!
//! Export and import agree on one table of one row per activity (docs/exchange.md). Header
//! names are the file format's own Swedish keys in both languages, so a file exported with
//! `--lang en` imports the same. Columns the import derives from elsewhere (names, goal
//! areas) are read and ignored, so an exported sheet imports without edits.

use crate::table::activities as table;

/// The sheet name, CSV file stem and JSON key of the activity table.
pub const SHEET: &str = table::NAME;

/// Every column of the layout, in order: the export's own list, so the two cannot drift.
pub const COLUMNS: &[&str] = table::COLUMNS;

/// Columns that are derived from the plan on export and ignored on import.
pub const DERIVED: &[&str] = &[table::ACTION_PLAN, table::GOAL_AREAS, table::OWNER_NAME, table::CONTRIBUTOR_NAMES];

/// The spreadsheet letter of a 0-based column (shared with the export's workbook).
pub use crate::table::column_letter;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_count_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(17), "R");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn there_are_22_columns_and_derived_ones_are_among_them() {
        assert_eq!(COLUMNS.len(), 22);
        assert!(DERIVED.iter().all(|d| COLUMNS.contains(d)));
    }
}
