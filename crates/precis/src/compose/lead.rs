//! The lead: the sentence a summary opens with.
//!
//! A news brief opens with a sentence that could open an article about the
//! whole story: it introduces its actors in full, states the main event,
//! and is central to the cluster. precis chooses it in three steps.
//!
//! 1. **Can it open?** A sentence *fails* as an opener when it starts with
//!    a pronoun or a connective ("He", "But", "For its part"), opens with a
//!    quotation, opens with a plural definite description that names no one
//!    ("The opposition groups said ..."), or mentions someone by a short form the
//!    cluster elsewhere gives in full ("Kerry" where the articles say "John
//!    Kerry") without the full form before it. Names are read off the
//!    cluster itself: a capitalized word that ends a longer capitalized name
//!    somewhere in the cluster is a short form where it stands alone. Not
//!    every capitalized run is a person's full name, so some are not read
//!    as one: a run that only seems to start with a sentence's first word
//!    ("Although Turkey", when the cluster writes "although" elsewhere),
//!    days of the week ("Brasilia Sunday"), abbreviations ("Dr."), months,
//!    places and bodies, and what a nationality qualifies ("American
//!    Embassy", "Turkish Kurdish").
//! 2. **Is it the main event?** Each sentence's tf-idf vector is compared
//!    with the centroid of the articles' openings (each article's first
//!    three sentences, one vote per article): the event most articles lead
//!    with is the cluster's main event. Sentences past an article's third
//!    count for less, since leads are typically at the start of an article.
//! 3. **Among the selected.** Among the selected sentences that can open
//!    and have no selected sentence before them in their article that
//!    could (so one article's sentences keep their order, except that
//!    picks before the lead which cannot open, such as a sentence naming
//!    "Kerry" before the one that introduces John Kerry, follow it), the
//!    one most about the main event leads,
//!    so the lead is among the sentences the method found most central. A
//!    candidate that says the same as one of them may lead in its place
//!    (swapped for it), so the lead does not hang on which of two
//!    near-duplicates a selector kept. In fill mode the sentence the
//!    selector cuts at the budget never leads (it comes last). When none
//!    can open (a short budget often holds only a quotation or a sentence
//!    pointing back), a candidate that can open, is at least as much about
//!    the main event and fits in the place of the one that would have led
//!    stands in for it; only when there is none does the sentence with the
//!    mildest fault lead. The selection is otherwise left as it is, so
//!    ROUGE moves only where no pick can open.

use crate::facts::CALENDAR;
use crate::represent::{is_stopword, Analysis};
use rustc_hash::FxHashSet;

/// Sentences of an article counted as its opening.
const OPENING: usize = 3;

/// Weight of a sentence's main-event score when it lies past its article's
/// opening.
const LATE: f64 = 0.7;

/// Words that, opening a sentence, point back at something said before it.
const BACKWARD_OPENERS: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "its",
    "his",
    "her",
    "their",
    "him",
    "them",
    "this",
    "these",
    "those",
    "that",
    "such",
    "we",
    "i",
    "you",
    "our",
    "but",
    "however",
    "also",
    "and",
    "so",
    "yet",
    "still",
    "meanwhile",
    "moreover",
    "instead",
    "then",
    "thus",
    "nonetheless",
    "nevertheless",
    "besides",
    "furthermore",
    "additionally",
    "indeed",
    "likewise",
    "similarly",
    "otherwise",
    "or",
    "nor",
    "both",
    "there",
    "here",
    "later",
    "earlier",
    "afterwards",
];

/// Multi-word openings that point back ("For its part, ...").
const BACKWARD_PHRASES: &[&str] = &[
    "for its part",
    "for his part",
    "for her part",
    "for their part",
    "in addition",
    "as a result",
    "at the same time",
    "on the other hand",
    "in turn",
    "in response",
    "the move",
    "the decision",
    "the announcement",
];

