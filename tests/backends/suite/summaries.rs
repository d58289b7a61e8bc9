//! The checks of what the summary commands answer: `top`, `timeline`, `similar`, `show`
//! and `stats`, on the same corpus as the search checks.

use super::*;

/// `(name or code, articles)` pairs of a `top` answer.
fn counts(top: &Value) -> Vec<(String, u64)> {
    top["top"]
        .as_array()
        .expect("top")
        .iter()
        .map(|c| {
            let key = c.get("code").unwrap_or(&c["name"]);
            (
                key.as_str().unwrap().to_string(),
                c["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

pub fn top_counts(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let countries = b.json(&["top", "countries", "--json"]);
    assert_eq!(countries["total"], 13, "{countries}");
    // Most first, ties by code.
    assert_eq!(
        counts(&countries),
        pairs(&[
            ("NO", 3),
            ("BR", 2),
            ("EG", 2),
            ("IN", 2),
            ("AT", 1),
            ("CA", 1),
            ("DE", 1),
            ("NG", 1)
        ])
    );
    assert_eq!(countries["top"][0]["name"], "Norway");
    let grain = b.json(&["top", "countries", "grain", "--json"]);
    assert_eq!(grain["total"], 2);
    assert_eq!(counts(&grain), pairs(&[("EG", 2), ("IN", 1)]));
    let two = b.json(&["top", "countries", "-n", "2", "--from", "2025-03", "--json"]);
    assert_eq!(counts(&two), pairs(&[("EG", 2), ("IN", 2)]));

    let actors = b.json(&["top", "actors", "--json"]);
    assert_eq!(
        counts(&actors),
        pairs(&[
            ("Ingrid Dahl", 3),
            ("Marie Tremblay", 1),
            ("Suez Canal Authority", 1)
        ])
    );
    let ferry = b.json(&["top", "actors", "ferry", "--json"]);
    assert_eq!(ferry["total"], 3);
    assert_eq!(counts(&ferry), pairs(&[("Ingrid Dahl", 3)]));

    let sources = b.json(&["top", "sources", "--json"]);
    assert_eq!(
        counts(&sources),
        pairs(&[
            ("Coastal Wire", 3),
            ("Harbour Post", 3),
            ("Market Desk", 3),
            ("Rundschau", 1)
        ])
    );
    let languages = b.json(&["top", "languages", "--json"]);
    assert_eq!(counts(&languages), pairs(&[("en", 12), ("de", 1)]));
    let (found, _) = b.answer(&["top", "actors", "zeppelin", "--json"]);
    assert!(!found, "no articles, no counts");
}

/// `(label, count)` of each bucket of a timeline.
fn buckets(timeline: &Value) -> Vec<(String, u64)> {
    timeline["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| {
            let label = b["label"].as_str().unwrap().to_string();
            (label, b["count"].as_u64().unwrap())
        })
        .collect()
}

pub fn timeline_months(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let all = b.json(&["timeline", "--by", "month", "--json"]);
    assert_eq!((&all["total"], &all["undated"]), (&json!(13), &json!(2)));
    // February has nothing and is shown all the same.
    assert_eq!(
        buckets(&all),
        pairs(&[
            ("2025-01", 2),
            ("2025-02", 0),
            ("2025-03", 4),
            ("2025-04", 3),
            ("2025-05", 2)
        ])
    );
    let ferry = b.json(&["timeline", "ferry", "--json"]);
    assert_eq!((&ferry["total"], &ferry["undated"]), (&json!(3), &json!(0)));
    assert_eq!(
        buckets(&ferry),
        pairs(&[
            ("2025-01", 2),
            ("2025-02", 0),
            ("2025-03", 0),
            ("2025-04", 0),
            ("2025-05", 1)
        ])
    );
    // The period asked for is shown in full.
    let wide = b.json(&[
        "timeline", "ferry", "--from", "2025-02", "--to", "2025-06", "--json",
    ]);
    assert_eq!(
        buckets(&wide),
        pairs(&[
            ("2025-02", 0),
            ("2025-03", 0),
            ("2025-04", 0),
            ("2025-05", 1),
            ("2025-06", 0)
        ])
    );
    let coffee = b.json(&["timeline", "coffee", "--by", "year", "--json"]);
    assert_eq!(buckets(&coffee), pairs(&[("2025", 1)]));
    assert_eq!(coffee["undated"], 1);
    let days = b.json(&["timeline", "--by", "day", "--country", "NO", "--json"]);
    let days = buckets(&days);
    assert_eq!(days.first(), Some(&("2025-01-08".to_string(), 1)));
    assert_eq!(days.last(), Some(&("2025-05-02".to_string(), 1)));
    assert_eq!(days.iter().map(|(_, n)| n).sum::<u64>(), 3);
}

pub fn timeline_normalized(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let t = b.json(&["timeline", "ferry", "--normalize", "--json"]);
    assert_eq!(t["normalized"], true);
    let shares: Vec<(String, u64, u64, f64)> = t["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
                b["total"].as_u64().unwrap(),
                b["share"].as_f64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("2025-01", 2, 2, 1.0),
        ("2025-02", 0, 0, 0.0),
        ("2025-03", 0, 4, 0.0),
        ("2025-04", 0, 3, 0.0),
        ("2025-05", 1, 2, 0.5),
    ];
    let expected: Vec<(String, u64, u64, f64)> = expected
        .iter()
        .map(|(l, c, t, s)| (l.to_string(), *c, *t, *s))
        .collect();
    assert_eq!(shares, expected);
}

pub fn similar_ranks_the_near_twin_first(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let like_a01 = b.ranked(&["similar", "wire.jsonl#a01"]);
    assert_eq!(
        like_a01.first().map(String::as_str),
        Some("a02"),
        "{like_a01:?}"
    );
    assert!(!like_a01.contains(&"a01".to_string()), "{like_a01:?}");
    let like_a02 = b.ranked(&["similar", "wire.jsonl#a02", "-n", "1"]);
    assert_eq!(like_a02, ["a01"]);
    // Filters apply to the similar stories too.
    let in_may = b.ranked(&["similar", "wire.jsonl#a01", "--from", "2025-05"]);
    assert_eq!(
        in_may.first().map(String::as_str),
        Some("a08"),
        "{in_may:?}"
    );
    assert!(
        in_may.iter().all(|n| n == "a08" || n == "a09"),
        "{in_may:?}"
    );
    assert!(b.try_answer(&["similar", "wire.jsonl#a99"]).is_err());
}

pub fn show_returns_the_stored_record(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let shown = b.json(&["show", "wire.jsonl#a03", "--json"]);
    let a03 = &wire()[2];
    assert_eq!(shown["id"], "wire.jsonl#a03");
    assert_eq!(shown["title"], a03["title"]);
    assert_eq!(shown["body"], a03["body"]);
    assert_eq!(shown["date"], "2025-03-04T08:00:00Z");
    assert_eq!(shown["source"], "Harbour Post");
    assert_eq!(shown["countries"][0]["code"], "EG");
    assert_eq!(shown["actors"][0]["name"], "Suez Canal Authority");
    let wire_path = shown["path"].as_str().expect("a path").to_string();

    let vienna = b.json(&["show", "vienna-talks.txt", "--json", "--no-body"]);
    assert_eq!(vienna["date"], "2025-03-03T00:00:00Z");
    assert_eq!(vienna["date_source"], "dateline");
    assert!(vienna.get("body").is_none(), "{vienna}");

    // A file path gives every article of the file.
    let (_, out) = b.answer(&["show", &wire_path, "--json", "--no-body"]);
    let ids: BTreeSet<String> = out
        .lines()
        .map(|l| {
            short(
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(ids, set(&ALL[..10]));
    let err = b.try_answer(&["show", "wire.jsonl#a99"]).unwrap_err();
    assert!(err.to_string().contains("no article"), "{err}");
}

pub fn stats_overview(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let stats = b.json(&["stats", "--json"]);
    assert_eq!(stats["articles"], 13, "{stats}");
    assert_eq!(stats["first_date"], "2025-01-08", "{stats}");
    assert_eq!(stats["last_date"], "2025-05-20", "{stats}");
    assert_eq!(stats["undated"], 2, "{stats}");
    assert_eq!(stats["top_countries"][0]["code"], "NO", "{stats}");
    assert_eq!(stats["top_countries"][0]["articles"], 3, "{stats}");
    assert_eq!(stats["top_actors"][0]["name"], "Ingrid Dahl", "{stats}");
    assert_eq!(
        stats["languages"],
        json!([{"code": "en", "articles": 12}, {"code": "de", "articles": 1}])
    );
}
