//! Criterion benchmarks of each pipeline stage on committed text.
//!
//! Run with `cargo bench -p precis --bench stages` (add `-- --save-baseline
//! main` and later `-- --baseline main` to compare a branch with main, as
//! ruff's benchmark README describes).
//!
//! Inputs come in size classes, as in charabia's `benches/bench.rs`:
//!
//! - `kerry`: the bundled example `examples/kerry-lavrov-syria/`, five real
//!   web articles (about 2,300 words, a little over 100 sentences), the
//!   size of one DUC cluster.
//! - `synth-N`: a synthetic cluster of `N` sentences, ten documents, built by
//!   [`common::synthetic_cluster`] from the example's own words with a fixed
//!   seed. Its words follow the example's frequency distribution, so common
//!   words are shared by nearly every sentence, the case in which a
//!   similarity graph can degrade to all pairs.
//!
//! - `html`: each of the example's articles wrapped in a web page (navigation,
//!   a share bar, related links, comments, a footer and a script), for the
//!   cost of `ingest::extract_html` (`dom_smoothie`'s Readability port), which
//!   HTML input pays before cleaning.
//!
//! Every routine checks its result inside the measured closure (tantivy's
//! `benches/analyzer.rs` does the same), so a stage that stops doing its
//! work fails the benchmark instead of getting faster.

mod common;

