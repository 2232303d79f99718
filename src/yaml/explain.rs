//! What a YAML syntax error means in the analyst's terms, and where to fix it.
//!
//! The parser says what it could not do where it stopped ("mapping values are not allowed
//! in this context" at the second colon of a title), which is true but useless to someone
//! who knows Excel well and YAML a little. The mistakes behind those messages are few and
//! always the same: a `: ` or ` #` inside an unquoted value, a line indented one space too
//! far or too little, a quote that is never closed or closes too early, a list without its
//! `]`, a missing `:` or `- `. This module reads the lines around the parser's position,
//! recognises which of those mistakes it is, and returns it as a [`Problem`] with the place
//! to fix — often before the place the parser stopped, such as the line that misses its
//! `:` above the line where the parser noticed — and, where it can be worked out, the line
//! as it should be written. The words are in [`super::msg`]; this module is language-free.

use crate::source::Pos;

/// A recognised mistake, with what the messages need to name it and its fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `titel: SIP: utbilda personal`: a `: ` inside an unquoted value.
    ColonInValue {
        /// The key whose value it is.
        key: String,
        /// The key and value as they should be written.
        fixed: String,
    },
    /// A key indented further than the key it should line up with.
    IndentedMore {
        /// The key on the line to fix.
        key: String,
        /// The key above it should line up with, its line and its column.
        sibling: Sibling,
    },
    /// A key indented less than the key it should line up with.
    IndentedLess {
        /// The key on the line to fix.
        key: String,
        /// The key above it should line up with.
        sibling: Sibling,
    },
    /// A list item (`- `) that does not line up with the items above it.
    ItemIndent {
        /// The item above it should line up with.
        sibling: Sibling,
    },
    /// A line inside a list of values that lacks its `- `.
    MissingDash {
        /// The value on the line.
        value: String,
        /// The item above it.
        sibling: Sibling,
    },
    /// `titel SIP`: a line with a key but no `:`.
    MissingColon {
        /// The line as it should be written (its first word taken as the key).
        fixed: String,
    },
    /// `titel:SIP`: no space after the `:`.
    NoSpaceAfterColon {
        /// The key and value as they should be written.
        fixed: String,
    },
    /// `titel:` and the value on the next line, not indented.
    ValueOnNextLine {
        /// The key.
        key: String,
        /// The key and value on one line.
        fixed: String,
    },
    /// `titel: "Projektet "Trygg hemma" startar"`: the quote closes before the value ends.
    QuoteEndsEarly {
        /// The key whose value it is.
        key: String,
        /// The column where the quoted text ends.
        closed_at: u32,
        /// The key and value as they should be written.
        fixed: Option<String>,
    },
    /// A quote opened and never closed on its line.
    UnclosedQuote {
        /// `"` or `'`.
        quote: char,
        /// The line it was opened on.
        line: u32,
        /// The value closed at the end of its line.
        closed: Option<String>,
        /// The value with the quote as part of the text.
        literal: Option<String>,
    },
    /// A value starting with a character YAML reserves (`@`, `` ` ``, `%`, `*`, `&`, `?`).
    ReservedStart {
        /// The character.
        ch: char,
        /// The key and value as they should be written.
        fixed: Option<String>,
    },
    /// `titel: [Nytt] arbetssätt`: a value starting with `[` or `{` that goes on after it closes.
    StartsWithBracket {
        /// `[` or `{`.
        open: char,
        /// The key and value as they should be written.
        fixed: Option<String>,
    },
    /// A `[` or `{` that is never closed.
    UnclosedBracket {
        /// `[` or `{`.
        open: char,
        /// The line it was opened on.
        line: u32,
        /// That line with the bracket closed at its end.
        fixed: String,
    },
    /// A list or mapping in brackets continued on a line that is not indented enough.
    FlowOnSeveralLines {
        /// The key it belongs to.
        key: String,
        /// The line it was opened on.
        line: u32,
        /// The whole list on one line.
        fixed: Option<String>,
    },
    /// ` #` inside `{ … }` or `[ … ]`: the rest of the line, with its closing bracket, became
    /// a comment.
    CommentInBrackets {
        /// The line of the ` #`.
        line: u32,
        /// The key and value with `#` as they should be written.
        fixed: Option<String>,
    },
    /// `\` in double quotes that starts no escape YAML knows (`"C:\mapp"`).
    Backslash {
        /// The key and value as they should be written.
        fixed: Option<String>,
    },
    /// `| text` or `> text`: text on the line of a block indicator.
    BlockIndicator {
        /// `|` or `>`.
        ch: char,
    },
    /// `titel: - x`: a list started on the line of its key.
    DashAfterKey {
        /// The key and value as they should be written.
        fixed: Option<String>,
    },
    /// A tab where YAML wants spaces.
    Tab {
        /// Whether the tab is in the line's indentation (else after a `:` or `-`).
        indentation: bool,
        /// The key the line should line up with, when there is one.
        sibling: Option<Sibling>,
    },
    /// `[a,, b]`: a value missing between two commas.
    EmptyItem,
    /// A byte order mark (U+FEFF) inside the text.
    ByteOrderMark,
    /// Anything else: the parser's words, for English output only.
    Other {
        /// The parser's description.
        info: String,
    },
}

