//! Metrics and the figures reported for them.
//!
//! Each metric is released weekly (defence briefings) or monthly (interior
//! statements). Every release gives the period's total, one figure per
//! region, the year-to-date total and the year-to-date figure per region,
//! all from one set of drawn regional values, so that they add up. Weekly
//! periods restart on 1 January like the year-to-date totals, which keeps
//! every metric's periods nested (the derivation reports crossing periods).
//! A small seeded fraction of regional figures is misreported, and a few
//! totals are revised by a later release.

use chrono::{Datelike, Days, NaiveDate};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::calendar::{self, Calendar};
use super::sources::{Publisher, source_id};
use super::{date, slug};
use crate::model::{
    Citation, Metric, MetricId, Observation, ObservationId, Qualifier, SourceId, metric_ids,
};
use crate::text::{group_thousands, period_label};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cadence {
    Weekly,
    Monthly,
}

struct MetricSpec {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    /// What the figure counts, as a briefing words it after the number.
    phrase: &'static str,
    cadence: Cadence,
    /// Regions a split names; more regions than these become sectors of them.
    zones: &'static [&'static str],
    /// The range of one region's typical count over seven days.
    weekly_rate: (u64, u64),
}

const OPERATION_AREAS: [&str; 2] = ["northern Iraq", "northern Syria"];

pub const BORDER_PROVINCES: [&str; 12] = [
    "Hatay",
    "Kilis",
    "Gaziantep",
    "Şanlıurfa",
    "Mardin",
    "Şırnak",
    "Hakkari",
    "Van",
    "Ağrı",
    "Iğdır",
    "Edirne",
    "Kırklareli",
];

/// The metrics of `assets/sample.ron`, with the same ids.
static METRICS: [MetricSpec; 5] = [
    MetricSpec {
        id: metric_ids::NEUTRALISED,
        name: "Neutralised",
        description: r#"Terrorists the ministry reports as "neutralised" by Turkish security forces (the ministry's own term)."#,
        phrase: "terrorists neutralised",
        cadence: Cadence::Weekly,
        zones: &OPERATION_AREAS,
        weekly_rate: (8, 30),
    },
    MetricSpec {
        id: metric_ids::APPREHENDED_BORDER,
        name: "Apprehended crossing the border illegally",
        description: "People caught while attempting to cross Türkiye's borders illegally.",
        phrase: "people apprehended crossing the border illegally",
        cadence: Cadence::Weekly,
        zones: &BORDER_PROVINCES,
        weekly_rate: (10, 60),
    },
    MetricSpec {
        id: metric_ids::PREVENTED_BORDER,
        name: "Prevented from crossing the border",
        description: "People prevented from crossing Türkiye's borders.",
        phrase: "people prevented from crossing the border",
        cadence: Cadence::Weekly,
        zones: &BORDER_PROVINCES,
        weekly_rate: (80, 400),
    },
    MetricSpec {
        id: metric_ids::APPREHENDED_BORDER_TERRORIST_MEMBERS,
        name: "Members of terrorist organisations apprehended at the border",
        description: "Those among the people apprehended at the border whom the ministry reports as members of terrorist organisations.",
        phrase: "members of terrorist organisations apprehended at the border",
        cadence: Cadence::Monthly,
        zones: &BORDER_PROVINCES,
        weekly_rate: (1, 4),
    },
    MetricSpec {
        id: metric_ids::SURRENDERED,
        name: "Surrendered",
        description: "Members of terrorist organisations who surrendered to Turkish forces.",
        phrase: "members of terrorist organisations surrendered",
        cadence: Cadence::Monthly,
        zones: &OPERATION_AREAS,
        weekly_rate: (1, 3),
    },
];

/// Percent of the typical count by month: operations peak in summer.
const SEASON: [u64; 12] = [80, 75, 90, 105, 115, 120, 125, 125, 115, 100, 90, 80];

/// A split needs two regions at least.
const MIN_REGIONS: usize = 2;

