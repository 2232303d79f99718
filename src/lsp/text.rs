//! Text and places as the editor sees them: LSP positions count UTF-16 code units from 0,
//! our positions count characters from 1; files are `file://` URIs.

use crate::source::Pos;
use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The byte range of each line of `text` (without its line break), with lines ended as
/// YAML and [`crate::source::SourceFile`] end them: `\n`, `\r\n` or a lone `\r`.
pub fn lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in crate::source::line_ends(text.as_bytes()) {
        let body = text[start..end].trim_end_matches(['\n', '\r']);
        out.push(start..start + body.len());
        start = end;
    }
    out.push(start..text.len());
    out
}

/// The LSP position of one of our positions in `text`.
pub fn to_lsp(text: &str, lines: &[std::ops::Range<usize>], pos: Pos) -> Position {
    let l = (pos.line.max(1) - 1) as usize;
    let Some(range) = lines.get(l) else {
        let last = lines.len().saturating_sub(1);
        let width = lines.last().map_or(0, |r| utf16_len(&text[r.clone()]));
        return Position { line: last as u32, character: width };
    };
    let line = &text[range.clone()];
    let skip = (pos.column.max(1) - 1) as usize;
    let character = line.chars().take(skip).map(char::len_utf16).sum::<usize>();
    Position { line: l as u32, character: u32::try_from(character).unwrap_or(u32::MAX) }
}

/// The LSP range of a span's start and end in `text`.
pub fn range(text: &str, lines: &[std::ops::Range<usize>], start: Pos, end: Pos) -> Range {
    Range { start: to_lsp(text, lines, start), end: to_lsp(text, lines, end) }
}

/// The byte offset in `text` of an LSP position, clamped to its line and to the text. A
/// position inside a character written as two UTF-16 units (an emoji) goes to its start.
pub fn offset(text: &str, lines: &[std::ops::Range<usize>], pos: Position) -> usize {
    let Some(range) = lines.get(pos.line as usize) else { return text.len() };
    let line = &text[range.clone()];
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > pos.character {
            return range.start + i;
        }
        units = next;
    }
    range.end
}

/// Our position (line and character column from 1) of an LSP position.
pub fn from_lsp(text: &str, lines: &[std::ops::Range<usize>], pos: Position) -> Pos {
    let at = offset(text, lines, pos);
    let line = pos.line.min(lines.len().saturating_sub(1) as u32);
    let start = lines.get(line as usize).map_or(0, |r| r.start);
    let column = text[start..at.max(start)].chars().count() + 1;
    Pos { line: line + 1, column: u32::try_from(column).unwrap_or(u32::MAX) }
}

fn utf16_len(s: &str) -> u32 {
    u32::try_from(s.chars().map(char::len_utf16).sum::<usize>()).unwrap_or(u32::MAX)
}

/// Applies an editor's change to a document's text: a range replaced, or the whole text.
pub fn apply_change(text: &mut String, range: Option<Range>, new: &str) {
    match range {
        None => new.clone_into(text),
        Some(r) => {
            let lines = lines(text);
            let start = offset(text, &lines, r.start);
            let end = offset(text, &lines, r.end).max(start);
            text.replace_range(start..end, new);
        }
    }
}

/// The characters a URI path keeps as they are; every other byte is percent-encoded.
const PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b':');

/// The path of a `file:` URI, or `None` for another scheme (an unsaved buffer, say).
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file://host/path` names a path on another machine; only an empty host is local.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    // `file:///C:/plan` on Windows is the path `C:/plan`.
    if cfg!(windows) && decoded.len() > 2 && decoded.as_bytes()[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Uri {
    let text = path.to_string_lossy().replace('\\', "/");
    let slash = if text.starts_with('/') { "" } else { "/" };
    let encoded = percent_encoding::utf8_percent_encode(&text, PATH);
    Uri::from_str(&format!("file://{slash}{encoded}")).unwrap_or_else(|_| {
        // Every byte but the safe ones is encoded, so this cannot fail; an empty path is
        // the fallback that keeps the server running if it ever does.
        Uri::from_str("file:///").expect("a constant URI parses")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_from_zero() {
        let text = "id: å😀x\nb";
        let l = lines(text);
        // Column 5 (1-based characters) is `😀`; in UTF-16 it starts at unit 5 (i, d, :, space, å).
        assert_eq!(to_lsp(text, &l, Pos { line: 1, column: 6 }), Position { line: 0, character: 5 });
        // After the emoji: two units further.
        assert_eq!(to_lsp(text, &l, Pos { line: 1, column: 7 }), Position { line: 0, character: 7 });
        assert_eq!(from_lsp(text, &l, Position { line: 0, character: 7 }), Pos { line: 1, column: 7 });
        assert_eq!(from_lsp(text, &l, Position { line: 1, character: 0 }), Pos { line: 2, column: 1 });
        // Past the end of a line or the text: clamped.
        assert_eq!(offset(text, &l, Position { line: 0, character: 99 }), "id: å😀x".len());
        assert_eq!(offset(text, &l, Position { line: 9, character: 0 }), text.len());
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_as_in_plan_check() {
        let text = "a\r\nb\rc";
        assert_eq!(lines(text), vec![0..1, 3..4, 5..6]);
    }

    #[test]
    fn changes_apply_by_range() {
        let mut text = String::from("titel: å\nstatus: pågår\n");
        let r = Range { start: Position { line: 1, character: 8 }, end: Position { line: 1, character: 13 } };
        apply_change(&mut text, Some(r), "klar");
        assert_eq!(text, "titel: å\nstatus: klar\n");
        apply_change(&mut text, None, "x");
        assert_eq!(text, "x");
    }

    #[test]
    fn uris_round_trip_with_spaces_and_swedish_letters() {
        let path = Path::new("/tmp/Min plan/aktivitetsplan-år.yaml");
        let uri = uri_of(path);
        assert_eq!(uri.as_str(), "file:///tmp/Min%20plan/aktivitetsplan-%C3%A5r.yaml");
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        assert_eq!(path_of(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
    }
}
