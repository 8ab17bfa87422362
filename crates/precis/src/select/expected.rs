//! Selection by expected ROUGE-1: pick the sentences whose words a human
//! summary is expected to use, counting each word no more often than the
//! summary is expected to.
//!
//! Given the expected count `λ_t` of every term in the reference summary
//! (from [`crate::score::TermModel`]), a term's count there is taken as
//! Poisson with that mean. A summary that already holds `k` copies of a term
//! gains, from one more, the probability that the reference holds more
//! than `k` (ROUGE clips matches at the reference's count). With `M` the
//! expected matches and `L` the summary's tokens, ROUGE-1 F1 is about
//! `2M / (L + R)` for a reference of `R` tokens; the greedy step adds the
//! sentence that raises this estimate most and fits the budget.

use super::budget::Budget;
use super::{Candidates, Selection};
use crate::represent::Analysis;
use rustc_hash::FxHashSet;

/// Greedy expected-ROUGE-1 selection.
#[derive(Debug, Clone, Copy)]
pub struct ExpectedRouge {
    /// Assumed length of the reference summary in tokens.
    pub reference_tokens: f64,
    /// Stop once no sentence raises the estimate (otherwise fill the budget).
    pub stop_early: bool,
    /// Expected share of a sentence's new bigrams that the reference holds,
    /// relative to its expected unigram precision; above 0 the estimate
    /// adds ROUGE-2 F1, with bigrams already in the summary worth nothing.
    pub bigram_weight: f64,
}

impl Default for ExpectedRouge {
    fn default() -> Self {
        ExpectedRouge { reference_tokens: 250.0, stop_early: false, bigram_weight: 0.0 }
    }
}

/// `P(X > k)` for `X` Poisson with mean `lambda`.
fn tail(lambda: f64, k: u32) -> f64 {
    let mut term = (-lambda).exp();
    let mut cdf = term;
    for i in 1..=k {
        term *= lambda / i as f64;
        cdf += term;
    }
    (1.0 - cdf).max(0.0)
}

impl ExpectedRouge {
    /// Selects from `candidates` given `expected[t]`, the expected count of
    /// term `t` in the reference.
    pub fn select(
        &self,
        analysis: &Analysis,
        expected: &[f64],
        candidates: &Candidates,
        budget: &Budget,
    ) -> Selection {
        self.select_with(analysis, expected, None, candidates, budget)
    }

    /// As [`ExpectedRouge::select`], with each sentence's expected matches
    /// scaled so that, before anything is picked, they equal
    /// `density[i]` times its tokens: the term model then only accounts for
    /// what earlier picks already cover.
    pub fn select_with(
        &self,
        analysis: &Analysis,
        expected: &[f64],
        density: Option<&[f64]>,
        candidates: &Candidates,
        budget: &Budget,
    ) -> Selection {
        let scale: Vec<f64> = match density {
            Some(d) => analysis
                .tokens
                .iter()
                .zip(d)
                .map(|(toks, &di)| {
                    let fresh: f64 = Self::gain(toks, expected, &[], &mut Vec::new());
                    if fresh > 0.0 {
                        di * toks.len() as f64 / fresh
                    } else {
                        0.0
                    }
                })
                .collect(),
            None => vec![1.0; analysis.len()],
        };
        // Expected bigram precision of each sentence's new bigrams.
        let bigram_precision: Vec<f64> = analysis
            .tokens
            .iter()
            .zip(&scale)
            .map(|(toks, &sc)| {
                let fresh = sc * Self::gain(toks, expected, &[], &mut Vec::new());
                self.bigram_weight * fresh / toks.len().max(1) as f64
            })
            .collect();
        let mut held = vec![0u32; expected.len()];
        let mut held_pairs: FxHashSet<(u32, u32)> = FxHashSet::default();
        let mut remaining: Vec<usize> = candidates.indices.clone();
        let mut sel = Selection::default();
        let (mut used, mut matches, mut tokens) = (0usize, 0.0f64, 0usize);
        let (mut matches2, mut pairs) = (0.0f64, 0usize);
        let capacity = budget.capacity();
        let mut extra: Vec<(u32, u32)> = Vec::new();
        let mut seen: Vec<(u32, u32)> = Vec::new();
        let f1 = |m: f64, l: usize| 2.0 * m / (l as f64 + self.reference_tokens).max(1.0);
        let estimate = |m: f64, l: usize, m2: f64, l2: usize| {
            f1(m, l) + if self.bigram_weight > 0.0 { f1(m2, l2) } else { 0.0 }
        };
        while used < capacity && !remaining.is_empty() {
            let current = estimate(matches, tokens, matches2, pairs);
            let mut best: Option<(usize, f64, f64, f64)> = None;
            for (k, &i) in remaining.iter().enumerate() {
                let cost = budget.cost(&analysis.sentences[i]);
                if !budget.fill && used + cost > capacity {
                    continue;
                }
                let toks = &analysis.tokens[i];
                let gain = scale[i] * Self::gain(toks, expected, &held, &mut extra);
                let gain2 = if self.bigram_weight > 0.0 {
                    seen.clear();
                    for w in toks.windows(2) {
                        let pair = (w[0].term, w[1].term);
                        if !held_pairs.contains(&pair) && !seen.contains(&pair) {
                            seen.push(pair);
                        }
                    }
                    bigram_precision[i] * seen.len() as f64
                } else {
                    0.0
                };
                let n_pairs = toks.len().saturating_sub(1);
                let value = estimate(
                    matches + gain,
                    tokens + toks.len(),
                    matches2 + gain2,
                    pairs + n_pairs,
                );
                if best.is_none_or(|(_, v, _, _)| value > v) {
                    best = Some((k, value, gain, gain2));
                }
            }
            let Some((k, value, gain, gain2)) = best else { break };
            if self.stop_early && value <= current && !sel.picks.is_empty() {
                break;
            }
            let i = remaining.swap_remove(k);
            let cost = budget.cost(&analysis.sentences[i]);
            if used + cost > capacity {
                sel.cut = Some(i);
            }
            sel.picks.push(i);
            used += cost;
            matches += gain;
            matches2 += gain2;
            tokens += analysis.tokens[i].len();
            pairs += analysis.tokens[i].len().saturating_sub(1);
            for t in &analysis.tokens[i] {
                held[t.term as usize] += 1;
            }
            for w in analysis.tokens[i].windows(2) {
                held_pairs.insert((w[0].term, w[1].term));
            }
            remaining.retain(|&j| !analysis.near_duplicate(i, j));
            for &(j, _) in candidates.after.iter().filter(|&&(_, p)| p == i) {
                if sel.picks.iter().all(|&q| !analysis.near_duplicate(q, j)) {
                    remaining.push(j);
                }
            }
        }
        sel
    }

