//! Plain-text articles: the headline on the first line, an optional subheadline directly
//! under it, then the body.

use crate::article::Article;

/// A subheadline is a short line right under the headline, not a paragraph.
const MAX_SUBTITLE_CHARS: usize = 240;

pub fn parse(text: &str) -> Option<Article> {
    let mut lines = text.lines().map(|l| l.trim_end()).peekable();
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    let title = lines.next()?.trim().to_string();
    let mut subtitle = None;
    if let Some(next) = lines.peek() {
        let next = next.trim();
        if !next.is_empty() && next.chars().count() <= MAX_SUBTITLE_CHARS && !ends_sentence(next) {
            subtitle = Some(next.to_string());
            lines.next();
        }
    }
    let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    let article = Article {
        title,
        subtitle,
        body,
        ..Article::default()
    };
    (!article.is_empty()).then_some(article)
}

/// Body paragraphs end in sentence punctuation; subheadlines usually do not.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '\u{201d}']) && line.split_whitespace().count() > 25
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_subheadline_body() {
        let a = parse("Big Headline\nA smaller deck\n\nFirst paragraph.\n\nSecond.").unwrap();
        assert_eq!(a.title, "Big Headline");
        assert_eq!(a.subtitle.as_deref(), Some("A smaller deck"));
        assert_eq!(a.body, "First paragraph.\n\nSecond.");
    }

    #[test]
    fn blank_line_after_headline_means_no_subheadline() {
        let a = parse("\n\nHeadline\n\n    LONDON, March 3 - Body starts.").unwrap();
        assert_eq!(a.title, "Headline");
        assert_eq!(a.subtitle, None);
        assert!(a.body.starts_with("LONDON"));
    }
}
