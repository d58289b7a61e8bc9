//! Which format a file is: from its name (looking through `.gz`), and, where the name is
//! ambiguous (`.sgm`, `.xml`, an `.html` that is really a feed), from its content.

use std::path::Path;

use super::sgml;

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
    /// All formats, in the order `--help` lists them. `fuzz/gen_seeds.py` reads this list
    /// from this file, so moving it means pointing the script at its new home.
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
    pub(super) fn line_based(self) -> bool {
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
pub(super) fn xml_root_name(text: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(f("a..txt"), Some(Format::Text));
        assert_eq!(f(".txt"), None);
        assert_eq!(f("notes.Markdown.GZIP"), Some(Format::Markdown));
        assert_eq!(f("x.textfile"), None);
        assert_eq!(f("gz"), None);
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
}
