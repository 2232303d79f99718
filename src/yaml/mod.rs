//! The YAML front end: an event stream with spans, turned into a small spanned tree.
//!
//! We read YAML with `saphyr-parser`, a maintained YAML 1.2 parser that gives the start
//! and end of every event, and build our own tree rather than going through serde. That
//! lets one file report several problems at once (serde stops at the first), keeps a span
//! on every scalar, sequence and mapping, and puts the safety rules of the file format in
//! one place: anchors, aliases and tags are refused (so no alias can ever be expanded, and
//! a "billion laughs" file costs nothing), nesting is bounded, duplicate keys are caught,
//! and only the first document is read.
//!
//! The front end knows YAML, not plan files: [`crate::load`] reads files through it and
//! converts the tree into the model, and [`crate::edit`] uses its spans to edit files in
//! place. Its findings are P001's; their texts are in [`msg`], and a syntax error is
//! explained in the analyst's terms, at the place to fix, by [`explain`].

pub mod explain;
pub mod msg;

use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Lang;
use crate::source::{FileId, Pos, Span};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

/// `text` as a YAML double-quoted scalar on one line: `"`, `\` and every character that is
/// not printable in YAML (controls, line and paragraph separators, the byte order mark,
/// non-characters) are escaped.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// YAML 1.2's printable set (and YAML 1.1's), less the line and paragraph separators, which
/// some parsers take as line breaks, and the byte order mark.
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7e | 0xa0..=0x2027 | 0x202a..=0xd7ff | 0xe000..=0xfefe | 0xff00..=0xfffd | 0x10000..=0x10ffff)
        && (c as u32 & 0xfffe) != 0xfffe
}

/// Deepest nesting of sequences and mappings accepted; plan files need about six.
pub const MAX_DEPTH: usize = 64;

/// Most values (scalars, sequences and mappings) one file may hold. A plan file holds 13
/// to 30 per activity, so this is some 70,000 activities or more, a hundred times the
/// largest real aktivitetsplan; it bounds what one file's tree can cost while it is built
/// at about 550 MB (measured: 270 bytes a value at the peak, for a file of nothing else).
pub const MAX_NODES: usize = 2_000_000;

/// A YAML value with the span it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// The value.
    pub kind: NodeKind<'a>,
    /// Where it was written.
    pub span: Span,
}

/// The three shapes a YAML value can take.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind<'a> {
    /// A scalar; `plain` is false for quoted and block scalars, which are always strings.
    Scalar {
        /// The text after YAML's own unescaping and folding.
        text: Cow<'a, str>,
        /// Whether it was written without quotes or block indicator.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node<'a>>),
    /// A mapping, in the order written, with duplicate keys already removed.
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// An alias, already reported as P001; it stands for nothing, so that no second
    /// finding is made about the value it replaced.
    Refused,
}

impl<'a> Node<'a> {
    /// The text of a scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value as JSON, with plain scalars read by the YAML 1.2 core schema (for checking
    /// plan files against the JSON Schema, as editors do).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Refused => Value::Null,
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries.iter().map(|(k, v)| (k.as_scalar().unwrap_or_default().to_owned(), v.to_json())).collect(),
            ),
            NodeKind::Scalar { text, plain: false } => Value::String(text.to_string()),
            NodeKind::Scalar { text, plain: true } => match &**text {
                t if is_null_text(t) => Value::Null,
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                t if is_number(t) => t
                    .parse::<i64>()
                    .map(Value::from)
                    .or_else(|_| t.parse::<f64>().map(Value::from))
                    .unwrap_or(Value::Null),
                t => Value::String(t.to_owned()),
            },
        }
    }

    /// Whether this is YAML's null (`~`, `null`, or nothing at all).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { text, plain: true } if is_null_text(text))
    }
}

