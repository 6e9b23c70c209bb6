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
}
