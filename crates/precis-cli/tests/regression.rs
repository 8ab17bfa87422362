//! Regressions from the hostile trial of issue 10, one test (or a few) per
//! defect, named by what the user saw.

use crate::hay::{Story, COMET, FLOOD, STORIES, TRAM};
use crate::util::{gzip, json_lines, precis, TempDir};
use std::io::Read;
use std::process::{Command, Stdio};

/// `n` records `c0`, `c1`, ... of the three stories.
fn records(n: usize) -> String {
    (0..n).map(|i| STORIES[i % 3].record_as(&format!("c{i}")) + "\n").collect()
}

/// The number of complete lines in what a (possibly damaged) gzip stream
/// yields before it fails.
fn complete_lines(gz: &[u8]) -> usize {
    let mut out = Vec::new();
    let mut decoder = flate2::read::GzDecoder::new(gz);
    let mut buf = [0u8; 4096];
    while let Ok(n) = decoder.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out.iter().filter(|&&b| b == b'\n').count()
}

// Defect 2: a truncated gzip lost records decoded before the damage.

#[test]
fn truncated_gzip_keeps_every_record_before_the_damage() {
    let dir = TempDir::new();
    let gz = gzip(records(900).as_bytes());
    // Cut where more than one chunk of 256 records has been decoded, so
    // records read ahead while the previous chunk was summarized count too.
    let cut = &gz[..gz.len() * 2 / 3];
    let good = complete_lines(cut);
    assert!((300..900).contains(&good), "{good}");
    let p = dir.write("cut.jsonl.gz", cut);
    let p = p.to_str().unwrap();
    for threads in ["1", "3"] {
        let out = precis(&["summarize", p, "--words", "30", "-j", threads], b"");
        out.code(2).stderr_has(&[
            "cut.jsonl.gz",
            &format!("damaged after line {good}, its last complete line"),
            &format!("the {good} record(s) up to it were summarized and written"),
        ]);
        let ids: Vec<String> =
            json_lines(&out.stdout).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
        let expected: Vec<String> = (0..good).map(|i| format!("c{i}")).collect();
        assert_eq!(ids, expected, "-j {threads}");
    }
    let out = precis(&["summarize", p, "--words", "30", "-f", "json"], b"");
    out.code(2);
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("--format json stays one JSON array");
    assert_eq!(v.as_array().unwrap().len(), good);
}

#[test]
fn trailing_garbage_after_gzip_is_ignored_with_a_warning() {
    let dir = TempDir::new();
    let mut gz = gzip(records(4).as_bytes());
    gz.extend_from_slice(b"\0\0\0\0not gzip at all\n");
    let p = dir.write("padded.jsonl.gz", &gz);
    let out = precis(&["summarize", p.to_str().unwrap(), "--words", "30"], b"");
    out.code(0).stderr_has(&["padded.jsonl.gz", "trailing garbage", "ignored"]);
    assert_eq!(json_lines(&out.stdout).len(), 4);
    // Two members one after the other are one stream, as for `gzip -d`.
    let mut two = gzip(records(2).as_bytes());
    two.extend(gzip(TRAM.record_as("third").as_bytes()));
    let p = dir.write("two.jsonl.gz", &two);
    let out = precis(&["summarize", p.to_str().unwrap(), "--words", "30"], b"");
    out.code(0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let ids: Vec<String> =
        json_lines(&out.stdout).iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["c0", "c1", "third"]);
}

// Defect 7: a byte-order mark turned JSONL on standard input into prose.

