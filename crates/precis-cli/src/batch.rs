//! Batch mode: a JSONL stream of clusters, summarized in parallel and
//! written in input order.
//!
//! The stream is read in chunks of at most [`CHUNK_LINES`] records (fewer
//! when they are large, see [`CHUNK_BYTES`]). Each chunk is summarized on the
//! thread pool while the next one is read, and its results are written in
//! order before the chunk after that is started, so peak memory depends on
//! the chunk size, not on the number of clusters, and the output bytes do not
//! depend on the number of threads.
//!
//! A record that cannot be summarized (bad UTF-8, malformed JSON, no
//! documents, no text) becomes an error record in its place; the batch goes on.

use crate::output::{Failure, Printer};
use crate::{BadInput, Status};
use anyhow::{Context, Result};
use precis::{Cluster, Document, Summarizer, Summary};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{self, BufRead, Write};
use std::panic::{self, AssertUnwindSafe};

/// Most records summarized per chunk.
const CHUNK_LINES: usize = 256;

/// A chunk stops growing once its records reach this many bytes, so a file
/// of huge records does not hold 256 of them in memory at once.
const CHUNK_BYTES: usize = 64 << 20;

/// One non-blank input line.
struct Line {
    /// 1-based line number in the (decompressed) stream.
    number: usize,
    bytes: Vec<u8>,
}

/// Splits a stream into chunks of lines, skipping blank lines.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    /// Lines read so far.
    read: usize,
}

impl Lines {
    /// The next chunk; empty at the end of the stream.
    fn next_chunk(&mut self) -> io::Result<Vec<Line>> {
        let mut chunk = Vec::new();
        let mut size = 0;
        while chunk.len() < CHUNK_LINES && size < CHUNK_BYTES {
            // A fresh buffer per line: the chunk keeps it, and `read_until`
            // grows it geometrically, so even a 50 MB line costs linear time
            // and at most about twice its size while it is read.
            let mut bytes = Vec::new();
            if self.reader.read_until(b'\n', &mut bytes)? == 0 {
                break;
            }
            self.read += 1;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            size += bytes.len();
            chunk.push(Line { number: self.read, bytes });
        }
        Ok(chunk)
    }
}

/// A cluster record as stored in the JSONL files. Only `id` and `documents`
/// are read; other fields (`source`, `summaries`, ...) are skipped.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<Id>,
    documents: Option<Vec<RecordDocument>>,
}

#[derive(Debug, Deserialize)]
struct RecordDocument {
    id: Option<Id>,
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Ids are strings, but a number is accepted and used as written.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

impl Id {
    fn into_string(self) -> String {
        match self {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        }
    }
}

/// Just the id of a record, for naming records that fail to decode.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<Id>,
}

/// What a record turned into: rendered output, plus what to tell stderr.
struct Outcome {
    line: usize,
    rendered: String,
    result: Result<Summary, Failure>,
}

/// An example record, quoted in messages about malformed ones.
const SCHEMA: &str = r#"{"id": "...", "documents": [{"id": "...", "text": "..."}]}"#;

/// Summarizes every record of `reader` (named `name` in messages) and
/// writes the results to `out`, opened by `open_out` once the input has
/// proved readable.
pub fn run(
    name: &str,
    reader: Box<dyn BufRead + Send>,
    summarizer: &Summarizer,
    printer: Printer,
    pool: &rayon::ThreadPool,
    open_out: impl FnOnce() -> Result<Box<dyn Write>>,
) -> Result<Status> {
    let mut lines = Lines { reader, read: 0 };
    let mut chunk = lines.next_chunk().with_context(|| format!("reading {name}"))?;
    if chunk.is_empty() {
        return Err(BadInput(format!(
            "{name} holds no cluster records; give one JSON object per line, like {SCHEMA}"
        ))
        .into());
    }
    let mut out = open_out()?;
    out.write_all(printer.start().as_bytes())?;
    let (mut total, mut failed) = (0usize, 0usize);
    while !chunk.is_empty() {
        // Summarize this chunk while reading the next one.
        let (outcomes, next) = pool.install(|| {
            rayon::join(
                || {
                    chunk
                        .par_iter()
                        .map(|line| process(summarizer, printer, line))
                        .collect::<Vec<_>>()
                },
                || lines.next_chunk(),
            )
        });
        let stderr = io::stderr();
        let mut stderr = stderr.lock();
        for outcome in outcomes {
            if total > 0 {
                out.write_all(printer.separator().as_bytes())?;
            }
            total += 1;
            out.write_all(outcome.rendered.as_bytes())?;
            // Messages to stderr are best effort; a closed stderr must not
            // stop the batch.
            match &outcome.result {
                Ok(summary) => {
                    for w in &summary.warnings {
                        let _ = writeln!(
                            stderr,
                            "warning: {name}:{}: cluster {:?}: {w}",
                            outcome.line, summary.id
                        );
                    }
                }
                Err(f) => {
                    failed += 1;
                    let cluster =
                        f.id.as_ref().map(|id| format!(" cluster {id:?}:")).unwrap_or_default();
                    let _ =
                        writeln!(stderr, "error: {name}:{}:{cluster} {}", outcome.line, f.error);
                }
            }
        }
        drop(stderr);
        chunk = next.with_context(|| format!("reading {name} after line {}", lines.read))?;
    }
    out.write_all(printer.end(total == 0).as_bytes())?;
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "error: {failed} of {total} cluster(s) in {name} could not be summarized; \
             each has an error record in its place in the output"
        );
        return Ok(Status::Failed);
    }
    Ok(Status::Success)
}

