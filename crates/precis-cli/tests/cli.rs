//! Integration tests of the `precis` binary, as one test binary whose
//! modules are the other files in this directory (as in ripgrep).
//!
//! - `example`: the bundled example cluster in every format and budget.
//! - `batch`: JSONL batches, plain and gzipped, with failing records.
//! - `stdin`: documents separated by `|||||` on standard input.
//! - `bad_input`: every kind of bad input gets a message naming it.
//! - `html`: web pages with and without an article, in every input form.
//! - `regression`: the defects of issue 10's hostile trial, one by one.
//! - `library`: properties of the library on arbitrary text.
//! - `rouge`: `precis rouge` and `precis eval` on small gold sets.
//! - `stream`: `precis cluster` and `eval --protocol stream` on article streams.
//! - `metadata`: document titles, dates, URLs and sources in JSONL input.
//! - `serve`: `precis serve` answers as `precis summarize` and stops on SIGTERM.
//! - `off_event`: documents about another event, listed and left out.

mod bad_input;
mod batch;
mod context;
mod example;
mod hay;
mod html;
mod library;
mod metadata;
mod off_event;
mod regression;
mod rouge;
mod serve;
mod stdin;
mod stream;
mod util;
