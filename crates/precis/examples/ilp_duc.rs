//! Benchmark of the exact concept-coverage solver on DUC 2003 instances.
//!
//! Builds one Gillick & Favre instance per cluster the classic way, with a
//! deliberately naive pipeline that needs nothing but this crate's
//! dependencies: sentences split on ". ", lowercased, tokenized on
//! non-alphanumerics, Porter-stemmed; concepts are stem bigrams that are not
//! two stopwords, weighted by how many documents contain them, kept when at
//! least 3 documents do (2 when that leaves fewer than 50); candidates are the
//! sentences of 10 words or more. Each instance is solved at a budget of 100
//! words, and the example prints nodes, time, objective and gap per cluster.
//!
//! ```text
//! cargo run --release -p precis --example ilp_duc -- [--data FILE] [--budget N]
//!     [--mode strict|fill] [--exclusions] [--repeat N] [--max-nodes N] [--dump DIR]
//! ```
//!
//! `--exclusions` forbids pairs of candidates whose stem sets have a Jaccard
//! similarity of 0.5 or more. `--dump DIR` writes each instance as JSON
//! (numbers only, no text) for a cross-check with an independent ILP solver.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::time::Duration;

use nltk_porter::{Mode, PorterStemmer};
use precis::select::ilp::{solve, CoverageProblem, CoverageSolution, Overrun, SolveLimits};

const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "last", "more", "most",
    "mr", "new", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "said",
    "says", "she", "so", "some", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "two", "up", "was", "we", "were", "what", "when", "which", "who",
    "will", "with", "would", "you",
];

struct Options {
    data: String,
    budget: u32,
    fill: bool,
    exclusions: bool,
    repeat: usize,
    max_nodes: u64,
    dump: Option<String>,
}

fn parse_options() -> Options {
    let mut options = Options {
        data: "/work/shared/data/duc2003.jsonl.gz".to_owned(),
        budget: 100,
        fill: false,
        exclusions: false,
        repeat: 5,
        max_nodes: 1_000_000,
        dump: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => options.data = value(),
            "--budget" => options.budget = value().parse().expect("--budget N"),
            "--mode" => options.fill = value() == "fill",
            "--exclusions" => options.exclusions = true,
            "--repeat" => options.repeat = value().parse().expect("--repeat N"),
            "--max-nodes" => options.max_nodes = value().parse().expect("--max-nodes N"),
            "--dump" => options.dump = Some(value()),
            other => panic!("unknown argument {other}"),
        }
    }
    options
}

/// One candidate sentence: stems and, for the fill mode, word positions.
struct Sentence {
    stems: Vec<String>,
    stop: Vec<bool>,
    doc: usize,
}

fn sentences_of(text: &str, doc: usize, stemmer: &PorterStemmer) -> Vec<Sentence> {
    let flat: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    flat.split(". ")
        .map(|raw| {
            let lower = raw.to_lowercase();
            let words: Vec<&str> =
                lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            Sentence {
                stop: words.iter().map(|w| STOPWORDS.contains(w)).collect(),
                stems: words.iter().map(|w| stemmer.stem(w)).collect(),
                doc,
            }
        })
        .collect()
}

/// The bigrams of a sentence that can be concepts, with the 1-based end word.
fn bigrams(s: &Sentence) -> impl Iterator<Item = ((&str, &str), u32)> + '_ {
    (1..s.stems.len())
        .filter(|&p| !(s.stop[p - 1] && s.stop[p]))
        .map(|p| ((s.stems[p - 1].as_str(), s.stems[p].as_str()), p as u32 + 1))
}

