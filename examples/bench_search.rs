//! In-process search latency: opens an index once through the library and times
//! `Session::search` (plus `top` and `dates`, the work behind `timeline`) over the
//! benchmark query file, so process start-up and index opening are left out.
//!
//! ```text
//! cargo run --release --example bench_search -- INDEX_DIR bench/queries.tsv [REPEATS]
//! ```
//!
//! Prints one JSON object on stdout (p50/p99 in milliseconds, per query kind and overall)
//! and a short human summary on stderr.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsidx::backend::Archive;
use newsidx::index::Session;
use newsidx::query::timeline::Interval;
use newsidx::query::{Facet, FilterWords, SearchRequest, Selection, Sort};

/// One line of the query file, parsed.
struct Case {
    kind: String,
    query: String,
    filters: FilterWords,
    sort: Sort,
}

impl Case {
    /// The request, or why this build refuses it (say, a country it does not know yet).
    fn request(&self) -> anyhow::Result<SearchRequest> {
        Ok(SearchRequest {
            selection: Selection::new(&self.query, &self.filters, chrono::Utc::now())?,
            sort: self.sort,
            limit: 10,
            offset: 0,
            fuzzy: false,
            collapse: false,
            count_only: false,
        })
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_search: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> anyhow::Result<()> {
    let (Some(index), Some(queries)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: bench_search INDEX_DIR QUERIES.tsv [REPEATS]");
    };
    let repeats: usize = match args.get(2) {
        Some(r) => r.parse()?,
        None => 5,
    };
    let text = std::fs::read_to_string(queries)?;
    let cases = parse_cases(&text)?;
    anyhow::ensure!(!cases.is_empty(), "no queries in {queries}");

    let opened = Instant::now();
    let session = Session::open(&PathBuf::from(index))?;
    let open_time = opened.elapsed();

    // One untimed pass loads the index files into the page cache and tantivy's caches,
    // as they would be for anyone searching an archive more than once.
    // Queries this build rejects (say, a country it does not know yet) are reported and
    // left out rather than ending the run.
    let mut totals = Vec::with_capacity(cases.len());
    let mut rejected = 0;
    let mut kept = Vec::with_capacity(cases.len());
    let mut kinds = Vec::with_capacity(cases.len());
    for case in cases {
        match case.request().and_then(|r| session.search(&r)) {
            Ok(hits) => {
                totals.push(hits.total);
                kept.push(case.request()?);
                kinds.push(case.kind);
            }
            Err(e) => {
                eprintln!("bench_search: skipped {:?}: {e:#}", case.query);
                rejected += 1;
            }
        }
    }
    let cases = kept;
    anyhow::ensure!(!cases.is_empty(), "every query failed");

    let mut by_kind: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    let mut all = Vec::new();
    for _ in 0..repeats.max(1) {
        for (request, kind) in cases.iter().zip(&kinds) {
            let t = Instant::now();
            let hits = session.search(request)?;
            let took = t.elapsed();
            std::hint::black_box(hits);
            by_kind.entry(kind.clone()).or_default().push(took);
            all.push(took);
        }
    }

    // `top` and `timeline` without words are full scans of the facet columns: the worst
    // case for those commands.
    let all_articles = Selection::all();
    let oil = Selection::new("oil", &FilterWords::default(), chrono::Utc::now())?;
    let mut top = Vec::new();
    let mut timeline = Vec::new();
    for _ in 0..repeats.max(1) {
        for facet in [Facet::Countries, Facet::Actors] {
            let t = Instant::now();
            std::hint::black_box(session.top(facet, &all_articles, 20)?);
            top.push(t.elapsed());
        }
        let t = Instant::now();
        std::hint::black_box(session.dates(&all_articles, Interval::Month)?);
        timeline.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(session.dates(&oil, Interval::Month)?);
        timeline.push(t.elapsed());
    }

    // The word-only kinds, which the peers run too.
    let mut plain: Vec<Duration> = ["rare", "common", "and", "phrase"]
        .iter()
        .filter_map(|k| by_kind.get(*k))
        .flatten()
        .copied()
        .collect();
    let mut per_kind = serde_json::Map::new();
    for (kind, samples) in &mut by_kind {
        per_kind.insert(kind.clone(), summary(samples));
    }
    let docs = session.overview()?.articles;
    let out = serde_json::json!({
        "docs": docs,
        "queries": cases.len(),
        "repeats": repeats,
        "open_ms": ms(open_time),
        "search": summary(&mut all),
        "plain": summary(&mut plain),
        "by_kind": per_kind,
        "top": summary(&mut top),
        "timeline": summary(&mut timeline),
        "zero_hit_queries": totals.iter().filter(|&&t| t == 0).count(),
        "rejected_queries": rejected,
    });
    println!("{out}");
    eprintln!(
        "in-process: {} queries x {} over {} docs: search p50 {:.2} ms, p99 {:.2} ms",
        cases.len(),
        repeats,
        docs,
        out["search"]["p50_ms"].as_f64().unwrap_or(0.0),
        out["search"]["p99_ms"].as_f64().unwrap_or(0.0)
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// p50 and p99 by the nearest-rank method.
fn summary(samples: &mut [Duration]) -> serde_json::Value {
    samples.sort();
    let pick = |p: f64| -> f64 {
        if samples.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
        ms(samples[rank.clamp(1, samples.len()) - 1])
    };
    serde_json::json!({ "n": samples.len(), "p50_ms": pick(50.0), "p99_ms": pick(99.0) })
}

/// Parses `kind<TAB>query<TAB>options`, where options are the `newsidx search` flags the
/// runner passes on the command line (`--country`, `--from`, `--to`, `--sort`).
fn parse_cases(text: &str) -> anyhow::Result<Vec<Case>> {
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let kind = cols.next().unwrap_or("").trim().to_string();
        let query = cols.next().unwrap_or("").to_string();
        let options: Vec<&str> = cols.next().unwrap_or("").split_whitespace().collect();
        let mut filters = FilterWords::default();
        let mut sort = Sort::Relevance;
        let mut it = options.iter();
        while let Some(flag) = it.next() {
            let value = it
                .next()
                .ok_or_else(|| anyhow::anyhow!("line {}: {flag} needs a value", n + 1))?;
            match *flag {
                "--country" => filters.countries.push(value.to_string()),
                "--from" => filters.from = Some(value.to_string()),
                "--to" => filters.to = Some(value.to_string()),
                "--sort" => {
                    sort = match *value {
                        "newest" => Sort::Newest,
                        "oldest" => Sort::Oldest,
                        _ => Sort::Relevance,
                    }
                }
                other => anyhow::bail!("line {}: unknown option {other}", n + 1),
            }
        }
        cases.push(Case {
            kind,
            query,
            filters,
            sort,
        });
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_become_filters() {
        let cases = parse_cases(
            "# comment\ncombo\toil\t--sort newest --country US --from 2000 --to 2001\nrare\tKohl\t\n",
        )
        .expect("valid file");
        assert_eq!(cases.len(), 2);
        let c = &cases[0];
        assert_eq!(c.sort, Sort::Newest);
        assert_eq!(c.filters.countries, vec!["US".to_string()]);
        assert_eq!(c.filters.from.as_deref(), Some("2000"));
        assert_eq!(cases[1].sort, Sort::Relevance);
        let r = c.request().expect("a valid request");
        assert_eq!(r.selection.filters.countries, vec!["US".to_string()]);
        assert!(parse_cases("x\ty\t--country\n").is_err());
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let mut s: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let v = summary(&mut s);
        assert_eq!(v["p50_ms"].as_f64(), Some(50.0));
        assert_eq!(v["p99_ms"].as_f64(), Some(99.0));
    }
}
