//! Shared XML reading for NITF, NewsML-G2 and feeds: tolerant parsing (HTML entities,
//! DTDs) over roxmltree, lookups by local name, and element text as paragraphs.

use std::borrow::Cow;

use roxmltree::{Document, Node, ParsingOptions};

use super::FormatError;
use super::limits::{MAX_DEPTH, too_deep};
use super::markup::{tidy_paragraphs, xmlize_entities_except};

/// Text ready for the XML parser: HTML-only entities rewritten, BOM dropped.
pub fn prepare(text: &str) -> Cow<'_, str> {
    let text = text.trim_start_matches('\u{feff}');
    xmlize_entities_except(text, &declared_entities(text))
}

/// Entity names declared in an internal DTD subset (`<!ENTITY corp "Acme">`).
fn declared_entities(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in text.split("<!ENTITY").skip(1) {
        let name: String = part
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
            .collect();
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

/// Parses prepared text; the error is one line with the parser's position.
pub fn parse(text: &str) -> Result<Document<'_>, FormatError> {
    // roxmltree's tokenizer recurses per level, so depth is checked before it runs.
    if super::markup::nesting_depth(text, MAX_DEPTH, &[]) > MAX_DEPTH {
        return Err(FormatError::Malformed(too_deep("XML")));
    }
    let opts = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts)
        .map_err(|e| FormatError::Malformed(format!("invalid XML: {e}")))
}

/// Whether an element's local name (namespace ignored) is `name`, case-insensitively.
pub fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

/// The first child element with this local name.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, name))
}

/// All child elements with this local name.
pub fn children<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    node.children().filter(|c| is(*c, name)).collect()
}

/// The first descendant element (not the node itself) with this local name.
pub fn find<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.descendants().skip(1).find(|c| is(*c, name))
}

/// All descendant elements with this local name.
pub fn find_all<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    node.descendants()
        .skip(1)
        .filter(|c| is(*c, name))
        .collect()
}

/// An attribute by local name, whatever its namespace.
pub fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name().eq_ignore_ascii_case(name))
        .map(|a| a.value())
        .filter(|v| !v.trim().is_empty())
}

/// Elements after which running text breaks into a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hl1",
    "hl2",
    "block",
    "tr",
    "blockquote",
    "section",
    "pre",
    "table",
    "ul",
    "ol",
];

/// All text below a node, with paragraph breaks at block elements.
pub fn text(node: Node) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if d.is_text() {
            out.push_str(d.text().unwrap_or(""));
        } else if d.is_element() {
            let name = d.tag_name().name().to_ascii_lowercase();
            // Inline markup (<b>, <person>) sits inside words' flow and adds no space.
            if BLOCKS.contains(&name.as_str()) {
                out.push_str("\n\n");
            }
        }
    }
    tidy_paragraphs(&out)
}

/// Text below a node on one line (titles, names).
pub fn line(node: Node) -> Option<String> {
    let t = super::markup::one_line(&text(node));
    (!t.is_empty()).then_some(t)
}

/// ISO 8601 basic forms used by NITF and IPTC (`20260203T105100Z`, `20260203T105100+0100`,
/// `20260203`) as RFC 3339; anything else is returned unchanged for the core's parser.
pub fn compact_date(raw: &str) -> String {
    let s = raw.trim();
    let digits = |r: &str| r.chars().all(|c| c.is_ascii_digit());
    let Some(date) = s.get(..8).filter(|d| digits(d)) else {
        return s.to_string();
    };
    let (y, m, d) = (&date[..4], &date[4..6], &date[6..8]);
    let rest = &s[8..];
    if rest.is_empty() {
        return format!("{y}-{m}-{d}");
    }
    let Some(time) = rest.strip_prefix(['T', 't']) else {
        return s.to_string();
    };
    let clock_len = time.chars().take_while(char::is_ascii_digit).count();
    if clock_len < 4 {
        return s.to_string();
    }
    let clock = &time[..clock_len];
    let sec = clock.get(4..6).unwrap_or("00");
    let zone = &time[clock_len..];
    let zone = match zone {
        "" | "Z" | "z" => "Z".to_string(),
        z if z.len() == 5 && z.starts_with(['+', '-']) && digits(&z[1..]) => {
            format!("{}:{}", &z[..3], &z[3..])
        }
        z => z.to_string(),
    };
    format!("{y}-{m}-{d}T{}:{}:{sec}{zone}", &clock[..2], &clock[2..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_dates() {
        assert_eq!(compact_date("20260203T105100Z"), "2026-02-03T10:51:00Z");
        assert_eq!(
            compact_date("20260203T1051+0530"),
            "2026-02-03T10:51:00+05:30"
        );
        assert_eq!(compact_date("20260203"), "2026-02-03");
        assert_eq!(compact_date("2026-02-03T10:51:00Z"), "2026-02-03T10:51:00Z");
        assert_eq!(compact_date("2026"), "2026");
    }

    #[test]
    fn text_keeps_paragraphs_and_html_entities_parse() {
        let src = prepare("<a><p>One&nbsp;<b>two</b></p><p>three</p></a>");
        let doc = parse(&src).unwrap();
        assert_eq!(text(doc.root_element()), "One two\n\nthree");
        assert!(parse("<a><b></a>").is_err());
        for tag in ["b", "p", "li"] {
            let deep = format!(
                "<a>{}x{}</a>",
                format!("<{tag}>").repeat(20_000),
                format!("</{tag}>").repeat(20_000)
            );
            let err = parse(&deep).unwrap_err().to_string();
            assert_eq!(err, "XML nested deeper than 128 levels");
        }
        let dtd = "<!DOCTYPE a [<!ENTITY corp \"Acme\">]><a>&corp; &nbsp;x</a>";
        let src = prepare(dtd);
        let doc = parse(&src).unwrap();
        assert_eq!(text(doc.root_element()), "Acme x");
    }
}
