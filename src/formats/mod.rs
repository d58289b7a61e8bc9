//! Input formats: detection from the file name (and content where that is ambiguous),
//! byte decoding, and dispatch to one parser per format (bytes in, `Article`s out).

pub mod delimited;
pub mod feed;
pub mod fields;
pub mod gzip;
pub mod html;
pub mod json;
pub mod limits;
pub mod markdown;
pub mod markup;
pub mod newsml;
pub mod nitf;
pub mod parts;
pub mod sgml;
pub mod text;
pub mod warc;
pub mod xml;

mod decode;
mod detect;
mod read;

use std::borrow::Cow;

use crate::article::Article;
pub use decode::decode_text;
use decode::whole_chars;
pub use delimited::FormatOptions;
use detect::xml_root_name;
pub use detect::{Format, sniff_xml_root};
pub use limits::Limits;
pub use read::{ReadError, content_cap, read_cap, read_file};

/// What a parser returns: the articles it could read, and problems it stepped over.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    /// Non-fatal problems ("line 7: invalid JSON"), reported once per file by the caller.
    pub warnings: Vec<String>,
    /// The format the content turned out to be, when sniffing changed it (`xml` -> `rss`).
    pub format: Option<Format>,
}

impl Parsed {
    /// Adds one part of a file (see `parts`) to what was parsed before it.
    pub fn absorb(&mut self, part: Parsed) {
        self.articles.extend(part.articles);
        self.warnings.extend(part.warnings);
        self.format = part.format.or(self.format);
    }
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

/// Parses one file's bytes in the given format with default options.
pub fn parse(format: Format, bytes: &[u8]) -> Result<Parsed, FormatError> {
    parse_with(format, bytes, &FormatOptions::default())
}

/// One file's content as the parsers get it: decompressed, and cut at the limits.
#[derive(Debug)]
pub struct Input<'a> {
    pub data: Cow<'a, [u8]>,
    /// Why the content ends early (a cap, a damaged archive); the data is its head.
    pub cut: Option<String>,
}

/// Parses one file's bytes: gzip (by its magic bytes) is decompressed first, then the
/// format is resolved by sniffing where the name was ambiguous.
pub fn parse_with(
    format: Format,
    bytes: &[u8],
    opts: &FormatOptions,
) -> Result<Parsed, FormatError> {
    let input = if gzip::is_gzip(bytes) {
        let unpacked = gzip::decompress(bytes, &opts.limits)?;
        Input {
            data: Cow::Owned(unpacked.data),
            cut: unpacked.cut,
        }
    } else {
        // The same caps as reading the file from disk (`read_file`).
        let (cap, kind) = read_cap(format, &opts.limits);
        let cap = usize::try_from(cap).unwrap_or(usize::MAX);
        Input {
            data: Cow::Borrowed(&bytes[..bytes.len().min(cap)]),
            cut: (bytes.len() > cap).then(|| limits::cap_note(kind, cap as u64)),
        }
    };
    parse_input(format, input, opts)
}

/// Parses content already read (and decompressed), as one whole `Parsed`.
pub fn parse_input(
    format: Format,
    input: Input<'_>,
    opts: &FormatOptions,
) -> Result<Parsed, FormatError> {
    let mut all = Parsed::default();
    parse_input_parts(format, input, opts, &mut |part| all.absorb(part))?;
    Ok(all)
}

