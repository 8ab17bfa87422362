//! Centroid scoring in the manner of MEAD (Radev et al. 2004).

use super::{Account, Contribution, Scorer};
use crate::represent::Analysis;

/// MEAD's centroid score: `C + P + F`, where `C` sums the cluster centroid's
/// tf-idf value over the sentence's distinct content terms, `P` rewards early
/// position (`Cmax · (n − i) / n` for sentence `i` of `n`), and `F` is the
/// sentence's overlap with its document's first sentence.
#[derive(Debug, Clone)]
pub struct Centroid {
    /// Weight of the centroid value. Default 1.
    pub centroid_weight: f64,
    /// Weight of the position value. Default 1.
    pub position_weight: f64,
    /// Weight of the first-sentence overlap. Default 1.
    pub first_weight: f64,
    /// Centroid terms kept: the strongest `top_terms`. Default 100.
    pub top_terms: usize,
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid { centroid_weight: 1.0, position_weight: 1.0, first_weight: 1.0, top_terms: 100 }
    }
}

impl Centroid {
    fn parts(&self, analysis: &Analysis) -> Vec<[f64; 3]> {
        let n_terms = analysis.lexicon.len();
        let mut centroid = vec![0.0f64; n_terms];
        for c in &analysis.counts {
            for &(t, tf) in c.entries() {
                centroid[t as usize] += tf as f64 * analysis.idf[t as usize] as f64;
            }
        }
        let docs = analysis.n_docs.max(1) as f64;
        centroid.iter_mut().for_each(|v| *v /= docs);
        if n_terms > self.top_terms {
            let mut sorted: Vec<f64> = centroid.clone();
            sorted.sort_by(|a, b| b.total_cmp(a));
            let cut = sorted[self.top_terms - 1];
            centroid.iter_mut().filter(|v| **v < cut).for_each(|v| *v = 0.0);
        }
        let c: Vec<f64> = analysis
            .counts
            .iter()
            .map(|v| v.entries().iter().map(|&(t, _)| centroid[t as usize]).sum())
            .collect();
        let c_max = c.iter().copied().fold(0.0, f64::max);
        let mut doc_len = vec![0usize; analysis.n_docs];
        let mut first = vec![usize::MAX; analysis.n_docs];
        for (i, s) in analysis.sentences.iter().enumerate() {
            doc_len[s.doc] = doc_len[s.doc].max(s.position + 1);
            if first[s.doc] == usize::MAX || s.position < analysis.sentences[first[s.doc]].position
            {
                first[s.doc] = i;
            }
        }
        analysis
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let n = doc_len[s.doc].max(1) as f64;
                let p = c_max * (n - s.position as f64) / n;
                let f = analysis.vectors[i].dot(&analysis.vectors[first[s.doc]]) as f64;
                [c[i], p, f]
            })
            .collect()
    }
}

impl Centroid {
    /// The account of sentence `i`'s score for `--explain`: its three
    /// weighted parts.
    pub fn account(&self, analysis: &Analysis, i: usize) -> Account {
        let Some(&[c, p, f]) = self.parts(analysis).get(i) else {
            return Account::default();
        };
        let part = |feature: &str, label: &str, value: f64| Contribution {
            feature: feature.to_owned(),
            label: label.to_owned(),
            contribution: value,
        };
        Account {
            scored_by: "the centroid method: closeness to the cluster's main words, place in its article and overlap with its article's first sentence".into(),
            contributions: vec![
                part("C", "closeness to the cluster's main words", self.centroid_weight * c),
                part("P", "its place in its article", self.position_weight * p),
                part("F", "overlap with its article's first sentence", self.first_weight * f),
            ],
        }
    }
}

impl Scorer for Centroid {
    fn score(&self, analysis: &Analysis) -> Vec<f64> {
        self.parts(analysis)
            .into_iter()
            .map(|[c, p, f]| {
                (self.centroid_weight * c + self.position_weight * p + self.first_weight * f)
                    .max(0.0)
            })
            .collect()
    }

    fn explain(&self, analysis: &Analysis, _scores: &[f64], i: usize) -> String {
        let [c, p, f] = self.parts(analysis)[i];
        format!("centroid: C {c:.3} + P {p:.3} + F {f:.3}")
    }
}
