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

use std::borrow::Cow;
use std::path::Path;

use crate::article::Article;
pub use delimited::FormatOptions;
pub use limits::Limits;

/// Every input format newsidx reads. `Sgml` and `Xml` are what an ambiguous extension
/// says before the content is seen; `parse` resolves them by sniffing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
    Html,
    /// `.sgm`/`.sgml`: Reuters-21578 or TREC, decided from the content.
    Sgml,
    Reuters,
    Trec,
    /// `.xml`: NITF, NewsML-G2, RSS or Atom, decided from the root element.
    Xml,
    Nitf,
    NewsMl,
    Rss,
    Atom,
    Warc,
    Csv,
    Tsv,
}

impl Format {
    /// All formats, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Markdown,
        Format::Json,
        Format::JsonLines,
        Format::Html,
        Format::Sgml,
        Format::Reuters,
        Format::Trec,
        Format::Xml,
        Format::Nitf,
        Format::NewsMl,
        Format::Rss,
        Format::Atom,
        Format::Warc,
        Format::Csv,
        Format::Tsv,
    ];

    /// The short name used by `--input-format` and in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Html => "html",
            Format::Sgml => "sgml",
            Format::Reuters => "reuters",
            Format::Trec => "trec",
            Format::Xml => "xml",
            Format::Nitf => "nitf",
            Format::NewsMl => "newsml",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Warc => "warc",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == name)
            .or(match name.as_str() {
                "text" => Some(Format::Text),
                "markdown" => Some(Format::Markdown),
                "ndjson" => Some(Format::JsonLines),
                "htm" | "xhtml" => Some(Format::Html),
                "sgm" => Some(Format::Sgml),
                "reuters21578" | "reuters-21578" | "reuters-sgml" => Some(Format::Reuters),
                "newsml-g2" | "newsmlg2" | "g2" => Some(Format::NewsMl),
                "feed" => Some(Format::Xml),
                "tab" => Some(Format::Tsv),
                _ => None,
            })
    }

    /// The format a file name implies, or `None` for files newsidx does not read.
    /// A `.gz` suffix is looked through: `x.jsonl.gz` is JSON Lines, decompressed on reading.
    pub fn from_path(path: &Path) -> Option<Format> {
        // Lossy, so a name with invalid bytes before its extension is still read.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".gzip"))
            .unwrap_or(&name);
        let (stem, ext) = name.rsplit_once('.')?;
        if stem.is_empty() {
            return None;
        }
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "sgm" | "sgml" => Some(Format::Sgml),
            "trec" => Some(Format::Trec),
            "xml" => Some(Format::Xml),
            "nitf" => Some(Format::Nitf),
            "newsml" => Some(Format::NewsMl),
            "rss" => Some(Format::Rss),
            "atom" => Some(Format::Atom),
            "warc" => Some(Format::Warc),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            _ => None,
        }
    }

    /// Whether one file holds many articles, so ids take the form `path#recordid` or
    /// `path#N`. `Xml` is false because NITF and NewsML hold one story; a feed read as
    /// `Xml` still gets record ids when it has more than one item.
    pub fn is_multi(self) -> bool {
        matches!(
            self,
            Format::Json
                | Format::JsonLines
                | Format::Sgml
                | Format::Reuters
                | Format::Trec
                | Format::Rss
                | Format::Atom
                | Format::Warc
                | Format::Csv
                | Format::Tsv
        )
    }

    /// Formats read line by line or record by record, where a cut-off tail is one bad
    /// record rather than a broken file.
    fn line_based(self) -> bool {
        matches!(self, Format::JsonLines | Format::Csv | Format::Tsv)
    }

    /// Settles an ambiguous format from the decoded text: `.sgm` into Reuters or TREC,
    /// `.xml` by its root element, and an `.html` file that is really a feed.
    pub fn resolve(self, text: &str) -> Format {
        match self {
            Format::Sgml => match sgml::sniff(text) {
                Some(sgml::Kind::Reuters) => Format::Reuters,
                Some(sgml::Kind::Trec) => Format::Trec,
                None => Format::Sgml,
            },
            Format::Xml | Format::Html | Format::Rss | Format::Atom => {
                match (self, sniff_xml_root(text)) {
                    (_, Some(Format::Rss)) => Format::Rss,
                    (_, Some(Format::Atom)) => Format::Atom,
                    (Format::Xml, Some(f)) => f,
                    _ => self,
                }
            }
            other => other,
        }
    }
}

