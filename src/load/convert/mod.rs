//! From YAML trees to the typed model.
//!
//! Each file is converted on its own (in parallel, see [`crate::load`]) into a [`FileModel`];
//! the file models are then concatenated in path order into one [`Plan`] and indexed.
//! Conversion never stops at the first problem: an unknown key, a misspelt status or a bad
//! date is reported as P002 at the value and the value is left out, while the rest of the
//! entity — and every other entity — is still read, so ids keep taking part in the
//! duplicate and reference checks.

pub mod dates;
pub mod msg;

use crate::diagnostic::{Code, Diagnostic, sanitize};
use crate::lang::Lang;
use crate::model::schema::{self, Def};
use crate::model::*;
use crate::source::{FileId, Span, Spanned};
use crate::suggest::did_you_mean;
use crate::yaml::{Node, NodeKind, is_null_text, is_number};
use chrono::NaiveDate;
use msg::{Expected, Found};
use std::collections::BTreeMap;

/// What one file contributed.
#[derive(Debug, Default)]
pub struct FileModel {
    /// Organisations defined in the file.
    pub organisations: Vec<Organisation>,
    /// Handlingsplaner defined in the file.
    pub action_plans: Vec<ActionPlan>,
    /// Aktivitetsplaner defined in the file.
    pub activity_plans: Vec<ActivityPlan>,
    /// Whether nothing in the file could be read: it is not a mapping, or has no `typ` that
    /// says what it holds.
    pub unread: bool,
    /// Findings not kept because the file already had [`crate::load::MAX_FINDINGS_PER_FILE`].
    pub dropped: usize,
}

/// Converts one parsed file. `root` is `None` for an empty file. `status_words` are the
/// words `plan.toml` maps to statuses for imports (`[import.status]`), which a status
/// written with one of them is pointed to.
pub fn convert(
    root: Option<&Node<'_>>,
    file: FileId,
    lang: Lang,
    status_words: &BTreeMap<String, String>,
    out: &mut Vec<Diagnostic>,
) -> FileModel {
    let mut cx = Cx { lang, out, status_words, dropped: 0 };
    let model = convert_file(root, file, &mut cx);
    FileModel { dropped: cx.dropped, ..model }
}

fn convert_file(root: Option<&Node<'_>>, file: FileId, cx: &mut Cx<'_>) -> FileModel {
    let lang = cx.lang;
    let mut model = FileModel::default();
    let unread = FileModel { unread: true, ..FileModel::default() };
    let Some(root) = root else {
        let d =
            Diagnostic::new(Code::P002, Span::file_start(file), msg::empty_file(lang)).with_help(msg::typ_help(lang));
        cx.out.push(d);
        return unread;
    };
    let NodeKind::Map(entries) = &root.kind else {
        cx.wrong_type(root, "", Expected::Map);
        return unread;
    };
    // `typ`, or a misspelling of it (`type`), which the key check below reports.
    let typ = entries
        .iter()
        .find(|(k, _)| k.as_scalar() == Some("typ"))
        .or_else(|| entries.iter().find(|(k, _)| k.as_scalar().and_then(|k| did_you_mean(k, ["typ"])).is_some()))
        .map(|(_, v)| v);
    let Some(typ) = typ else {
        let at = entries.first().map_or(root.span, |(k, _)| k.span);
        let d = Diagnostic::new(Code::P002, at, msg::missing_typ(lang))
            .with_label(msg::missing_key_label(lang, "typ"))
            .with_help(msg::typ_help(lang));
        cx.out.push(d);
        return unread;
    };
    let value = typ.as_scalar().unwrap_or_default();
    let def = Def::of_file_type(value).or_else(|| {
        // A misspelt `typ` is reported once, and the file is read as what it was meant to be,
        // so that its ids and references take part in the checks as usual.
        let meant = did_you_mean(value, schema::file_types());
        let help = match meant {
            Some(s) => msg::did_you_mean(lang, s),
            None => msg::typ_help(lang),
        };
        let d = Diagnostic::new(Code::P002, typ.span, msg::unknown_typ(lang, &sanitize(value))).with_help(help);
        cx.out.push(match meant {
            Some(s) => d.with_fix(typ.span, s),
            None => d,
        });
        meant.and_then(Def::of_file_type)
    });
    match def {
        Some(Def::OrganisationsFile) => {
            if let Some(o) = cx.obj(root, Def::OrganisationsFile) {
                for node in cx.list(&o, "organisationer") {
                    model.organisations.extend(cx.organisation(node));
                }
            }
        }
        Some(Def::ActionPlan) => model.action_plans.extend(cx.action_plan(root)),
        Some(Def::ActivityPlan) => model.activity_plans.extend(cx.activity_plan(root)),
        _ => return unread,
    }
    model
}

