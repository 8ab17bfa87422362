//! Term salience: how many times a human summary will use each word of a
//! cluster.
//!
//! Every stemmed term of a cluster (stopwords included, since ROUGE counts
//! them) is described by a few cheap features: how often and in how many
//! documents it occurs, how early, whether it is a stopword or a number,
//! and two corpus statistics for the stem (how often summary writers keep
//! the word when their sources use it, and how rare it is across clusters).
//! A small network fitted with a Poisson loss on the Multi-News training
//! split predicts the expected count of the term in the reference summary.
//! Those expectations drive [`crate::select::ExpectedRouge`], which picks the
//! sentences with the largest expected ROUGE-1.
//!
//! The network ships in `data/term-model.json` and the stem statistics in
//! `data/term-prior.tsv`, both written by
//! `cargo run --release -p precis --example train_terms`.

use super::mlp::{expectation, Loss, Mlp};
use crate::num::{id_u32, saturating_u32};
use crate::represent::Analysis;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// Names of the term features, in the order of [`term_features`] rows.
pub const TERM_FEATURE_NAMES: &[&str] = &[
    "log count",
    "document share",
    "log documents",
    "stopword",
    "log first position",
    "lead-sentence share",
    "early share",
    "mean relative position",
    "number",
    "log stem length",
    "corpus keep rate",
    "corpus rarity",
    "known stem",
    "count share",
    "log cluster tokens",
    "log sentences",
    "log count in first document",
    "log largest count in one document",
    "corpus summary count",
    "in a bigram of two documents",
    "log count rank among content terms",
    "count over largest content count",
];

/// Number of term features.
pub const N_TERM_FEATURES: usize = TERM_FEATURE_NAMES.len();

/// Corpus statistics of one stem, learned from a training split.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StemPrior {
    /// Log of the smoothed share of clusters containing the stem whose
    /// summary also contains it.
    pub keep: f32,
    /// Log inverse share of clusters containing the stem.
    pub rarity: f32,
    /// Log of the stem's mean count in the summaries of clusters containing it.
    pub count: f32,
}

/// Stem statistics, looked up by stem.
#[derive(Debug, Clone, Default)]
pub struct PriorTable {
    /// Statistics by the 64-bit hash of the stem: one probe of a compact
    /// table and no string comparison (the table's 11,000 stems would
    /// otherwise cost a cache miss or two each, a tenth of a batch's time).
    /// [`PriorTable::parse`] rejects two stems with the same hash; a stem
    /// outside the table shares a hash with one inside with probability
    /// about 2^-50.
    stems: FxHashMap<u64, StemPrior>,
    /// Values for stems not in the table.
    unknown: StemPrior,
}

impl PriorTable {
    /// Parses `stem<TAB>keep<TAB>rarity<TAB>count` lines; a line
    /// `*<TAB>keep<TAB>rarity<TAB>count` gives the values of unknown stems.
    /// Lines that do not parse are reported with their number.
    pub fn parse(text: &str) -> Result<PriorTable, String> {
        let mut table = PriorTable::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(stem), Some(keep), Some(rarity), Some(count), None) =
                (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(format!("line {}: expected stem, keep, rarity and count", n + 1));
            };
            let parse = |s: &str| {
                s.parse::<f32>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("line {}: {s:?} is not a number", n + 1))
            };
            let prior =
                StemPrior { keep: parse(keep)?, rarity: parse(rarity)?, count: parse(count)? };
            if stem == "*" {
                table.unknown = prior;
            } else if table.stems.insert(xxh3_64(stem.as_bytes()), prior).is_some() {
                return Err(format!(
                    "line {}: stem {stem:?} is listed twice (or shares its hash with an earlier stem)",
                    n + 1
                ));
            }
        }
        Ok(table)
    }

    /// The statistics of `stem`, and whether it was in the table.
    pub fn get(&self, stem: &str) -> (StemPrior, bool) {
        match self.stems.get(&xxh3_64(stem.as_bytes())) {
            Some(&p) => (p, true),
            None => (self.unknown, false),
        }
    }

    /// Number of stems in the table.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    /// True when the table holds no stem.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }
}

