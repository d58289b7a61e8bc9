//! CSV and TSV with a header row: columns map to article properties by the same aliases
//! as JSON, or by an explicit `property=column` list given on the command line.

use super::fields::{Field, set_field};
use super::parts::Parts;
use super::{FormatError, Parsed};
use crate::article::Article;

/// Options that change how formats read their input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatOptions {
    /// Explicit column choices for CSV/TSV (`title=headline`): property, column name.
    pub csv_columns: Vec<(Field, String)>,
    /// Ceilings on what is read from one file and kept of one article.
    pub limits: super::Limits,
}

impl FormatOptions {
    /// Parses `title=headline,body=text,date=published_at` (property=column). Property
    /// names accept every alias `Field::from_name` knows.
    pub fn parse_csv_columns(spec: &str) -> Result<Vec<(Field, String)>, String> {
        let mut out = Vec::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (prop, column) = pair
                .split_once('=')
                .ok_or_else(|| format!("'{pair}' is not property=column"))?;
            let field = Field::from_name(prop.trim())
                .ok_or_else(|| format!("unknown article property '{}'", prop.trim()))?;
            let column = column.trim();
            if column.is_empty() {
                return Err(format!("no column named for '{}'", prop.trim()));
            }
            out.push((field, column.to_string()));
        }
        Ok(out)
    }
}

/// Reads delimited text; rows that cannot be read are skipped with a warning.
pub fn parse(text: &str, delimiter: u8, opts: &FormatOptions) -> Result<Parsed, FormatError> {
    super::parts::collect(|parts| parse_into(text, delimiter, opts, parts))
}

/// Delimited text into parts, row by row.
pub fn parse_into(
    text: &str,
    delimiter: u8,
    opts: &FormatOptions,
    parts: &mut Parts<'_>,
) -> Result<(), FormatError> {
    let delimiter = sniff_delimiter(text, delimiter);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| FormatError::Malformed(format!("unreadable header row: {e}")))?
        .clone();
    let mapping = column_fields(&headers, opts)?;
    if mapping.iter().all(Option::is_none) {
        return Err(FormatError::Malformed(format!(
            "no column names an article property (header: {})",
            headers.iter().collect::<Vec<_>>().join(", ")
        )));
    }
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                parts.warn(format!("row {line}: {e}"));
                continue;
            }
        };
        // The row's text plus a delimiter per field: close enough to size a part.
        let size = row.as_slice().len() + row.len();
        let mut a = Article::default();
        for (value, field) in row.iter().zip(&mapping) {
            if let Some(f) = field {
                set_field(&mut a, *f, value);
            }
        }
        if a.is_empty() {
            parts.warn(format!("row {line}: no title or body"));
        } else {
            parts.article(a, size);
        }
    }
    Ok(())
}

/// Spreadsheets in many locales save "CSV" with semicolons; the header row tells.
fn sniff_delimiter(text: &str, requested: u8) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if requested == b',' && !header.contains(',') && header.contains(';') {
        b';'
    } else {
        requested
    }
}

/// Which property each column fills. Explicit choices win; other columns map by alias,
/// except to a property that an explicit choice already took.
fn column_fields(
    headers: &csv::StringRecord,
    opts: &FormatOptions,
) -> Result<Vec<Option<Field>>, FormatError> {
    let norm = |s: &str| s.trim().trim_start_matches('\u{feff}').to_lowercase();
    let mut mapping: Vec<Option<Field>> = headers
        .iter()
        .map(|h| {
            Field::from_name(h.trim_start_matches('\u{feff}'))
                .filter(|f| !opts.csv_columns.iter().any(|(g, _)| g == f))
        })
        .collect();
    for (field, column) in &opts.csv_columns {
        let i = headers
            .iter()
            .position(|h| norm(h) == norm(column))
            .ok_or_else(|| {
                FormatError::Malformed(format!("no column '{column}' in the header row"))
            })?;
        if let Some(slot) = mapping.get_mut(i) {
            *slot = Some(*field);
        }
    }
    Ok(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_aliases_and_multiline_fields() {
        let csv = "id,headline,published_at,text,author\n\
7,Port strike ends,2026-02-03,\"Dockers returned.\nShips sailed, \"\"finally\"\".\",Kim Lee\n\
8,,2026-02-04,,\n\
9,Second story,2026-02-05,Body two,\n";
        let p = parse(csv, b',', &FormatOptions::default()).unwrap();
        assert_eq!(p.articles.len(), 2);
        let a = &p.articles[0];
        assert_eq!(a.record_id.as_deref(), Some("7"));
        assert_eq!(a.title, "Port strike ends");
        assert_eq!(a.body, "Dockers returned.\nShips sailed, \"finally\".");
        assert_eq!(a.authors, vec!["Kim Lee"]);
        assert!(p.warnings[0].starts_with("row 3"), "{:?}", p.warnings);
    }

    #[test]
    fn column_override_and_tsv() {
        let cols = FormatOptions::parse_csv_columns("title=hed2, body=copy,date=when").unwrap();
        let opts = FormatOptions {
            csv_columns: cols,
            ..FormatOptions::default()
        };
        let tsv = "headline\thed2\tcopy\twhen\nwrong\tRight title\tThe text.\t2025-01-01\n";
        let p = parse(tsv, b'\t', &opts).unwrap();
        let a = &p.articles[0];
        assert_eq!(a.title, "Right title");
        assert_eq!(a.body, "The text.");
        assert_eq!(a.date.as_deref(), Some("2025-01-01"));
    }

    #[test]
    fn semicolon_csv() {
        let p = parse(
            "title;body\nA;Text, with comma\n",
            b',',
            &FormatOptions::default(),
        )
        .unwrap();
        assert_eq!(p.articles[0].body, "Text, with comma");
    }

    #[test]
    fn bad_specs_and_headers_are_errors() {
        assert!(FormatOptions::parse_csv_columns("title").is_err());
        assert!(FormatOptions::parse_csv_columns("colour=x").is_err());
        let opts = FormatOptions {
            csv_columns: vec![(Field::Title, "nope".into())],
            ..FormatOptions::default()
        };
        assert!(parse("a,b\n1,2\n", b',', &opts).is_err());
        assert!(parse("a,b\n1,2\n", b',', &FormatOptions::default()).is_err());
        let p = parse(
            "title,body\n\"unclosed,x\n",
            b',',
            &FormatOptions::default(),
        );
        assert!(p.is_ok());
    }
}
