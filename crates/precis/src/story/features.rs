//! An article as weighted terms: stems of content words, with names and the
//! lead (title, dateline, first sentences) counting more.

use crate::represent::is_stopword;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Most word forms the stem cache holds before it starts afresh, which
/// bounds its memory however long the stream.
const CACHE_CAPACITY: usize = 200_000;

/// How much each occurrence of a word counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Boosts {
    /// A capitalized word inside a sentence (a name).
    pub name: f32,
    /// A word of the title or of the first `lead_words` words.
    pub lead: f32,
    /// How many words of the text count as its lead.
    pub lead_words: usize,
}

/// Turns texts into term counts, remembering the stem of each word form.
#[derive(Default)]
pub(crate) struct Featurizer {
    /// Hash of a lowercase word form → hash of its stem, or `None` for
    /// stopwords (64-bit hashes: a collision among the forms of a stream is
    /// vanishingly unlikely, and would only merge two terms).
    stems: FxHashMap<u64, Option<u64>>,
    lower: String,
    stem: String,
    /// (term, weight) of each occurrence, before merging.
    occurrences: Vec<(u64, f32)>,
}

impl Featurizer {
    /// Boosted term counts of an article, sorted by term.
    pub fn counts(&mut self, title: Option<&str>, text: &str, boosts: &Boosts) -> Vec<(u64, f32)> {
        self.occurrences.clear();
        if let Some(title) = title {
            self.scan(title, boosts, usize::MAX);
        }
        self.scan(text, boosts, boosts.lead_words);
        let occ = &mut self.occurrences;
        occ.sort_unstable_by_key(|&(t, _)| t);
        let mut out: Vec<(u64, f32)> = Vec::with_capacity(occ.len() / 2);
        for &(t, w) in occ.iter() {
            match out.last_mut() {
                Some((last, sum)) if *last == t => *sum += w,
                _ => out.push((t, w)),
            }
        }
        out
    }

    /// Adds the occurrences of `text`'s content words; the first `lead`
    /// words count as lead.
    fn scan(&mut self, text: &str, boosts: &Boosts, lead: usize) {
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut n_words = 0usize;
        // True at the start of a sentence (or of the text).
        let mut initial = true;
        while i < bytes.len() {
            let b = bytes[i];
            let alnum = b.is_ascii_alphanumeric()
                || (!b.is_ascii() && text[i..].chars().next().is_some_and(char::is_alphanumeric));
            if !alnum {
                if matches!(b, b'.' | b'!' | b'?' | b':' | b';' | b'\n') {
                    initial = true;
                }
                i += if b.is_ascii() {
                    1
                } else {
                    text[i..].chars().next().map_or(1, char::len_utf8)
                };
                continue;
            }
            let start = i;
            while i < bytes.len() {
                let c = bytes[i];
                if c.is_ascii_alphanumeric() {
                    i += 1;
                } else if !c.is_ascii() {
                    match text[i..].chars().next() {
                        Some(ch) if ch.is_alphanumeric() => i += ch.len_utf8(),
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let word = &text[start..i];
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            let name = capital && !initial;
            initial = false;
            n_words += 1;
            if word.bytes().all(|c| c.is_ascii_digit()) || word.len() < 2 {
                continue;
            }
            let Some(term) = self.term(word) else { continue };
            let mut w = 1.0;
            if name {
                w *= boosts.name;
            }
            if n_words <= lead {
                w *= boosts.lead;
            }
            self.occurrences.push((term, w));
        }
    }

    /// The stem hash of a word, or `None` for a stopword.
    fn term(&mut self, word: &str) -> Option<u64> {
        self.lower.clear();
        self.lower.push_str(word);
        if word.is_ascii() {
            self.lower.make_ascii_lowercase();
        } else {
            self.lower = word.to_lowercase();
        }
        let key = xxh3_64(self.lower.as_bytes());
        if let Some(&t) = self.stems.get(&key) {
            return t;
        }
        let t = if is_stopword(&self.lower) {
            None
        } else {
            crate::stem::stem_into(&self.lower, &mut self.stem);
            Some(xxh3_64(self.stem.as_bytes()))
        };
        if self.stems.len() >= CACHE_CAPACITY {
            self.stems.clear();
        }
        self.stems.insert(key, t);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights(title: Option<&str>, text: &str, boosts: Boosts) -> Vec<(String, f32)> {
        let mut f = Featurizer::default();
        let counts = f.counts(title, text, &boosts);
        let mut named: Vec<(String, f32)> = ["kerry", "talk", "moscow", "syria", "lavrov"]
            .iter()
            .filter_map(|w| {
                let h = xxh3_64(crate::stem::stem(w).as_bytes());
                counts.iter().find(|(t, _)| *t == h).map(|&(_, c)| ((*w).to_owned(), c))
            })
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        named
    }

    #[test]
    fn names_and_lead_count_more() {
        let plain = Boosts { name: 1.0, lead: 1.0, lead_words: 0 };
        let text = "Talks began. Kerry talked with the talks team in Moscow, 2015.";
        assert_eq!(
            weights(None, text, plain),
            [("kerry".into(), 1.0), ("moscow".into(), 1.0), ("talk".into(), 3.0)]
        );
        let names = Boosts { name: 2.0, ..plain };
        // "Talks" and "Kerry" open sentences: not names. "Moscow" is one.
        assert_eq!(
            weights(None, text, names),
            [("kerry".into(), 1.0), ("moscow".into(), 2.0), ("talk".into(), 3.0)]
        );
        let lead = Boosts { name: 1.0, lead: 3.0, lead_words: 2 };
        assert_eq!(
            weights(Some("Syria"), text, lead),
            [
                ("kerry".into(), 1.0),
                ("moscow".into(), 1.0),
                ("syria".into(), 3.0),
                ("talk".into(), 5.0)
            ]
        );
    }

    #[test]
    fn stopwords_numbers_and_single_letters_are_left_out() {
        let mut f = Featurizer::default();
        assert!(f
            .counts(None, "The 42 a of and 1998 x", &Boosts { name: 1.0, lead: 1.0, lead_words: 0 })
            .is_empty());
    }
}
