//! Search requests to results: turns the parsed query and the filters into one tantivy
//! query, runs it, and returns data (hits, facet counts, timeline buckets). Never prints.

pub mod parse;
pub mod timeline;

use std::collections::HashMap;
use std::ops::{Bound, Range};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery,
    MoreLikeThisQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, Term};

use crate::extract::{countries, dates};
use crate::index::{self, Fields, Store, reader, schema};
use crate::record::Record;
use parse::{Node, QField, SyntaxError};

/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 2.5;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;
/// A prefix matching more index words than this is refused as too broad.
const MAX_PREFIX_TERMS: usize = 1000;
/// Index words per query word that snippets highlight for prefixes and fuzzy matches.
const MAX_SNIPPET_TERMS: usize = 64;
/// `--fuzzy` builds an automaton per word; beyond this many words it is refused.
const MAX_FUZZY_WORDS: usize = 64;

/// Errors in what the user asked for (as opposed to index or I/O errors).
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    // Not `#[from]`: that would make the syntax error this one's source too, and
    // `{:#}` would print the message, query and caret twice.
    #[error("query syntax: {0}")]
    Syntax(SyntaxError),
    #[error("unknown country '{0}': use an ISO code (IR), a name (Iran) or a demonym (Iranian)")]
    UnknownCountry(String),
    #[error(transparent)]
    Date(#[from] dates::DateBoundError),
    #[error("{0} matches more than 1000 words; use a longer prefix")]
    PrefixTooBroad(String),
    #[error("--fuzzy works on queries of up to 64 words; this one has {0}")]
    TooManyFuzzyWords(usize),
    #[error("--from {from} is after --to {to}")]
    EmptyDateRange { from: String, to: String },
}

impl From<SyntaxError> for QueryError {
    fn from(e: SyntaxError) -> Self {
        QueryError::Syntax(e)
    }
}

/// Filters shared by search, top, timeline and similar.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// All must match.
    pub actors: Vec<String>,
    /// Any may match.
    pub countries: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Any may match.
    pub sources: Vec<String>,
    /// ISO 639-1 codes; any may match.
    pub langs: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub fuzzy: bool,
    pub collapse: bool,
    /// Skip loading records: only the total is wanted.
    pub count_only: bool,
}

/// A snippet: a passage of the body with the byte ranges of matched words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub record: Record,
    pub score: f32,
    pub snippet: Option<Snippet>,
    /// With `--collapse`: ids of near-duplicates folded into this hit.
    pub duplicates: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Hits {
    pub total: usize,
    pub took: Duration,
    pub hits: Vec<Hit>,
}

/// The search query, and the query used for snippets (None when no word matched).
pub type Compiled = (Box<dyn Query>, Option<Box<dyn Query>>);

/// An opened index ready to answer queries.
pub struct Session {
    pub store: Store,
    pub searcher: Searcher,
}

impl Session {
    pub fn open(dir: &Path) -> Result<Session> {
        let store = index::open(dir)?;
        let reader = store
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .context("cannot open index reader")?;
        let searcher = reader.searcher();
        Ok(Session { store, searcher })
    }

