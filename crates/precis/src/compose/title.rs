//! The title: a headline for the summary.
//!
//! Where the cluster's articles have headlines (a document's `title`, or
//! the headline cleaning found at its top), the title is the one that
//! most names the story: its words are the ones the cluster's articles
//! share and the summary says (`headline_score`). Headlines of off-event
//! documents never stand for the cluster, and one made of words few
//! articles use (below `MIN_SCORE`) is passed over. Site names after a bar
//! or a dash ("Storm Hits Coast | The Daily Example") and an agency tag
//! in brackets ("(Reuters)") are cut off first.
//!
//! Without a fitting headline the title is a short form of the lead: the
//! sentence up to the first clause break (a comma, "to", "as", "which",
//! ...) after its first `SHORT_MIN` words, at most `SHORT_MAX` words.

use crate::represent::{for_each_word, Analysis};
use crate::Prepared;

/// Least `headline_score` of a headline taken as the title.
const MIN_SCORE: f64 = 0.35;

/// Fewest and most words of a headline taken as a title.
const HEADLINE_WORDS: (usize, usize) = (3, 20);

/// Fewest words a short form of the lead keeps before a clause break.
const SHORT_MIN: usize = 6;

/// Most words of a short form of the lead.
const SHORT_MAX: usize = 14;

/// Words that start a clause a short form can end before.
const CLAUSE_STARTS: &[&str] = &[
    "to",
    "as",
    "after",
    "before",
    "while",
    "when",
    "which",
    "who",
    "whose",
    "amid",
    "because",
    "but",
    "following",
    "despite",
    "where",
    "saying",
    "although",
    "though",
    "since",
    "until",
];

/// Words a short form does not end on.
const DANGLING: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by",
    "from", "as", "that", "which", "who", "its", "his", "her", "their", "is", "was", "are", "were",
];

/// The title of a summary of `prepared` whose sentences are `picks` (in
/// reading order, the lead first).
pub fn title(prepared: &Prepared, picks: &[usize]) -> String {
    best_headline(prepared, picks)
        .or_else(|| picks.first().map(|&i| short_form(&prepared.analysis.sentences[i].text)))
        .unwrap_or_default()
}

/// The headline of a document that is not off-event most about the
/// story, if one is about it enough.
fn best_headline(prepared: &Prepared, picks: &[usize]) -> Option<String> {
    let analysis = &prepared.analysis;
    let mut said: Vec<u32> =
        picks.iter().flat_map(|&i| analysis.counts[i].entries().iter().map(|&(t, _)| t)).collect();
    said.sort_unstable();
    said.dedup();
    let mut best: Option<(f64, String)> = None;
    for (doc, t) in prepared.titles.iter().enumerate() {
        let Some(t) = t else { continue };
        if prepared.is_off_event(doc) {
            continue;
        }
        let t = clean_headline(t);
        let words = t.split_whitespace().count();
        if words < HEADLINE_WORDS.0 || words > HEADLINE_WORDS.1 {
            continue;
        }
        let score = headline_score(analysis, &said, &t);
        if score < MIN_SCORE {
            continue;
        }
        // Ties break by text, not by document order.
        let better = best.as_ref().is_none_or(|(c, b)| score > *c || (score == *c && t < *b));
        if better {
            best = Some((score, t));
        }
    }
    best.map(|(_, t)| t)
}

/// How much a headline names the story: the mean over its content words
/// of the share of the cluster's documents that use the word, a word the
/// summary (`said`, sorted term ids) does not use counting half; a word
/// no sentence of the cluster uses counts nothing.
pub(super) fn headline_score(analysis: &Analysis, said: &[u32], headline: &str) -> f64 {
    let n_docs = analysis.n_docs.max(1) as f64;
    let mut seen: Vec<String> = Vec::new();
    let mut sum = 0.0;
    for_each_word(headline, |w| {
        if crate::represent::is_stopword(w) || !w.chars().any(char::is_alphabetic) {
            return;
        }
        let term = analysis.lexicon.find(w).filter(|&t| !analysis.lexicon.is_stop(t));
        let key = term.map_or_else(|| w.to_owned(), |t| analysis.lexicon.stem(t).to_owned());
        if seen.contains(&key) {
            return;
        }
        seen.push(key);
        if let Some(t) = term {
            let share = f64::from(analysis.doc_freq[t as usize]) / n_docs;
            let in_summary = said.binary_search(&t).is_ok();
            sum += if in_summary { share } else { share / 2.0 };
        }
    });
    if seen.is_empty() {
        0.0
    } else {
        sum / seen.len() as f64
    }
}

