//! From lines to paragraph blocks: hard-wrap detection and rejoining.
//!
//! Input text comes in three shapes. Newswire (DUC) and some scraped pages are
//! hard-wrapped near a fixed width, so a newline is not a paragraph break:
//! paragraphs are marked by an indented first line or a blank line. Web text
//! puts one paragraph on a line, with or without blank lines between them.
//! Some corpora put a whole document on one line. [`blocks`] decides per
//! document, from the shape of its lines, whether the text is wrapped, and
//! then decides per line break whether it is soft (inside a paragraph) or
//! hard (between paragraphs).
//!
//! Some breaks are soft in every shape: a line that ends mid-sentence (no
//! terminal punctuation) followed by a line starting in lowercase, or a line
//! ending in a comma or in a word such as "the" or "of" that cannot end a
//! sentence. Scrapers sometimes break a paragraph after its first word
//! ("Kerry\nwill seek to..."), and these rules rejoin it.
//!
//! Everything here is a linear scan; no rule looks further than the next line.

use crate::Span;

/// A paragraph candidate: a run of lines joined by soft breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    /// From the first non-space byte of the first line to the last non-space
    /// byte of the last line.
    pub span: Span,
    /// How many lines were joined.
    pub lines: usize,
}

/// One line of the input, without its terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// First non-space byte (equals `end` for a blank line).
    lead: usize,
    /// One past the last non-space byte.
    end: usize,
    /// Leading whitespace, in characters.
    indent: usize,
    /// Characters from `start` to `end` (indentation included).
    width: usize,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.lead >= self.end
    }

    fn content<'a>(&self, text: &'a str) -> &'a str {
        &text[self.lead..self.end]
    }
}

/// Where the first line break of `bytes` starts and how many bytes it takes:
/// `\n`, `\r` (alone or before `\n`), vertical tab, form feed, NEL and the
/// Unicode line and paragraph separators.
///
/// `bytes` is UTF-8, so the lead bytes of NEL (`C2 85`) and the separators
/// (`E2 80 A8`, `E2 80 A9`) can only start a character: a byte scan finds
/// them without decoding the text.
fn find_line_break(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    // Jump from one byte that may start a break to the next.
    while let Some(k) =
        bytes[from..].iter().position(|&b| matches!(b, b'\n' | b'\r' | 0x0b | 0x0c | 0xC2 | 0xE2))
    {
        let i = from + k;
        from = i + 1;
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return Some((i, 2)),
            b'\n' | b'\r' | b'\x0b' | b'\x0c' => return Some((i, 1)),
            0xC2 if bytes.get(i + 1) == Some(&0x85) => return Some((i, 2)),
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                return Some((i, 3))
            }
            _ => {}
        }
    }
    None
}

/// Splits `text` into lines, measuring each.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let found = find_line_break(&text.as_bytes()[start..]);
        let stop = found.map_or(text.len(), |(at, _)| start + at);
        let raw = &text[start..stop];
        let body = raw.trim_start();
        let lead_off = raw.len() - body.len();
        let end_off = lead_off + body.trim_end().len();
        out.push(Line {
            lead: start + lead_off,
            end: start + end_off,
            indent: raw[..lead_off].chars().count(),
            width: raw[..end_off].chars().count(),
        });
        match found {
            Some((_, len)) if stop + len < text.len() => start = stop + len,
            _ => break,
        }
    }
    out
}

/// Words that cannot end a sentence: a line ending in one continues.
const CONTINUING: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "onto",
    "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whom", "whose", "is", "are",
    "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "could", "should",
    "can", "may", "might", "must", "shall", "his", "her", "their", "its", "our", "your", "my",
    "this", "these", "those", "about", "after", "before", "over", "under", "between", "against",
    "during", "without", "through", "among", "if", "when", "while", "where", "because", "although",
    "though", "not", "very", "such", "both", "either", "neither", "de", "la", "le", "von", "van",
    "del", "da", "al",
];

/// The line's last character after closing quotes and brackets.
fn last_significant(s: &str) -> Option<char> {
    s.chars().rev().find(|c| !is_closer(*c))
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{BB}' | '*' | '`')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{AB}' | '`' | '\u{201E}')
}

/// True when the line ends like a sentence: `.`, `!`, `?` or an ellipsis,
/// possibly followed by closing quotes or brackets.
pub(crate) fn ends_terminal(s: &str) -> bool {
    matches!(last_significant(s), Some('.' | '!' | '?' | '\u{2026}'))
}

/// The first letter of the line, after opening quotes and brackets, when the
/// line starts with a letter.
fn first_letter(s: &str) -> Option<char> {
    s.chars().find(|c| !is_opener(*c)).filter(|c| c.is_alphabetic())
}

fn starts_lowercase(s: &str) -> bool {
    first_letter(s).is_some_and(char::is_lowercase)
}

