//! Exact budgeted concept coverage (Gillick & Favre 2009), by branch and bound.
//!
//! # The problem
//!
//! Sentences `j` have integer lengths `l_j` (words) and sets of concept ids;
//! concepts `i` have weights `w_i > 0`. Choose sentences with total length at
//! most the budget `L` that maximize the total weight of the concepts they
//! cover, i.e. the ILP
//!
//! ```text
//! max Σ_i w_i c_i   s.t.  Σ_j l_j s_j ≤ L,   c_i ≤ Σ_{j ∋ i} s_j,   c, s binary,
//! ```
//!
//! plus pairwise exclusions (near-duplicate sentences that must not both be
//! chosen). The family `s_j ≤ c_i` of the original formulation is left out,
//! as is usual: with positive weights it never changes the optimum value.
//!
//! With [`Overrun::Truncate`] the summary is instead cut after `L` words, the
//! way ROUGE's `-l L` cuts it: the chosen sentences may run past the budget,
//! but only the last one, and only the concepts that sit completely inside
//! its kept words count. See [`Overrun`] for the exact definition.
//!
//! # The solver
//!
//! [`solve`] is exact and deterministic. It is a branch and bound written for
//! this problem rather than a general ILP solver, because the problem has a
//! bound that is both tighter than the LP relaxation and cheap:
//!
//! * **Presolve** drops sentences without a concept or longer than the budget,
//!   removes dominated sentences (a subset of another sentence's concepts at
//!   no smaller length) and merges concepts that occur in exactly the same
//!   sentences into one concept with the summed weight.
//! * **Bound.** Relaxing the coverage constraints with multipliers
//!   `0 ≤ λ_i ≤ w_i` gives, for every `λ`,
//!   `f(S) ≤ Σ_i (w_i − λ_i) + Σ_{j ∈ S} Σ_{i ∈ j} λ_i`, so an integer 0/1
//!   knapsack over "sentence values" `Σ_{i ∈ j} λ_i` (a small dynamic program,
//!   the budget is ~100 words) bounds every solution. `λ = w` is the familiar
//!   sum-of-marginal-gains bound; subgradient steps then lower the price of
//!   concepts that the knapsack covers twice. Because the knapsack is solved
//!   in integers, the best such bound is at least as tight as the LP relaxation.
//! * **Reduced-cost fixing.** The knapsack table also bounds every solution
//!   that adds one given sentence, so sentences that cannot beat the
//!   incumbent are fixed out for the whole subtree.
//! * **Search** is depth first, "take the sentence" before "leave it out",
//!   with multipliers inherited from the parent, a greedy start and the
//!   knapsack's own choice tried as a solution at every node.
//!
//! # Limits and determinism
//!
//! The search stops when it has spent its work allowance
//! ([`SolveLimits::allowance`]: knapsack cells, proportional to the size of
//! the problem, so a large cluster or budget cannot run for minutes), or at
//! [`SolveLimits::max_nodes`] (both deterministic), or, as a safety net, at
//! [`SolveLimits::time_limit`] (not deterministic). Budgets above
//! [`SolveLimits::max_width`] are solved with scaled lengths in the bound, so
//! a table's cost does not grow with the budget. Whatever stops it, it
//! returns the best solution found and a proven upper bound, so
//! [`CoverageSolution::gap`] tells how far from optimal it can be. Without a
//! time limit the same problem always gives the same solution, ties
//! included: no hash map order, thread or clock reaches the result.
//!
//! ```
//! use precis::select::ilp::{solve, CoverageProblem, SolveLimits};
//!
//! let problem = CoverageProblem {
//!     lengths: vec![6, 5, 5],
//!     concepts: vec![vec![0, 1, 2], vec![0, 1], vec![2, 3]],
//!     weights: vec![3.0, 2.0, 2.0, 1.0],
//!     budget: 10,
//!     ..CoverageProblem::default()
//! };
//! let solution = solve(&problem, &SolveLimits::default());
//! assert_eq!(solution.selected, vec![1, 2]);
//! assert_eq!(solution.objective, 8.0);
//! assert!(solution.optimal);
//! ```

mod model;
mod search;
#[cfg(test)]
mod tests;

use std::time::{Duration, Instant};

/// An instance of budgeted concept coverage.
///
/// Sentences are indexed `0..lengths.len()`, concepts `0..weights.len()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoverageProblem {
    /// Length of each sentence, in words.
    pub lengths: Vec<u32>,
    /// The concept ids of each sentence (same length as `lengths`). Order and
    /// repeats do not matter.
    pub concepts: Vec<Vec<u32>>,
    /// Weight of each concept. Concepts whose weight is not a positive finite
    /// number are ignored.
    pub weights: Vec<f64>,
    /// The budget `L`, in words.
    pub budget: u32,
    /// Pairs of sentences that must not both be chosen. A pair `(a, a)` is
    /// ignored.
    pub exclusions: Vec<(u32, u32)>,
    /// What happens at the end of the budget. Default [`Overrun::Forbid`].
    pub overrun: Overrun,
}

