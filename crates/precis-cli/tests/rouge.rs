//! `precis rouge` and `precis eval` on small gold sets written here.

use crate::hay::{FLOOD, STORIES};
use crate::util::{json_lines, precis, TempDir};
use serde_json::{json, Value};

fn gold_line(id: &str, refs: &[&str]) -> String {
    json!({"id": id, "documents": [], "summaries": refs}).to_string()
}

fn pred_line(id: &str, summary: &str) -> String {
    json!({"id": id, "summary": summary}).to_string()
}

/// Runs `precis rouge --json` and returns the parsed report.
fn rouge_json(dir: &TempDir, gold: &str, pred: &str, protocol: &str) -> Value {
    let g = dir.write("gold.jsonl", gold);
    let p = dir.write("pred.jsonl", pred);
    let out = precis(
        &[
            "rouge",
            "--data",
            g.to_str().unwrap(),
            "--pred",
            p.to_str().unwrap(),
            "--protocol",
            protocol,
            "--json",
        ],
        b"",
    );
    out.code(0);
    serde_json::from_str(&out.stdout).expect("one JSON object")
}

fn close(v: &Value, expected: f64) -> bool {
    (v.as_f64().unwrap() - expected).abs() < 1e-9
}

#[test]
fn hand_computed_multinews_scores() {
    // Reference: the cat sat on the mat (6 tokens; "the" twice).
    // Prediction: the cat sat (3 tokens, all matched): P 1, R 1/2, F 2/3.
    // Bigrams: the cat, cat sat match 2 of 2 predicted and 2 of 5 reference.
    let dir = TempDir::new();
    let r = rouge_json(
        &dir,
        &gold_line("a", &["The cat sat on the mat."]),
        &pred_line("a", "The cat sat."),
        "multinews",
    );
    assert!(close(&r["rouge-1"]["precision"], 1.0), "{r}");
    assert!(close(&r["rouge-1"]["recall"], 0.5), "{r}");
    assert!(close(&r["rouge-1"]["f1"], 2.0 / 3.0), "{r}");
    assert!(close(&r["rouge-2"]["recall"], 0.4), "{r}");
    assert!(close(&r["rouge-l"]["recall"], 0.5), "{r}");
    assert!(close(&r["rouge-lsum"]["precision"], 1.0), "{r}");
    assert_eq!(r["missing"], 0);
}

#[test]
fn identical_summary_scores_one_under_both_protocols() {
    let text = "Rescue teams pulled dozens of people from flooded houses.\nThe river kept rising.";
    let dir = TempDir::new();
    for protocol in ["duc", "multinews"] {
        let r = rouge_json(&dir, &gold_line("x", &[text]), &pred_line("x", text), protocol);
        for metric in ["rouge-1", "rouge-2", "rouge-su4", "rouge-l"] {
            assert!(close(&r[metric]["recall"], 1.0), "{protocol} {metric}: {r}");
        }
    }
}

#[test]
fn duc_averages_over_references_and_truncates_at_100_words() {
    // Two references; the prediction matches one word for word, the other
    // not at all: -f A averages the two, so recall is one half.
    let long: Vec<String> = (0..150).map(|i| format!("w{i}")).collect();
    let first_100 = long[..100].join(" ");
    let other: Vec<String> = (0..100).map(|i| format!("z{i}")).collect();
    let dir = TempDir::new();
    let r = rouge_json(
        &dir,
        &gold_line("d1", &[&first_100, &other.join(" ")]),
        // Words past the 100th are cut off by -l 100 and cannot count.
        &pred_line("d1", &long.join(" ")),
        "duc",
    );
    assert!(close(&r["rouge-1"]["recall"], 0.5), "{r}");
    assert!(close(&r["rouge-1"]["precision"], 0.5), "{r}");
    assert!(r.get("rouge-lsum").is_none(), "rouge-lsum belongs to the multinews protocol");
}

#[test]
fn missing_and_extra_ids_are_reported() {
    let dir = TempDir::new();
    let g = dir.write(
        "gold.jsonl",
        format!("{}\n{}\n", gold_line("a", &["The cat sat."]), gold_line("b", &["A dog ran."])),
    );
    let p = dir.write(
        "pred.jsonl",
        format!("{}\n{}\n", pred_line("a", "The cat sat."), pred_line("zz", "Nothing.")),
    );
    let args = ["rouge", "--data", &dir.arg("gold.jsonl"), "--pred", &dir.arg("pred.jsonl")];
    let out = precis(&[&args[..], &["--protocol", "multinews", "--json"]].concat(), b"");
    out.code(0).stderr_has(&["1 of 2 gold clusters have no prediction", "b", "zz"]);
    let r: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(r["missing"], 1);
    // "a" scores 1 and the missing "b" scores 0.
    assert!(close(&r["rouge-1"]["f1"], 0.5), "{r}");
    let _ = (g, p);
}

#[test]
fn bad_prediction_files_name_the_line() {
    let dir = TempDir::new();
    dir.write("gold.jsonl", gold_line("a", &["The cat sat."]) + "\n");
    let run = |pred: &str| {
        dir.write("pred.jsonl", pred);
        precis(
            &[
                "rouge",
                "--data",
                &dir.arg("gold.jsonl"),
                "--pred",
                &dir.arg("pred.jsonl"),
                "--protocol",
                "duc",
            ],
            b"",
        )
    };
    run(&format!("{}\n{{not json\n", pred_line("a", "x"))).code(1).stderr_has(&["pred.jsonl:2"]);
    run(&format!("{}\n{}\n", pred_line("a", "x"), pred_line("a", "y"))).code(1).stderr_has(&[
        "pred.jsonl:2",
        "second prediction",
        "line 1",
    ]);
}

