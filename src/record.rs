//! `Record`: one article with its extracted metadata, in the shape that `extract`, `show`
//! and `search` print and that the index stores. Its JSON field names are a contract.

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::extract::{ActorMention, CountryMention, DateSource, Extraction};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub path: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// RFC 3339 in UTC, or null when nothing states a date.
    pub date: Option<String>,
    /// Which evidence gave the date (serialized as metadata, meta, json-ld, url, byline,
    /// dateline, text or path).
    pub date_source: Option<DateSource>,
    /// The text the date was read from.
    #[serde(default)]
    pub date_text: Option<String>,
    /// ISO 639-1 code of the language, or null when the text is too short to tell.
    #[serde(default)]
    pub lang: Option<String>,
    pub countries: Vec<CountryMention>,
    pub actors: Vec<ActorMention>,
    pub source: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl Record {
    /// Joins an article and its extraction; `body` is left out, callers add it when wanted.
    pub fn new(id: String, path: String, article: &Article, ex: Extraction) -> Record {
        Record {
            id,
            path,
            title: article.title.clone(),
            subtitle: article.subtitle.clone(),
            date: ex
                .date
                .as_ref()
                .map(|d| d.value.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            date_source: ex.date.as_ref().map(|d| d.source),
            date_text: ex.date.map(|d| d.text),
            lang: ex.lang.map(str::to_string),
            countries: ex.countries,
            actors: ex.actors,
            source: article.source.clone(),
            url: article.url.clone(),
            authors: article.authors.clone(),
            subjects: article.given.subjects.clone(),
            score: None,
            snippet: None,
            body: None,
        }
    }

    /// The date in seconds since the epoch.
    pub fn timestamp(&self) -> Option<i64> {
        let date = chrono::DateTime::parse_from_rfc3339(self.date.as_deref()?).ok()?;
        Some(date.timestamp())
    }

    /// The calendar day of the date, for display.
    pub fn day(&self) -> Option<&str> {
        self.date.as_deref().and_then(|d| d.get(..10))
    }
}
