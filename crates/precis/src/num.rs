//! Checked narrowing of counts, lengths and indices.
//!
//! The core stores ids and lengths as `u32` to halve the memory of its
//! tables. A plain `as u32` would wrap silently above `u32::MAX` (a budget of
//! 2^32 + 50 words once became 50); these two make the choice explicit.

/// A length or budget as `u32`, saturating: anything above `u32::MAX`
/// behaves as `u32::MAX`, which is more than any summary or sentence holds.
pub(crate) fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An index or count of in-memory items as a `u32` id.
///
/// # Panics
///
/// If `n` exceeds `u32::MAX`: more sentences, terms or concepts than that in
/// one cluster would need far more memory than the tables indexed by them.
pub(crate) fn id_u32(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 sentences, terms or concepts in one cluster")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowing_never_wraps() {
        assert_eq!(saturating_u32(7), 7);
        assert_eq!(saturating_u32(u32::MAX as usize), u32::MAX);
        assert_eq!(saturating_u32(4_294_967_346), u32::MAX);
        assert_eq!(saturating_u32(usize::MAX), u32::MAX);
        assert_eq!(id_u32(41), 41);
        assert!(std::panic::catch_unwind(|| id_u32(1 << 32)).is_err());
    }
}
