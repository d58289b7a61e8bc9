//! End-to-end checks of every input format: a folder of hand-written fixtures (some
//! gzipped at run time) read by the real `newsidx extract --json`, plus the Reuters corpus.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// WARC files are compressed one record per gzip member, as crawlers write them.
fn gz_per_record(warc: &[u8]) -> Vec<u8> {
    let marker = b"WARC/1.0\r\n";
    let mut starts: Vec<usize> = (0..warc.len())
        .filter(|&i| warc[i..].starts_with(marker))
        .collect();
    starts.push(warc.len());
    let mut out = Vec::new();
    for w in starts.windows(2) {
        out.extend(gz(&warc[w[0]..w[1]]));
    }
    out
}

/// Copies the fixtures into `dir` and adds gzipped variants, including one whose
/// gzip trailer is cut off.
fn build_corpus(dir: &Path) {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            std::fs::copy(entry.path(), dir.join(&name)).unwrap();
        }
    }
    let read = |n: &str| std::fs::read(fixtures().join(n)).unwrap();
    let zipped = dir.join("zipped");
    std::fs::create_dir(&zipped).unwrap();
    std::fs::write(
        zipped.join("article-copy.html.gz"),
        gz(&read("article.html")),
    )
    .unwrap();
    std::fs::write(zipped.join("reuters-copy.sgm.gz"), gz(&read("reuters.sgm"))).unwrap();
    std::fs::write(
        zipped.join("stories-copy.jsonl.gz"),
        gz(&read("stories.jsonl")),
    )
    .unwrap();
    let warc = gz_per_record(&read("crawl.warc"));
    std::fs::write(zipped.join("crawl-copy.warc.gz"), warc).unwrap();
    let full = gz(&read("stories.jsonl"));
    // Without its 8-byte trailer the archive is truncated, but all the data is there.
    std::fs::write(zipped.join("cut.jsonl.gz"), &full[..full.len() - 8]).unwrap();
}

struct Run {
    /// Records by the file name they came from.
    by_file: BTreeMap<String, Vec<Value>>,
    total: usize,
    stderr: String,
}

