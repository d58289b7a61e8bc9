//! End-to-end tests of the real binary on fixture trees: index, search by word, actor,
//! country and date, incremental re-runs, JSON output, exit codes and error messages.

mod common;

use common::*;
use serde::Deserialize;

/// The JSON Lines hit contract: decoding fails on a missing required field or on any
/// field not listed here, so a change to the output must change this test.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HitJson {
    rank: usize,
    id: String,
    path: String,
    title: String,
    #[serde(default)]
    subtitle: Option<String>,
    date: Option<String>,
    date_source: Option<String>,
    date_text: Option<String>,
    lang: Option<String>,
    countries: Vec<CountryJson>,
    actors: Vec<ActorJson>,
    source: Option<String>,
    url: Option<String>,
    authors: Vec<String>,
    #[serde(default)]
    subjects: Vec<String>,
    score: f32,
    snippet: String,
    highlights: Vec<[usize; 2]>,
    #[serde(default)]
    duplicates: Vec<String>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryJson {
    code: String,
    name: String,
    mentions: u32,
    source: String,
    #[serde(default)]
    evidence: Vec<String>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorJson {
    name: String,
    kind: String,
    mentions: u32,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    alias: Option<String>,
    source: String,
}

#[test]
fn search_by_word_phrase_and_exit_codes() {
    let (_d, index) = indexed();
    let out = nx(&index, &["search", "interest", "rate", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(ids(&out), vec!["wire/ottawa-rates.txt"]);

    let out = nx(&index, &["search", "\"grain corridor\"", "--json"]);
    assert_eq!(ids(&out), vec!["wire/ankara-grain.txt"]);

    let out = nx(&index, &["search", "nonexistentword"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("0 matches"));

    let out = nx(&index, &["search", "\"unclosed"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unbalanced quote"), "{err}");
    assert!(err.contains('^'), "the error points at the problem: {err}");
}

#[test]
fn json_lines_follow_the_contract() {
    let (_d, index) = indexed();
    let out = nx(&index, &["search", "copper", "--json"]);
    let line = stdout(&out);
    let hit: HitJson = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(hit.rank, 1);
    assert_eq!(hit.id, "feeds/batch.jsonl#a2");
    assert!(hit.path.ends_with("feeds/batch.jsonl"));
    assert_eq!(hit.title, "Chile copper output rises");
    assert_eq!(hit.date.as_deref(), Some("2025-02-02T00:00:00Z"));
    assert_eq!(hit.date_source.as_deref(), Some("metadata"));
    assert!(
        hit.countries.iter().any(|c| c.code == "CL"),
        "{:?}",
        hit.countries
    );
    assert_eq!(hit.source.as_deref(), Some("andes.example"));
    assert!(hit.score > 0.0);
    assert!(hit.snippet.to_lowercase().contains("copper"));
    let [s, e] = hit.highlights[0];
    let matched: String = hit.snippet.chars().skip(s).take(e - s).collect();
    assert_eq!(matched.to_lowercase(), "copper");
}

#[test]
fn filters_by_actor_country_and_date() {
    let (_d, index) = indexed();
    let out = nx(&index, &["search", "--actor", "fidan", "--json"]);
    assert_eq!(ids(&out), vec!["wire/ankara-grain.txt"]);

    for c in ["JP", "japan", "Japanese"] {
        let out = nx(&index, &["search", "--country", c, "--json"]);
        assert_eq!(ids(&out), vec!["feeds/one.json"], "--country {c}");
    }

    let out = nx(
        &index,
        &["search", "--from", "2025-01", "--to", "2025-01", "--json"],
    );
    assert_eq!(ids(&out), vec!["feeds/batch.jsonl#a1"]);

    // --to includes the whole period named.
    let out = nx(
        &index,
        &[
            "search", "--from", "2025", "--to", "2025", "--sort", "oldest", "--json",
        ],
    );
    assert_eq!(
        ids(&out),
        vec![
            "feeds/batch.jsonl#a1",
            "feeds/batch.jsonl#a2",
            "wire/ottawa-rates.txt"
        ]
    );

    let out = nx(&index, &["search", "--country", "atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown country 'atlantis':"),
        "{}",
        stderr(&out)
    );

    let out = nx(&index, &["search", "--from", "2026-13-45"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid date"));
}

#[test]
fn query_language_fields_and_operators() {
    let (_d, index) = indexed();
    let count = |q: &[&str]| {
        let mut args = vec!["search", "--count"];
        args.extend_from_slice(q);
        stdout(&nx(&index, &args)).trim().parse::<usize>().unwrap()
    };
    assert_eq!(count(&["copper OR wheat"]), 2);
    assert_eq!(count(&["interest -inflation"]), 0);
    assert_eq!(count(&["country:kenya"]), 1);
    assert_eq!(count(&["date:2024-11"]), 1);
    assert_eq!(count(&["date:[2023-01 TO 2024-12]"]), 3);
    assert_eq!(count(&["stim*"]), 1);
    assert_eq!(count(&["title:copper"]), 1);
    assert_eq!(count(&["(copper OR rail) AND NOT chile"]), 1);
}

#[test]
fn incremental_reindex_counts_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fixture_tree(&corpus);
    let index = dir.path().join("index");
    let run = || {
        let out = nx(&index, &["index", corpus.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        jsonl(&out).remove(0)
    };
    let first = run();
    assert_eq!(first["added"], 6);
    let second = run();
    assert_eq!(
        (
            &second["added"],
            &second["updated"],
            &second["unchanged"],
            &second["removed"]
        ),
        (&0.into(), &0.into(), &6.into(), &0.into())
    );
    // Edit one, delete one, add one.
    write(
        &corpus,
        "wire/ottawa-rates.txt",
        "Bank of Canada cuts interest rate\n\nOTTAWA, July 9, 2025 - The bank cut its rate.",
    );
    std::fs::remove_file(corpus.join("feeds/one.json")).unwrap();
    write(
        &corpus,
        "wire/new.txt",
        "Rain in Lima\n\nLIMA, May 2, 2025 - It rained in Peru.",
    );
    let third = run();
    assert_eq!(
        (
            &third["added"],
            &third["updated"],
            &third["unchanged"],
            &third["removed"]
        ),
        (&1.into(), &1.into(), &4.into(), &1.into())
    );
    let out = nx(&index, &["search", "cuts", "--json"]);
    assert_eq!(ids(&out), vec!["wire/ottawa-rates.txt"]);
    assert_eq!(nx(&index, &["search", "stimulus"]).status.code(), Some(1));
    // --rebuild starts from scratch.
    let out = nx(
        &index,
        &["index", "--rebuild", corpus.to_str().unwrap(), "--json"],
    );
    assert_eq!(jsonl(&out)[0]["added"], 6);
}

#[test]
fn bad_files_are_named_and_good_ones_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(
        &corpus,
        "good.txt",
        "Floods in Dhaka\n\nDHAKA - Floods hit Bangladesh.",
    );
    write(
        &corpus,
        "binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    );
    write(&corpus, "empty.txt", b"");
    write(
        &corpus,
        "latin1.txt",
        b"Caf\xe9 prices in Bogot\xe1\n\nColombian caf\xe9 exporters met.",
    );
    write(&corpus, "broken.json", "{\"title\": \"Half an obj");
    write(
        &corpus,
        "mixed.jsonl",
        "{\"title\":\"Good line one\",\"body\":\"Sugar prices in Brazil.\"}\n{oops\n{\"title\":\"Good line two\",\"body\":\"Sugar stocks.\"}\n",
    );
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    let err = stderr(&out);
    for (name, reason) in [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("broken.json", "invalid JSON"),
        ("mixed.jsonl", "line 2"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported: {err}"));
        assert!(line.contains(reason), "{line}");
        assert_eq!(err.matches(name).count(), 1, "{name} named once: {err}");
    }
    let summary = &jsonl(&out)[0];
    assert_eq!(summary["added"], 4);
    assert_eq!(summary["skipped"]["binary"], 1);
    assert_eq!(summary["skipped"]["empty"], 1);
    assert_eq!(summary["skipped"]["malformed"], 1);
    assert_eq!(nx(&index, &["search", "café"]).status.code(), Some(0));
    assert_eq!(nx(&index, &["search", "--count", "sugar"]).stdout, b"2\n");
}

#[test]
fn output_formats() {
    let (_d, index) = indexed();
    let out = nx(&index, &["search", "bank", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    assert!(v["took_ms"].is_number());
    assert_eq!(v["hits"][0]["id"], "wire/ottawa-rates.txt");

    let out = nx(&index, &["search", "bank", "--format", "csv"]);
    let text = stdout(&out);
    assert!(text.starts_with("rank,id,date,title,"));
    assert_eq!(text.lines().count(), 2);

    let out = nx(&index, &["search", "bank", "--format", "paths"]);
    assert!(stdout(&out).trim().ends_with("wire/ottawa-rates.txt"));

    let out = nx(&index, &["search", "bank"]);
    let text = stdout(&out);
    assert!(text.starts_with("1 matches in "), "{text}");
    assert!(text.contains("Bank of Canada holds interest rate steady"));
    assert!(!text.contains('\x1b'), "no color when NO_COLOR is set");
}

#[test]
fn top_timeline_show_stats_similar() {
    let (_d, index) = indexed();
    let out = nx(&index, &["top", "countries", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["top"].as_array().unwrap().len() >= 5);

    let out = nx(&index, &["timeline", "--by", "year", "--format", "csv"]);
    let text = stdout(&out);
    assert!(text.contains("2023,2023-01-01,1"), "{text}");
    assert!(text.contains("2025,2025-01-01,3"), "{text}");

    let out = nx(&index, &["show", "wire/ankara-grain.txt", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["body"].as_str().unwrap().contains("Black Sea"));

    let out = nx(&index, &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 6);
    assert_eq!(v["first_date"], "2023-11-20");

    let out = nx(&index, &["similar", "wire/ottawa-rates.txt", "--json"]);
    assert!(!ids(&out).contains(&"wire/ottawa-rates.txt".to_string()));
}

#[test]
fn index_directory_problems() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let out = nx(&missing, &["search", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no index at"), "{}", stderr(&out));
    assert!(stderr(&out).contains("index ARTICLES_FOLDER"));

    // A folder with someone else's files is neither used nor wiped.
    let foreign = dir.path().join("photos");
    write(&foreign, "holiday.jpg", "not an index");
    let corpus = dir.path().join("corpus");
    fixture_tree(&corpus);
    let out = nx(&foreign, &["index", "--rebuild", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a newsidx index"));
    assert!(foreign.join("holiday.jpg").exists());
}

#[test]
fn seed_article_from_shared() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("x");
    let out = nx(&index, &["index", shared.join("seed").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nx(
        &index,
        &[
            "search",
            "talks",
            "--country",
            "iran",
            "--from",
            "2026-02",
            "--to",
            "2026-02",
            "--json",
        ],
    );
    let hits = jsonl(&out);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert!(hit["date"].as_str().unwrap().starts_with("2026-02-03"));
    let codes: Vec<&str> = hit["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(codes.starts_with(&["IR", "US"]), "{codes:?}");
    let actors = hit["actors"].as_array().unwrap();
    assert!(
        actors
            .iter()
            .any(|a| a["name"] == "Masoud Pezeshkian" && a["kind"] == "person"),
        "{actors:?}"
    );
}

#[test]
fn fuzzy_matches_misspelled_names_and_snippets_show_them() {
    let (_d, index) = indexed();
    assert_eq!(nx(&index, &["search", "macklim"]).status.code(), Some(1));
    let out = nx(&index, &["search", "--fuzzy", "macklim", "--json"]);
    let hits = jsonl(&out);
    assert_eq!(hits.len(), 1);
    let snippet = hits[0]["snippet"].as_str().unwrap();
    let [s, e] = [
        hits[0]["highlights"][0][0].as_u64().unwrap() as usize,
        hits[0]["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    let matched: String = snippet.chars().skip(s).take(e - s).collect();
    assert_eq!(matched, "Macklem");
}

#[test]
fn paging_sorting_and_collapse() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let story = "The port authority said container traffic rose sharply in the third quarter \
        as shipping lines added new routes to Asia and Europe, and officials expect volumes \
        to keep growing next year once the new deep-water berth opens to large vessels.";
    write(
        &corpus,
        "a.txt",
        format!("Port traffic rises\n\nMOMBASA, May 2, 2024 - {story}"),
    );
    write(
        &corpus,
        "b.txt",
        format!(
            "Port traffic climbs, officials say\n\nMOMBASA, May 3, 2024 - {story} Reporting by A. Writer."
        ),
    );
    write(
        &corpus,
        "c.txt",
        "Port strike ends\n\nDURBAN, June 9, 2024 - Dock workers at the port returned to work after a week.",
    );
    let index = dir.path().join("index");
    assert!(
        nx(&index, &["index", corpus.to_str().unwrap()])
            .status
            .success()
    );

    let newest = ids(&nx(
        &index,
        &["search", "port", "--sort", "newest", "--json"],
    ));
    assert_eq!(newest, vec!["c.txt", "b.txt", "a.txt"]);
    let page2 = ids(&nx(
        &index,
        &[
            "search", "port", "--sort", "newest", "--limit", "1", "--offset", "1", "--json",
        ],
    ));
    assert_eq!(page2, vec!["b.txt"]);
    let again = ids(&nx(&index, &["search", "port", "--json"]));
    assert_eq!(
        again,
        ids(&nx(&index, &["search", "port", "--json"])),
        "deterministic order"
    );

    let collapsed = jsonl(&nx(&index, &["search", "port", "--collapse", "--json"]));
    assert_eq!(collapsed.len(), 2);
    let folded = collapsed
        .iter()
        .find(|h| h["duplicates"].is_array())
        .expect("a folded hit");
    let pair = [
        folded["id"].as_str().unwrap(),
        folded["duplicates"][0].as_str().unwrap(),
    ];
    assert!(
        pair.contains(&"a.txt") && pair.contains(&"b.txt"),
        "{pair:?}"
    );
}
