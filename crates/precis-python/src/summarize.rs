//! Summaries: the `Summarizer`, `Summary` and `Sentence` classes, and the
//! JSONL batch records of `precis::record`.
//!
//! `Summary` and `Sentence` wrap the core's [`Summary`] and
//! [`SummarySentence`]; `to_dict()` and the pickled state are their serde
//! serialization, and a field the core adds is reachable as an attribute
//! (through `__getattr__`) before it gets a typed getter here.

use crate::{error, parallel};
use precis::record::{self, catch_panic, ErrorRecord};
use precis::render::{Json, JsonLine, Render};
use precis::{Budget, Cluster, Document, Method, Span, Summarizer, Summary, SummarySentence};
use pyo3::exceptions::{PyAttributeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use serde::Serialize;

/// Adds the classes and functions of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySummarizer>()?;
    m.add_class::<PySummary>()?;
    m.add_class::<PySentence>()?;
    m.add_function(wrap_pyfunction!(summary_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_from_state, m)?)?;
    // The core's size limits, which every call here enforces.
    m.add("MAX_DOCUMENT_BYTES", record::MAX_DOCUMENT_BYTES)?;
    m.add("MAX_CLUSTER_BYTES", record::MAX_CLUSTER_BYTES)?;
    Ok(())
}

/// A document as the Python side hands it over: id, text, and the other
/// fields of a mapping as a JSON object (`None` when there are none).
type DocumentIn = (String, String, Option<String>);

/// A cluster as the Python side hands it over: id, documents, the query
/// (if any) and the documents read before.
type ClusterIn = (String, Vec<DocumentIn>, Option<String>, Vec<DocumentIn>);

/// Builds a core [`Document`]. Extra fields go through the core's serde
/// derive, so whatever metadata the core reads (title, date, ...) is read
/// here too, and the others are ignored as the CLI ignores them.
fn document(
    cluster: &str,
    field: &str,
    i: usize,
    (id, text, extra): DocumentIn,
) -> Result<Document, String> {
    let Some(extra) = extra else { return Ok(Document::new(id, text)) };
    let fail = |e: serde_json::Error| {
        format!("cluster {cluster:?}: {field}[{i}] ({id:?}): {e}; give a mapping with str \"id\" and \"text\" and the metadata precis reads")
    };
    let mut object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&extra).map_err(fail)?;
    object.insert("id".into(), serde_json::Value::String(id.clone()));
    object.insert("text".into(), serde_json::Value::String(text));
    serde_json::from_value(serde_json::Value::Object(object)).map_err(fail)
}

/// A cluster that could not be built: its id, the message, and the
/// exception to raise with it (`ValueError` for a document the core cannot
/// read, `PrecisError` for one over the size limits).
type BuildError = (String, String, fn(String) -> PyErr);

/// Builds a core [`Cluster`] and checks it against the core's size limits,
/// those of the CLI's defaults and the service.
fn cluster((id, documents, query, earlier): ClusterIn) -> Result<Cluster, BuildError> {
    let docs: Result<Vec<Document>, String> =
        documents.into_iter().enumerate().map(|(i, d)| document(&id, "documents", i, d)).collect();
    let earlier: Result<Vec<Document>, String> =
        earlier.into_iter().enumerate().map(|(i, d)| document(&id, "earlier", i, d)).collect();
    match (docs, earlier) {
        (Ok(docs), Ok(earlier)) => {
            let mut cluster = Cluster::new(id, docs).with_earlier(earlier);
            cluster.query = query;
            match record::Limits::DEFAULT.check_cluster(&cluster) {
                Ok(()) => Ok(cluster),
                Err(message) => Err((cluster.id, message, error::PrecisError::new_err)),
            }
        }
        (Err(message), _) | (_, Err(message)) => Err((id, message, PyValueError::new_err)),
    }
}

/// Why a cluster has no summary.
enum Failure {
    /// The core refused it.
    Core(precis::Error),
    /// The core panicked: a bug in precis.
    Panic(String),
}

/// Summarizes, turning a panic into a [`Failure`] so that one cluster
/// cannot take a batch down.
fn run(summarizer: &Summarizer, cluster: &Cluster) -> Result<Summary, Failure> {
    match catch_panic(|| summarizer.summarize(cluster)) {
        Ok(Ok(summary)) => Ok(summary),
        Ok(Err(e)) => Err(Failure::Core(e)),
        Err(what) => Err(Failure::Panic(what)),
    }
}

