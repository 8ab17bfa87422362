//! Properties of the library on arbitrary text: whatever the documents,
//! summarizing never panics, spans point into the documents on character
//! boundaries, and every budget holds (fill mode only ever cuts).

use precis::{collapse_whitespace, Budget, Cluster, Document, Summarizer};
use proptest::prelude::*;

/// Text that looks a little like news (words, punctuation, paragraph
/// breaks, non-ASCII), or is anything at all.
fn document() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        "[A-Za-z]{1,9}",
        "[A-Z][a-z]{2,8}",
        Just(". ".to_owned()),
        Just("? ".to_owned()),
        Just(", ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\t".to_owned()),
        Just("\"".to_owned()),
        Just("café".to_owned()),
        Just("—".to_owned()),
        Just("東京".to_owned()),
        Just("1.5".to_owned()),
        Just("U.S.".to_owned()),
        Just("  ".to_owned()),
    ];
    let prose = prop::collection::vec(token, 0..160).prop_map(|tokens| {
        let mut text = String::new();
        for t in tokens {
            text.push_str(&t);
            if t.chars().all(char::is_alphanumeric) {
                text.push(' ');
            }
        }
        text
    });
    prop_oneof![4 => prose, 1 => any::<String>()]
}

fn budgets() -> impl Strategy<Value = Budget> {
    (0..3usize, 1..120usize, any::<bool>()).prop_map(|(unit, n, fill)| {
        let b = match unit {
            0 => Budget::words(n),
            1 => Budget::bytes(n * 6),
            _ => Budget::sentences(n % 8 + 1),
        };
        b.with_fill(fill)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn summaries_hold_on_arbitrary_text(texts in prop::collection::vec(document(), 1..4), budget in budgets()) {
        let docs: Vec<Document> =
            texts.iter().enumerate().map(|(i, t)| Document::new(format!("d{i}"), t.clone())).collect();
        let cluster = Cluster::new("prop", docs);
        // Preparing may refuse (no text, binary); it must not panic.
        if precis::prepare(&cluster).is_err() {
            return Ok(());
        }
        let summary = Summarizer::builder().budget(budget).build().unwrap().summarize(&cluster).unwrap();
        let lengths: Vec<&str> = summary.sentences.iter().map(|s| s.text.as_str()).collect();
        prop_assert!(budget.measure(lengths.iter().copied()) <= budget.limit,
            "{:?} exceeded by {:?}", budget, lengths);
        for s in &summary.sentences {
            let i: usize = s.document[1..].parse().unwrap();
            let raw = s.span.slice(&texts[i]);
            prop_assert!(raw.is_some(), "span {:?} not inside document {} on char boundaries", s.span, i);
            prop_assert_eq!(&s.text, &collapse_whitespace(raw.unwrap()));
            prop_assert!(!s.cut || budget.fill, "a sentence was cut without --fill");
            prop_assert!(!s.provenance.contains(&s.document));
        }
    }
}
