//! Pause points for the crash and concurrency tests, so they can stop `index` at an exact
//! point of its work and kill it there, however fast or slow the machine is.
//!
//! Only debug builds read the environment for them; a release build never pauses. Set
//! `NEWSIDX_PAUSE_AT` to one of
//! - `document:N`: after the run has added its N-th article to the writer (in the middle
//!   of a batch: added, not yet committed);
//! - `commit:N`: just before the run's N-th commit (every article of the batch added);
//! - `merge`: inside a background merge, once it has started writing the merged segment.
//!
//! At the point the process prints `newsidx: paused at ...` on stderr and reads one line
//! from stdin; a line or end of input lets it go on. `NEWSIDX_COMMIT_EVERY=N` adds a
//! commit after every N articles, so tests get several commits (and merges) on any
//! machine instead of one per `--commit-interval` seconds.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Where a test asked the indexer to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Point {
    Document(usize),
    Commit(usize),
    Merge,
}

/// The pause points and commit cadence a test asked for; empty in release builds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pauses {
    at: Option<Point>,
    commit_every: Option<usize>,
}

impl Pauses {
    pub fn from_env() -> Pauses {
        if !cfg!(debug_assertions) {
            return Pauses::default();
        }
        let var = |name: &str| std::env::var(name).ok();
        Pauses {
            at: var("NEWSIDX_PAUSE_AT").and_then(|v| parse_point(&v)),
            commit_every: var("NEWSIDX_COMMIT_EVERY")
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0),
        }
    }

    /// Called after each article is added; `added` counts this run's articles so far.
    pub fn after_document(&self, added: usize) {
        if self.at == Some(Point::Document(added)) {
            hold(&format!("document {added}"));
        }
    }

    /// Called before each commit; `commit` is this run's commit number, from 1.
    pub fn before_commit(&self, commit: usize) {
        if self.at == Some(Point::Commit(commit)) {
            hold(&format!("commit {commit}"));
        }
    }

    /// Whether a test asked for a commit now, `since` articles after the last one.
    pub fn commit_due(&self, since: usize) -> bool {
        self.commit_every.is_some_and(|n| since >= n)
    }

    pub fn in_merges(&self) -> bool {
        self.at == Some(Point::Merge)
    }
}

fn parse_point(text: &str) -> Option<Point> {
    let (name, n) = text.split_once(':').unwrap_or((text, ""));
    match (name, n.parse::<usize>()) {
        ("document", Ok(n)) => Some(Point::Document(n)),
        ("commit", Ok(n)) => Some(Point::Commit(n)),
        ("merge", _) => Some(Point::Merge),
        _ => None,
    }
}

/// Files a merge opens for writing before it pauses: by the second, the first of the new
/// segment's files is being written and the segments it reads are still in place.
const MERGE_FILES_BEFORE_PAUSE: usize = 2;

/// Called by the index directory whenever a file is opened for writing. Merges run on
/// tantivy's threads named `merge_thread_N`; the first merge to get this far pauses.
pub fn on_open_write(pauses: &Pauses) {
    static OPENED: AtomicUsize = AtomicUsize::new(0);
    static PAUSED: AtomicBool = AtomicBool::new(false);
    let on_merge_thread = std::thread::current()
        .name()
        .is_some_and(|n| n.starts_with("merge_thread"));
    if pauses.in_merges()
        && on_merge_thread
        && OPENED.fetch_add(1, Ordering::SeqCst) + 1 == MERGE_FILES_BEFORE_PAUSE
        && !PAUSED.swap(true, Ordering::SeqCst)
    {
        hold("merge");
    }
}

/// Announces the pause on stderr and waits for a line (or the end) of stdin.
fn hold(what: &str) {
    eprintln!("newsidx: paused at {what}");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_parse_and_nonsense_is_ignored() {
        assert_eq!(parse_point("document:12"), Some(Point::Document(12)));
        assert_eq!(parse_point("commit:2"), Some(Point::Commit(2)));
        assert_eq!(parse_point("merge"), Some(Point::Merge));
        assert_eq!(parse_point("document"), None);
        assert_eq!(parse_point("later:3"), None);
    }

    #[test]
    fn commits_fall_due_only_when_asked() {
        let none = Pauses::default();
        assert!(!none.commit_due(1_000_000));
        let every = Pauses {
            commit_every: Some(10),
            ..Pauses::default()
        };
        assert!(!every.commit_due(9));
        assert!(every.commit_due(10));
    }
}
