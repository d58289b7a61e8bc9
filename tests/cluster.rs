//! The OpenSearch back end against a real 2-node cluster (scripts/opensearch-cluster.sh):
//! the same answers as the local index on the sample corpus and the Reuters dev
//! collection, incremental runs, refused articles, a cluster that goes down in the middle
//! of a run, and searches that survive the loss of a node.
//!
//! Needs Java 17+ and Maven (the first start builds the launcher). Without them the test
//! prints a notice and passes; CI has them.

mod backends;
mod robust;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use backends::suite::UnderTest;
use newsidx::backend::Archive;
use newsidx::cli::IndexArgs;
use newsidx::opensearch::{ClusterArchive, ClusterStorage, EngineUrl};
use robust::{PausedRun, bin, no_panic, stderr, stdout, write};
use serde_json::Value;

/// A cluster started for this test, stopped (and its data deleted) when dropped.
struct Cluster {
    state: tempfile::TempDir,
    url: String,
}

impl Cluster {
    fn start(nodes: usize) -> Option<Cluster> {
        for tool in ["java", "mvn", "curl"] {
            if !on_path(tool) {
                // CI sets this: there a missing tool is a broken machine, not a skip.
                let required = std::env::var_os("NEWSIDX_REQUIRE_CLUSTER").is_some();
                assert!(
                    !required,
                    "`{tool}` is not installed, and NEWSIDX_REQUIRE_CLUSTER is set"
                );
                eprintln!("NOTICE: skipping the cluster tests: `{tool}` is not installed");
                return None;
            }
        }
        let state = tempfile::tempdir().unwrap();
        let out = script(state.path(), &["start", &nodes.to_string()]);
        assert!(
            out.status.success(),
            "cluster did not start: {}",
            stderr(&out)
        );
        let url = stdout(&out).trim().to_string();
        Some(Cluster { state, url })
    }

    fn engine(&self, index: &str) -> String {
        format!("{}/{index}?shards=2&replicas=1", self.url)
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = script(self.state.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = script(self.state.path(), &["stop"]);
    }
}

fn on_path(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn script(state: &Path, args: &[&str]) -> Output {
    Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/opensearch-cluster.sh"))
        .args(args)
        .env("NEWSIDX_OS_STATE", state)
        .output()
        .expect("run opensearch-cluster.sh")
}

/// Where a command goes: a local index folder or a cluster index.
#[derive(Clone)]
enum Target {
    Local(PathBuf),
    Engine(String),
}

fn newsidx(target: &Target, args: &[&str]) -> Output {
    let mut c = Command::new(bin());
    match target {
        Target::Local(dir) => c.arg("--index").arg(dir),
        Target::Engine(url) => c.arg("--engine").arg(url),
    };
    let out = c
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("NEWSIDX_INDEX")
        .env_remove("NEWSIDX_ENGINE")
        .output()
        .expect("run newsidx");
    no_panic(&out);
    out
}

fn json(target: &Target, args: &[&str]) -> Value {
    let out = newsidx(target, args);
    assert!(out.status.code() != Some(2), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)))
}

fn index(target: &Target, paths: &[&Path]) -> Value {
    let mut args = vec!["index", "--json", "-q", "--threads", "2"];
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    let out = newsidx(target, &args);
    assert!(out.status.success(), "index: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("index --json summary")
}

/// The counts of a summary that both back ends must agree on.
fn counts(summary: &Value) -> Vec<u64> {
    ["files_seen", "added", "updated", "unchanged", "removed"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap_or(u64::MAX))
        .collect()
}

/// Ids of every hit of a search, as a sorted list.
fn ids(target: &Target, query: &[&str]) -> Vec<String> {
    let mut args = vec!["search", "--format", "jsonl", "-n", "10000"];
    args.extend(query);
    let out = newsidx(target, &args);
    assert!(out.status.code() != Some(2), "{query:?}: {}", stderr(&out));
    let mut ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    ids
}

/// Dates of the hits in the order a date sort gives them.
fn dates_in_order(target: &Target, query: &[&str]) -> Vec<Value> {
    let mut args = vec!["search", "--format", "jsonl", "-n", "10000"];
    args.extend(query);
    stdout(&newsidx(target, &args))
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["date"].clone())
        .collect()
}

