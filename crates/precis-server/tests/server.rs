//! Integration tests: a real server on 127.0.0.1 port 0, real HTTP clients.
//!
//! Every endpoint, every limit and status code, many clients at once, and
//! graceful shutdown.

use precis::render::{Json, Render};
use precis::{Budget, Cluster, Document, Method, Summarizer};
use precis_server::{Config, Limits, Server};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// A server running on its own runtime in a background thread.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Running {
    fn start(limits: Limits, api_key: Option<&str>) -> Running {
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            limits,
            api_key: api_key.map(str::to_owned),
        };
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let server = Server::bind(config).await.unwrap();
                addr_tx.send(server.local_addr()).unwrap();
                server
                    .run(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(30)).unwrap();
        Running { addr, stop: Some(stop), thread: Some(thread) }
    }

    fn default() -> Running {
        Running::start(Limits::default(), None)
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Stops the server and waits until `run` has returned.
    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// An answer: status, headers we look at, body.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Asserts an error answer of `status` and `error_type` whose message
    /// contains `needle`.
    fn assert_error(&self, status: u16, error_type: &str, needle: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        let v = self.json();
        assert_eq!(v["error_type"], error_type, "{}", self.body);
        let msg = v["error"].as_str().unwrap();
        assert!(msg.contains(needle), "{needle:?} not in {msg:?}");
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let status = r.status().as_u16();
    let body = r.body_mut().with_config().limit(64 << 20).read_to_string().unwrap();
    Answer { status, headers, body }
}

fn get(s: &Running, path: &str) -> Answer {
    answer(agent().get(&s.url(path)).call().unwrap())
}

fn post(s: &Running, path: &str, body: &str) -> Answer {
    post_with(s, path, body, &[])
}

fn post_with(s: &Running, path: &str, body: &str, headers: &[(&str, &str)]) -> Answer {
    let mut req = agent().post(&s.url(path)).header("content-type", "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    answer(req.send(body).unwrap())
}

/// The bundled example as the CLI reads it: `precis summarize examples/kerry-lavrov-syria`.
fn example_cluster() -> Cluster {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/kerry-lavrov-syria");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let docs = names
        .iter()
        .map(|n| Document::new(n.clone(), std::fs::read_to_string(format!("{dir}/{n}")).unwrap()))
        .collect();
    Cluster::new("kerry-lavrov-syria", docs)
}

fn request_for(cluster: &Cluster, parameters: Value) -> Value {
    let documents: Vec<Value> =
        cluster.documents.iter().map(|d| json!({"id": d.id, "text": d.text})).collect();
    json!({"id": cluster.id, "documents": documents, "parameters": parameters})
}

/// What `precis summarize DIR --format json` prints, as JSON.
fn cli_json(cluster: &Cluster, method: Method, budget: Budget) -> Value {
    let summary = Summarizer::builder()
        .method(method)
        .budget(budget)
        .build()
        .unwrap()
        .summarize(cluster)
        .unwrap();
    let mut out = String::new();
    Json.render(&summary, &mut out);
    serde_json::from_str(&out).unwrap()
}

/// A raw connection, for clients that misbehave.
fn raw(s: &Running) -> TcpStream {
    let c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    c
}

/// Reads an HTTP/1.1 answer's status line and everything up to EOF or
/// `Content-Length`.
fn read_status(c: &mut TcpStream) -> (u16, String) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match c.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if buf.is_empty() => panic!("no answer: {e}"),
            Err(_) => break,
        }
        let text = String::from_utf8_lossy(&buf);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let len = text[..head_end].lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            });
            if len.is_some_and(|n| buf.len() >= head_end + 4 + n) {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

#[test]
fn health_info_metrics_openapi_and_page() {
    let s = Running::default();
    let h = get(&s, "/health");
    assert_eq!((h.status, h.json()["status"].clone()), (200, json!("ok")));
    let info = get(&s, "/info").json();
    assert_eq!(info["name"], "precis");
    assert_eq!(info["limits"]["body_bytes"], 2 * 1024 * 1024);
    // The size limits of every front end: the CLI's defaults (README.md).
    assert_eq!(info["limits"]["document_bytes"], 4 << 20);
    assert_eq!(info["limits"]["cluster_bytes"], 16 << 20);
    assert_eq!(info["methods"].as_array().unwrap().len(), Method::ALL.len());
    assert_eq!(info["api_key_required"], false);

    let api = get(&s, "/openapi.json");
    assert_eq!(api.status, 200);
    let api = api.json();
    for path in
        ["/v1/summarize", "/v1/summarize/batch", "/v1/rouge", "/health", "/info", "/metrics"]
    {
        assert!(api["paths"][path].is_object(), "{path} missing from the OpenAPI document");
    }
    assert!(api["components"]["schemas"]["SummarizeRequest"].is_object());

    let page = get(&s, "/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    assert!(page.body.contains("<script src=\"/app.js\">"));
    for (path, kind) in [
        ("/app.js", "text/javascript"),
        ("/spans.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/docs", "text/html"),
        ("/docs.js", "text/javascript"),
    ] {
        let a = get(&s, path);
        assert_eq!(a.status, 200, "{path}");
        assert!(a.header("content-type").unwrap().starts_with(kind), "{path}");
        assert!(a.body.len() > 200, "{path} is nearly empty");
    }
    // The explorer and the page load nothing from elsewhere.
    for path in ["/", "/docs", "/app.js", "/docs.js", "/style.css"] {
        let body = get(&s, path).body;
        assert!(
            !body.contains("http://") && !body.contains("https://"),
            "{path} refers to the network"
        );
    }
    let example = get(&s, "/example.json").json();
    assert_eq!(example["id"], "kerry-lavrov-syria");
    assert_eq!(example["documents"].as_array().unwrap().len(), example_cluster().documents.len());

    post(&s, "/v1/summarize", &request_for(&example_cluster(), json!({})).to_string());
    let m = get(&s, "/metrics");
    assert!(m.header("content-type").unwrap().starts_with("text/plain"));
    for needle in [
        "precis_requests_total{route=\"/health\",status=\"200\"} 1",
        "precis_requests_total{route=\"/v1/summarize\",status=\"200\"} 1",
        "precis_request_duration_seconds_bucket{le=",
        "precis_requests_in_flight 1",
        "precis_clusters_total 1",
        "precis_words_total ",
        "precis_queue_waiting 0",
    ] {
        assert!(m.body.contains(needle), "{needle:?} not in\n{}", m.body);
    }
}

