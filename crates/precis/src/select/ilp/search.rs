//! Depth-first branch and bound over a presolved [`Model`], bounded by
//! Lagrangian relaxation with an integer knapsack subproblem.
//!
//! At a node, `S` is the set of items taken so far, `U` the concepts they
//! leave uncovered and `F` the items still free. For multipliers
//! `0 ≤ λ_i ≤ w_i` on `i ∈ U`, every completion `T ⊆ F` satisfies
//!
//! ```text
//! f(S ∪ T) ≤ f(S) + Σ_{i ∈ U} (w_i − λ_i) + Σ_{k ∈ T} v_k,   v_k = Σ_{i ∈ k ∩ U} λ_i,
//! ```
//!
//! because a covered concept earns `w_i − λ_i + λ_i·(times covered) ≥ w_i`
//! and an uncovered one earns `w_i − λ_i ≥ 0`. Maximizing the right side
//! over `T` is a 0/1 knapsack (with one extra state for "a prefix item is
//! used"), solved exactly by dynamic programming over the remaining budget.
//! Subgradient steps on `λ` (Polyak's rule, aimed at the incumbent's value)
//! tighten the bound; concepts no free item contains are priced at `w_i`,
//! which removes them from the bound.
//!
//! The same table gives, for each free item `k`, the bound
//! `f(S) + Σ (w − λ) + v_k + KP(room − l_k)` on every completion that takes
//! `k`; when it cannot beat the incumbent, `k` is fixed out for the subtree.
//!
//! # Bounded work
//!
//! The knapsack table is `items × (room + 1)` cells, so its cost grows with
//! the budget. When the budget `L` exceeds [`SolveLimits::max_width`] `W`,
//! lengths and rooms are scaled to `⌊l · W / L⌋` and `⌊r · W / L⌋`: any set
//! that fits the real room fits the scaled one (a sum of floors is at most
//! the floor of the sum), so the scaled knapsack is still a relaxation and
//! its value still a bound, only a looser one. Its pick may then overrun the
//! real room; [`Search::try_pick`] drops what does not fit before offering it.
//! Below `W` nothing is scaled and the search is exactly the unscaled one.
//!
//! Every knapsack cell, every item scanned for the free list and every item
//! tested for fixing counts as one unit of work; the search stops once it has
//! spent its allowance ([`SolveLimits::allowance`], proportional to the
//! problem's size), so the limit scales with the problem and never depends
//! on the clock.

use std::time::Instant;

use super::model::Model;
use super::SolveLimits;
use crate::num::id_u32;

/// What the search found.
pub(super) struct Outcome {
    /// Model items of the best solution.
    pub items: Vec<u32>,
    /// A proven upper bound on the model's optimum.
    pub upper_bound: f64,
    /// Whether the search finished.
    pub optimal: bool,
    /// Nodes explored.
    pub nodes: u64,
    /// Units of work spent (see the module documentation).
    pub work: u64,
    /// The allowance.
    pub work_limit: u64,
}

