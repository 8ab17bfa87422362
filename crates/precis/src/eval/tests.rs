//! Hand-computed cases for both ROUGE modes.
