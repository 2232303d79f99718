//! Did-you-mean suggestions for unknown keys, keywords and ids.
//!
//! Analysts often type without å/ä/ö (`kannetecken`) or mistype a letter (`ansvaring`),
//! so candidates are compared after folding case and Swedish letters to ASCII, by edit
//! distance, with a bound that grows with the length of the word. An id can also be wrong
//! in ways that are not typos, and [`likely`] recognises those first: a space around it
//! (`"klar "`), the number without its prefix (`1.2` for `MO1.2`), or the name of the thing
//! instead of its id (`Vårdcentralen Centrum` for `vardcentralen`).

/// Folds case and å/ä/ö (and common accents) so `Kannetecken` matches `kännetecken`.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' => 'e',
            '_' | ' ' => '-',
            c => c,
        })
        .collect()
}

/// The candidate closest to `input`, if any is close enough to be a likely typo.
pub fn did_you_mean<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let folded = fold(input);
    let bound = (folded.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&folded, &fold(candidate));
        if distance <= bound && best.is_none_or(|(d, c)| (distance, candidate) < (d, c)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// What an unknown id most likely meant, and how it went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likely<'c> {
    /// The id with a space before or after it.
    Trimmed(&'c str),
    /// The id without its prefix: `1.2` for `MO1.2`.
    Suffix(&'c str),
    /// The name (or text) of the thing instead of its id.
    Name {
        /// Its id.
        id: &'c str,
        /// Its name, as written in its definition.
        name: &'c str,
    },
    /// A typo of the id.
    Typo(&'c str),
}

impl<'c> Likely<'c> {
    /// The id meant.
    pub fn id(self) -> &'c str {
        match self {
            Likely::Trimmed(id) | Likely::Suffix(id) | Likely::Typo(id) | Likely::Name { id, .. } => id,
        }
    }
}

/// The id among `candidates` (each an id and, if it has one, a name) that `input` most
/// likely meant.
pub fn likely<'c>(input: &str, candidates: &[(&'c str, Option<&'c str>)]) -> Option<Likely<'c>> {
    let trimmed = input.trim();
    if trimmed != input
        && let Some(&(id, _)) = candidates.iter().find(|(id, _)| *id == trimmed)
    {
        return Some(Likely::Trimmed(id));
    }
    let folded = fold(trimmed);
    if let Some(&(id, Some(name))) = candidates.iter().find(|(_, name)| name.is_some_and(|n| fold(n.trim()) == folded))
    {
        return Some(Likely::Name { id, name });
    }
    // `1.2` is `MO1.2` without its letters: the one candidate that is letters and then it.
    let mut suffixed = candidates.iter().filter(|(id, _)| {
        id.len() > trimmed.len()
            && id.ends_with(trimmed)
            && id[..id.len() - trimmed.len()].chars().all(char::is_alphabetic)
            && trimmed.starts_with(|c: char| c.is_ascii_digit())
    });
    if let (Some(&(id, _)), None) = (suffixed.next(), suffixed.next()) {
        return Some(Likely::Suffix(id));
    }
    if let Some(id) = did_you_mean(trimmed, candidates.iter().map(|(id, _)| *id)) {
        return Some(Likely::Typo(id));
    }
    let names = candidates.iter().filter_map(|(_, n)| *n);
    let name = did_you_mean(trimmed, names)?;
    let &(id, _) = candidates.iter().find(|(_, n)| *n == Some(name))?;
    Some(Likely::Name { id, name })
}

#[cfg(test)]
mod tests {
    use super::{Likely, did_you_mean, likely};

    const KEYS: &[&str] = &["ansvarig", "kännetecken", "status", "slut", "start", "medverkande"];

    #[test]
    fn finds_missing_diacritics_and_typos() {
        assert_eq!(did_you_mean("kannetecken", KEYS.iter().copied()), Some("kännetecken"));
        assert_eq!(did_you_mean("ansvaring", KEYS.iter().copied()), Some("ansvarig"));
        assert_eq!(did_you_mean("statsu", KEYS.iter().copied()), Some("status"));
        assert_eq!(did_you_mean("Medverkande", KEYS.iter().copied()), Some("medverkande"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(did_you_mean("budget", KEYS.iter().copied()), None);
        assert_eq!(did_you_mean("x", KEYS.iter().copied()), None);
    }

    #[test]
    fn prefers_the_closest_candidate() {
        assert_eq!(did_you_mean("slat", ["start", "slut"]), Some("slut"));
    }

    #[test]
    fn likely_knows_spaces_prefixes_and_names() {
        let orgs = [("vardcentralen", Some("Vårdcentralen Centrum")), ("kommunen", Some("Exempelkommunen"))];
        assert_eq!(likely("kommunen ", &orgs), Some(Likely::Trimmed("kommunen")));
        assert_eq!(
            likely("vårdcentralen centrum", &orgs),
            Some(Likely::Name { id: "vardcentralen", name: "Vårdcentralen Centrum" })
        );
        assert_eq!(likely("Exempelkommun", &orgs), Some(Likely::Name { id: "kommunen", name: "Exempelkommunen" }));
        assert_eq!(likely("komunen", &orgs), Some(Likely::Typo("kommunen")));
        let directions = [("MO1.1", Some("Samverkan")), ("MO1.2", None), ("MO2.1", None)];
        assert_eq!(likely("1.2", &directions), Some(Likely::Suffix("MO1.2")));
        assert_eq!(likely("2.1", &directions), Some(Likely::Suffix("MO2.1")));
        assert_eq!(likely("budget", &directions), None);
    }
}
