//! Command orchestration: each function wires the stages for one subcommand.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::ExtractArgs;
use crate::discover::{self, DiscoverOptions};
use crate::formats::Format;
use crate::pipeline;

fn forced_format(name: Option<&str>) -> Result<Option<Format>> {
    name.map(|n| {
        Format::from_name(n).with_context(|| {
            let known: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format {n:?}; known formats: {}", known.join(", "))
        })
    })
    .transpose()
}

/// `newsidx extract`: what the indexer would see, without indexing.
pub fn extract(args: &ExtractArgs) -> Result<bool> {
    let opts = DiscoverOptions {
        follow_links: args.follow_links,
        forced: forced_format(args.input_format.as_deref())?,
    };
    let walk = discover::discover(&args.paths, opts)?;
    for s in &walk.skipped {
        eprintln!("newsidx: skipped {}: {}", s.path.display(), s.reason);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut any = false;
    for source in &walk.sources {
        match pipeline::load(source) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    eprintln!("newsidx: warning: {}: {w}", source.path.display());
                }
                for record in &loaded.records {
                    any = true;
                    if args.json {
                        serde_json::to_writer(&mut out, record)?;
                        writeln!(out)?;
                    } else {
                        crate::render::human::write_record(&mut out, record, false)?;
                    }
                }
            }
            Err(e) => eprintln!("newsidx: skipped {}: {e}", source.path.display()),
        }
    }
    out.flush()?;
    Ok(any)
}
