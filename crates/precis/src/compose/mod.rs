//! Compose: turn the selected sentences into a summary a person reads.
//!
//! Selection decides *which* sentences; composing decides how they are
//! presented: the reading order ([`reading_order`]), the sentence cut to
//! fill the budget in fill mode ([`cut`]), and the other documents that
//! carry each sentence's content ([`provenance`]). It reads the prepared
//! cluster and the selection, and writes the [`Summary`] every renderer
//! prints.

mod cut;
mod order;
mod provenance;

pub use order::reading_order;
pub use provenance::provenance;

use crate::select::{Budget, Selection};
use crate::summary::{Method, Summary, SummarySentence};
use crate::Prepared;

/// What composing needs to know besides the selection.
#[derive(Clone, Copy)]
pub struct Compose<'a> {
    /// The budget the summary respects (the cut sentence is cut to it).
    pub budget: Budget,
    /// The method the user asked for, reported in the summary.
    pub method: Method,
    /// Each sentence's score, reported in the summary (0 for sentences
    /// beyond its end).
    pub scores: &'a [f64],
    /// An account of sentence `i`'s score, when explanations were asked for.
    pub explain: Option<&'a dyn Fn(usize) -> String>,
}

/// Composes the summary of `prepared` from `selection`.
pub fn compose(prepared: &Prepared, selection: &Selection, with: &Compose<'_>) -> Summary {
    let analysis = &prepared.analysis;
    let budget = with.budget;
    let mut picks = selection.picks.clone();
    reading_order(analysis, &mut picks);
    let provenance = provenance(analysis, &picks);
    let full_cost: usize = picks.iter().map(|&i| budget.cost(&analysis.sentences[i])).sum();
    let mut sentences = Vec::with_capacity(picks.len());
    for (&i, prov) in picks.iter().zip(provenance) {
        let s = &analysis.sentences[i];
        let (text, span, cut) = if selection.cut == Some(i) {
            let others = full_cost - budget.cost(s);
            let Some(kept) = cut::cut_to_fit(s, &prepared.doc_texts[s.doc], &budget, others) else {
                continue;
            };
            kept
        } else {
            (s.text.clone(), s.span, false)
        };
        sentences.push(SummarySentence {
            text,
            document: prepared.doc_ids[s.doc].clone(),
            span,
            score: with.scores.get(i).copied().unwrap_or(0.0),
            provenance: prov.into_iter().map(|d| prepared.doc_ids[d].clone()).collect(),
            cut,
            explain: with.explain.map(|explain| explain(i)),
        });
    }
    Summary {
        id: prepared.id.clone(),
        method: with.method,
        budget,
        sentences,
        warnings: prepared.warnings.clone(),
    }
}