/// The format an XML document's root element names: `rss`/`rdf:RDF` (RSS), `feed`
/// (Atom), `nitf`, `newsItem`/`newsMessage`/`packageItem` (NewsML-G2), `html`, and the
/// SGML collections' `DOC` and `REUTERS`.
pub fn sniff_xml_root(text: &str) -> Option<Format> {
    let name = xml_root_name(text)?;
    let local = name
        .rsplit(':')
        .next()
        .unwrap_or(&name)
        .to_ascii_lowercase();
    match local.as_str() {
        "rss" | "rdf" => Some(Format::Rss),
        "feed" => Some(Format::Atom),
        "nitf" => Some(Format::Nitf),
        "newsitem" | "newsmessage" | "packageitem" => Some(Format::NewsMl),
        "html" => Some(Format::Html),
        // SGML collections saved as `.xml`: their first element names them.
        "doc" => Some(Format::Trec),
        "reuters" => Some(Format::Reuters),
        _ => None,
    }
}

/// The name of the first element, after any prolog.
fn xml_root_name(text: &str) -> Option<String> {
    let mut rest = text.trim_start_matches('\u{feff}');
    // Skip the prolog: declarations, processing instructions, comments, DOCTYPE.
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest.starts_with("<!")
            && let Some(open) = rest.find('[')
            && rest.find('>').is_some_and(|close| open < close)
        {
            // A DOCTYPE with an internal subset, whose declarations contain '>'.
            rest = &rest[rest.find("]>")? + 2..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    let name: String = tag
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    (!name.is_empty()).then_some(name)
}

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

/// Reads one file under the limits, streaming: gzip is decompressed as it is read and
/// neither the file nor its decompressed content is read past its cap. `tap` sees every
/// byte read from the disk (the indexer hashes them). Only the head of a file cut at
/// its cap is read, so its hash covers just that head: exactly what was indexed.
pub fn read_file(
    path: &Path,
    format: Format,
    limits: &Limits,
    tap: &mut dyn FnMut(&[u8]),
) -> Result<Input<'static>, ReadError> {
    use std::io::BufRead;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, Tap { inner: file, tap });
    let gzipped = gzip::is_gzip(reader.fill_buf()?);
    let (cap, kind) = content_cap(format, size, gzipped, limits);
    let capped = if gzipped {
        gzip::unpack(reader, cap, kind)?
    } else {
        limits::read_capped(reader, cap, kind)?
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

/// The length of `data` without a UTF-8 character cut off at its end, so a cut that
/// splits one character does not make a UTF-8 file look like a legacy encoding.
fn whole_chars(data: &[u8]) -> usize {
    match std::str::from_utf8(data) {
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        _ => data.len(),
    }
}

/// Decodes bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM, a declared charset,
/// and otherwise the legacy encoding chardetng judges most likely, so no file is dropped
/// for its encoding. A file that declares UTF-8 and is UTF-8 but for a few stray bytes (a
/// Latin-1 character pasted into a UTF-8 page) is read as UTF-8, the stray bytes becoming
/// U+FFFD, rather than turned whole into "MÃ¤scot" mojibake.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        // A UTF-8 byte-order mark in front of binary data is still binary data.
        if enc == encoding_rs::UTF_8 && looks_binary(&bytes[bom_len..]) {
            return Err(FormatError::Binary);
        }
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    if looks_binary(bytes) {
        return Err(FormatError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => {
            match declared_encoding(bytes) {
                // A declared UTF-8 that mostly holds wins; one that does not is a lie.
                Some(enc) if enc == encoding_rs::UTF_8 && mostly_utf8(bytes) => {
                    return Ok(Cow::Owned(String::from_utf8_lossy(bytes).into_owned()));
                }
                Some(enc) if enc != encoding_rs::UTF_8 => {
                    return Ok(Cow::Owned(
                        enc.decode_without_bom_handling(bytes).0.into_owned(),
                    ));
                }
                _ => {}
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let enc = detector.guess(None, true);
            let (text, _, _) = enc.decode(bytes);
            Ok(Cow::Owned(text.into_owned()))
        }
    }
}

/// Whether bytes that are not valid UTF-8 still mostly are: at least 99% of the bytes lie
/// in valid sequences, and the valid multi-byte characters outnumber the stray bytes (a
/// page whose only non-ASCII bytes are Latin-1 is Latin-1, whatever it declares).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut stray, mut multibyte) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                // The prefix is valid UTF-8, so every lead byte starts one character.
                multibyte += valid.iter().filter(|&&b| b >= 0xc0).count();
                let bad = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                stray += bad;
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
    stray * 100 <= bytes.len() && multibyte >= stray
}

/// The charset a document declares near its start (`<meta charset=...>`,
/// `<?xml ... encoding="...">`), trusted over guessing for text that is not valid UTF-8.
/// UTF-16 declarations are ignored: the bytes have no BOM and are not UTF-16 text.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower = head.to_ascii_lowercase();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let Some(i) = lower.windows(key.len()).position(|w| w == key) else {
            continue;
        };
        let value: Vec<u8> = lower[i + key.len()..]
            .iter()
            .skip_while(|c| matches!(c, b'"' | b'\'' | b' '))
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
            .copied()
            .collect();
        let enc = encoding_rs::Encoding::for_label(&value)?;
        if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
            return Some(enc);
        }
        return None;
    }
    None
}

