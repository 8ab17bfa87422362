//! JSONL batch records, the input and output of a batch in every front
//! end: a line read as a cluster (ids kept exactly as written, the messages
//! for lines that are not records), one line summarized under a panic guard,
//! and the error record written in a failed cluster's place.
//!
//! The CLI (`precis summarize FILE.jsonl`), the Python binding
//! (`precis.Summarizer.summarize_lines`, which Spark and Ray call) and the
//! fuzz target `jsonl_record` all go through this module, so a batch reads
//! and writes the same bytes whichever front end runs it. Reading the lines
//! (files, gzip, standard input) stays in the front ends: this module takes
//! a line's bytes and does no I/O.
//!
//! # Input
//!
//! A record is `{"id": ..., "documents": [{"id": ..., "text": ...}]}`, with
//! an optional `query` (a question for a query-focused summary) and
//! `earlier_documents` (documents of the same shape the reader has already
//! seen, for an update summary); other fields (`source`, `summaries`, ...)
//! are skipped. To read a new field, add
//! it to [`Record`] or [`RecordDocument`] (an `Option`, so old files still
//! parse) and carry it over in [`Record::into_cluster`] or
//! [`RecordDocument::into_document`]; the error handling stays as it is.
//!
//! Ids may be JSON strings or numbers. A number is kept as the token's text
//! (`1e2` stays `1e2`, `12345678901234567890` keeps every digit): it is read
//! as a [`RawValue`], never converted to a float.
//!
//! # Output
//!
//! A cluster that was summarized is written by the renderers
//! ([`crate::render::JsonLine`] for JSONL). A line that could not be
//! summarized (bad UTF-8, malformed JSON, no documents, no text, a limit, a
//! panic in precis) is written as an [`ErrorRecord`] in its place,
//! `{"id": "..." | null, "line": 7, "error": "..."}`, and the batch goes on.
//!
//! # The panic guard
//!
//! [`summarize_line`] catches a panic of the summarizer (a bug in precis)
//! and turns it into an error record, so that one bad cluster cannot take
//! a batch of thousands down with it; [`catch_panic`] is that guard on its
//! own, for front ends that summarize a cluster outside a record (the
//! Python `Summarizer.summarize`, a server worker). It needs no I/O, and
//! turning the panic's payload into a message is the same everywhere, so it
//! lives here rather than once per front end.

use crate::{Cluster, Document, Summarizer, Summary};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An example record, quoted in messages about malformed ones.
pub const SCHEMA: &str = r#"{"id": "...", "documents": [{"id": "...", "text": "..."}]}"#;

/// What went wrong with a record: the cluster id when it is known, and a
/// message saying what to do.
pub type Failure = (Option<String>, String);

/// A cluster record as stored in the JSONL files.
#[derive(Debug, Deserialize)]
pub struct Record {
    id: Option<Box<RawValue>>,
    documents: Option<Vec<RecordDocument>>,
    /// The reader's question (a query-focused summary).
    query: Option<String>,
    /// Documents the reader has already seen (an update summary).
    earlier_documents: Option<Vec<RecordDocument>>,
}

/// One document of a [`Record`].
#[derive(Debug, Deserialize)]
pub struct RecordDocument {
    id: Option<Box<RawValue>>,
    text: Option<String>,
    title: Option<String>,
    /// Checked when the cluster is prepared, whose error names the document.
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// Just the id of a record, for naming records that fail further on.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<Box<RawValue>>,
}

/// The most bytes of text one document may have, 4 MiB (about 40 long
/// articles, about 150 MiB to summarize): [`Limits::DEFAULT`]'s
/// `document_bytes`.
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// The most bytes one cluster may have, 16 MiB (four times every document
/// of Multi-News validation together, about 600 MiB to summarize):
/// [`Limits::DEFAULT`]'s `line_bytes`.
pub const MAX_CLUSTER_BYTES: usize = 16 << 20;

