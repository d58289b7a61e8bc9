//! Publication dates: parsing date strings, choosing an article's date from its metadata,
//! dateline, text or path (in that order, never the file's mtime). The `--from`/`--to`
//! bounds of a search are read by `query::bounds`.
//!
//! # Forms read
//!
//! - ISO 8601 / RFC 3339, with or without time and zone, `T` or a space between
//!   (`2026-02-03`, `2026-02-03T10:51:00+05:30`, `2026-02-03 10:51:00`), compact
//!   `20260203[hhmm[ss]]`; in metadata also Unix time (9-10 digits seconds, 13 digits ms)
//!   and browser strings (`Tue Feb 03 2026 10:51:00 GMT+0530 (India Standard Time)`).
//! - RFC 2822 (`Tue, 03 Feb 2026 10:51:00 +0530`, also with `GMT`, `EST`, ... and two-digit
//!   years).
//! - Month names, full or abbreviated, either order, optional weekday and ordinal:
//!   `February 3, 2026`, `3 February 2026`, `Feb. 3, 2026`, `Feb 3 2026`,
//!   `Tuesday, February 3, 2026`, `3rd of February, 2026`.
//! - Reuters-21578 `26-FEB-1987 15:01:01.79`.
//! - A time before or after the date, with `a.m.`/`p.m.` and a zone:
//!   `February 3, 2026, at 10:51 IST`, `Updated 4:15 p.m. ET Nov. 3, 2024`,
//!   `Tue 3 Feb 2026 10.51 GMT` (a dot time only before am/pm or a zone).
//! - All-numeric dates, under the day-first rule below. `2026/02/03` (year first) is always
//!   year, month, day.
//!
//! **Day-first rule.** An all-numeric date `A/B/YYYY` (separator `/`, `.` or `-`) is read
//! day first: `03/02/2026` is 3 February 2026. Only when B cannot be a month (B > 12) and A
//! can, it is read month first: `02/13/2026` is 13 February 2026. `13/13/2026` is no date.
//!
//! **Time zones.** A date keeps the wall-clock time the source states, written with `Z`:
//! `February 3, 2026, at 10:51 IST` is `2026-02-03T10:51:00Z`, and a numeric offset in
//! metadata (`+05:30`) is read but not applied. News is dated by the day its source
//! prints, so converting to UTC would move late-evening US stories and early-morning Asian
//! ones to the wrong calendar day in results, timelines and date filters. Zone names are
//! still recognised so that the time beside them is read. A date without a time is 00:00
//! of that day.
//!
//! # Choosing the publication date
//!
//! 1. **Metadata**: `article.date`, if it parses (and is not on the Unix epoch's day,
//!    1970-01-01, which feeds and CMSs write for "unknown"). Then the page's date
//!    claims, in the order the format gave them, the first that reads: for web pages the
//!    published-time meta tags (`meta`), JSON-LD `datePublished` (`json-ld`), `<time>`
//!    markup, the date in the page's URL (`url`, a full year-month-day only), and visible
//!    byline dates (`byline`, a full date with its year, in English or the main European
//!    languages: "31. Mai 2012", "3 février 2026", "31 de mayo de 2012", "25.01.2022").
//!    A claim stamped in UTC (`Z`, `+00:00`, `GMT`) may name the day after or before the
//!    one the publisher printed: the day of the next claim that states the publisher's own
//!    day (the URL's date, a date without time, the same moment with its local offset or on
//!    a byline's clock) is taken when it is the neighbouring day the hour allows, and a stamp
//!    of exactly 22:00 or 23:00 UTC with no such claim is a local midnight, so the next day.
//!    A metadata date more than 30 days after the URL's date is a migrated or republished
//!    archive: the URL's date wins. When the page's first visible byline date is another day
//!    than the one chosen and is the day its modification time states
//!    (`article:modified_time`, `dateModified`), the page shows itself as of its update, and
//!    the shown day is taken (`byline`), whether or not the line says "Updated" (a site
//!    header's "today" line is no byline claim); when the line holds an ISO timestamp
//!    (markup leaking into the text) the claims are contested and the article gets **no
//!    date** (not one from the text or path either). A byline date with a two-digit year (`31.10.23`, day first, 20yy) is read
//!    only when no claim reads otherwise.
//! 2. **Dateline**: `article.dateline`, else the first lines of the body
//!    ("TEHRAN, Feb 3 (Reuters) -", "WASHINGTON, March 3, 2026 (AP) —"). A dateline with no
//!    year takes it from the metadata (a date string that does not parse but holds a year),
//!    the path (a full date, or a directory named like `/1987/`), or a text date that
//!    passes the text rule below and has the same month and day. With no year from any of
//!    those, the article gets **no date**: the wire stated a day, and taking a year from
//!    anything else would be a guess. In the body a dateline must end in its dash, and one
//!    without a place must carry an agency ("Feb 3 (Reuters) -").
//! 3. **Text**: full dates (with a year) in the subtitle, in the first 4 KB of the body, and
//!    right after publication cue words anywhere in the body. A date in running text is
//!    not a publication date unless something says so, so each is scored:
//!    - +3 after "published", "posted", "dated" or "pubdate" when the cue heads its line
//!      (only names or labels before it: "By Ana Ruiz, posted") or the sentence makes it
//!      the article's own ("this story was first published"); +3 after a "Date:" or
//!      "Filed:" label opening the line; +2 after "updated" or "modified" on the same
//!      terms, and after "statement", "press release" or "reported by" anywhere. A cue
//!      counts within 64 bytes, in the same sentence, with no figure between cue and date
//!      ("reported sales of 424.8 mln dlrs for the period ended Feb 28, 1987" is not a
//!      cue), and never after "will be" ("will be dated and delivered April 16, 1987").
//!      Plain "said", "announced", "filed" or "issued" are no cues: in running text they
//!      date earlier events ("the company said on February 20, 1986, its predecessor").
//!    - +2 on a header line: one of the first six lines, at most 100 characters, holding
//!      beside the date at most six words of which at most two are lower-case (a byline,
//!      "Published: ...", a lone date), and not a wrapped line of a paragraph (wire copy
//!      breaks lines at 65 characters); or a line the date opens followed by a dash;
//!    - -10 when a deadline, plan or other-event word stands right before it ("by",
//!      "until", "due on", "record", "payable", "matures", "as of", "end", "election(s)
//!      on", "signed", "from", ...) or a future, deadline or period-end phrase right after
//!      it on the same line ("will", "is expected", "end", ...).
//!
//!    A date needs a score of 2 or more; the highest wins, the earliest among equals. So a
//!    bare date deep in the body ("the accord of 14 July 2015") never counts, a year alone
//!    ("the 2015 agreement", "by 2030") is never a date at all, and four digits followed by
//!    a time zone or "hrs" ("1945 GMT") are a clock time, not a year.
//! 4. **Path**: the last full date in the path (`2026/02/03/`, `2026-02-03-slug.txt`,
//!    `20260203`).
//!
//! Otherwise there is no date.

