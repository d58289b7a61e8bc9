//! Answering questions from the local index: the `Archive` side of the tantivy back end.
//! Ranking, paging, collapsing near-duplicates, snippets, facet and date counts.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EnableScoring, MoreLikeThisQuery, Occur, Query,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Executor, Order, Searcher};

use super::compile::Compiler;
use super::{Store, facets, reader, schema};
use crate::backend::Archive;
use crate::query::timeline::Interval;
use crate::query::{
    Counts, DateCounts, Facet, Hit, Hits, Overview, SNIPPET_CHARS, SearchRequest, Selection,
    SimilarRequest, Snippet, Sort,
};
use crate::record::Record;

/// More counting threads than this gain little: the segments' sizes are uneven.
const MAX_COUNT_THREADS: usize = 4;

/// An opened index ready to answer queries.
pub struct Session {
    store: Store,
    searcher: Searcher,
}

impl Session {
    pub fn open(dir: &Path) -> Result<Session> {
        let store = super::open(dir)?;
        let reader = store
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .context("cannot open index reader")?;
        let searcher = reader.searcher();
        Ok(Session { store, searcher })
    }

    fn compiler(&self) -> Compiler<'_> {
        Compiler {
            index: &self.store.index,
            searcher: &self.searcher,
            fields: &self.store.fields,
        }
    }

    /// Runs a counting collector over the segments on up to one thread per core: counts
    /// read every matching document's column values, milliseconds per segment at a
    /// million articles, while a search for the best few hits is cheaper than a thread.
    fn count<C: Collector>(&self, query: &dyn Query, collector: &C) -> Result<C::Fruit> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = cores
            .min(self.searcher.segment_readers().len())
            .min(MAX_COUNT_THREADS);
        let executor = if threads > 1 {
            Executor::multi_thread(threads, "newsidx-count-")?
        } else {
            Executor::single_thread()
        };
        let scoring = EnableScoring::disabled_from_searcher(&self.searcher);
        Ok(self
            .searcher
            .search_with_executor(query, collector, &executor, scoring)?)
    }

    fn hits(&self, started: Instant, total: usize, hits: Vec<Hit>) -> Hits {
        Hits {
            total,
            took: started.elapsed(),
            hits,
            ..Hits::default()
        }
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
        let date = || SortByStaticFastValue::<tantivy::DateTime>::for_field(schema::DATE);
        if sort == Sort::Relevance {
            let c = top.order_by(((SortBySimilarityScore, Order::Desc), (date(), Order::Desc)));
            let (total, docs) = self.searcher.search(query, &(Count, c))?;
            return Ok((total, docs.into_iter().map(|((s, _), a)| (s, a)).collect()));
        }
        let order = if sort == Sort::Newest {
            Order::Desc
        } else {
            Order::Asc
        };
        let c = top.order_by(((date(), order), (SortBySimilarityScore, Order::Desc)));
        let (total, docs) = self.searcher.search(query, &(Count, c))?;
        Ok((total, docs.into_iter().map(|((_, s), a)| (s, a)).collect()))
    }

    /// Greedy grouping of near-duplicates, in rank order: each story is shown once, at
    /// the rank of its best copy. Fingerprints pick candidates; bodies confirm them.
    fn collapse(&self, ranked: Vec<(f32, DocAddress)>) -> Result<Vec<Ranked>> {
        let mut kept: Vec<Ranked> = Vec::new();
        for (score, addr) in ranked {
            let fp = self.fingerprint(addr)?;
            let mut body: Option<String> = None;
            let mut group = None;
            for (i, k) in kept.iter_mut().enumerate() {
                if !crate::fingerprint::is_candidate(k.fingerprint, fp) {
                    continue;
                }
                let theirs = match &k.body {
                    Some(b) => b,
                    None => k.body.insert(self.body(k.addr)?),
                };
                let ours = match &body {
                    Some(b) => b,
                    None => body.insert(self.body(addr)?),
                };
                if crate::fingerprint::jaccard(theirs, ours)
                    >= crate::fingerprint::SAME_STORY_JACCARD
                {
                    group = Some(i);
                    break;
                }
            }
            match group {
                Some(i) => {
                    let id = self.id_of(addr)?;
                    kept[i].duplicates.push(id);
                }
                None => kept.push(Ranked {
                    score,
                    addr,
                    fingerprint: fp,
                    body,
                    duplicates: Vec::new(),
                }),
            }
        }
        Ok(kept)
    }

    fn body(&self, addr: DocAddress) -> Result<String> {
        Ok(reader::record_at(&self.searcher, &self.store.fields, addr, true)?.1)
    }

    /// Loads one hit's record and builds its snippet.
    fn hit(&self, r: Ranked, generator: Option<&SnippetGenerator>) -> Result<Hit> {
        let (record, body) = reader::record_at(&self.searcher, &self.store.fields, r.addr, true)?;
        let snippet = make_snippet(generator, &body);
        Ok(Hit::new(record, r.score, snippet, r.duplicates))
    }

    fn fingerprint(&self, addr: DocAddress) -> Result<u64> {
        let seg = self.searcher.segment_reader(addr.segment_ord);
        Ok(seg
            .fast_fields()
            .u64(schema::FINGERPRINT)?
            .first(addr.doc_id)
            .unwrap_or(0))
    }

    fn id_of(&self, addr: DocAddress) -> Result<String> {
        let seg = self.searcher.segment_reader(addr.segment_ord);
        let mut s = String::new();
        if let Some(col) = seg.fast_fields().str(schema::ID)?
            && let Some(ord) = col.term_ords(addr.doc_id).next()
        {
            col.ord_to_str(ord, &mut s)?;
        }
        Ok(s)
    }

    fn snippets(&self, query: Option<&dyn Query>) -> Result<Option<SnippetGenerator>> {
        let Some(q) = query else { return Ok(None) };
        let mut g = SnippetGenerator::create(&self.searcher, q, self.store.fields.body)
            .context("cannot build snippets")?;
        g.set_max_num_chars(SNIPPET_CHARS);
        Ok(Some(g))
    }
}

