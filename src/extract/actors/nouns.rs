//! Nouns that say what kind of actor stands beside them: a kind of organisation ("the
//! newspaper Granma") or a sports team ("French side Nice"), read from
//! `data/actors_context.tsv`.

use std::sync::LazyLock;

use super::candidates::place_code;
use super::lexicon::is_common;
use super::tokens::{Shape, Token};
use crate::extract::word_lists::{Set, words_of};

static ORG_NOUNS: LazyLock<Set<&'static str>> =
    LazyLock::new(|| words_of(include_str!("../../../data/actors_context.tsv"), "org-noun"));

static TEAM_NOUNS: LazyLock<Set<&'static str>> = LazyLock::new(|| {
    words_of(
        include_str!("../../../data/actors_context.tsv"),
        "team-noun",
    )
});

/// Whether the word is a lower-case noun for a kind of organisation; "side's" in "his
/// national side's European tour" owns the name after it and is not its kind.
pub fn is_org_noun(t: Option<Token>) -> bool {
    t.is_some_and(|t| t.shape == Shape::Lower && !t.possessive && ORG_NOUNS.contains(t.text))
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
    !run.iter().any(adjective) && !(initial && is_common(run[0].text))
}

/// Whether the word is a lower-case noun for a sports team.
pub fn is_team_noun(t: Option<Token>) -> bool {
    t.is_some_and(|t| t.shape == Shape::Lower && TEAM_NOUNS.contains(t.text))
}
