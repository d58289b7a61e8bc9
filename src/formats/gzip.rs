//! gzip-compressed inputs (`x.jsonl.gz`, per-record `.warc.gz`): every member is read, and
//! a cut-off or corrupt archive keeps what decompressed before the damage, with a warning.

use std::io::Read;

use flate2::read::MultiGzDecoder;

use super::FormatError;

/// Decompressed output larger than this is refused past the limit, so a small
/// "zip bomb" cannot exhaust memory.
pub const MAX_DECOMPRESSED: u64 = 1 << 30;

/// The gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompressed bytes, and a warning when the archive ended early or was damaged.
#[derive(Debug)]
pub struct Unpacked {
    pub data: Vec<u8>,
    pub warning: Option<String>,
}

/// Reads all gzip members. Fails only when nothing at all could be decompressed.
pub fn decompress(bytes: &[u8]) -> Result<Unpacked, FormatError> {
    let mut data = Vec::new();
    let mut reader = MultiGzDecoder::new(bytes).take(MAX_DECOMPRESSED + 1);
    // The read loop is ours so that bytes decoded before an error are certainly kept.
    let mut buf = vec![0u8; 64 * 1024];
    let mut warning = None;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let why = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                    "truncated".to_string()
                } else {
                    format!("corrupt ({e})")
                };
                warning = Some(format!(
                    "gzip archive {why} after {} decompressed bytes; kept what was read before",
                    data.len()
                ));
                break;
            }
        }
    }
    if data.len() as u64 > MAX_DECOMPRESSED {
        data.truncate(MAX_DECOMPRESSED as usize);
        warning = Some(format!(
            "gzip content larger than {} MiB; read only the first part",
            MAX_DECOMPRESSED >> 20
        ));
    }
    if data.is_empty()
        && let Some(w) = warning
    {
        return Err(FormatError::Malformed(w));
    }
    Ok(Unpacked { data, warning })
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
        let u = decompress(&bytes).unwrap();
        assert_eq!(u.data, b"first member\nsecond member\n");
        assert!(u.warning.is_none());
    }

    #[test]
    fn truncated_archive_keeps_the_head() {
        // Stored-ish incompressible content so the cut lands after real output.
        let text: String = (0..4000)
            .map(|i| format!("line {i} {}\n", i * 7919 % 1000))
            .collect();
        let bytes = gz(text.as_bytes());
        let cut = &bytes[..bytes.len() * 3 / 4];
        let u = decompress(cut).unwrap();
        assert!(u.warning.as_deref().unwrap().contains("truncated"));
        assert!(!u.data.is_empty());
        assert!(text.as_bytes().starts_with(&u.data));
    }

    #[test]
    fn header_only_is_malformed() {
        assert!(decompress(&[0x1f, 0x8b, 0x08]).is_err());
    }
}
