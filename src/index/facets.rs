//! Facet counts (`top actors`, countries, sources, languages) from string fast fields:
//! counts per term ordinal in each segment, then an exact top-k over the segments that
//! turns only the leading ordinals of each segment into names.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::io;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::columns;

/// Each segment offers at least this many leading terms in the first round.
const MIN_OFFER: usize = 64;

/// Counts matching documents per value of a string fast field, segment by segment.
pub struct TermCounts {
    pub field: &'static str,
}

/// One segment's counts, indexed by the segment's term ordinals, and the buffers that
/// reading a block of documents reuses.
pub struct SegmentTermCounts {
    column: Option<StrColumn>,
    counts: Vec<u32>,
    docs: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
}

impl Collector for TermCounts {
    type Fruit = Vec<SegmentTermCounts>;
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
            docs: Vec::new(),
            rows: Vec::new(),
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentTermCounts {
    type Fruit = Vec<SegmentTermCounts>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(col) = &self.column {
            for ord in col.term_ords(doc) {
                if let Some(c) = self.counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    /// A block at a time: the values of a run of consecutive documents (every document,
    /// when nothing filters) are one range of rows, found without a lookup per document.
    fn collect_block(&mut self, docs: &[DocId]) {
        let (Some(col), Some(&first), Some(&last)) = (&self.column, docs.first(), docs.last())
        else {
            return;
        };
        let column = col.ords();
        self.rows.clear();
        if (last - first) as usize + 1 == docs.len() {
            self.rows
                .extend(column.index.docid_range_to_rowids(first..last + 1));
        } else {
            self.docs.clear();
            column
                .index
                .docids_to_rowids(docs, &mut self.docs, &mut self.rows);
        }
        self.ords.clear();
        self.ords.resize(self.rows.len(), 0);
        column.values.get_vals(&self.rows, &mut self.ords);
        for &ord in &self.ords {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        vec![self]
    }
}

/// Counts per term for every live document of every segment. With nothing to filter,
/// each value row of a column belongs to some document, so the values are counted in
/// one pass without mapping documents to rows; deleted documents are then taken back out.
pub fn count_every_value(
    searcher: &Searcher,
    field: &'static str,
) -> tantivy::Result<Vec<SegmentTermCounts>> {
    let collector = TermCounts { field };
    let mut segments = Vec::with_capacity(searcher.segment_readers().len());
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let mut counts = collector.for_segment(ordinal as SegmentOrdinal, segment)?;
        counts.count_column();
        counts.uncount(columns::deleted_docs(segment));
        segments.push(counts);
    }
    Ok(segments)
}

impl SegmentTermCounts {
    /// Counts every value row of the column.
    fn count_column(&mut self) {
        let Some(col) = &self.column else {
            return;
        };
        let counts = &mut self.counts;
        columns::for_each_value(&*col.ords().values, &mut self.ords, |ord| {
            if let Some(c) = counts.get_mut(ord as usize) {
                *c += 1;
            }
        });
    }

    /// Takes the values of `docs` back out of the counts.
    fn uncount(&mut self, docs: impl Iterator<Item = DocId>) {
        let Some(col) = &self.column else {
            return;
        };
        for doc in docs {
            for ord in col.term_ords(doc) {
                if let Some(c) = self.counts.get_mut(ord as usize) {
                    *c = c.saturating_sub(1);
                }
            }
        }
    }

    /// How many terms were counted at least once.
    fn counted(&self) -> usize {
        self.counts.iter().filter(|&&c| c > 0).count()
    }

    /// The `n`-th largest count, or 1 when fewer than `n` terms were counted: every term
    /// counted at least this often is among the segment's leaders.
    fn cutoff(&self, n: usize) -> u32 {
        let mut heap: BinaryHeap<Reverse<u32>> = BinaryHeap::with_capacity(n + 1);
        for &c in &self.counts {
            if c == 0 {
                continue;
            }
            if heap.len() < n {
                heap.push(Reverse(c));
            } else if heap.peek().is_some_and(|m| c > m.0) {
                heap.pop();
                heap.push(Reverse(c));
            }
        }
        match heap.peek() {
            Some(m) if heap.len() == n => m.0.max(1),
            _ => 1,
        }
    }

    /// Names and counts of the terms counted at least `low` and fewer than `high` times.
    fn named(&self, low: u32, high: u64) -> io::Result<Vec<(String, u32)>> {
        let Some(col) = &self.column else {
            return Ok(Vec::new());
        };
        let picked: Vec<(u64, u32)> = (self.counts.iter().enumerate())
            .filter(|&(_, &c)| c >= low && u64::from(c) < high)
            .map(|(ord, &c)| (ord as u64, c))
            .collect();
        let ords: Vec<u64> = picked.iter().map(|p| p.0).collect();
        let mut out = Vec::with_capacity(picked.len());
        let mut next = picked.iter();
        // Resolving the ordinals together, in order, decodes each dictionary block once;
        // `ord_to_str` per ordinal decompresses a whole block for every single name.
        col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some((_, count)) = next.next() {
                out.push((String::from_utf8_lossy(bytes).into_owned(), *count));
            }
        })?;
        Ok(out)
    }

    /// How often `name` was counted in this segment.
    fn count_of(&self, name: &str) -> io::Result<u32> {
        let Some(col) = &self.column else {
            return Ok(0);
        };
        let ord = col.dictionary().term_ord(name.as_bytes())?;
        Ok(ord
            .and_then(|o| self.counts.get(o as usize))
            .map_or(0, |&c| c))
    }
}

/// The `limit` most frequent terms over all segments with their exact counts, most
/// frequent first, ties by name; terms never counted are left out.
///
/// Threshold top-k: each segment offers its `n` leading terms (with any that tie with
/// the n-th), whose totals are then summed exactly over every segment. A term no
/// segment offers counts less than the n-th count of each segment, so at most `bound`
/// in all; once the k-th total is above that bound no other term can enter the answer,
/// and otherwise `n` doubles. When the offers would cover a large part of all counted
/// terms, naming every counted term is cheaper than looking names up segment by segment.
pub fn top_terms(segments: &[SegmentTermCounts], limit: usize) -> io::Result<Vec<(String, u64)>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    // Each offered name is looked up in every segment; one lookup decodes part of a
    // dictionary block, a few times the cost of naming a term in a sequential pass.
    let lookups_per_name = segments.len().saturating_mul(4).max(1);
    let affordable = segments
        .iter()
        .map(SegmentTermCounts::counted)
        .sum::<usize>()
        / segments.len().max(1)
        / lookups_per_name;
    threshold_top(
        segments,
        limit,
        limit.saturating_mul(2).max(MIN_OFFER),
        affordable,
    )
}

