//! The commands: each resolves its clap arguments into the core's typed requests once,
//! asks a back end through the `backend` seam, and hands the answer to `render`.
//!
//! `answer` and `index_into` take any back end, so the same command-level tests run
//! against every one of them.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::Utc;

use crate::backend::{Archive, Storage};
use crate::cli::{
    Command, ExtractArgs, FilterArgs, IndexArgs, LimitArgs, SearchArgs, ShowArgs, SimilarArgs,
    StatsArgs, TimelineArgs, TopArgs,
};
use crate::discover::{self, DiscoverOptions};
use crate::formats::{Format as InputFormat, FormatOptions, Limits};
use crate::index::{self, IndexStorage, Session};
use crate::indexer::{self, IndexJob};
use crate::opensearch::{ClusterArchive, ClusterStorage, EngineUrl};
use crate::pipeline;
use crate::query::timeline::{self, Interval};
use crate::query::{Facet, FilterWords, Filters, SearchRequest, Selection, SimilarRequest};
use crate::render::progress::{StderrReport, summary_line};
use crate::render::results::{self, Stats, Timeline};
use crate::render::{ColorChoice, Format, Style, human, machine};

/// Where the articles are kept.
pub enum Engine {
    /// The embedded index in this folder.
    Local(PathBuf),
    /// An index in an OpenSearch cluster.
    Cluster(EngineUrl),
}

/// Global options every command may use.
pub struct Globals {
    pub engine: Engine,
    pub style: Style,
}

impl Globals {
    pub fn new(
        index: Option<PathBuf>,
        engine: Option<&str>,
        color: ColorChoice,
    ) -> Result<Globals> {
        let engine = match engine.filter(|e| !e.is_empty()) {
            Some(url) => Engine::Cluster(EngineUrl::parse(url)?),
            None => Engine::Local(index.unwrap_or_else(index::default_dir)),
        };
        Ok(Globals {
            engine,
            style: Style::detect(color),
        })
    }

    /// The back end that answers questions.
    fn archive(&self) -> Result<Box<dyn Archive>> {
        Ok(match &self.engine {
            Engine::Local(dir) => Box::new(Session::open(dir)?),
            Engine::Cluster(url) => Box::new(ClusterArchive::open(url.clone())?),
        })
    }
}

fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Runs a command that reads an archive, writing its answer to stdout.
pub fn read_command(g: &Globals, command: &Command) -> Result<bool> {
    let archive = g.archive()?;
    let mut out = stdout();
    let found = answer(&*archive, command, &g.style, &mut out)?;
    out.flush()?;
    Ok(found)
}

/// Answers `search`, `top`, `timeline`, `similar`, `show` or `stats` from any back end.
/// `Ok(true)` means there were results.
pub fn answer(
    archive: &dyn Archive,
    command: &Command,
    style: &Style,
    out: &mut dyn Write,
) -> Result<bool> {
    match command {
        Command::Search(args) => search(archive, args, style, out),
        Command::Top(args) => top(archive, args, style, out),
        Command::Timeline(args) => timeline(archive, args, style, out),
        Command::Similar(args) => similar(archive, args, style, out),
        Command::Show(args) => show(archive, args, style, out),
        Command::Stats(args) => stats(archive, args, style, out),
        _ => anyhow::bail!("not a command that reads the index"),
    }
}

fn format_options(csv_columns: Option<&str>, limits: &LimitArgs) -> Result<FormatOptions> {
    let csv_columns = match csv_columns {
        Some(spec) => FormatOptions::parse_csv_columns(spec)
            .map_err(|e| anyhow::anyhow!("--csv-columns: {e}"))?,
        None => Vec::new(),
    };
    const MB: u64 = 1 << 20;
    let limits = Limits {
        max_file_bytes: limits.max_file_mb.max(1).saturating_mul(MB),
        max_gzip_ratio: limits.max_gzip_ratio.max(1),
        max_article_bytes: limits.max_article_mb.max(1).saturating_mul(MB as usize),
    };
    Ok(FormatOptions {
        csv_columns,
        limits,
    })
}

fn discover_options(follow_links: bool, input_format: Option<&str>) -> Result<DiscoverOptions> {
    let forced = input_format
        .map(|n| {
            InputFormat::from_name(n).with_context(|| {
                let known: Vec<_> = InputFormat::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format '{n}'; known formats: {}", known.join(", "))
            })
        })
        .transpose()?;
    Ok(DiscoverOptions {
        follow_links,
        forced,
        skip_marked: Some(index::MARKER),
    })
}

