//! Abbreviations and sentence-starter words for news English.
//!
//! A period after an abbreviation usually does not end a sentence, but some
//! abbreviations (`Inc.`, `U.S.`, `p.m.`) often do, and then only the next word
//! can tell. The lists here sort abbreviations by how the splitter should
//! treat them ([`Abbrev`]). They also hold the function words that signal a
//! new sentence after such an ambiguous period ([`is_starter`]).
//!
//! Lists are `match` arms over a lowercased copy of the word, which the
//! compiler turns into length-then-bytes comparisons. That is faster than a
//! hash set and needs no lazy statics.

/// The longest word, in bytes, that is ever looked up as an abbreviation.
pub(super) const MAX_ABBREV_LEN: usize = 16;

/// What a period after an abbreviation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Abbrev {
    /// A title before a name (`Mr.`, `Gen.`, `Sen.`): never ends a sentence.
    Title,
    /// Never ends a sentence (`vs.`, `e.g.`, `v.` in case names).
    Never,
    /// Goes before a number (`No. 1`, `Vol. 3`, `p. 12`). Before anything else,
    /// the word is read as an ordinary word (`No.` is also the word "no").
    Numeric,
    /// A month (`Sept. 30`): no break before a number; otherwise only a
    /// sentence-starter word breaks.
    Month,
    /// Often ends a sentence (`Inc.`, `Jr.`, `Calif.`, `U.S.`, `p.m.`): break
    /// only when the next word is a sentence-starter.
    Starter,
    /// A single-letter initial (`John F. Kennedy`): like [`Abbrev::Starter`],
    /// but `A` and `I` after it are read as more initials, not starters.
    Initial,
    /// Ends a sentence as often as not (`etc.`): break before any capital.
    EndCapable,
}

/// Classifies `word`, the ASCII letters, digits and inner periods just before
/// a period (`"U.S"`, `"Calif"`, `"a.m"`), or returns `None` for an ordinary
/// word.
///
/// Entries that are also common lowercase words (`Ill.`, `Miss.`, `Wash.`)
/// count only when capitalized or, for states, right after a comma
/// (`Springfield, ill.` in lowercased text): pass `after_comma`.
pub(super) fn classify(word: &str, after_comma: bool) -> Option<Abbrev> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_ABBREV_LEN {
        return None;
    }
    let capitalized = bytes[0].is_ascii_uppercase();
    let mut buf = [0u8; MAX_ABBREV_LEN];
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    // The input is ASCII, so this cannot fail; an empty string never matches.
    let lower = std::str::from_utf8(lower).unwrap_or("");

    use Abbrev::*;
    // `true` in the second slot: the entry needs a capital first letter.
    let (class, needs_capital) = match lower {
        "mr" | "mrs" | "ms" | "messrs" | "mmes" | "mme" | "mlle" | "prof" | "gen" | "gens"
        | "lt" | "col" | "maj" | "capt" | "cmdr" | "cmdt" | "adm" | "sgt" | "cpl" | "pvt"
        | "spc" | "ens" | "sen" | "sens" | "rep" | "reps" | "gov" | "govs" | "rev" | "hon"
        | "pres" | "supt" | "insp" | "atty" | "amb" | "msgr" | "brig" | "lieut" | "asst"
        | "ald" => (Title, false),
        // Fort, Mount, Right (Rev.), Father, Detective. Lowercase `ft.` and
        // `mt.` are feet or a lowercased `Ft. Hood`: either may end a sentence.
        "ft" | "mt" if !capitalized => (Starter, false),
        "ft" | "mt" | "rt" | "fr" | "det" => (Title, true),
        "vs" | "e.g" | "i.e" | "cf" | "viz" | "a.k.a" => (Never, false),
        "no" | "nos" | "vol" | "vols" | "art" | "fig" | "figs" | "ch" | "sec" | "para" | "nr"
        | "ext" | "tel" | "approx" | "ca" | "est" | "op" => (Numeric, false),
        // Page numbers only in lowercase: `P.` is an initial.
        "p" | "pp" if !capitalized => (Numeric, false),
        "jan" | "feb" | "apr" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" => (Month, false),
        "mar" | "jun" | "jul" => (Month, true),
        "inc" | "corp" | "co" | "cos" | "ltd" | "llc" | "plc" | "bros" | "assn" | "assoc"
        | "dept" | "univ" | "intl" | "natl" | "govt" | "mfg" | "ave" | "blvd" | "hwy" | "jr"
        | "sr" | "esq" | "st" | "dr" | "ste" | "pct" | "mon" | "tue" | "tues" | "wed" | "thu"
        | "thur" | "thurs" | "fri" => (Starter, false),
        "rd" | "sat" | "sun" => (Starter, true),
        // U.S. states in AP style. Two-letter postal codes have no period.
        "ariz" | "calif" | "colo" | "conn" | "fla" | "kans" | "ky" | "mich" | "minn" | "neb"
        | "nebr" | "nev" | "okla" | "oreg" | "penn" | "tenn" | "tex" | "vt" | "wis" | "wisc"
        | "wyo" | "alta" | "ont" | "que" => (Starter, false),
        "ala" | "ark" | "del" | "ga" | "ill" | "ind" | "kan" | "la" | "md" | "mass" | "miss"
        | "mo" | "mont" | "ore" | "pa" | "va" | "wash" | "me" => (Starter, !after_comma),
        "etc" | "al" => (EndCapable, false),
        _ => return fallback(bytes, capitalized),
    };
    (!needs_capital || capitalized).then_some(class)
}

