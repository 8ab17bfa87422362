//! Command-line arguments: the `clap` definitions and nothing else.
//!
//! Each option's doc comment is its `--help` text and states its default.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use precis::{record, Budget, Method};
use std::ffi::OsStr;
use std::path::PathBuf;

/// precis: extractive summaries of news-article clusters, with provenance.
#[derive(Debug, Parser)]
#[command(name = "precis", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Summarize a directory of documents, a JSONL batch of clusters, or standard input.
    #[command(after_long_help = SUMMARIZE_AFTER_HELP)]
    Summarize(SummarizeArgs),
    /// Summarize an evaluation set with several methods and print the ROUGE table.
    Eval(crate::eval_cmd::EvalArgs),
    /// Score a system's summaries (JSONL `{"id", "summary"}`) against reference summaries.
    Rouge(crate::rouge_cmd::RougeArgs),
    /// Serve the HTTP API and the web page (until SIGTERM or Ctrl-C).
    Serve(crate::serve_cmd::ServeArgs),
    /// Put each article of a stream in a story, online: one `{"id", "story"}` line per article.
    Cluster(crate::cluster_cmd::ClusterArgs),
    /// Cluster an article stream into stories and summarize each: one JSON line per story.
    Stories(crate::stories_cmd::StoriesArgs),
}

