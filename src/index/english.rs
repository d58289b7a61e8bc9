//! The article-text analyzer the writer runs, in one pass over the text: it splits words
//! as tantivy's `SimpleTokenizer`, drops those of 40 bytes or more as `RemoveLongFilter`,
//! lower-cases and folds them as `LowerCaser` and `AsciiFoldingFilter`, and stems them
//! through the stem cache. The chain of five filters re-checked every word for ASCII twice
//! and decoded every character; news text is almost all ASCII words, which this reads byte
//! by byte and lower-cases in place. A word with any other character goes through
//! tantivy's own filters, so its token is theirs by construction.
//!
//! Search keeps the filter chain (with the plain stemmer); the tests prove both give the
//! same tokens (text, offsets and positions).

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use super::stem::EnglishStemmer;

/// Words of this many bytes or more are dropped (`RemoveLongFilter::limit(40)`), though
/// they still take a position.
pub const LONG_WORD_BYTES: usize = 40;

/// The fused English analyzer; `stemmer` decides only whether stems are cached.
#[derive(Clone)]
pub struct EnglishTokenizer {
    token: Token,
    stemmer: EnglishStemmer,
    /// Lower-cases and folds one word that is not all ASCII, with tantivy's filters.
    folder: TextAnalyzer,
}

impl EnglishTokenizer {
    pub fn new(stemmer: EnglishStemmer) -> EnglishTokenizer {
        EnglishTokenizer {
            token: Token::default(),
            stemmer,
            folder: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for EnglishTokenizer {
    type TokenStream<'a> = EnglishTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnglishTokenStream<'a> {
        self.token.reset();
        EnglishTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            stemmer: &mut self.stemmer,
            folder: &mut self.folder,
        }
    }
}

pub struct EnglishTokenStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts: the end of the last one.
    at: usize,
    token: &'a mut Token,
    stemmer: &'a mut EnglishStemmer,
    folder: &'a mut TextAnalyzer,
}

/// A word as `SimpleTokenizer` splits it: a run of alphanumeric characters.
struct Word {
    from: usize,
    to: usize,
    ascii: bool,
}

/// The character at byte `at`, which is on a character boundary of `text`.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// The first word at or after byte `at`. ASCII bytes are classified without decoding; a
/// character above ASCII is decoded and asked `is_alphanumeric`, as `SimpleTokenizer` does.
fn next_word(text: &str, mut at: usize) -> Option<Word> {
    let bytes = text.as_bytes();
    let from = loop {
        let byte = *bytes.get(at)?;
        if byte.is_ascii() {
            if byte.is_ascii_alphanumeric() {
                break at;
            }
            at += 1;
        } else {
            let c = char_at(text, at)?;
            if c.is_alphanumeric() {
                break at;
            }
            at += c.len_utf8();
        }
    };
    let mut to = from;
    let mut ascii = true;
    while let Some(&byte) = bytes.get(to) {
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                break;
            }
            to += 1;
        } else {
            match char_at(text, to) {
                Some(c) if c.is_alphanumeric() => {
                    ascii = false;
                    to += c.len_utf8();
                }
                _ => break,
            }
        }
    }
    Some(Word { from, to, ascii })
}

impl EnglishTokenStream<'_> {
    /// Writes a word's lower-cased, folded form into the token's text.
    fn normalize(&mut self, word: &str, ascii: bool) {
        if ascii {
            self.token.text.push_str(word);
            self.token.text.make_ascii_lowercase();
            return;
        }
        let mut folded = self.folder.token_stream(word);
        if folded.advance() {
            self.token.text.push_str(&folded.token().text);
        }
    }
}

