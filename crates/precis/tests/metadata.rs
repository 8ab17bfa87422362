//! Document metadata through the pipeline: dates order the reading and the
//! lead, a malformed date stops the cluster with a message naming it.

use precis::{prepare, Budget, Cluster, Document, Error, Method, Summarizer};

fn cluster() -> Cluster {
    Cluster::new(
        "harbour",
        vec![
            Document::new("late", "The harbour bridge reopened to traffic on Friday after three weeks of repairs to its deck.")
                .with_date("2024-03-22T09:00:00Z"),
            Document::new("undated", "Engineers said the harbour bridge had needed new deck plates for more than a decade."),
            Document::new("early", "The harbour bridge closed on Monday so that crews could replace cracked steel plates in its deck.")
                .with_date("2024-03-01"),
            Document::new("wire", "Drivers faced long detours around the harbour while the bridge deck was repaired by crews.")
                .with_date("2024-03-10T23:30:00-05:00"),
        ],
    )
}

#[test]
fn reading_order_follows_dates_with_undated_documents_last() {
    let prepared = prepare(&cluster()).unwrap();
    // early (Mar 1), wire (Mar 11 04:30 UTC), late (Mar 22), undated.
    assert_eq!(prepared.analysis.doc_rank_reading(), [2, 3, 0, 1]);
    assert_eq!(prepared.analysis.doc_rank_recent_first(), [0, 3, 2, 1]);
    let summary = Summarizer::builder()
        .method(Method::Lead)
        .budget(Budget::sentences(4))
        .build()
        .unwrap()
        .summarize(&cluster())
        .unwrap();
    let docs: Vec<&str> = summary.sentences.iter().map(|s| s.document.as_str()).collect();
    assert_eq!(docs, ["early", "wire", "late", "undated"]);
}

#[test]
fn a_malformed_date_names_cluster_and_document() {
    let mut c = cluster();
    c.documents[3].date = Some("2024-02-30".into());
    let err = prepare(&c).unwrap_err();
    assert!(matches!(&err, Error::Date { document, .. } if document == "wire"), "{err:?}");
    let msg = err.to_string();
    for part in ["\"harbour\"", "\"wire\"", "\"2024-02-30\"", "day 30", "2015-12-15"] {
        assert!(msg.contains(part), "{msg} lacks {part}");
    }
}
