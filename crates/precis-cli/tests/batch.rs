//! JSONL batches: one output record per input record, in order, with error
//! records standing in for the ones that fail.

use crate::hay::{Story, COMET, FLOOD, STORIES, TRAM};
use crate::util::{check_summary, gzip, json_lines, precis, TempDir};
use precis::{Budget, Summary};
use std::collections::BTreeMap;

fn docs(story: &Story) -> BTreeMap<String, String> {
    story.docs.iter().map(|(id, text)| (id.to_string(), text.to_string())).collect()
}

/// Three good records with a malformed line between the first two.
fn batch_with_bad_line() -> String {
    format!(
        "{}\n{{\"id\": \"broken\", \"documents\": [\n{}\n{}\n",
        FLOOD.record(),
        TRAM.record(),
        COMET.record()
    )
}

#[track_caller]
fn check_batch_output(stdout: &str) {
    let records = json_lines(stdout);
    assert_eq!(records.len(), 4, "{stdout}");
    assert_eq!(records[0]["id"], "marlowe-flood");
    assert_eq!(records[1]["id"], serde_json::Value::Null);
    assert_eq!(records[1]["line"], 2);
    assert!(records[1]["error"].as_str().unwrap().contains("malformed JSON"), "{}", records[1]);
    assert_eq!(records[2]["id"], "tram-vote");
    assert_eq!(records[3]["id"], "comet-sighting");
    for (record, story) in [(&records[0], &FLOOD), (&records[2], &TRAM), (&records[3], &COMET)] {
        assert!(record.get("error").is_none());
        let sentences: Vec<precis::SummarySentence> =
            serde_json::from_value(record["sentences"].clone()).unwrap();
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(record["summary"], texts.join("\n"));
        let summary = Summary {
            id: story.id.into(),
            title: record["title"].as_str().unwrap_or_default().into(),
            method: precis::Method::Auto,
            budget: Budget::words(60),
            sentences,
            warnings: vec![],
            off_event: vec![],
        };
        check_summary(&summary, &docs(story), Budget::words(60));
    }
}

#[test]
fn malformed_line_yields_an_error_record_in_place() {
    let dir = TempDir::new();
    let path = dir.write("clusters.jsonl", batch_with_bad_line());
    let out = precis(&["summarize", path.to_str().unwrap(), "--words", "60"], b"");
    out.code(1).stderr_has(&["clusters.jsonl:2:", "malformed JSON", "1 of 4 cluster(s)"]);
    check_batch_output(&out.stdout);
}

#[test]
fn gzip_is_detected_by_content_not_name() {
    let dir = TempDir::new();
    for name in ["clusters.jsonl.gz", "clusters.data"] {
        let path = dir.write(name, gzip(batch_with_bad_line().as_bytes()));
        let out = precis(&["summarize", path.to_str().unwrap(), "--words", "60"], b"");
        out.code(1).stderr_has(&[&format!("{name}:2:")]);
        check_batch_output(&out.stdout);
    }
}

#[test]
fn batch_on_standard_input() {
    let out = precis(&["summarize", "--words", "60"], &gzip(batch_with_bad_line().as_bytes()));
    out.code(1).stderr_has(&["<stdin>:2:"]);
    check_batch_output(&out.stdout);
    let out = precis(&["summarize", "-", "--words", "60"], batch_with_bad_line().as_bytes());
    out.code(1);
    check_batch_output(&out.stdout);
}

#[test]
fn all_good_exits_zero_and_skips_blank_lines() {
    let dir = TempDir::new();
    let text = format!("{}\n\n{}\r\n", FLOOD.record(), TRAM.record());
    let path = dir.write("ok.jsonl", text);
    let out = precis(&["summarize", path.to_str().unwrap()], b"");
    out.code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let ids: Vec<String> =
        json_lines(&out.stdout).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["marlowe-flood", "tram-vote"]);
}

