//! Off-event documents: which documents of a cluster report another event
//! than the one most of the cluster reports.
//!
//! A cluster handed to a summarizer is often imperfect: a report of an
//! earlier meeting of the same diplomats, or of another storm, shares the
//! cluster's actors and vocabulary but not its facts. Two signals say how
//! far a document shares the facts the other reports share:
//!
//! - **Named things in common.** The names a document uses inside its
//!   sentences (capitalized words that do not open a sentence: people,
//!   places, organizations, days and months) that at least one other
//!   document also uses, as a vector (`1 + ln count`), and the mean cosine
//!   of that vector with every other document's. A report of another event
//!   names other people and places, so its shared names are few and
//!   generic.
//! - **Phrases the others repeat.** The share of a document's content-word
//!   bigrams ("third round", "round talks", "new york") that at least two
//!   other documents also use: the distinctive phrases in which reports of
//!   one event retell the same facts.
//!
//! Each signal is then put relative to the cluster ([`features`]): its ratio
//! to the cluster's median, its z-score, its ratio to the mean of the other
//! documents, whether no document is lower and how far below the next
//! lowest it is; with the two ratios' weighted geometric mean
//! ([`NAME_WEIGHT`]) and whether both are below the median, that makes 14
//! features. A logistic regression ([`WEIGHTS`], [`BIAS`]) turns them into
//! the probability that the document reports the cluster's main event, its
//! `score`; below [`THRESHOLD`] it is off-event. The weights were *learned*
//! from synthetic clusters the detector is not judged on, built the way the
//! development set was (one document of the most similar other cluster
//! inserted): Multi-News training clusters of four or more documents and
//! random subsets of DUC 2006 topics (`scripts/offevent-learn.sh`
//! reproduces them from the shared data). Only the threshold was chosen on
//! the DUC 2003 development set: the best F1 among thresholds that flag at
//! most one clean cluster (figures in `docs/results.md`). Clusters of fewer
//! than three documents with text are left alone: with two, nothing says
//! which one is off.
//!
//! Every flag is reported, but a summary leaves a document's sentences out
//! only on a **confident** flag ([`DocumentVerdict::confident`]): flagged,
//! *and* the two ratios' geometric mean below [`CONFIDENT`] *and* each
//! ratio alone below [`RATIO_LIMIT`], so that the two independent signals
//! agree. One signal at zero is not enough: a short document, a weather
//! table or a list of names can share no phrases (or no names) with the
//! rest while still belonging to the story. On the clean DUC 2003
//! clusters no document is flagged confidently; leaving out every flagged
//! document cost ROUGE there and on Multi-News (`docs/results.md`).
//!
//! The detector is deterministic (no hash-map iteration reaches the result,
//! and no feature depends on the documents' order) and linear in the
//! cluster's tokens plus quadratic in its documents' distinct names, a few
//! milliseconds for a DUC cluster.

use crate::represent::Analysis;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A document of a summary's cluster that reports another event, as the
/// summary's `off_event` list gives it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffEvent {
    /// The document's id.
    pub document: String,
    /// Why it was flagged, in one sentence.
    pub reason: String,
    /// The probability, by the learned model, that it reports the
    /// cluster's main event (flagged below [`THRESHOLD`]).
    pub score: f64,
}

/// A document whose probability of reporting the cluster's main event is
/// below this is off-event: the one value chosen on the DUC 2003
/// development set (best F1 among the thresholds that flag at most one of
/// its 30 clean clusters; `docs/results.md`).
pub const THRESHOLD: f64 = 0.605;

/// A flag is confident (the document's sentences are left out of
/// summaries) when, besides, the two signals' combined ratio to the
/// cluster's medians is below this and each ratio alone below
/// [`RATIO_LIMIT`]: the rule of the hand-set detector this one replaced,
/// under which no clean DUC 2003 cluster and 4 of 996 Multi-News val
/// clusters lost a document.
pub const CONFIDENT: f64 = 0.225;

/// Each signal's ratio to the cluster's median must be below this for a
/// confident flag.
pub const RATIO_LIMIT: f64 = 0.45;

/// Weight of the named-things ratio in the combined ratio (a weighted
/// geometric mean); the phrase ratio has the rest.
pub const NAME_WEIGHT: f64 = 0.75;

