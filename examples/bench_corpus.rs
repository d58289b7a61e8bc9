//! Benchmark corpus generator: replicates real news stories (or, without them, synthetic
//! stories of its own) into large folder trees, writes the same text in every input format
//! newsidx reads, and changes a fixed share of files for the incremental re-index benchmark.
//!
//! Usage (paths relative to the repository root; everything goes under `target/bench/`):
//!
//! ```text
//! cargo run --release --example bench_corpus -- replicate --articles 30000 --out target/bench/corpus-30k
//! cargo run --release --example bench_corpus -- formats   --articles 30000 --out target/bench/formats-30k
//! cargo run --release --example bench_corpus -- mutate    --dir target/bench/corpus-30k --percent 1
//! ```
//!
//! `--source DIR` picks the stories to replicate (default `../shared/eval/reuters-dev/txt`);
//! when that folder is absent the generator writes synthetic stories instead and says so.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DEFAULT_SOURCE: &str = "../shared/eval/reuters-dev/txt";
/// How many base stories the synthetic generator invents: the size of the real dev set,
/// so both kinds of corpus have the same copy structure.
const SYNTHETIC_BASE: usize = 10_051;
/// Articles per JSON Lines file in the format corpus.
const JSONL_PER_FILE: usize = 1000;
/// Copy dates spread over these years, so date filters and timelines have work to do.
const FIRST_YEAR: i32 = 1990;
const YEARS: i64 = 36;

