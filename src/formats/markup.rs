//! Shared text helpers for the markup formats: entity decoding, HTML fragments to plain
//! text, and a forgiving tag scanner for SGML that is not well-formed XML.

use std::borrow::Cow;

/// Named entities seen in news markup beyond the five XML ones. HTML defines many more;
/// these are the ones feeds and wire copy actually use.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201a}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("bdquo", '\u{201e}'),
    ("hellip", '\u{2026}'),
    ("bull", '\u{2022}'),
    ("middot", '\u{b7}'),
    ("laquo", '\u{ab}'),
    ("raquo", '\u{bb}'),
    ("copy", '\u{a9}'),
    ("reg", '\u{ae}'),
    ("trade", '\u{2122}'),
    ("deg", '\u{b0}'),
    ("euro", '\u{20ac}'),
    ("pound", '\u{a3}'),
    ("yen", '\u{a5}'),
    ("cent", '\u{a2}'),
    ("sect", '\u{a7}'),
    ("para", '\u{b6}'),
    ("times", '\u{d7}'),
    ("divide", '\u{f7}'),
    ("shy", '\u{ad}'),
    ("iexcl", '\u{a1}'),
    ("iquest", '\u{bf}'),
    ("szlig", '\u{df}'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("iacute", 'í'),
    ("igrave", 'ì'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ograve", 'ò'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("oslash", 'ø'),
    ("uacute", 'ú'),
    ("ugrave", 'ù'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yuml", 'ÿ'),
    ("Aacute", 'Á'),
    ("Agrave", 'À'),
    ("Acirc", 'Â'),
    ("Auml", 'Ä'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("Ccedil", 'Ç'),
    ("Eacute", 'É'),
    ("Egrave", 'È'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ouml", 'Ö'),
    ("Oslash", 'Ø'),
    ("Uacute", 'Ú'),
    ("Uuml", 'Ü'),
];

/// Looks up a named entity (case-sensitive, as HTML is, with a lowercase retry).
fn named(name: &str) -> Option<char> {
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .or_else(|| {
            let lower = name.to_ascii_lowercase();
            NAMED.iter().find(|(n, _)| *n == lower)
        })
        .map(|(_, c)| *c)
}

/// Decodes `&name;`, `&#N;` and `&#xH;`. Control characters that wire services wrote as
/// numeric entities (`&#3;` end-of-text) are dropped; unknown entities stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = entity_end(after, true);
        let decoded = end.and_then(|j| {
            let name = &after[..j];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse::<u32>().ok()?,
                };
                Some(char::from_u32(code).unwrap_or('\u{fffd}'))
            } else {
                named(name)
            }?;
            Some((c, j))
        });
        match decoded {
            Some((c, j)) => {
                if !c.is_control() || matches!(c, '\n' | '\t') {
                    out.push(c);
                } else if c == '\r' {
                    out.push('\n');
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where the `;` of an entity starting right after `&` is: within 12 characters, after
/// letters and digits only (and `#` for numeric references when `numeric`).
fn entity_end(after: &str, numeric: bool) -> Option<usize> {
    after
        .char_indices()
        .take(12)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || (numeric && c == '#')))
        .filter(|&(_, c)| c == ';')
        .map(|(j, _)| j)
}

/// Rewrites HTML named entities that XML does not define (`&nbsp;`) as numeric references,
/// so an XML parser accepts feeds that use them.
pub fn xmlize_entities(s: &str) -> Cow<'_, str> {
    xmlize_entities_except(s, &[])
}

/// As `xmlize_entities`, leaving alone the names a DOCTYPE declares itself.
pub fn xmlize_entities_except<'a>(s: &'a str, declared: &[String]) -> Cow<'a, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = entity_end(after, false);
        match end {
            Some(j) if j > 0 => {
                let name = &after[..j];
                if matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                    || declared.iter().any(|d| d == name)
                {
                    out.push('&');
                    out.push_str(name);
                    out.push(';');
                } else if let Some(c) = named(name) {
                    out.push_str(&format!("&#{};", c as u32));
                } else {
                    // An unknown name would make the whole document fail; keep it as text.
                    out.push_str("&amp;");
                    out.push_str(name);
                    out.push(';');
                }
                rest = &after[j + 1..];
            }
            _ => {
                // A bare ampersand ("AT&T") or a numeric reference: numeric ones are valid.
                if after.starts_with('#') {
                    out.push('&');
                } else {
                    out.push_str("&amp;");
                }
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Elements whose start or end marks a paragraph break in running text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "dd",
    "dt",
];

/// Turns an HTML fragment (a feed's description, NITF body markup) into plain text with
/// paragraphs separated by blank lines. Scripts and styles are dropped with their content.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..i]));
        let tag_src = &rest[i + 1..];
        if let Some(c) = tag_src.strip_prefix("!--") {
            rest = c.find("-->").map_or("", |j| &c[j + 3..]);
            continue;
        }
        if !tag_src.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            // Not a tag at all ("a < b"), so keep it as text.
            out.push('<');
            rest = tag_src;
            continue;
        }
        let Some(close) = tag_src.find('>') else {
            // A lone '<' in text, or a tag cut off at the end.
            if tag_src.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
                rest = "";
            } else {
                out.push('<');
                rest = tag_src;
            }
            continue;
        };
        let tag = &tag_src[..close];
        rest = &tag_src[close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let end = format!("</{name}");
            rest = match find_ignore_case(rest, &end) {
                Some(j) => rest[j..].find('>').map_or("", |k| &rest[j + k + 1..]),
                None => "",
            };
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push_str("\n\n");
        } else {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    tidy_paragraphs(&out)
}

