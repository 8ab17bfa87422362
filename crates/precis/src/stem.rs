//! NLTK's Porter stemmer, stemming in place without allocating.
//!
//! [`stem_into`] (and its owning twin [`stem`]) give what
//! `nltk.stem.porter.PorterStemmer()` gives in its default `NLTK_EXTENSIONS`
//! mode, as ported by the `nltk-porter` crate (`Mode::Nltk`): Porter's 1980
//! algorithm with NLTK's changes to it, namely
//!
//! - the word is lowercased first, and a table of irregular forms is looked
//!   up before anything else (`skies → sky`, `dying → die`, `news → news`,
//!   `innings → inning`, `proceed → proceed`, ...);
//! - words of one or two characters are returned lowercased but unstemmed;
//! - step 1a: `ies` on a four-letter word gives `ie` (`ties → tie`);
//! - step 1b: `ied` gives `ie` on a four-letter word and `i` otherwise
//!   (`died → die`, `spied → spi`);
//! - steps 1b and 5a: the condition `*o` (the stem ends consonant, vowel,
//!   consonant) also holds of a two-letter stem, vowel then consonant;
//! - step 1c: `y → i` only after a consonant that is not the first letter
//!   (`happy → happi`; `enjoy` and `bys → by` keep their `y`);
//! - step 2: `alli → al` is tried first and step 2 runs again on the result;
//!   `bli → ble` replaces the paper's `abli → able`; `fulli → ful`; and
//!   `logi → log` is measured with its `l` (`geology → geolog`).
//!
//! # Why not `nltk-porter`
//!
//! `nltk-porter` works on a `Vec<char>` and allocates for every suffix it
//! tests, which made stemming a fifth of precis's run time: about 40,000
//! instructions a word on the DUC 2003 vocabulary, against about 500 here
//! (callgrind). Here an ASCII word is lowercased into the caller's
//! `String` and every step reads its bytes and truncates or appends in
//! place: no allocation once the buffer has grown to the word's length.
//! A word with any other character goes to `nltk-porter` itself (Unicode
//! lowercasing can change the number of characters, and such words are
//! rare in English news), so the two agree on every input by construction
//! there.
//!
//! # Verification
//!
//! The tests (`stem/tests.rs`) compare every result with `nltk-porter` on
//! 332 hand-written words that take each rule or just miss it, on every
//! word made of one of 69 stems, one of 90 suffixes and one of six endings
//! (37,260 words), on 200,000 pseudo-random English-like strings and on
//! every word of the bundled example cluster. `examples/stem_check.rs` does
//! the same on every distinct word of a JSONL corpus (none differs on DUC
//! 2003 or Multi-News, validation and training), and
//! `scripts/verify-rouge.sh` compares it with Python's NLTK itself on the
//! vocabulary of DUC 2003 and Multi-News validation (through the
//! `rouge_dump` example).
//!
//! Where `nltk-porter` departs from NLTK, this module follows `nltk-porter`:
//! NLTK's step 1b `*d` rule also fires on a word ending in a literal `*d`
//! (NLTK stems `a*ded` to `ad`, `nltk-porter` to `a*d`). precis's tokens are
//! letters and digits only, so the difference cannot reach it.

use std::sync::OnceLock;

use nltk_porter::{Mode, PorterStemmer};

/// The stem of `word`, as NLTK's `PorterStemmer().stem(word)` gives it.
///
/// Allocates the returned `String`; to stem many words, reuse a buffer with
/// [`stem_into`].
///
/// ```
/// assert_eq!(precis::stem::stem("Generously"), "gener");
/// assert_eq!(precis::stem::stem("skies"), "sky");
/// ```
pub fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    stem_into(word, &mut out);
    out
}

/// Writes the stem of `word` into `out`, replacing what `out` held.
///
/// The same result as [`stem`]; an ASCII word is stemmed inside `out`
/// without further allocation.
///
/// ```
/// let mut buf = String::new();
/// precis::stem::stem_into("relational", &mut buf);
/// assert_eq!(buf, "relat");
/// precis::stem::stem_into("agreement", &mut buf);
/// assert_eq!(buf, "agreement");
/// ```
pub fn stem_into(word: &str, out: &mut String) {
    out.clear();
    if !word.is_ascii() {
        out.push_str(&reference().stem(word));
        return;
    }
    out.push_str(word);
    out.make_ascii_lowercase();
    if let Some(form) = irregular(out) {
        out.clear();
        out.push_str(form);
        return;
    }
    if out.len() <= 2 {
        return;
    }
    step1a(out);
    step1b(out);
    step1c(out);
    step2(out);
    step3(out);
    step4(out);
    step5a(out);
    step5b(out);
}

