//! Runs: cutting a line into runs of capitalised words joined by connectors, with what
//! surrounds each run, and reading all-capitals lines apart.

use super::candidates::{Evidence, Outcome, Reader, Surroundings, is_country_level, place_code};
use super::lexicon::{Cue, LEX};
use super::tables::team_sides;
use super::tokens::{Shape, Token, is_integer, join_in, tokenize_into};
use crate::extract::ActorKind;

/// Words that break a sentence, so the next capitalised word may be capitalised only for that.
const SENTENCE_BREAKS: &[&str] = &[
    ".", "!", "?", ":", ";", "\"", "\u{201c}", "\u{201d}", "-", "\u{2014}", "\u{2013}", "\u{2022}",
    "(", "*", "'", "[",
];

/// A line is a heading when every word that is not a small function word is capitalised.
fn is_heading(tokens: &[Token]) -> bool {
    // One pass, no list of the words: this runs for every line, and a line of prose
    // shows a lower-case word early.
    let mut words = 0usize;
    for t in tokens {
        match t.shape {
            Shape::Number => return false,
            Shape::Punct => {}
            _ => {
                words += 1;
                if !(t.is_capitalised() || is_small_word(t.text)) {
                    return false;
                }
            }
        }
    }
    (2..=16).contains(&words)
        && !tokens.last().is_some_and(|t| {
            t.shape == Shape::Punct && matches!(t.text, "." | "?" | "!" | ":" | ",")
        })
}

/// The small function words a heading leaves in lower case.
fn is_small_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "and"
            | "the"
            | "for"
            | "with"
            | "in"
            | "on"
            | "at"
            | "to"
            | "a"
            | "an"
            | "by"
            | "from"
            | "amid"
            | "under"
            | "over"
            | "vs"
            | "or"
            | "as"
            | "into"
    )
}

/// A body line that is only a name of two or three uncommon words ("Mishi Saran" under a
/// dateline): a byline, whose capitals are a name's, not a heading's.
fn is_byline(tokens: &[Token]) -> bool {
    (2..=3).contains(&tokens.len())
        && tokens.iter().all(|t| {
            t.shape == Shape::Title && !t.is_common() && t.title().is_none() && t.cue().is_none()
        })
}

/// Whether the connector at `j` links the capitalised word before it to one after it:
/// "Bank of England", "Organisation of the Islamic Conference", but "the" only after "of".
fn joins(tokens: &[Token], j: usize) -> bool {
    let next_cap = |k: usize| tokens.get(k).is_some_and(Token::is_capitalised);
    match tokens[j].text {
        "the" => j > 0 && matches!(tokens[j - 1].text, "of" | "for") && next_cap(j + 1),
        "of" | "for" => {
            next_cap(j + 1) || tokens.get(j + 1).is_some_and(|t| t.text == "the") && next_cap(j + 2)
        }
        _ => next_cap(j + 1),
    }
}

/// A possessive inside a company name: "Standard and Poor's Corp", "McDonald's Corp".
fn poss_continues(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| n.is_capitalised() && n.cue() == Some(Cue::Last))
}

