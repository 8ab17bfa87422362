//! Summary length budgets.

use crate::represent::Sentence;
use crate::words::count_words;
use serde::{Deserialize, Serialize};

/// What a budget counts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Words: whitespace-separated, except that each Chinese or Japanese
    /// character (Han, Hiragana, Katakana) counts as one word and CJK
    /// punctuation as none (see [`crate::words`]).
    Words,
    /// Bytes of UTF-8 text, counting one separator between sentences.
    Bytes,
    /// Whole sentences.
    Sentences,
}

/// A limit on summary length.
///
/// Words are counted as [`crate::words::count_words`] counts them: runs
/// between spaces, with each Han, Hiragana or Katakana character one word
/// (Chinese and Japanese are written without spaces) and CJK punctuation
/// none; Korean is counted by its spaces. Text without CJK characters is
/// counted exactly as `split_whitespace` counts it.
///
/// In the default strict mode a summary never exceeds the limit and holds
/// only whole sentences. With `fill`, the last sentence may run past the
/// limit and is then cut at it (marked as cut in the output), which is how
/// systems are compared under ROUGE's `-l`/`-b` truncation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// What is counted.
    pub unit: Unit,
    /// The limit, in `unit`s.
    pub limit: usize,
    /// Whether the last sentence may be cut to fill the budget exactly.
    pub fill: bool,
}

impl Default for Budget {
    /// 100 words, strict.
    fn default() -> Budget {
        Budget::words(100)
    }
}

impl Budget {
    /// A strict budget of `n` words.
    pub fn words(n: usize) -> Budget {
        Budget { unit: Unit::Words, limit: n, fill: false }
    }

    /// A strict budget of `n` bytes.
    pub fn bytes(n: usize) -> Budget {
        Budget { unit: Unit::Bytes, limit: n, fill: false }
    }

    /// A budget of `n` sentences.
    pub fn sentences(n: usize) -> Budget {
        Budget { unit: Unit::Sentences, limit: n, fill: false }
    }

    /// The same budget with fill mode on or off.
    pub fn with_fill(self, fill: bool) -> Budget {
        Budget { fill, ..self }
    }

    /// What adding `sentence` costs. Bytes count one separator per
    /// sentence, so [`Budget::capacity`] adds one for the first.
    pub fn cost(&self, sentence: &Sentence) -> usize {
        match self.unit {
            Unit::Words => sentence.words,
            Unit::Bytes => sentence.text.len() + 1,
            Unit::Sentences => 1,
        }
    }

    /// The total cost a summary may reach.
    pub fn capacity(&self) -> usize {
        match self.unit {
            Unit::Bytes => self.limit.saturating_add(1),
            _ => self.limit,
        }
    }

    /// Length of a list of sentence texts in this budget's unit.
    pub fn measure<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> usize {
        let texts: Vec<&str> = texts.into_iter().collect();
        match self.unit {
            Unit::Words => texts.iter().map(|t| count_words(t)).sum(),
            Unit::Bytes => {
                texts.iter().map(|t| t.len()).sum::<usize>() + texts.len().saturating_sub(1)
            }
            Unit::Sentences => texts.len(),
        }
    }
}

/// The prefix of `text` holding at most `room` units of `unit`, cut at a
/// word boundary for words and a character boundary for bytes; `None` when
/// nothing fits.
pub fn cut_text(text: &str, unit: Unit, room: usize) -> Option<&str> {
    if room == 0 {
        return None;
    }
    let end = match unit {
        Unit::Sentences => return Some(text),
        Unit::Words => crate::words::prefix_with_words(text, room),
        Unit::Bytes => {
            let mut end = room.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            end
        }
    };
    let cut = text[..end].trim_end();
    (!cut.is_empty()).then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_words_and_bytes() {
        assert_eq!(cut_text("one two  three four", Unit::Words, 2), Some("one two"));
        assert_eq!(cut_text("one two", Unit::Words, 5), Some("one two"));
        assert_eq!(cut_text("one", Unit::Words, 0), None);
        assert_eq!(cut_text("caf\u{e9} au lait", Unit::Bytes, 4), Some("caf"));
        assert_eq!(cut_text("ab cd", Unit::Bytes, 3), Some("ab"));
    }

    #[test]
    fn measure_counts_separators() {
        let b = Budget::bytes(10);
        assert_eq!(b.measure(["abc", "de"]), 6);
        assert_eq!(Budget::words(1).measure(["a b", "c"]), 3);
    }
}
