//! SGML news collections: Reuters-21578 (`<REUTERS>` records) and TREC-style `<DOC>`
//! files. Neither is well-formed XML (no root, bare `&`), so both are read with the
//! tolerant tag scanner; only records whose end tag is present are kept.

use super::markup::{Element, Scanner, attr, decode_entities, one_line};
use super::{FormatError, Parsed};
use crate::article::Article;

/// Which SGML collection a text holds, judged from its first record tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Reuters,
    Trec,
}

/// Reuters if a `<REUTERS` tag comes before any `<DOC>` tag, TREC if a `<DOC>` does.
pub fn sniff(text: &str) -> Option<Kind> {
    let s = Scanner::new(text);
    let reuters = s.find_start("reuters", 0);
    let doc = s.find_start("doc", 0);
    match (reuters, doc) {
        (Some(r), Some(d)) => Some(if r < d { Kind::Reuters } else { Kind::Trec }),
        (Some(_), None) => Some(Kind::Reuters),
        (None, Some(_)) => Some(Kind::Trec),
        (None, None) => None,
    }
}

/// Dispatches on the sniffed kind; text with neither record tag is malformed.
pub fn parse_any(text: &str) -> Result<Parsed, FormatError> {
    match sniff(text) {
        Some(Kind::Reuters) => parse_reuters(text),
        Some(Kind::Trec) => parse_trec(text),
        None => Err(FormatError::Malformed(
            "no <REUTERS> or <DOC> records in SGML".into(),
        )),
    }
}

/// Warns about a record that opens after the last complete one but never closes.
fn truncation_warning(s: &Scanner, tag: &str, last_end: usize, parsed: &mut Parsed) {
    if s.find_start(tag, last_end).is_some() {
        parsed.warnings.push(format!(
            "last <{}> record is not closed (truncated file?); kept {} complete records",
            tag.to_ascii_uppercase(),
            parsed.articles.len()
        ));
    }
}

fn unclosed_warning(rec: &Element, i: usize, parsed: &mut Parsed) {
    if !rec.closed {
        parsed.warnings.push(format!(
            "record {}: no end tag; read up to the next record",
            i + 1
        ));
    }
}

pub fn parse_reuters(text: &str) -> Result<Parsed, FormatError> {
    let s = Scanner::new(text);
    let mut parsed = Parsed::default();
    let records = s.elements("reuters");
    if records.is_empty() {
        return Err(FormatError::Malformed(
            "no complete <REUTERS> record".into(),
        ));
    }
    let mut last_end = 0;
    for (i, rec) in records.iter().enumerate() {
        last_end = rec.end;
        unclosed_warning(rec, i, &mut parsed);
        match reuters_record(rec) {
            Some(a) => parsed.articles.push(a),
            None => parsed
                .warnings
                .push(format!("record {}: no title or text", i + 1)),
        }
    }
    truncation_warning(&s, "reuters", last_end, &mut parsed);
    Ok(parsed)
}

fn content<'a>(s: &Scanner<'a>, name: &str) -> Option<&'a str> {
    s.element(name, 0).map(|e| e.content)
}

/// The `<D>` labels inside one of the editors' label elements.
fn labels(s: &Scanner, name: &str) -> Vec<String> {
    let Some(list) = content(s, name) else {
        return Vec::new();
    };
    Scanner::new(list)
        .elements("d")
        .iter()
        .map(|d| one_line(&decode_entities(d.content)))
        .filter(|d| !d.is_empty())
        .collect()
}

fn reuters_record(rec: &Element) -> Option<Article> {
    let s = Scanner::new(rec.content);
    let mut a = Article {
        record_id: attr(rec.attrs, "NEWID").map(str::to_string),
        source: Some("Reuters".into()),
        ..Article::default()
    };
    a.date = content(&s, "date").and_then(|d| reuters_date(&decode_entities(d)));
    a.given.places = labels(&s, "places");
    a.given.people = labels(&s, "people");
    a.given.orgs = labels(&s, "orgs");
    a.given.subjects = labels(&s, "topics");
    let text = s.element("text", 0);
    let inner = Scanner::new(text.map_or("", |t| t.content));
    a.title = content(&inner, "title")
        .map(|t| one_line(&decode_entities(t)))
        .unwrap_or_default();
    a.dateline = content(&inner, "dateline")
        .map(|d| one_line(&decode_entities(d)))
        .filter(|d| !d.is_empty());
    a.body = match content(&inner, "body") {
        Some(b) => clean_body(&decode_entities(b)),
        // BRIEF records are a title alone; UNPROC ones hold raw text without sub-elements.
        None if a.title.is_empty() => text
            .map(|t| clean_body(&decode_entities(&strip_tags(t.content))))
            .unwrap_or_default(),
        None => String::new(),
    };
    (!a.is_empty()).then_some(a)
}

