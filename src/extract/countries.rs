//! Countries: the gazetteer lookup from names, codes and demonyms to ISO codes, and the
//! per-article list of countries ranked by salience.

use std::collections::HashMap;

use super::{CountryMention, Provenance};
use crate::article::Article;

/// A country as the gazetteer knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

const TABLE: &[(&str, &str, &[&str])] = &[
    ("IR", "Iran", &["Iran", "Iranian", "Tehran"]),
    (
        "US",
        "United States",
        &["United States", "U.S.", "US", "American", "Washington"],
    ),
    ("SY", "Syria", &["Syria", "Syrian", "Damascus"]),
    ("YE", "Yemen", &["Yemen", "Yemeni"]),
    (
        "GB",
        "United Kingdom",
        &["United Kingdom", "Britain", "British", "London"],
    ),
    ("FR", "France", &["France", "French", "Paris"]),
    ("DE", "Germany", &["Germany", "German", "Berlin"]),
];

/// Finds a country by code, name, alias or demonym, ignoring case.
pub fn lookup(name: &str) -> Option<Country> {
    let name = name.trim();
    TABLE.iter().find_map(|(code, cname, names)| {
        (code.eq_ignore_ascii_case(name) || names.iter().any(|n| n.eq_ignore_ascii_case(name)))
            .then_some(Country { code, name: cname })
    })
}

/// The display name of a country code.
pub fn name_of(code: &str) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, n, _)| *n)
}

/// Whether a capitalised word or phrase names a place (so it is not an actor).
pub fn is_place(name: &str) -> bool {
    lookup(name).is_some()
}

pub fn extract(article: &Article) -> Vec<CountryMention> {
    let mut counts: HashMap<&'static str, (u32, usize)> = HashMap::new();
    let text = format!("{}\n{}", article.title, article.body);
    for (code, _, names) in TABLE {
        for n in *names {
            for (pos, _) in text.match_indices(n) {
                let e = counts.entry(code).or_insert((0, pos));
                e.0 += 1;
                e.1 = e.1.min(pos);
            }
        }
    }
    let mut out: Vec<_> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    out.into_iter()
        .map(|(code, (mentions, _))| CountryMention {
            code: code.to_string(),
            name: name_of(code).unwrap_or(code).to_string(),
            mentions,
            source: Provenance::Text,
        })
        .collect()
}
