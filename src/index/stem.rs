//! A stemming token filter that remembers the stems it has computed. News text repeats a
//! small vocabulary: most words of an article were stemmed many times already, and the
//! Snowball stemmer was the largest single cost of indexing.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Past this many distinct words the cache starts over, so memory stays bounded on text
/// with endless unique tokens (ids, numbers, other languages).
const CAPACITY: usize = 64 * 1024;

/// English Snowball stemming with the same stemmer crate as tantivy's `Stemmer` filter,
/// but each analyzer clone keeps a word -> stem table across the texts it tokenizes.
#[derive(Clone)]
pub struct CachedStemmer {
    cache: StemCache,
}

impl CachedStemmer {
    pub fn english() -> CachedStemmer {
        CachedStemmer {
            cache: StemCache {
                stems: HashMap::default(),
                stemmer: Stemmer::new(Algorithm::English),
            },
        }
    }
}

#[derive(Clone)]
struct StemCache {
    stems: HashMap<Box<str>, Box<str>, BuildHasherDefault<FxHasher>>,
    stemmer: Stemmer,
}

impl StemCache {
    /// Replaces `word` by its stem, without allocating when the word was seen before.
    fn stem_in_place(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem: Box<str> = self.stemmer.stem(word).into();
        if self.stems.len() >= CAPACITY {
            self.stems.clear();
        }
        self.stems.insert(word.as_str().into(), stem.clone());
        word.clear();
        word.push_str(&stem);
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: self.cache,
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.cache.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, TextAnalyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn same_stems_as_tantivys_stemmer_on_first_and_repeated_sight() {
        let text = "Ministers were meeting; the ministers met again, meetings running \
                    late as talks continued and continuing talks ran on";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer::english())
            .build();
        let want = tokens(&mut plain, text);
        assert!(want.contains(&"minist".to_string()), "{want:?}");
        // The second pass is served from the cache and must not differ.
        assert_eq!(tokens(&mut cached, text), want);
        assert_eq!(tokens(&mut cached, text), want);
    }

    #[test]
    fn a_full_cache_starts_over_and_stays_correct() {
        let mut cache = CachedStemmer::english().cache;
        for i in 0..CAPACITY + 10 {
            let mut w = format!("word{i}s");
            cache.stem_in_place(&mut w);
        }
        assert!(cache.stems.len() <= CAPACITY);
        let mut w = "running".to_string();
        cache.stem_in_place(&mut w);
        assert_eq!(w, "run");
    }
}
