//! `precis rouge`: score any system's summaries against reference summaries
//! under one of the evaluation protocols.
//!
//! Predictions are JSONL lines `{"id": ..., "summary": ...}`, the summary a
//! string with its sentences separated by newlines (as `precis summarize
//! --format jsonl` writes it) or an array of sentence strings. A line with
//! an `error` and no `summary` (an error record of `precis summarize`, whose
//! `id` may be `null`) is skipped, so its cluster counts as missing; a line
//! with neither is an error, since scoring it as empty would hide a
//! misnamed field. Ids are strings or numbers, compared as written. Gold is a JSONL(.gz) file of clusters with `id` and reference
//! `summaries`. Every gold cluster is scored: one without a prediction is
//! scored as an empty summary and counted as missing; predictions for ids not
//! in the gold file are reported and ignored.
//!
//! Protocols (the same scorers as `precis eval`):
//! - `duc`: the ROUGE-1.5.5 reimplementation with
//!   `-n 4 -m -a -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u` (the DUC
//!   flags, with ROUGE-L, which `-x` would switch off, kept on);
//! - `multinews`: Google's rouge-score with stemming for ROUGE-1, ROUGE-2,
//!   ROUGE-L and ROUGE-Lsum; ROUGE-SU4, which rouge-score lacks, comes from
//!   ROUGE-1.5.5 (`-m -2 4 -u`, no length limit);
//! - `duc-qf` and `duc-update`: NIST's DUC 2005-2007 scoring (250 and 100
//!   words), recall jackknifed over the references.
//!
//! `--peers` scores many systems at once from a file of
//! `{"id", "systems": {system id: summary}}` lines (DUC's peers), one row each.

use crate::eval_cmd::Protocol;
use crate::BadInput;
use anyhow::{bail, Result};
use clap::Args;
use precis::eval::rouge155::{ClusterScores, Limit, Options, Rouge155, SkipBigram, SkipUnigrams};
use precis::eval::rouge_score::RougeScorer;
use precis::record::id_text;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `precis rouge`.
#[derive(Debug, Args)]
pub struct RougeArgs {
    /// Gold clusters: JSONL, optionally gzipped, with `id` and reference
    /// `summaries` per line.
    #[arg(long)]
    pub data: PathBuf,
    /// Predictions: JSONL, optionally gzipped, `{"id": ..., "summary": ...}` per line.
    #[arg(long, required_unless_present = "peers", conflicts_with = "peers")]
    pub pred: Option<PathBuf>,
    /// Many systems at once, as DUC distributes its peers: JSONL,
    /// optionally gzipped, `{"id": ..., "systems": {"system id": "summary", ...}}`
    /// per cluster. Prints one row per system.
    #[arg(long)]
    pub peers: Option<PathBuf>,
    /// Scorer conventions.
    #[arg(long, value_enum)]
    pub protocol: Protocol,
    /// Print the averages as one JSON object (fractions, full precision).
    #[arg(long)]
    pub json: bool,
}

/// A gold cluster: its id and reference summaries.
struct Gold {
    id: String,
    summaries: Vec<String>,
}

/// A gold line as stored.
#[derive(Deserialize)]
struct GoldLine {
    id: Option<Box<RawValue>>,
    #[serde(default)]
    summaries: Vec<String>,
}

/// A prediction line: every field, read as written.
type PredictionLine = BTreeMap<String, Box<RawValue>>;

/// What the predictions file held.
struct Predictions {
    /// Summary text by id.
    by_id: BTreeMap<String, String>,
    /// Error records skipped.
    errors: usize,
}

/// How the accepted form of a prediction is described in messages.
const PREDICTION: &str = "precis rouge reads each summary from the field \"summary\": a string \
    with one sentence per line (as `precis summarize --format jsonl` writes it) or an array of \
    sentence strings";

/// Average recall, precision and F1 of one metric, as fractions.
#[derive(Debug, Clone, Copy, Default, Serialize)]
struct Prf {
    recall: f64,
    precision: f64,
    f1: f64,
}

/// The averages `--json` prints.
#[derive(Debug, Serialize)]
struct Report {
    #[serde(rename = "rouge-1")]
    rouge_1: Prf,
    #[serde(rename = "rouge-2")]
    rouge_2: Prf,
    #[serde(rename = "rouge-su4")]
    rouge_su4: Prf,
    #[serde(rename = "rouge-l")]
    rouge_l: Prf,
    #[serde(rename = "rouge-lsum", skip_serializing_if = "Option::is_none")]
    rouge_lsum: Option<Prf>,
    /// Gold clusters without a prediction (scored as empty summaries).
    missing: usize,
    /// Gold clusters scored.
    clusters: usize,
}

/// One cluster's summaries by the systems of a peers file.
#[derive(Deserialize)]
struct Peers {
    id: String,
    systems: BTreeMap<String, String>,
}

