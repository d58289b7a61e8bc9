//! Near-duplicate fingerprints: a 64-bit SimHash over word shingles, so a wire story
//! republished with small edits lands a few bits away from the original.

/// Words per shingle: three keeps common phrases from dominating short texts.
const SHINGLE: usize = 3;

/// SimHash of the text's lower-cased word 3-shingles. Returns 0 for texts too short
/// to fingerprint, which `--collapse` treats as unique.
pub fn simhash(text: &str) -> u64 {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fnv1a(w.chars().flat_map(char::to_lowercase)))
        .collect();
    if words.len() < SHINGLE + 2 {
        return 0;
    }
    let mut weights = [0i32; 64];
    for window in words.windows(SHINGLE) {
        let h = mix(window.iter().fold(0u64, |acc, w| acc.rotate_left(21) ^ w));
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

/// Two fingerprints within this many differing bits are the same story. Unrelated texts
/// differ in about 32 bits; ten or fewer happens by chance about once in 10^8 pairs.
pub const NEAR_DUPLICATE_BITS: u32 = 10;

pub fn is_near_duplicate(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && (a ^ b).count_ones() <= NEAR_DUPLICATE_BITS
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
        assert!(
            is_near_duplicate(simhash(STORY), simhash(&edited)),
            "distance {d}"
        );
    }

    #[test]
    fn different_story_is_far() {
        let other = "Heavy rain flooded low-lying districts of the port city overnight, \
            forcing hundreds of families from their homes and closing schools and the main \
            highway to the airport, emergency officials said on Monday morning.";
        assert!(!is_near_duplicate(simhash(STORY), simhash(other)));
    }

    #[test]
    fn short_text_has_no_fingerprint() {
        assert_eq!(simhash("too short"), 0);
        assert!(!is_near_duplicate(0, 0));
    }
}
