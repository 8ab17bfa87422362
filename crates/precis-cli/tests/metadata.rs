//! Document metadata in JSONL input: optional fields pass through, and a
//! malformed date becomes an error record naming line, cluster and document.

use crate::hay::{FLOOD, TRAM};
use crate::util::{json_lines, precis, TempDir};

#[test]
fn malformed_date_is_an_error_record_naming_line_cluster_and_document() {
    let dated = serde_json::json!({"id": "dated", "documents": [
        {"id": "a", "text": FLOOD.docs[0].1, "title": "Flood", "date": "2021-07-14", "url": "https://example.org/a", "source": "Gazette"},
        {"id": "b", "text": FLOOD.docs[1].1, "date": "2021-07-15T08:00:00+01:00"},
    ]});
    let bad = serde_json::json!({"id": "bad-date", "documents": [
        {"id": "ok", "text": TRAM.docs[0].1, "date": "2021-07-14"},
        {"id": "tram-2", "text": TRAM.docs[1].1, "date": "14/07/2021"},
    ]});
    let dir = TempDir::new();
    let path = dir.write("dated.jsonl", format!("{dated}\n{bad}\n"));
    let out = precis(&["summarize", path.to_str().unwrap(), "--words", "40"], b"");
    out.code(1).stderr_has(&["dated.jsonl:2:", "\"bad-date\"", "\"tram-2\"", "\"14/07/2021\""]);
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 2, "{}", out.stdout);
    assert_eq!(records[0]["id"], "dated");
    assert!(records[0].get("error").is_none(), "{}", records[0]);
    assert_eq!(records[1]["id"], "bad-date");
    assert_eq!(records[1]["line"], 2);
    let error = records[1]["error"].as_str().unwrap();
    assert!(error.contains("document \"tram-2\"") && error.contains("ISO 8601"), "{error}");
}
