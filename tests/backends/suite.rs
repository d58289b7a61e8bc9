//! The checks: each writes a small news corpus into a fresh folder, indexes it into the
//! back end under test through `commands::index_into`, and asks the commands through
//! `commands::answer`, reading their JSON output. Expected values are written out, so a
//! back end that ranks, filters or counts differently fails here, not in front of a user.
//!
//! Words are chosen so that no query depends on stemming (no other form of a searched
//! word occurs), since the toy back end does not stem.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Parser;
use newsidx::backend::{Archive, DocMaker, FileStamp, FileState, Storage};
use newsidx::cli::{Cli, Command, IndexArgs};
use newsidx::commands;
use newsidx::render::Style;
use serde_json::{Value, json};

mod summaries;
pub use summaries::{
    show_returns_the_stored_record, similar_ranks_the_near_twin_first, stats_overview,
    timeline_months, timeline_normalized, top_counts,
};

/// A back end as the suite drives it.
pub trait UnderTest {
    type S: Storage;
    /// A writer on the back end's store, opened as `newsidx index` would open it with
    /// these arguments. Every call opens the same store; each pass gets a new writer.
    fn storage(&mut self, args: &IndexArgs) -> Self::S;
    /// A reader that sees what the last commit stored.
    fn archive(&self) -> Box<dyn Archive + '_>;
}

/// Wire stories as JSON Lines, with their metadata given: ids, dates, sources, places
/// and people. `a02` retells `a01` in nearly the same words; `a07` is German; `a10`
/// has no date.
fn wire() -> Vec<Value> {
    vec![
        json!({"id": "a01", "date": "2025-01-08T09:00:00Z", "source": "Harbour Post",
            "countries": ["Norway"], "people": ["Ingrid Dahl"],
            "title": "Ferry crews strike in Bergen harbour",
            "body": "Ferry crews stopped work on Wednesday and the harbour in Bergen fell silent. Ingrid Dahl, who speaks for the crews, said the stoppage would go on until the owners came back to the table. Travellers waited on the quay with their luggage."}),
        json!({"id": "a02", "date": "2025-01-09T10:00:00Z", "source": "Coastal Wire",
            "countries": ["NO"],
            "title": "Bergen ferry crews keep harbour silent",
            "body": "Ferry crews kept the harbour in Bergen silent for a second day. Ingrid Dahl, who speaks for the crews, said the stoppage would go on until the owners came back to the table. Travellers again waited on the quay."}),
        json!({"id": "a03", "date": "2025-03-04T08:00:00Z", "source": "Harbour Post",
            "countries": ["Egypt"], "orgs": ["Suez Canal Authority"],
            "title": "Grain prices climb as canal queues grow",
            "body": "Grain prices rose for a third week as ships queued at the entrance to the canal. Traders in Cairo said the delays added costs for every cargo of wheat bound for ports in the south."}),
        json!({"id": "a04", "date": "2025-03-12T14:30:00Z", "source": "Market Desk",
            "countries": ["Egypt", "India"],
            "title": "Millers watch grain export prices",
            "body": "Millers in Mumbai and Cairo are watching grain export prices closely. A buyer said the cost of a tonne of wheat had never moved so fast."}),
        // The last half hour of March, in UTC: `--to 2025-03` must keep it.
        json!({"id": "a05", "date": "2025-03-31T23:30:00Z", "source": "Coastal Wire",
            "countries": ["Canada"], "people": ["Marie Tremblay"],
            "title": "Icebreaker frees fishing boats near Halifax",
            "body": "An icebreaker cut a channel through the harbor ice near Halifax on Monday evening, freeing eleven fishing boats. Captain Marie Tremblay said the crews were cold but safe."}),
        // The first instant of April: `--from 2025-04` must keep it, `--to 2025-03` not.
        json!({"id": "a06", "date": "2025-04-01T00:00:00Z", "source": "Market Desk",
            "countries": ["India"],
            "title": "Monsoon forecast lifts rice futures",
            "body": "Rice futures in Mumbai rose after forecasters said the monsoon would arrive early this year. Farmers welcomed the news, but exporters warned that prices could fall by the summer."}),
        json!({"id": "a07", "date": "2025-04-15T12:00:00Z", "source": "Rundschau",
            "countries": ["Germany"],
            "title": "Hafenarbeiter in Hamburg legen die Arbeit nieder",
            "body": "Die Hafenarbeiter in Hamburg haben am Dienstag die Arbeit niedergelegt. Sie fordern mehr Lohn und bessere Schichten. Die Reedereien wollen am Freitag wieder verhandeln, und viele Schiffe warten vor der Elbe auf einen Liegeplatz."}),
        json!({"id": "a08", "date": "2025-05-02T07:45:00Z", "source": "Coastal Wire",
            "countries": ["Norway"], "people": ["Ingrid Dahl"], "author": "Per Lund",
            "title": "Bergen ferry deal ends stoppage",
            "body": "The ferry owners and the crews signed a deal on Friday, and the first boats left Bergen at noon. Ingrid Dahl called the agreement fair."}),
        json!({"id": "a09", "date": "2025-05-20T16:00:00Z", "source": "Harbour Post",
            "countries": ["Brazil"],
            "title": "Coffee harvest starts early in Minas Gerais",
            "body": "Growers in Minas Gerais began picking coffee two weeks early after a warm, dry season. Buyers in Santos expect the first sacks to reach the port in June."}),
        json!({"id": "a10", "source": "Market Desk", "countries": ["Brazil"],
            "title": "Cocoa and coffee traders count the cost of storms",
            "body": "Traders in Santos said storms had damaged warehouses near the port. Insurance claims were still being counted, and buyers asked for patience."}),
    ]
}

