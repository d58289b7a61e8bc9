//! Actors: people and organisations named in an article, each under one canonical name,
//! found by rules over runs of capitalised words, word lists (`data/actors_*.tsv`) and the
//! words around each run; no statistical model.

mod lexicon;

use std::collections::HashMap;

use super::countries;
use super::gazetteer::{GAZETTEER, norm_key};
use super::{ActorKind, ActorMention, Provenance};
use crate::article::Article;
use lexicon::{Cue, LEX, Title, fold};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Lower,
    Title,
    Upper,
    Initial,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    text: &'a str,
    shape: Shape,
    /// The word carried a possessive "'s", which was cut off.
    poss: bool,
}

impl Tok<'_> {
    fn is_cap(&self) -> bool {
        matches!(self.shape, Shape::Title | Shape::Upper | Shape::Initial)
    }
    fn is_punct(&self, p: &str) -> bool {
        self.shape == Shape::Punct && self.text == p
    }
}

/// Abbreviations whose period does not end a sentence.
const ABBREV: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Gen", "Sen", "Rep",
    "Gov", "Lt", "Col", "Capt", "Sgt", "Prof", "Mt", "Ft", "No", "vs", "Bros", "Adm", "Maj", "Cos",
    "Messrs", "Plc",
];

/// Lower-case words that may join capitalised words into one name.
const CONNECT: &[&str] = &[
    "of", "for", "and", "the", "on", "de", "der", "den", "van", "von", "da", "di", "del", "della",
    "du", "la", "le", "al", "bin", "ibn", "y", "des", "dos", "das", "el",
];

/// Connectors that separate two names unless an organisation cue holds them together.
const SPLITTERS: &[&str] = &["of", "for", "and", "the", "on"];

const DETERMINERS: &[&str] = &["The", "A", "An", "THE"];

/// Adjectives of time that open a run without being part of a name: "Former England".
const FORMER: &[&str] = &[
    "Former", "Ex", "Then", "Late", "Acting", "Interim", "Outgoing", "Incoming", "Veteran",
];

/// Verbs after a bare name that make it a speaker, hence likely a person.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "insisted",
    "argued",
    "announced",
    "warned",
    "stressed",
    "noted",
    "denied",
    "urged",
    "asked",
    "replied",
    "declared",
    "wrote",
];

/// Verbs between two sides of a match: a bare name next to one is likely a team.
const SPORT: &[&str] = &[
    "beat", "beats", "drew", "lost", "defeated", "edged", "thrashed", "routed", "v", "vs",
    "overcame", "downed", "trounced", "hammered", "whipped",
];

/// Titles that stay in front of a single name: "King Fahd", "Pope Paul".
const STYLED: &[&str] = &[
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Sheikh",
    "Sheik",
    "Emir",
    "Sultan",
    "Ayatollah",
    "Crown Prince",
];

const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Lady", "Lord"];

/// Words that break a sentence, so the next capitalised word may be capitalised only for that.
const SENTENCE_BREAKS: &[&str] = &[
    ".", "!", "?", ":", ";", "\"", "\u{201c}", "\u{201d}", "-", "\u{2014}", "\u{2013}", "\u{2022}",
    "(", "*", "'", "[",
];

/// Endings that turn a capitalised word into an adjective: "Hong Kong-based".
const ADJ_TAILS: &[&str] = &[
    "based",
    "born",
    "led",
    "backed",
    "owned",
    "run",
    "listed",
    "made",
    "controlled",
    "dominated",
    "held",
    "bound",
    "style",
    "speaking",
    "era",
    "type",
    "linked",
    "sponsored",
    "funded",
    "registered",
    "flagged",
    "bred",
    "raised",
    "educated",
    "trained",
    "occupied",
    "administered",
    "ruled",
    "brokered",
    "allied",
    "affiliated",
    "oriented",
    "centred",
    "centered",
    "level",
    "wide",
    "American",
    "Americans",
];

fn shape_of(t: &str) -> Shape {
    let Some(f) = t.chars().next() else {
        return Shape::Punct;
    };
    if f.is_numeric() {
        return Shape::Number;
    }
    if !f.is_uppercase() {
        return Shape::Lower;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && t.ends_with('.') {
        return Shape::Initial;
    }
    if letters >= 2 && !t.chars().any(char::is_lowercase) {
        return Shape::Upper;
    }
    // "Hong Kong-based", "Brazilian-born": an adjective, not a name.
    if t.rsplit_once('-')
        .is_some_and(|(_, tail)| ADJ_TAILS.contains(&tail))
    {
        return Shape::Lower;
    }
    Shape::Title
}

fn tokenize(line: &str) -> Vec<Tok<'_>> {
    // The char starting at byte `i` and the one after it.
    let two = |i: usize| {
        let mut it = line.get(i..).unwrap_or("").chars();
        (it.next(), it.next())
    };
    let mut out = Vec::with_capacity(line.len() / 5 + 1);
    let mut k = 0;
    while let (Some(c), _) = two(k) {
        let width = c.len_utf8();
        if c.is_whitespace() {
            k += width;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                text: &line[k..k + width],
                shape: Shape::Punct,
                poss: false,
            });
            k += width;
            continue;
        }
        let start = k;
        let mut e = k + width;
        loop {
            match two(e) {
                (Some(c), _) if c.is_alphanumeric() => e += c.len_utf8(),
                // "1,234" and "3.5" are one number, so tables don't read as score lines.
                (Some(',' | '.'), Some(n))
                    if n.is_ascii_digit() && line.as_bytes()[e - 1].is_ascii_digit() =>
                {
                    e += 2;
                }
                (Some(c), Some(n))
                    if matches!(c, '.' | '\'' | '\u{2019}' | '-' | '&') && n.is_alphanumeric() =>
                {
                    e += c.len_utf8() + n.len_utf8();
                }
                _ => break,
            }
        }
        let mut text = &line[start..e];
        let mut poss = false;
        for suffix in ["'s", "\u{2019}s", "'S"] {
            if let Some(t) = text.strip_suffix(suffix) {
                if !t.is_empty() {
                    text = t;
                    poss = true;
                }
                break;
            }
        }
        let mut next = e;
        if !poss && line[e..].starts_with('.') {
            let single = text.chars().count() == 1 && text.chars().all(char::is_uppercase);
            if single || text.contains('.') {
                text = &line[start..e + 1];
                next = e + 1;
            } else if ABBREV.contains(&text) {
                next = e + 1;
            }
        }
        out.push(Tok {
            text,
            shape: shape_of(text),
            poss,
        });
        k = next;
    }
    out
}

