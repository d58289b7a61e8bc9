//! Publication dates: parsing date strings, and choosing an article's date from its
//! metadata, dateline, text or path, in that order.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use regex::Regex;

use super::{DateSource, ExtractedDate};
use crate::article::Article;

/// Parses a date as metadata gives it: RFC 3339, RFC 2822 or a bare `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    let day = s.get(..10)?;
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?))
}

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})\b").unwrap()
});

static PATH_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})[/-](\d{2})[/-](\d{2})").unwrap());

/// The article's publication date, or `None` when nothing states one.
pub fn publication_date(article: &Article, path: &str) -> Option<ExtractedDate> {
    if let Some(raw) = &article.date
        && let Some(value) = parse_date(raw)
    {
        return Some(ExtractedDate {
            value,
            source: DateSource::Metadata,
            text: raw.clone(),
        });
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(&article.body) {
        let month = chrono::Month::try_from(month_number(&c[1])).ok()?;
        let d = NaiveDate::from_ymd_opt(
            c[3].parse().ok()?,
            month.number_from_month(),
            c[2].parse().ok()?,
        )?;
        return Some(ExtractedDate {
            value: Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?),
            source: DateSource::Text,
            text: c[0].to_string(),
        });
    }
    let c = PATH_DATE.captures(path)?;
    let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    Some(ExtractedDate {
        value: Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?),
        source: DateSource::Path,
        text: c[0].to_string(),
    })
}

fn month_number(name: &str) -> u8 {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS
        .iter()
        .position(|m| *m == name)
        .map_or(1, |i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_then_text_then_path() {
        let mut a = Article {
            body: "It was reported on February 3, 2026, at noon.".into(),
            ..Article::default()
        };
        let d = publication_date(&a, "x.txt").unwrap();
        assert_eq!(d.source, DateSource::Text);
        assert_eq!(d.value.date_naive().to_string(), "2026-02-03");
        a.date = Some("2025-01-09T08:00:00Z".into());
        assert_eq!(
            publication_date(&a, "x").unwrap().source,
            DateSource::Metadata
        );
        let b = Article::default();
        let d = publication_date(&b, "news/2024/07/15/story.txt").unwrap();
        assert_eq!(d.source, DateSource::Path);
        assert!(publication_date(&b, "story.txt").is_none());
    }
}

/// A `--from`/`--to` value that is not a date newsidx understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid date {0:?}: use YYYY, YYYY-MM, YYYY-MM-DD, RFC 3339, or a period ago like 30d, 6m, 1y"
)]
pub struct DateBoundError(pub String);

/// Parses a search bound. With `end`, a partial date means the first instant after that
/// period, so callers compare with `<` and `--to 2026-02` covers all of February.
pub fn parse_bound(
    s: &str,
    end: bool,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DateBoundError> {
    let err = || DateBoundError(s.to_string());
    let t = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    let parts: Vec<&str> = t.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let (y, m, d) = match parts.len() {
        1 if t.len() == 4 => (num(0).ok_or_else(err)?, None, None),
        2 => (num(0).ok_or_else(err)?, Some(num(1).ok_or_else(err)?), None),
        3 => (
            num(0).ok_or_else(err)?,
            Some(num(1).ok_or_else(err)?),
            Some(num(2).ok_or_else(err)?),
        ),
        _ => return Err(err()),
    };
    let start =
        NaiveDate::from_ymd_opt(y as i32, m.unwrap_or(1), d.unwrap_or(1)).ok_or_else(err)?;
    let bound = if !end {
        start
    } else if d.is_some() {
        start.succ_opt().ok_or_else(err)?
    } else if let Some(m) = m {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny as i32, nm, 1).ok_or_else(err)?
    } else {
        NaiveDate::from_ymd_opt(y as i32 + 1, 1, 1).ok_or_else(err)?
    };
    let _ = now;
    Ok(Utc.from_utc_datetime(&bound.and_hms_opt(0, 0, 0).ok_or_else(err)?))
}
