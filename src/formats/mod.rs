//! Input formats: detection from the file name (and content where that is ambiguous),
//! byte decoding, and dispatch to one parser per format (bytes in, `Article`s out).

pub mod fields;
pub mod json;
pub mod markdown;
pub mod text;

use std::borrow::Cow;
use std::path::Path;

use crate::article::Article;

/// Every input format newsidx reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
}

impl Format {
    /// All formats, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Markdown,
        Format::Json,
        Format::JsonLines,
    ];

    /// The short name used by `--input-format` and in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == name)
            .or(match name.as_str() {
                "text" => Some(Format::Text),
                "markdown" => Some(Format::Markdown),
                "ndjson" => Some(Format::JsonLines),
                _ => None,
            })
    }

    /// The format a file name implies, or `None` for files newsidx does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// Whether one file holds many articles, so ids take the form `path#N`.
    pub fn is_multi(self) -> bool {
        matches!(self, Format::Json | Format::JsonLines)
    }
}

/// What a parser returns: the articles it could read, and problems it stepped over.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    /// Non-fatal problems ("line 7: invalid JSON"), reported once per file by the caller.
    pub warnings: Vec<String>,
}

/// Why a file gave no articles at all. Callers count these by kind in the summary.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FormatError {
    #[error("empty file")]
    Empty,
    #[error("binary content, not text")]
    Binary,
    #[error("{0}")]
    Malformed(String),
}

impl FormatError {
    /// A short stable label for the summary line ("binary", "malformed").
    pub fn kind(&self) -> &'static str {
        match self {
            FormatError::Empty => "empty",
            FormatError::Binary => "binary",
            FormatError::Malformed(_) => "malformed",
        }
    }
}

/// Parses one file's bytes in the given format.
pub fn parse(format: Format, bytes: &[u8]) -> Result<Parsed, FormatError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FormatError::Empty);
    }
    let text = decode_text(bytes)?;
    let parsed = match format {
        Format::Text => Parsed {
            articles: text::parse(&text).into_iter().collect(),
            warnings: Vec::new(),
        },
        Format::Markdown => Parsed {
            articles: markdown::parse(&text).into_iter().collect(),
            warnings: Vec::new(),
        },
        Format::Json => json::parse_document(&text)?,
        Format::JsonLines => json::parse_lines(&text),
    };
    if parsed.articles.is_empty() && parsed.warnings.is_empty() {
        return Err(FormatError::Malformed("no article text found".into()));
    }
    Ok(parsed)
}

/// Decodes bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM, and otherwise the
/// legacy encoding chardetng judges most likely, so no file is dropped for its encoding.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    if looks_binary(bytes) {
        return Err(FormatError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let enc = detector.guess(None, true);
            let (text, _, _) = enc.decode(bytes);
            Ok(Cow::Owned(text.into_owned()))
        }
    }
}

/// NUL bytes or a high share of control bytes near the start mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_not_dropped() {
        let bytes = b"Caf\xe9 owners in M\xfcnchen protest\n\nThe body text.";
        let text = decode_text(bytes).unwrap();
        assert!(text.contains("Café"), "{text}");
        assert!(text.contains("München"), "{text}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hello Kyiv".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap(), "Hello Kyiv");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            parse(Format::Text, b"\x7fELF\x02\x01\x01\0\0\0\0").unwrap_err(),
            FormatError::Binary
        );
        assert_eq!(
            parse(Format::Text, b"  \n ").unwrap_err(),
            FormatError::Empty
        );
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let parsed = parse(Format::Text, "\u{feff}Headline\n\nBody.".as_bytes()).unwrap();
        assert_eq!(parsed.articles[0].title, "Headline");
    }
}
