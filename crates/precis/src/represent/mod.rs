//! Represent: tokens, stems, tf-idf vectors and similarity.
//!
//! [`Analysis::new`] turns the cluster's candidate sentences into the
//! features every scorer and selector shares: the stemmed token sequence of
//! each sentence, a tf-idf vector over content stems (idf over the cluster's
//! sentences), and the number of documents each term occurs in.

mod concepts;
mod tokens;
mod vector;
pub(crate) use vector::merge_dot;

pub use concepts::{ConceptConfig, Concepts};
pub use tokens::{for_each_word, is_stopword, words, Lexicon};
pub use vector::SparseVec;

use crate::facts::Facts;
use crate::ingest::DocDate;
use crate::num::id_u32;
use crate::Span;
use std::cmp::Reverse;

/// A candidate sentence with its place in the cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Index of the document in the cluster.
    pub doc: usize,
    /// Position among the document's sentences, from 0.
    pub position: usize,
    /// Byte span in the document's original text.
    pub span: Span,
    /// The original text with whitespace runs collapsed: what is printed.
    pub text: String,
    /// Normalized text (ASCII quotes and dashes) used for scoring.
    pub norm: String,
    /// Number of words in `text`, as budgets count them ([`crate::words`]).
    pub words: usize,
}

/// One stemmed token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Term id in the cluster's [`Lexicon`].
    pub term: u32,
    /// Whether the token is a stopword.
    pub stop: bool,
    /// Index of the whitespace-separated word the token lies in, so
    /// concepts can be located in words, the unit of budgets.
    pub word: u32,
}

/// Features of a cluster's sentences, shared by scorers and selectors.
#[derive(Debug)]
pub struct Analysis {
    /// The candidate sentences.
    pub sentences: Vec<Sentence>,
    /// Number of documents in the cluster.
    pub n_docs: usize,
    /// Stemmed tokens of each sentence, in order (stopwords included).
    pub tokens: Vec<Vec<Token>>,
    /// Unit-length tf-idf vector of each sentence over content terms: the
    /// terms of its `counts`, no more and no fewer.
    pub vectors: Vec<SparseVec>,
    /// Raw content-term counts of each sentence.
    pub counts: Vec<SparseVec>,
    /// Inverse sentence frequency of each term.
    pub idf: Vec<f32>,
    /// Number of documents each term occurs in.
    pub doc_freq: Vec<u32>,
    /// The term dictionary.
    pub lexicon: Lexicon,
    /// Publication date of each document, when known (its `date`, or the
    /// date in a newswire id).
    pub doc_dates: Vec<Option<DocDate>>,
    /// What each sentence states as numbers, names and words with synonyms
    /// folded ([`crate::facts`]), for redundancy and provenance.
    pub facts: Facts,
}

impl Analysis {
    /// Computes the features of `sentences` drawn from `n_docs` documents.
    pub fn new(
        sentences: Vec<Sentence>,
        n_docs: usize,
        doc_dates: Vec<Option<DocDate>>,
    ) -> Analysis {
        // About one distinct word form in 11 bytes of a cluster's text (one
        // in 10 to 13 for nine Multi-News clusters in ten), so the lexicon's
        // tables seldom grow.
        let text_len: usize = sentences.iter().map(|s| s.norm.len()).sum();
        let mut lexicon = Lexicon::with_capacity(text_len / 10);
        let mut tokens = Vec::with_capacity(sentences.len());
        let mut buf = String::new();
        for s in &sentences {
            let mut toks = Vec::with_capacity(s.norm.len() / 4);
            tokens::for_each_token(&s.norm, &mut buf, |word, w| {
                let term = lexicon.term(w);
                toks.push(Token { term, stop: lexicon.is_stop(term), word });
            });
            tokens.push(toks);
        }
        let n_terms = lexicon.len();
        let mut sent_freq = vec![0u32; n_terms];
        let mut doc_freq = vec![0u32; n_terms];
        // Last sentence / document that counted a term, to count each once.
        let mut seen_sent = vec![u32::MAX; n_terms];
        let mut seen_doc = vec![u32::MAX; n_terms];
        let mut counts = Vec::with_capacity(sentences.len());
        for (i, (s, toks)) in sentences.iter().zip(&tokens).enumerate() {
            let mut pairs = Vec::with_capacity(toks.len());
            for t in toks {
                let k = t.term as usize;
                if seen_sent[k] != id_u32(i) {
                    seen_sent[k] = id_u32(i);
                    sent_freq[k] += 1;
                }
                if seen_doc[k] != id_u32(s.doc) {
                    seen_doc[k] = id_u32(s.doc);
                    doc_freq[k] += 1;
                }
                if !t.stop {
                    pairs.push((t.term, 1.0));
                }
            }
            counts.push(SparseVec::from_pairs(pairs));
        }
        let n = sentences.len() as f32;
        let idf: Vec<f32> =
            sent_freq.iter().map(|&df| ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0).collect();
        let vectors = counts.iter().map(|c| c.scaled(|t| idf[t as usize]).normalized()).collect();
        let facts = Facts::new(&sentences, &tokens, &lexicon);
        Analysis {
            sentences,
            n_docs,
            tokens,
            vectors,
            counts,
            idf,
            doc_freq,
            lexicon,
            doc_dates,
            facts,
        }
    }