/// A ranked document on its way to becoming a hit.
struct Ranked {
    score: f32,
    addr: DocAddress,
    fingerprint: u64,
    body: Option<String>,
    duplicates: Vec<String>,
}

impl Ranked {
    fn plain((score, addr): (f32, DocAddress)) -> Ranked {
        Ranked {
            score,
            addr,
            fingerprint: 0,
            body: None,
            duplicates: Vec::new(),
        }
    }
}

impl Archive for Session {
    fn search(&self, req: &SearchRequest) -> Result<Hits> {
        let started = Instant::now();
        let (query, snippet_query) = self.compiler().compile(&req.selection, req.fuzzy)?;
        let cap = self.searcher.num_docs() as usize;
        let want = req.wanted(cap);
        if req.count_only || want == 0 || req.limit == 0 || req.offset >= cap {
            let total = self.searcher.search(&*query, &Count)?;
            return Ok(self.hits(started, total, Vec::new()));
        }
        let (total, ranked) = self.ranked(&*query, req.effective_sort(), want)?;
        let ranked = if req.collapse {
            self.collapse(ranked)?
        } else {
            ranked.into_iter().map(Ranked::plain).collect()
        };
        let generator = self.snippets(snippet_query.as_deref())?;
        let hits = ranked
            .into_iter()
            .skip(req.offset)
            .take(req.limit)
            .map(|r| self.hit(r, generator.as_ref()))
            .collect::<Result<_>>()?;
        Ok(self.hits(started, total, hits))
    }

