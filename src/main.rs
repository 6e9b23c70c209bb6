//! The `coopdesk` command: opens the dashboard, or runs a headless command
//! from [`coopdesk::cli`].

use std::process::ExitCode;

use clap::Parser;

use coopdesk::cli::Cli;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("coopdesk: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            coopdesk::ui::run(cli.file).map_err(|err| anyhow::anyhow!("{err}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(command) => Ok(coopdesk::cli::run_with(
            &command,
            cli.passphrase_file.as_deref(),
        )?),
    }
}
