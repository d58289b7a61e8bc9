//! What a page's markup states outright: `<meta>` contents, attributes and element
//! texts, each reduced to one line, as every other part of the page reading wants them.

use dom_query::Document;

use crate::formats::markup::one_line;

pub(super) fn nonempty(s: String) -> Option<String> {
    let s = one_line(&s);
    (!s.is_empty()).then_some(s)
}

/// The first non-empty `content` of a `<meta>` whose property, name or itemprop is one of
/// `keys` (compared case-insensitively, as sites vary).
pub(super) fn meta(doc: &Document, keys: &[&str]) -> Option<String> {
    all_meta(doc, keys).into_iter().next()
}

/// Every non-empty `content` of the `<meta>` tags named by `keys`, in the order of `keys`.
pub(super) fn all_meta(doc: &Document, keys: &[&str]) -> Vec<String> {
    let metas = doc.select("meta");
    let mut out = Vec::new();
    for key in keys {
        for m in metas.iter() {
            let matches = ["property", "name", "itemprop"].iter().any(|k| {
                m.attr(k)
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
            });
            if matches && let Some(v) = m.attr("content").and_then(|c| nonempty(c.to_string())) {
                out.push(v);
            }
        }
    }
    out
}

pub(super) fn text_of(doc: &Document, selector: &str) -> Option<String> {
    let sel = doc.try_select(selector)?;
    sel.iter().find_map(|s| nonempty(s.text().to_string()))
}

pub(super) fn attr_of(doc: &Document, selector: &str, name: &str) -> Option<String> {
    let sel = doc.try_select(selector)?;
    sel.iter()
        .find_map(|s| s.attr(name).and_then(|v| nonempty(v.to_string())))
}
