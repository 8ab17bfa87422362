//! ROUGE: `RougeScorer` (Google's rouge-score) and `rouge155`
//! (ROUGE-1.5.5.pl), over the core's exact reimplementations.
//!
//! Scores cross the boundary as plain tuples of floats; the pure-Python
//! `precis.rouge` module turns them into rouge-score's `Score` tuples.

use crate::{error, parallel};
use precis::eval::rouge155::{Options, Rouge155};
use precis::eval::rouge_score::{RougeScorer, Score};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Adds the classes and functions of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRougeScorer>()?;
    m.add_function(wrap_pyfunction!(rouge155, m)?)?;
    Ok(())
}

/// One rouge-score type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `rouge1` to `rouge9`.
    N(usize),
    /// `rougeL`.
    L,
    /// `rougeLsum`.
    Lsum,
}

impl Kind {
    /// rouge-score's names: `rougeL`, `rougeLsum`, and `rouge` followed by
    /// one digit from 1 to 9 (its pattern is `rouge[0-9]$`, and 0 is refused).
    fn parse(name: &str) -> Option<Kind> {
        match name {
            "rougeL" => Some(Kind::L),
            "rougeLsum" => Some(Kind::Lsum),
            _ => {
                let digit = name.strip_prefix("rouge")?;
                match digit.as_bytes() {
                    [d @ b'1'..=b'9'] => Some(Kind::N(usize::from(d - b'0'))),
                    _ => None,
                }
            }
        }
    }
}

/// `(precision, recall, fmeasure)`.
type Triple = (f64, f64, f64);

fn triple(s: Score) -> Triple {
    (s.precision, s.recall, s.fmeasure)
}

/// The scores of `kinds` for one pair, in that order.
fn score_pair(scorer: &RougeScorer, kinds: &[Kind], target: &str, prediction: &str) -> Vec<Score> {
    // One pass gives rouge1, rouge2, rougeL and rougeLsum together.
    let base = kinds
        .iter()
        .any(|k| !matches!(k, Kind::N(n) if *n > 2))
        .then(|| scorer.score(target, prediction));
    kinds
        .iter()
        .map(|&k| match (k, &base) {
            (Kind::N(1), Some(b)) => b.rouge1,
            (Kind::N(2), Some(b)) => b.rouge2,
            (Kind::L, Some(b)) => b.rouge_l,
            (Kind::Lsum, Some(b)) => b.rouge_lsum,
            (Kind::N(n), _) => scorer.score_n(target, prediction, n),
            // `base` is computed whenever a type other than rouge3+ is asked for.
            (_, None) => Score::default(),
        })
        .collect()
}

/// For each type, the score of the target with the highest F1, the first on
/// ties (`np.argmax`), as rouge-score's `score_multi`.
fn score_best(
    scorer: &RougeScorer,
    kinds: &[Kind],
    targets: &[String],
    prediction: &str,
) -> Vec<Score> {
    let mut best: Option<Vec<Score>> = None;
    for target in targets {
        let scores = score_pair(scorer, kinds, target, prediction);
        match &mut best {
            None => best = Some(scores),
            Some(best) => {
                for (b, s) in best.iter_mut().zip(scores) {
                    if s.fmeasure > b.fmeasure {
                        *b = s;
                    }
                }
            }
        }
    }
    best.unwrap_or_default()
}

/// rouge-score's `RougeScorer` (the native half of `precis.rouge.RougeScorer`).
#[pyclass(frozen, module = "precis._native", name = "RougeScorer")]
pub struct PyRougeScorer {
    kinds: Vec<Kind>,
    use_stemmer: bool,
    scorer: RougeScorer,
}

#[pymethods]
impl PyRougeScorer {
    /// A scorer for `rouge_types` (rouge1..rouge9, rougeL, rougeLsum).
    #[new]
    fn new(py: Python<'_>, rouge_types: Vec<String>, use_stemmer: bool) -> PyResult<Self> {
        let kinds = rouge_types
            .iter()
            .map(|t| {
                Kind::parse(t).ok_or_else(|| {
                    error::config(
                        py,
                        format!(
                            "invalid rouge type {t:?}; give rouge1 to rouge9, rougeL or rougeLsum"
                        ),
                    )
                })
            })
            .collect::<PyResult<Vec<Kind>>>()?;
        Ok(PyRougeScorer { kinds, use_stemmer, scorer: RougeScorer::new(use_stemmer) })
    }

