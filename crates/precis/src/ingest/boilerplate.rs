//! Site furniture: a curated pattern list plus rules on paragraph shape.
//!
//! Scraped news carries share bars, newsletter prompts, copyright lines,
//! reporter credits and archive notices. Readability-style extractors miss
//! some of it, and plain-text corpora keep all of it. This module recognizes
//! such paragraphs in two ways:
//!
//! - [`curated`] matches the patterns in `boilerplate.txt`, a short list
//!   written from real scraped text, in a punctuation- and case-blind
//!   [`Key`] form.
//! - [`shape`] looks at what a paragraph is made of: no letters at all,
//!   newswire codes such as `&QL;`, e-mail addresses, bylines, sign-offs,
//!   and site promotion ([`is_site_promotion`]: "Track Latest News Live on
//!   Example.com", "Follow The Courier on Facebook for local news").
//!
//! Both are deliberately conservative; a kept share line costs less than a
//! lost sentence of the article.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The most words a [`Key`] keeps; every rule applies to shorter paragraphs.
const KEY_WORDS: usize = 200;

/// A paragraph's words in lowercase, without punctuation, for matching.
#[derive(Debug, Default)]
pub(crate) struct Key {
    /// The words, lowercased, separated by single spaces.
    flat: String,
    /// Each word's place in `flat` and in the normalized text.
    words: Vec<KeyWord>,
    /// Total number of words in the paragraph (counting stops past [`KEY_WORDS`]).
    total: usize,
}

/// Where one word of a [`Key`] lies.
#[derive(Debug, Clone, Copy)]
struct KeyWord {
    /// Byte range of the word in [`Key::flat`].
    start: usize,
    end: usize,
    /// Where the word ends in the normalized text.
    norm_end: usize,
}

impl Key {
    /// Builds the key of a normalized paragraph, looking at its first
    /// [`KEY_WORDS`] words only (so a 5 MB paragraph costs no more than a short one).
    pub(crate) fn new(norm: &str) -> Key {
        // A word takes at least two bytes of `norm` (one with its space),
        // so these capacities avoid regrowing while the key is built
        // (`flat` may still grow for long words or long paragraphs).
        let mut key = Key {
            flat: String::with_capacity(norm.len().min(16 * KEY_WORDS)),
            words: Vec::with_capacity((norm.len() / 2 + 1).min(KEY_WORDS)),
            total: 0,
        };
        let bytes = norm.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII is most of news text: test bytes, and decode only the rest.
            let b = bytes[i];
            let (c, width) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                let c = norm[i..].chars().next().unwrap_or_default();
                (c, c.len_utf8())
            };
            if !c.is_alphanumeric() {
                i += width;
                continue;
            }
            if key.words.len() == KEY_WORDS {
                // One word more than the key keeps: "long".
                key.total = KEY_WORDS + 1;
                break;
            }
            if !key.words.is_empty() {
                key.flat.push(' ');
            }
            let start = key.flat.len();
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphanumeric() {
                    key.flat.push(char::from(b));
                    i += 1;
                } else if b.is_ascii() {
                    break;
                } else {
                    let c = norm[i..].chars().next().unwrap_or_default();
                    if !c.is_alphanumeric() {
                        break;
                    }
                    key.flat.extend(c.to_lowercase());
                    i += c.len_utf8();
                }
            }
            key.words.push(KeyWord { start, end: key.flat.len(), norm_end: i });
        }
        key.total = key.total.max(key.words.len());
        // Letters beyond ASCII went in lowercased; ASCII ones all at once.
        key.flat.make_ascii_lowercase();
        key
    }

    /// Number of words (more than [`KEY_WORDS`] means "long").
    pub(crate) fn len(&self) -> usize {
        self.total
    }

    fn word(&self, i: usize) -> &str {
        let w = self.words[i];
        &self.flat[w.start..w.end]
    }

    /// True when one of the words is among `any`.
    pub(crate) fn has_word(&self, any: &[&str]) -> bool {
        (0..self.words.len()).any(|i| any.contains(&self.word(i)))
    }

    /// The words as one lowercase string separated by single spaces, for hashing.
    pub(crate) fn joined(&self) -> &str {
        &self.flat
    }
}

/// One token of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    /// Any word made only of digits.
    Num,
    /// Any one word.
    Any,
}