fn build(
    cluster: &serde_json::Value,
    options: &Options,
    stemmer: &PorterStemmer,
) -> CoverageProblem {
    let docs = cluster["documents"].as_array().expect("documents");
    let sentences: Vec<Sentence> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| sentences_of(doc["text"].as_str().expect("text"), d, stemmer))
        .collect();
    // Document frequency of each bigram (BTreeMap: ids in a fixed order).
    let mut df: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for s in &sentences {
        for (bigram, _) in bigrams(s) {
            let entry = df.entry(bigram).or_insert((0, usize::MAX));
            if entry.1 != s.doc {
                *entry = (entry.0 + 1, s.doc);
            }
        }
    }
    let mut min_df = 3;
    if df.values().filter(|&&(n, _)| n >= 3).count() < 50 {
        min_df = 2;
    }
    let mut ids: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    let mut weights = Vec::new();
    for (&bigram, &(n, _)) in &df {
        if n >= min_df {
            ids.insert(bigram, weights.len() as u32);
            weights.push(n as f64);
        }
    }
    let candidates: Vec<&Sentence> = sentences.iter().filter(|s| s.stems.len() >= 10).collect();
    let mut lengths = Vec::new();
    let mut concepts = Vec::new();
    let mut ends = Vec::new();
    for s in &candidates {
        let (cs, es): (Vec<u32>, Vec<u32>) =
            bigrams(s).filter_map(|(b, end)| ids.get(&b).map(|&id| (id, end))).unzip();
        lengths.push(s.stems.len() as u32);
        concepts.push(cs);
        ends.push(es);
    }
    let mut exclusions = Vec::new();
    if options.exclusions {
        let sets: Vec<std::collections::BTreeSet<&str>> =
            candidates.iter().map(|s| s.stems.iter().map(String::as_str).collect()).collect();
        for a in 0..sets.len() {
            for b in a + 1..sets.len() {
                let common = sets[a].intersection(&sets[b]).count();
                let union = sets[a].len() + sets[b].len() - common;
                if common * 2 >= union {
                    exclusions.push((a as u32, b as u32));
                }
            }
        }
    }
    let overrun =
        if options.fill { Overrun::Truncate { concept_ends: ends } } else { Overrun::Forbid };
    CoverageProblem { lengths, concepts, weights, budget: options.budget, exclusions, overrun }
}

fn dump(dir: &str, id: &str, problem: &CoverageProblem, solution: &CoverageSolution) {
    let ends = match &problem.overrun {
        Overrun::Forbid => serde_json::Value::Null,
        Overrun::Truncate { concept_ends } => serde_json::json!(concept_ends),
    };
    let value = serde_json::json!({
        "id": id,
        "lengths": problem.lengths,
        "concepts": problem.concepts,
        "weights": problem.weights,
        "budget": problem.budget,
        "exclusions": problem.exclusions,
        "concept_ends": ends,
        "objective": solution.objective,
        "selected": solution.selected,
    });
    std::fs::create_dir_all(dir).expect("create dump directory");
    std::fs::write(format!("{dir}/{id}.json"), value.to_string()).expect("write instance");
}

fn main() {
    let options = parse_options();
    let stemmer = PorterStemmer::new(Mode::Nltk);
    let file =
        std::fs::File::open(&options.data).unwrap_or_else(|e| panic!("{}: {e}", options.data));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let limits = SolveLimits { max_nodes: options.max_nodes, ..SolveLimits::default() };

    println!(
        "{:<10} {:>5} {:>5} {:>5} {:>8} {:>9} {:>9} {:>9} {:>8}  selected",
        "cluster", "sents", "conc", "excl", "nodes", "ms", "objective", "bound", "gap"
    );
    let mut times = Vec::new();
    let mut not_optimal = 0;
    for line in reader.lines() {
        let cluster: serde_json::Value =
            serde_json::from_str(&line.expect("read line")).expect("valid JSON");
        let id = cluster["id"].as_str().expect("id").to_owned();
        let problem = build(&cluster, &options, &stemmer);
        let mut runs: Vec<CoverageSolution> =
            (0..options.repeat.max(1)).map(|_| solve(&problem, &limits)).collect();
        for run in &runs[1..] {
            assert_eq!(
                (&run.selected, run.objective),
                (&runs[0].selected, runs[0].objective),
                "deterministic"
            );
        }
        runs.sort_by_key(|r| r.elapsed);
        let solution = &runs[runs.len() / 2];
        let ms = solution.elapsed.as_secs_f64() * 1e3;
        times.push(solution.elapsed);
        not_optimal += usize::from(!solution.optimal);
        println!(
            "{:<10} {:>5} {:>5} {:>5} {:>8} {:>9.3} {:>9.1} {:>9.1} {:>8.5}  {:?}{}",
            id,
            problem.lengths.len(),
            problem.weights.len(),
            problem.exclusions.len(),
            solution.nodes,
            ms,
            solution.objective,
            solution.upper_bound,
            solution.gap(),
            solution.selected,
            solution
                .truncated
                .map(|t| format!(" cut {} at {}", t.sentence, t.kept_words))
                .unwrap_or_default(),
        );
        if let Some(dir) = &options.dump {
            dump(dir, &id, &problem, solution);
        }
    }
    let total: Duration = times.iter().sum();
    let max = times.iter().max().copied().unwrap_or_default();
    println!(
        "{} clusters: mean {:.3} ms, max {:.3} ms (median of {} runs each), {} not proven optimal",
        times.len(),
        total.as_secs_f64() * 1e3 / times.len().max(1) as f64,
        max.as_secs_f64() * 1e3,
        options.repeat.max(1),
        not_optimal
    );
}
