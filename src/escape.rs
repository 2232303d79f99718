//! Escaping of quoted text, one function per kind of output.
//!
//! Titles, texts, ids and file names come from many hands and end up in Markdown (the
//! Markdown site, `plan diff --format markdown` posted as a pull-request comment, the
//! follow-up report), in CSV files opened by spreadsheet programs, in HTML and on a
//! terminal. Each of those gives some characters a meaning of its own, so every writer
//! quotes user text through the function here for its kind of output instead of escaping
//! by hand: a new writer then cannot forget a case that another one already handles.
//!
//! - [`markdown_inline`]: text that reads literally in CommonMark, GitHub and
//!   Python-Markdown (MkDocs): no links, images, emphasis, raw HTML, table breaks, block
//!   markers, attribute lists or `@mentions`.
//! - [`markdown_href`]: a link target for Markdown, only ever relative, http(s) or mailto.
//! - [`csv_cell`]: a cell that a spreadsheet never reads as a formula (OWASP's advice).
//! - [`terminal`] and [`Terminal`]: text whose control and bidi characters are shown as
//!   visible escapes, so a title cannot move the cursor, recolour or reorder a terminal.
//! - [`html`] and [`html_text`]: HTML escaping without C0/C1 control characters, for
//!   tera's autoescaping and the SVG charts; [`without_controls`] for Markdown fields
//!   before comrak reads them.

use std::borrow::Cow;
use std::fmt;

/// The character put after an `@` so that GitHub does not read a mention: a zero-width
/// joiner, invisible when the text is read.
pub const MENTION_BREAK: char = '\u{200D}';

/// Whether `c` is a bidirectional embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069), which can make a line read differently from what it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` may never reach a published page: C0 controls other than TAB, LF and CR,
/// DEL, and C1 controls.
fn is_unpublishable(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The text with every C0 control (except TAB, LF, CR), DEL and C1 control replaced by
/// U+FFFD, for HTML and Markdown output.
pub fn without_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unpublishable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if is_unpublishable(c) { '\u{FFFD}' } else { c }).collect())
}

/// Text escaped for HTML (as tera's own escaping does) with control characters replaced
/// by U+FFFD; the escape function of the HTML templates.
pub fn html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Runs of characters that need nothing are written at once.
    let mut start = 0;
    for (i, c) in input.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if is_unpublishable(c) => "\u{FFFD}",
            _ => continue,
        };
        out.write_all(&input.as_bytes()[start..i])?;
        out.write_all(replacement.as_bytes())?;
        start = i + c.len_utf8();
    }
    out.write_all(&input.as_bytes()[start..])
}

/// Text escaped as [`html`] does, as a string: for HTML and SVG that `plan` writes itself
/// (the charts).
pub fn html_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail, and only whole characters are written.
    let _ = html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Text that any Markdown reader shows literally, on one line.
///
/// Line breaks and tabs become spaces and the text is trimmed, so it cannot start a new
/// block or an indented code block. Everywhere in the text, the characters that make
/// inline markup or break out of a table cell are escaped: `\ ` * _ [ ] { } !` with a
/// backslash (understood by CommonMark and Python-Markdown alike), `< > & | ~` as
/// character references (a backslash before them shows in Python-Markdown), and an `@`
/// that could start a mention gets a [`MENTION_BREAK`]. At the start, where they would
/// begin a heading, list, quote or setext line, `# + - = :` and the `.` or `)` after
/// leading digits are escaped as well. Control and bidi characters become U+FFFD.
pub fn markdown_inline(text: &str) -> String {
    escape_inline(text, true)
}

/// Like [`markdown_inline`], without trimming: for pieces joined into one line (the words
/// of a reworded text), whose spaces matter. Such a piece must not start a line.
pub fn markdown_fragment(text: &str) -> String {
    escape_inline(text, false)
}

