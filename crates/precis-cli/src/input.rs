//! Input: turning INPUT (a directory, a file, or standard input) into either
//! one [`Cluster`] or a stream of JSONL cluster records.
//!
//! All decoding checks live here, so every message can name the file: binary
//! content, UTF-16, invalid UTF-8 (with the byte offset), empty directories.
//! Gzip is recognised by its magic bytes, whatever the file is called.

use crate::{html, BadInput};
use anyhow::{Context, Result};
use flate2::bufread::MultiGzDecoder;
use precis::{Cluster, Document};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;

/// The separator between documents on standard input, as in Multi-News.
pub const DOC_SEPARATOR: &str = "|||||";

/// The first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Read buffer size: large enough that gzip and line splitting are cheap.
const BUFFER: usize = 256 * 1024;

/// What INPUT turned out to be.
pub enum Input {
    /// One cluster, read whole (a directory, a text or HTML file, or
    /// documents on standard input).
    Cluster(Cluster),
    /// A stream of JSONL cluster records, decompressed if need be.
    Batch {
        /// How messages name the stream: the file path, or `<stdin>`.
        name: String,
        /// The decompressed bytes.
        reader: Box<dyn BufRead + Send>,
    },
}

/// Kinds of document file in a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

impl Kind {
    /// The kind of a file name, from its extension (case-insensitive).
    fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Kind::Text),
            "html" | "htm" => Some(Kind::Html),
            _ => None,
        }
    }
}

/// Opens a JSONL(.gz) file of records named by option `flag` (`--data`,
/// `--pred`) and calls `f` with each record and its 1-based line number,
/// skipping blank lines, until `f` returns `false`. A line that does not
/// parse is an error naming `file:line` and `what` the line should be.
pub fn for_each_record<T: serde::de::DeserializeOwned>(
    path: &Path,
    flag: &str,
    what: &str,
    mut f: impl FnMut(usize, T) -> Result<bool>,
) -> Result<()> {
    let (name, reader) = match open(Some(path))? {
        Input::Batch { name, reader } => (name, reader),
        Input::Cluster(_) => anyhow::bail!(BadInput(format!(
            "{}: {flag} must be a JSONL file, each line {what}",
            path.display()
        ))),
    };
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{name}: reading line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: T = serde_json::from_str(&line).map_err(|e| {
            BadInput(format!("{name}:{}: not {what} ({e}); fix or remove the line", n + 1))
        })?;
        if !f(n + 1, record)? {
            break;
        }
    }
    Ok(())
}

/// Opens INPUT; `None` or `-` means standard input.
pub fn open(path: Option<&Path>) -> Result<Input> {
    let path = match path {
        Some(p) if p != Path::new("-") => p,
        _ => return open_stdin(path.is_none()),
    };
    let meta = fs::metadata(path).with_context(|| {
        format!(
            "cannot read INPUT {}; give a directory of .txt/.html documents, \
             a JSONL file of clusters, or - for standard input",
            path.display()
        )
    })?;
    if meta.is_dir() {
        return read_dir(path).map(Input::Cluster);
    }
    if let Some(kind) = Kind::of(path) {
        let name = file_name(path);
        let id =
            path.file_stem().map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
        let doc = read_document(path, &name, kind)?;
        return Ok(Input::Cluster(Cluster::new(id, vec![doc])));
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader = maybe_gunzip(BufReader::with_capacity(BUFFER, file))
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(Input::Batch { name: path.display().to_string(), reader })
}

/// Standard input: documents separated by `|||||`, or a JSONL batch when the
/// (decompressed) stream starts with `{`.
fn open_stdin(implicit: bool) -> Result<Input> {
    let stdin = io::stdin();
    if implicit && stdin.is_terminal() {
        anyhow::bail!(
            "no INPUT given and standard input is a terminal; give a directory of \
             .txt/.html documents or a JSONL file, or pipe documents separated by \
             `{DOC_SEPARATOR}` lines (see `precis summarize --help`)"
        );
    }
    let mut reader =
        maybe_gunzip(BufReader::with_capacity(BUFFER, stdin)).context("reading standard input")?;
    if first_non_space(&mut reader).context("reading standard input")? == Some(b'{') {
        return Ok(Input::Batch { name: "<stdin>".into(), reader });
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).context("reading standard input")?;
    let text = decode(bytes).map_err(|msg| BadInput(format!("standard input {msg}")))?;
    Ok(Input::Cluster(split_documents(&text)?))
}

/// Splits standard input into documents `doc-1`, `doc-2`, ... at every
/// `|||||` (on a line of its own, or inline as in the raw Multi-News files).
fn split_documents(text: &str) -> Result<Cluster> {
    let mut docs = Vec::new();
    for (i, piece) in text.split(DOC_SEPARATOR).enumerate() {
        let id = format!("doc-{}", i + 1);
        let text =
            if looks_like_html(piece) { html::extract(&id, piece)? } else { piece.to_owned() };
        docs.push(Document::new(id, text));
    }
    Ok(Cluster::new("stdin", docs))
}

/// True when a document on standard input is an HTML page rather than text.
fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(15).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The stream, gunzipped when it starts with the gzip magic bytes.
fn maybe_gunzip<R: BufRead + Send + 'static>(mut reader: R) -> io::Result<Box<dyn BufRead + Send>> {
    if reader.fill_buf()?.starts_with(&GZIP_MAGIC) {
        Ok(Box::new(BufReader::with_capacity(BUFFER, MultiGzDecoder::new(reader))))
    } else {
        Ok(Box::new(reader))
    }
}

