//! Word tokens, stopwords and Porter stems.
//!
//! Tokens are maximal runs of alphanumeric characters, lowercased; an
//! apostrophe inside a word ends it (`Kerry's` gives `kerry`, `s`), as ROUGE
//! tokenizes. Stems come from NLTK's Porter stemmer ([`crate::stem`]),
//! cached per word form in each cluster's [`Lexicon`] and, across clusters,
//! per thread.

use crate::words::{is_cjk_punctuation, is_ideographic};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::sync::Arc;

/// English function words ignored when weighting content.
const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

/// Returns true when `word` (lowercase) is a stopword.
pub fn is_stopword(word: &str) -> bool {
    word.len() <= LONGEST_STOPWORD && stopword_set().binary_search(&word).is_ok()
}

/// Length in bytes of the longest stopword, so longer words skip the search.
const LONGEST_STOPWORD: usize = 16;

fn stopword_set() -> &'static [&'static str] {
    use std::sync::OnceLock;
    static SET: OnceLock<Vec<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut v: Vec<&str> = STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// Calls `f` with each lowercase word token of `text`.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    for_each_token(text, &mut String::new(), |_, w| f(w));
}

/// Calls `f` with the index of the word each lowercase token lies in and
/// the token, as `for_each_word` on each word of `text.split_whitespace()`
/// would, but in one pass and with `buf` as the (reused) token buffer.
/// Words are counted as budgets count them ([`crate::words`]): each Han or
/// kana character is a token and a word of its own, and CJK punctuation
/// separates words.
pub(crate) fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(u32, &str)) {
    buf.clear();
    let mut word = 0;
    // Whether the current whitespace-separated word has begun.
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if buf.is_empty() && b.is_ascii_alphanumeric() {
            // A token starting in ASCII, as most do: find its ASCII part.
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| i + n);
            let ascii = &text[i..end];
            in_word = true;
            i = end;
            if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
                // It may go on in other letters: collect it in `buf`.
                buf.push_str(ascii);
                buf.make_ascii_lowercase();
            } else if ascii.bytes().any(|b| b.is_ascii_uppercase()) {
                buf.push_str(ascii);
                buf.make_ascii_lowercase();
                f(word, buf);
                buf.clear();
            } else {
                // Already lowercase: no copy.
                f(word, ascii);
            }
            continue;
        }
        // ASCII is most of news text: test bytes, and decode only the rest.
        let (c, width) = if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                buf.push(char::from(b.to_ascii_lowercase()));
                in_word = true;
                i += 1;
                continue;
            }
            (char::from(b), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        };
        i += width;
        if is_ideographic(c) {
            // Chinese and Japanese: each character is a token and a word of
            // its own (see `crate::words`), so concepts (bigrams of
            // tokens) are character bigrams.
            if !buf.is_empty() {
                f(word, buf);
                buf.clear();
            }
            word += u32::from(in_word);
            buf.push(c);
            f(word, buf);
            buf.clear();
            word += 1;
            in_word = false;
            continue;
        }
        if c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
            in_word = true;
            continue;
        }
        if !buf.is_empty() {
            f(word, buf);
            buf.clear();
        }
        if c.is_whitespace() || is_cjk_punctuation(c) {
            word += u32::from(in_word);
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if !buf.is_empty() {
        f(word, buf);
        buf.clear();
    }
}

/// The lowercase word tokens of `text`.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_owned()));
    out
}

/// Most word forms a thread's stem cache holds before it starts afresh,
/// which bounds its memory (about 10 MB) however many clusters go by.
const STEM_CACHE_CAPACITY: usize = 100_000;

/// The stems of the word forms a thread has seen, with a scratch buffer
/// for the stemmer.
///
/// News repeats its vocabulary from one cluster to the next, so a cache
/// that outlives a cluster saves stemming each form again and, since forms
/// and stems are shared (`Arc`) with the [`Lexicon`]s built from them,
/// copying their text: a hit costs one hash lookup. The stem of a word
/// never depends on what is cached, so neither does output.
struct StemCache {
    /// Where [`crate::stem::stem_into`] writes.
    buf: String,
    /// Each word form seen, with its stem and whether it is a stopword.
    stems: FxHashMap<Arc<str>, Stemmed>,
}

/// What the cache knows of a word form.
#[derive(Clone)]
struct Stemmed {
    stem: Arc<str>,
    stop: bool,
}

thread_local! {
    static STEM_CACHE: RefCell<StemCache> = RefCell::new(StemCache {
        buf: String::new(),
        stems: FxHashMap::default(),
    });
}

