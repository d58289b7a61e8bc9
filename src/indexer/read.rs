//! Reading one file on a worker thread: its bytes (hashed as they are read), its articles
//! (through the pipeline), and the back end's documents for them. Also the budget that
//! bounds how much read text waits for the writer.

use std::sync::{Condvar, Mutex};

use crate::backend::{DocMaker, FileStamp, FileState};
use crate::discover::{FolderCursor, Source};
use crate::formats::{self, FormatOptions, ReadError};
use crate::pipeline::{self, LoadError};

/// What reading one file gave.
pub enum Outcome<D> {
    /// The content hash matched what is stored: nothing to write.
    Same,
    /// Some of a large file's articles; more follow, ending with `Loaded` or `Failed`.
    Part(Vec<D>),
    /// The file's (last) articles as finished documents.
    Loaded {
        docs: Vec<D>,
        warnings: Vec<String>,
        bytes: u64,
        stamp: FileStamp,
    },
    Failed(LoadError),
}

/// Reads one file into documents. A large file's documents go to `part` as they are
/// made, all but the last part; the outcome carries the last.
pub fn read_one<M: DocMaker>(
    folders: &mut FolderCursor,
    source: &Source,
    stored: Option<&FileState>,
    opts: &FormatOptions,
    maker: &M,
    part: &mut dyn FnMut(Vec<M::Doc>),
) -> Outcome<M::Doc> {
    // XXH3, not a cryptographic hash: the hash only answers "did this file change?" once
    // its size or mtime already says it may have, so a chance collision needs a changed
    // file to hit 1 in 2^64. BLAKE3 was 1.3% of indexing's CPU, XXH3 is under 0.1%.
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut bytes = 0u64;
    let mut tap = |chunk: &[u8]| {
        hasher.update(chunk);
        bytes += chunk.len() as u64;
    };
    let read = folders
        .open(&source.path)
        .map_err(ReadError::Io)
        .and_then(|file| {
            formats::read_file(file, source.format, source.size, &opts.limits, &mut tap)
        });
    let input = match read {
        Ok(input) => input,
        Err(e) => return Outcome::Failed(e.into()),
    };
    let stamp = FileStamp {
        size: source.size,
        mtime_ns: source.mtime_ns,
        hash: hasher.digest(),
    };
    if stored.is_some_and(|s| s.stamp.hash == stamp.hash) {
        return Outcome::Same;
    }
    let mut held: Option<Vec<M::Doc>> = None;
    let mut warnings = Vec::new();
    let loaded = pipeline::load_input_parts(source, input, opts, &mut |loaded| {
        warnings.extend(loaded.warnings);
        let docs = loaded
            .records
            .into_iter()
            .map(|record| maker.make(record, &stamp))
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
            stamp,
        },
        Err(e) => Outcome::Failed(e),
    }
}

/// The most content reading this file can give: its size, or what its gzip may expand
/// to, up to the read cap of its format.
pub fn content_estimate(source: &Source, opts: &FormatOptions) -> u64 {
    // The name says gzip before the file is opened; the magic bytes decide on reading.
    let gzipped = source
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let (cap, _) = formats::content_cap(source.format, source.size, gzipped, &opts.limits);
    if gzipped { cap } else { source.size.min(cap) }
}

/// Content read but not yet written, bounded so that the queue between the readers
/// and the writer holds at most about one file cap of text, whatever the files' sizes
/// (a queue of whole files would hold dozens of the largest at once).
pub struct InFlight {
    cap: u64,
    state: Mutex<Budget>,
    freed: Condvar,
}

/// The bytes in flight, and how many readers wait for some to be freed: a release wakes
/// them only when there are any, since a condvar's notify is a system call each time.
#[derive(Default)]
struct Budget {
    used: u64,
    waiting: usize,
}

impl InFlight {
    pub fn new(cap: u64) -> InFlight {
        InFlight {
            cap,
            state: Mutex::new(Budget::default()),
            freed: Condvar::new(),
        }
    }

    /// Waits until `n` more bytes fit; a file larger than the cap waits until it is alone.
    pub fn acquire(&self, n: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.used > 0 && state.used.saturating_add(n) > self.cap {
            state.waiting += 1;
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
            state.waiting -= 1;
        }
        state.used += n;
    }

    pub fn release(&self, n: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.used = state.used.saturating_sub(n);
        let wake = state.waiting > 0;
        drop(state);
        if wake {
            self.freed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(f: &InFlight) -> (u64, usize) {
        let s = f.state.lock().unwrap();
        (s.used, s.waiting)
    }

    #[test]
    fn a_reader_over_the_cap_waits_for_a_release() {
        let in_flight = InFlight::new(10);
        in_flight.acquire(8);
        std::thread::scope(|scope| {
            let second = scope.spawn(|| in_flight.acquire(5));
            // Waits for the event (the second reader blocked), not for a span of time.
            while budget(&in_flight).1 == 0 {
                assert!(
                    !second.is_finished(),
                    "5 more bytes went past the cap of 10"
                );
                std::thread::yield_now();
            }
            assert_eq!(budget(&in_flight), (8, 1));
            in_flight.release(8);
        });
        assert_eq!(budget(&in_flight), (5, 0));
    }

    #[test]
    fn a_file_larger_than_the_cap_goes_alone() {
        let in_flight = InFlight::new(10);
        in_flight.acquire(25);
        assert_eq!(budget(&in_flight), (25, 0));
        in_flight.release(25);
        assert_eq!(budget(&in_flight), (0, 0));
    }
}
