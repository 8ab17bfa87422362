//! The exception classes, and the one place core errors become them.
//!
//! Every class derives from `precis.PrecisError`, itself a `ValueError`, so
//! callers can catch one kind (`except precis.BinaryDocumentError`) or all.
//! Each exception carries `cluster`, `document` and `index` attributes
//! (`None` when they do not apply): the cluster id, the document id, and the
//! cluster's position in a `summarize_many` call.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    precis,
    PrecisError,
    PyValueError,
    "A cluster could not be summarized, or a configuration is invalid."
);
create_exception!(
    precis,
    EmptyClusterError,
    PrecisError,
    "The cluster has no document with any text in it."
);
create_exception!(
    precis,
    NoSentencesError,
    PrecisError,
    "After cleaning, not one sentence of the cluster was left to summarize."
);
create_exception!(
    precis,
    BinaryDocumentError,
    PrecisError,
    "A document looks like binary data (NUL or control bytes) rather than text."
);
create_exception!(precis, HtmlError, PrecisError, "No article text was found in an HTML document.");
create_exception!(
    precis,
    DateError,
    PrecisError,
    "A document's date is not an ISO 8601 date or date-time."
);
create_exception!(
    precis,
    ConfigError,
    PrecisError,
    "A configuration value (budget, method, ROUGE option) is invalid."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("PrecisError", py.get_type::<PrecisError>())?;
    m.add("EmptyClusterError", py.get_type::<EmptyClusterError>())?;
    m.add("NoSentencesError", py.get_type::<NoSentencesError>())?;
    m.add("BinaryDocumentError", py.get_type::<BinaryDocumentError>())?;
    m.add("HtmlError", py.get_type::<HtmlError>())?;
    m.add("DateError", py.get_type::<DateError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    Ok(())
}

/// The Python exception for a core error raised on cluster `cluster`.
/// `index` is the cluster's position in a batch; when given, the message
/// starts with `clusters[index] ("id"): `.
pub fn to_py(py: Python<'_>, err: &precis::Error, cluster: &str, index: Option<usize>) -> PyErr {
    use precis::Error;
    let message = match index {
        Some(i) => format!("clusters[{i}] ({cluster:?}): {err}"),
        None => err.to_string(),
    };
    let (exception, document) = match err {
        Error::EmptyCluster { .. } => (EmptyClusterError::new_err(message), None),
        Error::NoSentences { .. } => (NoSentencesError::new_err(message), None),
        Error::Binary { document } => {
            (BinaryDocumentError::new_err(message), Some(document.as_str()))
        }
        Error::Html { document, .. } => (HtmlError::new_err(message), Some(document.as_str())),
        Error::Date { document, .. } => (DateError::new_err(message), Some(document.as_str())),
        Error::Config(_) => (ConfigError::new_err(message), None),
        _ => (PrecisError::new_err(message), None),
    };
    annotate(py, exception, Some(cluster), document, index)
}

/// Sets the `cluster`, `document` and `index` attributes of an exception.
pub fn annotate(
    py: Python<'_>,
    exception: PyErr,
    cluster: Option<&str>,
    document: Option<&str>,
    index: Option<usize>,
) -> PyErr {
    let value = exception.value(py);
    // Setting attributes on a fresh exception instance cannot fail.
    let _ = value.setattr("cluster", cluster);
    let _ = value.setattr("document", document);
    let _ = value.setattr("index", index);
    exception
}

/// A configuration error with `message`.
pub fn config(py: Python<'_>, message: String) -> PyErr {
    annotate(py, ConfigError::new_err(message), None, None, None)
}
