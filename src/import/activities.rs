//! Importing the activity table into an aktivitetsplan file, through the surgical editor.
//!
//! Every row is read and checked first; only when no row fails (or `--partial` asks for
//! the good rows) are the edits made. Activities are matched by id and updated field by
//! field, and a field is touched only when its value differs from the file's, so that
//! importing a sheet that holds what the file holds changes no byte, and importing one
//! changed status changes one line. Empty cells leave the file's value alone: import never
//! deletes. New ids are appended to `aktiviteter`.

use super::layout::{COLUMNS, DERIVED, column_letter};
use super::table::{Cell, Table, excel_date};
use crate::config::ImportConfig;
use crate::edit::{Batch, Document, EditError, Order, Seg, Value};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::parse_date;
use crate::model::schema::Def;
use crate::model::{Plan, Status, is_valid_id};
use crate::suggest::did_you_mean;
use crate::t;
use crate::yaml::{Node, NodeKind};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One row that cannot be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The sheet, or the CSV file's name.
    pub sheet: String,
    /// The row as the spreadsheet shows it (header = 1).
    pub row: usize,
    /// The column's letter.
    pub column: String,
    /// The column's header as written.
    pub header: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}!{}{} ({}): {}", self.sheet, self.column, self.row, self.header, self.message)
    }
}

/// What the target file is, as far as the import needs to know.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// The aktivitetsplan's id.
    pub id: Option<String>,
    /// Its handlingsplan.
    pub action_plan: Option<String>,
    /// Its year.
    pub year: Option<i32>,
    /// The date of the follow-up in rows that give a follow-up status or comment but no
    /// `uppföljning datum` (`--follow-up-date`): a sheet with a status column per tertial.
    pub follow_up_date: Option<chrono::NaiveDate>,
}

/// One activity's change: its id, whether it is new, and the keys changed.
pub type Change = (String, bool, Vec<&'static str>);

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Planned {
    /// The file's text after the import.
    pub text: String,
    /// Activity id, whether it is new, and the keys changed.
    pub changes: Vec<Change>,
    /// Rows that could not be imported.
    pub errors: Vec<RowError>,
    /// Things worth saying that are not errors (ignored columns, rows for other plans).
    pub notes: Vec<String>,
}

/// A follow-up from columns 19–21.
#[derive(Debug, Clone)]
struct FollowUpCells {
    date: NaiveDate,
    status: Option<&'static str>,
    comment: Option<String>,
}

/// A row that passed every check.
#[derive(Debug, Clone)]
struct Row {
    id: String,
    fields: Vec<(&'static str, Value)>,
    follow_up: Option<FollowUpCells>,
}

/// Where each layout column is in the sheet.
struct Columns<'t> {
    table: &'t Table,
    index: HashMap<&'static str, usize>,
}

impl Columns<'_> {
    fn get<'r>(&self, row: &'r [Cell], name: &str) -> Option<&'r Cell> {
        self.index.get(name).and_then(|&i| row.get(i)).filter(|c| !c.is_empty())
    }

    fn error(&self, row: usize, name: &str, message: String) -> RowError {
        let i = self.index.get(name).copied().unwrap_or(0);
        RowError {
            sheet: self.table.name.clone(),
            row,
            column: column_letter(self.table.first_column + i),
            header: self.table.headers.get(i).cloned().unwrap_or_else(|| name.to_owned()),
            message,
        }
    }
}

