//! The `--from` / `--to` bounds and `date:` values of a query: calendar dates, instants and periods before now.

use std::sync::LazyLock;

use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use regex::Regex;

/// Why a bound could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateBoundError {
    #[error(
        "invalid date `{0}`: expected YYYY, YYYY-MM, YYYY-MM-DD, an RFC 3339 time such as \
         2026-02-03T10:51:00Z, or a period before now such as 30d, 2w, 6m or 1y"
    )]
    Invalid(String),
    #[error("date `{0}` is out of range")]
    OutOfRange(String),
}

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,9})\s*([dDwWmMyY])$").expect("relative pattern compiles")
});
static CALENDAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$").expect("calendar pattern compiles")
});

/// Reads a `--from` (`end = false`) or `--to` (`end = true`) bound.
///
/// - `YYYY`, `YYYY-MM`, `YYYY-MM-DD` name a UTC calendar period. As a start the bound is its
///   first instant; as an end it is the **first instant after** the period, so the caller
///   keeps dates with `date >= from && date < to`, and `--to 2026-02` includes all of
///   February.
/// - An RFC 3339 time (`2026-02-03T10:51:00Z`; without a zone, or with a space for `T`, it
///   counts as UTC) names its second: as an end the bound is one second later, for the
///   same `<`.
/// - `30d`, `2w`, `6m`, `1y` (days, weeks, calendar months, years) name the instant that
///   long before `now`, the same for start and end.
pub fn parse_bound(
    s: &str,
    end: bool,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DateBoundError> {
    let s = s.trim();
    let invalid = || DateBoundError::Invalid(s.to_string());
    let out_of_range = || DateBoundError::OutOfRange(s.to_string());
    if let Some(c) = RELATIVE.captures(s) {
        let n: u32 = c[1].parse().map_err(|_| out_of_range())?;
        let back = match c[2].to_ascii_lowercase().as_str() {
            "d" => TimeDelta::try_days(i64::from(n)).and_then(|d| now.checked_sub_signed(d)),
            "w" => TimeDelta::try_weeks(i64::from(n)).and_then(|d| now.checked_sub_signed(d)),
            "m" => now.checked_sub_months(Months::new(n)),
            _ => n
                .checked_mul(12)
                .and_then(|m| now.checked_sub_months(Months::new(m))),
        };
        return back.ok_or_else(out_of_range);
    }
    if let Some(c) = CALENDAR.captures(s) {
        let year: i32 = c[1].parse().map_err(|_| invalid())?;
        let month: Option<u32> = c.get(2).and_then(|m| m.as_str().parse().ok());
        let day: Option<u32> = c.get(3).and_then(|d| d.as_str().parse().ok());
        let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
            .ok_or_else(invalid)?;
        let bound = if !end {
            Some(first)
        } else if day.is_some() {
            first.succ_opt()
        } else if month.is_some() {
            first.checked_add_months(Months::new(1))
        } else {
            first.checked_add_months(Months::new(12))
        };
        let bound = bound
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or_else(out_of_range)?;
        return Ok(Utc.from_utc_datetime(&bound));
    }
    let instant = DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|n| Utc.from_utc_datetime(&n))
        })
        .ok_or_else(invalid)?;
    if !end {
        return Ok(instant);
    }
    let second = instant
        .checked_sub_signed(TimeDelta::nanoseconds(i64::from(
            chrono::Timelike::nanosecond(&instant) % 1_000_000_000,
        )))
        .and_then(|t| t.checked_add_signed(TimeDelta::seconds(1)));
    second.ok_or_else(out_of_range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0)
            .single()
            .expect("valid now")
    }

    fn b(s: &str, end: bool) -> String {
        match parse_bound(s, end, now()) {
            Ok(d) => d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn calendar_periods_start_and_end() {
        assert_eq!(b("2026", false), "2026-01-01T00:00:00Z");
        assert_eq!(b("2026", true), "2027-01-01T00:00:00Z");
        assert_eq!(b("2026-02", false), "2026-02-01T00:00:00Z");
        assert_eq!(b("2026-02", true), "2026-03-01T00:00:00Z");
        assert_eq!(b("2026-12", true), "2027-01-01T00:00:00Z");
        assert_eq!(b("2026-02-03", false), "2026-02-03T00:00:00Z");
        assert_eq!(b("2026-02-28", true), "2026-03-01T00:00:00Z");
        assert_eq!(b(" 2024-02-29 ", true), "2024-03-01T00:00:00Z");
    }

    #[test]
    fn instants() {
        assert_eq!(
            b("2026-02-03T10:51:00+05:30", false),
            "2026-02-03T05:21:00Z"
        );
        assert_eq!(b("2026-02-03T10:51:00Z", true), "2026-02-03T10:51:01Z");
        assert_eq!(b("2026-02-03T10:51:00.700Z", true), "2026-02-03T10:51:01Z");
        assert_eq!(b("2026-02-03 10:51:00", false), "2026-02-03T10:51:00Z");
        assert_eq!(b("2026-02-03T10:51", false), "2026-02-03T10:51:00Z");
    }

    #[test]
    fn relative_periods_before_now() {
        assert_eq!(b("30d", false), "2026-03-01T12:00:00Z");
        assert_eq!(b("2w", true), "2026-03-17T12:00:00Z");
        assert_eq!(b("1m", false), "2026-02-28T12:00:00Z");
        assert_eq!(b("6m", false), "2025-09-30T12:00:00Z");
        assert_eq!(b("1Y", false), "2025-03-31T12:00:00Z");
        assert_eq!(b("0d", false), "2026-03-31T12:00:00Z");
    }

    #[test]
    fn invalid_input_says_what_is_accepted() {
        for s in [
            "2026-13-45",
            "2026-02-30",
            "2026-13",
            "yesterday",
            "",
            "26",
            "3x",
            "-5d",
        ] {
            let e = parse_bound(s, false, now()).unwrap_err();
            assert!(matches!(e, DateBoundError::Invalid(_)), "{s}");
            assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
            assert!(e.to_string().contains("30d"), "{e}");
        }
        assert!(matches!(
            parse_bound("999999999y", false, now()),
            Err(DateBoundError::OutOfRange(_))
        ));
        assert!(matches!(
            parse_bound("9999", true, now()),
            Ok(_) | Err(DateBoundError::OutOfRange(_))
        ));
    }
}
