//! Reading the text around a gazetteer match: the neighbouring words, the kind of line it
//! sits in, and where the dateline and the lead of a body end.

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// How far either side of a match its case context reaches, in bytes: a headline is
/// shorter, and a long paragraph must not make every check cost its whole length.
const CONTEXT_BYTES: usize = 120;

/// The line of `text` around byte offset `at`, cut to `CONTEXT_BYTES` either side.
pub fn line_around(text: &str, at: usize) -> &str {
    let mut lo = at.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (at + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let start = text[lo..at].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = text[at..hi].find('\n').map_or(hi, |i| at + i);
    &text[start..end]
}

/// A headline in title case ("Protests Grow In Jordan"), where a capitalised word before a
/// place says nothing about a surname. Asked of the line around most mentions, so ASCII is
/// read byte by byte, without a branch on where words start.
pub fn is_title_line(line: &str) -> bool {
    let (mut words, mut upper) = (0usize, 0usize);
    let bytes = line.as_bytes();
    // Whether the last character was whitespace (or there was none): a word opens next.
    let mut after_gap = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (gap, letter, capital, len) = if b.is_ascii() {
            // The ASCII whitespace of `char::is_whitespace`: tab to carriage return, space.
            let gap = (b == b' ') | (b'\t'..=b'\r').contains(&b);
            (gap, b.is_ascii_alphabetic(), b.is_ascii_uppercase(), 1)
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            (
                c.is_whitespace(),
                c.is_alphabetic(),
                c.is_uppercase(),
                c.len_utf8(),
            )
        };
        let opens = after_gap & !gap;
        words += usize::from(opens & letter);
        upper += usize::from(opens & capital);
        after_gap = gap;
        i += len;
    }
    words >= 3 && upper * 10 >= words * 8
}

/// A line written in capitals (a wire headline or slug), where case tells nothing.
pub fn is_caps_line(line: &str) -> bool {
    let mut letters = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_lowercase() {
                return false;
            }
            letters += usize::from(b.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
        i += c.len_utf8();
    }
    letters >= 4
}

/// The word right before `at`, when only one space separates it.
pub fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text[..at].strip_suffix(' ')?;
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\'' || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &head[start..];
    (!w.is_empty()).then_some(w)
}

/// The word right after `at`, when only one space separates it.
pub fn word_after(text: &str, at: usize) -> Option<&str> {
    let tail = text[at..].strip_prefix(' ')?;
    let end = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '\''))
        .map_or(tail.len(), |(i, _)| i);
    let w = &tail[..end];
    (!w.is_empty()).then_some(w)
}

pub fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// Byte length of the wire dateline at the start of a body ("TEHRAN, Feb 3 (Reuters) - ",
/// "    SALVADOR, Feb 26 - ", "LONDON 1996-08-30"), or 0.
pub fn dateline_len(body: &str) -> usize {
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let line = rest.split('\n').next().unwrap_or("");
    let cand = match line.find(" - ").or_else(|| line.find(" -- ")) {
        Some(i) if i <= 120 => &line[..i],
        _ if line.len() <= 60 && line.chars().any(|c| c.is_ascii_digit()) => line,
        _ => return 0,
    };
    let head_end = cand
        .find(|c: char| c == ',' || c == '(' || c.is_ascii_digit())
        .unwrap_or(cand.len());
    let head = &cand[..head_end];
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    // The place is in capitals ("NEW YORK") or title case ("London") and short.
    let words: Vec<&str> = head.split_whitespace().collect();
    let place_like = words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    if letters < 2 || !place_like || head_end == cand.len() && !cand.contains(char::is_numeric) {
        return 0;
    }
    lead + cand.len()
}

/// End of the lead: the first paragraph after the dateline, at most about 400 bytes.
pub fn lead_len(body: &str, from: usize) -> usize {
    let rest = &body[from..];
    let rest_trim = rest.trim_start();
    let skip = rest.len() - rest_trim.len();
    let para = rest_trim.find("\n\n").unwrap_or(rest_trim.len());
    let mut end = from + skip + para.min(400);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line tests as words and characters define them, for the byte-wise readers.
    fn title_by_words(line: &str) -> bool {
        let firsts: Vec<char> = line
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_alphabetic())
            .collect();
        let upper = firsts.iter().filter(|c| c.is_uppercase()).count();
        firsts.len() >= 3 && upper * 10 >= firsts.len() * 8
    }

    fn caps_by_chars(line: &str) -> bool {
        !line.chars().any(char::is_lowercase)
            && line.chars().filter(|c| c.is_alphabetic()).count() >= 4
    }

    #[test]
    fn byte_readers_agree_with_words_and_chars() {
        let lines = [
            "Protests Grow In Jordan",
            "Protests grow in Jordan",
            "Protests\u{a0}grow\u{a0}in Jordan Today Now",
            "\u{c9}lys\u{e9}e Says \u{c9}tat Will Act",
            "\u{e9}lys\u{e9}e says \u{e9}tat will act",
            "Troops\x0bEnter\x0cThe\rCity",
            "1996 Results: Hajduk 2 Partizan 1",
            "OVERSEA-CHINESE BANKING CORP LTD",
            "\u{c9}TAT FRAN\u{c7}AIS",
            "\u{c9}TAT fran\u{e7}ais",
            "US UK",
            "",
            "  \t ",
        ];
        for line in lines {
            assert_eq!(is_title_line(line), title_by_words(line), "{line:?}");
            assert_eq!(is_caps_line(line), caps_by_chars(line), "{line:?}");
        }
        assert!(is_title_line("Protests Grow In Jordan"));
        assert!(!is_title_line("Protests grow in Jordan"));
        assert!(is_caps_line("\u{c9}TAT FRAN\u{c7}AIS"));
    }
}
