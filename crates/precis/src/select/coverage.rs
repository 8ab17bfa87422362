//! Concept coverage selection (Gillick & Favre 2009), solved exactly.

use super::budget::{Budget, Unit};
use super::ilp::{solve, CoverageProblem, CoverageSolution, Overrun, SolveLimits};
use super::{Candidates, Selection};
use crate::num::{id_u32, saturating_u32};
use crate::represent::{Analysis, ConceptConfig, Concepts, InvertedIndex};
use crate::score::{Account, Contribution};

/// Picks the sentences that together cover the most concept weight within
/// the budget, by the exact branch and bound of [`super::ilp`].
///
/// Concepts are stemmed bigrams weighted by document frequency
/// ([`Concepts`]). Near-duplicate candidates may not both be chosen. In fill
/// mode with a word budget the last sentence may be cut, and only the
/// concepts inside its kept words count, which is exactly what ROUGE's `-l`
/// truncation will see. The cut sentence is never an article's first: that
/// is the sentence a summary leads with, and the cut one is printed last
/// (cutting openings put the sentence the references open with at the end
/// of DUC summaries; see the reading-order section of `docs/results.md`).
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

impl CoverageOutcome {
    /// What `--explain` says about sentence `i` of the analysis: its concept
    /// weight, and whether the summary's coverage is proven optimal or, when
    /// the solver stopped at its work limit, how far from optimal it may be.
    pub fn explain(&self, i: usize) -> String {
        explain_coverage(self.scores.get(i).copied().unwrap_or(0.0), self.solution.as_ref())
    }
}

/// What `--explain` says about a sentence of concept weight `weight` in a
/// summary the solver returned as `solution` (see [`CoverageOutcome::explain`]).
pub fn explain_coverage(weight: f64, solution: Option<&CoverageSolution>) -> String {
    match solution {
        Some(s) if s.optimal => {
            format!("concept weight {weight:.1}; summary covers {:.1}, proven optimal", s.objective)
        }
        Some(s) => format!(
            "concept weight {weight:.1}; summary covers {:.1} of at most {:.1} \
             (gap {:.2}%: the solver stopped at its work limit)",
            s.objective,
            s.upper_bound,
            100.0 * s.gap()
        ),
        None => format!("concept weight {weight:.1}"),
    }
}

