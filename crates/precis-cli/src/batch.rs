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

use crate::output::{Printer, Sink};
use crate::{BadInput, Status};
use anyhow::{Context, Result};
use precis::record::{self, ErrorRecord, Limits, SCHEMA};
use precis::{Summarizer, Summary};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

/// Most records summarized per chunk.
const CHUNK_LINES: usize = 256;

/// A chunk stops growing once its records reach this many bytes, so a file
/// of huge records does not hold 256 of them in memory at once.
const CHUNK_BYTES: usize = 64 << 20;

/// One non-blank input line.
struct Line {
    /// 1-based line number in the (decompressed) stream.
    number: usize,
    /// The line without its line break (empty when it was too long).
    bytes: Vec<u8>,
    /// The line's length when it was over the limit and was skipped.
    too_long: Option<usize>,
}

/// Splits a stream into chunks of lines, skipping blank lines.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    /// Complete lines read so far.
    read: usize,
    /// The longest line kept, in bytes; longer ones are skipped.
    max_line: usize,
}

impl Lines {
    /// The next chunk (empty at the end of the stream) and, when reading
    /// stopped at an error, the error. The lines read before the error are
    /// in the chunk, so none of them is lost; a line the error cut short is
    /// not.
    fn next_chunk(&mut self) -> (Vec<Line>, Option<io::Error>) {
        let mut chunk = Vec::new();
        let mut size = 0;
        while chunk.len() < CHUNK_LINES && size < CHUNK_BYTES {
            // A fresh buffer per line: the chunk keeps it, and it grows
            // geometrically, so even a 50 MB line costs linear time.
            let mut bytes = Vec::new();
            let len = match read_line(&mut *self.reader, &mut bytes, self.max_line) {
                Ok(Some(len)) => len,
                Ok(None) => break,
                Err(e) => return (chunk, Some(e)),
            };
            self.read += 1;
            let too_long = (len > self.max_line).then_some(len);
            if too_long.is_none() && bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            size += bytes.len();
            chunk.push(Line { number: self.read, bytes, too_long });
        }
        (chunk, None)
    }
}

/// Reads one line into `buf` without its line break (`\n` or `\r\n`),
/// keeping at most `max` bytes: a longer line is read to its end but not
/// kept. Returns the line's full length, or `None` at the end of the stream.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<usize>> {
    let mut len = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        if len + part.len() <= max {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
            buf.shrink_to_fit();
        }
        len += part.len();
        let used = part.len() + usize::from(done);
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        len -= 1;
    }
    Ok(Some(len))
}

/// What a record turned into: rendered output, plus what to tell stderr.
struct Outcome {
    line: usize,
    rendered: String,
    result: Result<Summary, ErrorRecord>,
}

/// Options of a batch run.
pub struct Options<'a> {
    pub summarizer: &'a Summarizer,
    pub printer: Printer,
    pub pool: &'a rayon::ThreadPool,
    /// The longest line read, in bytes.
    pub max_line: usize,
    pub limits: Limits,
    /// The query and earlier documents of clusters without their own.
    pub situation: &'a crate::summarize_cmd::Situation,
}

