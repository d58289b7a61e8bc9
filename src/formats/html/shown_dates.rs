//! Dates a page shows its reader beside the headline, read when its markup states none:
//! a short line holding a full date ("Handball Schweiz • 02.02.2022", "am 25.08.2015
//! 22:30") next to the page's own `<h1>`, as htmldate and trafilatura read them. An
//! all-numeric one also outranks metadata that names another day.

use std::sync::LazyLock;

use chrono::NaiveDate;
use dom_query::{Document, NodeRef};
use regex::Regex;

use super::dates::is_masthead_date;
use super::stamps::is_date_stamp;
use crate::article::{ClaimKind, DateClaim};
use crate::extract::dates::parse_date;
use crate::formats::markup::one_line;

/// Elements whose text a reader never sees, or that hold other stories' dates and the
/// site's own: skipped with everything inside them.
const HIDDEN_OR_OTHER: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "select", "option", "footer", "nav",
    "iframe", "button", "form", "textarea",
];

/// Class and id words of boxes that hold other stories, comments or the site's furniture.
const OTHER_BOX_WORDS: &[&str] = &[
    "comment",
    "related",
    "teaser",
    "widget",
    "sidebar",
    "footer",
    "menu",
    "breadcrumb",
    "recent",
    "popular",
    "newsticker",
    "share",
    "cookie",
    "reply",
    "archive",
    "profile",
];

/// One run of visible text, in page order.
#[derive(Debug)]
struct Line {
    text: String,
    /// Whether the line belongs to the heading that carries the page's headline.
    headline: bool,
}

/// The page's visible lines and the index of the first line of its headline, if a heading
/// carries it.
struct PageLines {
    lines: Vec<Line>,
    headline_at: Option<usize>,
}

/// Whether an element opens a box of other stories, comments or furniture.
fn is_other_box(n: &NodeRef) -> bool {
    let name = n
        .node_name()
        .map(|t| t.to_ascii_lowercase())
        .unwrap_or_default();
    if HIDDEN_OR_OTHER.contains(&name.as_str()) {
        return true;
    }
    let mut names = String::new();
    if let Some(v) = n.attr("class") {
        names.push_str(&box_classes(&v.to_ascii_lowercase()));
    }
    if let Some(v) = n.attr("id") {
        names.push_str(&v.to_ascii_lowercase());
    }
    OTHER_BOX_WORDS.iter().any(|w| names.contains(w))
}

/// The class names that say what a box is, leaving out the modifiers of another class on
/// the same element: `intro intro__breadcrumbNavigation` is an intro laid out beside a
/// breadcrumb trail, not the trail itself.
fn box_classes(classes: &str) -> String {
    let all: Vec<&str> = classes.split_whitespace().collect();
    let modifies = |c: &str| {
        all.iter().any(|base| {
            c.len() > base.len() && c.starts_with(base) && c[base.len()..].starts_with(['_', '-'])
        })
    };
    all.iter()
        .filter(|c| !modifies(c))
        .fold(String::new(), |acc, c| acc + c + " ")
}

/// Whether a heading's text is the page's headline: the same words as the title, or one
/// holding the other (a site name or a kicker on one side).
fn is_headline(heading: &str, title: &str) -> bool {
    let (h, t) = (heading.to_lowercase(), title.to_lowercase());
    let (h, t) = (h.trim(), t.trim());
    h.chars().count() >= 8 && t.chars().count() >= 8 && (h == t || h.contains(t) || t.contains(h))
}

/// Headings that may carry the headline.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4"];

/// Whether an element may carry the headline: a heading, or a box whose class names it
/// the title (`<div class="h-title">`).
fn may_be_headline(name: &str, n: &NodeRef) -> bool {
    HEADINGS.contains(&name)
        || n.attr("class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("title") || c.contains("headline")
        })
}

