//! The routes: handlers, the router with its middleware, and the OpenAPI
//! document generated from the handlers' annotations.

use crate::api::{
    to_cluster, BatchError, BatchItem, BatchRequest, ClusterInput, ClusterRequest, DocumentRequest,
    Health, Info, LimitsInfo, PairScores, Parameters, Prf, RougePair, RougeProtocolName,
    RougeRequest, RougeResponse, SourceDocument, SummarizeRequest, SummarizeResponse,
};
use crate::error::{ApiError, ErrorKind, ErrorResponse};
use crate::limits::{check_api_key, check_content_length, join, read_body, Limits, Usage, Workers};
use crate::metrics::Metrics;
use crate::page;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use precis::eval::rouge155::{ClusterScores, Limit, Options, Rouge155, SkipBigram, SkipUnigrams};
use precis::eval::rouge_score::RougeScorer;
use precis::{Method, Summarizer};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;

/// What every handler shares.
#[derive(Debug)]
pub struct AppState {
    /// The limits.
    pub limits: Limits,
    /// The summary workers and their queue.
    pub workers: Workers,
    /// The metrics.
    pub metrics: Metrics,
    /// The API key `/v1/*` requires, if any.
    pub api_key: Option<String>,
}

type Shared = Arc<AppState>;

/// The header naming each request; a client's own value is kept.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The header giving the time spent summarizing or scoring, in milliseconds.
pub const COMPUTE_TIME: HeaderName = HeaderName::from_static("x-compute-time");

/// The OpenAPI document of the service.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "precis",
        description = "Extractive summaries of news-article clusters, with provenance. Errors are `{\"error\", \"error_type\"}`; with an API key configured, `/v1/*` needs `Authorization: Bearer KEY`."
    ),
    paths(summarize, summarize_batch, rouge, health, info, metrics),
    components(schemas(
        SummarizeRequest,
        BatchRequest,
        ClusterRequest,
        DocumentRequest,
        Parameters,
        precis::Method,
        RougeProtocolName,
        SummarizeResponse,
        BatchItem,
        BatchError,
        SourceDocument,
        RougeRequest,
        RougePair,
        RougeResponse,
        PairScores,
        Prf,
        Health,
        Info,
        LimitsInfo,
        ErrorResponse
    ))
)]
pub struct ApiDoc;

/// The router with every route and middleware.
pub fn router(state: Shared) -> Router {
    let v1 = Router::new()
        .route("/v1/summarize", post(summarize))
        .route("/v1/summarize/batch", post(summarize_batch))
        .route("/v1/rouge", post(rouge))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_api_key));
    Router::new()
        .merge(v1)
        .route("/health", get(health))
        .route("/info", get(info))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .merge(page::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), uri = %req.uri(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, Counter::default()))
        .with_state(state)
}

/// Request ids `precis-1`, `precis-2`, ... (unique within one server run).
#[derive(Debug, Clone, Default)]
struct Counter(Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        HeaderValue::from_str(&format!("precis-{n}")).ok().map(RequestId::new)
    }
}

/// Counts requests by route and status, their latency, and those in flight.
async fn observe(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let started = Instant::now();
    app.metrics.in_flight.inc();
    let response = next.run(req).await;
    app.metrics.in_flight.dec();
    app.metrics.observe(&route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

async fn require_api_key(
    State(app): State<Shared>,
    headers: HeaderMap,
    req: Request,
    next: Next,
) -> Response {
    match check_api_key(app.api_key.as_deref(), &headers) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

async fn not_found(req: Request) -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        format!("no route {} {}; see /openapi.json for the API", req.method(), req.uri().path()),
    )
}

async fn method_not_allowed(req: Request) -> ApiError {
    ApiError::new(
        ErrorKind::MethodNotAllowed,
        format!(
            "{} is not allowed on {}; see /openapi.json for the methods each route takes",
            req.method(),
            req.uri().path()
        ),
    )
}

/// Parses a JSON body: syntax errors are 400, shape errors 422, and the
/// message names the field (`parameters.words: invalid value ...`).
fn parse<T: DeserializeOwned>(bytes: &[u8], route: &str) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (kind, what) = match inner.classify() {
            serde_json::error::Category::Data => {
                (ErrorKind::Validation, "does not have the expected shape")
            }
            _ => (ErrorKind::BadRequest, "is not valid JSON"),
        };
        let at = if path == "." || kind == ErrorKind::BadRequest {
            String::new()
        } else {
            format!(" at `{path}`")
        };
        ApiError::new(
            kind,
            format!(
                "the body of POST {route} {what}{at}: {inner}; see /openapi.json for the schema"
            ),
        )
    })
}

