//! The place gazetteer: loads `data/countries.tsv`, `data/places.tsv` and the optional
//! `data/cities.tsv` at build time, and builds once (lazily, on first use) the lookup table
//! and the keys that country extraction scans articles for (`countries::scan`).

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");
const PLACES_TSV: &str = include_str!("../../data/places.tsv");
const CITIES_TSV: &str = include_str!("../../data/cities.tsv");

/// What kind of evidence an entry is; the order is the strength of the evidence, so when two
/// files give one surface different codes, the stronger kind wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Country name, ISO name, alias.
    Name,
    Demonym,
    /// ISO code or Reuters slug: found by `lookup`, never in prose.
    Code,
    Metonym,
    State,
    /// Georgia: a state and a country; context decides.
    StateOrCountry,
    Region,
    /// An old US state abbreviation ("Calif."), trusted only in datelines or after "City, ".
    DatelineState,
    City,
    /// A city from the large optional list, the weakest evidence.
    ListedCity,
    /// A state or province from the large optional list.
    ListedRegion,
    /// A phrase naming no country that hides a shorter country word ("Latin America").
    Block,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "name" | "iso" | "alias" => Kind::Name,
            "demonym" => Kind::Demonym,
            "code" | "slug" => Kind::Code,
            "metonym" => Kind::Metonym,
            "state" | "province" => Kind::State,
            "state-ctx" => Kind::StateOrCountry,
            "region" => Kind::Region,
            "dateline" => Kind::DatelineState,
            "city" => Kind::City,
            "block" => Kind::Block,
            _ => return None,
        })
    }

    /// Lower is stronger; entries of the same rank with different codes are ambiguous.
    fn rank(self) -> u8 {
        match self {
            Kind::Name | Kind::Demonym | Kind::Code | Kind::Block => 0,
            Kind::Metonym | Kind::State | Kind::StateOrCountry | Kind::Region => 1,
            Kind::DatelineState => 1,
            Kind::City => 2,
            Kind::ListedCity | Kind::ListedRegion => 3,
        }
    }

    /// Whether the country itself is named (not a place inside it).
    pub fn names_country(self) -> bool {
        matches!(self, Kind::Name | Kind::Demonym)
    }
}

/// One gazetteer entry after conflicts are resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// ISO code, or "" for a block entry.
    pub code: &'static str,
    pub kind: Kind,
    /// Written in capitals ("US", "UAE"): only an exact-case match counts.
    pub caps_only: bool,
}

pub struct Gazetteer {
    /// Normalised surface -> entry, for `lookup` and `is_place`. Fx-hashed: the actor
    /// reader looks up every short capitalised run here.
    pub by_key: FxHashMap<String, Entry>,
    /// The keys that end in a period ("calif.", "d.c."), without it: a name whose period
    /// was cut off is looked up again with it only when one of these could match.
    pub dotted_stems: FxHashSet<String>,
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(build);

/// Normalised key: lower case, '-', '_' and runs of spaces folded to one space, a leading
/// "the " dropped.
pub fn norm_key(s: &str) -> String {
    let mut key = String::new();
    norm_key_into(s, &mut key);
    key
}

/// `norm_key` written into `key`, which is cleared first: a caller that looks up many names
/// keeps one buffer instead of allocating a key for each.
pub fn norm_key_into(s: &str, key: &mut String) {
    key.clear();
    if s.is_ascii() {
        ascii_norm_key_into(s, key);
    } else {
        key.push_str(&any_norm_key(s));
    }
}

fn any_norm_key(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for w in lower.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

/// `norm_key` of an ASCII name, the common case (every capitalised run the actor reader
/// checks for a place), in one pass, appended to `out` (empty).
fn ascii_norm_key_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let mut gap = false;
    for b in s.bytes() {
        if char::from(b).is_whitespace() || b == b'-' || b == b'_' {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(char::from(b.to_ascii_lowercase()));
    }
    // Words are never empty, so what follows "the " is never empty either.
    if out.starts_with("the ") {
        out.drain(..4);
    }
}

fn is_caps_form(surface: &str) -> bool {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

/// Plural of a demonym, when it has one ("Iranians"; not "Chinese", "Swiss", "British").
fn plural(demonym: &str) -> Option<String> {
    let l = demonym.to_lowercase();
    let invariant = ["ese", "sh", "ch", "s", "x", "z", "ic"];
    if invariant.iter().any(|e| l.ends_with(e)) {
        return None;
    }
    Some(format!("{demonym}s"))
}

struct Raw {
    surface: &'static str,
    code: &'static str,
    kind: Kind,
}

/// Kinds of the optional city list (`name<TAB>code[<TAB>kind]`): dotted abbreviations
/// ("Calif.") are dateline forms there too; states and provinces can contain a city.
fn listed_kind(surface: &str, kind: Option<&str>) -> Kind {
    if surface.ends_with('.') && surface.len() <= 8 {
        return Kind::DatelineState;
    }
    match kind {
        Some("state" | "province") => Kind::ListedRegion,
        _ => Kind::ListedCity,
    }
}

fn parse_file(text: &'static str, listed: bool, out: &mut Vec<Raw>) {
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(surface), Some(code)) = (cols.next(), cols.next()) else {
            continue;
        };
        let (surface, code) = (surface.trim(), code.trim());
        let kind = if listed {
            listed_kind(surface, cols.next().map(str::trim))
        } else {
            match cols.next().and_then(Kind::parse) {
                Some(k) => k,
                None => continue,
            }
        };
        if surface.is_empty() || code.is_empty() {
            continue;
        }
        let code = if code == "-" { "" } else { code };
        out.push(Raw {
            surface,
            code,
            kind,
        });
    }
}

/// ISO code -> display name, from the country list alone. Resolving `--country US` or
/// naming a facet needs only this, not the ~10k-key place index (a few ms per process).
pub static DISPLAY: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut raws = Vec::new();
    parse_file(COUNTRIES_TSV, false, &mut raws);
    display_names(&raws)
});

