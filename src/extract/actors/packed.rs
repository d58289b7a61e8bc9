//! Packed words: the entries table (`lexicon::Entries`) with each short word stored inside
//! its slot, so that a word found reads its slot alone rather than a bucket and then the
//! word's own allocation; every capitalised token is looked up. A byte of each slot's
//! hash, in an array of its own small enough to stay in cache, turns most words (which
//! are in no list) away without reading a slot.

use crate::extract::word_lists::Map;

/// The longest word kept inside a slot; longer words (rare in news) stay in a map.
const INLINE: usize = 14;

/// One slot: the word's bytes, zero-padded (no word holds a zero byte, so an empty slot
/// matches no word), and its entry bits.
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    word: [u8; INLINE],
    bits: u16,
}

/// Words of up to `INLINE` bytes in an open-addressed table probed linearly, the rest in
/// a map.
pub struct PackedWords {
    /// Per slot, zero when empty, else `tag` of its word's hash.
    tags: Box<[u8]>,
    slots: Box<[Slot]>,
    /// How far to shift a 64-bit hash right to index `slots` (whose length is a power of two).
    shift: u32,
    long: Map<Box<str>, u16>,
}

/// A word padded to its slot's form, or `None` when it does not fit one.
fn padded(w: &str) -> Option<[u8; INLINE]> {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > INLINE || b.contains(&0) {
        return None;
    }
    let mut out = [0u8; INLINE];
    out[..b.len()].copy_from_slice(b);
    Some(out)
}

/// Multiplies the two halves of a padded word and keeps the top bits: words that differ
/// anywhere differ in the product's top bits often enough for a table three fifths full.
fn hash(word: &[u8; INLINE]) -> u64 {
    let mut lo = [0u8; 8];
    let mut hi = [0u8; 8];
    lo.copy_from_slice(&word[..8]);
    hi[..INLINE - 8].copy_from_slice(&word[8..]);
    let a = u64::from_le_bytes(lo).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let b = u64::from_le_bytes(hi).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (a ^ b.rotate_left(31)).wrapping_mul(0x1656_67B1_9E37_79F9)
}

/// The byte kept of a hash: its low bits (the slot comes from its top bits), never zero.
fn tag(hash: u64) -> u8 {
    (hash as u8) | 0x80
}

impl PackedWords {
    /// The table of the same words and bits as `map`.
    pub fn new(map: &Map<Box<str>, u16>) -> PackedWords {
        // At most three fifths full: a missed word (most tokens) probes about three tags,
        // and the tags stay few enough to stay in cache.
        let size = (map.len() * 5 / 3).next_power_of_two().max(16);
        let mut table = PackedWords {
            tags: vec![0; size].into_boxed_slice(),
            slots: vec![Slot::default(); size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
            long: Map::default(),
        };
        for (w, &bits) in map {
            match padded(w) {
                Some(word) => {
                    let h = hash(&word);
                    let at = table.find(&word, h).unwrap_or_else(|at| at);
                    table.tags[at] = tag(h);
                    table.slots[at] = Slot { word, bits };
                }
                None => {
                    table.long.insert(w.clone(), bits);
                }
            }
        }
        table
    }

    /// The slot that holds `word` (whose hash is `h`), or else the empty one where it
    /// would go.
    fn find(&self, word: &[u8; INLINE], h: u64) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let want = tag(h);
        let mut at = (h >> self.shift) as usize;
        loop {
            match self.tags[at] {
                0 => return Err(at),
                t if t == want && self.slots[at].word == *word => return Ok(at),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The bits of `w`, as `map.get(w)` of the map the table was made from.
    pub fn get(&self, w: &str) -> Option<u16> {
        match padded(w) {
            Some(word) => self
                .find(&word, hash(&word))
                .ok()
                .map(|at| self.slots[at].bits),
            None => self.long.get(w).copied(),
        }
    }
}

/// How many answers a `Memo` keeps: the names a thread meets again and again (countries,
/// cities, companies in the news) fit, in 64 KB of slots that stay in cache.
const MEMO_SLOTS: usize = 2048;

/// Answers of a function of a word that is costly to ask (`place_code`), remembered by word
/// in a table where a new word takes the slot of the one it hashes with.
#[derive(Default)]
pub struct Memo {
    /// Empty until the first question, so that a thread that asks none allocates nothing.
    slots: Vec<([u8; INLINE], Option<&'static str>)>,
}

impl Memo {
    /// `ask(w)`, remembered for words short enough for a slot.
    pub fn answer(
        &mut self,
        w: &str,
        ask: impl FnOnce(&str) -> Option<&'static str>,
    ) -> Option<&'static str> {
        let Some(word) = padded(w) else {
            return ask(w);
        };
        if self.slots.is_empty() {
            self.slots = vec![([0; INLINE], None); MEMO_SLOTS];
        }
        let at = (hash(&word) >> (64 - MEMO_SLOTS.trailing_zeros())) as usize;
        let slot = &mut self.slots[at];
        if slot.0 != word {
            *slot = (word, ask(w));
        }
        slot.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_answers_as_the_function_it_remembers() {
        let ask = |w: &str| w.len().is_multiple_of(3).then_some("XX");
        let mut memo = Memo::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{}", i * 7)).collect();
        // Twice over, so that the second pass meets remembered and overwritten words.
        for _ in 0..2 {
            for w in words
                .iter()
                .map(String::as_str)
                .chain(["", "Internationalisation"])
            {
                assert_eq!(memo.answer(w, ask), ask(w), "{w}");
            }
        }
        // A remembered answer is not asked again.
        assert_eq!(memo.answer("w7", |_| Some("YY")), Some("YY"));
        assert_eq!(memo.answer("w7", |_| None), Some("YY"));
    }

    #[test]
    fn packed_words_answer_as_their_map() {
        let mut map: Map<Box<str>, u16> = Map::default();
        let words = [
            "the",
            "The",
            "THE",
            "a",
            "Abcdefghijklmn",
            "Abcdefghijklmno",
            "International",
            "Internationalisation",
            "Jean-Pierre",
            "\u{c9}tat",
        ];
        for (i, w) in words.iter().enumerate() {
            map.insert((*w).into(), i as u16 + 1);
        }
        // Many more words than slots of a small table would hold, so that probes wrap.
        for i in 0..2000 {
            map.insert(format!("w{i}").into(), 7);
        }
        let table = PackedWords::new(&map);
        for (w, bits) in &map {
            assert_eq!(table.get(w), Some(*bits), "{w}");
        }
        for w in [
            "",
            "th",
            "thee",
            "Abcdefghijklm",
            "Abcdefghijklmnop",
            "w2000",
            "x",
            "a\0",
            "\u{e9}tat",
        ] {
            assert_eq!(table.get(w), map.get(w).copied(), "{w}");
        }
    }
}