/// Searches, filters and sorts that must select the same articles on both back ends.
const SEARCHES: &[&[&str]] = &[
    &["oil"],
    &["talks"],
    &["\"central bank\""],
    &["\"oil prices\"~3"],
    &["sanction*"],
    // A prefix longer than the stem its words are filed under ("negoti").
    &["negotiat*"],
    &["oil", "OR", "gas"],
    &["oil -opec"],
    &["title:iran"],
    &["*", "--country", "IR"],
    &["*", "--country", "germany", "--country", "JP"],
    &["*", "--from", "2025-01", "--to", "2025-06"],
    &["date:[2024-01 TO 2024-12]"],
    &["country:china", "trade"],
    &["*", "--lang", "en"],
    &["*", "--actor", "pezeshkian"],
    &["actor:\"European Union\""],
    &["*", "--source", "Reuters"],
    &["bank", "--fuzzy"],
    &["NOT", "oil"],
];

/// Every question of the parity check, answered by both back ends.
fn assert_same_answers(local: &Target, cluster: &Target, label: &str) {
    for q in SEARCHES {
        assert_eq!(ids(local, q), ids(cluster, q), "{label}: search {q:?}");
    }
    for sort in ["newest", "oldest"] {
        let q = ["*", "--sort", sort];
        assert_eq!(
            dates_in_order(local, &q),
            dates_in_order(cluster, &q),
            "{label}: {sort}"
        );
    }
    for what in ["countries", "actors", "sources", "languages"] {
        let q = ["top", what, "-n", "25", "--json"];
        assert_eq!(json(local, &q), json(cluster, &q), "{label}: top {what}");
    }
    let q = ["top", "countries", "oil", "--json"];
    assert_eq!(
        json(local, &q),
        json(cluster, &q),
        "{label}: top countries oil"
    );
    for by in ["month", "year"] {
        let q = ["timeline", "--by", by, "--json"];
        assert_eq!(json(local, &q), json(cluster, &q), "{label}: timeline {by}");
    }
    let (mut a, mut b) = (
        json(local, &["stats", "--json"]),
        json(cluster, &["stats", "--json"]),
    );
    for key in ["index", "segments", "size_bytes"] {
        a[key] = Value::Null;
        b[key] = Value::Null;
    }
    assert_eq!(a, b, "{label}: stats");
}

fn parity(cluster: &Cluster, root: &Path, name: &str) -> (Target, Target) {
    let dir = tempfile::tempdir().unwrap().keep();
    let local = Target::Local(dir.join("index"));
    let remote = Target::Engine(cluster.engine(name));
    let a = index(&local, &[root]);
    let b = index(&remote, &[root]);
    assert_eq!(counts(&a), counts(&b), "{name}: first run");
    assert!(a["added"].as_u64().unwrap() > 0, "{name}: nothing indexed");
    assert_same_answers(&local, &remote, name);
    (local, remote)
}

