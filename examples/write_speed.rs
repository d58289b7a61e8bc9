//! Index-writing speed with extraction excluded: loads every article under the given
//! folders once, then times building tantivy documents (record JSON, fingerprint) and
//! writing them with one writer thread (analysis, postings, doc store, segment files),
//! as many rounds as it takes to pass `--docs` documents.
//!
//! Reports the process's CPU seconds (every thread: the document maker, the writer and
//! its merges), so it can be compared across builds on a busy machine.
//!
//! Run: `cargo run --release --example write_speed -- [--docs N] DIR...`
//! (default: the shared Reuters development set in `../shared/eval`, 100,000 documents).

use std::path::PathBuf;
use std::time::Instant;

use newsidx::backend::{DocMaker, FileStamp, Storage};
use newsidx::discover::{DiscoverOptions, discover};
use newsidx::formats::FormatOptions;
use newsidx::index::IndexStorage;
use newsidx::pipeline::load_bytes;
use newsidx::record::Record;

// The allocator the `newsidx` binary runs with, so the figure is the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut want = 100_000usize;
    if let Some(i) = args.iter().position(|a| a == "--docs") {
        want = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(want);
        args.drain(i..(i + 2).min(args.len()));
    }
    let mut dirs: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    if dirs.is_empty() {
        let eval = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        if !eval.is_dir() {
            eprintln!("skipping: ../shared is absent; pass folders to measure");
            return;
        }
        dirs = vec![eval.join("reuters-dev/txt")];
    }
    let records = load_records(&dirs);
    if records.is_empty() {
        eprintln!("no articles found");
        return;
    }
    analysis_speed(&records, want);
    fingerprint_speed(&records, want);
    let dir = std::env::temp_dir().join(format!("newsidx-write-speed-{}", std::process::id()));
    let figures = write_all(&dir, &records, want);
    let size_mb = newsidx::index::disk_size(&dir) as f64 / 1e6;
    let _ = std::fs::remove_dir_all(&dir);
    match figures {
        Ok((docs, wall, cpu)) => println!(
            "{docs} documents from {} articles: {:.2} s CPU (all threads), {:.2} s wall; {:.0} documents per CPU second; index {size_mb:.1} MB",
            records.len(),
            cpu,
            wall,
            docs as f64 / cpu
        ),
        Err(e) => eprintln!("writing failed: {e:#}"),
    }
}

fn load_records(dirs: &[PathBuf]) -> Vec<Record> {
    let walk = match discover(dirs, DiscoverOptions::default()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{e:#}");
            return Vec::new();
        }
    };
    let opts = FormatOptions::default();
    walk.sources
        .iter()
        .filter_map(|s| {
            let bytes = std::fs::read(&s.path).ok()?;
            load_bytes(&s, &bytes, &opts).ok()
        })
        .flat_map(|loaded| loaded.records)
        .collect()
}

/// Writes `want` documents (the records over and over) and commits; returns the count,
/// wall seconds and process CPU seconds.
fn write_all(
    dir: &std::path::Path,
    records: &[Record],
    want: usize,
) -> anyhow::Result<(usize, f64, f64)> {
    let started = Instant::now();
    let cpu_start = process_cpu_seconds().unwrap_or(0.0);
    let mut storage = IndexStorage::open(dir, true, 256 << 20, 1)?;
    let maker = storage.doc_maker();
    let stamp = FileStamp {
        size: 1,
        mtime_ns: 1,
        hash: 1,
    };
    for record in records.iter().cycle().take(want) {
        storage.add(maker.make(record.clone(), &stamp))?;
    }
    storage.commit()?;
    storage.finish()?;
    let cpu = process_cpu_seconds().unwrap_or(0.0) - cpu_start;
    Ok((want, started.elapsed().as_secs_f64(), cpu))
}

/// Runs the article-text analyzer the writer uses over the titles and bodies of `want`
/// records on this thread alone, and prints tokens per CPU second.
fn analysis_speed(records: &[Record], want: usize) {
    let index = tantivy::Index::create_in_ram(newsidx::index::Fields::schema());
    newsidx::index::schema::register_tokenizers(&index);
    newsidx::index::schema::register_indexing_tokenizers(&index);
    let Some(mut analyzer) = index.tokenizers().get(newsidx::index::schema::ENGLISH) else {
        eprintln!("no article analyzer registered");
        return;
    };
    let cpu_start = thread_cpu_seconds().unwrap_or(0.0);
    let mut tokens = 0u64;
    for record in records.iter().cycle().take(want) {
        for text in [record.title.as_str(), record.body.as_deref().unwrap_or("")] {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                tokens += 1;
            }
        }
    }
    let cpu = thread_cpu_seconds().unwrap_or(0.0) - cpu_start;
    println!(
        "analysis alone, one thread: {tokens} tokens in {cpu:.2} s CPU, {:.1} M tokens per CPU second",
        tokens as f64 / cpu / 1e6
    );
}

/// Fingerprints the bodies of `want` records on this thread alone.
fn fingerprint_speed(records: &[Record], want: usize) {
    let cpu_start = thread_cpu_seconds().unwrap_or(0.0);
    let mut set_bits = 0u64;
    for record in records.iter().cycle().take(want) {
        let body = record.body.as_deref().unwrap_or("");
        set_bits += u64::from(newsidx::fingerprint::simhash(body).count_ones());
    }
    let cpu = thread_cpu_seconds().unwrap_or(0.0) - cpu_start;
    println!(
        "fingerprints alone, one thread: {:.2} us per article ({set_bits} bits set)",
        cpu * 1e6 / want as f64
    );
}

/// User plus system CPU seconds of the calling thread, on Linux.
fn thread_cpu_seconds() -> Option<f64> {
    cpu_seconds("/proc/thread-self/stat")
}

/// User plus system CPU seconds of the whole process, on Linux.
fn process_cpu_seconds() -> Option<f64> {
    cpu_seconds("/proc/self/stat")
}

fn cpu_seconds(stat_file: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(stat_file).ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel reports in clock ticks, which are 100 per second on Linux.
    Some(ticks / 100.0)
}
