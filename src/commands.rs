//! Command orchestration: each function resolves its clap arguments into the core's plain
//! request structs, runs the core, and hands the data to `render`.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::cli::{
    ColorArg, ExtractArgs, FacetArg, FilterArgs, IndexArgs, IntervalArg, LimitArgs, OutputFormat,
    SearchArgs, ShowArgs, SimilarArgs, SortOrder, StatsArgs, TimelineArgs, TopArgs,
};
use crate::discover::{self, DiscoverOptions};
use crate::extract::countries;
use crate::formats::{Format as InputFormat, FormatOptions, Limits};
use crate::index::{self, writer};
use crate::pipeline;
use crate::query::timeline::{self, Interval};
use crate::query::{Facet, Filters, Hits, SearchRequest, Session, Sort};
use crate::render::{ColorChoice, Format, Style, human, machine};

/// Global options every command may use.
pub struct Globals {
    pub index_dir: PathBuf,
    pub style: Style,
}

impl Globals {
    pub fn new(index: Option<PathBuf>, color: ColorArg) -> Globals {
        let choice = match color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        Globals {
            index_dir: index.unwrap_or_else(index::default_dir),
            style: Style::detect(choice),
        }
    }
}

fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
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

fn forced_format(name: Option<&str>) -> Result<Option<InputFormat>> {
    name.map(|n| {
        InputFormat::from_name(n).with_context(|| {
            let known: Vec<_> = InputFormat::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format '{n}'; known formats: {}", known.join(", "))
        })
    })
    .transpose()
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

fn filters(f: &FilterArgs) -> Filters {
    Filters {
        actors: f.actor.clone(),
        countries: f.country.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        sources: f.source.clone(),
        langs: f.lang.clone(),
    }
}

fn output_format(format: Option<OutputFormat>, json: bool, json_means: Format) -> Format {
    if json {
        return json_means;
    }
    match format.unwrap_or(OutputFormat::Human) {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Jsonl => Format::Jsonl,
        OutputFormat::Csv => Format::Csv,
        OutputFormat::Paths => Format::Paths,
    }
}

/// `newsidx index`.
pub fn index(g: &Globals, args: &IndexArgs) -> Result<bool> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let config = writer::IndexConfig {
        index_dir: g.index_dir.clone(),
        paths: args.paths.clone(),
        rebuild: args.rebuild,
        discover: DiscoverOptions {
            follow_links: args.follow_links,
            forced: forced_format(args.input_format.as_deref())?,
        },
        format_options: format_options(args.csv_columns.as_deref(), &args.limits)?,
        memory_bytes: args.memory.max(16).saturating_mul(1024 * 1024),
        threads,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        commit_interval: Duration::from_secs(args.commit_interval.max(1)),
    };
    let summary = writer::run(&config, |msg| eprintln!("newsidx: warning: {msg}"))?;
    eprintln!("newsidx: {}", summary.line());
    if args.json {
        let mut out = stdout();
        machine::write_json_line(&mut out, &summary)?;
        out.flush()?;
    }
    Ok(true)
}

