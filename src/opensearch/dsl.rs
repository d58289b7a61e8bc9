//! A resolved selection (query clause and filters) in the OpenSearch query DSL, with the
//! same meaning as `index::compile` gives it for the local index.

use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::query::{
    self, Clause, DateRange, Filters, Key, MAX_FUZZY_WORDS, QueryError, Selection, TITLE_BOOST,
    TextField,
};

/// The whole query: the clause scores, the filters only select.
pub fn query(sel: &Selection, fuzzy: bool) -> Result<Value, QueryError> {
    let words = sel.query.as_ref().map_or(0, Clause::words);
    if fuzzy && words > MAX_FUZZY_WORDS {
        return Err(QueryError::TooManyFuzzyWords(words));
    }
    let scored = match &sel.query {
        Some(c) => clause(c, fuzzy),
        None => json!({"match_all": {}}),
    };
    let filters = filters(&sel.filters);
    if filters.is_empty() {
        return Ok(scored);
    }
    Ok(json!({"bool": {"must": [scored], "filter": filters}}))
}

/// One query per filter, all of which must match.
pub fn filters(f: &Filters) -> Vec<Value> {
    let mut out = Vec::new();
    for actor in &f.actors {
        out.push(json!({"match_phrase": {"actor_text": actor}}));
    }
    for (field, values) in [
        ("countries", &f.countries),
        ("source_key", &f.sources),
        ("lang", &f.langs),
    ] {
        if !values.is_empty() {
            out.push(json!({"terms": {field: values}}));
        }
    }
    if !f.dates.is_open() {
        out.push(dates(f.dates));
    }
    out
}

fn dates(range: DateRange) -> Value {
    let mut r = serde_json::Map::new();
    if let Some(from) = range.from {
        r.insert("gte".into(), json!(from.timestamp()));
    }
    if let Some(to) = range.to {
        r.insert("lt".into(), json!(to.timestamp()));
    }
    r.insert("format".into(), json!("epoch_second"));
    json!({"range": {"date": r}})
}

fn clause(c: &Clause, fuzzy: bool) -> Value {
    match c {
        Clause::All => json!({"match_all": {}}),
        Clause::And(parts) => and(parts, fuzzy),
        Clause::Or(parts) => {
            let should: Vec<Value> = parts.iter().map(|p| clause(p, fuzzy)).collect();
            json!({"bool": {"should": should, "minimum_should_match": 1}})
        }
        Clause::Not(inner) => {
            json!({"bool": {"must": [{"match_all": {}}], "must_not": [clause(inner, fuzzy)]}})
        }
        Clause::Word {
            field,
            text,
            prefix,
        } => word(*field, text, *prefix, fuzzy),
        Clause::Phrase { field, text, slop } => any_field(
            *field,
            |f| json!({"match_phrase": {f: {"query": text, "slop": slop}}}),
        ),
        Clause::Country(code) => json!({"term": {"countries": code}}),
        Clause::Source(source) => json!({"term": {"source_key": source}}),
        Clause::Id(id) => json!({"term": {"id": id}}),
        Clause::Dates(range) => dates(*range),
        Clause::Has(key) => json!({"exists": {"field": key_field(*key)}}),
    }
}

/// The mapping field that holds a key.
fn key_field(key: Key) -> &'static str {
    match key {
        Key::Actor => "actors",
        Key::Country => "countries",
        Key::Source => "source_key",
        Key::Date => "date",
        Key::Author => "authors",
    }
}

fn and(parts: &[Clause], fuzzy: bool) -> Value {
    let mut must = Vec::new();
    let mut must_not = Vec::new();
    for p in parts.iter().filter(|p| !p.is_all()) {
        match p {
            Clause::Not(inner) => must_not.push(clause(inner, fuzzy)),
            other => must.push(clause(other, fuzzy)),
        }
    }
    if must.is_empty() {
        must.push(json!({"match_all": {}}));
    }
    json!({"bool": {"must": must, "must_not": must_not}})
}

/// The fields a text field searches, with their weights.
fn fields_of(field: TextField) -> &'static [(&'static str, f32)] {
    match field {
        TextField::Any => &[("title", TITLE_BOOST), ("body", 1.0)],
        TextField::Title => &[("title", 1.0)],
        TextField::Body => &[("body", 1.0)],
        TextField::Actor => &[("actor_text", 1.0)],
        TextField::Author => &[("authors", 1.0)],
    }
}

