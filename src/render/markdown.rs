//! Markdown fields of plan files, made safe for publishing.
//!
//! Descriptions are Markdown written by many hands and published on a public site, so they
//! go through comrak (CommonMark) and one sanitising pass over the syntax tree: raw HTML
//! becomes literal text, and links and images whose scheme is not http, https or mailto (or
//! a relative link) lose their target. The same tree is then written as HTML for the site
//! or as CommonMark for the Markdown output, so both carry exactly the same content.

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

/// Whether a link target is safe to publish.
fn safe_url(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    match lower.split_once(':') {
        // No scheme: a relative link or a fragment, unless the colon comes after a path
        // separator (`a/b:c` is relative).
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto"),
    }
}

/// Renders a Markdown field in the chosen form: `html` true for the site, false for
/// CommonMark.
pub fn render(markdown: &str, html: bool) -> String {
    let arena = Arena::new();
    let options = options();
    let root = parse_document(&arena, markdown, &options);
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
            NodeValue::Link(link) | NodeValue::Image(link) if !safe_url(&link.url) => link.url.clear(),
            _ => {}
        }
    }
    let mut out = String::new();
    let written =
        if html { format_html(root, &options, &mut out) } else { format_commonmark(root, &options, &mut out) };
    if written.is_err() {
        return String::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn template_syntax_is_just_text() {
        assert_eq!(render("{{ x }} {% if %}", true), "<p>{{ x }} {% if %}</p>\n");
    }

    #[test]
    fn commonmark_output_keeps_content_and_escapes_html() {
        let md = render("Hej **du** <b>x</b>", false);
        assert!(md.contains("**du**"), "{md}");
        assert!(!md.contains("<b>"), "{md}");
    }
}
