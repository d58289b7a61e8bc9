//! Answering questions from a cluster: the `Archive` side of the OpenSearch back end.
//! Searches with highlighting and collapse, terms aggregations for `top`, a calendar
//! date histogram for `timeline`, more-like-this for `similar`.

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::DateTime;
use serde_json::{Value, json};

use super::client::{Client, ClusterError, EngineUrl};
use super::{dsl, mapping};
use crate::backend::Archive;
use crate::query::timeline::Interval;
use crate::query::{
    Counts, DateCounts, Facet, Hit, Hits, Overview, SNIPPET_CHARS, SearchRequest, Selection,
    SimilarRequest, Snippet, Sort,
};
use crate::record::Record;

/// Marks around highlighted words; characters no article text holds.
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';
/// OpenSearch pages at most this far (`index.max_result_window`).
const RESULT_WINDOW: usize = 10_000;
/// Terms per shard that `top` asks for, so counts are exact on all but huge archives.
const SHARD_TERMS: usize = 10_000;

/// What `--collapse` does on a cluster, said with its results.
const COLLAPSE_NOTE: &str = "on a cluster, --collapse folds articles whose bodies open with \
     the same 40 words; the local index also folds copies that differ in their opening";

/// A cluster index ready to answer queries.
pub struct ClusterArchive {
    client: Client,
}

impl ClusterArchive {
    pub fn open(url: EngineUrl) -> Result<ClusterArchive> {
        let shown = url.shown();
        let client = Client::new(url);
        match mapping::check_version(&client, &client.url.index) {
            Err(ClusterError::Refused { status: 404, .. }) => {
                anyhow::bail!(
                    "no index at {shown}; build it with `newsidx --engine {shown} index ARTICLES_FOLDER`"
                )
            }
            other => other.with_context(|| format!("cannot use the engine {shown}"))?,
        }
        Ok(ClusterArchive { client })
    }

    fn search_body(&self, body: &Value) -> Result<Value> {
        Ok(self
            .client
            .call("POST", "/{index}/_search", Some(&body.to_string()))?)
    }

