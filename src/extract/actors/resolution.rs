//! Resolution: merging candidates into actors, so that a surname, an acronym or a short
//! form counts as a mention of the full name it stands for.

use std::cell::OnceCell;

use super::candidates::{Candidate, Evidence};
use super::lexicon::{LEX, fold, fold_words, fold_words_into, folds_to, is_common};
use crate::extract::ActorKind;
use crate::extract::word_lists::Map;

/// An actor as resolution builds it: the candidates merged so far under one name.
pub struct Actor<'a> {
    pub name: Vec<&'a str>,
    pub key: String,
    pub kind: ActorKind,
    pub evidence: Evidence,
    pub mentions: u32,
    pub role: Option<String>,
    pub country: Option<&'static str>,
    pub alias: Option<String>,
    pub first: usize,
    /// Worked out once, since every later candidate is compared with every actor: the
    /// folded alias, the number of words of `key`, and the initials of the name without
    /// and with its connectors ("International Bank for ..." -> "ib...", "ibf..."), the
    /// latter only when an acronym is first compared with it.
    alias_key: Option<String>,
    key_words: usize,
    /// Where the last word of `key` starts: a surname is compared with it for nearly every
    /// candidate.
    last_word_at: usize,
    initials: OnceCell<[String; 2]>,
}

impl<'a> Actor<'a> {
    /// A new actor from its first candidate.
    fn new(c: &Candidate<'a>, key: String, kind: ActorKind, evidence: Evidence) -> Self {
        let mut a = Actor {
            name: c.name.clone(),
            key_words: key.bytes().filter(|&b| b == b' ').count() + 1,
            last_word_at: key.bytes().rposition(|b| b == b' ').map_or(0, |i| i + 1),
            key,
            kind,
            evidence,
            mentions: 0,
            role: None,
            country: None,
            alias: None,
            first: c.pos,
            alias_key: None,
            initials: OnceCell::new(),
        };
        a.absorb(c);
        a
    }

    fn absorb(&mut self, c: &Candidate<'a>) {
        self.mentions += 1;
        self.first = self.first.min(c.pos);
        self.evidence = self.evidence.max(c.evidence);
        if self.role.is_none() {
            self.role.clone_from(&c.role);
        }
        if self.country.is_none() {
            self.country = c.country;
        }
        if self.alias.is_none()
            && let Some(alias) = &c.alias
        {
            self.set_alias(alias.clone());
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
            self.set_alias(c.name[0].to_string());
        }
    }

    /// The last word of the key: a person's surname.
    fn last_word(&self) -> &str {
        &self.key[self.last_word_at..]
    }

    fn set_alias(&mut self, alias: String) {
        self.alias_key = Some(fold(&alias));
        self.alias = Some(alias);
    }
}

fn initials(name: &[&str], skip_connectors: bool) -> String {
    name.iter()
        .filter(|w| !(skip_connectors && LEX.connectors.contains(*w)))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Merges the candidates into actors: every mention under the fullest name it abbreviates,
/// in the order `ranking` then sorts.
pub fn resolve<'a>(candidates: &[Candidate<'a>]) -> Vec<Actor<'a>> {
    let mut actors: Vec<Actor> = Vec::new();
    let mut by_key: Map<String, usize> = Map::default();
    let mut pending = Vec::new();
    // One buffer for every candidate's key: most keys only look up an actor already made.
    let mut key = String::new();
    let mut joined = String::new();
    for i in longest_first(candidates) {
        let c = &candidates[i];
        key.clear();
        fold_words_into(&c.name, &mut key);
        if key.is_empty() {
            continue;
        }
        if let Some(&a) = by_key.get(key.as_str()) {
            actors[a].absorb(c);
            if let Some(k) = c.kind
                && c.evidence > actors[a].evidence
            {
                actors[a].kind = k;
            }
            continue;
        }
        if let Some(a) = find_partner(&actors, c, &key, &mut joined) {
            actors[a].absorb(c);
            continue;
        }
        match c.kind {
            Some(kind) if c.evidence >= Evidence::Guess => {
                by_key.insert(key.clone(), actors.len());
                let mut a = Actor::new(c, key.clone(), kind, c.evidence);
                if a.kind == ActorKind::Organization
                    && a.alias.is_none()
                    && let Some(short) = LEX.known_full.get(&a.key)
                {
                    a.set_alias(short.to_string());
                }
                actors.push(a);
            }
            _ => pending.push(i),
        }
    }
    for i in pending {
        second_chance(&mut actors, &mut by_key, &candidates[i], &mut joined);
    }
    actors
}

/// Candidate indices with longer names first, so that short mentions can find the full name
/// they abbreviate, and in reading order among names of one length (candidates are pushed
/// in reading order). Names are a few words long, so a pass per length beats a sort.
fn longest_first(candidates: &[Candidate]) -> Vec<usize> {
    let longest = candidates.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut order = Vec::with_capacity(candidates.len());
    for len in (0..=longest).rev() {
        order.extend((0..candidates.len()).filter(|&i| candidates[i].name.len() == len));
    }
    order
}