/// `newsidx extract`: what the indexer would see, without indexing.
pub fn extract(g: &Globals, args: &ExtractArgs) -> Result<bool> {
    let opts = DiscoverOptions {
        follow_links: args.follow_links,
        forced: forced_format(args.input_format.as_deref())?,
    };
    let format_options = format_options(args.csv_columns.as_deref(), &args.limits)?;
    let walk = discover::discover(&args.paths, opts)?;
    for s in walk.skipped.iter().filter(|s| s.kind.is_warned()) {
        eprintln!("newsidx: warning: {}: {}", s.path.display(), s.reason);
    }
    let mut out = stdout();
    let mut any = false;
    for source in &walk.sources {
        match pipeline::load(source, &format_options) {
            Ok(loaded) => {
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
            Err(e) => eprintln!("newsidx: warning: {}: {e}", source.path.display()),
        }
    }
    out.flush()?;
    Ok(any)
}

/// `newsidx search`.
pub fn search(g: &Globals, args: &SearchArgs) -> Result<bool> {
    let session = Session::open(&g.index_dir)?;
    let format = output_format(args.format, args.json, Format::Jsonl);
    let req = SearchRequest {
        query: query_string(&args.query)?,
        filters: filters(&args.filters),
        sort: match args.sort {
            SortOrder::Relevance => Sort::Relevance,
            SortOrder::Newest => Sort::Newest,
            SortOrder::Oldest => Sort::Oldest,
        },
        limit: args.limit,
        offset: args.offset,
        fuzzy: args.fuzzy,
        collapse: args.collapse,
        count_only: args.count,
    };
    let hits = session.search(&req)?;
    let mut out = stdout();
    if args.count {
        writeln!(out, "{}", hits.total)?;
    } else {
        write_hits(&mut out, &hits, args.offset, format, &g.style)?;
    }
    out.flush()?;
    Ok(hits.total > 0)
}

fn write_hits(
    out: &mut impl Write,
    hits: &Hits,
    offset: usize,
    format: Format,
    style: &Style,
) -> Result<()> {
    match format {
        Format::Human => human::write_hits(out, hits, offset, style)?,
        Format::Json => {
            #[derive(Serialize)]
            struct All<'a> {
                total: usize,
                took_ms: f64,
                offset: usize,
                hits: Vec<machine::HitOut<'a>>,
            }
            let all = All {
                total: hits.total,
                took_ms: (hits.took.as_secs_f64() * 1e5).round() / 100.0,
                offset,
                hits: hits
                    .hits
                    .iter()
                    .enumerate()
                    .map(|(i, h)| machine::hit_out(offset + i + 1, h))
                    .collect(),
            };
            machine::write_json_pretty(out, &all)?;
        }
        Format::Jsonl => {
            for (i, h) in hits.hits.iter().enumerate() {
                machine::write_json_line(out, &machine::hit_out(offset + i + 1, h))?;
            }
        }
        Format::Csv => {
            let rows: Vec<(usize, &crate::query::Hit)> = hits
                .hits
                .iter()
                .enumerate()
                .map(|(i, h)| (offset + i + 1, h))
                .collect();
            machine::write_csv(out, &rows)?;
        }
        Format::Paths => {
            let mut seen = std::collections::HashSet::new();
            for h in &hits.hits {
                if seen.insert(&h.record.path) {
                    writeln!(out, "{}", h.record.path)?;
                }
            }
        }
    }
    Ok(())
}

/// `newsidx top`.
pub fn top(g: &Globals, args: &TopArgs) -> Result<bool> {
    let session = Session::open(&g.index_dir)?;
    let facet = match args.what {
        FacetArg::Actors => Facet::Actors,
        FacetArg::Countries => Facet::Countries,
        FacetArg::Sources => Facet::Sources,
        FacetArg::Languages => Facet::Languages,
    };
    let (total, counts) = session.top(
        facet,
        &query_string(&args.query)?,
        &filters(&args.filters),
        args.limit,
    )?;
    let rows: Vec<(String, String, u64)> = counts
        .into_iter()
        .map(|(key, n)| {
            let name = match facet {
                Facet::Countries => {
                    countries::name_of(&key).map_or(key.clone(), |n| format!("{n} ({key})"))
                }
                _ => key.clone(),
            };
            (key, name, n)
        })
        .collect();
    let format = output_format(args.format, args.json, Format::Json);
    let mut out = stdout();
    let label = match facet {
        Facet::Actors => "actor",
        Facet::Countries => "country",
        Facet::Sources => "source",
        Facet::Languages => "language",
    };
    match format {
        Format::Human | Format::Paths => {
            let title = match facet {
                Facet::Actors => "Top actors",
                Facet::Countries => "Top countries",
                Facet::Sources => "Top sources",
                Facet::Languages => "Top languages",
            };
            human::write_counts(&mut out, title, total, &rows, &g.style)?;
        }
        Format::Json | Format::Jsonl => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(key, name, n)| match facet {
                    Facet::Countries => serde_json::json!({"code": key, "name": countries::name_of(key).unwrap_or(key), "articles": n}),
                    _ => serde_json::json!({"name": name, "articles": n}),
                })
                .collect();
            if format == Format::Json {
                machine::write_json_pretty(
                    &mut out,
                    &serde_json::json!({"facet": label, "total": total, "top": items}),
                )?;
            } else {
                for item in &items {
                    machine::write_json_line(&mut out, item)?;
                }
            }
        }
        Format::Csv => {
            let data: Vec<Vec<String>> = rows
                .iter()
                .enumerate()
                .map(|(i, (key, name, n))| {
                    vec![
                        (i + 1).to_string(),
                        key.clone(),
                        name.clone(),
                        n.to_string(),
                    ]
                })
                .collect();
            machine::write_csv_rows(&mut out, &["rank", label, "name", "articles"], &data)?;
        }
    }
    out.flush()?;
    Ok(!rows.is_empty())
}