/// Size limits on input, so that one huge document or line fails with a
/// message instead of exhausting memory (summarizing takes about 35 times
/// a cluster's text in memory; see docs/performance.md).
///
/// Every front end starts from [`Limits::DEFAULT`], so the same input is
/// accepted or refused alike by the CLI, the Python binding and the
/// service; only the CLI can raise them (`--max-document-mb`,
/// `--max-line-mb`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one document's text may have (the CLI's
    /// `--max-document-mb`).
    pub document_bytes: usize,
    /// The most bytes one cluster may have: one JSONL line, all of standard
    /// input, or the texts of a cluster given as documents (the CLI's
    /// `--max-line-mb`).
    pub line_bytes: usize,
}

impl Limits {
    /// The limits of every front end unless the CLI's flags raise them:
    /// [`MAX_DOCUMENT_BYTES`] and [`MAX_CLUSTER_BYTES`].
    pub const DEFAULT: Limits =
        Limits { document_bytes: MAX_DOCUMENT_BYTES, line_bytes: MAX_CLUSTER_BYTES };

    /// Checks a cluster that did not come from a JSONL line (the Python
    /// binding's documents) as a line is checked: each document's text,
    /// earlier documents included, against `document_bytes`, and their
    /// texts together against `line_bytes`. A record of the same documents
    /// is a little longer than their texts (ids, quotes, escapes), so a
    /// cluster just under the limit may still be refused as a line.
    ///
    /// # Errors
    ///
    /// The message names the cluster and the document
    /// (`cluster "c": documents[2] ("id")`), the size and the limit, and
    /// says what to do.
    pub fn check_cluster(&self, cluster: &Cluster) -> Result<(), String> {
        let lists =
            [("documents", &cluster.documents), ("earlier_documents", &cluster.earlier_documents)];
        let documents = lists.into_iter().flat_map(|(field, docs)| {
            docs.iter().enumerate().map(move |(i, doc)| {
                let what = move || format!("cluster {:?}: {field}[{i}] ({:?})", cluster.id, doc.id);
                (doc.text.len(), what)
            })
        });
        self.check_sizes(documents, || format!("cluster {:?}", cluster.id))
    }

