//! The limits that keep one hostile file from taking a whole run down: how deeply a
//! document may nest, how many bytes are read from one file (after decompression), and
//! how long one article's text may be. Every reader takes them from here.

use std::io::Read;

/// The deepest nesting any reader accepts, for XML, JSON and SGML alike. Parsers recurse
/// per level and a stack overflow cannot be caught, so deeper documents are refused as a
/// whole before parsing. News documents nest a few dozen levels at most; 128 is also
/// serde_json's own limit, so JSON needs no check of its own.
pub const MAX_DEPTH: usize = 128;

/// The message every reader gives for a document past `MAX_DEPTH`.
pub fn too_deep(what: &str) -> String {
    format!("{what} nested deeper than {MAX_DEPTH} levels")
}

const MIB: u64 = 1 << 20;

/// Byte ceilings for one file and one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes of content read from one file, after decompression.
    pub max_file_bytes: u64,
    /// gzip output may be at most this many times the compressed size (and never more
    /// than `max_file_bytes`): text compresses 3 to 10 times, bombs a thousand.
    pub max_gzip_ratio: u64,
    /// One article's text (title and body) is cut at this many bytes.
    pub max_article_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 128 * MIB,
            max_gzip_ratio: 100,
            max_article_bytes: 8 << 20,
        }
    }
}

/// The smallest gzip allowance, so a tiny archive of ordinary text is never cut.
const MIN_GZIP_ALLOWANCE: u64 = MIB;

impl Limits {
    /// How many decompressed bytes a gzip stream of `compressed` bytes may give.
    pub fn gzip_cap(&self, compressed: u64) -> u64 {
        compressed
            .saturating_mul(self.max_gzip_ratio)
            .max(MIN_GZIP_ALLOWANCE)
            .min(self.max_file_bytes)
    }
}

/// Content read under a cap, and why it stopped early when it did.
#[derive(Debug, Default)]
pub struct Capped {
    pub data: Vec<u8>,
    /// Set when the input went on past the cap (or broke off); the data is its head.
    pub cut: Option<String>,
}

/// What the caller should call the cap in a message: the option that raises it.
#[derive(Debug, Clone, Copy)]
pub enum CapKind {
    File,
    /// A single-article file, read no further than one article may be long.
    Article,
    Gzip,
}

/// Reads at most `cap` bytes; an input that goes on past it is cut there with a note.
/// A read error after some bytes keeps them, with the error as the note. The first
/// chunk decides whether the rest is worth reading: binary content (NUL bytes) stops at
/// once, since no reader will take it, however big it decompresses.
pub fn read_capped(reader: impl Read, cap: u64, kind: CapKind) -> std::io::Result<Capped> {
    read_capped_sized(reader, cap, kind, None)
}

/// The most read at once: big enough that a large file takes few reads.
pub const READ_CHUNK: usize = 64 * 1024;

/// `read_capped` for input whose length is known before reading (a file's size): the
/// buffers are cut to fit it. Most news files are a few KB, and a 64 KB zeroed buffer for
/// each of them cost more than reading them.
pub fn read_capped_sized(
    mut reader: impl Read,
    cap: u64,
    kind: CapKind,
    expected: Option<u64>,
) -> std::io::Result<Capped> {
    let chunk = read_chunk(expected.map(|n| n.min(cap)));
    let mut data = Vec::with_capacity(chunk);
    let mut buf = vec![0u8; chunk];
    let mut limited = (&mut reader).take(cap);
    let mut first = true;
    loop {
        match limited.read(&mut buf) {
            Ok(0) => break,
            Ok(n) if !first && !may_hold_nul(&data) && buf[..n].contains(&0) => {
                // Text that turns into a run of NUL bytes (zero-filled gzip members, a file
                // padded after a crash) is read no further: no reader takes what follows.
                let from = data.len().saturating_sub(NUL_RUN);
                data.extend_from_slice(&buf[..n]);
                if let Some(at) = nul_run(&data, from) {
                    data.truncate(at);
                    return Ok(Capped {
                        data,
                        cut: Some(nul_note(at)),
                    });
                }
            }
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if data.is_empty() => return Err(e),
            Err(e) => {
                let cut = Some(broken_off(&e, data.len()));
                return Ok(Capped { data, cut });
            }
        }
        if std::mem::take(&mut first) && stops_as_binary(&data) {
            return Ok(Capped { data, cut: None });
        }
        // All the walk saw is read: asking for end-of-file would be one more system call
        // per file (30,000 at 30k files, each a few µs on a VM). A file that grew
        // after the walk has a newer mtime than the one stored with it, so the next run
        // reads it again, as it would any file changed after it was read.
        let len = data.len() as u64;
        if expected == Some(len) && len < cap {
            break;
        }
    }
    // Something past the cap means the content was cut there. Ending below the cap means
    // the reader said end-of-file already, or the walk's size was reached.
    let at_cap = limited.limit() == 0;
    let more = at_cap && matches!(reader.read(&mut buf[..1]), Ok(n) if n > 0);
    let cut = more.then(|| cap_note(kind, cap));
    Ok(Capped { data, cut })
}

