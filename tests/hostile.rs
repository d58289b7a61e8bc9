//! Hostile queries, arguments and index folders, through the real binary. Each gets a
//! clear error (exit 2, one plain message, no Rust debug formatting) or a sensible result;
//! never a panic or a hang.

mod robust;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use robust::*;

const MARK: &str = "hostilemark";

fn indexed() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for (i, word) in ["wheat", "copper", "rates", "rail"].iter().enumerate() {
        write(
            &corpus,
            &format!("s{i}.txt"),
            format!(
                "Story about {word} {MARK}\n\nMarch {}, 2024 - The {word} report was filed.\n",
                i + 1
            ),
        );
    }
    let index = dir.path().join("index");
    index_json(&index, &[&corpus], &[]);
    (dir, index)
}

/// An error: exit 2, a `newsidx: error:` or clap message, nothing that looks like Debug.
fn clear_error(out: &std::process::Output, must_contain: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit 2 for: {err}");
    assert!(err.contains(must_contain), "{must_contain:?} in: {err}");
    for debug in [
        "Os {", "kind:", "Some(", "Error {", "{ code", "\\\"", "\\u{",
    ] {
        assert!(!err.contains(debug), "debug formatting {debug:?} in: {err}");
    }
    assert!(err.lines().count() < 20, "short message: {err}");
}

/// A result: exit 0 (hits) or 1 (none), no error text.
fn sensible(out: &std::process::Output) {
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        stderr(out)
    );
    assert!(!stderr(out).contains("error"), "{}", stderr(out));
}

#[test]
fn empty_and_stop_word_queries_give_results_not_errors() {
    let (_d, index) = indexed();
    let out = nx(&index, &["search", ""]);
    sensible(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "an empty query lists everything"
    );
    let out = nx(&index, &["search"]);
    assert_eq!(out.status.code(), Some(0));
    sensible(&nx(&index, &["search", "the of and a"]));
    sensible(&nx(&index, &["search", "   "]));
    sensible(&nx(&index, &["search", "~"]));
    sensible(&nx(&index, &["search", "AND"]));
    sensible(&nx(&index, &["search", "OR"]));
    sensible(&nx(&index, &["search", "日本 🎉 \u{202e}"]));
    // `*` and `*:*` are every article, as in Lucene.
    for q in ["*", "*:*", " ( * ) "] {
        let out = nx(&index, &["search", q, "--count"]);
        sensible(&out);
        assert_eq!(stdout(&out).trim(), "4", "{q}");
    }
}

#[test]
fn malformed_queries_are_clear_errors() {
    let (_d, index) = indexed();
    for (q, msg) in [
        ("\"unclosed", "unbalanced quote"),
        ("wheat)", "unbalanced ')'"),
        ("(wheat", "query syntax"),
        ("((", "query syntax"),
        ("NOT", "query syntax"),
        ("title:", "query syntax"),
        ("date:[2024 TO", "query syntax"),
        ("*ing", "query syntax"),
        ("talk**", "query syntax"),
        ("*:x", "query syntax"),
        ("date:2026-13-45", "invalid date"),
        ("date:[x TO y]", "invalid date"),
        ("country:atlantis", "unknown country 'atlantis'"),
    ] {
        let out = nx(&index, &["search", q]);
        clear_error(&out, msg);
        let err = stderr(&out);
        assert_eq!(
            err.matches("newsidx: error:").count(),
            1,
            "one message for {q:?}: {err}"
        );
    }
    // The caret points into the query, once.
    let err = stderr(&nx(&index, &["search", "wheat)"]));
    assert_eq!(err.matches('^').count(), 1, "{err}");
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let (_d, index) = indexed();
    let q = format!("{}wheat{}", "(".repeat(10_000), ")".repeat(10_000));
    clear_error(&nx(&index, &["search", &q]), "query syntax");
    let q = "NOT ".repeat(10_000) + "wheat";
    let out = nx(&index, &["search", &q]);
    assert!(matches!(out.status.code(), Some(0..=2)), "{}", stderr(&out));
    let q = "-".repeat(10_000) + "wheat";
    let out = nx(&index, &["search", &q]);
    assert!(matches!(out.status.code(), Some(0..=2)), "{}", stderr(&out));
}