impl Failure {
    fn to_py(&self, py: Python<'_>, cluster: &str, index: Option<usize>) -> PyErr {
        match self {
            Failure::Core(e) => error::to_py(py, e, cluster, index),
            Failure::Panic(what) => {
                let at =
                    index.map(|i| format!("clusters[{i}] ({cluster:?}): ")).unwrap_or_default();
                error::annotate(
                    py,
                    error::PrecisError::new_err(format!(
                        "{at}internal error (a bug in precis; please report it with this cluster): {what}"
                    )),
                    Some(cluster),
                    None,
                    index,
                )
            }
        }
    }
}

/// A configured summarizer (the native half of `precis.Summarizer`).
#[pyclass(frozen, module = "precis._native", name = "Summarizer")]
pub struct PySummarizer {
    inner: Summarizer,
}

#[pymethods]
impl PySummarizer {
    /// A summarizer for `method` under a budget of `limit` `unit`s
    /// ("words", "bytes" or "sentences").
    #[new]
    fn new(
        py: Python<'_>,
        method: &str,
        unit: &str,
        limit: usize,
        fill: bool,
        explain: bool,
    ) -> PyResult<Self> {
        let method: Method =
            method.parse().map_err(|e: precis::Error| error::config(py, e.to_string()))?;
        let budget = match unit {
            "words" => Budget::words(limit),
            "bytes" => Budget::bytes(limit),
            "sentences" => Budget::sentences(limit),
            _ => {
                return Err(error::config(
                    py,
                    format!("unknown budget unit {unit:?}; give words, bytes or sentences"),
                ))
            }
        };
        let inner = Summarizer::builder()
            .method(method)
            .budget(budget.with_fill(fill))
            .explain(explain)
            .build()
            .map_err(|e| error::config(py, e.to_string()))?;
        Ok(PySummarizer { inner })
    }

    /// Summarizes one cluster, without the GIL: its documents, for a
    /// reader asking `query` who has read `earlier`.
    #[pyo3(signature = (id, documents, query=None, earlier=Vec::new()))]
    fn summarize(
        &self,
        py: Python<'_>,
        id: String,
        documents: Vec<DocumentIn>,
        query: Option<String>,
        earlier: Vec<DocumentIn>,
    ) -> PyResult<PySummary> {
        let cluster =
            cluster((id, documents, query, earlier)).map_err(|(id, message, raise)| {
                error::annotate(py, raise(message), Some(&id), None, None)
            })?;
        match py.detach(|| run(&self.inner, &cluster)) {
            Ok(summary) => PySummary::new(py, summary, &cluster),
            Err(failure) => Err(failure.to_py(py, &cluster.id, None)),
        }
    }

    /// Summarizes clusters on `threads` threads without the GIL; in input
    /// order, each a `Summary` or, for a cluster that failed, the exception
    /// instance that says why.
    fn summarize_many(
        &self,
        py: Python<'_>,
        clusters: Vec<ClusterIn>,
        threads: usize,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let built: Vec<Result<Cluster, BuildError>> = clusters.into_iter().map(cluster).collect();
        let outcomes = py.detach(|| {
            parallel::map_with(
                &built,
                threads,
                || (),
                |_, c| c.as_ref().ok().map(|c| run(&self.inner, c)),
            )
        });
        let mut out = Vec::with_capacity(built.len());
        for (i, (built, outcome)) in built.iter().zip(outcomes).enumerate() {
            let item = match (built, outcome) {
                (Ok(c), Some(Ok(summary))) => {
                    Py::new(py, PySummary::new(py, summary, c)?)?.into_any()
                }
                (Ok(c), Some(Err(failure))) => {
                    failure.to_py(py, &c.id, Some(i)).into_value(py).into_any()
                }
                (Err((id, message, raise)), _) => {
                    let e = raise(format!("clusters[{i}] ({id:?}): {message}"));
                    error::annotate(py, e, Some(id), None, Some(i)).into_value(py).into_any()
                }
                // An outcome is missing only for a cluster that failed to build.
                (Ok(c), None) => error::annotate(
                    py,
                    error::PrecisError::new_err(format!(
                        "clusters[{i}] ({:?}): not summarized (a bug in precis)",
                        c.id
                    )),
                    Some(&c.id),
                    None,
                    Some(i),
                )
                .into_value(py)
                .into_any(),
            };
            out.push(item);
        }
        Ok(out)
    }

    /// The CLI's `--format jsonl` output for lines of a JSONL batch file:
    /// for each `(line number, line without its newline)`, the record `precis summarize FILE
    /// --format jsonl` writes for it (ending in a newline), an error record
    /// for a line that cannot be summarized, or `None` for a blank line.
    /// Runs on `threads` threads without the GIL.
    fn summarize_lines(
        &self,
        py: Python<'_>,
        lines: Vec<(usize, String)>,
        threads: usize,
    ) -> Vec<Option<String>> {
        py.detach(|| {
            parallel::map_with(
                &lines,
                threads,
                || (),
                |_, (number, line)| record_line(&self.inner, *number, line),
            )
        })
    }

