//! Query-focused and update summaries from the command line: `--query`,
//! `--earlier`, and the `query` / `earlier_documents` fields of a record.

use crate::hay::FLOOD;
use crate::util::{json_lines, precis, TempDir};
use serde_json::{json, Value};

/// FLOOD as a record, with extra top-level fields.
fn flood_record(extra: Value) -> String {
    let mut v: Value = serde_json::from_str(&FLOOD.record()).unwrap();
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v.to_string()
}

fn summaries(stdout: &str) -> Vec<Value> {
    json_lines(stdout)
}

#[test]
fn a_record_query_focuses_its_own_summary() {
    let dir = TempDir::new();
    let f = dir.write(
        "batch.jsonl",
        format!(
            "{}\n{}\n",
            flood_record(json!({"query": "Which railway line is closed, and until when?"})),
            FLOOD.record_as("plain")
        ),
    );
    let out = precis(&["summarize", f.to_str().unwrap(), "--words", "20", "--explain"], b"");
    out.code(0);
    let recs = summaries(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["summary"].as_str().unwrap().contains("railway line"), "{}", recs[0]);
    assert!(!recs[1]["summary"].as_str().unwrap().contains("railway line"), "{}", recs[1]);
    let explain = &recs[0]["sentences"][0]["explain"];
    assert!(explain["context"].as_str().unwrap().contains("query relevance"), "{explain}");
    assert!(explain["text"].as_str().unwrap().contains("query relevance"), "{explain}");
}

#[test]
fn the_query_flag_serves_clusters_without_their_own() {
    let dir = TempDir::new();
    let f = dir.write(
        "batch.jsonl",
        format!(
            "{}\n{}\n",
            flood_record(json!({"query": "How many people slept in the shelter?"})),
            FLOOD.record_as("plain")
        ),
    );
    let out = precis(
        &["summarize", f.to_str().unwrap(), "--words", "20", "--query", "railway embankment"],
        b"",
    );
    out.code(0);
    let recs = summaries(&out.stdout);
    assert!(recs[0]["summary"].as_str().unwrap().contains("eighty residents"), "{}", recs[0]);
    assert!(recs[1]["summary"].as_str().unwrap().contains("railway line"), "{}", recs[1]);
}

#[test]
fn earlier_documents_leave_out_what_was_read() {
    // The reader saw the first report: its opening sentence never returns.
    let (first_id, first_text) = FLOOD.docs[0];
    let opening = first_text.lines().next().unwrap();
    let dir = TempDir::new();
    let record = flood_record(json!({"earlier_documents": [{"id": first_id, "text": first_text}]}));
    let f = dir.write("batch.jsonl", format!("{record}\n"));
    let out = precis(&["summarize", f.to_str().unwrap(), "--words", "60"], b"");
    out.code(0);
    let rec = &summaries(&out.stdout)[0];
    let summary = rec["summary"].as_str().unwrap();
    assert!(!summary.is_empty());
    assert!(!summary.contains(opening.trim()), "{summary}");
    // The same through --earlier with a directory.
    let earlier = dir.path().join("earlier");
    std::fs::create_dir(&earlier).unwrap();
    std::fs::write(earlier.join("seen.txt"), first_text).unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (id, text) in FLOOD.docs {
        std::fs::write(docs.join(format!("{id}.txt")), text).unwrap();
    }
    let out = precis(
        &[
            "summarize",
            docs.to_str().unwrap(),
            "--words",
            "60",
            "--earlier",
            earlier.to_str().unwrap(),
        ],
        b"",
    );
    out.code(0);
    assert!(!out.stdout.trim().is_empty());
    assert!(!out.stdout.contains(opening.trim()), "{}", out.stdout);
}

#[test]
fn earlier_as_jsonl_documents_and_its_errors() {
    let dir = TempDir::new();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (id, text) in FLOOD.docs {
        std::fs::write(docs.join(format!("{id}.txt")), text).unwrap();
    }
    let seen =
        dir.write("seen.jsonl", json!({"id": "old", "text": FLOOD.docs[1].1}).to_string() + "\n");
    let out =
        precis(&["summarize", docs.to_str().unwrap(), "--earlier", seen.to_str().unwrap()], b"");
    out.code(0);
    assert!(!out.stdout.contains("Rescue teams in boats pulled dozens"), "{}", out.stdout);
    // A line that is no document is named.
    let bad = dir.write("bad.jsonl", "{\"id\": \"x\"}\n");
    let out =
        precis(&["summarize", docs.to_str().unwrap(), "--earlier", bad.to_str().unwrap()], b"");
    assert_ne!(out.code, 0);
    out.stderr_has(&["bad.jsonl:1", "has no \"text\""]);
}

#[test]
fn an_empty_query_is_an_error_record_naming_the_cluster() {
    let dir = TempDir::new();
    let f = dir.write(
        "batch.jsonl",
        format!("{}\n{}\n", flood_record(json!({"query": "   "})), FLOOD.record_as("fine")),
    );
    let out = precis(&["summarize", f.to_str().unwrap()], b"");
    // One bad record: exit 1, the other record still summarized.
    out.code(1);
    let recs = summaries(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["error"].as_str().unwrap().contains("the query is empty"), "{}", recs[0]);
    assert!(recs[1]["summary"].as_str().is_some_and(|s| !s.is_empty()));
}
