//! Off-event documents: which documents of a cluster report another event
//! than the one most of the cluster reports.
//!
//! A cluster handed to a summarizer is often imperfect: a report of an
//! earlier meeting of the same diplomats, or of another storm, shares the
//! cluster's actors and vocabulary but not its facts. Two signals, both
//! measured on the development set (`docs/results.md`), say how far a
//! document shares the facts the other reports share:
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
//! Each signal is divided by its median over the cluster's documents, so a
//! loose cluster (a long-running topic) and a tight one (one day's news)
//! are judged alike, and the two ratios are combined by a weighted
//! geometric mean ([`NAME_WEIGHT`]). A document whose combined ratio is
//! below [`THRESHOLD`] and that is below the cluster's median on *both*
//! signals is off-event: one typical by either count is not (without this,
//! one signal at zero, common in short web documents, flagged 102 of 996
//! Multi-News val clusters; with it 19, with the same figures on the DUC
//! 2003 development set and fewer false flags on DUC 2006). Clusters of fewer than three documents
//! with text are left alone: with two, nothing says which one is off.
//!
//! Every flag is reported, but a summary leaves a document's sentences out
//! only on a **confident** flag ([`DocumentVerdict::confident`]): the
//! combined ratio below half the threshold ([`CONFIDENT`]) *and* each
//! signal alone below the threshold, so that the two independent signals
//! agree. One signal at zero is not enough: a short document, a weather
//! table or a list of names can share no phrases (or no names) with the
//! rest while still belonging to the story, and the geometric mean of the
//! two ratios is then zero. On the clean DUC 2003 clusters no document is
//! flagged confidently, while 3 of 30 have an ordinary flag; leaving out
//! every flagged document cost ROUGE there and on Multi-News
//! (`docs/results.md`).
//!
//! The detector is deterministic (no hash-map iteration reaches the result)
//! and linear in the cluster's tokens plus quadratic in its documents'
//! distinct names, a few milliseconds for a DUC cluster.

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
    /// How typical its overlap with the other reports is (1 = the
    /// cluster's median; flagged below [`THRESHOLD`]).
    pub score: f64,
}

/// A combined ratio below this flags a document (chosen on the DUC 2003
/// development set; the held-half figure is in `docs/results.md`).
pub const THRESHOLD: f64 = 0.45;

/// A flag is confident (the document's sentences are left out of
/// summaries) when the combined ratio is below this and each signal's ratio
/// alone is below [`THRESHOLD`]: half the threshold, a general margin, not
/// chosen per cluster.
pub const CONFIDENT: f64 = THRESHOLD / 2.0;

/// Weight of the named-things signal in the geometric mean; the phrase
/// signal has the rest.
pub const NAME_WEIGHT: f64 = 0.75;

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
    /// The combined ratio to the cluster's medians (1 = typical).
    pub score: f64,
    /// Whether it is off-event (`score < THRESHOLD`, and both ratios below
    /// 1, the cluster's median): reported in every summary's `off_event`
    /// list.
    pub off_event: bool,
    /// Whether the flag is confident: `score < CONFIDENT` and both
    /// `names_ratio` and `phrases_ratio` below `THRESHOLD`. Only these
    /// documents' sentences are left out of summaries.
    pub confident: bool,
}

/// Judges every document of `analysis` that has a sentence; documents
/// without one get no verdict. Verdicts are in document order.
pub fn detect(analysis: &Analysis) -> Vec<DocumentVerdict> {
    detect_weighted(analysis, NAME_WEIGHT, THRESHOLD)
}

/// [`detect`] with another weight of the named-things signal (1 uses it
/// alone, 0 the phrase signal alone) and another threshold: how
/// `precis eval --protocol offevent` measures what each signal adds.
pub fn detect_weighted(
    analysis: &Analysis,
    name_weight: f64,
    threshold: f64,
) -> Vec<DocumentVerdict> {
    let n_docs = analysis.n_docs;
    let mut has_text = vec![false; n_docs];
    for s in &analysis.sentences {
        has_text[s.doc] = true;
    }
    let docs: Vec<usize> = (0..n_docs).filter(|&d| has_text[d]).collect();
    let names = name_similarity(analysis, &docs);
    let phrases = phrase_support(analysis, &docs);
    let (median_names, median_phrases) = (median(&names), median(&phrases));
    let judge = docs.len() >= MIN_DOCUMENTS;
    docs.iter()
        .enumerate()
        .map(|(k, &doc)| {
            let ratio = |x: f64, median: f64| if median > 0.0 { x / median } else { 1.0 };
            let names_ratio = ratio(names[k], median_names);
            let phrases_ratio = ratio(phrases[k], median_phrases);
            let score = names_ratio.powf(name_weight) * phrases_ratio.powf(1.0 - name_weight);
            let below_both = names_ratio < 1.0 && phrases_ratio < 1.0;
            let off_event = judge && score < threshold && below_both;
            DocumentVerdict {
                doc,
                names: names[k],
                phrases: phrases[k],
                names_ratio,
                phrases_ratio,
                score,
                off_event,
                confident: off_event
                    && score < threshold / 2.0
                    && names_ratio < threshold
                    && phrases_ratio < threshold,
            }
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

impl DocumentVerdict {
    /// Whether the document is below the cluster's median on both signals,
    /// which a flag needs besides a low combined score.
    pub fn below_median_on_both(&self) -> bool {
        self.names_ratio < 1.0 && self.phrases_ratio < 1.0
    }
}

/// A one-line reason for a flagged document, for `--explain` and the
/// output record.
pub fn reason(verdict: &DocumentVerdict) -> String {
    let what = if verdict.confident {
        format!(
            "a confident flag (below {CONFIDENT}, and each signal alone below {THRESHOLD}): \
             its sentences are left out unless --keep-off-event"
        )
    } else {
        format!(
            "not a confident flag (that needs below {CONFIDENT} with each signal alone below \
             {THRESHOLD}): its sentences may still be used"
        )
    };
    format!(
        "shares few of the names and phrases the other reports share: named-things overlap \
         {:.2} ({:.2} of the median) and repeated phrases {:.0}% ({:.2} of the median), \
         together {:.2} of the cluster's median (below {THRESHOLD}); {what}",
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
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
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
        assert!(other.score < CONFIDENT && other.names_ratio < THRESHOLD, "{other:?}");
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
        assert!(plain.names_ratio == 0.0 && plain.score < THRESHOLD, "{plain:?}");
        assert!(plain.phrases_ratio >= 1.0 && !plain.below_median_on_both(), "{plain:?}");
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
        assert!(nearby.names_ratio >= THRESHOLD, "{nearby:?}");
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
        assert!(detect(&prepared.analysis).iter().all(|v| (v.score - 1.0).abs() < 1e-9));
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
    fn each_signal_alone_can_be_measured() {
        let prepared = prepare(&harbour()).unwrap();
        let both = detect(&prepared.analysis);
        let names = detect_weighted(&prepared.analysis, 1.0, THRESHOLD);
        let phrases = detect_weighted(&prepared.analysis, 0.0, THRESHOLD);
        for (k, v) in both.iter().enumerate() {
            // The combined score is the weighted geometric mean of the two.
            let expected =
                names[k].score.powf(NAME_WEIGHT) * phrases[k].score.powf(1.0 - NAME_WEIGHT);
            assert!((v.score - expected).abs() < 1e-9, "{v:?}");
        }
        assert!(names[5].score < 1.0 && phrases[5].score < 1.0, "{:?} {:?}", names[5], phrases[5]);
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
