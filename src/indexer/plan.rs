//! Deciding what a run has to do: which found files are new or may have changed (to be
//! read), which are unchanged (by size and mtime), and which stored files are gone.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::backend::FileState;
use crate::discover::{self, Source, Walk};

/// The work of one run.
pub struct Plan<'w> {
    /// Files to read, with what is stored for them.
    pub todo: Vec<(&'w Source, Option<FileState>)>,
    /// Stored files gone from under the given roots, with their article counts.
    pub gone: Vec<(String, usize)>,
    /// Articles of files whose size and mtime are as stored.
    pub unchanged: usize,
}

/// Compares the walk with what is stored. Size and mtime decide first; only files that
/// differ are read (and hashed).
pub fn plan<'w>(walk: &'w Walk, stored: &HashMap<String, FileState>) -> Plan<'w> {
    let mut todo = Vec::new();
    let mut unchanged = 0;
    // Borrowed keys: a copy of every path would cost an allocation per file (~100 MB
    // at a million files) for a set that only answers "is this path still there". A new
    // index has nothing to remove, so it needs no set at all (~50 MB at a million files).
    let track_removals = !stored.is_empty();
    let mut present: HashSet<Cow<'_, str>> = HashSet::with_capacity(if track_removals {
        walk.sources.len()
    } else {
        0
    });
    for source in &walk.sources {
        // The same text as `discover::path_text`, borrowed whenever the path is UTF-8.
        let key = match source.path.to_str() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(discover::path_text(&source.path)),
        };
        let state = stored.get(key.as_ref());
        match state {
            Some(s) if s.stamp.size == source.size && s.stamp.mtime_ns == source.mtime_ns => {
                unchanged += s.articles;
            }
            _ => todo.push((source, state.copied())),
        }
        if track_removals {
            present.insert(key);
        }
    }
    let gone = stored
        .iter()
        .filter(|(path, _)| !present.contains(path.as_str()) && is_under_any(path, &walk.roots))
        .map(|(path, state)| (path.clone(), state.articles))
        .collect();
    Plan {
        todo,
        gone,
        unchanged,
    }
}

fn is_under_any(path: &str, roots: &[PathBuf]) -> bool {
    let p = Path::new(path);
    roots.iter().any(|r| p.starts_with(r))
}
