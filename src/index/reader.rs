//! Reading the index: stored records by address or id, and the collector that counts
//! dates per day for timelines from the date fast field, without loading documents.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, Column};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::{Fields, columns, schema};
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

/// Counts matching documents per day (days since 1970-01-01, UTC); undated documents are
/// counted apart. Counting inside each segment keeps one small array per segment where
/// collecting kept one date per matching document.
pub struct DayCounts;

pub struct SegmentDayCounts {
    column: Column<DateTime>,
    /// The segment's earliest day: `counts[i]` is day `first_day + i`.
    first_day: i64,
    counts: Vec<u32>,
    /// Days outside the array (never, unless the column's bounds are off).
    other: BTreeMap<i64, u64>,
    undated: u64,
    docs: Vec<DocId>,
    rows: Vec<u32>,
    dates: Vec<DateTime>,
}

/// One segment's counts: `counts[i]` is day `first_day + i`, `other` the days outside.
pub struct DayTally {
    first_day: i64,
    counts: Vec<u32>,
    other: BTreeMap<i64, u64>,
    undated: u64,
}

/// Matching documents per day, and how many have no date.
#[derive(Default)]
pub struct DayFruit {
    pub days: BTreeMap<i64, u64>,
    pub undated: u64,
}

/// Tantivy's dates span 1678 to 2262 (about 213,000 days); a wider segment keeps its
/// outliers in a map.
const MAX_DAYS: i64 = 1 << 18;

fn day_of(date: DateTime) -> i64 {
    date.into_timestamp_secs().div_euclid(86_400)
}

impl Collector for DayCounts {
    type Fruit = DayFruit;
    type Child = SegmentDayCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let column = segment.fast_fields().date(schema::DATE)?;
        let first_day = day_of(column.min_value());
        let span = (day_of(column.max_value()) - first_day + 1).clamp(0, MAX_DAYS);
        Ok(SegmentDayCounts {
            column,
            first_day,
            counts: vec![0; span as usize],
            other: BTreeMap::new(),
            undated: 0,
            docs: Vec::new(),
            rows: Vec::new(),
            dates: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Sums the segments' day arrays into one array over all their days, so each day
    /// enters the map once.
    fn merge_fruits(&self, tallies: Vec<DayTally>) -> tantivy::Result<DayFruit> {
        let spans = tallies.iter().filter(|t| !t.counts.is_empty());
        let first = spans.clone().map(|t| t.first_day).min().unwrap_or(0);
        let end = spans.map(|t| t.first_day + t.counts.len() as i64).max();
        let mut dense = vec![0u64; end.map_or(0, |end| (end - first) as usize)];
        let mut all = DayFruit::default();
        for tally in tallies {
            if !tally.counts.is_empty() {
                let offset = (tally.first_day - first) as usize;
                for (sum, &n) in dense[offset..].iter_mut().zip(&tally.counts) {
                    *sum += u64::from(n);
                }
            }
            for (day, n) in tally.other {
                *all.days.entry(day).or_default() += n;
            }
            all.undated += tally.undated;
        }
        for (i, n) in dense.into_iter().enumerate().filter(|&(_, n)| n > 0) {
            *all.days.entry(first + i as i64).or_default() += n;
        }
        Ok(all)
    }
}

/// Articles per day over every live document, without a query: the dates are one column
/// of rows read in a single pass, and deleted documents are then taken back out.
pub fn count_every_day(searcher: &Searcher) -> tantivy::Result<DayFruit> {
    let mut fruits = Vec::with_capacity(searcher.segment_readers().len());
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let mut counts = DayCounts.for_segment(ordinal as SegmentOrdinal, segment)?;
        if counts.column.get_cardinality() == Cardinality::Multivalued {
            let alive = segment.alive_bitset();
            for doc in (0..segment.max_doc()).filter(|&d| alive.is_none_or(|a| a.is_alive(d))) {
                counts.collect(doc, 0.0);
            }
        } else {
            counts.count_column(segment.max_doc());
            columns::deleted_docs(segment).for_each(|doc| counts.uncount(doc));
        }
        fruits.push(counts.harvest());
    }
    DayCounts.merge_fruits(fruits)
}

impl SegmentDayCounts {
    fn add(&mut self, date: DateTime) {
        self.shift(day_of(date), 1);
    }

    fn shift(&mut self, day: i64, by: i64) {
        match self.counts.get_mut((day - self.first_day) as usize) {
            Some(c) if day >= self.first_day => *c = c.saturating_add_signed(by as i32),
            _ => {
                let n = self.other.entry(day).or_default();
                *n = n.saturating_add_signed(by);
            }
        }
    }

    /// Counts every row of a column with at most one date per document: each row is a
    /// dated document, and the documents without a row are the undated ones.
    fn count_column(&mut self, max_doc: DocId) {
        let values = std::sync::Arc::clone(&self.column.values);
        self.undated += u64::from(max_doc.saturating_sub(values.num_vals()));
        let mut dates = std::mem::take(&mut self.dates);
        columns::for_each_value(&*values, &mut dates, |d| self.add(d));
        self.dates = dates;
    }

    /// Takes a deleted document back out of the counts.
    fn uncount(&mut self, doc: DocId) {
        match self.column.first(doc) {
            Some(d) => self.shift(day_of(d), -1),
            None => self.undated = self.undated.saturating_sub(1),
        }
    }
}

impl SegmentCollector for SegmentDayCounts {
    type Fruit = DayTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.column.first(doc) {
            Some(d) => self.add(d),
            None => self.undated += 1,
        }
    }

