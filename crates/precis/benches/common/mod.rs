//! Benchmark fixtures: the bundled example cluster and synthetic clusters
//! of any size made from its words.

use precis::{Cluster, Document};

/// The five articles of `examples/kerry-lavrov-syria/`, compiled in.
const KERRY: [(&str, &str); 5] = [
    (
        "000_55abfda64b0a8f41.txt",
        include_str!("../../../../examples/kerry-lavrov-syria/000_55abfda64b0a8f41.txt"),
    ),
    (
        "001_71c92b7d1cb783fa.txt",
        include_str!("../../../../examples/kerry-lavrov-syria/001_71c92b7d1cb783fa.txt"),
    ),
    (
        "002_bcf037691b4a3a80.txt",
        include_str!("../../../../examples/kerry-lavrov-syria/002_bcf037691b4a3a80.txt"),
    ),
    (
        "003_b277b3c73f6e4e2e.txt",
        include_str!("../../../../examples/kerry-lavrov-syria/003_b277b3c73f6e4e2e.txt"),
    ),
    (
        "004_2c385874befa4046.txt",
        include_str!("../../../../examples/kerry-lavrov-syria/004_2c385874befa4046.txt"),
    ),
];

/// The bundled example cluster.
pub fn kerry_cluster() -> Cluster {
    Cluster::new(
        "kerry-lavrov-syria",
        KERRY.iter().map(|(id, text)| Document::new(*id, *text)).collect(),
    )
}

/// A deterministic xorshift generator: benchmarks must see the same input
/// on every run and every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A synthetic cluster of `sentences` sentences over `docs` documents.
///
/// Words are drawn from the running text of the example, so they follow its
/// frequency distribution (function words in almost every sentence, names
/// in many, most words rare). Sentences run 8 to 32 words, three to a
/// paragraph, and no two are alike, so cleaning keeps them all.
pub fn synthetic_cluster(sentences: usize, docs: usize, seed: u64) -> Cluster {
    let mut pool: Vec<String> = Vec::new();
    for (_, text) in KERRY {
        for w in text.split_whitespace() {
            let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
            if !w.is_empty() {
                pool.push(w.to_lowercase());
            }
        }
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let docs = docs.max(1);
    let mut texts = vec![String::new(); docs];
    for i in 0..sentences {
        let text = &mut texts[i * docs / sentences.max(1)];
        if !text.is_empty() {
            text.push_str(if i % 3 == 0 { "\n\n" } else { " " });
        }
        let len = 8 + rng.below(25);
        for k in 0..len {
            let w = &pool[rng.below(pool.len())];
            if k == 0 {
                let mut chars = w.chars();
                if let Some(c) = chars.next() {
                    text.extend(c.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(w);
            }
        }
        text.push('.');
    }
    let documents = texts
        .into_iter()
        .enumerate()
        .map(|(d, t)| Document::new(format!("synth-{d}"), t))
        .collect();
    Cluster::new(format!("synth-{sentences}"), documents)
}