/// Where the run of capitalised words (with its connectors) that starts at `start` ends.
fn run_end(tokens: &[Token], start: usize) -> usize {
    let mut j = start + 1;
    if tokens[start].possessive && !poss_continues(tokens, start) {
        return j;
    }
    while j < tokens.len() && j - start < MAX_RUN_TOKENS {
        let t = tokens[j];
        if t.is_capitalised() {
            j += 1;
            if t.possessive && !poss_continues(tokens, j - 1) {
                break;
            }
        } else if (t.shape == Shape::Lower && LEX.connectors.contains(t.text) || t.is_punct("&"))
            && joins(tokens, j)
        {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// The longest run of capitalised words (with their connectors) read as one candidate.
/// Real names have at most about eight words ("International Bank for Reconstruction
/// and Development"), wire tables somewhat longer runs; a run is cut here because
/// analysing one grows with the square of its length, and 64 KB of "President Macron of
/// France" took 2.6 s (1 MB now takes 0.3 s).
const MAX_RUN_TOKENS: usize = 24;

/// Reads one line (the title, the subtitle or a body line) into candidates.
pub fn scan_line<'a>(reader: &mut Reader<'a>, line: &'a str, is_title: bool) {
    // The reader's buffer, taken for the line: the runs read below borrow the reader too.
    let mut tokens = std::mem::take(&mut reader.tokens);
    reader.line = line;
    let tally = tokenize_into(line, &mut tokens);
    // A line without a capitalised word holds no run, whatever else it is.
    if tally.capitalised {
        if tally.upper && !line.chars().any(char::is_lowercase) {
            scan_caps(reader, &tokens, tally.integers);
        } else {
            scan_runs(reader, &tokens, is_title, tally.integers);
        }
    }
    reader.tokens = tokens;
}

/// Reads the runs of capitalised words of a line that is not in capitals.
fn scan_runs<'a>(reader: &mut Reader<'a>, tokens: &[Token<'a>], is_title: bool, integers: usize) {
    let heading = is_title || is_heading(tokens) && !is_byline(tokens);
    // `team_sides` needs two integers; most lines have fewer.
    let sides = if integers >= 2 {
        team_sides(tokens)
    } else {
        Vec::new()
    };
    let mut i = 0;
    let mut last = (Outcome::Nothing, usize::MAX, false);
    while i < tokens.len() {
        if !tokens[i].is_capitalised() {
            i += 1;
            continue;
        }
        let start = i;
        let j = run_end(tokens, start);
        let prev = start.checked_sub(1).map(|p| tokens[p]);
        let next = tokens.get(j).copied();
        let initial =
            prev.is_none_or(|p| p.shape == Shape::Punct && SENTENCE_BREAKS.contains(&p.text));
        let mut affiliation = None;
        if last.1 == start
            && last.2
            && let Outcome::Place(code) = last.0
            && !code.is_empty()
        {
            affiliation = Some(code);
        }
        let bracket =
            prev.is_some_and(|p| p.is_punct("<")) && next.is_some_and(|n| n.is_punct(">"));
        let around = Surroundings {
            prev,
            next,
            initial,
            weak: heading,
            score_line: integers >= 2 && next.is_some_and(|n| is_integer(&n)),
            team_side: sides.contains(&start),
            bracket,
            affiliation,
        };
        let run = &tokens[start..j];
        // "(JCPOA)" right after a run: the acronym of that run, whatever it was.
        let defines = j - start == 1
            && run[0].shape == Shape::Upper
            && prev.is_some_and(|p| p.is_punct("("))
            && next.is_some_and(|n| n.is_punct(")"))
            && last.1 == start.saturating_sub(1)
            && !run[0].is_known();
        let out = if defines {
            if let Outcome::Actor(a) = last.0
                && reader.candidates[a].kind == Some(ActorKind::Organization)
            {
                reader.candidates[a].alias = Some(run[0].text.to_string());
            }
            Outcome::Nothing
        } else {
            reader.analyze(run, &around)
        };
        last = (out, j, tokens[j - 1].possessive);
        i = j;
    }
}

/// An all-capitals line (headline, dateline): its words are compared with the actors the
/// prose names, and only known short names count on their own.
fn scan_caps<'a>(reader: &mut Reader<'a>, tokens: &[Token<'a>], integers: usize) {
    let mut i = 0;
    while i < tokens.len() {
        let usable = |t: &Token| t.shape == Shape::Upper && (!t.is_common() || t.is_known());
        if !usable(&tokens[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len()
            && j - i < MAX_RUN_TOKENS
            && usable(&tokens[j])
            && !tokens[j - 1].possessive
        {
            j += 1;
        }
        let run = &tokens[i..j];
        let bracket =
            i > 0 && tokens[i - 1].is_punct("<") && tokens.get(j).is_some_and(|t| t.is_punct(">"));
        if bracket && run.len() == 1 {
            // "<CPML>": a stock ticker, not a name.
            i = j;
            continue;
        }
        let around = Surroundings {
            weak: !bracket,
            ..Surroundings::default()
        };
        for w in run {
            if w.is_known() {
                reader.push(
                    std::slice::from_ref(w),
                    Some(ActorKind::Organization),
                    Evidence::Firm,
                    &Surroundings::default(),
                );
            }
        }
        let whole = join_in(reader.line, run);
        if integers >= 2 && tokens.get(j).is_some_and(is_integer) && !is_country_level(&whole) {
            // A standings or results table: "NEW YORK 72 59".
            reader.push(
                run,
                Some(ActorKind::Organization),
                Evidence::Guess,
                &Surroundings::default(),
            );
        } else if !(run.len() == 1 && run[0].is_known()) && place_code(&whole).is_none() {
            let kind = bracket.then_some(ActorKind::Organization);
            reader.push(
                run,
                kind,
                if bracket {
                    Evidence::Firm
                } else {
                    Evidence::Weak
                },
                &around,
            );
        }
        i = j;
    }
}
