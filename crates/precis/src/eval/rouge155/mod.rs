//! ROUGE exactly as the ROUGE-1.5.5.pl script computes it.
//!
//! # Brief overview
//!
//! [`Options`] mirrors the script's flags ([`Options::from_flags`] parses
//! them). A [`Rouge155`] built from them scores one peer summary against
//! its model (reference) summaries with [`Rouge155::score_cluster`],
//! returning [`ClusterScores`], the numbers `-d` prints per evaluation.
//! [`Rouge155::average`] turns the clusters' scores into the averages and
//! bootstrap confidence intervals the script prints.
//!
//! Summaries are text in the script's SPL format: one sentence a line.
//! Sentence lines matter for ROUGE-L and ROUGE-W and for where `-l`/`-b`
//! cut; ROUGE-N and ROUGE-S see only the words.
//!
//! ```
//! use precis::eval::rouge155::{Options, Rouge155};
//!
//! let rouge = Rouge155::new(Options::from_flags("-n 2 -m -a -x -2 4 -u").unwrap());
//! let scores = rouge.score_cluster(
//!     "The cats sat on the mat.",
//!     &["A cat sat on the mat.", "The cat was on a mat."],
//! );
//! // Unigrams: 5 of the first model's 6 words and 4 of the second's
//! // (`-m` stems "cats" to "cat"): recall 9/12.
//! assert_eq!(scores.get("ROUGE-1").unwrap().recall, 0.75);
//! let report = rouge.average(&[scores]);
//! assert_eq!(report[0].metric, "ROUGE-1");
//! ```
//!
//! # What is reproduced
//!
//! Every behaviour that changes a number, read off the script's source:
//! its tokenizer and length limits (see `tokenize.rs`), its own Porter
//! stemmer and the WordNet exception lookup for tokens longer than 3 bytes
//! (`-m`), its stopword list (`-s`), ROUGE-N, summary-level union-LCS
//! ROUGE-L with its unigram clipping, ROUGE-W, ROUGE-S and ROUGE-SU with a
//! skip distance, `-f A` (sum hits and counts over models) and `-f B` (the
//! model with the best recall, first one on ties, compared after rounding
//! for ROUGE-N and ROUGE-S as the script does), `-p` alpha, `-t 0` and
//! `-t 1` counting, and the seeded bootstrap. Every per-cluster score is
//! rounded to 5 decimals as the script's `sprintf` does, and F is computed
//! from the rounded recall and precision. The script does no jackknifing;
//! [`Rouge155::score_jackknife`] does it as NIST did for DUC 2005-2007.
//!
//! Not supported: basic elements (`-3`), `-M`, raw counts (`-t 2`).
//!
//! # Speed
//!
//! Each summary is tokenized, stemmed and counted once
//! ([`Rouge155::prepare`]); tokens are interned ids and n-gram counts are
//! sorted vectors, so scoring a peer is linear merges plus the LCS tables.
//! Stems are cached per scorer.

mod bootstrap;
mod stem;
mod tokenize;
mod wordnet;

use std::sync::Mutex;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::lcs::{LcsTable, LcsText};
use super::ngrams::{Grams, Interner};
use crate::{Error, Result};
pub use bootstrap::Estimate;
use bootstrap::{f_measure, round5, Resampling};
pub use tokenize::Limit;

/// How scores against several models combine (`-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scoring {
    /// `-f A` (default): add up hits and counts over all models.
    #[default]
    Average,
    /// `-f B`: use the model with the highest recall.
    Best,
}

/// What the average is taken over (`-t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Counting {
    /// `-t 0` (default): average the per-cluster scores.
    #[default]
    Sentence,
    /// `-t 1`: pool the counts of all clusters, then divide.
    Token,
}

/// Which skip-bigram scores to compute (`-2`, `-u`, `-U`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SkipUnigrams {
    /// Plain ROUGE-S (`-2 d`).
    #[default]
    Without,
    /// ROUGE-SU: unigrams counted too (`-2 d -u`).
    With,
    /// Both ROUGE-S and ROUGE-SU (`-2 d -U`).
    Both,
}