use common::{kerry_cluster, synthetic_cluster};
use criterion::{criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use precis::eval::rouge155::{Options, Rouge155};
use precis::eval::rouge_score::RougeScorer;
use precis::ingest::clean_cluster;
use precis::represent::Analysis;
use precis::score::{Centroid, Learned, LexRank, Scorer, TextRank};
use precis::select::{CandidateFilter, ConceptCoverage, Mmr, Submodular};
use precis::{prepare, segment, Budget, Cluster, Method, Summarizer};
use std::hint::black_box;

/// The fixtures every stage runs on, with the scale of each.
fn inputs() -> Vec<(&'static str, Cluster)> {
    vec![("kerry", kerry_cluster()), ("synth-1000", synthetic_cluster(1000, 10, 7))]
}

fn words(cluster: &Cluster) -> u64 {
    cluster.documents.iter().map(|d| d.text.split_whitespace().count() as u64).sum()
}

fn clean(c: &mut Criterion) {
    let mut g = c.benchmark_group("clean");
    for (name, cluster) in inputs() {
        let expected: usize =
            clean_cluster(&cluster.documents).iter().map(|d| d.paragraphs.len()).sum();
        assert!(expected > 0);
        g.throughput(Throughput::Elements(words(&cluster)));
        g.bench_function(name, |b| {
            b.iter(|| {
                let cleaned = clean_cluster(black_box(&cluster.documents));
                let n: usize = cleaned.iter().map(|d| d.paragraphs.len()).sum();
                assert_eq!(n, expected);
            })
        });
    }
    g.finish();
}

/// An article's text as a web page with the furniture sites put around it.
fn web_page(title: &str, text: &str) -> String {
    let paragraphs: String = text
        .split("\n\n")
        .flat_map(|p| p.lines())
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    let links: String =
        (1..=20).map(|i| format!("<li><a href=\"/s/{i}\">Section {i}</a></li>")).collect();
    let comments: String = (1..=10)
        .map(|i| format!("<div class=\"comment\"><p>Reader {i} wrote a short reply.</p></div>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title><script>var tracking = {{}};</script></head>\
         <body><header><nav><ul>{links}</ul></nav></header>\
         <div class=\"share\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on Twitter</a></div>\
         <main><article><h1>{title}</h1>{paragraphs}</article></main>\
         <aside class=\"related\"><h3>Related</h3><ul>{links}</ul></aside>\
         <section id=\"comments\">{comments}</section><footer><p>Copyright 2026 Example News.</p></footer>\
         </body></html>"
    )
}

fn html(c: &mut Criterion) {
    let mut g = c.benchmark_group("html");
    let pages: Vec<String> =
        kerry_cluster().documents.iter().map(|d| web_page(&d.id, &d.text)).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("kerry-pages", |b| {
        b.iter(|| {
            for page in &pages {
                let article = precis::ingest::extract_html("page", black_box(page)).unwrap();
                assert!(!article.text.contains("Share on Facebook") && article.text.len() > 500);
            }
        })
    });
    g.finish();
}

fn segment(c: &mut Criterion) {
    let mut g = c.benchmark_group("segment");
    for (name, cluster) in inputs() {
        let paragraphs: Vec<String> = clean_cluster(&cluster.documents)
            .into_iter()
            .flat_map(|d| d.paragraphs.into_iter().map(|p| p.text.as_str().to_owned()))
            .collect();
        let count =
            |ps: &[String]| -> usize { ps.iter().map(|p| segment::split_sentences(p).len()).sum() };
        let expected = count(&paragraphs);
        assert!(expected > 0);
        g.throughput(Throughput::Elements(words(&cluster)));
        g.bench_function(name, |b| b.iter(|| assert_eq!(count(black_box(&paragraphs)), expected)));
    }
    g.finish();
}

fn represent(c: &mut Criterion) {
    let mut g = c.benchmark_group("represent");
    for (name, cluster) in inputs() {
        let prepared = prepare(&cluster).expect("fixture prepares");
        let a = &prepared.analysis;
        let (sentences, n_docs, dates) = (a.sentences.clone(), a.n_docs, a.doc_dates.clone());
        let terms = a.lexicon.len();
        g.throughput(Throughput::Elements(sentences.len() as u64));
        g.bench_function(name, |b| {
            b.iter_batched(
                || (sentences.clone(), dates.clone()),
                |(s, d)| {
                    let analysis = Analysis::new(s, n_docs, d);
                    assert_eq!(analysis.lexicon.len(), terms);
                    analysis
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

fn check_scores(scores: &[f64], n: usize) {
    assert_eq!(scores.len(), n);
    assert!(scores.iter().all(|s| s.is_finite() && *s >= 0.0));
    assert!(scores.iter().any(|s| *s > 0.0));
}

fn score(c: &mut Criterion) {
    let mut g = c.benchmark_group("score");
    for (name, cluster) in inputs() {
        let prepared = prepare(&cluster).expect("fixture prepares");
        let a = &prepared.analysis;
        g.throughput(Throughput::Elements(a.len() as u64));
        let scorers: [(&str, Box<dyn Scorer>); 4] = [
            ("lexrank", Box::new(LexRank::default())),
            ("textrank", Box::new(TextRank::default())),
            ("centroid", Box::new(Centroid::default())),
            ("learned", Box::new(Learned::default())),
        ];
        for (method, scorer) in &scorers {
            g.bench_with_input(BenchmarkId::new(*method, name), a, |b, a| {
                b.iter(|| check_scores(&scorer.score(black_box(a)), a.len()))
            });
        }
    }
    g.finish();
}

fn select(c: &mut Criterion) {
    let mut g = c.benchmark_group("select");
    let budget = Budget::words(100);
    for (name, cluster) in inputs() {
        let prepared = prepare(&cluster).expect("fixture prepares");
        let a = &prepared.analysis;
        let candidates = CandidateFilter::default().candidates(a);
        let ilp_candidates =
            CandidateFilter { min_words: 12, ..CandidateFilter::default() }.candidates(a);
        let scores = LexRank::default().score(a);
        let within = |picks: &[usize]| {
            assert!(!picks.is_empty());
            assert!(picks.iter().map(|&i| budget.cost(&a.sentences[i])).sum::<usize>() <= 100);
        };
        g.bench_function(BenchmarkId::new("mmr", name), |b| {
            b.iter(|| {
                within(&Mmr::default().select(black_box(a), &scores, &candidates, &budget).picks)
            })
        });
        g.bench_function(BenchmarkId::new("submodular", name), |b| {
            b.iter(|| {
                within(&Submodular::default().select(black_box(a), &candidates, &budget).picks)
            })
        });
        g.bench_function(BenchmarkId::new("ilp", name), |b| {
            b.iter(|| {
                let outcome =
                    ConceptCoverage::default().select(black_box(a), &ilp_candidates, &budget);
                within(&outcome.selection.picks)
            })
        });
    }
    g.finish();
}

fn rouge(c: &mut Criterion) {
    let mut g = c.benchmark_group("rouge");
    // Four "references" and a peer, all summaries of the example by
    // different methods, so the texts share much and differ somewhat.
    let cluster = kerry_cluster();
    let summary = |method: Method| {
        let s =
            Summarizer::builder().method(method).budget(Budget::words(100)).build().expect("valid");
        s.summarize(&cluster)
            .expect("example summarizes")
            .sentences
            .iter()
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let models: Vec<String> = [Method::Lead, Method::Centroid, Method::TextRank, Method::Ilp]
        .into_iter()
        .map(summary)
        .collect();
    let models: Vec<&str> = models.iter().map(String::as_str).collect();
    let peer = summary(Method::LexRank);
    let duc = Rouge155::new(Options::duc());
    g.bench_function("rouge155-duc", |b| {
        b.iter(|| {
            let scores = duc.score_cluster(black_box(&peer), &models);
            let r1 = scores.get("ROUGE-1").expect("ROUGE-1 computed").recall;
            assert!(r1 > 0.0 && r1 <= 1.0);
        })
    });
    let rs = RougeScorer::new(true);
    g.bench_function("rouge-score", |b| {
        b.iter(|| {
            let scores = rs.score_multi(&models, black_box(&peer));
            assert!(scores.rouge1.fmeasure > 0.0 && scores.rouge_lsum.fmeasure <= 1.0);
        })
    });
    g.finish();
}

/// The whole library pipeline, parsed cluster to summary, per method.
fn summarize(c: &mut Criterion) {
    let mut g = c.benchmark_group("summarize");
    for (name, cluster) in inputs() {
        g.throughput(Throughput::Elements(words(&cluster)));
        for method in [Method::Auto, Method::Lead, Method::LexRank, Method::Ilp] {
            let s = Summarizer::builder()
                .method(method)
                .budget(Budget::words(100))
                .build()
                .expect("valid");
            g.bench_function(BenchmarkId::new(method.to_string(), name), |b| {
                b.iter(|| {
                    let summary = s.summarize(black_box(&cluster)).expect("fixture summarizes");
                    assert!(!summary.sentences.is_empty() && summary.word_count() <= 100);
                })
            });
        }
    }
    g.finish();
}

/// Cost of one LexRank summary as the cluster grows: flat per sentence
/// means linear growth.
fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    let s = Summarizer::builder()
        .method(Method::LexRank)
        .budget(Budget::words(100))
        .build()
        .expect("valid");
    for n in [100, 1_000, 10_000] {
        let cluster = synthetic_cluster(n, 10, 11);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("lexrank", n), &cluster, |b, cluster| {
            b.iter(|| {
                let summary = s.summarize(black_box(cluster)).expect("fixture summarizes");
                assert!(!summary.sentences.is_empty());
            })
        });
    }
    g.finish();
}

/// Every group; written out rather than by `criterion_group!`, whose
/// generated function has no doc comment for the `missing_docs` lint.
fn benches() {
    let mut c = Criterion::default().configure_from_args();
    html(&mut c);
    clean(&mut c);
    segment(&mut c);
    represent(&mut c);
    score(&mut c);
    select(&mut c);
    rouge(&mut c);
    summarize(&mut c);
    scaling(&mut c);
}

criterion_main!(benches);
