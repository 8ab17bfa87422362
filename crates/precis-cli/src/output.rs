//! Output: summaries and failed records in the chosen format.
//!
//! Summaries go through the core renderers ([`precis::render`]), so the CLI
//! writes the same wire format as every other front end; so do failed
//! batch records in the JSON formats ([`precis::record::ErrorRecord`]).
//! This module adds what only the CLI needs: a failed record in text and
//! Markdown, and the separators between records (a JSON array for `json`,
//! a header line per cluster for `text` and `markdown`).

use crate::args::Format;
use anyhow::{Context, Result};
use precis::record::ErrorRecord;
use precis::render::{escape_markdown, Json, JsonLine, Markdown, Render, Text};
use precis::Summary;
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Where the output goes: standard output or a file, buffered. Every write
/// error says that it was the output that failed, and which; a broken pipe
/// stays recognisable (see `main::is_broken_pipe`).
pub struct Sink {
    out: BufWriter<Box<dyn Write>>,
    name: String,
}

impl Sink {
    /// Standard output, or FILE for `-o FILE` (created or truncated).
    ///
    /// # Errors
    ///
    /// When FILE cannot be created, or when standard output was closed
    /// (`precis ... >&-`), where the output would silently be lost.
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        let (out, name): (Box<dyn Write>, String) = match path {
            Some(p) => {
                let file = File::create(p)
                    .with_context(|| format!("cannot create output file {}", p.display()))?;
                (Box::new(file), p.display().to_string())
            }
            None => {
                anyhow::ensure!(
                    !stdout_was_closed(),
                    "standard output is closed, so the output would be lost; run precis \
                     with standard output open, or write to a file with -o FILE"
                );
                (Box::new(io::stdout()), "standard output".to_owned())
            }
        };
        Ok(Sink { out: BufWriter::with_capacity(64 << 10, out), name })
    }

    /// Writes `text`.
    pub fn write(&mut self, text: &str) -> Result<()> {
        self.out
            .write_all(text.as_bytes())
            .with_context(|| format!("cannot write the output to {}", self.name))
    }

    /// Flushes what is buffered; the output is complete only after this.
    pub fn finish(mut self) -> Result<()> {
        self.out.flush().with_context(|| format!("cannot write the output to {}", self.name))
    }
}

/// True when standard output was closed when precis started. The Rust
/// runtime then opens `/dev/null` read-write in its place (so that writes
/// would succeed into nothing); a shell's `> /dev/null` opens it write-only,
/// which stays allowed. Linux only (it reads `/proc`); elsewhere false.
fn stdout_was_closed() -> bool {
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else { return false };
    if target != Path::new("/dev/null") {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else { return false };
    // `flags:` is octal; the access mode is its two lowest bits (2 = O_RDWR).
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & 3 == 2)
}

/// Renders summaries and failures; stateless, so workers can share it.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    format: Format,
    explain: bool,
}

impl Printer {
    /// A printer for `format`; `explain` adds score explanations to text
    /// and Markdown (the JSON formats carry them in each sentence).
    pub fn new(format: Format, explain: bool) -> Printer {
        Printer { format, explain }
    }

    /// The output for a single cluster (directory or standard input).
    pub fn single(&self, summary: &Summary) -> String {
        let mut out = String::new();
        match self.format {
            Format::Text => self.text(summary, &mut out),
            Format::Markdown => self.markdown(summary, &mut out),
            Format::Json => Json.render(summary, &mut out),
            Format::Jsonl => JsonLine.render(summary, &mut out),
        }
        out
    }

    /// One element of a batch, without separators (see [`Printer::separator`]).
    pub fn batch_summary(&self, summary: &Summary) -> String {
        match self.format {
            Format::Text => {
                let mut out = format!("==> {} <==\n", frame_id(&summary.id));
                self.text(summary, &mut out);
                out
            }
            Format::Json => {
                let mut out = String::new();
                Json.render(summary, &mut out);
                trim_newline(out)
            }
            _ => self.single(summary),
        }
    }

