use super::*;

fn plan(ws: &Workspace, text: &str) -> ImportPlan {
    plan_import(ws, text.as_bytes(), |_, _| true).expect("the file is readable")
}

fn sample() -> Workspace {
    crate::store::sample().unwrap()
}

#[test]
fn columns_in_any_order_and_case_with_bom_and_crlf() {
    let text = "\u{feff}Value , END,start,Metric,regions\r\n\"48,596\",2024-04-25,2024-01-01,prevented_border,\r\n12,2024-05-02,2024-04-26,neutralised,northern Iraq; northern Syria\r\n";
    let plan = plan(&Workspace::default(), text);
    assert_eq!(plan.rejected, []);
    assert_eq!(plan.rows, 2);
    let (line, first) = &plan.to_add[0];
    assert_eq!(*line, 2);
    assert_eq!(first.value, 48_596);
    assert_eq!(first.metric.as_str(), "prevented_border");
    let (_, second) = &plan.to_add[1];
    assert_eq!(second.regions, ["northern Iraq", "northern Syria"]);
    assert_eq!(
        plan.new_metrics
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>(),
        ["prevented_border", "neutralised"]
    );
}

#[test]
fn thousands_separators_are_read() {
    let text = "metric,start,end,value\nm,2024-01-01,2024-01-31,\"48,596\"\nm,2024-02-01,2024-02-29,48.597\nm,2024-03-01,2024-03-31,48 598\nm,2024-04-01,2024-04-30,48\u{a0}599\n";
    let values: Vec<u64> = plan(&Workspace::default(), text)
        .to_add
        .iter()
        .map(|(_, o)| o.value)
        .collect();
    assert_eq!(values, [48_596, 48_597, 48_598, 48_599]);
}

#[test]
fn each_bad_row_is_rejected_with_its_line_column_and_reason() {
    let text = "metric,start,end,value\n\
        neutralised,2024-02-30,2024-03-01,5\n\
        neutralised,2024-03-10,2024-03-01,5\n\
        neutralised,2024-03-01,2024-03-07,-4\n\
        neutralised,2024-03-01,2024-03-07,\n\
        neutralised,2024-03-01,2024-03-07,many\n\
        ,2024-03-01,2024-03-07,3\n\
        neutralised,2024-03-01,2024-03-07,3\n";
    let plan = plan(&sample(), text);
    let rejected: Vec<String> = plan.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(
        rejected,
        [
            "line 2, start: 2024-02-30 is not a calendar date (no such month or day)",
            "line 3, end: 2024-03-01 is before the start 2024-03-10",
            "line 4, value: -4 is negative: counts are 0 or more",
            "line 5, value: is empty",
            "line 6, value: \"many\" is not a whole number",
            "line 7, metric: is empty",
        ]
    );
    assert_eq!(plan.to_add.len(), 1);
    assert_eq!(plan.to_add[0].0, 8);
}

#[test]
fn figures_already_present_are_skipped_not_duplicated() {
    let text = "metric,regions,start,end,value\n\
        neutralised,northern Iraq;northern Syria,2024-01-01,2024-04-25,802\n\
        neutralised,northern Syria;northern Iraq,2024-01-01,2024-04-25,802\n\
        neutralised,,2024-04-26,2024-05-02,40\n\
        neutralised,,2024-04-26,2024-05-02,40\n";
    let plan = plan(&sample(), text);
    assert_eq!(plan.already_present, [2, 3, 5]);
    assert_eq!(plan.to_add.len(), 1);
    assert!(plan.new_metrics.is_empty());
}

#[test]
fn sources_are_matched_by_title_or_created_once() {
    let text = "metric,start,end,value,source\n\
        neutralised,2024-04-26,2024-05-02,40,\"ministry of national defence weekly press briefing, 25 april 2024 (news report)\"\n\
        neutralised,2024-05-03,2024-05-09,41,Briefing of 9 May 2024\n\
        neutralised,2024-05-10,2024-05-16,42,Briefing of 9 May 2024\n";
    let ws = sample();
    let plan = plan(&ws, text);
    assert_eq!(plan.new_sources.len(), 1);
    assert_eq!(plan.new_sources[0].title, "Briefing of 9 May 2024");
    let cited: Vec<&str> = plan
        .to_add
        .iter()
        .map(|(_, o)| o.sources[0].source.as_str())
        .collect();
    assert_eq!(cited[1], cited[2]);
}

#[test]
fn a_missing_required_column_is_named() {
    let err = plan_import(&Workspace::default(), b"metric,start,value\n", |_, _| true).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the header has no end column; the columns are metric, regions, start, end, value, reported_on, source, qualifier, note, quote, id, supersedes, reported_at, marking, more_sources"
    );
    assert_eq!(
        plan_import(&Workspace::default(), b"", |_, _| true).unwrap_err(),
        CsvError::Empty
    );
}

#[test]
fn invalid_utf8_names_its_line() {
    let err = plan_import(
        &Workspace::default(),
        b"metric,start,end,value\nm,\xff",
        |_, _| true,
    )
    .unwrap_err();
    assert_eq!(err, CsvError::NotUtf8 { line: 2 });
}

/// Exports `ws`'s figures and imports them into `ws` without its figures.
fn export_import(ws: &Workspace) -> (ImportPlan, Workspace) {
    let mut csv = Vec::new();
    write_observations_csv(ws, &mut csv).unwrap();
    let mut empty = ws.clone();
    empty.observations = Default::default();
    let plan = plan_import(&empty, &csv, |_, _| true).unwrap();
    plan.edit().apply(&mut empty).unwrap();
    (plan, empty)
}

