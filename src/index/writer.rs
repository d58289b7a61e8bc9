//! Incremental indexing. The `Indexer` decides which files are new, changed, unchanged or
//! gone, reads the changed ones on all cores, and upserts their articles. The bookkeeping
//! (path, size, mtime, hash) is stored in each article's document, so it is committed
//! atomically with the articles and a crash can never leave the two out of step.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, Term};

use super::{Fields, IndexError, Store};
use crate::discover::{self, DiscoverOptions, Source};
use crate::fingerprint;
use crate::formats::{self, FormatOptions};
use crate::pipeline::{self, LoadError};
use crate::record::Record;

/// Everything `newsidx index` needs, already resolved from the command line.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    pub index_dir: PathBuf,
    pub paths: Vec<PathBuf>,
    pub rebuild: bool,
    pub discover: DiscoverOptions,
    pub format_options: FormatOptions,
    /// Writer memory budget in bytes, shared by the writer threads.
    pub memory_bytes: usize,
    pub threads: usize,
    pub progress: bool,
    /// A commit happens at least this often, bounding what a kill can lose.
    pub commit_interval: Duration,
}

/// What one run did, for the summary line and `--json`.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub files_seen: usize,
    pub files_read: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Files that gave no articles, by reason.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Files that gave articles but also had bad parts (e.g. bad JSONL lines).
    pub files_with_warnings: usize,
    pub bytes_read: u64,
    pub commits: usize,
    #[serde(serialize_with = "secs")]
    pub elapsed: Duration,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

impl Summary {
    pub fn mb_per_sec(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64().max(1e-6);
        self.bytes_read as f64 / 1e6 / secs
    }

    /// The one-line summary printed at the end of a run.
    pub fn line(&self) -> String {
        let skipped: usize = self.skipped.values().sum();
        let reasons = if self.skipped.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect();
            format!(" ({})", parts.join(", "))
        };
        format!(
            "{} files seen: {} articles added, {} updated, {} unchanged, {} removed; {} files skipped{}; {:.2}s, {:.1} MB/s",
            self.files_seen,
            self.added,
            self.updated,
            self.unchanged,
            self.removed,
            skipped,
            reasons,
            self.elapsed.as_secs_f64(),
            self.mb_per_sec()
        )
    }
}

/// The state of one indexed file, read back from the index.
#[derive(Debug, Clone, Default)]
struct FileState {
    size: u64,
    mtime_ns: i64,
    hash: u64,
    articles: usize,
}

/// What reading one file gave.
enum Outcome {
    /// The content hash matched the index: nothing to write.
    Same,
    /// Some of a large file's articles; more follow, ending with `Loaded` or `Failed`.
    Part(Vec<TantivyDocument>),
    /// The file's articles as finished documents: building them (record JSON,
    /// fingerprint) happens on the worker, not on the one thread that feeds the writer.
    Loaded {
        docs: Vec<TantivyDocument>,
        warnings: Vec<String>,
        bytes: u64,
    },
    Failed(LoadError),
}

