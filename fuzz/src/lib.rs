//! What the fuzz targets check, shared by them.
//!
//! Each target turns the fuzzer's bytes into input for one part of precis and
//! asserts the invariants that part promises (see ARCHITECTURE.md), so a
//! wrong answer is a finding just as a panic is:
//!
//! - every summary sentence's span lies on character boundaries of its
//!   document and slices back to the sentence's text (whitespace collapsed);
//! - the summary fits its budget;
//! - no two summary sentences are near-duplicates;
//! - the sentences of one document keep that document's order (except that
//!   its picks before the lead, which cannot open, follow the lead);
//! - provenance names other documents of the cluster, in cluster order, once;
//! - summarizing twice gives the same summary, and its JSON parses back to it.

use precis::render::{Json, JsonLine, Markdown, Render, Text};
use precis::select::Unit;
use precis::{collapse_whitespace, prepare, Budget, Cluster, Document, Error, Method, Summarizer};

/// A summarizer configured from the first bytes of `data`, and the rest.
///
/// Byte 0 picks the method; byte 1 the unit (words, bytes, sentences), fill
/// mode, explanations and whether the limit is huge (past 2^32, where a
/// narrowing conversion would wrap); bytes 2-3 the limit.
pub fn configure(data: &[u8]) -> Option<(Summarizer, &[u8])> {
    let (head, rest) = data.split_first_chunk::<4>()?;
    let method = Method::ALL[head[0] as usize % Method::ALL.len()];
    let small = 1 + usize::from(u16::from_le_bytes([head[2], head[3]])) % 600;
    let limit = if head[1] & 0x40 != 0 { (1usize << 32) + small } else { small };
    let budget = match head[1] % 3 {
        0 => Budget::words(limit),
        1 => Budget::bytes(limit),
        _ => Budget::sentences(limit.min(1000)),
    }
    .with_fill(head[1] & 0x08 != 0);
    let summarizer = Summarizer::builder()
        .method(method)
        .budget(budget)
        .explain(head[1] & 0x10 != 0)
        .build()
        .expect("a budget of at least 1 with default settings is a valid configuration");
    Some((summarizer, rest))
}

/// Documents from raw bytes: split at 0xFF (never part of UTF-8, so the
/// fuzzer can place boundaries anywhere), each decoded lossily.
pub fn documents(data: &[u8], max_docs: usize) -> Vec<Document> {
    data.split(|&b| b == 0xff)
        .take(max_docs)
        .enumerate()
        .map(|(i, bytes)| Document::new(format!("d{i}"), String::from_utf8_lossy(bytes)))
        .collect()
}