/// Finds the layout's columns among the sheet's headers (through `[import.kolumner]`),
/// and says which headers are ignored. A sheet without an `id` column cannot be imported.
fn columns<'t>(table: &'t Table, config: &ImportConfig, lang: Lang) -> Result<(Columns<'t>, Vec<String>), Error> {
    let norm = |s: &str| s.trim().to_lowercase();
    let mut index = HashMap::new();
    for &name in COLUMNS {
        let wanted: Vec<String> = config.kolumner.get(name).map(|h| norm(h)).into_iter().chain([norm(name)]).collect();
        if let Some(i) = wanted.iter().find_map(|w| table.headers.iter().position(|h| norm(h) == *w)) {
            index.entry(name).or_insert(i);
        }
    }
    if !index.contains_key("id") {
        let header = config.kolumner.get("id").map_or("id", String::as_str);
        let sheet = &table.name;
        return Err(Error::Input(t!(
            lang,
            "{sheet}: kolumnen `{header}` saknas; den behövs för att para ihop rader med aktiviteter",
            "{sheet}: the column `{header}` is missing; it is needed to match rows with activities"
        )));
    }
    let used: Vec<usize> = index.values().copied().collect();
    let unknown: Vec<String> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.trim().is_empty() && !used.contains(i))
        .map(|(_, h)| format!("`{h}`"))
        .collect();
    let mut notes = Vec::new();
    if !unknown.is_empty() {
        let list = unknown.join(", ");
        notes.push(t!(lang, "okända kolumner ignoreras: {list}", "unknown columns are ignored: {list}"));
    }
    Ok((Columns { table, index }, notes))
}

/// Splits a list cell: ids separated by commas (or semicolons).
fn split(text: &str) -> Vec<String> {
    text.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Text from a cell with Windows line ends made plain and trailing line breaks dropped.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.replace("\r\n", "\n").trim_end_matches(['\n', '\r']).trim_start_matches(' ').to_owned(),
        other => other.text(),
    }
}

/// A status word after `[import.status]`, or the error message.
fn status(word: &str, config: &ImportConfig, lang: Lang) -> Result<&'static str, String> {
    let mapped = config
        .status
        .get(word)
        .or_else(|| config.status.iter().find(|(k, _)| k.to_lowercase() == word.to_lowercase()).map(|(_, v)| v))
        .map_or(word, String::as_str);
    if let Some(status) = Status::parse(&mapped.to_lowercase()) {
        return Ok(status.as_str());
    }
    let candidates = Status::ALL.iter().map(|(w, _)| *w).chain(config.status.keys().map(String::as_str));
    // A suggested word from `[import.status]` is shown as the status it stands for.
    let suggestion = did_you_mean(word, candidates).map(|s| config.status.get(s).map_or(s, String::as_str));
    Err(match suggestion {
        Some(s) => t!(
            lang,
            "\"{word}\" är ingen status; menade du \"{s}\"?",
            "\"{word}\" is not a status; did you mean \"{s}\"?"
        ),
        None => {
            let all = Status::listed();
            t!(lang, "\"{word}\" är ingen status ({all})", "\"{word}\" is not a status ({all})")
        }
    })
}

fn date(cell: &Cell, lang: Lang) -> Result<NaiveDate, String> {
    let found = match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => excel_date(*n),
        other => parse_date(other.text().trim()),
    };
    found.ok_or_else(|| {
        let v = cell.text();
        t!(lang, "\"{v}\" är inget datum; skriv ÅÅÅÅ-MM-DD", "\"{v}\" is not a date; write YYYY-MM-DD")
    })
}

fn flag(cell: &Cell, lang: Lang) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => return Ok(*b),
        Cell::Number(n) if *n == 1.0 || *n == 0.0 => return Ok(*n == 1.0),
        _ => {}
    }
    let v = cell.text();
    match v.trim().to_lowercase().as_str() {
        "ja" | "true" | "x" | "yes" => Ok(true),
        "nej" | "false" | "no" => Ok(false),
        _ => Err(t!(
            lang,
            "\"{v}\" går inte att läsa som ja eller nej",
            "\"{v}\" cannot be read as ja (yes) or nej (no)"
        )),
    }
}

/// An organisation by id or by exact name (case-insensitive), as its id.
fn organisation(text: &str, plan: &Plan, lang: Lang) -> Result<String, String> {
    if plan.organisations.iter().any(|o| o.id.value.as_str() == text) {
        return Ok(text.to_owned());
    }
    let lower = text.to_lowercase();
    if let Some(o) =
        plan.organisations.iter().find(|o| o.name.as_ref().is_some_and(|n| n.value.to_lowercase() == lower))
    {
        return Ok(o.id.value.as_str().to_owned());
    }
    let ids = plan.organisations.iter().map(|o| o.id.value.as_str());
    let names = plan.organisations.iter().filter_map(|o| o.name.as_ref().map(|n| n.value.as_str()));
    Err(match did_you_mean(text, ids.chain(names)) {
        Some(s) => t!(
            lang,
            "\"{text}\" är ingen organisation (varken id eller namn); menade du \"{s}\"?",
            "\"{text}\" is not an organisation (neither an id nor a name); did you mean \"{s}\"?"
        ),
        None => t!(
            lang,
            "\"{text}\" är ingen organisation (varken id eller namn)",
            "\"{text}\" is not an organisation (neither an id nor a name)"
        ),
    })
}

