//! Ingest: from raw documents to clean paragraphs.
//!
//! Input text is real web and wire text: hard-wrapped lines, headlines glued
//! to the first sentence, site furniture, paragraphs repeated inside one
//! article. [`clean_cluster`] turns each document into a list of
//! [`Paragraph`]s, each a span of the original text plus its normalized form,
//! and drops what is not article prose.

mod boilerplate;
mod clean;
mod date;
pub(crate) mod glued;
mod headline;
mod html;
mod normalize;
mod wrap;

pub use clean::{clean_cluster, CleanDocument, DropReason, Dropped, Paragraph};
pub use date::{DateError, DocDate};
pub use html::{extract_html, HtmlArticle};
pub use normalize::NormText;

use serde::{Deserialize, Serialize};

/// One input article: an id and its text, and optionally where and when it
/// was published.
///
/// ```
/// use precis::Document;
///
/// let doc = Document::new("a", "Kerry met Lavrov in Moscow.")
///     .with_title("Kerry in Moscow")
///     .with_date("2015-12-15T10:30:00Z")
///     .with_source("Reuters");
/// assert_eq!(doc.parsed_date().unwrap().unwrap().to_string(), "2015-12-15T10:30:00Z");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier, reported as provenance (a file name or a dataset id).
    pub id: String,
    /// The article text as given (for HTML input, the extracted text).
    pub text: String,
    /// The article's headline, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date as given: an ISO 8601 date (`2015-12-15`) or
    /// date-time (`2015-12-15T10:30:00Z`); see [`Document::parsed_date`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the article was published on the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it (an agency, a site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Document {
    /// A document from an id and its text, without metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            title: None,
            date: None,
            url: None,
            source: None,
        }
    }

    /// The document with a headline.
    pub fn with_title(mut self, title: impl Into<String>) -> Document {
        self.title = Some(title.into());
        self
    }

    /// The document with a publication date (checked when the cluster is
    /// prepared, or by [`Document::parsed_date`]).
    pub fn with_date(mut self, date: impl Into<String>) -> Document {
        self.date = Some(date.into());
        self
    }

    /// The document with a URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Document {
        self.url = Some(url.into());
        self
    }

    /// The document with a publisher.
    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = Some(source.into());
        self
    }

    /// The `date` field as a comparable value: `Ok(None)` when there is
    /// none, an error saying what is wrong when it is not ISO 8601.
    pub fn parsed_date(&self) -> Result<Option<DocDate>, DateError> {
        self.date.as_deref().map(DocDate::parse).transpose()
    }

    /// When the document was published, as far as is known: its `date`, or
    /// else the date in a newswire id ([`Document::wire_date`]). A malformed
    /// `date` is an error naming the document and the cluster `cluster`.
    pub fn when(&self, cluster: &str) -> crate::Result<Option<DocDate>> {
        match self.parsed_date() {
            Ok(Some(date)) => Ok(Some(date)),
            Ok(None) => Ok(self
                .wire_date()
                .and_then(|n| DocDate::from_ymd(n / 10_000, n / 100 % 100, n % 100))),
            Err(e) => Err(crate::Error::Date {
                cluster: cluster.to_owned(),
                document: self.id.clone(),
                value: self.date.clone().unwrap_or_default(),
                reason: e.reason,
            }),
        }
    }

    /// The date encoded in newswire ids such as `APW19981016.0240` or
    /// `NYT19981016.0001`, as `yyyymmdd`, if the id carries one.
    pub fn wire_date(&self) -> Option<u32> {
        let bytes = self.id.as_bytes();
        let start = bytes.iter().position(u8::is_ascii_digit)?;
        let digits = self.id.get(start..start + 8)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) || start == 0 {
            return None;
        }
        let n: u32 = digits.parse().ok()?;
        let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
        ((1900..2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
            .then_some(n)
    }
}

/// A set of documents about one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Identifier, used in messages and output records.
    pub id: String,
    /// The documents, in input order.
    pub documents: Vec<Document>,
    /// The reader's question, for a query-focused summary: sentences and
    /// concepts that answer it are worth more. `None` (the default) for a
    /// generic summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Documents the reader has already seen, for an update summary: what
    /// they already say is worth nothing, and a sentence that only repeats
    /// one of theirs is never chosen. Empty (the default) for a summary of
    /// everything.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_documents: Vec<Document>,
}

