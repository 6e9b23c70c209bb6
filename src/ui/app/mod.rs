//! The app: owns the document, the tabs and the open dialog, draws the
//! frame around them, and runs every [`Command`] in one place after
//! drawing (`run.rs`). File choice and file jobs live in `files.rs`, the
//! unsaved-changes and close path in `lifecycle.rs`, the menu, tab and
//! status bars in `chrome.rs`.

mod autosave;
mod chrome;
mod encryption;
mod export;
mod file_dialog;
mod files;
mod jobs;
mod lifecycle;
mod run;

pub use file_dialog::FileAction;
pub use lifecycle::GuardedAction;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use crate::analysis::SearchIndex;
use crate::document::{Document, Recorder};
use crate::model::{Marking, Workspace};
use crate::store;
use crate::ui::Command;
use crate::ui::background::{Cached, INLINE_RECORDS, Revision};
use crate::ui::derived::Derived;
use crate::ui::dialogs::guide::guide_window;
use crate::ui::dialogs::recovery::{RecoveryCheck, RecoveryPrompt};
use crate::ui::dialogs::shortcuts::shortcuts_window;
use crate::ui::dialogs::{Modal, ModalContext};
use crate::ui::tabs::events::EventsTab;
use crate::ui::tabs::instruments::InstrumentsTab;
use crate::ui::tabs::overview::OverviewTab;
use crate::ui::tabs::reference::ReferenceTab;
use crate::ui::tabs::sources::SourcesTab;
use crate::ui::tabs::statistics::StatisticsTab;
use crate::ui::tabs::timeline::TimelineTab;
use crate::ui::tabs::{Tab, TabContext};
use autosave::Autosave;
use chrome::Message;
use file_dialog::{NativeDialog, native_dialogs_available};
use jobs::Job;
use lifecycle::Lifecycle;

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
    /// The user's name in the change history, beside their login.
    display_name: String,
    instruments: InstrumentsTab,
    events: EventsTab,
    statistics: StatisticsTab,
    sources: SourcesTab,
    reference: ReferenceTab,
}

/// Seconds between autosaves unless the settings say otherwise.
const DEFAULT_AUTOSAVE_SECS: u64 = 30;

