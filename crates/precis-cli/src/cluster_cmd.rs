//! `precis cluster`: put each article of a stream in a story, online, and
//! the reading of article streams that `precis stories` shares.
//!
//! INPUT is a JSONL file (gzipped or not, or `-` for standard input) of
//! articles, `{"id", "text", "date"?, "title"?, ...}` one a line (other
//! fields are ignored), or a directory of .txt/.html articles read in
//! file-name order. Each article is assigned when it is read, from what
//! came before it ([`precis::story`]); the output is one line per article,
//! in input order: `{"id", "story"}`.

use crate::input::{self, Input};
use crate::{BadInput, Status};
use anyhow::{Context, Result};
use clap::Args;
use precis::story::{parse_day, Article, Assignment, StoryClusterer, StoryConfig};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Options of the clusterer, shared by `cluster` and `stories`.
#[derive(Debug, Clone, Args)]
pub struct ClusterOptions {
    /// Retire a story when the latest date seen is more than DAYS after its
    /// last article (dated articles only) [default: 400].
    #[arg(long, value_name = "DAYS")]
    pub window: Option<u32>,
    /// Retire a story when N articles have been read since its last one
    /// [default: 1000000].
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
}

/// An article read from the stream, with its day number.
pub struct StreamArticle {
    pub record: ArticleRecord,
    pub day: Option<i32>,
}

impl StreamArticle {
    pub fn article(&self) -> Article<'_> {
        Article { text: &self.record.text, title: self.record.title.as_deref(), day: self.day }
    }
}

/// Reads the articles of INPUT in order and calls `f` with each; a line
/// that is not an article, or an article with a malformed date, is an error
/// naming the file, the line and the article.
pub fn for_each_article(
    path: &Path,
    mut f: impl FnMut(StreamArticle) -> Result<()>,
) -> Result<()> {
    match input::open(Some(path))? {
        Input::Cluster(cluster) => {
            for doc in cluster.documents {
                let record = ArticleRecord { id: doc.id, text: doc.text, title: None, date: None };
                f(StreamArticle { record, day: None })?;
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
                let day = match record.date.as_deref() {
                    Some(d) => Some(parse_day(d).map_err(|e| {
                        BadInput(format!("{name}:{}: article {:?}: {e}", n + 1, record.id))
                    })?),
                    None => None,
                };
                f(StreamArticle { record, day })?;
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
    let mut out = open_output(args.output.as_deref())?;
    let mut clusterer = StoryClusterer::new(config);
    for_each_article(&args.input, |a| {
        let Assignment { story, .. } = clusterer.assign(&a.article());
        serde_json::to_writer(&mut out, &Line { id: &a.record.id, story })?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(Status::Success)
}

/// Standard output, or FILE for `-o FILE`, buffered.
pub fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => {
            let file = File::create(p)
                .with_context(|| format!("cannot create output file {}", p.display()))?;
            Box::new(BufWriter::new(file))
        }
        None => Box::new(BufWriter::new(io::stdout())),
    })
}
