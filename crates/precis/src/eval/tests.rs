//! Hand-computed cases for both ROUGE modes: counts, clipping, LCS,
//! skip-bigrams, truncation, stemming, stopwords, several references.
//!
//! The digit-for-digit comparison with the real scorers on real data is
//! `scripts/verify-rouge.sh`; these cases pin the rules down on text small
//! enough to work out by hand.

use super::rouge155::{Options, Rouge155};
use super::rouge_score::{RougeScorer, Score};

/// Scores `peer` against `models` with ROUGE-1.5.5 `flags` and checks
/// `metric`'s recall, precision and F.
#[track_caller]
fn check155(flags: &str, peer: &str, models: &[&str], metric: &str, rpf: [f64; 3]) {
    let rouge = Rouge155::new(Options::from_flags(flags).unwrap());
    let scores = rouge.score_cluster(peer, models);
    let s = scores.get(metric).unwrap_or_else(|| panic!("no {metric} in {scores:?}"));
    assert_eq!([s.recall, s.precision, s.f1], rpf, "{metric} with {flags:?}");
}

#[test]
fn unigram_and_bigram_counts_are_clipped() {
    // Peer: the cat the cat; model: the cat sat.
    // ROUGE-1: "the" min(2, 1) + "cat" min(2, 1) = 2 hits of 3 model and 4
    // peer words; F = P·R / (P/2 + R/2) of the rounded values.
    check155("-n 2 -x", "the cat the cat", &["the cat sat"], "ROUGE-1", [0.66667, 0.5, 0.57143]);
    // ROUGE-2: "the cat" min(2, 1) = 1 of 2 model and 3 peer bigrams.
    check155("-n 2 -x", "the cat the cat", &["the cat sat"], "ROUGE-2", [0.5, 0.33333, 0.4]);
}

#[test]
fn several_models_average_or_best() {
    let models = ["the cat sat", "a dog"];
    // -f A: hits 2 + 0 over model words 3 + 2 and peer words 2 + 2.
    check155("-n 1 -x -f A", "the cat", &models, "ROUGE-1", [0.4, 0.5, 0.44444]);
    // -f B: the model with the best recall (2/3) alone.
    check155("-n 1 -x -f B", "the cat", &models, "ROUGE-1", [0.66667, 1.0, 0.8]);
    // -p: alpha weights precision; 1 gives precision alone.
    check155("-n 1 -x -f A -p 1", "the cat", &models, "ROUGE-1", [0.4, 0.5, 0.5]);
}

#[test]
fn tokens_are_lowercased_alphanumeric_runs() {
    check155("-n 1 -x", "U.S.-led, 3.5%!", &["u s led 3 5"], "ROUGE-1", [1.0, 1.0, 1.0]);
    // Non-ASCII bytes separate tokens too: café is "caf".
    check155("-n 1 -x", "café", &["caf"], "ROUGE-1", [1.0, 1.0, 1.0]);
}

#[test]
fn skip_bigrams_with_and_without_unigrams() {
    let rouge = Rouge155::new(Options::from_flags("-x -2 4 -U").unwrap());
    let s = rouge.score_cluster("a b c d", &["a b c d"]);
    // Pairs within distance 4: ab ac ad bc bd cd.
    assert_eq!(s.get("ROUGE-S4").unwrap().model_count, 6.0);
    // Plus the unigrams a, b, c: the last word starts no pair and is not
    // counted alone either.
    assert_eq!(s.get("ROUGE-SU4").unwrap().model_count, 9.0);
    // Distance 0: adjacent pairs only.
    let s =
        Rouge155::new(Options::from_flags("-x -2 0").unwrap()).score_cluster("a b c d", &["a b"]);
    let s0 = s.get("ROUGE-S0").unwrap();
    assert_eq!((s0.model_count, s0.peer_count, s0.hits), (1.0, 3.0, 1.0));
    // A one-word summary has no pairs, so ROUGE-SU is 0 even on a match.
    check155("-x -2 4 -u", "a", &["a b"], "ROUGE-SU4", [0.0, 0.0, 0.0]);
    // Skip pairs keep their order: "b a" does not match "a b".
    check155("-x -2 4", "b a", &["a b"], "ROUGE-S4", [0.0, 0.0, 0.0]);
}