/// Runs one indexing pass. Problems with single files are reported through `warn` and
/// counted; only problems with the index itself are errors.
pub fn run(config: &IndexConfig, mut warn: impl FnMut(&str)) -> Result<Summary> {
    let started = Instant::now();
    let store = super::open_or_create(&config.index_dir, config.rebuild)?;
    super::schema::register_indexing_tokenizers(&store.index);
    let mut writer: IndexWriter<TantivyDocument> = store
        .index
        .writer_with_num_threads(config.threads.max(1), config.memory_bytes)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => anyhow::Error::new(IndexError::Locked(config.index_dir.clone())),
            // The lock file could not even be opened: a read-only folder, not a busy one.
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::IoError(io),
                _,
            ) => anyhow::anyhow!("cannot write to index {}: {io}", config.index_dir.display()),
            other => anyhow::Error::new(other).context(format!(
                "cannot write to index {}",
                config.index_dir.display()
            )),
        })?;
    writer.set_merge_policy(Box::new(super::merge::CappedMergePolicy::new(
        super::merge::MAX_MERGED_DOCS,
    )));
    let known = indexed_files(&store).context("cannot read the index's file list")?;
    let walk = discover::discover(&config.paths, config.discover)?;

    let mut summary = Summary {
        files_seen: walk.sources.len(),
        ..Summary::default()
    };
    for s in &walk.skipped {
        *summary.skipped.entry(s.kind.label()).or_default() += 1;
        if s.kind.is_warned() {
            warn(&format!("{}: {}", s.path.display(), s.reason));
        }
    }

    // Size and mtime decide first; only files that differ are read (and hashed).
    let mut todo: Vec<(&Source, Option<&FileState>)> = Vec::new();
    // Borrowed keys: a copy of every path would cost an allocation per file (~100 MB
    // at a million files) for a set that only answers "is this path still there". A new
    // index has nothing to remove, so it needs no set at all (~50 MB at a million files).
    let track_removals = !known.is_empty();
    let mut present: HashSet<std::borrow::Cow<'_, str>> =
        HashSet::with_capacity(if track_removals {
            walk.sources.len()
        } else {
            0
        });
    for source in &walk.sources {
        // The same text as `discover::path_text`, borrowed whenever the path is UTF-8.
        let key = match source.path.to_str() {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(discover::path_text(&source.path)),
        };
        let state = known.get(key.as_ref());
        match state {
            Some(s) if s.size == source.size && s.mtime_ns == source.mtime_ns => {
                summary.unchanged += s.articles;
            }
            _ => todo.push((source, state)),
        }
        if track_removals {
            present.insert(key);
        }
    }

    // Articles whose files are gone from under the given roots.
    for (path, state) in &known {
        if !present.contains(path.as_str()) && is_under_any(path, &walk.roots) {
            writer.delete_term(Term::from_field_text(store.fields.path, path));
            summary.removed += state.articles;
        }
    }

    let progress = Progress::new(config.progress, todo.iter().map(|(s, _)| s.size).sum());
    let fields = store.fields.clone();
    let mut last_commit = Instant::now();
    let pauses = super::pause::Pauses::from_env();
    let mut counts = Written::default();
    // Files with parts written whose last part has not come: no commit may fall while one
    // is open, or a kill could leave half a file in the index.
    let mut open: HashMap<usize, usize> = HashMap::new();
    let (tx, rx) = crossbeam_channel::bounded::<(usize, Outcome)>(config.threads.max(1) * 16);
    let in_flight = InFlight::new(config.format_options.limits.max_file_bytes);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.max(1))
        // Third-party parsers (html5ever's tree, readability's selectors) recurse per
        // level of a page; the depth checks keep pages shallow, and a large stack is
        // the margin behind them. Only the pages a thread touches are resident.
        .stack_size(WORKER_STACK)
        .build()
        .context("cannot start worker threads")?;

    std::thread::scope(|scope| -> Result<()> {
        let todo_ref = &todo;
        let fields_ref = &fields;
        let in_flight_ref = &in_flight;
        scope.spawn(move || {
            pool.install(|| {
                todo_ref
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, (source, state))| {
                        in_flight_ref.acquire(content_estimate(source, &config.format_options));
                        let mut part = |docs| {
                            let _ = tx.send((i, Outcome::Part(docs)));
                        };
                        let outcome = read_one(
                            source,
                            *state,
                            &config.format_options,
                            fields_ref,
                            &mut part,
                        );
                        // The receiver only goes away on a fatal index error.
                        let _ = tx.send((i, outcome));
                    });
            });
        });
        for (i, outcome) in rx {
            let (source, state) = todo[i];
            let key = discover::path_text(&source.path);
            let delete_old = |writer: &mut IndexWriter<TantivyDocument>| {
                writer.delete_term(Term::from_field_text(fields.path, &key));
            };
            if let Outcome::Part(docs) = outcome {
                let written = open.entry(i).or_insert(0);
                if *written == 0 && state.is_some() {
                    delete_old(&mut writer);
                }
                *written += docs.len();
                counts.write(&mut writer, docs, &pauses, &config.index_dir)?;
                continue;
            }
            // Its articles go to the writer in this turn: another file may be read.
            in_flight.release(content_estimate(source, &config.format_options));
            let earlier = open.remove(&i);
            let old = state.map_or(0, |s| s.articles);
            match outcome {
                Outcome::Part(_) => unreachable!("parts are handled above"),
                Outcome::Same => {
                    summary.unchanged += old;
                    progress.advance(source.size, 0);
                }
                Outcome::Loaded {
                    docs,
                    warnings,
                    bytes,
                } => {
                    summary.files_read += 1;
                    summary.bytes_read += bytes;
                    if !warnings.is_empty() {
                        summary.files_with_warnings += 1;
                        warn(&format!(
                            "{}: {}",
                            source.path.display(),
                            join_warnings(&warnings)
                        ));
                    }
                    if earlier.is_none() && state.is_some() {
                        delete_old(&mut writer);
                    }
                    let new = earlier.unwrap_or(0) + docs.len();
                    summary.updated += old.min(new);
                    summary.added += new.saturating_sub(old);
                    summary.removed += old.saturating_sub(new);
                    counts.write(&mut writer, docs, &pauses, &config.index_dir)?;
                    progress.advance(source.size, new);
                }
                Outcome::Failed(err) => {
                    *summary.skipped.entry(err.kind()).or_default() += 1;
                    warn(&format!("{}: {err}", source.path.display()));
                    // Parts already written stay (a file that gave articles does not fail
                    // later, but if one did its articles would be whole ones).
                    summary.added += earlier.unwrap_or(0);
                    // A file that changed into something unreadable no longer holds the
                    // old articles; an I/O error says nothing about the content, so keep them.
                    if earlier.is_none() && state.is_some() && !matches!(err, LoadError::Io(_)) {
                        delete_old(&mut writer);
                        summary.removed += old;
                    }
                    progress.advance(source.size, 0);
                }
            }
            if open.is_empty()
                && (last_commit.elapsed() >= config.commit_interval
                    || pauses.commit_due(counts.since_commit))
            {
                pauses.before_commit(summary.commits + 1);
                writer
                    .commit()
                    .map_err(|e| write_failed(&config.index_dir, e))?;
                summary.commits += 1;
                last_commit = Instant::now();
                counts.since_commit = 0;
            }
        }
        Ok(())
    })?;

    pauses.before_commit(summary.commits + 1);
    writer
        .commit()
        .map_err(|e| write_failed(&config.index_dir, e))?;
    summary.commits += 1;
    progress.finish();
    writer
        .wait_merging_threads()
        .context("merging segments failed")?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Articles written by this run, for the tests' pause points and commit cadence.
