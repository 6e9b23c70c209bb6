//! The years a generated workspace covers and the days figures are released.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::date;

/// The last year of every generated workspace: that of the sample briefing.
const LAST_YEAR: i32 = 2024;

/// The span of a generated workspace, whole calendar years.
#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub first_year: i32,
    pub last_year: i32,
}

impl Calendar {
    /// More figures cover more years (and, see `figures`, more regions):
    /// about 4 years for 10,000 figures, 7 for 100,000, 10 for 1,000,000.
    pub fn for_observations(observations: usize) -> Self {
        let years = match observations {
            0..=2_000 => 2,
            2_001..=20_000 => 4,
            20_001..=200_000 => 7,
            _ => 10,
        };
        Self {
            first_year: LAST_YEAR - years + 1,
            last_year: LAST_YEAR,
        }
    }

    pub fn years(self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    pub fn start(self) -> NaiveDate {
        date(self.first_year, 1, 1)
    }

    pub fn end(self) -> NaiveDate {
        date(self.last_year, 12, 31)
    }

    /// The last weekly briefing: what the generated desk knows as of.
    pub fn as_of(self) -> NaiveDate {
        briefing_on_or_before(self.end())
    }
}

/// The weekly briefings are on Thursdays, as the sample's was.
const BRIEFING_DAY: Weekday = Weekday::Thu;

fn days_to_briefing_day(from: NaiveDate) -> u64 {
    let today = from.weekday().num_days_from_monday();
    u64::from((BRIEFING_DAY.num_days_from_monday() + 7 - today) % 7)
}

/// The briefing on `date` or the first one after it.
pub fn briefing_on_or_after(date: NaiveDate) -> NaiveDate {
    date + Days::new(days_to_briefing_day(date))
}

/// The first briefing strictly after `date`.
pub fn briefing_after(date: NaiveDate) -> NaiveDate {
    briefing_on_or_after(date + Days::new(1))
}

fn briefing_on_or_before(date: NaiveDate) -> NaiveDate {
    let today = date.weekday().num_days_from_monday();
    let back = (today + 7 - BRIEFING_DAY.num_days_from_monday()) % 7;
    date - Days::new(u64::from(back))
}

/// Every briefing day of `year`.
pub fn briefings(year: i32) -> impl Iterator<Item = NaiveDate> {
    let first = briefing_on_or_after(date(year, 1, 1));
    first.iter_weeks().take_while(move |day| day.year() == year)
}

/// The last days of the weekly reporting periods of `year`: every briefing
/// day, and 31 December when it is not one. Weekly figures restart with the
/// year (as the year-to-date totals do), so the first and last weeks of a
/// year are short rather than straddling 1 January.
pub fn weekly_cutoffs(year: i32) -> Vec<NaiveDate> {
    let mut cutoffs: Vec<NaiveDate> = briefings(year).collect();
    let year_end = date(year, 12, 31);
    if cutoffs.last() != Some(&year_end) {
        cutoffs.push(year_end);
    }
    cutoffs
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let first = date(year, month, 1);
    first + Days::new(u64::from(first.num_days_in_month()) - 1)
}

/// The last day of each month of `year`.
pub fn month_ends(year: i32) -> impl Iterator<Item = NaiveDate> {
    (1..=12).map(move |month| month_end(year, month))
}

/// The last day of the month after the one `date` is in.
pub fn next_month_end(date: NaiveDate) -> NaiveDate {
    if date.month() == 12 {
        month_end(date.year() + 1, 1)
    } else {
        month_end(date.year(), date.month() + 1)
    }
}