#[test]
fn byte_order_marks_are_dropped_everywhere() {
    let with_bom = |s: &str| [b"\xef\xbb\xbf".as_slice(), s.as_bytes()].concat();
    let jsonl = with_bom(&records(2));
    let out = precis(&["summarize", "--words", "30"], &jsonl);
    out.code(0);
    let ids: Vec<serde_json::Value> =
        json_lines(&out.stdout).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["c0", "c1"]);
    // Gzipped, as a file, and as prose documents.
    precis(&["summarize", "--words", "30"], &gzip(&jsonl)).code(0);
    let dir = TempDir::new();
    let p = dir.write("bom.jsonl", &jsonl);
    assert_eq!(
        json_lines(&precis(&["summarize", p.to_str().unwrap()], b"").code(0).stdout).len(),
        2
    );
    let prose = with_bom(FLOOD.docs[0].1);
    let out = precis(&["summarize", "-f", "json"], &prose);
    out.code(0);
    let s: precis::Summary = serde_json::from_str(&out.stdout).unwrap();
    assert!(!s.sentences[0].text.starts_with('\u{feff}'));
    // ROUGE inputs.
    let gold = with_bom(&serde_json::json!({"id": "a", "summaries": ["The cat sat."]}).to_string());
    let pred = with_bom(&serde_json::json!({"id": "a", "summary": "The cat sat."}).to_string());
    let (g, p) = (dir.write("gold.jsonl", gold), dir.write("pred.jsonl", pred));
    let out = precis(
        &[
            "rouge",
            "--data",
            g.to_str().unwrap(),
            "--pred",
            p.to_str().unwrap(),
            "--protocol",
            "multinews",
            "--json",
        ],
        b"",
    );
    let r: serde_json::Value = serde_json::from_str(&out.code(0).stdout).unwrap();
    assert_eq!(r["rouge-1"]["f1"], 1.0);
}

// Defect 8: `precis rouge` scored misnamed fields as zero, and rejected
// `precis summarize`'s own error records.

fn rouge(dir: &TempDir, gold: &str, pred: &str) -> crate::util::Output {
    let (g, p) = (dir.write("gold.jsonl", gold), dir.write("pred.jsonl", pred));
    precis(
        &[
            "rouge",
            "--data",
            g.to_str().unwrap(),
            "--pred",
            p.to_str().unwrap(),
            "--protocol",
            "multinews",
            "--json",
        ],
        b"",
    )
}

