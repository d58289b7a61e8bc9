//! The page's headline: declared titles carry the site's name and visible headings carry
//! logos and kickers, so each is checked against the other and against the site's names.

use dom_query::Document;

use super::linked_data::LinkedData;
use super::meta::{all_meta, meta, nonempty, text_of};

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
pub(super) fn page_title(doc: &Document, ld: &LinkedData, url: Option<&str>) -> String {
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
