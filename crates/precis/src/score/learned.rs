//! A sentence scorer learned from Multi-News training summaries.
//!
//! Each sentence is described by a few dozen cheap features (position,
//! length, centrality, how many documents share its words and bigrams,
//! surface cues, and what the [`super::TermModel`] expects of its words); a
//! small network fitted on the Multi-News training split predicts how much
//! of the sentence a human summary would contain (its ROUGE-1 plus ROUGE-2
//! precision against the reference). The network ships in `data/sentence-model.json`,
//! produced by `cargo run --release -p precis --example train_scorer`.

use super::mlp::Mlp;
use super::{Account, Contribution, LexRank, Scorer, TermExpectations};
use crate::num::id_u32;
#[cfg(doc)]
use crate::represent::Concepts;
use crate::represent::{keep_strongest, Analysis, ConceptConfig, SparseVec};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Names of the features, in the order of [`features`] rows.
pub const FEATURE_NAMES: &[&str] = &[
    "bias",
    "pos=0",
    "pos=1",
    "pos=2",
    "pos=3",
    "pos=4",
    "pos=5-6",
    "pos=7-9",
    "pos=10-14",
    "pos>=15",
    "relative position",
    "last in document",
    "doc=0",
    "doc=1",
    "doc=2",
    "doc>=3",
    "log words",
    "words<10",
    "words 10-14",
    "words 15-19",
    "words 20-29",
    "words 30-44",
    "words>=45",
    "log centrality",
    "centroid cosine",
    "shared-word share",
    "shared-bigram density",
    "stopword share",
    "has digit",
    "has quote",
    "starts with quote",
    "says/said",
    "first person",
    "ends without period",
    "single document cluster",
    "document centrality",
    "log document words",
    "max similarity in other documents",
    "expected word share",
    "expected content-word share",
    "log expected matches",
    "mean keep rate",
    "lowest keep rate",
    "highest keep rate",
    "mean rarity",
    "rare-word share",
    "cosine with own lead sentence",
    "best cosine with another lead sentence",
    "tokens per word",
    "cosine with expected summary",
];

/// Number of features.
pub const N_FEATURES: usize = FEATURE_NAMES.len();

/// A fitted sentence model: a small network over [`FEATURE_NAMES`] whose
/// output is the predicted ROUGE-1 plus ROUGE-2 precision of the sentence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentenceModel {
    /// Feature names, which must match [`FEATURE_NAMES`].
    pub features: Vec<String>,
    /// The network.
    #[serde(flatten)]
    pub network: Mlp,
    /// What the model was trained on, for the record.
    pub trained_on: String,
}

impl SentenceModel {
    /// True when the names and shapes agree with [`FEATURE_NAMES`].
    pub fn is_valid(&self) -> bool {
        self.features.len() == N_FEATURES
            && self.features.iter().zip(FEATURE_NAMES).all(|(a, b)| a == b)
            && self.network.is_valid(N_FEATURES)
    }

    /// The model shipped with precis.
    pub fn shipped() -> &'static SentenceModel {
        static MODEL: OnceLock<SentenceModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            let parsed: Option<SentenceModel> =
                serde_json::from_str(include_str!("../../data/sentence-model.json")).ok();
            // A model that does not match the feature set (caught by a unit
            // test) scores every sentence 0 rather than panicking.
            parsed.filter(SentenceModel::is_valid).unwrap_or_else(|| SentenceModel {
                features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
                network: Mlp::default(),
                trained_on: "none".into(),
            })
        })
    }

    /// The model's prediction for one feature row.
    pub fn predict(&self, row: &[f32]) -> f64 {
        self.network.predict(row)
    }
}

/// The feature rows of every sentence, `N_FEATURES` values each, with the
/// shipped term model's expectations.
pub fn features(analysis: &Analysis) -> Vec<[f32; N_FEATURES]> {
    features_with(analysis, TermExpectations::shipped(analysis).as_ref())
}

