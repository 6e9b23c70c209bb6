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
        "the header has no end column; the columns are metric, regions, start, end, value, reported_on, source, qualifier, note"
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

#[test]
fn export_then_import_gives_the_same_figures() {
    let ws = sample();
    let mut csv = Vec::new();
    write_observations_csv(&ws, &mut csv).unwrap();
    let mut empty = ws.clone();
    empty.observations = Default::default();
    let plan = plan_import(&empty, &csv, |_, _| true).unwrap();
    assert_eq!(plan.rejected, []);
    assert!(plan.new_metrics.is_empty() && plan.new_sources.is_empty());
    let strip = |o: &Observation| {
        let mut o = o.clone();
        o.id = ObservationId::default();
        for c in &mut o.sources {
            c.quote.clear();
        }
        o
    };
    let mut imported: Vec<Observation> = plan.to_add.iter().map(|(_, o)| strip(o)).collect();
    let mut original: Vec<Observation> = ws.observations.iter().map(strip).collect();
    imported.sort_by_key(|o| (o.metric.clone(), o.start, o.end, o.value));
    original.sort_by_key(|o| (o.metric.clone(), o.start, o.end, o.value));
    assert_eq!(imported, original);
}

#[test]
fn importing_is_one_edit_that_undo_reverses_exactly() {
    let mut ws = sample();
    let original = ws.clone();
    let plan = plan(
        &ws,
        "metric,start,end,value,source\nkilled,2024-04-26,2024-05-02,3,New briefing\n",
    );
    let undo = plan.edit().apply(&mut ws).unwrap();
    assert_eq!(ws.observations.len(), original.observations.len() + 1);
    assert!(ws.metrics.contains("killed") && ws.sources.len() == 2);
    assert_eq!(ws.validate(), []);
    undo.apply(&mut ws).unwrap();
    assert_eq!(ws, original);
}

#[test]
fn metric_ids_match_ignoring_case() {
    let plan = plan(
        &sample(),
        "metric,start,end,value\nNeutralised,2024-04-26,2024-05-02,3\nNEW_Metric,2024-04-26,2024-05-02,3\nnew_metric,2024-05-03,2024-05-09,3\n",
    );
    let metrics: Vec<&str> = plan.to_add.iter().map(|(_, o)| o.metric.as_str()).collect();
    assert_eq!(metrics, ["neutralised", "new_metric", "new_metric"]);
    assert_eq!(plan.new_metrics.len(), 1);
}

/// Found by `cargo fuzz run csv_import`: NUL bytes in a metric id made an
/// import create a metric that fails validation.
#[test]
fn a_metric_id_with_control_characters_is_rejected() {
    let plan = plan(
        &Workspace::default(),
        "metric,start,end,value\n\u{0}\u{0}neutralised,2024-01-01,2024-01-07,3\n",
    );
    assert_eq!(plan.rejected.len(), 1);
    assert_eq!(plan.rejected[0].column, "metric");
    assert!(plan.new_metrics.is_empty());
}

#[test]
fn a_quote_column_becomes_the_citation_quote_when_a_source_is_named() {
    let text = "metric,start,end,value,source,quote\n\
        neutralised,2024-04-19,2024-04-25,54,MND briefing,\"“neutralised” 54, he said.\"\n\
        surrendered,2024-04-21,2024-04-21,2,,Two surrendered.\n";
    let plan = plan(&Workspace::default(), text);
    assert_eq!(plan.rejected, []);
    assert!(
        plan.ignored_columns.is_empty(),
        "{:?}",
        plan.ignored_columns
    );
    let (_, with_source) = &plan.to_add[0];
    assert_eq!(with_source.sources[0].quote, "“neutralised” 54, he said.");
    let (_, without) = &plan.to_add[1];
    assert!(without.sources.is_empty());
}
