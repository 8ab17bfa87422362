//! Sentence segmentation: one paragraph of normalized text in, sentence spans out.
//!
//! [`split_sentences`] is a single left-to-right pass over the bytes. At each
//! `.`, `!`, `?` or ellipsis it reads the closing quotes and brackets that
//! follow, the word before (is it an abbreviation? see `abbreviations.rs`) and
//! the word after (capitalized? a pronoun or article?), and decides.
//!
//! # Why our own splitter
//!
//! `sentencex`, the best crate we measured on news, depends on `clap`
//! unconditionally (it ships a binary with no feature gate) and needs Rust
//! 1.91, and the core crate must not depend on `clap`. The others split after
//! `Mr.` or `U.S.`, or are slow. A rule-based splitter tuned to news English
//! is also where we want to be: wire style (`Sept. 30`, `Calif.`, `5 p.m.`),
//! the DUC quote style (` ``quoted,'' `, folded by ingest to `''`), and the
//! Multi-News preprocessing need rules no general tool has.
//!
//! # Two casings
//!
//! Most text is properly cased, so a capital after a period is evidence of a
//! new sentence. The Multi-News release is lowercased and then recapitalized
//! after *every* `. `, abbreviations included (`the u.s. Forest service`,
//! `mr. Trump`), but not after `?` or `!`; its quotes are separate tokens
//! (`he said. " the poll`). The splitter detects that casing per paragraph
//! ("restored" casing) and then trusts only strong starters (pronouns,
//! articles) after an abbreviation, and breaks after `?`/`!` before
//! lowercase words.
//!
//! # Chinese and Japanese
//!
//! A full-width `。`, `！` or `？` (with the closing quotes and brackets
//! after it) always ends a sentence, and each Han or kana character counts
//! as a word toward [`MAX_SENTENCE_WORDS`], as budgets count it (see
//! [`crate::words`]); text written without spaces is therefore split into
//! sentences, not cut into byte-limited chunks.
//!
//! # Limits
//!
//! The pass is linear: look-behind and look-ahead are capped at a few bytes,
//! and a run of more than [`MAX_SENTENCE_WORDS`] words or
//! [`MAX_SENTENCE_BYTES`] bytes without a boundary is cut, after its last
//! `;` when there is one, else at a space.

mod abbreviations;
#[cfg(test)]
mod tests;

use crate::words::{is_cjk_punctuation, is_ideographic};
use crate::Span;
use abbreviations::{classify, is_starter, Abbrev, Starters, MAX_ABBREV_LEN};

/// The most words a sentence may have before it is cut at a `;` or space.
pub const MAX_SENTENCE_WORDS: usize = 250;

/// The most bytes a sentence may have before it is cut, for text with few
/// spaces; the cut falls at the last space, or anywhere on a character
/// boundary when there is none.
pub const MAX_SENTENCE_BYTES: usize = 8192;

/// A right double quote mangled by a bad re-encoding (`”` went to the
/// replacement character and a `?`), common in scraped Multi-News text. It is
/// read as a closing quote, not a question mark.
const MANGLED_QUOTE: &str = "\u{FFFD}?";
const MANGLED_QUOTE_HEAD: &str = "\u{FFFD}";

/// Paragraphs with at least this many words and no capitalized word after a
/// letter, digit or comma are taken to be in [`Casing::Restored`].
const RESTORED_MIN_WORDS: usize = 20;

/// Splits one paragraph into sentences.
///
/// Returns byte spans into `text`, in order and non-overlapping, each trimmed
/// of surrounding whitespace, non-empty and on character boundaries. Only
/// whitespace between sentences is left out. Text with no sentence boundary
/// is one span; empty or all-whitespace text gives none.
///
/// The input is expected to be normalized (see
/// [`NormText`](crate::ingest::NormText)): single spaces, ASCII quotes,
/// `...` for ellipses. Any string is accepted, in linear time.
///
/// ```
/// use precis::segment::split_sentences;
///
/// let text = "U.S. Secretary of State John Kerry arrived in Moscow on Tuesday. \
///             Russia launched air strikes on Sept. 30. \
///             \"We are not playing 'Let's Make a Deal' here,\" the official said. \
///             Mr. Kerry met Putin.";
/// let sentences: Vec<&str> =
///     split_sentences(text).into_iter().filter_map(|s| s.slice(text)).collect();
/// assert_eq!(sentences, [
///     "U.S. Secretary of State John Kerry arrived in Moscow on Tuesday.",
///     "Russia launched air strikes on Sept. 30.",
///     "\"We are not playing 'Let's Make a Deal' here,\" the official said.",
///     "Mr. Kerry met Putin.",
/// ]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Span> {
    Splitter::new(text).run()
}