fn escape_inline(text: &str, trim: bool) -> String {
    let flat: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect();
    let flat = if trim { flat.trim_matches(' ') } else { &flat };
    let mut out = String::with_capacity(flat.len() + 8);
    let digits = flat.chars().take_while(char::is_ascii_digit).count();
    let mut previous: Option<char> = None;
    for (i, c) in flat.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("&#124;"),
            '~' => out.push_str("&#126;"),
            '=' if i == 0 => out.push_str("&#61;"),
            ':' if i == 0 => out.push_str("&#58;"),
            '#' | '+' | '-' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == digits && digits > 0 => {
                out.push('\\');
                out.push(c);
            }
            '@' => {
                out.push('@');
                if !previous.is_some_and(char::is_alphanumeric) {
                    out.push(MENTION_BREAK);
                }
            }
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// A message whose `` `quoted` `` parts are code spans (as the findings' messages quote
/// values): those parts stay code spans, where Markdown interprets nothing, and the rest
/// is [`markdown_inline`]. A message with an odd number of backticks is quoted whole.
pub fn markdown_with_code(text: &str) -> String {
    let pieces: Vec<&str> = text.split('`').collect();
    if pieces.len().is_multiple_of(2) {
        return markdown_inline(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(&markdown_fragment(piece));
            continue;
        }
        let code: String = piece
            .chars()
            .map(|c| if c.is_control() || is_bidi_control(c) { if c == '\n' { ' ' } else { '\u{FFFD}' } } else { c })
            .collect();
        if code.trim().is_empty() {
            out.push_str(&markdown_fragment(&code));
        } else {
            out.push('`');
            out.push_str(&code);
            out.push('`');
        }
    }
    out.trim_matches(' ').to_owned()
}

/// The escape function of the Markdown templates: every value is [`markdown_inline`].
pub fn markdown(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown_inline(input).as_bytes())
}

/// The URL with whitespace and control characters removed and lower-cased, as a browser
/// reads it when deciding its scheme.
fn normalised(url: &str) -> String {
    url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase()
}

/// Whether a link target is safe to publish: relative (or a fragment), or with the scheme
/// http, https or mailto.
pub fn safe_url(url: &str) -> bool {
    let lower = normalised(url);
    match lower.split_once(':') {
        // No scheme: a relative link or a fragment, unless the colon comes after a path
        // separator (`a/b:c` is relative).
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto"),
    }
}

/// Whether an image source lies on the site itself: a relative path, with no scheme and
/// not starting with `//` (or `\\`, which browsers read the same), so the page loads
/// nothing from another host.
pub fn local_url(url: &str) -> bool {
    let lower = normalised(url);
    let scheme = lower.split_once(':').is_some_and(|(s, _)| !s.contains(['/', '?', '#']));
    let other_host =
        lower.starts_with("//") || lower.starts_with("\\\\") || lower.starts_with("/\\") || lower.starts_with("\\/");
    !scheme && !other_host
}

/// A link target for Markdown, or `None` when it is not [`safe_url`]. Characters that
/// would end the target or change its meaning (spaces, `( ) < > \`, controls) are
/// percent-encoded.
pub fn markdown_href(url: &str) -> Option<String> {
    if !safe_url(url) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\\' | '"' | '\'' | '|' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_control() || c.is_whitespace() || is_bidi_control(c) => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// The characters that make a spreadsheet read a cell as a formula when it starts with one.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell that a spreadsheet shows as text, never runs as a formula: following
/// OWASP's advice on CSV injection, a cell starting with `=`, `+`, `-`, `@`, TAB or CR
/// gets a leading `'`. So does one that starts with apostrophes before such a character
/// (`'=x`), so that [`csv_cell_text`] gives every text back as it was. Quoting (`;`, `"`,
/// line breaks) is left to the CSV writer.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV cell read back: the leading `'` that [`csv_cell`] adds is taken off again, so an
/// exported table imports with its text as it was.
pub fn csv_cell_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// Text for a terminal: control characters other than LF and TAB, and bidi controls,
/// shown as visible escapes (`\u{1b}`), so quoted text cannot send escape sequences,
/// overwrite a line or reorder what is shown.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(Terminal(text).to_string())
}

fn needs_terminal_escape(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || is_bidi_control(c)
}

/// A whole output for a terminal (a CSV table printed to the screen, say): as [`terminal`],
/// but a CR that ends a line before its LF is kept.
pub fn terminal_output(text: &str) -> Cow<'_, str> {
    let line_end = |i: usize, c: char| c == '\r' && text[i + 1..].starts_with('\n');
    if !text.char_indices().any(|(i, c)| needs_terminal_escape(c) && !line_end(i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(body) => (body, "\r\n"),
            None => line.strip_suffix('\n').map_or((line, ""), |body| (body, "\n")),
        };
        out.push_str(&terminal(body));
        out.push_str(end);
    }
    Cow::Owned(out)
}

/// Shows its text as [`terminal`] does, without building a string first.
pub struct Terminal<'a>(pub &'a str);

