//! Writing the local index: the `Storage` side of the tantivy back end. One writer per
//! index (a lock says so), documents built from records, the file bookkeeping read back
//! from fast fields.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::directory::error::LockError;
use tantivy::indexer::IndexWriterOptions;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, TantivyError, Term};

mod queue;

use super::{Fields, IndexError, Store, merge, schema};
use crate::backend::{DocMaker, FileStamp, FileState, FileStates, Storage};
use crate::fingerprint;
use crate::record::Record;
use queue::{Queue, Queued};

/// The open writer of a local index.
pub struct IndexStorage {
    store: Store,
    writer: IndexWriter<Queued>,
    queue: Queue,
}

impl IndexStorage {
    /// Opens (or creates, or with `rebuild` recreates) the index and takes its writer
    /// lock. `memory_bytes` is shared by `threads` writer threads (the indexer decides
    /// how many its reading threads need).
    pub fn open(dir: &Path, rebuild: bool, memory_bytes: usize, threads: usize) -> Result<Self> {
        let store = super::open_or_create(dir, rebuild)?;
        schema::register_indexing_tokenizers(&store.index);
        let threads = threads.max(1);
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(memory_bytes / threads)
            .num_merge_threads(merge::MERGE_THREADS)
            .build();
        let writer = store
            .index
            .writer_with_options(options)
            .map_err(|e| lock_failed(dir, e))?;
        writer.set_merge_policy(Box::new(merge::CappedMergePolicy::new(
            merge::MAX_MERGED_DOCS,
        )));
        let queue = Queue::new(queue::QUEUED_DOCS);
        Ok(IndexStorage {
            store,
            writer,
            queue,
        })
    }

    fn failed(&self, e: TantivyError) -> anyhow::Error {
        write_failed(&self.store.dir, e)
    }
}

/// The writer lock held elsewhere is `Locked`; a folder where the lock file cannot even
/// be opened is a read-only one, not a busy one.
fn lock_failed(dir: &Path, e: TantivyError) -> anyhow::Error {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            IndexError::Locked(dir.to_path_buf()).into()
        }
        TantivyError::LockFailure(LockError::IoError(io), _) => {
            anyhow::anyhow!("cannot write to index {}: {io}", dir.display())
        }
        other => {
            anyhow::Error::new(other).context(format!("cannot write to index {}", dir.display()))
        }
    }
}

/// A failed write names the index and the likely cause. tantivy reports a worker's I/O
/// error (a full disk, a read-only folder) only as "an index writer was killed".
fn write_failed(dir: &Path, e: TantivyError) -> anyhow::Error {
    anyhow::Error::new(e).context(format!(
        "cannot write to index {} (is the disk full or the folder read-only?); \
         the last commit is intact",
        dir.display()
    ))
}

impl Storage for IndexStorage {
    type Maker = Documents;

    fn doc_maker(&self) -> Documents {
        Documents {
            fields: self.store.fields.clone(),
        }
    }

    fn files(&self) -> Result<FileStates> {
        indexed_files(&self.store)
    }

    fn delete_file(&mut self, path: &str) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.store.fields.path, path));
        Ok(())
    }

    fn add(&mut self, doc: TantivyDocument) -> Result<()> {
        // Waits while the writer threads are busy writing a segment (see `queue`).
        let doc = self.queue.admit(doc);
        self.writer.add_document(doc).map_err(|e| self.failed(e))?;
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(|e| self.failed(e))?;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("merging segments failed")
    }

    fn location(&self) -> String {
        self.store.dir.display().to_string()
    }
}

/// Builds tantivy documents on the reading threads.
pub struct Documents {
    fields: Fields,
}

impl DocMaker for Documents {
    type Doc = TantivyDocument;

