//! `precis serve`: the HTTP service and its web page.
//!
//! This module only turns flags into a [`precis_server::Config`] and starts
//! the server, which lives in its own crate (`crates/precis-server`).

use anyhow::{Context, Result};
use clap::Args;
use precis_server::{Config, Limits};
use std::net::SocketAddr;
use std::time::Duration;

/// Options of `precis serve`. Every limit defaults to [`Limits::default`].
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Require this key on /v1/* (`Authorization: Bearer KEY` or `X-API-Key: KEY`).
    #[arg(long, env = "PRECIS_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Largest request body in bytes (413 above it) [default: 2097152].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub body_limit: Option<u64>,
    /// Most documents per cluster (422 above it) [default: 1000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_documents: Option<u64>,
    /// Most words per request, over all its documents (422 above it) [default: 200000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_words: Option<u64>,
    /// Most clusters per batch request (422 above it) [default: 64].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_clusters: Option<u64>,
    /// Summaries computed at once [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub workers: Option<u64>,
    /// Requests that may wait for a worker; more are answered 503 with Retry-After [default: 64].
    #[arg(long, value_name = "N")]
    pub queue: Option<u64>,
    /// Per-request time limit in seconds (503 after it) [default: 30].
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: Option<u64>,
    /// Time a client has to send a request's headers or its body, in seconds [default: 10].
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub read_timeout: Option<u64>,
}

impl ServeArgs {
    /// The server configuration the flags ask for.
    pub fn config(&self) -> Config {
        let n = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        let d = Limits::default();
        let limits = Limits {
            body_bytes: self.body_limit.map_or(d.body_bytes, n),
            documents_per_cluster: self.max_documents.map_or(d.documents_per_cluster, n),
            words_per_request: self.max_words.map_or(d.words_per_request, n),
            clusters_per_batch: self.max_clusters.map_or(d.clusters_per_batch, n),
            workers: self.workers.map_or(d.workers, n),
            queue: self.queue.map_or(d.queue, n),
            request_timeout: self.timeout.map_or(d.request_timeout, Duration::from_secs),
            read_timeout: self.read_timeout.map_or(d.read_timeout, Duration::from_secs),
            ..d
        };
        Config { addr: self.addr, limits, api_key: self.api_key.clone() }
    }
}

/// Runs the server until SIGTERM or Ctrl-C.
pub fn run(args: &ServeArgs) -> Result<crate::Status> {
    precis_server::run(args.config()).context("the server stopped with an error")?;
    Ok(crate::Status::Success)
}
