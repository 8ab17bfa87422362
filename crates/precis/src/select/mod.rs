//! Select: choose sentences under a budget, without redundancy.
//!
//! Putting the chosen sentences in reading order is the compose stage's
//! job ([`crate::compose`]).
//!
//! Selectors take the [`Analysis`] and return a [`Selection`]: the picked
//! sentence indices and, in fill mode, which one runs past the budget and
//! will be cut. Every selector honours [`Candidates`], the sentences fit to
//! appear in a summary at all.

mod budget;
mod coverage;
mod expected;
pub mod ilp;
mod mmr;
mod submodular;

pub use budget::{cut_text, Budget, Unit};
pub use coverage::{coverage_account, explain_coverage, ConceptCoverage, CoverageOutcome};
pub use expected::ExpectedRouge;
pub use mmr::Mmr;
pub use submodular::Submodular;

use crate::represent::Analysis;

/// Sentences eligible for a summary.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Indices into the analysis' sentences, increasing.
    pub indices: Vec<usize>,
    /// Sentences left out only because they lean on a neighbour, each with
    /// that neighbour (a candidate): one that opens with a pronoun pointing
    /// back, with the sentence before it in its document, and one that
    /// opens a quotation, with the next sentence, which closes it and names
    /// the speaker. Selectors that follow their picks may take the first
    /// once the second is in the summary, where reading order puts the two
    /// side by side.
    pub after: Vec<(usize, usize)>,
}

/// Limits on which sentences may appear in a summary.
#[derive(Debug, Clone, Copy)]
pub struct CandidateFilter {
    /// Sentences shorter than this many words are left out. Default 8.
    pub min_words: usize,
    /// Sentences longer than this many words are left out. Default 80.
    pub max_words: usize,
    /// Leave out sentences, other than a document's first, that open with a
    /// personal pronoun pointing at someone the summary may not have named
    /// ("He is due to meet..."). Default true: summaries read
    /// better, at a cost of 0.2 ROUGE-1 on Multi-News validation and none on
    /// DUC 2003 (connectives such as "But" cost 0.6 and are kept). Such a
    /// sentence is listed in [`Candidates::after`] with the sentence before
    /// it, for selectors that can take it right after its referent.
    pub drop_dangling: bool,
    /// Leave out sentences that do not end as sentences do (a full stop,
    /// `!`, `?` or an ellipsis, perhaps inside closing quotes or brackets):
    /// documents cut off mid-sentence by a scraper or a dataset's
    /// truncation, captions, headlines and list fragments. Default true.
    pub drop_unfinished: bool,
    /// Leave out sentences that open a quotation without closing it: the
    /// first sentence of a quoted passage whose speaker is named only after
    /// it ends, so the summary would print words without saying whose they
    /// are. Default true. Such a sentence is listed in
    /// [`Candidates::after`] with the next sentence, which names the speaker.
    pub drop_open_quotes: bool,
}

/// Personal pronouns that, opening a sentence, refer to someone named in an
/// earlier one.
const DANGLING_OPENERS: &[&str] = &["he", "she", "they", "his", "her", "their", "him", "them"];

/// True when the sentence's first word (after opening quotes) is one of
/// [`DANGLING_OPENERS`].
fn starts_dangling(norm: &str) -> bool {
    let first = norm
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    first.len() <= 7 && DANGLING_OPENERS.iter().any(|w| w.eq_ignore_ascii_case(first))
}

/// True when the (normalized) sentence ends with terminal punctuation,
/// perhaps followed by closing quotes or brackets.
fn ends_finished(norm: &str) -> bool {
    trim_closers(norm)
        .ends_with(['.', '!', '?', '\u{2026}', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{FF61}'])
}

/// `norm` without the closing quotes and brackets (ASCII, and the CJK ones
/// such as `」` and `）`) and spaces at its end.
fn trim_closers(norm: &str) -> &str {
    norm.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | ')' | ']' | '\u{300D}' | '\u{300F}' | '\u{3011}' | '\u{FF09}' | '\u{201D}'
        ) || c.is_whitespace()
    })
}

/// True when the (normalized, ASCII-quoted) sentence starts a quotation
/// that it does not close: it opens with `"` and holds no other `"`.
fn opens_quote(norm: &str) -> bool {
    norm.strip_prefix('"').is_some_and(|rest| !rest.contains('"'))
}

impl Default for CandidateFilter {
    fn default() -> Self {
        CandidateFilter {
            min_words: 8,
            max_words: 80,
            drop_dangling: true,
            drop_unfinished: true,
            drop_open_quotes: true,
        }
    }
}