/// A system's row of `--peers` output.
#[derive(Debug, Serialize)]
struct SystemRow {
    system: String,
    #[serde(flatten)]
    report: Report,
}

pub fn run(args: &RougeArgs) -> Result<crate::Status> {
    if args.protocol == Protocol::Stream {
        bail!(BadInput(
            "--protocol stream scores story clusters, not summaries; run \
             `precis eval --protocol stream --data STREAM.jsonl.gz`"
                .into()
        ));
    }
    let gold = read_gold(&args.data)?;
    let pred = match (&args.pred, &args.peers) {
        (Some(pred), _) => pred,
        (None, Some(peers)) => return run_peers(args, &gold, peers),
        (None, None) => bail!(BadInput("give --pred FILE or --peers FILE".into())),
    };
    let Predictions { by_id: mut predictions, errors } = read_predictions(pred)?;
    if errors > 0 {
        eprintln!(
            "warning: {} holds {errors} error record(s) (lines with \"error\" and no \"summary\"); \
             they were skipped, so their clusters count as missing",
            pred.display()
        );
    }
    let mut missing = Vec::new();
    let summaries: Vec<String> = gold
        .iter()
        .map(|g| match predictions.remove(&g.id) {
            Some(summary) => summary,
            None => {
                missing.push(g.id.clone());
                String::new()
            }
        })
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        eprintln!(
            "warning: {} of {} gold clusters have no prediction in {} and score as empty summaries (first: {})",
            missing.len(),
            gold.len(),
            pred.display(),
            shown.join(", ")
        );
    }
    if !predictions.is_empty() {
        let extra: Vec<&String> = predictions.keys().collect();
        let shown: Vec<&str> = extra.iter().take(5).map(|s| s.as_str()).collect();
        eprintln!(
            "warning: {} predictions have ids not in {} and were ignored (first: {})",
            extra.len(),
            args.data.display(),
            shown.join(", ")
        );
    }
    let report = score(args.protocol, &gold, &summaries, missing.len());
    let mut text = Vec::new();
    if args.json {
        serde_json::to_writer(&mut text, &report)?;
        writeln!(text)?;
    } else {
        write_table(&mut text, args, &pred.display().to_string(), &report)?;
    }
    let mut out = crate::output::Sink::open(None)?;
    out.write(&String::from_utf8_lossy(&text))?;
    out.finish()?;
    Ok(crate::Status::Success)
}

/// Scores every system of a peers file: one row per system, systems in
/// numeric order where their ids are numbers (as DUC numbers them).
fn run_peers(args: &RougeArgs, gold: &[Gold], path: &Path) -> Result<crate::Status> {
    let name = path.display();
    let mut by_cluster: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let what = "a peers record `{\"id\": ..., \"systems\": {\"system id\": \"summary\"}}`";
    crate::input::for_each_record(path, "--peers", what, |n, p: Peers| {
        if by_cluster.insert(p.id.clone(), p.systems).is_some() {
            bail!(BadInput(format!("{name}:{n}: cluster {:?} appears twice; keep one", p.id)));
        }
        Ok(true)
    })?;
    let mut systems: Vec<&String> = by_cluster.values().flat_map(|s| s.keys()).collect();
    systems.sort_by(|a, b| match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    });
    systems.dedup();
    if systems.is_empty() {
        bail!(BadInput(format!("{name}: no system summaries")));
    }
    let rows: Vec<SystemRow> = systems
        .iter()
        .map(|system| {
            let mut missing = 0;
            let summaries: Vec<String> = gold
                .iter()
                .map(|g| match by_cluster.get(&g.id).and_then(|s| s.get(*system)) {
                    Some(summary) => summary.clone(),
                    None => {
                        missing += 1;
                        String::new()
                    }
                })
                .collect();
            SystemRow {
                system: (*system).clone(),
                report: score(args.protocol, gold, &summaries, missing),
            }
        })
        .collect();
    let mut out = Vec::new();
    if args.json {
        serde_json::to_writer(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        write_peers_table(&mut out, args, &name.to_string(), gold.len(), &rows)?;
    }
    let mut sink = crate::output::Sink::open(None)?;
    sink.write(&String::from_utf8_lossy(&out))?;
    sink.finish()?;
    Ok(crate::Status::Success)
}

/// The `--peers` table: one row per system.
fn write_peers_table(
    out: &mut impl Write,
    args: &RougeArgs,
    name: &str,
    clusters: usize,
    rows: &[SystemRow],
) -> Result<()> {
    writeln!(
        out,
        "{} against {} — {} clusters — {}; recall ×100",
        name,
        args.data.display(),
        clusters,
        args.protocol.flags()
    )?;
    writeln!(out, "| system | ROUGE-1 | ROUGE-2 | ROUGE-SU4 | missing |")?;
    writeln!(out, "|--------|---------|---------|-----------|---------|")?;
    for row in rows {
        let r = &row.report;
        writeln!(
            out,
            "| {:<6} | {:>7.2} | {:>7.2} | {:>9.2} | {:>7} |",
            row.system,
            100.0 * r.rouge_1.recall,
            100.0 * r.rouge_2.recall,
            100.0 * r.rouge_su4.recall,
            r.missing
        )?;
    }
    Ok(())
}