/// How capital letters are distributed in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    /// Ordinary text: a capital after a period means something.
    Normal,
    /// Lowercased text, possibly recapitalized after every period (the
    /// Multi-News release): capitals carry no information.
    Restored,
}

impl Casing {
    /// Restored when the paragraph has letters but no capitals, or has at
    /// least [`RESTORED_MIN_WORDS`] words and none of them is capitalized
    /// mid-sentence (right after a letter, digit or comma). Real prose nearly
    /// always has a name or an "I" somewhere.
    fn detect(text: &str) -> Casing {
        let bytes = text.as_bytes();
        let mut words = 0usize;
        // The last byte of the word before (a full stop before the first).
        let mut prev_sig = b'.';
        for word in bytes.split(|&b| is_space(b)).filter(|w| !w.is_empty()) {
            words += 1;
            let first = match word {
                [b'"' | b'\'' | b'(', next, ..] => *next,
                _ => word[0],
            };
            if first.is_ascii_uppercase() && (prev_sig.is_ascii_alphanumeric() || prev_sig == b',')
            {
                return Casing::Normal;
            }
            prev_sig = word[word.len() - 1];
        }
        // Capitals are looked for only when they decide.
        let has_lower = bytes.iter().any(u8::is_ascii_lowercase);
        if has_lower && (words >= RESTORED_MIN_WORDS || !bytes.iter().any(u8::is_ascii_uppercase)) {
            Casing::Restored
        } else {
            Casing::Normal
        }
    }
}

/// The first character of the token after a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// An uppercase letter.
    Upper,
    /// A lowercase letter.
    Lower,
    /// An ASCII digit.
    Digit,
    /// A letter without case, or a currency or number sign: can start a
    /// sentence.
    Other,
    /// Punctuation that cannot start a sentence (`,`, `;`, `%`, `&`, ...).
    Punct,
}

/// The token after a candidate boundary.
#[derive(Debug, Clone, Copy)]
struct NextToken<'a> {
    /// Its first character's class, after opening quotes and brackets.
    class: Next,
    /// Its leading ASCII letters (at most 12 bytes; empty when longer), for
    /// starter-word lookups.
    word: &'a str,
    /// True when it starts with an opening quote.
    quoted: bool,
}

impl NextToken<'_> {
    /// True when the token is a sentence-starter word of the given strength,
    /// capitalized unless `any_case`.
    fn is_starter(&self, starters: Starters, any_case: bool) -> bool {
        (any_case || self.class == Next::Upper) && is_starter(self.word, starters)
    }
}

/// The run of terminal punctuation at a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// One period, or four or more (an ellipsis followed by a period).
    Period,
    /// Two or three periods, spaced or not, or `…`.
    Ellipsis,
    /// Any run containing `?` or `!`.
    Exclaim,
}

/// What follows the terminal punctuation.
#[derive(Debug, Clone, Copy, Default)]
struct Closers {
    /// A closing quote follows (`." The`, `!'' He`, `. " the`).
    quote: bool,
    /// A closing bracket follows (`.) This`).
    paren: bool,
}

/// A lone closing mark that a boundary may take with it, and the quote state
/// to apply if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LoneCloser {
    Double,
    Single,
    Paren,
}

