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

use super::stem::EnglishStemmer;

/// English analysis for article text: words, lower-cased, accents folded, stemmed.
pub const ENGLISH: &str = "newsidx_en";
/// Names: words, lower-cased and folded but not stemmed ("Jones" must not match "Jone").
pub const NAMES: &str = "newsidx_names";
/// A whole value, lower-cased: exact but case-insensitive matching of sources.
pub const KEYWORD: &str = "newsidx_keyword";

/// Field handles, resolved once per opened index.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Stable article id (`path/relative/to/root.txt`, `feed.jsonl#3`).
    pub id: Field,
    /// The file the article came from: the key for incremental re-indexing.
    pub path: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    /// Content hash of the file (64 bits of BLAKE3), so a touched but unchanged file is not
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
    pub url: Field,
    pub authors: Field,
    /// SimHash of the body, for collapsing near-duplicates.
    pub fingerprint: Field,
    /// The whole `Record` minus body, as JSON: everything display needs in one read.
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
        b.add_text_field("id", STRING | STORED | FAST);
        b.add_text_field("path", STRING | STORED | FAST);
        b.add_u64_field("file_size", FAST);
        b.add_i64_field("file_mtime", FAST);
        b.add_u64_field("file_hash", FAST);
        b.add_text_field("title", text(ENGLISH, true));
        b.add_text_field("body", text(ENGLISH, true));
        b.add_date_field(
            "date",
            DateOptions::from(INDEXED)
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        );
        b.add_text_field("date_source", STRING | STORED);
        b.add_text_field("country", STRING | STORED | FAST);
        b.add_text_field("lang", STRING | FAST);
        b.add_text_field("actor", STRING | FAST);
        b.add_text_field("actor_text", text(NAMES, false));
        b.add_text_field(
            "source",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(KEYWORD)
                        .set_index_option(IndexRecordOption::Basic),
                )
                .set_fast("raw")
                .set_stored(),
        );
        b.add_text_field("url", STORED);
        b.add_text_field("authors", text(NAMES, false));
        b.add_u64_field("fingerprint", FAST);
        b.add_text_field("record", STORED);
        b.build()
    }

    /// Resolves the handles in an opened index's schema; `None` when a field is missing,
    /// which means the index was written by another version.
    pub fn resolve(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f("id")?,
            path: f("path")?,
            file_size: f("file_size")?,
            file_mtime: f("file_mtime")?,
            file_hash: f("file_hash")?,
            title: f("title")?,
            body: f("body")?,
            date: f("date")?,
            date_source: f("date_source")?,
            country: f("country")?,
            actor: f("actor")?,
            actor_text: f("actor_text")?,
            source: f("source")?,
            lang: f("lang")?,
            url: f("url")?,
            authors: f("authors")?,
            fingerprint: f("fingerprint")?,
            record: f("record")?,
        })
    }
}

/// The article-text analyzer; `stemmer` decides only whether stems are cached.
fn english(stemmer: EnglishStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stemmer)
        .build()
}

/// For the writer, after `register_tokenizers` (every open runs it): article text is
/// stemmed through a cache.
pub fn register_indexing_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(ENGLISH, english(EnglishStemmer::cached()));
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
