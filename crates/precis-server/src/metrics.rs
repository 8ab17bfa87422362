//! `GET /metrics`: Prometheus text exposition of what the service did.
//!
//! - `precis_requests_total{route, status}`: answered requests;
//! - `precis_request_duration_seconds{route}`: latency histogram;
//! - `precis_requests_in_flight`: requests being answered now;
//! - `precis_queue_waiting`: requests waiting for a summary worker;
//! - `precis_clusters_total`, `precis_words_total`: clusters summarized and
//!   the words of their documents.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Labels of the per-request counters.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteStatus {
    /// The matched route (`/v1/summarize`), or `unmatched`.
    pub route: String,
    /// The HTTP status code.
    pub status: u16,
}

/// Labels of the latency histogram.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabel {
    /// The matched route.
    pub route: String,
}

/// Every metric the service keeps, and the registry that prints them.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    /// Answered requests by route and status.
    pub requests: Family<RouteStatus, Counter>,
    /// Latency by route.
    pub latency: Family<RouteLabel, Histogram>,
    /// Requests being answered.
    pub in_flight: Gauge,
    /// Requests waiting for a worker.
    pub waiting: Gauge,
    /// Clusters summarized.
    pub clusters: Counter,
    /// Words of the documents of summarized clusters.
    pub words: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("precis");
        let requests = Family::<RouteStatus, Counter>::default();
        // 0.5 ms to about 33 s, doubling.
        let latency = Family::<RouteLabel, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 17))
        });
        let (in_flight, waiting) = (Gauge::default(), Gauge::default());
        let (clusters, words) = (Counter::default(), Counter::default());
        registry.register("requests", "Requests answered, by route and status", requests.clone());
        registry.register(
            "request_duration_seconds",
            "Time from request to response, by route",
            latency.clone(),
        );
        registry.register("requests_in_flight", "Requests being answered now", in_flight.clone());
        registry.register(
            "queue_waiting",
            "Requests waiting for a summary worker",
            waiting.clone(),
        );
        registry.register("clusters", "Clusters summarized", clusters.clone());
        registry.register("words", "Words in the documents of summarized clusters", words.clone());
        Metrics { registry, requests, latency, in_flight, waiting, clusters, words }
    }
}

impl Metrics {
    /// Records one answered request.
    pub fn observe(&self, route: &str, status: u16, seconds: f64) {
        self.requests.get_or_create(&RouteStatus { route: route.to_owned(), status }).inc();
        self.latency.get_or_create(&RouteLabel { route: route.to_owned() }).observe(seconds);
    }

    /// The Prometheus text exposition.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_exposition_names_every_metric() {
        let m = Metrics::default();
        m.observe("/v1/summarize", 200, 0.01);
        m.clusters.inc();
        m.words.inc_by(120);
        let text = m.encode();
        for needle in [
            "precis_requests_total{route=\"/v1/summarize\",status=\"200\"} 1",
            "precis_request_duration_seconds_count{route=\"/v1/summarize\"} 1",
            "precis_requests_in_flight 0",
            "precis_clusters_total 1",
            "precis_words_total 120",
        ] {
            assert!(text.contains(needle), "{needle} missing from\n{text}");
        }
    }
}
