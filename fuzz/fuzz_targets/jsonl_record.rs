//! The JSONL record reader every front end uses (`precis::record`) on
//! arbitrary lines: a line is either a cluster or a failure with a message; a string
//! id is kept as written, a numeric id as its token; every document is
//! there, repeated document ids are warned about; and the cluster then
//! passes every pipeline check (`precis_fuzz::check_pipeline`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::record;
use precis::{Budget, Summarizer};
use serde_json::Value;

const LIMITS: record::Limits = record::Limits { document_bytes: 1 << 16, line_bytes: 1 << 20 };

fuzz_target!(|data: &[u8]| {
    let summarizer = Summarizer::builder().budget(Budget::words(60)).build().unwrap();
    for line in data.split(|&b| b == b'\n') {
        let Ok(line) = std::str::from_utf8(line) else { continue };
        let value = serde_json::from_str::<Value>(line);
        let record = match record::parse(line) {
            Ok(record) => record,
            Err((id, msg)) => {
                assert!(msg.contains(record::SCHEMA), "a parse error gives the schema: {msg}");
                assert_eq!(id, record::id_of(line));
                continue;
            }
        };
        // Ids are kept as their JSON tokens, so a record may hold a number
        // that no f64 holds (`1e999`), which serde_json's Value refuses.
        let value = match value {
            Ok(value) => value,
            Err(e) => {
                assert!(e.to_string().contains("number out of range"), "a record, not JSON: {e}");
                if let Ok((mut cluster, _)) = record.into_cluster(LIMITS) {
                    // Unique ids for the checks, as below.
                    for (i, d) in cluster.documents.iter_mut().enumerate() {
                        d.id = format!("{}#{i}", d.id);
                    }
                    if cluster.documents.iter().map(|d| d.text.len()).sum::<usize>() <= 4096 {
                        precis_fuzz::check_pipeline(&summarizer, &cluster);
                    }
                }
                continue;
            }
        };
        match record.into_cluster(LIMITS) {
            Ok((cluster, warnings)) => {
                match &value["id"] {
                    Value::String(s) => assert_eq!(&cluster.id, s, "a string id as written"),
                    Value::Number(_) => assert!(
                        serde_json::from_str::<serde_json::Number>(&cluster.id).is_ok(),
                        "a numeric id as its token: {:?}",
                        cluster.id
                    ),
                    other => panic!("a cluster from a record whose id is {other:?}"),
                }
                let docs = value["documents"].as_array().expect("documents are an array");
                assert_eq!(cluster.documents.len(), docs.len());
                assert!(!docs.is_empty());
                let mut ids: Vec<&str> = cluster.documents.iter().map(|d| d.id.as_str()).collect();
                ids.sort_unstable();
                let repeats = ids.windows(2).filter(|w| w[0] == w[1]).count();
                assert_eq!(warnings.len(), repeats, "one warning per repeated document id");
                // Documents that share an id (and start alike) cannot be told
                // apart in the summary; give each its own id for the checks.
                let mut cluster = cluster;
                if repeats > 0 {
                    for (i, d) in cluster.documents.iter_mut().enumerate() {
                        d.id = format!("{}#{i}", d.id);
                    }
                }
                if cluster.documents.iter().map(|d| d.text.len()).sum::<usize>() <= 4096 {
                    precis_fuzz::check_pipeline(&summarizer, &cluster);
                }
            }
            Err((id, msg)) => {
                assert!(!msg.is_empty());
                if let (Some(id), Value::String(s)) = (&id, &value["id"]) {
                    assert_eq!(id, s, "the failure names the record");
                }
            }
        }
    }
});
