//! Behaviour the summaries promise, pinned on clusters written for these
//! tests, through the public API only (so the pipeline's inside can change).
//!
//! Each test here fails when one piece of behaviour is switched off: the
//! provenance of a sentence, the reading order of one article's sentences,
//! the cut that fills a `fill` budget, `auto`'s choice between concept
//! coverage and the learned method, and the near-duplicate test that keeps
//! a summary from saying the same thing twice.

use precis::{prepare, Budget, Cluster, Document, Method, Summarizer, Summary};

fn summarize(cluster: &Cluster, method: Method, budget: Budget) -> Summary {
    Summarizer::builder()
        .method(method)
        .budget(budget)
        .build()
        .expect("a valid configuration")
        .summarize(cluster)
        .expect("the cluster summarizes")
}

/// The sentences as (document, span start, text): what a reader sees.
fn picks(summary: &Summary) -> Vec<(String, usize, String)> {
    summary.sentences.iter().map(|s| (s.document.clone(), s.span.start(), s.text.clone())).collect()
}

/// The sentence three reports of a flood share word for word.
const SHARED: &str =
    "The river Aske burst its banks on Tuesday night and flooded about two hundred homes in Marlowe.";

/// Three reports of one flood; each opens with [`SHARED`] and goes on in
/// its own words.
fn flood() -> Cluster {
    let docs = [
        (
            "herald",
            "Rescue boats worked through the night to reach families trapped on upper floors of their houses. \
             Engineers inspected the old stone bridge at dawn and closed it to all traffic until further notice. \
             The mayor said the town had not seen water this high since the great flood of 1932.",
        ),
        (
            "courier",
            "Power was cut to several thousand households across the valley as substations were switched off. \
             Farmers further downstream moved their cattle to higher ground before the second surge arrived. \
             Forecasters expect more heavy rain over the hills before the weekend is out.",
        ),
        (
            "gazette",
            "Schools across the district stayed closed on Wednesday while the clean-up of the main streets began. \
             Volunteers filled sandbags outside the town hall for most of the morning despite the cold. \
             Insurers said claims from the flooded streets could run into many millions of pounds.",
        ),
    ];
    Cluster::new(
        "flood",
        docs.iter().map(|(id, rest)| Document::new(*id, format!("{SHARED} {rest}"))).collect(),
    )
}

#[test]
fn provenance_names_the_other_documents_that_carry_a_sentence() {
    let cluster = flood();
    for method in [Method::Lead, Method::Centroid, Method::LexRank, Method::Learned, Method::Ilp] {
        let summary = summarize(&cluster, method, Budget::words(80));
        let shared: Vec<_> = summary.sentences.iter().filter(|s| s.text == SHARED).collect();
        assert_eq!(shared.len(), 1, "{method}: the shared sentence once: {:#?}", picks(&summary));
        let s = shared[0];
        let others: Vec<&str> =
            ["herald", "courier", "gazette"].into_iter().filter(|&d| d != s.document).collect();
        assert_eq!(s.provenance, others, "{method}: the two other reports carry {SHARED:?}");
        // A sentence only its own report carries names no other.
        for t in summary.sentences.iter().filter(|t| t.text != SHARED) {
            assert!(
                t.provenance.is_empty(),
                "{method}: {:?} has provenance {:?}",
                t.text,
                t.provenance
            );
        }
    }
}

/// One long report: eight sentences of ordinary length, none of which leans
/// on the one before.
const REPORT: &str = "The city council of Marlowe voted on Monday to rebuild the old stone bridge over the river Aske. \
    Engineers had closed the bridge in March after divers found deep cracks in two of its four piers. \
    Traders on both banks of the river said their takings had fallen by a third since the closure. \
    The new bridge will cost about twelve million pounds and should open to traffic in the spring of 2028. \
    Work on temporary footbridges for pedestrians and cyclists is due to start before the end of the month. \
    Opposition councillors wanted the old structure repaired rather than replaced at such a high cost. \
    A heritage group has asked the courts to protect the carved parapets that date from the eighteenth century. \
    Buses between the railway station and the market square will keep their longer route until the work ends.";