fn year_of(cell: &Cell) -> Option<i32> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 => Some(*n as i32),
        other => other.text().trim().parse().ok(),
    }
}

/// Reads what the target must be from the rows, for a file that does not exist yet.
pub fn target_from_rows(table: &Table, config: &ImportConfig, given: Target, lang: Lang) -> Result<Target, Error> {
    let (cols, _) = columns(table, config, lang)?;
    let distinct = |name: &str| {
        let mut seen: Vec<String> = Vec::new();
        for (_, row) in &table.rows {
            if let Some(c) = cols.get(row, name) {
                let v = cell_text(c);
                if !seen.contains(&v) {
                    seen.push(v);
                }
            }
        }
        seen
    };
    let one = |name: &str, flag: &str| -> Result<Option<String>, Error> {
        let values = distinct(name);
        match values.len() {
            0 => Ok(None),
            1 => Ok(values.into_iter().next()),
            _ => {
                let list = values.join(", ");
                Err(Error::Usage(t!(
                    lang,
                    "tabellen har flera värden i `{name}` ({list}); välj ett med {flag}",
                    "the table has several values in `{name}` ({list}); choose one with {flag}"
                )))
            }
        }
    };
    let id = match given.id {
        Some(id) => Some(id),
        None => one("aktivitetsplan", "--plan-id")?,
    };
    let action_plan = match given.action_plan {
        Some(p) => Some(p),
        None => one("handlingsplan", "--action-plan")?,
    };
    let year = match given.year {
        Some(y) => Some(y),
        None => one("år", "--year")?.and_then(|y| y.parse::<f64>().ok()).map(|y| y as i32),
    };
    let missing: Vec<&str> =
        [(id.is_none(), "--plan-id"), (action_plan.is_none(), "--action-plan"), (year.is_none(), "--year")]
            .into_iter()
            .filter_map(|(m, f)| m.then_some(f))
            .collect();
    if !missing.is_empty() {
        let flags = missing.join(", ");
        return Err(Error::Usage(t!(
            lang,
            "filen finns inte än, och tabellen säger inte allt som en ny aktivitetsplan behöver; ange {flags}",
            "the file does not exist yet, and the table does not say everything a new aktivitetsplan needs; give {flags}"
        )));
    }
    Ok(Target { id, action_plan, year, follow_up_date: given.follow_up_date })
}

/// Reads the target's id and year from an existing file's text; it must be an aktivitetsplan.
pub fn target_from_text(doc: &Document, name: &str, lang: Lang) -> Result<Target, Error> {
    let scalar = |key: &str| doc.inspect(&[Seg::Key(key)], |n| n.and_then(Node::as_scalar).map(str::to_owned));
    let typ = scalar("typ").unwrap_or_default();
    if typ != "aktivitetsplan" {
        return Err(Error::Usage(t!(
            lang,
            "{name} är ingen aktivitetsplan (typ: {typ}); import skriver bara till aktivitetsplaner",
            "{name} is not an aktivitetsplan (typ: {typ}); import writes only to aktivitetsplaner"
        )));
    }
    Ok(Target {
        id: scalar("id"),
        action_plan: scalar("handlingsplan"),
        year: scalar("år").and_then(|y| y.parse().ok()),
        follow_up_date: None,
    })
}

/// The text of a new aktivitetsplan file, before any activity is added.
pub fn new_file(target: &Target) -> String {
    let id = crate::edit::emit::inline(&Value::str(target.id.clone().unwrap_or_default()), false);
    let plan = crate::edit::emit::inline(&Value::str(target.action_plan.clone().unwrap_or_default()), false);
    let year = target.year.unwrap_or_default();
    format!("typ: aktivitetsplan\nid: {id}\nhandlingsplan: {plan}\når: {year}\naktiviteter: []\n")
}

