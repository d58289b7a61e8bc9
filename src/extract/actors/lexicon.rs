//! The word lists actor extraction consults (titles, organisation cue words, known
//! organisations, given names, common words, never-a-name words, words around names),
//! parsed once from `data/actors_*.tsv`.

use std::sync::LazyLock;

use super::packed::PackedWords;
use super::tokens::Token;
use crate::extract::calendar::{MONTHS, WEEKDAYS};
use crate::extract::word_lists::{Map, Set, rows, words_of};

/// How a title word behaves in front of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Title {
    /// Names an office by itself: "President", "Minister", "Mr".
    Head,
    /// Qualifies a head: "Foreign", "Prime", "Vice".
    Modifier,
    /// A lower-case role noun that introduces a person: "spokesman", "coach".
    Lower,
}

/// Where an organisation cue word must stand to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    Anywhere,
    /// Only as the last word ("Co", "Inc", "Air"), since elsewhere it is often ordinary.
    Last,
}

pub struct Lexicon {
    /// Lower-case common words.
    pub common: Set<&'static str>,
    pub given_names: Set<&'static str>,
    pub titles: Map<&'static str, Title>,
    pub cues: Map<&'static str, Cue>,
    /// Known short names as written ("IMF", "Reuters") -> full name if any.
    pub known: Map<&'static str, Option<&'static str>>,
    /// Folded full names of known organisations -> their short name.
    pub known_full: Map<String, &'static str>,
    pub never: Set<&'static str>,
    /// Last words that make a run an event or a competition ("Cup", "Open"), not an actor.
    pub event_tails: Set<&'static str>,
    /// Words that are no actor on their own but may stand inside a name ("Islamic").
    pub alone: Set<&'static str>,
    /// Abbreviations whose period does not end a sentence ("Mr", "Corp").
    pub abbreviations: Set<&'static str>,
    /// Endings that turn a capitalised word into an adjective ("-based").
    pub adjective_tails: Set<&'static str>,
    /// Lower-case words that may join capitalised words into one name.
    pub connectors: Set<&'static str>,
    /// Connectors that separate two names unless a cue holds them together.
    pub splitters: Set<&'static str>,
    /// Articles that open a run without being part of a name.
    pub determiners: Set<&'static str>,
    /// Adjectives of time that open a run ("Former").
    pub time_adjectives: Set<&'static str>,
    /// Verbs between two sides of a match ("beat").
    pub sport_verbs: Set<&'static str>,
    /// Words before the other side of a match ("against"), which make a city or county
    /// after them its team; unlike `sport_verbs` they say nothing of a bare name.
    pub opponent_words: Set<&'static str>,
    /// Place names that are also surnames or given names ("washington"), lower case.
    pub place_person_names: Set<&'static str>,
    /// Verbs that make a bare name before them a speaker ("said").
    pub speech_verbs: Set<&'static str>,
    /// Titles that stay in front of a single name ("King").
    pub styled_titles: Set<&'static str>,
    /// Forms of address, which name no role ("Mr").
    pub honorifics: Set<&'static str>,
    /// Title words that never name an actor on their own ("Shadow").
    pub role_qualifiers: Set<&'static str>,
    /// Word as written -> the hottest lists it is in, so that a token is looked up once.
    pub entries: PackedWords,
    /// Words that name a section of an outlet ("News", "Radio").
    pub outlet_sections: Set<&'static str>,
    /// Lower-case nouns for a kind of organisation ("newspaper", "firm").
    pub org_nouns: Set<&'static str>,
    /// Lower-case nouns for a sports team ("side", "champions").
    pub team_nouns: Set<&'static str>,
    /// Sports whose name opens a wire service's sports headline ("SOCCER - ...").
    pub sport_names: Set<&'static str>,
}

/// A name as a comparison key: lower case, periods and apostrophes dropped, and words
/// (letters, digits, '&') one space apart: "U.S. Steel" -> "us steel".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// `fold` appended to `out`, so that a caller can reuse one buffer.
pub fn fold_into(s: &str, out: &mut String) {
    Folder::default().feed(s, &mut |c| {
        out.push(c);
        true
    });
}

