//! The seam between the commands and a search engine. A back end stores articles
//! (`Storage`, driven by the indexer) and answers questions about them (`Archive`, asked
//! by the commands), in domain terms only. The embedded tantivy index (`index`) and an
//! OpenSearch cluster (`opensearch`) are the two back ends; tests add a toy one in memory.

use anyhow::Result;

use crate::query::{
    Counts, DateCounts, Facet, Hits, Overview, SearchRequest, Selection, SimilarRequest,
    timeline::Interval,
};
use crate::record::Record;

/// What a file looked like when its articles were stored: the bookkeeping that makes
/// re-indexing incremental. It travels in every article's document, so it is committed
/// atomically with the articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub mtime_ns: i64,
    /// The 64-bit XXH3 hash of the file's bytes.
    pub hash: u64,
}

/// One stored file: its stamp and how many articles it gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileState {
    pub stamp: FileStamp,
    pub articles: usize,
}

/// Every stored file's state by path. Keyed with FxHash, not SipHash: an unchanged
/// re-index looks up each found path once, and the paths are the user's own.
pub type FileStates = rustc_hash::FxHashMap<String, FileState>;

/// Turns an article into the back end's document. It runs on the reading threads, so
/// the work of building documents is spread over the cores.
pub trait DocMaker: Sync + Send {
    type Doc: Send;
    /// `record.path` names the file; `record.body` holds the text.
    fn make(&self, record: Record, file: &FileStamp) -> Self::Doc;
}

/// Where the indexer writes. Changes become visible, and durable, only at `commit`: a
/// process killed between commits leaves the last committed state whole.
pub trait Storage {
    type Maker: DocMaker;
    fn doc_maker(&self) -> Self::Maker;
    /// Every stored file by path, with its stamp and article count.
    fn files(&self) -> Result<FileStates>;
    /// Removes the file's articles: those stored before this call, not those added after.
    fn delete_file(&mut self, path: &str) -> Result<()>;
    fn add(&mut self, doc: <Self::Maker as DocMaker>::Doc) -> Result<()>;
    /// All of a file's articles have been added. A back end that keeps its bookkeeping
    /// apart from the articles records the file here.
    fn file_done(&mut self, _path: &str, _state: FileState) -> Result<()> {
        Ok(())
    }
    fn commit(&mut self) -> Result<()>;
    /// Waits for background work (merges) to end; the indexer has committed already.
    fn finish(self) -> Result<()>;
    /// Where the articles go, for messages.
    fn location(&self) -> String;
    /// Problems with single articles met since the last call (say, one the engine
    /// refused): the run goes on, and the user is told.
    fn drain_warnings(&mut self) -> Vec<String> {
        Vec::new()
    }
}

/// Questions about stored articles, the same for every back end.
pub trait Archive {
    fn search(&self, req: &SearchRequest) -> Result<Hits>;
    /// More-like-this on one article's words; the article itself is left out.
    fn similar(&self, req: &SimilarRequest) -> Result<Hits>;
    /// Matching articles per facet value, most frequent first, at most `limit` values.
    fn top(&self, facet: Facet, selection: &Selection, limit: usize) -> Result<Counts>;
    /// Matching articles per calendar period.
    fn dates(&self, selection: &Selection, by: Interval) -> Result<DateCounts>;
    /// Stored articles by id, or failing that by file path, each with its body.
    fn get(&self, key: &str) -> Result<Vec<(Record, String)>>;
    fn overview(&self) -> Result<Overview>;
}
