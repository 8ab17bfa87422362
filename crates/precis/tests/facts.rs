//! The same fact in other words, on a made-up flood story told by four
//! papers: redundancy and provenance must see "about 3,000 people were
//! evacuated" and "three thousand residents were evacuated" as one fact.
//!
//! Each fixture pair below is checked to be missed by the test on stems
//! alone (`near_duplicate_words`), so these tests fail when facts are
//! switched off.

use precis::{prepare, Budget, Cluster, Document, Method, Summarizer, Summary};

/// The evacuation, said four ways by four papers.
const EVACUATED: [&str; 3] = [
    "About 3,000 people were evacuated from low-lying streets of Marlowe as the water rose.",
    "Three thousand residents were evacuated from Marlowe overnight, officials said.",
    "Police evacuated some 3,000 residents of Marlowe as the Aske rose on Sunday, the county sheriff said.",
];
/// The state of emergency, said three ways.
const EMERGENCY: [&str; 3] = [
    "Governor Ann Price declared a state of emergency in Marlowe County on Sunday afternoon.",
    "A state of emergency was announced by Governor Price for Marlowe County, her office said.",
    "Price, the governor, proclaimed a state of emergency for Marlowe County late on Sunday.",
];

fn flood() -> Cluster {
    let docs = [
        (
            "marlowe-ledger",
            "2026-03-01",
            format!(
                "The River Aske burst its banks in Marlowe on Sunday morning after three days of heavy rain. {} {} \
                 Rescue boats reached families trapped on the upper floors of their houses near the old mill. \
                 Mayor Tom Reed said the town had not seen water this high since 1932. \
                 The main bridge over the Aske was closed to all traffic until engineers could inspect it.",
                EVACUATED[0], EMERGENCY[0]
            ),
        ),
        (
            "valley-post",
            "2026-03-01",
            format!(
                "Floodwater covered much of Marlowe on Sunday when the Aske overflowed after days of rain. {} {} \
                 Power was cut to several thousand households across the valley as substations were switched off. \
                 Farmers downstream moved their cattle to higher ground before a second surge arrived.",
                EVACUATED[1], EMERGENCY[1]
            ),
        ),
        (
            "county-chronicle",
            "2026-03-02",
            format!(
                "{} {} \
                 The 3,000 evacuees spent the night in schools and church halls across Marlowe County. \
                 Volunteers filled sandbags outside the town hall for most of Monday morning. \
                 Insurers said claims could run into many millions of dollars.",
                EVACUATED[2], EMERGENCY[2]
            ),
        ),
        (
            "daily-record",
            "2026-03-03",
            "Water levels in Marlowe began to fall on Tuesday, two days after the Aske flooded the town. \
             Some 3,000 people in Marlowe were forced to leave their homes on Sunday, and most have not yet returned. \
             Schools across Marlowe County will stay closed until Thursday while the clean-up goes on. \
             Mayor Tom Reed told reporters that the town would need months to recover. \
             Forecasters expect more rain over the hills at the weekend."
                .to_owned(),
        ),
    ];
    Cluster::new(
        "aske-flood",
        docs.into_iter().map(|(id, date, text)| Document::new(id, text).with_date(date)).collect(),
    )
}

fn summarize(method: Method, words: usize) -> Summary {
    Summarizer::builder()
        .method(method)
        .budget(Budget::words(words))
        .build()
        .expect("a valid configuration")
        .summarize(&flood())
        .expect("the flood story summarizes")
}

#[test]
fn the_same_fact_in_other_words_is_a_near_duplicate() {
    let analysis = prepare(&flood()).unwrap().analysis;
    let index = |text: &str| {
        analysis.sentences.iter().position(|s| s.text == text).unwrap_or_else(|| panic!("{text}"))
    };
    for group in [&EMERGENCY] {
        for (k, a) in group.iter().enumerate() {
            for b in &group[k + 1..] {
                let (a, b) = (index(a), index(b));
                assert!(
                    analysis.near_duplicate(a, b),
                    "{} | {} {:?}",
                    analysis.sentences[a].text,
                    analysis.sentences[b].text,
                    analysis.facts.overlap(a, b)
                );
                assert!(analysis.near_duplicate(b, a));
            }
        }
    }
    // Fixture: the stems alone miss most of these pairs.
    let missed = |group: &[&str; 3]| {
        (0..3)
            .flat_map(|a| (a + 1..3).map(move |b| (a, b)))
            .filter(|&(a, b)| !analysis.near_duplicate_words(index(group[a]), index(group[b])))
            .count()
    };
    assert!(missed(&EMERGENCY) >= 2, "fixture: the emergency must be worded apart");
    // Sharing a number and a place is not saying the same thing.
    let shelter = index(
        "The 3,000 evacuees spent the night in schools and church halls across Marlowe County.",
    );
    assert!(!analysis.near_duplicate(index(EVACUATED[0]), shelter));
    let power = index("Power was cut to several thousand households across the valley as substations were switched off.");
    assert!(!analysis.near_duplicate(index(EVACUATED[1]), power));
}

#[test]
fn a_long_summary_tells_the_state_of_emergency_once() {
    for &method in Method::ALL {
        let summary = summarize(method, 400);
        let count = |group: &[&str; 3]| {
            summary.sentences.iter().filter(|s| group.contains(&s.text.as_str())).count()
        };
        let texts: Vec<&str> = summary.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(count(&EMERGENCY), 1, "{method}: the state of emergency once: {texts:#?}");
    }
}

#[test]
fn provenance_names_every_paper_that_tells_the_fact() {
    let summary = summarize(Method::Auto, 400);
    for group in [&EVACUATED, &EMERGENCY] {
        let s = summary
            .sentences
            .iter()
            .find(|s| group.contains(&s.text.as_str()))
            .expect("the fact is in the summary");
        let mut papers: Vec<&str> = s.provenance.iter().map(String::as_str).collect();
        papers.push(&s.document);
        papers.sort_unstable();
        // The daily-record tells the evacuation only as "forced to leave
        // their homes", and the emergency not at all.
        for paper in ["county-chronicle", "marlowe-ledger", "valley-post"] {
            assert!(
                papers.contains(&paper),
                "{paper} tells {:?}: provenance {:?}",
                s.text,
                s.provenance
            );
        }
    }
}
