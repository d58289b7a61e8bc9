//! Reading one date string into a UTC instant: metadata values, and the spans that the
//! dateline and text scanners hand over.
//!
//! The string is cut into number, word and punctuation tokens, and known shapes are read off
//! them (a year-month-day, a day-month-year, a time with an optional zone, ...). Words that
//! are no part of a date ("Updated", "Tuesday", "at") are skipped, so "Published: Tuesday,
//! February 3, 2026" reads like "February 3, 2026".

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use super::zones::{self, Zone};
use crate::extract::calendar;

/// Years a news date can plausibly carry. Outside it a four-digit number is something else.
pub const YEARS: RangeInclusive<i32> = 1700..=2199;

/// Metadata dates are short; a longer string is read only up to here.
const MAX_INPUT: usize = 256;
/// No date string needs more tokens than this.
const MAX_TOKENS: usize = 64;

/// What a date string states. Fields stay `None` when the string does not give them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub time: Option<(u32, u32, u32)>,
    pub zone: Option<Zone>,
    /// A zone-like word follows the time but is not in the table, so the time cannot be
    /// placed on the UTC axis; only the calendar day is kept.
    pub zone_unknown: bool,
}

impl Parts {
    /// The date and time as the source states them, on its own clock. The zone is read
    /// (so "10:51 IST" is understood) but not applied: a story published at 1 a.m. in
    /// Tehran on 3 February is dated 3 February, not 2 February, which is what readers,
    /// timelines and date filters expect. Without a time, 00:00 of the stated day.
    pub fn to_utc(self) -> Option<DateTime<Utc>> {
        let (year, month, day) = (self.year?, self.month?, self.day?);
        if !YEARS.contains(&year) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        let midnight = || Some(Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?));
        let Some((h, m, s)) = self.time.filter(|_| !self.zone_unknown) else {
            return midnight();
        };
        let Some(local) = date.and_hms_opt(h, m, s) else {
            return midnight();
        };
        Some(Utc.from_utc_datetime(&local))
    }
}

/// Parses a date as metadata gives it. Accepts RFC 3339 / ISO 8601 (with or without time
/// and zone, `T` or space between), RFC 2822 (numeric offsets or zone names), month-name
/// dates in either order with optional weekday and time, all-numeric dates (see the module
/// doc of `dates` for the day-first rule), compact `20260203[hhmm[ss]]`, Unix time in seconds
/// (9-10 digits) or milliseconds (13), and Reuters-21578 `26-FEB-1987 15:01:01.79`. Needs a
/// year, month and day; anything less gives `None`.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        // The wall-clock time as stated, like `Parts::to_utc`.
        let d = Utc.from_utc_datetime(&d.naive_local());
        return YEARS.contains(&d.year()).then_some(d);
    }
    if let Some(d) = unix_time(s) {
        return Some(d);
    }
    parts(head(s, MAX_INPUT)).to_utc()
}

/// JSON feeds often give Unix time: 9-10 digits are seconds, 13 are milliseconds.
fn unix_time(s: &str) -> Option<DateTime<Utc>> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let d = match s.len() {
        9 | 10 => DateTime::from_timestamp(n, 0),
        13 => DateTime::from_timestamp_millis(n),
        _ => None,
    }?;
    YEARS.contains(&d.year()).then_some(d)
}

/// The first at most `max` bytes of `s`, cut at a char boundary.
pub fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last at most `max` bytes of `s`, cut at a char boundary.
pub fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A run of ASCII digits.
    Num(&'a str),
    /// A run of ASCII letters, with dots inside or after it ("p.m.", "Feb.").
    Word(&'a str),
    Punct(char),
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    // One allocation: there are never more tokens than bytes.
    let mut out = Vec::with_capacity(s.len().min(MAX_TOKENS));
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if out.len() >= MAX_TOKENS {
            break;
        }
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            out.push(Token::Num(&s[start..end]));
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_alphabetic() || d == '.') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Token::Word(&s[start..end]));
        } else if !c.is_whitespace() {
            out.push(Token::Punct(c));
        }
    }
    out
}

