//! `precis eval --protocol offevent`: how well the off-event detector finds
//! the documents of a cluster that report another event.
//!
//! Each record is a cluster whose `off_event` field lists the ids of its
//! off-event documents (an empty list for a clean cluster), as in
//! `offevent-duc2003.jsonl.gz`. Printed: precision, recall and F1 of the
//! flagged documents over all records, the share of clean records where
//! anything is flagged, and a held-half figure: the records are split in two
//! halves by cluster (a cluster's `-clean` and `-intr` versions stay
//! together), the threshold is chosen on one half and scored on the other,
//! and the two test halves are pooled.
//! A row scores the confident flags alone: the documents whose sentences
//! summaries leave out.
//!
//! What each signal adds: the same figures for the previous, hand-set
//! detector (the two signals' combined ratio to the cluster's medians,
//! flagged below 0.45 when both are below the median), the named-things
//! signal alone, the phrase signal alone (each as a ratio to the cluster's
//! median), and the baseline, a leave-one-out cosine of each document's
//! tf-idf vector with the rest of the cluster (each with its best threshold
//! on all records, and held-half).

use crate::eval_cmd::EvalArgs;
use crate::{input, BadInput, Status};
use anyhow::{bail, Result};
use precis::off_event::{detect, leave_one_out_cosine, THRESHOLD};
use precis::{prepare, Cluster};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    off_event: Option<Vec<String>>,
}

/// What is scored: the detector, the hand-set combination it replaced,
/// each of its two signals alone, and the leave-one-out cosine baseline.
const VARIANTS: [&str; 5] = [
    "detector",
    "previous detector (hand-set)",
    "named things alone",
    "repeated phrases alone",
    "baseline: leave-one-out cosine",
];

/// The threshold of the previous, hand-set detector.
const PREVIOUS_THRESHOLD: f64 = 0.45;

/// The score slot of the confident flags: 0 for a confident flag, else
/// infinity, so that flagging below [`THRESHOLD`] gives exactly the
/// documents whose sentences summaries leave out.
const CONFIDENT_ROW: usize = 5;

/// One record's answer and the detector's scores.
struct Judged {
    /// The cluster id without a `-clean`/`-intr` suffix.
    base: String,
    gold: BTreeSet<String>,
    /// Each judged document's id and its score under each of [`VARIANTS`]
    /// (a document is flagged below the threshold), then [`CONFIDENT_ROW`].
    scores: Vec<(String, [f64; 6])>,
}

/// Counts of flagged documents against the answers.
#[derive(Debug, Default, Clone, Copy, Serialize)]
struct Counts {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    clean: usize,
    clean_flagged: usize,
}

impl Counts {
    fn of<'a>(
        judged: impl IntoIterator<Item = &'a Judged>,
        variant: usize,
        threshold: f64,
    ) -> Counts {
        let mut c = Counts::default();
        for j in judged {
            let flagged: BTreeSet<&str> = j
                .scores
                .iter()
                .filter(|s| s.1[variant] < threshold)
                .map(|s| s.0.as_str())
                .collect();
            let tp = j.gold.iter().filter(|g| flagged.contains(g.as_str())).count();
            c.true_pos += tp;
            c.false_pos += flagged.len() - tp;
            c.false_neg += j.gold.len() - tp;
            if j.gold.is_empty() {
                c.clean += 1;
                c.clean_flagged += usize::from(!flagged.is_empty());
            }
        }
        c
    }

    fn add(self, o: Counts) -> Counts {
        Counts {
            true_pos: self.true_pos + o.true_pos,
            false_pos: self.false_pos + o.false_pos,
            false_neg: self.false_neg + o.false_neg,
            clean: self.clean + o.clean,
            clean_flagged: self.clean_flagged + o.clean_flagged,
        }
    }

    fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }

    fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn clean_rate(&self) -> f64 {
        ratio(self.clean_flagged, self.clean)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Serialize)]
