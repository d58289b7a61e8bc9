//! The `newsidx` binary: parse the command line, run it, report errors, set the exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = newsidx::cli::Cli::parse();
    let outcome = newsidx::run(cli);
    if let Err(err) = &outcome {
        eprintln!("newsidx: error: {err:#}");
    }
    newsidx::exit_code(&outcome)
}
