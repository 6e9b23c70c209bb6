//! One sentence read into figures: which numbers are figures, their metric
//! phrase, the period and region phrases bound to them, and how they hang
//! together (a total and its regional parts, "72 of them in the last
//! week", the members among those apprehended).
//!
//! A sentence is cut into clauses at `;`, `:`, ", and", ", while",
//! ", adding" …, and after a Turkish finite verb ("yakalandı,"). A number
//! takes the nearest metric phrase of its clause; each period and region
//! phrase binds to the nearest figure of its clause (a comma counts as
//! three words). What cannot be decided within the sentence (the period of
//! a total from its parts, "in the same period", "in both") is left to
//! [`super::resolve`].

use std::ops::Range;

use chrono::NaiveDate;

use super::metrics::{self, MetricMention, MetricVocab, Target};
use super::periods::{self, Period, PeriodMention};
use super::regions::{self, RegionMention, RegionVocab};
use super::tokens::{Kind, Token};
use super::{Lang, dates, links, not_figures, numbers, qualifiers};
use crate::model::Qualifier;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Head,
    /// A part of the total `parent` (a region, or "72 of them in the last
    /// week"): its metric, and its period unless it states one.
    Part {
        parent: usize,
    },
    /// Members of terrorist organisations among those apprehended.
    Members {
        parent: usize,
    },
}

/// A figure candidate, before what it inherits is resolved.
#[derive(Clone, Debug)]
pub struct Fig {
    pub sentence: Range<usize>,
    pub span: Range<usize>,
    pub value: u64,
    pub qualifier: Qualifier,
    pub role: Role,
    pub metric: Option<Target>,
    /// The period phrase bound to it.
    pub period: Option<(Period, Option<String>)>,
    /// The clause's (or an earlier clause's) period, for a head with none.
    pub clause_period: Option<(Period, Option<String>)>,
    pub regions: Option<Vec<String>>,
    pub both: bool,
    pub notes: Vec<String>,
}

/// What a sentence holds.
pub struct Read {
    pub figs: Vec<Fig>,
    pub has_metric_phrase: bool,
    pub last_head: Option<usize>,
}

pub struct Context<'a> {
    pub lang: Lang,
    pub reported_on: NaiveDate,
    pub metrics: &'a MetricVocab,
    pub regions: &'a RegionVocab,
    /// Index (in all figures) of the last total, for "Of these, …".
    pub last_head: Option<usize>,
    /// How many figures came before this sentence.
    pub offset: usize,
}

const CLAUSE_WORDS: &[&str] = &[
    "and",
    "while",
    "whereas",
    "but",
    "adding",
    "although",
    "though",
    "meanwhile",
];

