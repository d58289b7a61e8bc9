//! Ranking the countries of an article by salience, dropping asides, and quoting the words
//! that gave each one.

use std::collections::HashMap;

use super::country;
use super::mentions::{Mention, Zone};
use crate::extract::gazetteer::Kind;
use crate::extract::{CountryMention, Provenance};

/// The words that gave a country, as the text writes them, each once, in reading order;
/// a seat of government standing for its government says so ("Ottawa (government)").
fn evidence(mentions: &[Mention], texts: &[&str; 4], code: &str) -> Vec<String> {
    const SHOWN: usize = 6;
    let mut out: Vec<String> = Vec::new();
    for m in mentions.iter().filter(|m| m.code == code) {
        let Some(words) = texts
            .get(m.part as usize)
            .and_then(|t| t.get(m.start..m.end))
        else {
            continue;
        };
        let shown = if m.government {
            format!("{words} (government)")
        } else {
            words.to_string()
        };
        if !out.contains(&shown) {
            out.push(shown);
            if out.len() == SHOWN {
                break;
            }
        }
    }
    out
}

/// Evidence for one country across the article.
#[derive(Clone, Copy)]
struct Tally {
    score: f32,
    mentions: u32,
    first: usize,
    /// The country itself is named (name, alias or demonym), not only a place inside it.
    named: bool,
    /// Seen in the headline or the dateline.
    prominent: bool,
    /// Every mention is outside the headline, dateline and first paragraph.
    body_only: bool,
    /// Every mention is an adjective or inhabitant word ("Japanese").
    demonym_only: bool,
    /// Every mention is the first word of a money's name ("Australian dlr bond").
    currency_only: bool,
}

/// Below this score a country known only from places inside it (one city in passing) is
/// left out: such passing mentions are mostly addresses and asides, not what the story is
/// about.
const MIN_PLACE_ONLY_SCORE: f32 = 2.0;

/// A story naming fewer countries than this is about its main one, and the other, named once
/// after the first paragraph, is an aside. Stories naming more are roundups (trade figures,
/// lists of members, results) where every country counts.
const ASIDE_MAX_COUNTRIES: usize = 3;

/// Whether a country belongs in the article's list. A country the story names only once,
/// in passing after the first paragraph ("... like Japan did last year"), is an aside and not
/// a subject of the story, unless the story is a roundup of several countries.
fn keep(rank: usize, t: &Tally, countries: usize) -> bool {
    if rank == 0 {
        return true;
    }
    // "Bank issues Australian dlr bond": beside the story's own country, a money named even in
    // the headline is the denomination of a deal, not a party to it.
    if t.currency_only {
        return false;
    }
    if t.prominent {
        return true;
    }
    if !t.named {
        return t.score >= MIN_PLACE_ONLY_SCORE;
    }
    let aside = t.mentions == 1 && t.body_only;
    !(aside && countries < ASIDE_MAX_COUNTRIES)
}

pub fn rank(mentions: &[Mention], texts: &[&str; 4]) -> Vec<CountryMention> {
    let mut by_country: HashMap<&'static str, Tally> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.code.is_empty() {
            continue;
        }
        let named = (m.kind.names_country() && !m.currency) || m.government || m.scene;
        let w = m.zone.weight() * if named { 1.0 } else { 0.8 };
        let t = by_country.entry(m.code).or_insert(Tally {
            score: 0.0,
            mentions: 0,
            first: i,
            named: false,
            prominent: false,
            body_only: true,
            demonym_only: true,
            currency_only: true,
        });
        t.score += w;
        t.mentions += 1;
        t.named |= named;
        t.prominent |= matches!(m.zone, Zone::Title | Zone::Dateline);
        t.body_only &= m.zone == Zone::Body;
        t.demonym_only &= m.kind == Kind::Demonym;
        t.currency_only &= m.currency;
    }
    let countries = by_country.len();
    let mut out: Vec<_> = by_country.into_iter().collect();
    out.sort_by(|a, b| {
        b.1.score
            .partial_cmp(&a.1.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.first.cmp(&b.1.first))
    });
    out.into_iter()
        .enumerate()
        .filter(|(i, (_, t))| keep(*i, t, countries))
        .map(|(_, (code, t))| CountryMention {
            code: code.to_string(),
            name: country(code).name.to_string(),
            mentions: t.mentions,
            source: Provenance::Text,
            evidence: evidence(mentions, texts, code),
        })
        .collect()
}