#[test]
fn summary_level_lcs_takes_the_union_over_peer_sentences() {
    // The example of the ROUGE paper (Lin 2004, section 3.2): reference
    // w1 w2 w3 w4 w5; candidates w1 w2 w6 w7 w8 and w1 w3 w8 w9 w5. The
    // union LCS is w1 w2 w3 w5: 4 of 5 reference and 10 peer words.
    let peer = "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5";
    check155("", peer, &["w1 w2 w3 w4 w5"], "ROUGE-L", [0.8, 0.4, 0.53333]);
}

#[test]
fn lcs_hits_are_clipped_by_unigram_counts() {
    // Model sentences "x y" and "x z"; the peer has one x. The union LCS of
    // each model sentence covers its x, but only one x can count.
    check155("", "x y z", &["x y\nx z"], "ROUGE-L", [0.75, 1.0, 0.85714]);
}

#[test]
fn weighted_lcs_rewards_consecutive_matches() {
    // Model "a b x c d", peer "a b c d": the model's LCS positions form the
    // runs "a b" and "c d", worth 2·2^1.2. The script weighs the model's
    // length twice, (5^1.2)^1.2, and the peer's once, 4^1.2; scores are
    // then taken to the power 1/1.2.
    let hits = 2.0 * 2f64.powf(1.2);
    let recall = (hits / 5f64.powf(1.2).powf(1.2)).powf(1.0 / 1.2);
    let precision = (hits / 4f64.powf(1.2)).powf(1.0 / 1.2);
    let rouge = Rouge155::new(Options::from_flags("-x -w 1.2").unwrap());
    let s = rouge.score_cluster("a b c d", &["a b x c d"]);
    let w = s.get("ROUGE-W-1.2").unwrap();
    assert_eq!(w.hits, hits);
    assert_eq!(w.recall, format!("{recall:.5}").parse::<f64>().unwrap());
    assert_eq!(w.precision, format!("{precision:.5}").parse::<f64>().unwrap());
    // Because of that double weighting, a text does not score 1 against
    // itself: recall is n^-0.2 for one sentence of n words.
    let s = rouge.score_cluster("a b c d", &["a b c d"]);
    assert_eq!(s.get("ROUGE-W-1.2").unwrap().recall, 0.75786);
}

#[test]
fn word_and_byte_limits_cut_peers_and_models() {
    // -l 3: peer "four five one", model "one two three": one hit.
    let peer = "four five one two three";
    check155(
        "-n 1 -x -l 3",
        peer,
        &["one two three four five"],
        "ROUGE-1",
        [0.33333, 0.33333, 0.33333],
    );
    // Punctuation tokens count as words for -l: "a , b" is three words.
    check155("-n 1 -x -l 3", "a , b c", &["a b c"], "ROUGE-1", [0.66667, 1.0, 0.8]);
    // -b 10: "four five " and "one two th".
    check155("-n 1 -x -b 10", peer, &["one two three four five"], "ROUGE-1", [0.0, 0.0, 0.0]);
}

#[test]
fn stemming_and_stopwords() {
    // -m: Porter stems of tokens longer than 3, WordNet exceptions first.
    check155(
        "-n 1 -x -m",
        "cats running children",
        &["cat runs child"],
        "ROUGE-1",
        [1.0, 1.0, 1.0],
    );
    check155("-n 1 -x", "cats running children", &["cat runs child"], "ROUGE-1", [0.0, 0.0, 0.0]);
    // -s: "the" and "on" are stopwords.
    check155("-n 1 -x -s", "the cat on", &["the mat on"], "ROUGE-1", [0.0, 0.0, 0.0]);
    check155("-n 1 -x", "the cat on", &["the mat on"], "ROUGE-1", [0.66667, 0.66667, 0.66667]);
    assert_eq!(super::rouge155::stem("agreement"), "agreem");
    assert_eq!(super::rouge155::stem("children"), "child");
    assert_eq!(super::rouge155::stem("cat"), "cat");
}