    /// Rank of each document in reading order: chronological when dates are
    /// known (undated documents after dated ones), input order otherwise.
    pub fn doc_rank_reading(&self) -> Vec<usize> {
        self.doc_rank(|d| {
            let date = self.doc_dates.get(d).copied().flatten();
            (date.is_none(), date, d)
        })
    }

    /// Rank of each document with the most recent first (for lead
    /// summaries of newswire), input order among equals and undated ones.
    pub fn doc_rank_recent_first(&self) -> Vec<usize> {
        // `None` sorts before every date, so reversed it goes last.
        self.doc_rank(|d| (Reverse(self.doc_dates.get(d).copied().flatten()), d))
    }

    fn doc_rank<K: Ord>(&self, key: impl Fn(usize) -> K) -> Vec<usize> {
        let mut docs: Vec<usize> = (0..self.n_docs).collect();
        docs.sort_by_key(|&d| key(d));
        let mut rank = vec![0; self.n_docs];
        for (r, d) in docs.into_iter().enumerate() {
            rank[d] = r;
        }
        rank
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Cosine similarity of two sentences' tf-idf vectors.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        self.vectors[a].dot(&self.vectors[b])
    }

    /// True when two sentences say the same thing: high tf-idf cosine, or
    /// one's content words almost all contained in the other's, as stems
    /// ([`Analysis::near_duplicate_words`]) or as fact units (numbers by
    /// value, names, words with synonyms folded: [`crate::facts`]).
    pub fn near_duplicate(&self, a: usize, b: usize) -> bool {
        if self.near_duplicate_words(a, b) {
            return true;
        }
        let o = self.facts.overlap(a, b);
        o.smaller() >= 4 && o.shared.total() as f32 >= CONTAINMENT * o.smaller() as f32
    }

    /// The near-duplicate test on stems alone: tf-idf cosine at least
    /// [`NEAR_DUPLICATE_COSINE`], or [`CONTAINMENT`] of the shorter
    /// sentence's content stems in the other.
    pub fn near_duplicate_words(&self, a: usize, b: usize) -> bool {
        // A sentence's tf-idf vector has the terms of its content counts, so
        // one merge of the two vectors gives both the cosine and the content
        // terms the sentences share.
        let (va, vb) = (&self.vectors[a], &self.vectors[b]);
        let (cosine, shared) = va.dot_and_shared(vb);
        if cosine >= NEAR_DUPLICATE_COSINE {
            return true;
        }
        let smaller = va.entries().len().min(vb.entries().len());
        smaller >= 4 && shared as f32 >= CONTAINMENT * smaller as f32
    }

    /// Sentences that share content terms with sentence `i`, with their
    /// cosine similarity, in the order they were first reached (the same
    /// for the same analysis; callers that need sentence order sort the
    /// few they keep), found through the
    /// inverted index so the cost follows the overlap rather than the
    /// cluster size. `acc` is scratch space of length `len()`, all zeros,
    /// and is left all zeros.
    ///
    /// The sentence's terms are visited rarest first, and a term is visited
    /// only while the postings read so far stay within [`MAX_SCAN`]. Below
    /// that the result is exact (almost every sentence of the shared
    /// evaluation sets: no ROUGE score there moves by more than 0.01);
    /// beyond it, in clusters of thousands of sentences, the most frequent
    /// terms (the lowest idf) are left out of the sums, so the cost per
    /// sentence stays bounded instead of growing with the cluster.
    pub fn neighbours(
        &self,
        index: &InvertedIndex,
        i: usize,
        acc: &mut [f32],
        out: &mut Vec<(usize, f32)>,
    ) {
        out.clear();
        let mut terms: Vec<(usize, u32, f32)> = self.vectors[i]
            .entries()
            .iter()
            .map(|&(t, w)| (index.postings(t).len(), t, w))
            .collect();
        terms.sort_unstable_by_key(|&(len, t, _)| (len, t));
        let mut scanned = 0;
        let mut touched: Vec<usize> = Vec::new();
        for (len, t, w) in terms {
            scanned += len;
            if scanned > MAX_SCAN {
                break;
            }
            for &(j, wj) in index.postings(t) {
                let j = j as usize;
                if acc[j] == 0.0 {
                    touched.push(j);
                }
                acc[j] += w * wj;
            }
        }
        for j in touched {
            if j != i {
                out.push((j, acc[j]));
            }
            acc[j] = 0.0;
        }
    }
}

/// Most postings [`Analysis::neighbours`] reads for one sentence.
pub const MAX_SCAN: usize = 1024;

