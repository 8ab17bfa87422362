//! Trains the term model (`score::TermModel`) on Multi-News training
//! clusters and writes `crates/precis/data/term-model.json` and
//! `crates/precis/data/term-prior.tsv`.
//!
//! ```sh
//! cargo run --release -p precis --example train_terms -- \
//!     ../shared/data/multinews-train.jsonl.gz crates/precis/data [MAX_CLUSTERS]
//! ```
//!
//! The clusters on even lines give the stem statistics: for each stem, the
//! share of clusters containing it whose summary contains it too, its
//! rarity across clusters, and its mean count in the summaries of clusters
//! containing it. The clusters on odd lines (at most MAX_CLUSTERS,
//! default 12,000) give the training rows, one per term of a cluster, with
//! the term's count in the reference summary as target; keeping the two
//! apart stops the network from trusting statistics that saw its targets.
//! One cluster in 20 of those is held out to report the Poisson deviance.
//! Preparation runs on two threads; fitting is single-threaded and
//! deterministic.

use precis::represent::Lexicon;
use precis::score::mlp::{expectation, FitConfig, Loss, Mlp};
use precis::score::{term_features, PriorTable, TermModel, N_TERM_FEATURES, TERM_FEATURE_NAMES};
use precis::{prepare, Cluster};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    summaries: Vec<String>,
}

/// Stems shared by fewer training clusters than this get the values of
/// unknown stems.
const MIN_CLUSTERS: u32 = 20;
/// Pseudo-count pulling a stem's keep rate towards the overall rate.
const SMOOTHING: f64 = 5.0;

/// Stem counts of the reference summary, in the analysis' tokenization.
fn reference_counts(text: &str) -> BTreeMap<String, u32> {
    let mut lexicon = Lexicon::with_capacity(256);
    let mut counts = BTreeMap::new();
    precis::represent::for_each_word(text, |w| {
        let t = lexicon.term(w);
        *counts.entry(lexicon.stem(t).to_owned()).or_insert(0) += 1;
    });
    counts
}

