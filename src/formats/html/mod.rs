//! HTML article pages: the main text without navigation (readability via `dom_smoothie`,
//! with a paragraph fallback), and metadata from Open Graph, meta tags and JSON-LD.

mod boilerplate;
mod dates;
mod furniture;
mod linked_data;
mod main_text;
mod meta;
mod shown_dates;
mod stamps;
mod teasers;
#[cfg(test)]
mod tests;
mod title;

use dom_query::Document;

use super::fields::{Field, set_field};
use super::markup::{HTML_UNNESTED, Scanner, html_to_text, nesting_depth, one_line};
use crate::article::Article;
use boilerplate::drop_boilerplate;
use dates::{byline_dates, date_claims, stamp_dates};
use linked_data::linked_data;
use main_text::main_text;
use meta::{attr_of, meta, nonempty, text_of};
use shown_dates::{add_shown_date, headline_dates, labelled_dates};
use stamps::shown_stamps;
use title::page_title;

/// The HTML parser slows quadratically with nesting depth, and readability worse; real
/// pages nest a few dozen levels. Past these depths the cheaper paths are used. (The
/// HTML parser does not recurse, so depth is a matter of speed here, not of the stack.)
const MAX_DOM_DEPTH: usize = 1000;
const MAX_READABILITY_DEPTH: usize = 200;

/// Pages larger than this are read flat as well: a DOM costs several times the page in
/// memory, and no news page comes near this size.
const MAX_DOM_BYTES: usize = 16 << 20;

/// A page too deeply nested for a DOM: the `<title>` and the text with tags stripped.
fn parse_flat(html: &str) -> Option<Article> {
    let s = Scanner::new(html);
    let title = s
        .element("title", 0)
        .map(|t| one_line(&html_to_text(t.content)))
        .unwrap_or_default();
    let body_from = s.find_start("body", 0).unwrap_or(0);
    let body = html_to_text(html.get(body_from..).unwrap_or(""));
    let a = Article {
        title,
        body,
        ..Article::default()
    };
    (!a.is_empty()).then_some(a)
}

/// One article from one HTML page, or `None` when the page has no title and no text.
pub fn parse(html: &str) -> Option<Article> {
    let depth = nesting_depth(html, MAX_DOM_DEPTH, HTML_UNNESTED);
    if depth > MAX_DOM_DEPTH || html.len() > MAX_DOM_BYTES {
        return parse_flat(html);
    }
    let doc = Document::from(html);
    let ld = linked_data(&doc);
    let mut a = Article::default();

    let page_url = attr_of(&doc, "link[rel=\"canonical\"]", "href")
        .or_else(|| meta(&doc, &["og:url"]))
        .or(ld.article.url.clone());
    a.title = page_title(&doc, &ld, page_url.as_deref());

    a.date_claims = date_claims(&doc, &ld, page_url.as_deref());
    a.url = page_url;
    a.date_claims.extend(byline_dates(&doc));
    a.source = ld
        .article
        .source
        .clone()
        .or_else(|| meta(&doc, &["og:site_name", "application-name"]));
    a.subtitle = nonempty(ld.article.subtitle.clone().unwrap_or_default())
        .or_else(|| meta(&doc, &["og:description", "description"]));

    a.authors = ld.article.authors.clone();
    if a.authors.is_empty() {
        for key in ["author", "article:author", "byl", "dc.creator"] {
            if let Some(v) = meta(&doc, &[key]).filter(|v| !v.starts_with("http")) {
                set_field(&mut a, Field::Authors, &v);
            }
        }
    }
    if a.authors.is_empty()
        && let Some(v) = text_of(&doc, "[rel=\"author\"]")
    {
        set_field(&mut a, Field::Authors, &v);
    }
    a.given.subjects = ld.article.given.subjects.clone();
    for tag in doc.select("meta[property=\"article:tag\"]").iter() {
        if let Some(v) = tag.attr("content") {
            set_field(&mut a, Field::Subjects, &v);
        }
    }

    // Read before the main text is cut from the page, which drops furniture from `doc`.
    let shown = headline_dates(&doc, &a.title);
    let labelled = labelled_dates(&doc);
    a.body = main_text(html, &doc, &a.title, depth <= MAX_READABILITY_DEPTH);
    // Date stamps shown as paragraphs of their own leave the text but still date the page.
    // Those shown among other stories' dates stay in the text, whose own date rules weigh them.
    let (stamps, others) = stamp_dates(&doc, shown_stamps(&a.body));
    a.date_claims.extend(stamps);
    add_shown_date(&mut a.date_claims, shown);
    a.date_claims.extend(labelled);
    a.body = drop_boilerplate(&a.body, &others);
    if a.body.is_empty() {
        a.body = ld.article.body.clone();
    }
    (!a.is_empty()).then_some(a)
}
