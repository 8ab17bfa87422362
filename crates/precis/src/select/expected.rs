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

/// How many of each term's tail probabilities are tabulated.
const TABULATED: usize = 4;

/// `P(X > k)` for `k < TABULATED` of each term's Poisson count.
fn tail_table(expected: &[f64]) -> Vec<[f64; TABULATED]> {
    expected
        .iter()
        .map(|&lambda| {
            let mut term = (-lambda).exp();
            let mut cdf = term;
            let mut row = [0.0; TABULATED];
            for (k, r) in row.iter_mut().enumerate() {
                if k > 0 {
                    term *= lambda / k as f64;
                    cdf += term;
                }
                *r = (1.0 - cdf).max(0.0);
            }
            row
        })
        .collect()
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
        let tails = Tails { expected, table: tail_table(expected) };
        // What each sentence that may be picked holds, and what it is worth
        // in an empty summary.
        let mut bags: Vec<Option<Bag>> = vec![None; analysis.len()];
        let eligible = candidates.indices.iter().chain(candidates.after.iter().map(|e| &e.0));
        for &i in eligible {
            if bags[i].is_some() {
                continue;
            }
            let mut bag = Bag::new(&analysis.tokens[i]);
            let fresh = bag.unigram_gain(&tails, &[]);
            if let Some(d) = density {
                bag.scale = if fresh > 0.0 { d[i] * bag.tokens as f64 / fresh } else { 0.0 };
            }
            bag.bigram_precision =
                self.bigram_weight * bag.scale * fresh / bag.tokens.max(1) as f64;
            bags[i] = Some(bag);
        }
        let mut held = vec![0u32; expected.len()];
        let mut held_pairs: FxHashSet<(u32, u32)> = FxHashSet::default();
        // Each eligible sentence's gain in the current summary: expected
        // new unigram matches (unscaled) and new bigrams. A pick changes
        // them only through the terms and bigrams it shares with a sentence.
        let mut gains: Vec<(f64, usize)> = bags
            .iter()
            .map(|b| b.as_ref().map_or((0.0, 0), |b| (b.unigram_gain(&tails, &[]), b.pairs.len())))
            .collect();
        let mut remaining: Vec<usize> = candidates.indices.clone();
        let mut sel = Selection::default();
        let mut total = Totals::default();
        let capacity = budget.capacity();
        let mut used = 0usize;
        while used < capacity && !remaining.is_empty() {
            let current = self.estimate(&total);
            let mut best: Option<(usize, f64, Totals)> = None;
            for (k, &i) in remaining.iter().enumerate() {
                let cost = budget.cost(&analysis.sentences[i]);
                let Some(bag) = &bags[i] else { continue };
                if !budget.fill && used + cost > capacity {
                    continue;
                }
                let next = total.plus(bag, gains[i]);
                let value = self.estimate(&next);
                if best.as_ref().is_none_or(|(_, v, _)| value > *v) {
                    best = Some((k, value, next));
                }
            }
            let Some((k, value, next)) = best else { break };
            if self.stop_early && value <= current && !sel.picks.is_empty() {
                break;
            }
            let i = sel.take(analysis, budget, &mut remaining, k, &mut used);
            total = next;
            if let Some(picked) = &bags[i] {
                for &j in &remaining {
                    if let Some(bag) = &bags[j] {
                        let (g, p) = &mut gains[j];
                        *g -= bag.lost_to(picked, &tails, &held);
                        *p -= bag.shared_new_pairs(picked, &held_pairs);
                    }
                }
                for &(t, c) in &picked.terms {
                    held[t as usize] += c;
                }
                held_pairs.extend(picked.pairs.iter().copied());
            }
            for &(j, _) in candidates.after.iter().filter(|&&(_, p)| p == i) {
                if sel.picks.iter().all(|&q| !analysis.near_duplicate(q, j)) {
                    if let Some(bag) = &bags[j] {
                        let new_pairs =
                            bag.pairs.iter().filter(|p| !held_pairs.contains(p)).count();
                        gains[j] = (bag.unigram_gain(&tails, &held), new_pairs);
                    }
                    remaining.push(j);
                }
            }
        }
        sel
    }

    /// Estimated ROUGE-1 F1, plus ROUGE-2 F1 when bigrams count.
    fn estimate(&self, t: &Totals) -> f64 {
        let f1 = |m: f64, l: usize| 2.0 * m / (l as f64 + self.reference_tokens).max(1.0);
        f1(t.matches, t.tokens)
            + if self.bigram_weight > 0.0 { f1(t.matches2, t.pairs) } else { 0.0 }
    }
}

