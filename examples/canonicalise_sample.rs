//! Rewrites `assets/sample.ron` exactly as coopdesk prints a workspace (one
//! record per line, stable order), after it was edited by hand:
//! `cargo run --example canonicalise_sample`. The test
//! `the_sample_is_valid_and_already_in_canonical_form` fails until it is.
//!
//! A developer tool, so it is an example rather than a command of the
//! shipped binary. It reads the file, not the copy embedded in the library,
//! so what it rewrites is what is on disk now.

use std::path::Path;
use std::process::ExitCode;

use coopdesk::store;

fn main() -> ExitCode {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.ron");
    match canonicalise(&path) {
        Ok(true) => {
            println!("{}: rewritten in canonical form", path.display());
            ExitCode::SUCCESS
        }
        Ok(false) => {
            println!("{}: already canonical", path.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("canonicalise_sample: {err}");
            ExitCode::from(2)
        }
    }
}

/// Prints the sample canonically and writes it if that changes it; returns
/// whether it was rewritten.
fn canonicalise(path: &Path) -> Result<bool, Box<dyn std::error::Error>> {
    let workspace = store::load(path)?;
    let before = std::fs::read_to_string(path)
        .map_err(|err| format!("{}: cannot read: {err}", path.display()))?;
    let canonical = store::to_ron_string(&workspace)?;
    if canonical == before {
        return Ok(false);
    }
    // Not store::save: that would leave a sample.ron.bak in assets/.
    store::write_atomically(path, canonical.as_bytes())?;
    Ok(true)
}