    fn __repr__(&self) -> String {
        let b = self.inner.budget();
        format!(
            "Summarizer(method={:?}, {}={}, fill={})",
            self.inner.method().name(),
            serde_json::to_value(b.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            b.limit,
            if b.fill { "True" } else { "False" }
        )
    }
}

/// `text.chars().count()` up to byte offset `at` (clamped into the text).
fn chars_before(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].chars().count()
}

/// The character offsets of byte span `span` of `text`.
fn char_span(text: &str, span: Span) -> (usize, usize) {
    let start = chars_before(text, span.start());
    let end = chars_before(text, span.end());
    (start, end)
}

/// What `__reduce__` returns: the function that rebuilds an object, and its arguments.
type Reduced<'py, Args> = (Bound<'py, PyAny>, Args);

/// A pickled summary: its JSON and its sentences' character offsets.
type SummaryState = (String, Vec<(usize, usize)>);

/// A summary: the core's [`Summary`] with character offsets.
#[pyclass(frozen, module = "precis", name = "Summary")]
pub struct PySummary {
    inner: Summary,
    sentences: Py<PyTuple>,
}

impl PySummary {
    fn new(py: Python<'_>, summary: Summary, cluster: &Cluster) -> PyResult<PySummary> {
        let spans: Vec<(usize, usize)> = summary
            .sentences
            .iter()
            .map(|s| {
                cluster
                    .documents
                    .iter()
                    .find(|d| d.id == s.document)
                    .map_or((0, 0), |d| char_span(&d.text, s.span))
            })
            .collect();
        PySummary::with_spans(py, summary, &spans)
    }

    fn with_spans(
        py: Python<'_>,
        summary: Summary,
        spans: &[(usize, usize)],
    ) -> PyResult<PySummary> {
        let sentences: Vec<Py<PySentence>> = summary
            .sentences
            .iter()
            .zip(spans)
            .map(|(s, &(start, end))| Py::new(py, PySentence { inner: s.clone(), start, end }))
            .collect::<PyResult<_>>()?;
        Ok(PySummary { inner: summary, sentences: PyTuple::new(py, sentences)?.unbind() })
    }

    fn spans(&self, py: Python<'_>) -> Vec<(usize, usize)> {
        self.sentences
            .bind(py)
            .iter()
            .map(|s| s.cast::<PySentence>().map_or((0, 0), |s| (s.get().start, s.get().end)))
            .collect()
    }
}

/// `json.loads(text)`: a JSON value as Python objects, keys in the order
/// serde wrote them.
fn json_loads(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    Ok(py.import("json")?.getattr("loads")?.call1((text,))?.unbind())
}

