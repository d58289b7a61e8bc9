//! Writing to a cluster: the `Storage` side of the OpenSearch back end. Articles go in
//! `_bulk` requests with their id as `_id`, so a re-run replaces instead of duplicating.
//! A file enters the ledger only once all its articles were acknowledged, so a run
//! killed or refused half way leaves files that the next run reads again.

use std::collections::HashSet;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use super::client::{Client, ClusterError, EngineUrl};
use super::mapping;
use crate::backend::{DocMaker, FileStamp, FileState, FileStates, Storage};
use crate::record::Record;

/// A bulk request is sent once it holds this many bytes or articles.
const BULK_BYTES: usize = 8 << 20;
const BULK_DOCS: usize = 2000;
/// Ledger reads and path deletions go in pages of this many.
const PAGE: usize = 1000;

/// The open writer to one cluster index.
pub struct ClusterStorage {
    client: Client,
    /// NDJSON of index actions not yet sent, and the file of each.
    bulk: String,
    bulk_paths: Vec<String>,
    /// Files whose stored articles go before the next bulk.
    deletes: Vec<String>,
    /// Files fully handed over, for the ledger once their articles are acknowledged.
    done: Vec<(String, FileState)>,
    /// Files with an article the cluster refused in this run: not entered in the ledger.
    refused: HashSet<String>,
    warnings: Vec<String>,
}

impl ClusterStorage {
    /// Connects, and creates the indexes (or with `rebuild` recreates them).
    pub fn open(url: EngineUrl, rebuild: bool) -> Result<ClusterStorage> {
        let shown = url.shown();
        let client = Client::new(url);
        client
            .call("GET", "/", None)
            .with_context(|| format!("cannot use the engine {shown}"))?;
        if rebuild {
            mapping::delete(&client)?;
        }
        let orphaned = mapping::ensure(&client)?;
        let mut warnings = Vec::new();
        if orphaned {
            warnings.push(format!(
                "{shown} had no articles index but a file ledger: the ledger was cleared, \
                 so every file is read again"
            ));
        }
        Ok(ClusterStorage {
            client,
            bulk: String::new(),
            bulk_paths: Vec::new(),
            deletes: Vec::new(),
            done: Vec::new(),
            refused: HashSet::new(),
            warnings,
        })
    }

    fn ledger(&self) -> String {
        mapping::ledger(&self.client.url.index)
    }

    /// Sends what is pending, in the order that keeps the ledger true: deletions, the
    /// articles, then the ledger entries of files whose articles all arrived.
    fn flush(&mut self) -> Result<()> {
        self.send_deletes()?;
        self.send_articles()?;
        self.send_ledger()
    }

    fn send_deletes(&mut self) -> Result<()> {
        let deletes = std::mem::take(&mut self.deletes);
        for page in deletes.chunks(PAGE) {
            let query = json!({"query": {"terms": {"path": page}}});
            self.client.call(
                "POST",
                // No refresh here: the commit refreshes once for the whole batch.
                "/{index}/_delete_by_query?conflicts=proceed",
                Some(&query.to_string()),
            )?;
            let mut bulk = String::new();
            for path in page {
                let action = json!({"delete": {"_index": self.ledger(), "_id": ledger_id(path)}});
                bulk.push_str(&format!("{action}\n"));
            }
            self.client.call("POST", "/_bulk", Some(&bulk))?;
        }
        Ok(())
    }

    fn send_articles(&mut self) -> Result<()> {
        if self.bulk.is_empty() {
            return Ok(());
        }
        let body = std::mem::take(&mut self.bulk);
        let paths = std::mem::take(&mut self.bulk_paths);
        let answer = self.client.call("POST", "/_bulk", Some(&body))?;
        if answer["errors"].as_bool() != Some(true) {
            return Ok(());
        }
        let items = answer["items"].as_array().cloned().unwrap_or_default();
        for (item, path) in items.iter().zip(&paths) {
            let result = &item["index"];
            if result["error"].is_null() {
                continue;
            }
            let reason = result["error"]["reason"].as_str().unwrap_or("refused");
            let id = result["_id"].as_str().unwrap_or("?");
            self.warnings.push(format!(
                "article {id}: the cluster refused it ({reason}); its file is read again on the next run"
            ));
            self.refused.insert(path.clone());
        }
        Ok(())
    }