/// Checks every row of `table` and applies the good ones to `doc` (all of them, or none
/// when a row fails and `partial` is false).
pub fn import(
    table: &Table,
    doc: &mut Document,
    target: &Target,
    plan: &Plan,
    config: &ImportConfig,
    partial: bool,
    lang: Lang,
) -> Result<Planned, Error> {
    let (cols, mut notes) = columns(table, config, lang)?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut other_plans = 0usize;
    for (number, cells) in &table.rows {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        if let (Some(c), Some(id)) = (cols.get(cells, "aktivitetsplan"), &target.id)
            && cell_text(c) != *id
        {
            other_plans += 1;
            continue;
        }
        match read_row(&cols, *number, cells, target, plan, config, &mut seen, lang) {
            Ok(row) => rows.push(row),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if other_plans > 0 {
        let id = target.id.clone().unwrap_or_default();
        let rows = crate::lang::ui::count(lang, other_plans, crate::lang::ui::ROWS);
        notes.push(t!(
            lang,
            "{rows} för andra aktivitetsplaner än {id} hoppades över",
            "{rows} for aktivitetsplaner other than {id} were skipped"
        ));
    }
    let mut planned = Planned { errors, notes, ..Planned::default() };
    if !planned.errors.is_empty() && !partial {
        planned.text = doc.text().to_owned();
        return Ok(planned);
    }
    planned.changes = doc.batch(|b| apply_all(b, &rows)).map_err(|e| Error::Input(e.message(lang)))?;
    planned.text = doc.text().to_owned();
    Ok(planned)
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    cols: &Columns<'_>,
    number: usize,
    cells: &[Cell],
    target: &Target,
    plan: &Plan,
    config: &ImportConfig,
    seen: &mut HashMap<String, usize>,
    lang: Lang,
) -> Result<Row, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut fail = |name: &str, message: String| errors.push(cols.error(number, name, message));
    let id = cols.get(cells, "id").map(cell_text).unwrap_or_default();
    if id.is_empty() {
        fail("id", t!(lang, "id saknas", "the id is missing"));
    } else if !is_valid_id(&id) {
        fail("id", t!(lang, "\"{id}\" är inget giltigt id", "\"{id}\" is not a valid id"));
    } else if let Some(first) = seen.get(&id) {
        fail("id", t!(lang, "id \"{id}\" finns redan på rad {first}", "the id \"{id}\" is already on row {first}"));
    } else {
        seen.insert(id.clone(), number);
    }
    if let (Some(c), Some(year)) = (cols.get(cells, "år"), target.year)
        && year_of(c) != Some(year)
    {
        let v = c.text();
        fail(
            "år",
            t!(
                lang,
                "året {v} är inte aktivitetsplanens år {year}",
                "the year {v} is not the aktivitetsplan's year {year}"
            ),
        );
    }
    let mut fields: Vec<(&'static str, Value)> = Vec::new();
    for &name in COLUMNS {
        if DERIVED.contains(&name) || matches!(name, "id" | "aktivitetsplan" | "år") || name.starts_with("uppföljning")
        {
            continue;
        }
        let Some(cell) = cols.get(cells, name) else { continue };
        let text = cell_text(cell);
        let value = match name {
            "titel" | "uppdrag" => Ok(Value::Str(text)),
            "beskrivning" => Ok(Value::Str(text)),
            "inriktningar" | "utvecklingsområden" | "sakområden" => {
                Ok(Value::Flow(split(&text).into_iter().map(Value::Str).collect()))
            }
            "ansvarig" => organisation(&text, plan, lang).map(Value::Str),
            "medverkande" => split(&text)
                .iter()
                .map(|o| organisation(o, plan, lang).map(Value::Str))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Flow),
            "prioriterad" => flag(cell, lang).map(Value::Bool),
            "start" | "slut" => date(cell, lang).map(Value::Date),
            "status" => status(&text, config, lang).map(Value::str),
            _ => continue,
        };
        match value {
            Ok(v) => fields.push((name, v)),
            Err(message) => fail(name, message),
        }
    }
    let fu_status = cols.get(cells, "uppföljning status").map(|c| status(&cell_text(c), config, lang));
    let fu_comment = cols.get(cells, "uppföljning kommentar").map(cell_text);
    let fu_date = match cols.get(cells, "uppföljning datum") {
        Some(c) => Some(date(c, lang)),
        // A sheet without dates (a status column per tertial) gets the date the user gave.
        None if fu_status.is_some() || fu_comment.is_some() => target.follow_up_date.map(Ok),
        None => None,
    };
    let mut follow_up = None;
    match fu_date {
        Some(Ok(date)) => {
            let status = match fu_status {
                Some(Ok(s)) => Some(s),
                Some(Err(m)) => {
                    fail("uppföljning status", m);
                    None
                }
                None => None,
            };
            follow_up = Some(FollowUpCells { date, status, comment: fu_comment });
        }
        Some(Err(m)) => fail("uppföljning datum", m),
        None => {
            if fu_status.is_some() || fu_comment.is_some() {
                let name = if fu_status.is_some() { "uppföljning status" } else { "uppföljning kommentar" };
                fail(
                    name,
                    t!(
                        lang,
                        "en uppföljning behöver ett datum: fyll i `uppföljning datum`, eller ange --follow-up-date",
                        "a follow-up needs a date: fill in `uppföljning datum`, or give --follow-up-date"
                    ),
                );
            }
        }
    }
    if errors.is_empty() { Ok(Row { id, fields, follow_up }) } else { Err(errors) }
}

/// Whether the file's node already holds `value`.
fn same(node: Option<&Node<'_>>, key: &str, value: &Value) -> bool {
    let Some(node) = node else { return false };
    match (value, &node.kind) {
        (Value::Str(s), NodeKind::Scalar { text, .. }) if key == "beskrivning" => {
            text.strip_suffix('\n').unwrap_or(text) == s
        }
        (Value::Str(s), NodeKind::Scalar { text, .. }) => text == s,
        (Value::Bool(b), NodeKind::Scalar { text, plain: true }) => text.to_lowercase() == b.to_string(),
        (Value::Date(d), NodeKind::Scalar { text, .. }) => parse_date(text) == Some(*d),
        (Value::Flow(items), NodeKind::Seq(nodes)) => {
            items.len() == nodes.len()
                && items
                    .iter()
                    .zip(nodes)
                    .all(|(i, n)| matches!((i, n.as_scalar()), (Value::Str(s), Some(t)) if s == t))
        }
        _ => false,
    }
}

/// The value to write for `key`: a multi-line description ends with a line break, so it
/// is written as a `|` block as people write it.
fn to_write(key: &str, value: &Value, old: Option<&Node<'_>>) -> Value {
    match value {
        Value::Str(s) if key == "beskrivning" && s.contains('\n') => {
            let keeps_break = old.and_then(Node::as_scalar).is_none_or(|t| t.ends_with('\n'));
            Value::Str(if keeps_break { format!("{s}\n") } else { s.clone() })
        }
        other => other.clone(),
    }
}

const LIST: Seg<'static> = Seg::Key("aktiviteter");

/// Applies every row in one batch: updates in place, new activities appended together.
fn apply_all(b: &mut Batch<'_, '_>, rows: &[Row]) -> Result<Vec<Change>, EditError> {
    let index: HashMap<&str, usize> = match b.node(&[LIST]).map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => {
            let mut index = HashMap::new();
            for (i, item) in items.iter().enumerate() {
                if let Some(id) = resolve_scalar(item, "id") {
                    index.entry(id).or_insert(i);
                }
            }
            index
        }
        _ => HashMap::new(),
    };
    let mut changes = Vec::new();
    let mut added = Vec::new();
    for row in rows {
        match index.get(row.id.as_str()) {
            Some(&i) => {
                if let Some(change) = update(b, i, row)? {
                    changes.push(change);
                }
            }
            None => {
                added.push(new_item(row));
                changes.push((row.id.clone(), true, Vec::new()));
            }
        }
    }
    if !added.is_empty() {
        if b.is_block_list(&[LIST]) {
            for item in &added {
                b.push(&[LIST], item)?;
            }
        } else {
            b.set(&[], "aktiviteter", &Value::BlockSeq(added), Order::End)?;
        }
    }
    Ok(changes)
}

