//! Finding input files: walks the given roots with walkdir, skips hidden entries, applies
//! the symlink policy, and names each file's format. Reads no file contents.

mod folder;
mod found;

pub use folder::FolderCursor;
pub use found::{Found, FoundStamp};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use walkdir::WalkDir;

use crate::formats::Format;

/// A file to read, with what the incremental indexer compares between runs. The walk
/// keeps its files packed (`Found`); a `Source` is made for the file being read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as found under its root (absolute when the root is absolute).
    pub path: Box<Path>,
    /// How many leading components of `path` belong to the root, not to the id.
    id_from: u16,
    pub format: Format,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch; 0 when the OS gives none.
    pub mtime_ns: i64,
}

/// A file or folder left out, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub kind: SkipKind,
    pub reason: String,
}

/// Why the walk left something out, as callers branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    /// A link not followed: counted, never warned about.
    Symlink,
    SymlinkLoop,
    NotAFile,
    Vanished,
    Unreadable,
}

impl SkipKind {
    /// The short label the summary counts it under.
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::Symlink => "symlink",
            SkipKind::SymlinkLoop => "symlink loop",
            SkipKind::NotAFile => "not a file",
            SkipKind::Vanished => "vanished",
            SkipKind::Unreadable => "unreadable",
        }
    }

    /// Whether the user is told about each one: a link is neither read nor an error.
    pub fn is_warned(self) -> bool {
        self != SkipKind::Symlink
    }
}

#[derive(Debug, Default)]
pub struct Walk {
    pub sources: Found,
    pub skipped: Vec<Skipped>,
    /// Regular files whose format newsidx does not read (images, stylesheets, ...).
    pub ignored: usize,
    /// The canonical roots, so the indexer knows under which folders a missing file means
    /// a deleted article.
    pub roots: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct DiscoverOptions {
    pub follow_links: bool,
    /// Read every file as this format instead of detecting it.
    pub forced: Option<Format>,
    /// Folders holding a file of this name are not walked: the local index marks its
    /// folder so, and an index kept inside the folder being indexed holds no articles.
    pub skip_marked: Option<&'static str>,
}

/// Walks every root. A root that does not exist is an error; anything below a root that
/// cannot be read is recorded in `Walk::skipped` and the walk goes on.
pub fn discover(roots: &[PathBuf], opts: DiscoverOptions) -> Result<Walk> {
    let mut walk = Walk::default();
    for root in roots {
        let canonical = std::fs::canonicalize(root)
            .with_context(|| format!("cannot read {}", root.display()))?;
        walk_root(&canonical, opts, &mut walk);
        walk.roots.push(canonical);
    }
    // The same file reachable from two roots (or twice through links) is indexed once.
    walk.sources.sort_dedup();
    Ok(walk)
}

fn walk_root(root: &Path, opts: DiscoverOptions, walk: &mut Walk) {
    // A file given as a root is its own id (its name); below a folder, the id is the rest.
    let root_parts = root.components().count();
    let id_from = if root.is_file() {
        root_parts - 1
    } else {
        root_parts
    };
    let walker = WalkDir::new(root)
        .follow_links(opts.follow_links)
        .sort_by(|a, b| file_name_bytes(a).cmp(file_name_bytes(b)))
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !(is_hidden(e.file_name()) || is_marked(e, opts.skip_marked))
        });
    let mut folders = FolderCursor::default();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                walk.skipped.push(walk_error(&err));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        if ft.is_symlink() {
            // Not following links: a link is neither read nor an error.
            walk.skipped.push(Skipped {
                path: entry.path().to_path_buf(),
                kind: SkipKind::Symlink,
                reason: "symbolic link not followed (use --follow-links)".into(),
            });
            continue;
        }
        let path = entry.path();
        if is_project_document(entry.file_name()) {
            walk.ignored += 1;
            continue;
        }
        let Some(format) = opts.forced.or_else(|| Format::from_path(path)) else {
            walk.ignored += 1;
            continue;
        };
        // Reading a FIFO blocks forever and a device can be endless: only regular files.
        if !ft.is_file() {
            walk.skipped.push(Skipped {
                path: path.to_path_buf(),
                kind: SkipKind::NotAFile,
                reason: "not a regular file (FIFO, socket or device)".into(),
            });
            continue;
        }
        // Not `entry.metadata()`: the cursor reaches the file by name from its folder.
        let meta = match folders.metadata(path, entry.path_is_symlink()) {
            Ok(m) => m,
            Err(err) => {
                let (kind, reason) = io_skip(&err);
                let path = path.to_path_buf();
                walk.skipped.push(Skipped { path, kind, reason });
                continue;
            }
        };
        let id_from = id_from.min(u16::MAX as usize) as u16;
        walk.sources
            .push(path, id_from, format, meta.size, meta.mtime_ns);
    }
}