/// Tail probabilities of each term's count in the reference.
struct Tails<'a> {
    expected: &'a [f64],
    table: Vec<[f64; TABULATED]>,
}

impl Tails<'_> {
    /// `P(X_t > k)`.
    fn get(&self, t: u32, k: u32) -> f64 {
        match self.table.get(t as usize) {
            Some(row) if (k as usize) < TABULATED => row[k as usize],
            _ => tail(self.expected.get(t as usize).copied().unwrap_or(0.0), k),
        }
    }
}

/// A sentence's distinct terms with their counts and its distinct bigrams.
#[derive(Debug, Clone)]
struct Bag {
    terms: Vec<(u32, u32)>,
    pairs: Vec<(u32, u32)>,
    tokens: usize,
    /// Factor on the term model's expected matches (see `density`).
    scale: f64,
    /// Expected share of its new bigrams the reference holds.
    bigram_precision: f64,
}

impl Bag {
    fn new(toks: &[crate::represent::Token]) -> Bag {
        let mut ids: Vec<u32> = toks.iter().map(|t| t.term).collect();
        ids.sort_unstable();
        let mut terms: Vec<(u32, u32)> = Vec::new();
        for t in ids {
            match terms.last_mut() {
                Some(last) if last.0 == t => last.1 += 1,
                _ => terms.push((t, 1)),
            }
        }
        let mut pairs: Vec<(u32, u32)> = toks.windows(2).map(|w| (w[0].term, w[1].term)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        Bag { terms, pairs, tokens: toks.len(), scale: 1.0, bigram_precision: 0.0 }
    }

    /// How much of this bag's unigram gain `picked` takes when it joins a
    /// summary holding `held` (before `picked`'s terms are added).
    fn lost_to(&self, picked: &Bag, tails: &Tails, held: &[u32]) -> f64 {
        let mut lost = 0.0;
        let (mut a, mut b) = (0, 0);
        while a < self.terms.len() && b < picked.terms.len() {
            let ((t, c), (u, d)) = (self.terms[a], picked.terms[b]);
            match t.cmp(&u) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    let h = held[t as usize];
                    for e in 0..c {
                        lost += tails.get(t, h + e) - tails.get(t, h + d + e);
                    }
                    a += 1;
                    b += 1;
                }
            }
        }
        lost
    }

    /// Bigrams this bag shares with `picked` that the summary (`held`) does
    /// not hold yet: they stop being new once `picked` joins.
    fn shared_new_pairs(&self, picked: &Bag, held: &FxHashSet<(u32, u32)>) -> usize {
        let (mut a, mut b, mut n) = (0, 0, 0);
        while a < self.pairs.len() && b < picked.pairs.len() {
            match self.pairs[a].cmp(&picked.pairs[b]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    n += usize::from(!held.contains(&self.pairs[a]));
                    a += 1;
                    b += 1;
                }
            }
        }
        n
    }

    /// Expected new unigram matches when the summary holds `held[t]` copies
    /// of each term (none when `held` is empty), before scaling.
    fn unigram_gain(&self, tails: &Tails, held: &[u32]) -> f64 {
        let mut gain = 0.0;
        for &(t, c) in &self.terms {
            let h = held.get(t as usize).copied().unwrap_or(0);
            for e in 0..c {
                gain += tails.get(t, h + e);
            }
        }
        gain
    }
}

/// Expected matches and lengths of a summary, for unigrams and bigrams.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    matches: f64,
    tokens: usize,
    matches2: f64,
    pairs: usize,
}

