//! Finds a region by the name someone typed. The CLI's `series --region`
//! and `chart --region` both match through here, so a name that works for
//! one works for the other: case and accents are ignored (`TURKIYE` finds
//! `Türkiye`), because names are typed from briefings that spell them
//! either way.

use std::collections::BTreeSet;

use crate::text::fold;

/// The region of `known` that `wanted` names: the exact name if there is
/// one, else the first (in name order) equal to it ignoring case and
/// accents. `None` when no region matches.
pub fn find_region<'a>(known: &'a BTreeSet<String>, wanted: &str) -> Option<&'a str> {
    if let Some(exact) = known.get(wanted) {
        return Some(exact);
    }
    let wanted = fold(wanted);
    known
        .iter()
        .find(|name| fold(name) == wanted)
        .map(String::as_str)
}

/// A region of `known` that `wanted` is probably a misspelling or a short
/// form of ("northen iraq", "N. Iraq", "Iraq" for "northern Iraq"), for a
/// form to ask "did you mean …?" before a near-duplicate region is made.
/// `None` when `wanted` names a region exactly (see [`find_region`]) or
/// resembles none, or several equally.
pub fn similar_region<'a>(known: &'a BTreeSet<String>, wanted: &str) -> Option<&'a str> {
    let letters = |name: &str| -> String {
        fold(name)
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect()
    };
    let wanted = letters(wanted);
    let wanted = wanted.trim();
    if wanted.is_empty() || find_region(known, wanted).is_some() {
        return None;
    }
    let wanted_words: Vec<&str> = wanted.split_whitespace().collect();
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for name in known {
        let candidate = letters(name);
        let distance = strsim::levenshtein(wanted, &candidate);
        // A typing slip: about one letter in five.
        let slip = distance <= (candidate.chars().count() / 5).max(1);
        // Every word typed begins a word of the name ("n iraq", "iraq").
        let words: Vec<&str> = candidate.split_whitespace().collect();
        let short_form = wanted_words.iter().all(|w| {
            words
                .iter()
                .any(|word| word.starts_with(w.trim_end_matches('.')))
        });
        if !(slip || short_form) {
            continue;
        }
        let score = if slip { distance } else { usize::MAX / 2 };
        match best {
            Some((best_score, _)) if score > best_score => {}
            Some((best_score, _)) if score == best_score => tied = true,
            _ => {
                best = Some((score, name));
                tied = false;
            }
        }
    }
    if tied {
        None
    } else {
        best.map(|(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|&name| name.to_owned()).collect()
    }

    #[test]
    fn a_region_is_found_ignoring_case_and_accents() {
        let known = known(&["northern Iraq", "Türkiye"]);
        assert_eq!(find_region(&known, "NORTHERN iraq"), Some("northern Iraq"));
        assert_eq!(find_region(&known, "turkiye"), Some("Türkiye"));
        assert_eq!(find_region(&known, "TÜRKİYE"), Some("Türkiye"));
        assert_eq!(find_region(&known, "Gaziantep"), None);
        assert_eq!(find_region(&BTreeSet::new(), "Gaziantep"), None);
    }

    #[test]
    fn an_exact_name_wins_over_one_that_differs_only_in_case() {
        let known = known(&["Kobani", "kobani"]);
        assert_eq!(find_region(&known, "kobani"), Some("kobani"));
        assert_eq!(find_region(&known, "Kobani"), Some("Kobani"));
        assert_eq!(find_region(&known, "KOBANI"), Some("Kobani"));
    }

    #[test]
    fn a_near_duplicate_is_recognised_as_the_known_region() {
        let known = known(&["northern Iraq", "northern Syria", "Türkiye"]);
        assert_eq!(
            similar_region(&known, "northen iraq"),
            Some("northern Iraq")
        );
        assert_eq!(
            similar_region(&known, "Northern  Iraq."),
            Some("northern Iraq")
        );
        assert_eq!(similar_region(&known, "N. Iraq"), Some("northern Iraq"));
        assert_eq!(similar_region(&known, "Iraq"), Some("northern Iraq"));
        assert_eq!(similar_region(&known, "Turkiy"), Some("Türkiye"));
        // "northern" alone could be either: no guess.
        assert_eq!(similar_region(&known, "northern"), None);
        // A region named exactly, or one unlike any known, is no near-duplicate.
        assert_eq!(similar_region(&known, "Northern iraq"), None);
        assert_eq!(similar_region(&known, "Gaziantep"), None);
        assert_eq!(similar_region(&known, "  "), None);
    }
}