/// Updates activity `i` from a row; returns what changed, if anything.
fn update(b: &mut Batch<'_, '_>, i: usize, row: &Row) -> Result<Option<Change>, EditError> {
    let at = [LIST, Seg::Index(i)];
    let mut changed = Vec::new();
    // In the format's key order, so that two new keys at one place land in that order.
    let mut fields: Vec<&(&'static str, Value)> = row.fields.iter().collect();
    fields.sort_by_key(|(k, _)| Def::Activity.keys().position(|a| a == *k));
    for (key, value) in fields {
        let old = b.node(&[LIST, Seg::Index(i), Seg::Key(key)]);
        if !same(old, key, value) {
            let new = to_write(key, value, old);
            b.set(&at, key, &new, Order::Format(Def::Activity))?;
            changed.push(*key);
        }
    }
    if let Some(fu) = &row.follow_up {
        let list = [LIST, Seg::Index(i), Seg::Key("uppföljning")];
        let datum = fu.date.format("%Y-%m-%d").to_string();
        // The last follow-up of a date is the one `latest_follow_up` (and so the export) shows.
        let last = match b.node(&list).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => {
                items.iter().rposition(|item| resolve_scalar(item, "datum") == Some(datum.as_str()))
            }
            _ => None,
        };
        match last {
            Some(j) => {
                let item = [LIST, Seg::Index(i), Seg::Key("uppföljning"), Seg::Index(j)];
                let mut touched = false;
                let wanted = [("status", fu.status.map(Value::str)), ("kommentar", fu.comment.clone().map(Value::Str))];
                for (key, value) in wanted.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))) {
                    let old = b.node(&[LIST, Seg::Index(i), Seg::Key("uppföljning"), Seg::Index(j), Seg::Key(key)]);
                    if !same(old, key, &value) {
                        b.set(&item, key, &value, Order::Format(Def::FollowUp))?;
                        touched = true;
                    }
                }
                if touched {
                    changed.push("uppföljning");
                }
            }
            None => {
                let entry = follow_up_value(fu, fu.status.or_else(|| row_status(row)));
                if matches!(b.node(&list).map(|n| &n.kind), Some(NodeKind::Seq(_))) {
                    b.push(&list, &entry)?;
                } else {
                    b.set(&at, "uppföljning", &Value::BlockSeq(vec![entry]), Order::Format(Def::Activity))?;
                }
                changed.push("uppföljning");
            }
        }
    }
    Ok((!changed.is_empty()).then(|| (row.id.clone(), false, changed)))
}

