//! The `ilp` method's solver on real clusters, as the summarizer runs it:
//! precis' own cleaning, segmentation and concepts, candidates of 12-80
//! words, a word budget in fill mode (the last sentence cut at the limit,
//! as in the DUC protocol) or, with `--strict`, whole sentences only (as in
//! the Multi-News protocol).
//! Prints, per cluster, the candidates, concepts' solver nodes, solve time,
//! objective, proven bound, gap and work (per unit of the problem's
//! size, as `--work-factor` limits it, and in all), then the worst case; exits non-zero if
//! any cluster is not proven optimal.
//!
//! ```text
//! cargo run --release -p precis --example ilp_report -- FILE [--words 100] [--strict] [--repeat 5]
//! ```
//!
//! Solve times are the median of `--repeat` runs of the solver alone
//! (concept extraction and the candidate filter not included; the whole
//! pipeline is timed by `bench_inprocess`).
//!
//! As in the summarizer, a record's `query` and `earlier_documents` weigh
//! the concepts and candidates (`context::weigh`), and the sentences of
//! off-event documents are left out; `--generic` ignores the query and the
//! earlier documents.

use precis::context::{weigh, Situation};
use precis::represent::Concepts;
use precis::select::{CandidateFilter, ConceptCoverage};
use precis::{prepare, Budget, Cluster};
use std::io::{BufRead, BufReader, Read};
use std::time::Duration;

type BoxError = Box<dyn std::error::Error>;

fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: ilp_report FILE [--words N] [--strict] [--generic] [--no-local-search] [--repeat R] [--work-factor F] [--wide-work-factor F]";
    let path = args.first().ok_or(usage)?;
    let mut words = 100;
    let mut repeat = 5usize;
    let mut fill = true;
    let mut generic = false;
    let mut coverage = ConceptCoverage::default();
    let mut it = args.iter().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--strict" {
            fill = false;
            continue;
        }
        if flag == "--no-local-search" {
            coverage.limits.local_search = false;
            continue;
        }
        if flag == "--generic" {
            generic = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value; {usage}"))?;
        match flag.as_str() {
            "--words" => words = value.parse()?,
            "--repeat" => repeat = value.parse::<usize>()?.max(1),
            "--work-factor" => coverage.limits.work_factor = value.parse()?,
            "--wide-work-factor" => coverage.limits.wide_work_factor = value.parse()?,
            other => return Err(format!("unknown option {other}; {usage}").into()),
        }
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let budget = Budget::words(words).with_fill(fill);
    // The summarizer's `ilp` configuration: 12-word minimum, defaults otherwise.
    let filter = CandidateFilter { min_words: 12, ..CandidateFilter::default() };
    println!(
        "{:<14} {:>10} {:>6} {:>9} {:>10} {:>10} {:>8} {:>8} {:>12}",
        "cluster", "candidates", "nodes", "ms", "objective", "bound", "gap", "per-size", "work"
    );
    let width = u32::try_from(words).unwrap_or(u32::MAX).min(coverage.limits.max_width);
    let factor = coverage.limits.factor(width) as f64;
    let mut most_tables = 0.0f64;
    let (mut worst, mut total, mut n, mut unproven) = (Duration::ZERO, Duration::ZERO, 0, 0);
    for (line_no, line) in BufReader::new(reader).lines().enumerate() {
        let line = line?;
        let cluster: Cluster = serde_json::from_str(&line)
            .map_err(|e| format!("{path}:{}: not a cluster record: {e}", line_no + 1))?;
        let prepared = match prepare(&cluster) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{}: skipped: {e}", cluster.id);
                continue;
            }
        };
        let analysis = &prepared.analysis;
        let situation = if generic { Situation::default() } else { prepared.situation() };
        let weights = weigh(analysis, &situation, words as f64);
        let mut candidates = filter.candidates(analysis);
        weights.restrict(&mut candidates);
        candidates.indices.retain(|&i| {
            let doc = analysis.sentences[i].doc;
            !prepared.off_event.iter().any(|v| v.doc == doc && v.confident)
        });
        let mut concepts = Concepts::new(analysis, &coverage.concepts);
        if !weights.is_neutral() {
            for (weight, &(x, y)) in concepts.weights.iter_mut().zip(&concepts.keys) {
                *weight *= weights.concept(x, y);
            }
        }
        let mut times = Vec::with_capacity(repeat);
        let mut last = None;
        for _ in 0..repeat {
            let outcome = coverage.select_with(analysis, &concepts, &candidates, &budget);
            let Some(solution) = outcome.solution else { break };
            times.push(solution.elapsed);
            last = Some(solution);
        }
        let Some(s) = last else {
            println!("{:<14} nothing to solve", cluster.id);
            continue;
        };
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{:<14} {:>10} {:>6} {:>9.3} {:>10.1} {:>10.1} {:>8.5} {:>8.1} {:>12}{}",
            cluster.id,
            candidates.indices.len(),
            s.nodes,
            median.as_secs_f64() * 1e3,
            s.objective,
            s.upper_bound,
            s.gap(),
            tables(&s, factor),
            s.work,
            if s.optimal { "" } else { "  NOT PROVEN OPTIMAL" }
        );
        most_tables = most_tables.max(tables(&s, factor));
        worst = worst.max(median);
        total += median;
        n += 1;
        unproven += usize::from(!s.optimal);
    }
    if n == 0 {
        return Err(format!("{path}: no cluster to solve").into());
    }
    println!(
        "{n} clusters: mean {:.3} ms, max {:.3} ms (median of {repeat} runs each), {unproven} not proven optimal, most work {most_tables:.1} per unit of size (allowed: {factor})",
        total.as_secs_f64() * 1e3 / n as f64,
        worst.as_secs_f64() * 1e3
    );
    if unproven > 0 {
        return Err(format!("{unproven} clusters not proven optimal").into());
    }
    Ok(())
}

/// Work spent per unit of the problem's size (what `--work-factor` limits).
fn tables(s: &precis::select::ilp::CoverageSolution, factor: f64) -> f64 {
    s.work as f64 * factor / s.work_limit.max(1) as f64
}
