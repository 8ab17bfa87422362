//! HTML extraction on arbitrary text: it either finds text or fails with
//! `Error::Html` naming the document; what it finds has letters or digits,
//! is the same on a second run, and summarizes like any document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::ingest::extract_html;
use precis::{Budget, Cluster, Document, Error, Summarizer};

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let first = extract_html("page", &html);
    match (&first, &extract_html("page", &html)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "two runs, two articles"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("two runs: {a:?} then {b:?}"),
    }
    match first {
        Ok(article) => {
            assert!(article.text.chars().any(char::is_alphanumeric), "text without a letter");
            let summarizer = Summarizer::builder()
                .budget(Budget::words(60))
                .build()
                .expect("a valid configuration");
            let cluster = Cluster::new("page", vec![Document::new("page", article.text)]);
            precis_fuzz::check_pipeline(&summarizer, &cluster);
        }
        Err(Error::Html { document, .. }) => assert_eq!(document, "page"),
        Err(e) => panic!("unexpected error kind: {e}"),
    }
});
