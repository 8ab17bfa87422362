//! Context: what the reader's situation makes each sentence and concept worth.
//!
//! A generic summary values what the cluster repeats. A reader rarely wants
//! only that: an analyst asks a question of the story (a *query*), and a
//! reader who saw yesterday's reports wants what is new (the *earlier
//! documents*). Both change what a sentence or a concept is worth, for
//! every method alike, so they live here, in one stage between `represent`
//! and `score`: [`weigh`] turns them into [`Weights`], and the pipeline
//! applies the weights the same way whatever the method:
//!
//! - a sentence of weight 0 is no candidate ([`Weights::restrict`]);
//! - every method's sentence scores are multiplied by the sentence weights
//!   ([`Weights::scale_scores`]);
//! - selectors with values of their own multiply them by the term weights:
//!   concept coverage weighs each concept ([`Weights::concept`]), the
//!   expected-ROUGE selection each term's expected count.
//!
//! # The query
//!
//! Query terms are the query's content stems that occur in the cluster
//! (relevance 1); their expansion is every other content term, relevant in
//! proportion to the share of its sentences that also hold a query term
//! ([`EXPANSION`] of it). A concept is worth `1 + QUERY_BOOST × r` times
//! its cluster weight, `r` the larger relevance of its two stems. A
//! sentence's relevance is the share of its content words that are query
//! terms: it is worth `r / r_max` times its score (at least
//! [`LEAST_WORTH`]), `r_max` the cluster's highest relevance, and one
//! below [`MIN_RELEVANCE`] is left out while the relevant ones hold
//! [`FLOOR_BUDGETS`] budgets of words. Tuned on DUC 2006 (50 topics,
//! `precis eval --protocol duc-qf --methods ilp`, jackknifed recall
//! R-1/R-2/SU4): generic 40.97/10.04/14.86; concept boost alone
//! 41.64/10.49/15.31; with the relevance floor 42.22/10.73/15.65 (floor
//! 0.05: 41.73/10.71/15.46, 0.15: 41.73/10.48/15.65; boost 1.5:
//! 42.08/10.68/15.61, 4: 41.88/10.56/15.48; 2, 4 and 8 budgets of relevant
//! words: 42.12/10.65/15.60, 42.10/10.67/15.62, 41.90/10.67/15.57).
//!
//! # Earlier documents
//!
//! The earlier documents are prepared like the cluster (cleaned, split,
//! stemmed) and mapped onto its terms. A concept they contain is worth
//! [`KNOWN_CONCEPT`] of its weight; a sentence that is a near duplicate of
//! one of theirs (the [`Analysis::near_duplicate`] rule) is no candidate,
//! and any other is worth `1 − c` times its score, `c` its highest cosine
//! with an earlier sentence. Measured on the B and C sets of the four DUC
//! 2007 update topics (`precis eval --protocol duc-update --methods ilp`,
//! jackknifed R-2; 8 summaries, so differences under a point are noise):
//! generic 10.63; known concepts removed (worth 0) 7.56, worth 0.5 9.88;
//! with the near-duplicate exclusion, worth 0.5 10.89, 0.7 10.99, 0.8
//! 11.15, 0.9 11.06, 1 11.31. Leaving out what the reader has read is what
//! helps; discounting what they know matters little, and removing it hurts
//! (a story's new facts are told in its known words).

use crate::represent::{Analysis, SparseVec, CONTAINMENT, NEAR_DUPLICATE_COSINE};
use crate::select::Candidates;
use rustc_hash::FxHashSet;

/// How much a fully query-relevant concept gains: weight × (1 + boost).
pub const QUERY_BOOST: f64 = 2.0;

/// Relevance of a term that always co-occurs with a query term.
pub const EXPANSION: f64 = 0.5;

/// Sentences whose content words average less relevance than this are left
/// out of a query-focused summary.
pub const MIN_RELEVANCE: f64 = 0.1;

/// What a concept the earlier documents carry is still worth.
pub const KNOWN_CONCEPT: f64 = 0.8;

/// Irrelevant sentences are left out only when the relevant ones hold this
/// many budgets of words (flat from 4 to 8 on both DUC sets).
pub const FLOOR_BUDGETS: f64 = 5.0;

/// What a sentence of no query relevance is still worth, against 1 for the
/// cluster's most relevant sentence.
pub const LEAST_WORTH: f64 = 0.1;

/// The reader's situation, as the pipeline receives it.
#[derive(Debug, Default)]
pub struct Situation<'a> {
    /// The question, if any.
    pub query: Option<&'a str>,
    /// The documents already read, prepared and analysed on their own.
    pub earlier: Option<&'a Analysis>,
}

