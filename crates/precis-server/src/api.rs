//! The request and response types of the HTTP API, and their conversion to
//! and from the core's types.
//!
//! Requests are the service's own shapes (they carry what a CLI gets from
//! flags and files). Summaries are answered with the core's own
//! [`precis::Summary`], serialized by serde exactly as the CLI's `--format
//! json` writes it; the `*Schema` types here only describe that format in
//! the OpenAPI document (the core does not depend on utoipa), and a test
//! checks that they name the same fields.

use crate::error::{ApiError, ErrorKind, ErrorResponse};
use precis::ingest::Dropped;
use precis::{Budget, Cluster, Document, Method, Summary};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One article to summarize: its text, or the HTML page it is on.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRequest {
    /// Identifier reported as provenance. Default: the document's position
    /// in the cluster, from 1.
    #[schema(example = "reuters.txt")]
    pub id: Option<String>,
    /// The article's plain text. Give `text` or `html`.
    #[schema(
        example = "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday to discuss the war in Syria."
    )]
    pub text: Option<String>,
    /// The article's HTML page; its main text is extracted (Readability).
    pub html: Option<String>,
    /// The headline (for an HTML page, default: the page's title).
    pub title: Option<String>,
    /// Publication date: an ISO 8601 date (`2015-12-15`) or date-time
    /// (`2015-12-15T10:30:00Z`); orders documents for reading and `lead`.
    #[schema(example = "2015-12-15")]
    pub date: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Who published it (an agency, a site).
    pub source: Option<String>,
}

/// Length, method and output options, as the CLI's flags.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// Budget in words (default 100 when no budget is given).
    #[schema(minimum = 1, example = 100)]
    pub words: Option<u64>,
    /// Budget in bytes of UTF-8 text, counting one newline between sentences.
    #[schema(minimum = 1)]
    pub bytes: Option<u64>,
    /// Budget in whole sentences.
    #[schema(minimum = 1)]
    pub sentences: Option<u64>,
    /// `auto` (default), `lead`, `centroid`, `lexrank`, `textrank`,
    /// `submodular`, `ilp` or `learned`.
    #[schema(example = "auto")]
    pub method: Option<String>,
    /// Let the last sentence run to the budget and cut it there.
    pub fill: Option<bool>,
    /// Say how each chosen sentence scored.
    pub explain: Option<bool>,
    /// Also answer each document's text and what cleaning dropped from it
    /// (`documents`), for showing sentences in their sources.
    pub sources: Option<bool>,
}

/// `POST /v1/summarize`: one cluster.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SummarizeRequest {
    /// The cluster id, used in messages and the answer. Default `cluster`.
    #[schema(example = "kerry-lavrov-syria")]
    pub id: Option<String>,
    /// The articles, in order.
    pub documents: Vec<DocumentRequest>,
    /// Options; every one has a default.
    #[serde(default)]
    pub parameters: Parameters,
}

/// One cluster of a batch.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClusterRequest {
    /// The cluster id. Default `cluster-N`, N its position from 1.
    pub id: Option<String>,
    /// The articles, in order.
    pub documents: Vec<DocumentRequest>,
}

/// `POST /v1/summarize/batch`: several clusters with one set of options.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// The clusters; answers come in this order.
    pub clusters: Vec<ClusterRequest>,
    /// Options for every cluster.
    #[serde(default)]
    pub parameters: Parameters,
}

impl Parameters {
    /// The core summarizer these options ask for.
    pub fn summarizer(&self) -> Result<precis::Summarizer, ApiError> {
        let n = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        let budget = match (self.words, self.bytes, self.sentences) {
            (None, None, None) => Budget::words(100),
            (Some(w), None, None) => Budget::words(n(w)),
            (None, Some(b), None) => Budget::bytes(n(b)),
            (None, None, Some(s)) => Budget::sentences(n(s)),
            _ => {
                return Err(ApiError::new(
                    ErrorKind::Validation,
                    "parameters: give at most one of `words`, `bytes` and `sentences`",
                ))
            }
        };
        let method = match self.method.as_deref() {
            None => Method::Auto,
            Some(m) => m.parse::<Method>().map_err(|e| {
                ApiError::new(ErrorKind::Validation, format!("parameters.method: {e}"))
            })?,
        };
        precis::Summarizer::builder()
            .method(method)
            .budget(budget.with_fill(self.fill.unwrap_or(false)))
            .explain(self.explain.unwrap_or(false))
            .build()
            .map_err(|e| ApiError::new(ErrorKind::Validation, format!("parameters: {e}")))
    }
}

