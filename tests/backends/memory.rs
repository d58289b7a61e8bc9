//! A toy back end that keeps articles in memory, for tests only: it implements the seam
//! (`Storage`, `Archive`) in the plainest way, so the suite can tell what belongs to the
//! commands and what to one engine. Words are lower-cased alphanumeric runs, never
//! stemmed; scores are counts of matched words, a title match weighing `TITLE_BOOST`.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::{Result, bail};
use newsidx::backend::{Archive, DocMaker, FileStamp, FileStates, Storage};
use newsidx::cli::IndexArgs;
use newsidx::query::timeline::{self, Interval};
use newsidx::query::{
    Clause, Counts, DateCounts, Facet, Filters, Hit, Hits, Key, Overview, SearchRequest, Selection,
    SimilarRequest, Snippet, Sort, TITLE_BOOST, TextField,
};
use newsidx::record::Record;

use super::suite::UnderTest;

/// The lower-cased alphanumeric runs of a text: what both the stored text and the query
/// words are cut into.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// One stored article: the record, its text, its file's stamp, and its fields already cut
/// into words (each field a list of values, as a title and a subtitle are two).
#[derive(Clone)]
pub struct Doc {
    record: Record,
    body: String,
    stamp: FileStamp,
    title: Vec<Vec<String>>,
    text: Vec<Vec<String>>,
    actors: Vec<Vec<String>>,
    authors: Vec<Vec<String>>,
}

pub struct Maker;

impl DocMaker for Maker {
    type Doc = Doc;

    fn make(&self, mut record: Record, file: &FileStamp) -> Doc {
        let body = record.body.take().unwrap_or_default();
        let title = std::iter::once(&record.title)
            .chain(&record.subtitle)
            .map(|t| words(t))
            .collect();
        let actors = record
            .actors
            .iter()
            .flat_map(|a| std::iter::once(&a.name).chain(&a.alias))
            .map(|n| words(n))
            .collect();
        let authors = record.authors.iter().map(|a| words(a)).collect();
        Doc {
            text: vec![words(&body)],
            body,
            stamp: *file,
            title,
            actors,
            authors,
            record,
        }
    }
}

/// The articles the last commit made visible, shared by every writer and reader.
#[derive(Clone, Default)]
pub struct Memory {
    committed: Arc<Mutex<Vec<Doc>>>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    fn committed(&self) -> MutexGuard<'_, Vec<Doc>> {
        // A test that panicked while holding the lock has failed already.
        self.committed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl UnderTest for Memory {
    type S = MemoryStorage;

    fn storage(&mut self, _args: &IndexArgs) -> MemoryStorage {
        MemoryStorage {
            pending: self.committed().clone(),
            shared: self.clone(),
        }
    }

    fn archive(&self) -> Box<dyn Archive + '_> {
        // A snapshot, as a reader of a real index sees the commit it opened.
        Box::new(MemoryArchive {
            docs: self.committed().clone(),
        })
    }
}

/// A writer: changes collect in `pending` and replace the shared list at `commit`.
pub struct MemoryStorage {
    shared: Memory,
    pending: Vec<Doc>,
}

impl Storage for MemoryStorage {
    type Maker = Maker;

    fn doc_maker(&self) -> Maker {
        Maker
    }

    fn files(&self) -> Result<FileStates> {
        let mut files = FileStates::default();
        for d in self.shared.committed().iter() {
            let f = files.entry(d.record.path.clone()).or_default();
            f.stamp = d.stamp;
            f.articles += 1;
        }
        Ok(files)
    }

    fn delete_file(&mut self, path: &str) -> Result<()> {
        self.pending.retain(|d| d.record.path != path);
        Ok(())
    }

    fn add(&mut self, doc: Doc) -> Result<()> {
        self.pending.push(doc);
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        *self.shared.committed() = self.pending.clone();
        Ok(())
    }

    fn finish(self) -> Result<()> {
        Ok(())
    }

    fn location(&self) -> String {
        "memory".into()
    }
}

/// Occurrences of `phrase` in the values of one field: starts where the words follow in
/// order with at most `slop` other words between them in all. A one-word phrase with
/// `prefix` matches every word that starts with it.
fn occurrences(values: &[Vec<String>], phrase: &[String], slop: u32, prefix: bool) -> usize {
    let Some((first, rest)) = phrase.split_first() else {
        return 0;
    };
    let mut n = 0;
    for v in values {
        for (start, w) in v.iter().enumerate() {
            let hit = if prefix {
                w.starts_with(first.as_str())
            } else {
                w == first
            };
            if !hit {
                continue;
            }
            // Each next word at its earliest place after the previous one: the smallest gap.
            let mut at = start;
            let found = rest.iter().all(|r| {
                let next = v[at + 1..].iter().position(|w| w == r);
                next.inspect(|i| at += i + 1).is_some()
            });
            if found && (at - start - rest.len()) as u32 <= slop {
                n += 1;
            }
        }
    }
    n
}

