//! The language an article is written in, read from its title and the start of its body
//! with whatlang's trigram profiles (built into the crate: nothing to download).

use crate::article::Article;

/// Text read for detection: enough for a reliable guess, little enough to stay cheap
/// (whatlang's cost grows with the text, and every article is read).
const SAMPLE_BYTES: usize = 1024;

/// The ISO 639-1 code of the article's language, or `None` when the text is too short or
/// mixed to tell reliably.
pub fn detect(article: &Article) -> Option<&'static str> {
    let mut end = article.body.len().min(SAMPLE_BYTES);
    while !article.body.is_char_boundary(end) {
        end -= 1;
    }
    let body = &article.body[..end];
    let english = english_share(&article.title, body);
    // Running English prose is a quarter function words; no trigrams needed.
    if english >= CLEARLY_ENGLISH {
        return Some("en");
    }
    let mut sample = String::with_capacity(article.title.len() + 1 + body.len());
    sample.push_str(&article.title);
    sample.push('\n');
    sample.push_str(body);
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    let lang = two_letter(info.lang());
    // Wire copy of tables and results ("Shr loss nil vs profit 19 cts", a league table
    // of club names) fools trigrams; English function words do not lie, and a text with
    // few lower-case words has too little language in it to call it anything else.
    if lang != "en" && english >= ENGLISH_SHARE {
        return Some("en");
    }
    if lang != "en" && !is_prose(&sample) {
        return None;
    }
    Some(lang)
}

/// Prose, as opposed to a table or a list of names: enough lower-case words, and a large
/// enough share of them (German prose, which capitalises its nouns, has over half).
fn is_prose(text: &str) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        lower += usize::from(w.starts_with(char::is_lowercase));
    }
    lower >= 12 && lower * 5 >= words * 2
}

/// The share of words that are English function words at which a text is English
/// whatever its trigrams say, and the share at which trigrams are not even consulted.
/// German, French, Spanish or Dutch prose has at most a few hundredths of these words.
const ENGLISH_SHARE: f64 = 0.05;
const CLEARLY_ENGLISH: f64 = 0.10;

/// English function words that other European languages do not use as words of their
/// own ("in", "a", "was", "will" are left out: German, Spanish and French have them).
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "for", "that", "said", "with", "by", "from", "has", "its", "were",
    "after", "vs", "this", "which", "their", "have",
];

fn english_share(title: &str, body: &str) -> f64 {
    let (mut all, mut english) = (0usize, 0usize);
    for text in [title, body] {
        if text.is_ascii() {
            let (a, e) = ascii_word_counts(text.as_bytes());
            all += a;
            english += e;
        } else {
            for w in text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
            {
                all += 1;
                english += usize::from(is_english_function_word(w.as_bytes()));
            }
        }
    }
    english as f64 / all.max(1) as f64
}

/// Words (runs of ASCII letters) and English function words among them, in ASCII text.
/// Every article is read here, so the work per byte is kept to a few integer operations
/// on 64-byte blocks: a bit per byte says whether it is a letter, words end where a letter
/// is followed by another byte, and only the words short enough to be function words are
/// looked up, in a table where each function word has a slot.
fn ascii_word_counts(bytes: &[u8]) -> (usize, usize) {
    debug_assert!(bytes.is_ascii());
    let mut words = WordCounts::default();
    let mut blocks = bytes.chunks_exact(64);
    for (i, block) in blocks.by_ref().enumerate() {
        words.block(bytes, i * 64, letter_bits(block));
    }
    let rest = blocks.remainder();
    let mut last = [0u8; 64];
    last[..rest.len()].copy_from_slice(rest);
    // Past the text come zero bytes, which are not letters: they end the last word.
    words.block(bytes, bytes.len() - rest.len(), letter_bits(&last));
    (words.all, words.english)
}

/// Word and function-word counts so far, and the letter bits of the last block read.
#[derive(Default)]
struct WordCounts {
    all: usize,
    english: usize,
    previous: u64,
}

impl WordCounts {
    /// Counts the words that end in the block at `base` whose letters are `letters` (bit
    /// `i` for byte `base + i`).
    fn block(&mut self, text: &[u8], base: usize, letters: u64) {
        // Bit `i` of `back(k)`: whether the byte `k` before byte `base + i` is a letter.
        let back = |k: u32| letters << k | self.previous >> (64 - k);
        let (one, two) = (back(1), back(2));
        let ends = !letters & one;
        // Words too long to be function words: a letter in each of the bytes before.
        let longest = LONGEST_FUNCTION_WORD as u32;
        let long = (1..=longest + 1).fold(!0, |all, k| all & back(k));
        let mut short = ends & two & !long;
        self.all += ends.count_ones() as usize;
        // Only words as short as function words (about half of all words) are looked up.
        while short != 0 {
            let end = base + short.trailing_zeros() as usize;
            short &= short - 1;
            let packed = short_word_before(text, end);
            self.english += usize::from(FUNCTION_WORD_SLOTS[slot(packed)] == packed);
        }
        self.previous = letters;
    }
}