/// The visible lines of the page's body, outside boxes of other stories, in page order,
/// and where its headline stands: the first heading that reads as the title, else the
/// first `<h1>`.
fn page_lines(doc: &Document, title: &str) -> PageLines {
    let mut out = PageLines {
        lines: Vec::new(),
        headline_at: None,
    };
    let Some(body) = doc.select("body").nodes().first().cloned() else {
        return out;
    };
    let mut first_h1 = None;
    // Depth-first in page order: children are pushed in reverse. `Some(end)` marks where a
    // headline heading's lines stop.
    let mut stack: Vec<(NodeRef, bool)> = vec![(body, false)];
    while let Some((n, in_headline)) = stack.pop() {
        if n.is_text() {
            let text = one_line(&n.text());
            if !text.is_empty() {
                out.lines.push(Line {
                    text,
                    headline: in_headline,
                });
            }
            continue;
        }
        if !n.is_element() || is_other_box(&n) {
            continue;
        }
        let name = n
            .node_name()
            .map(|t| t.to_ascii_lowercase())
            .unwrap_or_default();
        let mut headline = in_headline;
        if !in_headline && may_be_headline(&name, &n) {
            if name == "h1" && first_h1.is_none() {
                first_h1 = Some(out.lines.len());
            }
            if out.headline_at.is_none() && is_headline(&one_line(&n.text()), title) {
                out.headline_at = Some(out.lines.len());
                headline = true;
            }
        }
        for child in n.children_it(true) {
            stack.push((child, headline));
        }
    }
    if out.headline_at.is_none() {
        out.headline_at = first_h1.filter(|&i| i < out.lines.len());
    }
    out
}

/// How many lines before the headline and after its end a shown date may stand: a kicker
/// or a date line above it, a byline, a lead and an image caption below.
const LINES_BEFORE: usize = 6;
const LINES_AFTER: usize = 20;

/// The date a line shows, when the line is a stamp: a full date with its year, a time and
/// a few words at most.
fn stamp_day(text: &str) -> Option<NaiveDate> {
    if !is_date_stamp(text) || names_an_event(text) {
        return None;
    }
    parse_date(text).map(|d| d.date_naive())
}

/// Lines from the headline within which a shown date is the page's own even when the
/// window holds other dates further off (a sentence's date, "available until ...").
const NEAR: usize = 3;

/// Words by which a line dates an event, an offer or a deadline, not the page: "Termin:
/// 27.03.2020, 18:30 Uhr", "Video verfügbar bis 28.02.2021", "Deadline: 3 May 2021".
const EVENT_WORDS: &[&str] = &[
    "termin",
    "veranstaltung",
    "event",
    "deadline",
    "frist",
    "bis",
    "until",
    "till",
    "verfügbar",
    "available",
    "gültig",
    "valid",
    "expires",
    "ablauf",
    "wann",
    "when",
    "beginn",
    "starts",
    "ends",
    "kickoff",
    "anstoß",
];

/// Whether a stamp line names the day of an event, an offer or a deadline.
fn names_an_event(text: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| EVENT_WORDS.contains(&w))
}

/// The date shown next to the page's headline, as a byline claim: the stamp nearest the
/// heading, within a few lines before it and some lines after it. The nearest stamp within
/// [`NEAR`] lines is taken when no other stamp that near names another day; a stamp
/// further off only when every stamp in the window names the same day. Otherwise the page
/// is a list of stories (or shows an update beside the publication), and no date is taken.
pub(super) fn headline_dates(doc: &Document, title: &str) -> Vec<DateClaim> {
    let page = page_lines(doc, title);
    let Some(at) = page.headline_at else {
        return Vec::new();
    };
    let end = page.lines[at..]
        .iter()
        .position(|l| !l.headline)
        .map_or(page.lines.len(), |i| at + i);
    let mut found: Vec<(usize, NaiveDate, &str)> = Vec::new();
    let from = at.saturating_sub(LINES_BEFORE);
    let to = (end + LINES_AFTER).min(page.lines.len());
    // A site header's date is followed by its "Today's Paper" link, not the story's.
    let masthead = |i: usize| {
        page.lines[i..]
            .iter()
            .take(2)
            .any(|l| is_masthead_date(&l.text))
    };
    for (i, line) in page.lines.iter().enumerate().take(to).skip(from) {
        if let Some(day) = stamp_day(&line.text).filter(|_| !masthead(i)) {
            let distance = if i < at {
                at - i
            } else {
                i.saturating_sub(end.saturating_sub(1))
            };
            found.push((distance, day, &line.text));
        }
    }
    found.sort_by_key(|(d, _, _)| *d);
    let Some(&(nearest, day, text)) = found.first() else {
        return Vec::new();
    };
    let horizon = if nearest <= NEAR { NEAR } else { usize::MAX };
    if found
        .iter()
        .any(|(d, other, _)| *d <= horizon && *other != day)
    {
        return Vec::new();
    }
    vec![DateClaim {
        kind: ClaimKind::Byline,
        text: text.to_string(),
    }]
}