    /// A block at a time: a run of consecutive documents (every document, when nothing
    /// filters) is one range of rows. A document has at most one date, so the rows are
    /// the dated documents; a column that holds several dates per document (not one
    /// newsidx writes) falls back to the first date of each.
    fn collect_block(&mut self, docs: &[DocId]) {
        let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else {
            return;
        };
        if self.column.get_cardinality() == Cardinality::Multivalued {
            for &doc in docs {
                self.collect(doc, 0.0);
            }
            return;
        }
        let index = &self.column.index;
        self.rows.clear();
        if (last - first) as usize + 1 == docs.len() {
            self.rows
                .extend(index.docid_range_to_rowids(first..last + 1));
        } else {
            self.docs.clear();
            index.docids_to_rowids(docs, &mut self.docs, &mut self.rows);
        }
        self.undated += (docs.len() - self.rows.len()) as u64;
        let mut dates = std::mem::take(&mut self.dates);
        dates.clear();
        dates.resize(self.rows.len(), DateTime::default());
        self.column.values.get_vals(&self.rows, &mut dates);
        for &d in &dates {
            self.add(d);
        }
        self.dates = dates;
    }

    fn harvest(self) -> DayTally {
        DayTally {
            first_day: self.first_day,
            counts: self.counts,
            other: self.other,
            undated: self.undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{AllQuery, Query};
    use tantivy::{Index, IndexWriter};

    /// Three segments; document k is dated k * 0.7 days after 1969-12-20 (some before
    /// 1970, several per day), except every fifth, which has no date; every third
    /// document carries the source "third".
    fn dated_index() -> tantivy::Result<Searcher> {
        dated_index_deleting(None)
    }

    /// As `dated_index`, then deletes the documents whose source is `deleted`.
    fn dated_index_deleting(deleted: Option<&str>) -> tantivy::Result<Searcher> {
        let index = Index::create_in_ram(Fields::schema());
        schema::register_tokenizers(&index);
        let (date, source) = (
            index.schema().get_field(schema::DATE)?,
            index.schema().get_field(schema::SOURCE)?,
        );
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000)?;
        writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for k in 0..600i64 {
            let mut doc = TantivyDocument::default();
            if k % 5 != 0 {
                doc.add_date(date, DateTime::from_timestamp_secs(-1_036_800 + k * 60_480));
            }
            if k % 3 == 0 {
                doc.add_text(source, "third");
            }
            writer.add_document(doc)?;
            if k % 200 == 199 {
                writer.commit()?;
            }
        }
        if let Some(value) = deleted {
            writer.delete_term(Term::from_field_text(source, value));
            writer.commit()?;
        }
        Ok(index.reader()?.searcher())
    }

    /// What counting one date per document gives: the seconds of each matching dated
    /// document, and the undated count.
    fn per_document(searcher: &Searcher, query: &dyn Query) -> (Vec<i64>, u64) {
        let docs = searcher
            .search(query, &tantivy::collector::DocSetCollector)
            .unwrap();
        let (mut seconds, mut undated) = (Vec::new(), 0);
        for addr in docs {
            let seg = searcher.segment_reader(addr.segment_ord);
            match seg
                .fast_fields()
                .date(schema::DATE)
                .unwrap()
                .first(addr.doc_id)
            {
                Some(d) => seconds.push(d.into_timestamp_secs()),
                None => undated += 1,
            }
        }
        (seconds, undated)
    }

    #[test]
    fn day_counts_equal_counting_each_document() -> tantivy::Result<()> {
        use crate::query::timeline::{Interval, periods, periods_of_days};
        let searcher = dated_index()?;
        let third = TermQuery::new(
            Term::from_field_text(searcher.schema().get_field(schema::SOURCE)?, "third"),
            IndexRecordOption::Basic,
        );
        for query in [&AllQuery as &dyn Query, &third] {
            let found = searcher.search(query, &DayCounts)?;
            let (seconds, undated) = per_document(&searcher, query);
            assert_eq!(found.undated, undated);
            assert!(undated > 0 && !seconds.is_empty());
            for by in [
                Interval::Day,
                Interval::Week,
                Interval::Month,
                Interval::Year,
            ] {
                let days = periods_of_days(found.days.clone(), by);
                assert_eq!(days, periods(&seconds, by));
            }
        }
        let all = searcher.search(&AllQuery, &DayCounts)?;
        assert_eq!(all.days.values().sum::<u64>(), 480);
        assert!(all.days.keys().next().is_some_and(|&d| d < 0));
        Ok(())
    }

    /// Counting the whole date column gives what collecting every document gives, dated
    /// and undated, also when deleted documents are still in the segments.
    #[test]
    fn counting_every_day_equals_collecting_every_document() -> tantivy::Result<()> {
        for deleted in [None, Some("third")] {
            let searcher = dated_index_deleting(deleted)?;
            let collected = searcher.search(&AllQuery, &DayCounts)?;
            let counted = count_every_day(&searcher)?;
            assert_eq!(counted.days, collected.days, "deleted: {deleted:?}");
            assert_eq!(counted.undated, collected.undated, "deleted: {deleted:?}");
            let live = if deleted.is_some() { 400 } else { 600 };
            assert_eq!(counted.days.values().sum::<u64>() + counted.undated, live);
        }
        Ok(())
    }
}
