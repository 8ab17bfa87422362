//! Tests for sentence segmentation: a table of tricky news paragraphs through
//! one `check`, and properties over arbitrary strings.
//!
//! The cases are written for this project (or quoted from the bundled
//! `examples/kerry-lavrov-syria` cluster); some paraphrase patterns seen in
//! DUC 2003 and Multi-News, whose text we may not commit.

use super::*;
use proptest::prelude::*;

/// Splits `input` and compares the sentence texts with `expected`.
#[track_caller]
fn check(input: &str, expected: &[&str]) {
    if let Some(message) = mismatch(input, expected) {
        panic!("{message}");
    }
}

/// Describes how the split of `input` differs from `expected`, if it does.
fn mismatch(input: &str, expected: &[&str]) -> Option<String> {
    let spans = split_sentences(input);
    let got: Vec<&str> = spans.iter().map(|s| s.slice(input).expect("span in bounds")).collect();
    (got != expected).then(|| format!("input: {input:?}\n  got: {got:?}\n want: {expected:?}"))
}

#[test]
fn basics() {
    check("", &[]);
    check("   ", &[]);
    check("One sentence without a period", &["One sentence without a period"]);
    check("  Padded.  ", &["Padded."]);
    check("First. Second. Third.", &["First.", "Second.", "Third."]);
    check("Is it? Yes! Good.", &["Is it?", "Yes!", "Good."]);
    check("Wait?! Really.", &["Wait?!", "Really."]);
}

#[test]
fn kerry_lavrov_paragraph() {
    check(
        "U.S. Secretary of State John Kerry arrived in Moscow on Tuesday. Russia launched air \
         strikes on Sept. 30. \"We are not playing 'Let's Make a Deal' here,\" the official \
         said. Mr. Kerry met Putin.",
        &[
            "U.S. Secretary of State John Kerry arrived in Moscow on Tuesday.",
            "Russia launched air strikes on Sept. 30.",
            "\"We are not playing 'Let's Make a Deal' here,\" the official said.",
            "Mr. Kerry met Putin.",
        ],
    );
}

#[test]
fn bundled_example_quotes() {
    // From examples/kerry-lavrov-syria/000 (quotes folded to ASCII).
    check(
        "\"The Syrian leadership has confirmed its readiness to send a delegation to the \
         conference in Geneva without any preconditions, whereas the opposition is divided. The \
         National Coalition of Syria supported by our western partners refuses to attend the \
         conference until (Syrian President) Bashar al-Assad steps down,\" Lavrov said, calling \
         the situation \"regrettable\".",
        &[
            "\"The Syrian leadership has confirmed its readiness to send a delegation to the \
             conference in Geneva without any preconditions, whereas the opposition is divided.",
            "The National Coalition of Syria supported by our western partners refuses to attend \
             the conference until (Syrian President) Bashar al-Assad steps down,\" Lavrov said, \
             calling the situation \"regrettable\".",
        ],
    );
    check(
        "\"If the unrest in Syria leads to the partitioning of the country, or if the terrorist \
         forces take control... the situation will inevitably spill over into neighboring \
         countries,\" he stated.",
        &["\"If the unrest in Syria leads to the partitioning of the country, or if the \
           terrorist forces take control... the situation will inevitably spill over into \
           neighboring countries,\" he stated."],
    );
    check(
        "Kerry and the United Nations envoy for Syria, Staffan de Mistura, want to hold the next \
         round of Syrian peace talks on Friday in NY, but Moscow has so far refused to confirm \
         the date. Washington maintains that Syrian President Bashar Assad should step down.",
        &[
            "Kerry and the United Nations envoy for Syria, Staffan de Mistura, want to hold the \
             next round of Syrian peace talks on Friday in NY, but Moscow has so far refused to \
             confirm the date.",
            "Washington maintains that Syrian President Bashar Assad should step down.",
        ],
    );
}