/// The logistic regression's intercept (`scripts/offevent-learn.sh`).
pub const BIAS: f64 = -2.297628374573603;

/// The logistic regression's weights, one per feature of [`features`], in
/// its order; a positive weight makes a document more likely off-event.
/// Fitted by `scripts/offevent_learn.py` (scikit-learn, C = 1, features
/// standardized and the scaling folded in here) on 86,037 documents of
/// synthetic clusters, 7,902 of them inserted.
pub const WEIGHTS: [f64; N_FEATURES] = [
    -0.7888400309589411,  // names: value
    -0.943439877615721,   // names: ratio to the median
    -0.9191636227415008,  // names: z-score
    0.534506547498325,    // names: ratio to the others' mean
    0.3725874451498955,   // names: no document lower
    0.009930287204807202, // names: gap below the next lowest
    -14.663649325483,     // phrases: value
    -1.1808310797415122,  // phrases: ratio to the median
    -1.0816662500630876,  // phrases: z-score
    0.2219070425671828,   // phrases: ratio to the others' mean
    -0.49210895988677933, // phrases: no document lower
    -0.03369051233994639, // phrases: gap below the next lowest
    1.3502227014099022,   // combined ratio
    -1.0907457763544322,  // both ratios below the median
];

/// How many features [`features`] gives a document.
pub const N_FEATURES: usize = 14;

/// Fewest documents with text for which documents are judged.
const MIN_DOCUMENTS: usize = 3;

/// Other documents that must share a bigram for it to count as a repeated
/// phrase.
const PHRASE_SUPPORT: u32 = 2;

/// The verdict on one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentVerdict {
    /// Index of the document in the cluster.
    pub doc: usize,
    /// Mean cosine of its shared names with the other documents'.
    pub names: f64,
    /// Share of its content bigrams that two other documents use.
    pub phrases: f64,
    /// Its named-things overlap as a ratio to the cluster's median.
    pub names_ratio: f64,
    /// Its repeated-phrase share as a ratio to the cluster's median.
    pub phrases_ratio: f64,
    /// The two ratios' weighted geometric mean ([`NAME_WEIGHT`]).
    pub combined: f64,
    /// The probability, by the learned model, that it reports the
    /// cluster's main event.
    pub score: f64,
    /// Whether it is off-event (`score < THRESHOLD`, in a cluster of at
    /// least three documents): reported in every summary's `off_event`
    /// list.
    pub off_event: bool,
    /// Whether the flag is confident: off-event, `combined < CONFIDENT`
    /// and both ratios below [`RATIO_LIMIT`]. Only these documents'
    /// sentences are left out of summaries.
    pub confident: bool,
}

/// Judges every document of `analysis` that has a sentence; documents
/// without one get no verdict. Verdicts are in document order.
pub fn detect(analysis: &Analysis) -> Vec<DocumentVerdict> {
    let n_docs = analysis.n_docs;
    let mut has_text = vec![false; n_docs];
    for s in &analysis.sentences {
        has_text[s.doc] = true;
    }
    let docs: Vec<usize> = (0..n_docs).filter(|&d| has_text[d]).collect();
    let names = name_similarity(analysis, &docs);
    let phrases = phrase_support(analysis, &docs);
    let judge = docs.len() >= MIN_DOCUMENTS;
    features(&names, &phrases)
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let (names_ratio, phrases_ratio, combined) = (f[1], f[7], f[12]);
            let logit = BIAS + WEIGHTS.iter().zip(f).map(|(w, x)| w * x).sum::<f64>();
            let score = 1.0 / (1.0 + logit.exp());
            let off_event = judge && score < THRESHOLD;
            DocumentVerdict {
                doc: docs[k],
                names: names[k],
                phrases: phrases[k],
                names_ratio,
                phrases_ratio,
                combined,
                score,
                off_event,
                confident: off_event
                    && combined < CONFIDENT
                    && names_ratio < RATIO_LIMIT
                    && phrases_ratio < RATIO_LIMIT,
            }
        })
        .collect()
}

