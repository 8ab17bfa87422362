//! The summary value every front end renders.

use crate::compose::explain::Explanation;
use crate::select::Budget;
use crate::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A summarization method.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Method {
    /// The first sentences of each document, round-robin.
    Lead,
    /// MEAD-style centroid scoring (Radev et al. 2004).
    Centroid,
    /// Continuous LexRank (Erkan & Radev 2004).
    LexRank,
    /// TextRank (Mihalcea & Tarau 2004).
    TextRank,
    /// Submodular coverage and diversity (Lin & Bilmes 2011).
    Submodular,
    /// Exact concept coverage (Gillick & Favre 2009).
    Ilp,
    /// Learned scoring: two small neural networks trained on Multi-News
    /// training data (the term model, `score::terms`, and the sentence
    /// model, `score::learned`) predict each sentence's ROUGE, and sentences
    /// are added greedily while they raise the expected ROUGE F1
    /// (`select::expected`, the default `LearnedSelection`).
    Learned,
    /// The best configuration measured on the tuning data.
    Auto,
}

impl Method {
    /// Every method, in the order tables list them.
    pub const ALL: &'static [Method] = &[
        Method::Lead,
        Method::Centroid,
        Method::LexRank,
        Method::TextRank,
        Method::Submodular,
        Method::Ilp,
        Method::Learned,
        Method::Auto,
    ];

    /// The method's name as the CLI and JSON spell it.
    pub fn name(self) -> &'static str {
        match self {
            Method::Lead => "lead",
            Method::Centroid => "centroid",
            Method::LexRank => "lexrank",
            Method::TextRank => "textrank",
            Method::Submodular => "submodular",
            Method::Ilp => "ilp",
            Method::Learned => "learned",
            Method::Auto => "auto",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Method, crate::Error> {
        let lower = s.trim().to_ascii_lowercase();
        Method::ALL.iter().copied().find(|m| m.name() == lower).ok_or_else(|| {
            let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
            crate::Error::Config(format!(
                "unknown method {s:?}; choose one of {}",
                names.join(", ")
            ))
        })
    }
}

/// One sentence of a summary, with where it came from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence as the reporter wrote it (whitespace runs collapsed);
    /// for a cut sentence, the part kept.
    pub text: String,
    /// Id of the document the sentence is taken from.
    pub document: String,
    /// Byte span of `text` in that document's original text.
    pub span: Span,
    /// The method's score for the sentence.
    pub score: f64,
    /// Ids of the other documents that carry the same content, in cluster order.
    pub provenance: Vec<String>,
    /// True when the sentence was cut to fit the budget (fill mode).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
    /// Why the sentence is in the summary and where it stands, when
    /// explanations were asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// A cluster's summary.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The cluster id.
    pub id: String,
    /// A headline for the summary: the best headline of the cluster's
    /// articles (the one most about what the summary says, never one of an
    /// off-event document) when ingest found headlines, else a short form
    /// of the first sentence; empty only when the summary is empty and no
    /// article has a headline (see [`crate::compose::title`]).
    #[serde(default)]
    pub title: String,
    /// The method that produced it.
    pub method: Method,
    /// The budget it respects.
    pub budget: Budget,
    /// The sentences, in reading order.
    pub sentences: Vec<SummarySentence>,
    /// Things the user should know (skipped empty documents, a
    /// one-sentence cluster), as sentences naming the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Documents of the cluster that report another event than the
    /// cluster's main one, in cluster order (see [`crate::off_event`]).
    /// Their sentences are left out unless the summarizer keeps them.
    #[serde(default)]
    pub off_event: Vec<crate::OffEvent>,
}

impl Summary {
    /// The summary's sentences joined by newlines.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.sentences.iter().map(|s| s.text.as_str()).collect();
        texts.join("\n")
    }

    /// Number of words, as budgets count them ([`crate::words::count_words`]).
    pub fn word_count(&self) -> usize {
        self.sentences.iter().map(|s| crate::words::count_words(&s.text)).sum()
    }
}
