//! Properties of the whole pipeline on structured random clusters: news-like
//! sentences in one to seven documents, some repeated or reworded across
//! documents, under every method and kind of budget.
//!
//! Every summary must: slice back to its text through each sentence's span
//! (on character boundaries, whitespace collapsed); fit its budget; hold no
//! two near-duplicates; keep each document's sentences in that document's
//! order; name in provenance only other documents, in cluster order; be the
//! same when summarized twice; and, in fill mode, cut at most one sentence,
//! to a prefix of the sentence it came from. The fuzz targets in `fuzz/`
//! check the same on arbitrary bytes.

use precis::select::Unit;
use precis::{collapse_whitespace, prepare, Budget, Cluster, Document, Method, Summarizer};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "to",
    "close",
    "bridge",
    "after",
    "storm",
    "river",
    "rose",
    "two",
    "metres",
    "on",
    "Tuesday",
    "officials",
    "said",
    "residents",
    "were",
    "told",
    "leave",
    "their",
    "homes",
    "mayor",
    "Anna",
    "Berg",
    "warned",
    "that",
    "rain",
    "would",
    "continue",
    "until",
    "Friday",
    "police",
    "closed",
    "roads",
    "near",
    "harbour",
    "schools",
    "in",
    "Marlowe",
    "power",
    "was",
    "cut",
    "for",
    "thousands",
    "of",
    "families",
    "while",
    "engineers",
    "checked",
    "dam",
    "which",
    "has",
    "stood",
    "since",
    "1932",
    "and",
    "café",
    "owners",
    "counted",
    "losses",
];

/// A sentence of 3 to 30 words ending in a full stop (sometimes another
/// terminator), starting with a capital.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 3..30),
        prop::sample::select(&[".", ".", ".", "!", "?", "...", ".\""][..]),
    )
        .prop_map(|(words, end)| {
            let mut s = words.join(" ");
            if let Some(first) = s.get(..1) {
                let upper = first.to_ascii_uppercase();
                s.replace_range(..1, &upper);
            }
            s.push_str(end);
            s
        })
}

/// Documents of 1 to 14 sentences in paragraphs; some sentences are copied
/// from the document before, whole or with a word dropped, so clusters have
/// near-duplicates and shared content.
fn cluster() -> impl Strategy<Value = Cluster> {
    prop::collection::vec(
        (
            prop::collection::vec((sentence(), 0..8u8), 1..14),
            prop::sample::select(&[" ", "\n\n", "\n"][..]),
        ),
        1..7,
    )
    .prop_map(|docs| {
        let mut previous: Vec<String> = Vec::new();
        let mut documents = Vec::new();
        for (d, (sentences, separator)) in docs.into_iter().enumerate() {
            let mut kept = Vec::new();
            for (i, (s, copy)) in sentences.into_iter().enumerate() {
                let s = match (copy, previous.get(i)) {
                    (0, Some(p)) => p.clone(),
                    (1, Some(p)) => p.split(' ').skip(1).collect::<Vec<_>>().join(" "),
                    _ => s,
                };
                kept.push(s);
            }
            documents.push(Document::new(format!("doc-{d}"), kept.join(separator)));
            previous = kept;
        }
        Cluster::new("prop", documents)
    })
}

fn budget() -> impl Strategy<Value = Budget> {
    (0..3usize, 1..300usize, any::<bool>()).prop_map(|(unit, n, fill)| {
        match unit {
            0 => Budget::words(n),
            1 => Budget::bytes(n * 5),
            _ => Budget::sentences(n % 12 + 1),
        }
        .with_fill(fill)
    })
}

/// Checks every promise of a summary of `cluster` under `method` and `budget`.
fn check(cluster: &Cluster, method: Method, budget: Budget) -> Result<(), TestCaseError> {
    let summarizer = Summarizer::builder().method(method).budget(budget).build().unwrap();
    let summary = summarizer.summarize(cluster).expect("a cluster of sentences summarizes");
    prop_assert_eq!(&summary, &summarizer.summarize(cluster).unwrap(), "not deterministic");
    prop_assert_eq!(summary.budget, budget);

    let used = budget.measure(summary.sentences.iter().map(|s| s.text.as_str()));
    prop_assert!(used <= budget.limit, "{} {:?} over {}", used, budget.unit, budget.limit);
    if budget.unit == Unit::Words {
        prop_assert_eq!(used, summary.word_count());
    }

    let prepared = prepare(cluster).unwrap();
    let analysis = &prepared.analysis;
    let mut picks: Vec<(usize, usize)> = Vec::new();
    let cuts = summary.sentences.iter().filter(|s| s.cut).count();
    prop_assert!(cuts <= usize::from(budget.fill), "{} cuts", cuts);
    for s in &summary.sentences {
        let d = cluster.documents.iter().position(|doc| doc.id == s.document).unwrap();
        let raw = s.span.slice(&cluster.documents[d].text);
        prop_assert!(raw.is_some(), "span {:?} is not a slice of {}", s.span, s.document);
        prop_assert_eq!(collapse_whitespace(raw.unwrap()), s.text.clone());
        let i = analysis
            .sentences
            .iter()
            .position(|a| a.doc == d && a.span.start() == s.span.start())
            .expect("a summary sentence is a prepared sentence");
        if s.cut {
            let whole = &analysis.sentences[i].text;
            prop_assert!(whole.starts_with(&s.text) && whole.len() > s.text.len());
        } else {
            prop_assert_eq!(&analysis.sentences[i].text, &s.text);
        }
        let mut last = None;
        for p in &s.provenance {
            let pd = cluster.documents.iter().position(|doc| &doc.id == p).unwrap();
            prop_assert_ne!(pd, d, "provenance names the sentence's own document");
            prop_assert!(last < Some(pd), "provenance out of cluster order");
            last = Some(pd);
        }
        picks.push((d, i));
    }
    // The sentence selected to be cut in fill mode comes last wherever it
    // stood in its document (even when it turned out to fit whole); the
    // others keep their document's order, except that picks of the lead's
    // article before the lead follow it.
    for (a, &(da, ia)) in picks.iter().enumerate() {
        for (b, &(db, ib)) in picks.iter().enumerate().skip(a + 1) {
            prop_assert_ne!(ia, ib, "a sentence picked twice");
            prop_assert!(
                !analysis.near_duplicate(ia, ib),
                "near-duplicates {:?} and {:?}",
                analysis.sentences[ia].text,
                analysis.sentences[ib].text
            );
            let last_in_fill = budget.fill && b + 1 == picks.len();
            // Picks of the lead's article that stand before the lead (they
            // cannot open a summary) follow it.
            let (dl, il) = picks[0];
            let after_lead = da == dl && ib < il && ia >= il;
            if da == db && !summary.sentences[b].cut && !last_in_fill && !after_lead {
                prop_assert!(ia < ib, "sentences of document {} out of order", da);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_method_keeps_every_promise(
        cluster in cluster(),
        method in prop::sample::select(Method::ALL),
        budget in budget(),
    ) {
        check(&cluster, method, budget)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A fill budget that the chosen sentences would overrun is used to the
    /// last unit: the cut sentence fills it.
    #[test]
    fn fill_uses_the_whole_budget(cluster in cluster(), method in prop::sample::select(Method::ALL), words in 5..60usize) {
        let budget = Budget::words(words).with_fill(true);
        let summary = Summarizer::builder().method(method).budget(budget).build().unwrap().summarize(&cluster).unwrap();
        if summary.sentences.iter().any(|s| s.cut) {
            prop_assert_eq!(summary.word_count(), words);
        }
        check(&cluster, method, budget)?;
    }
}
