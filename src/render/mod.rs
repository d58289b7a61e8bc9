//! Result output, the only code that prints results: human (wrapped, colored on a
//! terminal unless NO_COLOR), JSON, JSON Lines, CSV and bare paths.

pub mod human;
pub mod machine;
pub mod progress;
pub mod results;

use std::io::IsTerminal;

/// Output formats for results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    /// One object: `{total, took_ms, hits: [...]}`.
    Json,
    /// One object per line.
    Jsonl,
    Csv,
    /// One path per line, for xargs.
    Paths,
}

impl Format {
    /// The names `--format` takes.
    pub const NAMES: &'static [(&'static str, Format)] = &[
        ("human", Format::Human),
        ("json", Format::Json),
        ("jsonl", Format::Jsonl),
        ("csv", Format::Csv),
        ("paths", Format::Paths),
    ];

    /// The names `--format` takes where the output is a table of counts (`top`,
    /// `timeline`): a list of file paths has no meaning there, so `paths` is refused
    /// rather than quietly printed as `human`.
    pub const COUNT_NAMES: &'static [(&'static str, Format)] = &[
        ("human", Format::Human),
        ("json", Format::Json),
        ("jsonl", Format::Jsonl),
        ("csv", Format::Csv),
    ];
}

/// When to use color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The names `--color` takes.
    pub const NAMES: &'static [(&'static str, ColorChoice)] = &[
        ("auto", ColorChoice::Auto),
        ("always", ColorChoice::Always),
        ("never", ColorChoice::Never),
    ];
}

/// How human output looks on this terminal.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
}

impl Style {
    /// Color on a terminal unless `NO_COLOR` is set (https://no-color.org); the width
    /// of the terminal, or 100 columns when output is not a terminal.
    pub fn detect(choice: ColorChoice) -> Style {
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let width = terminal_size::terminal_size()
            .map(|(w, _)| w.0 as usize)
            .filter(|_| tty)
            .unwrap_or(100)
            .clamp(40, 160);
        Style { color, width }
    }

    pub fn plain() -> Style {
        Style {
            color: false,
            width: 100,
        }
    }

    pub(crate) fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}
