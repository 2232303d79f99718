//! Where every page goes, and how ids become file names.
//!
//! Every path is relative to the site root and built here, so that no id can choose where a
//! file lands: ids are encoded to a closed alphabet (`A–Z a–z 0–9 . -`, everything else as
//! `_xx_` hex escapes, `_` included) and never start with a dot, so `../x`, `/etc`,
//! `%2e%2e` or a NUL byte all stay one harmless file name inside their folder.

/// The output format of a render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SiteFormat {
    /// HTML pages with a stylesheet.
    #[default]
    Html,
    /// Markdown files with relative links, for other publishing systems.
    Markdown,
}

impl SiteFormat {
    /// The file extension of pages.
    pub fn extension(self) -> &'static str {
        match self {
            SiteFormat::Html => "html",
            SiteFormat::Markdown => "md",
        }
    }
}

/// Encodes an id as a file name stem that is safe on every file system and in a URL.
pub fn file_stem(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for (i, c) in id.chars().enumerate() {
        let plain = c.is_ascii_alphanumeric() || c == '-' || (c == '.' && i > 0);
        if plain {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("_{b:02x}"));
            }
            out.push('_');
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    // Keep names well under file system limits; the hash keeps long ids distinct.
    if out.len() > 120 {
        let hash =
            out.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        out.truncate(100);
        out.push_str(&format!("-{hash:016x}"));
    }
    out
}

/// The kinds of page, each in its own folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A målområde.
    GoalArea,
    /// A strategisk inriktning.
    Direction,
    /// A handlingsplan or aktivitetsplan.
    Plan,
    /// An activity.
    Activity,
    /// An organisation.
    Organisation,
    /// A sakområde.
    Topic,
}

impl PageKind {
    fn folder(self) -> &'static str {
        match self {
            PageKind::GoalArea => "malomraden",
            PageKind::Direction => "inriktningar",
            PageKind::Plan => "planer",
            PageKind::Activity => "aktiviteter",
            PageKind::Organisation => "organisationer",
            PageKind::Topic => "sakomraden",
        }
    }
}

/// Site-relative path of an entity's page: `malomraden/MO1.html`.
pub fn page(kind: PageKind, id: &str, format: SiteFormat) -> String {
    format!("{}/{}.{}", kind.folder(), file_stem(id), format.extension())
}

/// Site-relative path of a page that is not about one entity: `tackning.html`.
pub fn special(name: &str, format: SiteFormat) -> String {
    format!("{name}.{}", format.extension())
}

/// The prefix that leads from a page back to the site root: `""` or `"../"`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_ids_stay_readable() {
        assert_eq!(file_stem("MO1.1"), "MO1.1");
        assert_eq!(file_stem("lan-2024"), "lan-2024");
    }

    #[test]
    fn hostile_ids_stay_inside_their_folder() {
        for id in ["../x", "/etc/passwd", "..", ".", "a\\b", "%2e%2e", "a\0b", "", "C:x", "a/../../b"] {
            let stem = file_stem(id);
            assert!(!stem.starts_with('.'), "{id:?} -> {stem}");
            assert!(stem.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)), "{id:?} -> {stem}");
        }
    }

    #[test]
    fn different_ids_get_different_names() {
        let ids = ["Åsa", "_c3__85_sa", "a_b", "a-b", "a.b", "A", "a"];
        let mut stems: Vec<String> = ids.iter().map(|i| file_stem(i)).collect();
        stems.sort();
        stems.dedup();
        assert_eq!(stems.len(), ids.len());
    }

    #[test]
    fn long_ids_are_shortened_but_distinct() {
        let a = file_stem(&"x".repeat(10_000));
        let b = file_stem(&format!("{}y", "x".repeat(9_999)));
        assert!(a.len() <= 120 && b.len() <= 120);
        assert_ne!(a, b);
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("malomraden/MO1.html"), "../");
    }
}
