//! HTML article pages: the main text without navigation (readability via `dom_smoothie`,
//! with a paragraph fallback), and metadata from Open Graph, meta tags and JSON-LD.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use super::fields::{Field, article_from_object, set_field};
use super::markup::{
    HTML_UNNESTED, Scanner, html_to_text, nesting_depth, one_line, tidy_paragraphs,
};
use crate::article::{Article, ClaimKind, DateClaim};

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
    let ld = linked_data(&doc);
    let mut a = Article::default();

    let title = meta(&doc, &["og:title", "twitter:title"])
        .or_else(|| nonempty(ld.article.title.clone()))
        .or_else(|| text_of(&doc, "title"))
        .or_else(|| text_of(&doc, "h1"));
    a.title = title.unwrap_or_default();

    a.date_claims = date_claims(&doc, &ld);
    a.url = attr_of(&doc, "link[rel=\"canonical\"]", "href")
        .or_else(|| meta(&doc, &["og:url"]))
        .or(ld.article.url.clone());
    if let Some(url) = &a.url {
        a.date_claims.push(DateClaim {
            kind: ClaimKind::Url,
            text: url.clone(),
        });
    }
    a.date_claims.extend(byline_dates(&doc));
    a.source = ld
        .article
        .source
        .clone()
        .or_else(|| meta(&doc, &["og:site_name", "application-name"]));
    if let Some(site) = &a.source {
        a.title = strip_site_suffix(&a.title, site).to_string();
    }
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

    a.body = main_text(html, &doc, &a.title, depth <= MAX_READABILITY_DEPTH);
    if a.body.is_empty() {
        a.body = ld.article.body.clone();
    }
    (!a.is_empty()).then_some(a)
}

/// Meta tags that state when a page was first published, most specific first. Update
/// and modification times are left out: they move a story to the day it was edited.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "parsely-pub-date",
    "sailthru.date",
    "shareaholic:article_published_time",
    "vr:published-time",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_online_date",
    "prism.publicationdate",
];

/// Meta tags that name a date without saying which: trusted after the page's own
/// published-time markup.
const VAGUE_DATE_META: &[&str] = &["dcterms.date", "dc.date", "citation_date", "date"];

/// Every date the page's markup states for its publication, most trusted first: the
/// published-time meta tags, JSON-LD `datePublished` (the article's, then any other
/// object's, as WordPress graphs put it on the `WebPage`), `itemprop` and the article's
/// `<time>` markup, then the vaguer Dublin Core and plain "date" tags and the page's
/// first `<time>`. Extraction takes the first that parses, so one malformed value does not hide
/// the rest.
fn date_claims(doc: &Document, ld: &LinkedData) -> Vec<DateClaim> {
    let meta_claim = |text: String| DateClaim {
        kind: ClaimKind::Meta,
        text,
    };
    let mut out: Vec<DateClaim> = all_meta(doc, PUBLISHED_META)
        .into_iter()
        .map(meta_claim)
        .collect();
    out.extend(ld.published.iter().map(|text| DateClaim {
        kind: ClaimKind::JsonLd,
        text: text.clone(),
    }));
    for (selector, attr) in [
        ("[itemprop=\"datePublished\"]", "content"),
        ("[itemprop=\"datePublished\"]", "datetime"),
        ("time[pubdate]", "datetime"),
        ("article time[datetime]", "datetime"),
    ] {
        out.extend(attr_of(doc, selector, attr).map(meta_claim));
    }
    out.extend(all_meta(doc, VAGUE_DATE_META).into_iter().map(meta_claim));
    out.extend(attr_of(doc, "time[datetime]", "datetime").map(meta_claim));
    out
}

/// Elements whose class names say they hold the story's date or byline.
const BYLINE_SELECTOR: &str = "[class*=\"date\"], [class*=\"publish\"], [class*=\"byline\"], \
     [class*=\"posted\"], [class*=\"meta\"], [id*=\"date\"]";

