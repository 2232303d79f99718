//! Markdown output laid out for the publishing system that builds it (`[site] markdown` in
//! `plan.toml`).
//!
//! Two conventions truly conflict, so the layout is a setting:
//!
//! - **`mkdocs`** (the default): the home page is `index.md`, links point at the `.md`
//!   files (MkDocs rewrites them, and GitHub, GitLab and a file browser follow them as they
//!   are), and each heading a link points into has an explicit id as raw HTML on the line
//!   before it, `<a id="K-U1"></a>`, which Python-Markdown passes on without any extension
//!   and which MkDocs's anchor validation reads.
//! - **`hugo`** (also Zola's convention): the home page is `_index.md` (an `index.md` at the
//!   root would make the whole tree one leaf bundle), every other page at the root, such as
//!   `planer.md`, becomes its folder's section index `planer/_index.md` (so no page collides
//!   with a folder of the same name; its address, `/planer/`, is the same), links point at
//!   the published pretty address relative to the page's own (`../../planer/lan/`, lower
//!   case, since Hugo lower-cases paths and does not rewrite `.md` links), and the explicit
//!   id becomes a heading attribute, `### K-U1 Trygg hemgång {#K-U1}`, which goldmark reads
//!   by default (raw HTML it drops unless `unsafe` is set).
//!
//! Templates always write the `mkdocs` form; [`publish`] turns a page into the `hugo` form
//! after it is rendered, so a user's overridden template gets the same treatment.

pub use crate::config::MarkdownStyle;

/// The file a page at site path `path` is written to in `style`.
pub fn file(path: &str, style: MarkdownStyle) -> String {
    match style {
        MarkdownStyle::MkDocs => path.to_owned(),
        MarkdownStyle::Hugo => match path.strip_suffix(".md") {
            Some("index") => "_index.md".to_owned(),
            Some(stem) if !stem.contains('/') => format!("{stem}/_index.md"),
            // A page named `index` would make its folder a leaf bundle (hiding every other
            // page in it), and `K-1.en.md` would be read as the English `K-1`: such a page
            // is written as a bundle of its own, `aktiviteter/index/index.md`, at the same
            // address.
            Some(stem) if stem.rsplit('/').next().is_some_and(|name| name == "index" || name.contains('.')) => {
                format!("{stem}/index.md")
            }
            _ => path.to_owned(),
        },
    }
}

/// A page's path and text as written in `style`: the page at site path `path`, rendered
/// in the `mkdocs` form.
pub fn publish(path: &str, text: String, style: MarkdownStyle) -> (String, String) {
    match style {
        MarkdownStyle::MkDocs => (path.to_owned(), text),
        MarkdownStyle::Hugo => (file(path, style), hugo_text(path, &text)),
    }
}

/// The published address of a page in Hugo's default layout, relative to the site root,
/// without a leading `/`: `planer/lan/`, `planer/` (for `planer.md`) and `` (the home page).
fn hugo_url(path: &str) -> String {
    let stem = path.strip_suffix(".md").unwrap_or(path);
    if stem == "index" { String::new() } else { format!("{}/", stem.to_lowercase()) }
}

/// A page's text with its links made into Hugo addresses and its ids into heading attributes.
fn hugo_text(path: &str, text: &str) -> String {
    let depth = hugo_url(path).matches('/').count();
    let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
    let mut out = String::with_capacity(text.len());
    let mut pending_id: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        if let Some(id) = id_line(line) {
            pending_id = Some(id);
            continue;
        }
        let line = rewrite_links(line, folder, depth);
        match pending_id.take() {
            Some(id) if line.starts_with('#') => {
                let body = line.trim_end_matches(['\n', '\r']);
                out.push_str(body);
                out.push_str(&format!(" {{#{id}}}"));
                out.push_str(&line[body.len()..]);
            }
            Some(id) => {
                // An id not before a heading: keep it as it was.
                out.push_str(&format!("<a id=\"{id}\"></a>\n"));
                out.push_str(&line);
            }
            None => out.push_str(&line),
        }
    }
    if let Some(id) = pending_id {
        out.push_str(&format!("<a id=\"{id}\"></a>\n"));
    }
    out
}

/// The id of a line that is only `<a id="…"></a>` with an id of the anchor alphabet.
fn id_line(line: &str) -> Option<&str> {
    let id = line.trim_end_matches(['\n', '\r']).strip_prefix("<a id=\"")?.strip_suffix("\"></a>")?;
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))).then_some(id)
}

