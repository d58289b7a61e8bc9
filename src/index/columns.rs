//! Whole-column reads for counts that nothing filters: every value of a fast-field column
//! in blocks, and the deleted documents whose values are then taken back out.

use tantivy::columnar::ColumnValues;
use tantivy::{DocId, SegmentReader};

/// Values decoded at a time.
const BLOCK_ROWS: u32 = 4096;

/// Calls `each` with every value of `values`, in row order; `buffer` is reused.
pub fn for_each_value<T: PartialOrd + Copy + Default + 'static>(
    values: &dyn ColumnValues<T>,
    buffer: &mut Vec<T>,
    mut each: impl FnMut(T),
) {
    let rows = values.num_vals();
    buffer.resize(BLOCK_ROWS as usize, T::default());
    let mut start = 0u32;
    while start < rows {
        let len = (rows - start).min(BLOCK_ROWS);
        let block = &mut buffer[..len as usize];
        values.get_range(u64::from(start), block);
        block.iter().for_each(|&v| each(v));
        start += len;
    }
}

/// The segment's deleted documents, which its columns still hold values for.
pub fn deleted_docs(segment: &SegmentReader) -> impl Iterator<Item = DocId> + '_ {
    let alive = segment.alive_bitset();
    (0..segment.max_doc()).filter(move |&doc| alive.is_some_and(|a| a.is_deleted(doc)))
}