/// Summarizes every record of `reader` (named `name` in messages) and
/// writes the results to the sink `open_out` opens once the input has
/// proved readable.
///
/// When reading fails part way (a truncated or corrupt gzip stream), every
/// record before the damage is still summarized and written, the output is
/// closed properly (a `json` array stays valid JSON), and then the error is
/// returned, naming the last complete line.
pub fn run(
    name: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &Options<'_>,
    open_out: impl FnOnce() -> Result<Sink>,
) -> Result<Status> {
    let printer = opts.printer;
    let mut lines = Lines { reader, read: 0, max_line: opts.max_line };
    let (mut chunk, mut damage) = lines.next_chunk();
    if chunk.is_empty() {
        if let Some(e) = damage {
            return Err(e).with_context(|| format!("cannot read {name}"));
        }
        return Err(BadInput(format!(
            "{name} holds no cluster records; give one JSON object per line, like {SCHEMA}"
        ))
        .into());
    }
    let mut out = open_out()?;
    out.write(printer.start())?;
    let (mut total, mut failed) = (0usize, 0usize);
    // Each cluster id and the line it was first seen on.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    while !chunk.is_empty() {
        // Summarize this chunk while reading the next one (unless reading
        // has already failed).
        let work = std::mem::take(&mut chunk);
        let summarize = || work.into_par_iter().map(|line| process(opts, line)).collect::<Vec<_>>();
        let (outcomes, next) = if damage.is_none() {
            opts.pool.install(|| rayon::join(summarize, || lines.next_chunk()))
        } else {
            (opts.pool.install(summarize), (Vec::new(), None))
        };
        let stderr = io::stderr();
        let mut stderr = stderr.lock();
        for outcome in outcomes {
            if total > 0 {
                out.write(printer.separator())?;
            }
            total += 1;
            out.write(&outcome.rendered)?;
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
                    if let Some(first) = seen.insert(summary.id.clone(), outcome.line) {
                        let _ = writeln!(
                            stderr,
                            "warning: {name}:{}: cluster id {:?} repeats the id of line {first}; \
                             output records follow the input order, but give each cluster its \
                             own id to tell them apart",
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
        chunk = next.0;
        damage = damage.or(next.1);
    }
    out.write(printer.end(total == 0))?;
    out.finish()?;
    if let Some(e) = damage {
        let last = lines.read;
        return Err(e).context(format!(
            "{name} is damaged after line {last}, its last complete line (a truncated or \
             corrupt gzip stream, or a read error): the {total} record(s) up to it were \
             summarized and written ({failed} of them as error records), the rest of the file \
             could not be read"
        ));
    }
    if failed > 0 {
        eprintln!(
            "error: {failed} of {total} cluster(s) in {name} could not be summarized; \
             each has an error record in its place in the output"
        );
        return Ok(Status::Failed);
    }
    Ok(Status::Success)
}

/// Summarizes one line and renders the result, never panicking: a line
/// that fails, or a panic in the library, becomes an error record (see
/// [`record::summarize_line`]), so one bad cluster cannot take the rest of
/// the batch down with it. The line's bytes are freed as soon as the record
/// is parsed.
fn process(opts: &Options<'_>, line: Line) -> Outcome {
    let number = line.number;
    let result = match line.too_long {
        Some(len) => Err((None, record::line_too_long(len, opts.max_line))),
        None => record::summarize_line(opts.summarizer, line.bytes, opts.limits, |cluster| {
            opts.situation.fill_in(cluster);
        }),
    };
    let result = result.map_err(|failure| ErrorRecord::new(number, failure));
    let rendered = match &result {
        Ok(summary) => opts.printer.batch_summary(summary),
        Err(failure) => opts.printer.batch_failure(failure),
    };
    Outcome { line: number, rendered, result }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_skip_blank_lines_and_count_them() {
        let data: &[u8] = b"{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}";
        let mut lines = Lines { reader: Box::new(data), read: 0, max_line: 100 };
        let (chunk, err) = lines.next_chunk();
        assert!(err.is_none());
        let numbers: Vec<usize> = chunk.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 4, 5]);
        assert_eq!(chunk[1].bytes, b"{\"b\":2}");
        assert!(lines.next_chunk().0.is_empty());
    }

    #[test]
    fn long_lines_are_measured_not_kept() {
        let data: &[u8] = b"0123456789\nabc\r\n0123456789012";
        let mut lines = Lines {
            reader: Box::new(std::io::BufReader::with_capacity(4, data)),
            read: 0,
            max_line: 10,
        };
        let (chunk, _) = lines.next_chunk();
        let got: Vec<(&[u8], Option<usize>)> =
            chunk.iter().map(|l| (l.bytes.as_slice(), l.too_long)).collect();
        assert_eq!(got, [(&b"0123456789"[..], None), (b"abc", None), (b"", Some(13))]);
    }

    /// A reader that fails after its bytes, as a truncated gzip stream does.
    struct Damaged(&'static [u8]);

    impl std::io::Read for Damaged {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_before_an_error_are_kept() {
        let reader = std::io::BufReader::with_capacity(3, Damaged(b"one\ntwo\nthr"));
        let mut lines = Lines { reader: Box::new(reader), read: 0, max_line: 100 };
        let (chunk, err) = lines.next_chunk();
        let kept: Vec<&[u8]> = chunk.iter().map(|l| l.bytes.as_slice()).collect();
        assert_eq!(kept, [&b"one"[..], b"two"]);
        assert_eq!(err.unwrap().kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(lines.read, 2);
    }
}