fn extract(args: &[&str], path: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .arg("extract")
        .arg("--json")
        .args(args)
        .arg(path)
        .output()
        .expect("run newsidx");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut by_file: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut total = 0;
    for line in stdout.lines() {
        let v: Value = serde_json::from_str(line).expect("one JSON object per line");
        let file = Path::new(v["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        by_file.entry(file).or_default().push(v);
        total += 1;
    }
    Run {
        by_file,
        total,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn record<'a>(run: &'a Run, file: &str, i: usize) -> &'a Value {
    &run.by_file
        .get(file)
        .unwrap_or_else(|| panic!("no records from {file}; stderr: {}", run.stderr))[i]
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

#[test]
fn every_format_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    build_corpus(dir.path());
    let run = extract(&[], dir.path());
    let counts: BTreeMap<&str, usize> = run
        .by_file
        .iter()
        .map(|(k, v)| (k.as_str(), v.len()))
        .collect();
    let expected: BTreeMap<&str, usize> = [
        ("article.html", 1),
        ("reuters.sgm", 3),
        ("ap.sgml", 2),
        ("story.xml", 1),
        ("item.xml", 1),
        ("news.xml", 2),
        ("wire.atom", 1),
        ("crawl.warc", 2),
        ("stories.csv", 2),
        ("stories.tsv", 2),
        ("stories.jsonl", 3),
        ("article-copy.html.gz", 1),
        ("reuters-copy.sgm.gz", 3),
        ("stories-copy.jsonl.gz", 3),
        ("crawl-copy.warc.gz", 2),
        ("cut.jsonl.gz", 3),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected, "stderr: {}", run.stderr);
    assert_eq!(run.total, 32);
    assert!(
        run.stderr.contains("cut.jsonl.gz") && run.stderr.contains("truncated"),
        "the cut archive is reported: {}",
        run.stderr
    );

    // HTML: og:title, published_time, canonical URL, main text without navigation.
    let html = record(&run, "article.html", 0);
    assert_eq!(
        s(html, "title"),
        "Lagos port reopens after three-day strike"
    );
    assert_eq!(s(html, "date"), "2026-03-14T08:30:00Z");
    assert_eq!(
        s(html, "url"),
        "https://courier.example/2026/03/14/lagos-port-reopens"
    );
    assert_eq!(s(html, "source"), "Coastal Courier Ltd");
    assert_eq!(html["authors"][0], "Tunde Okafor");
    assert!(s(html, "body").starts_with("Dock workers in Lagos returned"));
    for junk in ["Most read", "Copyright", "Weather"] {
        assert!(
            !s(html, "body").contains(junk),
            "{junk} in {}",
            s(html, "body")
        );
    }
    assert_eq!(
        s(record(&run, "article-copy.html.gz", 0), "title"),
        s(html, "title")
    );

    // Reuters SGML: NEWID ids, converted dates, BRIEF and UNPROC records kept.
    let r = record(&run, "reuters.sgm", 0);
    assert!(s(r, "id").ends_with("reuters.sgm#501"), "{}", s(r, "id"));
    assert_eq!(s(r, "title"), "COFFEE PRODUCERS TO MEET ON QUOTAS");
    assert_eq!(s(r, "date"), "1987-03-04T10:12:45Z");
    assert!(s(r, "body").contains("<Cafe Nacional SA> said"));
    assert_eq!(s(r, "source"), "Reuters");
    assert_eq!(r["subjects"][0], "coffee");
    let brief = record(&run, "reuters.sgm", 1);
    assert_eq!(s(brief, "title"), "ACME TOOL CO SETS QUARTERLY DIVIDEND");
    assert!(s(record(&run, "reuters.sgm", 2), "body").starts_with("Money market rates"));
    assert!(s(record(&run, "reuters-copy.sgm.gz", 2), "id").ends_with("#503"));

    // TREC SGML, sniffed from .sgml.
    let t = record(&run, "ap.sgml", 0);
    assert!(s(t, "id").ends_with("ap.sgml#WX880512-0001"));
    assert_eq!(s(t, "title"), "Farmers Brace for Late Frost");
    assert_eq!(s(t, "date"), "1988-05-12T00:00:00Z");
    assert!(s(t, "body").contains("late frost & strong winds"));

    // NITF, sniffed from .xml.
    let n = record(&run, "story.xml", 0);
    assert_eq!(s(n, "title"), "Kenya sets date for county by-elections");
    assert_eq!(s(n, "date"), "2026-02-10T07:00:00Z");
    assert!(s(n, "body").contains("last year\u{2019}s results"));
    assert_eq!(n["authors"][0], "Amina Wanjiru");

    // NewsML-G2, sniffed from .xml.
    let g = record(&run, "item.xml", 0);
    assert_eq!(s(g, "title"), "Strong quake shakes central Chile");
    assert_eq!(s(g, "date"), "2026-03-01T09:15:00Z");
    assert!(s(g, "body").starts_with("A magnitude 6.8 earthquake"));
    assert!(
        g["subjects"]
            .as_array()
            .unwrap()
            .contains(&Value::from("medtop:03000000"))
    );

    // RSS, sniffed from .xml; &nbsp; inside escaped HTML.
    let rss = record(&run, "news.xml", 0);
    assert!(s(rss, "id").ends_with("news.xml#vg-2026-0402-1"));
    assert_eq!(s(rss, "title"), "Bridge repairs finish early");
    assert_eq!(s(rss, "date"), "2026-04-02T07:00:00Z");
    assert_eq!(
        s(rss, "body"),
        "The river bridge reopened to traffic on Thursday, two weeks ahead of schedule."
    );
    let rss2 = record(&run, "news.xml", 1);
    assert!(s(rss2, "body").starts_with("The central library will stay open until 9 p.m."));

    // Atom.
    let atom = record(&run, "wire.atom", 0);
    assert_eq!(
        s(atom, "title"),
        "Fishing fleet returns early as storm nears"
    );
    assert_eq!(s(atom, "date"), "2026-05-06T06:00:00Z");
    assert!(s(atom, "body").starts_with("Trawlers returned to port"));

    // WARC: HTML responses only; target URI and WARC-Date as fallbacks.
    for file in ["crawl.warc", "crawl-copy.warc.gz"] {
        let w = record(&run, file, 0);
        assert_eq!(s(w, "title"), "Glacier retreat speeds up, survey finds");
        assert_eq!(s(w, "date"), "2026-09-05T10:00:00Z");
        assert!(s(w, "body").contains("sixty metres"));
        let w2 = record(&run, file, 1);
        assert_eq!(s(w2, "title"), "Cable car closed for maintenance");
        assert_eq!(s(w2, "url"), "https://alpine.example/cable-car");
        assert_eq!(s(w2, "date"), "2026-09-06T00:00:03Z");
        assert!(s(w2, "body").contains("replacement bus service"));
        assert!(s(w2, "id").ends_with("#https://alpine.example/cable-car"));
    }

    // CSV with a quoted multi-line field, and TSV.
    let c = record(&run, "stories.csv", 0);
    assert!(s(c, "id").ends_with("stories.csv#c-1"));
    assert_eq!(s(c, "title"), "Council approves new tram line");
    assert_eq!(s(c, "date"), "2026-06-01T00:00:00Z");
    assert!(
        s(c, "body").contains("airport.\nConstruction starts next spring, \"subject to funding\"")
    );
    let tsv = record(&run, "stories.tsv", 1);
    assert_eq!(s(tsv, "title"), "Airport reopens");
    assert_eq!(s(tsv, "date"), "2026-07-12T00:00:00Z");

    // JSON Lines, plain and gzipped, and with the gzip trailer cut off.
    for file in ["stories.jsonl", "stories-copy.jsonl.gz", "cut.jsonl.gz"] {
        let j = record(&run, file, 2);
        assert_eq!(s(j, "title"), "Schools stay open");
        assert_eq!(s(j, "date"), "2026-08-03T00:00:00Z");
    }
}

#[test]
fn format_override_reads_an_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("reuters.sgm"), dir.path().join("wire.dat")).unwrap();
    let run = extract(&["--format", "sgml"], dir.path());
    assert_eq!(run.total, 3, "stderr: {}", run.stderr);
    let run = extract(&["--format", "reuters"], dir.path());
    assert_eq!(run.total, 3, "stderr: {}", run.stderr);
}

