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
//! stemming. Two models are fitted on 95% of the clusters, a ridge regression
//! (closed form) and a one-hidden-layer ReLU network (Adam, fixed seed), and
//! the one with the lower squared error on the other 5% is written.
//! Feature extraction runs on two threads; fitting is single-threaded and
//! deterministic.

// The fitting code is dense linear algebra over packed parameter vectors,
// where explicit indices read more clearly than zipped iterators.
#![allow(clippy::needless_range_loop)]

use precis::eval::rouge_score::RougeScorer;
use precis::score::{features, SentenceModel, FEATURE_NAMES, N_FEATURES};
use precis::{prepare, Cluster};
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    summaries: Vec<String>,
}

/// Feature rows and targets.
#[derive(Default)]
struct Data {
    x: Vec<[f32; N_FEATURES]>,
    y: Vec<f32>,
    /// Whether each row belongs to the held-out clusters.
    held_out: Vec<bool>,
    clusters: usize,
}

fn extract(lines: &[(usize, String)]) -> Data {
    let scorer = RougeScorer::new(true);
    let mut data = Data::default();
    for (n, line) in lines {
        let Ok(record) = serde_json::from_str::<Record>(line) else { continue };
        let Some(reference) = record.summaries.first() else { continue };
        let Ok(prepared) = prepare(&record.cluster) else { continue };
        let target = scorer.prepare(reference);
        for (row, s) in features(&prepared.analysis).into_iter().zip(&prepared.analysis.sentences) {
            let sc = scorer.score_prepared(&target, &scorer.prepare(&s.text));
            data.x.push(row);
            data.y.push((sc.rouge1.precision + sc.rouge2.precision) as f32);
            data.held_out.push(n % 20 == 0);
        }
        data.clusters += 1;
    }
    data
}

/// Ridge regression by the normal equations and a Cholesky solve.
fn ridge(data: &Data, lambda: f64) -> Vec<f64> {
    let n = N_FEATURES;
    let mut a = vec![0.0f64; n * n];
    let mut b = vec![0.0f64; n];
    for ((row, &y), &held) in data.x.iter().zip(&data.y).zip(&data.held_out) {
        if held {
            continue;
        }
        for i in 0..n {
            let xi = row[i] as f64;
            if xi == 0.0 {
                continue;
            }
            b[i] += xi * y as f64;
            for j in 0..n {
                a[i * n + j] += xi * row[j] as f64;
            }
        }
    }
    for i in 0..n {
        a[i * n + i] += lambda;
    }
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let sum = a[i * n + j] - (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum::<f64>();
            l[i * n + j] = if i == j { sum.max(1e-12).sqrt() } else { sum / l[j * n + j] };
        }
    }
    let mut z = vec![0.0; n];
    for i in 0..n {
        z[i] = (b[i] - (0..i).map(|k| l[i * n + k] * z[k]).sum::<f64>()) / l[i * n + i];
    }
    let mut w = vec![0.0; n];
    for i in (0..n).rev() {
        w[i] = (z[i] - (i + 1..n).map(|k| l[k * n + i] * w[k]).sum::<f64>()) / l[i * n + i];
    }
    w
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One hidden ReLU layer, trained by Adam on squared error.
fn mlp(data: &Data, hidden: usize, epochs: usize) -> SentenceModel {
    let n = N_FEATURES;
    let train: Vec<usize> = (0..data.y.len()).filter(|&i| !data.held_out[i]).collect();
    let mut mean = vec![0.0; n];
    let mut scale = vec![0.0; n];
    for &i in &train {
        for f in 0..n {
            mean[f] += data.x[i][f] as f64;
        }
    }
    mean.iter_mut().for_each(|m| *m /= train.len() as f64);
    for &i in &train {
        for f in 0..n {
            scale[f] += (data.x[i][f] as f64 - mean[f]).powi(2);
        }
    }
    scale.iter_mut().for_each(|s| *s = (*s / train.len() as f64).sqrt().max(1e-6));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Parameters: w1 (hidden × n), b1, w2 (hidden), b2, packed in one vector.
    let size = hidden * n + hidden + hidden + 1;
    let mut p: Vec<f64> =
        (0..size).map(|_| (rng.uniform() - 0.5) * 2.0 * (1.0 / n as f64).sqrt()).collect();
    p[size - 1] = data.y.iter().map(|&y| y as f64).sum::<f64>() / data.y.len() as f64;
    let (mut m, mut v) = (vec![0.0; size], vec![0.0; size]);
    let (lr, b1, b2, eps): (f64, f64, f64, f64) = (1e-3, 0.9, 0.999, 1e-8);
    let mut order = train.clone();
    let mut step = 0i32;
    let mut grad = vec![0.0; size];
    let mut h = vec![0.0; hidden];
    let mut x = vec![0.0; n];
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for batch in order.chunks(256) {
            grad.iter_mut().for_each(|g| *g = 0.0);
            for &r in batch {
                for f in 0..n {
                    x[f] = (data.x[r][f] as f64 - mean[f]) / scale[f];
                }
                let mut out = p[size - 1];
                for u in 0..hidden {
                    let w = &p[u * n..(u + 1) * n];
                    let z = w.iter().zip(&x).map(|(a, b)| a * b).sum::<f64>() + p[hidden * n + u];
                    h[u] = z.max(0.0);
                    out += p[hidden * n + hidden + u] * h[u];
                }
                let d = 2.0 * (out - data.y[r] as f64) / batch.len() as f64;
                grad[size - 1] += d;
                for u in 0..hidden {
                    grad[hidden * n + hidden + u] += d * h[u];
                    if h[u] > 0.0 {
                        let dz = d * p[hidden * n + hidden + u];
                        grad[hidden * n + u] += dz;
                        for f in 0..n {
                            grad[u * n + f] += dz * x[f];
                        }
                    }
                }
            }
            step += 1;
            let (c1, c2) = (1.0 - b1.powi(step), 1.0 - b2.powi(step));
            for k in 0..size {
                m[k] = b1 * m[k] + (1.0 - b1) * grad[k];
                v[k] = b2 * v[k] + (1.0 - b2) * grad[k] * grad[k];
                p[k] -= lr * (m[k] / c1) / ((v[k] / c2).sqrt() + eps);
            }
        }
    }
    SentenceModel {
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        weights: p[hidden * n + hidden..hidden * n + 2 * hidden].to_vec(),
        mean,
        scale,
        hidden: (0..hidden).map(|u| p[u * n..(u + 1) * n].to_vec()).collect(),
        hidden_bias: p[hidden * n..hidden * n + hidden].to_vec(),
        output_bias: p[size - 1],
        trained_on: String::new(),
    }
}

