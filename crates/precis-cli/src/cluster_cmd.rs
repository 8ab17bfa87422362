//! `precis cluster`: put each article of a stream in a story, online, and
//! the reading of article streams that `precis stories` shares.
//!
//! INPUT is a JSONL file (gzipped or not, or `-` for standard input) of
//! articles, `{"id", "text", "date"?, "title"?, ...}` one a line (other
//! fields are ignored), or a directory of .txt/.html articles read in
//! file-name order. Each article is assigned when it is read, from what
//! came before it ([`precis::story`]); the output is one line per article,
//! in input order: `{"id", "story"}`.

use crate::eval_cmd::EvalArgs;
use crate::input::{self, Input};
use crate::output::Sink;
use crate::{BadInput, Status};
use anyhow::{Context, Result};
use clap::Args;
use precis::eval::clustering::{score, ClusteringScores};
use precis::ingest::DocDate;
use precis::record::Limits;
use precis::story::{Article, Assignment, StoryClusterer, StoryConfig};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of the clusterer, shared by `cluster` and `stories`.
#[derive(Debug, Clone, Args)]
pub struct ClusterOptions {
    /// Retire a story when the latest date seen is more than DAYS after its
    /// last article (dated articles only) [default: 1000].
    #[arg(long, value_name = "DAYS")]
    pub window: Option<u32>,
    /// Retire a story when N articles have been read since its last one
    /// [default: 10000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub window_articles: Option<u64>,
    /// Least similarity for an article to join a story (lower: fewer,
    /// larger stories) [default: the tuned value, see docs/results.md].
    #[arg(long, value_name = "X")]
    pub threshold: Option<f32>,
}

impl ClusterOptions {
    /// The clusterer's settings: the core defaults with these overrides.
    pub fn config(&self) -> Result<StoryConfig> {
        let mut c = StoryConfig::default();
        if let Some(w) = self.window {
            c.window_days = Some(w);
        }
        if let Some(w) = self.window_articles {
            c.window_articles = Some(w);
        }
        if let Some(t) = self.threshold {
            anyhow::ensure!(
                t.is_finite() && (0.0..=1.0).contains(&t),
                "--threshold {t} is outside 0..=1; give a similarity such as {}",
                StoryConfig::default().threshold
            );
            c.threshold = t;
        }
        Ok(c)
    }
}

/// Arguments of `precis cluster`.
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// A JSONL file of articles (optionally gzipped), a directory of
    /// .txt/.html articles, or `-` for standard input.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    #[command(flatten)]
    pub options: ClusterOptions,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Size limits on articles: the core's, the defaults of `precis summarize`.
const LIMITS: Limits = Limits::DEFAULT;

/// An article record of the input stream.
#[derive(Debug, Deserialize)]
pub struct ArticleRecord {
    /// The article id.
    pub id: String,
    /// The body text.
    pub text: String,
    /// The headline.
    #[serde(default)]
    pub title: Option<String>,
    /// ISO 8601 date or date-time.
    #[serde(default)]
    pub date: Option<String>,
    /// Where the article was published on the web.
    #[serde(default)]
    pub url: Option<String>,
    /// Who published it.
    #[serde(default)]
    pub source: Option<String>,
    /// The gold story, in evaluation streams.
    #[serde(default)]
    pub story: Option<String>,
}

/// An article read from the stream, with its day number.
pub struct StreamArticle {
    pub record: ArticleRecord,
    pub date: Option<DocDate>,
    pub day: Option<i64>,
}

impl StreamArticle {
    pub fn article(&self) -> Article<'_> {
        Article { text: &self.record.text, title: self.record.title.as_deref(), day: self.day }
    }
}

