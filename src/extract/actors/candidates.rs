//! Candidates: reading a run of capitalised words as a place, an organisation, a person or
//! a bare word to be settled later, splitting it where it holds more than one name.

use std::cell::RefCell;

use super::lexicon::{LEX, Title, fold, has_cue};
use super::nouns::{acts, is_team_noun, owns_player};
use super::packed::Memo;
use super::tokens::{Shape, Token, join_in};
use crate::extract::ActorKind;
use crate::extract::countries;
use crate::extract::gazetteer::{GAZETTEER, SEATS, norm_key};

/// How strongly the text supports a candidate.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Evidence {
    /// Only a capitalised run in a heading; kept only if it matches a better-supported actor.
    Weak,
    /// A bare word with no support of its own; kept only if it merges into another actor.
    Bare,
    Guess,
    Firm,
}

/// One reading of a run of capitalised words as an actor.
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    /// The words as written, borrowed from the article (or a styled title from the lexicon):
    /// most candidates merge into an actor and need no copy of their own.
    pub name: Vec<&'a str>,
    /// `None` for a bare word that can belong to a person or an organisation.
    pub kind: Option<ActorKind>,
    pub evidence: Evidence,
    pub role: Option<String>,
    pub country: Option<&'static str>,
    pub alias: Option<String>,
    pub pos: usize,
    /// For a bare word, the kind its context suggests, used if it merges into no other actor
    /// (a speaker is a person; a name in a score line is a team).
    pub lean: Option<ActorKind>,
}

/// What a capitalised run turned out to be, for the run after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    Nothing,
    Place(&'static str),
    Actor(usize),
}

/// The words around a run and what its line says about it.
#[derive(Clone, Copy, Default)]
pub struct Surroundings<'a> {
    pub prev: Option<Token<'a>>,
    pub next: Option<Token<'a>>,
    /// The run opens a sentence, so its first word may be capitalised only for that.
    pub initial: bool,
    /// The line is a heading or in capitals, where capitals prove little.
    pub weak: bool,
    /// The line holds a results table ("Chelsea 2 Arsenal 1").
    pub score_line: bool,
    /// The run is a side of a result or standings row (`tables`), hence a team.
    pub team_side: bool,
    /// The run stands in angle brackets ("<Brunswick Corp>").
    pub bracket: bool,
    /// The country the run is affiliated with ("Iran's President", "Iranian ...").
    pub affiliation: Option<&'static str>,
}

/// The candidates read so far, in reading order.
pub struct Reader<'a> {
    pub candidates: Vec<Candidate<'a>>,
    pub pos: usize,
    /// The article is a sports report (`nouns::is_sports_title`).
    pub sport: bool,
    /// The tokens of the line being read, kept between lines so that their buffer is
    /// allocated once per article rather than once per line.
    pub tokens: Vec<Token<'a>>,
    /// The line being read, whose words the runs' names are borrowed from (`join_in`).
    pub line: &'a str,
}

