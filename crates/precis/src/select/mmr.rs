//! Greedy selection with maximal marginal relevance (Carbonell & Goldstein 1998).

use super::budget::Budget;
use super::{Candidates, Selection};
use crate::represent::Analysis;

/// Picks sentences greedily by `λ·score − (1−λ)·max similarity to the
/// sentences already picked`, never picking a near-duplicate of a picked
/// sentence and never exceeding the budget (see [`Budget`] for fill mode).
#[derive(Debug, Clone, Copy)]
pub struct Mmr {
    /// Trade-off between salience (1) and novelty (0). Default 0.7.
    pub lambda: f64,
}

impl Default for Mmr {
    fn default() -> Self {
        Mmr { lambda: 0.7 }
    }
}

impl Mmr {
    /// Selects from `candidates` by `scores` (one per sentence of `analysis`).
    pub fn select(
        &self,
        analysis: &Analysis,
        scores: &[f64],
        candidates: &Candidates,
        budget: &Budget,
    ) -> Selection {
        let max_score = candidates.indices.iter().map(|&i| scores[i]).fold(0.0f64, f64::max);
        let norm = |i: usize| if max_score > 0.0 { scores[i] / max_score } else { 0.0 };
        let mut remaining: Vec<usize> = candidates.indices.clone();
        let mut max_sim = vec![0.0f64; analysis.len()];
        let mut sel = Selection::default();
        let mut used = 0usize;
        let capacity = budget.capacity();
        while used < capacity && !remaining.is_empty() {
            // Best remaining candidate; ties go to the earlier one in `remaining`.
            let mut best: Option<(usize, f64)> = None;
            for (k, &i) in remaining.iter().enumerate() {
                let cost = budget.cost(&analysis.sentences[i]);
                if !budget.fill && used + cost > capacity {
                    continue;
                }
                let value = self.lambda * norm(i) - (1.0 - self.lambda) * max_sim[i];
                if best.is_none_or(|(_, v)| value > v) {
                    best = Some((k, value));
                }
            }
            let Some((k, _)) = best else { break };
            let i = sel.take(analysis, budget, &mut remaining, k, &mut used);
            for &j in &remaining {
                max_sim[j] = max_sim[j].max(analysis.similarity(i, j) as f64);
            }
        }
        sel
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::tests::analysis;

    #[test]
    fn equal_values_go_to_the_earlier_candidate() {
        // Equal values: the candidate earlier in the remaining list wins, so
        // the first pick is the earliest sentence. (Later picks follow the
        // list as `Selection::take` leaves it, which swaps the last candidate
        // into the picked one's place, not index order.)
        let a = analysis(&[&[
            "Kerry met Lavrov in Geneva on Monday.",
            "Farmers moved their cattle to higher ground.",
            "The orchestra plays its last concert tonight.",
        ]]);
        let candidates = Candidates { indices: vec![0, 1, 2], after: Vec::new() };
        let mmr = Mmr { lambda: 1.0 };
        let one = Budget::sentences(1);
        assert_eq!(mmr.select(&a, &[1.0; 3], &candidates, &one).picks, [0]);
        assert_eq!(mmr.select(&a, &[0.5, 1.0, 1.0], &candidates, &one).picks, [1]);
        let two = Budget::sentences(2);
        assert_eq!(mmr.select(&a, &[1.0; 3], &candidates, &two).picks, [0, 2]);
    }
}
