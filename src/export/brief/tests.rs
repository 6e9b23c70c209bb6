use super::*;
use crate::analysis::{MonthlySeries, RegionScope};
use crate::model::MetricId;

/// The brief's neutralised chart, and the series of all regions and of each
/// region it must agree with.
fn sample_brief() -> (Brief, MonthlySeries, Vec<(String, MonthlySeries)>) {
    let ws = crate::store::sample().unwrap();
    let analysis = Analysis::compute(&ws);
    let brief = Brief::build(&ws, &analysis, &BriefOptions::default());
    let metric = MetricId::new("neutralised");
    let all = analysis.series(&metric, &RegionScope::All).unwrap().clone();
    let regions = analysis
        .region_series(&metric)
        .into_iter()
        .map(|(r, s)| (r.to_owned(), s.clone()))
        .collect();
    (brief, all, regions)
}

#[test]
fn the_briefs_chart_numbers_are_the_series() {
    let (brief, all, regions) = sample_brief();
    let chart = brief
        .charts()
        .find(|c| c.title == "Neutralised per month, by region")
        .expect("a chart of neutralised by region");
    assert_eq!(chart.categories.len(), all.months.len());
    for (i, month) in all.months.iter().enumerate() {
        // The category names the month as the series does.
        assert_eq!(chart.categories[i], month.label());
        let stack: u64 = chart
            .series
            .iter()
            .filter_map(|s| s.values[i])
            .map(|v| v.value)
            .sum();
        assert_eq!(stack, month.value, "{}", month.label());
        for (series, (region, months)) in chart.series.iter().zip(&regions) {
            assert_eq!(&series.label, region);
            let value = series.values[i].unwrap();
            let expected = months.get(month.month).unwrap();
            assert_eq!(value.value, expected.value, "{region} {}", month.label());
            assert_eq!(value.partial, expected.partial);
        }
    }
}

#[test]
fn the_brief_names_partial_months_with_their_days() {
    let (brief, all, _) = sample_brief();
    let april = all.months.last().unwrap();
    assert!(april.partial, "the sample's figures reach 25 April");
    let html = String::from_utf8(brief.render(BriefFormat::Html).unwrap()).unwrap();
    assert!(html.contains("Apr 2024 (1–25)"), "the chart's axis label");
    assert!(html.contains("A narrow bar is a partial month"));
    assert!(html.contains(crate::export::chart::PARTIAL_LEGEND));
}