#[test]
fn broken_files_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.xml"), "<rss><channel><item><title>x").unwrap();
    std::fs::write(
        dir.path().join("bad.sgm"),
        "<REUTERS NEWID=\"1\"><TITLE>cut",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.html.gz"), [0x1f, 0x8b, 0x08, 0x00]).unwrap();
    std::fs::copy(fixtures().join("stories.tsv"), dir.path().join("good.tsv")).unwrap();
    let run = extract(&[], dir.path());
    assert_eq!(run.total, 2, "stderr: {}", run.stderr);
    for name in ["bad.xml", "bad.sgm", "bad.html.gz"] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no message for {name}: {}", run.stderr));
        assert!(!line.contains("panicked"), "{line}");
    }
}

#[test]
fn reuters_dev_corpus_has_11000_records_from_1987() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578-dev");
    if !dir.is_dir() {
        eprintln!("skipping: ../shared absent");
        return;
    }
    let mut total = 0;
    let mut files = 0;
    for i in 0..=10 {
        let path = dir.join(format!("reut2-{i:03}.sgm"));
        let bytes = std::fs::read(&path).unwrap();
        let format = newsidx::formats::Format::from_path(&path).unwrap();
        let parsed = newsidx::formats::parse(format, &bytes).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        for a in &parsed.articles {
            let date = a.date.as_deref().unwrap_or("");
            assert!(
                date.starts_with("1987-"),
                "{} #{:?}: {date:?}",
                path.display(),
                a.record_id
            );
            assert!(a.record_id.is_some());
        }
        total += parsed.articles.len();
        files += 1;
    }
    assert_eq!(files, 11);
    assert_eq!(total, 11_000);
}