/// The same query on each field of a text field, any of which may match.
fn any_field(field: TextField, make: impl Fn(&str) -> Value) -> Value {
    let should: Vec<Value> = fields_of(field)
        .iter()
        .map(|(f, boost)| {
            let mut q = make(f);
            if (boost - 1.0).abs() > f32::EPSILON {
                q = json!({"bool": {"must": [q], "boost": boost}});
            }
            q
        })
        .collect();
    if should.len() == 1 {
        return should.into_iter().next().unwrap_or(Value::Null);
    }
    json!({"bool": {"should": should, "minimum_should_match": 1}})
}

fn word(field: TextField, text: &str, prefix: bool, fuzzy: bool) -> Value {
    let names = matches!(field, TextField::Actor | TextField::Author);
    if prefix {
        let start = folded_first_word(text);
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let stems = query::shorter_stems(&start, |w| Some(stemmer.stem(w).into_owned()));
        return any_field(field, |f| prefix_or_stems(f, &start, &stems));
    }
    if fuzzy && !names {
        // AUTO:4,8 is the local rule: exact below 4 letters, one edit from 4, two from 8.
        return any_field(
            field,
            |f| json!({"match": {f: {"query": text, "fuzziness": "AUTO:4,8", "operator": "and"}}}),
        );
    }
    // A phrase of one word is that word; a word the analyser splits ("U.S.") stays whole.
    any_field(field, |f| json!({"match_phrase": {f: {"query": text}}}))
}

/// The first word of `text` as the names analyser gives it: lower case, accents folded.
/// A prefix on one field; on a stemmed field (title, body) also the prefix's shorter
/// stems, as the local index looks them up ("negotiat*" finds "negoti").
fn prefix_or_stems(field: &str, start: &str, stems: &[String]) -> Value {
    let prefix = json!({"prefix": {field: {"value": start}}});
    if stems.is_empty() || !matches!(field, "title" | "body") {
        return prefix;
    }
    let mut should = vec![prefix];
    should.extend(stems.iter().map(|s| json!({"term": {field: {"value": s}}})));
    json!({"bool": {"should": should, "minimum_should_match": 1}})
}

fn folded_first_word(text: &str) -> String {
    let word = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::FilterWords;

    fn sel(q: &str) -> Selection {
        Selection::new(q, &FilterWords::default(), chrono::Utc::now()).unwrap()
    }

    #[test]
    fn words_phrases_and_negation() {
        let q = query(&sel("oil -gas \"nuclear talks\"~2"), false).unwrap();
        let text = q.to_string();
        assert!(
            text.contains(r#""must_not":[{"bool":{"should":[{"bool":{"must":[{"match_phrase":{"title":{"query":"gas"}}}]"#),
            "{text}"
        );
        assert!(text.contains(r#""slop":2"#), "{text}");
        assert!(text.contains(r#""boost":2.5"#), "{text}");
    }

    #[test]
    fn keys_and_filters_are_exact_terms() {
        let words = FilterWords {
            countries: vec!["Iran".into()],
            from: Some("2026-02".into()),
            ..FilterWords::default()
        };
        let s = Selection::new("country:france", &words, chrono::Utc::now()).unwrap();
        let text = query(&s, false).unwrap().to_string();
        assert!(text.contains(r#"{"term":{"countries":"FR"}}"#), "{text}");
        assert!(text.contains(r#"{"terms":{"countries":["IR"]}}"#), "{text}");
        assert!(text.contains(r#""gte":1769904000"#), "{text}");
    }

    #[test]
    fn prefixes_are_folded_like_the_index() {
        assert_eq!(folded_first_word("Élysée*"), "elysee");
        let text = query(&sel("Sanktion*"), false).unwrap().to_string();
        assert!(
            text.contains(r#"{"prefix":{"body":{"value":"sanktion"}}}"#),
            "{text}"
        );
    }

    #[test]
    fn prefixes_on_stemmed_fields_also_find_shorter_stems() {
        let text = query(&sel("negotiat*"), false).unwrap().to_string();
        assert!(
            text.contains(r#"{"term":{"body":{"value":"negoti"}}}"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{"term":{"title":{"value":"negoti"}}}"#),
            "{text}"
        );
        // Names are not stemmed: the prefix alone.
        let text = query(&sel("actor:negotiat*"), false).unwrap().to_string();
        assert!(!text.contains(r#""term""#), "{text}");
    }
}
