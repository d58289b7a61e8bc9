//! Crash consistency: `newsidx index` is SIGKILLed at several points of a long run. After
//! every kill the index opens, `stats` works and search returns only whole articles (each
//! hit a corpus article with its own title, no multi-record file half present); a final
//! re-run ends with exactly the articles of a clean run on a fresh index.
#![cfg(unix)]

mod robust;

use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::{Duration, Instant};

use robust::*;

#[test]
fn killed_runs_leave_a_consistent_index_and_a_rerun_completes_it() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let c = slow_corpus(&corpus, 4000);
    let all: BTreeSet<String> = c.titles.keys().cloned().collect();

    // The reference: a clean, uninterrupted run on a fresh index.
    let clean = dir.path().join("clean");
    let t = Instant::now();
    let (_, s) = index_json(&clean, &[&corpus], &["--commit-interval", "1"]);
    let clean_secs = t.elapsed();
    eprintln!("clean run: {clean_secs:?}, {s}");
    assert_eq!(s["added"].as_u64(), Some(all.len() as u64));
    let clean_ids: BTreeSet<String> = marked_hits(&clean).into_iter().map(|h| h.0).collect();
    assert_eq!(clean_ids, all);

    // Kill runs on one index at growing delays; each resumes the previous one's work.
    let index = dir.path().join("index");
    let mut kills = 0;
    for delay_ms in [300u64, 1000, 2000, 3500] {
        let mut child = cmd(&index)
            .args(["index", "--commit-interval", "1", "--quiet"])
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap(); // SIGKILL on Unix: no destructor, no final commit.
            kills += 1;
        }
        let status = child.wait().unwrap();
        if finished {
            assert!(
                status.success(),
                "a run that finished before its kill succeeded"
            );
        }
        // The index must open, and what it holds must be whole articles.
        let n = if index.join("meta.json").exists() {
            check_whole(&index, &c)
        } else {
            // Killed before the index was created: reading says there is none.
            let out = nx(&index, &["stats"]);
            assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
            0
        };
        eprintln!("killed after {delay_ms} ms (finished: {finished}): {n} articles committed");
    }
    assert!(
        kills >= 2,
        "the runs were too fast to be killed; use a bigger corpus"
    );

    // A re-run completes the index: same ids and count as the clean run.
    let (_, s) = index_json(&index, &[&corpus], &["--commit-interval", "1"]);
    eprintln!("re-run after kills: {s}");
    let ids: BTreeSet<String> = marked_hits(&index).into_iter().map(|h| h.0).collect();
    assert_eq!(ids, clean_ids);
    assert_eq!(check_whole(&index, &c), all.len());
    assert_eq!(
        s["added"].as_u64().unwrap() + s["unchanged"].as_u64().unwrap(),
        all.len() as u64,
        "{s}"
    );
    assert_eq!(s["removed"], 0, "{s}");
    assert_eq!(s["updated"], 0, "{s}");
    eprintln!("crash test total: {:?}", started.elapsed());
}
