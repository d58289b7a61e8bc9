//! The dates a page claims for its publication, most trusted first. They are kept as
//! claims, not parsed here, so one malformed value does not hide the ones after it.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;

use super::linked_data::LinkedData;
use super::meta::{all_meta, nonempty};
use crate::article::{ClaimKind, DateClaim};
use crate::formats::markup::one_line;

/// Meta tags that state when a page was first published, most specific first. Update
/// and modification times are left out: they move a story to the day it was edited.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "parsely-pub-date",
    "sailthru.date",
    "shareaholic:article_published_time",
    "vr:published-time",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_online_date",
    "prism.publicationdate",
];

/// Meta tags that state when a page was last changed: no publication dates, but they tell
/// an update's date from the story's.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
];

/// Meta tags that name a date without saying which: trusted after the page's own
/// published-time markup.
const VAGUE_DATE_META: &[&str] = &["dcterms.date", "dc.date", "citation_date", "date"];

/// Every date the page's markup states for its publication, most trusted first: the
/// published-time meta tags, JSON-LD `datePublished` (the article's, then any other
/// object's, as WordPress graphs put it on the `WebPage`), `itemprop` and the article's
/// `<time>` markup, then the date in the page's URL, then the vaguer Dublin Core and plain
/// "date" tags and the page's first `<time>` (which may be a sidebar's: the URL's date is
/// fixed when the story is filed), and last the modification times as `Modified` claims.
/// Extraction takes the first publication claim that parses, so one malformed value does
/// not hide the rest.
pub(super) fn date_claims(doc: &Document, ld: &LinkedData, url: Option<&str>) -> Vec<DateClaim> {
    let meta_claim = |text: String| DateClaim {
        kind: ClaimKind::Meta,
        text,
    };
    let mut out: Vec<DateClaim> = all_meta(doc, PUBLISHED_META)
        .into_iter()
        .map(meta_claim)
        .collect();
    out.extend(ld.published.iter().map(|text| DateClaim {
        kind: ClaimKind::JsonLd,
        text: text.clone(),
    }));
    for (selector, attr) in [
        ("[itemprop=\"datePublished\"]", "content"),
        ("[itemprop=\"datePublished\"]", "datetime"),
        ("time[pubdate]", "datetime"),
        ("article time[datetime]", "datetime"),
    ] {
        out.extend(own_attr(doc, selector, attr).map(meta_claim));
    }
    out.extend(url.map(|u| DateClaim {
        kind: ClaimKind::Url,
        text: u.to_string(),
    }));
    out.extend(all_meta(doc, VAGUE_DATE_META).into_iter().map(meta_claim));
    out.extend(own_attr(doc, "time[datetime]", "datetime").map(meta_claim));
    let modified = all_meta(doc, MODIFIED_META)
        .into_iter()
        .chain(ld.modified.iter().cloned());
    out.extend(modified.map(|text| DateClaim {
        kind: ClaimKind::Modified,
        text,
    }));
    out
}

/// Containers of other stories' dates: related posts, teasers, comments, widgets, footers
/// and navigation. (`aside` and "sidebar" are left out: pages put their own byline in an
/// `<aside class="meta">` and lay the article out beside a sidebar.)
const OTHER_STORIES: &str = "footer, nav, [class*=\"related\"], [class*=\"teaser\"], \
     [class*=\"comment\"], [class*=\"widget\"]";

/// The first non-empty `attr` of an element matching `selector` that is not in (or itself)
/// a list of other stories: a related post's `<time>` is that post's date.
fn own_attr(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    let found = doc.try_select(selector)?;
    found
        .iter()
        .filter(|n| {
            !n.is(OTHER_STORIES) && n.ancestors(Some(6)).iter().all(|a| !a.is(OTHER_STORIES))
        })
        .find_map(|n| n.attr(attr).and_then(|v| nonempty(v.to_string())))
}

/// Elements whose class names say they hold the story's date or byline, in any case
/// ("itemPostDate", "articleCreationDate").
const BYLINE_SELECTOR: &str = "[class*=\"date\" i], [class*=\"publish\" i], \
     [class*=\"byline\" i], [class*=\"posted\" i], [class*=\"meta\" i], [class*=\"datum\" i], \
     [id*=\"date\" i]";

/// Author boxes, creation stamps and "Submitted by" lines, which may carry the story's date ("Author: Ana am
/// 29.12.2010, 13:36 Uhr", "Beitrag von ana » 21.01.2009"), but which lists of other
/// stories repeat on every card: read only outside links and list items.
const AUTHOR_SELECTOR: &str =
    "[class*=\"author\" i], [class*=\"created\" i], [class*=\"submitted\" i]";

/// Cards of other stories: a link or a list item around an author box.
const CARD: &str = "a, li";

/// Lines that may name a comment's, a related story's or an update's date instead.
const NOT_BYLINE: &str = "comment, aside, footer, nav, [class*=\"comment\"], \
     [class*=\"related\"], [class*=\"update\"], [class*=\"modif\"]";