/// Admits a request to the worker queue, reads its body, parses it, and
/// runs `handle` on it within the per-request time limit.
async fn with_body<T, F, Fut>(
    app: &Shared,
    headers: &HeaderMap,
    body: Body,
    route: &'static str,
    handle: F,
) -> Result<Response, ApiError>
where
    T: DeserializeOwned,
    F: FnOnce(T, crate::limits::Admission) -> Fut,
    Fut: Future<Output = Result<Response, ApiError>>,
{
    let limits = &app.limits;
    check_content_length(headers, limits.body_bytes)?;
    let admission = app.workers.admit()?;
    app.metrics.waiting.set(app.workers.waiting() as i64);
    let work = async {
        let bytes = read_body(body, limits.body_bytes, limits.read_timeout).await?;
        let request = parse::<T>(&bytes, route)?;
        drop(bytes);
        handle(request, admission).await
    };
    let out = tokio::time::timeout(limits.request_timeout, work).await;
    app.metrics.waiting.set(app.workers.waiting() as i64);
    out.unwrap_or_else(|_| {
        Err(ApiError::new(
            ErrorKind::Timeout,
            format!(
                "the request took longer than the time limit of {} s (--timeout); send a smaller cluster or a shorter budget, or retry later",
                limits.request_timeout.as_secs()
            ),
        ))
    })
}

/// A JSON answer with `x-compute-time`.
fn timed_json<T: serde::Serialize>(value: &T, compute: std::time::Duration) -> Response {
    let mut response = Json(value).into_response();
    let ms = format!("{:.3}", compute.as_secs_f64() * 1000.0);
    if let Ok(v) = HeaderValue::from_str(&ms) {
        response.headers_mut().insert(COMPUTE_TIME, v);
    }
    response
}

/// Summarizes one cluster through the core, as the CLI does.
fn summarize_cluster(
    summarizer: &Summarizer,
    input: ClusterInput,
    sources: bool,
) -> Result<SummarizeResponse, ApiError> {
    let cluster = to_cluster(input)?;
    let prepared = precis::prepare(&cluster)?;
    let summary = summarizer.summarize_prepared(&prepared);
    let documents = sources.then(|| {
        cluster
            .documents
            .into_iter()
            .zip(prepared.dropped)
            .map(|(d, dropped)| SourceDocument { id: d.id, text: d.text, dropped })
            .collect()
    });
    Ok(SummarizeResponse { summary, documents })
}

/// Summarize one cluster.
///
/// Answers the summary JSON the CLI's `--format json` writes. Limits: the
/// body limit (413), the size of a document and of a cluster (those of
/// every front end, see `/info`), documents per cluster and words per
/// request (422), the worker queue (503 with `Retry-After`), the time limit
/// (503).
#[utoipa::path(
    post,
    path = "/v1/summarize",
    request_body = SummarizeRequest,
    responses(
        (status = 200, description = "The summary", body = SummarizeResponse,
         headers(("x-compute-time" = String, description = "Milliseconds spent summarizing"),
                 ("x-request-id" = String, description = "The request's id"))),
        (status = 400, description = "The body is not JSON", body = ErrorResponse),
        (status = 401, description = "API key missing or wrong", body = ErrorResponse),
        (status = 413, description = "Body over the body limit", body = ErrorResponse),
        (status = 422, description = "Invalid input or parameters, or a limit exceeded", body = ErrorResponse),
        (status = 503, description = "Queue full or time limit reached; see Retry-After", body = ErrorResponse),
    )
)]
async fn summarize(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let app2 = app.clone();
    with_body(
        &app,
        &headers,
        body,
        "/v1/summarize",
        |req: SummarizeRequest, mut admission| async move {
            let app = app2;
            let summarizer = req.parameters.summarizer()?;
            let sources = req.parameters.sources.unwrap_or(false);
            let input = ClusterInput {
                id: req.id.unwrap_or_else(|| "cluster".to_owned()),
                documents: req.documents,
                query: req.query,
                earlier_documents: req.earlier_documents.unwrap_or_default(),
            };
            input.check_sizes()?;
            let mut usage = Usage::default();
            usage.add_cluster(&app.limits, &input.id, input.texts().into_iter())?;
            let started = Instant::now();
            let (response, compute) = app
                .workers
                .run(&mut admission, usage.words(), move || {
                    let started = Instant::now();
                    (summarize_cluster(&summarizer, input, sources), started.elapsed())
                })
                .await?;
            let response = response?;
            tracing::debug!(queued_and_computed = ?started.elapsed(), "summarized");
            app.metrics.clusters.inc();
            app.metrics.words.inc_by(usage.words() as u64);
            Ok(timed_json(&response, compute))
        },
    )
    .await
}