    fn fields(&self) -> &Fields {
        &self.store.fields
    }

    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// The query plus filters as one tantivy query; also returns the query used for
    /// snippets (never fuzzy, with fuzzy and prefix words expanded to real index terms).
    pub fn compile(
        &self,
        query: &str,
        filters: &Filters,
        fuzzy: bool,
    ) -> Result<Compiled, QueryError> {
        let ast = parse::parse(query)?;
        if fuzzy {
            let words = ast.as_ref().map_or(0, parse::Node::words);
            if words > MAX_FUZZY_WORDS {
                return Err(QueryError::TooManyFuzzyWords(words));
            }
        }
        let mut snippet_terms = Vec::new();
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // `*` alone is every article: the filters alone, as for an empty query.
        if let Some(ast) = ast.as_ref().filter(|a| !a.is_all()) {
            let mut b = Builder {
                s: self,
                fuzzy,
                snippet_terms: &mut snippet_terms,
            };
            if let Some(q) = b.node(ast, false)? {
                must.push((Occur::Must, q));
            }
        }
        for f in self.filter_queries(filters)? {
            must.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        let query: Box<dyn Query> = if must.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(must))
        };
        let snippet = (!snippet_terms.is_empty()).then(|| {
            let terms: Vec<(Occur, Box<dyn Query>)> = snippet_terms
                .into_iter()
                .map(|t| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>,
                    )
                })
                .collect();
            Box::new(BooleanQuery::new(terms)) as Box<dyn Query>
        });
        Ok((query, snippet))
    }

    fn filter_queries(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>, QueryError> {
        let f = self.fields();
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for actor in &filters.actors {
            out.push(self.text_query(f.actor_text, schema::NAMES, actor, 0));
        }
        if !filters.countries.is_empty() {
            let mut any = Vec::new();
            for c in &filters.countries {
                any.push((Occur::Should, self.country_query(c)?));
            }
            out.push(Box::new(BooleanQuery::new(any)));
        }
        if !filters.sources.is_empty() {
            let any = filters
                .sources
                .iter()
                .map(|s| (Occur::Should, self.source_query(s)))
                .collect();
            out.push(Box::new(BooleanQuery::new(any)));
        }
        if !filters.langs.is_empty() {
            let any = filters
                .langs
                .iter()
                .map(|l| {
                    let term = Term::from_field_text(self.fields().lang, &l.trim().to_lowercase());
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                    )
                })
                .collect();
            out.push(Box::new(BooleanQuery::new(any)));
        }
        if filters.from.is_some() || filters.to.is_some() {
            let now = Utc::now();
            let from = filters
                .from
                .as_deref()
                .map(|s| dates::parse_bound(s, false, now))
                .transpose()?;
            let to = filters
                .to
                .as_deref()
                .map(|s| dates::parse_bound(s, true, now))
                .transpose()?;
            if let (Some(a), Some(b)) = (from, to)
                && a >= b
            {
                return Err(QueryError::EmptyDateRange {
                    from: filters.from.clone().unwrap_or_default(),
                    to: filters.to.clone().unwrap_or_default(),
                });
            }
            out.push(self.date_range(from, to));
        }
        Ok(out)
    }

    fn country_query(&self, name: &str) -> Result<Box<dyn Query>, QueryError> {
        let country =
            countries::lookup(name).ok_or_else(|| QueryError::UnknownCountry(name.to_string()))?;
        Ok(Box::new(TermQuery::new(
            Term::from_field_text(self.fields().country, country.code),
            IndexRecordOption::Basic,
        )))
    }

    fn source_query(&self, name: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields().source, &name.trim().to_lowercase()),
            IndexRecordOption::Basic,
        ))
    }

    fn date_range(&self, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> Box<dyn Query> {
        let term = |d: DateTime<Utc>| {
            Term::from_field_date(self.fields().date, index::date_value(d.timestamp()))
        };
        Box::new(RangeQuery::new(
            from.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            to.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d))),
        ))
    }

    /// Tokens of `text` as the analyzer `tokenizer` produces them.
    fn tokens(&self, tokenizer: &str, text: &str) -> Vec<String> {
        let Some(mut analyzer) = self.store.index.tokenizers().get(tokenizer) else {
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
            1 => Box::new(TermQuery::new(
                Term::from_field_text(field, &tokens[0]),
                IndexRecordOption::WithFreqs,
            )),
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

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<Hits> {
        let started = Instant::now();
        let (query, snippet_query) = self.compile(&req.query, &req.filters, req.fuzzy)?;
        let sort = if req.sort == Sort::Relevance && wordless(&req.query) {
            // Without words (an empty query, `*`) every score is equal; newest first is
            // what people expect.
            Sort::Newest
        } else {
            req.sort
        };
        let cap = self.searcher.num_docs() as usize;
        let want = if req.collapse {
            // Fetch extra, since folded duplicates leave gaps in the page.
            // Saturating: --limit and --offset accept any usize from the command line.
            (req.offset.saturating_add(req.limit))
                .saturating_mul(4)
                .saturating_add(50)
                .min(cap)
        } else {
            req.offset.saturating_add(req.limit).min(cap)
        };
        if req.count_only || want == 0 || req.limit == 0 || req.offset >= cap {
            let total = self.searcher.search(&*query, &Count)?;
            return Ok(Hits {
                total,
                took: started.elapsed(),
                hits: Vec::new(),
            });
        }
        let (total, ranked) = self.ranked(&*query, sort, want)?;
        let mut ranked = ranked;
        let mut duplicates: Vec<Vec<String>> = vec![Vec::new(); ranked.len()];
        if req.collapse {
            let (kept, dups) = self.collapse(&ranked)?;
            ranked = kept;
            duplicates = dups;
        }
        let generator = match &snippet_query {
            Some(q) => Some(
                SnippetGenerator::create(&self.searcher, &**q, self.fields().body)
                    .map(|mut g| {
                        g.set_max_num_chars(SNIPPET_CHARS);
                        g
                    })
                    .context("cannot build snippets")?,
            ),
            None => None,
        };
        let mut hits = Vec::new();
        for (i, (score, addr)) in ranked
            .into_iter()
            .enumerate()
            .skip(req.offset)
            .take(req.limit)
        {
            hits.push(self.hit(
                score,
                addr,
                generator.as_ref(),
                std::mem::take(&mut duplicates[i]),
            )?);
        }
        Ok(Hits {
            total,
            took: started.elapsed(),
            hits,
        })
    }

    /// The top `want` documents in the requested order, with the total match count.
    /// Ties break on date, then on document order, so results are deterministic.
    fn ranked(
        &self,
        query: &dyn Query,
        sort: Sort,
        want: usize,
    ) -> Result<(usize, Vec<(f32, DocAddress)>)> {
        let top = TopDocs::with_limit(want);
        let date = || SortByStaticFastValue::<tantivy::DateTime>::for_field("date");
        Ok(match sort {
            Sort::Relevance => {
                let c = top.order_by(((SortBySimilarityScore, Order::Desc), (date(), Order::Desc)));
                let (total, docs) = self.searcher.search(query, &(Count, c))?;
                (total, docs.into_iter().map(|((s, _), a)| (s, a)).collect())
            }
            Sort::Newest | Sort::Oldest => {
                let order = if sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let c = top.order_by(((date(), order), (SortBySimilarityScore, Order::Desc)));
                let (total, docs) = self.searcher.search(query, &(Count, c))?;
                (total, docs.into_iter().map(|((_, s), a)| (s, a)).collect())
            }
        })
    }

    /// Greedy grouping of near-duplicates, in rank order: each story is shown once, at
    /// the rank of its best copy. Fingerprints pick candidates; bodies confirm them.
    #[allow(clippy::type_complexity)]
    fn collapse(
        &self,
        ranked: &[(f32, DocAddress)],
    ) -> Result<(Vec<(f32, DocAddress)>, Vec<Vec<String>>)> {
        struct Kept {
            score: f32,
            addr: DocAddress,
            fp: u64,
            body: Option<String>,
        }
        let mut kept: Vec<Kept> = Vec::new();
        let mut dups: Vec<Vec<String>> = Vec::new();
        for &(score, addr) in ranked {
            let fp = self.fingerprint(addr)?;
            let mut body: Option<String> = None;
            let mut group = None;
            for (i, k) in kept.iter_mut().enumerate() {
                if !crate::fingerprint::is_candidate(k.fp, fp) {
                    continue;
                }
                if k.body.is_none() {
                    k.body =
                        Some(reader::record_at(&self.searcher, self.fields(), k.addr, true)?.1);
                }
                if body.is_none() {
                    body = Some(reader::record_at(&self.searcher, self.fields(), addr, true)?.1);
                }
                let (a, b) = (
                    k.body.as_deref().unwrap_or(""),
                    body.as_deref().unwrap_or(""),
                );
                if crate::fingerprint::jaccard(a, b) >= crate::fingerprint::SAME_STORY_JACCARD {
                    group = Some(i);
                    break;
                }
            }
            match group {
                Some(i) => dups[i].push(self.id_of(addr)?),
                None => {
                    kept.push(Kept {
                        score,
                        addr,
                        fp,
                        body,
                    });
                    dups.push(Vec::new());
                }
            }
        }
        Ok((kept.into_iter().map(|k| (k.score, k.addr)).collect(), dups))
    }

    /// Loads one hit's record and builds its snippet.
    fn hit(
        &self,
        score: f32,
        addr: DocAddress,
        generator: Option<&SnippetGenerator>,
        duplicates: Vec<String>,
    ) -> Result<Hit> {
        let (mut record, body) = reader::record_at(&self.searcher, self.fields(), addr, true)?;
        let snippet = make_snippet(generator, &body);
        record.score = Some(score);
        record.snippet = Some(snippet.text.clone());
        Ok(Hit {
            record,
            score,
            snippet: Some(snippet),
            duplicates,
        })
    }

    fn fingerprint(&self, addr: DocAddress) -> Result<u64> {
        let seg = self.searcher.segment_reader(addr.segment_ord);
        Ok(seg
            .fast_fields()
            .u64("fingerprint")?
            .first(addr.doc_id)
            .unwrap_or(0))
    }

    fn id_of(&self, addr: DocAddress) -> Result<String> {
        let seg = self.searcher.segment_reader(addr.segment_ord);
        let mut s = String::new();
        if let Some(col) = seg.fast_fields().str("id")?
            && let Some(ord) = col.term_ords(addr.doc_id).next()
        {
            col.ord_to_str(ord, &mut s)?;
        }
        Ok(s)
    }

    /// Stories like the article `id`: more-like-this on its words, with the filters.
    pub fn similar(
        &self,
        id: &str,
        filters: &Filters,
        limit: usize,
        offset: usize,
    ) -> Result<Hits> {
        let started = Instant::now();
        let addrs = reader::find(&self.searcher, self.fields(), id)?;
        let Some(&addr) = addrs.first() else {
            anyhow::bail!("no article with id or path '{id}' in the index");
        };
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_max_query_terms(30)
            .with_min_word_length(3)
            .with_document(addr);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(mlt)),
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields().id, &self.id_of(addr)?),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        for f in self.filter_queries(filters)? {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        let query = BooleanQuery::new(clauses);
        let cap = self.searcher.num_docs() as usize;
        let want = offset.saturating_add(limit).min(cap);
        if want == 0 || limit == 0 {
            let total = self.searcher.search(&query, &Count)?;
            return Ok(Hits {
                total,
                took: started.elapsed(),
                hits: Vec::new(),
            });
        }
        let (total, ranked) = self.ranked(&query, Sort::Relevance, want)?;
        let mut hits = Vec::new();
        for (score, addr) in ranked.into_iter().skip(offset).take(limit) {
            hits.push(self.hit(score, addr, None, Vec::new())?);
        }
        Ok(Hits {
            total,
            took: started.elapsed(),
            hits,
        })
    }

    /// Counts of matching articles per actor, country or source, most frequent first.
    pub fn top(
        &self,
        facet: Facet,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<(usize, Vec<(String, u64)>)> {
        let (q, _) = self.compile(query, filters, false)?;
        let (total, counts) = self.searcher.search(
            &*q,
            &(
                Count,
                reader::TermCounts {
                    field: facet.field(),
                },
            ),
        )?;
        let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts.truncate(limit);
        Ok((total, counts))
    }

    /// Dates of matching articles.
    pub fn dates(&self, query: &str, filters: &Filters) -> Result<reader::DateFruit> {
        let (q, _) = self.compile(query, filters, false)?;
        Ok(self.searcher.search(&*q, &reader::Dates)?)
    }

    /// Stored records for an id (or file path).
    pub fn get(&self, key: &str) -> Result<Vec<(Record, String)>> {
        reader::find(&self.searcher, self.fields(), key)?
            .into_iter()
            .map(|a| reader::record_at(&self.searcher, self.fields(), a, true))
            .collect()
    }
}

/// True for a query with no words to rank by: empty, or every article (`*`, `*:*`).
fn wordless(query: &str) -> bool {
    parse::parse(query).is_ok_and(|ast| ast.is_none_or(|a| a.is_all()))
}

/// What `top` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Actors,
    Countries,
    Sources,
    Languages,
}

