//! score (in progress).
