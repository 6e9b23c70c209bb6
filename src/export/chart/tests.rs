use super::paint::hatch_segments;
use super::*;
use crate::analysis::RegionScope;
use crate::model::{Classification, Observation};

fn sample() -> (Workspace, Analysis) {
    let ws = crate::store::sample().unwrap();
    let analysis = Analysis::compute(&ws);
    (ws, analysis)
}

fn neutralised() -> MetricId {
    MetricId::new("neutralised")
}

#[test]
fn the_monthly_chart_has_one_series_per_region_over_the_months_shown() {
    let (ws, analysis) = sample();
    let chart = Chart::build(
        &ws,
        &analysis,
        ChartKind::Monthly,
        &neutralised(),
        &ChartView::default(),
    )
    .unwrap();
    assert_eq!(
        chart.categories,
        ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024 (1–25)"]
    );
    let labels: Vec<&str> = chart.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["northern Iraq", "northern Syria"]);
    assert_eq!(chart.layout, Layout::StackedBars);
    // The sample's figures reach 25 April: April is a partial month.
    assert_eq!(chart.period, "Jan 2024 – Apr 2024 (1–25)");
    assert!(chart.series.iter().all(|s| s.values[3].unwrap().partial));
    assert!(chart.series.iter().all(|s| !s.values[2].unwrap().partial));
    assert!(chart.has_partial());
    // The stacks are the all-regions figures of the sample (213, 199, 213, 177
    // from the analysis tests) give or take the regional rounding.
    let stacks: Vec<u64> = (0..4)
        .map(|i| {
            chart
                .series
                .iter()
                .map(|s| s.values[i].unwrap().value)
                .sum()
        })
        .collect();
    assert_eq!(stacks.iter().sum::<u64>(), 802);
    assert_eq!(chart.top(), *stacks.iter().max().unwrap());
    assert!(chart.has_estimated());
    assert!(!chart.sources.is_empty());
    assert_eq!(chart.marking, ws.marking);
}

#[test]
fn options_select_regions_months_and_layout() {
    let (ws, analysis) = sample();
    let known = analysis.regions[&neutralised()].clone();
    let mut view = ChartView {
        from: "2024-03".into(),
        side_by_side: true,
        ..ChartView::default()
    };
    view.show_only(&["NORTHERN IRAQ".to_owned()], &known)
        .unwrap();
    let chart = Chart::build(&ws, &analysis, ChartKind::Monthly, &neutralised(), &view).unwrap();
    assert_eq!(chart.categories, ["Mar 2024", "Apr 2024 (1–25)"]);
    assert_eq!(chart.series.len(), 1);
    assert_eq!(chart.title, "Neutralised per month, northern Iraq");
    assert_eq!(chart.layout, Layout::GroupedBars);

    let error = view
        .show_only(&["Gaziantep".to_owned()], &known)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "no region \"Gaziantep\" for this metric; it has: northern Iraq, northern Syria"
    );
}

#[test]
fn the_cumulative_chart_ends_on_the_total_of_the_months_shown() {
    let (ws, analysis) = sample();
    let chart = Chart::build(
        &ws,
        &analysis,
        ChartKind::Cumulative,
        &neutralised(),
        &ChartView::default(),
    )
    .unwrap();
    assert_eq!(chart.layout, Layout::Lines);
    let last = chart.series[0].values.last().unwrap().unwrap();
    assert_eq!(last.value, 802);
}

#[test]
fn a_restricted_figure_makes_the_chart_restricted() {
    let (mut ws, _) = sample();
    assert_eq!(ws.marking.classification, Classification::Unclassified);
    let id = ws
        .observations
        .iter()
        .find(|o| o.metric == neutralised())
        .map(|o| o.id.clone())
        .unwrap();
    let mut restricted: Observation = ws.observations.get(id.as_str()).unwrap().clone();
    restricted.marking = Some(Marking::new(Classification::Restricted));
    ws.observations.put(restricted);
    let analysis = Analysis::compute(&ws);
    let chart = Chart::build(
        &ws,
        &analysis,
        ChartKind::Monthly,
        &neutralised(),
        &ChartView::default(),
    )
    .unwrap();
    assert_eq!(chart.marking.classification, Classification::Restricted);
    // A chart of another metric does not draw from that figure.
    let other = ws
        .metrics
        .iter()
        .map(|m| m.id.clone())
        .find(|m| *m != neutralised() && analysis.series(m, &RegionScope::All).is_some())
        .unwrap();
    let chart = Chart::build(
        &ws,
        &analysis,
        ChartKind::Monthly,
        &other,
        &ChartView::default(),
    )
    .unwrap();
    assert_eq!(chart.marking.classification, Classification::Unclassified);
}

