//! Human-readable output for terminals: wrapped to the terminal width, with matches
//! highlighted and headers colored when color is on.

use std::io::{self, Write};
use std::ops::Range;

use super::Style;
use crate::query::{Hit, Hits, timeline::Bucket};
use crate::record::Record;

/// Prints one record in full: the form `extract` and `show` use.
pub fn write_record(
    out: &mut (impl Write + ?Sized),
    r: &Record,
    style: &Style,
    body: Option<&str>,
) -> io::Result<()> {
    writeln!(out, "{}", style.paint("1", &r.title))?;
    if let Some(sub) = &r.subtitle {
        writeln!(out, "  {sub}")?;
    }
    writeln!(out, "  id:        {}", r.id)?;
    writeln!(out, "  path:      {}", r.path)?;
    match (&r.date, &r.date_source) {
        (Some(d), Some(src)) => writeln!(
            out,
            "  date:      {d} (from {}: \"{}\")",
            src.as_str(),
            one_line(r.date_text.as_deref().unwrap_or(""))
        )?,
        _ => writeln!(out, "  date:      none found")?,
    }
    let countries: Vec<String> = r
        .countries
        .iter()
        .map(|c| format!("{} {} ×{}", c.code, c.name, c.mentions))
        .collect();
    writeln!(out, "  countries: {}", countries.join(", "))?;
    let actors: Vec<String> = r
        .actors
        .iter()
        .map(|a| {
            let mut extra = vec![a.kind.as_str().to_string()];
            extra.extend(a.role.clone());
            extra.extend(a.country.clone());
            format!("{} ({}) ×{}", a.name, extra.join(", "), a.mentions)
        })
        .collect();
    writeln!(out, "  actors:    {}", actors.join("; "))?;
    if let Some(s) = &r.source {
        writeln!(out, "  source:    {s}")?;
    }
    if let Some(u) = &r.url {
        writeln!(out, "  url:       {u}")?;
    }
    if !r.authors.is_empty() {
        writeln!(out, "  authors:   {}", r.authors.join(", "))?;
    }
    if let Some(body) = body {
        writeln!(out)?;
        for para in body.split('\n') {
            for line in wrap(para.trim(), &[], style.width.saturating_sub(2), style) {
                writeln!(out, "  {line}")?;
            }
        }
    }
    writeln!(out)
}

/// Search results: a header with the total and time, then one block per hit.
pub fn write_hits(
    out: &mut (impl Write + ?Sized),
    hits: &Hits,
    offset: usize,
    style: &Style,
) -> io::Result<()> {
    let shown = hits.hits.len();
    let header = if shown == 0 {
        format!("{} matches in {} ms", hits.total, hits.took.as_millis())
    } else {
        format!(
            "{} matches in {} ms, showing {}–{}",
            hits.total,
            hits.took.as_millis(),
            offset + 1,
            offset + shown
        )
    };
    writeln!(out, "{}", style.paint("2", &header))?;
    for (i, hit) in hits.hits.iter().enumerate() {
        writeln!(out)?;
        write_hit(out, offset + i + 1, hit, style)?;
    }
    Ok(())
}

fn write_hit(
    out: &mut (impl Write + ?Sized),
    rank: usize,
    hit: &Hit,
    style: &Style,
) -> io::Result<()> {
    let r = &hit.record;
    let indent = "    ";
    write_hit_title(out, rank, r, style)?;
    let meta = hit_keys(r);
    if !meta.is_empty() {
        let line = truncate(&meta, style.width.saturating_sub(indent.len()));
        writeln!(out, "{indent}{}", style.paint("36", &line))?;
    }
    if let Some(snippet) = &hit.snippet
        && !snippet.text.trim().is_empty()
    {
        let width = style.width.saturating_sub(indent.len());
        for line in wrap(&snippet.text, &snippet.highlights, width, style) {
            writeln!(out, "{indent}{line}")?;
        }
    }
    if !hit.duplicates.is_empty() {
        let shown: Vec<&str> = hit.duplicates.iter().take(5).map(String::as_str).collect();
        let more = if hit.duplicates.len() > 5 {
            ", …"
        } else {
            ""
        };
        let text = format!(
            "also in {} more: {}{more}",
            hit.duplicates.len(),
            shown.join(", ")
        );
        writeln!(out, "{indent}{}", style.paint("33", &text))?;
    }
    writeln!(
        out,
        "{indent}{}",
        style.paint("2", &format!("{}  [{}]", r.path, r.id))
    )
}

