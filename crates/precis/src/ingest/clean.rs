//! Paragraph cleaning: from a document's raw text to paragraphs of prose.
//!
//! [`clean_cluster`] runs these steps on every document:
//!
//! 1. [`wrap`](super::wrap) splits the text into blocks, rejoining
//!    hard-wrapped lines and keeping one-line paragraphs apart.
//! 2. Curated furniture sentences at the start of a block ("Breaking News
//!    Emails Get breaking news alerts...") are cut off when a sentence
//!    boundary follows them; the rest of the block stays.
//! 3. Each block is normalized ([`NormText`]) and classified, in this order:
//!    curated boilerplate and furniture shapes
//!    ([`boilerplate`](super::boilerplate)); short lines that recur across
//!    documents of the cluster; photo captions; headlines (the first becomes
//!    the document's title) and subheads; short fragments.
//! 4. A dateline ("LONDON (AP) _ ") at the start of one of the first
//!    paragraphs is cut off, so the paragraph's span starts at its first word
//!    of prose.
//! 5. A paragraph whose normalized text equals an earlier one of the same
//!    document is dropped as a repeat.
//!
//! Everything removed is recorded in [`CleanDocument::dropped`] with a reason.
//! Cleaning never fails: an empty or binary-looking text yields an empty
//! document, and every step is linear in the text's length.

use super::boilerplate::{self, Key};
use super::headline::{self, DatelineScope};
use super::wrap::{self, Block};
use super::{Document, NormText};
use crate::Span;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

/// A paragraph of article prose: a span of the original text and its normalized form.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Where the paragraph lies in the document's original text.
    pub span: Span,
    /// The normalized text, for segmentation and scoring.
    pub text: NormText,
}

/// Why a piece of text was dropped.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// A piece of text that cleaning removed, kept for `--explain` and for
/// front ends that show it (JSON: `{"span": {"start", "end"}, "reason"}`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
///
/// Documents are cleaned independently except for one shared signal: a short
/// non-sentence line ("Sign up for BREAKING NEWS Emails privacy policy Thanks
/// for subscribing!") found in two or more documents is site furniture.
pub fn clean_cluster(docs: &[Document]) -> Vec<CleanDocument> {
    let prepared: Vec<Vec<Piece>> = docs.iter().map(|d| prepare(&d.text)).collect();
    // In how many documents each short paragraph occurs. Only looked up by
    // key, never iterated, so the map's order cannot reach the output.
    let mut doc_counts: FxHashMap<u64, u32> = FxHashMap::default();
    for pieces in &prepared {
        let mut seen = FxHashSet::default();
        for p in pieces {
            if let Some(h) = p.key_hash {
                if seen.insert(h) {
                    *doc_counts.entry(h).or_insert(0) += 1;
                }
            }
        }
    }
    docs.iter()
        .zip(prepared)
        .map(|(d, pieces)| {
            let cleaned = classify(&d.text, pieces, &doc_counts, Strictness::Normal);
            if cleaned.paragraphs.is_empty()
                && cleaned.dropped.iter().any(|x| x.reason == DropReason::Headline)
            {
                // Nothing left, yet something went as a caption or headline:
                // rather than lose a whole document (a caption glued to the
                // article on one line, say), keep those pieces.
                classify(&d.text, prepare(&d.text), &doc_counts, Strictness::Lenient)
            } else {
                cleaned
            }
        })
        .collect()
}

/// How eagerly pieces are taken for captions and headlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// Every rule applies.
    Normal,
    /// Only boilerplate, recurring furniture and repeats are dropped; used
    /// when the normal rules would leave a document empty.
    Lenient,
}

/// A block with its normalized text and key.
struct Piece {
    block: Block,
    norm: NormText,
    key: Key,
    /// Hash of the key form, for paragraphs short enough to be furniture.
    key_hash: Option<u64>,
    /// Furniture sentences cut off the start of the block.
    lead: Vec<Span>,
}

/// The most furniture sentences cut off the start of one block.
const MAX_LEAD_CUTS: usize = 8;

/// Paragraphs up to this many words take part in the cross-document count.
const RECURRENCE_WORDS: usize = 25;