/// Words in no list: single letters are initials and dotted acronyms
/// (`U.S`, `N.Y`, `Ph.D`, `a.m`) often end sentences.
fn fallback(bytes: &[u8], capitalized: bool) -> Option<Abbrev> {
    if bytes.len() == 1 && bytes[0].is_ascii_alphabetic() {
        // Lowercase `v.` is "versus" in case names (`Roe v. Wade`).
        return Some(if bytes[0] == b'v' && !capitalized {
            Abbrev::Never
        } else {
            Abbrev::Initial
        });
    }
    is_dotted_acronym(bytes).then_some(Abbrev::Starter)
}

/// True for letters in groups of one to three joined by single periods, with
/// at least one period: `U.S`, `a.m`, `Ph.D`. A web address like
/// `example.com` has a longer group and is not an acronym.
fn is_dotted_acronym(bytes: &[u8]) -> bool {
    let mut groups = 0;
    for group in bytes.split(|&b| b == b'.') {
        if group.is_empty() || group.len() > 3 || !group.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// How strongly a starter word must signal a new sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Starters {
    /// Pronouns, determiners and a few adverbs, which almost never follow an
    /// abbreviation inside a sentence, even in text whose every post-period
    /// word was capitalized by a preprocessor (`u.s. Officials` is mid-sentence
    /// in Multi-News, `u.s. It` is not).
    Strong,
    /// Strong ones plus prepositions, conjunctions and common subject nouns.
    /// These are only reliable when a capital letter means something:
    /// `at 5 p.m. On Sunday` starts a new sentence in properly cased text.
    Weak,
}

/// True when `word` (ASCII letters, any case) is a sentence-starter of the
/// given strength.
pub(super) fn is_starter(word: &str, starters: Starters) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 12 {
        return false;
    }
    let mut buf = [0u8; 12];
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).unwrap_or("");
    let strong = matches!(
        lower,
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "but"
            | "however"
            | "yet"
            | "so"
            | "still"
            | "meanwhile"
            | "what"
            | "who"
            | "why"
            | "how"
            | "where"
            | "some"
            | "many"
            | "most"
            | "both"
            | "each"
            | "every"
            | "according"
            | "mr"
            | "mrs"
            | "ms"
    );
    strong
        || starters == Starters::Weak
            && matches!(
                lower,
                "and"
                    | "or"
                    | "nor"
                    | "for"
                    | "as"
                    | "at"
                    | "in"
                    | "on"
                    | "to"
                    | "from"
                    | "by"
                    | "with"
                    | "without"
                    | "after"
                    | "before"
                    | "since"
                    | "during"
                    | "despite"
                    | "under"
                    | "over"
                    | "about"
                    | "among"
                    | "against"
                    | "until"
                    | "unless"
                    | "because"
                    | "although"
                    | "though"
                    | "once"
                    | "also"
                    | "even"
                    | "only"
                    | "then"
                    | "thus"
                    | "instead"
                    | "when"
                    | "while"
                    | "if"
                    | "no"
                    | "one"
                    | "now"
                    | "today"
                    | "yesterday"
                    | "earlier"
                    | "later"
                    | "last"
                    | "officials"
                    | "police"
                    | "authorities"
                    | "investigators"
                    | "analysts"
                    | "critics"
                    | "experts"
                    | "residents"
                    | "witnesses"
            )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_(word: &str) -> Option<Abbrev> {
        classify(word, false)
    }

    #[test]
    fn classes() {
        assert_eq!(classify_("Mr"), Some(Abbrev::Title));
        assert_eq!(classify_("mr"), Some(Abbrev::Title));
        assert_eq!(classify_("U.S"), Some(Abbrev::Starter));
        assert_eq!(classify_("p.m"), Some(Abbrev::Starter));
        assert_eq!(classify_("Ill"), Some(Abbrev::Starter));
        assert_eq!(classify_("ill"), None);
        assert_eq!(classify_("me"), None);
        assert_eq!(classify("ga", true), Some(Abbrev::Starter));
        assert_eq!(classify_("ft"), Some(Abbrev::Starter));
        assert_eq!(classify_("Ft"), Some(Abbrev::Title));
        assert_eq!(classify_("F"), Some(Abbrev::Initial));
        assert_eq!(classify_("v"), Some(Abbrev::Never));
        assert_eq!(classify_("p"), Some(Abbrev::Numeric));
        assert_eq!(classify_("P"), Some(Abbrev::Initial));
        assert_eq!(classify_("example.com"), None);
        assert_eq!(classify_("3.5"), None);
        assert_eq!(classify_("said"), None);
    }

    #[test]
    fn starters() {
        assert!(is_starter("The", Starters::Strong));
        assert!(is_starter("On", Starters::Weak));
        assert!(!is_starter("On", Starters::Strong));
        assert!(!is_starter("Sunday", Starters::Weak));
    }
}
