//! The OpenAPI document as the service serves it: the one utoipa derives
//! from the handlers and types ([`ApiDoc`]), with its descriptions cleaned
//! for readers of the API rather than of rustdoc.
//!
//! Descriptions come from doc comments, many of them the core's (its
//! `openapi` feature derives the schemas of the types serde writes), which
//! link items the rustdoc way: ``[`THRESHOLD`]``, ``[`Summary`](crate::Summary)``,
//! `[text](crate::words)`. A service user cannot follow those links, so
//! [`document`] turns each into its text (`` `THRESHOLD` ``, `text`) once,
//! when the document is built, instead of every doc comment being written
//! for two readers. Links to web pages (`[text](https://...)`) are kept.

use crate::routes::ApiDoc;
use serde_json::Value;
use utoipa::OpenApi;

/// The OpenAPI document of the service, as `/openapi.json` answers it.
pub fn document() -> Value {
    // Serializing utoipa's types cannot fail: they hold strings, numbers
    // and maps with string keys.
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    clean(&mut doc);
    doc
}

/// Rewrites the rustdoc links of every description, summary and title
/// under `value`; examples and other values are left as written.
fn clean(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text)
                        if matches!(key.as_str(), "description" | "summary" | "title") =>
                    {
                        *text = plain(text);
                    }
                    _ => clean(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean),
        _ => {}
    }
}

/// `text` with rustdoc's intra-doc links replaced by their text:
/// ``[`X`]``, ``[`X`](path)``, ``[`X`][path]`` and `[X](path)` become
/// `` `X` `` and `X` when the target is a Rust path (not a URL), and a bare
/// `[X]` naming an item (`[Summary]`, `[crate::Budget]`) becomes `X`.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        let tail = &after[close + 1..];
        // What follows the brackets: an inline `(target)`, a reference
        // `[target]`, or nothing.
        let target = match tail.as_bytes().first() {
            Some(b'(') => tail.find(')').map(|end| (&tail[1..end], end + 1)),
            Some(b'[') => tail.find(']').map(|end| (&tail[1..end], end + 1)),
            _ => None,
        };
        let code = inner.len() >= 2 && inner.starts_with('`') && inner.ends_with('`');
        match target {
            Some((target, used)) if !inner.contains('[') && is_rust_path(target) => {
                out.push_str(inner);
                rest = &tail[used..];
            }
            None if !inner.contains('[') && (code || is_rust_path(inner)) => {
                out.push_str(inner);
                rest = tail;
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// True for what rustdoc resolves as an item: `Summary`, `crate::words`,
/// `Budget::capacity`, `super::arrange`, `count_words()`, `Vec<T>`-free
/// paths, optionally in backticks; false for URLs, file paths and prose.
fn is_rust_path(target: &str) -> bool {
    let target = target.trim_matches('`');
    let target = target.strip_suffix("()").unwrap_or(target);
    let mut chars = target.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && target.split("::").all(|segment| {
            !segment.is_empty() && segment.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustdoc_links_become_their_text() {
        let check = |from: &str, to: &str| assert_eq!(plain(from), to, "{from}");
        check("flagged below [`THRESHOLD`].", "flagged below `THRESHOLD`.");
        check("see [`Summary`](crate::Summary) and [`x`][crate::x]", "see `Summary` and `x`");
        check("as [budgets](crate::words) count", "as budgets count");
        check("([`crate::words::count_words`])", "(`crate::words::count_words`)");
        check("a [Summary] and [crate::Budget]", "a Summary and crate::Budget");
        check("[`Budget::capacity()`] adds one", "`Budget::capacity()` adds one");
        // Web links, prose in brackets, JSON and unclosed brackets stay.
        check("[the paper](https://example.org/p)", "[the paper](https://example.org/p)");
        check("see [docs](docs/results.md)", "see [docs](docs/results.md)");
        check("[1, 2] and [a b] and [\"x\"]", "[1, 2] and [a b] and [\"x\"]");
        check("trailing [ and ]", "trailing [ and ]");
        check("", "");
    }
}