/// The feature rows of every sentence given the term model's expectations
/// (the term features are 0 without them).
pub fn features_with(
    analysis: &Analysis,
    terms: Option<&TermExpectations>,
) -> Vec<[f32; N_FEATURES]> {
    let n = analysis.len();
    if n == 0 {
        return Vec::new();
    }
    // One neighbour search serves both LexRank centrality (the strongest
    // edges above its threshold, as `LexRank::score` builds them) and the
    // best match in another document.
    let lexrank = LexRank::default();
    let index = crate::represent::InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; n];
    let mut buf = Vec::new();
    let mut support = vec![0f32; n];
    let mut adj: super::graph::Adjacency = Vec::with_capacity(n);
    for (i, best) in support.iter_mut().enumerate() {
        analysis.neighbours(&index, i, &mut acc, &mut buf);
        let own = analysis.sentences[i].doc;
        *best = buf
            .iter()
            .filter(|&&(j, _)| analysis.sentences[j].doc != own)
            .map(|e| e.1)
            .fold(0.0, f32::max);
        let edges = buf.iter().copied().filter(|e| e.1 >= lexrank.threshold).collect();
        adj.push(keep_strongest(edges, lexrank.max_neighbours));
    }
    let centrality = lexrank.centrality(&adj);
    let shared_bigrams = shared_bigram_sums(analysis);
    // Cluster centroid of the tf-idf vectors.
    let mut pairs = Vec::new();
    for v in &analysis.vectors {
        pairs.extend_from_slice(v.entries());
    }
    let centroid = SparseVec::from_pairs(pairs).normalized();
    let mut doc_len = vec![0usize; analysis.n_docs];
    for s in &analysis.sentences {
        doc_len[s.doc] = doc_len[s.doc].max(s.position + 1);
    }
    let multi = analysis.n_docs > 1;
    // Each document's tf-idf mass, and its cosine with the rest of the
    // cluster: documents about another event sit far from the others.
    let mut doc_pairs: Vec<Vec<(u32, f32)>> = vec![Vec::new(); analysis.n_docs];
    let mut doc_words = vec![0usize; analysis.n_docs];
    for (s, v) in analysis.sentences.iter().zip(&analysis.vectors) {
        doc_pairs[s.doc].extend_from_slice(v.entries());
        doc_words[s.doc] += s.words;
    }
    let doc_vecs: Vec<SparseVec> = doc_pairs.into_iter().map(SparseVec::from_pairs).collect();
    let total = {
        let mut all = Vec::new();
        for v in &doc_vecs {
            all.extend_from_slice(v.entries());
        }
        SparseVec::from_pairs(all)
    };
    let doc_centrality: Vec<f32> = doc_vecs
        .iter()
        .map(|v| {
            let rest: Vec<(u32, f32)> = total
                .entries()
                .iter()
                .map(|&(t, w)| {
                    let own = v
                        .entries()
                        .binary_search_by_key(&t, |e| e.0)
                        .map_or(0.0, |k| v.entries()[k].1);
                    (t, w - own)
                })
                .collect();
            v.cosine(&SparseVec::from_pairs(rest))
        })
        .collect();
    let other_docs = (analysis.n_docs.max(2) - 1) as f32;
    // The term model's chance that the summary uses each word at all.
    let empty = TermExpectations::default();
    let terms = terms.filter(|t| t.counts.len() == analysis.lexicon.len());
    let t = terms.unwrap_or(&empty);
    let used: Vec<f32> = match terms {
        Some(t) => t.counts.iter().map(|&l| 1.0 - (-l as f32).exp()).collect(),
        None => vec![0.0; analysis.lexicon.len()],
    };
    let expected_norm = (0..t.counts.len())
        .filter(|&k| !analysis.lexicon.is_stop(id_u32(k)))
        .map(|k| (t.counts[k] * t.counts[k]) as f32)
        .sum::<f32>()
        .sqrt();
    // Each document's first sentence, which news writes to carry the story.
    let mut leads: Vec<Option<usize>> = vec![None; analysis.n_docs];
    for (i, s) in analysis.sentences.iter().enumerate() {
        if leads[s.doc].is_none() {
            leads[s.doc] = Some(i);
        }
    }
    let said = ["said", "says", "say", "told"];
    let first_person = ["i", "we", "my", "our", "me", "us"];
    (0..n)
        .map(|i| {
            let s = &analysis.sentences[i];
            let mut row = [0f32; N_FEATURES];
            row[0] = 1.0;
            let p = s.position;
            let pos_slot = match p {
                0..=4 => 1 + p,
                5..=6 => 6,
                7..=9 => 7,
                10..=14 => 8,
                _ => 9,
            };
            row[pos_slot] = 1.0;
            let len = doc_len[s.doc].max(1);
            row[10] = p as f32 / len as f32;
            row[11] = (p + 1 == len && len > 1) as u8 as f32;
            row[12 + s.doc.min(3)] = 1.0;
            let w = s.words.max(1);
            row[16] = (w as f32).ln();
            let w_slot = match w {
                0..=9 => 0,
                10..=14 => 1,
                15..=19 => 2,
                20..=29 => 3,
                30..=44 => 4,
                _ => 5,
            };
            row[17 + w_slot] = 1.0;
            row[23] = (centrality[i] as f32).max(0.0).ln_1p();
            row[24] = analysis.vectors[i].dot(&centroid);
            let toks = &analysis.tokens[i];
            let content: Vec<_> = toks.iter().filter(|t| !t.stop).collect();
            if multi && !content.is_empty() {
                let shared: f32 = content
                    .iter()
                    .map(|t| {
                        (analysis.doc_freq[t.term as usize].saturating_sub(1)) as f32 / other_docs
                    })
                    .sum();
                row[25] = shared / content.len() as f32;
                row[26] = shared_bigrams[i] / w as f32;
            }
            row[27] = if toks.is_empty() {
                0.0
            } else {
                (toks.len() - content.len()) as f32 / toks.len() as f32
            };
            row[28] = s.norm.bytes().any(|b| b.is_ascii_digit()) as u8 as f32;
            row[29] = s.norm.contains('"') as u8 as f32;
            row[30] = s.norm.starts_with('"') as u8 as f32;
            let has =
                |list: &[&str]| toks.iter().any(|t| list.contains(&analysis.lexicon.stem(t.term)));
            row[31] = has(&said) as u8 as f32;
            row[32] = has(&first_person) as u8 as f32;
            row[33] =
                !s.norm.trim_end_matches(['"', '\'', ')']).ends_with(['.', '!', '?']) as u8 as f32;
            row[34] = (!multi) as u8 as f32;
            row[35] = if multi { doc_centrality[s.doc] } else { 0.0 };
            row[36] = (doc_words[s.doc].max(1) as f32).ln();
            row[37] = support[i];
            if !toks.is_empty() {
                let total: f32 = toks.iter().map(|t| used[t.term as usize]).sum();
                row[38] = total / toks.len() as f32;
                row[40] = total.ln_1p();
            }
            if terms.is_some() && !content.is_empty() {
                let n = content.len() as f32;
                let k = |tok: &&crate::represent::Token| tok.term as usize;
                row[39] = content.iter().map(|tok| used[k(tok)]).sum::<f32>() / n;
                row[41] = content.iter().map(|tok| t.keep[k(tok)]).sum::<f32>() / n;
                row[42] = content.iter().map(|tok| t.keep[k(tok)]).fold(f32::MAX, f32::min);
                row[43] = content.iter().map(|tok| t.keep[k(tok)]).fold(f32::MIN, f32::max);
                row[44] = content.iter().map(|tok| t.rarity[k(tok)]).sum::<f32>() / n;
                row[45] = content.iter().filter(|tok| !t.known[k(tok)]).count() as f32 / n;
            }
            if let Some(lead) = leads[s.doc] {
                row[46] = if lead == i { 1.0 } else { analysis.similarity(i, lead) };
            }
            row[47] = leads
                .iter()
                .enumerate()
                .filter(|&(d, _)| d != s.doc)
                .filter_map(|(_, l)| l.map(|l| analysis.similarity(i, l)))
                .fold(0.0, f32::max);
            row[48] = toks.len() as f32 / w as f32;
            if terms.is_some() && !content.is_empty() {
                // Cosine between the sentence's content counts and the
                // term model's expected counts.
                let mut own: Vec<(u32, f32)> = content.iter().map(|tok| (tok.term, 1.0)).collect();
                own.sort_unstable_by_key(|e| e.0);
                let mut dot = 0.0;
                let mut norm = 0.0;
                let mut k = 0;
                while k < own.len() {
                    let mut j = k;
                    while j < own.len() && own[j].0 == own[k].0 {
                        j += 1;
                    }
                    let c = (j - k) as f32;
                    dot += c * t.counts[own[k].0 as usize] as f32;
                    norm += c * c;
                    k = j;
                }
                row[49] = dot / (norm.sqrt() * expected_norm).max(1e-6);
            }
            row
        })
        .collect()
}

