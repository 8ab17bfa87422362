//! Google rouge-score's reimplementation on arbitrary pairs: scores lie in
//! [0, 1], F lies between precision and recall, ROUGE(x, x) = 1 when x has
//! a token (2 for ROUGE-2), and swapping the pair swaps
//! precision and recall (except for the summary-level ROUGE-Lsum).
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::eval::rouge_score::{RougeScorer, Score};

fn in_range(s: &Score, what: &str) {
    for (name, v) in [("precision", s.precision), ("recall", s.recall), ("F", s.fmeasure)] {
        assert!((0.0..=1.0).contains(&v), "{what} {name} {v} outside [0, 1]");
    }
    let (lo, hi) = (s.precision.min(s.recall), s.precision.max(s.recall));
    assert!(s.fmeasure >= lo - 1e-12 && s.fmeasure <= hi + 1e-12, "{what}: F outside P..R");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\u{1}').unwrap_or((&text, ""));
    for stem in [false, true] {
        let scorer = RougeScorer::new(stem);
        let ab = scorer.score(a, b);
        let ba = scorer.score(b, a);
        for (x, y, what) in [
            (ab.rouge1, ba.rouge1, "ROUGE-1"),
            (ab.rouge2, ba.rouge2, "ROUGE-2"),
            (ab.rouge_l, ba.rouge_l, "ROUGE-L"),
            (ab.rouge_lsum, ba.rouge_lsum, "ROUGE-Lsum"),
        ] {
            in_range(&x, what);
            in_range(&y, what);
            // Summary-level LCS (ROUGE-Lsum) is not symmetric; the others are.
            if what != "ROUGE-Lsum" {
                assert_eq!(x.precision, y.recall, "{what}: swapping the pair");
                assert_eq!(x.recall, y.precision, "{what}: swapping the pair");
            }
        }
        let same = scorer.score(a, a);
        let words = a
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if words >= 1 {
            assert_eq!(same.rouge1.fmeasure, 1.0, "ROUGE-1(x, x) of {a:?}");
            assert_eq!(same.rouge_l.fmeasure, 1.0, "ROUGE-L(x, x) of {a:?}");
            assert_eq!(same.rouge_lsum.fmeasure, 1.0, "ROUGE-Lsum(x, x) of {a:?}");
        }
        if words >= 2 {
            assert_eq!(same.rouge2.fmeasure, 1.0, "ROUGE-2(x, x) of {a:?}");
        }
    }
});
