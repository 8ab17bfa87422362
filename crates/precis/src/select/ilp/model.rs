//! Presolve: turns a [`CoverageProblem`] into a smaller model with the same
//! optimum.
//!
//! The model's unit is an *item*: a whole sentence, or (with
//! [`Overrun::Truncate`]) a prefix of one that may only end the summary. Each
//! reduction keeps at least one optimal solution:
//!
//! * items without a usable concept, or longer than the budget, cannot help;
//! * an item is dropped when another item covers a superset of its concepts at
//!   no greater length, conflicts with nothing it does not, and is a prefix
//!   only if it is one too: swapping it in keeps any solution feasible and no
//!   worse;
//! * concepts found in exactly the same items are merged, weights summed.
//!
//! A whole sentence and a prefix of the same sentence are not made to
//! conflict: choosing both is never better than the sentence alone, and
//! [`super::evaluate`] drops the prefix if it happens.

use super::{CoverageProblem, Overrun};
use crate::num::id_u32;

/// One candidate unit of a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Item {
    /// The sentence it comes from.
    pub sentence: u32,
    /// Words it takes from the budget.
    pub len: u32,
    /// A prefix of a sentence: at most one per solution.
    pub prefix: bool,
}

/// The reduced problem.
#[derive(Debug, Clone)]
pub(super) struct Model {
    pub budget: u32,
    pub items: Vec<Item>,
    /// Merged concept ids of each item, increasing.
    pub item_concepts: Vec<Vec<u32>>,
    /// Weight of each merged concept.
    pub weights: Vec<f64>,
    /// Items that must not be chosen together with each item, increasing.
    pub conflicts: Vec<Vec<u32>>,
    /// The prefix items, increasing.
    pub prefix_items: Vec<u32>,
    /// Whether every merged weight is a (not too large) integer, so that any
    /// solution's objective is an integer too.
    pub integral: bool,
}

/// Whether a concept weight takes part in the objective.
pub(super) fn usable(w: f64) -> bool {
    w.is_finite() && w > 0.0
}

impl Model {
    pub fn new(problem: &CoverageProblem) -> Model {
        let m = problem.lengths.len();
        assert_eq!(problem.concepts.len(), m, "one concept list per sentence");
        let ends = match &problem.overrun {
            Overrun::Forbid => None,
            Overrun::Truncate { concept_ends } => {
                assert_eq!(concept_ends.len(), m, "one concept_ends list per sentence");
                Some(concept_ends)
            }
        };
        let budget = problem.budget;

        // Raw items, with original concept ids.
        let mut items = Vec::new();
        let mut concepts: Vec<Vec<u32>> = Vec::new();
        let mut items_of_sentence: Vec<Vec<u32>> = vec![Vec::new(); m];
        for j in 0..m {
            let len = problem.lengths[j];
            let list = &problem.concepts[j];
            // (end, concept) pairs of usable concepts, each concept at its earliest end.
            let mut pairs: Vec<(u32, u32)> = match ends {
                None => list.iter().map(|&c| (len, c)).collect(),
                Some(ends) => {
                    assert_eq!(
                        ends[j].len(),
                        list.len(),
                        "concept_ends[{j}] matches concepts[{j}]"
                    );
                    list.iter().zip(&ends[j]).map(|(&c, &e)| (e.min(len), c)).collect()
                }
            };
            for &(_, c) in &pairs {
                assert!((c as usize) < problem.weights.len(), "concept id {c} out of range");
            }
            pairs.retain(|&(_, c)| usable(problem.weights[c as usize]));
            pairs.sort_unstable_by_key(|&(e, c)| (c, e));
            pairs.dedup_by_key(|&mut (_, c)| c);
            if pairs.is_empty() {
                continue;
            }
            let mut push = |len: u32, prefix: bool, mut cs: Vec<u32>| {
                cs.sort_unstable();
                items_of_sentence[j].push(id_u32(items.len()));
                items.push(Item { sentence: id_u32(j), len, prefix });
                concepts.push(cs);
            };
            if len <= budget {
                push(len, false, pairs.iter().map(|&(_, c)| c).collect());
            }
            if ends.is_some() {
                pairs.sort_unstable();
                let mut cut_points: Vec<u32> =
                    pairs.iter().map(|&(e, _)| e).filter(|&e| e < len && e <= budget).collect();
                // A prefix as long as the sentence is the sentence itself.
                cut_points.dedup();
                for e in cut_points {
                    push(e, true, pairs.iter().filter(|p| p.0 <= e).map(|&(_, c)| c).collect());
                }
            }
        }

        // Conflicts between items of excluded sentence pairs.
        let mut conflicts: Vec<Vec<u32>> = vec![Vec::new(); items.len()];
        for &(a, b) in &problem.exclusions {
            assert!((a as usize) < m && (b as usize) < m, "exclusion ({a}, {b}) out of range");
            if a == b {
                continue;
            }
            for &x in &items_of_sentence[a as usize] {
                for &y in &items_of_sentence[b as usize] {
                    conflicts[x as usize].push(y);
                    conflicts[y as usize].push(x);
                }
            }
        }
        for list in &mut conflicts {
            list.sort_unstable();
            list.dedup();
        }

        let alive = undominated(&items, &concepts, &conflicts, problem.weights.len());
        Model::compact(budget, &items, &concepts, &conflicts, &alive, &problem.weights)
    }