/// The byte offset of an ASCII needle in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// Elements that never enclose others, or that HTML closes implicitly (`<p>`, `<li>`),
/// so they do not deepen the nesting estimate; and the leaf shapes of inline SVG, which
/// pages write as `<path/>` and which the parser closes as foreign content.
pub const HTML_UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dd", "dt", "path", "circle", "rect",
    "line", "polyline", "polygon", "ellipse", "use", "stop",
];

/// An estimate of how deeply a markup document nests, counted up to `limit` (past which
/// the exact value does not matter). Parsers recurse or slow down quadratically on
/// pathological nesting, so callers check this first. Tags named in `unnested` never
/// deepen it: HTML's void elements and those whose end tags are implied
/// (`HTML_UNNESTED`); XML has none, every open tag nests.
pub fn nesting_depth(text: &str, limit: usize, unnested: &[&str]) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += rest
                .windows(3)
                .position(|w| w == b"-->")
                .map_or(rest.len(), |j| j + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name: Vec<u8> = rest[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_' | b'.'))
            .map(u8::to_ascii_lowercase)
            .collect();
        if name.is_empty() {
            continue;
        }
        let skip = std::str::from_utf8(&name).is_ok_and(|n| unnested.contains(&n));
        // The tag ends at its '>', but the search stops at the next '<': text full of tag
        // starts without a '>' ("<<p<<p...") would otherwise be read to its end once per
        // tag, which grows with the square of its length.
        let tag_end = rest
            .iter()
            .position(|&c| c == b'>' || c == b'<')
            .unwrap_or(rest.len());
        // "<x/>" closes itself in XML; in HTML the slash means nothing on an element that
        // is not void, and "<div/>" opens a div like "<div>" (the void ones are listed).
        let xml = unnested.is_empty();
        let self_closing = xml
            && tag_end > 0
            && rest.get(tag_end) == Some(&b'>')
            && rest.get(tag_end - 1) == Some(&b'/');
        if closing {
            if !skip {
                depth = depth.saturating_sub(1);
            }
        } else if !skip && !self_closing {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                return max;
            }
        }
    }
    max
}