/// The features of each document, from the two signals' values (parallel
/// slices, one entry a document): for each signal its value, its ratio to
/// the cluster's median (1 when the median is 0), its z-score (0 when all
/// are equal), its ratio to the mean of the other documents (1 when that is
/// 0), 1 when no other document is lower, and how far the next lowest is
/// above it, over the median (0 unless it is the lowest); then the two
/// ratios' weighted geometric mean and 1 when both are below 1. The same
/// as `features` in `scripts/offevent_learn.py`.
pub fn features(names: &[f64], phrases: &[f64]) -> Vec<[f64; N_FEATURES]> {
    let (names, phrases) = (relative(names), relative(phrases));
    names
        .iter()
        .zip(&phrases)
        .map(|(a, b)| {
            let mut f = [0.0; N_FEATURES];
            f[..6].copy_from_slice(a);
            f[6..12].copy_from_slice(b);
            f[12] = a[1].powf(NAME_WEIGHT) * b[1].powf(1.0 - NAME_WEIGHT);
            f[13] = if a[1] < 1.0 && b[1] < 1.0 { 1.0 } else { 0.0 };
            f
        })
        .collect()
}

/// One signal's six features for each document, relative to the others.
fn relative(x: &[f64]) -> Vec<[f64; 6]> {
    let n = x.len();
    let med = median(x);
    let sum: f64 = x.iter().sum();
    let mean = sum / n.max(1) as f64;
    let std = (x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n.max(1) as f64).sqrt();
    x.iter()
        .enumerate()
        .map(|(i, &v)| {
            let ratio = if med > 0.0 { v / med } else { 1.0 };
            let z = if std > 1e-12 { (v - mean) / std } else { 0.0 };
            let rest = if n > 1 { (sum - v) / (n - 1) as f64 } else { 0.0 };
            let rest_ratio = if rest > 0.0 { v / rest } else { 1.0 };
            let others = x
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, &o)| o)
                .fold(f64::INFINITY, f64::min);
            let lowest = others.is_finite() && v <= others;
            let gap = if lowest { (others - v) / if med > 0.0 { med } else { 1.0 } } else { 0.0 };
            [v, ratio, z, rest_ratio, if lowest { 1.0 } else { 0.0 }, gap]
        })
        .collect()
}

/// The baseline the detector is measured against: for each document with
/// text (in document order), the cosine between its tf-idf vector (content
/// terms, the analysis' idf) and the sum of every other document's.
pub fn leave_one_out_cosine(analysis: &Analysis) -> Vec<(usize, f64)> {
    let n_terms = analysis.idf.len();
    let mut docs: Vec<Vec<(u32, f64)>> = vec![Vec::new(); analysis.n_docs];
    let mut has_text = vec![false; analysis.n_docs];
    let mut total = vec![0.0f64; n_terms];
    for (s, counts) in analysis.sentences.iter().zip(&analysis.counts) {
        has_text[s.doc] = true;
        for &(term, n) in counts.entries() {
            let x = f64::from(n) * f64::from(analysis.idf[term as usize]);
            docs[s.doc].push((term, x));
            total[term as usize] += x;
        }
    }
    let total_sq: f64 = total.iter().map(|x| x * x).sum();
    (0..analysis.n_docs)
        .filter(|&d| has_text[d])
        .map(|d| {
            // The document's vector, repeated terms summed.
            let v = &mut docs[d];
            v.sort_unstable_by_key(|p| p.0);
            let mut own: Vec<(u32, f64)> = Vec::with_capacity(v.len());
            for &(t, x) in v.iter() {
                match own.last_mut() {
                    Some((last, y)) if *last == t => *y += x,
                    _ => own.push((t, x)),
                }
            }
            let own_sq: f64 = own.iter().map(|(_, x)| x * x).sum();
            let own_total: f64 = own.iter().map(|&(t, x)| x * total[t as usize]).sum();
            // d · (T − d) and |T − d|², from |T|², d · T and |d|².
            let dot = own_total - own_sq;
            let rest_sq = (total_sq - 2.0 * own_total + own_sq).max(0.0);
            let norm = (own_sq * rest_sq).sqrt();
            (d, if norm > 0.0 { dot / norm } else { 0.0 })
        })
        .collect()
}

