//! Continuous LexRank (Erkan & Radev 2004).

use super::graph::{pagerank, Adjacency};
use super::Scorer;
use crate::represent::{keep_strongest, Analysis, InvertedIndex};

/// Continuous LexRank: PageRank over the graph of tf-idf cosine
/// similarities, edges weighted by similarity.
///
/// Edges below `threshold` are dropped, which keeps the graph sparse
/// without changing the ranking much (the paper's continuous variant keeps
/// all; a small threshold removes noise from shared common words).
#[derive(Debug, Clone)]
pub struct LexRank {
    /// Probability of following an edge rather than jumping. Default 0.85.
    pub damping: f64,
    /// Similarities below this are not edges. Default 0.05.
    pub threshold: f32,
    /// Keep at most this many strongest edges per sentence. Default 50.
    pub max_neighbours: usize,
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank { damping: 0.85, threshold: 0.05, max_neighbours: 50 }
    }
}

/// The cosine-similarity graph of an analysis, each node keeping its
/// `max_neighbours` strongest edges at or above `threshold`.
pub(crate) fn similarity_graph(
    analysis: &Analysis,
    threshold: f32,
    max_neighbours: usize,
) -> Adjacency {
    let index = InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; analysis.len()];
    let mut buf = Vec::new();
    let mut adj: Adjacency = Vec::with_capacity(analysis.len());
    for i in 0..analysis.len() {
        analysis.neighbours(&index, i, &mut acc, &mut buf);
        let edges = buf.iter().copied().filter(|e| e.1 >= threshold).collect();
        adj.push(keep_strongest(edges, max_neighbours));
    }
    adj
}

/// L1 change at which PageRank stops: no summary of the shared evaluation
/// sets differs from one iterated to 1e-9, at fewer iterations.
const PAGERANK_TOLERANCE: f64 = 1e-6;

impl LexRank {
    /// Centrality over a graph built as [`similarity_graph`] builds it,
    /// scaled so a sentence of average centrality scores 1.
    pub(crate) fn centrality(&self, adj: &Adjacency) -> Vec<f64> {
        let n = adj.len() as f64;
        pagerank(adj, self.damping, PAGERANK_TOLERANCE, 200).into_iter().map(|p| p * n).collect()
    }
}

impl Scorer for LexRank {
    fn score(&self, analysis: &Analysis) -> Vec<f64> {
        self.centrality(&similarity_graph(analysis, self.threshold, self.max_neighbours))
    }

    fn explain(&self, analysis: &Analysis, scores: &[f64], i: usize) -> String {
        let degree = similarity_graph(analysis, self.threshold, self.max_neighbours)[i].len();
        format!("lexrank: centrality {:.3} (1 = average), {degree} similar sentences", scores[i])
    }
}
