use super::*;
use crate::compare::{NoSharedBase, merge_by_history};
use crate::model::{Citation, Conflict, Observation, ObservationId, Qualifier, Source, SourceId};

fn sample() -> Workspace {
    crate::store::sample().expect("the sample loads")
}

fn change_figure(ws: &mut Workspace, id: &str, change: impl FnOnce(&mut Observation)) {
    let mut observation = ws.observations.get(id).cloned().expect("in the sample");
    change(&mut observation);
    ws.observations.put(observation);
}

#[test]
fn equal_workspaces_have_no_differences() {
    let ws = sample();
    let difference = diff(&ws, &ws.clone());
    assert!(difference.is_empty());
    assert_eq!(difference.summary(), "no differences");
}

#[test]
fn a_changed_figure_lists_each_field_as_people_read_it() {
    let old = sample();
    let mut new = old.clone();
    change_figure(&mut new, "2024-04-25-neutralised-week", |week| {
        week.value = 56;
        week.qualifier = Qualifier::AtLeast;
        week.regions = vec!["northern Iraq".to_owned()];
    });

    let difference = diff(&old, &new);
    assert_eq!(difference.summary(), "1 changed");
    let entry = &difference.entries[0];
    assert_eq!(
        entry.record,
        Some(RecordId::Observation(ObservationId::new(
            "2024-04-25-neutralised-week"
        )))
    );
    assert_eq!(
        entry.label,
        "figure ≥ 56 neutralised, northern Iraq, 19–25 Apr 2024"
    );
    let Change::Changed(fields) = &entry.change else {
        panic!("a change, not {:?}", entry.change);
    };
    let shown: Vec<(&str, &str, &str)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.old.as_str(), f.new.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Regions", "northern Iraq + northern Syria", "northern Iraq"),
            ("Value", "54", "56"),
            ("Qualifier", "exactly", "at least"),
        ]
    );
}

#[test]
fn added_and_removed_records_are_named_by_their_labels_in_tab_order() {
    let old = sample();
    let mut new = old.clone();
    new.observations.remove("2024-04-25-neutralised-week");
    new.sources.put(Source {
        id: SourceId::new("src-2024-05-02"),
        title: "MND weekly briefing, 2 May 2024".to_owned(),
        ..Source::default()
    });
    new.title = "Türkiye–Iraq (team copy)".to_owned();
    let difference = diff(&old, &new);
    let lines: Vec<(String, &Change)> = difference
        .entries
        .iter()
        .map(|e| (e.label.clone(), &e.change))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].0, "the workspace's properties");
    assert_eq!(
        lines[1].0,
        "figure 54 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024"
    );
    assert_eq!(lines[1].1, &Change::Removed);
    assert_eq!(lines[2].0, "source “MND weekly briefing, 2 May 2024”");
    assert_eq!(lines[2].1, &Change::Added);
    assert_eq!(difference.summary(), "1 added, 1 removed, 1 changed");
}

#[test]
fn ids_in_fields_read_as_names_and_titles() {
    let old = sample();
    let mut new = old.clone();
    let source = new.sources.iter().next().expect("a source").clone();
    change_figure(&mut new, "2024-04-25-neutralised-week", |week| {
        week.sources.push(Citation {
            source: source.id.clone(),
            quote: "54 neutralised".to_owned(),
        });
    });
    let difference = diff(&old, &new);
    let Change::Changed(fields) = &difference.entries[0].change else {
        panic!("a change");
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].name, "Sources");
    assert!(
        fields[0]
            .new
            .ends_with(&format!("{}: “54 neutralised”", source.title)),
        "{}",
        fields[0].new
    );
    assert!(!fields[0].new.contains("src-"), "no ids: {}", fields[0].new);
}

mod merging {
    use super::*;
    use crate::model::{Party, PartyId};

    fn week(ws: &Workspace) -> &Observation {
        ws.observations
            .get("2024-04-25-neutralised-week")
            .expect("in the sample")
    }

    const WEEK: &str = "2024-04-25-neutralised-week";