/// Last words of names that are places or bodies, not people: standing
/// alone they are no short form ("Syria" of "Free Syria", "State" of
/// "Islamic State").
const NOT_SURNAMES: &[&str] = &[
    "Africa",
    "Agency",
    "America",
    "Arabia",
    "Army",
    "Assembly",
    "Bank",
    "Board",
    "Bureau",
    "City",
    "Coalition",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corporation",
    "Council",
    "County",
    "Court",
    "Department",
    "District",
    "East",
    "Federation",
    "Force",
    "Forces",
    "Front",
    "Government",
    "Group",
    "House",
    "Institute",
    "Island",
    "Islands",
    "Kingdom",
    "Korea",
    "League",
    "Ministry",
    "Minister",
    "Nations",
    "North",
    "Office",
    "Organization",
    "Park",
    "Parliament",
    "Party",
    "Police",
    "President",
    "Republic",
    "River",
    "Senate",
    "Service",
    "South",
    "State",
    "States",
    "Street",
    "Syria",
    "Union",
    "University",
    "West",
    "York",
    "Zealand",
];

/// Why a sentence cannot open a summary, if it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// It opens with a pronoun or a connective pointing back.
    PointsBack,
    /// It opens with a quotation.
    Quote,
    /// It opens with a plural definite description that names no one.
    Unnamed,
    /// It names someone by a short form before (or without) the full name.
    ShortName,
}

impl Fault {
    /// How badly the fault reads at the head of a summary, from 1 (mildest)
    /// to 4: a short form of a name still names someone, and a quotation
    /// names its speaker at its end, while "The groups said" and "He said"
    /// leave the reader asking who.
    pub fn severity(self) -> u8 {
        match self {
            Fault::ShortName => 1,
            Fault::Quote => 2,
            Fault::Unnamed => 3,
            Fault::PointsBack => 4,
        }
    }

    /// The fault in words.
    pub fn describe(self) -> &'static str {
        match self {
            Fault::PointsBack => "opens with a word pointing back to an earlier sentence",
            Fault::Quote => "opens with a quotation",
            Fault::Unnamed => "opens with a description that names no one",
            Fault::ShortName => "names someone by a short form the articles give in full",
        }
    }
}

/// A sentence's words as they are printed, trimmed of punctuation around
/// them, each with whether a name ends at it: a possessive `'s` (cut off)
/// or punctuation after it ("Lavrov," "Moscow.").
fn words(text: &str) -> Vec<(&str, bool)> {
    text.split_whitespace()
        .map(|raw| {
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-');
            // "U.S." and the abbreviations of titles ("Dr.", "Gen.") keep
            // their dots; a full stop at the end of a word goes.
            let abbreviation = w.len() <= 4 && w.ends_with('.');
            let w = if abbreviation { w } else { w.trim_end_matches('.') };
            let ends = raw.ends_with(|c: char| !c.is_alphanumeric());
            for s in ["'s", "\u{2019}s"] {
                if let Some(stem) = w.strip_suffix(s) {
                    return (stem, true);
                }
            }
            (w, ends)
        })
        .filter(|(w, _)| !w.is_empty())
        .collect()
}

/// Whether a printed word reads as part of a name: capitalized and not a
/// function word ("The", "In") or a day of the week ("Brasilia Sunday" is
/// no one's name).
fn is_name_word(w: &str) -> bool {
    // Most words are lower case: they are answered before any lowering.
    if !strip_article(w).starts_with(char::is_uppercase) {
        return false;
    }
    let lower = w.to_lowercase();
    !is_stopword(&lower) && !CALENDAR[..7].contains(&lower.as_str())
}

/// The capitalized runs of a sentence ("U.S. Secretary", "State John Kerry"),
/// each as a list of words; a possessive or punctuation ends a run. The
/// sentence's first word starts no run when the cluster writes it in lower
/// case elsewhere (`common`, when given): "Although Turkey ..." names only
/// Turkey.
fn name_runs<'t>(text: &'t str, common: Option<&FxHashSet<String>>) -> Vec<Vec<&'t str>> {
    name_runs_of(&words(text), common)
}

