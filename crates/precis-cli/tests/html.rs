//! HTML documents: web pages written for these tests, read through the
//! core's article extractor.

use crate::hay::FLOOD;
use crate::util::{precis, TempDir};

/// A news page with everything around the article that a site adds:
/// navigation, a share bar, a newsletter box, related links and comments.
const ARTICLE_PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour tram approved | The Lakeside Courier</title>
<script>window.analytics = {track: function () {}};</script></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email this story</a></div>
<main><article>
<h1>Council approves harbour tram line</h1>
<p>The city council of Lakeside voted on Monday evening to build a tram line from the central station to the harbour, ending a debate that had run for more than ten years.</p>
<p>The line will be 6.5 kilometres long, with eleven stops, and is expected to cost about 240 million euros, two thirds of it paid by the regional government.</p>
<p>Construction should begin next spring and take four years, the council's transport chief, Ingrid Vasquez, told reporters after the vote.</p>
<p>Shop owners on Harbour Road, who had feared years of roadworks, said they were relieved that the council agreed to build the line in short sections.</p>
</article></main>
<aside class="newsletter"><p>Sign up for our morning newsletter and get the Courier in your inbox.</p></aside>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Bus fares to rise in May</a></li><li><a href="/b">Harbour festival dates announced</a></li></ul></aside>
<section id="comments"><h3>42 comments</h3>
<div class="comment"><p>Finally! I have waited for this tram since I was a student.</p></div>
<div class="comment"><p>What a waste of money, nobody will ride it.</p></div>
<form><textarea></textarea><button>Post a comment</button></form></section>
<footer><p>Copyright 2026 The Lakeside Courier. All rights reserved.</p></footer>
</body></html>"##;

/// A page of links and nothing else: no article.
const NO_ARTICLE_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Sections</title></head><body>
<nav><a href="/news">News</a> | <a href="/sport">Sport</a> | <a href="/culture">Culture</a></nav>
<footer><a href="/about">About us</a> <a href="/contact">Contact</a></footer>
</body></html>"#;

/// A page whose content is all drawn by a script.
const SCRIPT_ONLY_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Loading</title></head><body>
<div id="app"></div>
<script>document.getElementById("app").innerHTML = "<p>The river rose overnight and flooded the lower town.</p>";</script>
<noscript>Please enable JavaScript to read this page.</noscript>
</body></html>"#;

#[test]
fn an_article_page_is_summarized_without_its_furniture() {
    let dir = TempDir::new();
    let p = dir.write("tram.html", ARTICLE_PAGE);
    let out = precis(&["summarize", p.to_str().unwrap(), "--words", "80", "-f", "json"], b"");
    out.code(0);
    let summary: precis::Summary = serde_json::from_str(&out.stdout).unwrap();
    let text: Vec<&str> = summary.sentences.iter().map(|s| s.text.as_str()).collect();
    let text = text.join("\n");
    assert!(text.contains("tram line from the central station to the harbour"), "{text}");
    for furniture in ["Share on", "newsletter", "waste of money", "Copyright", "Sport", "Related"] {
        assert!(!text.contains(furniture), "{furniture:?} in {text}");
    }
    assert!(summary.sentences.iter().all(|s| s.document == "tram.html"));
}

#[test]
fn pages_without_an_article_are_skipped_in_a_directory() {
    let dir = TempDir::new();
    dir.write("a-tram.html", ARTICLE_PAGE);
    dir.write("b-links.html", NO_ARTICLE_PAGE);
    dir.write("c-script.htm", SCRIPT_ONLY_PAGE);
    dir.write("d-flood.txt", FLOOD.docs[0].1);
    let out =
        precis(&["summarize", dir.path().to_str().unwrap(), "--words", "100", "-f", "json"], b"");
    out.code(0).stderr_has(&[
        "warning:",
        "b-links.html: no article text found in the page",
        "c-script.htm: no article text found in the page",
        "skipped",
    ]);
    assert!(!out.stderr.contains("a-tram.html"), "{}", out.stderr);
    let summary: precis::Summary = serde_json::from_str(&out.stdout).unwrap();
    assert!(summary
        .sentences
        .iter()
        .all(|s| ["a-tram.html", "d-flood.txt"].contains(&s.document.as_str())));
}

#[test]
fn a_single_page_without_an_article_is_an_error() {
    let dir = TempDir::new();
    for (name, page) in [("links.html", NO_ARTICLE_PAGE), ("script.html", SCRIPT_ONLY_PAGE)] {
        let p = dir.write(name, page);
        precis(&["summarize", p.to_str().unwrap()], b"").code(1).stderr_has(&[
            name,
            "no article text found",
            "holds no article text precis can find",
        ]);
    }
}

#[test]
fn pages_on_standard_input() {
    let input = format!("{ARTICLE_PAGE}\n|||||\n{SCRIPT_ONLY_PAGE}\n|||||\n{}", FLOOD.docs[1].1);
    let out = precis(&["summarize", "--words", "60", "-f", "json"], input.as_bytes());
    out.code(0).stderr_has(&["doc-2 is an HTML page without article text", "skipped"]);
    let summary: precis::Summary = serde_json::from_str(&out.stdout).unwrap();
    assert!(summary.sentences.iter().all(|s| s.document != "doc-2"));
}
