//! Tests for the coverage solver: hand-computed cases, and random instances
//! checked against brute force.

use super::*;
use crate::rng::Rng;

/// Best objective over all feasible solutions, by enumeration.
fn brute_force(p: &CoverageProblem) -> f64 {
    let m = p.lengths.len();
    assert!(m <= 16);
    let coverage = |covered: &[bool]| -> f64 {
        covered
            .iter()
            .zip(&p.weights)
            .filter(|&(&c, &w)| c && w.is_finite() && w > 0.0)
            .map(|(_, &w)| w)
            .sum()
    };
    let mut best = 0.0f64;
    for mask in 0u32..1 << m {
        let has = |j: usize| mask >> j & 1 == 1;
        if p.exclusions.iter().any(|&(a, b)| a != b && has(a as usize) && has(b as usize)) {
            continue;
        }
        let used: u64 = (0..m).filter(|&j| has(j)).map(|j| u64::from(p.lengths[j])).sum();
        let mut covered = vec![false; p.weights.len()];
        for j in (0..m).filter(|&j| has(j)) {
            for &c in &p.concepts[j] {
                covered[c as usize] = true;
            }
        }
        if used <= u64::from(p.budget) {
            best = best.max(coverage(&covered));
        }
        // The same set plus one more sentence, cut to fit.
        if let Overrun::Truncate { concept_ends } = &p.overrun {
            if used > u64::from(p.budget) {
                continue;
            }
            let room = (u64::from(p.budget) - used) as u32;
            for t in (0..m).filter(|&t| !has(t)) {
                if p.exclusions.iter().any(|&(a, b)| {
                    a != b
                        && ((a as usize == t && has(b as usize))
                            || (b as usize == t && has(a as usize)))
                }) {
                    continue;
                }
                let mut with_t = covered.clone();
                for (&c, &e) in p.concepts[t].iter().zip(&concept_ends[t]) {
                    if e.min(p.lengths[t]) <= room.min(p.lengths[t]) {
                        with_t[c as usize] = true;
                    }
                }
                best = best.max(coverage(&with_t));
            }
        }
    }
    best
}

/// Checks that a solution is feasible and that its objective is what it
/// claims.
fn check_feasible(p: &CoverageProblem, s: &CoverageSolution) {
    assert!(s.selected.windows(2).all(|w| w[0] < w[1]), "selected is sorted and unique");
    for &(a, b) in &p.exclusions {
        assert!(
            a == b || !(s.selected.contains(&(a as usize)) && s.selected.contains(&(b as usize))),
            "exclusion ({a}, {b}) violated"
        );
    }
    let whole: Vec<usize> = s
        .selected
        .iter()
        .copied()
        .filter(|&j| s.truncated.is_none_or(|t| t.sentence != j))
        .collect();
    let used: u64 = whole.iter().map(|&j| u64::from(p.lengths[j])).sum();
    assert!(used <= u64::from(p.budget), "within budget");
    let mut covered = vec![false; p.weights.len()];
    for &j in &whole {
        for &c in &p.concepts[j] {
            covered[c as usize] = true;
        }
    }
    if let Some(t) = s.truncated {
        let Overrun::Truncate { concept_ends } = &p.overrun else {
            panic!("truncation without Truncate")
        };
        assert_eq!(u64::from(t.kept_words), u64::from(p.budget) - used);
        assert!(t.kept_words < p.lengths[t.sentence]);
        for (&c, &e) in p.concepts[t.sentence].iter().zip(&concept_ends[t.sentence]) {
            if e <= t.kept_words {
                covered[c as usize] = true;
            }
        }
    } else {
        assert_eq!(whole.len(), s.selected.len());
    }
    let value: f64 = covered
        .iter()
        .zip(&p.weights)
        .filter(|&(&c, &w)| c && w.is_finite() && w > 0.0)
        .map(|(_, &w)| w)
        .sum();
    assert!(
        (value - s.objective).abs() <= 1e-9 * value.max(1.0),
        "objective {} vs {value}",
        s.objective
    );
    assert!(s.upper_bound >= s.objective);
}