/// Runs `f` over the parsed records of `lines` on two threads.
fn on_two_threads<T: Send>(
    lines: &[(usize, String)],
    f: impl Fn(usize, &Record, &precis::Prepared) -> T + Sync,
) -> Vec<T> {
    let work = |part: &[(usize, String)]| {
        let mut out = Vec::new();
        for (n, line) in part {
            let Ok(record) = serde_json::from_str::<Record>(line) else { continue };
            if record.summaries.is_empty() {
                continue;
            }
            let Ok(prepared) = prepare(&record.cluster) else { continue };
            out.push(f(*n, &record, &prepared));
        }
        out
    };
    let (left, right) = lines.split_at(lines.len() / 2);
    std::thread::scope(|scope| {
        let h = scope.spawn(|| work(left));
        let b = work(right);
        let mut a = h.join().expect("worker thread");
        a.extend(b);
        a
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: train_terms TRAIN.jsonl.gz OUT_DIR [MAX_CLUSTERS]";
    let args: Vec<String> = std::env::args().collect();
    let input = args.get(1).ok_or(usage)?;
    let out_dir = std::path::Path::new(args.get(2).ok_or(usage)?);
    let max: usize = args.get(3).map_or(Ok(12_000), |s| s.parse())?;
    let start = std::time::Instant::now();
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    let lines: Vec<(usize, String)> = BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .enumerate()
        .map(|(n, l)| l.map(|l| (n, l)))
        .collect::<Result<_, _>>()?;
    let (even, odd): (Vec<_>, Vec<_>) = lines.into_iter().partition(|(n, _)| n % 2 == 0);

    // Stem statistics from the even lines.
    let stats = on_two_threads(&even, |_, record, prepared| {
        let lex = &prepared.analysis.lexicon;
        let reference = reference_counts(&record.summaries[0]);
        let mut stems: Vec<(String, u32)> = (0..lex.len() as u32)
            .map(|t| lex.stem(t).to_owned())
            .map(|s| {
                let kept = reference.get(&s).copied().unwrap_or(0);
                (s, kept)
            })
            .collect();
        stems.sort();
        stems.dedup();
        stems
    });
    let n_clusters = stats.len() as f64;
    // Per stem: clusters containing it, those whose summary keeps it, and
    // its total count in those summaries.
    let mut per_stem: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for stems in stats {
        for (s, count) in stems {
            let e = per_stem.entry(s).or_default();
            e.0 += 1;
            e.1 += (count > 0) as u32;
            e.2 += count;
        }
    }
    let sum = |keep: &dyn Fn(u32) -> bool| {
        per_stem.values().filter(|e| keep(e.0)).fold((0f64, 0f64, 0f64, 0f64), |acc, &(n, k, c)| {
            (acc.0 + n as f64, acc.1 + k as f64, acc.2 + c as f64, acc.3 + 1.0)
        })
    };
    let (all_n, all_kept, all_count, _) = sum(&|_| true);
    let (overall, overall_count) = (all_kept / all_n.max(1.0), all_count / all_n.max(1.0));
    let (rare_n, rare_kept, rare_count, rare_stems) = sum(&|n| n < MIN_CLUSTERS);
    let mut tsv = format!(
        "*\t{:.3}\t{:.3}\t{:.3}\n",
        (rare_kept / rare_n.max(1.0)).max(1e-4).ln(),
        (n_clusters / (rare_n / rare_stems.max(1.0)).max(1.0)).ln(),
        (rare_count / rare_n.max(1.0)).max(1e-4).ln(),
    );
    let mut kept_stems = 0;
    for (stem, &(n, kept, count)) in &per_stem {
        if n < MIN_CLUSTERS || stem.contains(['\t', '\n']) {
            continue;
        }
        let smooth =
            |x: u32, mean: f64| ((x as f64 + SMOOTHING * mean) / (n as f64 + SMOOTHING)).ln();
        let rarity = (n_clusters / n as f64).ln();
        tsv.push_str(&format!(
            "{stem}\t{:.3}\t{rarity:.3}\t{:.3}\n",
            smooth(kept, overall),
            smooth(count, overall_count)
        ));
        kept_stems += 1;
    }
    let prior = PriorTable::parse(&tsv)?;
    eprintln!(
        "stem statistics: {} clusters, {kept_stems} stems kept of {} ({:.1?})",
        n_clusters,
        per_stem.len(),
        start.elapsed()
    );

    // Training rows from the odd lines.
    let odd = &odd[..odd.len().min(max)];
    let rows = on_two_threads(odd, |n, record, prepared| {
        let reference = reference_counts(&record.summaries[0]);
        let lex = &prepared.analysis.lexicon;
        let x = term_features(&prepared.analysis, &prior);
        let y: Vec<f32> = (0..lex.len() as u32)
            .map(|t| reference.get(lex.stem(t)).copied().unwrap_or(0) as f32)
            .collect();
        (n % 20 == 1, x, y)
    });
    let (mut x, mut y, mut held) = (Vec::new(), Vec::new(), Vec::new());
    let clusters = rows.len();
    for (h, xs, ys) in rows {
        for row in xs {
            x.extend_from_slice(&row);
            held.push(h);
        }
        y.extend(ys);
    }
    let train: Vec<usize> = (0..y.len()).filter(|&i| !held[i]).collect();
    eprintln!("{clusters} clusters, {} term rows ({:.1?})", y.len(), start.elapsed());
    let config = FitConfig { hidden: 16, epochs: 3, loss: Loss::Poisson, ..FitConfig::default() };
    let network = Mlp::fit(&x, N_TERM_FEATURES, &y, &train, config);
    // Mean Poisson deviance on the held-out clusters, against a constant rate.
    let held_rows: Vec<usize> = (0..y.len()).filter(|&i| held[i]).collect();
    let mean_rate = train.iter().map(|&i| y[i] as f64).sum::<f64>() / train.len().max(1) as f64;
    let deviance = |rate: &dyn Fn(usize) -> f64| {
        held_rows
            .iter()
            .map(|&i| {
                let (obs, mu) = (y[i] as f64, rate(i).max(1e-9));
                2.0 * (if obs > 0.0 { obs * (obs / mu).ln() } else { 0.0 } - (obs - mu))
            })
            .sum::<f64>()
            / held_rows.len().max(1) as f64
    };
    let model_dev = deviance(&|i| {
        expectation(
            Loss::Poisson,
            network.predict(&x[i * N_TERM_FEATURES..(i + 1) * N_TERM_FEATURES]),
        )
    });
    let const_dev = deviance(&|_| mean_rate);
    eprintln!("held-out Poisson deviance: {model_dev:.4} (constant rate {const_dev:.4})");
    let model = TermModel {
        features: TERM_FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        network,
        trained_on: format!(
            "16-unit ReLU network, Poisson loss; {} term rows of {clusters} clusters (odd lines) of {}; \
             stem statistics from {} clusters (even lines); held-out deviance {model_dev:.4}, constant {const_dev:.4}",
            y.len(),
            std::path::Path::new(input).file_name().and_then(|f| f.to_str()).unwrap_or("?"),
            n_clusters,
        ),
    };
    std::fs::write(out_dir.join("term-model.json"), serde_json::to_string(&model)? + "\n")?;
    std::fs::write(out_dir.join("term-prior.tsv"), tsv)?;
    eprintln!(
        "wrote {}/term-model.json and term-prior.tsv ({:.1?})",
        out_dir.display(),
        start.elapsed()
    );
    Ok(())
}
