//! Finding dates in article prose: the wire dateline at the start of the body, and
//! publication dates stated in the text near a publication cue or in a header line.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;

use super::parse::{self, Parts, head, tail};
use super::zones::ZONES;
use crate::extract::calendar::{DATE_ONLY_WEEKDAY_ABBREVIATIONS, MONTHS, WEEKDAYS};

/// How much of the body the dateline and text-date scans read. Publication dates sit at the
/// top (dateline, byline) or next to a cue word, which is searched for in the rest.
pub const SCAN_BYTES: usize = 4096;
/// Datelines sit in the first lines of the body.
const DATELINE_BYTES: usize = 400;
const DATELINE_LINES: usize = 3;
const DATELINE_LINE_BYTES: usize = 120;
/// Lines this short near the top are header lines (byline, "Published ...", a lone date).
const HEADER_LINE_MAX: usize = 100;
const HEADER_LINES: usize = 6;
/// Words a header line may hold beside its date ("By Ana Ruiz |", "Published:",
/// "Stars (1 / 1) ... von Olga").
const DATE_LINE_WORDS: usize = 8;
/// Lower-case words a header line may hold beside its date ("updated", "by", "at").
const DATE_LINE_LOWER_WORDS: usize = 2;
/// A line this long (in words) that does not end a sentence is part of a paragraph.
const PARAGRAPH_LINE_WORDS: usize = 7;
/// How far before a date a cue word may stand ("reported by Reuters on ..."). No digit may
/// stand between them: "reported sales of 424.8 mln dlrs for the period ended Feb 28" is
/// about something else.
const CUE_WINDOW: usize = 64;
/// Cue words beyond `SCAN_BYTES` whose following text is still read, at most this many.
const MAX_LATE_CUES: usize = 16;
const LATE_CUE_SPAN: usize = 140;

/// Month names as written in news copy: Title case or capitals, full or abbreviated with an
/// optional dot. Lower-case "may" or "march" are ordinary words, so they are not months.
fn month_pattern() -> String {
    let mut alts = Vec::new();
    for month in &MONTHS {
        alts.push(month.name.to_string());
        alts.push(month.name.to_uppercase());
    }
    for short in MONTHS.iter().flat_map(|m| m.abbreviations) {
        alts.push(format!(r"{short}\.?"));
        alts.push(format!(r"{}\.?", short.to_uppercase()));
    }
    format!("(?:{})", alts.join("|"))
}

/// A weekday before a date, full or abbreviated ("Tues.,").
fn weekday_pattern() -> String {
    let names = WEEKDAYS.iter().map(|d| d.name);
    let short = WEEKDAYS.iter().flat_map(|d| d.abbreviations);
    let alts: Vec<&str> = names
        .chain(short.copied())
        .chain(DATE_ONLY_WEEKDAY_ABBREVIATIONS.iter().copied())
        .collect();
    format!(r"(?:{})\.?,?\s+", alts.join("|"))
}

const ORDINAL: &str = r"(?:st|nd|rd|th)?";

fn zone_pattern() -> String {
    let mut names: Vec<&str> = ZONES.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    format!("(?:{})(?-u:\\b)", names.join("|"))
}

/// A time: `10:51`, `10:51:00`, `4:15 p.m.`, `4 pm`, and `10.51` before am/pm or a zone
/// (`z` is the zone pattern).
fn time_pattern(z: &str) -> String {
    let meridiem = r"\s*[AaPp]\.?[Mm]\.?";
    format!(
        r"(?:[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?:{meridiem})?|[0-9]{{1,2}}(?:\.[0-9]{{2}})?{meridiem}|[0-9]{{1,2}}\.[0-9]{{2}}\s*{z})"
    )
}

/// A full date with a year, in any of the forms the text scan accepts.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_pattern();
    let weekday = weekday_pattern();
    let pattern = format!(
        r"(?-u:\b)(?:{weekday})?(?:{m}\s+[0-9]{{1,2}}{ORDINAL},?\s+[0-9]{{4}}|[0-9]{{1,2}}{ORDINAL}\s+(?:of\s+)?{m},?\s+[0-9]{{4}}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?:[T ][0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?)?|[0-9]{{1,2}}[/.][0-9]{{1,2}}[/.][0-9]{{4}}|[0-9]{{4}}/[0-9]{{1,2}}/[0-9]{{1,2}})(?-u:\b)"
    );
    Regex::new(&pattern).expect("full-date pattern compiles")
});

