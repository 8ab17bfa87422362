//! Paragraph cleaning (provisional: blank-line and line paragraphs only).

use super::{Document, NormText};
use crate::Span;
use serde::Serialize;

/// A paragraph of article prose: a span of the original text and its normalized form.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Where the paragraph lies in the document's original text.
    pub span: Span,
    /// The normalized text, for segmentation and scoring.
    pub text: NormText,
}

/// Why a piece of text was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Site furniture or scraper leftovers.
    Boilerplate,
    /// A repeat of an earlier paragraph of the same document.
    Repeated,
    /// A headline, dateline or caption rather than prose.
    Headline,
}

/// A piece of text that cleaning removed, kept for `--explain`.
#[derive(Debug, Clone)]
pub struct Dropped {
    /// Where it lies in the original text.
    pub span: Span,
    /// Why it went.
    pub reason: DropReason,
}

/// A document after cleaning.
#[derive(Debug, Clone, Default)]
pub struct CleanDocument {
    /// The article's paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The headline, when one was found at the top.
    pub title: Option<Span>,
    /// Everything removed, in order.
    pub dropped: Vec<Dropped>,
}

/// Cleans every document of a cluster; the result is parallel to `docs`.
pub fn clean_cluster(docs: &[Document]) -> Vec<CleanDocument> {
    docs.iter().map(|d| clean_document(&d.text)).collect()
}

fn clean_document(text: &str) -> CleanDocument {
    let mut out = CleanDocument::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(offset, offset + line.len());
        offset += line.len();
        let norm = NormText::new(text, span);
        if !norm.as_str().is_empty() {
            out.paragraphs.push(Paragraph { span, text: norm });
        }
    }
    out
}