/// Whether a plain scalar means null in the YAML 1.2 core schema.
pub fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Whether a plain scalar is an int or float in the YAML 1.2 core schema.
pub fn is_number(text: &str) -> bool {
    // Every int and float of the core schema starts with one of these; titles and
    // descriptions (most plain scalars) are turned away without being scanned.
    if !matches!(text.as_bytes().first(), Some(b'0'..=b'9' | b'.' | b'-' | b'+')) {
        return false;
    }
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(t, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return !oct.is_empty() && oct.chars().all(|c| ('0'..='7').contains(&c));
    }
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.is_empty() || digits(int)) && (frac.is_empty() || digits(frac)) && !(int.is_empty() && frac.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// The outcome of parsing one file: the first document, if any, and what was wrong.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The root of the first document; `None` for an empty file or one that is not YAML.
    pub root: Option<Node<'a>>,
    /// P001 findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// A sequence or mapping under construction: where it starts, and where its finished items
/// (keys and values in turn, for a mapping) begin on the builder's stack of nodes.
struct Frame {
    start: Pos,
    first: usize,
    map: bool,
}

/// Parses the first YAML document of `text`.
pub fn parse(text: &str, file: FileId, lang: Lang) -> Parsed<'_> {
    let mut b =
        Builder { file, lang, stack: Vec::new(), nodes: Vec::new(), count: 0, root: None, diagnostics: Vec::new() };
    let mut parser = Parser::new_from_str(text);
    // The parser can place empty values and errors at the end of input one line past the
    // last; such positions are moved back inside the file. Only a position at the very end
    // can be past it, so the end is worked out only for those.
    let chars = text.chars().count();
    let end = std::cell::OnceCell::new();
    let inside = |m: &Marker| {
        let p = pos(m);
        if m.index() >= chars { p.min(*end.get_or_init(|| crate::source::end_of(text))) } else { p }
    };
    let mut documents = 0usize;
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(pair)) => pair,
            Some(Err(e)) => {
                let explained = explain::explain(text, e.info(), inside(e.marker()));
                let (message, help, label) = msg::syntax(lang, &explained.problem);
                let (start, end) = explained.at;
                let mut d = Diagnostic::new(Code::P001, Span { file, start, end }, message).with_help(help);
                if let Some(fixed) = explained.problem.fixed_line()
                    && let Some((start, end)) = explain::fix_place(text, (start, end), fixed)
                {
                    d = d.with_fix(Span { file, start, end }, fixed);
                }
                if let (Some((start, end)), Some(label)) = (explained.also, label) {
                    d = d.with_related(Span { file, start, end }, label);
                }
                b.diagnostics.push(d);
                // Whatever was built before the syntax error is incomplete; do not
                // interpret it, or a half-read file would produce misleading P002s.
                b.root = None;
                break;
            }
        };
        let span = Span { file, start: inside(&span.start), end: inside(&span.end) };
        if matches!(event, Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) | Event::Alias(_)) {
            b.count += 1;
            if b.count > MAX_NODES {
                b.diagnostics.push(Diagnostic::new(Code::P001, span, msg::too_many_values(lang, MAX_NODES)));
                b.root = None;
                break;
            }
        }
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    b.diagnostics.push(Diagnostic::new(Code::P001, span, msg::multiple_documents(lang)));
                    break;
                }
            }
            Event::Alias(_) => {
                b.diagnostics
                    .push(Diagnostic::new(Code::P001, span, msg::alias(lang)).with_help(msg::alias_help(lang)));
                b.finish(Node { kind: NodeKind::Refused, span });
            }
            Event::Scalar(text, style, anchor, tag) => {
                b.check_anchor_and_tag(anchor, tag.is_some(), span);
                let plain = matches!(style, ScalarStyle::Plain);
                b.finish(Node { kind: NodeKind::Scalar { text, plain }, span });
            }
            Event::SequenceStart(anchor, tag) => {
                b.check_anchor_and_tag(anchor, tag.is_some(), span);
                if !b.open(false, span) {
                    break;
                }
            }
            Event::MappingStart(anchor, tag) => {
                b.check_anchor_and_tag(anchor, tag.is_some(), span);
                if !b.open(true, span) {
                    break;
                }
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(span.end),
        }
    }
    Parsed { root: b.root, diagnostics: b.diagnostics }
}

fn pos(m: &Marker) -> Pos {
    Pos { line: u32::try_from(m.line()).unwrap_or(u32::MAX), column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX) }
}

