//! Date stamps shown as paragraphs of their own ("Aktualisiert: 11.04.2020, 10:27",
//! "7. oktober 2020", "2021-10-16 | Notices"): the page's metadata, not the story's text.

use std::sync::LazyLock;

use regex::Regex;

/// A calendar date as pages show it: numeric (31.10.2023, 10/31/23, 2023-10-31 with an
/// optional ISO time) or with the month in words before or after the day, with a year.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b
        | \b\d{4}-\d{2}-\d{2}(?:T[\d:.+]+)?
        | \b\d{1,2}\.?\s*\p{L}+\.?,?\s+(?:19|20)\d{2}\b
        | \b\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b",
    )
    .expect("date pattern")
});

/// A clock time, with seconds, a fraction, an offset or am/pm.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\.\d+)?(?:[+-]\d{2}:?\d{2})?\s*(?:[ap]\.?\s?m\.?)?")
        .expect("time pattern")
});

/// A one-digit ordinal opening a name, as German sections and leagues are written: "2. HBL".
static ORDINAL_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[0-9]\.\s+\p{Lu}").expect("ordinal name pattern"));

/// A stamp is short.
const MAX_STAMP_CHARS: usize = 80;

/// Words a stamp may hold besides its date and time: a label ("Published on"), a weekday,
/// a section's or an author's name. More words make a sentence.
const MAX_STAMP_WORDS: usize = 3;

/// Whether a paragraph is a date stamp: a date, perhaps a time, and at most a few words,
/// with no other number (a sentence that names a date has more to say).
pub(super) fn is_date_stamp(paragraph: &str) -> bool {
    if paragraph.chars().count() > MAX_STAMP_CHARS || !DATE.is_match(paragraph) {
        return false;
    }
    let undated = DATE.replace_all(paragraph, " ");
    let untimed = TIME.replace_all(&undated, " ");
    // An ordinal before a noun names a section ("2. Liga", "3. Bundesliga"), not a figure.
    let rest = ORDINAL_NAME.replace_all(&untimed, " ");
    let words = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    words <= MAX_STAMP_WORDS && !rest.chars().any(|c| c.is_ascii_digit())
}

/// A page's own stamp stands at the head or the foot of its text; one in between dates
/// something else (an event, a letter quoted, a list of other posts) unless it says it is
/// the page's.
const STAMP_HEAD: usize = 3;
const STAMP_FOOT: usize = 2;

/// Labels by which a stamp says it dates the page itself.
const PUBLICATION_LABELS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "veröffentlicht",
    "publiziert",
    "aktualisiert",
    "erstellt",
    "publié",
    "publicado",
    "pubblicato",
    "opublikowano",
    "date",
    "datum",
];

/// The date stamps of a text that may date the page, in order: those at its head and
/// foot, and those labelled as its publication or update. An embedded post's signature
/// ("— Ana Ruiz (@ana) May 3, 2021") dates that post, and stamps next to each other are a
/// list of dates (a programme, an archive), not the page's.
pub(super) fn shown_stamps(text: &str) -> Vec<String> {
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    let stamp: Vec<bool> = paragraphs
        .iter()
        .map(|p| !p.contains('@') && is_date_stamp(p))
        .collect();
    let foot = paragraphs.len().saturating_sub(STAMP_FOOT);
    let listed = |i: usize| (i > 0 && stamp[i - 1]) || stamp.get(i + 1).copied().unwrap_or(false);
    let labelled = |p: &str| {
        let lower = p.to_lowercase();
        PUBLICATION_LABELS.iter().any(|l| lower.starts_with(l))
    };
    paragraphs
        .iter()
        .enumerate()
        .filter(|(i, p)| stamp[*i] && !listed(*i) && (*i < STAMP_HEAD || *i >= foot || labelled(p)))
        .map(|(_, p)| p.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{is_date_stamp, shown_stamps};

    #[test]
    fn stamps_are_a_date_a_time_and_a_label() {
        for stamp in [
            "Aktualisiert: 11.04.2020, 10:27",
            "7. oktober 2020",
            "2021-10-16 | Notices",
            "Published Tuesday, March 3, 2021 at 5:01 pm",
            "opublikowano: 2021-04-29 17:13:04.031886+02:00",
            "11 Jan 2019",
            "31.01.2022 2. HBL",
        ] {
            assert!(is_date_stamp(stamp), "{stamp}");
        }
    }

    #[test]
    fn only_stamps_at_the_head_or_foot_date_the_page() {
        let text = "3 May 2021\n\nThe quay reopened.\n\nIt had been shut since spring.\n\n\
                    Hamburg, 2 April 2021\n\nThe mayor thanked the crews.\n\n\
                    Ferries run hourly.\n\n— Ana Ruiz (@ana) May 4, 2021";
        assert_eq!(shown_stamps(text), ["3 May 2021"]);
        let text = "The quay reopened.\n\nIt had been shut since spring.\n\nCrews worked.\n\n\
                    Updated May 5, 2021\n\nFerries run hourly.\n\nThe cafes opened.\n\nMore soon.";
        assert_eq!(shown_stamps(text), ["Updated May 5, 2021"]);
        let programme = "Concerts this month:\n\n02.11.2022 - Placebo\n\n30.11.2022 - Bonobo";
        assert!(shown_stamps(programme).is_empty());
    }

    #[test]
    fn sentences_and_figures_with_dates_stay() {
        for text in [
            "The council will vote on the plan on 3 March 2021.",
            "Entries close 03.11.2019, prizes go to the best three",
            "15 - 30 min",
            "Opening hours: 10:00 to 18:00",
            "Tickets: 12 euros on 3.4.2021",
        ] {
            assert!(!is_date_stamp(text), "{text}");
        }
    }
}
