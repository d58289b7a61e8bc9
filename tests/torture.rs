//! Torture corpus, built at run time: broken, hostile and huge inputs next to good articles.
//! Every good article must be indexed and searchable (counted exactly), every bad file
//! named exactly once on stderr with a reason and counted in the `--json` summary, no
//! panic, and exit status 0 because the run itself completed.

mod robust;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsidx::formats::Format;
use robust::*;

/// The word every good article carries, so one search lists them all.
const MARK: &str = "torturemarker";

fn article(token: &str) -> String {
    robust::article(token, MARK)
}

/// How often `path` is named as the subject of a warning (`PATH: reason`).
fn named(err: &str, path: &Path) -> usize {
    err.matches(&format!("{}: ", path.display())).count()
}

fn skipped(summary: &serde_json::Value, kind: &str) -> u64 {
    summary["skipped"][kind].as_u64().unwrap_or(0)
}

fn reported_total(summary: &serde_json::Value) -> u64 {
    let skipped: u64 = summary["skipped"]
        .as_object()
        .expect("skipped object")
        .iter()
        .filter(|(k, _)| k.as_str() != "symlink")
        .map(|(_, v)| v.as_u64().unwrap_or(0))
        .sum();
    skipped + summary["files_with_warnings"].as_u64().unwrap_or(0)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// The good files and the ids their articles must have.
struct Corpus {
    good_ids: BTreeSet<String>,
    /// Files that must give no article (or only warnings), each to be named once.
    bad: Vec<PathBuf>,
    /// Files in formats another branch may or may not parse yet: each is either
    /// ignored (unknown extension), indexed, or named once.
    maybe: Vec<PathBuf>,
}

fn build_corpus(root: &Path) -> Corpus {
    let mut good_ids = BTreeSet::new();
    let mut good = |rel: &str, content: &[u8], ids: &[&str]| {
        write(root, rel, content);
        for id in ids {
            good_ids.insert((*id).to_string());
        }
    };
    good(
        "good/plain.txt",
        article("alphaone").as_bytes(),
        &["good/plain.txt"],
    );
    good(
        "good/with space.txt",
        article("spacetwo").as_bytes(),
        &["good/with space.txt"],
    );
    good(
        "good/new\nline.txt",
        article("newlinethree").as_bytes(),
        &["good/new\nline.txt"],
    );
    good(
        "good/notes.md",
        format!("---\ntitle: Notes fourmd {MARK}\n---\n\nMarkdown body fourmd {MARK}.\n")
            .as_bytes(),
        &["good/notes.md"],
    );
    good(
        "good/one.json",
        format!(r#"{{"title":"Json five {MARK}","body":"fivejson body {MARK}"}}"#).as_bytes(),
        &["good/one.json"],
    );
    // Dates tantivy cannot hold (it counts nanoseconds in an i64) must not stop indexing.
    good(
        "good/far-future.json",
        format!(r#"{{"title":"Far {MARK}","body":"farfuture","date":"9999-12-31T00:00:00Z"}}"#)
            .as_bytes(),
        &["good/far-future.json"],
    );
    good(
        "good/ancient.json",
        format!(r#"{{"title":"Old {MARK}","body":"ancientdate","date":"0001-01-01"}}"#).as_bytes(),
        &["good/ancient.json"],
    );
    let mut latin1 = b"Caf\xe9 sixlatin ".to_vec();
    latin1.extend_from_slice(MARK.as_bytes());
    latin1.extend_from_slice(b"\n\nM\xfcnchen caf\xe9 owners, sixlatin.\n");
    good("good/latin1.txt", &latin1, &["good/latin1.txt"]);
    let mut utf16le = vec![0xff, 0xfe];
    for u in article("sevenutf").encode_utf16() {
        utf16le.extend_from_slice(&u.to_le_bytes());
    }
    good("good/utf16le.txt", &utf16le, &["good/utf16le.txt"]);
    let mut utf16be = vec![0xfe, 0xff];
    for u in article("eightutf").encode_utf16() {
        utf16be.extend_from_slice(&u.to_be_bytes());
    }
    good("good/utf16be.txt", &utf16be, &["good/utf16be.txt"]);
    let mut invalid = article("nineinvalid").into_bytes();
    invalid.extend_from_slice(b"Stray bytes \xc3\x28 and \xa0\xa1 here.\n");
    good(
        "good/invalid-utf8.txt",
        &invalid,
        &["good/invalid-utf8.txt"],
    );
    let lines = [
        format!(r#"{{"id":"r1","title":"Line one {MARK}","body":"tenline one"}}"#),
        "{\"id\":\"r2\",\"title\":\"cut off".to_string(),
        format!(r#"{{"id":"r3","title":"Line three {MARK}","body":"tenline three"}}"#),
        format!(r#"{{"id":"r4","title":"Line four {MARK}","body":"tenline four"}}"#),
    ];
    good(
        "good/mixed.jsonl",
        lines.join("\n").as_bytes(),
        &[
            "good/mixed.jsonl#r1",
            "good/mixed.jsonl#r3",
            "good/mixed.jsonl#r4",
        ],
    );
    let deep: String = (0..100).map(|i| format!("level{i:03}/")).collect();
    good(
        &format!("{deep}deep.txt"),
        article("elevendeep").as_bytes(),
        &[&format!("{deep}deep.txt")],
    );

    let mut bad = Vec::new();
    let mut add_bad = |rel: &str, content: &[u8]| bad.push(write(root, rel, content));
    add_bad("bad/empty.txt", b"");
    add_bad("bad/blank.txt", b"  \n\t\n ");
    add_bad(
        "bad/binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
    );
    add_bad("bad/truncated.json", b"{\"title\": \"Half an obj");
    add_bad("bad/malformed.json", b"{title: 'single quotes'}");
    add_bad("bad/not-an-article.json", b"{\"foo\": 1}");

    let mut maybe = Vec::new();
    let mut add_maybe = |rel: &str, content: &[u8]| maybe.push(write(root, rel, content));
    add_maybe(
        "maybe/truncated.html",
        b"<!DOCTYPE html><html><head><title>Cut",
    );
    add_maybe("maybe/garbage.html", b"<<<>>>&&&;;;</</</");
    add_maybe(
        "maybe/truncated.xml",
        b"<?xml version=\"1.0\"?><nitf><head><tit",
    );
    add_maybe("maybe/garbage.xml", b"<a><b></a></b>");
    add_maybe(
        "maybe/truncated.sgm",
        b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\"><TEXT><TITLE>Cut",
    );
    add_maybe("maybe/garbage.sgml", b"<DOC><DOCNO></DOC></DOCNO>");
    let gz = gzip(article("twelvegz").as_bytes());
    add_maybe("maybe/truncated.txt.gz", &gz[..gz.len() / 2]);
    add_maybe(
        "maybe/not-gzip.txt.gz",
        b"\x1f\x8b\x08\x00garbage, not deflate",
    );
    add_maybe("maybe/empty.json.gz", b"");
    Corpus {
        good_ids,
        bad,
        maybe,
    }
}

#[test]
fn torture_corpus_keeps_every_good_article_and_names_every_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(&root).unwrap();
    let root = std::fs::canonicalize(&root).unwrap();
    let mut c = build_corpus(&root);

    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"good/bad\xffname.txt");
        let p = root.join(name);
        std::fs::write(&p, article("thirteenbytes")).unwrap();
        // Bytes that are not UTF-8 are kept apart as \xHH, not folded into U+FFFD.
        c.good_ids.insert(r"good/bad\xFFname.txt".to_string());
        std::fs::create_dir_all(root.join("links/loopdir")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("links/dangling.txt"))
            .unwrap();
        std::os::unix::fs::symlink(&root, root.join("links/loopdir/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("good/plain.txt"), root.join("links/alias.txt"))
            .unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("links/zero.txt")).unwrap();
        let fifo = root.join("bad/pipe.txt");
        if Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            c.bad.push(fifo);
        } else {
            eprintln!("notice: mkfifo unavailable, FIFO case not covered");
        }
    }

    let index = dir.path().join("index");
    let started = Instant::now();
    let (out, summary) = index_json(&index, &[&root], &[]);
    eprintln!("torture corpus indexed in {:?}", started.elapsed());
    let err = stderr(&out);

    // Every good article, exactly.
    assert_eq!(ids_for(&index, MARK), c.good_ids, "stderr: {err}");
    assert_eq!(count(&index, MARK), c.good_ids.len());
    for token in [
        "alphaone",
        "sevenutf",
        "eightutf",
        "nineinvalid",
        "elevendeep",
        "sixlatin",
    ] {
        assert_eq!(count(&index, token), 1, "{token} searchable");
    }
    assert_eq!(count(&index, "münchen"), 1, "latin-1 decoded");
    assert_eq!(
        summary["added"].as_u64(),
        Some(c.good_ids.len() as u64 + maybe_indexed(&index, &c))
    );

    // Every bad file named exactly once, with a reason.
    for p in &c.bad {
        assert_eq!(named(&err, p), 1, "{} named once in: {err}", p.display());
        let line = err
            .lines()
            .find(|l| l.contains(&format!("{}: ", p.display())))
            .unwrap();
        let reason = line.rsplit(": ").next().unwrap_or("");
        assert!(!reason.trim().is_empty(), "a reason: {line}");
    }
    // A good file with one bad line is named once, for that line only.
    let mixed = root.join("good/mixed.jsonl");
    assert_eq!(named(&err, &mixed), 1, "{err}");
    assert!(err.contains("line 2"), "{err}");
    let mut maybe_named = 0;
    for p in &c.maybe {
        let n = named(&err, p);
        assert!(n <= 1, "{} named {n} times: {err}", p.display());
        maybe_named += n;
        if Format::from_path(p).is_none() {
            assert_eq!(n, 0, "unknown formats are ignored silently");
        } else if !has_article(&index, &root, p) {
            assert_eq!(n, 1, "{} gave nothing, so it is named: {err}", p.display());
        }
    }
    // Good files are not complained about.
    for id in [
        "good/plain.txt",
        "good/with space.txt",
        "good/latin1.txt",
        "good/utf16le.txt",
    ] {
        assert_eq!(named(&err, &root.join(id)), 0, "{id}: {err}");
    }

    // The summary counts the same files that stderr names.
    assert!(skipped(&summary, "empty") >= 2, "{summary}");
    assert_eq!(skipped(&summary, "binary"), 1, "{summary}");
    assert!(skipped(&summary, "malformed") >= 2, "{summary}");
    let links = if cfg!(unix) { 4 } else { 0 };
    assert_eq!(skipped(&summary, "symlink"), links, "{summary}");
    assert_eq!(
        reported_total(&summary),
        c.bad.len() as u64 + 1 + maybe_named as u64,
        "bad files + mixed.jsonl + named maybe-files: {summary}\n{err}"
    );

    // `extract` reads the same files the same way: every good article, bad files named once.
    let ex = nx(&index, &["extract", "--json", &root.to_string_lossy()]);
    assert_eq!(ex.status.code(), Some(0), "{}", stderr(&ex));
    let ex_err = stderr(&ex);
    let ex_ids: BTreeSet<String> = jsonl(&ex)
        .iter()
        .filter(|v| v["title"].as_str().is_some_and(|t| t.contains(MARK)))
        .map(|v| v["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ex_ids, c.good_ids);
    for p in &c.bad {
        assert_eq!(
            named(&ex_err, p),
            1,
            "extract names {} once: {ex_err}",
            p.display()
        );
    }

    // A second run changes nothing and keeps everything.
    let (_, again) = index_json(&index, &[&root], &[]);
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(again["removed"], 0, "{again}");
    assert_eq!(
        again["unchanged"].as_u64(),
        summary["added"].as_u64(),
        "{again}"
    );
    assert_eq!(count(&index, MARK), c.good_ids.len());

    #[cfg(unix)]
    follow_links(&dir.path().join("index-follow"), &root, &c);
}

/// With --follow-links: a loop and a dangling link are named once each, /dev/zero is not
/// read, and a link to a good file is one more article.
#[cfg(unix)]
fn follow_links(index: &Path, root: &Path, c: &Corpus) {
    let started = Instant::now();
    let (out, summary) = index_json(index, &[root], &["--follow-links"]);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "no endless read"
    );
    let err = stderr(&out);
    let mut want = c.good_ids.clone();
    want.insert("links/alias.txt".into());
    assert_eq!(ids_for(index, MARK), want, "{err}");
    assert_eq!(named(&err, &root.join("links/dangling.txt")), 1, "{err}");
    assert_eq!(named(&err, &root.join("links/zero.txt")), 1, "{err}");
    let loops = err
        .lines()
        .filter(|l| l.starts_with("newsidx: warning:") && l.contains("symlink loop"))
        .count();
    assert_eq!(loops, 1, "{err}");
    assert_eq!(skipped(&summary, "symlink loop"), 1, "{summary}");
    assert_eq!(skipped(&summary, "symlink"), 0, "{summary}");
}

/// Whether any article of `file` is in the index (its id, or `id#record`).
fn has_article(index: &Path, root: &Path, file: &Path) -> bool {
    let id = file
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let out = nx(
        index,
        &["show", &file.to_string_lossy(), "--json", "--no-body"],
    );
    out.status.success()
        || nx(index, &["show", &id, "--json", "--no-body"])
            .status
            .success()
}

fn maybe_indexed(index: &Path, c: &Corpus) -> u64 {
    // Articles from maybe-files carry no marker; count them through `show`.
    c.maybe
        .iter()
        .map(|p| {
            let out = nx(
                index,
                &["show", &p.to_string_lossy(), "--json", "--no-body"],
            );
            if out.status.success() {
                jsonl(&out).len() as u64
            } else {
                0
            }
        })
        .sum()
}

#[test]
fn ten_thousand_files_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("flat");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..10_000 {
        std::fs::write(
            root.join(format!("a{i:05}.txt")),
            robust::article(&format!("story{i}"), "tenkmarker"),
        )
        .unwrap();
    }
    let index = dir.path().join("index");
    let started = Instant::now();
    let (_, summary) = index_json(&index, &[&root], &[]);
    eprintln!("10,000 files indexed in {:?}", started.elapsed());
    assert_eq!(summary["added"], 10_000);
    assert_eq!(count(&index, "tenkmarker"), 10_000);
    assert_eq!(ids_for(&index, "tenkmarker").len(), 10_000);
    let out = nx(&index, &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 10_000);
    let (_, again) = index_json(&index, &[&root], &[]);
    assert_eq!(again["unchanged"], 10_000, "{again}");
}

/// A 50 MB article is over the default article ceiling: it is cut there with one warning
/// naming the file and the option, the head is searchable, and memory stays at the
/// stated bound. With the ceiling raised, the whole text is indexed.
#[test]
fn fifty_megabyte_article_is_cut_at_the_ceiling_or_indexed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("big");
    std::fs::create_dir_all(&root).unwrap();
    let mut text = String::with_capacity(52 * 1024 * 1024);
    text.push_str("Enormous report bigstartword\n\n");
    let para = "Officials in Berlin and Paris discussed grain, rates and rail links at length. \
                The meeting ran late into the evening and resumed the next morning.\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(para);
    }
    text.push_str("The very last line holds bigendword.\n");
    std::fs::write(root.join("huge.txt"), &text).unwrap();
    drop(text);

    let index = dir.path().join("index");
    let (out, peak) = index_watching_rss(&index, &root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("huge.txt: longer than the 8 MiB article limit")
            && err.contains("--max-article-mb"),
        "{err}"
    );
    eprintln!("50 MB article, default ceiling: peak RSS {} MB", peak >> 20);
    assert!(peak < MEMORY_BOUND, "peak RSS {peak} bytes");
    assert_eq!(jsonl(&out).pop().unwrap()["added"], 1);
    assert_eq!(count(&index, "bigstartword"), 1);
    assert_eq!(
        count(&index, "bigendword"),
        0,
        "the tail is past the ceiling"
    );

    let whole = dir.path().join("whole");
    let (out, peak) = index_watching_rss(&whole, &root, &["--max-article-mb", "64"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    eprintln!("50 MB article, 64 MB ceiling: peak RSS {} MB", peak >> 20);
    let ids = ids_for(&whole, "bigendword");
    assert_eq!(ids, BTreeSet::from(["huge.txt".to_string()]));
}

/// Files vanish while the walk and the readers run: a deleter thread races the indexer.
/// Either outcome per file is fine (read before it went, or named as vanished); what must
/// hold is no crash, exit 0, every file that stays indexed, and no file named twice.
#[test]
fn files_deleted_during_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    std::fs::create_dir_all(&root).unwrap();
    let root = std::fs::canonicalize(&root).unwrap();
    let mut victims = Vec::new();
    for i in 0..3000 {
        victims.push(write(
            &root,
            &format!("v/{:02}/victim{i:04}.txt", i % 50),
            robust::article(&format!("victim{i}"), "victimword"),
        ));
    }
    for i in 0..300 {
        write(
            &root,
            &format!("k/keeper{i:03}.txt"),
            robust::article(&format!("keeper{i}"), "keeperword"),
        );
    }
    let index = dir.path().join("index");
    let child = cmd(&index)
        .args(["index", "--json", "--threads", "1"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Deleting in reverse order meets the walk (which goes in name order) half way.
    let deleter = {
        let victims = victims.clone();
        std::thread::spawn(move || {
            for v in victims.iter().rev() {
                let _ = std::fs::remove_file(v);
            }
        })
    };
    let out = child.wait_with_output().unwrap();
    deleter.join().unwrap();
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let summary = jsonl(&out).pop().unwrap();
    assert_eq!(count(&index, "keeperword"), 300, "{err}");
    let found = count(&index, "victimword");
    let mut named_victims = 0;
    for v in &victims {
        let n = named(&err, v);
        assert!(n <= 1, "{} named {n} times", v.display());
        named_victims += n;
    }
    eprintln!(
        "deleted during the run: {found} victims indexed, {named_victims} named, {} never seen",
        3000 - found - named_victims
    );
    assert!(found + named_victims <= 3000);
    assert_eq!(
        summary["added"].as_u64(),
        Some(300 + found as u64),
        "{summary}"
    );
    // The next run removes what was indexed before it vanished.
    let (_, again) = index_json(&index, &[&root], &[]);
    assert_eq!(again["removed"].as_u64(), Some(found as u64), "{again}");
    assert_eq!(again["unchanged"], 300, "{again}");
    assert_eq!(count(&index, "victimword"), 0);
}

/// An unreadable file is named once and the rest indexed. Root reads everything, so the
/// case is skipped (with a notice) when the chmod does not take effect.
#[cfg(unix)]
#[test]
fn unreadable_file_is_named_once() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("c");
    write(&root, "ok.txt", article("readableok"));
    let locked = write(&root, "locked.txt", article("lockedone"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_dir = root.join("closed");
    write(&root, "closed/inner.txt", article("innerone"));
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let restore = || {
        let _ = std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755));
    };
    if std::fs::read(&locked).is_ok() {
        restore();
        eprintln!("skipping: running as root, chmod 000 does not stop reads");
        return;
    }
    let index = dir.path().join("index");
    let (out, summary) = index_json(&index, &[&root], &[]);
    restore();
    let err = stderr(&out);
    assert_eq!(count(&index, MARK), 1);
    assert_eq!(named(&err, &locked), 1, "{err}");
    assert_eq!(named(&err, &locked_dir), 1, "{err}");
    assert_eq!(skipped(&summary, "unreadable"), 2, "{summary}");
}

/// Two non-UTF-8 names that print the same must both stay indexed across runs.
#[cfg(unix)]
#[test]
fn names_that_differ_only_in_invalid_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    std::fs::create_dir_all(&root).unwrap();
    for (bytes, token) in [
        (&b"x\xff.txt"[..], "firstbyte"),
        (&b"x\xfe.txt"[..], "secondbyte"),
    ] {
        let p = root.join(std::ffi::OsStr::from_bytes(bytes));
        std::fs::write(p, article(token)).unwrap();
    }
    let index = dir.path().join("index");
    let (_, first) = index_json(&index, &[&root], &[]);
    assert_eq!(first["added"], 2, "{first}");
    assert_eq!(count(&index, MARK), 2);
    // Touch one file's content so the next run re-reads it.
    let p = root.join(std::ffi::OsStr::from_bytes(b"x\xfe.txt"));
    std::fs::write(&p, article("secondbyte changed text")).unwrap();
    let (_, second) = index_json(&index, &[&root], &[]);
    assert_eq!(count(&index, "firstbyte"), 1, "{second}");
    assert_eq!(count(&index, "secondbyte"), 1, "{second}");
    assert_eq!(count(&index, MARK), 2, "{second}");
}

/// An index kept inside the folder it indexes is not read as articles, on any run.
#[test]
fn an_index_inside_its_own_corpus_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    write(&root, "a.txt", article("insideone"));
    let index = root.join("idx");
    for _ in 0..2 {
        let (out, s) = index_json(&index, &[&root], &[]);
        assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
        assert_eq!(s["files_seen"], 1, "{s}");
    }
    assert_eq!(ids_for(&index, MARK), BTreeSet::from(["a.txt".to_string()]));
}