fn last_word(s: &str) -> &str {
    s.rsplit(char::is_whitespace).next().unwrap_or("")
}

fn first_word(s: &str) -> &str {
    s.split(char::is_whitespace).next().unwrap_or("")
}

/// True when the line ends in a way that cannot end a paragraph: a comma, a
/// hyphen after a letter ("then-\ncandidate") or a word like "the".
fn ends_open(s: &str) -> bool {
    let mut rev = s.chars().rev();
    match rev.next() {
        Some(',') => return true,
        Some('-') => return rev.next().is_some_and(char::is_alphabetic),
        _ => {}
    }
    let w = last_word(s);
    if w.is_empty() || w.len() > 8 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    CONTINUING.contains(&lower.as_str())
}

/// A non-blank line and the number of blank lines before it.
#[derive(Debug, Clone, Copy)]
struct Row {
    line: Line,
    gap: usize,
}

fn rows(lines: &[Line]) -> Vec<Row> {
    let mut out = Vec::new();
    let mut gap = 0;
    for line in lines {
        if line.is_blank() {
            gap += 1;
        } else {
            out.push(Row { line: *line, gap });
            gap = 0;
        }
    }
    out
}

/// True when almost every line is followed by one blank line, as in text
/// converted from PDF or from a `NEWLINE_CHAR` dump: then a single blank line
/// may be a wrap, not a paragraph break.
fn double_spaced(rows: &[Row]) -> bool {
    let gaps = rows.len().saturating_sub(1);
    let single = rows.iter().skip(1).filter(|r| r.gap == 1).count();
    gaps >= 4 && single * 10 >= gaps * 9
}

/// The wrap width of a hard-wrapped document, or `None` for one-line-per-paragraph text.
///
/// A document is wrapped when many lines have nearly the same width, most of
/// those end mid-sentence, and a fair share are followed by a line starting
/// in lowercase. Web text has lines of every length that end in full stops.
/// A line is "followed" by the next one when at most `max_gap` blank lines
/// separate them.
fn wrap_width(text: &str, rows: &[Row], max_gap: usize) -> Option<usize> {
    const MAX: usize = 200;
    const WINDOW: usize = 12;
    let mut hist = [0usize; MAX + 1];
    for r in rows {
        if r.line.width <= MAX {
            hist[r.line.width] += 1;
        }
    }
    // The window of widths holding the most lines.
    let mut best = (0, 0);
    let mut sum: usize = hist[..WINDOW].iter().sum();
    for hi in WINDOW..=MAX {
        sum += hist[hi];
        sum -= hist[hi - WINDOW];
        if sum > best.0 {
            best = (sum, hi);
        }
    }
    let (count, hi) = best;
    if count < 3 || count * 10 < rows.len() * 3 || hi < 30 {
        return None;
    }
    let lo = hi + 1 - WINDOW;
    let mut width = 0;
    let mut open = 0;
    let mut followed = 0;
    let mut lower_next = 0;
    for (k, r) in rows.iter().enumerate() {
        if r.line.width < lo || r.line.width > hi {
            continue;
        }
        width = width.max(r.line.width);
        if !ends_terminal(r.line.content(text)) {
            open += 1;
        }
        if let Some(next) = rows.get(k + 1).filter(|n| n.gap <= max_gap) {
            followed += 1;
            if starts_lowercase(next.line.content(text)) {
                lower_next += 1;
            }
        }
    }
    let wrapped = open * 2 >= count && lower_next >= 2 && lower_next * 4 >= followed;
    wrapped.then_some(width)
}

/// Splits a document into paragraph blocks, rejoining hard-wrapped lines.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let rows = rows(&lines(text));
    let mut max_gap = 0;
    let mut wrap = wrap_width(text, &rows, 0);
    if wrap.is_none() && double_spaced(&rows) {
        wrap = wrap_width(text, &rows, 1);
        if wrap.is_some() {
            max_gap = 1;
        }
    }
    // The usual indentation; a line indented more starts a paragraph.
    let base_indent = if wrap.is_some() { common_indent(&rows) } else { 0 };
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (k, row) in rows.iter().enumerate() {
        let line = &row.line;
        if let Some(block) = current.as_mut() {
            let prev = &rows[k - 1].line;
            let after = rows.get(k + 1).filter(|r| r.gap <= max_gap).map(|r| &r.line);
            if row.gap <= max_gap && soft_break(text, prev, line, after, wrap, base_indent) {
                block.span = Span::new(block.span.start(), line.end);
                block.lines += 1;
                continue;
            }
            out.extend(current.take());
        }
        current = Some(Block { span: Span::new(line.lead, line.end), lines: 1 });
    }
    out.extend(current);
    out
}

