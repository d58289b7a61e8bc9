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

    let page_url = attr_of(&doc, "link[rel=\"canonical\"]", "href")
        .or_else(|| meta(&doc, &["og:url"]))
        .or(ld.article.url.clone());
    a.title = page_title(&doc, &ld, page_url.as_deref());

    a.date_claims = date_claims(&doc, &ld);
    a.url = page_url;
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

/// Separators between a headline and the site's name in `<title>` and `og:title`
/// ("Talks resume | The Ledger", "The Ledger » Talks resume").
const TITLE_SEPARATORS: &[&str] = &[
    " | ",
    " - ",
    " \u{2013} ",
    " \u{2014} ",
    " :: ",
    " \u{b7} ",
    " \u{bb} ",
    " \u{203a} ",
    " \u{ab} ",
    " \u{22c6} ",
    " \u{2022} ",
    " \u{1c0} ",
    " // ",
    " : ",
    ": ",
];

const MAX_TITLE_CUTS: usize = 24;
const MAX_TITLE_BYTES: usize = 2000;

/// Title segments that name no story: blog software's archive trail.
const FILLER_SEGMENTS: &[&str] = &["blogarchive", "blogarchiv", "home", "startseite"];

/// Host labels that say nothing about which site this is.
const GENERIC_LABELS: &[&str] = &[
    "www", "blog", "blogs", "news", "edition", "ext", "amp", "mobile", "online", "static",
];