    #[test]
    fn changes_to_different_fields_of_one_record_both_land() {
        let base = sample();
        let mut ours = base.clone();
        change_figure(&mut ours, WEEK, |o| o.value = 56);
        let mut theirs = base.clone();
        change_figure(&mut theirs, WEEK, |o| {
            o.note = "Revised at the next briefing.".to_owned()
        });
        theirs.title = "Türkiye–Iraq, team copy".to_owned();

        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 0);
        let ws = merged.workspace;
        assert_eq!(week(&ws).value, 56);
        assert_eq!(week(&ws).note, "Revised at the next briefing.");
        assert_eq!(ws.title, "Türkiye–Iraq, team copy");
        assert!(ws.validate().is_empty());
        // Merging is symmetric when nothing conflicts.
        assert_eq!(merge(&base, &theirs, &ours).workspace, ws);
    }

    #[test]
    fn one_field_changed_differently_keeps_ours_and_records_all_three() {
        let base = sample();
        let mut ours = base.clone();
        change_figure(&mut ours, WEEK, |o| o.value = 56);
        let mut theirs = base.clone();
        change_figure(&mut theirs, WEEK, |o| o.value = 60);

        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 1);
        let ws = merged.workspace;
        assert_eq!(week(&ws).value, 56, "ours meanwhile");
        assert_eq!(
            ws.conflicts,
            [Conflict {
                kind: "observation".to_owned(),
                id: WEEK.to_owned(),
                field: "value".to_owned(),
                base: Some("54".to_owned()),
                ours: Some("56".to_owned()),
                theirs: Some("60".to_owned()),
            }]
        );
        let errors = ws.validate();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            format!(
                "observation {WEEK}, value: unresolved merge conflict: ours 56, theirs 60 (base 54); the file holds ours until it is resolved"
            )
        );
    }

    #[test]
    fn a_record_deleted_on_one_side_and_changed_on_the_other_is_a_conflict() {
        let base = sample();
        let mut ours = base.clone();
        ours.observations.remove(WEEK);
        let mut theirs = base.clone();
        change_figure(&mut theirs, WEEK, |o| o.value = 60);

        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 1);
        let conflict = &merged.workspace.conflicts[0];
        assert!(conflict.is_whole_record());
        assert_eq!(conflict.ours, None, "we deleted it");
        assert!(
            conflict
                .theirs
                .as_deref()
                .is_some_and(|t| t.contains("\"value\":60"))
        );
        assert!(
            merged.workspace.observations.get(WEEK).is_none(),
            "ours meanwhile"
        );

        // Deleted on one side, untouched on the other: deleted, cleanly.
        let merged = merge(&base, &ours, &base);
        assert_eq!(merged.new_conflicts, 0);
        assert!(merged.workspace.observations.get(WEEK).is_none());
    }

    #[test]
    fn two_records_added_under_one_id_are_a_conflict_and_alike_ones_are_not() {
        let base = sample();
        let party = |name: &str| Party {
            id: PartyId::new("krg"),
            name: name.to_owned(),
            ..Party::default()
        };
        let mut ours = base.clone();
        ours.parties.put(party("Kurdistan Regional Government"));
        let mut theirs = base.clone();
        theirs.parties.put(party("KRG"));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 1);
        assert_eq!(merged.workspace.conflicts[0].base, None);

        let merged = merge(&base, &ours, &ours.clone());
        assert_eq!(merged.new_conflicts, 0);
        assert_eq!(merged.workspace, ours);
    }

    #[test]
    fn lists_in_a_record_merge_as_sets() {
        let base = sample();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let source = base.sources.iter().next().expect("a source").id.clone();
        change_figure(&mut ours, WEEK, |o| {
            o.regions = vec!["northern Iraq".to_owned()];
        });
        change_figure(&mut theirs, WEEK, |o| {
            o.regions.push("Türkiye".to_owned());
            o.sources.push(Citation {
                source: source.clone(),
                quote: "added by them".to_owned(),
            });
        });
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 0);
        let week = week(&merged.workspace);
        // We dropped northern Syria, they added Türkiye.
        assert_eq!(week.regions, ["northern Iraq", "Türkiye"]);
        assert!(week.sources.iter().any(|c| c.quote == "added by them"));
    }

    #[test]
    fn conflicts_already_recorded_on_either_side_are_kept_once() {
        let base = sample();
        let mut ours = base.clone();
        change_figure(&mut ours, WEEK, |o| o.value = 56);
        let mut theirs = base.clone();
        change_figure(&mut theirs, WEEK, |o| o.value = 60);
        let once = merge(&base, &ours, &theirs).workspace;
        let twice = merge(&base, &once, &once.clone()).workspace;
        assert_eq!(twice.conflicts.len(), 1);
    }
}

