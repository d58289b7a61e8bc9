//! Extraction: the publication date, the countries and the actors of an article, as pure
//! functions over its text and metadata. Given metadata merges with what the text yields,
//! and every value records where it came from.

pub mod actors;
mod ascii_words;
pub mod calendar;
pub mod countries;
pub mod dates;
pub mod gazetteer;
pub mod lang;
mod word_lists;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize, Serializer};

use crate::article::Article;

/// Where a date came from, most trustworthy first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The date field of the input format itself (feed, NITF, JSON, CSV, SGML).
    Metadata,
    /// A web page's `<meta>` tags or `<time>` markup.
    Meta,
    JsonLd,
    Dateline,
    Byline,
    Url,
    Text,
    Path,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Meta => "meta",
            DateSource::JsonLd => "json-ld",
            DateSource::Dateline => "dateline",
            DateSource::Byline => "byline",
            DateSource::Url => "url",
            DateSource::Text => "text",
            DateSource::Path => "path",
        }
    }
}

/// The publication date and the evidence for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExtractedDate {
    #[serde(serialize_with = "rfc3339")]
    pub value: DateTime<Utc>,
    pub source: DateSource,
    /// The text the date was read from, so users can check it.
    pub text: String,
}

/// Whether a country or actor was given by the input format, found in the text, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Provenance {
    #[serde(rename = "metadata")]
    Given,
    #[serde(rename = "text")]
    Text,
    #[serde(rename = "metadata+text")]
    Both,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryMention {
    /// ISO 3166-1 alpha-2, or the ISO 3166-3 code of a historical state (SU, DD, YU, CS, ZR).
    pub code: String,
    pub name: String,
    pub mentions: u32,
    pub source: Provenance,
    /// The words in the text that gave the country ("Tehran", "Iranian", "Ottawa
    /// (government)"), each once; empty when only the metadata names it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// The canonical name every mention was merged into ("Masoud Pezeshkian").
    pub name: String,
    pub kind: ActorKind,
    pub mentions: u32,
    /// A title the text gives the actor ("President").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The country the text affiliates the actor with ("Iran's President ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Acronym or short form merged into this actor ("IAEA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    pub source: Provenance,
}

/// Everything extraction yields for one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub date: Option<ExtractedDate>,
    /// Most salient first.
    pub countries: Vec<CountryMention>,
    /// Most salient first.
    pub actors: Vec<ActorMention>,
    /// ISO 639-1 code of the article's language, when it can be told reliably.
    pub lang: Option<&'static str>,
}

/// Extracts date, countries and actors. `path` is the article's file path, which can
/// carry a date (`2026/02/03/`, `2026-02-03-slug.txt`).
pub fn extract(article: &Article, path: &str) -> Extraction {
    let mut countries = countries::extract(article);
    merge_given_places(&mut countries, &article.given.places);
    let lang = lang::detect(article);
    // No actors rather than wrong ones where the rules do not fit the language.
    let mut actors = if lang::has_actor_rules(lang) {
        actors::extract(article)
    } else {
        Vec::new()
    };
    merge_given_actors(&mut actors, &article.given.people, ActorKind::Person);
    merge_given_actors(&mut actors, &article.given.orgs, ActorKind::Organization);
    Extraction {
        date: dates::publication_date(article, path),
        countries,
        actors,
        lang,
    }
}

fn merge_given_places(countries: &mut Vec<CountryMention>, given: &[String]) {
    for place in given {
        let Some(country) = countries::lookup(place) else {
            continue;
        };
        match countries.iter_mut().find(|c| c.code == country.code) {
            Some(c) => c.source = Provenance::Both,
            None => countries.push(CountryMention {
                code: country.code.to_string(),
                name: country.name.to_string(),
                mentions: 0,
                source: Provenance::Given,
                evidence: Vec::new(),
            }),
        }
    }
}

fn merge_given_actors(actors: &mut Vec<ActorMention>, given: &[String], kind: ActorKind) {
    for label in given {
        let name = display_label(label);
        if name.is_empty() {
            continue;
        }
        let key = fold(&name);
        let found = actors.iter_mut().find(|a| {
            let have = fold(&a.name);
            have == key
                || have.split(' ').any(|w| w == key)
                || a.alias.as_deref().map(fold).as_deref() == Some(key.as_str())
        });
        match found {
            Some(a) => a.source = Provenance::Both,
            None => actors.push(ActorMention {
                name,
                kind,
                mentions: 0,
                role: None,
                country: None,
                alias: None,
                source: Provenance::Given,
            }),
        }
    }
}

/// Reuters-21578 ORGS codes that are neither an acronym nor a slug of the name.
const ORG_CODES: &[(&str, &str)] = &[
    ("worldbank", "World Bank"),
    ("ico-coffee", "International Coffee Organization"),
    ("ico-islam", "Organisation of the Islamic Conference"),
    ("adb-africa", "African Development Bank"),
    ("adb-asia", "Asian Development Bank"),
    ("iwc-whale", "International Whaling Commission"),
    ("iwc-wheat", "International Wheat Council"),
];

/// Metadata labels come as slugs ("james-baker"), codes ("opec") or names; all read as names.
fn display_label(label: &str) -> String {
    let label = label.trim();
    if let Some((_, name)) = ORG_CODES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(label))
    {
        return name.to_string();
    }
    if label.contains(' ') || label.chars().any(char::is_uppercase) {
        return label.to_string();
    }
    if label.len() <= 5 && !label.contains('-') {
        return label.to_uppercase();
    }
    label
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['.', '\''], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn rfc3339<S: Serializer>(d: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_labels_read_as_names() {
        assert_eq!(display_label("james-baker"), "James Baker");
        assert_eq!(display_label("opec"), "OPEC");
        assert_eq!(display_label("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(display_label("worldbank"), "World Bank");
    }
}
