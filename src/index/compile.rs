//! A resolved selection (query clause and filters) as one tantivy query, plus the query
//! snippets highlight with: never fuzzy, with fuzzy and prefix words expanded to the
//! index's real terms.

use std::collections::HashMap;
use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, ExistsQuery, FuzzyTermQuery,
    Occur, PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

use super::{Fields, schema};
use crate::query::{
    self, Clause, DateRange, Filters, Key, MAX_FUZZY_WORDS, MAX_PREFIX_TERMS, QueryError,
    Selection, TITLE_BOOST, TextField,
};

/// Index words per query word that snippets highlight for prefixes and fuzzy matches.
const MAX_SNIPPET_TERMS: usize = 64;

/// The search query, and the query used for snippets (None when no word matched).
pub type Compiled = (Box<dyn Query>, Option<Box<dyn Query>>);

/// What compiling needs from an opened index.
pub struct Compiler<'a> {
    pub index: &'a Index,
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
}

impl Compiler<'_> {
    /// The selection as one query; `fuzzy` lets words match with typos.
    pub fn compile(&self, sel: &Selection, fuzzy: bool) -> Result<Compiled, QueryError> {
        if fuzzy {
            let words = sel.query.as_ref().map_or(0, Clause::words);
            if words > MAX_FUZZY_WORDS {
                return Err(QueryError::TooManyFuzzyWords(words));
            }
        }
        let mut snippet_terms = Vec::new();
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(clause) = &sel.query {
            let mut b = Builder {
                c: self,
                fuzzy,
                snippet_terms: &mut snippet_terms,
            };
            if let Some(q) = b.clause(clause, false)? {
                must.push((Occur::Must, q));
            }
        }
        for f in self.filter_queries(&sel.filters) {
            must.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        let query: Box<dyn Query> = if must.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(must))
        };
        let snippet = (!snippet_terms.is_empty()).then(|| {
            let terms = snippet_terms
                .into_iter()
                .map(|t| (Occur::Should, term_query(t, IndexRecordOption::WithFreqs)))
                .collect();
            Box::new(BooleanQuery::new(terms)) as Box<dyn Query>
        });
        Ok((query, snippet))
    }

    /// One query per filter, all of which must match.
    pub fn filter_queries(&self, filters: &Filters) -> Vec<Box<dyn Query>> {
        let f = self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for actor in &filters.actors {
            out.push(self.text_query(f.actor_text, schema::NAMES, actor, 0));
        }
        let any = |field: Field, values: &[String]| -> Box<dyn Query> {
            let clauses = values
                .iter()
                .map(|v| (Occur::Should, exact(field, v)))
                .collect();
            Box::new(BooleanQuery::new(clauses))
        };
        if !filters.countries.is_empty() {
            out.push(any(f.country, &filters.countries));
        }
        if !filters.sources.is_empty() {
            out.push(any(f.source, &filters.sources));
        }
        if !filters.langs.is_empty() {
            out.push(any(f.lang, &filters.langs));
        }
        if !filters.dates.is_open() {
            out.push(self.date_range(filters.dates));
        }
        out
    }

    fn date_range(&self, range: DateRange) -> Box<dyn Query> {
        let term = |d: chrono::DateTime<chrono::Utc>| {
            Term::from_field_date(self.fields.date, super::date_value(d.timestamp()))
        };
        Box::new(RangeQuery::new(
            range
                .from
                .map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            range
                .to
                .map_or(Bound::Unbounded, |d| Bound::Excluded(term(d))),
        ))
    }

    /// Tokens of `text` as the analyzer `tokenizer` produces them.
    fn tokens(&self, tokenizer: &str, text: &str) -> Vec<String> {
        let Some(mut analyzer) = self.index.tokenizers().get(tokenizer) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    /// A term query for one token, a phrase query for several, nothing for none.
    fn text_query(&self, field: Field, tokenizer: &str, text: &str, slop: u32) -> Box<dyn Query> {
        let tokens = self.tokens(tokenizer, text);
        match tokens.len() {
            0 => Box::new(EmptyQuery),
            1 => term_query(
                Term::from_field_text(field, &tokens[0]),
                IndexRecordOption::WithFreqs,
            ),
            _ => Box::new(PhraseQuery::new_with_offset_and_slop(
                tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (i, Term::from_field_text(field, t)))
                    .collect(),
                slop,
            )),
        }
    }
}

fn term_query(term: Term, option: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, option))
}

