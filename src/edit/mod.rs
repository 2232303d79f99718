//! A surgical YAML editor: change one value in a plan file and leave every other byte alone.
//!
//! People write plan files by hand, with comments, blank lines between activities, their
//! own quoting and key order. A tool that reads the file into a tree and writes the tree
//! back would lose all of that, so `plan import` and `plan new activity` edit the text
//! instead: each edit parses the file with the project's own YAML front end
//! ([`crate::yaml`], which keeps the span of every node), finds the node, and
//! replaces or inserts one byte range. Values are written by [`emit`] so that they read
//! back as exactly the value meant. Each edit re-parses the text, which keeps the code
//! free of offset bookkeeping; plan files are small enough for that to cost nothing.

pub mod emit;

pub use emit::Value;

use crate::lang::Lang;
use crate::model::schema::Def;
use crate::source::{FileId, Pos};
use crate::yaml::{Node, NodeKind, parse};

/// One step of a path from the root of a document to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// The value of a key in a mapping.
    Key(&'a str),
    /// An item of a sequence.
    Index(usize),
}

/// Where a new key goes in a mapping.
#[derive(Debug, Clone, Copy)]
pub enum Order {
    /// After the last key.
    End,
    /// At its place in the format's order of this part's keys ([`Def::keys`]); keys the
    /// part does not have go last.
    Format(Def),
    /// Before the first key that is a larger integer (years in `värden`).
    Numeric,
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text is not YAML that the project's parser accepts.
    NotYaml,
    /// Nothing at the path.
    Missing(String),
    /// The node at the path is not a mapping.
    NotMap(String),
    /// The node at the path is not a sequence.
    NotSeq(String),
    /// The edit would have made the file unreadable (a bug; nothing is written).
    Broken(String),
}

impl EditError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            EditError::NotYaml => crate::t!(
                lang,
                "filen är inte giltig YAML; rätta den först (`plan check` visar var)",
                "the file is not valid YAML; fix it first (`plan check` shows where)"
            ),
            EditError::Missing(at) => crate::t!(lang, "hittar inget vid {at}", "nothing at {at}"),
            EditError::NotMap(at) => crate::t!(lang, "{at} är ingen mappning", "{at} is not a mapping"),
            EditError::NotSeq(at) => crate::t!(lang, "{at} är ingen lista", "{at} is not a list"),
            EditError::Broken(at) => crate::t!(
                lang,
                "ändringen vid {at} skulle göra filen oläslig, så inget skrevs (ett fel i verktyget; rapportera det gärna)",
                "the edit at {at} would make the file unreadable, so nothing was written (a bug in the tool; please report it)"
            ),
        }
    }
}

/// The text of one YAML file, edited in place.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    nl: &'static str,
}

/// Shows a path for error messages: `aktiviteter[3].status`.
pub fn show_path(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() { "/".to_owned() } else { out }
}

