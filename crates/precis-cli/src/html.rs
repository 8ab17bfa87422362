//! HTML documents: the article text of a web page.
//!
//! The extraction itself belongs to the core ([`precis::ingest::extract_html`],
//! `dom_smoothie`'s Readability port with a paragraph fallback); this module
//! only adapts its result for the CLI.

/// The article (its text, and its title when the page names one) of the
/// HTML page `html`, or why none was found (the reason completes "no
/// article text found in the page (...)").
pub fn extract(html: &str) -> Result<precis::ingest::HtmlArticle, String> {
    match precis::ingest::extract_html("", html) {
        Ok(article) => Ok(article),
        Err(precis::Error::Html { reason, .. }) => Err(reason),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_or_the_reason() {
        let page = "<html><body><article><p>The council voted on Monday to extend the \
                    tram line to the harbour, a project expected to cost 40 million euros \
                    and take four years.</p></article></body></html>";
        let article =
            extract(&page.replace("<body>", "<head><title>Tram vote</title></head><body>"))
                .unwrap();
        assert!(article.text.contains("extend the tram line"));
        assert_eq!(article.title.as_deref(), Some("Tram vote"));
        let empty = extract("<html><body><script>var x = 1;</script></body></html>");
        assert!(!empty.unwrap_err().is_empty());
    }
}
