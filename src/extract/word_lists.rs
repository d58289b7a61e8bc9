//! The tab-separated word lists in `data/`, compiled into the binary with `include_str!`,
//! and the hash sets and maps the extractors hold them in.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Non-comment rows of a tab-separated list.
pub fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// (word, class) pairs of a two-column list.
pub fn classed(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(text).filter_map(|r| Some((*r.first()?, *r.get(1)?)))
}

/// The words of one class of a two-column list.
pub fn words_of<C: FromIterator<&'static str>>(text: &'static str, class: &str) -> C {
    classed(text)
        .filter(|(_, c)| *c == class)
        .map(|(w, _)| w)
        .collect()
}

/// FNV-1a: the keys are short words looked up several times per capitalised run, where the
/// default SipHash costs more than the rest of the lookup.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type Set<K> = HashSet<K, BuildHasherDefault<Fnv>>;
pub type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