/// The key of a name given as words: `fold` of the words joined by spaces, without the join.
pub fn fold_words(words: &[&str]) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    fold_words_into(words, &mut out);
    out
}

/// `fold_words` appended to `out`, so that a caller can reuse one buffer.
pub fn fold_words_into(words: &[&str], out: &mut String) {
    let mut folder = Folder::default();
    for w in words {
        folder.feed(w, &mut |c| {
            out.push(c);
            true
        });
        // The space between two words ends a word.
        folder.in_word = false;
    }
}

/// Whether `fold(s) == key`, without building the folded string: resolution asks this of
/// every actor for every candidate.
pub fn folds_to(s: &str, key: &str) -> bool {
    let mut rest = key.chars();
    // Stopped at the first difference: most names differ from the key in their first letter.
    Folder::default().feed(s, &mut |c| rest.next() == Some(c)) && rest.next().is_none()
}

/// The state of `fold` between characters, so that a name can be folded in pieces.
#[derive(Default)]
struct Folder {
    /// Whether a character has been given out yet.
    started: bool,
    /// Whether the current word has given out a character yet.
    in_word: bool,
}

impl Folder {
    /// Gives out the folded characters of `s` until `emit` returns false; whether it never did.
    fn feed(&mut self, s: &str, emit: &mut impl FnMut(char) -> bool) -> bool {
        for c in s.chars() {
            match c {
                '.' | '\'' => continue,
                c if c.is_alphanumeric() || c == '&' => {}
                _ => {
                    self.in_word = false;
                    continue;
                }
            }
            if !self.in_word {
                if self.started && !emit(' ') {
                    return false;
                }
                self.in_word = true;
                self.started = true;
            }
            if c.is_ascii() {
                if !emit(c.to_ascii_lowercase()) {
                    return false;
                }
            } else if !c.to_lowercase().all(&mut *emit) {
                return false;
            }
        }
        true
    }
}

pub static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let common = rows(include_str!("../../../data/actors_common.tsv"))
        .filter_map(|r| r.first().copied())
        .collect();
    let given_names = rows(include_str!("../../../data/actors_firstnames.tsv"))
        .filter_map(|r| r.first().copied())
        .collect();
    let titles = rows(include_str!("../../../data/actors_titles.tsv"))
        .filter_map(|r| {
            let class = match r.get(1).copied() {
                Some("head") => Title::Head,
                Some("mod") => Title::Modifier,
                Some("lower") => Title::Lower,
                _ => return None,
            };
            Some((*r.first()?, class))
        })
        .collect();
    let cues = rows(include_str!("../../../data/actors_orgcues.tsv"))
        .filter_map(|r| {
            let pos = if r.get(1).copied() == Some("suffix") {
                Cue::Last
            } else {
                Cue::Anywhere
            };
            Some((*r.first()?, pos))
        })
        .collect();
    let mut known = Map::default();
    let mut known_full = Map::default();
    for r in rows(include_str!("../../../data/actors_acronyms.tsv")) {
        let Some(short) = r.first().copied() else {
            continue;
        };
        let full = r.get(1).copied().filter(|f| !f.is_empty());
        known.insert(short, full);
        if let Some(f) = full {
            known_full.entry(fold(f)).or_insert(short);
        }
    }
    let mut never = Set::default();
    let mut event_tails = Set::default();
    let mut alone = Set::default();
    for r in rows(include_str!("../../../data/actors_stopwords.tsv")) {
        match (r.first().copied(), r.get(1).copied()) {
            (Some(w), Some("event-tail")) => event_tails.insert(w),
            (Some(w), Some("religion" | "group" | "holiday" | "event")) => alone.insert(w),
            (Some(w), _) => never.insert(w),
            _ => false,
        };
    }
    // Month and weekday names are never-a-name words too; they come from `calendar` so that
    // dates, countries and actors all read the same ones.
    for month in &MONTHS {
        never.insert(month.name);
        never.extend(month.abbreviations);
    }
    for day in &WEEKDAYS {
        never.insert(day.name);
        never.extend(day.abbreviations);
    }
    let context = include_str!("../../../data/actors_context.tsv");
    let entries = PackedWords::new(&entries_table(
        &common,
        &given_names,
        &titles,
        &cues,
        &known,
        &never,
    ));
    Lexicon {
        common,
        given_names,
        titles,
        cues,
        known,
        known_full,
        never,
        event_tails,
        alone,
        abbreviations: words_of(context, "abbreviation"),
        adjective_tails: words_of(context, "adjective-tail"),
        connectors: words_of(context, "connector"),
        splitters: words_of(context, "splitter"),
        determiners: words_of(context, "determiner"),
        time_adjectives: words_of(context, "time-adjective"),
        sport_verbs: words_of(context, "sport"),
        opponent_words: words_of(context, "opponent"),
        // Read, not owned: the countries' list of place names that are also people's names.
        place_person_names: rows(include_str!("../../../data/countries_person_names.tsv"))
            .filter_map(|r| r.first().copied())
            .collect(),
        speech_verbs: words_of(context, "speech"),
        styled_titles: words_of(context, "styled"),
        honorifics: words_of(context, "honorific"),
        role_qualifiers: words_of(context, "role-qualifier"),
        entries,
        outlet_sections: words_of(context, "outlet-section"),
        org_nouns: words_of(context, "org-noun"),
        team_nouns: words_of(context, "team-noun"),
        sport_names: words_of(context, "sport-name"),
    }
});