mod parse;
mod scan;
mod zones;

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use regex::Regex;

pub use parse::parse_date;

use super::{DateSource, ExtractedDate};
use crate::article::{Article, ClaimKind, DateClaim};

/// A year-month-day in a path: `2026/02/03`, `2026-02-03-slug`, `2026_2_3`.
static PATH_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-9]{4})[/\\_.-]([0-9]{1,2})[/\\_.-]([0-9]{1,2})")
        .expect("path date pattern compiles")
});

/// A compact `20260203` in a path, standing alone between non-digits. Both path patterns
/// leave the digit check after the match to `path_date`, so adjacent dates are all seen.
static PATH_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-9]{4})([0-9]{2})([0-9]{2})")
        .expect("compact path date pattern compiles")
});

/// A plausible year standing as its own part of a directory name (`/1987/`, `/1987-wire/`).
/// File names are left out: `1700.txt` is a record number, not a year.
static PATH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/\\_.-])((?:1[7-9]|2[01])[0-9]{2})(?:[/\\_.-]|$)")
        .expect("path year pattern compiles")
});

/// A plausible year anywhere in a metadata string that did not parse as a date.
static ANY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:1[7-9]|2[01])[0-9]{2})(?:[^0-9]|$)")
        .expect("year pattern compiles")
});

