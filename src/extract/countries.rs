//! Countries: the gazetteer lookup from names, codes, slugs and demonyms to ISO codes, and the
//! per-article list of countries found in the text, ranked by salience.

use std::collections::HashMap;

use aho_corasick::Input;

use super::calendar;
use super::gazetteer::{DISPLAY, Entry, GAZETTEER, Kind, SCANNER, fold_for_scan, norm_key};
use super::{CountryMention, Provenance};
use crate::article::Article;

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

fn entry_for(name: &str) -> Option<Entry> {
    let g = &*GAZETTEER;
    let name = name.trim().trim_end_matches(['.', ',', ';', ':']);
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .unwrap_or(name);
    let key = norm_key(name);
    if key.is_empty() {
        return None;
    }
    let find = |k: &str| {
        g.by_key
            .get(k)
            .or_else(|| g.by_key.get(&k.replace('.', "")))
            .copied()
            .filter(|e| e.kind != Kind::Block && !e.code.is_empty())
    };
    if let Some(e) = find(&key).or_else(|| find(&format!("{key}."))) {
        return Some(e);
    }
    // Catalogue order ("Korea, Republic of") and glosses ("Cocos (Keeling) Islands").
    if let Some((a, b)) = key.split_once(", ") {
        return find(&format!("{b} {a}")).or_else(|| find(a));
    }
    if let Some((a, rest)) = key.split_once(" (") {
        let b = rest.split_once(')').map_or("", |(_, b)| b.trim());
        return find(format!("{a} {b}").trim()).or_else(|| find(a));
    }
    None
}

/// Finds a country by ISO code (alpha-2 or alpha-3), name, alias, demonym, Reuters slug
/// (`west-germany`, `ussr`) or a place inside it, ignoring case.
pub fn lookup(name: &str) -> Option<Country> {
    // The common case, an alpha-2 code, needs no place index.
    let trimmed = name.trim();
    if trimmed.len() == 2
        && let Some((&code, &name)) = DISPLAY.get_key_value(trimmed.to_ascii_uppercase().as_str())
    {
        return Some(Country { code, name });
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
    GIVEN_NAMES.contains(&word.to_lowercase().as_str())
}

/// Whether a capitalised word or phrase names a place: a country, demonym, state, city or
/// metonym ("the Kremlin"). Bare ISO codes do not count, so "AND" or "PER" stay words.
pub fn is_place(name: &str) -> bool {
    let Some(e) = entry_for(name) else {
        return false;
    };
    if e.kind == Kind::Code {
        return false;
    }
    !e.caps_only
        || name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Where in the article a mention sits; earlier variants weigh more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zone {
    Title,
    Dateline,
    Lead,
    Body,
}

impl Zone {
    fn weight(self) -> f32 {
        match self {
            Zone::Title => 3.0,
            Zone::Dateline => 3.0,
            Zone::Lead => 1.5,
            Zone::Body => 1.0,
        }
    }
}

/// One accepted gazetteer match.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: usize,
    end: usize,
    code: &'static str,
    kind: Kind,
    zone: Zone,
    /// "Georgia" or "Congo": decided once the whole article is read.
    pending: Pending,
    /// The gazetteer pattern matched, so every mention of one name can be dropped at once
    /// when the text shows it names a person or a company.
    pattern: u32,
    /// A seat of government used as the government ("Ottawa urged restraint"): it names
    /// the country as much as the country's own name does.
    government: bool,
    /// A city or capital the lead places the story in ("Markets in Madrid and Milan fell").
    scene: bool,
    /// Which text the offsets are in: `TITLE`, `SUBTITLE`, `DATELINE` or `BODY`.
    text: u8,
}

const TITLE: u8 = 0;
const SUBTITLE: u8 = 1;
const DATELINE: u8 = 2;
const BODY: u8 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    None,
    Georgia,
    Congo,
}

/// Capital abbreviations that stay countries inside an all-capitals headline; the others
/// ("CAR", "ROK") are too often ordinary words there.
const SAFE_CAPS: &[&str] = &[
    "u.s.", "us", "usa", "u.s.a.", "uk", "u.k.", "ussr", "u.s.s.r.", "uae", "u.a.e.", "drc", "prc",
    "frg", "gdr", "dprk",
];

/// Words before "US" in capitals that make it the pronoun ("LET US", "TELL US").
const US_PRONOUN_BEFORE: &[&str] = &[
    "LET", "TELL", "TELLS", "TOLD", "GIVE", "GIVES", "HELP", "HELPS", "JOIN", "JOINS", "FOR",
    "WITH", "ABOUT", "AMONG", "BEHIND", "BEAT", "BEATS", "LEAVE", "LEFT", "SHOW", "SHOWS", "SEND",
    "ALL", "OF", "ASK", "ASKS", "MAKE", "MAKES", "BEFORE", "TAKE", "TAKES",
];

/// Place names that are also common given names or surnames.
const PERSON_NAMES: &[&str] = &[
    "jordan",
    "chad",
    "israel",
    "washington",
    "georgia",
    "kenya",
    "paris",
    "sydney",
    "victoria",
    "houston",
    "dallas",
    "austin",
    "orlando",
    "virginia",
    "montana",
    "indiana",
    "florence",
    "denver",
    "phoenix",
    "jersey",
    "holland",
    "finn",
    "moldovan",
    "english",
    "french",
    "irish",
    "welsh",
    "wales",
    "england",
];