/// The documents of a request as a core [`Cluster`]; HTML pages are
/// reduced to their article text here (the core's extractor).
pub fn to_cluster(id: String, documents: Vec<DocumentRequest>) -> Result<Cluster, ApiError> {
    if documents.is_empty() {
        return Err(ApiError::new(
            ErrorKind::Validation,
            format!("cluster {id:?} has no documents; give at least one in `documents`"),
        ));
    }
    let mut docs = Vec::with_capacity(documents.len());
    for (i, d) in documents.into_iter().enumerate() {
        let doc_id = d.id.unwrap_or_else(|| (i + 1).to_string());
        let mut title = d.title;
        let text = match (d.text, d.html) {
            (Some(text), None) => text,
            (None, Some(html)) => {
                let article = precis::ingest::extract_html(&doc_id, &html)?;
                title = title.or(article.title);
                article.text
            }
            (Some(_), Some(_)) => {
                return Err(ApiError::new(
                    ErrorKind::Validation,
                    format!("cluster {id:?}, document {doc_id:?}: give `text` or `html`, not both"),
                ))
            }
            (None, None) => {
                return Err(ApiError::new(
                    ErrorKind::Validation,
                    format!(
                    "cluster {id:?}, document {doc_id:?} has neither `text` nor `html`; give one"
                ),
                ))
            }
        };
        let mut doc = Document::new(doc_id, text);
        doc.title = title;
        doc.date = d.date;
        doc.url = d.url;
        doc.source = d.source;
        docs.push(doc);
    }
    Ok(Cluster::new(id, docs))
}

/// A document as the page shows it: the text summarized (for HTML input,
/// the extracted text) and what cleaning dropped from it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceDocument {
    /// The document id.
    pub id: String,
    /// The text the summary's spans point into.
    pub text: String,
    /// What cleaning left out, in text order.
    #[schema(value_type = Vec<DroppedSchema>)]
    pub dropped: Vec<Dropped>,
}

/// The answer of `POST /v1/summarize`: the core's summary, plus the
/// sources when `parameters.sources` is true.
#[derive(Debug, Clone, Serialize)]
pub struct SummarizeResponse {
    /// The summary, its fields at the top level.
    #[serde(flatten)]
    pub summary: Summary,
    /// The documents and their dropped pieces, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<SourceDocument>>,
}

/// One answer of a batch: a summary, or the error in its place.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum BatchItem {
    /// The cluster's summary.
    Summary(Box<SummarizeResponse>),
    /// Why the cluster could not be summarized.
    Error(BatchError),
}

/// A cluster of a batch that could not be summarized.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchError {
    /// The cluster id.
    pub id: String,
    /// What was wrong and what to do.
    pub error: String,
    /// As in [`ErrorResponse`].
    pub error_type: String,
}

impl BatchError {
    /// The error in place of cluster `id`.
    pub fn new(id: String, e: &ApiError) -> BatchError {
        let ErrorResponse { error, error_type } = e.body();
        BatchError { id, error, error_type }
    }
}

/// `POST /v1/rouge`: predictions scored against references.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RougeRequest {
    /// `duc` (ROUGE-1.5.5 with `-n 4 -m -a -l 100 -c 95 -r 1000 -f A -p 0.5
    /// -t 0 -2 4 -u`), `multinews` (rouge-score with stemming, ROUGE-SU4
    /// from ROUGE-1.5.5 `-m -2 4 -u`), or `rouge155` with explicit `flags`.
    #[schema(example = "multinews")]
    pub protocol: String,
    /// ROUGE-1.5.5.pl flags for `rouge155`, e.g. `-n 2 -m -l 100`.
    pub flags: Option<String>,
    /// What to score.
    pub pairs: Vec<RougePair>,
}

/// One prediction and its references.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RougePair {
    /// An id for the answer. Default: the position from 1.
    pub id: Option<String>,
    /// The system summary, sentences separated by newlines.
    pub prediction: String,
    /// The reference summaries (at least one).
    pub references: Vec<String>,
}

/// Recall, precision and F1 of one metric, as fractions.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct Prf {
    /// Recall.
    pub recall: f64,
    /// Precision.
    pub precision: f64,
    /// F-measure.
    pub f1: f64,
}

