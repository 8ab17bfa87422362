//! Lead: the first sentences of each document, round-robin.

use super::Scorer;
use crate::represent::Analysis;

/// Round-robin lead: first sentences first, across documents, with the most
/// recent document first when documents carry dates (newswire ids), else in
/// input order. Selection taking sentences by descending score then yields
/// sentence 1 of each document, then sentence 2, and so on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lead;

impl Scorer for Lead {
    fn score(&self, analysis: &Analysis) -> Vec<f64> {
        let rank = analysis.doc_rank_recent_first();
        let n_docs = analysis.n_docs.max(1) as f64;
        let total = analysis.len() as f64 * n_docs + n_docs;
        analysis
            .sentences
            .iter()
            .map(|s| {
                let order = s.position as f64 * n_docs + rank[s.doc] as f64;
                (total - order) / total
            })
            .collect()
    }

    fn explain(&self, analysis: &Analysis, _scores: &[f64], i: usize) -> String {
        let s = &analysis.sentences[i];
        format!("lead: sentence {} of document {}", s.position + 1, s.doc + 1)
    }
}
