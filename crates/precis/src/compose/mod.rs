//! Compose: turn the selected sentences into a summary a person reads.
//!
//! Selection decides *which* sentences; composing decides how they are
//! presented: the reading order ([`reading_order`]), the sentence cut to
//! fill the budget in fill mode (`cut`), the other documents that
//! carry each sentence's content ([`provenance`]) and the summary's
//! headline ([`title`]). It reads the prepared
//! cluster and the selection, and writes the [`Summary`] every renderer
//! prints.

mod cut;
pub mod explain;
pub mod lead;
mod order;
mod provenance;
pub mod title;

pub use order::{arrange, reading_order};
pub use provenance::{carries, provenance, same_fact};

use crate::score::Account;
use crate::select::{Budget, Candidates, Selection, Unit};
use crate::summary::{Method, Summary, SummarySentence};
use crate::Prepared;
use explain::{LeadChoice, Swap};
use lead::Leads;

/// What composing needs to know besides the selection.
#[derive(Clone, Copy)]
pub struct Compose<'a> {
    /// The budget the summary respects (the cut sentence is cut to it).
    pub budget: Budget,
    /// The method the user asked for, reported in the summary.
    pub method: Method,
    /// The sentences the method could pick from.
    pub candidates: &'a Candidates,
    /// Each sentence's score, reported in the summary (0 for sentences
    /// beyond its end).
    pub scores: &'a [f64],
    /// The method's account of sentence `i`'s score and what the reader's
    /// situation did to it, when explanations were asked for.
    pub explain: Option<&'a dyn Fn(usize) -> (Account, Option<String>)>,
}

/// Composes the summary of `prepared` from `selection`.
pub fn compose(prepared: &Prepared, selection: &Selection, with: &Compose<'_>) -> Summary {
    let analysis = &prepared.analysis;
    let budget = with.budget;
    // When nothing fits the budget, fill mode still promises a summary:
    // the best candidate, cut to fit.
    let fallback;
    let selection = match fill_fallback(selection, with) {
        Some(f) => {
            fallback = f;
            &fallback
        }
        None => selection,
    };
    let leads = Leads::new(analysis);
    let (selection, lead_choice) = place_lead(analysis, &leads, selection, with);
    let lead = lead_choice.as_ref().map(|l| l.sentence);
    let cut = selection.cut;
    // A sentence leans on the one before it in its article when it cannot
    // open a summary ("He said ...") or the candidates pair them (a
    // quotation opened in one and closed in the next).
    let after = &with.candidates.after;
    let leans = |p: usize, i: usize| {
        leads.fault(analysis, i).is_some() || after.contains(&(i, p)) || after.contains(&(p, i))
    };
    let picks = arrange(
        analysis,
        &prepared.doc_ids,
        &selection.picks,
        lead,
        cut,
        &|i| leads.event(i),
        &leans,
    );
    let picks = cut::within(analysis, &budget, picks);
    let places = with
        .explain
        .map(|_| explain::places(analysis, &budget, &leads, &picks, lead_choice, &leans));
    let provenance = provenance(analysis, &picks);
    let title = title::title(prepared, &picks);
    let mut sentences = Vec::with_capacity(picks.len());
    let mut used = 0;
    for (k, (&i, prov)) in picks.iter().zip(provenance).enumerate() {
        let s = &analysis.sentences[i];
        let (text, span, cut) = if used + budget.cost(s) > budget.capacity() {
            let Some(kept) = cut::cut_to_fit(s, &prepared.doc_texts[s.doc], &budget, used) else {
                continue;
            };
            kept
        } else {
            (s.text.clone(), s.span, false)
        };
        used += budget.cost(s);
        let score = with.scores.get(i).copied().unwrap_or(0.0);
        let explain = with.explain.zip(places.as_ref()).map(|(explain, places)| {
            let (account, context) = explain(i);
            let near = explain::near_duplicates(prepared, with.candidates, &picks, i);
            explain::explanation(account, score, context, near, places[k].clone())
        });
        sentences.push(SummarySentence {
            text,
            document: prepared.doc_ids[s.doc].clone(),
            span,
            score,
            provenance: prov.into_iter().map(|d| prepared.doc_ids[d].clone()).collect(),
            cut,
            explain,
        });
    }
    let mut warnings = prepared.warnings.clone();
    if sentences.iter().all(|s| s.cut) {
        warnings.push(no_fit_warning(prepared, with, sentences.is_empty()));
    }
    Summary {
        id: prepared.id.clone(),
        title,
        method: with.method,
        budget,
        sentences,
        warnings,
        off_event: prepared.off_event_report(),
    }
}