/// Collapses runs of spaces inside lines and of blank lines between paragraphs.
pub fn tidy_paragraphs(text: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let joined = block.split_whitespace().collect::<Vec<_>>().join(" ");
        if !joined.is_empty() {
            paragraphs.push(joined);
        }
    }
    paragraphs.join("\n\n")
}

/// Collapses all whitespace to single spaces; for titles and names.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A case-insensitive view of SGML text for locating tags: the lowercase copy has the
/// same byte offsets as the original, so positions found in one slice the other.
pub struct Scanner<'a> {
    pub text: &'a str,
    lower: String,
}

/// One element found by the scanner: its start tag's attributes and its content.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    /// Byte offset of the start tag's `<`, within the scanned text.
    pub start: usize,
    pub attrs: &'a str,
    pub content: &'a str,
    /// Byte offset just past the end tag, within the scanned text.
    pub end: usize,
    /// False when the end tag was missing and the element was cut at the next one.
    pub closed: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// The offset of the next start tag `<name` (followed by `>`, space or `/`) from `from`.
    pub fn find_start(&self, name: &str, from: usize) -> Option<usize> {
        let needle = format!("<{}", name.to_ascii_lowercase());
        let mut pos = from;
        loop {
            let i = pos + self.lower.get(pos..)?.find(&needle)?;
            let after = i + needle.len();
            match self.lower.as_bytes().get(after) {
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') => return Some(i),
                Some(_) => pos = after,
                None => return None,
            }
        }
    }

    /// The next `</name` whose name ends there (so `</DOC` does not match `</DOCNO>`).
    fn find_close(&self, close: &str, from: usize, limit: usize) -> Option<usize> {
        let mut pos = from;
        loop {
            let i = pos + self.lower.get(pos..limit)?.find(close)?;
            let after = i + close.len();
            match self.lower.as_bytes().get(after) {
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r') | None => return Some(i),
                Some(_) => pos = after,
            }
        }
    }

    /// The first complete `<name ...>content</name>` at or after `from`, or `None` when there
    /// is none or it is not closed (a truncated file).
    pub fn element(&self, name: &str, from: usize) -> Option<Element<'a>> {
        let start = self.find_start(name, from)?;
        let open_end = start + self.lower.get(start..)?.find('>')?;
        let attrs_from = start + 1 + name.len();
        let attrs = self.text.get(attrs_from..open_end)?;
        let close = format!("</{}", name.to_ascii_lowercase());
        let content_from = open_end + 1;
        // The end tag is looked for only before the next start tag: a record whose end
        // tag is missing then ends where the next one starts instead of swallowing it,
        // and the scan stays linear.
        let next = self.find_start(name, content_from);
        let limit = next.unwrap_or(self.lower.len());
        let Some(close_at) = self.find_close(&close, content_from, limit) else {
            let next = next?;
            return Some(Element {
                start,
                attrs,
                content: self.text.get(content_from..next)?,
                end: next,
                closed: false,
            });
        };
        let end = close_at
            + self
                .lower
                .get(close_at..)?
                .find('>')
                .map_or(close.len(), |k| k + 1);
        Some(Element {
            start,
            attrs,
            content: self.text.get(content_from..close_at)?,
            end,
            closed: true,
        })
    }

    /// Every complete element of this name, in order, without nesting.
    pub fn elements(&self, name: &str) -> Vec<Element<'a>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(e) = self.element(name, pos) {
            pos = e.end.max(pos + 1);
            out.push(e);
        }
        out
    }
}

