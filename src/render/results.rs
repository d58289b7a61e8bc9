//! The answers of `search`, `similar`, `top`, `timeline` and `stats` in every output
//! format: commands hand over data, this module picks the shape.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::{Format, Style, human, machine};
use crate::extract::countries;
use crate::query::timeline::{Bucket, Interval};
use crate::query::{Counts, Facet, Hits, Overview};

/// Search or similar results; `offset` numbers the ranks.
pub fn write_hits(
    out: &mut (impl Write + ?Sized),
    hits: &Hits,
    offset: usize,
    format: Format,
    style: &Style,
) -> io::Result<()> {
    let ranked = || {
        hits.hits
            .iter()
            .enumerate()
            .map(move |(i, h)| (offset + i + 1, h))
    };
    match format {
        Format::Human => human::write_hits(out, hits, offset, style),
        Format::Json => {
            let all = json!({
                "total": hits.total,
                "took_ms": (hits.took.as_secs_f64() * 1e5).round() / 100.0,
                "offset": offset,
                "hits": ranked().map(|(r, h)| machine::hit_out(r, h)).collect::<Vec<_>>(),
            });
            machine::write_json_pretty(out, &all)
        }
        Format::Jsonl => {
            for (rank, h) in ranked() {
                machine::write_json_line(out, &machine::hit_out(rank, h))?;
            }
            Ok(())
        }
        Format::Csv => machine::write_csv(out, &ranked().collect::<Vec<_>>()),
        Format::Paths => {
            let mut seen = HashSet::new();
            for h in &hits.hits {
                if seen.insert(&h.record.path) {
                    writeln!(out, "{}", h.record.path)?;
                }
            }
            Ok(())
        }
    }
}

/// The name a facet value is shown by: countries by name and code.
fn display_name(facet: Facet, key: &str) -> String {
    match facet {
        Facet::Countries => {
            countries::name_of(key).map_or(key.to_string(), |n| format!("{n} ({key})"))
        }
        _ => key.to_string(),
    }
}

fn facet_label(facet: Facet) -> &'static str {
    match facet {
        Facet::Actors => "actor",
        Facet::Countries => "country",
        Facet::Sources => "source",
        Facet::Languages => "language",
    }
}

/// One facet value as JSON.
fn count_json(facet: Facet, key: &str, n: u64) -> serde_json::Value {
    match facet {
        Facet::Countries => {
            json!({"code": key, "name": countries::name_of(key).unwrap_or(key), "articles": n})
        }
        _ => json!({"name": key, "articles": n}),
    }
}

/// Said under counts the engine could only estimate.
const APPROXIMATE: &str = "(counts are estimates: the cluster counted on each shard apart; \
     narrow the query for exact ones)";

/// `top`: the most frequent values of a facet.
pub fn write_top(
    out: &mut (impl Write + ?Sized),
    facet: Facet,
    top: &Counts,
    format: Format,
    style: &Style,
) -> io::Result<()> {
    let label = facet_label(facet);
    match format {
        Format::Human | Format::Paths => {
            let rows: Vec<(String, String, u64)> = top
                .counts
                .iter()
                .map(|(key, n)| (key.clone(), display_name(facet, key), *n))
                .collect();
            let title = match facet {
                Facet::Actors => "Top actors",
                Facet::Countries => "Top countries",
                Facet::Sources => "Top sources",
                Facet::Languages => "Top languages",
            };
            human::write_counts(out, title, top.total, &rows, style)?;
            if top.approximate {
                writeln!(out, "{APPROXIMATE}")?;
            }
            Ok(())
        }
        Format::Json => {
            let items: Vec<_> = top
                .counts
                .iter()
                .map(|(k, n)| count_json(facet, k, *n))
                .collect();
            machine::write_json_pretty(
                out,
                &json!({"facet": label, "total": top.total, "top": items}),
            )
        }
        Format::Jsonl => {
            for (k, n) in &top.counts {
                machine::write_json_line(out, &count_json(facet, k, *n))?;
            }
            Ok(())
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = top
                .counts
                .iter()
                .enumerate()
                .map(|(i, (key, n))| {
                    let name = display_name(facet, key);
                    vec![(i + 1).to_string(), key.clone(), name, n.to_string()]
                })
                .collect();
            machine::write_csv_rows(out, &["rank", label, "name", "articles"], &rows)
        }
    }
}

/// A timeline ready to print.
pub struct Timeline {
    pub by: Interval,
    pub buckets: Vec<Bucket>,
    /// Matching articles, dated or not.
    pub total: u64,
    pub undated: u64,
    pub normalized: bool,
}

pub fn write_timeline(
    out: &mut (impl Write + ?Sized),
    t: &Timeline,
    format: Format,
    style: &Style,
) -> io::Result<()> {
    match format {
        Format::Human | Format::Paths => {
            human::write_timeline(out, &t.buckets, t.total, t.undated, style)
        }
        Format::Json => machine::write_json_pretty(
            out,
            &json!({"by": t.by, "total": t.total, "undated": t.undated, "normalized": t.normalized, "buckets": t.buckets}),
        ),
        Format::Jsonl => {
            for b in &t.buckets {
                machine::write_json_line(out, b)?;
            }
            Ok(())
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = t
                .buckets
                .iter()
                .map(|b| {
                    vec![
                        b.label.clone(),
                        b.start.to_string(),
                        b.count.to_string(),
                        b.total.map(|t| t.to_string()).unwrap_or_default(),
                        b.share.map(|s| format!("{s:.6}")).unwrap_or_default(),
                    ]
                })
                .collect();
            machine::write_csv_rows(out, &["bucket", "start", "count", "total", "share"], &rows)
        }
    }
}

/// What `stats` reports about an archive.
pub struct Stats {
    pub overview: Overview,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated: u64,
    pub countries: Counts,
    pub actors: Counts,
    pub sources: Counts,
    pub languages: Counts,
    /// Articles in a language that actor extraction has no rules for: they have no
    /// actors from the text, rather than wrong ones.
    pub without_actor_rules: u64,
}

#[derive(Serialize)]
struct StatsOut {
    index: String,
    articles: u64,
    segments: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    undated: u64,
    size_bytes: u64,
    top_countries: Vec<serde_json::Value>,
    top_actors: Vec<serde_json::Value>,
    top_sources: Vec<serde_json::Value>,
    languages: Vec<serde_json::Value>,
    without_actor_rules: u64,
}

pub fn write_stats(
    out: &mut (impl Write + ?Sized),
    s: &Stats,
    json: bool,
    style: &Style,
) -> io::Result<()> {
    if json {
        let values = |facet, c: &Counts| -> Vec<serde_json::Value> {
            c.counts
                .iter()
                .map(|(k, n)| count_json(facet, k, *n))
                .collect()
        };
        let languages = s
            .languages
            .counts
            .iter()
            .map(|(l, n)| json!({"code": l, "articles": n}))
            .collect();
        let shaped = StatsOut {
            index: s.overview.location.clone(),
            articles: s.overview.articles,
            segments: s.overview.parts,
            first_date: s.first_date.clone(),
            last_date: s.last_date.clone(),
            undated: s.undated,
            size_bytes: s.overview.size_bytes,
            top_countries: values(Facet::Countries, &s.countries),
            top_actors: values(Facet::Actors, &s.actors),
            top_sources: values(Facet::Sources, &s.sources),
            languages,
            without_actor_rules: s.without_actor_rules,
        };
        return machine::write_json_pretty(out, &shaped);
    }
    human::write_stats(out, s, style)
}