/// Summarize several clusters with one set of parameters.
///
/// Answers a JSON array in request order: each item is a summary, or
/// `{"id", "error", "error_type"}` in place of a cluster that could not be
/// summarized. Parameter errors and request limits fail the whole request.
#[utoipa::path(
    post,
    path = "/v1/summarize/batch",
    request_body = BatchRequest,
    responses(
        (status = 200, description = "One item per cluster, in order", body = Vec<BatchItem>),
        (status = 400, description = "The body is not JSON", body = ErrorResponse),
        (status = 401, description = "API key missing or wrong", body = ErrorResponse),
        (status = 413, description = "Body over the body limit", body = ErrorResponse),
        (status = 422, description = "Invalid parameters, or a limit exceeded", body = ErrorResponse),
        (status = 503, description = "Queue full or time limit reached; see Retry-After", body = ErrorResponse),
    )
)]
async fn summarize_batch(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let app2 = app.clone();
    with_body(&app, &headers, body, "/v1/summarize/batch", |req: BatchRequest, mut admission| async move {
        let app = app2;
        let limits = &app.limits;
        if req.clusters.len() > limits.clusters_per_batch {
            return Err(ApiError::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the batch has {} clusters, over the limit of {} clusters per batch (--max-clusters); split it into several requests",
                    req.clusters.len(),
                    limits.clusters_per_batch
                ),
            ));
        }
        let summarizer = Arc::new(req.parameters.summarizer()?);
        let sources = req.parameters.sources.unwrap_or(false);
        let mut usage = Usage::default();
        let mut jobs = Vec::with_capacity(req.clusters.len());
        for (i, c) in req.clusters.into_iter().enumerate() {
            let input = ClusterInput {
                id: c.id.unwrap_or_else(|| format!("cluster-{}", i + 1)),
                documents: c.documents,
                query: c.query,
                earlier_documents: c.earlier_documents.unwrap_or_default(),
            };
            // A cluster over a per-cluster limit fails alone; the words
            // limit is the request's.
            let before = usage.words();
            let checked = input
                .check_sizes()
                .and_then(|()| usage.add_cluster(limits, &input.id, input.texts().into_iter()));
            match checked {
                Ok(()) => jobs.push(Ok(input)),
                Err(e) if usage.words() > limits.words_per_request => return Err(e),
                Err(e) => {
                    debug_assert_eq!(before, usage.words());
                    jobs.push(Err(BatchError::new(input.id, &e)));
                }
            }
        }
        // Clusters start on the workers in order as they free up, each a
        // task of its own, and are answered in order.
        let mut items = Vec::with_capacity(jobs.len());
        let mut clusters = 0;
        let mut compute = std::time::Duration::ZERO;
        let mut running = Vec::new();
        for job in jobs {
            match job {
                Err(e) => items.push(Some(BatchItem::Error(e))),
                Ok(input) => {
                    let s = summarizer.clone();
                    let fail_id = input.id.clone();
                    let handle = app
                        .workers
                        .spawn(&mut admission, move || {
                            let started = Instant::now();
                            (summarize_cluster(&s, input, sources), started.elapsed())
                        })
                        .await?;
                    items.push(None);
                    running.push((items.len() - 1, fail_id, handle));
                }
            }
        }
        for (slot, id, handle) in running {
            let (result, took) = join(handle).await?;
            compute += took;
            items[slot] = Some(match result {
                Ok(r) => {
                    clusters += 1;
                    BatchItem::Summary(Box::new(r))
                }
                Err(e) => BatchItem::Error(BatchError::new(id, &e)),
            });
        }
        let items: Vec<BatchItem> = items.into_iter().flatten().collect();
        app.metrics.clusters.inc_by(clusters);
        app.metrics.words.inc_by(usage.words() as u64);
        Ok(timed_json(&items, compute))
    })
    .await
}

