//! What `index` shows while it runs and when it ends, on stderr: one warning line per
//! bad file, a progress bar on a terminal, and the summary line.

use crate::indexer::{Report, Summary};

/// Reports an indexing pass on stderr.
pub struct StderrReport {
    bar: Option<indicatif::ProgressBar>,
    show_bar: bool,
    files: usize,
    articles: usize,
}

impl StderrReport {
    /// `show_bar`: draw a progress bar (stderr is a terminal and not `--quiet`).
    pub fn new(show_bar: bool) -> StderrReport {
        StderrReport {
            bar: None,
            show_bar,
            files: 0,
            articles: 0,
        }
    }
}

impl Report for StderrReport {
    fn warn(&mut self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("newsidx: warning: {message}")),
            None => eprintln!("newsidx: warning: {message}"),
        }
    }

    fn planned(&mut self, bytes: u64) {
        if !self.show_bar {
            return;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(bytes),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        self.bar = Some(bar);
    }

    fn advanced(&mut self, bytes: u64, articles: usize) {
        self.files += 1;
        self.articles += articles;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{} files, {} articles", self.files, self.articles));
        }
    }

    fn finished(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// The one-line summary printed at the end of a run.
pub fn summary_line(s: &Summary) -> String {
    let skipped: usize = s.skipped.values().sum();
    let reasons = if s.skipped.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = s.skipped.iter().map(|(k, v)| format!("{v} {k}")).collect();
        format!(" ({})", parts.join(", "))
    };
    format!(
        "{} files seen: {} articles added, {} updated, {} unchanged, {} removed; {} files skipped{}; {:.2}s, {:.1} MB/s",
        s.files_seen,
        s.added,
        s.updated,
        s.unchanged,
        s.removed,
        skipped,
        reasons,
        s.elapsed.as_secs_f64(),
        s.mb_per_sec()
    )
}