#[test]
fn empty_peer_scores_zero() {
    let rouge = Rouge155::new(Options::duc());
    let s = rouge.score_cluster("", &["the cat sat on the mat"]);
    assert!(s.scores.iter().all(|(_, s)| s.recall == 0.0 && s.precision == 0.0 && s.f1 == 0.0));
    assert_eq!(s.scores.len(), 5);
}

#[test]
fn a_summary_scores_one_against_itself() {
    // Not ROUGE-W: see weighted_lcs_rewards_consecutive_matches.
    let rouge = Rouge155::new(Options::from_flags("-n 4 -m -2 4 -U").unwrap());
    for text in ["The cat sat on the mat.\nIt was happy.", "one two three four five"] {
        for (name, s) in rouge.score_cluster(text, &[text, text]).scores {
            assert_eq!([s.recall, s.precision, s.f1], [1.0; 3], "{name} of {text:?}");
        }
    }
}

#[test]
fn averages_of_equal_clusters_have_no_spread() {
    let rouge = Rouge155::new(Options::from_flags("-n 1 -x -c 95 -r 100").unwrap());
    let one = rouge.score_cluster("the cat", &["the cat sat"]);
    let avg = rouge.average(&[one.clone(), one.clone(), one]);
    assert_eq!(avg[0].metric, "ROUGE-1");
    assert_eq!(
        (avg[0].recall.mean, avg[0].recall.low, avg[0].recall.high),
        (0.66667, 0.66667, 0.66667)
    );
    // Token counting pools counts: (2 + 0) hits of (3 + 3) model words.
    let rouge = Rouge155::new(Options::from_flags("-n 1 -x -t 1 -r 1").unwrap());
    let a = rouge.score_cluster("the cat", &["the cat sat"]);
    let b = rouge.score_cluster("dog", &["the cat sat"]);
    // One resample of two draws with srand(0): indices 0 (0.17·2) and 1.
    let avg = rouge.average(&[a, b]);
    assert_eq!(avg[0].recall.mean, 0.33333);
    assert_eq!(avg[0].precision.mean, 0.66667);
}

#[test]
fn flags_parse_like_getopts() {
    let o =
        Options::from_flags("-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u").unwrap();
    assert_eq!(o, Options::duc());
    let names: Vec<String> = o.metrics().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-SU4"]);
    // Bundled switches and attached values.
    assert_eq!(Options::from_flags("-mx -n4 -2 -1 -U").unwrap().metrics().len(), 6);
    assert!(Options::from_flags("-l 10 -b 10").is_err());
    assert!(Options::from_flags("-3 HM").is_err());
    assert!(Options::from_flags("-p 2").is_err());
}

/// Checks precision and recall, and F1 by rouge-score's formula.
#[track_caller]
fn check_score(s: Score, precision: f64, recall: f64) {
    let f = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    assert_eq!((s.precision, s.recall, s.fmeasure), (precision, recall, f));
}

#[test]
fn rouge_score_counts_and_lcs() {
    let scorer = RougeScorer::new(false);
    // Target: the cat sat on the mat; prediction: the cat the mat.
    let s = scorer.score("The cat sat on the mat.", "the cat, the mat");
    // Unigrams: the min(2, 2) + cat + mat = 4 of 4 predicted, 6 target.
    check_score(s.rouge1, 1.0, 4.0 / 6.0);
    // Bigrams: "the cat", "the mat" of 3 predicted and 5 target.
    check_score(s.rouge2, 2.0 / 3.0, 2.0 / 5.0);
    // LCS "the cat the mat".
    check_score(s.rouge_l, 1.0, 4.0 / 6.0);
    // One line each: rougeLsum is rougeL.
    check_score(s.rouge_lsum, 1.0, 4.0 / 6.0);
}

