//! English stemming, with an optional memory of the stems it has computed. News text
//! repeats a small vocabulary: while indexing, most words were stemmed many times already,
//! and the Snowball stemmer was the largest single cost. A search tokenizes a few hits
//! once, so there a cache would only add lookups and allocations.
//!
//! The memory is a two-way set-associative table whose slots hold a short word and its
//! stem inline, so a lookup reads one cache line and follows no pointer; a hash map of
//! boxed strings spent more time in its probes' cache misses than the stemmer it saved.
//! There is one table per thread: a writer's title and body analyzers run on its indexing
//! thread, so they share it instead of each filling a table of their own, and it outlives
//! the writer's segments, so a new segment starts with the words the last one learned.

use std::cell::RefCell;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words longer than this are stemmed every time: they are rare in news text, and a
/// longer key would make every slot larger.
const WORD_BYTES: usize = 16;
/// Room for the part of a stem that is not a prefix of its word ("i" of "happi").
const TAIL_BYTES: usize = 13;
/// Sets of two slots: 32,768 sets hold 65,536 words in 2 MiB, as many as the hash map this
/// table replaced; a quarter of that missed too often on the Reuters vocabulary (33k
/// words). The bound keeps memory fixed on text with endless unique tokens.
const SETS: usize = 1 << 15;

/// English Snowball stemming with the same stemmer crate as tantivy's `Stemmer` filter.
/// The cached kind keeps its thread's word -> stem table across the texts it tokenizes;
/// both kinds give the same stems.
#[derive(Clone)]
pub struct EnglishStemmer {
    cache: StemCache,
}

impl EnglishStemmer {
    pub fn cached() -> EnglishStemmer {
        EnglishStemmer {
            cache: StemCache {
                cached: true,
                stemmer: Stemmer::new(Algorithm::English),
            },
        }
    }

    pub fn plain() -> EnglishStemmer {
        EnglishStemmer {
            cache: StemCache {
                cached: false,
                stemmer: Stemmer::new(Algorithm::English),
            },
        }
    }

    /// Replaces a lower-cased, folded `word` by its stem.
    pub fn stem_in_place(&mut self, word: &mut String) {
        self.cache.stem_in_place(word);
    }
}

/// One remembered word: its key (see `word_key`), and its stem as the number of the
/// word's leading bytes it keeps plus the bytes it appends. An empty slot has `len` 0,
/// which no cached word has.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    key: [u64; 2],
    len: u8,
    keep: u8,
    tail_len: u8,
    tail: [u8; TAIL_BYTES],
}

/// Two slots in one 64-byte cache line; the most recently stored word comes first.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Set([Slot; 2]);

thread_local! {
    /// The cached kind's table on this thread: empty until the first word is stored, so
    /// that a thread that never indexes costs nothing. Two tables of 2 MiB per writer
    /// thread (title and body) overflowed the core's 2 MiB L2 cache.
    static TABLE: RefCell<Vec<Set>> = const { RefCell::new(Vec::new()) };
}

#[derive(Clone)]
struct StemCache {
    /// Whether stems are remembered in this thread's `TABLE`.
    cached: bool,
    stemmer: Stemmer,
}

/// Two words of at most `WORD_BYTES` bytes, with their lengths, are equal exactly when
/// their keys are: the two loads overlap but together cover every byte.
fn word_key(bytes: &[u8]) -> Option<[u64; 2]> {
    let n = bytes.len();
    let le64 = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
    let le32 = |at: usize| {
        u64::from(u32::from_le_bytes(
            bytes[at..at + 4].try_into().unwrap_or([0; 4]),
        ))
    };
    match n {
        8..=WORD_BYTES => Some([le64(0), le64(n - 8)]),
        4..=7 => Some([le32(0) | le32(n - 4) << 32, 0]),
        1..=3 => {
            let b = |at: usize| u64::from(bytes[at]);
            Some([b(0) | b(n / 2) << 8 | b(n - 1) << 16, 0])
        }
        _ => None,
    }
}

