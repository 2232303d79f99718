//! Source files and positions.
//!
//! Every value in the plan model remembers where it came from, so that a finding about
//! meaning ("unknown organisation") can point at the value itself. Positions are kept the
//! way people read them — 1-based line, 1-based column counted in characters, so `å` is
//! one column — and converted to byte offsets only when a reporter needs to cut a snippet.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Index of a file in [`Sources`]; cheap to copy into every span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, starting at 1.
    pub line: u32,
    /// Column in characters, starting at 1.
    pub column: u32,
}

/// A range in one source file: `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// The file the range lies in.
    pub file: FileId,
    /// First character of the range.
    pub start: Pos,
    /// Position just after the last character of the range.
    pub end: Pos,
}

impl Span {
    /// A span covering a whole first line, for findings about a file as a whole.
    pub fn file_start(file: FileId) -> Span {
        let at = Pos { line: 1, column: 1 };
        Span { file, start: at, end: at }
    }
}

/// A value together with the place it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One plan file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the repository root, with `/` as separator (as reported to users).
    pub name: String,
    /// Absolute or root-joined path on disk.
    pub path: PathBuf,
    /// The text, shared with diagnostics that quote it. Empty when the file was unreadable.
    pub text: Arc<str>,
    /// Byte offset of the start of each line, worked out the first time a position is
    /// looked up: a clean check never needs it.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Wraps the text of a file and indexes its lines.
    pub fn new(name: String, path: PathBuf, text: Arc<str>) -> Self {
        SourceFile { name, path, text, line_starts: OnceLock::new() }
    }

    fn line_starts(&self) -> &[usize] {
        // A lone `\r` also ends a line in YAML; `\r\n` counts once.
        self.line_starts.get_or_init(|| std::iter::once(0).chain(line_ends(self.text.as_bytes())).collect())
    }

    /// Byte offset of a position, clamped to the text, so a bad position never panics.
    pub fn byte_offset(&self, pos: Pos) -> usize {
        let line = (pos.line.max(1) - 1) as usize;
        let Some(&start) = self.line_starts().get(line) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let skip = (pos.column.max(1) - 1) as usize;
        rest.char_indices().nth(skip).map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The byte range of a span, for snippet reporters.
    pub fn byte_range(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.byte_offset(span.start);
        let end = self.byte_offset(span.end).max(start);
        start..end
    }

    /// The position just after the last character.
    pub fn end(&self) -> Pos {
        end_of(&self.text)
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// The position just after the last character of a text, with lines counted as
/// [`SourceFile`] counts them (`\n`, `\r\n` or a lone `\r`).
pub fn end_of(text: &str) -> Pos {
    let bytes = text.as_bytes();
    // Every file's end is looked up once while parsing. Without carriage returns (nearly
    // every file) the line breaks are just the newlines, which memchr counts in bulk;
    // otherwise each break is classified.
    let (breaks, start) = if memchr::memchr(b'\r', bytes).is_none() {
        (memchr::memchr_iter(b'\n', bytes).count(), memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1))
    } else {
        line_ends(bytes).fold((0, 0), |(n, _), at| (n + 1, at))
    };
    let line = u32::try_from(breaks + 1).unwrap_or(u32::MAX);
    Pos { line, column: u32::try_from(text[start..].chars().count() + 1).unwrap_or(u32::MAX) }
}

/// The byte offset just after each line break (`\n`, `\r\n` or a lone `\r`), found with
/// `memchr`'s vectorised search: every file is scanned for lines once, so this is hot.
pub(crate) fn line_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(move |&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| i + 1)
}

/// All files of one run, addressed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    /// Puts a new version of the file with this id in its place.
    pub fn replace(&mut self, id: FileId, file: SourceFile) {
        self.files[id.0 as usize] = file;
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every file, in id order (which is path order).
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.yaml".into(), "a.yaml".into(), text.into())
    }

    #[test]
    fn byte_offset_counts_characters_not_bytes() {
        let f = file("id: x\nnamn: Åsa å\n");
        // Line 2, column 10 is the second `å`, after "namn: Åsa " (10 characters, 11 bytes).
        let at = f.byte_offset(Pos { line: 2, column: 11 });
        assert_eq!(&f.text[at..], "å\n");
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let f = file("a\r\nb\rc\n");
        assert_eq!(f.line_count(), 4);
        assert_eq!(&f.text[f.byte_offset(Pos { line: 3, column: 1 })..], "c\n");
    }

    #[test]
    fn end_is_after_the_last_character() {
        assert_eq!(end_of("ab\ncå"), Pos { line: 2, column: 3 });
        assert_eq!(end_of("ab\r\n"), Pos { line: 2, column: 1 });
        assert_eq!(end_of(""), Pos { line: 1, column: 1 });
        assert_eq!(end_of("a\rbc"), Pos { line: 2, column: 3 });
        assert_eq!(end_of("a\r\nb\rc\n"), Pos { line: 4, column: 1 });
        assert_eq!(end_of("å\nä\nö"), Pos { line: 3, column: 2 });
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let f = file("a\n");
        assert_eq!(f.byte_offset(Pos { line: 9, column: 9 }), 2);
        assert_eq!(f.byte_offset(Pos { line: 1, column: 9 }), 2);
    }
}