/// Summarizes one line and renders the result, never panicking: a panic in
/// the library becomes an error record, so one bad cluster cannot take the
/// rest of the batch down with it.
fn process(summarizer: &Summarizer, printer: Printer, line: &Line) -> Outcome {
    let result = panic::catch_unwind(AssertUnwindSafe(|| summarize_line(summarizer, line)))
        .unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err((
                None,
                format!(
                    "internal error (a bug in precis; please report it with this record): {what}"
                ),
            ))
        });
    let result = result.map_err(|(id, error)| Failure { id, line: line.number, error });
    let rendered = match &result {
        Ok(summary) => printer.batch_summary(summary),
        Err(failure) => printer.batch_failure(failure),
    };
    Outcome { line: line.number, rendered, result }
}

/// A record's summary, or its id (when known) and what went wrong.
fn summarize_line(
    summarizer: &Summarizer,
    line: &Line,
) -> Result<Summary, (Option<String>, String)> {
    let text = std::str::from_utf8(&line.bytes).map_err(|e| {
        let at = e.valid_up_to();
        (
            id_of(&String::from_utf8_lossy(&line.bytes)),
            format!(
                "invalid UTF-8 (byte 0x{:02x} at byte offset {at} of the line); convert the \
                 file to UTF-8 (for example with `iconv -f latin1 -t utf-8`)",
                line.bytes[at]
            ),
        )
    })?;
    let record: Record = serde_json::from_str(text).map_err(|e| (id_of(text), malformed(&e)))?;
    let cluster = into_cluster(record)?;
    summarizer.summarize(&cluster).map_err(|e| (Some(cluster.id.clone()), e.to_string()))
}

/// The message for a line that is not a cluster record.
fn malformed(e: &serde_json::Error) -> String {
    // serde_json ends its messages with "at line 1 column N"; on a single
    // line only the column means anything.
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    format!(
        "malformed JSON at column {}: {what}; each line must be one object like {SCHEMA}",
        e.column()
    )
}

/// The record's id, if the text parses far enough to have one.
fn id_of(text: &str) -> Option<String> {
    serde_json::from_str::<IdOnly>(text).ok()?.id.map(Id::into_string)
}

fn into_cluster(record: Record) -> Result<Cluster, (Option<String>, String)> {
    let Some(id) = record.id.map(Id::into_string) else {
        return Err((
            None,
            format!("the record has no \"id\"; each line must be one object like {SCHEMA}"),
        ));
    };
    let documents = match record.documents {
        Some(docs) if !docs.is_empty() => docs,
        _ => {
            return Err((
                Some(id),
                format!(
                "the record has no documents; give at least one in \"documents\", like {SCHEMA}"
            ),
            ))
        }
    };
    let mut docs = Vec::with_capacity(documents.len());
    for (i, d) in documents.into_iter().enumerate() {
        let doc_id = d.id.map(Id::into_string).unwrap_or_else(|| format!("doc-{}", i + 1));
        let Some(text) = d.text else {
            return Err((Some(id), format!("document {} ({doc_id:?}) has no \"text\"", i + 1)));
        };
        // Dates are checked where the cluster is prepared, which names the
        // document; the batch adds the line.
        let mut doc = Document::new(doc_id, text);
        (doc.title, doc.date, doc.url, doc.source) = (d.title, d.date, d.url, d.source);
        docs.push(doc);
    }
    Ok(Cluster::new(id, docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(json: &str) -> Result<Cluster, (Option<String>, String)> {
        into_cluster(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn records() {
        let c = cluster(r#"{"id": 7, "source": "x", "documents": [{"text": "A."}, {"id": "b", "text": "B."}], "summaries": []}"#).unwrap();
        assert_eq!(c.id, "7");
        assert_eq!(c.documents[0].id, "doc-1");
        assert_eq!(c.documents[1].id, "b");
        let c = cluster(r#"{"id": "m", "documents": [{"id": "a", "text": "A.", "title": "T", "date": "2015-12-15", "url": "https://example.org/a", "source": "AP"}]}"#).unwrap();
        let a = &c.documents[0];
        assert_eq!(
            (a.title.as_deref(), a.date.as_deref(), a.url.as_deref(), a.source.as_deref()),
            (Some("T"), Some("2015-12-15"), Some("https://example.org/a"), Some("AP"))
        );
        let (id, msg) = cluster(r#"{"id": "c", "documents": []}"#).unwrap_err();
        assert_eq!(id.as_deref(), Some("c"));
        assert!(msg.contains("no documents"));
        assert!(cluster(r#"{"documents": [{"text": "A."}]}"#).unwrap_err().1.contains("no \"id\""));
        assert!(cluster(r#"{"id": "c", "documents": [{"id": "d"}]}"#)
            .unwrap_err()
            .1
            .contains("\"d\""));
    }

    #[test]
    fn malformed_names_the_column() {
        let e = serde_json::from_str::<Record>(r#"{"id": "x", "documents": [}"#).unwrap_err();
        let msg = malformed(&e);
        assert!(msg.starts_with("malformed JSON at column 27: "), "{msg}");
        assert!(!msg.contains("line 1"), "{msg}");
    }

    #[test]
    fn chunks_skip_blank_lines_and_count_them() {
        let data: &[u8] = b"{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}";
        let mut lines = Lines { reader: Box::new(data), read: 0 };
        let chunk = lines.next_chunk().unwrap();
        let numbers: Vec<usize> = chunk.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 4, 5]);
        assert!(lines.next_chunk().unwrap().is_empty());
    }
}