/// The word of at most 7 letters that ends at `end` in ASCII `text`, lower-cased and
/// packed as `pack` packs it.
fn short_word_before(text: &[u8], end: usize) -> u64 {
    let mut eight = [0u8; 8];
    if end >= 8 {
        eight.copy_from_slice(&text[end - 8..end]);
    } else {
        // Zero bytes before the text are no letters.
        eight[8 - end..].copy_from_slice(&text[..end]);
    }
    let lower = u64::from_le_bytes(eight) | (0x20 * ONES);
    // The word is the bytes above the last one that is no letter.
    let others = !letter_high_bits(lower) & (0x80 * ONES);
    lower >> (64 - others.leading_zeros())
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The top bit of each byte of `lower` (ASCII bytes with 0x20 set) set where the byte is a
/// letter, from 'a' (0x61) to 'z' (0x7a); other bits are noise. The sums stay below 0x100
/// in every byte, so no byte carries into the next.
fn letter_high_bits(lower: u64) -> u64 {
    (lower + 0x1f * ONES) & !(lower + 0x05 * ONES)
}

/// One bit per byte of a 64-byte block of ASCII text, set where the byte is a letter.
fn letter_bits(block: &[u8]) -> u64 {
    // Gathers the top bit of each byte into the top byte, first byte lowest.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut bits = 0u64;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let lower = u64::from_le_bytes(eight) | (0x20 * ONES);
        let letter = letter_high_bits(lower) & (0x80 * ONES);
        bits |= ((letter >> 7).wrapping_mul(GATHER) >> 56) << (8 * i);
    }
    bits
}

const LONGEST_FUNCTION_WORD: usize = 5;

/// Whether a word is one of `ENGLISH_FUNCTION_WORDS`, in any case.
fn is_english_function_word(word: &[u8]) -> bool {
    if !(2..=LONGEST_FUNCTION_WORD).contains(&word.len()) {
        return false;
    }
    let packed = word.iter().enumerate().fold(0u64, |p, (i, b)| {
        p | u64::from(b.to_ascii_lowercase()) << (8 * i)
    });
    FUNCTION_WORD_SLOTS[slot(packed)] == packed
}

/// Bytes of a word of at most 8 bytes in one integer, the first lowest (no byte is zero,
/// so words of different lengths never pack alike).
const fn pack(word: &[u8]) -> u64 {
    let mut packed = 0u64;
    let mut i = 0;
    while i < word.len() {
        packed |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    packed
}

/// Slots of the function-word table: a multiplicative hash with a multiplier chosen (at
/// compile time) so that no two function words share a slot.
const SLOT_BITS: u32 = 7;

const fn slot_with(packed: u64, multiplier: u64) -> usize {
    (packed.wrapping_mul(multiplier) >> (64 - SLOT_BITS)) as usize
}

const fn collides(multiplier: u64) -> bool {
    let mut taken = [false; 1 << SLOT_BITS];
    let mut i = 0;
    while i < ENGLISH_FUNCTION_WORDS.len() {
        let s = slot_with(pack(ENGLISH_FUNCTION_WORDS[i].as_bytes()), multiplier);
        if taken[s] {
            return true;
        }
        taken[s] = true;
        i += 1;
    }
    false
}

const SLOT_MULTIPLIER: u64 = {
    let mut m = 0x9e37_79b9_7f4a_7c15u64;
    while collides(m) {
        m = m.wrapping_add(0x6a09_e667_f3bc_c909);
    }
    m
};

fn slot(packed: u64) -> usize {
    slot_with(packed, SLOT_MULTIPLIER)
}

/// Each function word, packed, in its slot; empty slots hold a value no word packs to
/// (a zero byte).
const FUNCTION_WORD_SLOTS: [u64; 1 << SLOT_BITS] = {
    let mut slots = [0xff00_0000_0000_0000u64; 1 << SLOT_BITS];
    let mut i = 0;
    while i < ENGLISH_FUNCTION_WORDS.len() {
        let packed = pack(ENGLISH_FUNCTION_WORDS[i].as_bytes());
        slots[slot_with(packed, SLOT_MULTIPLIER)] = packed;
        i += 1;
    }
    slots
};

/// Whether actor extraction has rules for this language. The capitalized-run rules are
/// English ones: in German every noun is capitalized, and Spanish or French news writes
/// months and titles differently, so there they would give wrong actors.
pub fn has_actor_rules(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| l == "en")
}