/// The lists a word is in, as bits: the lists asked most often of a capitalised run
/// (common, given name, title, cue, known short name) are read from one table, once per
/// token when it is made, instead of one hash lookup per list per question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entries(u16);

impl Entries {
    /// In the common words once lower-cased (the table keys them in lower case).
    const COMMON: u16 = 1;
    const GIVEN: u16 = 2;
    const TITLE_HEAD: u16 = 4;
    const TITLE_MODIFIER: u16 = 8;
    const TITLE_LOWER: u16 = 16;
    const CUE_ANYWHERE: u16 = 32;
    const CUE_LAST: u16 = 64;
    const KNOWN: u16 = 128;
    /// A never-a-name word (`LEX.never`), asked of every word of every run.
    const NEVER: u16 = 256;

    /// The entries of a word, with each list matched exactly as its own predicate does:
    /// common words lower-cased, the others as written, hyphenated given names and titles
    /// part by part.
    pub fn of(w: &str) -> Entries {
        let written = LEX.entries.get(w).unwrap_or(0);
        let mut bits = written & !Self::COMMON;
        if has_plain_case(w) {
            bits |= written & Self::COMMON;
        } else if is_common(w) {
            bits |= Self::COMMON;
        }
        if split_hyphen(w).is_some() {
            bits &= !(Self::GIVEN | Self::TITLE_HEAD | Self::TITLE_MODIFIER | Self::TITLE_LOWER);
            if is_given(w) {
                bits |= Self::GIVEN;
            }
            bits |= title_of(w).map_or(0, title_bit);
        }
        Entries(bits)
    }

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
    pub fn is_common(self) -> bool {
        self.has(Self::COMMON)
    }
    pub fn is_given(self) -> bool {
        self.has(Self::GIVEN)
    }
    pub fn is_known(self) -> bool {
        self.has(Self::KNOWN)
    }
    pub fn is_never(self) -> bool {
        self.has(Self::NEVER)
    }
    pub fn title(self) -> Option<Title> {
        match self.0 & (Self::TITLE_HEAD | Self::TITLE_MODIFIER | Self::TITLE_LOWER) {
            Self::TITLE_HEAD => Some(Title::Head),
            Self::TITLE_MODIFIER => Some(Title::Modifier),
            Self::TITLE_LOWER => Some(Title::Lower),
            _ => None,
        }
    }
    pub fn cue(self) -> Option<Cue> {
        match self.0 & (Self::CUE_ANYWHERE | Self::CUE_LAST) {
            Self::CUE_ANYWHERE => Some(Cue::Anywhere),
            Self::CUE_LAST => Some(Cue::Last),
            _ => None,
        }
    }
}

