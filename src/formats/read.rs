//! Reading one file from disk under the limits, so a huge or hostile file costs no more
//! than its cap in memory and time.

use std::borrow::Cow;

use super::{Format, FormatError, Input, Limits, gzip, limits};

/// Reads one file under the limits, streaming: gzip is decompressed as it is read and
/// neither the file nor its decompressed content is read past its cap. `tap` sees every
/// byte read from the disk (the indexer hashes them). Only the head of a file cut at
/// its cap is read, so its hash covers just that head: exactly what was indexed.
///
/// `size` is the file's size as the walk saw it. It sizes the buffers and the gzip
/// allowance, so no second stat is made per file; a file that grew since is still read
/// to its end (or cap), only in more than one read. The caller opens the file, so that
/// it can reach it through its folder (`discover::FolderCursor`).
pub fn read_file(
    file: std::fs::File,
    format: Format,
    size: u64,
    limits: &Limits,
    tap: &mut dyn FnMut(&[u8]),
) -> Result<Input<'static>, ReadError> {
    use std::io::BufRead;
    // Sized to the file: one read takes a small file whole, magic bytes and all.
    let chunk = limits::read_chunk(Some(size));
    let mut reader = std::io::BufReader::with_capacity(chunk, Tap { inner: file, tap });
    let gzipped = gzip::is_gzip(reader.fill_buf()?);
    let (cap, kind) = content_cap(format, size, gzipped, limits);
    let capped = if gzipped {
        gzip::unpack(reader, cap, kind)?
    } else {
        limits::read_capped_sized(reader, cap, kind, Some(size))?
    };
    Ok(Input {
        data: Cow::Owned(capped.data),
        cut: capped.cut,
    })
}

/// A single-article text file needs no more than one article's worth of bytes; every
/// other format may hold many articles (or markup around one) up to the file cap.
pub fn read_cap(format: Format, limits: &Limits) -> (u64, limits::CapKind) {
    let article = limits.max_article_bytes as u64;
    match format {
        Format::Text | Format::Markdown if article < limits.max_file_bytes => {
            (article, limits::CapKind::Article)
        }
        _ => (limits.max_file_bytes, limits::CapKind::File),
    }
}

/// The most content a file of `size` bytes on disk may give, and which limit says so:
/// its format's read cap, and for gzip also the ratio allowance for its size.
pub fn content_cap(
    format: Format,
    size: u64,
    gzipped: bool,
    limits: &Limits,
) -> (u64, limits::CapKind) {
    let (cap, kind) = read_cap(format, limits);
    match gzipped {
        true if limits.gzip_cap(size) < cap => (limits.gzip_cap(size), limits::CapKind::Gzip),
        _ => (cap, kind),
    }
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// A reader that shows every chunk it passes on to a callback.
struct Tap<'t, R> {
    inner: R,
    tap: &'t mut dyn FnMut(&[u8]),
}

impl<R: std::io::Read> std::io::Read for Tap<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.tap)(&buf[..n]);
        Ok(n)
    }
}
