//! Furniture glued to the front of a sentence.
//!
//! When a page is flattened to text, the words around a picture or a video
//! ("Media playback is unsupported on your device Media caption ...",
//! "Image copyright Getty Images Image caption ...", "(Photo: Mark
//! Humphrey, AP)"), a list header ("Story highlights") or a wire dateline
//! ("WASHINGTON (AP) —", "(CNN) --") end up on the same line as the first
//! sentence after them, with no sentence boundary in between. Paragraph
//! cleaning cannot drop them without dropping the sentence too, so
//! [`prose_start`] cuts them off each sentence: the sentence then starts at
//! its first word of prose. [`is_photo_caption`] recognizes whole sentences
//! that are photo captions, a wire photo's ("FILE - In this Dec. 17, 2015,
//! file photo, ...") or a gallery's ("Hide Caption 20 of 23 Photos: ...").
//!
//! Every rule keeps at least [`MIN_REST_WORDS`] words, so a cut never leaves
//! a stub, and every rule is anchored on fixed wording or on a news agency
//! or photo credit in parentheses, so prose is not cut. The one cut that
//! can take words of prose-like text is a caption ended by an inner photo
//! credit ("... (Photo: AP) The mayor resigned ..."): what precedes the
//! credit is the caption.

/// The fewest words a sentence must keep after a cut.
const MIN_REST_WORDS: usize = 3;

/// The most cuts made on one sentence (each cut is linear in its length).
const MAX_CUTS: usize = 6;

/// The most words of place and date before an agency dateline ("ST.
/// PETERSBURG, Fla. (AP) —", "LIMA, Dec 1 (Reuters) -").
const DATELINE_WORDS: usize = 6;

/// The longest parenthesis read as a photo credit or agency, in bytes.
const CREDIT_BYTES: usize = 120;

/// Phrases that open a flattened picture or video block or a list header.
/// `image copyright` is handled apart, as the agency name follows it.
const LEAD_PHRASES: &[&str] = &[
    "media playback is unsupported on your device",
    "media caption",
    "image caption",
    "story highlights",
    "buy photo",
];

/// Agency and credit words that follow "Image copyright" ("Image copyright
/// AFP/Getty Images"). Wider than the credit words `headline` looks for in
/// a paragraph's closing parenthesis ("family", "media"), since there they
/// would make a whole paragraph a caption, while here they only extend a
/// cut that "Image copyright" has already anchored.
const CREDITS: &[&str] = &[
    "afp",
    "ap",
    "bbc",
    "epa",
    "getty",
    "images",
    "pa",
    "reuters",
    "alamy",
    "rex",
    "shutterstock",
    "family",
    "handout",
    "media",
    "wire",
    "science",
    "photo",
    "library",
];

/// News agencies and networks that appear in datelines: "(AP)", "(CNN)",
/// "(cbsla.com/AP)".
const AGENCIES: &[&str] = &[
    "ap",
    "afp",
    "ansa",
    "bloomberg",
    "cnn",
    "cnnmoney",
    "dpa",
    "efe",
    "ians",
    "pti",
    "reuters",
    "tass",
    "upi",
    "xinhua",
    "associated",
    "press",
];

/// Where the prose of a sentence starts, as a byte offset into `sentence`
/// (normalized text: single spaces, ASCII dashes): 0 when nothing is glued
/// to its front.
pub(crate) fn prose_start(sentence: &str) -> usize {
    let mut start = 0;
    for _ in 0..MAX_CUTS {
        let rest = &sentence[start..];
        let cut = lead_phrase(rest)
            .or_else(|| gallery_widget(rest))
            .or_else(|| image_copyright(rest))
            .or_else(|| advertisement(rest))
            .or_else(|| credit_or_dateline(rest));
        let Some(cut) = cut else { break };
        let after = rest[cut..].trim_start_matches(is_separator).trim_start();
        if after.split_whitespace().count() < MIN_REST_WORDS {
            break;
        }
        start = sentence.len() - after.len();
    }
    // A photo credit inside the sentence ends a caption that runs into the
    // prose: "Brody Allen is celebrating Christmas early (Photo: provided by
    // the family) Colerain police arrested two teens ...".
    let rest = &sentence[start..];
    if let Some(end) = last_inner_credit(rest) {
        let after = rest[end..].trim_start_matches(is_separator).trim_start();
        if after.split_whitespace().count() >= MIN_REST_WORDS + 2 {
            start = sentence.len() - after.len();
        }
    }
    start
}

/// True for a photo caption: a wire photo's ("FILE - In this Dec. 17, 2015,
/// file photo, ...", "FILE PHOTO: ...") or a gallery's ("Hide Caption 20 of
/// 23 Photos: ...", "Photos: Notable moments of ...").
pub(crate) fn is_photo_caption(sentence: &str) -> bool {
    ["file -", "file photo -", "file photo:", "hide caption", "photos:", "photo:"]
        .iter()
        .any(|p| strip_phrase(sentence, p).is_some())
}

