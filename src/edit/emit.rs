//! Writing values as YAML text that reads back as exactly the value meant.
//!
//! A plain scalar is the most readable form, but YAML reads many plain words as something
//! else (`1.10` is a number, `null` is nothing, `a: b` is a mapping, `x #y` loses its tail).
//! Rather than list every trap, a string is written plain only when our own parser reads
//! the plain form back as the same string of the same type; otherwise it is double-quoted
//! with escapes. Multi-line text becomes a literal `|` block, the way people write
//! `beskrivning` by hand.

use crate::lang::Lang;
use crate::source::FileId;
use crate::yaml::{NodeKind, is_null_text, is_number, parse};
use chrono::NaiveDate;

/// A value to write into a plan file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text; multi-line text becomes a `|` block where a block is possible.
    Str(String),
    /// An integer.
    Int(i64),
    /// A number, written as the shortest text that reads back as the same `f64`.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A date, written `YYYY-MM-DD`.
    Date(NaiveDate),
    /// A flow sequence: `[a, b]`.
    Flow(Vec<Value>),
    /// A flow mapping: `{ k: v, … }`.
    FlowMap(Vec<(String, Value)>),
    /// A block sequence, one `- item` a line.
    BlockSeq(Vec<Value>),
    /// A block mapping, one `key: value` a line.
    BlockMap(Vec<(String, Value)>),
}

impl Value {
    /// A text value.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }
}

/// Whether `s` reads back as the same text when written plain: as a string when `typed`
/// (so `1.10`, `true`, `null` are refused), or as any scalar with that text (for keys,
/// where the model matches on the text, so a year key `2025` stays plain).
pub fn plain_ok(s: &str, flow: bool, typed: bool) -> bool {
    if s.is_empty()
        || s.trim() != s
        || s.chars().any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'))
    {
        return false;
    }
    if typed && (is_null_text(s) || is_number(s) || matches!(s, "true" | "True" | "TRUE" | "false" | "False" | "FALSE"))
    {
        return false;
    }
    // Probe every shape the value is written in: a flow value stands both as a sequence
    // item (`[a, b]`) and as a mapping value followed by a space (`{ k: v }`), where a lone
    // `?` or `-` reads differently.
    if flow {
        reads_back(&format!("[{s}]"), s) && reads_back(&format!("{{ k: {s} }}"), s)
    } else {
        reads_back(&format!("k: {s}\n"), s)
    }
}

/// Whether `doc`, a one-item sequence or a one-entry mapping, holds `s` as a plain scalar.
fn reads_back(doc: &str, s: &str) -> bool {
    let parsed = parse(doc, FileId(0), Lang::En);
    if !parsed.diagnostics.is_empty() {
        return false;
    }
    let Some(root) = parsed.root else { return false };
    let node = match &root.kind {
        NodeKind::Seq(items) if items.len() == 1 => &items[0],
        NodeKind::Map(entries) if entries.len() == 1 => &entries[0].1,
        _ => return false,
    };
    matches!(&node.kind, NodeKind::Scalar { text, plain: true } if text == s)
}

/// A scalar string as written on one line.
fn scalar_str(s: &str, flow: bool) -> String {
    if plain_ok(s, flow, true) { s.to_owned() } else { crate::yaml::double_quoted(s) }
}

/// A mapping key as written.
pub fn key_text(k: &str, flow: bool) -> String {
    if plain_ok(k, flow, false) { k.to_owned() } else { crate::yaml::double_quoted(k) }
}

/// The shortest text that reads back as `v` (Rust's `Display` for `f64` is exactly that).
pub fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else if v.is_nan() {
        ".nan".to_owned()
    } else if v > 0.0 {
        ".inf".to_owned()
    } else {
        "-.inf".to_owned()
    }
}

