//! The tantivy schema: the one place that names fields, owns their handles, and registers
//! the analyzers that the fields refer to (tantivy does not save analyzers with an index).

use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

use super::english::EnglishTokenizer;
use super::stem::EnglishStemmer;

/// English analysis for article text: words, lower-cased, accents folded, stemmed.
pub const ENGLISH: &str = "newsidx_en";
/// Names: words, lower-cased and folded but not stemmed ("Jones" must not match "Jone").
pub const NAMES: &str = "newsidx_names";
/// A whole value, lower-cased: exact but case-insensitive matching of sources.
pub const KEYWORD: &str = "newsidx_keyword";

/// Field names: the only place they are written. Fast-field readers look fields up by name.
pub const ID: &str = "id";
pub const PATH: &str = "path";
pub const FILE_SIZE: &str = "file_size";
pub const FILE_MTIME: &str = "file_mtime";
pub const FILE_HASH: &str = "file_hash";
pub const TITLE: &str = "title";
pub const BODY: &str = "body";
pub const DATE: &str = "date";
pub const DATE_SOURCE: &str = "date_source";
pub const COUNTRY: &str = "country";
pub const LANG: &str = "lang";
pub const ACTOR: &str = "actor";
pub const ACTOR_TEXT: &str = "actor_text";
pub const SOURCE: &str = "source";
pub const AUTHORS: &str = "authors";
pub const FINGERPRINT: &str = "fingerprint";
pub const RECORD: &str = "record";

/// Field handles, resolved once per opened index.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Stable article id (`path/relative/to/root.txt`, `feed.jsonl#3`).
    pub id: Field,
    /// The file the article came from: the key for incremental re-indexing.
    pub path: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    /// Content hash of the file (64-bit XXH3), so a touched but unchanged file is not
    /// re-read twice.
    pub file_hash: Field,
    pub title: Field,
    pub body: Field,
    pub date: Field,
    pub date_source: Field,
    /// ISO alpha-2 codes, multi-valued, most salient first.
    pub country: Field,
    /// ISO 639-1 language code, for `--lang` and the languages in `stats`.
    pub lang: Field,
    /// Canonical actor names, exact, for facets.
    pub actor: Field,
    /// The same names tokenized, so `--actor pezeshkian` finds "Masoud Pezeshkian".
    pub actor_text: Field,
    pub source: Field,
    pub authors: Field,
    /// SimHash of the body, for collapsing near-duplicates.
    pub fingerprint: Field,
    /// The whole `Record` minus body, as JSON: everything display needs in one read.
    /// With the body, the only stored fields: the other fields are for finding and
    /// counting, so storing them too would only repeat the record's values.
    pub record: Field,
}

impl Fields {
    /// Builds the schema this version of newsidx writes.
    pub fn schema() -> Schema {
        let mut b = Schema::builder();
        let text = |tokenizer: &str, stored: bool| {
            let opts = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored { opts.set_stored() } else { opts }
        };
        b.add_text_field(ID, STRING | FAST);
        b.add_text_field(PATH, STRING | FAST);
        b.add_u64_field(FILE_SIZE, FAST);
        b.add_i64_field(FILE_MTIME, FAST);
        b.add_u64_field(FILE_HASH, FAST);
        b.add_text_field(TITLE, text(ENGLISH, false));
        b.add_text_field(BODY, text(ENGLISH, true));
        b.add_date_field(
            DATE,
            DateOptions::from(INDEXED)
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        );
        b.add_text_field(DATE_SOURCE, STRING);
        b.add_text_field(COUNTRY, STRING | FAST);
        b.add_text_field(LANG, STRING | FAST);
        b.add_text_field(ACTOR, STRING | FAST);
        b.add_text_field(ACTOR_TEXT, text(NAMES, false));
        b.add_text_field(
            "source",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(KEYWORD)
                        .set_index_option(IndexRecordOption::Basic),
                )
                .set_fast("raw"),
        );
        b.add_text_field(AUTHORS, text(NAMES, false));
        b.add_u64_field(FINGERPRINT, FAST);
        b.add_text_field(RECORD, STORED);
        b.build()
    }

    /// Resolves the handles in an opened index's schema; `None` when a field is missing,
    /// which means the index was written by another version.
    pub fn resolve(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f(ID)?,
            path: f(PATH)?,
            file_size: f(FILE_SIZE)?,
            file_mtime: f(FILE_MTIME)?,
            file_hash: f(FILE_HASH)?,
            title: f(TITLE)?,
            body: f(BODY)?,
            date: f(DATE)?,
            date_source: f(DATE_SOURCE)?,
            country: f(COUNTRY)?,
            actor: f(ACTOR)?,
            actor_text: f(ACTOR_TEXT)?,
            source: f(SOURCE)?,
            lang: f(LANG)?,
            authors: f(AUTHORS)?,
            fingerprint: f(FINGERPRINT)?,
            record: f(RECORD)?,
        })
    }
}

/// The article-text analyzer search runs, as a chain of tantivy's filters; the writer runs
/// `EnglishTokenizer`, which gives the same tokens in one pass.
pub(super) fn english(stemmer: EnglishStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stemmer)
        .build()
}

/// For the writer, after `register_tokenizers` (every open runs it): article text is
/// analyzed in one pass and stemmed through a cache.
pub fn register_indexing_tokenizers(index: &Index) {
    index.tokenizers().register(
        ENGLISH,
        TextAnalyzer::from(EnglishTokenizer::new(EnglishStemmer::cached())),
    );
}

/// Registers the analyzers the schema names. Must run after every open.
pub fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(ENGLISH, english(EnglishStemmer::plain()));
    tokenizers.register(
        NAMES,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
    tokenizers.register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_text_and_the_record_are_stored() {
        // Display reads the record and the body; any other stored field would be a copy
        // of a record value that costs doc-store space and compression time.
        let schema = Fields::schema();
        let stored: Vec<&str> = schema
            .fields()
            .filter(|(_, entry)| entry.is_stored())
            .map(|(_, entry)| entry.name())
            .collect();
        assert_eq!(stored, [BODY, RECORD]);
    }
}