/// Runs the branch and bound.
pub(super) fn search(
    model: &Model,
    limits: &SolveLimits,
    max_work: u64,
    start: Instant,
) -> Outcome {
    let mut search = Search::new(model, limits, max_work, start);
    if !model.items.is_empty() {
        for exponent in [1.0, 0.5, 0.0] {
            search.greedy(exponent);
        }
        if limits.local_search {
            let start = search.best_items.clone();
            search.improve(&start);
        }
        search.explore(0, model.weights.iter().sum());
    }
    let mut upper_bound = search.best.max(search.pruned_bound);
    if search.aborted {
        upper_bound = upper_bound.max(search.open_bound);
    }
    Outcome {
        items: search.best_items,
        upper_bound,
        optimal: !search.aborted,
        nodes: search.nodes,
        work: search.work,
        work_limit: search.max_work,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Free,
    In,
    Out,
}

/// The result of bounding a node.
enum Verdict {
    /// No completion beats the incumbent.
    Prune,
    /// Branch on this item; the node's bound is attached.
    Branch { bound: f64, item: u32 },
}

/// Subgradient schedule for one node.
struct Schedule {
    /// Initial step scale.
    theta: f64,
    /// Halve `theta` after this many iterations without a better bound.
    patience: u32,
    /// Give up on the bound after this many iterations.
    max_iterations: u32,
}

/// The first node starts from `λ = w` and earns a long schedule; every other
/// node starts from its parent's best multipliers and needs few steps.
const ROOT: Schedule = Schedule { theta: 1.0, patience: 8, max_iterations: 400 };
const INNER: Schedule = Schedule { theta: 0.5, patience: 3, max_iterations: 40 };
const MIN_THETA: f64 = 1e-3;

struct Search<'a> {
    model: &'a Model,
    limits: &'a SolveLimits,
    start: Instant,

    // The current node.
    status: Vec<Status>,
    /// Items set `Out`, popped back to `Free` on backtracking.
    trail: Vec<u32>,
    chosen: Vec<u32>,
    /// Per concept, how many chosen items cover it.
    cover: Vec<u32>,
    value: f64,
    room: u32,
    prefix_used: bool,

    // The incumbent.
    best: f64,
    best_items: Vec<u32>,

    /// Largest (rounded) bound of any subproblem that was pruned.
    pruned_bound: f64,
    /// Largest bound of any subproblem left unexplored at a limit.
    open_bound: f64,
    aborted: bool,
    nodes: u64,
    /// Work spent so far, and the allowance.
    work: u64,
    max_work: u64,
    /// The knapsack's width: the budget, or [`SolveLimits::max_width`] if smaller.
    width: u32,
    /// Per item, its length in knapsack cells (its length when unscaled).
    cells: Vec<u32>,

    /// Multipliers, one vector per search depth (number of items taken).
    lambdas: Vec<Vec<f64>>,
    scratch: Scratch,
}

/// Buffers reused by every bound computation.
#[derive(Default)]
struct Scratch {
    /// Free items.
    free: Vec<u32>,
    /// The uncovered concepts of each free item, in order, concatenated:
    /// those of `free[i]` are `open_concepts[open_ends[i]..open_ends[i + 1]]`.
    open_concepts: Vec<u32>,
    open_ends: Vec<usize>,
    /// Per concept: uncovered and contained in a free item.
    coverable: Vec<bool>,
    coverable_list: Vec<u32>,
    /// Per item: `v_k` under the current multipliers.
    values: Vec<f64>,
    /// Per concept: how often the knapsack solution covers it.
    count: Vec<u32>,
    /// Knapsack input, as parallel arrays.
    kp_items: Vec<u32>,
    kp_lens: Vec<u32>,
    kp_values: Vec<f64>,
    kp_prefix: Vec<bool>,
    knapsack: Knapsack,
    /// Knapsack solution (positions in `kp_items`, then items).
    pick_positions: Vec<usize>,
    pick: Vec<u32>,
    best_pick: Vec<u32>,
    best_lambda: Vec<f64>,
    /// Per concept marks for evaluating candidate solutions.
    mark: Vec<bool>,
}

