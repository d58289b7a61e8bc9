//! The merge policy: tantivy's log-structured merging, with a ceiling on how many
//! documents one merge may produce.
//!
//! A merge maps every file of the segments it reads, and those pages count in the
//! process's resident memory until it ends. Unbounded, the last merge of a million-article
//! run read ~800k articles' worth of segments and took peak RSS from ~700 MB to ~1.45 GB.
//! With the ceiling, a large archive ends as a handful of segments of at most
//! `MAX_MERGED_DOCS` articles each, which costs search little (a few more term lookups).
//! A segment too large to merge is rewritten on its own once a quarter of it is deleted,
//! so re-indexed files do not leave dead documents in it for good.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents a merge may produce: about 200 MB of segment files for news text.
pub const MAX_MERGED_DOCS: u32 = 200_000;

/// Merges run one at a time. Each maps the files of the segments it reads, and those
/// pages count as resident until it ends: tantivy's default of four merge threads let a
/// million-article run map ~300 MB of segments at once. On two cores a second merge
/// would only take CPU from the indexing threads anyway.
pub const MERGE_THREADS: usize = 1;

/// Segments too large to merge further are rewritten alone once this share of their
/// documents is deleted (re-indexed files leave their old versions behind as deletes).
const REWRITE_DELETED_SHARE: f64 = 0.25;

#[derive(Debug)]
pub struct CappedMergePolicy {
    inner: LogMergePolicy,
    max_merged_docs: u32,
}

impl CappedMergePolicy {
    pub fn new(max_merged_docs: u32) -> CappedMergePolicy {
        let mut inner = LogMergePolicy::default();
        // A segment already half the ceiling has little left to gain from merging.
        inner.set_max_docs_before_merge(max_merged_docs as usize / 2);
        CappedMergePolicy {
            inner,
            max_merged_docs,
        }
    }
}

impl MergePolicy for CappedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id: &SegmentId| {
            segments
                .iter()
                .find(|s| s.id() == *id)
                .map_or(0, |s| s.num_docs())
        };
        let mut out = Vec::new();
        for MergeCandidate(ids) in self.inner.compute_merge_candidates(segments) {
            // Split an oversized candidate into runs that each stay under the ceiling; a
            // run of one segment is no merge at all.
            let mut run: Vec<SegmentId> = Vec::new();
            let mut run_docs = 0u32;
            for id in ids {
                let n = docs(&id);
                if !run.is_empty() && run_docs.saturating_add(n) > self.max_merged_docs {
                    if run.len() > 1 {
                        out.push(MergeCandidate(std::mem::take(&mut run)));
                    }
                    run.clear();
                    run_docs = 0;
                }
                run.push(id);
                run_docs = run_docs.saturating_add(n);
            }
            if run.len() > 1 {
                out.push(MergeCandidate(run));
            }
        }
        // Without this a segment past half the ceiling would keep its deletes forever.
        let merging: Vec<SegmentId> = out.iter().flat_map(|c| c.0.iter().copied()).collect();
        for s in segments {
            let deleted = f64::from(s.num_deleted_docs());
            if s.max_doc() > 0
                && deleted / f64::from(s.max_doc()) >= REWRITE_DELETED_SHARE
                && !merging.contains(&s.id())
            {
                out.push(MergeCandidate(vec![s.id()]));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Index;
    use tantivy::schema::Schema;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn merged_sizes(policy: &CappedMergePolicy, segments: &[SegmentMeta]) -> Vec<u32> {
        policy
            .compute_merge_candidates(segments)
            .iter()
            .map(|MergeCandidate(ids)| {
                ids.iter()
                    .map(|id| segments.iter().find(|s| s.id() == *id).unwrap().num_docs())
                    .sum()
            })
            .collect()
    }

    #[test]
    fn small_segments_merge_as_tantivy_would() {
        let segments = metas(&[1_000; 10]);
        let policy = CappedMergePolicy::new(MAX_MERGED_DOCS);
        assert_eq!(merged_sizes(&policy, &segments), vec![10_000]);
    }

    #[test]
    fn no_merge_exceeds_the_ceiling() {
        let segments = metas(&[90_000; 9]);
        let policy = CappedMergePolicy::new(200_000);
        let sizes = merged_sizes(&policy, &segments);
        assert!(!sizes.is_empty(), "nine equal segments should still merge");
        assert!(sizes.iter().all(|&n| n <= 200_000), "{sizes:?}");
    }

    #[test]
    fn a_large_segment_with_many_deletes_is_rewritten_alone() {
        let mut segments = metas(&[150_000, 150_000]);
        segments[1] = segments[1].clone().with_delete_meta(50_000, 1);
        let policy = CappedMergePolicy::new(200_000);
        let candidates = policy.compute_merge_candidates(&segments);
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].0, vec![segments[1].id()]);
    }

    #[test]
    fn segments_at_half_the_ceiling_are_left_alone() {
        let segments = metas(&[100_001; 12]);
        let policy = CappedMergePolicy::new(200_000);
        assert!(merged_sizes(&policy, &segments).is_empty());
    }
}
