//! Tests of choosing an article's publication date among its claims.

use super::*;
use proptest::prelude::*;

fn article(body: &str) -> Article {
    Article {
        title: "Headline".into(),
        body: body.into(),
        ..Article::default()
    }
}

fn day(d: &Option<ExtractedDate>) -> Option<(String, DateSource)> {
    d.as_ref()
        .map(|d| (d.value.date_naive().to_string(), d.source))
}

#[test]
fn metadata_wins_over_everything() {
    let mut a = article("TEHRAN, Feb 3, 2026 (Reuters) - Talks.");
    a.date = Some(" 26-FEB-1987 15:01:01.79 ".into());
    let d = publication_date(&a, "news/2024/07/15/x.txt").unwrap();
    assert_eq!(d.source, DateSource::Metadata);
    assert_eq!(d.value.to_rfc3339(), "1987-02-26T15:01:01+00:00");
    assert_eq!(d.text, "26-FEB-1987 15:01:01.79");
}

#[test]
fn epoch_placeholder_metadata_is_ignored() {
    let mut a = article("Published: 3 February 2026\n\nText.");
    a.date = Some("1970-01-01T00:00:00Z".into());
    assert_eq!(
        day(&publication_date(&a, "x.txt")),
        Some(("2026-02-03".into(), DateSource::Text))
    );
    a.body = "Updated: 5 February 2026\nPublished: 3 February 2026\n\nText.".into();
    assert_eq!(
        day(&publication_date(&a, "x.txt")),
        Some(("2026-02-03".into(), DateSource::Text))
    );
}

fn claim(kind: ClaimKind, text: &str) -> DateClaim {
    DateClaim {
        kind,
        text: text.into(),
    }
}

fn claims_day(claims: &[DateClaim]) -> Option<(String, DateSource)> {
    let a = Article {
        date_claims: claims.to_vec(),
        ..article("Text.")
    };
    day(&publication_date(&a, "x.html"))
}

#[test]
fn utc_stamp_takes_the_publishers_day_from_the_url() {
    let url = "https://example.com/2020/02/24/a-story/";
    // 02:25 UTC on the 25th is the evening of the 24th in New York.
    let late = [
        claim(ClaimKind::Meta, "2020-02-25T02:25:54+00:00"),
        claim(ClaimKind::Url, url),
    ];
    assert_eq!(
        claims_day(&late),
        Some(("2020-02-24".into(), DateSource::Url))
    );
    // Not in the direction the hour allows: the stamp stands.
    let noon = [
        claim(ClaimKind::Meta, "2020-02-25T14:25:54Z"),
        claim(ClaimKind::Url, url),
    ];
    assert_eq!(
        claims_day(&noon),
        Some(("2020-02-25".into(), DateSource::Meta))
    );
    // A stamp with the publisher's own offset is its day, whatever the URL says.
    let local = [
        claim(ClaimKind::Meta, "2020-02-25T02:25:54+01:00"),
        claim(ClaimKind::Url, url),
    ];
    assert_eq!(
        claims_day(&local),
        Some(("2020-02-25".into(), DateSource::Meta))
    );
}

#[test]
fn utc_stamp_corrected_only_by_the_same_moment() {
    let utc = claim(ClaimKind::JsonLd, "2022-05-04T00:44:52.000Z");
    // The same moment on a Brazilian clock, visible in the byline.
    let byline = claim(ClaimKind::Byline, "Brasília 03/05/2022 21:44");
    assert_eq!(
        claims_day(&[utc.clone(), byline]),
        Some(("2022-05-03".into(), DateSource::Byline))
    );
    // A byline time no zone can explain is another moment (an update): ignored.
    let update = claim(ClaimKind::Byline, "Published May 3, 2022 at 5:01 p.m.");
    assert_eq!(
        claims_day(&[utc.clone(), update]),
        Some(("2022-05-04".into(), DateSource::JsonLd))
    );
    // A bare visible date may be a list's: no evidence.
    let bare = claim(ClaimKind::Byline, "3 May 2022");
    assert_eq!(
        claims_day(&[utc.clone(), bare]),
        Some(("2022-05-04".into(), DateSource::JsonLd))
    );
    // An offset timestamp counts only when it is the same moment.
    let same = claim(ClaimKind::Meta, "2022-05-03T21:44:52-03:00");
    let other = claim(ClaimKind::Meta, "2022-05-03T09:00:00-03:00");
    assert_eq!(
        claims_day(&[utc.clone(), same]),
        Some(("2022-05-03".into(), DateSource::Meta))
    );
    assert_eq!(
        claims_day(&[utc, other]),
        Some(("2022-05-04".into(), DateSource::JsonLd))
    );
}

