//! Normalized text that remembers where each byte came from.
//!
//! Scoring wants one space between words and plain ASCII quotes; output wants
//! the reporter's own bytes. [`NormText`] holds the normalized string and a
//! map from each of its bytes back to the original, so a sentence found in the
//! normalized text is printed from the original.

use crate::Span;

/// A normalized copy of a span of original text, with an offset map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormText {
    text: String,
    /// `offsets[i]` is the original byte offset of normalized byte `i`;
    /// `offsets[text.len()]` is the original end.
    offsets: Vec<usize>,
}

/// Maps typographic characters to their ASCII forms for scoring.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2013}' | '\u{2014}' | '\u{2212}' | '\u{2010}' | '\u{2011}' => "-",
        '\u{2026}' => "...",
        '\u{00A0}' | '\u{2009}' | '\u{200A}' | '\u{202F}' | '\u{2007}' => " ",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => "",
        _ => return None,
    })
}

/// True for an ASCII byte that normalization copies unchanged: neither
/// whitespace nor the backtick, which folds to an apostrophe.
fn is_plain(b: u8) -> bool {
    const PLAIN: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x80 {
            // The ASCII whitespace of `char::is_whitespace`, and the backtick.
            table[b] = !matches!(b as u8, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'`');
            b += 1;
        }
        table
    };
    PLAIN[usize::from(b)]
}

impl NormText {
    /// Normalizes `original[span]`: whitespace runs become one space, leading
    /// and trailing whitespace goes, typographic quotes, dashes and ellipses
    /// become ASCII, and zero-width characters vanish.
    ///
    /// A span out of bounds or off character boundaries gives empty text.
    pub fn new(original: &str, span: Span) -> NormText {
        let Some(slice) = span.slice(original) else {
            return NormText { text: String::new(), offsets: vec![span.start()] };
        };
        let base = span.start();
        let mut text = String::with_capacity(slice.len());
        let mut offsets = Vec::with_capacity(slice.len() + 1);
        let mut pending_space: Option<usize> = None;
        let bytes = slice.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if is_plain(bytes[i]) {
                // A run of ASCII that stays as it is, single spaces between
                // words included (each maps to itself, as a collapsed run
                // of one would): copy it whole.
                let mut run = i + 1;
                while run < bytes.len()
                    && (is_plain(bytes[run])
                        || bytes[run] == b' ' && bytes.get(run + 1).copied().is_some_and(is_plain))
                {
                    run += 1;
                }
                if let Some(sp) = pending_space.take() {
                    text.push(' ');
                    offsets.push(sp);
                }
                text.push_str(&slice[i..run]);
                offsets.extend(base + i..base + run);
                i = run;
                continue;
            }
            let c = slice[i..].chars().next().unwrap_or_default();
            let at = base + i;
            i += c.len_utf8();
            let folded = fold_char(c);
            let is_space = c.is_whitespace() || folded == Some(" ");
            if is_space {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            if folded == Some("") {
                continue;
            }
            if let Some(sp) = pending_space.take() {
                text.push(' ');
                offsets.push(sp);
            }
            match folded {
                Some(rep) => {
                    for b in rep.bytes() {
                        text.push(b as char);
                        offsets.push(at);
                    }
                }
                None => {
                    let before = text.len();
                    text.push(c);
                    offsets.extend(std::iter::repeat_n(at, text.len() - before));
                }
            }
        }
        // The end maps to just past the last kept character.
        let end = match text.chars().next_back() {
            Some(_) => {
                let last = *offsets.last().unwrap_or(&base);
                let width = original[last..].chars().next().map_or(0, char::len_utf8);
                last + width
            }
            None => base,
        };
        offsets.push(end);
        NormText { text, offsets }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a span of the normalized text back to the original text.
    ///
    /// The result starts at the original byte of the span's first character
    /// and ends just past the original bytes of its last character.
    pub fn to_original(&self, span: Span) -> Span {
        let n = self.text.len();
        let start = span.start().min(n);
        let end = span.end().min(n);
        if start >= end {
            let at = self.offsets[start];
            return Span::new(at, at);
        }
        let orig_start = self.offsets[start];
        // `offsets[end]` is where the byte after the span came from: the
        // whitespace or character that follows the span's last character in
        // the original. Bytes folded from one character (an ellipsis folded
        // to "...") share an offset, so a span ending inside such a fold ends
        // before that character.
        let orig_end = self.offsets[end].max(orig_start);
        Span::new(orig_start, orig_end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> NormText {
        NormText::new(s, Span::new(0, s.len()))
    }

    #[test]
    fn collapses_whitespace_and_folds_quotes() {
        let src = "  \u{201C}We are\n not playing\u{201D} here\u{2026}  ";
        let n = norm(src);
        assert_eq!(n.as_str(), "\"We are not playing\" here...");
        let all = n.to_original(Span::new(0, n.as_str().len()));
        assert_eq!(all.slice(src), Some("\u{201C}We are\n not playing\u{201D} here\u{2026}"));
        let we = n.to_original(Span::new(1, 3));
        assert_eq!(we.slice(src), Some("We"));
    }

    #[test]
    fn plain_bytes_are_ascii_but_whitespace_and_backtick() {
        for b in 0..=u8::MAX {
            let expect = b.is_ascii() && b != b'`' && !char::from(b).is_whitespace();
            assert_eq!(is_plain(b), expect, "{b:#04x}");
        }
    }

    #[test]
    fn maps_inner_words() {
        let src = "Kerry\nwill   seek";
        let n = norm(src);
        assert_eq!(n.as_str(), "Kerry will seek");
        assert_eq!(n.to_original(Span::new(6, 15)).slice(src), Some("will   seek"));
    }
}
