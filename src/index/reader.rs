//! Reading the index: stored records by address or id, and collectors that aggregate
//! fast fields (term counts for facets, dates for timelines) without loading documents.

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::Fields;
use crate::record::Record;

/// Loads the stored record of a document; with `body`, also its text.
pub fn record_at(
    searcher: &Searcher,
    fields: &Fields,
    addr: DocAddress,
    body: bool,
) -> Result<(Record, String)> {
    let doc: TantivyDocument = searcher.doc(addr).context("cannot read stored article")?;
    let json = doc
        .get_first(fields.record)
        .and_then(|v| v.as_str())
        .unwrap_or("{}");
    let mut record: Record =
        serde_json::from_str(json).context("stored article record is damaged")?;
    let text = if body {
        doc.get_first(fields.body)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    } else {
        String::new()
    };
    record.body = None;
    Ok((record, text))
}

/// Documents whose id, or failing that whose file path, equals `key`.
pub fn find(searcher: &Searcher, fields: &Fields, key: &str) -> Result<Vec<DocAddress>> {
    for field in [fields.id, fields.path] {
        let q = TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
        let docs = searcher.search(&q, &tantivy::collector::DocSetCollector)?;
        if !docs.is_empty() {
            let mut docs: Vec<DocAddress> = docs.into_iter().collect();
            docs.sort();
            return Ok(docs);
        }
    }
    Ok(Vec::new())
}

/// Counts matching documents per value of a string fast field (countries, actors, sources).
pub struct TermCounts {
    pub field: &'static str,
}

pub struct SegmentTermCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl Collector for TermCounts {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentTermCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let column = segment.fast_fields().str(self.field)?;
        let n = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentTermCounts {
            column,
            counts: vec![0; n],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: HashMap<String, u64> = HashMap::new();
        for fruit in fruits {
            for (k, v) in fruit {
                *all.entry(k).or_default() += v;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentTermCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(col) = &self.column {
            for ord in col.term_ords(doc) {
                if let Some(c) = self.counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::new();
        let Some(col) = self.column else { return out };
        let hit: Vec<(u64, u64)> = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(ord, c)| (ord as u64, *c))
            .collect();
        let ords: Vec<u64> = hit.iter().map(|(ord, _)| *ord).collect();
        // Resolving the ordinals together, in order, decodes each dictionary block once;
        // `ord_to_str` per ordinal decompresses a whole block for every single name.
        let mut next = hit.iter();
        let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some((_, count)) = next.next() {
                out.insert(String::from_utf8_lossy(bytes).into_owned(), *count);
            }
        });
        out
    }
}

/// Collects the date (seconds since the epoch) of every matching document; undated
/// documents are counted apart.
pub struct Dates;

pub struct SegmentDates {
    column: tantivy::columnar::Column<tantivy::DateTime>,
    fruit: DateFruit,
}

#[derive(Default)]
pub struct DateFruit {
    pub seconds: Vec<i64>,
    pub undated: u64,
}

impl Collector for Dates {
    type Fruit = DateFruit;
    type Child = SegmentDates;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentDates {
            column: segment.fast_fields().date("date")?,
            fruit: DateFruit::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<DateFruit>) -> tantivy::Result<DateFruit> {
        let mut all = DateFruit::default();
        for f in fruits {
            all.seconds.extend(f.seconds);
            all.undated += f.undated;
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentDates {
    type Fruit = DateFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.column.first(doc) {
            Some(d) => self.fruit.seconds.push(d.into_timestamp_secs()),
            None => self.fruit.undated += 1,
        }
    }

    fn harvest(self) -> DateFruit {
        self.fruit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Index;
    use tantivy::query::AllQuery;

    /// Facet counts must name the right terms, also when the dictionary spans many blocks
    /// and only some terms are counted.
    #[test]
    fn term_counts_resolve_names_across_dictionary_blocks() -> tantivy::Result<()> {
        let index = Index::create_in_ram(Fields::schema());
        super::super::schema::register_tokenizers(&index);
        let actor = index.schema().get_field("actor")?;
        let mut writer = index.writer_with_num_threads(1, 20_000_000)?;
        // 3000 names, so the dictionary has many blocks; name k appears (k % 3) times.
        for k in 0..3000u32 {
            for _ in 0..(k % 3) {
                let mut doc = TantivyDocument::default();
                doc.add_text(actor, format!("Person {k:05}"));
                writer.add_document(doc)?;
            }
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let counts = searcher.search(&AllQuery, &TermCounts { field: "actor" })?;
        assert_eq!(counts.len(), 2000);
        assert_eq!(counts.get("Person 00001"), Some(&1));
        assert_eq!(counts.get("Person 02997"), None);
        assert_eq!(counts.get("Person 02998"), Some(&1));
        assert_eq!(counts.get("Person 02999"), Some(&2));
        assert_eq!(counts.get("Person 01502"), Some(&2));
        Ok(())
    }
}
