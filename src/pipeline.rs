//! Reading one source file into records: bytes, format parser, extraction, ids.
//! Shared by `extract` and `index`, so both see exactly the same articles.

use crate::discover::Source;
use crate::extract;
use crate::formats::{self, FormatError, FormatOptions};
use crate::record::Record;

/// The articles of one file, plus problems that cost part of it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Records with `body` filled in.
    pub records: Vec<Record>,
    pub warnings: Vec<String>,
}

/// Why a whole file gave nothing.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl LoadError {
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Io(_) => "unreadable",
            LoadError::Format(f) => f.kind(),
        }
    }
}

/// Plain-text files beside a collection are often word lists or notes rather than news;
/// indexing them would put junk into every facet. Returns why a text is not an article.
fn not_an_article(article: &crate::article::Article) -> Option<&'static str> {
    let has_sentence = std::iter::once(article.title.as_str())
        .chain(article.body.lines())
        .any(|line| line.split_whitespace().count() >= 4);
    if !has_sentence {
        return Some("no line has a sentence (a word list?)");
    }
    let title = article.title.trim();
    if !title.contains(char::is_whitespace) && !title.chars().any(char::is_uppercase) {
        return Some("the first line is a single lower-case token, not a headline");
    }
    None
}

pub fn load(source: &Source, opts: &FormatOptions) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(&source.path)?;
    load_bytes(source, &bytes, opts)
}

pub fn load_bytes(
    source: &Source,
    bytes: &[u8],
    opts: &FormatOptions,
) -> Result<Loaded, LoadError> {
    let parsed = formats::parse_with(source.format, bytes, opts)?;
    if parsed.format.unwrap_or(source.format) == formats::Format::Text
        && let [article] = parsed.articles.as_slice()
        && let Some(reason) = not_an_article(article)
    {
        return Err(FormatError::Malformed(format!("not an article: {reason}")).into());
    }
    let path = crate::discover::path_text(&source.path);
    // A `.json` file holding one object is a single-article file like a `.txt`; record
    // streams (JSONL, feeds, SGML, CSV) keep `#N` ids even with one record, so the first
    // record's id does not change when the file grows.
    let format = parsed.format.unwrap_or(source.format);
    let multi = parsed.articles.len() > 1 || (format.is_multi() && format != formats::Format::Json);
    let source_id = source.id();
    let mut seen_ids = std::collections::HashSet::new();
    let mut records = Vec::with_capacity(parsed.articles.len());
    for (i, article) in parsed.articles.into_iter().enumerate() {
        let mut id = match (&article.record_id, multi) {
            (_, false) => source_id.clone(),
            (Some(rid), true) => format!("{}#{}", source_id, rid),
            (None, true) => format!("{}#{}", source_id, i + 1),
        };
        // A record id repeated inside one file would make two articles one.
        if !seen_ids.insert(id.clone()) {
            id = format!("{}#{}", source_id, i + 1);
            seen_ids.insert(id.clone());
        }
        let ex = extract::extract(&article, &path);
        let mut record = Record::new(id, path.clone(), &article, ex);
        record.body = Some(article.body);
        records.push(record);
    }
    Ok(Loaded {
        records,
        warnings: parsed.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn text(title: &str, body: &str) -> Article {
        Article {
            title: title.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn word_lists_and_labels_are_not_articles() {
        assert!(not_an_article(&text("afghanistan", "albania\nalgeria\nangola")).is_some());
        assert!(not_an_article(&text("money-fx", "Some notes on the categories used.")).is_some());
        assert!(not_an_article(&text("Floods in Dhaka", "Rain fell for three days.")).is_none());
        assert!(not_an_article(&text("OBITUARY", "The poet died on Monday aged 90.")).is_none());
    }
}