impl Problem {
    /// The corrected line (or part of a line) the help shows, for the mistakes that lie on
    /// one line. Mistakes over several lines have none.
    pub fn fixed_line(&self) -> Option<&str> {
        use Problem::*;
        match self {
            ColonInValue { fixed, .. } | MissingColon { fixed } | NoSpaceAfterColon { fixed } => Some(fixed),
            QuoteEndsEarly { fixed, .. }
            | ReservedStart { fixed, .. }
            | StartsWithBracket { fixed, .. }
            | Backslash { fixed }
            | DashAfterKey { fixed } => fixed.as_deref(),
            UnclosedQuote { closed, .. } => closed.as_deref(),
            _ => None,
        }
    }
}

/// Largest file for which [`fix_place`] looks for a place.
const MAX_FIX_BYTES: usize = 1 << 20;

/// Where on the line of a syntax error the corrected text of its help goes, found by trying:
/// the place the error points at, the line after its indentation and list dashes up to a
/// trailing comment, or to the end of the line. A place counts only when the file with the
/// correction in it reads further than the line of the error; `None` when none does.
pub fn fix_place(text: &str, at: (Pos, Pos), fixed: &str) -> Option<(Pos, Pos)> {
    // Each try reads the file again; a file of many megabytes is no hand-edited plan file,
    // and its one error is not worth reading it three more times.
    if text.len() > MAX_FIX_BYTES {
        return None;
    }
    let l = (at.0.line.max(1) - 1) as usize;
    let raw = text.split_inclusive(['\n']).nth(l)?;
    let line = Line { chars: raw.trim_end_matches(['\n', '\r']).chars().collect() };
    let (start, _) = line.after_dashes();
    let value_end = start + line.value_from(start).chars().count();
    let at_line = |c: usize| Pos { line: at.0.line, column: col(c) };
    let mut places = vec![at];
    if at.0.line == at.1.line {
        places.push((at_line(start), at_line(value_end)));
        places.push((at_line(start), at_line(line.chars.len())));
    }
    places.into_iter().find(|&(from, to)| {
        let from_byte = byte_at(text, from);
        let to_byte = byte_at(text, to).max(from_byte);
        let mut candidate = String::with_capacity(text.len() + fixed.len());
        candidate.push_str(&text[..from_byte]);
        candidate.push_str(fixed);
        candidate.push_str(&text[to_byte..]);
        reads_past(&candidate, at.0.line)
    })
}

/// The byte offset of a position, clamped to the text.
fn byte_at(text: &str, pos: Pos) -> usize {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line as usize {
            let skip = (pos.column.max(1) - 1) as usize;
            return offset
                + line.char_indices().nth(skip).map_or(line.trim_end_matches(['\n', '\r']).len(), |(b, _)| b);
        }
        offset += line.len();
    }
    text.len()
}

/// Whether YAML reads `text` without an error on or before line `line`.
fn reads_past(text: &str, line: u32) -> bool {
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    loop {
        match parser.next_event() {
            None | Some(Ok((saphyr_parser::Event::StreamEnd, _))) => return true,
            Some(Ok(_)) => {}
            Some(Err(e)) => return e.marker().line() > line as usize,
        }
    }
}

/// A key or list item above the line to fix, that the line should line up with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sibling {
    /// Its text (`titel`, or `-` for a list item).
    pub key: String,
    /// Its line.
    pub line: u32,
    /// Its column.
    pub column: u32,
}

/// A mistake and where it is: the place to fix, and optionally a second place (the quote
/// that closes too early) for a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// What is wrong.
    pub problem: Problem,
    /// Where to fix it (start, end).
    pub at: (Pos, Pos),
    /// A second place worth pointing at, such as where the parser stopped.
    pub also: Option<(Pos, Pos)>,
}

/// One line of the file, as characters, for column arithmetic.
pub(crate) struct Line {
    pub(crate) chars: Vec<char>,
}

impl Line {
    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    fn indent(&self) -> usize {
        self.chars.iter().take_while(|c| **c == ' ').count()
    }

    /// The indentation, tabs included.
    fn lead(&self) -> &[char] {
        let n = self.chars.iter().take_while(|ch| matches!(ch, ' ' | '\t')).count();
        &self.chars[..n]
    }

    fn is_blank_or_comment(&self) -> bool {
        let rest: String = self.chars[self.indent()..].iter().collect();
        let rest = rest.trim();
        rest.is_empty() || rest.starts_with('#')
    }

    /// Where the content starts after the indentation and any `- ` list markers, and the
    /// column of the last `-` (0-based).
    pub(crate) fn after_dashes(&self) -> (usize, Option<usize>) {
        let mut i = self.indent();
        let mut dash = None;
        while self.chars.get(i) == Some(&'-') && matches!(self.chars.get(i + 1), None | Some(' ')) {
            dash = Some(i);
            i += 1;
            while self.chars.get(i) == Some(&' ') {
                i += 1;
            }
        }
        (i, dash)
    }

