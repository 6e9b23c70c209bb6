//! `App::run`: every command, from a menu, key, button, palette or dialog,
//! is carried out here, after the frame is drawn. It is the one caller of
//! `Document::apply`.

use crate::model::{Edit, Observation, REVIEWED, Record, RecordId};
use crate::ui::app::file_dialog::FileAction;
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::compare::CompareDialog;
use crate::ui::dialogs::conflicts::ConflictsDialog;
use crate::ui::dialogs::delete::DeleteConfirm;
use crate::ui::dialogs::find::FindWindow;
use crate::ui::dialogs::history::HistoryDialog;
use crate::ui::dialogs::palette::Palette;
use crate::ui::dialogs::properties::PropertiesDialog;
use crate::ui::forms::{FigureDefaults, FormWindow};
use crate::ui::{App, Change, Command, ExportStep, GuardedAction, Tab};

impl App {
    pub(super) fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guarded(GuardedAction::New, ctx),
            Command::Open => self.guarded(GuardedAction::Open, ctx),
            // A file saved with conflicts keeps them; Save says so first.
            Command::Save if !self.doc.workspace().conflicts.is_empty() => {
                self.open_modal(Modal::Conflicts(ConflictsDialog { before_save: true }));
            }
            Command::Save | Command::SaveKeepingConflicts => self.save(ctx),
            Command::SaveAs => self.choose_file(FileAction::SaveAs, ctx),
            Command::EncryptWorkspace => self.ask_encrypt(),
            Command::RemoveEncryption => self.ask_remove_encryption(),
            Command::SetEncryption(passphrase) => self.set_encryption(passphrase, ctx),
            Command::Unlock {
                path,
                action,
                passphrase,
            } => self.unlock(path, action, &passphrase, ctx),
            Command::Quit => self.guarded(GuardedAction::Quit, ctx),
            Command::ImportFigures => self.choose_file(FileAction::ImportCsv, ctx),
            Command::PasteBriefing => self.open_modal(Modal::PasteBriefing(Box::default())),
            Command::OpenBriefingText => self.choose_file(FileAction::OpenBriefingText, ctx),
            Command::PasteBriefingText(text) => {
                let dialog = crate::ui::dialogs::paste_briefing::PasteBriefing::with_text(text);
                self.open_modal(Modal::PasteBriefing(Box::new(dialog)));
            }
            Command::ExportFigures => self.export(ExportStep::File(FileAction::ExportCsv), ctx),
            Command::ExportSeries => {
                self.export(ExportStep::File(FileAction::ExportSeriesCsv), ctx);
            }
            Command::ExportChart(kind) => {
                self.export(ExportStep::File(FileAction::ExportChart(kind)), ctx);
            }
            Command::CopyChart(kind) => self.export(ExportStep::CopyChart(kind), ctx),
            Command::ExportTimeline => {
                self.export(ExportStep::File(FileAction::ExportTimeline), ctx);
            }
            Command::CopyTimeline => self.export(ExportStep::CopyTimeline, ctx),
            Command::ExportBrief => self.export(ExportStep::File(FileAction::ExportBrief), ctx),
            Command::ExportAt(level, step) => {
                self.release_level = level;
                self.export_step(step, ctx);
            }
            Command::Undo => {
                let label = self.doc.undo_label().map(str::to_owned);
                match label {
                    Some(label) if self.doc.undo() => self.show_info(format!("Undid: {label}")),
                    _ => self.show_info("Nothing to undo."),
                }
            }
            Command::Redo => {
                let label = self.doc.redo_label().map(str::to_owned);
                match label {
                    Some(label) if self.doc.redo() => self.show_info(format!("Redid: {label}")),
                    _ => self.show_info("Nothing to redo."),
                }
            }
            Command::CompareWith => self.choose_file(FileAction::CompareWith, ctx),
            Command::MergeWith => self.choose_file(FileAction::MergeWith, ctx),
            Command::Merge { path, theirs } => self.merge_copy(path, theirs, ctx),
            Command::ShowHistory => self.open_modal(Modal::History(HistoryDialog::default())),
            Command::SetDisplayName(name) => self.set_display_name(name),
            Command::MarkReviewed => {
                if let Some(recorder) = self.doc.recorder() {
                    let entry = recorder.entry(REVIEWED, None, self.doc.workspace());
                    let change = Change::from(Edit::PushHistory(Box::new(entry)));
                    self.apply(change, ctx);
                    self.show_info("Marked as reviewed: the Overview counts changes from now on.");
                }
            }
            Command::Compare { path, theirs } => {
                let dialog = CompareDialog::new(path, theirs);
                self.open_modal(Modal::Compare(Box::new(dialog)));
            }
            Command::ResolveConflicts { before_save } => {
                self.open_modal(Modal::Conflicts(ConflictsDialog { before_save }));
            }
            Command::WorkspaceProperties => {
                let dialog = PropertiesDialog::new(self.doc.workspace());
                self.open_modal(Modal::Properties(dialog));
            }
            Command::Find => self.open_modal(Modal::Find(FindWindow::default())),
            Command::CommandPalette => self.open_modal(Modal::Palette(Palette::default())),
            Command::NewRecord(kind) => {
                let defaults = self.figure_defaults();
                let form = FormWindow::create(kind, self.doc.workspace(), &defaults);
                self.open_modal(Modal::Form(form));
            }
            Command::EditRecord(record) => match FormWindow::edit(&record, self.doc.workspace()) {
                Some(form) => self.open_modal(Modal::Form(form)),
                None => self.show_error(format!("There is no {record} to edit.")),
            },
            Command::DeleteRecord(record) => {
                match DeleteConfirm::new(self.doc.workspace(), &record) {
                    Some(confirm) => self.open_modal(Modal::Delete(confirm)),
                    None => self.show_error(format!("There is no {record} to delete.")),
                }
            }
            Command::ShowTab(tab) => self.view.tab = tab,
            Command::SetAutosaveInterval(secs) => {
                self.view.autosave_secs = Some(secs);
                self.set_autosave_interval(std::time::Duration::from_secs(secs.max(1)));
            }
            Command::ToggleTheme => {
                let dark = ctx.theme() == egui::Theme::Dark;
                self.view.dark_mode = Some(!dark);
                ctx.set_theme(if dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                });
            }
            Command::ShowShortcuts => self.shortcuts_open = true,
            Command::ShowGuide => self.guide_open = true,
            Command::Reveal(record) => self.reveal(&record),
            Command::Apply(change) => self.apply(*change, ctx),
            Command::FileChosen(action, path) => self.file_chosen(action, path, ctx),
            Command::CancelFileChoice => self.file_choice_cancelled(),
            Command::SaveBefore(action) => {
                self.save_before(action);
                self.save(ctx);
            }
            Command::DiscardBefore(action) => self.discard_before(action, ctx),
            Command::DiscardRecovery(path) => crate::store::remove_recovery(&path),
            Command::SetReadOnly(read_only) => {
                self.doc.set_read_only(read_only);
                self.check_recovery(ctx);
            }
        }
    }

    /// Makes a change as one undoable step; what follows it runs only if
    /// it was made.
    fn apply(&mut self, change: Change, ctx: &egui::Context) {
        let Change {
            edit,
            description,
            notice,
            then,
        } = change;
        let figure = saved_figure(&edit).cloned();
        let applied = match description {
            Some(description) => self.doc.apply_as(edit, description),
            None => self.doc.apply(edit),
        };
        if let Err(err) = applied {
            self.show_error(format!("The change was not made: {err}"));
            return;
        }
        if figure.is_some() {
            self.last_figure = figure;
        }
        match notice {
            Some(notice) => self.show_info(notice),
            // A notice about an earlier step ("Saved …") no longer holds.
            None => self.clear_notice(),
        }
        for command in then {
            self.run(command, ctx);
        }
    }

    /// Merges another copy: three-way from the history both share, one
    /// undoable step, conflicts listed; without a shared history, the
    /// copies are compared and records taken one by one.
    fn merge_copy(
        &mut self,
        path: std::path::PathBuf,
        theirs: std::sync::Arc<crate::model::Workspace>,
        ctx: &egui::Context,
    ) {
        let ws = self.doc.workspace();
        match crate::compare::merge_by_history(ws, &theirs) {
            Ok(merged) => {
                let taken = crate::compare::diff(ws, &merged.workspace).entries.len();
                let conflicts = merged.new_conflicts;
                let (edit, _) = crate::model::edit_between(ws, &merged.workspace);
                let summary = format!(
                    "merge of another copy: {} taken, {} recorded",
                    crate::text::count(taken, "record", "records"),
                    crate::text::count(conflicts, "conflict", "conflicts")
                );
                let then = if conflicts > 0 {
                    vec![Command::ResolveConflicts { before_save: false }]
                } else {
                    Vec::new()
                };
                self.apply(
                    Change {
                        edit,
                        description: Some(summary.clone()),
                        notice: Some(format!("Merged {}: {summary}.", path.display())),
                        then,
                    },
                    ctx,
                );
            }
            Err(why) => {
                let why = match why {
                    crate::compare::NoSharedBase::Unrelated => {
                        "the two copies share no recorded change".to_owned()
                    }
                    crate::compare::NoSharedBase::Unrecorded(what) => {
                        format!("a later change does not list its records ({what})")
                    }
                };
                self.show_info(format!(
                    "{} cannot be merged on its own: {why}. Take its records one by one, or merge with a common base: coopdesk merge BASE OURS THEIRS.",
                    path.display()
                ));
                self.run(Command::Compare { path, theirs }, ctx);
            }
        }
    }

    /// What a new figure starts from: the Statistics tab's metric when it
    /// is the tab in view, and the last figure saved, or else the last one
    /// reported in the workspace.
    fn figure_defaults(&self) -> FigureDefaults {
        let ws = self.doc.workspace();
        let last = self
            .last_figure
            .clone()
            .filter(|o| ws.observations.contains(o.id.as_str()))
            .or_else(|| {
                ws.observations
                    .iter()
                    .max_by(|a, b| (a.reported_on, &a.id).cmp(&(b.reported_on, &b.id)))
                    .cloned()
            });
        FigureDefaults {
            metric: (self.view.tab == Tab::Statistics)
                .then(|| self.view.statistics.metric().cloned())
                .flatten(),
            last,
        }
    }

    /// Shows a record in its tab.
    fn reveal(&mut self, record: &RecordId) {
        match record {
            RecordId::Instrument(id) => {
                self.view.tab = Tab::Instruments;
                self.view.instruments.reveal(id);
            }
            RecordId::Event(id) => {
                self.view.tab = Tab::Events;
                self.view.events.reveal(id);
            }
            RecordId::Source(id) => {
                self.view.tab = Tab::Sources;
                self.view.sources.reveal(id);
            }
            RecordId::Observation(id) => {
                self.view.tab = Tab::Statistics;
                self.view.statistics.reveal(self.doc.workspace(), id);
            }
            RecordId::Metric(_) | RecordId::Party(_) => {
                self.view.tab = Tab::Reference;
                self.view.reference.reveal(record);
            }
        }
    }
}

/// The figure a form's Save puts (alone, or with the sources made in the
/// form); `None` for any other change.
fn saved_figure(edit: &Edit) -> Option<&Observation> {
    match edit {
        Edit::Put(record) => match record.as_ref() {
            Record::Observation(o) => Some(o),
            _ => None,
        },
        Edit::Batch(edits) => edits.iter().rev().find_map(saved_figure),
        _ => None,
    }
}