/// A one-line reason for a flagged document, for `--explain` and the
/// output record.
pub fn reason(verdict: &DocumentVerdict) -> String {
    let what = if verdict.confident {
        format!(
            "a confident flag (the two signals together below {CONFIDENT} of the median and \
             each below {RATIO_LIMIT}): its sentences are left out unless --keep-off-event"
        )
    } else {
        format!(
            "not a confident flag (that needs the two signals together below {CONFIDENT} of the \
             median and each below {RATIO_LIMIT}): its sentences may still be used"
        )
    };
    format!(
        "shares few of the names and phrases the other reports share: named-things overlap \
         {:.2} ({:.2} of the median) and repeated phrases {:.0}% ({:.2} of the median), so the \
         learned model puts the chance that it reports the cluster's event at {:.2} (below \
         {THRESHOLD}); {what}",
        verdict.names,
        verdict.names_ratio,
        100.0 * verdict.phrases,
        verdict.phrases_ratio,
        verdict.score
    )
}

/// For each document of `docs`, the mean cosine between its shared-name
/// vector and every other document's.
fn name_similarity(analysis: &Analysis, docs: &[usize]) -> Vec<f64> {
    let mut slot = vec![usize::MAX; analysis.n_docs];
    for (k, &d) in docs.iter().enumerate() {
        slot[d] = k;
    }
    // The names (term ids) of each document, one entry a mention.
    let mut mentions: Vec<Vec<u32>> = vec![Vec::new(); docs.len()];
    for (s, tokens) in analysis.sentences.iter().zip(&analysis.tokens) {
        let k = slot[s.doc];
        if k == usize::MAX {
            continue;
        }
        let words: Vec<&str> = s.norm.split(' ').collect();
        for t in tokens {
            if t.stop || t.word == 0 {
                continue;
            }
            let Some(word) = words.get(t.word as usize) else { continue };
            let first = word.chars().find(|c| c.is_alphanumeric());
            if first.is_some_and(char::is_uppercase) {
                mentions[k].push(t.term);
            }
        }
    }
    // (name, count) per document, sorted by name.
    let counts: Vec<Vec<(u32, u32)>> = mentions
        .iter_mut()
        .map(|m| {
            m.sort_unstable();
            let mut c: Vec<(u32, u32)> = Vec::new();
            for &term in m.iter() {
                match c.last_mut() {
                    Some((last, n)) if *last == term => *n += 1,
                    _ => c.push((term, 1)),
                }
            }
            c
        })
        .collect();
    let mut doc_freq: FxHashMap<u32, u32> = FxHashMap::default();
    for &(term, _) in counts.iter().flatten() {
        *doc_freq.entry(term).or_default() += 1;
    }
    // Unit vectors over the names another document shares, sorted by term
    // so that dot products merge in order.
    let vectors: Vec<Vec<(u32, f64)>> = counts
        .iter()
        .map(|c| {
            let mut v: Vec<(u32, f64)> = c
                .iter()
                .filter(|(term, _)| doc_freq[term] >= 2)
                .map(|&(term, n)| (term, 1.0 + f64::from(n).ln()))
                .collect();
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, x)| *x /= norm);
            }
            v
        })
        .collect();
    let n = docs.len();
    let mut sums = vec![0.0; n];
    for i in 0..n {
        for j in i + 1..n {
            let c = dot(&vectors[i], &vectors[j]);
            sums[i] += c;
            sums[j] += c;
        }
    }
    sums.iter().map(|s| if n > 1 { s / (n - 1) as f64 } else { 0.0 }).collect()
}

/// Dot product of two sparse vectors sorted by index.
fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    crate::represent::merge_dot(a, b).0
}