    /// A `key:` at the start of the content: (key start, colon index, value start), 0-based.
    pub(crate) fn key(&self) -> Option<(usize, usize, usize)> {
        let (start, _) = self.after_dashes();
        let first = *self.chars.get(start)?;
        if matches!(first, '"' | '\'' | '[' | '{' | '#' | '|' | '>' | '&' | '*' | '!' | '?' | ':') {
            return None;
        }
        let mut i = start;
        while i < self.chars.len() {
            let c = self.chars[i];
            if c == '#' && i > start && self.chars[i - 1] == ' ' {
                return None;
            }
            if c == ':' && matches!(self.chars.get(i + 1), None | Some(' ' | '\t')) {
                let mut v = i + 1;
                while matches!(self.chars.get(v), Some(' ')) {
                    v += 1;
                }
                return Some((start, i, v));
            }
            i += 1;
        }
        None
    }

    fn key_name(&self) -> Option<String> {
        let (k, colon, _) = self.key()?;
        Some(self.chars[k..colon].iter().collect::<String>().trim_end().to_owned())
    }

    /// The value from `from` to the end of the line, without a trailing comment.
    fn value_from(&self, from: usize) -> String {
        let mut end = self.chars.len();
        for i in from..self.chars.len() {
            if self.chars[i] == '#' && i > from && self.chars[i - 1] == ' ' {
                end = i;
                break;
            }
        }
        self.chars[from.min(end)..end].iter().collect::<String>().trim_end().to_owned()
    }

    /// The line from its indentation (and list markers) up to where its value starts.
    fn head(&self, value_start: usize) -> String {
        let (start, _) = self.after_dashes();
        self.chars[start..value_start.min(self.chars.len())].iter().collect()
    }
}

fn col(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// A value in quotes that YAML reads as exactly the text: double quotes unless the text
/// has a `"` or `\`, else single quotes (with `'` doubled).
pub fn quoted(value: &str) -> String {
    if !value.contains(['"', '\\']) { format!("\"{value}\"") } else { format!("'{}'", value.replace('\'', "''")) }
}

/// Explains the syntax error the parser reported with `info` at `at`.
pub fn explain(text: &str, info: &str, at: Pos) -> Explained {
    let at = Pos { line: at.line.max(1), column: at.column.max(1) };
    // Lines are cut as text and turned into characters only when looked at: an error in a
    // large file looks at a few lines near it.
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let ex = Explainer { lines: &lines, at };
    ex.explain(info).unwrap_or_else(|| Explained {
        problem: Problem::Other { info: info.to_owned() },
        at: (at, Pos { line: at.line, column: at.column + 1 }),
        also: None,
    })
}

/// Whether the parser gave up inside a `[ … ]` or `{ … }`, or at the key after one.
fn is_flow_error(info: &str) -> bool {
    info.contains("flow sequence")
        || info.contains("flow mapping")
        || matches!(
            info,
            "illegal placement of ':' indicator" | "invalid indentation" | "invalid indentation in flow construct"
        )
}

struct Explainer<'l> {
    lines: &'l [&'l str],
    at: Pos,
}

