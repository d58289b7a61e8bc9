//! RSS (2.0 and 1.0/RDF) and Atom feeds: one article per `item` or `entry`. A feed that
//! is not well-formed (cut off, stray markup) is re-read from its complete items alone.

use roxmltree::Node;

use super::fields::{Field, set_field};
use super::markup::{Scanner, html_to_text, one_line};
use super::xml::{self, attr, child, children, find_all, is, line};
use super::{FormatError, Parsed};
use crate::article::Article;

pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let prepared = xml::prepare(text);
    match xml::parse(&prepared) {
        Ok(doc) => Ok(from_root(doc.root_element())),
        Err(err) => salvage(&prepared, err),
    }
}

fn from_root(root: Node) -> Parsed {
    let atom = is(root, "feed");
    let channel = child(root, "channel").unwrap_or(root);
    let source = child(channel, "title").and_then(line);
    let items = if atom {
        children(root, "entry")
    } else {
        // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
        find_all(root, "item")
    };
    let mut parsed = Parsed::default();
    for (i, item) in items.into_iter().enumerate() {
        let mut a = if atom { entry(item) } else { rss_item(item) };
        if a.source.is_none() {
            a.source.clone_from(&source);
        }
        if a.is_empty() {
            parsed
                .warnings
                .push(format!("item {}: no title or text", i + 1));
        } else {
            parsed.articles.push(a);
        }
    }
    if parsed.articles.is_empty() && parsed.warnings.is_empty() {
        parsed.warnings.push("feed has no items".into());
    }
    parsed
}

/// Element text that may itself be escaped HTML (descriptions, `content:encoded`).
fn html_field(node: Node) -> String {
    if node.children().any(|c| c.is_element()) {
        // Atom `type="xhtml"` content, or unescaped markup in RSS.
        xml::text(node)
    } else {
        html_to_text(node.text().unwrap_or(""))
    }
}

/// Whether an element belongs to the feed vocabulary itself, not an extension such as
/// Media RSS, whose `media:title` would otherwise replace the story's title.
fn core(node: Node) -> bool {
    node.tag_name().namespace().is_none_or(|ns| {
        ns.contains("purl.org/rss/1.0/") && !ns.contains("modules")
            || ns.contains("w3.org/2005/Atom")
            || ns.contains("purl.org/atom")
    })
}

/// Names of extension elements that are read whatever their namespace (Dublin Core,
/// `content:encoded`).
fn extension_name(name: &str) -> bool {
    matches!(name, "date" | "creator" | "subject" | "encoded" | "issued")
}

fn rss_item(item: Node) -> Article {
    let mut a = Article::default();
    for c in item.children().filter(Node::is_element) {
        let name = c.tag_name().name().to_ascii_lowercase();
        if !core(c) && !extension_name(&name) {
            continue;
        }
        let value = || c.text().map(one_line).unwrap_or_default();
        match name.as_str() {
            "title" if a.title.is_empty() => {
                a.title = one_line(&html_to_text(c.text().unwrap_or("")));
            }
            "link" => set_field(&mut a, Field::Url, &value()),
            "guid" => set_field(&mut a, Field::Id, &value()),
            "pubdate" | "date" | "issued" | "published" => set_field(&mut a, Field::Date, &value()),
            "author" | "creator" => set_field(&mut a, Field::Authors, &author_name(&value())),
            "category" | "subject" => set_field(&mut a, Field::Subjects, &value()),
            "encoded" => a.body = html_field(c),
            "description" => {
                let d = html_field(c);
                if !d.is_empty() {
                    a.subtitle = Some(d);
                }
            }
            "source" => set_field(&mut a, Field::Source, &value()),
            _ => {}
        }
    }
    if let Some(about) = attr(item, "about")
        && a.url.is_none()
    {
        a.url = Some(about.to_string());
    }
    settle_body(&mut a);
    a
}

/// RSS `author` is often `mail@example.com (Full Name)`; the name is what matters.
fn author_name(v: &str) -> String {
    match (v.find('('), v.rfind(')')) {
        (Some(i), Some(j)) if i < j && v.contains('@') => v[i + 1..j].trim().to_string(),
        _ => v.to_string(),
    }
}

/// With no full content, the description is the body; with both, it is the deck.
fn settle_body(a: &mut Article) {
    if a.body.is_empty()
        && let Some(d) = a.subtitle.take()
    {
        a.body = d;
    }
    if a.subtitle.as_ref().is_some_and(|s| s.chars().count() > 600) {
        a.subtitle = None;
    }
}

fn entry(e: Node) -> Article {
    let mut a = Article::default();
    let mut updated = None;
    for c in e.children().filter(Node::is_element) {
        let name = c.tag_name().name().to_ascii_lowercase();
        if !core(c) && !extension_name(&name) {
            continue;
        }
        let value = || c.text().map(one_line).unwrap_or_default();
        match name.as_str() {
            "title" => a.title = one_line(&html_field(c)),
            "id" => set_field(&mut a, Field::Id, &value()),
            "published" | "issued" => set_field(&mut a, Field::Date, &value()),
            "updated" | "modified" => updated = Some(value()),
            "link" => {
                let rel = attr(c, "rel").unwrap_or("alternate");
                if rel == "alternate"
                    && let Some(href) = attr(c, "href")
                {
                    set_field(&mut a, Field::Url, href);
                }
            }
            "author" | "contributor" => {
                if let Some(n) = child(c, "name").and_then(line) {
                    set_field(&mut a, Field::Authors, &n);
                }
            }
            "category" => {
                if let Some(t) = attr(c, "label").or_else(|| attr(c, "term")) {
                    set_field(&mut a, Field::Subjects, t);
                }
            }
            "content" => a.body = html_field(c),
            "summary" => {
                let s = html_field(c);
                if !s.is_empty() {
                    a.subtitle = Some(s);
                }
            }
            "source" => {
                if let Some(t) = child(c, "title").and_then(line) {
                    set_field(&mut a, Field::Source, &t);
                }
            }
            _ => {}
        }
    }
    if a.date.is_none()
        && let Some(u) = updated
    {
        set_field(&mut a, Field::Date, &u);
    }
    settle_body(&mut a);
    a
}

