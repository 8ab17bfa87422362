//! The library's one error type.

use thiserror::Error;

/// Everything that can go wrong in the core library.
///
/// Most stages cannot fail: segmentation, scoring and selection take valid
/// input and return values. Only building a cluster from raw input and
/// validating configuration return errors.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The cluster has no document with any text in it.
    #[error("cluster {cluster:?} has no document with text; give at least one non-empty document")]
    EmptyCluster {
        /// Cluster id.
        cluster: String,
    },
    /// After cleaning, not one sentence is left to summarize.
    #[error("cluster {cluster:?} has no sentence left after cleaning (all text was boilerplate or empty); check the input documents")]
    NoSentences {
        /// Cluster id.
        cluster: String,
    },
    /// A document looks like binary data rather than text.
    #[error("document {document:?} looks binary (NUL or control bytes); give plain text or HTML")]
    Binary {
        /// Document id.
        document: String,
    },
    /// An HTML document in which no article text was found.
    #[error("document {document:?}: no article text found in the HTML: {reason}")]
    Html {
        /// Document id.
        document: String,
        /// What the extractor reported.
        reason: String,
    },
    /// The cluster's query is empty or only whitespace.
    #[error("cluster {cluster:?}: the query is empty; give a question, or leave `query` out for a generic summary")]
    EmptyQuery {
        /// Cluster id.
        cluster: String,
    },
    /// A document's `date` is not an ISO 8601 date or date-time.
    #[error("cluster {cluster:?}: document {document:?} has date {value:?}, which is not an ISO 8601 date or date-time: {reason}; write it like 2015-12-15 or 2015-12-15T10:30:00Z, or leave the date out")]
    Date {
        /// Cluster id.
        cluster: String,
        /// Document id.
        document: String,
        /// The date as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A configuration value is out of range.
    #[error("invalid configuration: {0}")]
    Config(String),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