/// Plain-text stories: dated by their datelines, the museum note not at all.
const TEXTS: &[(&str, &str)] = &[
    (
        "vienna-talks.txt",
        "Envoys resume water talks in Vienna\n\nVIENNA, March 3, 2025 (Newsidx) - Envoys from \
         the river states met again in Vienna on Monday to discuss how water from the shared \
         river should be divided during dry summers. The hosts said the mood was calm and a \
         draft text could follow within weeks.\n",
    ),
    (
        "lagos-port.txt",
        "Port of Lagos clears container backlog\n\nLAGOS, April 22, 2025 (Newsidx) - The port \
         of Lagos cleared most of its container backlog after cranes were repaired, the harbour \
         master said on Tuesday. Shipping lines said waiting times had fallen to two days.\n",
    ),
    (
        "museum-note.txt",
        "Museum reopens its maritime gallery\n\nThe maritime gallery of the city museum opened \
         its doors again after a long renovation. Visitors can see old ship models, maps of the \
         coast and a restored lighthouse lens.\n",
    ),
];

/// Every article, by short name.
const ALL: [&str; 13] = [
    "a01",
    "a02",
    "a03",
    "a04",
    "a05",
    "a06",
    "a07",
    "a08",
    "a09",
    "a10",
    "vienna-talks",
    "lagos-port",
    "museum-note",
];

