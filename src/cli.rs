//! The command line, as clap derive types only. `commands` resolves these into the plain
//! request and config structs of the core (`IndexConfig`, `SearchRequest`, `Filters`).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

use crate::query::timeline::Interval;
use crate::query::{Facet, Sort};
use crate::render::{ColorChoice, Format};

/// A parser for a core enum, by the lower-case names the core gives its values: the core
/// keeps one definition of each choice, and `--help` still lists them.
fn named<T: Copy + Send + Sync + 'static>(
    values: &'static [(&'static str, T)],
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(values.iter().map(|(name, _)| *name)).map(move |chosen| {
        values
            .iter()
            .find(|(name, _)| *name == chosen)
            .map(|(_, v)| *v)
            .expect("clap accepts only the listed names")
    })
}

#[derive(Debug, Parser)]
#[command(
    name = "newsidx",
    version,
    about = "Index a folder of news articles and search it by words, actor, country and date",
    after_help = "Exit status: 0 when there are results, 1 when there are none, 2 on error."
)]
pub struct Cli {
    /// Index directory [default: the per-user data directory, see README]
    #[arg(long, global = true, env = "NEWSIDX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// Use an OpenSearch cluster instead of the local index: http(s)://[USER:PASSWORD@]HOST:PORT/INDEX[?shards=N&replicas=N]
    #[arg(
        long,
        global = true,
        env = "NEWSIDX_ENGINE",
        value_name = "URL",
        conflicts_with = "index"
    )]
    pub engine: Option<String>,

    /// When to color output: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, value_parser = named(ColorChoice::NAMES), default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or re-index) folders and files of news articles
    Index(IndexArgs),
    /// Search the index by words, actor, country and date
    Search(SearchArgs),
    /// Parse and extract articles without indexing, to see what the indexer sees
    Extract(ExtractArgs),
    /// Most mentioned actors, countries, sources or languages among matching articles
    Top(TopArgs),
    /// Matching articles per day, week, month or year, as a bar chart
    Timeline(TimelineArgs),
    /// Stories similar to one article (more-like-this)
    Similar(SimilarArgs),
    /// Print one stored article with all its metadata
    Show(ShowArgs),
    /// Article count, date range, top countries and actors, index size
    Stats(StatsArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to print the script for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Delete the index and build it from scratch
    #[arg(long)]
    pub rebuild: bool,
    /// Follow symbolic links (loops are detected and reported)
    #[arg(long)]
    pub follow_links: bool,
    /// Read every file as this format instead of detecting it
    #[arg(long = "format", alias = "input-format", value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// Writer memory budget in MB, shared by the writer threads (one per three parser
    /// threads) [default: 128 per writer thread, or a sixteenth of the machine's memory
    /// when that is less]
    #[arg(long, value_name = "MB")]
    pub memory: Option<usize>,
    /// Parser threads, and a writer thread per three of them [default: number of cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Commit at least this often, in seconds, so a kill loses at most that much work
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub commit_interval: u64,
    /// Columns of a CSV/TSV file, as property=column pairs: title=headline,body=text
    #[arg(long, value_name = "MAP")]
    pub csv_columns: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Do not show the progress bar
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the summary as JSON on stdout
    #[arg(long)]
    pub json: bool,
}

/// Filters shared by every command that selects articles.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only articles naming this actor (repeatable: all must match)
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,
    /// Only articles about this country, as code, name or demonym (repeatable: any may match)
    #[arg(long, value_name = "COUNTRY")]
    pub country: Vec<String>,
    /// Only articles from this date on: YYYY, YYYY-MM, YYYY-MM-DD, RFC 3339, or 30d/6m/1y ago
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles up to the end of this date (same forms as --from)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles from this source (repeatable: any may match)
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,
    /// Only articles in this language, as an ISO 639-1 code: en, de, fr (repeatable: any may match)
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (ANDed), "phrases", OR, NOT, -word, talk*, field:value
    #[arg(value_name = "QUERY")]
    pub query: Vec<OsString>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Maximum hits to print
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first (paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of the hits: best match first, or by date
    #[arg(long, value_parser = named(Sort::NAMES), default_value = "relevance")]
    pub sort: Sort,
    /// Output format
    #[arg(long, value_parser = named(Format::NAMES))]
    pub format: Option<Format>,
    /// Short for --format jsonl (one JSON object per hit)
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print only the number of matching articles
    #[arg(long)]
    pub count: bool,
    /// Also match words within one or two typos (names are often misspelled)
    #[arg(long)]
    pub fuzzy: bool,
    /// Show each story once, folding near-duplicate reprints into it
    #[arg(long)]
    pub collapse: bool,
}

