//! Input: turning INPUT (a directory, a file, or standard input) into either
//! one [`Cluster`] or a stream of JSONL cluster records.
//!
//! All decoding checks live here, so every message can name the file: binary
//! content, UTF-16 (with or without a byte-order mark), invalid UTF-8 (with
//! the byte offset), empty directories, files over the size limits. Gzip is
//! recognised by its magic bytes, whatever the file is called, and a UTF-8
//! byte-order mark is dropped wherever input starts with one.

use crate::{html, BadInput};
use anyhow::{Context, Result};
use flate2::bufread::GzDecoder;
use precis::record::{self, Limits};
use precis::{Cluster, Document};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;

/// The separator between documents on standard input, as in Multi-News.
pub const DOC_SEPARATOR: &str = "|||||";

/// The UTF-8 byte-order mark, dropped wherever input starts with it.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// The first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Read buffer size: large enough that gzip and line splitting are cheap.
const BUFFER: usize = 256 * 1024;

/// The file kinds read as documents, for messages.
const DOCUMENT_KINDS: &str = ".txt (plain text) and .html/.htm (web pages)";

/// What INPUT turned out to be.
pub enum Input {
    /// One cluster, read whole (a directory, a text or HTML file, or
    /// documents on standard input).
    Cluster(Cluster),
    /// A stream of JSONL cluster records, decompressed if need be.
    Batch {
        /// How messages name the stream: the file path, or `<stdin>`.
        name: String,
        /// The decompressed bytes, after any byte-order mark.
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
    let meta = fs::metadata(path).with_context(|| {
        format!("cannot read {flag} {}; give a JSONL file, each line {what}", path.display())
    })?;
    if meta.is_dir() {
        anyhow::bail!(BadInput(format!(
            "{flag} {} is a directory; give a JSONL file (optionally gzipped), each line {what}",
            path.display()
        )));
    }
    let name = path.display().to_string();
    let reader = open_stream(path, &name)?;
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| {
            format!(
                "{name} cannot be read after line {n} (a truncated or corrupt gzip stream, \
                 a read error, or text that is not UTF-8)"
            )
        })?;
        let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
        if line.trim().is_empty() {
            continue;
        }
        let record: T = serde_json::from_str(line).map_err(|e| {
            let msg = record::problem(line, &e);
            BadInput(format!("{name}:{}: not {what}: {msg}; fix or remove the line", n + 1))
        })?;
        if !f(n + 1, record)? {
            break;
        }
    }
    Ok(())
}

/// Documents named by option `flag` (`--earlier`): a directory or one
/// document file, read as INPUT is, or a JSONL(.gz) file with one
/// `{"id", "text", ...}` document a line.
pub fn read_documents(path: &Path, flag: &str, limits: Limits) -> Result<Vec<Document>> {
    if path != Path::new("-")
        && (fs::metadata(path).is_ok_and(|m| m.is_dir()) || Kind::of(path).is_some())
    {
        return match open(Some(path), limits)? {
            Input::Cluster(cluster) => Ok(cluster.documents),
            Input::Batch { .. } => unreachable!("a directory or document file is one cluster"),
        };
    }
    let mut docs = Vec::new();
    let name = path.display().to_string();
    for_each_record(
        path,
        flag,
        r#"a document {"id": ..., "text": ...}"#,
        |n, d: record::RecordDocument| {
            let doc = d
                .into_document(docs.len(), limits)
                .map_err(|msg| BadInput(format!("{name}:{n}: {msg}")))?;
            docs.push(doc);
            Ok(true)
        },
    )?;
    if docs.is_empty() {
        anyhow::bail!(BadInput(format!("{flag} {name} holds no documents")));
    }
    Ok(docs)
}

/// Opens INPUT; `None` or `-` means standard input.
pub fn open(path: Option<&Path>, limits: Limits) -> Result<Input> {
    let path = match path {
        Some(p) if p != Path::new("-") => p,
        _ => return open_stdin(path.is_none(), limits),
    };
    let meta = fs::metadata(path).with_context(|| {
        format!(
            "cannot read INPUT {}; give a directory of .txt/.html documents, \
             a JSONL file of clusters, or - for standard input",
            path.display()
        )
    })?;
    if meta.is_dir() {
        return read_dir(path, limits).map(Input::Cluster);
    }
    if let Some(kind) = Kind::of(path) {
        let name = file_name(path);
        let id =
            path.file_stem().map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
        let doc = read_document(path, &name, kind, limits)?.ok_or_else(|| {
            BadInput(format!(
                "{} holds no article text precis can find; give the article's own page, \
                 or its text as a .txt file",
                path.display()
            ))
        })?;
        return Ok(Input::Cluster(Cluster::new(id, vec![doc])));
    }
    let name = path.display().to_string();
    let mut reader = open_stream(path, &name)?;
    // Any other file is read as JSONL; say so when it plainly is not.
    let head = reader.fill_buf().with_context(|| format!("cannot read {name}"))?;
    if let Some(what) = not_jsonl(head) {
        anyhow::bail!(BadInput(format!(
            "{name} {what}; precis reads {DOCUMENT_KINDS} files as documents and any other \
             file as a JSONL batch of clusters (one JSON object per line); to summarize it as \
             plain text, name it *.txt or pipe it in: `precis summarize - < {name}`"
        )));
    }
    Ok(Input::Batch { name, reader })
}