struct Line {
    what: String,
    threshold: String,
    precision: f64,
    recall: f64,
    f1: f64,
    clean_flagged: f64,
    #[serde(flatten)]
    counts: Counts,
}

impl Line {
    fn new(what: &str, threshold: String, c: Counts) -> Line {
        Line {
            what: what.to_owned(),
            threshold,
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
            clean_flagged: c.clean_rate(),
            counts: c,
        }
    }
}

/// Runs the protocol.
pub fn run(args: &EvalArgs) -> Result<Status> {
    let mut judged = Vec::new();
    let mut millis = 0.0;
    let mut detect_millis = 0.0;
    input::for_each_record(
        &args.data,
        "--data",
        "a cluster with \"off_event\" (a list of document ids)",
        |n, r: Record| {
            let Some(gold) = r.off_event else {
                bail!(BadInput(format!(
                    "{}:{n}: cluster {:?} has no \"off_event\" list; the offevent protocol \
                     needs the answer in each record (an empty list for a clean cluster)",
                    args.data.display(),
                    r.cluster.id
                )));
            };
            let id = &r.cluster.id;
            let base = id.strip_suffix("-clean").or_else(|| id.strip_suffix("-intr")).unwrap_or(id);
            let start = Instant::now();
            let prepared = match prepare(&r.cluster) {
                Ok(prepared) => prepared,
                // A cluster without a sentence has no document to flag: it
                // is scored as flagging none (its answers, if any, are missed).
                Err(precis::Error::EmptyCluster { .. } | precis::Error::NoSentences { .. }) => {
                    millis += start.elapsed().as_secs_f64() * 1e3;
                    judged.push(Judged {
                        base: base.to_owned(),
                        gold: gold.into_iter().collect(),
                        scores: Vec::new(),
                    });
                    return Ok(args.limit.is_none_or(|l| judged.len() < l));
                }
                Err(e) => bail!(BadInput(format!("{}:{n}: {e}", args.data.display()))),
            };
            millis += start.elapsed().as_secs_f64() * 1e3;
            // `prepare` already ran the detector; timed again on its own.
            let start = Instant::now();
            let verdicts = detect(&prepared.analysis);
            detect_millis += start.elapsed().as_secs_f64() * 1e3;
            let cosine = leave_one_out_cosine(&prepared.analysis);
            judged.push(Judged {
                base: base.to_owned(),
                gold: gold.into_iter().collect(),
                scores: verdicts
                    .iter()
                    .zip(&cosine)
                    .map(|(v, c)| {
                        let confident = if v.confident { 0.0 } else { f64::INFINITY };
                        // The previous detector flagged only below the
                        // median on both signals.
                        let below_both = v.names_ratio < 1.0 && v.phrases_ratio < 1.0;
                        let previous = if below_both { v.combined } else { f64::INFINITY };
                        let scores =
                            [v.score, previous, v.names_ratio, v.phrases_ratio, c.1, confident];
                        (prepared.doc_ids[v.doc].clone(), scores)
                    })
                    .collect(),
            });
            Ok(args.limit.is_none_or(|l| judged.len() < l))
        },
    )?;
    if judged.is_empty() {
        bail!(BadInput(format!("{}: no clusters to evaluate", args.data.display())));
    }
    let mut lines =
        vec![Line::new("all records", format!("{THRESHOLD}"), Counts::of(&judged, 0, THRESHOLD))];
    // Held-half: clusters alternate between halves in id order.
    let bases: BTreeSet<&str> = judged.iter().map(|j| j.base.as_str()).collect();
    let half_of = |j: &Judged| bases.iter().position(|b| *b == j.base).unwrap_or(0) % 2;
    let grid: Vec<f64> = (1..=50).map(|k| f64::from(k) * 0.02).collect();
    // The threshold of best F1 on `set` (ties to the lower, which flags less).
    let best_on = |set: &[&Judged], variant: usize| {
        grid.iter()
            .copied()
            .max_by(|a, b| {
                let (fa, fb) = (
                    Counts::of(set.iter().copied(), variant, *a).f1(),
                    Counts::of(set.iter().copied(), variant, *b).f1(),
                );
                fa.total_cmp(&fb).then(b.total_cmp(a))
            })
            .unwrap_or(THRESHOLD)
    };
    let held_half = |variant: usize| {
        let mut pooled = Counts::default();
        let mut chosen = Vec::new();
        for test in 0..2 {
            let train: Vec<&Judged> = judged.iter().filter(|j| half_of(j) != test).collect();
            let best = best_on(&train, variant);
            chosen.push(format!("{best:.2}"));
            let tested = judged.iter().filter(|j| half_of(j) == test);
            pooled = pooled.add(Counts::of(tested, variant, best));
        }
        (chosen.join("/"), pooled)
    };
    let (chosen, pooled) = held_half(0);
    lines.push(Line::new("held-half (threshold from the other half)", chosen, pooled));
    lines.push(Line::new(
        "confident flags (sentences left out)",
        "-".to_owned(),
        Counts::of(&judged, CONFIDENT_ROW, THRESHOLD),
    ));
    lines.push(Line::new(
        "previous detector (hand-set), its threshold",
        format!("{PREVIOUS_THRESHOLD}"),
        Counts::of(&judged, 1, PREVIOUS_THRESHOLD),
    ));
    // What each signal adds, and the baseline.
    let all: Vec<&Judged> = judged.iter().collect();
    for (variant, name) in VARIANTS.iter().enumerate().skip(1) {
        let best = best_on(&all, variant);
        lines.push(Line::new(
            &format!("{name}, best threshold"),
            format!("{best:.2}"),
            Counts::of(&judged, variant, best),
        ));
        let (chosen, pooled) = held_half(variant);
        lines.push(Line::new(&format!("{name}, held-half"), chosen, pooled));
    }
    // How the figures move with the threshold.
    for k in 6..=14 {
        let t = f64::from(k) * 0.05;
        lines.push(Line::new(
            "all records, other threshold",
            format!("{t:.2}"),
            Counts::of(&judged, 0, t),
        ));
    }
    let ms = millis / judged.len() as f64;
    let detect_ms = detect_millis / judged.len() as f64;
    // Written, not printed: a reader that goes away (`| head`) ends the
    // run quietly, as in every other command (see `main::is_broken_pipe`).
    let mut out = std::io::stdout().lock();
    if args.json {
        let report = serde_json::json!({"data": args.data.display().to_string(), "protocol": "offevent",
            "clusters": judged.len(), "ms_per_cluster": ms, "detection_ms_per_cluster": detect_ms,
            "rows": lines});
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        writeln!(
            out,
            "off-event detection on {} ({} clusters, {:.2} ms per cluster with preparation, \
             of which detection {:.3} ms)\n",
            args.data.display(),
            judged.len(),
            ms,
            detect_ms
        )?;
        writeln!(
            out,
            "| {:<48} | {:>9} | {:>9} | {:>6} | {:>6} | {:>13} |",
            "", "threshold", "precision", "recall", "F1", "clean flagged"
        )?;
        writeln!(out, "|{:-<50}|{:->11}|{:->11}|{:->8}|{:->8}|{:->15}|", "", "", "", "", "", "")?;
        for l in &lines {
            writeln!(
                out,
                "| {:<48} | {:>9} | {:>9.3} | {:>6.3} | {:>6.3} | {:>7} ({:>3.0}%) |",
                l.what,
                l.threshold,
                l.precision,
                l.recall,
                l.f1,
                format!("{}/{}", l.counts.clean_flagged, l.counts.clean),
                100.0 * l.clean_flagged
            )?;
        }
    }
    Ok(Status::Success)
}
