//! The files a walk found, packed: each folder's path once, the file names back to back
//! in one buffer, and a small fixed-size entry per file.
//!
//! A run holds this list from the walk to the last file read. As one boxed path per file
//! it cost ~110 MB at a million files (the box, the text, and the allocator's rounding of
//! every path); packed it is ~45 MB. A `Source` with a path of its own is made only for
//! the file being read.

use std::cmp::Ordering;
use std::ffi::OsStr;
use std::path::{Component, Path};

use super::{Source, path_text};
use crate::formats::Format;

/// Every file a walk found, in path order once `sort_dedup` has run.
#[derive(Debug, Default)]
pub struct Found {
    folders: Vec<Folder>,
    files: Vec<Entry>,
    /// The names that are UTF-8 (nearly all), back to back.
    names: String,
    /// The names that are not, each whole.
    odd_names: Vec<Box<OsStr>>,
}

#[derive(Debug)]
struct Folder {
    path: Box<Path>,
    /// How many leading components belong to the root the folder was found under.
    id_from: u16,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    folder: u32,
    /// Where the name starts in `names`, or its index in `odd_names` when `name_len` is
    /// `ODD_NAME`.
    name_at: u64,
    name_len: u16,
    format: Format,
    size: u64,
    mtime_ns: i64,
}

const ODD_NAME: u16 = u16::MAX;

/// What the planner compares of a found file, without making its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundStamp {
    pub size: u64,
    pub mtime_ns: i64,
}

