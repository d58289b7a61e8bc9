//! Near-duplicate detection: a 64-bit SimHash over word shingles, stored at index time,
//! finds candidate pairs cheaply; the shingle sets' Jaccard similarity confirms them.
//! SimHash alone either misses lightly edited reprints or merges different stories on
//! the same topic; the two-step check does neither.

/// Words per shingle: three keeps common phrases from dominating short texts.
const SHINGLE: usize = 3;

/// SimHash of the text's lower-cased word 3-shingles. Returns 0 for texts too short
/// to fingerprint, which `--collapse` treats as unique.
pub fn simhash(text: &str) -> u64 {
    let shingles = shingles(text);
    if shingles.len() < 3 {
        return 0;
    }
    let mut weights = [0i32; 64];
    for h in shingles {
        for (bit, weight) in weights.iter_mut().enumerate() {
            *weight += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
}

/// Hashes of the text's lower-cased word 3-shingles, in order.
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // ASCII words (most of English news) skip Unicode case mapping; a char's
            // value is its byte there, so the hash is the same either way.
            if w.is_ascii() {
                fnv1a(w.bytes().map(|b| char::from(b.to_ascii_lowercase())))
            } else {
                fnv1a(w.chars().flat_map(char::to_lowercase))
            }
        })
        .collect();
    words
        .windows(SHINGLE)
        .map(|w| mix(w.iter().fold(0u64, |acc, x| acc.rotate_left(21) ^ x)))
        .collect()
}

/// Fingerprints within this many differing bits are worth comparing in full. Unrelated
/// texts differ in about 32 bits (sd 4); a light edit of a 200-word story moves about 12.
pub const CANDIDATE_BITS: u32 = 18;

/// Shingle overlap above which two texts are the same story.
pub const SAME_STORY_JACCARD: f64 = 0.5;

pub fn is_candidate(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && (a ^ b).count_ones() <= CANDIDATE_BITS
}

/// Jaccard similarity of the two texts' shingle sets.
pub fn jaccard(a: &str, b: &str) -> f64 {
    let a: std::collections::HashSet<u64> = shingles(a).into_iter().collect();
    let b: std::collections::HashSet<u64> = shingles(b).into_iter().collect();
    let inter = a.intersection(&b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The full check: close fingerprints and enough shared shingles.
pub fn is_near_duplicate(a: &str, b: &str) -> bool {
    is_candidate(simhash(a), simhash(b)) && jaccard(a, b) >= SAME_STORY_JACCARD
}

fn fnv1a(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A finaliser so that neighbouring shingle hashes spread over all 64 bits.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The central bank raised its main interest rate by a quarter point on \
        Thursday, citing stubborn inflation in services and a tight labour market, and said \
        further increases could follow if price pressures did not ease over the summer.";

    #[test]
    fn small_edit_stays_near() {
        let edited = STORY.replace("Thursday", "Thursday afternoon");
        let d = (simhash(STORY) ^ simhash(&edited)).count_ones();
        assert!(is_near_duplicate(STORY, &edited), "distance {d}");
    }

    #[test]
    fn different_story_is_far() {
        let other = "Heavy rain flooded low-lying districts of the port city overnight, \
            forcing hundreds of families from their homes and closing schools and the main \
            highway to the airport, emergency officials said on Monday morning.";
        assert!(!is_near_duplicate(STORY, other));
        assert!(jaccard(STORY, other) < 0.05);
    }

    #[test]
    fn short_text_has_no_fingerprint() {
        assert_eq!(simhash("too short"), 0);
        assert!(!is_candidate(0, 0));
    }
}