    /// Expected new matches from `toks` when the summary holds `held[t]`
    /// copies of each term (none when `held` is empty).
    fn gain(
        toks: &[crate::represent::Token],
        expected: &[f64],
        held: &[u32],
        extra: &mut Vec<(u32, u32)>,
    ) -> f64 {
        extra.clear();
        let mut gain = 0.0;
        for t in toks {
            let e = match extra.iter_mut().find(|e| e.0 == t.term) {
                Some(e) => {
                    e.1 += 1;
                    e.1
                }
                None => {
                    extra.push((t.term, 0));
                    0
                }
            };
            let lambda = expected.get(t.term as usize).copied().unwrap_or(0.0);
            gain += tail(lambda, held.get(t.term as usize).copied().unwrap_or(0) + e);
        }
        gain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::tests::analysis;

    #[test]
    fn poisson_tail() {
        assert!((tail(1.0, 0) - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
        assert!((tail(2.0, 1) - (1.0 - 3.0 * (-2.0f64).exp())).abs() < 1e-12);
        assert_eq!(tail(0.0, 0), 0.0);
    }

    #[test]
    fn picks_the_sentence_with_expected_words_and_does_not_repeat_them() {
        let a = analysis(&[
            &["Kerry met Lavrov in Geneva on Monday.", "The weather was mild and sunny."],
            &["Kerry and Lavrov met in Geneva on Monday.", "Officials expect a ceasefire soon."],
        ]);
        let mut expected = vec![0.0; a.lexicon.len()];
        for k in 0..a.lexicon.len() as u32 {
            if ["kerri", "lavrov", "geneva", "ceasefir", "expect"].contains(&a.lexicon.stem(k)) {
                expected[k as usize] = 1.0;
            }
        }
        let candidates = Candidates { indices: (0..a.len()).collect(), after: Vec::new() };
        let sel = ExpectedRouge { reference_tokens: 12.0, stop_early: true, bigram_weight: 0.0 }
            .select(&a, &expected, &candidates, &Budget::words(40));
        // One meeting sentence (the shorter), then the ceasefire; the second
        // meeting sentence adds nothing new and the weather adds nothing.
        assert_eq!(sel.picks, vec![0, 3]);
    }

    #[test]
    fn a_leaning_sentence_comes_in_only_after_its_neighbour() {
        let a = analysis(&[&[
            "The weather in Geneva was mild on Monday.",
            "He said a ceasefire would hold from Friday.",
        ]]);
        let mut expected = vec![0.0; a.lexicon.len()];
        for k in 0..a.lexicon.len() as u32 {
            if ["ceasefir", "hold", "fridai", "weather"].contains(&a.lexicon.stem(k)) {
                expected[k as usize] = 1.0;
            }
        }
        let select = ExpectedRouge { reference_tokens: 20.0, stop_early: true, bigram_weight: 0.0 };
        let waiting = Candidates { indices: vec![0], after: vec![(1, 0)] };
        let sel = select.select(&a, &expected, &waiting, &Budget::words(40));
        assert_eq!(sel.picks, vec![0, 1]);
        // Without its neighbour among the candidates it never comes in.
        let alone = Candidates { indices: vec![], after: vec![(1, 0)] };
        assert!(select.select(&a, &expected, &alone, &Budget::words(40)).picks.is_empty());
    }
}
