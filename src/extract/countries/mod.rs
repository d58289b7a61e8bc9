//! Countries: the gazetteer lookup from names, codes, slugs and demonyms to ISO codes, and the
//! per-article list of countries found in the text, ranked by salience.
//!
//! An article is read piece by piece (`mentions`, found by `scan`), each match checked
//! against the words around it (`words`, `names`), settled against its neighbours
//! (`resolution`), and the countries ranked (`ranking`). The word lists are in
//! `data/countries_*.tsv` (`lexicon`).

mod asides;
mod lexicon;
mod mentions;
mod names;
mod ranking;
mod resolution;
mod scan;
#[cfg(test)]
mod tests;
mod words;

use super::CountryMention;
use std::cell::RefCell;

use super::gazetteer::{DISPLAY, Entry, GAZETTEER, Kind, norm_key_into};
use crate::article::Article;
use lexicon::LEX;
use mentions::{Part, Piece, Zone, find_mentions};
use ranking::rank;
use resolution::resolve_ambiguous;
use words::{dateline_len, lead_len};

/// A country as the gazetteer knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

fn country(code: &'static str) -> Country {
    Country {
        code,
        name: DISPLAY.get(code).copied().unwrap_or(code),
    }
}

thread_local! {
    /// The key `entry_for` builds, kept between calls: actor extraction asks about every
    /// capitalised run, and most are no place.
    static KEY: RefCell<String> = const { RefCell::new(String::new()) };
}

fn entry_for(name: &str) -> Option<Entry> {
    let name = name.trim().trim_end_matches(['.', ',', ';', ':']);
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .unwrap_or(name);
    KEY.with_borrow_mut(|key| {
        norm_key_into(name, key);
        entry_for_key(key)
    })
}

/// The entry of a name normalised into `key`, tried as it is, with the period that was cut
/// off, and in catalogue order.
fn entry_for_key(key: &mut String) -> Option<Entry> {
    if key.is_empty() {
        return None;
    }
    if let Some(e) = find_key(key) {
        return Some(e);
    }
    // "Washington D.C" for "Washington D.C.": the key with the period cut off above. Without
    // other periods, the key without periods is the one just tried, and only a key that
    // ends in a period can match.
    let had_periods = key.as_bytes().contains(&b'.');
    if had_periods || GAZETTEER.dotted_stems.contains(key.as_str()) {
        key.push('.');
        let dotted = if had_periods {
            find_key(key)
        } else {
            known(GAZETTEER.by_key.get(key.as_str()))
        };
        if dotted.is_some() {
            return dotted;
        }
        key.pop();
    }
    // Catalogue order ("Korea, Republic of") and glosses ("Cocos (Keeling) Islands").
    // Most keys that get here are no place at all: a byte test spares them the searches.
    let bytes = key.as_bytes();
    if bytes.contains(&b',')
        && let Some((a, b)) = key.split_once(", ")
    {
        return find_key(&format!("{b} {a}")).or_else(|| find_key(a));
    }
    if bytes.contains(&b'(')
        && let Some((a, rest)) = key.split_once(" (")
    {
        let b = rest.split_once(')').map_or("", |(_, b)| b.trim());
        return find_key(format!("{a} {b}").trim()).or_else(|| find_key(a));
    }
    None
}

/// The entry of a normalised key, or of the key without its periods ("u.s." finds "us"),
/// unless it names no country (a block).
fn find_key(key: &str) -> Option<Entry> {
    let g = &*GAZETTEER;
    let entry = match g.by_key.get(key) {
        Some(e) => Some(e),
        // Only a key with periods can differ without them.
        None if key.as_bytes().contains(&b'.') => without_periods(key, |k| g.by_key.get(k)),
        None => None,
    };
    known(entry)
}

/// Calls `f` with `key` less its periods, on the stack when short ("u.s" of "U.S.", the
/// commonest case).
fn without_periods<R>(key: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    let mut len = 0;
    for &b in key.as_bytes().iter().filter(|&&b| b != b'.') {
        if len == buf.len() {
            return f(&key.replace('.', ""));
        }
        buf[len] = b;
        len += 1;
    }
    // Dropping ASCII periods leaves UTF-8 whole.
    match std::str::from_utf8(&buf[..len]) {
        Ok(short) => f(short),
        Err(_) => f(&key.replace('.', "")),
    }
}

/// An entry that names a country, not a block.
fn known(entry: Option<&Entry>) -> Option<Entry> {
    entry
        .copied()
        .filter(|e| e.kind != Kind::Block && !e.code.is_empty())
}

