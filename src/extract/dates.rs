//! Dates written in a sentence: `April 21`, `January 1, 2024`, `Jan. 1`,
//! `Sept. 12`, `1 January`, `21 Nisan`, `1 Ocak 2025`, `01.05.2024`, and a
//! month with its year (`January 2024`). A date without a year is in the
//! year of the briefing, or the year before when that would put it after
//! the briefing. Their numbers are dates, never figures.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::tokens::{Kind, Token};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub tokens: Range<usize>,
    pub date: NaiveDate,
    /// `January 2024` names a month: `date` is its first day.
    pub month_only: bool,
}

#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10),
    ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12), ("ocak", 1),
    ("subat", 2), ("mart", 3), ("nisan", 4), ("mayis", 5), ("haziran", 6), ("temmuz", 7),
    ("agustos", 8), ("eylul", 9), ("ekim", 10), ("kasim", 11), ("aralik", 12),
];

pub fn month(token: &Token) -> Option<u32> {
    if token.kind != Kind::Word || token.suffix {
        return None;
    }
    MONTHS
        .iter()
        .find(|(m, _)| *m == token.fold)
        .map(|&(_, n)| n)
}

fn small(token: Option<&Token>, max: u32) -> Option<u32> {
    let t = token.filter(|t| t.kind == Kind::Digits && t.fold.len() <= 2)?;
    t.fold.parse().ok().filter(|&n| (1..=max).contains(&n))
}

fn year(token: Option<&Token>) -> Option<i32> {
    let t = token.filter(|t| t.kind == Kind::Digits && t.fold.len() == 4)?;
    t.fold.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// The date `day month` in the briefing's year, or the year before when it
/// would fall after the briefing.
fn in_year(reported_on: NaiveDate, year: Option<i32>, month: u32, day: u32) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => {
            let date = NaiveDate::from_ymd_opt(reported_on.year(), month, day)?;
            if date > reported_on {
                NaiveDate::from_ymd_opt(reported_on.year() - 1, month, day)
            } else {
                Some(date)
            }
        }
    }
}

/// Skips a full stop glued to an abbreviated month (`Jan.`).
fn after_stop(tokens: &[Token], j: usize) -> usize {
    if tokens
        .get(j)
        .is_some_and(|t| t.is_punct('.') && !t.space_before)
    {
        j + 1
    } else {
        j
    }
}

/// A year after `j`, optionally after a comma: `January 1, 2024`.
fn year_after(tokens: &[Token], j: usize) -> Option<(i32, usize)> {
    if let Some(y) = year(tokens.get(j)) {
        return Some((y, j + 1));
    }
    if tokens.get(j).is_some_and(|t| t.is_punct(',')) {
        return year(tokens.get(j + 1)).map(|y| (y, j + 2));
    }
    None
}

/// Every date of the sentence, in order, not overlapping.
pub fn find(tokens: &[Token], reported_on: NaiveDate) -> Vec<DateMention> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match date_at(tokens, i, reported_on) {
            Some(mention) => {
                i = mention.tokens.end;
                found.push(mention);
            }
            None => i += 1,
        }
    }
    found
}