impl Found {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Adds a file found at `path`; `id_from` counts the components of its root.
    pub fn push(&mut self, path: &Path, id_from: u16, format: Format, size: u64, mtime_ns: i64) {
        let (folder_path, name) = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => (parent, name),
            _ => (Path::new(""), path.as_os_str()),
        };
        let folder = self.folder(folder_path, id_from);
        let (name_at, name_len) = match name.to_str() {
            Some(s) if s.len() < usize::from(ODD_NAME) => {
                self.names.push_str(s);
                ((self.names.len() - s.len()) as u64, s.len() as u16)
            }
            _ => {
                self.odd_names.push(name.into());
                ((self.odd_names.len() - 1) as u64, ODD_NAME)
            }
        };
        self.files.push(Entry {
            folder,
            name_at,
            name_len,
            format,
            size,
            mtime_ns,
        });
    }

    /// The index of the folder, added when it differs from the last one: a walk gives a
    /// folder's files together, apart from where its subfolders cut in.
    fn folder(&mut self, path: &Path, id_from: u16) -> u32 {
        match self.folders.last() {
            Some(last) if *last.path == *path && last.id_from == id_from => {}
            _ => self.folders.push(Folder {
                path: path.into(),
                id_from,
            }),
        }
        (self.folders.len() - 1) as u32
    }

    fn name(&self, e: &Entry) -> &OsStr {
        if e.name_len == ODD_NAME {
            return &self.odd_names[e.name_at as usize];
        }
        let at = e.name_at as usize;
        OsStr::new(&self.names[at..at + usize::from(e.name_len)])
    }

    /// The file's size and mtime as the walk saw them.
    pub fn stamp(&self, i: usize) -> FoundStamp {
        let e = &self.files[i];
        FoundStamp {
            size: e.size,
            mtime_ns: e.mtime_ns,
        }
    }

    /// The file, with a path of its own, to be read.
    pub fn get(&self, i: usize) -> Source {
        let e = &self.files[i];
        let folder = &self.folders[e.folder as usize];
        Source {
            path: folder.path.join(self.name(e)).into(),
            id_from: folder.id_from,
            format: e.format,
            size: e.size,
            mtime_ns: e.mtime_ns,
        }
    }

    /// Writes the file's path as the index stores it (`path_text`) into `out`, without
    /// making a path when folder and name are plain UTF-8.
    pub fn path_text_into(&self, i: usize, out: &mut String) {
        out.clear();
        let e = &self.files[i];
        let folder = &self.folders[e.folder as usize].path;
        match (cfg!(unix), folder.to_str(), e.name_len != ODD_NAME) {
            (true, Some(dir), true) if !dir.is_empty() => {
                out.push_str(dir);
                if !dir.ends_with('/') {
                    out.push('/');
                }
                out.push_str(self.name(e).to_str().unwrap_or_default());
            }
            _ => out.push_str(&path_text(&self.get(i).path)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Source> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Puts the files in path order and drops repeats (the same file reached from two
    /// roots, or twice through links). One root's walk is in order already.
    pub fn sort_dedup(&mut self) {
        let sorted = self
            .files
            .windows(2)
            .all(|w| self.compare(&w[0], &w[1]) != Ordering::Greater);
        let mut files = std::mem::take(&mut self.files);
        if !sorted {
            files.sort_by(|a, b| self.compare(a, b));
        }
        files.dedup_by(|b, a| self.compare(a, b) == Ordering::Equal);
        files.shrink_to_fit();
        self.files = files;
    }

    /// The order of the two files' paths, as `Path` orders them.
    fn compare(&self, a: &Entry, b: &Entry) -> Ordering {
        if a.folder == b.folder {
            return self.name(a).cmp(self.name(b));
        }
        let path = |e: &Entry| {
            self.folders[e.folder as usize]
                .path
                .components()
                .chain(std::iter::once(Component::Normal(self.name(e))))
        };
        path(a).cmp(path(b))
    }
}

impl<'f> IntoIterator for &'f Found {
    type Item = Source;
    type IntoIter = Box<dyn Iterator<Item = Source> + 'f>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn found(paths: &[&str]) -> Found {
        let mut f = Found::default();
        for (n, p) in paths.iter().enumerate() {
            f.push(Path::new(p), 2, Format::Text, n as u64, 7);
        }
        f
    }

    fn paths(f: &Found) -> Vec<PathBuf> {
        f.iter().map(|s| s.path.into()).collect()
    }

    #[test]
    fn gives_back_each_path_with_its_stamp() {
        let f = found(&["/r/a/x.txt", "/r/a/y.txt", "/r/b/z.txt"]);
        let want: Vec<PathBuf> = ["/r/a/x.txt", "/r/a/y.txt", "/r/b/z.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(paths(&f), want);
        assert_eq!(f.stamp(2).size, 2);
        assert_eq!(f.get(1).id(), "a/y.txt");
        assert_eq!(f.folders.len(), 2, "a folder's files share its path");
    }

    #[test]
    fn sorts_by_path_and_drops_repeats() {
        let mut f = found(&[
            "/r/b/z.txt",
            "/r/a/y.txt",
            "/r/a.txt",
            "/r/a/y.txt",
            "/r/a/x.txt",
        ]);
        f.sort_dedup();
        let want: Vec<PathBuf> = ["/r/a/x.txt", "/r/a/y.txt", "/r/a.txt", "/r/b/z.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        // `Path` orders by component: the folder `a` comes before the file `a.txt`.
        let mut by_path = want.clone();
        by_path.sort();
        assert_eq!(want, by_path);
        assert_eq!(paths(&f), want);
    }

    #[test]
    fn path_text_is_the_stored_text() {
        let f = found(&["/r/a/x.txt", "/top.txt"]);
        let mut out = String::new();
        for i in 0..f.len() {
            f.path_text_into(i, &mut out);
            assert_eq!(out, path_text(&f.get(i).path));
        }
        f.path_text_into(1, &mut out);
        assert_eq!(out, "/top.txt");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_survive() {
        use std::os::unix::ffi::OsStrExt;
        let mut f = Found::default();
        let odd = Path::new(OsStr::from_bytes(b"/r/x\xff.txt"));
        f.push(odd, 1, Format::Text, 1, 1);
        f.push(Path::new("/r/y.txt"), 1, Format::Text, 2, 2);
        assert_eq!(&*f.get(0).path, odd);
        let mut out = String::new();
        f.path_text_into(0, &mut out);
        assert_eq!(out, "/r/x\\xFF.txt");
    }
}
