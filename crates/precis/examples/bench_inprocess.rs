//! In-process timing over real clusters, one thread: the time from a parsed
//! [`Cluster`] to its [`Summary`](precis::Summary), per cluster and method.
//!
//! ```text
//! cargo run --release -p precis --example bench_inprocess -- methods FILE [--methods auto,lexrank] [--words 100] [--fill] [--limit N] [--repeat R] [--clock wall|cpu]
//! cargo run --release -p precis --example bench_inprocess -- scale FILE SENTENCES [--methods ...] [--words 100] [--write OUT.jsonl]
//! cargo run --release -p precis --example bench_inprocess -- count FILE
//! cargo run --release -p precis --example bench_inprocess -- rouge --data GOLD --pred PRED --protocol multinews|duc [--flags F]
//! ```
//!
//! `methods` parses every cluster of a JSONL(.gz) file first (parsing is not
//! timed), then summarizes each `R` times (default 5) with each method and
//! keeps each cluster's median time. It prints one JSON object per method:
//! the mean, median, 90th percentile and largest per-cluster time, with the
//! share spent preparing (clean, segment, represent) and the mean number of
//! sentences; when `lexrank` is among the methods, also the largest and the
//! median ratio of a cluster's time to lexrank's time on the same cluster.
//! `--fill` uses a fill-mode budget (as the DUC protocol does). `--clock cpu`
//! times with the thread's CPU time (`clock_gettime`'s thread CPU clock)
//! instead of the wall clock, so that time the thread spends waiting for a
//! core on a loaded machine is not counted.
//!
//! `scale` builds one cluster of about `SENTENCES` sentences by
//! concatenating the documents of consecutive clusters of FILE (the last one
//! cut at a sentence boundary) and times each method on it, repeating for
//! at least a second. With `--write` it also writes the cluster as a JSONL
//! line, so other tools can be timed on the same text. Run it under
//! `/usr/bin/time -v` for the peak memory of one size.
//!
//! `count` streams FILE and prints its numbers of clusters, candidate
//! sentences (as `prepare` finds them) and whitespace words, so batch
//! timings can be divided per sentence.
//!
//! `rouge` scores predictions (`{"id", "summary"}` JSONL, sentences on
//! separate lines) against the references of GOLD (`summaries`), as
//! `precis eval` does: `multinews` is rouge-score with stemming (F1 of
//! rouge1, rouge2, rougeLsum), `duc` is ROUGE-1.5.5 with the DUC flags
//! (`--flags` to change them) and its 1000-resample bootstrap. It is the
//! whole-process stand-in `scripts/bench-rouge.sh` times when the `precis`
//! binary has no `rouge` subcommand; the time spent scoring goes to stderr.
//!
//! `scripts/bench-scaling.sh`, `scripts/bench-peers.sh` and
//! `scripts/bench-rouge.sh` drive it.

use precis::eval::rouge155::{Options as RougeOptions, Rouge155};
use precis::eval::rouge_score::RougeScorer;
use precis::{prepare, Budget, Cluster, Document, Method, Summarizer};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::time::{Duration, Instant};

type BoxError = Box<dyn std::error::Error>;

struct Options {
    methods: Vec<Method>,
    words: usize,
    fill: bool,
    limit: usize,
    repeat: usize,
    write: Option<String>,
    cpu_clock: bool,
}

fn parse_options(args: &[String]) -> Result<Options, BoxError> {
    let mut o = Options {
        methods: vec![Method::Auto, Method::LexRank],
        words: 100,
        fill: false,
        limit: usize::MAX,
        repeat: 5,
        write: None,
        cpu_clock: false,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--methods" => {
                o.methods = value()?.split(',').map(str::parse).collect::<Result<_, _>>()?
            }
            "--words" => o.words = value()?.parse()?,
            "--fill" => o.fill = true,
            "--limit" => o.limit = value()?.parse()?,
            "--repeat" => o.repeat = value()?.parse::<usize>()?.max(1),
            "--write" => o.write = Some(value()?.clone()),
            "--clock" => {
                o.cpu_clock = match value()?.as_str() {
                    "wall" => false,
                    "cpu" => true,
                    other => return Err(format!("--clock takes wall or cpu, not {other}").into()),
                }
            }
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    Ok(o)
}