/// The page's headline. The declared titles (`og:title`, JSON-LD `headline`, `<title>`)
/// often carry the site's name ("Floods close ports | Example News"); the visible `<h1>`
/// usually does not. An `<h1>` that agrees with a declared title wins; otherwise the first
/// declared title, without the segments that name the site.
fn page_title(doc: &Document, ld: &LinkedData, url: Option<&str>) -> String {
    let mut sites = site_names(doc, ld, url);
    let mut headings = Vec::new();
    if let Some(found) = doc.try_select("h1") {
        for h in found.nodes().iter().take(8) {
            let Some(text) = nonempty(h.text().to_string()) else {
                continue;
            };
            if text.chars().count() > 300 {
                continue;
            }
            if is_branding(h) {
                sites.push(loose(&text));
            } else {
                headings.push(text);
            }
        }
    }
    let declared: Vec<String> = [
        meta(doc, &["og:title", "twitter:title"]),
        nonempty(ld.article.title.clone()),
        text_of(doc, "title"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(h) = headings
        .iter()
        .find_map(|h| agreeing_heading(h, &declared, &sites))
    {
        return h;
    }
    match declared.first() {
        Some(t) => strip_site_name(t, &sites).to_string(),
        None => headings
            .into_iter()
            .find(|h| !is_site(h, &sites))
            .unwrap_or_default(),
    }
}

/// Names the page gives its site, compared loosely: `og:site_name`, `application-name`,
/// the JSON-LD publisher and website, and the labels of the page's host.
fn site_names(doc: &Document, ld: &LinkedData, url: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = all_meta(doc, &["og:site_name", "application-name"]);
    names.extend(ld.article.source.clone());
    names.extend(ld.site_names.iter().cloned());
    let mut keys: Vec<String> = names.iter().map(|n| loose(n)).collect();
    if let Some(host) = url.and_then(url_host) {
        keys.extend(host_keys(&host));
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// The host of an absolute URL, lowercased, without `www.` and port.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    host.contains('.').then_some(host)
}

/// Loose keys for a host: the host without its top-level domain ("hildesheimerpresse"
/// for hildesheimer-presse.de, "anarcat" for anarc.at as well) and its telling labels.
fn host_keys(host: &str) -> Vec<String> {
    let labels: Vec<&str> = host.split('.').collect();
    let mut keys = vec![loose(host), loose(&labels[..labels.len() - 1].join("."))];
    for label in &labels[..labels.len() - 1] {
        if label.chars().count() >= 3 && !GENERIC_LABELS.contains(label) {
            keys.push(loose(label));
        }
    }
    keys
}

/// Text reduced for comparing names: case-folded, letters and digits only, without a
/// leading `www.` or a trailing top-level domain ("Battery-News.de" is "batterynews").
fn loose(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut t = lower.strip_prefix("www.").unwrap_or(&lower);
    if let Some((name, tld)) = t.rsplit_once('.')
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && !name.is_empty()
        && !name.ends_with(' ')
    {
        t = name;
    }
    t.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether a piece of a title names the site: equal to a site name, or holding one (or
/// held by one) of five characters or more, or archive filler.
fn is_site(text: &str, sites: &[String]) -> bool {
    let key = loose(text);
    if key.is_empty() {
        return false;
    }
    if FILLER_SEGMENTS.contains(&key.as_str()) {
        return true;
    }
    let words = title_words(text).len();
    let len = key.chars().count();
    sites.iter().any(|s| {
        let site_len = s.chars().count();
        *s == key
            || (words <= 6 && site_len >= 5 && site_len * 2 > len && key.contains(s.as_str()))
            || (len >= 5 && s.contains(key.as_str()))
    })
}

/// An `<h1>` that carries the site's logo or name rather than the story's headline.
fn is_branding(h: &dom_query::NodeRef) -> bool {
    const MARKS: &[&str] = &[
        "logo",
        "site-title",
        "site-name",
        "sitename",
        "sitetitle",
        "site-branding",
        "brand",
        "blog-title",
        "blogtitle",
        "masthead",
    ];
    // Class and id words that start or end with a mark: "header-logo", "brand-name",
    // but not "without-branding".
    let marked = |n: &dom_query::NodeRef| {
        let names = format!(
            "{} {}",
            n.attr("class").unwrap_or_default(),
            n.attr("id").unwrap_or_default()
        )
        .to_lowercase();
        names.split_whitespace().any(|w| {
            MARKS.iter().any(|m| {
                w == *m
                    || w.strip_prefix(m).is_some_and(|r| r.starts_with(['-', '_']))
                    || w.strip_suffix(m).is_some_and(|r| r.ends_with(['-', '_']))
            })
        })
    };
    if marked(h) || h.ancestors(Some(2)).iter().any(marked) {
        return true;
    }
    h.descendants_it().any(|d| {
        d.node_name().is_some_and(|n| &*n == "a")
            && (d
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("home")))
                || d.attr("href").is_some_and(|href| is_root_link(&href)))
    })
}

/// `/`, `./`, or an absolute URL with no path: a link to the site's front page.
fn is_root_link(href: &str) -> bool {
    let href = href.trim();
    if matches!(href, "/" | "./" | "") {
        return true;
    }
    href.split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/').find('/').is_none())
        .unwrap_or(false)
}

/// Case-folded word tokens.
fn title_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The headline a visible heading gives, when it is the story's: the heading itself when
/// it equals a declared title or one of its segments, or shares its telling words with
/// the first declared title. A heading that only adds a kicker before a declared title
/// ("Immobilienkrise Signa in Sorge" for "Signa in Sorge"), or the site's name after it,
/// gives the declared title.
fn agreeing_heading(h: &str, declared: &[String], sites: &[String]) -> Option<String> {
    let h = strip_site_name(h, sites);
    let key = loose(h);
    if key.is_empty() || sites.contains(&key) {
        return None;
    }
    let Some(first) = declared.first() else {
        return Some(h.to_string());
    };
    let hw = title_words(h);
    for (i, d) in declared.iter().enumerate() {
        let stripped = strip_site_name(d, sites);
        let dkey = loose(stripped);
        if loose(d) == key || dkey == key {
            return Some(h.to_string());
        }
        if dkey.chars().count() >= 12 && key.len() > dkey.len() {
            if key.ends_with(&dkey) && title_words(stripped).len() >= 2 {
                return Some(stripped.to_string());
            }
            if title_segments(h).first().is_some_and(|s| loose(s) == dkey) {
                return Some(stripped.to_string());
            }
        }
        // A one-word heading ("News") matching a later piece of a title is a section
        // name; it is the headline only at the start of the first title.
        let segments = title_segments(d);
        let at_start = i == 0 && segments.first().is_some_and(|s| loose(s) == key);
        if at_start || (hw.len() >= 2 && segments.iter().any(|s| loose(s) == key)) {
            return Some(h.to_string());
        }
    }
    let tw = title_words(strip_site_name(first, sites));
    let shared = hw
        .iter()
        .filter(|w| w.chars().count() >= 4 && tw.contains(w))
        .count();
    (shared >= 1 && (hw.len() >= 3 || hw.len() * 2 >= tw.len())).then(|| h.to_string())
}

/// The pieces of a title between separators.
fn title_segments(title: &str) -> Vec<&str> {
    if title.len() > MAX_TITLE_BYTES {
        return vec![title];
    }
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in TITLE_SEPARATORS {
        for (i, _) in title.match_indices(sep) {
            cuts.push((i, i + sep.len()));
        }
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut from = 0;
    for (start, end) in cuts {
        if start >= from {
            out.push(&title[from..start]);
            from = end;
        }
    }
    out.push(&title[from..]);
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A title without the site's name before or after it ("Talks resume | The Ledger",
/// "The Ledger: Talks resume"). Only a segment that names the site goes, with a tagline
/// after it, and never so much that fewer than two words are left. `": "` separates
/// only a leading site name.
fn strip_site_name<'a>(title: &'a str, sites: &[String]) -> &'a str {
    let enough = |t: &str| title_words(t).len() >= 2;
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    for sep in TITLE_SEPARATORS {
        for (i, _) in title.match_indices(sep) {
            cuts.push((i, i + sep.len(), *sep == ": " || *sep == " : "));
        }
    }
    // Past a few separators (or a very long title) this is not a headline with a site
    // name, and checking every cut would cost time quadratic in the length.
    if cuts.len() > MAX_TITLE_CUTS || title.len() > MAX_TITLE_BYTES {
        return title.trim();
    }
    cuts.sort_unstable();
    let mut out = title.trim();
    // A site name after the headline: the leftmost cut whose tail is, or starts with, one.
    for (k, &(start, end, colon)) in cuts.iter().enumerate() {
        if colon {
            continue;
        }
        let tail = &title[end..];
        let next = cuts[k + 1..]
            .iter()
            .find(|c| c.0 >= end && !c.2)
            .map_or(tail.len(), |c| c.0 - end);
        let head = title[..start].trim();
        if (is_site(tail, sites) || is_site(&tail[..next], sites)) && enough(head) {
            out = head;
            break;
        }
    }
    // A site name before it: the rightmost cut whose head is, or ends with, one.
    let base = out;
    let offset = base.as_ptr() as usize - title.as_ptr() as usize;
    for &(start, end, _) in cuts.iter().rev() {
        if start < offset || end > offset + base.len() {
            continue;
        }
        let head = &title[offset..start];
        let last = cuts
            .iter()
            .filter(|c| c.1 <= start && c.0 >= offset)
            .map(|c| c.1)
            .max()
            .unwrap_or(offset);
        let rest = title[end..offset + base.len()].trim();
        if (is_site(head, sites) || is_site(&title[last..start], sites)) && enough(rest) {
            out = rest;
            break;
        }
    }
    out
}

fn nonempty(s: String) -> Option<String> {
    let s = one_line(&s);
    (!s.is_empty()).then_some(s)
}

/// The first non-empty `content` of a `<meta>` whose property, name or itemprop is one of
/// `keys` (compared case-insensitively, as sites vary).
fn meta(doc: &Document, keys: &[&str]) -> Option<String> {
    all_meta(doc, keys).into_iter().next()
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
    /// Names of `WebSite` and `Organization` objects, which titles may carry.
    site_names: Vec<String>,
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
    for o in &objects {
        if type_names(o)
            .iter()
            .any(|t| t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization")
            && let Some(name) = o.get("name").and_then(Value::as_str)
        {
            ld.site_names.push(name.to_string());
        }
    }
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

/// Labels that introduce a link to another story inside the text ("Read more: ...").
const SEE_ALSO: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "more on this",
    "lea también",
    "lea tambien",
    "lea más",
    "lea mas",
    "lea",
    "mire",
    "mira",
    "vea también",
    "vea tambien",
    "le puede interesar",
    "te puede interesar",
    "puedes ver",
    "lee también",
    "lee tambien",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "leia também",
    "leia mais",
    "veja também",
    "lesen sie auch",
    "lesen sie hier",
    "mehr zum thema",
    "auch interessant",
    "schon gelesen",
    "siehe auch",
    "weiterlesen",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "leggi anche",
    "ähnliche beiträge",
    "verwandte artikel",
    "zum weiterlesen",
    "auch lesen",
    "mehr themen",
    "veja também",
    "related stories",
    "related coverage",
    "related articles",
    "more stories",
    "lesen sie auch die folgenden beiträge",
    "weitere beiträge",
];

/// Headings of page furniture, dropped when they are all a paragraph says: comment and
/// author boxes, lists of other stories, advertising labels, print and share buttons.
const FURNITURE: &[&str] = &[
    "kommentare",
    "keine kommentare",
    "comments",
    "no comments",
    "über den autor",
    "about the author",
    "zur person",
    "inhaltsverzeichnis",
    "table of contents",
    "anzeige",
    "- anzeige-",
    "advertisement",
    "werbung",
    "publicidad",
    "reklama",
    "meistgelesene artikel",
    "meistdiskutierte artikel",
    "most read",
    "empfohlene beiträge",
    "weiterführende links",
    "weiterführender link",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "diesen artikel teilen",
    "artikel teilen",
    "share this article",
    "rezept drucken",
    "print recipe",
    "lade weitere inhalte",
    "zurück",
    "zurück zur listenansicht",
    "permalien",
    "drukuj",
    "dowiedz się więcej",
    "aktualisiert",
    "von",
    "autoren",
    "autor",
    "quellenangaben",
    "credit",
    "photograph by",
    "crédits photos",
    "kommentare schreiben",
    "weitere informationen",
    "kontakt",
    "zusatzinformationen",
    "release date",
    "war der artikel nützlich",
    "möchten sie den artikel teilen",
    "hier können sie den artikel bewerten",
    "pour lire la suite",
    "vorschau auf den nächsten artikel",
    "artikel gefallen? vergiss nicht zu teilen",
    "kommentar verfassen",
    "kommentare sind geschlossen",
    "comments are closed",
    "leave a comment",
    "leave a reply",
    "you might also like",
];

/// Labels of a story's categories and counters ("Category: Press releases").
const TAXONOMY: &[&str] = &[
    "category",
    "categories",
    "kategorie",
    "kategorien",
    "tags",
    "schlagwörter",
    "schlagworte",
    "filed under",
    "posted in",
    "abgelegt unter",
    "aufrufe",
    "views",
    "catégorie",
    "categoría",
    "etiquetas",
];

/// What a comment form says about itself.
const COMMENT_FORM: &[&str] = &[
    "wird nicht veröffentlicht",
    "will not be published",
    "required fields are marked",
    "erforderliche felder sind",
    "um kommentare zu schreiben",
];

/// Copyright notices.
const RIGHTS: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "wszelkie prawa zastrzeżone",
    "todos os direitos reservados",
];

/// Calls to subscribe, sign up or follow, which short paragraphs of furniture make.
const CALLS: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign up",
    "signing up",
    "abonnier",
    "abonnez",
    "suscríbete",
    "suscribete",
    "inscreva-se",
    "subskryp",
    "follow us on",
];

/// Words that open a photo caption's credit ("Photo: Ana Ruiz, AP").
const CREDITS: &[&str] = &[
    "photo",
    "photos",
    "foto",
    "fotos",
    "bild",
    "bilder",
    "image",
    "picture",
    "credit",
    "photo credit",
    "bildquelle",
    "bildnachweis",
    "beitragsbild",
    "titelbild",
    "źródło",
    "crédit photo",
    "imagen",
];

/// Words that open an update stamp ("Updated 5:27 am").
const STAMPS: &[&str] = &[
    "updated",
    "last updated",
    "aktualisiert",
    "zuletzt aktualisiert",
    "actualizado",
    "mis à jour",
    "atualizado",
];

/// Words of a row of share buttons.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "teilen",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "pinterest",
    "linkedin",
    "reddit",
    "telegram",
    "xing",
    "print",
    "drucken",
    "copy",
    "link",
    "messenger",
    "flipboard",
    "compartir",
    "partager",
    "on",
    "this",
    "article",
    "artikel",
    "via",
    "per",
];

/// Paragraphs that are page furniture rather than story: "read more" links, photo credits
/// and "Image 1 of 8" counters, update stamps, rows of share buttons. Each rule applies to
/// short paragraphs only, so a story's own sentences, quotes included, stay.
fn drop_boilerplate(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !is_boilerplate(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn is_boilerplate(paragraph: &str) -> bool {
    let p = paragraph.trim();
    let lower = p.to_lowercase();
    let words = p.split_whitespace().count();
    let labelled = |labels: &[&str]| {
        labels.iter().any(|l| {
            lower.strip_prefix(l).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(':') || rest.starts_with('|') || rest.is_empty() || rest == "?"
            })
        })
    };
    if p.chars().count() <= 250 && labelled(SEE_ALSO) {
        return true;
    }
    let rights = lower.starts_with('©')
        || lower.starts_with("copyright")
        || RIGHTS.iter().any(|r| lower.contains(r));
    if words <= 25 && rights {
        return true;
    }
    if p.chars().count() <= 200 && labelled(TAXONOMY) {
        return true;
    }
    if words <= 20 && COMMENT_FORM.iter().any(|c| lower.contains(c)) {
        return true;
    }
    let app_call = lower.contains("download the") && lower.contains("app");
    if words <= 30 && (app_call || CALLS.iter().any(|c| lower.contains(c))) {
        return true;
    }
    let bare = lower.trim_end_matches([':', '!', '?', '.', ' ']);
    if FURNITURE.contains(&bare) {
        return true;
    }
    if words <= 12 && (labelled(CREDITS) || is_image_counter(&lower)) {
        return true;
    }
    // A stamp with a year stays: the date may be the only one the text gives.
    if words <= 8
        && STAMPS.iter().any(|s| lower.starts_with(s))
        && lower.chars().any(|c| c.is_ascii_digit())
        && !has_year(&lower)
    {
        return true;
    }
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | ','))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.len() >= 2
        && tokens.iter().all(|t| SHARE_WORDS.contains(t))
        && tokens
            .iter()
            .any(|t| *t != "on" && *t != "this" && *t != "via")
}