/// Solves `p` and checks the result against brute force.
fn check_exact(p: &CoverageProblem) -> CoverageSolution {
    let s = solve(p, &SolveLimits::default());
    check_feasible(p, &s);
    let best = brute_force(p);
    assert!(s.optimal);
    assert!(
        (s.objective - best).abs() <= 1e-9 * best.max(1.0),
        "solver {} vs brute force {best} on {p:?}",
        s.objective
    );
    assert!(
        s.upper_bound <= best + 1e-6 * best.max(1.0),
        "bound {} vs optimum {best} on {p:?}",
        s.upper_bound
    );
    s
}

/// A random instance: skewed concept frequencies, as in news clusters.
fn random_problem(rng: &mut Rng, truncate: bool) -> CoverageProblem {
    random_sized(rng, truncate, 13, 20, 30)
}

/// A random instance with up to `max_m` sentences, `max_n` concepts and a
/// budget below `max_budget`.
fn random_sized(
    rng: &mut Rng,
    truncate: bool,
    max_m: u64,
    max_n: u64,
    max_budget: u64,
) -> CoverageProblem {
    let m = 1 + rng.below(max_m) as usize;
    let n = 1 + rng.below(max_n) as usize;
    let integral = rng.below(2) == 0;
    let weights: Vec<f64> =
        (0..n)
            .map(|_| {
                if integral {
                    1.0 + rng.below(5) as f64
                } else {
                    0.1 + rng.below(1000) as f64 / 97.0
                }
            })
            .collect();
    let mut lengths = Vec::new();
    let mut concepts = Vec::new();
    let mut ends = Vec::new();
    for _ in 0..m {
        let len = 1 + rng.below(12) as u32;
        let k = rng.below(6) as usize;
        // Squaring favours low ids, so some concepts are shared widely.
        let cs: Vec<u32> = (0..k)
            .map(|_| {
                let r = rng.below(n as u64);
                (r * r / n as u64) as u32
            })
            .collect();
        ends.push(cs.iter().map(|_| 1 + rng.below(u64::from(len) + 1) as u32).collect());
        lengths.push(len);
        concepts.push(cs);
    }
    let mut exclusions = Vec::new();
    for _ in 0..rng.below(4) {
        exclusions.push((rng.below(m as u64) as u32, rng.below(m as u64) as u32));
    }
    let budget = rng.below(max_budget) as u32;
    let overrun = if truncate { Overrun::Truncate { concept_ends: ends } } else { Overrun::Forbid };
    CoverageProblem { lengths, concepts, weights, budget, exclusions, overrun }
}

#[test]
fn doc_example_by_hand() {
    let p = CoverageProblem {
        lengths: vec![6, 5, 5],
        concepts: vec![vec![0, 1, 2], vec![0, 1], vec![2, 3]],
        weights: vec![3.0, 2.0, 2.0, 1.0],
        budget: 10,
        ..CoverageProblem::default()
    };
    let s = check_exact(&p);
    assert_eq!(s.selected, vec![1, 2]);
    assert_eq!(s.objective, 8.0);
    assert_eq!(s.upper_bound, 8.0);
    assert_eq!(s.gap(), 0.0);
}

#[test]
fn exclusion_forces_second_best() {
    // Alone, {0, 1} covers everything (weight 10); excluding the pair leaves
    // {0, 2}: concepts 0, 1, 2 and 3 = 8.
    let p = CoverageProblem {
        lengths: vec![4, 4, 4],
        concepts: vec![vec![0, 1], vec![2, 3, 4], vec![2, 3]],
        weights: vec![3.0, 2.0, 2.0, 1.0, 2.0],
        budget: 8,
        exclusions: vec![(1, 0)],
        ..CoverageProblem::default()
    };
    let s = check_exact(&p);
    assert_eq!(s.selected, vec![0, 2]);
    assert_eq!(s.objective, 8.0);
}

#[test]
fn truncation_keeps_early_concepts() {
    // Budget 10: after sentence 0 (6 words), the first 4 words of sentence 1
    // still hold concept 2 (weight 5): 4 + 5 beats sentence 1 alone (6), the
    // strict optimum.
    let p = CoverageProblem {
        lengths: vec![6, 8, 5],
        concepts: vec![vec![0], vec![2, 3], vec![1]],
        weights: vec![4.0, 3.0, 5.0, 1.0],
        budget: 10,
        overrun: Overrun::Truncate { concept_ends: vec![vec![6], vec![4, 8], vec![5]] },
        ..CoverageProblem::default()
    };
    let s = check_exact(&p);
    assert_eq!(s.selected, vec![0, 1]);
    assert_eq!(s.truncated, Some(Truncation { sentence: 1, kept_words: 4 }));
    assert_eq!(s.objective, 9.0);

    let strict = CoverageProblem { overrun: Overrun::Forbid, ..p };
    let s = check_exact(&strict);
    assert_eq!(s.selected, vec![1]);
    assert_eq!(s.objective, 6.0);
    assert_eq!(s.truncated, None);
}