impl Doc {
    /// The values and weight of each stored field a query field searches.
    fn fields(&self, field: TextField) -> Vec<(&[Vec<String>], f32)> {
        match field {
            TextField::Any => vec![(&self.title, TITLE_BOOST), (&self.text, 1.0)],
            TextField::Title => vec![(&self.title, 1.0)],
            TextField::Body => vec![(&self.text, 1.0)],
            TextField::Actor => vec![(&self.actors, 1.0)],
            TextField::Author => vec![(&self.authors, 1.0)],
        }
    }

    fn text_score(&self, field: TextField, text: &str, slop: u32, prefix: bool) -> Option<f32> {
        let mut phrase = words(text);
        if prefix {
            phrase.truncate(1);
        }
        let score: f32 = self
            .fields(field)
            .into_iter()
            .map(|(values, weight)| occurrences(values, &phrase, slop, prefix) as f32 * weight)
            .sum();
        (score > 0.0).then_some(score)
    }

    fn date_in(&self, range: &newsidx::query::DateRange) -> bool {
        self.record.timestamp().is_some_and(|s| range.contains(s))
    }

    /// The clause's score for this article, or None when it does not match.
    fn score(&self, clause: &Clause) -> Option<f32> {
        let yes = |b: bool| b.then_some(0.0);
        match clause {
            Clause::All => Some(0.0),
            Clause::And(parts) => {
                let mut sum = 0.0;
                for p in parts.iter().filter(|p| !p.is_all()) {
                    sum += self.score(p)?;
                }
                Some(sum)
            }
            Clause::Or(parts) => parts
                .iter()
                .filter_map(|p| self.score(p))
                .reduce(|a, b| a + b),
            Clause::Not(inner) => yes(self.score(inner).is_none()),
            Clause::Word {
                field,
                text,
                prefix,
            } => self.text_score(*field, text, 0, *prefix),
            Clause::Phrase { field, text, slop } => self.text_score(*field, text, *slop, false),
            Clause::Country(code) => yes(self.record.countries.iter().any(|c| &c.code == code)),
            Clause::Source(s) => yes(self.source().as_ref() == Some(s)),
            Clause::Id(id) => yes(&self.record.id == id),
            Clause::Dates(range) => yes(self.date_in(range)),
            Clause::Has(key) => yes(self.has(*key)),
        }
    }

    fn has(&self, key: Key) -> bool {
        let r = &self.record;
        match key {
            Key::Actor => !r.actors.is_empty(),
            Key::Country => !r.countries.is_empty(),
            Key::Source => r.source.is_some(),
            Key::Date => r.date.is_some(),
            Key::Author => !r.authors.is_empty(),
        }
    }

    fn source(&self) -> Option<String> {
        self.record.source.as_ref().map(|s| s.to_lowercase())
    }

    fn passes(&self, f: &Filters) -> bool {
        let any = |wanted: &[String], have: &[String]| {
            wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
        };
        let codes: Vec<String> = self
            .record
            .countries
            .iter()
            .map(|c| c.code.clone())
            .collect();
        f.actors
            .iter()
            .all(|a| occurrences(&self.actors, &words(a), 0, false) > 0)
            && any(&f.countries, &codes)
            && any(&f.sources, &Vec::from_iter(self.source()))
            && any(&f.langs, &Vec::from_iter(self.record.lang.clone()))
            && (f.dates.is_open() || self.date_in(&f.dates))
    }

    /// The score when the article is selected.
    fn selected(&self, sel: &Selection) -> Option<f32> {
        if !self.passes(&sel.filters) {
            return None;
        }
        sel.query.as_ref().map_or(Some(0.0), |q| self.score(q))
    }

    fn hit(&self, score: f32) -> Hit {
        Hit::new(
            self.record.clone(),
            score,
            Snippet::opening(&self.body),
            Vec::new(),
        )
    }

    /// Words of three letters or more in the title and the text, for `similar`.
    fn vocabulary(&self) -> BTreeSet<&str> {
        self.title
            .iter()
            .chain(&self.text)
            .flatten()
            .filter(|w| w.chars().count() >= 3)
            .map(String::as_str)
            .collect()
    }
}