/// The account of sentence `i`'s concept weight for `--explain`: each
/// concept (a pair of content stems several articles share) it holds, with
/// the concept's weight (in the summary each concept counts once).
pub fn coverage_account(
    analysis: &Analysis,
    concepts: Option<&Concepts>,
    weights: &[f64],
    solution: Option<&CoverageSolution>,
    i: usize,
) -> Account {
    let weight = weights.get(i).copied().unwrap_or(0.0);
    let scored_by = format!(
        "the concept method: the weight of the word pairs several articles share that it holds ({})",
        explain_coverage(weight, solution)
    );
    let contributions = concepts
        .and_then(|c| Some((c, c.sentences.get(i)?)))
        .map(|(c, held)| {
            held.iter()
                .map(|&(k, _)| {
                    let (x, y) = c.keys[k as usize];
                    let (x, y) = (analysis.lexicon.stem(x), analysis.lexicon.stem(y));
                    let pair = format!("{x} {y}");
                    let shown = as_written(&analysis.sentences[i].text, x, y);
                    Contribution {
                        label: format!("the words \"{}\"", shown.as_deref().unwrap_or(&pair)),
                        feature: pair,
                        contribution: c.weights[k as usize],
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Account { scored_by, contributions }
}

/// The two adjacent words of `text` whose stems are `x` and `y`, as the
/// text writes them (lower case).
fn as_written(text: &str, x: &str, y: &str) -> Option<String> {
    let words = crate::represent::words(text);
    words
        .windows(2)
        .find(|w| crate::stem::stem(&w[0]) == x && crate::stem::stem(&w[1]) == y)
        .map(|w| format!("{} {}", w[0], w[1]))
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
        // Saturating, never wrapping: a budget above u32::MAX words
        // (no summary is that long) behaves as u32::MAX.
        let lengths: Vec<u32> =
            local.iter().map(|&i| saturating_u32(budget.cost(&analysis.sentences[i]))).collect();
        let problem = CoverageProblem {
            lengths,
            concepts: local
                .iter()
                .map(|&i| concepts.sentences[i].iter().map(|e| e.0).collect())
                .collect(),
            weights: concepts.weights.clone(),
            budget: saturating_u32(budget.capacity()),
            exclusions: near_duplicate_pairs(analysis, local),
            overrun: if budget.fill && budget.unit == Unit::Words {
                Overrun::Truncate {
                    concept_ends: local
                        .iter()
                        .map(|&i| {
                            // An article's first sentence is never the cut
                            // one: it may lead the summary, and the cut
                            // sentence comes last. Each of its concepts
                            // needs the whole sentence.
                            let s = &analysis.sentences[i];
                            let ends = concepts.sentences[i].iter().map(|e| e.1);
                            match s.position {
                                0 => {
                                    let whole = saturating_u32(budget.cost(s));
                                    ends.map(|e| e.max(whole)).collect()
                                }
                                _ => ends.collect(),
                            }
                        })
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
        position[i] = id_u32(k);
    }
    let index = InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; analysis.len()];
    let mut buf = Vec::new();
    let mut pairs = Vec::new();
    for (k, &i) in local.iter().enumerate() {
        analysis.neighbours(&index, i, &mut acc, &mut buf);
        for &(j, _) in &buf {
            let kj = position[j];
            if kj != u32::MAX && kj > id_u32(k) && analysis.near_duplicate(i, j) {
                pairs.push((id_u32(k), kj));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::CandidateFilter;

    fn sentences() -> Vec<&'static str> {
        vec![
            "The storm flooded the river town of Easton on Monday night after days of rain.",
            "Rescue crews in boats carried hundreds of residents of Easton to dry ground.",
            "The mayor of Easton said the flood was the worst the town had seen in fifty years.",
            "Power lines fell across the valley and thousands of homes were left without light.",
            "Forecasters expect the river to crest again on Wednesday as more rain moves in.",
            "Schools across the valley will stay closed for the rest of the week, officials said.",
        ]
    }

    fn analysis() -> Analysis {
        let s = sentences();
        crate::score::tests::analysis(&[&s[..3], &s[3..]])
    }

    #[test]
    fn huge_budgets_do_not_wrap() {
        // Issue 10, defect 5: `capacity() as u32` turned 2^32 + 50 words
        // into a budget of 50, so the summary held one or two sentences.
        let a = analysis();
        let candidates = CandidateFilter::default().candidates(&a);
        assert!(candidates.indices.len() >= 5);
        let coverage = ConceptCoverage::default();
        let all = coverage.select(&a, &candidates, &Budget::words(10_000)).selection;
        let huge = coverage.select(&a, &candidates, &Budget::words(4_294_967_346)).selection;
        assert_eq!(huge.picks, all.picks);
        let words: usize = huge.picks.iter().map(|&i| a.sentences[i].words).sum();
        assert!(words > 50, "{words} words");
        let max = coverage.select(&a, &candidates, &Budget::bytes(usize::MAX)).selection;
        assert_eq!(max.picks.len(), all.picks.len());
    }

    #[test]
    fn an_articles_first_sentence_is_never_the_cut_one() {
        // The openings carry the cluster's most repeated words, so cutting
        // one at the budget would cover the most; but a first sentence may
        // lead the summary and the cut sentence comes last.
        let a = crate::score::tests::analysis(&[
            &[
                "Floods in Easton forced thousands of Easton residents from homes on Monday night.",
                "Rescue crews in Easton carried residents to dry ground through the night.",
            ],
            &[
                "Floods in Easton forced thousands from homes as the river rose on Monday.",
                "Schools in Easton stayed shut as the river rose again on Tuesday.",
            ],
        ]);
        let candidates = CandidateFilter::default().candidates(&a);
        let coverage = ConceptCoverage::default();
        let mut cuts = 0;
        for words in 6..30 {
            let selection = coverage.select(&a, &candidates, &Budget::words(words).with_fill(true));
            let Some(cut) = selection.selection.cut else { continue };
            cuts += 1;
            assert_ne!(a.sentences[cut].position, 0, "{words} words: {:?}", selection.selection);
        }
        assert!(cuts > 0);
    }

    #[test]
    fn explain_reports_the_gap() {
        let a = analysis();
        let candidates = CandidateFilter::default().candidates(&a);
        let exact = ConceptCoverage::default().select(&a, &candidates, &Budget::words(40));
        let pick = exact.selection.picks[0];
        assert!(exact.explain(pick).ends_with("proven optimal"), "{}", exact.explain(pick));
        // No work at all: the greedy start stands, with an honest bound.
        let limits = SolveLimits { work_factor: 0, min_work: 0, ..SolveLimits::default() };
        let coverage = ConceptCoverage { limits, ..ConceptCoverage::default() };
        let stopped = coverage.select(&a, &candidates, &Budget::words(40));
        let text = stopped.explain(stopped.selection.picks[0]);
        assert!(text.contains("stopped at its work limit"), "{text}");
        assert!(text.contains("gap "), "{text}");
    }
}