/// Change, add and delete files: the second run reports the same counts on both.
fn incremental(cluster: &Cluster) {
    let corpus = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
    copy_tree(&src, corpus.path());
    let dir = tempfile::tempdir().unwrap();
    let local = Target::Local(dir.path().join("index"));
    let remote = Target::Engine(cluster.engine("incremental"));
    index(&local, &[corpus.path()]);
    index(&remote, &[corpus.path()]);
    let again = (
        index(&local, &[corpus.path()]),
        index(&remote, &[corpus.path()]),
    );
    assert_eq!(counts(&again.0), counts(&again.1));
    assert_eq!(again.1["added"], 0, "an unchanged re-run adds nothing");
    let files = text_files(corpus.path());
    std::fs::remove_file(&files[0]).unwrap();
    let changed = std::fs::read_to_string(&files[1]).unwrap()
        + "\n\nOfficials in Lisbon said more talks would follow.\n";
    std::fs::write(&files[1], changed).unwrap();
    write(
        corpus.path(),
        "new/lisbon.txt",
        "Lisbon hosts a summit\n\nLISBON, May 4, 2025 (Newsidx) - Leaders met in Lisbon on Sunday to discuss fishing quotas.\n",
    );
    let after = (
        index(&local, &[corpus.path()]),
        index(&remote, &[corpus.path()]),
    );
    assert_eq!(counts(&after.0), counts(&after.1), "after changes");
    assert!(after.1["removed"].as_u64().unwrap() >= 1, "{}", after.1);
    assert!(after.1["updated"].as_u64().unwrap() >= 1, "{}", after.1);
    assert_eq!(ids(&local, &["lisbon"]), ids(&remote, &["lisbon"]));
    assert_same_answers(&local, &remote, "incremental");
    // Someone deletes only the articles index: the ledger must not claim the files are
    // still stored.
    let gone = Command::new("curl")
        .args(["-sf", "-XDELETE"])
        .arg(format!("{}/incremental", cluster.url))
        .output()
        .unwrap();
    assert!(gone.status.success(), "{}", stderr(&gone));
    let out = newsidx(
        &remote,
        &[
            "index",
            "-q",
            "--json",
            &corpus.path().display().to_string(),
        ],
    );
    assert!(
        stderr(&out).contains("the ledger was cleared"),
        "{}",
        stderr(&out)
    );
    assert_same_answers(&local, &remote, "after the articles index was deleted");
}

fn text_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for file in walk(from) {
        let rel = file.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&file, dest).unwrap();
    }
}

/// Articles the cluster refuses are named in a warning; the rest is indexed, and their
/// file is read again on the next run. The refusal is real: the index is set to allow
/// at most two nested actor mentions per article. An id past OpenSearch's 512-byte
/// limit (a deep path) is not refused: the document id is then a hash of it.
fn refused_article(cluster: &Cluster) {
    let corpus = tempfile::tempdir().unwrap();
    let long = format!(
        "{}/{}/{}.txt",
        "d".repeat(200),
        "e".repeat(200),
        "f".repeat(200)
    );
    write(
        corpus.path(),
        &long,
        "Ports reopen\n\nThe harbour reopened after the storm passed.\n",
    );
    let remote = Target::Engine(cluster.engine("refused"));
    index(&remote, &[corpus.path()]);
    let long_id = long.clone();
    assert_eq!(ids(&remote, &["harbour"]), vec![long_id.clone()]);
    assert_eq!(
        json(&remote, &["show", &long_id, "--json"])["id"],
        long_id.as_str()
    );
    let limit = r#"{"index.mapping.nested_objects.limit": 2}"#;
    let put = Command::new("curl")
        .args(["-sf", "-XPUT", "-H", "Content-Type: application/json"])
        .arg(format!("{}/refused/_settings", cluster.url))
        .args(["-d", limit])
        .output()
        .unwrap();
    assert!(put.status.success(), "{}", stderr(&put));
    write(
        corpus.path(),
        "crowded.txt",
        "Summit ends\n\nAngela Merkel, Emmanuel Macron and Justin Trudeau met Narendra Modi and Cyril Ramaphosa in Geneva on Monday.\n",
    );
    write(
        corpus.path(),
        "quiet.txt",
        "Rail strike ends\n\nTrains ran again on Monday after the strike ended.\n",
    );
    for _ in 0..2 {
        let out = newsidx(
            &remote,
            &["index", "-q", &corpus.path().display().to_string()],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("newsidx: warning: article crowded.txt: the cluster refused it"),
            "{err}"
        );
        let mut expected = vec![long_id.clone(), "quiet.txt".to_string()];
        expected.sort();
        assert_eq!(ids(&remote, &["*"]), expected);
    }
}

