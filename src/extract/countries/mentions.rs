//! Finding country mentions in one piece of an article: gazetteer matches that stand as
//! whole words, are written as proper nouns and are no person's or company's name.

use super::asides::{in_company_brackets, names_epithet, names_origin, starts_caps_company_name};
use super::lexicon::LEX;
use super::names::{names_currency, names_event, names_no_place, starts_company_name};
use super::resolution::{mark_governments, resolve_city_region};
use super::scan::{SCANNER, word_end};
use super::words::{is_caps_line, is_title_line, is_word_char, line_around, word_before};
use crate::extract::gazetteer::{Entry, Kind};

/// Where in the article a mention sits; earlier variants weigh more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Title,
    Dateline,
    Lead,
    Body,
}

impl Zone {
    pub fn weight(self) -> f32 {
        match self {
            Zone::Title => 3.0,
            Zone::Dateline => 3.0,
            Zone::Lead => 1.5,
            Zone::Body => 1.0,
        }
    }
}

/// Which of the article's texts a mention's offsets are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title = 0,
    Subtitle = 1,
    Dateline = 2,
    Body = 3,
}

/// A name that stands for two countries until the whole article is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ambiguity {
    Settled,
    /// The US state or the country.
    Georgia,
    /// The Republic of the Congo or the Democratic Republic.
    Congo,
}

/// One accepted gazetteer match.
#[derive(Clone, Copy, Debug)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub code: &'static str,
    pub kind: Kind,
    pub zone: Zone,
    pub ambiguity: Ambiguity,
    /// The gazetteer pattern matched, so every mention of one name can be dropped at once
    /// when the text shows it names a person or a company.
    pub pattern: u32,
    /// A seat of government used as the government ("Ottawa urged restraint"): it names
    /// the country as much as the country's own name does.
    pub government: bool,
    /// A city or capital the lead places the story in ("Markets in Madrid and Milan fell").
    pub scene: bool,
    /// The first word of a currency's name ("Swiss francs"): weak evidence.
    pub currency: bool,
    pub part: Part,
}

/// One piece of the article to scan, and where its dateline and lead end (in bytes).
pub struct Piece<'a> {
    pub text: &'a str,
    pub lead_end: usize,
    pub dateline_end: usize,
    /// The zone of everything past the dateline and the lead.
    pub zone: Zone,
    pub part: Part,
}

/// Finds the mentions in one piece, appending them to `mentions`. `not_places` collects the
/// patterns the text used as a person's or company's name ("Neil Jordan", "Brunswick
/// Corp"), so that later bare mentions ("Jordan said") go too.
pub fn find_mentions(piece: &Piece, mentions: &mut Vec<Mention>, not_places: &mut Vec<u32>) {
    let text = piece.text;
    let scanner = &*SCANNER;
    let first = mentions.len();
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = scanner.next_match(text, pos) else {
            break;
        };
        let (s, e) = (m.start, m.end);
        let Some(&entry) = scanner.patterns.get(m.pattern as usize) else {
            break;
        };
        if !stands_alone(text, s, e) {
            pos = end_of_word(text, s);
            continue;
        }
        pos = e;
        let zone = zone_at(piece, s);
        if entry.kind == Kind::Block || !accept_case(text, s, &text[s..e], entry) {
            continue;
        }
        if entry.kind == Kind::DatelineState && zone != Zone::Dateline {
            // In prose the abbreviation needs its period: "Rome, La Repubblica said" is
            // no Louisiana, "Shreveport, La., police said" is.
            let dotted = text[s..e].ends_with('.') || text[e..].starts_with('.');
            let after_city = dotted
                && text[..s].strip_suffix(", ").is_some()
                && mentions[first..]
                    .last()
                    .is_some_and(|previous| previous.end + 2 == s);
            if !after_city {
                continue;
            }
        }
        if names_event(text, s, e, entry.kind) {
            continue;
        }
        let key = text[s..e].to_lowercase();
        let pattern = m.pattern;
        let line = line_around(text, s);
        let caps = is_caps_line(line);
        // Asked only when a name's context is found: reading the whole line costs more.
        let case_tells = || !caps && !is_title_line(line);
        if names_no_place(text, s, e, &key, entry.kind) && case_tells() {
            if !not_places.contains(&pattern) {
                not_places.push(pattern);
            }
            continue;
        }
        if entry.kind == Kind::Demonym && starts_company_name(text, e) && case_tells() {
            continue;
        }
        if in_company_brackets(text, s, e)
            || caps && starts_caps_company_name(text, e)
            || names_epithet(text, e)
            || names_origin(text, e, entry.kind, zone)
        {
            continue;
        }
        let ambiguity = match key.as_str() {
            "georgia" => Ambiguity::Georgia,
            "congo" | "congolese" => Ambiguity::Congo,
            _ => Ambiguity::Settled,
        };
        mentions.push(Mention {
            start: s,
            end: e,
            code: entry.code,
            kind: entry.kind,
            zone,
            ambiguity,
            pattern,
            government: false,
            scene: false,
            currency: names_currency(text, e, entry.kind),
            part: piece.part,
        });
    }
    resolve_city_region(text, &mut mentions[first..]);
    mark_governments(text, &mut mentions[first..]);
}

