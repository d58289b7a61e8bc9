//! The local back end, an embedded tantivy index: where it lives, opening and creating
//! it safely, and the errors callers branch on. Field names and handles live in
//! `schema`, writing in `storage`, queries in `compile` and `search`, reading stored
//! articles and counting dates in `reader`, counting facet values in `facets`.

mod columns;
mod compile;
mod english;
mod facets;
mod merge;
pub mod reader;
pub mod schema;
mod search;
mod stem;
mod storage;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tantivy::Index;
use tantivy::directory::MmapDirectory;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};

pub use schema::Fields;
pub use search::Session;
pub use storage::IndexStorage;

use crate::pause;

/// The file that marks a folder as a newsidx index. `--rebuild` deletes only folders
/// that carry it, so a mistyped `--index` can never wipe unrelated files.
pub const MARKER: &str = "newsidx-index.json";
/// Bumped whenever the schema or the meaning of a stored field changes.
pub const FORMAT_VERSION: u32 = 4;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {0}; build it with `newsidx --index {0} index ARTICLES_FOLDER`")]
    Missing(PathBuf),
    #[error(
        "{0} holds files that are not a newsidx index; refusing to use it (choose another --index)"
    )]
    Foreign(PathBuf),
    #[error(
        "the index at {0} was built by a different version of newsidx; rebuild it with `newsidx index --rebuild DIR...`"
    )]
    Incompatible(PathBuf),
    #[error("index {0} is being written by another newsidx process")]
    Locked(PathBuf),
}

/// An opened index with its resolved fields.
pub struct Store {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

/// The per-user default location: `$XDG_DATA_HOME/newsidx/index`, i.e.
/// `~/.local/share/newsidx/index` on Linux, `~/Library/Application Support/newsidx/index`
/// on macOS, `%APPDATA%\newsidx\index` on Windows.
pub fn default_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("newsidx")
        .join("index")
}

/// Opens an existing index for reading.
pub fn open(dir: &Path) -> Result<Store> {
    if !dir.join(MARKER).is_file() || !dir.join("meta.json").is_file() {
        if dir.is_dir() && !is_empty_dir(dir) && !dir.join(MARKER).is_file() {
            return Err(IndexError::Foreign(dir.to_path_buf()).into());
        }
        return Err(IndexError::Missing(dir.to_path_buf()).into());
    }
    check_marker(dir)?;
    let mmap =
        MmapDirectory::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
    let index = Index::open(Dir::for_reading(mmap))
        .with_context(|| format!("cannot open index {}", dir.display()))?;
    finish_open(index, dir)
}

/// The index folder as tantivy sees it: the mmap directory, with two changes.
///
/// Readers: tantivy's reader takes a lock file while it opens segments, so the writer
/// cannot delete them meanwhile; on a read-only folder (a backup, a shared mount) that
/// file cannot be opened for writing and every search would fail. Nothing can delete
/// segments there either, so a reader skips the lock when it cannot be had.
///
/// Writers: opening a file for writing is where the tests' merge pause point sits.
#[derive(Clone, Debug)]
struct Dir {
    inner: MmapDirectory,
    reading: bool,
    pauses: pause::Pauses,
}

impl Dir {
    fn for_reading(inner: MmapDirectory) -> Dir {
        Dir {
            inner,
            reading: true,
            pauses: pause::Pauses::default(),
        }
    }

    fn for_writing(inner: MmapDirectory) -> Dir {
        Dir {
            inner,
            reading: false,
            pauses: pause::Pauses::from_env(),
        }
    }
}

impl tantivy::Directory for Dir {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<std::sync::Arc<dyn tantivy::directory::FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<tantivy::directory::WritePtr, OpenWriteError> {
        pause::on_open_write(&self.pauses);
        self.inner.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }
    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.inner.watch(callback)
    }
    fn acquire_lock(
        &self,
        lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if self.reading
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::ReadOnlyFilesystem
                            | std::io::ErrorKind::PermissionDenied
                    ) =>
            {
                Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
}