    /// Scores of one pair, one `(precision, recall, fmeasure)` per type.
    fn score(&self, py: Python<'_>, target: &str, prediction: &str) -> Vec<Triple> {
        py.detach(|| score_pair(&self.scorer, &self.kinds, target, prediction))
            .into_iter()
            .map(triple)
            .collect()
    }

    /// Scores against the best of several targets, per type.
    fn score_multi(
        &self,
        py: Python<'_>,
        targets: Vec<String>,
        prediction: &str,
    ) -> PyResult<Vec<Triple>> {
        if targets.is_empty() {
            return Err(PyValueError::new_err(
                "score_multi needs at least one target; got an empty list",
            ));
        }
        Ok(py
            .detach(|| score_best(&self.scorer, &self.kinds, &targets, prediction))
            .into_iter()
            .map(triple)
            .collect())
    }

    /// Scores many pairs on `threads` threads without the GIL: prediction
    /// `i` against the best of `targets[i]`. Each thread has a scorer of its
    /// own, so they share no lock.
    fn score_many(
        &self,
        py: Python<'_>,
        targets: Vec<Vec<String>>,
        predictions: Vec<String>,
        threads: usize,
    ) -> PyResult<Vec<Vec<Triple>>> {
        if targets.len() != predictions.len() {
            return Err(PyValueError::new_err(format!(
                "score_many needs one target (or list of targets) per prediction; got {} targets and {} predictions",
                targets.len(),
                predictions.len()
            )));
        }
        if let Some(i) = targets.iter().position(Vec::is_empty) {
            return Err(PyValueError::new_err(format!(
                "targets[{i}] is an empty list; give at least one target per prediction"
            )));
        }
        let pairs: Vec<(&[String], &str)> =
            targets.iter().map(Vec::as_slice).zip(predictions.iter().map(String::as_str)).collect();
        let use_stemmer = self.use_stemmer;
        let kinds = &self.kinds;
        Ok(py.detach(|| {
            parallel::map_with(
                &pairs,
                threads,
                || RougeScorer::new(use_stemmer),
                |scorer, (targets, prediction)| {
                    score_best(scorer, kinds, targets, prediction).into_iter().map(triple).collect()
                },
            )
        }))
    }
}

/// `(metric, [R mean, R low, R high, P mean, P low, P high, F mean, F low, F high])`.
type Average = (String, [f64; 9]);

/// `(metric, [recall, precision, f1, model count, peer count, hits])`.
type ClusterScore = (String, [f64; 6]);

/// ROUGE-1.5.5 with `flags` over clusters, in the order given (the order
/// the bootstrap draws from): the averages with their intervals, and every
/// cluster's scores. Runs on `threads` threads without the GIL.
#[pyfunction]
fn rouge155(
    py: Python<'_>,
    predictions: Vec<String>,
    references: Vec<Vec<String>>,
    flags: &str,
    threads: usize,
) -> PyResult<(Vec<Average>, Vec<Vec<ClusterScore>>)> {
    if predictions.len() != references.len() {
        return Err(PyValueError::new_err(format!(
            "rouge155 needs one list of references per prediction; got {} predictions and {} reference lists",
            predictions.len(),
            references.len()
        )));
    }
    let options = Options::from_flags(flags).map_err(|e| error::config(py, e.to_string()))?;
    let rouge = Rouge155::new(options);
    let pairs: Vec<(&str, Vec<&str>)> = predictions
        .iter()
        .zip(&references)
        .map(|(p, refs)| (p.as_str(), refs.iter().map(String::as_str).collect()))
        .collect();
    let (averages, clusters) = py.detach(|| {
        let clusters = parallel::map_with(
            &pairs,
            threads,
            || (),
            |_, (peer, models)| rouge.score_cluster(peer, models),
        );
        (rouge.average(&clusters), clusters)
    });
    let averages = averages
        .into_iter()
        .map(|a| {
            let e = [a.recall, a.precision, a.f1];
            let mut v = [0.0; 9];
            for (k, est) in e.iter().enumerate() {
                v[3 * k] = est.mean;
                v[3 * k + 1] = est.low;
                v[3 * k + 2] = est.high;
            }
            (a.metric, v)
        })
        .collect();
    let clusters = clusters
        .into_iter()
        .map(|c| {
            c.scores
                .into_iter()
                .map(|(name, s)| {
                    (name, [s.recall, s.precision, s.f1, s.model_count, s.peer_count, s.hits])
                })
                .collect()
        })
        .collect();
    Ok((averages, clusters))
}
