//! Unit tests of date parsing.

use super::*;

fn utc(s: &str) -> String {
    parse_date(s)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| "none".into())
}

#[test]
fn iso_8601_and_rfc_3339() {
    assert_eq!(utc("2026-02-03"), "2026-02-03T00:00:00Z");
    assert_eq!(utc("2026-02-03T10:51:00Z"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("2026-02-03T10:51:00+05:30"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("2026-02-03 10:51:00"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("2026-02-03T10:51"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("2026-02-03 10:51:00.250 -0500"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("2026-02-03T10:51:00.5+0100"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("20260203"), "2026-02-03T00:00:00Z");
    assert_eq!(utc("20260203105100"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("2026/02/03"), "2026-02-03T00:00:00Z");
}

#[test]
fn rfc_2822_with_offsets_and_zone_names() {
    assert_eq!(
        utc("Tue, 03 Feb 2026 10:51:00 +0530"),
        "2026-02-03T10:51:00Z"
    );
    assert_eq!(utc("Tue, 03 Feb 2026 10:51:00 GMT"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("Tue, 03 Feb 2026 10:51:00 EST"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("Tue, 3 Feb 2026 10:51 EDT"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("3 Feb 26 10:51:00 UT"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("Mon, 1 Jun 98 00:00:00 Z"), "1998-06-01T00:00:00Z");
}

#[test]
fn month_name_forms() {
    for s in [
        "February 3, 2026",
        "3 February 2026",
        "Feb. 3, 2026",
        "Feb 3 2026",
        "Tuesday, February 3, 2026",
        "3rd of February, 2026",
        "February 3rd, 2026",
        "FEBRUARY 3, 2026",
        "Published: 3 February 2026",
        "Tue Feb  3 00:00:00 2026",
    ] {
        assert_eq!(utc(s), "2026-02-03T00:00:00Z", "{s}");
    }
    assert_eq!(utc("Sept. 30, 2025"), "2025-09-30T00:00:00Z");
}

#[test]
fn reuters_21578_date_values() {
    assert_eq!(utc("26-FEB-1987 15:01:01.79"), "1987-02-26T15:01:01Z");
    assert_eq!(utc(" 2-MAR-1987 08:13:01.11"), "1987-03-02T08:13:01Z");
    assert_eq!(
        utc(" 5-MAR-1987  09:20:15.61\t\t\tC T"),
        "1987-03-05T09:20:15Z"
    );
}

#[test]
fn feed_and_browser_forms() {
    assert_eq!(utc("1770115860"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("1770115860000"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("202602031051"), "2026-02-03T10:51:00Z");
    assert_eq!(
        utc("Tue Feb 03 2026 10:51:00 GMT+0530 (India Standard Time)"),
        "2026-02-03T10:51:00Z"
    );
    assert_eq!(utc("Tue 3 Feb 2026 10.51 GMT"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("3 February 2026 4.15pm BST"), "2026-02-03T16:15:00Z");
    assert_eq!(utc("2026-02-03T10:51:00Z[UTC]"), "2026-02-03T10:51:00Z");
    assert_eq!(utc("123"), "none");
}

#[test]
fn stated_day_is_kept_across_midnight_utc() {
    // 1 a.m. in India is still 2 February in UTC; readers date the story 3 February.
    assert_eq!(
        utc("February 3, 2026, 1:00 a.m. IST"),
        "2026-02-03T01:00:00Z"
    );
    assert_eq!(
        utc("Updated 11:30 p.m. ET Nov. 3, 2024"),
        "2024-11-03T23:30:00Z"
    );
    assert_eq!(utc("2026-02-03T01:00:00+05:30"), "2026-02-03T01:00:00Z");
}

#[test]
fn times_with_news_zones_keep_the_stated_clock() {
    assert_eq!(
        utc("February 3, 2026, at 10:51 IST"),
        "2026-02-03T10:51:00Z"
    );
    assert_eq!(
        utc("Updated 4:15 p.m. ET Nov. 3, 2024"),
        "2024-11-03T16:15:00Z"
    );
    assert_eq!(
        utc("Updated 4:15 p.m. ET Jul. 3, 2024"),
        "2024-07-03T16:15:00Z"
    );
    assert_eq!(utc("3 February 2026 09:00 CET"), "2026-02-03T09:00:00Z");
    assert_eq!(utc("3 July 2026 09:00 CEST"), "2026-07-03T09:00:00Z");
    assert_eq!(utc("3 July 2026 09:00 BST"), "2026-07-03T09:00:00Z");
    assert_eq!(utc("3 February 2026 09:00 JST"), "2026-02-03T09:00:00Z");
    assert_eq!(utc("3 February 2026 09:00 KST"), "2026-02-03T09:00:00Z");
    assert_eq!(utc("3 February 2026 20:00 HKT"), "2026-02-03T20:00:00Z");
    assert_eq!(utc("3 February 2026 20:00 SGT"), "2026-02-03T20:00:00Z");
    assert_eq!(utc("3 February 2026 20:00 AEDT"), "2026-02-03T20:00:00Z");
    assert_eq!(utc("3 July 2026 20:00 AEST"), "2026-07-03T20:00:00Z");
    assert_eq!(utc("3 February 2026 12:00 MSK"), "2026-02-03T12:00:00Z");
    assert_eq!(utc("3 February 2026 12:00 WIB"), "2026-02-03T12:00:00Z");
    assert_eq!(utc("3 February 2026 12:00 EET"), "2026-02-03T12:00:00Z");
    assert_eq!(utc("3 July 2026 12:00 EEST"), "2026-07-03T12:00:00Z");
    assert_eq!(utc("Feb 3, 2026 8:00 AM PST"), "2026-02-03T08:00:00Z");
    assert_eq!(utc("Jul 3, 2026 8:00 AM PDT"), "2026-07-03T08:00:00Z");
    assert_eq!(utc("Feb 3, 2026 8:00 AM CST"), "2026-02-03T08:00:00Z");
    assert_eq!(utc("Jul 3, 2026 8:00 AM CDT"), "2026-07-03T08:00:00Z");
    assert_eq!(utc("Feb 3, 2026 8:00 AM MST"), "2026-02-03T08:00:00Z");
    assert_eq!(utc("Jul 3, 2026 8:00 AM MDT"), "2026-07-03T08:00:00Z");
    assert_eq!(utc("Feb 3, 2026 12:30 a.m. (GMT)"), "2026-02-03T00:30:00Z");
    assert_eq!(utc("Feb 3, 2026 10:00 GMT+8"), "2026-02-03T10:00:00Z");
    assert_eq!(utc("Feb 3, 2026 10:00 UTC"), "2026-02-03T10:00:00Z");
}

#[test]
fn unknown_zone_keeps_only_the_day() {
    assert_eq!(utc("Feb 3, 2026 23:30 AST"), "2026-02-03T00:00:00Z");
    assert_eq!(utc("Feb 3, 2026 23:30 XYZT"), "2026-02-03T00:00:00Z");
}

#[test]
fn numeric_dates_are_day_first_unless_only_the_second_can_be_a_day() {
    assert_eq!(utc("03/02/2026"), "2026-02-03T00:00:00Z");
    assert_eq!(utc("03.02.2026"), "2026-02-03T00:00:00Z");
    assert_eq!(utc("13/02/2026"), "2026-02-13T00:00:00Z");
    assert_eq!(utc("02/13/2026"), "2026-02-13T00:00:00Z");
    assert_eq!(utc("12-11-2026"), "2026-11-12T00:00:00Z");
    assert_eq!(utc("13/13/2026"), "none");
    assert_eq!(day_month_order(3, 2), (3, 2));
    assert_eq!(day_month_order(2, 13), (13, 2));
}

#[test]
fn incomplete_or_invalid_dates_are_none() {
    for s in [
        "",
        "Feb 26",
        "February 2026",
        "2026",
        "2026-13-45",
        "2026-02-30",
        "February 30, 2026",
        "the 1979 revolution",
        "0999-01-01",
        "3 Feb 2026 25:00",
    ] {
        let got = utc(s);
        if s == "3 Feb 2026 25:00" {
            assert_eq!(got, "2026-02-03T00:00:00Z");
        } else {
            assert_eq!(got, "none", "{s}");
        }
    }
}

#[test]
fn cuts_stay_on_char_boundaries() {
    assert_eq!(head("aé", 2), "a");
    assert_eq!(tail("éa", 2), "a");
    assert_eq!(head("abc", 10), "abc");
}

#[test]
fn normalised_words_drop_dots_and_case() {
    assert_eq!(norm("P.M.").as_str(), "pm");
    assert_eq!(norm("MÄRZ").as_str(), "märz");
    assert_eq!(norm("Sept.").as_str(), "sept");
    assert_eq!(month_number("SEPTIEMBRE"), Some(9));
    assert_eq!(month_number("D\u{c9}C."), Some(12));
    // A word longer than any name is none of them, however it starts.
    assert_eq!(
        norm("Septembermonthslongword").as_str(),
        "septembermonthslongword"
    );
    assert_eq!(norm("Septembermonthslongwordsandmore").as_str(), "");
    assert_eq!(month_number("Septembermonthslongwordsandmore"), None);
    // Every month word fits, in capitals and with a dot.
    for (i, month) in calendar::MONTHS.iter().enumerate() {
        let words = month.abbreviations.iter().chain(month.other_languages);
        for word in words.chain([&month.name]) {
            let written = format!("{}.", word.to_uppercase());
            assert_eq!(
                month_number(&written),
                u32::try_from(i + 1).ok(),
                "{written}"
            );
        }
    }
}
