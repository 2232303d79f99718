//! Did-you-mean suggestions for unknown keys, keywords and ids.
//!
//! Analysts often type without å/ä/ö (`kannetecken`) or mistype a letter (`ansvaring`),
//! so candidates are compared after folding case and Swedish letters to ASCII, by edit
//! distance, with a bound that grows with the length of the word.

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

#[cfg(test)]
mod tests {
    use super::did_you_mean;

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
}