/// The splitter's state during one pass.
struct Splitter<'a> {
    text: &'a str,
    bytes: &'a [u8],
    casing: Casing,
    out: Vec<Span>,
    /// Where the current sentence starts (possibly at whitespace).
    start: usize,
    /// Where the current sentence's first token starts, past opening marks
    /// and bullets, once computed.
    first_token: Option<usize>,
    /// Words in the current sentence so far.
    words: usize,
    /// Just after the last `; ` in the current sentence, and the word count
    /// there.
    last_semicolon: Option<(usize, usize)>,
    /// The last whitespace byte in the current sentence.
    last_space: Option<usize>,
    /// An opening double quote (`"`, `“`, `''`, ` `` `) is unmatched.
    double_open: bool,
    /// A lone `'` token (a tokenized single quote) is unmatched.
    single_open: bool,
    /// Unmatched `(` and `[`.
    paren_depth: u32,
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str) -> Splitter<'a> {
        Splitter {
            text,
            bytes: text.as_bytes(),
            casing: Casing::detect(text),
            out: Vec::with_capacity(text.len() / 100 + 1),
            start: 0,
            first_token: None,
            words: 0,
            last_semicolon: None,
            last_space: None,
            double_open: false,
            single_open: false,
            paren_depth: 0,
        }
    }

    fn run(mut self) -> Vec<Span> {
        let bytes = self.bytes;
        let n = bytes.len();
        let mut i = 0;
        let mut in_word = false;
        while i < n {
            let b = bytes[i];
            if is_space(b) {
                in_word = false;
                self.last_space = Some(i);
                i += 1;
                continue;
            }
            // Chinese and Japanese characters and CJK punctuation: each
            // Han or kana character is a word of its own (`crate::words`).
            let cjk = (b >= 0xE3)
                .then(|| self.text[i..].chars().next())
                .flatten()
                .filter(|&c| is_ideographic(c) || is_cjk_punctuation(c));
            if !in_word && cjk.is_none() {
                in_word = true;
                self.words += 1;
                if self.words > MAX_SENTENCE_WORDS {
                    self.cut_long(i);
                }
            }
            if i - self.start >= MAX_SENTENCE_BYTES && self.text.is_char_boundary(i) {
                let cut = match self.last_space {
                    Some(s) if s > self.start => s,
                    _ => i,
                };
                self.emit(cut);
                self.words = 1;
            }
            if let Some(c) = cjk {
                in_word = false;
                i = self.cjk(i, c);
                continue;
            }
            match b {
                b'?' if bytes[..i].ends_with(MANGLED_QUOTE_HEAD.as_bytes()) => {
                    self.double_open = false;
                    i += 1;
                }
                b'.' | b'!' | b'?' => {
                    let (next, split) = self.terminal(i);
                    in_word &= !split;
                    i = next;
                }
                b'"' => {
                    self.double_open = !self.double_open;
                    i += 1;
                }
                b'\'' => {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        self.double_open = !self.double_open;
                        i += 2;
                    } else {
                        if (i == 0 || is_space(bytes[i - 1])) && space_or_end(bytes, i + 1) {
                            self.single_open = !self.single_open;
                        }
                        i += 1;
                    }
                }
                b'`' if bytes.get(i + 1) == Some(&b'`') => {
                    self.double_open = true;
                    i += 2;
                }
                b'(' | b'[' => {
                    self.paren_depth = self.paren_depth.saturating_add(1);
                    i += 1;
                }
                b')' | b']' => {
                    self.paren_depth = self.paren_depth.saturating_sub(1);
                    i += 1;
                }
                b';' => {
                    if bytes.get(i + 1).is_some_and(|&c| is_space(c)) {
                        self.last_semicolon = Some((i + 1, self.words));
                    }
                    i += 1;
                }
                b'*' if self.is_bullet(i, 1) => {
                    self.emit(i);
                    i += 1;
                }
                0xC2 | 0xE2 => {
                    let c = self.text[i..].chars().next().unwrap_or(' ');
                    let len = c.len_utf8();
                    match c {
                        '\u{2026}' => {
                            let (next, split) = self.terminal(i);
                            in_word &= !split;
                            i = next;
                            continue;
                        }
                        '\u{201C}' => self.double_open = true,
                        '\u{201D}' => self.double_open = false,
                        '\u{2022}' | '\u{2023}' | '\u{2043}' | '\u{2219}' | '\u{25CF}'
                        | '\u{25AA}' | '\u{25A0}' | '\u{25E6}' | '\u{00B7}'
                            if self.is_bullet(i, len) =>
                        {
                            self.emit(i)
                        }
                        _ => {}
                    }
                    i += len;
                }
                _ => {
                    // The rest of the word up to a space or a mark the
                    // arms above handle decides nothing: skip it, stopping
                    // where the sentence reaches its byte limit.
                    let limit = n.min(self.start + MAX_SENTENCE_BYTES);
                    i += 1;
                    while i < limit && is_plain(bytes[i]) {
                        i += 1;
                    }
                }
            }
        }
        self.emit(n);
        self.out
    }

    /// Handles the CJK character `c` at `i` (a Han or kana character, or CJK
    /// punctuation). Returns where to continue.
    ///
    /// A full-width terminator (`。`, `！`, `？`, halfwidth `｡`), with any
    /// terminators and closing quotes or brackets (`」`, `』`, `）`, `】`,
    /// `”`, ...) right after it, ends the sentence: in Chinese and Japanese
    /// it is not used for abbreviations or decimals, so no look-ahead is
    /// needed.
    fn cjk(&mut self, i: usize, c: char) -> usize {
        if is_ideographic(c) {
            self.words += 1;
            if self.words > MAX_SENTENCE_WORDS {
                self.cut_long(i);
            }
            return i + c.len_utf8();
        }
        if !is_cjk_terminator(c) {
            return i + c.len_utf8();
        }
        let mut j = i;
        while let Some(c) = self.text[j..].chars().next() {
            if is_cjk_terminator(c) || matches!(c, '!' | '?' | '\u{2026}') {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        while let Some(c) = self.text[j..].chars().next() {
            match c {
                '\u{300D}' | '\u{300F}' | '\u{3011}' | '\u{3015}' | '\u{3009}' | '\u{300B}'
                | '\u{3017}' | '\u{3019}' | '\u{301B}' | '\u{FF09}' | '\u{FF3D}' | '\u{FF63}'
                | '\u{201D}' | '\u{2019}' | '"' | '\'' => {
                    if matches!(c, '"' | '\u{201D}') {
                        self.double_open = false;
                    }
                }
                ')' | ']' => self.paren_depth = self.paren_depth.saturating_sub(1),
                _ => break,
            }
            j += c.len_utf8();
        }
        self.emit(j);
        j
    }

    /// Ends the current sentence at `end` (trimmed; nothing is pushed when
    /// only whitespace remains) and starts the next one there.
    fn emit(&mut self, end: usize) {
        let piece = &self.text[self.start..end];
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let from = self.start + (piece.len() - piece.trim_start().len());
            self.out.push(Span::new(from, from + trimmed.len()));
        }
        self.start = end;
        self.first_token = None;
        self.words = 0;
        self.last_semicolon = None;
        self.last_space = None;
    }

    /// Cuts an over-long sentence whose next word starts at `at`: after its
    /// last `; ` if that leaves a reasonable first part, else before `at`.
    fn cut_long(&mut self, at: usize) {
        match self.last_semicolon {
            Some((pos, words)) if words >= MAX_SENTENCE_WORDS / 4 => {
                let rest = self.words - words;
                self.emit(pos);
                self.words = rest;
            }
            _ => {
                self.emit(at);
                self.words = 1;
            }
        }
    }

    /// True when the bullet character at `i` (of `len` bytes) starts a list
    /// item: it stands alone between spaces, after something, and (for `*`,
    /// which also marks footnotes and ratings) before a capital.
    fn is_bullet(&self, i: usize, len: usize) -> bool {
        let bytes = self.bytes;
        let after = i + len;
        let spaced_before = i > self.start && is_space(bytes[i - 1]);
        let spaced_after = space_or_end(bytes, after);
        if !spaced_before || !spaced_after {
            return false;
        }
        if self.text[self.start..i].trim().is_empty() {
            return false;
        }
        len > 1 || bytes.get(after + 1).is_some_and(u8::is_ascii_uppercase)
    }

    /// Handles the terminal punctuation at `i`. Returns where to continue and
    /// whether a sentence ended.
    fn terminal(&mut self, i: usize) -> (usize, bool) {
        let bytes = self.bytes;
        let n = bytes.len();

        // The run of terminators: `.`, `?!`, `...`, `…`, `. . .`.
        let mut j = i;
        let mut dots = 0usize;
        let mut exclaim = false;
        loop {
            match bytes.get(j) {
                Some(b'.') => dots += 1,
                Some(b'!' | b'?') => exclaim = true,
                Some(0xE2) if bytes[j..].starts_with("\u{2026}".as_bytes()) => {
                    dots += 3;
                    j += 3;
                    continue;
                }
                _ => break,
            }
            j += 1;
        }
        if dots == 1 && !exclaim && bytes[j..].starts_with(b" . .") {
            j += 4;
            dots = 3;
            while bytes[j..].starts_with(b" .") {
                j += 2;
            }
        }
        let terminal = match (exclaim, dots) {
            (true, _) => Terminal::Exclaim,
            (false, 2 | 3) => Terminal::Ellipsis,
            _ => Terminal::Period,
        };

        // Closing marks attached to the run.
        let mut closers = Closers::default();
        loop {
            match bytes.get(j) {
                Some(b'"') => {
                    self.double_open = false;
                    closers.quote = true;
                    j += 1;
                }
                Some(b'\'') => {
                    if bytes.get(j + 1) == Some(&b'\'') {
                        self.double_open = false;
                        j += 1;
                    }
                    closers.quote = true;
                    j += 1;
                }
                Some(b')' | b']') => {
                    self.paren_depth = self.paren_depth.saturating_sub(1);
                    closers.paren = true;
                    j += 1;
                }
                Some(0xE2) if bytes[j..].starts_with("\u{201D}".as_bytes()) => {
                    self.double_open = false;
                    closers.quote = true;
                    j += 3;
                }
                Some(0xE2) if bytes[j..].starts_with("\u{2019}".as_bytes()) => {
                    closers.quote = true;
                    j += 3;
                }
                Some(0xC2) if bytes[j..].starts_with("\u{00BB}".as_bytes()) => {
                    closers.quote = true;
                    j += 2;
                }
                Some(0xEF) if bytes[j..].starts_with(MANGLED_QUOTE.as_bytes()) => {
                    self.double_open = false;
                    closers.quote = true;
                    j += MANGLED_QUOTE.len();
                }
                // Reference marks, as copied from Wikipedia: `.[12][13] Next`.
                Some(b'[') if citation_len(&bytes[j..]) > 0 => j += citation_len(&bytes[j..]),
                _ => break,
            }
        }
        let run_end = j;

        // A boundary needs whitespace and then more text.
        if j >= n || !is_space(bytes[j]) {
            return (j, false);
        }
        let mut k = skip_space(bytes, j);
        if k >= n {
            return (k, false);
        }

        // Tokenized text puts closing quotes and brackets after a space:
        // `he said. " the poll`. Take one along when one is open.
        let mut end = run_end;
        let mut lone = None;
        if let Some((kind, len)) = lone_closer(&bytes[k..]) {
            let open = match kind {
                LoneCloser::Double => self.double_open,
                LoneCloser::Single => self.single_open,
                LoneCloser::Paren => self.paren_depth > 0,
            };
            if open {
                lone = Some(kind);
                end = k + len;
                closers.quote |= kind != LoneCloser::Paren;
                closers.paren |= kind == LoneCloser::Paren;
                k = skip_space(bytes, end);
                if k >= n {
                    return (n, false);
                }
            }
        }

        let next = next_token(self.text, k);
        let split = match terminal {
            Terminal::Exclaim => self.after_exclaim(i, closers, next),
            Terminal::Ellipsis => self.after_ellipsis(closers, next),
            Terminal::Period => self.after_period(i, dots, closers, next),
        };
        if !split {
            return (run_end, false);
        }
        match lone {
            Some(LoneCloser::Double) => self.double_open = false,
            Some(LoneCloser::Single) => self.single_open = false,
            Some(LoneCloser::Paren) => self.paren_depth = self.paren_depth.saturating_sub(1),
            None => {}
        }
        self.emit(end);
        (k, true)
    }

    /// `?` or `!`: a break before a capital; in restored casing also before
    /// lowercase, unless a closing quote suggests a speech tag
    /// (`"why? " he asked`).
    fn after_exclaim(&self, i: usize, closers: Closers, next: NextToken<'_>) -> bool {
        if !closers.quote && !closers.paren && self.word_before(i).0.eq_ignore_ascii_case("yahoo") {
            return false;
        }
        match next.class {
            Next::Upper | Next::Digit | Next::Other => true,
            Next::Lower => self.casing == Casing::Restored && !closers.quote,
            Next::Punct => false,
        }
    }

    /// An ellipsis marks an omission as often as an end: break only before
    /// a capital (restored casing: a strong starter).
    fn after_ellipsis(&self, closers: Closers, next: NextToken<'_>) -> bool {
        match self.casing {
            Casing::Normal => next.class == Next::Upper,
            Casing::Restored => {
                next.is_starter(Starters::Strong, true)
                    || closers.quote && next.class == Next::Upper
            }
        }
    }

    /// A period (or four): look at the word before it.
    fn after_period(
        &mut self,
        i: usize,
        dots: usize,
        closers: Closers,
        next: NextToken<'_>,
    ) -> bool {
        let (word, plain, after_comma) = self.word_before(i);
        let abbrev = if dots == 1 && !plain { classify(word, after_comma) } else { None };

        // `1. First item`, `a. Second item`: a list marker, not a sentence.
        if dots == 1
            && !closers.quote
            && !closers.paren
            && is_list_marker(word)
            && self.first_token() == i - word.len()
        {
            return false;
        }

        let restored = self.casing == Casing::Restored;
        let starters = if restored { Starters::Strong } else { Starters::Weak };
        let any_case = restored;
        match abbrev {
            Some(Abbrev::Title | Abbrev::Never) => false,
            Some(Abbrev::Numeric) if next.class == Next::Digit => false,
            // `p.` before a name: an initial in lowercased text.
            Some(Abbrev::Numeric) if word.len() == 1 => {
                next.is_starter(starters, any_case) && !next.word.eq_ignore_ascii_case("a")
            }
            Some(Abbrev::Month) if next.class == Next::Digit => false,
            Some(Abbrev::Month) => next.is_starter(starters, any_case),
            Some(Abbrev::Starter | Abbrev::Initial | Abbrev::EndCapable) if closers.quote => {
                self.plain_break(next)
            }
            Some(Abbrev::Starter) => {
                next.is_starter(starters, any_case)
                    || !restored && next.quoted && next.class == Next::Upper
            }
            Some(Abbrev::Initial) => {
                // `J. A. Smith`, `Louis I. Kahn`: more initials.
                !next.word.eq_ignore_ascii_case("a")
                    && !next.word.eq_ignore_ascii_case("i")
                    && next.is_starter(starters, any_case)
            }
            Some(Abbrev::EndCapable) if restored => next.is_starter(starters, true),
            Some(Abbrev::Numeric | Abbrev::EndCapable) | None => self.plain_break(next),
        }
    }

    /// After an ordinary word: a break before anything that can start a
    /// sentence (in restored casing, lowercase words too).
    fn plain_break(&self, next: NextToken<'_>) -> bool {
        match next.class {
            Next::Upper | Next::Digit | Next::Other => true,
            Next::Lower => self.casing == Casing::Restored,
            Next::Punct => false,
        }
    }

    /// The ASCII word (letters, digits, inner periods) ending at `i`; whether
    /// it must be read as an ordinary word (it is too long to be an
    /// abbreviation, or it continues a word with an apostrophe, `gov't`, or
    /// non-ASCII letters); and whether it follows `, `.
    fn word_before(&self, i: usize) -> (&'a str, bool, bool) {
        let bytes = self.bytes;
        let floor = self.start.max(i.saturating_sub(MAX_ABBREV_LEN + 1));
        let mut s = i;
        while s > floor && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'.') {
            s -= 1;
        }
        let word = &self.text[s..i];
        let trimmed = word.trim_start_matches('.');
        let plain = match s.checked_sub(1).map(|p| bytes[p]) {
            // The scan hit its cap inside a longer word.
            Some(p) if s == floor && s > self.start && (p.is_ascii_alphanumeric() || p == b'.') => {
                true
            }
            Some(p) if p >= 0x80 => true,
            Some(b'\'') => s >= 2 && bytes[s - 2].is_ascii_alphanumeric(),
            _ => word.len() > MAX_ABBREV_LEN,
        };
        let after_comma = s >= 2 && bytes[s - 1] == b' ' && bytes[s - 2] == b',';
        (trimmed, plain, after_comma)
    }

    /// Where the current sentence's first word starts, past whitespace,
    /// opening marks and bullets. Cached, so each sentence is scanned once.
    fn first_token(&mut self) -> usize {
        if let Some(at) = self.first_token {
            return at;
        }
        let rest = &self.text[self.start..];
        let skipped = rest
            .trim_start_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, '"' | '\'' | '(' | '[' | '`' | '*')
                    || is_bullet_char(c)
            })
            .len();
        let at = self.start + rest.len() - skipped;
        self.first_token = Some(at);
        at
    }
}

