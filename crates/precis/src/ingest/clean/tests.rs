//! Tests of the whole cleaning stage, on documents written for them and on
//! the bundled example cluster.
//!
//! [`check`] renders a cleaned document as one line per piece, in text order:
//! `T` the title, `P` a kept paragraph, `B` boilerplate, `R` a repeat, `H` a
//! headline, dateline or caption. Long pieces are cut to 60 characters.

use super::*;
use crate::Document;
use proptest::prelude::*;

const EX_001: &str =
    include_str!("../../../../../examples/kerry-lavrov-syria/001_71c92b7d1cb783fa.txt");
const EX_002: &str =
    include_str!("../../../../../examples/kerry-lavrov-syria/002_bcf037691b4a3a80.txt");
const EX_003: &str =
    include_str!("../../../../../examples/kerry-lavrov-syria/003_b277b3c73f6e4e2e.txt");
const EX_004: &str =
    include_str!("../../../../../examples/kerry-lavrov-syria/004_2c385874befa4046.txt");

/// Renders a cleaned document, checking its invariants on the way.
fn render(text: &str, doc: &CleanDocument) -> String {
    let mut items: Vec<(Span, char)> = Vec::new();
    items.extend(doc.title.map(|s| (s, 'T')));
    for p in &doc.paragraphs {
        assert_eq!(
            p.text,
            NormText::new(text, p.span),
            "paragraph text must be the span's normalization"
        );
        items.push((p.span, 'P'));
    }
    for d in &doc.dropped {
        let tag = match d.reason {
            DropReason::Boilerplate => 'B',
            DropReason::Repeated => 'R',
            DropReason::Headline => 'H',
        };
        items.push((d.span, tag));
    }
    items.sort_by_key(|&(s, _)| (s.start(), s.end()));
    let mut out = String::new();
    for (span, tag) in items {
        let slice = span.slice(text).expect("spans lie on character boundaries");
        let norm = NormText::new(text, Span::new(0, slice.len()).shift(span.start()));
        let mut shown: String = norm.as_str().chars().take(60).collect();
        if norm.as_str().chars().count() > 60 {
            shown.push('~');
        }
        out.push_str(&format!("{tag} {shown}\n"));
    }
    out
}

fn check(text: &str, expect: &str) {
    let docs = [Document::new("doc", text)];
    let cleaned = clean_cluster(&docs);
    let got = render(text, &cleaned[0]);
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}");
}

#[test]
fn hard_wrapped_example_is_rejoined() {
    check(
        EX_004,
        r#"
P Kerry's meeting with Putin follows a meeting last week in Ri~
P U.S. Secretary of State John Kerry arrived in Moscow on Tues~
P Kerry will seek to prepare the ground for a third round of t~
P Russia's Foreign Ministry said late on Monday that Kerry and~
P However, U.S. State Department spokesman Mark Toner said the~
P Russia is one of Assad's staunchest allies and launched a ca~
P Speaking before Kerry's arrival in Moscow, a State Departmen~
P Ahead of the talks, the Russian Foreign Ministry issued a st~
R Kerry's meeting with Putin follows a meeting last week in Ri~
P While Kerry said there were still "kinks" that needed to be ~
P Assad himself appeared to cast doubt on the very idea of pea~
P The opposition groups said Assad should leave power at the s~
B Post a Comment
"#,
    );
    // The rejoined paragraph keeps the original bytes, newlines included.
    let cleaned = clean_cluster(&[Document::new("004", EX_004)]);
    let kerry = &cleaned[0].paragraphs[2];
    assert!(kerry.span.slice(EX_004).unwrap().starts_with("Kerry\nwill seek"));
    assert!(kerry.text.as_str().ends_with("Friday in New York will go ahead."));
}

#[test]
fn headline_becomes_title() {
    check(
        EX_002,
        r#"
T In Russia, Secretary Kerry Looks For 'Real Progress' Over Sy~
P The negotiations held in Moscow between US Secretary of Stat~
P He is due to have meetings with President Vladimir Putin and~
P Russian Federation has consistently said Assad's future is f~
P US Secretary of State John Kerry and his Russian counterpart~
P For its part, the Russian Foreign Ministry issued a statemen~
P However, in Washington U.S. State Department spokesman John ~
P Conflict-torn Syria, with the country's government fighting ~
P Both Lavrov and Kerry said that the protracted crisis in Syr~
P Russian Federation has been carrying out air strikes targeti~
P The opposition groups said Assad should leave power at the s~
P Kerry's trip to Moscow is his second to Russian Federation t~
P "We are not playing "Let's Make a Deal" here", the official ~
"#,
    );
    let cleaned = clean_cluster(&[Document::new("003", EX_003)]);
    let doc = &cleaned[0];
    assert_eq!(doc.title.and_then(|t| t.slice(EX_003)), Some("Syria Conflict: US, Russia Meet"));
    assert!(doc.paragraphs[0].text.as_str().starts_with("The Russian Foreign Ministry considers"));
    assert!(doc.dropped.is_empty());
}

