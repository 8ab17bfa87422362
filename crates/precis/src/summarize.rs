//! The pipeline: from a [`Cluster`] to a [`Summary`].

use crate::ingest::{clean_cluster, glued, looks_binary, Cluster, DropReason, Dropped};
use crate::represent::{Analysis, ConceptConfig, InvertedIndex, Sentence};
use crate::score::{Centroid, Lead, Learned, LexRank, Scorer, TermExpectations, TextRank};
use crate::select::{
    cut_text, reading_order, Budget, CandidateFilter, Candidates, ConceptCoverage, ExpectedRouge,
    Mmr, Selection, Submodular, Unit,
};
use crate::summary::{Method, Summary, SummarySentence};
use crate::{segment, Error, Result, Span};
use rustc_hash::FxHashSet;
use xxhash_rust::xxh3::xxh3_64;

/// A cluster cleaned, segmented and analysed, ready for any method.
///
/// Preparing once and summarizing with several methods (as evaluation
/// does) saves repeating the shared stages.
#[derive(Debug)]
pub struct Prepared {
    /// The cluster id.
    pub id: String,
    /// Document ids, in cluster order.
    pub doc_ids: Vec<String>,
    /// Original text of each document, in cluster order.
    pub doc_texts: Vec<String>,
    /// The analysed candidate sentences.
    pub analysis: Analysis,
    /// Warnings raised while preparing.
    pub warnings: Vec<String>,
    /// What cleaning left out of each document (furniture, headlines and
    /// captions, repeats), in text order, parallel to `doc_ids`, so a front
    /// end can show it.
    pub dropped: Vec<Vec<Dropped>>,
}

/// Cleans, segments and analyses a cluster.
///
/// Fails when the cluster has no text at all, a document is binary, or no
/// sentence survives cleaning. Empty documents are skipped with a warning.
pub fn prepare(cluster: &Cluster) -> Result<Prepared> {
    let mut warnings = Vec::new();
    for d in &cluster.documents {
        if looks_binary(&d.text) {
            return Err(Error::Binary { document: d.id.clone() });
        }
        if d.text.trim().is_empty() {
            warnings.push(format!("document {:?} is empty and was skipped", d.id));
        }
    }
    if cluster.documents.iter().all(|d| d.text.trim().is_empty()) {
        return Err(Error::EmptyCluster { cluster: cluster.id.clone() });
    }
    let cleaned = clean_cluster(&cluster.documents);
    let mut dropped: Vec<Vec<Dropped>> = cleaned.iter().map(|c| c.dropped.clone()).collect();
    let mut sentences = Vec::new();
    let mut seen = FxHashSet::default();
    for (doc, (d, clean)) in cluster.documents.iter().zip(&cleaned).enumerate() {
        let mut position = 0;
        // A sentence a document repeats word for word (a caption, a pull
        // quote, a scraper's loop) is kept once.
        seen.clear();
        // About one sentence in a hundred bytes, so the set seldom grows.
        seen.reserve(clean.paragraphs.iter().map(|p| p.text.as_str().len() / 100 + 1).sum());
        for para in &clean.paragraphs {
            let norm = para.text.as_str();
            for span in segment::split_sentences(norm) {
                // Captions and flattened furniture glued to the front
                // ("Image copyright AFP Image caption ...", "(CNN) --") go.
                let Some(whole) = span.slice(norm) else { continue };
                if glued::is_photo_caption(whole) {
                    let span = para.text.to_original(span);
                    dropped[doc].push(Dropped { span, reason: DropReason::Headline });
                    continue;
                }
                let prose = glued::prose_start(whole);
                if prose > 0 {
                    let cut = para.text.to_original(Span::new(span.start(), span.start() + prose));
                    dropped[doc].push(Dropped { span: cut, reason: DropReason::Boilerplate });
                }
                let span = Span::new(span.start() + prose, span.end());
                let Some(norm_text) = span.slice(norm) else { continue };
                if !seen.insert(xxh3_64(norm_text.as_bytes())) {
                    let span = para.text.to_original(span);
                    dropped[doc].push(Dropped { span, reason: DropReason::Repeated });
                    continue;
                }
                let orig = para.text.to_original(span);
                let Some(raw) = orig.slice(&d.text) else { continue };
                // Normalized text has single spaces between words and no
                // other whitespace, so an original that is byte for byte
                // the same (most are) is already collapsed.
                let text = if raw == norm_text && !raw.starts_with(' ') && !raw.ends_with(' ') {
                    raw.to_owned()
                } else {
                    collapse_whitespace(raw)
                };
                if text.is_empty() {
                    continue;
                }
                // Words are separated by exactly one space in `text`.
                let words = 1 + text.bytes().filter(|&b| b == b' ').count();
                sentences.push(Sentence {
                    doc,
                    position,
                    span: orig,
                    text,
                    norm: norm_text.to_owned(),
                    words,
                });
                position += 1;
            }
        }
    }
    if sentences.is_empty() {
        return Err(Error::NoSentences { cluster: cluster.id.clone() });
    }
    if sentences.len() == 1 {
        warnings.push(format!(
            "cluster {:?} has a single sentence; the summary can only repeat it",
            cluster.id
        ));
    }
    for d in &mut dropped {
        d.sort_by_key(|x| (x.span.start(), x.span.end()));
    }
    let dates = cluster.documents.iter().map(|d| d.wire_date()).collect();
    let analysis = Analysis::new(sentences, cluster.documents.len(), dates);
    Ok(Prepared {
        id: cluster.id.clone(),
        doc_ids: cluster.documents.iter().map(|d| d.id.clone()).collect(),
        doc_texts: cluster.documents.iter().map(|d| d.text.clone()).collect(),
        analysis,
        warnings,
        dropped,
    })
}

