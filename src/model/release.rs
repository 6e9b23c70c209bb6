//! What may go to an audience cleared below the workspace's marking: the
//! workspace without the records marked above a release level, and without
//! every trace of them in the records that stay, so that what is derived
//! from it (series, charts, the brief) is computed as if they never existed.

use std::collections::HashSet;

use super::marking::Marking;
use super::records::Citation;
use super::workspace::Workspace;

/// The workspace as it may be released at `level`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    pub workspace: Workspace,
    pub level: Marking,
    /// How many records were left out; an export says how many, never which.
    pub withheld: usize,
}

impl Release {
    /// The line an export carries: "Released at UNCLASSIFIED: 3 records
    /// withheld".
    pub fn notice(&self) -> String {
        let records = match self.withheld {
            1 => "1 record".to_owned(),
            n => format!("{n} records"),
        };
        format!("Released at {}: {records} withheld", self.level)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseError {
    #[error(
        "the workspace itself is marked {workspace}, which is not releasable at {level}: nothing in it can be released at that level (give a level that carries the workspace's marking)"
    )]
    WorkspaceAbove { workspace: Marking, level: Marking },
}

impl Marking {
    /// Whether something marked `self` may go to an audience cleared to
    /// `level`: a classification at or below the level's, and no caveat the
    /// level does not carry (caveats restrict, so each must be granted).
    pub fn releasable_at(&self, level: &Marking) -> bool {
        self.classification <= level.classification
            && self
                .caveats
                .iter()
                .all(|caveat| level.caveats.iter().any(|c| same_caveat(c, caveat)))
    }
}

