//! YAML front matter for Markdown pages, so that Hugo, Zola, MkDocs and other publishing
//! systems read each page's title and order without a template of their own.
//!
//! Every Markdown page gets it from [`super::build`], whatever its template (a user's
//! override included), from the title and the position the page was built with: a page type
//! added later gets it too. Titles come from plan files and may hold anything (quotes,
//! colons, newlines, `---`): they are written as YAML double-quoted scalars in which every
//! character that could end the string, the line or the block is escaped, so no title can
//! add a key or close the front matter early.

use std::fmt::Write as _;

/// The front matter block for a page: `---`, `title`, `weight`, `---` and an empty line.
pub fn block(title: &str, weight: usize) -> String {
    format!("---\ntitle: {}\nweight: {weight}\n---\n\n", quoted(&inert(title)))
}

/// A title made inert for the CMS's own templates, which may print it without escaping:
/// `<` and `>` become `‹` and `›` (no tag can start), and an `@` before a letter or digit
/// gets a zero-width joiner after it, as in the page body (no mention of a forge user), and
/// so does a `]` before `(` (a theme that runs titles through Markdown finds no link).
pub fn inert(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut chars = title.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push('‹'),
            '>' => out.push('›'),
            '@' if chars.peek().is_some_and(|n| n.is_alphanumeric()) => out.push_str("@\u{200d}"),
            ']' if chars.peek() == Some(&'(') => out.push_str("]\u{200d}"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as a YAML double-quoted scalar on one line: `"`, `\` and every character that is
/// not printable in YAML (controls, line and paragraph separators, the byte order mark,
/// non-characters) are escaped.
pub fn quoted(text: &str) -> String {
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
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_carry_no_tag_and_no_mention() {
        assert_eq!(inert("a <img src=x> @octocat b@ c"), "a ‹img src=x› @\u{200d}octocat b@ c");
        assert_eq!(inert("[x](javascript:y)"), "[x]\u{200d}(javascript:y)");
        assert_eq!(block("<b>", 3), "---\ntitle: \"‹b›\"\nweight: 3\n---\n\n");
    }

    #[test]
    fn plain_title() {
        assert_eq!(block("Målområde 1", 3), "---\ntitle: \"Målområde 1\"\nweight: 3\n---\n\n");
    }

    #[test]
    fn hostile_titles_stay_one_scalar() {
        assert_eq!(quoted("a \"b\": c"), r#""a \"b\": c""#);
        assert_eq!(quoted("x\n---\nweight: 9\ndraft: true"), r#""x\n---\nweight: 9\ndraft: true""#);
        assert_eq!(quoted("back\\slash\ttab\r"), r#""back\\slash\ttab\r""#);
        assert_eq!(
            quoted("\u{0}\u{7f}\u{85}\u{2028}\u{feff}\u{fffe}\u{1fffe}"),
            r#""\u0000\u007f\u0085\u2028\ufeff\ufffe\U0001fffe""#
        );
        assert_eq!(quoted("# {{ x }} 'q' é 😀"), "\"# {{ x }} 'q' é 😀\"");
    }
}
