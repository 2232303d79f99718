//! Markdown fields of plan files, made safe for publishing.
//!
//! Descriptions are Markdown written by many hands and published on a public site, so they
//! go through comrak (CommonMark) and one sanitising pass over the syntax tree: control
//! characters become U+FFFD, raw HTML becomes literal text, links whose scheme is not
//! http, https or mailto (or a relative link) lose their target, and an image whose source
//! is not a relative path on the site becomes a link to it with its alt text, so a page
//! never loads anything from another host. The same tree is then written as HTML for the
//! site or as CommonMark for the Markdown output, so both carry exactly the same content.
//!
//! The CommonMark output is also read by Python-Markdown (MkDocs), which does not know the
//! backslash escapes `\<` and `\>` (it passes `<img …\>` on as HTML) and reads `{: …}` as
//! attributes. So in text, `<` and `>` are written as `&lt;` and `&gt;`, and `{` and `}`
//! with a backslash, which both dialects understand: comrak writes the tree, with each of
//! those characters held by a private-use stand-in that is swapped afterwards.

use crate::escape::{local_url, safe_url, without_controls};
use comrak::nodes::NodeValue;
use comrak::{Arena, Options, format_commonmark, format_html, parse_document};
use std::borrow::Cow;

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.render.escape = true;
    o
}

/// Private-use stand-ins for the characters of text that the CommonMark output writes in
/// a form Python-Markdown also reads, and what each becomes.
const STAND_INS: [(char, char, &str); 4] =
    [('<', '\u{E000}', "&lt;"), ('>', '\u{E001}', "&gt;"), ('{', '\u{E002}', "\\{"), ('}', '\u{E003}', "\\}")];

/// Renders a Markdown field in the chosen form: `html` true for the site, false for
/// CommonMark.
pub fn render(markdown: &str, html: bool) -> String {
    render_below(markdown, html, 0)
}

/// Like [`render`], for text placed under a heading of level `below`: its own headings move
/// down by that much (a `#` under an `h3` becomes an `h4`; never below `h6`), so the page's
/// headings stay in order.
pub fn render_below(markdown: &str, html: bool, below: u8) -> String {
    let arena = Arena::new();
    let options = options();
    let mut input = without_controls(markdown).into_owned();
    if !html && input.contains(|c| STAND_INS.iter().any(|(_, s, _)| *s == c)) {
        input = input.chars().map(|c| if STAND_INS.iter().any(|(_, s, _)| *s == c) { '\u{FFFD}' } else { c }).collect();
    }
    let root = parse_document(&arena, &input, &options);
    let nodes: Vec<_> = root.descendants().collect();
    for node in nodes {
        let mut data = node.data_mut();
        match &mut data.value {
            NodeValue::HtmlInline(raw) => data.value = NodeValue::Text(Cow::Owned(std::mem::take(raw))),
            NodeValue::HtmlBlock(block) => {
                // A block of raw HTML becomes a paragraph of its text, shown as written.
                let text = std::mem::take(&mut block.literal);
                data.value = NodeValue::Paragraph;
                drop(data);
                let child = arena.alloc(NodeValue::Text(Cow::Owned(text.trim_end().to_owned())).into());
                node.append(child);
            }
            // An image from elsewhere is not loaded: a link to it, its alt text the link's.
            NodeValue::Image(link) if !local_url(&link.url) => {
                let mut link = std::mem::take(link);
                if !safe_url(&link.url) {
                    link.url.clear();
                }
                data.value = NodeValue::Link(link);
            }
            NodeValue::Link(link) if !safe_url(&link.url) => link.url.clear(),
            NodeValue::Heading(heading) => heading.level = (heading.level + below).min(6),
            _ => {}
        }
    }
    let mut out = String::new();
    if html {
        return if format_html(root, &options, &mut out).is_ok() { out } else { String::new() };
    }
    for node in root.descendants() {
        if let NodeValue::Text(text) = &mut node.data_mut().value
            && text.contains(|c| STAND_INS.iter().any(|(c0, _, _)| *c0 == c))
        {
            let held = text.chars().map(|c| STAND_INS.iter().find(|(c0, _, _)| *c0 == c).map_or(c, |(_, s, _)| *s));
            *text = Cow::Owned(held.collect());
        }
    }
    if format_commonmark(root, &options, &mut out).is_err() {
        return String::new();
    }
    if out.contains(|c| STAND_INS.iter().any(|(_, s, _)| *s == c)) {
        for (_, stand_in, written) in STAND_INS {
            out = out.replace(stand_in, written);
        }
    }
    out
}

/// A Markdown field as plain text, for a terminal or an e-mail: the words without the
/// markup, a blank line between blocks, `- ` before list items, a link's address in
/// brackets after its text, raw HTML as written. Control characters are the caller's to
/// escape.
pub fn plain(markdown: &str) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let mut blocks = Vec::new();
    plain_blocks(root, "", &mut blocks);
    blocks.join("\n\n")
}

