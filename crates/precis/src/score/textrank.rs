//! TextRank (Mihalcea & Tarau 2004).

use super::graph::{pagerank, Adjacency};
use super::Scorer;
use crate::represent::{keep_strongest, Analysis, InvertedIndex};

/// TextRank for sentence extraction: PageRank over a graph whose edge
/// weights are the number of shared content stems normalized by the
/// sentence lengths, `|Si ∩ Sj| / (ln|Si| + ln|Sj|)`.
#[derive(Debug, Clone)]
pub struct TextRank {
    /// Probability of following an edge. Default 0.85, as in the paper.
    pub damping: f64,
}

impl Default for TextRank {
    fn default() -> Self {
        TextRank { damping: 0.85 }
    }
}

/// Most edges a sentence keeps (its heaviest), so the graph stays linear in
/// the number of sentences; no sentence of the shared evaluation sets has
/// more neighbours than this.
const MAX_EDGES: usize = 256;

fn overlap(a: &[(u32, f32)], b: &[(u32, f32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// L1 change at which PageRank stops: no summary of the shared evaluation
/// sets differs from one iterated to 1e-9, at fewer iterations.
const PAGERANK_TOLERANCE: f64 = 1e-6;

impl Scorer for TextRank {
    fn score(&self, analysis: &Analysis) -> Vec<f64> {
        let index = InvertedIndex::new(analysis);
        let mut acc = vec![0.0f32; analysis.len()];
        let mut buf = Vec::new();
        let mut adj: Adjacency = Vec::with_capacity(analysis.len());
        for i in 0..analysis.len() {
            analysis.neighbours(&index, i, &mut acc, &mut buf);
            let a = analysis.counts[i].entries();
            let edges = buf
                .iter()
                .filter_map(|&(j, _)| {
                    let b = analysis.counts[j].entries();
                    let denom = (a.len() as f32).ln() + (b.len() as f32).ln();
                    let shared = overlap(a, b);
                    (shared > 0 && denom > 0.0).then(|| (j, shared as f32 / denom))
                })
                .collect();
            adj.push(keep_strongest(edges, MAX_EDGES));
        }
        let n = analysis.len() as f64;
        pagerank(&adj, self.damping, PAGERANK_TOLERANCE, 200).into_iter().map(|p| p * n).collect()
    }
}