/// What the situation makes each sentence and term of a cluster worth.
#[derive(Debug, Clone)]
pub struct Weights {
    /// Per sentence: a multiplier of its worth; 0 leaves it out.
    pub sentence: Vec<f64>,
    /// Per term of the cluster's lexicon: a multiplier of the worth of the
    /// concepts and expected words that hold it.
    pub term: Vec<f64>,
    /// Concepts (stem pairs, as cluster term ids) the earlier documents
    /// already carry: worth nothing.
    known: FxHashSet<(u32, u32)>,
    /// Per sentence: query relevance (when there is a query) and highest
    /// cosine with an earlier sentence (when there are earlier documents),
    /// for explanations.
    notes: Vec<Note>,
    /// True when nothing changes any worth.
    neutral: bool,
    /// Things the reader should know, as sentences.
    pub warnings: Vec<String>,
}

/// What the situation said of one sentence.
#[derive(Debug, Clone, Copy, Default)]
struct Note {
    relevance: Option<f64>,
    earlier: Option<f32>,
}

/// The weights of `analysis` in `situation`, for a summary of about
/// `budget_words` words.
pub fn weigh(analysis: &Analysis, situation: &Situation<'_>, budget_words: f64) -> Weights {
    let n = analysis.len();
    let mut w = Weights {
        sentence: vec![1.0; n],
        term: vec![1.0; analysis.lexicon.len()],
        known: FxHashSet::default(),
        notes: vec![Note::default(); n],
        neutral: true,
        warnings: Vec::new(),
    };
    if let Some(query) = situation.query {
        weigh_query(analysis, query, budget_words, &mut w);
    }
    if let Some(earlier) = situation.earlier {
        w.neutral = false;
        weigh_earlier(analysis, earlier, &mut w);
    }
    w
}

impl Weights {
    /// Weights that change nothing.
    pub fn neutral(analysis: &Analysis) -> Weights {
        weigh(analysis, &Situation::default(), 0.0)
    }

    /// True when these weights change nothing.
    pub fn is_neutral(&self) -> bool {
        self.neutral
    }

    /// Leaves out the candidates of weight 0 (and the sentences that would
    /// follow them).
    pub fn restrict(&self, candidates: &mut Candidates) {
        if self.neutral {
            return;
        }
        let keep = |i: usize| self.sentence.get(i).is_none_or(|&w| w > 0.0);
        candidates.indices.retain(|&i| keep(i));
        candidates.after.retain(|&(i, j)| keep(i) && keep(j));
    }

    /// Multiplies each sentence's score by its weight.
    pub fn scale_scores(&self, scores: &mut [f64]) {
        if self.neutral {
            return;
        }
        for (s, w) in scores.iter_mut().zip(&self.sentence) {
            *s *= w;
        }
    }

    /// The multiplier of the concept made of stems `a` and `b`.
    pub fn concept(&self, a: u32, b: u32) -> f64 {
        if self.neutral {
            return 1.0;
        }
        if self.known.contains(&(a, b)) {
            return KNOWN_CONCEPT;
        }
        let w = |t: u32| self.term.get(t as usize).copied().unwrap_or(1.0);
        w(a).max(w(b))
    }

    /// What the situation did to sentence `i`'s worth, in words, or `None`
    /// when nothing.
    pub fn explain(&self, i: usize) -> Option<String> {
        let note = self.notes.get(i)?;
        let mut parts = Vec::new();
        if let Some(r) = note.relevance {
            parts.push(format!("query relevance {r:.2}"));
        }
        if let Some(c) = note.earlier {
            parts.push(format!("closest earlier sentence at cosine {c:.2}"));
        }
        if parts.is_empty() {
            return None;
        }
        Some(format!("{} (worth ×{:.2})", parts.join(", "), self.sentence[i]))
    }
}

