//! Country words that describe something else in passing: a company in the wire's angle
//! brackets ("<Saudi British Bank>"), a thing by its origin or backer ("Chinese-made",
//! "Thai sugar", "Soviet-backed") and a crowd of market players by nationality ("Japanese
//! banks" deep in a story). Such a mention is no evidence of what the story is about.

use super::lexicon::LEX;
use super::mentions::Zone;
use super::names;
use super::words::{capitalised, word_after};
use crate::extract::gazetteer::Kind;

/// How far a bracketed company name or ticker may reach, in bytes.
const BRACKET_REACH: usize = 120;

/// Whether `s..e` sits inside the angle brackets a wire puts around a company's name or
/// ticker ("<Danish Dairy Farms Ltd>", "Union Carbide <UK>").
pub fn in_company_brackets(text: &str, s: usize, e: usize) -> bool {
    let lo = floor_boundary(text, s.saturating_sub(BRACKET_REACH));
    let hi = ceil_boundary(text, (e + BRACKET_REACH).min(text.len()));
    let before = &text[lo..s];
    let opened = before
        .rfind('<')
        .is_some_and(|open| !before[open..].contains('>'));
    let after = &text[e..hi];
    opened
        && after
            .find('>')
            .is_some_and(|close| !after[..close].contains('<'))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Whether a place in a headline written in capitals starts a company's name: one of the next
/// three words is a corporate suffix ("WHITEHALL CORP <WHT> 4TH QTR NET", "OVERSEA-CHINESE
/// BANKING CORP LTD"). Case tells nothing in such a line, but the suffix does.
pub fn starts_caps_company_name(text: &str, end: usize) -> bool {
    let line = text[end..].split('\n').next().unwrap_or("");
    for word in line.split_whitespace().take(3) {
        let word = word.trim_end_matches(['.', ',']);
        if LEX
            .corp_suffixes
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
        {
            return true;
        }
        if !word.chars().all(char::is_alphabetic) {
            return false;
        }
    }
    false
}

/// "Chinese-made missiles", "the Soviet-backed government": a country word joined by a
/// hyphen to a participle of origin or backing.
pub fn names_epithet(text: &str, end: usize) -> bool {
    names::word_after_hyphen(text, end).is_some_and(|w| LEX.epithets.contains(w))
}

/// The common noun a country's adjective qualifies, past a joined second adjective
/// ("Brazilian and Malaysian cocoa"). Only a lower-case word counts: a capitalised one
/// starts a name ("Swiss Bank Corp").
fn qualified_noun(text: &str, end: usize) -> Option<&str> {
    let mut w = word_after(text, end)?;
    if w == "and" {
        let other = word_after(text, end + 4)?;
        if !capitalised(other) {
            return None;
        }
        w = word_after(text, end + 5 + other.len())?;
    }
    w.chars().all(char::is_lowercase).then_some(w)
}

/// Whether a country's adjective names goods by their origin ("Thai sugar", "Argentine
/// corn") or, after the first paragraph, a crowd of market players by their nationality
/// ("Japanese banks").
pub fn names_origin(text: &str, end: usize, kind: Kind, zone: Zone) -> bool {
    if kind != Kind::Demonym {
        return false;
    }
    let Some(noun) = qualified_noun(text, end) else {
        return false;
    };
    LEX.produce_nouns.contains(noun) || zone == Zone::Body && LEX.participant_nouns.contains(noun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, word: &str) -> (usize, usize) {
        let s = text.find(word).expect("word in text");
        (s, s + word.len())
    }

    #[test]
    fn company_brackets_hide_their_words() {
        let t = "Mitsubishi bought into <Danish Dairy Farms Ltd> last week.";
        let (s, e) = at(t, "Danish");
        assert!(in_company_brackets(t, s, e));
        let t = "Union Carbide <UK> sold notes.";
        let (s, e) = at(t, "UK");
        assert!(in_company_brackets(t, s, e));
        let t = "A Danish firm <DDF> and <Arla> agreed.";
        let (s, e) = at(t, "Danish");
        assert!(!in_company_brackets(t, s, e));
        let t = "<Arla> said output rose in Denmark.";
        let (s, e) = at(t, "Denmark");
        assert!(!in_company_brackets(t, s, e));
    }

    #[test]
    fn capitals_headlines_name_companies_by_suffix() {
        assert!(starts_caps_company_name("WHITEHALL CORP <WHT> NET", 9));
        assert!(starts_caps_company_name(
            "OVERSEA-CHINESE BANKING CORP LTD YEAR",
            15
        ));
        assert!(!starts_caps_company_name(
            "JAPAN CUTS RATES, BANK LTD SAYS",
            5
        ));
        assert!(!starts_caps_company_name("JAPAN 1986 TRADE CORP", 5));
    }

    #[test]
    fn epithets_of_origin_and_backing() {
        let t = "Iran has Chinese-made missiles and a Soviet-backed ally.";
        let (_, e) = at(t, "Chinese");
        assert!(names_epithet(t, e));
        let (_, e) = at(t, "Soviet");
        assert!(names_epithet(t, e));
        let t = "The Paris-based agency and the U.S.-Japan pact.";
        let (_, e) = at(t, "Paris");
        assert!(!names_epithet(t, e));
        let (_, e) = at(t, "U.S.");
        assert!(!names_epithet(t, e));
    }

    #[test]
    fn goods_and_crowds_named_by_origin() {
        let t = "Traders sold Thai sugar and Brazilian and Malaysian cocoa.";
        for w in ["Thai", "Brazilian"] {
            let (_, e) = at(t, w);
            assert!(names_origin(t, e, Kind::Demonym, Zone::Lead), "{w}");
        }
        let t = "Japanese banks were reluctant, as was Swiss Bank Corp.";
        let (_, e) = at(t, "Japanese");
        assert!(names_origin(t, e, Kind::Demonym, Zone::Body));
        assert!(
            !names_origin(t, e, Kind::Demonym, Zone::Lead),
            "the first paragraph's crowd may be the story's party"
        );
        let (_, e) = at(t, "Swiss");
        assert!(!names_origin(t, e, Kind::Demonym, Zone::Body));
        let t = "Japan banks on exports.";
        let (_, e) = at(t, "Japan");
        assert!(!names_origin(t, e, Kind::Name, Zone::Body));
    }
}