/// Reads the articles of INPUT in order and calls `f` with each; a line
/// that is not an article, or an article with a malformed date, is an error
/// naming the file, the line and the article.
pub fn for_each_article(path: &Path, mut f: impl FnMut(StreamArticle) -> Result<()>) -> Result<()> {
    match input::open(Some(path), LIMITS)? {
        Input::Cluster(cluster) => {
            for doc in cluster.documents {
                let record = ArticleRecord {
                    id: doc.id,
                    text: doc.text,
                    title: doc.title,
                    date: None,
                    url: doc.url,
                    source: doc.source,
                    story: None,
                };
                f(StreamArticle { record, date: None, day: None })?;
            }
        }
        Input::Batch { name, reader } => {
            for (n, line) in reader.lines().enumerate() {
                let line = line.with_context(|| format!("{name}: reading line {}", n + 1))?;
                if line.trim().is_empty() {
                    continue;
                }
                let record: ArticleRecord = serde_json::from_str(&line).map_err(|e| {
                    BadInput(format!(
                        "{name}:{}: not an article ({e}); each line must be a JSON object \
                         {{\"id\": ..., \"text\": ..., \"date\"?: \"YYYY-MM-DD\", \"title\"?: ...}}",
                        n + 1
                    ))
                })?;
                let date = match record.date.as_deref() {
                    Some(d) => Some(DocDate::parse(d).map_err(|e| {
                        BadInput(format!(
                            "{name}:{}: article {:?} has a malformed date: {e}; write \
                                     it as YYYY-MM-DD or an ISO 8601 date-time",
                            n + 1,
                            record.id
                        ))
                    })?),
                    None => None,
                };
                let day = date.map(DocDate::day);
                f(StreamArticle { record, date, day })?;
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    story: u64,
}

/// Runs `precis cluster`.
pub fn run(args: &ClusterArgs) -> Result<Status> {
    let config = args.options.config()?;
    let mut out = Sink::open(args.output.as_deref())?;
    let mut clusterer = StoryClusterer::new(config);
    let mut line = String::new();
    for_each_article(&args.input, |a| {
        let Assignment { story, .. } = clusterer.assign(&a.article());
        line.clear();
        line.push_str(&serde_json::to_string(&Line { id: &a.record.id, story })?);
        line.push('\n');
        out.write(&line)
    })?;
    out.finish()?;
    Ok(Status::Success)
}

/// What `precis eval --protocol stream` reports.
#[derive(Serialize)]
struct StreamReport {
    data: String,
    protocol: &'static str,
    articles: usize,
    /// The whole stream, clustered in one pass.
    whole: ClusteringScores,
    /// Each half of the stream clustered and scored on its own: a check
    /// that settings chosen on the whole are not fitted to it.
    first_half: ClusteringScores,
    second_half: ClusteringScores,
    /// The whole stream's stories scored on each part of it: the articles
    /// whose gold story has the same prefix before ':' (`duc2003`,
    /// `duc2006` in the development stream), in order of prefix; empty
    /// when the gold stories have fewer than two prefixes.
    parts: Vec<Part>,
    /// Articles clustered per second on one thread (reading excluded).
    articles_per_second: f64,
}

/// One part of an evaluation stream (see [`StreamReport::parts`]).
#[derive(Serialize)]
struct Part {
    prefix: String,
    #[serde(flatten)]
    scores: ClusteringScores,
}

/// The scores of `stories` on each part of the stream: the articles whose
/// gold story shares a prefix before ':' (a story without ':' is a part of
/// its own name), in order of prefix; none unless there are two parts.
fn parts(stories: &[u64], gold: &[String]) -> Vec<Part> {
    let prefix = |g: &String| g.split_once(':').map_or(g.as_str(), |(p, _)| p).to_owned();
    let mut prefixes: Vec<String> = gold.iter().map(prefix).collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    if prefixes.len() < 2 {
        return Vec::new();
    }
    prefixes
        .into_iter()
        .map(|p| {
            let (mut s, mut g) = (Vec::new(), Vec::new());
            for (story, gold) in stories.iter().zip(gold) {
                if prefix(gold) == p {
                    s.push(*story);
                    g.push(gold);
                }
            }
            Part { scores: score(&s, &g), prefix: p }
        })
        .collect()
}

/// Runs `precis eval --protocol stream`: clusters the articles of `--data`
/// (each with its gold `story`) and prints B-cubed and pairwise scores.
pub fn eval(args: &EvalArgs) -> Result<Status> {
    let config = StoryConfig::default();
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    for_each_article(&args.data, |a| {
        if args.limit.is_some_and(|l| articles.len() >= l) {
            return Ok(());
        }
        let Some(story) = a.record.story.clone() else {
            anyhow::bail!(BadInput(format!(
                "{}: article {:?} has no \"story\" field; --protocol stream needs the gold \
                 story of every article",
                args.data.display(),
                a.record.id
            )));
        };
        gold.push(story);
        articles.push(a);
        Ok(())
    })?;
    anyhow::ensure!(
        !articles.is_empty(),
        BadInput(format!("{}: no articles to evaluate", args.data.display()))
    );
    let cluster = |range: std::ops::Range<usize>| -> (Vec<u64>, f64) {
        let start = Instant::now();
        let mut c = StoryClusterer::new(config.clone());
        let stories = articles[range].iter().map(|a| c.assign(&a.article()).story).collect();
        (stories, start.elapsed().as_secs_f64())
    };
    let n = articles.len();
    let half = n / 2;
    let (stories, secs) = cluster(0..n);
    let whole = score(&stories, &gold);
    let parts = parts(&stories, &gold);
    let first_half = score(&cluster(0..half).0, &gold[..half]);
    let second_half = score(&cluster(half..n).0, &gold[half..]);
    let report = StreamReport {
        data: args.data.display().to_string(),
        protocol: "stream",
        articles: n,
        whole,
        first_half,
        second_half,
        parts,
        articles_per_second: n as f64 / secs.max(1e-9),
    };
    let mut out = BufWriter::new(io::stdout());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} — {} articles — story clustering (threshold {}, window {:?} days)",
            report.data, n, config.threshold, config.window_days
        )?;
        writeln!(
            out,
            "| part        | articles | stories (gold) | B3 P   | B3 R   | B3 F1  | pair P | pair R | pair F1 |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")?;
        let parts = report.parts.iter().map(|p| (format!("part {}", p.prefix), &p.scores));
        for (name, s) in [
            ("whole".to_owned(), &report.whole),
            ("first half".to_owned(), &report.first_half),
            ("second half".to_owned(), &report.second_half),
        ]
        .into_iter()
        .chain(parts)
        {
            writeln!(
                out,
                "| {name:<11} | {:>8} | {:>6} ({:>5}) | {:.4} | {:.4} | {:.4} | {:.4} | {:.4} | {:.4}  |",
                s.items,
                s.predicted_clusters,
                s.gold_clusters,
                s.bcubed_precision,
                s.bcubed_recall,
                s.bcubed_f1,
                s.pairwise_precision,
                s.pairwise_recall,
                s.pairwise_f1
            )?;
        }
        writeln!(
            out,
            "{:.0} articles/s on one thread (reading excluded)",
            report.articles_per_second
        )?;
    }
    out.flush()?;
    Ok(Status::Success)
}
