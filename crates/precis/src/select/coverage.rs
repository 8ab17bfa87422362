//! Concept coverage selection (Gillick & Favre 2009), solved exactly.

use super::budget::{Budget, Unit};
use super::ilp::{solve, CoverageProblem, CoverageSolution, Overrun, SolveLimits};
use super::{Candidates, Selection};
use crate::represent::{Analysis, ConceptConfig, Concepts, InvertedIndex};

/// Picks the sentences that together cover the most concept weight within
/// the budget, by the exact branch and bound of [`super::ilp`].
///
/// Concepts are stemmed bigrams weighted by document frequency
/// ([`Concepts`]). Near-duplicate candidates may not both be chosen. In fill
/// mode with a word budget the last sentence may be cut, and only the
/// concepts inside its kept words count, which is exactly what ROUGE's `-l`
/// truncation will see.
#[derive(Debug, Clone, Copy)]
pub struct ConceptCoverage {
    /// How concepts are built and weighted.
    pub concepts: ConceptConfig,
    /// Search limits of the solver.
    pub limits: SolveLimits,
    /// Most candidates handed to the solver: beyond it, only those whose
    /// concepts weigh most are, so selection stays cheap in clusters of
    /// thousands of sentences. Default 600, more than any cluster of the
    /// shared evaluation sets has (DUC 2003: at most 344).
    pub max_candidates: usize,
}

impl Default for ConceptCoverage {
    fn default() -> Self {
        ConceptCoverage {
            concepts: ConceptConfig::default(),
            limits: SolveLimits::default(),
            max_candidates: 600,
        }
    }
}

/// The outcome of [`ConceptCoverage::select`], with the solver's report.
#[derive(Debug, Clone)]
pub struct CoverageOutcome {
    /// The selection.
    pub selection: Selection,
    /// Per sentence of the analysis: the weight of the concepts it contains.
    pub scores: Vec<f64>,
    /// The solver's result (`None` when there was nothing to solve).
    pub solution: Option<CoverageSolution>,
}

impl ConceptCoverage {
    /// Selects from `candidates` under `budget`.
    pub fn select(
        &self,
        analysis: &Analysis,
        candidates: &Candidates,
        budget: &Budget,
    ) -> CoverageOutcome {
        let concepts = Concepts::new(analysis, &self.concepts);
        self.select_with(analysis, &concepts, candidates, budget)
    }

    /// Selects with concepts computed (and perhaps reweighted) by the caller.
    pub fn select_with(
        &self,
        analysis: &Analysis,
        concepts: &Concepts,
        candidates: &Candidates,
        budget: &Budget,
    ) -> CoverageOutcome {
        let scores: Vec<f64> = concepts
            .sentences
            .iter()
            .map(|cs| cs.iter().map(|&(c, _)| concepts.weights[c as usize]).sum())
            .collect();
        let mut local = candidates.indices.clone();
        if local.len() > self.max_candidates {
            local.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            local.truncate(self.max_candidates);
            local.sort_unstable();
        }
        let local = &local;
        if local.is_empty() || concepts.is_empty() {
            return CoverageOutcome { selection: Selection::default(), scores, solution: None };
        }
        let lengths: Vec<u32> =
            local.iter().map(|&i| budget.cost(&analysis.sentences[i]) as u32).collect();
        let problem = CoverageProblem {
            lengths,
            concepts: local
                .iter()
                .map(|&i| concepts.sentences[i].iter().map(|e| e.0).collect())
                .collect(),
            weights: concepts.weights.clone(),
            budget: budget.capacity() as u32,
            exclusions: near_duplicate_pairs(analysis, local),
            overrun: if budget.fill && budget.unit == Unit::Words {
                Overrun::Truncate {
                    concept_ends: local
                        .iter()
                        .map(|&i| concepts.sentences[i].iter().map(|e| e.1).collect())
                        .collect(),
                }
            } else {
                Overrun::Forbid
            },
        };
        let solution = solve(&problem, &self.limits);
        let selection = Selection {
            picks: solution.selected.iter().map(|&k| local[k]).collect(),
            cut: solution.truncated.map(|t| local[t.sentence]),
        };
        CoverageOutcome { selection, scores, solution: Some(solution) }
    }
}

/// Pairs of candidates (as local indices) that are near-duplicates.
fn near_duplicate_pairs(analysis: &Analysis, local: &[usize]) -> Vec<(u32, u32)> {
    let mut position = vec![u32::MAX; analysis.len()];
    for (k, &i) in local.iter().enumerate() {
        position[i] = k as u32;
    }
    let index = InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; analysis.len()];
    let mut buf = Vec::new();
    let mut pairs = Vec::new();
    for (k, &i) in local.iter().enumerate() {
        analysis.neighbours(&index, i, &mut acc, &mut buf);
        for &(j, _) in &buf {
            let kj = position[j];
            if kj != u32::MAX && kj > k as u32 && analysis.near_duplicate(i, j) {
                pairs.push((k as u32, kj));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}