mod resolving {
    use super::*;
    use crate::compare::{Side, resolve, shown_values, subject};

    const WEEK: &str = "2024-04-25-neutralised-week";

    fn conflicted() -> Workspace {
        let base = sample();
        let mut ours = base.clone();
        change_figure(&mut ours, WEEK, |o| o.value = 56);
        ours.title = "Ours".to_owned();
        let mut theirs = base.clone();
        change_figure(&mut theirs, WEEK, |o| o.value = 60);
        theirs.title = "Theirs".to_owned();
        merge(&base, &ours, &theirs).workspace
    }

    #[test]
    fn a_conflict_reads_as_its_record_field_and_three_values() {
        let ws = conflicted();
        let figure = ws
            .conflicts
            .iter()
            .find(|c| c.field == "value")
            .expect("the figure's");
        assert_eq!(
            subject(&ws, figure),
            "figure 56 neutralised, northern Iraq + northern Syria, 19–25 Apr 2024: Value"
        );
        assert_eq!(shown_values(&ws, figure), ["54", "56", "60"]);
        let title = ws
            .conflicts
            .iter()
            .find(|c| c.field == "title")
            .expect("the title's");
        assert_eq!(subject(&ws, title), "the workspace's title");
        assert_eq!(shown_values(&ws, title)[2], "Theirs");
    }

    #[test]
    fn taking_theirs_or_keeping_ours_is_one_undoable_edit() {
        let ws = conflicted();
        assert_eq!(ws.conflicts.len(), 2);
        let index = ws
            .conflicts
            .iter()
            .position(|c| c.field == "value")
            .unwrap();

        let mut taken = ws.clone();
        let inverse = resolve(&ws, index, Side::Theirs)
            .expect("resolvable")
            .apply(&mut taken)
            .expect("applies");
        assert_eq!(taken.observations.get(WEEK).unwrap().value, 60);
        assert_eq!(taken.conflicts.len(), 1);
        let mut undone = taken.clone();
        inverse.apply(&mut undone).expect("undoes");
        assert_eq!(undone, ws);

        let mut kept = ws.clone();
        resolve(&ws, index, Side::Ours)
            .unwrap()
            .apply(&mut kept)
            .unwrap();
        assert_eq!(kept.observations.get(WEEK).unwrap().value, 56);
        assert_eq!(kept.conflicts.len(), 1);

        let title = ws
            .conflicts
            .iter()
            .position(|c| c.field == "title")
            .unwrap();
        let mut retitled = ws.clone();
        resolve(&ws, title, Side::Theirs)
            .unwrap()
            .apply(&mut retitled)
            .unwrap();
        assert_eq!(retitled.title, "Theirs");
        assert!(resolve(&ws, 9, Side::Ours).is_none());
    }

    #[test]
    fn taking_theirs_restores_a_record_we_deleted() {
        let base = sample();
        let mut ours = base.clone();
        ours.observations.remove(WEEK);
        let mut theirs = base.clone();
        change_figure(&mut theirs, WEEK, |o| o.value = 60);
        let ws = merge(&base, &ours, &theirs).workspace;
        assert_eq!(shown_values(&ws, &ws.conflicts[0])[1], "(deleted)");
        let mut resolved = ws.clone();
        resolve(&ws, 0, Side::Theirs)
            .unwrap()
            .apply(&mut resolved)
            .unwrap();
        assert_eq!(resolved.observations.get(WEEK).unwrap().value, 60);
        assert!(resolved.conflicts.is_empty());
        assert!(resolved.validate().is_empty());
    }
}