/// A time (and zone) right after a date: "February 3, 2026, at 10:51 IST".
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let z = zone_pattern();
    let t = time_pattern(&z);
    let pattern = format!(
        r"^(?:,?\s*(?:at\s+)?{t}(?-u:\b)\.?)?(?:\s*\(?{z}\)?|\s*[+-][0-9]{{2}}:?[0-9]{{2}})?"
    );
    Regex::new(&pattern).expect("time-after pattern compiles")
});

/// A time (and zone) right before a date: "Updated 4:15 p.m. ET Nov. 3, 2024".
static TIME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let z = zone_pattern();
    let t = time_pattern(&z);
    let pattern = format!(r"{t}(?:\s*\(?{z}\)?)?,?\s*(?:on\s+)?$");
    Regex::new(&pattern).expect("time-before pattern compiles")
});

/// Words that announce the article's own date. Published/posted/dated and a "Date:" or
/// "Filed:" label weigh more than updated/modified, so a first-publication date beats a
/// later update. "said in a statement released on September 12, 2025", "the fund said in
/// results published on August 13, 2025" and "reported by Reuters on February 3, 2026"
/// date the news itself. Plain "said", "announced", "filed"
/// or "issued" do not: in running text they mostly date an earlier event ("the company
/// said on February 20, 1986, its predecessor acquired ...").
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:((?:published|posted|dated|pubdate)(?-u:\b))|((?:date|filed)\s*:)|((?:updated|modified)(?-u:\b))|((?:statement|press\s+release|reported\s+by|said\s+in\s+(?:(?:a|an|its|their|the)\s+)?(?:results|report|release|filing|note)\s+(?:published|released|issued))(?-u:\b)))")
        .expect("cue pattern compiles")
});

/// Before a publishing verb in running text, what makes it the article's own: "this
/// story was first published", "originally posted". Without it, "a study published on"
/// or "a letter dated" date another document.
static SELF_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:this|the)\s+(?:article|story|post|page|report)(?-u:\b).*|(?-u:\b)(?:first|originally|last)\s+)$")
        .expect("self-reference pattern compiles")
});

/// Words a line may hold before a publishing verb for it to head the line ("Originally
/// published", "By Ana Ruiz, posted").
const CUE_LINE_WORDS: usize = 4;

/// Before a cue, a future that makes it another date: "will be dated and delivered".
static FUTURE_BEFORE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:will|would|shall|to)\s+be\s+$")
        .expect("future-before-cue pattern compiles")
});

/// Words right before a date that make it another event's date: a deadline, a plan, a span.
static NEGATIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:by|until|till|before|after|since|from|through|between|and|to|due|scheduled|expected|next|deadline|ahead\s+of|planned|set\s+for|starting|beginning|effective|election|elections|vote|polls|summit|anniversary|born|died|signed|held|end|ended|ending|ends|closed|matur(?:es|ing|ity|e)|expires?|expiring|exercise|record|payable|pay|paid|redeem(?:ed|s)?|acquired|as\s+of|fiscal|begins?|starts?|opens?|resumes?|launch(?:es)?|slated\s+for|postponed)(?:\s+(?:on|of|the|in|is|was|for))?\s*$")
        .expect("negative-before pattern compiles")
});

/// Words right after a date that put it in the future or make it a deadline.
static NEGATIVE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:(?:[a-z]+\s+){0,2}(?:will|would|shall|is\s+due|are\s+due|is\s+expected|are\s+expected|is\s+scheduled|are\s+scheduled|deadline)|end(?:ed|ing)?|and\s+[0-9]{4})(?-u:\b)")
        .expect("negative-after pattern compiles")
});

