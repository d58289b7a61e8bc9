//! Crash consistency: `newsidx index` is SIGKILLed at exact points of a run, reached
//! through the debug build's pause points (src/index/pause.rs) rather than after a delay,
//! so the kills land on any machine, fast or slow: in the middle of a batch, between a
//! batch's last article and its commit, and during a merge. After every kill the index
//! opens, `stats` works and search returns only whole articles (each hit a corpus article
//! with its own title, no multi-record file half present); a final re-run ends with
//! exactly the articles of a clean run on a fresh index.
#![cfg(unix)]

mod robust;

use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::Instant;

use robust::*;

/// Articles per commit in the killed runs: small enough for several commits, and so
/// merges, in a corpus of a few thousand articles.
const COMMIT_EVERY: usize = 150;

#[test]
fn killed_runs_leave_a_consistent_index_and_a_rerun_completes_it() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 3_000);
    let all: BTreeSet<String> = c.titles.keys().cloned().collect();

    // The reference: a clean, uninterrupted run on a fresh index.
    let clean = dir.path().join("clean");
    let (_, s) = index_json(&clean, &[&corpus], &[]);
    eprintln!("clean run: {s}");
    assert_eq!(s["added"].as_u64(), Some(all.len() as u64));
    let clean_ids: BTreeSet<String> = marked_hits(&clean).into_iter().map(|h| h.0).collect();
    assert_eq!(clean_ids, all);

    // Each killed run resumes the previous one's work, so each must commit something new
    // before its kill and never reach the end.
    let index = dir.path().join("index");
    let mut committed = 0;
    for at in ["document:400", "commit:3", "merge"] {
        let mut run = PausedRun::start(&index, &corpus, at, COMMIT_EVERY);
        run.wait_paused();
        run.kill();
        let n = check_whole(&index, &c);
        eprintln!("killed at {at}: {n} articles committed");
        assert!(n >= committed, "{at}: commits before the kill survive it");
        // A merge runs beside the articles' own progress: it may start on the segments of
        // earlier runs before this one commits, or go on while this run reaches the end.
        // The other points stop the run itself, after commits of its own.
        if at != "merge" {
            assert!(n > committed, "{at}: this run committed before its kill");
            assert!(n < all.len(), "{at}: the kill came before the end");
        }
        committed = n;
    }

    // A re-run completes the index: same ids and count as the clean run.
    let (_, s) = index_json(&index, &[&corpus], &[]);
    eprintln!("re-run after kills: {s}");
    let ids: BTreeSet<String> = marked_hits(&index).into_iter().map(|h| h.0).collect();
    assert_eq!(ids, clean_ids);
    assert_eq!(check_whole(&index, &c), all.len());
    assert_eq!(s["unchanged"].as_u64(), Some(committed as u64), "{s}");
    assert_eq!(
        s["added"].as_u64(),
        Some((all.len() - committed) as u64),
        "{s}"
    );
    assert_eq!(s["removed"], 0, "{s}");
    assert_eq!(s["updated"], 0, "{s}");
    eprintln!("crash test total: {:?}", started.elapsed());
}

/// A pause point that is never reached lets the run finish: the runs above were stopped
/// by their pause, not by anything else.
#[test]
fn an_unreached_pause_point_lets_the_run_finish() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 50);
    let index = dir.path().join("index");
    let run = PausedRun::start(&index, &corpus, "document:1000000", COMMIT_EVERY);
    let out = run.finish();
    no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("paused"), "{}", stderr(&out));
    assert_eq!(check_whole(&index, &c), c.titles.len());
}

/// Unmounts the small filesystem even when the test fails.
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Running out of disk space mid-run: the run fails with exit 2, and the index keeps its
/// last good commit (tantivy swaps `meta.json` only after the segment files are written).
/// Needs a 1 MB tmpfs; skipped with a notice where mounting is not allowed.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_previous_commit() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&small)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!(
            "skipping: cannot mount a small tmpfs here (needs root and a permissive sandbox)"
        );
        return;
    }
    let _guard = Mount(small.clone());
    let index = small.join("index");
    let first = dir.path().join("first");
    for i in 0..50 {
        write(
            &first,
            &format!("a{i:02}.txt"),
            article(&format!("first{i}"), "firstmark"),
        );
    }
    let (_, s) = index_json(&index, &[&first], &[]);
    assert_eq!(s["added"], 50);

    // Far more than 1 MB of index: the disk fills up during this run.
    let more = dir.path().join("more");
    let c = slow_corpus(&more, 4000);
    let out = cmd(&index)
        .args(["index", "--commit-interval", "1", "--quiet"])
        .arg(&first)
        .arg(&more)
        .output()
        .unwrap();
    no_panic(&out);
    if out.status.success() {
        eprintln!("notice: the index fit in 1 MB after all; nothing to check");
        return;
    }
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("newsidx: error: cannot write to index"),
        "{}",
        stderr(&out)
    );
    // The earlier articles are all there, and whatever periodic commits landed before
    // the disk filled up hold whole articles.
    assert_eq!(count(&index, "firstmark"), 50);
    let committed = check_whole_with(&index, &c, 50);
    eprintln!(
        "disk full: exit 2; {committed} of {} new articles committed",
        c.titles.len()
    );

    // With space again, a re-run completes the index.
    let grown = std::process::Command::new("mount")
        .args(["-o", "remount,size=256m"])
        .arg(&small)
        .status()
        .is_ok_and(|s| s.success());
    assert!(grown, "remount with more space");
    let (_, s) = index_json(&index, &[&first, &more], &[]);
    assert_eq!(s["unchanged"].as_u64(), Some(50 + committed as u64), "{s}");
    assert_eq!(count(&index, "firstmark"), 50);
    assert_eq!(check_whole_with(&index, &c, 50), c.titles.len());
}
