//! Submodular selection (Lin & Bilmes 2011).

use super::budget::Budget;
use super::{Candidates, Selection};
use crate::represent::{keep_strongest, Analysis, InvertedIndex};

/// Lin & Bilmes' objective `F(S) = L(S) + λ·R(S)`, maximized greedily with
/// cost scaling.
///
/// * Coverage `L(S) = Σ_i min(C_i(S), α·C_i(V))`, with
///   `C_i(S) = Σ_{j∈S} w_ij` the tf-idf cosine similarity of every sentence `i`
///   of the cluster to the summary: each sentence wants to be covered, up to
///   a fraction `α` of how much the whole cluster covers it.
/// * Diversity `R(S) = Σ_k sqrt(Σ_{j ∈ P_k ∩ S} r_j)` over a partition `P_k`
///   of the sentences into clusters, with singleton reward
///   `r_j = (1/N) Σ_i w_ij`: the square root makes a second sentence from
///   the same cluster worth less than a first one from another.
///
/// Both terms are monotone submodular. The greedy step picks
/// `argmax (F(S ∪ {k}) − F(S)) / cost_k^r` among sentences that fit; the
/// result is compared with the best single sentence, which gives the
/// constant-factor guarantee `(1 − e^{−1/2})` of the paper for `r = 1`.
#[derive(Debug, Clone, Copy)]
pub struct Submodular {
    /// Saturation `α`: a sentence counts as covered at this fraction of its
    /// total similarity to the cluster. Default 0.15.
    pub alpha: f64,
    /// Weight `λ` of the diversity reward. Default 6.
    pub lambda: f64,
    /// Cost scaling exponent `r`. Default 0.3.
    pub cost_exponent: f64,
    /// Sentences per diversity cluster, on average (`K = N / size`). Default 5.
    pub cluster_size: usize,
}

impl Default for Submodular {
    fn default() -> Self {
        Submodular { alpha: 0.15, lambda: 6.0, cost_exponent: 0.3, cluster_size: 5 }
    }
}

impl Submodular {
    /// Selects from `candidates` under `budget`.
    pub fn select(
        &self,
        analysis: &Analysis,
        candidates: &Candidates,
        budget: &Budget,
    ) -> Selection {
        let n = analysis.len();
        if n == 0 || candidates.indices.is_empty() {
            return Selection::default();
        }
        let graph = sparse_similarities(analysis);
        // C_i(V) and singleton rewards r_j (similarity is symmetric).
        let total: Vec<f64> =
            graph.iter().map(|row| 1.0 + row.iter().map(|e| e.1 as f64).sum::<f64>()).collect();
        let reward: Vec<f64> = total.iter().map(|t| t / n as f64).collect();
        let part = partition(analysis, &graph, self.cluster_size);
        let n_parts = part.iter().copied().max().map_or(0, |m| m + 1);
        let cap: Vec<f64> = total.iter().map(|t| self.alpha * t).collect();

        let mut covered = vec![0.0f64; n];
        let mut part_sum = vec![0.0f64; n_parts];
        let gain = |j: usize, covered: &[f64], part_sum: &[f64]| -> f64 {
            // Coverage gain: j covers itself (w_jj = 1) and its neighbours.
            let mut g = (covered[j] + 1.0).min(cap[j]) - covered[j].min(cap[j]);
            for &(i, w) in &graph[j] {
                g += (covered[i] + w as f64).min(cap[i]) - covered[i].min(cap[i]);
            }
            let p = part[j];
            g + self.lambda * ((part_sum[p] + reward[j]).sqrt() - part_sum[p].sqrt())
        };

        let capacity = budget.capacity();
        let mut remaining: Vec<usize> = candidates.indices.clone();
        let mut sel = Selection::default();
        let mut used = 0;
        let mut value = 0.0;
        while used < capacity && !remaining.is_empty() {
            let mut best: Option<(usize, f64, f64)> = None;
            for (k, &j) in remaining.iter().enumerate() {
                let cost = budget.cost(&analysis.sentences[j]);
                if !budget.fill && used + cost > capacity {
                    continue;
                }
                let g = gain(j, &covered, &part_sum);
                let scaled = g / (cost.max(1) as f64).powf(self.cost_exponent);
                if best.is_none_or(|(_, s, _)| scaled > s) {
                    best = Some((k, scaled, g));
                }
            }
            let Some((k, _, g)) = best else { break };
            if g <= 0.0 {
                break;
            }
            let j = remaining.swap_remove(k);
            let cost = budget.cost(&analysis.sentences[j]);
            if used + cost > capacity {
                sel.cut = Some(j);
            }
            used += cost;
            value += g;
            sel.picks.push(j);
            covered[j] += 1.0;
            for &(i, w) in &graph[j] {
                covered[i] += w as f64;
            }
            part_sum[part[j]] += reward[j];
            remaining.retain(|&x| !analysis.near_duplicate(j, x));
        }
        // The guarantee needs the best feasible singleton as a fallback.
        if !budget.fill {
            let zeros = vec![0.0; n];
            let zero_parts = vec![0.0; n_parts];
            let single = candidates
                .indices
                .iter()
                .copied()
                .filter(|&j| budget.cost(&analysis.sentences[j]) <= capacity)
                .map(|j| (j, gain(j, &zeros, &zero_parts)))
                .fold(None, |best: Option<(usize, f64)>, (j, g)| match best {
                    Some((_, bg)) if bg >= g => best,
                    _ => Some((j, g)),
                });
            if let Some((j, g)) = single {
                if g > value {
                    return Selection { picks: vec![j], cut: None };
                }
            }
        }
        sel
    }
}