impl Facet {
    fn field(self) -> &'static str {
        match self {
            Facet::Actors => "actor",
            Facet::Countries => "country",
            Facet::Sources => "source",
            Facet::Languages => "lang",
        }
    }
}

/// The best passage of the body, or its opening when no word matched there.
fn make_snippet(generator: Option<&SnippetGenerator>, body: &str) -> Snippet {
    if let Some(g) = generator {
        let s = g.snippet(body);
        if !s.is_empty() && !s.highlighted().is_empty() {
            // Ellipses show the passage was cut out of a longer text.
            let range = s.fragment_range();
            let lead = if range.start > 0 { "…" } else { "" };
            let tail = if range.end < body.trim_end().len() {
                "…"
            } else {
                ""
            };
            let shift = lead.len();
            return Snippet {
                text: format!("{lead}{}{tail}", s.fragment().trim_end()),
                highlights: s
                    .highlighted()
                    .iter()
                    .map(|h| h.start + shift..h.end + shift)
                    .collect(),
            };
        }
    }
    let text: String = body.chars().take(SNIPPET_CHARS).collect();
    let cut = text
        .rfind(char::is_whitespace)
        .filter(|_| body.len() > text.len());
    Snippet {
        text: cut.map_or(text.clone(), |i| format!("{}…", &text[..i])),
        highlights: Vec::new(),
    }
}

