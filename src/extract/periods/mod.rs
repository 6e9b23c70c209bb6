//! Periods relative to the reported-on date: "past week" (the seven days
//! ending that date), "past two weeks", "since the beginning of the year",
//! "this year", "since January 1, 2024", "in 2024", "in the past year"
//! (said in January: the year just ended), "on April 21", "on Monday", "in
//! the same period"; Turkish "son bir haftada", "son iki haftada",
//! "yılbaşından bu yana", "1 Ocak'tan bu yana", "2024 yılında", "3 Mart'ta",
//! "aynı dönemde".
//!
//! Patterns are folded words; `#n` is a small count (`2`, `two`, `iki`),
//! `#y` a year, `#d` a date, `#m` a month with its year or a month name,
//! `#w` a weekday, `~abl` / `~loc` a Turkish ablative / locative ending.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::dates::{self, DateMention};
use super::tokens::{Kind, Token};

mod rules;

use rules::{COUNTS, Captured, PATTERNS, REPORTING, Rule, WEEKDAYS, resolve};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Period {
    Range {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// "in the same period": that of the figure before.
    Same,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodMention {
    pub tokens: Range<usize>,
    pub period: Period,
    pub note: Option<String>,
    /// "the ministry said on Thursday": when it was said, not a period.
    pub reporting: bool,
}

/// The patterns that can start at a word: those whose first element is
/// that word, and those that start with a placeholder; in table order.
struct Starts {
    by_word: HashMap<&'static str, Vec<usize>>,
    placeholders: Vec<usize>,
}

fn starts() -> &'static Starts {
    static STARTS: OnceLock<Starts> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut by_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut placeholders = Vec::new();
        for (index, (pattern, _)) in PATTERNS.iter().enumerate() {
            let first = pattern.split(' ').next().unwrap_or(pattern);
            if first.starts_with(['#', '~']) {
                placeholders.push(index);
            } else {
                by_word.entry(first).or_default().push(index);
            }
        }
        Starts {
            by_word,
            placeholders,
        }
    })
}

/// Every period phrase of the sentence, in order, longest first where two
/// start at the same word.
pub fn find(tokens: &[Token], dates: &[DateMention], reported_on: NaiveDate) -> Vec<PeriodMention> {
    let starts = starts();
    let mut found = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut i = 0;
    'tokens: while i < tokens.len() {
        let token = &tokens[i];
        candidates.clear();
        if token.kind == Kind::Word && !token.suffix {
            candidates.extend(
                starts
                    .by_word
                    .get(token.fold.as_str())
                    .into_iter()
                    .flatten(),
            );
        }
        let weekday = || WEEKDAYS.iter().any(|(w, _)| *w == token.fold);
        if token.kind == Kind::Digits || dates::month(token).is_some() || weekday() {
            candidates.extend(starts.placeholders.iter().copied());
        }
        candidates.sort_unstable();
        for &index in &candidates {
            let (pattern, rule) = PATTERNS[index];
            if let Some((end, captured)) = matches(tokens, dates, i, pattern)
                && let Some((period, note)) = resolve(rule, &captured, reported_on)
            {
                let reporting = matches!(rule, Rule::Day | Rule::Weekday | Rule::Today)
                    && near_reporting(tokens, i, end);
                found.push(PeriodMention {
                    tokens: i..end,
                    period,
                    note,
                    reporting,
                });
                i = end;
                continue 'tokens;
            }
        }
        i += 1;
    }
    found
}

fn matches(
    tokens: &[Token],
    dates: &[DateMention],
    start: usize,
    pattern: &str,
) -> Option<(usize, Captured)> {
    let mut captured = Captured::default();
    let mut j = start;
    for element in pattern.split(' ') {
        let token = tokens.get(j)?;
        j = match element {
            "#n" => {
                let n = match token.kind {
                    Kind::Digits => token.fold.parse().ok().filter(|n| (1..=99).contains(n)),
                    _ => COUNTS
                        .iter()
                        .find(|(w, _)| *w == token.fold)
                        .map(|&(_, n)| n),
                };
                captured.count = Some(n?);
                j + 1
            }
            "#y" => {
                let y = (token.kind == Kind::Digits && token.fold.len() == 4)
                    .then(|| token.fold.parse().ok())
                    .flatten()
                    .filter(|y| (1900..=2100).contains(y));
                captured.year = Some(y?);
                j + 1
            }
            "#d" | "#m" => {
                let month_only = element == "#m";
                if let Some(d) = dates
                    .iter()
                    .find(|d| d.tokens.start == j && d.month_only == month_only)
                {
                    captured.date = Some(d.clone());
                    d.tokens.end
                } else if month_only && !token.suffix {
                    let month = dates::month(token)?;
                    let date = NaiveDate::from_ymd_opt(0, month, 1)?;
                    captured.date = Some(DateMention {
                        tokens: j..j + 1,
                        date,
                        month_only: true,
                    });
                    j + 1
                } else {
                    return None;
                }
            }
            "#w" => {
                captured.weekday = Some(WEEKDAYS.iter().find(|(w, _)| *w == token.fold)?.1);
                j + 1
            }
            "~abl" => (token.suffix
                && matches!(token.fold.as_str(), "dan" | "den" | "tan" | "ten"))
            .then_some(j + 1)?,
            "~loc" => (token.suffix && matches!(token.fold.as_str(), "da" | "de" | "ta" | "te"))
                .then_some(j + 1)?,
            word => (token.kind == Kind::Word && !token.suffix && token.fold == word)
                .then_some(j + 1)?,
        };
    }
    Some((j, captured))
}

