//! NITF (News Industry Text Format) XML: one story per file, with the editors' persons,
//! organisations and locations from `identified-content` as given metadata.

use roxmltree::Node;

use super::fields::{Field, set_field};
use super::xml::{self, attr, child, find, find_all, line};
use super::{FormatError, Parsed};
use crate::article::Article;

pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let prepared = xml::prepare(text);
    let doc = xml::parse(&prepared)?;
    let root = doc.root_element();
    let nitf = if xml::is(root, "nitf") {
        root
    } else {
        find(root, "nitf").ok_or_else(|| FormatError::Malformed("no <nitf> element".into()))?
    };
    let mut parsed = Parsed::default();
    match article(nitf) {
        Some(a) => parsed.articles.push(a),
        None => parsed
            .warnings
            .push("NITF story has no headline or body".into()),
    }
    Ok(parsed)
}

/// Reads one `<nitf>` element; NewsML-G2 reuses this for NITF carried inline.
pub fn article(nitf: Node) -> Option<Article> {
    let mut a = Article::default();
    let head = child(nitf, "head");
    let body = child(nitf, "body");
    if let Some(head) = head {
        let docdata = child(head, "docdata");
        a.record_id = docdata
            .and_then(|d| child(d, "doc-id"))
            .and_then(|d| attr(d, "id-string"))
            .map(str::to_string);
        let pubdata = child(head, "pubdata");
        a.date = pubdata
            .and_then(|p| attr(p, "date.publication"))
            .or_else(|| {
                docdata
                    .and_then(|d| child(d, "date.issue"))
                    .and_then(|d| attr(d, "norm"))
            })
            .map(xml::compact_date);
        a.source = pubdata.and_then(|p| attr(p, "name")).map(str::to_string);
        if let Some(ic) = docdata.and_then(|d| child(d, "identified-content")) {
            given_from(ic, &mut a);
        }
        if a.title.is_empty()
            && let Some(t) = child(head, "title").and_then(line)
        {
            a.title = t;
        }
    }
    if let Some(body) = body {
        if let Some(bh) = child(body, "body.head") {
            if let Some(hed) = child(bh, "hedline") {
                if let Some(hl1) = child(hed, "hl1").and_then(line) {
                    a.title = hl1;
                }
                a.subtitle = child(hed, "hl2").and_then(line);
            }
            for by in xml::children(bh, "byline") {
                // A byline may wrap the name in <person>, with a title after it.
                let name = child(by, "person").and_then(line).or_else(|| line(by));
                if let Some(name) = name {
                    set_field(&mut a, Field::Authors, &name);
                }
            }
            if let Some(dl) = child(bh, "dateline") {
                a.dateline = line(dl);
                if a.date.is_none() {
                    a.date = child(dl, "story.date")
                        .and_then(|d| attr(d, "norm"))
                        .map(xml::compact_date);
                }
            }
            if a.subtitle.is_none() {
                a.subtitle = child(bh, "abstract").and_then(line);
            }
            if let Some(dist) = child(bh, "distributor").and_then(line) {
                set_field(&mut a, Field::Source, &dist);
            }
        }
        if let Some(content) = child(body, "body.content") {
            a.body = xml::text(content);
        }
    }
    (!a.is_empty()).then_some(a)
}

/// Persons, organisations and places as the editors marked them. `value` or `key`
/// attributes hold normalised names; otherwise the element text is the name.
fn given_from(ic: Node, a: &mut Article) {
    let label = |n: Node| {
        attr(n, "value")
            .map(str::to_string)
            .or_else(|| line(n))
            .or_else(|| attr(n, "key").map(str::to_string))
    };
    for p in find_all(ic, "person") {
        if let Some(v) = label(p) {
            set_field(a, Field::People, &v);
        }
    }
    for o in find_all(ic, "org") {
        if let Some(v) = label(o) {
            set_field(a, Field::Orgs, &v);
        }
    }
    for c in find_all(ic, "country") {
        if let Some(v) = attr(c, "iso-cc").map(str::to_string).or_else(|| label(c)) {
            set_field(a, Field::Places, &v);
        }
    }
    for l in find_all(ic, "location") {
        // A location that names its country is covered by the country above.
        if find(l, "country").is_none()
            && let Some(v) = label(l)
        {
            set_field(a, Field::Places, &v);
        }
    }
    for s in find_all(ic, "classifier")
        .into_iter()
        .chain(find_all(ic, "object.title"))
    {
        if let Some(v) = label(s) {
            set_field(a, Field::Subjects, &v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NITF: &str = r#"<?xml version="1.0"?>
<!DOCTYPE nitf SYSTEM "nitf-3-5.dtd">
<nitf><head><title>Ignored title</title>
<docdata><doc-id id-string="XN-2026-0203-17"/><date.issue norm="20260203T105100Z"/>
<identified-content><person>Masoud Pezeshkian</person><org value="IAEA">the agency</org>
<location><city>Tehran</city><country iso-cc="IR">Iran</country></location><location>Gulf</location>
</identified-content></docdata>
<pubdata type="web" name="Wire Desk"/></head>
<body><body.head><hedline><hl1>Iran signals talks</hl1><hl2>Envoys to meet</hl2></hedline>
<byline>By <person>Dana Ekberg</person>, Staff</byline>
<dateline><location>TEHRAN</location>, <story.date norm="20260203">Feb 3</story.date></dateline></body.head>
<body.content><p>President Pezeshkian said on Tuesday&nbsp;that talks could resume.</p><p>Second paragraph.</p></body.content>
</body></nitf>"#;

    #[test]
    fn nitf_story() {
        let p = parse(NITF).unwrap();
        let a = &p.articles[0];
        assert_eq!(a.title, "Iran signals talks");
        assert_eq!(a.subtitle.as_deref(), Some("Envoys to meet"));
        assert_eq!(a.date.as_deref(), Some("2026-02-03T10:51:00Z"));
        assert_eq!(a.record_id.as_deref(), Some("XN-2026-0203-17"));
        assert_eq!(a.authors, vec!["Dana Ekberg"]);
        assert_eq!(a.dateline.as_deref(), Some("TEHRAN, Feb 3"));
        assert_eq!(a.given.people, vec!["Masoud Pezeshkian"]);
        assert_eq!(a.given.orgs, vec!["IAEA"]);
        assert_eq!(a.given.places, vec!["IR", "Gulf"]);
        assert_eq!(a.source.as_deref(), Some("Wire Desk"));
        assert!(
            a.body.starts_with("President Pezeshkian said"),
            "{}",
            a.body
        );
        assert!(a.body.contains("\n\nSecond paragraph."));
    }

    #[test]
    fn publication_date_wins_and_malformed_is_an_error() {
        let x = NITF.replace("type=\"web\"", "date.publication=\"20260204\"");
        assert_eq!(
            parse(&x).unwrap().articles[0].date.as_deref(),
            Some("2026-02-04")
        );
        let err = parse(&NITF[..200]).unwrap_err();
        assert!(err.to_string().starts_with("invalid XML"), "{err}");
        assert!(parse("<root/>").is_err());
    }
}
