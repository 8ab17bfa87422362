//! How ROUGE-1.5.5.pl reads a summary: lines, length limits, tokens.
//!
//! A summary is given in the script's SPL format, one sentence a line. The
//! Perl (`readText`, `readText_LCS`, `createNGram`, `tokenizeText_LCS`)
//! does, in this order:
//!
//! 1. Split on `\n` and drop empty lines (a line of spaces is kept); fold
//!    `A-Z` to lower case, and nothing else (bytes, not characters).
//! 2. Apply `-l N`: count each line's words with `split(/\s+/)` on the raw
//!    line, punctuation tokens included (a line that starts with whitespace
//!    counts one extra, empty, word), and cut the line that reaches `N`.
//!    `-b N` counts bytes of the lines (joining spaces not counted) and cuts
//!    with `substr`, possibly inside a UTF-8 sequence.
//! 3. Put spaces around `-`, turn every byte outside `[A-Za-z0-9-]` into a
//!    space, and split on whitespace.
//! 4. Drop stopwords (`-s`) and then every token not starting with
//!    `[a-z0-9$]`, which after step 3 means the `-` tokens.
//!
//! So tokens are the maximal runs of ASCII letters and digits of the
//! lower-cased, truncated text. `readText_LCS` (sentences for ROUGE-L and
//! ROUGE-W) truncates the same way by words, but under `-b` it never adds up
//! the bytes it has taken (a bug kept here): every line shorter than the
//! limit is kept until one line alone reaches it.

use std::borrow::Cow;

/// A length limit on summaries (`-l` or `-b`), applied to peers and models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Limit {
    /// No limit (the default).
    #[default]
    None,
    /// `-l N`: keep the first N words, counted as the script counts them.
    Words(usize),
    /// `-b N`: keep the first N bytes.
    Bytes(usize),
}

/// Perl's `\s` on a byte string: space, `\t`, `\n`, `\x0B`, `\f`, `\r`.
pub(crate) fn is_perl_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The lines of an SPL summary that the script reads, lower-cased.
fn lines(text: &str) -> impl Iterator<Item = Cow<'_, [u8]>> {
    text.as_bytes().split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| {
        if l.iter().any(u8::is_ascii_uppercase) {
            Cow::Owned(l.to_ascii_lowercase())
        } else {
            Cow::Borrowed(l)
        }
    })
}

/// Perl's `split(/\s+/, $s)`: a leading empty field when the line starts
/// with whitespace, no trailing empty fields.
fn perl_split(line: &[u8]) -> Vec<&[u8]> {
    let mut fields: Vec<&[u8]> = line.split(|&b| is_perl_space(b)).collect();
    // Runs of spaces give empty fields in the middle; Perl's `\s+` merges
    // them. Keep a leading empty field, drop the other empty ones.
    let leading = fields.first().is_some_and(|f| f.is_empty()) && fields.len() > 1;
    fields.retain(|f| !f.is_empty());
    if leading && !fields.is_empty() {
        fields.insert(0, &[]);
    }
    fields
}

/// `join(" ", @tokens[0..k-1])`.
fn join_words(words: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(w);
    }
    out
}

/// The truncated text as `readText` builds it, as a list of pieces whose
/// concatenation with separating spaces is the text. Tokens never cross a
/// piece boundary, so callers tokenize piece by piece.
pub(crate) fn read_text(text: &str, limit: Limit) -> Vec<Cow<'_, [u8]>> {
    let lines = lines(text);
    match limit {
        Limit::None => lines.collect(),
        Limit::Words(max) => {
            let mut out = Vec::new();
            let mut len = 0;
            for line in lines {
                let words = perl_split(&line);
                if len + words.len() < max {
                    len += words.len();
                    out.push(line);
                } else {
                    out.push(Cow::Owned(join_words(&words[..max - len])));
                    break;
                }
            }
            out
        }
        Limit::Bytes(max) => {
            let mut out = Vec::new();
            let mut len = 0;
            for line in lines {
                if len + line.len() < max {
                    len += line.len();
                    out.push(line);
                } else {
                    out.push(Cow::Owned(line[..max - len].to_vec()));
                    break;
                }
            }
            out
        }
    }
}

/// The truncated sentences as `readText_LCS` builds them.
pub(crate) fn read_text_lcs(text: &str, limit: Limit) -> Vec<Cow<'_, [u8]>> {
    match limit {
        Limit::None | Limit::Words(_) => read_text(text, limit),
        Limit::Bytes(max) => {
            let mut out = Vec::new();
            for line in lines(text) {
                if line.len() < max {
                    out.push(line);
                } else {
                    out.push(Cow::Owned(line[..max].to_vec()));
                    break;
                }
            }
            out
        }
    }
}

/// Calls `f` on each token of a piece of text: the maximal runs of ASCII
/// lower-case letters and digits (the input is already lower-cased).
pub(crate) fn for_each_token(piece: &[u8], mut f: impl FnMut(&str)) {
    let mut start = None;
    for (i, &b) in piece.iter().enumerate() {
        let word = b.is_ascii_lowercase() || b.is_ascii_digit();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(ascii(&piece[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        f(ascii(&piece[s..]));
    }
}

fn ascii(bytes: &[u8]) -> &str {
    // Tokens are ASCII letters and digits only.
    std::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &[Cow<'_, [u8]>]) -> Vec<String> {
        pieces.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect()
    }

    fn tokens(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(s.as_bytes(), |t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn tokens_are_alphanumeric_runs() {
        assert_eq!(
            tokens("u.s.-led café 3.5% it's"),
            ["u", "s", "led", "caf", "3", "5", "it", "s"]
        );
        assert!(tokens(" -- , ").is_empty());
    }

    #[test]
    fn word_limit_counts_punctuation_and_cuts_the_line() {
        let t = "One two , three.\nFour five six\nseven";
        assert_eq!(text(&read_text(t, Limit::Words(6))), ["one two , three.", "four five"]);
        // A line that reaches the limit exactly is rejoined and ends reading.
        assert_eq!(text(&read_text(t, Limit::Words(4))), ["one two , three."]);
        // Leading whitespace is an extra (empty) word.
        assert_eq!(text(&read_text(" a b\nc", Limit::Words(3))), [" a b"]);
    }

    #[test]
    fn byte_limit_ignores_joining_spaces() {
        let t = "abc def\nghij\nklm";
        assert_eq!(text(&read_text(t, Limit::Bytes(13))), ["abc def", "ghij", "kl"]);
        // ROUGE-L's reader never adds the bytes up.
        assert_eq!(text(&read_text_lcs(t, Limit::Bytes(5))), ["abc d"]);
        assert_eq!(text(&read_text_lcs(t, Limit::Bytes(6))), ["abc de"]);
        assert_eq!(text(&read_text_lcs("ab\ncd\nefgh", Limit::Bytes(3))), ["ab", "cd", "efg"]);
    }

    #[test]
    fn empty_lines_are_skipped() {
        assert_eq!(text(&read_text("\n\nA\n\n", Limit::None)), ["a"]);
        assert!(read_text("", Limit::Words(5)).is_empty());
    }
}