/// A fitted term model: a network over [`TERM_FEATURE_NAMES`] whose output
/// is the log of a term's expected count in the summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TermModel {
    /// Feature names, which must match [`TERM_FEATURE_NAMES`].
    pub features: Vec<String>,
    /// The network.
    pub network: Mlp,
    /// What the model was trained on, for the record.
    pub trained_on: String,
}

impl TermModel {
    /// True when the network matches the feature set.
    pub fn is_valid(&self) -> bool {
        self.features.len() == N_TERM_FEATURES
            && self.features.iter().zip(TERM_FEATURE_NAMES).all(|(a, b)| a == b)
            && self.network.is_valid(N_TERM_FEATURES)
    }

    /// The model and stem table shipped with precis, or `None` if they do
    /// not match this build's features (a unit test guards against that).
    pub fn shipped() -> Option<(&'static TermModel, &'static PriorTable)> {
        static MODEL: OnceLock<Option<(TermModel, PriorTable)>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                let model: TermModel =
                    serde_json::from_str(include_str!("../../data/term-model.json")).ok()?;
                let prior = PriorTable::parse(include_str!("../../data/term-prior.tsv")).ok()?;
                model.is_valid().then_some((model, prior))
            })
            .as_ref()
            .map(|(m, p)| (m, p))
    }

    /// Expected counts and corpus keep rates of every term of `analysis`.
    pub fn expectations(&self, analysis: &Analysis, prior: &PriorTable) -> TermExpectations {
        let rows = term_features(analysis, prior);
        TermExpectations {
            counts: rows
                .iter()
                .map(|row| expectation(Loss::Poisson, self.network.predict(row)))
                .collect(),
            keep: rows.iter().map(|row| row[KEEP_FEATURE]).collect(),
            rarity: rows.iter().map(|row| row[KEEP_FEATURE + 1]).collect(),
            known: rows.iter().map(|row| row[KEEP_FEATURE + 2] > 0.0).collect(),
        }
    }
}

/// What the term model says of each term of one cluster, indexed by term id.
#[derive(Debug, Clone, Default)]
pub struct TermExpectations {
    /// Expected count in the summary.
    pub counts: Vec<f64>,
    /// Log corpus keep rate of the stem ([`StemPrior::keep`]).
    pub keep: Vec<f32>,
    /// Log inverse share of training clusters with the stem ([`StemPrior::rarity`]).
    pub rarity: Vec<f32>,
    /// Whether the stem has its own corpus statistics (is not rare).
    pub known: Vec<bool>,
}

impl TermExpectations {
    /// The shipped model's expectations, or `None` when no valid model is shipped.
    pub fn shipped(analysis: &Analysis) -> Option<TermExpectations> {
        TermModel::shipped().map(|(model, prior)| model.expectations(analysis, prior))
    }
}

/// Index of "corpus keep rate" in a term feature row.
const KEEP_FEATURE: usize = 10;

/// `ln(k)` (`ln(0)` taken as 0) and `ln(1 + k)` for small `k` from tables,
/// bit for bit what `f32::ln` and `f32::ln_1p` give: the features take many
/// logarithms of small counts.
fn ln_tables() -> &'static [[f32; 256]; 2] {
    static TABLES: OnceLock<[[f32; 256]; 2]> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut ln = [0f32; 256];
        let mut ln_1p = [0f32; 256];
        for (k, (a, b)) in ln.iter_mut().zip(ln_1p.iter_mut()).enumerate() {
            *a = if k == 0 { 0.0 } else { (k as f32).ln() };
            *b = (k as f32).ln_1p();
        }
        [ln, ln_1p]
    })
}

/// `ln(k)`, with `ln(0)` taken as 0.
fn ln_count(k: u32) -> f32 {
    match ln_tables()[0].get(k as usize) {
        Some(&v) => v,
        None => (k as f32).ln(),
    }
}

