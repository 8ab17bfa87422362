//! HTML input: the article's text and title, without the page around it.
//!
//! [`extract_html`] runs `dom_smoothie`, a port of Mozilla's Readability, and
//! asks it for formatted text, where block elements end in a blank line. The
//! cleaning stage then sees the article's paragraph structure and removes
//! whatever furniture Readability kept (it keeps a lone "ADVERTISEMENT", for
//! one). When Readability finds almost nothing, a simple fallback collects the
//! text of every paragraph element outside navigation, headers, footers and
//! forms.

use crate::Error;

/// The text of an article found in an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlArticle {
    /// The article's title, when the page names one.
    pub title: Option<String>,
    /// The article's text: paragraphs separated by blank lines.
    pub text: String,
}

/// Below this many characters of text, Readability's result counts as nothing.
const MIN_TEXT: usize = 80;

/// Elements that never hold article prose.
const FURNITURE: &str =
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select";

/// Extracts the main text and title of an HTML page.
///
/// `id` names the document in the error. The text comes back with paragraphs
/// separated by blank lines, ready for [`clean_cluster`](super::clean_cluster).
///
/// # Errors
///
/// [`Error::Html`] when the page holds no article text at all.
pub fn extract_html(id: &str, html: &str) -> Result<HtmlArticle, Error> {
    let failure = |reason: String| Error::Html { document: id.to_owned(), reason };
    let cfg =
        dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let (title, text, reason) = match dom_smoothie::Readability::new(html, None, Some(cfg)) {
        Ok(mut readability) => match readability.parse() {
            Ok(article) => {
                let title = article.title.trim().to_owned();
                (title, tidy(&article.text_content), None)
            }
            Err(e) => (
                readability.get_article_title().trim().to_owned(),
                String::new(),
                Some(e.to_string()),
            ),
        },
        Err(e) => (String::new(), String::new(), Some(e.to_string())),
    };
    let text = if text.chars().filter(|c| !c.is_whitespace()).count() >= MIN_TEXT {
        text
    } else {
        paragraphs(html)
    };
    if !text.chars().any(char::is_alphanumeric) {
        return Err(failure(reason.unwrap_or_else(|| "the page has no paragraph text".to_owned())));
    }
    let title = (!title.is_empty()).then(|| collapse(&title));
    Ok(HtmlArticle { title, text })
}

/// The fallback: the text of every `<p>`, heading and list item outside
/// page furniture, one paragraph each; without any, the body's text.
fn paragraphs(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    doc.select(FURNITURE).remove();
    let mut out = String::new();
    let selection = doc.select("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre");
    for node in selection.nodes() {
        // Nested matches (a <p> inside a <blockquote>) would repeat text.
        if node.ancestors_it(None).any(|a| {
            a.node_name().is_some_and(|n| matches!(&*n, "p" | "li" | "blockquote" | "pre"))
        }) {
            continue;
        }
        let text = collapse(&node.text());
        if !text.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&text);
        }
    }
    if out.is_empty() {
        // No paragraph elements at all: whatever text is left outside the furniture.
        out = tidy(&doc.select("body").formatted_text());
    }
    out
}

/// Collapses runs of whitespace to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalizes Readability's formatted text: trims every line and keeps at
/// most one blank line between paragraphs.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>Storm Hits Coast | The Daily Example</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<article>
<h1>Storm Hits Coast</h1>
<p>A powerful storm struck the northern coast on Monday, flooding low-lying towns and cutting power to
thousands of homes, officials said.</p>
<p>Rescue teams worked through the night to reach villages cut off by the water, and the army sent
boats to help evacuate residents who had stayed behind.</p>
<p>ADVERTISEMENT</p>
<p>The weather service said the storm would weaken as it moved inland on Tuesday, but warned that
rivers could keep rising for several days.</p>
<p>Forecasters had warned of the storm for a week, and most schools along the coast were closed in
advance, the regional government said in a statement.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Ten tips for storm season</a></li></ul></aside>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p><p>Post a Comment</p></footer>
</body></html>"##;

    #[test]
    fn article_text_and_title() {
        let a = extract_html("page", PAGE).unwrap();
        assert!(a.title.as_deref().is_some_and(|t| t.contains("Storm Hits Coast")), "{a:?}");
        assert!(a.text.contains("A powerful storm struck the northern coast"), "{a:?}");
        assert!(a.text.contains("rivers could keep rising for several days."), "{a:?}");
        for furniture in
            ["Home", "Share on Facebook", "Ten tips", "All rights reserved", "Post a Comment"]
        {
            assert!(!a.text.contains(furniture), "{furniture:?} in {:?}", a.text);
        }
        // Paragraphs are separated by blank lines.
        assert!(a.text.contains("officials said.\n\n"), "{:?}", a.text);
    }

    #[test]
    fn small_page_falls_back_to_paragraphs() {
        let html = "<html><body><nav>Menu</nav><p>Only one short paragraph here.</p></body></html>";
        let a = extract_html("small", html).unwrap();
        assert_eq!(a.text, "Only one short paragraph here.");
    }

    #[test]
    fn no_text_is_an_error() {
        for html in ["", "<html></html>", "<nav>Home</nav>", "\u{0}\u{1}"] {
            let err = extract_html("empty", html).unwrap_err();
            assert!(
                matches!(err, Error::Html { ref document, .. } if document == "empty"),
                "{err}"
            );
        }
    }
}