fn near_reporting(tokens: &[Token], start: usize, end: usize) -> bool {
    let before = tokens[start.saturating_sub(3)..start].iter();
    let after = tokens[end..tokens.len().min(end + 3)].iter();
    before
        .chain(after)
        .any(|t| t.kind == Kind::Word && REPORTING.iter().any(|r| t.fold.starts_with(r)))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn periods(text: &str, reported: &str) -> Vec<String> {
        let tokens = tokenize(text, 0..text.len());
        let d = NaiveDate::parse_from_str(reported, "%Y-%m-%d").unwrap();
        let dates = dates::find(&tokens, d);
        find(&tokens, &dates, d)
            .into_iter()
            .map(|p| match p.period {
                Period::Range { start, end } if p.reporting => format!("said {start}..{end}"),
                Period::Range { start, end } => format!("{start}..{end}"),
                Period::Same => "same".to_owned(),
            })
            .collect()
    }

    #[test]
    fn weeks_end_on_the_reported_on_date() {
        assert_eq!(
            periods("over the past week", "2024-04-25"),
            ["2024-04-19..2024-04-25"]
        );
        assert_eq!(
            periods("in the past two weeks", "2024-03-07"),
            ["2024-02-23..2024-03-07"]
        );
        assert_eq!(
            periods("son bir haftada ve son iki haftada", "2024-03-07"),
            ["2024-03-01..2024-03-07", "2024-02-23..2024-03-07"]
        );
    }

    #[test]
    fn years_to_date_and_since_a_date() {
        let ytd = ["2024-01-01..2024-05-02"];
        for text in [
            "since the beginning of the year",
            "this year",
            "since January 1, 2024",
            "since 1 January",
            "yılbaşından bu yana",
            "1 Ocak'tan bu yana",
            "Bu yıl",
            "in 2024",
        ] {
            assert_eq!(periods(text, "2024-05-02"), ytd, "{text}");
        }
        assert_eq!(
            periods("1 Ocak 2025'ten bu yana", "2025-03-13"),
            ["2025-01-01..2025-03-13"]
        );
    }

    #[test]
    fn whole_years_and_the_past_year_said_in_january() {
        assert_eq!(periods("in 2024", "2025-01-02"), ["2024-01-01..2024-12-31"]);
        assert_eq!(
            periods("2023 yılında", "2024-01-04"),
            ["2023-01-01..2023-12-31"]
        );
        assert_eq!(
            periods("in the past year", "2025-01-02"),
            ["2024-01-01..2024-12-31"]
        );
        assert_eq!(
            periods("in the past year", "2024-07-18"),
            ["2023-07-19..2024-07-18"]
        );
        assert_eq!(
            periods("geçen yıl", "2024-01-04"),
            ["2023-01-01..2023-12-31"]
        );
    }

    #[test]
    fn single_days_and_the_day_it_was_said() {
        assert_eq!(
            periods("surrendered on April 21", "2024-04-25"),
            ["2024-04-21..2024-04-21"]
        );
        assert_eq!(
            periods("3 Mart'ta teslim oldu", "2024-03-07"),
            ["2024-03-03..2024-03-03"]
        );
        assert_eq!(
            periods("the ministry said on Thursday", "2024-04-25"),
            ["said 2024-04-25..2024-04-25"]
        );
        assert_eq!(
            periods("surrendered on Monday", "2024-04-25"),
            ["2024-04-22..2024-04-22"]
        );
    }

    #[test]
    fn the_same_period_refers_back() {
        assert_eq!(periods("in the same period", "2024-04-25"), ["same"]);
        assert_eq!(periods("aynı dönemde", "2024-04-25"), ["same"]);
    }
}