#[derive(Default)]
struct Written {
    in_run: usize,
    since_commit: usize,
}

impl Written {
    fn write(
        &mut self,
        writer: &mut IndexWriter<TantivyDocument>,
        docs: Vec<TantivyDocument>,
        pauses: &super::pause::Pauses,
        dir: &Path,
    ) -> Result<()> {
        for doc in docs {
            writer.add_document(doc).map_err(|e| write_failed(dir, e))?;
            self.in_run += 1;
            self.since_commit += 1;
            pauses.after_document(self.in_run);
        }
        Ok(())
    }
}

/// Content read but not yet written, bounded so that the queue between the readers
/// and the writer holds at most about one file cap of text, whatever the files' sizes
/// (a queue of whole files would hold dozens of the largest at once).
struct InFlight {
    cap: u64,
    used: std::sync::Mutex<u64>,
    freed: std::sync::Condvar,
}

impl InFlight {
    fn new(cap: u64) -> InFlight {
        InFlight {
            cap,
            used: std::sync::Mutex::new(0),
            freed: std::sync::Condvar::new(),
        }
    }

    /// Waits until `n` more bytes fit; a file larger than the cap waits until it is alone.
    fn acquire(&self, n: u64) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && used.saturating_add(n) > self.cap {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
    }

    fn release(&self, n: u64) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }
}

/// The most content reading this file can give: its size, or what its gzip may expand
/// to, up to the read cap of its format.
fn content_estimate(source: &Source, opts: &FormatOptions) -> u64 {
    // The name says gzip before the file is opened; the magic bytes decide on reading.
    let gzipped = source
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let (cap, _) = formats::content_cap(source.format, source.size, gzipped, &opts.limits);
    if gzipped { cap } else { source.size.min(cap) }
}

/// Stack of each reading thread: the 8 MiB a main thread gets, not rayon's 2 MiB.
const WORKER_STACK: usize = 8 << 20;

/// A failed write names the index and the likely cause. tantivy reports a worker's I/O
/// error (a full disk, a read-only folder) only as "an index writer was killed".
fn write_failed(dir: &Path, e: tantivy::TantivyError) -> anyhow::Error {
    anyhow::Error::new(e).context(format!(
        "cannot write to index {} (is the disk full or the folder read-only?); \
         the last commit is intact",
        dir.display()
    ))
}

/// Reads one file into documents. A large file's documents go to `part` as they are
/// made, all but the last part; the outcome carries the last.
fn read_one(
    source: &Source,
    state: Option<&FileState>,
    opts: &FormatOptions,
    fields: &Fields,
    part: &mut dyn FnMut(Vec<TantivyDocument>),
) -> Outcome {
    let mut hasher = blake3::Hasher::new();
    let mut bytes = 0u64;
    let mut tap = |chunk: &[u8]| {
        hasher.update(chunk);
        bytes += chunk.len() as u64;
    };
    let input = match formats::read_file(&source.path, source.format, &opts.limits, &mut tap) {
        Ok(input) => input,
        Err(e) => return Outcome::Failed(e.into()),
    };
    let hash = first_64_bits(&hasher);
    if state.is_some_and(|s| s.hash == hash) {
        return Outcome::Same;
    }
    let mut held: Option<Vec<TantivyDocument>> = None;
    let mut warnings = Vec::new();
    let loaded = pipeline::load_input_parts(source, input, opts, &mut |loaded| {
        warnings.extend(loaded.warnings);
        let docs = loaded
            .records
            .into_iter()
            .map(|record| document(fields, record, source, hash))
            .collect();
        if let Some(earlier) = held.replace(docs) {
            part(earlier);
        }
    });
    match loaded {
        Ok(()) => Outcome::Loaded {
            docs: held.unwrap_or_default(),
            warnings,
            bytes,
        },
        Err(e) => Outcome::Failed(e),
    }
}