/// The `nltk-porter` stemmer that handles non-ASCII words.
fn reference() -> &'static PorterStemmer {
    static STEMMER: OnceLock<PorterStemmer> = OnceLock::new();
    STEMMER.get_or_init(|| PorterStemmer::new(Mode::Nltk))
}

/// NLTK's table of irregular forms (its `pool`), consulted before any rule.
fn irregular(word: &str) -> Option<&'static str> {
    Some(match word {
        "sky" | "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "news" => "news",
        "innings" | "inning" => "inning",
        "outings" | "outing" => "outing",
        "cannings" | "canning" => "canning",
        "howe" => "howe",
        "proceed" => "proceed",
        "exceed" => "exceed",
        "succeed" => "succeed",
        _ => return None,
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Porter's consonant test for `w[i]`: anything but `a e i o u`, except that
/// a `y` is a consonant only first or after a vowel (so in a run of `y`s
/// they alternate).
fn is_consonant(w: &[u8], i: usize) -> bool {
    if w[i] != b'y' {
        return !is_vowel(w[i]);
    }
    // Counted rather than recursed on, so a long run of `y`s cannot
    // exhaust the stack.
    let run = w[..=i].iter().rev().take_while(|&&b| b == b'y').count();
    let first = i + 1 - run;
    let first_is_consonant = first == 0 || is_vowel(w[first - 1]);
    first_is_consonant == (run % 2 == 1)
}

/// The consonant test of each letter of `w` in order, in one pass (a `y`'s
/// answer follows from its predecessor's).
fn consonants(w: &[u8]) -> impl Iterator<Item = bool> + '_ {
    w.iter().scan(false, |previous_is_consonant, &b| {
        let c = match b {
            b'y' => !*previous_is_consonant,
            b => !is_vowel(b),
        };
        *previous_is_consonant = c;
        Some(c)
    })
}

/// Porter's measure *m*: the number of vowel-to-consonant transitions in `w`
/// (the `m` of `[C](VC)^m[V]`).
fn measure(w: &[u8]) -> usize {
    let mut m = 0;
    let mut previous_is_vowel = false;
    for c in consonants(w) {
        if c && previous_is_vowel {
            m += 1;
        }
        previous_is_vowel = !c;
    }
    m
}

/// Porter's `*v*`: `w` holds a vowel.
fn contains_vowel(w: &[u8]) -> bool {
    consonants(w).any(|c| !c)
}

/// Porter's `*d`: `w` ends in a doubled consonant.
fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Porter's `*o`: `w` ends consonant, vowel, consonant, the last not `w`,
/// `x` or `y`; NLTK adds a whole word of vowel then consonant.
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    if n == 2 {
        return !is_consonant(w, 0) && is_consonant(w, 1);
    }
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

/// Replaces the last `suffix_len` bytes of `word` by `replacement`.
fn replace_suffix(word: &mut String, suffix_len: usize, replacement: &str) {
    word.truncate(word.len() - suffix_len);
    word.push_str(replacement);
}

/// Applies the first rule of `rules` (suffix, replacement) whose suffix ends
/// `word`, if `condition(word, stem)` holds, `stem` being the rest of the
/// word.
///
/// As in NLTK's `_apply_rule_list`, the first matching suffix ends the
/// search whether or not its condition holds: `agreement` fails `ement`'s
/// condition and is not tried with `ment`.
fn apply_first(
    word: &mut String,
    rules: &[(&str, &str)],
    condition: impl Fn(&[u8], &[u8]) -> bool,
) {
    let w = word.as_bytes();
    let Some(&(suffix, replacement)) =
        rules.iter().find(|(suffix, _)| w.ends_with(suffix.as_bytes()))
    else {
        return;
    };
    if condition(w, &w[..w.len() - suffix.len()]) {
        replace_suffix(word, suffix.len(), replacement);
    }
}

/// Plurals: `sses → ss`, `ies → i` (`ie` in a four-letter word), `ss`
/// stays, `s` goes.
fn step1a(word: &mut String) {
    let w = word.as_bytes();
    if w.ends_with(b"ies") && w.len() == 4 {
        replace_suffix(word, 3, "ie");
        return;
    }
    apply_first(word, &[("sses", "ss"), ("ies", "i"), ("ss", "ss"), ("s", "")], |_, _| true);
}

/// Past tenses and gerunds: `ied`, `eed`, then `ed` and `ing` after a
/// vowel, with the stem tidied (`conflat → conflate`, `hopp → hop`,
/// `fil → file`).
fn step1b(word: &mut String) {
    let w = word.as_bytes();
    let n = w.len();
    if w.ends_with(b"ied") {
        replace_suffix(word, 3, if n == 4 { "ie" } else { "i" });
        return;
    }
    if w.ends_with(b"eed") {
        if measure(&w[..n - 3]) > 0 {
            word.truncate(n - 1);
        }
        return;
    }
    let suffix_len = if w.ends_with(b"ed") && contains_vowel(&w[..n - 2]) {
        2
    } else if w.ends_with(b"ing") && contains_vowel(&w[..n - 3]) {
        3
    } else {
        return;
    };
    word.truncate(n - suffix_len);
    let w = word.as_bytes();
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        word.push('e');
    } else if ends_double_consonant(w) {
        if !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
            word.pop();
        }
    } else if measure(w) == 1 && ends_cvc(w) {
        word.push('e');
    }
}