/// `text` with every whitespace run replaced by one space, trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    fn join<'a>(words: impl Iterator<Item = &'a str>, capacity: usize) -> String {
        let mut out = String::with_capacity(capacity);
        for w in words {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }
    // In ASCII text, whitespace is ASCII whitespace or the vertical tab
    // (which `split_ascii_whitespace` keeps); without one, the byte-wise
    // split gives the same words, faster.
    if text.is_ascii() && !text.contains('\x0b') {
        join(text.split_ascii_whitespace(), text.len())
    } else {
        join(text.split_whitespace(), text.len())
    }
}

/// Byte offset in `raw` where the whitespace-collapsed prefix of length
/// `collapsed_len` ends.
fn original_prefix_end(raw: &str, collapsed_len: usize) -> usize {
    let mut seen = 0;
    let mut last_end = 0;
    let mut pending_space = false;
    for (i, c) in raw.char_indices() {
        if c.is_whitespace() {
            pending_space = seen > 0;
            continue;
        }
        if seen >= collapsed_len {
            return last_end;
        }
        if pending_space {
            seen += 1;
            pending_space = false;
        }
        seen += c.len_utf8();
        last_end = i + c.len_utf8();
    }
    last_end
}

/// Configures a [`Summarizer`].
#[derive(Debug, Clone)]
pub struct SummarizerBuilder {
    method: Method,
    budget: Budget,
    explain: bool,
    filter: CandidateFilter,
    concepts: ConceptConfig,
    ilp_min_words: usize,
    mmr_lambda: f64,
    learned_selection: LearnedSelection,
}

/// How the `learned` method turns its scores into a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnedSelection {
    /// Greedy expected ROUGE-1 ([`ExpectedRouge`]): each sentence is worth
    /// the words the term model expects a summary to use, scaled to the
    /// sentence model's predicted precision, and words already picked count
    /// again only as far as a summary is expected to repeat them.
    Expected {
        /// Stop when no sentence is expected to raise ROUGE-1 F1, even with
        /// budget left (never in fill mode, which promises a full budget).
        stop_early: bool,
        /// Whether the sentence model sets each sentence's worth; without
        /// it the term model alone does.
        sentence_model: bool,
        /// Whether a sentence held back for leaning on a neighbour (a
        /// leading pronoun, an open quotation) may join once that neighbour
        /// is in the summary ([`crate::select::Candidates::after`]).
        neighbours: bool,
    },
    /// Maximal marginal relevance over the sentence model's scores.
    Mmr,
}

impl Default for LearnedSelection {
    fn default() -> Self {
        LearnedSelection::Expected { stop_early: true, sentence_model: true, neighbours: true }
    }
}

