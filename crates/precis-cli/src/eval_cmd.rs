//! `precis eval`: summarize an evaluation set with several methods and
//! print the ROUGE table the literature reports.
//!
//! Protocols:
//! - `duc`: 100 words with the last sentence cut at the limit (`--fill`),
//!   scored by the ROUGE-1.5.5 reimplementation with the DUC flags
//!   `-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u`; recall of
//!   ROUGE-1, ROUGE-2 and ROUGE-SU4 with 95% bootstrap intervals.
//! - `multinews`: at most 250 words of whole sentences, scored by the
//!   rouge-score reimplementation with stemming; F1 of rouge1, rouge2 and
//!   rougeLsum against the single reference.
//! - `duc-qf` and `duc-update`: NIST's scoring of the DUC 2005-2007
//!   query-focused (250 words) and update (100 words) tasks,
//!   `-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l N`, recall
//!   jackknifed over the four references (each left out in turn, averaged).
//!
//! Each cluster is prepared (cleaned, segmented, analysed) once and
//! summarized by every method; the time per cluster of a method is the
//! preparation time plus the method's own, on one thread. An extractive
//! oracle row shows the ceiling: sentences added greedily while they raise
//! ROUGE-1 + ROUGE-2 against the references.

use crate::{BadInput, Status};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use precis::eval::rouge155::{self, Options, Rouge155};
use precis::eval::rouge_score::RougeScorer;
use precis::{prepare, Budget, Cluster, Method, Prepared, Summarizer};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// Evaluation protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// DUC: 100 words (last sentence cut), ROUGE-1.5.5 recall with 95% CI.
    Duc,
    /// Multi-News: 250 words of whole sentences, rouge-score F1.
    Multinews,
    /// DUC 2005/2006 query-focused: 250 words (last sentence cut),
    /// ROUGE-1.5.5 recall jackknifed over the references, as NIST scored it.
    DucQf,
    /// DUC 2007 update: 100 words (last sentence cut), ROUGE-1.5.5 recall
    /// jackknifed over the references, as NIST scored it.
    DucUpdate,
    /// Off-event documents: precision, recall and F1 of the documents the
    /// detector flags against each record's `off_event` list, and the share
    /// of clean records with a flag (no summaries are made).
    Offevent,
    /// Story clustering of an article stream (`precis cluster`): B-cubed
    /// and pairwise precision, recall and F1 against each article's `story`.
    Stream,
}

impl Protocol {
    /// The summary budget the protocol scores.
    pub fn budget(self) -> Budget {
        match self {
            Protocol::Duc | Protocol::DucUpdate | Protocol::Offevent => {
                Budget::words(100).with_fill(true)
            }
            Protocol::DucQf => Budget::words(250).with_fill(true),
            Protocol::Multinews | Protocol::Stream => Budget::words(250),
        }
    }

    /// The ROUGE-1.5.5 options of the protocols scored by it (all but
    /// Multi-News), with ROUGE-L off under `duc` (`-x`) as the literature
    /// reports DUC 2003/2004.
    pub fn rouge155(self) -> Option<Options> {
        match self {
            Protocol::Duc => Some(Options::duc()),
            Protocol::DucQf => Some(Options::duc_query(250)),
            Protocol::DucUpdate => Some(Options::duc_query(100)),
            Protocol::Multinews | Protocol::Offevent | Protocol::Stream => None,
        }
    }

    /// Whether scores are jackknifed over the references (NIST's official
    /// figures for DUC 2005-2007).
    pub fn jackknife(self) -> bool {
        matches!(self, Protocol::DucQf | Protocol::DucUpdate)
    }

    /// The ROUGE flags the protocol runs, for table headers.
    pub fn flags(self) -> &'static str {
        match self {
            Protocol::Duc => "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u",
            Protocol::DucQf => {
                "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d -l 250, jackknifed"
            }
            Protocol::DucUpdate => {
                "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d -l 100, jackknifed"
            }
            Protocol::Multinews => "rouge-score, stemmed",
            Protocol::Offevent => "flagged documents against off_event",
            Protocol::Stream => "B-cubed and pairwise F1 of stories",
        }
    }
}