/// The scalar under `key` in a mapping node.
fn resolve_scalar<'n>(node: &'n Node<'_>, key: &str) -> Option<&'n str> {
    match &node.kind {
        NodeKind::Map(entries) => {
            entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).and_then(|(_, v)| v.as_scalar())
        }
        _ => None,
    }
}

fn row_status(row: &Row) -> Option<&'static str> {
    row.fields.iter().find(|(k, _)| *k == "status").and_then(|(_, v)| match v {
        Value::Str(s) => Status::parse(s).map(Status::as_str),
        _ => None,
    })
}

fn follow_up_value(fu: &FollowUpCells, status: Option<&'static str>) -> Value {
    let mut entries = vec![("datum".to_owned(), Value::Date(fu.date))];
    if let Some(s) = status {
        entries.push(("status".to_owned(), Value::str(s)));
    }
    if let Some(c) = &fu.comment {
        entries.push(("kommentar".to_owned(), Value::Str(c.clone())));
    }
    Value::FlowMap(entries)
}

/// A new activity, its keys in the format's order.
fn new_item(row: &Row) -> Value {
    let mut entries = vec![("id".to_owned(), Value::Str(row.id.clone()))];
    for key in Def::Activity.keys() {
        if let Some((_, v)) = row.fields.iter().find(|(k, _)| *k == key) {
            entries.push((key.to_owned(), to_write(key, v, None)));
        }
    }
    if let Some(fu) = &row.follow_up {
        let status = fu.status.or_else(|| row_status(row));
        entries.push(("uppföljning".to_owned(), Value::BlockSeq(vec![follow_up_value(fu, status)])));
    }
    Value::BlockMap(entries)
}
