//! Limits and behaviour under load: the body limit, the per-cluster and
//! per-request limits, the worker pool with its bounded queue, and the
//! optional API key.
//!
//! Summarizing is CPU-bound, at most [`Limits::workers`] at a time
//! ([`Workers`]). A small job (at most [`INLINE_WORDS`] words, a few
//! milliseconds) runs on the thread that serves its connection: handing it
//! to another thread and back cost about a fifth of a Multi-News cluster's
//! CPU time in context switches and cache misses. A larger job runs on
//! tokio's blocking threads, so that it cannot hold up the server's other
//! connections for long. A request waits for a worker
//! in a queue of at most [`Limits::queue`] requests; when the queue is full
//! it is answered at once with 503 and `Retry-After`, before its body is
//! read. Bodies are read only after admission, so the memory held by bodies
//! is bounded by `(workers + queue) × body_limit` however many clients send.

use crate::error::{ApiError, ErrorKind};
use axum::body::{Body, Bytes};
use axum::http::HeaderMap;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinHandle;

/// Jobs of at most this many words (whitespace-separated, over the whole
/// request) run on the thread that serves the connection rather than on a
/// blocking thread: about a microsecond of work a word, so a few
/// milliseconds at most.
pub const INLINE_WORDS: usize = 5_000;

/// Every limit of the service, with its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body in bytes (413 above it). Default 2 MiB.
    ///
    /// The default is well under what one cluster may hold everywhere else
    /// ([`precis::record::MAX_CLUSTER_BYTES`], 16 MiB, the CLI's default
    /// `--max-line-mb`), on purpose: the memory bodies take is bounded by
    /// `(workers + queue) × body_bytes` (132 MiB by default on 2 cores, 1 GiB
    /// at 16 MiB), and [`Limits::words_per_request`] refuses such a cluster
    /// anyway. A service meant to take every cluster the CLI takes needs a
    /// body limit of the cluster limit plus the JSON around and inside the
    /// texts (field names, ids, `parameters`, escapes), say 17 MiB, and
    /// `--max-words` to match. No body limit lets in more than the CLI
    /// takes: each cluster is checked against the core's limits
    /// ([`crate::api::ClusterInput::check_sizes`]).
    pub body_bytes: usize,
    /// Most documents in one cluster (422 above it). Default 1,000.
    pub documents_per_cluster: usize,
    /// Most words (whitespace-separated) in one request, over all its
    /// documents (422 above it). Default 200,000.
    pub words_per_request: usize,
    /// Most clusters in one batch request (422 above it). Default 64.
    pub clusters_per_batch: usize,
    /// Most summaries computed at once. Default: the number of cores.
    pub workers: usize,
    /// Most requests waiting for a worker; one more is answered 503. Default 64.
    pub queue: usize,
    /// Longest a request may take, from admission to answer (503 after it).
    /// Default 30 s.
    pub request_timeout: Duration,
    /// Longest a client may take to send a request's headers, or its body.
    /// Default 10 s.
    pub read_timeout: Duration,
    /// Longest graceful shutdown waits for requests in flight. Default 30 s.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 2 * 1024 * 1024,
            documents_per_cluster: 1000,
            words_per_request: 200_000,
            clusters_per_batch: 64,
            workers: std::thread::available_parallelism().map_or(2, usize::from),
            queue: 64,
            request_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// The pool of summary workers and its bounded queue (cheap to clone: the
/// clones share one pool).
#[derive(Debug, Clone)]
pub struct Workers {
    permits: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue: usize,
}

/// A request admitted to the queue: it holds a place until it gets a
/// worker or is dropped.
#[derive(Debug)]
pub struct Admission {
    workers: Workers,
    queued: bool,
}