#[test]
fn overlong_sentence_can_be_cut() {
    let p = CoverageProblem {
        lengths: vec![30],
        concepts: vec![vec![0, 1]],
        weights: vec![1.0, 2.0],
        budget: 10,
        overrun: Overrun::Truncate { concept_ends: vec![vec![3, 12]] },
        ..CoverageProblem::default()
    };
    let s = check_exact(&p);
    assert_eq!(s.selected, vec![0]);
    assert_eq!(s.truncated, Some(Truncation { sentence: 0, kept_words: 10 }));
    assert_eq!(s.objective, 1.0);
}

#[test]
fn degenerate_inputs() {
    let empty = solve(&CoverageProblem::default(), &SolveLimits::default());
    assert_eq!(
        (empty.selected.len(), empty.objective, empty.upper_bound, empty.optimal),
        (0, 0.0, 0.0, true)
    );

    // Zero budget, unusable weights, repeated concepts, a self-exclusion.
    let p = CoverageProblem {
        lengths: vec![0, 3, 2],
        concepts: vec![vec![1, 1], vec![0, 2], vec![2, 2, 3]],
        weights: vec![f64::NAN, 2.0, -1.0, 0.5],
        budget: 0,
        exclusions: vec![(0, 0)],
        ..CoverageProblem::default()
    };
    let s = check_exact(&p);
    assert_eq!(s.selected, vec![0]);
    assert_eq!(s.objective, 2.0);
    let s = check_exact(&CoverageProblem { budget: 2, ..p });
    assert_eq!(s.selected, vec![0, 2]);
    assert_eq!(s.objective, 2.5);
}

#[test]
fn identical_sentences_pick_the_first() {
    let p = CoverageProblem {
        lengths: vec![5, 5, 5],
        concepts: vec![vec![0, 1], vec![1, 0], vec![0, 1]],
        weights: vec![1.0, 1.0],
        budget: 12,
        ..CoverageProblem::default()
    };
    assert_eq!(check_exact(&p).selected, vec![0]);
}

#[test]
fn matches_brute_force_on_random_instances() {
    let mut rng = Rng::new(7);
    for round in 0..3000 {
        let p = random_problem(&mut rng, round % 2 == 1);
        check_exact(&p);
    }
}

#[test]
fn node_limit_reports_a_valid_bound() {
    let mut rng = Rng::new(11);
    for round in 0..500 {
        let p = random_problem(&mut rng, round % 2 == 1);
        let best = brute_force(&p);
        for max_nodes in [0, 1, 2] {
            let s = solve(&p, &SolveLimits { max_nodes, ..SolveLimits::default() });
            check_feasible(&p, &s);
            assert!(s.objective <= best + 1e-9 * best.max(1.0));
            assert!(
                s.upper_bound >= best - 1e-9 * best.max(1.0),
                "bound {} below optimum {best}",
                s.upper_bound
            );
            assert!(s.nodes <= max_nodes);
            if s.optimal {
                assert!((s.objective - best).abs() <= 1e-9 * best.max(1.0));
            }
        }
    }
}

#[test]
fn same_input_same_output() {
    let mut rng = Rng::new(3);
    for round in 0..200 {
        let p = random_problem(&mut rng, round % 2 == 1);
        let limits = SolveLimits { max_nodes: 3, ..SolveLimits::default() };
        let (a, b) = (solve(&p, &limits), solve(&p, &limits));
        assert_eq!(
            (&a.selected, a.truncated, a.objective, a.upper_bound, a.nodes),
            (&b.selected, b.truncated, b.objective, b.upper_bound, b.nodes)
        );
    }
}

