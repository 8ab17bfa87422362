//! `precis summarize`: one cluster from a directory, a file or standard
//! input, or a batch of clusters from a JSONL stream.

use crate::args::{Format, SummarizeArgs};
use crate::input::{self, Input};
use crate::output::Printer;
use crate::{batch, BadInput, Status};
use anyhow::{Context, Result};
use precis::Summarizer;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Runs `precis summarize`.
pub fn run(args: &SummarizeArgs) -> Result<Status> {
    // Configuration errors are usage errors: check them before any input.
    let summarizer = Summarizer::builder()
        .method(args.method)
        .budget(args.budget())
        .explain(args.explain)
        .build()
        .context("invalid options")?;
    check_output_is_not_input(args)?;
    let open_out = || open_output(args.output.as_deref());
    match input::open(args.input.as_deref())? {
        Input::Cluster(cluster) => {
            let summary = summarizer.summarize(&cluster).map_err(|e| {
                anyhow::Error::from(BadInput(e.to_string()))
                    .context(format!("cannot summarize {}", describe(args)))
            })?;
            for w in &summary.warnings {
                eprintln!("warning: cluster {:?}: {w}", summary.id);
            }
            let printer = Printer::new(args.format.unwrap_or(Format::Text), args.explain);
            let mut out = open_out()?;
            out.write_all(printer.single(&summary).as_bytes())?;
            out.flush()?;
            Ok(Status::Success)
        }
        Input::Batch { name, reader } => {
            let threads = args.threads.map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .context("cannot start the worker threads")?;
            let printer = Printer::new(args.format.unwrap_or(Format::Jsonl), args.explain);
            batch::run(&name, reader, &summarizer, printer, &pool, open_out)
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

/// Standard output, or FILE for `-o FILE`, buffered.
fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => {
            let file = File::create(p)
                .with_context(|| format!("cannot create output file {}", p.display()))?;
            Box::new(BufWriter::new(file))
        }
        None => Box::new(BufWriter::new(io::stdout())),
    })
}
