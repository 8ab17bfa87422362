//! The request and response types of the HTTP API, and their conversion to
//! and from the core's types.
//!
//! Requests are the service's own shapes (they carry what a CLI gets from
//! flags and files, and HTML pages). Summaries are answered with the core's
//! own [`precis::Summary`], serialized by serde exactly as the CLI's
//! `--format json` writes it, and the OpenAPI document describes it from
//! the same definition (the core's `openapi` feature derives
//! `utoipa::ToSchema` on its wire types), so the two cannot drift apart.

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
    /// `submodular`, `ilp` or `learned` (any case).
    #[schema(value_type = Option<precis::Method>, example = "auto")]
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
#[schema(example = json!({
    "id": "kerry-lavrov-syria",
    "documents": [
        {"id": "reuters.txt", "date": "2015-12-15", "source": "Reuters", "text": "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday. The two men discussed the war in Syria for three hours. They agreed to push both sides toward a peace conference."},
        {"id": "ap.txt", "date": "2015-12-16", "text": "John Kerry and Sergei Lavrov met in Moscow to discuss Syria. The conference could take place as early as next month, officials said."}
    ],
    "query": "When could the peace conference take place?",
    "earlier_documents": [{"id": "monday.txt", "text": "Kerry flew to Moscow on Monday for talks on Syria."}],
    "parameters": {"words": 40, "method": "auto"}
}))]
pub struct SummarizeRequest {
    /// The cluster id, used in messages and the answer. Default `cluster`.
    #[schema(example = "kerry-lavrov-syria")]
    pub id: Option<String>,
    /// The articles, in order.
    #[schema(min_items = 1)]
    pub documents: Vec<DocumentRequest>,
    /// A question the summary should answer (a query-focused summary).
    /// Leave it out for a generic summary; an empty or blank query is an
    /// error.
    #[schema(example = "What did Kerry and Lavrov agree on Syria?")]
    pub query: Option<String>,
    /// Articles the reader has already seen, of the same shape as
    /// `documents` (an update summary): what they say is worth nothing, and
    /// a sentence that only repeats one of theirs is never chosen. They
    /// count toward the words and documents limits.
    pub earlier_documents: Option<Vec<DocumentRequest>>,
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
    /// The articles, in order (a cluster without any is answered with an
    /// error in its place).
    pub documents: Vec<DocumentRequest>,
    /// This cluster's question, as in `POST /v1/summarize`.
    pub query: Option<String>,
    /// Articles the reader has already seen, as in `POST /v1/summarize`.
    pub earlier_documents: Option<Vec<DocumentRequest>>,
}

/// What a request gives for one cluster, before it becomes a core
/// [`Cluster`].
#[derive(Debug, Clone)]
pub struct ClusterInput {
    /// The cluster id.
    pub id: String,
    /// The articles.
    pub documents: Vec<DocumentRequest>,
    /// The question, if any.
    pub query: Option<String>,
    /// The articles read before.
    pub earlier_documents: Vec<DocumentRequest>,
}

impl ClusterInput {
    /// The texts (or HTML pages) of every document, earlier ones included,
    /// for the request limits.
    pub fn texts(&self) -> Vec<&str> {
        self.documents
            .iter()
            .chain(&self.earlier_documents)
            .map(|d| d.text.as_deref().or(d.html.as_deref()).unwrap_or(""))
            .collect()
    }

    /// Checks the cluster against the core's size limits
    /// ([`precis::record::Limits::DEFAULT`]), those of the CLI's defaults
    /// and the Python package, so that the service never takes a document
    /// or cluster they refuse, whatever `--body-limit` allows: each
    /// document's text, or HTML page (the CLI checks an HTML file's size),
    /// and all of them together, earlier documents included, as in a JSONL
    /// line. Fails with 422 naming the document or cluster.
    pub fn check_sizes(&self) -> Result<(), ApiError> {
        let lists =
            [("documents", &self.documents), ("earlier_documents", &self.earlier_documents)];
        let documents = lists.into_iter().flat_map(|(field, docs)| {
            docs.iter().enumerate().map(move |(i, d)| {
                let len =
                    d.text.as_ref().map_or(0, String::len) + d.html.as_ref().map_or(0, String::len);
                let what = move || {
                    let doc_id = d.id.clone().unwrap_or_else(|| (i + 1).to_string());
                    format!("cluster {:?}, {field}[{i}] ({doc_id:?})", self.id)
                };
                (len, what)
            })
        });
        precis::record::Limits::DEFAULT
            .check_sizes(documents, || format!("cluster {:?}", self.id))
            .map_err(|message| ApiError::new(ErrorKind::LimitExceeded, message))
    }
}

