//! The bundled example cluster, `examples/kerry-lavrov-syria`, in every
//! format, method and kind of budget.

use crate::util::{check_summary, json_lines, precis, read_docs, TempDir, EXAMPLE};
use precis::{Budget, Cluster, Document, Method, Span, Summarizer, Summary};

/// The example summarized as JSON with `args`, checked against `budget`.
fn summary(args: &[&str], budget: Budget) -> Summary {
    let mut all = vec!["summarize", EXAMPLE, "--format", "json"];
    all.extend_from_slice(args);
    let out = precis(&all, b"");
    out.code(0);
    let summary: Summary = serde_json::from_str(&out.stdout).expect("--format json is a Summary");
    assert_eq!(summary.id, "kerry-lavrov-syria");
    assert_eq!(summary.budget, budget);
    check_summary(&summary, &read_docs(EXAMPLE), budget);
    summary
}

#[test]
fn every_format_at_100_and_250_words() {
    for words in [100, 250] {
        let n = words.to_string();
        let budget = Budget::words(words);
        let json = summary(&["--words", &n], budget);
        let texts: Vec<&str> = json.sentences.iter().map(|s| s.text.as_str()).collect();

        let text = precis(&["summarize", EXAMPLE, "--words", &n], b"");
        text.code(0);
        let lines: String = texts.iter().map(|t| format!("{t}\n")).collect();
        assert_eq!(text.stdout, format!("{}\n\n{lines}", json.title));

        let md = precis(&["summarize", EXAMPLE, "--words", &n, "--format", "markdown"], b"");
        md.code(0);
        let heading = format!("## {}\n\n*Summary of kerry-lavrov-syria*\n\n", json.title);
        assert!(md.stdout.starts_with(&heading), "{}", md.stdout);
        assert_eq!(md.stdout.lines().filter(|l| l.starts_with("- ")).count(), texts.len());

        let jsonl = precis(&["summarize", EXAMPLE, "--words", &n, "--format", "jsonl"], b"");
        jsonl.code(0);
        let lines = json_lines(&jsonl.stdout);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["id"], "kerry-lavrov-syria");
        assert_eq!(lines[0]["title"], json.title.as_str());
        assert_eq!(lines[0]["summary"], texts.join("\n"));
        let sentences: Vec<precis::SummarySentence> =
            serde_json::from_value(lines[0]["sentences"].clone()).unwrap();
        assert_eq!(sentences, json.sentences);
    }
    // A larger budget never gives a shorter summary.
    let short = summary(&["--words", "100"], Budget::words(100)).word_count();
    let long = summary(&["--words", "250"], Budget::words(250)).word_count();
    assert!(short <= long && long > 100, "{short} vs {long}");
}

#[test]
fn bytes_sentences_and_fill() {
    summary(&["--bytes", "665"], Budget::bytes(665));
    let s = summary(&["--sentences", "3"], Budget::sentences(3));
    assert_eq!(s.sentences.len(), 3);
    // Fill mode with a word budget uses the whole budget: one sentence, the
    // last, is cut to the last word, and what is kept of it is a proper
    // prefix of a sentence of its document; without --fill the same budget
    // is left partly unused and nothing is cut.
    let prepared = precis::prepare(&example_cluster()).unwrap();
    let whole_of = |cut: &precis::SummarySentence| {
        let whole = prepared
            .analysis
            .sentences
            .iter()
            .find(|s| prepared.doc_ids[s.doc] == cut.document && s.span.start() == cut.span.start())
            .expect("a cut sentence starts where a sentence of its document starts");
        assert!(
            whole.text.starts_with(&cut.text) && whole.text.len() > cut.text.len(),
            "{:?} is not a proper prefix of {:?}",
            cut.text,
            whole.text
        );
    };
    let budget = Budget::words(100).with_fill(true);
    let filled = summary(&["--words", "100", "--fill"], budget);
    assert_eq!(filled.word_count(), 100, "--fill uses the whole word budget");
    let cut: Vec<_> = filled.sentences.iter().filter(|s| s.cut).collect();
    assert_eq!(cut.len(), 1, "one sentence is cut: {:#?}", filled.sentences);
    assert!(filled.sentences.last().unwrap().cut, "the cut sentence comes last");
    whole_of(cut[0]);
    let strict = summary(&["--words", "100"], Budget::words(100));
    assert!(strict.sentences.iter().all(|s| !s.cut));
    assert!(strict.word_count() < 100, "{}", strict.word_count());

    // With a byte budget the selector overruns only with a sentence that it
    // can cut at a word; on the example at 665 bytes the picks fit whole, so
    // fill mode cuts nothing and keeps within the budget, using at least as
    // much of it as strict mode. Any cut would be a proper prefix, last.
    let budget = Budget::bytes(665).with_fill(true);
    let filled = summary(&["--bytes", "665", "--fill"], budget);
    let strict = summary(&["--bytes", "665"], Budget::bytes(665));
    let used = |s: &Summary| budget.measure(s.sentences.iter().map(|s| s.text.as_str()));
    assert!(used(&filled) <= 665 && used(&filled) >= used(&strict), "{}", used(&filled));
    assert!(filled.sentences.iter().filter(|s| s.cut).count() <= 1);
    for (i, s) in filled.sentences.iter().enumerate() {
        if s.cut {
            assert_eq!(i + 1, filled.sentences.len(), "the cut sentence comes last");
            whole_of(s);
        }
    }
}

/// The example as a library cluster, as `precis summarize DIR` reads it.
fn example_cluster() -> Cluster {
    Cluster::new(
        "kerry-lavrov-syria",
        read_docs(EXAMPLE).into_iter().map(|(id, text)| Document::new(id, text)).collect(),
    )
}