/// The reference length the expected-ROUGE selection assumes, as a share of
/// the budget (Multi-News references average 224 words against a 250-word
/// budget; tuned on Multi-News validation, flat from 0.7 to 0.8).
const REFERENCE_SHARE: f64 = 0.8;

/// Expected bigram precision of a sentence's new bigrams relative to its
/// expected unigram precision, for the ROUGE-2 part of the expected-ROUGE
/// estimate (tuned on Multi-News validation: 0, 0.2 and 0.4 give ROUGE-2
/// 16.06, 16.15 and 16.23 with ROUGE-1 flat, and 0.4 loses 0.3 ROUGE-1 on
/// the raw Multi-News clusters).
const BIGRAM_WEIGHT: f64 = 0.2;

/// Bytes a word takes in English news text, with its space, to turn a
/// byte budget into words.
const BYTES_PER_WORD: f64 = 6.0;

/// Words a news sentence takes on average, to turn a sentence budget into words.
const WORDS_PER_SENTENCE: f64 = 22.0;

impl Default for SummarizerBuilder {
    fn default() -> Self {
        SummarizerBuilder {
            method: Method::Auto,
            budget: Budget::default(),
            explain: false,
            filter: CandidateFilter::default(),
            concepts: ConceptConfig::default(),
            ilp_min_words: ILP_MIN_WORDS,
            mmr_lambda: MMR_LAMBDA,
            learned_selection: LearnedSelection::default(),
        }
    }
}

impl SummarizerBuilder {
    /// The method. Default [`Method::Auto`].
    pub fn method(&mut self, method: Method) -> &mut Self {
        self.method = method;
        self
    }

    /// The length budget. Default 100 words, strict.
    pub fn budget(&mut self, budget: Budget) -> &mut Self {
        self.budget = budget;
        self
    }

    /// Whether each sentence carries an explanation of its score. Default off.
    pub fn explain(&mut self, yes: bool) -> &mut Self {
        self.explain = yes;
        self
    }

    /// Which sentences may appear at all. Default: 8 to 80 words, no questions.
    pub fn candidates(&mut self, filter: CandidateFilter) -> &mut Self {
        self.filter = filter;
        self
    }

    /// How the `ilp` method builds and weights concepts. Default
    /// [`ConceptConfig::default`].
    pub fn concepts(&mut self, config: ConceptConfig) -> &mut Self {
        self.concepts = config;
        self
    }

    /// Shortest sentence, in words, the `ilp` method considers. Default 12.
    pub fn ilp_min_words(&mut self, words: usize) -> &mut Self {
        self.ilp_min_words = words;
        self
    }

    /// Salience/novelty trade-off of MMR selection for the scoring methods
    /// (1 = salience only). Lead always uses 1. Default 0.7.
    pub fn mmr_lambda(&mut self, lambda: f64) -> &mut Self {
        self.mmr_lambda = lambda;
        self
    }

    /// How the `learned` method selects. Default
    /// [`LearnedSelection::Expected`], stopping early, with the sentence model.
    pub fn learned_selection(&mut self, selection: LearnedSelection) -> &mut Self {
        self.learned_selection = selection;
        self
    }

    /// Builds the summarizer, checking the configuration.
    pub fn build(&self) -> Result<Summarizer> {
        if self.budget.limit == 0 {
            return Err(Error::Config("the budget must be at least 1".into()));
        }
        if !(0.0..=1.0).contains(&self.mmr_lambda) {
            return Err(Error::Config(format!(
                "MMR lambda {} must lie in [0, 1]",
                self.mmr_lambda
            )));
        }
        if self.filter.min_words > self.filter.max_words {
            return Err(Error::Config(format!(
                "candidate filter: min_words {} exceeds max_words {}",
                self.filter.min_words, self.filter.max_words
            )));
        }
        Ok(Summarizer { config: self.clone() })
    }
}

