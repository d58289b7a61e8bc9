//! Nouns that say what kind of actor stands beside them: a kind of organisation ("the
//! newspaper Granma") or a sports team ("French side Nice"), read from
//! `data/actors_context.tsv`.

use super::candidates::place_code;
use super::lexicon::LEX;
use super::tokens::{Shape, Token};

/// Whether a headline marks a sports report: it opens with a sport's name and a dash
/// ("SOCCER - ...", "RUGBY UNION - ..."), as wire services file them.
pub fn is_sports_title(title: &str) -> bool {
    let Some((head, _)) = title.split_once(" - ") else {
        return false;
    };
    head.split_whitespace()
        .next()
        .is_some_and(|w| w.len() <= 20 && LEX.sport_names.contains(w.to_lowercase().as_str()))
}

/// In a sports report, a name with a possessive before a given name is the player's club:
/// "Everton's Duncan Ferguson", "Atlanta's Tom Glavine".
pub fn owns_player(run: &[Token], next: Option<Token>) -> bool {
    run.last().is_some_and(|w| w.possessive) && next.is_some_and(|n| n.is_given())
}

/// Whether the word after a name shows it acting ("rallied", "and", "6-0") rather than
/// naming where something happens ("in", "at") or closing the sentence.
pub fn acts(next: Option<Token>, scores: bool) -> bool {
    const PLACE_WORDS: [&str; 8] = ["in", "at", "on", "of", "to", "from", "for", "with"];
    next.is_some_and(|n| match n.shape {
        Shape::Number => scores,
        Shape::Lower => !PLACE_WORDS.contains(&n.text),
        Shape::Punct => n.text == "'",
        _ => false,
    })
}

/// In a sports report, "the Brewers rallied": a plural name after "the" that is no place
/// or people, and acts ("the Ashes in", "the Balkans." are a trophy and a region).
pub fn team_nickname(w: Token, prev: Option<Token>, next: Option<Token>) -> bool {
    acts(next, true)
        && prev.is_some_and(|p| p.text == "the")
        && w.shape == Shape::Title
        && w.text.len() >= 4
        && w.text.ends_with('s')
        && !w.text.ends_with("ss")
        && !w.is_common()
        && place_code(w.text).is_none()
}

/// Whether the word is a lower-case noun for a kind of organisation; "side's" in "his
/// national side's European tour" owns the name after it and is not its kind.
pub fn is_org_noun(t: Option<Token>) -> bool {
    t.is_some_and(|t| t.shape == Shape::Lower && !t.possessive && LEX.org_nouns.contains(t.text))
}

/// Whether a run before an organisation noun is its name, not an adjective ("Iraqi Kurdish
/// group", "Olympic champions") nor a common word opening the sentence ("Dredging group").
pub fn names_before_noun(run: &[Token], initial: bool) -> bool {
    let adjective = |w: &Token| {
        ["ish", "ian", "ese", "an", "ic", "i"]
            .iter()
            .any(|s| w.text.ends_with(s))
            || place_code(w.text).is_some()
    };
    !(run.iter().any(adjective) || initial && run[0].is_common())
}

/// Whether the word is a lower-case noun for a sports team.
pub fn is_team_noun(t: Option<Token>) -> bool {
    t.is_some_and(|t| t.shape == Shape::Lower && LEX.team_nouns.contains(t.text))
}
