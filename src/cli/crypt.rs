//! `coopdesk encrypt IN.ron OUT.ron.age` and `coopdesk decrypt IN.ron.age
//! OUT.ron`: a workspace file into an age file with a passphrase and back,
//! byte for byte (see `store::crypt`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, passphrase, write_output};
use crate::store;

#[derive(clap::Args)]
pub struct EncryptArgs {
    /// The workspace file to encrypt (it is left as it is).
    pub input: PathBuf,
    /// The encrypted file to write, e.g. NAME.ron.age.
    pub output: PathBuf,
    /// scrypt's work factor (log2 of N, 10 to 30). Default: what takes about
    /// one second on this machine.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(10..=30))]
    pub work_factor: Option<u8>,
}

#[derive(clap::Args)]
pub struct DecryptArgs {
    /// The encrypted workspace file.
    pub input: PathBuf,
    /// The plain workspace file to write.
    pub output: PathBuf,
}

/// Encrypts the exact bytes of a workspace file, after checking that it
/// is one (so a wrong file is not silently locked away).
pub fn run_encrypt(args: &EncryptArgs) -> Result<ExitCode, Error> {
    let plain = zeroize::Zeroizing::new(store::read_limited(&args.input)?);
    if store::is_encrypted(&plain) {
        return Err(Error::Passphrase {
            what: format!("{}: is already encrypted", args.input.display()),
        });
    }
    store::parse(&plain).map_err(|error| error.in_file(&args.input))?;
    let key = passphrase::key_for(&args.output, true)?.with_work_factor(args.work_factor);
    let encrypted = key.encrypt(&plain).map_err(|source| Error::Write {
        path: args.output.clone(),
        source,
    })?;
    write_output(&args.output, &encrypted)?;
    eprintln!(
        "{}: encrypted with the passphrase; keep the passphrase safe, it cannot be recovered",
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Decrypts an encrypted workspace file into the bytes that were encrypted.
pub fn run_decrypt(args: &DecryptArgs) -> Result<ExitCode, Error> {
    if !store::file_is_encrypted(&args.input) {
        // Says why: missing, unreadable, or simply not encrypted.
        store::read_limited(&args.input)?;
        return Err(Error::Passphrase {
            what: format!("{}: is not an encrypted workspace", args.input.display()),
        });
    }
    let key = passphrase::key_for(&args.input, false)?;
    let plain = store::read_decrypted(&args.input, Some(&key))?;
    write_output(&args.output, &plain)?;
    eprintln!(
        "{}: decrypted; it is readable by anyone who can read the file",
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
