//! Stat and open files by name within their folder, held open while files of one folder
//! follow each other, so the kernel resolves one name instead of the whole path each time.
//!
//! Every component of `/home/ana/archive/2024/03/story.txt` is looked up and permission-
//! checked on each `stat` and `open` by path: a quarter of an unchanged re-index of 300k
//! files, and much of the kernel time spent opening files on a first index.
//!
//! A folder renamed or replaced while it is held is still read through the descriptor:
//! the files come from the folder the walk listed, as if the change came a moment later,
//! and the next run sees it.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// What the walk records of a file to tell later whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMeta {
    pub size: u64,
    /// Nanoseconds since the epoch; 0 when the OS gives none or the time is before 1970.
    pub mtime_ns: i64,
}

impl FileMeta {
    fn from_std(meta: &Metadata) -> FileMeta {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        FileMeta {
            size: meta.len(),
            mtime_ns,
        }
    }
}

/// The folder of the last file asked about, held open from the second file in a row that
/// sits in it. A folder of one file costs nothing extra: it is reached by path, as before.
#[derive(Default)]
pub struct FolderCursor {
    #[cfg(unix)]
    at: unix::Held,
}

impl FolderCursor {
    /// The file's size and modification time, following a symbolic link only when asked.
    pub fn metadata(&mut self, path: &Path, follow_links: bool) -> io::Result<FileMeta> {
        #[cfg(unix)]
        if let Some((folder, name)) = self.at.folder_of(path) {
            return unix::metadata_at(folder, name, follow_links);
        }
        let meta = match follow_links {
            true => std::fs::metadata(path)?,
            false => std::fs::symlink_metadata(path)?,
        };
        Ok(FileMeta::from_std(&meta))
    }

    /// Opens the file for reading.
    pub fn open(&mut self, path: &Path) -> io::Result<File> {
        #[cfg(unix)]
        if let Some((folder, name)) = self.at.folder_of(path) {
            return unix::open_at(folder, name);
        }
        File::open(path)
    }
}

#[cfg(unix)]
mod unix {
    use std::ffi::OsStr;
    use std::fs::File;
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    use rustix::fs::{AtFlags, Mode, OFlags};

    use super::FileMeta;

    #[derive(Default)]
    pub struct Held {
        /// The folder's path bytes, without the trailing `/`.
        folder: Vec<u8>,
        fd: Fd,
    }

    #[derive(Default)]
    enum Fd {
        /// Seen once: not opened yet.
        #[default]
        Seen,
        Open(OwnedFd),
        /// Could not be opened as a folder; its files are reached by path.
        Failed,
    }