/// The query words as one string; arguments that are not UTF-8 are refused plainly.
fn query_string(words: &[OsString]) -> Result<String> {
    let mut parts = Vec::with_capacity(words.len());
    for w in words {
        let s = w.to_str().with_context(|| {
            format!(
                "query argument '{}' is not valid UTF-8",
                w.to_string_lossy()
            )
        })?;
        parts.push(s.to_string());
    }
    Ok(parts.join(" "))
}

fn filter_words(f: &FilterArgs) -> FilterWords {
    FilterWords {
        actors: f.actor.clone(),
        countries: f.country.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        sources: f.source.clone(),
        langs: f.lang.clone(),
    }
}

/// The query and filters, parsed and resolved once, with one reading of the clock.
fn selection(query: &[OsString], filters: &FilterArgs) -> Result<Selection> {
    Ok(Selection::new(
        &query_string(query)?,
        &filter_words(filters),
        Utc::now(),
    )?)
}

/// `--json` is short for the format each command prints JSON in.
fn output_format(format: Option<Format>, json: bool, json_means: Format) -> Format {
    if json {
        return json_means;
    }
    format.unwrap_or(Format::Human)
}

/// `newsidx index`, into the local index or a cluster.
pub fn index(g: &Globals, args: &IndexArgs) -> Result<bool> {
    let mut out = stdout();
    match &g.engine {
        Engine::Local(dir) => {
            let readers = threads(args);
            let memory = indexer::writer_budget(args.memory, readers);
            let writers = indexer::writer_threads(readers);
            let storage = IndexStorage::open(dir, args.rebuild, memory, writers)?;
            index_into(storage, args, &mut out)?;
        }
        Engine::Cluster(url) => {
            let storage = ClusterStorage::open(url.clone(), args.rebuild)?;
            index_into(storage, args, &mut out)?;
        }
    }
    out.flush()?;
    Ok(true)
}

fn threads(args: &IndexArgs) -> usize {
    args.threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
}

/// An indexing pass into any back end; the summary goes to stderr, and with `--json`
/// to `out` too.
pub fn index_into<S: Storage>(storage: S, args: &IndexArgs, out: &mut dyn Write) -> Result<()> {
    let job = IndexJob {
        paths: args.paths.clone(),
        discover: discover_options(args.follow_links, args.input_format.as_deref())?,
        format_options: format_options(args.csv_columns.as_deref(), &args.limits)?,
        threads: threads(args),
        commit_interval: Duration::from_secs(args.commit_interval.max(1)),
    };
    let mut report = StderrReport::new(!args.quiet && std::io::stderr().is_terminal());
    let summary = indexer::run(storage, &job, &mut report)?;
    eprintln!("newsidx: {}", summary_line(&summary));
    if args.json {
        machine::write_json_line(out, &summary)?;
    }
    Ok(())
}

/// `newsidx extract`: what the indexer would see, without indexing.
pub fn extract(g: &Globals, args: &ExtractArgs) -> Result<bool> {
    let opts = discover_options(args.follow_links, args.input_format.as_deref())?;
    let format_options = format_options(args.csv_columns.as_deref(), &args.limits)?;
    let walk = discover::discover(&args.paths, opts)?;
    for s in walk.skipped.iter().filter(|s| s.kind.is_warned()) {
        eprintln!("newsidx: warning: {}: {}", s.path.display(), s.reason);
    }
    let mut out = stdout();
    let mut any = false;
    for source in &walk.sources {
        let loaded = match pipeline::load(&source, &format_options) {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!("newsidx: warning: {}: {e}", source.path.display());
                continue;
            }
        };
        for w in &loaded.warnings {
            eprintln!("newsidx: warning: {}: {w}", source.path.display());
        }
        for record in &loaded.records {
            any = true;
            if args.json {
                machine::write_json_line(&mut out, record)?;
            } else {
                human::write_record(&mut out, record, &g.style, None)?;
            }
        }
    }
    out.flush()?;
    Ok(any)
}

