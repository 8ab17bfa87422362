//! precis: multi-document news summarization.
//!
//! # Brief overview
//!
//! A [`Cluster`] of [`Document`]s about one story goes through the pipeline:
//!
//! 1. [`ingest`]: clean each document into paragraphs (hard wraps rejoined,
//!    headlines and boilerplate dropped, repeats removed), keeping byte
//!    offsets into the original text.
//! 2. [`segment`]: split paragraphs into sentences.
//! 3. [`represent`]: tokens, stems, tf-idf vectors, near-duplicate groups.
//! 4. [`context`]: what the reader's query and the documents they read
//!    earlier make each sentence and concept worth.
//! 5. [`score`]: sentence salience (lead, centroid, LexRank, TextRank).
//! 6. [`select`]: pick sentences under a [`Budget`] without redundancy.
//! 7. [`compose`]: put the picks in reading order, cut the last one to fill
//!    the budget, name the other documents that carry each.
//! 8. [`render`]: text, Markdown, JSON.
//!
//! [`off_event`] finds the documents of a cluster that report another event
//! (their sentences are left out unless asked for).
//! [`story`] clusters a stream of articles into stories, online.
//!
//! [`record`] reads and writes the JSONL batch records every front end
//! shares (a line as a cluster, an error record in a failed cluster's
//! place).
//!
//! [`eval`] holds ROUGE and clustering scores; [`stem`] is NLTK's Porter stemmer, rewritten to be fast.
//! The library does no file or network I/O.
#![deny(missing_docs)]

pub mod context;
pub mod error;
pub mod eval;
pub mod facts;
pub mod ingest;
mod num;
pub mod off_event;
pub mod record;
pub mod render;
pub mod represent;
mod rng;
pub mod score;
pub mod segment;
pub mod select;
mod span;
pub mod stem;
pub mod story;
pub mod words;

pub use error::{Error, Result};
pub use ingest::{Cluster, DateError, DocDate, Document};
pub use off_event::OffEvent;
pub use span::Span;
pub mod compose;
mod summarize;
mod summary;

pub use compose::explain::Explanation;
pub use select::Budget;
pub use summarize::{
    collapse_whitespace, prepare, LearnedSelection, Prepared, Summarizer, SummarizerBuilder,
};
pub use summary::{Method, Summary, SummarySentence};