    fn similar(&self, req: &SimilarRequest) -> Result<Hits> {
        let started = Instant::now();
        let fields = &self.store.fields;
        let Some(&addr) = reader::find(&self.searcher, fields, &req.id)?.first() else {
            anyhow::bail!("no article with id or path '{}' in the index", req.id);
        };
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_max_query_terms(30)
            .with_min_word_length(3)
            .with_document(addr);
        let itself = Selection {
            query: Some(crate::query::Clause::Id(self.id_of(addr)?)),
            ..Selection::default()
        };
        let (itself, _) = self.compiler().compile(&itself, false)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(mlt)), (Occur::MustNot, itself)];
        for f in self.compiler().filter_queries(&req.filters) {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        let query = BooleanQuery::new(clauses);
        let want = req
            .offset
            .saturating_add(req.limit)
            .min(self.searcher.num_docs() as usize);
        if want == 0 || req.limit == 0 {
            let total = self.searcher.search(&query, &Count)?;
            return Ok(self.hits(started, total, Vec::new()));
        }
        let (total, ranked) = self.ranked(&query, Sort::Relevance, want)?;
        let hits = ranked
            .into_iter()
            .skip(req.offset)
            .take(req.limit)
            .map(|r| self.hit(Ranked::plain(r), None))
            .collect::<Result<_>>()?;
        Ok(self.hits(started, total, hits))
    }

    fn top(&self, facet: Facet, selection: &Selection, limit: usize) -> Result<Counts> {
        let (q, _) = self.compiler().compile(selection, false)?;
        let field = match facet {
            Facet::Actors => schema::ACTOR,
            Facet::Countries => schema::COUNTRY,
            Facet::Sources => schema::SOURCE,
            Facet::Languages => schema::LANG,
        };
        let (total, segments) = if selection.selects_everything() {
            let segments = facets::count_every_value(&self.searcher, field)?;
            (self.searcher.num_docs() as usize, segments)
        } else {
            self.count(&*q, &(Count, facets::TermCounts { field }))?
        };
        let counts = facets::top_terms(&segments, limit).context("cannot read facet names")?;
        Ok(Counts::ranked(total, counts, limit))
    }

    fn dates(&self, selection: &Selection, by: Interval) -> Result<DateCounts> {
        let (q, _) = self.compiler().compile(selection, false)?;
        let found = if selection.selects_everything() {
            reader::count_every_day(&self.searcher)?
        } else {
            self.count(&*q, &reader::DayCounts)?
        };
        Ok(DateCounts {
            periods: crate::query::timeline::periods_of_days(found.days, by),
            undated: found.undated,
        })
    }

    fn get(&self, key: &str) -> Result<Vec<(Record, String)>> {
        reader::find(&self.searcher, &self.store.fields, key)?
            .into_iter()
            .map(|a| reader::record_at(&self.searcher, &self.store.fields, a, true))
            .collect()
    }

    fn overview(&self) -> Result<Overview> {
        let dir = &self.store.dir;
        Ok(Overview {
            location: std::fs::canonicalize(dir)
                .unwrap_or_else(|_| dir.clone())
                .display()
                .to_string(),
            articles: self.searcher.num_docs(),
            parts: self.searcher.segment_readers().len(),
            parts_name: "segments",
            size_bytes: super::disk_size(dir),
        })
    }
}

/// The best passage of the body, or its opening when no word matched there.
fn make_snippet(generator: Option<&SnippetGenerator>, body: &str) -> Snippet {
    let Some(g) = generator else {
        return Snippet::opening(body);
    };
    let s = g.snippet(body);
    if s.is_empty() || s.highlighted().is_empty() {
        return Snippet::opening(body);
    }
    // Ellipses show the passage was cut out of a longer text.
    let range = s.fragment_range();
    let lead = if range.start > 0 { "…" } else { "" };
    let tail = if range.end < body.trim_end().len() {
        "…"
    } else {
        ""
    };
    let shift = lead.len();
    Snippet {
        text: format!("{lead}{}{tail}", s.fragment().trim_end()),
        highlights: s
            .highlighted()
            .iter()
            .map(|h| h.start + shift..h.end + shift)
            .collect(),
    }
}
