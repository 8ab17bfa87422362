//! The fill cut: the one sentence that runs past the budget, cut at it.

use crate::represent::{Analysis, Sentence};
use crate::select::{cut_text, Budget, Unit};
use crate::Span;

/// `picks` in reading order, up to the first that crosses the budget (in
/// fill mode, the one to cut): the sentences after it have no room left.
pub(super) fn within(analysis: &Analysis, budget: &Budget, mut picks: Vec<usize>) -> Vec<usize> {
    let mut used = 0;
    let crossing = picks.iter().position(|&i| {
        used += budget.cost(&analysis.sentences[i]);
        used > budget.capacity()
    });
    if let Some(k) = crossing {
        // Without fill, a selection fits whole; should one not, the
        // sentence that would cross is left out rather than cut.
        picks.truncate(if budget.fill { k + 1 } else { k });
    }
    picks
}

/// Sentence `s` cut to the room `budget` leaves after `others` (the cost of
/// the rest of the summary): its text, its span in `doc_text` (the original
/// text of its document) and whether anything was cut off. `None` when not
/// even one word fits.
pub(super) fn cut_to_fit(
    s: &Sentence,
    doc_text: &str,
    budget: &Budget,
    others: usize,
) -> Option<(String, Span, bool)> {
    let room = budget.capacity().saturating_sub(others);
    // A byte budget counts a separator before every sentence.
    let room = if budget.unit == Unit::Bytes { room.saturating_sub(1) } else { room };
    let mut kept = cut_text(&s.text, budget.unit, room)?;
    if budget.unit == Unit::Bytes {
        kept = whole_words(&s.text, kept);
    }
    if kept.len() == s.text.len() {
        return Some((s.text.clone(), s.span, false));
    }
    let raw = &doc_text[s.span.start()..s.span.end()];
    let end = original_prefix_end(raw, kept.len());
    Some((kept.to_owned(), Span::new(s.span.start(), s.span.start() + end), true))
}

/// `kept`, a prefix of `text`, without a word it cuts through, unless that
/// word is all it holds: "Kerry met Lav" becomes "Kerry met", "Ker" stays.
fn whole_words<'a>(text: &str, kept: &'a str) -> &'a str {
    let mid_word = text[kept.len()..].starts_with(|c: char| !c.is_whitespace())
        && kept.ends_with(|c: char| !c.is_whitespace());
    match kept.rfind(char::is_whitespace) {
        Some(space) if mid_word => kept[..space].trim_end(),
        _ => kept,
    }
}

/// Byte offset in `raw` where the whitespace-collapsed prefix of length
/// `collapsed_len` ends.
fn original_prefix_end(raw: &str, collapsed_len: usize) -> usize {
    let mut seen = 0;
    let mut last_end = 0;
    let mut pending_space = false;
    for (i, c) in raw.char_indices() {
        if c.is_whitespace() {
            pending_space = seen > 0;
            continue;
        }
        if seen >= collapsed_len {
            return last_end;
        }
        if pending_space {
            seen += 1;
            pending_space = false;
        }
        seen += c.len_utf8();
        last_end = i + c.len_utf8();
    }
    last_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_cuts_keep_whole_words() {
        assert_eq!(whole_words("Kerry met Lavrov.", "Kerry met Lav"), "Kerry met");
        assert_eq!(whole_words("Kerry met Lavrov.", "Kerry met "), "Kerry met ");
        assert_eq!(whole_words("Kerry met Lavrov.", "Kerry met"), "Kerry met");
        assert_eq!(whole_words("Kerry met Lavrov.", "Ker"), "Ker");
        assert_eq!(whole_words("Kerry", "Kerry"), "Kerry");
    }

    #[test]
    fn prefix_end_maps_collapsed_offsets() {
        let raw = "one  two\nthree";
        assert_eq!(original_prefix_end(raw, 3), 3);
        assert_eq!(original_prefix_end(raw, 7), 8);
        assert_eq!(&raw[..original_prefix_end(raw, 7)], "one  two");
        assert_eq!(original_prefix_end(raw, 100), raw.len());
        assert_eq!(original_prefix_end("  a b ", 3), 5);
    }
}