/// `y → i` after a consonant that is not the word's first letter.
fn step1c(word: &mut String) {
    let w = word.as_bytes();
    let n = w.len();
    if n > 2 && w[n - 1] == b'y' && is_consonant(w, n - 2) {
        replace_suffix(word, 1, "i");
    }
}

/// Rules of step 2, in NLTK's order (`fulli` and `logi` are NLTK's).
const STEP2: [(&str, &str); 22] = [
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("fulli", "ful"),
    ("logi", "log"),
];

/// Double suffixes to single ones (`relational → relate`,
/// `generously → generous`).
fn step2(word: &mut String) {
    let w = word.as_bytes();
    let n = w.len();
    // NLTK strips `alli` before the other rules and starts over, so that
    // `...alli` meets `ational` and `tional` once it ends in `al`.
    if w.ends_with(b"alli") && measure(&w[..n - 4]) > 0 {
        replace_suffix(word, 2, "");
        step2(word);
        return;
    }
    // `logi` keeps its `l` in the stem it measures (`geologi`: `geol`); no
    // other rule's suffix ends in `gi`.
    apply_first(word, &STEP2, |w, stem| {
        let measured = if w.ends_with(b"logi") { &w[..stem.len() + 1] } else { stem };
        measure(measured) > 0
    });
}

/// `-icate`, `-ful`, `-ness` and the like (`electrical → electric`), under
/// `m > 0`.
fn step3(word: &mut String) {
    apply_first(
        word,
        &[
            ("icate", "ic"),
            ("ative", ""),
            ("alize", "al"),
            ("iciti", "ic"),
            ("ical", "ic"),
            ("ful", ""),
            ("ness", ""),
        ],
        |_, stem| measure(stem) > 0,
    );
}

/// Rules of step 4, in NLTK's order; all drop the suffix.
const STEP4: [(&str, &str); 19] = [
    ("al", ""),
    ("ance", ""),
    ("ence", ""),
    ("er", ""),
    ("ic", ""),
    ("able", ""),
    ("ible", ""),
    ("ant", ""),
    ("ement", ""),
    ("ment", ""),
    ("ent", ""),
    ("ion", ""),
    ("ou", ""),
    ("ism", ""),
    ("ate", ""),
    ("iti", ""),
    ("ous", ""),
    ("ive", ""),
    ("ize", ""),
];

/// Drops a last suffix under `m > 1` (`ion` only after `s` or `t`; no other
/// rule's suffix ends in `n`).
fn step4(word: &mut String) {
    apply_first(word, &STEP4, |w, stem| {
        measure(stem) > 1 && (!w.ends_with(b"ion") || matches!(stem.last(), Some(b's' | b't')))
    });
}

/// A final `e` goes under `m > 1`, or `m = 1` unless the rest ends `*o`.
fn step5a(word: &mut String) {
    let w = word.as_bytes();
    if let Some(stem) = w.strip_suffix(b"e") {
        let m = measure(stem);
        if m > 1 || (m == 1 && !ends_cvc(stem)) {
            word.pop();
        }
    }
}

/// `ll → l` when the word up to the first `l` has `m > 1`.
fn step5b(word: &mut String) {
    let w = word.as_bytes();
    if w.ends_with(b"ll") && measure(&w[..w.len() - 1]) > 1 {
        word.pop();
    }
}

#[cfg(test)]
mod tests;
