//! Compares `precis::stem` with `nltk-porter` on every distinct word of a
//! corpus, and times both.
//!
//! ```text
//! cargo run --release -p precis --example stem_check -- DATA.jsonl[.gz]...
//! ```
//!
//! Each input is gzipped (told by its magic bytes) or plain JSONL; every
//! string in every record is tokenized two ways: as rouge-score does
//! (lowercased, runs of `[a-z0-9]`) and into lowercased runs of Unicode
//! alphanumerics, of which those with other characters are kept (they take
//! the `nltk-porter` fallback). Prints the counts and the first differences
//! and exits with status 1 if any word differs. The printout can quote the
//! corpus, so keep it out of commits.

use flate2::read::GzDecoder;
use nltk_porter::{Mode, PorterStemmer};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

/// Distinct words of one corpus.
#[derive(Default)]
struct Words {
    ascii: BTreeSet<String>,
    other: BTreeSet<String>,
}

impl Words {
    fn add_text(&mut self, text: &str) {
        let lower = text.to_lowercase();
        for token in lower.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit())) {
            if !token.is_empty() && !self.ascii.contains(token) {
                self.ascii.insert(token.to_owned());
            }
        }
        for token in lower.split(|c: char| !c.is_alphanumeric()) {
            if !token.is_ascii() && !self.other.contains(token) {
                self.other.insert(token.to_owned());
            }
        }
    }

    fn add_value(&mut self, value: &Value) {
        match value {
            Value::String(s) => self.add_text(s),
            Value::Array(items) => items.iter().for_each(|v| self.add_value(v)),
            Value::Object(fields) => fields.values().for_each(|v| self.add_value(v)),
            _ => {}
        }
    }
}

fn read_words(path: &str) -> Result<Words, Box<dyn std::error::Error>> {
    let mut file = BufReader::new(std::fs::File::open(path)?);
    let gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read> = if gzip { Box::new(GzDecoder::new(file)) } else { Box::new(file) };
    let mut words = Words::default();
    for line in BufReader::new(reader).lines() {
        let line = line?;
        if !line.trim().is_empty() {
            words.add_value(&serde_json::from_str(&line)?);
        }
    }
    Ok(words)
}

/// The words on which the two stemmers differ, as printable lines.
fn differences<'a>(
    words: impl IntoIterator<Item = &'a String>,
    reference: &PorterStemmer,
) -> Vec<String> {
    let mut buf = String::new();
    let mut out = Vec::new();
    for word in words {
        precis::stem::stem_into(word, &mut buf);
        let expected = reference.stem(word);
        if buf != expected {
            out.push(format!("{word:?}: precis {buf:?}, nltk-porter {expected:?}"));
        }
    }
    out
}

/// Nanoseconds per word of `f` over `words`, best of three passes.
fn time_per_word(words: &[&str], mut f: impl FnMut(&str) -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let mut total = 0;
        for word in words {
            total += f(word);
        }
        // Using the lengths keeps the stemming from being optimized away.
        assert!(total > 0);
        best = best.min(start.elapsed().as_secs_f64() * 1e9 / words.len() as f64);
    }
    best
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        return Err("usage: stem_check DATA.jsonl[.gz]...".into());
    }
    let reference = PorterStemmer::new(Mode::Nltk);
    let mut failed = false;
    for path in &paths {
        let words = read_words(path)?;
        let differ = differences(words.ascii.iter().chain(&words.other), &reference);
        println!(
            "{path}: {} distinct ASCII words, {} distinct others, {} differ",
            words.ascii.len(),
            words.other.len(),
            differ.len()
        );
        for line in differ.iter().take(20) {
            println!("  {line}");
        }
        failed |= !differ.is_empty();

        // Timed on one contiguous copy of the words, as they would come
        // from a text, so that cache misses on scattered strings do not
        // dominate.
        let joined: String = words.ascii.iter().map(String::as_str).collect::<Vec<_>>().join(" ");
        let ascii: Vec<&str> = joined.split(' ').collect();
        let mut buf = String::new();
        let ours = time_per_word(&ascii, |w| {
            precis::stem::stem_into(w, &mut buf);
            buf.len()
        });
        let theirs = time_per_word(&ascii, |w| reference.stem(w).len());
        println!(
            "  ASCII words: precis {ours:.0} ns/word ({:.1} M words/s), nltk-porter {theirs:.0} ns/word ({:.2} M words/s): {:.1}x",
            1e3 / ours,
            1e3 / theirs,
            theirs / ours
        );
    }
    if failed {
        std::process::exit(1);
    }
    Ok(())
}
