//! The marking and sources a chart carries, from the figures it draws on.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Chart, ChartView};
use crate::analysis::YearMonth;
use crate::model::{MetricId, Observation, SourceId, Workspace};

/// A chart's figures come with their marking and sources: a chart built on a
/// RESTRICTED figure is RESTRICTED whatever the workspace says. Every figure
/// of the metric that overlaps the months drawn counts, totals and longer
/// periods included, since they shape the derived values too (erring towards
/// the higher marking).
pub(super) struct Provenance<'a> {
    ws: &'a Workspace,
    as_of: Option<NaiveDate>,
    observations: Vec<&'a Observation>,
}

impl<'a> Provenance<'a> {
    pub(super) fn new(ws: &'a Workspace, view: &ChartView) -> Self {
        Self {
            ws,
            as_of: view.as_of_date().ok().flatten(),
            observations: Vec::new(),
        }
    }

    /// Figures of `metric` within `axis`, for `regions` (`None`: all).
    pub(super) fn add(
        &mut self,
        metric: &MetricId,
        regions: Option<&BTreeSet<String>>,
        axis: &[YearMonth],
    ) {
        let (Some(first), Some(last)) = (axis.first(), axis.last()) else {
            return;
        };
        let (from, to) = (first.first_day(), last.last_day());
        let as_of = self.as_of;
        self.observations
            .extend(self.ws.observations.iter().filter(|o| {
                o.metric == *metric
                    && o.start <= to
                    && o.end >= from
                    && as_of.is_none_or(|d| o.reported_on.is_none_or(|r| r <= d))
                    && regions.is_none_or(|shown| {
                        o.regions.is_empty() || o.regions.iter().any(|r| shown.contains(r))
                    })
            }));
    }

    pub(super) fn finish(self, mut chart: Chart) -> Chart {
        let ws = self.ws;
        let mut marking = ws.marking.clone();
        let mut sources = BTreeSet::<&SourceId>::new();
        for observation in &self.observations {
            if let Some(own) = &observation.marking {
                marking = marking.combine(own);
            }
            sources.extend(observation.sources.iter().map(|c| &c.source));
        }
        let mut cited: Vec<_> = sources
            .into_iter()
            .map(|id| match ws.sources.get(id.as_str()) {
                Some(source) => {
                    if let Some(own) = &source.marking {
                        marking = marking.combine(own);
                    }
                    (source.published_on, source.title.clone())
                }
                None => (None, id.to_string()),
            })
            .collect();
        // Newest first: the latest briefing is the one a reader looks for.
        cited.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        chart.sources = cited.into_iter().map(|(_, title)| title).collect();
        chart.marking = marking;
        chart
    }
}
