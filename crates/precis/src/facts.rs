//! Facts: what a sentence states, in units that match across wordings.
//!
//! Two reports of one flood say "about 3,000 people were evacuated" and
//! "three thousand residents were evacuated": as stems (`3`, `000`, `peopl`
//! against `three`, `thousand`, `resid`) they share only `evacu`, and as
//! tf-idf vectors they are far apart. As facts they are the same. Each
//! sentence here becomes a sorted set of *units*:
//!
//! - **numbers**, by value: `3,000`, `3000`, `three thousand` and `3
//!   thousand` are one unit, `$2.5 million` and `2,500,000` another. The
//!   words that wrote the number are no longer units of their own. A year
//!   (four digits from 1900 to 2100, no comma) stays a plain word: it dates
//!   a report rather than counting anything.
//! - **names**: a content stem the cluster writes capitalized inside its
//!   sentences more often than in lowercase (`Marlowe`, `Aske`, `Price`) is
//!   a name wherever it occurs; days and months are not names.
//! - **words**: the other content stems, with the synonyms of
//!   `data/synonyms.txt` folded into one class (`people`, `residents`,
//!   `inhabitants`; `killed`, `died`, `deaths`). Names are never folded.
//!
//! [`Facts::overlap`] counts what two sentences share by kind, one merge of
//! two short sorted lists; [`crate::represent::Analysis::near_duplicate`]
//! and provenance read it.

use crate::represent::{Lexicon, Sentence, Token};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Word classes of `data/synonyms.txt`.
const SYNONYMS: &str = include_str!("../data/synonyms.txt");

/// Unit bit of a number (the rest is its index among the cluster's values).
const NUMBER: u32 = 1 << 31;
/// Unit bit of a name (the rest is its term id).
const NAME: u32 = 1 << 30;
/// Unit bit of a synonym class (the rest is the class's index).
const CLASS: u32 = 1 << 29;
/// Unit bit of a day or month (the rest is its term id).
const DATE: u32 = 1 << 28;

/// Words that attribute a fact rather than state it ("officials said",
/// "told reporters"): not units. (`said` and `says` are stopwords.)
const ATTRIBUTION: [&str; 12] = [
    "official",
    "officials",
    "told",
    "reporters",
    "according",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "statement",
    "added",
    "reported",
    "reportedly",
];

/// Words after a number, read for what it counts ("3,000 people", "3,000
/// of the residents"): the first word unit within this many whitespace
/// words after it.
const COUNTED_WITHIN: u32 = 3;

/// Days and months: capitalized, but dates rather than names of actors.
pub const CALENDAR: [&str; 19] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The fact units of each sentence of a cluster.
#[derive(Debug, Default)]
pub struct Facts {
    units: Vec<Vec<u32>>,
    /// Each sentence's counted numbers: (number unit, the word unit after
    /// it), sorted.
    counted: Vec<Vec<(u32, u32)>>,
}

/// Units of one kind or another: numbers, names and other words.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Numbers, by value.
    pub numbers: u32,
    /// Names (capitalized stems of the cluster).
    pub names: u32,
    /// Other content stems, synonyms folded.
    pub words: u32,
    /// Days and months.
    pub dates: u32,
}

impl Counts {
    fn add(&mut self, unit: u32) {
        if unit & NUMBER != 0 {
            self.numbers += 1;
        } else if unit & NAME != 0 {
            self.names += 1;
        } else if unit & DATE != 0 {
            self.dates += 1;
        } else {
            self.words += 1;
        }
    }

    /// All units.
    pub fn total(&self) -> u32 {
        self.numbers + self.names + self.words + self.dates
    }

    /// Numbers and names count twice: they are what a fact is about.
    pub fn weighted(&self) -> u32 {
        2 * (self.numbers + self.names) + self.words + self.dates
    }
}

