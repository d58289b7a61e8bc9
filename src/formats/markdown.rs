//! Markdown articles, with or without YAML front matter. The front matter's keys use the
//! same aliases as JSON; without it, the first `#` heading (or first line) is the title.

use super::fields::{Field, set_field};
use crate::article::Article;

pub fn parse(text: &str) -> Option<Article> {
    let (front, rest) = split_front_matter(text);
    let mut article = Article::default();
    if let Some(front) = front {
        apply_front_matter(&mut article, front);
    }
    let mut body_lines = Vec::new();
    for line in rest.lines() {
        let trimmed = line.trim();
        if article.title.is_empty() && !trimmed.is_empty() {
            article.title = trimmed.trim_start_matches('#').trim().to_string();
            continue;
        }
        body_lines.push(strip_markup(line));
    }
    article.body = body_lines.join("\n").trim().to_string();
    (!article.is_empty()).then_some(article)
}

/// Returns the front matter (between `---` fences) and the text after it.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let t = text.trim_start_matches('\u{feff}');
    let Some(after) = t
        .strip_prefix("---")
        .filter(|r| r.starts_with(['\n', '\r']))
    else {
        return (None, t);
    };
    let mut offset = 0;
    for line in after.split_inclusive('\n') {
        if offset > 0 && (line.trim_end() == "---" || line.trim_end() == "...") {
            return (Some(&after[..offset]), &after[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, t)
}

/// A YAML subset that covers front matter in practice: `key: value`, quoted values,
/// inline lists `[a, b]` and block lists of `- item` lines.
fn apply_front_matter(article: &mut Article, front: &str) {
    let mut current: Option<Field> = None;
    for line in front.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            if let Some(field) = current {
                set_field(article, field, unquote(item));
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        current = Field::from_name(key.trim());
        let Some(field) = current else { continue };
        let value = value.trim();
        if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            for item in inner.split(',') {
                set_field(article, field, unquote(item.trim()));
            }
        } else {
            set_field(article, field, unquote(value));
        }
    }
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Drops the emphasis and heading marks that would otherwise be indexed as text.
fn strip_markup(line: &str) -> String {
    let line = line.trim_start_matches('#').trim_start_matches('>');
    line.replace("**", "").replace("__", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields() {
        let md = "---\ntitle: \"Port strike ends\"\ndate: 2024-05-02\nauthors:\n  - Kim Lee\n  - Ora Ben\ntags: [labour, shipping]\n---\n\nDockers returned to **work**.\n";
        let a = parse(md).unwrap();
        assert_eq!(a.title, "Port strike ends");
        assert_eq!(a.date.as_deref(), Some("2024-05-02"));
        assert_eq!(a.authors, vec!["Kim Lee", "Ora Ben"]);
        assert_eq!(a.given.subjects, vec!["labour", "shipping"]);
        assert_eq!(a.body, "Dockers returned to work.");
    }

    #[test]
    fn no_front_matter_uses_heading() {
        let a = parse("# Floods in the delta\n\nWater rose overnight.").unwrap();
        assert_eq!(a.title, "Floods in the delta");
        assert_eq!(a.body, "Water rose overnight.");
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let a = parse("---\ntitle: x\nno end").unwrap();
        assert_eq!(a.title, "---");
    }
}
