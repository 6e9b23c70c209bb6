//! The Statistics tab: how months are allocated, in the tab's own help, and
//! a problem's per-region details under its message.

mod common;

use coopdesk::document::{Document, Origin};
use coopdesk::ui::{App, Command, Tab};
use egui_kittest::kittest::Queryable as _;

/// The sample with one regional figure raised by 10, so that the regions no
/// longer add up to their total.
/// Also returns the problem's details.
fn with_regions_that_do_not_sum() -> (egui_kittest::Harness<'static, App>, Vec<String>) {
    let mut ws = coopdesk::store::sample().unwrap();
    let mut figure = ws
        .observations
        .iter()
        .find(|o| o.metric.as_str() == "neutralised" && o.regions == ["northern Iraq"])
        .cloned()
        .expect("the sample splits neutralised by region");
    figure.value += 10;
    ws.observations.put(figure);
    let analysis = coopdesk::analysis::Analysis::compute(&ws);
    let details = analysis
        .problems
        .iter()
        .find(|p| !p.details.is_empty())
        .expect("the raised figure makes a region-sum problem with details")
        .details
        .clone();
    let mut harness = common::harness(App::with_document(Document::new(ws, Origin::New)));
    harness.get_by_label("Statistics").click();
    harness.run();
    (harness, details)
}

#[test]
fn the_allocation_rule_is_in_the_tabs_help() {
    let mut harness = common::sample();
    harness.get_by_label("Statistics").click();
    harness.run();
    let help = harness.get_by_label("How months are allocated");
    help.scroll_to_me();
    harness.run();
    harness.get_by_label("How months are allocated").click();
    harness.run();
    harness.get_by_label(coopdesk::analysis::ALLOCATION_RULE);
    harness.get_by_label_contains("partial month");
}

#[test]
fn a_problem_lists_its_regions_under_details() {
    let (mut harness, lines) = with_regions_that_do_not_sum();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("northern Iraq "), "{lines:?}");
    harness.get_by_label_contains("2 regions add up to");
    harness.get_by_label_contains("than the total");
    let details = harness.get_by_label("Details (2)");
    details.scroll_to_me();
    harness.run();
    // Folded until asked for.
    for line in &lines {
        assert!(harness.query_by_label(line).is_none(), "{line}");
    }
    harness.get_by_label("Details (2)").click();
    harness.run();
    for line in &lines {
        harness.get_by_label(line);
    }
}

#[test]
fn compare_years_leaves_the_partial_month_out_as_the_exported_chart_does() {
    let mut harness = common::sample();
    harness.get_by_label("Statistics").click();
    harness.run();
    harness.get_by_label("Compare years").click();
    harness.run();
    let ws = coopdesk::store::sample().unwrap();
    let analysis = coopdesk::analysis::Analysis::compute(&ws);
    let metric = coopdesk::model::MetricId::new("neutralised");
    let months = &analysis
        .series(&metric, &coopdesk::analysis::RegionScope::All)
        .unwrap()
        .months;
    let note = coopdesk::export::chart::YearOverYear::of(months).left_out_note();
    assert_eq!(note, "Left out as partial months: Apr 2024 (1–25).");
    let found = harness.get_by_label(&note);
    found.scroll_to_me();
}

#[test]
fn a_bars_hover_text_is_a_tooltip_kept_whole_on_the_screen() {
    let mut harness = common::sample();
    harness.state_mut().send(Command::ShowTab(Tab::Statistics));
    harness.run();
    // The note right under the monthly chart: the bars stand just above it.
    let note = harness
        .get_by_label_contains("Solid: reported for the month")
        .rect();
    let width = harness.ctx.content_rect().width();
    let y = note.top() - 40.0;
    let mut seen = 0;
    let mut x = 40.0;
    while x < width - 10.0 {
        harness.hover_at(egui::pos2(x, y));
        harness.run();
        for tooltip in harness.query_all_by_label_contains("(estimated: allocated pro rata") {
            seen += 1;
            let rect = tooltip.rect();
            assert!(
                rect.right() <= width + 0.5,
                "the tooltip at x = {x} runs off the screen: {rect:?}"
            );
        }
        x += 15.0;
    }
    assert!(seen > 0, "hovering the bars shows their figures");
}
