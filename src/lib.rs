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
pub mod fingerprint;
pub mod formats;
pub mod index;
pub mod pipeline;
pub mod query;
pub mod record;
pub mod render;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Cli, Command};

/// Runs one command. `Ok(true)` means there were results (exit 0), `Ok(false)` none (exit 1).
pub fn run(cli: Cli) -> Result<bool> {
    let g = commands::Globals::new(cli.index, cli.color);
    match &cli.command {
        Command::Index(args) => commands::index(&g, args),
        Command::Search(args) => commands::search(&g, args),
        Command::Extract(args) => commands::extract(&g, args),
        Command::Top(args) => commands::top(&g, args),
        Command::Timeline(args) => commands::timeline(&g, args),
        Command::Similar(args) => commands::similar(&g, args),
        Command::Show(args) => commands::show(&g, args),
        Command::Stats(args) => commands::stats(&g, args),
        Command::Completions { shell } => commands::completions(*shell),
        Command::Man => commands::man(),
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
