//! Regions named in a sentence, resolved to the workspace's regions.
//!
//! A region's own name matches ignoring case and accents (`text::fold`);
//! a country with "northern" / "north of" / Turkish "kuzey…" names the
//! workspace's northern region of it ("northern Iraq and Syria", "Irak ve
//! Suriye'nin kuzeyinde" name two); a country alone names the workspace's
//! only region of that country, with a note ("Iraq taken as northern
//! Iraq"). "in both (regions)" / "her iki bölgede" stands for the regions
//! named before. A region someone fled *from* ("fled from hiding areas in
//! northern Iraq", "Irak'ın kuzeyinden kaçan") is not where a figure
//! happened.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::tokens::{Kind, Token};
use crate::text::{fold, fold_words};

const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("iraq", "Iraq", &["iraq", "irak"]),
    ("syria", "Syria", &["syria", "suriye"]),
    ("turkiye", "Türkiye", &["turkiye", "turkey"]),
    ("iran", "Iran", &["iran"]),
];

/// A workspace region and what it is the region of.
#[derive(Clone, Debug)]
struct Known {
    name: String,
    words: Vec<String>,
    country: Option<&'static str>,
    north: bool,
}

/// The regions a text can name.
#[derive(Clone, Debug, Default)]
pub struct RegionVocab {
    known: Vec<Known>,
    /// Indices into `known` by first word, longest names first.
    by_first: HashMap<String, Vec<usize>>,
}

impl RegionVocab {
    pub fn new(names: &BTreeSet<String>) -> Self {
        let mut known: Vec<Known> = names
            .iter()
            .map(|name| {
                let words: Vec<String> = fold_words(name).split(' ').map(str::to_owned).collect();
                Known {
                    country: words.iter().find_map(|w| country_of(w)),
                    north: words.iter().any(|w| is_north(w)),
                    name: name.clone(),
                    words,
                }
            })
            .filter(|k| !k.words.iter().all(String::is_empty))
            .collect();
        // Longest names first, so "northern Iraq" wins over "Iraq".
        known.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then(a.name.cmp(&b.name)));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, k) in known.iter().enumerate() {
            by_first.entry(k.words[0].clone()).or_default().push(index);
        }
        Self { known, by_first }
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.known.iter().map(|k| k.name.as_str())
    }
}

fn country_of(word: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(_, _, aliases)| aliases.contains(&word))
        .map(|(key, _, _)| *key)
}

fn is_north(word: &str) -> bool {
    matches!(word, "northern" | "north") || word.starts_with("kuzey")
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegionMention {
    pub tokens: Range<usize>,
    /// Workspace region names, sorted.
    pub regions: Vec<String>,
    pub notes: Vec<String>,
    /// Somewhere fled from, not where the figure happened.
    pub origin: bool,
    /// "in both": the regions named before.
    pub both: bool,
}

enum Item {
    Known(usize),
    Country { key: &'static str, north: bool },
}

/// Every region mention of the sentence.
pub fn find(tokens: &[Token], vocab: &RegionVocab) -> Vec<RegionMention> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(end) = both_at(tokens, i, vocab) {
            found.push(RegionMention {
                tokens: i..end,
                both: true,
                ..RegionMention::default()
            });
            i = end;
            continue;
        }
        let start = if tokens[i].is_word("both") { i + 1 } else { i };
        let Some((mut end, first)) = item_at(tokens, start, vocab) else {
            i += 1;
            continue;
        };
        let mut items = vec![first];
        while let Some(joiner) = tokens.get(end)
            && (joiner.is_word("and") || joiner.is_word("ve") || joiner.is_punct(','))
            && let Some((next_end, item)) = item_at(tokens, end + 1, vocab)
        {
            items.push(item);
            end = next_end;
        }
        // "Irak ve Suriye'nin kuzeyinde": the last word's "kuzey" covers all.
        while tokens.get(end).is_some_and(|t| t.suffix) {
            end += 1;
        }
        let trailing_north = tokens
            .get(end)
            .is_some_and(|t| t.kind == Kind::Word && is_north(&t.fold));
        if trailing_north {
            end += 1;
        }
        let any_north = trailing_north
            || items.iter().any(|it| match it {
                Item::Country { north, .. } => *north,
                Item::Known(index) => vocab.known[*index].north,
            });
        let mut mention = RegionMention {
            tokens: i..end,
            ..RegionMention::default()
        };
        for item in items {
            resolve(item, any_north, vocab, &mut mention);
        }
        mention.regions.sort();
        mention.regions.dedup();
        mention.origin = is_origin(tokens, i, end);
        if !mention.regions.is_empty() {
            found.push(mention);
        }
        i = end;
    }
    found
}