fn open(path: &str) -> Result<Box<dyn BufRead>, BoxError> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Reads clusters one line at a time, stopping when `keep` says so.
fn read_clusters(
    path: &str,
    mut keep: impl FnMut(&Cluster) -> bool,
) -> Result<Vec<Cluster>, BoxError> {
    let mut out = Vec::new();
    for line in open(path)?.lines() {
        let cluster: Cluster = serde_json::from_str(&line?)?;
        let more = keep(&cluster);
        out.push(cluster);
        if !more {
            break;
        }
    }
    Ok(out)
}

fn summarizer(method: Method, words: usize) -> Result<Summarizer, BoxError> {
    summarizer_with(method, Budget::words(words))
}

fn summarizer_with(method: Method, budget: Budget) -> Result<Summarizer, BoxError> {
    Ok(Summarizer::builder().method(method).budget(budget).build()?)
}

/// A point in time on the clock `--clock` chose, in seconds.
fn now(cpu: bool, origin: Instant) -> f64 {
    if cpu {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
    } else {
        origin.elapsed().as_secs_f64()
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    if xs.is_empty() {
        return 0.0;
    }
    xs[xs.len() / 2]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn methods(path: &str, o: &Options) -> Result<(), BoxError> {
    let mut n = 0;
    let clusters = read_clusters(path, |_| {
        n += 1;
        n < o.limit
    })?;
    let sentences: Vec<usize> =
        clusters.iter().map(|c| prepare(c).map_or(0, |p| p.analysis.len())).collect();
    let mean_sentences = sentences.iter().sum::<usize>() as f64 / clusters.len().max(1) as f64;
    // Lexrank first, so every method's time can be compared with it per cluster.
    let mut order = o.methods.clone();
    order.sort_by_key(|&m| m != Method::LexRank);
    let mut lexrank: Option<Vec<f64>> = None;
    for &method in &order {
        let s = summarizer_with(method, Budget::words(o.words).with_fill(o.fill))?;
        let mut total = Vec::with_capacity(clusters.len());
        let mut prep = Vec::with_capacity(clusters.len());
        for cluster in &clusters {
            let mut t = Vec::with_capacity(o.repeat);
            let mut p = Vec::with_capacity(o.repeat);
            let origin = Instant::now();
            for _ in 0..o.repeat {
                let start = now(o.cpu_clock, origin);
                let prepared = prepare(cluster);
                let mid = now(o.cpu_clock, origin);
                if let Ok(prepared) = prepared {
                    let summary = s.summarize_prepared(&prepared);
                    assert!(o.fill || summary.word_count() <= o.words);
                }
                let end = now(o.cpu_clock, origin);
                t.push(end - start);
                p.push(mid - start);
            }
            total.push(median(t));
            prep.push(median(p));
        }
        let sum: f64 = total.iter().sum();
        let sum_prep: f64 = prep.iter().sum();
        let mut sorted = total.clone();
        sorted.sort_by(f64::total_cmp);
        let k = clusters.len().max(1) as f64;
        let worst_ratio = lexrank.as_ref().map(|base| {
            let ratio = |(i, (t, b)): (usize, (&f64, &f64))| (t / b.max(1e-9), i);
            let (r, i) = total.iter().zip(base).enumerate().map(ratio).fold((0.0, 0), |a, b| {
                if b.0 > a.0 {
                    b
                } else {
                    a
                }
            });
            serde_json::json!({"ratio": r, "cluster": clusters[i].id})
        });
        let median_ratio = lexrank
            .as_ref()
            .map(|base| median(total.iter().zip(base).map(|(t, b)| t / b.max(1e-9)).collect()));
        if method == Method::LexRank {
            lexrank = Some(total.clone());
        }
        println!(
            "{}",
            serde_json::json!({
                "file": path,
                "method": method.name(),
                "words": o.words,
                "clusters": clusters.len(),
                "mean_sentences": mean_sentences,
                "mean_ms": 1e3 * sum / k,
                "median_ms": 1e3 * percentile(&sorted, 0.5),
                "p90_ms": 1e3 * percentile(&sorted, 0.9),
                "max_ms": 1e3 * sorted.last().copied().unwrap_or(0.0),
                "prepare_share": if sum > 0.0 { sum_prep / sum } else { 0.0 },
                "us_per_sentence": 1e6 * sum / sentences.iter().sum::<usize>().max(1) as f64,
                "total_s": sum,
                "fill": o.fill,
                "max_ratio_to_lexrank": worst_ratio,
                "median_ratio_to_lexrank": median_ratio,
                "clock": if o.cpu_clock { "cpu" } else { "wall" },
            })
        );
    }
    Ok(())
}

/// One cluster of about `target` sentences from consecutive clusters of `path`.
fn scaled_cluster(path: &str, target: usize) -> Result<Cluster, BoxError> {
    let mut documents: Vec<Document> = Vec::new();
    let mut have = 0;
    read_clusters(path, |cluster| {
        for d in &cluster.documents {
            if have >= target {
                break;
            }
            let single = Cluster::new("one", vec![d.clone()]);
            let Ok(p) = prepare(&single) else { continue };
            let n = p.analysis.len();
            let doc = if have + n <= target {
                d.clone()
            } else {
                // Cut after the sentence that reaches the target.
                let end = p.analysis.sentences[target - have - 1].span.end();
                Document::new(d.id.clone(), &d.text[..end])
            };
            have += n.min(target - have);
            documents.push(Document::new(format!("{}/{}", cluster.id, doc.id), doc.text));
        }
        have < target
    })?;
    Ok(Cluster::new(format!("scaled-{target}"), documents))
}

fn scale(path: &str, target: usize, o: &Options) -> Result<(), BoxError> {
    let cluster = scaled_cluster(path, target)?;
    if let Some(out) = &o.write {
        let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
        writeln!(f, "{}", serde_json::to_string(&cluster)?)?;
    }
    let prepared = prepare(&cluster)?;
    let n = prepared.analysis.len();
    let words: usize = cluster.documents.iter().map(|d| d.text.split_whitespace().count()).sum();
    for &method in &o.methods {
        let s = summarizer(method, o.words)?;
        let mut times = Vec::new();
        let mut prep_times = Vec::new();
        let started = Instant::now();
        while times.len() < 3 || (started.elapsed() < Duration::from_secs(1) && times.len() < 1000)
        {
            let start = Instant::now();
            let prepared = prepare(&cluster)?;
            let mid = Instant::now();
            let summary = s.summarize_prepared(&prepared);
            assert!(!summary.sentences.is_empty());
            prep_times.push((mid - start).as_secs_f64());
            times.push(start.elapsed().as_secs_f64());
        }
        let t = median(times.clone());
        println!(
            "{}",
            serde_json::json!({
                "file": path,
                "method": method.name(),
                "target": target,
                "sentences": n,
                "documents": cluster.documents.len(),
                "words": words,
                "runs": times.len(),
                "ms": 1e3 * t,
                "prepare_ms": 1e3 * median(prep_times),
                "us_per_sentence": 1e6 * t / n.max(1) as f64,
            })
        );
    }
    Ok(())
}

fn count(path: &str) -> Result<(), BoxError> {
    let (mut clusters, mut sentences, mut words) = (0usize, 0usize, 0usize);
    for line in open(path)?.lines() {
        let cluster: Cluster = serde_json::from_str(&line?)?;
        clusters += 1;
        sentences += prepare(&cluster).map_or(0, |p| p.analysis.len());
        words += cluster.documents.iter().map(|d| d.text.split_whitespace().count()).sum::<usize>();
    }
    println!(
        "{}",
        serde_json::json!({"file": path, "clusters": clusters, "sentences": sentences, "words": words})
    );
    Ok(())
}

/// The DUC 2003/2004 ROUGE-1.5.5 flags, as `precis eval --protocol duc` uses them.
const DUC_FLAGS: &str = "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u";

fn rouge(args: &[String]) -> Result<(), BoxError> {
    let (mut data, mut pred, mut protocol, mut flags) = (None, None, None, DUC_FLAGS.to_owned());
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?.clone();
        match flag.as_str() {
            "--data" => data = Some(value),
            "--pred" => pred = Some(value),
            "--protocol" => protocol = Some(value),
            "--flags" => flags = value,
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    let usage = "rouge needs --data GOLD --pred PRED --protocol multinews|duc";
    let (data, pred, protocol) = (data.ok_or(usage)?, pred.ok_or(usage)?, protocol.ok_or(usage)?);
    let start = Instant::now();
    // Cluster id -> references, in the gold file's order.
    let mut gold: Vec<(String, Vec<String>)> = Vec::new();
    for line in open(&data)?.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let id = v["id"].as_str().ok_or("gold record without id")?.to_owned();
        let refs = v["summaries"].as_array().ok_or("gold record without summaries")?;
        gold.push((id, refs.iter().filter_map(|r| r.as_str().map(str::to_owned)).collect()));
    }
    let mut predictions: BTreeMap<String, String> = BTreeMap::new();
    for line in open(&pred)?.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let id = v["id"].as_str().ok_or("prediction without id")?.to_owned();
        predictions.insert(id, v["summary"].as_str().unwrap_or_default().to_owned());
    }
    let read = start.elapsed();
    let scoring = Instant::now();
    let mut report = serde_json::Map::new();
    match protocol.as_str() {
        "multinews" => {
            let scorer = RougeScorer::new(true);
            let mut sums = [0.0f64; 3];
            for (id, refs) in &gold {
                let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
                let p = predictions.get(id).map_or("", String::as_str);
                let s = scorer.score_multi(&refs, p);
                sums[0] += s.rouge1.fmeasure;
                sums[1] += s.rouge2.fmeasure;
                sums[2] += s.rouge_lsum.fmeasure;
            }
            let n = gold.len().max(1) as f64;
            for (name, sum) in ["rouge1", "rouge2", "rougeLsum"].iter().zip(sums) {
                report.insert(format!("{name}_f"), (sum / n).into());
            }
        }
        "duc" => {
            let rouge = Rouge155::new(RougeOptions::from_flags(&flags)?);
            // ROUGE-1.5.5.pl averages evaluations sorted by id.
            gold.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            let per_cluster: Vec<_> = gold
                .iter()
                .map(|(id, refs)| {
                    let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
                    rouge.score_cluster(predictions.get(id).map_or("", String::as_str), &refs)
                })
                .collect();
            for m in rouge.average(&per_cluster) {
                let r = m.recall;
                report
                    .insert(format!("{}_r", m.metric), serde_json::json!([r.mean, r.low, r.high]));
            }
        }
        other => return Err(format!("unknown protocol {other:?}; {usage}").into()),
    }
    eprintln!(
        "rouge {protocol}: {} clusters; {:.1} ms reading, {:.1} ms scoring",
        gold.len(),
        read.as_secs_f64() * 1e3,
        scoring.elapsed().as_secs_f64() * 1e3
    );
    report.insert("clusters".into(), gold.len().into());
    report.insert("scoring_ms".into(), (scoring.elapsed().as_secs_f64() * 1e3).into());
    println!("{}", serde_json::Value::Object(report));
    Ok(())
}

fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_inprocess methods FILE [options] | scale FILE SENTENCES [options] \
                 | count FILE | rouge --data GOLD --pred PRED --protocol multinews|duc";
    match args.first().map(String::as_str) {
        Some("methods") => {
            let path = args.get(1).ok_or(usage)?;
            methods(path, &parse_options(&args[2..])?)
        }
        Some("scale") => {
            let path = args.get(1).ok_or(usage)?;
            let target: usize = args.get(2).ok_or(usage)?.parse()?;
            scale(path, target, &parse_options(&args[3..])?)
        }
        Some("count") => count(args.get(1).ok_or(usage)?),
        Some("rouge") => rouge(&args[1..]),
        _ => Err(usage.into()),
    }
}