/// A configured summarizer: immutable, cheap to share across threads.
///
/// ```
/// use precis::{Cluster, Document, Summarizer, Budget, Method};
///
/// let cluster = Cluster::new("demo", vec![
///     Document::new("a", "Kerry met Lavrov in Moscow on Tuesday to discuss the war in Syria. The talks lasted three hours."),
///     Document::new("b", "US Secretary of State John Kerry held talks with Sergei Lavrov in Moscow about Syria. Both called the meeting useful."),
/// ]);
/// let summary = Summarizer::builder().method(Method::LexRank).budget(Budget::words(30)).build()?.summarize(&cluster)?;
/// assert!(summary.word_count() <= 30);
/// assert!(!summary.sentences.is_empty());
/// # Ok::<(), precis::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Summarizer {
    config: SummarizerBuilder,
}

impl Summarizer {
    /// A builder with the defaults.
    pub fn builder() -> SummarizerBuilder {
        SummarizerBuilder::default()
    }

    /// The configured method.
    pub fn method(&self) -> Method {
        self.config.method
    }

    /// The configured budget.
    pub fn budget(&self) -> Budget {
        self.config.budget
    }

    /// Summarizes a cluster.
    pub fn summarize(&self, cluster: &Cluster) -> Result<Summary> {
        Ok(self.summarize_prepared(&prepare(cluster)?))
    }

    /// Summarizes an already prepared cluster.
    pub fn summarize_prepared(&self, prepared: &Prepared) -> Summary {
        let analysis = &prepared.analysis;
        let budget = self.config.budget;
        let method = resolve(self.config.method, analysis);
        if method == Method::Ilp {
            // Concept coverage favours long sentences less than it should
            // value short ones; Gillick & Favre drop short sentences first.
            let filter = CandidateFilter {
                min_words: self.config.filter.min_words.max(self.config.ilp_min_words),
                ..self.config.filter
            };
            let candidates = filter.candidates(analysis);
            let coverage =
                ConceptCoverage { concepts: self.config.concepts, ..ConceptCoverage::default() };
            let outcome = coverage.select(analysis, &candidates, &budget);
            let mut summary = self.render_selection(prepared, &outcome.selection, &outcome.scores);
            if self.config.explain {
                for (s, &i) in
                    summary.sentences.iter_mut().zip(&ordered(analysis, &outcome.selection))
                {
                    s.explain = Some(format!("concept weight {:.1}", outcome.scores[i]));
                }
            }
            return summary;
        }
        // Lead is the classic baseline: every sentence of usual length is
        // eligible, in order.
        let filter = match method {
            Method::Lead => CandidateFilter {
                drop_dangling: false,
                drop_unfinished: false,
                drop_open_quotes: false,
                ..self.config.filter
            },
            _ => self.config.filter,
        };
        let candidates = filter.candidates(analysis);
        let (scorer, lambda): (Box<dyn Scorer>, f64) = match method {
            Method::Lead => (Box::new(Lead), 1.0),
            Method::Centroid => (Box::new(Centroid::default()), self.config.mmr_lambda),
            Method::TextRank => (Box::new(TextRank::default()), self.config.mmr_lambda),
            Method::Learned => (Box::new(Learned::default()), self.config.mmr_lambda),
            _ => (Box::new(LexRank::default()), self.config.mmr_lambda),
        };
        // The learned method's sentence features and selection share the
        // term model's expectations: compute them once.
        let terms =
            (method == Method::Learned).then(|| TermExpectations::shipped(analysis)).flatten();
        let scores = match method {
            Method::Learned => Learned::default().score_with(analysis, terms.as_ref()),
            _ => scorer.score(analysis),
        };
        let selection = match (method, self.config.learned_selection, &terms) {
            (Method::Submodular, ..) => {
                Submodular::default().select(analysis, &candidates, &budget)
            }
            (
                Method::Learned,
                LearnedSelection::Expected { stop_early, sentence_model, neighbours },
                Some(terms),
            ) => {
                let words = match budget.unit {
                    Unit::Words => budget.capacity() as f64,
                    Unit::Bytes => budget.capacity() as f64 / BYTES_PER_WORD,
                    Unit::Sentences => budget.capacity() as f64 * WORDS_PER_SENTENCE,
                };
                let select = ExpectedRouge {
                    reference_tokens: REFERENCE_SHARE * words,
                    stop_early: stop_early && !budget.fill,
                    bigram_weight: BIGRAM_WEIGHT,
                };
                let density = sentence_model.then_some(scores.as_slice());
                let alone;
                let candidates = if neighbours {
                    &candidates
                } else {
                    alone = Candidates { indices: candidates.indices.clone(), after: Vec::new() };
                    &alone
                };
                select.select_with(analysis, &terms.counts, density, candidates, &budget)
            }
            _ => Mmr { lambda }.select(analysis, &scores, &candidates, &budget),
        };
        let mut summary = self.render_selection(prepared, &selection, &scores);
        if self.config.explain {
            for (s, &i) in summary.sentences.iter_mut().zip(&ordered(analysis, &selection)) {
                s.explain = Some(scorer.explain(analysis, &scores, i));
            }
        }
        summary
    }