fn is_common(w: &str) -> bool {
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

fn is_given(w: &str) -> bool {
    LEX.given_names.contains(w)
        || w.split_once('-')
            .is_some_and(|(a, b)| LEX.given_names.contains(a) && LEX.given_names.contains(b))
}

fn title_of(w: &str) -> Option<Title> {
    if let Some(t) = LEX.titles.get(w) {
        return Some(*t);
    }
    // "Lieutenant-Colonel", "Vice-Chairman": every part a title word.
    let (a, b) = w.split_once('-')?;
    match (LEX.titles.get(a)?, title_of(b)?) {
        (Title::Lower, _) | (_, Title::Lower) => None,
        (Title::Modifier, Title::Modifier) => Some(Title::Modifier),
        _ => Some(Title::Head),
    }
}

fn join(ws: &[Tok]) -> String {
    let mut s = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w.text);
    }
    s
}

fn place_code(name: &str) -> Option<&'static str> {
    // `lookup` first: it fails fast for most runs, and `is_place` only refines a hit.
    let c = countries::lookup(name)?;
    countries::is_place(name).then_some(c.code)
}

/// Whether the place is a country itself (a national team in a score line), not a city.
fn is_country_level(name: &str) -> bool {
    GAZETTEER
        .by_key
        .get(&norm_key(name))
        .is_some_and(|e| e.kind.names_country())
}

fn has_cue(ws: &[Tok]) -> bool {
    let n = ws.len();
    ws.iter()
        .enumerate()
        .any(|(i, w)| match LEX.cues.get(w.text) {
            Some(Cue::Anywhere) => true,
            Some(Cue::Last) => i + 1 == n,
            None => false,
        })
}

/// How strongly the text supports a candidate.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Ev {
    /// Only a capitalised run in a heading; kept only if it matches a better-supported actor.
    Weak,
    /// A bare word with no support of its own; kept only if it merges into another actor.
    Bare,
    Guess,
    Firm,
}

#[derive(Clone, Debug)]
struct Cand {
    name: Vec<String>,
    /// `None` for a bare word that can belong to a person or an organisation.
    kind: Option<ActorKind>,
    ev: Ev,
    role: Option<String>,
    country: Option<&'static str>,
    alias: Option<String>,
    pos: usize,
    /// For a bare word, the kind its context suggests, used if it merges into no other actor
    /// (a speaker is a person; a name in a score line is a team).
    lean: Option<ActorKind>,
}

/// What a capitalised run turned out to be, for the run after it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    Nothing,
    Place(&'static str),
    Actor(usize),
}

#[derive(Clone, Copy, Default)]
struct Ctx<'a> {
    prev: Option<Tok<'a>>,
    next: Option<Tok<'a>>,
    initial: bool,
    weak: bool,
    score_line: bool,
    bracket: bool,
    affil: Option<&'static str>,
}

struct Doc {
    cands: Vec<Cand>,
    pos: usize,
}

impl Doc {
    fn push(&mut self, ws: &[Tok], kind: Option<ActorKind>, ev: Ev, cx: &Ctx) -> Outcome {
        self.pos += 1;
        self.cands.push(Cand {
            name: ws.iter().map(|w| w.text.to_string()).collect(),
            kind,
            // In a heading only firm evidence counts (a given name, a cue word, a known name).
            ev: if cx.weak && ev < Ev::Firm {
                Ev::Weak
            } else {
                ev
            },
            role: None,
            country: cx.affil,
            alias: None,
            pos: self.pos,
            lean: None,
        });
        Outcome::Actor(self.cands.len() - 1)
    }

    /// Reads one run of capitalised words.
    /// Analyses the words left and right of the joining word at `i` ("and", "of") as two
    /// runs, each seeing the joining word as its neighbour.
    fn split_at(&mut self, ws: &[Tok], i: usize, cx: Ctx) -> Outcome {
        let left = Ctx {
            next: Some(ws[i]),
            ..cx
        };
        self.analyze(&ws[..i], &left);
        let right = Ctx {
            initial: false,
            prev: Some(ws[i]),
            affil: None,
            ..cx
        };
        self.analyze(&ws[i + 1..], &right)
    }