/// The article's publication date, or `None` when nothing states one. See the module doc
/// for the order of sources and the text heuristic.
pub fn publication_date(article: &Article, path: &str) -> Option<ExtractedDate> {
    if let Some(raw) = &article.date
        && let Some(value) = parse_date(raw)
        && !is_placeholder(value)
    {
        return Some(found(value, DateSource::Metadata, raw.trim()));
    }
    match claims_date(&article.date_claims) {
        Claimed::Date(d) => return Some(d),
        Claimed::Contested => return None,
        Claimed::Nothing => {}
    }
    // Text dates cost a scan of the body, so they are collected only where needed, and
    // every path below collects them at most once.
    let text_dates = || scan::text_dates(article.subtitle.as_deref(), &article.body);
    if let Some(line) = scan::dateline(article.dateline.as_deref(), &article.body) {
        let mut parts = line.parts;
        if parts.year.is_none() {
            let (month, day) = (parts.month?, parts.day?);
            parts.year = article
                .date
                .as_deref()
                .and_then(|d| last_year(&ANY_YEAR, parse::head(d, 256)))
                .or_else(|| path_year(path))
                .or_else(|| scan::year_for(&text_dates(), month, day));
            // A day with no year is not a publication date; see the module doc.
            parts.year?;
        }
        // The dateline's own time is rarely given; its calendar day is what it states.
        parts.time = None;
        if let Some(value) = parts.to_utc() {
            return Some(found(value, DateSource::Dateline, &line.text));
        }
    }
    if let Some(d) = scan::best_text_date(&text_dates()) {
        return Some(found(d.value, DateSource::Text, &d.text));
    }
    path_date(path).map(|(value, text)| found(value, DateSource::Path, text))
}

/// A timestamp the page states in UTC (`Z`, `+00:00`, `GMT`, `UTC` at its end), whose
/// calendar day may not be the day the publisher printed.
static UTC_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:[0-9]Z|[+-]00:?00|\b(?:GMT|UTC))\s*$").expect("UTC stamp pattern compiles")
});

/// A timestamp ending in a numeric offset (`10:51:00+05:30`, `10:51:00.000-0500`, and
/// RFC 2822's `00:04:00 +0200` with a space before it).
static LOCAL_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]:[0-9]{2}(?::[0-9]{2})?(?:\.[0-9]+)?\s*([+-])([01][0-9]):?([0-5][0-9])\s*$")
        .expect("local offset pattern compiles")
});

/// What a page's date claims settle on.
enum Claimed {
    Date(ExtractedDate),
    /// The claims disagree in a way no rule settles: no date is better than a wrong one.
    Contested,
    Nothing,
}

/// The publication date the page's claims give: the first that reads, unless it is a UTC
/// timestamp whose day a local claim corrects (see [`local_day`]), or the page shows its
/// update's day instead (see [`shows_update_day`]).
fn claims_date(claims: &[DateClaim]) -> Claimed {
    let Some((at, first)) = claims
        .iter()
        .enumerate()
        .find_map(|(i, c)| claim_date(c).map(|d| (i, d)))
    else {
        return short_year_byline(claims).map_or(Claimed::Nothing, Claimed::Date);
    };
    let chosen = if UTC_STAMP.is_match(&first.text) {
        local_day(&first, &claims[at + 1..]).unwrap_or(first)
    } else {
        first
    };
    let chosen = filed_earlier(chosen, claims);
    if shows_update_day(&chosen, claims) {
        return shown_update(claims).map_or(Claimed::Contested, Claimed::Date);
    }
    Claimed::Date(chosen)
}

/// Days by which a metadata date may pass the URL's date before the URL wins: a story
/// filed late in the evening, or revised in the days after, keeps its metadata's day.
const REFILED_AFTER_DAYS: i64 = 30;