impl<'a> Search<'a> {
    fn new(model: &'a Model, limits: &'a SolveLimits, max_work: u64, start: Instant) -> Search<'a> {
        let n = model.weights.len();
        let k = model.items.len();
        let width = model.budget.min(limits.max_width.max(1));
        let scale = |len: u32| -> u32 {
            if model.budget <= width {
                len
            } else {
                // Fits in u32: at most `width` since `len <= budget` for items.
                let scaled = u64::from(len) * u64::from(width) / u64::from(model.budget);
                u32::try_from(scaled).unwrap_or(u32::MAX)
            }
        };
        let cells = model.items.iter().map(|item| scale(item.len)).collect();
        Search {
            model,
            limits,
            start,
            status: vec![Status::Free; k],
            trail: Vec::new(),
            chosen: Vec::new(),
            cover: vec![0; n],
            value: 0.0,
            room: model.budget,
            prefix_used: false,
            best: 0.0,
            best_items: Vec::new(),
            pruned_bound: 0.0,
            open_bound: 0.0,
            aborted: false,
            nodes: 0,
            work: 0,
            max_work,
            width,
            cells,
            lambdas: vec![model.weights.clone()],
            scratch: Scratch {
                coverable: vec![false; n],
                values: vec![0.0; k],
                count: vec![0; n],
                mark: vec![false; n],
                ..Scratch::default()
            },
        }
    }

    /// Bounds at or below this value cannot lead to a better solution.
    fn threshold(&self) -> f64 {
        let noise = 1e-9 * self.best.abs().max(1.0);
        let mut slack = (self.limits.relative_gap * self.best.abs()).max(noise);
        if self.model.integral {
            // Objectives are integers: only `best + 1` or more is better.
            slack = slack.max(1.0 - 1e-7);
        }
        self.best + slack
    }

    /// Records the bound of a pruned subproblem, for the final report.
    fn record_pruned(&mut self, bound: f64) {
        let bound = if self.model.integral { (bound + 1e-9).floor() } else { bound };
        self.pruned_bound = self.pruned_bound.max(bound);
    }

    /// The room `r` in knapsack cells.
    fn cells_of_room(&self, room: u32) -> usize {
        let budget = self.model.budget;
        if budget <= self.width {
            room as usize
        } else {
            let scaled = u64::from(room) * u64::from(self.width) / u64::from(budget);
            usize::try_from(scaled).unwrap_or(usize::MAX)
        }
    }

    fn out_of_limits(&self) -> bool {
        self.nodes >= self.limits.max_nodes
            || self.work >= self.max_work
            || self.limits.time_limit.is_some_and(|limit| self.start.elapsed() >= limit)
    }

    /// Makes `items` the incumbent if `value` beats it.
    fn offer(&mut self, value: f64, items: impl Iterator<Item = u32>) {
        if value > self.best + 1e-12 * self.best.abs().max(1.0) {
            self.best = value;
            self.best_items.clear();
            self.best_items.extend(items);
        }
    }

    /// Explores the subtree of the current node. `bound` is a valid bound
    /// for it (from the parent).
    fn explore(&mut self, depth: usize, mut bound: f64) {
        let mark = self.trail.len();
        loop {
            if self.aborted || self.out_of_limits() {
                self.aborted = true;
                self.open_bound = self.open_bound.max(bound);
                break;
            }
            self.nodes += 1;
            let chosen = std::mem::take(&mut self.chosen);
            self.offer(self.value, chosen.iter().copied());
            self.chosen = chosen;
            match self.bound(depth) {
                Verdict::Prune => break,
                Verdict::Branch { bound: node_bound, item } => {
                    bound = bound.min(node_bound);
                    let saved_value = self.value;
                    let inner = self.trail.len();
                    self.take(item);
                    if self.lambdas.len() <= depth + 1 {
                        self.lambdas.push(Vec::new());
                    }
                    let (parent, child) = self.lambdas.split_at_mut(depth + 1);
                    child[0].clone_from(&parent[depth]);
                    self.explore(depth + 1, bound);
                    self.untake(item, inner, saved_value);
                    self.set_out(item);
                }
            }
        }
        self.restore(mark);
    }

    fn set_out(&mut self, k: u32) {
        self.status[k as usize] = Status::Out;
        self.trail.push(k);
    }

    /// Frees the items fixed out since the trail had length `mark`.
    fn restore(&mut self, mark: usize) {
        for k in self.trail.drain(mark..) {
            self.status[k as usize] = Status::Free;
        }
    }

    fn take(&mut self, k: u32) {
        let model = self.model;
        let item = model.items[k as usize];
        self.status[k as usize] = Status::In;
        self.chosen.push(k);
        self.room -= item.len;
        for &c in &model.item_concepts[k as usize] {
            if self.cover[c as usize] == 0 {
                self.value += model.weights[c as usize];
            }
            self.cover[c as usize] += 1;
        }
        for &x in &model.conflicts[k as usize] {
            if self.status[x as usize] == Status::Free {
                self.set_out(x);
            }
        }
        if item.prefix {
            self.prefix_used = true;
            for &x in &model.prefix_items {
                if self.status[x as usize] == Status::Free {
                    self.set_out(x);
                }
            }
        }
    }

    fn untake(&mut self, k: u32, mark: usize, saved_value: f64) {
        let model = self.model;
        let item = model.items[k as usize];
        self.restore(mark);
        self.status[k as usize] = Status::Free;
        self.chosen.pop();
        self.room += item.len;
        for &c in &model.item_concepts[k as usize] {
            self.cover[c as usize] -= 1;
        }
        self.value = saved_value;
        if item.prefix {
            self.prefix_used = false;
        }
    }

    /// Weight of the uncovered concepts of item `k`.
    fn gain(&self, k: u32) -> f64 {
        let model = self.model;
        model.item_concepts[k as usize]
            .iter()
            .filter(|&&c| self.cover[c as usize] == 0)
            .map(|&c| model.weights[c as usize])
            .sum()
    }

    /// Fixes out items that no longer fit or add nothing, then lists the free
    /// items and the concepts they can still cover.
    fn collect_free(&mut self) {
        let model = self.model;
        self.work += model.items.len() as u64;
        self.scratch.free.clear();
        for k in 0..id_u32(model.items.len()) {
            if self.status[k as usize] != Status::Free {
                continue;
            }
            let useless = model.items[k as usize].len > self.room
                || model.item_concepts[k as usize].iter().all(|&c| self.cover[c as usize] > 0);
            if useless {
                self.set_out(k);
            } else {
                self.scratch.free.push(k);
            }
        }
        let s = &mut self.scratch;
        for &c in &s.coverable_list {
            s.coverable[c as usize] = false;
        }
        s.coverable_list.clear();
        s.open_concepts.clear();
        s.open_ends.clear();
        s.open_ends.push(0);
        for &k in &s.free {
            for &c in &model.item_concepts[k as usize] {
                if self.cover[c as usize] == 0 {
                    s.open_concepts.push(c);
                    if !s.coverable[c as usize] {
                        s.coverable[c as usize] = true;
                        s.coverable_list.push(c);
                    }
                }
            }
            s.open_ends.push(s.open_concepts.len());
        }
    }

    /// Bounds the current node, fixing out items along the way.
    fn bound(&mut self, depth: usize) -> Verdict {
        let model = self.model;
        self.collect_free();
        if self.scratch.free.is_empty() {
            return Verdict::Prune;
        }
        let schedule = if self.nodes == 1 { &ROOT } else { &INNER };
        let mut lambda = std::mem::take(&mut self.lambdas[depth]);
        let mut theta = schedule.theta;
        let mut stale = 0;
        let mut best_bound = f64::INFINITY;
        self.scratch.best_pick.clear();
        let mut verdict = None;
        for _ in 0..schedule.max_iterations {
            // Out of work: the best bound so far stands for the node (at
            // least one iteration runs, so there is one).
            if best_bound.is_finite() && self.work >= self.max_work {
                break;
            }
            let threshold = self.threshold();
            let room_cells = self.cells_of_room(self.room);
            let s = &mut self.scratch;
            let mut base = self.value;
            for &c in &s.coverable_list {
                base += model.weights[c as usize] - lambda[c as usize];
            }
            s.kp_items.clear();
            s.kp_lens.clear();
            s.kp_values.clear();
            s.kp_prefix.clear();
            let mut total_len = 0u64;
            for (i, &k) in s.free.iter().enumerate() {
                let open = &s.open_concepts[s.open_ends[i]..s.open_ends[i + 1]];
                let v: f64 = open.iter().map(|&c| lambda[c as usize]).sum();
                s.values[k as usize] = v;
                if v > 0.0 {
                    let item = model.items[k as usize];
                    s.kp_items.push(k);
                    let cells = self.cells[k as usize];
                    s.kp_lens.push(cells);
                    s.kp_values.push(v);
                    s.kp_prefix.push(item.prefix);
                    total_len += u64::from(cells);
                }
            }
            let cap = usize::try_from(total_len).unwrap_or(usize::MAX).min(room_cells);
            self.work += (s.kp_lens.len() as u64 + 1) * (cap as u64 + 1);
            let kp = s.knapsack.run(&s.kp_lens, &s.kp_values, &s.kp_prefix, cap);
            let ub = base + kp;
            s.knapsack.pick(&s.kp_lens, &mut s.pick_positions);
            s.pick.clear();
            s.pick.extend(s.pick_positions.iter().map(|&p| s.kp_items[p]));
            if !best_bound.is_finite() || ub < best_bound - 1e-12 * best_bound.abs().max(1.0) {
                best_bound = ub;
                stale = 0;
                s.best_pick.clone_from(&s.pick);
                s.best_lambda.clone_from(&lambda);
            } else {
                stale += 1;
            }
            if ub <= threshold {
                self.record_pruned(ub);
                verdict = Some(Verdict::Prune);
                break;
            }
            if self.try_pick() && best_bound <= self.threshold() {
                self.record_pruned(best_bound);
                verdict = Some(Verdict::Prune);
                break;
            }

            // Reduced-cost fixing.
            let threshold = self.threshold();
            let mut fixed = false;
            self.work += self.scratch.free.len() as u64;
            for i in 0..self.scratch.free.len() {
                let k = self.scratch.free[i];
                let item = model.items[k as usize];
                let rest_cells = self.cells_of_room(self.room - item.len);
                let rest = self.scratch.knapsack.best_within(rest_cells, !item.prefix);
                let with_k = base + self.scratch.values[k as usize] + rest;
                if with_k <= threshold {
                    self.record_pruned(with_k);
                    self.set_out(k);
                    fixed = true;
                }
            }
            if fixed {
                self.collect_free();
                if self.scratch.free.is_empty() {
                    verdict = Some(Verdict::Prune);
                    break;
                }
                // The bound is recomputed on the smaller problem with the same
                // multipliers before any step.
                continue;
            }

            // Subgradient step.
            let s = &mut self.scratch;
            for &k in &s.pick {
                for &c in &model.item_concepts[k as usize] {
                    if self.cover[c as usize] == 0 {
                        s.count[c as usize] += 1;
                    }
                }
            }
            let mut norm2 = 0.0;
            for &c in &s.coverable_list {
                let g = f64::from(s.count[c as usize]) - 1.0;
                norm2 += g * g;
            }
            if stale >= schedule.patience {
                theta *= 0.5;
                stale = 0;
            }
            // With `norm2 == 0` the knapsack covers each concept once and no
            // direction helps.
            let go_on = norm2 > 0.0 && theta >= MIN_THETA;
            if go_on {
                let step = theta * (ub - self.best) / norm2;
                for &c in &s.coverable_list {
                    let g = f64::from(s.count[c as usize]) - 1.0;
                    let l = &mut lambda[c as usize];
                    *l = (*l - step * g).clamp(0.0, model.weights[c as usize]);
                }
            }
            for &k in &s.pick {
                for &c in &model.item_concepts[k as usize] {
                    s.count[c as usize] = 0;
                }
            }
            if !go_on {
                break;
            }
        }
        if best_bound.is_finite() {
            lambda.clone_from(&self.scratch.best_lambda);
        }
        self.lambdas[depth] = lambda;
        if let Some(verdict) = verdict {
            return verdict;
        }
        self.branch_item(best_bound)
    }

    /// Picks the item to branch on: from the best bound's knapsack solution,
    /// the free item with the largest gain.
    fn branch_item(&self, bound: f64) -> Verdict {
        let better = |best: Option<(f64, u32)>, k: u32, score: f64| {
            best.is_none_or(|(s, b)| score > s || (score == s && k < b))
        };
        let mut best: Option<(f64, u32)> = None;
        for &k in &self.scratch.best_pick {
            if self.status[k as usize] == Status::Free {
                let score = self.gain(k);
                if better(best, k, score) {
                    best = Some((score, k));
                }
            }
        }
        if best.is_none() {
            for &k in &self.scratch.free {
                if self.status[k as usize] == Status::Free {
                    let score = self.gain(k) / f64::from(self.model.items[k as usize].len.max(1));
                    if better(best, k, score) {
                        best = Some((score, k));
                    }
                }
            }
        }
        match best {
            Some((_, item)) => Verdict::Branch { bound, item },
            None => Verdict::Prune,
        }
    }

    /// Offers the chosen items plus the knapsack's pick (minus any item that
    /// conflicts with an earlier one, or, when lengths are scaled, does not
    /// fit the room the earlier ones leave) as a solution. Returns whether
    /// the incumbent improved.
    fn try_pick(&mut self) -> bool {
        let model = self.model;
        let s = &mut self.scratch;
        let mut kept: Vec<u32> = Vec::with_capacity(s.pick.len());
        let mut room = self.room;
        for &k in &s.pick {
            let len = model.items[k as usize].len;
            if len <= room
                && kept.iter().all(|&x| model.conflicts[k as usize].binary_search(&x).is_err())
            {
                room -= len;
                kept.push(k);
            }
        }
        let mut value = self.value;
        for &k in &kept {
            for &c in &model.item_concepts[k as usize] {
                if self.cover[c as usize] == 0 && !s.mark[c as usize] {
                    s.mark[c as usize] = true;
                    value += model.weights[c as usize];
                }
            }
        }
        for &k in &kept {
            for &c in &model.item_concepts[k as usize] {
                s.mark[c as usize] = false;
            }
        }
        let before = self.best;
        let chosen = std::mem::take(&mut self.chosen);
        self.offer(value, chosen.iter().copied().chain(kept.iter().copied()));
        self.chosen = chosen;
        if self.best > before && self.limits.local_search {
            let start = self.best_items.clone();
            self.improve(&start);
        }
        self.best > before
    }

    /// Local search from the solution `start`: applies the best move that
    /// raises the objective (add one item, or swap one chosen item for one
    /// that is not), until none does, and offers the result. Every item
    /// scanned for a move counts one unit of work; it stops, keeping what it
    /// has, when the allowance is spent.
    fn improve(&mut self, start: &[u32]) {
        let model = self.model;
        let n_items = model.items.len();
        let mut chosen: Vec<u32> = start.to_vec();
        let mut is_chosen = vec![false; n_items];
        // Per item: how many chosen items it conflicts with.
        let mut blocked = vec![0u32; n_items];
        // Per concept: how many chosen items cover it.
        let mut count = vec![0u32; model.weights.len()];
        // Per concept: it is covered by the item being swapped out only.
        let mut lost = vec![false; model.weights.len()];
        let mut room = model.budget;
        let mut prefix_used = false;
        let mut value = 0.0;
        for &k in &chosen {
            let item = model.items[k as usize];
            is_chosen[k as usize] = true;
            room -= item.len;
            prefix_used |= item.prefix;
            for &x in &model.conflicts[k as usize] {
                blocked[x as usize] += 1;
            }
            for &c in &model.item_concepts[k as usize] {
                if count[c as usize] == 0 {
                    value += model.weights[c as usize];
                }
                count[c as usize] += 1;
            }
        }
        let eps = 1e-9 * value.abs().max(1.0);
        loop {
            if self.work >= self.max_work {
                break;
            }
            // (gain, position in `chosen` to remove or usize::MAX, item to add)
            let mut best: Option<(f64, usize, u32)> = None;
            let consider =
                |best: &mut Option<(f64, usize, u32)>, delta: f64, out: usize, y: u32| {
                    if delta > eps && best.is_none_or(|(d, _, _)| delta > d) {
                        *best = Some((delta, out, y));
                    }
                };
            // Adding one item.
            self.work += n_items as u64;
            for y in 0..id_u32(n_items) {
                let item = model.items[y as usize];
                if is_chosen[y as usize]
                    || blocked[y as usize] > 0
                    || item.len > room
                    || (item.prefix && prefix_used)
                {
                    continue;
                }
                let gain: f64 = model.item_concepts[y as usize]
                    .iter()
                    .filter(|&&c| count[c as usize] == 0)
                    .map(|&c| model.weights[c as usize])
                    .sum();
                consider(&mut best, gain, usize::MAX, y);
            }
            // Swapping one chosen item out for one other item.
            for (pos, &x) in chosen.iter().enumerate() {
                self.work += n_items as u64;
                let out = model.items[x as usize];
                let mut loss = 0.0;
                for &c in &model.item_concepts[x as usize] {
                    if count[c as usize] == 1 {
                        lost[c as usize] = true;
                        loss += model.weights[c as usize];
                    }
                }
                let free_room = room + out.len;
                let prefix_free = !prefix_used || out.prefix;
                for y in 0..id_u32(n_items) {
                    let item = model.items[y as usize];
                    if is_chosen[y as usize]
                        || item.len > free_room
                        || (item.prefix && !prefix_free)
                    {
                        continue;
                    }
                    let b = blocked[y as usize];
                    if b > 1 || (b == 1 && model.conflicts[x as usize].binary_search(&y).is_err()) {
                        continue;
                    }
                    let gain: f64 = model.item_concepts[y as usize]
                        .iter()
                        .filter(|&&c| count[c as usize] == 0 || lost[c as usize])
                        .map(|&c| model.weights[c as usize])
                        .sum();
                    consider(&mut best, gain - loss, pos, y);
                }
                for &c in &model.item_concepts[x as usize] {
                    lost[c as usize] = false;
                }
            }
            let Some((_, pos, y)) = best else { break };
            if pos != usize::MAX {
                let x = chosen.swap_remove(pos);
                let item = model.items[x as usize];
                is_chosen[x as usize] = false;
                room += item.len;
                prefix_used &= !item.prefix;
                for &z in &model.conflicts[x as usize] {
                    blocked[z as usize] -= 1;
                }
                for &c in &model.item_concepts[x as usize] {
                    count[c as usize] -= 1;
                }
            }
            let item = model.items[y as usize];
            is_chosen[y as usize] = true;
            room -= item.len;
            prefix_used |= item.prefix;
            for &z in &model.conflicts[y as usize] {
                blocked[z as usize] += 1;
            }
            for &c in &model.item_concepts[y as usize] {
                count[c as usize] += 1;
            }
            chosen.push(y);
        }
        // The objective from the counts, not the running sum, so rounding
        // cannot drift.
        let exact: f64 =
            count.iter().zip(&model.weights).filter(|&(&n, _)| n > 0).map(|(_, &w)| w).sum();
        self.offer(exact, chosen.into_iter());
    }

    /// Greedy by gain per `len^exponent`, as a starting incumbent.
    fn greedy(&mut self, exponent: f64) {
        let model = self.model;
        let mut covered = vec![false; model.weights.len()];
        let mut blocked = vec![false; model.items.len()];
        let mut room = model.budget;
        let mut prefix_used = false;
        let mut value = 0.0;
        let mut chosen = Vec::new();
        loop {
            let mut best: Option<(f64, f64, u32)> = None;
            for k in 0..id_u32(model.items.len()) {
                let item = model.items[k as usize];
                if blocked[k as usize] || item.len > room || (item.prefix && prefix_used) {
                    continue;
                }
                let gain: f64 = model.item_concepts[k as usize]
                    .iter()
                    .filter(|&&c| !covered[c as usize])
                    .map(|&c| model.weights[c as usize])
                    .sum();
                let score = gain / f64::from(item.len.max(1)).powf(exponent);
                if gain > 0.0 && best.is_none_or(|(s, _, _)| score > s) {
                    best = Some((score, gain, k));
                }
            }
            let Some((_, gain, k)) = best else { break };
            let item = model.items[k as usize];
            value += gain;
            room -= item.len;
            prefix_used |= item.prefix;
            blocked[k as usize] = true;
            for &x in &model.conflicts[k as usize] {
                blocked[x as usize] = true;
            }
            for &c in &model.item_concepts[k as usize] {
                covered[c as usize] = true;
            }
            chosen.push(k);
        }
        self.offer(value, chosen.into_iter());
    }
}