#[test]
fn summaries_equal_the_clis() {
    let s = Running::default();
    let cluster = example_cluster();
    for (method, budget, params) in [
        (Method::Auto, Budget::words(100), json!({})),
        (Method::LexRank, Budget::words(60), json!({"method": "lexrank", "words": 60})),
        (Method::Lead, Budget::sentences(2), json!({"method": "LEAD", "sentences": 2})),
        (
            Method::Ilp,
            Budget::bytes(400).with_fill(true),
            json!({"method": "ilp", "bytes": 400, "fill": true}),
        ),
    ] {
        let a = post(&s, "/v1/summarize", &request_for(&cluster, params).to_string());
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.json(), cli_json(&cluster, method, budget), "{method:?}");
        assert!(a.header("x-compute-time").unwrap().parse::<f64>().unwrap() >= 0.0);
        assert!(a.header("x-request-id").unwrap().starts_with("precis-"));
    }
    // A client's own request id is kept.
    let a = post_with(
        &s,
        "/v1/summarize",
        &request_for(&cluster, json!({})).to_string(),
        &[("x-request-id", "abc-1")],
    );
    assert_eq!(a.header("x-request-id"), Some("abc-1"));
    // explain adds an explanation to each sentence.
    let a = post(
        &s,
        "/v1/summarize",
        &request_for(&cluster, json!({"explain": true, "method": "centroid"})).to_string(),
    );
    for x in a.json()["sentences"].as_array().unwrap() {
        let why = &x["explain"];
        assert!(why["text"].as_str().unwrap().contains("Place "), "{why}");
        assert!(why["place"]["rule"].is_string(), "{why}");
        assert!(why["contributions"].is_array(), "{why}");
    }
}

#[test]
fn sources_give_texts_and_dropped_pieces_with_byte_spans() {
    let s = Running::default();
    // Non-ASCII text before and inside the chosen sentences, and furniture.
    let a = "Advertisement\n\nZürich — Der Außenminister traf am Dienstag in Genf seinen Kollegen, um über den Krieg zu sprechen und eine Lösung zu finden.\n\nDie Gespräche dauerten drei Stunden und endeten ohne Einigung über die nächsten Schritte der Verhandlungen.\n\nAdvertisement\n";
    let b = "Ministers met in Genève on Tuesday — the talks about the war lasted three hours and ended without agreement, officials said.\n\nBoth sides said they would meet again next month in Zürich to continue the negotiations on a ceasefire.\n";
    let body = json!({"id": "ü", "documents": [{"id": "a", "text": a}, {"id": "b", "text": b}], "parameters": {"sentences": 3, "sources": true}});
    let r = post(&s, "/v1/summarize", &body.to_string());
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["text"], a);
    let texts = [a, b];
    let sentences = v["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    for sent in sentences {
        let doc = if sent["document"] == "a" { 0 } else { 1 };
        let (start, end) = (
            sent["span"]["start"].as_u64().unwrap() as usize,
            sent["span"]["end"].as_u64().unwrap() as usize,
        );
        let slice = texts[doc].get(start..end).expect("span on character boundaries");
        assert_eq!(precis::collapse_whitespace(slice), sent["text"].as_str().unwrap());
    }
    let dropped = docs[0]["dropped"].as_array().unwrap();
    assert!(!dropped.is_empty(), "the Advertisement lines are dropped: {}", docs[0]);
    for d in dropped {
        let (start, end) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert!(a.get(start..end).is_some());
        assert!(["boilerplate", "repeated", "headline"].contains(&d["reason"].as_str().unwrap()));
    }
    assert!(dropped.iter().any(|d| &a[d["span"]["start"].as_u64().unwrap() as usize
        ..d["span"]["end"].as_u64().unwrap() as usize]
        == "Advertisement"));
    // Without `sources`, no documents.
    let body = json!({"documents": [{"text": b}]});
    assert!(post(&s, "/v1/summarize", &body.to_string()).json().get("documents").is_none());
}

