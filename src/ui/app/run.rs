//! `App::run`: every command, from a menu, key, button, palette or dialog,
//! is carried out here, after the frame is drawn. It is the one caller of
//! `Document::apply`.

use crate::model::RecordId;
use crate::ui::app::file_dialog::FileAction;
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::delete::DeleteConfirm;
use crate::ui::dialogs::find::FindWindow;
use crate::ui::dialogs::palette::Palette;
use crate::ui::dialogs::properties::PropertiesDialog;
use crate::ui::forms::FormWindow;
use crate::ui::{App, Change, Command, GuardedAction, Tab};

impl App {
    pub(super) fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guarded(GuardedAction::New, ctx),
            Command::Open => self.guarded(GuardedAction::Open, ctx),
            Command::Save => self.save(ctx),
            Command::SaveAs => self.choose_file(FileAction::SaveAs, ctx),
            Command::Quit => self.guarded(GuardedAction::Quit, ctx),
            Command::ImportFigures => self.choose_file(FileAction::ImportCsv, ctx),
            Command::ExportFigures => self.choose_file(FileAction::ExportCsv, ctx),
            Command::ExportSeries => self.choose_file(FileAction::ExportSeriesCsv, ctx),
            Command::ExportChart(kind) => self.choose_file(FileAction::ExportChart(kind), ctx),
            Command::CopyChart(kind) => self.copy_chart(kind, ctx),
            Command::ExportBrief => self.choose_file(FileAction::ExportBrief, ctx),
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
            Command::WorkspaceProperties => {
                let dialog = PropertiesDialog::new(self.doc.workspace());
                self.open_modal(Modal::Properties(dialog));
            }
            Command::Find => self.open_modal(Modal::Find(FindWindow::default())),
            Command::CommandPalette => self.open_modal(Modal::Palette(Palette::default())),
            Command::NewRecord(kind) => {
                let form = FormWindow::create(kind, self.doc.workspace());
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
        let applied = match description {
            Some(description) => self.doc.apply_as(edit, description),
            None => self.doc.apply(edit),
        };
        if let Err(err) = applied {
            self.show_error(format!("The change was not made: {err}"));
            return;
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