/// Drops any tags left in a text run.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Trims trailing whitespace per line and the whole text, keeping line structure.
fn clean_body(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// `26-FEB-1987 15:01:01.79` as RFC 3339 (`1987-02-26T15:01:01Z`); trailing editor codes
/// after the time are ignored. `None` when the day or month cannot be read.
pub fn reuters_date(raw: &str) -> Option<String> {
    let mut tokens = raw.split_whitespace();
    let day_part = tokens.next()?;
    let mut parts = day_part.split('-');
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: i32 = parts.next()?.parse().ok()?;
    let (h, m, sec) = tokens
        .next()
        .and_then(|t| {
            let t = t.split('.').next()?;
            let mut hms = t.split(':').map(|x| x.parse::<u32>().ok());
            Some((
                hms.next()??,
                hms.next()??,
                hms.next().flatten().unwrap_or(0),
            ))
        })
        .unwrap_or((0, 0, 0));
    let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let dt = date
        .and_hms_opt(h, m, sec)
        .or_else(|| date.and_hms_opt(0, 0, 0))?;
    Some(dt.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

/// TREC `<DOC>`: DOCNO, HEADLINE (or HL/TITLE/HEAD), DATE (or DATE_TIME), TEXT; fields of
/// some collections nest further markup, which is stripped.
pub fn parse_trec(text: &str) -> Result<Parsed, FormatError> {
    let s = Scanner::new(text);
    let mut parsed = Parsed::default();
    let docs = s.elements("doc");
    if docs.is_empty() {
        return Err(FormatError::Malformed("no complete <DOC> record".into()));
    }
    let mut last_end = 0;
    for (i, doc) in docs.iter().enumerate() {
        last_end = doc.end;
        unclosed_warning(doc, i, &mut parsed);
        match trec_doc(doc) {
            Some(a) => parsed.articles.push(a),
            None => parsed
                .warnings
                .push(format!("record {}: no headline or text", i + 1)),
        }
    }
    truncation_warning(&s, "doc", last_end, &mut parsed);
    Ok(parsed)
}

fn field(s: &Scanner, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| {
        let v = one_line(&decode_entities(&strip_tags(content(s, n)?)));
        (!v.is_empty()).then_some(v)
    })
}

fn trec_doc(doc: &Element) -> Option<Article> {
    let s = Scanner::new(doc.content);
    let mut a = Article {
        record_id: field(&s, &["docno"]),
        title: field(&s, &["headline", "hl", "title", "head"]).unwrap_or_default(),
        date: field(&s, &["date", "date_time", "dd"]),
        dateline: field(&s, &["dateline"]),
        source: field(&s, &["source", "so"]),
        ..Article::default()
    };
    if let Some(byline) = field(&s, &["byline"]) {
        super::fields::set_field(&mut a, super::fields::Field::Authors, &byline);
    }
    let paragraphs: Vec<String> = s
        .elements("text")
        .iter()
        .map(|t| clean_body(&decode_entities(&strip_tags(t.content))))
        .filter(|t| !t.is_empty())
        .collect();
    a.body = paragraphs.join("\n\n");
    a.date = a.date.map(|d| trec_date(&d).unwrap_or(d));
    (!a.is_empty()).then_some(a)
}

/// TREC collections write dates as `YYMMDD` or `YYYYMMDD` (e.g. `890503`), `MM/DD/YY`,
/// or `January 1, 1989, Sunday`; other forms are left for the core's date parser.
fn trec_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some(d) = slashed_date(raw).or_else(|| month_name_date(raw)) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
    let (y, rest) = match digits.len() {
        8 => (digits.get(..4)?.parse::<i32>().ok()?, digits.get(4..)?),
        6 => {
            let yy: i32 = digits.get(..2)?.parse().ok()?;
            (
                if yy < 30 { 2000 + yy } else { 1900 + yy },
                digits.get(2..)?,
            )
        }
        _ => return None,
    };
    let m: u32 = rest.get(..2)?.parse().ok()?;
    let d: u32 = rest.get(2..4)?.parse().ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    Some(date.format("%Y-%m-%d").to_string())
}

fn full_year(y: i32) -> i32 {
    match y {
        0..30 => 2000 + y,
        30..100 => 1900 + y,
        _ => y,
    }
}

/// `12/03/87` (US order, as the WSJ and AP collections write it).
fn slashed_date(raw: &str) -> Option<chrono::NaiveDate> {
    let token = raw.split_whitespace().next()?;
    let mut parts = token.split('/');
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let y: i32 = parts.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(full_year(y), m, d)
}

/// `January 1, 1989, Sunday, Home Edition` (LA Times style).
fn month_name_date(raw: &str) -> Option<chrono::NaiveDate> {
    let mut words = raw.split([' ', ',']).filter(|w| !w.is_empty());
    let month = words.next()?;
    if month.len() < 3 || !month.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let m = month_number(month)?;
    let d: u32 = words.next()?.parse().ok()?;
    let y: i32 = words.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(full_year(y), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REUTERS: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n<DATE> 3-MAR-1987 09:05:11.20&#9;&#9;&#9;RM</DATE>\n\
<TOPICS><D>grain</D></TOPICS>\n<PLACES><D>usa</D><D>west-germany</D></PLACES>\n\
<PEOPLE><D>volcker</D></PEOPLE>\n<ORGS><D>imf</D></ORGS>\n\
<TEXT>&#2;\n<TITLE>GRAIN SHIPMENTS RISE</TITLE>\n<DATELINE>    BONN, March 3 - </DATELINE>\
<BODY>&lt;Hansa Korn GmbH&gt; said shipments rose.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
<REUTERS NEWID=\"8\"><DATE>3-MAR-1987 10:00:00.00</DATE><TEXT TYPE=\"BRIEF\">&#2;\n\
<TITLE>FED SETS REPURCHASE</TITLE></TEXT></REUTERS>\n\
<REUTERS NEWID=\"9\"><DATE>3-MAR-1987 11:00:00.00</DATE><TEXT TYPE=\"UNPROC\">&#2;\nraw wire text here\n&#3;</TEXT></REUTERS>\n";

    #[test]
    fn reuters_records_labels_and_briefs() {
        let p = parse_any(REUTERS).unwrap();
        assert_eq!(p.articles.len(), 3, "{:?}", p.warnings);
        let a = &p.articles[0];
        assert_eq!(a.record_id.as_deref(), Some("7"));
        assert_eq!(a.date.as_deref(), Some("1987-03-03T09:05:11Z"));
        assert_eq!(a.title, "GRAIN SHIPMENTS RISE");
        assert_eq!(a.dateline.as_deref(), Some("BONN, March 3 -"));
        assert!(a.body.starts_with("<Hansa Korn GmbH> said"), "{}", a.body);
        assert!(a.body.ends_with("Reuter"), "{:?}", a.body);
        assert_eq!(a.given.places, vec!["usa", "west-germany"]);
        assert_eq!(a.given.people, vec!["volcker"]);
        assert_eq!(a.given.orgs, vec!["imf"]);
        assert_eq!(a.given.subjects, vec!["grain"]);
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(p.articles[1].title, "FED SETS REPURCHASE");
        assert_eq!(p.articles[2].body, "raw wire text here");
    }

    #[test]
    fn reuters_truncated_keeps_complete_records() {
        let cut = &REUTERS[..REUTERS.find("FED SETS").unwrap()];
        let p = parse_any(cut).unwrap();
        assert_eq!(p.articles.len(), 1);
        assert!(p.warnings[0].contains("not closed"), "{:?}", p.warnings);
        assert!(parse_any("<REUTERS NEWID=\"1\"><TITLE>x").is_err());
    }

    #[test]
    fn missing_end_tag_does_not_merge_records() {
        let broken = REUTERS.replacen("</REUTERS>", "", 1);
        let p = parse_any(&broken).unwrap();
        assert_eq!(p.articles.len(), 3);
        assert_eq!(p.articles[1].title, "FED SETS REPURCHASE");
        assert!(p.warnings[0].contains("no end tag"), "{:?}", p.warnings);
    }

    #[test]
    fn reuters_date_forms() {
        assert_eq!(
            reuters_date("26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
        assert_eq!(
            reuters_date(" 5-MAR-1987  09:20:15.61\t\t\tC T").as_deref(),
            Some("1987-03-05T09:20:15Z")
        );
        assert_eq!(reuters_date("31-FEB-1987 10:00:00"), None);
        assert_eq!(reuters_date("garbage"), None);
    }

    #[test]
    fn trec_docs() {
        let t = "<DOC>\n<DOCNO> AP890101-0001 </DOCNO>\n<HEAD>Quake Shakes Coast</HEAD>\n\
<DATE>890101</DATE>\n<TEXT>\n   A strong quake shook the coast &amp; towns.\n</TEXT>\n</DOC>\n\
<DOC><DOCNO>X2</DOCNO><HEADLINE><P>Second</P></HEADLINE><TEXT>More.</TEXT></DOC>";
        assert_eq!(sniff(t), Some(Kind::Trec));
        let p = parse_any(t).unwrap();
        assert_eq!(p.articles.len(), 2);
        let a = &p.articles[0];
        assert_eq!(a.record_id.as_deref(), Some("AP890101-0001"));
        assert_eq!(a.title, "Quake Shakes Coast");
        assert_eq!(a.date.as_deref(), Some("1989-01-01"));
        assert_eq!(a.body, "A strong quake shook the coast & towns.");
        assert_eq!(p.articles[1].title, "Second");
    }

    #[test]
    fn trec_date_forms() {
        assert_eq!(trec_date("19890101").as_deref(), Some("1989-01-01"));
        assert_eq!(trec_date(" 12/03/87 ").as_deref(), Some("1987-12-03"));
        assert_eq!(
            trec_date("January 1, 1989, Sunday, Home Edition").as_deref(),
            Some("1989-01-01")
        );
        assert_eq!(trec_date("Sunday"), None);
    }

    #[test]
    fn malformed_sgml_is_an_error_not_a_panic() {
        assert!(parse_any("<html><body>no records</body></html>").is_err());
        assert!(parse_any("<DOC><DOCNO>1</DOCNO><TEXT>cut").is_err());
        assert!(parse_any("<REUTERS NEWID=\"1\"></REUTERS>").is_ok_and(|p| p.articles.is_empty()));
    }
}