/// "in both regions", "in both" (not followed by a region), "her iki bölgede".
fn both_at(tokens: &[Token], i: usize, vocab: &RegionVocab) -> Option<usize> {
    let t = &tokens[i];
    if t.is_word("both") {
        let next = tokens.get(i + 1);
        if next.is_some_and(|n| n.starts_with("region") || n.starts_with("area")) {
            return Some(i + 2);
        }
        let named_next = item_at(tokens, i + 1, vocab).is_some();
        let word_next = next.is_some_and(|n| n.kind == Kind::Word);
        return (!named_next && !word_next).then_some(i + 1);
    }
    if t.is_word("her")
        && tokens.get(i + 1).is_some_and(|n| n.is_word("iki"))
        && tokens.get(i + 2).is_some_and(|n| n.starts_with("bolge"))
    {
        return Some(i + 3);
    }
    None
}

fn item_at(tokens: &[Token], i: usize, vocab: &RegionVocab) -> Option<(usize, Item)> {
    let word = |j: usize| {
        tokens
            .get(j)
            .filter(|t| t.kind == Kind::Word && !t.suffix)
            .map(|t| t.fold.as_str())
    };
    let candidates = word(i).and_then(|w| vocab.by_first.get(w));
    for &index in candidates.into_iter().flatten() {
        let known = &vocab.known[index];
        if known
            .words
            .iter()
            .enumerate()
            .all(|(k, w)| word(i + k) == Some(w.as_str()))
        {
            let end = i + known.words.len();
            // "northern Iraq" read as the known name, unless it goes on as a
            // list ("northern Iraq and Syria") that the country rule reads.
            return Some((end, Item::Known(index)));
        }
    }
    let w = word(i)?;
    if is_north(w) {
        let mut j = i + 1;
        if word(j) == Some("of") {
            j += 1;
        }
        let key = country_of(word(j)?)?;
        return Some((j + 1, Item::Country { key, north: true }));
    }
    let key = country_of(w)?;
    let mut end = i + 1;
    while tokens.get(end).is_some_and(|t| t.suffix) {
        end += 1;
    }
    let north =
        word(end).is_some_and(is_north) && !tokens.get(end + 1).is_some_and(|t| t.is_word("ve"));
    Some(if north {
        (end + 1, Item::Country { key, north: true })
    } else {
        (end, Item::Country { key, north: false })
    })
}

fn resolve(item: Item, any_north: bool, vocab: &RegionVocab, mention: &mut RegionMention) {
    let (key, north) = match item {
        Item::Known(index) => {
            let known = &vocab.known[index];
            match (known.country, any_north && !known.north) {
                // "Iraq and northern Syria" where the workspace knows "Iraq":
                // the name as written wins.
                (Some(key), true)
                    if vocab
                        .known
                        .iter()
                        .any(|k| k.country == Some(key) && k.north) =>
                {
                    (key, true)
                }
                _ => {
                    mention.regions.push(known.name.clone());
                    return;
                }
            }
        }
        Item::Country { key, north } => (key, north || any_north),
    };
    let of_country: Vec<&Known> = vocab
        .known
        .iter()
        .filter(|k| k.country == Some(key))
        .collect();
    let northern: Vec<&&Known> = of_country.iter().filter(|k| k.north).collect();
    let label = COUNTRIES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, label, _)| label);
    if north && northern.len() == 1 {
        mention.regions.push(northern[0].name.clone());
    } else if of_country.len() == 1 {
        let name = &of_country[0].name;
        if fold(name) != fold(label) {
            mention.notes.push(format!("{label} taken as {name}"));
        }
        mention.regions.push(name.clone());
    } else if of_country.len() > 1 {
        let names: Vec<&str> = of_country.iter().map(|k| k.name.as_str()).collect();
        mention.notes.push(format!(
            "{label} could be any of {}; no region taken",
            names.join(", ")
        ));
    }
}