/// Whether text holds a four-digit number, as a year is written.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4)
}

/// "Image 1 of 8", "Bild 3 von 12", "Foto 2 de 5".
fn is_image_counter(lower: &str) -> bool {
    let t: Vec<&str> = lower.split_whitespace().collect();
    t.len() == 4
        && ["image", "photo", "picture", "bild", "foto", "slide"].contains(&t[0])
        && t[1].chars().all(|c| c.is_ascii_digit())
        && ["of", "von", "de", "sur", "di", "z"].contains(&t[2])
        && t[3].chars().all(|c| c.is_ascii_digit())
}

/// Parts of class and id names (split at `-`, `_` and `:`) that mark page furniture inside
/// or beside a story: share buttons, social links, newsletter and subscription boxes,
/// related-story lists, cookie notices. "m-shared-nav" is not a share button.
fn furniture_part(part: &str) -> bool {
    const PARTS: &[&str] = &[
        "share",
        "shares",
        "sharing",
        "sharebar",
        "sharedaddy",
        "subscribe",
        "subscription",
        "related",
        "consent",
        "author",
        "authors",
        "autor",
        "bio",
        "authorbox",
        "breadcrumb",
        "breadcrumbs",
    ];
    PARTS.contains(&part)
        || ["social", "newsletter", "cookie", "relatedposts", "sharing"]
            .iter()
            .any(|m| part.starts_with(m))
}

