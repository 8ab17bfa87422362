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

#[test]
fn standard_input_may_fill_the_line_limit_exactly() {
    // `--max-line-mb 1` allows one cluster of 1 MiB on standard input, not a
    // byte more.
    let limit = 1 << 20;
    let text = "The ferry to the island ran again on Sunday after the storm. \
                Fishermen said the harbour wall had lost a dozen stones overnight. ";
    let mut input = text.repeat(limit / text.len());
    input.push_str(&" ".repeat(limit - input.len()));
    assert_eq!(input.len(), limit);
    let args = ["summarize", "-", "--max-line-mb", "1", "-f", "jsonl"];
    let out = precis(&args, input.as_bytes());
    out.code(0);
    assert_eq!(json_lines(&out.stdout)[0]["id"], "stdin");
    input.push(' ');
    precis(&args, input.as_bytes())
        .code(1)
        .stderr_has(&["standard input holds more than 1.0 MiB", "--max-line-mb"]);
}
