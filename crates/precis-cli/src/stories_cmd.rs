//! `precis stories`: cluster an article stream into stories (as `precis
//! cluster` does) and summarize each story with the normal summarizer.
//!
//! A story is written when it is retired (quiet for longer than the
//! window, so a long stream is summarized as it goes and memory stays
//! bounded) and the stories still open at the end of the stream after, in
//! order of id. A story that another absorbed (see
//! [`precis::story::Assignment::absorbed`]) is summarized with it. One JSON
//! line per story: `{"story", "documents", "first_date"?, "last_date"?,
//! "summary", "sentences"}`, or `{"story", "documents", "error"}` when it
//! cannot be summarized.

use crate::cluster_cmd::{for_each_article, ClusterOptions};
use crate::output::Sink;
use crate::Status;
use anyhow::{Context, Result};
use clap::Args;
use precis::ingest::DocDate;
use precis::story::StoryClusterer;
use precis::{Budget, Cluster, Document, Method, OffEvent, Summarizer, SummarySentence};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Arguments of `precis stories`.
#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// A JSONL file of articles (optionally gzipped), a directory of
    /// .txt/.html articles, or `-` for standard input.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    #[command(flatten)]
    pub options: ClusterOptions,
    /// Summarize only stories of at least N articles.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    pub min_articles: u64,
    /// The summarization method (see `precis summarize --help`).
    #[arg(short, long, default_value = "auto")]
    pub method: Method,
    #[command(flatten)]
    pub length: crate::args::Length,
    /// Let sentences of a story's documents that report another event into
    /// its summary (left out by default; listed in "off_event" either way).
    #[arg(long)]
    pub keep_off_event: bool,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl StoriesArgs {
    fn budget(&self) -> Budget {
        self.length.budget()
    }
}

/// The articles of an open story.
#[derive(Default)]
struct Members {
    /// (input index, document), in input order.
    documents: Vec<(usize, Document)>,
    first: Option<DocDate>,
    last: Option<DocDate>,
}

#[derive(Serialize)]
struct StoryRecord<'a> {
    story: u64,
    documents: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<&'a [SummarySentence]>,
    /// The story's documents that report another event (left out of its
    /// summary unless `--keep-off-event`); with every summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    off_event: Option<&'a [OffEvent]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Runs `precis stories`.
pub fn run(args: &StoriesArgs) -> Result<Status> {
    let config = args.options.config()?;
    let summarizer = Summarizer::builder()
        .method(args.method)
        .budget(args.budget())
        .keep_off_event(args.keep_off_event)
        .build()
        .context("invalid options")?;
    let mut out = Sink::open(args.output.as_deref())?;
    let mut clusterer = StoryClusterer::new(config);
    let mut open: BTreeMap<u64, Members> = BTreeMap::new();
    let mut failed = false;
    let mut index = 0;
    let mut write = |id: u64, members: Members, out: &mut Sink| -> Result<()> {
        if (members.documents.len() as u64) < args.min_articles {
            return Ok(());
        }
        let docs: Vec<Document> = members.documents.into_iter().map(|(_, d)| d).collect();
        let cluster = Cluster::new(format!("story-{id}"), docs);
        let ids = cluster.documents.iter().map(|d| d.id.as_str()).collect();
        let mut record = StoryRecord {
            story: id,
            documents: ids,
            first_date: members.first.map(|d| d.to_string()),
            last_date: members.last.map(|d| d.to_string()),
            summary: None,
            sentences: None,
            off_event: None,
            error: None,
        };
        let summary = summarizer.summarize(&cluster);
        match &summary {
            Ok(s) => {
                record.summary = Some(s.text());
                record.sentences = Some(&s.sentences);
                record.off_event = Some(&s.off_event);
            }
            Err(e) => {
                eprintln!("error: story {id}: {e}");
                failed = true;
                record.error = Some(e.to_string());
            }
        }
        let mut line = serde_json::to_string(&record)?;
        line.push('\n');
        out.write(&line)
    };
    for_each_article(&args.input, |a| {
        let assignment = clusterer.assign(&a.article());
        if let Some(gone) = assignment.absorbed {
            if let Some(g) = open.remove(&gone) {
                let m = open.entry(assignment.story).or_default();
                m.documents.extend(g.documents);
                m.documents.sort_by_key(|&(i, _)| i);
                m.first = m.first.min(g.first).or(m.first).or(g.first);
                m.last = m.last.max(g.last);
            }
        }
        let m = open.entry(assignment.story).or_default();
        if let Some(d) = a.date {
            m.first = Some(m.first.map_or(d, |f| f.min(d)));
            m.last = Some(m.last.map_or(d, |l| l.max(d)));
        }
        let r = a.record;
        let mut doc = Document::new(r.id, r.text);
        doc.title = r.title;
        doc.date = r.date;
        doc.url = r.url;
        doc.source = r.source;
        m.documents.push((index, doc));
        index += 1;
        for id in clusterer.take_retired() {
            if let Some(members) = open.remove(&id) {
                write(id, members, &mut out)?;
            }
        }
        Ok(())
    })?;
    for (id, members) in std::mem::take(&mut open) {
        write(id, members, &mut out)?;
    }
    out.finish()?;
    Ok(if failed { Status::Failed } else { Status::Success })
}