/// A mapping whose keys have been checked against its part of the format.
struct Obj<'n, 'a> {
    node: &'n Node<'a>,
    entries: &'n [(Node<'a>, Node<'a>)],
    def: Def,
    /// Misspelt keys read as the key they were meant to be (`ansvarg` as `ansvarig`): the
    /// misspelling is reported once, and the value is not lost, so no missing key, missing
    /// owner or uncovered inriktning follows from it.
    meant: Vec<(&'static str, &'n Node<'a>)>,
}

impl<'n, 'a> Obj<'n, 'a> {
    /// The value of a key (or of its misspelling), treating YAML null as absent.
    fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        let exact = self.entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).map(|(_, v)| v);
        exact.or_else(|| self.meant.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)).filter(|v| !v.is_null())
    }

    /// Where "missing key" findings point: the first key of the mapping.
    fn head(&self) -> Span {
        self.entries.first().map_or(self.node.span, |(k, _)| k.span)
    }
}

/// The values `f` makes of a list's items, dropping the items it rejects (already
/// reported). Like `filter_map(f).collect()`, but sized once for every item: nearly every
/// item is kept, and growing the vector from four places up made a tenth of a large
/// plan's memory.
fn keep<'n, 'a, T>(items: &'n [Node<'a>], f: impl FnMut(&'n Node<'a>) -> Option<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    out.extend(items.iter().filter_map(f));
    out
}

/// Whether a text holds several ids: ids have no `;`, `,` or (where `spaces`) spaces.
fn holds_several(text: &str, spaces: bool) -> bool {
    // The words of `split_words`, without collecting them: this runs for every reference.
    let is_separator = |c: char| c == ';' || c == ',' || (spaces && c.is_whitespace());
    text.split(is_separator).filter(|w| !w.trim().is_empty()).nth(1).is_some()
}

/// The words of a text split at `;`, `,` and, where `spaces`, whitespace, each with its
/// offset in characters.
fn split_words(text: &str, spaces: bool) -> Vec<(usize, &str)> {
    let is_separator = |c: char| c == ';' || c == ',' || (spaces && c.is_whitespace());
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (i, (b, c)) in text.char_indices().enumerate() {
        match (is_separator(c), start) {
            (true, Some((ci, cb))) => {
                out.push((ci, &text[cb..b]));
                start = None;
            }
            (false, None) => start = Some((i, b)),
            _ => {}
        }
    }
    if let Some((ci, cb)) = start {
        out.push((ci, &text[cb..]));
    }
    out.into_iter()
        .filter_map(|(ci, w)| {
            let lead = w.chars().take_while(|c| c.is_whitespace()).count();
            let w = w.trim();
            (!w.is_empty()).then_some((ci + lead, w))
        })
        .collect()
}

/// The ids in a text written where a list belongs, each with its place. On one line of a
/// plain or quoted scalar without escapes, the text is what is in the file, so each id's
/// columns are known; otherwise each gets the whole value's span.
fn split_ids(node: &Node<'_>, text: &str, spaces: bool) -> Vec<Spanned<String>> {
    let span = node.span;
    let width = span.end.column.saturating_sub(span.start.column) as usize;
    let chars = text.chars().count();
    let offset = match &node.kind {
        NodeKind::Scalar { plain: true, .. } if width == chars => Some(0),
        NodeKind::Scalar { plain: false, .. } if width == chars + 2 => Some(1),
        _ => None,
    }
    .filter(|_| span.start.line == span.end.line);
    split_words(text, spaces)
        .into_iter()
        .map(|(at, word)| {
            let here = match offset {
                Some(o) => {
                    let column = span.start.column + u32::try_from(o + at).unwrap_or(0);
                    let len = u32::try_from(word.chars().count()).unwrap_or(0);
                    let start = crate::source::Pos { line: span.start.line, column };
                    Span {
                        file: span.file,
                        start,
                        end: crate::source::Pos { line: span.start.line, column: column + len },
                    }
                }
                None => span,
            };
            Spanned::new(word.to_owned(), here)
        })
        .collect()
}