/// How much to read at once for input of `expected` bytes: all of it and one byte more (so
/// the first read already shows where it ends), or `READ_CHUNK` when that is less or the
/// length is unknown.
pub fn read_chunk(expected: Option<u64>) -> usize {
    expected.map_or(READ_CHUNK, |n| {
        usize::try_from(n.saturating_add(1)).map_or(READ_CHUNK, |n| n.clamp(512, READ_CHUNK))
    })
}

/// The warning for content cut at a cap, naming the option that raises it.
pub fn cap_note(kind: CapKind, cap: u64) -> String {
    match kind {
        CapKind::File => format!(
            "larger than {} MiB; read the first {} MiB (raise --max-file-mb to read more)",
            cap / MIB,
            cap / MIB
        ),
        CapKind::Article => format!(
            "longer than the {} MiB article limit; indexed the first {} MiB \
             (raise --max-article-mb to keep more)",
            cap / MIB,
            cap / MIB
        ),
        CapKind::Gzip => format!(
            "gzip content past {} MiB (over the --max-gzip-ratio or --max-file-mb limit); \
             read only that much",
            (cap / MIB).max(1)
        ),
    }
}

/// A run of this many NUL bytes ends a text: a stray NUL in a real page is read through,
/// a flood of them (which html5ever stores at ~350 bytes each) is not.
pub const NUL_RUN: usize = 1024;

/// Where the first run of `NUL_RUN` NUL bytes at or after `from` starts.
pub fn nul_run(data: &[u8], from: usize) -> Option<usize> {
    let mut run = 0;
    for (i, &b) in data.iter().enumerate().skip(from) {
        if b == 0 {
            run += 1;
            if run == NUL_RUN {
                return Some(i + 1 - NUL_RUN);
            }
        } else {
            run = 0;
        }
    }
    None
}

/// The warning for a text cut at a run of NUL bytes.
pub fn nul_note(at: usize) -> String {
    format!("NUL bytes after {at} bytes (binary data?); read the text before them")
}

/// How much of the start of a file decides whether it is binary.
pub const BINARY_HEAD: usize = 8192;

/// Content whose NUL bytes are legitimate: UTF-16 text (after its byte-order mark) and
/// WARC archives, whose records may carry binary payloads.
pub fn may_hold_nul(head: &[u8]) -> bool {
    head.starts_with(b"WARC/") || head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff])
}

/// NUL bytes near the start of content that is not a WARC archive (whose records may
/// carry binary payloads) mean no reader will take it.
fn stops_as_binary(head: &[u8]) -> bool {
    !may_hold_nul(head) && head[..head.len().min(BINARY_HEAD)].contains(&0)
}

fn broken_off(e: &std::io::Error, kept: usize) -> String {
    let why = if e.kind() == std::io::ErrorKind::UnexpectedEof {
        "truncated".to_string()
    } else {
        format!("corrupt ({e})")
    };
    format!("{why} after {kept} bytes; kept what was read before")
}