/// Whether an ASCII word is in lower case, title case or upper case, the spellings of a
/// common word that the entries table holds.
fn has_plain_case(w: &str) -> bool {
    w.is_ascii()
        && (!w.bytes().skip(1).any(|b| b.is_ascii_uppercase())
            || !w.bytes().any(|b| b.is_ascii_lowercase()))
}

fn title_bit(t: Title) -> u16 {
    match t {
        Title::Head => Entries::TITLE_HEAD,
        Title::Modifier => Entries::TITLE_MODIFIER,
        Title::Lower => Entries::TITLE_LOWER,
    }
}

/// The one table behind `Entries::of`, from the lists as parsed.
fn entries_table(
    common: &Set<&'static str>,
    given_names: &Set<&'static str>,
    titles: &Map<&'static str, Title>,
    cues: &Map<&'static str, Cue>,
    known: &Map<&'static str, Option<&'static str>>,
    never: &Set<&'static str>,
) -> Map<Box<str>, u16> {
    let mut table: Map<Box<str>, u16> = Map::default();
    let mut mark = |w: &str, bit: u16| *table.entry(w.into()).or_default() |= bit;
    // A common word under the three spellings `has_plain_case` covers ("the", "The",
    // "THE"); all are ASCII lower case in the list, and `of` asks `is_common` otherwise.
    for w in common
        .iter()
        .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_uppercase()))
    {
        let mut title = w.to_string();
        title[..1].make_ascii_uppercase();
        mark(w, Entries::COMMON);
        mark(&title, Entries::COMMON);
        mark(&w.to_ascii_uppercase(), Entries::COMMON);
    }
    given_names.iter().for_each(|w| mark(w, Entries::GIVEN));
    titles.iter().for_each(|(w, t)| mark(w, title_bit(*t)));
    for (w, c) in cues {
        mark(
            w,
            if *c == Cue::Last {
                Entries::CUE_LAST
            } else {
                Entries::CUE_ANYWHERE
            },
        );
    }
    known.keys().for_each(|w| mark(w, Entries::KNOWN));
    never.iter().for_each(|w| mark(w, Entries::NEVER));
    table
}

/// Whether a word is common in lower case, so that capitalised it may be no name at all.
pub fn is_common(w: &str) -> bool {
    // Most words are short ASCII: lower-case them on the stack.
    let mut buf = [0u8; 24];
    if w.len() <= buf.len() && w.is_ascii() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        return std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| LEX.common.contains(l));
    }
    LEX.common.contains(w.to_lowercase().as_str())
}

/// Whether a word is a given name, or two joined by a hyphen ("Jean-Pierre").
pub fn is_given(w: &str) -> bool {
    LEX.given_names.contains(w)
        || split_hyphen(w)
            .is_some_and(|(a, b)| LEX.given_names.contains(a) && LEX.given_names.contains(b))
}

pub fn title_of(w: &str) -> Option<Title> {
    if let Some(t) = LEX.titles.get(w) {
        return Some(*t);
    }
    // "Lieutenant-Colonel", "Vice-Chairman": every part a title word.
    let (a, b) = split_hyphen(w)?;
    match (LEX.titles.get(a)?, title_of(b)?) {
        (Title::Lower, _) | (_, Title::Lower) => None,
        (Title::Modifier, Title::Modifier) => Some(Title::Modifier),
        _ => Some(Title::Head),
    }
}

/// A word cut at its first hyphen. Asked of nearly every capitalised word, and a byte
/// search on a short word costs less than the general `split_once`.
fn split_hyphen(w: &str) -> Option<(&str, &str)> {
    let i = w.bytes().position(|b| b == b'-')?;
    Some((&w[..i], &w[i + 1..]))
}

