//! newsidx: index a folder of news articles and search it by words, actor, country and date.
//!
//! Data flows one way. `commands` turn the command line into typed requests. For
//! `index`, the `indexer` walks files (`discover`), reads them (`pipeline`: `formats`
//! turns bytes into `Article`s, `extract` finds dates, countries and actors) and writes
//! them to a back end's `Storage`. The other commands ask a back end's `Archive` (see
//! `backend`): the local tantivy index (`index`) or an OpenSearch cluster
//! (`opensearch`). `render` is the only code that prints
//! results.

pub mod article;
pub mod backend;
pub mod cli;
pub mod commands;
pub mod discover;
pub mod extract;
pub mod fingerprint;
pub mod formats;
pub mod index;
pub mod indexer;
pub mod opensearch;
mod pause;
pub mod pipeline;
pub mod query;
pub mod record;
pub mod render;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Cli, Command};

/// Runs one command. `Ok(true)` means there were results (exit 0), `Ok(false)` none (exit 1).
pub fn run(cli: Cli) -> Result<bool> {
    let g = commands::Globals::new(cli.index, cli.engine.as_deref(), cli.color)?;
    match &cli.command {
        Command::Index(args) => commands::index(&g, args),
        Command::Extract(args) => commands::extract(&g, args),
        Command::Completions { shell } => commands::completions(*shell),
        Command::Man => commands::man(),
        reading => commands::read_command(&g, reading),
    }
}

/// The process exit code for a run's outcome, following grep and ripgrep. A reader that
/// closed the pipe early (`newsidx search ... | head -1`) is not an error: exit 0.
pub fn exit_code(outcome: &Result<bool>) -> ExitCode {
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if is_closed_pipe(e) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

/// True when the error, or anything it was caused by, is a write to a pipe whose reader
/// has gone (EPIPE). Rust ignores SIGPIPE, so such writes fail with this error instead of
/// ending the process the way they end C tools.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(caused_by_closed_pipe)
}

fn caused_by_closed_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    if let Some(e) = err.downcast_ref::<csv::Error>() {
        // csv's error carries the I/O error it met but does not give it as its source.
        return matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
    }
    let Some(io) = err.downcast_ref::<std::io::Error>() else {
        return false;
    };
    if io.kind() == BrokenPipe {
        return true;
    }
    // An `io::Error` made from another error reports that error's source as its own,
    // skipping the error itself: look at the error inside too.
    io.get_ref().is_some_and(|inner| {
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(inner);
        while let Some(e) = next {
            if caused_by_closed_pipe(e) {
                return true;
            }
            next = e.source();
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn a_closed_pipe_anywhere_in_the_chain_is_a_quiet_success() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        let direct = anyhow::Error::from(pipe());
        assert!(is_closed_pipe(&direct));
        assert_eq!(exit_code(&Err(direct)), ExitCode::SUCCESS);
        let wrapped = anyhow::Error::from(pipe()).context("writing results");
        assert!(is_closed_pipe(&wrapped));
        let inside = anyhow::Error::from(io::Error::other(csv::Error::from(pipe())));
        assert!(is_closed_pipe(&inside));
        let other = anyhow::Error::from(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!is_closed_pipe(&other));
        assert_eq!(exit_code(&Err(other)), ExitCode::from(2));
        assert!(!is_closed_pipe(&anyhow::anyhow!("broken pipe")));
    }
}
