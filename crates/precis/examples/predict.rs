//! Development helper: summarize every cluster of a JSONL(.gz) file and
//! print `{"id", "summary"}` lines, for scoring with external ROUGE tools.
//!
//! `cargo run --release -p precis --example predict -- FILE METHOD WORDS [fill]`

use precis::{Budget, Cluster, Method, Summarizer};
use std::io::{BufRead, BufReader, Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: predict FILE METHOD WORDS [fill]")?;
    let method: Method = args.get(2).map(String::as_str).unwrap_or("auto").parse()?;
    let words: usize = args.get(3).map(String::as_str).unwrap_or("100").parse()?;
    let fill = args.get(4).is_some_and(|a| a == "fill");
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let summarizer = Summarizer::builder()
        .method(method)
        .budget(Budget::words(words).with_fill(fill))
        .build()?;
    let mut out = std::io::stdout().lock();
    let start = std::time::Instant::now();
    let mut n = 0;
    for line in BufReader::new(reader).lines() {
        let line = line?;
        let cluster: Cluster = serde_json::from_str(&line)?;
        let text = match summarizer.summarize(&cluster) {
            Ok(s) => s.text(),
            Err(e) => {
                eprintln!("{}: {e}", cluster.id);
                String::new()
            }
        };
        writeln!(out, "{}", serde_json::json!({"id": cluster.id, "summary": text}))?;
        n += 1;
    }
    eprintln!("{n} clusters in {:.2?}", start.elapsed());
    Ok(())
}
