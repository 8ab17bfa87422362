//! Text that labels the article rather than telling it: headlines,
//! subheads, datelines and photo captions.
//!
//! A headline glued to the first sentence ("Syria Conflict: US, Russia Meet
//! The Russian Foreign Ministry...") ruins that sentence, and a caption read
//! as prose repeats or distorts the story. These tests run on one normalized
//! paragraph at a time; `clean` decides what to do with the answer (the first
//! headline becomes the document's title).

use super::wrap::ends_terminal;

/// Small words that title case leaves in lowercase.
const MINOR: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "vs", "via", "is", "are", "be", "into", "over", "after", "up", "out", "off",
];

/// A headline or subhead: short, no terminal full stop, and mostly
/// capitalized words ("In Russia, Secretary Kerry Looks For 'Real Progress'
/// Over Syria", "11-MILLION-TON ICEBERG THREATENS GREENLAND VILLAGE").
pub(crate) fn is_headline(norm: &str) -> bool {
    if norm.len() > 200 || norm.ends_with([':', ',', ';']) {
        return false;
    }
    match norm.trim_end_matches(['"', '\'', ')', ']']).chars().next_back() {
        Some('.' | '!') | None => return false,
        _ => {}
    }
    let mut words = 0;
    let mut counted = 0;
    let mut capital = 0;
    let mut prev = "";
    for w in norm.split_whitespace() {
        words += 1;
        if words > 20 || ends_sentence(prev, w) {
            return false;
        }
        prev = w;
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = core.chars().next() else { continue };
        if MINOR.iter().any(|m| m.eq_ignore_ascii_case(core)) && words > 1 {
            continue;
        }
        counted += 1;
        if first.is_uppercase() || first.is_numeric() {
            capital += 1;
        }
    }
    counted >= 2 && capital * 4 >= counted * 3
}

/// True when `word` ends a sentence and `next` starts another: "Okay." then
/// "Which". Initials and short abbreviations ("U.S.", "Mr.") do not count.
fn ends_sentence(word: &str, next: &str) -> bool {
    let Some(stem) = word.strip_suffix(['.', '!', '?']) else { return false };
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    letters > 2
        && !stem.contains('.')
        && !stem.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && next.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase)
}

/// A first line that reads as a headline by position: unterminated, short,
/// not ending in a comma or a continuing word. Sentence-case headlines
/// ("Kalashnikov wrote to church of fears over rifle deaths") only show
/// themselves this way, at the very top of a document.
pub(crate) fn is_top_line_headline(norm: &str) -> bool {
    let words = norm.split_whitespace().count();
    (2..=20).contains(&words)
        && norm.len() <= 200
        && !ends_terminal(norm)
        && !norm.ends_with([':', ',', ';', '-'])
        && norm
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '\'' || c == '"')
}

/// A fragment: a few words with no terminal punctuation ("Lawyers to decide",
/// "RELATED:", "Getty Images"). Subheads, labels and credits look like this;
/// sentences do not.
pub(crate) fn is_fragment(norm: &str, words: usize) -> bool {
    words <= 5 && !ends_terminal(norm)
}

/// Words that mark a photo credit inside a closing parenthesis.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photographer",
    "photograph",
    "getty",
    "images",
    "image",
    "ap",
    "reuters",
    "afp",
    "epa",
    "associated",
    "staff",
    "file",
    "courtesy",
    "credit",
    "pool",
    "bloomberg",
    "shutterstock",
    "istock",
    "video",
];

/// Openings of photo captions and media widgets.
const CAPTION_STARTS: &[&str] = &[
    "photo:",
    "photos:",
    "video:",
    "watch:",
    "listen:",
    "image:",
    "caption:",
    "credit:",
    "pictured:",
    "photograph:",
    "file -",
    "file photo",
    "image copyright",
    "image caption",
    "media caption",
    "view images",
    "enlarge image",
    "(photo",
    "(image",
    "close ",
];

