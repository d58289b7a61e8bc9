//! One indexing pass, for any back end: discover the files, compare them with what is
//! stored, read and extract the changed ones on all cores, write their articles, commit
//! often enough that a kill loses little, and count what happened.
//!
//! Data flows one way: the indexer calls `discover`, `pipeline` (which calls `formats`
//! and `extract`) and the back end's `Storage`; none of them calls back.

mod budget;
mod plan;
mod read;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use crate::backend::{DocMaker, FileState, Storage};
use crate::discover::{self, DiscoverOptions, FolderCursor, Source, Walk};
use crate::formats::FormatOptions;
use crate::pause::Pauses;
use crate::pipeline::LoadError;
use plan::Plan;
use read::{InFlight, Outcome};

pub use budget::{writer_budget, writer_threads};

/// Everything a pass needs, already resolved from the command line.
#[derive(Debug, Clone)]
pub struct IndexJob {
    pub paths: Vec<PathBuf>,
    pub discover: DiscoverOptions,
    pub format_options: FormatOptions,
    pub threads: usize,
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
}

/// Where a pass tells what it is doing; `render::progress` shows it on stderr.
pub trait Report {
    /// A problem with one file or article: the run goes on.
    fn warn(&mut self, message: &str);
    /// The bytes the run is going to read.
    fn planned(&mut self, bytes: u64);
    /// One file is done.
    fn advanced(&mut self, bytes: u64, articles: usize);
    fn finished(&mut self);
}

/// Stack of each reading thread: the 8 MiB a main thread gets, not rayon's 2 MiB.
/// Third-party parsers (html5ever's tree, readability's selectors) recurse per level of
/// a page; the depth checks keep pages shallow, and a large stack is the margin behind
/// them. Only the pages a thread touches are resident.
const WORKER_STACK: usize = 8 << 20;

/// Runs one indexing pass into `storage`. Problems with single files are reported and
/// counted; only problems with the storage itself are errors.
pub fn run<S: Storage>(mut storage: S, job: &IndexJob, report: &mut dyn Report) -> Result<Summary> {
    let started = Instant::now();
    let stored = storage
        .files()
        .with_context(|| format!("cannot read the file list of {}", storage.location()))?;
    let walk = discover::discover(&job.paths, job.discover)?;
    let mut summary = Summary {
        files_seen: walk.sources.len(),
        ..Summary::default()
    };
    for s in &walk.skipped {
        *summary.skipped.entry(s.kind.label()).or_default() += 1;
        if s.kind.is_warned() {
            report.warn(&format!("{}: {}", s.path.display(), s.reason));
        }
    }
    let plan = plan::plan(&walk, stored);
    summary.unchanged = plan.unchanged;
    for (path, articles) in &plan.gone {
        storage.delete_file(path)?;
        summary.removed += articles;
    }
    let changed = !plan.gone.is_empty();
    let files = &walk.sources;
    report.planned(
        plan.todo
            .iter()
            .map(|&i| files.stamp(i as usize).size)
            .sum(),
    );
    let mut pass = Pass {
        storage,
        summary,
        report,
        pauses: Pauses::from_env(),
        written: 0,
        since_commit: 0,
        last_commit: Instant::now(),
        open: HashMap::new(),
        interval: job.commit_interval,
        changed,
    };
    pass.read_all(&walk, &plan, job)?;
    let mut summary = pass.finish()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The writing side of a pass: one thread feeds the storage with what the readers made.
struct Pass<'r, S: Storage> {
    storage: S,
    summary: Summary,
    report: &'r mut dyn Report,
    pauses: Pauses,
    /// Articles written by this run, and since the last commit.
    written: usize,
    since_commit: usize,
    last_commit: Instant,
    /// Files with parts written whose last part has not come, and how many articles
    /// they gave so far: no commit may fall while one is open, or a kill could leave
    /// half a file stored.
    open: HashMap<usize, usize>,
    interval: Duration,
    /// Something was written or deleted since the last commit. A run that changed
    /// nothing does not commit: a commit restarts tantivy's writer threads and syncs
    /// the folder, a good part of an unchanged re-index.
    changed: bool,
}

type Doc<S> = <<S as Storage>::Maker as DocMaker>::Doc;

