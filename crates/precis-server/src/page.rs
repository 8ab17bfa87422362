//! The web page (`GET /`), the API explorer (`GET /docs`) and their assets.
//!
//! Everything is plain HTML, CSS and JavaScript compiled into the binary
//! with `include_str!`: the page works with no network, and nothing is
//! downloaded at build or run time. `GET /example.json` is the bundled
//! example cluster (`examples/kerry-lavrov-syria`) as a summarize request.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::sync::Arc;

/// The page's HTML.
const INDEX_HTML: &str = include_str!("../assets/index.html");
/// The page's script.
const APP_JS: &str = include_str!("../assets/app.js");
/// Byte-offset to UTF-16 conversion, shared by the page and its Node test.
const SPANS_JS: &str = include_str!("../assets/spans.js");
/// The page's and the explorer's style sheet.
const STYLE_CSS: &str = include_str!("../assets/style.css");
/// The API explorer's HTML.
const DOCS_HTML: &str = include_str!("../assets/docs.html");
/// The API explorer's script.
const DOCS_JS: &str = include_str!("../assets/docs.js");

/// The example cluster's documents, by file name (the document ids the CLI
/// gives them).
const EXAMPLE: [(&str, &str); 5] = [
    (
        "000_55abfda64b0a8f41.txt",
        include_str!("../../../examples/kerry-lavrov-syria/000_55abfda64b0a8f41.txt"),
    ),
    (
        "001_71c92b7d1cb783fa.txt",
        include_str!("../../../examples/kerry-lavrov-syria/001_71c92b7d1cb783fa.txt"),
    ),
    (
        "002_bcf037691b4a3a80.txt",
        include_str!("../../../examples/kerry-lavrov-syria/002_bcf037691b4a3a80.txt"),
    ),
    (
        "003_b277b3c73f6e4e2e.txt",
        include_str!("../../../examples/kerry-lavrov-syria/003_b277b3c73f6e4e2e.txt"),
    ),
    (
        "004_2c385874befa4046.txt",
        include_str!("../../../examples/kerry-lavrov-syria/004_2c385874befa4046.txt"),
    ),
];

/// The example cluster's id, the directory name the CLI would use.
pub const EXAMPLE_ID: &str = "kerry-lavrov-syria";

/// The example cluster as a `/v1/summarize` request body.
pub fn example_request() -> serde_json::Value {
    let documents: Vec<_> =
        EXAMPLE.iter().map(|(id, text)| json!({"id": id, "text": text})).collect();
    json!({"id": EXAMPLE_ID, "documents": documents})
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body)
        .into_response()
}

/// The routes of the page and the explorer.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let example: Arc<str> = example_request().to_string().into();
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }))
        .route("/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/spans.js", get(|| async { asset("text/javascript; charset=utf-8", SPANS_JS) }))
        .route("/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }))
        .route("/docs", get(|| async { asset("text/html; charset=utf-8", DOCS_HTML) }))
        .route("/docs.js", get(|| async { asset("text/javascript; charset=utf-8", DOCS_JS) }))
        .route(
            "/example.json",
            get(move || {
                let example = example.clone();
                async move {
                    ([(header::CONTENT_TYPE, "application/json")], example.to_string())
                        .into_response()
                }
            }),
        )
}