#[test]
fn matches_brute_force_when_the_search_branches() {
    // Larger instances, so that most need more than the root node.
    let mut rng = Rng::new(5);
    let mut branched = 0;
    for round in 0..300 {
        let p = random_sized(&mut rng, round % 2 == 1, 16, 40, 60);
        branched += usize::from(check_exact(&p).nodes > 1);
        let limited = solve(&p, &SolveLimits { max_nodes: 4, ..SolveLimits::default() });
        check_feasible(&p, &limited);
        let best = brute_force(&p);
        assert!(limited.upper_bound >= best - 1e-9 * best.max(1.0));
    }
    eprintln!("branched {branched}");
    assert!(branched >= 50, "only {branched} instances branched");
}

/// Solves `p` with `limits` and checks the result against brute force.
fn check_exact_with(p: &CoverageProblem, limits: &SolveLimits) -> CoverageSolution {
    let s = solve(p, limits);
    check_feasible(p, &s);
    let best = brute_force(p);
    assert!(s.optimal, "not finished on {p:?}");
    assert!(
        (s.objective - best).abs() <= 1e-9 * best.max(1.0),
        "solver {} vs brute force {best} on {p:?}",
        s.objective
    );
    assert!(s.upper_bound >= best - 1e-9 * best.max(1.0));
    s
}

#[test]
fn scaled_knapsack_widths_stay_exact() {
    // Budgets above `max_width` scale lengths down in the bound: the bound
    // must stay valid, picks that overrun the real budget must be repaired,
    // and the search must still prove the true optimum.
    let mut rng = Rng::new(17);
    let mut scaled = 0;
    for round in 0..1500 {
        let p = random_sized(&mut rng, round % 2 == 1, 14, 30, 40);
        for max_width in [1, 3, 7] {
            let limits = SolveLimits { max_width, ..SolveLimits::default() };
            scaled += usize::from(p.budget > max_width);
            check_exact_with(&p, &limits);
        }
    }
    assert!(scaled > 3000, "only {scaled} instances were scaled");
}

/// A large instance: `m` sentences of 10-40 words over `n` concepts with a
/// skewed frequency, budget `budget`.
fn large_problem(rng: &mut Rng, m: usize, n: u32, budget: u32, truncate: bool) -> CoverageProblem {
    let mut lengths = Vec::with_capacity(m);
    let mut concepts = Vec::with_capacity(m);
    let mut ends = Vec::with_capacity(m);
    for _ in 0..m {
        let len = 10 + rng.below(31) as u32;
        let k = 3 + rng.below(12) as usize;
        let mut cs = Vec::with_capacity(k);
        let mut es = Vec::with_capacity(k);
        for _ in 0..k {
            // Squaring a uniform draw favours small ids: frequent concepts.
            let u = rng.below(1 << 16);
            cs.push(((u * u * u64::from(n)) >> 32) as u32);
            es.push(1 + rng.below(u64::from(len)) as u32);
        }
        lengths.push(len);
        concepts.push(cs);
        ends.push(es);
    }
    let weights = (0..n).map(|c| 1.0 + f64::from(n - c) / 8.0).collect();
    let overrun = if truncate { Overrun::Truncate { concept_ends: ends } } else { Overrun::Forbid };
    CoverageProblem { lengths, concepts, weights, budget, exclusions: Vec::new(), overrun }
}

#[test]
fn work_limit_bounds_large_problems() {
    // Without a work limit these took minutes (issue 10, defect 1): a few
    // hundred sentences and a budget of thousands of words. With one, the
    // work stays within the allowance (plus at most one knapsack table,
    // since the limit is checked between tables), and the answer is feasible
    // with an honest bound.
    let mut rng = Rng::new(23);
    for (m, budget, truncate) in [(400, 2000, false), (300, 1000, true), (600, 5000, false)] {
        let p = large_problem(&mut rng, m, 3000, budget, truncate);
        let limits = SolveLimits { work_factor: 200, ..SolveLimits::default() };
        let s = solve(&p, &limits);
        check_feasible(&p, &s);
        let allowance = limits.allowance(&p);
        assert_eq!(s.work_limit, allowance);
        let table = (m as u64 * 40 + 1) * (u64::from(limits.max_width) + 1);
        assert!(s.work <= allowance + table, "work {} over {allowance} + {table}", s.work);
        assert!(!s.optimal, "m={m}: a problem this size is not proven within the allowance");
        assert!(s.gap() > 0.0 && s.gap() < 1.0, "gap {}", s.gap());
        // The greedy start alone fills most of the budget.
        let used: u32 = s.selected.iter().map(|&j| p.lengths[j]).sum();
        assert!(used + 40 >= budget, "{used} of {budget} words used");
    }
}

