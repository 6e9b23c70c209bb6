//! The period patterns and what each means: a table of folded-word
//! patterns (see the parent module for the elements) with the rule that
//! turns what they captured into dates.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::super::dates::DateMention;
use super::Period;

#[derive(Clone, Copy)]
pub(super) enum Rule {
    Days(u64),
    Weeks,
    DaysN,
    YearToDate,
    Since,
    Year,
    PastYear,
    LastYear,
    Day,
    Weekday,
    Same,
    Month,
    LastMonth,
    ThisMonth,
    Yesterday,
    Today,
}

pub(super) const PATTERNS: &[(&str, Rule)] = &[
    ("since the beginning of the new year", Rule::YearToDate),
    ("since the start of the new year", Rule::YearToDate),
    ("since the beginning of this year", Rule::YearToDate),
    ("since the start of this year", Rule::YearToDate),
    ("since the beginning of the year", Rule::YearToDate),
    ("since the start of the year", Rule::YearToDate),
    ("from the beginning of the year", Rule::YearToDate),
    ("since the beginning of #y", Rule::Since),
    ("since the start of #y", Rule::Since),
    ("so far this year", Rule::YearToDate),
    ("so far in #y", Rule::Since),
    ("year to date", Rule::YearToDate),
    ("this year", Rule::YearToDate),
    ("since new year", Rule::YearToDate),
    ("since #d", Rule::Since),
    ("since #m", Rule::Since),
    ("since #y", Rule::Since),
    ("past #n weeks", Rule::Weeks),
    ("last #n weeks", Rule::Weeks),
    ("previous #n weeks", Rule::Weeks),
    ("past #n days", Rule::DaysN),
    ("last #n days", Rule::DaysN),
    ("past fortnight", Rule::Days(14)),
    ("past week", Rule::Days(7)),
    ("last week", Rule::Days(7)),
    ("previous week", Rule::Days(7)),
    ("this week", Rule::Days(7)),
    ("during the week", Rule::Days(7)),
    ("over the week", Rule::Days(7)),
    ("same period", Rule::Same),
    ("same week", Rule::Days(7)),
    ("same time frame", Rule::Same),
    ("past twelve months", Rule::PastYear),
    ("past #n months", Rule::PastYear),
    ("past year", Rule::PastYear),
    ("last year", Rule::LastYear),
    ("previous year", Rule::LastYear),
    ("in the year #y", Rule::Year),
    ("in #y", Rule::Year),
    ("during #y", Rule::Year),
    ("throughout #y", Rule::Year),
    ("on #d", Rule::Day),
    ("on #w", Rule::Weekday),
    ("in #m", Rule::Month),
    ("during #m", Rule::Month),
    ("last month", Rule::LastMonth),
    ("this month", Rule::ThisMonth),
    ("yesterday", Rule::Yesterday),
    ("today", Rule::Today),
    // Turkish
    ("bu yilin basindan bu yana", Rule::YearToDate),
    ("yeni yilin basindan bu yana", Rule::YearToDate),
    ("yilin basindan bu yana", Rule::YearToDate),
    ("yilin basindan itibaren", Rule::YearToDate),
    ("yil basindan bu yana", Rule::YearToDate),
    ("yil basindan itibaren", Rule::YearToDate),
    ("yilbasindan bu yana", Rule::YearToDate),
    ("yilbasindan itibaren", Rule::YearToDate),
    ("yeni yildan bu yana", Rule::YearToDate),
    ("#y yili basindan bu yana", Rule::Since),
    ("#y basindan bu yana", Rule::Since),
    ("#d ~abl bu yana", Rule::Since),
    ("#d ~abl itibaren", Rule::Since),
    ("#m ~abl bu yana", Rule::Since),
    ("#m ayindan bu yana", Rule::Since),
    ("bu yil", Rule::YearToDate),
    ("son bir hafta icinde", Rule::Days(7)),
    ("son #n hafta icinde", Rule::Weeks),
    ("son #n haftada", Rule::Weeks),
    ("son bir haftada", Rule::Days(7)),
    ("son haftada", Rule::Days(7)),
    ("gectigimiz hafta", Rule::Days(7)),
    ("gecen hafta", Rule::Days(7)),
    ("bu hafta", Rule::Days(7)),
    ("son #n gunde", Rule::DaysN),
    ("son #n gun icinde", Rule::DaysN),
    ("ayni donemde", Rule::Same),
    ("ayni surede", Rule::Same),
    ("ayni sure icinde", Rule::Same),
    ("ayni tarihlerde", Rule::Same),
    ("ayni hafta", Rule::Days(7)),
    ("son bir yilda", Rule::PastYear),
    ("son bir yil icinde", Rule::PastYear),
    ("gectigimiz yil", Rule::LastYear),
    ("gecen yil", Rule::LastYear),
    ("#y yili boyunca", Rule::Year),
    ("#y yili icinde", Rule::Year),
    ("#y yilinda", Rule::Year),
    ("#y yilinin", Rule::Year),
    ("#y yili", Rule::Year),
    ("#y ~loc", Rule::Year),
    ("#d tarihinde", Rule::Day),
    ("#d ~loc", Rule::Day),
    ("#w gunu", Rule::Weekday),
    ("#m ayinda", Rule::Month),
    ("gecen ay", Rule::LastMonth),
    ("bu ay", Rule::ThisMonth),
    ("dun", Rule::Yesterday),
    ("bugun", Rule::Today),
];