/// Per-cluster ROUGE-1.5.5 scores of `peers[k]` against `models[k]`, in the
/// order the script averages evaluations (by cluster id), jackknifed when
/// `jackknife`.
pub fn rouge155_clusters(
    rouge: &Rouge155,
    ids: &[&str],
    peers: &[&str],
    models: &[Vec<&str>],
    jackknife: bool,
) -> Vec<rouge155::ClusterScores> {
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].as_bytes().cmp(ids[b].as_bytes()));
    order
        .iter()
        .map(|&k| {
            let prepared: Vec<rouge155::Prepared> =
                models[k].iter().map(|m| rouge.prepare(m)).collect();
            let peer = rouge.prepare(peers[k]);
            if jackknife {
                rouge.score_jackknife(&peer, &prepared)
            } else {
                rouge.score(&peer, &prepared)
            }
        })
        .collect()
}

/// Arguments of `precis eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Evaluation set: JSONL, optionally gzipped, with `documents` and
    /// reference `summaries` per cluster.
    #[arg(long)]
    pub data: PathBuf,
    /// Comma-separated methods to evaluate.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "lead,centroid,lexrank,textrank,submodular,ilp,learned,auto"
    )]
    pub methods: Vec<String>,
    /// Budget and scorer conventions.
    #[arg(long, value_enum)]
    pub protocol: Protocol,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Add rows that switch off one component at a time.
    #[arg(long)]
    pub ablations: bool,
    /// Let sentences of off-event documents into the summaries (they are
    /// left out by default).
    #[arg(long)]
    pub keep_off_event: bool,
    /// Ignore each cluster's `query` and `earlier_documents`: generic
    /// summaries, to measure what the query or the earlier reading adds.
    #[arg(long)]
    pub generic: bool,
    /// Skip the extractive oracle row.
    #[arg(long)]
    pub no_oracle: bool,
    /// Evaluate only the first N clusters.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Worker threads, at most 1024 (default: all cores). Times are per cluster on one thread either way.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=crate::args::MAX_THREADS))]
    pub threads: Option<u64>,
}

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    #[serde(default)]
    summaries: Vec<String>,
}

/// One number with its 95% confidence interval (DUC) or without (Multi-News).
#[derive(Debug, Clone, Copy, Serialize)]
struct Value {
    mean: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
}

/// A row of the table.
#[derive(Debug, Serialize)]
struct Row {
    method: String,
    /// Metric name → value, in table order.
    scores: Vec<(String, Value)>,
    /// Mean milliseconds per cluster, one thread, preparation included.
    ms_per_cluster: f64,
    /// Mean summary length in words.
    words: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    data: String,
    protocol: Protocol,
    clusters: usize,
    rows: Vec<Row>,
}

/// What one cluster yields for one method.
struct Outcome {
    summary: String,
    millis: f64,
}

pub fn run(args: &EvalArgs) -> Result<Status> {
    if args.protocol == Protocol::Offevent {
        return crate::offevent_cmd::run(args);
    }
    if args.protocol == Protocol::Stream {
        return crate::cluster_cmd::eval(args);
    }
    // Before any work: a closed standard output would lose the table.
    let mut out = crate::output::Sink::open(None)?;
    let methods: Vec<Method> = args
        .methods
        .iter()
        .map(|m| m.parse::<Method>().map_err(|e| BadInput(format!("--methods: {e}"))))
        .collect::<Result<_, _>>()?;
    let records = read_records(args)?;
    if records.is_empty() {
        bail!(BadInput(format!("{}: no clusters to evaluate", args.data.display())));
    }
    let budget = args.protocol.budget();
    let mut variants: Vec<(String, precis::SummarizerBuilder)> = methods
        .iter()
        .map(|&m| {
            let mut b = Summarizer::builder();
            b.method(m).budget(budget).keep_off_event(args.keep_off_event);
            (m.to_string(), b)
        })
        .collect();
    if args.ablations {
        variants.extend(ablations(budget));
    }
    let names: Vec<String> = variants.iter().map(|v| v.0.clone()).collect();
    let summarizers: Vec<Summarizer> =
        variants.iter().map(|(_, b)| b.build()).collect::<Result<_, _>>()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |n| usize::try_from(n).unwrap_or(1)))
        .build()?;
    let progress = progress_bar(records.len() as u64);
    let oracle = !args.no_oracle;
    // Per cluster: one outcome per method, then the oracle's.
    let results: Vec<Vec<Outcome>> = pool.install(|| {
        records
            .par_iter()
            .map(|r| {
                let out = summarize_all(r, &summarizers, budget, args.protocol, oracle);
                progress.inc(1);
                out
            })
            .collect::<Result<_>>()
    })?;
    progress.finish_and_clear();

    let mut names = names;
    if oracle {
        names.push("oracle".into());
    }
    let rows = names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let outs: Vec<&Outcome> = results.iter().map(|r| &r[k]).collect();
            let scores = score(&records, &outs, args.protocol);
            let n = outs.len() as f64;
            Row {
                method: name.clone(),
                scores,
                ms_per_cluster: outs.iter().map(|o| o.millis).sum::<f64>() / n,
                words: outs
                    .iter()
                    .map(|o| o.summary.split_whitespace().count() as f64)
                    .sum::<f64>()
                    / n,
            }
        })
        .collect();
    let report = Report {
        data: args.data.display().to_string(),
        protocol: args.protocol,
        clusters: records.len(),
        rows,
    };
    let mut text = Vec::new();
    if args.json {
        serde_json::to_writer_pretty(&mut text, &report)?;
        writeln!(text)?;
    } else {
        write_table(&mut text, &report)?;
    }
    out.write(&String::from_utf8_lossy(&text))?;
    out.finish()?;
    Ok(Status::Success)
}