/// ASCII whitespace, the only kind normalized text has.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// True for a byte inside a word that [`Splitter::run`] passes over: not
/// whitespace (see [`is_space`]), not a mark it tracks (terminators, quotes,
/// brackets, `;`, `*`), and not the lead byte of a character it tracks
/// (including every character from U+3000 on, where CJK text lives).
fn is_plain(b: u8) -> bool {
    const PLAIN: [bool; 256] = {
        let mut table = [true; 256];
        let tracked = b" \t\n\r\x0b\x0c.!?\"'`()[];*\xC2\xE2";
        let mut k = 0;
        while k < tracked.len() {
            table[tracked[k] as usize] = false;
            k += 1;
        }
        let mut lead = 0xE3;
        while lead <= 0xF4 {
            table[lead] = false;
            lead += 1;
        }
        table
    };
    PLAIN[usize::from(b)]
}

/// True for the full-width sentence terminators of Chinese and Japanese:
/// `。`, `！`, `？` and the halfwidth `｡`. The full-width `．` is not one:
/// it marks decimals and abbreviations in full-width text.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{FF61}')
}

/// True at the end of `bytes` or at whitespace.
fn space_or_end(bytes: &[u8], k: usize) -> bool {
    match bytes.get(k) {
        Some(&c) => is_space(c),
        None => true,
    }
}