#[rustfmt::skip]
pub(super) const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon), ("tuesday", Weekday::Tue), ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu), ("friday", Weekday::Fri), ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun), ("pazartesi", Weekday::Mon), ("sali", Weekday::Tue),
    ("carsamba", Weekday::Wed), ("persembe", Weekday::Thu), ("cuma", Weekday::Fri),
    ("cumartesi", Weekday::Sat), ("pazar", Weekday::Sun),
];

#[rustfmt::skip]
pub(super) const COUNTS: &[(&str, u64)] = &[
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("twelve", 12), ("bir", 1), ("iki", 2), ("uc", 3),
    ("dort", 4), ("bes", 5), ("alti", 6), ("yedi", 7), ("sekiz", 8), ("dokuz", 9), ("on", 10),
];

/// Words near a date that make it the date of the statement.
#[rustfmt::skip]
pub(super) const REPORTING: &[&str] = &[
    "said", "says", "announced", "stated", "added", "told", "noted", "declared", "reported",
    "briefing", "statement", "yapilan", "duzenlenen", "acikla", "bildir", "dedi", "toplanti",
];

/// What a pattern element captured.
#[derive(Default)]
pub(super) struct Captured {
    pub count: Option<u64>,
    pub year: Option<i32>,
    pub date: Option<DateMention>,
    pub weekday: Option<Weekday>,
}

fn day(date: NaiveDate, back: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

fn jan1(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

type Resolved = (Period, Option<String>);

fn range(start: NaiveDate, end: NaiveDate) -> Period {
    Period::Range { start, end }
}

pub(super) fn resolve(rule: Rule, c: &Captured, d: NaiveDate) -> Option<Resolved> {
    let plain = |start, end| Some((range(start, end), None));
    match rule {
        Rule::Days(n) => plain(day(d, n - 1), d),
        Rule::Weeks => plain(day(d, 7 * c.count? - 1), d),
        Rule::DaysN => plain(day(d, c.count? - 1), d),
        Rule::YearToDate => plain(jan1(d.year())?, d),
        Rule::Since => {
            let start = match (&c.date, c.year) {
                (Some(m), _) if m.date.year() == 0 => {
                    NaiveDate::from_ymd_opt(d.year(), m.date.month(), 1)?
                }
                (Some(m), _) => m.date,
                (None, Some(y)) => jan1(y)?,
                (None, None) => return None,
            };
            (start <= d).then(|| (range(start, d), None))
        }
        Rule::Year => {
            let y = c.year?;
            match y.cmp(&d.year()) {
                std::cmp::Ordering::Less => plain(jan1(y)?, NaiveDate::from_ymd_opt(y, 12, 31)?),
                std::cmp::Ordering::Equal => Some((
                    range(jan1(y)?, d),
                    Some(format!("{y} taken as the year to {d}")),
                )),
                std::cmp::Ordering::Greater => None,
            }
        }
        Rule::LastYear => plain(
            jan1(d.year() - 1)?,
            NaiveDate::from_ymd_opt(d.year() - 1, 12, 31)?,
        ),
        Rule::PastYear if d.month() == 1 => Some((
            range(
                jan1(d.year() - 1)?,
                NaiveDate::from_ymd_opt(d.year() - 1, 12, 31)?,
            ),
            Some(format!(
                "\"the past year\", said in January, taken as {}",
                d.year() - 1
            )),
        )),
        Rule::PastYear => {
            let start = d.checked_sub_months(Months::new(12))?.succ_opt()?;
            Some((
                range(start, d),
                Some(format!("\"the past year\" taken as the 12 months to {d}")),
            ))
        }
        Rule::Day => {
            let m = c.date.as_ref()?;
            (m.date <= d).then(|| (range(m.date, m.date), None))
        }
        Rule::Weekday => {
            let back =
                (7 + d.weekday().num_days_from_monday() - c.weekday?.num_days_from_monday()) % 7;
            let date = day(d, u64::from(back));
            Some((
                range(date, date),
                Some(format!("taken as {}", date.format("%A %-d %B %Y"))),
            ))
        }
        Rule::Same => Some((Period::Same, None)),
        Rule::Month | Rule::ThisMonth | Rule::LastMonth => {
            let first = match rule {
                Rule::Month => {
                    let m = c.date.as_ref()?.date;
                    let year = if m.year() == 0 { d.year() } else { m.year() };
                    NaiveDate::from_ymd_opt(year, m.month(), 1)?
                }
                Rule::ThisMonth => d.with_day(1)?,
                _ => d.with_day(1)?.checked_sub_months(Months::new(1))?,
            };
            let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
            (first <= d).then(|| (range(first, last.min(d)), None))
        }
        Rule::Yesterday => plain(day(d, 1), day(d, 1)),
        Rule::Today => plain(d, d),
    }
}