/// For each sentence, the sum over its distinct bigrams that are not two
/// stopwords of `(weight - 1) / (documents - 1)`, where a bigram's weight is
/// the number of documents that use it, doubled when it occurs in a
/// document's first sentences: the [`Concepts`] weights with every
/// document frequency kept (`min_df` 1), summed in the same order (the
/// concepts' first occurrence in the cluster), computed with one sort
/// instead of a hash map and per-sentence lists.
fn shared_bigram_sums(analysis: &Analysis) -> Vec<f32> {
    let config = ConceptConfig::default();
    let other_docs = (analysis.n_docs.max(2) - 1) as f32;
    // (first term, second term, sentence, global occurrence).
    let mut occurrences: Vec<(u32, u32, u32, u32)> = Vec::new();
    for (i, toks) in analysis.tokens.iter().enumerate() {
        for pair in toks.windows(2) {
            if !(pair[0].stop && pair[1].stop) {
                let seen = id_u32(occurrences.len());
                occurrences.push((pair[0].term, pair[1].term, id_u32(i), seen));
            }
        }
    }
    occurrences.sort_unstable();
    // (sentence, first occurrence of the bigram, its contribution).
    let mut parts: Vec<(u32, u32, f32)> = Vec::new();
    for run in occurrences.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let mut docs = 0u32;
        let mut last_doc = usize::MAX;
        let mut lead = false;
        for &(_, _, i, _) in run {
            let s = &analysis.sentences[i as usize];
            if s.doc != last_doc {
                last_doc = s.doc;
                docs += 1;
            }
            lead |= s.position < config.lead_sentences;
        }
        let boost = if lead { 1.0 + config.position_boost } else { 1.0 };
        let value = ((docs as f64 * boost) as f32 - 1.0) / other_docs;
        // Sorted by sentence, then occurrence: the run's first entry is
        // the bigram's first occurrence.
        let first = run[0].3;
        let mut last = u32::MAX;
        for &(_, _, i, _) in run {
            if i != last {
                parts.push((i, first, value));
                last = i;
            }
        }
    }
    parts.sort_unstable_by_key(|p| (p.0, p.1));
    let mut sums = vec![0f32; analysis.len()];
    for (i, _, v) in parts {
        sums[i as usize] += v;
    }
    sums
}