/// 0/1 knapsack by dynamic programming over capacity, plus at most one
/// prefix item.
///
/// Whole items go through the usual table `dp0`. Since at most one prefix
/// item is used, it can be added last: `dp1[r] = max(dp0[r], max_e dp0[r − e]
/// + G[e])`, where `G[e]` is the best prefix value of length at most `e`.
/// `dp0` grows with `r`, so only the lengths where `G` steps up matter. This
/// costs `O(cap · steps)` instead of `O(cap · prefix items)`.
#[derive(Default)]
struct Knapsack {
    cap: usize,
    has_prefix: bool,
    /// Best value within capacity `r`, using whole items only.
    dp0: Vec<f64>,
    /// `dp0` before the current item (so each row is computed from the
    /// previous one without aliasing, which lets it vectorize).
    previous: Vec<f64>,
    /// Best value within capacity `r`, using at most one prefix item.
    dp1: Vec<f64>,
    /// Decision bits of `dp0` per (whole item, capacity).
    take: Vec<bool>,
    /// For `dp1[r]`: the prefix length used, if any.
    via: Vec<Option<usize>>,
    /// Per length, the best prefix item: (value, position).
    by_len: Vec<Option<(f64, usize)>>,
    /// Staircase of the best prefix by length: (length, value, position).
    steps: Vec<(usize, f64, usize)>,
    n: usize,
}