impl TokenStream for EnglishTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // As SimpleTokenizer: every word, kept or dropped, takes the next position, and
            // so does the call that finds none.
            self.token.text.clear();
            self.token.position = self.token.position.wrapping_add(1);
            let Some(word) = next_word(self.text, self.at) else {
                self.at = self.text.len();
                return false;
            };
            self.at = word.to;
            self.token.offset_from = word.from;
            self.token.offset_to = word.to;
            if word.to - word.from >= LONG_WORD_BYTES {
                continue;
            }
            let text = self.text;
            self.normalize(&text[word.from..word.to], word.ascii);
            self.stemmer.stem_in_place(&mut self.token.text);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{Language, RemoveLongFilter, SimpleTokenizer, Stemmer};

    /// The filter chain this analyzer replaces, with tantivy's own stemmer.
    fn tantivy_chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONG_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    /// The analyzer search runs: the filter chain with our plain stemmer.
    fn chain() -> TextAnalyzer {
        super::super::schema::english(EnglishStemmer::plain())
    }

    /// Both kinds of stemmer, each fed `text` twice so the cached one answers from its
    /// table the second time, give the tokens of the search analyzer, which are those of
    /// tantivy's own filters.
    /// Returns the number of tokens.
    fn assert_as_chain(text: &str) -> usize {
        let want = tokens(&mut chain(), text);
        assert_eq!(tokens(&mut tantivy_chain(), text), want, "{text:?}");
        for stemmer in [EnglishStemmer::cached(), EnglishStemmer::plain()] {
            let mut fused = TextAnalyzer::from(EnglishTokenizer::new(stemmer));
            assert_eq!(tokens(&mut fused, text), want, "{text:?}");
            assert_eq!(tokens(&mut fused, text), want, "{text:?} again");
        }
        want.len()
    }

    #[test]
    fn ascii_words_numbers_and_punctuation_tokenize_as_the_chain() {
        assert_as_chain("");
        assert_as_chain("   ,,, ");
        assert_as_chain("Ministers were MEETING; the ministers met again at 10:30 GMT.");
        assert_as_chain("U.S. oil-prices rose 1.5 pct to $19.87/bbl in 1987's first quarter");
        assert_as_chain("x86_64 and ARM64, e-mail, don't, O'Neill, 3rd, 1,234,567.89");
    }

    #[test]
    fn long_words_are_dropped_but_keep_their_position() {
        let long = "a".repeat(LONG_WORD_BYTES);
        let under = "b".repeat(LONG_WORD_BYTES - 1);
        assert_as_chain(&format!("first {long} second {under} third {long}"));
        assert_as_chain(&format!("{long} {long}"));
        // Forty bytes in twenty characters: the limit counts bytes, before folding.
        assert_as_chain(&format!("{} after", "é".repeat(LONG_WORD_BYTES / 2)));
        assert_as_chain(&format!("{} after", "é".repeat(LONG_WORD_BYTES / 2 - 1)));
    }

    #[test]
    fn non_ascii_words_fold_and_lower_as_the_chain() {
        assert_as_chain("Café RÉSUMÉS naïvely Ærø Straße İstanbul ΣΊΣΥΦΟΣ Москва 東京 ﬁnance");
        assert_as_chain("Ⅻ ① ½ x² ＡＢＣ São Paulo Łódź Đorđe\u{301} Ḃ");
        assert_as_chain("word\u{a0}word\u{2014}word\u{200b}word —«quoted»— ¿qué?");
    }

    /// Characters that exercise every branch: ASCII letters, digits and punctuation;
    /// accented Latin, other scripts, combining marks, symbols and spaces beyond ASCII.
    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "e", "s", "y", "ing", "ed", "ly", "ies", "ation", "Z", "Q", "0", "7", " ", " ",
            ",", ".", "-", "'", "\n", "é", "É", "ß", "ø", "Æ", "ı", "İ", "ﬁ", "Σ", "ς", "д", "東",
            "\u{301}", "½", "²", "①", "\u{a0}", "\u{2014}", "\u{200b}", "🙂",
        ]);
        prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_text_tokenizes_as_the_chain(text in "\\PC{0,120}") {
            assert_as_chain(&text);
        }

        #[test]
        fn mixed_word_pieces_tokenize_as_the_chain(text in mixed_text()) {
            assert_as_chain(&text);
        }

        #[test]
        fn long_runs_tokenize_as_the_chain(
            text in "([a-zA-Z0-9éÉ]{30,45}[ ,.]){1,4}",
        ) {
            assert_as_chain(&text);
        }
    }

    /// Every file of the Reuters and CoNLL development sets, when `../shared` is present:
    /// the fused stream with either stemmer, the search chain (cached and plain stems) and
    /// tantivy's own chain all agree.
    #[test]
    fn the_development_sets_tokenize_as_the_chain() {
        let eval = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        if !eval.join("reuters-dev/txt").is_dir() {
            eprintln!("skipping: ../shared absent");
            return;
        }
        let mut count = 0;
        for set in ["reuters-dev/txt", "conll-testa/txt"] {
            let Ok(entries) = std::fs::read_dir(eval.join(set)) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                count += assert_as_chain(&text);
            }
        }
        assert!(count > 1_000_000, "{count} tokens");
    }
}
