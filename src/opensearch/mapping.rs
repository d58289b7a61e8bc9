//! The cluster's indexes, made explicitly on first use: articles (analysed the way the
//! local index analyses them) and a ledger of indexed files (the bookkeeping that makes
//! re-indexing incremental).

use serde_json::{Value, json};

use super::client::{Client, ClusterError};

/// Bumped whenever the mapping or the meaning of a field changes.
pub const FORMAT_VERSION: u32 = 1;

/// The ledger index beside the articles index.
pub fn ledger(index: &str) -> String {
    format!("{index}-files")
}

/// Analysis as close to the local index's as OpenSearch allows: words split at every
/// character that is not a letter or digit, cut at 40 characters, lower-cased, accents
/// folded; article text is also stemmed with the same Snowball English stemmer.
fn analysis() -> Value {
    json!({
        "tokenizer": {"newsidx_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
        "filter": {
            "newsidx_long": {"type": "length", "max": 39},
            "newsidx_stem": {"type": "snowball", "language": "English"}
        },
        "analyzer": {
            "newsidx_en": {"type": "custom", "tokenizer": "newsidx_words",
                "filter": ["newsidx_long", "lowercase", "asciifolding", "newsidx_stem"]},
            "newsidx_names": {"type": "custom", "tokenizer": "newsidx_words",
                "filter": ["newsidx_long", "lowercase", "asciifolding"]}
        },
        "normalizer": {"newsidx_lower": {"type": "custom", "filter": ["lowercase"]}}
    })
}

fn articles_mapping() -> Value {
    let keyword = json!({"type": "keyword"});
    let english = json!({"type": "text", "analyzer": "newsidx_en"});
    let names = json!({"type": "text", "analyzer": "newsidx_names"});
    json!({
        "dynamic": false,
        "_meta": {"newsidx_format": FORMAT_VERSION},
        "properties": {
            "id": keyword, "path": keyword,
            "title": english, "body": english,
            "date": {"type": "date", "format": "strict_date_optional_time||epoch_second"},
            "date_source": keyword,
            "countries": keyword, "lang": keyword, "actors": keyword,
            "actor_text": names, "authors": names,
            "source": keyword,
            "source_key": {"type": "keyword", "normalizer": "newsidx_lower"},
            // Longer values are kept in the record but not indexed: a term may not pass
            // 32766 bytes, and one such URL would get its article refused.
            "url": {"type": "keyword", "ignore_above": 8191},
            "mentions": {"type": "nested", "properties": {
                "name": keyword, "kind": keyword, "count": {"type": "integer"}
            }},
            "dup_key": keyword,
            "record": {"type": "object", "enabled": false}
        }
    })
}

fn ledger_mapping() -> Value {
    json!({
        "dynamic": false,
        "_meta": {"newsidx_format": FORMAT_VERSION},
        "properties": {
            "path": {"type": "keyword"},
            "size": {"type": "long"},
            "mtime_ns": {"type": "long"},
            "hash": {"type": "keyword"},
            "articles": {"type": "integer"}
        }
    })
}

/// Creates both indexes unless they exist; refuses indexes made by another version.
/// A ledger left without its articles (someone deleted only the articles index) is
/// cleared, or every file would count as unchanged and stay missing; the answer says
/// whether that happened.
pub fn ensure(client: &Client) -> Result<bool, ClusterError> {
    let index = client.url.index.clone();
    let settings = json!({
        "number_of_shards": client.url.shards.max(1),
        "number_of_replicas": client.url.replicas,
        "analysis": analysis()
    });
    let articles_new = create(
        client,
        &index,
        json!({"settings": settings, "mappings": articles_mapping()}),
    )?;
    let ledger_settings = json!({
        "number_of_shards": 1,
        "number_of_replicas": client.url.replicas
    });
    let ledger_body = json!({"settings": ledger_settings, "mappings": ledger_mapping()});
    let ledger_new = create(client, &ledger(&index), ledger_body.clone())?;
    let orphaned = articles_new && !ledger_new;
    if orphaned {
        client.call("DELETE", &format!("/{}", ledger(&index)), None)?;
        create(client, &ledger(&index), ledger_body)?;
    }
    check_version(client, &index)?;
    Ok(orphaned)
}

/// Creates an index; false when it was there already.
fn create(client: &Client, name: &str, body: Value) -> Result<bool, ClusterError> {
    match client.call("PUT", &format!("/{name}"), Some(&body.to_string())) {
        Ok(_) => Ok(true),
        Err(ClusterError::Refused { reason, .. }) if reason.contains("already exists") => Ok(false),
        Err(e) => Err(e),
    }
}

/// Fails with a clear message when the index is missing or was made by another version.
pub fn check_version(client: &Client, index: &str) -> Result<(), ClusterError> {
    let mapping = client.call("GET", &format!("/{index}/_mapping"), None)?;
    let found = mapping
        .as_object()
        .and_then(|m| m.values().next())
        .map(|m| m["mappings"]["_meta"]["newsidx_format"].as_u64());
    if found == Some(Some(u64::from(FORMAT_VERSION))) {
        return Ok(());
    }
    Err(ClusterError::Refused {
        method: "GET",
        path: format!("/{index}/_mapping"),
        status: 409,
        reason: format!(
            "index '{index}' was not made by this version of newsidx; rebuild it with \
             `newsidx --engine URL index --rebuild DIR...` or choose another index name"
        ),
    })
}

/// Deletes both indexes, for `--rebuild`.
pub fn delete(client: &Client) -> Result<(), ClusterError> {
    let index = client.url.index.clone();
    for name in [index.clone(), ledger(&index)] {
        match client.call("DELETE", &format!("/{name}"), None) {
            Ok(_) | Err(ClusterError::Refused { status: 404, .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
