//! The Statistics tab: monthly figures by region, the cumulative total,
//! border apprehensions against preventions (`plots`), the figures behind
//! them (`figures`) and the problems found reconciling them (`problems`).

mod bars;
mod controls;
mod figures;
mod plots;
mod problems;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, MonthlySeries, YearMonth};
use crate::export::chart::{Chart, ChartError, ChartKind, ChartView};
use crate::model::metric_ids::{APPREHENDED_BORDER, NEUTRALISED, PREVENTED_BORDER};
use crate::model::{MetricId, ObservationId, RecordId, RecordKind, Workspace};
use crate::ui::background::{Cached, INLINE_RECORDS, Revision};
use crate::ui::command::Command;
use crate::ui::tabs::TabContext;
use crate::ui::widgets::table::{ListState, filter_hash};
use crate::ui::widgets::{labelled_combo, new_record_button};
use bars::HoverTexts;
use controls::chart_controls;

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StatisticsTab {
    metric: Option<MetricId>,
    pub view: ChartView,
    figures: ListState<ObservationId>,
    /// The month whose bar was clicked: the figures table shows its figures.
    #[serde(skip)]
    selected_month: Option<YearMonth>,
    /// What the charts draw, for the workspace, metric and options it was
    /// worked out for: recomputed when they change, not every frame.
    #[serde(skip)]
    cache: ChartCache,
    /// The analysis "as known on" a date, for the workspace revision it was
    /// computed from: a whole derivation, so off the UI thread when large.
    #[serde(skip)]
    as_of: Cached<(Revision, NaiveDate), Analysis>,
    /// The "as known on" analysis the tab last asked for.
    #[serde(skip)]
    as_of_wanted: Option<(Revision, NaiveDate)>,
}

