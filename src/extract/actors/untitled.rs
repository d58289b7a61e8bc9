//! Runs with no title, organisation cue or connector in them: told apart by given names,
//! leading places, a role noun beside them, and for a lone word the verbs around it.

use super::candidates::{
    Evidence, Outcome, Reader, Surroundings, is_country_level, leading_place, place_code,
};
use super::lexicon::{LEX, Title, has_cue};
use super::nouns::{is_org_noun, names_before_noun, owns_player, team_nickname};
use super::tokens::{Shape, Token, join_in};
use crate::extract::ActorKind;
use crate::extract::countries;

const ORGANIZATION: Option<ActorKind> = Some(ActorKind::Organization);

/// A lower-case role noun ("spokesman", "coach") next to the run.
fn role_noun(t: Option<Token>) -> Option<Token> {
    t.filter(|t| t.shape == Shape::Lower && t.title() == Some(Title::Lower))
}

/// Whether the first words read as a person's: a given name, or an initial before a name
/// that is no place.
fn person_like<'a>(line: &'a str, run: &[Token<'a>]) -> bool {
    run.first().is_some_and(|w| {
        w.is_given() || w.shape == Shape::Initial && place_code(&join_in(line, &run[1..])).is_none()
    })
}

impl<'a> Reader<'a> {
    /// A person, with the role noun before the run ("spokesman John Smith") as role.
    fn push_person(
        &mut self,
        run: &[Token<'a>],
        evidence: Evidence,
        around: &Surroundings<'a>,
        role: Option<&str>,
    ) -> Outcome {
        let out = self.push(run, Some(ActorKind::Person), evidence, around);
        if let (Outcome::Actor(i), Some(r)) = (out, role) {
            self.candidates[i].role = Some(r.to_string());
        }
        out
    }

    /// A run with no title, cue or connector in it.
    pub fn plain(&mut self, run: &[Token<'a>], around: &Surroundings<'a>) -> Outcome {
        if run.len() == 1 {
            return self.lone_word(run, around);
        }
        let role = role_noun(around.prev).map(|t| t.text);
        let next_role = role_noun(around.next).is_some();
        if around.bracket {
            return self.push(run, ORGANIZATION, Evidence::Firm, around);
        }
        if run.len() >= 3 && run.iter().any(|w| w.is_punct("&")) {
            // "Douglas & Lomason", "Marks & Spencer": partners joined by "&" are a firm.
            return self.push(run, ORGANIZATION, Evidence::Guess, around);
        }
        if run.len() >= 2 && run[0].is_given() && !is_country_level(run[0].text) {
            return self.push_person(run, Evidence::Firm, around, role);
        }
        // "Georgia Miller", "Chad Ortiz": a country that is also a given name, then one
        // surname-like word that is no place and no common word.
        if let [first, last] = run
            && countries::doubles_as_given_name(first.text)
            && last.shape == Shape::Title
            && !last.is_common()
            && place_code(last.text).is_none()
            && !has_cue(run)
        {
            return self.push_person(run, Evidence::Guess, around, role);
        }
        if is_org_noun(around.prev)
            || is_org_noun(around.next)
                && !person_like(self.line, run)
                && names_before_noun(run, around.initial)
        {
            // "the newspaper Sereipheap Thmei", "Le Matin newspaper".
            return self.push(run, ORGANIZATION, Evidence::Guess, around);
        }
        if let Some((p, code)) = leading_place(self.line, run) {
            return self.after_leading_place(run, p, code, around);
        }
        if person_like(self.line, run) {
            return self.push_person(run, Evidence::Firm, around, role);
        }
        if run.iter().all(|w| w.shape == Shape::Upper) {
            return self.push(run, ORGANIZATION, Evidence::Guess, around);
        }
        if around.score_line {
            return self.push(run, ORGANIZATION, Evidence::Guess, around);
        }
        let last = run[run.len() - 1].text;
        if run.len() >= 2
            && place_code(last).is_some()
            && !LEX
                .place_person_names
                .contains(last.to_lowercase().as_str())
            && run[..run.len() - 1]
                .iter()
                .all(|w| !w.is_common() && w.title().is_none())
        {
            // "Bayern Munich", "Inter Milan": a club named after its city.
            return self.push(run, ORGANIZATION, Evidence::Guess, around);
        }
        let namey = run.iter().all(|w| {
            !w.is_common() || w.shape == Shape::Lower || w.is_given() || w.text.len() <= 2
        });
        if role.is_some() && run.len() <= 3 {
            return self.push_person(run, Evidence::Guess, around, role);
        }
        if next_role && run.len() <= 3 {
            return self.push(run, ORGANIZATION, Evidence::Guess, around);
        }
        if namey && run.len() <= 4 {
            return self.push_person(run, Evidence::Guess, around, role);
        }
        if around.weak {
            // Kept only so that a known actor's name inside it counts as a mention.
            self.push(run, None, Evidence::Weak, around);
        }
        Outcome::Nothing
    }

    /// A run whose first `p` words name a place: the rest is affiliated with it.
    fn after_leading_place(
        &mut self,
        run: &[Token<'a>],
        p: usize,
        code: &'static str,
        around: &Surroundings<'a>,
    ) -> Outcome {
        let role = role_noun(around.prev).map(|t| t.text);
        let rest = &run[p..];
        let mut around = *around;
        around.affiliation = around.affiliation.or(Some(code).filter(|c| !c.is_empty()));
        if person_like(self.line, rest) {
            return self.push_person(rest, Evidence::Firm, &around, role);
        }
        if rest.iter().all(|w| w.is_common()) {
            return Outcome::Nothing;
        }
        let city = !is_country_level(&join_in(self.line, &run[..p]));
        if city
            && rest
                .iter()
                .all(|w| w.shape == Shape::Title && place_code(w.text).is_none())
        {
            // "Boston Red Sox", "Tehran Times": a club or paper named after its city.
            return self.push(run, ORGANIZATION, Evidence::Guess, &around);
        }
        self.plain(rest, &around)
    }

    /// One capitalised word: an acronym, a name after a role noun, or a bare word that waits
    /// for a fuller name to merge into, leaning the way its neighbours suggest.
    fn lone_word(&mut self, run: &[Token<'a>], around: &Surroundings<'a>) -> Outcome {
        let w = run[0];
        if w.shape == Shape::Initial || w.cue().is_some() || LEX.alone.contains(w.text) {
            return Outcome::Nothing;
        }
        if around.bracket {
            // "<CPML>": a stock ticker, not a name.
            return Outcome::Nothing;
        }
        if w.shape == Shape::Upper
            && around.prev.is_none()
            && around.next.is_some_and(|t| t.shape == Shape::Punct)
        {
            // "TAUPO, New Zealand, March 20 -": a dateline place.
            return Outcome::Nothing;
        }
        if w.shape == Shape::Upper {
            let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
            if letters <= 6 && !w.is_common() {
                return self.push(run, ORGANIZATION, Evidence::Guess, around);
            }
            return Outcome::Nothing;
        }
        if let Some(role) = role_noun(around.prev) {
            return self.push_person(run, Evidence::Guess, around, Some(role.text));
        }
        let speaker = around
            .next
            .is_some_and(|t| t.shape == Shape::Lower && LEX.speech_verbs.contains(t.text));
        let sport = |t: Option<Token>| {
            t.is_some_and(|t| t.shape == Shape::Lower && LEX.sport_verbs.contains(t.text))
        };
        let adjective = ["ish", "ian", "ese", "an", "ch", "i"]
            .iter()
            .any(|s| w.text.ends_with(s));
        let lean = if around.score_line
            || role_noun(around.next).is_some() && !adjective
            || sport(around.prev) && !adjective
            || sport(around.next) && !adjective
            || self.sport
                && (owns_player(run, around.next) || team_nickname(w, around.prev, around.next))
            || w.text.len() >= 2
                && (is_org_noun(around.prev)
                    || is_org_noun(around.next) && names_before_noun(run, around.initial))
        {
            ORGANIZATION
        } else if speaker {
            Some(ActorKind::Person)
        } else {
            None
        };
        let out = self.push(run, None, Evidence::Bare, around);
        if let Outcome::Actor(i) = out {
            self.candidates[i].lean = lean;
        }
        out
    }
}