/// The lead (see [`lead`]) and the selection around it. The lead is the
/// selected sentence that can open and is most about the main event, among
/// those that are the first selected of their article able to open (so one
/// article's sentences keep their order, except that picks which cannot
/// open and stand before the lead in its article follow it), or a candidate that says the same as one of
/// them (which of two near-duplicates a selector kept can hang on the order
/// the documents came in, and the lead must not), swapped for it when it
/// fits. When none can open, the first selected sentence of an article with
/// the mildest fault ([`Leads::most_central`]) would lead; a candidate that
/// can open, is at least as much about the main event and fits in its place
/// stands in for it (the best such), so that a short summary whose picks
/// all lean on something still opens like a news brief. Only when there is
/// no such candidate does the faulty sentence lead. In fill mode the
/// sentence the selector cuts is never the lead: it comes last, where the
/// selector's objective (ROUGE's `-l` cut) counts its words. The selection
/// is otherwise kept, so ROUGE moves only where no pick can open.
fn place_lead(
    analysis: &crate::represent::Analysis,
    leads: &Leads,
    selection: &Selection,
    with: &Compose<'_>,
) -> (Selection, Option<LeadChoice>) {
    let budget = with.budget;
    let cost = |i: usize| budget.cost(&analysis.sentences[i]);
    let whole: Vec<usize> =
        selection.picks.iter().copied().filter(|&i| Some(i) != selection.cut).collect();
    // Picks of `i`'s article before it; `opener` keeps those that could
    // open a summary.
    let earlier_pick = |i: usize, opener: bool| {
        let s = &analysis.sentences[i];
        selection.picks.iter().any(|&p| {
            let q = &analysis.sentences[p];
            q.doc == s.doc
                && q.position < s.position
                && (!opener || leads.fault(analysis, p).is_none())
        })
    };
    let firsts: Vec<usize> = whole.iter().copied().filter(|&i| !earlier_pick(i, false)).collect();
    if firsts.is_empty() {
        return (selection.clone(), None);
    }
    // A sentence may lead when no earlier pick of its article could: the
    // picks before it lean on something ("Kerry's meeting ..." before the
    // sentence that introduces John Kerry), so they follow it.
    let may_lead: Vec<usize> = whole.iter().copied().filter(|&i| !earlier_pick(i, true)).collect();
    let used: usize = selection.picks.iter().map(|&i| cost(i)).sum();
    let room = budget.capacity().saturating_sub(used);
    // Candidates that say the same as a first pick, fit in its place, would
    // be the first selected of their own article, and repeat none of the
    // other picks (near duplicates are not transitive).
    let twin_of = |j: usize| {
        may_lead.iter().copied().find(|&p| {
            p != j
                && cost(j) <= cost(p) + room
                && analysis.near_duplicate(p, j)
                && selection
                    .picks
                    .iter()
                    .all(|&o| o == p || o == j || !analysis.near_duplicate(o, j))
        })
    };
    let mut among = may_lead.clone();
    among.extend(with.candidates.indices.iter().copied().filter(|&j| {
        !selection.picks.contains(&j) && !earlier_pick(j, true) && twin_of(j).is_some()
    }));
    let swap = |out: usize, lead: usize, swap: Swap| {
        let picks = selection.picks.iter().map(|&i| if i == out { lead } else { i }).collect();
        (
            Selection { picks, cut: selection.cut },
            Some(LeadChoice { sentence: lead, swap: Some(swap) }),
        )
    };
    let Some(lead) = leads.best(analysis, &among) else {
        let faulty = leads.most_central(analysis, &firsts);
        // Candidates that would be the first opener of their article, fit
        // in the faulty sentence's place, say at least as much about the
        // main event and repeat none of the other picks; `best` keeps those
        // that can open.
        let stand_in = with
            .candidates
            .indices
            .iter()
            .copied()
            .filter(|&j| {
                !selection.picks.contains(&j)
                    && !earlier_pick(j, true)
                    && cost(j) <= cost(faulty) + room
                    && leads.event(j) >= leads.event(faulty)
                    && selection
                        .picks
                        .iter()
                        .all(|&o| o == faulty || !analysis.near_duplicate(o, j))
            })
            .collect::<Vec<usize>>();
        return match leads.best(analysis, &stand_in) {
            Some(j) => swap(faulty, j, Swap::StandIn),
            None => (selection.clone(), Some(LeadChoice { sentence: faulty, swap: None })),
        };
    };
    match twin_of(lead).filter(|_| !selection.picks.contains(&lead)) {
        Some(p) => swap(p, lead, Swap::Twin),
        None => (selection.clone(), Some(LeadChoice { sentence: lead, swap: None })),
    }
}

/// In fill mode, when the selector picked nothing (no candidate fits whole
/// and it cannot cut one), the highest-scoring candidate, marked to be cut.
fn fill_fallback(selection: &Selection, with: &Compose<'_>) -> Option<Selection> {
    if !with.budget.fill || !selection.picks.is_empty() {
        return None;
    }
    let score = |i: usize| with.scores.get(i).copied().unwrap_or(0.0);
    // The first of equals, so the choice is the same on every run.
    let best = with.candidates.indices.iter().copied().reduce(|best, i| {
        if score(i) > score(best) {
            i
        } else {
            best
        }
    })?;
    Some(Selection { picks: vec![best], cut: Some(best) })
}

/// Why a summary holds no whole sentence, and what to do about it.
fn no_fit_warning(prepared: &Prepared, with: &Compose<'_>, empty: bool) -> String {
    let budget = with.budget;
    let unit = match budget.unit {
        Unit::Words => "words",
        Unit::Bytes => "bytes",
        Unit::Sentences => "sentences",
    };
    let shortest = with
        .candidates
        .indices
        .iter()
        .map(|&i| budget.cost(&prepared.analysis.sentences[i]))
        .min()
        // A byte cost counts the separator before the sentence.
        .map(|c| if budget.unit == Unit::Bytes { c - 1 } else { c });
    let Some(shortest) = shortest else {
        return format!(
            "the summary is empty: none of the cluster's {} sentences has a content word",
            prepared.analysis.len()
        );
    };
    let why = format!(
        "no sentence fits the budget of {} {unit}: the shortest eligible sentence has {shortest} {unit}",
        budget.limit
    );
    if empty && budget.fill {
        format!("{why}, and not even its first word fits; the summary is empty")
    } else if empty {
        format!("{why}, so the summary is empty; raise the budget, or use fill mode (--fill) to cut a sentence to fit")
    } else {
        format!("{why}; the summary is the start of one, cut to fit")
    }
}

#[cfg(test)]
pub(crate) mod tests;