/// What two sentences' units have in common.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Overlap {
    /// Units both sentences have.
    pub shared: Counts,
    /// The first sentence's units.
    pub a: Counts,
    /// The second sentence's units.
    pub b: Counts,
    /// Whether both count the same thing with the same number ("3,000
    /// people", "three thousand residents").
    pub same_count: bool,
}

impl Overlap {
    /// The share of the smaller sentence's units the other has, counting
    /// numbers and names twice ([`Counts::weighted`]); 0 when either has
    /// no units.
    pub fn containment(&self) -> f32 {
        let smaller = self.a.weighted().min(self.b.weighted());
        if smaller == 0 {
            0.0
        } else {
            self.shared.weighted() as f32 / smaller as f32
        }
    }

    /// Units of the smaller sentence, unweighted.
    pub fn smaller(&self) -> u32 {
        self.a.total().min(self.b.total())
    }
}

impl Facts {
    /// The units of `sentences`, whose tokens the cluster's `lexicon` made.
    pub fn new(sentences: &[Sentence], tokens: &[Vec<Token>], lexicon: &Lexicon) -> Facts {
        let n_terms = lexicon.len();
        // Capitalized inside a sentence, and in lowercase, per term.
        let mut capital = vec![0u32; n_terms];
        let mut lower = vec![0u32; n_terms];
        let mut numbers: FxHashMap<u64, u32> = FxHashMap::default();
        let mut per_sentence = Vec::with_capacity(sentences.len());
        for (s, toks) in sentences.iter().zip(tokens) {
            let mut found = Numbers::default();
            let mut cursor = toks.iter().peekable();
            for (w, word) in s.norm.split_whitespace().enumerate() {
                let w = crate::num::id_u32(w);
                // The first token of this word, if it has one.
                while cursor.next_if(|t| t.word < w).is_some() {}
                if let Some(t) = cursor.peek().filter(|t| t.word == w) {
                    let k = t.term as usize;
                    match word.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next() {
                        Some(c) if c.is_uppercase() && w > 0 => capital[k] += 1,
                        Some(c) if c.is_lowercase() => lower[k] += 1,
                        _ => {}
                    }
                }
                found.word(w, word);
            }
            found.finish();
            let ids: Vec<u32> = found
                .values
                .iter()
                .map(|&v| {
                    let next = crate::num::id_u32(numbers.len());
                    NUMBER | *numbers.entry(v).or_insert(next)
                })
                .collect();
            per_sentence.push((ids, found.ends, found.consumed));
        }
        let classes = synonym_classes();
        let calendar = sorted_stems(&CALENDAR, &CALENDAR_STEMS);
        let attribution = sorted_stems(&ATTRIBUTION, &ATTRIBUTION_STEMS);
        let unit_of: Vec<u32> = (0..n_terms)
            .map(|k| {
                let term = crate::num::id_u32(k);
                let stem = lexicon.stem(term);
                if lexicon.is_stop(term) {
                    u32::MAX
                } else if calendar.binary_search_by(|s| s.as_str().cmp(stem)).is_ok() {
                    DATE | term
                } else if attribution.binary_search_by(|s| s.as_str().cmp(stem)).is_ok() {
                    u32::MAX
                } else if capital[k] > lower[k] {
                    NAME | term
                } else {
                    match classes.binary_search_by(|(s, _)| s.as_str().cmp(stem)) {
                        Ok(c) => CLASS | classes[c].1,
                        Err(_) => term,
                    }
                }
            })
            .collect();
        let mut units = Vec::with_capacity(per_sentence.len());
        let mut counted = Vec::with_capacity(per_sentence.len());
        for ((ids, ends, consumed), toks) in per_sentence.into_iter().zip(tokens) {
            let word_units = || {
                toks.iter()
                    .filter(|t| consumed.binary_search(&t.word).is_err())
                    .map(|t| (t.word, unit_of[t.term as usize]))
                    .filter(|&(_, u)| u != u32::MAX)
            };
            let mut keys: Vec<(u32, u32)> = ids
                .iter()
                .zip(&ends)
                .filter_map(|(&id, &end)| {
                    word_units()
                        .skip_while(|&(w, _)| w <= end)
                        .take_while(|&(w, _)| w <= end + COUNTED_WITHIN)
                        .find(|&(_, u)| u & (NAME | DATE) == 0)
                        .map(|(_, u)| (id, u))
                })
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let mut own = ids;
            own.extend(word_units().map(|(_, u)| u));
            own.sort_unstable();
            own.dedup();
            units.push(own);
            counted.push(keys);
        }
        Facts { units, counted }
    }

