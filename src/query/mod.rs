//! What a user asks of an archive and what comes back, in terms every back end shares:
//! the parsed and resolved query (`Clause`), the filters, search requests, hits, facet
//! counts and date counts. No engine code lives here; `index` (tantivy) and `opensearch`
//! translate these into their own queries.

pub mod bounds;
mod clause;
pub mod parse;
pub mod timeline;

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::extract::countries;
use crate::record::Record;
pub use bounds::{DateBoundError, parse_bound};
pub use clause::{Clause, Key, TextField};
use parse::SyntaxError;

/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 2.5;
/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 220;
/// A prefix matching more index words than this is refused as too broad.
pub const MAX_PREFIX_TERMS: usize = 1000;
/// `--fuzzy` builds an automaton per word; beyond this many words it is refused.
pub const MAX_FUZZY_WORDS: usize = 64;

/// Endings that complete a prefix into the words English stemming shortens most
/// ("negotiat" + "e", "ion", "ing"), so that their stems can be looked up.
const STEM_COMPLETIONS: [&str; 9] = ["", "e", "s", "es", "ed", "ing", "ion", "ions", "y"];

/// A stemmed field files a word under its stem, which can be shorter than the prefix
/// typed: "negotiat*" must find "negotiations", filed as "negoti". These are the stems
/// of the (folded) prefix's usual completions that fall short of it, for every back end
/// to look up beside the prefix itself; `stem` stems one word as the index does.
pub fn shorter_stems(prefix: &str, mut stem: impl FnMut(&str) -> Option<String>) -> Vec<String> {
    let mut stems: Vec<String> = (STEM_COMPLETIONS.iter())
        .filter_map(|end| stem(&format!("{prefix}{end}")))
        .filter(|s| s.len() < prefix.len() && prefix.starts_with(s.as_str()))
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

/// Errors in what the user asked for (as opposed to index or I/O errors).
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    // Not `#[from]`: that would make the syntax error this one's source too, and
    // `{:#}` would print the message, query and caret twice.
    #[error("query syntax: {0}")]
    Syntax(SyntaxError),
    #[error("unknown country '{0}': use an ISO code (IR), a name (Iran) or a demonym (Iranian)")]
    UnknownCountry(String),
    #[error(transparent)]
    Date(#[from] DateBoundError),
    #[error("{0} matches more than 1000 words; use a longer prefix")]
    PrefixTooBroad(String),
    #[error("--fuzzy works on queries of up to 64 words; this one has {0}")]
    TooManyFuzzyWords(usize),
    #[error("--from {from} is after --to {to}")]
    EmptyDateRange { from: String, to: String },
}

impl From<SyntaxError> for QueryError {
    fn from(e: SyntaxError) -> Self {
        QueryError::Syntax(e)
    }
}

/// A span of time: `from` included, `to` excluded; either side may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl DateRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// True when the instant (seconds since the epoch) falls inside.
    pub fn contains(&self, secs: i64) -> bool {
        self.from.is_none_or(|f| secs >= f.timestamp())
            && self.to.is_none_or(|t| secs < t.timestamp())
    }

    /// The first and the last calendar day the range covers, for filling a timeline.
    pub fn days(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (
            self.from.map(|d| d.date_naive()),
            self.to
                .map(|d| (d - chrono::Duration::seconds(1)).date_naive()),
        )
    }
}

/// The filters as typed on the command line, before they are checked and resolved.
#[derive(Debug, Clone, Default)]
pub struct FilterWords {
    pub actors: Vec<String>,
    pub countries: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sources: Vec<String>,
    pub langs: Vec<String>,
}

/// Filters shared by search, top, timeline and similar, resolved: country codes, lower-case
/// sources and languages, typed dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// All must match; each is matched as a name phrase.
    pub actors: Vec<String>,
    /// ISO alpha-2 codes; any may match.
    pub countries: Vec<String>,
    /// Lower-case; any may match.
    pub sources: Vec<String>,
    /// ISO 639-1 codes; any may match.
    pub langs: Vec<String>,
    pub dates: DateRange,
}

impl Filters {
    /// Checks and resolves the filters: country names to codes, date words to instants
    /// (relative ones against `now`).
    pub fn resolve(words: &FilterWords, now: DateTime<Utc>) -> Result<Filters, QueryError> {
        let countries = words
            .countries
            .iter()
            .map(|c| country_code(c))
            .collect::<Result<_, _>>()?;
        let from = words
            .from
            .as_deref()
            .map(|s| parse_bound(s, false, now))
            .transpose()?;
        let to = words
            .to
            .as_deref()
            .map(|s| parse_bound(s, true, now))
            .transpose()?;
        if let (Some(a), Some(b)) = (from, to)
            && a >= b
        {
            return Err(QueryError::EmptyDateRange {
                from: words.from.clone().unwrap_or_default(),
                to: words.to.clone().unwrap_or_default(),
            });
        }
        let lower = |v: &[String]| v.iter().map(|s| s.trim().to_lowercase()).collect();
        Ok(Filters {
            actors: words.actors.clone(),
            countries,
            sources: lower(&words.sources),
            langs: lower(&words.langs),
            dates: DateRange { from, to },
        })
    }
}

