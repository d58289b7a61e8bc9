//! The query as back ends receive it: the parser's tree with every field resolved, dates
//! read into instants and countries into ISO codes, so no back end parses a date or
//! looks up a country name.

use chrono::{DateTime, Utc};

use super::parse::{Node, QField};
use super::{DateRange, QueryError, country_code, parse_bound};

/// Where words are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Title and body, the title weighing more.
    Any,
    Title,
    Body,
    /// Actor names, not stemmed.
    Actor,
    /// Bylines, not stemmed.
    Author,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// Every article.
    All,
    And(Vec<Clause>),
    Or(Vec<Clause>),
    Not(Box<Clause>),
    /// A word, or a prefix (`talk*`). Text that analyses into several words is a phrase.
    Word {
        field: TextField,
        text: String,
        prefix: bool,
    },
    /// Words in order, at most `slop` positions apart.
    Phrase {
        field: TextField,
        text: String,
        slop: u32,
    },
    /// An ISO alpha-2 code.
    Country(String),
    /// A source, lower-case.
    Source(String),
    /// An article id, exactly.
    Id(String),
    Dates(DateRange),
    /// Articles that have any value for a key (`country:*`).
    Has(Key),
}

/// A key an article may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Actor,
    Country,
    Source,
    Date,
    Author,
}

impl Clause {
    /// Resolves a parsed query; relative dates are read against `now`.
    pub fn resolve(node: &Node, now: DateTime<Utc>) -> Result<Clause, QueryError> {
        let all = |parts: &[Node]| -> Result<Vec<Clause>, QueryError> {
            parts.iter().map(|p| Clause::resolve(p, now)).collect()
        };
        Ok(match node {
            Node::All { .. } => Clause::All,
            Node::And(parts) => Clause::And(all(parts)?),
            Node::Or(parts) => Clause::Or(all(parts)?),
            Node::Not(inner) => Clause::Not(Box::new(Clause::resolve(inner, now)?)),
            Node::Word {
                field,
                text,
                prefix,
                ..
            } => match text_field(*field) {
                Some(field) => Clause::Word {
                    field,
                    text: text.clone(),
                    prefix: *prefix,
                },
                None => keyed(*field, text, now)?,
            },
            Node::Phrase {
                field, text, slop, ..
            } => match text_field(*field) {
                Some(field) => Clause::Phrase {
                    field,
                    text: text.clone(),
                    slop: *slop,
                },
                None => keyed(*field, text, now)?,
            },
            Node::Has { key, .. } => Clause::Has(*key),
            Node::Range { from, to, .. } => Clause::Dates(DateRange {
                from: from
                    .as_deref()
                    .map(|s| parse_bound(s, false, now))
                    .transpose()?,
                to: to
                    .as_deref()
                    .map(|s| parse_bound(s, true, now))
                    .transpose()?,
            }),
        })
    }

    /// True when the clause is every article and nothing else: `*`, `(*)`, `* AND *`.
    pub fn is_all(&self) -> bool {
        match self {
            Clause::All => true,
            Clause::And(parts) | Clause::Or(parts) => parts.iter().all(Clause::is_all),
            _ => false,
        }
    }

    /// How many words and phrases the query holds.
    pub fn words(&self) -> usize {
        match self {
            Clause::And(parts) | Clause::Or(parts) => parts.iter().map(Clause::words).sum(),
            Clause::Not(inner) => inner.words(),
            Clause::All => 0,
            _ => 1,
        }
    }
}

/// The text field a query field searches, or None for the keyed fields.
fn text_field(field: Option<QField>) -> Option<TextField> {
    Some(match field {
        None => TextField::Any,
        Some(QField::Title) => TextField::Title,
        Some(QField::Body) => TextField::Body,
        Some(QField::Actor) => TextField::Actor,
        Some(QField::Author) => TextField::Author,
        Some(QField::Country | QField::Source | QField::Date | QField::Id) => return None,
    })
}

/// A value of a keyed field: `country:iran`, `source:reuters`, `date:2026-02`, `id:x`.
fn keyed(field: Option<QField>, text: &str, now: DateTime<Utc>) -> Result<Clause, QueryError> {
    Ok(match field {
        Some(QField::Country) => Clause::Country(country_code(text)?),
        Some(QField::Source) => Clause::Source(text.trim().to_lowercase()),
        Some(QField::Date) => Clause::Dates(DateRange {
            from: Some(parse_bound(text, false, now)?),
            to: Some(parse_bound(text, true, now)?),
        }),
        _ => Clause::Id(text.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse::parse;

    fn resolved(q: &str) -> Clause {
        Clause::resolve(&parse(q).unwrap().unwrap(), Utc::now()).unwrap()
    }

    #[test]
    fn keyed_fields_are_resolved_once() {
        let Clause::And(parts) = resolved("country:iranian date:2026-02 source:Reuters") else {
            panic!("an AND");
        };
        assert_eq!(parts[0], Clause::Country("IR".into()));
        let Clause::Dates(range) = parts[1] else {
            panic!("a date range")
        };
        assert_eq!(
            range.from.unwrap().to_rfc3339(),
            "2026-02-01T00:00:00+00:00"
        );
        assert_eq!(range.to.unwrap().to_rfc3339(), "2026-03-01T00:00:00+00:00");
        assert_eq!(parts[2], Clause::Source("reuters".into()));
    }

    #[test]
    fn bad_keys_are_errors_before_any_back_end_sees_them() {
        let bad = |q: &str| Clause::resolve(&parse(q).unwrap().unwrap(), Utc::now()).is_err();
        assert!(bad("country:atlantis"));
        assert!(bad("date:2026-13-45"));
        assert!(bad("date:[x TO y]"));
        assert!(!bad("title:atlantis"));
    }

    #[test]
    fn a_star_after_a_key_asks_for_any_value() {
        assert_eq!(resolved("place:*"), Clause::Has(Key::Country));
        assert_eq!(resolved("date:*"), Clause::Has(Key::Date));
        assert_eq!(resolved("byline:*"), Clause::Has(Key::Author));
    }

    #[test]
    fn every_article_in_any_spelling() {
        assert!(resolved("*").is_all());
        assert!(resolved("* AND (*)").is_all());
        assert!(!resolved("* AND oil").is_all());
    }
}