/// `POST /v1/summarize/batch`: several clusters with one set of options.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "clusters": [
        {"id": "syria", "documents": [
            {"id": "a", "text": "Kerry met Lavrov in Moscow on Tuesday. They discussed the war in Syria."},
            {"id": "b", "text": "The two ministers talked for three hours. A peace conference could follow next month."}
        ]},
        {"id": "harbor", "query": "What will the repairs cost?", "documents": [
            {"id": "c", "text": "Northport will rebuild its harbor wall. The repairs will cost about 12 million dollars."}
        ]}
    ],
    "parameters": {"sentences": 1}
}))]
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
        // The OpenAPI document gives budgets as int64: larger ones are
        // refused as the schema says, not silently taken.
        let n = |name: &str, v: u64| {
            if i64::try_from(v).is_err() {
                return Err(ApiError::new(
                    ErrorKind::Validation,
                    format!(
                        "parameters.{name}: {v} is over the largest budget, {}; give a smaller one",
                        i64::MAX
                    ),
                ));
            }
            Ok(usize::try_from(v).unwrap_or(usize::MAX))
        };
        let budget = match (self.words, self.bytes, self.sentences) {
            (None, None, None) => Budget::words(100),
            (Some(w), None, None) => Budget::words(n("words", w)?),
            (None, Some(b), None) => Budget::bytes(n("bytes", b)?),
            (None, None, Some(s)) => Budget::sentences(n("sentences", s)?),
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

/// A request's cluster as a core [`Cluster`]; HTML pages are reduced to
/// their article text here (the core's extractor).
pub fn to_cluster(input: ClusterInput) -> Result<Cluster, ApiError> {
    let ClusterInput { id, documents, query, earlier_documents } = input;
    if documents.is_empty() {
        return Err(ApiError::new(
            ErrorKind::Validation,
            format!("cluster {id:?} has no documents; give at least one in `documents`"),
        ));
    }
    let docs = to_documents(&id, "documents", documents)?;
    let earlier = to_documents(&id, "earlier_documents", earlier_documents)?;
    let mut cluster = Cluster::new(id, docs).with_earlier(earlier);
    cluster.query = query;
    Ok(cluster)
}

/// The core documents of list `field` of cluster `id`.
fn to_documents(
    id: &str,
    field: &str,
    documents: Vec<DocumentRequest>,
) -> Result<Vec<Document>, ApiError> {
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
                    format!("cluster {id:?}, {field}[{i}] ({doc_id:?}): give `text` or `html`, not both"),
                ))
            }
            (None, None) => {
                return Err(ApiError::new(
                    ErrorKind::Validation,
                    format!(
                    "cluster {id:?}, {field}[{i}] ({doc_id:?}) has neither `text` nor `html`; give one"
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
    Ok(docs)
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
    pub dropped: Vec<Dropped>,
}

/// The answer of `POST /v1/summarize`: the core's summary (the JSON the
/// CLI's `--format json` writes), plus the sources when
/// `parameters.sources` is true.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SummarizeResponse {
    /// The summary, its fields at the top level.
    #[serde(flatten)]
    pub summary: Summary,
    /// The documents and their dropped pieces, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<SourceDocument>>,
}

/// One answer of a batch: a summary, or the error in its place.
#[derive(Debug, Clone, Serialize, ToSchema)]
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
#[schema(example = json!({
    "protocol": "multinews",
    "pairs": [{"id": "1", "prediction": "Kerry met Lavrov in Moscow.\nThey discussed Syria.", "references": ["Kerry and Lavrov met in Moscow to talk about Syria."]}]
}))]
pub struct RougeRequest {
    /// `duc` (ROUGE-1.5.5 with `-n 4 -m -a -l 100 -c 95 -r 1000 -f A -p 0.5
    /// -t 0 -2 4 -u`), `multinews` (rouge-score with stemming, ROUGE-SU4
    /// from ROUGE-1.5.5 `-m -2 4 -u`), or `rouge155` with explicit `flags`.
    #[schema(value_type = RougeProtocolName, example = "multinews")]
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
    /// Most bytes of text (or HTML) in one document: the limit of every
    /// front end of precis (the CLI's default `--max-document-mb`).
    pub document_bytes: usize,
    /// Most bytes of text in one cluster's documents together, earlier
    /// ones included: the limit of every front end (the CLI's default
    /// `--max-line-mb`).
    pub cluster_bytes: usize,
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

/// A ROUGE protocol of `POST /v1/rouge`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum RougeProtocolName {
    /// ROUGE-1.5.5 as DUC scored.
    Duc,
    /// rouge-score with stemming, and ROUGE-SU4.
    Multinews,
    /// ROUGE-1.5.5 with explicit `flags`.
    Rouge155,
}

