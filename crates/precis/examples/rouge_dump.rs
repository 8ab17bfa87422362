//! Scores summaries given as JSON on stdin and prints every number as JSON,
//! for `scripts/verify-rouge.sh` to compare with the reference scorers.
//!
//! Input, one JSON object, in one of three modes:
//!
//! ```json
//! {"mode": "rouge155", "flags": "-n 4 -m -a -l 100 -x -2 4 -u",
//!  "clusters": [{"id": "d30001t", "models": ["SPL text", ...],
//!                "peers": {"lead": "SPL text", ...}}]}
//! {"mode": "rouge_score", "stem": true,
//!  "items": [{"system": "lead", "id": "...", "target": "...", "prediction": "..."}]}
//! {"mode": "stem", "words": ["agreement", ...]}
//! ```
//!
//! Output for `rouge155`: per system, per cluster, per metric `{"rpf": [R,
//! P, F], "counts": [model, peer, hits]}` (5-decimal strings, as
//! ROUGE-1.5.5.pl -d prints them, and the raw counts it prints under `-t 1`)
//! and per metric the averages `[[R, low, high], [P, low, high], [F, low,
//! high]]`. Clusters are averaged in the script's order
//! (`"{id}.{system}"` sorted as bytes, the system name being the peer id).
//! For `rouge_score`: per item `{rouge1: [P, R, F], ...}` as JSON floats.
//! For `stem`: `{"rouge155": [...], "nltk": [...]}`, ROUGE-1.5.5's `-m` stem
//! and rouge-score's (NLTK Porter, `precis::stem`) stem of each word. Timings of
//! the scoring alone go to stderr.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::{Duration, Instant};

use precis::eval::rouge155::{Options, Rouge155};
use precis::eval::rouge_score::RougeScorer;
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let request: Value = serde_json::from_str(&input)?;
    let output = match request["mode"].as_str() {
        Some("rouge155") => rouge155(&request)?,
        Some("rouge_score") => rouge_score(&request),
        Some("stem") => stem(&request),
        other => return Err(format!("unknown mode {other:?}").into()),
    };
    println!("{output}");
    Ok(())
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn fmt5(x: f64) -> String {
    format!("{x:.5}")
}

fn rouge155(request: &Value) -> Result<Value, Box<dyn std::error::Error>> {
    let options = Options::from_flags(text(&request["flags"]))?;
    let rouge = Rouge155::new(options);
    let mut clusters: Vec<&Value> =
        request["clusters"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    clusters.sort_by_key(|c| text(&c["id"]).to_owned());
    let mut systems: Vec<&str> = clusters
        .iter()
        .flat_map(|c| c["peers"].as_object().into_iter().flat_map(|p| p.keys()))
        .map(String::as_str)
        .collect();
    systems.sort_unstable();
    systems.dedup();

    let start = Instant::now();
    let models: Vec<Vec<_>> = clusters
        .iter()
        .map(|c| {
            c["models"].as_array().into_iter().flatten().map(|m| rouge.prepare(text(m))).collect()
        })
        .collect();
    let prepared_models = start.elapsed();
    let mut bootstrap = Duration::ZERO;
    let mut out = BTreeMap::new();
    for system in systems {
        let mut per_cluster = BTreeMap::new();
        // The script averages its evaluations sorted by "evalID.peerID",
        // the peer id being the system's name here.
        let mut order: Vec<usize> = (0..clusters.len()).collect();
        order.sort_by_cached_key(|&i| format!("{}.{system}", text(&clusters[i]["id"])));
        let mut scores = Vec::new();
        for i in order {
            let (c, models) = (clusters[i], &models[i]);
            let Some(peer) = c["peers"].get(system) else { continue };
            let s = rouge.score(&rouge.prepare(text(peer)), models);
            let metrics: BTreeMap<&str, Value> = s
                .scores
                .iter()
                .map(|(name, v)| {
                    let counts = [v.model_count, v.peer_count, v.hits];
                    (name.as_str(), json!({"rpf": [fmt5(v.recall), fmt5(v.precision), fmt5(v.f1)], "counts": counts}))
                })
                .collect();
            per_cluster.insert(text(&c["id"]).to_owned(), json!(metrics));
            scores.push(s);
        }
        let t = Instant::now();
        let report = rouge.average(&scores);
        bootstrap += t.elapsed();
        let averages: BTreeMap<String, Value> = report
            .into_iter()
            .map(|a| {
                let e =
                    |e: precis::eval::rouge155::Estimate| [fmt5(e.mean), fmt5(e.low), fmt5(e.high)];
                (a.metric, json!([e(a.recall), e(a.precision), e(a.f1)]))
            })
            .collect();
        out.insert(system.to_owned(), json!({"clusters": per_cluster, "averages": averages}));
    }
    eprintln!(
        "rouge155: {} clusters x {} systems scored with bootstrap in {:.1} ms \
         ({:.1} ms preparing the models, {:.1} ms bootstrap)",
        clusters.len(),
        out.len(),
        start.elapsed().as_secs_f64() * 1e3,
        prepared_models.as_secs_f64() * 1e3,
        bootstrap.as_secs_f64() * 1e3,
    );
    Ok(json!(out))
}

fn rouge_score(request: &Value) -> Value {
    let scorer = RougeScorer::new(request["stem"].as_bool().unwrap_or(false));
    let items = request["items"].as_array().cloned().unwrap_or_default();
    let start = Instant::now();
    // Each target is prepared once and reused for every system's prediction.
    let mut prepared = BTreeMap::new();
    let mut out = Vec::with_capacity(items.len());
    let (mut preparing, mut scoring) = (Duration::ZERO, Duration::ZERO);
    for item in &items {
        let target = text(&item["target"]);
        let t0 = Instant::now();
        let target = prepared.entry(target).or_insert_with(|| scorer.prepare(target));
        let prediction = scorer.prepare(text(&item["prediction"]));
        let t1 = Instant::now();
        let s = scorer.score_prepared(target, &prediction);
        preparing += t1 - t0;
        scoring += t1.elapsed();
        let t = |s: precis::eval::rouge_score::Score| [s.precision, s.recall, s.fmeasure];
        out.push(json!({
            "system": item["system"], "id": item["id"],
            "rouge1": t(s.rouge1), "rouge2": t(s.rouge2),
            "rougeL": t(s.rouge_l), "rougeLsum": t(s.rouge_lsum),
        }));
    }
    eprintln!(
        "rouge_score: {} pairs scored in {:.1} ms ({:.1} ms tokenizing, {:.1} ms scoring)",
        items.len(),
        start.elapsed().as_secs_f64() * 1e3,
        preparing.as_secs_f64() * 1e3,
        scoring.as_secs_f64() * 1e3,
    );
    json!(out)
}

fn stem(request: &Value) -> Value {
    let words: Vec<&str> = request["words"].as_array().into_iter().flatten().map(text).collect();
    let start = Instant::now();
    let ours: Vec<String> = words.iter().map(|w| precis::eval::rouge155::stem(w)).collect();
    let ours_time = start.elapsed();
    let start = Instant::now();
    let theirs: Vec<String> = words.iter().map(|w| precis::stem::stem(w)).collect();
    eprintln!(
        "stem: {} words in {:.1} ms (ROUGE-1.5.5 -m) and {:.1} ms (NLTK)",
        words.len(),
        ours_time.as_secs_f64() * 1e3,
        start.elapsed().as_secs_f64() * 1e3
    );
    json!({"rouge155": ours, "nltk": theirs})
}