/// Query relevance of each term and sentence.
fn weigh_query(analysis: &Analysis, query: &str, budget_words: f64, w: &mut Weights) {
    let mut relevance = vec![0.0f64; analysis.lexicon.len()];
    let mut any = false;
    crate::represent::for_each_word(query, |word| {
        if let Some(t) = analysis.lexicon.find(word) {
            if !analysis.lexicon.is_stop(t) {
                relevance[t as usize] = 1.0;
                any = true;
            }
        }
    });
    if !any {
        // Nothing in the cluster uses the question's words: a generic
        // summary is the best there is.
        w.warnings.push(format!(
            "no content word of the query {query:?} occurs in the documents; the summary is not focused on it"
        ));
        return;
    }
    w.neutral = false;
    // Expansion: the share of each term's sentences that hold a query term.
    let mut with = vec![0u32; relevance.len()];
    let mut all = vec![0u32; relevance.len()];
    for counts in &analysis.counts {
        let hit = counts.entries().iter().any(|&(t, _)| relevance[t as usize] == 1.0);
        for &(t, _) in counts.entries() {
            all[t as usize] += 1;
            with[t as usize] += u32::from(hit);
        }
    }
    for (t, r) in relevance.iter_mut().enumerate() {
        if *r < 1.0 && all[t] >= 2 {
            *r = EXPANSION * f64::from(with[t]) / f64::from(all[t]);
        }
    }
    for (term, r) in w.term.iter_mut().zip(&relevance) {
        *term *= 1.0 + QUERY_BOOST * r;
    }
    let sentence_relevance: Vec<f64> = analysis
        .counts
        .iter()
        .map(|c| {
            let n = c.entries().len().max(1) as f64;
            c.entries().iter().filter(|&&(t, _)| relevance[t as usize] == 1.0).count() as f64 / n
        })
        .collect();
    // Leave out the irrelevant only while enough words remain to choose
    // from.
    let relevant_words: usize = analysis
        .sentences
        .iter()
        .zip(&sentence_relevance)
        .filter(|&(_, &r)| r >= MIN_RELEVANCE)
        .map(|(s, _)| s.words)
        .sum();
    let floor = relevant_words as f64 >= FLOOR_BUDGETS * budget_words;
    let most = sentence_relevance.iter().copied().fold(0.0, f64::max);
    for (i, &r) in sentence_relevance.iter().enumerate() {
        w.notes[i].relevance = Some(r);
        w.sentence[i] *= if floor && r < MIN_RELEVANCE { 0.0 } else { (r / most).max(LEAST_WORTH) };
    }
}

/// What the earlier documents already say.
fn weigh_earlier(analysis: &Analysis, earlier: &Analysis, w: &mut Weights) {
    // Earlier terms as cluster terms (`None` for stems the cluster lacks).
    let map: Vec<Option<u32>> = (0..earlier.lexicon.len() as u32)
        .map(|t| analysis.lexicon.find_stem(earlier.lexicon.stem(t)))
        .collect();
    for toks in &earlier.tokens {
        for pair in toks.windows(2) {
            if pair[0].stop && pair[1].stop {
                continue;
            }
            if let (Some(a), Some(b)) = (map[pair[0].term as usize], map[pair[1].term as usize]) {
                w.known.insert((a, b));
            }
        }
    }
    // Each earlier sentence as a unit tf-idf vector over the cluster's
    // terms, weighted by the cluster's idf; a stem the cluster lacks counts
    // in the norm at the highest idf.
    let top_idf = analysis.idf.iter().copied().fold(1.0f32, f32::max);
    let vectors: Vec<SparseVec> = earlier
        .counts
        .iter()
        .map(|c| {
            let mut unknown = 0.0f32;
            let mut pairs = Vec::with_capacity(c.entries().len());
            for &(t, n) in c.entries() {
                match map[t as usize] {
                    Some(u) => pairs.push((u, n * analysis.idf[u as usize])),
                    None => unknown += (n * top_idf) * (n * top_idf),
                }
            }
            let v = SparseVec::from_pairs(pairs);
            let norm = (v.norm() * v.norm() + unknown).sqrt();
            let entries: Vec<(u32, f32)> = v
                .entries()
                .iter()
                .map(|&(t, x)| (t, if norm > 0.0 { x / norm } else { 0.0 }))
                .collect();
            SparseVec::from_pairs(entries)
        })
        .collect();
    // Postings of the earlier vectors, so each sentence meets only the
    // earlier sentences it shares a term with.
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); analysis.lexicon.len()];
    for (k, v) in vectors.iter().enumerate() {
        for &(t, x) in v.entries() {
            postings[t as usize].push((k as u32, x));
        }
    }
    // Content words of each earlier sentence, the cluster's or not.
    let sizes: Vec<usize> = earlier.counts.iter().map(|c| c.entries().len()).collect();
    let mut acc = vec![0.0f32; vectors.len()];
    let mut shared = vec![0u32; vectors.len()];
    let mut touched = Vec::new();
    for (i, v) in analysis.vectors.iter().enumerate() {
        for &(t, x) in v.entries() {
            for &(k, y) in &postings[t as usize] {
                if shared[k as usize] == 0 {
                    touched.push(k as usize);
                }
                acc[k as usize] += x * y;
                shared[k as usize] += 1;
            }
        }
        let mut best = 0.0f32;
        let mut repeat = false;
        for &k in &touched {
            best = best.max(acc[k]);
            // The containment half of the near-duplicate rule: almost all
            // the shorter sentence's content words in the other.
            let smaller = v.entries().len().min(sizes[k]);
            repeat |= smaller >= 4 && shared[k] as f32 >= CONTAINMENT * smaller as f32;
            acc[k] = 0.0;
            shared[k] = 0;
        }
        touched.clear();
        repeat |= best >= NEAR_DUPLICATE_COSINE;
        w.notes[i].earlier = Some(best);
        w.sentence[i] *= if repeat { 0.0 } else { f64::from(1.0 - best) };
    }
}

#[cfg(test)]
mod tests;