#[test]
fn repeats_and_site_lines_are_dropped() {
    check(
        EX_001,
        r#"
H Russian Foreign Minister Sergei Lavrov will meet the UN's Sy~
H Moscow, Russia:
P Russian Foreign Minister Sergei Lavrov will meet the UN's Sy~
P "The main subject will be the political process in Syria and~
P Lavrov and de Mistura met Friday in Vienna alongside the top~
P The participants who did not include any representatives of ~
P But divisions remain on the fate of President Bashar al-Assa~
P De Mistura has since been to Damascus to brief the governmen~
P Russia said today that it could host a meeting between the S~
P "Next week we will invite them to Moscow for consultations,"~
P "There is no issue with the government, they said so a long ~
P "Now we are in contact with the representatives of different~
P Russia said that it handed Saudi Arabia and the United State~
R "The main subject will be the political process in Syria and~
R Lavrov and de Mistura met Friday in Vienna alongside the top~
R The participants who did not include any representatives of ~
R But divisions remain on the fate of President Bashar al-Assa~
R De Mistura has since been to Damascus to brief the governmen~
R Russia said today that it could host a meeting between the S~
R "Next week we will invite them to Moscow for consultations,"~
R "There is no issue with the government, they said so a long ~
R "Now we are in contact with the representatives of different~
R Russia said that it handed Saudi Arabia and the United State~
B Track Latest News Live on NDTV.com and get news updates from~
"#,
    );
}

/// Newswire text in the DUC shape: wrapped near 70 columns, paragraphs
/// opening with a tab, a dateline, transmission codes at the end.
const WIRE: &str = "BRUSSELS (AP) _ Farm ministers from the European Union agreed on\n\
Tuesday to cut the price paid for surplus butter, ending a dispute\n\
that had stalled talks for three weeks.\n\
\t   The agreement, reached after midnight, lowers the support price\n\
by 8 percent over two years. Ministers said the cut would save\n\
about 400 million euros a year.\n\
\t   ``We have a deal that farmers can live with,'' said the Irish\n\
minister, who had led opposition to deeper cuts.\n\
\t   The Commission had proposed a cut of 15 percent.\n\
\t   (jm/kl)\n";

#[test]
fn wire_text_with_tabs() {
    check(
        WIRE,
        "
H BRUSSELS (AP) _
P Farm ministers from the European Union agreed on Tuesday to ~
P The agreement, reached after midnight, lowers the support pr~
P ''We have a deal that farmers can live with,'' said the Iris~
P The Commission had proposed a cut of 15 percent.
B (jm/kl)
",
    );
}

/// The same kind of story as web text: one paragraph per line, a headline,
/// a caption, share and subscription furniture.
const WEB: &str = "Ministers Agree To Cut Butter Price\n\
\n\
Farm ministers meet in Brussels on Tuesday. (Jane Roe / Staff Photographer)\n\
\n\
BRUSSELS (Reuters) - Farm ministers from the European Union agreed on Tuesday to cut the price paid for surplus butter.\n\
\n\
Share this article\n\
\n\
The agreement lowers the support price by 8 percent over two years, ministers said.\n\
\n\
Sign up for our daily newsletter and get the top stories delivered to your inbox.\n\
\n\
Related: Dairy farmers protest in Paris\n\
\n\
\"We have a deal that farmers can live with,\" the Irish minister said.\n\
\n\
The agreement lowers the support price by 8 percent over two years, ministers said.\n\
\n\
Copyright 2024 Example News. All rights reserved.\n";

