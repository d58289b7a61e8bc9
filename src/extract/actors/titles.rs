//! Runs with a title in them: "President Masoud Pezeshkian", "Iranian Foreign Minister X",
//! "World Bank President Y", and offices of organisations that name no person.

use super::candidates::{Evidence, Outcome, Reader, Surroundings};
use super::lexicon::{LEX, Title, has_cue};
use super::tokens::{Shape, Token, join};
use crate::extract::ActorKind;

/// Where the title sits in a run: its first modifier, its head word, and the word after it.
struct TitleSpan {
    start: usize,
    head: usize,
    end: usize,
}

fn title_span(run: &[Token]) -> Option<TitleSpan> {
    let head = run.iter().position(|w| w.title() == Some(Title::Head))?;
    let mut start = head;
    while start > 0 && run[start - 1].title() == Some(Title::Modifier) {
        start -= 1;
    }
    let mut end = head + 1;
    while end < run.len() && matches!(run[end].title(), Some(Title::Head | Title::Modifier)) {
        end += 1;
    }
    Some(TitleSpan { start, head, end })
}

impl<'a> Reader<'a> {
    /// Reads a run with a title in it; `None` when the title word is part of a name
    /// ("General Motors Corp") or opens a longer phrase, so the run reads as untitled.
    pub fn titled(&mut self, run: &[Token<'a>], around: &Surroundings<'a>) -> Option<Outcome> {
        let TitleSpan { start, head, end } = title_span(run)?;
        let mut name = &run[end..];
        let governs = run[start..end]
            .last()
            .is_some_and(|w| w.shape == Shape::Lower);
        if !name.is_empty() && has_cue(name) && !governs && start == head && head == 0 {
            // "General Motors Corp": the title word is part of the name.
            return None;
        }
        if !name.is_empty() && !governs && name[0].is_common() && !name[0].is_given() {
            if name.len() > 1 {
                return None;
            }
            // "President Authorizes", "Secretary Baker": only a surname already known.
            let mut bare = *around;
            bare.affiliation = None;
            if !around.weak {
                self.push(name, None, Evidence::Bare, &bare);
            }
            return Some(Outcome::Nothing);
        }
        let mut around = *around;
        if start > 0 {
            let before = Surroundings {
                next: Some(run[start]),
                affiliation: None,
                ..around
            };
            if let Outcome::Place(code) = self.analyze(&run[..start], &before) {
                around.affiliation = around.affiliation.or(Some(code).filter(|c| !c.is_empty()));
            }
        }
        if governs || has_cue(name) {
            // "Governor of the Bank of England": the office of an organisation, no person.
            let rest = Surroundings {
                initial: false,
                prev: run.get(end.wrapping_sub(1)).copied(),
                affiliation: None,
                ..around
            };
            if !name.is_empty() {
                self.analyze(name, &rest);
            }
            return Some(Outcome::Nothing);
        }
        // "King Fahd of Saudi Arabia": the name stops at the first connector.
        if let Some(c) = name
            .iter()
            .position(|w| w.shape == Shape::Lower && LEX.splitters.contains(w.text))
        {
            let rest = Surroundings {
                initial: false,
                prev: Some(name[c]),
                affiliation: None,
                ..around
            };
            self.analyze(&name[c + 1..], &rest);
            name = &name[..c];
        }
        Some(self.titled_person(name, &run[start..end], &around))
    }

    /// The person a title names, with the title as role.
    fn titled_person(
        &mut self,
        name: &[Token<'a>],
        title: &[Token],
        around: &Surroundings<'a>,
    ) -> Outcome {
        if name.is_empty() {
            return Outcome::Nothing;
        }
        if name.iter().any(|w| w.shape == Shape::Upper) && name.len() == 1 {
            return Outcome::Nothing;
        }
        let mut title = title;
        while title
            .last()
            .is_some_and(|w| w.shape == Shape::Lower || w.text == "State" && title.len() == 1)
        {
            title = &title[..title.len() - 1];
        }
        let role = join(title).into_owned();
        // A title in a heading is no proof: "President Authorizes Dialogue".
        let evidence = if name[0].is_given() || !around.weak {
            Evidence::Firm
        } else {
            Evidence::Weak
        };
        let out = self.push(name, Some(ActorKind::Person), evidence, around);
        if let Outcome::Actor(i) = out
            && !LEX.honorifics.contains(role.as_str())
            && !role.is_empty()
        {
            if name.len() == 1
                && let Some(styled) = LEX.styled_titles.get(role.as_str())
            {
                // Royals and clerics are known by title and name: "King Fahd".
                self.candidates[i].name.insert(0, styled);
            }
            self.candidates[i].role = Some(role);
        }
        out
    }
}