    fn analyze(&mut self, ws: &[Tok], cx: &Ctx) -> Outcome {
        // Months, weekdays and other never-a-name words cut a run in two.
        if let Some(i) = ws.iter().position(|w| LEX.never.contains(w.text)) {
            let mut left = *cx;
            left.next = Some(ws[i]);
            self.analyze(&ws[..i], &left);
            let right = Ctx {
                initial: false,
                prev: Some(ws[i]),
                affil: None,
                ..*cx
            };
            return self.analyze(&ws[i + 1..], &right);
        }
        let mut ws = ws;
        let mut cx = *cx;
        while let Some(first) = ws.first() {
            let drop = DETERMINERS.contains(&first.text)
                || (FORMER.contains(&first.text)
                    && ws
                        .get(1)
                        .is_some_and(|n| title_of(n.text) != Some(Title::Head)))
                || (cx.initial
                    && first.shape != Shape::Upper
                    && is_common(first.text)
                    && !is_given(first.text)
                    && title_of(first.text).is_none()
                    && !LEX.known.contains_key(first.text)
                    && !LEX.cues.contains_key(first.text));
            if !drop {
                break;
            }
            cx.prev = Some(*first);
            ws = &ws[1..];
            cx.initial = false;
        }
        // Connectors never open or close a name.
        while ws.last().is_some_and(|w| w.shape == Shape::Lower) {
            ws = &ws[..ws.len() - 1];
        }
        while ws.first().is_some_and(|w| w.shape == Shape::Lower) {
            ws = &ws[1..];
        }
        if ws.is_empty() {
            return Outcome::Nothing;
        }
        let whole = join(ws);
        if ws.len() <= 4
            && let Some(code) = place_code(&whole)
        {
            let sporting = |t: Option<Tok>| {
                t.is_some_and(|t| {
                    t.shape == Shape::Lower
                        && (SPORT.contains(&t.text) || title_of(t.text) == Some(Title::Lower))
                })
            };
            // A city or county in a score line or next to "beat" or "captain" is its team;
            // a country stays a place (national sides are read as the country).
            let team = cx.score_line
                || sporting(cx.next)
                || sporting(cx.prev) && cx.prev.is_some_and(|t| SPORT.contains(&t.text));
            if team && !is_country_level(&whole) && !cx.weak {
                return self.push(ws, Some(ActorKind::Organization), Ev::Guess, &cx);
            }
            return Outcome::Place(code);
        }
        if LEX.known.contains_key(whole.as_str())
            || ws.len() >= 2 && LEX.known_full.contains_key(&fold(&whole))
        {
            return self.push(ws, Some(ActorKind::Organization), Ev::Firm, &cx);
        }
        if ws.len() >= 2 && ws.last().is_some_and(|w| LEX.event_tails.contains(w.text)) {
            // "World Cup", "British Open", "German Grand Prix": events, not actors.
            return Outcome::Nothing;
        }
        if ws.len() == 1 && LEX.alone.contains(ws[0].text) {
            // "Kurds", "Moslem": a people or a faith, though it may open a name.
            return Outcome::Nothing;
        }
        if let Some(out) = self.titled(ws, &cx) {
            return out;
        }
        // "Bank of England Robin Leigh-Pemberton": a given name inside a run opens a new name.
        if let Some(g) = (1..ws.len().saturating_sub(1)).find(|&g| {
            is_given(ws[g].text)
                && !is_given(ws[g - 1].text)
                && ws[g - 1].shape != Shape::Initial
                && ws[g - 1].shape != Shape::Lower
                && title_of(ws[g - 1].text) != Some(Title::Head)
                && (has_cue(&ws[..g])
                    || g == 1 && cx.initial
                    || place_code(&join(&ws[..g])).is_some())
        }) {
            let left = Ctx {
                next: Some(ws[g]),
                ..cx
            };
            let out = self.analyze(&ws[..g], &left);
            let mut right = Ctx {
                initial: false,
                prev: Some(ws[g - 1]),
                ..cx
            };
            if let Outcome::Place(code) = out {
                right.affil = right.affil.or(Some(code).filter(|c| !c.is_empty()));
            }
            return self.analyze(&ws[g..], &right);
        }
        if let Some(i) = ws.iter().position(|w| w.text == "and")
            && !keeps_and(ws, i)
        {
            return self.split_at(ws, i, cx);
        }
        // "Lynn Reaser of Barnett Banks Inc": a person of an organisation.
        if let Some(i) = ws.iter().position(|w| w.text == "of")
            && i > 0
            && !has_cue(&ws[..i])
            && has_cue(&ws[i + 1..])
        {
            return self.split_at(ws, i, cx);
        }
        if ws.len() >= 2 && has_cue(ws) {
            cx.affil = cx.affil.or_else(|| leading_place(ws).map(|(_, c)| c));
            return self.push(ws, Some(ActorKind::Organization), Ev::Firm, &cx);
        }
        if let Some(i) = ws
            .iter()
            .position(|w| w.shape == Shape::Lower && SPLITTERS.contains(&w.text))
        {
            return self.split_at(ws, i, cx);
        }
        self.plain(ws, &cx)
    }

    /// "President Masoud Pezeshkian", "Iranian Foreign Minister X", "World Bank President Y".
    fn titled(&mut self, ws: &[Tok], cx: &Ctx) -> Option<Outcome> {
        let h = ws
            .iter()
            .position(|w| title_of(w.text) == Some(Title::Head))?;
        let mut k = h;
        while k > 0 && title_of(ws[k - 1].text) == Some(Title::Modifier) {
            k -= 1;
        }
        let mut j = h + 1;
        while j < ws.len() && matches!(title_of(ws[j].text), Some(Title::Head | Title::Modifier)) {
            j += 1;
        }
        let mut name = &ws[j..];
        let governs = ws[k..j].last().is_some_and(|w| w.shape == Shape::Lower);
        if !name.is_empty() && has_cue(name) && !governs && k == h && h == 0 {
            // "General Motors Corp": the title word is part of the name.
            return None;
        }
        if !name.is_empty() && !governs && is_common(name[0].text) && !is_given(name[0].text) {
            if name.len() > 1 {
                return None;
            }
            // "President Authorizes", "Secretary Baker": only a surname already known.
            let mut bare = *cx;
            bare.affil = None;
            if !cx.weak {
                self.push(name, None, Ev::Bare, &bare);
            }
            return Some(Outcome::Nothing);
        }
        let mut cx = *cx;
        if k > 0 {
            let before = Ctx {
                next: Some(ws[k]),
                affil: None,
                ..cx
            };
            if let Outcome::Place(code) = self.analyze(&ws[..k], &before) {
                cx.affil = cx.affil.or(Some(code).filter(|c| !c.is_empty()));
            }
        }
        if governs || has_cue(name) {
            // "Governor of the Bank of England": the office of an organisation, no person.
            let rest = Ctx {
                initial: false,
                prev: ws.get(j.wrapping_sub(1)).copied(),
                affil: None,
                ..cx
            };
            if !name.is_empty() {
                self.analyze(name, &rest);
            }
            return Some(Outcome::Nothing);
        }
        // "King Fahd of Saudi Arabia": the name stops at the first connector.
        if let Some(c) = name
            .iter()
            .position(|w| w.shape == Shape::Lower && SPLITTERS.contains(&w.text))
        {
            let rest = Ctx {
                initial: false,
                prev: Some(name[c]),
                affil: None,
                ..cx
            };
            self.analyze(&name[c + 1..], &rest);
            name = &name[..c];
        }
        if name.is_empty() {
            return Some(Outcome::Nothing);
        }
        if name.iter().any(|w| w.shape == Shape::Upper) && name.len() == 1 {
            return Some(Outcome::Nothing);
        }
        let mut role_ws = &ws[k..j];
        while role_ws
            .last()
            .is_some_and(|w| w.shape == Shape::Lower || w.text == "State" && role_ws.len() == 1)
        {
            role_ws = &role_ws[..role_ws.len() - 1];
        }
        let role = join(role_ws);
        // A title in a heading is no proof: "President Authorizes Dialogue".
        let ev = if is_given(name[0].text) || !cx.weak {
            Ev::Firm
        } else {
            Ev::Weak
        };
        let out = self.push(name, Some(ActorKind::Person), ev, &cx);
        if let Outcome::Actor(i) = out
            && !HONORIFICS.contains(&role.as_str())
            && !role.is_empty()
        {
            if name.len() == 1 && STYLED.contains(&role.as_str()) {
                // Royals and clerics are known by title and name: "King Fahd".
                self.cands[i].name.insert(0, role.clone());
            }
            self.cands[i].role = Some(role);
        }
        Some(out)
    }