/// Fled from, escaped from: English "from"/"fled" just before; Turkish
/// ablative (`kuzeyinden`) or "kaçan" just after.
fn is_origin(tokens: &[Token], start: usize, end: usize) -> bool {
    let words: Vec<&Token> = tokens[..start]
        .iter()
        .rev()
        .filter(|t| t.kind == Kind::Word && !t.suffix)
        .take(6)
        .collect();
    let before = words.iter().enumerate().any(|(k, t)| {
        matches!(t.fold.as_str(), "fled" | "escaped" | "fleeing" | "escaping")
            || (k < 4 && t.fold == "from")
    });
    let last = &tokens[end - 1];
    let ablative = (last.fold.ends_with("nden") || last.fold.ends_with("ndan"))
        || (last.suffix && matches!(last.fold.as_str(), "dan" | "den" | "tan" | "ten"));
    let after = tokens[end..tokens.len().min(end + 4)]
        .iter()
        .any(|t| t.starts_with("kac") && !t.suffix);
    before || ablative || after
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn vocab() -> RegionVocab {
        RegionVocab::new(
            &[
                "northern Iraq".to_owned(),
                "northern Syria".to_owned(),
                "Metina".to_owned(),
            ]
            .into(),
        )
    }

    fn mentions(text: &str) -> Vec<(Vec<String>, Vec<String>, bool, bool)> {
        let tokens = tokenize(text, 0..text.len());
        find(&tokens, &vocab())
            .into_iter()
            .map(|m| (m.regions, m.notes, m.origin, m.both))
            .collect()
    }

    fn regions(text: &str) -> Vec<Vec<String>> {
        mentions(text).into_iter().map(|m| m.0).collect()
    }

    #[test]
    fn names_match_ignoring_case_accents_and_turkish_endings() {
        assert_eq!(
            regions("in NORTHERN Iraq; Metina'da"),
            [vec!["northern Iraq"], vec!["Metina"]]
        );
    }

    #[test]
    fn lists_and_turkish_genitives_name_both_regions() {
        let both = vec!["northern Iraq".to_owned(), "northern Syria".to_owned()];
        assert_eq!(
            regions("in northern Iraq and Syria"),
            std::slice::from_ref(&both)
        );
        assert_eq!(
            regions("in both northern Iraq and northern Syria"),
            std::slice::from_ref(&both)
        );
        assert_eq!(
            regions("Irak ve Suriye'nin kuzeyinde"),
            std::slice::from_ref(&both)
        );
        assert_eq!(
            regions("Irak'ın kuzeyinde 381, Suriye'nin kuzeyinde 446"),
            [vec!["northern Iraq"], vec!["northern Syria"]]
        );
        assert_eq!(regions("Kuzey Irak'ta"), [vec!["northern Iraq"]]);
    }

    #[test]
    fn a_country_alone_is_its_only_region_with_a_note() {
        assert_eq!(
            mentions("360 in Iraq"),
            [(
                vec!["northern Iraq".to_owned()],
                vec!["Iraq taken as northern Iraq".to_owned()],
                false,
                false
            )]
        );
        assert_eq!(
            regions("Türkiye's borders, the Iraqi side"),
            Vec::<Vec<String>>::new()
        );
    }

    #[test]
    fn places_fled_from_are_origins_and_both_refers_back() {
        assert!(mentions("who fled from hiding areas in northern Iraq surrendered")[0].2);
        assert!(mentions("Irak'ın kuzeyindeki barınma alanlarından kaçan")[0].2);
        assert!(mentions("Irak'ın kuzeyinden gelen")[0].2);
        assert!(!mentions("Irak'ın kuzeyindeki bölgede")[0].2);
        assert!(mentions("neutralized in both regions.")[0].3);
        assert!(mentions("her iki bölgede 39")[0].3);
    }
}