/// A headline without the site name after a bar or a dash and without an
/// agency tag in brackets at its end.
fn clean_headline(headline: &str) -> String {
    let mut t = crate::collapse_whitespace(headline);
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} "] {
        if let Some(at) = t.rfind(sep) {
            let (head, tail) = (&t[..at], &t[at + sep.len()..]);
            // A site name is short; a real second half of a headline is not
            // cut.
            if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3 {
                t = head.trim().to_owned();
            }
        }
    }
    if t.ends_with(')') {
        if let Some(open) = t.rfind(" (") {
            if t[open..].split_whitespace().count() <= 3 {
                t.truncate(open);
            }
        }
    }
    let t = t.trim();
    // A headline that is a sentence ends with no full stop.
    let t = t.strip_suffix('.').filter(|h| !h.ends_with('.')).unwrap_or(t);
    t.to_owned()
}

/// A short form of a sentence: its words up to the first clause break
/// after `SHORT_MIN` words, at most `SHORT_MAX`, without a dangling
/// function word or the final full stop; "…" marks a cut that found no
/// clause break.
pub fn short_form(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let strip_end = |w: &str| w.trim_end_matches(['.', ',', ';', ':']).to_owned();
    if words.len() <= SHORT_MAX {
        let mut out = words.join(" ");
        while out.ends_with(['.', ',', ';', ':']) && !out.ends_with("..") {
            out.pop();
        }
        return out;
    }
    // The first clause break after SHORT_MIN words: a word ending in a
    // comma, semicolon or colon, or a word that starts a clause.
    let mut end = None;
    for k in SHORT_MIN..=SHORT_MAX.min(words.len() - 1) {
        let before = words[k - 1];
        let next = words[k].to_lowercase();
        if before.ends_with([',', ';', ':']) || CLAUSE_STARTS.contains(&next.as_str()) {
            end = Some(k);
            break;
        }
    }
    let (mut kept, broke) = match end {
        Some(k) => (words[..k].to_vec(), true),
        None => (words[..SHORT_MAX].to_vec(), false),
    };
    while kept.len() > 1
        && kept.last().is_some_and(|w| DANGLING.contains(&strip_end(w).to_lowercase().as_str()))
    {
        kept.pop();
    }
    let mut out = kept.join(" ");
    while out.ends_with([',', ';', ':', '.']) {
        out.pop();
    }
    if !broke {
        out.push_str(" \u{2026}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_form_ends_at_a_clause_break() {
        assert_eq!(
            short_form("U.S. Secretary of State John Kerry arrived in Moscow on Tuesday to try and narrow differences with Russian leader Vladimir Putin."),
            "U.S. Secretary of State John Kerry arrived in Moscow on Tuesday"
        );
        assert_eq!(
            short_form("The river burst its banks on Sunday."),
            "The river burst its banks on Sunday"
        );
        assert_eq!(
            short_form("Mayor Clara Voss of Bramford declared a state of emergency, saying the water would rise further overnight."),
            "Mayor Clara Voss of Bramford declared a state of emergency"
        );
        let long = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho.";
        assert_eq!(
            short_form(long),
            "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi \u{2026}"
        );
    }

    #[test]
    fn site_names_and_agency_tags_are_cut_from_headlines() {
        assert_eq!(clean_headline("Storm Hits Coast | The Daily Example"), "Storm Hits Coast");
        assert_eq!(
            clean_headline("Lavrov to meet UN envoy in Moscow. (Reuters)"),
            "Lavrov to meet UN envoy in Moscow"
        );
        assert_eq!(
            clean_headline("Syria Conflict: US, Russia Meet"),
            "Syria Conflict: US, Russia Meet"
        );
        // A second half that is more than a site name stays.
        assert_eq!(
            clean_headline("Floods in Bramford - thousands leave their homes as the river rises"),
            "Floods in Bramford - thousands leave their homes as the river rises"
        );
    }
}
