//! The `precis` command-line tool.
//!
//! This crate is glue: argument parsing, files, standard input, gzip,
//! threads and exit codes around the `precis` library, which does no I/O.
//! The flow is `main → run → Result`, and exit codes are decided in one
//! place, [`main`]:
//!
//! - 0: every cluster was summarized (warnings may have been printed);
//! - 1: some input could not be summarized ([`BadInput`], or failed records
//!   in a batch, which carries on and reports them all);
//! - 2: usage errors and I/O failures (a missing INPUT, an unreadable file,
//!   a corrupt gzip stream, an unwritable output).
//!
//! A closed output pipe (`precis ... | head`) is not an error.

mod args;
mod batch;
mod cluster_cmd;
mod eval_cmd;
mod html;
mod input;
mod offevent_cmd;
mod output;
mod rouge_cmd;
mod serve_cmd;
mod stories_cmd;
mod summarize_cmd;

use clap::Parser;
use std::fmt;
use std::io;
use std::process::ExitCode;

/// How a run that did not fail outright ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything was summarized.
    Success,
    /// Some batch records failed; each was reported.
    Failed,
}

/// An error in the input data, as opposed to usage or I/O: exit status 1.
///
/// The message names the file, line or cluster and says what to do.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

fn main() -> ExitCode {
    // On a usage error clap prints the message and exits with status 2.
    let cli = args::Cli::parse();
    match run(&cli) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failed) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            if err.chain().any(|e| e.is::<BadInput>()) {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

fn run(cli: &args::Cli) -> anyhow::Result<Status> {
    match &cli.command {
        args::Command::Summarize(args) => summarize_cmd::run(args),
        args::Command::Eval(args) => eval_cmd::run(args),
        args::Command::Rouge(args) => rouge_cmd::run(args),
        args::Command::Serve(args) => serve_cmd::run(args),
        args::Command::Cluster(args) => cluster_cmd::run(args),
        args::Command::Stories(args) => stories_cmd::run(args),
    }
}

/// True when the reader of our output went away, which is how `| head` ends.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
