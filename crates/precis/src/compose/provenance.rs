//! Provenance: which other documents carry a summary sentence's content.

use crate::represent::{Analysis, InvertedIndex};

/// Cosine at or above which another document's sentence counts as carrying
/// the same content.
const PROVENANCE_COSINE: f32 = 0.5;

/// For each picked sentence, the other documents with a sentence that says
/// much the same (cosine at least 0.5, or a near duplicate), in document order.
pub fn provenance(analysis: &Analysis, picks: &[usize]) -> Vec<Vec<usize>> {
    let index = InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; analysis.len()];
    let mut buf = Vec::new();
    picks
        .iter()
        .map(|&i| {
            analysis.neighbours(&index, i, &mut acc, &mut buf);
            let own = analysis.sentences[i].doc;
            let mut docs: Vec<usize> = buf
                .iter()
                .filter(|&&(j, sim)| sim >= PROVENANCE_COSINE || analysis.near_duplicate(i, j))
                .map(|&(j, _)| analysis.sentences[j].doc)
                .filter(|&d| d != own)
                .collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        })
        .collect()
}