/// Summarizes `cluster` with `summarizer` and checks every invariant.
pub fn check_pipeline(summarizer: &Summarizer, cluster: &Cluster) {
    let first = summarizer.summarize(cluster);
    let second = summarizer.summarize(cluster);
    let summary = match (first, second) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "summarizing twice gave two summaries");
            a
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "summarizing twice gave two errors");
            // Only the input may fail; the configuration is valid.
            let input_error = match &a {
                Error::EmptyCluster { .. } | Error::NoSentences { .. } | Error::Binary { .. } => {
                    true
                }
                // A date that is not ISO 8601 names the document that has it.
                Error::Date { document, value, .. } => cluster
                    .documents
                    .iter()
                    .any(|d| &d.id == document && d.date.as_deref() == Some(value.as_str())),
                _ => false,
            };
            assert!(input_error, "unexpected error: {a}");
            return;
        }
        (a, b) => panic!("summarizing twice: {a:?} then {b:?}"),
    };
    let budget = summarizer.budget();
    assert_eq!(summary.budget, budget);
    assert_eq!(summary.id, cluster.id);

    // Spans slice back to the text, on character boundaries. A repeated
    // document id (accepted with a warning) names several documents: the
    // sentence's document is the one of them with a prepared sentence that
    // starts where it starts and has its text.
    let doc_index = |id: &str| {
        cluster
            .documents
            .iter()
            .position(|d| d.id == id)
            .unwrap_or_else(|| panic!("summary names document {id:?}, not in the cluster"))
    };
    let prepared = prepare(cluster).expect("the cluster summarized, so it prepares");
    let analysis = &prepared.analysis;
    let mut ids: Vec<&str> = cluster.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    let repeated_ids = ids.windows(2).any(|w| w[0] == w[1]);
    let mut picks = Vec::new();
    for s in &summary.sentences {
        let d = doc_index(&s.document);
        let d = (d..cluster.documents.len())
            .filter(|&i| cluster.documents[i].id == s.document)
            .find(|&i| {
                analysis.sentences.iter().any(|p| {
                    p.doc == i
                        && p.span.start() == s.span.start()
                        && if s.cut { p.text.starts_with(&s.text) } else { p.text == s.text }
                })
            })
            .unwrap_or(d);
        let text = &cluster.documents[d].text;
        let raw = s.span.slice(text).unwrap_or_else(|| {
            panic!("span {:?} is not a slice of document {:?}", s.span, s.document)
        });
        assert_eq!(collapse_whitespace(raw), s.text, "span {:?} of {:?}", s.span, s.document);
        assert!(!s.text.is_empty(), "an empty summary sentence");
        assert!(s.score.is_finite(), "score {} of {:?}", s.score, s.text);
        let mut last = None;
        for p in &s.provenance {
            let pd = doc_index(p);
            if repeated_ids {
                // Which of the documents sharing an id is meant cannot be
                // told from the id; the CLI warns about repeated ids.
                continue;
            }
            assert_ne!(pd, d, "provenance names the sentence's own document");
            assert!(last < Some(pd), "provenance out of cluster order or repeated");
            last = Some(pd);
        }
        picks.push((d, s.span.start(), s.span.end()));
    }
    // An empty summary says why.
    if summary.sentences.is_empty() {
        assert!(!summary.warnings.is_empty(), "an empty summary without a warning");
    }
    // At most one sentence is cut, and only in fill mode.
    let cuts = summary.sentences.iter().filter(|s| s.cut).count();
    assert!(cuts <= usize::from(budget.fill), "{cuts} cut sentences, fill {}", budget.fill);

    // The budget holds.
    let used = budget.measure(summary.sentences.iter().map(|s| s.text.as_str()));
    assert!(used <= budget.limit, "{used} {:?} over a budget of {}", budget.unit, budget.limit);
    if budget.unit == Unit::Words {
        assert_eq!(used, summary.word_count());
    }

    // One document's sentences keep its order, and never overlap; the
    // sentence selected to be cut in fill mode comes last wherever it stood
    // (even when it turned out to fit whole).
    for (a, pa) in picks.iter().enumerate() {
        for (b, pb) in picks.iter().enumerate().skip(a + 1) {
            let last_in_fill = budget.fill && b + 1 == picks.len();
            // Picks of the lead's article that stand before the lead (they
            // cannot open a summary) follow it.
            let lead = picks[0];
            let after_lead = pa.0 == lead.0 && pb.1 < lead.1 && pa.1 >= lead.1;
            if pa.0 == pb.0 && !summary.sentences[b].cut && !last_in_fill && !after_lead {
                assert!(pa.2 <= pb.1, "sentences of one document out of order: {pa:?} {pb:?}");
            }
        }
    }

    // No two near-duplicates: find each pick among the prepared sentences.
    let indices: Vec<usize> = picks
        .iter()
        .map(|&(d, start, _)| {
            analysis
                .sentences
                .iter()
                .position(|s| s.doc == d && s.span.start() == start)
                .expect("every summary sentence is a prepared sentence")
        })
        .collect();
    for (s, &i) in summary.sentences.iter().zip(&indices) {
        let whole = &analysis.sentences[i].text;
        if s.cut {
            assert!(whole.starts_with(&s.text) && whole.len() > s.text.len(), "cut {s:?}");
        } else {
            assert_eq!(whole, &s.text);
        }
    }
    for (a, &i) in indices.iter().enumerate() {
        for &j in &indices[a + 1..] {
            assert_ne!(i, j, "one sentence picked twice");
            assert!(
                !analysis.near_duplicate(i, j),
                "near-duplicates in one summary: {:?} and {:?}",
                analysis.sentences[i].text,
                analysis.sentences[j].text
            );
        }
    }

    // Every renderer works; JSON parses back to the summary.
    let mut out = String::new();
    Text.render(&summary, &mut out);
    Markdown.render(&summary, &mut out);
    let mut json = String::new();
    Json.render(&summary, &mut json);
    // Every float too: serde_json is built with `float_roundtrip` here, so
    // reading the shortest representation back gives the same number.
    let back: precis::Summary = serde_json::from_str(&json).expect("JSON output parses");
    assert_eq!(back, summary, "JSON does not round-trip");
    let mut line = String::new();
    JsonLine.render(&summary, &mut line);
    assert_eq!(line.matches('\n').count(), 1, "a JSON line holds one newline, at its end");
    serde_json::from_str::<serde_json::Value>(&line).expect("a JSON line parses");
}