/// Whether a run holds an organisation cue word where that word counts.
pub fn has_cue(run: &[Token]) -> bool {
    let n = run.len();
    run.iter().enumerate().any(|(i, w)| match w.cue() {
        Some(Cue::Anywhere) => true,
        Some(Cue::Last) => i + 1 == n,
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold` as first written, word by word: the one-pass version must agree with it.
    fn fold_by_words(s: &str) -> String {
        let words: Vec<String> = s
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '&'))
            .map(|w| {
                w.chars()
                    .filter(|c| *c != '.' && *c != '\'')
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .filter(|w: &String| !w.is_empty())
            .collect();
        words.join(" ")
    }

    #[test]
    fn fold_keeps_words_and_drops_periods() {
        assert_eq!(fold("U.S. Steel"), "us steel");
        assert_eq!(fold("  AT&T  Corp. "), "at&t corp");
        for name in [
            "McDonald's",
            "a . b",
            "'.'",
            "Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale",
            "\u{130}stanbul \u{3a3}\u{39f}\u{3a3}",
            "Bank of England -- Robin Leigh-Pemberton",
            "",
        ] {
            assert_eq!(fold(name), fold_by_words(name), "{name}");
            assert!(folds_to(name, &fold(name)), "{name}");
            assert!(!folds_to(name, &format!("{} x", fold(name))), "{name}");
        }
        assert!(!folds_to("U.S. Steel", "us stee"));
        assert!(!folds_to("U.S. Steel", "us steels"));
    }

    #[test]
    fn entries_answer_as_the_lists_do() {
        for w in [
            "the",
            "The",
            "THE",
            "tHE",
            "McDonald",
            "Jean-Pierre",
            "John",
            "Lieutenant-Colonel",
            "Vice-Chairman",
            "President",
            "Foreign",
            "spokesman",
            "Corp",
            "Co",
            "Bank",
            "IMF",
            "Reuters",
            "\u{e9}t\u{e9}",
            "\u{c9}tat",
            "Said",
            "Kong-based",
            "3M",
            "January",
            "Monday",
            "",
        ] {
            let e = Entries::of(w);
            assert_eq!(e.is_common(), is_common(w), "{w}");
            assert_eq!(e.is_given(), is_given(w), "{w}");
            assert_eq!(e.title(), title_of(w), "{w}");
            assert_eq!(e.cue(), LEX.cues.get(w).copied(), "{w}");
            assert_eq!(e.is_known(), LEX.known.contains_key(w), "{w}");
            assert_eq!(e.is_never(), LEX.never.contains(w), "{w}");
        }
        // The cases the table must get right for the test above to mean anything.
        assert!(Entries::of("THE").is_common() && !Entries::of("Reuters").is_common());
        assert!(Entries::of("Jean-Pierre").is_given());
        assert_eq!(Entries::of("Vice-Chairman").title(), Some(Title::Head));
        assert!(Entries::of("IMF").is_known());
        assert!(Entries::of("January").is_never() && !Entries::of("Reuters").is_never());
    }

    #[test]
    fn packed_entries_hold_every_word_of_the_lists() {
        let map = entries_table(
            &LEX.common,
            &LEX.given_names,
            &LEX.titles,
            &LEX.cues,
            &LEX.known,
            &LEX.never,
        );
        assert!(map.len() > 1000);
        for (w, bits) in &map {
            assert_eq!(LEX.entries.get(w), Some(*bits), "{w}");
        }
        for w in ["Reuters", "Smith", "Xyzzy", "th", "Internationalisation"] {
            assert_eq!(LEX.entries.get(w), map.get(w).copied(), "{w}");
        }
    }

    #[test]
    fn words_fold_as_their_join() {
        for words in [
            &["U.S.", "Steel"][..],
            &["", "Bank", ""],
            &["'", "AT&T", "Corp."],
            &["Soci\u{e9}t\u{e9}", "G\u{e9}n\u{e9}rale"],
            &[],
        ] {
            assert_eq!(fold_words(words), fold(&words.join(" ")), "{words:?}");
        }
    }
}