fn search(
    archive: &dyn Archive,
    args: &SearchArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<bool> {
    let req = SearchRequest {
        selection: selection(&args.query, &args.filters)?,
        sort: args.sort,
        limit: args.limit,
        offset: args.offset,
        fuzzy: args.fuzzy,
        collapse: args.collapse,
        count_only: args.count,
    };
    let hits = archive.search(&req)?;
    if let Some(note) = hits.note {
        eprintln!("newsidx: note: {note}");
    }
    if args.count {
        writeln!(out, "{}", hits.total)?;
    } else {
        let format = output_format(args.format, args.json, Format::Jsonl);
        results::write_hits(out, &hits, args.offset, format, style)?;
    }
    Ok(hits.total > 0)
}

fn top(archive: &dyn Archive, args: &TopArgs, style: &Style, out: &mut dyn Write) -> Result<bool> {
    let facet = args.what;
    let sel = selection(&args.query, &args.filters)?;
    let counts = archive.top(facet, &sel, args.limit)?;
    let format = output_format(args.format, args.json, Format::Json);
    results::write_top(out, facet, &counts, format, style)?;
    Ok(!counts.counts.is_empty())
}

fn timeline(
    archive: &dyn Archive,
    args: &TimelineArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<bool> {
    let by = args.by;
    let sel = selection(&args.query, &args.filters)?;
    let found = archive.dates(&sel, by)?;
    // The period asked for is shown in full, even where it has no articles.
    let (from, to) = sel.filters.dates.days();
    let too_many =
        |n| anyhow::anyhow!("more than {n} buckets; use a coarser --by or narrow --from/--to");
    let mut buckets = timeline::buckets(&found.periods, by, from, to).map_err(too_many)?;
    if args.normalize {
        let all = archive.dates(&Selection::all(), by)?;
        let all = timeline::buckets(&all.periods, by, from, to).map_err(too_many)?;
        timeline::normalize(&mut buckets, &all);
    }
    let shown = Timeline {
        by,
        buckets,
        total: found.dated() + found.undated,
        undated: found.undated,
        normalized: args.normalize,
    };
    let format = output_format(args.format, args.json, Format::Json);
    results::write_timeline(out, &shown, format, style)?;
    Ok(shown.total > 0)
}

fn similar(
    archive: &dyn Archive,
    args: &SimilarArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<bool> {
    let req = SimilarRequest {
        id: args.id.clone(),
        filters: Filters::resolve(&filter_words(&args.filters), Utc::now())?,
        limit: args.limit,
        offset: args.offset,
    };
    let hits = archive.similar(&req)?;
    let format = output_format(args.format, args.json, Format::Jsonl);
    results::write_hits(out, &hits, args.offset, format, style)?;
    Ok(hits.total > 0)
}

fn show(
    archive: &dyn Archive,
    args: &ShowArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<bool> {
    let found = archive.get(&args.id)?;
    if found.is_empty() {
        anyhow::bail!("no article with id or path '{}' in the index", args.id);
    }
    for (mut record, body) in found {
        if args.json {
            if !args.no_body {
                record.body = Some(body);
            }
            machine::write_json_line(out, &record)?;
        } else {
            let body = (!args.no_body).then_some(body.as_str());
            human::write_record(out, &record, style, body)?;
        }
    }
    Ok(true)
}

fn stats(
    archive: &dyn Archive,
    args: &StatsArgs,
    style: &Style,
    out: &mut dyn Write,
) -> Result<bool> {
    let all = Selection::all();
    let days = archive.dates(&all, Interval::Day)?;
    let day = |d: Option<&chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let languages = archive.top(Facet::Languages, &all, usize::MAX)?;
    let without_actor_rules = languages
        .counts
        .iter()
        .filter(|(l, _)| !crate::extract::lang::has_actor_rules(Some(l)))
        .map(|(_, n)| n)
        .sum();
    let stats = Stats {
        overview: archive.overview()?,
        first_date: day(days.periods.keys().next()),
        last_date: day(days.periods.keys().next_back()),
        undated: days.undated,
        countries: archive.top(Facet::Countries, &all, 10)?,
        actors: archive.top(Facet::Actors, &all, 10)?,
        sources: archive.top(Facet::Sources, &all, 5)?,
        languages,
        without_actor_rules,
    };
    results::write_stats(out, &stats, args.json, style)?;
    Ok(stats.overview.articles > 0)
}

/// `newsidx completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<bool> {
    use clap::CommandFactory;
    let mut cmd = crate::cli::Cli::command();
    // clap_complete panics when its writer fails, as a closed pipe makes it; it writes
    // into memory here, and the write to stdout reports a closed pipe as an error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "newsidx", &mut script);
    let mut out = stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(true)
}

/// `newsidx man`.
pub fn man() -> Result<bool> {
    use clap::CommandFactory;
    let cmd = crate::cli::Cli::command();
    let mut out = stdout();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    out.flush()?;
    Ok(true)
}
