//! ROUGE exactly as Google's `rouge-score` Python package computes it.
//!
//! # Brief overview
//!
//! [`RougeScorer::score`] takes a target (reference) and a prediction and
//! returns [`Scores`]: `rouge1`, `rouge2`, `rougeL` and `rougeLsum`, each a
//! [`Score`] of precision, recall and F1, bit for bit what
//! `rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"],
//! use_stemmer=...)` gives.
//!
//! ```
//! use precis::eval::rouge_score::RougeScorer;
//!
//! let scorer = RougeScorer::new(true);
//! let s = scorer.score("The cat sat on the mat.", "The cats sat.");
//! assert_eq!(s.rouge1.precision, 1.0);
//! assert_eq!(s.rouge1.recall, 0.5);
//! ```
//!
//! # What is reproduced
//!
//! - Tokens: Python's `str.lower()` (full Unicode case folding, so `K`, the
//!   Kelvin sign, becomes `k`), every run of characters outside `[a-z0-9]`
//!   replaced by a space, split on whitespace.
//! - Stemming (`use_stemmer=True`): NLTK's `PorterStemmer` in its default
//!   `NLTK_EXTENSIONS` mode ([`crate::stem`]), only on tokens longer than 3
//!   characters.
//!   ROUGE-1.5.5 stems differently; see [`super::rouge155`].
//! - `rougeN`: clipped n-gram matches over `max(count, 1)`.
//! - `rougeL`: one LCS over the whole texts.
//! - `rougeLsum`: summary-level union LCS over sentences separated by `\n`
//!   (empty lines dropped), with the unigram clipping of ROUGE-1.5.5.
//! - F1 is `2·P·R / (P + R)`, or 0.
//!
//! Tokenize a reference once with [`RougeScorer::prepare`] and score many
//! predictions against it with [`RougeScorer::score_prepared`].

use std::sync::Mutex;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::lcs::{LcsTable, LcsText};
use super::ngrams::{Grams, Interner};

/// Precision, recall and F1 of one ROUGE type.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Score {
    /// Matches over prediction size.
    pub precision: f64,
    /// Matches over target size.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub fmeasure: f64,
}

impl Score {
    fn new(precision: f64, recall: f64) -> Score {
        let fmeasure = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Score { precision, recall, fmeasure }
    }
}

/// The four ROUGE types rouge-score is used with.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Scores {
    /// Unigram overlap.
    pub rouge1: Score,
    /// Bigram overlap.
    pub rouge2: Score,
    /// LCS of the whole texts.
    #[serde(rename = "rougeL")]
    pub rouge_l: Score,
    /// Summary-level LCS over `\n`-separated sentences.
    #[serde(rename = "rougeLsum")]
    pub rouge_lsum: Score,
}

/// A text tokenized and counted for one [`RougeScorer`].
#[derive(Debug, Clone)]
pub struct Prepared {
    owner: usize,
    unigrams: Grams,
    bigrams: Grams,
    /// The whole text as one sentence, for rougeL.
    whole: LcsText,
    /// The `\n`-separated sentences, for rougeLsum.
    sentences: LcsText,
}

/// Token ids and cached stems.
#[derive(Debug, Default)]
struct Vocabulary {
    ids: Interner,
    raw: FxHashMap<Box<str>, u32>,
    /// Scratch space for a stem.
    stem: String,
}

/// Google rouge-score's `RougeScorer` with its default tokenizer.
///
/// It is `Sync`: prepare and score from several threads at once.
pub struct RougeScorer {
    /// Tells its [`Prepared`] texts from other scorers'.
    id: usize,
    use_stemmer: bool,
    vocabulary: Mutex<Vocabulary>,
}

impl std::fmt::Debug for RougeScorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RougeScorer").field("use_stemmer", &self.use_stemmer).finish()
    }
}

impl RougeScorer {
    /// A scorer; `use_stemmer` as in rouge-score.
    pub fn new(use_stemmer: bool) -> RougeScorer {
        RougeScorer {
            id: super::ngrams::next_scorer_id(),
            use_stemmer,
            vocabulary: Mutex::new(Vocabulary::default()),
        }
    }

    fn id(&self) -> usize {
        self.id
    }

    /// Tokenizes and counts a text.
    pub fn prepare(&self, text: &str) -> Prepared {
        let mut vocabulary = self.vocabulary.lock().unwrap_or_else(|e| e.into_inner());
        let sentences: Vec<Vec<u32>> = text
            .split('\n')
            .filter(|s| !s.is_empty())
            .map(|s| self.tokens(&mut vocabulary, s))
            .collect();
        drop(vocabulary);
        // `\n` is never part of a token, so the whole text's tokens are the
        // sentences' tokens in a row.
        let tokens = sentences.concat();
        Prepared {
            owner: self.id(),
            unigrams: Grams::ngrams(&tokens, 1),
            bigrams: Grams::ngrams(&tokens, 2),
            sentences: LcsText::new(&sentences, &tokens),
            whole: LcsText::new(std::slice::from_ref(&tokens), &tokens),
        }
    }