/// The URL's date when the chosen metadata date is more than a month after it: the URL is
/// fixed when a story is filed, and metadata that much later comes from a site moving or
/// republishing its archive (a 2017 post whose every meta tag says 2019).
fn filed_earlier(chosen: ExtractedDate, claims: &[DateClaim]) -> ExtractedDate {
    if !matches!(chosen.source, DateSource::Meta | DateSource::JsonLd) {
        return chosen;
    }
    let url = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Url)
        .find_map(claim_date);
    match url {
        Some(u) if (chosen.value - u.value).num_days() > REFILED_AFTER_DAYS => u,
        _ => chosen,
    }
}

/// An ISO timestamp inside visible text: markup leaking into the line, not a date a reader
/// is shown.
static ISO_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:").expect("ISO-in-text pattern compiles")
});

/// The page's first visible byline date when the page shows itself as of its update (see
/// [`shows_update_day`]): a reader files such a page under the day it shows, whether or not
/// the line says "Updated" (a masthead's "today" is no byline claim: the page format leaves
/// it out). A line with an ISO timestamp is markup leaking into the text, not a date shown
/// to the reader, and leaves the claims contested.
fn shown_update(claims: &[DateClaim]) -> Option<ExtractedDate> {
    let (claim, shown) = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Byline)
        .find_map(|c| claim_date(c).map(|d| (c, d)))?;
    (!ISO_IN_TEXT.is_match(&claim.text)).then_some(shown)
}

/// Whether the page's first visible byline date is another day than `chosen` and is the
/// day the page says it was modified: the page presents itself as of its update, its
/// metadata as of its first publication, and which day a reader files it under is open.
fn shows_update_day(chosen: &ExtractedDate, claims: &[DateClaim]) -> bool {
    let day = chosen.value.date_naive();
    let Some(shown) = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Byline)
        .find_map(claim_date)
        .map(|d| d.value.date_naive())
    else {
        return false;
    };
    shown != day
        && claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Modified)
            .filter_map(|c| parse_date(&c.text))
            .any(|m| m.date_naive() == shown)
}

/// A UTC timestamp moves the day for publishers away from Greenwich: a US story posted at
/// 21:25 on the 24th is stamped 02:25 on the 25th. When a later claim that states the
/// publisher's own day (the URL's date, a visible byline, a date without time, a timestamp
/// with a non-zero offset) gives the day next to it, on the side the hour allows (the day
/// before for a morning stamp, the day after for an evening one), that day is taken. Without
/// such a claim, a stamp of exactly 22:00 or 23:00 is a local midnight east of Greenwich (a
/// CMS storing a date without time), so the next day.
fn local_day(utc: &ExtractedDate, rest: &[DateClaim]) -> Option<ExtractedDate> {
    use chrono::Timelike;
    let (hour, exact_hour) = (
        utc.value.hour(),
        utc.value.minute() == 0 && utc.value.second() == 0,
    );
    let day = utc.value.date_naive();
    let want = if hour < 12 {
        day.pred_opt()?
    } else {
        day.succ_opt()?
    };
    // The first claim that states the publisher's day decides; later ones may be sidebars.
    let local = rest.iter().find_map(|c| {
        claim_date(c).filter(|d| states_local_day(c.kind, &d.text, d.value, utc.value))
    });
    if let Some(local) = local {
        return (local.value.date_naive() == want).then_some(local);
    }
    (exact_hour && hour >= 22).then(|| {
        let mut next = utc.clone();
        next.value += chrono::Duration::hours(24 - i64::from(hour));
        next
    })
}

/// A metadata value `A/B/YYYY` whose A and B could each be the month (`11/01/2023`).
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([0-9]{1,2})/([0-9]{1,2})/[0-9]{4}(?:[^0-9]|$)")
        .expect("slash date pattern compiles")
});

/// Whether a metadata value is an all-numeric slash date that reads both ways. Markup
/// written by a CMS follows the site's software, not its language (a Swiss paper's
/// `11/01/2023` is 1 November), so the day-first rule that holds for visible text is a
/// guess here: such a claim does not read, and the next one decides.
fn ambiguous_slash_date(text: &str) -> bool {
    SLASH_DATE.captures(text).is_some_and(|c| {
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        (1..=12).contains(&a) && (1..=12).contains(&b) && a != b
    })
}

