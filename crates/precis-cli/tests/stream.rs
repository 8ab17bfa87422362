//! `precis cluster`, `precis stories` and `precis eval --protocol stream`
//! on article streams written for these tests.

use crate::util::{precis, TempDir};
use serde_json::{json, Value};

/// The stories' articles, shared with the core's story tests.
#[path = "../../precis/src/story/fixtures.rs"]
mod fixtures;
use fixtures::{ELECTION, QUAKE};

/// Six articles of two stories, interleaved, as JSONL with dates and gold stories.
fn stream() -> String {
    let mut out = String::new();
    for i in 0..3 {
        for (name, texts) in [("quake", QUAKE), ("election", ELECTION)] {
            let rec = json!({
                "id": format!("{name}-{i}"), "text": texts[i],
                "date": format!("1995-01-{:02}", 17 + i), "story": name, "source": "fixture"
            });
            out.push_str(&rec.to_string());
            out.push('\n');
        }
    }
    out
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

#[test]
fn cluster_writes_one_line_per_article_in_order() {
    let dir = TempDir::new();
    let path = dir.write("stream.jsonl", stream());
    let out = precis(&["cluster", path.to_str().unwrap()], b"");
    out.code(0);
    let got = lines(&out.stdout);
    let ids: Vec<&str> = got.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["quake-0", "election-0", "quake-1", "election-1", "quake-2", "election-2"]);
    let stories: Vec<u64> = got.iter().map(|v| v["story"].as_u64().unwrap()).collect();
    assert_eq!(stories, [1, 2, 1, 2, 1, 2]);
    // Deterministic, and the same from standard input and gzip.
    assert_eq!(precis(&["cluster", path.to_str().unwrap()], b"").stdout, out.stdout);
    assert_eq!(precis(&["cluster", "-"], stream().as_bytes()).stdout, out.stdout);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, stream().as_bytes()).unwrap();
    let gz_path = dir.write("stream.jsonl.gz", gz.finish().unwrap());
    assert_eq!(precis(&["cluster", gz_path.to_str().unwrap()], b"").stdout, out.stdout);
}

#[test]
fn cluster_edge_cases() {
    let dir = TempDir::new();
    // An empty stream gives no lines.
    let empty = dir.write("empty.jsonl", "");
    let out = precis(&["cluster", empty.to_str().unwrap()], b"");
    out.code(0);
    assert_eq!(out.stdout, "");
    // One article, and identical texts.
    let one = json!({"id": "a", "text": QUAKE[0]}).to_string();
    let same = format!(
        "{one}\n{}\n{}\n",
        json!({"id": "b", "text": QUAKE[0]}),
        json!({"id": "c", "text": QUAKE[0]})
    );
    let path = dir.write("same.jsonl", &same);
    let got = lines(&precis(&["cluster", path.to_str().unwrap()], b"").stdout);
    assert_eq!(
        got,
        [
            json!({"id": "a", "story": 1}),
            json!({"id": "b", "story": 1}),
            json!({"id": "c", "story": 1})
        ]
    );
    // A directory: each document an article, in file-name order.
    dir.write("docs/2.txt", QUAKE[1]);
    dir.write("docs/1.txt", QUAKE[0]);
    dir.write("docs/3.txt", ELECTION[0]);
    let got = lines(&precis(&["cluster", &dir.arg("docs")], b"").stdout);
    assert_eq!(
        got,
        [
            json!({"id": "1.txt", "story": 1}),
            json!({"id": "2.txt", "story": 1}),
            json!({"id": "3.txt", "story": 2})
        ]
    );
}