fn common_indent(rows: &[Row]) -> usize {
    let mut counts = [0usize; 9];
    for r in rows {
        counts[r.line.indent.min(8)] += 1;
    }
    // Ties go to the smaller indentation.
    let mut best = 0;
    for (i, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = i;
        }
    }
    best
}

/// The widest line that counts as a stub (see [`soft_break`]).
const STUB: usize = 16;

/// How many columns short of the wrap width a wrapped line may stop.
const SLACK: usize = 8;

/// How far past the wrap width a line may run and still count as wrapped.
const OVERHANG: usize = 8;

/// Decides whether the break between two adjacent non-blank lines is soft.
fn soft_break(
    text: &str,
    prev: &Line,
    next: &Line,
    after: Option<&Line>,
    wrap: Option<usize>,
    base_indent: usize,
) -> bool {
    let a = prev.content(text);
    let b = next.content(text);
    let terminal = ends_terminal(a);
    if let Some(width) = wrap {
        if next.indent > base_indent {
            return false;
        }
        if !terminal && starts_lowercase(b) {
            return true;
        }
        if ends_open(a) {
            return true;
        }
        let next_upper = first_letter(b).is_some_and(char::is_uppercase);
        // A stub of a word or two, continued in lowercase on the line after,
        // after a finished sentence: some scrapers leave a paragraph's first
        // word alone on its line ("Ahead\nof the talks, ...").
        let stub = next.width <= STUB && !ends_terminal(b);
        if terminal
            && next_upper
            && stub
            && after.is_some_and(|l| starts_lowercase(l.content(text)))
        {
            return false;
        }
        // A line well past the wrap width was never wrapped: it is a whole
        // paragraph of its own.
        if prev.width > width + OVERHANG || (terminal && next.width > width + OVERHANG) {
            return false;
        }
        // The classic reflow test: had the next word fitted on this line, the
        // line was ended on purpose. Wrappers are not exact (a line may stop
        // a few columns early), hence the slack.
        let fits = prev.width + 1 + first_word(b).chars().count() + SLACK <= width;
        return !fits;
    }
    // One paragraph per line: only a line that plainly continues is joined.
    if a.ends_with([':', ';']) {
        return false;
    }
    (!terminal && starts_lowercase(b)) || ends_open(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders blocks as their text with newlines shown as `|`.
    fn check(text: &str, expect: &[&str]) {
        let got: Vec<String> = blocks(text)
            .iter()
            .map(|b| b.span.slice(text).unwrap().replace('\n', "|").replace('\t', "\\t"))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn web_lines_stay_apart() {
        check(
            "Syria Conflict: US, Russia Meet\nThe Russian Foreign Ministry said so.\n\nKerry spoke.\n",
            &["Syria Conflict: US, Russia Meet", "The Russian Foreign Ministry said so.", "Kerry spoke."],
        );
    }

    #[test]
    fn web_rejoins_broken_first_word() {
        check(
            "Kerry\nwill seek to prepare the ground.\nSpeaking before his arrival in\nMoscow, he said so.",
            &[
                "Kerry|will seek to prepare the ground.",
                "Speaking before his arrival in|Moscow, he said so.",
            ],
        );
    }

    #[test]
    fn line_endings() {
        check(
            "One line.\r\nTwo line.\rThree.\u{2028}Four",
            &["One line.", "Two line.", "Three.", "Four"],
        );
        check("", &[]);
        check(" \n\t\n ", &[]);
        check("\n\nx", &["x"]);
    }

    #[test]
    fn double_spaced_web_text_keeps_its_paragraphs() {
        check(
            "Donations can be sent by mail to:\n\nKameron Memorial Fund\n\nc/o Example Bank\n\nP.O. Box 800\n\nDone.",
            &["Donations can be sent by mail to:", "Kameron Memorial Fund", "c/o Example Bank", "P.O. Box 800", "Done."],
        );
    }

    #[test]
    fn wire_text_with_tabs() {
        // Invented for this test, in the shape of 1990s newswire: wrapped
        // near 70 columns, paragraphs opening with a tab, a code at the end.
        let text = "MARLOWE, England (AP) _ A river swollen by three days of heavy\n\
rain burst its banks on Tuesday and flooded more than two hundred\n\
homes in this market town, where rescue crews in small boats took\n\
elderly residents from the lower streets to a school gymnasium.\n\
\t   The mayor, Helen Ostrova, 58, who has lived in the town all her\n\
life, said the water had not been so high since 1968. Forecasters\n\
expected the river to keep rising until Wednesday evening as more\n\
rain fell on the hills upstream.\n\
\t   (hjk)";
        let got = blocks(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].span.slice(text).unwrap().ends_with("school gymnasium."));
        assert!(got[1].span.slice(text).unwrap().starts_with("The mayor"));
        assert_eq!(got[2].span.slice(text), Some("(hjk)"));
    }
}