/// Byte positions in one text, from the parser's line/character positions.
struct Bytes<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> Bytes<'t> {
    fn new(text: &'t str) -> Self {
        let mut line_starts = vec![0];
        let b = text.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Bytes { text, line_starts }
    }

    fn at(&self, pos: Pos) -> usize {
        let Some(&start) = self.line_starts.get(pos.line.max(1) as usize - 1) else { return self.text.len() };
        let skip = pos.column.max(1) as usize - 1;
        self.text[start..].char_indices().nth(skip).map_or(self.text.len(), |(i, _)| start + i)
    }

    fn line_start(&self, pos: Pos) -> usize {
        self.at(Pos { line: pos.line, column: 1 })
    }

    /// The end of the line holding byte `i`, before its `\n` or `\r\n`.
    fn line_end(&self, i: usize) -> usize {
        let end = self.text[i..].find('\n').map_or(self.text.len(), |n| i + n);
        if end > i && self.text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end }
    }

    fn byte(&self, i: usize) -> u8 {
        self.text.as_bytes().get(i).copied().unwrap_or(0)
    }

    fn is_flow(&self, node: &Node<'_>) -> bool {
        matches!(self.byte(self.at(node.span.start)), b'[' | b'{')
    }

    /// The byte just after the last character that belongs to `node` (the parser's own end
    /// of a block collection or block scalar lies at the next token, past comments).
    fn content_end(&self, node: &Node<'_>) -> usize {
        let start = self.at(node.span.start);
        match &node.kind {
            NodeKind::Scalar { plain: true, .. } | NodeKind::Refused => self.at(node.span.end),
            NodeKind::Scalar { text, plain: false } => {
                if matches!(self.byte(start), b'"' | b'\'') {
                    self.quoted_end(start)
                } else if text.is_empty() {
                    let indicator = self.text[..start].rfind(['|', '>']).unwrap_or(start);
                    self.line_end(indicator)
                } else {
                    self.block_scalar_end(start)
                }
            }
            NodeKind::Seq(items) if !self.is_flow(node) => {
                items.last().map_or(self.at(node.span.end), |n| self.content_end(n))
            }
            NodeKind::Map(entries) if !self.is_flow(node) => {
                entries.last().map_or(self.at(node.span.end), |(_, v)| self.content_end(v).max(self.at(v.span.start)))
            }
            _ => self.at(node.span.end),
        }
    }

    /// The byte after the closing quote of a quoted scalar starting at `start` (the parser's
    /// end can include the spaces after it).
    fn quoted_end(&self, start: usize) -> usize {
        let b = self.text.as_bytes();
        let quote = b[start];
        let mut i = start + 1;
        while i < b.len() {
            match b[i] {
                b'\\' if quote == b'"' => i += 2,
                b'\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
                c if c == quote => return i + 1,
                _ => i += 1,
            }
        }
        b.len()
    }

    /// The end of a literal or folded block whose first content character is at `start`.
    fn block_scalar_end(&self, start: usize) -> usize {
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = start - line_start;
        let mut end = self.line_end(start);
        let mut at = end;
        while let Some(n) = self.text[at..].find('\n') {
            let next = at + n + 1;
            let line_end = self.line_end(next);
            let line = &self.text[next..line_end];
            if !line.trim().is_empty() {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                if spaces < indent {
                    break;
                }
                end = line_end;
            }
            at = line_end;
            if at >= self.text.len() {
                break;
            }
        }
        end
    }

    /// The byte after the `:` that follows a mapping key.
    fn after_colon(&self, key: &Node<'_>) -> usize {
        let from = self.at(key.span.end);
        self.text[from..].find(':').map_or(from, |i| from + i + 1)
    }
}