/// NUL bytes or a high share of control bytes near the start mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(limits::BINARY_HEAD)];
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
    use super::parts::MAX_WARNINGS;
    use super::*;

    #[test]
    fn latin1_is_decoded_not_dropped() {
        let bytes = b"Caf\xe9 owners in M\xfcnchen protest\n\nThe body text.";
        let text = decode_text(bytes).unwrap();
        assert!(text.contains("Café"), "{text}");
        assert!(text.contains("München"), "{text}");
    }

    #[test]
    fn declared_legacy_charset_is_used() {
        // 0xC0-0xCF in windows-1251 are Cyrillic capitals; chardetng alone might differ
        // on so little text.
        let mut bytes = b"<html><head><meta charset=\"windows-1251\"><title>".to_vec();
        bytes.extend_from_slice(&[0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]);
        bytes.extend_from_slice(b"</title></head></html>");
        let text = decode_text(&bytes).unwrap();
        assert!(
            text.contains("\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}"),
            "{text}"
        );
        let xml = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>M\xfcnchen</a>";
        assert!(decode_text(xml).unwrap().contains("M\u{fc}nchen"));
        let lying = b"<meta charset=utf-8>Caf\xe9 au lait in M\xfcnchen";
        assert!(decode_text(lying).unwrap().contains("Caf\u{e9}"));
    }

    #[test]
    fn declared_utf8_with_stray_bytes_stays_utf8() {
        // A UTF-8 page with one Latin-1 byte pasted in: UTF-8 wins, the stray byte is
        // replaced, and no "MÃ¤scot" mojibake appears.
        let mut page =
            b"<html><head><meta charset=\"UTF-8\"><title>Kleine Schafskunde</title>".to_vec();
        page.extend_from_slice(
            "<p>M\u{e4}scot das Schaf grast am Deich, \u{201e}mit Gef\u{fc}hl\u{201c}.</p>"
                .as_bytes(),
        );
        page.extend_from_slice(b"<p>Der Sch\xe4fer sagt, das Wetter sei gut.</p>");
        page.extend_from_slice(
            "<p>Noch mehr Text \u{fc}ber die Weide und den Zaun.</p>"
                .repeat(20)
                .as_bytes(),
        );
        page.extend_from_slice(b"</html>");
        let text = decode_text(&page).unwrap();
        assert!(text.contains("M\u{e4}scot"), "{text}");
        assert!(text.contains("\u{201e}mit Gef\u{fc}hl\u{201c}"), "{text}");
        assert!(text.contains("Sch\u{fffd}fer"), "{text}");
        assert!(!text.contains("\u{c3}\u{a4}"), "{text}");
        // The same declared in an XML declaration.
        let xml = [
            &b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a>"[..],
            "K\u{f6}ln und D\u{fc}sseldorf, Stra\u{df}e f\u{fc}r Stra\u{df}e. "
                .repeat(30)
                .as_bytes(),
            b"\x96</a>",
        ]
        .concat();
        let text = decode_text(&xml).unwrap();
        assert!(text.contains("K\u{f6}ln und D\u{fc}sseldorf"), "{text}");
        // Too many stray bytes: the declaration is not believed, chardetng guesses.
        let mut mixed = b"<meta charset=utf-8><p>".to_vec();
        for _ in 0..20 {
            mixed.extend_from_slice("gr\u{fc}n ".as_bytes());
            mixed.extend_from_slice(b"Caf\xe9 ");
        }
        let text = decode_text(&mixed).unwrap();
        assert!(text.contains("Caf\u{e9}"), "{text}");
    }

    #[test]
    fn mostly_utf8_counts_stray_bytes() {
        let good = "\u{e4}".repeat(200);
        let mut one_stray = good.clone().into_bytes();
        one_stray.push(0xe4);
        assert!(mostly_utf8(&one_stray));
        // Only Latin-1 bytes, however few: not UTF-8.
        let mut ascii = "plain words ".repeat(100).into_bytes();
        ascii.push(0xe9);
        assert!(!mostly_utf8(&ascii));
        // A character cut off at the end counts as stray bytes too.
        let mut cut = good.into_bytes();
        cut.extend_from_slice(&[0xe2, 0x80]);
        assert!(mostly_utf8(&cut));
        assert!(!mostly_utf8(&[0xe2, 0x80]));
        assert_eq!(
            declared_encoding(b"<meta charset='utf-8'>"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_encoding(b"<meta charset=utf-16>"), None);
        assert_eq!(declared_encoding(b"<p>no declaration</p>"), None);
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
    fn extensions_see_through_gzip() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/x.jsonl.gz"), Some(Format::JsonLines));
        assert_eq!(f("x.HTML.gz"), Some(Format::Html));
        assert_eq!(f("crawl.warc.gz"), Some(Format::Warc));
        assert_eq!(f("reut2-000.sgm"), Some(Format::Sgml));
        assert_eq!(f("feed.xml"), Some(Format::Xml));
        assert_eq!(f("data.tsv"), Some(Format::Tsv));
        assert_eq!(f("x.gz"), None);
        assert_eq!(f(".gz"), None);
        assert_eq!(f("photo.jpg.gz"), None);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = std::ffi::OsStr::from_bytes(b"bad\xffname.txt");
            assert_eq!(Format::from_path(Path::new(odd)), Some(Format::Text));
        }
    }

    #[test]
    fn every_format_has_a_name_that_reads_back() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(*f));
        }
        assert_eq!(Format::from_name("HTM"), Some(Format::Html));
        assert_eq!(Format::from_name("sgm"), Some(Format::Sgml));
        assert!(Format::Reuters.is_multi() && Format::Warc.is_multi() && Format::Csv.is_multi());
        assert!(!Format::Html.is_multi() && !Format::Nitf.is_multi());
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