/// For each document of `docs`, the share of its distinct content-word
/// bigrams (stopwords skipped, within a sentence) that at least
/// [`PHRASE_SUPPORT`] other documents use.
fn phrase_support(analysis: &Analysis, docs: &[usize]) -> Vec<f64> {
    let mut slot = vec![usize::MAX; analysis.n_docs];
    for (k, &d) in docs.iter().enumerate() {
        slot[d] = k;
    }
    let mut bigrams: Vec<Vec<u64>> = vec![Vec::new(); docs.len()];
    for (s, tokens) in analysis.sentences.iter().zip(&analysis.tokens) {
        let k = slot[s.doc];
        if k == usize::MAX {
            continue;
        }
        let mut previous: Option<u32> = None;
        for t in tokens.iter().filter(|t| !t.stop) {
            if let Some(p) = previous {
                bigrams[k].push(u64::from(p) << 32 | u64::from(t.term));
            }
            previous = Some(t.term);
        }
    }
    let mut doc_freq: FxHashMap<u64, u32> = FxHashMap::default();
    for b in &mut bigrams {
        b.sort_unstable();
        b.dedup();
        for &g in b.iter() {
            *doc_freq.entry(g).or_default() += 1;
        }
    }
    bigrams
        .iter()
        .map(|b| {
            if b.is_empty() {
                return 0.0;
            }
            let shared = b.iter().filter(|g| doc_freq[g] > PHRASE_SUPPORT).count();
            shared as f64 / b.len() as f64
        })
        .collect()
}