/// How the budget treats the last sentence of a summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Overrun {
    /// The chosen sentences fit the budget in full: `Σ l_j ≤ L`.
    #[default]
    Forbid,
    /// The summary is cut after `L` words and may end inside a sentence.
    ///
    /// A solution is a set `A` of whole sentences with `Σ_{j ∈ A} l_j ≤ L`,
    /// plus at most one more sentence `t`, placed last, of which the first
    /// `k = min(l_t, L − Σ_{j ∈ A} l_j)` words are kept. Sentence `t` covers a
    /// concept when the concept lies inside those `k` words, which is what
    /// `concept_ends` says: `concept_ends[j][p]` is the number of leading
    /// words of sentence `j` needed to contain its concept `concepts[j][p]`
    /// (for a bigram ending at the 0-based word `e`, that is `e + 1`; values
    /// above `l_j` count as `l_j`). A concept listed twice in a sentence
    /// counts at its earliest end. Sentences longer than `L` can be chosen
    /// this way.
    ///
    /// This is exactly the objective of a summary that is rendered in full
    /// and then cut to `L` words, as ROUGE's `-l L` does, provided the
    /// renderer puts the cut sentence ([`CoverageSolution::truncated`]) last.
    Truncate {
        /// Per sentence, parallel to [`CoverageProblem::concepts`]: how many
        /// leading words contain each concept.
        concept_ends: Vec<Vec<u32>>,
    },
}

/// When to stop searching.
///
/// The deterministic limits are counts ([`SolveLimits::work_factor`],
/// [`SolveLimits::max_nodes`]); whichever is reached first stops the search,
/// which then returns its best solution and a proven bound
/// ([`CoverageSolution::gap`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolveLimits {
    /// Work allowed per unit of the problem's size, where the size is the
    /// number of sentences plus the number of (sentence, concept) entries,
    /// and one unit of work is one cell of the knapsack's dynamic program
    /// (scanning an item for the free list or for fixing also counts one).
    /// See [`SolveLimits::allowance`]. This is the primary limit: it is
    /// deterministic, grows linearly with the problem as the rest of the
    /// pipeline's cost does, and does not grow with the budget. Default
    /// 50,000.
    pub work_factor: u64,
    /// The work allowed per unit of size for the widest tables: above
    /// [`SolveLimits::full_width`] cells, the factor falls with the square of
    /// the table's width, from `work_factor` down to this floor (never above
    /// `work_factor`). Default 10,000. At such budgets (250 words and more)
    /// the search cannot close its gap anyway (DUC 2006 at 250 words: 34 of
    /// 50 topics stopped at the limit with 50,000), so the allowance buys
    /// the local search and a bounded number of knapsack tables, and the
    /// time stays within a few times LexRank's on the same cluster.
    pub wide_work_factor: u64,
    /// The widest table (in cells: words of budget) that gets the full
    /// `work_factor`. Default 100, the DUC budget, where every DUC 2003
    /// cluster is proven optimal.
    pub full_width: u32,
    /// The least allowance, however small the problem. Default 2^20.
    pub min_work: u64,
    /// Widest knapsack table, in cells of budget: above it, lengths are
    /// scaled down (a looser but still valid bound), so a large budget costs
    /// no more than this one. Default 256, which leaves the usual budgets
    /// (100 and 250 words) exact.
    pub max_width: u32,
    /// Stop after this many branch-and-bound nodes (one node is one bound
    /// computation on one subproblem). Default 1,000,000.
    pub max_nodes: u64,
    /// Stop after this much wall-clock time. A safety net only: when it
    /// triggers, the result depends on the machine. Default `None`.
    pub time_limit: Option<Duration>,
    /// Prune subproblems whose bound exceeds the incumbent by at most this
    /// fraction of it, so the solution is within this relative gap of the
    /// optimum. Default `0.0`, which still allows for floating-point noise
    /// (1e-9 relative).
    pub relative_gap: f64,
    /// Improve the greedy start by local search (add an item, or swap one
    /// for another, while that raises the objective) before branching.
    /// Default `true`.
    pub local_search: bool,
}

impl SolveLimits {
    /// The work `problem` may take: `max(min_work, factor · size)` with
    /// `size = Σ_j (1 + |concepts_j|)` and `factor` the
    /// [`SolveLimits::factor`] of its knapsack table's width.
    pub fn allowance(&self, problem: &CoverageProblem) -> u64 {
        let size: u64 = problem.concepts.iter().map(|c| 1 + c.len() as u64).sum();
        let width = problem.budget.min(self.max_width.max(1));
        self.factor(width).saturating_mul(size).max(self.min_work)
    }

    /// The work allowed per unit of size for a knapsack table `width` cells
    /// wide: `work_factor` up to [`SolveLimits::full_width`], then
    /// `work_factor · (full_width / width)²`, but at least
    /// `wide_work_factor` (and at most `work_factor`).
    pub fn factor(&self, width: u32) -> u64 {
        let (full, width) = (u64::from(self.full_width.max(1)), u64::from(width));
        if width <= full {
            return self.work_factor;
        }
        let scaled =
            u128::from(self.work_factor) * u128::from(full * full) / u128::from(width * width);
        let scaled = u64::try_from(scaled).unwrap_or(u64::MAX);
        scaled.max(self.wide_work_factor).min(self.work_factor)
    }
}