struct Builder<'a> {
    file: FileId,
    lang: Lang,
    stack: Vec<Frame>,
    /// The finished items of every open collection, innermost last. Each collection takes
    /// its items off the top when it closes, in one allocation of the right size; growing a
    /// vector per collection item by item cost a tenth of loading.
    nodes: Vec<Node<'a>>,
    /// Values begun so far, for [`MAX_NODES`].
    count: usize,
    root: Option<Node<'a>>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn check_anchor_and_tag(&mut self, anchor: usize, tagged: bool, span: Span) {
        if anchor != 0 {
            let d = Diagnostic::new(Code::P001, span, msg::anchor(self.lang)).with_help(msg::alias_help(self.lang));
            self.diagnostics.push(d);
        }
        if tagged {
            let d = Diagnostic::new(Code::P001, span, msg::tag(self.lang)).with_help(msg::tag_help(self.lang));
            self.diagnostics.push(d);
        }
    }

    /// Pushes a new collection; false (with a P001) when nesting is too deep.
    fn open(&mut self, map: bool, span: Span) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.diagnostics.push(Diagnostic::new(Code::P001, span, msg::too_deep(self.lang, MAX_DEPTH)));
            self.root = None;
            self.stack.clear();
            return false;
        }
        self.stack.push(Frame { start: span.start, first: self.nodes.len(), map });
        true
    }

    fn close(&mut self, end: Pos) {
        let Some(Frame { start, first, map }) = self.stack.pop() else { return };
        let span = Span { file: self.file, start, end };
        let first = first.min(self.nodes.len());
        let kind = if map {
            let mut entries = Vec::with_capacity((self.nodes.len() - first) / 2);
            let mut items = self.nodes.drain(first..);
            // The parser gives every key a value (an empty one when none is written).
            while let (Some(key), Some(value)) = (items.next(), items.next()) {
                entries.push((key, value));
            }
            drop(items);
            NodeKind::Map(self.without_duplicate_keys(entries))
        } else {
            NodeKind::Seq(self.nodes.drain(first..).collect())
        };
        self.finish(Node { kind, span });
    }

    /// Places a finished node in its parent, or makes it the root.
    fn finish(&mut self, node: Node<'a>) {
        if !self.stack.is_empty() {
            self.nodes.push(node);
        } else if self.root.is_none() {
            self.root = Some(node);
        }
    }

    /// Keeps the first of each key and reports the others, pointing back at the first.
    fn without_duplicate_keys(&mut self, entries: Vec<(Node<'a>, Node<'a>)>) -> Vec<(Node<'a>, Node<'a>)> {
        if !has_bad_keys(&entries) {
            return entries;
        }
        let mut kept: Vec<(Node<'a>, Node<'a>)> = Vec::with_capacity(entries.len());
        let mut seen: HashMap<String, Span> = HashMap::new();
        for (key, value) in entries {
            let Some(text) = key.as_scalar() else {
                let d = Diagnostic::new(Code::P001, key.span, msg::complex_key(self.lang));
                self.diagnostics.push(d);
                continue;
            };
            if let Some(&first) = seen.get(text) {
                let d = Diagnostic::new(Code::P001, key.span, msg::duplicate_key(self.lang, text))
                    .with_related(first, msg::first_key(self.lang))
                    .with_help(msg::duplicate_key_help(self.lang));
                self.diagnostics.push(d);
                continue;
            }
            seen.insert(text.to_owned(), key.span);
            kept.push((key, value));
        }
        kept
    }
}

