//! Output for scripts: JSON, JSON Lines, CSV and paths. Field names here are the
//! documented contract; `tests/cli.rs` pins them.

use std::io::{self, Write};

use serde::Serialize;

use crate::query::Hit;
use crate::record::Record;

/// One search hit as JSON: the record's fields, then rank, highlights and duplicates.
#[derive(Serialize)]
pub struct HitOut<'a> {
    pub rank: usize,
    #[serde(flatten)]
    pub record: &'a Record,
    /// `[start, end)` character (not byte) offsets of matched words within `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// With `--collapse`: ids of near-duplicate articles folded into this one.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub duplicates: &'a [String],
}

pub fn hit_out(rank: usize, hit: &Hit) -> HitOut<'_> {
    let highlights = hit.snippet.as_ref().map_or_else(Vec::new, |s| {
        s.highlights
            .iter()
            .map(|r| [char_offset(&s.text, r.start), char_offset(&s.text, r.end)])
            .collect()
    });
    HitOut {
        rank,
        record: &hit.record,
        highlights,
        duplicates: &hit.duplicates,
    }
}

/// Character offset of a byte offset, since scripts index strings by character.
fn char_offset(text: &str, byte: usize) -> usize {
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

pub fn write_json_line(out: &mut (impl Write + ?Sized), value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

pub fn write_json_pretty(
    out: &mut (impl Write + ?Sized),
    value: &impl Serialize,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// CSV columns for hits, for spreadsheets.
pub const CSV_HEADER: [&str; 11] = [
    "rank",
    "id",
    "date",
    "title",
    "countries",
    "actors",
    "source",
    "url",
    "path",
    "score",
    "snippet",
];

/// csv's error hides the I/O error it carries (it has no `source`); this hands that error
/// back unchanged, so a closed pipe stays recognisable as one.
fn csv_error(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::other("cannot write CSV"),
    }
}

pub fn write_csv(out: &mut (impl Write + ?Sized), hits: &[(usize, &Hit)]) -> io::Result<()> {
    write_csv_hits(out, hits).map_err(csv_error)
}

fn write_csv_hits(out: &mut (impl Write + ?Sized), hits: &[(usize, &Hit)]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for (rank, hit) in hits {
        let r = &hit.record;
        let countries: Vec<&str> = r.countries.iter().map(|c| c.code.as_str()).collect();
        let actors: Vec<&str> = r.actors.iter().map(|a| a.name.as_str()).collect();
        w.write_record([
            rank.to_string().as_str(),
            &r.id,
            r.date.as_deref().unwrap_or(""),
            &r.title,
            &countries.join(";"),
            &actors.join(";"),
            r.source.as_deref().unwrap_or(""),
            r.url.as_deref().unwrap_or(""),
            &r.path,
            &format!("{:.4}", hit.score),
            hit.snippet.as_ref().map_or("", |s| s.text.as_str()),
        ])?;
    }
    Ok(w.flush()?)
}

/// Generic CSV of rows (facets, timelines).
pub fn write_csv_rows(
    out: &mut (impl Write + ?Sized),
    header: &[&str],
    rows: &[Vec<String>],
) -> io::Result<()> {
    let write = || -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header)?;
        for row in rows {
            w.write_record(row)?;
        }
        Ok(w.flush()?)
    };
    write().map_err(csv_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts nothing: every write fails as a closed pipe does.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn csv_output_reports_a_closed_pipe_as_one() {
        let rows = vec![vec!["a".to_string(), "1".to_string()]];
        let e = write_csv_rows(&mut ClosedPipe, &["name", "count"], &rows).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        let e = write_csv(&mut ClosedPipe, &[]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }
}