/// `newsidx timeline`.
pub fn timeline(g: &Globals, args: &TimelineArgs) -> Result<bool> {
    let session = Session::open(&g.index_dir)?;
    let by = match args.by {
        IntervalArg::Day => Interval::Day,
        IntervalArg::Week => Interval::Week,
        IntervalArg::Month => Interval::Month,
        IntervalArg::Year => Interval::Year,
    };
    let query = query_string(&args.query)?;
    let f = filters(&args.filters);
    let dates = session.dates(&query, &f)?;
    // The period asked for is shown in full, even where it has no articles.
    let now = chrono::Utc::now();
    let from = f
        .from
        .as_deref()
        .map(|s| crate::extract::dates::parse_bound(s, false, now))
        .transpose()?
        .map(|d| d.date_naive());
    let to =
        f.to.as_deref()
            .map(|s| crate::extract::dates::parse_bound(s, true, now))
            .transpose()?
            .map(|d| (d - chrono::Duration::seconds(1)).date_naive());
    let too_many =
        |n| anyhow::anyhow!("more than {n} buckets; use a coarser --by or narrow --from/--to");
    let mut buckets = timeline::buckets(&dates.seconds, by, from, to).map_err(too_many)?;
    if args.normalize {
        let all = session.dates("", &Filters::default())?;
        let all = timeline::buckets(&all.seconds, by, from, to).map_err(too_many)?;
        timeline::normalize(&mut buckets, &all);
    }
    let total = dates.seconds.len() as u64 + dates.undated;
    let format = output_format(args.format, args.json, Format::Json);
    let mut out = stdout();
    match format {
        Format::Human | Format::Paths => {
            human::write_timeline(&mut out, &buckets, total, dates.undated, &g.style)?
        }
        Format::Json => machine::write_json_pretty(
            &mut out,
            &serde_json::json!({"by": by, "total": total, "undated": dates.undated, "normalized": args.normalize, "buckets": buckets}),
        )?,
        Format::Jsonl => {
            for b in &buckets {
                machine::write_json_line(&mut out, b)?;
            }
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = buckets
                .iter()
                .map(|b| {
                    vec![
                        b.label.clone(),
                        b.start.to_string(),
                        b.count.to_string(),
                        b.total.map(|t| t.to_string()).unwrap_or_default(),
                        b.share.map(|s| format!("{s:.6}")).unwrap_or_default(),
                    ]
                })
                .collect();
            machine::write_csv_rows(
                &mut out,
                &["bucket", "start", "count", "total", "share"],
                &rows,
            )?;
        }
    }
    out.flush()?;
    Ok(total > 0)
}

/// `newsidx similar`.
pub fn similar(g: &Globals, args: &SimilarArgs) -> Result<bool> {
    let session = Session::open(&g.index_dir)?;
    let hits = session.similar(&args.id, &filters(&args.filters), args.limit, args.offset)?;
    let mut out = stdout();
    write_hits(
        &mut out,
        &hits,
        args.offset,
        output_format(args.format, args.json, Format::Jsonl),
        &g.style,
    )?;
    out.flush()?;
    Ok(hits.total > 0)
}

/// `newsidx show`.
pub fn show(g: &Globals, args: &ShowArgs) -> Result<bool> {
    let session = Session::open(&g.index_dir)?;
    let found = session.get(&args.id)?;
    if found.is_empty() {
        anyhow::bail!("no article with id or path '{}' in the index", args.id);
    }
    let mut out = stdout();
    for (mut record, body) in found {
        if args.json {
            if !args.no_body {
                record.body = Some(body);
            }
            machine::write_json_line(&mut out, &record)?;
        } else {
            human::write_record(
                &mut out,
                &record,
                &g.style,
                (!args.no_body).then_some(body.as_str()),
            )?;
        }
    }
    out.flush()?;
    Ok(true)
}