#[test]
fn html_documents_are_extracted() {
    let s = Running::default();
    let html = "<html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav><article><p>Ministers met in Geneva on Tuesday, and the talks about the war lasted three hours without an agreement, officials said.</p><p>Both sides said they would meet again next month to continue the negotiations on a ceasefire in the region.</p></article><footer>Copyright 2026</footer></body></html>";
    let body = json!({"documents": [{"id": "page.html", "html": html}], "parameters": {"sentences": 1, "sources": true}});
    let v = post(&s, "/v1/summarize", &body.to_string()).json();
    let text = v["documents"][0]["text"].as_str().unwrap();
    assert!(text.contains("Ministers met in Geneva") && !text.contains("<p>"), "{text}");
    assert_eq!(v["sentences"][0]["document"], "page.html");
    let both = json!({"documents": [{"id": "x", "html": html, "text": "t"}]});
    post(&s, "/v1/summarize", &both.to_string()).assert_error(422, "validation", "not both");
    let neither = json!({"documents": [{"id": "x"}]});
    post(&s, "/v1/summarize", &neither.to_string()).assert_error(422, "validation", "neither");
}

#[test]
fn batch_answers_in_order_with_errors_in_place() {
    let s = Running::default();
    let cluster = example_cluster();
    let good = request_for(&cluster, json!(null));
    let body = json!({
        "clusters": [
            {"id": good["id"], "documents": good["documents"]},
            {"id": "empty", "documents": [{"id": "a", "text": "  "}]},
            {"documents": [{"id": "bin", "text": "a\u{0}b"}]},
            {"id": "again", "documents": good["documents"]},
        ],
        "parameters": {"method": "lexrank", "words": 50}
    });
    let a = post(&s, "/v1/summarize/batch", &body.to_string());
    assert_eq!(a.status, 200, "{}", a.body);
    let items = a.json();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 4);
    let expected = cli_json(&cluster, Method::LexRank, Budget::words(50));
    assert_eq!(items[0], expected);
    assert_eq!(items[1]["id"], "empty");
    assert_eq!(items[1]["error_type"], "validation");
    assert!(items[1]["error"].as_str().unwrap().contains("has no document with text"));
    assert_eq!(items[2]["id"], "cluster-3");
    assert!(items[2]["error"].as_str().unwrap().contains("looks binary"));
    let mut again = expected.clone();
    again["id"] = json!("again");
    assert_eq!(items[3], again);
    // Parameters fail the whole request.
    let bad = json!({"clusters": [], "parameters": {"method": "nope"}});
    post(&s, "/v1/summarize/batch", &bad.to_string()).assert_error(
        422,
        "validation",
        "unknown method",
    );
}

