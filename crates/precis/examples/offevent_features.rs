//! Developer tool: dumps what the off-event detector reads, for tuning its
//! signals outside Rust: for every cluster of a file whose records carry
//! `off_event`, one JSON line with each document's id, whether it is an
//! answer, and its sentences as lists of tokens `[term, stop, capitalized,
//! digit, word index]`; the terms' stems are in `terms`.
//!
//! `cargo run --release -p precis --example offevent_features -- FILE > tokens.jsonl`

use precis::{prepare, Cluster};
use std::io::{BufRead, BufReader, Read};

/// One token as dumped: term, stopword, capitalized, starts with a digit,
/// word index.
type Tok = (u32, bool, bool, bool, u32);

#[derive(serde::Deserialize)]
struct Rec {
    #[serde(flatten)]
    cluster: Cluster,
    #[serde(default)]
    off_event: Vec<String>,
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: offevent_features FILE.jsonl[.gz]");
    let file = std::fs::File::open(&path).expect("open file");
    let mut reader = BufReader::new(file);
    let gz = reader.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
    let reader: Box<dyn Read> =
        if gz { Box::new(flate2::bufread::MultiGzDecoder::new(reader)) } else { Box::new(reader) };
    for line in BufReader::new(reader).lines() {
        let rec: Rec = serde_json::from_str(&line.expect("read")).expect("json");
        let prepared = match prepare(&rec.cluster) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("cluster {:?} skipped: {e}", rec.cluster.id);
                continue;
            }
        };
        let a = &prepared.analysis;
        let mut docs: Vec<Vec<Vec<Tok>>> = vec![Vec::new(); a.n_docs];
        for (s, tokens) in a.sentences.iter().zip(&a.tokens) {
            let words: Vec<&str> = s.norm.split(' ').collect();
            let toks = tokens
                .iter()
                .map(|t| {
                    let first = words
                        .get(t.word as usize)
                        .and_then(|w| w.chars().find(|c| c.is_alphanumeric()));
                    (
                        t.term,
                        t.stop,
                        first.is_some_and(char::is_uppercase),
                        first.is_some_and(|c| c.is_ascii_digit()),
                        t.word,
                    )
                })
                .collect();
            docs[s.doc].push(toks);
        }
        let terms: Vec<&str> = (0..a.lexicon.len() as u32).map(|t| a.lexicon.stem(t)).collect();
        let row = serde_json::json!({
            "cluster": rec.cluster.id,
            "ids": prepared.doc_ids,
            "gold": rec.off_event,
            "docs": docs,
            "terms": terms,
        });
        println!("{row}");
    }
}
