//! The pipeline: from a [`Cluster`] to a [`Summary`].
//!
//! [`prepare`] runs ingest, segment and represent once; a [`Summarizer`]
//! then runs the method's row of [`METHODS`] (candidate filter, scorer,
//! selector) and hands the selection to [`compose`].

use crate::compose::{compose, Compose};
use crate::context::{weigh, Situation, Weights};
use crate::ingest::{clean_cluster, glued, looks_binary, Cluster, DropReason, Dropped};
use crate::off_event::{self, DocumentVerdict, OffEvent};
use crate::represent::{Analysis, ConceptConfig, Concepts, Sentence};
use crate::score::{Account, Centroid, Lead, Learned, LexRank, Scorer, TermExpectations, TextRank};
use crate::select::ilp::CoverageSolution;
use crate::select::{
    coverage_account, Budget, CandidateFilter, Candidates, ConceptCoverage, ExpectedRouge, Mmr,
    Selection, Submodular, Unit,
};
use crate::summary::{Method, Summary};
use crate::words::{count_words, has_cjk};
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
    /// The reader's question ([`Cluster::query`]), trimmed.
    pub query: Option<String>,
    /// The documents the reader has already seen
    /// ([`Cluster::earlier_documents`]), analysed on their own.
    pub earlier: Option<Analysis>,
    /// The documents that report another event than the cluster's main
    /// one ([`off_event::detect`]), in document order. The sentences of the
    /// confidently flagged ones are left out of summaries unless the
    /// summarizer keeps them, and nothing
    /// that stands for the cluster (a title) should come from them.
    pub off_event: Vec<DocumentVerdict>,
    /// Each document's headline, parallel to `doc_ids`: its
    /// [`crate::Document::title`] when given, else the headline cleaning
    /// found at its top, whitespace collapsed.
    pub titles: Vec<Option<String>>,
}

impl Prepared {
    /// The reader's situation: the query and the earlier documents.
    pub fn situation(&self) -> Situation<'_> {
        Situation { query: self.query.as_deref(), earlier: self.earlier.as_ref() }
    }

    /// Whether document `doc` (an index into the cluster) is off-event.
    pub fn is_off_event(&self, doc: usize) -> bool {
        self.off_event.iter().any(|v| v.doc == doc)
    }

    /// The off-event documents as a summary reports them.
    pub fn off_event_report(&self) -> Vec<OffEvent> {
        self.off_event
            .iter()
            .map(|v| OffEvent {
                document: self.doc_ids[v.doc].clone(),
                reason: off_event::reason(v),
                score: v.score,
            })
            .collect()
    }
}