/// The median (the mean of the middle two for an even count); 0 when empty.
fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{prepare, Cluster, Document};

    /// Five reports of one harbour fire and one of a different fire in a
    /// nearby town that shares the fire service's vocabulary.
    fn harbour() -> Cluster {
        let docs = [
            ("fire-1", "Fire crews in Port Alden fought a blaze at the Kessler grain terminal on Tuesday night. The fire at the Kessler terminal started in a conveyor tunnel, Chief Maria Ortega said. About 40 firefighters from Port Alden and Dunmore were called to the terminal. No one was hurt, but the terminal's north silo collapsed."),
            ("fire-2", "A blaze destroyed the north silo of the Kessler grain terminal in Port Alden on Tuesday. Chief Maria Ortega said the fire began in a conveyor tunnel and spread into the silo. Crews from Dunmore helped Port Alden firefighters keep the fire from the docks. The Kessler company said grain shipments would stop for a month."),
            ("fire-3", "The Kessler grain terminal will stay closed after Tuesday's fire, the company said on Wednesday. Investigators from the Port Alden fire service are examining the conveyor tunnel where Chief Maria Ortega said the blaze began. The collapse of the north silo spilled grain onto the harbour road, which remains shut."),
            ("fire-4", "Farmers who ship through the Kessler grain terminal in Port Alden fear delays after Tuesday's fire. The north silo collapsed during the blaze, and Kessler said grain shipments would stop for a month. Chief Maria Ortega said the conveyor tunnel fire was under control by midnight with help from Dunmore crews."),
            ("fire-5", "Port Alden's harbour road reopened on Thursday, two days after fire brought down the north silo at the Kessler grain terminal. Chief Maria Ortega thanked the Dunmore crews who answered the call on Tuesday night. The company said the conveyor tunnel would be rebuilt."),
            ("other", "A fire gutted the Bellamy furniture warehouse on Elm Street in Corvin in March, fire officials said. Captain Hugo Brandt said sprinklers in the warehouse had been switched off for repairs. The owners, Ruth and Samuel Bellamy, said they would rebuild on the site, a mile from the river. Firefighters from Corvin spent six hours at the warehouse."),
        ];
        Cluster::new("harbour", docs.iter().map(|(id, text)| Document::new(*id, *text)).collect())
    }

    fn flagged(cluster: &Cluster) -> Vec<String> {
        let prepared = prepare(cluster).unwrap();
        detect(&prepared.analysis)
            .iter()
            .filter(|v| v.off_event)
            .map(|v| cluster.documents[v.doc].id.clone())
            .collect()
    }

    #[test]
    fn a_report_of_another_fire_is_flagged() {
        assert_eq!(flagged(&harbour()), ["other"]);
        let prepared = prepare(&harbour()).unwrap();
        let verdicts = detect(&prepared.analysis);
        let other = verdicts.iter().find(|v| v.doc == 5).unwrap();
        assert!(reason(other).contains("below"), "{}", reason(other));
    }

    #[test]
    fn the_other_fire_is_a_confident_flag_and_its_sentences_are_left_out() {
        let prepared = prepare(&harbour()).unwrap();
        let other = detect(&prepared.analysis).into_iter().find(|v| v.doc == 5).unwrap();
        assert!(other.confident, "{other:?}");
        assert!(other.score < THRESHOLD && other.combined < CONFIDENT, "{other:?}");
        assert!(other.names_ratio < RATIO_LIMIT && other.phrases_ratio < RATIO_LIMIT, "{other:?}");
        assert!(reason(&other).contains("left out unless --keep-off-event"), "{}", reason(&other));
        let docs_in = |keep: bool| {
            let s = crate::Summarizer::builder()
                .method(crate::Method::Lead)
                .budget(crate::Budget::sentences(40))
                .keep_off_event(keep)
                .build()
                .unwrap()
                .summarize(&harbour())
                .unwrap();
            assert_eq!(s.off_event.len(), 1, "listed either way");
            s.sentences.iter().map(|x| x.document.clone()).collect::<Vec<_>>()
        };
        assert!(!docs_in(false).contains(&"other".to_owned()));
        assert!(docs_in(true).contains(&"other".to_owned()));
    }

    /// A document that retells the fire in the others' phrases but names
    /// no one: the named-things signal alone is zero, so the combined score
    /// is too, but it is typical by the phrase signal and is not flagged.
    #[test]
    fn a_document_typical_by_one_signal_is_not_flagged() {
        let mut c = harbour();
        c.documents.pop();
        c.documents.push(Document::new(
            "plain",
            "after the fire, the north silo of the grain terminal lay in ruins. the blaze began \
             in the conveyor tunnel, and grain shipments would stop for a month.",
        ));
        let prepared = prepare(&c).unwrap();
        let plain = detect(&prepared.analysis).into_iter().find(|v| v.doc == 5).unwrap();
        assert!(plain.names_ratio == 0.0 && plain.combined == 0.0, "{plain:?}");
        assert!(plain.phrases_ratio >= 1.0, "{plain:?}");
        assert!(!plain.off_event && !plain.confident, "{plain:?}");
    }

    /// Another fire in the same city: it shares the city's name, so the
    /// flag is not confident; it is reported but its sentences may be used.
    #[test]
    fn a_flag_that_is_not_confident_is_reported_and_its_sentences_kept() {
        let mut c = harbour();
        c.documents.pop();
        c.documents.push(Document::new(
            "nearby",
            "A fire gutted the Bellamy furniture warehouse on Elm Street in Port Alden in March, \
             fire officials said. Captain Hugo Brandt said sprinklers in the warehouse had been \
             switched off for repairs. The owners, Ruth and Samuel Bellamy, said they would \
             rebuild on the site. The building, a former cannery built in 1921, had stood empty \
             for a decade. Insurance adjusters put the loss at two million dollars, and the \
             council will debate a new sprinkler ordinance in May.",
        ));
        let prepared = prepare(&c).unwrap();
        let nearby = detect(&prepared.analysis).into_iter().find(|v| v.doc == 5).unwrap();
        assert!(nearby.off_event && !nearby.confident, "{nearby:?}");
        assert!(nearby.names_ratio >= RATIO_LIMIT, "{nearby:?}");
        assert!(reason(&nearby).contains("not a confident flag"), "{}", reason(&nearby));
        let s = crate::Summarizer::builder()
            .method(crate::Method::Lead)
            .budget(crate::Budget::sentences(40))
            .build()
            .unwrap()
            .summarize(&c)
            .unwrap();
        assert_eq!(s.off_event.len(), 1, "{:?}", s.off_event);
        assert!(s.sentences.iter().any(|x| x.document == "nearby"), "its sentences may be used");
    }

    #[test]
    fn the_cluster_without_it_is_left_alone() {
        let mut c = harbour();
        c.documents.pop();
        assert!(flagged(&c).is_empty(), "{:?}", flagged(&c));
    }

    #[test]
    fn identical_documents_and_small_clusters_are_left_alone() {
        let text = harbour().documents[0].text.clone();
        let same = Cluster::new(
            "same",
            (0..4).map(|i| Document::new(format!("copy-{i}"), text.clone())).collect(),
        );
        assert!(flagged(&same).is_empty());
        let prepared = prepare(&same).unwrap();
        let verdicts = detect(&prepared.analysis);
        assert!(verdicts.iter().all(|v| (v.combined - 1.0).abs() < 1e-9), "{verdicts:?}");
        assert!(verdicts.iter().all(|v| v.score == verdicts[0].score), "{verdicts:?}");
        // Two documents of different fires: nothing says which one is off.
        let h = harbour();
        let two = Cluster::new("two", vec![h.documents[0].clone(), h.documents[5].clone()]);
        assert!(flagged(&two).is_empty());
    }

    #[test]
    fn the_baseline_cosine_is_lowest_for_the_other_fire() {
        let prepared = prepare(&harbour()).unwrap();
        let cos = leave_one_out_cosine(&prepared.analysis);
        assert_eq!(cos.len(), 6);
        let lowest = cos.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert_eq!(lowest.0, 5, "{cos:?}");
        assert!(cos.iter().all(|&(_, c)| (0.0..=1.0 + 1e-9).contains(&c)), "{cos:?}");
    }

    #[test]
    fn the_score_is_the_learned_model_over_the_features() {
        let prepared = prepare(&harbour()).unwrap();
        let verdicts = detect(&prepared.analysis);
        let names: Vec<f64> = verdicts.iter().map(|v| v.names).collect();
        let phrases: Vec<f64> = verdicts.iter().map(|v| v.phrases).collect();
        for (v, f) in verdicts.iter().zip(features(&names, &phrases)) {
            let logit = BIAS + WEIGHTS.iter().zip(&f).map(|(w, x)| w * x).sum::<f64>();
            assert!((v.score - 1.0 / (1.0 + logit.exp())).abs() < 1e-12, "{v:?}");
            let expected =
                v.names_ratio.powf(NAME_WEIGHT) * v.phrases_ratio.powf(1.0 - NAME_WEIGHT);
            assert!((v.combined - expected).abs() < 1e-12 && f[12] == v.combined, "{v:?}");
            assert!((0.0..=1.0).contains(&v.score), "{v:?}");
        }
    }

    /// The features against a hand computation: three documents, the last
    /// one lowest on names, the first two tied lowest on phrases.
    #[test]
    fn features_are_relative_to_the_cluster() {
        let f = features(&[0.5, 0.5, 0.2], &[0.2, 0.2, 0.5]);
        let (mean, std) = (0.4, 0.02f64.sqrt());
        let third = f[2];
        assert_eq!(third[0], 0.2);
        assert!((third[1] - 0.4).abs() < 1e-12, "ratio to the median 0.5: {third:?}");
        assert!((third[2] - (0.2 - mean) / std).abs() < 1e-12, "z-score: {third:?}");
        assert!((third[3] - 0.4).abs() < 1e-12, "ratio to the others' mean 0.5: {third:?}");
        assert_eq!((third[4], f[0][4]), (1.0, 0.0), "only the third is lowest on names");
        assert!((third[5] - 0.6).abs() < 1e-12, "gap (0.5 - 0.2) / 0.5: {third:?}");
        // Tied lowest on phrases: both lowest, no gap.
        assert_eq!((f[0][10], f[1][10], f[2][10]), (1.0, 1.0, 0.0));
        assert_eq!((f[0][11], f[1][11]), (0.0, 0.0));
        assert_eq!(third[13], 0.0, "above the median on phrases");
        let expected = 0.4f64.powf(NAME_WEIGHT) * 2.5f64.powf(1.0 - NAME_WEIGHT);
        assert!((third[12] - expected).abs() < 1e-12, "{third:?}");
        // One value, or all equal: ratios 1, z-scores 0, no gap.
        assert_eq!(features(&[0.3], &[0.0])[0][..5], [0.3, 1.0, 0.0, 1.0, 0.0]);
        let same = features(&[0.0; 4], &[0.0; 4]);
        assert!(same.iter().all(|f| f[1] == 1.0 && f[2] == 0.0 && f[5] == 0.0), "{same:?}");
    }

    #[test]
    fn the_verdict_does_not_depend_on_document_order() {
        let mut c = harbour();
        c.documents.rotate_left(2);
        assert_eq!(flagged(&c), ["other"]);
        c.documents.reverse();
        assert_eq!(flagged(&c), ["other"]);
    }
}