/// Visible dates in byline-like elements ("31. Mai 2012", "Publié le 3 février 2026"),
/// short texts only, at most a few, in page order.
pub(super) fn byline_dates(doc: &Document) -> Vec<DateClaim> {
    let selector = format!("{BYLINE_SELECTOR}, {AUTHOR_SELECTOR}");
    let Some(found) = doc.try_select(&selector) else {
        return Vec::new();
    };
    let on_card = |n: &dom_query::Selection| {
        !n.is(BYLINE_SELECTOR) && n.ancestors(Some(6)).iter().any(|a| a.is(CARD))
    };
    found
        .iter()
        .filter(|n| !n.is(NOT_BYLINE) && n.ancestors(Some(6)).iter().all(|a| !a.is(NOT_BYLINE)))
        .filter(|n| !on_card(n))
        .map(|n| without_machine_stamps(&spaced_text(&n)))
        .filter(|t| {
            !t.is_empty()
                && t.chars().count() <= 80
                && t.chars().any(|c| c.is_ascii_digit())
                && !is_masthead_date(t)
        })
        .take(MAX_BYLINE_DATES)
        .map(|text| DateClaim {
            kind: ClaimKind::Byline,
            text,
        })
        .collect()
}

const MAX_BYLINE_DATES: usize = 5;

/// Words by which a site's header shows the reader's day, not the story's: "Thursday,
/// November 9th 2023 Today's Paper", "Heute: 3. Mai 2021", "Aujourd'hui 3 mai 2021".
static MASTHEAD_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:today|today's\s+paper|e-edition|heute|aujourd'hui|hoy|oggi)\b")
        .expect("masthead cue pattern compiles")
});

/// Whether a dated line is a masthead's "today" rather than a byline.
pub(super) fn is_masthead_date(line: &str) -> bool {
    MASTHEAD_CUE.is_match(line)
}

/// An element's text with a space between its text nodes, on one line: a date laid out in
/// boxes of its own (`<span>Apr</span><span>04</span><span>2013</span>`) reads as one.
fn spaced_text(n: &dom_query::Selection) -> String {
    let parts: Vec<String> = n
        .nodes()
        .iter()
        .flat_map(|e| e.descendants_it())
        .filter(|d| d.is_text())
        .map(|d| d.text().to_string())
        .collect();
    one_line(&parts.join(" "))
}

/// An ISO timestamp with its time (`2022-12-07T10:10:52+01:00`) inside a visible line.
static MACHINE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?")
        .expect("machine stamp pattern compiles")
});

/// A byline line without the ISO timestamps that hidden markup leaks into it, when the line
/// also shows a date of its own ("Ana Ruiz2022-12-07T10:10:52+01:0025. Dezember 2022"): the
/// reader sees the shown date, and the leaked stamp is often the modification time.
fn without_machine_stamps(line: &str) -> String {
    let rest = MACHINE_STAMP.replace_all(line, " ");
    if rest.len() == line.len() || !rest.contains(|c: char| c.is_ascii_digit()) {
        return line.to_string();
    }
    one_line(&rest)
}

/// The stamps of the main text that the page does not show inside comments, related
/// stories, updates, footers or navigation: on a short page the main text may be the whole
/// page, comments and teasers included. Returns the stamps that may date the page as
/// byline claims, and the others.
pub(super) fn stamp_dates(doc: &Document, stamps: Vec<String>) -> (Vec<DateClaim>, Vec<String>) {
    if stamps.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let zones: Vec<String> = [NOT_BYLINE, OTHER_STORIES]
        .iter()
        .filter_map(|sel| doc.try_select(sel))
        .flat_map(|found| {
            found
                .iter()
                .map(|n| one_line(&n.text()))
                .collect::<Vec<_>>()
        })
        .collect();
    let (other, own): (Vec<String>, Vec<String>) = stamps
        .into_iter()
        .partition(|s| zones.iter().any(|z| z.contains(s.as_str())));
    let claims = own
        .into_iter()
        .map(|text| DateClaim {
            kind: ClaimKind::Byline,
            text,
        })
        .collect();
    (claims, other)
}

#[cfg(test)]
mod tests {
    use super::byline_dates;
    use dom_query::Document;

    #[test]
    fn a_mastheads_today_is_no_byline() {
        let html = "<body><div class=\"header-date\">Thursday, November 9th 2023 Today's Paper</div>\
                    <h1>Mayor elected</h1><div class=\"byline\">By Ana Ruiz, November 8, 2023</div></body>";
        let lines: Vec<String> = byline_dates(&Document::from(html))
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(lines, ["By Ana Ruiz, November 8, 2023"]);
    }

    #[test]
    fn an_author_box_dates_the_page_unless_it_is_on_a_card() {
        let lines = |html: &str| -> Vec<String> {
            byline_dates(&Document::from(html))
                .into_iter()
                .map(|c| c.text)
                .collect()
        };
        let own = "<body><h1>Events</h1><div class=\"left author\">Author: Ana am 29.12.2010, \
                   13:36 Uhr</div></body>";
        assert_eq!(lines(own), ["Author: Ana am 29.12.2010, 13:36 Uhr"]);
        let submitted = "<body><h1>Events</h1><div class=\"submitted\">Gespeichert von ana am \
                         24. Juli 2017 - 18:55</div></body>";
        assert_eq!(
            lines(submitted),
            ["Gespeichert von ana am 24. Juli 2017 - 18:55"]
        );
        let cards = "<body><h1>Events</h1><ul><li><a href=\"/x\"><h3>Whales</h3>\
                     <span class=\"card-author\">09.10.2021</span></a></li></ul></body>";
        assert!(lines(cards).is_empty());
    }
}
