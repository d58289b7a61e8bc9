//! English stemming, with an optional memory of the stems it has computed. News text
//! repeats a small vocabulary: while indexing, most words were stemmed many times already,
//! and the Snowball stemmer was the largest single cost. A search tokenizes a few hits
//! once, so there a cache would only add lookups and allocations.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Past this many distinct words the cache starts over, so memory stays bounded on text
/// with endless unique tokens (ids, numbers, other languages).
const CAPACITY: usize = 64 * 1024;

/// English Snowball stemming with the same stemmer crate as tantivy's `Stemmer` filter.
/// The cached kind keeps, per analyzer clone, a word -> stem table across the texts it
/// tokenizes; both kinds give the same stems.
#[derive(Clone)]
pub struct EnglishStemmer {
    cache: StemCache,
}

impl EnglishStemmer {
    pub fn cached() -> EnglishStemmer {
        EnglishStemmer {
            cache: StemCache {
                stems: Some(HashMap::default()),
                stemmer: Stemmer::new(Algorithm::English),
            },
        }
    }

    pub fn plain() -> EnglishStemmer {
        EnglishStemmer {
            cache: StemCache {
                stems: None,
                stemmer: Stemmer::new(Algorithm::English),
            },
        }
    }
}

type Stems = HashMap<Box<str>, Box<str>, BuildHasherDefault<FxHasher>>;

#[derive(Clone)]
struct StemCache {
    stems: Option<Stems>,
    stemmer: Stemmer,
}

impl StemCache {
    /// Replaces `word` by its stem, without allocating when the word was seen before.
    fn stem_in_place(&mut self, word: &mut String) {
        let Some(stems) = &mut self.stems else {
            let stem = self.stemmer.stem(word).into_owned();
            *word = stem;
            return;
        };
        if let Some(stem) = stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem: Box<str> = self.stemmer.stem(word).into();
        if stems.len() >= CAPACITY {
            stems.clear();
        }
        stems.insert(word.as_str().into(), stem.clone());
        word.clear();
        word.push_str(&stem);
    }
}

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemmerFilter<T> {
        EnglishStemmerFilter {
            inner: tokenizer,
            cache: self.cache,
        }
    }
}

#[derive(Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = EnglishStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

pub struct EnglishStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
}

impl<T: TokenStream> TokenStream for EnglishStemmerStream<'_, T> {
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
    fn both_kinds_stem_as_tantivys_stemmer_on_first_and_repeated_sight() {
        let text = "Ministers were meeting; the ministers met again, meetings running \
                    late as talks continued and continuing talks ran on";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let want = tokens(&mut plain, text);
        assert!(want.contains(&"minist".to_string()), "{want:?}");
        for kind in [EnglishStemmer::cached(), EnglishStemmer::plain()] {
            let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(kind)
                .build();
            // The second pass is served from the cache, if any, and must not differ.
            assert_eq!(tokens(&mut ours, text), want);
            assert_eq!(tokens(&mut ours, text), want);
        }
    }

    #[test]
    fn a_full_cache_starts_over_and_stays_correct() {
        let mut cache = EnglishStemmer::cached().cache;
        for i in 0..CAPACITY + 10 {
            let mut w = format!("word{i}s");
            cache.stem_in_place(&mut w);
        }
        assert!(cache.stems.as_ref().unwrap().len() <= CAPACITY);
        let mut w = "running".to_string();
        cache.stem_in_place(&mut w);
        assert_eq!(w, "run");
    }
}