#[test]
fn utc_local_midnight_is_the_next_day() {
    for stamp in [
        "2022-11-06T23:00:00.000Z",
        "2021-11-04T23:00Z",
        "2022-11-06T22:00:00+00:00",
    ] {
        let d = claims_day(&[claim(ClaimKind::Meta, stamp)]).unwrap();
        assert_eq!(
            d.0,
            if stamp.starts_with("2021") {
                "2021-11-05"
            } else {
                "2022-11-07"
            },
            "{stamp}"
        );
    }
    for stamp in [
        "2022-11-06T23:11:59Z",
        "2022-11-06T23:00:00+01:00",
        "2022-11-06T21:00:00Z",
    ] {
        let d = claims_day(&[claim(ClaimKind::Meta, stamp)]).unwrap();
        assert_eq!(d.0, "2022-11-06", "{stamp}");
    }
}

#[test]
fn a_page_showing_its_update_day_is_dated_as_shown() {
    let published = claim(ClaimKind::Meta, "2021-03-08T11:15:28+01:00");
    let modified = claim(ClaimKind::Modified, "2021-03-14T20:10:50+01:00");
    let shown = claim(ClaimKind::Byline, "Thursday, March 14, 2021");
    // Modification times alone are never a publication date.
    assert_eq!(claims_day(std::slice::from_ref(&modified)), None);
    assert_eq!(
        claims_day(&[published.clone(), modified.clone()]),
        Some(("2021-03-08".into(), DateSource::Meta))
    );
    // The byline shows the update's day with nothing saying it is the update: a reader
    // files the page under the day shown.
    assert_eq!(
        claims_day(&[published.clone(), modified.clone(), shown]),
        Some(("2021-03-14".into(), DateSource::Byline))
    );
    // Unless the line is markup leaking into the text: no date, not even from the text or
    // path.
    let leaked = claim(
        ClaimKind::Byline,
        "2021-03-14T20:10:50+01:00 March 14, 2021",
    );
    let a = Article {
        date_claims: vec![published.clone(), modified.clone(), leaked],
        ..article("Published: 3 February 2026\n\nText.")
    };
    assert_eq!(publication_date(&a, "2026/02/03/x.html"), None);
    // A byline with another day that is not the update's leaves the metadata standing.
    let other = claim(ClaimKind::Byline, "Related: March 2, 2021");
    assert_eq!(
        claims_day(&[published.clone(), modified.clone(), other]),
        Some(("2021-03-08".into(), DateSource::Meta))
    );
    // As does a byline that shows the publication day.
    let same = claim(ClaimKind::Byline, "March 8, 2021");
    assert_eq!(
        claims_day(&[published, modified, same]),
        Some(("2021-03-08".into(), DateSource::Meta))
    );
}

#[test]
fn a_page_that_plainly_shows_its_update_is_dated_as_shown() {
    let published = claim(ClaimKind::Meta, "2021-03-08T11:15:28Z");
    let modified = claim(ClaimKind::Modified, "2021-03-14T20:10:50Z");
    for line in [
        "By Rob Example, NewsUpdated 2010 GMT March 14, 2021",
        "Aktualisiert: 14.03.2021",
        "Sunday, 14 March 2021, 22:10",
        "Sunday, 14 March 2021, 09:47",
    ] {
        let shown = claim(ClaimKind::Byline, line);
        assert_eq!(
            claims_day(&[published.clone(), modified.clone(), shown]),
            Some(("2021-03-14".into(), DateSource::Byline)),
            "{line}"
        );
    }
    // A line with a timestamp with a timestamp leaking from markup.
    let shown = claim(
        ClaimKind::Byline,
        "Ana Ruiz2021-03-14T21:10:50+01:0014. März 2021",
    );
    assert_eq!(claims_day(&[published, modified, shown]), None);
}