#[test]
fn a_merge_keeps_both_sides_history_in_time_order() {
    use crate::model::HistoryEntry;
    let entry = |at: &str, what: &str| HistoryEntry {
        at: at.to_owned(),
        user: "desk".to_owned(),
        name: String::new(),
        what: what.to_owned(),
        records: Vec::new(),
        fields: Vec::new(),
    };
    let mut base = sample();
    base.history.push(entry("2026-12-01T09:00:00Z", "base"));
    let mut ours = base.clone();
    ours.history.push(entry("2026-12-03T09:00:00Z", "ours"));
    let mut theirs = base.clone();
    theirs.history.push(entry("2026-12-02T09:00:00Z", "theirs"));
    let merged = merge(&base, &ours, &theirs).workspace;
    let whats: Vec<&str> = merged.history.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(whats, ["base", "theirs", "ours"]);
}

mod merging_by_history {
    use super::*;
    use crate::document::{Document, Origin, Recorder};
    use crate::model::{Edit, Record};

    const WEEK: &str = "2024-04-25-neutralised-week";
    const YTD: &str = "2024-04-25-neutralised-ytd";

    /// A copy of `ws` with `change` made through a document, so that it is
    /// in the history, as the app records it.
    fn changed(ws: &Workspace, id: &str, value: u64, at: &'static str) -> Workspace {
        let mut doc = Document::new(ws.clone(), Origin::New);
        let mut recorder = Recorder::system("");
        recorder.clock = std::sync::Arc::new(move || at.to_owned());
        doc.set_recorder(Some(recorder));
        let mut figure = ws.observations.get(id).cloned().unwrap();
        figure.value = value;
        doc.apply(Edit::put(Record::Observation(figure))).unwrap();
        doc.workspace().clone()
    }

    #[test]
    fn copies_of_one_workspace_merge_by_what_each_side_recorded() {
        let shared = changed(&sample(), YTD, 803, "2026-12-01T09:00:00Z");
        let ours = changed(&shared, WEEK, 56, "2026-12-02T09:00:00Z");
        let theirs = changed(&shared, YTD, 805, "2026-12-02T10:00:00Z");
        let merged = merge_by_history(&ours, &theirs).expect("they share the first change");
        assert_eq!(merged.new_conflicts, 0);
        let ws = merged.workspace;
        assert_eq!(ws.observations.get(WEEK).unwrap().value, 56, "ours");
        assert_eq!(ws.observations.get(YTD).unwrap().value, 805, "theirs");
        assert_eq!(
            ws.history.len(),
            3,
            "the shared entry once, then each side's"
        );

        // Both changed the week: ours is kept, and the conflict recorded.
        let theirs = changed(&shared, WEEK, 60, "2026-12-02T10:00:00Z");
        let merged = merge_by_history(&ours, &theirs).unwrap();
        assert_eq!(merged.new_conflicts, 1);
        assert_eq!(merged.workspace.observations.get(WEEK).unwrap().value, 56);
    }

    #[test]
    fn copies_without_shared_history_or_with_unlisted_changes_are_not_merged() {
        let ours = changed(&sample(), WEEK, 56, "2026-12-02T09:00:00Z");
        let theirs = changed(&sample(), WEEK, 60, "2026-12-02T10:00:00Z");
        assert_eq!(
            merge_by_history(&ours, &theirs).err(),
            Some(NoSharedBase::Unrelated)
        );
    }
}

#[test]
fn a_record_deleted_on_one_side_but_newly_referred_to_on_the_other_is_kept_as_a_conflict() {
    let base = sample();
    let instrument = base.instruments.iter().next().unwrap().id.clone();
    let event = base
        .events
        .iter()
        .find(|e| !e.instruments.contains(&instrument))
        .unwrap()
        .clone();
    let mut ours = base.clone();
    let mut linked = event.clone();
    linked.instruments.push(instrument.clone());
    ours.events.put(linked);
    let mut theirs = base.clone();
    let delete =
        crate::model::delete_with_references(&theirs, &RecordId::Instrument(instrument.clone()))
            .unwrap();
    delete.apply(&mut theirs).unwrap();

    let merged = merge(&base, &ours, &theirs);
    assert!(
        merged.workspace.instruments.contains(instrument.as_str()),
        "kept"
    );
    assert!(
        merged
            .workspace
            .validate()
            .iter()
            .all(|e| e.message.starts_with("unresolved merge conflict"))
    );
    assert!(
        merged
            .workspace
            .conflicts
            .iter()
            .any(|c| c.id == instrument.as_str() && c.theirs.is_none())
    );
}