    /// Keeps the `alive` items, renumbered, and merges concepts that occur in
    /// the same items.
    fn compact(
        budget: u32,
        items: &[Item],
        concepts: &[Vec<u32>],
        conflicts: &[Vec<u32>],
        alive: &[bool],
        weights: &[f64],
    ) -> Model {
        let mut new_id = vec![u32::MAX; items.len()];
        let mut kept = Vec::new();
        for (k, _) in alive.iter().enumerate().filter(|(_, &a)| a) {
            new_id[k] = id_u32(kept.len());
            kept.push(k);
        }
        // Items of each original concept, in new numbering (increasing).
        let mut concept_items: Vec<Vec<u32>> = vec![Vec::new(); weights.len()];
        for (new, &k) in kept.iter().enumerate() {
            for &c in &concepts[k] {
                concept_items[c as usize].push(id_u32(new));
            }
        }
        let mut order: Vec<u32> =
            (0..id_u32(weights.len())).filter(|&c| !concept_items[c as usize].is_empty()).collect();
        // Stable sort: equal item lists stay in concept id order, so weights
        // are summed in a fixed order.
        order.sort_by(|&a, &b| concept_items[a as usize].cmp(&concept_items[b as usize]));
        let mut merged_weights: Vec<f64> = Vec::new();
        let mut item_concepts: Vec<Vec<u32>> = vec![Vec::new(); kept.len()];
        let mut previous: Option<u32> = None;
        for &c in &order {
            let same =
                previous.is_some_and(|p| concept_items[p as usize] == concept_items[c as usize]);
            if same {
                *merged_weights.last_mut().expect("a previous concept") += weights[c as usize];
            } else {
                let id = id_u32(merged_weights.len());
                merged_weights.push(weights[c as usize]);
                for &k in &concept_items[c as usize] {
                    item_concepts[k as usize].push(id);
                }
            }
            previous = Some(c);
        }
        for list in &mut item_concepts {
            list.sort_unstable();
        }
        let new_items: Vec<Item> = kept.iter().map(|&k| items[k]).collect();
        let new_conflicts = kept
            .iter()
            .map(|&k| {
                let mut list: Vec<u32> = conflicts[k]
                    .iter()
                    .map(|&x| new_id[x as usize])
                    .filter(|&x| x != u32::MAX)
                    .collect();
                list.sort_unstable();
                list
            })
            .collect();
        let integral = merged_weights.iter().all(|&w| w.fract() == 0.0)
            && merged_weights.iter().sum::<f64>() < 2f64.powi(50);
        Model {
            budget,
            prefix_items: (0..id_u32(new_items.len()))
                .filter(|&k| new_items[k as usize].prefix)
                .collect(),
            items: new_items,
            item_concepts,
            weights: merged_weights,
            conflicts: new_conflicts,
            integral,
        }
    }
}

/// Marks the items that survive dominance, removing one at a time so every
/// removal is justified by an item that is still there.
fn undominated(
    items: &[Item],
    concepts: &[Vec<u32>],
    conflicts: &[Vec<u32>],
    n: usize,
) -> Vec<bool> {
    let mut concept_items: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (k, cs) in concepts.iter().enumerate() {
        for &c in cs {
            concept_items[c as usize].push(id_u32(k));
        }
    }
    let mut alive = vec![true; items.len()];
    for a in 0..items.len() {
        // Every dominator contains a's rarest concept.
        let rarest = concepts[a]
            .iter()
            .min_by_key(|&&c| (concept_items[c as usize].len(), c))
            .expect("items have concepts");
        let dominated = concept_items[*rarest as usize].iter().any(|&b| {
            let b = b as usize;
            b != a
                && alive[b]
                && dominates(b, a, items, concepts, conflicts)
                && (b < a || !dominates(a, b, items, concepts, conflicts))
        });
        if dominated {
            alive[a] = false;
        }
    }
    alive
}

/// Whether item `b` can replace item `a` in any solution without loss.
fn dominates(
    b: usize,
    a: usize,
    items: &[Item],
    concepts: &[Vec<u32>],
    conflicts: &[Vec<u32>],
) -> bool {
    let (ib, ia) = (&items[b], &items[a]);
    ib.len <= ia.len
        && (!ib.prefix || ia.prefix)
        && is_subset(&concepts[a], &concepts[b])
        && conflicts[b].iter().all(|&x| x as usize == a || conflicts[a].binary_search(&x).is_ok())
}

/// Whether sorted `small` is a subset of sorted `big`.
fn is_subset(small: &[u32], big: &[u32]) -> bool {
    let mut rest = big;
    for &x in small {
        match rest.binary_search(&x) {
            Ok(i) => rest = &rest[i + 1..],
            Err(_) => return false,
        }
    }
    true
}