/// ROUGE-S settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipBigram {
    /// `-2 d`: at most `d` words between the two words of a pair; `None`
    /// (a negative `d`) for no limit.
    pub max_gap: Option<usize>,
    /// Whether unigrams count (`-u`, `-U`).
    pub unigrams: SkipUnigrams,
}

/// The script's options that change numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// `-n N`: ROUGE-1 to ROUGE-N; 0 (the default) for none.
    pub max_n: usize,
    /// `-m`: stem with ROUGE's Porter stemmer and WordNet exceptions.
    /// Default off.
    pub stem: bool,
    /// `-s`: remove ROUGE's stopwords. Default off.
    pub remove_stopwords: bool,
    /// `-l N` / `-b N`: truncate peers and models. Default none.
    pub limit: Limit,
    /// ROUGE-L; `-x` turns it off. Default on.
    pub rouge_l: bool,
    /// `-w W`: ROUGE-W with weight `W` (1.2 is usual). Default off.
    pub wlcs_weight: Option<f64>,
    /// `-2 d`, `-u`, `-U`: ROUGE-S. Default off.
    pub skip_bigram: Option<SkipBigram>,
    /// `-f A|B`. Default `A`.
    pub scoring: Scoring,
    /// `-p alpha`: F = P·R / ((1 − α)·P + α·R). Default 0.5.
    pub alpha: f64,
    /// `-t 0|1`. Default 0.
    pub counting: Counting,
    /// `-c CF`: confidence level in percent. Default 95.
    pub confidence: f64,
    /// `-r N`: bootstrap resamples. Default 1000.
    pub resamples: usize,
}

impl Default for Options {
    /// The script's defaults: ROUGE-L only, 95% intervals from 1000 resamples.
    fn default() -> Self {
        Options {
            max_n: 0,
            stem: false,
            remove_stopwords: false,
            limit: Limit::None,
            rouge_l: true,
            wlcs_weight: None,
            skip_bigram: None,
            scoring: Scoring::Average,
            alpha: 0.5,
            counting: Counting::Sentence,
            confidence: 95.0,
            resamples: 1000,
        }
    }
}

impl Options {
    /// The DUC 2003/2004 convention:
    /// `-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u`.
    pub fn duc() -> Options {
        Options {
            max_n: 4,
            stem: true,
            limit: Limit::Words(100),
            rouge_l: false,
            skip_bigram: Some(SkipBigram { max_gap: Some(4), unigrams: SkipUnigrams::With }),
            ..Options::default()
        }
    }

    /// NIST's convention for the query-focused and update tasks of DUC
    /// 2005-2007: `-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l
    /// words` (250 words for DUC 2005 and 2006, 100 for the 2007 update
    /// task), with ROUGE-L on. NIST reported recall jackknifed over the
    /// models: score with [`Rouge155::score_jackknife`].
    pub fn duc_query(words: usize) -> Options {
        Options {
            max_n: 4,
            stem: true,
            limit: Limit::Words(words),
            wlcs_weight: Some(1.2),
            skip_bigram: Some(SkipBigram { max_gap: Some(4), unigrams: SkipUnigrams::With }),
            ..Options::default()
        }
    }

