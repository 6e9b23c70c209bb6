//! Metric phrases: which words of a sentence name which metric.
//!
//! A phrase is a run of folded words that matches where a word begins; its
//! last word may run on (`neutrali` finds "neutralised" and "neutralized",
//! `yakala` finds "yakalandı", `teslim ol` finds "teslim olduğunu"). The
//! five standard metrics have built-in phrases in English and Turkish; a
//! workspace metric's own `phrases` add to them. Words for what coopdesk
//! does not count ("martyred", "wounded", "destroyed", "seized") are
//! phrases too, so that a number beside them is known not to be a figure.
//!
//! The members of terrorist organisations among those apprehended
//! ("including six members of terrorist organisations", "6'sı terör örgütü
//! mensubu", "3 FETO members") are found by [`member_noun`].

use std::ops::Range;

use super::tokens::{Kind, Token};
use crate::model::{MetricId, Workspace, metric_ids};
use crate::text::fold_words;

/// What a phrase names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Metric(MetricId),
    /// Something coopdesk does not count.
    Untracked,
}

#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<String>,
    target: Target,
}

/// The phrases a text is read with.
#[derive(Clone, Debug, Default)]
pub struct MetricVocab {
    phrases: Vec<Phrase>,
    /// The metric the member rule proposes, when the workspace has it.
    members: Option<MetricId>,
    apprehended: Option<MetricId>,
}

const BUILT_IN: &[(&str, &[&str])] = &[
    (
        metric_ids::NEUTRALISED,
        &["neutrali", "etkisiz hale getir", "etkisiz hale getiril"],
    ),
    (
        metric_ids::APPREHENDED_BORDER,
        &[
            "caught",
            "nabbed",
            "apprehend",
            "detained while",
            "held while",
            "yakala",
        ],
    ),
    (
        metric_ids::PREVENTED_BORDER,
        &[
            "prevent",
            "stopped from",
            "stopped before",
            "blocked from",
            "engelle",
            "engellen",
            "onlen",
        ],
    ),
    (
        metric_ids::SURRENDERED,
        &["surrender", "gave themselves up", "teslim ol"],
    ),
];

#[rustfmt::skip]
const UNTRACKED: &[&str] = &[
    "martyr", "sehit", "wounded", "injured", "yaralan", "destroyed", "imha", "seized", "ele gecir",
    "kullanilamaz", "rendered unusable",
];

