//! Reading a briefing: from the text of a press report to proposed figures,
//! each with the sentence it came from, for a person to check and confirm.
//!
//! Deterministic and rule-based, so every proposal can be explained: the
//! text is cut into sentences ([`sentences`]) and tokens ([`tokens`]);
//! numbers ([`numbers`], less those that are not figures:
//! [`not_figures`]), dates ([`dates`]), periods relative to the reported-on
//! date ([`periods`]), metric phrases ([`metrics`]), regions ([`regions`])
//! and qualifiers ([`qualifiers`]) are found in each sentence; [`figures`]
//! decides which number each phrase belongs to, [`links`] how figures hang
//! together (a total and its parts, the members among the apprehended);
//! [`resolve`] settles what they inherit across sentences. A number that cannot be placed is
//! reported, never guessed into a figure. Pure: text in, proposals out.

mod dates;
mod figures;
mod links;
mod metrics;
mod not_figures;
mod numbers;
mod periods;
mod qualifiers;
mod regions;
mod resolve;
mod sentences;
mod tokens;

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;

use crate::model::{MetricId, Observation, Qualifier, Workspace};

/// The language of a briefing: decides how number words are read ("on" is
/// ten in Turkish) and how region phrases bind. Phrases of both languages
/// are always looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Tr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Tr => "tr",
        }
    }

    /// Turkish when Turkish letters and words outnumber English words.
    pub fn detect(text: &str) -> Self {
        let sample: String = text.chars().take(20_000).collect();
        let letters = sample
            .chars()
            .filter(|c| "şğıİçöüŞĞÇÖÜ".contains(*c))
            .count();
        let (mut tr, mut en) = (letters, 0);
        for word in crate::text::fold_words(&sample).split(' ') {
            match word {
                "ve" | "bir" | "bu" | "ile" | "icin" | "olarak" | "son" | "yana" | "olmak"
                | "uzere" | "terorist" | "sayisi" => tr += 2,
                "the" | "and" | "of" | "were" | "was" | "have" | "has" | "since" | "week"
                | "terrorists" => en += 2,
                _ => {}
            }
        }
        if tr > en { Self::Tr } else { Self::En }
    }
}

/// The metrics and regions a text is read against.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    metrics: metrics::MetricVocab,
    regions: regions::RegionVocab,
}

impl Vocabulary {
    /// The workspace's metrics (their phrases, and the built-in phrases of
    /// the standard metrics it has, or of all five when it has none) and
    /// the regions its figures name.
    pub fn new(ws: &Workspace) -> Self {
        let names: BTreeSet<String> = ws
            .observations
            .iter()
            .flat_map(|o| o.regions.iter().cloned())
            .collect();
        Self {
            metrics: metrics::MetricVocab::new(ws),
            regions: regions::RegionVocab::new(&names),
        }
    }

    pub fn region_names(&self) -> impl Iterator<Item = &str> {
        self.regions.names()
    }
}

/// One proposed figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub metric: MetricId,
    /// Workspace region names, sorted; empty: all regions.
    pub regions: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub value: u64,
    pub qualifier: Qualifier,
    /// The sentence it comes from, on one line (runs of white space, line
    /// breaks included, as one space).
    pub quote: String,
    /// Byte span of the number in the text.
    pub span: Range<usize>,
    /// What was inferred ("Iraq taken as northern Iraq").
    pub notes: Vec<String>,
}

impl Proposal {
    /// The figure as a (not yet identified) observation reported on `reported_on`.
    pub fn to_observation(&self, reported_on: NaiveDate) -> Observation {
        Observation {
            metric: self.metric.clone(),
            regions: self.regions.clone(),
            start: self.start,
            end: self.end,
            value: self.value,
            qualifier: self.qualifier,
            reported_on: Some(reported_on),
            note: self.notes.join("; "),
            ..Observation::default()
        }
    }
}

/// A sentence holding numbers that were not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    pub quote: String,
    /// Byte span of the sentence in the text.
    pub sentence: Range<usize>,
    /// Byte spans of the numbers not placed.
    pub numbers: Vec<Range<usize>>,
    pub reason: String,
}

/// What reading a text gave.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub lang: Lang,
    pub proposals: Vec<Proposal>,
    pub unplaced: Vec<Unplaced>,
    pub sentences: usize,
    /// Numbers that could have been figures (not dates, years or counts of
    /// something else).
    pub numbers: usize,
    /// Whether the text has any digit at all.
    digits: bool,
    empty: bool,
}

impl Extraction {
    /// Why there are no proposals, or `None` when there are some.
    pub fn why_none(&self) -> Option<String> {
        if !self.proposals.is_empty() {
            return None;
        }
        Some(if self.empty {
            "the text is empty".to_owned()
        } else if self.numbers == 0 && !self.digits {
            "the text holds no numbers".to_owned()
        } else if self.numbers == 0 {
            "its numbers are all dates, years or counts of other things (targets, caves, kilometres, ages)".to_owned()
        } else {
            format!(
                "none of its {} numbers stands near a phrase naming a metric (neutralised, apprehended, prevented, surrendered, or a metric's own phrases)",
                self.numbers
            )
        })
    }
}

