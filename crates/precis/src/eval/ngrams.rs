//! Interned token ids and n-gram counts as flat sorted vectors.
//!
//! Both ROUGE modes count clipped n-gram matches: the hits of one n-gram are
//! `min(count in peer, count in model)`. Counting with hash maps of strings
//! (as both reference scorers do) dominates their run time, so here tokens
//! are `u32` ids and a text's n-grams are sorted once into a flat vector of
//! distinct keys with their counts. Clipped hits are then one linear merge
//! of two sorted vectors, and a reference prepared once is reused for every
//! peer scored against it.

use rustc_hash::FxHashMap;

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
#[derive(Debug, Clone, Default)]
pub(crate) struct Grams {
    /// Tokens per gram.
    n: usize,
    /// The distinct grams, `n` ids each, in ascending order.
    keys: Vec<u32>,
    /// How often each gram occurs.
    counts: Vec<u32>,
    /// How many grams the text has in all (ROUGE's `_cn_`).
    pub(crate) total: u32,
}

impl Grams {
    /// The contiguous n-grams of `tokens`.
    pub(crate) fn ngrams(tokens: &[u32], n: usize) -> Grams {
        assert!(n > 0, "n-grams need n >= 1");
        if tokens.len() < n {
            return Grams { n, ..Grams::default() };
        }
        Grams::from_windows(n, tokens.windows(n))
    }

    /// Pairs given as `[first, second]`; `second == u32::MAX` marks a
    /// unigram, as in ROUGE-SU.
    pub(crate) fn pairs(mut pairs: Vec<[u32; 2]>) -> Grams {
        let total = pairs.len() as u32;
        pairs.sort_unstable();
        let mut keys = Vec::with_capacity(pairs.len() * 2);
        let mut counts: Vec<u32> = Vec::with_capacity(pairs.len());
        let mut prev: Option<[u32; 2]> = None;
        for p in pairs {
            if prev == Some(p) {
                *counts.last_mut().unwrap_or(&mut 0) += 1;
            } else {
                keys.extend_from_slice(&p);
                counts.push(1);
                prev = Some(p);
            }
        }
        Grams { n: 2, keys, counts, total }
    }

    fn from_windows<'a>(n: usize, windows: impl Iterator<Item = &'a [u32]>) -> Grams {
        let mut grams: Vec<&[u32]> = windows.collect();
        let total = grams.len() as u32;
        grams.sort_unstable();
        let mut keys = Vec::with_capacity(grams.len() * n);
        let mut counts: Vec<u32> = Vec::with_capacity(grams.len());
        let mut prev: Option<&[u32]> = None;
        for g in grams {
            if prev == Some(g) {
                *counts.last_mut().unwrap_or(&mut 0) += 1;
            } else {
                keys.extend_from_slice(g);
                counts.push(1);
                prev = Some(g);
            }
        }
        Grams { n, keys, counts, total }
    }

    /// Number of distinct grams.
    pub(crate) fn len(&self) -> usize {
        self.counts.len()
    }

    fn key(&self, i: usize) -> &[u32] {
        &self.keys[i * self.n..(i + 1) * self.n]
    }

    /// Clipped matches: the sum over grams of the smaller of the two counts.
    pub(crate) fn hits(&self, other: &Grams) -> u32 {
        debug_assert_eq!(self.n.max(1), other.n.max(1));
        let (mut i, mut j, mut hits) = (0, 0, 0);
        while i < self.len() && j < other.len() {
            match self.key(i).cmp(other.key(j)) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    hits += self.counts[i].min(other.counts[j]);
                    i += 1;
                    j += 1;
                }
            }
        }
        hits
    }

    /// The count of unigram `id` (for `n == 1`), by binary search.
    pub(crate) fn unigram_index(&self, id: u32) -> Option<usize> {
        debug_assert_eq!(self.n, 1);
        self.keys.binary_search(&id).ok()
    }

    /// The counts, indexed like [`Grams::unigram_index`].
    pub(crate) fn counts(&self) -> &[u32] {
        &self.counts
    }
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
    }

    #[test]
    fn interner_is_dense() {
        let mut i = Interner::default();
        assert_eq!((i.intern("a"), i.intern("b"), i.intern("a")), (0, 1, 0));
    }
}