fn display_names(raws: &[Raw]) -> FxHashMap<&'static str, &'static str> {
    let mut display = FxHashMap::default();
    for r in raws {
        if r.kind == Kind::Name && !r.code.is_empty() {
            display.entry(r.code).or_insert(r.surface);
        }
    }
    display
}

fn build() -> Gazetteer {
    let by_key = resolve(&raw_entries(), |_| true);
    let dotted_stems = (by_key.keys())
        .filter_map(|k| k.strip_suffix('.'))
        .map(str::to_string)
        .collect();
    Gazetteer {
        by_key,
        dotted_stems,
    }
}

/// Every entry of the three lists, before conflicts are resolved.
fn raw_entries() -> Vec<Raw> {
    let mut raws = Vec::new();
    parse_file(COUNTRIES_TSV, false, &mut raws);
    parse_file(PLACES_TSV, false, &mut raws);
    parse_file(CITIES_TSV, true, &mut raws);
    raws
}

/// Resolves each normalised key of the `wanted` entries to one entry: the strongest rank
/// wins; a tie between different codes makes the key ambiguous, and it is dropped.
fn resolve(raws: &[Raw], wanted: impl Fn(&Raw) -> bool) -> FxHashMap<String, Entry> {
    let mut best: HashMap<String, (Option<Entry>, u8, &'static str)> = HashMap::new();
    let mut add = |key: String, surface: &'static str, entry: Entry| {
        let rank = entry.kind.rank();
        match best.get_mut(&key) {
            None => {
                best.insert(key, (Some(entry), rank, surface));
            }
            Some(slot) => {
                if rank < slot.1 {
                    *slot = (Some(entry), rank, surface);
                } else if rank == slot.1 {
                    match slot.0 {
                        Some(e) if e.code != entry.code => {
                            // A block or a listed city never makes a stronger entry ambiguous.
                            if entry.kind == Kind::Block {
                                slot.0 = Some(entry);
                            } else if e.kind != Kind::Block {
                                slot.0 = None;
                            }
                        }
                        Some(mut e) => {
                            // Same code: keep the more specific kind (Name over Demonym...).
                            if entry.kind < e.kind {
                                e.kind = entry.kind;
                            }
                            e.caps_only &= entry.caps_only;
                            slot.0 = Some(e);
                        }
                        None => {}
                    }
                }
            }
        }
    };
    let mut extra: Vec<(String, &'static str, Entry)> = Vec::new();
    for r in raws.iter().filter(|r| wanted(r)) {
        let entry = Entry {
            code: r.code,
            kind: r.kind,
            caps_only: is_caps_form(r.surface),
        };
        add(norm_key(r.surface), r.surface, entry);
        if r.kind == Kind::Demonym
            && let Some(p) = plural(r.surface)
        {
            extra.push((norm_key(&p), r.surface, entry));
        }
    }
    for (k, s, e) in extra {
        add(k, s, e);
    }

    best.into_iter()
        .filter_map(|(key, (entry, _, _))| Some((key, entry?)))
        .collect()
}

/// The keys a scan looks for (every key except bare codes, which are never read in prose,
/// unless a code hid a prose entry) and the entry of each.
pub(crate) fn scan_keys() -> (Vec<&'static str>, Vec<Entry>) {
    let mut patterns = Vec::new();
    let mut keys: Vec<&'static str> = Vec::new();
    let hidden = hidden_by_codes();
    let table: &'static Gazetteer = &GAZETTEER;
    for (key, entry) in &table.by_key {
        let entry = match entry.kind {
            Kind::Code => match hidden.get(key) {
                Some(prose) => prose,
                None => continue,
            },
            _ => entry,
        };
        // The pattern is the key itself ("new south wales"); extraction scans a folded copy
        // of the text (see `fold_for_scan`).
        keys.push(key.as_str());
        patterns.push(*entry);
    }
    (keys, patterns)
}

/// The prose entries that a bare code outranks in the table: codes are never read in
/// prose, so the code PA (Panama) must not hide the dateline state "Pa" of "PITTSBURGH, Pa".
fn hidden_by_codes() -> FxHashMap<String, Entry> {
    let codes: std::collections::HashSet<&str> = (GAZETTEER.by_key.iter())
        .filter(|(_, e)| e.kind == Kind::Code)
        .map(|(k, _)| k.as_str())
        .collect();
    resolve(&raw_entries(), |r| {
        r.kind != Kind::Code && codes.contains(norm_key(r.surface).as_str())
    })
}

/// Seats of government: capitals (from `data/cities.tsv`) and metonyms (the Kremlin,
/// Downing Street), by normalised key. News writes governments by these ("Paris and
/// Berlin said", "the Kremlin rejected"), so where the text uses one as a government it
/// counts as naming the country.
pub static SEATS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    let mut seats = std::collections::HashSet::new();
    for (text, kind) in [(CITIES_TSV, "capital"), (PLACES_TSV, "metonym")] {
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            if let (Some(name), Some(_), Some(k)) = (cols.next(), cols.next(), cols.next())
                && k.trim() == kind
            {
                seats.insert(norm_key(name));
            }
        }
    }
    seats
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_hyphens_and_the() {
        assert_eq!(norm_key("The  Netherlands"), "netherlands");
        assert_eq!(norm_key("west-germany"), "west germany");
        assert_eq!(norm_key("the"), "the");
        for name in [
            "The  Netherlands",
            " the\tthe ",
            "Guinea-Bissau",
            "a__b",
            "THE X",
            "the",
            "",
        ] {
            assert_eq!(norm_key(name), any_norm_key(name), "{name}");
        }
        assert_eq!(norm_key(" The\t-Gambia_ "), "gambia");
        assert_eq!(norm_key("the  the"), "the");
        assert_eq!(norm_key("Thessaloniki"), "thessaloniki");
        assert_eq!(norm_key("C\u{f4}te d'Ivoire"), "c\u{f4}te d'ivoire");
    }

    #[test]
    fn demonym_plurals() {
        assert_eq!(plural("Iranian").as_deref(), Some("Iranians"));
        assert_eq!(plural("Chinese"), None);
        assert_eq!(plural("Swiss"), None);
        assert_eq!(plural("Pakistani"), Some("Pakistanis".to_string()));
    }

    #[test]
    fn stronger_kind_wins_and_blocks_hide() {
        let g = &*GAZETTEER;
        assert_eq!(g.by_key.get("georgia").map(|e| e.code), Some("GE"));
        assert_eq!(g.by_key.get("new mexico").map(|e| e.code), Some("US"));
        assert_eq!(
            g.by_key.get("latin america").map(|e| e.kind),
            Some(Kind::Block)
        );
        assert!(g.by_key.get("us").is_some_and(|e| e.caps_only));
    }
}
