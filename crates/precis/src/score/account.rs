//! A scorer's account of one sentence's score, for `--explain`: what the
//! score measures and its weighted parts (see [`crate::compose::explain`]).

use serde::{Deserialize, Serialize};

/// One part of a score.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The feature as the method names it (`"pos=0"`, a concept's stems).
    pub feature: String,
    /// The feature in words.
    pub label: String,
    /// The part of the score it makes, in the score's units (negative when
    /// it lowers the score).
    pub contribution: f64,
}

/// A method's account of a sentence's score: what the score measures and
/// its largest weighted parts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Account {
    /// What the score measures, in words.
    pub scored_by: String,
    /// The parts of the score, any order (the largest are kept).
    pub contributions: Vec<Contribution>,
}

impl Account {
    /// An account with one part: the whole score, labelled.
    pub fn whole(
        scored_by: impl Into<String>,
        feature: &str,
        label: String,
        score: f64,
    ) -> Account {
        Account {
            scored_by: scored_by.into(),
            contributions: vec![Contribution {
                feature: feature.to_owned(),
                label,
                contribution: score,
            }],
        }
    }
}
