//! `--explain`: why each sentence of a summary is in it, and why it stands
//! where it does, as structured fields and in words made from them.
//!
//! An [`Explanation`] has three parts. The method's account of the score
//! ([`crate::score::Account`]: what the score measures and the largest weighted
//! contributions to it, from the method's row in `summarize.rs`); the
//! redundancy it avoided (candidate sentences left out as near-duplicates of
//! it); and its place in the reading order (the rule of
//! [`super::arrange`] or of the lead that put it there). `text` says the
//! same in sentences a reader reads; the text and Markdown printers print
//! it, and the JSON carries both.

use super::lead::Leads;
use crate::represent::Analysis;
use crate::score::{Account, Contribution};
use crate::select::{Budget, Candidates};
use crate::Prepared;
use serde::{Deserialize, Serialize};

/// Candidate near-duplicates listed per summary sentence, most similar first.
const MAX_NEAR_DUPLICATES: usize = 2;

/// Contributions listed per summary sentence, largest first.
pub(crate) const MAX_CONTRIBUTIONS: usize = 4;

/// Characters of a left-out sentence quoted in the words.
const QUOTED_CHARS: usize = 70;

/// Why a sentence is in a summary, and why it stands where it does.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The whole account in words, made from the fields below (what the
    /// text and Markdown output print).
    pub text: String,
    /// What the sentence's score measures, in words.
    pub scored_by: String,
    /// The sentence's score.
    pub score: f64,
    /// The largest contributions to the score, largest first (at most
    /// four); empty when the method has no parts to show.
    pub contributions: Vec<Contribution>,
    /// What the reader's situation (a query, documents already read) did
    /// to the sentence's worth, when anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Candidate sentences left out of the summary as near-duplicates of
    /// this one, most similar first.
    pub near_duplicates: Vec<NearDuplicate>,
    /// Why the sentence stands where it does.
    pub place: Place,
}

/// A candidate sentence left out because it says what a summary sentence
/// says.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    /// The document it is in.
    pub document: String,
    /// Its text.
    pub text: String,
    /// Cosine similarity of the two sentences' tf-idf vectors.
    pub similarity: f64,
}

/// Where a sentence stands in the summary and which rule put it there.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// 1-based position in the summary.
    pub position: usize,
    /// The rule.
    pub rule: PlaceRule,
    /// The rule applied to this sentence, in words.
    pub reason: String,
}

/// The rules of the reading order (see [`super::arrange`] and [`super::lead`]).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceRule {
    /// The lead: it can open a news brief and is the selected sentence
    /// most about the cluster's main event.
    Lead,
    /// The lead, though it cannot open (no selected sentence can).
    LeadByDefault,
    /// It stands before the lead in the lead's article but cannot open, so
    /// it follows the lead.
    BeforeLead,
    /// It leans on the sentence before it, which stands right before it in
    /// its article.
    LeansOnPrevious,
    /// Sentences earlier in their articles (the main event) come before
    /// later ones (background).
    ArticlePosition,
    /// At the same place in their articles, earlier articles come first.
    Date,
    /// At the same place and date, sentences more about the main event
    /// come first.
    MainEvent,
    /// It was cut to fit the budget, so it comes last.
    Cut,
}

/// Builds the explanation of one summary sentence and its words.
pub(super) fn explanation(
    account: Account,
    score: f64,
    context: Option<String>,
    near_duplicates: Vec<NearDuplicate>,
    place: Place,
) -> Explanation {
    let mut contributions = account.contributions;
    contributions.retain(|c| c.contribution != 0.0 && c.contribution.is_finite());
    contributions.sort_by(|a, b| {
        b.contribution
            .abs()
            .total_cmp(&a.contribution.abs())
            .then_with(|| a.feature.cmp(&b.feature))
    });
    contributions.truncate(MAX_CONTRIBUTIONS);
    let mut near_duplicates = near_duplicates;
    near_duplicates.truncate(MAX_NEAR_DUPLICATES);
    let mut text = format!("Score {}: {}.", number(score), account.scored_by);
    if !contributions.is_empty() {
        let parts: Vec<String> = contributions
            .iter()
            .map(|c| {
                let sign = if c.contribution < 0.0 { "" } else { "+" };
                format!("{} {sign}{}", c.label, number(c.contribution))
            })
            .collect();
        text.push_str(&format!(" Largest contributions: {}.", parts.join("; ")));
    }
    if let Some(context) = &context {
        text.push_str(&format!(" For this reader: {context}."));
    }
    if !near_duplicates.is_empty() {
        let quoted: Vec<String> = near_duplicates
            .iter()
            .map(|d| format!("\"{}\" ({}, cosine {:.2})", quote(&d.text), d.document, d.similarity))
            .collect();
        let what = if quoted.len() == 1 { "a near-duplicate" } else { "near-duplicates" };
        text.push_str(&format!(" It stands in for {what} left out: {}.", quoted.join("; ")));
    }
    text.push_str(&format!(" Place {}: {}.", place.position, place.reason));
    Explanation {
        text,
        scored_by: account.scored_by,
        score,
        contributions,
        context,
        near_duplicates,
        place,
    }
}

/// A score or part of one: whole numbers as such, others to 3 decimals.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e9 {
        format!("{x:.0}")
    } else {
        format!("{x:.3}")
    }
}

/// The start of `text`, cut at a word, with "…" when cut.
fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTED_CHARS {
        return text.to_owned();
    }
    let end = text.char_indices().nth(QUOTED_CHARS).map_or(text.len(), |(k, _)| k);
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}\u{2026}", text[..cut].trim_end())
}

