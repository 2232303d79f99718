//! What the cursor is in, read from the lines of the text as typed: the keys above it, the
//! key whose value it is in, and the word under it.
//!
//! This reads indentation, not YAML: a file being typed is mostly not valid YAML, and
//! completion is needed exactly then. Block mappings, block lists, and flow lists on one
//! line (`inriktningar: [MO1.1, MO1.2]`) are understood, which is how plan files are
//! written.

/// One line, as far as indentation goes: the YAML front end's reading of a line (list
/// dashes, a key at its start), and what the cursor needs besides.
type Line = crate::yaml::explain::Line;

fn line_of(text: &str) -> Line {
    Line { chars: text.chars().collect() }
}

/// Whether a line holds nothing but blanks or a comment.
fn is_blank_or_comment(l: &Line) -> bool {
    let first = l.chars.iter().find(|c| **c != ' ' && **c != '\t');
    first.is_none_or(|c| *c == '#')
}

/// The key at the start of the line (after list markers) and the column after its colon.
fn key(l: &Line) -> Option<(String, usize)> {
    let (start, colon, _) = l.key()?;
    let key: String = l.chars[start..colon].iter().collect();
    Some((key.trim_end().to_owned(), colon + 1))
}

/// Whether the line's key has no value after it (`inriktningar:`), only a comment.
fn key_opens_block(l: &Line) -> bool {
    key(l).is_some_and(|(_, after)| {
        let rest: String = l.chars[after.min(l.chars.len())..].iter().collect();
        let rest = rest.trim();
        rest.is_empty() || rest.starts_with('#')
    })
}

/// Where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The keys of the mappings and lists around the cursor, outermost first (`aktiviteter`,
    /// `uppföljning`).
    pub path: Vec<String>,
    /// The place the cursor is in.
    pub at: At,
    /// The word under the cursor, for completion to replace: its line (from 0) and its
    /// start and end columns in characters (from 0).
    pub word: (usize, usize, usize),
    /// The word's text up to the cursor.
    pub typed: String,
    /// The keys already written in the mapping the cursor is in.
    pub siblings: Vec<String>,
}

/// The kind of place the cursor is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// Where a key goes.
    Key,
    /// In the value of this key (directly, in its flow list, or in its block list).
    Value(String),
    /// Somewhere else (a comment, a Markdown text, inside quotes).
    Other,
}

/// Characters that end a word: an id, a key or a status word is made of the others.
pub fn is_word_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}' | ':' | '#' | '"' | '\'' | '`'))
}

/// The word around column `col` (characters, from 0) of `line`: start and end columns.
pub fn word_at(line: &str, col: usize) -> (usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let col = col.min(chars.len());
    let start = (0..col).rev().take_while(|&i| is_word_char(chars[i])).last().unwrap_or(col);
    let end = (col..chars.len()).take_while(|&i| is_word_char(chars[i])).last().map_or(col, |i| i + 1);
    (start, end)
}

/// Reads where the cursor at `line` (from 0) and `col` (characters, from 0) is in `text`.
pub fn at(text: &str, line: usize, col: usize) -> Cursor {
    let lines: Vec<Line> = text.split('\n').map(|l| line_of(l.trim_end_matches('\r'))).collect();
    let empty = line_of("");
    let here = lines.get(line).unwrap_or(&empty);
    let col = col.min(here.chars.len());
    let before = Line { chars: here.chars[..col].to_vec() };
    let (start, end) = word_at(&here.chars.iter().collect::<String>(), col);
    let typed: String = here.chars[start..col].iter().collect();
    let word = (line, start, end);
    let (key_col, dash) = here.after_dashes();

    let in_comment = before.chars.windows(2).any(|w| w[0] == ' ' && w[1] == '#') || before.chars.first() == Some(&'#');
    let quotes = before.chars.iter().filter(|c| **c == '"').count();
    let at = if in_comment || quotes % 2 == 1 {
        At::Other
    } else if let Some((key, _)) = key(here).filter(|(_, after)| *after <= col) {
        // `key: value`, or `key: [a, b` with the cursor in the list.
        At::Value(key)
    } else if col < key_col {
        At::Other
    } else if dash.is_some() && key(here).is_none() && !before.chars[key_col.min(col)..].contains(&':') {
        // `- value` in a block list: the key above it that opens the list. A new item
        // (`- ` with nothing yet) may as well become a mapping: then keys are offered too.
        match list_key(&lines, line, dash.unwrap_or(0)) {
            Some(key) => At::Value(key),
            None => At::Key,
        }
    } else {
        At::Key
    };
    let (path, siblings) = path_to(&lines, line, key_col, dash);
    Cursor { path, at, word, typed, siblings }
}

