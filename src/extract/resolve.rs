//! What each figure inherits, across sentences: a part takes its total's
//! metric and (unless it states one) its period; a total without regions
//! takes its parts' regions; "in the same period" takes the figure before's
//! period; "in both" the regions named before; a figure with no period
//! stated is the week to the reported-on date, with a note saying so.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::figures::{Fig, Role};
use super::metrics::Target;
use super::periods::Period;
use crate::model::MetricId;

pub type Resolved = (NaiveDate, NaiveDate, Option<String>);

pub struct Resolver<'a> {
    figs: &'a [Fig],
    /// The parts of each total.
    parts: Vec<Vec<usize>>,
    reported_on: NaiveDate,
    periods: Vec<Option<Resolved>>,
    busy: Vec<bool>,
}

impl<'a> Resolver<'a> {
    pub fn new(figs: &'a [Fig], reported_on: NaiveDate) -> Self {
        let mut parts = vec![Vec::new(); figs.len()];
        for (i, fig) in figs.iter().enumerate() {
            if let Role::Part { parent } = fig.role {
                parts[parent].push(i);
            }
        }
        Self {
            figs,
            parts,
            reported_on,
            periods: vec![None; figs.len()],
            busy: vec![false; figs.len()],
        }
    }

    /// The metric of figure `i`: its own, or its total's.
    pub fn metric(&self, i: usize) -> Option<&'a MetricId> {
        let fig = &self.figs[i];
        let target = match fig.role {
            Role::Part { parent } => self.figs[parent].metric.as_ref(),
            _ => fig.metric.as_ref(),
        };
        match target {
            Some(Target::Metric(id)) => Some(id),
            _ => None,
        }
    }

    fn default_week(&self) -> Resolved {
        let d = self.reported_on;
        let start = d.checked_sub_days(chrono::Days::new(6)).unwrap_or(d);
        (
            start,
            d,
            Some(format!("no period stated; taken as the week to {d}")),
        )
    }

    pub fn period(&mut self, i: usize) -> Resolved {
        if let Some(done) = &self.periods[i] {
            return done.clone();
        }
        if self.busy[i] {
            return self.default_week();
        }
        self.busy[i] = true;
        let fig = &self.figs[i];
        let resolved = match fig.role {
            Role::Members { parent } => self.period(parent),
            Role::Part { parent } => match &fig.period {
                Some(own) => self.bound(i, own.clone()),
                None => self.period(parent),
            },
            Role::Head => {
                let from_parts = self.parts[i]
                    .iter()
                    .map(|&p| &self.figs[p])
                    .find(|f| f.regions.is_some() && f.period.is_some())
                    .and_then(|f| f.period.clone());
                match fig
                    .period
                    .clone()
                    .or(from_parts)
                    .or_else(|| fig.clause_period.clone())
                {
                    Some(own) => self.bound(i, own),
                    None => self.default_week(),
                }
            }
        };
        self.busy[i] = false;
        self.periods[i] = Some(resolved.clone());
        resolved
    }

    fn bound(&mut self, i: usize, (period, note): (Period, Option<String>)) -> Resolved {
        match period {
            Period::Range { start, end } => (start, end, note),
            Period::Same => {
                let family = |j: usize| match self.figs[j].role {
                    Role::Part { parent } | Role::Members { parent } => parent == i,
                    Role::Head => false,
                };
                let before = (0..i)
                    .rev()
                    .find(|&j| !family(j) && self.metric(j).is_some());
                match before {
                    Some(j) => {
                        let (start, end, _) = self.period(j);
                        (start, end, None)
                    }
                    None => self.default_week(),
                }
            }
        }
    }

    /// The regions of every figure, in order: totals first (their own, or
    /// their parts', or "both"), then parts and members (their own, or their
    /// total's).
    pub fn regions(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new(); self.figs.len()];
        let mut last_several: Option<Vec<String>> = None;
        for (i, fig) in self.figs.iter().enumerate() {
            if fig.role != Role::Head {
                continue;
            }
            let parts: BTreeSet<String> = self.parts[i]
                .iter()
                .filter_map(|&p| self.figs[p].regions.clone())
                .flatten()
                .collect();
            out[i] = match (&fig.regions, fig.both) {
                (Some(own), _) => own.clone(),
                (None, _) if !parts.is_empty() => parts.into_iter().collect(),
                (None, true) => last_several.clone().unwrap_or_default(),
                (None, false) => Vec::new(),
            };
            if out[i].len() > 1 {
                last_several = Some(out[i].clone());
            }
        }
        for (i, fig) in self.figs.iter().enumerate() {
            match fig.role {
                Role::Head => {}
                Role::Part { parent } => {
                    out[i] = fig.regions.clone().unwrap_or_else(|| out[parent].clone())
                }
                Role::Members { parent } => out[i] = out[parent].clone(),
            }
        }
        out
    }
}
