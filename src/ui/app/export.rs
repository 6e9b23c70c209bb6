//! Exports (figures, series, charts, the timeline, the brief; to a file or
//! the clipboard) and their release level: when the workspace holds records
//! marked above its own marking, each export first asks for the level it
//! is for, and is made from the workspace as released at that level, so
//! that its figures are derived without the records withheld.

use std::path::PathBuf;
use std::sync::Arc;

use crate::export::chart::{self, ChartKind, ChartSize};
use crate::model::{ReleaseError, Workspace, for_release};
use crate::text::count;
use crate::ui::App;
use crate::ui::ExportStep;
use crate::ui::app::file_dialog::FileAction;
use crate::ui::app::files::with_default_extension;
use crate::ui::app::jobs::Job;
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::export_level::ExportLevelDialog;

/// What an export is made from.
struct Exported {
    workspace: Arc<Workspace>,
    /// "Released at …: N records withheld"; `None` for everything.
    notice: Option<String>,
}

impl App {
    /// Starts an export, asking for its release level first unless every
    /// record is at the workspace's marking (then nothing can be withheld).
    pub(super) fn export(&mut self, step: ExportStep, ctx: &egui::Context) {
        // The banner's marking, kept current after every change.
        let highest = self.marking.latest().clone();
        let ws = self.doc.workspace();
        if highest == ws.marking {
            self.release_level = None;
            self.export_step(step, ctx);
        } else {
            let dialog = ExportLevelDialog::new(ws, highest, step, self.release_level.as_ref());
            self.open_modal(Modal::ExportLevel(dialog));
        }
    }

    /// Carries on with an export once its release level is set.
    pub(super) fn export_step(&mut self, step: ExportStep, ctx: &egui::Context) {
        match step {
            ExportStep::File(action) => self.choose_file(action, ctx),
            ExportStep::CopyChart(kind) => self.copy_chart(kind, ctx),
            ExportStep::CopyTimeline => self.copy_timeline(ctx),
        }
    }

    fn exported(&self) -> Result<Exported, ReleaseError> {
        Ok(match &self.release_level {
            None => Exported {
                workspace: self.doc.shared_workspace(),
                notice: None,
            },
            Some(level) => {
                let release = for_release(self.doc.workspace(), level)?;
                Exported {
                    notice: Some(release.notice()),
                    workspace: Arc::new(release.workspace),
                }
            }
        })
    }

    /// The job writing the export `action` asked for to `path`; `None`
    /// when it cannot be made (and the user has been told why).
    pub(super) fn export_job(
        &mut self,
        action: FileAction,
        path: PathBuf,
        ctx: &egui::Context,
    ) -> Option<Job> {
        let exported = self
            .exported()
            .map_err(|err| self.show_error(format!("Cannot export: {err}.")))
            .ok()?;
        let released = exported.notice.is_some();
        let workspace = exported.workspace;
        let statistics = &self.view.statistics;
        let job = match action {
            FileAction::ExportSeriesCsv => {
                let path = with_default_extension(path, "csv");
                let text = if released {
                    statistics.series_csv_from(&workspace, &statistics.release_analysis(&workspace))
                } else {
                    statistics.series_csv(&workspace, &self.derived.latest().analysis)
                };
                let rows = text.lines().count().saturating_sub(1);
                Job::write_text(text, count(rows, "month row", "month rows"), path, ctx)
            }
            FileAction::ExportChart(kind) => {
                let path = with_default_extension(path, "png");
                match self.chart(&workspace, kind, exported.notice.clone()) {
                    Ok(chart) => Job::export_chart(chart, path, ctx),
                    Err(err) => {
                        self.show_error(format!("Cannot export the chart: {err}"));
                        return None;
                    }
                }
            }
            FileAction::ExportTimeline => {
                let path = with_default_extension(path, "png");
                let mut timeline = self.timeline.timeline(&workspace, self.today());
                timeline.release_note = exported.notice.clone();
                Job::export_timeline(timeline, path, ctx)
            }
            FileAction::ExportBrief => {
                let path = with_default_extension(path, "pdf");
                Job::export_brief(workspace, exported.notice.clone(), path, ctx)
            }
            FileAction::ExportCsv => {
                Job::export_csv(workspace, with_default_extension(path, "csv"), ctx)
            }
            FileAction::Open
            | FileAction::CompareWith
            | FileAction::MergeWith
            | FileAction::OpenBriefingText
            | FileAction::SaveAs
            | FileAction::ImportCsv => return None,
        };
        self.export_notice = exported.notice;
        Some(job)
    }