/// `|` or `|-` and the indented lines of a literal block, or `None` when a literal block
/// cannot hold `s` exactly (leading blank, several trailing newlines, carriage returns,
/// control characters), in which case the text is double-quoted instead.
fn block_scalar(s: &str, indent: usize, nl: &str) -> Option<String> {
    let body = s.strip_suffix('\n');
    let (body, indicator) = match body {
        Some(b) => (b, "|"),
        None => (s, "|-"),
    };
    if body.is_empty()
        || body.ends_with('\n')
        || body.starts_with([' ', '\t', '\n'])
        || s.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
        })
    {
        return None;
    }
    // A last line of only spaces would be read as trailing indentation, not content.
    if body.rsplit('\n').next().is_some_and(|l| l.trim().is_empty()) {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(indicator);
    for line in body.split('\n') {
        out.push_str(nl);
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// Renders `value` inline (on one line), for a flow context or after `key: `.
pub fn inline(value: &Value, flow: bool) -> String {
    match value {
        Value::Str(s) => scalar_str(s, flow),
        Value::Int(i) => i.to_string(),
        Value::Num(v) => number(*v),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Flow(items) | Value::BlockSeq(items) => {
            let parts: Vec<String> = items.iter().map(|i| inline(i, true)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::FlowMap(entries) | Value::BlockMap(entries) => {
            if entries.is_empty() {
                return "{}".to_owned();
            }
            let parts: Vec<String> =
                entries.iter().map(|(k, v)| format!("{}: {}", key_text(k, true), inline(v, true))).collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// What follows `key:` for a key written at column `indent` (0-based): ` value`, or a
/// block starting on the next line, indented two more. No trailing newline.
pub fn after_key(value: &Value, indent: usize, flow: bool, nl: &str) -> String {
    if flow {
        return format!(" {}", inline(value, true));
    }
    match value {
        Value::Str(s) if s.contains('\n') => match block_scalar(s, indent + 2, nl) {
            Some(block) => format!(" {block}"),
            None => format!(" {}", crate::yaml::double_quoted(s)),
        },
        Value::BlockSeq(items) if !items.is_empty() => {
            let pad = " ".repeat(indent + 2);
            items.iter().map(|i| format!("{nl}{pad}- {}", item(i, indent + 2, nl))).collect()
        }
        Value::BlockMap(entries) if !entries.is_empty() => {
            let pad = " ".repeat(indent + 2);
            entries
                .iter()
                .map(|(k, v)| format!("{nl}{pad}{}:{}", key_text(k, false), after_key(v, indent + 2, false, nl)))
                .collect()
        }
        other => format!(" {}", inline(other, false)),
    }
}

/// The text after `- ` for a sequence item whose dash is at column `dash` (0-based).
pub fn item(value: &Value, dash: usize, nl: &str) -> String {
    match value {
        Value::BlockMap(entries) if !entries.is_empty() => {
            let pad = " ".repeat(dash + 2);
            let mut out = String::new();
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(nl);
                    out.push_str(&pad);
                }
                out.push_str(&key_text(k, false));
                out.push(':');
                out.push_str(&after_key(v, dash + 2, false, nl));
            }
            out
        }
        Value::Str(s) if s.contains('\n') => {
            block_scalar(s, dash + 2, nl).unwrap_or_else(|| crate::yaml::double_quoted(s))
        }
        other => inline(other, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_only_when_it_reads_back_as_the_same_string() {
        for s in ["Arbetsgrupp tillsatt.", "MO1.2", "2024-06-30", "å ä ö", "a-b", "x:y"] {
            assert!(plain_ok(s, false, true), "{s}");
        }
        for s in [
            "1.10", "true", "null", "~", "", " a", "a: b", "x #y", "- a", "'q'", "&a", "!t", "a\nb", "[x]", "{x}",
            "#c", "@x", "`x", "|", ">", "%x",
        ] {
            assert!(!plain_ok(s, false, true), "{s}");
        }
        assert!(!plain_ok("a, b", true, true));
        assert!(plain_ok("a, b", false, true));
        assert!(plain_ok("2025", false, false));
    }

    #[test]
    fn scalars_and_blocks() {
        assert_eq!(inline(&Value::Num(73.0), false), "73");
        assert_eq!(inline(&Value::Num(74.1), false), "74.1");
        assert_eq!(inline(&Value::str("1.10"), false), "\"1.10\"");
        assert_eq!(inline(&Value::str("sa \"hej\"\t\\"), false), r#""sa \"hej\"\t\\""#);
        assert_eq!(after_key(&Value::str("a\nb\n"), 4, false, "\n"), " |\n      a\n      b");
        assert_eq!(after_key(&Value::str("a\n\nb"), 0, false, "\n"), " |-\n  a\n\n  b");
        assert_eq!(after_key(&Value::str("a\n\n"), 0, false, "\n"), " \"a\\n\\n\"");
        assert_eq!(after_key(&Value::str(" a\nb"), 0, false, "\n"), " \" a\\nb\"");
        let flow =
            Value::FlowMap(vec![("datum".into(), Value::str("2024-06-30")), ("kommentar".into(), Value::str("a, b"))]);
        assert_eq!(inline(&flow, true), "{ datum: 2024-06-30, kommentar: \"a, b\" }");
    }
}
