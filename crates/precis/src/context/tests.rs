//! The context stage on clusters written for these tests.

use super::*;
use crate::{prepare, Budget, Cluster, Document, Error, Method, Summarizer};

/// Five short reports of a flood; two of them say the schools closed.
fn flood() -> Cluster {
    Cluster::new(
        "flood",
        vec![
            Document::new(
                "a",
                "The river rose four metres overnight and flooded the old town on Sunday. \
                 Rescue teams pulled dozens of residents from their homes by boat. \
                 The mayor declared a state of emergency across the district.",
            ),
            Document::new(
                "b",
                "Floodwater covered the old town after the river rose four metres on Sunday. \
                 Army trucks carried sandbags to the embankment through the night. \
                 Forecasters expect more heavy rain to fall on the hills by Wednesday.",
            ),
            Document::new(
                "c",
                "The river burst its banks on Sunday and flooded the old town. \
                 Every primary school in the district stayed closed on Monday while classrooms dried out. \
                 The mayor asked residents to boil their drinking water.",
            ),
            Document::new(
                "d",
                "A state of emergency was declared after the river flooded the old town. \
                 Insurers said the damage to shops and homes would run into millions. \
                 Rescue teams used boats to reach residents trapped upstairs.",
            ),
            Document::new(
                "e",
                "Rain fell for three days before the river flooded the old town on Sunday. \
                 Every primary school in the district closed on Monday, the council said. \
                 The mayor thanked the volunteers who filled sandbags all night.",
            ),
        ],
    )
}

fn sentence_index(cluster: &crate::Prepared, needle: &str) -> usize {
    cluster
        .analysis
        .sentences
        .iter()
        .position(|s| s.text.contains(needle))
        .unwrap_or_else(|| panic!("no sentence holds {needle:?}"))
}

#[test]
fn no_situation_changes_nothing() {
    let prepared = prepare(&flood()).unwrap();
    let w = weigh(&prepared.analysis, &prepared.situation(), 250.0);
    assert!(w.is_neutral());
    assert!(w.sentence.iter().all(|&x| x == 1.0));
    assert_eq!(w.concept(0, 1), 1.0);
    assert_eq!(w.explain(0), None);
}

#[test]
fn query_terms_raise_sentences_and_concepts_that_hold_them() {
    let prepared = prepare(&flood().with_query("Which schools closed?")).unwrap();
    let a = &prepared.analysis;
    let w = weigh(a, &prepared.situation(), 250.0);
    assert!(!w.is_neutral());
    let school = sentence_index(&prepared, "primary school");
    let boats = sentence_index(&prepared, "pulled dozens");
    // Two query terms (school, closed) among the sentence's content words:
    // among the most relevant.
    assert!(w.sentence[school] > 0.7, "{}", w.sentence[school]);
    // Too few words to leave anything out: irrelevant sentences stay, at
    // the least worth.
    assert_eq!(w.sentence[boats], LEAST_WORTH);
    let school_term = a.lexicon.find("school").unwrap();
    let river_term = a.lexicon.find("river").unwrap();
    let the = a.lexicon.find("the").unwrap();
    assert_eq!(w.concept(school_term, the), 1.0 + QUERY_BOOST);
    assert!(w.concept(river_term, the) < w.concept(school_term, the));
    let explained = w.explain(school).unwrap();
    assert!(explained.contains("query relevance"), "{explained}");
}

#[test]
fn a_query_focused_summary_answers_the_question() {
    let summarizer =
        Summarizer::builder().method(Method::Ilp).budget(Budget::words(25)).build().unwrap();
    let summary = summarizer.summarize(&flood().with_query("Which schools closed?")).unwrap();
    assert!(
        summary.sentences.iter().any(|s| s.text.contains("primary school")),
        "{:?}",
        summary.text()
    );
    for method in [Method::LexRank, Method::Learned, Method::Auto] {
        let s = Summarizer::builder().method(method).budget(Budget::words(25)).build().unwrap();
        let summary = s.summarize(&flood().with_query("Which schools closed?")).unwrap();
        assert!(summary.text().contains("primary school"), "{method}: {}", summary.text());
    }
}

#[test]
fn irrelevant_sentences_are_left_out_of_a_large_cluster() {
    // Relevant sentences hold more than five 60-word budgets: the rest goes.
    let mut docs = Vec::new();
    for k in 0..20 {
        docs.push(Document::new(
            format!("d{k}"),
            format!(
                "Schools in district {k} closed on Monday because the flood reached their classrooms and corridors. \
                 The council said pupils of district {k} would return when the schools had been cleaned and inspected. \
                 A bakery in district {k} sold bread from a van parked on the hill above the water."
            ),
        ));
    }
    let cluster = Cluster::new("big", docs).with_query("When will the schools reopen?");
    let prepared = prepare(&cluster).unwrap();
    let w = weigh(&prepared.analysis, &prepared.situation(), 60.0);
    let bakery = sentence_index(&prepared, "bakery in district 3");
    let schools = sentence_index(&prepared, "Schools in district 3");
    assert_eq!(w.sentence[bakery], 0.0);
    assert!(w.sentence[schools] > 0.5, "{}", w.sentence[schools]);
    let summary = Summarizer::builder()
        .budget(Budget::words(60))
        .build()
        .unwrap()
        .summarize(&cluster)
        .unwrap();
    assert!(!summary.sentences.is_empty());
    assert!(summary.sentences.iter().all(|s| !s.text.contains("bakery")), "{}", summary.text());
}

