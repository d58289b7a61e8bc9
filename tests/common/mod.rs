//! Helpers shared by the integration tests: run the real binary, write fixture trees.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsidx")
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

/// Runs `newsidx --index INDEX ARGS...`; fails the test if the process panicked.
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

/// `../shared` next to the crate, or None (tests then skip with a notice).
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent (it is only present in development and CI)");
        None
    }
}

/// JSON Lines from stdout.
pub fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// A small fixture tree of articles written for these tests.
pub fn fixture_tree(root: &Path) {
    write(
        root,
        "wire/ankara-grain.txt",
        "Turkey and Ukraine agree grain corridor extension\n\n\
         ANKARA, March 14, 2024 (Test Wire) - Turkish Foreign Minister Hakan Fidan said on Thursday \
         that Turkey and Ukraine had agreed to extend the Black Sea grain corridor by six months. \
         Fidan told reporters in Ankara that the deal would keep wheat flowing to Egypt.\n",
    );
    write(
        root,
        "wire/ottawa-rates.txt",
        "Bank of Canada holds interest rate steady\n\n\
         OTTAWA, June 5, 2025 (Test Wire) - The Bank of Canada kept its key interest rate unchanged \
         on Wednesday. Governor Tiff Macklem said inflation was easing but the bank would watch \
         wages closely before any cut.\n",
    );
    write(
        root,
        "blog/lagos-port.md",
        "---\ntitle: Lagos port congestion eases\ndate: 2023-11-20\nauthor: Ada Obi\nsource: Coastal Review\n---\n\n\
         Congestion at the Apapa terminal in Lagos eased this month, Nigerian port officials said, \
         after the Nigerian Ports Authority cleared a backlog of containers.\n",
    );
    write(
        root,
        "feeds/batch.jsonl",
        concat!(
            r#"{"id":"a1","headline":"Kenya opens new rail link","maintext":"Kenyan President William Ruto opened a rail link between Nairobi and Naivasha on Monday.","date_publish":"2025-01-13T09:00:00Z","source_domain":"east.example"}"#,
            "\n",
            r#"{"id":"a2","headline":"Chile copper output rises","maintext":"Copper production in Chile rose four percent in December, the mining ministry in Santiago said.","published":"2025-02-02","source_domain":"andes.example"}"#,
            "\n"
        ),
    );
    write(
        root,
        "feeds/one.json",
        r#"{"title":"Japan unveils stimulus package","body":"Japanese Prime Minister Shigeru Ishiba unveiled a stimulus package in Tokyo aimed at easing household energy costs.","datePublished":"2024-11-22T06:00:00+09:00","publisher":"Tokyo Desk"}"#,
    );
}

/// An index of `fixture_tree`, in a temporary folder kept alive by the first value.
pub fn indexed() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fixture_tree(&corpus);
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, index)
}

/// The ids of a JSON Lines answer, in order.
pub fn ids(out: &std::process::Output) -> Vec<String> {
    jsonl(out)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}
