//! Measures the cleaning stage on a corpus: how many paragraphs it keeps and
//! drops, and why.
//!
//! ```text
//! cargo run --release -p precis --example ingest_report -- DATA.jsonl.gz [--show KINDS]
//! ```
//!
//! The input is gzipped (or plain) JSONL, one cluster per line, with
//! `documents[].id` and `documents[].text`. `--show` prints the pieces of the
//! given kinds, one per line: `B` boilerplate, `H` headline/caption/dateline,
//! `R` repeat, `T` title, `J` kept paragraphs joined from several lines, `P`
//! kept paragraphs. The printout quotes the corpus, so keep it out of commits.

use flate2::read::GzDecoder;
use precis::ingest::{clean_cluster, DropReason};
use precis::Document;
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read, Write};

#[derive(Deserialize)]
struct Cluster {
    id: String,
    documents: Vec<Document>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: ingest_report DATA.jsonl[.gz] [--show KINDS]")?;
    let show: String = match args.iter().position(|a| a == "--show") {
        Some(i) => args.get(i + 1).cloned().unwrap_or_default(),
        None => String::new(),
    };
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> =
        if path.ends_with(".gz") { Box::new(GzDecoder::new(file)) } else { Box::new(file) };
    let out = std::io::stdout();
    let mut out = out.lock();
    let (mut docs, mut kept, mut titles, mut joined) = (0usize, 0usize, 0usize, 0usize);
    let (mut boiler, mut headline, mut repeated) = (0usize, 0usize, 0usize);
    let mut seconds = 0.0;
    for line in BufReader::new(reader).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let cluster: Cluster = serde_json::from_str(&line)?;
        let start = std::time::Instant::now();
        let cleaned = clean_cluster(&cluster.documents);
        seconds += start.elapsed().as_secs_f64();
        for (doc, clean) in cluster.documents.iter().zip(&cleaned) {
            docs += 1;
            kept += clean.paragraphs.len();
            let mut print = |kind: char, text: &str| -> std::io::Result<()> {
                if show.contains(kind) {
                    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    writeln!(out, "{kind} {}/{} | {flat}", cluster.id, doc.id)?;
                }
                Ok(())
            };
            if let Some(t) = clean.title {
                titles += 1;
                print('T', t.slice(&doc.text).unwrap_or(""))?;
            }
            for p in &clean.paragraphs {
                let raw = p.span.slice(&doc.text).unwrap_or("");
                if raw.contains('\n') {
                    joined += 1;
                    print('J', &raw.replace('\n', " ⏎ "))?;
                }
                print('P', p.text.as_str())?;
            }
            for d in &clean.dropped {
                let kind = match d.reason {
                    DropReason::Boilerplate => {
                        boiler += 1;
                        'B'
                    }
                    DropReason::Headline => {
                        headline += 1;
                        'H'
                    }
                    DropReason::Repeated => {
                        repeated += 1;
                        'R'
                    }
                };
                print(kind, d.span.slice(&doc.text).unwrap_or(""))?;
            }
        }
    }
    writeln!(
        out,
        "documents {docs}: kept {kept} paragraphs ({joined} joined from several lines), \
         titles {titles}, dropped boilerplate {boiler}, headline/caption/dateline {headline}, \
         repeats {repeated}; cleaning took {seconds:.3} s"
    )?;
    Ok(())
}