#[test]
fn export_then_import_gives_the_same_figures() {
    let mut ws = sample();
    // Everything a figure can hold, on one of them.
    let mut o = ws.observations.iter().next().unwrap().clone();
    o.marking = Some("RESTRICTED // REL TUR".parse().unwrap());
    o.qualifier = Qualifier::AtLeast;
    o.note = "line one\nline two, with \"quotes\"".to_owned();
    o.sources.push(Citation {
        source: o.sources[0].source.clone(),
        quote: "a second quote, from the same source".to_owned(),
    });
    ws.observations.put(o);
    let (plan, imported) = export_import(&ws);
    assert_eq!(plan.rejected, []);
    assert!(plan.new_metrics.is_empty() && plan.new_sources.is_empty());
    assert_eq!(imported, ws);
}

#[test]
fn revisions_survive_export_and_import_of_a_generated_workspace() {
    let ws = crate::generate::generate(&crate::generate::GenerateParams {
        instruments: 10,
        events: 10,
        observations: 3_000,
        seed: 7,
    });
    let revisions = ws
        .observations
        .iter()
        .filter(|o| o.supersedes.is_some())
        .count();
    assert!(revisions > 0, "the generator writes revisions");
    let (plan, imported) = export_import(&ws);
    assert_eq!(plan.rejected, []);
    assert_eq!(imported.observations, ws.observations);
    let warnings = |ws: &Workspace| crate::analysis::Analysis::compute(ws).problems.len();
    assert_eq!(warnings(&imported), warnings(&ws));
}

#[test]
fn a_file_id_taken_in_the_workspace_gets_a_new_id_and_its_revision_follows() {
    let ws = sample();
    let taken = ws.observations.iter().next().unwrap().id.clone();
    let text = format!(
        "id,supersedes,metric,start,end,value\n\
         {taken},,killed,2024-05-01,2024-05-01,3\n\
         rev,{taken},killed,2024-05-01,2024-05-01,4\n\
         old,{taken},neutralised,2024-05-01,2024-05-01,5\n"
    );
    // The third row names the file's own figure too: in a file, the
    // file's ids win over the workspace's.
    let plan = plan(&ws, &text);
    assert_eq!(plan.rejected, []);
    let first = &plan.to_add[0].1;
    assert_ne!(first.id, taken);
    assert_eq!(plan.to_add[1].1.id.as_str(), "rev");
    assert_eq!(plan.to_add[1].1.supersedes.as_ref(), Some(&first.id));
    assert_eq!(plan.to_add[2].1.supersedes.as_ref(), Some(&first.id));
}

#[test]
fn links_to_what_the_workspace_lacks_are_left_out_and_bad_values_rejected() {
    let ws = sample();
    let existing = ws.observations.iter().next().unwrap().id.clone();
    let text = format!(
        "id,supersedes,reported_at,marking,more_sources,metric,start,end,value\n\
         a,nowhere,,,,killed,2024-05-01,2024-05-01,1\n\
         b,,no-such-event,,,killed,2024-05-02,2024-05-02,1\n\
         c,,,SECRETIVE,,killed,2024-05-03,2024-05-03,1\n\
         d,,,,\"[(source: \"\"src-nope\"\", quote: \"\"\"\")]\",killed,2024-05-04,2024-05-04,1\n\
         e,,,,not ron,killed,2024-05-05,2024-05-05,1\n\
         a,,,,,killed,2024-05-06,2024-05-06,1\n\
         g,{existing},2024-04-25-mnd-weekly-briefing,UNCLASSIFIED // SYNTHETIC,,killed,2024-05-07,2024-05-07,1\n"
    );
    let plan = plan(&ws, &text);
    let shown = |rows: &[RejectedRow]| rows.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(
        shown(&plan.links_left_out),
        [
            "line 2, supersedes: names figure \"nowhere\", which is neither in this workspace nor in the file",
            "line 3, reported_at: names event \"no-such-event\", which is not in this workspace",
            "line 5, more_sources: names source \"src-nope\", which is not in this workspace",
        ]
    );
    assert_eq!(
        shown(&plan.rejected),
        [
            "line 4, marking: \"SECRETIVE\" is not a classification (UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET, TOP SECRET), optionally followed by \"// CAVEAT\"",
            "line 6, more_sources: is not a list like [(source: \"src-id\", quote: \"...\")]: Expected opening `[`",
            "line 7, id: \"a\" is used by an earlier row",
        ]
    );
    let kept: Vec<&str> = plan.to_add.iter().map(|(_, o)| o.id.as_str()).collect();
    assert_eq!(kept, ["a", "b", "d", "g"]);
    assert!(
        plan.to_add[..3].iter().all(|(_, o)| o.supersedes.is_none()
            && o.reported_at.is_none()
            && o.sources.is_empty())
    );
    let g = &plan.to_add[3].1;
    assert_eq!(g.supersedes.as_ref(), Some(&existing));
    assert_eq!(
        g.reported_at.as_ref().map(|e| e.as_str()),
        Some("2024-04-25-mnd-weekly-briefing")
    );
    assert_eq!(g.marking.as_ref().unwrap().caveats, ["SYNTHETIC"]);
    assert!(
        plan.summary().contains("3 links left out"),
        "{}",
        plan.summary()
    );
}