impl MetricVocab {
    /// The built-in phrases of the standard metrics the workspace has (all
    /// five when it has no metrics yet), and every metric's own phrases.
    pub fn new(ws: &Workspace) -> Self {
        let has = |id: &str| ws.metrics.is_empty() || ws.metrics.contains(id);
        let mut phrases = Vec::new();
        let mut add = |text: &str, target: Target| {
            let words: Vec<String> = fold_words(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            if !words.is_empty() {
                phrases.push(Phrase { words, target });
            }
        };
        for metric in &ws.metrics {
            for phrase in &metric.phrases {
                add(phrase, Target::Metric(metric.id.clone()));
            }
        }
        for (id, built_in) in BUILT_IN {
            if has(id) {
                for phrase in *built_in {
                    add(phrase, Target::Metric(MetricId::new(*id)));
                }
            }
        }
        for phrase in UNTRACKED {
            add(phrase, Target::Untracked);
        }
        // Longest first: the more specific phrase wins where two match.
        phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        let id = |name: &str| has(name).then(|| MetricId::new(name));
        Self {
            phrases,
            members: id(metric_ids::APPREHENDED_BORDER_TERRORIST_MEMBERS),
            apprehended: id(metric_ids::APPREHENDED_BORDER),
        }
    }

    pub fn members(&self) -> Option<&MetricId> {
        self.members.as_ref()
    }

    pub fn apprehended(&self) -> Option<&MetricId> {
        self.apprehended.as_ref()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricMention {
    pub tokens: Range<usize>,
    pub target: Target,
    /// A Turkish finite verb ("yakalandı", "getirildi") or "-ken" ("while
    /// … was caught"): the end of a clause.
    pub finite: bool,
}

/// Every phrase of the sentence, not overlapping.
pub fn find(tokens: &[Token], vocab: &MetricVocab) -> Vec<MetricMention> {
    let mut found = Vec::new();
    let mut i = 0;
    'tokens: while i < tokens.len() {
        if tokens[i].kind == Kind::Word && !tokens[i].suffix {
            let first = tokens[i].fold.as_bytes().first();
            for phrase in &vocab.phrases {
                // Cheap rejection on the first letter before comparing words.
                if phrase.words[0].as_bytes().first() != first {
                    continue;
                }
                if let Some(end) = phrase_at(tokens, i, &phrase.words) {
                    let last = &tokens[end - 1].fold;
                    let finite = ["di", "du", "ti", "tu", "dir", "tir", "mistir", "mis", "ken"]
                        .iter()
                        .any(|e| last.ends_with(e));
                    found.push(MetricMention {
                        tokens: i..end,
                        target: phrase.target.clone(),
                        finite,
                    });
                    i = end;
                    continue 'tokens;
                }
            }
        }
        i += 1;
    }
    found
}

fn phrase_at(tokens: &[Token], i: usize, words: &[String]) -> Option<usize> {
    let mut j = i;
    for (k, word) in words.iter().enumerate() {
        let t = tokens
            .get(j)
            .filter(|t| t.kind == Kind::Word && !t.suffix)?;
        let last = k + 1 == words.len();
        if !(t.fold == *word || (last && t.fold.starts_with(word.as_str()))) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Whether the words after a number say it counts members of terrorist
/// organisations: "members of terrorist organisations", "FETO members",
/// "terör örgütü mensubu", "FETÖ mensubu" (within five words).
pub fn member_noun(tokens: &[Token], after: usize) -> bool {
    tokens
        .iter()
        .skip(after)
        .filter(|t| t.kind == Kind::Word && !t.suffix)
        .take(5)
        .any(|t| t.fold.starts_with("member") || t.fold.starts_with("mensub") || t.fold == "uyesi")
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::model::Metric;

    fn targets(ws: &Workspace, text: &str) -> Vec<String> {
        let tokens = tokenize(text, 0..text.len());
        find(&tokens, &MetricVocab::new(ws))
            .into_iter()
            .map(|m| match m.target {
                Target::Metric(id) => id.to_string(),
                Target::Untracked => "-".to_owned(),
            })
            .collect()
    }

    #[test]
    fn built_in_phrases_in_english_and_turkish() {
        let ws = crate::store::sample().unwrap();
        assert_eq!(
            targets(
                &ws,
                "“neutralised” and neutralized, etkisiz hâle getirildiğini, nabbed, yakalandı, were prevented, geçişi engellendi, surrendered, teslim olduğunu"
            ),
            [
                "neutralised",
                "neutralised",
                "neutralised",
                "apprehended_border",
                "apprehended_border",
                "prevented_border",
                "prevented_border",
                "surrendered",
                "surrendered"
            ]
        );
        assert_eq!(
            targets(&ws, "two soldiers were martyred, 5 wounded"),
            ["-", "-"]
        );
    }

    #[test]
    fn a_metric_s_own_phrases_are_found_and_its_built_ins_only_when_it_exists() {
        let mut ws = Workspace::default();
        ws.metrics.put(Metric {
            id: MetricId::new("detained"),
            name: "Detained".into(),
            phrases: vec!["gözaltına alın".into(), "detained".into()],
            ..Metric::default()
        });
        assert_eq!(
            targets(&ws, "12 kişi gözaltına alındı, 3 detained, 5 neutralised"),
            ["detained", "detained"]
        );
    }

    #[test]
    fn member_nouns_follow_the_number() {
        let tokens = tokenize("6 members of terrorist organisations", 0..36);
        assert!(member_noun(&tokens, 1));
        let tokens = tokenize("6'sı terör örgütü mensubu 284 şahıs", 0..39);
        assert!(member_noun(&tokens, 1));
        let tokens = tokenize("284 individuals were nabbed", 0..27);
        assert!(!member_noun(&tokens, 1));
    }
}