/// A short name for an article id: `wire.jsonl#a03` is `a03`, `lagos-port.txt` is
/// `lagos-port`.
fn short(id: &str) -> String {
    let id = id.strip_prefix("wire.jsonl#").unwrap_or(id);
    id.strip_suffix(".txt").unwrap_or(id).to_string()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// `args` with `options` put right after the command name, before any `--`.
fn with<'a>(args: &[&'a str], options: &[&'a str]) -> Vec<&'a str> {
    let (name, rest) = args.split_first().expect("a command name");
    std::iter::once(name)
        .chain(options)
        .chain(rest)
        .copied()
        .collect()
}

fn command(args: &[&str]) -> Command {
    Cli::try_parse_from(std::iter::once("newsidx").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}"))
        .command
}

/// The corpus in a temporary folder, indexed into one back end.
struct Bench<'b, B: UnderTest> {
    backend: &'b mut B,
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl<'b, B: UnderTest> Bench<'b, B> {
    /// Writes the corpus and indexes it: every article is new.
    fn new(backend: &'b mut B) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("news");
        std::fs::create_dir(&root).expect("corpus folder");
        let lines: Vec<String> = wire().iter().map(Value::to_string).collect();
        std::fs::write(root.join("wire.jsonl"), lines.join("\n") + "\n").expect("write");
        for (name, text) in TEXTS {
            std::fs::write(root.join(name), text).expect("write");
        }
        let mut bench = Bench {
            backend,
            _dir: dir,
            root,
        };
        let summary = bench.index();
        assert_eq!(summary["added"], 13, "{summary}");
        assert_eq!(summary["files_seen"], 4, "{summary}");
        bench
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// `newsidx index --json` over the corpus folder, one thread, a small memory budget.
    fn index_args(&self) -> IndexArgs {
        let root = self.root.to_str().expect("UTF-8 temporary path");
        let args = [
            "index",
            "--json",
            "--quiet",
            "--threads",
            "1",
            "--memory",
            "32",
            root,
        ];
        let Command::Index(args) = command(&args) else {
            unreachable!("an index command");
        };
        args
    }

    /// An indexing pass over the corpus folder; the `--json` summary.
    fn index(&mut self) -> Value {
        let args = self.index_args();
        let storage = self.backend.storage(&args);
        let mut out = Vec::new();
        commands::index_into(storage, &args, &mut out).expect("indexing pass");
        serde_json::from_slice(&out).expect("JSON summary")
    }

    /// A reading command's exit value (`Ok(false)`: nothing found) and output.
    fn try_answer(&self, args: &[&str]) -> Result<(bool, String)> {
        let archive = self.backend.archive();
        let mut out = Vec::new();
        let found = commands::answer(&*archive, &command(args), &Style::plain(), &mut out)?;
        Ok((found, String::from_utf8(out)?))
    }

    fn answer(&self, args: &[&str]) -> (bool, String) {
        self.try_answer(args)
            .unwrap_or_else(|e| panic!("{args:?}: {e:#}"))
    }

    /// The output of a command printing one JSON document.
    fn json(&self, args: &[&str]) -> Value {
        let (_, out) = self.answer(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    /// The JSON Lines of `search` or `similar`, one per hit.
    fn lines(&self, args: &[&str]) -> Vec<Value> {
        let (_, out) = self.answer(&with(args, &["--json"]));
        out.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{args:?}: {e}: {l}")))
            .collect()
    }

    /// The short names of the hits, in rank order.
    fn ranked(&self, args: &[&str]) -> Vec<String> {
        self.lines(args)
            .iter()
            .map(|h| short(h["id"].as_str().expect("an id")))
            .collect()
    }

    /// The short names of every hit (up to 100).
    fn found(&self, args: &[&str]) -> BTreeSet<String> {
        self.ranked(&with(args, &["-n", "100"]))
            .into_iter()
            .collect()
    }

    /// A search's `--count`.
    fn count(&self, args: &[&str]) -> usize {
        let (_, out) = self.answer(&with(args, &["--count"]));
        out.trim()
            .parse()
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
}

/// Rewrites a file with other bytes of another length, so size alone tells it changed
/// (no waiting for the clock to tick over an mtime).
fn rewrite(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from));
    std::fs::write(path, text.replace(from, to)).expect("write");
}

pub fn indexing_is_incremental(b: &mut impl UnderTest) {
    let mut b = Bench::new(b);
    let again = b.index();
    assert_eq!(
        (&again["added"], &again["updated"], &again["removed"]),
        (&json!(0), &json!(0), &json!(0)),
        "{again}"
    );
    assert_eq!(again["unchanged"], 13, "{again}");
    assert_eq!(again["files_read"], 0, "{again}");
    assert_eq!(
        again["commits"], 0,
        "a run that changes nothing commits nothing: {again}"
    );

    // A new mtime but the same bytes: read and hashed, found unchanged.
    let file = std::fs::File::options()
        .write(true)
        .open(b.path("museum-note.txt"))
        .expect("open");
    let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    file.set_modified(long_ago).expect("set mtime");
    drop(file);
    let touched = b.index();
    assert_eq!(touched["unchanged"], 13, "{touched}");
    assert_eq!(touched["updated"], 0, "{touched}");

    rewrite(
        &b.path("vienna-talks.txt"),
        "mood was calm",
        "mood was tense",
    );
    let changed = b.index();
    assert_eq!(changed["updated"], 1, "{changed}");
    assert_eq!(changed["unchanged"], 12, "{changed}");
    assert_eq!(changed["commits"], 1, "{changed}");
    assert_eq!(b.found(&["search", "tense"]), set(&["vienna-talks"]));
    assert_eq!(b.found(&["search", "calm"]), set(&[]));

    // One story fewer in the JSON Lines file: nine updated, one removed.
    let wire = std::fs::read_to_string(b.path("wire.jsonl")).expect("read");
    let kept: Vec<&str> = wire.lines().filter(|l| !l.contains("\"a10\"")).collect();
    std::fs::write(b.path("wire.jsonl"), kept.join("\n") + "\n").expect("write");
    let shrunk = b.index();
    assert_eq!(
        (&shrunk["updated"], &shrunk["removed"]),
        (&json!(9), &json!(1)),
        "{shrunk}"
    );
    assert_eq!(b.found(&["search", "cocoa"]), set(&[]));

    std::fs::remove_file(b.path("museum-note.txt")).expect("remove");
    let removed = b.index();
    assert_eq!(removed["removed"], 1, "{removed}");
    assert_eq!(removed["unchanged"], 11, "{removed}");
    assert_eq!(
        b.answer(&["search", "museum", "--json"]),
        (false, String::new())
    );

    std::fs::write(
        b.path("oslo-bridge.txt"),
        "New bridge opens in Oslo\n\nOSLO, June 2, 2025 (Newsidx) - A new footbridge over the \
         inner harbour opened to walkers and cyclists on Monday after two years of building.\n",
    )
    .expect("write");
    let added = b.index();
    assert_eq!(
        (&added["added"], &added["unchanged"]),
        (&json!(1), &json!(11))
    );
    assert_eq!(b.found(&["search", "footbridge"]), set(&["oslo-bridge"]));
    assert_eq!(b.count(&["search", "*"]), 12);
    let stats = b.json(&["stats", "--json"]);
    assert_eq!(stats["articles"], 12, "{stats}");
    assert_eq!(stats["last_date"], "2025-06-02", "{stats}");
    assert_eq!(stats["undated"], 0, "{stats}");
}

/// The `Storage` contract itself, below the indexer: readers see the last commit only,
/// and `delete_file` removes what was stored before it, not what is added after.
pub fn storage_shows_only_committed_changes(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let args = b.index_args();
    let mut storage = b.backend.storage(&args);
    let files = storage.files().expect("stored files");
    assert_eq!(files.len(), 4, "{files:?}");
    let wire_path = b.path("wire.jsonl").to_str().unwrap().to_string();
    let vienna_path = b.path("vienna-talks.txt").to_str().unwrap().to_string();
    assert_eq!(files.get(&wire_path).map(|f| f.articles), Some(10));
    assert_eq!(files.get(&vienna_path).map(|f| f.articles), Some(1));

    // The Vienna story replaced by a new version, as the indexer replaces a changed file.
    let archive = b.backend.archive();
    let (mut record, body) = archive.get("vienna-talks.txt").expect("get").remove(0);
    drop(archive);
    assert_eq!(record.path, vienna_path);
    record.body = Some(body.replace("mood was calm", "mood was tense"));
    let stamp = FileStamp {
        size: 1,
        mtime_ns: 2,
        hash: 3,
    };
    storage.delete_file(&vienna_path).expect("delete");
    let doc = storage.doc_maker().make(record, &stamp);
    storage.add(doc).expect("add");
    // As the indexer does once a file's last article is added.
    let state = FileState { stamp, articles: 1 };
    storage.file_done(&vienna_path, state).expect("file done");
    assert_eq!(b.found(&["search", "calm"]), set(&["vienna-talks"]));
    assert_eq!(b.found(&["search", "tense"]), set(&[]));

    storage.commit().expect("commit");
    assert_eq!(b.found(&["search", "calm"]), set(&[]));
    assert_eq!(b.found(&["search", "tense"]), set(&["vienna-talks"]));
    assert_eq!(b.count(&["search", "*"]), 13);
    let files = storage.files().expect("stored files");
    let vienna = files.get(&vienna_path).expect("still stored");
    assert_eq!((vienna.stamp, vienna.articles), (stamp, 1));
    storage.finish().expect("finish");
}

pub fn search_words_phrases_and_prefixes(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    assert_eq!(b.found(&["search", "ferry"]), set(&["a01", "a02", "a08"]));
    // Case does not matter, and a hit needs every word.
    assert_eq!(b.found(&["search", "FERRY", "Deal"]), set(&["a08"]));
    assert_eq!(b.found(&["search", "\"grain prices\""]), set(&["a03"]));
    // "grain export prices": one word between.
    assert_eq!(
        b.found(&["search", "\"grain prices\"~1"]),
        set(&["a03", "a04"])
    );
    assert_eq!(
        b.found(&["search", "\"prices grain\""]),
        set(&[]),
        "a phrase keeps its order"
    );
    // harbour, and harbor in a05.
    assert_eq!(
        b.found(&["search", "harb*"]),
        set(&["a01", "a02", "a05", "lagos-port"])
    );
    // A title match weighs more: the stories with the word in their headline come first.
    let ranked = b.ranked(&["search", "harbour"]);
    assert_eq!(ranked.len(), 3, "{ranked:?}");
    assert_eq!(
        ranked[..2].iter().cloned().collect::<BTreeSet<_>>(),
        set(&["a01", "a02"])
    );
    assert_eq!(ranked[2], "lagos-port");
    let hit = &b.lines(&["search", "icebreaker"])[0];
    assert_eq!(hit["rank"], 1);
    assert_eq!(hit["title"], "Icebreaker frees fishing boats near Halifax");
    assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0), "{hit}");
    assert!(
        hit["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("icebreaker")),
        "{hit}"
    );
    assert!(
        hit.get("body").is_none(),
        "hits carry a snippet, not the body"
    );
}

pub fn search_boolean_operators(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    assert_eq!(
        b.found(&["search", "icebreaker", "OR", "monsoon"]),
        set(&["a05", "a06"])
    );
    assert_eq!(
        b.found(&["search", "--", "harbour", "-ferry"]),
        set(&["lagos-port"])
    );
    assert_eq!(
        b.found(&["search", "harbour", "NOT", "ferry"]),
        set(&["lagos-port"])
    );
    // Only a negation: every article but those.
    assert_eq!(b.count(&["search", "--", "-ferry"]), 10);
    assert_eq!(
        b.found(&["search", "(coffee", "OR", "grain)", "AND", "NOT", "cocoa"]),
        set(&["a03", "a04", "a09"])
    );
}

pub fn search_fields_and_keys(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    assert_eq!(b.found(&["search", "title:harbour"]), set(&["a01", "a02"]));
    assert_eq!(
        b.found(&["search", "body:harbour"]),
        set(&["a01", "a02", "lagos-port"])
    );
    assert_eq!(
        b.found(&["search", "country:NO"]),
        set(&["a01", "a02", "a08"])
    );
    assert_eq!(
        b.found(&["search", "country:egypt", "wheat"]),
        set(&["a03", "a04"])
    );
    // Given in the metadata of a01 and a08, found in the text of a02.
    assert_eq!(
        b.found(&["search", "actor:dahl"]),
        set(&["a01", "a02", "a08"])
    );
    assert_eq!(
        b.found(&["search", "actor:\"Marie Tremblay\""]),
        set(&["a05"])
    );
    assert_eq!(b.found(&["search", "author:lund"]), set(&["a08"]));
    assert_eq!(
        b.found(&["search", "source:\"Harbour Post\""]),
        set(&["a01", "a03", "a09"])
    );
    assert_eq!(
        b.found(&["search", "id:lagos-port.txt"]),
        set(&["lagos-port"])
    );
}

/// `key:*` is every article with a value for the key; `NOT key:*` finds the ones without.
pub fn search_any_value_of_a_key(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    assert_eq!(b.found(&["search", "author:*"]), set(&["a08"]));
    assert_eq!(
        b.found(&["search", "NOT date:*"]),
        set(&["a10", "museum-note"])
    );
    assert_eq!(b.count(&["search", "date:*"]), 11);
    assert_eq!(b.found(&["search", "NOT country:*"]), set(&["museum-note"]));
    // The plain-text stories name their agency in the dateline, which is not a source.
    assert_eq!(
        b.found(&["search", "NOT source:*"]),
        set(&["vienna-talks", "lagos-port", "museum-note"])
    );
    assert_eq!(
        b.found(&["search", "actor:*", "country:NO"]),
        set(&["a01", "a02", "a08"])
    );
    assert_eq!(
        b.found(&["search", "actor:*"]),
        set(&["a01", "a02", "a03", "a05", "a08"])
    );
}

pub fn search_every_article(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let every = set(&ALL);
    assert_eq!(b.found(&["search", "*"]), every);
    assert_eq!(b.found(&["search"]), every);
    assert_eq!(b.count(&["search", "*"]), 13);
    assert_eq!(b.count(&["search", "*", "AND", "ferry"]), 3);
}

pub fn search_filters(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let norway = set(&["a01", "a02", "a08"]);
    assert_eq!(b.found(&["search", "--country", "Norway"]), norway);
    assert_eq!(b.found(&["search", "--country", "NO"]), norway);
    assert_eq!(b.found(&["search", "--country", "norwegian"]), norway);
    // Several countries: any may match.
    assert_eq!(
        b.found(&["search", "--country", "india", "--country", "BR"]),
        set(&["a04", "a06", "a09", "a10"])
    );
    assert_eq!(
        b.found(&["search", "grain", "--country", "IN"]),
        set(&["a04"])
    );
    assert_eq!(b.found(&["search", "--actor", "Ingrid Dahl"]), norway);
    // Several actors: all must match.
    assert_eq!(
        b.found(&["search", "--actor", "dahl", "--actor", "tremblay"]),
        set(&[])
    );
    assert_eq!(
        b.found(&["search", "--actor", "Suez Canal Authority"]),
        set(&["a03"])
    );
    assert_eq!(
        b.found(&["search", "--source", "harbour post"]),
        set(&["a01", "a03", "a09"])
    );
    assert_eq!(
        b.found(&[
            "search",
            "--source",
            "HARBOUR POST",
            "--source",
            "Rundschau"
        ]),
        set(&["a01", "a03", "a07", "a09"])
    );
    assert_eq!(b.found(&["search", "--lang", "de"]), set(&["a07"]));
    assert_eq!(b.count(&["search", "--lang", "en"]), 12);
    assert_eq!(
        b.found(&[
            "search",
            "ferry",
            "--country",
            "NO",
            "--source",
            "coastal wire"
        ]),
        set(&["a02", "a08"])
    );
}

pub fn search_dates(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    // `--to` a month includes all of it, to its last second in UTC.
    assert_eq!(
        b.found(&["search", "--from", "2025-03", "--to", "2025-03"]),
        set(&["vienna-talks", "a03", "a04", "a05"])
    );
    assert_eq!(
        b.found(&["search", "--from", "2025-04-01"]),
        set(&["a06", "a07", "lagos-port", "a08", "a09"])
    );
    assert_eq!(b.found(&["search", "--to", "2025-01-08"]), set(&["a01"]));
    assert_eq!(
        b.found(&["search", "--from", "2025-01-09", "--to", "2025-01-09"]),
        set(&["a02"])
    );
    assert_eq!(
        b.found(&["search", "date:[2025-03-04 TO 2025-03-12]"]),
        set(&["a03", "a04"])
    );
    assert_eq!(b.found(&["search", "date:2025-05"]), set(&["a08", "a09"]));
    assert_eq!(
        b.found(&["search", "coffee", "--from", "2025"]),
        set(&["a09"]),
        "an undated article is outside every date range"
    );
}

/// The dated articles, oldest first.
const OLDEST: [&str; 11] = [
    "a01",
    "a02",
    "vienna-talks",
    "a03",
    "a04",
    "a05",
    "a06",
    "a07",
    "lagos-port",
    "a08",
    "a09",
];

pub fn search_sort_and_paging(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    let undated = set(&["a10", "museum-note"]);
    let oldest = b.ranked(&["search", "--sort", "oldest", "-n", "20"]);
    assert_eq!(oldest[..11], OLDEST, "{oldest:?}");
    assert_eq!(
        oldest[11..].iter().cloned().collect::<BTreeSet<_>>(),
        undated
    );
    let newest = b.ranked(&["search", "*", "--sort", "newest", "-n", "20"]);
    let mut expected = OLDEST.to_vec();
    expected.reverse();
    assert_eq!(newest[..11], expected, "{newest:?}");
    assert_eq!(
        newest[11..].iter().cloned().collect::<BTreeSet<_>>(),
        undated
    );
    // Without words, relevance means newest first.
    assert_eq!(b.ranked(&["search", "-n", "11"]), expected);
    assert_eq!(
        b.ranked(&["search", "ferry", "--sort", "oldest"]),
        ["a01", "a02", "a08"]
    );

    let page = b.lines(&["search", "--sort", "oldest", "-n", "3", "--offset", "2"]);
    let names: Vec<String> = page
        .iter()
        .map(|h| short(h["id"].as_str().unwrap()))
        .collect();
    assert_eq!(names, ["vienna-talks", "a03", "a04"]);
    let ranks: Vec<&Value> = page.iter().map(|h| &h["rank"]).collect();
    assert_eq!(ranks, [&json!(3), &json!(4), &json!(5)]);
    let last = b.json(&[
        "search", "--sort", "oldest", "-n", "5", "--offset", "10", "--format", "json",
    ]);
    assert_eq!(last["total"], 13, "{last}");
    assert_eq!(last["offset"], 10, "{last}");
    let hits = last["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 3, "{last}");
    assert_eq!(short(hits[0]["id"].as_str().unwrap()), "a09");
    assert_eq!(hits[0]["rank"], 11);
    let beyond = b.json(&["search", "--offset", "20", "--format", "json"]);
    assert_eq!(
        (&beyond["total"], &beyond["hits"]),
        (&json!(13), &json!([]))
    );
}

pub fn search_count_and_no_hits(b: &mut impl UnderTest) {
    let b = Bench::new(b);
    assert_eq!(
        b.answer(&["search", "ferry", "--count"]),
        (true, "3\n".into())
    );
    assert_eq!(
        b.answer(&["search", "zeppelin", "--count"]),
        (false, "0\n".into())
    );
    assert_eq!(
        b.answer(&["search", "zeppelin", "--json"]),
        (false, String::new())
    );
    assert_eq!(
        b.answer(&["search", "ferry", "--country", "Egypt", "--json"]),
        (false, String::new())
    );
    assert!(b.try_answer(&["search", "--country", "Atlantis"]).is_err());
}