#[test]
fn ten_thousand_term_queries_finish_quickly() {
    let (_d, index) = indexed();
    let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    for (name, q) in [
        ("AND", words.join(" ")),
        ("OR", words.join(" OR ")),
        ("phrase", format!("\"{}\"", words.join(" "))),
        (
            "prefix",
            words
                .iter()
                .map(|w| format!("{w}*"))
                .collect::<Vec<_>>()
                .join(" OR "),
        ),
    ] {
        let started = Instant::now();
        let out = nx(&index, &["search", &q]);
        let took = started.elapsed();
        eprintln!("10,000-term {name} query: {took:?}");
        assert!(took < Duration::from_secs(30), "{name}: {took:?}");
        assert!(matches!(out.status.code(), Some(0..=2)), "{}", stderr(&out));
    }
    // One real word among 9,999 alternatives still finds its article.
    let q = format!("{} OR wheat", words[..9_999].join(" OR "));
    let out = nx(&index, &["search", "--count", &q]);
    assert_eq!(stdout(&out).trim(), "1", "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_are_refused_plainly() {
    use std::os::unix::ffi::OsStringExt;
    let (_d, index) = indexed();
    let bad = OsString::from_vec(b"wh\xffeat".to_vec());
    let out = nx_os(&index, [OsString::from("search"), bad.clone()]);
    clear_error(&out, "query argument 'wh\u{FFFD}eat' is not valid UTF-8");
    for flag in ["--actor", "--country", "--from", "--source"] {
        let out = nx_os(&index, [OsString::from("search"), flag.into(), bad.clone()]);
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(
            stderr(&out).to_lowercase().contains("utf-8"),
            "{flag}: {}",
            stderr(&out)
        );
    }
    // A non-UTF-8 path that does not exist is named, not a crash.
    let mut missing = index.with_file_name("nope").into_os_string().into_vec();
    missing.push(0xff);
    let out = nx_os(
        &index,
        [OsString::from("index"), OsString::from_vec(missing)],
    );
    clear_error(&out, "cannot read");
}

#[test]
fn limits_and_offsets_at_the_extremes() {
    let (_d, index) = indexed();
    let out = nx(&index, &["search", MARK, "--limit", "0", "--json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert_eq!(jsonl(&out).len(), 0);
    let out = nx(&index, &["search", MARK, "--limit", "10000000", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(jsonl(&out).len(), 4);
    let max = usize::MAX.to_string();
    for args in [
        vec!["search", MARK, "--limit", &max, "--json"],
        vec!["search", MARK, "--limit", &max, "--offset", "1", "--json"],
        vec!["search", MARK, "--offset", &max, "--json"],
        vec!["search", MARK, "--limit", &max, "--collapse", "--json"],
        vec![
            "similar", "s0.txt", "--limit", &max, "--offset", "2", "--json",
        ],
        vec!["top", "countries", "--limit", &max],
    ] {
        let out = nx(&index, &args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = nx(
        &index,
        &["search", MARK, "--limit", &max, "--offset", "1", "--json"],
    );
    assert_eq!(jsonl(&out).len(), 3);
    clear_error(&nx(&index, &["search", "--limit", "-1"]), "");
    clear_error(
        &nx(&index, &["search", "--limit", "99999999999999999999999"]),
        "",
    );
}

#[test]
fn bad_dates_are_clear_errors() {
    let (_d, index) = indexed();
    for d in [
        "2026-13-45",
        "2026-02-30",
        "0000-00-00",
        "yesterday",
        "",
        "-1",
    ] {
        let out = nx(&index, &["search", "--from", d]);
        clear_error(&out, "");
        assert!(!stderr(&out).contains("panicked"));
    }
    clear_error(
        &nx(&index, &["search", "--from", "2026-13-45"]),
        "invalid date",
    );
    clear_error(
        &nx(&index, &["search", "--from", "2025", "--to", "2024"]),
        "after",
    );
    // A five-digit year is either refused plainly or searched (clamped), never a crash.
    for d in ["99999-01-01", "99999"] {
        let out = nx(&index, &["search", "--to", d]);
        assert!(matches!(out.status.code(), Some(0..=2)), "{}", stderr(&out));
    }
    // Edge dates that are real work.
    for d in ["2024-02-29", "1970-01-01", "9999-12-31", "0001-01-01"] {
        sensible(&nx(&index, &["search", "--from", d]));
        sensible(&nx(&index, &["search", "--to", d]));
    }
}

#[test]
fn bad_numbers_and_options_for_index() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    write(&corpus, "a.txt", article("one", MARK));
    let index = dir.path().join("i");
    for extra in [
        vec!["--memory", "18446744073709551615"],
        vec!["--threads", "0"],
        vec!["--commit-interval", "0"],
        vec!["--format", "nonsense"],
    ] {
        let out = cmd(&index)
            .arg("index")
            .arg(&corpus)
            .args(&extra)
            .output()
            .unwrap();
        no_panic(&out);
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{extra:?}: {}",
            stderr(&out)
        );
    }
}

// ---- Index directory problems ----

#[test]
fn missing_index_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    for args in [
        vec!["search", "x"],
        vec!["stats"],
        vec!["top", "actors"],
        vec!["timeline"],
        vec!["show", "x"],
        vec!["similar", "x"],
    ] {
        let out = nx(&missing, &args);
        clear_error(&out, "no index at");
        // The hint names the index folder asked for, and leaves the articles folder to fill in.
        let hint = format!(
            "build it with `newsidx --index {} index ARTICLES_FOLDER`",
            missing.display()
        );
        assert!(stderr(&out).contains(&hint), "{}", stderr(&out));
    }
    assert!(!missing.exists(), "reading never creates the folder");
    // An empty folder is a missing index too, not a foreign one.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    clear_error(&nx(&empty, &["search", "x"]), "no index at");
}

#[test]
fn foreign_folders_are_refused_and_never_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", article("one", MARK));
    // Look-alikes: a meta.json without our marker, tantivy-like names, a file for a folder.
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("photos", vec![("holiday.jpg", "jpeg")]),
        ("meta-only", vec![("meta.json", "{\"segments\":[]}")]),
        (
            "tantivy-like",
            vec![
                ("meta.json", "{}"),
                (".managed.json", "[]"),
                ("0123456789abcdef0123456789abcdef.idx", "x"),
            ],
        ),
    ];
    for (name, files) in &cases {
        let folder = dir.path().join(name);
        for (f, content) in files {
            write(&folder, f, content);
        }
        for extra in [&[][..], &["--rebuild"][..]] {
            let out = cmd(&folder)
                .arg("index")
                .arg(&corpus)
                .args(extra)
                .output()
                .unwrap();
            no_panic(&out);
            clear_error(&out, "not a newsidx index");
            for (f, content) in files {
                assert_eq!(
                    std::fs::read_to_string(folder.join(f)).unwrap(),
                    *content,
                    "{name}/{f} untouched by index {extra:?}"
                );
            }
        }
        clear_error(&nx(&folder, &["search", "x"]), "not a newsidx index");
    }
    // A plain file where the index should be.
    let file = write(dir.path(), "notadir", "hello");
    let out = cmd(&file).arg("index").arg(&corpus).output().unwrap();
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello");
    let out = nx(&file, &["search", "x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn rebuild_keeps_a_users_own_files_in_the_index_folder() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", article("one", MARK));
    let index = dir.path().join("index");
    index_json(&index, &[&corpus], &[]);
    write(&index, "README-mine.txt", "my notes");
    let (_, s) = index_json(&index, &[&corpus], &["--rebuild"]);
    assert_eq!(s["added"], 1);
    assert_eq!(
        std::fs::read_to_string(index.join("README-mine.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(count(&index, MARK), 1);
}

#[test]
fn damaged_marker_or_meta_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", article("one", MARK));
    let index = dir.path().join("index");
    index_json(&index, &[&corpus], &[]);
    let marker = index.join("newsidx-index.json");
    std::fs::write(&marker, "{\"newsidx_index_format\": 999}").unwrap();
    clear_error(&nx(&index, &["search", "x"]), "different version");
    std::fs::write(&marker, "garbage").unwrap();
    clear_error(&nx(&index, &["search", "x"]), "rebuild");
    // --rebuild recovers, because the marker says the folder is ours.
    let (_, s) = index_json(&index, &[&corpus], &["--rebuild"]);
    assert_eq!(s["added"], 1);
    // A truncated meta.json: an error naming the index, not a panic.
    std::fs::write(index.join("meta.json"), "{\"segm").unwrap();
    let out = nx(&index, &["search", MARK]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot open index"),
        "{}",
        stderr(&out)
    );
    let (_, s) = index_json(&index, &[&corpus], &["--rebuild"]);
    assert_eq!(s["added"], 1);
    assert_eq!(count(&index, MARK), 1);
}

/// Unmounts a bind mount even when the test fails.
#[cfg(target_os = "linux")]
struct Unmount(PathBuf);

#[cfg(target_os = "linux")]
impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A read-only view of `index`: a read-only bind mount (root ignores file modes, so chmod
/// cannot make one). None where mounting is not allowed.
#[cfg(target_os = "linux")]
fn read_only_view(index: &std::path::Path, at: &std::path::Path) -> Option<Unmount> {
    std::fs::create_dir_all(at).ok()?;
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new("mount")
            .args(args)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !run(&["--bind".as_ref(), index.as_os_str(), at.as_os_str()]) {
        return None;
    }
    let guard = Unmount(at.to_path_buf());
    run(&["-o".as_ref(), "remount,ro,bind".as_ref(), at.as_os_str()]).then_some(guard)
}

/// A read-only index (a backup, a shared mount) answers searches, and `index` on it fails
/// with exit 2 naming the folder, without claiming another process holds it.
#[cfg(target_os = "linux")]
#[test]
fn read_only_index_searches_and_refuses_to_index_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", article("one", MARK));
    let index = dir.path().join("index");
    index_json(&index, &[&corpus], &[]);
    let ro = dir.path().join("ro");
    let Some(_mount) = read_only_view(&index, &ro) else {
        eprintln!("skipping: cannot make a read-only bind mount here (needs root)");
        return;
    };
    if std::fs::write(ro.join("probe"), "x").is_ok() {
        eprintln!("skipping: the bind mount is writable after all");
        return;
    }
    assert_eq!(count(&ro, MARK), 1, "search works read-only");
    let out = nx(&ro, &["stats", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write(&corpus, "b.txt", article("two", MARK));
    for extra in [&[][..], &["--rebuild"][..]] {
        let out = cmd(&ro)
            .arg("index")
            .arg(&corpus)
            .args(extra)
            .output()
            .unwrap();
        no_panic(&out);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(&ro.display().to_string()), "{err}");
        assert!(err.contains("Read-only file system"), "{err}");
        assert!(!err.contains("another newsidx process"), "{err}");
        assert!(!err.contains("Os {"), "{err}");
    }
    assert_eq!(count(&ro, MARK), 1, "the failed runs changed nothing");
}
