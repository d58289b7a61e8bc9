//! The scan of an article's text for gazetteer keys: an aho-corasick automaton walked
//! anchored from word starts, and bit filters that pass over most words without it.

use std::sync::LazyLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::{Anchored, MatchKind};

use crate::extract::ascii_words::{BYTE_ONES, ascii_alnum_len, word_stops};
use crate::extract::gazetteer::{Entry, scan_keys};

/// The automaton over every key except bare codes, the entry of each pattern, and what
/// lets a scan skip most words without consulting the automaton.
pub struct Scanner {
    /// Anchored: walked only from the start of a word. None only if it could not be
    /// built, which leaves extraction empty.
    automaton: Option<NFA>,
    pub patterns: Vec<Entry>,
    /// Whether some key opens with this byte.
    starts: [bool; 256],
    /// What lets a scan pass over most words with one bit test.
    first_words: FirstWords,
}

/// Bit filters over the first word of every key (up to its first non-word character),
/// small enough to stay in the fastest cache. A word that opens no key opens no match
/// that stands alone: a key that starts there either ends inside the word or would go on
/// with a word character where the text has none. A filter can only say "maybe"
/// wrongly, which costs a walk of the automaton and changes no result.
struct FirstWords {
    /// Words that open some key.
    opens: Box<[u64]>,
    /// Words that open a key going on past a non-word character ("new" of "new york",
    /// "st" of "st. louis"): the only lower-case words a scan must match, since
    /// extraction drops a lower-case match, which matters only if it runs on past its
    /// word and hides what starts there.
    leads: Box<[u64]>,
}

/// Bits of the hash that index each filter: 64 Kbit (8 KB) for the ~6,000 first words,
/// 32 Kbit (4 KB) for the ~1,000 leads. Each word sets two bits, so about one word in 35
/// gets past the first filter wrongly and one in 300 past the second. With one bit per
/// word the second let one word in 17 through, and "of", "its" and "mln" were among them: a
/// walk of the automaton for some of the commonest words of English.
const OPENS_BITS: u32 = 16;
const LEADS_BITS: u32 = 15;

const SEED: u64 = 0x517c_c1b7_2722_0a95;

/// A hash of the word `bytes[start..end]` that ignores ASCII case: every byte has its 0x20
/// bit set, which lower-cases ASCII letters and leaves digits alone, so a word and its
/// folded form (and any other word the fold makes equal) hash alike. Reads eight bytes at a
/// time, past the word's end where the text goes on.
fn word_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut h = (end - start) as u64;
    let mut at = start;
    while at < end {
        let chunk = match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => {
                let mut buf = [0u8; 8];
                buf[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                u64::from_le_bytes(buf)
            }
        };
        h = hash_round(h, chunk, (end - at).min(8));
        at += 8;
    }
    h
}

/// One round of `word_hash`: the first `n` bytes of `chunk` (at most eight), case folded.
fn hash_round(h: u64, chunk: u64, n: usize) -> u64 {
    let kept = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
    (h.rotate_left(5) ^ ((chunk | (BYTE_ONES * 0x20)) & kept)).wrapping_mul(SEED)
}

/// The two bits of a filter `2^width` bits wide that stand for a word of hash `hash`: the
/// top bits of the hash, and the top bits of a second hash made from it.
fn bit_indices(hash: u64, width: u32) -> [usize; 2] {
    const REMIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let second = (hash ^ hash >> 29).wrapping_mul(REMIX);
    [
        (hash >> (64 - width)) as usize,
        (second >> (64 - width)) as usize,
    ]
}

fn set_bits(bits: &mut [u64], hash: u64, width: u32) {
    for i in bit_indices(hash, width) {
        bits[i / 64] |= 1 << (i % 64);
    }
}

/// Whether both bits of the word are set. Most words fail at the first, and pay for no
/// second hash.
fn has_bits(bits: &[u64], hash: u64, width: u32) -> bool {
    let has = |i: usize| bits[i / 64] & (1 << (i % 64)) != 0;
    has((hash >> (64 - width)) as usize) && has(bit_indices(hash, width)[1])
}

impl FirstWords {
    fn new(keys: &[&'static str]) -> FirstWords {
        let mut opens = vec![0u64; (1 << OPENS_BITS) / 64].into_boxed_slice();
        let mut leads = vec![0u64; (1 << LEADS_BITS) / 64].into_boxed_slice();
        for key in keys {
            let end = key.find(|c: char| !c.is_alphanumeric());
            let hash = word_hash(key.as_bytes(), 0, end.unwrap_or(key.len()));
            set_bits(&mut opens, hash, OPENS_BITS);
            if end.is_some_and(|e| e > 0) {
                set_bits(&mut leads, hash, LEADS_BITS);
            }
        }
        FirstWords { opens, leads }
    }

    /// Whether the word may open a match worth finding: for a lower-case word, one that
    /// runs on past it.
    #[cfg(test)]
    fn may_open(&self, text: &[u8], start: usize, end: usize, lower_case: bool) -> bool {
        self.may_open_hashed(word_hash(text, start, end), lower_case)
    }

    /// `may_open` of a word whose `word_hash` is `hash`.
    fn may_open_hashed(&self, hash: u64, lower_case: bool) -> bool {
        if lower_case {
            has_bits(&self.leads, hash, LEADS_BITS)
        } else {
            has_bits(&self.opens, hash, OPENS_BITS)
        }
    }
}

/// One key found at the start of a word of the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: u32,
}