#[test]
fn every_method() {
    // Each method's summary is the library's summary by that method (the
    // same sentences, from the same places), and the methods do not all
    // agree, so `--method` reaches the library rather than being echoed.
    let cluster = example_cluster();
    let picks = |s: &Summary| -> Vec<(String, Span)> {
        s.sentences.iter().map(|s| (s.document.clone(), s.span)).collect()
    };
    let mut distinct: Vec<Vec<(String, Span)>> = Vec::new();
    for m in Method::ALL {
        let cli = summary(&["--method", m.name()], Budget::words(100));
        assert_eq!(cli.method, *m);
        let lib = Summarizer::builder()
            .method(*m)
            .budget(Budget::words(100))
            .build()
            .unwrap()
            .summarize(&cluster)
            .unwrap();
        assert_eq!(picks(&cli), picks(&lib), "--method {m}");
        assert!(!cli.sentences.is_empty(), "--method {m}");
        if !distinct.contains(&picks(&cli)) {
            distinct.push(picks(&cli));
        }
    }
    assert!(
        distinct.len() >= 5,
        "only {} different summaries from {} methods",
        distinct.len(),
        Method::ALL.len()
    );
}

#[test]
fn explain() {
    let s = summary(&["--explain"], Budget::words(100));
    assert!(s.sentences.iter().all(|s| s.explain.as_ref().is_some_and(|e| !e.text.is_empty())));
    let text = precis(&["summarize", EXAMPLE, "--explain"], b"");
    text.code(0);
    assert_eq!(text.stdout.lines().filter(|l| l.starts_with("    [")).count(), s.sentences.len());
}

#[test]
fn output_file() {
    let dir = TempDir::new();
    let path = dir.arg("out.json");
    precis(&["summarize", EXAMPLE, "-f", "json", "-o", &path], b"").code(0);
    let written = std::fs::read_to_string(&path).unwrap();
    let stdout = precis(&["summarize", EXAMPLE, "-f", "json"], b"").stdout;
    assert_eq!(written, stdout);
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let one = precis(&["summarize", EXAMPLE, "-f", "json", "--threads", "1"], b"");
    let four = precis(&["summarize", EXAMPLE, "-f", "json", "--threads", "4"], b"");
    assert_eq!(one.code(0).stdout, four.code(0).stdout);
}

#[test]
fn closed_pipe_is_success() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_precis"))
        .args(["summarize", EXAMPLE, "--words", "250"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of stdout before precis writes anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_budget_no_sentence_fits_gets_a_warning_and_fill_cuts_one() {
    for budget in [["--words", "3"], ["--bytes", "1"]] {
        let mut args = vec!["summarize", EXAMPLE, "--format", "jsonl"];
        args.extend_from_slice(&budget);
        let out = precis(&args, b"");
        out.code(0).stderr_has(&["warning:", "no sentence fits the budget", "--fill"]);
        let line = &json_lines(&out.stdout)[0];
        assert_eq!(line["summary"], "", "{budget:?}");
        assert!(line["warnings"][0].as_str().unwrap().contains("no sentence fits"), "{line}");

        args.push("--fill");
        let out = precis(&args, b"");
        out.code(0).stderr_has(&["warning:", "cut to fit"]);
        let line = &json_lines(&out.stdout)[0];
        assert_eq!(line["sentences"].as_array().unwrap().len(), 1, "{line}");
        assert_eq!(line["sentences"][0]["cut"], true, "{line}");
        assert!(!line["summary"].as_str().unwrap().is_empty(), "{line}");
    }
}

#[test]
fn the_summary_opens_with_the_kerry_visit_in_full() {
    for words in [100, 250] {
        let s = summary(&["--words", &words.to_string()], Budget::words(words));
        let first = &s.sentences[0];
        // The lead is the wire story's sentence on the visit, from the
        // article that reports the arrival, naming Kerry in full (not the
        // Lavrov and de Mistura meeting of a month before, nor a sentence
        // that says "Kerry" before anyone introduced him).
        assert_eq!(first.document, "004_2c385874befa4046.txt", "{words}: {:#?}", s.sentences);
        assert!(
            first.text.contains("John Kerry") && first.text.contains("arrived in Moscow"),
            "{words}: {}",
            first.text
        );
        // One article's sentences keep its order, except that sentences the
        // lead was chosen over (they stand before it in its article and
        // cannot open) follow it.
        let lead_doc = &first.document;
        for (k, a) in s.sentences.iter().enumerate() {
            for b in &s.sentences[k + 1..] {
                let moved = &a.document == lead_doc
                    && b.span.start() < first.span.start()
                    && first.span.start() <= a.span.start();
                assert!(
                    moved || a.document != b.document || a.span.start() < b.span.start(),
                    "{words}: {:#?}",
                    s.sentences
                );
            }
        }
        // The lead's article's sentences stand together after it.
        let from_lead: Vec<usize> =
            (0..s.sentences.len()).filter(|&k| &s.sentences[k].document == lead_doc).collect();
        assert_eq!(
            from_lead,
            (0..from_lead.len()).collect::<Vec<_>>(),
            "{words}: {:#?}",
            s.sentences
        );
        // The title is a headline of one of the articles about the visit.
        assert!(
            s.title.contains("Kerry") || s.title.contains("US, Russia"),
            "{words}: {:?}",
            s.title
        );
        assert!(!s.title.contains("de Mistura"), "{words}: {:?}", s.title);
    }
}
