//! Off-event documents: listed in every output format, left out of the
//! summary by default, kept with `--keep-off-event`.

use crate::util::{precis, TempDir};

/// Five reports of one harbour fire and one of another fire in a nearby
/// town (the same fixture as the core's unit tests).
const DOCS: [(&str, &str); 6] = [
    ("fire-1.txt", "Fire crews in Port Alden fought a blaze at the Kessler grain terminal on Tuesday night. The fire at the Kessler terminal started in a conveyor tunnel, Chief Maria Ortega said. About 40 firefighters from Port Alden and Dunmore were called to the terminal. No one was hurt, but the terminal's north silo collapsed."),
    ("fire-2.txt", "A blaze destroyed the north silo of the Kessler grain terminal in Port Alden on Tuesday. Chief Maria Ortega said the fire began in a conveyor tunnel and spread into the silo. Crews from Dunmore helped Port Alden firefighters keep the fire from the docks. The Kessler company said grain shipments would stop for a month."),
    ("fire-3.txt", "The Kessler grain terminal will stay closed after Tuesday's fire, the company said on Wednesday. Investigators from the Port Alden fire service are examining the conveyor tunnel where Chief Maria Ortega said the blaze began. The collapse of the north silo spilled grain onto the harbour road, which remains shut."),
    ("fire-4.txt", "Farmers who ship through the Kessler grain terminal in Port Alden fear delays after Tuesday's fire. The north silo collapsed during the blaze, and Kessler said grain shipments would stop for a month. Chief Maria Ortega said the conveyor tunnel fire was under control by midnight with help from Dunmore crews."),
    ("fire-5.txt", "Port Alden's harbour road reopened on Thursday, two days after fire brought down the north silo at the Kessler grain terminal. Chief Maria Ortega thanked the Dunmore crews who answered the call on Tuesday night. The company said the conveyor tunnel would be rebuilt."),
    ("other.txt", "A fire gutted the Bellamy furniture warehouse on Elm Street in Corvin in March, fire officials said. Captain Hugo Brandt said sprinklers in the warehouse had been switched off for repairs. The owners, Ruth and Samuel Bellamy, said they would rebuild on the site, a mile from the river. Firefighters from Corvin spent six hours at the warehouse."),
];

fn cluster_dir() -> TempDir {
    let dir = TempDir::new();
    for (name, text) in DOCS {
        dir.write(name, text);
    }
    dir
}

fn documents(json: &serde_json::Value) -> Vec<String> {
    json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["document"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn off_event_documents_are_listed_and_left_out() {
    let dir = cluster_dir();
    let path = dir.path().to_str().unwrap();
    let args = ["summarize", path, "--method", "lead", "--sentences", "30", "--format", "json"];
    let out = precis(&args, b"");
    out.code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["off_event"].as_array().unwrap().len(), 1, "{}", out.stdout);
    assert_eq!(json["off_event"][0]["document"], "other.txt");
    assert!(json["off_event"][0]["score"].as_f64().unwrap() < precis::off_event::THRESHOLD);
    assert!(json["off_event"][0]["reason"].as_str().unwrap().contains("names"));
    let docs = documents(&json);
    assert!(docs.len() >= 15 && !docs.iter().any(|d| d == "other.txt"), "{docs:?}");

    let mut kept = args.to_vec();
    kept.push("--keep-off-event");
    let out = precis(&kept, b"");
    out.code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["off_event"][0]["document"], "other.txt", "still listed when kept");
    assert!(documents(&json).iter().any(|d| d == "other.txt"), "{}", out.stdout);
}

#[test]
fn every_format_says_which_documents_are_off_event() {
    let dir = cluster_dir();
    let path = dir.path().to_str().unwrap();
    let out = precis(&["summarize", path, "--format", "markdown"], b"");
    out.code(0);
    assert!(
        out.stdout.contains("**Left out, about another event:**\n\n- `other.txt`: "),
        "{}",
        out.stdout
    );
    let out = precis(&["summarize", path, "--explain"], b"");
    out.code(0);
    assert!(out.stdout.contains("[off-event: other.txt: shares few"), "{}", out.stdout);
    let out = precis(&["summarize", path], b"");
    assert!(!out.stdout.contains("off-event"), "plain text lists only sentences");
    // A batch record of a clean cluster carries an empty list.
    let clean: Vec<serde_json::Value> =
        DOCS[..5].iter().map(|(id, text)| serde_json::json!({"id": id, "text": text})).collect();
    let record = serde_json::json!({"id": "clean", "documents": clean});
    let file = dir.write("batch.jsonl", format!("{record}\n"));
    let out = precis(&["summarize", file.to_str().unwrap()], b"");
    out.code(0);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(line["off_event"], serde_json::json!([]), "{}", out.stdout);
}