/// Of those, the ones that are also given names, so a capitalised word after them makes a
/// person ("Chad Smith", "Jordan Henderson").
const GIVEN_NAMES: &[&str] = &[
    "jordan", "chad", "israel", "georgia", "kenya", "paris", "sydney", "victoria", "austin",
    "dallas", "virginia", "florence",
];

/// Capitalised words that may sit before a place without making it a surname.
const PLACE_PREFIX_OK: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "for",
    "of",
    "and",
    "or",
    "with",
    "by",
    "on",
    "into",
    "via",
    "the",
    "a",
    "an",
    "both",
    "but",
    "as",
    "if",
    "while",
    "when",
    "since",
    "after",
    "before",
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "greater",
    "upper",
    "lower",
    "inner",
    "outer",
    "metro",
    "mainland",
    "rural",
    "coastal",
    "communist",
    "socialist",
    "democratic",
    "federal",
    "republic",
    "kingdom",
    "state",
    "states",
    "visit",
    "visits",
    "visited",
    "says",
    "said",
    "told",
    "over",
    "against",
    "than",
    "like",
    "across",
    "near",
    "outside",
    "inside",
    "throughout",
    "between",
    "within",
    "only",
    "also",
    "all",
    "neighbouring",
    "neighboring",
    "oil",
    "independent",
    "new",
    "old",
    "free",
    "modern",
    "ancient",
    "post",
    "pre",
    "pro",
    "anti",
    "ex",
    "islamic",
    "arab",
    "hashemite",
    "reuters",
    "nationalist",
    "peoples",
    "people's",
    "imperial",
    "catholic",
    "christian",
    "muslim",
    "jewish",
    "tropical",
    "neighbour",
    "neighbor",
    "where",
    "why",
    "how",
    "what",
    "radio",
    "air",
    "bank",
    "banco",
    "banque",
    "team",
    "hotel",
    "downtown",
    "metropolitan",
    "royal",
    "lake",
    "mount",
    "port",
    "fort",
    "cape",
    "university",
    "city",
    "county",
    "province",
    "district",
    "capital",
    "suburban",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
    "mid",
];

/// Capitalised words that may follow a place without making it a given name.
const PLACE_SUFFIX_OK: &[&str] = &[
    "valley",
    "river",
    "radio",
    "television",
    "tv",
    "times",
    "post",
    "herald",
    "airport",
    "basin",
    "sea",
    "gulf",
    "club",
    "bank",
    "railways",
    "airlines",
    "airways",
    "army",
    "navy",
    "police",
    "defence",
    "defense",
    "government",
    "ministry",
    "embassy",
    "chamber",
    "stock",
    "exchange",
    "electric",
    "power",
    "gas",
    "pacific",
    "industries",
    "corp",
    "co",
    "inc",
    "ltd",
    "company",
    "group",
    "state",
    "city",
    "county",
    "street",
    "square",
    "university",
    "college",
    "national",
    "international",
    "federal",
    "central",
    "capital",
    "port",
    "harbor",
    "harbour",
    "bay",
    "island",
    "islands",
    "mountains",
    "hills",
    "desert",
    "plain",
    "plains",
    "province",
    "region",
    "district",
    "sector",
    "front",
    "party",
    "council",
    "senate",
    "assembly",
    "parliament",
    "congress",
    "court",
    "league",
    "cup",
    "open",
    "grand",
    "prix",
    "marathon",
    "stadium",
    "hotel",
    "museum",
    "zoo",
    "press",
    "news",
    "daily",
    "journal",
    "reserve",
    "trust",
    "fund",
    "holdings",
    "energy",
    "oil",
    "petroleum",
    "telecom",
    "steel",
    "motors",
    "mining",
    "gold",
    "minister",
    "president",
    "prime",
    "king",
    "queen",
    "crown",
    "prince",
    "office",
    "house",
    "ministers",
    "and",
    "or",
    "the",
    "but",
    "for",
    "in",
    "on",
    "at",
    "to",
    "of",
    "by",
    "with",
    "has",
    "is",
    "was",
    "will",
    "would",
    "said",
    "says",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// How far either side of a match its case context reaches, in bytes: a headline is
/// shorter, and a long paragraph must not make every check cost its whole length.
const CONTEXT_BYTES: usize = 120;

/// The line of `text` around byte offset `at`, cut to `CONTEXT_BYTES` either side.
fn line_around(text: &str, at: usize) -> &str {
    let mut lo = at.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (at + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let start = text[lo..at].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = text[at..hi].find('\n').map_or(hi, |i| at + i);
    &text[start..end]
}

/// A headline in title case ("Protests Grow In Jordan"), where a capitalised word before a
/// place says nothing about a surname.
fn is_title_line(line: &str) -> bool {
    let (mut words, mut upper) = (0usize, 0usize);
    for w in line.split_whitespace() {
        match w.chars().next() {
            Some(c) if c.is_alphabetic() => {
                words += 1;
                upper += usize::from(c.is_uppercase());
            }
            _ => {}
        }
    }
    words >= 3 && upper * 10 >= words * 8
}

/// A line written in capitals (a wire headline or slug), where case tells nothing.
fn is_caps_line(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4
}

/// The word right before `at`, when only one space separates it.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text[..at].strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\'' || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &head[start..];
    (!w.is_empty()).then_some(w)
}

/// The word right after `at`, when only one space separates it.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let tail = text[at..].strip_prefix(' ')?;
    let end = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\''))
        .map_or(tail.len(), |(i, _)| i);
    let w = &tail[..end];
    (!w.is_empty()).then_some(w)
}

fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

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
    !PLACE_PREFIX_OK.contains(&lower)
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
    !PLACE_SUFFIX_OK.contains(&lower.as_str())
        && !calendar::is_weekday_name(&lower)
        && !calendar::is_english_month(&lower)
        && !GAZETTEER.by_key.contains_key(&lower)
}

/// Words that end a company name ("Brunswick Corp", "Sonora Gold Corp").
const CORP_SUFFIXES: &[&str] = &[
    "Corp",
    "Corporation",
    "Inc",
    "Co",
    "Cos",
    "Ltd",
    "Limited",
    "PLC",
    "Plc",
    "plc",
    "AG",
    "SA",
    "NV",
    "BV",
    "GmbH",
    "SpA",
    "AB",
    "ASA",
    "Bhd",
    "Pty",
    "LLC",
    "LP",
    "Bancorp",
    "Bancshares",
    "Bankshares",
    "Holdings",
    "Industries",
    "Inds",
    "Group",
    "Associates",
    "Partners",
    "Trust",
    "Fund",
    "Airlines",
    "Technologies",
    "Systems",
    "Enterprises",
];

/// Connectors that may sit inside a multi-word name ("Chicago Board of Trade").
const NAME_CONNECTORS: &[&str] = &["of", "&", "de", "du", "des", "la", "le", "et", "y"];