fn prepare(text: &str) -> Vec<Piece> {
    wrap::blocks(text)
        .into_iter()
        .map(|mut block| {
            let mut norm = NormText::new(text, block.span);
            let mut key = Key::new(norm.as_str());
            // Cut curated furniture sentences off the start, one after
            // another. Each cut renormalizes the rest, so their number is
            // capped to keep the work linear on adversarial input.
            let mut lead = Vec::new();
            while lead.len() < MAX_LEAD_CUTS {
                let Some(cut) = boilerplate::lead_in(norm.as_str(), &key) else { break };
                let body = norm.to_original(Span::new(cut, norm.as_str().len()));
                lead.push(Span::new(block.span.start(), body.start()));
                block.span = Span::new(body.start(), block.span.end());
                norm = NormText::new(text, block.span);
                key = Key::new(norm.as_str());
            }
            let key_hash = (key.len() > 0 && key.len() <= RECURRENCE_WORDS)
                .then(|| xxh3_64(key.joined().as_bytes()));
            Piece { block, norm, key, key_hash, lead }
        })
        .collect()
}

/// The span without whitespace at either end.
fn trim_span(text: &str, span: Span) -> Span {
    let Some(s) = span.slice(text) else { return span };
    let start = span.start() + (s.len() - s.trim_start().len());
    Span::new(start, start + s.trim().len())
}

/// True for a line that is not shaped like a sentence of prose.
fn is_non_sentence(norm: &str, words: usize) -> bool {
    words <= 3 || !wrap::ends_terminal(norm) || norm.ends_with('!')
}

fn classify(
    text: &str,
    pieces: Vec<Piece>,
    doc_counts: &FxHashMap<u64, u32>,
    strictness: Strictness,
) -> CleanDocument {
    let normal = strictness == Strictness::Normal;
    let mut out = CleanDocument::default();
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    let last_with_text = pieces.iter().rposition(|p| !p.norm.as_str().is_empty());
    let mut first_with_text = true;
    for (i, piece) in pieces.into_iter().enumerate() {
        for &span in &piece.lead {
            let span = trim_span(text, span);
            out.dropped.push(Dropped { span, reason: DropReason::Boilerplate });
        }
        let norm = piece.norm.as_str();
        if norm.is_empty() {
            // Only whitespace or zero-width characters: nothing to report.
            continue;
        }
        let is_first = std::mem::replace(&mut first_with_text, false);
        let words = piece.key.len();
        let single_line = piece.block.lines == 1;
        let reject = |out: &mut CleanDocument, reason| {
            out.dropped.push(Dropped { span: piece.block.span, reason });
        };
        if boilerplate::curated(norm, &piece.key) || boilerplate::shape(norm, &piece.key) {
            reject(&mut out, DropReason::Boilerplate);
            continue;
        }
        let recurring =
            piece.key_hash.is_some_and(|h| doc_counts.get(&h).copied().unwrap_or(0) >= 2);
        if recurring && is_non_sentence(norm, words) {
            reject(&mut out, DropReason::Boilerplate);
            continue;
        }
        if normal && headline::is_caption(norm, words) {
            reject(&mut out, DropReason::Headline);
            continue;
        }
        let before_prose = out.paragraphs.is_empty();
        let more_follows = last_with_text.is_some_and(|last| last > i);
        if normal && single_line && before_prose && out.title.is_none() && more_follows {
            let top = is_first && headline::is_top_line_headline(norm);
            if top || headline::is_headline(norm) {
                out.title = Some(piece.block.span);
                continue;
            }
        }
        if normal
            && (single_line && headline::is_headline(norm) || headline::is_fragment(norm, words))
        {
            reject(&mut out, DropReason::Headline);
            continue;
        }
        let scope = match out.paragraphs.len() {
            0 => Some(DatelineScope::First),
            1 | 2 => Some(DatelineScope::Early),
            _ => None,
        };
        let mut span = piece.block.span;
        let mut norm_text = piece.norm;
        if let Some(d) = scope.and_then(|s| headline::dateline(norm_text.as_str(), s)) {
            if d.whole {
                out.dropped.push(Dropped { span, reason: DropReason::Headline });
                continue;
            }
            let n = norm_text.as_str();
            let cut = n[..d.len].trim_end().len();
            let head = norm_text.to_original(Span::new(0, cut));
            let body = norm_text.to_original(Span::new(d.len, n.len()));
            out.dropped.push(Dropped { span: head, reason: DropReason::Headline });
            span = Span::new(body.start(), span.end());
            norm_text = NormText::new(text, span);
        }
        if !seen.insert(xxh3_64(norm_text.as_str().as_bytes())) {
            out.dropped.push(Dropped { span, reason: DropReason::Repeated });
            continue;
        }
        out.paragraphs.push(Paragraph { span, text: norm_text });
    }
    out
}

#[cfg(test)]
mod tests;
