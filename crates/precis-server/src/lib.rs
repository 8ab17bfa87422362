//! precis as an HTTP service, and the web page it serves.
//!
//! # Brief overview
//!
//! [`Server::bind`] takes a [`Config`] (address, [`Limits`], optional API
//! key) and [`Server::run`] serves until a shutdown signal, finishing the
//! requests in flight. [`run`] is what `precis serve` calls: it sets up
//! logging and a runtime and stops on SIGTERM or Ctrl-C.
//!
//! The crate is glue around the core, one module per concern:
//! [`routes`] (handlers, router, the OpenAPI derivation), [`openapi`] (the
//! document served, its descriptions cleaned of rustdoc links), [`api`] (request and response
//! types), [`limits`] (body limit, queue, workers, API key), [`error`] (one
//! JSON error shape, one status mapping), [`metrics`] (Prometheus text) and
//! [`page`] (the embedded web page and API explorer). Summaries come from
//! [`precis::Summarizer`] and are serialized as the core's
//! [`precis::Summary`], the JSON the CLI writes.
//!
//! Connections are served by hyper directly (not `axum::serve`) so that a
//! client that is slow to send its headers is cut off after
//! [`Limits::read_timeout`]; bodies get the same limit in
//! [`limits::read_body`].
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let config = precis_server::Config { addr: "127.0.0.1:0".parse().unwrap(), ..Default::default() };
//! let server = precis_server::Server::bind(config).await?;
//! println!("listening on {}", server.local_addr());
//! server.run(async { let _ = tokio::signal::ctrl_c().await; }).await
//! # }
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod error;
pub mod limits;
pub mod metrics;
pub mod openapi;
pub mod page;
pub mod routes;

pub use limits::Limits;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen. Default `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// The limits.
    pub limits: Limits,
    /// When set, `/v1/*` answers 401 without this key.
    pub api_key: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            limits: Limits::default(),
            api_key: None,
        }
    }
}

/// A bound server, ready to run.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    app: axum::Router,
    limits: Limits,
}

impl Server {
    /// Binds the listening socket.
    pub async fn bind(config: Config) -> io::Result<Server> {
        let listener = TcpListener::bind(config.addr).await.map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot listen on {}: {e}; choose another --addr", config.addr),
            )
        })?;
        let state = Arc::new(routes::AppState {
            workers: limits::Workers::new(config.limits.workers, config.limits.queue),
            limits: config.limits.clone(),
            metrics: metrics::Metrics::default(),
            api_key: config.api_key.filter(|k| !k.is_empty()),
        });
        Ok(Server { listener, app: routes::router(state), limits: config.limits })
    }

    /// The address it listens on (the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        // A bound listener always has an address.
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    /// Serves until `shutdown` completes, then stops accepting connections
    /// and waits (at most [`Limits::shutdown_grace`]) for the requests in
    /// flight to be answered.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let graceful = GracefulShutdown::new();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new()).header_read_timeout(self.limits.read_timeout);
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = self.listener.accept() => {
                    let (stream, peer) = match accepted {
                        Ok(c) => c,
                        Err(e) => {
                            // Out of file descriptors and the like: wait a
                            // moment rather than spin.
                            tracing::warn!(error = %e, "accept failed");
                            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    let _ = stream.set_nodelay(true);
                    let service = TowerToHyperService::new(self.app.clone());
                    let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                    tokio::spawn(async move {
                        if let Err(e) = connection.await {
                            tracing::debug!(%peer, error = %e, "connection ended with an error");
                        }
                    });
                }
                () = &mut shutdown => break,
            }
        }
        drop(self.listener);
        tracing::info!("shutting down: finishing the requests in flight");
        tokio::select! {
            () = graceful.shutdown() => tracing::info!("all requests answered; stopped"),
            () = tokio::time::sleep(self.limits.shutdown_grace) => {
                tracing::warn!("requests still in flight after the shutdown grace period; stopping anyway");
            }
        }
        Ok(())
    }
}

/// Runs the server until SIGTERM or Ctrl-C: what `precis serve` does.
///
/// Logs go to standard error (`RUST_LOG` filters them, default `info`);
/// the first line says where the server listens.
pub fn run(config: Config) -> io::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(ansi)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let server = Server::bind(config).await?;
        tracing::info!("listening on http://{}", server.local_addr());
        server.run(shutdown_signal()).await
    })
}

/// Completes on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