/// A photo caption or credit: "Members of Occupy ... (David M Warren / Staff
/// Photographer)", "Image copyright Getty Images Image caption ...", "Ellen
/// Pao leaves court. REUTERS/Stephen Lam", "1 of 6. The encampment ...".
///
/// `words` is the paragraph's word count. Captions are short: a long
/// paragraph that opens with a caption (a whole document on one line, say)
/// is kept, since no sentence boundary separates the caption from the prose.
pub(crate) fn is_caption(norm: &str, words: usize) -> bool {
    if words > CAPTION_WORDS {
        return false;
    }
    let head: String = norm.chars().take(20).flat_map(char::to_lowercase).collect();
    if CAPTION_STARTS.iter().any(|s| head.starts_with(s)) || is_gallery_counter(norm) {
        return true;
    }
    if words > CREDIT_WORDS_MAX {
        return false;
    }
    if let Some(inner) = closing_parenthetical(norm) {
        let words: Vec<String> = inner
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let url_like = looks_like_url(inner);
        if words.len() <= 12
            && !url_like
            && (inner.contains('/') || words.iter().any(|w| CREDIT_WORDS.contains(&w.as_str())))
        {
            return true;
        }
    }
    credit_tail(norm)
}

/// True for text with a web address in it: "http", or a dot directly
/// followed by a letter or digit ("bit.ly/x", "example.com").
fn looks_like_url(s: &str) -> bool {
    s.contains("http")
        || s.as_bytes().windows(2).any(|w| w[0] == b'.' && w[1].is_ascii_alphanumeric())
}

/// The longest paragraph, in words, that can be a caption.
const CAPTION_WORDS: usize = 80;

/// The longest paragraph, in words, judged by a credit at its end.
const CREDIT_WORDS_MAX: usize = 60;

/// "1 of 6." or "3/18 " at the start: a slideshow counter.
fn is_gallery_counter(norm: &str) -> bool {
    let digits = |s: &str| s.len() <= 3 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut words = norm.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(a), Some("of"), Some(b)) => digits(a) && digits(b.trim_end_matches(['.', ':'])),
        (Some(a), Some(_), _) => match a.split_once('/') {
            Some((x, y)) => {
                digits(x) && digits(y) && x.parse::<u32>().ok() <= y.parse::<u32>().ok()
            }
            None => false,
        },
        _ => false,
    }
}

/// The text inside a parenthesis that ends the paragraph, if it does.
fn closing_parenthetical(norm: &str) -> Option<&str> {
    let body = norm.strip_suffix(')')?;
    let open = body.rfind('(')?;
    Some(&body[open + 1..])
}

/// A credit after the last sentence: "... March 25, 2015. REUTERS/Stephen Lam",
/// "... in New York. Photograph: Evan Agostini/Invision/AP".
fn credit_tail(norm: &str) -> bool {
    if ends_terminal(norm) {
        return false;
    }
    let tail = match norm.rfind(". ") {
        Some(i) => &norm[i + 2..],
        None => norm,
    };
    let words = tail.split_whitespace().count();
    if words == 0 || words > 8 {
        return false;
    }
    let lower = tail.to_lowercase();
    let url_like = looks_like_url(&lower);
    (tail.contains('/') && !url_like)
        || ["credit:", "photograph:", "photo:", "courtesy", "getty images", "ap photo"]
            .iter()
            .any(|m| lower.starts_with(m))
}

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// Bytes of the normalized paragraph taken by the dateline, its separator
    /// and the space after it.
    pub len: usize,
    /// True when nothing follows: the paragraph is only a dateline.
    pub whole: bool,
}

/// Where datelines are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DatelineScope {
    /// The first paragraph of prose: every form.
    First,
    /// A paragraph near the top: only capitalized places with a dash or
    /// underscore separator ("LOS ANGELES (Reuters) - ").
    Early,
}

