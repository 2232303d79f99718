//! `sitemap.xml` (sitemaps.org 0.9): every HTML page of the site once, by its absolute
//! address under `[site] url`, sorted. Written only for HTML output with `[site] url` set.

use crate::escape::html_text;

/// The sitemap of `paths` (site-relative page paths) under `base` (ending with `/`):
/// sorted, each once, every character that XML gives a meaning escaped.
pub fn xml(base: &str, paths: &mut Vec<String>) -> String {
    paths.sort();
    paths.dedup();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths.iter() {
        let address = format!("{base}{}", encode(path));
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", html_text(&address)));
    }
    out.push_str("</urlset>\n");
    out
}

/// A path percent-encoded byte by byte, segment by segment: everything but ASCII letters,
/// digits, the `/` between segments and `-._~`.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_sorted_once_each_and_escaped() {
        let mut paths =
            vec!["b.html".to_owned(), "a/x y&<z>.html".to_owned(), "b.html".to_owned(), "å.html".to_owned()];
        assert_eq!(
            xml("https://e.se/p/", &mut paths),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://e.se/p/a/x%20y%26%3Cz%3E.html</loc></url>\n  <url><loc>https://e.se/p/b.html</loc></url>\n  <url><loc>https://e.se/p/%C3%A5.html</loc></url>\n</urlset>\n"
        );
    }
}