impl Totals {
    /// The totals once `bag` joins, given its current unigram gain (before
    /// scaling) and number of new bigrams.
    fn plus(&self, bag: &Bag, (gain, new_pairs): (f64, usize)) -> Totals {
        Totals {
            matches: self.matches + bag.scale * gain,
            tokens: self.tokens + bag.tokens,
            matches2: self.matches2 + bag.bigram_precision * new_pairs as f64,
            pairs: self.pairs + bag.tokens.saturating_sub(1),
        }
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
        let table = tail_table(&[2.0]);
        for (k, p) in table[0].iter().enumerate() {
            assert!((p - tail(2.0, k as u32)).abs() < 1e-12);
        }
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
    fn the_estimate_is_rouge_f1_against_a_reference_of_the_assumed_length() {
        // F1 = 2PR / (P + R) = 2m / (l + r) for m matches, l summary and r
        // reference tokens; the bigram part the same over bigrams.
        let t = Totals { matches: 6.0, tokens: 10, matches2: 2.0, pairs: 9 };
        let unigrams =
            ExpectedRouge { reference_tokens: 20.0, stop_early: true, bigram_weight: 0.0 };
        assert!((unigrams.estimate(&t) - 12.0 / 30.0).abs() < 1e-12);
        let both = ExpectedRouge { bigram_weight: 0.2, ..unigrams };
        assert!((both.estimate(&t) - (12.0 / 30.0 + 4.0 / 29.0)).abs() < 1e-12);
    }

    #[test]
    fn a_picks_share_of_another_sentences_gain_is_what_the_gain_loses() {
        // The selection updates each sentence's gain by `lost_to` after a
        // pick instead of recomputing it: the two must agree.
        let a = analysis(&[
            &["Kerry met Lavrov in Geneva on Monday.", "Kerry and Lavrov spoke in Geneva."],
            &["Lavrov said Kerry and Lavrov would meet again in Geneva.", "Rain fell."],
        ]);
        let expected: Vec<f64> = (0..a.lexicon.len()).map(|k| 0.5 + (k % 3) as f64).collect();
        let tails = Tails { expected: &expected, table: tail_table(&expected) };
        let bags: Vec<Bag> = (0..a.len()).map(|i| Bag::new(&a.tokens[i])).collect();
        let mut held = vec![0u32; expected.len()];
        let mut shared = 0;
        for picked in [0, 1] {
            for (j, bag) in bags.iter().enumerate().skip(2) {
                let before = bag.unigram_gain(&tails, &held);
                let lost = bag.lost_to(&bags[picked], &tails, &held);
                let mut after_held = held.clone();
                for &(t, c) in &bags[picked].terms {
                    after_held[t as usize] += c;
                }
                let after = bag.unigram_gain(&tails, &after_held);
                assert!((before - lost - after).abs() < 1e-9, "sentence {j} after {picked}");
                shared += usize::from(lost > 0.0);
            }
            for &(t, c) in &bags[picked].terms {
                held[t as usize] += c;
            }
        }
        assert!(shared > 0, "the sentences share terms, so some gain is lost");
    }

    #[test]
    fn bigrams_count_as_a_share_of_a_sentences_expected_words() {
        // A short sentence of expected words against a long one with a single
        // expected word, room for one: the bigram part of the estimate (each
        // new bigram worth the sentence's expected share of its words, times
        // the weight) must not let the long sentence's many bigrams win.
        let a = analysis(&[&[
            "Kerry met Lavrov in Geneva.",
            "The weather in the mountain villages around the lake stayed mild and sunny for most of the long holiday week.",
        ]]);
        let mut expected = vec![0.0; a.lexicon.len()];
        for k in 0..a.lexicon.len() as u32 {
            if ["kerri", "lavrov", "geneva", "weather"].contains(&a.lexicon.stem(k)) {
                expected[k as usize] = 1.0;
            }
        }
        let candidates = Candidates { indices: vec![0, 1], after: Vec::new() };
        for bigram_weight in [0.0, 0.2, 0.4] {
            let select = ExpectedRouge { reference_tokens: 20.0, stop_early: true, bigram_weight };
            let sel = select.select(&a, &expected, &candidates, &Budget::words(22));
            assert_eq!(sel.picks, vec![0], "bigram weight {bigram_weight}");
        }
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