/// Lower-case letters of a word without its dots ("p.m." -> "pm"), held on the stack:
/// every date string reads many words, and each is only compared with short names.
fn norm(word: &str) -> Norm {
    let mut n = Norm {
        bytes: [0; NORM_MAX],
        len: 0,
    };
    if word.is_ascii() && word.len() <= NORM_MAX {
        for b in word.bytes().filter(|b| *b != b'.') {
            n.bytes[n.len] = b.to_ascii_lowercase();
            n.len += 1;
        }
        return n;
    }
    for c in word
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
    {
        let width = c.len_utf8();
        if n.len + width > NORM_MAX {
            // Longer than any name it is compared with ("septiembre"): it equals none.
            return Norm {
                bytes: [0; NORM_MAX],
                len: 0,
            };
        }
        c.encode_utf8(&mut n.bytes[n.len..]);
        n.len += width;
    }
    n
}

/// Bytes of the longest normalised word kept; a longer one is kept as the empty word.
const NORM_MAX: usize = 24;

/// A normalised word (see [`norm`]).
struct Norm {
    bytes: [u8; NORM_MAX],
    len: usize,
}

impl Norm {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// The month a word names, in any case and with or without its dot ("Sept.", "MÄRZ").
fn month_number(word: &str) -> Option<u32> {
    calendar::month_number(norm(word).as_str())
}

/// Words between the parts of a date: English "of", Spanish and Portuguese "de"/"del",
/// as in "31 de mayo de 2012".
fn is_date_joiner(word: &str) -> bool {
    matches!(norm(word).as_str(), "of" | "de" | "del")
}

fn is_ordinal_suffix(word: &str) -> bool {
    matches!(word, "st" | "nd" | "rd" | "th")
}

fn num<'a>(t: Option<&Token<'a>>) -> Option<&'a str> {
    match t {
        Some(Token::Num(n)) => Some(n),
        _ => None,
    }
}

fn small(n: &str, max_len: usize) -> Option<u32> {
    if n.is_empty() || n.len() > max_len {
        return None;
    }
    n.parse().ok()
}

fn punct(t: Option<&Token<'_>>) -> Option<char> {
    match t {
        Some(Token::Punct(c)) => Some(*c),
        _ => None,
    }
}

/// Reads every date part the string states.
pub fn parts(s: &str) -> Parts {
    let tokens = tokenize(s);
    let mut p = Parts::default();
    let mut loose_year = None;
    let mut i = 0;
    while i < tokens.len() {
        if p.time.is_none()
            && let Some(next) = read_time(&tokens, i, &mut p)
        {
            i = next;
            continue;
        }
        if p.day.is_none()
            && let Some(d) = read_date(&tokens, i)
        {
            p.year = d.year;
            p.month = Some(d.month);
            p.day = Some(d.day);
            if d.time.is_some() {
                p.time = d.time;
            }
            i = d.next;
            continue;
        }
        if let Token::Num(n) = tokens[i]
            && n.len() == 4
            && loose_year.is_none()
            && punct(tokens.get(i + 1)) != Some(':')
        {
            loose_year = n.parse::<i32>().ok().filter(|y| YEARS.contains(y));
        }
        i += 1;
    }
    // "Tue Feb 3 10:51:00 2026" (C asctime) puts the year after the time.
    if p.year.is_none() && p.day.is_some() {
        p.year = loose_year;
    }
    p
}

struct DateAt {
    year: Option<i32>,
    month: u32,
    day: u32,
    time: Option<(u32, u32, u32)>,
    next: usize,
}