/// Whether the match `s..e` is whole words, not part of a longer word.
fn stands_alone(text: &str, s: usize, e: usize) -> bool {
    let before_ok = text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c));
    let after_ok = text[e..].chars().next().is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// Where to search on after a match inside a word: a match must start a word, so nothing
/// can start before this word ends ("us" inside "because", "pa" inside "company").
fn end_of_word(text: &str, s: usize) -> usize {
    let first = text[s..].chars().next().map_or(1, char::len_utf8);
    word_end(text, s).max(s + first)
}

fn zone_at(piece: &Piece, at: usize) -> Zone {
    if piece.zone == Zone::Body && at < piece.dateline_end {
        Zone::Dateline
    } else if piece.zone == Zone::Body && at < piece.lead_end {
        Zone::Lead
    } else {
        piece.zone
    }
}

fn accept_case(text: &str, s: usize, surface: &str, entry: Entry) -> bool {
    if entry.caps_only {
        if !surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            return false;
        }
        let line = line_around(text, s);
        if is_caps_line(line) {
            let key = surface.to_lowercase();
            if !LEX.safe_in_capitals.contains(key.as_str()) {
                return false;
            }
            if key == "us"
                && word_before(text, s).is_some_and(|w| LEX.us_pronoun_before.contains(w))
            {
                return false;
            }
        }
        return true;
    }
    // Proper nouns start with a capital; "turkey" the bird and "chad" the paper bit do not.
    surface.chars().next().is_some_and(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::countries::scan::fold_for_scan;
    use crate::extract::gazetteer::scan_keys;
    use aho_corasick::{AhoCorasick, Input, MatchKind};

    /// The matches a scan acts on, as `find_mentions` walks them: whole words, not starting
    /// lower case, each search going on where the last match (or its word) ended.
    fn acted_on(
        text: &str,
        mut next: impl FnMut(&[u8], usize) -> Option<(usize, usize, u32)>,
    ) -> Vec<(usize, usize, u32)> {
        let folded = fold_for_scan(text);
        let (mut out, mut pos) = (Vec::new(), 0);
        while pos < text.len() {
            let Some((s, e, p)) = next(&folded, pos) else {
                break;
            };
            if !stands_alone(text, s, e) {
                pos = end_of_word(text, s);
                continue;
            }
            pos = e;
            if !text[s..].starts_with(char::is_lowercase) {
                out.push((s, e, p));
            }
        }
        out
    }

    /// The word-start scan acts on exactly the matches an unanchored leftmost-longest scan
    /// of every position would: every key, written in every case, among words that open,
    /// hide and extend keys.
    #[test]
    fn word_start_scan_agrees_with_a_scan_of_every_position() {
        let (keys, _) = scan_keys();
        let all = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .unwrap();
        let scanner = &*SCANNER;
        let mut texts: Vec<String> = vec![
            "the new York office, New Yorker and new york; NEW YORK".into(),
            "because St. Louis, st. Louis and ST. LOUIS's 's-Hertogenbosch x's-Hertogenbosch".into(),
            "S\u{e3}o Paulo, s\u{e3}o Paulo, C\u{f4}te d'Ivoire, c\u{f4}te d'Ivoire and \u{c9}lys\u{e9}e".into(),
            "Guinea-Bissau guinea-Bissau Jordan's Jordanian-born Iranians, Iran\u{2019}s \u{2014}Chad".into(),
        ];
        for key in &keys {
            let capitalised: String = key
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                })
                .collect::<Vec<_>>()
                .join(" ");
            texts.push(format!(
                "In {capitalised}, {key} and {}s or x{capitalised} ({capitalised}-based) new {capitalised}",
                key.to_uppercase()
            ));
        }
        for text in &texts {
            let every = acted_on(text, |folded, pos| {
                let m = all.find(Input::new(folded).span(pos..text.len()))?;
                Some((m.start(), m.end(), m.pattern().as_u32()))
            });
            let starts = acted_on(text, |_, pos| {
                let m = scanner.next_match(text, pos)?;
                Some((m.start, m.end, m.pattern))
            });
            assert_eq!(every, starts, "{text}");
        }
    }
}
