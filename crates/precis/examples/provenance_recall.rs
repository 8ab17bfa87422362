//! Provenance recall on pairs that state the same fact: how often
//! provenance links two sentences of different documents of a cluster that
//! share a number and two names, and how often it links pairs that share
//! two names and each give numbers but no number in common (mostly
//! different facts about the same actors: a proxy for false links).
//!
//! The pairs are found here with rules of their own, independent of
//! `precis::facts`: a number is a whitespace word with a digit, commas
//! dropped, at least 10 and not a year (1900 to 2100); a name is a
//! capitalized word that does not open its sentence, lowercased, neither a
//! stopword nor a day or month. Texts are the candidate sentences `prepare`
//! finds.
//!
//! Two link tests are compared on the same pairs: *before*, the test
//! provenance used until facts (tf-idf cosine at least 0.5, or a near
//! duplicate on stems alone); *after*, `precis::compose::carries`.
//! `links/sentence` is the mean number of other-document sentences each
//! sentence is linked to, over all sentences.
//!
//! `cargo run --release -p precis --example provenance_recall -- FILE.jsonl.gz... [--show N]`
//!
//! `--show N` prints to standard error up to N pairs of each set that only
//! the new test links, for reading.
use precis::compose::carries;
use precis::facts::CALENDAR;
use precis::represent::{is_stopword, Analysis, InvertedIndex};
use precis::{prepare, Cluster};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Record {
    #[serde(flatten)]
    cluster: Cluster,
}

/// The numbers and names of a sentence, by the rules above.
fn numbers_and_names(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut numbers, mut names) = (BTreeSet::new(), BTreeSet::new());
    for (w, word) in text.split_whitespace().enumerate() {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            let n: String = word.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
            let n = n.trim_matches('.');
            if let Ok(v) = n.parse::<f64>() {
                let year = n.len() == 4 && (1900.0..=2100.0).contains(&v);
                if v >= 10.0 && !year {
                    numbers.insert(n.to_owned());
                }
            }
            continue;
        }
        if w == 0 {
            continue;
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let core = core.strip_suffix("'s").unwrap_or(core);
        if core.starts_with(|c: char| c.is_uppercase()) && core.len() > 1 {
            let lower = core.to_lowercase();
            if !is_stopword(&lower) && !CALENDAR.contains(&lower.as_str()) {
                names.insert(lower);
            }
        }
    }
    (numbers, names)
}

#[derive(Default)]
struct Tally {
    pairs: usize,
    before: usize,
    after: usize,
}

fn before(a: &Analysis, i: usize, j: usize) -> bool {
    a.similarity(i, j) >= 0.5 || a.near_duplicate_words(i, j)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut show = 0usize;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--show" {
            show = it.next().and_then(|n| n.parse().ok()).expect("--show N");
        } else {
            files.push(a.clone());
        }
    }
    if files.is_empty() {
        eprintln!("usage: provenance_recall FILE.jsonl.gz... [--show N]");
        std::process::exit(2);
    }
    println!(
        "{:<34} {:>8} {:>8} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7} | {:>8} {:>8}",
        "set",
        "clusters",
        "sents",
        "same",
        "before",
        "after",
        "differ",
        "before",
        "after",
        "links/s",
        "links/s"
    );
    let (mut shown_same, mut shown_differ) = (0, 0);
    for path in &files {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let reader = BufReader::new(flate2::read::GzDecoder::new(file));
        let (mut same, mut differ) = (Tally::default(), Tally::default());
        let (mut clusters, mut sentences, mut links_before, mut links_after) = (0, 0, 0, 0);
        for (n, line) in reader.lines().enumerate() {
            let line = line.unwrap_or_else(|e| panic!("{path}: line {}: {e}", n + 1));
            let rec: Record = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("{path}: line {}: {e}", n + 1));
            let Ok(prepared) = prepare(&rec.cluster) else { continue };
            let a = &prepared.analysis;
            clusters += 1;
            sentences += a.len();
            let facts: Vec<_> = a.sentences.iter().map(|s| numbers_and_names(&s.text)).collect();
            for i in 0..a.len() {
                for j in i + 1..a.len() {
                    if a.sentences[i].doc == a.sentences[j].doc {
                        continue;
                    }
                    let ((ni, ei), (nj, ej)) = (&facts[i], &facts[j]);
                    if ei.intersection(ej).count() < 2 || ni.is_empty() || nj.is_empty() {
                        continue;
                    }
                    let shares_number = ni.intersection(nj).next().is_some();
                    let tally = if shares_number { &mut same } else { &mut differ };
                    let (b, f) = (before(a, i, j), carries(a, i, j, a.similarity(i, j)));
                    tally.pairs += 1;
                    tally.before += usize::from(b);
                    tally.after += usize::from(f);
                    let shown = if shares_number { &mut shown_same } else { &mut shown_differ };
                    if f && !b && *shown < show {
                        *shown += 1;
                        let set = if shares_number { "same" } else { "differ" };
                        eprintln!(
                            "[{set}] {}\n  A: {}\n  B: {}\n",
                            rec.cluster.id, a.sentences[i].text, a.sentences[j].text
                        );
                    }
                }
            }
            // Links over all sentences, through the index as provenance finds them.
            let index = InvertedIndex::new(a);
            let mut acc = vec![0.0f32; a.len()];
            let mut buf = Vec::new();
            for i in 0..a.len() {
                a.neighbours(&index, i, &mut acc, &mut buf);
                for &(j, sim) in &buf {
                    if a.sentences[j].doc != a.sentences[i].doc {
                        links_before += usize::from(before(a, i, j));
                        links_after += usize::from(carries(a, i, j, sim));
                    }
                }
            }
        }
        let pct = |k: usize, n: usize| if n == 0 { 0.0 } else { 100.0 * k as f64 / n as f64 };
        let name = std::path::Path::new(path)
            .file_name()
            .map_or(path.clone(), |f| f.to_string_lossy().trim_end_matches(".jsonl.gz").to_owned());
        println!(
            "{:<34} {:>8} {:>8} | {:>7} {:>6.1}% {:>6.1}% | {:>7} {:>6.1}% {:>6.1}% | {:>8.2} {:>8.2}",
            name,
            clusters,
            sentences,
            same.pairs,
            pct(same.before, same.pairs),
            pct(same.after, same.pairs),
            differ.pairs,
            pct(differ.before, differ.pairs),
            pct(differ.after, differ.pairs),
            links_before as f64 / sentences.max(1) as f64,
            links_after as f64 / sentences.max(1) as f64,
        );
    }
}
