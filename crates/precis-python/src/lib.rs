//! Python bindings of precis: the native module `precis._native`.
//!
//! # Brief overview
//!
//! The Python package `precis` (its pure-Python part is in `python/precis/`)
//! calls this module for all the work; this crate only converts at the
//! boundary:
//!
//! - `summarize`: `Summarizer` (a configured `precis::Summarizer`), the
//!   immutable `Summary` and `Sentence` results (the core's
//!   [`precis::Summary`], with byte spans turned into character offsets),
//!   and `summarize_lines`, the CLI's JSONL batch records for Spark and Ray.
//! - `rouge`: `RougeScorer` over [`precis::eval::rouge_score`] and
//!   `rouge155` over [`precis::eval::rouge155`].
//! - `error`: the exception classes, and the one conversion of the core's
//!   [`precis::Error`] into them.
//! - `parallel`: an ordered parallel map on scoped threads.
//!
//! Work on more than one text releases the GIL. No thread, pool or lock
//! outlives a call, so the module is safe to use in a child process after
//! `fork` (Spark and Ray workers fork), whatever the parent did before.
//!
//! Output is never formatted here: summaries go through the core's serde
//! types and renderers, so `Summary.to_dict()` is the CLI's JSON and gains
//! whatever fields the core gains.

use pyo3::prelude::*;

mod error;
mod parallel;
mod rouge;
mod summarize;

/// The native module, imported by the `precis` package as `precis._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    summarize::register(m)?;
    rouge::register(m)?;
    Ok(())
}
