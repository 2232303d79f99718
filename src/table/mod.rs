//! Flat tables of the plan, for spreadsheets and scripts.
//!
//! People who follow up the plan work in Excel, and scripts want rows, not a tree of YAML
//! files. A [`Table`] is the one flat form every output shares: `plan export` writes it as
//! CSV, xlsx or JSON and `plan list` filters and prints it. Cells are typed (text, number,
//! date, list, empty) so each writer can make dates real dates and numbers real numbers.
//! Column headers are the file format's own Swedish words in every language, so a file
//! exported with `--lang en` reads back the same; they are public constants so the import
//! side can use the very same names.

pub mod activities;
pub mod csv;
pub mod directions;
pub mod export;
pub mod findings;
pub mod follow_ups;
pub mod indicators;
pub mod json;
pub mod organisations;
pub mod xlsx;

use crate::model::Plan;
use chrono::NaiveDate;

/// One value in a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing written.
    Empty,
    /// Text as written.
    Text(String),
    /// A number (a year, a count, an indicator value).
    Number(f64),
    /// A calendar date.
    Date(NaiveDate),
    /// Several values: a JSON array, or one cell joined with `separator` in CSV and xlsx.
    List {
        /// The values, in order.
        items: Vec<String>,
        /// How they are joined in one cell: `", "` for ids, `"; "` for names.
        separator: &'static str,
    },
}

impl Cell {
    /// Text, or [`Cell::Empty`] when there is none.
    pub fn text(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }

    /// A list of ids, joined with `", "` in one cell.
    pub fn ids<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Cell {
        Cell::List { items: items.into_iter().map(|s| s.as_ref().to_owned()).collect(), separator: ", " }
    }

    /// The cell as one line of text, as CSV and the `table` view show it (numbers with a
    /// decimal point; writers that need another separator format numbers themselves).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::List { items, separator } => items.join(separator),
        }
    }
}

/// The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A number without a trailing `.0` when it is whole.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// A named table: a header row and rows of cells, each as long as the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet name, CSV file stem and JSON key.
    pub name: &'static str,
    /// Column headers.
    pub columns: std::borrow::Cow<'static, [&'static str]>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// The header of the column that names the repository a row comes from, in an export of a
/// county together with its `[[sources]]`.
pub const REPOSITORY: &str = "repositorium";

impl Table {
    /// The table with a first column naming the repository its rows come from, for putting a
    /// county's rows and its sources' in one table.
    pub fn from_repository(self, name: &str) -> Table {
        let mut columns = vec![REPOSITORY];
        columns.extend(self.columns.iter().copied());
        let rows = self
            .rows
            .into_iter()
            .map(|row| std::iter::once(Cell::Text(name.to_owned())).chain(row).collect())
            .collect();
        Table { name: self.name, columns: columns.into(), rows }
    }

    /// This table's rows followed by `other`'s (which has the same columns).
    pub fn append(mut self, other: Table) -> Table {
        self.rows.extend(other.rows);
        self
    }
}

/// The tables `plan export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum TableKind {
    /// One row per activity.
    #[value(name = "aktiviteter")]
    Activities,
    /// One row per follow-up of an activity.
    #[value(name = "uppföljningar")]
    FollowUps,
    /// One row per strategisk inriktning.
    #[value(name = "inriktningar")]
    Directions,
    /// One row per organisation.
    #[value(name = "organisationer")]
    Organisations,
    /// One row per indicator and year.
    #[value(name = "indikatorer")]
    Indicators,
}

impl TableKind {
    /// Every table, in the order they are written.
    pub const ALL: [TableKind; 5] = [
        TableKind::Activities,
        TableKind::FollowUps,
        TableKind::Directions,
        TableKind::Organisations,
        TableKind::Indicators,
    ];

    /// The table's name: sheet name, CSV file stem and JSON key.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Activities => activities::NAME,
            TableKind::Directions => directions::NAME,
            TableKind::Organisations => organisations::NAME,
            TableKind::Indicators => indicators::NAME,
            TableKind::FollowUps => follow_ups::NAME,
        }
    }

    /// Builds the table from a plan.
    pub fn build(self, plan: &Plan) -> Table {
        match self {
            TableKind::Activities => activities::table(plan, |_| true),
            TableKind::Directions => directions::table(plan, |_| true),
            TableKind::Organisations => organisations::table(plan),
            TableKind::Indicators => indicators::table(plan),
            TableKind::FollowUps => follow_ups::table(plan),
        }
    }
}