/// The YAML 1.2 core-schema reading of a plain scalar.
fn found(node: &Node<'_>) -> Found {
    match &node.kind {
        NodeKind::Refused => Found::Null,
        NodeKind::Map(_) => Found::Map,
        NodeKind::Seq(_) => Found::List,
        NodeKind::Scalar { plain: false, .. } => Found::Text,
        NodeKind::Scalar { text, plain: true } => {
            if is_null_text(text) {
                Found::Null
            } else if matches!(&**text, "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
                Found::Bool
            } else if is_number(text) {
                Found::Number
            } else {
                Found::Text
            }
        }
    }
}

struct Cx<'o> {
    lang: Lang,
    out: &'o mut Vec<Diagnostic>,
    /// `plan.toml`'s `[import.status]`: the words of the user's sheets for statuses.
    status_words: &'o BTreeMap<String, String>,
    /// Findings past the limit, counted instead of kept.
    dropped: usize,
}

impl Cx<'_> {
    fn push(&mut self, d: Diagnostic) {
        if self.out.len() < crate::load::MAX_FINDINGS_PER_FILE {
            self.out.push(d);
        } else {
            self.dropped += 1;
        }
    }

    fn wrong_type(&mut self, node: &Node<'_>, key: &str, want: Expected) {
        if node.kind == NodeKind::Refused {
            return;
        }
        let d = Diagnostic::new(Code::P002, node.span, msg::wrong_type(self.lang, key, want, found(node)));
        self.push(d);
    }

    /// Checks that `node` is a mapping with only the keys of its part of the format.
    fn obj<'n, 'a>(&mut self, node: &'n Node<'a>, def: Def) -> Option<Obj<'n, 'a>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.wrong_type(node, "", Expected::Map);
            return None;
        };
        let mut meant = Vec::new();
        for (key, value) in entries {
            let name = key.as_scalar().unwrap_or_default();
            if def.has_key(name) {
                continue;
            }
            let suggestion = did_you_mean(name, def.keys());
            let help = match suggestion {
                Some(s) => msg::did_you_mean(self.lang, s),
                None => msg::allowed_keys(self.lang, &def.keys().collect::<Vec<_>>()),
            };
            if let Some(s) = suggestion
                && !entries.iter().any(|(k, _)| k.as_scalar() == Some(s))
                && !meant.iter().any(|(k, _)| *k == s)
            {
                meant.push((s, value));
            }
            let d = Diagnostic::new(Code::P002, key.span, msg::unknown_key(self.lang, &sanitize(name), def))
                .with_help(help);
            self.push(match suggestion {
                Some(s) => d.with_fix(key.span, s),
                None => d,
            });
        }
        Some(Obj { node, entries, def, meant })
    }

    fn missing(&mut self, o: &Obj<'_, '_>, key: &str) {
        let d = Diagnostic::new(Code::P002, o.head(), msg::missing_key(self.lang, key, o.def))
            .with_label(msg::missing_key_label(self.lang, key));
        self.push(d);
    }

    /// A text value; numbers and booleans are refused with a hint to quote them.
    fn text_node(&mut self, node: &Node<'_>, key: &str) -> Option<Spanned<String>> {
        match found(node) {
            Found::Text => Some(Spanned::new(node.as_scalar().unwrap_or_default().to_owned(), node.span)),
            Found::Number | Found::Bool => {
                let value = node.as_scalar().unwrap_or_default();
                let d = Diagnostic::new(Code::P002, node.span, msg::number_not_text(self.lang, key, value))
                    .with_help(msg::quote_help(self.lang, key, value));
                self.push(d);
                None
            }
            _ => {
                self.wrong_type(node, key, Expected::Text);
                None
            }
        }
    }

    fn text(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<String>> {
        let node = o.get(key)?;
        self.text_node(node, key)
    }

    fn required_text(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<String>> {
        if o.get(key).is_none() {
            self.missing(o, key);
            return None;
        }
        let text = self.text(o, key)?;
        if text.value.trim().is_empty() {
            self.push(Diagnostic::new(Code::P002, text.span, msg::empty_string(self.lang, key)));
        }
        Some(text)
    }

    /// The id that defines an entity; entities without one are left out of the model.
    fn defining_id<T: From<String>>(&mut self, o: &Obj<'_, '_>) -> Option<Spanned<T>> {
        let Some(node) = o.get("id") else {
            self.missing(o, "id");
            return None;
        };
        // A number is still the id the user meant; keep it so references to it resolve.
        let text = match found(node) {
            Found::Text => node.as_scalar().unwrap_or_default(),
            Found::Number | Found::Bool => {
                self.text_node(node, "id");
                node.as_scalar().unwrap_or_default()
            }
            _ => {
                self.wrong_type(node, "id", Expected::Id);
                return None;
            }
        };
        if text.trim().is_empty() {
            // Nothing can refer to an empty id: leave the entity out, as if it had none.
            self.push(Diagnostic::new(Code::P002, node.span, msg::empty_string(self.lang, "id")));
            return None;
        }
        if !is_valid_id(text) {
            let d = Diagnostic::new(Code::P002, node.span, msg::bad_id(self.lang, &sanitize(text)))
                .with_help(msg::id_help(self.lang));
            self.push(d);
        }
        Some(Spanned::new(T::from(text.to_owned()), node.span))
    }

    /// A reference to another entity's id; whether it exists is P004's business. An empty
    /// reference is a P002 here, except `ansvarig`, whose absence P006 reports.
    fn reference_node<T: From<String>>(&mut self, node: &Node<'_>, key: &str) -> Option<Spanned<T>> {
        let text = match found(node) {
            // `inriktningar: [1.2]`: reported, and kept as the id it was written as, so that
            // P004 can say which id was meant (it then reports it alone) and nothing else
            // follows from a missing reference.
            Found::Number | Found::Bool => {
                self.text_node(node, key);
                Spanned::new(node.as_scalar().unwrap_or_default().to_owned(), node.span)
            }
            _ => self.text_node(node, key)?,
        };
        if text.value.trim().is_empty() {
            if key != "ansvarig" {
                self.push(Diagnostic::new(Code::P002, text.span, msg::empty_string(self.lang, key)));
            }
            return None;
        }
        Some(Spanned::new(T::from(text.value), text.span))
    }

    fn reference<T: From<String>>(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<T>> {
        let node = o.get(key)?;
        self.reference_node(node, key)
    }

    /// A list of references. A list written as text (`sakområden: aldre; digitalisering`, an
    /// id per line without `- `) or an item holding several ids (`[MO1.1; MO1.2]`) is
    /// reported once, with the list as it should be written, and read as the ids it holds,
    /// so that nothing else follows from it. Organisations may have spaces in what was
    /// written (their names), so `medverkande` is split only at `;` and `,`.
    fn references<T: From<String>>(&mut self, o: &Obj<'_, '_>, key: &str) -> Vec<Spanned<T>> {
        let Some(node) = o.get(key) else { return Vec::new() };
        let spaces = key != "medverkande";
        match &node.kind {
            NodeKind::Seq(items) => {
                let mut out: Vec<Spanned<T>> = Vec::with_capacity(items.len());
                let mut several: Option<(Span, String)> = None;
                for item in items {
                    match item.as_scalar().filter(|t| holds_several(t, spaces) && found(item) == Found::Text) {
                        Some(text) => {
                            several.get_or_insert_with(|| (item.span, text.to_owned()));
                            out.extend(
                                split_ids(item, text, spaces)
                                    .into_iter()
                                    .map(|s| Spanned::new(T::from(s.value), s.span)),
                            );
                        }
                        None => out.extend(self.reference_node(item, key)),
                    }
                }
                if let Some((span, text)) = several {
                    let ids: Vec<String> = items
                        .iter()
                        .filter_map(|i| i.as_scalar())
                        .flat_map(|t| split_words(t, spaces).into_iter().map(|(_, w)| w.to_owned()))
                        .collect();
                    let d = Diagnostic::new(Code::P002, span, msg::several_in_one(self.lang, &sanitize(&text)))
                        .with_help(msg::list_help(self.lang, key, &ids.join(", "), false));
                    self.push(d);
                }
                out
            }
            NodeKind::Scalar { text, .. } => {
                let parts = split_ids(node, text, spaces);
                let list: Vec<&str> = parts.iter().map(|p| p.value.as_str()).collect();
                let lines = node.span.start.line != node.span.end.line;
                let d = Diagnostic::new(
                    Code::P002,
                    node.span,
                    msg::wrong_type(self.lang, key, Expected::List, found(node)),
                )
                .with_help(msg::list_help(self.lang, key, &sanitize(&list.join(", ")), lines));
                self.push(d);
                parts.into_iter().map(|p| Spanned::new(T::from(p.value), p.span)).collect()
            }
            NodeKind::Map(_) | NodeKind::Refused => {
                self.wrong_type(node, key, Expected::List);
                Vec::new()
            }
        }
    }

    /// The items of a list-valued key; anything else is reported and read as empty.
    fn list<'n, 'a>(&mut self, o: &Obj<'n, 'a>, key: &str) -> &'n [Node<'a>] {
        match o.get(key) {
            None => &[],
            Some(Node { kind: NodeKind::Seq(items), .. }) => items,
            Some(node) => {
                self.wrong_type(node, key, Expected::List);
                &[]
            }
        }
    }

    fn integer(&mut self, o: &Obj<'_, '_>, key: &str, want: Expected) -> Option<Spanned<i64>> {
        let node = o.get(key)?;
        let parsed = match found(node) {
            Found::Number => node.as_scalar().and_then(|t| t.parse::<i64>().ok()),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(node, key, want);
        }
        parsed.map(|v| Spanned::new(v, node.span))
    }

    fn year_node(&mut self, node: &Node<'_>, key: &str) -> Option<Spanned<i32>> {
        let text = node.as_scalar().unwrap_or_default();
        if found(node) != Found::Number {
            self.wrong_type(node, key, Expected::Year);
            return None;
        }
        match text.parse::<i32>() {
            Ok(y) if (1900..=2200).contains(&y) => Some(Spanned::new(y, node.span)),
            _ => {
                self.push(Diagnostic::new(Code::P002, node.span, msg::bad_year(self.lang, text)));
                None
            }
        }
    }

    fn year(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<i32>> {
        let node = o.get(key)?;
        self.year_node(node, key)
    }

    fn number_node(&mut self, node: &Node<'_>, key: &str) -> Option<Spanned<f64>> {
        let parsed = match found(node) {
            Found::Number => node.as_scalar().and_then(|t| t.parse::<f64>().ok()).filter(|v| v.is_finite()),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(node, key, Expected::Number);
        }
        parsed.map(|v| Spanned::new(v, node.span))
    }

    fn number(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<f64>> {
        let node = o.get(key)?;
        self.number_node(node, key)
    }

    fn boolean(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<bool>> {
        let node = o.get(key)?;
        match (found(node), node.as_scalar()) {
            (Found::Bool, Some(t)) => Some(Spanned::new(t.eq_ignore_ascii_case("true"), node.span)),
            _ => {
                self.wrong_type(node, key, Expected::Bool);
                None
            }
        }
    }

    fn date(&mut self, o: &Obj<'_, '_>, key: &str) -> Option<Spanned<NaiveDate>> {
        let node = o.get(key)?;
        let Some(text) = node.as_scalar() else {
            self.wrong_type(node, key, Expected::Date);
            return None;
        };
        match parse_date(text) {
            Some(d) => Some(Spanned::new(d, node.span)),
            None => {
                let bad = dates::diagnose(text);
                let d = Diagnostic::new(Code::P002, node.span, msg::bad_date(self.lang, &sanitize(text)))
                    .with_help(msg::bad_date_help(self.lang, key, &bad));
                self.push(d);
                // Left out even when the date meant is clear, so that no other finding is
                // made on a guess (`1/3 2025` is 1 March in Sweden, 3 January elsewhere).
                None
            }
        }
    }

    /// A value from a closed list of Swedish words. A word that is not one of them is
    /// reported with what it most likely meant: the word with a space around it or
    /// capitals, a word `plan.toml` maps for imports (`[import.status]`), a common synonym
    /// (`Avslutad`), a typo. It is left out of the model all the same (as any value that
    /// fails), so that no finding about overdue work or follow-ups is made on a guess.
    fn keyword<E: Copy + PartialEq>(
        &mut self,
        o: &Obj<'_, '_>,
        key: &str,
        all: &[(&'static str, E)],
        synonyms: &[(&'static str, E)],
    ) -> Option<Spanned<E>> {
        let node = o.get(key)?;
        let text = self.text_node(node, key)?;
        if let Some((_, v)) = all.iter().find(|(w, _)| *w == text.value) {
            return Some(Spanned::new(*v, text.span));
        }
        let words: Vec<&str> = all.iter().map(|(w, _)| *w).collect();
        let written = text.value.trim();
        let lower = written.to_lowercase();
        let word_of = |v: E| all.iter().find(|(_, x)| *x == v).map(|(w, _)| *w);
        let mapped = || {
            let (from, to) = self.status_words.iter().find(|(from, _)| from.trim().to_lowercase() == lower)?;
            let &(word, _) = all.iter().find(|(w, _)| w == to)?;
            Some((from.clone(), word))
        };
        // The help, and the word it names (which an editor can write at a click).
        let (help, meant) = if let Some(&(word, _)) = all.iter().find(|(w, _)| *w == written) {
            (msg::trim_help(self.lang, key, word), Some(word))
        } else if let Some(&(word, _)) = all.iter().find(|(w, _)| *w == lower) {
            (msg::lowercase_help(self.lang, key, word), Some(word))
        } else if let Some((from, word)) = if key == "status" { mapped() } else { None } {
            (msg::mapped_help(self.lang, key, &sanitize(&from), word), Some(word))
        } else if let Some(word) = synonyms.iter().find(|(w, _)| *w == lower).and_then(|(_, v)| word_of(*v)) {
            (msg::synonym_help(self.lang, key, word, &words), Some(word))
        } else if let Some(s) = did_you_mean(written, words.iter().copied()) {
            (format!("{} {}", msg::did_you_mean(self.lang, s), msg::allowed_values(self.lang, &words)), Some(s))
        } else {
            (msg::allowed_values(self.lang, &words), None)
        };
        let d = Diagnostic::new(Code::P002, text.span, msg::bad_keyword(self.lang, key, &sanitize(&text.value)))
            .with_help(help);
        self.push(match meant {
            Some(word) => d.with_fix(text.span, word),
            None => d,
        });
        None
    }

    fn decision(&mut self, o: &Obj<'_, '_>) -> Option<Decision> {
        let node = o.get("beslut")?;
        let d = self.obj(node, Def::Decision)?;
        let date = self.date(&d, "datum");
        if d.get("datum").is_none() {
            self.missing(&d, "datum");
        }
        Some(Decision { date, by: self.reference(&d, "av") })
    }

    fn organisation(&mut self, node: &Node<'_>) -> Option<Organisation> {
        let o = self.obj(node, Def::Organisation)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        let category = self.keyword(&o, "kategori", OrgCategory::ALL, &[]);
        if o.get("kategori").is_none() {
            self.missing(&o, "kategori");
        }
        let municipality_code = self.municipality_code(&o);
        Some(Organisation {
            id: id?,
            name,
            category,
            part_of: self.reference(&o, "del_av"),
            municipality_code,
            contact: self.text(&o, "kontakt"),
            description: self.text(&o, "beskrivning"),
        })
    }

    /// A `kommunkod`: four digits, written as text; a bad code is reported and left out.
    fn municipality_code(&mut self, o: &Obj<'_, '_>) -> Option<Spanned<String>> {
        let code = self.text(o, "kommunkod")?;
        if code.value.len() == 4 && code.value.bytes().all(|b| b.is_ascii_digit()) {
            return Some(code);
        }
        let d = Diagnostic::new(Code::P002, code.span, msg::bad_municipality_code(self.lang, &sanitize(&code.value)))
            .with_help(msg::municipality_code_help(self.lang));
        self.push(d);
        None
    }

    fn action_plan(&mut self, node: &Node<'_>) -> Option<ActionPlan> {
        let o = self.obj(node, Def::ActionPlan)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        let period = match o.get("period") {
            None => {
                self.missing(&o, "period");
                None
            }
            Some(p) => self.period(p),
        };
        let topics = keep(self.list(&o, "sakområden"), |n| self.topic(n));
        let goal_areas = keep(self.list(&o, "målområden"), |n| self.goal_area(n));
        let reviews = keep(self.list(&o, "uppföljningar"), |n| self.review(n));
        let focus_areas = keep(self.list(&o, "utvecklingsområden"), |n| self.focus_area(n));
        let indicators = keep(self.list(&o, "indikatorer"), |n| self.indicator(n));
        Some(ActionPlan {
            id: id?,
            name,
            follows: self.reference(&o, "följer"),
            period,
            owner: self.reference(&o, "ägare"),
            decision: self.decision(&o),
            goal: self.text(&o, "mål"),
            description: self.text(&o, "beskrivning"),
            topics,
            goal_areas,
            reviews,
            focus_areas,
            indicators,
        })
    }

    fn period(&mut self, node: &Node<'_>) -> Option<Period> {
        let o = self.obj(node, Def::Period)?;
        let from = self.year(&o, "från");
        let to = self.year(&o, "till");
        for key in Def::Period.required() {
            if o.get(key).is_none() {
                self.missing(&o, key);
            }
        }
        Some(Period { from: from?, to: to? })
    }

    fn topic(&mut self, node: &Node<'_>) -> Option<Topic> {
        let o = self.obj(node, Def::Topic)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        Some(Topic {
            id: id?,
            name,
            consultation_group: self.reference(&o, "samrådsgrupp"),
            description: self.text(&o, "beskrivning"),
        })
    }

    fn goal_area(&mut self, node: &Node<'_>) -> Option<GoalArea> {
        let o = self.obj(node, Def::GoalArea)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        let directions = keep(self.list(&o, "inriktningar"), |n| self.direction(n));
        let indicators = keep(self.list(&o, "indikatorer"), |n| self.indicator(n));
        Some(GoalArea {
            id: id?,
            number: self.integer(&o, "nummer", Expected::Integer),
            name,
            hallmark: self.text(&o, "kännetecken"),
            description: self.text(&o, "beskrivning"),
            directions,
            indicators,
        })
    }

    fn direction(&mut self, node: &Node<'_>) -> Option<Direction> {
        let o = self.obj(node, Def::Direction)?;
        let id = self.defining_id(&o);
        let text = self.required_text(&o, "text");
        Some(Direction { id: id?, text, description: self.text(&o, "beskrivning") })
    }

    fn indicator(&mut self, node: &Node<'_>) -> Option<Indicator> {
        let o = self.obj(node, Def::Indicator)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        let source = o.get("källa").and_then(|n| self.source(n));
        let mut values = Vec::new();
        if let Some(node) = o.get("värden") {
            match &node.kind {
                NodeKind::Map(entries) => {
                    for (k, v) in entries {
                        if let (Some(year), Some(value)) = (self.year_node(k, "värden"), self.number_node(v, "värden"))
                        {
                            values.push((year, value));
                        }
                    }
                }
                _ => self.wrong_type(node, "värden", Expected::Map),
            }
        }
        Some(Indicator {
            id: id?,
            name,
            unit: self.text(&o, "enhet"),
            trend: self.keyword(&o, "riktning", Trend::ALL, &[]),
            source,
            target: self.number(&o, "målvärde"),
            values,
            description: self.text(&o, "beskrivning"),
        })
    }

    fn source(&mut self, node: &Node<'_>) -> Option<Spanned<IndicatorSource>> {
        let o = self.obj(node, Def::Source)?;
        let kolada = self.text(&o, "kolada");
        let text = self.text(&o, "text");
        let municipality = self.municipality_code(&o);
        let bad_municipality = municipality.is_none() && o.get("kommunkod").is_some();
        let gender = self.keyword(&o, "kön", Gender::ALL, &[]);
        if kolada.is_none() {
            // `kommunkod` and `kön` say which Kolada figure to take; without `kolada`
            // they mean nothing.
            for key in ["kommunkod", "kön"] {
                if let Some(n) = o.get(key) {
                    self.push(Diagnostic::new(Code::P002, n.span, msg::kolada_only(self.lang, key)));
                }
            }
        }
        match (kolada, text) {
            (Some(k), None) => {
                let source = IndicatorSource::Kolada { kpi: k.value, municipality, bad_municipality, gender };
                Some(Spanned::new(source, node.span))
            }
            (None, Some(t)) => Some(Spanned::new(IndicatorSource::Text(t.value), node.span)),
            _ => {
                self.push(Diagnostic::new(Code::P002, node.span, msg::bad_source(self.lang)));
                None
            }
        }
    }

    fn review(&mut self, node: &Node<'_>) -> Option<Review> {
        let o = self.obj(node, Def::Review)?;
        if o.get("datum").is_none() {
            self.missing(&o, "datum");
        }
        let date = self.date(&o, "datum");
        Some(Review { date: date?, kind: self.text(&o, "typ") })
    }

    fn focus_area(&mut self, node: &Node<'_>) -> Option<FocusArea> {
        let o = self.obj(node, Def::FocusArea)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        let indicators = keep(self.list(&o, "indikatorer"), |n| self.indicator(n));
        Some(FocusArea {
            id: id?,
            name,
            directions: self.references(&o, "inriktningar"),
            owner: self.reference(&o, "ansvarig"),
            description: self.text(&o, "beskrivning"),
            indicators,
        })
    }

    fn activity_plan(&mut self, node: &Node<'_>) -> Option<ActivityPlan> {
        let o = self.obj(node, Def::ActivityPlan)?;
        let id = self.defining_id(&o);
        let action_plan = self.reference(&o, "handlingsplan");
        if action_plan.is_none() && o.get("handlingsplan").is_none() {
            self.missing(&o, "handlingsplan");
        }
        let year = self.year(&o, "år");
        if o.get("år").is_none() {
            self.missing(&o, "år");
        }
        let assignments = keep(self.list(&o, "uppdrag"), |n| self.assignment(n));
        let activities = keep(self.list(&o, "aktiviteter"), |n| self.activity(n));
        Some(ActivityPlan {
            id: id?,
            name: self.text(&o, "namn"),
            action_plan,
            year,
            decision: self.decision(&o),
            description: self.text(&o, "beskrivning"),
            assignments,
            analysis: self.analysis(&o),
            activities,
        })
    }

    fn analysis(&mut self, o: &Obj<'_, '_>) -> Analysis {
        let Some(a) = o.get("analys").and_then(|node| self.obj(node, Def::Analysis)) else {
            return Analysis::default();
        };
        Analysis { t1: self.text(&a, "t1"), t2: self.text(&a, "t2"), full_year: self.text(&a, "helår") }
    }

    fn assignment(&mut self, node: &Node<'_>) -> Option<Assignment> {
        let o = self.obj(node, Def::Assignment)?;
        let id = self.defining_id(&o);
        let name = self.required_text(&o, "namn");
        Some(Assignment {
            id: id?,
            name,
            owner: self.reference(&o, "ansvarig"),
            description: self.text(&o, "beskrivning"),
        })
    }

    fn activity(&mut self, node: &Node<'_>) -> Option<Activity> {
        let o = self.obj(node, Def::Activity)?;
        let id = self.defining_id(&o);
        let title = self.required_text(&o, "titel");
        let status = self.keyword(&o, "status", Status::ALL, Status::SYNONYMS);
        if o.get("status").is_none() {
            self.missing(&o, "status");
        }
        let follow_ups = keep(self.list(&o, "uppföljning"), |n| self.follow_up(n));
        let unusable = |key: &str, list: bool| {
            o.get(key).is_some_and(|n| match &n.kind {
                NodeKind::Refused | NodeKind::Map(_) => true,
                NodeKind::Seq(_) => !list,
                NodeKind::Scalar { .. } => list,
            })
        };
        let traces_malformed = unusable("inriktningar", true) || unusable("utvecklingsområden", true);
        let owner_malformed = unusable("ansvarig", false);
        Some(Activity {
            id: id?,
            title,
            continues: self.reference(&o, "fortsätter"),
            assignment: self.reference(&o, "uppdrag"),
            description: self.text(&o, "beskrivning"),
            directions: self.references(&o, "inriktningar"),
            focus_areas: self.references(&o, "utvecklingsområden"),
            owner: self.reference(&o, "ansvarig"),
            contributors: self.references(&o, "medverkande"),
            topics: self.references(&o, "sakområden"),
            prioritised: self.boolean(&o, "prioriterad"),
            start: self.date(&o, "start"),
            end: self.date(&o, "slut"),
            status,
            follow_ups,
            traces_malformed,
            owner_malformed,
        })
    }

    fn follow_up(&mut self, node: &Node<'_>) -> Option<FollowUp> {
        let o = self.obj(node, Def::FollowUp)?;
        for key in ["datum", "status"] {
            if o.get(key).is_none() {
                self.missing(&o, key);
            }
        }
        Some(FollowUp {
            date: self.date(&o, "datum"),
            status: self.keyword(&o, "status", Status::ALL, Status::SYNONYMS),
            comment: self.text(&o, "kommentar"),
        })
    }
}
