//! Documents on standard input, separated by `|||||`.

use crate::hay::{FLOOD, TRAM};
use crate::util::{check_summary, json_lines, precis};
use precis::{Budget, Summary};
use std::collections::BTreeMap;

#[test]
fn documents_separated_by_a_line() {
    let texts: Vec<&str> = FLOOD.docs.iter().map(|d| d.1).collect();
    let input = texts.join("\n|||||\n");
    for args in [
        &["summarize", "-f", "json", "--words", "60"][..],
        &["summarize", "-", "-f", "json", "--words", "60"],
    ] {
        let out = precis(args, input.as_bytes());
        out.code(0);
        let summary: Summary = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(summary.id, "stdin");
        // The documents are exactly the pieces between separators.
        let docs: BTreeMap<String, String> = input
            .split("|||||")
            .enumerate()
            .map(|(i, t)| (format!("doc-{}", i + 1), t.to_owned()))
            .collect();
        check_summary(&summary, &docs, Budget::words(60));
    }
}

#[test]
fn inline_separators_as_in_raw_multi_news() {
    let texts: Vec<&str> = TRAM.docs.iter().map(|d| d.1).collect();
    let out = precis(&["summarize", "-f", "jsonl"], texts.join(" ||||| ").as_bytes());
    out.code(0);
    let record = &json_lines(&out.stdout)[0];
    assert_eq!(record["id"], "stdin");
    let docs: Vec<&str> = record["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["document"].as_str().unwrap())
        .collect();
    assert!(docs.iter().all(|d| ["doc-1", "doc-2", "doc-3"].contains(d)), "{docs:?}");
}

#[test]
fn empty_stdin_is_an_error() {
    precis(&["summarize", "-"], b"")
        .code(1)
        .stderr_has(&["standard input", "no document with text"]);
    precis(&["summarize"], b" \n|||||\n ").code(1).stderr_has(&["standard input"]);
}