#[test]
fn rouge_protocols() {
    let s = Running::default();
    let reference = "Kerry met Lavrov in Moscow on Tuesday.\nThey discussed the war in Syria.";
    let body = json!({"protocol": "multinews", "pairs": [
        {"id": "same", "prediction": reference, "references": [reference]},
        {"prediction": "Nothing in common here.", "references": [reference]}
    ]});
    let a = post(&s, "/v1/rouge", &body.to_string());
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    assert_eq!(v["pairs"][0]["id"], "same");
    assert_eq!(v["pairs"][1]["id"], "2");
    for metric in ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum", "ROUGE-SU4"] {
        let f1 = v["pairs"][0]["scores"][metric]["f1"].as_f64().unwrap();
        assert!((f1 - 1.0).abs() < 1e-9, "{metric} {f1}");
        let avg = v["average"][metric]["f1"].as_f64().unwrap();
        let other = v["pairs"][1]["scores"][metric]["f1"].as_f64().unwrap();
        assert!((avg - (1.0 + other) / 2.0).abs() < 1e-9);
    }
    let duc = json!({"protocol": "duc", "pairs": [{"prediction": reference, "references": [reference, "Another reference about Kerry and Lavrov."]}]});
    let v = post(&s, "/v1/rouge", &duc.to_string()).json();
    assert!(v["average"]["ROUGE-4"].is_object() && v["average"]["ROUGE-SU4"].is_object(), "{v}");
    let explicit = json!({"protocol": "rouge155", "flags": "-n 2 -m -x", "pairs": [{"prediction": reference, "references": [reference]}]});
    let v = post(&s, "/v1/rouge", &explicit.to_string()).json();
    assert_eq!(
        v["average"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["ROUGE-1", "ROUGE-2"]
    );
    for (body, needle) in [
        (json!({"protocol": "bleu", "pairs": []}), "unknown protocol"),
        (json!({"protocol": "rouge155", "pairs": []}), "needs `flags`"),
        (json!({"protocol": "rouge155", "flags": "-n 2 -r 99999999", "pairs": []}), "bootstrap"),
        (json!({"protocol": "rouge155", "flags": "-q", "pairs": []}), "flags"),
        (json!({"protocol": "duc", "flags": "-n 2", "pairs": []}), "fixes its options"),
        (
            json!({"protocol": "duc", "pairs": [{"id": "p", "prediction": "x", "references": []}]}),
            "\"p\" has no references",
        ),
    ] {
        post(&s, "/v1/rouge", &body.to_string()).assert_error(422, "validation", needle);
    }
}

#[test]
fn bad_requests_answer_json_errors() {
    let s = Running::default();
    post(&s, "/v1/summarize", "{not json").assert_error(400, "bad_request", "is not valid JSON");
    post(&s, "/v1/summarize", "{}").assert_error(422, "validation", "missing field `documents`");
    post(&s, "/v1/summarize", r#"{"documents": [], "extra": 1}"#).assert_error(
        422,
        "validation",
        "unknown field `extra`",
    );
    post(&s, "/v1/summarize", r#"{"id": "c7", "documents": []}"#).assert_error(
        422,
        "validation",
        "cluster \"c7\" has no documents",
    );
    // The core's wording, as the CLI prints it.
    let empty = json!({"id": "c8", "documents": [{"id": "a", "text": ""}]});
    let core = precis::Error::EmptyCluster { cluster: "c8".into() }.to_string();
    post(&s, "/v1/summarize", &empty.to_string()).assert_error(422, "validation", &core);
    let p = |params: Value| {
        json!({"documents": [{"text": "Some text here."}], "parameters": params}).to_string()
    };
    post(&s, "/v1/summarize", &p(json!({"method": "magic"}))).assert_error(
        422,
        "validation",
        "unknown method \"magic\"; choose one of lead",
    );
    post(&s, "/v1/summarize", &p(json!({"words": 10, "bytes": 10}))).assert_error(
        422,
        "validation",
        "at most one of",
    );
    post(&s, "/v1/summarize", &p(json!({"words": 0}))).assert_error(
        422,
        "validation",
        "budget must be at least 1",
    );
    post(&s, "/v1/summarize", &p(json!({"words": -3}))).assert_error(422, "validation", "words");
    // Document metadata reaches the core, which checks dates.
    let dated = json!({"id": "c9", "documents": [{"id": "a", "text": "Kerry met Lavrov in Moscow on Tuesday to talk about the war.", "title": "Talks", "date": "not a date", "url": "https://example.invalid/a", "source": "Agency"}]});
    post(&s, "/v1/summarize", &dated.to_string()).assert_error(422, "validation", "\"a\"");
    let dated = json!({"id": "c9", "documents": [{"id": "a", "text": "Kerry met Lavrov in Moscow on Tuesday to talk about the war.", "date": "2015-12-15"}]});
    assert_eq!(post(&s, "/v1/summarize", &dated.to_string()).status, 200);
    get(&s, "/nowhere").assert_error(404, "not_found", "no route GET /nowhere");
    get(&s, "/v1/summarize").assert_error(
        405,
        "method_not_allowed",
        "GET is not allowed on /v1/summarize",
    );
}

