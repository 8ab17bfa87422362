//! Interned token ids and n-gram counts as flat sorted vectors.
//!
//! Both ROUGE modes count clipped n-gram matches: the hits of one n-gram are
//! `min(count in peer, count in model)`. Counting with hash maps of strings
//! (as both reference scorers do) dominates their run time, so here tokens
//! are `u32` ids and a text's n-grams are sorted once into a flat vector of
//! distinct keys with their counts. Clipped hits are then one linear merge
//! of two sorted vectors, and a reference prepared once is reused for every
//! peer scored against it.

use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

/// A fresh id for a scorer, so a prepared text can be checked to belong to
/// the scorer whose token ids it holds.
pub(crate) fn next_scorer_id() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Maps token strings to dense ids.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: FxHashMap<Box<str>, u32>,
}

impl Interner {
    /// The id of `token`, assigning the next one if it is new.
    pub(crate) fn intern(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        // Ids stay below u32::MAX, which the skip-bigram keys use as a marker.
        let id = u32::try_from(self.ids.len()).ok().filter(|&id| id < u32::MAX - 1).unwrap_or_else(
            || panic!("more than {} distinct tokens in one ROUGE scorer", u32::MAX - 1),
        );
        self.ids.insert(token.into(), id);
        id
    }
}

/// The distinct n-grams of a text, sorted, with their counts.
///
/// Grams of up to 2 tokens are packed into one `u64` key, of 3 or 4 into a
/// `u128`; longer ones (ROUGE-5 and up, rarely used) are kept as token
/// slices. Sorting the keys is most of the cost of preparing a text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grams {
    /// Tokens per gram.
    n: usize,
    /// The distinct grams in ascending order, packed (`n <= 2`).
    short: Vec<u64>,
    /// The distinct grams in ascending order, packed (`n` is 3 or 4).
    packed: Vec<u128>,
    /// The distinct grams in ascending order, `n` ids each (`n > 4`).
    flat: Vec<u32>,
    /// How often each gram occurs.
    counts: Vec<u32>,
    /// How many grams the text has in all (ROUGE's `_cn_`).
    pub(crate) total: u32,
}

/// Packs 3 or 4 ids into a key that sorts like the id sequence.
fn pack(gram: &[u32]) -> u128 {
    gram.iter().fold(0u128, |key, &id| (key << 32) | u128::from(id))
}

/// Run-length counts of a sorted sequence.
fn runs<T: PartialEq + Copy>(sorted: &[T]) -> (Vec<T>, Vec<u32>) {
    let mut keys: Vec<T> = Vec::with_capacity(sorted.len());
    let mut counts: Vec<u32> = Vec::with_capacity(sorted.len());
    for &k in sorted {
        match (keys.last(), counts.last_mut()) {
            (Some(&last), Some(count)) if last == k => *count += 1,
            _ => {
                keys.push(k);
                counts.push(1);
            }
        }
    }
    (keys, counts)
}

impl Grams {
    /// The contiguous n-grams of `tokens`.
    pub(crate) fn ngrams(tokens: &[u32], n: usize) -> Grams {
        assert!(n > 0, "n-grams need n >= 1");
        if tokens.len() < n {
            return Grams { n, ..Grams::default() };
        }
        let total = (tokens.len() - n + 1) as u32;
        if n <= 2 {
            let mut keys: Vec<u64> = tokens
                .windows(n)
                .map(|g| g.iter().fold(0, |k, &id| (k << 32) | u64::from(id)))
                .collect();
            keys.sort_unstable();
            let (short, counts) = runs(&keys);
            return Grams { n, short, counts, total, ..Grams::default() };
        }
        if n <= 4 {
            let mut keys: Vec<u128> = tokens.windows(n).map(pack).collect();
            keys.sort_unstable();
            let (packed, counts) = runs(&keys);
            return Grams { n, packed, counts, total, ..Grams::default() };
        }
        let mut grams: Vec<&[u32]> = tokens.windows(n).collect();
        grams.sort_unstable();
        let (distinct, counts) = runs(&grams);
        let flat = distinct.concat();
        Grams { n, flat, counts, total, ..Grams::default() }
    }

    /// Pairs given as `[first, second]`; `second == u32::MAX` marks a
    /// unigram, as in ROUGE-SU.
    pub(crate) fn pairs(pairs: &[[u32; 2]]) -> Grams {
        let mut keys: Vec<u64> =
            pairs.iter().map(|&[a, b]| (u64::from(a) << 32) | u64::from(b)).collect();
        keys.sort_unstable();
        let (short, counts) = runs(&keys);
        Grams { n: 2, short, counts, total: pairs.len() as u32, ..Grams::default() }
    }

    /// Number of distinct grams.
    pub(crate) fn len(&self) -> usize {
        self.counts.len()
    }

    /// Clipped matches: the sum over grams of the smaller of the two counts.
    pub(crate) fn hits(&self, other: &Grams) -> u32 {
        debug_assert!(self.len() == 0 || other.len() == 0 || self.n == other.n);
        if self.n > 4 {
            let n = self.n;
            return merge(self, other, |i, j| {
                self.flat[i * n..(i + 1) * n].cmp(&other.flat[j * n..(j + 1) * n])
            });
        }
        if self.n <= 2 {
            return merge(self, other, |i, j| self.short[i].cmp(&other.short[j]));
        }
        merge(self, other, |i, j| self.packed[i].cmp(&other.packed[j]))
    }
}

/// Sums `min` of the counts of the grams two sorted lists share.
fn merge(a: &Grams, b: &Grams, cmp: impl Fn(usize, usize) -> std::cmp::Ordering) -> u32 {
    let (mut i, mut j, mut hits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match cmp(i, j) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                hits += a.counts[i].min(b.counts[j]);
                i += 1;
                j += 1;
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_clipping() {
        // the cat the cat on the mat / the cat sat on the mat
        let a = [0, 1, 0, 1, 2, 0, 3];
        let b = [0, 1, 4, 2, 0, 3];
        let (a1, b1) = (Grams::ngrams(&a, 1), Grams::ngrams(&b, 1));
        assert_eq!((a1.total, a1.len()), (7, 4));
        // the: min(3, 2) = 2, cat: min(2, 1) = 1, on: 1, mat: 1.
        assert_eq!(a1.hits(&b1), 5);
        assert_eq!(b1.hits(&a1), 5);
        let (a2, b2) = (Grams::ngrams(&a, 2), Grams::ngrams(&b, 2));
        assert_eq!(a2.total, 6);
        // "the cat" min(2, 1), "on the", "the mat".
        assert_eq!(a2.hits(&b2), 3);
        assert_eq!(Grams::ngrams(&a[..1], 2).total, 0);
        // Long grams take the slice path: 1 0 1 2 0 and 0 1 2 0 3 match.
        let (a5, b5) = (Grams::ngrams(&a, 5), Grams::ngrams(&[1, 0, 1, 2, 0, 3], 5));
        assert_eq!((a5.total, a5.hits(&b5)), (3, 2));
    }

    #[test]
    fn interner_is_dense() {
        let mut i = Interner::default();
        assert_eq!((i.intern("a"), i.intern("b"), i.intern("a")), (0, 1, 0));
    }
}