impl Knapsack {
    /// Solves the knapsack and returns the best value within `cap`.
    fn run(&mut self, lens: &[u32], values: &[f64], prefix: &[bool], cap: usize) -> f64 {
        let width = cap + 1;
        self.cap = cap;
        self.n = lens.len();
        self.dp0.clear();
        self.dp0.resize(width, 0.0);
        self.take.resize(self.n * width, false);
        // Best prefix per length (first one on ties), then the points where
        // the running maximum steps up.
        self.by_len.clear();
        self.by_len.resize(width, None);
        for idx in (0..self.n).filter(|&idx| prefix[idx]) {
            let (len, v) = (lens[idx] as usize, values[idx]);
            if len < width && self.by_len[len].is_none_or(|(best, _)| v > best) {
                self.by_len[len] = Some((v, idx));
            }
        }
        self.steps.clear();
        let mut top = f64::NEG_INFINITY;
        for (len, entry) in self.by_len.iter().enumerate() {
            if let Some((v, idx)) = *entry {
                if v > top {
                    top = v;
                    self.steps.push((len, v, idx));
                }
            }
        }
        self.has_prefix = !self.steps.is_empty();
        for idx in 0..self.n {
            let row = &mut self.take[idx * width..(idx + 1) * width];
            if prefix[idx] {
                row.fill(false);
                continue;
            }
            let len = lens[idx] as usize;
            let v = values[idx];
            row[..len.min(width)].fill(false);
            if len >= width {
                continue;
            }
            // dp0[r] = max(previous[r], previous[r - len] + v), first on ties.
            self.previous.clone_from(&self.dp0);
            let lower = &self.previous[..width - len];
            let upper = &self.previous[len..];
            let rows = self.dp0[len..].iter_mut().zip(row[len..].iter_mut());
            for ((&low, &up), (out, taken)) in lower.iter().zip(upper).zip(rows) {
                let c = low + v;
                *taken = c > up;
                *out = if *taken { c } else { up };
            }
        }
        if self.has_prefix {
            self.dp1.clear();
            self.dp1.extend_from_slice(&self.dp0);
            self.via.clear();
            self.via.resize(width, None);
            for (step, &(len, v, _)) in self.steps.iter().enumerate() {
                for r in len..width {
                    let c = self.dp0[r - len] + v;
                    if c > self.dp1[r] {
                        self.dp1[r] = c;
                        self.via[r] = Some(step);
                    }
                }
            }
        }
        self.best_within(cap, true)
    }

    /// The best value within capacity `r`, with or without a prefix item.
    fn best_within(&self, r: usize, allow_prefix: bool) -> f64 {
        let r = r.min(self.cap);
        if allow_prefix && self.has_prefix {
            self.dp1[r]
        } else {
            self.dp0[r]
        }
    }

    /// The positions of the items in the optimal solution of the last run.
    fn pick(&self, lens: &[u32], out: &mut Vec<usize>) {
        out.clear();
        let width = self.cap + 1;
        let mut r = self.cap;
        if self.has_prefix {
            if let Some(step) = self.via[r] {
                let (len, _, idx) = self.steps[step];
                out.push(idx);
                r -= len;
            }
        }
        for idx in (0..self.n).rev() {
            if self.take[idx * width + r] {
                out.push(idx);
                r -= lens[idx] as usize;
            }
        }
        out.sort_unstable();
    }
}