/// Whether a claim gives the publisher's own calendar day for the moment `utc` stamps: the
/// URL's date; a visible byline date whose clock time is the same moment on a real zone's
/// clock (a bare visible date may be a list's, a time that is no whole quarter-hour away an
/// update's); a date without time; or the same moment (within two minutes) written with
/// the publisher's offset.
fn states_local_day(kind: ClaimKind, text: &str, value: DateTime<Utc>, utc: DateTime<Utc>) -> bool {
    use chrono::Timelike;
    match kind {
        ClaimKind::Url => true,
        ClaimKind::Modified => false,
        ClaimKind::Byline => {
            value.num_seconds_from_midnight() != 0 && same_moment_elsewhere(value, utc)
        }
        ClaimKind::Meta | ClaimKind::JsonLd => {
            if let Some(offset) = numeric_offset(text) {
                !offset.is_zero() && ((value - offset) - utc).num_minutes().abs() <= 2
            } else {
                value.num_seconds_from_midnight() == 0 && !UTC_STAMP.is_match(text)
            }
        }
    }
}

/// Whether the wall-clock time `local` can be the moment `utc` in some time zone: at most
/// 14 hours away, by whole half hours (or Nepal's and Chatham's quarter hours), give or take
/// two minutes (bylines drop seconds).
fn same_moment_elsewhere(local: DateTime<Utc>, utc: DateTime<Utc>) -> bool {
    const SLACK: i64 = 120;
    let seconds = (local - utc).num_seconds();
    let half_hour = (seconds + 900).div_euclid(1800) * 1800;
    let quarter_zone = [5 * 3600 + 2700, 12 * 3600 + 2700]
        .iter()
        .any(|z| (seconds.abs() - z).abs() <= SLACK);
    seconds.abs() <= 14 * 3600 + SLACK && ((seconds - half_hour).abs() <= SLACK || quarter_zone)
}

/// The numeric UTC offset a timestamp ends with (`+05:30`, `-0500`), as a duration.
fn numeric_offset(text: &str) -> Option<chrono::Duration> {
    let c = LOCAL_OFFSET.captures(text)?;
    let sign = if &c[1] == "-" { -1 } else { 1 };
    let (h, m): (i64, i64) = (c[2].parse().ok()?, c[3].parse().ok()?);
    Some(chrono::Duration::minutes(sign * (h * 60 + m)))
}

/// A date claim that reads as a date: a URL must hold a full year-month-day; a byline
/// line must hold a full date with its year; meta and JSON-LD values are parsed whole.
fn claim_date(claim: &DateClaim) -> Option<ExtractedDate> {
    let (value, source) = match claim.kind {
        ClaimKind::Url => (url_date(&claim.text)?, DateSource::Url),
        ClaimKind::Byline => {
            let parts = parse::parts(parse::head(&claim.text, 200));
            parts.year?;
            (parts.to_utc()?, DateSource::Byline)
        }
        ClaimKind::Meta | ClaimKind::JsonLd if ambiguous_slash_date(&claim.text) => return None,
        ClaimKind::Meta => (parse_date(&claim.text)?, DateSource::Meta),
        ClaimKind::JsonLd => (parse_date(&claim.text)?, DateSource::JsonLd),
        ClaimKind::Modified => return None,
    };
    (!is_placeholder(value)).then(|| found(value, source, claim.text.trim()))
}

/// A day-first date with a two-digit year, `31.10.23`, as German, Swiss and Austrian
/// bylines print it: read as 2000-2099. Dots only, standing alone: not after a letter
/// (`v3.1.12`) and not running on into a longer figure (`12.10.50,00`).
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9A-Za-z.])([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2})(?:$|[^0-9.,]|[.,](?:\s|$))",
    )
    .expect("short-year date pattern compiles")
});

/// The first byline date written with a two-digit year, when no claim reads otherwise:
/// a line with the full year is the better witness (an events box may print `19.1.23`
/// beside the story's `20.12.2022`).
fn short_year_byline(claims: &[DateClaim]) -> Option<ExtractedDate> {
    claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Byline)
        .find_map(|c| {
            let value = short_year_date(&c.text)?;
            Some(found(value, DateSource::Byline, c.text.trim()))
        })
}

