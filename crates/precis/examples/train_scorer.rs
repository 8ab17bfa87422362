//! Trains the learned sentence scorer (`score::Learned`) on Multi-News
//! training clusters and writes `crates/precis/data/sentence-model.json`.
//!
//! ```sh
//! cargo run --release -p precis --example train_scorer -- \
//!     ../shared/data/multinews-train.jsonl.gz crates/precis/data/sentence-model.json
//! ```
//!
//! Run it after `train_terms`: the sentence features include the term
//! model's expectations. For every sentence of the clusters on odd lines
//! (the term model's stem statistics come from the even ones) the target is
//! how much of it the reference summary contains: its ROUGE-1 plus ROUGE-2
//! precision against the reference, in rouge-score's tokenization with
//! stemming. A one-hidden-layer ReLU network (`score::mlp`, Adam, fixed
//! seed) is fitted on 19 clusters in 20 and its squared error on the others
//! reported. Feature extraction runs on two threads; fitting is
//! single-threaded and deterministic.

use precis::eval::rouge_score::RougeScorer;
use precis::score::mlp::{FitConfig, Loss, Mlp};
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
        // The term model's stem statistics come from the even lines, so
        // sentence features that use them are learned on the odd ones.
        if n % 2 == 0 {
            continue;
        }
        let Ok(record) = serde_json::from_str::<Record>(line) else { continue };
        let Some(reference) = record.summaries.first() else { continue };
        let Ok(prepared) = prepare(&record.cluster) else { continue };
        let target = scorer.prepare(reference);
        for (row, s) in features(&prepared.analysis).into_iter().zip(&prepared.analysis.sentences) {
            let sc = scorer.score_prepared(&target, &scorer.prepare(&s.text));
            data.x.push(row);
            data.y.push((sc.rouge1.precision + sc.rouge2.precision) as f32);
            data.held_out.push(n % 20 == 1);
        }
        data.clusters += 1;
    }
    data
}

/// Mean squared error on the held-out rows, of the model and of `constant`.
fn held_out_error(model: &SentenceModel, data: &Data, constant: f64) -> (f64, f64) {
    let (mut sum, mut base, mut count) = (0.0, 0.0, 0);
    for ((row, &y), &held) in data.x.iter().zip(&data.y).zip(&data.held_out) {
        if held {
            sum += (model.predict(row) - y as f64).powi(2);
            base += (constant - y as f64).powi(2);
            count += 1;
        }
    }
    (sum / count.max(1) as f64, base / count.max(1) as f64)
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
    let train: Vec<usize> = (0..data.y.len()).filter(|&i| !data.held_out[i]).collect();
    let x: Vec<f32> = data.x.iter().flatten().copied().collect();
    let config = FitConfig { hidden: 32, epochs: 8, loss: Loss::Squared, ..FitConfig::default() };
    let mut model = SentenceModel {
        features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        network: Mlp::fit(&x, N_FEATURES, &data.y, &train, config),
        trained_on: String::new(),
    };
    let mean = train.iter().map(|&i| data.y[i] as f64).sum::<f64>() / train.len().max(1) as f64;
    let (error, constant) = held_out_error(&model, &data, mean);
    eprintln!("held-out MSE: network {error:.5}, constant {constant:.5} ({:.1?})", start.elapsed());
    model.trained_on = format!(
        "32-unit ReLU network; {} clusters (odd lines), {} sentences of {}; target ROUGE-1 + ROUGE-2 precision \
         (rouge-score, stemmed); held-out MSE {error:.5} (constant {constant:.5})",
        data.clusters,
        data.y.len(),
        std::path::Path::new(input).file_name().and_then(|f| f.to_str()).unwrap_or("?"),
    );
    std::fs::write(output, serde_json::to_string(&model)? + "\n")?;
    eprintln!("wrote {output}");
    Ok(())
}
