//! HTML article pages: the main text without navigation (readability via `dom_smoothie`,
//! with a paragraph fallback), and metadata from Open Graph, meta tags and JSON-LD.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use super::fields::{Field, article_from_object, set_field};
use super::markup::{
    HTML_UNNESTED, Scanner, html_to_text, nesting_depth, one_line, tidy_paragraphs,
};
use crate::article::Article;

/// Pages with more elements than this skip readability scoring (slow on huge pages)
/// and use the paragraph fallback.
const MAX_ELEMENTS: usize = 60_000;

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
    let ld = json_ld_article(&doc).unwrap_or_default();
    let mut a = Article::default();

    let title = meta(&doc, &["og:title", "twitter:title"])
        .or_else(|| nonempty(ld.title.clone()))
        .or_else(|| text_of(&doc, "title"))
        .or_else(|| text_of(&doc, "h1"));
    a.title = title.unwrap_or_default();

    a.date = meta(
        &doc,
        &[
            "article:published_time",
            "og:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date.issued",
            "dc.date",
            "date",
        ],
    )
    .or(ld.date.clone())
    .or_else(|| attr_of(&doc, "[itemprop=\"datePublished\"]", "datetime"))
    .or_else(|| attr_of(&doc, "article time[datetime]", "datetime"))
    .or_else(|| attr_of(&doc, "time[datetime]", "datetime"));

    a.url = attr_of(&doc, "link[rel=\"canonical\"]", "href")
        .or_else(|| meta(&doc, &["og:url"]))
        .or(ld.url.clone());
    a.source = ld
        .source
        .clone()
        .or_else(|| meta(&doc, &["og:site_name", "application-name"]));
    if let Some(site) = &a.source {
        a.title = strip_site_suffix(&a.title, site).to_string();
    }
    a.subtitle = nonempty(ld.subtitle.clone().unwrap_or_default())
        .or_else(|| meta(&doc, &["og:description", "description"]));

    a.authors = ld.authors.clone();
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
    a.given.subjects = ld.given.subjects.clone();
    for tag in doc.select("meta[property=\"article:tag\"]").iter() {
        if let Some(v) = tag.attr("content") {
            set_field(&mut a, Field::Subjects, &v);
        }
    }

    a.body = main_text(html, &doc, &a.title, depth <= MAX_READABILITY_DEPTH);
    if a.body.is_empty() {
        a.body = ld.body.clone();
    }
    (!a.is_empty()).then_some(a)
}

/// `<title>` often ends with the site's name ("Talks resume | The Ledger").
fn strip_site_suffix<'a>(title: &'a str, site: &str) -> &'a str {
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.trim().eq_ignore_ascii_case(site.trim())
            && !head.trim().is_empty()
        {
            return head.trim();
        }
    }
    title
}

fn nonempty(s: String) -> Option<String> {
    let s = one_line(&s);
    (!s.is_empty()).then_some(s)
}

/// The first non-empty `content` of a `<meta>` whose property, name or itemprop is one of
/// `keys` (compared case-insensitively, as sites vary).
fn meta(doc: &Document, keys: &[&str]) -> Option<String> {
    let metas = doc.select("meta");
    for key in keys {
        for m in metas.iter() {
            let matches = ["property", "name", "itemprop"].iter().any(|k| {
                m.attr(k)
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
            });
            if matches && let Some(v) = m.attr("content").and_then(|c| nonempty(c.to_string())) {
                return Some(v);
            }
        }
    }
    None
}

fn text_of(doc: &Document, selector: &str) -> Option<String> {
    let sel = doc.try_select(selector)?;
    sel.iter().find_map(|s| nonempty(s.text().to_string()))
}

fn attr_of(doc: &Document, selector: &str, name: &str) -> Option<String> {
    let sel = doc.try_select(selector)?;
    sel.iter()
        .find_map(|s| s.attr(name).and_then(|v| nonempty(v.to_string())))
}