/// Cleans, segments and analyses a cluster.
///
/// Fails when the cluster has no text at all, a document is binary, or no
/// sentence survives cleaning. Empty documents are skipped with a warning.
pub fn prepare(cluster: &Cluster) -> Result<Prepared> {
    let query = match &cluster.query {
        Some(q) if q.trim().is_empty() => {
            return Err(Error::EmptyQuery { cluster: cluster.id.clone() });
        }
        q => q.as_deref().map(|q| q.trim().to_owned()),
    };
    let mut prepared = prepare_documents(cluster)?;
    prepared.query = query;
    if !cluster.earlier_documents.is_empty() {
        let earlier = Cluster::new(cluster.id.clone(), cluster.earlier_documents.clone());
        match prepare_documents(&earlier) {
            Ok(p) => prepared.earlier = Some(p.analysis),
            // Earlier documents without a sentence tell nothing already known.
            Err(Error::EmptyCluster { .. } | Error::NoSentences { .. }) => {
                prepared.warnings.push(format!(
                    "cluster {:?}: the earlier documents hold no sentence; the summary covers everything",
                    cluster.id
                ));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(prepared)
}

/// [`prepare`] of the cluster's own documents.
fn prepare_documents(cluster: &Cluster) -> Result<Prepared> {
    let mut warnings = Vec::new();
    let mut dates = Vec::with_capacity(cluster.documents.len());
    for d in &cluster.documents {
        dates.push(d.when(&cluster.id)?);
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
                // Words are separated by exactly one space in ASCII `text`;
                // other text may hold Chinese or Japanese, whose characters
                // count one word each.
                let words = if has_cjk(&text) {
                    count_words(&text)
                } else {
                    1 + text.bytes().filter(|&b| b == b' ').count()
                };
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
    let titles = cluster
        .documents
        .iter()
        .zip(&cleaned)
        .map(|(d, clean)| {
            let given = d.title.as_deref().map(collapse_whitespace);
            let found = || clean.title.and_then(|s| s.slice(&d.text)).map(collapse_whitespace);
            given.filter(|t| !t.is_empty()).or_else(found).filter(|t| !t.is_empty())
        })
        .collect();
    let analysis = Analysis::new(sentences, cluster.documents.len(), dates);
    let off_event = off_event::detect(&analysis).into_iter().filter(|v| v.off_event).collect();
    Ok(Prepared {
        id: cluster.id.clone(),
        doc_ids: cluster.documents.iter().map(|d| d.id.clone()).collect(),
        doc_texts: cluster.documents.iter().map(|d| d.text.clone()).collect(),
        analysis,
        warnings,
        dropped,
        query: None,
        earlier: None,
        off_event,
        titles,
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
    keep_off_event: bool,
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
            keep_off_event: false,
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

    /// Whether sentences of off-event documents ([`crate::off_event`]) may
    /// be chosen. Default off: they are left out (the summary lists the
    /// documents either way).
    pub fn keep_off_event(&mut self, yes: bool) -> &mut Self {
        self.keep_off_event = yes;
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

    /// Summarizes an already prepared cluster: the method's row of
    /// `METHODS` filters, scores and selects, then [`compose`] orders,
    /// cuts and attributes the picks.
    pub fn summarize_prepared(&self, prepared: &Prepared) -> Summary {
        let analysis = &prepared.analysis;
        // The reader's situation weighs sentences and concepts the same way
        // for every method: see `context`.
        let weights = weigh(analysis, &prepared.situation(), budget_words(&self.config.budget));
        let row = row(resolve(self.config.method, analysis, &weights));
        let mut candidates = (row.filter)(&self.config).candidates(analysis);
        weights.restrict(&mut candidates);
        if !self.config.keep_off_event {
            exclude_off_event(prepared, &mut candidates);
        }
        let mut scored = (row.score)(analysis);
        weights.scale_scores(&mut scored.scores);
        let selection = (row.select)(&self.config, analysis, &candidates, &mut scored, &weights);
        let explain = |i: usize| ((row.explain)(analysis, &scored, i), weights.explain(i));
        let mut summary = compose(
            prepared,
            &selection,
            &Compose {
                budget: self.config.budget,
                method: self.config.method,
                candidates: &candidates,
                scores: &scored.scores,
                explain: self
                    .config
                    .explain
                    .then_some(&explain as &dyn Fn(usize) -> (Account, Option<String>)),
            },
        );
        summary.warnings.extend(weights.warnings.iter().cloned());
        if !weights.is_neutral() && candidates.indices.is_empty() {
            summary.warnings.push(format!(
                "cluster {:?}: every sentence repeats what the earlier documents say, or none answers the query; nothing new to summarize",
                prepared.id
            ));
        }
        summary
    }
}

/// Leaves the sentences of confidently off-event documents
/// ([`off_event::DocumentVerdict::confident`]) out of the candidates (and
/// out of the sentences waiting on a neighbour): the one place where
/// off-event documents change what a summary may say.
fn exclude_off_event(prepared: &Prepared, candidates: &mut Candidates) {
    if prepared.off_event.is_empty() {
        return;
    }
    let sentences = &prepared.analysis.sentences;
    let out = |doc: usize| prepared.off_event.iter().any(|v| v.doc == doc && v.confident);
    candidates.indices.retain(|&i| !out(sentences[i].doc));
    candidates.after.retain(|&(i, _)| !out(sentences[i].doc));
}

/// What a method's scorer hands to its selector and its explanation.
struct Scored {
    /// One score per sentence, reported in the summary.
    scores: Vec<f64>,
    /// The term model's expectations, which the `learned` method's sentence
    /// features and selection share (computed once).
    terms: Option<TermExpectations>,
    /// The ILP solver's report (optimal, or its gap at the work limit).
    solution: Option<CoverageSolution>,
    /// The concepts the ILP covered, kept for its explanations.
    concepts: Option<Concepts>,
}

impl Scored {
    fn by(scorer: &dyn Scorer, analysis: &Analysis) -> Scored {
        Scored { scores: scorer.score(analysis), terms: None, solution: None, concepts: None }
    }
}

/// One method: which sentences it may pick, how it scores them, how it
/// selects among them and how it explains a score.
struct Row {
    method: Method,
    /// The candidate filter, from the configured one.
    filter: fn(&SummarizerBuilder) -> CandidateFilter,
    /// Scores every sentence.
    score: fn(&Analysis) -> Scored,
    /// Selects from the candidates under the budget. A selector that
    /// computes its own per-sentence values (the ILP's concept weights)
    /// puts them in the scores.
    select: fn(&SummarizerBuilder, &Analysis, &Candidates, &mut Scored, &Weights) -> Selection,
    /// The account of sentence `i`'s score (`--explain`).
    explain: fn(&Analysis, &Scored, usize) -> Account,
}

/// Every method that runs (`auto` resolves to one of them first).
const METHODS: &[Row] = &[
    Row {
        method: Method::Lead,
        // Lead is the classic baseline: every sentence of usual length is
        // eligible, in order.
        filter: |c| CandidateFilter {
            drop_dangling: false,
            drop_unfinished: false,
            drop_open_quotes: false,
            ..c.filter
        },
        score: |a| Scored::by(&Lead, a),
        select: |c, a, cands, s, _| select_mmr(c, a, cands, s, 1.0),
        explain: |a, s, i| {
            let place = a.sentences[i].position + 1;
            Account::whole(
                "the lead method: first sentences of every article first, the most recent article first",
                "position",
                format!("its place in its article (sentence {place})"),
                s.scores[i],
            )
        },
    },
    Row {
        method: Method::Centroid,
        filter: |c| c.filter,
        score: |a| Scored::by(&Centroid::default(), a),
        select: |c, a, cands, s, _| select_mmr(c, a, cands, s, c.mmr_lambda),
        explain: |a, _, i| Centroid::default().account(a, i),
    },
    Row {
        method: Method::LexRank,
        filter: |c| c.filter,
        score: |a| Scored::by(&LexRank::default(), a),
        select: |c, a, cands, s, _| select_mmr(c, a, cands, s, c.mmr_lambda),
        explain: |a, s, i| centrality(&LexRank::default(), a, s, i),
    },
    Row {
        method: Method::TextRank,
        filter: |c| c.filter,
        score: |a| Scored::by(&TextRank::default(), a),
        select: |c, a, cands, s, _| select_mmr(c, a, cands, s, c.mmr_lambda),
        explain: |a, s, i| centrality(&TextRank::default(), a, s, i),
    },
    Row {
        method: Method::Submodular,
        filter: |c| c.filter,
        // Submodular selection has its own objective; LexRank's scores are
        // what the summary reports.
        score: |a| Scored::by(&LexRank::default(), a),
        select: |c, a, cands, _, _| Submodular::default().select(a, cands, &c.budget),
        explain: |a, s, i| centrality(&LexRank::default(), a, s, i),
    },
    Row {
        method: Method::Ilp,
        // Concept coverage favours long sentences less than it should
        // value short ones; Gillick & Favre drop short sentences first.
        filter: |c| CandidateFilter {
            min_words: c.filter.min_words.max(c.ilp_min_words),
            ..c.filter
        },
        // The concept weights are the selector's to compute.
        score: |_| Scored { scores: Vec::new(), terms: None, solution: None, concepts: None },
        select: |c, a, cands, s, w| {
            let coverage = ConceptCoverage { concepts: c.concepts, ..ConceptCoverage::default() };
            let mut concepts = Concepts::new(a, &c.concepts);
            if !w.is_neutral() {
                for (weight, &(x, y)) in concepts.weights.iter_mut().zip(&concepts.keys) {
                    *weight *= w.concept(x, y);
                }
            }
            let outcome = coverage.select_with(a, &concepts, cands, &c.budget);
            s.scores = outcome.scores;
            s.solution = outcome.solution;
            s.concepts = Some(concepts);
            outcome.selection
        },
        explain: |a, s, i| {
            coverage_account(a, s.concepts.as_ref(), &s.scores, s.solution.as_ref(), i)
        },
    },
    Row {
        method: Method::Learned,
        filter: |c| c.filter,
        score: |a| {
            let terms = TermExpectations::shipped(a);
            Scored {
                scores: Learned::default().score_with(a, terms.as_ref()),
                terms,
                solution: None,
                concepts: None,
            }
        },
        select: select_learned,
        explain: |a, s, i| Learned::default().account(a, s.terms.as_ref(), i),
    },
];

/// The account of a graph-centrality score: the scorer's own line and the
/// score as its one part.
fn centrality(scorer: &dyn Scorer, analysis: &Analysis, scored: &Scored, i: usize) -> Account {
    Account::whole(
        scorer.explain(analysis, &scored.scores, i),
        "centrality",
        "how central it is among the cluster's sentences".into(),
        scored.scores[i],
    )
}

/// The row of `method`, which is not `auto`.
fn row(method: Method) -> &'static Row {
    METHODS.iter().find(|r| r.method == method).unwrap_or(&METHODS[2])
}

/// Maximal marginal relevance over the scores.
fn select_mmr(
    config: &SummarizerBuilder,
    analysis: &Analysis,
    candidates: &Candidates,
    scored: &Scored,
    lambda: f64,
) -> Selection {
    Mmr { lambda }.select(analysis, &scored.scores, candidates, &config.budget)
}

/// The `learned` method's selection: greedy expected ROUGE from the term
/// model's expectations (or MMR, when so configured or without the models).
fn select_learned(
    config: &SummarizerBuilder,
    analysis: &Analysis,
    candidates: &Candidates,
    scored: &mut Scored,
    weights: &Weights,
) -> Selection {
    let LearnedSelection::Expected { stop_early, sentence_model, neighbours } =
        config.learned_selection
    else {
        return select_mmr(config, analysis, candidates, scored, config.mmr_lambda);
    };
    let Some(terms) = &scored.terms else {
        return select_mmr(config, analysis, candidates, scored, config.mmr_lambda);
    };
    let budget = config.budget;
    let select = ExpectedRouge {
        reference_tokens: REFERENCE_SHARE * budget_words(&budget),
        stop_early: stop_early && !budget.fill,
        bigram_weight: BIGRAM_WEIGHT,
    };
    let density = sentence_model.then_some(scored.scores.as_slice());
    let alone;
    let candidates = if neighbours {
        candidates
    } else {
        alone = Candidates { indices: candidates.indices.clone(), after: Vec::new() };
        &alone
    };
    if weights.is_neutral() {
        return select.select_with(analysis, &terms.counts, density, candidates, &budget);
    }
    let counts: Vec<f64> = terms.counts.iter().zip(&weights.term).map(|(c, w)| c * w).collect();
    select.select_with(analysis, &counts, density, candidates, &budget)
}

/// About how many words a summary within `budget` holds.
fn budget_words(budget: &Budget) -> f64 {
    match budget.unit {
        Unit::Words => budget.capacity() as f64,
        Unit::Bytes => budget.capacity() as f64 / BYTES_PER_WORD,
        Unit::Sentences => budget.capacity() as f64 * WORDS_PER_SENTENCE,
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

/// The method that actually runs: `auto` picks by cluster shape and, for
/// a query or earlier documents, takes concept coverage, whose concept
/// weights carry both (on the DUC 2007 update sets B and C, jackknifed R-2:
/// `ilp` 11.15 against `learned` 8.04 with the earlier documents).
fn resolve(method: Method, analysis: &Analysis, weights: &Weights) -> Method {
    match method {
        Method::Auto
            if analysis.n_docs >= AUTO_MIN_DOCS_FOR_ILP
                && (analysis.len() >= AUTO_MIN_SENTENCES_FOR_ILP || !weights.is_neutral()) =>
        {
            Method::Ilp
        }
        Method::Auto => Method::Learned,
        m => m,
    }
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
    fn every_builder_setter_stores_its_value_and_returns_the_same_builder() {
        let filter = CandidateFilter { min_words: 3, max_words: 40, ..CandidateFilter::default() };
        let concepts = ConceptConfig { min_df: Some(2), position_boost: 2.0, lead_sentences: 1 };
        let selection = LearnedSelection::Mmr;
        let mut b = Summarizer::builder();
        // One chain through every setter: a setter that answered with another
        // builder would leave the rest of the chain's settings out of `b`.
        b.method(Method::Centroid)
            .budget(Budget::bytes(300).with_fill(true))
            .keep_off_event(true)
            .explain(true)
            .candidates(filter)
            .concepts(concepts)
            .ilp_min_words(5)
            .mmr_lambda(0.25)
            .learned_selection(selection);
        assert_eq!(b.method, Method::Centroid);
        assert_eq!(b.budget, Budget::bytes(300).with_fill(true));
        assert!(b.keep_off_event);
        assert!(b.explain);
        assert_eq!((b.filter.min_words, b.filter.max_words), (3, 40));
        assert_eq!(b.concepts, concepts);
        assert_eq!(b.ilp_min_words, 5);
        assert_eq!(b.mmr_lambda, 0.25);
        assert_eq!(b.learned_selection, selection);
        let built = b.build().unwrap();
        assert_eq!((built.method(), built.budget()), (Method::Centroid, b.budget));
    }

    #[test]
    fn lead_keeps_a_sentence_that_leans_on_the_one_before() {
        // The other methods hold back a later sentence opening with a
        // pronoun; lead is the baseline of the first sentences as written.
        let cluster = Cluster::new(
            "lead",
            vec![crate::Document::new(
                "a",
                "The city council approved the budget for the new river bridge on Tuesday. \
                 He said that construction of the bridge would begin early next spring. \
                 Local shops along the river expect more customers once the bridge opens.",
            )],
        );
        let lead = Summarizer::builder()
            .method(Method::Lead)
            .budget(Budget::sentences(2))
            .build()
            .unwrap()
            .summarize(&cluster)
            .unwrap();
        let texts: Vec<&str> = lead.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The city council approved the budget for the new river bridge on Tuesday.",
                "He said that construction of the bridge would begin early next spring."
            ]
        );
    }

    #[test]
    fn a_byte_budget_counts_one_separator_between_sentences() {
        // 53 and 54 bytes: together, with the newline between them, 108.
        let cluster = Cluster::new(
            "bytes",
            vec![crate::Document::new(
                "a",
                "The river rose by two metres during the long weekend. \
                 Farmers moved their cattle to higher ground on Monday. \
                 The mayor opened three shelters in the old school gym.",
            )],
        );
        let lead = |limit: usize| {
            let budget = Budget::bytes(limit);
            let s = Summarizer::builder()
                .method(Method::Lead)
                .budget(budget)
                .build()
                .unwrap()
                .summarize(&cluster)
                .unwrap();
            let texts: Vec<String> = s.sentences.iter().map(|s| s.text.clone()).collect();
            assert!(
                budget.measure(texts.iter().map(String::as_str)) <= limit,
                "{limit}: {texts:?}"
            );
            texts.len()
        };
        assert_eq!(lead(108), 2, "two sentences fit 108 bytes exactly");
        assert_eq!(lead(107), 1, "one byte short of two sentences and their separator");
        assert_eq!(lead(53), 1);
        assert_eq!(lead(52), 0);
    }

    #[test]
    fn a_budget_converts_to_words_by_its_unit() {
        // The expected-ROUGE selection and the query weights size themselves
        // by the budget in words.
        assert_eq!(budget_words(&Budget::words(120)), 120.0);
        // A byte budget's capacity counts one separator more than its limit.
        assert_eq!(budget_words(&Budget::bytes(599)), 600.0 / BYTES_PER_WORD);
        assert_eq!(budget_words(&Budget::sentences(3)), 3.0 * WORDS_PER_SENTENCE);
    }

    #[test]
    fn every_method_but_auto_has_one_row() {
        for &m in Method::ALL {
            let rows = METHODS.iter().filter(|r| r.method == m).count();
            assert_eq!(rows, usize::from(m != Method::Auto), "{m}");
            if m != Method::Auto {
                assert_eq!(row(m).method, m);
            }
        }
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