#[test]
fn table() {
    let cases: &[(&str, &[&str])] = &[
        // Titles before names never end a sentence.
        ("Gen. Lt. Col. Smith spoke. Sen. Jones replied.", &["Gen. Lt. Col. Smith spoke.", "Sen. Jones replied."]),
        ("Mrs. Clinton met Dr. Fauci and Rep. Pelosi.", &["Mrs. Clinton met Dr. Fauci and Rep. Pelosi."]),
        ("Gov. Smith and Prof. Lee left. Capt. Miller stayed.", &["Gov. Smith and Prof. Lee left.", "Capt. Miller stayed."]),
        ("The suspect, Sgt. Maj. Ray Odom, was held.", &["The suspect, Sgt. Maj. Ray Odom, was held."]),
        // Countries and organizations.
        ("The U.N. Security Council met. The U.S. abstained.", &["The U.N. Security Council met.", "The U.S. abstained."]),
        ("He moved to the U.S. The move was a success.", &["He moved to the U.S.", "The move was a success."]),
        ("The U.S. Army and U.K. officials agreed.", &["The U.S. Army and U.K. officials agreed."]),
        ("Sales grew in the U.S. But Europe lagged.", &["Sales grew in the U.S.", "But Europe lagged."]),
        // Dates and times.
        ("The deadline is Sept. 30. Talks continue.", &["The deadline is Sept. 30.", "Talks continue."]),
        ("On Jan. 5 and Feb. 12, 2014, it rained.", &["On Jan. 5 and Feb. 12, 2014, it rained."]),
        ("Protesters sat down at 5 p.m. Sunday and waited.", &["Protesters sat down at 5 p.m. Sunday and waited."]),
        ("The vote ended at 5 p.m. He said it was fair.", &["The vote ended at 5 p.m.", "He said it was fair."]),
        ("It opens at 9 a.m. EST on weekdays.", &["It opens at 9 a.m. EST on weekdays."]),
        ("The office closes at 6 p.m. On Sunday it stays shut.", &["The office closes at 6 p.m.", "On Sunday it stays shut."]),
        ("Gov. Smith (R-Tex.) left at 5 p.m. Friday.", &["Gov. Smith (R-Tex.) left at 5 p.m. Friday."]),
        // Companies and suffixes.
        ("Analysts at J.P. Morgan Chase & Co. disagreed.", &["Analysts at J.P. Morgan Chase & Co. disagreed."]),
        ("Shares of Acme Inc. fell. The company blamed rates.", &["Shares of Acme Inc. fell.", "The company blamed rates."]),
        ("He sold it to Acme Corp. It paid cash.", &["He sold it to Acme Corp.", "It paid cash."]),
        ("Acme Corp. Chairman Bob Ray resigned.", &["Acme Corp. Chairman Bob Ray resigned."]),
        ("Martin Luther King Jr. Day is a holiday.", &["Martin Luther King Jr. Day is a holiday."]),
        ("The award went to Harry Connick Jr. He accepted it.", &["The award went to Harry Connick Jr.", "He accepted it."]),
        ("Amazon.com Inc. and Wal-Mart Stores Inc. compete.", &["Amazon.com Inc. and Wal-Mart Stores Inc. compete."]),
        // Places.
        ("He was born in Little Rock, Ark., in 1946.", &["He was born in Little Rock, Ark., in 1946."]),
        ("Officials in Sacramento, Calif. The state agreed.", &["Officials in Sacramento, Calif.", "The state agreed."]),
        ("She lives in Washington, D.C., near the Mall.", &["She lives in Washington, D.C., near the Mall."]),
        ("They flew to Washington, D.C. The trip was short.", &["They flew to Washington, D.C.", "The trip was short."]),
        ("The parade on Fifth Ave. drew crowds.", &["The parade on Fifth Ave. drew crowds."]),
        ("He fell ill. Doctors were called.", &["He fell ill.", "Doctors were called."]),
        ("She came from Springfield, Ill. The town cheered.", &["She came from Springfield, Ill.", "The town cheered."]),
        ("They live in St. Louis. It is hot.", &["They live in St. Louis.", "It is hot."]),
        // Initials.
        ("President John F. Kennedy was shot in 1963.", &["President John F. Kennedy was shot in 1963."]),
        ("The bank J. P. Morgan founded still exists.", &["The bank J. P. Morgan founded still exists."]),
        ("The case is Roe v. Wade. It was decided in 1973.", &["The case is Roe v. Wade.", "It was decided in 1973."]),
        ("The architect Louis I. Kahn designed it.", &["The architect Louis I. Kahn designed it."]),
        ("They chose plan B. It failed.", &["They chose plan B.", "It failed."]),
        // Numbers, amounts, decimals.
        ("Profits rose 3.5% to $1.2 billion. Analysts cheered.", &["Profits rose 3.5% to $1.2 billion.", "Analysts cheered."]),
        ("The team is ranked No. 1 in the nation.", &["The team is ranked No. 1 in the nation."]),
        ("He said no. The deal collapsed.", &["He said no.", "The deal collapsed."]),
        ("The figure was 2,500. 1,200 more are missing.", &["The figure was 2,500.", "1,200 more are missing."]),
        ("Sales fell in 2010. $5 million was lost.", &["Sales fell in 2010.", "$5 million was lost."]),
        // Other abbreviations.
        ("It was Obama vs. Romney in 2012.", &["It was Obama vs. Romney in 2012."]),
        ("They brought tents, food, etc. The police watched.", &["They brought tents, food, etc.", "The police watched."]),
        ("Fruit, e.g. apples, is healthy.", &["Fruit, e.g. apples, is healthy."]),
        ("He earned a Ph.D. in physics.", &["He earned a Ph.D. in physics."]),
        // The Maine problem: `me.` is a pronoun.
        ("They wanted to target me. I've never done anything wrong.", &["They wanted to target me.", "I've never done anything wrong."]),
        // Quotes.
        ("\"It was a great year.\" Analysts disagreed.", &["\"It was a great year.\"", "Analysts disagreed."]),
        ("He said: \"No comment!\" And then he left.", &["He said: \"No comment!\"", "And then he left."]),
        ("\"Why?\" she asked.", &["\"Why?\" she asked."]),
        ("\"Stop!\" the officer shouted. Nobody did.", &["\"Stop!\" the officer shouted.", "Nobody did."]),
        ("\"What does democracy look like? This is what it looks like.\"", &["\"What does democracy look like?", "This is what it looks like.\""]),
        ("He called it 'a disgrace.' The mayor disagreed.", &["He called it 'a disgrace.'", "The mayor disagreed."]),
        ("She cited the \"U.S.\" He laughed.", &["She cited the \"U.S.\"", "He laughed."]),
        // DUC wire style: backquotes, folded `''`, datelines.
        (
            "LONDON (AP) _ A lawmaker backed the request. ``There have been 3,197 cases,'' said Ms. Clwyd. ``They were held.''",
            &["LONDON (AP) _ A lawmaker backed the request.", "``There have been 3,197 cases,'' said Ms. Clwyd.", "``They were held.''"],
        ),
        (
            "''The graves were found,'' said Ms. Clwyd. ''And hundreds made statements.'' The Spanish judge agreed.",
            &["''The graves were found,'' said Ms. Clwyd.", "''And hundreds made statements.''", "The Spanish judge agreed."],
        ),
        ("SEATTLE, Wash. (AP) _ Rain fell.", &["SEATTLE, Wash. (AP) _ Rain fell."]),
        // Parentheses.
        ("Approval takes weeks (see the process.) This is normal.", &["Approval takes weeks (see the process.)", "This is normal."]),
        ("He left. (He came back later.) Then he slept.", &["He left.", "(He came back later.)", "Then he slept."]),
        ("Sen. Byron Dorgan (D-N.D.) voted no.", &["Sen. Byron Dorgan (D-N.D.) voted no."]),
        // Ellipses.
        ("He paused... Then he spoke.", &["He paused...", "Then he spoke."]),
        ("It was... well, strange.", &["It was... well, strange."]),
        ("We waited . . . Nothing happened.", &["We waited . . .", "Nothing happened."]),
        ("It ended\u{2026} The end.", &["It ended\u{2026}", "The end."]),
        // Lists and bullets.
        ("1. Cut taxes. 2. Raise wages.", &["1. Cut taxes.", "2. Raise wages."]),
        ("Highlights \u{2022} Taxes cut \u{2022} Wages up", &["Highlights", "\u{2022} Taxes cut", "\u{2022} Wages up"]),
        ("The rating: * * 1/2 out of four.", &["The rating: * * 1/2 out of four."]),
        ("Key points: * Taxes cut * Wages up", &["Key points:", "* Taxes cut", "* Wages up"]),
        // Web addresses and odd tokens.
        ("Read more at example.com. The site is free.", &["Read more at example.com.", "The site is free."]),
        ("Yahoo! Inc. reported earnings.", &["Yahoo! Inc. reported earnings."]),
        ("The plan came from the gov't. Officials said so.", &["The plan came from the gov't.", "Officials said so."]),
        ("World War II. The sequel.", &["World War II.", "The sequel."]),
        // Scraper debris.
        ("Drinking is risky.[1][23] Surveys agree.", &["Drinking is risky.[1][23]", "Surveys agree."]),
        ("It hurt,\u{FFFD}? she said. \u{201C}Nobody knew.\u{FFFD}? Then it ended.", &["It hurt,\u{FFFD}? she said.", "\u{201C}Nobody knew.\u{FFFD}?", "Then it ended."]),
        ("Is she lost?\u{FFFD}? Nobody knew.", &["Is she lost?\u{FFFD}?", "Nobody knew."]),
        ("Lowercase after a period. stays together.", &["Lowercase after a period. stays together."]),
    ];
    assert!(cases.len() >= 60);
    // Report every failing case at once.
    let failures: Vec<String> =
        cases.iter().filter_map(|(input, expected)| mismatch(input, expected)).collect();
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn restored_casing() {
    // Multi-News style: lowercased, capitalized after every period, tokenized
    // punctuation and quotes.
    check(
        "The u.s. Forest service said a u.s. Citizen was held for 15 months in north korea, \
         according to officials. He was released on tuesday. Shares of kellogg co. Is a \
         phrase we made up to test this.",
        &[
            "The u.s. Forest service said a u.s. Citizen was held for 15 months in north korea, \
             according to officials.",
            "He was released on tuesday.",
            "Shares of kellogg co. Is a phrase we made up to test this.",
        ],
    );
    check(
        "The index, which weights firms like boeing co. And caterpillar inc., rose 0.4 % \
         on the day. It was around 3 a.m. I was tired, the witness said in a statement.",
        &[
            "The index, which weights firms like boeing co. And caterpillar inc., rose 0.4 % on \
             the day.",
            "It was around 3 a.m.",
            "I was tired, the witness said in a statement.",
        ],
    );
    check(
        "The team said it was hopeful. \" we think it is looking better. People need to stay \
         calm. \" the poll, taken in june, showed little change in the state of the race.",
        &[
            "The team said it was hopeful.",
            "\" we think it is looking better.",
            "People need to stay calm. \"",
            "the poll, taken in june, showed little change in the state of the race.",
        ],
    );
    check(
        "Interested in airlines? add airlines as an interest to stay up to date on the latest \
         news. \" why not? \" he asked the reporters who had gathered outside the hotel.",
        &[
            "Interested in airlines?",
            "add airlines as an interest to stay up to date on the latest news.",
            "\" why not? \" he asked the reporters who had gathered outside the hotel.",
        ],
    );
    check(
        "President trump spoke at a rally for sen. Dean heller ( r-nev. ) in las vegas on \
         saturday evening. The crowd was large and loud, the campaign said later that night.",
        &[
            "President trump spoke at a rally for sen. Dean heller ( r-nev. ) in las vegas on \
             saturday evening.",
            "The crowd was large and loud, the campaign said later that night.",
        ],
    );
    check(
        "A soldier based at ft. Hood, who came back from iraq, was held in augusta, ga. On \
         monday, according to police. Co-author m. Thomas p. Gilbert wrote the paper, which \
         appeared in print.",
        &[
            "A soldier based at ft. Hood, who came back from iraq, was held in augusta, ga. On \
             monday, according to police.",
            "Co-author m. Thomas p. Gilbert wrote the paper, which appeared in print.",
        ],
    );
    check(
        "the whole text is lowercase. there are no capitals at all. see dr. smith.",
        &["the whole text is lowercase.", "there are no capitals at all.", "see dr. smith."],
    );
    check(
        "The ship is searched once it is pier side... To methodically continue the search for \
         the missing sailors will take days, the navy said. It's payback... It is over.",
        &[
            "The ship is searched once it is pier side... To methodically continue the search \
             for the missing sailors will take days, the navy said.",
            "It's payback...",
            "It is over.",
        ],
    );
}

#[test]
fn long_runs_are_cut() {
    let words = vec!["word"; 600].join(" ");
    let spans = split_sentences(&words);
    assert_eq!(spans.len(), 3);
    assert!(spans
        .iter()
        .all(|s| s.slice(&words).unwrap().split(' ').count() <= MAX_SENTENCE_WORDS));

    // A semicolon late in the run is the preferred cut.
    let text = format!("{}; {}", vec!["a"; 200].join(" "), vec!["b"; 100].join(" "));
    let spans = split_sentences(&text);
    assert_eq!(spans.len(), 2);
    assert!(spans[0].slice(&text).unwrap().ends_with("a;"));

    // No spaces at all: cut on character boundaries.
    let blob = "\u{e9}".repeat(MAX_SENTENCE_BYTES);
    let spans = split_sentences(&blob);
    assert_eq!(spans.len(), 2);
    assert!(spans.iter().all(|s| s.slice(&blob).is_some()));
}

#[test]
fn large_input_is_linear() {
    // 5 MB with no punctuation, and 5 MB of periods and closers: both must
    // finish quickly (a quadratic pass would take minutes).
    let plain = "lorem ".repeat(5 << 20 >> 3);
    let started = std::time::Instant::now();
    let spans = split_sentences(&plain);
    assert!(spans.len() > 1000);
    let dots = ".\")( ".repeat(1 << 20);
    split_sentences(&dots);
    let abbrevs = "Mr. U.S. ''a'' ( ".repeat(1 << 18);
    split_sentences(&abbrevs);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

/// Checks the span invariants for `text`.
fn assert_invariants(text: &str) {
    let spans = split_sentences(text);
    let mut prev_end = 0;
    for span in &spans {
        assert!(span.start() >= prev_end, "spans overlap or are out of order: {spans:?}");
        let piece = span.slice(text).expect("in bounds, on char boundaries");
        assert!(!piece.is_empty());
        assert_eq!(piece, piece.trim(), "not trimmed");
        assert!(text[prev_end..span.start()].trim().is_empty(), "text lost between spans");
        prev_end = span.end();
    }
    assert!(text[prev_end..].trim().is_empty(), "text lost at the end");
    let joined: String = spans.iter().flat_map(|s| s.slice(text).unwrap().chars()).collect();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squash(&joined), squash(text));
}

#[test]
fn chinese_and_japanese_split_at_full_width_terminators() {
    // Issue 10, defect 6: text without spaces was one "sentence" per 8 KB.
    check(
        "江城市连日暴雨引发洪水。数千名居民被迫撤离！救援何时到来？市长说：「这是五十年来最严重的一次洪水。」他呼吁市民不要前往河边。",
        &[
            "江城市连日暴雨引发洪水。",
            "数千名居民被迫撤离！",
            "救援何时到来？",
            "市长说：「这是五十年来最严重的一次洪水。」",
            "他呼吁市民不要前往河边。",
        ],
    );
    check("東京は雨です。明日も雨でしょう｡", &["東京は雨です。", "明日も雨でしょう｡"]);
    check("“真的吗？！”“是的。”他说。", &["“真的吗？！”", "“是的。”", "他说。"]);
    // Mixed with English, and a full-width stop that is not a terminator.
    check(
        "苹果公司发布了iPhone 16。售价为5．5千元。",
        &["苹果公司发布了iPhone 16。", "售价为5．5千元。"],
    );
}

#[test]
fn text_without_spaces_is_cut_by_words_not_bytes() {
    // No terminator at all: each Han character counts as a word, so the run
    // is cut at MAX_SENTENCE_WORDS characters, not at 8 KB.
    let text = "洪水".repeat(MAX_SENTENCE_WORDS);
    let spans = split_sentences(&text);
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[0].slice(&text).unwrap().chars().count(), MAX_SENTENCE_WORDS);
    assert_invariants(&text);
    let many = "居民被迫撤离家园。".repeat(400);
    assert_eq!(split_sentences(&many).len(), 400);
}