/// Lines that may name a comment's, a related story's or an update's date instead.
const NOT_BYLINE: &str = "comment, aside, footer, nav, [class*=\"comment\"], \
     [class*=\"related\"], [class*=\"update\"], [class*=\"modif\"]";

/// Visible dates in byline-like elements ("31. Mai 2012", "Publié le 3 février 2026"),
/// short texts only, at most a few, in page order.
fn byline_dates(doc: &Document) -> Vec<DateClaim> {
    let Some(found) = doc.try_select(BYLINE_SELECTOR) else {
        return Vec::new();
    };
    found
        .iter()
        .filter(|n| !n.is(NOT_BYLINE) && n.ancestors(Some(6)).iter().all(|a| !a.is(NOT_BYLINE)))
        .map(|n| one_line(&n.text()))
        .filter(|t| {
            !t.is_empty() && t.chars().count() <= 80 && t.chars().any(|c| c.is_ascii_digit())
        })
        .take(MAX_BYLINE_DATES)
        .map(|text| DateClaim {
            kind: ClaimKind::Byline,
            text,
        })
        .collect()
}

const MAX_BYLINE_DATES: usize = 5;

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

/// Every non-empty `content` of the `<meta>` tags named by `keys`, in the order of `keys`.
fn all_meta(doc: &Document, keys: &[&str]) -> Vec<String> {
    let metas = doc.select("meta");
    let mut out = Vec::new();
    for key in keys {
        for m in metas.iter() {
            let matches = ["property", "name", "itemprop"].iter().any(|k| {
                m.attr(k)
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
            });
            if matches && let Some(v) = m.attr("content").and_then(|c| nonempty(c.to_string())) {
                out.push(v);
            }
        }
    }
    out
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

/// What a page's JSON-LD says: its news object as an article, and every publication date
/// it states, the news object's first.
#[derive(Default)]
struct LinkedData {
    article: Article,
    published: Vec<String>,
}

/// The news object among the page's JSON-LD blocks, which may be an object, an array or
/// an `@graph`; article types win over anything else that carries a headline. A block
/// that is not valid JSON still gives its `datePublished` values.
fn linked_data(doc: &Document) -> LinkedData {
    let mut blocks = Vec::new();
    let mut loose = Vec::new();
    for script in doc.select("script[type=\"application/ld+json\"]").iter() {
        let raw = script.text();
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_end_matches(';');
        match serde_json::from_str::<Value>(raw) {
            Ok(v) => blocks.push(v),
            Err(_) => loose.extend(loose_values(raw, "\"datePublished\"")),
        }
    }
    let mut objects = Vec::new();
    for v in &blocks {
        collect_objects(v, &mut objects, 0);
    }
    let mut ld = LinkedData::default();
    if let Some(obj) = news_object(&objects).and_then(Value::as_object) {
        ld.article = article_from_object(obj);
        ld.article.record_id = None;
        if ld.article.url.is_none() {
            // `mainEntityOfPage` names the page the article is about: a URL or `{"@id": URL}`.
            ld.article.url = match obj.get("mainEntityOfPage") {
                Some(Value::String(u)) => Some(u.clone()),
                Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
                _ => None,
            }
            .filter(|u| u.starts_with("http"));
        }
        ld.published.extend(ld.article.date.take());
    }
    for key in ["datePublished", "dateCreated"] {
        for o in &objects {
            if let Some(d) = o.get(key).and_then(Value::as_str)
                && !ld.published.iter().any(|p| p == d)
            {
                ld.published.push(d.to_string());
            }
        }
    }
    ld.published.extend(loose);
    ld
}

fn news_object<'a>(objects: &[&'a Value]) -> Option<&'a Value> {
    let types = |o: &Value| type_names(o);
    objects
        .iter()
        .find(|o| types(o).iter().any(|t| t.contains("NewsArticle")))
        .or_else(|| {
            objects.iter().find(|o| {
                types(o)
                    .iter()
                    .any(|t| t.ends_with("Article") || t == "BlogPosting" || t == "Report")
            })
        })
        .copied()
}