    /// Parses ROUGE-1.5.5.pl flags, e.g. `"-n 4 -m -a -l 100 -x -2 4 -u"`.
    ///
    /// Flags may be bundled as Perl's `getopts` allows (`-mx`). Flags that
    /// do not change numbers (`-a`, `-d`, `-e DIR`, `-v`, `-z FMT`) are
    /// accepted and ignored; `-3`, `-M`, `-t 2` and `-h` are errors.
    pub fn from_flags(flags: &str) -> Result<Options> {
        let bad = |msg: String| Error::Config(format!("ROUGE-1.5.5 flags {flags:?}: {msg}"));
        let mut o = Options::default();
        let mut words = None;
        let mut bytes = None;
        let mut skip_gap: Option<i64> = None;
        let (mut u, mut big_u) = (false, false);
        let mut args = flags.split_whitespace();
        while let Some(arg) = args.next() {
            let Some(switches) = arg.strip_prefix('-').filter(|s| !s.is_empty()) else {
                return Err(bad(format!("unexpected argument {arg:?}")));
            };
            for (i, flag) in switches.char_indices() {
                let takes_value = "bcefjlnprtwz23".contains(flag);
                if !takes_value {
                    match flag {
                        'a' | 'd' | 'v' => {}
                        'm' => o.stem = true,
                        's' => o.remove_stopwords = true,
                        'x' => o.rouge_l = false,
                        'u' => u = true,
                        'U' => big_u = true,
                        _ => return Err(bad(format!("unsupported flag -{flag}"))),
                    }
                    continue;
                }
                let rest = &switches[i + flag.len_utf8()..];
                let value = if rest.is_empty() { args.next() } else { Some(rest) }
                    .ok_or_else(|| bad(format!("-{flag} needs a value")))?;
                let number = |v: &str| -> Result<f64> {
                    v.parse::<f64>().map_err(|_| bad(format!("-{flag} needs a number, got {v:?}")))
                };
                let count = |v: &str| -> Result<usize> {
                    v.parse::<usize>()
                        .map_err(|_| bad(format!("-{flag} needs a whole number, got {v:?}")))
                };
                match flag {
                    'n' => o.max_n = count(value)?,
                    'l' => words = Some(count(value)?),
                    'b' => bytes = Some(count(value)?),
                    'w' => {
                        let w = number(value)?;
                        if w <= 0.0 {
                            return Err(bad("ROUGE-W weight must be greater than 0".into()));
                        }
                        o.wlcs_weight = Some(w);
                    }
                    '2' => {
                        skip_gap =
                            Some(value.parse().map_err(|_| {
                                bad(format!("-2 needs a whole number, got {value:?}"))
                            })?)
                    }
                    'f' => {
                        o.scoring = match value {
                            "A" => Scoring::Average,
                            "B" => Scoring::Best,
                            _ => return Err(bad(format!("-f takes A or B, got {value:?}"))),
                        }
                    }
                    'p' => {
                        o.alpha = number(value)?;
                        if !(0.0..=1.0).contains(&o.alpha) {
                            return Err(bad("-p alpha must be within 0 and 1".into()));
                        }
                    }
                    't' => {
                        o.counting = match value {
                            "1" => Counting::Token,
                            "2" => return Err(bad("-t 2 (raw counts) is not supported".into())),
                            // The script treats anything else as 0.
                            _ => Counting::Sentence,
                        }
                    }
                    'c' => {
                        o.confidence = number(value)?;
                        if !(0.0..=100.0).contains(&o.confidence) {
                            return Err(bad("-c must be within 0 and 100".into()));
                        }
                    }
                    'r' => o.resamples = count(value)?,
                    'e' | 'z' => {}
                    _ => return Err(bad(format!("unsupported flag -{flag}"))),
                }
                break;
            }
        }
        o.limit = match (words, bytes) {
            (Some(_), Some(_)) => {
                return Err(bad("give a length limit in words or bytes, not both".into()))
            }
            (Some(0), None) | (None, Some(0)) | (None, None) => Limit::None,
            (Some(n), None) => Limit::Words(n),
            (None, Some(n)) => Limit::Bytes(n),
        };
        // The script checks -u before -U.
        let unigrams = match (u, big_u) {
            (true, _) => SkipUnigrams::With,
            (false, true) => SkipUnigrams::Both,
            (false, false) => SkipUnigrams::Without,
        };
        o.skip_bigram =
            skip_gap.map(|gap| SkipBigram { max_gap: usize::try_from(gap).ok(), unigrams });
        Ok(o)
    }

    /// The metrics these options compute, in the script's output order.
    pub fn metrics(&self) -> Vec<Metric> {
        let mut out: Vec<Metric> = (1..=self.max_n).map(Metric::N).collect();
        if self.rouge_l {
            out.push(Metric::L);
        }
        if let Some(weight) = self.wlcs_weight {
            out.push(Metric::W(weight));
        }
        if let Some(skip) = self.skip_bigram {
            match skip.unigrams {
                SkipUnigrams::Without => out.push(Metric::S(skip.max_gap)),
                SkipUnigrams::With => out.push(Metric::SU(skip.max_gap)),
                SkipUnigrams::Both => {
                    out.push(Metric::S(skip.max_gap));
                    out.push(Metric::SU(skip.max_gap));
                }
            }
        }
        out
    }
}