/// A wire dateline: place (with an optional region), a month and day with an optional year,
/// an optional agency in parentheses, then a dash ("TEHRAN, Feb 3 (Reuters) -",
/// "WASHINGTON, March 3, 2026 (AP) —", "LOUISVILLE, Ky., March 2 -"). Wire copy is typed in
/// a hurry, so the month may be in any case ("MArch 4") and the comma may be missing or
/// doubled by a dash ("JOHANNESBURG March 13 -", "KANSAS CITY, Mo. - March 13 -"); the
/// position and the closing dash keep that from matching ordinary prose.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_pattern();
    let weekday = weekday_pattern();
    let place = r"\p{Lu}[^,\n()0-9]*(?:,[ \t]*\p{Lu}[^,\n()0-9]*){0,2},?[ \t]*(?:-[ \t]*)?";
    let date = format!(
        r"(?:{weekday})?(?:(?i:{m})[ \t]+[0-9]{{1,2}}{ORDINAL}(?:,?[ \t]+[0-9]{{4}})?|[0-9]{{1,2}}{ORDINAL}[ \t]+(?i:{m})(?:,?[ \t]+[0-9]{{4}})?)(?-u:\b)[ \t]*"
    );
    let agency = r"(?:,?[ \t]*\(?Reuters?\)?[ \t]*)?(?:\([^)\n]{1,40}\)[ \t]*)?";
    // Without a place, only an agency in parentheses marks a dateline ("Feb 3 (Reuters) -");
    // "March 5 - talks resume" is a schedule line.
    let pattern =
        format!(r"^[\s*]*(?:{place}{date}{agency}|{date}\([^)\n]{{1,40}}\)[ \t]*)(?:[-–—]|$)");
    Regex::new(&pattern).expect("dateline pattern compiles")
});

/// A dateline's date: month and day always, the year when the dateline states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    pub text: String,
    pub parts: Parts,
}

/// The dateline of a given dateline field, or of the first lines of the body.
pub fn dateline(given: Option<&str>, body: &str) -> Option<Dateline> {
    match given {
        Some(g) if !g.trim().is_empty() => dateline_in(head(g, DATELINE_BYTES).trim(), true),
        _ => head(body, DATELINE_BYTES)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(DATELINE_LINES)
            .find_map(|l| dateline_in(l, false)),
    }
}

/// In the body a dateline must end in its dash: a line that merely starts with a place and
/// a date ("Updated: Feb 5, 2026") is left to the text rule. A dateline field may stop at
/// the date.
fn dateline_in(line: &str, given: bool) -> Option<Dateline> {
    // The place, date and agency fit in this much; the day number is a cheap first test.
    let line = head(line, DATELINE_LINE_BYTES);
    if !line.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // `find` stays in the fast automaton; the place part holds no digits and no month
    // followed by a number, so reading the whole match yields the date's parts.
    let m = DATELINE.find(line)?;
    if !given && !m.as_str().ends_with(['-', '–', '—']) {
        return None;
    }
    let parts = parse::parts(m.as_str());
    parts.month?;
    parts.day?;
    let text = line[..m.end()]
        .trim()
        .trim_end_matches(['-', '–', '—'])
        .trim_end()
        .to_string();
    Some(Dateline { text, parts })
}

/// A date found in the text, with how strongly it reads as the publication date.
#[derive(Debug, Clone, PartialEq)]
pub struct TextDate {
    pub value: DateTime<Utc>,
    pub parts: Parts,
    pub text: String,
    pub score: i32,
}

/// Score a candidate needs to count as the publication date.
const ACCEPT: i32 = 2;

/// Every full date in the subtitle, the first `SCAN_BYTES` of the body, and the text right
/// after cue words further down, scored; in reading order.
pub fn text_dates(subtitle: Option<&str>, body: &str) -> Vec<TextDate> {
    let mut out = Vec::new();
    if let Some(sub) = subtitle {
        scan_region(head(sub, 1024), true, &mut out);
    }
    let top = head(body, SCAN_BYTES);
    scan_region(top, true, &mut out);
    if top.len() == body.len() {
        return out;
    }
    // Overlap the top a little so a cue whose date straddles the cut is still read.
    let rest = tail(&body[..body.len()], body.len() - top.len() + LATE_CUE_SPAN);
    for cue in CUE.find_iter(rest).take(MAX_LATE_CUES) {
        let from = cue.start();
        let window = head(&rest[from..], cue.len() + LATE_CUE_SPAN);
        scan_region(window, false, &mut out);
    }
    out
}

/// The best text date that reads as the publication date: the highest score at or above
/// `ACCEPT`, the earliest among equals.
pub fn best_text_date(dates: &[TextDate]) -> Option<&TextDate> {
    let mut best: Option<&TextDate> = None;
    for d in dates.iter().filter(|d| d.score >= ACCEPT) {
        if best.is_none_or(|b| d.score > b.score) {
            best = Some(d);
        }
    }
    best
}