/// Reads `text`, a briefing reported on `reported_on`, against
/// `vocabulary`, in `lang` (detected when `None`).
pub fn extract(
    text: &str,
    reported_on: NaiveDate,
    vocabulary: &Vocabulary,
    lang: Option<Lang>,
) -> Extraction {
    extract_with_progress(text, reported_on, vocabulary, lang, &Progress::default())
}

/// How far reading a text has got, and a way to stop it: a long text is
/// read off the UI thread, with a progress bar and Cancel.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes of the text read so far.
    read: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Bytes of the text read so far.
    pub fn read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    /// Stops the reading at its next sentence.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// [`extract`], reporting its progress in `progress`; once cancelled, it
/// stops and returns what the sentences read before gave.
pub fn extract_with_progress(
    text: &str,
    reported_on: NaiveDate,
    vocabulary: &Vocabulary,
    lang: Option<Lang>,
    progress: &Progress,
) -> Extraction {
    let lang = lang.unwrap_or_else(|| Lang::detect(text));
    let sentences = sentences::split(text);
    let mut figs: Vec<figures::Fig> = Vec::new();
    let mut without_phrase: HashSet<usize> = HashSet::new();
    let mut last_head = None;
    for sentence in &sentences {
        if progress.is_cancelled() {
            break;
        }
        progress.read.store(sentence.start, Ordering::Relaxed);
        let ctx = figures::Context {
            lang,
            reported_on,
            metrics: &vocabulary.metrics,
            regions: &vocabulary.regions,
            last_head,
            offset: figs.len(),
        };
        let read = figures::read(text, sentence.clone(), &ctx);
        if !read.has_metric_phrase {
            without_phrase.insert(sentence.start);
        }
        last_head = read.last_head;
        figs.extend(read.figs);
    }
    let numbers = figs.len();
    let mut resolver = resolve::Resolver::new(&figs, reported_on);
    let regions = resolver.regions();
    let mut proposals = Vec::new();
    let mut unplaced: Vec<Unplaced> = Vec::new();
    let mut seen = HashSet::new();
    for (i, fig) in figs.iter().enumerate() {
        let Some(metric) = resolver.metric(i) else {
            if fig.metric.is_none() {
                add_unplaced(
                    &mut unplaced,
                    text,
                    fig,
                    without_phrase.contains(&fig.sentence.start),
                );
            }
            continue;
        };
        let (start, end, period_note) = resolver.period(i);
        let key = (metric.clone(), regions[i].clone(), start, end, fig.value);
        if !seen.insert(key) {
            continue;
        }
        let mut notes = fig.notes.clone();
        if let Some(note) = period_note {
            notes.push(note);
        }
        notes.dedup();
        proposals.push(Proposal {
            metric: metric.clone(),
            regions: regions[i].clone(),
            start,
            end,
            value: fig.value,
            qualifier: fig.qualifier,
            quote: one_line(&text[fig.sentence.clone()]),
            span: fig.span.clone(),
            notes,
        });
    }
    progress.read.store(text.len(), Ordering::Relaxed);
    Extraction {
        lang,
        proposals,
        unplaced,
        sentences: sentences.len(),
        numbers,
        digits: text.bytes().any(|b| b.is_ascii_digit()),
        empty: text.trim().is_empty(),
    }
}

/// The date a text says it was given, to start the reported-on date from:
/// the first full date (day, month and year) in its first three sentences
/// that does not open a period ("since 1 January 2024", "1 Ocak 2024'ten
/// bu yana"). `None` when it states none, and the reader is asked.
pub fn stated_date(text: &str) -> Option<NaiveDate> {
    let any_year = NaiveDate::from_ymd_opt(2100, 12, 31)?;
    // Sentences are cut near 2,000 bytes, so the first three lie well
    // within this: the rest of a long text need not be split.
    let text = &text[..text.floor_char_boundary(8 * sentences::MAX_SENTENCE_BYTES)];
    for sentence in sentences::split(text).into_iter().take(3) {
        let tokens = tokens::tokenize(text, sentence);
        for mention in dates::find(&tokens, any_year) {
            let range = mention.tokens.clone();
            let has_year = tokens[range.clone()]
                .iter()
                .any(|t| t.kind == tokens::Kind::Digits && t.fold.len() == 4);
            let before = range.start.checked_sub(1).map(|i| tokens[i].fold.as_str());
            let opens_period = matches!(before, Some("since" | "from" | "until"))
                || tokens.get(range.end).is_some_and(|t| {
                    t.suffix && matches!(t.fold.as_str(), "dan" | "den" | "tan" | "ten")
                });
            if has_year && !mention.month_only && !opens_period {
                return Some(mention.date);
            }
        }
    }
    None
}

fn one_line(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn add_unplaced(unplaced: &mut Vec<Unplaced>, text: &str, fig: &figures::Fig, no_phrase: bool) {
    if let Some(last) = unplaced.last_mut()
        && last.sentence == fig.sentence
    {
        last.numbers.push(fig.span.clone());
        return;
    }
    unplaced.push(Unplaced {
        quote: one_line(&text[fig.sentence.clone()]),
        sentence: fig.sentence.clone(),
        numbers: vec![fig.span.clone()],
        reason: if no_phrase {
            "no phrase naming a metric in the sentence".to_owned()
        } else {
            "not near a phrase naming a metric".to_owned()
        },
    });
}

#[cfg(test)]
mod tests;