/// Score predictions against references with ROUGE.
///
/// `duc` and `multinews` are the protocols of `precis rouge`; `rouge155`
/// takes explicit ROUGE-1.5.5.pl `flags`.
#[utoipa::path(
    post,
    path = "/v1/rouge",
    request_body = RougeRequest,
    responses(
        (status = 200, description = "Scores per pair and their averages", body = RougeResponse),
        (status = 400, description = "The body is not JSON", body = ErrorResponse),
        (status = 401, description = "API key missing or wrong", body = ErrorResponse),
        (status = 413, description = "Body over the body limit", body = ErrorResponse),
        (status = 422, description = "Unknown protocol, bad flags, no references, or a limit exceeded", body = ErrorResponse),
        (status = 503, description = "Queue full or time limit reached; see Retry-After", body = ErrorResponse),
    )
)]
async fn rouge(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let app2 = app.clone();
    with_body(&app, &headers, body, "/v1/rouge", |req: RougeRequest, mut admission| async move {
        let app = app2;
        let scorer = RougeProtocol::new(&req.protocol, req.flags.as_deref())?;
        let mut usage = Usage::default();
        for (i, p) in req.pairs.iter().enumerate() {
            let id = p.id.clone().unwrap_or_else(|| (i + 1).to_string());
            if p.references.is_empty() {
                return Err(ApiError::new(
                    ErrorKind::Validation,
                    format!("pair {id:?} has no references; give at least one in `references`"),
                ));
            }
            let texts = std::iter::once(p.prediction.as_str())
                .chain(p.references.iter().map(String::as_str));
            let texts: Vec<&str> = texts.collect();
            let limits = Limits { documents_per_cluster: usize::MAX, ..app.limits.clone() };
            usage.add_cluster(&limits, &id, texts.into_iter())?;
        }
        let protocol = req.protocol.clone();
        let (response, compute) = app
            .workers
            .run(&mut admission, usage.words(), move || {
                let started = Instant::now();
                let pairs = req.pairs;
                (scorer.score(protocol, pairs), started.elapsed())
            })
            .await?;
        Ok(timed_json(&response, compute))
    })
    .await
}

/// The scorers of `/v1/rouge`.
enum RougeProtocol {
    /// ROUGE-1.5.5 with the given options.
    Rouge155(Box<Rouge155>),
    /// rouge-score, stemmed, with ROUGE-SU4 from ROUGE-1.5.5.
    Multinews(RougeScorer, Box<Rouge155>),
}

/// Most bootstrap resamples `flags` may ask for (`-r`), to bound the work.
const MAX_RESAMPLES: usize = 10_000;

impl RougeProtocol {
    fn new(protocol: &str, flags: Option<&str>) -> Result<RougeProtocol, ApiError> {
        let bad = |m: String| ApiError::new(ErrorKind::Validation, m);
        match (protocol, flags) {
            ("duc", None) => Ok(RougeProtocol::Rouge155(Box::new(Rouge155::new(Options {
                rouge_l: true,
                ..Options::duc()
            })))),
            ("multinews", None) => Ok(RougeProtocol::Multinews(
                RougeScorer::new(true),
                Box::new(Rouge155::new(Options {
                    stem: true,
                    limit: Limit::None,
                    rouge_l: false,
                    skip_bigram: Some(SkipBigram { max_gap: Some(4), unigrams: SkipUnigrams::With }),
                    resamples: 0,
                    ..Options::default()
                })),
            )),
            ("rouge155", Some(flags)) => {
                let options = Options::from_flags(flags).map_err(|e| bad(format!("flags: {e}")))?;
                if options.resamples > MAX_RESAMPLES {
                    return Err(bad(format!(
                        "flags: -r {} asks for more than {MAX_RESAMPLES} bootstrap resamples; use fewer",
                        options.resamples
                    )));
                }
                Ok(RougeProtocol::Rouge155(Box::new(Rouge155::new(options))))
            }
            ("rouge155", None) => Err(bad("protocol \"rouge155\" needs `flags`, e.g. \"-n 2 -m\"".into())),
            ("duc" | "multinews", Some(_)) => Err(bad(format!(
                "protocol {protocol:?} fixes its options; drop `flags`, or use protocol \"rouge155\" with them"
            ))),
            _ => Err(bad(format!(
                "unknown protocol {protocol:?}; choose one of duc, multinews, rouge155"
            ))),
        }
    }

