//! HTML documents: the article text of a web page.
//!
//! The extraction itself belongs to the core (`precis::ingest::extract_html`);
//! this module only adapts its result and errors for the CLI.

use crate::BadInput;
use anyhow::Result;

/// The article text of the HTML page `html`, read from document `id`.
pub fn extract(id: &str, html: &str) -> Result<String> {
    // The core's extractor is not in this build yet.
    let _ = html;
    Err(BadInput(format!("document {id:?} is HTML, which this build of precis cannot read yet; convert it to plain text")).into())
}