#[test]
fn one_articles_sentences_keep_their_order() {
    let single = Cluster::new("bridge", vec![Document::new("report", REPORT)]);
    let mut many = flood();
    many.documents.push(Document::new("report", REPORT));
    for cluster in [&single, &many] {
        for &method in Method::ALL {
            let summary = summarize(cluster, method, Budget::words(400));
            let report: Vec<usize> = summary
                .sentences
                .iter()
                .filter(|s| s.document == "report")
                .map(|s| s.span.start())
                .collect();
            assert!(report.len() >= 3, "{method}: few sentences from the report: {report:?}");
            assert!(
                report.windows(2).all(|w| w[0] < w[1]),
                "{method} on {}: the report's sentences out of its order: {:#?}",
                cluster.id,
                picks(&summary)
            );
        }
    }
}

#[test]
fn fill_cuts_the_last_sentence_to_the_budget() {
    // Every sentence has 14, 21 or 28 words, so whole sentences never add
    // up to 50 words: a full budget needs a cut.
    const SNOW: [&str; 6] = [
        "Heavy snow closed every mountain pass in the northern region on Sunday and Monday.",
        "Army trucks brought blankets, food and fuel to travellers stuck in their cars near the village of Orla and Tarn overnight.",
        "The weather service said on Sunday that the storm would move east by Tuesday, bringing very strong winds to the lowlands.",
        "Police asked people not to travel unless their journey was essential until the ploughs had cleared the mountain roads again today.",
        "Schools in the valley stayed closed and most shops did not open on Monday.",
        "Rail services were suspended after a train hit a fallen tree between Orla and the coast late on Sunday evening, although none of the many passengers was hurt.",
    ];
    let docs = vec![
        Document::new("a", [SNOW[0], SNOW[1], SNOW[5]].join(" ")),
        Document::new("b", [SNOW[2], SNOW[3]].join("\n\n")),
        Document::new("c", [SNOW[4], SNOW[0], SNOW[2]].join(" ")),
    ];
    let cluster = Cluster::new("snow", docs);
    let prepared = prepare(&cluster).unwrap();
    for s in &prepared.analysis.sentences {
        assert_eq!(s.words % 7, 0, "fixture: {:?} has {} words", s.text, s.words);
    }
    for method in [
        Method::Lead,
        Method::Centroid,
        Method::LexRank,
        Method::TextRank,
        Method::Submodular,
        Method::Ilp,
        Method::Learned,
        Method::Auto,
    ] {
        let summary = summarize(&cluster, method, Budget::words(50).with_fill(true));
        assert_eq!(
            summary.word_count(),
            50,
            "{method}: a fill budget is filled: {:#?}",
            picks(&summary)
        );
        let cut: Vec<_> = summary.sentences.iter().filter(|s| s.cut).collect();
        assert_eq!(cut.len(), 1, "{method}: one sentence is cut");
        let whole = prepared
            .analysis
            .sentences
            .iter()
            .find(|s| {
                cluster.documents[s.doc].id == cut[0].document
                    && s.span.start() == cut[0].span.start()
            })
            .expect("the cut sentence starts where a sentence of its document starts");
        assert!(
            whole.text.starts_with(&cut[0].text) && whole.text.len() > cut[0].text.len(),
            "{method}: {:?} is not a proper prefix of {:?}",
            cut[0].text,
            whole.text
        );
        // Without fill, no sentence is cut and the budget is not filled.
        let strict = summarize(&cluster, method, Budget::words(50));
        assert!(strict.sentences.iter().all(|s| !s.cut));
        assert!(strict.word_count() < 50 && strict.word_count() % 7 == 0);
    }
}