/// The threshold loop of `top_terms`, starting with `n` terms per segment; past
/// `affordable` terms per segment it names every counted term instead.
fn threshold_top(
    segments: &[SegmentTermCounts],
    limit: usize,
    mut n: usize,
    affordable: usize,
) -> io::Result<Vec<(String, u64)>> {
    let mut offered = vec![u64::MAX; segments.len()];
    let mut cuts = vec![1u32; segments.len()];
    let mut known = Leaders::default();
    loop {
        if n > affordable {
            return all_terms(segments, limit);
        }
        for (s, seg) in segments.iter().enumerate() {
            cuts[s] = seg.cutoff(n);
            for (name, count) in seg.named(cuts[s], offered[s])? {
                known.offer(name, s, count, segments.len());
            }
            offered[s] = u64::from(cuts[s]);
        }
        known.settle(segments, &cuts, limit)?;
        // A term no segment offered counts less than each segment's cutoff.
        let unseen: u64 = cuts.iter().map(|&c| u64::from(c - 1)).sum();
        let ranked = ranked(known.exact(), usize::MAX);
        if unseen == 0 || ranked.get(limit - 1).is_some_and(|kth| kth.1 > unseen) {
            return Ok(ranked.into_iter().take(limit).collect());
        }
        n = n.saturating_mul(2);
    }
}

/// The names offered so far, with each one's count per segment where it is known: offered
/// by that segment, or looked up there.
#[derive(Default)]
struct Leaders {
    counts: HashMap<String, Vec<Option<u32>>>,
}