/// The first 64 bits of the BLAKE3 hash of what was read. It is only consulted once size
/// or mtime already differ, so a chance collision would need a changed file to hit 1 in
/// 2^64.
fn first_64_bits(hasher: &blake3::Hasher) -> u64 {
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// One warning line per file, however many problems it had.
fn join_warnings(warnings: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut s = warnings[..warnings.len().min(SHOWN)].join("; ");
    if warnings.len() > SHOWN {
        s.push_str(&format!("; and {} more", warnings.len() - SHOWN));
    }
    s
}

fn is_under_any(path: &str, roots: &[PathBuf]) -> bool {
    let p = Path::new(path);
    roots.iter().any(|r| p.starts_with(r))
}

/// The tantivy document for one article.
fn document(f: &Fields, mut r: Record, source: &Source, hash: u64) -> TantivyDocument {
    // The body is indexed and stored in its own field; the record JSON goes without it.
    let body = r.body.take().unwrap_or_default();
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &r.id);
    doc.add_text(f.path, &r.path);
    doc.add_u64(f.file_size, source.size);
    doc.add_i64(f.file_mtime, source.mtime_ns);
    doc.add_u64(f.file_hash, hash);
    doc.add_text(f.title, &r.title);
    if let Some(sub) = &r.subtitle {
        doc.add_text(f.title, sub);
    }
    doc.add_text(f.body, &body);
    if let Some(date) = r
        .date
        .as_deref()
        .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
    {
        doc.add_date(f.date, super::date_value(date.timestamp()));
    }
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
    if let Some(u) = &r.url {
        doc.add_text(f.url, u);
    }
    for a in &r.authors {
        doc.add_text(f.authors, a);
    }
    doc.add_u64(f.fingerprint, fingerprint::simhash(&body));
    doc.add_text(
        f.record,
        serde_json::to_string(&r).unwrap_or_else(|_| "{}".into()),
    );
    doc
}

/// Reads every live document's file bookkeeping from the fast fields, without touching
/// the stored documents.
fn indexed_files(store: &Store) -> Result<HashMap<String, FileState>> {
    let reader = store.index.reader()?;
    let searcher = reader.searcher();
    let mut files: HashMap<String, FileState> = HashMap::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(paths) = ff.str("path")? else {
            continue;
        };
        let sizes = ff.u64("file_size")?;
        let mtimes = ff.i64("file_mtime")?;
        let hashes = ff.u64("file_hash")?;
        // State per path ordinal first, then one walk of the dictionary: each path's text
        // is made once, straight into the map.
        let mut by_ord: Vec<Option<FileState>> = vec![None; paths.num_terms()];
        for doc in segment.doc_ids_alive() {
            let Some(ord) = paths.term_ords(doc).next() else {
                continue;
            };
            let Some(slot) = by_ord.get_mut(ord as usize) else {
                continue;
            };
            let state = slot.get_or_insert_default();
            state.articles += 1;
            state.size = sizes.first(doc).unwrap_or(0);
            state.mtime_ns = mtimes.first(doc).unwrap_or(0);
            state.hash = hashes.first(doc).unwrap_or(0);
        }
        let mut stream = paths.dictionary().stream()?;
        let mut ord = 0usize;
        while stream.advance() {
            if let Some(state) = by_ord.get_mut(ord).and_then(Option::take) {
                let path = String::from_utf8_lossy(stream.key()).into_owned();
                // The same file in two segments (an update not yet merged away is deleted,
                // so this is two roots' copies): the counts add up.
                let entry = files.entry(path).or_default();
                entry.articles += state.articles;
                entry.size = state.size;
                entry.mtime_ns = state.mtime_ns;
                entry.hash = state.hash;
            }
            ord += 1;
        }
    }
    Ok(files)
}

/// The progress bar: on stderr, only when asked for (a terminal and not --quiet).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    files: std::cell::Cell<usize>,
    articles: std::cell::Cell<usize>,
}

impl Progress {
    fn new(enabled: bool, total_bytes: u64) -> Progress {
        let bar = enabled.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total_bytes),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            files: Default::default(),
            articles: Default::default(),
        }
    }

    fn advance(&self, bytes: u64, articles: usize) {
        self.files.set(self.files.get() + 1);
        self.articles.set(self.articles.get() + articles);
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!(
                "{} files, {} articles",
                self.files.get(),
                self.articles.get()
            ));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
