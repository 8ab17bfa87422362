//! Bad input of every kind: a clear message naming the file, line or
//! cluster, the right exit status, and never a panic.

use crate::hay::FLOOD;
use crate::util::{precis, TempDir};

/// A directory holding the flood story, for variations.
fn flood_dir() -> TempDir {
    let dir = TempDir::new();
    for (id, text) in FLOOD.docs {
        dir.write(&format!("{id}.txt"), text);
    }
    dir
}

#[test]
fn nonexistent_path() {
    precis(&["summarize", "/no/such/precis-input"], b"")
        .code(2)
        .stderr_has(&["/no/such/precis-input", "No such file"]);
}

#[test]
fn usage_errors() {
    precis(&["summarize", "--method", "best"], b"").code(2).stderr_has(&["best", "lexrank"]);
    precis(&["summarize", "--words", "5", "--sentences", "2"], b"").code(2);
    precis(&["summarize", "--words", "0"], b"").code(2);
    precis(&["frobnicate"], b"").code(2);
}

#[test]
fn empty_directory() {
    let dir = TempDir::new();
    let p = dir.path().to_str().unwrap();
    precis(&["summarize", p], b"").code(1).stderr_has(&[
        p,
        "no .txt or .html documents",
        "it is empty",
    ]);
    dir.write("notes.pdf", "%PDF");
    precis(&["summarize", p], b"").code(1).stderr_has(&["notes.pdf", "ignored"]);
}

#[test]
fn other_files_are_ignored() {
    let dir = flood_dir();
    dir.write("README.md", "# not a document");
    dir.write("sub/inner.txt", "\0\0 a subdirectory is not read");
    let out = precis(&["summarize", dir.path().to_str().unwrap(), "-f", "json"], b"");
    out.code(0);
    assert!(!out.stdout.contains("README") && !out.stdout.contains("inner"));
}

#[test]
fn empty_documents_are_skipped_with_a_warning() {
    let dir = flood_dir();
    dir.write("blank.txt", "  \n\t\n");
    let out = precis(&["summarize", dir.path().to_str().unwrap()], b"");
    out.code(0).stderr_has(&["warning:", "blank.txt", "skipped"]);
    assert!(!out.stdout.is_empty());
}

#[test]
fn all_documents_empty() {
    let dir = TempDir::new();
    dir.write("a.txt", "");
    dir.write("b.txt", " \n ");
    precis(&["summarize", dir.path().to_str().unwrap()], b"").code(1).stderr_has(&[
        "cannot summarize",
        dir.path().to_str().unwrap(),
        "no document with text",
    ]);
}

#[test]
fn invalid_utf8() {
    let dir = flood_dir();
    dir.write(
        "latin1.txt",
        b"The caf\xe9 on Bridge Street was flooded to the counter on Tuesday morning.",
    );
    precis(&["summarize", dir.path().to_str().unwrap()], b"").code(1).stderr_has(&[
        "latin1.txt",
        "not valid UTF-8",
        "byte offset 7",
        "iconv",
    ]);
}

#[test]
fn binary_and_utf16_files() {
    let dir = flood_dir();
    dir.write("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    precis(&["summarize", dir.path().to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["photo.txt", "binary"]);

    let dir = flood_dir();
    let utf16: Vec<u8> =
        [0xff, 0xfe].into_iter().chain("Hello".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    dir.write("wide.txt", utf16);
    precis(&["summarize", dir.path().to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["wide.txt", "UTF-16"]);

    // Control characters without NUL bytes are caught by the library.
    let dir = flood_dir();
    dir.write("ctl.txt", "\x01\x02\x03\x04\x05\x06\x07\x08 text");
    precis(&["summarize", dir.path().to_str().unwrap()], b"")
        .code(1)
        .stderr_has(&["ctl.txt", "binary"]);
}

#[test]
fn single_sentence_cluster_still_summarized() {
    let dir = TempDir::new();
    dir.write(
        "only.txt",
        "The river Aske burst its banks early on Tuesday, flooding more than two hundred homes.",
    );
    let name = dir.path().file_name().unwrap().to_str().unwrap().to_owned();
    let out = precis(&["summarize", dir.path().to_str().unwrap()], b"");
    out.code(0).stderr_has(&["warning:", &format!("cluster {name:?}"), "single sentence"]);
    // The title (a short form of the sentence), an empty line, the sentence.
    assert_eq!(
        out.stdout,
        "The river Aske burst its banks early on Tuesday\n\n\
         The river Aske burst its banks early on Tuesday, flooding more than two hundred homes.\n"
    );
}

#[test]
fn a_single_text_file() {
    let dir = TempDir::new();
    let p = dir.write("story.txt", FLOOD.docs[0].1);
    let out = precis(&["summarize", p.to_str().unwrap(), "-f", "jsonl", "--words", "40"], b"");
    out.code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["id"], "story");
    assert_eq!(v["sentences"][0]["document"], "story.txt");
}

#[test]
fn output_must_not_overwrite_input() {
    let dir = TempDir::new();
    let p = dir.write("in.jsonl", FLOOD.record());
    let p = p.to_str().unwrap();
    precis(&["summarize", p, "-o", p], b"").code(2).stderr_has(&["is the input"]);
    assert_eq!(std::fs::read_to_string(p).unwrap(), FLOOD.record());
}

#[test]
fn corrupt_gzip_is_an_io_error() {
    let dir = TempDir::new();
    let mut gz = crate::util::gzip((FLOOD.record() + "\n").repeat(50).as_bytes());
    let n = gz.len();
    gz.truncate(n / 2);
    let p = dir.write("cut.jsonl.gz", gz);
    precis(&["summarize", p.to_str().unwrap()], b"").code(2).stderr_has(&["cut.jsonl.gz"]);
}
