//! The frame around the tabs: menu bar, marking banners, tab bar with the
//! message line, status bar, and the window title.

use egui::RichText;

use crate::document::Origin;
use crate::text::{count, group_thousands};
use crate::ui::command::AUTOSAVE_CHOICES;
use crate::ui::widgets::marking_banner;
use crate::ui::{App, Command, Tab};

/// A message shown under the tab bar until dismissed.
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

impl App {
    /// Everything around the central tab area.
    pub(super) fn bars_ui(&mut self, ui: &mut egui::Ui) {
        let marking = self.marking.latest().clone();
        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::top("marking_top")
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |ui| marking_banner(ui, &marking));
        egui::Panel::top("tab_bar").show(ui, |ui| self.tab_bar_ui(ui));
        egui::Panel::bottom("marking_bottom")
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |ui| marking_banner(ui, &marking));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let commands = &mut self.commands;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [Command::New, Command::Open, Command::Save, Command::SaveAs] {
                    command.menu_button(ui, commands);
                }
                ui.separator();
                Command::EncryptWorkspace.menu_button(ui, commands);
                Command::RemoveEncryption.menu_button(ui, commands);
                ui.separator();
                Command::MergeWith.menu_button(ui, commands);
                Command::CompareWith.menu_button(ui, commands);
                ui.separator();
                for command in [
                    Command::ImportFigures,
                    Command::PasteBriefing,
                    Command::ExportFigures,
                    Command::ExportBrief,
                ] {
                    command.menu_button(ui, commands);
                }
                ui.separator();
                Command::Quit.menu_button(ui, commands);
            });
            ui.menu_button("Edit", |ui| {
                for command in [Command::Undo, Command::Redo] {
                    command.menu_button(ui, commands);
                }
                ui.separator();
                for command in Command::all() {
                    if matches!(command, Command::NewRecord(_)) {
                        command.menu_button(ui, commands);
                    }
                }
                ui.separator();
                Command::Find.menu_button(ui, commands);
                Command::CommandPalette.menu_button(ui, commands);
            });
            ui.menu_button("Workspace", |ui| {
                Command::WorkspaceProperties.menu_button(ui, commands);
                Command::ResolveConflicts { before_save: false }.menu_button(ui, commands);
                Command::ShowHistory.menu_button(ui, commands);
                Command::MarkReviewed.menu_button(ui, commands);
            });
            ui.menu_button("View", |ui| {
                for tab in Tab::ALL {
                    Command::ShowTab(tab).menu_button(ui, commands);
                }
                ui.separator();
                Command::ToggleTheme.menu_button(ui, commands);
                ui.menu_button("Autosave", |ui| {
                    for secs in AUTOSAVE_CHOICES {
                        Command::SetAutosaveInterval(secs).menu_button(ui, commands);
                    }
                });
            });
            ui.menu_button("Help", |ui| {
                Command::ShowGuide.menu_button(ui, commands);
                Command::ShowShortcuts.menu_button(ui, commands);
            });
        });
    }

    fn tab_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for tab in Tab::ALL {
                let command = Command::ShowTab(tab);
                let text = RichText::new(tab.label()).size(15.0);
                let mut response = ui.selectable_label(self.view.tab == tab, text);
                if let Some(shortcut) = command.shortcut() {
                    response = response.on_hover_text(ui.format_shortcut(&shortcut));
                }
                if response.clicked() {
                    self.commands.push(command);
                }
            }
        });
        if let Some(message) = &self.message {
            let mut dismissed = false;
            let color = if message.is_error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    dismissed = ui.button("Dismiss").clicked();
                    ui.add(egui::Label::new(RichText::new(&message.text).color(color)).wrap());
                });
            });
            if dismissed {
                self.message = None;
            }
        }
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let place = match self.doc.origin() {
                Origin::Sample => {
                    "Built-in sample workspace (use Save As to keep a copy)".to_owned()
                }
                Origin::New => "New workspace, not saved yet".to_owned(),
                Origin::File(path) => path.display().to_string(),
            };
            ui.label(place);
            if self.doc.is_encrypted() {
                ui.label(RichText::new("encrypted").strong()).on_hover_text(
                    "Saved, backed up and autosaved encrypted with its passphrase (File → Remove encryption… to stop)",
                );
            }
            if self.doc.is_read_only() {
                ui.label(
                    RichText::new("read-only: open in another coopdesk")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            if self.doc.is_dirty() {
                ui.label(RichText::new("• unsaved changes").color(ui.visuals().warn_fg_color));
            }
            let conflicts = self.doc.workspace().conflicts.len();
            if conflicts > 0 {
                let text = count(conflicts, "merge conflict", "merge conflicts");
                let link = ui.link(RichText::new(text).color(ui.visuals().error_fg_color));
                if link
                    .on_hover_text("Keep ours or take theirs for each")
                    .clicked()
                {
                    self.commands
                        .push(Command::ResolveConflicts { before_save: false });
                }
            }
            let overdue = self.derived.latest().overdue_milestones;
            if overdue > 0 {
                let text = count(overdue, "overdue milestone", "overdue milestones");
                let link = ui.link(RichText::new(text).color(ui.visuals().error_fg_color));
                if link.on_hover_text("Show them on the Overview").clicked() {
                    self.commands.push(Command::ShowTab(Tab::Overview));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let ws = self.doc.workspace();
                ui.weak(
                    [
                        count(ws.instruments.len(), "instrument", "instruments"),
                        count(ws.events.len(), "event", "events"),
                        count(ws.observations.len(), "figure", "figures"),
                        count(ws.parties.len(), "party", "parties"),
                        count(ws.sources.len(), "source", "sources"),
                    ]
                    .join(" · "),
                );
                if self.derived.is_running() {
                    ui.label("Updating figures…");
                    ui.spinner();
                }
                self.job_ui(ui);
            });
        });
    }

    /// The file job under way: its label, progress and Cancel.
    fn job_ui(&self, ui: &mut egui::Ui) {
        let Some(job) = &self.job else {
            return;
        };
        if job.cancellable
            && !job.is_cancelled()
            && ui
                .button("Cancel")
                .on_hover_text("Stop; nothing changes")
                .clicked()
        {
            job.cancel();
        }
        if job.cancellable {
            let rows = job.rows_read();
            let fraction = job.fraction_done();
            let text = if rows > 0 {
                format!("{} rows", group_thousands(rows as u64))
            } else {
                format!("{:.0}%", fraction * 100.0)
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(220.0)
                    .text(text),
            );
        }
        ui.label(&job.label);
        ui.spinner();
    }

    pub(super) fn show_error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    pub(super) fn show_info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    /// Dismisses the message if it is a notice; errors stay until dismissed.
    pub(super) fn clear_notice(&mut self) {
        if self.message.as_ref().is_some_and(|m| !m.is_error) {
            self.message = None;
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() { "• " } else { "" };
        let read_only = if self.doc.is_read_only() {
            " (read-only)"
        } else {
            ""
        };
        let encrypted = if self.doc.is_encrypted() {
            " (encrypted)"
        } else {
            ""
        };
        let title = format!(
            "{marker}{}{encrypted}{read_only} — coopdesk",
            self.doc.display_name()
        );
        // Sending a viewport command requests a repaint: only on change.
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }
}
