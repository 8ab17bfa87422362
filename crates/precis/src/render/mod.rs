//! Render: a [`Summary`] as text, Markdown or JSON.
//!
//! Every renderer implements [`Render`] and appends to a `String`. The
//! `precis` command-line tool writes its output through them, and any other
//! front end built on this crate is to do the same, so that there is one
//! wire format.
//!
//! # JSON wire format
//!
//! [`Json`] writes the whole [`Summary`]:
//!
//! ```json
//! {"id": "kerry-lavrov-syria",
//!  "title": "In Russia, Secretary Kerry Looks For 'Real Progress' Over Syria",
//!  "method": "auto",
//!  "budget": {"unit": "words", "limit": 100, "fill": false},
//!  "sentences": [{"text": "...", "document": "004_2c385874befa4046.txt",
//!                 "span": {"start": 152, "end": 310}, "score": 1.7,
//!                 "provenance": ["002_bcf037691b4a3a80.txt"]}],
//!  "warnings": [],
//!  "off_event": [{"document": "000_55abfda64b0a8f41.txt",
//!                 "reason": "shares few of the names and phrases ...", "score": 0.31}]}
//! ```
//!
//! `off_event` lists the documents that report another event than the
//! cluster's main one (an empty list when none; see [`crate::off_event`]);
//! their sentences are left out unless the summarizer keeps them.
//!
//! `title` is the summary's headline (see [`crate::compose::title`]): the
//! best headline of the cluster's articles, or a short form of the first
//! sentence.
//!
//! `span` is a byte range into the document's original text; `cut` appears
//! (as `true`) only on a sentence cut to fill the budget; `explain` only when
//! explanations were asked for; `warnings` only when there are some.
//!
//! `explain` is a [`crate::Explanation`]:
//! `{"text": "Score 0.877: ... Place 1: first, because ...",
//!   "scored_by": "...", "score": 0.877,
//!   "contributions": [{"feature": "position", "label": "its place in its article (sentence 1)", "contribution": 0.155}],
//!   "context"?: "...",
//!   "near_duplicates": [{"document": "...", "text": "...", "similarity": 0.89}],
//!   "place": {"position": 1, "rule": "lead", "reason": "first, because ..."}}`,
//! where `text` says in words what the other fields hold; `place.rule` is
//! one of `lead`, `lead_by_default`, `before_lead`, `leans_on_previous`,
//! `article_position`, `date`, `main_event`, `cut`.
//!
//! The input side of the format is the batch record of [`crate::record`],
//! one a line:
//! `{"id": ..., "documents": [{"id": ..., "text": ..., "title"?, "date"?,
//! "url"?, "source"?}], "query"?: "...", "earlier_documents"?: [documents
//! of the same shape]}`. With a `query` the summary answers it; with
//! `earlier_documents` it says only what they do not (see
//! [`crate::context`]). A line that cannot be summarized is answered with
//! a [`crate::record::ErrorRecord`], `{"id", "line", "error"}`, in its
//! place.
//!
//! [`JsonLine`] writes one line per cluster for batch use:
//! `{"id": ..., "title": ..., "summary": "sentence\nsentence", "sentences": [...], "off_event": [...]}`
//! with the same sentence and off-event objects.

use crate::summary::{Summary, SummarySentence};
use serde::Serialize;

/// Writes a summary in some format.
pub trait Render {
    /// Appends the rendering of `summary` to `out`.
    fn render(&self, summary: &Summary, out: &mut String);
}

/// Plain text: the title and an empty line (when there is a title), then
/// one sentence per line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text;

impl Render for Text {
    fn render(&self, summary: &Summary, out: &mut String) {
        if !summary.title.is_empty() {
            out.push_str(&summary.title);
            out.push_str("\n\n");
        }
        Text::sentences(&summary.sentences, out);
    }
}

impl Text {
    /// The sentences alone, one per line, a cut one marked with "…".
    pub fn sentences(sentences: &[SummarySentence], out: &mut String) {
        for s in sentences {
            Text::sentence(s, out);
        }
    }

    /// One sentence and its line end, a cut one marked with "…".
    pub fn sentence(s: &SummarySentence, out: &mut String) {
        out.push_str(&s.text);
        if s.cut {
            out.push_str(" …");
        }
        out.push('\n');
    }
}