    /// Turns a selection into a summary: reading order, cut sentence, provenance.
    fn render_selection(
        &self,
        prepared: &Prepared,
        selection: &Selection,
        scores: &[f64],
    ) -> Summary {
        let analysis = &prepared.analysis;
        let budget = self.config.budget;
        let picks = ordered(analysis, selection);
        let provenance = provenance(analysis, &picks);
        let full_cost: usize = picks.iter().map(|&i| budget.cost(&analysis.sentences[i])).sum();
        let mut sentences = Vec::with_capacity(picks.len());
        for (&i, prov) in picks.iter().zip(provenance) {
            let s = &analysis.sentences[i];
            let mut text = s.text.clone();
            let mut span = s.span;
            let mut cut = false;
            if selection.cut == Some(i) {
                let others = full_cost - budget.cost(s);
                let room = budget.capacity().saturating_sub(others);
                let room = if budget.unit == Unit::Bytes { room.saturating_sub(1) } else { room };
                match cut_text(&s.text, budget.unit, room) {
                    Some(kept) if kept.len() < s.text.len() => {
                        let raw = &prepared.doc_texts[s.doc][s.span.start()..s.span.end()];
                        let end = original_prefix_end(raw, kept.len());
                        span = Span::new(s.span.start(), s.span.start() + end);
                        text = kept.to_owned();
                        cut = true;
                    }
                    Some(_) => {}
                    None => continue,
                }
            }
            sentences.push(SummarySentence {
                text,
                document: prepared.doc_ids[s.doc].clone(),
                span,
                score: scores.get(i).copied().unwrap_or(0.0),
                provenance: prov.into_iter().map(|d| prepared.doc_ids[d].clone()).collect(),
                cut,
                explain: None,
            });
        }
        Summary {
            id: prepared.id.clone(),
            method: self.config.method,
            budget,
            sentences,
            warnings: prepared.warnings.clone(),
        }
    }
}

/// Shortest sentence the `ilp` method considers, in words (tuned on DUC 2003).
const ILP_MIN_WORDS: usize = 12;

/// Default MMR trade-off (flat between 0.5 and 0.85 on both tuning sets).
const MMR_LAMBDA: f64 = 0.7;

/// Under `auto`, clusters with at least this many documents and
/// [`AUTO_MIN_SENTENCES_FOR_ILP`] sentences are summarized by concept
/// coverage, others by the learned scorer. Concept weights count documents,
/// which says little when there are two or three short ones (chosen on DUC
/// 2003, 9-10 long documents a cluster, against Multi-News, 2-10 documents
/// truncated to about 500 words in all).
const AUTO_MIN_DOCS_FOR_ILP: usize = 5;
/// See [`AUTO_MIN_DOCS_FOR_ILP`].
const AUTO_MIN_SENTENCES_FOR_ILP: usize = 60;

/// The method that actually runs: `auto` picks by cluster shape.
fn resolve(method: Method, analysis: &Analysis) -> Method {
    match method {
        Method::Auto
            if analysis.n_docs >= AUTO_MIN_DOCS_FOR_ILP
                && analysis.len() >= AUTO_MIN_SENTENCES_FOR_ILP =>
        {
            Method::Ilp
        }
        Method::Auto => Method::Learned,
        m => m,
    }
}

fn ordered(analysis: &Analysis, selection: &Selection) -> Vec<usize> {
    let mut picks = selection.picks.clone();
    reading_order(analysis, &mut picks);
    picks
}

