//! Sparse term vectors.

/// A sparse vector of `(term, weight)` pairs sorted by term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    entries: Vec<(u32, f32)>,
}

impl SparseVec {
    /// Builds a vector from pairs, summing repeated terms.
    pub fn from_pairs(mut pairs: Vec<(u32, f32)>) -> SparseVec {
        pairs.sort_unstable_by_key(|p| p.0);
        // In place: each run of one term is summed, in order, into its first pair.
        pairs.dedup_by(|next, first| {
            let same = next.0 == first.0;
            if same {
                first.1 += next.1;
            }
            same
        });
        SparseVec { entries: pairs }
    }

    /// The vector with each weight multiplied by `scale` of its term.
    pub(crate) fn scaled(&self, scale: impl Fn(u32) -> f32) -> SparseVec {
        SparseVec { entries: self.entries.iter().map(|&(t, w)| (t, w * scale(t))).collect() }
    }

    /// The `(term, weight)` pairs, sorted by term.
    pub fn entries(&self) -> &[(u32, f32)] {
        &self.entries
    }

    /// True when the vector has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Euclidean norm.
    pub fn norm(&self) -> f32 {
        self.entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt()
    }

    /// Scales to unit length (a zero vector stays zero).
    pub fn normalized(mut self) -> SparseVec {
        let n = self.norm();
        if n > 0.0 {
            for e in &mut self.entries {
                e.1 /= n;
            }
        }
        self
    }

    /// Dot product by merging the two sorted entry lists.
    pub fn dot(&self, other: &SparseVec) -> f32 {
        self.dot_and_shared(other).0
    }

    /// The dot product and the number of terms the two vectors share, from
    /// one merge of their sorted entry lists.
    pub(crate) fn dot_and_shared(&self, other: &SparseVec) -> (f32, usize) {
        merge_dot(&self.entries, &other.entries)
    }

    /// Cosine similarity; zero when either vector is zero.
    pub fn cosine(&self, other: &SparseVec) -> f32 {
        let d = self.norm() * other.norm();
        if d > 0.0 {
            self.dot(other) / d
        } else {
            0.0
        }
    }
}

/// The dot product of two sparse vectors whose entries are sorted by key,
/// and the number of keys they share, from one merge of the two lists (the
/// one merge every sparse vector of the core uses, whatever its key and
/// weight types).
pub(crate) fn merge_dot<K: Ord, V>(a: &[(K, V)], b: &[(K, V)]) -> (V, usize)
where
    V: Copy + Default + std::ops::Mul<Output = V> + std::ops::AddAssign,
{
    let (mut i, mut j, mut sum, mut shared) = (0, 0, V::default(), 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (sum, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_cosine() {
        let a = SparseVec::from_pairs(vec![(3, 1.0), (1, 2.0), (3, 1.0)]);
        assert_eq!(a.entries(), &[(1, 2.0), (3, 2.0)]);
        let b = SparseVec::from_pairs(vec![(3, 1.0), (7, 5.0)]);
        assert_eq!(a.dot(&b), 2.0);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-6);
        assert_eq!(a.cosine(&SparseVec::default()), 0.0);
    }
}