/// Markdown: the title as a heading (or "Summary of" the cluster id when
/// there is none) and the cluster id under it, then one bullet per
/// sentence with its sources.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// Backslash-escapes the characters Markdown would otherwise interpret,
/// for any front end that writes Markdown beside [`Markdown`] (the CLI's
/// batch error records and explanations).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Render for Markdown {
    fn render(&self, summary: &Summary, out: &mut String) {
        if summary.title.is_empty() {
            out.push_str(&format!("## Summary of {}\n\n", escape_markdown(&summary.id)));
        } else {
            out.push_str(&format!(
                "## {}\n\n*Summary of {}*\n\n",
                escape_markdown(&summary.title),
                escape_markdown(&summary.id)
            ));
        }
        for s in &summary.sentences {
            out.push_str("- ");
            out.push_str(&escape_markdown(&s.text));
            if s.cut {
                out.push_str(" …");
            }
            let mut sources = vec![format!("`{}`", s.document.replace('`', "'"))];
            sources.extend(s.provenance.iter().map(|d| format!("`{}`", d.replace('`', "'"))));
            out.push_str(&format!(" *({})*\n", sources.join(", ")));
        }
        if !summary.off_event.is_empty() {
            out.push_str("\n**Left out, about another event:**\n\n");
            for o in &summary.off_event {
                out.push_str(&format!(
                    "- `{}`: {}\n",
                    o.document.replace('`', "'"),
                    escape_markdown(&o.reason)
                ));
            }
        }
        for w in &summary.warnings {
            out.push_str(&format!("\n> **Warning:** {}\n", escape_markdown(w)));
        }
    }
}

/// The whole summary as one pretty-printed JSON object.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl Render for Json {
    fn render(&self, summary: &Summary, out: &mut String) {
        // Serializing plain data with string keys cannot fail.
        out.push_str(&serde_json::to_string_pretty(summary).unwrap_or_default());
        out.push('\n');
    }
}

/// One compact JSON line per cluster: `{"id", "summary", "sentences"}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonLine;

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    summary: String,
    sentences: &'a [SummarySentence],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    off_event: &'a [crate::OffEvent],
}

impl Render for JsonLine {
    fn render(&self, summary: &Summary, out: &mut String) {
        let record = Record {
            id: &summary.id,
            title: &summary.title,
            summary: summary.text(),
            sentences: &summary.sentences,
            warnings: &summary.warnings,
            off_event: &summary.off_event,
        };
        out.push_str(&serde_json::to_string(&record).unwrap_or_default());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Budget, Method, Span};

    fn summary() -> Summary {
        Summary {
            id: "c1".into(),
            title: "Kerry meets Lavrov".into(),
            method: Method::Lead,
            budget: Budget::words(10),
            sentences: vec![
                SummarySentence {
                    text: "Kerry met *Lavrov*.".into(),
                    document: "a.txt".into(),
                    span: Span::new(0, 19),
                    score: 1.0,
                    provenance: vec!["b.txt".into()],
                    cut: false,
                    explain: None,
                },
                SummarySentence {
                    text: "They talked".into(),
                    document: "b.txt".into(),
                    span: Span::new(5, 16),
                    score: 0.5,
                    provenance: vec![],
                    cut: true,
                    explain: None,
                },
            ],
            warnings: vec![],
            off_event: vec![],
        }
    }

    fn render(r: &dyn Render) -> String {
        let mut out = String::new();
        r.render(&summary(), &mut out);
        out
    }

    #[test]
    fn text_and_markdown() {
        assert_eq!(render(&Text), "Kerry meets Lavrov\n\nKerry met *Lavrov*.\nThey talked …\n");
        assert_eq!(
            render(&Markdown),
            "## Kerry meets Lavrov\n\n*Summary of c1*\n\n- Kerry met \\*Lavrov\\*. *(`a.txt`, `b.txt`)*\n- They talked … *(`b.txt`)*\n"
        );
    }

    #[test]
    fn off_event_documents_are_listed() {
        let mut s = summary();
        s.off_event = vec![crate::OffEvent {
            document: "old_*.txt".into(),
            reason: "shares few names".into(),
            score: 0.25,
        }];
        let mut md = String::new();
        Markdown.render(&s, &mut md);
        assert!(
            md.ends_with(
                "\n**Left out, about another event:**\n\n- `old_*.txt`: shares few names\n"
            ),
            "{md}"
        );
        let mut line = String::new();
        JsonLine.render(&s, &mut line);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["off_event"][0]["document"], "old_*.txt");
        assert_eq!(v["off_event"][0]["score"], 0.25);
        let mut line = String::new();
        JsonLine.render(&summary(), &mut line);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["off_event"], serde_json::json!([]), "an empty list when none");
    }

    #[test]
    fn json_line_round_trip() {
        let line = render(&JsonLine);
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], "c1");
        assert_eq!(v["title"], "Kerry meets Lavrov");
        assert_eq!(v["summary"], "Kerry met *Lavrov*.\nThey talked");
        assert_eq!(v["sentences"][0]["span"]["start"], 0);
        assert_eq!(v["sentences"][1]["cut"], true);
        assert!(v["sentences"][0].get("cut").is_none());
        let full: Summary = serde_json::from_str(&render(&Json)).unwrap();
        assert_eq!(full, summary());
    }
}
