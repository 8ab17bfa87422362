//! Provenance: which other documents carry a summary sentence's content.
//!
//! A document carries a sentence when one of its sentences says much the
//! same: tf-idf cosine at least [`PROVENANCE_COSINE`], a near duplicate, or
//! the same fact in other words ([`same_fact`]): a number of equal value
//! and a word in common, and most of the shorter sentence's numbers, names
//! and words (synonyms folded, see [`crate::facts`]) in the other.

use crate::represent::{Analysis, InvertedIndex};

/// Cosine at or above which another document's sentence counts as carrying
/// the same content.
const PROVENANCE_COSINE: f32 = 0.5;

/// Share of the shorter sentence's fact units (numbers and names counting
/// twice) that, found in the other with a shared number, makes the pair
/// state the same fact.
const FACT_CONTAINMENT: f32 = 0.5;

/// For each picked sentence, the other documents with a sentence that says
/// much the same ([`carries`]), in document order.
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
                .filter(|&&(j, _)| analysis.sentences[j].doc != own)
                .filter(|&&(j, sim)| carries(analysis, i, j, sim))
                .map(|&(j, _)| analysis.sentences[j].doc)
                .collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        })
        .collect()
}

/// Whether sentence `j` says much the same as sentence `i`, given their
/// cosine `sim`: the test provenance applies to each pair.
pub fn carries(analysis: &Analysis, i: usize, j: usize, sim: f32) -> bool {
    sim >= PROVENANCE_COSINE || analysis.near_duplicate(i, j) || same_fact(analysis, i, j)
}

/// Whether two sentences state the same fact in other words: they share a
/// number and a word, and at least `FACT_CONTAINMENT` of the shorter
/// one's units.
pub fn same_fact(analysis: &Analysis, i: usize, j: usize) -> bool {
    let o = analysis.facts.overlap(i, j);
    o.shared.numbers >= 1 && o.shared.words >= 1 && o.containment() >= FACT_CONTAINMENT
}
