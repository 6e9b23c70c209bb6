//! Sources: the briefings and statements every generated fact cites.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::calendar::{self, Calendar};
use crate::model::{Source, SourceId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publisher {
    /// Weekly briefings (Thursdays) and year-end statements: weekly figures.
    Defence,
    /// Monthly statements: monthly figures.
    Interior,
    /// Statements on meetings, visits and joint declarations.
    Foreign,
}

impl Publisher {
    fn code(self) -> &'static str {
        match self {
            Self::Defence => "mnd",
            Self::Interior => "moi",
            Self::Foreign => "mfa",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Defence => "Ministry of National Defence",
            Self::Interior => "Ministry of Interior",
            Self::Foreign => "Ministry of Foreign Affairs",
        }
    }
}

/// A publisher releases at most one document a day, so this is unique.
pub fn source_id(publisher: Publisher, date: NaiveDate) -> SourceId {
    SourceId(format!("src-{}-{date}", publisher.code()))
}

fn source(publisher: Publisher, date: NaiveDate, document: &str, seed: u64) -> Source {
    Source {
        id: source_id(publisher, date),
        title: format!("SYNTHETIC {} {document}", publisher.name()),
        publisher: format!("{} (synthetic)", publisher.name()),
        published_on: Some(date),
        reference: format!("coopdesk generate --seed {seed}"),
        excerpt: "Synthetic: no such document exists; generated for benchmarks.".to_owned(),
        marking: None,
    }
}

/// The documents weekly and monthly figures are released in, for every
/// release day of the calendar.
pub fn calendar_sources(calendar: Calendar, seed: u64) -> Vec<Source> {
    let mut sources = Vec::new();
    for year in calendar.years() {
        for day in calendar::weekly_cutoffs(year) {
            let document = if calendar::briefing_on_or_after(day) == day {
                "weekly press briefing"
            } else {
                "year-end statement"
            };
            sources.push(source(
                Publisher::Defence,
                day,
                &format!("{document}, {}", day.format("%-d %B %Y")),
                seed,
            ));
        }
        for day in calendar::month_ends(year) {
            sources.push(source(
                Publisher::Interior,
                day,
                &format!(
                    "monthly statement on security operations, {} {}",
                    day.format("%B"),
                    day.year()
                ),
                seed,
            ));
        }
    }
    sources
}

/// One foreign-ministry statement for each day that events cite one.
pub fn foreign_statements(days: &BTreeSet<NaiveDate>, seed: u64) -> Vec<Source> {
    days.iter()
        .map(|&day| {
            source(
                Publisher::Foreign,
                day,
                &format!("statement, {}", day.format("%-d %B %Y")),
                seed,
            )
        })
        .collect()
}