impl Tok {
    fn matches(&self, word: &str) -> bool {
        match self {
            Tok::Word(w) => w == word,
            Tok::Num => word.bytes().all(|b| b.is_ascii_digit()),
            Tok::Any => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Whole,
    Prefix,
    Suffix,
    Contains,
    Label,
    /// Leading sentences to cut off a longer paragraph.
    Lead,
}

#[derive(Debug)]
struct Pattern {
    op: Op,
    limit: usize,
    toks: Vec<Tok>,
}

impl Pattern {
    fn matches(&self, key: &Key, norm: &str) -> bool {
        // Quoted speech is prose ("'Share this document,' the flyer says").
        if self.op != Op::Contains && self.op != Op::Suffix && norm.starts_with(['"', '\'']) {
            return false;
        }
        let n = key.len();
        let m = self.toks.len();
        if m == 0 || n < m || n > self.limit || n > KEY_WORDS {
            return false;
        }
        let at = |start: usize| {
            self.toks.iter().enumerate().all(|(j, t)| t.matches(key.word(start + j)))
        };
        match self.op {
            Op::Whole => n == m && at(0),
            Op::Prefix => at(0),
            Op::Suffix => at(n - m),
            Op::Contains => (0..=n - m).any(at),
            Op::Label => at(0) && norm[key.words[m - 1].norm_end..].trim_start().starts_with(':'),
            Op::Lead => false,
        }
    }
}

/// The curated list, parsed once and indexed by first word.
struct Patterns {
    all: Vec<Pattern>,
    /// The patterns other than `<` whose first token is a word, by that word.
    by_first: FxHashMap<String, Vec<usize>>,
    /// The patterns other than `<` whose first token is `#` or `*`.
    unanchored: Vec<usize>,
    /// The most words a paragraph may have for a `$` or `~` pattern to
    /// apply; in longer ones, patterns can only match at the first word.
    inner_limit: usize,
}

impl Patterns {
    fn new(all: Vec<Pattern>) -> Patterns {
        let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut unanchored = Vec::new();
        let mut inner_limit = 0;
        for (i, p) in all.iter().enumerate() {
            if matches!(p.op, Op::Suffix | Op::Contains) {
                inner_limit = inner_limit.max(p.limit);
            }
            match p.toks.first() {
                _ if p.op == Op::Lead => {}
                Some(Tok::Word(w)) => by_first.entry(w.clone()).or_default().push(i),
                Some(_) => unanchored.push(i),
                None => {}
            }
        }
        Patterns { all, by_first, unanchored, inner_limit }
    }
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns::new(parse_patterns(include_str!("boilerplate.txt"))))
}

fn parse_patterns(src: &str) -> Vec<Pattern> {
    let mut out = Vec::new();
    for line in src.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut chars = head.chars();
        let (op, default) = match chars.next() {
            Some('=') => (Op::Whole, KEY_WORDS),
            Some('^') => (Op::Prefix, 60),
            Some('$') => (Op::Suffix, 40),
            Some('~') => (Op::Contains, 30),
            Some(':') => (Op::Label, 30),
            Some('<') => (Op::Lead, usize::MAX),
            _ => continue,
        };
        let limit = chars.as_str().parse().unwrap_or(default);
        let mut toks = Vec::new();
        for t in rest.split_whitespace() {
            match t {
                "#" => toks.push(Tok::Num),
                "*" => toks.push(Tok::Any),
                _ => {
                    let k = Key::new(t);
                    toks.extend((0..k.words.len()).map(|i| Tok::Word(k.word(i).to_owned())));
                }
            }
        }
        out.push(Pattern { op, limit, toks });
    }
    out
}

/// True when the paragraph matches the curated boilerplate list.
pub(crate) fn curated(norm: &str, key: &Key) -> bool {
    let set = patterns();
    let n = key.len();
    if n == 0 || n > KEY_WORDS {
        return false;
    }
    // A pattern matches only where its first token does: try the patterns
    // whose first word is one of the paragraph's (only the first word, when
    // the paragraph is too long for `$` and `~`) and the wildcard ones.
    let starts = if n <= set.inner_limit { n } else { 1 };
    let anchored = (0..starts).filter_map(|i| set.by_first.get(key.word(i))).flatten();
    set.unanchored.iter().chain(anchored).any(|&p| set.all[p].matches(key, norm))
}