/// Caveats compare as people type them: "rel tur" is "REL  TUR".
fn same_caveat(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_uppercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// `ws` without every record whose own marking is not releasable at
/// `level`, and without every reference to them: citations of withheld
/// sources (with their quotes) are dropped, a figure's briefing event or
/// revised figure is forgotten when withheld, events lose withheld
/// instruments. Parties and metrics carry no marking of their own and
/// stay. Recorded conflicts and the change history are not released at
/// all, since they hold old values of any record.
pub fn for_release(ws: &Workspace, level: &Marking) -> Result<Release, ReleaseError> {
    if !ws.marking.releasable_at(level) {
        return Err(ReleaseError::WorkspaceAbove {
            workspace: ws.marking.clone(),
            level: level.clone(),
        });
    }
    // Every field named: a list added to `Workspace` does not compile here
    // until it is said whether and how it is released.
    let Workspace {
        title,
        marking,
        description,
        parties,
        sources,
        metrics,
        instruments,
        events,
        observations,
        conflicts: _,
        history: _,
    } = ws;
    let releasable = |own: &Option<Marking>| own.as_ref().is_none_or(|m| m.releasable_at(level));
    let mut withheld = 0;
    let mut count = |kept: bool| {
        withheld += usize::from(!kept);
        kept
    };

    let sources: Vec<_> = sources
        .iter()
        .filter(|r| count(releasable(&r.marking)))
        .cloned()
        .collect();
    let source_ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let keep_citations = |citations: &mut Vec<Citation>| {
        citations.retain(|c| source_ids.contains(c.source.as_str()))
    };

    let instruments: Vec<_> = instruments
        .iter()
        .filter(|r| count(releasable(&r.marking)))
        .cloned()
        .map(|mut r| {
            keep_citations(&mut r.sources);
            r
        })
        .collect();
    let instrument_ids: HashSet<&str> = instruments.iter().map(|r| r.id.as_str()).collect();

    let events: Vec<_> = events
        .iter()
        .filter(|r| count(releasable(&r.marking)))
        .cloned()
        .map(|mut r| {
            keep_citations(&mut r.sources);
            r.instruments
                .retain(|i| instrument_ids.contains(i.as_str()));
            r
        })
        .collect();
    let event_ids: HashSet<&str> = events.iter().map(|r| r.id.as_str()).collect();

    let released_figures: HashSet<&str> = observations
        .iter()
        .filter(|r| releasable(&r.marking))
        .map(|r| r.id.as_str())
        .collect();
    let observations: Vec<_> = observations
        .iter()
        .filter(|r| count(released_figures.contains(r.id.as_str())))
        .cloned()
        .map(|mut r| {
            keep_citations(&mut r.sources);
            r.reported_at = r.reported_at.filter(|e| event_ids.contains(e.as_str()));
            r.supersedes = r
                .supersedes
                .filter(|o| released_figures.contains(o.as_str()));
            r
        })
        .collect();

    let workspace = Workspace {
        title: title.clone(),
        marking: marking.clone(),
        description: description.clone(),
        parties: parties.clone(),
        sources: sources.into_iter().collect(),
        metrics: metrics.clone(),
        instruments: instruments.into_iter().collect(),
        events: events.into_iter().collect(),
        observations: observations.into_iter().collect(),
        conflicts: Vec::new(),
        history: Vec::new(),
    };
    Ok(Release {
        workspace,
        level: level.clone(),
        withheld,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Classification, Observation, ObservationId};

    fn marking(text: &str) -> Marking {
        text.parse().expect("a marking")
    }

    fn sample() -> Workspace {
        crate::store::sample().expect("the sample loads")
    }

    #[test]
    fn caveats_must_each_be_carried_by_the_level() {
        let level = marking("RESTRICTED // rel  tur");
        assert!(marking("UNCLASSIFIED").releasable_at(&level));
        assert!(marking("RESTRICTED // REL TUR").releasable_at(&level));
        assert!(!marking("RESTRICTED // REL TUR // NOFORN").releasable_at(&level));
        assert!(!marking("CONFIDENTIAL").releasable_at(&level));
        assert!(!marking("UNCLASSIFIED // SYNTHETIC").releasable_at(&marking("SECRET")));
    }

    #[test]
    fn a_workspace_marked_above_the_level_releases_nothing() {
        let mut ws = sample();
        ws.marking = marking("RESTRICTED");
        let error = for_release(&ws, &marking("UNCLASSIFIED")).unwrap_err();
        assert!(error.to_string().contains("marked RESTRICTED"), "{error}");
    }

    /// Withholds one record of each kind that can carry a marking, each
    /// referred to by records that stay; the release must leave nothing
    /// pointing at them and count exactly those four.
    #[test]
    fn withheld_records_leave_no_trace_in_what_stays() {
        let mut ws = sample();
        ws.marking = marking("UNCLASSIFIED");
        let restricted = Some(marking("RESTRICTED"));
        let cited = ws
            .observations
            .iter()
            .find_map(|o| o.sources.first().map(|c| c.source.clone()))
            .expect("a cited source");
        let mut source = ws.sources.get(cited.as_str()).cloned().expect("the source");
        source.marking = restricted.clone();
        ws.sources.put(source);
        let event_with_instrument = ws
            .events
            .iter()
            .find(|e| !e.instruments.is_empty())
            .cloned()
            .expect("an event naming an instrument");
        let mut instrument = ws
            .instruments
            .get(event_with_instrument.instruments[0].as_str())
            .cloned()
            .expect("the instrument");
        instrument.marking = Some(marking("UNCLASSIFIED // REL TUR"));
        let instrument_id = instrument.id.clone();
        ws.instruments.put(instrument);
        let mut briefing = ws.events.iter().next().cloned().expect("an event");
        briefing.marking = restricted.clone();
        let briefing_id = briefing.id.clone();
        ws.events.put(briefing);
        let mut old = ws.observations.iter().next().cloned().expect("a figure");
        old.marking = restricted.clone();
        old.reported_at = None;
        let old_id = old.id.clone();
        ws.observations.put(old.clone());
        let revision = Observation {
            id: ObservationId::new("revision"),
            value: old.value + 1,
            supersedes: Some(old_id.clone()),
            reported_at: Some(briefing_id.clone()),
            marking: None,
            ..old
        };
        ws.observations.put(revision);
        assert!(ws.validate().is_empty(), "{:?}", ws.validate());

        let release = for_release(&ws, &marking("UNCLASSIFIED")).expect("releasable");
        let out = &release.workspace;
        assert_eq!(release.withheld, 4);
        assert_eq!(
            release.notice(),
            "Released at UNCLASSIFIED: 4 records withheld"
        );
        assert!(out.validate().is_empty(), "{:?}", out.validate());
        assert_eq!(out.highest_marking(), marking("UNCLASSIFIED"));
        assert!(!out.sources.contains(cited.as_str()));
        assert!(!out.instruments.contains(instrument_id.as_str()));
        assert!(!out.events.contains(briefing_id.as_str()));
        assert!(!out.observations.contains(old_id.as_str()));
        let revision = out
            .observations
            .get("revision")
            .expect("the revision stays");
        assert_eq!(
            (&revision.supersedes, &revision.reported_at),
            (&None, &None)
        );
        let refers_to_withheld = out
            .observations
            .iter()
            .any(|o| o.sources.iter().any(|c| c.source == cited))
            || out
                .events
                .iter()
                .any(|e| e.instruments.contains(&instrument_id));
        assert!(!refers_to_withheld);

        // The caveat is granted: the instrument comes back.
        let with_caveat =
            for_release(&ws, &marking("UNCLASSIFIED // REL TUR")).expect("releasable");
        assert_eq!(with_caveat.withheld, 3);
        assert!(
            with_caveat
                .workspace
                .instruments
                .contains(instrument_id.as_str())
        );
        // Cleared for all of it: the same workspace, less its history.
        let all = for_release(&ws, &marking("RESTRICTED // REL TUR")).expect("releasable");
        assert_eq!((all.withheld, &all.workspace), (0, &ws));
        assert_eq!(
            all.workspace.highest_marking().classification,
            Classification::Restricted
        );
    }
}