/// Turns AST nodes into tantivy queries.
struct Builder<'a> {
    s: &'a Session,
    fuzzy: bool,
    snippet_terms: &'a mut Vec<Term>,
}

impl Builder<'_> {
    fn node(&mut self, node: &Node, negated: bool) -> Result<Option<Box<dyn Query>>, QueryError> {
        Ok(match node {
            Node::All { .. } => Some(Box::new(AllQuery)),
            Node::And(parts) => {
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
                        Node::Not(inner) => (Occur::MustNot, &**inner, true),
                        other => (Occur::Must, other, negated),
                    };
                    if let Some(q) = self.node(inner, neg)? {
                        positive |= occur == Occur::Must;
                        clauses.push((occur, q));
                    }
                }
                if clauses.is_empty() {
                    every.then(|| Box::new(AllQuery) as Box<dyn Query>)
                } else {
                    if !positive {
                        clauses.push((Occur::Must, Box::new(AllQuery)));
                    }
                    Some(Box::new(BooleanQuery::new(clauses)))
                }
            }
            Node::Or(parts) => {
                let mut clauses = Vec::new();
                for p in parts {
                    if let Some(q) = self.node(p, negated)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Node::Not(inner) => self.node(inner, true)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, q),
                ])) as Box<dyn Query>
            }),
            Node::Word {
                field,
                text,
                prefix,
                ..
            } => self.word(*field, text, *prefix, negated)?,
            Node::Phrase {
                field, text, slop, ..
            } => self.phrase(*field, text, *slop, negated)?,
            Node::Range {
                field: _, from, to, ..
            } => {
                let now = Utc::now();
                let from = from
                    .as_deref()
                    .map(|s| dates::parse_bound(s, false, now))
                    .transpose()?;
                let to = to
                    .as_deref()
                    .map(|s| dates::parse_bound(s, true, now))
                    .transpose()?;
                Some(self.s.date_range(from, to))
            }
        })
    }

    fn text_fields(&self, field: Option<QField>) -> Vec<(Field, f32)> {
        let f = self.s.fields();
        match field {
            None => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
            Some(QField::Title) => vec![(f.title, 1.0)],
            _ => vec![(f.body, 1.0)],
        }
    }

    fn word(
        &mut self,
        field: Option<QField>,
        text: &str,
        prefix: bool,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let f = self.s.fields().clone();
        match field {
            Some(QField::Country) => return Ok(Some(self.s.country_query(text)?)),
            Some(QField::Source) => return Ok(Some(self.s.source_query(text))),
            Some(QField::Date) => {
                let now = Utc::now();
                let from = dates::parse_bound(text, false, now)?;
                let to = dates::parse_bound(text, true, now)?;
                return Ok(Some(self.s.date_range(Some(from), Some(to))));
            }
            Some(QField::Id) => {
                return Ok(Some(Box::new(TermQuery::new(
                    Term::from_field_text(f.id, text),
                    IndexRecordOption::Basic,
                ))));
            }
            Some(QField::Actor) | Some(QField::Author) => {
                let target = if field == Some(QField::Actor) {
                    f.actor_text
                } else {
                    f.authors
                };
                if prefix {
                    return self.prefix_query(target, schema::NAMES, text, false);
                }
                return Ok(Some(self.s.text_query(target, schema::NAMES, text, 0)));
            }
            _ => {}
        }
        if prefix {
            let mut should = Vec::new();
            for (fld, boost) in self.text_fields(field) {
                if let Some(q) =
                    self.prefix_query(fld, schema::NAMES, text, !negated && fld == f.body)?
                {
                    should.push((Occur::Should, boosted(q, boost)));
                }
            }
            return Ok(
                (!should.is_empty()).then(|| Box::new(BooleanQuery::new(should)) as Box<dyn Query>)
            );
        }
        let tokens = self.s.tokens(schema::ENGLISH, text);
        if tokens.is_empty() {
            return Ok(None);
        }
        if tokens.len() > 1 {
            return self.phrase(field, text, 0, negated);
        }
        let token = &tokens[0];
        let mut should = Vec::new();
        for (fld, boost) in self.text_fields(field) {
            let term = Term::from_field_text(fld, token);
            let q: Box<dyn Query> = if self.fuzzy && token.chars().count() >= 4 {
                let distance = if token.chars().count() >= 8 { 2 } else { 1 };
                if !negated && fld == f.body {
                    self.expand_fuzzy(fld, token, distance);
                }
                Box::new(FuzzyTermQuery::new(term, distance, true))
            } else {
                if !negated && fld == f.body {
                    self.snippet_terms.push(term.clone());
                }
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
            };
            should.push((Occur::Should, boosted(q, boost)));
        }
        Ok(Some(Box::new(BooleanQuery::new(should))))
    }

    fn phrase(
        &mut self,
        field: Option<QField>,
        text: &str,
        slop: u32,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let f = self.s.fields().clone();
        match field {
            Some(QField::Actor) => {
                return Ok(Some(self.s.text_query(
                    f.actor_text,
                    schema::NAMES,
                    text,
                    slop,
                )));
            }
            Some(QField::Author) => {
                return Ok(Some(self.s.text_query(
                    f.authors,
                    schema::NAMES,
                    text,
                    slop,
                )));
            }
            Some(QField::Country)
            | Some(QField::Source)
            | Some(QField::Date)
            | Some(QField::Id) => {
                return self.word(field, text, false, negated);
            }
            _ => {}
        }
        let tokens = self.s.tokens(schema::ENGLISH, text);
        if tokens.is_empty() {
            return Ok(None);
        }
        if !negated {
            self.snippet_terms
                .extend(tokens.iter().map(|t| Term::from_field_text(f.body, t)));
        }
        let mut should = Vec::new();
        for (fld, boost) in self.text_fields(field) {
            let q = self.s.text_query(fld, schema::ENGLISH, text, slop);
            should.push((Occur::Should, boosted(q, boost)));
        }
        Ok(Some(Box::new(BooleanQuery::new(should))))
    }

    /// `talk*`: every indexed term of `field` starting with the (folded, unstemmed) prefix,
    /// looked up in the term dictionary; a prefix matching too many words is refused
    /// rather than silently cut.
    fn prefix_query(
        &mut self,
        field: Field,
        tokenizer: &str,
        text: &str,
        for_snippet: bool,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let Some(prefix) = self.s.tokens(tokenizer, text).into_iter().next() else {
            return Ok(None);
        };
        let (terms, truncated) = self.dictionary_terms(field, &prefix, |_| true, MAX_PREFIX_TERMS);
        if truncated {
            return Err(QueryError::PrefixTooBroad(format!("{text}*")));
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
        for seg in self.s.searcher.segment_readers() {
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
