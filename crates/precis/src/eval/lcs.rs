//! Longest common subsequences as both ROUGE implementations compute them.
//!
//! ROUGE-L at summary level takes, for each reference sentence, the union
//! of the positions on one LCS with each peer sentence. Which LCS is taken
//! matters when there are several, and both ROUGE-1.5.5.pl (`lcs_inner`,
//! `markLCS`) and rouge-score (`_backtrack_norec`) backtrack the same way:
//! diagonal on a match, else up when `c[i-1][j] >= c[i][j-1]`, else left.

/// A reusable dynamic-programming table.
#[derive(Debug, Default)]
pub(crate) struct LcsTable {
    cells: Vec<u32>,
    weights: Vec<f64>,
    runs: Vec<u32>,
}

impl LcsTable {
    /// Sets `mask[i] = true` for each position `i` of `a` on the LCS of `a`
    /// and `b` that ROUGE's backtracking finds.
    pub(crate) fn mark(&mut self, a: &[u32], b: &[u32], mask: &mut [bool]) {
        let (m, n) = (a.len(), b.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        self.cells.clear();
        self.cells.resize((m + 1) * w, 0);
        let c = &mut self.cells;
        for i in 1..=m {
            for j in 1..=n {
                c[i * w + j] = if a[i - 1] == b[j - 1] {
                    c[(i - 1) * w + j - 1] + 1
                } else {
                    c[(i - 1) * w + j].max(c[i * w + j - 1])
                };
            }
        }
        let (mut i, mut j) = (m, n);
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                i -= 1;
                j -= 1;
                mask[i] = true;
            } else if c[(i - 1) * w + j] >= c[i * w + j - 1] {
                i -= 1;
            } else {
                j -= 1;
            }
        }
    }

    /// ROUGE-W's weighted LCS (`wlcs_inner`): a run of `k` consecutive
    /// matches is worth `k^weight`. Marks the positions of `a` on the path
    /// found as [`LcsTable::mark`] does, but over the weighted table.
    pub(crate) fn mark_weighted(&mut self, a: &[u32], b: &[u32], weight: f64, mask: &mut [bool]) {
        let (m, n) = (a.len(), b.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        self.weights.clear();
        self.weights.resize((m + 1) * w, 0.0);
        self.runs.clear();
        self.runs.resize((m + 1) * w, 0);
        // The script's move at each cell, kept in `cells` for the backtrack:
        // 0 diagonal, 1 up, 2 left.
        self.cells.clear();
        self.cells.resize((m + 1) * w, 0);
        let (c, l, moves) = (&mut self.weights, &mut self.runs, &mut self.cells);
        for i in 1..=m {
            for j in 1..=n {
                let at = i * w + j;
                if a[i - 1] == b[j - 1] {
                    let k = l[(i - 1) * w + j - 1];
                    c[at] = c[(i - 1) * w + j - 1] + f64::from(k + 1).powf(weight)
                        - f64::from(k).powf(weight);
                    moves[at] = 0;
                    l[at] = k + 1;
                } else if c[(i - 1) * w + j] >= c[i * w + j - 1] {
                    c[at] = c[(i - 1) * w + j];
                    moves[at] = 1;
                    l[at] = 0;
                } else {
                    c[at] = c[i * w + j - 1];
                    moves[at] = 2;
                    l[at] = 0;
                }
            }
        }
        let (mut i, mut j) = (m, n);
        while i > 0 && j > 0 {
            match moves[i * w + j] {
                0 => {
                    i -= 1;
                    j -= 1;
                    mask[i] = true;
                }
                1 => i -= 1,
                _ => j -= 1,
            }
        }
    }

    /// The length of an LCS of `a` and `b`.
    pub(crate) fn len(&mut self, a: &[u32], b: &[u32]) -> usize {
        if a.is_empty() || b.is_empty() {
            return 0;
        }
        // One row suffices for the length.
        let n = b.len();
        self.cells.clear();
        self.cells.resize(n + 1, 0);
        let row = &mut self.cells;
        for &x in a {
            let mut diag = 0;
            for j in 1..=n {
                let up = row[j];
                row[j] = if x == b[j - 1] { diag + 1 } else { up.max(row[j - 1]) };
                diag = up;
            }
        }
        row[n] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_marks() {
        let mut t = LcsTable::default();
        // a b c d e vs a c e f: LCS a c e.
        let (a, b) = ([1, 2, 3, 4, 5], [1, 3, 5, 6]);
        assert_eq!(t.len(&a, &b), 3);
        let mut mask = [false; 5];
        t.mark(&a, &b, &mut mask);
        assert_eq!(mask, [true, false, true, false, true]);
        assert_eq!(t.len(&a, &[]), 0);
    }

    #[test]
    fn ties_go_up_first() {
        // a b vs b a: two LCS of length 1. At the last cell, up and left tie
        // and going up leads to the match of `a`, not `b`.
        let mut t = LcsTable::default();
        let mut mask = [false; 2];
        t.mark(&[1, 2], &[2, 1], &mut mask);
        assert_eq!(mask, [true, false]);
    }

    #[test]
    fn weighted_prefers_consecutive_runs() {
        let mut t = LcsTable::default();
        let mut mask = [false; 4];
        t.mark_weighted(&[1, 2, 3, 4], &[1, 2, 3, 4], 1.2, &mut mask);
        assert_eq!(mask, [true; 4]);
    }
}
