//! Unit tests of finding dates in article text.

use super::*;

fn best(body: &str) -> Option<String> {
    let dates = text_dates(None, body);
    best_text_date(&dates).map(|d| d.value.date_naive().to_string())
}

#[test]
fn datelines_with_and_without_year() {
    let d = dateline(None, "TEHRAN, Feb 3 (Reuters) - Iran said.").unwrap();
    assert_eq!(
        (d.parts.month, d.parts.day, d.parts.year),
        (Some(2), Some(3), None)
    );
    assert_eq!(d.text, "TEHRAN, Feb 3 (Reuters)");
    let d = dateline(None, "    SALVADOR, Feb 26 - Showers continued").unwrap();
    assert_eq!((d.parts.month, d.parts.day), (Some(2), Some(26)));
    let d = dateline(None, "WASHINGTON, March 3, 2026 (AP) — The Senate").unwrap();
    assert_eq!(d.parts.year, Some(2026));
    let d = dateline(None, "LOUISVILLE, Ky., March 2 - Brown-Forman").unwrap();
    assert_eq!(d.parts.month, Some(3));
    let d = dateline(
        None,
        "By Ana Ruiz\nLONDON, 3 February 2026 (Reuters) - Shares",
    )
    .unwrap();
    assert_eq!(d.parts.year, Some(2026));
    let d = dateline(Some("    SALVADOR, Feb 26 - "), "Showers").unwrap();
    assert_eq!(d.parts.day, Some(26));
    for wire in [
        "ATLANTA, MArch 25 - Shr six cts",
        "JOHANNESBURG March 13 - Shr 516 cts",
        "KANSAS CITY, Mo. - March 13 - American City",
        "****LONDON, March 26 - Libya is reported",
        "BRUSSELS, March 27, Reuter - Greece and Turkey",
        "Caracas, march 11 - the council",
        "ATLANTA , March 3 - National Data",
    ] {
        let d = dateline(None, wire).unwrap_or_else(|| panic!("{wire}"));
        assert_eq!(d.parts.month, Some(3), "{wire}");
    }
    let d = dateline(None, "Feb 3 (Reuters) - Iran said").unwrap();
    assert_eq!((d.parts.month, d.parts.day), (Some(2), Some(3)));
    assert!(dateline(None, "Updated: Feb 5, 2026\nPublished: Feb 3, 2026").is_none());
    assert!(dateline(None, "Agenda\nMarch 5 - talks resume\n").is_none());
    assert!(dateline(None, "LONDON, Feb 3\nShares fell.").is_none());
    assert!(dateline(Some("LONDON, Feb 3"), "Shares fell.").is_some());
    assert!(dateline(None, "WASHINGTON (AP) — The Senate voted").is_none());
    assert!(dateline(None, "Shares may 3 times exceed").is_none());
    assert!(dateline(None, "On March 5, the talks resume.").is_none());
    assert!(dateline(Some("WASHINGTON"), "LONDON, Feb 3 - x").is_none());
}

#[test]
fn statement_release_dates_the_story() {
    let dates = text_dates(
        None,
        "TEHRAN (Wire) - Iran will let inspectors return, the foreign ministry said in a \
         statement released on September 12, 2025, calling it a goodwill gesture.",
    );
    let b = best_text_date(&dates).unwrap();
    assert_eq!(b.text, "September 12, 2025");
    let dates = text_dates(
        None,
        "The minister said the accord signed on March 5, 2019 was no longer binding.",
    );
    assert!(best_text_date(&dates).is_none());
}

#[test]
fn cue_dates_anywhere_win() {
    let body = format!(
        "{}Pezeshkian's announcement, reported by Reuters on February 3, 2026, at 10:51 IST, signals a shift.",
        "Filler sentence. ".repeat(200)
    );
    let dates = text_dates(None, &body);
    let b = best_text_date(&dates).unwrap();
    assert_eq!(b.text, "February 3, 2026, at 10:51 IST");
    assert_eq!(b.value.to_rfc3339(), "2026-02-03T10:51:00+00:00");
}

#[test]
fn time_before_the_date_is_read() {
    let dates = text_dates(
        None,
        "Updated 4:15 p.m. ET Nov. 3, 2024\n\nThe vote count went on.",
    );
    let b = best_text_date(&dates).unwrap();
    assert_eq!(b.text, "4:15 p.m. ET Nov. 3, 2024");
    assert_eq!(b.value.to_rfc3339(), "2024-11-03T16:15:00+00:00");
}

