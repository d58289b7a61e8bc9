//! Property tests: no input makes a format parser, the date parsers, extraction or the
//! query parser panic, and what they return keeps its own invariants. 64 cases per
//! property by default; set PROPTEST_CASES for longer runs.

use newsidx::article::{Article, Given};
use newsidx::extract::{self, dates};
use newsidx::formats::{self, Format};
use newsidx::query::parse;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes that look like the formats, so the parsers get past their first checks.
fn format_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragments = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        "\"title\":",
        "\"body\":",
        "\"date\":",
        "\"id\":",
        ",",
        ":",
        "\"",
        "\n",
        "<",
        ">",
        "</",
        "<html>",
        "<title>",
        "<p>",
        "<REUTERS NEWID=\"1\">",
        "<DOC>",
        "<DOCNO>",
        "<TEXT>",
        "<BODY>",
        "</TEXT>",
        "<?xml version=\"1.0\"?>",
        "<rss>",
        "<item>",
        "<feed>",
        "<entry>",
        "<nitf>",
        "&amp;",
        "&#x",
        ";",
        "---\n",
        "title: ",
        "# ",
        "WARC/1.0\r\n",
        "Content-Length: ",
        "\r\n\r\n",
        "\t",
        "Paris",
        "2024-02-03",
        "President Anna Smith",
        "\u{feff}",
        "\u{0}",
        "é",
        "\u{202e}",
        "🎉",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        prop::collection::vec(fragments.clone(), 0..64).prop_map(|v| v.concat().into_bytes()),
        (prop::collection::vec(fragments, 0..64), any::<usize>()).prop_map(|(v, cut)| {
            let mut b = v.concat().into_bytes();
            b.truncate(cut % (b.len() + 1));
            b
        }),
    ]
}

fn article() -> impl Strategy<Value = Article> {
    let text = || "\\PC{0,200}";
    (
        text(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec("[a-z-]{0,20}", 0..4),
    )
        .prop_map(|(title, body, date, dateline, places, people)| Article {
            title,
            body,
            date,
            dateline,
            given: Given {
                places,
                people: people.clone(),
                orgs: people,
                subjects: Vec::new(),
            },
            ..Article::default()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_format_parser_returns_instead_of_panicking(bytes in format_bytes()) {
        for &format in Format::ALL {
            if let Ok(parsed) = formats::parse(format, &bytes) {
                prop_assert!(
                    !parsed.articles.is_empty() || !parsed.warnings.is_empty(),
                    "{format:?}: Ok with neither articles nor warnings"
                );
                for a in &parsed.articles {
                    prop_assert!(!a.is_empty(), "{format:?} returned an empty article");
                }
            }
        }
    }

    #[test]
    fn date_parsers_never_panic(s in "\\PC{0,40}", digits in "[0-9 :T+Z./-]{0,30}") {
        let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
        for input in [&s, &digits] {
            let _ = dates::parse_date(input);
            let from = newsidx::query::parse_bound(input, false, now);
            let to = newsidx::query::parse_bound(input, true, now);
            if let (Ok(a), Ok(b)) = (from, to) {
                prop_assert!(a <= b, "{input:?}: start {a} after end {b}");
            }
        }
    }

    #[test]
    fn publication_date_never_panics(a in article(), path in "\\PC{0,60}") {
        if let Some(d) = dates::publication_date(&a, &path) {
            prop_assert!(!d.text.is_empty() || a.date.as_deref() == Some(""));
        }
    }

    #[test]
    fn extraction_never_panics_and_codes_are_iso(a in article(), path in "\\PC{0,60}") {
        let ex = extract::extract(&a, &path);
        for c in &ex.countries {
            prop_assert!(
                c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()),
                "not an ISO alpha-2 code: {:?}", c.code
            );
        }
        for actor in &ex.actors {
            prop_assert!(!actor.name.trim().is_empty(), "an actor with no name");
        }
    }

    #[test]
    fn query_parser_never_panics_and_points_inside_the_query(
        q in prop_oneof![
            "\\PC{0,80}",
            prop::collection::vec(
                prop::sample::select(vec![
                    "(", ")", "\"", "AND", "OR", "NOT", "-", "+", "*", "~2", "title:", "date:",
                    "[", "]", "TO", "wheat", "2024-01", " ", ":", "country:iran",
                ]),
                0..40,
            )
            .prop_map(|v| v.join(" ")),
        ]
    ) {
        match parse::parse(&q) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(e.at <= q.chars().count(), "caret past the end: {e:?}");
                prop_assert!(!e.message.is_empty());
                let _ = e.to_string();
            }
        }
    }
}

/// Crashing inputs found by fuzzing or by these properties, kept as regression tests.
#[test]
fn regressions() {
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    // Years past tantivy's nanosecond range: refused or clamped, never an overflow.
    for y in [
        "99999-01-01",
        "262143-12-31",
        "9999-12-31T23:59:59Z",
        "-9999-01-01",
    ] {
        let _ = newsidx::query::parse_bound(y, true, now);
        let _ = newsidx::query::parse_bound(y, false, now);
        let _ = dates::parse_date(y);
    }
    let deep = "(".repeat(100_000);
    assert!(parse::parse(&deep).is_err());
    let nots = "NOT ".repeat(100_000) + "x";
    let _ = parse::parse(&nots);
    let dashes = "-".repeat(100_000) + "x";
    let _ = parse::parse(&dashes);
}
