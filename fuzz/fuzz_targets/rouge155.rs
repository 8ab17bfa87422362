//! The ROUGE-1.5.5 reimplementation (DUC options) on arbitrary pairs:
//! scores lie in [0, 1], hits never exceed either side's count, and
//! ROUGE(x, x) = 1 for every metric that counts anything in x.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::eval::rouge155::{Options, Rouge155};
use std::sync::OnceLock;

fn scorer() -> &'static Rouge155 {
    static SCORER: OnceLock<Rouge155> = OnceLock::new();
    SCORER.get_or_init(|| Rouge155::new(Options::duc()))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (peer, models) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let models: Vec<&str> = models.split('\u{2}').take(4).collect();
    let scorer = scorer();
    let scores = scorer.score_cluster(peer, &models);
    for (name, s) in &scores.scores {
        for (what, v) in [("recall", s.recall), ("precision", s.precision), ("F", s.f1)] {
            assert!((0.0..=1.0).contains(&v), "{name} {what} {v} outside [0, 1]");
        }
        assert!(s.hits <= s.model_count + 1e-9 || name == "ROUGE-W-1.2", "{name}: {s:?}");
    }
    let same = scorer.score_cluster(peer, &[peer]);
    for (name, s) in &same.scores {
        if s.model_count > 0.0 {
            assert_eq!(s.recall, 1.0, "{name} recall of x against x, x = {peer:?}: {s:?}");
            assert_eq!(s.precision, 1.0, "{name} precision of x against x, x = {peer:?}: {s:?}");
        }
    }
});
