//! Extraction speed on one thread, indexing excluded: reads every file under the given
//! folders into memory first, then times parsing and extraction (dates, countries,
//! actors) of all of them, repeated until at least two seconds have passed.
//!
//! Reports articles/s against both wall time and this thread's CPU time (from
//! `/proc/thread-self/stat` on Linux): on a busy machine the CPU figure is the one that
//! says what one core does.
//!
//! Run: `cargo run --release --example extract_speed -- DIR...`
//! (default: the shared Reuters and CoNLL development sets in `../shared/eval`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsidx::discover::{DiscoverOptions, discover};
use newsidx::formats::FormatOptions;
use newsidx::pipeline::load_bytes;

// The allocator the `newsidx` binary runs with, so the figure is the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        let eval = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        if !eval.is_dir() {
            eprintln!("skipping: ../shared is absent; pass folders to measure");
            return;
        }
        dirs = vec![eval.join("reuters-dev/txt"), eval.join("conll-testa/txt")];
    }
    for dir in dirs {
        let walk = match discover(std::slice::from_ref(&dir), DiscoverOptions::default()) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("{}: {e:#}", dir.display());
                continue;
            }
        };
        let files: Vec<_> = walk
            .sources
            .iter()
            .filter_map(|s| std::fs::read(&s.path).ok().map(|b| (s, b)))
            .collect();
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let opts = FormatOptions::default();
        let started = Instant::now();
        let cpu_start = thread_cpu_seconds();
        let (mut rounds, mut articles) = (0u64, 0u64);
        while rounds == 0 || started.elapsed() < Duration::from_secs(2) {
            for (source, b) in &files {
                if let Ok(loaded) = load_bytes(source, b, &opts) {
                    articles += loaded.records.len() as u64;
                }
            }
            rounds += 1;
        }
        let secs = started.elapsed().as_secs_f64();
        let cpu = match (cpu_start, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => secs,
        };
        let mb = bytes as f64 * rounds as f64 / 1e6;
        println!(
            "{}: {} files, {:.1} MB, {} rounds; one thread: {:.0} articles/s, {:.2} MB/s of CPU time ({:.0} articles/s of wall time)",
            dir.display(),
            files.len(),
            bytes as f64 / 1e6,
            rounds,
            articles as f64 / cpu,
            mb / cpu,
            articles as f64 / secs,
        );
    }
}

/// User plus system CPU seconds of the calling thread, on Linux.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel reports in clock ticks, which are 100 per second on Linux.
    Some(ticks / 100.0)
}