fn read_date(t: &[Token<'_>], i: usize) -> Option<DateAt> {
    match t.get(i)? {
        Token::Num(n) if matches!(n.len(), 8 | 12 | 14) => compact(n, i),
        Token::Num(n) if n.len() == 4 => year_first(t, i, n),
        Token::Num(n) if n.len() <= 2 => day_first_or_numeric(t, i, n),
        Token::Word(w) => month_first(t, i, w),
        _ => None,
    }
}

/// `20260203`, `202602031051` or `20260203105100`.
fn compact(n: &str, i: usize) -> Option<DateAt> {
    let year: i32 = n.get(0..4)?.parse().ok()?;
    let month = small(n.get(4..6)?, 2)?;
    let day = small(n.get(6..8)?, 2)?;
    if !YEARS.contains(&year) || NaiveDate::from_ymd_opt(year, month, day).is_none() {
        return None;
    }
    let time = match (n.get(8..10), n.get(10..12)) {
        (Some(h), Some(m)) => Some((
            small(h, 2)?,
            small(m, 2)?,
            n.get(12..14).and_then(|s| small(s, 2)).unwrap_or(0),
        ))
        .filter(|&(h, m, s)| h < 24 && m < 60 && s < 60),
        _ => None,
    };
    Some(DateAt {
        year: Some(year),
        month,
        day,
        time,
        next: i + 1,
    })
}

/// `2026-02-03`, `2026/02/03`, `2026.02.03`: always year, month, day.
fn year_first(t: &[Token<'_>], i: usize, n: &str) -> Option<DateAt> {
    let sep = punct(t.get(i + 1)).filter(|c| matches!(c, '-' | '/' | '.'))?;
    let month = small(num(t.get(i + 2))?, 2)?;
    if punct(t.get(i + 3)) != Some(sep) {
        return None;
    }
    let day = small(num(t.get(i + 4))?, 2)?;
    Some(DateAt {
        year: n.parse().ok(),
        month,
        day,
        time: None,
        next: i + 5,
    })
}

/// `3 February 2026`, `3rd of February, 2026`, `26-FEB-1987`, `03 Feb 26`, and the
/// all-numeric `03/02/2026`.
fn day_first_or_numeric(t: &[Token<'_>], i: usize, n: &str) -> Option<DateAt> {
    let first = small(n, 2)?;
    // All-numeric: A sep B sep YYYY.
    if let Some(sep) = punct(t.get(i + 1)).filter(|c| matches!(c, '/' | '.' | '-'))
        && let Some(second) = num(t.get(i + 2)).and_then(|b| small(b, 2))
    {
        if punct(t.get(i + 3)) != Some(sep) {
            return None;
        }
        let year = num(t.get(i + 4)).filter(|y| y.len() == 4)?;
        let (day, month) = day_month_order(first, second);
        return Some(DateAt {
            year: year.parse().ok(),
            month,
            day,
            time: None,
            next: i + 5,
        });
    }
    let mut j = i + 1;
    if let Some(Token::Word(w)) = t.get(j)
        && is_ordinal_suffix(norm(w).as_str())
    {
        j += 1;
    }
    if matches!(punct(t.get(j)), Some('-' | '/' | '.')) {
        j += 1;
    }
    if let Some(Token::Word(w)) = t.get(j)
        && is_date_joiner(w)
    {
        j += 1;
    }
    let Some(Token::Word(w)) = t.get(j) else {
        return None;
    };
    let month = month_number(w)?;
    j += 1;
    if matches!(punct(t.get(j)), Some('-' | ',' | '/' | '.')) {
        j += 1;
    }
    if let Some(Token::Word(w)) = t.get(j)
        && is_date_joiner(w)
    {
        j += 1;
    }
    let year = match num(t.get(j)) {
        Some(y) if y.len() == 4 => {
            j += 1;
            y.parse().ok()
        }
        // A two-digit year (RFC 2822 allows them), unless the number is an hour.
        Some(y) if y.len() == 2 && punct(t.get(j + 1)) != Some(':') => {
            j += 1;
            y.parse::<i32>()
                .ok()
                .map(|y| if y < 50 { 2000 + y } else { 1900 + y })
        }
        _ => None,
    };
    Some(DateAt {
        year,
        month,
        day: first,
        time: None,
        next: j,
    })
}

/// The day-first rule for all-numeric dates (documented in the `dates` module doc): day
/// first, unless only the second number can be a day.
pub fn day_month_order(first: u32, second: u32) -> (u32, u32) {
    if second > 12 && first <= 12 {
        (second, first)
    } else {
        (first, second)
    }
}

/// `February 3, 2026`, `Feb. 3rd 2026`, `Feb 26` (no year), `Tue Feb  3 10:51:00 2026`.
fn month_first(t: &[Token<'_>], i: usize, w: &str) -> Option<DateAt> {
    let month = month_number(w)?;
    let mut j = i + 1;
    if punct(t.get(j)) == Some('-') {
        j += 1;
    }
    let d = num(t.get(j))?;
    if d.len() > 2 || punct(t.get(j + 1)) == Some(':') {
        return None;
    }
    let day = small(d, 2)?;
    j += 1;
    if let Some(Token::Word(w)) = t.get(j)
        && is_ordinal_suffix(norm(w).as_str())
    {
        j += 1;
    }
    let mut k = j;
    if matches!(punct(t.get(k)), Some(',' | '-')) {
        k += 1;
    }
    let year = match num(t.get(k)) {
        Some(y) if y.len() == 4 && punct(t.get(k + 1)) != Some(':') => {
            j = k + 1;
            y.parse().ok()
        }
        _ => None,
    };
    Some(DateAt {
        year,
        month,
        day,
        time: None,
        next: j,
    })
}

/// A time at `t[i]` (`10:51`, `10:51:00.79`, `4:15 p.m.`, `4 pm`), then an optional zone.
/// Returns the index after it.
fn read_time(t: &[Token<'_>], i: usize, p: &mut Parts) -> Option<usize> {
    let h = small(num(t.get(i))?, 2)?;
    let mut j = i + 1;
    let (mut m, mut s) = (0, 0);
    // British copy writes "10.51 GMT"; a dot reads as a time only before am/pm or a zone,
    // since "03.02.2026" is a date and "10.51" alone may be a figure.
    let colon = match punct(t.get(j)) {
        Some(':') => true,
        Some('.') => {
            num(t.get(j + 1)).is_some_and(|m| m.len() == 2)
                && matches!(t.get(j + 2), Some(Token::Word(w))
                    if matches!(norm(w).as_str(), "am" | "pm") || zones::lookup(w).is_some())
        }
        _ => false,
    };
    if colon {
        m = small(num(t.get(j + 1)).filter(|m| m.len() == 2)?, 2)?;
        j += 2;
        if punct(t.get(j)) == Some(':')
            && let Some(sec) = num(t.get(j + 1)).filter(|s| s.len() == 2)
        {
            s = small(sec, 2)?.min(59);
            j += 2;
            if matches!(punct(t.get(j)), Some('.' | ',')) && num(t.get(j + 1)).is_some() {
                j += 2;
            }
        }
    }
    let mut h24 = h;
    let meridiem = match t.get(j) {
        Some(Token::Word(w)) => match norm(w).as_str() {
            "am" => Some(false),
            "pm" => Some(true),
            _ => None,
        },
        _ => None,
    };
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            h24 = match (pm, h) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
            j += 1;
        }
        None if !colon => return None,
        None => {}
    }
    if h24 > 23 || m > 59 {
        return None;
    }
    p.time = Some((h24, m, s));
    Some(read_zone(t, j, p))
}

/// An optional zone after a time: `IST`, `(GMT)`, `Z`, `+0530`, `-05:00`, `GMT+8`.
fn read_zone(t: &[Token<'_>], i: usize, p: &mut Parts) -> usize {
    match t.get(i) {
        Some(Token::Punct('(')) => {
            if let Some(Token::Word(w)) = t.get(i + 1)
                && punct(t.get(i + 2)) == Some(')')
                && let Some(z) = zones::lookup(w)
            {
                p.zone = Some(z);
                return i + 3;
            }
            i
        }
        Some(Token::Punct(c @ ('+' | '-'))) => match read_offset(t, i + 1, *c) {
            Some((z, next)) => {
                p.zone = Some(z);
                next
            }
            None => i,
        },
        Some(Token::Word(w)) => {
            let upper = w.to_ascii_uppercase();
            if matches!(upper.as_str(), "GMT" | "UTC" | "UT")
                && let Some(c @ ('+' | '-')) = punct(t.get(i + 1))
                && let Some((z, next)) = read_offset(t, i + 2, c)
            {
                p.zone = Some(z);
                return next;
            }
            if let Some(z) = zones::lookup(w) {
                p.zone = Some(z);
                return i + 1;
            }
            let letters = w.trim_end_matches('.');
            if (2..=5).contains(&letters.len())
                && letters.bytes().all(|b| b.is_ascii_uppercase())
                && month_number(letters).is_none()
            {
                p.zone_unknown = true;
                return i + 1;
            }
            i
        }
        _ => i,
    }
}

/// `0530`, `05:30`, `05`, `8` after a sign.
fn read_offset(t: &[Token<'_>], i: usize, sign: char) -> Option<(Zone, usize)> {
    let n = num(t.get(i))?;
    let (h, m, next) = match n.len() {
        4 => (small(&n[..2], 2)?, small(&n[2..], 2)?, i + 1),
        1 | 2 => {
            let h = small(n, 2)?;
            match (punct(t.get(i + 1)), num(t.get(i + 2))) {
                (Some(':'), Some(m)) if m.len() == 2 => (h, small(m, 2)?, i + 3),
                _ => (h, 0, i + 1),
            }
        }
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    let minutes = (h * 60 + m) as i32;
    Some((
        Zone::Fixed(if sign == '-' { -minutes } else { minutes }),
        next,
    ))
}

#[cfg(test)]
mod tests;