impl StatisticsTab {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut TabContext<'_>) {
        let ws = cx.ws;
        if ws.metrics.is_empty() {
            ui.weak("This workspace has no metrics or figures yet.");
            return;
        }
        let metric = self.current_metric(ws);
        self.metric = Some(metric.clone());
        ui.horizontal(|ui| {
            let mut chosen = metric.clone();
            labelled_combo(ui, "Metric", ws.metric_name(&metric), 360.0, |ui| {
                for m in &ws.metrics {
                    ui.selectable_value(&mut chosen, m.id.clone(), &m.name);
                }
            });
            if chosen != metric {
                self.metric = Some(chosen);
            }
            let export = Command::ExportSeries;
            if ui
                .button(export.label())
                .on_hover_text(export.tooltip())
                .clicked()
            {
                cx.commands.push(export);
            }
            if ui.button("Edit metric…").clicked() {
                cx.commands
                    .push(Command::EditRecord(RecordId::Metric(metric.clone())));
            }
            new_record_button(ui, cx.commands, RecordKind::Observation);
        });
        let metric = self.current_metric(ws);
        let regions = cx
            .derived
            .analysis
            .regions
            .get(&metric)
            .cloned()
            .unwrap_or_default();
        chart_controls(ui, &mut self.view, &regions);
        self.refresh_as_of(cx, ui.ctx());
        if self.as_of.is_running() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("Working out the figures as known on that date; the charts show today's meanwhile.");
            });
        }
        let Self {
            view,
            figures,
            selected_month,
            cache,
            as_of,
            as_of_wanted,
            ..
        } = self;
        let analysis = as_of_wanted
            .as_ref()
            .and_then(|key| as_of.current(key))
            .unwrap_or(&cx.derived.analysis);
        cache.refresh(
            filter_hash(&(cx.key, &metric, &*view)),
            analysis,
            view,
            &metric,
        );
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(month) = plots::monthly_ui(ui, cx, cache, view, &metric) {
                    *selected_month = Some(month);
                }
                if view.compare_years {
                    let name = ws.metric_name(&metric);
                    plots::years_ui(ui, cx.commands, analysis, &metric, name);
                }
                plots::cumulative_ui(ui, cx, analysis, view, &metric);
                if ws.metrics.contains(APPREHENDED_BORDER) && ws.metrics.contains(PREVENTED_BORDER)
                {
                    plots::border_ui(ui, cx, analysis, view, &mut cache.hovers);
                }
                figures::figures_ui(ui, cx, figures, selected_month, &metric);
                problems::problems_ui(ui, ws, analysis, &metric, figures);
            });
    }

    /// Recomputes the "as known on" analysis when the date or the workspace
    /// changed (never every frame; in the background when large).
    fn refresh_as_of(&mut self, cx: &TabContext<'_>, ctx: &egui::Context) {
        let Ok(Some(date)) = self.view.as_of_date() else {
            self.as_of_wanted = None;
            return;
        };
        let key = (cx.key, date);
        self.as_of_wanted = Some(key);
        let workspace = cx.ws.clone();
        let inline = workspace.observations.len() < INLINE_RECORDS;
        self.as_of.refresh(key, ctx, inline, move || {
            Analysis::compute_as_of(&workspace, Some(date))
        });
    }

    /// The analysis "as known on" the chosen date, once it is computed.
    fn as_of_analysis(&self) -> Option<&Analysis> {
        self.as_of.current(self.as_of_wanted.as_ref()?)
    }

    /// The chart's series as CSV, for Export series CSV.
    pub fn series_csv(&self, ws: &Workspace, analysis: &Analysis) -> String {
        self.series_csv_from(ws, self.as_of_analysis().unwrap_or(analysis))
    }

    /// The series as CSV from `analysis` as given (a release's, already as
    /// known on the tab's date).
    pub fn series_csv_from(&self, ws: &Workspace, analysis: &Analysis) -> String {
        self.view.csv(analysis, &self.current_metric(ws))
    }

    /// What the tab's exports draw on for a workspace released at a level:
    /// derived anew from it, as known on the tab's date.
    pub fn release_analysis(&self, released: &Workspace) -> Analysis {
        Analysis::compute_as_of(released, self.view.as_of_date().ok().flatten())
    }

    /// The chart of `kind` as the tab shows it (metric, regions, months,
    /// mode, "as known on"), for Export chart and Copy chart.
    pub fn chart(
        &self,
        ws: &Workspace,
        analysis: &Analysis,
        kind: ChartKind,
    ) -> Result<Chart, ChartError> {
        self.chart_from(ws, self.as_of_analysis().unwrap_or(analysis), kind)
    }

    /// The chart of `kind` from `analysis` as given (see
    /// [`Self::series_csv_from`]).
    pub fn chart_from(
        &self,
        ws: &Workspace,
        analysis: &Analysis,
        kind: ChartKind,
    ) -> Result<Chart, ChartError> {
        Chart::build(ws, analysis, kind, &self.current_metric(ws), &self.view)
    }

    /// A file name for the chart, e.g. `neutralised-monthly`.
    pub fn chart_file_stem(&self, ws: &Workspace, kind: ChartKind) -> String {
        match kind {
            ChartKind::Border => "border-monthly".to_owned(),
            _ => format!("{}-{}", self.current_metric(ws), kind.slug()),
        }
    }

    /// The metric the tab shows (`None` before it is first drawn).
    pub fn metric(&self) -> Option<&MetricId> {
        self.metric.as_ref()
    }

    fn current_metric(&self, ws: &Workspace) -> MetricId {
        self.metric
            .clone()
            .filter(|m| ws.metrics.contains(m.as_str()))
            .or_else(|| ws.metrics.get(NEUTRALISED).map(|m| m.id.clone()))
            .or_else(|| ws.metrics.iter().next().map(|m| m.id.clone()))
            .unwrap_or_default()
    }

    /// Shows the figure's metric and selects it in the figures table.
    pub fn reveal(&mut self, ws: &Workspace, id: &ObservationId) {
        if let Some(observation) = ws.observations.get(id.as_str()) {
            self.metric = Some(observation.metric.clone());
            self.figures.selected = Some(id.clone());
            self.figures.filter.clear();
            self.selected_month = None;
        }
    }
}

#[derive(Default)]
struct ChartCache {
    key: u64,
    /// The monthly chart's series: their legend labels and months.
    labels: Vec<String>,
    drawn: Vec<MonthlySeries>,
    hovers: HoverTexts,
}

impl ChartCache {
    fn refresh(&mut self, key: u64, analysis: &Analysis, view: &ChartView, metric: &MetricId) {
        if self.key != key || self.drawn.is_empty() {
            let series = view.series(analysis, metric);
            self.labels = series.iter().map(|s| s.label.clone()).collect();
            self.drawn = series
                .into_iter()
                .map(|s| MonthlySeries { months: s.months })
                .collect();
            self.hovers.clear();
            self.key = key;
        }
    }
}