/// Scores sentences with a [`SentenceModel`] (by default the shipped one).
#[derive(Debug, Clone, Copy)]
pub struct Learned {
    /// The model.
    pub model: &'static SentenceModel,
}

impl Default for Learned {
    fn default() -> Self {
        Learned { model: SentenceModel::shipped() }
    }
}

impl Learned {
    /// Scores with the term model's expectations already at hand.
    pub fn score_with(&self, analysis: &Analysis, terms: Option<&TermExpectations>) -> Vec<f64> {
        features_with(analysis, terms).iter().map(|row| self.model.predict(row).max(0.0)).collect()
    }
}

impl Learned {
    /// The account of sentence `i`'s score for `--explain`: the network's
    /// prediction split into one part per feature ([`Mlp::contributions`]:
    /// how much the feature, where it lies against an average training
    /// sentence, raised or lowered the prediction), with the position,
    /// article-order and length features each summed into one part.
    pub fn account(
        &self,
        analysis: &Analysis,
        terms: Option<&TermExpectations>,
        i: usize,
    ) -> Account {
        let Some(row) = features_with(analysis, terms).get(i).copied() else {
            return Account::default();
        };
        let (_, parts) = self.model.network.contributions(&row);
        let s = &analysis.sentences[i];
        let mut groups: Vec<Contribution> = Vec::new();
        for (name, part) in FEATURE_NAMES.iter().zip(parts) {
            let (feature, label) = describe_feature(name, s);
            match groups.iter_mut().find(|c| c.feature == feature) {
                Some(c) => c.contribution += part,
                None => groups.push(Contribution { feature, label, contribution: part }),
            }
        }
        Account {
            scored_by: "the learned model's estimate of how much of the sentence a human summary would hold".into(),
            contributions: groups,
        }
    }
}

/// A feature of [`FEATURE_NAMES`] as a group name and the group in words,
/// for sentence `s`: the position features make one part, and so do the
/// article-order and the length features.
fn describe_feature(name: &str, s: &crate::represent::Sentence) -> (String, String) {
    let own = |label: &str| (name.to_owned(), label.to_owned());
    if name.starts_with("pos") || name == "relative position" || name == "last in document" {
        return (
            "position".into(),
            format!("its place in its article (sentence {})", s.position + 1),
        );
    }
    if name.starts_with("doc=") || name.starts_with("doc>") {
        return (
            "article order".into(),
            format!("its article's place in the cluster (article {})", s.doc + 1),
        );
    }
    if name == "log words" || name.starts_with("words") {
        return ("length".into(), format!("its length ({} words)", s.words));
    }
    match name {
        "bias" => own("the constant"),
        "log centrality" => own("how central it is among the cluster's sentences"),
        "centroid cosine" => own("closeness to the cluster's main words"),
        "shared-word share" => own("its words found in other articles"),
        "shared-bigram density" => own("word pairs it shares with other articles"),
        "stopword share" => own("its share of function words"),
        "has digit" => own("a number in it"),
        "has quote" => own("a quotation in it"),
        "starts with quote" => own("opening with a quotation"),
        "says/said" => own("reported speech (says, said)"),
        "first person" => own("first-person words"),
        "ends without period" => own("no full stop at its end"),
        "single document cluster" => own("a cluster of one article"),
        "document centrality" => own("how central its article is"),
        "log document words" => own("its article's length"),
        "max similarity in other documents" => own("its closest match in another article"),
        "expected word share" => own("words a summary is expected to use"),
        "expected content-word share" => own("content words a summary is expected to use"),
        "log expected matches" => own("expected word matches with a summary"),
        "mean keep rate" | "lowest keep rate" | "highest keep rate" => {
            ("keep rate".into(), "how often summaries keep its words".into())
        }
        "mean rarity" | "rare-word share" => ("rarity".into(), "how rare its words are".into()),
        "cosine with own lead sentence" => own("similarity to its article's first sentence"),
        "best cosine with another lead sentence" => {
            own("similarity to another article's first sentence")
        }
        "tokens per word" => own("tokens per word"),
        "cosine with expected summary" => own("similarity to the summary the term model expects"),
        other => own(other),
    }
}