/// A keyword field holding exactly this value.
fn exact(field: Field, value: &str) -> Box<dyn Query> {
    term_query(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// Turns clauses into tantivy queries, noting the terms snippets should highlight.
struct Builder<'a, 'c> {
    c: &'a Compiler<'c>,
    fuzzy: bool,
    snippet_terms: &'a mut Vec<Term>,
}

type Built = Result<Option<Box<dyn Query>>, QueryError>;

impl Builder<'_, '_> {
    fn clause(&mut self, clause: &Clause, negated: bool) -> Built {
        let f = self.c.fields;
        Ok(match clause {
            Clause::All => Some(Box::new(AllQuery)),
            Clause::And(parts) => self.and(parts, negated)?,
            Clause::Or(parts) => {
                let mut clauses = Vec::new();
                for p in parts {
                    if let Some(q) = self.clause(p, negated)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Clause::Not(inner) => self.clause(inner, true)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, q),
                ])) as Box<dyn Query>
            }),
            Clause::Word {
                field,
                text,
                prefix,
            } => self.word(*field, text, *prefix, negated)?,
            Clause::Phrase { field, text, slop } => self.phrase(*field, text, *slop, negated),
            Clause::Country(code) => Some(exact(f.country, code)),
            Clause::Source(source) => Some(exact(f.source, source)),
            Clause::Id(id) => Some(exact(f.id, id)),
            Clause::Dates(range) => Some(self.c.date_range(*range)),
            Clause::Has(key) => Some(self.has(*key)),
        })
    }

    /// Articles with any value for `key`. The keyed fields are fast fields, which tell
    /// at once whether a document has a value; bylines are text, so any word will do.
    fn has(&self, key: Key) -> Box<dyn Query> {
        let fast = |name: &str| Box::new(ExistsQuery::new(name.to_string(), false));
        match key {
            Key::Actor => fast(schema::ACTOR),
            Key::Country => fast(schema::COUNTRY),
            Key::Source => fast(schema::SOURCE),
            Key::Date => fast(schema::DATE),
            Key::Author => match RegexQuery::from_pattern(".+", self.c.fields.authors) {
                Ok(q) => Box::new(q),
                Err(_) => Box::new(EmptyQuery),
            },
        }
    }

    fn and(&mut self, parts: &[Clause], negated: bool) -> Built {
        let mut clauses = Vec::new();
        let mut positive = false;
        let mut every = false;
        for p in parts {
            // `* AND wheat` is `wheat`: every article adds nothing to an AND.
            if p.is_all() {
                every = true;
                continue;
            }
            let (occur, inner, neg) = match p {
                Clause::Not(inner) => (Occur::MustNot, &**inner, true),
                other => (Occur::Must, other, negated),
            };
            if let Some(q) = self.clause(inner, neg)? {
                positive |= occur == Occur::Must;
                clauses.push((occur, q));
            }
        }
        if clauses.is_empty() {
            return Ok(every.then(|| Box::new(AllQuery) as Box<dyn Query>));
        }
        if !positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// The index fields a text field searches, with their weights.
    fn fields_of(&self, field: TextField) -> Vec<(Field, f32)> {
        let f = self.c.fields;
        match field {
            TextField::Any => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
            TextField::Title => vec![(f.title, 1.0)],
            TextField::Body => vec![(f.body, 1.0)],
            TextField::Actor => vec![(f.actor_text, 1.0)],
            TextField::Author => vec![(f.authors, 1.0)],
        }
    }

    fn is_name(field: TextField) -> bool {
        matches!(field, TextField::Actor | TextField::Author)
    }

    fn word(&mut self, field: TextField, text: &str, prefix: bool, negated: bool) -> Built {
        let body = self.c.fields.body;
        if prefix {
            let mut should = Vec::new();
            for (fld, boost) in self.fields_of(field) {
                let for_snippet = !negated && fld == body;
                if let Some(q) = self.prefix_query(fld, text, for_snippet)? {
                    should.push((Occur::Should, boosted(q, boost)));
                }
            }
            return Ok(
                (!should.is_empty()).then(|| Box::new(BooleanQuery::new(should)) as Box<dyn Query>)
            );
        }
        if Self::is_name(field) {
            return Ok(self.phrase(field, text, 0, negated));
        }
        let tokens = self.c.tokens(schema::ENGLISH, text);
        if tokens.len() != 1 {
            return Ok(self.phrase(field, text, 0, negated));
        }
        let token = &tokens[0];
        let mut should = Vec::new();
        for (fld, boost) in self.fields_of(field) {
            let q = self.term_or_fuzzy(fld, token, !negated && fld == body);
            should.push((Occur::Should, boosted(q, boost)));
        }
        Ok(Some(Box::new(BooleanQuery::new(should))))
    }

    /// One token in one field: exact, or within an edit distance with `--fuzzy`.
    fn term_or_fuzzy(&mut self, field: Field, token: &str, for_snippet: bool) -> Box<dyn Query> {
        let term = Term::from_field_text(field, token);
        let chars = token.chars().count();
        if self.fuzzy && chars >= 4 {
            let distance = if chars >= 8 { 2 } else { 1 };
            if for_snippet {
                self.expand_fuzzy(field, token, distance);
            }
            return Box::new(FuzzyTermQuery::new(term, distance, true));
        }
        if for_snippet {
            self.snippet_terms.push(term.clone());
        }
        term_query(term, IndexRecordOption::WithFreqs)
    }

    fn phrase(
        &mut self,
        field: TextField,
        text: &str,
        slop: u32,
        negated: bool,
    ) -> Option<Box<dyn Query>> {
        if Self::is_name(field) {
            let (fld, _) = self.fields_of(field)[0];
            return Some(self.c.text_query(fld, schema::NAMES, text, slop));
        }
        let tokens = self.c.tokens(schema::ENGLISH, text);
        if tokens.is_empty() {
            return None;
        }
        if !negated {
            let body = self.c.fields.body;
            self.snippet_terms
                .extend(tokens.iter().map(|t| Term::from_field_text(body, t)));
        }
        let mut should = Vec::new();
        for (fld, boost) in self.fields_of(field) {
            let q = self.c.text_query(fld, schema::ENGLISH, text, slop);
            should.push((Occur::Should, boosted(q, boost)));
        }
        Some(Box::new(BooleanQuery::new(should)))
    }

    /// `talk*`: every indexed term of `field` starting with the (folded, unstemmed)
    /// prefix, looked up in the term dictionary; a prefix matching too many words is
    /// refused rather than silently cut.
    fn prefix_query(&mut self, field: Field, text: &str, for_snippet: bool) -> Built {
        let Some(prefix) = self.c.tokens(schema::NAMES, text).into_iter().next() else {
            return Ok(None);
        };
        let (mut terms, truncated) =
            self.dictionary_terms(field, &prefix, |_| true, MAX_PREFIX_TERMS);
        if truncated {
            return Err(QueryError::PrefixTooBroad(format!("{text}*")));
        }
        if field == self.c.fields.title || field == self.c.fields.body {
            terms.extend(self.shorter_stems(field, &prefix));
        }
        if for_snippet {
            self.snippet_terms
                .extend(terms.iter().take(MAX_SNIPPET_TERMS).cloned());
        }
        Ok(Some(if terms.is_empty() {
            Box::new(EmptyQuery)
        } else {
            Box::new(BooleanQuery::new_multiterms_query(terms))
        }))
    }

    /// The prefix's shorter stems (`query::shorter_stems`) as terms of `field`; a stem
    /// that is not in the index matches nothing.
    fn shorter_stems(&self, field: Field, prefix: &str) -> Vec<Term> {
        let stem = |word: &str| self.c.tokens(schema::ENGLISH, word).into_iter().next();
        (query::shorter_stems(prefix, stem).iter())
            .map(|stem| Term::from_field_text(field, stem))
            .collect()
    }

    /// Records the index terms a fuzzy word matches, so snippets can highlight them.
    fn expand_fuzzy(&mut self, field: Field, token: &str, distance: u8) {
        let first: String = token.chars().take(1).collect();
        let (found, _) = self.dictionary_terms(
            field,
            &first,
            |t| levenshtein_within(t, token, distance as usize),
            MAX_SNIPPET_TERMS,
        );
        self.snippet_terms.extend(found);
    }

    /// Terms of `field` that start with `start` and satisfy `keep`, across segments, at
    /// most `max` of them; the flag says whether more were left out.
    fn dictionary_terms(
        &self,
        field: Field,
        start: &str,
        keep: impl Fn(&str) -> bool,
        max: usize,
    ) -> (Vec<Term>, bool) {
        let mut out: HashMap<String, Term> = HashMap::new();
        let mut truncated = false;
        for seg in self.c.searcher.segment_readers() {
            let Ok(inv) = seg.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inv.terms().range().ge(start.as_bytes()).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !term.starts_with(start) {
                    break;
                }
                if keep(term) && !out.contains_key(term) {
                    if out.len() == max {
                        truncated = true;
                        break;
                    }
                    out.insert(term.to_string(), Term::from_field_text(field, term));
                }
            }
        }
        let mut terms: Vec<(String, Term)> = out.into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        (terms.into_iter().map(|(_, t)| t).collect(), truncated)
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// Damerau-free Levenshtein distance check with an early exit.
fn levenshtein_within(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().copied().unwrap_or(0) > max {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein() {
        assert!(levenshtein_within("pezeshkian", "pezeshkain", 2));
        assert!(levenshtein_within("iran", "iran", 0));
        assert!(!levenshtein_within("iran", "iraq", 0));
        assert!(levenshtein_within("iran", "iraq", 1));
        assert!(!levenshtein_within("sanction", "saturday", 2));
    }
}