/// The first `n` reports as documents of a JSONL record, with ids `x0`, `x1`, ...
fn documents_json(n: usize) -> Vec<serde_json::Value> {
    DOCS[..n]
        .iter()
        .enumerate()
        .map(|(i, (_, text))| serde_json::json!({"id": format!("x{i}"), "text": text}))
        .collect()
}

/// The report of `precis eval --protocol offevent --json` on `records`.
fn eval_offevent(records: &[serde_json::Value]) -> serde_json::Value {
    let dir = TempDir::new();
    let data: String = records.iter().map(|r| format!("{r}\n")).collect();
    let file = dir.write("offevent.jsonl", data);
    let out = precis(
        &["eval", "--data", file.to_str().unwrap(), "--protocol", "offevent", "--json"],
        b"",
    );
    out.code(0);
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn eval_scores_the_detector_its_signals_and_the_baseline() {
    let report = eval_offevent(&[
        serde_json::json!({"id": "harbour-intr", "documents": documents_json(6), "off_event": ["x5"]}),
        serde_json::json!({"id": "harbour-clean", "documents": documents_json(5), "off_event": []}),
    ]);
    let rows = report["rows"].as_array().unwrap();
    let row = |what: &str| {
        rows.iter().find(|r| r["what"] == what).unwrap_or_else(|| panic!("no row {what}: {report}"))
    };
    // The detector finds the other fire and leaves the clean cluster alone.
    assert_eq!(row("all records")["f1"], 1.0, "{report}");
    assert_eq!(row("all records")["clean_flagged"], 0.0);
    for what in ["named things alone", "repeated phrases alone", "baseline: leave-one-out cosine"] {
        let r = row(&format!("{what}, best threshold"));
        assert!((0.0..=1.0).contains(&r["f1"].as_f64().unwrap()), "{r}");
        row(&format!("{what}, held-half"));
    }
    assert!(report["detection_ms_per_cluster"].as_f64().unwrap() >= 0.0);
}

#[test]
fn eval_scores_clusters_without_sentences() {
    // A cluster with no text and one whose only line is dropped as
    // furniture have no document to flag: both are scored (nothing
    // flagged; the second's answer is missed), not refused.
    let report = eval_offevent(&[
        serde_json::json!({"id": "harbour-intr", "documents": documents_json(6), "off_event": ["x5"]}),
        serde_json::json!({"id": "blank-clean", "documents": [{"id": "e", "text": "  "}], "off_event": []}),
        serde_json::json!({"id": "furniture-intr", "documents": [{"id": "f", "text": "Advertisement"}], "off_event": ["f"]}),
    ]);
    assert_eq!(report["clusters"], 3, "{report}");
    let all = &report["rows"][0];
    assert_eq!(all["what"], "all records");
    assert_eq!((all["true_pos"].as_u64(), all["false_pos"].as_u64()), (Some(1), Some(0)), "{all}");
    assert_eq!(all["false_neg"], 1, "the furniture cluster's answer is missed: {all}");
    assert_eq!((all["clean"].as_u64(), all["clean_flagged"].as_u64()), (Some(1), Some(0)), "{all}");
}

#[test]
fn a_reader_that_goes_away_ends_the_eval_quietly() {
    // `precis eval --protocol offevent ... | head -1`: the table is written
    // after the reader has gone; that is no error and no panic.
    let dir = TempDir::new();
    let record =
        serde_json::json!({"id": "harbour-clean", "documents": documents_json(5), "off_event": []});
    let file = dir.write("offevent.jsonl", format!("{record}\n"));
    for json in [false, true] {
        let mut args = vec!["eval", "--data", file.to_str().unwrap(), "--protocol", "offevent"];
        if json {
            args.push("--json");
        }
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_precis"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "json {json}: {:?} {stderr}", out.status);
        assert!(!stderr.contains("panicked"), "json {json}: {stderr}");
    }
}
