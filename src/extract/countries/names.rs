//! Places that lend their names to people and companies: whether a gazetteer match is the
//! "Jordan" of "Michael Jordan", the "Chad" of "Chad Smith" or the "Brunswick" of
//! "Brunswick Corp" rather than a place.

use super::lexicon::LEX;
use super::words::{capitalised, word_after, word_before};
use crate::extract::calendar;
use crate::extract::gazetteer::{GAZETTEER, Kind};

/// Whether the capitalised word before a place makes it a surname ("Michael Jordan").
fn surname_context(text: &str, start: usize) -> bool {
    let Some(prev) = word_before(text, start) else {
        return false;
    };
    if !capitalised(prev) || prev.ends_with('.') {
        return false;
    }
    let lower = prev.to_lowercase();
    let lower = lower.trim_end_matches("'s");
    !LEX.before_place.contains(lower)
        && !calendar::is_weekday_name(lower)
        && !GAZETTEER.by_key.contains_key(lower)
}

/// Whether the capitalised word after a place makes it a given name ("Chad Smith").
fn given_name_context(text: &str, end: usize) -> bool {
    let Some(next) = word_after(text, end) else {
        return false;
    };
    if !capitalised(next) {
        return false;
    }
    let lower = next.to_lowercase();
    !LEX.after_place.contains(lower.as_str())
        && !calendar::is_weekday_name(&lower)
        && !calendar::is_english_month(&lower)
        && !GAZETTEER.by_key.contains_key(&lower)
}

/// Whether a place word starts a company name: capitalised words up to a corporate suffix.
fn company_context(text: &str, end: usize) -> bool {
    company_name_after(text, end, true)
}

/// Whether a country's adjective starts a company name ("Swiss Bank Corp", "British
/// Petroleum Co Plc"): the company is no evidence of what the story is about. (A company
/// under the country's own name, "Israel Aircraft Industries", is often its state's and
/// stays.) Only a true suffix ends the name here, not "of", which would take in offices
/// ("U.S. Secretary of State").
pub fn starts_company_name(text: &str, end: usize) -> bool {
    company_name_after(text, end, false)
}

fn company_name_after(text: &str, end: usize, of_ends: bool) -> bool {
    let mut at = end;
    for _ in 0..4 {
        let Some(w) = word_after(text, at) else {
            return false;
        };
        if LEX.corp_suffixes.contains(w) && (of_ends || w != "of") {
            return true;
        }
        if !(capitalised(w) || w.chars().all(char::is_uppercase) || w == "&") {
            return false;
        }
        at += 1 + w.len();
    }
    false
}

/// "Santos Alvite said", "Chad Ogea (7-5)": a capitalised word after the place, then no
/// further capitalised word that would make it a longer name ("Israel Aircraft Industries",
/// "Chicago Board of Trade").
fn first_name_context(text: &str, end: usize) -> bool {
    if !given_name_context(text, end) {
        return false;
    }
    let Some(next) = word_after(text, end) else {
        return false;
    };
    let after = end + 1 + next.len();
    match word_after(text, after) {
        None => true,
        Some(w) => !capitalised(w) && !LEX.name_connectors.contains(w),
    }
}

/// "Allied-Lyons": a place joined by a hyphen to a capitalised word that is no place.
fn hyphen_compound(text: &str, start: usize) -> bool {
    let Some(head) = text[..start].strip_suffix('-') else {
        return false;
    };
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &head[word_start..];
    capitalised(w)
        && !GAZETTEER.by_key.contains_key(&w.to_lowercase())
        && !LEX.combining_prefixes.contains(w)
}

/// "Bristol-Myers": a place joined by a hyphen to a following capitalised word that is no
/// place ("Paris-based" stays a place).
fn hyphen_compound_after(text: &str, end: usize) -> bool {
    word_after_hyphen(text, end)
        .is_some_and(|w| capitalised(w) && !GAZETTEER.by_key.contains_key(&w.to_lowercase()))
}

/// The word joined by a hyphen right after `end` ("made" in "Chinese-made"), if any.
pub(super) fn word_after_hyphen(text: &str, end: usize) -> Option<&str> {
    let tail = text[end..].strip_prefix('-')?;
    let w_end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    Some(&tail[..w_end])
}

/// Whether this match names a person or a company rather than a place. Cities and regions
/// are weak evidence and often lend their names ("Fernando Santos", "Brunswick Corp"); a few
/// country names are common first names or surnames ("Michael Jordan", "Chad Smith").
pub fn names_no_place(text: &str, s: usize, e: usize, key: &str, kind: Kind) -> bool {
    if let Some(&also_given) = LEX.person_names.get(key) {
        let given = also_given && first_name_context(text, e);
        if given || surname_context(text, s) {
            return true;
        }
    }
    let weak = matches!(
        kind,
        Kind::City | Kind::ListedCity | Kind::ListedRegion | Kind::Region | Kind::State
    );
    weak && (surname_context(text, s)
        || first_name_context(text, e)
        || company_context(text, e)
        || hyphen_compound(text, s)
        || hyphen_compound_after(text, e))
}

/// Whether the place is the first word of an accord or forum named after where it was
/// struck ("the Paris accord", "the Uruguay round", "the Paris Club"): references to past
/// accords name places the story is not about. A pair of parties ("the U.S.-Japan
/// agreement") names the countries of the accord, so it stays, and so does an adjective
/// ("a Belgian club" is a club from Belgium).
pub fn names_event(text: &str, start: usize, end: usize, kind: Kind) -> bool {
    kind != Kind::Demonym
        && word_after(text, end)
            .is_some_and(|w| LEX.event_nouns.contains(w.to_lowercase().as_str()))
        && !text[..start].ends_with(['-', '/'])
}

/// Whether a country name or adjective is the first word of its money's name ("Swiss
/// francs", "1.5 mln Canadian dlrs"). Rate tables quote the currencies of countries a story
/// is not about, so such a mention is weak evidence, like a city.
pub fn names_currency(text: &str, end: usize, kind: Kind) -> bool {
    kind.names_country()
        && word_after(text, end)
            .is_some_and(|w| LEX.currency_nouns.contains(w.to_lowercase().as_str()))
}
