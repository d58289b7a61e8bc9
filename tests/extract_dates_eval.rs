//! Regression guard for date precision on real wire copy: the Reuters-21578 development
//! stories with their dateline taken away, so only the running text is left. Such text
//! is full of other events' dates (record dates, maturities, fiscal periods, earlier
//! deals), and none of them is the story's own. The story's `<DATE>` is the truth. At
//! most 1% of the dates newsidx gives may be wrong. Skips when ../shared is absent.

use std::path::Path;

use newsidx::extract::dates::publication_date;
use newsidx::formats::text;

const SGML_DIR: &str = "../shared/corpora/reuters21578-dev";

/// One story: its text without the dateline, and the day its `<DATE>` gives.
struct Story {
    id: String,
    text: String,
    day: String,
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let from = s.find(open)? + open.len();
    let to = s[from..].find(close)? + from;
    Some(&s[from..to])
}

/// The entities Reuters-21578 writes, and its control characters as `&#N;`.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find(';').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `26-FEB-1987 15:01:01.79` as `1987-02-26`.
fn day_of(raw: &str) -> Option<String> {
    let mut parts = raw.trim().split(['-', ' ']);
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let year: u32 = parts.next()?.parse().ok()?;
    let months = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let m = months.iter().position(|n| n.eq_ignore_ascii_case(month))? + 1;
    Some(format!("{year:04}-{m:02}-{day:02}"))
}

fn stories(dir: &Path) -> Vec<Story> {
    let mut out = Vec::new();
    for n in 0..=10 {
        let Ok(bytes) = std::fs::read(dir.join(format!("reut2-{n:03}.sgm"))) else {
            continue;
        };
        // Latin-1: each byte is its own character.
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for rec in text.split("<REUTERS").skip(1) {
            let (Some(id), Some(date), Some(title), Some(body)) = (
                between(rec, "NEWID=\"", "\""),
                between(rec, "<DATE>", "</DATE>"),
                between(rec, "<TITLE>", "</TITLE>"),
                between(rec, "<BODY>", "</BODY>"),
            ) else {
                continue;
            };
            let Some(day) = day_of(date) else { continue };
            out.push(Story {
                id: id.to_string(),
                text: format!("{}\n\n{}\n", unescape(title).trim(), unescape(body).trim()),
                day,
            });
        }
    }
    out
}

#[test]
fn dateline_less_reuters_stories_get_few_dates_and_almost_no_wrong_ones() {
    let dir = Path::new(SGML_DIR);
    if !dir.is_dir() {
        eprintln!("skipping: {SGML_DIR} is absent (a fresh clone has no ../shared)");
        return;
    }
    let stories = stories(dir);
    assert!(stories.len() > 10_000, "{} stories read", stories.len());
    let (mut given, mut wrong) = (0usize, Vec::new());
    for story in &stories {
        let Some(article) = text::parse(&story.text) else {
            continue;
        };
        let path = format!("reuters/{}.txt", story.id);
        if let Some(found) = publication_date(&article, &path) {
            given += 1;
            let day = found.value.format("%Y-%m-%d").to_string();
            if day != story.day {
                wrong.push(format!("{}: {day} from {:?}", story.id, found.text));
            }
        }
    }
    eprintln!(
        "{} stories without datelines: {given} dated, {} wrong",
        stories.len(),
        wrong.len()
    );
    assert!(
        wrong.len() * 100 <= given.max(1),
        "{} of {given} dates wrong: {}",
        wrong.len(),
        wrong.join("; ")
    );
}
