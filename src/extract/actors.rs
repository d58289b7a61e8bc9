//! Actors: people and organisations named in an article, each under one canonical name.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{ActorKind, ActorMention, Provenance};
use crate::article::Article;

static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(President|Minister|Prime Minister|Chancellor|Secretary|Governor|Senator) ([A-Z][a-z]+(?: [A-Z][a-z]+)+)").unwrap()
});

pub fn extract(article: &Article) -> Vec<ActorMention> {
    let text = format!("{}\n{}", article.title, article.body);
    let mut found: HashMap<String, (u32, String)> = HashMap::new();
    for c in TITLED.captures_iter(&text) {
        let e = found
            .entry(c[2].to_string())
            .or_insert((0, c[1].to_string()));
        e.0 += 1;
    }
    let mut out: Vec<ActorMention> = found
        .into_iter()
        .map(|(name, (n, role))| {
            let surname = name.rsplit(' ').next().unwrap_or(&name);
            let mentions = n.max(text.matches(surname).count() as u32);
            ActorMention {
                name,
                kind: ActorKind::Person,
                mentions,
                role: Some(role),
                country: None,
                alias: None,
                source: Provenance::Text,
            }
        })
        .collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    out
}
