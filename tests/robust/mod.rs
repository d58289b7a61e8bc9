//! Helpers shared by the robustness tests (torture, crash, concurrency, hostile): run the
//! real binary, read its JSON, and check that it never panicked.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

#[path = "../common/mod.rs"]
mod common;
pub use common::*;

/// Runs `index ROOTS... EXTRA... --json`, expects exit 0, returns output and summary.
pub fn index_json(index: &Path, roots: &[&Path], extra: &[&str]) -> (Output, serde_json::Value) {
    let out = cmd(index)
        .arg("index")
        .args(roots)
        .args(extra)
        .arg("--json")
        .output()
        .expect("run newsidx");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = jsonl(&out).pop().expect("a summary object on stdout");
    (out, summary)
}

/// Every id a query finds, asking for more hits than can exist.
pub fn ids_for(index: &Path, query: &str) -> BTreeSet<String> {
    let out = nx(index, &["search", query, "--json", "--limit", "1000000"]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    jsonl(&out)
        .iter()
        .map(|v| v["id"].as_str().expect("id").to_string())
        .collect()
}

pub fn count(index: &Path, query: &str) -> usize {
    let out = nx(index, &["search", "--count", query]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    stdout(&out).trim().parse().expect("a count")
}

/// A good article whose headline and body carry `token` and `mark`.
pub fn article(token: &str, mark: &str) -> String {
    format!(
        "Headline {token} {mark}\n\nThe body mentions {token} and {mark} once more, \
         in a story filed from Paris.\n"
    )
}

/// A corpus big enough that a debug build takes several seconds to index it: plain-text
/// files plus JSON Lines files of several records. Returns every article id with its
/// title, and for each multi-record file its id prefix and record count.
pub struct SlowCorpus {
    pub titles: std::collections::BTreeMap<String, String>,
    pub multi: Vec<(String, usize)>,
}

pub const SLOW_MARK: &str = "slowmark";

pub fn slow_corpus(root: &Path, files: usize) -> SlowCorpus {
    let mut titles = std::collections::BTreeMap::new();
    let mut multi = Vec::new();
    let filler = "Delegates met again on Tuesday to discuss grain exports, rail freight and \
                  the price of fertiliser, and agreed to meet again next month. "
        .repeat(12);
    for i in 0..files {
        let dir = format!("d{:02}", i % 40);
        if i % 10 == 9 {
            let records = 5;
            let mut lines = String::new();
            for r in 0..records {
                let title = format!("Record {r} of batch {i} {SLOW_MARK}");
                lines.push_str(
                    &serde_json::json!({"id": format!("r{r}"), "title": title, "body": filler})
                        .to_string(),
                );
                lines.push('\n');
                titles.insert(format!("{dir}/batch{i:05}.jsonl#r{r}"), title);
            }
            std::fs::create_dir_all(root.join(&dir)).unwrap();
            std::fs::write(root.join(format!("{dir}/batch{i:05}.jsonl")), lines).unwrap();
            multi.push((format!("{dir}/batch{i:05}.jsonl#"), records));
        } else {
            let title = format!("Story {i} {SLOW_MARK}");
            write(
                root,
                &format!("{dir}/story{i:05}.txt"),
                format!("{title}\n\n{filler}\n"),
            );
            titles.insert(format!("{dir}/story{i:05}.txt"), title);
        }
    }
    SlowCorpus { titles, multi }
}

/// Hits for the corpus mark, as (id, title) pairs.
pub fn marked_hits(index: &Path) -> Vec<(String, String)> {
    let out = nx(
        index,
        &["search", SLOW_MARK, "--json", "--limit", "1000000"],
    );
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    jsonl(&out)
        .iter()
        .map(|v| {
            (
                v["id"].as_str().expect("id").to_string(),
                v["title"].as_str().expect("title").to_string(),
            )
        })
        .collect()
}

/// Checks that what the index holds is made of whole articles and whole files: every hit
/// is a corpus article with its own title, none twice, and a multi-record file is either
/// entirely present or entirely absent. Returns the number of articles.
pub fn check_whole(index: &Path, c: &SlowCorpus) -> usize {
    check_whole_with(index, c, 0)
}

/// `check_whole` for an index that also holds `others` articles from outside the corpus.
pub fn check_whole_with(index: &Path, c: &SlowCorpus, others: usize) -> usize {
    let hits = marked_hits(index);
    let mut seen = BTreeSet::new();
    for (id, title) in &hits {
        let want = c
            .titles
            .get(id)
            .unwrap_or_else(|| panic!("unknown id {id}"));
        assert_eq!(title, want, "title of {id}");
        assert!(seen.insert(id.clone()), "{id} twice");
    }
    for (prefix, records) in &c.multi {
        let n = seen
            .iter()
            .filter(|id| id.starts_with(prefix.as_str()))
            .count();
        assert!(
            n == 0 || n == *records,
            "{prefix}: {n} of {records} records"
        );
    }
    let out = nx(index, &["stats", "--json"]);
    // Exit 1 is `stats` saying the index is empty, like a search without hits.
    let want = if hits.len() + others == 0 { 1 } else { 0 };
    assert_eq!(out.status.code(), Some(want), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    assert_eq!(
        stats["articles"].as_u64(),
        Some((hits.len() + others) as u64),
        "{stats}"
    );
    hits.len()
}

/// A `newsidx index` run that stops at a pause point (src/index/pause.rs explains them)
/// so a test can act there: search, start a second writer, or kill it. Nothing waits for
/// wall-clock time; the test waits for the run to say it has paused.
pub struct PausedRun {
    pub child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

/// How long a run may take to reach its pause point before the test gives up: only a
/// hang should ever come near it.
const PAUSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

impl PausedRun {
    /// Starts `newsidx index CORPUS` with a commit every `commit_every` articles and the
    /// time-based commits out of the way, to pause at `at` (`document:N`, `commit:N`,
    /// `merge`).
    pub fn start(index: &Path, corpus: &Path, at: &str, commit_every: usize) -> PausedRun {
        PausedRun::start_with(cmd(index), corpus, at, commit_every)
    }

    /// The same, with a command that names its back end itself (`--engine URL`).
    pub fn start_with(
        mut newsidx: std::process::Command,
        corpus: &Path,
        at: &str,
        commit_every: usize,
    ) -> PausedRun {
        use std::process::Stdio;
        let mut child = newsidx
            .args(["index", "--commit-interval", "100000", "--quiet", "--json"])
            .arg(corpus)
            .env("NEWSIDX_PAUSE_AT", at)
            .env("NEWSIDX_COMMIT_EVERY", commit_every.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run newsidx");
        let stdin = child.stdin.take();
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        PausedRun {
            child,
            stdin,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits until the run reports its pause; fails if it ends or errs first.
    pub fn wait_paused(&mut self) {
        let until = std::time::Instant::now() + PAUSE_TIMEOUT;
        loop {
            let left = until.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with("newsidx: paused at ") => return,
                Ok(line) => self.seen.push(line),
                Err(e) => panic!(
                    "the run never paused ({e:?}); stderr so far: {}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Lets the paused run go on.
    pub fn resume(&mut self) {
        self.stdin.take();
    }

    /// SIGKILL: no destructor runs and nothing more is committed.
    pub fn kill(mut self) {
        self.child.kill().expect("kill the indexer");
        self.child.wait().expect("reap the indexer");
    }

    /// Lets the run finish; returns its output with stderr as the test saw it.
    pub fn finish(mut self) -> Output {
        self.resume();
        let mut out = self.child.wait_with_output().expect("wait for newsidx");
        self.seen.extend(self.lines.iter());
        out.stderr = self.seen.join("\n").into_bytes();
        out
    }
}

/// Peak resident memory of a running child, sampled from /proc (Linux only).
pub fn watch_rss(child: &mut std::process::Child) -> (std::process::ExitStatus, Option<u64>) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak: Option<u64> = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kb) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        {
            peak = Some(peak.unwrap_or(0).max(kb * 1024));
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (status, peak);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The peak memory README "Guarantees" states for `index` with default settings: the
/// writer budget (at most 256 MB on up to six cores: 128 MB per writer thread, one writer
/// per three parser threads) plus three times the file cap (128 MB) plus 100 MB, whatever
/// the largest file in the folder.
pub const MEMORY_BOUND: u64 = (256 + 3 * 128 + 100) << 20;

/// Runs `index ROOT EXTRA... --json` and samples its peak RSS (0 where /proc is absent).
pub fn index_watching_rss(index: &Path, root: &Path, extra: &[&str]) -> (Output, u64) {
    use std::process::Stdio;
    let mut child = cmd(index)
        .arg("index")
        .arg(root)
        .args(extra)
        .args(["--json", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsidx");
    // The pipes are drained by threads so a chatty run cannot block on a full pipe.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out_pipe = drain(Box::new(child.stdout.take().expect("stdout")));
    let err_pipe = drain(Box::new(child.stderr.take().expect("stderr")));
    let (status, peak) = watch_rss(&mut child);
    let out = Output {
        status,
        stdout: out_pipe.join().expect("stdout thread"),
        stderr: err_pipe.join().expect("stderr thread"),
    };
    no_panic(&out);
    (out, peak.unwrap_or(0))
}
