//! Where every page goes, and how ids become file names.
//!
//! Every path is relative to the site root and built here, so that no id can choose where a
//! file lands: ids are encoded to a closed alphabet (`A–Z a–z 0–9 . -`, everything else as
//! `_xx_` hex escapes, `_` included) and never start with a dot, so `../x`, `/etc`,
//! `%2e%2e` or a NUL byte all stay one harmless file name inside their folder.
//!
//! Ids are case-sensitive, but macOS and Windows file systems (and web servers on them) are
//! not: `MO1-a` and `MO1-A` would be one file there, the later page overwriting the other.
//! [`Stems`] gives every page a file name that is unique in its folder when case is ignored,
//! by construction: of ids whose names differ only in case, the first in id order keeps its
//! name and each later one gets a suffix `_x2_`, `_x3_`, … that no id can produce (an
//! encoded id ends in `_` only after a `_hh_` hex escape, and `x` is no hex digit). Every
//! link is made from the same [`Stems`], so it points at the file written.

use std::collections::{HashMap, HashSet};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// Site-relative path of the page about an id seen alone, `malomraden/MO1.html`; a site's
/// pages take theirs from [`Stems::page`], which also keeps ids apart that differ only in case.
pub fn page(kind: PageKind, id: &str, format: SiteFormat) -> String {
    format!("{}/{}.{}", kind.folder(), file_stem(id), format.extension())
}

/// The file name stems of a site's entity pages, unique in each folder with case ignored.
#[derive(Debug, Default, Clone)]
pub struct Stems {
    /// The stems that are not simply [`file_stem`] of the id: the later ids of a case clash.
    renamed: HashMap<(PageKind, String), String>,
}

impl Stems {
    /// The stems for pages about these ids (an id twice is one page).
    pub fn new<'a>(pages: impl IntoIterator<Item = (PageKind, &'a str)>) -> Stems {
        let mut pages: Vec<(PageKind, &str)> = pages.into_iter().collect();
        pages.sort_unstable();
        pages.dedup();
        let mut taken: HashSet<(PageKind, String)> = HashSet::with_capacity(pages.len());
        let mut later = Vec::new();
        for &(kind, id) in &pages {
            if !taken.insert((kind, file_stem(id).to_ascii_lowercase())) {
                later.push((kind, id));
            }
        }
        let mut renamed = HashMap::new();
        for (kind, id) in later {
            let stem = file_stem(id);
            let mut n = 2u64;
            let unique = loop {
                let candidate = format!("{stem}_x{n}_");
                if taken.insert((kind, candidate.to_ascii_lowercase())) {
                    break candidate;
                }
                n += 1;
            };
            renamed.insert((kind, id.to_owned()), unique);
        }
        Stems { renamed }
    }

    /// The file name stem of an entity's page.
    pub fn stem(&self, kind: PageKind, id: &str) -> String {
        if self.renamed.is_empty() {
            return file_stem(id);
        }
        self.renamed.get(&(kind, id.to_owned())).cloned().unwrap_or_else(|| file_stem(id))
    }

    /// Site-relative path of an entity's page: `malomraden/MO1.html`.
    pub fn page(&self, kind: PageKind, id: &str, format: SiteFormat) -> String {
        format!("{}/{}.{}", kind.folder(), self.stem(kind, id), format.extension())
    }
}

/// Makes names unique with case ignored, as [`Stems`] does: the first of names that differ
/// only in case keeps its name, the later ones get `_x2_`, `_x3_`, … (in the given order).
pub fn unique_ignoring_case(names: &mut [String]) {
    let mut taken: HashSet<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let mut seen = HashSet::new();
    for name in names.iter_mut() {
        if seen.insert(name.to_ascii_lowercase()) {
            continue;
        }
        let mut n = 2u64;
        *name = loop {
            let candidate = format!("{name}_x{n}_");
            if taken.insert(candidate.to_ascii_lowercase()) {
                break candidate;
            }
            n += 1;
        };
    }
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
    fn ids_that_differ_only_in_case_get_names_that_differ_without_it() {
        let ids = ["MO1-a", "MO1-A", "mo1-a", "MO1-a_x2_", "nacka", "Nacka", "Åsa", "åsa"];
        let stems = Stems::new(ids.iter().map(|id| (PageKind::Activity, *id)));
        let mut names: Vec<String> = ids.iter().map(|id| stems.stem(PageKind::Activity, id).to_lowercase()).collect();
        assert_eq!(stems.stem(PageKind::Activity, "MO1-A"), "MO1-A", "the first in id order keeps its name");
        assert_eq!(stems.stem(PageKind::Activity, "MO1-a"), "MO1-a_x2_");
        assert_eq!(stems.stem(PageKind::Activity, "Nacka"), "Nacka");
        assert_eq!(stems.stem(PageKind::Activity, "nacka"), "nacka_x2_");
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ids.len(), "{names:?}");
        // Other folders are other name spaces.
        let stems = Stems::new([(PageKind::Activity, "x"), (PageKind::Topic, "X")]);
        assert_eq!(stems.stem(PageKind::Topic, "X"), "X");
        assert_eq!(stems.stem(PageKind::Activity, "x"), "x");
    }

    #[test]
    fn case_clashes_in_other_names_are_made_unique_too() {
        let mut names = vec!["nacka".to_owned(), "Nacka".to_owned(), "nacka_x2_".to_owned()];
        unique_ignoring_case(&mut names);
        let mut lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), 3, "{names:?}");
        assert_eq!(names[0], "nacka");
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("malomraden/MO1.html"), "../");
    }
}