/// Built apart from the table, so a `--country iran` lookup does not pay for it.
pub static SCANNER: LazyLock<Scanner> = LazyLock::new(build_scanner);

fn build_scanner() -> Scanner {
    let (keys, patterns) = scan_keys();
    let mut starts = [false; 256];
    for key in &keys {
        if let Some(&b) = key.as_bytes().first() {
            starts[usize::from(b)] = true;
        }
    }
    let first_words = FirstWords::new(&keys);
    // Walked anchored from word starts only, the automaton needs no failure transitions;
    // the contiguous NFA is then about 0.7 MB where the full unanchored DFA took 18 MB,
    // and it stays in cache.
    let automaton = contiguous::Builder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)
        .ok();
    Scanner {
        automaton,
        patterns,
        starts,
        first_words,
    }
}

impl Scanner {
    /// The first match, at or after byte `from`, that starts a word: the longest key at the
    /// first word start where one matches, skipping words that open no key and lower-case
    /// words that open no key longer than themselves. The automaton reads the text folded
    /// as `fold_for_scan` folds it.
    ///
    /// This finds what a leftmost-longest scan of every position finds, less the matches
    /// inside words and in lower-case words, which extraction rejects and which could
    /// only hide later matches if they ran on past their own word.
    pub fn next_match(&self, text: &str, from: usize) -> Option<KeyMatch> {
        let automaton = self.automaton.as_ref()?;
        let bytes = text.as_bytes();
        let mut i = from;
        if text[..from]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            // Nothing starts a word before this word ends.
            i = past_word(text, from);
        }
        // `i` is always where a word could start: the text or a non-word character before it.
        while i < bytes.len() {
            let b = bytes[i];
            let lower_case = if b.is_ascii_alphanumeric() {
                b.is_ascii_lowercase()
            } else {
                let c = if b.is_ascii() {
                    char::from(b)
                } else {
                    text[i..].chars().next()?
                };
                if !c.is_alphanumeric() {
                    // Punctuation can open a key ("'s-Hertogenbosch").
                    if self.starts[usize::from(FOLD[usize::from(b)])]
                        && let Some(m) = longest_at(automaton, bytes, i)
                    {
                        return Some(m);
                    }
                    i += c.len_utf8();
                    continue;
                }
                c.is_lowercase()
            };
            let (end, hash) = word_end_and_hash(text, i);
            if self.first_words.may_open_hashed(hash, lower_case)
                && let Some(m) = longest_at(automaton, bytes, i)
            {
                return Some(m);
            }
            i = end + char_len_at(bytes, end);
        }
        None
    }
}

/// The longest key that starts at byte `at` of the text, read folded, walking the automaton
/// by hand: a scan asks this of many capitalised words, where the general search's set-up
/// costs more than the few bytes walked.
fn longest_at(automaton: &NFA, text: &[u8], at: usize) -> Option<KeyMatch> {
    let mut sid = automaton.start_state(Anchored::Yes).ok()?;
    let mut found = None;
    let mut record = |sid, end: usize| {
        let pattern = automaton.match_pattern(sid, 0);
        // A match state can also carry a shorter key that began later (reached through a
        // failure transition); only a key that starts at `at` counts.
        if end - automaton.pattern_len(pattern) == at {
            found = Some(KeyMatch {
                start: at,
                end,
                pattern: pattern.as_u32(),
            });
        }
    };
    if automaton.is_match(sid) {
        record(sid, at);
    }
    for (i, &b) in text[at..].iter().enumerate() {
        sid = automaton.next_state(Anchored::Yes, sid, FOLD[usize::from(b)]);
        if automaton.is_special(sid) {
            if automaton.is_dead(sid) {
                break;
            }
            if automaton.is_match(sid) {
                record(sid, at + i + 1);
            }
        }
    }
    found
}

/// `word_end(text, at)` and `word_hash` of the word from `at` to there, for a word that
/// starts at `at`. Most words are ASCII and shorter than eight bytes: one eight-byte read
/// then gives both, where reading the word once for its end and again for its hash cost a
/// good part of the scan of every word.
fn word_end_and_hash(text: &str, at: usize) -> (usize, u64) {
    let bytes = text.as_bytes();
    if let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let chunk = u64::from_le_bytes(*chunk);
        let len = word_stops(chunk).trailing_zeros() / 8;
        // The word ends inside the chunk at an ASCII byte, which no letter of another
        // script can follow as part of the word: `word_hash` is then its one round.
        if len < 8 && (chunk >> (8 * len)) & 0x80 == 0 {
            let len = len as usize;
            return (at + len, hash_round(len as u64, chunk, len));
        }
    }
    let end = word_end(text, at);
    (end, word_hash(bytes, at, end))
}