impl Cluster {
    /// A cluster from an id and its documents, with no query and nothing
    /// read before.
    pub fn new(id: impl Into<String>, documents: Vec<Document>) -> Cluster {
        Cluster { id: id.into(), documents, query: None, earlier_documents: Vec::new() }
    }

    /// The same cluster, summarized to answer `query`.
    pub fn with_query(mut self, query: impl Into<String>) -> Cluster {
        self.query = Some(query.into());
        self
    }

    /// The same cluster, summarized for a reader who has read `earlier`.
    pub fn with_earlier(mut self, earlier: Vec<Document>) -> Cluster {
        self.earlier_documents = earlier;
        self
    }
}

/// True when `text` looks like binary data: NUL bytes or many control characters.
pub fn looks_binary(text: &str) -> bool {
    // Whole chunks without an early exit, which the compiler vectorizes.
    if text.as_bytes().chunks(64).any(|chunk| chunk.iter().fold(false, |nul, &b| nul | (b == 0))) {
        return true;
    }
    // Look at the first 4096 characters. When they are all ASCII (they are
    // bytes then), count over the bytes, which the compiler vectorizes.
    let head = &text.as_bytes()[..text.len().min(4096)];
    let (sample, control) = if head.is_ascii() {
        // ASCII control characters are the bytes below 0x20 and 0x7F.
        let control_byte =
            |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f;
        // Counted in byte-wide lanes (at most 255 a chunk), which vectorize.
        let count = |chunk: &[u8]| chunk.iter().fold(0u8, |n, &b| n + u8::from(control_byte(b)));
        (head.len(), head.chunks(255).map(|chunk| usize::from(count(chunk))).sum())
    } else {
        let (mut sample, mut control) = (0, 0);
        for c in text.chars().take(4096) {
            sample += 1;
            control += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'));
        }
        (sample, control)
    };
    sample > 0 && control * 20 > sample
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_dates() {
        assert_eq!(Document::new("APW19981016.0240", "").wire_date(), Some(19981016));
        assert_eq!(Document::new("NYT19981231.0001", "").wire_date(), Some(19981231));
        assert_eq!(Document::new("000_55abfda64b0a8f41.txt", "").wire_date(), None);
        assert_eq!(Document::new("19981016", "").wire_date(), None);
    }

    #[test]
    fn dates_from_the_field_or_the_wire_id() {
        let when = |d: &Document| d.when("c").unwrap().map(|d| d.to_string());
        assert_eq!(when(&Document::new("a", "")), None);
        assert_eq!(when(&Document::new("APW19981016.0240", "")).as_deref(), Some("1998-10-16"));
        let dated = Document::new("APW19981016.0240", "").with_date("1998-10-17T08:00:00+02:00");
        assert_eq!(when(&dated).as_deref(), Some("1998-10-17T06:00:00Z"));
        let bad = Document::new("doc-7", "").with_date("1998-10-32");
        let msg = bad.when("cl-3").unwrap_err().to_string();
        for part in ["cluster \"cl-3\"", "document \"doc-7\"", "\"1998-10-32\"", "day 32"] {
            assert!(msg.contains(part), "{msg} lacks {part}");
        }
    }

    #[test]
    fn metadata_is_optional_on_the_wire() {
        let doc: Document = serde_json::from_str(r#"{"id": "a", "text": "T."}"#).unwrap();
        assert_eq!(doc, Document::new("a", "T."));
        assert_eq!(serde_json::to_string(&doc).unwrap(), r#"{"id":"a","text":"T."}"#);
        let full = r#"{"id":"a","text":"T.","title":"H","date":"2015-12-15","url":"https://example.org/a","source":"AP"}"#;
        let doc: Document = serde_json::from_str(full).unwrap();
        assert_eq!(
            doc,
            Document::new("a", "T.")
                .with_title("H")
                .with_date("2015-12-15")
                .with_url("https://example.org/a")
                .with_source("AP")
        );
        assert_eq!(serde_json::to_string(&doc).unwrap(), full);
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary("abc\0def"));
        assert!(looks_binary("\x01\x02\x03\x04ab"));
        assert!(!looks_binary("plain text\nwith lines\tand tabs"));
        assert!(looks_binary("\u{e9}\u{85}\x01\x02\x03ab"));
        assert!(!looks_binary("caf\u{e9} \u{2014} na\u{ef}ve\r\n\x0cpage two"));
    }
}
