//! Calendar buckets for timelines: real days, ISO weeks, months and years, with empty
//! buckets filled in so gaps in coverage are visible.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

/// More buckets than this is never a readable chart; callers get an error instead.
pub const MAX_BUCKETS: usize = 20_000;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// "2026-02-03", "2026-W05", "2026-02" or "2026".
    pub label: String,
    pub count: u64,
    /// With normalisation: all articles in the bucket, and `count` as a share of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

impl Interval {
    /// The names `--by` takes.
    pub const NAMES: &'static [(&'static str, Interval)] = &[
        ("day", Interval::Day),
        ("week", Interval::Week),
        ("month", Interval::Month),
        ("year", Interval::Year),
    ];

    /// The first day of the bucket holding `day`.
    pub fn floor(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day - Duration::days(day.weekday().num_days_from_monday() as i64),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the next bucket.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => start + Duration::days(1),
            Interval::Week => start + Duration::days(7),
            Interval::Month => {
                let (y, m) = if start.month() == 12 {
                    (start.year() + 1, 1)
                } else {
                    (start.year(), start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(start + Duration::days(31))
            }
            Interval::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)
                .unwrap_or(start + Duration::days(366)),
        }
    }

    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.format("%Y-%m-%d").to_string(),
            Interval::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Interval::Month => start.format("%Y-%m").to_string(),
            Interval::Year => start.format("%Y").to_string(),
        }
    }
}

/// Seconds in a day: instants count on the UTC day they fall on.
const DAY: i64 = 86_400;

/// Counts of instants (seconds since the epoch) per period of `by`.
pub fn periods(seconds: &[i64], by: Interval) -> BTreeMap<NaiveDate, u64> {
    periods_of_days(seconds.iter().map(|s| (s.div_euclid(DAY), 1)), by)
}

/// Counts per period of `by` from counts per day (days since 1970-01-01, UTC), so an
/// index can count days as it reads dates and leave the calendar to this module.
pub fn periods_of_days(
    days: impl IntoIterator<Item = (i64, u64)>,
    by: Interval,
) -> BTreeMap<NaiveDate, u64> {
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (day, n) in days {
        let start = day
            .checked_mul(DAY)
            .and_then(|s| DateTime::from_timestamp(s, 0));
        if let Some(dt) = start {
            *counts.entry(by.floor(dt.date_naive())).or_default() += n;
        }
    }
    counts
}

/// Counts per bucket (`counts` keyed by each period's first day), gaps included, from
/// the first to the last non-empty bucket, widened to cover `from`..=`to` (first and
/// last day) when the caller asked for a period.
pub fn buckets(
    counts: &BTreeMap<NaiveDate, u64>,
    by: Interval,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Bucket>, usize> {
    let first = counts.keys().next().copied().into_iter().chain(from).min();
    let last = counts
        .keys()
        .next_back()
        .copied()
        .into_iter()
        .chain(to)
        .max();
    let (Some(first), Some(last)) = (first.map(|d| by.floor(d)), last.map(|d| by.floor(d))) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        if out.len() >= MAX_BUCKETS {
            return Err(MAX_BUCKETS);
        }
        out.push(Bucket {
            start: day,
            label: by.label(day),
            count: counts.get(&day).copied().unwrap_or(0),
            total: None,
            share: None,
        });
        day = by.next(day);
    }
    Ok(out)
}

/// Adds each bucket's share of all articles in it (`all` counted with the same interval).
pub fn normalize(buckets: &mut [Bucket], all: &[Bucket]) {
    let totals: BTreeMap<NaiveDate, u64> = all.iter().map(|b| (b.start, b.count)).collect();
    for b in buckets {
        let total = totals.get(&b.start).copied().unwrap_or(0);
        b.total = Some(total);
        b.share = Some(if total == 0 {
            0.0
        } else {
            b.count as f64 / total as f64
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(y: i32, m: u32, d: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn calendar_months_with_gaps() {
        let s = [secs(2026, 1, 31), secs(2026, 1, 1), secs(2026, 3, 1)];
        let b = buckets(&periods(&s, Interval::Month), Interval::Month, None, None).unwrap();
        let labels: Vec<_> = b.iter().map(|b| (b.label.as_str(), b.count)).collect();
        assert_eq!(labels, vec![("2026-01", 2), ("2026-02", 0), ("2026-03", 1)]);
    }

    #[test]
    fn requested_period_is_shown_in_full() {
        let day = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        let s = [secs(2025, 3, 10)];
        let b = buckets(
            &periods(&s, Interval::Month),
            Interval::Month,
            Some(day(1)),
            Some(day(6)),
        )
        .unwrap();
        let labels: Vec<_> = b.iter().map(|b| (b.label.as_str(), b.count)).collect();
        assert_eq!(labels.first(), Some(&("2025-01", 0)));
        assert_eq!(labels.last(), Some(&("2025-06", 0)));
        assert_eq!(b.iter().map(|b| b.count).sum::<u64>(), 1);
        assert_eq!(
            buckets(&BTreeMap::new(), Interval::Year, None, None).unwrap(),
            vec![]
        );
    }

    /// Counts per day give the same periods as the instants, before 1970 too (a day
    /// starts at its midnight, not at the instant rounded toward zero).
    #[test]
    fn days_before_and_after_1970() {
        let s = [secs(1969, 12, 31), secs(1969, 12, 31), secs(1970, 1, 1)];
        let by_day = periods(&s, Interval::Day);
        let first = NaiveDate::from_ymd_opt(1969, 12, 31).unwrap();
        assert_eq!(by_day.get(&first), Some(&2));
        assert_eq!(periods_of_days([(-1, 2), (0, 1)], Interval::Day), by_day);
        assert_eq!(periods_of_days([(-1, 2), (0, 1)], Interval::Year).len(), 2);
    }

    #[test]
    fn iso_weeks_start_on_monday() {
        // 2026-02-01 is a Sunday, 2026-02-02 a Monday.
        let s = [secs(2026, 2, 1), secs(2026, 2, 2)];
        let b = buckets(&periods(&s, Interval::Week), Interval::Week, None, None).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].label, "2026-W05");
        assert_eq!(b[1].label, "2026-W06");
    }

    #[test]
    fn years_and_normalisation() {
        let s = [secs(2024, 5, 1), secs(2026, 5, 1)];
        let mut b = buckets(&periods(&s, Interval::Year), Interval::Year, None, None).unwrap();
        assert_eq!(b.len(), 3);
        let all = buckets(
            &periods(&[s[0], s[0], s[1], s[1], s[1], s[1]], Interval::Year),
            Interval::Year,
            None,
            None,
        )
        .unwrap();
        normalize(&mut b, &all);
        assert_eq!(b[0].share, Some(0.5));
        assert_eq!(b[1].share, Some(0.0));
        assert_eq!(b[2].share, Some(0.25));
    }
}
