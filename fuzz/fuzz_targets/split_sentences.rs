//! The sentence splitter on arbitrary text: spans in order, non-overlapping,
//! non-empty, trimmed, on character boundaries, leaving out only whitespace,
//! and the same on a second run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precis::segment::split_sentences;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let spans = split_sentences(text);
    assert_eq!(spans, split_sentences(text), "two runs, two answers");
    let mut end = 0;
    for span in &spans {
        assert!(span.start() >= end, "span {span:?} overlaps the one before (ends at {end})");
        let sentence = span.slice(text).unwrap_or_else(|| panic!("{span:?} is not a slice"));
        assert!(!sentence.is_empty(), "empty sentence at {span:?}");
        assert_eq!(sentence, sentence.trim(), "untrimmed sentence at {span:?}");
        let gap = &text[end..span.start()];
        assert!(gap.trim().is_empty(), "text {gap:?} left out before {span:?}");
        end = span.end();
    }
    assert!(text[end..].trim().is_empty(), "text {:?} left out at the end", &text[end..]);
});
