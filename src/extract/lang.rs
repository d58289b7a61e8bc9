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
        let mut count = |word: &[u8]| {
            all += 1;
            english += usize::from(is_english_function_word(word));
        };
        if text.is_ascii() {
            // Every article is read here: ASCII text is cut into words byte by byte.
            text.as_bytes()
                .split(|b| !b.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .for_each(&mut count);
        } else {
            text.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .for_each(|w| count(w.as_bytes()));
        }
    }
    english as f64 / all.max(1) as f64
}

/// Whether a word is one of `ENGLISH_FUNCTION_WORDS`, in any case; lower-cased on the stack,
/// since it is asked of every word of every article.
fn is_english_function_word(word: &[u8]) -> bool {
    const LONGEST: usize = 5;
    if !(2..=LONGEST).contains(&word.len()) {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    ENGLISH_FUNCTION_WORDS.iter().any(|f| f.as_bytes() == lower)
}

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