/// Odds (1 in N) of the deliberate inconsistencies and variations.
const MISREPORTED_REGION: u32 = 1_000;
const REVISED_TOTAL: u32 = 100;
const QUALIFIED_TOTAL: u32 = 50;

pub fn metrics() -> impl Iterator<Item = Metric> {
    METRICS.iter().map(|spec| Metric {
        id: MetricId::new(spec.id),
        name: spec.name.to_owned(),
        unit: "people".to_owned(),
        description: spec.description.to_owned(),
        phrases: Vec::new(),
    })
}

/// One release of one metric's figures for `[start, end]`, published on `end`.
struct Release {
    metric: usize,
    start: NaiveDate,
    end: NaiveDate,
    /// `w07` (seventh weekly period of the year) or `m02` (February).
    label: String,
}

/// Every release of `year`, in the order they are published.
fn releases(year: i32) -> Vec<Release> {
    let mut releases = Vec::new();
    for (metric, spec) in METRICS.iter().enumerate() {
        let (ends, prefix): (Vec<NaiveDate>, char) = match spec.cadence {
            Cadence::Weekly => (calendar::weekly_cutoffs(year), 'w'),
            Cadence::Monthly => (calendar::month_ends(year).collect(), 'm'),
        };
        let mut start = date(year, 1, 1);
        for (index, end) in ends.into_iter().enumerate() {
            releases.push(Release {
                metric,
                start,
                end,
                label: format!("{prefix}{:02}", index + 1),
            });
            start = end + Days::new(1);
        }
    }
    releases.sort_by_key(|r| (r.end, r.metric));
    releases
}

/// How many regions each metric is split into so that `observations`
/// figures fill the calendar: a release yields `2 × (regions + 1)` figures
/// (period and year to date, each as a total and per region).
pub fn regions_per_metric(calendar: Calendar, observations: usize) -> usize {
    let releases: usize = calendar.years().map(|year| releases(year).len()).sum();
    observations
        .div_ceil(2 * releases.max(1))
        .saturating_sub(1)
        .max(MIN_REGIONS)
}

/// Region names: the zones themselves, or numbered sectors of them when more
/// regions are needed (`northern Iraq sector 07`).
fn region_names(zones: &[&str], count: usize) -> Vec<String> {
    if count <= zones.len() {
        return zones.iter().take(count).map(|z| (*z).to_owned()).collect();
    }
    let width = count.div_ceil(zones.len()).to_string().len();
    (0..count)
        .map(|i| {
            let zone = zones[i % zones.len()];
            format!("{zone} sector {:0width$}", i / zones.len() + 1)
        })
        .collect()
}

/// Exactly `count` figures over `calendar` for metrics split into `regions`
/// regions, in the order they are released (the last release may be cut).
pub fn observations(
    calendar: Calendar,
    regions: usize,
    count: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Observation> {
    let mut series: Vec<Series> = METRICS
        .iter()
        .map(|spec| Series::new(spec, regions, rng))
        .collect();
    let mut out = Vec::with_capacity(count);
    // `regions_per_metric` makes the calendar hold at least `count` figures.
    'years: for year in calendar.years() {
        for series in &mut series {
            series.start_year(rng);
        }
        for release in releases(year) {
            if out.len() >= count {
                break 'years;
            }
            series[release.metric].release(&release, calendar, rng, &mut out);
        }
    }
    out.truncate(count);
    out
}

struct Region {
    name: String,
    slug: String,
    /// Typical count over seven days.
    rate: u64,
}

/// One metric's regions and its running year-to-date figures.
struct Series {
    spec: &'static MetricSpec,
    regions: Vec<Region>,
    year_to_date: Vec<u64>,
    /// Percent of the typical count this year: some years are busier.
    year_factor: u64,
}

impl Series {
    fn new(spec: &'static MetricSpec, regions: usize, rng: &mut ChaCha8Rng) -> Self {
        Self {
            spec,
            regions: region_names(spec.zones, regions)
                .into_iter()
                .map(|name| Region {
                    slug: slug(&name),
                    name,
                    rate: rng.random_range(spec.weekly_rate.0..=spec.weekly_rate.1),
                })
                .collect(),
            year_to_date: vec![0; regions],
            year_factor: 100,
        }
    }