#[derive(Debug, Args)]
pub struct TopArgs {
    /// What to count
    #[arg(value_parser = named(Facet::NAMES))]
    pub what: Facet,
    /// Only count articles matching this query
    #[arg(value_name = "QUERY")]
    pub query: Vec<OsString>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// How many of the most mentioned to print
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Output format
    #[arg(long, value_parser = named(Format::COUNT_NAMES))]
    pub format: Option<Format>,
    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only count articles matching this query
    #[arg(value_name = "QUERY")]
    pub query: Vec<OsString>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Bucket size (calendar days, ISO weeks, months or years)
    #[arg(long, value_parser = named(Interval::NAMES), default_value = "month")]
    pub by: Interval,
    /// Show each bucket as a share of all articles in that bucket
    #[arg(long)]
    pub normalize: bool,
    /// Output format
    #[arg(long, value_parser = named(Format::COUNT_NAMES))]
    pub format: Option<Format>,
    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// Article id (as search prints it) or file path
    pub id: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Maximum hits to print
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first (paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format
    #[arg(long, value_parser = named(Format::NAMES))]
    pub format: Option<Format>,
    /// Short for --format jsonl
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// JSON Lines output, one article per line
    #[arg(long)]
    pub json: bool,
    /// Follow symbolic links
    #[arg(long)]
    pub follow_links: bool,
    /// Read every file as this format instead of detecting it
    #[arg(long = "format", alias = "input-format", value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// Columns of a CSV/TSV file, as property=column pairs: title=headline,body=text
    #[arg(long, value_name = "MAP")]
    pub csv_columns: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Ceilings that keep one hostile file from exhausting memory (README "Guarantees").
#[derive(Debug, Args, Clone, Copy)]
pub struct LimitArgs {
    /// Read at most this many MB of one file, after decompression; the rest is skipped with a warning
    #[arg(long, default_value_t = 128, value_name = "MB")]
    pub max_file_mb: u64,
    /// Decompress a gzip file to at most this many times its size (a "zip bomb" guard)
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub max_gzip_ratio: u64,
    /// Cut one article's text at this many MB, with a warning
    #[arg(long, default_value_t = 8, value_name = "MB")]
    pub max_article_mb: usize,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id (as search prints it) or file path
    pub id: String,
    /// Print the record as JSON, text included as `body`
    #[arg(long)]
    pub json: bool,
    /// Leave out the article text
    #[arg(long)]
    pub no_body: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the statistics as JSON
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `--help` is the first thing a newcomer reads: an option listed with nothing but its
    /// default leaves them guessing what it does.
    #[test]
    fn every_option_of_every_command_says_what_it_does() {
        let root = Cli::command();
        let mut silent = Vec::new();
        for command in root.get_subcommands() {
            for arg in command.get_arguments() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    silent.push(format!("{} {}", command.get_name(), arg.get_id()));
                }
            }
        }
        assert!(
            silent.is_empty(),
            "options without help: {}",
            silent.join(", ")
        );
    }

    #[test]
    fn counting_commands_refuse_the_paths_format() {
        for command in ["top actors", "timeline"] {
            let mut argv = vec!["newsidx"];
            argv.extend(command.split(' '));
            let parsed = Cli::try_parse_from(argv.iter().chain(&["--format", "paths"]));
            assert!(parsed.is_err(), "{command} --format paths was accepted");
            let parsed = Cli::try_parse_from(argv.iter().chain(&["--format", "csv"]));
            assert!(parsed.is_ok(), "{command} --format csv was refused");
        }
    }
}