fn two_letter(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Mkd => "mk",
        Bel => "be",
        Ron => "ro",
        Hun => "hu",
        Ell => "el",
        Tur => "tr",
        Dan => "da",
        Swe => "sv",
        Nob => "nb",
        Fin => "fi",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Cat => "ca",
        Lat => "la",
        Epo => "eo",
        Cym => "cy",
        Afr => "af",
        Ara => "ar",
        Heb => "he",
        Yid => "yi",
        Pes => "fa",
        Urd => "ur",
        Hin => "hi",
        Ben => "bn",
        Mar => "mr",
        Guj => "gu",
        Pan => "pa",
        Tam => "ta",
        Tel => "te",
        Kan => "kn",
        Mal => "ml",
        Ori => "or",
        Sin => "si",
        Nep => "ne",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Khm => "km",
        Mya => "my",
        Ind => "id",
        Jav => "jv",
        Tgl => "tl",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Uzb => "uz",
        Tuk => "tk",
        Amh => "am",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn news_languages_are_told_apart() {
        let en = article(
            "Harbour reopens after storm",
            "The harbour reopened on Tuesday after three days of storms, and the first \
             ferries left for the islands in the afternoon, the port authority said.",
        );
        assert_eq!(detect(&en), Some("en"));
        let de = article(
            "Hafen nach Sturm wieder offen",
            "Der Hafen ist am Dienstag nach drei Tagen Sturm wieder geöffnet worden. Die \
             ersten Fähren fuhren am Nachmittag zu den Inseln, teilte die Hafenbehörde mit.",
        );
        assert_eq!(detect(&de), Some("de"));
        let fr = article(
            "Le port rouvre après la tempête",
            "Le port a rouvert mardi après trois jours de tempête, et les premiers ferries \
             sont partis pour les îles dans l'après-midi, a indiqué l'autorité portuaire.",
        );
        assert_eq!(detect(&fr), Some("fr"));
    }

    #[test]
    fn wire_tables_and_results_stay_english() {
        let table = article(
            "QUESTECH INC YEAR NET",
            "MCLEAN, Va., March 26 - Shr loss nil vs profit 19 cts\n\nNet loss 3,175 vs \
             profit 284,945\n\nRevs 13.6 mln vs 10.6 mln",
        );
        assert_ne!(detect(&table).filter(|l| *l != "en"), Some("fr"));
        let results = article(
            "SOCCER - YUGOSLAV LEAGUE RESULTS / STANDINGS.",
            "BELGRADE 1996-08-31\nResults of Yugoslav league\nsoccer matches played on \
             Saturday:\nDivision A\nHajduk 2 Partizan 1\nVojvodina 0 Rad 0",
        );
        assert!(has_actor_rules(detect(&results)));
    }

    #[test]
    fn function_words_are_told_in_any_case() {
        for w in ENGLISH_FUNCTION_WORDS {
            assert!(is_english_function_word(w.as_bytes()), "{w}");
            assert!(is_english_function_word(w.to_uppercase().as_bytes()), "{w}");
        }
        for w in [
            "a",
            "in",
            "thee",
            "These",
            "withal",
            "th\u{e9}",
            "\u{e9}t\u{e9}",
        ] {
            assert!(!is_english_function_word(w.as_bytes()), "{w}");
        }
        // Non-ASCII letters belong to the word they stand in: "thé" is not "th".
        assert_eq!(english_share("The caf\u{e9} and the bar", ""), 0.6);
        assert_eq!(english_share("THE OF", "x"), 2.0 / 3.0);
    }

    /// Words and function words counted the plain way, by splitting the text.
    fn split_counts(text: &str) -> (usize, usize) {
        let words: Vec<&[u8]> = text
            .as_bytes()
            .split(|b| !b.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let english = words
            .iter()
            .filter(|w| {
                let lower = String::from_utf8_lossy(w).to_ascii_lowercase();
                ENGLISH_FUNCTION_WORDS.contains(&lower.as_str())
            })
            .count();
        (words.len(), english)
    }

    #[test]
    fn ascii_counts_agree_with_splitting_into_words() {
        let texts = [
            "The cafe and THE bar, said Vs. -- from: whichever THEIR their's havens",
            "  x  y z12of34to  ",
            "ofofofofofofofofofof of",
            "",
            "the",
            "WithWith with-With wITh",
            "[the] `of` {and} @to@ ^for^",
        ];
        for text in texts {
            assert_eq!(
                ascii_word_counts(text.as_bytes()),
                split_counts(text),
                "{text}"
            );
        }
    }

    #[test]
    fn ascii_counts_agree_across_blocks() {
        // Long texts read in 64-byte blocks: cut at every offset, words straddle every
        // block boundary, and some texts end inside a word.
        let words = [
            "The", "of", "vs", "x", "harbour", "THEIR", "a", "withal", "said",
        ];
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(words[i % words.len()]);
            text.push_str(if i % 4 == 0 { ", " } else { " " });
        }
        for cut in 0..70 {
            for piece in [&text[cut..], &text[..text.len() - cut]] {
                assert_eq!(ascii_word_counts(piece.as_bytes()), split_counts(piece));
            }
        }
    }

    #[test]
    fn too_little_text_is_no_language() {
        assert_eq!(detect(&article("Paris", "")), None);
    }

    #[test]
    fn only_english_has_actor_rules_and_unknown_keeps_them() {
        assert!(has_actor_rules(Some("en")));
        assert!(has_actor_rules(None));
        assert!(!has_actor_rules(Some("de")));
    }
}
