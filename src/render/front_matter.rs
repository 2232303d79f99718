//! YAML front matter for Markdown pages, so that Hugo, Zola, MkDocs and other publishing
//! systems read each page's title and order without a template of their own.
//!
//! Every Markdown page gets it from [`super::build`], whatever its template (a user's
//! override included), from the title and the position the page was built with: a page type
//! added later gets it too. Titles come from plan files and may hold anything (quotes,
//! colons, newlines, `---`): they are written as YAML double-quoted scalars in which every
//! character that could end the string, the line or the block is escaped, so no title can
//! add a key or close the front matter early.

/// The front matter block for a page: `---`, `title`, `weight`, `---` and an empty line.
pub fn block(title: &str, weight: usize) -> String {
    format!("---\ntitle: {}\nweight: {weight}\n---\n\n", crate::yaml::double_quoted(&inert(title)))
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
}
