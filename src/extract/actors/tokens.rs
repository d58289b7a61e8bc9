//! Tokens: a line cut into words, numbers and punctuation, each with its shape.

use std::borrow::Cow;

use crate::extract::ascii_words::ascii_alnum_len;

use super::lexicon::{Cue, Entries, LEX, Title, is_common, is_given, title_of};

/// What a token looks like, which is most of what tells a name from a word.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    Lower,
    Title,
    Upper,
    Initial,
    Number,
    Punct,
}

/// A word, number or punctuation mark of a line.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    pub text: &'a str,
    pub shape: Shape,
    /// The word carried a possessive "'s", which was cut off.
    pub possessive: bool,
    /// The word lists a capitalised word is in, looked up once when the token is made: the
    /// words of a run are asked about them many times over. Other tokens, seldom asked,
    /// are left out (`None`) and their questions go to the lists.
    pub entries: Option<Entries>,
}

impl Token<'_> {
    pub fn is_capitalised(&self) -> bool {
        matches!(self.shape, Shape::Title | Shape::Upper | Shape::Initial)
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.shape == Shape::Punct && self.text == p
    }
    /// `lexicon::is_common` of the text.
    pub fn is_common(&self) -> bool {
        self.entries
            .map_or_else(|| is_common(self.text), Entries::is_common)
    }
    /// `lexicon::is_given` of the text.
    pub fn is_given(&self) -> bool {
        self.entries
            .map_or_else(|| is_given(self.text), Entries::is_given)
    }
    /// `lexicon::title_of` the text.
    pub fn title(&self) -> Option<Title> {
        self.entries
            .map_or_else(|| title_of(self.text), Entries::title)
    }
    /// The organisation cue the text is, if any (`LEX.cues`).
    pub fn cue(&self) -> Option<Cue> {
        let listed = || LEX.cues.get(self.text).copied();
        self.entries.map_or_else(listed, Entries::cue)
    }
    /// Whether the text is a never-a-name word (`LEX.never`).
    pub fn is_never(&self) -> bool {
        let listed = || LEX.never.contains(self.text);
        self.entries.map_or_else(listed, Entries::is_never)
    }
    /// Whether the text is a known short name as written (`LEX.known`).
    pub fn is_known(&self) -> bool {
        let listed = || LEX.known.contains_key(self.text);
        self.entries.map_or_else(listed, Entries::is_known)
    }
}

fn shape_of(t: &str) -> Shape {
    let Some(f) = t.chars().next() else {
        return Shape::Punct;
    };
    if f.is_numeric() {
        return Shape::Number;
    }
    if !f.is_uppercase() {
        return Shape::Lower;
    }
    let (letters, any_lower) = if t.is_ascii() {
        // Most words are ASCII: counted byte by byte, in one pass.
        t.bytes().fold((0, false), |(n, lower), b| {
            (
                n + usize::from(b.is_ascii_alphabetic()),
                lower || b.is_ascii_lowercase(),
            )
        })
    } else {
        (
            t.chars().filter(|c| c.is_alphabetic()).count(),
            t.chars().any(char::is_lowercase),
        )
    };
    if letters == 1 && t.ends_with('.') {
        return Shape::Initial;
    }
    if letters >= 2 && !any_lower {
        return Shape::Upper;
    }
    // "Hong Kong-based", "Brazilian-born": an adjective, not a name.
    if t.bytes()
        .rposition(|b| b == b'-')
        .is_some_and(|i| LEX.adjective_tails.contains(&t[i + 1..]))
    {
        return Shape::Lower;
    }
    Shape::Title
}

/// Splits a line into tokens, keeping "U.S.", "Leigh-Pemberton", "1,234" and "AT&T" whole
/// and cutting a possessive "'s" off its word.
#[cfg(test)]
pub fn tokenize(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    tokenize_into(line, &mut out);
    out
}

/// What `tokenize_into` saw of a line's tokens, gathered as they are made so that the
/// line is not walked again for it.
#[derive(Clone, Copy, Default)]
pub struct Tally {
    /// Some token is capitalised: without one the line holds no run to read.
    pub capitalised: bool,
    /// Some token is in capitals ("NATO").
    pub upper: bool,
    /// How many tokens are integers (`is_integer`).
    pub integers: usize,
}

/// `tokenize` into `out` (cleared first), so that one buffer serves every line.
pub fn tokenize_into<'a>(line: &'a str, out: &mut Vec<Token<'a>>) -> Tally {
    out.clear();
    let mut tally = Tally::default();
    let mut k = 0;
    let bytes = line.as_bytes();
    while k < bytes.len() {
        // A space between words: most of what is not a word, skipped without decoding.
        if bytes[k] == b' ' {
            k += 1;
            continue;
        }
        let Some(c) = char_at(line, k) else {
            break;
        };
        let width = c.len_utf8();
        if c.is_whitespace() {
            k += width;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                text: &line[k..k + width],
                shape: Shape::Punct,
                possessive: false,
                entries: None,
            });
            k += width;
            continue;
        }
        let start = k;
        let mut e = k + width;
        // The letters and digits of an ASCII word, without the checks below.
        e += ascii_alnum_len(&bytes[e..]);
        while let Some(c) = char_at(line, e) {
            if c.is_alphanumeric() {
                e += c.len_utf8();
                continue;
            }
            match (c, char_at(line, e + c.len_utf8())) {
                // "1,234" and "3.5" are one number, so tables don't read as score lines.
                (',' | '.', Some(n))
                    if n.is_ascii_digit() && line.as_bytes()[e - 1].is_ascii_digit() =>
                {
                    e += 2;
                }
                ('.' | '\'' | '\u{2019}' | '-' | '&', Some(n)) if n.is_alphanumeric() => {
                    e += c.len_utf8() + n.len_utf8();
                }
                _ => break,
            }
        }
        let (mut text, possessive) = without_possessive(&line[start..e]);
        let mut next = e;
        if !possessive && line[e..].starts_with('.') {
            let single = text.chars().count() == 1 && text.chars().all(char::is_uppercase);
            if single || text.contains('.') {
                text = &line[start..e + 1];
                next = e + 1;
            } else if LEX.abbreviations.contains(text) {
                next = e + 1;
            }
        }
        let shape = shape_of(text);
        match shape {
            Shape::Title | Shape::Initial => tally.capitalised = true,
            Shape::Upper => (tally.capitalised, tally.upper) = (true, true),
            Shape::Number => {
                tally.integers += usize::from(text.bytes().all(|b| b.is_ascii_digit()))
            }
            Shape::Lower | Shape::Punct => {}
        }
        out.push(Token {
            text,
            shape,
            possessive,
            entries: match shape {
                Shape::Title | Shape::Upper | Shape::Initial => Some(Entries::of(text)),
                _ => None,
            },
        });
        k = next;
    }
    tally
}

