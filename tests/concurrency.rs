//! Concurrency: one writer at a time (a second `index` fails at once with exit 2 and a
//! plain message), readers keep working during a run and see its last commit, and a
//! killed run loses at most the work since its last periodic commit, which the next run
//! then reports as unchanged.
#![cfg(unix)]

mod robust;

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use robust::*;

fn start_index(index: &Path, corpus: &Path) -> Child {
    cmd(index)
        .args(["index", "--commit-interval", "1", "--quiet", "--json"])
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the running indexer has created the index (its marker and meta.json).
fn wait_for_index(index: &Path, child: &mut Child) {
    let until = Instant::now() + Duration::from_secs(30);
    while !(index.join("meta.json").exists() && index.join("newsidx-index.json").exists()) {
        assert!(child.try_wait().unwrap().is_none(), "indexer ended early");
        assert!(Instant::now() < until, "index never appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
}

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
    let c = slow_corpus(&corpus, 12_000);
    let index = dir.path().join("index");
    let mut first = start_index(&index, &corpus);
    wait_for_index(&index, &mut first);
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    let second = cmd(&index).arg("index").arg(&corpus).output().unwrap();
    let took = t.elapsed();
    no_panic(&second);
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first run must still be going for this test to mean anything"
    );
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
    assert!(
        took < Duration::from_secs(5),
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
    let out = first.wait_with_output().unwrap();
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(check_whole(&index, &c), c.titles.len());
}

#[test]
fn search_works_during_indexing_and_sees_each_commit() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 12_000);
    let index = dir.path().join("index");
    let mut child = start_index(&index, &corpus);
    wait_for_index(&index, &mut child);
    let mut seen = Vec::new();
    while child.try_wait().unwrap().is_none() {
        seen.push(committed(&index));
        std::thread::sleep(Duration::from_millis(150));
    }
    let out = child.wait_with_output().unwrap();
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = jsonl(&out).pop().unwrap();
    eprintln!("counts seen while indexing: {seen:?}; {summary}");
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "never goes back: {seen:?}"
    );
    let partial = seen
        .iter()
        .filter(|&&n| n > 0 && n < c.titles.len())
        .count();
    assert!(
        partial > 0 && summary["commits"].as_u64().unwrap_or(0) >= 2,
        "a periodic commit is visible before the run ends: {seen:?}"
    );
    assert_eq!(committed(&index), c.titles.len(), "the last commit");
}

#[test]
fn a_kill_loses_at_most_the_last_interval_and_the_rerun_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 12_000);
    let index = dir.path().join("index");
    let mut child = start_index(&index, &corpus);
    wait_for_index(&index, &mut child);
    // Wait for a periodic commit, note what it holds, then kill shortly after.
    let until = Instant::now() + Duration::from_secs(60);
    let before = loop {
        let n = committed(&index);
        if n > 0 {
            break n;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before any commit was seen"
        );
        assert!(Instant::now() < until, "no periodic commit within 60 s");
        std::thread::sleep(Duration::from_millis(50));
    };
    std::thread::sleep(Duration::from_millis(1300));
    if child.try_wait().unwrap().is_some() {
        eprintln!("notice: the run finished before the kill; nothing to resume");
        return;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let after = check_whole(&index, &c);
    eprintln!("committed before kill: {before}, after kill: {after}");
    assert!(after >= before, "a commit seen by search survives the kill");
    assert!(after < c.titles.len(), "the kill came before the end");
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