/// Rank, day and the title, wrapped under itself.
fn write_hit_title(
    out: &mut (impl Write + ?Sized),
    rank: usize,
    r: &Record,
    style: &Style,
) -> io::Result<()> {
    let date = r.day().unwrap_or("----------");
    let lead = format!("{rank:>3}. {date}  ");
    let title_width = style.width.saturating_sub(lead.chars().count()).max(20);
    let plain = Style {
        color: false,
        ..*style
    };
    let mut title_lines = wrap(&r.title, &[], title_width, &plain).into_iter();
    writeln!(
        out,
        "{}{}",
        style.paint("2", &lead),
        style.paint("1", &title_lines.next().unwrap_or_default())
    )?;
    for more in title_lines {
        let pad = " ".repeat(lead.chars().count());
        writeln!(out, "{pad}{}", style.paint("1", &more))?;
    }
    Ok(())
}

/// The keys of a hit on one line: countries, actors, source.
fn hit_keys(r: &Record) -> String {
    let mut meta = Vec::new();
    if !r.countries.is_empty() {
        let codes: Vec<&str> = r
            .countries
            .iter()
            .take(5)
            .map(|c| c.code.as_str())
            .collect();
        meta.push(codes.join(" "));
    }
    if !r.actors.is_empty() {
        let names: Vec<&str> = r.actors.iter().take(4).map(|a| a.name.as_str()).collect();
        meta.push(names.join(", "));
    }
    if let Some(s) = &r.source {
        meta.push(s.clone());
    }
    meta.join(" · ")
}

/// Text shown inside one line: runs of whitespace (line breaks included) and control
/// characters become single spaces.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Word-wraps `text` to `width` columns; words overlapping a highlight range are painted.
/// Newlines in snippets become spaces: a snippet reads as one passage.
pub fn wrap(text: &str, highlights: &[Range<usize>], width: usize, style: &Style) -> Vec<String> {
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    let mut pos = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += word.len();
        let w = word.trim_end();
        if w.is_empty() {
            continue;
        }
        let end = start + w.len();
        let lit = highlights.iter().any(|h| h.start < end && h.end > start);
        let n = w.chars().count();
        if line_len > 0 && line_len + 1 + n > width {
            lines.push(std::mem::take(&mut line));
            line_len = 0;
        }
        if line_len > 0 {
            line.push(' ');
            line_len += 1;
        }
        if lit {
            if style.color {
                line.push_str(&paint_highlights(w, start, highlights, style));
            } else {
                line.push_str(w);
            }
        } else {
            line.push_str(w);
        }
        line_len += n;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Paints exactly the highlighted bytes of one word (a match can be part of a word).
fn paint_highlights(
    word: &str,
    offset: usize,
    highlights: &[Range<usize>],
    style: &Style,
) -> String {
    let mut out = String::new();
    let mut i = 0;
    for h in highlights {
        let s = h.start.saturating_sub(offset).min(word.len());
        let e = h.end.saturating_sub(offset).min(word.len());
        if e <= i || !word.is_char_boundary(s.max(i)) || !word.is_char_boundary(e) {
            continue;
        }
        let s = s.max(i);
        out.push_str(&word[i..s]);
        out.push_str(&style.paint("1;33", &word[s..e]));
        i = e;
    }
    out.push_str(&word[i..]);
    out
}

/// Facet counts as a ranked table.
pub fn write_counts(
    out: &mut (impl Write + ?Sized),
    title: &str,
    total: usize,
    rows: &[(String, String, u64)],
    style: &Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.paint("2", &format!("{title} in {total} matching articles"))
    )?;
    let max = rows.iter().map(|r| r.2).max().unwrap_or(1).max(1);
    let name_w = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let bar_w = style.width.saturating_sub(name_w + 20).clamp(5, 40);
    for (i, (_, name, count)) in rows.iter().enumerate() {
        let bar = "█".repeat(
            ((*count as f64 / max as f64) * bar_w as f64)
                .round()
                .max(1.0) as usize,
        );
        writeln!(
            out,
            "{:>3}. {:<name_w$}  {:>6}  {}",
            i + 1,
            truncate(name, name_w),
            count,
            style.paint("36", &bar)
        )?;
    }
    Ok(())
}