/// Opens a file as a stream: gunzipped when it starts with the gzip magic
/// bytes, without a leading byte-order mark.
fn open_stream(path: &Path, name: &str) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    maybe_gunzip(BufReader::with_capacity(BUFFER, file), name)
        .and_then(skip_bom)
        .with_context(|| format!("cannot read {}", path.display()))
}

/// Why the start of a file that should be JSONL is not, if it plainly is
/// not: the message completes "FILE ...".
fn not_jsonl(head: &[u8]) -> Option<String> {
    if let Some(enc) = utf16(head) {
        return Some(format!(
            "is {enc} text; convert it to UTF-8 (for example with `iconv -f utf-16 -t utf-8`)"
        ));
    }
    let first = head.iter().position(|b| !b.is_ascii_whitespace())?;
    if head[first] == b'{' {
        return None;
    }
    let line = head[first..].split(|&b| b == b'\n').next().unwrap_or_default();
    let line = String::from_utf8_lossy(&line[..line.len().min(60)]).into_owned();
    Some(format!("does not look like JSONL: it starts with {line:?}, not with `{{`"))
}

/// The UTF-16 flavour of `bytes`, when they are UTF-16 text: a byte-order
/// mark, or (without one) a NUL byte in every other place, as text in a
/// Latin script has in UTF-16.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xfe]) {
        return Some("UTF-16 (little-endian, with a byte-order mark)");
    }
    if bytes.starts_with(&[0xfe, 0xff]) {
        return Some("UTF-16 (big-endian, with a byte-order mark)");
    }
    let sample = &bytes[..bytes.len().min(1024) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Mostly ASCII text: the high byte of each unit is zero, the low one not.
    if odd * 10 >= pairs * 9 && even * 10 <= pairs {
        Some("UTF-16 (little-endian, without a byte-order mark)")
    } else if even * 10 >= pairs * 9 && odd * 10 <= pairs {
        Some("UTF-16 (big-endian, without a byte-order mark)")
    } else {
        None
    }
}

/// Drops a UTF-8 byte-order mark at the start of the stream.
fn skip_bom(mut reader: Box<dyn BufRead + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    if reader.fill_buf()?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    Ok(reader)
}

/// Standard input: documents separated by `|||||`, or a JSONL batch when the
/// (decompressed) stream starts with `{`.
fn open_stdin(implicit: bool, limits: Limits) -> Result<Input> {
    let stdin = io::stdin();
    if implicit && stdin.is_terminal() {
        anyhow::bail!(
            "no INPUT given and standard input is a terminal; give a directory of \
             .txt/.html documents or a JSONL file, or pipe documents separated by \
             `{DOC_SEPARATOR}` lines (see `precis summarize --help`)"
        );
    }
    let mut reader = maybe_gunzip(BufReader::with_capacity(BUFFER, stdin), "standard input")
        .and_then(skip_bom)
        .context("cannot read standard input")?;
    let head = reader.fill_buf().context("cannot read standard input")?;
    if let Some(enc) = utf16(head) {
        anyhow::bail!(BadInput(format!(
            "standard input is {enc} text; convert it to UTF-8 (for example with \
             `iconv -f utf-16 -t utf-8`)"
        )));
    }
    if first_non_space(&mut reader).context("cannot read standard input")? == Some(b'{') {
        return Ok(Input::Batch { name: "<stdin>".into(), reader });
    }
    // Read at most one byte past the limit, to tell whether it was passed.
    let mut bytes = Vec::new();
    let cap = u64::try_from(limits.line_bytes).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes).context("cannot read standard input")?;
    if bytes.len() > limits.line_bytes {
        anyhow::bail!(BadInput(format!(
            "standard input holds more than {}, the limit for one cluster; raise it with \
             --max-line-mb, or give the documents as files in a directory",
            record::megabytes(limits.line_bytes)
        )));
    }
    let text = decode(bytes).map_err(|msg| BadInput(format!("standard input {msg}")))?;
    Ok(Input::Cluster(split_documents(&text, limits)?))
}