#[test]
fn cluster_reports_bad_articles() {
    let dir = TempDir::new();
    let bad_date = format!(
        "{}\n{}\n",
        json!({"id": "a", "text": QUAKE[0]}),
        json!({"id": "b", "text": QUAKE[1], "date": "1995-02-30"})
    );
    let path = dir.write("bad.jsonl", bad_date);
    precis(&["cluster", path.to_str().unwrap()], b"").code(1).stderr_has(&[
        "bad.jsonl:2",
        "\"b\"",
        "day 30",
        "YYYY-MM-DD",
    ]);
    let path = dir.write("notjson.jsonl", "{\"id\": \"a\"}\n");
    precis(&["cluster", path.to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["notjson.jsonl:1", "text"]);
    precis(&["cluster", "--threshold", "7", "-"], b"").code(2).stderr_has(&["--threshold"]);
}

#[test]
fn eval_stream_scores_against_gold_stories() {
    let dir = TempDir::new();
    let path = dir.write("stream.jsonl", stream());
    let out =
        precis(&["eval", "--protocol", "stream", "--data", path.to_str().unwrap(), "--json"], b"");
    out.code(0);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["articles"], 6);
    assert_eq!(v["whole"]["bcubed_f1"], 1.0);
    assert_eq!(v["whole"]["pairwise_f1"], 1.0);
    // Gold stories without a ':' prefix are parts of their own name.
    let parts: Vec<(&str, u64)> = (v["parts"].as_array().unwrap().iter())
        .map(|p| (p["prefix"].as_str().unwrap(), p["items"].as_u64().unwrap()))
        .collect();
    assert_eq!(parts, [("election", 3), ("quake", 3)]);
    // Parts by prefix: the whole run's stories scored on each part; one
    // prefix for every story gives no parts.
    let prefixed = |f: &dyn Fn(&str) -> String| -> Value {
        let text: String = (stream().lines())
            .map(|l| {
                let mut r: Value = serde_json::from_str(l).unwrap();
                r["story"] = json!(f(r["story"].as_str().unwrap()));
                r.to_string() + "\n"
            })
            .collect();
        let path = dir.write("prefixed.jsonl", text);
        let out = precis(
            &["eval", "--protocol", "stream", "--data", path.to_str().unwrap(), "--json"],
            b"",
        );
        out.code(0);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let v = prefixed(&|s| if s == "quake" { format!("tdt:{s}") } else { format!("nist:{s}:x") });
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2, "{v}");
    assert_eq!((parts[0]["prefix"].as_str(), parts[0]["items"].as_u64()), (Some("nist"), Some(3)));
    assert_eq!((parts[1]["prefix"].as_str(), parts[1]["items"].as_u64()), (Some("tdt"), Some(3)));
    assert_eq!(parts[1]["bcubed_f1"], 1.0);
    assert_eq!(prefixed(&|s| format!("one:{s}"))["parts"], json!([]));
    // Without gold stories there is nothing to score.
    let path = dir.write("nogold.jsonl", json!({"id": "a", "text": "x"}).to_string());
    precis(&["eval", "--protocol", "stream", "--data", path.to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["\"a\"", "story"]);
}

#[test]
fn stories_summarizes_each_story() {
    let dir = TempDir::new();
    let path = dir.write("stream.jsonl", stream());
    let out = precis(&["stories", path.to_str().unwrap(), "--words", "40"], b"");
    out.code(0);
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 2, "{}", out.stdout);
    assert_eq!(got[0]["story"], 1);
    assert_eq!(got[0]["documents"], json!(["quake-0", "quake-1", "quake-2"]));
    assert_eq!(got[1]["documents"], json!(["election-0", "election-1", "election-2"]));
    assert_eq!(got[0]["first_date"], "1995-01-17");
    assert_eq!(got[0]["last_date"], "1995-01-19");
    for story in &got {
        let summary = story["summary"].as_str().unwrap();
        assert!(!summary.is_empty());
        assert!(summary.split_whitespace().count() <= 40, "{summary}");
        let docs = story["documents"].as_array().unwrap();
        for s in story["sentences"].as_array().unwrap() {
            assert!(docs.contains(&s["document"]), "a sentence from outside the story: {s}");
        }
        // Every record says which of its documents report another event.
        let off = story["off_event"].as_array().expect("an off_event list");
        assert!(off.iter().all(|o| docs.contains(&o["document"])), "{story}");
    }
    assert!(got[0]["summary"].as_str().unwrap().contains("Kobe"));
    // --min-articles leaves out smaller stories; output is deterministic.
    let out2 =
        precis(&["stories", path.to_str().unwrap(), "--words", "40", "--min-articles", "4"], b"");
    out2.code(0);
    assert_eq!(out2.stdout, "");
    assert_eq!(
        precis(&["stories", path.to_str().unwrap(), "--words", "40"], b"").stdout,
        out.stdout
    );
}

#[test]
fn stories_are_written_as_they_retire() {
    // Two stories a year apart with a 30-day window: the first is written
    // when it retires, before the second story's articles are read, and
    // the output is still one record per story.
    let mut text = String::new();
    for (i, (t, date)) in [(QUAKE[0], "1995-01-17"), (QUAKE[1], "1995-01-18")].iter().enumerate() {
        text.push_str(&json!({"id": format!("q{i}"), "text": t, "date": date}).to_string());
        text.push('\n');
    }
    for i in 0..70 {
        let body = format!("{} Report {i} on zebra{i}.", ELECTION[i % 3]);
        text.push_str(
            &json!({"id": format!("e{i}"), "text": body, "date": "1996-03-01"}).to_string(),
        );
        text.push('\n');
    }
    let dir = TempDir::new();
    let path = dir.write("stream.jsonl", text);
    let out =
        precis(&["stories", path.to_str().unwrap(), "--window", "30", "--sentences", "1"], b"");
    out.code(0);
    let got = lines(&out.stdout);
    assert_eq!(got[0]["documents"], json!(["q0", "q1"]));
    let total: usize = got.iter().map(|s| s["documents"].as_array().unwrap().len()).sum();
    assert_eq!(total, 72);
}
