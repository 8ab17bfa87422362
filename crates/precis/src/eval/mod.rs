//! ROUGE, reproducing the two reference scorers exactly.
//!
//! ROUGE implementations disagree with each other by more than many
//! summarization methods differ, so precis ships both conventions and
//! checks them digit for digit against the real scorers
//! (`scripts/verify-rouge.sh`):
//!
//! - [`rouge155`]: the ROUGE-1.5.5.pl Perl script, the convention of DUC and
//!   of most published multi-document results: its tokenizer, its own Porter
//!   stemmer with WordNet exceptions, stopwords, length limits, ROUGE-N, L,
//!   W, S and SU, multi-reference rules and bootstrap intervals.
//! - [`rouge_score`]: Google's `rouge-score` Python package, the convention
//!   of most recent single-reference work (rouge1, rouge2, rougeL,
//!   rougeLsum).
//!
//! Both prepare a text once (tokens as interned ids, n-gram counts as sorted
//! vectors) so a reference can be scored against many peers cheaply.
//!
//! [`order`] measures what ROUGE does not: whether a summary's sentences come
//! in the order a human reference puts the same content.

pub mod clustering;
mod lcs;
mod ngrams;
pub mod order;
pub mod rouge155;
pub mod rouge_score;
#[cfg(test)]
mod tests;
