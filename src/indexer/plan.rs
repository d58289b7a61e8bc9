//! Deciding what a run has to do: which found files are new or may have changed (to be
//! read), which are unchanged (by size and mtime), and which stored files are gone.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::backend::{FileState, FileStates};
use crate::discover::Walk;

/// The work of one run.
pub struct Plan {
    /// Files to read, by their place in the walk. Plain indexes: a new index reads every
    /// file, and a list of (file, stored state) pairs cost ~48 MB at a million files.
    pub todo: Vec<u32>,
    /// What is stored for the files to read that the index already holds.
    pub stored: FxHashMap<u32, FileState>,
    /// Stored files gone from under the given roots, with their article counts.
    pub gone: Vec<(String, usize)>,
    /// Articles of files whose size and mtime are as stored.
    pub unchanged: usize,
}

/// Compares the walk with what is stored. Size and mtime decide first; only files that
/// differ are read (and hashed). Each found file takes its entry out of `stored`, so
/// what is left at the end is what the walk did not find: no set of every found path is
/// built to tell.
pub fn plan(walk: &Walk, mut stored: FileStates) -> Plan {
    let mut plan = Plan {
        todo: Vec::new(),
        stored: FxHashMap::default(),
        gone: Vec::new(),
        unchanged: 0,
    };
    let mut key = String::new();
    for i in 0..walk.sources.len() {
        let state = if stored.is_empty() {
            None
        } else {
            walk.sources.path_text_into(i, &mut key);
            stored.remove(key.as_str())
        };
        let found = walk.sources.stamp(i);
        let file = i as u32;
        match state {
            Some(s) if s.stamp.size == found.size && s.stamp.mtime_ns == found.mtime_ns => {
                plan.unchanged += s.articles;
            }
            Some(s) => {
                plan.stored.insert(file, s);
                plan.todo.push(file);
            }
            None => plan.todo.push(file),
        }
    }
    plan.gone = stored
        .into_iter()
        .filter(|(path, _)| is_under_any(path, &walk.roots))
        .map(|(path, state)| (path, state.articles))
        .collect();
    plan
}

fn is_under_any(path: &str, roots: &[PathBuf]) -> bool {
    let p = Path::new(path);
    roots.iter().any(|r| p.starts_with(r))
}
