//! Actors: people and organisations named in an article, each under one canonical name,
//! found by rules over runs of capitalised words, word lists (`data/actors_*.tsv`) and the
//! words around each run; no statistical model.
//!
//! A line is cut into `tokens`, then into `runs` of capitalised words; each run is read as
//! `candidates` (with `titles` and `untitled` runs read apart); `resolution` merges the
//! candidates into actors and `ranking` orders them. The word lists are in `lexicon`.

mod candidates;
mod credits;
mod lexicon;
mod nouns;
mod packed;
mod ranking;
mod resolution;
mod runs;
mod tables;
#[cfg(test)]
mod tests;
mod titles;
mod tokens;
mod untitled;

use crate::article::Article;
use crate::extract::ActorMention;
use candidates::Reader;
use lexicon::LEX;
use lexicon::{fold, folds_to};
use ranking::{merge_outlet_sections, rank};
use resolution::resolve;
use runs::scan_line;

/// The people and organisations an article names, most mentioned first.
pub fn extract(article: &Article) -> Vec<ActorMention> {
    let mut lines = article.body.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next();
    // Read before the reader exists: the candidates borrow their words from it.
    let blanked = first.and_then(credits::without_dateline_agency);
    let mut reader = Reader {
        candidates: Vec::new(),
        pos: 0,
        sport: nouns::is_sports_title(&article.title),
        tokens: Vec::new(),
        line: "",
    };
    scan_line(&mut reader, &article.title, true);
    if let Some(sub) = &article.subtitle {
        scan_line(&mut reader, sub, true);
    }
    if let Some(first) = first {
        scan_body_line(&mut reader, blanked.as_deref().unwrap_or(first));
    }
    for line in lines {
        scan_body_line(&mut reader, line);
    }
    let mut actors = rank(resolve(&reader.candidates));
    // A qualifier alone ("Shadow" in "Shadow chancellor Oliver Letwin") is part of a role.
    actors.retain(|a| !LEX.role_qualifiers.contains(a.name.as_str()));
    merge_outlet_sections(&mut actors);
    if let Some(publisher) = &article.source {
        // The site's own name on its pages is a credit line, not an actor of the story.
        let own = fold(publisher);
        actors.retain(|a| !folds_to(&a.name, &own));
    }
    actors
}

/// Reads one line of the story, unless it only credits who reported or edited it.
fn scan_body_line<'a>(reader: &mut Reader<'a>, line: &'a str) {
    if !credits::is_credit_line(line) {
        scan_line(reader, line, false);
    }
}
