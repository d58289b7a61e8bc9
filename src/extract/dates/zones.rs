//! Time-zone abbreviations as news copy writes them, and the UTC offsets they stand for.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

/// How a zone abbreviation maps to an offset from UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Minutes east of UTC, the same all year.
    Fixed(i32),
    /// A US zone named without saying standard or daylight ("ET"): the standard offset in
    /// minutes east of UTC, plus one hour while US daylight saving time is in force.
    UsGeneric(i32),
}

impl Zone {
    /// Minutes east of UTC at the given local wall-clock time.
    pub fn offset_minutes(self, local: NaiveDateTime) -> i32 {
        match self {
            Zone::Fixed(m) => m,
            Zone::UsGeneric(m) if us_daylight_time(local) => m + 60,
            Zone::UsGeneric(m) => m,
        }
    }
}

/// Abbreviations with one reading in English-language news. Ambiguous ones take the reading
/// news copy means most often: IST is India, CST is US Central, BST is British Summer Time.
/// AST (Atlantic or Arabia) and BDT (Bangladesh or British Daylight) are left out on purpose:
/// a time in an unknown zone is dropped and only its calendar day is kept.
pub const ZONES: &[(&str, Zone)] = &[
    ("UTC", Zone::Fixed(0)),
    ("GMT", Zone::Fixed(0)),
    ("UT", Zone::Fixed(0)),
    ("Z", Zone::Fixed(0)),
    ("WET", Zone::Fixed(0)),
    ("WEST", Zone::Fixed(60)),
    ("BST", Zone::Fixed(60)),
    ("IST", Zone::Fixed(330)),
    ("CET", Zone::Fixed(60)),
    ("CEST", Zone::Fixed(120)),
    ("MEZ", Zone::Fixed(60)),
    ("MESZ", Zone::Fixed(120)),
    ("EET", Zone::Fixed(120)),
    ("EEST", Zone::Fixed(180)),
    ("MSK", Zone::Fixed(180)),
    ("TRT", Zone::Fixed(180)),
    ("IDT", Zone::Fixed(180)),
    ("EAT", Zone::Fixed(180)),
    ("WAT", Zone::Fixed(60)),
    ("CAT", Zone::Fixed(120)),
    ("SAST", Zone::Fixed(120)),
    ("IRST", Zone::Fixed(210)),
    ("GST", Zone::Fixed(240)),
    ("AFT", Zone::Fixed(270)),
    ("PKT", Zone::Fixed(300)),
    ("NPT", Zone::Fixed(345)),
    ("MMT", Zone::Fixed(390)),
    ("ICT", Zone::Fixed(420)),
    ("WIB", Zone::Fixed(420)),
    ("WITA", Zone::Fixed(480)),
    ("WIT", Zone::Fixed(540)),
    ("HKT", Zone::Fixed(480)),
    ("SGT", Zone::Fixed(480)),
    ("MYT", Zone::Fixed(480)),
    ("PHT", Zone::Fixed(480)),
    ("AWST", Zone::Fixed(480)),
    ("JST", Zone::Fixed(540)),
    ("KST", Zone::Fixed(540)),
    ("ACST", Zone::Fixed(570)),
    ("ACDT", Zone::Fixed(630)),
    ("AEST", Zone::Fixed(600)),
    ("AEDT", Zone::Fixed(660)),
    ("NZST", Zone::Fixed(720)),
    ("NZDT", Zone::Fixed(780)),
    ("EST", Zone::Fixed(-300)),
    ("EDT", Zone::Fixed(-240)),
    ("CST", Zone::Fixed(-360)),
    ("CDT", Zone::Fixed(-300)),
    ("MST", Zone::Fixed(-420)),
    ("MDT", Zone::Fixed(-360)),
    ("PST", Zone::Fixed(-480)),
    ("PDT", Zone::Fixed(-420)),
    ("AKST", Zone::Fixed(-540)),
    ("AKDT", Zone::Fixed(-480)),
    ("HST", Zone::Fixed(-600)),
    ("NST", Zone::Fixed(-210)),
    ("NDT", Zone::Fixed(-150)),
    ("BRT", Zone::Fixed(-180)),
    ("ART", Zone::Fixed(-180)),
    ("ET", Zone::UsGeneric(-300)),
    ("CT", Zone::UsGeneric(-360)),
    ("MT", Zone::UsGeneric(-420)),
    ("PT", Zone::UsGeneric(-480)),
];

/// The zone an abbreviation names, ignoring case.
pub fn lookup(abbr: &str) -> Option<Zone> {
    ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(abbr))
        .map(|&(_, z)| z)
}

/// Whether US daylight saving time applies at a local wall-clock time, by the federal rules
/// of the year: since 2007 the second Sunday of March to the first Sunday of November,
/// 1987-2006 the first Sunday of April to the last Sunday of October, 1967-1986 the last
/// Sunday of April to the last Sunday of October. The switch happens at 02:00 local time.
fn us_daylight_time(local: NaiveDateTime) -> bool {
    let y = local.year();
    let bounds = if y >= 2007 {
        nth_sunday(y, 3, 2).zip(nth_sunday(y, 11, 1))
    } else if y >= 1987 {
        nth_sunday(y, 4, 1).zip(last_sunday(y, 10))
    } else if y >= 1967 {
        last_sunday(y, 4).zip(last_sunday(y, 10))
    } else {
        None
    };
    let Some((start, end)) = bounds else {
        return false;
    };
    match (start.and_hms_opt(2, 0, 0), end.and_hms_opt(2, 0, 0)) {
        (Some(start), Some(end)) => local >= start && local < end,
        _ => false,
    }
}

fn nth_sunday(year: i32, month: u32, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n)
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let last = first_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_days(chrono::Days::new(u64::from(back)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("valid test date")
    }

    #[test]
    fn lookup_ignores_case_and_knows_news_zones() {
        assert_eq!(lookup("ist"), Some(Zone::Fixed(330)));
        assert_eq!(lookup("AEDT"), Some(Zone::Fixed(660)));
        assert_eq!(lookup("WIB"), Some(Zone::Fixed(420)));
        assert_eq!(lookup("AST"), None);
    }

    #[test]
    fn us_daylight_time_follows_the_rules_of_the_year() {
        let et = Zone::UsGeneric(-300);
        // 2024: DST ended on Sunday 3 November at 02:00.
        assert_eq!(et.offset_minutes(at(2024, 11, 3, 1)), -240);
        assert_eq!(et.offset_minutes(at(2024, 11, 3, 16)), -300);
        assert_eq!(et.offset_minutes(at(2026, 3, 8, 3)), -240);
        assert_eq!(et.offset_minutes(at(2026, 3, 7, 12)), -300);
        // 1987: DST began on the first Sunday of April (5 April).
        assert_eq!(et.offset_minutes(at(1987, 4, 4, 12)), -300);
        assert_eq!(et.offset_minutes(at(1987, 4, 6, 12)), -240);
        assert_eq!(last_sunday(1987, 10), NaiveDate::from_ymd_opt(1987, 10, 25));
        assert_eq!(last_sunday(2026, 12), NaiveDate::from_ymd_opt(2026, 12, 27));
    }
}