/// Where the prose starts after curated furniture sentences at the start of
/// a paragraph ("Breaking News Emails Get breaking news alerts and special
/// reports. The news and stories that matter, delivered weekday mornings.
/// Nov. 29, 2018 ..."), as a byte offset into `norm`.
///
/// Only a `<` pattern that ends at a sentence end (`.`, `!` or `?`) and is
/// followed by more text counts, so the cut never splits a sentence.
pub(crate) fn lead_in(norm: &str, key: &Key) -> Option<usize> {
    let n = key.words.len();
    patterns().all.iter().filter(|p| p.op == Op::Lead).find_map(|p| {
        let m = p.toks.len();
        if m == 0 || m >= n || !p.toks.iter().enumerate().all(|(j, t)| t.matches(key.word(j))) {
            return None;
        }
        let end = key.words[m - 1].norm_end;
        let rest = &norm[end..];
        let stop = rest.strip_prefix(['.', '!', '?'])?;
        let stop = stop.trim_start_matches(['"', '\'', ')']);
        let body = stop.trim_start();
        (body.len() < stop.len() && body.chars().any(char::is_alphanumeric))
            .then(|| norm.len() - body.len())
    })
}

/// True when the paragraph's make-up marks it as furniture: no letters or
/// digits, newswire codes, contact details, a byline or a sign-off.
pub(crate) fn shape(norm: &str, key: &Key) -> bool {
    if key.len() == 0 {
        return true;
    }
    let words = key.len();
    if words <= 12 && has_wire_code(norm) {
        return true;
    }
    // "(scl)", "(vs/krt)": a lowercase transmission code in parentheses.
    if words <= 3
        && norm.starts_with('(')
        && norm.ends_with(')')
        && !norm.chars().any(|c| c.is_uppercase() || c.is_whitespace())
    {
        return true;
    }
    if words <= 30 && has_email(norm) {
        return true;
    }
    if words <= 20 && norm.contains('\u{A9}') {
        return true;
    }
    // "For the latest news and analysis, follow @wsjd."
    if words <= 15
        && norm.split_whitespace().any(|w| w.starts_with('@') && w.len() > 1)
        && key.has_word(&["follow", "twitter", "tweet", "instagram"])
    {
        return true;
    }
    if words <= 12 && !super::wrap::ends_terminal(norm) {
        // "Twitter @GregTrotterTrib", "https://usat.ly/2hSFrW7".
        if norm.split_whitespace().any(|w| w.starts_with('@') && w.len() > 1)
            || norm.contains("http://")
            || norm.contains("https://")
            || norm.contains("www.")
        {
            return true;
        }
        // "/ Source: TODAY By A. Pawlowski", "| Updated".
        if norm.starts_with(['/', '|']) {
            return true;
        }
    }
    is_byline(norm) || is_signoff(norm) || is_site_promotion(norm, key)
}

/// Words that open an invitation to follow a site.
const INVITATIONS: &[&str] = &[
    "bookmark",
    "catch",
    "check",
    "download",
    "find",
    "follow",
    "get",
    "join",
    "keep",
    "listen",
    "read",
    "sign",
    "stay",
    "subscribe",
    "track",
    "visit",
    "watch",
];

/// What a site invites its readers to follow.
const OFFERS: &[&str] = &[
    "alerts",
    "analysis",
    "app",
    "breaking",
    "coverage",
    "facebook",
    "headlines",
    "inbox",
    "instagram",
    "latest",
    "live",
    "news",
    "newsletter",
    "newsletters",
    "podcast",
    "podcasts",
    "stories",
    "twitter",
    "updates",
    "videos",
    "youtube",
];

/// Words of reported speech: a line with one is a sentence of the story.
const REPORTING: &[&str] = &["said", "says", "told", "tells", "according", "asked", "warned"];

/// A site-promotion line: a short paragraph (at most 30 words) that opens
/// with an invitation ("Follow", "Track", "Subscribe to", "Stay", "Get",
/// "Read", or "For more" / "For the latest"), names a site or brand (a domain
/// such as `NDTV.com` or `herald.co.uk`, a capitalized name after the first
/// word, or "us"/"our"), and offers something to follow (news, updates,
/// alerts, headlines, a newsletter, an app, a social network), without a
/// word of reported speech ("said", "told", ...).
///
/// All of it must hold, so prose that merely opens with such a verb ("Read
/// the report, the mayor said", "Get out of the water at Bondi Beach, the
/// lifeguards shouted") is kept.
fn is_site_promotion(norm: &str, key: &Key) -> bool {
    let n = key.len();
    if !(3..=30).contains(&n) {
        return false;
    }
    let first = key.word(0);
    let opens = INVITATIONS.contains(&first)
        || (first == "for" && matches!(key.word(1), "more" | "the" | "breaking" | "live"));
    if !opens {
        return false;
    }
    let offers = (0..n).any(|i| OFFERS.contains(&key.word(i)));
    let reported = (0..n).any(|i| REPORTING.contains(&key.word(i)));
    offers && !reported && names_a_site(norm, key)
}