#[test]
fn plain_bytes_are_neither_spaces_nor_tracked_marks() {
    for b in 0..=u8::MAX {
        let tracked =
            is_space(b) || b".!?\"'`()[];*".contains(&b) || matches!(b, 0xC2 | 0xE2 | 0xE3..=0xF4);
        assert_eq!(is_plain(b), !tracked, "{b:#04x}");
    }
}

proptest! {
    #[test]
    fn invariants_on_any_string(text in any::<String>()) {
        assert_invariants(&text);
    }

    #[test]
    fn invariants_on_news_like_strings(
        text in proptest::collection::vec(
            prop_oneof![
                Just("Mr."), Just("U.S."), Just("p.m."), Just("."), Just("..."), Just("?"),
                Just("!"), Just("\""), Just("''"), Just("'"), Just("("), Just(")"), Just(";"),
                Just(" "), Just("  "), Just("The"), Just("he"), Just("1."), Just("\u{2022}"),
                Just("*"), Just("\u{2026}"), Just("\u{201D}"), Just("\u{e9}"), Just("word"),
                Just("Inc."), Just("\n"), Just("\t"), Just("\u{a0}"), Just("\u{FFFD}?"),
                Just("[1]"), Just("["), Just("ga."), Just(", "), Just("``"),
            ],
            0..60,
        ).prop_map(|parts| parts.concat())
    ) {
        assert_invariants(&text);
    }
}