    fn start_year(&mut self, rng: &mut ChaCha8Rng) {
        self.year_to_date.fill(0);
        self.year_factor = rng.random_range(80..=120);
    }

    /// Draws the regional values of `release` and writes its figures: the
    /// period's total and regions, then the year's total and regions.
    fn release(
        &mut self,
        release: &Release,
        calendar: Calendar,
        rng: &mut ChaCha8Rng,
        out: &mut Vec<Observation>,
    ) {
        let values = self.draw(release, rng);
        for (total, value) in self.year_to_date.iter_mut().zip(&values) {
            *total += value;
        }
        let (period, year) = self.batches(release);

        let qualifier = self.period_qualifier(rng);
        let note = short_week_note(release, self.spec.cadence);
        let total = |value| Observation {
            note: note.to_owned(),
            ..period.total(value, qualifier)
        };
        let value: u64 = values.iter().sum();
        match next_release(self.spec.cadence, release.end, calendar)
            .filter(|_| rng.random_ratio(1, REVISED_TOTAL))
        {
            Some(correction) => {
                // First reported too high, then corrected by the next release.
                let first = total(value + (value / 10).max(1));
                let corrected = correction_of(&first, total(value), correction);
                out.extend([first, corrected]);
            }
            None => out.push(total(value)),
        }
        for (region, &value) in self.regions.iter().zip(&values) {
            out.push(period.region(region, misreported_now_and_then(value, rng)));
        }

        let qualifier = if rng.random_ratio(1, QUALIFIED_TOTAL) {
            // "At least 48,596" when it was 48,596: true, so still consistent.
            Qualifier::AtLeast
        } else {
            Qualifier::Exact
        };
        out.push(year.total(self.year_to_date.iter().sum(), qualifier));
        for (region, &value) in self.regions.iter().zip(&self.year_to_date) {
            out.push(year.region(region, value));
        }
    }

    /// Each region's value for the release's period: its typical count for
    /// that many days, this year, in this season, give or take 40%.
    fn draw(&self, release: &Release, rng: &mut ChaCha8Rng) -> Vec<u64> {
        let days = (release.end - release.start).num_days().unsigned_abs() + 1;
        let season = SEASON[release.end.month0() as usize];
        self.regions
            .iter()
            .map(|region| {
                let noise = rng.random_range(60..=140);
                region.rate * days * self.year_factor * season * noise / (7 * 100 * 100 * 100)
            })
            .collect()
    }

    /// "About 40" for a monthly 40, now and then: a qualifier, not an error.
    fn period_qualifier(&self, rng: &mut ChaCha8Rng) -> Qualifier {
        if self.spec.cadence == Cadence::Monthly && rng.random_ratio(1, QUALIFIED_TOTAL) {
            Qualifier::Approximate
        } else {
            Qualifier::Exact
        }
    }

    /// The release's figures for its period and for the year to date.
    fn batches(&self, release: &Release) -> (Batch, Batch) {
        let metric = MetricId::new(self.spec.id);
        let year = release.end.year();
        let released = released(self.spec.cadence, release.end);
        let period = Batch {
            id: format!("{metric}-{year}-{}", release.label),
            start: release.start,
            when: match self.spec.cadence {
                Cadence::Weekly => {
                    format!("in the week {}", period_label(release.start, release.end))
                }
                Cadence::Monthly => format!("in {}", release.end.format("%B %Y")),
            },
            end: release.end,
            metric: metric.clone(),
            phrase: self.spec.phrase,
            released: released.clone(),
        };
        let to_date = Batch {
            id: format!("{metric}-{year}-ytd-{}", release.label),
            start: date(year, 1, 1),
            when: format!("since 1 January {year}"),
            end: release.end,
            metric,
            phrase: self.spec.phrase,
            released,
        };
        (period, to_date)
    }
}

/// Where and when a figure was released.
#[derive(Clone)]
struct Released {
    on: NaiveDate,
    source: SourceId,
}