    fn send_ledger(&mut self) -> Result<()> {
        let done = std::mem::take(&mut self.done);
        let mut bulk = String::new();
        for (path, state) in done.iter().filter(|(p, _)| !self.refused.contains(p)) {
            let action = json!({"index": {"_index": self.ledger(), "_id": ledger_id(path)}});
            let entry = json!({
                "path": path,
                "size": state.stamp.size,
                "mtime_ns": state.stamp.mtime_ns,
                "hash": state.stamp.hash.to_string(),
                "articles": state.articles,
            });
            bulk.push_str(&format!("{action}\n{entry}\n"));
        }
        if !bulk.is_empty() {
            let answer = self.client.call("POST", "/_bulk", Some(&bulk))?;
            anyhow::ensure!(
                answer["errors"].as_bool() != Some(true),
                "the cluster refused ledger entries: {}",
                first_error(&answer)
            );
        }
        Ok(())
    }

    /// Every ledger entry, read in pages ordered by path.
    fn read_ledger(&self) -> Result<FileStates, ClusterError> {
        let mut files = FileStates::default();
        let mut after: Option<Value> = None;
        loop {
            let mut body =
                json!({"size": PAGE, "sort": [{"path": "asc"}], "query": {"match_all": {}}});
            if let Some(a) = &after {
                body["search_after"] = a.clone();
            }
            let answer = self.client.call(
                "POST",
                &format!("/{}/_search", self.ledger()),
                Some(&body.to_string()),
            )?;
            let hits = answer["hits"]["hits"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for hit in &hits {
                let s = &hit["_source"];
                let state = FileState {
                    stamp: FileStamp {
                        size: s["size"].as_u64().unwrap_or(0),
                        mtime_ns: s["mtime_ns"].as_i64().unwrap_or(0),
                        hash: s["hash"].as_str().and_then(|h| h.parse().ok()).unwrap_or(0),
                    },
                    articles: s["articles"].as_u64().unwrap_or(0) as usize,
                };
                if let Some(path) = s["path"].as_str() {
                    files.insert(path.to_string(), state);
                }
            }
            match hits.last() {
                Some(last) if hits.len() == PAGE => after = Some(last["sort"].clone()),
                _ => return Ok(files),
            }
        }
    }
}

/// The ledger's document id for a file: a hash, since paths can be longer than the
/// 512 bytes an id may have.
fn ledger_id(path: &str) -> String {
    blake3::hash(path.as_bytes()).to_hex()[..32].to_string()
}

fn first_error(answer: &Value) -> String {
    answer["items"]
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .find_map(|i| i.as_object()?.values().next()?["error"]["reason"].as_str())
        })
        .unwrap_or("unknown")
        .to_string()
}

impl Storage for ClusterStorage {
    type Maker = ClusterDocs;

    fn doc_maker(&self) -> ClusterDocs {
        ClusterDocs {
            index: self.client.url.index.clone(),
        }
    }

    fn files(&self) -> Result<FileStates> {
        Ok(self.read_ledger()?)
    }

    fn delete_file(&mut self, path: &str) -> Result<()> {
        // Sent before the pending articles at the next flush: none of those is from this
        // file, since the indexer deletes a file's old articles before adding new ones.
        self.deletes.push(path.to_string());
        Ok(())
    }

    fn add(&mut self, doc: ClusterDoc) -> Result<()> {
        self.bulk.push_str(&doc.action);
        self.bulk_paths.push(doc.path);
        if self.bulk.len() >= BULK_BYTES || self.bulk_paths.len() >= BULK_DOCS {
            self.flush()?;
        }
        Ok(())
    }

    fn file_done(&mut self, path: &str, state: FileState) -> Result<()> {
        self.done.push((path.to_string(), state));
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.flush()?;
        let indexes = format!("/{},{}/_refresh", self.client.url.index, self.ledger());
        self.client.call("POST", &indexes, None)?;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        Ok(())
    }

    fn location(&self) -> String {
        self.client.url.shown()
    }

    fn drain_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

/// Builds bulk actions on the reading threads.
pub struct ClusterDocs {
    index: String,
}

/// One article's bulk action (two NDJSON lines), and its file.
pub struct ClusterDoc {
    action: String,
    path: String,
}

impl DocMaker for ClusterDocs {
    type Doc = ClusterDoc;

    fn make(&self, record: Record, file: &FileStamp) -> ClusterDoc {
        let source = super::document(record, file);
        let id = source["id"].as_str().unwrap_or_default();
        let action = json!({"index": {"_index": self.index, "_id": super::doc_id(id)}});
        ClusterDoc {
            path: source["path"].as_str().unwrap_or_default().to_string(),
            action: format!("{action}\n{source}\n"),
        }
    }
}
