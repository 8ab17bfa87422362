//! Output: summaries and failed records in the chosen format.
//!
//! Summaries go through the core renderers ([`precis::render`]), so the CLI
//! writes the same wire format as every other front end. This module adds
//! what only a batch needs: the error record that stands in for a cluster
//! that failed, and the separators between records (a JSON array for
//! `json`, a header line per cluster for `text` and `markdown`).

use crate::args::Format;
use precis::render::{Json, JsonLine, Markdown, Render, Text};
use precis::Summary;
use serde::Serialize;

/// A batch record that could not be summarized.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The cluster id, when the record got far enough to have one.
    pub id: Option<String>,
    /// The 1-based line of the record in its input.
    pub line: usize,
    /// What went wrong and what to do about it.
    pub error: String,
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
                let mut out = format!("==> {} <==\n", summary.id);
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
    pub fn batch_failure(&self, failure: &Failure) -> String {
        let id = failure.id.as_deref().unwrap_or("(no id)");
        match self.format {
            Format::Text => {
                format!("==> {id} (line {}) <==\nerror: {}\n", failure.line, failure.error)
            }
            Format::Markdown => format!(
                "## Summary of {}\n\n> **Error** (line {}): {}\n",
                escape_markdown(id),
                failure.line,
                escape_markdown(&failure.error)
            ),
            // Serializing a struct of strings and numbers cannot fail.
            Format::Json => serde_json::to_string_pretty(failure).unwrap_or_default(),
            Format::Jsonl => serde_json::to_string(failure).unwrap_or_default() + "\n",
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
        for s in &summary.sentences {
            let one = Summary { sentences: vec![s.clone()], warnings: vec![], ..summary.clone() };
            Text.render(&one, out);
            if let Some(why) = &s.explain {
                out.push_str(&format!("    [{why}]\n"));
            }
        }
    }

    fn markdown(&self, summary: &Summary, out: &mut String) {
        Markdown.render(summary, out);
        let explained: Vec<&str> =
            summary.sentences.iter().filter_map(|s| s.explain.as_deref()).collect();
        if self.explain && !explained.is_empty() {
            out.push_str("\n### How the sentences scored\n\n");
            for (i, why) in explained.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", i + 1, escape_markdown(why)));
            }
        }
    }
}

fn trim_newline(mut s: String) -> String {
    while s.ends_with('\n') {
        s.pop();
    }
    s
}

/// Backslash-escapes the characters Markdown would otherwise interpret.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_records() {
        let f = Failure { id: None, line: 3, error: "malformed JSON".into() };
        let line = Printer::new(Format::Jsonl, false).batch_failure(&f);
        assert_eq!(line, "{\"id\":null,\"line\":3,\"error\":\"malformed JSON\"}\n");
        let text = Printer::new(Format::Text, false).batch_failure(&f);
        assert_eq!(text, "==> (no id) (line 3) <==\nerror: malformed JSON\n");
        let md = Printer::new(Format::Markdown, false).batch_failure(&f);
        assert_eq!(md, "## Summary of (no id)\n\n> **Error** (line 3): malformed JSON\n");
    }
}