/// Variants that each switch off or change one component.
fn ablations(budget: Budget) -> Vec<(String, precis::SummarizerBuilder)> {
    use precis::represent::ConceptConfig;
    use precis::select::CandidateFilter;
    use precis::LearnedSelection;
    let base = |m: Method| {
        let mut b = Summarizer::builder();
        b.method(m).budget(budget);
        b
    };
    let mut out = Vec::new();
    let mut b = base(Method::Ilp);
    b.concepts(ConceptConfig { position_boost: 0.0, ..ConceptConfig::default() });
    out.push(("ilp, no lead boost".to_string(), b));
    let mut b = base(Method::Ilp);
    b.ilp_min_words(8);
    out.push(("ilp, 8+ words".to_string(), b));
    let mut b = base(Method::Ilp);
    b.concepts(ConceptConfig { min_df: Some(2), ..ConceptConfig::default() });
    out.push(("ilp, min df 2".to_string(), b));
    let mut b = base(Method::Learned);
    b.learned_selection(LearnedSelection::Mmr);
    out.push(("learned, MMR".to_string(), b));
    // One part of the expected-ROUGE selection off at a time.
    for (name, stop_early, sentence_model, neighbours) in [
        ("learned, full budget", false, true, true),
        ("learned, term model only", true, false, true),
        ("learned, no neighbours", true, true, false),
    ] {
        let mut b = base(Method::Learned);
        b.learned_selection(LearnedSelection::Expected { stop_early, sentence_model, neighbours });
        out.push((name.to_string(), b));
    }
    let mut b = base(Method::LexRank);
    b.mmr_lambda(1.0);
    out.push(("lexrank, no MMR".to_string(), b));
    let mut b = base(Method::Auto);
    b.candidates(CandidateFilter { drop_dangling: false, ..CandidateFilter::default() });
    out.push(("auto, no pronoun filter".to_string(), b));
    let mut b = base(Method::Auto);
    b.candidates(CandidateFilter { drop_unfinished: false, ..CandidateFilter::default() });
    out.push(("auto, unfinished sentences".to_string(), b));
    let mut b = base(Method::Auto);
    b.candidates(CandidateFilter { drop_open_quotes: false, ..CandidateFilter::default() });
    out.push(("auto, open quotes".to_string(), b));
    out
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{bar:40}] {pos}/{len} clusters ({eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn read_records(args: &EvalArgs) -> Result<Vec<Record>> {
    let name = args.data.display().to_string();
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut records = Vec::new();
    if limit == 0 {
        return Ok(records);
    }
    crate::input::for_each_record(
        &args.data,
        "--data",
        "a cluster record with reference summaries",
        |n, record: Record| {
            if record.summaries.is_empty() {
                bail!(BadInput(format!(
                    "{name}:{n}: cluster {:?} has no reference summaries; eval needs `summaries`",
                    record.cluster.id
                )));
            }
            let mut record = record;
            if args.generic {
                record.cluster.query = None;
                record.cluster.earlier_documents.clear();
            }
            records.push(record);
            Ok(records.len() < limit)
        },
    )?;
    Ok(records)
}

fn summarize_all(
    record: &Record,
    summarizers: &[Summarizer],
    budget: Budget,
    protocol: Protocol,
    oracle: bool,
) -> Result<Vec<Outcome>> {
    let start = Instant::now();
    let prepared =
        prepare(&record.cluster).with_context(|| format!("cluster {:?}", record.cluster.id));
    let prep_ms = start.elapsed().as_secs_f64() * 1e3;
    let mut outcomes = Vec::with_capacity(summarizers.len() + 1);
    let prepared = match prepared {
        Ok(p) => p,
        Err(e) => {
            // A cluster that cannot be summarized scores as empty for every method.
            eprintln!("warning: {e:#}; scored as an empty summary");
            for _ in 0..summarizers.len() + usize::from(oracle) {
                outcomes.push(Outcome { summary: String::new(), millis: prep_ms });
            }
            return Ok(outcomes);
        }
    };
    for s in summarizers {
        let start = Instant::now();
        let summary = s.summarize_prepared(&prepared).text();
        outcomes.push(Outcome { summary, millis: prep_ms + start.elapsed().as_secs_f64() * 1e3 });
    }
    if oracle {
        let start = Instant::now();
        let summary = greedy_oracle(&prepared, &record.summaries, budget, protocol);
        outcomes.push(Outcome { summary, millis: prep_ms + start.elapsed().as_secs_f64() * 1e3 });
    }
    Ok(outcomes)
}

/// Sentences added one at a time, each time the one that most raises
/// ROUGE-1 + ROUGE-2 (recall for DUC, F1 for Multi-News) against the
/// references, while any raises it and the budget allows.
fn greedy_oracle(
    prepared: &Prepared,
    references: &[String],
    budget: Budget,
    protocol: Protocol,
) -> String {
    let sentences = &prepared.analysis.sentences;
    let refs: Vec<&str> = references.iter().map(String::as_str).collect();
    let objective: Box<dyn Fn(&str) -> f64> = match protocol.rouge155() {
        Some(options) => {
            let rouge = Rouge155::new(oracle_options(options));
            let models: Vec<rouge155::Prepared> = refs.iter().map(|r| rouge.prepare(r)).collect();
            Box::new(move |text: &str| {
                let s = rouge.score(&rouge.prepare(text), &models);
                s.scores.iter().take(2).map(|(_, v)| v.recall).sum()
            })
        }
        None => {
            let scorer = RougeScorer::new(true);
            let targets: Vec<_> = refs.iter().map(|r| scorer.prepare(r)).collect();
            Box::new(move |text: &str| {
                let p = scorer.prepare(text);
                targets
                    .iter()
                    .map(|t| {
                        let s = scorer.score_prepared(t, &p);
                        s.rouge1.fmeasure + s.rouge2.fmeasure
                    })
                    .fold(0.0, f64::max)
            })
        }
    };
    let mut chosen: Vec<usize> = Vec::new();
    let mut best = 0.0;
    let mut used = 0;
    loop {
        let mut pick: Option<(usize, f64)> = None;
        for (i, s) in sentences.iter().enumerate() {
            if chosen.contains(&i) || (!budget.fill && used + budget.cost(s) > budget.capacity()) {
                continue;
            }
            let text = join(sentences, chosen.iter().copied().chain([i]));
            let value = objective(&text);
            if value > best + 1e-12 && pick.is_none_or(|(_, v)| value > v) {
                pick = Some((i, value));
            }
        }
        let Some((i, value)) = pick else { break };
        chosen.push(i);
        best = value;
        used += budget.cost(&sentences[i]);
        if used >= budget.capacity() {
            break;
        }
    }
    // In fill mode the sentence that crosses the budget is cut there, as
    // ROUGE's own truncation would.
    let mut lines = Vec::new();
    let mut used = 0;
    for &i in &chosen {
        let s = &sentences[i];
        let room = budget.capacity().saturating_sub(used);
        match precis::select::cut_text(&s.text, budget.unit, room) {
            Some(kept) => lines.push(kept.to_owned()),
            None => break,
        }
        used += budget.cost(s);
    }
    lines.join("\n")
}

fn join(sentences: &[precis::represent::Sentence], picks: impl Iterator<Item = usize>) -> String {
    picks.map(|i| sentences[i].text.as_str()).collect::<Vec<_>>().join("\n")
}

/// ROUGE-1 and ROUGE-2 only, the protocol's settings otherwise: what the
/// oracle maximizes.
fn oracle_options(protocol: Options) -> Options {
    Options {
        max_n: 2,
        skip_bigram: None,
        rouge_l: false,
        wlcs_weight: None,
        resamples: 0,
        ..protocol
    }
}

fn score(records: &[Record], outs: &[&Outcome], protocol: Protocol) -> Vec<(String, Value)> {
    match protocol.rouge155() {
        Some(options) => {
            let rouge = Rouge155::new(options);
            let ids: Vec<&str> = records.iter().map(|r| r.cluster.id.as_str()).collect();
            let peers: Vec<&str> = outs.iter().map(|o| o.summary.as_str()).collect();
            let models: Vec<Vec<&str>> =
                records.iter().map(|r| r.summaries.iter().map(String::as_str).collect()).collect();
            let per_cluster =
                rouge155_clusters(&rouge, &ids, &peers, &models, protocol.jackknife());
            rouge
                .average(&per_cluster)
                .into_iter()
                .filter(|m| ["ROUGE-1", "ROUGE-2", "ROUGE-SU4"].contains(&m.metric.as_str()))
                .map(|m| {
                    let r = m.recall;
                    (m.metric, Value { mean: r.mean, low: Some(r.low), high: Some(r.high) })
                })
                .collect()
        }
        None => {
            let scorer = RougeScorer::new(true);
            let mut sums = [0.0f64; 3];
            for (record, out) in records.iter().zip(outs) {
                let refs: Vec<&str> = record.summaries.iter().map(String::as_str).collect();
                let s = scorer.score_multi(&refs, &out.summary);
                sums[0] += s.rouge1.fmeasure;
                sums[1] += s.rouge2.fmeasure;
                sums[2] += s.rouge_lsum.fmeasure;
            }
            let n = records.len() as f64;
            ["rouge1", "rouge2", "rougeLsum"]
                .iter()
                .zip(sums)
                .map(|(name, sum)| {
                    (name.to_string(), Value { mean: sum / n, low: None, high: None })
                })
                .collect()
        }
    }
}

fn write_table(out: &mut impl Write, report: &Report) -> Result<()> {
    let Some(first) = report.rows.first() else { return Ok(()) };
    let what = match report.protocol {
        Protocol::Duc => "ROUGE-1.5.5 recall ×100, 95% CI; 100 words",
        Protocol::Multinews => "rouge-score F1 ×100 (stemmed); 250 words",
        Protocol::DucQf => "ROUGE-1.5.5 recall ×100, jackknifed, 95% CI; 250 words",
        Protocol::DucUpdate => "ROUGE-1.5.5 recall ×100, jackknifed, 95% CI; 100 words",
        Protocol::Offevent => "flagged documents",
        Protocol::Stream => "story clustering",
    };
    writeln!(out, "{} — {} clusters — {what}", report.data, report.clusters)?;
    write!(out, "| {:<18} ", "method")?;
    for (name, _) in &first.scores {
        write!(out, "| {name:<21} ")?;
    }
    writeln!(out, "| words | ms/cluster |")?;
    write!(out, "|--------------------")?;
    for _ in &first.scores {
        write!(out, "|-----------------------")?;
    }
    writeln!(out, "|-------|------------|")?;
    for row in &report.rows {
        write!(out, "| {:<18} ", row.method)?;
        for (_, v) in &row.scores {
            let cell = match (v.low, v.high) {
                (Some(lo), Some(hi)) => {
                    format!("{:.2} ({:.2}-{:.2})", 100.0 * v.mean, 100.0 * lo, 100.0 * hi)
                }
                _ => format!("{:.2}", 100.0 * v.mean),
            };
            write!(out, "| {cell:<21} ")?;
        }
        writeln!(out, "| {:>5.1} | {:>10.2} |", row.words, row.ms_per_cluster)?;
    }
    Ok(())
}