#[cfg(test)]
mod tests {
    use super::{ClusterInput, DocumentRequest, Parameters};
    use crate::error::ErrorKind;

    fn document(id: Option<&str>, text: Option<String>, html: Option<String>) -> DocumentRequest {
        DocumentRequest {
            id: id.map(str::to_owned),
            text,
            html,
            title: None,
            date: None,
            url: None,
            source: None,
        }
    }

    #[test]
    fn sizes_are_the_limits_of_every_front_end() {
        // The CLI's default --max-document-mb and --max-line-mb (4 and 16
        // MiB), which the Python package uses too: a limit of the service's
        // own would take or refuse a cluster they do not.
        const MIB: usize = 1 << 20;
        let text = |len: usize| Some("a".repeat(len));
        let cluster = |documents, earlier_documents| ClusterInput {
            id: "c".into(),
            documents,
            query: None,
            earlier_documents,
        };
        let at_limit = cluster(vec![document(Some("a"), text(4 * MIB), None)], vec![]);
        assert!(at_limit.check_sizes().is_ok());
        let over = cluster(vec![document(Some("a"), text(4 * MIB + 1), None)], vec![]);
        let e = over.check_sizes().unwrap_err();
        assert_eq!(e.kind, ErrorKind::LimitExceeded);
        assert!(
            e.message.starts_with("cluster \"c\", documents[0] (\"a\") has 4.0 MiB of text, more than the limit of 4.0 MiB per document; split the document"),
            "{}",
            e.message
        );
        // An HTML page counts whole, as the CLI counts an .html file.
        let page = cluster(vec![], vec![document(None, None, text(4 * MIB + 1))]);
        let e = page.check_sizes().unwrap_err();
        assert!(
            e.message.starts_with("cluster \"c\", earlier_documents[0] (\"1\") has"),
            "{}",
            e.message
        );
        // Earlier documents count toward the cluster's total.
        let four = || (0..4).map(|_| document(None, text(4 * MIB), None)).collect::<Vec<_>>();
        assert!(cluster(four(), vec![]).check_sizes().is_ok());
        let e = cluster(four(), vec![document(None, text(1), None)]).check_sizes().unwrap_err();
        assert!(
            e.message.starts_with("cluster \"c\" has 16.0 MiB of text in all its documents, more than the limit of 16.0 MiB per cluster"),
            "{}",
            e.message
        );
    }

    #[test]
    fn budgets_beyond_int64_are_refused_by_name() {
        let huge = 1u64 << 63;
        for (name, p) in [
            ("words", Parameters { words: Some(huge), ..Parameters::default() }),
            ("bytes", Parameters { bytes: Some(huge), ..Parameters::default() }),
            ("sentences", Parameters { sentences: Some(huge), ..Parameters::default() }),
        ] {
            let Err(err) = p.summarizer() else { panic!("{name}: a budget of 2^63 was taken") };
            assert!(err.message.contains(&format!("parameters.{name}")), "{}", err.message);
        }
        let largest = Parameters { sentences: Some(huge - 1), ..Parameters::default() };
        assert!(largest.summarizer().is_ok());
    }
}