fn is_furniture_name(names: &str) -> bool {
    let lower = names.to_lowercase();
    lower.contains("wp-caption-text")
        || lower
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | ':'))
            .any(furniture_part)
}

/// Removes the elements that `is_furniture_name` names, and `<figcaption>`, before
/// readability scores the page. Wrappers are spared: the page's root, `<main>`,
/// `<article>`, anything holding the `<h1>` or paragraphs of running text, and anything
/// with more text than a box of furniture has.
fn remove_furniture(doc: &Document) {
    const SELECTOR: &str = "figcaption, [class*=\"share\"], [class*=\"sharing\"], \
        [class*=\"social\"], [class*=\"newsletter\"], [class*=\"subscri\"], \
        [class*=\"related\"], [class*=\"cookie\"], [class*=\"consent\"], \
        [class*=\"wp-caption-text\"], [id*=\"share\"], [id*=\"social\"], \
        [id*=\"newsletter\"], [id*=\"related\"], [id*=\"cookie\"], [id*=\"consent\"], [class*=\"author\"], [class*=\"autor\"], \
        [class*=\"bio\"], [class*=\"breadcrumb\"]";
    let Some(found) = doc.try_select(SELECTOR) else {
        return;
    };
    for node in found.nodes() {
        let name = node.node_name().unwrap_or_default();
        if matches!(&*name, "html" | "body" | "main" | "article" | "h1") {
            continue;
        }
        let marked = &*name == "figcaption"
            || is_furniture_name(&format!(
                "{} {}",
                node.attr("class").unwrap_or_default(),
                node.attr("id").unwrap_or_default()
            ));
        if !marked || node.text().chars().count() > MAX_FURNITURE_CHARS {
            continue;
        }
        let mut prose = 0;
        let wraps_story = node
            .descendants_it()
            .any(|d| match d.node_name().as_deref() {
                Some("h1" | "article" | "main") => true,
                Some("p") => {
                    if d.text().chars().count() > 150 {
                        prose += 1;
                    }
                    prose >= 2
                }
                _ => false,
            });
        if !wraps_story {
            node.remove_from_parent();
        }
    }
}

