//! Trains the learned sentence scorer (`score::Learned`) on Multi-News
//! training clusters and writes `crates/precis/data/sentence-model.json`.
//!
//! ```sh
//! cargo run --release -p precis --example train_scorer -- \
//!     ../shared/data/multinews-train.jsonl.gz crates/precis/data/sentence-model.json
//! ```
//!
//! For every sentence of every cluster the target is how much of it the
//! reference summary contains: ROUGE-1 plus ROUGE-2 precision of the
//! sentence against the reference, in rouge-score's tokenization with
//! stemming. The model is a ridge regression on `score::features`, solved
//! in closed form; two threads take the clusters in turns.

use precis::eval::rouge_score::RougeScorer;
use precis::score::{features, LinearModel, FEATURE_NAMES, N_FEATURES};
use precis::{prepare, Cluster};
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    summaries: Vec<String>,
}

/// Sufficient statistics of a least-squares fit.
struct Normal {
    xtx: Vec<f64>,
    xty: Vec<f64>,
    rows: u64,
    clusters: u64,
}

impl Normal {
    fn new() -> Normal {
        Normal {
            xtx: vec![0.0; N_FEATURES * N_FEATURES],
            xty: vec![0.0; N_FEATURES],
            rows: 0,
            clusters: 0,
        }
    }

    fn add(&mut self, row: &[f32; N_FEATURES], y: f64) {
        for a in 0..N_FEATURES {
            let xa = row[a] as f64;
            if xa == 0.0 {
                continue;
            }
            self.xty[a] += xa * y;
            for b in 0..N_FEATURES {
                self.xtx[a * N_FEATURES + b] += xa * row[b] as f64;
            }
        }
        self.rows += 1;
    }

    fn merge(&mut self, other: Normal) {
        self.xtx.iter_mut().zip(other.xtx).for_each(|(a, b)| *a += b);
        self.xty.iter_mut().zip(other.xty).for_each(|(a, b)| *a += b);
        self.rows += other.rows;
        self.clusters += other.clusters;
    }

    /// Solves `(XᵀX + λI) w = Xᵀy` by Cholesky decomposition.
    fn solve(&self, ridge: f64) -> Vec<f64> {
        let n = N_FEATURES;
        let mut a = self.xtx.clone();
        for i in 0..n {
            a[i * n + i] += ridge;
        }
        let mut l = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..=i {
                let mut sum = a[i * n + j];
                for k in 0..j {
                    sum -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = if i == j { sum.max(1e-12).sqrt() } else { sum / l[j * n + j] };
            }
        }
        let mut z = vec![0.0; n];
        for i in 0..n {
            let mut sum = self.xty[i];
            for k in 0..i {
                sum -= l[i * n + k] * z[k];
            }
            z[i] = sum / l[i * n + i];
        }
        let mut w = vec![0.0; n];
        for i in (0..n).rev() {
            let mut sum = z[i];
            for k in i + 1..n {
                sum -= l[k * n + i] * w[k];
            }
            w[i] = sum / l[i * n + i];
        }
        w
    }
}

fn accumulate(lines: &[String], normal: &mut Normal) {
    let scorer = RougeScorer::new(true);
    for line in lines {
        let Ok(record) = serde_json::from_str::<Record>(line) else { continue };
        let Some(reference) = record.summaries.first() else { continue };
        let Ok(prepared) = prepare(&record.cluster) else { continue };
        let target = scorer.prepare(reference);
        for (row, s) in features(&prepared.analysis).iter().zip(&prepared.analysis.sentences) {
            let scores = scorer.score_prepared(&target, &scorer.prepare(&s.text));
            normal.add(row, scores.rouge1.precision + scores.rouge2.precision);
        }
        normal.clusters += 1;
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let input = args.get(1).ok_or("usage: train_scorer TRAIN.jsonl.gz OUT.json [MAX_CLUSTERS]")?;
    let output = args.get(2).ok_or("usage: train_scorer TRAIN.jsonl.gz OUT.json [MAX_CLUSTERS]")?;
    let max: usize = args.get(3).map_or(Ok(usize::MAX), |s| s.parse())?;
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let start = std::time::Instant::now();
    let mut total = Normal::new();
    let mut lines = reader.lines().take(max);
    loop {
        let chunk: Vec<String> = lines.by_ref().take(2000).collect::<Result<_, _>>()?;
        if chunk.is_empty() {
            break;
        }
        let (left, right) = chunk.split_at(chunk.len() / 2);
        let (a, b) = std::thread::scope(|scope| {
            let ha = scope.spawn(|| {
                let mut n = Normal::new();
                accumulate(left, &mut n);
                n
            });
            let mut nb = Normal::new();
            accumulate(right, &mut nb);
            (ha.join().expect("worker thread"), nb)
        });
        total.merge(a);
        total.merge(b);
        eprintln!("{} clusters, {} sentences, {:.1?}", total.clusters, total.rows, start.elapsed());
    }
    let weights = total.solve(1.0);
    let model = LinearModel {
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        weights,
        trained_on: format!(
            "{} clusters, {} sentences of {}; target ROUGE-1 + ROUGE-2 precision (rouge-score, stemmed); ridge 1.0",
            total.clusters,
            total.rows,
            std::path::Path::new(input).file_name().and_then(|f| f.to_str()).unwrap_or("?"),
        ),
    };
    std::fs::write(output, serde_json::to_string_pretty(&model)? + "\n")?;
    for (name, w) in FEATURE_NAMES.iter().zip(&model.weights) {
        eprintln!("{w:+.4}  {name}");
    }
    Ok(())
}
