//! Longest common subsequences as both ROUGE implementations compute them.
//!
//! ROUGE-L at summary level takes, for each reference sentence, the union
//! of the positions on one LCS with each peer sentence. Which LCS is taken
//! matters when there are several, and both ROUGE-1.5.5.pl (`lcs_inner`,
//! `markLCS`) and rouge-score (`_backtrack_norec`) backtrack the same way:
//! diagonal on a match, else up when `c[i-1][j] >= c[i][j-1]`, else left.
//!
//! The table is computed bit-parallel (Hyyrö 2004, "Bit-parallel LCS-length
//! computation revisited"): row `i` is one bit per column, a zero bit `j`
//! meaning `c[i][j+1] = c[i][j] + 1`, and a whole row follows from the
//! previous one in a few word operations. Any cell is then the number of
//! zero bits before it, which is all the backtrack needs. A 250 by 230 word
//! table takes about 1,000 word operations instead of 57,500 cell updates.

use std::sync::OnceLock;

/// Marks a token absent from a text's vocabulary.
const NONE: u32 = u32::MAX;

/// The columns of an LCS table: for each distinct token of `b`, the bit
/// mask of the positions where it occurs. Tokens are local ids of `b`'s
/// text (indices into its sorted vocabulary).
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    len: usize,
    words: usize,
    /// Local id to the offset of its mask in `masks`, or [`NONE`].
    slot: Vec<u32>,
    masks: Vec<u64>,
}

impl Columns {
    /// The masks of `b`, whose ids are below `vocabulary`.
    pub(crate) fn new(b: &[u32], vocabulary: usize) -> Columns {
        let words = b.len().div_ceil(64);
        let mut slot = vec![NONE; vocabulary];
        let mut masks = Vec::new();
        for (j, &x) in b.iter().enumerate() {
            if slot[x as usize] == NONE {
                slot[x as usize] = masks.len() as u32;
                masks.resize(masks.len() + words, 0);
            }
            masks[slot[x as usize] as usize + j / 64] |= 1 << (j % 64);
        }
        Columns { len: b.len(), words, slot, masks }
    }

    fn mask(&self, x: u32) -> Option<&[u64]> {
        match self.slot.get(x as usize) {
            Some(&at) if at != NONE => Some(&self.masks[at as usize..at as usize + self.words]),
            _ => None,
        }
    }
}

/// One step of Hyyrö's recurrence: `V ← (V + (V & M)) | (V & !M)`, with
/// the carry running across words.
fn step(v: &mut [u64], m: &[u64]) {
    let mut carry = false;
    for (v, &m) in v.iter_mut().zip(m) {
        let u = *v & m;
        let (sum, c1) = v.overflowing_add(u);
        let (sum, c2) = sum.overflowing_add(u64::from(carry));
        carry = c1 || c2;
        *v = sum | (*v & !m);
    }
}

/// `c[i][j]` from row `i`'s bits: the zero bits among the first `j`.
fn cell(row: &[u64], j: usize) -> u32 {
    let (full, rest) = (j / 64, j % 64);
    let mut ones: u32 = row[..full].iter().map(|w| w.count_ones()).sum();
    if rest > 0 {
        ones += (row[full] & ((1u64 << rest) - 1)).count_ones();
    }
    j as u32 - ones
}

/// A reusable dynamic-programming table.
#[derive(Debug, Default)]
pub(crate) struct LcsTable {
    bits: Vec<u64>,
    cells: Vec<u32>,
    weights: Vec<f64>,
    runs: Vec<u32>,
}