/// How far a full date can reach before and after its year ("Wednesday, September 30th,
/// 2026"; "2026-02-03T10:51:00.123+05:30").
const BEFORE_YEAR: usize = 48;
const AFTER_YEAR: usize = 40;

/// The spans of `FULL_DATE` in `region`, in order. Every full date holds a four-digit year,
/// so the regex runs only in a small window around each plausible year: a byte loop finds
/// those far faster than the automaton reads prose.
fn full_dates(region: &str) -> Vec<(usize, usize)> {
    let bytes = region.as_bytes();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    loop {
        i = next_digit(bytes, i);
        if i == bytes.len() {
            break;
        }
        let run_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - run_start != 4
            || !matches!(
                &bytes[run_start..run_start + 2],
                b"17" | b"18" | b"19" | b"20" | b"21"
            )
        {
            continue;
        }
        let mut from = run_start.saturating_sub(BEFORE_YEAR);
        while !region.is_char_boundary(from) {
            from += 1;
        }
        if let Some(&(_, last_end)) = spans.last() {
            from = from.max(last_end);
        }
        // End the window where a word ends, so a word boundary there reads as in the whole.
        let mut to = (i + AFTER_YEAR).min(bytes.len());
        while to < bytes.len()
            && (bytes[to].is_ascii_alphanumeric() || !region.is_char_boundary(to))
        {
            to += 1;
        }
        let window = &region[..to];
        let mut at = from;
        while at <= run_start {
            let Some(m) = FULL_DATE.find_at(window, at) else {
                break;
            };
            if m.start() > run_start {
                break;
            }
            if m.end() >= i {
                spans.push((m.start(), m.end()));
                break;
            }
            at = m.end();
        }
    }
    spans
}

/// The index of the first ASCII digit in `bytes` at or after `i`, or the length. Prose has
/// few digits, so eight bytes at a time are skipped while none of them is one.
fn next_digit(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        // Per byte, with its top bit cleared (no sum reaches 0x100, so none carries):
        // at least '0' and below ':' and no top bit in the byte itself.
        let low = word & (0x7f * ONES);
        let digits = (low + 0x50 * ONES) & !(low + 0x46 * ONES) & !word & (0x80 * ONES);
        if digits != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

fn scan_region(region: &str, header_allowed: bool, out: &mut Vec<TextDate>) {
    for (date_start, date_end) in full_dates(region) {
        let (mut start, mut end) = (date_start, date_end);
        if let Some(t) = TIME_AFTER.find(&region[end..]) {
            end += t.end();
        }
        let before = tail(&region[..start], 40);
        if let Some(t) = TIME_BEFORE.find(before) {
            let at = start - before.len() + t.start();
            let prev = region[..at].chars().next_back();
            if !prev.is_some_and(|c| c.is_ascii_digit() || c == ':') {
                start = at;
            }
        }
        if year_is_a_clock(&region[date_end..]) {
            continue;
        }
        let span = &region[start..end];
        let parts = parse::parts(span);
        let Some(value) = parts.to_utc() else {
            continue;
        };
        let score = score(region, start, end, header_allowed);
        out.push(TextDate {
            value,
            parts,
            text: span.to_string(),
            score,
        });
    }
}

/// Whether the four digits that end a date are a clock time instead ("Tuesday, 1 March"
/// above "1945 GMT" in a sports listing): a time zone or "hrs" right after them.
fn year_is_a_clock(after: &str) -> bool {
    CLOCK_AFTER_YEAR.is_match(after)
}

static CLOCK_AFTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let z = zone_pattern();
    Regex::new(&format!(
        r"^[ \t]*(?:\(?{z}\)?|hrs?(?-u:\b)|hours(?-u:\b)|h(?-u:\b))"
    ))
    .expect("clock pattern compiles")
});