/// Cuts `text` to at most `max` bytes at a character boundary, preferring the last
/// paragraph or line break in the final tenth so the cut does not split a sentence.
pub fn cut_text(text: &mut String, max: usize) -> bool {
    if text.len() <= max {
        return false;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut from = end - end / 10;
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    if let Some(i) = text[from..end].rfind('\n') {
        end = from + i;
    }
    text.truncate(end);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_cap_is_a_multiple_with_a_floor_and_a_ceiling() {
        let l = Limits::default();
        assert_eq!(l.gzip_cap(10), MIN_GZIP_ALLOWANCE);
        assert_eq!(l.gzip_cap(100 * 1024), 100 * 100 * 1024);
        assert_eq!(l.gzip_cap(u64::MAX), l.max_file_bytes);
    }

    #[test]
    fn reading_stops_at_the_cap_and_says_so() {
        let text = b"line of text\n".repeat(10_000);
        let all = read_capped(&text[..], 1 << 20, CapKind::File).unwrap();
        assert_eq!(all.data.len(), text.len());
        assert!(all.cut.is_none());
        let head = read_capped(&text[..], 1000, CapKind::File).unwrap();
        assert_eq!(head.data, &text[..1000]);
        assert!(head.cut.unwrap().contains("--max-file-mb"));
        // Exactly at the cap is not cut.
        let exact = read_capped(&text[..], text.len() as u64, CapKind::File).unwrap();
        assert!(exact.cut.is_none());
    }

    /// A reader that counts its reads and gives at most `most` bytes at a time.
    struct Counting<'a> {
        inner: &'a [u8],
        most: usize,
        reads: usize,
    }

    impl Read for Counting<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.reads += 1;
            let n = buf.len().min(self.most);
            self.inner.read(&mut buf[..n])
        }
    }

    fn read_counting(text: &[u8], most: usize, walk_saw: u64) -> (Vec<u8>, usize) {
        let mut file = Counting {
            inner: text,
            most,
            reads: 0,
        };
        let c = read_capped_sized(&mut file, 1 << 20, CapKind::File, Some(walk_saw));
        (c.unwrap().data, file.reads)
    }

    #[test]
    fn reading_stops_at_the_size_the_walk_saw() {
        let text = b"a short article\n".repeat(10);
        let len = text.len() as u64;
        assert_eq!(read_counting(&text, usize::MAX, len), (text.clone(), 1));
        // Short reads do not end it early: it goes on to the size the walk saw.
        assert_eq!(
            read_counting(&text, 7, len),
            (text.clone(), text.len().div_ceil(7))
        );
        // A file that shrank since the walk ends at its end-of-file.
        assert_eq!(read_counting(&text, usize::MAX, 1000), (text.clone(), 2));
        // One that grew is read to its end.
        assert_eq!(read_counting(&text, 50, 20), (text.clone(), 5));
    }

    #[test]
    fn a_read_sized_to_a_file_takes_it_whole_and_one_that_grew_to_its_end() {
        assert_eq!(read_chunk(Some(3000)), 3001);
        assert_eq!(read_chunk(Some(0)), 512);
        assert_eq!(read_chunk(Some(1 << 40)), READ_CHUNK);
        assert_eq!(read_chunk(None), READ_CHUNK);
        let text = b"line of text\n".repeat(10_000);
        // The file was 100 bytes when it was listed and has grown since.
        let grown = read_capped_sized(&text[..], 1 << 20, CapKind::File, Some(100)).unwrap();
        assert_eq!(grown.data, text);
        assert!(grown.cut.is_none());
        let capped = read_capped_sized(&text[..], 1000, CapKind::File, Some(1 << 20)).unwrap();
        assert_eq!(capped.data, &text[..1000]);
        assert!(capped.cut.is_some());
    }

    #[test]
    fn binary_content_stops_after_the_first_chunk() {
        let zeros = std::io::repeat(0).take(1 << 30);
        let c = read_capped(zeros, 1 << 30, CapKind::Gzip).unwrap();
        assert!(c.data.len() <= 64 * 1024, "{}", c.data.len());
        let mut warc = b"WARC/1.0\r\n".to_vec();
        warc.extend([0u8; 100_000]);
        let c = read_capped(&warc[..], 1 << 30, CapKind::File).unwrap();
        assert_eq!(c.data.len(), warc.len());
    }

    #[test]
    fn a_stray_nul_is_read_through_and_a_run_ends_the_text() {
        let mut page = b"Words of a page. ".repeat(5000);
        page[40_000] = 0;
        let c = read_capped(&page[..], 1 << 30, CapKind::File).unwrap();
        assert_eq!(c.data.len(), page.len());
        assert!(c.cut.is_none());
        assert_eq!(nul_run(&page, 0), None);
        page.extend([0u8; NUL_RUN]);
        assert_eq!(nul_run(&page, 0), Some(85_000));
    }

    #[test]
    fn text_that_turns_into_nul_bytes_is_read_no_further() {
        let mut page = b"<html><title>Page</title><p>Words of the page.</p>".repeat(2000);
        let text_len = page.len();
        page.extend(vec![0u8; 1 << 20]);
        let c = read_capped(&page[..], 1 << 30, CapKind::File).unwrap();
        assert_eq!(c.data.len(), text_len);
        assert!(c.cut.unwrap().contains("NUL bytes"));
        // UTF-16 text is full of NUL bytes, and stays whole.
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(
            "Words "
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .cycle()
                .take(200_000),
        );
        assert_eq!(
            read_capped(&utf16[..], 1 << 30, CapKind::File)
                .unwrap()
                .data
                .len(),
            utf16.len()
        );
    }

    #[test]
    fn text_is_cut_at_a_boundary() {
        let mut s = "é".repeat(100);
        assert!(cut_text(&mut s, 51));
        assert_eq!(s.len(), 50);
        let mut s = format!("{}\n{}", "a".repeat(95), "b".repeat(10));
        assert!(cut_text(&mut s, 100));
        assert_eq!(s, "a".repeat(95));
        let mut short = "short".to_string();
        assert!(!cut_text(&mut short, 100));
    }
}