/// Most neighbours a sentence keeps in the similarity graph (its most
/// similar), so the graph stays linear in the number of sentences.
const MAX_NEIGHBOURS: usize = 256;

/// Cosine-similarity neighbour lists without self-loops, each sentence's
/// [`MAX_NEIGHBOURS`] most similar.
fn sparse_similarities(analysis: &Analysis) -> Vec<Vec<(usize, f32)>> {
    let index = InvertedIndex::new(analysis);
    let mut acc = vec![0.0f32; analysis.len()];
    let mut buf = Vec::new();
    (0..analysis.len())
        .map(|i| {
            analysis.neighbours(&index, i, &mut acc, &mut buf);
            let edges = buf.iter().copied().filter(|e| e.1 > 0.0).collect();
            keep_strongest(edges, MAX_NEIGHBOURS)
        })
        .collect()
}

/// A deterministic partition of the sentences into about `N / size`
/// clusters: seeds are chosen farthest-first from the most central sentence,
/// then each sentence joins its most similar seed (ties to the earlier seed).
fn partition(analysis: &Analysis, graph: &[Vec<(usize, f32)>], size: usize) -> Vec<usize> {
    let n = analysis.len();
    let k = n.div_ceil(size.max(1)).clamp(1, n);
    let degree: Vec<f64> = graph.iter().map(|row| row.iter().map(|e| e.1 as f64).sum()).collect();
    let first =
        (0..n).max_by(|&a, &b| degree[a].total_cmp(&degree[b]).then(b.cmp(&a))).unwrap_or(0);
    let mut seeds = vec![first];
    // closeness[i]: highest similarity of i to any seed so far.
    let mut closeness = vec![0.0f32; n];
    let update = |closeness: &mut Vec<f32>, s: usize| {
        closeness[s] = f32::INFINITY;
        for &(i, w) in &graph[s] {
            closeness[i] = closeness[i].max(w);
        }
    };
    update(&mut closeness, first);
    while seeds.len() < k {
        let next = (0..n)
            .filter(|&i| closeness[i].is_finite())
            .min_by(|&a, &b| closeness[a].total_cmp(&closeness[b]).then(a.cmp(&b)));
        let Some(s) = next else { break };
        seeds.push(s);
        update(&mut closeness, s);
    }
    let mut seed_of = vec![usize::MAX; n];
    for (p, &s) in seeds.iter().enumerate() {
        seed_of[s] = p;
    }
    (0..n)
        .map(|i| {
            if seed_of[i] != usize::MAX {
                return seed_of[i];
            }
            let mut best = (0usize, f32::NEG_INFINITY);
            for &(j, w) in &graph[i] {
                if seed_of[j] != usize::MAX && (w > best.1 || (w == best.1 && seed_of[j] < best.0))
                {
                    best = (seed_of[j], w);
                }
            }
            if best.1.is_finite() {
                best.0
            } else {
                i % seeds.len()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::tests::analysis;

    #[test]
    fn a_picked_sentence_covers_itself() {
        // Two reports of the flood that are alike (cosine well above the
        // saturation α) without being near duplicates, and one about
        // something else. Once a flood report is picked it covers itself
        // up to its cap, so the other flood report adds nothing and the
        // second pick is the unrelated sentence. Were the picked sentence
        // not counted as covering itself, the other report would still gain
        // by covering it and be picked again.
        let a = analysis(&[
            &["The river flooded the old town after heavy rain on Sunday night."],
            &["Rescue teams reached the old town, where the river flooded hundreds of homes."],
            &["The mayor opened a new school in the northern district."],
        ]);
        assert!(!a.near_duplicate(0, 1), "the flood reports must not be near duplicates");
        let candidates = Candidates { indices: vec![0, 1, 2], after: Vec::new() };
        let plain = Submodular { lambda: 0.0, cost_exponent: 0.0, ..Submodular::default() };
        let mut picks = plain.select(&a, &candidates, &Budget::sentences(2)).picks;
        picks.sort_unstable();
        assert!(picks.contains(&2), "picks {picks:?}: the second pick should be the school");
        assert_eq!(picks.len(), 2);
    }
}
