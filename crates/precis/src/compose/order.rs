//! Reading order for the selected sentences.

use crate::represent::Analysis;

/// Sorts selected sentence indices for reading: by document in reading
/// order (chronological when dates are known), then by position.
pub fn reading_order(analysis: &Analysis, picks: &mut [usize]) {
    let rank = analysis.doc_rank_reading();
    picks.sort_by_key(|&i| {
        let s = &analysis.sentences[i];
        (rank[s.doc], s.position, i)
    });
}
