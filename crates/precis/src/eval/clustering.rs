//! Scores of a clustering against gold labels: B-cubed precision, recall
//! and F1 (Bagga and Baldwin 1998, the measure of the story-discovery
//! literature) and pairwise precision, recall and F1.

use rustc_hash::FxHashMap;
use serde::Serialize;
use std::hash::Hash;

/// B-cubed and pairwise scores of a clustering.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusteringScores {
    /// Items scored.
    pub items: usize,
    /// Clusters predicted.
    pub predicted_clusters: usize,
    /// Clusters in the gold labels.
    pub gold_clusters: usize,
    /// Mean over items of the share of its predicted cluster in its gold cluster.
    pub bcubed_precision: f64,
    /// Mean over items of the share of its gold cluster in its predicted cluster.
    pub bcubed_recall: f64,
    /// Harmonic mean of the two.
    pub bcubed_f1: f64,
    /// Share of same-cluster predicted pairs that are gold pairs.
    pub pairwise_precision: f64,
    /// Share of gold pairs predicted in one cluster.
    pub pairwise_recall: f64,
    /// Harmonic mean of the two.
    pub pairwise_f1: f64,
}

/// Scores `predicted` labels against `gold` labels, item by item (the
/// slices are parallel). Empty input scores 1 everywhere; a measure with
/// no pairs to judge (all singletons) counts as 1 on that side.
///
/// ```
/// use precis::eval::clustering::score;
/// let s = score(&[1, 1, 2], &["a", "a", "a"]);
/// assert!((s.bcubed_precision - 1.0).abs() < 1e-12);
/// assert!((s.bcubed_recall - 5.0 / 9.0).abs() < 1e-12);
/// assert!((s.pairwise_recall - 1.0 / 3.0).abs() < 1e-12);
/// ```
pub fn score<P: Eq + Hash, G: Eq + Hash>(predicted: &[P], gold: &[G]) -> ClusteringScores {
    assert_eq!(predicted.len(), gold.len(), "one predicted label per gold label");
    let n = predicted.len();
    let mut p_ids: FxHashMap<&P, usize> = FxHashMap::default();
    let mut g_ids: FxHashMap<&G, usize> = FxHashMap::default();
    let p: Vec<usize> = predicted
        .iter()
        .map(|x| {
            let k = p_ids.len();
            *p_ids.entry(x).or_insert(k)
        })
        .collect();
    let g: Vec<usize> = gold
        .iter()
        .map(|x| {
            let k = g_ids.len();
            *g_ids.entry(x).or_insert(k)
        })
        .collect();
    let mut p_size = vec![0u64; p_ids.len()];
    let mut g_size = vec![0u64; g_ids.len()];
    let mut both: FxHashMap<(usize, usize), u64> = FxHashMap::default();
    for (&a, &b) in p.iter().zip(&g) {
        p_size[a] += 1;
        g_size[b] += 1;
        *both.entry((a, b)).or_insert(0) += 1;
    }
    let (mut prec, mut rec) = (0.0, 0.0);
    for (&a, &b) in p.iter().zip(&g) {
        let common = both[&(a, b)] as f64;
        prec += common / p_size[a] as f64;
        rec += common / g_size[b] as f64;
    }
    let pairs = |c: u64| (c * c.saturating_sub(1) / 2) as f64;
    // Sum in a fixed order so the result does not depend on hashing.
    let mut counts: Vec<u64> = both.values().copied().collect();
    counts.sort_unstable();
    let tp: f64 = counts.iter().map(|&c| pairs(c)).sum();
    let pp: f64 = p_size.iter().map(|&c| pairs(c)).sum();
    let gp: f64 = g_size.iter().map(|&c| pairs(c)).sum();
    let ratio = |a: f64, b: f64| if b == 0.0 { 1.0 } else { a / b };
    let f1 = |a: f64, b: f64| if a + b == 0.0 { 0.0 } else { 2.0 * a * b / (a + b) };
    let (bp, br) = if n == 0 { (1.0, 1.0) } else { (prec / n as f64, rec / n as f64) };
    let (pp_, pr) = (ratio(tp, pp), ratio(tp, gp));
    ClusteringScores {
        items: n,
        predicted_clusters: p_size.len(),
        gold_clusters: g_size.len(),
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: f1(bp, br),
        pairwise_precision: pp_,
        pairwise_recall: pr,
        pairwise_f1: f1(pp_, pr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_split_and_lumped() {
        let gold = ["a", "a", "b", "b", "b"];
        let s = score(&[7, 7, 9, 9, 9], &gold);
        assert_eq!((s.bcubed_f1, s.pairwise_f1), (1.0, 1.0));
        assert_eq!((s.predicted_clusters, s.gold_clusters), (2, 2));
        // Everything in one cluster: recall 1, precision (2*2/5 + 3*3/5)/5.
        let s = score(&[1; 5], &gold);
        assert!((s.bcubed_precision - 13.0 / 25.0).abs() < 1e-12);
        assert_eq!(s.bcubed_recall, 1.0);
        assert!((s.pairwise_precision - 4.0 / 10.0).abs() < 1e-12);
        // All singletons: precision 1, recall (2*1/2 + 3*1/3)/5.
        let s = score(&[1, 2, 3, 4, 5], &gold);
        assert_eq!(s.bcubed_precision, 1.0);
        assert!((s.bcubed_recall - 2.0 / 5.0).abs() < 1e-12);
        assert_eq!((s.pairwise_precision, s.pairwise_recall, s.pairwise_f1), (1.0, 0.0, 0.0));
    }

    #[test]
    fn empty_input() {
        let s = score::<u8, u8>(&[], &[]);
        assert_eq!((s.items, s.bcubed_f1), (0, 1.0));
    }
}
