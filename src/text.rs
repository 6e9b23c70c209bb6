//! Wording shared by the UI, the CLI and exports: numbers, counts, periods,
//! sets of regions. One spelling each, so a screen, a chart and a brief
//! never word the same thing two ways.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

/// `48596` → `48,596`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Adds counts without overflowing: a file may hold absurd values, and a
/// sum of them must stay a number rather than abort.
pub fn saturating_sum(values: impl IntoIterator<Item = u64>) -> u64 {
    values.into_iter().fold(0, u64::saturating_add)
}

/// `1 source`, `2 sources`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A human label for an inclusive period: `21 Apr 2024`, `19–25 Apr 2024`,
/// `1 Jan – 25 Apr 2024`, `1 Dec 2023 – 5 Jan 2024`.
pub fn period_label(start: NaiveDate, end: NaiveDate) -> String {
    use chrono::Datelike;
    if start == end {
        start.format("%-d %b %Y").to_string()
    } else if start.year() != end.year() {
        format!(
            "{} – {}",
            start.format("%-d %b %Y"),
            end.format("%-d %b %Y")
        )
    } else if start.month() != end.month() {
        format!("{} – {}", start.format("%-d %b"), end.format("%-d %b %Y"))
    } else {
        format!("{}–{}", start.format("%-d"), end.format("%-d %b %Y"))
    }
}

/// What a figure or series that is not broken down by region covers.
pub const ALL_REGIONS: &str = "all regions";

/// How a set of regions reads in every table, chart, brief and message:
/// `northern Iraq + northern Syria` (a `+`, since a figure for several
/// regions is one figure for them together, and lists of such labels are
/// themselves joined with commas); no regions at all is [`ALL_REGIONS`].
pub fn regions_label<S: AsRef<str>>(regions: impl IntoIterator<Item = S>) -> String {
    let mut label = String::new();
    for (i, region) in regions.into_iter().enumerate() {
        if i > 0 {
            label.push_str(" + ");
        }
        label.push_str(region.as_ref());
    }
    if label.is_empty() {
        ALL_REGIONS.to_owned()
    } else {
        label
    }
}

/// Folds text for matching: lower case, no diacritics, Turkish i's as `i`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            // Combining marks left by the decomposition: ü → u + ¨.
            '\u{0300}'..='\u{036f}' => {}
            'ı' | 'İ' | 'I' => folded.push('i'),
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The words of `text`, folded and joined by single spaces: how a phrase is
/// compared (`Etkisiz  hâle getirildi` → `etkisiz hale getirildi`,
/// `Irak'ın` → `irak in`).
pub fn fold_words(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses a count as people write it: `48596`, `48,596`, `48.596`,
/// `48 596` (a space or no-break space between groups of three digits).
pub fn parse_count(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty".to_owned());
    }
    if text.starts_with('-') {
        return Err(format!("{text} is negative: counts are 0 or more"));
    }
    let separators = [',', '.', ' ', '\u{a0}', '\u{202f}'];
    let groups: Vec<&str> = text.split(|c| separators.contains(&c)).collect();
    let well_grouped = groups.len() == 1
        || (groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3));
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{text:?} is not a whole number"));
    }
    if !well_grouped {
        return Err(format!(
            "{text:?} is not a whole number (separators must stand between groups of three digits)"
        ));
    }
    digits.parse().map_err(|_| format!("{text} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_read_naturally() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(period_label(d(2024, 4, 21), d(2024, 4, 21)), "21 Apr 2024");
        assert_eq!(
            period_label(d(2024, 4, 19), d(2024, 4, 25)),
            "19–25 Apr 2024"
        );
        assert_eq!(
            period_label(d(2024, 1, 1), d(2024, 4, 25)),
            "1 Jan – 25 Apr 2024"
        );
        assert_eq!(
            period_label(d(2023, 12, 1), d(2024, 1, 5)),
            "1 Dec 2023 – 5 Jan 2024"
        );
    }

    #[test]
    fn regions_read_as_one_set_and_none_as_all_regions() {
        assert_eq!(regions_label(["northern Iraq"]), "northern Iraq");
        assert_eq!(
            regions_label(&["northern Iraq".to_owned(), "northern Syria".to_owned()]),
            "northern Iraq + northern Syria"
        );
        assert_eq!(regions_label(Vec::<String>::new()), "all regions");
    }

    #[test]
    fn thousands_are_grouped_with_commas() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(802), "802");
        assert_eq!(group_thousands(2769), "2,769");
        assert_eq!(group_thousands(48596), "48,596");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn folding_ignores_case_diacritics_and_turkish_i() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("TÜRKİYE"), "turkiye");
        assert_eq!(fold("Yaşar Güler"), "yasar guler");
        assert_eq!(fold("Irak, ılık, İzmir, IŞIK"), "irak, ilik, izmir, isik");
        assert_eq!(fold("Erdoğan"), "erdogan");
    }

    #[test]
    fn phrases_compare_by_folded_words() {
        assert_eq!(
            fold_words("Etkisiz  hâle getirildi."),
            "etkisiz hale getirildi"
        );
        assert_eq!(fold_words("Irak'ın kuzeyinde"), "irak in kuzeyinde");
        assert_eq!(fold_words(" — "), "");
    }

    #[test]
    fn counts_accept_thousands_separators_and_refuse_the_rest() {
        assert_eq!(parse_count("48596"), Ok(48596));
        assert_eq!(parse_count("48,596"), Ok(48596));
        assert_eq!(parse_count("48.596"), Ok(48596));
        assert_eq!(parse_count("48 596"), Ok(48596));
        assert_eq!(parse_count("1\u{a0}048\u{a0}596"), Ok(1_048_596));
        assert_eq!(parse_count(" 7 "), Ok(7));
        assert_eq!(
            parse_count("-3"),
            Err("-3 is negative: counts are 0 or more".to_owned())
        );
        assert_eq!(parse_count("2.5"), Err("\"2.5\" is not a whole number (separators must stand between groups of three digits)".to_owned()));
        assert_eq!(
            parse_count("about 50"),
            Err("\"about 50\" is not a whole number".to_owned())
        );
        assert_eq!(parse_count(""), Err("is empty".to_owned()));
        assert!(parse_count("99999999999999999999999").is_err());
    }
}
