//! JSON-LD: the page's news object, the dates its objects state and its publisher's names.
//! Pages put these on objects of many types, in arrays and graphs, and not always as valid
//! JSON, so the reading is forgiving.

use dom_query::Document;
use serde_json::Value;

use super::meta::nonempty;
use crate::article::Article;
use crate::formats::fields::article_from_object;

/// What a page's JSON-LD says: its news object as an article, and every publication date
/// it states, the news object's first.
#[derive(Default)]
pub(super) struct LinkedData {
    pub(super) article: Article,
    pub(super) published: Vec<String>,
    /// Every `dateModified` its objects state.
    pub(super) modified: Vec<String>,
    /// Names of `WebSite` and `Organization` objects, which titles may carry.
    pub(super) site_names: Vec<String>,
}

/// The news object among the page's JSON-LD blocks, which may be an object, an array or
/// an `@graph`; article types win over anything else that carries a headline. A block
/// that is not valid JSON still gives its `datePublished` values.
pub(super) fn linked_data(doc: &Document) -> LinkedData {
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
    ld.modified = objects
        .iter()
        .filter_map(|o| o.get("dateModified").and_then(Value::as_str))
        .map(str::to_string)
        .collect();
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