#[test]
fn rfc2822_offset_after_a_space_gives_the_publishers_day() {
    let claims = [
        claim(ClaimKind::JsonLd, "2019-10-18T22:04:00Z"),
        claim(ClaimKind::Meta, "Sat, 19 Oct 2019 00:04:00 +0200"),
    ];
    assert_eq!(
        claims_day(&claims),
        Some(("2019-10-19".into(), DateSource::Meta))
    );
}

#[test]
fn a_url_date_long_before_the_metadata_wins() {
    let url = claim(ClaimKind::Url, "https://example.org/home/2017/7/12/story");
    let late = claim(ClaimKind::Meta, "2019-06-17T18:28:00+0200");
    assert_eq!(
        claims_day(&[late, url.clone()]),
        Some(("2017-07-12".into(), DateSource::Url))
    );
    // A few days later is a late filing or a revision: the metadata stands.
    let near = claim(ClaimKind::Meta, "2017-07-18T09:00:00+02:00");
    assert_eq!(
        claims_day(&[near, url]),
        Some(("2017-07-18".into(), DateSource::Meta))
    );
}

#[test]
fn two_digit_year_bylines_read_only_without_a_full_date() {
    let short = claim(ClaimKind::Byline, "Von: Ana Ruiz | 31.10.23");
    assert_eq!(
        claims_day(std::slice::from_ref(&short)),
        Some(("2023-10-31".into(), DateSource::Byline))
    );
    let full = claim(ClaimKind::Byline, "20.12.2022");
    assert_eq!(
        claims_day(&[short, full]),
        Some(("2022-12-20".into(), DateSource::Byline))
    );
    // Version numbers and longer figures are no dates.
    for line in ["Version 1.2.33.4", "Preis 12.10.50,00", "v3.1.12"] {
        let c = claim(ClaimKind::Byline, line);
        assert_eq!(claims_day(&[c]), None, "{line}");
    }
}

#[test]
fn metadata_slash_dates_that_read_both_ways_do_not_read() {
    let ambiguous = claim(ClaimKind::Meta, "11/01/2023 12:43:42");
    assert_eq!(claims_day(std::slice::from_ref(&ambiguous)), None);
    // The next claim decides.
    let url = claim(ClaimKind::Url, "https://example.ch/2023/11/01/story");
    assert_eq!(
        claims_day(&[ambiguous, url]),
        Some(("2023-11-01".into(), DateSource::Url))
    );
    // One reading only, the same number twice, or another separator: read as before.
    for (text, want) in [
        ("13/01/2023", "2023-01-13"),
        ("01/13/2023", "2023-01-13"),
        ("05/05/2022 22:17", "2022-05-05"),
        ("11.01.2023", "2023-01-11"),
        ("2023/11/01", "2023-11-01"),
    ] {
        let d = claims_day(&[claim(ClaimKind::JsonLd, text)]).unwrap();
        assert_eq!(d.0, want, "{text}");
    }
    // A visible byline keeps the day-first rule.
    let byline = claim(ClaimKind::Byline, "11/01/2023");
    assert_eq!(
        claims_day(&[byline]),
        Some(("2023-01-11".into(), DateSource::Byline))
    );
}

#[test]
fn same_moment_elsewhere_needs_a_real_zone() {
    let at = |s: &str| parse_date(s).unwrap();
    let utc = at("2023-11-08T21:13:10Z");
    assert!(same_moment_elsewhere(at("2023-11-08T16:13:00Z"), utc));
    assert!(same_moment_elsewhere(at("2023-11-09T02:43:00Z"), utc));
    assert!(same_moment_elsewhere(at("2023-11-09T02:58:00Z"), utc));
    assert!(!same_moment_elsewhere(at("2023-11-09T05:01:00Z"), utc));
    assert!(!same_moment_elsewhere(at("2023-11-10T02:13:00Z"), utc));
}