#[test]
fn date_label_counts_only_at_line_start() {
    let long = "Officials met again in the capital to discuss the matter at length. ".repeat(3);
    assert_eq!(
        best(&format!(
            "{long}\n{long}\n{long}\n{long}\n{long}\n{long}\nDate: 3 February 2026"
        )),
        Some("2026-02-03".into())
    );
    assert_eq!(
        best(&format!(
            "{long}\n{long}\n{long}\n{long}\n{long}\n{long}\nDelivery Date : 08/29/1996"
        )),
        None
    );
}

#[test]
fn british_dot_times() {
    let dates = text_dates(
        None,
        "Tue 3 Feb 2026 10.51 GMT\n\nShares fell 10.51 points.",
    );
    let b = best_text_date(&dates).unwrap();
    assert_eq!(b.text, "Tue 3 Feb 2026 10.51 GMT");
    assert_eq!(b.value.to_rfc3339(), "2026-02-03T10:51:00+00:00");
    let dates = text_dates(None, "Posted on 3 Feb 2026 10.51 points higher");
    assert_eq!(best_text_date(&dates).unwrap().text, "3 Feb 2026");
}

#[test]
fn header_lines_count_and_published_beats_updated() {
    assert_eq!(
        best("Published: 3 February 2026\n\nText."),
        Some("2026-02-03".into())
    );
    assert_eq!(
        best("By Ana Ruiz | Feb. 3, 2026\n\nText."),
        Some("2026-02-03".into())
    );
    assert_eq!(
        best("Updated: 5 February 2026\nPublished: 3 February 2026\n\nText."),
        Some("2026-02-03".into())
    );
    assert_eq!(best("2026-02-03\nText."), Some("2026-02-03".into()));
    // The next line's "will" belongs to the story, not to the date line.
    assert_eq!(
        best("LONDON 1996-08-30\nAustralia will defend the Ashes."),
        Some("1996-08-30".into())
    );
}

/// Dates in wrapped wire copy with no dateline, each of which once became a story's
/// date: none describes the story's own publication.
#[test]
fn other_events_in_running_text_are_not_publication_dates() {
    let wrapped = "Officials of the company met shareholders again this week to";
    for body in [
        format!("{wrapped}\nacquired November 5, 1986\n Reuter\n"),
        "Net profit rose.\n    The company said on February 20, 1986, its predecessor\nacquired the unit.".to_string(),
        format!("{wrapped}\nBoard, in a letter dated January 26, 1987, stated it.\n"),
        "Details follow.\nThe bonds will be dated and delivered April 16, 1987.\n".to_string(),
        "Qtrly div 96 cts vs 90 cts\n    Pay May One, 1987\n    Record March 31, 1987\n".to_string(),
        "Periods end January 31, 1987 and 1986\n    Shr 12 cts vs nine cts\n".to_string(),
        "March 31, 1986 end\n    Shr loss seven cts\n".to_string(),
        "The original exercise date was April 15, 1987.\n".to_string(),
        "Outstanding savings on December 31, 1986 totalled 545,303 billion yen.\n".to_string(),
        "It will redeem on May 1, 1987, all of the shares of its preferred stock.\n".to_string(),
        "A study published on 5 May 2019 in a journal found the same.\n".to_string(),
        "The company announced on February 25, 1987, its intention to sell.\n".to_string(),
    ] {
        assert_eq!(best(&body), None, "{body}");
    }
}

#[test]
fn clock_times_are_not_years() {
    assert_eq!(
        best("Tuesday, 1 March\n1945 GMT\nKick-off at the stadium."),
        None
    );
    assert_eq!(best("Friday, 4 March\n2000 hrs local time\n"), None);
    // A wrapped date whose year starts the next line is still a date.
    assert_eq!(
        best("Published: Friday, 4 March\n2016\n\nText."),
        Some("2016-03-04".into())
    );
}

#[test]
fn the_articles_own_date_still_counts() {
    for (body, want) in [
        (
            "The fund said in results published in Oslo on August 13, 2025, that it grew.",
            "2025-08-13",
        ),
        (
            "This story was first published on 14 July 2015 in Vienna.",
            "2015-07-14",
        ),
        ("Originally posted on March 3, 2024\n\nText.", "2024-03-03"),
        ("By Ana Ruiz, Feb. 3, 2026\n\nText.", "2026-02-03"),
        ("Filed: 3 Feb 2026\n\nText.", "2026-02-03"),
    ] {
        assert_eq!(best(body), Some(want.into()), "{body}");
    }
}