fn skip_space(bytes: &[u8], mut k: usize) -> usize {
    while k < bytes.len() && is_space(bytes[k]) {
        k += 1;
    }
    k
}

fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '\u{2022}'
            | '\u{2023}'
            | '\u{2043}'
            | '\u{2219}'
            | '\u{25CF}'
            | '\u{25AA}'
            | '\u{25A0}'
            | '\u{25E6}'
            | '\u{00B7}'
    )
}

/// The length of a reference mark `[1]` to `[999]` at the start of `rest`,
/// or 0.
fn citation_len(rest: &[u8]) -> usize {
    let digits = rest.iter().skip(1).take(4).take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits) && rest.get(digits + 1) == Some(&b']') {
        digits + 2
    } else {
        0
    }
}

/// A closing quote or bracket standing alone as a token at the start of
/// `rest`: its kind and length.
fn lone_closer(rest: &[u8]) -> Option<(LoneCloser, usize)> {
    let (kind, len) = match rest {
        [b'\'', b'\'', ..] => (LoneCloser::Double, 2),
        [b'"', ..] => (LoneCloser::Double, 1),
        [b'\'', ..] => (LoneCloser::Single, 1),
        [b')' | b']', ..] => (LoneCloser::Paren, 1),
        _ => return None,
    };
    space_or_end(rest, len).then_some((kind, len))
}