#[test]
fn dateline_with_year() {
    let a = article("WASHINGTON, March 3, 2026 (AP) — The Senate voted.");
    let d = publication_date(&a, "x.txt");
    assert_eq!(day(&d), Some(("2026-03-03".into(), DateSource::Dateline)));
    assert_eq!(d.unwrap().text, "WASHINGTON, March 3, 2026 (AP)");
}

#[test]
fn yearless_dateline_takes_year_from_metadata_or_path_or_gives_none() {
    let mut a =
        article("    SALVADOR, Feb 26 - Showers continued. Rain is expected on March 5, 1987.");
    assert_eq!(publication_date(&a, "txt/1.txt"), None);
    assert_eq!(
        day(&publication_date(&a, "reuters/1987/1.txt")),
        Some(("1987-02-26".into(), DateSource::Dateline))
    );
    a.date = Some("sometime in 1987".into());
    assert_eq!(
        day(&publication_date(&a, "txt/1.txt")),
        Some(("1987-02-26".into(), DateSource::Dateline))
    );
    a.date = None;
    a.dateline = Some("TEHRAN, Feb 3 (Reuters) -".into());
    a.body = "Iran said on Tuesday it would talk.".into();
    assert_eq!(
        day(&publication_date(&a, "news/2026-02-03-iran.txt")),
        Some(("2026-02-03".into(), DateSource::Dateline))
    );
    assert_eq!(publication_date(&a, "news/iran.txt"), None);
    assert_eq!(publication_date(&a, "txt/1987.txt"), None);
    assert_eq!(
        day(&publication_date(&a, "wire/2026-feeds/iran.txt")),
        Some(("2026-02-03".into(), DateSource::Dateline))
    );
}

#[test]
fn yearless_dateline_takes_year_from_matching_text_date() {
    let a = article("TEHRAN, Feb 3 (Reuters) - Talks begin.\nPublished Feb 3, 2026");
    assert_eq!(
        day(&publication_date(&a, "x.txt")),
        Some(("2026-02-03".into(), DateSource::Dateline))
    );
}

#[test]
fn text_then_path() {
    let a = article(&format!(
        "{}President Pezeshkian's announcement, reported by Reuters on February 3, 2026, at 10:51 IST, signals a shift.",
        "Iran weighed its options as pressure grew across the region. ".repeat(30)
    ));
    let d = publication_date(&a, "2025/01/01/x.txt").unwrap();
    assert_eq!(d.source, DateSource::Text);
    assert_eq!(d.text, "February 3, 2026, at 10:51 IST");
    assert_eq!(d.value.date_naive().to_string(), "2026-02-03");
    let plain = article("No date in here.");
    for (path, want) in [
        ("news/2026/02/03/story.txt", "2026-02-03"),
        ("news/2026-02-03-slug.txt", "2026-02-03"),
        ("archive/20260203.txt", "2026-02-03"),
        ("2019/05/01/2026-02-03-slug.txt", "2026-02-03"),
    ] {
        let d = publication_date(&plain, path).unwrap();
        assert_eq!(d.source, DateSource::Path);
        assert_eq!(d.value.date_naive().to_string(), want, "{path}");
    }
    assert_eq!(publication_date(&plain, "story.txt"), None);
    assert_eq!(publication_date(&plain, "2026/13/45/x.txt"), None);
    assert_eq!(publication_date(&plain, "000_6d473cc87a208086.txt"), None);
}

#[test]
fn distractors_give_no_date() {
    let a = article(
        "Iran's leaders marked the anniversary as pressure grew across the region again. \
         The 2015 agreement still shapes the talks, and officials want a deal by 2030. \
         Memories of the 1979 revolution run deep. On March 5 the talks will resume, \
         before elections due on 12 June 2027.",
    );
    assert_eq!(publication_date(&a, "x.txt"), None);
}