#[test]
fn a_query_the_documents_never_use_gives_a_generic_summary_and_says_so() {
    let s = Summarizer::builder().budget(Budget::words(40)).build().unwrap();
    let plain = s.summarize(&flood()).unwrap();
    let odd = s.summarize(&flood().with_query("quantum chromodynamics")).unwrap();
    assert_eq!(plain.sentences, odd.sentences);
    assert!(odd.warnings.iter().any(|w| w.contains("no content word of the query")), "{odd:?}");
}

#[test]
fn an_empty_query_is_an_error_naming_the_cluster() {
    for q in ["", "  \n\t "] {
        match prepare(&flood().with_query(q)) {
            Err(e @ Error::EmptyQuery { .. }) => assert!(e.to_string().contains("\"flood\"")),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_query_longer_than_the_documents_still_focuses_the_summary() {
    let query = "Which primary schools in the district closed on Monday, and why? ".repeat(40);
    let summary = Summarizer::builder()
        .budget(Budget::words(25))
        .build()
        .unwrap()
        .summarize(&flood().with_query(query))
        .unwrap();
    assert!(summary.text().contains("primary school"), "{}", summary.text());
}

#[test]
fn what_the_reader_has_read_is_worth_less_and_repeats_never_return() {
    let earlier = vec![Document::new(
        "yesterday",
        "The river rose four metres overnight and flooded the old town on Sunday. \
         The mayor declared a state of emergency across the district.",
    )];
    let prepared = prepare(&flood().with_earlier(earlier)).unwrap();
    let a = &prepared.analysis;
    let w = weigh(a, &prepared.situation(), 250.0);
    let repeat = sentence_index(&prepared, "rose four metres overnight");
    let new = sentence_index(&prepared, "primary school");
    assert_eq!(w.sentence[repeat], 0.0);
    assert!(w.sentence[new] > 0.5, "{}", w.sentence[new]);
    let (old, town) = (a.lexicon.find("old").unwrap(), a.lexicon.find("town").unwrap());
    assert_eq!(w.concept(old, town), KNOWN_CONCEPT);
    let school = a.lexicon.find("school").unwrap();
    let district = a.lexicon.find("district").unwrap();
    assert_eq!(w.concept(district, school), 1.0, "a pair the earlier text never has");
    for method in [Method::Ilp, Method::LexRank, Method::Learned, Method::Lead] {
        let s = Summarizer::builder().method(method).budget(Budget::words(60)).build().unwrap();
        let summary = s
            .summarize(&flood().with_earlier(vec![Document::new(
                "yesterday",
                "The river rose four metres overnight and flooded the old town on Sunday.",
            )]))
            .unwrap();
        assert!(!summary.sentences.is_empty(), "{method}");
        assert!(
            summary.sentences.iter().all(|s| !s.text.contains("rose four metres overnight")),
            "{method}: {}",
            summary.text()
        );
    }
}

#[test]
fn an_earlier_set_equal_to_the_new_one_leaves_nothing_new() {
    let cluster = flood();
    let summary = Summarizer::builder()
        .budget(Budget::words(60))
        .build()
        .unwrap()
        .summarize(&cluster.clone().with_earlier(cluster.documents.clone()))
        .unwrap();
    assert!(summary.sentences.is_empty(), "{}", summary.text());
    assert!(summary.warnings.iter().any(|w| w.contains("nothing new")), "{:?}", summary.warnings);
}

#[test]
fn empty_earlier_documents_change_nothing() {
    let s = Summarizer::builder().budget(Budget::words(40)).build().unwrap();
    let plain = s.summarize(&flood()).unwrap();
    let blank = s.summarize(&flood().with_earlier(vec![Document::new("blank", "   \n ")])).unwrap();
    assert_eq!(plain.sentences, blank.sentences);
    assert!(blank.warnings.iter().any(|w| w.contains("earlier documents hold no sentence")));
    assert_eq!(s.summarize(&flood().with_earlier(Vec::new())).unwrap(), plain);
}

#[test]
fn binary_earlier_documents_are_an_error_naming_them() {
    let err = prepare(&flood().with_earlier(vec![Document::new("blob", "a\0b\0c")])).unwrap_err();
    assert!(matches!(&err, Error::Binary { document } if document == "blob"), "{err:?}");
}

#[test]
fn weights_are_deterministic() {
    let cluster = flood()
        .with_query("schools closed")
        .with_earlier(vec![Document::new("y", "The river flooded the old town on Sunday.")]);
    let p = prepare(&cluster).unwrap();
    let (x, y) =
        (weigh(&p.analysis, &p.situation(), 100.0), weigh(&p.analysis, &p.situation(), 100.0));
    assert_eq!(x.sentence, y.sentence);
    assert_eq!(x.term, y.term);
}
