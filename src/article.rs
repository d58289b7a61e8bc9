//! The `Article`: what every input format produces and every later stage consumes.

use serde::Serialize;

/// One news story as read from an input file, before extraction.
///
/// Formats fill in what the file itself states; nothing here is guessed from prose.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// The record's own identifier inside a multi-article file (NEWID, DOCNO, guid, `id` field).
    pub record_id: Option<String>,
    pub title: String,
    /// A standfirst or deck; kept apart from the body so salience can weigh it like the headline.
    pub subtitle: Option<String>,
    pub body: String,
    /// The date exactly as the metadata gave it; `extract::dates` parses it.
    pub date: Option<String>,
    /// A wire dateline ("TEHRAN, Feb 3 (Reuters) -") when the format marks it separately.
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    /// Labels that the format gives as metadata (Reuters PLACES, NITF persons, ...).
    pub given: Given,
}

/// Metadata labels supplied by the input format, not found by extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Given {
    /// Country names or codes as the format spells them ("usa", "west-germany", "IR").
    pub places: Vec<String>,
    pub people: Vec<String>,
    pub orgs: Vec<String>,
    /// Topic or subject labels (Reuters TOPICS, NewsML subject qcodes).
    pub subjects: Vec<String>,
}

impl Article {
    /// True when the record carries no text worth indexing.
    pub fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty()
    }
}