/// Finds a dateline: "LONDON (AP) _ ", "BUENOS AIRES, Argentina _ ",
/// "CAIRO-" (from "CAIRO—"), "Moscow, Russia:", "NEW YORK (CNNMoney)".
///
/// The place is one to five capitalized words, or title-case words followed
/// by a comma and a region. An agency in parentheses may follow. Then comes
/// a separator (`_`, `-`, `--`, `:`, `|`) or the end of the paragraph. The
/// text after the dateline must start like a sentence.
pub(crate) fn dateline(norm: &str, scope: DatelineScope) -> Option<Dateline> {
    let s = norm;
    // The place: all-caps words, or up to three title-case words.
    let first_len = place_word_len(s)?;
    let caps_place = is_caps_word(s);
    let mut pos = first_len;
    let mut place_words = 1;
    while let Some(r) = s[pos..].strip_prefix(' ') {
        let more = if caps_place {
            is_caps_word(r)
        } else {
            place_word_len(r).is_some() && place_words < 3
        };
        if !more {
            break;
        }
        place_words += 1;
        if place_words > 5 {
            return None;
        }
        pos += 1 + place_word_len(r)?;
    }
    // The region: ", Argentina", ", New Zealand", ", Calif.".
    let mut has_region = false;
    if let Some(r) = s[pos..].strip_prefix(", ") {
        let mut p = 0;
        let mut n = 0;
        while let Some(len) = place_word_len(&r[p..]) {
            n += 1;
            p += len;
            if n == 3 || !r[p..].starts_with(' ') || place_word_len(&r[p + 1..]).is_none() {
                break;
            }
            p += 1;
        }
        if n > 0 {
            has_region = true;
            pos += 2 + p;
        }
    }
    // The agency: "(AP)", "(Reuters)".
    let mut has_agency = false;
    let rest = &s[pos..];
    let r = rest.strip_prefix(' ').unwrap_or(rest);
    if let Some(inner) = r.strip_prefix('(') {
        let close = inner.find(')')?;
        let agency = &inner[..close];
        if agency.is_empty() || agency.len() > 30 || agency.split_whitespace().count() > 3 {
            return None;
        }
        has_agency = true;
        pos += rest.len() - r.len() + close + 2;
    }
    if !caps_place && !has_region && !has_agency {
        return None;
    }
    let rest = &s[pos..];
    if rest.trim().is_empty() {
        // A dateline on a line of its own: "NEW YORK (CNNMoney)", "WASHINGTON".
        let whole = has_agency || has_region || (caps_place && place_words <= 3);
        return whole.then_some(Dateline { len: s.len(), whole: true });
    }
    // The separator. Title-case places take a dash only after an agency.
    let seps: &[&str] = match (scope, caps_place || has_agency) {
        (DatelineScope::First, true) => &[" _ ", " -- ", " - ", "--", "-", " :", ":", " |", "|"],
        (DatelineScope::First, false) => &[" :", ":", " |", "|"],
        (DatelineScope::Early, true) => &[" _ ", " -- ", " - ", "--"],
        (DatelineScope::Early, false) => &[],
    };
    let sep = seps.iter().find(|sep| rest.starts_with(**sep))?;
    // "CAIRO-The": a bare hyphen only right before a capitalized word.
    if *sep == "-" && !rest[1..].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let after = &rest[sep.len()..];
    let body = after.trim_start();
    if body.is_empty() {
        return Some(Dateline { len: s.len(), whole: true });
    }
    let starts_sentence = body
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '\'' | '`'));
    let len = pos + sep.len() + (after.len() - body.len());
    starts_sentence.then_some(Dateline { len, whole: false })
}

/// Length of a place word at the start of `s`: letters with inner `.`, `'`,
/// `&` or `-` (a hyphen only when a capital follows it in an all-caps word,
/// so "CAIRO-The" stops before the hyphen). The word must start with a
/// capital.
fn place_word_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut end = first.len_utf8();
    for (i, c) in chars {
        if c.is_alphabetic() || c == '.' || c == '\'' || c == '&' {
            end = i + c.len_utf8();
        } else if c == '-' {
            // Keep the hyphen only inside an all-caps compound ("WILKES-BARRE").
            let mut ahead = s[i + 1..].chars();
            match (ahead.next(), ahead.next()) {
                (Some(a), Some(b)) if a.is_uppercase() && !b.is_lowercase() => end = i + 1,
                _ => break,
            }
        } else {
            break;
        }
    }
    let word = &s[..end];
    let trimmed = word.trim_end_matches(['.', '\'']);
    // "Calif." keeps its full stop; a word may not end on other punctuation.
    if trimmed.is_empty() {
        return None;
    }
    Some(end)
}

