//! Near-duplicate detection: a 64-bit SimHash over word shingles, stored at index time,
//! finds candidate pairs cheaply; the shingle sets' Jaccard similarity confirms them.
//! SimHash alone either misses lightly edited reprints or merges different stories on
//! the same topic; the two-step check does neither.

/// Words per shingle: three keeps common phrases from dominating short texts.
const SHINGLE: usize = 3;

/// SimHash of the text's lower-cased word 3-shingles. Returns 0 for texts too short
/// to fingerprint, which `--collapse` treats as unique.
pub fn simhash(text: &str) -> u64 {
    let mut tally = BitTally {
        packed: [0; 8],
        ones: [0; 64],
        added: 0,
    };
    for_each_shingle(text, |h| tally.add(h));
    if tally.added < 3 {
        return 0;
    }
    tally.majority()
}

/// `SPREAD[b]` holds the eight bits of `b` as eight bytes of 0 or 1, so that one addition
/// counts eight bits at once.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut bit = 0;
        while bit < 8 {
            if byte >> bit & 1 == 1 {
                table[byte] |= 1 << (8 * bit);
            }
            bit += 1;
        }
        byte += 1;
    }
    table
};

/// Counts, for each of 64 bit positions, how many added hashes have that bit set: one
/// byte-wide counter per position, packed eight to a word, emptied into `ones` before a
/// counter could overflow. A loop over the 64 bits of every shingle was half the cost of
/// fingerprinting an article.
struct BitTally {
    packed: [u64; 8],
    ones: [u32; 64],
    added: u32,
}

impl BitTally {
    fn add(&mut self, hash: u64) {
        for (k, lane) in self.packed.iter_mut().enumerate() {
            *lane += SPREAD[(hash >> (8 * k) & 0xff) as usize];
        }
        self.added += 1;
        if self.added.is_multiple_of(255) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (k, lane) in self.packed.iter_mut().enumerate() {
            for j in 0..8 {
                self.ones[8 * k + j] += (*lane >> (8 * j) & 0xff) as u32;
            }
            *lane = 0;
        }
    }

    /// The hash whose bits are set where more than half of the added hashes had them.
    fn majority(mut self) -> u64 {
        self.flush();
        let added = self.added;
        (0..64)
            .filter(|&bit| 2 * self.ones[bit] > added)
            .fold(0u64, |acc, bit| acc | 1 << bit)
    }
}

/// Hashes of the text's lower-cased word 3-shingles, in order.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_shingle(text, |h| out.push(h));
    out
}

/// Calls `each` with the hash of every run of three consecutive words, in one pass over
/// the text and without collecting the words.
fn for_each_shingle(text: &str, mut each: impl FnMut(u64)) {
    let (mut first, mut second, mut seen) = (0u64, 0u64, 0usize);
    for_each_word(text, |word| {
        if seen >= SHINGLE - 1 {
            each(mix((first.rotate_left(21) ^ second).rotate_left(21) ^ word));
        }
        (first, second) = (second, word);
        seen += 1;
    });
}

/// Calls `each` with the FNV-1a hash of every lower-cased word: a run of alphanumeric
/// characters. ASCII (most of English news) is read byte by byte, skipping Unicode case
/// mapping; a char's value is its byte there, so the hash is the same either way.
fn for_each_word(text: &str, mut each: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let (mut hash, mut in_word, mut at) = (FNV_START, false, 0);
    while at < bytes.len() {
        let (is_word_char, width) = if bytes[at] < 0x80 {
            let b = bytes[at];
            let alnum = b.is_ascii_alphanumeric();
            if alnum {
                hash = fnv_step(hash, u64::from(b.to_ascii_lowercase()));
            }
            (alnum, 1)
        } else {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let alnum = c.is_alphanumeric();
            if alnum {
                hash = c.to_lowercase().fold(hash, |h, l| fnv_step(h, l as u64));
            }
            (alnum, c.len_utf8())
        };
        if !is_word_char && in_word {
            each(hash);
            hash = FNV_START;
        }
        in_word = is_word_char;
        at += width;
    }
    if in_word {
        each(hash);
    }
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

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(hash: u64, value: u64) -> u64 {
    (hash ^ value).wrapping_mul(0x0100_0000_01b3)
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

    /// The first implementation, kept as the reference the one-pass version must match:
    /// fingerprints are stored in indexes, so they must not change.
    fn reference_shingles(text: &str) -> Vec<u64> {
        let fnv = |chars: &mut dyn Iterator<Item = char>| {
            chars.fold(FNV_START, |h, c| fnv_step(h, c as u64))
        };
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| fnv(&mut w.chars().flat_map(char::to_lowercase)))
            .collect();
        words
            .windows(SHINGLE)
            .map(|w| mix(w.iter().fold(0u64, |acc, x| acc.rotate_left(21) ^ x)))
            .collect()
    }

    fn reference_simhash(text: &str) -> u64 {
        let shingles = reference_shingles(text);
        if shingles.len() < 3 {
            return 0;
        }
        let mut weights = [0i32; 64];
        for h in shingles {
            for (bit, weight) in weights.iter_mut().enumerate() {
                *weight += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        (0..64)
            .filter(|&b| weights[b] > 0)
            .fold(0, |acc, b| acc | 1 << b)
    }

    #[test]
    fn one_pass_fingerprints_match_the_reference() {
        let texts = [
            STORY,
            "ÉLYSÉE Palace: Straße, İstanbul and ΑΘΗΝΑ talks -- 3.5% up; ½ done",
            "  leading and trailing   spaces, then punctuation!!! ",
            "one two",
            "one two three",
            "",
        ];
        let long = STORY.repeat(12);
        for text in texts.into_iter().chain([long.as_str()]) {
            assert_eq!(shingles(text), reference_shingles(text), "{text}");
            assert_eq!(simhash(text), reference_simhash(text), "{text}");
        }
        assert_ne!(simhash(STORY), 0);
    }
    proptest::proptest! {
        #[test]
        fn any_text_fingerprints_as_the_reference(text in "([a-zA-Z0-9 ,.'-]|[àÉßİΑθ½’\u{300}\n])*") {
            proptest::prop_assert_eq!(shingles(&text), reference_shingles(&text));
        }
    }

    /// Every Reuters and CoNLL development file, when `../shared` is beside the repo.
    #[test]
    fn dev_set_fingerprints_match_the_reference() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        let sets = ["reuters-dev/txt", "conll-testa/txt"].map(|s| root.join(s));
        if !sets.iter().all(|s| s.is_dir()) {
            eprintln!("skipping: ../shared/eval is not beside the repository");
            return;
        }
        let mut files = 0;
        for set in sets {
            for entry in std::fs::read_dir(set).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                assert_eq!(simhash(&text), reference_simhash(&text));
                files += 1;
            }
        }
        assert!(files > 10_000, "{files} files");
    }
}