/// [`name_runs`] of a sentence's [`words`].
fn name_runs_of<'t>(
    words: &[(&'t str, bool)],
    common: Option<&FxHashSet<String>>,
) -> Vec<Vec<&'t str>> {
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for (k, &(w, ends)) in words.iter().enumerate() {
        if k == 0 && common.is_some_and(|c| c.contains(&w.to_lowercase())) {
            continue;
        }
        if is_name_word(w) {
            run.push(strip_article(w));
            if ends {
                runs.push(std::mem::take(&mut run));
            }
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Whether a capitalized word reads as a nationality or a people's
/// adjective ("American", "Turkish", "Chinese"), which qualifies a name
/// rather than being a given name. ("Iraqi" ends like "Sergei" and is
/// left alone.)
fn is_nationality(w: &str) -> bool {
    ["ian", "ean", "can", "ish", "ese"].iter().any(|end| w.ends_with(end))
}

/// "al-Assad" and "el-Sisi" as the names they end in.
fn strip_article(w: &str) -> &str {
    w.strip_prefix("al-").or_else(|| w.strip_prefix("el-")).unwrap_or(w)
}

/// What the lead step knows of a cluster.
pub struct Leads {
    /// Words that end a longer name somewhere in the cluster ("Kerry" of
    /// "John Kerry").
    surnames: FxHashSet<String>,
    /// Each sentence's main-event score.
    event: Vec<f64>,
}

impl Leads {
    /// Reads the cluster's names and its articles' openings.
    pub fn new(analysis: &Analysis) -> Leads {
        let printed: Vec<Vec<(&str, bool)>> =
            analysis.sentences.iter().map(|s| words(&s.text)).collect();
        let mut common: FxHashSet<String> = FxHashSet::default();
        for &(w, _) in printed.iter().flatten() {
            if w.starts_with(char::is_lowercase) && !common.contains(w) {
                common.insert(w.to_owned());
            }
        }
        let mut surnames = FxHashSet::default();
        for sentence in &printed {
            for run in name_runs_of(sentence, Some(&common)) {
                // "Secretary Kerry" and "John Kerry" alike give "Kerry" in full.
                // Acronyms ("U.S.", "ASEAN"), abbreviations ("Dr."), months,
                // places or bodies, and what a nationality qualifies
                // ("American Embassy", "Turkish Kurdish") are no people's
                // names.
                if let [.., before, last] = run.as_slice() {
                    let acronym = last.contains('.') || !last.chars().any(char::is_lowercase);
                    let month = CALENDAR.contains(&last.to_lowercase().as_str());
                    if !acronym && !month && !NOT_SURNAMES.contains(last) && !is_nationality(before)
                    {
                        surnames.insert((*last).to_owned());
                    }
                }
            }
        }
        Leads { surnames, event: event_scores(analysis) }
    }

    /// Why sentence `i` cannot open a summary, or `None` when it can.
    pub fn fault(&self, analysis: &Analysis, i: usize) -> Option<Fault> {
        let s = &analysis.sentences[i];
        let text = s.norm.as_str();
        if text.starts_with(['"', '\'', '\u{201c}', '\u{2018}']) {
            return Some(Fault::Quote);
        }
        let lower = text.to_lowercase();
        let plain: Vec<&str> = lower
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let first = plain.first().copied().unwrap_or("");
        if BACKWARD_OPENERS.contains(&first)
            || BACKWARD_PHRASES.iter().any(|p| lower.starts_with(p))
        {
            return Some(Fault::PointsBack);
        }
        // "The opposition groups said": a plural definite description with
        // no name in its first words refers back to a group introduced
        // before ("The river burst its banks" reads well enough).
        let printed = words(&s.text);
        let head = || printed.iter().skip(1).take(3);
        let plural =
            |w: &str| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
        if matches!(first, "the" | "these" | "those")
            && head().all(|(w, _)| !is_name_word(w))
            && head().any(|(w, _)| plural(w))
        {
            return Some(Fault::Unnamed);
        }
        let mut introduced: FxHashSet<&str> = FxHashSet::default();
        // A sentence may introduce a name with its first word ("Bin Laden
        // already faces ..." where the cluster also writes "bin Laden").
        for run in name_runs(&s.text, None) {
            if let [single] = run.as_slice() {
                if self.surnames.contains(*single) && !introduced.contains(single) {
                    return Some(Fault::ShortName);
                }
            } else if let Some(last) = run.last() {
                introduced.insert(last);
            }
        }
        None
    }

    /// How much sentence `i` is about the cluster's main event.
    pub fn event(&self, i: usize) -> f64 {
        self.event.get(i).copied().unwrap_or(0.0)
    }

    /// The lead among `among` (sentence indices): the one that can open and
    /// is most about the main event, the first of equals in `among`'s order
    /// of texts; `None` when none can open.
    pub fn best(&self, analysis: &Analysis, among: &[usize]) -> Option<usize> {
        among.iter().copied().filter(|&i| self.fault(analysis, i).is_none()).max_by(|&a, &b| {
            self.event(a)
                .total_cmp(&self.event(b))
                // Ties break by text, not by document order.
                .then_with(|| analysis.sentences[b].text.cmp(&analysis.sentences[a].text))
        })
    }
}

impl Leads {
    /// The sentence of `among` with the mildest fault (see
    /// [`Fault::severity`]), and among those the one most about the main
    /// event (the first of `among` when it is empty of scores): the lead
    /// when none of `among` can open.
    pub fn most_central(&self, analysis: &Analysis, among: &[usize]) -> usize {
        let severity = |i: usize| self.fault(analysis, i).map_or(0, Fault::severity);
        among
            .iter()
            .copied()
            .max_by(|&a, &b| {
                severity(b)
                    .cmp(&severity(a))
                    .then_with(|| self.event(a).total_cmp(&self.event(b)))
                    .then_with(|| analysis.sentences[b].text.cmp(&analysis.sentences[a].text))
            })
            .unwrap_or(0)
    }
}

/// Each sentence's similarity to the other articles' openings (the dot
/// product with their unit-length centroids, summed, over the norm of the
/// sum of all of them), scaled by [`LATE`] past its own article's opening.
fn event_scores(analysis: &Analysis) -> Vec<f64> {
    let mut centroid = vec![0.0f64; analysis.lexicon.len()];
    let mut own: Vec<Vec<(u32, f64)>> = Vec::with_capacity(analysis.n_docs);
    let mut opening: Vec<Vec<(u32, f64)>> = vec![Vec::new(); analysis.n_docs];
    for (s, v) in analysis.sentences.iter().zip(&analysis.vectors) {
        if s.position < OPENING {
            opening[s.doc].extend(v.entries().iter().map(|&(t, w)| (t, f64::from(w))));
        }
    }
    for mut terms in opening {
        terms.sort_unstable_by_key(|&(t, _)| t);
        let mut merged: Vec<(u32, f64)> = Vec::with_capacity(terms.len());
        for (t, w) in terms {
            match merged.last_mut() {
                Some((last, sum)) if *last == t => *sum += w,
                _ => merged.push((t, w)),
            }
        }
        let norm = merged.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (t, w) in &mut merged {
                *w /= norm;
                centroid[*t as usize] += *w;
            }
        }
        own.push(merged);
    }
    let norm = centroid.iter().map(|w| w * w).sum::<f64>().sqrt().max(f64::MIN_POSITIVE);
    analysis
        .sentences
        .iter()
        .zip(&analysis.vectors)
        .map(|(s, v)| {
            let mine = &own[s.doc];
            let others: f64 = v
                .entries()
                .iter()
                .map(|&(t, w)| {
                    let in_own =
                        mine.binary_search_by_key(&t, |&(u, _)| u).map_or(0.0, |k| mine[k].1);
                    f64::from(w) * (centroid[t as usize] - in_own)
                })
                .sum();
            let cos = others / norm;
            if s.position < OPENING {
                cos
            } else {
                cos * LATE
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faults(docs: &[&[&str]]) -> Vec<Option<Fault>> {
        let a = crate::score::tests::analysis(docs);
        let leads = Leads::new(&a);
        (0..a.len()).map(|i| leads.fault(&a, i)).collect()
    }

    #[test]
    fn openers_that_point_back_or_name_no_one_cannot_lead() {
        let f = faults(&[&[
            "U.S. Secretary of State John Kerry arrived in Moscow on Tuesday for talks.",
            "The opposition groups said Assad should leave power.",
            "Kerry's meeting with Putin follows a meeting last week in Riyadh.",
            "For its part, the Russian Foreign Ministry issued a statement.",
            "\"We expect more clarity,\" Russian Foreign Minister Sergei Lavrov said.",
            "He is due to meet President Vladimir Putin on Tuesday.",
            "At the start of the meeting with Sergei Lavrov, Kerry said he wanted progress.",
            "Russian Foreign Minister Sergei Lavrov said Lavrov would meet the envoy.",
            "The U.S. and Free Syria and the Islamic State in Syria met the State envoy.",
            "The Russian Foreign Ministry said the talks were useful.",
        ]]);
        assert_eq!(
            f,
            [
                None,
                Some(Fault::Unnamed),
                Some(Fault::ShortName),
                Some(Fault::PointsBack),
                Some(Fault::Quote),
                Some(Fault::PointsBack),
                Some(Fault::ShortName),
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn capitalized_runs_that_are_no_full_names_give_no_short_forms() {
        // Each second sentence would be a short form if the run before it in
        // the first sentence were a person's full name.
        let f = faults(&[&[
            "Although Turkey denied it, the raid went on.",
            "Turkey massed troops on the border, although talks went on.",
            "Officials in Brasilia Sunday counted the votes.",
            "Sunday was quiet in the capital.",
            "The American Embassy closed its doors in the evening.",
            "Embassy staff left the city by road.",
            "Guerrillas of the Turkish Kurdish group attacked.",
            "Kurdish leaders denied it.",
            "Police called Dr. Barnett Slepian, a doctor.",
            "Dr. Slepian was shot at his home.",
            "Foreign Minister Sergei Lavrov met the envoy.",
            "Lavrov said the talks were useful.",
        ]]);
        assert_eq!(f[1], None, "Turkey");
        assert_eq!(f[3], None, "Sunday");
        assert_eq!(f[5], None, "Embassy");
        assert_eq!(f[7], None, "Kurdish");
        // "Dr. Slepian" is the title of one the cluster names in full.
        assert_eq!(f[9], Some(Fault::ShortName), "Slepian");
        assert_eq!(f[11], Some(Fault::ShortName), "Lavrov");
    }

    #[test]
    fn the_main_event_is_what_most_articles_open_with() {
        let a = crate::score::tests::analysis(&[
            &["The river burst its banks in Bramford on Sunday.", "Shops closed early."],
            &["Floods hit Bramford on Sunday as the river burst its banks.", "Rain fell."],
            &["A flood wall was planned for Bramford in 2015.", "It was never built."],
        ]);
        let leads = Leads::new(&a);
        // Sentences 0 and 2 open with the flood, 4 with the background.
        assert!(leads.event(0) > leads.event(4), "{} vs {}", leads.event(0), leads.event(4));
        assert!(leads.event(2) > leads.event(4), "{} vs {}", leads.event(2), leads.event(4));
        assert_eq!(leads.best(&a, &[4, 0]), Some(0));
    }

    #[test]
    fn when_none_can_open_the_mildest_fault_leads() {
        let a = crate::score::tests::analysis(&[
            &[
                "\"The river burst its banks in Bramford,\" Mayor Ann Cole said on Sunday.",
                "They said the river burst its banks in Bramford.",
            ],
            &[
                "Floods hit Bramford as the river burst its banks.",
                "Cole said the shops in Bramford closed early.",
            ],
            &["The residents said the river rose in Bramford.", "Rain fell in the hills."],
        ]);
        let leads = Leads::new(&a);
        let faults: Vec<_> = [0, 1, 3, 4].iter().map(|&i| leads.fault(&a, i)).collect();
        assert_eq!(
            faults,
            [
                Some(Fault::Quote),
                Some(Fault::PointsBack),
                Some(Fault::ShortName),
                Some(Fault::Unnamed)
            ]
        );
        // The quotation is more about the flood, but the short form of the
        // mayor's name reads better at the head of a summary.
        assert!(leads.event(0) > leads.event(3), "{} vs {}", leads.event(0), leads.event(3));
        assert_eq!(leads.most_central(&a, &[0, 1, 3, 4]), 3);
        assert_eq!(leads.most_central(&a, &[0, 1, 4]), 0);
        assert_eq!(leads.most_central(&a, &[1, 4]), 4);
        // A sentence that can open beats them all.
        assert_eq!(leads.most_central(&a, &[0, 1, 2, 3, 4]), 2);
    }
}