#[test]
fn rouge_rejects_predictions_without_a_summary_field() {
    let dir = TempDir::new();
    let gold = r#"{"id": "a", "summaries": ["The cat sat on the mat."]}"#;
    let out = rouge(&dir, gold, r#"{"id": "a", "text": "The cat sat."}"#);
    out.code(1).stderr_has(&[
        "pred.jsonl:1:",
        "no \"summary\" field",
        "\"id\", \"text\"",
        "array of sentence strings",
    ]);
    assert!(out.stdout.is_empty());
    // A list of sentences is a summary too.
    let out = rouge(&dir, gold, r#"{"id": "a", "summary": ["The cat sat", "on the mat."]}"#);
    let r: serde_json::Value = serde_json::from_str(&out.code(0).stdout).unwrap();
    assert_eq!(r["rouge-1"]["f1"], 1.0);
}

#[test]
fn rouge_skips_error_records_and_counts_them_missing() {
    let dir = TempDir::new();
    let gold = [
        r#"{"id": "a", "summaries": ["The cat sat on the mat."]}"#,
        r#"{"id": 2, "summaries": ["A dog ran."]}"#,
    ]
    .join("\n");
    let pred = [
        r#"{"id": null, "line": 1, "error": "malformed JSON"}"#,
        r#"{"id": 2, "summary": "A dog ran.", "sentences": []}"#,
    ]
    .join("\n");
    let out = rouge(&dir, &gold, &pred);
    out.code(0).stderr_has(&["1 error record(s)", "1 of 2 gold clusters have no prediction"]);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(r["missing"], 1);
    assert_eq!(r["rouge-1"]["f1"], 0.5);
}

// Defect 9: ids rewritten, duplicates silent, framing broken by newlines.

#[test]
fn ids_are_kept_exactly_as_written() {
    let text = FLOOD.docs[0].1;
    let line = format!(
        r#"{{"id": 1e2, "documents": [{{"id": 123456789012345678901234567890, "text": {t}}}, {{"id": 1.50, "text": {t2}}}]}}"#,
        t = serde_json::to_string(text).unwrap(),
        t2 = serde_json::to_string(FLOOD.docs[1].1).unwrap(),
    );
    let out = precis(&["summarize", "--words", "60"], line.as_bytes());
    out.code(0);
    assert!(out.stdout.starts_with(r#"{"id":"1e2","#), "{}", out.stdout);
    let record = &json_lines(&out.stdout)[0];
    let docs: Vec<&str> = record["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["document"].as_str().unwrap())
        .collect();
    assert!(
        docs.iter().all(|d| ["123456789012345678901234567890", "1.50"].contains(d)),
        "{docs:?}"
    );
}

#[test]
fn repeated_ids_are_warned_about() {
    let docs = |s: &Story| -> Vec<serde_json::Value> {
        s.docs.iter().map(|(_, t)| serde_json::json!({"id": "same", "text": t})).collect()
    };
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "x", "documents": docs(&FLOOD)}),
        TRAM.record_as("y"),
        COMET.record_as("x"),
    );
    let out = precis(&["summarize", "--words", "30"], input.as_bytes());
    out.code(0).stderr_has(&[
        "<stdin>:1: cluster \"x\": documents 1 and 2 both have the id \"same\"",
        "<stdin>:3: cluster id \"x\" repeats the id of line 1",
    ]);
    let first = &json_lines(&out.stdout)[0];
    assert!(first["warnings"].to_string().contains("both have the id"), "{first}");
}

#[test]
fn ids_are_escaped_in_the_text_framing() {
    let input = format!("{}\n{}\n", FLOOD.record_as("a\n==> b <=="), TRAM.record_as("plain"));
    let out = precis(&["summarize", "--words", "30", "-f", "text"], input.as_bytes());
    out.code(0);
    let headers: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("==> ")).collect();
    assert_eq!(headers, [r#"==> "a\n==> b <==" <=="#, "==> plain <=="]);
}

// Defect 10: output failures were silent or unexplained.

/// Runs `precis ARGS` from a shell with `redirect` applied to its output.
fn precis_redirected(args: &[&str], redirect: &str) -> (i32, String) {
    let script = format!("set -o pipefail; \"$0\" \"$@\" {redirect}");
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_precis"))
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn closed_or_full_output_is_an_error() {
    let example = crate::util::EXAMPLE;
    let (code, stderr) = precis_redirected(&["summarize", example], ">&-");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("standard output is closed"), "{stderr}");
    if std::path::Path::new("/dev/full").exists() {
        let (code, stderr) = precis_redirected(&["summarize", example], ">/dev/full");
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("cannot write the output to standard output"), "{stderr}");
        assert!(stderr.contains("No space left"), "{stderr}");
    }
    // Output to /dev/null on purpose stays fine, and so does `| head`.
    assert_eq!(precis_redirected(&["summarize", example], ">/dev/null").0, 0);
    let dir = TempDir::new();
    let p = dir.write("many.jsonl", records(300));
    let (code, stderr) = precis_redirected(
        &["summarize", p.to_str().unwrap(), "--words", "30"],
        "| head -n 1 >/dev/null",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

// Defect 11: error wording.

#[test]
fn messages_name_no_internals() {
    // A line cut short: no "column 0"; an id of the wrong type: no type names.
    let input = format!(
        "{}\n{{\"id\": \"cut\", \"documents\": [\n{{\"id\": true, \"documents\": []}}\n",
        FLOOD.record()
    );
    let out = precis(&["summarize", "--words", "30"], input.as_bytes());
    out.code(1).stderr_has(&[
        "<stdin>:2: malformed JSON: the line ends before the JSON value is complete",
        "<stdin>:3: the record's \"id\" is a boolean (true); an id must be a string or a number",
    ]);
    assert!(!out.stderr.contains("column 0"), "{}", out.stderr);
    assert!(!out.stderr.contains("untagged") && !out.stderr.contains("enum"), "{}", out.stderr);
}

#[test]
fn utf16_without_a_byte_order_mark_is_named() {
    let dir = TempDir::new();
    let wide: Vec<u8> = FLOOD.docs[0].1.encode_utf16().flat_map(u16::to_le_bytes).collect();
    dir.write("a.txt", FLOOD.docs[1].1);
    dir.write("wide.txt", &wide);
    let out = precis(&["summarize", dir.path().to_str().unwrap()], b"");
    out.code(1).stderr_has(&[
        "wide.txt",
        "UTF-16 (little-endian, without a byte-order mark)",
        "iconv",
    ]);
    assert!(!out.stderr.contains("binary"), "{}", out.stderr);
    let p = dir.write(
        "batch.jsonl",
        records(1).encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>(),
    );
    precis(&["summarize", p.to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["batch.jsonl is UTF-16 (big-endian"]);
    let wide_jsonl: Vec<u8> = records(2).encode_utf16().flat_map(u16::to_le_bytes).collect();
    precis(&["summarize"], &wide_jsonl)
        .code(1)
        .stderr_has(&["standard input is UTF-16 (little-endian"]);
}

#[test]
fn prose_in_a_file_that_is_not_txt_gets_one_clear_message() {
    let dir = TempDir::new();
    for name in ["notes", "one.md"] {
        let p = dir.write(name, FLOOD.docs[0].1);
        let out = precis(&["summarize", p.to_str().unwrap()], b"");
        out.code(1).stderr_has(&[
            name,
            "does not look like JSONL",
            ".txt (plain text) and .html/.htm (web pages)",
            "precis summarize - <",
        ]);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
}

#[test]
fn rouge_names_its_own_options() {
    let dir = TempDir::new();
    let pred = dir.write("pred.jsonl", r#"{"id": "a", "summary": "x"}"#);
    let out = precis(
        &[
            "rouge",
            "--data",
            "/no/such/missing.jsonl",
            "--pred",
            pred.to_str().unwrap(),
            "--protocol",
            "duc",
        ],
        b"",
    );
    out.code(2).stderr_has(&["--data /no/such/missing.jsonl", "No such file", "give a JSONL file"]);
    assert!(
        !out.stderr.contains("directory of") && !out.stderr.contains("INPUT"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_huge_thread_count_is_refused_at_once() {
    let start = std::time::Instant::now();
    let out = precis(&["summarize", "-j", "100000000", crate::util::EXAMPLE], b"");
    out.code(2).stderr_has(&["100000000", "1..=1024"]);
    assert_eq!(out.stderr.matches("error:").count(), 1, "{}", out.stderr);
    assert!(start.elapsed().as_secs() < 5);
    precis(&["eval", "--threads", "5000", "--data", "x", "--protocol", "duc"], b"")
        .code(2)
        .stderr_has(&["1..=1024"]);
}

// Defect 12: no size limits.

#[test]
fn documents_and_lines_over_the_limits_are_refused_clearly() {
    let dir = TempDir::new();
    let big = "The river rose again overnight and more streets were closed. ".repeat(20_000);
    assert!(big.len() > 1 << 20);
    dir.write("a.txt", FLOOD.docs[0].1);
    dir.write("big.txt", &big);
    let d = dir.path().to_str().unwrap();
    precis(&["summarize", d, "--max-document-mb", "1"], b"").code(1).stderr_has(&[
        "big.txt",
        "1.2 MiB",
        "limit of 1.0 MiB per document",
        "--max-document-mb",
    ]);
    precis(&["summarize", d, "--max-document-mb", "2"], b"").code(0);

    let huge = serde_json::json!({"id": "huge", "documents": [{"id": "d", "text": big.repeat(2)}]});
    let input = format!("{}\n{huge}\n{}\n", FLOOD.record(), TRAM.record());
    let out = precis(
        &["summarize", "--words", "30", "--max-line-mb", "2", "--max-document-mb", "4"],
        input.as_bytes(),
    );
    out.code(1).stderr_has(&["<stdin>:2:", "limit of 2.0 MiB per line", "--max-line-mb"]);
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert!(records[1]["error"].is_string() && records[2]["id"] == "tram-vote");
    let out = precis(&["summarize", "--words", "30", "--max-document-mb", "1"], input.as_bytes());
    out.code(1)
        .stderr_has(&["<stdin>:2: cluster \"huge\": document 1 (\"d\") has 2.3 MiB of text"]);
}