#[test]
fn unknown_metrics_and_empty_ranges_are_errors_that_say_so() {
    let (ws, analysis) = sample();
    let error = Chart::build(
        &ws,
        &analysis,
        ChartKind::Monthly,
        &MetricId::new("arrests"),
        &ChartView::default(),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("no metric \"arrests\" in this workspace; it has: "),
        "{error}"
    );
    let view = ChartView {
        from: "2030-01".into(),
        ..ChartView::default()
    };
    let error =
        Chart::build(&ws, &analysis, ChartKind::Monthly, &neutralised(), &view).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no figures for Neutralised in the months chosen"
    );
}

#[test]
fn hatching_stays_inside_the_bar() {
    let rect = (10, 20, 40, 120);
    let segments = hatch_segments(rect, 12);
    assert!(segments.len() >= 8, "{segments:?}");
    for ((x0, y0), (x1, y1)) in segments {
        for (x, y) in [(x0, y0), (x1, y1)] {
            assert!((10..=40).contains(&x) && (20..=120).contains(&y), "{x},{y}");
        }
        // 45°, rising to the right.
        assert_eq!(x1 - x0, y0 - y1);
        assert!(x1 > x0);
    }
    assert!(hatch_segments((5, 5, 5, 5), 12).is_empty());
}

#[test]
fn sizes_outside_the_limits_are_refused_with_the_limits() {
    let too_big = ChartSize {
        width: 100_000,
        ..ChartSize::default()
    };
    assert_eq!(
        too_big.check().unwrap_err().to_string(),
        "100000×900 pixels: width and height must be between 320 and 10000"
    );
    assert!(ChartSize::default().check().is_ok());
}

#[test]
fn beyond_eight_regions_the_smallest_are_added_up_as_one_series() {
    let mut ws = Workspace::default();
    ws.metrics.put(crate::model::Metric {
        id: neutralised(),
        name: "Neutralised".into(),
        ..crate::model::Metric::default()
    });
    for value in 1..=10u64 {
        ws.observations.put(Observation {
            id: crate::model::ObservationId::new(format!("o{value}")),
            metric: neutralised(),
            regions: vec![format!("region {value:02}")],
            start: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(),
            value,
            ..Observation::default()
        });
    }
    let analysis = Analysis::compute(&ws);
    let series = ChartView::default().series(&analysis, &neutralised());
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "region 04",
            "region 05",
            "region 06",
            "region 07",
            "region 08",
            "region 09",
            "region 10",
            "3 other regions"
        ]
    );
    assert_eq!(series[7].months[0].value, 1 + 2 + 3);
    let total: u64 = series.iter().map(|s| s.months[0].value).sum();
    assert_eq!(total, 55);
}

#[test]
fn a_partial_month_is_labelled_with_its_days_drawn_narrow_and_named_in_the_legend() {
    let (ws, analysis) = sample();
    let chart = Chart::build(
        &ws,
        &analysis,
        ChartKind::Monthly,
        &neutralised(),
        &ChartView::default(),
    )
    .unwrap();
    let svg = to_svg(&chart, ChartSize::default()).unwrap();
    assert!(svg.contains("Apr 2024 (1–25)"), "{svg}");
    assert!(svg.contains(PARTIAL_LEGEND));
    // Whole months only: no partial entry in the legend.
    let view = ChartView {
        to: "2024-03".into(),
        ..ChartView::default()
    };
    let whole = Chart::build(&ws, &analysis, ChartKind::Monthly, &neutralised(), &view).unwrap();
    assert!(
        !to_svg(&whole, ChartSize::default())
            .unwrap()
            .contains(PARTIAL_LEGEND)
    );
}

#[test]
fn year_over_year_leaves_a_partial_month_out_and_says_so() {
    let (ws, analysis) = sample();
    let chart = Chart::build(
        &ws,
        &analysis,
        ChartKind::Years,
        &neutralised(),
        &ChartView::default(),
    )
    .unwrap();
    let values: Vec<Option<u64>> = chart.series[0]
        .values
        .iter()
        .map(|v| v.map(|v| v.value))
        .collect();
    let months = analysis.series(&neutralised(), &RegionScope::All).unwrap();
    let expected: Vec<Option<u64>> = (1..=12u32)
        .map(|m| {
            months
                .months
                .iter()
                .find(|v| v.month.month == m && !v.partial)
                .map(|v| v.value)
        })
        .collect();
    assert_eq!(values, expected);
    assert_eq!(values[3], None, "April 2024 reaches only the 25th");
    assert_eq!(
        chart.period,
        "2024 · Left out as partial months: Apr 2024 (1–25)"
    );
}