impl Leaders {
    fn offer(&mut self, name: String, segment: usize, count: u32, segments: usize) {
        self.counts
            .entry(name)
            .or_insert_with(|| vec![None; segments])[segment] = Some(count);
    }

    /// The least and most a name can total: a segment that did not offer it counts it
    /// below that segment's cutoff.
    fn range(counts: &[Option<u32>], cuts: &[u32]) -> (u64, u64) {
        counts
            .iter()
            .zip(cuts)
            .fold((0, 0), |(lo, hi), (c, &cut)| match c {
                Some(c) => (lo + u64::from(*c), hi + u64::from(*c)),
                None => (lo, hi + u64::from(cut - 1)),
            })
    }

    /// Looks up the missing counts of every name that could still be among the `limit`
    /// largest, so those totals are exact. Each lookup decodes a dictionary block, so a
    /// name that cannot reach the `limit`-th least total is never looked up.
    fn settle(
        &mut self,
        segments: &[SegmentTermCounts],
        cuts: &[u32],
        limit: usize,
    ) -> io::Result<()> {
        loop {
            let mut lows: Vec<u64> = (self.counts.values())
                .map(|c| Self::range(c, cuts).0)
                .collect();
            lows.sort_unstable_by(|a, b| b.cmp(a));
            let floor = lows.get(limit - 1).copied().unwrap_or(0);
            let open: Vec<&String> = (self.counts.iter())
                .filter(|(_, c)| c.contains(&None) && Self::range(c, cuts).1 >= floor)
                .map(|(name, _)| name)
                .collect();
            if open.is_empty() {
                return Ok(());
            }
            let mut found = Vec::with_capacity(open.len());
            for name in open {
                let counts = &self.counts[name];
                let mut filled = counts.clone();
                for (slot, seg) in filled.iter_mut().zip(segments) {
                    if slot.is_none() {
                        *slot = Some(seg.count_of(name)?);
                    }
                }
                found.push((name.clone(), filled));
            }
            self.counts.extend(found);
        }
    }

    /// The names whose count is known in every segment, with their totals.
    fn exact(&self) -> impl Iterator<Item = (String, u64)> + '_ {
        (self.counts.iter())
            .filter(|(_, c)| !c.contains(&None))
            .map(|(name, c)| {
                (
                    name.clone(),
                    c.iter().flatten().map(|&x| u64::from(x)).sum(),
                )
            })
    }
}

/// Every counted term named and summed: exact for any limit, and the cheaper way when
/// few terms were counted or many are asked for.
fn all_terms(segments: &[SegmentTermCounts], limit: usize) -> io::Result<Vec<(String, u64)>> {
    let mut all: HashMap<String, u64> = HashMap::new();
    for seg in segments {
        for (name, count) in seg.named(1, u64::MAX)? {
            *all.entry(name).or_default() += u64::from(count);
        }
    }
    Ok(ranked(all, limit))
}