pub struct App {
    doc: Document,
    /// Bumped whenever `doc` is replaced, so caches keyed on the revision
    /// of the old document are not mistaken for the new one's.
    generation: u64,
    /// Keyed by the date too: what is overdue changes at midnight.
    derived: Cached<(Revision, NaiveDate), Arc<Derived>>,
    /// The date the app takes as today (tests fix it).
    today_override: Option<NaiveDate>,
    /// Where files are suggested when the workspace has none yet (the
    /// process's current folder unless set).
    default_folder: Option<std::path::PathBuf>,
    /// The banner's marking: taken at once after every change, since a
    /// banner must never understate what is shown.
    marking: Cached<Revision, Marking>,
    /// Built when Find is first used after a change, not on every change.
    search: Cached<Revision, SearchIndex>,
    /// What a crash left for the document of this generation.
    recovery_check: Cached<u64, RecoveryCheck>,
    view: ViewState,
    overview: OverviewTab,
    /// Not kept between sessions: its filters are a look, not a setting.
    timeline: TimelineTab,
    message: Option<Message>,
    /// At most one dialog is open.
    modal: Option<Modal>,
    shortcuts_open: bool,
    guide_open: bool,
    lifecycle: Lifecycle,
    /// Sent while drawing; run after it, in order.
    commands: Vec<Command>,
    native_dialog: Option<NativeDialog>,
    /// The load, save, import or export under way.
    job: Option<Job>,
    autosave: Autosave,
    /// Where recovery files of workspaces without a file go.
    data_dir: Option<PathBuf>,
    /// The lock on the open file: one editor per file.
    lock: Option<store::WorkspaceLock>,
    /// Try the system file dialog before the in-app path field.
    use_native_dialogs: bool,
    last_title: String,
    /// The last figure saved through a form in this document: a new
    /// figure starts from its sources, reporting date and period.
    last_figure: Option<crate::model::Observation>,
    /// The release level chosen for the last export (`None`: everything),
    /// offered again for the next.
    release_level: Option<Marking>,
    /// "Released at …: N records withheld", added to the notice of the
    /// export under way.
    export_notice: Option<String>,
    /// The scrypt work factor of passphrases typed here; `None`: age's,
    /// about a second (tests set a low one).
    work_factor: Option<u8>,
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
        // After a crash with a file open, that file reopens to offer its
        // changes, unless another file was asked for.
        let crashed_file = view
            .last_file
            .clone()
            .filter(|last| store::recovery_path(Some(last), None).is_some_and(|r| r.is_file()));
        let to_open = file.or(crashed_file);
        let mut app = match &to_open {
            // The file loads in the background; the window shows meanwhile.
            Some(_) => Self::with_document(Document::empty()),
            None => Self::sample(),
        };
        app.view = view;
        app.set_display_name(app.view.display_name.clone());
        app.use_native_dialogs = native_dialogs_available();
        app.data_dir = eframe::storage_dir("coopdesk");
        app.set_autosave_interval(Duration::from_secs(
            app.view
                .autosave_secs
                .unwrap_or(DEFAULT_AUTOSAVE_SECS)
                .max(1),
        ));
        // What a save killed last time left beside the last file.
        if let Some(folder) = app
            .view
            .last_file
            .as_deref()
            .and_then(std::path::Path::parent)
        {
            store::remove_stray_temp_files(folder, store::STRAY_TEMP_MIN_AGE);
        }
        match to_open {
            // Its recovery is checked once it is open.
            Some(path) => app.job = Some(Job::open(path, None, app.today(), &cc.egui_ctx)),
            None => app.check_recovery(&cc.egui_ctx),
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

    pub fn with_document(mut doc: Document) -> Self {
        doc.set_recorder(Some(Recorder::system("")));
        let today = chrono::Local::now().date_naive();
        let mut derived = Cached::new(Arc::new(Derived::of(doc.workspace(), today)));
        derived.mark_current(((0, doc.revision()), today));
        let mut marking = Cached::new(doc.workspace().highest_marking());
        marking.mark_current((0, doc.revision()));
        Self {
            doc,
            generation: 0,
            derived,
            today_override: None,
            default_folder: None,
            marking,
            search: Cached::new(SearchIndex::default()),
            recovery_check: Cached::new(RecoveryCheck::Nothing),
            view: ViewState::default(),
            overview: OverviewTab,
            timeline: TimelineTab::default(),
            message: None,
            modal: None,
            shortcuts_open: false,
            guide_open: false,
            lifecycle: Lifecycle::default(),
            commands: Vec::new(),
            native_dialog: None,
            job: None,
            autosave: Autosave::new(Duration::from_secs(DEFAULT_AUTOSAVE_SECS)),
            data_dir: None,
            lock: None,
            // Tests and headless runs use the in-app field; `new` checks.
            use_native_dialogs: false,
            last_title: String::new(),
            last_figure: None,
            release_level: None,
            export_notice: None,
            work_factor: None,
        }
    }

    /// The name the change history gives the user, beside their login.
    pub fn set_display_name(&mut self, name: String) {
        let mut recorder = self
            .doc
            .recorder()
            .cloned()
            .unwrap_or_else(|| Recorder::system(""));
        recorder.name = name.trim().to_owned();
        self.view.display_name = recorder.name.clone();
        self.doc.set_recorder(Some(recorder));
    }

    /// Records changes as made at the times `clock` gives (tests fix it).
    pub fn set_clock(&mut self, clock: std::sync::Arc<dyn Fn() -> String + Send + Sync>) {
        let mut recorder = self
            .doc
            .recorder()
            .cloned()
            .unwrap_or_else(|| Recorder::system(""));
        recorder.clock = clock;
        self.doc.set_recorder(Some(recorder));
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Bumped whenever the open document is replaced (New, Open): tests
    /// tell a new workspace from an edited one by it.
    pub fn generation(&self) -> u64 {
        self.generation
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

    /// Whether anything runs in the background: a load, save, import or
    /// export, a recovery write or check, derived figures or the index.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
            || self.autosave.is_running()
            || self.recovery_check.is_running()
            || self.derived.is_running()
            || self.search.is_running()
    }

    /// Blocks until the background work under way has finished, at most
    /// `timeout` for each piece (tests and headless runs; a frame never
    /// waits). Its results are taken in the next frame.
    pub fn wait_for_background(&mut self, timeout: Duration) {
        if let Some(job) = &mut self.job {
            job.wait(timeout);
        }
        if let Some(failure) = self.autosave.wait(timeout) {
            self.show_error(failure);
        }
        self.recovery_check.wait(timeout);
        self.derived.wait(timeout);
        self.search.wait(timeout);
    }

    /// Sets how often unsaved changes are autosaved.
    pub fn set_autosave_interval(&mut self, interval: Duration) {
        self.autosave.interval = interval;
    }

    /// Whether a record form is open, and its title.
    pub fn form_title(&self) -> Option<String> {
        match &self.modal {
            Some(Modal::Form(form)) => Some(form.title()),
            _ => None,
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.last_title
    }

    fn revision(&self) -> Revision {
        (self.generation, self.doc.revision())
    }

    /// Today, for what is overdue: the local date, unless fixed.
    fn today(&self) -> NaiveDate {
        self.today_override
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Fixes the date taken as today (tests, and demonstrations).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today_override = Some(today);
    }

    /// Encrypts with scrypt work factor `factor` (log2 N) from now on,
    /// instead of age's one-second choice: tests use a low one to run fast.
    pub fn set_encryption_work_factor(&mut self, factor: u8) {
        self.work_factor = Some(factor);
    }

    /// Keeps recovery copies of workspaces without a file in `folder`
    /// (by default eframe's data folder for coopdesk; tests use their own).
    pub fn set_data_dir(&mut self, folder: PathBuf) {
        self.data_dir = Some(folder);
    }

    /// Suggests new files in `folder` rather than the current folder.
    pub fn set_default_folder(&mut self, folder: std::path::PathBuf) {
        self.default_folder = Some(folder);
    }

    /// Draws one frame and runs the commands it produced.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_background(&ctx);
        let recovery_file = self.recovery_file();
        if let Some(failure) = self.autosave.tick(
            &ctx,
            self.revision(),
            self.doc.is_dirty(),
            recovery_file,
            &self.doc.shared_workspace(),
            self.doc.key(),
        ) {
            self.show_error(failure);
        }
        self.refresh_derived(&ctx);
        if self.modal.is_none() {
            self.commands.extend(Command::from_keys(&ctx));
        }

        self.bars_ui(ui);
        egui::CentralPanel::default().show(ui, |ui| self.tab_ui(ui));
        self.dialogs_ui(&ctx);
        self.handle_close_request(&ctx);

        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What a command changed is drawn in the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            self.run(command, &ctx);
        }
        self.update_title(&ctx);
    }

    /// Whether a workspace is small enough to derive from on the UI thread.
    fn derives_inline(workspace: &Workspace) -> bool {
        workspace.observations.len() + workspace.events.len() < INLINE_RECORDS
    }

    /// Brings what the tabs derive up to date with the document. On a large
    /// workspace that runs in the background and the tabs show the previous
    /// figures meanwhile; the marking banner, which must never lag, is
    /// taken from the document at once (`chrome.rs`).
    fn refresh_derived(&mut self, ctx: &egui::Context) {
        let workspace = self.doc.shared_workspace();
        let for_marking = workspace.clone();
        self.marking.refresh(self.revision(), ctx, true, move || {
            for_marking.highest_marking()
        });
        let inline = Self::derives_inline(&workspace);
        let today = self.today();
        let previous = Arc::clone(self.derived.latest());
        self.derived
            .refresh((self.revision(), today), ctx, inline, move || {
                Arc::new(Derived::after(&workspace, today, &previous))
            });
    }

    fn tab_ui(&mut self, ui: &mut egui::Ui) {
        let workspace = self.doc.shared_workspace();
        let mut cx = TabContext {
            ws: &workspace,
            derived: self.derived.latest(),
            today: self.today(),
            key: self.revision(),
            reviewer: self.doc.recorder().map_or("", |r| r.user.as_str()),
            commands: &mut self.commands,
        };
        match self.view.tab {
            Tab::Overview => self.overview.ui(ui, &mut cx),
            Tab::Instruments => self.view.instruments.ui(ui, &mut cx),
            Tab::Events => self.view.events.ui(ui, &mut cx),
            Tab::Statistics => self.view.statistics.ui(ui, &mut cx),
            Tab::Sources => self.view.sources.ui(ui, &mut cx),
            Tab::Reference => self.view.reference.ui(ui, &mut cx),
            Tab::Timeline => self.timeline.ui(ui, &mut cx),
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if self.shortcuts_open {
            shortcuts_window(ctx, &mut self.shortcuts_open);
        }
        if self.guide_open {
            guide_window(ctx, &mut self.guide_open);
        }
        let revision = self.revision();
        if matches!(self.modal, Some(Modal::Find(_))) {
            let workspace = self.doc.shared_workspace();
            let inline = Self::derives_inline(&workspace);
            self.search.refresh(revision, ctx, inline, move || {
                SearchIndex::build(&workspace)
            });
        }
        let Some(modal) = &mut self.modal else {
            return;
        };
        let cx = ModalContext {
            ws: self.doc.workspace(),
            revision,
            search: self.search.current(&revision),
            display_name: &self.view.display_name,
        };
        if let Some(commands) = modal.show(ctx, &cx) {
            self.modal = None;
            self.commands.extend(commands);
        }
    }

    /// Opens a dialog, unless the open one holds the user's work.
    fn open_modal(&mut self, modal: Modal) {
        if self.modal.as_ref().is_some_and(Modal::holds_work) {
            self.show_info("Finish or cancel the open dialog first.");
        } else {
            self.modal = Some(modal);
        }
    }

    /// Starts checking for changes a crash left for the open document.
    fn check_recovery(&mut self, ctx: &egui::Context) {
        let Some(path) = self.recovery_file() else {
            return;
        };
        let workspace = self.doc.shared_workspace();
        let name = self.doc.display_name();
        let key = self.doc.key().cloned();
        self.recovery_check
            .refresh(self.generation, ctx, false, move || {
                RecoveryPrompt::check(&path, &workspace, name, key.as_ref())
            });
    }

    /// Takes what finished in the background: file dialogs and jobs,
    /// derived data, and a recovery check, whose offer waits until no
    /// other dialog is open.
    fn poll_background(&mut self, ctx: &egui::Context) {
        self.poll_files(ctx);
        self.recovery_check.poll();
        if self.modal.is_some() {
            return;
        }
        let Some(check) = self.recovery_check.current_mut(&self.generation) else {
            return;
        };
        match std::mem::replace(check, RecoveryCheck::Nothing) {
            RecoveryCheck::Nothing => {}
            RecoveryCheck::Unreadable(message) => self.show_error(message),
            RecoveryCheck::Offer(prompt) => self.modal = Some(Modal::Recovery(prompt)),
        }
    }

    /// Puts `doc` in place of the open document, with what is derived
    /// from it. Dialogs belonged to the old document, so they close.
    fn replace_document_derived(&mut self, doc: Document, derived: Derived) {
        // The old file is no longer being edited here.
        self.lock = None;
        let mut doc = doc;
        doc.set_recorder(self.doc.recorder().cloned());
        self.doc = doc;
        self.generation += 1;
        self.last_figure = None;
        self.marking
            .set(self.revision(), self.doc.workspace().highest_marking());
        self.derived
            .set((self.revision(), self.today()), Arc::new(derived));
        self.message = None;
        if let Some(Modal::Form(_)) = self.modal.take() {
            self.show_info(
                "The open form was closed: its record belonged to the workspace that was replaced.",
            );
        }
    }

    fn replace_document(&mut self, doc: Document) {
        let derived = Derived::of(doc.workspace(), self.today());
        self.replace_document_derived(doc, derived);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.doc.is_encrypted() {
            // Tab filters, the chosen metric and hidden regions are typed
            // from or name workspace content: an encrypted workspace leaves
            // none of it in eframe's (plain) storage, only settings.
            let settings = ViewState {
                tab: self.view.tab,
                dark_mode: self.view.dark_mode,
                last_file: self.view.last_file.clone(),
                autosave_secs: self.view.autosave_secs,
                display_name: self.view.display_name.clone(),
                ..ViewState::default()
            };
            eframe::set_value(storage, eframe::APP_KEY, &settings);
        } else {
            eframe::set_value(storage, eframe::APP_KEY, &self.view);
        }
    }
}
