//! Encrypted workspaces in the app: File → Encrypt with passphrase… and
//! Remove encryption…, which change the open file's encryption and save at
//! once (so the file on disk is what the title bar says), and opening an
//! encrypted file, which asks for its passphrase in the window until it
//! opens or the user cancels.

use std::path::PathBuf;

use crate::store::{self, Key, LoadError};
use crate::ui::app::file_dialog::FileAction;
use crate::ui::app::jobs::Job;
use crate::ui::dialogs::Modal;
use crate::ui::dialogs::passphrase::{EncryptDialog, RemoveEncryptionConfirm, UnlockPrompt};
use crate::ui::{App, Passphrase};

impl App {
    /// A key for `passphrase`, with the work factor set for this app
    /// (tests set a low one; by default age's, about a second).
    fn key(&self, passphrase: &Passphrase) -> Key {
        Key::new((*passphrase.0).clone()).with_work_factor(self.work_factor)
    }

    /// The name of the file saves go to, for the dialogs.
    fn file_name(&self) -> Option<String> {
        self.doc
            .path()
            .filter(|_| !self.doc.is_read_only())
            .map(|_| self.doc.display_name())
    }

    pub(super) fn ask_encrypt(&mut self) {
        let dialog = EncryptDialog::new(self.file_name());
        self.open_modal(Modal::Encrypt(dialog));
    }

    pub(super) fn ask_remove_encryption(&mut self) {
        if self.doc.is_encrypted() {
            let file = self.file_name();
            self.open_modal(Modal::RemoveEncryption(RemoveEncryptionConfirm { file }));
        } else {
            self.show_info("This workspace is not encrypted.");
        }
    }

    /// Encrypts with `passphrase` (or stops encrypting) and saves at once.
    pub(super) fn set_encryption(&mut self, passphrase: Option<Passphrase>, ctx: &egui::Context) {
        if self.refuse_while_busy() {
            return;
        }
        let key = passphrase.as_ref().map(|p| self.key(p));
        let encrypting = key.is_some();
        self.doc.set_key(key);
        // A recovery copy written before now is in the old form; the next
        // autosave writes it in the new one (and the save below makes it
        // unneeded).
        self.autosave.clear(self.recovery_file());
        self.save(ctx);
        if self.job.is_some() {
            self.show_info(if encrypting {
                "Encrypting: saving the workspace encrypted with its passphrase…"
            } else {
                "Removing encryption: saving the workspace without it…"
            });
        }
    }

    /// Opens the encrypted file at `path` for `action` with `passphrase`.
    pub(super) fn unlock(
        &mut self,
        path: PathBuf,
        action: FileAction,
        passphrase: &Passphrase,
        ctx: &egui::Context,
    ) {
        if self.refuse_while_busy() {
            return;
        }
        let key = Some(self.key(passphrase));
        self.job = Some(match action {
            FileAction::CompareWith => Job::read_other_copy(path, false, key, ctx),
            FileAction::MergeWith => Job::read_other_copy(path, true, key, ctx),
            _ => Job::open(path, key, self.today(), ctx),
        });
    }

    /// Asks for the passphrase when `err` says the file is encrypted and
    /// was not opened (none given, or a wrong one); `false` for any other
    /// error, which the caller shows.
    pub(super) fn ask_passphrase(&mut self, err: &LoadError, action: FileAction) -> bool {
        let (path, wrong) = match err {
            LoadError::Locked { path } => (path, false),
            LoadError::Decrypt {
                path,
                error: store::DecryptError::WrongPassphrase,
            } => (path, true),
            _ => return false,
        };
        self.open_modal(Modal::Unlock(UnlockPrompt::new(
            path.clone(),
            action,
            wrong,
        )));
        true
    }
}