impl Scorer for Learned {
    fn score(&self, analysis: &Analysis) -> Vec<f64> {
        self.score_with(analysis, TermExpectations::shipped(analysis).as_ref())
    }

    fn explain(&self, analysis: &Analysis, scores: &[f64], i: usize) -> String {
        let row = features(analysis)[i];
        let top: Vec<String> = FEATURE_NAMES
            .iter()
            .zip(row)
            .filter(|(_, x)| *x != 0.0)
            .take(6)
            .map(|(n, x)| format!("{n} {x:.2}"))
            .collect();
        format!("learned: {:.3} from {} ...", scores[i], top.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_is_described_in_words() {
        let a = crate::score::tests::analysis(&[&["Floods hit Bramford on Sunday."]]);
        for name in FEATURE_NAMES {
            let (_, label) = describe_feature(name, &a.sentences[0]);
            assert!(label != *name || *name == "tokens per word", "{name} has no words");
        }
    }

    #[test]
    fn the_account_adds_up_to_the_prediction() {
        let a = crate::score::tests::analysis(&[
            &["Floods hit Bramford on Sunday as the river burst its banks.", "Shops closed."],
            &["The river flooded Bramford on Sunday.", "About 3,000 people left their homes."],
        ]);
        let learned = Learned::default();
        let rows = features(&a);
        for (i, row) in rows.iter().enumerate() {
            let account = learned.account(&a, TermExpectations::shipped(&a).as_ref(), i);
            let (constant, _) = learned.model.network.contributions(row);
            let sum: f64 =
                constant + account.contributions.iter().map(|c| c.contribution).sum::<f64>();
            assert!((sum - learned.model.predict(row)).abs() < 1e-3, "{sum}");
            // Position, article order and length are one part each.
            let names: Vec<&str> =
                account.contributions.iter().map(|c| c.feature.as_str()).collect();
            assert_eq!(names.iter().filter(|n| **n == "position").count(), 1, "{names:?}");
        }
    }

    #[test]
    fn shared_bigram_sums_match_the_concepts() {
        let a = crate::score::tests::analysis(&[
            &["Peace talks in Geneva resumed on Monday.", "The talks in Geneva resumed slowly."],
            &["The peace talks resumed in Geneva.", "Delegates left.", "More talks came later."],
            &["Geneva hosted peace talks.", "The peace talks resumed."],
        ]);
        let concepts = crate::represent::Concepts::new(
            &a,
            &ConceptConfig { min_df: Some(1), ..ConceptConfig::default() },
        );
        let other_docs = (a.n_docs - 1) as f32;
        let expected: Vec<f32> = concepts
            .sentences
            .iter()
            .map(|found| {
                found
                    .iter()
                    .map(|&(c, _)| (concepts.weights[c as usize] as f32 - 1.0) / other_docs)
                    .sum()
            })
            .collect();
        let sums = shared_bigram_sums(&a);
        assert_eq!(sums.len(), expected.len());
        for (x, y) in sums.iter().zip(&expected) {
            assert_eq!(x.to_bits(), (y + 0.0).to_bits(), "{sums:?} vs {expected:?}");
        }
        assert!(sums.iter().any(|&x| x > 0.0));
    }

    #[test]
    fn shipped_model_matches_the_features() {
        let parsed: SentenceModel =
            serde_json::from_str(include_str!("../../data/sentence-model.json")).unwrap();
        assert_eq!(parsed.features, FEATURE_NAMES, "retrain with examples/train_scorer.rs");
        assert!(parsed.is_valid());
        assert!(parsed.network.weights.iter().all(|w| w.is_finite()));
        assert!(parsed.network.weights.iter().any(|&w| w != 0.0));
    }
}