/// One ROUGE measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Metric {
    /// ROUGE-N.
    N(usize),
    /// ROUGE-L.
    L,
    /// ROUGE-W with its weight.
    W(f64),
    /// ROUGE-S with its skip distance (`None` for unlimited).
    S(Option<usize>),
    /// ROUGE-SU with its skip distance.
    SU(Option<usize>),
}

impl Metric {
    /// The name the script prints: `ROUGE-1`, `ROUGE-L`, `ROUGE-W-1.2`,
    /// `ROUGE-S4`, `ROUGE-SU4`, `ROUGE-SU*`.
    pub fn name(&self) -> String {
        let gap = |g: &Option<usize>| g.map_or("*".to_owned(), |g| g.to_string());
        match self {
            Metric::N(n) => format!("ROUGE-{n}"),
            Metric::L => "ROUGE-L".to_owned(),
            Metric::W(w) => format!("ROUGE-W-{w}"),
            Metric::S(g) => format!("ROUGE-S{}", gap(g)),
            Metric::SU(g) => format!("ROUGE-SU{}", gap(g)),
        }
    }
}

/// Recall, precision and F of one metric on one cluster, with the counts
/// they come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Recall, rounded to 5 decimals as the script stores it.
    pub recall: f64,
    /// Precision, rounded to 5 decimals.
    pub precision: f64,
    /// F computed from the rounded recall and precision, then rounded.
    pub f1: f64,
    /// Model-side count (summed over models under `-f A`); weighted for
    /// ROUGE-W.
    pub model_count: f64,
    /// Peer-side count (once per model under `-f A`).
    pub peer_count: f64,
    /// Clipped matches.
    pub hits: f64,
}

/// The scores of one peer on one cluster, one per metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterScores {
    /// `(metric name, score)` in [`Options::metrics`] order.
    pub scores: Vec<(String, Score)>,
}

impl ClusterScores {
    /// The score of the metric named `name` (e.g. `"ROUGE-2"`).
    pub fn get(&self, name: &str) -> Option<&Score> {
        self.scores.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }
}

/// A metric's average over clusters, as the script prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricAverage {
    /// The metric's name, e.g. `ROUGE-SU4`.
    pub metric: String,
    /// `Average_R` with its interval.
    pub recall: Estimate,
    /// `Average_P` with its interval.
    pub precision: Estimate,
    /// `Average_F` with its interval.
    pub f1: Estimate,
}

/// A summary tokenized, stemmed and counted for one [`Rouge155`].
///
/// Ids are private to the scorer that made it: score it only with that
/// scorer.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Which scorer made it.
    owner: usize,
    /// `readText_LCS` sentences with `readText` unigram counts, when
    /// ROUGE-L or ROUGE-W is on.
    lcs: LcsText,
    /// `readText` token count (the peer side of ROUGE-L/W).
    len: u32,
    /// ROUGE-1..N counts.
    ngrams: Vec<Grams>,
    /// ROUGE-S counts, without and with unigrams.
    skip: [Option<Grams>; 2],
}

/// Token ids and cached stems of one scorer.
#[derive(Debug, Default)]
struct Vocabulary {
    /// Stemmed form to id.
    ids: Interner,
    /// Raw token to id, or [`STOPWORD`].
    raw: FxHashMap<Box<str>, u32>,
}

const STOPWORD: u32 = u32::MAX;

/// ROUGE-1.5.5's `-m` stemming of one token (`MorphStem`, as the script
/// applies it): tokens of at most 3 bytes stay as they are, others are
/// looked up in the WordNet 2.0 exception lists and else Porter-stemmed by
/// the script's own stemmer. `token` should be a token of ROUGE's tokenizer
/// (lower-case ASCII letters and digits).
pub fn stem(token: &str) -> String {
    if token.len() <= 3 {
        return token.to_owned();
    }
    match wordnet::exceptions().get(token) {
        Some(base) => (*base).to_owned(),
        None => stem::stem(token),
    }
}

