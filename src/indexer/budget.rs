//! The writer's memory budget and how many writer threads share it: what the user gave,
//! or a default sized to the machine.
//!
//! The budget is the largest part of an indexing run's memory: each writer thread fills
//! its share with postings before it writes a segment. Writer threads fill at the same
//! pace, so they also write their segments at the same moment, and the peak is every
//! thread's full share at once plus what writing a segment allocates. Extraction, not the
//! writer, takes most of the CPU (at 1M articles the one writer thread used 35-39 of 110
//! CPU seconds), so one writer thread keeps up with two or three reading ones. Giving it
//! the 128 MB that each of two threads had before keeps segments as large (merging and
//! search cost the same) and took peak RSS at 1M articles from 395-432 to 284 MB (256
//! with the queue bound in `index::storage`). Smaller shares do not pay: two threads of
//! 64 MB doubled the segments and cost 63% more CPU in merging.

/// The default share of one writer thread, in MB.
pub const DEFAULT_MB_PER_WRITER: usize = 128;

/// Reading threads one writer thread keeps up with (extraction is ~70% of the CPU).
const READERS_PER_WRITER: usize = 3;

/// tantivy refuses a thread budget under 15 MB; this leaves a margin.
const MIN_PER_THREAD_MB: usize = 16;

/// The writer threads for `threads` reading threads: one per three, at least one.
pub fn writer_threads(threads: usize) -> usize {
    threads.max(1).div_ceil(READERS_PER_WRITER)
}

/// The budget in bytes for `threads` reading threads: `given` MB when the user chose
/// one, else `DEFAULT_MB_PER_WRITER` for each writer thread, held to a sixteenth of
/// physical memory; never under the floor tantivy needs per writer thread.
pub fn writer_budget(given: Option<usize>, threads: usize) -> usize {
    let writers = writer_threads(threads);
    let floor = MIN_PER_THREAD_MB * writers;
    let mb = given.unwrap_or_else(|| default_mb(writers, physical_mb()));
    mb.max(floor).saturating_mul(1 << 20)
}

fn default_mb(writers: usize, physical_mb: Option<usize>) -> usize {
    let wanted = DEFAULT_MB_PER_WRITER * writers;
    physical_mb.map_or(wanted, |total| wanted.min(total / 16))
}

/// Physical memory in MB, where the OS tells it cheaply (Linux); `None` elsewhere.
fn physical_mb() -> Option<usize> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    parse_mem_total(&info)
}

fn parse_mem_total(meminfo: &str) -> Option<usize> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_thread_serves_up_to_three_readers() {
        assert_eq!(writer_threads(0), 1);
        assert_eq!(writer_threads(1), 1);
        assert_eq!(writer_threads(2), 1);
        assert_eq!(writer_threads(3), 1);
        assert_eq!(writer_threads(4), 2);
        assert_eq!(writer_threads(8), 3);
    }

    #[test]
    fn a_given_budget_is_kept_above_the_thread_floor() {
        assert_eq!(writer_budget(Some(256), 2), 256 << 20);
        assert_eq!(writer_budget(Some(8), 2), 16 << 20);
        assert_eq!(writer_budget(Some(8), 12), 64 << 20);
    }

    #[test]
    fn the_default_is_a_share_per_writer_thread() {
        assert_eq!(default_mb(1, Some(24_000)), 128);
        assert_eq!(default_mb(3, Some(24_000)), 384);
        assert_eq!(default_mb(1, None), DEFAULT_MB_PER_WRITER);
    }

    #[test]
    fn the_default_shrinks_on_a_small_machine() {
        assert_eq!(default_mb(1, Some(1024)), 64);
        assert!(writer_budget(None, 2) >= 16 << 20);
    }

    #[test]
    fn reads_mem_total() {
        let info = "MemTotal:       24683936 kB\nMemFree:  100 kB\n";
        assert_eq!(parse_mem_total(info), Some(24_105));
        assert_eq!(parse_mem_total("nothing"), None);
    }
}
