//! Measures sentence order against human references (see
//! `precis::eval::order`): Kendall's tau between each summary's order and
//! its sentences' order in the reference, and the share of summaries whose
//! first sentence aligns with the reference's first. Three orders of the
//! same selected sentences are compared: the documents' order (input order,
//! chronological when dates are known, then position: the order precis
//! used before the compose stage chose a lead), the method's score order,
//! and the order precis prints. A fourth line counts the clusters whose
//! first sentence changes when the documents are given in reverse.
//!
//! `cargo run --release -p precis --example order_report -- FILE.jsonl.gz duc|duc-qf|multinews [--show]`
//!
//! `--show` also prints each cluster's summary beside its references: every
//! printed sentence with its document, the document's wire date and the
//! reference sentence it aligns with in each reference (`-`: none).
use precis::eval::order::{alignment, order_agreement, reference_sentences};
use precis::{prepare, Budget, Cluster, Summarizer, Summary, SummarySentence};
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
    summaries: Vec<String>,
}

/// Sums of one order's agreement over clusters.
#[derive(Default)]
struct Tally {
    tau: f64,
    tau_n: usize,
    first: f64,
    first_n: usize,
}

impl Tally {
    fn add(
        &mut self,
        sentences: &[&SummarySentence],
        references: &[Vec<std::collections::BTreeSet<String>>],
    ) {
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        let (mut tau, mut tau_n, mut first, mut first_n) = (0.0, 0, 0.0, 0);
        for r in references {
            let a = order_agreement(&texts, r);
            if let Some(t) = a.tau {
                tau += t;
                tau_n += 1;
            }
            first += f64::from(u8::from(a.first));
            first_n += 1;
        }
        // Each cluster counts once: the mean over its references.
        if tau_n > 0 {
            self.tau += tau / tau_n as f64;
            self.tau_n += 1;
        }
        if first_n > 0 {
            self.first += first / first_n as f64;
            self.first_n += 1;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(protocol)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: order_report FILE.jsonl.gz duc|duc-qf|multinews [--show]");
        std::process::exit(2);
    };
    let budget = match protocol.as_str() {
        "duc" => Budget::words(100).with_fill(true),
        "multinews" => Budget::words(250),
        "duc-qf" => Budget::words(250).with_fill(true),
        other => panic!("unknown protocol {other:?}; choose duc, duc-qf or multinews"),
    };
    let show = args.iter().any(|a| a == "--show");
    let summarizer = Summarizer::builder().budget(budget).build().unwrap();
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let names = ["documents' order (before)", "score order", "precis's order"];
    let mut tallies: Vec<Tally> = names.iter().map(|_| Tally::default()).collect();
    let (mut clusters, mut opener_moves) = (0, 0);
    for line in reader.lines() {
        let rec: Record = serde_json::from_str(&line.unwrap()).unwrap();
        let Ok(prepared) = prepare(&rec.cluster) else { continue };
        let summary = summarizer.summarize_prepared(&prepared);
        if summary.sentences.is_empty() {
            continue;
        }
        clusters += 1;
        let references: Vec<_> = rec.summaries.iter().map(|r| reference_sentences(r)).collect();
        let printed: Vec<&SummarySentence> = summary.sentences.iter().collect();
        let dates: Vec<Option<u32>> = rec.cluster.documents.iter().map(|d| d.wire_date()).collect();
        let doc_index = |s: &SummarySentence| {
            rec.cluster.documents.iter().position(|d| d.id == s.document).unwrap_or(usize::MAX)
        };
        let mut by_docs = printed.clone();
        by_docs.sort_by_key(|s| {
            let d = doc_index(s);
            (dates.get(d).copied().flatten().unwrap_or(u32::MAX), d, s.span.start())
        });
        let mut by_score = printed.clone();
        by_score.sort_by(|a, b| b.score.total_cmp(&a.score));
        if show {
            show_cluster(&rec, &summary, &references);
        }
        for (tally, order) in tallies.iter_mut().zip([&by_docs, &by_score, &printed]) {
            tally.add(order, &references);
        }
        let mut reversed = rec.cluster.clone();
        reversed.documents.reverse();
        if let Ok(r) = summarizer.summarize(&reversed) {
            if first_text(&r) != first_text(&summary) {
                opener_moves += 1;
            }
        }
    }
    println!("{path}: {clusters} clusters, method auto, {budget:?}");
    println!("| order | Kendall's tau | first sentence aligns with the reference's first |");
    println!("|---|---|---|");
    for (name, t) in names.iter().zip(&tallies) {
        println!(
            "| {name} | {:.3} ({} clusters) | {:.1}% ({} clusters) |",
            t.tau / t.tau_n.max(1) as f64,
            t.tau_n,
            100.0 * t.first / t.first_n.max(1) as f64,
            t.first_n
        );
    }
    println!("clusters whose first sentence changes when the documents are reversed: {opener_moves} of {clusters}");
}

/// Prints a cluster's summary beside its references (`--show`).
fn show_cluster(
    rec: &Record,
    summary: &Summary,
    references: &[Vec<std::collections::BTreeSet<String>>],
) {
    println!("=== {} ({} documents)", rec.cluster.id, rec.cluster.documents.len());
    let texts: Vec<&str> = summary.sentences.iter().map(|s| s.text.as_str()).collect();
    let aligned: Vec<Vec<Option<usize>>> =
        references.iter().map(|r| alignment(&texts, r)).collect();
    for (k, s) in summary.sentences.iter().enumerate() {
        let date = rec
            .cluster
            .documents
            .iter()
            .find(|d| d.id == s.document)
            .and_then(|d| d.wire_date())
            .map_or("-".to_owned(), |d| d.to_string());
        let marks: Vec<String> =
            aligned.iter().map(|a| a[k].map_or("-".to_owned(), |x| x.to_string())).collect();
        println!("  [{}] {} {} @{}: {}", marks.join(","), s.document, date, s.span.start(), s.text);
    }
    for (n, r) in rec.summaries.iter().enumerate() {
        println!("  ref {n}: {}", r.replace('\n', " "));
    }
}

fn first_text(s: &Summary) -> Option<&str> {
    s.sentences.first().map(|s| s.text.as_str())
}
