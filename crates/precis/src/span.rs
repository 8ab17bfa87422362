//! Byte ranges into a document's original text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a text, with `start <= end`.
///
/// Spans always refer to the text they were produced from; the pipeline maps
/// spans of normalized text back to the document's original bytes, so what
/// `render` prints is what the reporter wrote.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Creates a span; if `end < start` the two are swapped so the invariant holds.
    pub fn new(start: usize, end: usize) -> Span {
        if end < start {
            Span { start: end, end: start }
        } else {
            Span { start, end }
        }
    }

    /// The first byte of the span.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    pub fn end(self) -> usize {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span shifted right by `offset` bytes.
    pub fn shift(self, offset: usize) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }

    /// The slice of `text` this span covers, or `None` when it is out of
    /// bounds or not on character boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_bounds() {
        let s = Span::new(5, 2);
        assert_eq!((s.start(), s.end(), s.len()), (2, 5, 3));
        assert_eq!(Span::from(1..4).slice("abcdef"), Some("bcd"));
        assert_eq!(Span::new(0, 9).slice("abc"), None);
        assert_eq!(Span::new(1, 3).shift(2), Span::new(3, 5));
    }
}