    fn make(&self, mut r: Record, file: &FileStamp) -> TantivyDocument {
        let f = &self.fields;
        // The body is indexed and stored in its own field; the record JSON goes without it.
        let body = r.body.take().unwrap_or_default();
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &r.id);
        doc.add_text(f.path, &r.path);
        doc.add_u64(f.file_size, file.size);
        doc.add_i64(f.file_mtime, file.mtime_ns);
        doc.add_u64(f.file_hash, file.hash);
        doc.add_text(f.title, &r.title);
        if let Some(sub) = &r.subtitle {
            doc.add_text(f.title, sub);
        }
        doc.add_text(f.body, &body);
        if let Some(secs) = r.timestamp() {
            doc.add_date(f.date, super::date_value(secs));
        }
        add_keys(&mut doc, f, &r);
        doc.add_u64(f.fingerprint, fingerprint::simhash(&body));
        doc.add_text(
            f.record,
            serde_json::to_string(&r).unwrap_or_else(|_| "{}".into()),
        );
        doc
    }
}

/// The fields filters and facets use.
fn add_keys(doc: &mut TantivyDocument, f: &Fields, r: &Record) {
    if let Some(ds) = r.date_source {
        doc.add_text(f.date_source, ds.as_str());
    }
    for c in &r.countries {
        doc.add_text(f.country, &c.code);
    }
    if let Some(lang) = &r.lang {
        doc.add_text(f.lang, lang);
    }
    for a in &r.actors {
        doc.add_text(f.actor, &a.name);
        doc.add_text(f.actor_text, &a.name);
        if let Some(alias) = &a.alias {
            doc.add_text(f.actor_text, alias);
        }
    }
    if let Some(s) = &r.source {
        doc.add_text(f.source, s);
    }
    for a in &r.authors {
        doc.add_text(f.authors, a);
    }
}

/// Reads every live document's file bookkeeping from the fast fields, without touching
/// the stored documents.
fn indexed_files(store: &Store) -> Result<FileStates> {
    let reader = store.index.reader()?;
    let searcher = reader.searcher();
    let segments = searcher.segment_readers();
    // Sized once for every segment's paths: reserving per segment rehashed the map as it
    // grew, 1-3% of an unchanged re-index.
    let mut paths = 0;
    for segment in segments {
        paths += segment
            .fast_fields()
            .str(schema::PATH)?
            .map_or(0, |p| p.num_terms());
    }
    let mut files = FileStates::with_capacity_and_hasher(paths, Default::default());
    for segment in segments {
        segment_files(segment, &mut files)?;
    }
    Ok(files)
}

fn segment_files(segment: &tantivy::SegmentReader, files: &mut FileStates) -> Result<()> {
    let ff = segment.fast_fields();
    let Some(paths) = ff.str(schema::PATH)? else {
        return Ok(());
    };
    let sizes = ff.u64(schema::FILE_SIZE)?;
    let mtimes = ff.i64(schema::FILE_MTIME)?;
    let hashes = ff.u64(schema::FILE_HASH)?;
    // State per path ordinal first, then one walk of the dictionary: each path's text is
    // made once, straight into the map.
    let mut by_ord: Vec<Option<FileState>> = vec![None; paths.num_terms()];
    for doc in segment.doc_ids_alive() {
        let Some(slot) = paths
            .term_ords(doc)
            .next()
            .and_then(|ord| by_ord.get_mut(ord as usize))
        else {
            continue;
        };
        let state = slot.get_or_insert_default();
        state.articles += 1;
        state.stamp = FileStamp {
            size: sizes.first(doc).unwrap_or(0),
            mtime_ns: mtimes.first(doc).unwrap_or(0),
            hash: hashes.first(doc).unwrap_or(0),
        };
    }
    let mut stream = paths.dictionary().stream()?;
    let mut ord = 0usize;
    while stream.advance() {
        if let Some(state) = by_ord.get_mut(ord).and_then(Option::take) {
            let path = String::from_utf8_lossy(stream.key()).into_owned();
            // The same file in two segments (an update not yet merged away is deleted, so
            // this is two roots' copies): the counts add up.
            let entry = files.entry(path).or_default();
            entry.articles += state.articles;
            entry.stamp = state.stamp;
        }
        ord += 1;
    }
    Ok(())
}