impl Explainer<'_> {
    fn line(&self, i: usize) -> Option<Line> {
        self.lines.get(i).map(|l| Line { chars: l.chars().collect() })
    }

    /// The 0-based index of the error's line and column.
    fn here(&self) -> (usize, usize) {
        ((self.at.line.max(1) - 1) as usize, (self.at.column.max(1) - 1) as usize)
    }

    fn pos(line: usize, column: usize) -> Pos {
        Pos { line: line_no(line), column: col(column) }
    }

    fn span(line: usize, from: usize, to: usize) -> (Pos, Pos) {
        (Self::pos(line, from), Self::pos(line, to.max(from + 1)))
    }

    /// The nearest line above `i` that is not blank or a comment.
    fn above(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.line(j).is_some_and(|l| !l.is_blank_or_comment()))
    }

    fn explain(&self, info: &str) -> Option<Explained> {
        let (l, c) = self.here();
        let at_tab = self.line(l).is_some_and(|line| {
            line.chars.get(c) == Some(&'\t') || c.checked_sub(1).and_then(|b| line.chars.get(b)) == Some(&'\t')
        });
        if info.contains("tab") || at_tab {
            return Some(self.tab());
        }
        if info.contains("byte order mark") {
            return Some(Explained { problem: Problem::ByteOrderMark, at: Self::span(l, c, c + 1), also: None });
        }
        if is_flow_error(info) {
            return self
                .colon_in_flow_entry(l, c)
                .or_else(|| self.comment_ends_flow(l))
                .or_else(|| self.unclosed_bracket());
        }
        match info {
            "mapping values are not allowed in this context" => {
                self.colon_in_value(l, c).or_else(|| self.indented_more(l)).or_else(|| self.indentation(l))
            }
            "while parsing a block collection, did not find expected '-' indicator"
            | "while parsing a block mapping, did not find expected key" => self
                .starts_with_bracket(l, c)
                .or_else(|| self.comment_ends_flow(l))
                .or_else(|| self.indentation(l))
                .or_else(|| self.quote_ends_early(l, c)),
            "invalid trailing content after double-quoted scalar" => self.quote_ends_early(l, c),
            "invalid indentation in quoted scalar"
            | "while scanning a quoted scalar, found unexpected end of stream"
            | "while scanning a quoted scalar, found unexpected document indicator" => self.unclosed_quote(l, c),
            "simple key expect ':'" => self.missing_colon(l),
            "while parsing a quoted scalar, found unknown escape character"
            | "while parsing a quoted scalar, did not find expected hexadecimal number"
            | "while parsing a quoted scalar, found invalid Unicode character escape code" => self.backslash(l, c),
            "while scanning a block scalar, did not find expected comment or line break" => {
                let ch = self.line(l)?.chars.get(c).copied().filter(|ch| matches!(ch, '|' | '>'))?;
                Some(Explained { problem: Problem::BlockIndicator { ch }, at: Self::span(l, c, c + 1), also: None })
            }
            "block sequence entries are not allowed in this context" => {
                let line = self.line(l)?;
                let fixed = line.key().map(|(_, _, v)| format!("{}{}", line.head(v), quoted(&line.value_from(v))));
                Some(Explained { problem: Problem::DashAfterKey { fixed }, at: Self::span(l, c, c + 1), also: None })
            }
            "while parsing a node, did not find expected node content" => {
                let line = self.line(l)?;
                let before = line.chars[..c.min(line.chars.len())].iter().rev().find(|ch| **ch != ' ');
                (before == Some(&',')).then(|| Explained {
                    problem: Problem::EmptyItem,
                    at: Self::span(l, c, c + 1),
                    also: None,
                })
            }
            "while parsing node, found unknown anchor"
            | "while scanning an anchor or alias, did not find expected alphabetic or numeric character"
            | "mapping keys are not allowed in this context"
            | "plain scalar cannot start with '-' followed by ,[]{}" => self.reserved_start(l, c),
            _ if info.starts_with("unexpected character") => self.reserved_start(l, c),
            _ => None,
        }
    }

    /// A `: ` in a value: the error's colon lies after the first `key: ` of its line (or of
    /// its entry in `{ … }`).
    fn colon_in_value(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        if let Some((k, colon, v)) = line.key()
            && c > colon
            && !line.chars[v..].first().is_some_and(|ch| matches!(ch, '{' | '['))
        {
            let key = line.chars[k..colon].iter().collect::<String>();
            let value = line.value_from(v);
            let fixed = format!("{key}: {}", quoted(&value));
            let end = v + value.chars().count();
            return Some(Explained {
                problem: Problem::ColonInValue { key, fixed },
                at: Self::span(l, v, end),
                also: None,
            });
        }
        self.colon_in_flow_entry(l, c)
    }

    /// `{ datum: 2025-01-01, kommentar: Klart: bra }`: two `: ` in one entry of a flow mapping.
    fn colon_in_flow_entry(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let chars = &line.chars;
        let c = c.min(chars.len());
        let entry_start = chars[..c].iter().rposition(|ch| matches!(ch, ',' | '{')).map(|i| i + 1)?;
        let entry: String = chars[entry_start..].iter().collect();
        let entry_end =
            entry_start + entry.find([',', '}']).map_or(entry.chars().count(), |b| entry[..b].chars().count());
        let segment: Vec<char> = chars[entry_start..entry_end].to_vec();
        let colons: Vec<usize> = (0..segment.len())
            .filter(|&i| segment[i] == ':' && matches!(segment.get(i + 1), None | Some(' ')))
            .collect();
        if colons.len() < 2 {
            return None;
        }
        let key: String = segment[..colons[0]].iter().collect::<String>().trim().to_owned();
        let value: String = segment[colons[0] + 1..].iter().collect::<String>().trim().to_owned();
        let v = entry_start + colons[0] + 1 + segment[colons[0] + 1..].iter().take_while(|ch| **ch == ' ').count();
        let fixed = format!("{key}: {}", quoted(&value));
        Some(Explained {
            problem: Problem::ColonInValue { key, fixed },
            at: Self::span(l, v, v + value.chars().count()),
            also: None,
        })
    }

    /// The line is a `key:` indented further than the key above it, whose plain value YAML
    /// then takes the line to continue.
    fn indented_more(&self, l: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let (k, _, _) = line.key()?;
        let key = line.key_name()?;
        let up = self.above(l)?;
        let prev = self.line(up)?;
        let (pk, _, pv) = prev.key()?;
        // The line above has a value on its own line, and this key starts further right.
        if pv >= prev.chars.len() || k <= pk {
            return None;
        }
        let sibling = Sibling { key: prev.key_name()?, line: line_no(up), column: col(pk) };
        Some(Explained { problem: Problem::IndentedMore { key, sibling }, at: Self::span(l, k, k + 1), also: None })
    }

    /// The key or list item on line `l` does not start in a column that any mapping or list
    /// above uses: point at it and name the nearest one it should line up with.
    fn indentation(&self, l: usize) -> Option<Explained> {
        let line = self.line(l)?;
        if line.is_blank_or_comment() {
            return None;
        }
        let (content, dash) = line.after_dashes();
        let start = line.indent();
        if let Some(d) = dash.filter(|&d| d == start) {
            let sibling = self.nearest(l, d, true)?;
            if sibling.column == col(d) {
                return None;
            }
            return Some(Explained {
                problem: Problem::ItemIndent { sibling },
                at: Self::span(l, d, d + 1),
                also: None,
            });
        }
        let Some(key) = line.key_name() else {
            // A bare value inside a list of values: the `- ` is missing.
            let sibling = self.nearest(l, start, true)?;
            let item = self.line((sibling.line - 1) as usize)?;
            let (item_content, _) = item.after_dashes();
            if item.key().is_some() || item_content >= item.chars.len() {
                return None;
            }
            let value = line.value_from(content);
            return Some(Explained {
                problem: Problem::MissingDash { value, sibling },
                at: Self::span(l, start, start + 1),
                also: None,
            });
        };
        let sibling = self.nearest(l, content, false)?;
        if sibling.column == col(content) {
            return None;
        }
        let problem = if sibling.column < col(content) {
            Problem::IndentedMore { key, sibling }
        } else {
            Problem::IndentedLess { key, sibling }
        };
        Some(Explained { problem, at: Self::span(l, content, content + 1), also: None })
    }

    /// The key (or, with `items`, the list item) above line `l` whose column is nearest to
    /// `column`, preferring, on a tie, the one further right (the mapping just above).
    fn nearest(&self, l: usize, column: usize, items: bool) -> Option<Sibling> {
        let mut best: Option<(usize, Sibling)> = None;
        let mut seen = std::collections::HashSet::new();
        for j in (0..l).rev() {
            let Some(line) = self.line(j) else { continue };
            if line.is_blank_or_comment() {
                continue;
            }
            let (content, dash) = line.after_dashes();
            let candidate =
                if items { dash.map(|d| (d, "-".to_owned())) } else { line.key_name().map(|k| (content, k)) };
            let Some((c, key)) = candidate else { continue };
            if !seen.insert(c) {
                continue;
            }
            let distance = c.abs_diff(column);
            let better = match &best {
                None => true,
                Some((d, s)) => distance < *d || (distance == *d && col(c) > s.column),
            };
            if better {
                best = Some((distance, Sibling { key, line: line_no(j), column: col(c) }));
            }
            // Nothing left of the first column can line up with anything further up.
            if line.indent() == 0 && dash.is_none() {
                break;
            }
        }
        best.map(|(_, s)| s)
    }

    /// The parser noticed a missing `:` on the line after the one that lacks it.
    fn missing_colon(&self, l: usize) -> Option<Explained> {
        let up = self.above(l + 1).filter(|&u| u <= l)?;
        let up = if self.line(up)?.key().is_some() && up == l { self.above(l)? } else { up };
        let line = self.line(up)?;
        if line.key().is_some() {
            return None;
        }
        let (content, _) = line.after_dashes();
        let rest: String = line.chars[content..].iter().collect();
        let rest = rest.trim_end();
        // A bare value under a list item: the `- ` is missing.
        if let Some(item_line) = self.above(up)
            && let Some(item) = self.line(item_line)
            && let (item_content, Some(d)) = item.after_dashes()
            && item.key().is_none()
            && item_content < item.chars.len()
            && line.indent() <= item_content
        {
            let sibling = Sibling { key: "-".to_owned(), line: line_no(item_line), column: col(d) };
            let start = line.indent();
            return Some(Explained {
                problem: Problem::MissingDash { value: rest.to_owned(), sibling },
                at: Self::span(up, start, start + 1),
                also: None,
            });
        }
        // `titel:` with its value on the next line, not indented under it.
        if let Some(key_line) = self.above(up)
            && let Some(kl) = self.line(key_line)
            && let Some((kk, _, kv)) = kl.key()
            && kv >= kl.chars.len()
            && kk == content
        {
            let key = kl.key_name()?;
            let fixed = format!("{key}: {rest}");
            return Some(Explained {
                problem: Problem::ValueOnNextLine { key, fixed },
                at: Self::span(up, content, content + rest.chars().count()),
                also: None,
            });
        }
        let end = content + rest.chars().count();
        if let Some(i) = rest.find(':') {
            let (key, value) = rest.split_at(i);
            let value = value[1..].trim_start();
            if !key.is_empty() && !value.is_empty() && !key.contains(' ') {
                let fixed = format!("{key}: {value}");
                return Some(Explained {
                    problem: Problem::NoSpaceAfterColon { fixed },
                    at: Self::span(up, content, end),
                    also: None,
                });
            }
        }
        let fixed = match rest.split_once(' ') {
            Some((key, value)) => format!("{key}: {}", value.trim_start()),
            None => format!("{rest}: …"),
        };
        Some(Explained { problem: Problem::MissingColon { fixed }, at: Self::span(up, content, end), also: None })
    }

    /// The quoted text ends before the value does: `"Projektet "Trygg hemma" startar"`.
    fn quote_ends_early(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let (k, colon, v) = line.key()?;
        let quote = *line.chars.get(v).filter(|q| matches!(q, '"' | '\''))?;
        if c <= v {
            return None;
        }
        let key: String = line.chars[k..colon].iter().collect();
        let value = line.value_from(v);
        // The text as meant: the outer quotes off, the inner ones kept.
        let inner = value.strip_prefix(quote).and_then(|s| s.strip_suffix(quote));
        let fixed = Some(match inner {
            Some(inner) => {
                let other = if quote == '"' { '\'' } else { '"' };
                if inner.contains(other) || (other == '"' && inner.contains('\\')) {
                    format!("{key}: {}", quoted(inner))
                } else {
                    format!("{key}: {other}{inner}{other}")
                }
            }
            // `"Trygg" hemma`: the quotes are part of the text.
            None => format!("{key}: {}", quoted(&value)),
        });
        let closed = line.chars[v + 1..].iter().position(|ch| *ch == quote).map_or(c, |i| v + 1 + i);
        Some(Explained {
            problem: Problem::QuoteEndsEarly { key, closed_at: col(closed), fixed },
            at: Self::span(l, v, v + 1),
            also: Some(Self::span(l, closed, closed + 1)),
        })
    }

    /// A quote opened at the parser's position and not closed on its line.
    fn unclosed_quote(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let quote = *line.chars.get(c).filter(|q| matches!(q, '"' | '\''))?;
        let rest = &line.chars[c + 1..];
        if rest.contains(&quote) {
            return None;
        }
        let text: String = rest.iter().collect::<String>().trim_end().to_owned();
        let head = line.key().filter(|&(_, _, v)| v == c).map(|(_, _, v)| line.head(v));
        let closed = head.as_ref().map(|h| format!("{h}{quote}{text}{quote}"));
        let literal = head.map(|h| format!("{h}{}", quoted(&format!("{quote}{text}"))));
        Some(Explained {
            problem: Problem::UnclosedQuote { quote, line: line_no(l), closed, literal },
            at: Self::span(l, c, c + 1),
            also: None,
        })
    }

    /// A value starting with a reserved character, at the parser's position.
    fn reserved_start(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let ch = *line.chars.get(c)?;
        let fixed = line.key().filter(|&(_, _, v)| v == c).map(|(_, _, v)| {
            let value = line.value_from(v);
            format!("{}{}", line.head(v), quoted(&value))
        });
        Some(Explained { problem: Problem::ReservedStart { ch, fixed }, at: Self::span(l, c, c + 1), also: None })
    }

    /// `titel: [Nytt] arbetssätt`: the value is read as a list that ends at `]`, and the
    /// parser stops at what follows.
    fn starts_with_bracket(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let (_, _, v) = line.key()?;
        let open = *line.chars.get(v).filter(|ch| matches!(ch, '[' | '{'))?;
        let close = if open == '[' { ']' } else { '}' };
        let closing = line.chars[v..].iter().position(|ch| *ch == close).map(|i| v + i)?;
        if c <= closing {
            return None;
        }
        let fixed = Some(format!("{}{}", line.head(v), quoted(&line.value_from(v))));
        Some(Explained {
            problem: Problem::StartsWithBracket { open, fixed },
            at: Self::span(l, v, v + 1),
            also: Some(Self::span(l, c, c + 1)),
        })
    }

    /// ` #` inside `{ … }` on the line above the error: the comment ate the closing bracket.
    fn comment_ends_flow(&self, l: usize) -> Option<Explained> {
        let up = self.above(l + 1).filter(|&u| u <= l)?;
        for i in [up, self.above(up).unwrap_or(up)] {
            let line = self.line(i)?;
            let text = line.text();
            let Some(open) = text.find(['{', '[']) else { continue };
            let Some(hash) = text[open..].find(" #").map(|h| open + h) else { continue };
            let before = &text[..hash];
            let closes = before.matches(['}', ']']).count();
            let opens = before.matches(['{', '[']).count();
            if closes >= opens {
                continue;
            }
            let hash_col = before.chars().count() + 1;
            // The entry with the `#`: from its key to the closing bracket or comma.
            let entry_start = before.rfind([',', '{', '[']).map_or(0, |b| b + 1);
            let entry = &text[entry_start..];
            let entry = entry.split([',', '}', ']']).next().unwrap_or(entry).trim();
            let fixed = entry.split_once(": ").map(|(k, v)| format!("{}: {}", k.trim(), quoted(v.trim())));
            return Some(Explained {
                problem: Problem::CommentInBrackets { line: line_no(i), fixed },
                at: Self::span(i, hash_col, hash_col + 1),
                also: None,
            });
        }
        None
    }

    /// A `[` or `{` that is never closed: the parser stops further on (at the next key's
    /// `:` or at the end of the file).
    fn unclosed_bracket(&self) -> Option<Explained> {
        let (l, _) = self.here();
        // The innermost bracket opened on an earlier line (or this one) and not closed.
        for i in (0..=l.min(self.lines.len().saturating_sub(1))).rev() {
            let line = self.line(i)?;
            let mut depth: Vec<(usize, char)> = Vec::new();
            let mut quote: Option<char> = None;
            for (j, &ch) in line.chars.iter().enumerate() {
                match (quote, ch) {
                    (Some(q), ch) if ch == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(ch),
                    (None, '#') if j > 0 && line.chars[j - 1] == ' ' => break,
                    (None, '[' | '{') => depth.push((j, ch)),
                    (None, ']' | '}') => {
                        depth.pop();
                    }
                    _ => {}
                }
            }
            let Some(&(j, open)) = depth.first() else {
                if i < l && line.key().is_some() && !line.chars.contains(&'[') && !line.chars.contains(&'{') {
                    return None;
                }
                continue;
            };
            let key = line.key_name();
            // Closed on a later line: the list goes on over lines that are not indented enough.
            let close = if open == '[' { ']' } else { '}' };
            // Closed on a later line that goes on with the list, not on a line of a later key.
            let closed_later = (i + 1..self.lines.len().min(l + 2))
                .take_while(|&n| self.line(n).is_some_and(|line| line.key().is_none()))
                .find(|&n| self.lines[n].contains(close));
            if let (Some(key), Some(end)) = (key.clone(), closed_later) {
                let mut joined = line.value_from(j);
                for n in i + 1..=end {
                    joined.push(' ');
                    joined.push_str(self.lines[n].trim());
                }
                let fixed = Some(format!("{key}: {}", joined.split_whitespace().collect::<Vec<_>>().join(" ")));
                return Some(Explained {
                    problem: Problem::FlowOnSeveralLines { key, line: line_no(i), fixed },
                    at: Self::span(i, j, j + 1),
                    also: None,
                });
            }
            let (content, _) = line.after_dashes();
            let close = if open == '[' { "]" } else { " }" };
            let fixed = format!("{}{close}", line.value_from(content));
            return Some(Explained {
                problem: Problem::UnclosedBracket { open, line: line_no(i), fixed },
                at: Self::span(i, j, j + 1),
                also: None,
            });
        }
        None
    }

    /// A `\` in double quotes that starts no escape.
    fn backslash(&self, l: usize, c: usize) -> Option<Explained> {
        let line = self.line(l)?;
        let slash = line.chars[c.min(line.chars.len())..].iter().position(|ch| *ch == '\\').map(|i| c + i);
        let at = slash.unwrap_or(c);
        let fixed = line.key().and_then(|(_, _, v)| {
            let value = line.value_from(v);
            let inner = value.strip_prefix('"')?.strip_suffix('"')?;
            (!inner.contains('\'')).then(|| format!("{}'{inner}'", line.head(v)))
        });
        Some(Explained { problem: Problem::Backslash { fixed }, at: Self::span(l, at, at + 1), also: None })
    }

    /// A tab in the indentation (or after a `:`): point at the tab, and name the key the
    /// line should line up with.
    fn tab(&self) -> Explained {
        let (l, c) = self.here();
        // The parser reports a tab at the start of the construct it was reading; the tab
        // itself is in the indentation of that line or of one of the next two.
        for i in l..(l + 3).min(self.lines.len()) {
            let Some(line) = self.line(i) else { continue };
            if let Some(t) = line.lead().iter().position(|ch| *ch == '\t') {
                let sibling = self.sibling_for_tab(i);
                let problem = Problem::Tab { indentation: true, sibling };
                return Explained { problem, at: Self::span(i, t, t + 1), also: None };
            }
        }
        if let Some(line) = self.line(l)
            && let from = c.saturating_sub(1).min(line.chars.len())
            && let Some(t) = line.chars[from..].iter().position(|ch| *ch == '\t')
        {
            let t = from + t;
            let problem = Problem::Tab { indentation: false, sibling: None };
            return Explained { problem, at: Self::span(l, t, t + 1), also: None };
        }
        Explained {
            problem: Problem::Tab { indentation: true, sibling: None },
            at: Self::span(l, c, c + 1),
            also: None,
        }
    }

    /// The key a tab-indented line should line up with: the key just above it, when that
    /// one is indented with spaces.
    fn sibling_for_tab(&self, l: usize) -> Option<Sibling> {
        let up = self.above(l)?;
        let line = self.line(up)?;
        if line.lead().contains(&'\t') {
            return None;
        }
        let (content, _) = line.after_dashes();
        let key = line.key_name()?;
        Some(Sibling { key, line: line_no(up), column: col(content) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` and explains its first syntax error.
    fn first(text: &str) -> Explained {
        let mut parser = saphyr_parser::Parser::new_from_str(text);
        loop {
            match parser.next_event() {
                Some(Err(e)) => {
                    let at = Pos {
                        line: u32::try_from(e.marker().line()).unwrap_or(0),
                        column: u32::try_from(e.marker().col() + 1).unwrap_or(0),
                    };
                    return explain(text, e.info(), at);
                }
                Some(Ok(_)) => {}
                None => panic!("no syntax error in {text:?}"),
            }
        }
    }

    const HEAD: &str = "typ: aktivitetsplan\naktiviteter:\n  - id: A\n";

    fn at(e: &Explained) -> (u32, u32) {
        (e.at.0.line, e.at.0.column)
    }

    #[test]
    fn a_colon_in_a_title_is_fixed_by_quoting_the_title() {
        let e = first(&format!("{HEAD}    titel: SIP: utbilda personal\n    status: klar\n"));
        assert_eq!(
            e.problem,
            Problem::ColonInValue { key: "titel".into(), fixed: "titel: \"SIP: utbilda personal\"".into() }
        );
        assert_eq!(at(&e), (4, 12));
        let e = first(&format!("{HEAD}    uppföljning:\n      - {{ datum: 2025-01-01, kommentar: Klart: bra }}\n"));
        assert_eq!(
            e.problem,
            Problem::ColonInValue { key: "kommentar".into(), fixed: "kommentar: \"Klart: bra\"".into() }
        );
    }

    #[test]
    fn a_key_one_space_off_names_the_key_to_line_up_with() {
        let more = first(&format!("{HEAD}    titel: SIP utbilda\n     status: klar\n"));
        let sibling = Sibling { key: "titel".into(), line: 4, column: 5 };
        assert_eq!(more.problem, Problem::IndentedMore { key: "status".into(), sibling: sibling.clone() });
        assert_eq!(at(&more), (5, 6));
        let less = first(&format!("{HEAD}    titel: SIP utbilda\n   status: klar\n"));
        assert_eq!(less.problem, Problem::IndentedLess { key: "status".into(), sibling: sibling.clone() });
        assert_eq!(at(&less), (5, 4));
        let dash_column = first(&format!("{HEAD}    titel: SIP utbilda\n  status: klar\n"));
        assert_eq!(dash_column.problem, Problem::IndentedLess { key: "status".into(), sibling });
    }

    #[test]
    fn a_list_item_out_of_line_names_the_item_above() {
        let e = first(&format!("{HEAD}    status: klar\n    - id: B\n"));
        let sibling = Sibling { key: "-".into(), line: 3, column: 3 };
        assert_eq!(e.problem, Problem::ItemIndent { sibling });
        assert_eq!(at(&e), (5, 5));
    }

    #[test]
    fn quotes_that_never_close_or_close_too_early() {
        let e = first(&format!("{HEAD}    titel: \"SIP utbilda\n    status: klar\n"));
        assert_eq!(
            e.problem,
            Problem::UnclosedQuote {
                quote: '"',
                line: 4,
                closed: Some("titel: \"SIP utbilda\"".into()),
                literal: Some("titel: '\"SIP utbilda'".into())
            }
        );
        assert_eq!(at(&e), (4, 12));
        let e = first(&format!("{HEAD}    titel: \"Projektet \"Trygg hemma\" startar\"\n"));
        assert_eq!(
            e.problem,
            Problem::QuoteEndsEarly {
                key: "titel".into(),
                closed_at: 23,
                fixed: Some("titel: 'Projektet \"Trygg hemma\" startar'".into())
            }
        );
    }

    #[test]
    fn a_missing_colon_is_found_on_the_line_above_the_parser() {
        let e = first(&format!("{HEAD}    titel SIP\n    status: klar\n"));
        assert_eq!(e.problem, Problem::MissingColon { fixed: "titel: SIP".into() });
        assert_eq!(at(&e), (4, 5));
        let e = first(&format!("{HEAD}    titel:SIP\n    status: klar\n"));
        assert_eq!(e.problem, Problem::NoSpaceAfterColon { fixed: "titel: SIP".into() });
        let e = first(&format!("{HEAD}    inriktningar:\n      - MO1.1\n      MO1.2\n    status: klar\n"));
        assert!(matches!(e.problem, Problem::MissingDash { ref value, .. } if value == "MO1.2"), "{e:?}");
        assert_eq!(at(&e), (6, 7));
    }

    #[test]
    fn brackets_that_never_close_point_at_the_bracket() {
        let e = first(&format!("{HEAD}    inriktningar: [MO1.1, MO1.2\n    status: klar\n"));
        assert_eq!(
            e.problem,
            Problem::UnclosedBracket { open: '[', line: 4, fixed: "inriktningar: [MO1.1, MO1.2]".into() }
        );
        assert_eq!(at(&e), (4, 19));
        let e = first(&format!("{HEAD}    inriktningar: [MO1.1,\n  MO1.2]\n"));
        assert!(
            matches!(e.problem, Problem::FlowOnSeveralLines { ref fixed, .. }
            if fixed.as_deref() == Some("inriktningar: [MO1.1, MO1.2]")),
            "{e:?}"
        );
    }

    #[test]
    fn reserved_characters_and_comments_in_brackets() {
        let e = first(&format!("{HEAD}    titel: @hemma\n"));
        assert_eq!(e.problem, Problem::ReservedStart { ch: '@', fixed: Some("titel: \"@hemma\"".into()) });
        let e = first(&format!("{HEAD}    titel: [Nytt] arbetssätt\n"));
        assert_eq!(
            e.problem,
            Problem::StartsWithBracket { open: '[', fixed: Some("titel: \"[Nytt] arbetssätt\"".into()) }
        );
        let e = first(&format!(
            "{HEAD}    uppföljning:\n      - {{ datum: 2025-01-01, status: klar, kommentar: Klart #1 }}\n    status: klar\n"
        ));
        assert_eq!(e.problem, Problem::CommentInBrackets { line: 5, fixed: Some("kommentar: \"Klart #1\"".into()) });
    }

    #[test]
    fn tabs_point_at_the_tab_and_the_key_above() {
        let e = first(&format!("{HEAD}    titel:\tx\n"));
        assert_eq!((at(&e), e.problem), ((4, 11), Problem::Tab { indentation: false, sibling: None }));
        let e = first(&format!("{HEAD}    titel: x\n  \tstatus: klar\n"));
        assert!(
            matches!(e.problem, Problem::Tab { indentation: true, sibling: Some(ref s) } if s.key == "titel" && s.column == 5),
            "{e:?}"
        );
        assert_eq!(at(&e), (5, 3));
    }

    #[test]
    fn anything_else_keeps_the_parsers_words() {
        let e = explain("a: b\n", "something new", Pos { line: 1, column: 2 });
        assert_eq!(e.problem, Problem::Other { info: "something new".into() });
    }

    #[test]
    fn quoting_picks_quotes_that_keep_the_text() {
        assert_eq!(quoted("SIP: x"), "\"SIP: x\"");
        assert_eq!(quoted("a \"b\""), "'a \"b\"'");
        assert_eq!(quoted("it's \"x\""), "'it''s \"x\"'");
    }
}
