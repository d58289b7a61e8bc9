//! Articles handed over in parts. One JSON Lines or CSV file can hold a million small
//! records; held all at once as articles, then records, then index documents, they cost
//! more than ten times the file's size. Their parsers push each article here instead,
//! and every `PART_BYTES` of source text the part goes on to the caller. Formats that
//! hold one article, or a few large ones, arrive as a single part.

use super::{FormatError, Parsed};
use crate::article::Article;

/// Source text per part: the queue to the writer holds a few dozen parts, so a part's
/// documents should stay near a megabyte.
pub const PART_BYTES: usize = 256 << 10;

/// Warnings kept per file; a badly broken file should not flood the terminal.
pub const MAX_WARNINGS: usize = 20;

/// Collects articles and warnings and hands them on part by part.
pub struct Parts<'f> {
    part: Parsed,
    part_bytes: usize,
    each: &'f mut dyn FnMut(Parsed),
    /// The format the content turned out to be, stamped on every part.
    pub format: Option<super::Format>,
    articles: usize,
    warnings: usize,
}

impl<'f> Parts<'f> {
    pub fn new(each: &'f mut dyn FnMut(Parsed)) -> Parts<'f> {
        Parts {
            part: Parsed::default(),
            part_bytes: 0,
            each,
            format: None,
            articles: 0,
            warnings: 0,
        }
    }

    /// One article, read from `source_bytes` bytes of the file.
    pub fn article(&mut self, article: Article, source_bytes: usize) {
        self.part.articles.push(article);
        self.articles += 1;
        self.part_bytes += source_bytes;
        if self.part_bytes >= PART_BYTES {
            self.flush();
        }
    }

    /// A problem that cost part of the file; past `MAX_WARNINGS` only counted.
    pub fn warn(&mut self, warning: String) {
        if self.warnings < MAX_WARNINGS {
            self.part.warnings.push(warning);
        }
        self.warnings += 1;
    }

    /// Everything a whole-file parser returned, as one part.
    pub fn extend(&mut self, parsed: Parsed) {
        for w in parsed.warnings {
            self.warn(w);
        }
        self.articles += parsed.articles.len();
        self.part.articles.extend(parsed.articles);
    }

    fn flush(&mut self) {
        if self.part.articles.is_empty() && self.part.warnings.is_empty() {
            return;
        }
        let mut part = std::mem::take(&mut self.part);
        part.format = self.format;
        self.part_bytes = 0;
        (self.each)(part);
    }

    /// Hands on the last part; a file that gave neither articles nor warnings is an error.
    pub fn finish(mut self) -> Result<(), FormatError> {
        if self.warnings > MAX_WARNINGS {
            let more = self.warnings - MAX_WARNINGS;
            self.part
                .warnings
                .push(format!("... and {more} more problems of the same kinds"));
        }
        if self.articles == 0 && self.warnings == 0 {
            return Err(FormatError::Malformed("no article text found".into()));
        }
        self.flush();
        Ok(())
    }
}

/// Runs a parser that pushes into `Parts` and gathers all its parts into one `Parsed`,
/// for callers that want a file whole (tests, the fuzzers, small inputs).
pub fn collect(
    fill: impl FnOnce(&mut Parts<'_>) -> Result<(), FormatError>,
) -> Result<Parsed, FormatError> {
    let mut all = Parsed::default();
    let mut each = |part: Parsed| all.absorb(part);
    let mut parts = Parts::new(&mut each);
    fill(&mut parts)?;
    // An empty result is the caller's to judge here, not an error.
    if parts.articles == 0 && parts.warnings == 0 {
        return Ok(Parsed::default());
    }
    parts.finish()?;
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(n: usize) -> Article {
        Article {
            title: format!("Story {n}"),
            ..Article::default()
        }
    }

    #[test]
    fn parts_follow_the_source_size_and_keep_every_article() {
        let mut sizes = Vec::new();
        let mut each = |p: Parsed| sizes.push(p.articles.len());
        let mut parts = Parts::new(&mut each);
        for n in 0..2500 {
            parts.article(story(n), 1000);
        }
        parts.finish().unwrap();
        let per_part = PART_BYTES.div_ceil(1000);
        assert_eq!(sizes[0], per_part);
        assert_eq!(sizes.iter().sum::<usize>(), 2500);
        assert_eq!(sizes.len(), 2500usize.div_ceil(per_part));
    }

    #[test]
    fn warnings_are_capped_and_counted() {
        let all = collect(|p| {
            for n in 0..30 {
                p.warn(format!("line {n}: bad"));
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(all.warnings.len(), MAX_WARNINGS + 1);
        assert_eq!(
            all.warnings.last().unwrap(),
            "... and 10 more problems of the same kinds"
        );
    }

    #[test]
    fn nothing_at_all_is_an_error_for_a_file() {
        let mut each = |_: Parsed| {};
        assert!(Parts::new(&mut each).finish().is_err());
    }
}