/// Keeps the `k` heaviest of `edges` (ties to the lower index), in index
/// order, and releases the memory of the rest, so a graph built from
/// neighbour lists stays linear in the number of sentences.
pub fn keep_strongest(mut edges: Vec<(usize, f32)>, k: usize) -> Vec<(usize, f32)> {
    if edges.len() > k {
        let heavier = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if k > 0 {
            edges.select_nth_unstable_by(k - 1, heavier);
        }
        edges.truncate(k);
    }
    edges.sort_unstable_by_key(|e| e.0);
    edges.shrink_to_fit();
    edges
}

/// Cosine at or above which two sentences count as near-duplicates.
pub const NEAR_DUPLICATE_COSINE: f32 = 0.72;
/// Share of the shorter sentence's content terms that, found in the longer
/// one, makes the pair near-duplicates.
pub const CONTAINMENT: f32 = 0.8;

/// Term → `(sentence, weight)` postings over the tf-idf vectors.
#[derive(Debug, Default)]
pub struct InvertedIndex {
    offsets: Vec<u32>,
    postings: Vec<(u32, f32)>,
}

impl InvertedIndex {
    /// Builds the index of an analysis.
    pub fn new(analysis: &Analysis) -> InvertedIndex {
        let n_terms = analysis.lexicon.len();
        let mut offsets = vec![0u32; n_terms + 1];
        for v in &analysis.vectors {
            for &(t, _) in v.entries() {
                offsets[t as usize + 1] += 1;
            }
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut fill = offsets.clone();
        let mut postings = vec![(0u32, 0f32); *offsets.last().unwrap_or(&0) as usize];
        for (i, v) in analysis.vectors.iter().enumerate() {
            for &(t, w) in v.entries() {
                postings[fill[t as usize] as usize] = (id_u32(i), w);
                fill[t as usize] += 1;
            }
        }
        InvertedIndex { offsets, postings }
    }

    /// The sentences containing term `t` with the term's weight in each, in
    /// increasing sentence order.
    pub fn postings(&self, t: u32) -> &[(u32, f32)] {
        let t = t as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.postings[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(texts: &[String]) -> Analysis {
        let sentences = texts
            .iter()
            .enumerate()
            .map(|(p, s)| Sentence {
                doc: p % 3,
                position: p / 3,
                span: Span::new(0, s.len()),
                text: s.clone(),
                norm: s.clone(),
                words: s.split_whitespace().count(),
            })
            .collect();
        Analysis::new(sentences, 3, vec![None; 3])
    }

    /// A made-up word unique to `n`, so sentences differ in their rare terms.
    fn word(n: usize) -> String {
        let letters: String =
            n.to_string().bytes().map(|b| char::from(b'b' + (b - b'0'))).collect();
        format!("zq{letters}x")
    }

    fn neighbours_of(a: &Analysis, i: usize) -> Vec<(usize, f32)> {
        let index = InvertedIndex::new(a);
        let mut acc = vec![0.0; a.len()];
        let mut out = Vec::new();
        a.neighbours(&index, i, &mut acc, &mut out);
        assert!(acc.iter().all(|&x| x == 0.0), "scratch space left dirty");
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    #[test]
    fn neighbours_are_exact_in_small_clusters() {
        let texts: Vec<String> = (0..40)
            .map(|n| format!("Floods swept {} and {} overnight", word(n), word(n / 2 + 100)))
            .collect();
        let a = analysis(&texts);
        for i in [0, 7, 39] {
            let found = neighbours_of(&a, i);
            let expected: Vec<(usize, f32)> = (0..a.len())
                .filter(|&j| j != i)
                .map(|j| (j, a.similarity(i, j)))
                .filter(|e| e.1 > 0.0)
                .collect();
            assert_eq!(found.len(), expected.len());
            for (f, e) in found.iter().zip(&expected) {
                assert_eq!(f.0, e.0);
                assert!((f.1 - e.1).abs() < 1e-5, "{f:?} vs {e:?}");
            }
        }
    }

    #[test]
    fn neighbour_search_reads_a_bounded_number_of_postings() {
        // Every sentence shares "floods" and "overnight"; pairs share one
        // rare word. The frequent terms are skipped, the rare one is not.
        let n = 3 * MAX_SCAN;
        let texts: Vec<String> =
            (0..n).map(|k| format!("Floods swept {} overnight", word(k / 2))).collect();
        let a = analysis(&texts);
        let found = neighbours_of(&a, 10);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 11);
        assert!(neighbours_of(&a, 11).iter().all(|e| e.0 == 10));
    }

    #[test]
    fn keep_strongest_keeps_the_heaviest_in_index_order() {
        let edges = vec![(4, 0.2), (1, 0.9), (7, 0.5), (2, 0.5), (9, 0.1)];
        assert_eq!(keep_strongest(edges.clone(), 3), vec![(1, 0.9), (2, 0.5), (7, 0.5)]);
        assert_eq!(
            keep_strongest(edges.clone(), 10),
            vec![(1, 0.9), (2, 0.5), (4, 0.2), (7, 0.5), (9, 0.1)],
            "all kept, in index order"
        );
        assert!(keep_strongest(edges, 0).is_empty());
    }
}
