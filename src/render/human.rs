//! Human-readable output for terminals: wrapped, highlighted when color is on.

use std::io::{self, Write};

use crate::record::Record;

/// Prints one record in full: the form `extract` and `show` use.
pub fn write_record(out: &mut impl Write, r: &Record, color: bool) -> io::Result<()> {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    writeln!(out, "{}", bold(&r.title))?;
    writeln!(out, "  id:        {}", r.id)?;
    writeln!(out, "  path:      {}", r.path)?;
    match (&r.date, &r.date_source) {
        (Some(d), Some(src)) => writeln!(
            out,
            "  date:      {d} (from {src}: {:?})",
            r.date_text.as_deref().unwrap_or("")
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
            let mut s = format!("{} ({}", a.name, a.kind.as_str());
            if let Some(role) = &a.role {
                s.push_str(&format!(", {role}"));
            }
            if let Some(c) = &a.country {
                s.push_str(&format!(", {c}"));
            }
            s.push_str(&format!(") ×{}", a.mentions));
            s
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
    writeln!(out)
}