#[test]
fn seed_article_date() {
    let path = std::path::Path::new("../shared/seed/000_6d473cc87a208086.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let (title, body) = text.split_once('\n').unwrap_or(("", &text));
    let a = Article {
        title: title.into(),
        body: body.into(),
        ..Article::default()
    };
    let d = publication_date(&a, "000_6d473cc87a208086.txt").unwrap();
    assert_eq!(d.source, DateSource::Text);
    assert_eq!(d.value.date_naive().to_string(), "2026-02-03");
    assert!(d.text.starts_with("February 3, 2026, at 10:51 IST"));
}

#[test]
fn reuters_dev_datelines_are_read_but_have_no_year() {
    let dir = std::path::Path::new("../shared/eval/reuters-dev/txt");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let (mut files, mut datelines) = (0, 0);
    for entry in entries.flatten().take(300) {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let (title, body) = text.split_once('\n').unwrap_or(("", &text));
        let a = Article {
            title: title.into(),
            body: body.trim().into(),
            ..Article::default()
        };
        files += 1;
        if scan::dateline(None, &a.body).is_some() {
            datelines += 1;
        }
        let path = entry.path().to_string_lossy().into_owned();
        assert_eq!(publication_date(&a, &path), None, "{path}");
    }
    eprintln!("{datelines} of {files} Reuters dev files have a dateline");
    assert!(datelines * 10 >= files * 9, "{datelines} of {files}");
}

fn datey() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Feb".to_string()),
        Just("February".to_string()),
        Just("3".to_string()),
        Just("26".to_string()),
        Just(",".to_string()),
        Just("2026".to_string()),
        Just(":".to_string()),
        Just("10:51".to_string()),
        Just("p.m.".to_string()),
        Just("IST".to_string()),
        Just("ET".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        Just("+0530".to_string()),
        Just("(Reuters)".to_string()),
        Just("published".to_string()),
        Just("\n".to_string()),
        Just("99999999999999999999".to_string()),
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_strings(s in "\\PC{0,300}", t in datey()) {
        for x in [&s, &t] {
            let _ = parse_date(x);
            let a = Article {
                subtitle: Some(x.clone()),
                body: format!("{x}\n{t}{s}"),
                date: Some(x.clone()),
                dateline: Some(x.clone()),
                ..Article::default()
            };
            let _ = publication_date(&a, x);
            let b = Article { body: x.clone(), ..Article::default() };
            let _ = publication_date(&b, x);
        }
    }
}

#[test]
fn a_day_first_date_opening_a_url_segment_dates_the_page() {
    for (url, want) in [
        (
            "https://example.org/news/08112021-a-day-to-remember",
            "2021-11-08",
        ),
        (
            "https://example.org/newsroom/23-01-2022-cup-win",
            "2022-01-23",
        ),
        ("https://example.org/notes/29-10-2021", "2021-10-29"),
    ] {
        assert_eq!(
            claims_day(&[claim(ClaimKind::Url, url)]),
            Some((want.into(), DateSource::Url)),
            "{url}"
        );
    }
    // Record numbers, mixed separators and digits inside a slug are no dates.
    for url in [
        "https://example.org/item/12345678-9",
        "https://example.org/item/2310-2022-x",
        "https://example.org/item/a-23-01-2022",
        "https://example.org/item/45012022",
    ] {
        assert_eq!(claims_day(&[claim(ClaimKind::Url, url)]), None, "{url}");
    }
}

#[test]
fn path_pretests_pass_every_path_the_patterns_read() {
    let paths = [
        "news/2026/02/03/story.txt",
        "2026-2-3-slug.html",
        "a_2026_12_31",
        "x20260203y",
        "archive\\1987\\12\\01\\a.txt",
        "wire/1987-wire/17.txt",
        "/2021/",
        "1987",
        "reuters-dev/txt/10051.txt",
        "v1.2.3/12345.txt",
        "1234.txt",
        "2026/0",
    ];
    for path in paths {
        let read = [&*PATH_YMD, &*PATH_COMPACT]
            .iter()
            .any(|re| re.is_match(path));
        assert!(!read || may_hold_path_date(path), "{path}");
        let year = [&*PATH_YEAR, &*ANY_YEAR].iter().any(|re| re.is_match(path));
        assert!(!year || may_hold_year(path), "{path}");
    }
    assert_eq!(path_year("wire/1987/17.txt"), Some(1987));
    assert_eq!(path_year("wire/20260203/17.txt"), Some(2026));
    assert_eq!(path_year("reuters-dev/txt/1987.txt"), None);
    assert!(!may_hold_path_date("reuters-dev/txt/10051.txt"));
    assert!(!may_hold_year("v1.2.3/123.txt"));
}
