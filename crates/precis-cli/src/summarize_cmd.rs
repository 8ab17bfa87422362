//! `precis summarize`: one cluster from a directory, a file or standard
//! input, or a batch of clusters from a JSONL stream.

use crate::args::{Format, SummarizeArgs};
use crate::input::{self, Input};
use crate::output::{Printer, Sink};
use crate::{batch, BadInput, Status};
use anyhow::{Context, Result};
use precis::{Cluster, Document, Summarizer};
use std::fs;
use std::path::Path;

/// Runs `precis summarize`.
pub fn run(args: &SummarizeArgs) -> Result<Status> {
    // Configuration errors are usage errors: check them before any input.
    let summarizer = Summarizer::builder()
        .method(args.method)
        .budget(args.budget())
        .explain(args.explain)
        .keep_off_event(args.keep_off_event)
        .build()
        .context("invalid options")?;
    check_output_is_not_input(args)?;
    let open_out = || Sink::open(args.output.as_deref());
    let limits = args.limits();
    let situation = Situation::from_args(args)?;
    match input::open(args.input.as_deref(), limits)? {
        Input::Cluster(mut cluster) => {
            situation.fill_in(&mut cluster);
            let summary = summarizer.summarize(&cluster).map_err(|e| {
                anyhow::Error::from(BadInput(e.to_string()))
                    .context(format!("cannot summarize {}", describe(args)))
            })?;
            for w in &summary.warnings {
                eprintln!("warning: cluster {:?}: {w}", summary.id);
            }
            let printer = Printer::new(args.format.unwrap_or(Format::Text), args.explain);
            let mut out = open_out()?;
            out.write(&printer.single(&summary))?;
            out.finish()?;
            Ok(Status::Success)
        }
        Input::Batch { name, reader } => {
            let threads = args.threads.map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .context("cannot start the worker threads")?;
            let printer = Printer::new(args.format.unwrap_or(Format::Jsonl), args.explain);
            let opts = batch::Options {
                summarizer: &summarizer,
                printer,
                pool: &pool,
                max_line: limits.line_bytes,
                limits,
                situation: &situation,
            };
            batch::run(&name, reader, &opts, open_out)
        }
    }
}

/// The reader's situation from the command line: `--query` and
/// `--earlier`, for the clusters that do not carry their own.
#[derive(Debug, Default)]
pub struct Situation {
    query: Option<String>,
    earlier: Vec<Document>,
}

impl Situation {
    /// Reads `--earlier` (a directory, a document file, or JSONL documents).
    fn from_args(args: &SummarizeArgs) -> Result<Situation> {
        let earlier = match &args.earlier {
            None => Vec::new(),
            Some(path) => input::read_documents(path, "--earlier", args.limits())?,
        };
        Ok(Situation { query: args.query.clone(), earlier })
    }

    /// Gives `cluster` the query and earlier documents it lacks.
    pub fn fill_in(&self, cluster: &mut Cluster) {
        if cluster.query.is_none() {
            cluster.query.clone_from(&self.query);
        }
        if cluster.earlier_documents.is_empty() {
            cluster.earlier_documents.clone_from(&self.earlier);
        }
    }
}

/// How messages name the input.
fn describe(args: &SummarizeArgs) -> String {
    match args.input.as_deref() {
        Some(p) if p != Path::new("-") => p.display().to_string(),
        _ => "standard input".into(),
    }
}

/// `-o` naming the input file would truncate it before it is read.
fn check_output_is_not_input(args: &SummarizeArgs) -> Result<()> {
    let (Some(input), Some(output)) = (&args.input, &args.output) else { return Ok(()) };
    if let (Ok(a), Ok(b)) = (fs::canonicalize(input), fs::canonicalize(output)) {
        anyhow::ensure!(
            a != b,
            "the output file {} is the input; choose another -o FILE",
            output.display()
        );
    }
    Ok(())
}
