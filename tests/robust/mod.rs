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
    assert!(!err.contains("panicked"), "panic: {err}");
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