/// Splits standard input into documents `doc-1`, `doc-2`, ... at every
/// `|||||` (on a line of its own, or inline as in the raw Multi-News files).
/// An HTML page without article text is skipped with a warning, as in a
/// directory.
fn split_documents(text: &str, limits: Limits) -> Result<Cluster> {
    let mut docs = Vec::new();
    for (i, piece) in text.split(DOC_SEPARATOR).enumerate() {
        let id = format!("doc-{}", i + 1);
        if piece.len() > limits.document_bytes {
            anyhow::bail!(BadInput(format!(
                "standard input: {}",
                record::too_big(&format!("document {id}"), piece.len(), limits)
            )));
        }
        let doc = if looks_like_html(piece) {
            match html::extract(piece) {
                Ok(article) => from_html(id, article),
                Err(reason) => {
                    eprintln!(
                        "warning: standard input: {id} is an HTML page without article text \
                         ({reason}); skipped"
                    );
                    continue;
                }
            }
        } else {
            Document::new(id, piece)
        };
        docs.push(doc);
    }
    Ok(Cluster::new("stdin", docs))
}

/// True when a document on standard input is an HTML page rather than text.
fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(15).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The stream, gunzipped when it starts with the gzip magic bytes. `name`
/// names it in the warning about trailing garbage.
fn maybe_gunzip<R: BufRead + Send + 'static>(
    mut reader: R,
    name: &str,
) -> io::Result<Box<dyn BufRead + Send>> {
    if reader.fill_buf()?.starts_with(&GZIP_MAGIC) {
        let members = Members { decoder: Some(GzDecoder::new(reader)), name: name.to_owned() };
        Ok(Box::new(BufReader::with_capacity(BUFFER, members)))
    } else {
        Ok(Box::new(reader))
    }
}