/// Parses content already read (and decompressed), handing the articles to `each` in
/// parts (see `parts`): the format is resolved by sniffing where the name was ambiguous.
pub fn parse_input_parts(
    format: Format,
    input: Input<'_>,
    opts: &FormatOptions,
    each: &mut dyn FnMut(Parsed),
) -> Result<(), FormatError> {
    let mut cut = input.cut;
    let mut data = input.data;
    // A run of NUL bytes past the start (the start itself is checked as binary below):
    // the text before it is the file's text. html5ever alone would spend ~350 bytes on
    // each NUL; a stray one in a real page is harmless and read through.
    if !limits::may_hold_nul(&data)
        && let Some(at) = limits::nul_run(&data, limits::BINARY_HEAD)
    {
        data.to_mut().truncate(at);
        cut.get_or_insert_with(|| limits::nul_note(at));
    }
    if cut.is_some() {
        let whole = whole_chars(&data);
        if whole < data.len() {
            data.to_mut().truncate(whole);
        }
    }
    if data.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(match cut {
            Some(why) => FormatError::Malformed(why),
            None => FormatError::Empty,
        });
    }
    let mut parts = parts::Parts::new(each);
    if let Some(why) = &cut {
        parts.warn(why.clone());
    }
    if format == Format::Warc || data.starts_with(b"WARC/") {
        parts.format = Some(Format::Warc);
        parts.extend(warc::parse(&data));
        return parts.finish();
    }
    let text = decode_text(&data)?;
    let mut text: &str = &text;
    if cut.is_some() && format.line_based() {
        // The last line was cut mid-record; only complete lines count.
        text = text.rfind('\n').map_or("", |i| &text[..i]);
    }
    let resolved = format.resolve(text);
    parts.format = (resolved != format).then_some(resolved);
    parse_text(resolved, text, opts, &mut parts).map_err(|e| match (e, &cut) {
        // A single-document format cut short fails as a whole; say why it was cut.
        (FormatError::Malformed(m), Some(why)) => FormatError::Malformed(format!("{m} ({why})")),
        (e, _) => e,
    })?;
    parts.finish()
}