/// The key that opens the block list whose item `- ` is on `line` at column `dash`.
fn list_key(lines: &[Line], line: usize, dash: usize) -> Option<String> {
    for l in lines[..line].iter().rev() {
        if is_blank_or_comment(l) {
            continue;
        }
        let (key_col, l_dash) = l.after_dashes();
        if l_dash == Some(dash) {
            continue; // An earlier item of the same list.
        }
        if l_dash.is_some_and(|d| d > dash) || key_col > dash {
            continue; // Inside an earlier item.
        }
        return key_opens_block(l).then(|| key(l).map(|(k, _)| k)).flatten();
    }
    None
}

/// The keys that open the mappings and lists around `line`, outermost first, and the keys
/// already written in the mapping the line is in. The line's content starts at column
/// `col`; `dash` is the column of its `- ` when it starts a list item.
fn path_to(lines: &[Line], line: usize, col: usize, dash: Option<usize>) -> (Vec<String>, Vec<String>) {
    let mut siblings = Vec::new();
    // The mapping goes on below the line until a line further left or the next item.
    for l in lines.iter().skip(line + 1) {
        if is_blank_or_comment(l) {
            continue;
        }
        let (key_col, l_dash) = l.after_dashes();
        if key_col < col || key_col == col && l_dash.is_some() {
            break;
        }
        if let Some((k, _)) = key(l).filter(|_| key_col == col) {
            siblings.push(k);
        }
    }
    let mut path = Vec::new();
    let (mut col, mut item) = (col, dash);
    let mut same_mapping = true;
    for l in lines[..line.min(lines.len())].iter().rev() {
        if is_blank_or_comment(l) {
            continue;
        }
        let (key_col, l_dash) = l.after_dashes();
        match item {
            // Above the first line of a list item: earlier items and their content, until
            // the key that opens the list, at the dash's column or left of it.
            Some(d) if key_col > d && l_dash.is_none_or(|ld| ld >= d) => continue,
            None if key_col == col => {
                if same_mapping && let Some((k, _)) = key(l) {
                    siblings.push(k);
                }
                item = l_dash;
                continue;
            }
            None if key_col > col => continue,
            _ => {}
        }
        // The key that opens the block the mapping is in.
        let Some((key, _)) = key(l).filter(|_| key_opens_block(l)) else { break };
        path.push(key);
        same_mapping = false;
        (col, item) = (key_col, l_dash);
        if col == 0 && item.is_none() {
            break;
        }
    }
    path.reverse();
    (path, siblings)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "typ: aktivitetsplan\nid: AP1\naktiviteter:\n  - id: A1\n    titel: Hej\n    ansvarig: nac\n    inriktningar: [MO1.1, MO]\n    medverkande:\n      - nacka\n      - so\n    uppföljning:\n      - datum: 2025-01-01\n        \n    \n";

    #[test]
    fn a_value_of_a_key() {
        let c = at(PLAN, 5, 17);
        assert_eq!(c.at, At::Value("ansvarig".into()));
        assert_eq!(c.typed, "nac");
        assert_eq!(c.path, vec!["aktiviteter".to_owned()]);
        assert!(c.siblings.contains(&"titel".to_owned()) && c.siblings.contains(&"id".to_owned()));
    }

    #[test]
    fn a_flow_list_and_a_block_list() {
        let c = at(PLAN, 6, 28);
        assert_eq!((c.at, c.typed.as_str()), (At::Value("inriktningar".into()), "MO"));
        let c = at(PLAN, 9, 10);
        assert_eq!((c.at, c.typed.as_str()), (At::Value("medverkande".into()), "so"));
        assert_eq!(c.path, vec!["aktiviteter".to_owned(), "medverkande".to_owned()]);
    }

    #[test]
    fn keys_of_the_mapping_at_the_cursor() {
        let c = at(PLAN, 12, 8);
        assert_eq!(c.at, At::Key);
        assert_eq!(c.path, vec!["aktiviteter".to_owned(), "uppföljning".to_owned()]);
        assert_eq!(c.siblings, vec!["datum".to_owned()]);
        let c = at(PLAN, 13, 4);
        assert_eq!(c.at, At::Key);
        assert_eq!(c.path, vec!["aktiviteter".to_owned()]);
        let c = at("typ: aktivitetsplan\n\n", 1, 0);
        assert_eq!((c.at, c.path.len()), (At::Key, 0));
    }

    #[test]
    fn comments_and_quotes_are_no_place_for_ids() {
        assert_eq!(at("titel: x # ansvarig: n", 0, 21).at, At::Other);
        assert_eq!(at("titel: \"ans", 0, 11).at, At::Other);
    }

    #[test]
    fn words_stop_at_yaml_punctuation() {
        assert_eq!(word_at("inriktningar: [MO1.1, MO2.3]", 24), (22, 27));
        assert_eq!(word_at("ansvarig: ", 10), (10, 10));
    }
}