/// Scores of one pair, by metric name (`ROUGE-1`, `ROUGE-2`, `ROUGE-L`, ...).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PairScores {
    /// The pair's id.
    pub id: String,
    /// Scores by metric.
    pub scores: std::collections::BTreeMap<String, Prf>,
}

/// The answer of `POST /v1/rouge`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RougeResponse {
    /// The protocol used.
    pub protocol: String,
    /// Averages over the pairs, by metric.
    pub average: std::collections::BTreeMap<String, Prf>,
    /// Per-pair scores, in request order.
    pub pairs: Vec<PairScores>,
}

/// `GET /health`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` while the server answers.
    #[schema(example = "ok")]
    pub status: String,
}

/// The limits, as `GET /info` reports them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LimitsInfo {
    /// Largest request body in bytes.
    pub body_bytes: usize,
    /// Most documents per cluster.
    pub documents_per_cluster: usize,
    /// Most words per request.
    pub words_per_request: usize,
    /// Most clusters per batch.
    pub clusters_per_batch: usize,
    /// Summaries computed at once.
    pub workers: usize,
    /// Requests that may wait for a worker.
    pub queue: usize,
    /// Per-request time limit in seconds.
    pub request_timeout_seconds: f64,
    /// Time allowed to send a request's headers or body, in seconds.
    pub read_timeout_seconds: f64,
}

/// `GET /info`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Info {
    /// `precis`.
    pub name: String,
    /// The server's version.
    pub version: String,
    /// The summarization methods.
    pub methods: Vec<String>,
    /// The ROUGE protocols of `/v1/rouge`.
    pub rouge_protocols: Vec<String>,
    /// Whether `/v1/*` needs an API key.
    pub api_key_required: bool,
    /// The limits.
    pub limits: LimitsInfo,
}

// The schema-only twins of the core's summary types (see the module docs).

/// A byte range `start..end` into a document's original text (UTF-8).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct SpanSchema {
    /// First byte.
    start: usize,
    /// One past the last byte.
    end: usize,
}

/// Text cleaning left out.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct DroppedSchema {
    /// Where it lies in the document's text.
    span: SpanSchema,
    /// `boilerplate`, `repeated` or `headline` (headlines, datelines, captions).
    #[schema(example = "boilerplate")]
    reason: String,
}

/// The length budget a summary respects.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct BudgetSchema {
    /// `words`, `bytes` or `sentences`.
    unit: String,
    /// The limit in that unit.
    limit: usize,
    /// Whether the last sentence may be cut at the budget.
    fill: bool,
}

/// One sentence of a summary, with where it came from.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct SentenceSchema {
    /// The sentence as the reporter wrote it (whitespace runs collapsed).
    text: String,
    /// The document it is taken from.
    document: String,
    /// Its byte span in that document.
    span: SpanSchema,
    /// The method's score.
    score: f64,
    /// The other documents that carry the same content.
    provenance: Vec<String>,
    /// Present (true) only on a sentence cut to fill the budget.
    cut: Option<bool>,
    /// How the score arose, when `explain` was asked for.
    explain: Option<String>,
}

/// A cluster's summary: the JSON the CLI's `--format json` writes, plus
/// `documents` when `parameters.sources` is true.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct SummarySchema {
    /// The cluster id.
    id: String,
    /// The summary's headline: the best headline of the cluster's
    /// articles, or a short form of the first sentence.
    title: String,
    /// The method that produced it (`auto` resolves to the method used).
    method: String,
    /// The budget.
    budget: BudgetSchema,
    /// The sentences in reading order.
    sentences: Vec<SentenceSchema>,
    /// Things to know (skipped empty documents, a one-sentence cluster).
    warnings: Option<Vec<String>>,
    /// Documents about another event, left out (only when there are some).
    off_event: Option<Vec<OffEventSchema>>,
    /// The documents' texts and dropped pieces (only with `sources`).
    documents: Option<Vec<SourceDocument>>,
}

/// A document found to be about another event than the cluster's.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct OffEventSchema {
    /// The document id.
    document: String,
    /// Why it was judged off-event.
    reason: String,
    /// How far off it is.
    score: f64,
}

/// One answer of a batch: a summary or an error naming its cluster.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum BatchItemSchema {
    /// The summary.
    Summary(SummarySchema),
    /// The error in its place.
    Error(BatchError),
}