/// Cosine at or above which another document's sentence counts as carrying
/// the same content.
const PROVENANCE_COSINE: f32 = 0.5;

/// For each picked sentence, the other documents with a sentence that says
/// much the same, in document order.
fn provenance(analysis: &Analysis, picks: &[usize]) -> Vec<Vec<usize>> {
    let index = InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; analysis.len()];
    let mut buf = Vec::new();
    picks
        .iter()
        .map(|&i| {
            analysis.neighbours(&index, i, &mut acc, &mut buf);
            let own = analysis.sentences[i].doc;
            let mut docs: Vec<usize> = buf
                .iter()
                .filter(|&&(j, sim)| sim >= PROVENANCE_COSINE || analysis.near_duplicate(i, j))
                .map(|&(j, _)| analysis.sentences[j].doc)
                .filter(|&d| d != own)
                .collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_in_ascii_and_unicode_text() {
        assert_eq!(collapse_whitespace("  one \t two\r\n three  "), "one two three");
        assert_eq!(collapse_whitespace("one\x0btwo\x0c three"), "one two three");
        assert_eq!(
            collapse_whitespace("caf\u{e9}\u{a0}au\u{2003} lait\u{2028}"),
            "caf\u{e9} au lait"
        );
        assert_eq!(collapse_whitespace(" \n "), "");
    }

    #[test]
    fn prefix_end_maps_collapsed_offsets() {
        let raw = "one  two\nthree";
        assert_eq!(original_prefix_end(raw, 3), 3);
        assert_eq!(original_prefix_end(raw, 7), 8);
        assert_eq!(&raw[..original_prefix_end(raw, 7)], "one  two");
        assert_eq!(original_prefix_end(raw, 100), raw.len());
        assert_eq!(original_prefix_end("  a b ", 3), 5);
    }

    /// The text of every sentence `prepare` kept, in order.
    fn sentence_texts(prepared: &Prepared) -> Vec<&str> {
        prepared.analysis.sentences.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn furniture_glued_to_a_sentence_is_cut_off() {
        let cluster = Cluster::new(
            "ads",
            vec![crate::Document::new(
                "a",
                "The firm closed on Wednesday after the scandal. Advertisement During the call, the chairman said rebranding was futile.",
            )],
        );
        let prepared = prepare(&cluster).unwrap();
        let s = &prepared.analysis.sentences[1];
        assert_eq!(s.text, "During the call, the chairman said rebranding was futile.");
        assert_eq!(s.span.slice(&prepared.doc_texts[0]), Some(s.text.as_str()));
        // Wire-photo captions go whole; a list header and a dateline glued
        // to a sentence are cut off it.
        let cluster = Cluster::new(
            "glued",
            vec![crate::Document::new(
                "a",
                "FILE - In this Dec. 17, 2015, file photo, the chairman leaves the courthouse.\n\n\
                 Story highlights The chairman spoke to reporters on Monday.\n\n\
                 (CNN) -- The firm's shares fell by a third after the ruling.",
            )],
        );
        let prepared = prepare(&cluster).unwrap();
        assert_eq!(
            sentence_texts(&prepared),
            [
                "The chairman spoke to reporters on Monday.",
                "The firm's shares fell by a third after the ruling."
            ]
        );
        for s in &prepared.analysis.sentences {
            assert_eq!(s.span.slice(&prepared.doc_texts[0]), Some(s.text.as_str()));
        }
    }

    #[test]
    fn a_sentence_a_document_repeats_is_kept_once() {
        let loop_ = "Volunteers filled sandbags near the old bridge all night. ".repeat(5000);
        let other = "The river rose two metres in a day. Volunteers filled sandbags near the old bridge all night. Schools closed.";
        let cluster = Cluster::new(
            "flood",
            vec![crate::Document::new("a", other), crate::Document::new("b", loop_)],
        );
        let prepared = prepare(&cluster).unwrap();
        assert_eq!(
            sentence_texts(&prepared),
            [
                "The river rose two metres in a day.",
                "Volunteers filled sandbags near the old bridge all night.",
                "Schools closed.",
                "Volunteers filled sandbags near the old bridge all night."
            ],
            "once per document, so the other document's copy still counts as support"
        );
    }
}