pub fn read(text: &str, sentence: Range<usize>, ctx: &Context<'_>) -> Read {
    let tokens = super::tokens::tokenize(text, sentence.clone());
    let found_dates = dates::find(&tokens, ctx.reported_on);
    let found_periods = periods::find(&tokens, &found_dates, ctx.reported_on);
    let found_regions = regions::find(&tokens, ctx.regions);
    // The words of dates, periods and regions ("her iki bölgede") are not
    // numbers.
    let mut consumed = vec![false; tokens.len()];
    let taken = found_dates
        .iter()
        .map(|d| &d.tokens)
        .chain(found_periods.iter().map(|p| &p.tokens))
        .chain(found_regions.iter().map(|r| &r.tokens));
    for range in taken {
        consumed[range.clone()].fill(true);
    }
    let nums: Vec<numbers::Num> = numbers::find(&tokens, ctx.lang, &consumed)
        .into_iter()
        .filter(|n| not_figures::not_a_figure(&tokens, n).is_none())
        .collect();
    let found_metrics = metrics::find(&tokens, ctx.metrics);
    let clause = clauses(&tokens, &found_metrics);
    let gaps = Gaps::new(&tokens);
    let distance = |a: &Range<usize>, b: &Range<usize>| gaps.between(a, b);

    let mut figs: Vec<Fig> = nums
        .iter()
        .map(|n| {
            let span = tokens[n.tokens.start].span.start..tokens[n.tokens.end - 1].span.end;
            let metric = found_metrics
                .iter()
                .filter(|m| clause[m.tokens.start] == clause[n.tokens.start])
                .min_by_key(|m| {
                    (
                        distance(&n.tokens, &m.tokens),
                        m.tokens.start < n.tokens.start,
                    )
                })
                .filter(|m| distance(&n.tokens, &m.tokens) <= 30)
                .map(|m| m.target.clone());
            Fig {
                sentence: sentence.clone(),
                span,
                value: n.value,
                qualifier: qualifiers::qualifier(&tokens, n),
                role: Role::Head,
                metric,
                period: None,
                clause_period: None,
                regions: None,
                both: false,
                notes: Vec::new(),
            }
        })
        .collect();
    let at = |k: usize| &nums[k].tokens;

    // Regions and periods bind to the nearest figure of their clause.
    let nearest = |range: &Range<usize>, prefer_after: bool| {
        (0..nums.len())
            .filter(|&k| clause[at(k).start] == clause[range.start])
            .min_by_key(|&k| {
                (
                    distance(at(k), range),
                    (at(k).start > range.start) != prefer_after,
                )
            })
    };
    // English puts a region after its number ("381 in northern Iraq and 446
    // in northern Syria"): the closest figure before it in the clause, else
    // the first after it. Turkish, either side: the nearest.
    let closest_before = |range: &Range<usize>| {
        (0..nums.len())
            .rev()
            .find(|&k| at(k).end <= range.start && clause[at(k).start] == clause[range.start])
    };
    for mention in found_regions.iter().filter(|m| !m.origin) {
        let english = (ctx.lang == Lang::En)
            .then(|| closest_before(&mention.tokens))
            .flatten();
        if let Some(k) = english.or_else(|| nearest(&mention.tokens, ctx.lang == Lang::Tr)) {
            bind_region(&mut figs[k], mention);
        }
    }
    let usable: Vec<&PeriodMention> = found_periods.iter().filter(|p| !p.reporting).collect();
    // Closest pairs first, one period per figure: in "1,427 … since the
    // beginning of the year, 72 of them in the last week" the week goes to
    // 72 and the year to 1,427.
    let mut pairs: Vec<(usize, bool, usize, usize)> = Vec::new();
    for (p, period) in usable.iter().enumerate() {
        for k in (0..nums.len()).filter(|&k| clause[at(k).start] == clause[period.tokens.start]) {
            pairs.push((
                distance(at(k), &period.tokens),
                at(k).start < period.tokens.start,
                p,
                k,
            ));
        }
    }
    pairs.sort_unstable();
    let mut period_taken = vec![false; usable.len()];
    for (_, _, p, k) in pairs {
        if !period_taken[p] && figs[k].period.is_none() {
            period_taken[p] = true;
            figs[k].period = Some((usable[p].period.clone(), usable[p].note.clone()));
        }
    }
    for (k, fig) in figs.iter_mut().enumerate() {
        let own = clause[at(k).start];
        let in_clause = usable
            .iter()
            .filter(|p| clause[p.tokens.start] == own)
            .min_by_key(|p| distance(at(k), &p.tokens));
        let earlier = usable.iter().rev().find(|p| clause[p.tokens.start] < own);
        fig.clause_period = in_clause
            .or(earlier)
            .map(|p| (p.period.clone(), p.note.clone()));
    }

    let last_head = links::link(&tokens, &gaps, &nums, &clause, &mut figs, ctx);
    let has_metric_phrase = found_metrics
        .iter()
        .any(|m| matches!(m.target, Target::Metric(_)));
    Read {
        figs,
        has_metric_phrase,
        last_head,
    }
}

fn bind_region(fig: &mut Fig, mention: &RegionMention) {
    if mention.both {
        fig.both = true;
        return;
    }
    let regions = fig.regions.get_or_insert_with(Vec::new);
    regions.extend(mention.regions.iter().cloned());
    regions.sort();
    regions.dedup();
    fig.notes.extend(mention.notes.iter().cloned());
}

/// Words that bind nothing: they do not count in [`gap`].
const LIGHT: &[&str] = &[
    "the", "in", "over", "during", "within", "for", "at", "of", "them", "whom", "these",
];

/// Words between token ranges, a comma counting three and light words
/// ("of them in the") nothing; prefix sums make each gap one subtraction.
pub(super) struct Gaps(Vec<usize>);

impl Gaps {
    pub fn new(tokens: &[Token]) -> Self {
        let mut sums = Vec::with_capacity(tokens.len() + 1);
        let mut total = 0;
        sums.push(0);
        for t in tokens {
            total += match t.kind {
                Kind::Punct if t.fold == "," || t.fold == ";" => 3,
                Kind::Punct => 0,
                _ if t.suffix || LIGHT.contains(&t.fold.as_str()) => 0,
                _ => 1,
            };
            sums.push(total);
        }
        Self(sums)
    }

    pub fn between(&self, a: &Range<usize>, b: &Range<usize>) -> usize {
        let (from, to) = if a.end <= b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start.max(b.end))
        };
        self.0[to] - self.0[from]
    }
}

/// The clause of every token.
fn clauses(tokens: &[Token], metrics: &[MetricMention]) -> Vec<usize> {
    let mut clause = vec![0; tokens.len()];
    let mut current = 0;
    let finite_ends: Vec<usize> = metrics
        .iter()
        .filter(|m| m.finite)
        .map(|m| m.tokens.end)
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        let next_word = tokens
            .get(i + 1)
            .is_some_and(|n| CLAUSE_WORDS.contains(&n.fold.as_str()) && n.kind == Kind::Word);
        let after_finite =
            finite_ends.contains(&i) && (t.is_punct(',') || t.is_word("ve") || t.is_punct(';'));
        if (t.is_punct(',') && next_word) || after_finite {
            current += 1;
        }
        clause[i] = current;
        if t.is_punct(';') || t.is_punct(':') {
            current += 1;
        }
    }
    clause
}