impl Drop for Admission {
    fn drop(&mut self) {
        if self.queued {
            self.workers.waiting.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Workers {
    /// A pool of `workers` permits with room for `queue` waiting requests.
    pub fn new(workers: usize, queue: usize) -> Workers {
        Workers {
            permits: Arc::new(Semaphore::new(workers.max(1))),
            waiting: Arc::new(AtomicUsize::new(0)),
            queue,
        }
    }

    /// Requests waiting for a worker now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }

    /// Takes a place in the queue, or fails with 503 when it is full.
    pub fn admit(&self) -> Result<Admission, ApiError> {
        let before = self.waiting.fetch_add(1, Ordering::AcqRel);
        if before >= self.queue + self.permits.available_permits() {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::new(
                ErrorKind::Overloaded,
                format!(
                    "the server is busy: all workers are summarizing and {} requests are queued (the --queue limit); retry after the Retry-After delay",
                    self.queue
                ),
            ));
        }
        Ok(Admission { workers: self.clone(), queued: true })
    }

    /// Runs `job` once a worker is free, and waits for it: on this thread
    /// when it is small (`words` at most [`INLINE_WORDS`]), else on a
    /// blocking thread. A panic in `job` is answered as an internal error
    /// either way.
    pub async fn run<T: Send + 'static>(
        &self,
        admission: &mut Admission,
        words: usize,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        if words > INLINE_WORDS {
            return join(self.spawn(admission, job).await?).await;
        }
        let _permit = self.acquire(admission).await?;
        precis::record::catch_panic(job).map_err(|what| {
            tracing::error!("a summary job panicked: {what}");
            worker_failed()
        })
    }

    /// Waits for a worker, then leaves the queue.
    async fn acquire(&self, admission: &mut Admission) -> Result<OwnedSemaphorePermit, ApiError> {
        let permit = self.permits.clone().acquire_owned().await.map_err(|_| {
            ApiError::new(ErrorKind::Overloaded, "the server is shutting down; retry later")
        })?;
        if admission.queued {
            admission.queued = false;
            self.waiting.fetch_sub(1, Ordering::AcqRel);
        }
        Ok(permit)
    }

    /// Starts `job` on a blocking thread once a worker is free.
    ///
    /// The permit moves into the blocking task, so a job whose request timed
    /// out still counts against the pool until it finishes.
    pub async fn spawn<T: Send + 'static>(
        &self,
        admission: &mut Admission,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<JoinHandle<T>, ApiError> {
        let permit = self.acquire(admission).await?;
        Ok(tokio::task::spawn_blocking(move || {
            let _permit = permit;
            job()
        }))
    }
}

/// Waits for a job started by [`Workers::spawn`].
pub async fn join<T>(handle: JoinHandle<T>) -> Result<T, ApiError> {
    handle.await.map_err(|e| {
        tracing::error!(error = %e, "a summary worker panicked");
        worker_failed()
    })
}

/// The answer to a job that panicked.
fn worker_failed() -> ApiError {
    ApiError::new(
        ErrorKind::Internal,
        "a summary worker failed unexpectedly (a bug in precis); please report it with the request",
    )
}

/// Reads a request body of at most `limit` bytes within `timeout`.
pub async fn read_body(body: Body, limit: usize, timeout: Duration) -> Result<Bytes, ApiError> {
    let read = Limited::new(body, limit).collect();
    match tokio::time::timeout(timeout, read).await {
        Err(_) => Err(ApiError::new(
            ErrorKind::Timeout,
            format!("the request body did not arrive within {} s (the read timeout); send it faster or in a smaller request", timeout.as_secs()),
        )),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large(limit)),
        Ok(Err(e)) => Err(ApiError::new(
            ErrorKind::BadRequest,
            format!("could not read the request body: {e}"),
        )),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

/// The 413 answer for a body over `limit` bytes.
pub fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorKind::PayloadTooLarge,
        format!(
            "the request body exceeds the body limit of {limit} bytes (--body-limit); send fewer or shorter documents per request"
        ),
    )
}

/// Fails with 413 when the declared `Content-Length` is over `limit`, so
/// such a body is refused before any of it is read.
pub fn check_content_length(headers: &HeaderMap, limit: usize) -> Result<(), ApiError> {
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > limit as u64 => Err(too_large(limit)),
        _ => Ok(()),
    }
}

/// Counts what a request asks of the service, to check it against [`Limits`].
#[derive(Debug, Default)]
pub struct Usage {
    words: usize,
}

impl Usage {
    /// Adds one cluster; fails with 422 naming the limit it breaks.
    pub fn add_cluster<'a>(
        &mut self,
        limits: &Limits,
        cluster_id: &str,
        texts: impl ExactSizeIterator<Item = &'a str>,
    ) -> Result<(), ApiError> {
        if texts.len() > limits.documents_per_cluster {
            return Err(ApiError::new(
                ErrorKind::LimitExceeded,
                format!(
                    "cluster {cluster_id:?} has {} documents, over the limit of {} documents per cluster (--max-documents); split the cluster",
                    texts.len(),
                    limits.documents_per_cluster
                ),
            ));
        }
        for text in texts {
            self.words += text.split_whitespace().count();
        }
        if self.words > limits.words_per_request {
            return Err(ApiError::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the request has more than {} words (the limit of words per request, --max-words), reached in cluster {cluster_id:?}; send fewer or shorter documents per request",
                    limits.words_per_request
                ),
            ));
        }
        Ok(())
    }

    /// Words counted so far.
    pub fn words(&self) -> usize {
        self.words
    }
}