/// Reads `NAME="value"` (or unquoted `NAME=value`) from a start tag's attribute text.
pub fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let lower = attrs.to_ascii_lowercase();
    let needle = name.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(off) = lower.get(pos..)?.find(&needle) {
        let i = pos + off;
        pos = i + needle.len();
        let before_ok = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = attrs.get(pos..)?.trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value[1..];
                inner.find(q).map_or(inner, |j| &inner[..j])
            }
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_numeric_named_and_controls() {
        assert_eq!(decode_entities("&lt;Cargill Inc&gt;"), "<Cargill Inc>");
        assert_eq!(decode_entities("Reuter\n&#3;"), "Reuter\n");
        assert_eq!(decode_entities("caf&#233; &#xE9;"), "café é");
        assert_eq!(decode_entities("AT&T &bogus; &"), "AT&T &bogus; &");
        assert_eq!(decode_entities("a&nbsp;b"), "a b");
    }

    #[test]
    fn xml_entities_rewritten() {
        assert_eq!(
            xmlize_entities("a&nbsp;b &amp; AT&T"),
            "a&#32;b &amp; AT&amp;T"
        );
        assert_eq!(
            xmlize_entities("&unknownent; &#38;"),
            "&amp;unknownent; &#38;"
        );
    }

    #[test]
    fn html_fragment_to_paragraphs() {
        let t = html_to_text(
            "<p>First <b>bold</b> line.</p><script>var x = '<p>';</script><p>Second&nbsp;one</p>",
        );
        assert_eq!(t, "First bold line.\n\nSecond one");
        assert_eq!(html_to_text("a < b and <i>c"), "a < b and c");
        assert_eq!(html_to_text("cut <p class=\"x"), "cut");
    }

    #[test]
    fn scanner_finds_elements_case_insensitively() {
        let s = Scanner::new("<DOC><DOCNO> X1 </DOCNO><text>body</TEXT></DOC><DOC><DOCNO>2");
        let docs = s.elements("doc");
        assert_eq!(docs.len(), 1, "the unclosed second DOC is not complete");
        let inner = Scanner::new(docs[0].content);
        assert_eq!(inner.element("DOCNO", 0).unwrap().content.trim(), "X1");
        assert_eq!(inner.element("text", 0).unwrap().content, "body");
        assert!(s.find_start("DOCN", 0).is_none(), "prefix of a longer name");
        let s = Scanner::new("<DOC>one<DOC>two</DOC><DOC>three</DOC>");
        let docs = s.elements("doc");
        let contents: Vec<_> = docs.iter().map(|d| (d.content, d.closed)).collect();
        assert_eq!(
            contents,
            vec![("one", false), ("two", true), ("three", true)]
        );
    }

    #[test]
    fn nesting_estimate() {
        let html = HTML_UNNESTED;
        assert_eq!(nesting_depth("<a><b/><c><d></d></c></a>", 100, &[]), 3);
        assert_eq!(nesting_depth("<a><b/><c><d></d></c></a>", 100, html), 4);
        assert_eq!(
            nesting_depth("<p>one<p>two<p>three<br><img src=x>", 100, html),
            0
        );
        assert_eq!(nesting_depth("<!-- <a><a><a> --><x>", 100, html), 1);
        let deep = "<div>".repeat(5000);
        assert_eq!(nesting_depth(&deep, 64, html), 65);
        // "<div/>" nests in HTML, not in XML.
        let slashed = "<div/>".repeat(300);
        assert_eq!(nesting_depth(&slashed, 100, html), 101);
        assert_eq!(nesting_depth(&slashed, 100, &[]), 0);
        // Tag starts without their '>' cost one pass, not one per tag.
        let unclosed = "<<p".repeat(200_000);
        assert_eq!(nesting_depth(&unclosed, 100, html), 0);
        assert_eq!(nesting_depth(&unclosed, 100, &[]), 101);
        // In XML a <p> nests like any element.
        let deep_p = format!("{}x{}", "<p>".repeat(300), "</p>".repeat(300));
        assert_eq!(nesting_depth(&deep_p, 100, html), 0);
        assert_eq!(nesting_depth(&deep_p, 100, &[]), 101);
    }

    #[test]
    fn attributes_quoted_and_bare() {
        assert_eq!(attr(" TOPICS=\"YES\" NEWID=\"17\"", "newid"), Some("17"));
        assert_eq!(attr(" OLDID=5 NEWID=9>", "NEWID"), Some("9"));
        assert_eq!(attr(" OLDNEWID=\"1\"", "NEWID"), None);
    }
}