#[test]
fn rouge_score_any_n() {
    let scorer = RougeScorer::new(false);
    let (target, prediction) = ("a b c d a b c", "a b c x a b c d");
    // Trigrams: target abc bcd cda dab abc, prediction abc bcx cxa xab abc bcd;
    // abc twice and bcd once match: 3 of 6 predicted, 3 of 5 target.
    check_score(scorer.score_n(target, prediction, 3), 3.0 / 6.0, 3.0 / 5.0);
    // For 1 and 2 it agrees with `score`.
    let s = scorer.score(target, prediction);
    assert_eq!(scorer.score_n(target, prediction, 1), s.rouge1);
    assert_eq!(scorer.score_n(target, prediction, 2), s.rouge2);
    // Texts shorter than n have no n-grams.
    check_score(scorer.score_n("a b", "a b", 3), 0.0, 0.0);
}

#[test]
fn rouge_score_lsum_uses_newline_sentences() {
    let scorer = RougeScorer::new(false);
    let s = scorer.score("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5");
    check_score(s.rouge_lsum, 0.4, 0.8);
    // The whole-text LCS of "w1 w2 w6 w7 w8 w1 w3 w8 w9 w5" is 4 long too.
    assert_eq!(s.rouge_l.recall, 0.8);
}

#[test]
fn rouge_score_stems_only_long_tokens() {
    let stemmed = RougeScorer::new(true);
    // "cats" (4 letters) is stemmed to "cat"; "was" (3) stays.
    check_score(stemmed.score("cat was", "cats was").rouge1, 1.0, 1.0);
    check_score(RougeScorer::new(false).score("cat", "cats").rouge1, 0.0, 0.0);
    // Python's lower() turns the Kelvin sign into an ASCII k.
    check_score(stemmed.score("king", "\u{212A}ING").rouge1, 1.0, 1.0);
}

#[test]
fn rouge_score_empty_texts_score_zero() {
    let scorer = RougeScorer::new(true);
    let s = scorer.score("", "something");
    check_score(s.rouge1, 0.0, 0.0);
    check_score(s.rouge_l, 0.0, 0.0);
    check_score(s.rouge_lsum, 0.0, 0.0);
    // score_multi keeps the best target per type.
    let best = scorer.score_multi(&["dog", "the cat"], "the cat");
    check_score(best.rouge1, 1.0, 1.0);
}

#[test]
fn a_moved_scorer_keeps_its_prepared_texts() {
    let rouge = Rouge155::new(Options::duc());
    let model = rouge.prepare("the cat sat");
    let moved = Box::new(rouge);
    let peer = moved.prepare("the cat");
    assert_eq!(moved.score(&peer, &[model]).get("ROUGE-1").unwrap().recall, 0.66667);
}

#[test]
fn nist_query_options_are_the_flags_nist_ran() {
    let flags = "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d -l 250";
    assert_eq!(Options::duc_query(250), Options::from_flags(flags).unwrap());
}

#[test]
fn jackknife_averages_the_leave_one_out_scores() {
    let rouge = Rouge155::new(Options::from_flags("-n 2 -m -2 4 -u -r 0").unwrap());
    let peer = rouge.prepare("the flood forced three thousand people from their homes");
    let models: Vec<_> = [
        "three thousand people left their homes in the flood",
        "the river flooded the town",
        "floods forced thousands from homes",
    ]
    .iter()
    .map(|m| rouge.prepare(m))
    .collect();
    let jack = rouge.score_jackknife(&peer, &models);
    for (k, (name, score)) in jack.scores.iter().enumerate() {
        let runs: Vec<f64> = (0..3)
            .map(|out| {
                let rest: Vec<_> =
                    (0..3).filter(|&m| m != out).map(|m| models[m].clone()).collect();
                rouge.score(&peer, &rest).scores[k].1.recall
            })
            .collect();
        let mean = runs.iter().sum::<f64>() / 3.0;
        assert!((score.recall - mean).abs() < 1e-12, "{name}: {} vs {mean}", score.recall);
        // Leaving a model out changes the score: jackknifing is not the plain score.
        assert_ne!(runs[0], runs[1], "{name}");
    }
    // One model: nothing to leave out.
    assert_eq!(rouge.score_jackknife(&peer, &models[..1]), rouge.score(&peer, &models[..1]));
}