/// A line that labels the page's publication ("Erschienen am: 01.11.2023", "Mise en
/// ligne", "Published on"), in English and the main European languages.
static PUBLICATION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:published|veröffentlicht|erschienen|publiziert|publiée?|mise?\s+en\s+ligne|publicado|pubblicato)(?:\s+(?:on|am|le|el|il))?\s*:?\s*")
        .expect("publication label pattern compiles")
});

/// Boxes whose labelled dates are other stories' or readers': comments, teasers, lists.
const OTHER_POSTS: &[&str] = &["comment", "related", "teaser", "reply", "recent", "popular"];

/// The page's visible text lines outside scripts and boxes of other posts, in page order.
fn visible_lines(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let Some(body) = doc.select("body").nodes().first().cloned() else {
        return out;
    };
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        if n.is_text() {
            let text = one_line(&n.text());
            if !text.is_empty() {
                out.push(text);
            }
            continue;
        }
        let name = n
            .node_name()
            .map(|t| t.to_ascii_lowercase())
            .unwrap_or_default();
        let class = n
            .attr("class")
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default();
        let skipped = ["script", "style", "noscript", "template"].contains(&name.as_str())
            || OTHER_POSTS.iter().any(|w| class.contains(w));
        if n.is_element() && !skipped {
            stack.extend(n.children_it(true));
        }
    }
    out
}

/// The date a line labelled as the page's publication shows, anywhere on the page (a
/// footer's "Erschienen am: 01.11.2023", a credits list's "Mise en ligne" over "23 mai
/// 2019"), as a byline claim, after all others: taken only when there are at most two such
/// lines and they name the same day, as a list of posts labels each of its posts.
pub(super) fn labelled_dates(doc: &Document) -> Vec<DateClaim> {
    let lines = visible_lines(doc);
    let mut found: Vec<(NaiveDate, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(label) = PUBLICATION_LABEL.find(line) else {
            continue;
        };
        let text = if label.end() == line.len() {
            match lines.get(i + 1) {
                Some(next) => format!("{line} {next}"),
                None => continue,
            }
        } else {
            line.clone()
        };
        if let Some(day) = stamp_day(&text) {
            found.push((day, text));
        }
    }
    let Some((day, text)) = found.first().cloned() else {
        return Vec::new();
    };
    if found.iter().any(|(other, _)| *other != day) || found.len() > 2 {
        return Vec::new();
    }
    vec![DateClaim {
        kind: ClaimKind::Byline,
        text,
    }]
}

/// An all-numeric date as a page prints it for readers: day first with dots
/// (`31.10.2023`), ISO (`2023-10-31`), or with slashes (`31/10/2023`).
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|([0-9]{1,2})/([0-9]{1,2})/[0-9]{4})\b")
        .expect("numeric date pattern compiles")
});

/// Whether a shown line's date is all-numeric and reads one way only: a slash date whose
/// two first numbers could each be the month (`11/01/2021`) depends on the site's habit.
fn plain_numeric(text: &str) -> bool {
    NUMERIC_DATE
        .captures(text)
        .is_some_and(|c| match (c.get(1), c.get(2)) {
            (Some(a), Some(b)) => {
                let (a, b): (u32, u32) = (
                    a.as_str().parse().unwrap_or(0),
                    b.as_str().parse().unwrap_or(0),
                );
                a == b || a > 12 || b > 12
            }
            _ => true,
        })
}