/// Finds a country by ISO code (alpha-2 or alpha-3), name, alias, demonym, Reuters slug
/// (`west-germany`, `ussr`) or a place inside it, ignoring case.
pub fn lookup(name: &str) -> Option<Country> {
    // The common case, an alpha-2 code, needs no place index.
    let trimmed = name.trim();
    if let &[a, b] = trimmed.as_bytes() {
        let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        if let Ok(code) = std::str::from_utf8(&upper)
            && let Some((&code, &name)) = DISPLAY.get_key_value(code)
        {
            return Some(Country { code, name });
        }
    }
    entry_for(name).map(|e| country(e.code))
}

/// The display name of a country code.
pub fn name_of(code: &str) -> Option<&'static str> {
    DISPLAY
        .get(code.trim().to_ascii_uppercase().as_str())
        .copied()
}

/// Whether a place word is also a common given name ("Georgia Miller", "Chad Ortiz"),
/// so that followed by a surname it names a person.
pub fn doubles_as_given_name(word: &str) -> bool {
    LEX.person_names.get(word.to_lowercase().as_str()) == Some(&true)
}

/// Whether a capitalised word or phrase names a place: a country, demonym, state, city or
/// metonym ("the Kremlin"). Bare ISO codes do not count, so "AND" or "PER" stay words.
pub fn is_place(name: &str) -> bool {
    entry_for(name).is_some_and(|e| names_place(&e, name))
}

/// `lookup` of a name that `is_place`: the country of a place name, with one search of
/// the place index where the two calls made two (actor extraction asks this of every
/// capitalised run).
pub fn place_country(name: &str) -> Option<Country> {
    if name.trim().len() == 2 {
        // An alpha-2 code: `lookup` answers it without the place index.
        let c = lookup(name)?;
        return is_place(name).then_some(c);
    }
    let e = entry_for(name)?;
    names_place(&e, name).then(|| country(e.code))
}

/// Whether the entry found for `name` is a place as written: not a bare code, and in
/// capitals where only the capitals are the place ("US", not "us").
fn names_place(e: &Entry, name: &str) -> bool {
    if e.kind == Kind::Code {
        return false;
    }
    !e.caps_only
        || name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The countries an article's text names or implies, most salient first, with mention
/// counts. The headline and the dateline weigh most, then the first paragraph.
pub fn extract(article: &Article) -> Vec<CountryMention> {
    let mut mentions = Vec::new();
    let mut not_places = Vec::new();
    let whole = |text, zone, part| Piece {
        text,
        lead_end: 0,
        dateline_end: 0,
        zone,
        part,
    };
    let title = whole(&article.title, Zone::Title, Part::Title);
    find_mentions(&title, &mut mentions, &mut not_places);
    if let Some(sub) = &article.subtitle {
        // A plain-text file may put its dateline ("LONDON 1996-08-30") on the second line.
        let zone = if dateline_len(sub) == sub.len() {
            Zone::Dateline
        } else {
            Zone::Lead
        };
        find_mentions(
            &whole(sub, zone, Part::Subtitle),
            &mut mentions,
            &mut not_places,
        );
    }
    if let Some(d) = &article.dateline {
        let dateline = Piece {
            dateline_end: d.len(),
            ..whole(d, Zone::Body, Part::Dateline)
        };
        find_mentions(&dateline, &mut mentions, &mut not_places);
    }
    let body = article.body.as_str();
    let dateline_end = if article.dateline.is_some() {
        0
    } else {
        dateline_len(body)
    };
    let body_piece = Piece {
        lead_end: lead_len(body, dateline_end),
        dateline_end,
        ..whole(body, Zone::Body, Part::Body)
    };
    find_mentions(&body_piece, &mut mentions, &mut not_places);
    if !not_places.is_empty() {
        // The dateline names where the story was filed even when a company shares the name
        // ("BOSTON, March 26 - Boston Edison Co").
        mentions.retain(|m| m.zone == Zone::Dateline || !not_places.contains(&m.pattern));
    }
    let mut texts = vec![article.title.as_str(), body];
    if let Some(sub) = &article.subtitle {
        texts.push(sub);
    }
    resolve_ambiguous(&mut mentions, &texts);
    // Indexed by `Part`, so each country can quote its evidence.
    let by_part = [
        article.title.as_str(),
        article.subtitle.as_deref().unwrap_or(""),
        article.dateline.as_deref().unwrap_or(""),
        body,
    ];
    rank(&mentions, &by_part)
}
