//! Settling what a mention means from its neighbours: a city's state or country ("Paris,
//! Texas"), a seat of government acting as its government ("Ottawa urged"), and which
//! Georgia or Congo an article means.

use super::lexicon::LEX;
use super::mentions::{Ambiguity, Mention, Zone};
use super::words::{word_after, word_before};
use crate::extract::gazetteer::{Kind, SEATS, norm_key};

/// Marks the seats of government the text uses as governments. Seats joined by "and" or a
/// comma share the verb after the last one and the word before the first.
pub fn mark_governments(text: &str, mentions: &mut [Mention]) {
    let seats = &*SEATS;
    let mut i = 0;
    while i < mentions.len() {
        let mut j = i;
        while j + 1 < mentions.len() {
            let gap = text[mentions[j].end..mentions[j + 1].start].trim();
            if !matches!(
                gap,
                "and" | "," | ", and" | "or" | "and the" | ", the" | "or the"
            ) {
                break;
            }
            j += 1;
        }
        let acts =
            government_after(text, mentions[j].end) || government_before(text, mentions[i].start);
        let scene = word_before(text, mentions[i].start).is_some_and(|w| w == "in");
        for m in &mut mentions[i..=j] {
            let key = norm_key(&text[m.start..m.end]);
            m.government = acts && seats.contains(&key);
            m.scene =
                scene && m.zone == Zone::Lead && matches!(m.kind, Kind::City | Kind::ListedCity);
        }
        i = j + 1;
    }
}

fn government_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with("'s ") || rest.starts_with("\u{2019}s ") {
        return true;
    }
    word_after(text, end).is_some_and(|w| LEX.government_verbs.contains(w))
}

fn government_before(text: &str, start: usize) -> bool {
    let Some(prev) = word_before(text, start) else {
        return false;
    };
    let lower = prev.to_lowercase();
    if lower == "with" || lower == "on" {
        let at = start - 1 - prev.len();
        return word_before(text, at)
            .is_some_and(|w| LEX.diplomatic_nouns.contains(w.to_lowercase().as_str()));
    }
    LEX.government_objects.contains(lower.as_str())
}

/// "Paris, Texas", "Birmingham, Ala.", "London, Ontario": a city followed by a comma and a
/// state or country belongs to that state or country. "Atlanta, Georgia" settles Georgia.
pub fn resolve_city_region(text: &str, mentions: &mut [Mention]) {
    for i in 1..mentions.len() {
        let (a, b) = (mentions[i - 1], mentions[i]);
        let gap = &text[a.end..b.start];
        if gap.trim() != "," {
            continue;
        }
        if b.ambiguity == Ambiguity::Georgia {
            if matches!(a.code, "US" | "GE") {
                mentions[i].code = a.code;
                mentions[i].ambiguity = Ambiguity::Settled;
            }
            continue;
        }
        let a_is_place = matches!(
            a.kind,
            Kind::City | Kind::ListedCity | Kind::Region | Kind::Metonym
        );
        let b_is_container = matches!(
            b.kind,
            Kind::State
                | Kind::StateOrCountry
                | Kind::DatelineState
                | Kind::Name
                | Kind::ListedRegion
        );
        if a_is_place && b_is_container && !b.code.is_empty() {
            mentions[i - 1].code = b.code;
        }
    }
}

/// Settles every Georgia and Congo once the whole article is read: cue words and the other
/// places named tell the country from the US state, and Kinshasa's Congo from Brazzaville's.
pub fn resolve_ambiguous(mentions: &mut [Mention], texts: &[&str]) {
    if !mentions.iter().any(|m| m.ambiguity != Ambiguity::Settled) {
        return;
    }
    let cue = |cues: &[&str]| texts.iter().any(|t| cues.iter().any(|c| t.contains(c)));
    let has_cd = mentions
        .iter()
        .any(|m| m.code == "CD" && m.ambiguity == Ambiguity::Settled);
    let ge = cue(&LEX.georgia_country_cues);
    let us_places = mentions.iter().any(|m| {
        m.code == "US" && m.ambiguity == Ambiguity::Settled && !matches!(m.kind, Kind::Name)
    });
    let us = cue(&LEX.georgia_state_cues) || us_places;
    let us_named = mentions.iter().any(|m| m.code == "US");
    for m in mentions.iter_mut() {
        match m.ambiguity {
            Ambiguity::Georgia => {
                m.code = if ge && !us {
                    "GE"
                } else if us || (us_named && !ge) {
                    "US"
                } else {
                    "GE"
                };
            }
            Ambiguity::Congo => m.code = if has_cd { "CD" } else { "CG" },
            Ambiguity::Settled => {}
        }
        m.ambiguity = Ambiguity::Settled;
    }
}