/// A lowercase word form (as shared text) with its Porter stem (NLTK mode):
/// words of one or two letters and words with characters other than ASCII
/// letters stay as they are.
fn stem(word: &str) -> (Arc<str>, Stemmed) {
    STEM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((form, stemmed)) = cache.stems.get_key_value(word) {
            return (form.clone(), stemmed.clone());
        }
        let form: Arc<str> = word.into();
        let stem = if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            form.clone()
        } else {
            crate::stem::stem_into(word, &mut cache.buf);
            cache.buf.as_str().into()
        };
        let stemmed = Stemmed { stem, stop: is_stopword(word) };
        if cache.stems.len() >= STEM_CACHE_CAPACITY {
            cache.stems.clear();
        }
        cache.stems.insert(form.clone(), stemmed.clone());
        (form, stemmed)
    })
}

/// Interns stems and remembers the stem of every word form seen.
#[derive(Default)]
pub struct Lexicon {
    forms: FxHashMap<Arc<str>, u32>,
    stems: FxHashMap<Arc<str>, u32>,
    /// Stem text for each term id.
    terms: Vec<Arc<str>>,
    /// Whether each term id is a stopword (decided on the first surface form).
    stop: Vec<bool>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("terms", &self.terms.len()).finish()
    }
}

impl Lexicon {
    /// An empty lexicon with room for about `forms` word forms.
    pub fn with_capacity(forms: usize) -> Lexicon {
        Lexicon {
            forms: FxHashMap::with_capacity_and_hasher(forms, Default::default()),
            stems: FxHashMap::with_capacity_and_hasher(forms, Default::default()),
            terms: Vec::with_capacity(forms),
            stop: Vec::with_capacity(forms),
        }
    }

    /// The term id of a lowercase word form, stemming it on first sight.
    pub fn term(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.forms.get(word) {
            return id;
        }
        let (form, Stemmed { stem, stop }) = stem(word);
        let id = match self.stems.entry(stem) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                let id = crate::num::id_u32(self.terms.len());
                self.terms.push(e.key().clone());
                self.stop.push(stop);
                *e.insert(id)
            }
        };
        self.forms.insert(form, id);
        id
    }

    /// The term id of a lowercase word form if the cluster has its stem,
    /// without adding anything: how text from outside the cluster (a
    /// query) is looked up.
    pub fn find(&self, word: &str) -> Option<u32> {
        if let Some(&id) = self.forms.get(word) {
            return Some(id);
        }
        let (_, Stemmed { stem, .. }) = stem(word);
        self.stems.get(&stem).copied()
    }

    /// The term id of a stem (as [`Lexicon::stem`] gives it, perhaps from
    /// another lexicon), if this lexicon has it.
    pub fn find_stem(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when no term was seen.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The stem text of a term.
    pub fn stem(&self, term: u32) -> &str {
        &self.terms[term as usize]
    }

    /// Whether a term is a stopword.
    pub fn is_stop(&self, term: u32) -> bool {
        self.stop[term as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_stopword_is_longer_than_the_bound() {
        assert!(stopword_set().iter().all(|w| w.len() <= LONGEST_STOPWORD));
    }

    #[test]
    fn tokens_know_their_whitespace_word() {
        let mut got = Vec::new();
        for_each_token("  U.S.-led talks\u{a0}X\t's ", &mut String::new(), |w, t| {
            got.push((w, t.to_owned()))
        });
        let expect = [(0, "u"), (0, "s"), (0, "led"), (1, "talks"), (2, "x"), (3, "s")];
        assert_eq!(got, expect.map(|(w, t)| (w, t.to_owned())));
    }

    #[test]
    fn tokenizes_and_stems() {
        assert_eq!(
            words("Kerry's U.S.-led talks, 3.5%!"),
            ["kerry", "s", "u", "s", "led", "talks", "3", "5"]
        );
        assert_eq!(
            words("Caf\u{e9} au LAIT, na\u{ef}ve's \u{c9}COLE-2\u{b2}"),
            ["caf\u{e9}", "au", "lait", "na\u{ef}ve", "s", "\u{e9}cole", "2\u{b2}"]
        );
        let mut lex = Lexicon::default();
        let a = lex.term("talks");
        let b = lex.term("talk");
        assert_eq!(a, b);
        assert_eq!(lex.stem(a), "talk");
        let the = lex.term("the");
        assert!(lex.is_stop(the));
        assert!(!lex.is_stop(a));
    }
}