/// Checks the API key when one is configured: `Authorization: Bearer KEY`
/// or `X-API-Key: KEY`.
pub fn check_api_key(expected: Option<&str>, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = expected else { return Ok(()) };
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let header = headers.get("x-api-key").and_then(|v| v.to_str().ok());
    match bearer.or(header) {
        Some(given) if constant_time_eq(given.trim().as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            ErrorKind::Unauthorized,
            "the API key is wrong; send the key the server was started with (--api-key or PRECIS_API_KEY) as `Authorization: Bearer KEY`",
        )),
        None => Err(ApiError::new(
            ErrorKind::Unauthorized,
            "this server requires an API key; send it as `Authorization: Bearer KEY` or `X-API-Key: KEY`",
        )),
    }
}

/// Compares two byte strings in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_key_forms() {
        let mut h = HeaderMap::new();
        assert!(check_api_key(None, &h).is_ok());
        assert_eq!(check_api_key(Some("k1"), &h).unwrap_err().kind, ErrorKind::Unauthorized);
        h.insert("x-api-key", "k1".parse().unwrap());
        assert!(check_api_key(Some("k1"), &h).is_ok());
        assert!(check_api_key(Some("k2"), &h).is_err());
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer k1".parse().unwrap());
        assert!(check_api_key(Some("k1"), &h).is_ok());
        assert!(!constant_time_eq(b"k1", b"k10"));
    }

    #[test]
    fn usage_names_the_limit() {
        let limits = Limits { documents_per_cluster: 2, words_per_request: 5, ..Limits::default() };
        let mut u = Usage::default();
        let e = u.add_cluster(&limits, "c", ["a", "b", "c"].into_iter()).unwrap_err();
        assert!(e.message.contains("documents per cluster"), "{}", e.message);
        u.add_cluster(&limits, "c", ["one two", "three"].into_iter()).unwrap();
        assert_eq!(u.words(), 3);
        let e = u.add_cluster(&limits, "d", ["four five six"].into_iter()).unwrap_err();
        assert!(e.message.contains("words per request") && e.message.contains("\"d\""));
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().build().unwrap()
    }

    #[test]
    fn small_jobs_run_here_and_large_ones_on_a_blocking_thread() {
        let here = std::thread::current().id();
        let w = Workers::new(1, 2);
        runtime().block_on(async {
            let mut a = w.admit().unwrap();
            let small = w.run(&mut a, INLINE_WORDS, || std::thread::current().id()).await;
            assert_eq!(small.unwrap(), here);
            let mut b = w.admit().unwrap();
            let large = w.run(&mut b, INLINE_WORDS + 1, || std::thread::current().id()).await;
            assert_ne!(large.unwrap(), here);
            // Both gave their worker back and left the queue.
            assert_eq!(w.waiting(), 0);
            assert_eq!(w.permits.available_permits(), 1);
        });
    }

    #[test]
    fn a_panicking_job_is_an_internal_error_on_either_path() {
        let w = Workers::new(1, 2);
        runtime().block_on(async {
            for words in [1, INLINE_WORDS + 1] {
                let mut a = w.admit().unwrap();
                let e = w.run(&mut a, words, || -> u8 { panic!("boom") }).await.unwrap_err();
                assert_eq!(e.kind, ErrorKind::Internal, "{words} words");
                assert_eq!(w.permits.available_permits(), 1, "{words} words");
            }
        });
    }

    #[test]
    fn queue_admits_up_to_its_size() {
        let w = Workers::new(1, 2);
        let a = w.admit().unwrap();
        let b = w.admit().unwrap();
        let c = w.admit().unwrap();
        assert_eq!(w.admit().unwrap_err().kind, ErrorKind::Overloaded);
        drop((a, b, c));
        assert_eq!(w.waiting(), 0);
        assert!(w.admit().is_ok());
    }
}
