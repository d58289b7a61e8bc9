//! Reading one source file into records: bytes, format parser, extraction, ids.
//! Shared by `extract` and `index`, so both see exactly the same articles.

use crate::discover::Source;
use crate::extract;
use crate::formats::{self, FormatError, FormatOptions, Input, ReadError};
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

/// Holds one article to the article ceiling: the body gives way first, and the title
/// (some feeds put whole stories there) is held to the same ceiling on its own.
fn cut_article(article: &mut crate::article::Article, max: usize) -> bool {
    let cut_title = formats::limits::cut_text(&mut article.title, max);
    let room = max.saturating_sub(article.title.len());
    formats::limits::cut_text(&mut article.body, room) || cut_title
}

/// Plain-text files beside a collection are often word lists or notes rather than news;
/// indexing them would put junk into every facet. Returns why a text is not an article.
fn not_an_article(article: &crate::article::Article) -> Option<&'static str> {
    let has_sentence = std::iter::once(article.title.as_str())
        .chain(article.body.lines())
        .any(|line| line.split_whitespace().nth(3).is_some());
    if !has_sentence {
        return Some("no line has a sentence (a word list?)");
    }
    let title = article.title.trim();
    if !title.contains(char::is_whitespace) && !title.chars().any(char::is_uppercase) {
        return Some("the first line is a single lower-case token, not a headline");
    }
    None
}

impl From<ReadError> for LoadError {
    fn from(e: ReadError) -> LoadError {
        match e {
            ReadError::Io(e) => LoadError::Io(e),
            ReadError::Format(e) => LoadError::Format(e),
        }
    }
}

/// Reads one file from disk under the limits in `opts`, then loads it.
pub fn load(source: &Source, opts: &FormatOptions) -> Result<Loaded, LoadError> {
    let file = std::fs::File::open(&source.path).map_err(ReadError::Io)?;
    let input = formats::read_file(file, source.format, source.size, &opts.limits, &mut |_| {})?;
    load_input(source, input, opts)
}

/// Loads a file's bytes already in memory (gzip is decompressed under the limits).
pub fn load_bytes(
    source: &Source,
    bytes: &[u8],
    opts: &FormatOptions,
) -> Result<Loaded, LoadError> {
    let parsed = formats::parse_with(source.format, bytes, opts)?;
    RecordIds::new(source).records(parsed, opts)
}

/// Loads content read by `formats::read_file`, as one whole.
pub fn load_input(
    source: &Source,
    input: Input<'_>,
    opts: &FormatOptions,
) -> Result<Loaded, LoadError> {
    let mut all = Loaded::default();
    load_input_parts(source, input, opts, &mut |part| {
        all.records.extend(part.records);
        all.warnings.extend(part.warnings);
    })?;
    Ok(all)
}

/// Loads content read by `formats::read_file` part by part (see `formats::parts`), so a
/// file of a million small records never has them all in memory as records at once.
pub fn load_input_parts(
    source: &Source,
    input: Input<'_>,
    opts: &FormatOptions,
    each: &mut dyn FnMut(Loaded),
) -> Result<(), LoadError> {
    let mut ids = RecordIds::new(source);
    let mut failure = None;
    formats::parse_input_parts(source.format, input, opts, &mut |parsed| {
        if failure.is_none() {
            match ids.records(parsed, opts) {
                Ok(loaded) => each(loaded),
                Err(e) => failure = Some(e),
            }
        }
    })?;
    failure.map_or(Ok(()), Err)
}

/// SipHash with fixed keys: well spread even for ids that differ in one digit.
fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(id)
}

/// Gives the articles of one file their ids, across all its parts.
struct RecordIds {
    source_id: String,
    path: String,
    format: formats::Format,
    /// Hashes of the ids given so far: a million ids as strings would cost ~100 MB. Two
    /// ids sharing a 64-bit hash (about 1 in 10^7 for a million records) only means the
    /// second is numbered like a record without an id of its own.
    seen: rustc_hash::FxHashSet<u64>,
    /// Articles given an id so far: the next one's number in the file, less one.
    count: usize,
}

impl RecordIds {
    fn new(source: &Source) -> RecordIds {
        RecordIds {
            source_id: source.id(),
            path: crate::discover::path_text(&source.path),
            format: source.format,
            seen: rustc_hash::FxHashSet::default(),
            count: 0,
        }
    }

    /// Extracts each parsed article into a record with its id.
    fn records(
        &mut self,
        mut parsed: formats::Parsed,
        opts: &FormatOptions,
    ) -> Result<Loaded, LoadError> {
        let format = parsed.format.unwrap_or(self.format);
        if format == formats::Format::Text
            && let [article] = parsed.articles.as_slice()
            && let Some(reason) = not_an_article(article)
        {
            return Err(FormatError::Malformed(format!("not an article: {reason}")).into());
        }
        // A `.json` file holding one object is a single-article file like a `.txt`; record
        // streams (JSONL, feeds, SGML, CSV) keep `#N` ids even with one record, so the
        // first record's id does not change when the file grows.
        let multi = self.count > 0
            || parsed.articles.len() > 1
            || (format.is_multi() && format != formats::Format::Json);
        let mut records = Vec::with_capacity(parsed.articles.len());
        for mut article in parsed.articles {
            self.count += 1;
            let id = self.id(&article, multi);
            if cut_article(&mut article, opts.limits.max_article_bytes) {
                parsed.warnings.push(format!(
                    "{id}: text longer than {} MiB, cut there (--max-article-mb)",
                    opts.limits.max_article_bytes >> 20
                ));
            }
            let ex = extract::extract(&article, &self.path);
            let mut record = Record::new(id, self.path.clone(), &article, ex);
            record.body = Some(article.body);
            records.push(record);
        }
        Ok(Loaded {
            records,
            warnings: parsed.warnings,
        })
    }

    /// `path`, `path#recordid` or `path#N`; a record id repeated inside one file would
    /// make two articles one, so the repeat gets its number instead.
    fn id(&mut self, article: &crate::article::Article, multi: bool) -> String {
        let n = self.count;
        let id = match (&article.record_id, multi) {
            (_, false) => self.source_id.clone(),
            (Some(rid), true) => format!("{}#{}", self.source_id, rid),
            (None, true) => format!("{}#{}", self.source_id, n),
        };
        if self.seen.insert(id_hash(&id)) {
            return id;
        }
        let id = format!("{}#{}", self.source_id, n);
        self.seen.insert(id_hash(&id));
        id
    }
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