/// A slideshow widget: "1 of 10 Full Screen Autoplay Close Skip Ad × The
/// moment a lion is shot ... View Photos", through "View Photos" when it
/// comes within [`GALLERY_WORDS`] words of a counter at the start.
fn gallery_widget(s: &str) -> Option<usize> {
    let mut words = s.split(' ');
    let number =
        |w: Option<&str>| w.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    if !(number(words.next()) && words.next() == Some("of") && number(words.next())) {
        return None;
    }
    let head_len: usize = s.split(' ').take(GALLERY_WORDS).map(|w| w.len() + 1).sum();
    let head = s.get(..head_len.min(s.len()))?.to_ascii_lowercase();
    head.find("view photos").map(|i| i + "view photos".len())
}

/// How far into a sentence a slideshow widget's "View Photos" is looked for.
const GALLERY_WORDS: usize = 40;

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '_' | ':' | '|' | ' ')
}

/// `s` after `phrase` (ASCII case-insensitive), when `s` starts with it and a
/// space or the end follows.
fn strip_phrase<'a>(s: &'a str, phrase: &str) -> Option<&'a str> {
    let n = phrase.len();
    let head = s.as_bytes().get(..n)?;
    if !head.eq_ignore_ascii_case(phrase.as_bytes()) {
        return None;
    }
    let rest = &s[n..];
    (rest.is_empty() || rest.starts_with(' ')).then_some(rest)
}

fn lead_phrase(s: &str) -> Option<usize> {
    LEAD_PHRASES.iter().find_map(|p| strip_phrase(s, p)).map(|rest| s.len() - rest.len())
}

/// "Image copyright Getty Images Image caption": through "image caption"
/// when it follows within a few words, else through the credit words.
fn image_copyright(s: &str) -> Option<usize> {
    let rest = strip_phrase(s, "image copyright")?;
    let mut end = s.len() - rest.len();
    let mut words = 0;
    let mut tail = rest.trim_start();
    while words < 6 {
        if let Some(after) = strip_phrase(tail, "image caption") {
            return Some(s.len() - after.len());
        }
        let word = tail.split(' ').next().unwrap_or("");
        let known = !word.is_empty()
            && word.split(['/', '-']).all(|w| CREDITS.iter().any(|c| w.eq_ignore_ascii_case(c)));
        if !known {
            break;
        }
        tail = tail[word.len()..].trim_start();
        end = s.len() - tail.len();
        words += 1;
    }
    Some(end)
}

/// "Advertisement" glued to the next sentence ("Advertisement During the
/// call, ..."), capitalized as a page's label is.
fn advertisement(s: &str) -> Option<usize> {
    ["Advertisement", "ADVERTISEMENT"]
        .iter()
        .find_map(|w| s.strip_prefix(w).filter(|r| r.starts_with(' ')))
        .map(|rest| s.len() - rest.len())
}

/// A photo credit or agency in parentheses at the start ("(Photo: Mark
/// Humphrey, AP)", "(AP Photo/Manuel Balce Ceneta)", "(Associated Press)",
/// "(CNN) --"), or a dateline that ends in an agency ("WASHINGTON (AP) —",
/// "Seoul, South Korea (CNN)", "LIMA, Dec 1 (Reuters) -").
fn credit_or_dateline(s: &str) -> Option<usize> {
    let open = s.find('(')?;
    let place = &s[..open];
    let place_words = place.split_whitespace().count();
    if place_words > DATELINE_WORDS || place.contains(['"', ')', ';', '?', '!']) {
        return None;
    }
    let close = open + s[open..].get(..CREDIT_BYTES.min(s.len() - open))?.find(')')?;
    let inner = s[open + 1..close].trim();
    let credit = place_words == 0 && is_photo_credit(inner);
    (credit || is_agency(inner)).then_some(close + 1)
}

/// "photo: ...", "ap photo/...", "photos: ...".
fn is_photo_credit(inner: &str) -> bool {
    let lower = inner.to_ascii_lowercase();
    lower.starts_with("photo:")
        || lower.starts_with("photos:")
        || lower.starts_with("ap photo")
        || lower.contains("photo/")
}

/// "AP", "Reuters", "cbsla.com/AP", "Associated Press": one to four words,
/// one of them a news agency, none longer than a name.
fn is_agency(inner: &str) -> bool {
    let words: Vec<&str> =
        inner.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| AGENCIES.iter().any(|a| w.eq_ignore_ascii_case(a)))
        && !words.iter().any(|w| w.len() > 20)
}