/// The first byte that is not ASCII whitespace, without consuming anything
/// but the whitespace before it.
fn first_non_space(reader: &mut dyn BufRead) -> io::Result<Option<u8>> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let b = buf[i];
                reader.consume(i);
                return Ok(Some(b));
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Reads a directory of documents into one cluster named after it.
fn read_dir(dir: &Path) -> Result<Cluster> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("cannot list directory {}", dir.display()))?;
    let mut docs = Vec::new();
    let mut others = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list directory {}", dir.display()))?;
        let path = entry.path();
        // `is_file` follows symbolic links; subdirectories are not documents.
        if !path.is_file() {
            continue;
        }
        match Kind::of(&path) {
            Some(kind) => docs.push((file_name(&path), path, kind)),
            None => others.push(file_name(&path)),
        }
    }
    if docs.is_empty() {
        others.sort();
        let found = match others.len() {
            0 => "it is empty".to_owned(),
            n => format!("it holds {n} other file(s), such as {:?}, which are ignored", others[0]),
        };
        return Err(BadInput(format!(
            "directory {} has no .txt or .html documents ({found}); put one article \
             per file, named *.txt or *.html",
            dir.display()
        ))
        .into());
    }
    // File-name order, byte-wise, so the result never depends on the file system.
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    let documents = docs
        .iter()
        .map(|(name, path, kind)| read_document(path, name, *kind))
        .collect::<Result<_>>()?;
    Ok(Cluster::new(cluster_id(dir), documents))
}

/// A directory's name, even for `.` or a path ending in `/`.
fn cluster_id(dir: &Path) -> String {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .file_name()
        .or_else(|| dir.file_name())
        .map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reads one document file, checking its encoding; HTML goes through the
/// article extractor.
fn read_document(path: &Path, id: &str, kind: Kind) -> Result<Document> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = decode(bytes).map_err(|msg| BadInput(format!("{} {msg}", path.display())))?;
    let text = match kind {
        Kind::Text => text,
        Kind::Html => {
            html::extract(id, &text).with_context(|| format!("reading {}", path.display()))?
        }
    };
    Ok(Document::new(id, text))
}

/// Checks that `bytes` are UTF-8 text and returns them as a string, without
/// a byte-order mark. The error completes a sentence that starts with the
/// name of the file: "FILE is not valid UTF-8 ...".
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err("is UTF-16 text; convert it to UTF-8 (for example with \
                    `iconv -f utf-16 -t utf-8`)"
            .into());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "looks binary (a NUL byte at byte offset {at}); give plain text (UTF-8) or HTML"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            Err(format!(
                "is not valid UTF-8 (byte 0x{byte:02x} at byte offset {at}); convert it to \
                 UTF-8 (for example with `iconv -f latin1 -t utf-8`)"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xef\xbb\xbfhello".to_vec()).unwrap(), "hello");
        assert!(decode(b"ab\x00c".to_vec()).unwrap_err().contains("byte offset 2"));
        assert!(decode(b"caf\xe9".to_vec()).unwrap_err().contains("0xe9 at byte offset 3"));
        assert!(decode(b"\xff\xfeh\x00".to_vec()).unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn stdin_documents() {
        let c = split_documents("One.\n|||||\nTwo. ||||| Three.").unwrap();
        let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["doc-1", "doc-2", "doc-3"]);
        assert_eq!(c.documents[1].text, "\nTwo. ");
        assert!(looks_like_html("\n <!DOCTYPE html><p>x"));
        assert!(!looks_like_html("<b>not a page</b>"));
    }

    #[test]
    fn peeks_past_whitespace() {
        let mut r: &[u8] = b"  \n{\"id\": 1}";
        assert_eq!(first_non_space(&mut r).unwrap(), Some(b'{'));
        assert_eq!(r, b"{\"id\": 1}");
    }
}