    /// The sorted units of sentence `i`.
    pub fn units(&self, i: usize) -> &[u32] {
        &self.units[i]
    }

    /// The numbers of sentence `i` (as cluster-wide ids; equal ids, equal
    /// values).
    pub fn numbers(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        self.units[i].iter().copied().filter(|u| u & NUMBER != 0)
    }

    /// What sentences `a` and `b` share, by kind.
    pub fn overlap(&self, a: usize, b: usize) -> Overlap {
        let (ua, ub) = (&self.units[a], &self.units[b]);
        let mut out = Overlap::default();
        let (mut i, mut j) = (0, 0);
        while i < ua.len() && j < ub.len() {
            match ua[i].cmp(&ub[j]) {
                std::cmp::Ordering::Less => {
                    out.a.add(ua[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.b.add(ub[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.shared.add(ua[i]);
                    out.a.add(ua[i]);
                    out.b.add(ub[j]);
                    i += 1;
                    j += 1;
                }
            }
        }
        ua[i..].iter().for_each(|&u| out.a.add(u));
        ub[j..].iter().for_each(|&u| out.b.add(u));
        let (ca, cb) = (&self.counted[a], &self.counted[b]);
        out.same_count = out.shared.numbers > 0 && ca.iter().any(|k| cb.binary_search(k).is_ok());
        out
    }
}

/// The stems of the synonym table with their class index, sorted by stem.
fn synonym_classes() -> &'static [(String, u32)] {
    static TABLE: OnceLock<Vec<(String, u32)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::new();
        let lines =
            SYNONYMS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        for (class, line) in lines.enumerate() {
            for word in line.split_whitespace() {
                table.push((crate::stem::stem(word), crate::num::id_u32(class)));
            }
        }
        table.sort_unstable();
        table.dedup_by(|a, b| a.0 == b.0);
        table
    })
}

static CALENDAR_STEMS: OnceLock<Vec<String>> = OnceLock::new();
static ATTRIBUTION_STEMS: OnceLock<Vec<String>> = OnceLock::new();

/// The stems of `words`, sorted, computed once into `cell`.
fn sorted_stems(words: &[&str], cell: &'static OnceLock<Vec<String>>) -> &'static [String] {
    cell.get_or_init(|| {
        let mut v: Vec<String> = words.iter().map(|w| crate::stem::stem(w)).collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// A number word: its value and how it combines.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberWord {
    /// One to ninety-nine.
    Small(u64),
    /// Hundred, thousand, million, billion, trillion.
    Scale(u64),
}

fn number_word(word: &str) -> Option<NumberWord> {
    const SMALL: [(&str, u64); 27] = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    const SCALE: [(&str, u64); 5] = [
        ("hundred", 100),
        ("thousand", 1_000),
        ("million", 1_000_000),
        ("billion", 1_000_000_000),
        ("trillion", 1_000_000_000_000),
    ];
    if word.len() > 9 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut lower = [0u8; 9];
    lower[..word.len()].copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(&lower[..word.len()]).ok()?;
    let small = SMALL.iter().find(|(w, _)| *w == lower).map(|&(_, v)| NumberWord::Small(v));
    small.or_else(|| SCALE.iter().find(|(w, _)| *w == lower).map(|&(_, v)| NumberWord::Scale(v)))
}

/// A number's value as a key: thousandths, so 2.5 and 2.50 are one key.
fn key(value: f64) -> u64 {
    (value * 1000.0).round() as u64
}

/// The numbers of one sentence, read word by word.
#[derive(Debug, Default)]
struct Numbers {
    /// Keys of the values found ([`key`]).
    values: Vec<u64>,
    /// The last whitespace word of each value.
    ends: Vec<u32>,
    /// Whitespace words that wrote them, ascending.
    consumed: Vec<u32>,
    /// A number being read: its value so far (`total` + `current`, as
    /// "two hundred thousand" is read), and its words.
    total: f64,
    current: f64,
    words: Vec<u32>,
    /// Whether the number began with digits (a digit number followed by a
    /// scale word, "3 million").
    open: bool,
    /// Whether it began with a scale word ("thousand", "several thousand").
    scale_first: bool,
}

impl Numbers {
    /// Reads whitespace word `w`, `word`.
    fn word(&mut self, w: u32, word: &str) {
        let started = word.trim_start_matches(['$', '£', '€', '(', '"', '\'']);
        let trimmed = started.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '?', '!']);
        // Punctuation after the number ("3,000," "3%") ends it.
        let ends = started.len() != trimmed.len() || trimmed.ends_with('%');
        let percent = trimmed.ends_with('%');
        let trimmed = trimmed.trim_end_matches('%');
        // Hyphenated number words: "twenty-five".
        if let Some((a, b)) = trimmed.split_once('-') {
            if let (Some(NumberWord::Small(x)), Some(NumberWord::Small(y))) =
                (number_word(a), number_word(b))
            {
                if x >= 20 && y < 10 {
                    self.push_word(w, NumberWord::Small(x + y));
                    return self.end_if(ends);
                }
            }
        }
        if let Some(nw) = number_word(trimmed) {
            self.push_word(w, nw);
            return self.end_if(ends);
        }
        self.finish();
        if let Some(value) = digits(trimmed) {
            let year = trimmed.len() == 4 && (1900.0..=2100.0).contains(&value);
            if year && !percent {
                return;
            }
            self.current = value;
            self.words.push(w);
            self.open = true;
            if ends {
                self.finish();
            }
        }
    }

    fn end_if(&mut self, punctuated: bool) {
        if punctuated {
            self.finish();
        }
    }

    fn push_word(&mut self, w: u32, nw: NumberWord) {
        match nw {
            NumberWord::Small(v) => {
                if self.open {
                    // "3 two" is two numbers.
                    self.finish();
                }
                self.current += v as f64;
            }
            NumberWord::Scale(s) => {
                self.scale_first |= self.words.is_empty();
                let cur = if self.current == 0.0 { 1.0 } else { self.current };
                if s == 100 {
                    self.current = cur * 100.0;
                } else {
                    self.total += cur * s as f64;
                    self.current = 0.0;
                }
            }
        }
        self.words.push(w);
    }

    /// Ends the number being read, if any. "one" alone is not a number (it
    /// is mostly "one of"), nor is a lone scale word ("several thousand").
    fn finish(&mut self) {
        if self.words.is_empty() {
            return;
        }
        let value = self.total + self.current;
        let lone = self.words.len() == 1 && !self.open && (value == 1.0 || self.scale_first);
        if value > 0.0 && !lone {
            self.values.push(key(value));
            self.ends.extend(self.words.last());
            self.consumed.extend_from_slice(&self.words);
        }
        self.words.clear();
        self.total = 0.0;
        self.current = 0.0;
        self.open = false;
        self.scale_first = false;
    }
}

/// The value of a number written in digits: `3000`, `3,000`, `2.5`,
/// `1,234.5`; None for anything else (`3-2`, `2b`, `1,23`).
fn digits(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: String = first.to_owned();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) || first.len() > 3 {
            return None;
        }
        n.push_str(g);
    }
    if n.len() > 15 {
        return None;
    }
    let mut value: f64 = n.parse().ok()?;
    if let Some(f) = frac {
        let f: f64 = format!("0.{f}").parse().ok()?;
        value += f;
    }
    Some(value)
}

#[cfg(test)]
mod tests;