impl LcsTable {
    /// Sets `mask[i] = true` for each position `i` of `a` on the LCS of `a`
    /// and `b` that ROUGE's backtracking finds; `columns` are `b`'s. Both
    /// are in `b`'s local ids, `a`'s tokens that `b`'s text lacks being
    /// [`NONE`].
    pub(crate) fn mark(&mut self, a: &[u32], b: &[u32], columns: &Columns, mask: &mut [bool]) {
        debug_assert_eq!(b.len(), columns.len);
        let (m, n, words) = (a.len(), b.len(), columns.words);
        if m == 0 || n == 0 {
            return;
        }
        // Row i of the table is rows[i * words..(i + 1) * words].
        let rows = &mut self.bits;
        rows.clear();
        rows.resize((m + 1) * words, !0);
        for (i, &x) in a.iter().enumerate() {
            let (done, next) = rows.split_at_mut((i + 1) * words);
            next[..words].copy_from_slice(&done[i * words..]);
            if let Some(mask) = columns.mask(x) {
                step(&mut next[..words], mask);
            }
        }
        let row = |i: usize| &rows[i * words..(i + 1) * words];
        let (mut i, mut j) = (m, n);
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                i -= 1;
                j -= 1;
                mask[i] = true;
            } else if cell(row(i - 1), j) >= cell(row(i), j - 1) {
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

    /// The length of an LCS of `a` and `b`, given as `b`'s columns; `a` is in
    /// `b`'s local ids.
    pub(crate) fn len(&mut self, a: &[u32], columns: &Columns) -> usize {
        let v = &mut self.bits;
        v.clear();
        v.resize(columns.words, !0);
        for &x in a {
            if let Some(mask) = columns.mask(x) {
                step(v, mask);
            }
        }
        cell(v, columns.len) as usize
    }
}

/// A text prepared for summary-level LCS: its sentences in local ids, and
/// the unigram counts that clip LCS hits.
#[derive(Debug, Clone, Default)]
pub(crate) struct LcsText {
    /// The text's distinct global token ids, sorted; a token's local id is
    /// its index here.
    vocabulary: Vec<u32>,
    /// Unigram counts by local id (of the tokens given for clipping, which
    /// ROUGE-1.5.5 reads separately from the sentences).
    counts: Vec<u32>,
    /// Sentences in local ids.
    sentences: Vec<Vec<u32>>,
    /// Each sentence's columns, made when the text is first scored as a peer.
    columns: OnceLock<Vec<Columns>>,
}

impl LcsText {
    /// `sentences` and `clip` in global ids.
    pub(crate) fn new(sentences: &[Vec<u32>], clip: &[u32]) -> LcsText {
        let mut vocabulary: Vec<u32> = sentences.iter().flatten().chain(clip).copied().collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let local = |id: &u32| vocabulary.binary_search(id).unwrap_or_default() as u32;
        let mut counts = vec![0; vocabulary.len()];
        for id in clip {
            counts[local(id) as usize] += 1;
        }
        let sentences = sentences.iter().map(|s| s.iter().map(local).collect()).collect();
        LcsText { vocabulary, counts, sentences, columns: OnceLock::new() }
    }

    /// The sentences' total length.
    pub(crate) fn len(&self) -> usize {
        self.sentences.iter().map(Vec::len).sum()
    }

    fn columns(&self) -> &[Columns] {
        self.columns.get_or_init(|| {
            self.sentences.iter().map(|s| Columns::new(s, self.vocabulary.len())).collect()
        })
    }

