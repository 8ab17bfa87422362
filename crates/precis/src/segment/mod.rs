//! Sentence segmentation (provisional splitter on `. `).

use crate::Span;

/// Splits normalized paragraph text into sentence spans, in order, each
/// trimmed of surrounding whitespace.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(Span::new(start, i + 1));
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}