/// A cluster of `docs` reports of `sentences` sentences each, every sentence
/// made of its own facts (so the methods have something to disagree about).
fn wide_cluster(docs: usize, sentences: usize) -> Cluster {
    const PLACES: &[&str] =
        &["Orla", "Marlowe", "Kessa", "Tarn", "Eddow", "Brill", "Saxby", "Vell"];
    const GROUPS: &[&str] = &[
        "farmers",
        "teachers",
        "nurses",
        "drivers",
        "fishermen",
        "miners",
        "students",
        "traders",
        "pilots",
        "bakers",
        "doctors",
    ];
    const DEEDS: &[&str] = &[
        "blocked the main road into",
        "marched through the centre of",
        "held a vigil outside the hall of",
        "signed a petition to the council of",
        "walked out of their jobs across",
        "met the governor in",
        "collected food for the families of",
    ];
    const WHY: &[&str] = &[
        "to protest against the new fuel tax announced by the government last week",
        "after the regional government announced plans to close the hospital",
        "because wages in the province have not risen for six years",
        "demanding that the flood defences promised in 2019 finally be built",
        "in support of the strike called by the transport unions on Monday",
    ];
    let mut out = Vec::new();
    for d in 0..docs {
        let mut text = String::new();
        for s in 0..sentences {
            let k = d * sentences + s;
            text.push_str(&format!(
                "About {} {} {} {} on {} {}. ",
                100 + 37 * k,
                GROUPS[k % GROUPS.len()],
                DEEDS[(k / 2) % DEEDS.len()],
                PLACES[(k / 3) % PLACES.len()],
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][(k / 5) % 5],
                WHY[(k + d) % WHY.len()],
            ));
        }
        out.push(Document::new(format!("report-{d}"), text));
    }
    Cluster::new("protests", out)
}

#[test]
fn auto_uses_concept_coverage_for_large_clusters_and_the_learned_method_otherwise() {
    let large = wide_cluster(6, 11);
    let analysis = prepare(&large).unwrap().analysis;
    assert!(analysis.n_docs >= 5 && analysis.len() >= 60, "fixture: {} sentences", analysis.len());
    let budget = Budget::words(100);
    let auto = picks(&summarize(&large, Method::Auto, budget));
    let ilp = picks(&summarize(&large, Method::Ilp, budget));
    let learned = picks(&summarize(&large, Method::Learned, budget));
    assert_ne!(
        ilp, learned,
        "fixture: the two methods must disagree for this test to mean anything"
    );
    assert_eq!(auto, ilp, "auto on 6 documents and {} sentences", analysis.len());

    let small = wide_cluster(2, 6);
    let auto = picks(&summarize(&small, Method::Auto, budget));
    let ilp = picks(&summarize(&small, Method::Ilp, budget));
    let learned = picks(&summarize(&small, Method::Learned, budget));
    assert_ne!(
        ilp, learned,
        "fixture: the two methods must disagree for this test to mean anything"
    );
    assert_eq!(auto, learned, "auto on 2 documents");
}

/// Two wordings of one report, and a sentence about something else.
const SAID: &str =
    "Officials said the storm killed twelve people in the northern province of Kessa on Monday.";
const REWORDED: &str =
    "The storm killed twelve people in the northern province of Kessa on Monday, officials said.";
const OTHER: &str =
    "Ferries between the islands were cancelled for a second day because of high waves.";

#[test]
fn near_duplicates_are_recognised_and_never_both_picked() {
    let cluster = Cluster::new(
        "storm",
        vec![
            Document::new("wire", format!("{SAID} {OTHER}")),
            Document::new("paper", format!("{REWORDED} Roads to the coast were reopened on Tuesday morning after the clean-up.")),
        ],
    );
    let analysis = prepare(&cluster).unwrap().analysis;
    let index = |text: &str| analysis.sentences.iter().position(|s| s.text == text).unwrap();
    assert!(analysis.near_duplicate(index(SAID), index(REWORDED)));
    assert!(analysis.near_duplicate(index(REWORDED), index(SAID)));
    assert!(!analysis.near_duplicate(index(SAID), index(OTHER)));
    for &method in Method::ALL {
        let summary = summarize(&cluster, method, Budget::words(200));
        let both =
            summary.sentences.iter().filter(|s| s.text == SAID || s.text == REWORDED).count();
        assert_eq!(both, 1, "{method}: one wording of the report: {:#?}", picks(&summary));
    }
}