#[test]
fn scores_what_summarize_writes() {
    // The pipeline end to end: summarize a batch, score it against
    // references written for these stories.
    let dir = TempDir::new();
    let batch: String = STORIES.iter().map(|s| s.record() + "\n").collect();
    dir.write("batch.jsonl", &batch);
    let gold: String = STORIES
        .iter()
        .map(|s| gold_line(s.id, &[s.docs[0].1.lines().next().unwrap()]) + "\n")
        .collect();
    dir.write("gold.jsonl", gold);
    let out = precis(&["summarize", &dir.arg("batch.jsonl"), "--format", "jsonl"], b"");
    out.code(0);
    assert_eq!(json_lines(&out.stdout).len(), STORIES.len());
    dir.write("pred.jsonl", &out.stdout);
    let scored = precis(
        &[
            "rouge",
            "--data",
            &dir.arg("gold.jsonl"),
            "--pred",
            &dir.arg("pred.jsonl"),
            "--protocol",
            "multinews",
        ],
        b"",
    );
    scored.code(0);
    assert!(scored.stdout.contains("3 clusters, 0 without a prediction"), "{}", scored.stdout);
    let r1 = scored.stdout.lines().find(|l| l.starts_with("| ROUGE-1 ")).unwrap();
    let recall: f64 = r1.split('|').nth(2).unwrap().trim().parse().unwrap();
    assert!(recall > 20.0, "summaries share words with their stories' first lines: {r1}");
}

#[test]
fn eval_prints_every_method_and_the_oracle() {
    let dir = TempDir::new();
    let mut record: Value = serde_json::from_str(&FLOOD.record()).unwrap();
    record["summaries"] = json!([
        "The river Aske flooded about two hundred homes in Marlowe on Tuesday.\nBoats rescued residents and the river was expected to rise until Wednesday."
    ]);
    dir.write("gold.jsonl", format!("{record}\n"));
    for protocol in ["duc", "multinews"] {
        let out = precis(&["eval", "--data", &dir.arg("gold.jsonl"), "--protocol", protocol], b"");
        out.code(0);
        for method in [
            "lead",
            "centroid",
            "lexrank",
            "textrank",
            "submodular",
            "ilp",
            "learned",
            "auto",
            "oracle",
        ] {
            assert!(
                out.stdout.lines().any(|l| l.starts_with(&format!("| {method} "))),
                "{protocol}: no row for {method}:\n{}",
                out.stdout
            );
        }
        let json = precis(
            &["eval", "--data", &dir.arg("gold.jsonl"), "--protocol", protocol, "--json"],
            b"",
        );
        let report: Value = serde_json::from_str(&json.code(0).stdout).unwrap();
        let rows = report["rows"].as_array().unwrap();
        let oracle = rows.iter().find(|r| r["method"] == "oracle").unwrap();
        let lead = rows.iter().find(|r| r["method"] == "lead").unwrap();
        let r1 = |r: &Value| r["scores"][0][1]["mean"].as_f64().unwrap();
        assert!(r1(oracle) >= r1(lead), "{protocol}: the oracle is a ceiling");
    }
}

#[test]
fn peers_are_scored_one_row_per_system_jackknifed() {
    // Reference 1 has 5 unigrams, reference 2 has 7. System 2 matches 3 of
    // the first and none of the second. Jackknifed (each reference scored
    // alone, as NIST did with one of two left out): (3/5 + 0/7) / 2 = 0.3.
    // Pooled as `duc` scores (-f A over both): 3/12 = 0.25.
    let dir = TempDir::new();
    let g = dir.write(
        "gold.jsonl",
        gold_line(
            "d1",
            &["the river flooded the town", "water forced many people from their homes"],
        ),
    );
    let p = dir.write(
        "peers.jsonl",
        json!({"id": "d1", "systems": {"10": "no match here", "2": "the river flooded"}})
            .to_string(),
    );
    let run = |protocol: &str, json: bool| {
        let mut a = vec![
            "rouge",
            "--data",
            g.to_str().unwrap(),
            "--peers",
            p.to_str().unwrap(),
            "--protocol",
            protocol,
        ];
        if json {
            a.push("--json");
        }
        let out = precis(&a, b"");
        out.code(0);
        out.stdout
    };
    let rows: Value = serde_json::from_str(&run("duc-qf", true)).unwrap();
    let rows = rows.as_array().unwrap();
    // Numeric system ids in numeric order.
    assert_eq!(rows[0]["system"], "2", "{rows:?}");
    assert_eq!(rows[1]["system"], "10", "{rows:?}");
    assert!(close(&rows[0]["rouge-1"]["recall"], 0.3), "{rows:?}");
    assert!(close(&rows[1]["rouge-1"]["recall"], 0.0), "{rows:?}");
    let pooled: Value = serde_json::from_str(&run("duc", true)).unwrap();
    assert!(close(&pooled[0]["rouge-1"]["recall"], 0.25), "{pooled:?}");
    let table = run("duc-update", false);
    assert!(table.contains("jackknifed"), "{table}");
    assert!(table.contains("| 2 ") && table.contains("| 10 "), "{table}");
}