/// A bad URL fails at once with a message, not a hang or a panic.
fn unreachable() {
    let closed = Target::Engine("http://127.0.0.1:9/news".into());
    let out = newsidx(&closed, &["search", "oil"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot reach the cluster at http://127.0.0.1:9"),
        "{}",
        stderr(&out)
    );
    let bad = Target::Engine("127.0.0.1:9200".into());
    let out = newsidx(&bad, &["stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not http(s)://HOST:PORT/INDEX"),
        "{}",
        stderr(&out)
    );
}

/// With one node gone, searches answer from the replicas, and a run that writes either
/// completes or says what is wrong.
fn node_loss(cluster: &Cluster, local: &Target, remote: &Target) {
    cluster.run(&["stop-node", "1", "--kill"]);
    for q in SEARCHES.iter().take(8) {
        assert_eq!(ids(local, q), ids(remote, q), "one node down: search {q:?}");
    }
    let q = ["top", "countries", "--json"];
    assert_eq!(json(local, &q), json(remote, &q), "one node down: top");
    let extra = tempfile::tempdir().unwrap();
    write(
        extra.path(),
        "late.txt",
        "Late story\n\nA late story arrived while a node was down.\n",
    );
    let out = newsidx(
        remote,
        &["index", "-q", &extra.path().display().to_string()],
    );
    assert!(
        out.status.success() || stderr(&out).contains("cluster"),
        "{}",
        stderr(&out)
    );
}

/// The cluster goes down in the middle of a run: the run fails with a clear message
/// after its retries, and once the cluster is back a re-run completes the job, with the
/// same articles as a local index of the same files.
fn cluster_down_mid_run(cluster: &Cluster) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
    let url = cluster.engine("interrupted");
    let mut newsidx = Command::new(bin());
    newsidx
        .arg("--engine")
        .arg(&url)
        .env_remove("NEWSIDX_INDEX");
    let mut run = PausedRun::start_with(newsidx, &sample, "commit:2", 10);
    run.wait_paused();
    cluster.run(&["stop-node", "0", "--kill"]);
    let out = run.finish();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot reach the cluster"),
        "{}",
        stderr(&out)
    );
    cluster.run(&["start-node", "0"]);
    let remote = Target::Engine(url);
    let dir = tempfile::tempdir().unwrap();
    let local = Target::Local(dir.path().join("index"));
    index(&local, &[&sample]);
    let rerun = index(&remote, &[&sample]);
    assert!(rerun["added"].as_u64().unwrap() > 0, "{rerun}");
    assert_same_answers(&local, &remote, "after the cluster came back");
}

/// One index of the cluster per check of the back-end suite.
struct ClusterIndex {
    url: String,
}

impl ClusterIndex {
    fn new(cluster: &Cluster) -> ClusterIndex {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        ClusterIndex {
            url: cluster.engine(&format!("suite-{n}")),
        }
    }
}

impl UnderTest for ClusterIndex {
    type S = ClusterStorage;

    fn storage(&mut self, args: &IndexArgs) -> ClusterStorage {
        let url = EngineUrl::parse(&self.url).expect("engine URL");
        ClusterStorage::open(url, args.rebuild).expect("open the cluster index")
    }

    fn archive(&self) -> Box<dyn Archive + '_> {
        let url = EngineUrl::parse(&self.url).expect("engine URL");
        Box::new(ClusterArchive::open(url).expect("open the cluster index for reading"))
    }
}

#[test]
fn the_cluster_answers_as_the_local_index_does() {
    let Some(cluster) = Cluster::start(2) else {
        return;
    };
    unreachable();
    backends::backend_suite!(sequentially ClusterIndex::new(&cluster));
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus");
    let (local, remote) = parity(&cluster, &sample, "sample");
    let reuters = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578-dev");
    if reuters.is_dir() {
        parity(&cluster, &reuters, "reuters");
    } else {
        eprintln!("NOTICE: ../shared is missing: the Reuters parity check is skipped");
    }
    incremental(&cluster);
    refused_article(&cluster);
    node_loss(&cluster, &local, &remote);
    cluster.run(&["start-node", "1"]);
    cluster_down_mid_run(&cluster);
}
