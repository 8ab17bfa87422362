//! Weighted PageRank over a sparse sentence graph.

/// A sparse weighted graph as adjacency lists `(neighbour, weight)`.
pub(crate) type Adjacency = Vec<Vec<(usize, f32)>>;

/// Stationary distribution of a random walk that follows edges in
/// proportion to their weight with probability `damping` and jumps to a
/// uniformly random node otherwise. Nodes without edges jump uniformly.
/// Power iteration stops when the L1 change falls below `tolerance` or after
/// `max_iter` rounds; the result sums to one.
pub(crate) fn pagerank(adj: &Adjacency, damping: f64, tolerance: f64, max_iter: usize) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let out_weight: Vec<f64> = adj.iter().map(|e| e.iter().map(|x| x.1 as f64).sum()).collect();
    let mut p = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        let dangling: f64 = (0..n).filter(|&i| out_weight[i] <= 0.0).map(|i| p[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.iter_mut().for_each(|x| *x = base);
        for (i, edges) in adj.iter().enumerate() {
            if out_weight[i] <= 0.0 {
                continue;
            }
            let share = damping * p[i] / out_weight[i];
            for &(j, w) in edges {
                next[j] += share * w as f64;
            }
        }
        let delta: f64 = p.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < tolerance {
            break;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_centre_wins_and_sums_to_one() {
        let adj: Adjacency = vec![
            vec![(1, 1.0), (2, 1.0), (3, 1.0)],
            vec![(0, 1.0)],
            vec![(0, 1.0)],
            vec![(0, 1.0)],
            vec![],
        ];
        let p = pagerank(&adj, 0.85, 1e-10, 200);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[0] > p[1] && p[1] > p[4]);
        assert!((p[1] - p[2]).abs() < 1e-12);
    }
}