impl Default for SolveLimits {
    fn default() -> Self {
        SolveLimits {
            work_factor: 50_000,
            wide_work_factor: 10_000,
            full_width: 100,
            min_work: 1 << 20,
            max_width: 256,
            max_nodes: 1_000_000,
            time_limit: None,
            relative_gap: 0.0,
            local_search: true,
        }
    }
}

/// The cut sentence of a [`Overrun::Truncate`] solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncation {
    /// The sentence that runs past the budget; it must be rendered last.
    pub sentence: usize,
    /// How many of its leading words are kept (less than its length).
    pub kept_words: u32,
}

/// The result of [`solve`].
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageSolution {
    /// Chosen sentences, increasing, including the truncated one if any.
    pub selected: Vec<usize>,
    /// With [`Overrun::Truncate`], the sentence that is cut, if one is.
    pub truncated: Option<Truncation>,
    /// Total weight of the concepts covered by the (cut) summary.
    pub objective: f64,
    /// A proven upper bound on the optimal objective (`≥ objective`).
    pub upper_bound: f64,
    /// Whether the search finished, proving `objective` optimal (up to
    /// [`SolveLimits::relative_gap`]).
    pub optimal: bool,
    /// Branch-and-bound nodes explored.
    pub nodes: u64,
    /// Units of work spent (see [`SolveLimits::work_factor`]).
    pub work: u64,
    /// The work allowance this problem had.
    pub work_limit: u64,
    /// Wall-clock time spent, presolve included.
    pub elapsed: Duration,
}

impl CoverageSolution {
    /// The relative optimality gap, `(upper_bound − objective) / upper_bound`,
    /// or 0 when the bound is 0.
    pub fn gap(&self) -> f64 {
        if self.upper_bound > 0.0 {
            ((self.upper_bound - self.objective) / self.upper_bound).max(0.0)
        } else {
            0.0
        }
    }
}

/// Finds the sentences that cover the most concept weight within the budget.
///
/// # Panics
///
/// If `concepts` (or `concept_ends` and its rows) do not match `lengths` in
/// length, or a concept id or sentence id is out of range.
pub fn solve(problem: &CoverageProblem, limits: &SolveLimits) -> CoverageSolution {
    let start = Instant::now();
    let model = model::Model::new(problem);
    let outcome = search::search(&model, limits, limits.allowance(problem), start);
    let (selected, truncated, objective) = evaluate(problem, &model, &outcome.items);
    CoverageSolution {
        selected,
        truncated,
        objective,
        upper_bound: outcome.upper_bound.max(objective),
        optimal: outcome.optimal,
        nodes: outcome.nodes,
        work: outcome.work,
        work_limit: outcome.work_limit,
        elapsed: start.elapsed(),
    }
}

/// Maps the chosen model items back to sentences and scores them on the
/// original problem, so the reported objective does not depend on presolve.
fn evaluate(
    problem: &CoverageProblem,
    model: &model::Model,
    items: &[u32],
) -> (Vec<usize>, Option<Truncation>, f64) {
    let mut whole: Vec<usize> = Vec::new();
    let mut prefix: Option<usize> = None;
    for &k in items {
        let item = &model.items[k as usize];
        if item.prefix {
            prefix = Some(item.sentence as usize);
        } else {
            whole.push(item.sentence as usize);
        }
    }
    whole.sort_unstable();
    whole.dedup();
    // A prefix of a sentence that is also chosen whole adds nothing.
    if prefix.is_some_and(|t| whole.binary_search(&t).is_ok()) {
        prefix = None;
    }
    let used: u64 = whole.iter().map(|&j| u64::from(problem.lengths[j])).sum();
    let mut covered = vec![false; problem.weights.len()];
    for &j in &whole {
        for &c in &problem.concepts[j] {
            covered[c as usize] = true;
        }
    }
    let mut truncated = None;
    if let (Some(t), Overrun::Truncate { concept_ends }) = (prefix, &problem.overrun) {
        let room = u64::from(problem.budget).saturating_sub(used);
        let length = problem.lengths[t];
        let kept = u32::try_from(room).unwrap_or(u32::MAX).min(length);
        for (&c, &end) in problem.concepts[t].iter().zip(&concept_ends[t]) {
            if end.min(length) <= kept {
                covered[c as usize] = true;
            }
        }
        whole.push(t);
        whole.sort_unstable();
        if kept < length {
            truncated = Some(Truncation { sentence: t, kept_words: kept });
        }
    }
    let objective = covered
        .iter()
        .zip(&problem.weights)
        .filter(|&(&c, &w)| c && model::usable(w))
        .map(|(_, &w)| w)
        .sum();
    (whole, truncated, objective)
}