/// A timeline as a horizontal bar chart that fits the terminal.
pub fn write_timeline(
    out: &mut (impl Write + ?Sized),
    buckets: &[Bucket],
    total: u64,
    undated: u64,
    style: &Style,
) -> io::Result<()> {
    let normalized = buckets.iter().any(|b| b.share.is_some());
    let value = |b: &Bucket| {
        if normalized {
            b.share.unwrap_or(0.0)
        } else {
            b.count as f64
        }
    };
    let max = buckets.iter().map(value).fold(0.0, f64::max);
    let label_w = buckets.iter().map(|b| b.label.len()).max().unwrap_or(4);
    let num_w = if normalized { 16 } else { 7 };
    let bar_w = style.width.saturating_sub(label_w + num_w + 4).clamp(5, 80);
    let mut header = format!("{total} matching articles");
    if undated > 0 {
        header.push_str(&format!(" ({undated} without a date, not shown)"));
    }
    writeln!(out, "{}", style.paint("2", &header))?;
    for b in buckets {
        let v = value(b);
        let len = if max > 0.0 {
            (v / max * bar_w as f64).round() as usize
        } else {
            0
        };
        let bar = if len == 0 && v > 0.0 {
            "▏".to_string()
        } else {
            "█".repeat(len)
        };
        let num = if normalized {
            format!(
                "{:>5.1}% {:>4}/{:<5}",
                v * 100.0,
                b.count,
                b.total.unwrap_or(0)
            )
        } else {
            format!("{:>7}", b.count)
        };
        // An empty bucket ends at its count: no trailing blanks for diff or grep to trip on.
        if bar.is_empty() {
            writeln!(out, "{:<label_w$} {}", b.label, num.trim_end())?;
        } else {
            writeln!(
                out,
                "{:<label_w$} {num} {}",
                b.label,
                style.paint("36", &bar)
            )?;
        }
    }
    Ok(())
}

/// `stats` as a short report.
pub fn write_stats(
    out: &mut (impl Write + ?Sized),
    s: &super::results::Stats,
    style: &Style,
) -> io::Result<()> {
    let o = &s.overview;
    writeln!(
        out,
        "{}",
        style.paint("1", &format!("index     {}", o.location))
    )?;
    writeln!(
        out,
        "articles  {} ({} {})",
        o.articles, o.parts, o.parts_name
    )?;
    // An archive with no dated article (Reuters text dumps, say) has no range to show;
    // "- to -" read like a rendering fault.
    let range = match (&s.first_date, &s.last_date) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "none found".to_string(),
    };
    writeln!(out, "dates     {range} ({} undated)", s.undated)?;
    writeln!(out, "size      {:.1} MB on disk", o.size_bytes as f64 / 1e6)?;
    let list = |c: &crate::query::Counts| {
        c.counts
            .iter()
            .map(|(k, n)| format!("{k} ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "countries {}", list(&s.countries))?;
    writeln!(out, "actors    {}", list(&s.actors))?;
    if !s.sources.counts.is_empty() {
        writeln!(out, "sources   {}", list(&s.sources))?;
    }
    if !s.languages.counts.is_empty() {
        writeln!(out, "languages {}", list(&s.languages))?;
    }
    if s.without_actor_rules > 0 {
        writeln!(
            out,
            "          actors are not extracted from the text of {} articles in languages \
             without actor rules yet (only English has them)",
            s.without_actor_rules
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_text_is_quoted_plainly_on_one_line() {
        let record: Record = serde_json::from_value(serde_json::json!({
            "id": "a.txt", "path": "/c/a.txt", "title": "T",
            "date": "2026-02-03T10:51:00Z", "date_source": "text",
            "date_text": "Feb 3,\n2026 \"late\"\t10:51",
            "countries": [], "actors": [], "authors": []
        }))
        .unwrap();
        let mut out = Vec::new();
        write_record(&mut out, &record, &Style::plain(), None).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(
                "  date:      2026-02-03T10:51:00Z (from text: \"Feb 3, 2026 \"late\" 10:51\")\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn wraps_at_width() {
        let lines = wrap("one two three four five six", &[], 10, &Style::plain());
        assert_eq!(lines, vec!["one two", "three four", "five six"]);
    }

    #[test]
    fn highlights_only_when_colored() {
        let style = Style {
            color: true,
            width: 80,
        };
        let first_word = std::slice::from_ref(&(0..5));
        let lines = wrap("talks resumed", first_word, 80, &style);
        assert_eq!(lines[0], "\x1b[1;33mtalks\x1b[0m resumed");
        let plain = wrap("talks resumed", first_word, 80, &Style::plain());
        assert_eq!(plain[0], "talks resumed");
    }
}
