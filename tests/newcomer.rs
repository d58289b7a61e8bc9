//! What a first-time user meets: the outputs and refusals of the commands on small
//! archives, checked as the README shows them.

mod common;

use common::*;

/// An archive whose articles carry no date at all has no range to print: `stats` says so
/// in words instead of "- to -".
#[test]
fn stats_of_an_undated_archive_says_no_dates_were_found() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(
        &corpus,
        "harbour.txt",
        "Harbour workers end strike\n\nDock workers in the port returned to work on the \
         morning shift after the union accepted a new pay offer from the port authority.\n",
    );
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nx(&index, &["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("dates     none found (1 undated)"), "{text}");
    assert!(!text.contains("- to -"), "{text}");
}

/// `top` and `timeline` print counts, not files: `--format paths` is refused with the
/// formats they do take, instead of quietly printing the human table.
#[test]
fn counting_commands_refuse_the_paths_format_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    for args in [
        &["top", "actors", "--format", "paths"][..],
        &["timeline", "--format", "paths"][..],
    ] {
        let out = nx(&index, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains("invalid value 'paths'"), "{err}");
        assert!(err.contains("human, json, jsonl, csv"), "{err}");
    }
}

/// A timeline's empty months end at their count, with no trailing blanks, while months
/// with articles keep their bar.
#[test]
fn empty_timeline_buckets_have_no_trailing_blanks() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for (name, day) in [("a.txt", "March 3, 2025"), ("b.txt", "May 5, 2025")] {
        write(
            &corpus,
            name,
            format!(
                "Harbour workers end strike\n\nROTTERDAM, {day} (Newsidx Wire) - Dock workers \
                 returned to work after the union accepted a new pay offer.\n"
            ),
        );
    }
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nx(&index, &["timeline", "--by", "month", "--color", "never"]);
    let text = stdout(&out);
    let april = text
        .lines()
        .find(|l| l.starts_with("2025-04"))
        .expect(&text);
    assert_eq!(april.trim_end(), april, "{text}");
    assert!(april.ends_with(" 0"), "{text}");
    let march = text
        .lines()
        .find(|l| l.starts_with("2025-03"))
        .expect(&text);
    assert!(march.contains('█'), "{text}");
}

/// A prefix finds the words that start with it even where stemming filed them under a
/// shorter stem: "negotiat*" finds "negotiations" and "negotiated" (filed as "negoti"),
/// as the README's example promises, and still finds nothing in an unrelated story.
#[test]
fn a_prefix_finds_words_stemmed_shorter_than_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for (name, verb) in [
        ("talks.txt", "Negotiations on the port contract resumed"),
        ("deal.txt", "The union negotiated a new contract"),
        ("quay.txt", "Ferry crews waited on the quay"),
    ] {
        write(
            &corpus,
            name,
            format!(
                "Harbour news\n\n{verb} on Monday, the port authority said in a statement \
                 to the workers and their families.\n"
            ),
        );
    }
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nx(&index, &["search", "negotiat*", "--format", "paths"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut found: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    found.sort();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("deal.txt") && found[1].ends_with("talks.txt"));
}