/// The first `dd.mm.yy` date in a byline line, at midnight.
fn short_year_date(text: &str) -> Option<DateTime<Utc>> {
    SHORT_YEAR
        .captures_iter(parse::head(text, 200))
        .find_map(|c| {
            let year = format!("20{}", &c[3]);
            ymd(&year, &c[2], &c[1])
        })
}

/// A day-first date opening a URL path segment, as some CMSs write a story's day into its
/// address: `/08112021-slug`, `/23-01-2022-slug`, `/29-10-2021`.
static URL_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/([0-3][0-9])(-?)([01][0-9])(-?)((?:19|20)[0-9]{2})(?:[-/_.?#]|$)")
        .expect("day-first URL date pattern compiles")
});

/// The date a page's URL states: a year-first date anywhere in its path, else a day-first
/// one opening a path segment, its separators both dashes or both absent (a segment opening
/// with digits and a dash elsewhere is a record number: `/12345678-9`).
fn url_date(url: &str) -> Option<DateTime<Utc>> {
    if let Some((value, _)) = path_date(url) {
        return Some(value);
    }
    URL_DMY
        .captures_iter(url)
        .filter(|c| c[2] == c[4])
        .find_map(|c| ymd(&c[5], &c[3], &c[1]))
}

/// The Unix epoch's day, which feeds and CMSs write for "unknown" (as 1970-01-01T00:00Z
/// or, after a local offset, 01:00 on the same day).
fn is_placeholder(value: DateTime<Utc>) -> bool {
    value.date_naive() == chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

fn found(value: DateTime<Utc>, source: DateSource, text: &str) -> ExtractedDate {
    ExtractedDate {
        value,
        source,
        text: text.to_string(),
    }
}

/// The last full date in the path (the one nearest the file name), and the text it came from.
fn path_date(path: &str) -> Option<(DateTime<Utc>, &str)> {
    if !may_hold_path_date(path) {
        return None;
    }
    let mut best: Option<(usize, DateTime<Utc>, &str)> = None;
    for re in [&*PATH_YMD, &*PATH_COMPACT] {
        for c in re.captures_iter(path) {
            let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) else {
                continue;
            };
            if path[d.end()..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let Some(value) = ymd(y.as_str(), m.as_str(), d.as_str()) else {
                continue;
            };
            if best.is_none_or(|(at, _, _)| y.start() > at) {
                best = Some((y.start(), value, &path[y.start()..d.end()]));
            }
        }
    }
    best.map(|(_, value, text)| (value, text))
}

/// Whether `s` holds what each path date pattern needs at least: four digits, a separator
/// and a digit (`2026/0`), or eight digits in a row. Most paths hold neither, and this
/// byte loop costs far less than the patterns.
fn may_hold_path_date(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 8 {
                return true;
            }
            continue;
        }
        if run >= 4
            && matches!(b, b'/' | b'\\' | b'_' | b'.' | b'-')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            return true;
        }
        run = 0;
    }
    false
}

/// Whether `s` holds four digits in a row, which every year pattern needs.
fn may_hold_year(s: &str) -> bool {
    s.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() >= 4)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<DateTime<Utc>> {
    let year: i32 = y.parse().ok()?;
    if !parse::YEARS.contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
    Some(Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?))
}

/// The year the path states: from its last full date, else from a bare year part.
fn path_year(path: &str) -> Option<i32> {
    if let Some((value, _)) = path_date(path) {
        return Some(chrono::Datelike::year(&value));
    }
    let dir = path.rfind(['/', '\\']).map_or("", |i| &path[..=i]);
    last_year(&PATH_YEAR, dir)
}

fn last_year(re: &Regex, s: &str) -> Option<i32> {
    if !may_hold_year(s) {
        return None;
    }
    re.captures_iter(s)
        .filter_map(|c| c.get(1)?.as_str().parse().ok())
        .last()
}

#[cfg(test)]
mod tests;