fn held_out_error(model: &SentenceModel, data: &Data) -> f64 {
    let (mut sum, mut count) = (0.0, 0);
    for ((row, &y), &held) in data.x.iter().zip(&data.y).zip(&data.held_out) {
        if held {
            sum += (model.predict(row) - y as f64).powi(2);
            count += 1;
        }
    }
    sum / count.max(1) as f64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: train_scorer TRAIN.jsonl.gz OUT.json [MAX_CLUSTERS]";
    let args: Vec<String> = std::env::args().collect();
    let input = args.get(1).ok_or(usage)?;
    let output = args.get(2).ok_or(usage)?;
    let max: usize = args.get(3).map_or(Ok(usize::MAX), |s| s.parse())?;
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let start = std::time::Instant::now();
    let mut data = Data::default();
    let mut lines = reader.lines().take(max).enumerate();
    loop {
        let chunk: Vec<(usize, String)> =
            lines.by_ref().take(2000).map(|(n, l)| l.map(|l| (n, l))).collect::<Result<_, _>>()?;
        if chunk.is_empty() {
            break;
        }
        let (left, right) = chunk.split_at(chunk.len() / 2);
        let (a, b) = std::thread::scope(|scope| {
            let ha = scope.spawn(|| extract(left));
            let b = extract(right);
            (ha.join().expect("worker thread"), b)
        });
        for part in [a, b] {
            data.x.extend(part.x);
            data.y.extend(part.y);
            data.held_out.extend(part.held_out);
            data.clusters += part.clusters;
        }
        eprintln!(
            "{} clusters, {} sentences, {:.1?}",
            data.clusters,
            data.y.len(),
            start.elapsed()
        );
    }
    let linear = SentenceModel {
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        weights: ridge(&data, 1.0),
        mean: Vec::new(),
        scale: Vec::new(),
        hidden: Vec::new(),
        hidden_bias: Vec::new(),
        output_bias: 0.0,
        trained_on: String::new(),
    };
    let network = mlp(&data, 16, 3);
    let (e_lin, e_mlp) = (held_out_error(&linear, &data), held_out_error(&network, &data));
    eprintln!("held-out MSE: ridge {e_lin:.5}, network {e_mlp:.5} ({:.1?})", start.elapsed());
    let (mut model, kind) = if e_mlp < e_lin {
        (network, "16-unit ReLU network")
    } else {
        (linear, "ridge regression")
    };
    model.trained_on = format!(
        "{kind}; {} clusters, {} sentences of {}; target ROUGE-1 + ROUGE-2 precision (rouge-score, stemmed); \
         held-out MSE ridge {e_lin:.5}, network {e_mlp:.5}",
        data.clusters,
        data.y.len(),
        std::path::Path::new(input).file_name().and_then(|f| f.to_str()).unwrap_or("?"),
    );
    std::fs::write(output, serde_json::to_string(&model)? + "\n")?;
    eprintln!("wrote {output}: {kind}");
    Ok(())
}