impl fmt::Display for Terminal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if needs_terminal_escape(c) {
                write!(f, "\\u{{{:x}}}", c as u32)?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// The text with each control and bidi character replaced by a visible character of the
/// same length in UTF-8 (`?`, `¿` or U+FFFD), so byte offsets into it stay valid: for
/// source snippets, whose spans are byte ranges.
pub fn terminal_same_length(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // CR is kept where it ends a line (CRLF files), not where it could overwrite one.
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        out.push(match c {
            c if line_end || !needs_terminal_escape(c) => c,
            c => match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{FFFD}',
            },
        });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_inline_quotes_links_images_html_and_tables() {
        assert_eq!(markdown_inline("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(markdown_inline("![](https://evil/x.png)"), "\\!\\[\\](https://evil/x.png)");
        assert_eq!(markdown_inline("<script>a|b</script>"), "&lt;script&gt;a&#124;b&lt;/script&gt;");
        assert_eq!(markdown_inline("a\nb\r\n# c"), "a b  # c");
        assert_eq!(
            markdown_inline("*x* _y_ `z` ~~s~~ {: .c}"),
            "\\*x\\* \\_y\\_ \\`z\\` &#126;&#126;s&#126;&#126; \\{: .c\\}"
        );
        assert_eq!(markdown_inline("&#x6a;"), "&amp;#x6a;");
    }

    #[test]
    fn markdown_inline_escapes_block_markers_only_at_the_start() {
        assert_eq!(markdown_inline("# x"), "\\# x");
        assert_eq!(markdown_inline("- x - y"), "\\- x - y");
        assert_eq!(markdown_inline("+ x"), "\\+ x");
        assert_eq!(markdown_inline("1. x 2. y"), "1\\. x 2. y");
        assert_eq!(markdown_inline("12) x"), "12\\) x");
        assert_eq!(markdown_inline("==="), "&#61;==");
        assert_eq!(markdown_inline("    code"), "code");
        assert_eq!(markdown_inline("Mål 1.2 (nära vård)"), "Mål 1.2 (nära vård)");
    }

    #[test]
    fn markdown_inline_breaks_mentions_but_not_addresses() {
        assert_eq!(markdown_inline("@team hej"), "@\u{200D}team hej");
        assert_eq!(markdown_inline("till @org/team"), "till @\u{200D}org/team");
        assert_eq!(markdown_inline("a@b.se"), "a@b.se");
    }

    #[test]
    fn markdown_inline_replaces_controls_and_bidi() {
        assert_eq!(markdown_inline("a\u{0}b\u{1b}[31mc\u{202e}d"), "a\u{FFFD}b\u{FFFD}\\[31mc\u{FFFD}d");
    }

    #[test]
    fn markdown_with_code_keeps_code_spans_and_quotes_the_rest() {
        assert_eq!(markdown_with_code("`okand` finns inte"), "`okand` finns inte");
        assert_eq!(markdown_with_code("`a` [x](y) `<b>`"), "`a` \\[x\\](y) `<b>`");
        assert_eq!(markdown_with_code("`a` @b ` c"), "\\`a\\` @\u{200D}b \\` c");
        assert_eq!(markdown_with_code("x `` y"), "x  y");
    }

    #[test]
    fn markdown_href_keeps_safe_targets_and_encodes_breakouts() {
        assert_eq!(markdown_href("../a-b.md#c").as_deref(), Some("../a-b.md#c"));
        assert_eq!(markdown_href("https://x.se/a b)c").as_deref(), Some("https://x.se/a%20b%29c"));
        assert_eq!(markdown_href("mailto:a@b.se").as_deref(), Some("mailto:a@b.se"));
        for bad in ["javascript:alert(1)", " JaVa\tScript:x", "data:text/html,x", "vbscript:x"] {
            assert_eq!(markdown_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn local_urls_are_relative_and_on_the_same_host() {
        for ok in ["bild.png", "../b/c.png", "/b.png", "a/b:c.png"] {
            assert!(local_url(ok), "{ok}");
        }
        for bad in [
            "https://evil.example/t.png",
            "//evil.example/t.png",
            "\\\\evil/t.png",
            "/\\evil/t.png",
            "/\t/evil/t.png",
            "data:image/png,x",
            "HTTP://x",
        ] {
            assert!(!local_url(bad), "{bad}");
        }
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for bad in ["=HYPERLINK(\"http://evil\";\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(bad), format!("'{bad}"));
        }
        assert_eq!(csv_cell("Vård = omsorg"), "Vård = omsorg");
        assert_eq!(csv_cell_text("'=1"), "=1");
        assert_eq!(csv_cell_text("'vanlig"), "'vanlig");
        for text in ["'=HYPERLINK(1)", "''-1", "'vanlig", "''vanlig"] {
            assert_eq!(csv_cell_text(&csv_cell(text)), text);
        }
        assert_eq!(csv_cell("'=1"), "''=1");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn terminal_shows_controls_and_bidi_as_escapes() {
        assert_eq!(terminal("a\u{1b}[2Jb\u{0}\r\n\tc\u{9b}\u{202e}"), "a\\u{1b}[2Jb\\u{0}\\u{d}\n\tc\\u{9b}\\u{202e}");
        assert!(matches!(terminal("vanlig text"), Cow::Borrowed(_)));
        assert_eq!(Terminal("\u{7}").to_string(), "\\u{7}");
    }

    #[test]
    fn terminal_output_keeps_line_ends_and_escapes_the_rest() {
        assert_eq!(terminal_output("a;b\r\n\u{1b}]8;;x\u{7}\r\nc\rd\n"), "a;b\r\n\\u{1b}]8;;x\\u{7}\r\nc\\u{d}d\n");
        assert!(matches!(terminal_output("a;b\r\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn same_length_replacement_keeps_byte_offsets() {
        let text = "a\u{1b}b\u{85}c\u{2066}d\re\r\n";
        let shown = terminal_same_length(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "a?b¿c\u{FFFD}d?e\r\n");
    }

    #[test]
    fn html_escapes_markup_and_drops_controls() {
        let mut out = Vec::new();
        html("<a href='x'>&\u{0}\u{1b}\t\n</a>", &mut out).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "&lt;a href=&#39;x&#39;&gt;&amp;\u{FFFD}\u{FFFD}\t\n&lt;/a&gt;"
        );
    }

    /// Every inline node below the document, or `None` if the text made any other block
    /// than one paragraph.
    fn inline_nodes(markdown: &str) -> Option<Vec<comrak::nodes::NodeValue>> {
        use comrak::nodes::NodeValue;
        let arena = comrak::Arena::new();
        let mut options = comrak::Options::default();
        options.extension.strikethrough = true;
        options.extension.table = true;
        let root = comrak::parse_document(&arena, markdown, &options);
        let blocks: Vec<_> = root.children().collect();
        match blocks.as_slice() {
            [] => Some(Vec::new()),
            [p] if matches!(p.data.borrow().value, NodeValue::Paragraph) => {
                Some(p.descendants().skip(1).map(|n| n.data.borrow().value.clone()).collect())
            }
            _ => None,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever the text, comrak reads the escaped form as one paragraph of plain text
        /// equal to it (line breaks and tabs as spaces, trimmed, controls as U+FFFD, a
        /// joiner after a mention's `@`).
        #[test]
        fn markdown_inline_is_always_literal(text in "[ -~\\n\\t\u{0}\u{1b}\u{202e}åé@#]{0,40}") {
            use comrak::nodes::NodeValue;
            let escaped = markdown_inline(&text);
            let nodes = inline_nodes(&escaped);
            proptest::prop_assert!(nodes.is_some(), "{text:?} -> {escaped:?}: not one paragraph");
            let mut read = String::new();
            for node in nodes.unwrap_or_default() {
                match node {
                    NodeValue::Text(t) => read.push_str(&t),
                    other => proptest::prop_assert!(false, "{text:?} -> {escaped:?}: {other:?}"),
                }
            }
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '\n' | '\r' | '\t' => ' ',
                    c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
                    c => c,
                })
                .collect();
            proptest::prop_assert_eq!(read.replace(MENTION_BREAK, ""), expected.trim_matches(' '));
        }

        /// A cell the CSV writer gets never starts a formula, and reads back as it was.
        #[test]
        fn csv_cells_never_start_with_a_formula_character(text in "[' =+@a-]{0,4}\\PC{0,6}") {
            let cell = csv_cell(&text);
            proptest::prop_assert!(!cell.starts_with(FORMULA_START));
            proptest::prop_assert_eq!(csv_cell_text(&cell), text.as_str());
        }

        /// Terminal text has no control character but LF and TAB, and no bidi control.
        #[test]
        fn terminal_text_has_no_controls(text in "[\u{0}-\u{a0}\u{2060}-\u{2070}\u{202a}-\u{202e}a]{0,20}") {
            let shown = terminal(&text);
            proptest::prop_assert!(!shown.chars().any(needs_terminal_escape), "{shown:?}");
        }
    }
}
