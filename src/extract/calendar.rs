//! Month and weekday names, written once for every extractor that reads dates or must not
//! take a date word for a place or a name.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// A month as news copy names it.
pub struct Month {
    /// The English name, as written in prose ("March").
    pub name: &'static str,
    /// English abbreviations, without their dot.
    pub abbreviations: &'static [&'static str],
    /// Lower-case names and usual abbreviations in the main languages of European news
    /// (German, French, Spanish, Italian, Portuguese, Dutch). Short forms that are also
    /// common words elsewhere ("set", "out", "ago") are left out.
    pub other_languages: &'static [&'static str],
}

/// January first; a month's number is its index plus one.
pub const MONTHS: [Month; 12] = [
    Month {
        name: "January",
        abbreviations: &["Jan"],
        other_languages: &[
            "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
            "januari",
        ],
    },
    Month {
        name: "February",
        abbreviations: &["Feb"],
        other_languages: &[
            "februar",
            "février",
            "fevrier",
            "févr",
            "fév",
            "febrero",
            "febbraio",
            "fevereiro",
            "fev",
            "februari",
        ],
    },
    Month {
        name: "March",
        abbreviations: &["Mar"],
        other_languages: &[
            "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "maart", "mrt",
        ],
    },
    Month {
        name: "April",
        abbreviations: &["Apr"],
        other_languages: &["avril", "avr", "abril", "abr", "aprile"],
    },
    Month {
        name: "May",
        abbreviations: &["May"],
        other_languages: &["mai", "mayo", "maggio", "mag", "maio", "mei"],
    },
    Month {
        name: "June",
        abbreviations: &["Jun"],
        other_languages: &["juni", "juin", "junio", "giugno", "giu", "junho"],
    },
    Month {
        name: "July",
        abbreviations: &["Jul"],
        other_languages: &["juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
    },
    Month {
        name: "August",
        abbreviations: &["Aug"],
        other_languages: &["août", "aout", "agosto", "augustus"],
    },
    Month {
        name: "September",
        abbreviations: &["Sep", "Sept"],
        other_languages: &[
            "septembre",
            "septiembre",
            "setiembre",
            "settembre",
            "setembro",
        ],
    },
    Month {
        name: "October",
        abbreviations: &["Oct"],
        other_languages: &[
            "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
        ],
    },
    Month {
        name: "November",
        abbreviations: &["Nov"],
        other_languages: &["novembre", "noviembre", "novembro"],
    },
    Month {
        name: "December",
        abbreviations: &["Dec"],
        other_languages: &[
            "dezember",
            "dez",
            "décembre",
            "decembre",
            "déc",
            "diciembre",
            "dic",
            "dicembre",
            "dezembro",
        ],
    },
];

/// A weekday as news copy names it.
pub struct Weekday {
    pub name: &'static str,
    /// Abbreviations without their dot.
    pub abbreviations: &'static [&'static str],
}

/// Monday first.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday {
        name: "Monday",
        abbreviations: &["Mon"],
    },
    Weekday {
        name: "Tuesday",
        abbreviations: &["Tue", "Tues"],
    },
    Weekday {
        name: "Wednesday",
        abbreviations: &["Wed"],
    },
    Weekday {
        name: "Thursday",
        abbreviations: &["Thu", "Thurs"],
    },
    Weekday {
        name: "Friday",
        abbreviations: &["Fri"],
    },
    Weekday {
        name: "Saturday",
        abbreviations: &["Sat"],
    },
    Weekday {
        name: "Sunday",
        abbreviations: &["Sun"],
    },
];

/// Abbreviations read in date stamps only: in prose a capitalised "Thur" may be the Swiss
/// river or a surname, so actor extraction does not hold it back from names.
pub const DATE_ONLY_WEEKDAY_ABBREVIATIONS: &[&str] = &["Thur"];

/// The number of the month a lower-case, dot-free word names in any of the languages
/// above ("mrz" -> 3, "sept" -> 9).
pub fn month_number(word: &str) -> Option<u32> {
    // Date parsing asks this of every word it meets (the place names of a dateline too),
    // so lower-case words, all it is asked in practice, are one hash lookup.
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return LOWER_CASE_MONTHS.get(word).copied();
    }
    scanned_month_number(word)
}

/// Every month word in lower case, with the number [`scanned_month_number`] gives it.
static LOWER_CASE_MONTHS: LazyLock<FxHashMap<String, u32>> = LazyLock::new(|| {
    let mut words = FxHashMap::default();
    for month in &MONTHS {
        let english = std::iter::once(&month.name).chain(month.abbreviations);
        let lower = english.map(|w| w.to_ascii_lowercase());
        for word in lower.chain(month.other_languages.iter().map(|w| w.to_string())) {
            if let Some(number) = scanned_month_number(&word) {
                words.entry(word).or_insert(number);
            }
        }
    }
    words
});

/// [`month_number`] read off the table month by month.
fn scanned_month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| {
            m.name.eq_ignore_ascii_case(word)
                || m.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word))
                || m.other_languages.contains(&word)
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether a lower-case word is an English month name or abbreviation ("march", "sept").
pub fn is_english_month(word: &str) -> bool {
    MONTHS.iter().any(|m| {
        m.name.eq_ignore_ascii_case(word)
            || m.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word))
    })
}

/// Whether a lower-case word is the full English name of a weekday ("monday").
pub fn is_weekday_name(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.name.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_numbers_in_every_language() {
        for (word, want) in [
            ("jan", 1),
            ("märz", 3),
            ("may", 5),
            ("sept", 9),
            ("dez", 12),
        ] {
            assert_eq!(month_number(word), Some(want), "{word}");
        }
        assert_eq!(month_number("set"), None);
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("März"), None);
        assert_eq!(month_number("salvador"), None);
    }

    #[test]
    fn the_lookup_agrees_with_reading_the_table() {
        let words = MONTHS.iter().flat_map(|m| {
            let english = std::iter::once(&m.name).chain(m.abbreviations);
            english.chain(m.other_languages)
        });
        for word in words {
            for written in [word.to_string(), word.to_lowercase(), word.to_uppercase()] {
                assert_eq!(
                    month_number(&written),
                    scanned_month_number(&written),
                    "{written}"
                );
            }
        }
    }
}