/// Reads the token starting at `k` (not whitespace).
fn next_token(text: &str, k: usize) -> NextToken<'_> {
    let rest = &text[k..];
    // Skip at most a few opening marks, and the space after a tokenized one
    // (`" we`); a long run of them is punctuation.
    let mut opener = false;
    let mut quoted = false;
    let mut at = 0;
    for (n, c) in rest.char_indices().take(6) {
        if matches!(c, '"' | '\'' | '`' | '(' | '[' | '{' | '\u{201C}' | '\u{2018}' | '\u{00AB}')
            || matches!(c, '\u{00BF}' | '\u{00A1}')
        {
            opener = true;
            quoted |= !matches!(c, '(' | '[' | '{');
            at = n + c.len_utf8();
        } else if opener && c == ' ' {
            at = n + 1;
        } else {
            at = n;
            break;
        }
    }
    let rest = &rest[at..];
    let class = match rest.chars().next() {
        Some(c) if c.is_ascii_uppercase() => Next::Upper,
        Some(c) if c.is_ascii_lowercase() => Next::Lower,
        Some(c) if c.is_ascii_digit() => Next::Digit,
        Some('$' | '#' | '\u{00A3}' | '\u{20AC}' | '\u{00A5}') => Next::Other,
        Some(c) if c.is_uppercase() => Next::Upper,
        Some(c) if c.is_lowercase() => Next::Lower,
        Some(c) if c.is_alphanumeric() => Next::Other,
        _ => Next::Punct,
    };
    let letters = rest.bytes().take(13).take_while(u8::is_ascii_alphabetic).count();
    let word = if letters <= 12 { &rest[..letters] } else { "" };
    NextToken { class, word, quoted }
}

/// A list-item marker: up to three digits, one letter, or a short roman
/// numeral.
fn is_list_marker(word: &str) -> bool {
    let b = word.as_bytes();
    match b.len() {
        0 => false,
        1 => b[0].is_ascii_alphanumeric(),
        2..=3 if b.iter().all(u8::is_ascii_digit) => true,
        2..=4 => b.iter().all(|c| matches!(c, b'i' | b'v' | b'x' | b'I' | b'V' | b'X')),
        _ => false,
    }
}
