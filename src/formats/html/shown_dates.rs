//! Dates a page shows its reader beside the headline, read when its markup states none:
//! a short line holding a full date ("Handball Schweiz • 02.02.2022", "am 25.08.2015
//! 22:30") next to the page's own `<h1>`, as htmldate and trafilatura read them.

use chrono::NaiveDate;
use dom_query::{Document, NodeRef};

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
    "comment", "related", "teaser", "widget", "sidebar", "footer", "menu", "breadcrumb",
    "recent", "popular", "newsticker", "share", "cookie", "reply", "archive", "profile",
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
    let name = n.node_name().map(|t| t.to_ascii_lowercase()).unwrap_or_default();
    if HIDDEN_OR_OTHER.contains(&name.as_str()) {
        return true;
    }
    let mut names = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = n.attr(attr) {
            names.push_str(&v.to_ascii_lowercase());
            names.push(' ');
        }
    }
    OTHER_BOX_WORDS.iter().any(|w| names.contains(w))
}

/// Whether a heading's text is the page's headline: the same words as the title, or one
/// holding the other (a site name or a kicker on one side).
fn is_headline(heading: &str, title: &str) -> bool {
    let (h, t) = (heading.to_lowercase(), title.to_lowercase());
    let (h, t) = (h.trim(), t.trim());
    h.chars().count() >= 8 && t.chars().count() >= 8 && (h == t || h.contains(t) || t.contains(h))
}

/// Headings that may carry the headline.
const HEADINGS: &[&str] = &["h1", "h2", "h3"];

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
        let name = n.node_name().map(|t| t.to_ascii_lowercase()).unwrap_or_default();
        let mut headline = in_headline;
        if HEADINGS.contains(&name.as_str()) && !in_headline {
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
    if !is_date_stamp(text) {
        return None;
    }
    parse_date(text).map(|d| d.date_naive())
}

/// Lines from the headline within which a shown date is the page's own even when the
/// window holds other dates further off (a sentence's date, "available until ...").
const NEAR: usize = 3;

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
    for (i, line) in page.lines.iter().enumerate().take(to).skip(from) {
        if let Some(day) = stamp_day(&line.text) {
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

#[cfg(test)]
mod tests {
    use super::headline_dates;
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
        assert_eq!(shown(below, "Ferries run again on the lake"), ["Lake Press • 02.02.2022"]);
        let inside = "<body><h1>Ferries run again<br><small>02.02.2022</small></h1><p>Text.</p></body>";
        assert_eq!(shown(inside, "Ferries run again"), ["02.02.2022"]);
        let above = "<body><figure><small>31.01.2022 Sport</small><h1>A new coach for the club</h1>\
                     </figure><p>He starts on Monday.</p></body>";
        assert_eq!(shown(above, "A new coach for the club"), ["31.01.2022 Sport"]);
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
