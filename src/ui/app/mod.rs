//! The app: owns the document and the tabs, draws the frame around them,
//! and runs every [`Command`] in one place after drawing.

mod file_dialog;
mod jobs;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::RichText;
use serde::{Deserialize, Serialize};

use crate::analysis::SearchIndex;
use crate::document::{Document, Origin};
use crate::export::ExportError;
use crate::export::chart::{self, ChartKind, ChartSize};
use crate::model::{Edit, RecordId, delete_with_references, references_to};
use crate::store;
use crate::text::count;
use crate::ui::app::file_dialog::{
    DialogOutcome, FileAction, NativeDialog, PathPrompt, PromptOutcome, native_dialogs_available,
};
use crate::ui::app::jobs::{Job, JobOutcome};
use crate::ui::command::Command;
use crate::ui::derived::Derived;
use crate::ui::dialogs::find::{FindOutcome, FindWindow};
use crate::ui::dialogs::import_preview::{ImportPreview, PreviewOutcome};
use crate::ui::dialogs::palette::{Palette, PaletteOutcome};
use crate::ui::dialogs::recovery::{Autosave, RecoveryChoice, RecoveryPrompt};
use crate::ui::forms::{FormOutcome, FormWindow};
use crate::ui::tabs::Tab;
use crate::ui::tabs::TabContext;
use crate::ui::tabs::events::EventsTab;
use crate::ui::tabs::instruments::InstrumentsTab;
use crate::ui::tabs::overview::OverviewTab;
use crate::ui::tabs::reference::ReferenceTab;
use crate::ui::tabs::sources::SourcesTab;
use crate::ui::tabs::statistics::StatisticsTab;
use crate::ui::widgets::{marking_banner, record_title};

/// What the app remembers between runs (eframe persistence). Never any
/// workspace content: that lives only in the user's files.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct ViewState {
    tab: Tab,
    /// `None`: follow the system.
    dark_mode: Option<bool>,
    last_file: Option<PathBuf>,
    /// Seconds between autosaves of unsaved changes (default 30).
    autosave_secs: Option<u64>,
    instruments: InstrumentsTab,
    events: EventsTab,
    statistics: StatisticsTab,
    sources: SourcesTab,
}

/// An action that would drop unsaved changes, waiting for the user's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GuardedAction {
    New,
    Open,
    Quit,
}

impl GuardedAction {
    fn verb(self) -> &'static str {
        match self {
            GuardedAction::New => "starting a new workspace",
            GuardedAction::Open => "opening another workspace",
            GuardedAction::Quit => "quitting",
        }
    }
}

/// A delete waiting for confirmation.
struct DeleteConfirm {
    title: String,
    /// Records that refer to the one being deleted, as the user knows them.
    referrers: Vec<String>,
    edit: Edit,
}

/// Seconds between autosaves unless the settings say otherwise.
const DEFAULT_AUTOSAVE_SECS: u64 = 30;
/// Workspaces with more figures and events than this derive their tables
/// and series in the background after an edit.
const BACKGROUND_DERIVE_RECORDS: usize = 50_000;

/// A message shown under the tab bar until dismissed.
struct Message {
    text: String,
    is_error: bool,
}