impl<'a> Reader<'a> {
    pub fn push(
        &mut self,
        run: &[Token<'a>],
        kind: Option<ActorKind>,
        evidence: Evidence,
        around: &Surroundings<'a>,
    ) -> Outcome {
        self.pos += 1;
        self.candidates.push(Candidate {
            name: run.iter().map(|w| w.text).collect(),
            kind,
            // In a heading only firm evidence counts (a given name, a cue word, a known name).
            evidence: if around.weak && evidence < Evidence::Firm {
                Evidence::Weak
            } else {
                evidence
            },
            role: None,
            country: around.affiliation,
            alias: None,
            pos: self.pos,
            lean: None,
        });
        Outcome::Actor(self.candidates.len() - 1)
    }

    /// Analyses the words left and right of the joining word at `i` ("and", "of") as two
    /// runs, each seeing the joining word as its neighbour.
    pub fn split_at(&mut self, run: &[Token<'a>], i: usize, around: Surroundings<'a>) -> Outcome {
        // A part of a run is not the whole side of a table row.
        let left = Surroundings {
            next: Some(run[i]),
            team_side: false,
            ..around
        };
        self.analyze(&run[..i], &left);
        let right = Surroundings {
            initial: false,
            prev: Some(run[i]),
            affiliation: None,
            team_side: false,
            ..around
        };
        self.analyze(&run[i + 1..], &right)
    }

    /// Reads one run of capitalised words (with its connectors) into candidates.
    pub fn analyze(&mut self, run: &[Token<'a>], around: &Surroundings<'a>) -> Outcome {
        // Months, weekdays and other never-a-name words cut a run in two.
        if let Some(i) = run.iter().position(Token::is_never) {
            return self.split_at(run, i, *around);
        }
        if around.team_side
            && let Some(out) = self.team_side(run, around)
        {
            return out;
        }
        let (run, mut around) = trim(run, *around);
        if run.is_empty() {
            return Outcome::Nothing;
        }
        let whole = join_in(self.line, run);
        if run.len() <= 4
            && let Some(code) = place_code(&whole)
        {
            return self.place_or_team(run, &whole, code, &around);
        }
        // A one-word run was looked up when its token was made.
        let known = match run {
            [one] => one.is_known(),
            _ => LEX.known.contains_key(&*whole),
        };
        if known || run.len() >= 2 && LEX.known_full.contains_key(&fold(&whole)) {
            return self.push(run, Some(ActorKind::Organization), Evidence::Firm, &around);
        }
        if run.len() >= 2 && run.last().is_some_and(|w| LEX.event_tails.contains(w.text)) {
            // "World Cup", "British Open", "German Grand Prix": events, not actors.
            return Outcome::Nothing;
        }
        if run.len() == 1 && LEX.alone.contains(run[0].text) {
            // "Kurds", "Moslem": a people or a faith, though it may open a name.
            return Outcome::Nothing;
        }
        if let Some(out) = self.titled(run, &around) {
            return out;
        }
        if let Some(out) = self.split_before_given_name(run, &around) {
            return out;
        }
        if let Some(i) = run.iter().position(|w| w.text == "and")
            && !keeps_and(run, i)
        {
            return self.split_at(run, i, around);
        }
        // "Lynn Reaser of Barnett Banks Inc": a person of an organisation.
        if let Some(i) = run.iter().position(|w| w.text == "of")
            && i > 0
            && !has_cue(&run[..i])
            && has_cue(&run[i + 1..])
        {
            return self.split_at(run, i, around);
        }
        if run.len() >= 2 && has_cue(run) {
            around.affiliation = around
                .affiliation
                .or_else(|| leading_place(self.line, run).map(|(_, c)| c));
            return self.push(run, Some(ActorKind::Organization), Evidence::Firm, &around);
        }
        if let Some(i) = run
            .iter()
            .position(|w| w.shape == Shape::Lower && LEX.splitters.contains(w.text))
        {
            return self.split_at(run, i, around);
        }
        self.plain(run, &around)
    }

    /// A side of a result or standings row: a team, whatever its words, unless it is a
    /// country (national sides are read as the country) or opens with an article.
    fn team_side(&mut self, run: &[Token<'a>], around: &Surroundings<'a>) -> Option<Outcome> {
        let whole = join_in(self.line, run);
        if is_country_level(&whole)
            || LEX.determiners.contains(run[0].text)
            || run.iter().any(|w| w.shape == Shape::Lower)
        {
            return None;
        }
        Some(self.push(run, Some(ActorKind::Organization), Evidence::Guess, around))
    }

    /// A run that names a place: the place, or its team in a sports report.
    fn place_or_team(
        &mut self,
        run: &[Token<'a>],
        whole: &str,
        code: &'static str,
        around: &Surroundings<'a>,
    ) -> Outcome {
        let sporting = |t: Option<Token>| {
            t.is_some_and(|t| {
                t.shape == Shape::Lower
                    && (LEX.sport_verbs.contains(t.text) || t.title() == Some(Title::Lower))
            })
        };
        // A city or county in a score line or next to "beat" or "captain" is its team;
        // a country stays a place (national sides are read as the country).
        // "against Baghdad" names a government, not a side: seats of government stay places.
        let opponent = around
            .prev
            .is_some_and(|t| t.shape == Shape::Lower && LEX.opponent_words.contains(t.text))
            && !SEATS.contains(&norm_key(whole));
        let team = around.score_line
            || opponent
            || is_team_noun(around.prev)
            || self.sport && owns_player(run, around.next)
            // "Kent stepped up a gear": a city or county opening a sentence of a sports
            // report and acting is a side ("LONDON 1996-08-30", "In Toronto," are not).
            || self.sport && around.initial && acts(around.next, false)
            || sporting(around.next)
            || sporting(around.prev)
                && around
                    .prev
                    .is_some_and(|t| LEX.sport_verbs.contains(t.text));
        if team && !is_country_level(whole) && !around.weak {
            return self.push(run, Some(ActorKind::Organization), Evidence::Guess, around);
        }
        Outcome::Place(code)
    }

    /// "Bank of England Robin Leigh-Pemberton": a given name inside a run opens a new name.
    fn split_before_given_name(
        &mut self,
        run: &[Token<'a>],
        around: &Surroundings<'a>,
    ) -> Option<Outcome> {
        let line = self.line;
        let g = (1..run.len().saturating_sub(1)).find(|&g| {
            run[g].is_given()
                && !run[g - 1].is_given()
                && run[g - 1].shape != Shape::Initial
                && run[g - 1].shape != Shape::Lower
                && run[g - 1].title() != Some(Title::Head)
                && (has_cue(&run[..g])
                    || g == 1 && around.initial
                    || place_code(&join_in(line, &run[..g])).is_some())
        })?;
        let left = Surroundings {
            next: Some(run[g]),
            ..*around
        };
        let out = self.analyze(&run[..g], &left);
        let mut right = Surroundings {
            initial: false,
            prev: Some(run[g - 1]),
            ..*around
        };
        if let Outcome::Place(code) = out {
            right.affiliation = right.affiliation.or(Some(code).filter(|c| !c.is_empty()));
        }
        Some(self.analyze(&run[g..], &right))
    }
}

/// Drops the words that open a run without being part of a name (determiners, "Former", a
/// common word capitalised only because it opens the sentence) and the connectors at its
/// ends, which never open or close a name.
fn trim<'r, 'a>(
    mut run: &'r [Token<'a>],
    mut around: Surroundings<'a>,
) -> (&'r [Token<'a>], Surroundings<'a>) {
    while let Some(first) = run.first() {
        let drop = LEX.determiners.contains(first.text)
            || (LEX.time_adjectives.contains(first.text)
                && run.get(1).is_some_and(|n| n.title() != Some(Title::Head)))
            || (around.initial
                && first.shape != Shape::Upper
                && first.is_common()
                && !first.is_given()
                && first.title().is_none()
                && !first.is_known()
                && first.cue().is_none());
        if !drop {
            break;
        }
        around.prev = Some(*first);
        run = &run[1..];
        around.initial = false;
    }
    while run.last().is_some_and(|w| w.shape == Shape::Lower) {
        run = &run[..run.len() - 1];
    }
    while run.first().is_some_and(|w| w.shape == Shape::Lower) {
        run = &run[1..];
    }
    (run, around)
}

/// Whether "and" at `i` belongs inside one organisation's name: "Securities and Exchange
/// Commission", "Bank for Reconstruction and Development", not "Essex and Derbyshire".
fn keeps_and(run: &[Token], i: usize) -> bool {
    let (before, after) = (&run[..i], &run[i + 1..]);
    let ends_in_cue = before.last().is_some_and(|w| w.cue().is_some());
    let short = after.len() <= 2 || before.len() == 1;
    (has_cue(after) && !ends_in_cue && short)
        || (after.len() == 1 && has_cue(before) && !ends_in_cue)
}

thread_local! {
    /// `place_code` of the names this thread has looked up: the same places and names come
    /// back in article after article, and each lookup normalises the name and searches the
    /// gazetteer.
    static PLACES: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The country of a name that is a place, as `countries` reads it.
pub fn place_code(name: &str) -> Option<&'static str> {
    PLACES.with_borrow_mut(|memo| memo.answer(name, look_up_place))
}

fn look_up_place(name: &str) -> Option<&'static str> {
    countries::place_country(name).map(|c| c.code)
}

/// Whether the place is a country itself (a national team in a score line), not a city.
pub fn is_country_level(name: &str) -> bool {
    GAZETTEER
        .by_key
        .get(&norm_key(name))
        .is_some_and(|e| e.kind.names_country())
}

/// The longest run of leading words (up to three, leaving one) that names a place.
pub fn leading_place<'a>(line: &'a str, run: &[Token<'a>]) -> Option<(usize, &'static str)> {
    (1..=run.len().saturating_sub(1).min(3))
        .rev()
        .find_map(|p| place_code(&join_in(line, &run[..p])).map(|c| (p, c)))
}