/// The end of the last "(Photo: ...)" credit inside `s`, after its first word.
fn last_inner_credit(s: &str) -> Option<usize> {
    let mut end = None;
    let mut from = 0;
    while let Some(i) = s[from..].find('(') {
        let open = from + i;
        let Some(close) = s[open..].find(')').map(|c| open + c) else { break };
        if open > 0 && close - open <= CREDIT_BYTES && is_photo_credit(s[open + 1..close].trim()) {
            end = Some(close + 1);
        }
        from = close + 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cuts_fall_on_character_boundaries(
            text in any::<String>(),
            glued in "(Image copyright [A-Za-z/]{0,12} (Image caption )?|Story highlights |\\(CNN\\) -- |[A-Z]{2,9} \\(AP\\) - |1 of [0-9] [a-z \u{d7}]{0,30}View Photos |\\(Photo: [a-z, ]{0,20}\\) ){0,3}[a-z\u{e9}\u{d7} ()]{0,40}",
        ) {
            for s in [text.as_str(), glued.as_str()] {
                let k = prose_start(s);
                prop_assert!(s.is_char_boundary(k));
                let _ = is_photo_caption(s);
                if k > 0 {
                    prop_assert!(s[k..].split_whitespace().count() >= MIN_REST_WORDS);
                }
            }
        }
    }

    fn prose(s: &str) -> &str {
        &s[prose_start(s)..]
    }

    #[test]
    fn cuts_video_and_picture_blocks() {
        assert_eq!(
            prose("Media playback is unsupported on your device Media caption The launch of the satellite went well."),
            "The launch of the satellite went well."
        );
        assert_eq!(
            prose("Image copyright Getty Images Image caption Pastor Brunson was moved to house arrest last month."),
            "Pastor Brunson was moved to house arrest last month."
        );
        assert_eq!(
            prose("Image copyright Reuters Many trains from the north were delayed by the snow."),
            "Many trains from the north were delayed by the snow."
        );
        assert_eq!(
            prose("Story highlights Paul Ryan needs 218 votes to remain speaker."),
            "Paul Ryan needs 218 votes to remain speaker."
        );
    }

    #[test]
    fn cuts_agency_datelines_and_credits() {
        assert_eq!(
            prose("WASHINGTON (AP) - House lawmakers have issued a subpoena."),
            "House lawmakers have issued a subpoena."
        );
        assert_eq!(
            prose("washington ( ap ) - house lawmakers have issued a subpoena."),
            "house lawmakers have issued a subpoena."
        );
        assert_eq!(
            prose("(CNN) -- Former NBC anchor Tom Brokaw is being treated for cancer."),
            "Former NBC anchor Tom Brokaw is being treated for cancer."
        );
        assert_eq!(
            prose("LIMA, Dec 1 (Reuters) - Peru suspended its top investigator on Tuesday."),
            "Peru suspended its top investigator on Tuesday."
        );
        assert_eq!(
            prose("(AP Photo/Manuel Balce Ceneta) (Associated Press) WASHINGTON (AP) - The Senate is poised to vote."),
            "The Senate is poised to vote."
        );
        assert_eq!(
            prose("(Photo: Mark Humphrey, AP) Rio police say a man was shot dead."),
            "Rio police say a man was shot dead."
        );
        assert_eq!(
            prose("Brody Allen is celebrating Christmas early (Photo: provided by the family) Colerain police arrested two teens Wednesday night."),
            "Colerain police arrested two teens Wednesday night."
        );
    }

    #[test]
    fn leaves_prose_alone() {
        for s in [
            "The senator (D-NY) said the vote would come on Friday.",
            "Officials in Washington said on Tuesday that talks would resume.",
            "He told reporters (and later the AP confirmed it) that nothing had changed since Monday.",
            "Media caption",
            "(CNN) Hi.",
            "Story highlights are below.",
        ] {
            assert_eq!(prose_start(s), 0, "{s}");
        }
    }

    #[test]
    fn any_text_is_safe() {
        for s in [
            "\u{a9} news group (photo: x) limited",
            "\u{d7} (\u{d7}) \u{e9}",
            "(",
            ")",
            "",
            "( photo:",
        ] {
            let k = prose_start(s);
            assert!(s.is_char_boundary(k), "{s}");
        }
        assert_eq!(
            prose("\u{d7} caption here (Photo: AP) The mayor resigned on Monday night."),
            "The mayor resigned on Monday night."
        );
    }

    #[test]
    fn cuts_slideshow_widgets() {
        assert_eq!(
            prose("1 of 10 Full Screen Autoplay Close Skip Ad \u{d7} The moment a lion is shot View Photos Wildlife officials shot the escaped lion."),
            "Wildlife officials shot the escaped lion."
        );
        assert_eq!(prose_start("1 of 10 people said they would vote for him again."), 0);
    }

    #[test]
    fn photo_captions() {
        assert!(is_photo_caption("Hide Caption 20 of 23 Photos: The rise and fall of O.J. Simpson The hotel room is displayed."));
        assert!(is_photo_caption(
            "Photos: Notable moments of the station The crew took this picture."
        ));
        assert!(!is_photo_caption("Photographs of the scene were released."));
        assert!(is_photo_caption(
            "FILE - In this Dec. 17, 2015, file photo, Martin Shkreli leaves court."
        ));
        assert!(is_photo_caption("File - in this july 30, 2013 file photo, visitors walk past."));
        assert!(!is_photo_caption("Filed under news."));
        assert!(!is_photo_caption("Files were released on Monday."));
    }
}