/// A ROUGE-1.5.5 scorer for one set of options.
///
/// It is `Sync`: prepare and score from several threads at once.
#[derive(Debug)]
pub struct Rouge155 {
    /// Tells its [`Prepared`] summaries from other scorers'.
    id: usize,
    options: Options,
    metrics: Vec<Metric>,
    vocabulary: Mutex<Vocabulary>,
}

impl Rouge155 {
    /// A scorer for `options`.
    pub fn new(options: Options) -> Rouge155 {
        let metrics = options.metrics();
        Rouge155 {
            id: super::ngrams::next_scorer_id(),
            options,
            metrics,
            vocabulary: Mutex::new(Vocabulary::default()),
        }
    }

    /// The options it scores with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The metrics it computes, in output order.
    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }

    fn id(&self) -> usize {
        self.id
    }

    /// Tokenizes, truncates, stems and counts one summary (SPL: a sentence a
    /// line). Do this once per reference and reuse it for every peer.
    pub fn prepare(&self, text: &str) -> Prepared {
        let o = &self.options;
        let mut vocabulary = self.vocabulary.lock().unwrap_or_else(|e| e.into_inner());
        let mut ids = |piece: &[u8], out: &mut Vec<u32>| {
            tokenize::for_each_token(piece, |token| {
                let id = self.token_id(&mut vocabulary, token);
                if id != STOPWORD {
                    out.push(id);
                }
            });
        };
        let mut tokens = Vec::new();
        for piece in tokenize::read_text(text, o.limit) {
            ids(&piece, &mut tokens);
        }
        let mut sentences = Vec::new();
        if o.rouge_l || o.wlcs_weight.is_some() {
            for piece in tokenize::read_text_lcs(text, o.limit) {
                let mut sentence = Vec::new();
                ids(&piece, &mut sentence);
                sentences.push(sentence);
            }
        }
        drop(vocabulary);

        let ngrams = (1..=o.max_n).map(|n| Grams::ngrams(&tokens, n)).collect();
        let mut skip = [None, None];
        if let Some(s) = o.skip_bigram {
            let (plain, with) = match s.unigrams {
                SkipUnigrams::Without => (true, false),
                SkipUnigrams::With => (false, true),
                SkipUnigrams::Both => (true, true),
            };
            if plain {
                skip[0] = Some(skip_bigrams(&tokens, s.max_gap, false));
            }
            if with {
                skip[1] = Some(skip_bigrams(&tokens, s.max_gap, true));
            }
        }
        let lcs = if o.rouge_l || o.wlcs_weight.is_some() {
            LcsText::new(&sentences, &tokens)
        } else {
            LcsText::default()
        };
        let len = tokens.len() as u32;
        Prepared { owner: self.id(), lcs, len, ngrams, skip }
    }

    /// The id of a raw token after stopword removal and stemming.
    fn token_id(&self, vocabulary: &mut Vocabulary, token: &str) -> u32 {
        if let Some(&id) = vocabulary.raw.get(token) {
            return id;
        }
        let o = &self.options;
        let id = if o.remove_stopwords && wordnet::stopwords().contains(token) {
            STOPWORD
        } else if o.stem && token.len() > 3 {
            match wordnet::exceptions().get(token) {
                Some(base) => vocabulary.ids.intern(base),
                None => vocabulary.ids.intern(&stem::stem(token)),
            }
        } else {
            vocabulary.ids.intern(token)
        };
        vocabulary.raw.insert(token.into(), id);
        id
    }

    /// Scores `peer` against `models`; both are SPL text.
    pub fn score_cluster(&self, peer: &str, models: &[&str]) -> ClusterScores {
        let models: Vec<Prepared> = models.iter().map(|m| self.prepare(m)).collect();
        self.score(&self.prepare(peer), &models)
    }

    /// Scores a prepared peer against prepared models.
    ///
    /// # Panics
    ///
    /// If any of them was prepared by another scorer.
    pub fn score(&self, peer: &Prepared, models: &[Prepared]) -> ClusterScores {
        let models: Vec<&Prepared> = models.iter().collect();
        self.score_refs(peer, &models)
    }

    /// [`Rouge155::score`] over borrowed models.
    fn score_refs(&self, peer: &Prepared, models: &[&Prepared]) -> ClusterScores {
        assert!(
            peer.owner == self.id() && models.iter().all(|m| m.owner == self.id()),
            "a Prepared summary was scored by a Rouge155 other than the one that prepared it"
        );
        let mut table = LcsTable::default();
        let scores = self
            .metrics
            .iter()
            .map(|metric| {
                let per_model: Vec<Hit> = models
                    .iter()
                    .map(|model| match *metric {
                        Metric::N(n) => Hit::grams(&model.ngrams[n - 1], &peer.ngrams[n - 1]),
                        Metric::S(_) => Hit::grams(
                            model.skip[0].as_ref().unwrap_or(&Grams::default()),
                            peer.skip[0].as_ref().unwrap_or(&Grams::default()),
                        ),
                        Metric::SU(_) => Hit::grams(
                            model.skip[1].as_ref().unwrap_or(&Grams::default()),
                            peer.skip[1].as_ref().unwrap_or(&Grams::default()),
                        ),
                        Metric::L => lcs_hit(&mut table, model, peer, None),
                        Metric::W(w) => lcs_hit(&mut table, model, peer, Some(w)),
                    })
                    .collect();
                (metric.name(), self.combine(metric, &per_model))
            })
            .collect();
        ClusterScores { scores }
    }

    /// Scores `peer` jackknifed over its models, as NIST computed the
    /// official DUC 2005-2007 figures: with `M > 1` models, the peer is
    /// scored against each of the `M` sets of `M - 1` models and recall,
    /// precision, F and the counts are averaged over the `M` scores. With
    /// one model (or none) this is [`Rouge155::score`].
    ///
    /// The script itself does no jackknifing; NIST ran it once per set.
    ///
    /// ```
    /// use precis::eval::rouge155::{Options, Rouge155};
    ///
    /// let rouge = Rouge155::new(Options::from_flags("-n 1 -x -r 0").unwrap());
    /// let peer = rouge.prepare("a b c d");
    /// let models: Vec<_> = ["a b x y", "a b c y"].iter().map(|m| rouge.prepare(m)).collect();
    /// // Against the second model alone recall is 3/4, against the first 2/4.
    /// let r = rouge.score_jackknife(&peer, &models).get("ROUGE-1").unwrap().recall;
    /// assert_eq!(r, 0.625);
    /// ```
    pub fn score_jackknife(&self, peer: &Prepared, models: &[Prepared]) -> ClusterScores {
        if models.len() < 2 {
            return self.score(peer, models);
        }
        let runs: Vec<ClusterScores> = (0..models.len())
            .map(|out| {
                let rest: Vec<&Prepared> =
                    models.iter().enumerate().filter(|&(k, _)| k != out).map(|(_, m)| m).collect();
                self.score_refs(peer, &rest)
            })
            .collect();
        let n = runs.len() as f64;
        let scores = runs[0]
            .scores
            .iter()
            .enumerate()
            .map(|(k, (name, _))| {
                let mut mean = Score {
                    recall: 0.0,
                    precision: 0.0,
                    f1: 0.0,
                    model_count: 0.0,
                    peer_count: 0.0,
                    hits: 0.0,
                };
                for run in &runs {
                    let s = &run.scores[k].1;
                    mean.recall += s.recall / n;
                    mean.precision += s.precision / n;
                    mean.f1 += s.f1 / n;
                    mean.model_count += s.model_count / n;
                    mean.peer_count += s.peer_count / n;
                    mean.hits += s.hits / n;
                }
                (name.clone(), mean)
            })
            .collect();
        ClusterScores { scores }
    }

    /// Combines per-model hits under `-f` and rounds as the script does.
    fn combine(&self, metric: &Metric, per_model: &[Hit]) -> Score {
        let o = &self.options;
        let (mut hits, mut model_count, mut peer_count) = (0.0, 0.0, 0.0);
        let weight = match metric {
            Metric::W(w) => Some(*w),
            _ => None,
        };
        let weigh = |x: f64| weight.map_or(x, |w| x.powf(w));
        match o.scoring {
            Scoring::Average => {
                for h in per_model {
                    hits += h.hits;
                    model_count += weigh(h.model_count);
                    peer_count += weigh(h.peer_count);
                }
            }
            Scoring::Best => {
                let mut best = -1.0;
                for h in per_model {
                    if h.score > best {
                        best = h.score;
                        hits = h.hits;
                        model_count = weigh(h.model_count);
                        peer_count = weigh(h.peer_count);
                    }
                }
            }
        }
        let unweigh = |x: f64| weight.map_or(x, |w| x.powf(1.0 / w));
        let ratio = |count: f64| if count != 0.0 { round5(unweigh(hits / count)) } else { 0.0 };
        let recall = ratio(model_count);
        let precision = ratio(peer_count);
        let f1 = round5(f_measure(precision, recall, o.alpha));
        Score { recall, precision, f1, model_count, peer_count, hits }
    }

    /// Averages and bootstrap intervals over clusters, one entry per metric.
    ///
    /// `clusters` must be in the order the script sorts its evaluations:
    /// by `"{cluster id}.{peer id}"` as byte strings. The order changes
    /// which clusters each resample draws, hence the printed digits.
    pub fn average(&self, clusters: &[ClusterScores]) -> Vec<MetricAverage> {
        let o = &self.options;
        let resampling = Resampling {
            counting: o.counting,
            alpha: o.alpha,
            resamples: o.resamples,
            confidence: o.confidence,
        };
        self.metrics
            .iter()
            .enumerate()
            .map(|(k, metric)| {
                let rows: Vec<[f64; 3]> = clusters
                    .iter()
                    .filter_map(|c| c.scores.get(k))
                    .map(|(_, s)| match o.counting {
                        Counting::Sentence => [s.recall, s.precision, s.f1],
                        Counting::Token => [s.model_count, s.peer_count, s.hits],
                    })
                    .collect();
                let [recall, precision, f1] = bootstrap::average(&rows, &resampling);
                MetricAverage { metric: metric.name(), recall, precision, f1 }
            })
            .collect()
    }
}