/// Words the English stemmer leaves as they are, told without it or the table: two bytes
/// or fewer (it keeps words under three characters: "of", "to", "a") and numbers (its
/// rules end in letters). News text is full of both, and numbers are endless: each new
/// one used to cost a table miss and evict a word.
fn is_its_own_stem(word: &str) -> bool {
    word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit())
}

fn set_of(key: [u64; 2], len: usize) -> usize {
    let mixed = (key[0] ^ key[1].rotate_left(29) ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - SETS.trailing_zeros())) as usize
}

impl StemCache {
    /// Replaces `word` by its stem, without allocating or copying when the word was seen
    /// before and its stem is a prefix of it.
    fn stem_in_place(&mut self, word: &mut String) {
        if !self.cached {
            let stem = self.stemmer.stem(word).into_owned();
            *word = stem;
            return;
        }
        if is_its_own_stem(word) {
            return;
        }
        let Some(key) = word_key(word.as_bytes()) else {
            if let std::borrow::Cow::Owned(stem) = self.stemmer.stem(word) {
                *word = stem;
            }
            return;
        };
        TABLE.with_borrow_mut(|sets| self.stem_through(sets, word, key));
    }

    /// Stems a word of at most `WORD_BYTES` bytes through the table `sets`.
    fn stem_through(&self, sets: &mut Vec<Set>, word: &mut String, key: [u64; 2]) {
        let len = word.len();
        let at = set_of(key, len);
        if let Some(set) = sets.get(at) {
            for slot in &set.0 {
                if slot.key == key && usize::from(slot.len) == len {
                    apply(word, slot);
                    return;
                }
            }
        }
        let Some(slot) = Self::remember(&self.stemmer, word, key) else {
            return;
        };
        if sets.is_empty() {
            sets.resize(SETS, Set::default());
        }
        let set = &mut sets[at];
        set.0[1] = set.0[0];
        set.0[0] = slot;
        apply(word, &slot);
    }

    /// Stems a word of at most `WORD_BYTES` bytes into a slot; when the stem's new part
    /// does not fit one, replaces `word` by its stem here and returns `None`.
    fn remember(stemmer: &Stemmer, word: &mut String, key: [u64; 2]) -> Option<Slot> {
        let stem = stemmer.stem(word);
        let mut keep = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !stem.is_char_boundary(keep) {
            keep -= 1;
        }
        let tail = &stem.as_bytes()[keep..];
        let mut slot = Slot {
            key,
            len: word.len() as u8,
            keep: keep as u8,
            tail_len: tail.len() as u8,
            tail: [0; TAIL_BYTES],
        };
        if tail.len() > TAIL_BYTES {
            let stem = stem.into_owned();
            *word = stem;
            return None;
        }
        slot.tail[..tail.len()].copy_from_slice(tail);
        Some(slot)
    }
}