#[test]
fn limits_answer_413_and_422_naming_the_limit() {
    let limits = Limits {
        body_bytes: 10_000,
        documents_per_cluster: 3,
        words_per_request: 500,
        clusters_per_batch: 2,
        ..Limits::default()
    };
    let s = Running::start(limits, None);
    let big = json!({"documents": [{"text": "word ".repeat(3000)}]}).to_string();
    post(&s, "/v1/summarize", &big).assert_error(
        413,
        "payload_too_large",
        "body limit of 10000 bytes",
    );
    // Without a Content-Length (chunked), the limit holds while reading.
    let mut c = raw(&s);
    write!(c, "POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    for _ in 0..12 {
        let chunk = "x".repeat(1000);
        if write!(c, "{:x}\r\n{chunk}\r\n", chunk.len()).is_err() {
            break;
        }
    }
    let (status, text) = read_status(&mut c);
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("payload_too_large"));

    let docs = |n: usize| {
        (0..n)
            .map(|i| json!({"text": format!("Document {i} says a few words.")}))
            .collect::<Vec<_>>()
    };
    let four = json!({"id": "big", "documents": docs(4)}).to_string();
    post(&s, "/v1/summarize", &four).assert_error(
        422,
        "limit_exceeded",
        "over the limit of 3 documents per cluster",
    );
    let wordy = json!({"id": "w", "documents": [{"text": "word ".repeat(501)}]}).to_string();
    post(&s, "/v1/summarize", &wordy).assert_error(422, "limit_exceeded", "more than 500 words");
    let batch = json!({"clusters": [{"documents": docs(1)}, {"documents": docs(1)}, {"documents": docs(1)}]}).to_string();
    post(&s, "/v1/summarize/batch", &batch).assert_error(
        422,
        "limit_exceeded",
        "over the limit of 2 clusters per batch",
    );
    // In a batch, a cluster over the per-cluster limit fails alone.
    let batch = json!({"clusters": [{"id": "wide", "documents": docs(4)}, {"documents": docs(2)}]})
        .to_string();
    let items = post(&s, "/v1/summarize/batch", &batch).json();
    assert_eq!(items[0]["error_type"], "limit_exceeded");
    assert_eq!(items[1]["id"], "cluster-2");
    assert!(items[1]["sentences"].is_array());
    // The words limit is the whole request's.
    let batch = json!({"clusters": [{"documents": [{"text": "word ".repeat(300)}]}, {"documents": [{"text": "word ".repeat(300)}]}]}).to_string();
    post(&s, "/v1/summarize/batch", &batch).assert_error(
        422,
        "limit_exceeded",
        "words per request",
    );
    let rouge = json!({"protocol": "duc", "pairs": [{"prediction": "word ".repeat(300), "references": ["word ".repeat(300)]}]}).to_string();
    post(&s, "/v1/rouge", &rouge).assert_error(422, "limit_exceeded", "words per request");
}

#[test]
fn a_body_limit_above_the_cluster_limit_lets_in_no_more_than_the_cli() {
    // With the body and words limits raised past the core's size limits,
    // those still hold, with the CLI's message naming the document.
    let limits =
        Limits { body_bytes: 32 << 20, words_per_request: usize::MAX, ..Limits::default() };
    let s = Running::start(limits, None);
    let over = "a".repeat((4 << 20) + 1);
    let one = json!({"id": "big", "documents": [{"id": "a", "text": over}]}).to_string();
    post(&s, "/v1/summarize", &one).assert_error(
        422,
        "limit_exceeded",
        "cluster \"big\", documents[0] (\"a\") has 4.0 MiB of text, more than the limit of 4.0 MiB per document; split the document",
    );
    // In a batch, the cluster over the limit fails alone.
    let small = json!({"documents": [{"text": "Kerry met Lavrov in Moscow on Tuesday."}]});
    let batch = json!({"clusters": [{"id": "big", "documents": [{"text": over}]}, small]});
    let items = post(&s, "/v1/summarize/batch", &batch.to_string()).json();
    assert_eq!(items[0]["error_type"], "limit_exceeded");
    assert!(items[0]["error"].as_str().unwrap().contains("per document"), "{}", items[0]);
    assert!(items[1]["sentences"].is_array(), "{}", items[1]);
}

#[test]
fn api_key_guards_the_api() {
    let s = Running::start(Limits::default(), Some("s3cret"));
    let body = request_for(&example_cluster(), json!({"words": 40})).to_string();
    let a = post(&s, "/v1/summarize", &body);
    a.assert_error(401, "unauthorized", "requires an API key");
    assert_eq!(a.header("www-authenticate"), Some("Bearer"));
    post_with(&s, "/v1/summarize", &body, &[("authorization", "Bearer nope")]).assert_error(
        401,
        "unauthorized",
        "wrong",
    );
    post_with(&s, "/v1/rouge", "{}", &[("x-api-key", "nope")]).assert_error(
        401,
        "unauthorized",
        "wrong",
    );
    assert_eq!(
        post_with(&s, "/v1/summarize", &body, &[("authorization", "Bearer s3cret")]).status,
        200
    );
    assert_eq!(post_with(&s, "/v1/summarize", &body, &[("x-api-key", "s3cret")]).status, 200);
    // Probes and the page stay open; /info says a key is needed.
    assert_eq!(get(&s, "/health").status, 200);
    assert_eq!(get(&s, "/").status, 200);
    assert_eq!(get(&s, "/info").json()["api_key_required"], true);
}