/// One base story: a headline and the text below it.
#[derive(Clone)]
struct Story {
    /// File stem in the source folder, reused in every copy so paths stay recognisable.
    stem: String,
    title: String,
    body: String,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage() -> String {
    "usage: bench_corpus replicate|formats --articles N --out DIR [--source DIR]\n       \
     bench_corpus mutate --dir DIR [--percent P]"
        .to_string()
}

/// Value of `--name` in `args`, if given.
fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// Article counts as people write them: `30000`, `30k`, `1m`.
fn parse_count(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = match s.strip_suffix('k') {
        Some(n) => (n, 1_000.0),
        None => match s.strip_suffix('m') {
            Some(n) => (n, 1_000_000.0),
            None => (s.as_str(), 1.0),
        },
    };
    let v: f64 = num.parse().ok()?;
    (v.is_finite() && v > 0.0).then(|| (v * mult).round() as usize)
}

fn run(args: &[String]) -> Result<(), String> {
    let Some(mode) = args.first() else {
        return Err(usage());
    };
    match mode.as_str() {
        "replicate" | "formats" => {
            let n = opt(args, "--articles")
                .and_then(parse_count)
                .ok_or_else(usage)?;
            let out = PathBuf::from(opt(args, "--out").ok_or_else(usage)?);
            let source = PathBuf::from(opt(args, "--source").unwrap_or(DEFAULT_SOURCE));
            let (stories, kind) = base_stories(&source)?;
            let written = if mode == "replicate" {
                replicate(&stories, n, &out)?
            } else {
                formats(&stories, n, &out)?
            };
            println!(
                "{written} articles from {} {kind} base stories written under {}",
                stories.len(),
                out.display()
            );
            Ok(())
        }
        "mutate" => {
            let dir = PathBuf::from(opt(args, "--dir").ok_or_else(usage)?);
            let percent: f64 = opt(args, "--percent")
                .unwrap_or("1")
                .parse()
                .map_err(|_| "--percent takes a number".to_string())?;
            let changed = mutate(&dir, percent)?;
            println!("{changed} files changed under {}", dir.display());
            Ok(())
        }
        _ => Err(usage()),
    }
}

/// The stories to replicate: the real ones when the source folder exists, else synthetic.
fn base_stories(source: &Path) -> Result<(Vec<Story>, &'static str), String> {
    if !source.is_dir() {
        eprintln!(
            "notice: {} absent; writing synthetic stories instead of real text",
            source.display()
        );
        return Ok((synthetic_stories(SYNTHETIC_BASE), "synthetic"));
    }
    let mut files: Vec<PathBuf> = fs::read_dir(source)
        .map_err(|e| format!("cannot list {}: {e}", source.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    // Numeric order when names are numbers, so copies line up run after run.
    files.sort_by_key(|p| {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        (stem.parse::<u64>().unwrap_or(u64::MAX), stem.to_string())
    });
    let mut stories = Vec::with_capacity(files.len());
    for path in files {
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = text.splitn(2, '\n');
        let title = lines.next().unwrap_or("").trim().to_string();
        let body = lines.next().unwrap_or("").trim().to_string();
        if title.is_empty() && body.is_empty() {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("story")
            .to_string();
        stories.push(Story { stem, title, body });
    }
    if stories.is_empty() {
        return Err(format!("no .txt stories in {}", source.display()));
    }
    Ok((stories, "real"))
}

/// Where copy `copy` of story `index` sits in time: spread evenly over the years, and
/// different for every copy of the same story.
fn copy_date(copy: usize, index: usize, per_copy: usize) -> (i32, u32, u32) {
    let serial = (copy * per_copy + index) as i64;
    let days = (serial * 7919).rem_euclid(YEARS * 365);
    civil_from_days(days_from_civil(FIRST_YEAR, 1, 1) + days)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One article as every format writes it: the same title, body and date.
struct Copy {
    /// Path below the format folder, without extension: `c0042/1234`.
    rel: String,
    title: String,
    body: String,
    /// `YYYY-MM-DD`.
    iso_date: String,
}

/// Story `index` in copy `copy`. The trailer line makes every copy differ from the others
/// (no byte-identical files, which would be unrealistically cheap to deduplicate) and
/// states a full date in the prose.
fn make_copy(stories: &[Story], serial: usize) -> Copy {
    let per_copy = stories.len();
    let copy = serial / per_copy;
    let index = serial % per_copy;
    let story = &stories[index];
    let (y, m, d) = copy_date(copy, index, per_copy);
    let month = MONTHS[(m as usize).saturating_sub(1) % 12];
    // The filing date opens the body as a dateline, where newsidx (and a reader) looks
    // for it; at the end of the story it was ignored and 99.6% of copies went undated.
    let mut body = String::with_capacity(story.body.len() + 40);
    let _ = write!(body, "{month} {d}, {y} (archive copy {}) - ", copy + 1);
    body.push_str(&story.body);
    Copy {
        rel: format!("c{:04}/{}", copy + 1, story.stem),
        title: story.title.clone(),
        body,
        iso_date: format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn txt_bytes(c: &Copy) -> String {
    format!("{}\n\n{}\n", c.title, c.body)
}

/// `n` plain-text articles, one per file, one folder per copy of the base set.
fn replicate(stories: &[Story], n: usize, out: &Path) -> Result<usize, String> {
    for serial in 0..n {
        let c = make_copy(stories, serial);
        write_file(
            &out.join(format!("{}.txt", c.rel)),
            txt_bytes(&c).as_bytes(),
        )?;
    }
    Ok(n)
}

/// YAML double-quoted scalar.
fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The same `n` articles as txt, md with front matter, JSONL and gzipped JSONL, each
/// format in its own folder so each parser can be timed on its own.
fn formats(stories: &[Story], n: usize, out: &Path) -> Result<usize, String> {
    use flate2::Compression;
    use flate2::write::GzEncoder;

    let mut jsonl = String::new();
    let mut part = 0usize;
    let flush = |jsonl: &mut String, part: &mut usize| -> Result<(), String> {
        if jsonl.is_empty() {
            return Ok(());
        }
        *part += 1;
        let name = format!("part-{:05}", *part);
        write_file(
            &out.join("jsonl").join(format!("{name}.jsonl")),
            jsonl.as_bytes(),
        )?;
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(jsonl.as_bytes())
            .and_then(|()| gz.try_finish())
            .map_err(|e| format!("gzip failed: {e}"))?;
        write_file(
            &out.join("jsonlgz").join(format!("{name}.jsonl.gz")),
            &gz.get_ref()[..],
        )?;
        jsonl.clear();
        Ok(())
    };
    for serial in 0..n {
        let c = make_copy(stories, serial);
        write_file(
            &out.join("txt").join(format!("{}.txt", c.rel)),
            txt_bytes(&c).as_bytes(),
        )?;
        let md = format!(
            "---\ntitle: {}\ndate: {}\nsource: Reuters\n---\n\n{}\n",
            yaml_str(&c.title),
            c.iso_date,
            c.body
        );
        write_file(&out.join("md").join(format!("{}.md", c.rel)), md.as_bytes())?;
        let line = serde_json::json!({
            "id": c.rel,
            "title": c.title,
            "date": c.iso_date,
            "source": "Reuters",
            "body": c.body,
        });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
        if (serial + 1) % JSONL_PER_FILE == 0 {
            flush(&mut jsonl, &mut part)?;
        }
    }
    flush(&mut jsonl, &mut part)?;
    Ok(n)
}

/// Appends a correction line to `percent`% of the files under `dir` (every k-th file in
/// name order), with a nonce so repeated runs change the files again.
fn mutate(dir: &Path, percent: f64) -> Result<usize, String> {
    if !(percent > 0.0 && percent <= 100.0) {
        return Err("--percent must be in (0, 100]".into());
    }
    let mut files = Vec::new();
    collect_files(dir, &mut files).map_err(|e| format!("cannot walk {}: {e}", dir.display()))?;
    files.sort();
    let step = ((100.0 / percent).round() as usize).max(1);
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut changed = 0;
    for path in files.iter().step_by(step) {
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        writeln!(
            f,
            "\nCorrection {nonce}: an earlier version misstated a figure."
        )
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        changed += 1;
    }
    Ok(changed)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        if ty.is_dir() {
            collect_files(&entry.path(), out)?;
        } else if ty.is_file() && entry.path().extension().is_some_and(|x| x == "txt") {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// A small deterministic generator (xorshift64*), so synthetic corpora rebuild identically.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PEOPLE: &[&str] = &[
    "Marta Quillon",
    "Tobias Ferrand",
    "Amina Okafor",
    "Henrik Solberg",
    "Lucia Benavente",
    "Rajan Mehrotra",
    "Yuki Tanabe",
    "Oskar Lindqvist",
    "Grace Achterberg",
    "Paolo Verdicchio",
    "Nadia Haddad",
    "Samuel Oyelaran",
];
const ORGS: &[&str] = &[
    "the Bundesbank",
    "OPEC",
    "the International Monetary Fund",
    "the World Bank",
    "the European Commission",
    "the Federal Reserve",
    "the Bank of Japan",
    "Northgate Shipping",
    "Calloway Mining",
    "the Cocoa Producers Alliance",
];
const PLACES: &[&str] = &[
    "Brazil",
    "Japan",
    "West Germany",
    "France",
    "Canada",
    "Nigeria",
    "Indonesia",
    "Argentina",
    "Britain",
    "Australia",
    "Saudi Arabia",
    "Mexico",
    "the United States",
    "China",
];
const CITIES: &[&str] = &[
    "LONDON", "TOKYO", "NEW YORK", "PARIS", "BONN", "OTTAWA", "LAGOS", "JAKARTA", "SYDNEY",
];
const GOODS: &[&str] = &[
    "cocoa",
    "coffee",
    "sugar",
    "wheat",
    "crude oil",
    "copper",
    "gold",
    "tin",
    "soybeans",
    "natural gas",
    "steel",
    "cotton",
];
const VERBS: &[&str] = &[
    "rose",
    "fell",
    "held steady",
    "edged higher",
    "slipped",
    "recovered",
    "dropped sharply",
];
const CLAUSES: &[&str] = &[
    "traders said demand from importers remained firm",
    "analysts expected interest rates to stay unchanged this quarter",
    "officials declined to comment on the talks",
    "the trade surplus widened for a third month",
    "exporters were reluctant to offer nearby shipment",
    "the central bank intervened to support the currency",
    "dealers pointed to heavy selling late in the session",
    "the ministry said the figures were provisional",
];

/// Wire-style stories written from the word lists above: a headline, a dateline and a
/// few paragraphs, about 900 bytes each like the real dev stories.
fn synthetic_stories(n: usize) -> Vec<Story> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let good = rng.pick(GOODS);
            let place = rng.pick(PLACES);
            let title = format!(
                "{} {} IN {}",
                good.to_uppercase(),
                rng.pick(&["PRICES", "EXPORTS", "OUTPUT", "STOCKS"]),
                place.trim_start_matches("the ").to_uppercase()
            );
            let mut body = format!(
                "{}, {} {} - {} prices {} {} pct in {} this week, {}.",
                rng.pick(CITIES),
                &MONTHS[(rng.next() % 12) as usize][..3],
                rng.next() % 28 + 1,
                good,
                rng.pick(VERBS),
                rng.next() % 9 + 1,
                place,
                rng.pick(CLAUSES)
            );
            for _ in 0..(3 + rng.next() % 4) {
                let _ = write!(
                    body,
                    "\n\n{} of {} said {} {} {} against {} mln dlrs a year earlier, and {}.",
                    rng.pick(PEOPLE),
                    rng.pick(ORGS),
                    good,
                    rng.pick(&["shipments", "sales", "reserves", "imports"]),
                    rng.pick(VERBS),
                    rng.next() % 900 + 10,
                    rng.pick(CLAUSES)
                );
            }
            Story {
                stem: (i + 1).to_string(),
                title,
                body,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_parse_with_suffixes() {
        assert_eq!(parse_count("30k"), Some(30_000));
        assert_eq!(parse_count("1M"), Some(1_000_000));
        assert_eq!(parse_count("1500"), Some(1500));
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("lots"), None);
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-1000i64, 0, 59, 60, 7000, 20_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }

    #[test]
    fn copies_differ_and_stay_in_range() {
        let stories = synthetic_stories(5);
        let a = make_copy(&stories, 2);
        let b = make_copy(&stories, 7);
        assert_eq!(a.title, b.title);
        assert_ne!(a.body, b.body);
        assert!(a.rel.starts_with("c0001/") && b.rel.starts_with("c0002/"));
        let year: i32 = a.iso_date[..4].parse().unwrap_or(0);
        assert!((FIRST_YEAR..FIRST_YEAR + YEARS as i32).contains(&year));
    }
}
