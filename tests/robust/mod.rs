//! Helpers shared by the robustness tests (torture, crash, concurrency, hostile): run the
//! real binary, read its JSON, and check that it never panicked.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test. `NEWSIDX_BIN` overrides it, so a run can pin one build while
/// other worktrees rebuild the shared target directory.
pub fn bin() -> OsString {
    std::env::var_os("NEWSIDX_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_newsidx").into())
}

/// A `newsidx --index INDEX` command with color off and a fixed environment.
pub fn cmd(index: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("--index")
        .arg(index)
        .env("NO_COLOR", "1")
        .env_remove("NEWSIDX_INDEX");
    c
}

pub fn nx(index: &Path, args: &[&str]) -> Output {
    nx_os(index, args.iter().map(OsStr::new))
}

pub fn nx_os<I, S>(index: &Path, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = cmd(index).args(args).output().expect("run newsidx");
    no_panic(&out);
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Fails the test if the process panicked or was killed by a signal.
pub fn no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked at"), "panic: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "panic: {err}");
    assert!(out.status.code().is_some(), "killed by a signal: {err}");
    assert_ne!(out.status.code(), Some(101), "panic exit status: {err}");
}

pub fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

/// JSON Lines from stdout.
pub fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

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