/// How the lead was chosen, as [`super::compose`] saw it.
pub(super) struct LeadChoice {
    /// The lead sentence.
    pub sentence: usize,
    /// Whether it took the place of a sentence the method selected, and why.
    pub swap: Option<Swap>,
}

/// Why the lead took the place of a sentence the method selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Swap {
    /// The selected sentence was a near-duplicate of the lead.
    Twin,
    /// No selected sentence could open; the lead stands in for the one
    /// that would have led.
    StandIn,
}

/// The place of each sentence of `picks` (in reading order) and the rule
/// that put it there, as [`super::arrange`] applies them.
pub(super) fn places(
    analysis: &Analysis,
    budget: &Budget,
    leads: &Leads,
    picks: &[usize],
    lead: Option<LeadChoice>,
    leans: &dyn Fn(usize, usize) -> bool,
) -> Vec<Place> {
    let sentences = &analysis.sentences;
    let total: usize = picks.iter().map(|&i| budget.cost(&sentences[i])).sum();
    let cut_last = budget.fill && total > budget.capacity();
    let date = |i: usize| analysis.doc_dates.get(sentences[i].doc).copied().flatten();
    // The sentence that began the previous run of the order.
    let mut run_start: Option<usize> = None;
    let mut places = Vec::with_capacity(picks.len());
    for (k, &i) in picks.iter().enumerate() {
        let s = &sentences[i];
        let nth = s.position + 1;
        let (rule, reason) = match &lead {
            Some(l) if l.sentence == i => lead_reason(analysis, leads, l),
            _ if cut_last && k + 1 == picks.len() => (
                PlaceRule::Cut,
                "last, because it runs past the budget and is cut there (fill mode)".to_owned(),
            ),
            Some(l)
                if sentences[l.sentence].doc == s.doc
                    && s.position < sentences[l.sentence].position =>
            {
                let fault = leads.fault(analysis, i).map_or("cannot open", |f| f.describe());
                (
                    PlaceRule::BeforeLead,
                    format!("after the lead, though it stands before it in their article, because it {fault}"),
                )
            }
            _ if k > 0 && {
                let p = &sentences[picks[k - 1]];
                p.doc == s.doc && p.position + 1 == s.position && leans(picks[k - 1], i)
            } =>
            {
                let why = leads.fault(analysis, i).map_or("continues it", |f| f.describe());
                (
                    PlaceRule::LeansOnPrevious,
                    format!("right after the sentence before it in its article, which it leans on: it {why}"),
                )
            }
            _ => {
                let before = run_start.replace(i);
                match before.map(|q| (&sentences[q], q)) {
                    Some((_, q)) if date(q) != date(i) => (
                        PlaceRule::Date,
                        format!("sentence {nth} of its article, after the sentences of articles dated earlier"),
                    ),
                    Some((q, _)) if q.position == s.position => (
                        PlaceRule::MainEvent,
                        format!("sentence {nth} of its article, like the one before it in its own, which is more about the main event"),
                    ),
                    _ => (
                        PlaceRule::ArticlePosition,
                        format!("sentence {nth} of its article: sentences near the top of their articles (the main event) come before those further down (background)"),
                    ),
                }
            }
        };
        places.push(Place { position: k + 1, rule, reason });
    }
    places
}

/// Why the lead leads, in words.
fn lead_reason(analysis: &Analysis, leads: &Leads, l: &LeadChoice) -> (PlaceRule, String) {
    let s = &analysis.sentences[l.sentence];
    let event = leads.event(l.sentence);
    let nth = s.position + 1;
    if l.swap == Some(Swap::StandIn) {
        return (
            PlaceRule::Lead,
            format!(
                "first, because no sentence the method selected can open a news brief, and this one can (it names its actors in full and points back to nothing): it takes the place of the one that would have led, being at least as much about the cluster's main event (event score {event:.2}, sentence {nth} of its article) and fitting in its place"
            ),
        );
    }
    let mut reason = match leads.fault(analysis, l.sentence) {
        None => format!(
            "first, because it can open a news brief (it names its actors in full and points back to nothing) and, of the selected sentences that can, it is the most about the cluster's main event (what most articles open with; event score {event:.2}, sentence {nth} of its article)"
        ),
        Some(fault) => {
            return (
                PlaceRule::LeadByDefault,
                format!(
                    "first, because no selected sentence can open a news brief (this one {}), and of those whose fault reads least badly at the head of a summary (a short form of a name, then a quotation, then a description that names no one, then a word pointing back) it is the most about the cluster's main event",
                    fault.describe()
                ),
            )
        }
    };
    if l.swap == Some(Swap::Twin) {
        reason.push_str(
            "; it takes the place of a near-duplicate the method selected, which could not lead",
        );
    }
    (PlaceRule::Lead, reason)
}

/// Candidates left out of the summary (`picks`) that are near-duplicates
/// of sentence `i`, most similar first.
pub(super) fn near_duplicates(
    prepared: &Prepared,
    candidates: &Candidates,
    picks: &[usize],
    i: usize,
) -> Vec<NearDuplicate> {
    let analysis = &prepared.analysis;
    let mut found: Vec<(f32, usize)> = candidates
        .indices
        .iter()
        .copied()
        .filter(|&j| j != i && !picks.contains(&j) && analysis.near_duplicate(i, j))
        .map(|j| (analysis.vectors[i].cosine(&analysis.vectors[j]), j))
        .collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    found
        .into_iter()
        .take(MAX_NEAR_DUPLICATES)
        .map(|(cosine, j)| {
            let s = &analysis.sentences[j];
            NearDuplicate {
                document: prepared.doc_ids[s.doc].clone(),
                text: s.text.clone(),
                similarity: f64::from(cosine),
            }
        })
        .collect()
}