    fn score(&self, protocol: String, pairs: Vec<RougePair>) -> RougeResponse {
        let ids: Vec<String> = pairs
            .iter()
            .enumerate()
            .map(|(i, p)| p.id.clone().unwrap_or_else(|| (i + 1).to_string()))
            .collect();
        let per_pair: Vec<BTreeMap<String, Prf>> = match self {
            RougeProtocol::Rouge155(r) => {
                pairs.iter().map(|p| from_155(&score_155(r, p))).collect()
            }
            RougeProtocol::Multinews(scorer, su4) => pairs
                .iter()
                .map(|p| {
                    let refs: Vec<&str> = p.references.iter().map(String::as_str).collect();
                    let s = scorer.score_multi(&refs, &p.prediction);
                    let mut m = BTreeMap::new();
                    for (name, x) in [
                        ("ROUGE-1", s.rouge1),
                        ("ROUGE-2", s.rouge2),
                        ("ROUGE-L", s.rouge_l),
                        ("ROUGE-Lsum", s.rouge_lsum),
                    ] {
                        m.insert(
                            name.to_owned(),
                            Prf { recall: x.recall, precision: x.precision, f1: x.fmeasure },
                        );
                    }
                    m.extend(from_155(&score_155(su4, p)));
                    m
                })
                .collect(),
        };
        let mut average: BTreeMap<String, Prf> = BTreeMap::new();
        for scores in &per_pair {
            for (name, s) in scores {
                let a = average.entry(name.clone()).or_default();
                a.recall += s.recall;
                a.precision += s.precision;
                a.f1 += s.f1;
            }
        }
        let n = per_pair.len().max(1) as f64;
        for a in average.values_mut() {
            *a = Prf { recall: a.recall / n, precision: a.precision / n, f1: a.f1 / n };
        }
        let pairs =
            ids.into_iter().zip(per_pair).map(|(id, scores)| PairScores { id, scores }).collect();
        RougeResponse { protocol, average, pairs }
    }
}

fn score_155(r: &Rouge155, p: &RougePair) -> ClusterScores {
    let refs: Vec<&str> = p.references.iter().map(String::as_str).collect();
    r.score_cluster(&p.prediction, &refs)
}

fn from_155(c: &ClusterScores) -> BTreeMap<String, Prf> {
    c.scores
        .iter()
        .map(|(name, s)| (name.clone(), Prf { recall: s.recall, precision: s.precision, f1: s.f1 }))
        .collect()
}

/// Liveness.
#[utoipa::path(get, path = "/health", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health { status: "ok".into() })
}

/// Version, methods and limits.
#[utoipa::path(get, path = "/info", responses((status = 200, body = Info)))]
async fn info(State(app): State<Shared>) -> Json<Info> {
    let l = &app.limits;
    Json(Info {
        name: "precis".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        methods: Method::ALL.iter().map(|m| m.name().to_owned()).collect(),
        rouge_protocols: vec!["duc".into(), "multinews".into(), "rouge155".into()],
        api_key_required: app.api_key.is_some(),
        limits: LimitsInfo {
            body_bytes: l.body_bytes,
            document_bytes: precis::record::MAX_DOCUMENT_BYTES,
            cluster_bytes: precis::record::MAX_CLUSTER_BYTES,
            documents_per_cluster: l.documents_per_cluster,
            words_per_request: l.words_per_request,
            clusters_per_batch: l.clusters_per_batch,
            workers: l.workers,
            queue: l.queue,
            request_timeout_seconds: l.request_timeout.as_secs_f64(),
            read_timeout_seconds: l.read_timeout.as_secs_f64(),
        },
    })
}

/// Prometheus text exposition.
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus text format", content_type = "text/plain", body = String)))]
async fn metrics(State(app): State<Shared>) -> Response {
    app.metrics.waiting.set(app.workers.waiting() as i64);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        app.metrics.encode(),
    )
        .into_response()
}

/// The OpenAPI document, its descriptions without rustdoc links.
async fn openapi() -> Response {
    let doc = serde_json::to_string_pretty(&crate::openapi::document()).unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], doc).into_response()
}

/// Silences "unused" for the `Parameters` import used only in schemas.
#[allow(dead_code)]
fn _schemas(_: Parameters, _: ClusterRequest) {}