#[test]
fn bad_records_of_every_kind() {
    let dir = TempDir::new();
    let mut latin1 = TRAM.record_as("latin").into_bytes();
    let at = latin1.windows(7).position(|w| w == b"council").unwrap();
    latin1[at + 1] = 0xf6; // "c\xf6uncil": Latin-1, not UTF-8
    let lines: Vec<Vec<u8>> = vec![
        FLOOD.record().into_bytes(),
        br#"{"id": "nodocs", "documents": []}"#.to_vec(),
        latin1,
        br#"{"id": "blank", "documents": [{"id": "x", "text": "  \n "}]}"#.to_vec(),
        br#"{"documents": [{"id": "x", "text": "An anonymous cluster has no id at all in this line."}]}"#.to_vec(),
        br#"["not", "an", "object"]"#.to_vec(),
        br#"{"id": "bin", "documents": [{"id": "x", "text": "\u0001\u0002\u0003\u0004\u0005\u0006\u0007"}]}"#.to_vec(),
        COMET.record().into_bytes(),
    ];
    let path = dir.write("bad.jsonl", lines.join(&b'\n'));
    let out = precis(&["summarize", path.to_str().unwrap()], b"");
    out.code(1).stderr_has(&[
        "bad.jsonl:2: cluster \"nodocs\": the record has no documents",
        "bad.jsonl:3: cluster \"latin\": invalid UTF-8 (byte 0xf6 at byte offset",
        "iconv",
        "bad.jsonl:4: cluster \"blank\":",
        "bad.jsonl:5: the record has no \"id\"",
        "bad.jsonl:6: malformed record: the line is JSON but not an object",
        "bad.jsonl:7: cluster \"bin\":",
        "binary",
        "6 of 8 cluster(s)",
    ]);
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 8);
    let ids: Vec<&serde_json::Value> = records.iter().map(|r| &r["id"]).collect();
    let expect = ["marlowe-flood", "nodocs", "latin", "blank", "", "", "bin", "comet-sighting"];
    for (i, (id, want)) in ids.iter().zip(expect).enumerate() {
        match want {
            "" => assert!(id.is_null(), "record {i}: {id}"),
            _ => assert_eq!(*id, want),
        }
        let failed = (1..=6).contains(&i);
        assert_eq!(records[i].get("error").is_some(), failed, "record {i}");
        if failed {
            assert_eq!(records[i]["line"], i + 1);
        }
    }
}

#[test]
fn text_markdown_and_json_batches() {
    let dir = TempDir::new();
    let path = dir.write("b.jsonl", batch_with_bad_line());
    let p = path.to_str().unwrap();

    let text = precis(&["summarize", p, "-f", "text"], b"");
    text.code(1);
    let headers: Vec<&str> = text.stdout.lines().filter(|l| l.starts_with("==> ")).collect();
    assert_eq!(
        headers,
        [
            "==> marlowe-flood <==",
            "==> (no id) (line 2) <==",
            "==> tram-vote <==",
            "==> comet-sighting <=="
        ]
    );

    let md = precis(&["summarize", p, "-f", "markdown"], b"");
    md.code(1);
    // A summary's heading is its title, with "Summary of" its id under it;
    // a failed record's heading names the id.
    assert_eq!(md.stdout.matches("Summary of ").count(), 4);

    let json = precis(&["summarize", p, "-f", "json"], b"");
    json.code(1);
    let v: serde_json::Value =
        serde_json::from_str(&json.stdout).expect("a batch as --format json is one JSON array");
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 4);
    let s: Summary = serde_json::from_value(items[2].clone()).unwrap();
    assert_eq!(s.id, "tram-vote");
    assert_eq!(items[1]["line"], 2);
}

/// Many records, so that chunks, threads and work stealing all come into play.
fn big_batch(n: usize) -> String {
    (0..n).map(|i| STORIES[i % 3].record_as(&format!("c{i}")) + "\n").collect()
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let dir = TempDir::new();
    let path = dir.write("many.jsonl", big_batch(600));
    let p = path.to_str().unwrap();
    let one = precis(&["summarize", p, "--threads", "1", "--words", "40"], b"");
    let four = precis(&["summarize", p, "--threads", "4", "--words", "40"], b"");
    assert_eq!(one.code(0).stdout, four.code(0).stdout);
    let records = json_lines(&one.stdout);
    assert_eq!(records.len(), 600);
    assert!(records.iter().enumerate().all(|(i, r)| r["id"] == format!("c{i}")));
}

#[test]
fn empty_batch_is_an_error() {
    let dir = TempDir::new();
    let path = dir.write("empty.jsonl", "\n\n");
    precis(&["summarize", path.to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["empty.jsonl holds no cluster records"]);
}

#[test]
fn enormous_line_is_linear() {
    // One record of about 8 MB: a short story followed by a very long
    // document. It must be handled in seconds, not minutes.
    let mut long = String::with_capacity(8 << 20);
    let sentence = "The river kept rising through the night while volunteers filled more sandbags near the bridge. ";
    while long.len() < 8 << 20 {
        long.push_str(sentence);
    }
    let record = serde_json::json!({"id": "huge", "documents": [
        {"id": "a", "text": FLOOD.docs[0].1}, {"id": "b", "text": long}]});
    let dir = TempDir::new();
    let path = dir.write("huge.jsonl", format!("{record}\n{}\n", TRAM.record()));
    let start = std::time::Instant::now();
    // The document is over the default limit of 4 MiB: raise it.
    let out = precis(&["summarize", path.to_str().unwrap(), "--max-document-mb", "9"], b"");
    out.code(0);
    assert_eq!(json_lines(&out.stdout).len(), 2);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    // With the default limits it is an error record naming the document.
    let out = precis(&["summarize", path.to_str().unwrap()], b"");
    out.code(1)
        .stderr_has(&["huge.jsonl:1: cluster \"huge\": document 2 (\"b\") has 8.0 MiB of text"]);
}