/// A word without its possessive "'s" (or "’s", "'S"), and whether it had one.
fn without_possessive(word: &str) -> (&str, bool) {
    // Most words end in neither "s" nor "S": one byte rules all three suffixes out.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S')) {
        return (word, false);
    }
    for suffix in ["'s", "\u{2019}s", "'S"] {
        if let Some(t) = word.strip_suffix(suffix) {
            return if t.is_empty() {
                (word, false)
            } else {
                (t, true)
            };
        }
    }
    (word, false)
}

/// The character that starts at byte `i` of `line`, if any; ASCII without decoding, since
/// the tokenizer looks at every character of every line this way.
fn char_at(line: &str, i: usize) -> Option<char> {
    match line.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => line.get(i..)?.chars().next(),
        None => None,
    }
}

pub fn is_integer(t: &Token) -> bool {
    t.shape == Shape::Number && t.text.bytes().all(|b| b.is_ascii_digit())
}

/// `join(run)`, borrowed from `line` when the run's words stand there one space apart (as
/// they nearly always do), so that a name asked about is not copied first.
pub fn join_in<'a>(line: &'a str, run: &[Token<'a>]) -> Cow<'a, str> {
    if let [first, _, ..] = run {
        // Where the run would start in the line, if its words are the line's; the span
        // is taken only if it reads as the words one space apart.
        let start = (first.text.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
        let len = run.iter().map(|w| w.text.len() + 1).sum::<usize>() - 1;
        if let Some(span) = start.checked_add(len).and_then(|end| line.get(start..end))
            && spelled_as(span, run)
        {
            return Cow::Borrowed(span);
        }
    }
    join(run)
}

/// Whether `span` is the words of `run` one space apart.
fn spelled_as(span: &str, run: &[Token]) -> bool {
    let mut rest = span.as_bytes();
    for (i, w) in run.iter().enumerate() {
        if i > 0 {
            match rest.split_first() {
                Some((b' ', r)) => rest = r,
                _ => return false,
            }
        }
        match rest.strip_prefix(w.text.as_bytes()) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// The words of a run as written, one space apart; a one-word run (most runs, and most of
/// the prefixes tried as places) is borrowed rather than copied.
pub fn join<'a>(run: &[Token<'a>]) -> Cow<'a, str> {
    if let [one] = run {
        return Cow::Borrowed(one.text);
    }
    let mut s = String::new();
    for (i, w) in run.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w.text);
    }
    Cow::Owned(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(line: &str) -> Vec<(&str, Shape)> {
        tokenize(line).iter().map(|t| (t.text, t.shape)).collect()
    }

    #[test]
    fn ascii_and_other_words_take_the_same_shapes() {
        assert_eq!(
            shapes("J. NATO Reuters Hong Kong-based ÉTAT État été 12a"),
            [
                ("J.", Shape::Initial),
                ("NATO", Shape::Upper),
                ("Reuters", Shape::Title),
                ("Hong", Shape::Title),
                ("Kong-based", Shape::Lower),
                ("ÉTAT", Shape::Upper),
                ("État", Shape::Title),
                ("été", Shape::Lower),
                ("12a", Shape::Number),
            ]
        );
        assert_eq!(
            shapes("Leigh-Pemberton's AT&T 1,234 Zürich-based"),
            [
                ("Leigh-Pemberton", Shape::Title),
                ("AT&T", Shape::Upper),
                ("1,234", Shape::Number),
                ("Zürich-based", Shape::Lower),
            ]
        );
    }

    #[test]
    fn a_run_joined_in_its_line_reads_as_joined_apart() {
        let line = "the Bank of  England and Bank\tof Japan, Bank of Korea's";
        let tokens = tokenize(line);
        for i in 0..tokens.len() {
            for j in i + 1..=tokens.len() {
                let run = &tokens[i..j];
                assert_eq!(join_in(line, run), join(run));
            }
        }
        let bank = tokens.iter().position(|t| t.text == "Korea").unwrap() - 2;
        assert!(matches!(
            join_in(line, &tokens[bank..bank + 3]),
            Cow::Borrowed(_)
        ));
        assert_eq!(join_in("elsewhere", &tokens[1..3]), join(&tokens[1..3]));
    }

    #[test]
    fn spaces_tabs_and_line_ends_only_separate() {
        assert_eq!(
            shapes("  Bank\tof \u{a0}England  12 "),
            [
                ("Bank", Shape::Title),
                ("of", Shape::Lower),
                ("England", Shape::Title),
                ("12", Shape::Number),
            ]
        );
        assert!(shapes("   ").is_empty());
    }
}