fn released(cadence: Cadence, on: NaiveDate) -> Released {
    let publisher = match cadence {
        Cadence::Weekly => Publisher::Defence,
        Cadence::Monthly => Publisher::Interior,
    };
    Released {
        on,
        source: source_id(publisher, on),
    }
}

/// The release after `on` of a metric of this cadence, if the calendar
/// has one: where a correction is published.
fn next_release(cadence: Cadence, on: NaiveDate, calendar: Calendar) -> Option<Released> {
    let (next, last) = match cadence {
        Cadence::Weekly => (calendar::briefing_after(on), calendar.as_of()),
        Cadence::Monthly => (calendar::next_month_end(on), calendar.end()),
    };
    (next <= last).then(|| released(cadence, next))
}

/// `figure` as published by `correction` in place of `first`.
fn correction_of(first: &Observation, figure: Observation, correction: Released) -> Observation {
    let quote = figure
        .sources
        .first()
        .map_or_else(String::new, |c| format!("Corrected figure: {}", c.quote));
    Observation {
        id: ObservationId(format!("{}-revised", first.id)),
        reported_on: Some(correction.on),
        sources: vec![Citation {
            source: correction.source,
            quote,
        }],
        note: format!("Corrects the figure first reported on {}.", first.end),
        supersedes: Some(first.id.clone()),
        ..figure
    }
}

/// A regional figure, now and then a little off: the slips that make
/// regions not add up to their total in real briefings.
fn misreported_now_and_then(value: u64, rng: &mut ChaCha8Rng) -> u64 {
    if !rng.random_ratio(1, MISREPORTED_REGION) {
        return value;
    }
    let error = rng.random_range(1..=3);
    if rng.random_bool(0.5) {
        value + error
    } else {
        value.saturating_sub(error)
    }
}

/// The figures of one release over one period (the period itself, or the
/// year to date): what their ids, quotes and citation share.
struct Batch {
    metric: MetricId,
    phrase: &'static str,
    /// `neutralised-2019-w07`; a region's figure adds its slug.
    id: String,
    start: NaiveDate,
    end: NaiveDate,
    /// `in the week 8–14 Feb 2019`, `since 1 January 2019`.
    when: String,
    released: Released,
}

impl Batch {
    fn total(&self, value: u64, qualifier: Qualifier) -> Observation {
        let amount = match qualifier {
            Qualifier::Exact => group_thousands(value),
            Qualifier::AtLeast => format!("at least {}", group_thousands(value)),
            Qualifier::Approximate => format!("about {}", group_thousands(value)),
        };
        let quote = format!("{amount} {} {}.", self.phrase, self.when);
        Observation {
            qualifier,
            ..self.figure(self.id.clone(), Vec::new(), value, quote)
        }
    }

    fn region(&self, region: &Region, value: u64) -> Observation {
        let quote = format!(
            "{} {} in {} {}.",
            group_thousands(value),
            self.phrase,
            region.name,
            self.when
        );
        self.figure(
            format!("{}-{}", self.id, region.slug),
            vec![region.name.clone()],
            value,
            quote,
        )
    }

    fn figure(&self, id: String, regions: Vec<String>, value: u64, quote: String) -> Observation {
        Observation {
            id: ObservationId(id),
            metric: self.metric.clone(),
            regions,
            start: self.start,
            end: self.end,
            value,
            qualifier: Qualifier::Exact,
            reported_on: Some(self.released.on),
            reported_at: None,
            sources: vec![Citation {
                source: self.released.source.clone(),
                quote,
            }],
            note: String::new(),
            supersedes: None,
            marking: None,
        }
    }
}

/// Why a weekly period is shorter than seven days, if it is.
fn short_week_note(release: &Release, cadence: Cadence) -> &'static str {
    let days = (release.end - release.start).num_days() + 1;
    match cadence {
        Cadence::Weekly if days < 7 && release.start.ordinal() == 1 => {
            "A short reporting week: weekly figures restart on 1 January."
        }
        Cadence::Weekly if days < 7 => {
            "A short reporting week: the year's figures close on 31 December."
        }
        _ => "",
    }
}