/// Adds the shown date to a page's claims. It comes last, after the markup and bylines,
/// except when it is all-numeric and the page's first published-time markup names another
/// day: a numeric date beside the headline is printed from the story's own record, while
/// markup that disagrees with it has been seen to carry a CMS's creation, import or
/// indexing time. (A shown date in words may be a masthead's "today" or an event's day.)
pub(super) fn add_shown_date(claims: &mut Vec<DateClaim>, shown: Vec<DateClaim>) {
    let Some(first) = shown.first() else {
        return;
    };
    let day = parse_date(&first.text).map(|d| d.date_naive());
    let markup_day = claims
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Meta | ClaimKind::JsonLd))
        .find_map(|c| parse_date(&c.text))
        .map(|d| d.date_naive());
    let outranks = plain_numeric(&first.text) && markup_day.is_some() && markup_day != day;
    if outranks {
        claims.splice(0..0, shown);
    } else {
        claims.extend(shown);
    }
}

#[cfg(test)]
mod tests {
    use super::{add_shown_date, headline_dates, labelled_dates};
    use crate::article::{ClaimKind, DateClaim};
    use dom_query::Document;

    fn shown(html: &str, title: &str) -> Vec<String> {
        headline_dates(&Document::from(html), title)
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn a_date_line_beside_the_headline_dates_the_page() {
        let below = "<body><nav><span>01.01.2020</span></nav><h1>Ferries run again on the lake</h1>\
                     <p>Lake Press &bull; 02.02.2022</p><p>The ferries sailed on Monday.</p></body>";
        assert_eq!(
            shown(below, "Ferries run again on the lake"),
            ["Lake Press • 02.02.2022"]
        );
        let inside =
            "<body><h1>Ferries run again<br><small>02.02.2022</small></h1><p>Text.</p></body>";
        assert_eq!(shown(inside, "Ferries run again"), ["02.02.2022"]);
        let boxed = "<body><h1>Lake News</h1><div class=\"h-title\">Ferries run again</div>\
                     <div><span class=\"h-time\">2020-02-19 20:29:58</span></div></body>";
        assert_eq!(shown(boxed, "Ferries run again"), ["2020-02-19 20:29:58"]);
        let above = "<body><figure><small>31.01.2022 Sport</small><h1>A new coach for the club</h1>\
                     </figure><p>He starts on Monday.</p></body>";
        assert_eq!(
            shown(above, "A new coach for the club"),
            ["31.01.2022 Sport"]
        );
    }

    #[test]
    fn dates_far_from_the_headline_or_in_other_boxes_do_not() {
        let far = format!(
            "<body><h1>Ferries run again</h1>{}<p>3 May 2021</p></body>",
            "<p>More words of the story follow here.</p>".repeat(30)
        );
        assert!(shown(&far, "Ferries run again").is_empty());
        let comment = "<body><h1>Ferries run again</h1><div class=\"comment-list\">\
                       <span>3 May 2021</span></div></body>";
        assert!(shown(comment, "Ferries run again").is_empty());
        let sentence = "<body><h1>Ferries run again</h1><p>The ferries stopped on 3 May 2021 \
                        after a storm damaged the pier.</p></body>";
        assert!(shown(sentence, "Ferries run again").is_empty());
    }

    #[test]
    fn a_modifier_naming_furniture_does_not_hide_the_box() {
        let html = "<body><div class=\"intro intro__breadcrumbNavigation\"><h1>Ferries run again \
                    on the lake</h1><p>01. November 2021 | Lake, Boats</p></div></body>";
        assert_eq!(
            shown(html, "Ferries run again on the lake"),
            ["01. November 2021 | Lake, Boats"]
        );
        let html = "<body><div class=\"intro breadcrumb-trail\"><h1>Ferries run again \
                    on the lake</h1><p>01. November 2021</p></div></body>";
        assert!(shown(html, "Ferries run again on the lake").is_empty());
    }

    #[test]
    fn a_line_labelled_as_the_publication_dates_the_page() {
        let labelled = |html: &str| -> Vec<String> {
            labelled_dates(&Document::from(html))
                .into_iter()
                .map(|c| c.text)
                .collect()
        };
        let footer = "<body><h1>A review</h1><p>Text.</p><p class=\"foot\">Letzte Änderung: \
                      31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p></body>";
        assert_eq!(labelled(footer), ["Erschienen am: 01.11.2023"]);
        let pair = "<body><ul><li><p>Mise en ligne</p><p>23 mai 2019</p></li></ul></body>";
        assert_eq!(labelled(pair), ["Mise en ligne 23 mai 2019"]);
        let list = "<body><p>Published: 3 May 2021</p><p>Published: 4 May 2021</p></body>";
        assert!(labelled(list).is_empty());
        let comment = "<body><div class=\"comment\">Published on 3 May 2021</div></body>";
        assert!(labelled(comment).is_empty());
    }

    #[test]
    fn a_mastheads_today_is_not_the_pages_date() {
        let html = "<body><div class=\"date\">Thursday, November 9th 2023 <a><p>Today's Paper</p></a>\
                    </div><h1>Mayor elected in the suburb</h1><p>Words of the story.</p></body>";
        assert!(shown(html, "Mayor elected in the suburb").is_empty());
        let html = "<body><p>Thursday, November 9th 2023</p><h1>Mayor elected in the suburb</h1>\
                    <p>Words of the story.</p></body>";
        assert_eq!(
            shown(html, "Mayor elected in the suburb"),
            ["Thursday, November 9th 2023"]
        );
    }

    #[test]
    fn an_events_or_offers_date_is_not_the_pages() {
        for line in [
            "Termin: 27.03.2020, 18:30 Uhr",
            "Video verfügbar bis 28.02.2021",
        ] {
            let html = format!("<body><h1>Ferries run again</h1><p>{line}</p><p>Text.</p></body>");
            assert!(shown(&html, "Ferries run again").is_empty(), "{line}");
        }
    }

    #[test]
    fn a_numeric_shown_date_outranks_markup_naming_another_day() {
        let claim = |kind, text: &str| DateClaim {
            kind,
            text: text.to_string(),
        };
        let markup = || vec![claim(ClaimKind::Meta, "2020-02-12")];
        let mut claims = markup();
        add_shown_date(&mut claims, vec![claim(ClaimKind::Byline, "05.02.2020")]);
        assert_eq!(claims[0].text, "05.02.2020");
        // The same day, a date in words, or a slash date that reads both ways come last.
        for line in ["12.02.2020, 10:00", "5 February 2020", "05/02/2020"] {
            let mut claims = markup();
            add_shown_date(&mut claims, vec![claim(ClaimKind::Byline, line)]);
            assert_eq!(claims[0].text, "2020-02-12", "{line}");
            assert_eq!(claims[1].text, line);
        }
    }

    #[test]
    fn a_list_of_dated_stories_gives_no_date_but_a_near_date_wins() {
        let list = "<body><h1>News of the club</h1><div><span>02.02.2022</span><h2>Cup win</h2>\
                    </div><div><span>01.02.2022</span><h2>Coach leaves</h2></div></body>";
        assert!(shown(list, "News of the club").is_empty());
        let near = "<body><h1>Sport in times of plague</h1><p>2 min</p><p>04.04.2020</p><p>Share</p>\
                    <p>Video until 28.02.2021</p><p>Words of the story.</p></body>";
        assert_eq!(shown(near, "Sport in times of plague"), ["04.04.2020"]);
        let far = format!(
            "<body><h1>Sport in times of plague</h1>{}<p>04.04.2020</p><p>28.02.2021</p></body>",
            "<p>Words.</p>".repeat(5)
        );
        assert!(shown(&far, "Sport in times of plague").is_empty());
    }
}