/// Dispatches decoded text to its format's parser.
fn parse_text(
    format: Format,
    text: &str,
    opts: &FormatOptions,
    parts: &mut parts::Parts<'_>,
) -> Result<(), FormatError> {
    let one = |a: Option<Article>| Parsed {
        articles: a.into_iter().collect(),
        ..Parsed::default()
    };
    let whole = match format {
        Format::Text => one(text::parse(text)),
        Format::Markdown => one(markdown::parse(text)),
        Format::Json => json::parse_document(text)?,
        Format::JsonLines => return json::parse_lines_into(text, parts),
        Format::Html => one(html::parse(text)),
        Format::Sgml => sgml::parse_any(text)?,
        Format::Reuters => sgml::parse_reuters(text)?,
        Format::Trec => sgml::parse_trec(text)?,
        Format::Xml => {
            let what = xml_root_name(text).map_or("no XML element found".to_string(), |n| {
                format!("XML root <{n}> is not NITF, NewsML-G2, RSS or Atom")
            });
            return Err(FormatError::Malformed(what));
        }
        Format::Nitf => nitf::parse(text)?,
        Format::NewsMl => newsml::parse(text)?,
        Format::Rss | Format::Atom => feed::parse(text)?,
        Format::Warc => warc::parse(text.as_bytes()),
        Format::Csv => return delimited::parse_into(text, b',', opts, parts),
        Format::Tsv => return delimited::parse_into(text, b'\t', opts, parts),
    };
    parts.extend(whole);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parts::MAX_WARNINGS;
    use super::*;

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
    fn ambiguous_extensions_resolve_by_content() {
        let rss = "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel/></rss>";
        assert_eq!(Format::Xml.resolve(rss), Format::Rss);
        assert_eq!(Format::Html.resolve(rss), Format::Rss);
        assert_eq!(Format::Xml.resolve("<feed xmlns=\"x\"/>"), Format::Atom);
        assert_eq!(
            Format::Xml.resolve("<!DOCTYPE nitf SYSTEM \"n.dtd\"><nitf/>"),
            Format::Nitf
        );
        assert_eq!(Format::Xml.resolve("<g2:newsItem/>"), Format::NewsMl);
        assert_eq!(
            Format::Xml.resolve("<!DOCTYPE nitf [<!ENTITY c \"A\">]>\n<nitf/>"),
            Format::Nitf
        );
        assert_eq!(
            Format::Html.resolve("<!doctype html><html></html>"),
            Format::Html
        );
        assert_eq!(
            Format::Xml.resolve("<DOC>\n<DOCNO>1</DOCNO></DOC>"),
            Format::Trec
        );
        assert_eq!(
            Format::Sgml.resolve("<DOC><DOCNO>1</DOCNO></DOC>"),
            Format::Trec
        );
        assert_eq!(
            Format::Sgml.resolve("<REUTERS NEWID=\"1\">"),
            Format::Reuters
        );
        let p = parse(
            Format::Xml,
            rss.replace(
                "<channel/>",
                "<channel><item><title>T</title></item></channel>",
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(p.format, Some(Format::Rss));
        assert_eq!(p.articles[0].title, "T");
        let err = parse(Format::Xml, b"<urlset><url/></urlset>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "XML root <urlset> is not NITF, NewsML-G2, RSS or Atom"
        );
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_is_detected_by_magic_bytes() {
        let p = parse(Format::Text, &gz(b"Headline\n\nBody text.")).unwrap();
        assert_eq!(p.articles[0].title, "Headline");
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn truncated_gzip_jsonl_keeps_complete_lines() {
        let lines: String = (0..3000)
            .map(|i| {
                format!(
                    "{{\"id\":{i},\"title\":\"Story {i}\",\"body\":\"x{}\"}}\n",
                    i * 7919 % 997
                )
            })
            .collect();
        let bytes = gz(lines.as_bytes());
        let p = parse(Format::JsonLines, &bytes[..bytes.len() / 2]).unwrap();
        assert!(p.warnings[0].contains("truncated"), "{:?}", p.warnings);
        assert!(p.articles.len() > 10 && p.articles.len() < 3000);
        // Only the truncation warning: the cut-off last line is not reported as bad JSON.
        assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
        let last = p.articles.last().unwrap();
        assert_eq!(last.title, format!("Story {}", p.articles.len() - 1));
    }

    #[test]
    fn truncated_gzip_sgml_keeps_complete_records_and_json_says_why() {
        let rec = |i: usize| {
            format!(
                "<REUTERS NEWID=\"{i}\"><DATE>2-MAR-1987 10:00:00.00</DATE><TEXT><TITLE>STORY {i}</TITLE><BODY>Text {} here.</BODY></TEXT></REUTERS>\n",
                i * 7919 % 1009
            )
        };
        let sgm: String = (1..=2000).map(rec).collect();
        let bytes = gz(sgm.as_bytes());
        let p = parse(Format::Sgml, &bytes[..bytes.len() / 2]).unwrap();
        assert!(p.articles.len() > 10 && p.articles.len() < 2000);
        assert!(
            p.warnings[0].contains("gzip archive truncated"),
            "{:?}",
            p.warnings
        );
        assert_eq!(
            p.articles.last().unwrap().record_id.as_deref(),
            Some(p.articles.len().to_string().as_str())
        );
        let json = gz(b"{\"title\": \"A\", \"body\": \"a long enough body\"}");
        let err = parse(Format::Json, &json[..json.len() - 12]).unwrap_err();
        assert!(err.to_string().contains("gzip archive truncated"), "{err}");
    }

    #[test]
    fn latin1_reuters_byte_is_decoded() {
        let mut bytes = b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\"><DATE>2-MAR-1987 10:00:00.00</DATE>\n<TEXT><TITLE>BANK SAYS RATES STEADY</TITLE><BODY>The bank in M".to_vec();
        bytes.push(0xfc);
        bytes.extend_from_slice(b"nchen said rates would stay steady for the rest of the month, dealers said.</BODY></TEXT></REUTERS>\n");
        let p = parse(Format::Sgml, &bytes).unwrap();
        assert!(
            p.articles[0].body.contains("M\u{fc}nchen"),
            "{}",
            p.articles[0].body
        );
    }

    #[test]
    fn warnings_are_capped_per_file() {
        let lines = "{oops\n".repeat(100) + "{\"title\":\"ok\"}\n";
        let p = parse(Format::JsonLines, lines.as_bytes()).unwrap();
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.warnings.len(), MAX_WARNINGS + 1);
        assert!(
            p.warnings[MAX_WARNINGS].contains("80 more"),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn csv_options_reach_the_parser() {
        let opts = FormatOptions {
            csv_columns: FormatOptions::parse_csv_columns("title=a,body=b").unwrap(),
            ..FormatOptions::default()
        };
        let p = parse_with(Format::Csv, b"a,b\nHead,Text\n", &opts).unwrap();
        assert_eq!(p.articles[0].title, "Head");
        assert!(parse(Format::Csv, b"a,b\nHead,Text\n").is_err());
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let parsed = parse(Format::Text, "\u{feff}Headline\n\nBody.".as_bytes()).unwrap();
        assert_eq!(parsed.articles[0].title, "Headline");
    }

    mod never_panics {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn any_bytes_any_format(bytes in proptest::collection::vec(any::<u8>(), 0..600), which in 0usize..16) {
                let format = Format::ALL[which % Format::ALL.len()];
                let _ = parse(format, &bytes);
            }

            #[test]
            fn markup_like_text(s in "[<>/&;#a-zA-Z0-9 =\"\n]{0,400}", which in 0usize..16) {
                let format = Format::ALL[which % Format::ALL.len()];
                let _ = parse(format, s.as_bytes());
            }

            #[test]
            fn sgml_records(s in "(<REUTERS NEWID=\"[0-9]\">|</REUTERS>|<DOC>|</DOC>|<TITLE>|</TITLE>|<BODY>|<D>|</D>|<DATE>|[0-9]{1,2}-MAR-19[0-9]{2}|&#[0-9];|&lt;|[a-z ]{1,8}){0,40}") {
                let _ = sgml::parse_any(&s);
            }

            #[test]
            fn html_tags(s in "(<p>|</p>|<article>|<meta property=\"og:title\" content=\"x\">|<script type=\"application/ld\\+json\">|</script>|\\{|\\}|\"@type\"|:|<time datetime=\"2020\">|[a-z ]{1,8}){0,40}") {
                let _ = html::parse(&s);
            }

            #[test]
            fn feeds_and_xml(s in "(<rss>|<channel>|<item>|</item>|<title>|</title>|<feed>|<entry>|</entry>|<nitf>|<body.content>|<newsItem>|&nbsp;|&amp;|<!\\[CDATA\\[|\\]\\]>|[a-z ]{1,8}){0,40}") {
                let _ = feed::parse(&s);
                let _ = nitf::parse(&s);
                let _ = newsml::parse(&s);
            }

            #[test]
            fn warc_records(s in "(WARC/1.0\r\n|WARC-Type: response\r\n|Content-Length: [0-9]{1,3}\r\n|\r\n|HTTP/1.1 200 OK\r\n|Content-Type: text/html\r\n|Transfer-Encoding: chunked\r\n|Content-Encoding: gzip\r\n|<html>|[0-9a-f]{1,3}|[a-z ]{1,8}){0,40}") {
                let _ = warc::parse(s.as_bytes());
            }

            #[test]
            fn delimited_rows(s in "(title|body|date|,|\t|\"|\n|[a-z ]{1,6}){0,60}") {
                let _ = delimited::parse(&s, b',', &FormatOptions::default());
                let _ = delimited::parse(&s, b'\t', &FormatOptions::default());
            }

            #[test]
            fn truncated_gzip(cut in 0usize..400) {
                let bytes = gz(b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n<REUTERS NEWID=\"1\"><TITLE>x</TITLE></REUTERS>");
                let cut = cut.min(bytes.len());
                for f in [Format::JsonLines, Format::Sgml, Format::Warc, Format::Html] {
                    let _ = parse(f, &bytes[..cut]);
                }
            }
        }

        fn gz(data: &[u8]) -> Vec<u8> {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
    }
}