/// The string values written after `key` in text that is not valid JSON.
fn loose_values(raw: &str, key: &str) -> Vec<String> {
    raw.match_indices(key)
        .filter_map(|(i, _)| {
            let rest = raw[i + key.len()..].trim_start().strip_prefix(':')?;
            let rest = rest.trim_start().strip_prefix('"')?;
            let end = rest.find('"')?;
            nonempty(rest[..end].to_string())
        })
        .take(4)
        .collect()
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

    fn first_claim(a: &Article) -> Option<(ClaimKind, &str)> {
        a.date_claims.first().map(|c| (c.kind, c.text.as_str()))
    }

    /// The publication date extraction settles on for a page.
    fn settled(html: &str) -> Option<(String, &'static str)> {
        let a = parse(html)?;
        let d = crate::extract::dates::publication_date(&a, "page.html")?;
        Some((d.value.format("%Y-%m-%d").to_string(), d.source.as_str()))
    }

    #[test]
    fn every_date_claim_is_kept_and_the_first_that_reads_wins() {
        // A WordPress graph puts datePublished on the WebPage, not on an article.
        let yoast = r#"<title>Pleiades</title><script type="application/ld+json">{"@graph":[
{"@type":"WebPage","name":"Pleiades","datePublished":"2019-09-17T14:54:31+02:00"}]}</script>
<p>The star cluster is easy to see in winter.</p>"#;
        assert_eq!(settled(yoast), Some(("2019-09-17".into(), "json-ld")));
        // One malformed block still gives its date.
        let broken = r#"<title>T</title><script type="application/ld+json">{"@type":"NewsArticle",
"datePublished": "2021-04-05T08:00:00Z", "headline": "x" </script><p>Some words here.</p>"#;
        assert_eq!(settled(broken), Some(("2021-04-05".into(), "json-ld")));
        // A meta date that does not parse gives way to the next one.
        let fallback = r#"<title>T</title><meta name="date" content="sometime soon">
<meta name="citation_publication_date" content="2012/05/31"><p>Some words here.</p>"#;
        assert_eq!(settled(fallback), Some(("2012-05-31".into(), "meta")));
        // The URL, then a byline in German.
        let url = r#"<title>T</title><link rel="canonical" href="https://n.example/2012/05/31/story">
<p>Some words here.</p>"#;
        assert_eq!(settled(url), Some(("2012-05-31".into(), "url")));
        let byline = r#"<title>T</title><div class="article-date">31. Mai 2012</div>
<p>Some words of the story itself, long enough.</p>"#;
        assert_eq!(settled(byline), Some(("2012-05-31".into(), "byline")));
        let numeric = r#"<title>T</title><span class="date">Di., 25.01.2022 - 14:45</span>
<p>Some words of the story itself, long enough.</p>"#;
        assert_eq!(settled(numeric), Some(("2022-01-25".into(), "byline")));
        // A comment's date is not the story's.
        let comment = r#"<title>T</title><div class="comment"><span class="date">3 March 2020</span></div>
<p>Some words of the story itself, long enough.</p>"#;
        let a = parse(comment).unwrap();
        assert!(a.date_claims.is_empty(), "{:?}", a.date_claims);
    }

    #[test]
    fn page_metadata_and_main_text() {
        let a = parse(PAGE).unwrap();
        assert_eq!(a.title, "Ceasefire talks resume in Doha");
        assert_eq!(
            first_claim(&a),
            Some((ClaimKind::JsonLd, "2026-02-03T10:51:00+05:30"))
        );
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
        assert_eq!(first_claim(&a), Some((ClaimKind::Meta, "2025-11-02")));
        assert_eq!(a.authors, vec!["Sam Oduya"]);
        assert!(a.body.contains("harbour reopened"), "{}", a.body);

        let timed =
            parse("<h1>Only heading</h1><time datetime=\"2024-05-06\">May</time><p>x y</p>")
                .unwrap();
        assert_eq!(timed.title, "Only heading");
        assert_eq!(first_claim(&timed), Some((ClaimKind::Meta, "2024-05-06")));

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
