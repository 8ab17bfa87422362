//! How well a summary's sentence order agrees with a human reference's.
//!
//! ROUGE ignores order, so order is measured apart: each summary sentence
//! is aligned with the reference sentence it shares the most content stems
//! with, and the summary's order is compared with the order of those
//! reference sentences by Kendall's tau-b (1: same order, -1: reversed).
//! A second figure says whether the summary's first sentence aligns with
//! the reference's first, the sentence a human chose to lead with.

use crate::represent::{for_each_word, is_stopword};
use crate::segment::split_sentences;
use crate::stem::stem;
use std::collections::BTreeSet;

/// Fewest content stems a summary sentence must share with a reference
/// sentence to be aligned with it; others are left out of the comparison.
const MIN_SHARED: usize = 2;

/// How one summary's order agrees with one reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderAgreement {
    /// Kendall's tau-b between the summary's order of its aligned sentences
    /// and the order of the reference sentences they align with; `None`
    /// when fewer than two sentences align or they all align with one.
    pub tau: Option<f64>,
    /// Whether the first summary sentence aligns with the reference's
    /// first sentence (false when it aligns with nothing or the summary is
    /// empty).
    pub first: bool,
}

/// The distinct content stems of `text`.
fn stems(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for_each_word(text, |w| {
        if !is_stopword(w) && w.chars().any(char::is_alphanumeric) {
            out.insert(stem(w));
        }
    });
    out
}

/// The reference's sentences, as content stem sets.
pub fn reference_sentences(reference: &str) -> Vec<BTreeSet<String>> {
    split_sentences(reference)
        .into_iter()
        .filter_map(|span| span.slice(reference).map(stems))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Index of the reference sentence `sentence` shares the most stems with
/// (the earliest of equals), if it shares at least [`MIN_SHARED`].
fn align(sentence: &BTreeSet<String>, reference: &[BTreeSet<String>]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (k, r) in reference.iter().enumerate() {
        let shared = sentence.intersection(r).count();
        if shared >= MIN_SHARED && best.is_none_or(|(_, b)| shared > b) {
            best = Some((k, shared));
        }
    }
    best.map(|(k, _)| k)
}

/// How the order of `summary` (its sentences, in order) agrees with the
/// reference, given as [`reference_sentences`].
pub fn order_agreement(summary: &[&str], reference: &[BTreeSet<String>]) -> OrderAgreement {
    let aligned = alignment(summary, reference);
    let first = aligned.first().copied().flatten() == Some(0);
    let ys: Vec<usize> = aligned.into_iter().flatten().collect();
    OrderAgreement { tau: kendall_tau_b(&ys), first }
}

/// The reference sentence each summary sentence aligns with (see
/// [`order_agreement`]), `None` for one that shares too little with all.
pub fn alignment(summary: &[&str], reference: &[BTreeSet<String>]) -> Vec<Option<usize>> {
    summary.iter().map(|s| align(&stems(s), reference)).collect()
}

/// Kendall's tau-b between positions `0..n` and `ys` (ties only in `ys`).
fn kendall_tau_b(ys: &[usize]) -> Option<f64> {
    let (mut concordant, mut discordant, mut tied) = (0i64, 0i64, 0i64);
    for i in 0..ys.len() {
        for j in i + 1..ys.len() {
            match ys[i].cmp(&ys[j]) {
                std::cmp::Ordering::Less => concordant += 1,
                std::cmp::Ordering::Greater => discordant += 1,
                std::cmp::Ordering::Equal => tied += 1,
            }
        }
    }
    let pairs = concordant + discordant + tied;
    let untied = concordant + discordant;
    (untied > 0).then(|| (concordant - discordant) as f64 / ((pairs * untied) as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: &str = "The river flooded Bramford on Sunday and forced 3,000 people out. \
        The mayor declared a state of emergency in the town. \
        Residents returned home on Tuesday as the water fell.";

    fn agreement(summary: &[&str]) -> OrderAgreement {
        order_agreement(summary, &reference_sentences(REFERENCE))
    }

    #[test]
    fn same_order_reversed_order_and_ties() {
        let a = "Floods in Bramford on Sunday forced 3,000 people from their homes.";
        let b = "Bramford's mayor declared a state of emergency.";
        let c = "People returned home on Tuesday when the water fell.";
        let same = agreement(&[a, b, c]);
        assert_eq!(same, OrderAgreement { tau: Some(1.0), first: true });
        let reversed = agreement(&[c, b, a]);
        assert_eq!(reversed, OrderAgreement { tau: Some(-1.0), first: false });
        let mixed = agreement(&[b, a, c]);
        assert!((mixed.tau.unwrap() - 1.0 / 3.0).abs() < 1e-12, "{mixed:?}");
        // A sentence that aligns with nothing is left out.
        let unrelated = "Insurers expect large claims.";
        assert!(!agreement(&[unrelated, a, c]).first);
        assert_eq!(agreement(&[unrelated, a, c]).tau, Some(1.0));
        // Two sentences aligned with one reference sentence tie.
        assert_eq!(agreement(&[a, a]).tau, None);
    }

    #[test]
    fn tau_b_counts_ties() {
        assert_eq!(kendall_tau_b(&[0, 0, 1]), Some(2.0 / (3.0f64 * 2.0).sqrt()));
        assert_eq!(kendall_tau_b(&[3]), None);
        assert_eq!(kendall_tau_b(&[]), None);
    }
}
