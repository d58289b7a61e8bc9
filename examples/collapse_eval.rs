//! Measures `--collapse` on the Reuters-21578 development files in `../shared`: how many
//! true near-duplicate pairs (shingle Jaccard >= 0.5, found by brute force for a sample of
//! stories against the whole collection) the SimHash prefilter keeps as candidates, and
//! how many stories the collapse folds away.
//!
//! Run: `cargo run --release --example collapse_eval [SAMPLE]`

use std::collections::HashSet;
use std::path::Path;

use newsidx::fingerprint::{CANDIDATE_BITS, SAME_STORY_JACCARD, shingles, simhash};
use newsidx::formats::{Format, parse};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578-dev");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    let sample: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut bodies = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        if let Ok(parsed) = parse(Format::from_path(&f).unwrap(), &bytes) {
            bodies.extend(parsed.articles.into_iter().map(|a| a.body));
        }
    }
    let sets: Vec<HashSet<u64>> = bodies
        .iter()
        .map(|b| shingles(b).into_iter().collect())
        .collect();
    let prints: Vec<u64> = bodies.iter().map(|b| simhash(b)).collect();
    let jaccard = |a: &HashSet<u64>, b: &HashSet<u64>| {
        let i = a.intersection(b).count();
        let u = a.len() + b.len() - i;
        if u == 0 { 0.0 } else { i as f64 / u as f64 }
    };
    // A deterministic spread of sample stories with enough text to fingerprint.
    let eligible: Vec<usize> = (0..bodies.len()).filter(|&i| prints[i] != 0).collect();
    let step = (eligible.len() / sample.max(1)).max(1);
    let picks: Vec<usize> = eligible
        .iter()
        .copied()
        .step_by(step)
        .take(sample)
        .collect();
    let (mut truth, mut kept, mut candidates) = (0usize, 0usize, 0usize);
    for &i in &picks {
        for j in 0..bodies.len() {
            if j == i || prints[j] == 0 {
                continue;
            }
            let near = (prints[i] ^ prints[j]).count_ones() <= CANDIDATE_BITS;
            candidates += near as usize;
            if jaccard(&sets[i], &sets[j]) >= SAME_STORY_JACCARD {
                truth += 1;
                kept += near as usize;
            }
        }
    }
    // Whole-collection collapse, as `search --collapse` would do over one huge result list.
    let mut reps: Vec<usize> = Vec::new();
    let mut folded = 0;
    for i in 0..bodies.len() {
        if prints[i] == 0 {
            continue;
        }
        let dup = reps.iter().any(|&r| {
            (prints[r] ^ prints[i]).count_ones() <= CANDIDATE_BITS
                && jaccard(&sets[r], &sets[i]) >= SAME_STORY_JACCARD
        });
        if dup {
            folded += 1;
        } else {
            reps.push(i);
        }
    }
    println!(
        "stories: {}, fingerprinted: {}",
        bodies.len(),
        eligible.len()
    );
    println!(
        "sample of {}: {} true near-duplicate pairs (Jaccard >= {SAME_STORY_JACCARD}); SimHash <= {CANDIDATE_BITS} bits keeps {} = recall {:.3}",
        picks.len(),
        truth,
        kept,
        if truth == 0 {
            1.0
        } else {
            kept as f64 / truth as f64
        }
    );
    println!(
        "candidates checked per sampled story: {:.2} (pairs needing a Jaccard check)",
        candidates as f64 / picks.len().max(1) as f64
    );
    println!(
        "collapse over the whole collection folds {folded} stories into {} distinct ones",
        reps.len()
    );
}