/// Decompresses a gzip file as `gzip -d` does: members written one after
/// another are one stream, and bytes after a complete member that do not
/// start another one (zero padding, a stray newline) are trailing garbage,
/// ignored with a warning. Damage inside a member (a truncated file, a bad
/// checksum) is an error, which batch mode reports once every line before it
/// has been summarized and written.
struct Members<R: BufRead> {
    /// The member being read; `None` at the end.
    decoder: Option<GzDecoder<R>>,
    /// The stream's name, for the warning.
    name: String,
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = self.decoder.as_mut() else { return Ok(0) };
            let n = decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // The member is complete: what follows it?
            let Some(decoder) = self.decoder.take() else { return Ok(0) };
            let mut inner = decoder.into_inner();
            let rest = inner.fill_buf()?;
            if rest.is_empty() {
                return Ok(0);
            }
            if rest.starts_with(&GZIP_MAGIC) {
                self.decoder = Some(GzDecoder::new(inner));
                continue;
            }
            eprintln!(
                "warning: {}: the bytes after the end of the gzip data (from 0x{:02x} on) are \
                 not gzip data and were ignored, as `gzip -d` ignores trailing garbage",
                self.name, rest[0]
            );
            return Ok(0);
        }
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
///
/// A file that cannot be read as text (binary, UTF-16, invalid UTF-8, over
/// the size limit) fails the whole directory: the cluster would silently
/// miss an article. An HTML page in which no article text is found (a
/// script-only page, a page of links) is skipped with a warning, as an empty
/// text file is: it has nothing to contribute.
fn read_dir(dir: &Path, limits: Limits) -> Result<Cluster> {
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
    let mut documents = Vec::with_capacity(docs.len());
    for (name, path, kind) in &docs {
        if let Some(doc) = read_document(path, name, *kind, limits)? {
            documents.push(doc);
        }
    }
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

/// Reads one document file, checking its size and encoding; HTML goes
/// through the article extractor. `None` (after a warning) for an HTML page
/// without article text.
fn read_document(path: &Path, id: &str, kind: Kind, limits: Limits) -> Result<Option<Document>> {
    let len = fs::metadata(path).map_or(0, |m| m.len());
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    if len > limits.document_bytes {
        anyhow::bail!(BadInput(format!(
            "{}: {}",
            path.display(),
            record::too_big("the file", len, limits)
        )));
    }
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = decode(bytes).map_err(|msg| BadInput(format!("{} {msg}", path.display())))?;
    match kind {
        Kind::Text => Ok(Some(Document::new(id, text))),
        Kind::Html => match html::extract(&text) {
            Ok(article) => Ok(Some(from_html(id.to_owned(), article))),
            Err(reason) => {
                eprintln!(
                    "warning: {}: no article text found in the page ({reason}); skipped",
                    path.display()
                );
                Ok(None)
            }
        },
    }
}

/// A document from an HTML page's article: its text, and the page's title
/// as the document's title.
fn from_html(id: String, article: precis::ingest::HtmlArticle) -> Document {
    let mut doc = Document::new(id, article.text);
    doc.title = article.title;
    doc
}

/// Checks that `bytes` are UTF-8 text and returns them as a string, without
/// a byte-order mark. The error completes a sentence that starts with the
/// name of the file: "FILE is not valid UTF-8 ...".
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(enc) = utf16(&bytes) {
        return Err(format!(
            "is {enc} text; convert it to UTF-8 (for example with `iconv -f utf-16 -t utf-8`)"
        ));
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
        let le: Vec<u8> = "Rain fell.".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "Rain fell.".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(decode(le).unwrap_err().contains("UTF-16 (little-endian, without"));
        assert!(decode(be).unwrap_err().contains("UTF-16 (big-endian, without"));
        assert!(decode(b"ab\x00\x00cd".to_vec()).unwrap_err().contains("binary"));
    }

    #[test]
    fn utf16_without_a_mark_needs_nine_units_in_ten_with_a_zero_byte() {
        // Ten units, the zero byte on the same side in nine: UTF-16 (an
        // accented letter or a CJK character has no zero byte).
        let mut le: Vec<u8> = "Rain fell".encode_utf16().flat_map(u16::to_le_bytes).collect();
        le.extend("\u{e9}".encode_utf16().flat_map(u16::to_le_bytes).map(|b| b | 1));
        assert_eq!(utf16(&le), Some("UTF-16 (little-endian, without a byte-order mark)"));
        let be: Vec<u8> = le.chunks(2).flat_map(|p| [p[1], p[0]]).collect();
        assert_eq!(utf16(&be), Some("UTF-16 (big-endian, without a byte-order mark)"));
        // Eight in ten, or zero bytes on both sides: binary, not UTF-16.
        let mut eight = le.clone();
        eight[1] = b'x';
        assert_eq!(utf16(&eight), None);
        let half: Vec<u8> = (0..40u8).map(|i| if i % 4 == 1 { 0 } else { b'a' + i % 26 }).collect();
        assert_eq!(utf16(&half), None, "a zero in every other unit");
        let both: Vec<u8> = (0..40u8).map(|i| if i % 3 == 0 { 0 } else { b'a' }).collect();
        assert_eq!(utf16(&both), None, "zero bytes on both sides");
        assert_eq!(utf16(b"a\x00"), None, "one unit is too little to tell");
    }

    #[test]
    fn jsonl_sniffing() {
        assert_eq!(not_jsonl(b"  \n{\"id\": 1}"), None);
        assert_eq!(not_jsonl(b""), None);
        let msg = not_jsonl(b"# Notes\nThe river rose.").unwrap();
        assert!(msg.contains("starts with \"# Notes\""), "{msg}");
        assert!(not_jsonl(b"{\x00\"\x00i\x00d\x00").unwrap().contains("UTF-16"));
    }

    #[test]
    fn stdin_documents() {
        let limits = Limits { document_bytes: 100, line_bytes: 1000 };
        let c = split_documents("One.\n|||||\nTwo. ||||| Three.", limits).unwrap();
        let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["doc-1", "doc-2", "doc-3"]);
        assert_eq!(c.documents[1].text, "\nTwo. ");
        assert!(looks_like_html("\n <!DOCTYPE html><p>x"));
        assert!(!looks_like_html("<b>not a page</b>"));
        let big = format!("One.|||||{}", "x".repeat(101));
        let e = split_documents(&big, limits).unwrap_err().to_string();
        assert!(e.contains("document doc-2") && e.contains("--max-document-mb"), "{e}");
    }

    #[test]
    fn peeks_past_whitespace() {
        let mut r: &[u8] = b"  \n{\"id\": 1}";
        assert_eq!(first_non_space(&mut r).unwrap(), Some(b'{'));
        assert_eq!(r, b"{\"id\": 1}");
    }

    #[test]
    fn gzip_members_and_trailing_garbage() {
        use std::io::Write;
        let gz = |text: &[u8]| {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(text).unwrap();
            enc.finish().unwrap()
        };
        let read = |bytes: Vec<u8>| {
            let mut out = String::new();
            let r = maybe_gunzip(io::Cursor::new(bytes), "t.gz").unwrap().read_to_string(&mut out);
            (out, r.map_err(|e| e.kind()))
        };
        let mut two = gz(b"one\n");
        two.extend(gz(b"two\n"));
        assert_eq!(read(two.clone()), ("one\ntwo\n".into(), Ok(8)));
        let mut padded = two.clone();
        padded.extend([0u8; 512]);
        assert_eq!(read(padded), ("one\ntwo\n".into(), Ok(8)));
        // A second member cut short is damage, not garbage.
        let mut cut = two.clone();
        cut.extend(&gz(b"three\n")[..12]);
        let (text, result) = read(cut);
        assert!(text.starts_with("one\ntwo\n") && result.is_err(), "{text:?} {result:?}");
        let mut cut = two;
        cut.truncate(cut.len() - 3);
        assert!(read(cut).1.is_err());
    }
}