/// The ISO code for a country written as a code, a name or a demonym.
pub fn country_code(name: &str) -> Result<String, QueryError> {
    countries::lookup(name)
        .map(|c| c.code.to_string())
        .ok_or_else(|| QueryError::UnknownCountry(name.to_string()))
}

/// Which articles a command is about: the query and the filters, both resolved.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// None selects every article (an empty query, `*`).
    pub query: Option<Clause>,
    pub filters: Filters,
}

impl Selection {
    /// Parses and resolves a query with its filters; relative dates are read against `now`.
    pub fn new(
        query: &str,
        filters: &FilterWords,
        now: DateTime<Utc>,
    ) -> Result<Selection, QueryError> {
        let query = match parse::parse(query)? {
            Some(node) => Some(Clause::resolve(&node, now)?),
            None => None,
        };
        Ok(Selection {
            query: query.filter(|q| !q.is_all()),
            filters: Filters::resolve(filters, now)?,
        })
    }

    /// Every article.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// Whether nothing narrows the selection: no query and no filter.
    pub fn selects_everything(&self) -> bool {
        self.query.is_none() && self.filters == Filters::default()
    }

    /// True when there are words to rank by.
    pub fn has_words(&self) -> bool {
        self.query.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    /// The names `--sort` takes.
    pub const NAMES: &'static [(&'static str, Sort)] = &[
        ("relevance", Sort::Relevance),
        ("newest", Sort::Newest),
        ("oldest", Sort::Oldest),
    ];
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub selection: Selection,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub fuzzy: bool,
    pub collapse: bool,
    /// Skip loading records: only the total is wanted.
    pub count_only: bool,
}

impl SearchRequest {
    /// The order results come in: without words every score is equal, so "relevance"
    /// means newest first, which is what people expect.
    pub fn effective_sort(&self) -> Sort {
        if self.sort == Sort::Relevance && !self.selection.has_words() {
            Sort::Newest
        } else {
            self.sort
        }
    }

    /// How many ranked documents to fetch: the page, or more with `--collapse`, since
    /// folded duplicates leave gaps in the page.
    pub fn wanted(&self, cap: usize) -> usize {
        let page = self.offset.saturating_add(self.limit);
        if self.collapse {
            page.saturating_mul(4).saturating_add(50).min(cap)
        } else {
            page.min(cap)
        }
    }
}

/// Stories like one article.
#[derive(Debug, Clone)]
pub struct SimilarRequest {
    /// An article id or file path.
    pub id: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
}

/// A snippet: a passage of the body with the byte ranges of matched words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The opening of the body, cut at a word, when no matched word is there to show.
    pub fn opening(body: &str) -> Snippet {
        let text: String = body.chars().take(SNIPPET_CHARS).collect();
        let cut = text
            .rfind(char::is_whitespace)
            .filter(|_| body.len() > text.len());
        Snippet {
            text: cut.map_or(text.clone(), |i| format!("{}…", &text[..i])),
            highlights: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub record: Record,
    pub score: f32,
    pub snippet: Option<Snippet>,
    /// With `--collapse`: ids of near-duplicates folded into this hit.
    pub duplicates: Vec<String>,
}

impl Hit {
    /// A hit for a loaded record; the record carries its score and snippet text too,
    /// since `--json` prints the record.
    pub fn new(mut record: Record, score: f32, snippet: Snippet, duplicates: Vec<String>) -> Hit {
        record.body = None;
        record.score = Some(score);
        record.snippet = Some(snippet.text.clone());
        Hit {
            record,
            score,
            snippet: Some(snippet),
            duplicates,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Hits {
    pub total: usize,
    pub took: Duration,
    pub hits: Vec<Hit>,
    /// Where the back end could not do exactly what was asked, what it did instead.
    pub note: Option<&'static str>,
}

/// What `top` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Actors,
    Countries,
    Sources,
    Languages,
}

impl Facet {
    /// The names `top` takes.
    pub const NAMES: &'static [(&'static str, Facet)] = &[
        ("actors", Facet::Actors),
        ("countries", Facet::Countries),
        ("sources", Facet::Sources),
        ("languages", Facet::Languages),
    ];
}

/// Matching articles per value of a facet, most frequent first (ties by name).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// Articles matched.
    pub total: usize,
    pub counts: Vec<(String, u64)>,
    /// The engine could only estimate the counts (a cluster's terms aggregation over
    /// many shards and very many values).
    pub approximate: bool,
}

impl Counts {
    /// Sorts most frequent first, ties by name, and keeps the first `limit`.
    pub fn ranked(
        total: usize,
        counts: impl IntoIterator<Item = (String, u64)>,
        limit: usize,
    ) -> Counts {
        let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.truncate(limit);
        Counts {
            total,
            counts,
            approximate: false,
        }
    }
}

/// Matching articles per calendar period (keyed by the period's first day), and how many
/// have no date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateCounts {
    pub periods: BTreeMap<NaiveDate, u64>,
    pub undated: u64,
}

impl DateCounts {
    pub fn dated(&self) -> u64 {
        self.periods.values().sum()
    }
}

/// The size and shape of an archive, for `stats`.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// Where it is: a folder, or a cluster's URL and index.
    pub location: String,
    pub articles: u64,
    /// Segments of a local index, shards of a cluster index.
    pub parts: usize,
    pub parts_name: &'static str,
    pub size_bytes: u64,
}
