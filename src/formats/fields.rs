//! The field names that scraped news uses for each article property, shared by JSON,
//! JSON Lines, Markdown front matter and CSV headers.

use serde_json::{Map, Value};

use crate::article::Article;

/// An article property that a named field or column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Subtitle,
    Body,
    Date,
    Url,
    Source,
    Authors,
    Places,
    People,
    Orgs,
    Subjects,
}

impl Field {
    /// Maps a field name as found in data ("maintext", "pubDate", "site_name") to a property.
    pub fn from_name(name: &str) -> Option<Field> {
        let key: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "id" | "guid" | "docid" | "docno" | "uuid" | "newid" | "articleid" => Field::Id,
            "title" | "headline" | "hed" | "name" => Field::Title,
            "subtitle" | "subheadline" | "subhead" | "deck" | "standfirst" | "description"
            | "summary" | "dek" => Field::Subtitle,
            "body" | "text" | "content" | "maintext" | "article" | "articlebody" | "fulltext"
            | "bodytext" | "story" => Field::Body,
            "date" | "published" | "publishdate" | "datepublish" | "pubdate" | "datepublished"
            | "publishedat" | "publishedtime" | "publicationdate" | "datetime" | "created"
            | "timestamp" => Field::Date,
            "url" | "link" | "href" | "canonicalurl" | "permalink" => Field::Url,
            "source" | "publisher" | "sourcedomain" | "sitename" | "outlet" | "domain"
            | "sourcename" | "agency" => Field::Source,
            "authors" | "author" | "byline" | "creator" | "writer" | "writers" => Field::Authors,
            "places" | "countries" | "locations" | "country" => Field::Places,
            "people" | "persons" => Field::People,
            "orgs" | "organizations" | "organisations" => Field::Orgs,
            "topics" | "subjects" | "tags" | "keywords" | "categories" => Field::Subjects,
            _ => return None,
        })
    }
}

/// Fills one property of `article` from a textual value, the common path for every format.
pub fn set_field(article: &mut Article, field: Field, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match field {
        Field::Id => set_once(&mut article.record_id, value),
        Field::Title => {
            if article.title.is_empty() {
                article.title = value.to_string();
            }
        }
        Field::Subtitle => set_once(&mut article.subtitle, value),
        Field::Body => {
            if article.body.is_empty() {
                article.body = value.to_string();
            }
        }
        Field::Date => set_once(&mut article.date, value),
        Field::Url => set_once(&mut article.url, value),
        Field::Source => set_once(&mut article.source, value),
        Field::Authors => push_list(&mut article.authors, value),
        Field::Places => push_list(&mut article.given.places, value),
        Field::People => push_list(&mut article.given.people, value),
        Field::Orgs => push_list(&mut article.given.orgs, value),
        Field::Subjects => push_list(&mut article.given.subjects, value),
    }
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = Some(value.to_string());
    }
}

/// Lists arrive either as arrays or as one string ("A, B and C"); both end up as items.
fn push_list(list: &mut Vec<String>, value: &str) {
    let value = value
        .strip_prefix("By ")
        .or_else(|| value.strip_prefix("by "))
        .unwrap_or(value);
    for part in value.split([',', ';', '|']).flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        if !part.is_empty() && !list.iter().any(|x| x == part) {
            list.push(part.to_string());
        }
    }
}

/// Builds an article from a JSON object, accepting every alias `Field::from_name` knows.
pub fn article_from_object(obj: &Map<String, Value>) -> Article {
    let mut article = Article::default();
    for (key, value) in obj {
        let Some(field) = Field::from_name(key) else {
            continue;
        };
        for text in value_texts(value, field) {
            set_field(&mut article, field, &text);
        }
    }
    article
}

/// The strings inside a JSON value: arrays are flattened, objects give their `name`
/// (authors as `{"name": ...}`, publishers as `{"@type": "Organization", "name": ...}`),
/// or for addresses their `url` or `@id`.
fn value_texts(value: &Value, field: Field) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) if field == Field::Id => vec![n.to_string()],
        Value::Number(n) if field == Field::Date => vec![n.to_string()],
        Value::Array(items) => items.iter().flat_map(|v| value_texts(v, field)).collect(),
        Value::Object(obj) => {
            // A bare `{"@id": "https://site/#organization"}` refers to another node; it
            // is an address, never a name.
            let keys: &[&str] = match field {
                Field::Url | Field::Id => &["url", "@id", "name"],
                _ => &["name", "title", "text"],
            };
            keys.iter()
                .find_map(|k| obj.get(*k).and_then(Value::as_str))
                .map(|s| vec![s.to_string()])
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_from_scrapers_map_to_fields() {
        assert_eq!(Field::from_name("maintext"), Some(Field::Body));
        assert_eq!(Field::from_name("date_publish"), Some(Field::Date));
        assert_eq!(Field::from_name("pubDate"), Some(Field::Date));
        assert_eq!(Field::from_name("source_domain"), Some(Field::Source));
        assert_eq!(Field::from_name("byline"), Some(Field::Authors));
        assert_eq!(Field::from_name("colour"), None);
    }

    #[test]
    fn object_with_nested_author_and_publisher() {
        let v: Value = serde_json::json!({
            "headline": "Talks resume",
            "articleBody": "Delegates met.",
            "author": [{"name": "Ana Ruiz"}, {"name": "Li Wei"}],
            "publisher": {"@type": "Organization", "name": "Daily Ledger"},
            "id": 42
        });
        let a = article_from_object(v.as_object().unwrap());
        assert_eq!(a.title, "Talks resume");
        assert_eq!(a.body, "Delegates met.");
        assert_eq!(a.authors, vec!["Ana Ruiz", "Li Wei"]);
        assert_eq!(a.source.as_deref(), Some("Daily Ledger"));
        assert_eq!(a.record_id.as_deref(), Some("42"));
    }

    #[test]
    fn byline_string_splits_into_authors() {
        let mut a = Article::default();
        set_field(&mut a, Field::Authors, "By Sam Oduya and Petra Novak");
        assert_eq!(a.authors, vec!["Sam Oduya", "Petra Novak"]);
    }
}
