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
    /// Further dates the file states for the article, most trusted first (a web page's
    /// meta tags, JSON-LD, `<time>` elements, URL, byline); extraction takes the first
    /// one that reads as a date when `date` does not.
    pub date_claims: Vec<DateClaim>,
    /// A wire dateline ("TEHRAN, Feb 3 (Reuters) -") when the format marks it separately.
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    /// Labels that the format gives as metadata (Reuters PLACES, NITF persons, ...).
    pub given: Given,
}

/// A date a file states for its article, and where it states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateClaim {
    pub kind: ClaimKind,
    pub text: String,
}

/// Where in a file a date claim was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A `<meta>` tag or a `<time>`/`itemprop` attribute.
    Meta,
    /// A JSON-LD `datePublished`.
    JsonLd,
    /// The date in the page's own URL (`/2012/05/31/`).
    Url,
    /// A visible date beside the headline or byline.
    Byline,
    /// A stated modification time (`article:modified_time`, JSON-LD `dateModified`): never
    /// the publication date, but a visible date that matches it shows an update's day.
    Modified,
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
