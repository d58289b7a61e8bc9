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
/// Every article is read here, so the loop has no branch that depends on the text: a
/// branch at every word's end costs a misprediction per word. Each byte updates the
/// current word, lower-cased and packed into one integer, and its length; where a word
/// ends, its packed form is looked up in a table where each function word has a slot.
fn ascii_word_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut all, mut english) = (0usize, 0usize);
    let (mut packed, mut len) = (0u64, 0usize);
    // Counts the word `packed`, `len` long, when `ended` says it ends here.
    let mut end_word = |ended: bool, packed: u64, len: usize| {
        let ended = ended & (len > 0);
        let short = (2..=LONGEST_FUNCTION_WORD).contains(&len);
        all += usize::from(ended);
        english += usize::from(ended & short & (FUNCTION_WORD_SLOTS[slot(packed)] == packed));
    };
    for &b in bytes {
        let letter = b.is_ascii_alphabetic();
        // Every bit set inside a word, none past its end.
        let keep = u64::from(letter).wrapping_neg();
        end_word(!letter, packed, len);
        // A letter's lower case is its byte with 0x20 set; past 8 letters the first fall
        // off, which only words too long to be function words reach.
        packed = (packed << 8 | u64::from(b | 0x20)) & keep;
        len = (len + 1) & keep as usize;
    }
    end_word(true, packed, len);
    (all, english)
}

const LONGEST_FUNCTION_WORD: usize = 5;

/// Whether a word is one of `ENGLISH_FUNCTION_WORDS`, in any case.
fn is_english_function_word(word: &[u8]) -> bool {
    if !(2..=LONGEST_FUNCTION_WORD).contains(&word.len()) {
        return false;
    }
    let packed = word
        .iter()
        .fold(0u64, |p, b| p << 8 | u64::from(b.to_ascii_lowercase()));
    FUNCTION_WORD_SLOTS[slot(packed)] == packed
}

/// Bytes of a word of at most 8 bytes, big-endian in one integer (no byte is zero, so
/// words of different lengths never pack alike).
const fn pack(word: &[u8]) -> u64 {
    let mut packed = 0u64;
    let mut i = 0;
    while i < word.len() {
        packed = packed << 8 | word[i] as u64;
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

    #[test]
    fn ascii_counts_agree_with_splitting_into_words() {
        let texts = [
            "The cafe and THE bar, said Vs. -- from: whichever THEIR their's havens",
            "  x  y z12of34to  ",
            "ofofofofofofofofofof of",
            "",
            "the",
            "WithWith with-With wITh",
        ];
        for text in texts {
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
            assert_eq!(
                ascii_word_counts(text.as_bytes()),
                (words.len(), english),
                "{text}"
            );
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