/// Publication cues and header position raise a date; deadline, plan and event words
/// around it sink it. See the module doc of `dates` for the rule.
fn score(region: &str, start: usize, end: usize, header_allowed: bool) -> i32 {
    let line_start = region[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = region[end..].find('\n').map_or(region.len(), |i| end + i);
    let mut score = 0;

    let before = sentence_tail(tail(&region[line_start..start], CUE_WINDOW));
    let before_at = start - before.len();
    if let Some(c) = CUE.captures_iter(before).last()
        && let Some(cue) = c.get(0)
        && !before[cue.end()..].contains(|ch: char| ch.is_ascii_digit())
    {
        // "Date:" is a label only at the start of its line; "Delivery Date: 08/29/1996" in
        // a bond table is another date.
        let line_before = &region[line_start..before_at + cue.start()];
        // Names and labels may precede it ("By Ana Ruiz, posted"); a sentence's words may
        // not ("A study published on").
        let sentence_words = line_before
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase) && w != "by");
        let heads_line = line_before.split_whitespace().count() <= CUE_LINE_WORDS
            && !sentence_words
            && !continues_paragraph(region, line_start);
        let own = heads_line || SELF_REFERENCE.is_match(&before[..cue.start()]);
        let future = FUTURE_BEFORE_CUE.is_match(&before[..cue.start()]);
        score += match (c.get(1), c.get(2), c.get(3)) {
            _ if future => 0,
            (Some(_), _, _) if own => 3,
            (_, Some(_), _) if line_before.trim().is_empty() => 3,
            (_, _, Some(_)) if own => 2,
            (None, None, None) => 2,
            _ => 0,
        };
    }

    if header_allowed {
        let line_index = region[..line_start]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        let leads_line = region[line_start..start].trim().is_empty()
            && region[end..line_end]
                .trim_start()
                .starts_with(['-', '–', '—', ':', '|', '(']);
        if line_index < HEADER_LINES
            && (leads_line || is_date_line(region, line_start, line_end, start, end))
        {
            score += 2;
        }
    }

    let near_before = tail(&region[line_start..start], 40);
    let near_after = head(&region[end..line_end], 48);
    if NEGATIVE_BEFORE.is_match(near_before) || NEGATIVE_AFTER.is_match(near_after) {
        score -= 10;
    }
    score
}

/// Whether the line holding a date is a header line of its own: a lone date, a byline or
/// a "Published" line, at most `HEADER_LINE_MAX` characters with at most
/// `DATE_LINE_WORDS` words beside the date, and not a wrapped line of a paragraph (wire
/// copy breaks lines at 65 characters, so "acquired November 5, 1986" may open a line in
/// the middle of a sentence about something else).
fn is_date_line(
    region: &str,
    line_start: usize,
    line_end: usize,
    start: usize,
    end: usize,
) -> bool {
    let line = &region[line_start..line_end];
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let beside = format!("{} {}", &region[line_start..start], &region[end..line_end]);
    // A byline or label is names and labels; a sentence has lower-case words in it.
    let lower = beside
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .count();
    if line.trim().chars().count() > HEADER_LINE_MAX
        || words(&beside) > DATE_LINE_WORDS
        || lower > DATE_LINE_LOWER_WORDS
    {
        return false;
    }
    !continues_paragraph(region, line_start)
}

/// Whether the line at `line_start` carries on a sentence from the line above: the line
/// above is a long one (wrapped prose) that does not end a sentence, with no blank line
/// between.
fn continues_paragraph(region: &str, line_start: usize) -> bool {
    let above = region[..line_start].trim_end_matches(['\n', '\r']);
    let blank_between = region[above.len()..line_start].matches('\n').count() > 1;
    let previous = above.rsplit('\n').next().unwrap_or("").trim();
    !blank_between
        && previous.split_whitespace().count() >= PARAGRAPH_LINE_WORDS
        && !previous.ends_with(['.', '!', '?', ':', '|', '"', '”'])
}

/// The part of `s` after its last sentence end, so a cue in an earlier sentence does not
/// count for this one.
fn sentence_tail(s: &str) -> &str {
    let cut = [". ", "? ", "! "]
        .iter()
        .filter_map(|p| s.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    &s[cut..]
}

/// Year of the first text date that reads as a publication date (score at least `ACCEPT`)
/// and has the given month and day, to complete a dateline. A date merely mentioned on the
/// same day of another year ("between Feb 26, 1988 and ...") does not count.
pub fn year_for(dates: &[TextDate], month: u32, day: u32) -> Option<i32> {
    dates
        .iter()
        .filter(|d| d.score >= ACCEPT)
        .find(|d| d.parts.month == Some(month) && d.parts.day == Some(day))
        .and_then(|d| d.parts.year)
}

#[cfg(test)]
mod tests;