    fn tokens(&self, vocabulary: &mut Vocabulary, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut flush = |word: &mut String, out: &mut Vec<u32>| {
            if word.is_empty() {
                return;
            }
            let id = match vocabulary.raw.get(word.as_str()) {
                Some(&id) => id,
                None => {
                    let id = if self.use_stemmer && word.len() > 3 {
                        crate::stem::stem_into(word, &mut vocabulary.stem);
                        vocabulary.ids.intern(&vocabulary.stem)
                    } else {
                        vocabulary.ids.intern(word)
                    };
                    vocabulary.raw.insert(word.as_str().into(), id);
                    id
                }
            };
            out.push(id);
            word.clear();
        };
        for c in text.chars() {
            if c.is_ascii() {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    word.push(c);
                } else {
                    flush(&mut word, &mut out);
                }
            } else {
                // Python's lower() can turn a few non-ASCII letters into
                // ASCII ones (the Kelvin sign into `k`, `İ` into `i` and a
                // combining dot).
                for l in c.to_lowercase() {
                    if l.is_ascii_lowercase() || l.is_ascii_digit() {
                        word.push(l);
                    } else {
                        flush(&mut word, &mut out);
                    }
                }
            }
        }
        flush(&mut word, &mut out);
        out
    }

    /// Scores `prediction` against `target`, as `RougeScorer.score(target,
    /// prediction)`.
    pub fn score(&self, target: &str, prediction: &str) -> Scores {
        self.score_prepared(&self.prepare(target), &self.prepare(prediction))
    }

    /// ROUGE-N for any `n >= 1` (rouge-score's `rouge1` to `rouge9` types):
    /// clipped n-gram matches over the whole texts, as [`RougeScorer::score`]
    /// computes them for 1 and 2.
    ///
    /// # Panics
    ///
    /// If `n` is 0.
    pub fn score_n(&self, target: &str, prediction: &str, n: usize) -> Score {
        let mut vocabulary = self.vocabulary.lock().unwrap_or_else(|e| e.into_inner());
        let target = self.tokens(&mut vocabulary, target);
        let prediction = self.tokens(&mut vocabulary, prediction);
        drop(vocabulary);
        ngram_score(&Grams::ngrams(&target, n), &Grams::ngrams(&prediction, n))
    }

    /// Scores against several targets, keeping for each type the target with
    /// the highest F1 (the first on ties), as `score_multi`.
    pub fn score_multi(&self, targets: &[&str], prediction: &str) -> Scores {
        let prediction = self.prepare(prediction);
        let all: Vec<Scores> =
            targets.iter().map(|t| self.score_prepared(&self.prepare(t), &prediction)).collect();
        let best = |get: fn(&Scores) -> Score| -> Score {
            // np.argmax: the first of the highest.
            let mut best: Option<Score> = None;
            for s in all.iter().map(get) {
                match best {
                    Some(b) if s.fmeasure <= b.fmeasure => {}
                    _ => best = Some(s),
                }
            }
            best.unwrap_or_default()
        };
        Scores {
            rouge1: best(|s| s.rouge1),
            rouge2: best(|s| s.rouge2),
            rouge_l: best(|s| s.rouge_l),
            rouge_lsum: best(|s| s.rouge_lsum),
        }
    }

    /// Scores prepared texts.
    ///
    /// # Panics
    ///
    /// If either was prepared by another scorer.
    pub fn score_prepared(&self, target: &Prepared, prediction: &Prepared) -> Scores {
        assert!(
            target.owner == self.id() && prediction.owner == self.id(),
            "a Prepared text was scored by a RougeScorer other than the one that prepared it"
        );
        let mut table = LcsTable::default();
        Scores {
            rouge1: ngram_score(&target.unigrams, &prediction.unigrams),
            rouge2: ngram_score(&target.bigrams, &prediction.bigrams),
            rouge_l: lcs_score(&mut table, target, prediction),
            rouge_lsum: lsum_score(&mut table, target, prediction),
        }
    }
}

fn ngram_score(target: &Grams, prediction: &Grams) -> Score {
    let hits = f64::from(target.hits(prediction));
    Score::new(hits / f64::from(prediction.total.max(1)), hits / f64::from(target.total.max(1)))
}

fn lcs_score(table: &mut LcsTable, target: &Prepared, prediction: &Prepared) -> Score {
    let (t, p) = (target.whole.len(), prediction.whole.len());
    if t == 0 || p == 0 {
        return Score::default();
    }
    let lcs = target.whole.lcs_len(&prediction.whole, table) as f64;
    Score::new(lcs / p as f64, lcs / t as f64)
}

/// `_summary_level_lcs`.
fn lsum_score(table: &mut LcsTable, target: &Prepared, prediction: &Prepared) -> Score {
    let (m, n) = (target.sentences.len(), prediction.sentences.len());
    if m == 0 || n == 0 {
        return Score::default();
    }
    let (hits, _) = target.sentences.union_lcs(&prediction.sentences, None, table);
    Score::new(hits / n as f64, hits / m as f64)
}