#[test]
fn web_page_with_share_lines() {
    check(
        WEB,
        r#"
T Ministers Agree To Cut Butter Price
H Farm ministers meet in Brussels on Tuesday. (Jane Roe / Staf~
H BRUSSELS (Reuters) -
P Farm ministers from the European Union agreed on Tuesday to ~
B Share this article
P The agreement lowers the support price by 8 percent over two~
B Sign up for our daily newsletter and get the top stories del~
B Related: Dairy farmers protest in Paris
P "We have a deal that farmers can live with," the Irish minis~
R The agreement lowers the support price by 8 percent over two~
B Copyright 2024 Example News. All rights reserved.
"#,
    );
}

#[test]
fn html_page_through_cleaning() {
    let html = "<html><head><title>Ministers Agree To Cut Butter Price</title></head><body>\
<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>\
<div class='share'><a href='#'>Share on Facebook</a> <a href='#'>Tweet</a></div>\
<article><h1>Ministers Agree To Cut Butter Price</h1>\
<p>Farm ministers from the European Union agreed on Tuesday to cut the price paid for surplus \
butter, ending a dispute that had stalled talks for three weeks.</p>\
<p>The agreement lowers the support price by 8 percent over two years. Ministers said the cut \
would save about 400 million euros a year.</p>\
<p>Advertisement</p>\
<p>\"We have a deal that farmers can live with,\" said the Irish minister, who had led the \
opposition to deeper cuts.</p></article>\
<footer><p>Post a Comment</p><p>Copyright 2024 Example News.</p></footer></body></html>";
    let article = crate::ingest::extract_html("page", html).unwrap();
    assert_eq!(article.title.as_deref(), Some("Ministers Agree To Cut Butter Price"));
    check(
        &article.text,
        r#"
P Farm ministers from the European Union agreed on Tuesday to ~
P The agreement lowers the support price by 8 percent over two~
B Advertisement
P "We have a deal that farmers can live with," said the Irish ~
"#,
    );
}

#[test]
fn dateline_is_cut_from_the_span() {
    let text = "LONDON (AP) _ An influential lawmaker backed the request on Saturday.";
    let cleaned = clean_cluster(&[Document::new("d", text)]);
    let p = &cleaned[0].paragraphs[0];
    assert_eq!(p.span.slice(text), Some("An influential lawmaker backed the request on Saturday."));
    assert_eq!(cleaned[0].dropped[0].span.slice(text), Some("LONDON (AP) _"));
}

#[test]
fn furniture_recurring_across_documents() {
    let a = "The storm hit the coast on Monday, officials said.\nGet the Morning Brief\n";
    let b = "Rescue teams worked through the night.\nGet the Morning Brief\n";
    let cleaned = clean_cluster(&[Document::new("a", a), Document::new("b", b)]);
    for (doc, text) in cleaned.iter().zip([a, b]) {
        assert_eq!(doc.paragraphs.len(), 1, "{}", render(text, doc));
        assert_eq!(doc.dropped.len(), 1);
        assert_eq!(doc.dropped[0].reason, DropReason::Boilerplate);
    }
    // A sentence shared by two documents is syndicated prose, not furniture.
    let c =
        "The coroner recorded a conclusion of accidental death.\nThe family thanked rescuers.\n";
    let d = "The coroner recorded a conclusion of accidental death.\nThe inquest lasted a day.\n";
    let cleaned = clean_cluster(&[Document::new("c", c), Document::new("d", d)]);
    assert!(cleaned.iter().all(|doc| doc.paragraphs.len() == 2 && doc.dropped.is_empty()));
}

#[test]
fn a_caption_glued_to_a_one_line_document_is_kept() {
    let text = "Photo: getty the company said on wednesday it would close its offices.";
    let cleaned = clean_cluster(&[Document::new("d", text)]);
    assert_eq!(cleaned[0].paragraphs.len(), 1);
}

#[test]
fn degenerate_inputs() {
    for text in
        ["", " ", "\n\n\n", "\t \r\n \u{2028}", "\u{200B}\u{FEFF}", "\0\u{1}\u{2}", "a", "\r"]
    {
        let cleaned = clean_cluster(&[Document::new("d", text)]);
        render(text, &cleaned[0]);
    }
    assert!(clean_cluster(&[]).is_empty());
    // CRLF text cleans like LF text.
    let crlf = WEB.replace('\n', "\r\n");
    let a = clean_cluster(&[Document::new("d", WEB)]);
    let b = clean_cluster(&[Document::new("d", crlf.as_str())]);
    assert_eq!(render(WEB, &a[0]), render(&crlf, &b[0]));
}

#[test]
fn large_inputs_stay_linear() {
    // One 5 MB line, and 1 MB of short lines. A quadratic step would take
    // minutes here; the linear stage takes a fraction of a second in a
    // release build and a few seconds in a debug one.
    let sentence = "The minister said the talks would continue next week in Geneva. ";
    let one_line = sentence.repeat(5_000_000 / sentence.len());
    let many_lines = "Short line without end\nanother one follows here\n".repeat(20_000);
    let furniture = "Rating is available when the video has been rented. ".repeat(20_000);
    for text in [one_line, many_lines, furniture] {
        let start = std::time::Instant::now();
        let cleaned = clean_cluster(&[Document::new("big", text.as_str())]);
        assert!(!cleaned[0].paragraphs.is_empty());
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}

proptest! {
    #[test]
    fn spans_are_in_bounds_and_ordered(text in any::<String>(), lines in prop::collection::vec("[ \tA-Za-z.,\"(_)-]{0,80}", 0..12)) {
        let joined = lines.join("\n");
        for text in [text.as_str(), joined.as_str()] {
            let cleaned = clean_cluster(&[Document::new("p", text)]);
            let doc = &cleaned[0];
            let mut last_end = 0;
            for p in &doc.paragraphs {
                prop_assert!(p.span.slice(text).is_some());
                prop_assert!(p.span.start() >= last_end);
                prop_assert!(!p.span.is_empty());
                last_end = p.span.end();
            }
            for d in &doc.dropped {
                prop_assert!(d.span.slice(text).is_some());
            }
            if let Some(t) = doc.title {
                prop_assert!(t.slice(text).is_some());
            }
        }
    }
}