/// Whether a mapping has a key that is not a scalar or that is written twice: rare, so this
/// only looks, and the mapping is rebuilt only when it finds one.
fn has_bad_keys(entries: &[(Node<'_>, Node<'_>)]) -> bool {
    // Small mappings (every entity in a plan file) are faster to scan than to hash.
    if entries.len() <= 16 {
        return entries.iter().enumerate().any(|(i, (key, _))| match key.as_scalar() {
            None => true,
            Some(text) => entries[..i].iter().any(|(k, _)| k.as_scalar() == Some(text)),
        });
    }
    let mut seen = std::collections::HashSet::with_capacity(entries.len());
    entries.iter().any(|(key, _)| key.as_scalar().is_none_or(|text| !seen.insert(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_quoted_text_stays_one_scalar_on_one_line() {
        assert_eq!(double_quoted("a \"b\": c"), r#""a \"b\": c""#);
        assert_eq!(double_quoted("x\n---\nweight: 9\ndraft: true"), r#""x\n---\nweight: 9\ndraft: true""#);
        assert_eq!(double_quoted("back\\slash\ttab\r"), r#""back\\slash\ttab\r""#);
        assert_eq!(
            double_quoted("\u{0}\u{7f}\u{85}\u{2028}\u{feff}\u{fffe}\u{1fffe}"),
            r#""\u0000\u007F\u0085\u2028\uFEFF\uFFFE\U0001FFFE""#
        );
        assert_eq!(double_quoted("# {{ x }} 'q' é 😀"), "\"# {{ x }} 'q' é 😀\"");
    }

    fn parse_ok(text: &str) -> Node<'_> {
        let p = parse(text, FileId(0), Lang::En);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        p.root.expect("a document")
    }

    #[test]
    fn numbers_follow_the_yaml_core_schema() {
        for n in ["1", "-2", "+3", "1.10", ".5", "1e3", "0x1F", "0o17", ".inf", "-.Inf", ".nan"] {
            assert!(is_number(n), "{n}");
        }
        for s in ["1.1.1", "MO1.1", "Åtta", "inf", "2024-01-01", "0181a", "", ".", "e3", "1e", "0x"] {
            assert!(!is_number(s), "{s}");
        }
    }

    #[test]
    fn scalars_carry_one_based_character_columns() {
        let root = parse_ok("namn: Åsa\nid: ä-1\n");
        let NodeKind::Map(entries) = root.kind else { panic!("map") };
        let (k, v) = &entries[1];
        assert_eq!(k.span.start, Pos { line: 2, column: 1 });
        assert_eq!(v.span.start, Pos { line: 2, column: 5 });
        assert_eq!(v.span.end, Pos { line: 2, column: 8 });
    }

    #[test]
    fn quoted_scalars_are_not_plain() {
        let root = parse_ok("a: '1.10'\nb: 1.10\n");
        let NodeKind::Map(entries) = root.kind else { panic!("map") };
        assert!(matches!(entries[0].1.kind, NodeKind::Scalar { plain: false, .. }));
        assert!(matches!(entries[1].1.kind, NodeKind::Scalar { plain: true, .. }));
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_first_kept() {
        let p = parse("a: 1\nb: 2\na: 3\n", FileId(0), Lang::En);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].span.start, Pos { line: 3, column: 1 });
        assert_eq!(p.diagnostics[0].related[0].span.start, Pos { line: 1, column: 1 });
        let NodeKind::Map(entries) = p.root.unwrap().kind else { panic!("map") };
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].1.as_scalar(), Some("1"));
    }

    #[test]
    fn duplicate_keys_in_large_mappings_are_found() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\n");
        let p = parse(&text, FileId(0), Lang::En);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].span.start.line, 41);
    }

    #[test]
    fn complex_keys_are_refused_and_later_duplicates_still_found() {
        let p = parse("a: 1\n? [x]\n: 2\nb: 3\na: 4\n", FileId(0), Lang::En);
        let lines: Vec<u32> = p.diagnostics.iter().map(|d| d.span.start.line).collect();
        assert_eq!(lines, vec![2, 5]);
        let NodeKind::Map(entries) = p.root.unwrap().kind else { panic!("map") };
        let kept: Vec<_> = entries.iter().map(|(k, v)| (k.as_scalar(), v.as_scalar())).collect();
        assert_eq!(kept, vec![(Some("a"), Some("1")), (Some("b"), Some("3"))]);
    }

    #[test]
    fn nested_collections_keep_their_items_and_spans() {
        let root = parse_ok("a:\n  - [1, 2]\n  - {b: c}\nd: e\n");
        let NodeKind::Map(entries) = root.kind else { panic!("map") };
        assert_eq!(entries.len(), 2);
        let NodeKind::Seq(items) = &entries[0].1.kind else { panic!("seq") };
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0].kind, NodeKind::Seq(inner) if inner.len() == 2));
        assert!(matches!(&items[1].kind, NodeKind::Map(inner) if inner.len() == 1));
        assert_eq!(items[1].span.start, Pos { line: 3, column: 5 });
        assert_eq!(entries[1].0.as_scalar(), Some("d"));
    }

    #[test]
    fn anchors_aliases_and_tags_are_refused() {
        let p = parse("a: &x 1\nb: *x\nc: !!str 2\n", FileId(0), Lang::En);
        let lines: Vec<u32> = p.diagnostics.iter().map(|d| d.span.start.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
    }

    #[test]
    fn a_second_document_is_refused() {
        let p = parse("a: 1\n---\nb: 2\n", FileId(0), Lang::En);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].span.start.line, 2);
        assert!(p.root.is_some());
    }

    #[test]
    fn syntax_errors_stop_the_file_with_a_position() {
        let p = parse("a: 1\nb: [1, 2\nc: 3\n", FileId(0), Lang::En);
        assert_eq!(p.diagnostics.len(), 1);
        assert!(p.root.is_none());
        assert!(p.diagnostics[0].span.start.line >= 2);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(100_000);
        let p = parse(&text, FileId(0), Lang::En);
        assert!(p.root.is_none());
        assert_eq!(p.diagnostics.len(), 1);
    }

    #[test]
    fn empty_and_comment_only_files_have_no_root() {
        assert!(parse("", FileId(0), Lang::En).root.is_none());
        assert!(parse("# only a comment\n", FileId(0), Lang::En).root.is_none());
    }
}