    /// The record that stands in for a failed cluster, in the batch's format.
    pub fn batch_failure(&self, failure: &ErrorRecord) -> String {
        let id = failure.id.as_deref().unwrap_or("(no id)");
        match self.format {
            Format::Text => {
                let id = if failure.id.is_some() { frame_id(id) } else { Cow::Borrowed(id) };
                format!("==> {id} (line {}) <==\nerror: {}\n", failure.line, failure.error)
            }
            Format::Markdown => format!(
                "## Summary of {}\n\n> **Error** (line {}): {}\n",
                escape_markdown(id),
                failure.line,
                escape_markdown(&failure.error)
            ),
            Format::Json => failure.json(),
            Format::Jsonl => failure.json_line(),
        }
    }

    /// What opens a batch.
    pub fn start(&self) -> &'static str {
        if self.format == Format::Json {
            "[\n"
        } else {
            ""
        }
    }

    /// What goes between two batch elements.
    pub fn separator(&self) -> &'static str {
        match self.format {
            Format::Json => ",\n",
            Format::Text | Format::Markdown => "\n",
            Format::Jsonl => "",
        }
    }

    /// What closes a batch.
    pub fn end(&self, empty: bool) -> &'static str {
        match (self.format, empty) {
            (Format::Json, true) => "]\n",
            (Format::Json, false) => "\n]\n",
            _ => "",
        }
    }

    fn text(&self, summary: &Summary, out: &mut String) {
        if !self.explain {
            return Text.render(summary, out);
        }
        // Render sentence by sentence so each explanation follows its sentence.
        if !summary.title.is_empty() {
            out.push_str(&summary.title);
            out.push_str("\n\n");
        }
        for s in &summary.sentences {
            Text::sentence(s, out);
            if let Some(why) = &s.explain {
                out.push_str(&format!("    [{}]\n", why.text));
            }
        }
        for o in &summary.off_event {
            out.push_str(&format!("[off-event: {}: {}]\n", o.document, o.reason));
        }
    }

    fn markdown(&self, summary: &Summary, out: &mut String) {
        Markdown.render(summary, out);
        let explained: Vec<&str> = summary
            .sentences
            .iter()
            .filter_map(|s| Some(s.explain.as_ref()?.text.as_str()))
            .collect();
        if self.explain && !explained.is_empty() {
            out.push_str("\n### Why these sentences, in this order\n\n");
            for (i, why) in explained.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", i + 1, escape_markdown(why)));
            }
        }
    }
}

/// A cluster id as written in a text-format frame header `==> id <==`: as
/// it is, unless it holds a control character (a line break would break the
/// framing) or could be mistaken for the framing itself; then as a JSON
/// string, quoted and escaped.
fn frame_id(id: &str) -> Cow<'_, str> {
    let plain = !id.is_empty()
        && !id.chars().any(char::is_control)
        && !id.contains("<==")
        && !id.starts_with('"')
        && id.trim() == id;
    if plain {
        Cow::Borrowed(id)
    } else {
        Cow::Owned(serde_json::to_string(id).unwrap_or_default())
    }
}

fn trim_newline(mut s: String) -> String {
    while s.ends_with('\n') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_records() {
        let f = ErrorRecord { id: None, line: 3, error: "malformed JSON".into() };
        let line = Printer::new(Format::Jsonl, false).batch_failure(&f);
        assert_eq!(line, "{\"id\":null,\"line\":3,\"error\":\"malformed JSON\"}\n");
        let text = Printer::new(Format::Text, false).batch_failure(&f);
        assert_eq!(text, "==> (no id) (line 3) <==\nerror: malformed JSON\n");
        let md = Printer::new(Format::Markdown, false).batch_failure(&f);
        assert_eq!(md, "## Summary of (no id)\n\n> **Error** (line 3): malformed JSON\n");
        let f = ErrorRecord { id: Some("a\n==> b <==".into()), ..f };
        let text = Printer::new(Format::Text, false).batch_failure(&f);
        assert_eq!(text, "==> \"a\\n==> b <==\" (line 3) <==\nerror: malformed JSON\n");
    }

    #[test]
    fn frame_ids() {
        assert_eq!(frame_id("c-1 x"), "c-1 x");
        assert_eq!(frame_id("a\nb"), "\"a\\nb\"");
        assert_eq!(frame_id("x <== y"), "\"x <== y\"");
        assert_eq!(frame_id(" pad"), "\" pad\"");
        assert_eq!(frame_id(""), "\"\"");
    }
}