/// `line` with every inline link target `](target)` that is a relative link to a `.md`
/// page made into the page's Hugo address, relative to a page `depth` folders deep; the
/// link is resolved from `folder`, the page's folder in the site.
fn rewrite_links(line: &str, folder: &str, depth: usize) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let escaped = rest[..at].ends_with('\\');
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        if escaped {
            continue;
        }
        let Some(end) = rest.find(')') else { break };
        let target = &rest[..end];
        match hugo_target(target, folder, depth) {
            Some(new) => out.push_str(&new),
            None => out.push_str(target),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The Hugo address for a relative link `target` to a `.md` page, or `None` to keep it.
fn hugo_target(target: &str, folder: &str, depth: usize) -> Option<String> {
    let (file, fragment) = match target.split_once('#') {
        Some((f, frag)) => (f, Some(frag)),
        None => (target, None),
    };
    if !file.ends_with(".md") || file.contains(':') || file.starts_with('/') || file.contains(char::is_whitespace) {
        return None;
    }
    let mut parts: Vec<&str> = if folder.is_empty() { Vec::new() } else { folder.split('/').collect() };
    for part in file.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    let url = hugo_url(&parts.join("/"));
    let mut out = "../".repeat(depth) + &url;
    if out.is_empty() {
        out.push_str("./");
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_named_index_or_with_a_dot_is_a_bundle_of_its_own_in_hugo() {
        assert_eq!(file("aktiviteter/index.md", MarkdownStyle::Hugo), "aktiviteter/index/index.md");
        assert_eq!(file("aktiviteter/K-1.en.md", MarkdownStyle::Hugo), "aktiviteter/K-1.en/index.md");
        assert_eq!(file("andringar/v1.0.md", MarkdownStyle::Hugo), "andringar/v1.0/index.md");
        assert_eq!(file("aktiviteter/K-1.md", MarkdownStyle::Hugo), "aktiviteter/K-1.md");
        assert_eq!(file("aktiviteter/index.md", MarkdownStyle::MkDocs), "aktiviteter/index.md");
        // Its address, and so every link to it, stays the page's own.
        assert_eq!(hugo_url("aktiviteter/index.md"), "aktiviteter/index/");
        assert_eq!(hugo_url("aktiviteter/K-1.en.md"), "aktiviteter/k-1.en/");
    }

    #[test]
    fn root_pages_become_section_indexes_in_hugo() {
        assert_eq!(file("index.md", MarkdownStyle::Hugo), "_index.md");
        assert_eq!(file("planer.md", MarkdownStyle::Hugo), "planer/_index.md");
        assert_eq!(file("planer/lan.md", MarkdownStyle::Hugo), "planer/lan.md");
        assert_eq!(file("planer.md", MarkdownStyle::MkDocs), "planer.md");
        assert_eq!(file("index.md", MarkdownStyle::MkDocs), "index.md");
    }

    #[test]
    fn links_become_pretty_addresses_relative_to_the_page() {
        let text = "- [Plan](../planer/Kommun-2024.md#K-2024-U1) [Hem](../index.md) [Lista](../planer.md)\n";
        let (path, out) = publish("aktiviteter/K-1.md", text.to_owned(), MarkdownStyle::Hugo);
        assert_eq!(path, "aktiviteter/K-1.md");
        assert_eq!(out, "- [Plan](../../planer/kommun-2024/#K-2024-U1) [Hem](../../) [Lista](../../planer/)\n");
        let (path, out) =
            publish("index.md", "[a](malomraden/MO1.md) [b](index.md#x)\n".to_owned(), MarkdownStyle::Hugo);
        assert_eq!(path, "_index.md");
        assert_eq!(out, "[a](malomraden/mo1/) [b](./#x)\n");
        let (_, out) = publish("planer.md", "[a](planer/lan.md) [b](tackning.md)\n".to_owned(), MarkdownStyle::Hugo);
        assert_eq!(out, "[a](../planer/lan/) [b](../tackning/)\n");
    }

    #[test]
    fn other_links_are_kept() {
        let text = "[a](https://x.se/a.md) [b](mailto:a@b.se) [c](bild.png) \\[d\\](e.md) [f](#frag) [g](/abs.md)\n";
        let (_, out) = publish("planer/lan.md", text.to_owned(), MarkdownStyle::Hugo);
        assert_eq!(out, text);
        let (_, out) = publish("planer/lan.md", "[a](../../ut.md)\n".to_owned(), MarkdownStyle::Hugo);
        assert_eq!(out, "[a](../../ut.md)\n", "a link out of the site is left alone");
    }

    #[test]
    fn ids_become_heading_attributes_in_hugo_and_stay_in_mkdocs() {
        let text = "## A\n<a id=\"K-U1\"></a>\n### K-U1 Trygg\n\n<a id=\"x\"></a>\ntext\n<a id=\"bad id\"></a>\n";
        let (_, out) = publish("planer/k.md", text.to_owned(), MarkdownStyle::Hugo);
        assert_eq!(out, "## A\n### K-U1 Trygg {#K-U1}\n\n<a id=\"x\"></a>\ntext\n<a id=\"bad id\"></a>\n");
        let (_, out) = publish("planer/k.md", text.to_owned(), MarkdownStyle::MkDocs);
        assert_eq!(out, text);
    }

    #[test]
    fn styles_are_named() {
        assert_eq!(MarkdownStyle::parse("hugo"), Some(MarkdownStyle::Hugo));
        assert_eq!(MarkdownStyle::parse("mkdocs"), Some(MarkdownStyle::MkDocs));
        assert_eq!(MarkdownStyle::parse("Hugo"), None);
    }
}