impl CandidateFilter {
    /// The eligible sentences of `analysis`. Questions, sentences without
    /// any content word and sentences that are mostly quotation fragments
    /// are left out; if the limits leave nothing, every sentence with a
    /// content word is eligible, so a short cluster still gets a summary.
    pub fn candidates(&self, analysis: &Analysis) -> Candidates {
        let has_content = |i: usize| !analysis.counts[i].is_empty();
        let dangling = |i: usize| {
            let s = &analysis.sentences[i];
            self.drop_dangling && s.position > 0 && starts_dangling(&s.norm)
        };
        let open_quote =
            |i: usize| self.drop_open_quotes && opens_quote(&analysis.sentences[i].norm);
        let fits_otherwise = |i: usize| {
            let s = &analysis.sentences[i];
            let question = s
                .norm
                .trim_end_matches(['"', '\'', ')', '\u{300D}', '\u{300F}', '\u{FF09}'])
                .ends_with(['?', '\u{FF1F}']);
            let unfinished = self.drop_unfinished && !ends_finished(&s.norm);
            has_content(i)
                && (self.min_words..=self.max_words).contains(&s.words)
                && !question
                && !s.norm.ends_with(':')
                && !unfinished
        };
        let fits = |i: usize| fits_otherwise(i) && !dangling(i) && !open_quote(i);
        let mut indices: Vec<usize> = (0..analysis.len()).filter(|&i| fits(i)).collect();
        if indices.is_empty() {
            indices = (0..analysis.len()).filter(|&i| has_content(i)).collect();
            return Candidates { indices, after: Vec::new() };
        }
        // Whether `j` directly follows `i` in their document and is a candidate.
        let next = |i: usize, j: usize| {
            let (a, b) = (&analysis.sentences[i], &analysis.sentences[j]);
            a.doc == b.doc && a.position + 1 == b.position
        };
        let after = (0..analysis.len())
            .filter(|&i| fits_otherwise(i) && dangling(i) != open_quote(i))
            .filter_map(|i| {
                match dangling(i) {
                    true => i.checked_sub(1).filter(|&p| next(p, i) && fits(p)),
                    false => Some(i + 1).filter(|&n| n < analysis.len() && next(i, n) && fits(n)),
                }
                .map(|p| (i, p))
            })
            .collect();
        Candidates { indices, after }
    }
}

/// The outcome of selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Picked sentence indices, in the order they were picked.
    pub picks: Vec<usize>,
    /// In fill mode, the picked sentence that runs past the budget.
    pub cut: Option<usize>,
}

impl Selection {
    /// Moves `remaining[k]` into the selection (marked as the cut sentence
    /// if it runs past the budget), adds its cost to `used` and drops its
    /// near-duplicates from `remaining`. Returns the sentence.
    pub(crate) fn take(
        &mut self,
        analysis: &Analysis,
        budget: &Budget,
        remaining: &mut Vec<usize>,
        k: usize,
        used: &mut usize,
    ) -> usize {
        let i = remaining.swap_remove(k);
        let cost = budget.cost(&analysis.sentences[i]);
        if *used + cost > budget.capacity() {
            self.cut = Some(i);
        }
        self.picks.push(i);
        *used += cost;
        remaining.retain(|&j| !analysis.near_duplicate(i, j));
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangling_openers() {
        assert!(starts_dangling("He said the talks failed."));
        assert!(starts_dangling("\"They will try,\" she said."));
        assert!(!starts_dangling("But the talks went on."));
        assert!(!starts_dangling("Hezbollah said the talks failed."));
        assert!(!starts_dangling("Kerry met Lavrov."));
    }

    #[test]
    fn open_quotes() {
        assert!(opens_quote("\"The leadership is ready to send a delegation."));
        assert!(!opens_quote("\"We are ready,\" Lavrov said."));
        assert!(!opens_quote("Lavrov said: \"We are ready.\""));
        assert!(!opens_quote("The talks failed."));
    }

    #[test]
    fn leaning_sentences_wait_for_their_neighbour() {
        let a = crate::score::tests::analysis(&[&[
            "Kerry met Lavrov in Moscow on Tuesday for talks on Syria.",
            "He said the talks on the war had been useful and long.",
            "\"We will meet again in Geneva next month to go on talking.",
            "It is the right thing to do,\" Lavrov told reporters in Moscow.",
        ]]);
        let c = CandidateFilter::default().candidates(&a);
        assert_eq!(c.indices, vec![0, 3]);
        // The pronoun waits for sentence 0, the open quotation for sentence 3.
        assert_eq!(c.after, vec![(1, 0), (2, 3)]);
        let all = CandidateFilter {
            drop_dangling: false,
            drop_open_quotes: false,
            ..CandidateFilter::default()
        }
        .candidates(&a);
        assert_eq!(all.indices, vec![0, 1, 2, 3]);
        assert!(all.after.is_empty());
    }

    #[test]
    fn finished_sentences() {
        assert!(ends_finished("The talks failed."));
        assert!(ends_finished("\"We will try again,\" she said. \""));
        assert!(ends_finished("Who knows?"));
        assert!(ends_finished("(The talks failed.)"));
        assert!(ends_finished("And then..."));
        assert!(!ends_finished("The passenger, a Houston lawyer, is suing United for more than"));
        assert!(!ends_finished("Syria Conflict: US, Russia Meet"));
        assert!(!ends_finished("in the house 16,"));
    }
}