/// Whether a place word starts a company name: capitalised words up to a corporate suffix.
fn company_context(text: &str, end: usize) -> bool {
    let mut at = end;
    for _ in 0..4 {
        let Some(w) = word_after(text, at) else {
            return false;
        };
        if CORP_SUFFIXES.contains(&w) {
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
        Some(w) => !capitalised(w) && !NAME_CONNECTORS.contains(&w),
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
    capitalised(w) && !GAZETTEER.by_key.contains_key(&w.to_lowercase()) && !COMBINING.contains(&w)
}

/// "Bristol-Myers": a place joined by a hyphen to a following capitalised word that is no
/// place ("Paris-based" stays a place).
fn hyphen_compound_after(text: &str, end: usize) -> bool {
    let Some(tail) = text[end..].strip_prefix('-') else {
        return false;
    };
    let w_end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    let w = &tail[..w_end];
    capitalised(w) && !GAZETTEER.by_key.contains_key(&w.to_lowercase())
}

/// Prefixes of compound adjectives that join countries ("Franco-German", "Sino-Soviet").
const COMBINING: &[&str] = &[
    "Franco", "Anglo", "Sino", "Indo", "Afro", "Euro", "Russo", "Greco", "Italo", "Austro",
    "Hispano", "Luso", "Judeo", "Arab", "Pan", "Trans", "Inter", "Non", "Anti", "Pro", "Ex",
];

/// Whether this match names a person or a company rather than a place. Cities and regions
/// are weak evidence and often lend their names ("Fernando Santos", "Brunswick Corp"); a few
/// country names are common first names or surnames ("Michael Jordan", "Chad Smith").
fn names_no_place(text: &str, s: usize, e: usize, key: &str, kind: Kind) -> bool {
    if let Some(p) = PERSON_NAMES.iter().find(|p| **p == key) {
        let given = GIVEN_NAMES.contains(p) && first_name_context(text, e);
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

/// Scans one piece of text; `dateline_end` is the byte length of its leading dateline.
/// `not_places` collects the patterns the text used as a person's or company's name ("Neil
/// Jordan", "Brunswick Corp"), so that later bare mentions ("Jordan said") go too.
fn scan(
    text: &str,
    lead_end: usize,
    dateline_end: usize,
    zone: Zone,
    out: &mut Vec<Hit>,
    not_places: &mut Vec<u32>,
) {
    let scanner = &*SCANNER;
    let Some(automaton) = &scanner.automaton else {
        return;
    };
    let first = out.len();
    let folded = fold_for_scan(text);
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = automaton.find(Input::new(&folded).span(pos..text.len())) else {
            break;
        };
        let (s, e) = (m.start(), m.end());
        let before_ok = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = text[e..].chars().next().is_none_or(|c| !is_word_char(c));
        let Some(&entry) = scanner.patterns.get(m.pattern().as_usize()) else {
            break;
        };
        if !(before_ok && after_ok) {
            // A match must start a word, so nothing can start before this word ends: skip it
            // ("us" inside "because", "pa" inside "company").
            let first = text[s..].chars().next().map_or(1, char::len_utf8);
            let word_end = text[s..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| s + i);
            pos = word_end.max(s + first);
            continue;
        }
        pos = e;
        let surface = &text[s..e];
        let zone_here = if zone == Zone::Body && s < dateline_end {
            Zone::Dateline
        } else if zone == Zone::Body && s < lead_end {
            Zone::Lead
        } else {
            zone
        };
        if entry.kind == Kind::Block {
            continue;
        }
        if !accept_case(text, s, surface, entry) {
            continue;
        }
        if entry.kind == Kind::DatelineState && zone_here != Zone::Dateline {
            let after_city = text[..s].strip_suffix(", ").is_some()
                && out[first..].last().is_some_and(|h| h.end + 2 == s);
            if !after_city {
                continue;
            }
        }
        let key = surface.to_lowercase();
        let pattern = m.pattern().as_u32();
        let line = line_around(text, s);
        let case_tells = !is_caps_line(line) && !is_title_line(line);
        if case_tells && names_no_place(text, s, e, &key, entry.kind) {
            if !not_places.contains(&pattern) {
                not_places.push(pattern);
            }
            continue;
        }
        let pending = match key.as_str() {
            "georgia" => Pending::Georgia,
            "congo" | "congolese" => Pending::Congo,
            _ => Pending::None,
        };
        out.push(Hit {
            start: s,
            end: e,
            code: entry.code,
            kind: entry.kind,
            zone: zone_here,
            pending,
            pattern,
            government: false,
            scene: false,
            text: BODY,
        });
    }
    resolve_city_region(text, &mut out[first..]);
    mark_governments(text, &mut out[first..]);
}

/// Verbs and auxiliaries after a seat of government that make it the government's voice
/// ("Paris and Berlin said", "Ottawa urged", "Beijing would retaliate").
const GOVERNMENT_AFTER: &[&str] = &[
    "said",
    "says",
    "say",
    "urged",
    "urges",
    "warned",
    "warns",
    "rejected",
    "rejects",
    "accused",
    "accuses",
    "called",
    "calls",
    "demanded",
    "demands",
    "announced",
    "announces",
    "insisted",
    "insists",
    "denied",
    "denies",
    "welcomed",
    "welcomes",
    "condemned",
    "condemns",
    "agreed",
    "agree",
    "agrees",
    "signed",
    "backed",
    "backs",
    "opposed",
    "opposes",
    "wants",
    "want",
    "imposed",
    "imposes",
    "responded",
    "retaliated",
    "protested",
    "threatened",
    "threatens",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "blamed",
    "blames",
    "claimed",
    "recalled",
    "expelled",
    "summoned",
    "approved",
    "refused",
    "ordered",
    "offered",
    "proposed",
    "pressed",
    "argued",
    "sought",
    "seeks",
    "hopes",
    "fears",
    "would",
    "will",
    "has",
    "have",
    "had",
    "must",
    "should",
    "stayed",
    "remained",
    "declined",
    "reacted",
    "confirmed",
    "dismissed",
    "cautioned",
];

/// Words before a seat of government that make it a party to diplomacy ("thanked
/// Canberra", "ties between Beijing and Washington").
const GOVERNMENT_BEFORE: &[&str] = &[
    "thanked",
    "thank",
    "thanks",
    "urged",
    "urging",
    "accused",
    "accusing",
    "told",
    "warned",
    "criticised",
    "criticized",
    "pressed",
    "asked",
    "blamed",
    "condemned",
    "sanctioned",
    "lobbied",
    "between",
];

/// Nouns that make a "with" or "on" before a seat diplomatic ("talks with Beijing",
/// "pressure on Moscow").
const DIPLOMATIC_NOUNS: &[&str] = &[
    "talks",
    "relations",
    "ties",
    "dialogue",
    "deal",
    "agreement",
    "tensions",
    "pressure",
    "negotiations",
    "contacts",
    "dispute",
    "rift",
    "row",
];

/// Marks the seats of government the text uses as governments. Seats joined by "and" or a
/// comma share the verb after the last one and the word before the first.
fn mark_governments(text: &str, hits: &mut [Hit]) {
    let seats = &*crate::extract::gazetteer::SEATS;
    let mut i = 0;
    while i < hits.len() {
        let mut j = i;
        while j + 1 < hits.len() {
            let gap = text[hits[j].end..hits[j + 1].start].trim();
            if !matches!(
                gap,
                "and" | "," | ", and" | "or" | "and the" | ", the" | "or the"
            ) {
                break;
            }
            j += 1;
        }
        let acts = government_after(text, hits[j].end) || government_before(text, hits[i].start);
        let scene = word_before(text, hits[i].start).is_some_and(|w| w == "in");
        for h in &mut hits[i..=j] {
            let key = crate::extract::gazetteer::norm_key(&text[h.start..h.end]);
            h.government = acts && seats.contains(&key);
            h.scene =
                scene && h.zone == Zone::Lead && matches!(h.kind, Kind::City | Kind::ListedCity);
        }
        i = j + 1;
    }
}

fn government_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with("'s ") || rest.starts_with("\u{2019}s ") {
        return true;
    }
    word_after(text, end).is_some_and(|w| GOVERNMENT_AFTER.contains(&w))
}

fn government_before(text: &str, start: usize) -> bool {
    let Some(prev) = word_before(text, start) else {
        return false;
    };
    let lower = prev.to_lowercase();
    if lower == "with" || lower == "on" {
        let at = start - 1 - prev.len();
        return word_before(text, at)
            .is_some_and(|w| DIPLOMATIC_NOUNS.contains(&w.to_lowercase().as_str()));
    }
    GOVERNMENT_BEFORE.contains(&lower.as_str())
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
            if !SAFE_CAPS.contains(&key.as_str()) {
                return false;
            }
            if key == "us" && word_before(text, s).is_some_and(|w| US_PRONOUN_BEFORE.contains(&w)) {
                return false;
            }
        }
        return true;
    }
    // Proper nouns start with a capital; "turkey" the bird and "chad" the paper bit do not.
    surface.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// "Paris, Texas", "Birmingham, Ala.", "London, Ontario": a city followed by a comma and a
/// state or country belongs to that state or country. "Atlanta, Georgia" settles Georgia.
fn resolve_city_region(text: &str, hits: &mut [Hit]) {
    for i in 1..hits.len() {
        let (a, b) = (hits[i - 1], hits[i]);
        let gap = &text[a.end..b.start];
        if gap.trim() != "," {
            continue;
        }
        if b.pending == Pending::Georgia {
            if matches!(a.code, "US" | "GE") {
                hits[i].code = a.code;
                hits[i].pending = Pending::None;
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
            hits[i - 1].code = b.code;
        }
    }
}

/// Byte length of the wire dateline at the start of a body ("TEHRAN, Feb 3 (Reuters) - ",
/// "    SALVADOR, Feb 26 - ", "LONDON 1996-08-30"), or 0.
fn dateline_len(body: &str) -> usize {
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let line = rest.split('\n').next().unwrap_or("");
    let cand = match line.find(" - ").or_else(|| line.find(" -- ")) {
        Some(i) if i <= 120 => &line[..i],
        _ if line.len() <= 60 && line.chars().any(|c| c.is_ascii_digit()) => line,
        _ => return 0,
    };
    let head_end = cand
        .find(|c: char| c == ',' || c == '(' || c.is_ascii_digit())
        .unwrap_or(cand.len());
    let head = &cand[..head_end];
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    // The place is in capitals ("NEW YORK") or title case ("London") and short.
    let words: Vec<&str> = head.split_whitespace().collect();
    let place_like = words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    if letters < 2 || !place_like || head_end == cand.len() && !cand.contains(char::is_numeric) {
        return 0;
    }
    lead + cand.len()
}

/// End of the lead: the first paragraph after the dateline, at most about 400 bytes.
fn lead_len(body: &str, from: usize) -> usize {
    let rest = &body[from..];
    let rest_trim = rest.trim_start();
    let skip = rest.len() - rest_trim.len();
    let para = rest_trim.find("\n\n").unwrap_or(rest_trim.len());
    let mut end = from + skip + para.min(400);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    end
}

const GEORGIA_GE_CUES: &[&str] = &[
    "Tbilisi",
    "Caucasus",
    "Abkhaz",
    "Ossetia",
    "Shevardnadze",
    "Saakashvili",
    "Georgian",
    "former Soviet",
    "Soviet republic",
    "republic of Georgia",
    "Republic of Georgia",
];
const GEORGIA_US_CUES: &[&str] = &[
    "Atlanta",
    "Savannah",
    "Georgia's governor",
    "Georgia Gov",
    "Gov.",
    "Governor",
    "state of Georgia",
    "Georgia state",
    "Georgia Power",
    "Georgia Tech",
    "Georgia-Pacific",
    "Georgia Pacific",
    "Georgia Gulf",
    "Ga.",
    "Senator",
    "Sen.",
];

fn resolve_pending(hits: &mut [Hit], texts: &[&str]) {
    if !hits.iter().any(|h| h.pending != Pending::None) {
        return;
    }
    let cue = |cues: &[&str]| texts.iter().any(|t| cues.iter().any(|c| t.contains(c)));
    let has_cd = hits
        .iter()
        .any(|h| h.code == "CD" && h.pending == Pending::None);
    let ge = cue(GEORGIA_GE_CUES);
    let us_places = hits
        .iter()
        .any(|h| h.code == "US" && h.pending == Pending::None && !matches!(h.kind, Kind::Name));
    let us = cue(GEORGIA_US_CUES) || us_places;
    let us_named = hits.iter().any(|h| h.code == "US");
    for h in hits.iter_mut() {
        match h.pending {
            Pending::Georgia => {
                h.code = if ge && !us {
                    "GE"
                } else if us || (us_named && !ge) {
                    "US"
                } else {
                    "GE"
                };
            }
            Pending::Congo => h.code = if has_cd { "CD" } else { "CG" },
            Pending::None => {}
        }
        h.pending = Pending::None;
    }
}

/// The countries an article's text names or implies, most salient first, with mention
/// counts. The headline and the dateline weigh most, then the first paragraph.
pub fn extract(article: &Article) -> Vec<CountryMention> {
    let mut hits = Vec::new();
    let mut not_places = Vec::new();
    // Each scan's hits remember their text, so a country can quote its evidence.
    let tag = |hits: &mut Vec<Hit>, from: usize, text: u8| {
        for h in &mut hits[from..] {
            h.text = text;
        }
    };
    scan(
        &article.title,
        0,
        0,
        Zone::Title,
        &mut hits,
        &mut not_places,
    );
    tag(&mut hits, 0, TITLE);
    if let Some(sub) = &article.subtitle {
        // A plain-text file may put its dateline ("LONDON 1996-08-30") on the second line.
        let zone = if dateline_len(sub) == sub.len() {
            Zone::Dateline
        } else {
            Zone::Lead
        };
        let from = hits.len();
        scan(sub, 0, 0, zone, &mut hits, &mut not_places);
        tag(&mut hits, from, SUBTITLE);
    }
    let mut explicit_dateline = false;
    if let Some(d) = &article.dateline {
        explicit_dateline = true;
        let from = hits.len();
        scan(d, 0, d.len(), Zone::Body, &mut hits, &mut not_places);
        tag(&mut hits, from, DATELINE);
    }
    let body = article.body.as_str();
    let dl = if explicit_dateline {
        0
    } else {
        dateline_len(body)
    };
    scan(
        body,
        lead_len(body, dl),
        dl,
        Zone::Body,
        &mut hits,
        &mut not_places,
    );
    if !not_places.is_empty() {
        // The dateline names where the story was filed even when a company shares the name
        // ("BOSTON, March 26 - Boston Edison Co").
        hits.retain(|h| h.zone == Zone::Dateline || !not_places.contains(&h.pattern));
    }
    let mut texts = vec![article.title.as_str(), body];
    if let Some(sub) = &article.subtitle {
        texts.push(sub);
    }
    resolve_pending(&mut hits, &texts);
    let by_id = [
        article.title.as_str(),
        article.subtitle.as_deref().unwrap_or(""),
        article.dateline.as_deref().unwrap_or(""),
        body,
    ];
    rank(&hits, &by_id)
}

/// The words that gave a country, as the text writes them, each once, in reading order;
/// a seat of government standing for its government says so ("Ottawa (government)").
fn evidence(hits: &[Hit], texts: &[&str; 4], code: &str) -> Vec<String> {
    const SHOWN: usize = 6;
    let mut out: Vec<String> = Vec::new();
    for h in hits.iter().filter(|h| h.code == code) {
        let Some(words) = texts
            .get(usize::from(h.text))
            .and_then(|t| t.get(h.start..h.end))
        else {
            continue;
        };
        let shown = if h.government {
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
    if rank == 0 || t.prominent {
        return true;
    }
    if !t.named {
        return t.score >= MIN_PLACE_ONLY_SCORE;
    }
    let aside = t.mentions == 1 && t.body_only;
    !(aside && countries < ASIDE_MAX_COUNTRIES)
}

fn rank(hits: &[Hit], texts: &[&str; 4]) -> Vec<CountryMention> {
    let mut agg: HashMap<&'static str, Tally> = HashMap::new();
    for (i, h) in hits.iter().enumerate() {
        if h.code.is_empty() {
            continue;
        }
        let named = h.kind.names_country() || h.government || h.scene;
        let w = h.zone.weight() * if named { 1.0 } else { 0.8 };
        let t = agg.entry(h.code).or_insert(Tally {
            score: 0.0,
            mentions: 0,
            first: i,
            named: false,
            prominent: false,
            body_only: true,
            demonym_only: true,
        });
        t.score += w;
        t.mentions += 1;
        t.named |= named;
        t.prominent |= matches!(h.zone, Zone::Title | Zone::Dateline);
        t.body_only &= h.zone == Zone::Body;
        t.demonym_only &= h.kind == Kind::Demonym;
    }
    let countries = agg.len();
    let mut out: Vec<_> = agg.into_iter().collect();
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
            evidence: evidence(hits, texts, code),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(title: &str, body: &str) -> Vec<String> {
        let a = Article {
            title: title.to_string(),
            body: body.to_string(),
            ..Article::default()
        };
        extract(&a).into_iter().map(|c| c.code).collect()
    }

    #[test]
    fn passing_mentions_are_asides() {
        let body = "Shares in Tokyo rose on Monday as exporters gained.\n\n\
                    Dealers said the yen was steady.\n\n\
                    One trader noted that Brazil had cut rates.";
        assert_eq!(codes("JAPANESE STOCKS RISE", body), ["JP"]);
        let roundup = "Ministers met in Tokyo.\n\nThey came from Japan, France, Italy.\n\n\
                       Brazil also sent an envoy.";
        assert!(has("", roundup, "BR"));
    }

    fn has(title: &str, body: &str, code: &str) -> bool {
        codes(title, body).iter().any(|c| c == code)
    }

    #[test]
    fn the_code_shortcut_agrees_with_the_place_index() {
        for (&code, &name) in DISPLAY.iter().filter(|(c, _)| c.len() == 2) {
            let full = entry_for(code).map(|e| e.code);
            assert_eq!(
                full,
                Some(code),
                "{code} resolves differently without the shortcut"
            );
            assert_eq!(lookup(&code.to_lowercase()).map(|c| c.name), Some(name));
        }
    }

    #[test]
    fn lookup_by_code_name_demonym_and_slug() {
        for (q, want) in [
            ("iran", "IR"),
            ("Iranian", "IR"),
            ("IR", "IR"),
            ("IRN", "IR"),
            ("usa", "US"),
            ("west-germany", "DE"),
            ("east-germany", "DD"),
            ("ussr", "SU"),
            ("uk", "GB"),
            ("hong-kong", "HK"),
            ("ivory-coast", "CI"),
            ("Emirati", "AE"),
            ("Filipino", "PH"),
            ("Holland", "NL"),
            ("Burma", "MM"),
            ("DRC", "CD"),
            ("zaire", "CD"),
            ("the Kremlin", "RU"),
        ] {
            assert_eq!(lookup(q).map(|c| c.code), Some(want), "{q}");
        }
        assert_eq!(lookup("Narnia"), None);
        assert_eq!(lookup("Korea, Republic of").map(|c| c.code), Some("KR"));
        assert_eq!(
            lookup("Iran, Islamic Republic of").map(|c| c.code),
            Some("IR")
        );
        assert_eq!(
            lookup("Cocos (Keeling) Islands").map(|c| c.code),
            Some("CC")
        );
        assert_eq!(lookup("Calif").map(|c| c.code), Some("US"));
        assert_eq!(name_of("ir"), Some("Iran"));
    }

    #[test]
    fn every_reuters_style_slug_resolves() {
        for slug in [
            "usa",
            "el-salvador",
            "new-zealand",
            "south-korea",
            "north-korea",
            "saudi-arabia",
            "sri-lanka",
            "united-arab-emirates",
            "czechoslovakia",
            "yugoslavia",
            "netherlands-antilles",
            "south-africa",
            "costa-rica",
            "papua-new-guinea",
            "burkina-faso",
            "kampuchea",
        ] {
            assert!(lookup(slug).is_some(), "{slug}");
        }
    }

    #[test]
    fn is_place_accepts_places_not_codes() {
        assert!(is_place("Tehran"));
        assert!(is_place("the White House"));
        assert!(is_place("Bavaria"));
        assert!(is_place("Iranian"));
        assert!(!is_place("AND"));
        assert!(!is_place("Pezeshkian"));
        for w in [
            "Reuters",
            "Monday",
            "President",
            "Mobile",
            "Reading",
            "Said",
            "The",
        ] {
            assert!(!is_place(w), "{w}");
        }
    }

    #[test]
    fn georgia_state_or_country() {
        assert_eq!(
            codes(
                "",
                "The company is based in Atlanta, Georgia, and sells paper."
            ),
            ["US"]
        );
        assert_eq!(
            codes("", "Georgia's governor signed the bill on Monday."),
            ["US"]
        );
        assert_eq!(
            codes("", "Protesters gathered in Tbilisi, Georgia, on Sunday."),
            ["GE"]
        );
    }

    #[test]
    fn capitals_and_seats_acting_as_governments_are_their_countries() {
        let body = "Paris and Berlin said on Monday they would not back the plan, while \
                    Ottawa urged restraint. Markets in Madrid and Milan fell. The minister \
                    thanked Canberra for its help.";
        let mut got = codes("Allies split over plan", body);
        got.sort();
        assert_eq!(got, ["AU", "CA", "DE", "ES", "FR", "IT"]);
        let mut got = codes(
            "Talks in Moscow",
            "The Kremlin said talks with Beijing and Washington would resume, while Downing \
             Street and the Elysee stayed silent.",
        );
        got.sort();
        assert_eq!(got, ["CN", "FR", "GB", "RU", "US"]);
        // Not a government: a person, a newspaper, a state.
        assert!(codes("", "Actor Denzel Washington won the award.").is_empty());
        assert_eq!(
            codes(
                "",
                "The storm hit Washington state, the Washington Post reported."
            ),
            ["US"]
        );
    }

    #[test]
    fn each_country_quotes_the_words_that_gave_it() {
        let a = Article {
            title: "Talks in Moscow".into(),
            body: "The Kremlin said talks with Beijing would resume. Russian officials \
                   confirmed it in Moscow."
                .into(),
            ..Article::default()
        };
        let got = extract(&a);
        let ru = got.iter().find(|c| c.code == "RU").unwrap();
        assert_eq!(
            ru.evidence,
            ["Moscow", "Kremlin (government)", "Russian"],
            "{got:?}"
        );
        let cn = got.iter().find(|c| c.code == "CN").unwrap();
        assert_eq!(cn.evidence, ["Beijing (government)"]);
    }

    #[test]
    fn countries_used_as_given_names_are_people() {
        assert!(
            codes(
                "",
                "Georgia Miller and Chad Ortiz won the mixed doubles at the county tennis open."
            )
            .is_empty()
        );
        assert!(has("", "Georgia and Armenia signed a border accord.", "GE"));
    }

    #[test]
    fn given_names_are_not_countries() {
        assert!(codes("", "Michael Jordan scored 40 points for the Bulls.").is_empty());
        assert!(codes("", "Drummer Chad Smith joined the band on stage.").is_empty());
        assert!(codes("", "The homer came off Chad Ogea (7-5) in the first.").is_empty());
        assert!(codes("", "Actor Denzel Washington won the award.").is_empty());
        assert!(codes("", "George Washington crossed the river.").is_empty());
        assert!(has("", "King Hussein of Jordan met the envoy.", "JO"));
        assert!(
            codes(
                "",
                "Director Neil Jordan spoke. Jordan said the film was done."
            )
            .is_empty()
        );
        assert!(
            codes(
                "",
                "Police said Trevor Holland escaped. Holland was caught."
            )
            .is_empty()
        );
        assert!(has("", "Troops crossed from Chad into Sudan.", "TD"));
        assert!(has("", "Israel and Egypt signed the accord.", "IL"));
        assert!(has("", "Israel Aircraft Industries won a contract.", "IL"));
        assert!(has(
            "",
            "Air China flew to Beijing. China Southern Airlines too.",
            "CN"
        ));
        assert!(has("", "Radio Moscow said troops left Moscow.", "RU"));
    }

    #[test]
    fn company_and_person_names_are_not_places() {
        assert!(codes("", "Minister Fernando Santos Alvite arrived today.").is_empty());
        assert!(
            codes(
                "",
                "Shares of Brunswick Corp rose. Brunswick said sales grew."
            )
            .is_empty()
        );
        assert!(codes("", "Allied-Lyons PLC bought the distiller.").is_empty());
        assert!(has("", "Franco-German talks opened.", "DE"));
        assert!(codes("", "Bristol-Myers Co raised its dividend.").is_empty());
        assert!(has("", "A Paris-based bank grew in Paris.", "FR"));
        assert!(has(
            "",
            "Prices on the Chicago Board of Trade fell in Chicago.",
            "US"
        ));
    }

    #[test]
    fn metonyms_stand_for_governments() {
        for (s, want) in [
            ("The Kremlin rejected the plan.", "RU"),
            ("The White House said talks would go on.", "US"),
            ("The Pentagon sent more ships.", "US"),
            ("Downing Street declined to comment.", "GB"),
            ("Officials in Whitehall were cautious.", "GB"),
            ("The Elysee said the president would travel.", "FR"),
            ("The Quai d'Orsay summoned the envoy.", "FR"),
            ("Leaders met in Zhongnanhai.", "CN"),
            ("Foggy Bottom was silent.", "US"),
            ("Capitol Hill passed the bill.", "US"),
        ] {
            assert_eq!(codes("", s), [want], "{s}");
        }
    }

    #[test]
    fn historical_states() {
        assert_eq!(codes("", "The Soviet Union and the USSR."), ["SU"]);
        assert_eq!(codes("", "West Germany raised rates."), ["DE"]);
        assert_eq!(codes("", "East Germany raised rates."), ["DD"]);
        assert_eq!(codes("", "Yugoslavia raised rates."), ["YU"]);
        assert_eq!(codes("", "Czechoslovakia raised rates."), ["CS"]);
        assert_eq!(codes("", "Zaire raised rates."), ["CD"]);
        assert_eq!(codes("", "Burma raised rates."), ["MM"]);
    }

    #[test]
    fn title_case_headlines_keep_places() {
        assert_eq!(codes("Trump Meets Jordan King In Amman", ""), ["JO"]);
        assert_eq!(codes("Floods Hit Georgia Capital Tbilisi", ""), ["GE"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(t in "\\PC{0,300}") {
            let _ = codes(&t, &t);
            let _ = is_place(&t);
        }

        #[test]
        fn never_panics_on_place_fragments(
            t in "(Jordan|Chad|U\\.S\\.|US|, |Ky\\.| - |\n|[A-Z]{2,6}|é|ü|Georgia|Congo|New |York|Paris|Corp| ){0,40}"
        ) {
            let _ = codes(&t, &t);
        }
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "",
            "-",
            " - ",
            "ÄÖÜ, März 3 - Größe",
            "\u{2019}s Iran\u{2019}s Zürich-Genève",
            "U.S.-",
            "Chad",
            ", Ky.",
            "日本 Japan 中国",
        ] {
            let _ = codes(t, t);
            let _ = is_place(t);
            let _ = lookup(t);
        }
    }

    #[test]
    fn lower_case_words_are_not_countries() {
        assert!(codes("", "They ate roast turkey and told us about it.").is_empty());
        assert_eq!(codes("", "Turkey raised rates."), ["TR"]);
        assert_eq!(codes("", "The US raised rates."), ["US"]);
        assert!(codes("TELL US WHAT YOU THINK", "").is_empty());
        assert_eq!(codes("US RAISES RATES", ""), ["US"]);
    }

    #[test]
    fn longer_names_win() {
        assert_eq!(
            codes("", "Port Moresby is the capital of Papua New Guinea."),
            ["PG"]
        );
        assert_eq!(codes("", "Bissau lies in Guinea-Bissau."), ["GW"]);
        assert_eq!(codes("", "Malabo is in Equatorial Guinea."), ["GQ"]);
        assert_eq!(codes("", "Floods hit Niger."), ["NE"]);
        assert_eq!(codes("", "Floods hit Nigeria."), ["NG"]);
        for s in ["New Mexico", "New England", "New Jersey"] {
            assert_eq!(codes("", &format!("Snow fell in {s}.")), ["US"], "{s}");
        }
        assert_eq!(codes("", "Snow fell in New South Wales."), ["AU"]);
        assert!(codes("", "Growth slowed across Latin America.").is_empty());
    }

    #[test]
    fn congo_republic_or_democratic_republic() {
        assert_eq!(codes("", "Talks opened in Brazzaville, Congo."), ["CG"]);
        assert_eq!(
            codes(
                "",
                "Fighting spread in the DRC. Kinshasa said Congo would respond."
            ),
            ["CD"]
        );
        assert_eq!(codes("", "The Democratic Republic of Congo voted."), ["CD"]);
    }

    #[test]
    fn capital_headlines_and_datelines() {
        assert_eq!(
            codes(
                "BAHIA COCOA REVIEW",
                "SALVADOR, Feb 26 - Showers continued."
            ),
            ["BR"]
        );
        assert_eq!(
            codes("", "TEHRAN, Feb 3 (Reuters) - Officials met on Tuesday."),
            ["IR"]
        );
        assert_eq!(
            codes(
                "",
                "LOUISVILLE, Ky., March 3 - The company said profits rose."
            ),
            ["US"]
        );
        assert_eq!(
            codes("", "BIRMINGHAM, Ala., March 3 - The bank said."),
            ["US"]
        );
        assert_eq!(codes("", "    NEW YORK, March 3 - Shares rose."), ["US"]);
    }

    #[test]
    fn state_abbreviations_need_a_city() {
        assert!(codes("", "Mass. protests and Pa. Ill. and La. words.").is_empty());
    }

    #[test]
    fn ranks_title_and_counts_mentions() {
        let got = extract(&Article {
            title: "Iran warns United States".into(),
            body: "Iran said on Monday. Syria and Yemen were mentioned once. \
                   The United States replied. Iran again."
                .into(),
            ..Article::default()
        });
        let cs: Vec<_> = got.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(cs, ["IR", "US", "SY", "YE"]);
        assert_eq!(got[0].mentions, 3);
        assert_eq!(got[0].source, Provenance::Text);
    }
}
