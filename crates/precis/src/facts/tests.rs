use super::*;
use crate::represent::Analysis;
use crate::Span;

fn analysis(texts: &[&str]) -> Analysis {
    let sentences = texts
        .iter()
        .enumerate()
        .map(|(p, s)| Sentence {
            doc: p,
            position: 0,
            span: Span::new(0, s.len()),
            text: (*s).to_owned(),
            norm: (*s).to_owned(),
            words: s.split_whitespace().count(),
        })
        .collect();
    Analysis::new(sentences, texts.len(), vec![None; texts.len()])
}

/// The number values of one sentence, read alone.
fn values(text: &str) -> Vec<f64> {
    let mut n = Numbers::default();
    for (w, word) in text.split_whitespace().enumerate() {
        n.word(crate::num::id_u32(w), word);
    }
    n.finish();
    n.values.iter().map(|&k| k as f64 / 1000.0).collect()
}

#[test]
fn numbers_are_read_by_value() {
    assert_eq!(values("about 3,000 people"), [3000.0]);
    assert_eq!(values("some 3000 residents"), [3000.0]);
    assert_eq!(values("three thousand evacuees"), [3000.0]);
    assert_eq!(values("3 thousand"), [3000.0]);
    assert_eq!(values("$2.5 million, or 2,500,000 dollars"), [2_500_000.0, 2_500_000.0]);
    assert_eq!(values("twenty-five of the two hundred thousand"), [25.0, 200_000.0]);
    assert_eq!(values("three thousand five hundred"), [3500.0]);
    assert_eq!(values("up 4.5% on the year"), [4.5]);
    assert_eq!(values("12 and 40."), [12.0, 40.0]);
    // A two-number run split by punctuation stays two numbers.
    assert_eq!(values("3,000, 400 more"), [3000.0, 400.0]);
}

#[test]
fn what_is_not_a_number() {
    assert!(values("one of the worst floods since 1932").is_empty(), "{:?}", values("one of 1932"));
    assert!(values("hundreds of homes, dozens of roads").is_empty());
    assert!(values("the 3-2 win, a 1,23 typo, B52s").is_empty());
    assert_eq!(values("one million"), [1_000_000.0]);
}

#[test]
fn the_same_fact_in_other_words_shares_its_units() {
    let a = analysis(&[
        "Officials in Marlowe said about 3,000 people were evacuated on Sunday.",
        "Three thousand residents were evacuated from Marlowe, officials said on Sunday.",
        "In Marlowe, 3,000 homes lost power on Sunday.",
    ]);
    let same = a.facts.overlap(0, 1);
    assert_eq!(same.shared.numbers, 1, "{same:?}");
    assert_eq!(same.shared.names, 1, "Marlowe: {same:?}");
    // people ~ residents, evacuated ("officials" attributes, "Sunday" dates).
    assert_eq!((same.shared.words, same.shared.dates), (2, 1), "{same:?}");
    assert!(same.same_count, "3,000 people, three thousand residents");
    assert!(same.containment() >= 0.8, "{same:?}");
    let other = a.facts.overlap(0, 2);
    assert_eq!(other.shared.numbers, 1);
    assert!(other.containment() < same.containment(), "{other:?}");
    assert!(a.near_duplicate(0, 1) && !a.near_duplicate_words(0, 1));
    assert!(!a.near_duplicate(0, 2));
}

#[test]
fn names_are_the_clusters_capitalized_stems() {
    let a = analysis(&[
        "The river Aske rose on Sunday near Marlowe.",
        "Marlowe was flooded when the Aske burst its banks on Sunday.",
        "The river rose fast.",
    ]);
    let units = |i: usize| a.facts.units(i).iter().filter(|&&u| u & NAME != 0).count();
    // Aske and Marlowe (not Sunday, not the opening "The").
    assert_eq!(units(0), 2);
    assert_eq!(units(1), 2, "Marlowe opens the sentence but is a name elsewhere");
    assert_eq!(units(2), 0);
}

#[test]
fn synonyms_fold_but_names_do_not() {
    let a = analysis(&[
        "Twelve people died in the storm.",
        "The storm killed twelve residents.",
        "Prices rose as Mr Price spoke.",
    ]);
    let o = a.facts.overlap(0, 1);
    // twelve, people ~ residents, died ~ killed, storm.
    assert_eq!((o.shared.numbers, o.shared.words), (1, 3), "{o:?}");
    assert!(a.facts.units(2).iter().any(|&u| u & NAME != 0), "Price is a name");
    assert!(!a.facts.overlap(2, 2).same_count, "no number, nothing counted");
}