    /// The Statistics tab's chart of `kind` drawn from `workspace`: the
    /// tab's own figures, or a release's derived anew.
    fn chart(
        &self,
        workspace: &Workspace,
        kind: ChartKind,
        notice: Option<String>,
    ) -> Result<chart::Chart, crate::export::ChartError> {
        let statistics = &self.view.statistics;
        let mut chart = match notice {
            None => statistics.chart(workspace, &self.derived.latest().analysis, kind)?,
            Some(_) => {
                let analysis = statistics.release_analysis(workspace);
                statistics.chart_from(workspace, &analysis, kind)?
            }
        };
        chart.release_note = notice;
        Ok(chart)
    }

    /// Puts the chart on the clipboard as an image (drawn here: it takes
    /// milliseconds, and the clipboard belongs to the UI thread).
    fn copy_chart(&mut self, kind: ChartKind, ctx: &egui::Context) {
        let size = ChartSize::default();
        let copied = self
            .exported()
            .map_err(|err| err.to_string())
            .and_then(|exported| {
                let chart = self
                    .chart(&exported.workspace, kind, exported.notice)
                    .map_err(|err| err.to_string())?;
                let pixels = chart::to_rgb(&chart, size).map_err(|err| err.to_string())?;
                Ok((chart, pixels))
            });
        match copied {
            Ok((chart, pixels)) => {
                let what = format!("the chart \"{}\" ({})", chart.title, chart.marking);
                self.copy_image(ctx, size, &pixels, &what, chart.release_note.as_deref());
            }
            Err(err) => self.show_error(format!("Cannot copy the chart: {err}")),
        }
    }

    /// Puts the timeline on the clipboard as an image, as the chart is.
    fn copy_timeline(&mut self, ctx: &egui::Context) {
        let exported = match self.exported() {
            Ok(exported) => exported,
            Err(err) => {
                self.show_error(format!("Cannot copy the timeline: {err}"));
                return;
            }
        };
        let mut timeline = self.timeline.timeline(&exported.workspace, self.today());
        timeline.release_note = exported.notice;
        match crate::export::timeline::to_rgb(&timeline, crate::export::timeline::WIDTH) {
            Ok((pixels, size)) => {
                let what = format!("the timeline ({}, {})", timeline.period(), timeline.marking);
                self.copy_image(ctx, size, &pixels, &what, timeline.release_note.as_deref());
            }
            Err(err) => self.show_error(format!("Cannot copy the timeline: {err}")),
        }
    }
}

impl App {
    /// Puts RGB pixels on the clipboard and says what was copied.
    fn copy_image(
        &mut self,
        ctx: &egui::Context,
        size: ChartSize,
        pixels: &[u8],
        what: &str,
        release_note: Option<&str>,
    ) {
        let image = egui::ColorImage::from_rgb([size.width as usize, size.height as usize], pixels);
        ctx.copy_image(image);
        self.show_info(format!(
            "Copied {what} to the clipboard, {}×{} pixels.{}",
            size.width,
            size.height,
            suffix(release_note)
        ));
    }
}

/// " Released at …: N records withheld." after a notice, or nothing.
fn suffix(notice: Option<&str>) -> String {
    notice.map(|n| format!(" {n}.")).unwrap_or_default()
}