fn is_caps_word(s: &str) -> bool {
    let Some(len) = place_word_len(s) else { return false };
    let w = &s[..len];
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_dateline(s: &str, scope: DatelineScope, expect: Option<&str>) {
        let got = dateline(s, scope).map(|d| &s[..d.len]);
        assert_eq!(got, expect, "{s:?}");
    }

    #[test]
    fn datelines() {
        use DatelineScope::*;
        check_dateline(
            "LONDON (AP) _ An influential lawmaker said.",
            First,
            Some("LONDON (AP) _ "),
        );
        check_dateline(
            "BUENOS AIRES, Argentina _ Gen. Augusto Pinochet.",
            First,
            Some("BUENOS AIRES, Argentina _ "),
        );
        check_dateline(
            "LOS ANGELES (Reuters) - Police in riot gear.",
            Early,
            Some("LOS ANGELES (Reuters) - "),
        );
        check_dateline("CAIRO-The European Union's top diplomat met.", First, Some("CAIRO-"));
        check_dateline(
            "DAR ES SALAAM, Tanzania _ In a rare statement.",
            First,
            Some("DAR ES SALAAM, Tanzania _ "),
        );
        check_dateline("Moscow, Russia:", First, Some("Moscow, Russia:"));
        check_dateline("CAIRO |", First, Some("CAIRO |"));
        check_dateline("NEW YORK (CNNMoney)", First, Some("NEW YORK (CNNMoney)"));
        check_dateline("WASHINGTON - The president said.", First, Some("WASHINGTON - "));
        check_dateline("NASA said on Monday it would launch.", First, None);
        check_dateline("U.S. officials said the talks failed.", First, None);
        check_dateline("The Russian Foreign Ministry said.", First, None);
        check_dateline("Moscow - the capital - was calm.", First, None);
        check_dateline(
            "WILKES-BARRE, Pa. (AP) _ A man was hurt.",
            First,
            Some("WILKES-BARRE, Pa. (AP) _ "),
        );
        check_dateline("TRUMP: We are going to win.", Early, None);
        check_dateline("", First, None);
        check_dateline("(", First, None);
    }

    #[test]
    fn headlines() {
        for (s, expect) in [
            ("Syria Conflict: US, Russia Meet", true),
            ("In Russia, Secretary Kerry Looks For 'Real Progress' Over Syria", true),
            ("11-MILLION-TON ICEBERG THREATENS TO INUNDATE TINY GREENLAND VILLAGE", true),
            ("The Russian Foreign Ministry said on Monday that talks would go on.", false),
            ("Lawyers to decide", false),
            ("He said:", false),
            ("Cohen: \"Okay. Which polls?\"", false),
            ("U.S. Strikes Syria Bases", true),
            ("", false),
        ] {
            assert_eq!(is_headline(s), expect, "{s:?}");
        }
    }

    #[test]
    fn captions() {
        for (s, expect) in [
            ("Members of Occupy Philadelphia remain on site. (David M Warren / Staff Photographer)", true),
            ("Lavrov will meet the envoy in Moscow on Wednesday. (Reuters)", true),
            ("Image copyright Getty Images Image caption Kalashnikov designed the AK-47", true),
            ("Ellen Pao leaves court in San Francisco, March 25, 2015. REUTERS/Stephen Lam", true),
            ("1 of 6. The Occupy Los Angeles encampment at City Hall Park.", true),
            ("3/18 On Megyn Kelly: a quote. AFP/Getty Images", true),
            ("Photo: With a line of officers behind them, demonstrators sit.", true),
            ("FILE - This June, 2013 photo shows an officer.", true),
            ("He said he wanted to see him (Mursi).", false),
            ("The 9:45 a.m. (0745 gmt) attack killed two.", false),
            ("The talks ended without a deal (for now)", false),
            ("24/7 Wall St. compiled a list of 50 people.", false),
            ("Cain did not appear to be joking. Watch video, courtesy of fox news, below", false),
            ("Not once was the car the cause of the accident. ( bit.ly/1gzciuw )", false),
            ("Laura spent 25 days in the hospital. Courtesy Sara Carson", true),
        ] {
            assert_eq!(is_caption(s, s.split_whitespace().count()), expect, "{s:?}");
        }
    }
}