#[test]
fn distractors_do_not_win() {
    let long = "Officials met again in the capital to discuss the matter at length. ";
    for body in [
        format!("{long}The 2015 agreement lapsed by 2030 as the 1979 revolution faded."),
        format!("{long}Parliamentary elections due on 12 June 2027 will decide it."),
        format!("{long}{long}The ministers met on March 5, 2026 and the talks will resume later."),
        "Talks are expected to resume by February 10, 2026.\n".to_string(),
        "Elections due on 12 June 2027\n".to_string(),
        "Voters go to the polls on 12 June 2027.\n".to_string(),
        "The summit on 4 May 2026 will set the agenda.\n".to_string(),
        "The World Cup begins on June 11, 2026\n".to_string(),
        "The deadline is 5 March 2026.\n".to_string(),
        "Talks will resume on March 5, 2026\n".to_string(),
    ] {
        assert_eq!(best(&body), None, "{body}");
    }
}

#[test]
fn a_deep_bare_date_does_not_win_but_a_cue_does() {
    let long = "Officials met again in the capital to discuss the matter at length. ".repeat(3);
    assert_eq!(
        best(&format!(
            "{long}The accord of 14 July 2015 was signed in Vienna."
        )),
        None
    );
    assert_eq!(
        best(&format!(
            "{long}The story was first published on 14 July 2015 in Vienna."
        )),
        Some("2015-07-14".into())
    );
}

#[test]
fn cue_in_an_earlier_sentence_does_not_count() {
    let long = "Officials met again in the capital to discuss the matter at length. ".repeat(3);
    assert_eq!(
        best(&format!(
            "{long}Losses were reported. The accord of 14 July 2015 stands."
        )),
        None
    );
}

#[test]
fn year_for_a_dateline_comes_from_a_matching_publication_date() {
    let dates = text_dates(None, "x\nPosted Feb 26, 1987\nOfficials said it rained.");
    assert_eq!(year_for(&dates, 2, 26), Some(1987));
    assert_eq!(year_for(&dates, 2, 27), None);
    let body = format!(
        "{}Warrants run between Feb 26, 1988 and Feb 26, 1992, or to March 30, 1990.",
        "The company said it completed the offering through underwriters. ".repeat(2)
    );
    let dates = text_dates(None, &body);
    assert_eq!(year_for(&dates, 2, 26), None);
    assert_eq!(year_for(&dates, 3, 30), None);
}

#[test]
fn year_windows_find_what_a_full_scan_finds() {
    let texts = [
        "Wednesday, September 30th, 2026 and 2026-02-03T10:51:00.123+05:30 x",
        "é3 February 2026é, 03/02/2026, 2026/2/3, 1999 2000 x2026 Feb 3, 2026",
        "12345 February 3, 20266 then Feb 3, 2026",
        "Feb 3, 2026Feb 4, 2026 3 March 2026",
    ];
    for t in texts {
        let full: Vec<(usize, usize)> = FULL_DATE
            .find_iter(t)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(full_dates(t), full, "{t}");
        assert!(!full.is_empty());
    }
}

#[test]
fn a_cue_with_figures_between_it_and_the_date_is_not_a_cue() {
    let long = "The chain gave its monthly figures to analysts in the morning. ".repeat(2);
    assert_eq!(
        best(&format!(
            "{long}It reported sales of 424.8 mln dlrs for the period ended Feb 28, 1987."
        )),
        None
    );
}

#[test]
fn next_digit_matches_a_byte_scan() {
    // Bytes next to the digits in value ('/', ':'), with the top bit set ("é", and 0xb0,
    // which is '0' with the top bit), at every offset from a chunk's start.
    let text = "ab/:c\u{e9}\u{2070}x° 9 and/z:0Z 12 é:/ 2026-02-03";
    let bytes = text.as_bytes();
    for from in 0..=bytes.len() {
        let want = (from..bytes.len())
            .find(|&i| bytes[i].is_ascii_digit())
            .unwrap_or(bytes.len());
        assert_eq!(next_digit(bytes, from), want, "from {from}");
    }
    assert_eq!(next_digit(b"no digits in this line at all", 0), 29);
}
