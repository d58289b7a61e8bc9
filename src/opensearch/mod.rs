//! The cluster back end: the same articles, keys and questions as the local index, kept
//! in an OpenSearch (or Elasticsearch-compatible) cluster and asked over its REST API.
//! `client` speaks HTTP, `mapping` makes the indexes, `storage` writes, `dsl` turns
//! resolved queries into the query DSL, and `search` answers.

mod client;
mod dsl;
mod mapping;
mod search;
mod storage;

use serde_json::{Value, json};

use crate::backend::FileStamp;
use crate::record::Record;
pub use client::{ClusterError, EngineUrl};
pub use search::ClusterArchive;
pub use storage::ClusterStorage;

/// The document the cluster stores for one article: the fields that queries, filters
/// and aggregations use, and the record as display needs it (without the body, which is
/// a field of its own).
pub fn document(mut record: Record, file: &FileStamp) -> Value {
    let body = record.body.take().unwrap_or_default();
    let mut titles = vec![record.title.clone()];
    titles.extend(record.subtitle.clone());
    let mut actor_text: Vec<&str> = Vec::new();
    for a in &record.actors {
        actor_text.push(&a.name);
        actor_text.extend(a.alias.as_deref());
    }
    let mentions: Vec<Value> = record
        .actors
        .iter()
        .map(|a| json!({"name": a.name, "kind": a.kind, "count": a.mentions}))
        .collect();
    json!({
        "id": record.id,
        "path": record.path,
        "file_size": file.size,
        "file_mtime": file.mtime_ns,
        "title": titles,
        "body": body,
        "date": record.timestamp(),
        "date_source": record.date_source.map(|d| d.as_str()),
        "countries": record.countries.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        "lang": record.lang,
        "actors": record.actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        "actor_text": actor_text,
        "source_key": record.source,
        "source": record.source,
        "url": record.url,
        "authors": record.authors,
        "mentions": mentions,
        "dup_key": dup_key(&body),
        "record": record,
    })
}

/// The cluster's document id for an article: its id, or a hash of it when the id is
/// longer than the 512 bytes OpenSearch allows (deep paths). The id itself is a field.
pub fn doc_id(id: &str) -> String {
    if id.len() <= 512 {
        id.to_string()
    } else {
        format!("newsidx-hash-{}", blake3::hash(id.as_bytes()).to_hex())
    }
}

/// The key `--collapse` folds on in a cluster: the first 40 words of the body, lower
/// case, hashed. Reprints of one wire story share it; the local index also folds copies
/// whose openings differ but whose bodies are mostly the same.
pub fn dup_key(body: &str) -> String {
    let opening: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(40)
        .map(str::to_lowercase)
        .collect();
    blake3::hash(opening.join(" ").as_bytes()).to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprints_share_a_key_and_other_stories_do_not() {
        let a = dup_key("Floods closed the port on Monday. Officials said ships waited.");
        let b = dup_key("FLOODS closed the port on Monday -- officials said ships waited!");
        let c = dup_key("Drought closed the port on Monday.");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