/// The field `name` of `value`'s serialization, as a Python object; for
/// wire fields that have no typed getter yet.
fn wire_field<T: Serialize>(
    py: Python<'_>,
    value: &T,
    name: &str,
    class: &str,
) -> PyResult<Py<PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    match json.get(name) {
        Some(field) => json_loads(py, &field.to_string()),
        None => {
            Err(PyAttributeError::new_err(format!("'{class}' object has no attribute '{name}'")))
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymethods]
impl PySummary {
    /// The cluster id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The summary's title: the best headline of the cluster's articles
    /// (never an off-event one's), else a short form of the first sentence.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// The method, as the JSON wire format names it.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.name()
    }

    /// The budget: `{"unit": "words"|"bytes"|"sentences", "limit": int, "fill": bool}`.
    #[getter]
    fn budget(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_loads(py, &to_json(&self.inner.budget)?)
    }

    /// The sentences, in reading order.
    #[getter]
    fn sentences(&self, py: Python<'_>) -> Py<PyTuple> {
        self.sentences.clone_ref(py)
    }

    /// What the user should know (skipped empty documents, a one-sentence cluster).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.warnings)
    }

    /// Documents left out as reporting another event than the cluster's,
    /// in cluster order: `{"document", "reason", "score"}` dicts (the wire
    /// format's `off_event`).
    #[getter]
    fn off_event(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_loads(py, &to_json(&self.inner.off_event)?)
    }

    /// The sentences joined by newlines.
    #[getter]
    fn text(&self) -> String {
        self.inner.text()
    }

    /// Number of whitespace-separated words.
    #[getter]
    fn word_count(&self) -> usize {
        self.inner.word_count()
    }

    /// The summary as the CLI's `--format json` prints it, as Python objects.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_loads(py, &to_json(&self.inner)?)
    }

    /// The text `precis summarize --format json` prints for this summary.
    fn to_json(&self) -> String {
        let mut out = String::new();
        Json.render(&self.inner, &mut out);
        out
    }

    /// The line `precis summarize --format jsonl` writes for this summary.
    fn to_jsonl(&self) -> String {
        let mut out = String::new();
        JsonLine.render(&self.inner, &mut out);
        out
    }

    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        wire_field(py, &self.inner, name, "Summary")
    }

    fn __len__(&self) -> usize {
        self.inner.sentences.len()
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PySummary>) -> bool {
        let other = other.get();
        self.inner == other.inner && self.spans(py) == other.spans(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "Summary(id={:?}, method={:?}, sentences={}, words={})",
            self.inner.id,
            self.inner.method.name(),
            self.inner.sentences.len(),
            self.inner.word_count()
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, SummaryState>> {
        let restore = py.import("precis._native")?.getattr("_summary_from_state")?;
        Ok((restore, (to_json(&self.inner)?, self.spans(py))))
    }
}

/// One sentence of a summary: the core's [`SummarySentence`] with character offsets.
#[pyclass(frozen, module = "precis", name = "Sentence")]
pub struct PySentence {
    inner: SummarySentence,
    start: usize,
    end: usize,
}

#[pymethods]
impl PySentence {
    /// The sentence as the reporter wrote it, whitespace runs collapsed.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// Id of the document it is taken from.
    #[getter]
    fn document(&self) -> &str {
        &self.inner.document
    }

    /// Character offset of the sentence in its document's text.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// Character offset one past the sentence's end.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// The UTF-8 byte span `(start, end)`, as the wire format's `span`.
    #[getter]
    fn byte_span(&self) -> (usize, usize) {
        (self.inner.span.start(), self.inner.span.end())
    }

    /// The method's score for the sentence.
    #[getter]
    fn score(&self) -> f64 {
        self.inner.score
    }

    /// Ids of the other documents that carry the same content (the wire
    /// format's `provenance`).
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.provenance)
    }

    /// True when the sentence was cut to fill the budget.
    #[getter]
    fn cut(&self) -> bool {
        self.inner.cut
    }

    /// Why the sentence is there and where it stands, in words, when
    /// explanations were asked for (the wire format's `explain.text`;
    /// `to_dict()["explain"]` has the structured fields).
    #[getter]
    fn explain(&self) -> Option<&str> {
        self.inner.explain.as_ref().map(|e| e.text.as_str())
    }

    /// The sentence object of the CLI's JSON, as Python objects.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_loads(py, &to_json(&self.inner)?)
    }

    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        wire_field(py, &self.inner, name, "Sentence")
    }

    fn __eq__(&self, other: &Bound<'_, PySentence>) -> bool {
        let other = other.get();
        self.inner == other.inner && (self.start, self.end) == (other.start, other.end)
    }

    fn __repr__(&self) -> String {
        format!(
            "Sentence(text={:?}, document={:?}, start={}, end={}, score={})",
            self.inner.text, self.inner.document, self.start, self.end, self.inner.score
        )
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (String, usize, usize))> {
        let restore = py.import("precis._native")?.getattr("_sentence_from_state")?;
        Ok((restore, (to_json(&self.inner)?, self.start, self.end)))
    }
}

/// Unpickles a `Summary`.
#[pyfunction]
#[pyo3(name = "_summary_from_state")]
fn summary_from_state(
    py: Python<'_>,
    json: &str,
    spans: Vec<(usize, usize)>,
) -> PyResult<PySummary> {
    let summary: Summary = serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("not a pickled precis.Summary: {e}")))?;
    PySummary::with_spans(py, summary, &spans)
}

/// Unpickles a `Sentence`.
#[pyfunction]
#[pyo3(name = "_sentence_from_state")]
fn sentence_from_state(json: &str, start: usize, end: usize) -> PyResult<PySentence> {
    let inner: SummarySentence = serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("not a pickled precis.Sentence: {e}")))?;
    Ok(PySentence { inner, start, end })
}

// The JSONL batch records, as `precis summarize FILE --format jsonl` reads
// and writes them: the core's `precis::record`, which the CLI calls too, so
// the two cannot drift apart.

/// The size limits of `summarize_lines`: the core's, the CLI's default
/// `--max-document-mb` and `--max-line-mb`, so that a Spark or Ray job
/// refuses exactly the lines `precis summarize` refuses.
const LIMITS: record::Limits = record::Limits::DEFAULT;

/// The CLI's output for one line (without its line break): a summary
/// record, an error record, or `None` for a blank line.
fn record_line(summarizer: &Summarizer, number: usize, line: &str) -> Option<String> {
    if line.bytes().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    match record::summarize_line(summarizer, line.as_bytes().to_vec(), LIMITS, |_| ()) {
        Ok(summary) => {
            let mut out = String::new();
            JsonLine.render(&summary, &mut out);
            Some(out)
        }
        Err(failure) => Some(ErrorRecord::new(number, failure).json_line()),
    }
}
