//! gzip-compressed inputs (`x.jsonl.gz`, per-record `.warc.gz`): every member is read, and
//! a cut-off or corrupt archive keeps what decompressed before the damage, with a warning,
//! and output past the limits (a "zip bomb") is never produced, let alone held.

use flate2::read::MultiGzDecoder;

use super::FormatError;
use super::limits::{CapKind, Capped, Limits, read_capped};

/// The gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses every member of a gzip stream, streaming, up to `cap` bytes of output.
/// Damage after some output keeps that output with a note; only an archive that gives
/// nothing at all is an error.
pub fn unpack(reader: impl std::io::Read, cap: u64, kind: CapKind) -> Result<Capped, FormatError> {
    let capped = read_capped(MultiGzDecoder::new(reader), cap, kind)
        .map_err(|e| FormatError::Malformed(format!("gzip archive corrupt ({e})")))?;
    let mut capped = capped;
    // A break in the stream is the archive's fault; say so. A cap names itself.
    if let Some(cut) = capped.cut.take() {
        let broken = cut.starts_with("truncated") || cut.starts_with("corrupt");
        capped.cut = Some(if broken {
            format!("gzip archive {cut}")
        } else {
            cut
        });
    }
    if capped.data.is_empty()
        && let Some(cut) = capped.cut
    {
        return Err(FormatError::Malformed(cut));
    }
    Ok(capped)
}

/// `unpack` over bytes already in memory.
pub fn decompress(bytes: &[u8], limits: &Limits) -> Result<Capped, FormatError> {
    unpack(bytes, limits.gzip_cap(bytes.len() as u64), CapKind::Gzip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn multi_member_archive_is_read_whole() {
        let mut bytes = gz(b"first member\n");
        bytes.extend(gz(b"second member\n"));
        let u = decompress(&bytes, &Limits::default()).unwrap();
        assert_eq!(u.data, b"first member\nsecond member\n");
        assert!(u.cut.is_none());
    }

    #[test]
    fn truncated_archive_keeps_the_head() {
        // Stored-ish incompressible content so the cut lands after real output.
        let text: String = (0..4000)
            .map(|i| format!("line {i} {}\n", i * 7919 % 1000))
            .collect();
        let bytes = gz(text.as_bytes());
        let cut = &bytes[..bytes.len() * 3 / 4];
        let u = decompress(cut, &Limits::default()).unwrap();
        assert!(
            u.cut.as_deref().unwrap().contains("truncated"),
            "{:?}",
            u.cut
        );
        assert!(!u.data.is_empty());
        assert!(text.as_bytes().starts_with(&u.data));
    }

    #[test]
    fn bombs_stop_at_the_allowance() {
        // 64 MiB of repeated text compresses to ~100 KB: over the 100x ratio.
        let text = b"The council met again and agreed nothing at all. ".repeat(1_300_000);
        let bytes = gz(&text);
        let limits = Limits::default();
        let u = decompress(&bytes, &limits).unwrap();
        assert_eq!(u.data.len() as u64, limits.gzip_cap(bytes.len() as u64));
        assert!(u.data.len() < text.len());
        assert!(u.cut.unwrap().contains("--max-gzip-ratio"));
    }

    #[test]
    fn header_only_is_malformed() {
        assert!(decompress(&[0x1f, 0x8b, 0x08], &Limits::default()).is_err());
    }
}