/// Rebuilds a feed from its complete items when the whole does not parse, keeping the
/// root's start tag for its namespace declarations.
fn salvage(text: &str, err: FormatError) -> Result<Parsed, FormatError> {
    let atom = matches!(super::sniff_xml_root(text), Some(super::Format::Atom));
    let (root_name, item_name) = if atom {
        ("feed", "entry")
    } else {
        ("rss", "item")
    };
    let s = Scanner::new(text);
    let items = s.elements(item_name);
    if items.is_empty() {
        return Err(err);
    }
    let root_open = s
        .find_start(root_name, 0)
        .and_then(|i| Some(&text[i..i + text.get(i..)?.find('>')? + 1]))
        .filter(|t| !t.ends_with("/>"))
        .unwrap_or(if atom {
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        } else {
            "<rss>"
        });
    let mut rebuilt = String::from(root_open);
    if !atom {
        rebuilt.push_str("<channel>");
    }
    let mut count = 0;
    for it in &items {
        let Some(src) = text.get(it.start..it.end) else {
            continue;
        };
        // An item that does not parse on its own is dropped rather than the whole feed.
        let probe = format!("{root_open}{src}</{root_name}>");
        if xml::parse(&probe).is_ok() {
            rebuilt.push_str(src);
            count += 1;
        }
    }
    if count == 0 {
        return Err(err);
    }
    if !atom {
        rebuilt.push_str("</channel>");
    }
    rebuilt.push_str(&format!("</{root_name}>"));
    let doc = xml::parse(&rebuilt)?;
    let mut parsed = from_root(doc.root_element());
    let reason = match &err {
        FormatError::Malformed(m) => m.clone(),
        other => other.to_string(),
    };
    parsed.warnings.insert(
        0,
        format!("feed is not well-formed ({reason}); read {count} complete items"),
    );
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Times</title><link>https://ht.example</link>
<item><title>Port strike&nbsp;ends</title><link>https://ht.example/a1</link>
<guid isPermaLink="false">ht-0001</guid><pubDate>Tue, 03 Feb 2026 10:51:00 GMT</pubDate>
<dc:creator>Kim Lee</dc:creator><category>Labour</category>
<description>&lt;p&gt;Dockers &lt;b&gt;returned&lt;/b&gt; to work.&lt;/p&gt;</description></item>
<item><title>Second</title><guid>ht-0002</guid>
<content:encoded><![CDATA[<p>Full text here.</p><p>More text.</p>]]></content:encoded>
<description>Short deck</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let p = parse(RSS).unwrap();
        assert_eq!(p.articles.len(), 2);
        let a = &p.articles[0];
        assert_eq!(a.title, "Port strike ends");
        assert_eq!(a.url.as_deref(), Some("https://ht.example/a1"));
        assert_eq!(a.record_id.as_deref(), Some("ht-0001"));
        assert_eq!(a.date.as_deref(), Some("Tue, 03 Feb 2026 10:51:00 GMT"));
        assert_eq!(a.authors, vec!["Kim Lee"]);
        assert_eq!(a.given.subjects, vec!["Labour"]);
        assert_eq!(a.body, "Dockers returned to work.");
        assert_eq!(a.source.as_deref(), Some("Harbour Times"));
        let b = &p.articles[1];
        assert_eq!(b.body, "Full text here.\n\nMore text.");
        assert_eq!(b.subtitle.as_deref(), Some("Short deck"));
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title type="html">Floods &amp;amp; rain</title><id>urn:x:1</id>
<updated>2026-01-02T00:00:00Z</updated><published>2026-01-01T08:00:00Z</published>
<link rel="alternate" href="https://w.example/1"/><author><name>Ora Ben</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Water rose.</p></div></content>
</entry></feed>"#;
        let p = parse(atom).unwrap();
        let a = &p.articles[0];
        assert_eq!(a.title, "Floods & rain");
        assert_eq!(a.date.as_deref(), Some("2026-01-01T08:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://w.example/1"));
        assert_eq!(a.authors, vec!["Ora Ben"]);
        assert_eq!(a.body, "Water rose.");
        assert_eq!(a.record_id.as_deref(), Some("urn:x:1"));
    }

    #[test]
    fn truncated_feed_keeps_complete_items() {
        let cut = &RSS[..RSS.find("Full text").unwrap()];
        let p = parse(cut).unwrap();
        assert_eq!(p.articles.len(), 1);
        assert!(
            p.warnings[0].contains("not well-formed"),
            "{:?}",
            p.warnings
        );
        let err = parse("<rss><channel><title>x</title>").unwrap_err();
        assert!(err.to_string().starts_with("invalid XML"), "{err}");
    }

    #[test]
    fn media_rss_title_does_not_replace_the_story_title() {
        let rss = r#"<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item>
<title>Real title</title><media:title>Photo caption</media:title>
<media:description>Photo of a boat</media:description><description>Text.</description>
</item></channel></rss>"#;
        let a = &parse(rss).unwrap().articles[0];
        assert_eq!(a.title, "Real title");
        assert_eq!(a.body, "Text.");
    }

    #[test]
    fn rss_author_email_form() {
        assert_eq!(author_name("desk@x.example (Sam Oduya)"), "Sam Oduya");
        assert_eq!(author_name("Sam Oduya"), "Sam Oduya");
    }
}
