//! NewsML-G2: one article per `newsItem` (alone, or several in a `newsMessage`), with
//! the body from inline NITF, XHTML or plain data, and `subject` qcodes as given labels.

use roxmltree::Node;

use super::fields::{Field, set_field};
use super::markup::html_to_text;
use super::xml::{self, attr, child, children, find, find_all, line};
use super::{FormatError, Parsed, nitf};
use crate::article::Article;

pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let prepared = xml::prepare(text);
    let doc = xml::parse(&prepared)?;
    let root = doc.root_element();
    let items: Vec<Node> = if xml::is(root, "newsItem") {
        vec![root]
    } else {
        find_all(root, "newsItem")
    };
    if items.is_empty() {
        return Err(FormatError::Malformed("no NewsML-G2 <newsItem>".into()));
    }
    let mut parsed = Parsed::default();
    for (i, item) in items.into_iter().enumerate() {
        match news_item(item) {
            Some(a) => parsed.articles.push(a),
            None => parsed
                .warnings
                .push(format!("newsItem {}: no headline or body", i + 1)),
        }
    }
    Ok(parsed)
}

fn news_item(item: Node) -> Option<Article> {
    let mut a = Article {
        record_id: attr(item, "guid").map(str::to_string),
        ..Article::default()
    };
    if let Some(meta) = child(item, "itemMeta") {
        // The first publication is the story's date; later versions are corrections.
        a.date = ["firstCreated", "versionCreated"]
            .iter()
            .find_map(|n| child(meta, n).and_then(line));
        if let Some(p) = child(meta, "provider") {
            a.source = attr(p, "literal")
                .map(str::to_string)
                .or_else(|| child(p, "name").and_then(line))
                .or_else(|| attr(p, "qcode").map(|q| q.trim_start_matches("nprov:").to_string()));
        }
    }
    if let Some(cm) = child(item, "contentMeta") {
        if let Some(created) = child(cm, "contentCreated").and_then(line) {
            a.date = Some(created);
        }
        a.title = child(cm, "headline").and_then(line).unwrap_or_default();
        a.subtitle = child(cm, "description").and_then(line);
        a.dateline = child(cm, "dateline").and_then(line);
        for by in children(cm, "by") {
            if let Some(v) = line(by) {
                set_field(&mut a, Field::Authors, &v);
            }
        }
        for cr in children(cm, "creator") {
            if let Some(v) = child(cr, "name")
                .and_then(line)
                .or_else(|| attr(cr, "literal").map(str::to_string))
            {
                set_field(&mut a, Field::Authors, &v);
            }
        }
        for s in children(cm, "subject") {
            subject(s, &mut a);
        }
        for l in children(cm, "located") {
            if let Some(v) = child(l, "name").and_then(line) {
                set_field(&mut a, Field::Places, &v);
            }
        }
    }
    if let Some(cs) = child(item, "contentSet") {
        a.body = body(cs);
        if a.title.is_empty()
            && let Some(n) = find(cs, "nitf").and_then(nitf::article)
        {
            a.title = n.title;
        }
    }
    (!a.is_empty()).then_some(a)
}

/// A `subject`: its qcode (or name) as a subject label; people, organisations and
/// places typed by IPTC concept types also go to their given lists.
fn subject(s: Node, a: &mut Article) {
    let name = child(s, "name").and_then(line);
    let kind = attr(s, "type").unwrap_or("").to_ascii_lowercase();
    let label = name
        .clone()
        .or_else(|| attr(s, "literal").map(str::to_string));
    let field = if kind.contains("person") {
        Some(Field::People)
    } else if kind.contains("organisation") || kind.contains("organization") {
        Some(Field::Orgs)
    } else if kind.contains("geoarea") || kind.contains("country") {
        Some(Field::Places)
    } else {
        None
    };
    if let (Some(f), Some(l)) = (field, &label) {
        set_field(a, f, l);
    }
    if let Some(q) = attr(s, "qcode") {
        // Kept whole (`medtop:20000106`) so labels stay unambiguous across schemes.
        if !a.given.subjects.iter().any(|x| x == q) {
            a.given.subjects.push(q.to_string());
        }
    } else if let Some(l) = label
        && field.is_none()
    {
        set_field(a, Field::Subjects, &l);
    }
}

/// The text of the first textual content: inline NITF, XHTML, or inline data.
fn body(cs: Node) -> String {
    for ix in children(cs, "inlineXML") {
        if let Some(content) = find(ix, "nitf").and_then(|n| find(n, "body.content")) {
            return xml::text(content);
        }
        if let Some(b) = find(ix, "body") {
            return xml::text(b);
        }
        let t = xml::text(ix);
        if !t.is_empty() {
            return t;
        }
    }
    for d in children(cs, "inlineData") {
        let raw = d.text().unwrap_or("");
        let ct = attr(d, "contenttype").unwrap_or("");
        let t = if ct.contains("html") {
            html_to_text(raw)
        } else {
            super::markup::tidy_paragraphs(raw)
        };
        if !t.is_empty() {
            return t;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    const G2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:wire.example:20260203:g2-17" version="2">
<itemMeta><itemClass qcode="ninat:text"/><provider literal="Wire Example"/>
<versionCreated>2026-02-03T12:00:00Z</versionCreated><firstCreated>2026-02-03T10:51:00Z</firstCreated></itemMeta>
<contentMeta><headline>Tehran offers talks</headline><by>Dana Ekberg</by>
<subject type="cpnat:abstract" qcode="medtop:11000000"><name>politics</name></subject>
<subject type="cpnat:person" qcode="wiki:Q1"><name>Masoud Pezeshkian</name></subject>
<subject type="cpnat:geoArea" qcode="iso3166-1a2:IR"><name>Iran</name></subject></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
<body><p>The president said talks could resume.</p><p>Envoys will meet.</p></body></html></inlineXML></contentSet>
</newsItem>"#;

    #[test]
    fn g2_item() {
        let p = parse(G2).unwrap();
        let a = &p.articles[0];
        assert_eq!(a.title, "Tehran offers talks");
        assert_eq!(a.date.as_deref(), Some("2026-02-03T10:51:00Z"));
        assert_eq!(
            a.record_id.as_deref(),
            Some("urn:newsml:wire.example:20260203:g2-17")
        );
        assert_eq!(a.authors, vec!["Dana Ekberg"]);
        assert_eq!(a.source.as_deref(), Some("Wire Example"));
        assert_eq!(
            a.given.subjects,
            vec!["medtop:11000000", "wiki:Q1", "iso3166-1a2:IR"]
        );
        assert_eq!(a.given.people, vec!["Masoud Pezeshkian"]);
        assert_eq!(a.given.places, vec!["Iran"]);
        assert_eq!(
            a.body,
            "The president said talks could resume.\n\nEnvoys will meet."
        );
    }

    #[test]
    fn message_with_two_items_and_nitf_body_and_errors() {
        let msg = r#"<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
<newsItem guid="a"><contentMeta><headline>One</headline></contentMeta></newsItem>
<newsItem guid="b"><itemMeta><versionCreated>2026-01-01T00:00:00Z</versionCreated></itemMeta>
<contentSet><inlineXML><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.head><hedline><hl1>Two</hl1></hedline></body.head>
<body.content><p>Nitf body.</p></body.content></body></nitf></inlineXML></contentSet></newsItem>
</itemSet></newsMessage>"#;
        let p = parse(msg).unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[1].title, "Two");
        assert_eq!(p.articles[1].body, "Nitf body.");
        assert_eq!(p.articles[1].date.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert!(parse(&G2[..300]).is_err());
        assert!(parse("<newsMessage/>").is_err());
    }
}