#[derive(Serialize)]
struct Stats {
    index: String,
    articles: u64,
    segments: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    undated: u64,
    size_bytes: u64,
    top_countries: Vec<serde_json::Value>,
    top_actors: Vec<serde_json::Value>,
    top_sources: Vec<serde_json::Value>,
    languages: Vec<serde_json::Value>,
    /// Articles in a language that actor extraction has no rules for: they have no
    /// actors from the text, rather than wrong ones.
    without_actor_rules: u64,
}

/// `newsidx stats`.
pub fn stats(g: &Globals, args: &StatsArgs) -> Result<bool> {
    let session = Session::open(&g.index_dir)?;
    let dates = session.dates("", &Filters::default())?;
    let day = |s: Option<&i64>| {
        s.and_then(|s| chrono::DateTime::from_timestamp(*s, 0))
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    let none = Filters::default();
    let (_, countries_top) = session.top(Facet::Countries, "", &none, 10)?;
    let (_, actors_top) = session.top(Facet::Actors, "", &none, 10)?;
    let (_, sources_top) = session.top(Facet::Sources, "", &none, 5)?;
    let (_, languages) = session.top(Facet::Languages, "", &none, usize::MAX)?;
    let without_actor_rules = languages
        .iter()
        .filter(|(l, _)| !crate::extract::lang::has_actor_rules(Some(l)))
        .map(|(_, n)| n)
        .sum();
    let stats = Stats {
        index: abs(&g.index_dir),
        articles: session.num_docs(),
        segments: session.searcher.segment_readers().len(),
        first_date: day(dates.seconds.iter().min()),
        last_date: day(dates.seconds.iter().max()),
        undated: dates.undated,
        size_bytes: index::disk_size(&g.index_dir),
        top_countries: countries_top
            .iter()
            .map(|(c, n)| serde_json::json!({"code": c, "name": countries::name_of(c).unwrap_or(c), "articles": n}))
            .collect(),
        top_actors: actors_top.iter().map(|(a, n)| serde_json::json!({"name": a, "articles": n})).collect(),
        top_sources: sources_top.iter().map(|(a, n)| serde_json::json!({"name": a, "articles": n})).collect(),
        languages: languages.iter().map(|(l, n)| serde_json::json!({"code": l, "articles": n})).collect(),
        without_actor_rules,
    };
    let mut out = stdout();
    if args.json {
        machine::write_json_pretty(&mut out, &stats)?;
    } else {
        let s = &g.style;
        writeln!(
            out,
            "{}",
            s.paint("1", &format!("index     {}", stats.index))
        )?;
        writeln!(
            out,
            "articles  {} ({} segments)",
            stats.articles, stats.segments
        )?;
        writeln!(
            out,
            "dates     {} to {} ({} undated)",
            stats.first_date.as_deref().unwrap_or("-"),
            stats.last_date.as_deref().unwrap_or("-"),
            stats.undated
        )?;
        writeln!(
            out,
            "size      {:.1} MB on disk",
            stats.size_bytes as f64 / 1e6
        )?;
        let list = |v: &[serde_json::Value], key: &str| {
            v.iter()
                .map(|x| format!("{} ({})", x[key].as_str().unwrap_or(""), x["articles"]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(out, "countries {}", list(&stats.top_countries, "code"))?;
        writeln!(out, "actors    {}", list(&stats.top_actors, "name"))?;
        if !stats.top_sources.is_empty() {
            writeln!(out, "sources   {}", list(&stats.top_sources, "name"))?;
        }
        if !stats.languages.is_empty() {
            writeln!(out, "languages {}", list(&stats.languages, "code"))?;
        }
        if stats.without_actor_rules > 0 {
            writeln!(
                out,
                "          actors are not extracted from the text of {} articles in languages \
                 without actor rules yet (only English has them)",
                stats.without_actor_rules
            )?;
        }
    }
    out.flush()?;
    Ok(stats.articles > 0)
}

fn abs(p: &Path) -> String {
    std::fs::canonicalize(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
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