    /// A run with no title, cue or connector in it.
    fn plain(&mut self, ws: &[Tok], cx: &Ctx) -> Outcome {
        let prev_role = cx
            .prev
            .filter(|t| t.shape == Shape::Lower && title_of(t.text) == Some(Title::Lower))
            .map(|t| t.text.to_string());
        let next_role = cx
            .next
            .is_some_and(|t| t.shape == Shape::Lower && title_of(t.text) == Some(Title::Lower));
        let person = |d: &mut Doc, ws: &[Tok], ev: Ev, cx: &Ctx| {
            let out = d.push(ws, Some(ActorKind::Person), ev, cx);
            if let (Outcome::Actor(i), Some(r)) = (out, &prev_role) {
                d.cands[i].role = Some(r.clone());
            }
            out
        };
        let org = Some(ActorKind::Organization);
        if ws.len() == 1 {
            let w = ws[0];
            if w.shape == Shape::Initial
                || LEX.cues.contains_key(w.text)
                || LEX.alone.contains(w.text)
            {
                return Outcome::Nothing;
            }
            if cx.bracket {
                // "<CPML>": a stock ticker, not a name.
                return Outcome::Nothing;
            }
            if w.shape == Shape::Upper
                && cx.prev.is_none()
                && cx.next.is_some_and(|t| t.shape == Shape::Punct)
            {
                // "TAUPO, New Zealand, March 20 -": a dateline place.
                return Outcome::Nothing;
            }
            if w.shape == Shape::Upper {
                let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
                if letters <= 6 && !is_common(w.text) {
                    return self.push(ws, org, Ev::Guess, cx);
                }
                return Outcome::Nothing;
            }
            if prev_role.is_some() {
                return person(self, ws, Ev::Guess, cx);
            }
            let speaker = cx
                .next
                .is_some_and(|t| t.shape == Shape::Lower && SPEECH.contains(&t.text));
            let sport = |t: Option<Tok>| {
                t.is_some_and(|t| t.shape == Shape::Lower && SPORT.contains(&t.text))
            };
            let adjective = ["ish", "ian", "ese", "an", "ch", "i"]
                .iter()
                .any(|s| w.text.ends_with(s));
            let lean = if cx.score_line
                || next_role && !adjective
                || sport(cx.prev) && !adjective
                || sport(cx.next) && !adjective
            {
                org
            } else if speaker {
                Some(ActorKind::Person)
            } else {
                None
            };
            let out = self.push(ws, None, Ev::Bare, cx);
            if let Outcome::Actor(i) = out {
                self.cands[i].lean = lean;
            }
            return out;
        }
        if cx.bracket {
            return self.push(ws, org, Ev::Firm, cx);
        }
        let person_like = |ws: &[Tok]| {
            ws.first().is_some_and(|w| {
                is_given(w.text)
                    || w.shape == Shape::Initial && place_code(&join(&ws[1..])).is_none()
            })
        };
        if ws.len() >= 2 && is_given(ws[0].text) && !is_country_level(ws[0].text) {
            return person(self, ws, Ev::Firm, cx);
        }
        // "Georgia Miller", "Chad Ortiz": a country that is also a given name, then one
        // surname-like word that is no place and no common word.
        if let [first, last] = ws
            && countries::doubles_as_given_name(first.text)
            && last.shape == Shape::Title
            && !is_common(last.text)
            && place_code(last.text).is_none()
            && !has_cue(ws)
        {
            return person(self, ws, Ev::Guess, cx);
        }
        if let Some((p, code)) = leading_place(ws) {
            let rest = &ws[p..];
            let mut cx = *cx;
            cx.affil = cx.affil.or(Some(code).filter(|c| !c.is_empty()));
            if person_like(rest) {
                return person(self, rest, Ev::Firm, &cx);
            }
            if rest.iter().all(|w| is_common(w.text)) {
                return Outcome::Nothing;
            }
            let city = !is_country_level(&join(&ws[..p]));
            if city
                && rest
                    .iter()
                    .all(|w| w.shape == Shape::Title && place_code(w.text).is_none())
            {
                // "Boston Red Sox", "Tehran Times": a club or paper named after its city.
                return self.push(ws, org, Ev::Guess, &cx);
            }
            return self.plain(rest, &cx);
        }
        if person_like(ws) {
            return person(self, ws, Ev::Firm, cx);
        }
        if ws.iter().all(|w| w.shape == Shape::Upper) {
            return self.push(ws, org, Ev::Guess, cx);
        }
        if cx.score_line {
            return self.push(ws, org, Ev::Guess, cx);
        }
        if ws.len() >= 2
            && place_code(ws[ws.len() - 1].text).is_some()
            && ws[..ws.len() - 1]
                .iter()
                .all(|w| !is_common(w.text) && title_of(w.text).is_none())
        {
            // "Bayern Munich", "Inter Milan": a club named after its city.
            return self.push(ws, org, Ev::Guess, cx);
        }
        let namey = ws.iter().all(|w| {
            !is_common(w.text) || w.shape == Shape::Lower || is_given(w.text) || w.text.len() <= 2
        });
        if prev_role.is_some() && ws.len() <= 3 {
            return person(self, ws, Ev::Guess, cx);
        }
        if next_role && ws.len() <= 3 {
            return self.push(ws, org, Ev::Guess, cx);
        }
        if namey && ws.len() <= 4 {
            return person(self, ws, Ev::Guess, cx);
        }
        if cx.weak {
            // Kept only so that a known actor's name inside it counts as a mention.
            self.push(ws, None, Ev::Weak, cx);
        }
        Outcome::Nothing
    }
}

