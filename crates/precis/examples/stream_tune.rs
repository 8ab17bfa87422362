//! Developer tool: scores the story clusterer on a labelled stream (one
//! article a line, `{"id", "text", "date"?, "title"?, "story"}`, gzip or
//! not) under the default settings or a grid of them, with split-half
//! figures (first and second half of the stream scored separately).
//!
//! `cargo run --release -p precis --example stream_tune -- ../shared/data/stream-dev.jsonl.gz [key=v1,v2 ...]`
//!
//! Keys: threshold, name, lead, lead_words, time, merge, article_terms,
//! story_terms, probe, postings, candidates, window, window_articles.
//! NO_HALVES=1 skips the split-half runs; PRED=FILE writes the stories.

use precis::eval::clustering::score;
use precis::ingest::DocDate;
use precis::story::{Article, StoryClusterer, StoryConfig};
use std::io::{BufRead, BufReader, Read};

#[derive(serde::Deserialize)]
struct Rec {
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    story: String,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: stream_tune STREAM.jsonl[.gz] [key=v1,v2 ...]");
    let file = std::fs::File::open(&path).expect("open stream");
    let mut head = [0u8; 2];
    let mut reader = BufReader::new(file);
    reader.fill_buf().map(|b| head.copy_from_slice(&b[..2])).ok();
    let reader: Box<dyn Read> = if head == [0x1f, 0x8b] {
        Box::new(flate2::bufread::MultiGzDecoder::new(reader))
    } else {
        Box::new(reader)
    };
    let recs: Vec<Rec> = BufReader::new(reader)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("read")).expect("json"))
        .collect();
    let days: Vec<Option<i64>> = recs
        .iter()
        .map(|r| r.date.as_deref().map(|d| DocDate::parse(d).expect("date").day()))
        .collect();
    let gold: Vec<&str> = recs.iter().map(|r| r.story.as_str()).collect();
    let mut grid: Vec<StoryConfig> = vec![StoryConfig::default()];
    for kv in args {
        let (key, values) = kv.split_once('=').expect("key=v1,v2");
        let values: Vec<f32> = values.split(',').map(|v| v.parse().expect("number")).collect();
        grid = grid
            .into_iter()
            .flat_map(|c| {
                values.iter().map(move |&v| {
                    let mut c = c.clone();
                    match key {
                        "threshold" => c.threshold = v,
                        "name" => c.name_weight = v,
                        "lead" => c.lead_weight = v,
                        "lead_words" => c.lead_words = v as usize,
                        "time" => c.time_penalty = v,
                        "merge" => c.merge_threshold = v,
                        "article_terms" => c.article_terms = v as usize,
                        "story_terms" => c.story_terms = v as usize,
                        "probe" => c.probe_terms = v as usize,
                        "postings" => c.max_postings = v as usize,
                        "candidates" => c.max_candidates = v as usize,
                        "window_articles" => c.window_articles = (v > 0.0).then_some(v as u64),
                        "idf" => c.idf_offset = v,
                        "sublinear" => c.sublinear_tf = v > 0.0,
                        "window" => c.window_days = (v > 0.0).then_some(v as u32),
                        other => panic!("unknown key {other}"),
                    }
                    c
                })
            })
            .collect();
    }
    let half = recs.len() / 2;
    for config in grid {
        let t = std::time::Instant::now();
        let mut c = StoryClusterer::new(config.clone());
        if std::env::var("ORACLE_IDF").is_ok() {
            for r in &recs {
                c.observe(&Article { text: &r.text, title: None, day: None });
            }
        }
        let pred: Vec<u64> = recs
            .iter()
            .zip(&days)
            .map(|(r, &day)| {
                c.assign(&Article { text: &r.text, title: r.title.as_deref(), day }).story
            })
            .collect();
        let secs = t.elapsed().as_secs_f64();
        if let Ok(out) = std::env::var("PRED") {
            let lines: Vec<String> = pred.iter().map(|p| p.to_string()).collect();
            std::fs::write(out, lines.join("\n")).expect("write PRED");
        }
        let s = score(&pred, &gold);
        // Split-half: each half clustered from scratch.
        let parts = if std::env::var("NO_HALVES").is_ok() {
            vec![]
        } else {
            vec![(0, half), (half, recs.len())]
        };
        let mut halves: Vec<f64> = parts
            .iter()
            .map(|&(a, b)| {
                let mut c = StoryClusterer::new(config.clone());
                let pred: Vec<u64> = (a..b)
                    .map(|i| {
                        let r = &recs[i];
                        c.assign(&Article {
                            text: &r.text,
                            title: r.title.as_deref(),
                            day: days[i],
                        })
                        .story
                    })
                    .collect();
                score(&pred, &gold[a..b]).bcubed_f1
            })
            .collect();
        halves.resize(2, f64::NAN);
        println!(
            "th={:.3} name={} lead={}x{} time={} merge={} at={} st={} probe={} win={:?} | B3 P {:.4} R {:.4} F {:.4} | pairF {:.4} | stories {} | halves {:.4} {:.4} | {:.0} art/s",
            config.threshold, config.name_weight, config.lead_weight, config.lead_words, config.time_penalty,
            config.merge_threshold, config.article_terms, config.story_terms, config.probe_terms, config.window_days,
            s.bcubed_precision, s.bcubed_recall, s.bcubed_f1, s.pairwise_f1, s.predicted_clusters,
            halves[0], halves[1], recs.len() as f64 / secs
        );
    }
}