/// Just past the word that `at` is in and the non-word character after it: the next place
/// a word can start.
fn past_word(text: &str, at: usize) -> usize {
    let end = word_end(text, at);
    end + char_len_at(text.as_bytes(), end)
}

/// The length of the character that starts at byte `at` (a character boundary), or 0 at
/// the end of the text.
fn char_len_at(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        None => 0,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b >= 0xf0 => 4,
        Some(&b) if b >= 0xe0 => 3,
        Some(_) => 2,
    }
}

/// Where the word (letters and digits) that `at` is in ends. Read eight bytes at a time:
/// the loop exit a byte-wise reader would mispredict at most word ends is one branch here.
pub(crate) fn word_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut e = at;
    loop {
        e += ascii_alnum_len(&bytes[e..]);
        // `e` is at the end or at a byte that is no ASCII letter or digit.
        match bytes.get(e) {
            Some(b) if !b.is_ascii() => match text[e..].chars().next() {
                Some(c) if c.is_alphanumeric() => e += c.len_utf8(),
                _ => return e,
            },
            _ => return e,
        }
    }
}

/// How the automaton reads each byte of the text: ASCII letters lower-cased and hyphens made
/// spaces, so "Guinea-Bissau" meets the key "guinea bissau"; other bytes, non-ASCII ones
/// included, as they are. Byte for byte, so offsets stay those of the text.
static FOLD: [u8; 256] = {
    let mut fold = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        fold[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    fold[b'-' as usize] = b' ';
    fold
};

/// The text as the automaton reads it (see `FOLD`).
#[cfg(test)]
pub fn fold_for_scan(text: &str) -> Vec<u8> {
    text.bytes().map(|b| FOLD[usize::from(b)]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ends_agree_with_a_reading_by_chars() {
        let text = "Guinea-Bissau 1996 abcdefghijklmnopq \u{c9}lys\u{e9}e\u{c9}tat x's na\u{ef}ve_ok \
                    12345678,9 ABCDEFGH\u{2014}Iran\u{2019}s [Z]`@{";
        for (at, _) in text.char_indices() {
            let by_chars: usize = (text[at..].chars())
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            assert_eq!(word_end(text, at), at + by_chars, "{at}");
        }
    }

    #[test]
    fn one_read_word_ends_and_hashes_agree_with_the_plain_ones() {
        let text = "Guinea-Bissau 1996 abcdefghijklmnopq \u{c9}lys\u{e9}e\u{c9}tat x's na\u{ef}ve_ok \
                    12345678,9 ABCDEFGH\u{2014}Iran\u{2019}s abcdefg Abcdefgh A Iran\u{e9} iRAN";
        // Every character boundary, and every cut of the text, so words meet its end.
        for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
            let piece = &text[..cut];
            for (at, _) in piece.char_indices() {
                let end = word_end(piece, at);
                let plain = (end, word_hash(piece.as_bytes(), at, end));
                assert_eq!(word_end_and_hash(piece, at), plain, "{piece:?} {at}");
            }
        }
    }

    #[test]
    fn the_word_filter_passes_every_first_word_in_any_case() {
        let scanner = &*SCANNER;
        let (keys, _) = scan_keys();
        for key in keys {
            let end = key
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(key.len());
            let capitals = format!("{} said", key[..end].to_ascii_uppercase());
            assert!(
                (scanner.first_words).may_open(capitals.as_bytes(), 0, end, false),
                "{key}"
            );
            if end > 0 && end < key.len() {
                assert!(
                    (scanner.first_words).may_open(key.as_bytes(), 0, end, true),
                    "{key}"
                );
            }
        }
        // Words that open no key mostly fail it.
        let common = [
            "said", "the", "of", "to", "and", "Reuters", "Monday", "year",
        ];
        let passed = (common.iter())
            .filter(|w| (scanner.first_words).may_open(w.as_bytes(), 0, w.len(), false))
            .count();
        assert!(passed <= 2, "{passed}");
        // Nor do the commonest lower-case words pass as leads: each that did cost a walk.
        let lower = [
            "of", "in", "the", "a", "to", "and", "said", "its", "be", "mln", "for", "on",
        ];
        let leads = (lower.iter())
            .filter(|w| (scanner.first_words).may_open(w.as_bytes(), 0, w.len(), true))
            .collect::<Vec<_>>();
        // These open keys of their own ("In Amenas", "A Coruna", "Be'er Sheva").
        assert_eq!(leads, [&"in", &"a", &"be"]);
    }
}
