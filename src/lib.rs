//! newsidx: index a folder of news articles and search it by words, actor, country and date.
//!
//! Data flows one way: `discover` finds files, `formats` turns bytes into `Article`s,
//! `extract` finds dates, countries and actors, `index` stores them in tantivy, `query`
//! turns a search request into hits, and `render` is the only code that prints results.

pub mod article;
pub mod cli;
pub mod commands;
pub mod discover;
pub mod extract;
pub mod formats;
pub mod pipeline;
pub mod record;
pub mod render;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Cli, Command};

/// Runs one command. `Ok(true)` means there were results (exit 0), `Ok(false)` none (exit 1).
pub fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Extract(args) => commands::extract(&args),
        _ => anyhow::bail!("not implemented yet"),
    }
}

/// The process exit code for a run's outcome, following grep and ripgrep.
pub fn exit_code(outcome: &Result<bool>) -> ExitCode {
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(_) => ExitCode::from(2),
    }
}