/// The news object among the page's JSON-LD blocks, which may be an object, an array or
/// an `@graph`. Article types win over anything else that carries a headline.
fn json_ld_article(doc: &Document) -> Option<Article> {
    let mut blocks = Vec::new();
    for script in doc.select("script[type=\"application/ld+json\"]").iter() {
        let raw = script.text();
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_end_matches(';');
        if let Ok(v) = serde_json::from_str::<Value>(raw) {
            blocks.push(v);
        }
    }
    let mut objects = Vec::new();
    for v in &blocks {
        collect_objects(v, &mut objects, 0);
    }
    let best = objects
        .iter()
        .find(|o| type_names(o).iter().any(|t| t.contains("NewsArticle")))
        .or_else(|| {
            objects.iter().find(|o| {
                type_names(o)
                    .iter()
                    .any(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
            })
        })?;
    let obj = best.as_object()?;
    let mut a = article_from_object(obj);
    a.record_id = None;
    if a.url.is_none() {
        // `mainEntityOfPage` names the page the article is about: a URL or `{"@id": URL}`.
        a.url = match obj.get("mainEntityOfPage") {
            Some(Value::String(u)) => Some(u.clone()),
            Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }
        .filter(|u| u.starts_with("http"));
    }
    Some(a)
}

fn collect_objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                collect_objects(item, out, depth + 1);
            }
        }
        Value::Object(obj) => {
            if obj.contains_key("@type") {
                out.push(v);
            }
            if let Some(graph) = obj.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn type_names(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The page's main text: readability first; when it finds nothing, the paragraphs of
/// `<article>`, `<main>` or the whole page.
fn main_text(html: &str, doc: &Document, title: &str, readable: bool) -> String {
    let elements = doc.select("*").length();
    let mut text = String::new();
    if readable && elements <= MAX_ELEMENTS {
        let cfg = Config {
            text_mode: TextMode::Formatted,
            ..Config::default()
        };
        if let Ok(mut r) = Readability::new(html, None, Some(cfg))
            && let Ok(article) = r.parse()
        {
            text = tidy_paragraphs(&article.text_content.replace('\n', "\n\n"));
        }
    }
    if text.chars().count() < 40 {
        let fallback = paragraph_text(doc);
        if fallback.len() > text.len() {
            text = fallback;
        }
    }
    // Readability sometimes keeps the page's own headline as the first line.
    if !title.is_empty()
        && let Some(rest) = text.strip_prefix(title)
    {
        text = rest.trim_start().to_string();
    }
    drop_byline(&text).to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Old title | Site</title>
<meta property="og:title" content="Ceasefire talks resume in Doha">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://ledger.example/og">
<link rel="canonical" href="https://ledger.example/2026/02/03/talks">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Ledger"},
 {"@type":["NewsArticle"],"headline":"Talks resume","datePublished":"2026-02-03T10:51:00+05:30",
  "author":[{"@type":"Person","name":"Ana Ruiz"}],"publisher":{"@type":"Organization","name":"Ledger Media"}}]}
</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ceasefire talks resume in Doha</h1>
<p>Negotiators from both sides returned to Doha on Tuesday for a new round of talks, officials said.</p>
<p>The mediators said the first session lasted four hours and would continue on Wednesday morning.</p>
</article><footer><p>Copyright 2026 Ledger</p></footer></body></html>"#;

    #[test]
    fn page_metadata_and_main_text() {
        let a = parse(PAGE).unwrap();
        assert_eq!(a.title, "Ceasefire talks resume in Doha");
        assert_eq!(a.date.as_deref(), Some("2026-02-03T10:51:00+05:30"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://ledger.example/2026/02/03/talks")
        );
        assert_eq!(a.source.as_deref(), Some("Ledger Media"));
        assert_eq!(a.authors, vec!["Ana Ruiz"]);
        assert!(
            a.body.starts_with("Negotiators from both sides"),
            "{}",
            a.body
        );
        assert!(a.body.contains("four hours"), "{}", a.body);
        assert!(!a.body.contains("Home"), "{}", a.body);
        assert!(!a.body.contains("Copyright"), "{}", a.body);
    }

    #[test]
    fn meta_and_time_fallbacks() {
        let html = r#"<html><head><title>Harbour reopens</title>
<meta name="author" content="By Sam Oduya">
<meta property="article:published_time" content="2025-11-02">
<script type="application/ld+json">[{"@type":"Thing"}, not json</script></head>
<body><time datetime="2020-01-01">old</time><p>The harbour reopened today.</p></body></html>"#;
        let a = parse(html).unwrap();
        assert_eq!(a.title, "Harbour reopens");
        assert_eq!(a.date.as_deref(), Some("2025-11-02"));
        assert_eq!(a.authors, vec!["Sam Oduya"]);
        assert!(a.body.contains("harbour reopened"), "{}", a.body);

        let timed =
            parse("<h1>Only heading</h1><time datetime=\"2024-05-06\">May</time><p>x y</p>")
                .unwrap();
        assert_eq!(timed.title, "Only heading");
        assert_eq!(timed.date.as_deref(), Some("2024-05-06"));

        let suffixed = parse(
            r#"<title>Harbour reopens | Port News</title><meta property="og:site_name" content="Port News">
<script type="application/ld+json">{"@type":"ReportageNewsArticle","mainEntityOfPage":{"@id":"https://p.example/h"}}</script><p>Text of the story.</p>"#,
        )
        .unwrap();
        assert_eq!(suffixed.title, "Harbour reopens");
        assert_eq!(suffixed.url.as_deref(), Some("https://p.example/h"));
    }

    #[test]
    fn malformed_html_does_not_panic() {
        assert!(parse("<html><head><title></title></head><body></body>").is_none());
        let a = parse("<p>unclosed <b>para <div><p>and <span>more").unwrap();
        assert!(a.body.contains("unclosed"), "{}", a.body);
        let _ = parse("<<<>>><meta content><script type=\"application/ld+json\">{");
        let deep = format!(
            "<title>Deep</title><body>{}<p>deep text</p>{}",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let a = parse(&deep).unwrap();
        assert_eq!((a.title.as_str(), a.body.as_str()), ("Deep", "deep text"));
    }
}