/// Whether "and" at `i` belongs inside one organisation's name: "Securities and Exchange
/// Commission", "Bank for Reconstruction and Development", not "Essex and Derbyshire".
fn keeps_and(ws: &[Tok], i: usize) -> bool {
    let (before, after) = (&ws[..i], &ws[i + 1..]);
    let ends_in_cue = before.last().is_some_and(|w| LEX.cues.contains_key(w.text));
    let short = after.len() <= 2 || before.len() == 1;
    (has_cue(after) && !ends_in_cue && short)
        || (after.len() == 1 && has_cue(before) && !ends_in_cue)
}

/// The longest run of leading words (up to three, leaving one) that names a place.
fn leading_place(ws: &[Tok]) -> Option<(usize, &'static str)> {
    (1..=ws.len().saturating_sub(1).min(3))
        .rev()
        .find_map(|p| place_code(&join(&ws[..p])).map(|c| (p, c)))
}

/// A line is a heading when every word that is not a small function word is capitalised.
fn is_heading(toks: &[Tok]) -> bool {
    let words: Vec<&Tok> = toks
        .iter()
        .filter(|t| !matches!(t.shape, Shape::Punct | Shape::Number))
        .collect();
    if words.len() < 2 || words.len() > 16 || toks.iter().any(|t| t.shape == Shape::Number) {
        return false;
    }
    if toks
        .last()
        .is_some_and(|t| t.shape == Shape::Punct && matches!(t.text, "." | "?" | "!" | ":" | ","))
    {
        return false;
    }
    words.iter().all(|w| {
        w.is_cap()
            || matches!(
                w.text,
                "of" | "and"
                    | "the"
                    | "for"
                    | "with"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "a"
                    | "an"
                    | "by"
                    | "from"
                    | "amid"
                    | "under"
                    | "over"
                    | "vs"
                    | "or"
                    | "as"
                    | "into"
            )
    })
}

/// Whether the connector at `j` links the capitalised word before it to one after it:
/// "Bank of England", "Organisation of the Islamic Conference", but "the" only after "of".
fn joins(toks: &[Tok], j: usize) -> bool {
    let next_cap = |k: usize| toks.get(k).is_some_and(Tok::is_cap);
    match toks[j].text {
        "the" => j > 0 && matches!(toks[j - 1].text, "of" | "for") && next_cap(j + 1),
        "of" | "for" => {
            next_cap(j + 1) || toks.get(j + 1).is_some_and(|t| t.text == "the") && next_cap(j + 2)
        }
        _ => next_cap(j + 1),
    }
}

/// A possessive inside a company name: "Standard and Poor's Corp", "McDonald's Corp".
fn poss_continues(toks: &[Tok], i: usize) -> bool {
    toks.get(i + 1)
        .is_some_and(|n| n.is_cap() && LEX.cues.get(n.text) == Some(&Cue::Last))
}

fn is_integer(t: &Tok) -> bool {
    t.shape == Shape::Number && t.text.bytes().all(|b| b.is_ascii_digit())
}

/// The longest run of capitalised words (with their connectors) read as one candidate.
/// Real names have at most about eight words ("International Bank for Reconstruction
/// and Development"), wire tables somewhat longer runs; a run is cut here because
/// analysing one grows with the square of its length, and 64 KB of "President Macron of
/// France" took 2.6 s (1 MB now takes 0.3 s).
const MAX_RUN_TOKENS: usize = 24;