const SUMMARIZE_AFTER_HELP: &str = "\
INPUT is one of:
  DIR              one cluster: every *.txt and *.html/*.htm file is a document,
                   its file name the document id, read in file-name order
  FILE.jsonl[.gz]  a batch: one cluster per line, {\"id\": ..., \"documents\":
                   [{\"id\": ..., \"text\": ...}]}; gzip is detected by content
  FILE.txt|.html   one cluster of one document (any other file is read as JSONL)
  - (or nothing)   standard input: documents separated by `|||||` (a JSONL
                   batch, possibly gzipped, is recognised too)

Exit status: 0 when every cluster was summarized, 1 when some input could not
be summarized (each failure is reported, and in batch mode written as an error
record in its place), 2 for usage errors and I/O failures (an output that
cannot be written, a truncated gzip file: every record before the damage is
still written).";

/// Options of `precis summarize`.
#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// A directory of documents, a JSONL file of clusters (optionally gzipped),
    /// or `-` for standard input (the default when it is not a terminal).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,

    /// The summarization method.
    #[arg(short, long, default_value = "auto", value_parser = MethodParser)]
    pub method: Method,

    #[command(flatten)]
    pub length: Length,

    /// Output format [default: text for one cluster, jsonl for a batch].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// Say how each chosen sentence scored, and why documents were found
    /// to report another event.
    #[arg(long)]
    pub explain: bool,

    /// Let sentences of documents that report another event than the
    /// cluster's main one into the summary (those flagged confidently are
    /// left out by default; JSON output lists every flagged document in
    /// "off_event" either way).
    #[arg(long)]
    pub keep_off_event: bool,

    /// Worker threads for batch input, at most 1024 [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_THREADS))]
    pub threads: Option<u64>,

    /// The largest document read, in MiB (2^20 bytes) of text; a larger one
    /// is an error naming it. Summarizing takes about 35 times a cluster's
    /// text in memory (a 4 MiB document about 150 MiB). The default is the
    /// limit of every front end (the Python package, the service).
    #[arg(long, value_name = "MIB", default_value_t = mib(record::MAX_DOCUMENT_BYTES), value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_document_mb: u64,

    /// The longest JSONL line (one cluster), or standard input as one
    /// cluster, read, in MiB; a longer line becomes an error record (a
    /// 16 MiB cluster takes about 600 MiB to summarize). The default is the
    /// limit of every front end.
    #[arg(long, value_name = "MIB", default_value_t = mib(record::MAX_CLUSTER_BYTES), value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
    pub max_line_mb: u64,

    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A question the summary should answer (query-focused). In a batch,
    /// for the clusters without a `query` of their own.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,

    /// Documents the reader has already seen: a directory of .txt/.html
    /// documents or a JSONL(.gz) file of `{"id", "text"}` documents. The
    /// summary then says what the new documents add. In a batch, for the
    /// clusters without `earlier_documents` of their own.
    #[arg(long, value_name = "PATH")]
    pub earlier: Option<PathBuf>,
}

/// The most worker threads `-j` accepts: far more than any machine has
/// cores, and few enough to start at once.
pub const MAX_THREADS: u64 = 1024;

/// A core limit in bytes as the whole MiB the flags take.
const fn mib(bytes: usize) -> u64 {
    (bytes >> 20) as u64
}

impl SummarizeArgs {
    /// The input size limits the flags ask for.
    pub fn limits(&self) -> record::Limits {
        let bytes = |mib: u64| usize::try_from(mib << 20).unwrap_or(usize::MAX);
        record::Limits {
            document_bytes: bytes(self.max_document_mb),
            line_bytes: bytes(self.max_line_mb),
        }
    }

    /// The budget the flags ask for.
    pub fn budget(&self) -> Budget {
        self.length.budget()
    }
}

/// The length flags `summarize` and `stories` share: `--words`, `--bytes`
/// or `--sentences` (at most one; 100 words by default) and `--fill`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("budget").args(["words", "bytes", "sentences"])))]
pub struct Length {
    /// Budget in words [default: 100].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub words: Option<u64>,

    /// Budget in bytes of UTF-8 text, counting one newline between sentences.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub bytes: Option<u64>,

    /// Budget in whole sentences.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub sentences: Option<u64>,

    /// Let the last sentence run to the budget and cut it there (as ROUGE's
    /// length limit does) instead of keeping only whole sentences.
    #[arg(long)]
    pub fill: bool,
}

impl Length {
    /// The budget the flags ask for; `clap` has already made them exclusive.
    pub fn budget(&self) -> Budget {
        let n = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        let budget = match (self.words, self.bytes, self.sentences) {
            (_, Some(b), _) => Budget::bytes(n(b)),
            (_, _, Some(s)) => Budget::sentences(n(s)),
            (w, _, _) => Budget::words(w.map_or(100, n)),
        };
        budget.with_fill(self.fill)
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One sentence per line.
    Text,
    /// A heading, and one bullet per sentence naming its sources.
    #[value(alias = "md")]
    Markdown,
    /// The whole summary as pretty JSON (a JSON array for a batch).
    Json,
    /// One compact JSON line per cluster: {"id", "summary", "sentences"}.
    #[value(alias = "ndjson")]
    Jsonl,
}

/// Parses `--method` with [`Method::from_str`](std::str::FromStr), offering
/// [`Method::ALL`] as the possible values, so a method added to the core
/// shows up in `--help` and in error suggestions without touching the CLI.
#[derive(Debug, Clone, Copy)]
struct MethodParser;

impl TypedValueParser for MethodParser {
    type Value = Method;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Method, clap::Error> {
        // Lowercase first so `--method LexRank` works, then let clap's own
        // parser produce its usual message (with a "did you mean") for
        // unknown names.
        let lower = value.to_string_lossy().to_ascii_lowercase();
        let names = PossibleValuesParser::new(Method::ALL.iter().map(|m| m.name()));
        let name = names.parse_ref(cmd, arg, OsStr::new(&lower))?;
        name.parse::<Method>()
            .map_err(|e| clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{e}\n")))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Method::ALL.iter().map(|m| PossibleValue::new(m.name()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<SummarizeArgs, clap::Error> {
        let cli = Cli::try_parse_from(["precis", "summarize"].iter().chain(args))?;
        match cli.command {
            Command::Summarize(args) => Ok(args),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn budgets_and_methods() {
        let a = parse(&[]).unwrap();
        assert_eq!((a.method, a.budget()), (Method::Auto, Budget::words(100)));
        let a = parse(&["--bytes", "665", "--fill", "-m", "LexRank"]).unwrap();
        assert_eq!((a.method, a.budget()), (Method::LexRank, Budget::bytes(665).with_fill(true)));
        assert_eq!(parse(&["--sentences", "3"]).unwrap().budget(), Budget::sentences(3));
        assert!(parse(&["--words", "3", "--bytes", "9"]).is_err());
        assert!(parse(&["--words", "0"]).is_err());
        assert!(parse(&["--method", "bogus"]).is_err());
        assert!(parse(&["-j", "1024"]).is_ok());
        assert!(parse(&["-j", "1000000000"]).is_err());
        let limits = parse(&["--max-document-mb", "2"]).unwrap().limits();
        assert_eq!((limits.document_bytes, limits.line_bytes), (2 << 20, 16 << 20));
    }

    #[test]
    fn default_limits_are_the_cores() {
        // The Python package and the service use the core's limits and
        // cannot raise them: a default of its own here would let the CLI
        // take input they refuse, or refuse input they take.
        assert_eq!(parse(&[]).unwrap().limits(), record::Limits::DEFAULT);
        for m in Method::ALL {
            assert_eq!(parse(&["--method", m.name()]).unwrap().method, *m);
        }
    }
}