    /// For each of this text's local ids, `other`'s local id of the same
    /// token, or [`NONE`].
    fn map_to(&self, other: &LcsText) -> Vec<u32> {
        let mut out = vec![NONE; self.vocabulary.len()];
        let (mut i, mut j) = (0, 0);
        while i < self.vocabulary.len() && j < other.vocabulary.len() {
            match self.vocabulary[i].cmp(&other.vocabulary[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out[i] = j as u32;
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }

    /// The length of the LCS of this one-sentence text and `other`'s one
    /// sentence (rouge-score's rougeL).
    pub(crate) fn lcs_len(&self, other: &LcsText, table: &mut LcsTable) -> usize {
        let (Some(a), Some(columns)) = (self.sentences.first(), other.columns().first()) else {
            return 0;
        };
        let map = self.map_to(other);
        let a: Vec<u32> = a.iter().map(|&l| map[l as usize]).collect();
        table.len(&a, columns)
    }

    /// Summary-level union-LCS hits of this (model) text against `peer`:
    /// for each sentence here, the union of its LCS positions with every
    /// peer sentence, each position a hit while both texts' unigram counts
    /// last (ROUGE-1.5.5's `lcs`, rouge-score's `_summary_level_lcs`). With
    /// a weight, ROUGE-1.5.5's `wlcs` instead: the weighted table, and runs
    /// of consecutive hit positions worth `length^weight`.
    ///
    /// Returns the hits and the model length (each sentence's length to the
    /// power `weight` under ROUGE-W).
    pub(crate) fn union_lcs(
        &self,
        peer: &LcsText,
        weight: Option<f64>,
        table: &mut LcsTable,
    ) -> (f64, f64) {
        let weigh = |x: f64| weight.map_or(x, |w| x.powf(w));
        let map = self.map_to(peer);
        let mut model_left = self.counts.clone();
        let mut peer_left = peer.counts.clone();
        let columns = peer.columns();
        let (mut hits, mut base) = (0.0, 0.0);
        let (mut mapped, mut mask) = (Vec::new(), Vec::new());
        for sentence in &self.sentences {
            mapped.clear();
            mapped.extend(sentence.iter().map(|&l| map[l as usize]));
            mask.clear();
            mask.resize(sentence.len(), false);
            base += weigh(sentence.len() as f64);
            for (p, columns) in peer.sentences.iter().zip(columns) {
                match weight {
                    None => table.mark(&mapped, p, columns, &mut mask),
                    Some(w) => table.mark_weighted(&mapped, p, w, &mut mask),
                }
            }
            let mut run = 0u32;
            for (j, &l) in sentence.iter().enumerate() {
                let p = mapped[j];
                if !mask[j] || p == NONE {
                    continue;
                }
                if model_left[l as usize] == 0 || peer_left[p as usize] == 0 {
                    continue;
                }
                model_left[l as usize] -= 1;
                peer_left[p as usize] -= 1;
                match weight {
                    None => hits += 1.0,
                    Some(w) => {
                        // `wlcs` closes a run where the next position is not
                        // on the LCS or the sentence ends, and only there.
                        run += 1;
                        if j + 1 == sentence.len() || !mask[j + 1] {
                            hits += f64::from(run).powf(w);
                            run = 0;
                        }
                    }
                }
            }
        }
        (hits, base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain dynamic program and backtrack of both scripts.
    fn reference_mark(a: &[u32], b: &[u32], mask: &mut [bool]) -> u32 {
        let (m, n) = (a.len(), b.len());
        let mut c = vec![vec![0u32; n + 1]; m + 1];
        for i in 1..=m {
            for j in 1..=n {
                c[i][j] = if a[i - 1] == b[j - 1] {
                    c[i - 1][j - 1] + 1
                } else {
                    c[i - 1][j].max(c[i][j - 1])
                };
            }
        }
        let (mut i, mut j) = (m, n);
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                i -= 1;
                j -= 1;
                mask[i] = true;
            } else if c[i - 1][j] >= c[i][j - 1] {
                i -= 1;
            } else {
                j -= 1;
            }
        }
        c[m][n]
    }

    /// Small ids serve as local ids directly.
    fn columns(b: &[u32]) -> Columns {
        Columns::new(b, 16)
    }

    fn mark(a: &[u32], b: &[u32]) -> Vec<bool> {
        let mut mask = vec![false; a.len()];
        LcsTable::default().mark(a, b, &columns(b), &mut mask);
        mask
    }

    #[test]
    fn length_and_marks() {
        // a b c d e vs a c e f: LCS a c e.
        let (a, b) = ([1, 2, 3, 4, 5], [1, 3, 5, 6]);
        assert_eq!(LcsTable::default().len(&a, &columns(&b)), 3);
        assert_eq!(mark(&a, &b), [true, false, true, false, true]);
        assert_eq!(LcsTable::default().len(&a, &columns(&[])), 0);
    }

    #[test]
    fn ties_go_up_first() {
        // a b vs b a: two LCS of length 1. At the last cell, up and left tie
        // and going up leads to the match of `a`, not `b`.
        assert_eq!(mark(&[1, 2], &[2, 1]), [true, false]);
    }

    #[test]
    fn bit_parallel_equals_the_plain_table() {
        // Small alphabets make many ties; lengths cross the 64-bit words.
        let mut state = 12345u64;
        let mut next = |k: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % k
        };
        let mut table = LcsTable::default();
        for round in 0..400 {
            let alphabet = 2 + next(6);
            let (m, n) = (next(if round % 4 == 0 { 200 } else { 40 }), next(150));
            let a: Vec<u32> = (0..m).map(|_| next(alphabet) as u32).collect();
            let b: Vec<u32> = (0..n).map(|_| next(alphabet) as u32).collect();
            let mut want = vec![false; a.len()];
            let length = reference_mark(&a, &b, &mut want);
            let cols = columns(&b);
            let mut got = vec![false; a.len()];
            table.mark(&a, &b, &cols, &mut got);
            assert_eq!(got, want, "a = {a:?}, b = {b:?}");
            assert_eq!(table.len(&a, &cols), length as usize);
        }
    }

    #[test]
    fn weighted_prefers_consecutive_runs() {
        let mut t = LcsTable::default();
        let mut mask = [false; 4];
        t.mark_weighted(&[1, 2, 3, 4], &[1, 2, 3, 4], 1.2, &mut mask);
        assert_eq!(mask, [true; 4]);
    }
}