fn scan_line(doc: &mut Doc, line: &str, is_title: bool) {
    let toks = tokenize(line);
    if toks.is_empty() {
        return;
    }
    let caps =
        !line.chars().any(char::is_lowercase) && toks.iter().any(|t| t.shape == Shape::Upper);
    if caps {
        scan_caps(doc, &toks);
        return;
    }
    let heading = is_title || is_heading(&toks);
    let integers = toks.iter().filter(|t| is_integer(t)).count();
    let mut i = 0;
    let mut last = (Outcome::Nothing, usize::MAX, false);
    while i < toks.len() {
        if !toks[i].is_cap() {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        if !toks[i].poss || poss_continues(&toks, i) {
            while j < toks.len() && j - start < MAX_RUN_TOKENS {
                let t = toks[j];
                if t.is_cap() {
                    j += 1;
                    if t.poss && !poss_continues(&toks, j - 1) {
                        break;
                    }
                } else if (t.shape == Shape::Lower && CONNECT.contains(&t.text) || t.is_punct("&"))
                    && joins(&toks, j)
                {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let prev = start.checked_sub(1).map(|p| toks[p]);
        let next = toks.get(j).copied();
        let initial =
            prev.is_none_or(|p| p.shape == Shape::Punct && SENTENCE_BREAKS.contains(&p.text));
        let mut affil = None;
        if last.1 == start
            && last.2
            && let Outcome::Place(code) = last.0
            && !code.is_empty()
        {
            affil = Some(code);
        }
        let bracket =
            prev.is_some_and(|p| p.is_punct("<")) && next.is_some_and(|n| n.is_punct(">"));
        let cx = Ctx {
            prev,
            next,
            initial,
            weak: heading,
            score_line: integers >= 2 && next.is_some_and(|n| is_integer(&n)),
            bracket,
            affil,
        };
        let ws = &toks[start..j];
        // "(JCPOA)" right after a run: the acronym of that run, whatever it was.
        let defines = j - start == 1
            && ws[0].shape == Shape::Upper
            && prev.is_some_and(|p| p.is_punct("("))
            && next.is_some_and(|n| n.is_punct(")"))
            && last.1 == start.saturating_sub(1)
            && !LEX.known.contains_key(ws[0].text);
        let out = if defines {
            if let Outcome::Actor(a) = last.0
                && doc.cands[a].kind == Some(ActorKind::Organization)
            {
                doc.cands[a].alias = Some(ws[0].text.to_string());
            }
            Outcome::Nothing
        } else {
            doc.analyze(ws, &cx)
        };
        last = (out, j, toks[j - 1].poss);
        i = j;
    }
}

/// An all-capitals line (headline, dateline): its words are compared with the actors the
/// prose names, and only known short names count on their own.
fn scan_caps(doc: &mut Doc, toks: &[Tok]) {
    let integers = toks.iter().filter(|t| is_integer(t)).count();
    let mut i = 0;
    while i < toks.len() {
        let usable = |t: &Tok| {
            t.shape == Shape::Upper && (!is_common(t.text) || LEX.known.contains_key(t.text))
        };
        if !usable(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && j - i < MAX_RUN_TOKENS && usable(&toks[j]) && !toks[j - 1].poss {
            j += 1;
        }
        let ws = &toks[i..j];
        let bracket =
            i > 0 && toks[i - 1].is_punct("<") && toks.get(j).is_some_and(|t| t.is_punct(">"));
        if bracket && ws.len() == 1 {
            // "<CPML>": a stock ticker, not a name.
            i = j;
            continue;
        }
        let cx = Ctx {
            weak: !bracket,
            ..Ctx::default()
        };
        for w in ws {
            if LEX.known.contains_key(w.text) {
                doc.push(
                    std::slice::from_ref(w),
                    Some(ActorKind::Organization),
                    Ev::Firm,
                    &Ctx::default(),
                );
            }
        }
        let whole = join(ws);
        if integers >= 2 && toks.get(j).is_some_and(is_integer) && !is_country_level(&whole) {
            // A standings or results table: "NEW YORK 72 59".
            doc.push(
                ws,
                Some(ActorKind::Organization),
                Ev::Guess,
                &Ctx::default(),
            );
        } else if !(ws.len() == 1 && LEX.known.contains_key(ws[0].text))
            && place_code(&whole).is_none()
        {
            let kind = bracket.then_some(ActorKind::Organization);
            doc.push(ws, kind, if bracket { Ev::Firm } else { Ev::Weak }, &cx);
        }
        i = j;
    }
}

struct Actor {
    name: Vec<String>,
    key: String,
    kind: ActorKind,
    ev: Ev,
    mentions: u32,
    role: Option<String>,
    country: Option<&'static str>,
    alias: Option<String>,
    first: usize,
}

impl Actor {
    fn absorb(&mut self, c: &Cand) {
        self.mentions += 1;
        self.first = self.first.min(c.pos);
        self.ev = self.ev.max(c.ev);
        if self.role.is_none() {
            self.role.clone_from(&c.role);
        }
        if self.country.is_none() {
            self.country = c.country;
        }
        if self.alias.is_none() {
            self.alias.clone_from(&c.alias);
        }
        // "IAEA" merged into "International Atomic Energy Agency" becomes its alias.
        if self.alias.is_none()
            && self.kind == ActorKind::Organization
            && c.name.len() == 1
            && self.name.len() > 1
            && c.name[0]
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .all(char::is_uppercase)
        {
            self.alias = Some(c.name[0].clone());
        }
    }
}

fn initials(name: &[String], skip_connectors: bool) -> String {
    name.iter()
        .filter(|w| !(skip_connectors && CONNECT.contains(&w.as_str())))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

fn resolve(cands: Vec<Cand>) -> Vec<ActorMention> {
    let mut actors: Vec<Actor> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // Longer names first, so that short mentions can find the full name they abbreviate.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(cands[i].name.len()), cands[i].pos));
    let mut pending = Vec::new();
    for i in order {
        let c = &cands[i];
        let key = fold(&c.name.join(" "));
        if key.is_empty() {
            continue;
        }
        if let Some(&a) = by_key.get(&key) {
            actors[a].absorb(c);
            if let Some(k) = c.kind
                && c.ev > actors[a].ev
            {
                actors[a].kind = k;
            }
            continue;
        }
        if let Some(a) = find_partner(&actors, c, &key) {
            actors[a].absorb(c);
            continue;
        }
        match c.kind {
            Some(kind) if c.ev >= Ev::Guess => {
                by_key.insert(key.clone(), actors.len());
                let mut a = Actor {
                    name: c.name.clone(),
                    key,
                    kind,
                    ev: c.ev,
                    mentions: 0,
                    role: None,
                    country: None,
                    alias: None,
                    first: c.pos,
                };
                a.absorb(c);
                if a.kind == ActorKind::Organization
                    && let Some(short) = LEX.known_full.get(&a.key)
                {
                    a.alias = a.alias.or(Some(short.to_string()));
                }
                actors.push(a);
            }
            _ => pending.push(i),
        }
    }
    // Bare words and heading words that matched nothing when first seen: a second chance,
    // now that every supported actor is known; a bare speaker stands on its own as a person.
    for i in pending {
        let c = &cands[i];
        let key = fold(&c.name.join(" "));
        if let Some(a) = by_key
            .get(&key)
            .copied()
            .or_else(|| find_partner(&actors, c, &key))
        {
            actors[a].absorb(c);
        } else if let (Some(kind), Ev::Bare) = (c.lean, c.ev) {
            by_key.insert(key.clone(), actors.len());
            let mut a = Actor {
                name: c.name.clone(),
                key,
                kind,
                ev: Ev::Guess,
                mentions: 0,
                role: None,
                country: None,
                alias: None,
                first: c.pos,
            };
            a.absorb(c);
            actors.push(a);
        } else if c.ev == Ev::Weak && c.name.len() > 1 {
            // "Zelensky Calls for Support": a heading word that names a known actor still
            // counts as a mention of it.
            for w in &c.name {
                if w.len() < 3 || is_common(w) {
                    continue;
                }
                let wk = fold(w);
                let hit = actors.iter().position(|a| {
                    a.key == wk
                        || a.alias.as_deref().is_some_and(|al| fold(al) == wk)
                        || a.kind == ActorKind::Person
                            && a.key.rsplit(' ').next() == Some(wk.as_str())
                });
                if let Some(a) = hit {
                    actors[a].mentions += 1;
                    actors[a].first = actors[a].first.min(c.pos);
                    break;
                }
            }
        }
    }
    actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.first.cmp(&b.first)));
    actors
        .into_iter()
        .map(|a| ActorMention {
            name: a.name.join(" "),
            kind: a.kind,
            mentions: a.mentions,
            role: a.role,
            country: a.country.map(str::to_string),
            alias: a.alias,
            source: Provenance::Text,
        })
        .collect()
}

/// The actor a short or partial mention stands for: a surname, an acronym, a short form of
/// a company name.
fn find_partner(actors: &[Actor], c: &Cand, key: &str) -> Option<usize> {
    let words: Vec<&str> = key.split(' ').collect();
    let written = c.name.join(" ");
    let known = LEX.known.get(written.as_str()).copied();
    let known_full = known.flatten().map(fold);
    let acronym_shape = words.len() == 1
        && c.name.first().is_some_and(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        });
    let matches = |a: &Actor| {
        if a.alias.as_deref().is_some_and(|al| fold(al) == key) {
            return true;
        }
        let aw = a.key.split(' ');
        if aw.clone().count() <= words.len() {
            return false;
        }
        match a.kind {
            ActorKind::Person => {
                c.kind != Some(ActorKind::Organization)
                    && (words.len() == 1 && a.key.rsplit(' ').next() == words.last().copied()
                        || words.len() >= 2
                            && a.key.ends_with(key)
                            && a.key.len() > key.len()
                            && a.key.as_bytes()[a.key.len() - key.len() - 1] == b' ')
            }
            ActorKind::Organization => {
                let acronym = acronym_shape
                    && (initials(&a.name, true) == words[0]
                        || initials(&a.name, false) == words[0]);
                let acronym = acronym || known_full.as_deref() == Some(a.key.as_str());
                c.kind != Some(ActorKind::Person)
                    && (acronym
                        || known.is_none()
                            && a.key.starts_with(key)
                            && a.key.as_bytes().get(key.len()) == Some(&b' '))
            }
        }
    };
    // A bare word names a person by surname first; failing that, the distinctive word of a
    // company ("Dynamics" for "General Dynamics Corp").
    actors.iter().position(matches).or_else(|| {
        if c.kind.is_some() || words.len() != 1 || is_common(&c.name[0]) {
            return None;
        }
        actors.iter().position(|a| {
            a.kind == ActorKind::Organization
                && a.name.len() > 1
                && a.name.iter().any(|w| {
                    fold(w) == key
                        && !LEX.cues.contains_key(w.as_str())
                        && !CONNECT.contains(&w.as_str())
                })
        })
    })
}

pub fn extract(article: &Article) -> Vec<ActorMention> {
    let mut doc = Doc {
        cands: Vec::new(),
        pos: 0,
    };
    scan_line(&mut doc, &article.title, true);
    if let Some(sub) = &article.subtitle {
        scan_line(&mut doc, sub, true);
    }
    for line in article.body.lines() {
        scan_line(&mut doc, line, false);
    }
    let mut actors = resolve(doc.cands);
    // A qualifier alone ("Shadow" in "Shadow chancellor Oliver Letwin") is part of a role.
    actors.retain(|a| !ROLE_QUALIFIERS.contains(&a.name.as_str()));
    merge_outlet_sections(&mut actors);
    if let Some(publisher) = &article.source {
        // The site's own name on its pages is a credit line, not an actor of the story.
        let own = fold(publisher);
        actors.retain(|a| fold(&a.name) != own);
    }
    actors
}

/// Title words that only ever qualify a role and never name an actor on their own; other
/// title words may ("Treasury", "Fed", "Labour").
const ROLE_QUALIFIERS: &[&str] = &[
    "Acting",
    "Former",
    "Interim",
    "Shadow",
    "Deputy",
    "Vice",
    "Senior",
    "Junior",
    "Assistant",
    "Associate",
    "Outgoing",
    "Incoming",
    "Chief",
];

/// Words that name a section of an outlet ("BBC News", "BBC Radio", "CNN International").
const OUTLET_SECTIONS: &[&str] = &[
    "News",
    "Radio",
    "Sport",
    "Sports",
    "World",
    "Online",
    "Television",
    "TV",
    "Business",
    "Politics",
    "Digital",
    "International",
    "One",
    "Two",
    "Three",
    "Four",
    "America",
    "Arabic",
    "Persian",
];

/// Rolls an outlet's sections up into the outlet: "BBC News" and "BBC Radio" become
/// "BBC", with their mentions, when the outlet is an acronym or is named on its own too.
/// The first section seen stays as the alias, so the record still shows it.
fn merge_outlet_sections(actors: &mut Vec<ActorMention>) {
    let mut i = 0;
    while i < actors.len() {
        let Some((outlet, section)) = actors[i].name.rsplit_once(' ') else {
            i += 1;
            continue;
        };
        let is_acronym = outlet.len() >= 2 && outlet.chars().all(|c| c.is_ascii_uppercase());
        if actors[i].kind != ActorKind::Organization
            || !OUTLET_SECTIONS.contains(&section)
            || !(is_acronym || actors.iter().any(|a| a.name == outlet))
        {
            i += 1;
            continue;
        }
        let outlet = outlet.to_string();
        let part = actors.remove(i);
        match actors.iter_mut().find(|a| a.name == outlet) {
            Some(a) => {
                a.mentions += part.mentions;
                a.alias = a.alias.take().or(Some(part.name));
            }
            None => actors.insert(
                i,
                ActorMention {
                    alias: part.alias.clone().or(Some(part.name.clone())),
                    name: outlet,
                    ..part
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_used_as_given_names_start_people() {
        let a = Article {
            title: "Mixed doubles title decided".into(),
            body: "Georgia Miller and Chad Ortiz won the mixed doubles at the county tennis \
                   open on Sunday."
                .into(),
            ..Article::default()
        };
        let names: Vec<String> = extract(&a).into_iter().map(|m| m.name).collect();
        assert_eq!(names, ["Georgia Miller", "Chad Ortiz"]);
    }

    #[test]
    fn abbreviations_and_diseases_are_no_actors() {
        let a = Article {
            title: "Hospital data".into(),
            body: "The AI model reads each URL and PDF; COVID-19 cases fell, Google said.".into(),
            ..Article::default()
        };
        let names: Vec<String> = extract(&a).into_iter().map(|m| m.name).collect();
        assert_eq!(names, ["Google"]);
    }

    #[test]
    fn titles_adjectives_sections_and_the_sites_own_name_are_no_actors() {
        let a = Article {
            title: "Budget row".into(),
            body: "Shadow chancellor Oliver Letwin said the Tory plan was fair. Acting Chair \
                   Lisa Moreno disagreed. BBC News reported it first, and BBC Radio and the BBC \
                   followed. Example News understands the vote is close."
                .into(),
            source: Some("Example News".into()),
            ..Article::default()
        };
        let got = extract(&a);
        let names: Vec<&str> = got.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Oliver Letwin", "Lisa Moreno", "BBC"], "{got:?}");
        let moreno = &got[1];
        assert_eq!(moreno.role.as_deref(), Some("Acting Chair"));
        assert_eq!(got[2].mentions, 3);
    }

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.to_string(),
            body: body.to_string(),
            ..Article::default()
        }
    }

    fn names(a: &[ActorMention]) -> Vec<&str> {
        a.iter().map(|m| m.name.as_str()).collect()
    }

    fn find<'a>(a: &'a [ActorMention], name: &str) -> &'a ActorMention {
        a.iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("{name} not in {:?}", names(a)))
    }

    #[test]
    fn title_becomes_role_and_surname_merges() {
        let a = extract(&article(
            "Talks resume",
            "President Lorna Vatiri opened the session on Tuesday.\nLater Vatiri said the vote would wait.",
        ));
        let p = find(&a, "Lorna Vatiri");
        assert_eq!(p.kind, ActorKind::Person);
        assert_eq!(p.role.as_deref(), Some("President"));
        assert_eq!(p.mentions, 2);
        assert!(!names(&a).contains(&"Vatiri"));
    }

    #[test]
    fn acronym_merges_into_full_name() {
        let a = extract(&article(
            "Inspectors return",
            "The International Atomic Energy Agency (IAEA) sent a team. An IAEA spokesman confirmed it.",
        ));
        let o = find(&a, "International Atomic Energy Agency");
        assert_eq!(o.kind, ActorKind::Organization);
        assert_eq!(o.alias.as_deref(), Some("IAEA"));
        assert!(o.mentions >= 2);
        assert!(!names(&a).contains(&"IAEA"));
    }

    #[test]
    fn defined_acronym_of_a_non_actor_is_dropped() {
        let a = extract(&article(
            "Deal",
            "Both sides discussed the Joint Comprehensive Plan of Action (JCPOA) at length.",
        ));
        assert!(a.iter().all(|m| m.name != "JCPOA"), "{:?}", names(&a));
    }

    #[test]
    fn cue_words_make_organisations() {
        let a = extract(&article(
            "Grain sale",
            "<Halvard Grain Inc> said it sold wheat to the Bank of Montrevia. \
             Tovik Shipping Co and the Finance Ministry welcomed the deal.",
        ));
        for name in [
            "Halvard Grain Inc",
            "Bank of Montrevia",
            "Tovik Shipping Co",
            "Finance Ministry",
        ] {
            assert_eq!(find(&a, name).kind, ActorKind::Organization, "{name}");
        }
    }

    #[test]
    fn known_acronyms_and_agencies_are_organisations() {
        let a = extract(&article(
            "OPEC MEETS",
            "OPEC ministers met, Reuters reported.",
        ));
        assert_eq!(find(&a, "OPEC").kind, ActorKind::Organization);
        assert_eq!(find(&a, "Reuters").kind, ActorKind::Organization);
    }

    #[test]
    fn places_nationalities_and_dates_are_not_actors() {
        let a = extract(&article(
            "Envoys meet",
            "Iran and France held talks in Tehran on Monday.\nIranian and French officials met in February.",
        ));
        for bad in [
            "Iran", "France", "Tehran", "Monday", "Iranian", "French", "February",
        ] {
            assert!(!names(&a).contains(&bad), "{bad} in {:?}", names(&a));
        }
    }

    #[test]
    fn headings_sentence_starts_and_capitals_headlines_are_not_actors() {
        let a = extract(&article(
            "IRAN AUTHORIZES DIALOGUE AMID PRESSURE",
            "Regional Pressure and Diplomatic Context\n\
             However, This move was welcome. The talks continue.\n\
             Key aspects include trade.",
        ));
        assert!(a.is_empty(), "{:?}", names(&a));
    }

    #[test]
    fn affiliation_comes_from_possessive_or_demonym() {
        let a = extract(&article(
            "Talks",
            "Iran's President Tomas Redvik spoke. Iranian Foreign Minister Sela Morvane listened.",
        ));
        let p = find(&a, "Tomas Redvik");
        assert_eq!(p.country.as_deref(), Some("IR"));
        assert_eq!(p.role.as_deref(), Some("President"));
        let f = find(&a, "Sela Morvane");
        assert_eq!(f.country.as_deref(), Some("IR"));
        assert_eq!(f.role.as_deref(), Some("Foreign Minister"));
    }

    #[test]
    fn heading_title_needs_a_given_name() {
        let a = extract(&article(
            "Iran's President Authorizes Dialogue with Partners",
            "The cabinet met.",
        ));
        assert!(a.is_empty(), "{:?}", names(&a));
    }

    #[test]
    fn most_mentioned_first() {
        let a = extract(&article(
            "Rates",
            "Paul Volcker spoke. Then James Baker spoke. Volcker replied and Volcker left.",
        ));
        assert_eq!(names(&a), ["Paul Volcker", "James Baker"]);
        assert_eq!(a[0].mentions, 3);
    }

    #[test]
    fn tickers_are_not_actors_but_bracketed_companies_are() {
        let a = extract(&article(
            "VARNOK SYSTEMS <VRNK> SELLS UNIT",
            "Varnok Systems Inc said it sold its printer unit to <Delbrook Holdings Ltd>.",
        ));
        assert_eq!(names(&a), ["Varnok Systems Inc", "Delbrook Holdings Ltd"]);
    }

    #[test]
    fn person_of_organisation_splits() {
        let a = extract(&article(
            "Rates",
            "\"Demand is firm,\" said economist Maren Tolliver of Castleford Banks Inc.",
        ));
        assert_eq!(find(&a, "Maren Tolliver").kind, ActorKind::Person);
        assert_eq!(
            find(&a, "Castleford Banks Inc").kind,
            ActorKind::Organization
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "'s",
            "(",
            "É.",
            "A. B. C.",
            "\u{2019}s X",
            "<>",
            "Mr.",
            "U.S.'s",
        ] {
            let _ = extract(&article(text, text));
        }
    }
}