    /// Checks one cluster's documents, each given as its size in bytes and
    /// how to name it, against `document_bytes`, and their sizes together
    /// against `line_bytes`: the one size check of the front ends that do
    /// not read JSONL lines ([`Limits::check_cluster`], the service's).
    /// The names are only built for the message.
    ///
    /// # Errors
    ///
    /// [`too_big`] for the first document over the limit, else
    /// [`cluster_too_big`] when the total is over it, naming the cluster by
    /// `cluster`.
    pub fn check_sizes<W: FnOnce() -> String>(
        &self,
        documents: impl IntoIterator<Item = (usize, W)>,
        cluster: impl FnOnce() -> String,
    ) -> Result<(), String> {
        let mut total = 0usize;
        for (len, what) in documents {
            if len > self.document_bytes {
                return Err(too_big(&what(), len, *self));
            }
            total = total.saturating_add(len);
        }
        if total > self.line_bytes {
            return Err(cluster_too_big(&cluster(), total, self.line_bytes));
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// The text of an id as written: a string's contents, or a number's token.
/// `None` for `null`; an error for anything else. `what` names the id in the
/// message ("the record's \"id\"").
pub fn id_text(raw: &RawValue, what: &str) -> Result<Option<String>, String> {
    let token = raw.get();
    match token.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(token).map(Some).map_err(|e| e.to_string()),
        Some(b'-' | b'0'..=b'9') => Ok(Some(token.to_owned())),
        Some(b'n') => Ok(None),
        _ => {
            let kind = match token.as_bytes().first() {
                Some(b'{') => "an object",
                Some(b'[') => "an array",
                _ => "a boolean",
            };
            Err(format!(
                "{what} is {kind} ({}); an id must be a string or a number",
                preview(token)
            ))
        }
    }
}

/// The first characters of `text`, for messages.
fn preview(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// Parses one line (without its line break) as a record.
pub fn parse(line: &str) -> Result<Record, Failure> {
    serde_json::from_str(line).map_err(|e| (id_of(line), malformed(line, &e)))
}

/// The record's id, if the text parses far enough to have one.
pub fn id_of(text: &str) -> Option<String> {
    let raw = serde_json::from_str::<IdOnly>(text).ok()?.id?;
    id_text(&raw, "").ok().flatten()
}

/// What is wrong with `line`, which failed to parse with `e`, without the
/// advice (see [`malformed`]).
pub fn problem(line: &str, e: &serde_json::Error) -> String {
    // serde_json ends its messages with "at line 1 column N"; on one line only
    // the column means anything, and at the end of the line not even that.
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    if e.is_eof() {
        format!("malformed JSON: the line ends before the JSON value is complete ({what})")
    } else if e.is_syntax() {
        format!("malformed JSON at column {}: {what}", e.column())
    } else if !line.trim_start().starts_with('{') {
        "malformed record: the line is JSON but not an object".to_owned()
    } else {
        format!("malformed record at column {}: {what}", e.column())
    }
}

/// The message for a line that is not a cluster record.
pub fn malformed(line: &str, e: &serde_json::Error) -> String {
    format!("{}; each line must be one object like {SCHEMA}", problem(line, e))
}

impl Record {
    /// The cluster the record describes, with a warning for each document
    /// id that repeats another of the cluster's (provenance names documents
    /// by id, so repeated ids make it ambiguous).
    pub fn into_cluster(self, limits: Limits) -> Result<(Cluster, Vec<String>), Failure> {
        let id = match self.id.as_deref().map(|raw| id_text(raw, "the record's \"id\"")) {
            Some(Ok(Some(id))) => id,
            Some(Err(msg)) => return Err((None, msg)),
            Some(Ok(None)) | None => {
                return Err((
                    None,
                    format!("the record has no \"id\"; each line must be one object like {SCHEMA}"),
                ))
            }
        };
        let documents = match self.documents {
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
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut warnings = Vec::new();
        for (i, d) in documents.into_iter().enumerate() {
            let doc = d.into_document(i, limits).map_err(|msg| (Some(id.clone()), msg))?;
            if let Some(first) = seen.insert(doc.id.clone(), i + 1) {
                warnings.push(format!(
                    "documents {first} and {} both have the id {:?}, so provenance cannot tell \
                     them apart; give each document its own id",
                    i + 1,
                    doc.id
                ));
            }
            docs.push(doc);
        }
        let mut earlier = Vec::new();
        for (i, d) in self.earlier_documents.unwrap_or_default().into_iter().enumerate() {
            let doc = d
                .into_document(i, limits)
                .map_err(|msg| (Some(id.clone()), format!("in \"earlier_documents\": {msg}")))?;
            earlier.push(doc);
        }
        let mut cluster = Cluster::new(id, docs).with_earlier(earlier);
        cluster.query = self.query;
        Ok((cluster, warnings))
    }
}

impl RecordDocument {
    /// The `i`th (0-based) document of a record; without an id it is
    /// `doc-{i+1}`.
    pub fn into_document(self, i: usize, limits: Limits) -> Result<Document, String> {
        let n = i + 1;
        let what = format!("document {n}'s \"id\"");
        let id = match self.id.as_deref().map(|raw| id_text(raw, &what)) {
            Some(Err(msg)) => return Err(msg),
            Some(Ok(Some(id))) => id,
            Some(Ok(None)) | None => format!("doc-{n}"),
        };
        let Some(text) = self.text else {
            return Err(format!("document {n} ({id:?}) has no \"text\""));
        };
        if text.len() > limits.document_bytes {
            return Err(too_big(&format!("document {n} ({id:?})"), text.len(), limits));
        }
        let mut doc = Document::new(id, text);
        (doc.title, doc.date, doc.url, doc.source) = (self.title, self.date, self.url, self.source);
        Ok(doc)
    }
}

/// The message for a document over the size limit: `what` names it.
pub fn too_big(what: &str, len: usize, limits: Limits) -> String {
    format!(
        "{what} has {} of text, more than the limit of {} per document; \
         split the document, or raise the limit with `precis summarize \
         --max-document-mb`",
        megabytes(len),
        megabytes(limits.document_bytes)
    )
}

/// The message for cluster `what` whose documents have `len` bytes of text
/// together, over the limit of `limit` bytes per cluster.
pub fn cluster_too_big(what: &str, len: usize, limit: usize) -> String {
    format!(
        "{what} has {} of text in all its documents, more than the limit of {} per \
         cluster; split the cluster, or raise the limit with `precis summarize --max-line-mb`",
        megabytes(len),
        megabytes(limit)
    )
}

/// A byte count in MiB for messages ("51.2 MiB").
pub fn megabytes(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

/// The message for a line of `len` bytes, over the limit of `limit` bytes
/// per line.
pub fn line_too_long(len: usize, limit: usize) -> String {
    format!(
        "the line has {}, more than the limit of {} per line; split the cluster, or \
         raise the limit with `precis summarize --max-line-mb`",
        megabytes(len),
        megabytes(limit)
    )
}

/// The UTF-8 byte-order mark, dropped where a line starts with one (files
/// joined with `cat`).
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Summarizes one non-blank line of a batch (without its line break): the
/// summary, with a warning for each repeated document id, or the record's
/// id (when known) and what went wrong. `fill_in` may complete the cluster
/// before it is summarized (the CLI gives clusters without a query of their
/// own the one of `--query`).
///
/// Never panics: a panic in the summarizer (a bug in precis) is caught and
/// becomes a failure that says so. The line's bytes are freed as soon as
/// the record is parsed, before the cluster is summarized.
pub fn summarize_line(
    summarizer: &Summarizer,
    line: Vec<u8>,
    limits: Limits,
    fill_in: impl FnOnce(&mut Cluster),
) -> Result<Summary, Failure> {
    catch_panic(|| summarize_unguarded(summarizer, line, limits, fill_in)).unwrap_or_else(|what| {
        Err((
            None,
            format!("internal error (a bug in precis; please report it with this record): {what}"),
        ))
    })
}

fn summarize_unguarded(
    summarizer: &Summarizer,
    mut bytes: Vec<u8>,
    limits: Limits,
    fill_in: impl FnOnce(&mut Cluster),
) -> Result<Summary, Failure> {
    if bytes.len() > limits.line_bytes {
        return Err((None, line_too_long(bytes.len(), limits.line_bytes)));
    }
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[at];
        (
            id_of(&String::from_utf8_lossy(e.as_bytes())),
            format!(
                "invalid UTF-8 (byte 0x{byte:02x} at byte offset {at} of the line); convert the \
                 file to UTF-8 (for example with `iconv -f latin1 -t utf-8`)"
            ),
        )
    })?;
    let parsed = parse(&text);
    drop(text);
    let (mut cluster, warnings) = parsed?.into_cluster(limits)?;
    fill_in(&mut cluster);
    let mut summary =
        summarizer.summarize(&cluster).map_err(|e| (Some(cluster.id.clone()), e.to_string()))?;
    summary.warnings.extend(warnings);
    Ok(summary)
}

/// Runs `f`, turning a panic into its message (empty when the payload is
/// not a string). The message is what the panic said; the caller says that
/// it is a bug in precis.
///
/// # Errors
///
/// The panic's message, when `f` panics.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// The record a batch writes in place of a line that could not be
/// summarized: `{"id": ..., "line": ..., "error": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorRecord {
    /// The cluster id, when the record got far enough to have one.
    pub id: Option<String>,
    /// The 1-based line of the record in its input.
    pub line: usize,
    /// What went wrong and what to do about it.
    pub error: String,
}

impl ErrorRecord {
    /// The error record of line `line` that failed with `failure`.
    pub fn new(line: usize, (id, error): Failure) -> ErrorRecord {
        ErrorRecord { id, line, error }
    }

    /// The record as one JSON line, ending in a newline (`--format jsonl`).
    pub fn json_line(&self) -> String {
        // Serializing a struct of strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }

    /// The record as indented JSON, without a final newline (an element of
    /// `--format json`'s array).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { document_bytes: 1 << 20, line_bytes: 1 << 21 };

    fn cluster(json: &str) -> Result<(Cluster, Vec<String>), Failure> {
        parse(json)?.into_cluster(LIMITS)
    }

    #[test]
    fn records() {
        let (c, warnings) = cluster(r#"{"id": 7, "source": "x", "documents": [{"text": "A."}, {"id": "b", "text": "B."}], "summaries": []}"#).unwrap();
        assert_eq!(c.id, "7");
        assert_eq!(c.documents[0].id, "doc-1");
        assert_eq!(c.documents[1].id, "b");
        assert!(warnings.is_empty());
        let (c, _) = cluster(r#"{"id": "m", "documents": [{"id": "a", "text": "A.", "title": "T", "date": "2015-12-15", "url": "https://example.org/a", "source": "AP"}]}"#).unwrap();
        let a = &c.documents[0];
        assert_eq!(
            (a.title.as_deref(), a.date.as_deref(), a.url.as_deref(), a.source.as_deref()),
            (Some("T"), Some("2015-12-15"), Some("https://example.org/a"), Some("AP"))
        );
        let (id, msg) = cluster(r#"{"id": "c", "documents": []}"#).unwrap_err();
        assert_eq!(id.as_deref(), Some("c"));
        assert!(msg.contains("no documents"));
        assert!(cluster(r#"{"documents": [{"text": "A."}]}"#).unwrap_err().1.contains("no \"id\""));
        assert!(cluster(r#"{"id": null, "documents": [{"text": "A."}]}"#)
            .unwrap_err()
            .1
            .contains("no \"id\""));
        assert!(cluster(r#"{"id": "c", "documents": [{"id": "d"}]}"#)
            .unwrap_err()
            .1
            .contains("\"d\""));
    }

    #[test]
    fn ids_are_kept_as_written() {
        let (c, _) = cluster(
            r#"{"id": 1e2, "documents": [{"id": 12345678901234567890123, "text": "A."}, {"id": -0.50, "text": "B."}, {"id": "x\ny", "text": "C."}]}"#,
        )
        .unwrap();
        assert_eq!(c.id, "1e2");
        let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["12345678901234567890123", "-0.50", "x\ny"]);
        let (_, msg) = cluster(r#"{"id": true, "documents": [{"text": "A."}]}"#).unwrap_err();
        assert!(msg.contains("a boolean") && msg.contains("a string or a number"), "{msg}");
        let (_, msg) =
            cluster(r#"{"id": "a", "documents": [{"id": [1], "text": "A."}]}"#).unwrap_err();
        assert!(msg.contains("document 1's \"id\" is an array"), "{msg}");
        assert!(!msg.contains("untagged"), "{msg}");
        // The message quotes the id, its first 40 characters when it is long.
        let (_, msg) = cluster(r#"{"id": {"a": 1}, "documents": [{"text": "A."}]}"#).unwrap_err();
        assert_eq!(
            msg,
            "the record's \"id\" is an object ({\"a\": 1}); an id must be a string or a number"
        );
        let long = format!("[{}]", ["1"; 30].join(","));
        let (_, msg) =
            cluster(&format!(r#"{{"id": {long}, "documents": [{{"text": "A."}}]}}"#)).unwrap_err();
        assert!(msg.contains(&format!("is an array ({}...);", &long[..40])), "{msg}");
        assert_eq!(id_of(r#"{"id": 0.1e-7, "documents": 5}"#).as_deref(), Some("0.1e-7"));
        // A record's null id never reaches `id_text` (serde reads it as no id),
        // but other readers of ids (`precis rouge`) pass it on.
        let null = RawValue::from_string("null".to_owned()).unwrap();
        assert_eq!(id_text(&null, "the id"), Ok(None));
    }

    #[test]
    fn repeated_document_ids_warn() {
        let (_, warnings) = cluster(
            r#"{"id": "c", "documents": [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}, {"id": "a", "text": "C."}]}"#,
        )
        .unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("documents 1 and 3 both have the id \"a\""), "{warnings:?}");
    }

    #[test]
    fn documents_over_the_limit() {
        let text = "word ".repeat(300_000);
        let json = serde_json::json!({"id": "big", "documents": [{"id": "d", "text": text}]});
        let (id, msg) = cluster(&json.to_string()).unwrap_err();
        assert_eq!(id.as_deref(), Some("big"));
        assert!(msg.contains("1.4 MiB") && msg.contains("--max-document-mb"), "{msg}");
        // A document of exactly the limit is read.
        let exact = Limits { document_bytes: 2, line_bytes: 1 << 20 };
        assert!(parse(r#"{"id": "c", "documents": [{"text": "A."}]}"#)
            .unwrap()
            .into_cluster(exact)
            .is_ok());
        let under = Limits { document_bytes: 1, ..exact };
        assert!(parse(r#"{"id": "c", "documents": [{"text": "A."}]}"#)
            .unwrap()
            .into_cluster(under)
            .is_err());
    }

    #[test]
    fn the_default_limits_are_the_documented_ones() {
        // README.md, the CLI's --help, the Python stubs and the service's
        // /info state these values; change them together.
        assert_eq!(Limits::default(), Limits { document_bytes: 4 << 20, line_bytes: 16 << 20 });
    }

    #[test]
    fn clusters_of_documents_are_checked_as_lines_are() {
        let limits = Limits { document_bytes: 4, line_bytes: 6 };
        let doc = |id: &str, text: &str| Document::new(id, text);
        // At each limit exactly, a cluster is read.
        let fits = Cluster::new("c", vec![doc("a", "1234"), doc("b", "12")]);
        assert_eq!(limits.check_cluster(&fits), Ok(()));
        let long = Cluster::new("c", vec![doc("a", "1234"), doc("b", "12345")]);
        let msg = limits.check_cluster(&long).unwrap_err();
        assert!(
            msg.starts_with("cluster \"c\": documents[1] (\"b\") has 0.0 MiB of text, more than the limit of 0.0 MiB per document; split the document")
                && msg.contains("--max-document-mb"),
            "{msg}"
        );
        let early = fits.clone().with_earlier(vec![doc("e", "12345")]);
        let msg = limits.check_cluster(&early).unwrap_err();
        assert!(msg.starts_with("cluster \"c\": earlier_documents[0] (\"e\") has"), "{msg}");
        // Earlier documents count toward the cluster's total, as in a line.
        let total = fits.with_earlier(vec![doc("e", "1")]);
        let msg = limits.check_cluster(&total).unwrap_err();
        assert!(
            msg.starts_with("cluster \"c\" has 0.0 MiB of text in all its documents, more than the limit of 0.0 MiB per cluster; split the cluster")
                && msg.contains("--max-line-mb"),
            "{msg}"
        );
    }

    #[test]
    fn malformed_lines() {
        let e = parse(r#"{"id": "x", "documents": [}"#).unwrap_err().1;
        assert!(e.starts_with("malformed JSON at column 27: "), "{e}");
        assert!(!e.contains("line 1"), "{e}");
        let e = parse(r#"{"id": "x", "documents": ["#).unwrap_err().1;
        assert!(e.starts_with("malformed JSON: the line ends before the JSON value is complete"));
        assert!(!e.contains("column"), "{e}");
        let e = parse(r#"{"id": "x", "documents": "none"}"#).unwrap_err().1;
        assert!(e.starts_with("malformed record at column 31: invalid type: string"), "{e}");
        let e = parse(r#"["a", "b"]"#).unwrap_err().1;
        assert!(e.starts_with("malformed record: the line is JSON but not an object"), "{e}");
    }

    fn summarizer() -> Summarizer {
        Summarizer::builder().budget(crate::Budget::sentences(1)).build().unwrap()
    }

    const LINE: &str = r#"{"id": "c", "documents": [{"id": "a", "text": "Kerry met Lavrov in Moscow on Tuesday."}, {"id": "a", "text": "The two men talked about Syria for three hours."}]}"#;

    #[test]
    fn lines_are_summarized_with_their_warnings() {
        let summary = summarize_line(&summarizer(), LINE.into(), LIMITS, |_| ()).unwrap();
        assert_eq!(summary.id, "c");
        assert_eq!(summary.sentences.len(), 1);
        assert!(summary.warnings.iter().any(|w| w.contains("both have the id \"a\"")));
        // A byte-order mark is dropped; `fill_in` sees the cluster first.
        let with_bom = [BOM, LINE.as_bytes()].concat();
        let mut seen = None;
        let summary =
            summarize_line(&summarizer(), with_bom, LIMITS, |c| seen = Some(c.id.clone())).unwrap();
        assert_eq!((summary.id.as_str(), seen.as_deref()), ("c", Some("c")));
    }

    #[test]
    fn lines_that_fail_say_why() {
        let summarize =
            |line: &[u8], limits| summarize_line(&summarizer(), line.into(), limits, |_| ());
        let tight = Limits { document_bytes: 1 << 20, line_bytes: 10 };
        let (id, msg) = summarize(LINE.as_bytes(), tight).unwrap_err();
        assert_eq!(id, None);
        // A line of exactly the limit is read.
        let exact = Limits { document_bytes: 1 << 20, line_bytes: LINE.len() };
        assert!(summarize(LINE.as_bytes(), exact).is_ok());
        assert!(msg.starts_with("the line has 0.0 MiB, more than the limit of 0.0 MiB"), "{msg}");
        let (id, msg) =
            summarize(b"{\"id\": \"x\", \"documents\": [{\"text\": \"\xff\"}]}", LIMITS)
                .unwrap_err();
        assert_eq!(id.as_deref(), Some("x"));
        assert!(
            msg.starts_with("invalid UTF-8 (byte 0xff at byte offset 36 of the line)"),
            "{msg}"
        );
        let (id, msg) =
            summarize(br#"{"id": "e", "documents": [{"text": ""}]}"#, LIMITS).unwrap_err();
        assert_eq!(id.as_deref(), Some("e"));
        assert!(!msg.is_empty());
        let (_, msg) =
            summarize_line(&summarizer(), LINE.into(), LIMITS, |_| panic!("boom")).unwrap_err();
        assert_eq!(
            msg,
            "internal error (a bug in precis; please report it with this record): boom"
        );
    }

    #[test]
    fn panics_become_messages() {
        assert_eq!(catch_panic(|| 7), Ok(7));
        assert_eq!(catch_panic(|| -> () { panic!("static") }), Err("static".to_owned()));
        let n = 3;
        assert_eq!(
            catch_panic(|| -> () { panic!("formatted {n}") }),
            Err("formatted 3".to_owned())
        );
        assert_eq!(catch_panic(|| std::panic::panic_any(5u8)), Err(String::new()));
    }

    #[test]
    fn error_records() {
        let e = ErrorRecord::new(3, (None, "malformed JSON".into()));
        assert_eq!(e.json_line(), "{\"id\":null,\"line\":3,\"error\":\"malformed JSON\"}\n");
        let e = ErrorRecord::new(4, (Some("c".into()), "no text".into()));
        assert_eq!(e.json(), "{\n  \"id\": \"c\",\n  \"line\": 4,\n  \"error\": \"no text\"\n}");
    }
}
