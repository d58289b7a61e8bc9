//! The story's running text: readability's choice, checked against the page's own
//! paragraphs, without the headline, a byline or paragraphs of furniture.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::boilerplate::drop_boilerplate;
use super::furniture::remove_furniture;
use crate::formats::markup::{one_line, tidy_paragraphs};

/// Pages with more elements than this skip readability scoring (slow on huge pages)
/// and use the paragraph fallback.
const MAX_ELEMENTS: usize = 60_000;

/// Main text shorter than this (in characters) is checked against the page's paragraphs.
const SHORT_TEXT: usize = 1500;

/// The page's main text: readability first; when it finds nothing, the paragraphs of
/// `<article>`, `<main>` or the whole page.
pub(super) fn main_text(html: &str, doc: &Document, title: &str, readable: bool) -> String {
    let elements = doc.select("*").length();
    let mut text = String::new();
    if readable && elements <= MAX_ELEMENTS {
        let cfg = Config {
            text_mode: TextMode::Formatted,
            ..Config::default()
        };
        let cleaned = Document::from(html);
        remove_furniture(&cleaned);
        if let Ok(mut r) = Readability::with_document(cleaned, None, Some(cfg))
            && let Ok(article) = r.parse()
        {
            text = tidy_paragraphs(&article.text_content.replace('\n', "\n\n"));
        }
    }
    // Readability that settles on a small block of a page with much more running text
    // (a teaser, a sidebar) missed the story: the page's paragraphs do better.
    let found = text.chars().count();
    if found < SHORT_TEXT {
        remove_furniture(doc);
        let fallback = paragraph_text(doc);
        if fallback.len() > text.len() && (found < 40 || fallback.len() > 2 * text.len()) {
            text = fallback;
        }
    }
    // Readability sometimes keeps the page's own headline as the first line.
    if !title.is_empty()
        && let Some(rest) = text.strip_prefix(title)
    {
        text = rest.trim_start().to_string();
    }
    drop_boilerplate(drop_byline(&text))
}

/// Drops a first paragraph that is only a byline ("By Ana Ruiz"), which is metadata and
/// would otherwise be read as the story's first sentence.
fn drop_byline(text: &str) -> &str {
    let (first, rest) = text.split_once("\n\n").unwrap_or((text, ""));
    let is_byline = (first.starts_with("By ") || first.starts_with("by "))
        && first.chars().count() <= 80
        && !first.ends_with('.');
    if is_byline && !rest.is_empty() {
        rest.trim_start()
    } else {
        text
    }
}

fn paragraph_text(doc: &Document) -> String {
    for scope in ["article p", "main p", "p"] {
        let paras: Vec<String> = doc
            .select(scope)
            .iter()
            .filter(|p| !p.is("nav p, footer p, header p, aside p"))
            .map(|p| one_line(&p.text()))
            .filter(|p| !p.is_empty())
            .collect();
        if !paras.is_empty() {
            return paras.join("\n\n");
        }
    }
    doc.select("script, style, nav, header, footer, aside, noscript")
        .remove();
    tidy_paragraphs(&doc.select("body").formatted_text())
}