/// Follows `path` from `root`.
fn resolve<'n, 'a>(root: &'n Node<'a>, path: &[Seg<'_>]) -> Option<&'n Node<'a>> {
    let mut node = root;
    for seg in path {
        node = match (seg, &node.kind) {
            (Seg::Key(k), NodeKind::Map(entries)) => &entries.iter().find(|(key, _)| key.as_scalar() == Some(k))?.1,
            (Seg::Index(i), NodeKind::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// One replacement: the byte range and its new text.
type Splice = (std::ops::Range<usize>, String);

impl Document {
    /// Wraps a file's text; its line ends (`\n` or `\r\n`) are kept for new lines.
    pub fn new(text: String) -> Self {
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Document { text, nl }
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The edited text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Runs `f` on the node at `path` in the current text (`None` when there is none).
    pub fn inspect<R>(&self, path: &[Seg<'_>], f: impl FnOnce(Option<&Node<'_>>) -> R) -> R {
        let parsed = parse(&self.text, FileId(0), Lang::En);
        f(parsed.root.as_ref().and_then(|r| resolve(r, path)))
    }

    /// The index of the item of the sequence at `seq` whose `key` is the scalar `value`.
    pub fn find_item(&self, seq: &[Seg<'_>], key: &str, value: &str) -> Option<usize> {
        self.inspect(seq, |node| node.and_then(|n| item_with(n, key, value)))
    }

    /// Whether the node at `path` is a block sequence with at least one item (one that
    /// [`Document::push`] extends with a `- item` line).
    pub fn is_block_list(&self, path: &[Seg<'_>]) -> bool {
        let parsed = parse(&self.text, FileId(0), Lang::En);
        let bytes = Bytes::new(&self.text);
        parsed
            .root
            .as_ref()
            .and_then(|r| resolve(r, path))
            .is_some_and(|n| matches!(&n.kind, NodeKind::Seq(items) if !items.is_empty()) && !bytes.is_flow(n))
    }

    /// Makes several edits against one reading of the text, then applies them together:
    /// one parse however many edits, so an import of a thousand rows stays linear. Every
    /// path and every read inside `f` refers to the text as it was before the batch; the
    /// edits must not overlap (two insertions at one place are kept in the order made).
    pub fn batch<R>(&mut self, f: impl FnOnce(&mut Batch<'_, '_>) -> Result<R, EditError>) -> Result<R, EditError> {
        let (result, splices, findings) = {
            let parsed = parse(&self.text, FileId(0), Lang::En);
            let root = parsed.root.as_ref().ok_or(EditError::NotYaml)?;
            let mut batch = Batch { root, bytes: Bytes::new(&self.text), nl: self.nl, splices: Vec::new() };
            let result = f(&mut batch)?;
            (result, batch.splices, parsed.diagnostics.len())
        };
        if splices.is_empty() {
            return Ok(result);
        }
        let mut order: Vec<usize> = (0..splices.len()).collect();
        order.sort_by_key(|&i| (splices[i].0.start, splices[i].0.end, i));
        let mut out = String::with_capacity(self.text.len() + splices.iter().map(|s| s.1.len()).sum::<usize>());
        let mut at = 0;
        for i in order {
            let (range, text) = &splices[i];
            if range.start < at {
                return Err(EditError::Broken(format!("byte {}", range.start)));
            }
            out.push_str(&self.text[at..range.start]);
            out.push_str(text);
            at = range.end;
        }
        out.push_str(&self.text[at..]);
        let parsed = parse(&out, FileId(0), Lang::En);
        // A file may already have YAML findings (a duplicate key, say); an edit must not add any.
        if parsed.root.is_none() || parsed.diagnostics.len() > findings {
            return Err(EditError::Broken(parsed.diagnostics.first().map_or_else(String::new, |d| d.message.clone())));
        }
        self.text = out;
        Ok(result)
    }

    /// Sets `key` in the mapping at `map` to `value`: replaces the value when the key is
    /// there, else inserts the key at its place by `order`.
    pub fn set(&mut self, map: &[Seg<'_>], key: &str, value: &Value, order: Order) -> Result<(), EditError> {
        self.batch(|b| b.set(map, key, value, order))
    }

    /// Appends `item` to the sequence at `seq`, in the style of the items already there.
    pub fn push(&mut self, seq: &[Seg<'_>], item: &Value) -> Result<(), EditError> {
        self.batch(|b| b.push(seq, item))
    }
}

/// The index of the item of a sequence whose `key` is the scalar `value`.
fn item_with(seq: &Node<'_>, key: &str, value: &str) -> Option<usize> {
    match &seq.kind {
        NodeKind::Seq(items) => {
            items.iter().position(|item| resolve(item, &[Seg::Key(key)]).and_then(Node::as_scalar) == Some(value))
        }
        _ => None,
    }
}

/// Edits collected against one reading of a [`Document`] (see [`Document::batch`]).
pub struct Batch<'n, 'a> {
    root: &'n Node<'a>,
    bytes: Bytes<'a>,
    nl: &'static str,
    splices: Vec<Splice>,
}

impl<'n, 'a> Batch<'n, 'a> {
    /// The node at `path`, as the text was before the batch.
    pub fn node(&self, path: &[Seg<'_>]) -> Option<&'n Node<'a>> {
        resolve(self.root, path)
    }

    /// The index of the item of the sequence at `seq` whose `key` is the scalar `value`.
    pub fn find_item(&self, seq: &[Seg<'_>], key: &str, value: &str) -> Option<usize> {
        self.node(seq).and_then(|n| item_with(n, key, value))
    }

    /// Whether the node at `path` is a block sequence with at least one item.
    pub fn is_block_list(&self, path: &[Seg<'_>]) -> bool {
        self.node(path)
            .is_some_and(|n| matches!(&n.kind, NodeKind::Seq(items) if !items.is_empty()) && !self.bytes.is_flow(n))
    }

    /// As [`Document::set`].
    pub fn set(&mut self, map: &[Seg<'_>], key: &str, value: &Value, order: Order) -> Result<(), EditError> {
        let b = &self.bytes;
        let node = resolve(self.root, map).ok_or_else(|| EditError::Missing(show_path(map)))?;
        let NodeKind::Map(entries) = &node.kind else { return Err(EditError::NotMap(show_path(map))) };
        let flow = b.is_flow(node);
        let splice = match entries.iter().find(|(k, _)| k.as_scalar() == Some(key)) {
            Some((k, v)) => replace_value(b, k, v, value, flow, self.nl),
            None => insert_entry(b, node, entries, key, value, order, flow, self.nl),
        };
        self.splices.push(splice);
        Ok(())
    }

    /// As [`Document::push`].
    pub fn push(&mut self, seq: &[Seg<'_>], item: &Value) -> Result<(), EditError> {
        let (b, nl) = (&self.bytes, self.nl);
        let node = resolve(self.root, seq).ok_or_else(|| EditError::Missing(show_path(seq)))?;
        let NodeKind::Seq(items) = &node.kind else { return Err(EditError::NotSeq(show_path(seq))) };
        let start = b.at(node.span.start);
        let splice = if b.is_flow(node) {
            let text = emit::inline(item, true);
            match items.last() {
                None => (start + 1..start + 1, text),
                Some(last) => {
                    let end = b.content_end(last);
                    (end..end, format!(", {text}"))
                }
            }
        } else {
            let Some(last) = items.last() else { return Err(EditError::NotSeq(show_path(seq))) };
            let dash = node.span.start.column as usize - 1;
            let at = b.line_end(b.content_end(last));
            // Items separated by blank lines get one before the new item too.
            let blank = items.len() >= 2 && {
                let prev = b.content_end(&items[items.len() - 2]);
                b.text[prev..b.line_start(last.span.start)].matches('\n').count() >= 2
            };
            let pad = " ".repeat(dash);
            (at..at, format!("{}{nl}{pad}- {}", if blank { nl } else { "" }, emit::item(item, dash, nl)))
        };
        self.splices.push(splice);
        Ok(())
    }
}

fn replace_value(b: &Bytes<'_>, k: &Node<'_>, v: &Node<'_>, value: &Value, flow: bool, nl: &str) -> Splice {
    let indent = k.span.start.column as usize - 1;
    let after = b.after_colon(k);
    let end = b.content_end(v).max(after);
    if v.is_null() && v.as_scalar() == Some("") {
        return (after..after, emit::after_key(value, indent, flow, nl));
    }
    // A block list stays a block list: its items are rewritten, the key's line is kept.
    if let (NodeKind::Seq(items), Value::Flow(new) | Value::BlockSeq(new)) = (&v.kind, value)
        && !b.is_flow(v)
        && !new.is_empty()
        && let Some(first) = items.first()
    {
        let dash = v.span.start.column as usize - 1;
        let pad = " ".repeat(dash);
        let lines: Vec<String> = new.iter().map(|i| format!("{pad}- {}", emit::item(i, dash, nl))).collect();
        return (b.line_start(first.span.start)..end, lines.join(nl));
    }
    let mut text = emit::after_key(value, indent, flow, nl);
    let inline_old = match &v.kind {
        NodeKind::Scalar { plain, .. } => *plain || matches!(b.byte(b.at(v.span.start)), b'"' | b'\''),
        NodeKind::Seq(_) | NodeKind::Map(_) => b.is_flow(v),
        NodeKind::Refused => false,
    };
    if let Some(inline) = text.strip_prefix(' ')
        && inline_old
        && !inline.contains('\n')
    {
        let start = b.at(v.span.start);
        // A comment aligned in a column after the value stays in its column when it can.
        let rest = &b.text[end..b.line_end(end)];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces >= 2 && rest[spaces..].starts_with('#') {
            let old = b.text[start..end].chars().count() + spaces;
            let pad = old.saturating_sub(inline.chars().count()).max(1);
            return (start..end + spaces, format!("{inline}{}", " ".repeat(pad)));
        }
        return (start..end, inline.to_owned());
    }
    // A comment after an inline value moves to the key's line when the value becomes a
    // block, or it would be read as part of the block.
    let line_end = b.line_end(end);
    let rest = &b.text[end..line_end];
    if inline_old && text.contains('\n') && !rest.trim().is_empty() {
        let at = text.find(['\r', '\n']).unwrap_or(text.len());
        text.insert_str(at, rest);
        return (after..line_end, text);
    }
    (after..end, text)
}

#[allow(clippy::too_many_arguments)]
fn insert_entry(
    b: &Bytes<'_>,
    map: &Node<'_>,
    entries: &[(Node<'_>, Node<'_>)],
    key: &str,
    value: &Value,
    order: Order,
    flow: bool,
    nl: &str,
) -> Splice {
    // The entry the new key goes before, if not after the last.
    let before = match order {
        Order::End => None,
        Order::Format(def) => def.keys().position(|k| k == key).and_then(|p| {
            entries
                .iter()
                .position(|(k, _)| k.as_scalar().and_then(|k| def.keys().position(|x| x == k)).is_some_and(|q| q > p))
        }),
        Order::Numeric => key.parse::<i64>().ok().and_then(|n| {
            entries.iter().position(|(k, _)| k.as_scalar().and_then(|k| k.parse::<i64>().ok()).is_some_and(|m| m > n))
        }),
    };
    if flow {
        let text = format!("{}: {}", emit::key_text(key, true), emit::inline(value, true));
        return match (before, entries.last()) {
            (_, None) => {
                let at = b.at(map.span.start) + 1;
                (at..at, format!(" {text} "))
            }
            (Some(i), _) => {
                let at = b.at(entries[i].0.span.start);
                (at..at, format!("{text}, "))
            }
            (None, Some((_, v))) => {
                let at = b.content_end(v);
                (at..at, format!(", {text}"))
            }
        };
    }
    let indent = entries.first().map_or(0, |(k, _)| k.span.start.column as usize - 1);
    let pad = " ".repeat(indent);
    let line = format!("{}:{}", emit::key_text(key, false), emit::after_key(value, indent, false, nl));
    match before {
        Some(i) if i > 0 => {
            let at = b.line_end(b.content_end(&entries[i - 1].1).max(b.after_colon(&entries[i - 1].0)));
            (at..at, format!("{nl}{pad}{line}"))
        }
        Some(_) => {
            let at = b.at(entries[0].0.span.start);
            (at..at, format!("{line}{nl}{pad}"))
        }
        None => {
            let last = entries.last().map(|(k, v)| b.content_end(v).max(b.after_colon(k))).unwrap_or(0);
            let at = b.line_end(last);
            (at..at, format!("{nl}{pad}{line}"))
        }
    }
}

#[cfg(test)]
mod tests;