/// Bare words and heading words that matched nothing when first seen: a second chance, now
/// that every supported actor is known; a bare speaker stands on its own as a person.
fn second_chance<'a>(
    actors: &mut Vec<Actor<'a>>,
    by_key: &mut Map<String, usize>,
    c: &Candidate<'a>,
    joined: &mut String,
) {
    let key = fold_words(&c.name);
    if let Some(a) = by_key
        .get(&key)
        .copied()
        .or_else(|| find_partner(actors, c, &key, joined))
    {
        actors[a].absorb(c);
    } else if let (Some(kind), Evidence::Bare) = (c.lean, c.evidence) {
        by_key.insert(key.clone(), actors.len());
        actors.push(Actor::new(c, key, kind, Evidence::Guess));
    } else if c.evidence == Evidence::Weak && c.name.len() > 1 {
        // "Zelensky Calls for Support": a heading word that names a known actor still
        // counts as a mention of it.
        for &w in &c.name {
            if w.len() < 3 || is_common(w) {
                continue;
            }
            let wk = fold(w);
            let hit = actors.iter().position(|a| {
                a.key == wk
                    || a.alias_key.as_deref() == Some(wk.as_str())
                    || a.kind == ActorKind::Person && a.last_word() == wk
            });
            if let Some(a) = hit {
                actors[a].mentions += 1;
                actors[a].first = actors[a].first.min(c.pos);
                break;
            }
        }
    }
}

/// The actor a short or partial mention stands for: a surname, an acronym, a short form of
/// a company name.
fn find_partner(actors: &[Actor], c: &Candidate, key: &str, joined: &mut String) -> Option<usize> {
    // The key's words are one space apart; counted, not collected, as this runs for nearly
    // every candidate.
    let word_count = key.bytes().filter(|&b| b == b' ').count() + 1;
    let last_word = &key[key.bytes().rposition(|b| b == b' ').map_or(0, |i| i + 1)..];
    let known = match c.name.as_slice() {
        [one] => LEX.known.get(one),
        name => {
            // Joined into a buffer kept between candidates, not a new string each.
            joined.clear();
            for (i, w) in name.iter().enumerate() {
                if i > 0 {
                    joined.push(' ');
                }
                joined.push_str(w);
            }
            LEX.known.get(joined.as_str())
        }
    }
    .copied();
    let known_full = known.flatten().map(fold);
    let acronym_shape = word_count == 1
        && c.name.first().is_some_and(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        });
    let matches = |a: &Actor| {
        if a.alias_key.as_deref() == Some(key) {
            return true;
        }
        if a.key_words <= word_count {
            return false;
        }
        match a.kind {
            ActorKind::Person => {
                c.kind != Some(ActorKind::Organization)
                    && (word_count == 1 && a.last_word() == last_word
                        || word_count >= 2
                            && a.key.ends_with(key)
                            && a.key.len() > key.len()
                            && a.key.as_bytes()[a.key.len() - key.len() - 1] == b' ')
            }
            ActorKind::Organization => {
                let acronym = acronym_shape
                    && a.initials
                        .get_or_init(|| [initials(&a.name, true), initials(&a.name, false)])
                        .iter()
                        .any(|i| i == key);
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
        if c.kind.is_some() || word_count != 1 || is_common(c.name[0]) {
            return None;
        }
        actors.iter().position(|a| {
            a.kind == ActorKind::Organization
                && a.name.len() > 1
                && a.name.iter().any(|w| {
                    folds_to(w, key) && !LEX.cues.contains_key(w) && !LEX.connectors.contains(w)
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate<'a>(words: &[&'a str], pos: usize) -> Candidate<'a> {
        Candidate {
            name: words.to_vec(),
            kind: None,
            evidence: Evidence::Bare,
            role: None,
            country: None,
            alias: None,
            pos,
            lean: None,
        }
    }

    #[test]
    fn longer_names_come_first_then_reading_order() {
        let candidates = [
            candidate(&["Smith"], 1),
            candidate(&["John", "Smith"], 2),
            candidate(&["Acme"], 3),
            candidate(&["Bank", "of", "England"], 4),
            candidate(&["Jane", "Doe"], 5),
        ];
        assert_eq!(longest_first(&candidates), [3, 1, 4, 0, 2]);
        assert!(longest_first(&[]).is_empty());
    }

    #[test]
    fn an_actors_last_word_is_its_surname() {
        let c = candidate(&["John", "Smith"], 1);
        let a = Actor::new(&c, fold_words(&c.name), ActorKind::Person, Evidence::Firm);
        assert_eq!(a.last_word(), "smith");
        let one = candidate(&["Acme"], 2);
        let a = Actor::new(
            &one,
            fold_words(&one.name),
            ActorKind::Person,
            Evidence::Firm,
        );
        assert_eq!(a.last_word(), "acme");
    }
}