    impl Held {
        /// The open folder holding `path` and the file's name in it, or `None` when the
        /// file should be reached by its path.
        pub fn folder_of<'p>(&mut self, path: &'p Path) -> Option<(BorrowedFd<'_>, &'p OsStr)> {
            let bytes = path.as_os_str().as_bytes();
            let slash = bytes.iter().rposition(|&b| b == b'/')?;
            let name = &bytes[slash + 1..];
            // "/story.txt" lives in "/"; a name must be a name, not "", "." or "..".
            let folder = &bytes[..slash.max(1)];
            if matches!(name, b"" | b"." | b"..") {
                return None;
            }
            if folder != self.folder.as_slice() {
                self.folder.clear();
                self.folder.extend_from_slice(folder);
                self.fd = Fd::Seen;
                return None;
            }
            if let Fd::Seen = self.fd {
                self.fd = open_folder(OsStr::from_bytes(folder)).map_or(Fd::Failed, Fd::Open);
            }
            match &self.fd {
                Fd::Open(fd) => Some((fd.as_fd(), OsStr::from_bytes(name))),
                _ => None,
            }
        }
    }

    /// `O_PATH`: the descriptor only anchors names; it needs no read permission on the
    /// folder and reads nothing.
    fn open_folder(folder: &OsStr) -> io::Result<OwnedFd> {
        let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
        Ok(rustix::fs::open(folder, flags, Mode::empty())?)
    }

    pub fn metadata_at(
        folder: BorrowedFd<'_>,
        name: &OsStr,
        follow_links: bool,
    ) -> io::Result<FileMeta> {
        let flags = match follow_links {
            true => AtFlags::empty(),
            false => AtFlags::SYMLINK_NOFOLLOW,
        };
        let stat = rustix::fs::statat(folder, name, flags)?;
        // As `Metadata::modified` and `duration_since(UNIX_EPOCH)` give it: a time before
        // the epoch is no time.
        let (secs, nanos) = (stat.st_mtime as i64, stat.st_mtime_nsec as i64);
        let mtime_ns = match secs {
            s if s < 0 => 0,
            s => (i128::from(s) * 1_000_000_000 + i128::from(nanos)) as i64,
        };
        Ok(FileMeta {
            size: stat.st_size as u64,
            mtime_ns,
        })
    }

    pub fn open_at(folder: BorrowedFd<'_>, name: &OsStr) -> io::Result<File> {
        let flags = OFlags::RDONLY | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(folder, name, flags, Mode::empty())?;
        Ok(File::from(fd))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_meta(path: &Path, follow: bool) -> FileMeta {
        let meta = match follow {
            true => std::fs::metadata(path).unwrap(),
            false => std::fs::symlink_metadata(path).unwrap(),
        };
        FileMeta::from_std(&meta)
    }

    #[test]
    fn gives_what_std_gives_for_every_file_of_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a.txt", "b.txt", "c d.txt", "é.txt"];
        for (i, name) in names.iter().enumerate() {
            std::fs::write(dir.path().join(name), "x".repeat(i * 7)).unwrap();
        }
        let mut cursor = FolderCursor::default();
        for name in names {
            let path = dir.path().join(name);
            assert_eq!(
                cursor.metadata(&path, false).unwrap(),
                std_meta(&path, false)
            );
            let mut text = String::new();
            std::io::Read::read_to_string(&mut cursor.open(&path).unwrap(), &mut text).unwrap();
            assert_eq!(text, std::fs::read_to_string(&path).unwrap());
        }
    }

    #[test]
    fn moving_between_folders_reaches_the_right_files() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["one", "two"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            for name in ["x.txt", "y.txt"] {
                let text = format!("{folder}/{name}");
                std::fs::write(dir.path().join(folder).join(name), text).unwrap();
            }
        }
        let mut cursor = FolderCursor::default();
        let order = [
            "one/x.txt",
            "one/y.txt",
            "two/x.txt",
            "one/y.txt",
            "one/x.txt",
        ];
        for rel in order.iter().chain(&order) {
            let mut text = String::new();
            let mut file = cursor.open(&dir.path().join(rel)).unwrap();
            std::io::Read::read_to_string(&mut file, &mut text).unwrap();
            assert_eq!(&text, rel);
        }
    }

    #[test]
    fn errors_keep_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("here.txt"), "x").unwrap();
        let mut cursor = FolderCursor::default();
        for _ in 0..2 {
            let gone = dir.path().join("gone.txt");
            let err = cursor.metadata(&gone, false).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::NotFound);
            assert_eq!(
                cursor.open(&gone).unwrap_err().kind(),
                io::ErrorKind::NotFound
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("target.txt"), "twelve bytes").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(dir.path().join("target.txt"), &link).unwrap();
        let mut cursor = FolderCursor::default();
        for _ in 0..2 {
            assert_eq!(cursor.metadata(&link, true).unwrap().size, 12);
            assert_eq!(cursor.metadata(&link, true).unwrap(), std_meta(&link, true));
            assert_eq!(
                cursor.metadata(&link, false).unwrap(),
                std_meta(&link, false)
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn times_before_1970_read_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.txt");
        std::fs::write(&path, "x").unwrap();
        let file = File::options().write(true).open(&path).unwrap();
        let before = UNIX_EPOCH - std::time::Duration::from_secs(86_400);
        file.set_modified(before).unwrap();
        let mut cursor = FolderCursor::default();
        for _ in 0..2 {
            assert_eq!(cursor.metadata(&path, false).unwrap().mtime_ns, 0);
        }
    }
}