/// Turns a word into the stem its slot records.
fn apply(word: &mut String, slot: &Slot) {
    let keep = usize::from(slot.keep);
    if keep < word.len() {
        word.truncate(keep);
    }
    if slot.tail_len > 0 {
        let tail = &slot.tail[..usize::from(slot.tail_len)];
        word.push_str(std::str::from_utf8(tail).unwrap_or_default());
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

    /// Stems every word through `cache` and through a plain stemmer, twice over, so that
    /// the second pass reads whatever the first pass stored.
    fn assert_stems_as_plain(cache: &mut StemCache, words: &[String]) {
        let plain = Stemmer::new(Algorithm::English);
        for pass in 0..2 {
            for word in words {
                let mut got = word.clone();
                cache.stem_in_place(&mut got);
                assert_eq!(got, plain.stem(word), "{word:?} on pass {pass}");
            }
        }
    }

    #[test]
    fn words_that_share_a_set_evict_each_other_and_stay_correct() {
        // Three or more words hashed to one set of two slots: the third evicts the first,
        // which must then be stemmed afresh rather than read from a stale slot.
        let mut by_set: std::collections::HashMap<usize, Vec<String>> = Default::default();
        let crowded = (0..200_000)
            .map(|i| format!("report{i}ing"))
            .find_map(|word| {
                let key = word_key(word.as_bytes()).unwrap();
                let words = by_set.entry(set_of(key, word.len())).or_default();
                words.push(word);
                (words.len() == 4).then(|| words.clone())
            })
            .unwrap();
        let mut cache = EnglishStemmer::cached().cache;
        assert_stems_as_plain(&mut cache, &crowded);
        let key = |word: &String| word_key(word.as_bytes()).unwrap();
        let at = set_of(key(&crowded[0]), crowded[0].len());
        let held: Vec<[u64; 2]> =
            TABLE.with_borrow(|sets| sets[at].0.iter().map(|s| s.key).collect());
        assert_eq!(held, [key(&crowded[3]), key(&crowded[2])]);
    }

    #[test]
    fn long_short_and_non_ascii_words_stem_as_plain() {
        let words: Vec<String> = [
            "a",
            "is",
            "was",
            "news",
            "skies",
            "dying",
            "happy",
            "happily",
            "generously",
            "internationally",
            "internationalist",
            "internationalisation",
            "counterrevolutionaries",
            "москва",
            "naïvely",
            "résumés",
            "café",
            "東京",
            "ünïcödéstrings",
            "1987",
            "x86",
            "reporting",
            "reportings",
            "ab\u{e9}s",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}ing",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        assert_stems_as_plain(&mut EnglishStemmer::cached().cache, &words);
        assert_stems_as_plain(&mut EnglishStemmer::plain().cache, &words);
    }

    #[test]
    fn words_of_two_bytes_or_fewer_and_numbers_are_their_own_stems() {
        let plain = Stemmer::new(Algorithm::English);
        let mut own = Vec::new();
        // Every string of one or two bytes: one or two ASCII characters, or one of two
        // bytes.
        for a in 0u32..0x800 {
            let Some(a) = char::from_u32(a) else { continue };
            own.push(a.to_string());
            if a.is_ascii() {
                own.extend((0u8..0x80).map(|b| format!("{a}{}", char::from(b))));
            }
        }
        own.extend((0..2000u64).map(|i| (i * i * 7919).to_string()));
        own.extend(["0", "00", "000", "0000000000000000000123", "19870312"].map(String::from));
        own.push("9".repeat(39));
        for word in &own {
            assert!(is_its_own_stem(word), "{word:?}");
            assert_eq!(plain.stem(word), word.as_str(), "{word:?}");
        }
        assert_stems_as_plain(&mut EnglishStemmer::cached().cache, &own);
        for word in ["abc", "1st", "x86", "ies", "９"] {
            assert!(!is_its_own_stem(word), "{word:?}");
        }
    }

    #[test]
    fn distinct_short_words_have_distinct_keys() {
        // The key must tell apart words that differ in any one byte, at every length up
        // to WORD_BYTES, including the bytes the overlapping loads read twice.
        let mut seen = std::collections::HashSet::new();
        for len in 1..=WORD_BYTES {
            for at in 0..len {
                for byte in [b'a', b'b'] {
                    let mut word = vec![b'a'; len];
                    word[at] = byte;
                    let key = word_key(&word).unwrap();
                    let fresh = seen.insert((key, len));
                    assert!(fresh || word.iter().all(|&b| b == b'a'), "{word:?}");
                }
            }
        }
        assert!(word_key(&[b'a'; WORD_BYTES + 1]).is_none());
        assert!(word_key(b"").is_none());
    }

    #[test]
    fn the_table_is_bounded_and_stays_correct_after_many_words() {
        let mut cache = EnglishStemmer::cached().cache;
        let words: Vec<String> = (0..4 * SETS).map(|i| format!("word{i}s")).collect();
        assert_stems_as_plain(&mut cache, &words);
        assert_eq!(TABLE.with_borrow(|sets| sets.len()), SETS);
        let mut w = "running".to_string();
        cache.stem_in_place(&mut w);
        assert_eq!(w, "run");
    }
}