fn date_at(tokens: &[Token], i: usize, reported_on: NaiveDate) -> Option<DateMention> {
    let mention = |end: usize, date: NaiveDate, month_only: bool| DateMention {
        tokens: i..end,
        date,
        month_only,
    };
    // Month day[, year] / month year
    if let Some(m) = month(&tokens[i]) {
        let j = after_stop(tokens, i + 1);
        if let Some(day) = small(tokens.get(j), 31)
            && !tokens.get(j + 1).is_some_and(|t| {
                (t.is_punct(',') || t.is_punct('.'))
                    && !t.space_before
                    && tokens
                        .get(j + 2)
                        .is_some_and(|d| d.kind == Kind::Digits && !d.space_before)
            })
        {
            let mut end = j + 1;
            if tokens.get(end).is_some_and(|t| {
                t.kind == Kind::Word
                    && !t.space_before
                    && matches!(t.fold.as_str(), "st" | "nd" | "rd" | "th")
            }) {
                end += 1;
            }
            let (y, end) = year_after(tokens, end).map_or((None, end), |(y, e)| (Some(y), e));
            return in_year(reported_on, y, m, day).map(|d| mention(end, d, false));
        }
        if let Some(y) = year(tokens.get(j)) {
            return NaiveDate::from_ymd_opt(y, m, 1).map(|d| mention(j + 1, d, true));
        }
        return None;
    }
    // day month [year], or dd.mm.yyyy
    let day = small(tokens.get(i), 31)?;
    let mut j = i + 1;
    // 01.05.2024 or 1/5/2024
    if tokens
        .get(j)
        .is_some_and(|t| t.is_punct('.') || t.is_punct('/'))
        && !tokens[j].space_before
    {
        let m = small(tokens.get(j + 1), 12)?;
        let sep = tokens.get(j + 2)?;
        let y = year(tokens.get(j + 3))?;
        return (sep.fold == tokens[j].fold)
            .then(|| NaiveDate::from_ymd_opt(y, m, day))
            .flatten()
            .map(|d| mention(j + 4, d, false));
    }
    if tokens.get(j).is_some_and(|t| {
        t.kind == Kind::Word
            && !t.space_before
            && matches!(t.fold.as_str(), "st" | "nd" | "rd" | "th")
    }) {
        j += 1;
    }
    if tokens.get(j).is_some_and(|t| t.is_word("of")) {
        j += 1;
    }
    let m = month(tokens.get(j)?)?;
    let end = after_stop(tokens, j + 1);
    let (y, end) = match year(tokens.get(end)) {
        Some(y) => (Some(y), end + 1),
        None => (None, end),
    };
    in_year(reported_on, y, m, day).map(|d| mention(end, d, false))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn dates(text: &str) -> Vec<(String, String)> {
        let tokens = tokenize(text, 0..text.len());
        let reported = NaiveDate::from_ymd_opt(2024, 4, 25).unwrap();
        find(&tokens, reported)
            .into_iter()
            .map(|m| {
                let span = tokens[m.tokens.start].span.start..tokens[m.tokens.end - 1].span.end;
                (text[span].to_owned(), m.date.to_string())
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn english_dates_with_and_without_a_year() {
        assert_eq!(
            dates("on April 21, since January 1, 2024, has risen; since Jan. 1 and on Sept. 12th"),
            [
                pair("April 21", "2024-04-21"),
                pair("January 1, 2024", "2024-01-01"),
                pair("Jan. 1", "2024-01-01"),
                pair("Sept. 12th", "2023-09-12"),
            ]
        );
        assert_eq!(
            dates("since 1 January 2023 and 3rd of March"),
            [
                pair("1 January 2023", "2023-01-01"),
                pair("3rd of March", "2024-03-03")
            ]
        );
    }

    #[test]
    fn turkish_and_numeric_dates() {
        assert_eq!(
            dates("1 Ocak'tan bu yana, 21 Nisan'da, 1 Ocak 2025'ten, 01.05.2024 tarihinde"),
            [
                pair("1 Ocak", "2024-01-01"),
                pair("21 Nisan", "2024-04-21"),
                pair("1 Ocak 2025", "2025-01-01"),
                pair("01.05.2024", "2024-05-01"),
            ]
        );
    }

    #[test]
    fn months_with_a_year_and_impossible_dates() {
        let tokens = tokenize("in January 2024 and on February 30", 0..34);
        let found = find(&tokens, NaiveDate::from_ymd_opt(2024, 4, 25).unwrap());
        assert_eq!(found.len(), 1);
        assert!(found[0].month_only);
        assert_eq!(dates("May 1,427 people"), Vec::<(String, String)>::new());
    }
}