impl<S: Storage> Pass<'_, S> {
    /// Reads the files on a pool of workers and writes what they give, in arrival order.
    fn read_all(&mut self, walk: &Walk, plan: &Plan, job: &IndexJob) -> Result<()> {
        let (files, todo) = (&walk.sources, &plan.todo);
        let threads = job.threads.max(1);
        let (tx, rx) = crossbeam_channel::bounded::<(usize, Outcome<Doc<S>>)>(threads * 16);
        let in_flight = InFlight::new(job.format_options.limits.max_file_bytes);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(WORKER_STACK)
            .build()
            .context("cannot start worker threads")?;
        let maker = self.storage.doc_maker();
        let opts = &job.format_options;
        std::thread::scope(|scope| -> Result<()> {
            let (in_flight, maker) = (&in_flight, &maker);
            scope.spawn(move || {
                pool.install(|| {
                    todo.par_iter()
                        .enumerate()
                        // A cursor per run of files a worker takes: they are in walk order,
                        // so most of a run shares one folder.
                        .for_each_init(
                            || (tx.clone(), FolderCursor::default()),
                            |(tx, folders), (i, &file)| {
                                let source = files.get(file as usize);
                                let stored = plan.stored.get(&file);
                                in_flight.acquire(read::content_estimate(&source, opts));
                                let mut part = |docs| {
                                    let _ = tx.send((i, Outcome::Part(docs)));
                                };
                                let outcome = read::read_one(
                                    folders, &source, stored, opts, maker, &mut part,
                                );
                                // The receiver only goes away on a fatal storage error.
                                let _ = tx.send((i, outcome));
                            },
                        );
                });
            });
            for (i, outcome) in rx {
                let file = todo[i];
                let source = files.get(file as usize);
                let stored = plan.stored.get(&file);
                if let Outcome::Part(docs) = outcome {
                    self.part(i, &source, stored, docs)?;
                    continue;
                }
                // Its articles go to the storage in this turn: another file may be read.
                in_flight.release(read::content_estimate(&source, opts));
                self.file_done(i, &source, stored, outcome)?;
                self.commit_if_due()?;
            }
            Ok(())
        })
    }

    /// Writes some of a large file's articles; the first part replaces what was stored.
    fn part(
        &mut self,
        i: usize,
        source: &Source,
        stored: Option<&FileState>,
        docs: Vec<Doc<S>>,
    ) -> Result<()> {
        let written = self.open.entry(i).or_insert(0);
        let first = *written == 0;
        *written += docs.len();
        if first && stored.is_some() {
            self.storage
                .delete_file(&discover::path_text(&source.path))?;
            self.changed = true;
        }
        self.write(docs)
    }

    /// Counts and writes a file's last outcome.
    fn file_done(
        &mut self,
        i: usize,
        source: &Source,
        stored: Option<&FileState>,
        outcome: Outcome<Doc<S>>,
    ) -> Result<()> {
        let earlier = self.open.remove(&i);
        let old = stored.map_or(0, |s| s.articles);
        let path = || discover::path_text(&source.path);
        match outcome {
            Outcome::Part(_) => unreachable!("parts are written as they come"),
            Outcome::Same => {
                self.summary.unchanged += old;
                self.report.advanced(source.size, 0);
            }
            Outcome::Loaded {
                docs,
                warnings,
                bytes,
                stamp,
            } => {
                self.summary.files_read += 1;
                self.summary.bytes_read += bytes;
                if !warnings.is_empty() {
                    self.summary.files_with_warnings += 1;
                    let text = join_warnings(&warnings);
                    self.report
                        .warn(&format!("{}: {text}", source.path.display()));
                }
                if earlier.is_none() && stored.is_some() {
                    self.storage.delete_file(&path())?;
                    self.changed = true;
                }
                let new = earlier.unwrap_or(0) + docs.len();
                self.summary.updated += old.min(new);
                self.summary.added += new.saturating_sub(old);
                self.summary.removed += old.saturating_sub(new);
                self.write(docs)?;
                if new > 0 {
                    let state = FileState {
                        stamp,
                        articles: new,
                    };
                    self.storage.file_done(&path(), state)?;
                }
                self.report.advanced(source.size, new);
            }
            Outcome::Failed(err) => self.failed(source, stored, earlier, err)?,
        }
        Ok(())
    }

    /// A file that could not be read: warned about and counted.
    fn failed(
        &mut self,
        source: &Source,
        stored: Option<&FileState>,
        earlier: Option<usize>,
        err: LoadError,
    ) -> Result<()> {
        *self.summary.skipped.entry(err.kind()).or_default() += 1;
        self.report
            .warn(&format!("{}: {err}", source.path.display()));
        // Parts already written stay (a file that gave articles does not fail later, but
        // if one did its articles would be whole ones).
        self.summary.added += earlier.unwrap_or(0);
        // A file that changed into something unreadable no longer holds the old
        // articles; an I/O error says nothing about the content, so keep them.
        if let Some(old) = stored
            && earlier.is_none()
            && !matches!(err, LoadError::Io(_))
        {
            self.storage
                .delete_file(&discover::path_text(&source.path))?;
            self.changed = true;
            self.summary.removed += old.articles;
        }
        self.report.advanced(source.size, 0);
        Ok(())
    }

    fn write(&mut self, docs: Vec<Doc<S>>) -> Result<()> {
        for doc in docs {
            self.changed = true;
            self.storage.add(doc)?;
            self.written += 1;
            self.since_commit += 1;
            self.pauses.after_document(self.written);
        }
        Ok(())
    }

    fn tell_warnings(&mut self) {
        for w in self.storage.drain_warnings() {
            self.report.warn(&w);
        }
    }

    fn commit_if_due(&mut self) -> Result<()> {
        self.tell_warnings();
        let due = self.last_commit.elapsed() >= self.interval
            || self.pauses.commit_due(self.since_commit);
        if self.open.is_empty() && due && self.changed {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.pauses.before_commit(self.summary.commits + 1);
        self.storage.commit()?;
        self.summary.commits += 1;
        self.last_commit = Instant::now();
        self.since_commit = 0;
        self.changed = false;
        Ok(())
    }

    /// The last commit, and the wait for background work.
    fn finish(mut self) -> Result<Summary> {
        if self.changed {
            self.commit()?;
        }
        self.tell_warnings();
        self.report.finished();
        self.storage.finish()?;
        Ok(self.summary)
    }
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
