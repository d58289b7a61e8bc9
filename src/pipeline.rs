//! Reading one source file into records: bytes, format parser, extraction, ids.
//! Shared by `extract` and `index`, so both see exactly the same articles.

use crate::discover::Source;
use crate::extract;
use crate::formats::{self, FormatError, FormatOptions};
use crate::record::Record;

/// The articles of one file, plus problems that cost part of it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Records with `body` filled in.
    pub records: Vec<Record>,
    pub warnings: Vec<String>,
}

/// Why a whole file gave nothing.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl LoadError {
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Io(_) => "unreadable",
            LoadError::Format(f) => f.kind(),
        }
    }
}

pub fn load(source: &Source, opts: &FormatOptions) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(&source.path)?;
    load_bytes(source, &bytes, opts)
}

pub fn load_bytes(
    source: &Source,
    bytes: &[u8],
    opts: &FormatOptions,
) -> Result<Loaded, LoadError> {
    let parsed = formats::parse_with(source.format, bytes, opts)?;
    let path = source.path.to_string_lossy().into_owned();
    // A `.json` file holding one object is a single-article file like a `.txt`; record
    // streams (JSONL, feeds, SGML, CSV) keep `#N` ids even with one record, so the first
    // record's id does not change when the file grows.
    let multi = parsed.articles.len() > 1
        || (source.format.is_multi() && source.format != formats::Format::Json);
    let mut seen_ids = std::collections::HashSet::new();
    let mut records = Vec::with_capacity(parsed.articles.len());
    for (i, article) in parsed.articles.iter().enumerate() {
        let mut id = match (&article.record_id, multi) {
            (_, false) => source.id.clone(),
            (Some(rid), true) => format!("{}#{}", source.id, rid),
            (None, true) => format!("{}#{}", source.id, i + 1),
        };
        // A record id repeated inside one file would make two articles one.
        if !seen_ids.insert(id.clone()) {
            id = format!("{}#{}", source.id, i + 1);
            seen_ids.insert(id.clone());
        }
        let ex = extract::extract(article, &path);
        let mut record = Record::new(id, path.clone(), article, ex);
        record.body = Some(article.body.clone());
        records.push(record);
    }
    Ok(Loaded {
        records,
        warnings: parsed.warnings,
    })
}
