//! Test helpers: running the built `precis` binary, scratch directories, and
//! the checks every summary must pass.

use precis::{collapse_whitespace, Budget, Summary};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The bundled example cluster.
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/kerry-lavrov-syria");

/// What one run of the binary did.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts the exit status, showing stderr when it differs.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit status; stderr:\n{}", self.stderr);
        self
    }

    /// Asserts that stderr mentions every one of `needles`.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Self {
        for n in needles {
            assert!(self.stderr.contains(n), "stderr lacks {n:?}:\n{}", self.stderr);
        }
        self
    }
}

/// Runs `precis ARGS`, feeding `stdin` (or an empty, non-terminal stdin).
pub fn precis(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_precis"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning precis");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against a
    // full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("waiting for precis");
    writer.join().unwrap();
    Output {
        code: out.status.code().expect("precis was killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A scratch directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("precis-cli-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// The path as a `&str` argument.
    pub fn arg(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The documents of a directory cluster, by file name.
pub fn read_docs(dir: &str) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// Checks a summary against its documents: within budget, every sentence's
/// text is the whitespace-collapsed original at its span, and provenance
/// names real documents other than the sentence's own.
#[track_caller]
pub fn check_summary(summary: &Summary, docs: &BTreeMap<String, String>, budget: Budget) {
    assert!(!summary.sentences.is_empty(), "empty summary for {}", summary.id);
    let texts: Vec<&str> = summary.sentences.iter().map(|s| s.text.as_str()).collect();
    assert!(
        budget.measure(texts.iter().copied()) <= budget.limit,
        "{budget:?} exceeded: {} in {texts:?}",
        budget.measure(texts.iter().copied())
    );
    for s in &summary.sentences {
        let doc =
            docs.get(&s.document).unwrap_or_else(|| panic!("unknown document {:?}", s.document));
        let raw = s
            .span
            .slice(doc)
            .unwrap_or_else(|| panic!("span {:?} outside {:?}", s.span, s.document));
        assert_eq!(s.text, collapse_whitespace(raw), "text differs from the document at its span");
        for p in &s.provenance {
            assert!(docs.contains_key(p), "provenance names unknown document {p:?}");
            assert_ne!(p, &s.document, "provenance names the sentence's own document");
        }
    }
}

/// Parses every line of JSONL output.
#[track_caller]
pub fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// Gzip-compresses `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}