    /// Hits from a search answer, with records, snippets and folded duplicates.
    fn hits(&self, answer: &Value, started: Instant, snippets: bool) -> Result<Hits> {
        let total = answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize;
        let raw = answer["hits"]["hits"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let hits = raw
            .iter()
            .map(|h| hit(h, snippets))
            .collect::<Result<Vec<_>>>()?;
        Ok(Hits {
            total,
            took: started.elapsed(),
            hits,
            ..Hits::default()
        })
    }

    fn count(&self, query: &Value) -> Result<usize> {
        let answer = self.client.call(
            "POST",
            "/{index}/_count",
            Some(&json!({"query": query}).to_string()),
        )?;
        Ok(answer["count"].as_u64().unwrap_or(0) as usize)
    }

    /// The articles with this id, or failing that from this file path; `source` says
    /// whether their stored documents are wanted or only their cluster ids.
    fn find(&self, key: &str, source: bool) -> Result<Vec<Value>> {
        for field in ["id", "path"] {
            let body = json!({
                "query": {"term": {field: key}}, "size": RESULT_WINDOW, "_source": source
            });
            let answer = self.search_body(&body)?;
            let mut found = answer["hits"]["hits"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if !found.is_empty() {
                // Ids of one file end in their position (`feed.jsonl#10`): shorter first
                // puts them in file order, as the local index returns them.
                found.sort_by_key(|h| {
                    let id = h["_id"].as_str().unwrap_or("").to_string();
                    (id.len(), id)
                });
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }
}

/// Sort keys: ties fall to the date, then to the id, so pages are stable.
fn sort(order: Sort) -> Value {
    let newest = json!({"date": {"order": "desc", "missing": "_last"}});
    match order {
        Sort::Relevance => json!([{"_score": "desc"}, newest, {"id": "asc"}]),
        Sort::Newest => json!([newest, {"_score": "desc"}, {"id": "asc"}]),
        Sort::Oldest => json!([
            {"date": {"order": "asc", "missing": "_last"}}, {"_score": "desc"}, {"id": "asc"}
        ]),
    }
}

fn highlight() -> Value {
    json!({"fields": {"body": {
        "type": "unified",
        "fragment_size": SNIPPET_CHARS,
        "number_of_fragments": 1,
        "pre_tags": [MARK_START.to_string()],
        "post_tags": [MARK_END.to_string()]
    }}})
}

fn hit(h: &Value, snippets: bool) -> Result<Hit> {
    let source = &h["_source"];
    let record: Record = serde_json::from_value(source["record"].clone())
        .context("a stored article record is damaged")?;
    let body = source["body"].as_str().unwrap_or("");
    let fragment = h["highlight"]["body"][0].as_str().filter(|_| snippets);
    let snippet = fragment.map_or_else(|| Snippet::opening(body), |f| marked(f, body));
    let score = h["_score"].as_f64().unwrap_or(0.0) as f32;
    let duplicates = h["inner_hits"]["copies"]["hits"]["hits"]
        .as_array()
        .map(|copies| {
            copies
                .iter()
                .filter_map(|c| c["_source"]["id"].as_str())
                .filter(|id| *id != record.id)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Hit::new(record, score, snippet, duplicates))
}

/// A highlighted fragment as a snippet: marks out, their byte ranges kept, and ellipses
/// where the passage was cut out of a longer body.
fn marked(fragment: &str, body: &str) -> Snippet {
    let mut text = String::new();
    let mut highlights = Vec::new();
    let mut start = 0;
    for c in fragment.trim_end().chars() {
        match c {
            MARK_START => start = text.len(),
            MARK_END => highlights.push(start..text.len()),
            c => text.push(c),
        }
    }
    let at = body.find(&text);
    let lead = if at.is_some_and(|i| i > 0) { "…" } else { "" };
    let tail = match at {
        Some(i) if i + text.len() >= body.trim_end().len() => "",
        _ => "…",
    };
    let shift = lead.len();
    Snippet {
        text: format!("{lead}{text}{tail}"),
        highlights: highlights
            .into_iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect(),
    }
}

/// Refuses pages beyond what OpenSearch serves, rather than failing obscurely.
fn check_window(offset: usize, limit: usize) -> Result<()> {
    anyhow::ensure!(
        offset.saturating_add(limit) <= RESULT_WINDOW,
        "a cluster serves the first {RESULT_WINDOW} hits of a search; narrow the query or \
         lower --offset (the local index has no such limit)"
    );
    Ok(())
}

impl Archive for ClusterArchive {
    fn search(&self, req: &SearchRequest) -> Result<Hits> {
        let started = Instant::now();
        let query = dsl::query(&req.selection, req.fuzzy)?;
        if req.count_only || req.limit == 0 {
            let total = self.count(&query)?;
            return Ok(Hits {
                total,
                took: started.elapsed(),
                hits: Vec::new(),
                ..Hits::default()
            });
        }
        check_window(req.offset, req.limit)?;
        let mut body = json!({
            "query": query,
            "from": req.offset,
            "size": req.limit,
            "track_total_hits": true,
            "track_scores": true,
            "sort": sort(req.effective_sort()),
        });
        if req.selection.has_words() {
            body["highlight"] = highlight();
        }
        if req.collapse {
            body["collapse"] = json!({"field": "dup_key",
                "inner_hits": {"name": "copies", "size": 100, "_source": ["id"]}});
        }
        let mut hits = self.hits(&self.search_body(&body)?, started, true)?;
        if req.collapse {
            hits.note = Some(COLLAPSE_NOTE);
        }
        Ok(hits)
    }

    fn similar(&self, req: &SimilarRequest) -> Result<Hits> {
        let started = Instant::now();
        let Some(found) = self.find(&req.id, false)?.into_iter().next() else {
            anyhow::bail!("no article with id or path '{}' in the index", req.id);
        };
        check_window(req.offset, req.limit)?;
        let id = found["_id"].clone();
        let like = json!({"more_like_this": {
            "fields": ["title", "body"],
            "like": [{"_index": self.client.url.index, "_id": id}],
            "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 30, "min_word_length": 3
        }});
        let query = json!({"bool": {
            "must": [like], "must_not": [{"ids": {"values": [id]}}],
            "filter": dsl::filters(&req.filters)
        }});
        let body = json!({
            "query": query, "from": req.offset, "size": req.limit,
            "track_total_hits": true, "sort": sort(Sort::Relevance)
        });
        self.hits(&self.search_body(&body)?, started, false)
    }

    fn top(&self, facet: Facet, selection: &Selection, limit: usize) -> Result<Counts> {
        let field = match facet {
            Facet::Actors => "actors",
            Facet::Countries => "countries",
            Facet::Sources => "source",
            Facet::Languages => "lang",
        };
        let size = limit.clamp(1, SHARD_TERMS);
        let body = json!({
            "query": dsl::query(selection, false)?, "size": 0, "track_total_hits": true,
            "aggs": {"top": {"terms": {
                "field": field, "size": size, "shard_size": SHARD_TERMS,
                "order": [{"_count": "desc"}, {"_key": "asc"}]
            }}}
        });
        let answer = self.search_body(&body)?;
        let total = answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize;
        let agg = &answer["aggregations"]["top"];
        let counts = agg["buckets"].as_array().into_iter().flatten().map(|b| {
            let key = b["key"].as_str().unwrap_or("").to_string();
            (key, b["doc_count"].as_u64().unwrap_or(0))
        });
        let mut out = Counts::ranked(total, counts, limit);
        out.approximate = agg["doc_count_error_upper_bound"].as_u64().unwrap_or(0) > 0;
        Ok(out)
    }

    fn dates(&self, selection: &Selection, by: Interval) -> Result<DateCounts> {
        let interval = match by {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        };
        let body = json!({
            "query": dsl::query(selection, false)?, "size": 0,
            "aggs": {
                "periods": {"date_histogram": {
                    "field": "date", "calendar_interval": interval, "min_doc_count": 1
                }},
                "undated": {"missing": {"field": "date"}}
            }
        });
        let answer = self.search_body(&body)?;
        let mut out = DateCounts {
            undated: answer["aggregations"]["undated"]["doc_count"]
                .as_u64()
                .unwrap_or(0),
            ..DateCounts::default()
        };
        let buckets = answer["aggregations"]["periods"]["buckets"].as_array();
        for b in buckets.into_iter().flatten() {
            let start = b["key"]
                .as_i64()
                .and_then(DateTime::from_timestamp_millis)
                .map(|d| d.date_naive());
            if let Some(start) = start {
                out.periods
                    .insert(start, b["doc_count"].as_u64().unwrap_or(0));
            }
        }
        Ok(out)
    }

    fn get(&self, key: &str) -> Result<Vec<(Record, String)>> {
        self.find(key, true)?
            .iter()
            .map(|h| {
                let source = &h["_source"];
                let record: Record = serde_json::from_value(source["record"].clone())
                    .context("a stored article record is damaged")?;
                Ok((record, source["body"].as_str().unwrap_or("").to_string()))
            })
            .collect()
    }

    fn overview(&self) -> Result<Overview> {
        let articles = self.count(&json!({"match_all": {}}))? as u64;
        let stats = self.client.call("GET", "/{index}/_stats/store", None)?;
        let settings = self.client.call("GET", "/{index}/_settings", None)?;
        let shards = settings
            .as_object()
            .and_then(|m| m.values().next())
            .and_then(|s| s["settings"]["index"]["number_of_shards"].as_str())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        Ok(Overview {
            location: self.client.url.shown(),
            articles,
            parts: shards,
            parts_name: "shards",
            size_bytes: stats["_all"]["primaries"]["store"]["size_in_bytes"]
                .as_u64()
                .unwrap_or(0),
        })
    }
}
