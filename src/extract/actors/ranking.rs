//! Ranking: the resolved actors most mentioned first, and the final list tidied of role
//! words standing alone and of an outlet's sections.

use super::lexicon::LEX;
use super::resolution::Actor;
use crate::extract::{ActorKind, ActorMention, Provenance};

/// Most mentioned first; ties in reading order.
pub fn rank(mut actors: Vec<Actor>) -> Vec<ActorMention> {
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

/// Rolls an outlet's sections up into the outlet: "BBC News" and "BBC Radio" become
/// "BBC", with their mentions, when the outlet is an acronym or is named on its own too.
/// The first section seen stays as the alias, so the record still shows it.
pub fn merge_outlet_sections(actors: &mut Vec<ActorMention>) {
    let mut i = 0;
    while i < actors.len() {
        let Some((outlet, section)) = actors[i].name.rsplit_once(' ') else {
            i += 1;
            continue;
        };
        let is_acronym = outlet.len() >= 2 && outlet.chars().all(|c| c.is_ascii_uppercase());
        if actors[i].kind != ActorKind::Organization
            || !LEX.outlet_sections.contains(section)
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