/// The committed articles at the moment the archive was opened.
pub struct MemoryArchive {
    docs: Vec<Doc>,
}

/// Puts scored articles in `sort` order: scores, or dates with undated ones last; ties by
/// date (newest first), then by id.
fn order(found: &mut [(f32, &Doc)], sort: Sort) {
    let date = |d: &Doc| d.record.timestamp();
    found.sort_by(|(sa, a), (sb, b)| {
        let newest = date(b).cmp(&date(a));
        let undated_last = date(a).is_none().cmp(&date(b).is_none());
        let first = match sort {
            Sort::Relevance => sb.total_cmp(sa),
            Sort::Newest => undated_last.then(newest),
            Sort::Oldest => undated_last.then(newest.reverse()),
        };
        first
            .then(newest)
            .then_with(|| a.record.id.cmp(&b.record.id))
    });
}

impl MemoryArchive {
    fn page(&self, mut found: Vec<(f32, &Doc)>, sort: Sort, offset: usize, limit: usize) -> Hits {
        order(&mut found, sort);
        Hits {
            total: found.len(),
            took: std::time::Duration::ZERO,
            hits: found
                .iter()
                .skip(offset)
                .take(limit)
                .map(|(s, d)| d.hit(*s))
                .collect(),
            note: None,
        }
    }

    fn selected<'a>(&'a self, sel: &'a Selection) -> impl Iterator<Item = (f32, &'a Doc)> {
        self.docs
            .iter()
            .filter_map(|d| d.selected(sel).map(|s| (s, d)))
    }

    fn find(&self, key: &str) -> Vec<&Doc> {
        let by_id: Vec<&Doc> = self.docs.iter().filter(|d| d.record.id == key).collect();
        if !by_id.is_empty() {
            return by_id;
        }
        self.docs.iter().filter(|d| d.record.path == key).collect()
    }
}

impl Archive for MemoryArchive {
    fn search(&self, req: &SearchRequest) -> Result<Hits> {
        let found: Vec<_> = self.selected(&req.selection).collect();
        let limit = if req.count_only { 0 } else { req.limit };
        Ok(self.page(found, req.effective_sort(), req.offset, limit))
    }

    fn similar(&self, req: &SimilarRequest) -> Result<Hits> {
        let Some(&like) = self.find(&req.id).first() else {
            bail!("no article with id or path '{}' in the index", req.id);
        };
        let vocabulary = like.vocabulary();
        let found = self
            .docs
            .iter()
            .filter(|d| d.record.id != like.record.id && d.passes(&req.filters))
            .map(|d| (d.vocabulary().intersection(&vocabulary).count() as f32, d))
            .filter(|(shared, _)| *shared > 0.0)
            .collect();
        Ok(self.page(found, Sort::Relevance, req.offset, req.limit))
    }

    fn top(&self, facet: Facet, selection: &Selection, limit: usize) -> Result<Counts> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        let mut total = 0;
        for (_, d) in self.selected(selection) {
            total += 1;
            let r = &d.record;
            let values: BTreeSet<String> = match facet {
                Facet::Actors => r.actors.iter().map(|a| a.name.clone()).collect(),
                Facet::Countries => r.countries.iter().map(|c| c.code.clone()).collect(),
                Facet::Sources => r.source.iter().cloned().collect(),
                Facet::Languages => r.lang.iter().cloned().collect(),
            };
            for v in values {
                *counts.entry(v).or_default() += 1;
            }
        }
        Ok(Counts::ranked(total, counts, limit))
    }

    fn dates(&self, selection: &Selection, by: Interval) -> Result<DateCounts> {
        let stamps: Vec<Option<i64>> = self
            .selected(selection)
            .map(|(_, d)| d.record.timestamp())
            .collect();
        let seconds: Vec<i64> = stamps.iter().flatten().copied().collect();
        Ok(DateCounts {
            periods: timeline::periods(&seconds, by),
            undated: stamps.iter().filter(|s| s.is_none()).count() as u64,
        })
    }

    fn get(&self, key: &str) -> Result<Vec<(Record, String)>> {
        Ok(self
            .find(key)
            .into_iter()
            .map(|d| (d.record.clone(), d.body.clone()))
            .collect())
    }

    fn overview(&self) -> Result<Overview> {
        Ok(Overview {
            location: "memory".into(),
            articles: self.docs.len() as u64,
            parts: 1,
            parts_name: "lists",
            size_bytes: self.docs.iter().map(|d| d.body.len() as u64).sum(),
        })
    }
}
