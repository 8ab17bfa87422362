//! represent (in progress).
