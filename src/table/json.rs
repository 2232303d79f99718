//! JSON for scripts: `{"aktiviteter": [{"id": …, …}, …], …}`, one key per table, one
//! object per row with the keys in column order, lists as arrays, dates as strings,
//! numbers as numbers and empty cells as `null`.

use super::{Cell, Table};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

struct Tables<'a>(&'a [Table]);
struct Rows<'a>(&'a Table);
struct Row<'a>(&'a [&'static str], &'a [Cell]);

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Empty => s.serialize_none(),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => s.serialize_i64(*n as i64),
            Cell::Number(n) => s.serialize_f64(*n),
            Cell::Date(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
            Cell::List { items, .. } => items.serialize(s),
        }
    }
}

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for table in self.0 {
            map.serialize_entry(table.name, &Rows(table))?;
        }
        map.end()
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.rows.len()))?;
        for row in &self.0.rows {
            seq.serialize_element(&Row(&self.0.columns, row))?;
        }
        seq.end()
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (column, cell) in self.0.iter().zip(self.1) {
            map.serialize_entry(column, cell)?;
        }
        map.end()
    }
}

/// The tables as one pretty-printed JSON document, ending with a newline.
pub fn render(tables: &[Table]) -> String {
    let mut text = serde_json::to_string_pretty(&Tables(tables)).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