/// The counts of one metric against one model.
struct Hit {
    hits: f64,
    model_count: f64,
    peer_count: f64,
    /// The per-model recall `-f B` compares: rounded for n-grams and skip
    /// bigrams (`ngramScore` rounds), unrounded for LCS.
    score: f64,
}

impl Hit {
    fn grams(model: &Grams, peer: &Grams) -> Hit {
        let hits = f64::from(model.hits(peer));
        let model_count = f64::from(model.total);
        let score = if model.total != 0 { round5(hits / model_count) } else { 0.0 };
        Hit { hits, model_count, peer_count: f64::from(peer.total), score }
    }
}

/// ROUGE-S pairs (`createSkipBigram`): each token with the next
/// `max_gap + 1` tokens and, with `unigrams`, the token itself. The last
/// token never starts a pair, so with unigrams on it is not counted alone
/// either, and a one-word summary counts nothing.
fn skip_bigrams(tokens: &[u32], max_gap: Option<usize>, unigrams: bool) -> Grams {
    let mut pairs = Vec::new();
    for i in 0..tokens.len().saturating_sub(1) {
        if unigrams {
            pairs.push([tokens[i], u32::MAX]);
        }
        let end = max_gap.map_or(tokens.len(), |g| (i + g + 2).min(tokens.len()));
        for j in i + 1..end {
            pairs.push([tokens[i], tokens[j]]);
        }
    }
    Grams::pairs(&pairs)
}

/// ROUGE-L (`lcs`) or, with a weight, ROUGE-W (`wlcs`) against one model.
fn lcs_hit(table: &mut LcsTable, model: &Prepared, peer: &Prepared, weight: Option<f64>) -> Hit {
    let (hits, base) = model.lcs.union_lcs(&peer.lcs, weight, table);
    let score = match weight {
        None if base > 0.0 => hits / base,
        Some(w) if base > 0.0 => (hits / base).powf(1.0 / w),
        _ => 0.0,
    };
    Hit { hits, model_count: base, peer_count: f64::from(peer.len), score }
}
