//! Runs of ASCII letters and digits, classed eight bytes at a time: both the actor
//! tokenizer and the country scan find every word's end, and a byte loop's exit, at a
//! different length each word, is mispredicted once per word.

/// One in each byte of eight.
pub const BYTE_ONES: u64 = 0x0101_0101_0101_0101;
const BYTE_HIGHS: u64 = BYTE_ONES * 0x80;

/// The high bit of every byte of `chunk` (read little-endian) that is no ASCII letter or
/// digit, non-ASCII bytes included.
pub fn word_stops(chunk: u64) -> u64 {
    let ascii = chunk & !BYTE_HIGHS;
    // Adding 0x80 - n to a byte below 0x80 sets its high bit exactly when it is at least n,
    // and carries into no other byte.
    let at_least = |v: u64, n: u8| v.wrapping_add(BYTE_ONES * u64::from(0x80 - n)) & BYTE_HIGHS;
    // Setting 0x20 lower-cases a letter and maps nothing else into 'a'..='z'.
    let folded = ascii | (BYTE_ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(ascii, b'0') & !at_least(ascii, b'9' + 1);
    (!(letter | digit) & BYTE_HIGHS) | (chunk & BYTE_HIGHS)
}

/// How many ASCII letters and digits open `bytes`. A word nearly always ends within the
/// first eight, so this is one well-predicted branch per word.
pub fn ascii_alnum_len(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        let stops = word_stops(u64::from_le_bytes(*chunk));
        if stops != 0 {
            return n + (stops.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = &bytes[n..];
    n + rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_a_time_class_as_one_at_a_time() {
        let one_at_a_time = |b: &[u8]| {
            b.iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(b.len())
        };
        let mut samples: Vec<Vec<u8>> = [
            "Reuters said",
            "International",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "Zürich",
            "abcdefgh",
            "",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        // Every byte value at every place of a word longer than eight bytes.
        for at in [0, 3, 7, 8, 12] {
            for b in 0..=255u8 {
                let mut w = b"Abcdefgh1234Z".to_vec();
                w[at] = b;
                samples.push(w);
            }
        }
        for w in &samples {
            assert_eq!(ascii_alnum_len(w), one_at_a_time(w), "{w:?}");
        }
        assert_eq!(ascii_alnum_len(b"International Bank"), 13);
    }
}
