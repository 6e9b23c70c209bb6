//! The passphrase dialogs of encrypted workspaces: asking for the
//! passphrase of a file being opened (again after a wrong one), choosing a
//! new one (File → Encrypt with passphrase…), and confirming File → Remove
//! encryption…. Fields are masked; what is typed is wiped when the dialog
//! closes, and handed on only as a `SecretString`.

use std::path::PathBuf;

use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::ui::FileAction;

/// A masked one-line field named `name`.
fn passphrase_field(ui: &mut egui::Ui, text: &mut String, name: &str) -> egui::Response {
    ui.add(
        egui::TextEdit::singleline(text)
            .password(true)
            .hint_text(name)
            .desired_width(f32::INFINITY),
    )
    .accessible_name(name)
}

fn secret(text: &str) -> SecretString {
    SecretString::from(text)
}

/// Asks for the passphrase of the encrypted file at `path`, to open it for
/// `action` (Open, Compare, Merge).
pub struct UnlockPrompt {
    pub path: PathBuf,
    pub action: FileAction,
    /// The previous passphrase did not open the file.
    pub wrong: bool,
    typed: Zeroizing<String>,
    focus_given: bool,
}

pub enum UnlockOutcome {
    Cancel,
    Unlock(SecretString),
}

impl UnlockPrompt {
    pub fn new(path: PathBuf, action: FileAction, wrong: bool) -> Self {
        Self {
            path,
            action,
            wrong,
            typed: Zeroizing::new(String::new()),
            focus_given: false,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<UnlockOutcome> {
        let mut outcome = None;
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let modal = egui::Modal::new(egui::Id::unique("unlock_prompt")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("Encrypted workspace");
            ui.label(format!(
                "{name} is encrypted. Type its passphrase to open it."
            ));
            if self.wrong {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("Wrong passphrase: it does not open {name}. Try again."),
                );
            }
            let field = passphrase_field(ui, &mut self.typed, "Passphrase");
            if !self.focus_given {
                field.request_focus();
                self.focus_given = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let typed = !self.typed.is_empty();
                let open = ui.add_enabled(typed, egui::Button::new(self.action.button()));
                if (open.clicked() || entered) && typed {
                    outcome = Some(UnlockOutcome::Unlock(secret(&self.typed)));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(UnlockOutcome::Cancel);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(UnlockOutcome::Cancel);
        }
        outcome
    }
}

/// File → Encrypt with passphrase…: the passphrase twice.
pub struct EncryptDialog {
    /// The file the workspace is saved to, or `None` (Save As asks).
    pub file: Option<String>,
    first: Zeroizing<String>,
    second: Zeroizing<String>,
}

pub enum EncryptOutcome {
    Cancel,
    Encrypt(SecretString),
}

impl EncryptDialog {
    pub fn new(file: Option<String>) -> Self {
        Self {
            file,
            first: Zeroizing::new(String::new()),
            second: Zeroizing::new(String::new()),
        }
    }

    pub fn show(&mut self, ctx: &egui::Context) -> Option<EncryptOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("encrypt_dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Encrypt with passphrase");
            ui.label(match &self.file {
                Some(file) => format!(
                    "The workspace is saved at once to {file}, encrypted (with any unsaved changes). From then on every save, its backup and the autosaved recovery copy are encrypted too."
                ),
                None => "The workspace has no file yet: you choose one next, and it is saved there encrypted. Every later save, backup and recovery copy is encrypted too.".to_owned(),
            });
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "If the passphrase is lost, the workspace cannot be recovered: coopdesk keeps no copy of it.",
            );
            passphrase_field(ui, &mut self.first, "Passphrase");
            let again = passphrase_field(ui, &mut self.second, "Passphrase again");
            let problem = if self.first.is_empty() {
                Some("Type a passphrase.")
            } else if self.second.is_empty() {
                Some("Type it again to confirm.")
            } else if *self.first != *self.second {
                Some("The two passphrases differ.")
            } else {
                None
            };
            if let Some(problem) = problem {
                ui.weak(problem);
            }
            let entered = again.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let encrypt =
                    ui.add_enabled(problem.is_none(), egui::Button::new("Encrypt and save"));
                if (encrypt.clicked() || entered) && problem.is_none() {
                    outcome = Some(EncryptOutcome::Encrypt(secret(&self.first)));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(EncryptOutcome::Cancel);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(EncryptOutcome::Cancel);
        }
        outcome
    }
}

/// File → Remove encryption…: says what it means before doing it.
pub struct RemoveEncryptionConfirm {
    pub file: Option<String>,
}

impl RemoveEncryptionConfirm {
    /// `Some(true)` to remove it, `Some(false)` to keep it.
    pub fn show(&self, ctx: &egui::Context) -> Option<bool> {
        let mut remove = None;
        let modal = egui::Modal::new(egui::Id::unique("remove_encryption")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("Remove encryption");
            ui.label(match &self.file {
                Some(file) => format!(
                    "The workspace is saved at once to {file} without encryption (with any unsaved changes): anyone who can read the file can read the workspace. The backup (.bak) keeps the encrypted version."
                ),
                None => "The workspace is saved without encryption from now on: anyone who can read its file can read it.".to_owned(),
            });
            ui.horizontal(|ui| {
                if ui.button("Remove encryption and save").clicked() {
                    remove = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    remove = Some(false);
                }
            });
        });
        if remove.is_none() && modal.should_close() {
            remove = Some(false);
        }
        remove
    }
}
