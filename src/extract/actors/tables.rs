//! Tables: the lines of a sports report whose shape alone says that their names are teams,
//! a two-sided result ("Hull 2 Crystal Palace 1") and a standings row whose numbers add up
//! ("Crystal Palace 4 1 2 1 4 3 5": played = won + drawn + lost).
//!
//! Such a line holds no prose to read the names by, and its names are often common words
//! ("Reading"), given names ("Sydney") or end in a place word ("Palace"); its structure is
//! the evidence, so the words themselves are not asked.

use super::tokens::{Shape, Token, is_integer};

/// A side of a table line: the capitalised words of one name, `start..end` in the tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Side {
    start: usize,
    end: usize,
}

/// The token positions at which a team's name starts in this line; empty for lines that are
/// no result or standings row.
pub fn team_sides(tokens: &[Token]) -> Vec<usize> {
    let integers = tokens.iter().filter(|t| is_integer(t)).count();
    if integers < 2 {
        return Vec::new();
    }
    let mut sides = result_sides(tokens);
    if sides.is_empty()
        && let Some(s) = standings_side(tokens)
    {
        sides.push(s);
    }
    sides
}

/// The side of a name starting at `i`: capitalised words, "&" between them; no digits.
fn side_at(tokens: &[Token], i: usize) -> Option<Side> {
    let name_word = |t: &Token| {
        matches!(t.shape, Shape::Title | Shape::Upper | Shape::Initial)
            && !t.text.bytes().any(|b| b.is_ascii_digit())
    };
    if !tokens.get(i).is_some_and(name_word) {
        return None;
    }
    let mut end = i + 1;
    while end < tokens.len()
        && (name_word(&tokens[end])
            || tokens[end].is_punct("&") && tokens.get(end + 1).is_some_and(name_word))
    {
        end += 1;
    }
    Some(Side { start: i, end })
}

/// Skips a short bracketed note after a name ("(Italy)", "(B)") and returns where it ends.
fn skip_note(tokens: &[Token], i: usize) -> usize {
    if !tokens.get(i).is_some_and(|t| t.is_punct("(")) {
        return i;
    }
    (i + 1..tokens.len().min(i + 6))
        .find(|&k| tokens[k].is_punct(")"))
        .map_or(i, |k| k + 1)
}

/// A name followed (after an optional note) by a score: the side and where the score ends.
fn scored_side(tokens: &[Token], i: usize) -> Option<(Side, usize)> {
    let side = side_at(tokens, i)?;
    let k = skip_note(tokens, side.end);
    // A score has at most three digits; "28 August 1996" is a date, not two results.
    tokens
        .get(k)
        .is_some_and(|t| is_integer(t) && t.text.len() <= 3)
        .then_some((side, k + 1))
}

/// Two or more scored names in a row ("Hajduk 2 Proleter (Z) 0"): a result, both sides teams.
fn result_sides(tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut chain = Vec::new();
        let mut k = i;
        while let Some((side, next)) = scored_side(tokens, k) {
            chain.push(side.start);
            k = next;
        }
        if chain.len() >= 2 {
            out.extend(chain);
            i = k;
        } else {
            i += 1;
        }
    }
    out
}

/// A name opening the line (after an optional rank "3."), then only numbers: a standings
/// row when played = won + drawn + lost, or won and lost are followed by their ratio.
fn standings_side(tokens: &[Token]) -> Option<usize> {
    let mut i = 0;
    if tokens.first().is_some_and(is_integer) {
        i = 1 + usize::from(tokens.get(1).is_some_and(|t| t.is_punct(".")));
    }
    let side = side_at(tokens, i)?;
    let rest = &tokens[side.end..];
    if rest
        .iter()
        .any(|t| !matches!(t.shape, Shape::Number | Shape::Punct))
    {
        return None;
    }
    let numbers: Vec<u32> = rest
        .iter()
        .take_while(|t| is_integer(t))
        .filter_map(|t| t.text.parse().ok())
        .collect();
    let adds_up =
        numbers.len() >= 5 && numbers[0] > 0 && numbers[0] == numbers[1] + numbers[2] + numbers[3];
    let ratio = numbers.len() == 2 && ratio_follows(&rest[2..], numbers[0], numbers[1]);
    (adds_up || ratio).then_some(side.start)
}

/// Whether ".452" follows won and lost, as won / (won + lost) in thousandths.
fn ratio_follows(rest: &[Token], won: u32, lost: u32) -> bool {
    let [dot, digits, ..] = rest else {
        return false;
    };
    if !dot.is_punct(".") || digits.text.len() != 3 || won + lost == 0 {
        return false;
    }
    let Ok(given) = digits.text.parse::<u32>() else {
        return false;
    };
    let expected = (1000 * won + (won + lost) / 2) / (won + lost);
    given.abs_diff(expected) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::actors::tokens::tokenize;

    fn sides(line: &str) -> Vec<String> {
        let tokens = tokenize(line);
        team_sides(&tokens)
            .into_iter()
            .map(|i| tokens[i].text.to_string())
            .collect()
    }

    #[test]
    fn result_lines_name_both_sides() {
        assert_eq!(
            sides("Reading 2 Oldcastle Palace 1"),
            ["Reading", "Oldcastle"]
        );
        assert_eq!(
            sides("Ferrotown (Italy) 92 Dinamo Zelj (Russia) 81 (halftime 50-28)"),
            ["Ferrotown", "Dinamo"]
        );
        assert_eq!(sides("Bramley 1 Rad (B) 0"), ["Bramley", "Rad"]);
        assert!(sides("Ecu (1) 28 August 1996 (96 / C 251/01)").is_empty());
    }

    #[test]
    fn standings_rows_must_add_up() {
        assert_eq!(sides("Sydney Hawks 4 1 2 1 4 3 5"), ["Sydney"]);
        assert_eq!(sides("3. Albion 3 3 0 0 5 0 9"), ["Albion"]);
        assert_eq!(sides("Lakeside 61 74 .452 20"), ["Lakeside"]);
        // A golfer's rounds do not add up, and one scored name is no result.
        assert!(sides("Nick Walden 70 68 71 72 281").is_empty());
        assert!(sides("Lakeside 61 74 .600 20").is_empty());
        assert!(sides("Profits rose 12 percent to 450 million").is_empty());
    }
}