/// `ln(1 + k)`.
fn ln_1p_count(k: u32) -> f32 {
    match ln_tables()[1].get(k as usize) {
        Some(&v) => v,
        None => (k as f32).ln_1p(),
    }
}

/// One feature row per term id of `analysis`'s lexicon.
pub fn term_features(analysis: &Analysis, prior: &PriorTable) -> Vec<[f32; N_TERM_FEATURES]> {
    let n_terms = analysis.lexicon.len();
    let n_docs = analysis.n_docs.max(1);
    let mut count = vec![0u32; n_terms];
    let mut lead_docs = vec![0u32; n_terms];
    let mut early = vec![0u32; n_terms];
    let mut first = vec![u32::MAX; n_terms];
    let mut rel_sum = vec![0f32; n_terms];
    let mut doc_terms: Vec<u32> = Vec::new();
    let mut doc_len = vec![0usize; n_docs];
    for s in &analysis.sentences {
        doc_len[s.doc] = doc_len[s.doc].max(s.position + 1);
    }
    let mut df = vec![0u32; n_terms];
    let mut last_doc = vec![usize::MAX; n_terms];
    let mut in_doc = vec![0u32; n_terms];
    let mut most_in_doc = vec![0u32; n_terms];
    let mut first_doc = vec![0u32; n_terms];
    let mut total = 0usize;
    // Adjacent pairs with their documents, sorted: runs of one pair.
    let mut pairs: Vec<(u32, u32, u32)> =
        Vec::with_capacity(analysis.tokens.iter().map(Vec::len).sum());
    for (s, toks) in analysis.sentences.iter().zip(&analysis.tokens) {
        pairs.extend(toks.windows(2).map(|w| (w[0].term, w[1].term, id_u32(s.doc))));
        let rel = s.position as f32 / doc_len[s.doc].max(1) as f32;
        for t in toks {
            let k = t.term as usize;
            count[k] += 1;
            total += 1;
            first[k] = first[k].min(saturating_u32(s.position));
            rel_sum[k] += rel;
            if s.position < 3 {
                early[k] += 1;
            }
            if last_doc[k] != s.doc {
                last_doc[k] = s.doc;
                df[k] += 1;
                in_doc[k] = 0;
            }
            in_doc[k] += 1;
            most_in_doc[k] = most_in_doc[k].max(in_doc[k]);
            if s.doc == 0 {
                first_doc[k] += 1;
            }
            if s.position == 0 {
                doc_terms.push(t.term);
            }
        }
        doc_terms.sort_unstable();
        doc_terms.dedup();
        for &t in &doc_terms {
            lead_docs[t as usize] += 1;
        }
        doc_terms.clear();
    }
    // Terms in a pair that two documents share.
    let mut shared_pair = vec![false; n_terms];
    pairs.sort_unstable();
    for run in pairs.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if run.first().map(|p| p.2) != run.last().map(|p| p.2) {
            shared_pair[run[0].0 as usize] = true;
            shared_pair[run[0].1 as usize] = true;
        }
    }
    // Where each content term's count ranks in the cluster (1 = most frequent).
    let mut order: Vec<usize> =
        (0..n_terms).filter(|&k| !analysis.lexicon.is_stop(id_u32(k))).collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(count[k]), k));
    let mut rank = vec![0f32; n_terms];
    let mut r = 0;
    for (pos, &k) in order.iter().enumerate() {
        if pos == 0 || count[k] != count[order[pos - 1]] {
            r = pos + 1;
        }
        rank[k] = ln_count(saturating_u32(r));
    }
    let top = order.first().map_or(1, |&k| count[k].max(1)) as f32;
    let log_tokens = (total.max(1) as f32).ln();
    let log_docs = (n_docs as f32).ln();
    let log_sentences = (analysis.len().max(1) as f32).ln();
    (0..n_terms)
        .map(|k| {
            let mut row = [0f32; N_TERM_FEATURES];
            let c = count[k].max(1) as f32;
            let stem = analysis.lexicon.stem(id_u32(k));
            let (p, known) = prior.get(stem);
            row[0] = ln_count(count[k].max(1));
            row[1] = df[k] as f32 / n_docs as f32;
            row[2] = log_docs;
            row[3] = analysis.lexicon.is_stop(k as u32) as u8 as f32;
            row[4] = if first[k] == u32::MAX { 0.0 } else { ln_1p_count(first[k]) };
            row[5] = lead_docs[k] as f32 / n_docs as f32;
            row[6] = early[k] as f32 / c;
            row[7] = rel_sum[k] / c;
            row[8] = stem.bytes().any(|b| b.is_ascii_digit()) as u8 as f32;
            row[9] = ln_count(saturating_u32(stem.len().max(1)));
            row[KEEP_FEATURE] = p.keep;
            row[11] = p.rarity;
            row[12] = known as u8 as f32;
            row[13] = 100.0 * c / total.max(1) as f32;
            row[14] = log_tokens;
            row[15] = log_sentences;
            row[16] = ln_1p_count(first_doc[k]);
            row[17] = ln_count(most_in_doc[k].max(1));
            row[18] = p.count;
            row[19] = shared_pair[k] as u8 as f32;
            row[20] = rank[k];
            row[21] = if analysis.lexicon.is_stop(k as u32) { 0.0 } else { count[k] as f32 / top };
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::tests::analysis;

    #[test]
    fn prior_table_parses_and_reports_bad_lines() {
        let t =
            PriorTable::parse("*\t-2.0\t9.0\t0.0\nkerri\t-0.5\t6.0\t0.3\nsyria\t-0.7\t4.5\t0.7\n")
                .unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t.get("kerri"), (StemPrior { keep: -0.5, rarity: 6.0, count: 0.3 }, true));
        assert_eq!(t.get("lavrov"), (StemPrior { keep: -2.0, rarity: 9.0, count: 0.0 }, false));
        let err = PriorTable::parse("kerri\t-0.5\t1.0\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let err = PriorTable::parse("kerri\t-0.5\t6.0\t0\nsyria\tx\t1\t0\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("\"x\""), "{err}");
        let err = PriorTable::parse("kerri\t-0.5\t6.0\t0\nkerri\t-0.5\t6.0\t0\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("twice"), "{err}");
    }

    #[test]
    fn features_count_documents_and_positions() {
        let a = analysis(&[
            &["Kerry met Lavrov in Geneva.", "The talks went on."],
            &["Lavrov welcomed the talks.", "Kerry left Geneva later."],
        ]);
        let prior = PriorTable::default();
        let rows = term_features(&a, &prior);
        assert_eq!(rows.len(), a.lexicon.len());
        let row = |word: &str| {
            let k = (0..a.lexicon.len() as u32).find(|&k| a.lexicon.stem(k) == word).unwrap();
            rows[k as usize]
        };
        // "lavrov": twice, in both documents, in both lead sentences.
        let lavrov = row("lavrov");
        assert_eq!(lavrov[0], 2f32.ln());
        assert_eq!(lavrov[1], 1.0);
        assert_eq!(lavrov[5], 1.0);
        // "later": once, in one document, not in a lead sentence.
        let later = row("later");
        assert_eq!(later[0], 0.0);
        assert_eq!(later[1], 0.5);
        assert_eq!(later[5], 0.0);
        assert_eq!(later[4], 1f32.ln_1p());
        assert_eq!(row("the")[3], 1.0);
        assert_eq!(later[3], 0.0);
    }

    #[test]
    fn shipped_model_matches_the_features() {
        let model: TermModel =
            serde_json::from_str(include_str!("../../data/term-model.json")).unwrap();
        assert!(model.is_valid(), "retrain with examples/train_terms.rs");
        let (_, prior) = TermModel::shipped().expect("shipped term model loads");
        assert!(prior.len() > 1000);
    }
}