/// Opens the index for writing, creating it (or recreating it with `rebuild`) as needed.
pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<Store> {
    if dir.exists() && !is_empty_dir(dir) {
        if !dir.join(MARKER).is_file() {
            return Err(IndexError::Foreign(dir.to_path_buf()).into());
        }
        if rebuild {
            ensure_unlocked(dir)?;
            remove_index_files(dir)?;
        } else {
            check_marker(dir)?;
            if dir.join("meta.json").is_file() {
                let mmap = MmapDirectory::open(dir)
                    .with_context(|| format!("cannot open {}", dir.display()))?;
                let index = Index::open(Dir::for_writing(mmap))
                    .with_context(|| format!("cannot open index {}", dir.display()))?;
                return finish_open(index, dir);
            }
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_marker(dir)?;
    let mmap =
        MmapDirectory::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
    let index = Index::create(Dir::for_writing(mmap), Fields::schema(), settings())
        .with_context(|| format!("cannot create index in {}", dir.display()))?;
    finish_open(index, dir)
}

/// Stored documents are most of an index's size (article text, and the record JSON that
/// display reads). zstd keeps them ~35% smaller than tantivy's default lz4; blocks stay at
/// 16 KB because every hit shown decompresses one block, and a search process starts cold.
/// Level 1 instead of 3: about 4% less CPU writing documents for a 2% larger index
/// (`examples/write_speed`, 100k Reuters documents: 93.2 -> 94.9 MB). lz4 was 22% larger
/// and no cheaper to write. An index keeps the level it was created with.
fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 16 * 1024,
        ..Default::default()
    }
}

fn finish_open(index: Index, dir: &Path) -> Result<Store> {
    if index.schema() != Fields::schema() {
        return Err(IndexError::Incompatible(dir.to_path_buf()).into());
    }
    let fields =
        Fields::resolve(&index.schema()).ok_or_else(|| IndexError::Incompatible(dir.into()))?;
    schema::register_tokenizers(&index);
    Ok(Store {
        index,
        fields,
        dir: dir.to_path_buf(),
    })
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

fn write_marker(dir: &Path) -> Result<()> {
    let body = serde_json::json!({ "newsidx_index_format": FORMAT_VERSION });
    std::fs::write(dir.join(MARKER), format!("{body}\n"))
        .with_context(|| format!("cannot write to {}", dir.display()))
}

fn check_marker(dir: &Path) -> Result<()> {
    let text = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
    let version = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("newsidx_index_format")?.as_u64());
    if version != Some(FORMAT_VERSION as u64) {
        return Err(IndexError::Incompatible(dir.to_path_buf()).into());
    }
    Ok(())
}

/// `--rebuild` deletes files, so it must not start while another process writes the index
/// (the writer lock is taken only after the deletion, too late to protect that writer).
fn ensure_unlocked(dir: &Path) -> Result<()> {
    use tantivy::Directory;
    let Ok(mmap) = MmapDirectory::open(dir) else {
        return Ok(());
    };
    match mmap.acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK) {
        // Released at once: the writer opened after the rebuild takes it for good.
        Ok(_lock) => Ok(()),
        Err(LockError::LockBusy) => Err(IndexError::Locked(dir.to_path_buf()).into()),
        // Cannot even try (a read-only folder): the deletion reports its own error.
        Err(LockError::IoError(_)) => Ok(()),
    }
}

/// Deletes what a newsidx index consists of: tantivy's files and the marker. Anything
/// else a user put in the folder stays.
fn remove_index_files(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == MARKER
            || name == "meta.json"
            || name == ".managed.json"
            || name.starts_with(".tantivy-")
            || is_segment_file(&name);
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// tantivy names segment files `<32 hex digits>.<component>`.
fn is_segment_file(name: &str) -> bool {
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A date as tantivy stores it. tantivy counts nanoseconds in an i64, which covers only
/// the years 1678 to 2261; seconds outside that are clamped to its ends, because
/// multiplying them would overflow (a panic in debug builds, a wrong date in release).
pub fn date_value(secs: i64) -> tantivy::DateTime {
    const LIMIT: i64 = i64::MAX / 1_000_000_000;
    tantivy::DateTime::from_timestamp_secs(secs.clamp(-LIMIT, LIMIT))
}

/// Size of the index files on disk, in bytes.
pub fn disk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn far_dates_are_clamped_not_overflowed() {
        let max = super::date_value(i64::MAX).into_timestamp_secs();
        assert!(max > 0);
        assert_eq!(
            super::date_value(253_402_214_400).into_timestamp_secs(),
            max
        );
        assert!(super::date_value(-62_135_596_800).into_timestamp_secs() < 0);
        assert_eq!(super::date_value(86_400).into_timestamp_secs(), 86_400);
    }
}
