//! Concurrency: one writer at a time (a second `index` fails at once with exit 2 and a
//! plain message), readers keep working during a run and see its last commit, and a
//! killed run loses at most the work since its last commit, which the next run then
//! reports as unchanged. The running writer is held at a pause point of the debug build
//! (src/index/pause.rs) while the test acts, so no step depends on the machine's speed.
#![cfg(unix)]

mod robust;

use std::path::Path;
use std::time::{Duration, Instant};

use robust::*;

/// Committed articles, as search sees them now.
fn committed(index: &Path) -> usize {
    let out = nx(index, &["search", "--count", SLOW_MARK]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "search during indexing: {}",
        stderr(&out)
    );
    stdout(&out).trim().parse().unwrap()
}

#[test]
fn a_second_writer_fails_at_once_and_the_first_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 1_000);
    let index = dir.path().join("index");
    let mut first = PausedRun::start(&index, &corpus, "document:300", 100);
    first.wait_paused();
    let t = Instant::now();
    let second = cmd(&index).arg("index").arg(&corpus).output().unwrap();
    let took = t.elapsed();
    no_panic(&second);
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let err = stderr(&second);
    assert!(
        err.contains(&format!(
            "index {} is being written by another newsidx process",
            index.display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one plain line: {err}");
    // "At once": it does not wait for the lock. The first run stays paused however long
    // this takes, so the bound only has to tell failing from waiting.
    assert!(
        took < Duration::from_secs(60),
        "fails at once, took {took:?}"
    );
    // --rebuild must not wipe an index someone is writing either.
    let rebuild = cmd(&index)
        .args(["index", "--rebuild"])
        .arg(&corpus)
        .output()
        .unwrap();
    no_panic(&rebuild);
    assert_eq!(rebuild.status.code(), Some(2), "{}", stderr(&rebuild));
    let out = first.finish();
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(check_whole(&index, &c), c.titles.len());
}

#[test]
fn search_works_during_indexing_and_sees_each_commit() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 1_000);
    let index = dir.path().join("index");
    // Paused after two commits of 200, with a third batch half added.
    let mut run = PausedRun::start(&index, &corpus, "document:500", 200);
    run.wait_paused();
    let during = committed(&index);
    assert!(
        (400..500).contains(&during),
        "search sees the two commits and nothing uncommitted: {during}"
    );
    assert_eq!(check_whole(&index, &c), during);
    let out = run.finish();
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = jsonl(&out).pop().unwrap();
    eprintln!("seen while paused: {during}; {summary}");
    assert!(summary["commits"].as_u64().unwrap_or(0) >= 3, "{summary}");
    assert_eq!(committed(&index), c.titles.len(), "the last commit");
}

#[test]
fn a_kill_loses_at_most_the_last_interval_and_the_rerun_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 1_000);
    let index = dir.path().join("index");
    let mut run = PausedRun::start(&index, &corpus, "document:500", 200);
    run.wait_paused();
    let before = committed(&index);
    run.kill();
    let after = check_whole(&index, &c);
    eprintln!("committed before kill: {before}, after kill: {after}");
    assert_eq!(after, before, "the commits seen survive, and nothing else");
    assert!(after > 0 && after < c.titles.len(), "{after}");
    let (_, s) = index_json(&index, &[&corpus], &[]);
    eprintln!("resumed: {s}");
    assert_eq!(s["unchanged"].as_u64(), Some(after as u64), "{s}");
    assert_eq!(
        s["added"].as_u64(),
        Some((c.titles.len() - after) as u64),
        "{s}"
    );
    assert_eq!(check_whole(&index, &c), c.titles.len());
}
