//! JSON (`.json`: one article object or an array of them) and JSON Lines (`.jsonl`,
//! `.ndjson`: one article per line, bad lines skipped and reported).

use serde_json::Value;

use super::fields::article_from_object;
use super::parts::Parts;
use super::{FormatError, Parsed};
use crate::article::Article;

/// A whole-file JSON document: an object, an array of objects, or an object wrapping an
/// array under a common key ("articles", "items", "data").
pub fn parse_document(text: &str) -> Result<Parsed, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        FormatError::Malformed(format!(
            "invalid JSON at line {} column {}: {}",
            e.line(),
            e.column(),
            short_reason(&e)
        ))
    })?;
    let mut parsed = Parsed::default();
    let records: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(obj) => match ["articles", "items", "data", "results", "docs"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(Value::as_array))
        {
            Some(items) => items.iter().collect(),
            None => vec![&value],
        },
        _ => {
            return Err(FormatError::Malformed(
                "JSON is not an object or array".into(),
            ));
        }
    };
    for (i, record) in records.into_iter().enumerate() {
        match record_to_article(record) {
            Some(a) => parsed.articles.push(a),
            None => parsed
                .warnings
                .push(format!("record {}: no title or body", i + 1)),
        }
    }
    Ok(parsed)
}

/// JSON Lines into parts, line by line: each line stands alone, so one bad line costs
/// only itself.
pub fn parse_lines_into(text: &str, parts: &mut Parts<'_>) -> Result<(), FormatError> {
    for (i, line) in text.lines().enumerate() {
        let size = line.len() + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match record_to_article(&v) {
                Some(a) => parts.article(a, size),
                None => parts.warn(format!("line {}: no title or body", i + 1)),
            },
            Err(e) => parts.warn(format!(
                "line {}: invalid JSON ({})",
                i + 1,
                short_reason(&e)
            )),
        }
    }
    Ok(())
}

fn record_to_article(v: &Value) -> Option<Article> {
    let a = article_from_object(v.as_object()?);
    (!a.is_empty()).then_some(a)
}

/// serde_json's message without its trailing position, which callers give themselves.
fn short_reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json stops at its recursion limit, which is the shared depth limit.
    if msg.starts_with("recursion limit exceeded") {
        return super::limits::too_deep("JSON");
    }
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_lines(text: &str) -> Parsed {
        crate::formats::parts::collect(|parts| parse_lines_into(text, parts)).unwrap()
    }

    #[test]
    fn nesting_past_the_shared_limit_is_refused_by_name() {
        let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        let err = parse_document(&deep(100_000)).unwrap_err().to_string();
        assert!(err.contains("JSON nested deeper than 128 levels"), "{err}");
        // Just inside the limit is only "not an article", not a depth error.
        if let Err(e) = parse_document(&deep(100)) {
            assert!(!e.to_string().contains("nested deeper"), "{e}");
        }
    }

    #[test]
    fn single_object_and_array() {
        let one = parse_document(r#"{"title":"A","text":"b"}"#).unwrap();
        assert_eq!(one.articles.len(), 1);
        let many = parse_document(r#"[{"title":"A"},{"headline":"B","content":"c"}]"#).unwrap();
        assert_eq!(many.articles.len(), 2);
        assert_eq!(many.articles[1].body, "c");
    }

    #[test]
    fn broken_json_names_the_position() {
        let err = parse_document("{\"title\": \"A\",\n \"body\": ").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn one_bad_line_among_good_ones() {
        let p = parse_lines("{\"title\":\"A\"}\n{oops\n{\"title\":\"C\"}\n");
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].starts_with("line 2"));
    }
}
