//! Score: how central or salient each sentence is.
//!
//! A [`Scorer`] maps an [`Analysis`] to one finite, non-negative score per
//! sentence; selection then picks high scorers under the budget while
//! avoiding redundancy. Scorers are deterministic and handle empty and
//! one-sentence clusters.

mod account;
mod centroid;
mod graph;
mod lead;
mod learned;
mod lexrank;
pub mod mlp;
mod terms;
mod textrank;

pub use account::{Account, Contribution};
pub use centroid::Centroid;
pub use lead::Lead;
pub use learned::{features, features_with, Learned, SentenceModel, FEATURE_NAMES, N_FEATURES};
pub use lexrank::LexRank;
pub use terms::{
    term_features, PriorTable, StemPrior, TermExpectations, TermModel, N_TERM_FEATURES,
    TERM_FEATURE_NAMES,
};
pub use textrank::TextRank;

use crate::represent::Analysis;

/// Assigns a salience score to every sentence of a cluster.
pub trait Scorer {
    /// One score per sentence of `analysis`, in sentence order; higher is
    /// more salient. Scores are finite and non-negative.
    fn score(&self, analysis: &Analysis) -> Vec<f64>;

    /// A one-line human account of how the score of sentence `i` arose.
    fn explain(&self, analysis: &Analysis, scores: &[f64], i: usize) -> String {
        let _ = analysis;
        format!("score {:.4}", scores.get(i).copied().unwrap_or(0.0))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::represent::Sentence;
    use crate::Span;

    pub(crate) fn analysis(docs: &[&[&str]]) -> Analysis {
        let mut sentences = Vec::new();
        for (d, sents) in docs.iter().enumerate() {
            for (p, s) in sents.iter().enumerate() {
                sentences.push(Sentence {
                    doc: d,
                    position: p,
                    span: Span::new(0, s.len()),
                    text: s.to_string(),
                    norm: s.to_string(),
                    words: s.split_whitespace().count(),
                });
            }
        }
        Analysis::new(sentences, docs.len(), vec![None; docs.len()])
    }

    /// Every scorer: deterministic, finite, non-negative, one score per
    /// sentence, no panic on empty or one-sentence clusters.
    fn check_scorer(scorer: &dyn Scorer) {
        let empty = analysis(&[]);
        assert!(scorer.score(&empty).is_empty());
        let one = analysis(&[&["Only one sentence here."]]);
        let s = scorer.score(&one);
        assert_eq!(s.len(), 1);
        assert!(s[0].is_finite() && s[0] >= 0.0);
        let blank = analysis(&[&["...", "!!"], &[""]]);
        assert!(scorer.score(&blank).iter().all(|x| x.is_finite() && *x >= 0.0));
        let a = analysis(&[
            &[
                "Kerry met Lavrov in Moscow to discuss Syria.",
                "The talks lasted three hours.",
                "Weather in Moscow was cold.",
            ],
            &["Kerry and Lavrov discussed Syria in Moscow on Tuesday.", "Putin also met Kerry."],
            &["Lavrov said the Syria talks with Kerry were useful."],
        ]);
        let s1 = scorer.score(&a);
        let s2 = scorer.score(&a);
        assert_eq!(s1, s2);
        assert_eq!(s1.len(), a.len());
        assert!(s1.iter().all(|x| x.is_finite() && *x >= 0.0));
        assert!(!scorer.explain(&a, &s1, 0).is_empty());
    }

    #[test]
    fn conformance() {
        check_scorer(&Lead);
        check_scorer(&Centroid::default());
        check_scorer(&LexRank::default());
        check_scorer(&TextRank::default());
    }

    #[test]
    fn central_sentences_win() {
        let a = analysis(&[
            &[
                "Kerry met Lavrov in Moscow to discuss Syria.",
                "Weather in Moscow was cold and snowy.",
            ],
            &["Kerry and Lavrov discussed Syria in Moscow.", "A cat sat on the mat."],
            &["Lavrov said Syria talks with Kerry in Moscow were useful."],
        ]);
        for scorer in
            [&LexRank::default() as &dyn Scorer, &TextRank::default(), &Centroid::default()]
        {
            let s = scorer.score(&a);
            assert!(s[0] > s[3], "{s:?}");
            assert!(s[2] > s[3], "{s:?}");
        }
    }
}