/// True when a paragraph names a site or brand: a domain, a capitalized
/// word after the first ("the Northside News app", "on Twitter"), or
/// "us"/"our".
fn names_a_site(norm: &str, key: &Key) -> bool {
    if (0..key.len()).any(|i| matches!(key.word(i), "us" | "our")) {
        return true;
    }
    let mut words = norm.split_whitespace();
    words.next();
    words.any(|w| {
        is_domain(w)
            || w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// `NDTV.com`, `www.example.org`, `herald.co.uk`: letters or digits, a dot,
/// and a top-level domain of two to six letters (so `U.S.` and `p.m.` are
/// not domains).
fn is_domain(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let Some((name, tld)) = w.rsplit_once('.') else { return false };
    (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && name
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// SGML entities left in newswire text: `&QL;`, `&UR;`, `&QC;`, `&LR;`.
fn has_wire_code(norm: &str) -> bool {
    let b = norm.as_bytes();
    b.windows(4).any(|w| {
        w[0] == b'&' && w[1].is_ascii_uppercase() && w[2].is_ascii_uppercase() && w[3] == b';'
    })
}

/// An e-mail address: `name@host.tld`.
fn has_email(norm: &str) -> bool {
    norm.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        match w.split_once('@') {
            Some((user, host)) => {
                !user.is_empty()
                    && host.contains('.')
                    && !host.starts_with('.')
                    && !host.ends_with('.')
                    && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            }
            None => false,
        }
    })
}

/// "By JOHN SMITH, Associated Press", "By Terry Wade": "By" and then only
/// names, initials and a few joining words.
pub(crate) fn is_byline(norm: &str) -> bool {
    let mut words = norm.split_whitespace();
    if !matches!(words.next(), Some("By" | "BY" | "by")) {
        return false;
    }
    let mut names = 0;
    for (i, w) in words.enumerate() {
        if i >= 10 {
            return false;
        }
        let core = w.trim_end_matches([',', ';', '|']);
        let Some(first) = core.chars().next() else { continue };
        if first.is_uppercase() {
            // A name or an initial; a full stop is allowed only after an initial.
            let letters = core.trim_end_matches('.').chars().count();
            if core.ends_with('.') && letters > 2 && core != "Jr." && core != "Sr." {
                return false;
            }
            names += 1;
        } else if names > 0 && matches!(core, "and" | "of" | "the" | "&" | "and/or") {
            continue;
        } else {
            return false;
        }
    }
    names > 0
}

/// "-- Nicole Santa Cruz and Rick Rojas at City Hall", "—John Anderson": a
/// dash and a name at the end of a story. (Dashes are folded to `-` by
/// normalization.)
fn is_signoff(norm: &str) -> bool {
    let Some(rest) = norm.strip_prefix('-') else { return false };
    let rest = rest.trim_start_matches('-').trim_start();
    let words = rest.split_whitespace().count();
    (1..=10).contains(&words)
        && rest.chars().next().is_some_and(char::is_uppercase)
        && !super::wrap::ends_terminal(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(norm: &str, expect: bool) {
        let key = Key::new(norm);
        let got = curated(norm, &key) || shape(norm, &key);
        assert_eq!(got, expect, "{norm:?}");
    }

    #[test]
    fn patterns_parse() {
        let p = &patterns().all;
        assert!(p.len() > 100);
        assert!(p.iter().all(|p| !p.toks.is_empty()));
    }

    #[test]
    fn furniture_is_dropped() {
        for s in [
            "Post a Comment",
            // Site promotion, for several invented sites.
            "Track Latest News Live on NDTV.com and get news updates from India and around the world",
            "Follow The Lakeside Courier on Facebook for the latest local news.",
            "Read more stories like this at riverbend-herald.org",
            "Get breaking news alerts from Harbour City Times on your phone.",
            "Stay updated: download the Northside News app today.",
            "For more news from around the world, visit worldwire.net.",
            "Keep up with the latest headlines from KXRB 7 on Twitter and Instagram.",
            "Watch live coverage of the election on valleytv.com.au",
            "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an embargo period.",
            "ADVERTISEMENT",
            "Advertisement Continue reading the main story",
            "Follow us on Facebook, Twitter, Google+, Tumblr!",
            "Follow Jane Doe on Twitter.",
            "Sign up for our morning newsletter.",
            "Click here to watch video.",
            "Copyright 2017 by Some Station - All rights reserved.",
            "\u{A9} 2017 Some Paper. All Rights Reserved.",
            "Related: Officials answer questions about the storm",
            "This article was originally published on Example.com.",
            "By JOHN SMITH, Associated Press",
            "By Terry Wade",
            "-- Jane Roe and John Doe at City Hall",
            "Jane Roe contributed to this report.",
            "(Reporting by Jane Roe; Editing by John Doe)",
            "Contact the writer at jroe@example.com.",
            "Twitter @example",
            "For the latest news and analysis, follow @example.",
            "Jane Roe contributed to this report. She can be reached at http://example.com/jroe",
            "&UR; kl",
            "NATIONAL FORECAST &QL;",
            "(scl)",
            "(vs/krt)",
            "The Mahane, 3rd graf pvs",
            "Chile said, graf 3 pvs",
            "___",
            "* * *",
            "Read or Share this story: https://example.com/x",
            "Interested in Weather? Add Weather as an interest to stay up to date on the latest Weather news. Add Interest",
        ] {
            check(s, true);
        }
    }

    #[test]
    fn domains() {
        for w in ["NDTV.com", "www.example.org,", "herald.co.uk", "(valleytv.com.au)"] {
            assert!(is_domain(w), "{w}");
        }
        for w in ["U.S.", "p.m.", "3.5", "Jan.", "e.g.", "a.m", "end.The"] {
            assert!(!is_domain(w), "{w}");
        }
    }

    #[test]
    fn prose_is_kept() {
        for s in [
            "By the time the storm arrived, most residents had left.",
            "Follow the money, he said.",
            "Share prices fell 5 percent on Monday.",
            "The new privacy policy allows the company to listen in on users.",
            "Related charges were filed against two other men.",
            "Copyright lawsuits have multiplied since the ruling.",
            "The coroner recorded a conclusion of accidental death.",
            "Correction officers said the inmate escaped at night.",
            "Watch the skies tonight, astronomers say, for the best display in decades.",
            "He said in an email that the decision was final.",
            "The senator wrote to @example on Monday asking for an apology.",
            "More than 100 people were killed.",
            "\"Share this document,\" the flyer says.",
            // Prose that opens like site promotion but lacks a part of it.
            "Read the full report before the vote, the mayor told the council in Marlowe.",
            "Get out of the water, the lifeguards shouted at the swimmers at Bondi Beach.",
            "Follow-up inspections found cracks in two supports of the bridge to Aske Island.",
            "Stay away from the river, police warned residents of Marlowe on Tuesday.",
            "Watch the news tonight, the minister said, for an announcement on taxes.",
            "Visitors to bbc.co.uk rose by a tenth in March, the company said.",
            "Subscribers of the Daily Bulletin will get the news a day late because of the strike.",
            "Like many residents in Harbour City, she lost her home and her news stand to the flood.",
            "Keep updates short, the editor of the Courier told her reporters at the meeting in March, so that readers on phones can follow the news through the evening and the night.",
        ] {
            check(s, false);
        }
    }

    #[test]
    fn lead_in_sentences() {
        let check = |s: &str, rest: Option<&str>| {
            let got = lead_in(s, &Key::new(s)).map(|cut| &s[cut..]);
            assert_eq!(got, rest, "{s:?}");
        };
        check(
            "Breaking News Emails Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings. Nov. 29, 2018 by Jane Roe For weeks, veterans waited.",
            Some("Nov. 29, 2018 by Jane Roe For weeks, veterans waited."),
        );
        check(
            "Rating is available when the video has been rented. The mayor spoke.",
            Some("The mayor spoke."),
        );
        check("Rating is available when the video has been rented.", None);
        check("Rating is available when the video has been rented today, he said.", None);
        check("The mayor spoke.", None);
    }

    #[test]
    fn key_form() {
        let k = Key::new("Editor's NOTE: \u{C9}t\u{E9} 2019!");
        assert_eq!(k.joined(), "editor s note \u{E9}t\u{E9} 2019");
        assert_eq!(k.len(), 5);
        let long = "word ".repeat(500);
        assert_eq!(Key::new(&long).len(), KEY_WORDS + 1);
    }
}