/// Sends a request's headers and the first part of its body, then waits.
fn start_slow_post(s: &Running, body: &str) -> TcpStream {
    let mut c = raw(s);
    write!(
        c,
        "POST /v1/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    c.flush().unwrap();
    c
}

#[test]
fn a_full_queue_answers_503_with_retry_after() {
    let limits = Limits { workers: 1, queue: 0, ..Limits::default() };
    let s = Running::start(limits, None);
    let body = request_for(&example_cluster(), json!({"words": 40})).to_string();
    // A request whose body is still arriving holds the only place.
    let mut slow = start_slow_post(&s, &body);
    thread::sleep(Duration::from_millis(300));
    let a = post(&s, "/v1/summarize", &body);
    a.assert_error(503, "overloaded", "busy");
    assert_eq!(a.header("retry-after"), Some("1"));
    // GET routes are not queued.
    assert_eq!(get(&s, "/health").status, 200);
    // Once the slow request finishes, the place is free again.
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    let (status, _) = read_status(&mut slow);
    assert_eq!(status, 200);
    assert_eq!(post(&s, "/v1/summarize", &body).status, 200);
}

#[test]
fn slow_clients_time_out() {
    let limits = Limits {
        read_timeout: Duration::from_millis(400),
        request_timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let s = Running::start(limits, None);
    // Headers that never end: the connection is closed.
    let mut c = raw(&s);
    c.write_all(b"POST /v1/summarize HTTP/1.1\r\nHost: x\r\n").unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    let n = c.read(&mut buf).unwrap_or(0);
    assert!(
        n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"),
        "{}",
        String::from_utf8_lossy(&buf[..n])
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // A body that stops arriving: 503 with the read timeout named.
    let body = request_for(&example_cluster(), json!({})).to_string();
    let mut c = start_slow_post(&s, &body);
    let (status, text) = read_status(&mut c);
    assert_eq!(status, 503, "{text}");
    assert!(
        text.contains("read timeout") && text.to_ascii_lowercase().contains("retry-after: 1"),
        "{text}"
    );

    // The per-request time limit.
    let limits = Limits {
        read_timeout: Duration::from_secs(30),
        request_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let s = Running::start(limits, None);
    let mut c = start_slow_post(&s, &body);
    let (status, text) = read_status(&mut c);
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("\"timeout\"") && text.contains("time limit"), "{text}");
}

#[test]
fn many_clients_at_once_get_the_clis_answers() {
    let limits = Limits { queue: 256, ..Limits::default() };
    let s = Running::start(limits, None);
    let cluster = example_cluster();
    let cases: Vec<(Value, Value)> =
        [(Method::Auto, 100), (Method::Lead, 50), (Method::LexRank, 80), (Method::Centroid, 60)]
            .into_iter()
            .map(|(m, w)| {
                (
                    request_for(&cluster, json!({"method": m.name(), "words": w})),
                    cli_json(&cluster, m, Budget::words(w)),
                )
            })
            .collect();
    let cases = std::sync::Arc::new(cases);
    let url = s.url("/v1/summarize");
    let clients: Vec<_> = (0..32)
        .map(|i| {
            let cases = cases.clone();
            let url = url.clone();
            thread::spawn(move || {
                let agent = agent();
                for k in 0..4 {
                    let (req, expected) = &cases[(i + k) % cases.len()];
                    let a = answer(
                        agent
                            .post(&url)
                            .header("content-type", "application/json")
                            .send(req.to_string())
                            .unwrap(),
                    );
                    assert_eq!(a.status, 200, "{}", a.body);
                    assert_eq!(&a.json(), expected);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    let m = get(&s, "/metrics").body;
    assert!(m.contains("precis_requests_total{route=\"/v1/summarize\",status=\"200\"} 128"), "{m}");
}

#[test]
fn shutdown_finishes_requests_in_flight() {
    let mut s = Running::default();
    let body = request_for(&example_cluster(), json!({"words": 40})).to_string();
    let mut slow = start_slow_post(&s, &body);
    thread::sleep(Duration::from_millis(200));
    // Ask the server to stop while the request is in flight.
    let stop = s.stop.take().unwrap();
    stop.send(()).unwrap();
    thread::sleep(Duration::from_millis(200));
    // New connections are refused...
    assert!(TcpStream::connect(s.addr).is_err(), "the listener should be closed");
    // ...while the one in flight is answered.
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    let (status, text) = read_status(&mut slow);
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("\"sentences\""));
    // And the server has stopped.
    s.thread.take().unwrap().join().unwrap();
}

/// The property names of schema `name` of `api`, with those of the
/// schemas it combines (`allOf`, as a flattened field gives).
fn schema_properties(api: &Value, name: &str) -> Vec<String> {
    let schema = &api["components"]["schemas"][name];
    assert!(schema.is_object(), "no schema {name}");
    let mut names: Vec<String> =
        schema["properties"].as_object().map_or(Vec::new(), |p| p.keys().cloned().collect());
    for part in schema["allOf"].as_array().into_iter().flatten() {
        if let Some(r) = part["$ref"].as_str() {
            names.extend(schema_properties(api, r.trim_start_matches("#/components/schemas/")));
        }
        names.extend(part["properties"].as_object().into_iter().flatten().map(|(k, _)| k.clone()));
    }
    names
}

#[test]
fn openapi_describes_the_summary_the_core_writes() {
    let s = Running::default();
    let api = get(&s, "/openapi.json").json();
    let summary = post(
        &s,
        "/v1/summarize",
        &request_for(&example_cluster(), json!({"sources": true, "explain": true, "fill": true}))
            .to_string(),
    )
    .json();
    let documented = |name: &str, value: &Value| {
        let properties = schema_properties(&api, name);
        for key in value.as_object().unwrap().keys() {
            assert!(properties.contains(key), "the OpenAPI schema {name} lacks {key}");
        }
    };
    documented("SummarizeResponse", &summary);
    documented("SummarySentence", &summary["sentences"][0]);
    documented("Explanation", &summary["sentences"][0]["explain"]);
    documented("Place", &summary["sentences"][0]["explain"]["place"]);
    documented("Budget", &summary["budget"]);
    documented("SourceDocument", &summary["documents"][0]);
    // The response's schema is the core's own summary, not a copy.
    let response = &api["paths"]["/v1/summarize"]["post"]["responses"]["200"];
    let body = &response["content"]["application/json"]["schema"]["$ref"];
    assert_eq!(body, "#/components/schemas/SummarizeResponse", "{response}");
    assert!(schema_properties(&api, "SummarizeResponse").contains(&"sentences".to_owned()));
}

/// A request's document object with every field the core reads.
fn document_json(d: &Document) -> Value {
    json!({"id": d.id, "text": d.text, "title": d.title, "date": d.date, "url": d.url, "source": d.source})
}

#[test]
fn query_earlier_documents_and_metadata_reach_the_core() {
    let s = Running::default();
    let example = example_cluster();
    // The last two articles were read before; the first three are new, with
    // metadata (dates reorder documents for reading and `lead`).
    let mut new: Vec<Document> = example.documents[..3].to_vec();
    for (i, d) in new.iter_mut().enumerate() {
        d.title = Some(format!("Headline {i}"));
        d.date = Some(format!("2015-12-{:02}", 17 - i));
        d.url = Some(format!("https://example.com/{i}"));
        d.source = Some("Wire".into());
    }
    let earlier = example.documents[3..].to_vec();
    let query = "What did Kerry and Lavrov say about the Syrian opposition?";
    let plain = Cluster::new("update", new.clone());
    let cluster = plain.clone().with_query(query).with_earlier(earlier.clone());
    for method in [Method::Auto, Method::Lead, Method::LexRank] {
        let budget = Budget::words(60);
        let expected = cli_json(&cluster, method, budget);
        // The test can fail: the query and earlier documents change this summary.
        if method == Method::Auto {
            assert_ne!(expected, cli_json(&plain, method, budget));
        }
        let params = json!({"method": method.name(), "words": 60});
        let body = json!({
            "id": "update",
            "documents": new.iter().map(document_json).collect::<Vec<_>>(),
            "query": query,
            "earlier_documents": earlier.iter().map(document_json).collect::<Vec<_>>(),
            "parameters": params,
        });
        let a = post(&s, "/v1/summarize", &body.to_string());
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.json(), expected, "{method:?}");
        // The batch reads each cluster's own query and earlier documents.
        let mut one = body.clone();
        one.as_object_mut().unwrap().remove("parameters");
        let mut generic = one.clone();
        generic.as_object_mut().unwrap().remove("query");
        generic.as_object_mut().unwrap().remove("earlier_documents");
        let batch = json!({"clusters": [one, generic], "parameters": params});
        let a = post(&s, "/v1/summarize/batch", &batch.to_string());
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.json()[0], expected, "{method:?}");
        assert_eq!(a.json()[1], cli_json(&plain, method, budget), "{method:?}");
    }
    // A blank query is refused with the core's message; in a batch, in place.
    let mut body = request_for(&plain, json!({}));
    body["query"] = json!("  ");
    post(&s, "/v1/summarize", &body.to_string()).assert_error(422, "validation", "query is empty");
    let batch = json!({"clusters": [{"id": "q", "documents": body["documents"], "query": ""}]});
    let a = post(&s, "/v1/summarize/batch", &batch.to_string());
    assert_eq!(a.json()[0]["error_type"], "validation", "{}", a.body);
    // A bad date names the cluster and the document.
    let mut body = request_for(&plain, json!({}));
    body["documents"][1]["date"] = json!("yesterday");
    let a = post(&s, "/v1/summarize", &body.to_string());
    a.assert_error(422, "validation", "not an ISO 8601 date");
    assert!(a.body.contains(&plain.documents[1].id), "{}", a.body);
    // An earlier document without text says which list it is in.
    let mut body = request_for(&plain, json!({}));
    body["earlier_documents"] = json!([{"id": "e1"}]);
    post(&s, "/v1/summarize", &body.to_string()).assert_error(
        422,
        "validation",
        "earlier_documents[0] (\"e1\") has neither",
    );
}

#[test]
fn openapi_documents_query_earlier_documents_and_metadata() {
    let s = Running::default();
    let api = get(&s, "/openapi.json").json();
    let schemas = &api["components"]["schemas"];
    for name in ["SummarizeRequest", "ClusterRequest"] {
        for field in ["query", "earlier_documents"] {
            assert!(schemas[name]["properties"].get(field).is_some(), "{name} lacks {field}");
        }
    }
    for field in ["title", "date", "url", "source"] {
        assert!(schemas["DocumentRequest"]["properties"].get(field).is_some(), "{field}");
    }
}

/// Every string of `value` (keys too), with the JSON path to it.
fn strings(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((path.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings(v, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                out.push((format!("{path} (key)"), k.clone()));
                strings(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// True when `text` holds rustdoc link syntax: an intra-doc link
/// ``[`X`]``, or a link whose target is a Rust path (`[x](crate::x)`,
/// `[x][Summary]`) rather than a URL.
fn has_rustdoc_link(text: &str) -> bool {
    let rust_path = |target: &str| {
        !target.contains("://")
            && (target.contains("::")
                || target.chars().all(|c| c.is_ascii_alphanumeric() || "_`()".contains(c)))
    };
    let targets = |sep: &str, end: char| {
        text.match_indices(sep)
            .map(|(i, _)| {
                let rest = &text[i + 2..];
                rest.find(end).map_or(rest, |e| &rest[..e]).to_owned()
            })
            .collect::<Vec<_>>()
    };
    text.contains("[`")
        || targets("](", ')').iter().any(|t| rust_path(t))
        || targets("][", ']').iter().any(|t| rust_path(t))
}

#[test]
fn openapi_has_no_rustdoc_links() {
    // Descriptions come from doc comments, the core's among them; a service
    // user reading the API page cannot follow rustdoc's links.
    let s = Running::default();
    let api = get(&s, "/openapi.json").json();
    let mut all = Vec::new();
    strings(&api, "", &mut all);
    assert!(all.len() > 100, "the walk missed the document: {} strings", all.len());
    let bad: Vec<_> = all.iter().filter(|(_, text)| has_rustdoc_link(text)).collect();
    assert!(bad.is_empty(), "rustdoc links in /openapi.json: {bad:#?}");
    assert!(has_rustdoc_link("below [`THRESHOLD`]") && has_rustdoc_link("[x](crate::x)"));
    assert!(!has_rustdoc_link("[the paper](https://example.org) and `THRESHOLD`"));
}

#[test]
fn openapi_method_and_protocol_names_are_the_services() {
    let s = Running::default();
    let api = get(&s, "/openapi.json").json();
    let schemas = &api["components"]["schemas"];
    let info = get(&s, "/info").json();
    let sorted = |v: &Value| {
        let mut names: Vec<String> =
            v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
        names.sort();
        names
    };
    assert_eq!(sorted(&schemas["Method"]["enum"]), sorted(&info["methods"]));
    assert_eq!(sorted(&schemas["RougeProtocolName"]["enum"]), sorted(&info["rouge_protocols"]));
}

#[test]
fn openapi_request_examples_are_answered() {
    let s = Running::default();
    let api = get(&s, "/openapi.json").json();
    let schemas = &api["components"]["schemas"];
    for (schema, route) in [
        ("SummarizeRequest", "/v1/summarize"),
        ("BatchRequest", "/v1/summarize/batch"),
        ("RougeRequest", "/v1/rouge"),
    ] {
        let example = &schemas[schema]["example"];
        assert!(example.is_object(), "{schema} has no example");
        let a = post(&s, route, &example.to_string());
        assert_eq!(a.status, 200, "{schema}: {}", a.body);
        if route == "/v1/summarize/batch" {
            assert!(
                a.json().as_array().unwrap().iter().all(|x| x.get("error").is_none()),
                "{}",
                a.body
            );
        }
    }
}