fn score(protocol: Protocol, gold: &[Gold], summaries: &[String], missing: usize) -> Report {
    match protocol.rouge155() {
        // ROUGE-L is reported here even under `duc`, whose `-x` the
        // literature's tables use.
        Some(options) => score_rouge155(
            Options { rouge_l: true, ..options },
            protocol.jackknife(),
            gold,
            summaries,
            missing,
        ),
        None => score_multinews(gold, summaries, missing),
    }
}

fn read_gold(path: &Path) -> Result<Vec<Gold>> {
    let name = path.display();
    let mut lines = BTreeMap::new();
    let mut gold = Vec::new();
    let what = "a gold record with `id` and `summaries`";
    crate::input::for_each_record(path, "--data", what, |n, g: GoldLine| {
        let id = match g.id.as_deref().map(|raw| id_text(raw, "the \"id\"")) {
            Some(Ok(Some(id))) => id,
            Some(Err(msg)) => bail!(BadInput(format!("{name}:{n}: {msg}"))),
            _ => bail!(BadInput(format!("{name}:{n}: the gold record has no \"id\""))),
        };
        let g = Gold { id, summaries: g.summaries };
        if g.summaries.is_empty() {
            bail!(BadInput(format!("{name}:{n}: cluster {:?} has no reference summaries", g.id)));
        }
        if let Some(first) = lines.insert(g.id.clone(), n) {
            bail!(BadInput(format!(
                "{name}:{n}: cluster id {:?} repeats line {first}; ids must be unique",
                g.id
            )));
        }
        gold.push(g);
        Ok(true)
    })?;
    if gold.is_empty() {
        bail!(BadInput(format!("{name}: no gold clusters")));
    }
    Ok(gold)
}

/// Prediction text by id, and how many error records were skipped.
fn read_predictions(path: &Path) -> Result<Predictions> {
    let name = path.display();
    let mut lines = BTreeMap::new();
    let mut out = Predictions { by_id: BTreeMap::new(), errors: 0 };
    let what = "a prediction `{\"id\": ..., \"summary\": ...}`";
    crate::input::for_each_record(path, "--pred", what, |n, p: PredictionLine| {
        let summary = match p.get("summary") {
            Some(raw) => summary_text(raw).map_err(|msg| BadInput(format!("{name}:{n}: {msg}")))?,
            None if p.contains_key("error") => None,
            None => {
                let fields: Vec<String> = p.keys().map(|k| format!("{k:?}")).collect();
                let fields = if fields.is_empty() { "none".to_owned() } else { fields.join(", ") };
                bail!(BadInput(format!(
                    "{name}:{n}: the prediction has no \"summary\" field (its fields: {fields}); \
                     {PREDICTION}"
                )));
            }
        };
        let Some(summary) = summary else {
            out.errors += 1;
            return Ok(true);
        };
        let id = match p.get("id").map(|raw| id_text(raw, "the \"id\"")) {
            Some(Ok(Some(id))) => id,
            Some(Err(msg)) => bail!(BadInput(format!("{name}:{n}: {msg}"))),
            _ => bail!(BadInput(format!(
                "{name}:{n}: the prediction has a summary but no \"id\"; give the id of the \
                 gold cluster it summarizes"
            ))),
        };
        if let Some(first) = lines.insert(id.clone(), n) {
            bail!(BadInput(format!(
                "{name}:{n}: a second prediction for {id:?} (the first is on line {first}); keep one"
            )));
        }
        out.by_id.insert(id, summary);
        Ok(true)
    })?;
    Ok(out)
}

