//! Credit lines: the agency in a dateline and the reporters and editors a story credits
//! are who filed it, not actors in it.
//!
//! Without this, a wire service heads `top actors` over any archive of its stories: it is
//! named in every dateline ("FRANKFURT, April 11 (Wire) - ...") and every closing credit
//! ("Reporting by Wire; editing by ..."). A name the story itself mentions still counts.

/// How credit lines open. Matched at the line's start, ignoring case and any emphasis
/// or bracket before it ("*Reporting by ...*", "(Editing by ...)").
const CREDIT_OPENERS: &[&str] = &[
    "reporting by ",
    "additional reporting by ",
    "writing by ",
    "editing by ",
    "compiled by ",
];

/// The longest dateline place and agency read; anything longer is a sentence.
const MAX_PLACE_BYTES: usize = 80;
const MAX_AGENCY_BYTES: usize = 40;

/// Whether a line is a credit ("Reporting by Claire Dubois; editing by Tom Hale").
pub fn is_credit_line(line: &str) -> bool {
    let start = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '(' | '[' | '-' | '\u{2013}' | '\u{2014}')
    });
    CREDIT_OPENERS.iter().any(|opener| {
        start
            .get(..opener.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(opener))
    })
}

/// The story's first line with the agency of its dateline blanked out, when it opens with
/// one: "FRANKFURT, April 11, 2024 (Wire) - The bank ...". The place must be written in
/// capitals, as datelines are, so "Gould Inc (GLD) - Offering of ..." is left alone.
/// Blanking (not cutting) keeps every other word where it was.
pub fn without_dateline_agency(line: &str) -> Option<String> {
    let open = line.find('(').filter(|&i| i <= MAX_PLACE_BYTES)?;
    let close = open + line[open..].find(')')?;
    let agency = line[open + 1..close].trim();
    let dash_follows = line[close + 1..]
        .trim_start()
        .starts_with(['-', '\u{2013}', '\u{2014}']);
    let place = line[..open].split(',').next().unwrap_or("").trim();
    let capital_place = place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !place.chars().any(char::is_lowercase);
    if !dash_follows || !capital_place || agency.is_empty() || agency.len() > MAX_AGENCY_BYTES {
        return None;
    }
    let mut blanked = line.to_string();
    blanked.replace_range(open..=close, &" ".repeat(close - open + 1));
    Some(blanked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_are_known_by_their_opening() {
        assert!(is_credit_line("Reporting by Ana Ruiz; editing by Tom Hale"));
        assert!(is_credit_line(
            "*Additional reporting by Lee Park in Seoul.*"
        ));
        assert!(is_credit_line("(Editing by Mark Potter)"));
        assert!(is_credit_line("  Compiled by the Desk"));
        assert!(!is_credit_line("The reporting by Ana Ruiz won a prize."));
        assert!(!is_credit_line("Editing the budget took months."));
        assert!(!is_credit_line(""));
    }

    #[test]
    fn a_datelines_agency_is_blanked() {
        let line = "FRANKFURT, April 11, 2024 (Harbor Wire) - The bank held rates.";
        let blanked = without_dateline_agency(line).unwrap();
        assert!(!blanked.contains("Harbor"));
        assert_eq!(blanked.len(), line.len());
        assert!(blanked.ends_with("- The bank held rates."));
        let short = without_dateline_agency("NEW YORK (AP) \u{2014} Stocks rose.").unwrap();
        assert!(!short.contains("AP"));
    }

    #[test]
    fn other_parentheses_are_left_alone() {
        // A company and its ticker, not a place and an agency.
        assert_eq!(
            without_dateline_agency("Gould Inc (GLD) - Offering of two mln shares."),
            None
        );
        // No dash after the parenthesis: an ordinary sentence.
        assert_eq!(
            without_dateline_agency("PARIS (France) is where they met."),
            None
        );
        assert_eq!(without_dateline_agency("No parentheses - here."), None);
    }
}