/// Most frequent first, ties by name, at most `limit`.
fn ranked(counts: impl IntoIterator<Item = (String, u64)>, limit: usize) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(limit);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Fields;
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, TantivyDocument};
    use tantivy::{Index, IndexWriter, Searcher, Term};

    /// One segment per list; each entry adds `count` documents naming `actor`, and the
    /// documents of even rank also carry the source "even".
    fn index_of(segments: &[Vec<(String, u32)>]) -> tantivy::Result<Searcher> {
        index_deleting(segments, None)
    }

    /// As `index_of`, then deletes the documents whose source is `deleted`.
    fn index_deleting(
        segments: &[Vec<(String, u32)>],
        deleted: Option<&str>,
    ) -> tantivy::Result<Searcher> {
        let index = Index::create_in_ram(Fields::schema());
        crate::index::schema::register_tokenizers(&index);
        let actor = index.schema().get_field("actor")?;
        let source = index.schema().get_field("source")?;
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000)?;
        writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for seg in segments {
            let mut rank = 0;
            for (name, count) in seg {
                for _ in 0..*count {
                    let mut doc = TantivyDocument::default();
                    doc.add_text(actor, name);
                    if rank % 2 == 0 {
                        doc.add_text(source, "even");
                    }
                    rank += 1;
                    writer.add_document(doc)?;
                }
            }
            writer.commit()?;
        }
        if let Some(value) = deleted {
            writer.delete_term(Term::from_field_text(source, value));
            writer.commit()?;
        }
        Ok(index.reader()?.searcher())
    }

    fn counts(searcher: &Searcher, query: &dyn tantivy::query::Query) -> Vec<SegmentTermCounts> {
        searcher
            .search(query, &TermCounts { field: "actor" })
            .unwrap()
    }

    /// Facet counts must name the right terms, also when the dictionary spans many blocks
    /// and only some terms are counted.
    #[test]
    fn names_resolve_across_dictionary_blocks() -> tantivy::Result<()> {
        // 3000 names, so the dictionary has many blocks; name k appears (k % 3) times.
        let seg: Vec<(String, u32)> = (0..3000u32)
            .map(|k| (format!("Person {k:05}"), k % 3))
            .collect();
        let searcher = index_of(&[seg])?;
        let all = all_terms(&counts(&searcher, &AllQuery), usize::MAX)?;
        assert_eq!(all.len(), 2000);
        let get = |name: &str| all.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
        assert_eq!(get("Person 00001"), Some(1));
        assert_eq!(get("Person 02997"), None);
        assert_eq!(get("Person 02998"), Some(1));
        assert_eq!(get("Person 02999"), Some(2));
        assert_eq!(get("Person 01502"), Some(2));
        Ok(())
    }

    /// Segments that disagree on their leaders: a name that leads nowhere but is
    /// second everywhere, ties at every rank, names missing from some segments.
    fn disagreeing_segments() -> Vec<Vec<(String, u32)>> {
        (0..4u32)
            .map(|s| {
                let mut seg = vec![
                    (format!("Leader {s}"), 12),
                    ("Everywhere".to_string(), 9),
                    ("Tied A".to_string(), 3 + s % 2),
                    ("Tied B".to_string(), 4 - s % 2),
                ];
                for k in 0..40u32 {
                    seg.push((format!("Name {k:02}"), (k * 7 + s * 3) % 11));
                }
                seg
            })
            .collect()
    }

    /// The threshold top-k gives exactly what naming every term gives, for every limit,
    /// from the first round (one term per segment) or a later one, unfiltered and when a
    /// filter leaves only some documents of each segment.
    #[test]
    fn threshold_top_equals_counting_every_term() -> tantivy::Result<()> {
        let searcher = index_of(&disagreeing_segments())?;
        let even = TermQuery::new(
            Term::from_field_text(searcher.schema().get_field("source")?, "even"),
            IndexRecordOption::Basic,
        );
        for segments in [counts(&searcher, &AllQuery), counts(&searcher, &even)] {
            let every = all_terms(&segments, usize::MAX)?;
            assert!(every.len() > 40);
            for limit in 1..every.len() + 2 {
                for start in [1, 2, 5] {
                    let top = threshold_top(&segments, limit, start, usize::MAX)?;
                    let want: Vec<_> = every.iter().take(limit).cloned().collect();
                    assert_eq!(top, want, "limit {limit}, first offer {start}");
                }
            }
        }
        let top = top_terms(&counts(&searcher, &AllQuery), 1)?;
        assert_eq!(top, vec![("Everywhere".to_string(), 36)]);
        Ok(())
    }

    /// Counting whole columns gives exactly what collecting every document gives, also
    /// when deleted documents are still in the segments.
    #[test]
    fn counting_columns_equals_collecting_every_document() -> tantivy::Result<()> {
        for deleted in [None, Some("even")] {
            let searcher = index_deleting(&disagreeing_segments(), deleted)?;
            assert_eq!(
                searcher.segment_readers().iter().any(|s| s.has_deletes()),
                deleted.is_some()
            );
            let collected = all_terms(&counts(&searcher, &AllQuery), usize::MAX)?;
            let counted = all_terms(&count_every_value(&searcher, "actor")?, usize::MAX)?;
            assert!(collected.len() > 40);
            assert_eq!(counted, collected, "deleted: {deleted:?}");
        }
        Ok(())
    }
}