const MAX_FURNITURE_CHARS: usize = 1500;

/// Main text shorter than this (in characters) is checked against the page's paragraphs.
const SHORT_TEXT: usize = 1500;

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

    fn title_of(html: &str) -> String {
        parse(html).unwrap().title
    }

    const STORY: &str =
        "<p>Barges waited at Vienna while the river stayed high for a third day.</p>";

    #[test]
    fn site_names_leave_titles() {
        // og:site_name compared loosely, after the headline or before it.
        let suffix = format!(
            r#"<title>Floods close Danube ports | EXAMPLE NEWS</title>
<meta property="og:site_name" content="Example News">{STORY}"#
        );
        assert_eq!(title_of(&suffix), "Floods close Danube ports");
        let prefix = format!(
            r#"<title>Example News: Floods close Danube ports</title>
<meta name="application-name" content="example-news">{STORY}"#
        );
        assert_eq!(title_of(&prefix), "Floods close Danube ports");
        // The page's own domain, with the site's tagline after its name.
        let domain = format!(
            r#"<title>Floods close Danube ports - River-Post.example - Barges and more</title>
<link rel="canonical" href="https://www.river-post.example/2026/floods">{STORY}"#
        );
        assert_eq!(title_of(&domain), "Floods close Danube ports");
        // The JSON-LD publisher's name.
        let publisher = format!(
            r#"<title>Floods close Danube ports – The River Post</title>
<script type="application/ld+json">{{"@type":"NewsArticle","publisher":{{"@type":"Organization","name":"The River Post"}}}}</script>{STORY}"#
        );
        assert_eq!(title_of(&publisher), "Floods close Danube ports");
    }

    #[test]
    fn the_visible_heading_settles_the_title() {
        // The h1 equals one side of the split: take it, whatever the other side is.
        let agree = format!(
            r#"<title>Floods close Danube ports | Barges, boats and the people on them</title>
<h1>Floods close Danube ports</h1>{STORY}"#
        );
        assert_eq!(title_of(&agree), "Floods close Danube ports");
        // A logo heading names the site, so it is stripped rather than taken.
        let logo = format!(
            r#"<title>Riverside Notes » Floods close Danube ports</title>
<h1 class="site-title"><a href="/" rel="home">Riverside Notes</a></h1>{STORY}"#
        );
        assert_eq!(title_of(&logo), "Floods close Danube ports");
        // A kicker run into the heading gives way to the declared title.
        let kicker = format!(
            r#"<meta property="og:title" content="Floods close Danube ports">
<h1><span>Weather</span> Floods close Danube ports</h1>{STORY}"#
        );
        assert_eq!(title_of(&kicker), "Floods close Danube ports");
        // A section heading that is one piece of a title is not the headline.
        let section = format!(
            r#"<meta property="og:title" content="Floods close Danube ports">
<title>News - River Post</title><h1>News</h1>{STORY}"#
        );
        assert_eq!(title_of(&section), "Floods close Danube ports");
        // A longer visible headline on the same story wins over the shorter metadata one.
        let longer = format!(
            r#"<meta property="og:title" content="Danube ports closed">
<h1>Floods close Danube ports for a third day</h1>{STORY}"#
        );
        assert_eq!(
            title_of(&longer),
            "Floods close Danube ports for a third day"
        );
    }

    #[test]
    fn text_that_is_not_a_site_name_stays() {
        let not_site = format!(
            r#"<title>Floods close Danube ports - a week of high water</title>
<meta property="og:site_name" content="River Post">{STORY}"#
        );
        assert_eq!(
            title_of(&not_site),
            "Floods close Danube ports - a week of high water"
        );
        // Stripping would leave a single word.
        let short = format!(
            r#"<title>Floods | River Post</title><meta property="og:site_name" content="River Post">{STORY}"#
        );
        assert_eq!(title_of(&short), "Floods | River Post");
        // A site name that is only part of a headline's first words stays.
        let inside = format!(
            r#"<title>Welpen kaufen - Tipps zu jeder Rasse</title>
<meta property="og:site_name" content="Welpen">{STORY}"#
        );
        assert_eq!(title_of(&inside), "Welpen kaufen - Tipps zu jeder Rasse");
    }

    #[test]
    fn furniture_paragraphs_are_dropped_and_story_paragraphs_kept() {
        for furniture in [
            "Read more: Frost warnings issued for the high valleys",
            "LEA TAMBIÉN: Otra noticia del día",
            "Photo: Mara Lind, AP",
            "Bild: Werk/Jan Muster",
            "Image 3 of 8",
            "Updated 5:27 am",
            "Facebook Twitter Email",
            "Share | Tweet | WhatsApp",
            "Sign up for our newsletter and never miss a story from the valley.",
            "Ähnliche Beiträge",
            "Advertisement:",
            "© 2026 Valley Courier. All rights reserved.",
            "Copyright 2026 Valley Courier",
            "Category: Press releases",
            "Tags: floods, Danube, shipping",
            "Your email address will not be published.",
            "Kontakt:",
        ] {
            assert!(is_boilerplate(furniture), "{furniture}");
        }
        for story in [
            "Mira Sorvino read more than forty scripts before she said yes, her agent said.",
            "\"Read more books,\" the headteacher told the pupils on Monday.",
            "Updated figures published on 4 March 2026 showed the harvest was down by a third.",
            "Photographers waited outside the court for most of the afternoon.",
            "Image rights were at the centre of the dispute between the two agencies.",
            "Share prices fell sharply in Frankfurt.",
            "Categories of farm loans were widened by the ministry on Friday, officials said.",
            "Kontakt zu den Behörden hatte die Familie seit dem Frühjahr nicht mehr.",
            "The court ruled that the band had kept all rights to the songs it wrote before 1990, \
             and that the label owed it royalties for three decades of sales abroad.",
        ] {
            assert!(!is_boilerplate(story), "{story}");
        }
        let text = "First paragraph of the story.\n\nPhoto: Ana Ruiz\n\nSecond paragraph.";
        assert_eq!(
            drop_boilerplate(text),
            "First paragraph of the story.\n\nSecond paragraph."
        );
    }

    #[test]
    fn furniture_boxes_are_named_by_their_classes() {
        for name in [
            "share-buttons",
            "sharedaddy sd-sharing-enabled",
            "social-links",
            "newsletter-box",
            "cookie-notice",
            "jp-relatedposts",
            "related-articles",
            "wp-caption-text",
            "author-bio",
        ] {
            assert!(is_furniture_name(name), "{name}");
        }
        for name in [
            "m-shared-nav-list",
            "entry-content",
            "article-body",
            "shareholder-news",
        ] {
            assert!(!is_furniture_name(name), "{name}");
        }
        // A wrapper holding the story is never removed, whatever its class says.
        let html = format!(
            r#"<div class="post socialmedia-"><h1>Hail hits the orchards</h1><p>{long}</p><p>{long}</p></div>
<div class="share-row"><a href="">Facebook</a></div>"#,
            long = "Growers walked their rows after hail stripped the apples from the trees. "
                .repeat(3)
        );
        let doc = Document::from(html.as_str());
        remove_furniture(&doc);
        let text = doc.select("body").text();
        assert!(text.contains("Growers walked"), "{text}");
        assert!(!text.contains("Facebook"), "{text}");
    }

    #[test]
    fn malformed_html_does_not_panic() {
        assert!(parse("<html><head><title></title></head><body></body>").is_none());
        // A title made of separators is read in linear time and left as it is.
        let pipes = format!(
            "<title>{}</title><meta property=\"og:site_name\" content=\"a\"><h1>a - a</h1>",
            "a | ".repeat(100_000)
        );
        assert!(parse(&pipes).unwrap().title.starts_with("a | a | "));
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