fn plain_blocks<'a>(node: &'a comrak::nodes::AstNode<'a>, prefix: &str, out: &mut Vec<String>) {
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        match value {
            NodeValue::List(_) => {
                let mut items = Vec::new();
                plain_blocks(child, "- ", &mut items);
                out.push(items.join("\n"));
            }
            NodeValue::Item(_) | NodeValue::BlockQuote => {
                let mut inner = Vec::new();
                plain_blocks(child, "", &mut inner);
                out.push(format!("{prefix}{}", inner.join("\n").replace('\n', "\n  ")));
            }
            NodeValue::CodeBlock(code) => out.push(code.literal.trim_end().to_owned()),
            NodeValue::HtmlBlock(html) => out.push(html.literal.trim_end().to_owned()),
            NodeValue::ThematicBreak => out.push("—".to_owned()),
            NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => {
                let mut line = String::new();
                plain_inline(child, &mut line);
                out.push(line);
            }
            _ => plain_blocks(child, prefix, out),
        }
    }
}

fn plain_inline<'a>(node: &'a comrak::nodes::AstNode<'a>, out: &mut String) {
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        match value {
            NodeValue::Text(t) => out.push_str(&t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::HtmlInline(h) => out.push_str(&h),
            NodeValue::SoftBreak => out.push(' '),
            NodeValue::LineBreak => out.push('\n'),
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let start = out.len();
                plain_inline(child, out);
                if !link.url.is_empty() && out[start..] != *link.url {
                    out.push_str(&format!(" ({})", link.url));
                }
            }
            _ => plain_inline(child, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_under_a_heading_move_down() {
        assert_eq!(render_below("# A\n\n## B\n\n###### C", true, 3), "<h4>A</h4>\n<h5>B</h5>\n<h6>C</h6>\n");
        assert_eq!(render_below("# A", false, 2), "### A\n");
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        let md = "Forumen har **kommit i gång** i *nästan* alla `kommuner`.\n\n- ett\n- två [länk](https://x.se)\n\nKontakt: <b>upphandlingen</b>\nrad två";
        assert_eq!(
            plain(md),
            "Forumen har kommit i gång i nästan alla kommuner.\n\n- ett\n- två länk (https://x.se)\n\nKontakt: <b>upphandlingen</b> rad två"
        );
    }

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(render("Hej **du**", true), "<p>Hej <strong>du</strong></p>\n");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render("a <script>alert(1)</script> b\n\n<img src=x onerror=alert(1)>\n", true);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    /// Every `href`/`src` attribute value in a piece of HTML.
    fn targets(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        for attr in ["href=\"", "src=\""] {
            let mut rest = html;
            while let Some(i) = rest.find(attr) {
                rest = &rest[i + attr.len()..];
                out.push(rest[..rest.find('"').unwrap_or(rest.len())].to_owned());
            }
        }
        out
    }

    #[test]
    fn unsafe_links_lose_their_target() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java&#x09;script:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            for md in [format!("[x]({bad})"), format!("![x]({bad})"), format!("<{bad}>")] {
                let html = render(&md, true);
                assert!(targets(&html).iter().all(String::is_empty), "{md}: {html}");
            }
        }
        assert_eq!(targets(&render("[x](https://example.se)", true)), ["https://example.se"]);
        assert_eq!(targets(&render("[x](../a.html#b)", true)), ["../a.html#b"]);
    }

    #[test]
    fn remote_images_become_links_and_local_ones_stay() {
        for remote in ["https://evil.example/t.png", "//evil.example/t.png", "HTTP://evil.example/t.png"] {
            let html = render(&format!("a ![alt]({remote}) b"), true);
            assert!(!html.contains("<img"), "{html}");
            assert!(html.contains(&format!("<a href=\"{remote}\">alt</a>")), "{html}");
            let md = render(&format!("a ![alt]({remote}) b"), false);
            assert!(!md.contains("!["), "{md}");
            assert!(md.contains(&format!("[alt]({remote})")), "{md}");
        }
        assert_eq!(render("![alt](bilder/a.png)", true), "<p><img src=\"bilder/a.png\" alt=\"alt\" /></p>\n");
        let unsafe_image = render("![alt](javascript:alert(1))", true);
        assert!(!unsafe_image.contains("javascript"), "{unsafe_image}");
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        for html in [true, false] {
            let out = render("a\u{0}b\u{1b}[31mc\u{7f}\u{9b}d", html);
            assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
            assert!(out.contains('\u{FFFD}'), "{out:?}");
        }
    }

    #[test]
    fn template_syntax_is_just_text() {
        assert_eq!(render("{{ x }} {% if %}", true), "<p>{{ x }} {% if %}</p>\n");
    }

    #[test]
    fn commonmark_output_keeps_content_and_escapes_html() {
        let md = render("Hej **du** <b>x</b>", false);
        assert!(md.contains("**du**"), "{md}");
        assert!(!md.contains("<b>"), "{md}");
    }

    #[test]
    fn commonmark_output_is_inert_for_python_markdown_too() {
        // Python-Markdown would pass `<img …\>` on as HTML and read `{: …}` as attributes.
        let md = render("a <img src=x onerror=alert(1)// > b {: onclick=\"x\" }\n\n<script>x</script>\n", false);
        assert_eq!(
            md,
            "a &lt;img src=x onerror=alert(1)// &gt; b \\{: onclick=\"x\" \\}\n\n&lt;script&gt;x&lt;/script&gt;\n"
        );
        assert_eq!(render("`<b>{x}`\n", false), "`<b>{x}`\n");
        assert_eq!(render("\u{E000}", false), "\u{FFFD}\n");
    }
}