/// The entry's name, as `DirEntry::file_name` gives it, without parsing the path into
/// components: walkdir's own `sort_by_file_name` did that for both sides of every
/// comparison, a tenth of the walk's time in a folder of 300k files.
#[cfg(unix)]
fn file_name_bytes(entry: &walkdir::DirEntry) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    let path = entry.path().as_os_str().as_bytes();
    // A read_dir entry's path is its folder joined with its name, which holds no '/'.
    let start = path.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    if start == path.len() {
        return entry.file_name().as_bytes();
    }
    &path[start..]
}

#[cfg(not(unix))]
fn file_name_bytes(entry: &walkdir::DirEntry) -> &[u8] {
    entry.file_name().as_encoded_bytes()
}

impl Source {
    /// Stable article id: the path below the root it was found under, with `/` separators
    /// on every platform so ids are portable.
    pub fn id(&self) -> String {
        let mut id = String::new();
        for c in self.path.components().skip(self.id_from as usize) {
            if !id.is_empty() {
                id.push('/');
            }
            id.push_str(&path_text(Path::new(c.as_os_str())));
        }
        id
    }
}

/// A path as the index stores it: unchanged when it is UTF-8, otherwise with every byte
/// that is not UTF-8 written as `\xHH`. Lossy decoding would turn two names that differ
/// only in such bytes into the same text, and one file's articles would replace the other's.
pub fn path_text(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// READMEs, licences and changelogs sit beside article collections but are not news.
fn is_project_document(name: &std::ffi::OsStr) -> bool {
    const NAMES: &[&str] = &[
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "changes",
        "install",
        "authors",
        "notice",
        "contributing",
    ];
    // Bytes, not a lossy lower-cased copy: this runs once per file found.
    let bytes = name.as_encoded_bytes();
    let stem = bytes.split(|&b| b == b'.').next().unwrap_or_default();
    NAMES
        .iter()
        .any(|n| stem.eq_ignore_ascii_case(n.as_bytes()))
}

/// A folder carrying the marker: reading a newsidx index's JSON files would only warn
/// about them on every run.
fn is_marked(e: &walkdir::DirEntry, marker: Option<&str>) -> bool {
    marker.is_some_and(|m| e.file_type().is_dir() && e.path().join(m).is_file())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn walk_error(err: &walkdir::Error) -> Skipped {
    let path = err.path().map(Path::to_path_buf).unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        return Skipped {
            path,
            kind: SkipKind::SymlinkLoop,
            reason: format!("symlink loop back to {}", ancestor.display()),
        };
    }
    let (kind, reason) = match err.io_error() {
        Some(io) => io_skip(io),
        None => (SkipKind::Unreadable, err.to_string()),
    };
    Skipped { path, kind, reason }
}

fn io_skip(io: &std::io::Error) -> (SkipKind, String) {
    match io.kind() {
        std::io::ErrorKind::NotFound => (
            SkipKind::Vanished,
            "file vanished or dangling symlink".to_string(),
        ),
        std::io::ErrorKind::PermissionDenied => {
            (SkipKind::Unreadable, "permission denied".to_string())
        }
        _ => (SkipKind::Unreadable, io.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_documents_are_told_by_the_name_before_the_first_dot() {
        for name in [
            "README",
            "Readme.md",
            "LICENSE.txt",
            "changes.2024.txt",
            "AUTHORS",
        ] {
            assert!(is_project_document(name.as_ref()), "{name}");
        }
        for name in [
            "readme2.txt",
            "news.txt",
            "licenses.txt",
            "my.readme",
            "ré.txt",
            "",
        ] {
            assert!(!is_project_document(name.as_ref()), "{name}");
        }
    }

    #[test]
    fn names_for_sorting_are_the_entries_file_names() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.txt", "a b.txt", "Z.txt", "é.txt", "x.y.z", "10.txt", "9.txt",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.d")).unwrap();
        let mut seen = 0;
        for entry in WalkDir::new(dir.path()) {
            let entry = entry.unwrap();
            assert_eq!(
                file_name_bytes(&entry),
                entry.file_name().as_encoded_bytes(),
                "{}",
                entry.path().display()
            );
            seen += 1;
        }
        assert_eq!(seen, 9, "the root, seven files and a folder");
    }

    #[test]
    fn walks_skips_hidden_and_names_formats() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("a/b/one.txt"), "x").unwrap();
        std::fs::write(root.join("a/two.jsonl"), "{}").unwrap();
        std::fs::write(root.join(".git/three.txt"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join("photo.jpg"), "x").unwrap();
        std::fs::write(root.join("README.txt"), "x").unwrap();
        std::fs::write(root.join("LICENSE"), "x").unwrap();
        let walk = discover(&[root.to_path_buf()], DiscoverOptions::default()).unwrap();
        let ids: Vec<_> = walk.sources.iter().map(|s| s.id()).collect();
        assert_eq!(ids, vec!["a/b/one.txt", "a/two.jsonl"]);
        assert_eq!(walk.sources.get(1).format, Format::JsonLines);
        assert_eq!(walk.ignored, 3);
    }

    #[test]
    fn missing_root_is_an_error() {
        let err = discover(
            &[PathBuf::from("/definitely/not/here")],
            DiscoverOptions::default(),
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("cannot read /definitely/not/here"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_when_following() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("d")).unwrap();
        std::fs::write(root.join("d/x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("d"), root.join("d/loop")).unwrap();
        let opts = DiscoverOptions {
            follow_links: true,
            ..DiscoverOptions::default()
        };
        let walk = discover(&[root.to_path_buf()], opts).unwrap();
        assert_eq!(walk.sources.len(), 1);
        assert!(walk.skipped.iter().any(|s| s.kind == SkipKind::SymlinkLoop));
    }
    #[cfg(unix)]
    #[test]
    fn fifo_is_skipped_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.txt"))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipping: mkfifo unavailable");
            return;
        }
        let walk = discover(&[root.to_path_buf()], DiscoverOptions::default()).unwrap();
        assert_eq!(walk.sources.len(), 1);
        assert!(walk.skipped.iter().any(|s| s.kind == SkipKind::NotAFile));
    }
    #[cfg(unix)]
    #[test]
    fn non_utf8_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = path_text(Path::new(std::ffi::OsStr::from_bytes(b"/n/x\xff.txt")));
        let b = path_text(Path::new(std::ffi::OsStr::from_bytes(b"/n/x\xfe.txt")));
        assert_eq!(a, "/n/x\\xFF.txt");
        assert_ne!(a, b);
        assert_eq!(path_text(Path::new("/n/caf\u{e9}.txt")), "/n/caf\u{e9}.txt");
    }
    #[test]
    fn a_marked_folder_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::fs::create_dir(root.join("idx")).unwrap();
        std::fs::write(root.join("idx").join("mark.json"), "{}").unwrap();
        std::fs::write(root.join("idx/meta.json"), "{}").unwrap();
        let opts = DiscoverOptions {
            skip_marked: Some("mark.json"),
            ..DiscoverOptions::default()
        };
        let walk = discover(&[root.to_path_buf()], opts).unwrap();
        let ids: Vec<_> = walk.sources.iter().map(|s| s.id()).collect();
        assert_eq!(ids, vec!["a.txt"]);
    }
}