pub struct App {
    doc: Document,
    /// Bumped whenever `doc` is replaced, so caches keyed on the revision
    /// of the old document are not mistaken for the new one's.
    generation: u64,
    derived: Derived,
    /// What is derived from a large workspace after an edit, being computed
    /// in the background for (generation, revision).
    refreshing: Option<((u64, u64), Receiver<Derived>)>,
    view: ViewState,
    overview: OverviewTab,
    message: Option<Message>,
    native_dialog: Option<NativeDialog>,
    path_prompt: Option<PathPrompt>,
    job: Option<Job>,
    shortcuts_open: bool,
    last_title: String,
    /// Set once the user has agreed to close; the next close request passes.
    allow_close: bool,
    /// Close as soon as the running save finishes.
    close_after_job: bool,
    commands: Vec<Command>,
    form: Option<FormWindow>,
    import: Option<ImportPreview>,
    delete: Option<DeleteConfirm>,
    /// Unsaved changes would be lost by this action: ask first.
    guard: Option<GuardedAction>,
    /// Run once the save in progress succeeds (Save in the guard dialog).
    after_save: Option<GuardedAction>,
    palette: Option<Palette>,
    find: Option<FindWindow>,
    /// Built when Find is first used after a change, not on every change.
    search: Option<((u64, u64), SearchIndex)>,
    /// The search index being built in the background for (generation, revision).
    indexing: Option<((u64, u64), Receiver<SearchIndex>)>,
    autosave: Autosave,
    recovery: Option<RecoveryPrompt>,
    /// Where recovery files of workspaces without a file go.
    data_dir: Option<PathBuf>,
    /// The lock on the open file: one editor per file.
    lock: Option<store::WorkspaceLock>,
    /// Another coopdesk has the file just opened: read-only or take over?
    lock_prompt: Option<String>,
    /// Try the system file dialog before the in-app path field.
    use_native_dialogs: bool,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let view: ViewState = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        if let Some(dark) = view.dark_mode {
            cc.egui_ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
        }
        let mut app = match &file {
            // The file loads in the background; the window shows meanwhile.
            Some(_) => Self::with_document(Document::empty()),
            None => Self::sample(),
        };
        app.view = view;
        app.use_native_dialogs = native_dialogs_available();
        app.data_dir = eframe::storage_dir("coopdesk");
        // What a save killed last time left beside the last file.
        if let Some(folder) = app
            .view
            .last_file
            .as_deref()
            .and_then(std::path::Path::parent)
        {
            store::remove_stray_temp_files(folder, store::STRAY_TEMP_MIN_AGE);
        }
        app.autosave.interval = std::time::Duration::from_secs(
            app.view
                .autosave_secs
                .unwrap_or(DEFAULT_AUTOSAVE_SECS)
                .max(1),
        );
        if app.job.is_none() {
            app.offer_recovery();
            // After a crash with a file open, reopen it to offer its changes.
            let crashed_file =
                app.view.last_file.clone().filter(|file| {
                    store::recovery_path(Some(file), None).is_some_and(|r| r.is_file())
                });
            if let (None, Some(file)) = (&app.recovery, crashed_file) {
                app.job = Some(Job::open(file, &cc.egui_ctx));
            }
        }
        if let Some(path) = file {
            app.job = Some(Job::open(path, &cc.egui_ctx));
        }
        app
    }

    /// The app on the embedded sample workspace.
    pub fn sample() -> Self {
        match Document::sample() {
            Ok(doc) => Self::with_document(doc),
            Err(err) => {
                let mut app = Self::with_document(Document::empty());
                app.show_error(format!("The built-in sample could not be read: {err}"));
                app
            }
        }
    }

    pub fn with_document(doc: Document) -> Self {
        let derived = Derived::compute(&doc, 0);
        Self {
            doc,
            generation: 0,
            derived,
            refreshing: None,
            indexing: None,
            view: ViewState::default(),
            overview: OverviewTab,
            message: None,
            native_dialog: None,
            path_prompt: None,
            job: None,
            shortcuts_open: false,
            last_title: String::new(),
            allow_close: false,
            close_after_job: false,
            commands: Vec::new(),
            form: None,
            import: None,
            delete: None,
            guard: None,
            after_save: None,
            palette: None,
            find: None,
            search: None,
            autosave: Autosave::new(std::time::Duration::from_secs(DEFAULT_AUTOSAVE_SECS)),
            recovery: None,
            data_dir: None,
            lock: None,
            lock_prompt: None,
            // Tests and headless runs use the in-app field; `new` checks.
            use_native_dialogs: false,
        }
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn tab(&self) -> Tab {
        self.view.tab
    }

    /// The error or notice on show, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    /// Queues a command as a menu or key would.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Whether a load or save is running.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Brings what the tabs derive up to date with the document. On a large
    /// workspace that takes a while, so it is computed in the background and
    /// the tabs show the previous figures meanwhile; the marking banner,
    /// which must never lag, is recomputed at once.
    fn refresh_derived(&mut self, ctx: &egui::Context) {
        if self.derived.is_current(&self.doc, self.generation) {
            return;
        }
        let key = (self.generation, self.doc.revision());
        if let Some((for_key, rx)) = &self.refreshing {
            match rx.try_recv() {
                Ok(derived) if *for_key == key => {
                    self.refreshing = None;
                    self.derived = derived.for_document(&self.doc, self.generation);
                    return;
                }
                Err(TryRecvError::Empty) if *for_key == key => return,
                // Finished or abandoned for an older revision: start again.
                _ => self.refreshing = None,
            }
        }
        let workspace = self.doc.shared_workspace();
        if workspace.observations.len() + workspace.events.len() < BACKGROUND_DERIVE_RECORDS {
            self.derived = Derived::compute(&self.doc, self.generation);
            return;
        }
        self.derived.marking = workspace.highest_marking();
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The app may have moved on (or closed); then nobody listens.
            let _ = tx.send(Derived::of(&workspace));
            ctx.request_repaint();
        });
        self.refreshing = Some((key, rx));
    }

    /// Draws one frame and runs the commands it produced.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.poll_background(ui.ctx());
        let key = (self.generation, self.doc.revision());
        let recovery_file = self.recovery_file();
        if let Some(failure) = self.autosave.tick(
            ui.ctx(),
            key,
            self.doc.is_dirty(),
            recovery_file,
            &self.doc.shared_workspace(),
        ) {
            self.show_error(failure);
        }
        self.refresh_derived(ui.ctx());
        if !self.modal_open() {
            self.commands.extend(Command::from_keys(ui.ctx()));
        }

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::top("marking_top")
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |ui| marking_banner(ui, &self.derived.marking));
        egui::Panel::top("tab_bar").show(ui, |ui| self.tab_bar_ui(ui));
        egui::Panel::bottom("marking_bottom")
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |ui| marking_banner(ui, &self.derived.marking));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| self.tab_ui(ui));

        self.dialogs_ui(ui.ctx());
        self.handle_close_request(ui.ctx());
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What a command changed is drawn in the next frame.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.run(command, ui.ctx());
        }
        self.update_title(ui.ctx());
    }

    /// A dialog or form has the keyboard: global shortcuts wait.
    fn modal_open(&self) -> bool {
        self.path_prompt.is_some()
            || self.form.is_some()
            || self.import.is_some()
            || self.delete.is_some()
            || self.guard.is_some()
            || self.palette.is_some()
            || self.find.is_some()
            || self.recovery.is_some()
            || self.lock_prompt.is_some()
    }

    /// Locks `path` for this window; if another coopdesk has it, asks
    /// whether to open it read-only or take it over.
    fn lock_file(&mut self, path: &std::path::Path) {
        match store::lock(path) {
            Ok(lock) => self.lock = Some(lock),
            Err(store::LockError::Held { holder, .. }) => {
                self.lock = None;
                self.doc.set_read_only(true);
                self.lock_prompt = Some(holder);
            }
            // A folder that cannot hold a lock file (read-only media) still
            // opens; there is no other editor to protect against there.
            Err(store::LockError::Io { .. }) => self.lock = None,
        }
    }

    /// Where this document's unsaved changes are autosaved. A read-only
    /// copy keeps its own out of the way of the editor that has the file.
    fn recovery_file(&self) -> Option<PathBuf> {
        let file = self.doc.path().filter(|_| !self.doc.is_read_only());
        store::recovery_path(file, self.data_dir.as_deref())
    }

    /// Offers what a crash left for the open document, if anything.
    fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_file() else {
            return;
        };
        match store::read_recovery(&path) {
            None => {}
            Some(Err(err)) => self.show_error(format!(
                "Unsaved changes were kept after a crash, but cannot be read ({err}); the file was left in place."
            )),
            Some(Ok(recovered)) => {
                match RecoveryPrompt::new(recovered, self.doc.workspace(), self.doc.display_name()) {
                    Some(prompt) => self.recovery = Some(prompt),
                    // Nothing differs from what is open: nothing to offer.
                    None => store::remove_recovery(&path),
                }
            }
        }
    }

    /// Sets how often unsaved changes are autosaved.
    pub fn set_autosave_interval(&mut self, interval: std::time::Duration) {
        self.autosave.interval = interval;
    }

    /// Whether a record form is open.
    pub fn form_title(&self) -> Option<String> {
        self.form.as_ref().map(FormWindow::title)
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let commands = &mut self.commands;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [Command::New, Command::Open, Command::Save, Command::SaveAs] {
                    command.menu_button(ui, commands);
                }
                ui.separator();
                Command::ImportObservations.menu_button(ui, commands);
                Command::ExportObservations.menu_button(ui, commands);
                Command::ExportBrief.menu_button(ui, commands);
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
            ui.menu_button("View", |ui| {
                for tab in Tab::ALL {
                    Command::ShowTab(tab).menu_button(ui, commands);
                }
                ui.separator();
                Command::ToggleTheme.menu_button(ui, commands);
                ui.menu_button("Autosave", |ui| {
                    for secs in crate::ui::command::AUTOSAVE_CHOICES {
                        Command::SetAutosaveInterval(secs).menu_button(ui, commands);
                    }
                });
            });
            ui.menu_button("Help", |ui| {
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
            if self.doc.is_read_only() {
                ui.label(
                    RichText::new("read-only: open in another coopdesk")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            if self.doc.is_dirty() {
                ui.label(RichText::new("• unsaved changes").color(ui.visuals().warn_fg_color));
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
                if self.refreshing.is_some() {
                    ui.label("Updating figures…");
                    ui.spinner();
                }
                if let Some(job) = &self.job {
                    if job.cancellable
                        && !job.is_cancelled()
                        && ui
                            .button("Cancel")
                            .on_hover_text("Stop; nothing changes")
                            .clicked()
                    {
                        job.cancel();
                    }
                    let rows = job.rows_read();
                    if job.cancellable {
                        let fraction = job.fraction_done();
                        let text = if rows > 0 {
                            format!("{} rows", crate::text::group_thousands(rows as u64))
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
            });
        });
    }

    fn tab_ui(&mut self, ui: &mut egui::Ui) {
        let mut cx = TabContext {
            ws: self.doc.workspace(),
            derived: &self.derived,
            key: (self.generation, self.doc.revision()),
            commands: &mut self.commands,
        };
        match self.view.tab {
            Tab::Overview => self.overview.ui(ui, &mut cx),
            Tab::Instruments => self.view.instruments.ui(ui, &mut cx),
            Tab::Events => self.view.events.ui(ui, &mut cx),
            Tab::Statistics => self.view.statistics.ui(ui, &mut cx),
            Tab::Sources => self.view.sources.ui(ui, &mut cx),
            Tab::Reference => ReferenceTab.ui(ui, &mut cx),
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(prompt) = &mut self.path_prompt {
            match prompt.ui(ctx) {
                PromptOutcome::Open => {}
                PromptOutcome::Cancel => {
                    self.path_prompt = None;
                    self.after_save = None;
                }
                PromptOutcome::Submit(path) => {
                    let action = prompt.action;
                    self.path_prompt = None;
                    self.file_chosen(action, path, ctx);
                }
            }
        }
        self.record_dialogs_ui(ctx);
        if self.shortcuts_open {
            egui::Window::new("Keyboard shortcuts")
                .open(&mut self.shortcuts_open)
                .resizable(false)
                .collapsible(false)
                .show(ctx, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for command in Command::all() {
                            if let Some(shortcut) = command.shortcut() {
                                ui.label(RichText::new(ctx.format_shortcut(&shortcut)).monospace());
                                ui.label(command.label());
                                ui.end_row();
                            }
                        }
                    });
                });
        }
    }

    fn record_dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(holder) = &self.lock_prompt {
            let mut decision = None;
            let name = self.doc.display_name();
            egui::Modal::new(egui::Id::unique("file_in_use")).show(ctx, |ui| {
                ui.set_width(520.0);
                ui.heading("Open in another coopdesk");
                ui.label(format!("{name} is open in another coopdesk ({holder})."));
                ui.label("Read-only keeps both safe: you can look, and Save asks for another file. Taking over lets you edit here too; whichever saves last wins.");
                ui.horizontal(|ui| {
                    if ui.button("Open read-only").clicked() {
                        decision = Some(false);
                    }
                    if ui.button("Take over").clicked() {
                        decision = Some(true);
                    }
                });
            });
            if let Some(take_over) = decision {
                self.lock_prompt = None;
                self.doc.set_read_only(!take_over);
            }
        }
        if let Some(prompt) = &self.recovery {
            match prompt.show(ctx) {
                RecoveryChoice::Undecided => {}
                RecoveryChoice::Restore(edit) => {
                    self.recovery = None;
                    self.apply(edit);
                    self.show_info("Unsaved changes restored. Save to keep them.");
                }
                RecoveryChoice::Discard => {
                    store::remove_recovery(&prompt.path());
                    self.recovery = None;
                }
            }
        }
        if let Some(preview) = &mut self.import {
            match preview.show(ctx) {
                PreviewOutcome::Open => {}
                PreviewOutcome::Cancel => self.import = None,
                PreviewOutcome::Import => {
                    if let Some(preview) = self.import.take() {
                        let added = preview.plan.to_add.len();
                        self.apply(preview.plan.edit());
                        self.show_info(format!(
                            "Imported {} from {}.",
                            crate::text::count(added, "figure", "figures"),
                            preview.path.display()
                        ));
                        self.view.tab = Tab::Statistics;
                    }
                }
            }
        }
        if let Some(form) = &mut self.form {
            match form.show(ctx, self.doc.workspace()) {
                FormOutcome::Open => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save(record) => {
                    self.form = None;
                    let id = record.id();
                    self.apply(Edit::Put(record));
                    self.reveal(&id);
                }
            }
        }
        if let Some(delete) = &self.delete {
            let mut decision = None;
            let modal = egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
                ui.set_width(520.0);
                ui.heading("Delete?");
                ui.label(&delete.title);
                if delete.referrers.is_empty() {
                    ui.label("Nothing else refers to it.");
                } else {
                    ui.label(format!(
                        "{} other record(s) refer to it. Deleting it also removes those references (and the figures of a deleted metric):",
                        delete.referrers.len()
                    ));
                    egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                        for referrer in &delete.referrers {
                            ui.label(format!("• {referrer}"));
                        }
                    });
                }
                ui.weak("You can undo this with Ctrl+Z.");
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        decision = Some(true);
                    }
                    if ui.button("Cancel").clicked() {
                        decision = Some(false);
                    }
                });
            });
            if decision.is_none() && modal.should_close() {
                decision = Some(false);
            }
            if let Some(confirmed) = decision
                && let Some(delete) = self.delete.take()
                && confirmed
            {
                self.apply(delete.edit);
            }
        }
        if let Some(action) = self.guard {
            let mut decision = None;
            let name = self.doc.display_name();
            let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
                ui.set_width(460.0);
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "{name} has changes that are not saved. Save them before {}?",
                    action.verb()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        decision = Some(Some(true));
                    }
                    if ui.button("Discard changes").clicked() {
                        decision = Some(Some(false));
                    }
                    if ui.button("Cancel").clicked() {
                        decision = Some(None);
                    }
                });
            });
            if decision.is_none() && modal.should_close() {
                decision = Some(None);
            }
            if let Some(choice) = decision {
                self.guard = None;
                match choice {
                    Some(true) => {
                        self.after_save = Some(action);
                        self.commands.push(Command::Save);
                    }
                    Some(false) => {
                        // The user chose to lose these changes.
                        self.autosave.clear(self.recovery_file());
                        self.perform(action, ctx);
                    }
                    None => {}
                }
            }
        }
        if let Some(palette) = &mut self.palette {
            match palette.show(ctx) {
                PaletteOutcome::Open => {}
                PaletteOutcome::Close => self.palette = None,
                PaletteOutcome::Run(command) => {
                    self.palette = None;
                    self.commands.push(command);
                }
            }
        }
        if self.find.is_some() {
            let key = (self.generation, self.doc.revision());
            self.refresh_search_index(key, ctx);
            let index = self
                .search
                .as_ref()
                .filter(|(built, _)| *built == key)
                .map(|(_, index)| index);
            if let Some(find) = &mut self.find {
                match find.show(ctx, index, key) {
                    FindOutcome::Open => {}
                    FindOutcome::Close => self.find = None,
                    FindOutcome::Show(record) => {
                        self.find = None;
                        self.reveal(&record);
                    }
                }
            }
        }
    }

    /// Builds the search index for `key` in the background (a second or
    /// more on a large workspace), taking it when it is ready.
    fn refresh_search_index(&mut self, key: (u64, u64), ctx: &egui::Context) {
        if self.search.as_ref().is_some_and(|(built, _)| *built == key) {
            return;
        }
        if let Some((for_key, rx)) = &self.indexing {
            match rx.try_recv() {
                Ok(index) if *for_key == key => {
                    self.indexing = None;
                    self.search = Some((key, index));
                    return;
                }
                Err(TryRecvError::Empty) if *for_key == key => return,
                _ => self.indexing = None,
            }
        }
        let workspace = self.doc.shared_workspace();
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(SearchIndex::build(&workspace));
            ctx.request_repaint();
        });
        self.indexing = Some((key, rx));
    }

    /// Applies an edit as one undoable step, reporting a failure.
    fn apply(&mut self, edit: Edit) {
        if let Err(err) = self.doc.apply(edit) {
            self.show_error(format!("The change was not made: {err}"));
        }
    }

    /// Runs an action that replaces or closes the workspace, asking first
    /// when that would lose unsaved changes.
    fn guarded(&mut self, action: GuardedAction, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.guard = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    fn perform(&mut self, action: GuardedAction, ctx: &egui::Context) {
        match action {
            GuardedAction::New => {
                if !self.refuse_while_busy() {
                    self.replace_document(Document::empty());
                }
            }
            GuardedAction::Open => self.choose_file(FileAction::Open, ctx),
            GuardedAction::Quit => {
                if self.job.is_some() {
                    self.close_after_job = true;
                    self.show_info("Finishing the current file operation before closing…");
                } else {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        if self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard = Some(GuardedAction::Quit);
            return;
        }
        if self.job.is_some() {
            // Let a save finish: quitting mid-save would lose it.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.close_after_job = true;
            self.show_info("Finishing the current file operation before closing…");
        }
    }

    fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guarded(GuardedAction::New, ctx),
            Command::Open => self.guarded(GuardedAction::Open, ctx),
            Command::Save if self.doc.is_read_only() => {
                self.show_info("This workspace is open read-only: save a copy under another name.");
                self.choose_file(FileAction::SaveAs, ctx);
            }
            Command::Save => match self.doc.path() {
                Some(path) => {
                    let path = path.to_owned();
                    self.start_save(path, ctx);
                }
                None => self.choose_file(FileAction::SaveAs, ctx),
            },
            Command::SaveAs => self.choose_file(FileAction::SaveAs, ctx),
            Command::Quit => self.guarded(GuardedAction::Quit, ctx),
            Command::ImportObservations => self.choose_file(FileAction::ImportCsv, ctx),
            Command::ExportObservations => self.choose_file(FileAction::ExportCsv, ctx),
            Command::ExportSeries => self.choose_file(FileAction::ExportSeriesCsv, ctx),
            Command::ExportChart(kind) => self.choose_file(FileAction::ExportChart(kind), ctx),
            Command::CopyChart(kind) => self.copy_chart(kind, ctx),
            Command::ExportBrief => self.choose_file(FileAction::ExportBrief, ctx),
            Command::Undo => {
                if !self.doc.undo() {
                    self.show_info("Nothing to undo.");
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.show_info("Nothing to redo.");
                }
            }
            Command::Find => self.find = Some(FindWindow::default()),
            Command::CommandPalette => self.palette = Some(Palette::default()),
            Command::NewRecord(kind) => {
                self.form = Some(FormWindow::create(kind, self.doc.workspace()));
            }
            Command::EditRecord(record) => match FormWindow::edit(&record, self.doc.workspace()) {
                Some(form) => self.form = Some(form),
                None => self.show_error(format!("There is no {record} to edit.")),
            },
            Command::DeleteRecord(record) => self.confirm_delete(&record),
            Command::ShowTab(tab) => self.view.tab = tab,
            Command::SetAutosaveInterval(secs) => {
                self.view.autosave_secs = Some(secs);
                self.autosave.interval = std::time::Duration::from_secs(secs.max(1));
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
            Command::Reveal(record) => self.reveal(&record),
        }
    }

    fn confirm_delete(&mut self, record: &RecordId) {
        let ws = self.doc.workspace();
        let Some(edit) = delete_with_references(ws, record) else {
            self.show_error(format!("There is no {record} to delete."));
            return;
        };
        self.delete = Some(DeleteConfirm {
            title: record_title(ws, record),
            referrers: references_to(ws, record)
                .iter()
                .map(|r| record_title(ws, r))
                .collect(),
            edit,
        });
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
            RecordId::Metric(_) | RecordId::Party(_) => self.view.tab = Tab::Reference,
        }
    }

    fn refuse_while_busy(&mut self) -> bool {
        if let Some(job) = &self.job {
            let text = format!("Please wait: {}", job.label);
            self.show_info(text);
            true
        } else {
            false
        }
    }

    fn choose_file(&mut self, action: FileAction, ctx: &egui::Context) {
        if self.refuse_while_busy() || self.native_dialog.is_some() || self.path_prompt.is_some() {
            return;
        }
        let suggestion = self.suggested_path(action);
        if self.use_native_dialogs {
            self.native_dialog = Some(NativeDialog::spawn(action, suggestion, ctx));
        } else {
            self.path_prompt = Some(PathPrompt::new(action, suggestion, None));
        }
    }

    fn suggested_path(&self, action: FileAction) -> Option<PathBuf> {
        match action {
            FileAction::Open => self
                .view
                .last_file
                .clone()
                .or_else(|| self.doc.path().map(ToOwned::to_owned)),
            FileAction::SaveAs => self.doc.path().map(ToOwned::to_owned).or_else(|| {
                let folder = self
                    .view
                    .last_file
                    .as_ref()
                    .and_then(|p| p.parent().map(ToOwned::to_owned))
                    .or_else(|| std::env::current_dir().ok())?;
                Some(folder.join(default_file_name(&self.doc.workspace().title)))
            }),
            FileAction::ImportCsv => None,
            FileAction::ExportCsv
            | FileAction::ExportSeriesCsv
            | FileAction::ExportChart(_)
            | FileAction::ExportBrief => {
                let folder = self
                    .doc
                    .path()
                    .and_then(|p| p.parent().map(ToOwned::to_owned))
                    .or_else(|| std::env::current_dir().ok())?;
                let ws = self.doc.workspace();
                let stem = default_file_name(&ws.title);
                let stem = stem.strip_suffix(".ron").unwrap_or(&stem);
                Some(folder.join(match action {
                    FileAction::ExportChart(kind) => format!(
                        "{stem}-{}.png",
                        self.view.statistics.chart_file_stem(ws, kind)
                    ),
                    FileAction::ExportBrief => format!("{stem}-brief.pdf"),
                    _ => format!("{stem}.csv"),
                }))
            }
        }
    }

    fn file_chosen(&mut self, action: FileAction, path: PathBuf, ctx: &egui::Context) {
        match action {
            FileAction::Open => self.job = Some(Job::open(path, ctx)),
            FileAction::SaveAs => {
                let path = with_default_extension(path, "ron");
                self.start_save(path, ctx);
            }
            FileAction::ImportCsv => {
                if !self.refuse_while_busy() {
                    let workspace = self.doc.shared_workspace();
                    self.job = Some(Job::plan_import(workspace, path, ctx));
                }
            }
            FileAction::ExportSeriesCsv => {
                if !self.refuse_while_busy() {
                    let path = with_default_extension(path, "csv");
                    let text = self
                        .view
                        .statistics
                        .series_csv(self.doc.workspace(), &self.derived.analysis);
                    let rows = text.lines().count().saturating_sub(1);
                    let what = crate::text::count(rows, "month row", "month rows");
                    self.job = Some(Job::write_text(text, what, path, ctx));
                }
            }
            FileAction::ExportChart(kind) => {
                if !self.refuse_while_busy() {
                    let path = with_default_extension(path, "png");
                    let ws = self.doc.workspace();
                    match self.view.statistics.chart(ws, &self.derived.analysis, kind) {
                        Ok(chart) => self.job = Some(Job::export_chart(chart, path, ctx)),
                        Err(err) => self.show_error(format!("Cannot export the chart: {err}")),
                    }
                }
            }
            FileAction::ExportBrief => {
                if !self.refuse_while_busy() {
                    let path = with_default_extension(path, "pdf");
                    let workspace = self.doc.shared_workspace();
                    self.job = Some(Job::export_brief(workspace, path, ctx));
                }
            }
            FileAction::ExportCsv => {
                if !self.refuse_while_busy() {
                    let path = with_default_extension(path, "csv");
                    let workspace = self.doc.shared_workspace();
                    self.job = Some(Job::export_csv(workspace, path, ctx));
                }
            }
        }
    }

    /// Puts the chart on the clipboard as an image (drawn here: it takes
    /// milliseconds, and the clipboard belongs to the UI thread).
    fn copy_chart(&mut self, kind: ChartKind, ctx: &egui::Context) {
        let size = ChartSize::default();
        let chart = self
            .view
            .statistics
            .chart(self.doc.workspace(), &self.derived.analysis, kind);
        match chart
            .map_err(ExportError::from)
            .and_then(|chart| chart::to_rgb(&chart, size).map(|pixels| (chart, pixels)))
        {
            Ok((chart, pixels)) => {
                let image = egui::ColorImage::from_rgb(
                    [size.width as usize, size.height as usize],
                    &pixels,
                );
                ctx.copy_image(image);
                self.show_info(format!(
                    "Copied the chart \"{}\" ({}) to the clipboard, {}×{} pixels.",
                    chart.title, chart.marking, size.width, size.height
                ));
            }
            Err(err) => self.show_error(format!("Cannot copy the chart: {err}")),
        }
    }

    fn start_save(&mut self, path: PathBuf, ctx: &egui::Context) {
        if self.refuse_while_busy() {
            return;
        }
        let workspace = self.doc.shared_workspace();
        self.job = Some(Job::save(workspace, path, self.doc.state(), ctx));
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(outcome) = self.native_dialog.as_ref().and_then(NativeDialog::poll) {
            let action = self
                .native_dialog
                .take()
                .map_or(FileAction::Open, |d| d.action);
            match outcome {
                DialogOutcome::Chosen(path) => self.file_chosen(action, path, ctx),
                DialogOutcome::Cancelled => self.after_save = None,
                DialogOutcome::Unavailable => {
                    let note = "No system file dialog is available here; type the path instead.";
                    self.path_prompt = Some(PathPrompt::new(
                        action,
                        self.suggested_path(action),
                        Some(note.to_owned()),
                    ));
                }
            }
        }
        let Some(outcome) = self.job.as_ref().and_then(Job::poll) else {
            return;
        };
        let cancelled = self.job.as_ref().is_some_and(Job::is_cancelled);
        self.job = None;
        match outcome {
            JobOutcome::Opened { path, result } => match result {
                Ok((workspace, derived)) => {
                    self.view.last_file = Some(path.clone());
                    self.replace_document_derived(
                        Document::new(workspace, Origin::File(path.clone())),
                        *derived,
                    );
                    self.lock_file(&path);
                    self.offer_recovery();
                    let errors = self.derived.errors.len();
                    if errors > 0 {
                        self.show_error(format!(
                            "{} opened, but {errors} record(s) have invalid data: see Overview → Data checks.",
                            path.display()
                        ));
                    }
                }
                // The workspace on screen stays as it was.
                Err(store::LoadError::Cancelled { .. }) => {
                    self.show_info("Opening cancelled; the workspace on screen is as it was.")
                }
                Err(err) => self.show_error(format!("Could not open the workspace. {err}")),
            },
            JobOutcome::Planned { path, result } => match result {
                Ok(_) if cancelled => self.show_info("Import cancelled; nothing changed."),
                Ok(plan) => self.import = Some(ImportPreview::new(path, plan)),
                Err(err) => self.show_error(format!("Could not import: {err}")),
            },
            JobOutcome::Exported { path, result } => match result {
                Ok(what) => self.show_info(format!("Exported {what} to {}", path.display())),
                Err(err) => self.show_error(format!("{}: could not export: {err}", path.display())),
            },
            JobOutcome::Saved {
                path,
                state,
                result,
            } => match result {
                Ok(()) => {
                    let new_file = self.doc.path() != Some(path.as_path());
                    self.doc.mark_saved(&path, state);
                    if new_file {
                        self.lock = None;
                        self.lock_file(&path);
                    }
                    if !self.doc.is_dirty() {
                        self.autosave.clear(self.recovery_file());
                    }
                    self.view.last_file = Some(path.clone());
                    self.show_info(format!("Saved {}", path.display()));
                    if let Some(action) = self.after_save.take() {
                        self.perform(action, ctx);
                    }
                }
                Err(err) => {
                    self.after_save = None;
                    self.show_error(format!("{err} Your changes are still open here."));
                }
            },
        }
        if self.close_after_job {
            self.close_after_job = false;
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn replace_document(&mut self, doc: Document) {
        let derived = Derived::of(doc.workspace());
        self.replace_document_derived(doc, derived);
    }

    /// `derived` must come from `doc`'s workspace.
    fn replace_document_derived(&mut self, doc: Document, derived: Derived) {
        // The old file is no longer being edited here.
        self.lock = None;
        self.doc = doc;
        self.generation += 1;
        self.derived = derived.for_document(&self.doc, self.generation);
        self.message = None;
    }

    fn show_error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    fn show_info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let marker = if self.doc.is_dirty() { "• " } else { "" };
        let read_only = if self.doc.is_read_only() {
            " (read-only)"
        } else {
            ""
        };
        let title = format!("{marker}{}{read_only} — coopdesk", self.doc.display_name());
        // Sending a viewport command requests a repaint: only on change.
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.last_title
    }
}

/// `Türkiye–Iraq cooperation` → `Türkiye-Iraq-cooperation.ron`.
fn default_file_name(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let name = name
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if name.is_empty() {
        "workspace.ron".to_owned()
    } else {
        format!("{name}.ron")
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.view);
    }
}

/// The path as typed, or with `extension` when it has none.
fn with_default_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    }
}