#[test]
fn allowance_scales_with_the_problem() {
    let limits = SolveLimits::default();
    let small = CoverageProblem {
        lengths: vec![5, 5],
        concepts: vec![vec![0, 1], vec![1]],
        weights: vec![1.0, 1.0],
        budget: 10,
        ..CoverageProblem::default()
    };
    assert_eq!(limits.allowance(&small), limits.min_work);
    let mut rng = Rng::new(5);
    let p = large_problem(&mut rng, 400, 3000, 100, false);
    let size: u64 = p.concepts.iter().map(|c| 1 + c.len() as u64).sum();
    assert_eq!(limits.allowance(&p), limits.work_factor * size);
    // Wider tables get less work per unit of size, down to the floor, and
    // budgets beyond the widest table all get the floor.
    let at = |budget: u32| limits.allowance(&CoverageProblem { budget, ..p.clone() });
    assert_eq!(at(150), limits.work_factor * 100 * 100 / (150 * 150) * size);
    assert_eq!(at(250), limits.wide_work_factor * size);
    assert_eq!(at(1_000_000), limits.wide_work_factor * size);
    assert!(at(100) > at(150) && at(150) > at(250));
    // The floor never raises a smaller factor.
    let small_factor = SolveLimits { work_factor: 300, ..limits };
    assert_eq!(small_factor.factor(250), 300);
}

#[test]
fn local_search_improves_the_greedy_start() {
    // With no node to search, the solution is the best start: the greedy
    // solutions, then the local search from the best of them. On random
    // instances the local search must never lose and must often win (it
    // must win on at least a tenth of them).
    let mut rng = Rng::new(31);
    let (mut wins, mut trials) = (0, 0);
    for i in 0..400 {
        let truncate = i % 2 == 0;
        let budget = 60 + rng.below(100) as u32;
        let p = large_problem(&mut rng, 40, 120, budget, truncate);
        let start = SolveLimits { max_nodes: 0, local_search: true, ..SolveLimits::default() };
        let greedy = SolveLimits { local_search: false, ..start };
        let with = solve(&p, &start);
        let without = solve(&p, &greedy);
        check_feasible(&p, &with);
        assert!(!with.optimal, "no node was searched");
        assert!(with.objective >= without.objective - 1e-9, "instance {i}: local search lost");
        trials += 1;
        wins += usize::from(with.objective > without.objective + 1e-9);
    }
    assert!(wins * 10 >= trials, "local search improved only {wins} of {trials} instances");
}

#[test]
fn local_search_keeps_exact_answers() {
    // The local search changes the search's start, never its answer.
    let mut rng = Rng::new(37);
    for _ in 0..300 {
        let truncate = rng.below(2) == 0;
        let p = random_problem(&mut rng, truncate);
        let with = check_exact_with(&p, &SolveLimits::default());
        let limits = SolveLimits { local_search: false, ..SolveLimits::default() };
        let without = check_exact_with(&p, &limits);
        assert!((with.objective - without.objective).abs() <= 1e-9 * with.objective.max(1.0));
    }
}

#[test]
fn a_relative_gap_stops_early_with_an_honest_bound() {
    // A search allowed to stop within 20% of the optimum prunes subtrees
    // that might hold better solutions; the bound it reports must cover them.
    let mut rng = Rng::new(31);
    let limits = SolveLimits { relative_gap: 0.2, ..SolveLimits::default() };
    let mut below = 0;
    for round in 0..500 {
        let p = random_problem(&mut rng, round % 2 == 1);
        let best = brute_force(&p);
        let s = solve(&p, &limits);
        check_feasible(&p, &s);
        assert!(s.objective >= 0.8 * best - 1e-9 * best.max(1.0), "{} vs {best}", s.objective);
        assert!(
            s.upper_bound >= best - 1e-9 * best.max(1.0),
            "bound {} below optimum {best} on {p:?}",
            s.upper_bound
        );
        below += usize::from(s.objective < best - 1e-9 * best.max(1.0));
    }
    assert!(below > 0, "some searches stopped short of the optimum");
}
