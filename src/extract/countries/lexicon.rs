//! The word lists country extraction consults (place names that are also people's names,
//! words that may stand next to a place, company-name words, government verbs, capitals-line
//! words, Georgia cues), parsed once from `data/countries_*.tsv`.

use std::sync::LazyLock;

use crate::extract::word_lists::{Map, Set, classed, words_of};

pub struct Lexicon {
    /// Lower-case place names that are also people's names -> whether also a given name.
    pub person_names: Map<&'static str, bool>,
    /// Lower-case words that may stand before a place without making it a surname.
    pub before_place: Set<&'static str>,
    /// Lower-case words that may stand after a place without making it a given name.
    pub after_place: Set<&'static str>,
    pub corp_suffixes: Set<&'static str>,
    pub name_connectors: Set<&'static str>,
    pub combining_prefixes: Set<&'static str>,
    pub government_verbs: Set<&'static str>,
    pub government_objects: Set<&'static str>,
    pub diplomatic_nouns: Set<&'static str>,
    pub safe_in_capitals: Set<&'static str>,
    pub us_pronoun_before: Set<&'static str>,
    pub georgia_country_cues: Vec<&'static str>,
    pub georgia_state_cues: Vec<&'static str>,
    /// Nouns after a country name or adjective that make the phrase its money.
    pub currency_nouns: Set<&'static str>,
    /// Nouns after a place that make the phrase an accord or a forum named after it.
    pub event_nouns: Set<&'static str>,
    /// Participles after a country word and a hyphen that make it an origin or a backer.
    pub epithets: Set<&'static str>,
    /// Goods named by their origin after a country's adjective ("Thai sugar").
    pub produce_nouns: Set<&'static str>,
    /// Crowds of market players named by nationality ("Japanese banks").
    pub participant_nouns: Set<&'static str>,
}

pub static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let person_names = include_str!("../../../data/countries_person_names.tsv");
    let neighbours = include_str!("../../../data/countries_place_neighbours.tsv");
    let name_words = include_str!("../../../data/countries_name_words.tsv");
    let governments = include_str!("../../../data/countries_governments.tsv");
    let capitals = include_str!("../../../data/countries_capitals.tsv");
    let georgia = include_str!("../../../data/countries_georgia.tsv");
    let aside_nouns = include_str!("../../../data/countries_aside_nouns.tsv");
    Lexicon {
        person_names: classed(person_names)
            .map(|(w, c)| (w, c == "given"))
            .collect(),
        before_place: words_of(neighbours, "before"),
        after_place: words_of(neighbours, "after"),
        corp_suffixes: words_of(name_words, "corp-suffix"),
        name_connectors: words_of(name_words, "connector"),
        combining_prefixes: words_of(name_words, "combining"),
        government_verbs: words_of(governments, "after"),
        government_objects: words_of(governments, "before"),
        diplomatic_nouns: words_of(governments, "diplomatic"),
        safe_in_capitals: words_of(capitals, "safe"),
        us_pronoun_before: words_of(capitals, "us-pronoun"),
        georgia_country_cues: words_of(georgia, "GE"),
        georgia_state_cues: words_of(georgia, "US"),
        currency_nouns: words_of(aside_nouns, "currency"),
        event_nouns: words_of(aside_nouns, "event"),
        epithets: words_of(aside_nouns, "epithet"),
        produce_nouns: words_of(aside_nouns, "produce"),
        participant_nouns: words_of(aside_nouns, "participants"),
    }
});