/// The text of a `summary` field; `None` for `null` (no summary, as in an
/// error record).
fn summary_text(raw: &RawValue) -> Result<Option<String>, String> {
    match serde_json::from_str::<Option<serde_json::Value>>(raw.get()) {
        Ok(None) => Ok(None),
        Ok(Some(serde_json::Value::String(s))) => Ok(Some(s)),
        Ok(Some(serde_json::Value::Array(items))) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Ok(s),
                other => Err(format!(
                    "the \"summary\" array holds {other}, not a sentence string; {PREDICTION}"
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|sentences| Some(sentences.join("\n"))),
        Ok(Some(other)) => {
            let mut shown = other.to_string();
            shown.truncate(shown.char_indices().nth(40).map_or(shown.len(), |(i, _)| i));
            Err(format!("the \"summary\" field is not text ({shown}); {PREDICTION}"))
        }
        Err(e) => Err(e.to_string()),
    }
}

fn score_rouge155(
    options: Options,
    jackknife: bool,
    gold: &[Gold],
    summaries: &[String],
    missing: usize,
) -> Report {
    let rouge = Rouge155::new(options);
    let per_cluster = rouge155_clusters(&rouge, gold, summaries, jackknife);
    let averages = rouge.average(&per_cluster);
    let get = |metric: &str| {
        averages
            .iter()
            .find(|m| m.metric == metric)
            .map(|m| Prf { recall: m.recall.mean, precision: m.precision.mean, f1: m.f1.mean })
            .unwrap_or_default()
    };
    Report {
        rouge_1: get("ROUGE-1"),
        rouge_2: get("ROUGE-2"),
        rouge_su4: get("ROUGE-SU4"),
        rouge_l: get("ROUGE-L"),
        rouge_lsum: None,
        missing,
        clusters: gold.len(),
    }
}

/// Per-cluster scores in the order the script averages them: by id.
fn rouge155_clusters(
    rouge: &Rouge155,
    gold: &[Gold],
    summaries: &[String],
    jackknife: bool,
) -> Vec<ClusterScores> {
    let ids: Vec<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let peers: Vec<&str> = summaries.iter().map(String::as_str).collect();
    let models: Vec<Vec<&str>> =
        gold.iter().map(|g| g.summaries.iter().map(String::as_str).collect()).collect();
    crate::eval_cmd::rouge155_clusters(rouge, &ids, &peers, &models, jackknife)
}

fn score_multinews(gold: &[Gold], summaries: &[String], missing: usize) -> Report {
    let scorer = RougeScorer::new(true);
    let mut sums = [Prf::default(); 4];
    for (g, summary) in gold.iter().zip(summaries) {
        let refs: Vec<&str> = g.summaries.iter().map(String::as_str).collect();
        let s = scorer.score_multi(&refs, summary);
        for (sum, score) in sums.iter_mut().zip([s.rouge1, s.rouge2, s.rouge_l, s.rouge_lsum]) {
            sum.recall += score.recall;
            sum.precision += score.precision;
            sum.f1 += score.fmeasure;
        }
    }
    let n = gold.len() as f64;
    let mean = |p: Prf| Prf { recall: p.recall / n, precision: p.precision / n, f1: p.f1 / n };
    let su4 = Rouge155::new(Options {
        stem: true,
        limit: Limit::None,
        rouge_l: false,
        skip_bigram: Some(SkipBigram { max_gap: Some(4), unigrams: SkipUnigrams::With }),
        resamples: 0,
        ..Options::default()
    });
    let per_cluster = rouge155_clusters(&su4, gold, summaries, false);
    let mut su4_sum = Prf::default();
    for c in &per_cluster {
        if let Some(s) = c.get("ROUGE-SU4") {
            su4_sum.recall += s.recall;
            su4_sum.precision += s.precision;
            su4_sum.f1 += s.f1;
        }
    }
    Report {
        rouge_1: mean(sums[0]),
        rouge_2: mean(sums[1]),
        rouge_su4: mean(su4_sum),
        rouge_l: mean(sums[2]),
        rouge_lsum: Some(mean(sums[3])),
        missing,
        clusters: gold.len(),
    }
}

fn write_table(out: &mut impl Write, args: &RougeArgs, pred: &str, r: &Report) -> Result<()> {
    let what = match args.protocol {
        Protocol::Duc => {
            "ROUGE-1.5.5 (-n 4 -m -a -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u)".to_string()
        }
        Protocol::Multinews => {
            "rouge-score, stemmed (ROUGE-SU4 by ROUGE-1.5.5 -m -2 4 -u)".to_string()
        }
        p => format!("ROUGE-1.5.5 ({})", p.flags()),
    };
    writeln!(
        out,
        "{} against {} — {} clusters, {} without a prediction — {what}, ×100",
        pred,
        args.data.display(),
        r.clusters,
        r.missing
    )?;
    writeln!(out, "| metric     | recall | precision |    F1  |")?;
    writeln!(out, "|------------|--------|-----------|--------|")?;
    let mut rows = vec![
        ("ROUGE-1", r.rouge_1),
        ("ROUGE-2", r.rouge_2),
        ("ROUGE-SU4", r.rouge_su4),
        ("ROUGE-L", r.rouge_l),
    ];
    if let Some(lsum) = r.rouge_lsum {
        rows.push(("ROUGE-Lsum", lsum));
    }
    for (name, p) in rows {
        writeln!(
            out,
            "| {name:<10} | {:>6.2} | {:>9.2} | {:>6.2} |",
            100.0 * p.recall,
            100.0 * p.precision,
            100.0 * p.f1
        )?;
    }
    Ok(())
}
