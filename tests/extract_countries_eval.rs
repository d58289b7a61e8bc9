//! Regression guard for country extraction: scores the Reuters and CoNLL development sets in
//! ../shared the way eval/score.py does (micro-averaged set P/R/F1 per document) and fails
//! when F1 falls more than 0.01 below the measured figures.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use newsidx::extract::countries;
use newsidx::formats::text;

/// The figures score.py printed for this extractor once currencies, accords,
/// nationality-named companies and origin words ("Chinese-made", "Thai sugar") stopped counting ("countries vs PLACES" on reuters-dev,
/// "countries vs LOC+MISC (gazetteer)" on conll-testa).
const REUTERS_F1: f64 = 0.880;
const CONLL_F1: f64 = 0.971;
const TOLERANCE: f64 = 0.01;

/// Dissolved states and the codes that count for them when the gold has the old code
/// (as score.py's align_historic does).
fn successors(historic: &str) -> &'static [&'static str] {
    match historic {
        "SU" => &[
            "RU", "UA", "BY", "KZ", "UZ", "TM", "KG", "TJ", "GE", "AM", "AZ", "MD", "LT", "LV",
            "EE",
        ],
        "YU" => &["RS", "HR", "SI", "BA", "MK", "ME", "XK"],
        "CS" => &["CZ", "SK"],
        "DD" => &["DE"],
        "YD" => &["YE"],
        "AN" => &["CW", "SX", "BQ"],
        _ => &[],
    }
}

fn align_historic(pred: HashSet<String>, gold: &HashSet<String>) -> HashSet<String> {
    pred.into_iter()
        .map(|c| {
            if gold.contains(&c) {
                return c;
            }
            gold.iter()
                .find(|h| successors(h).contains(&c.as_str()))
                .cloned()
                .unwrap_or(c)
        })
        .collect()
}

/// Micro F1 of extracted country codes against the gold field `key`.
fn score(dir: &Path, key: &str) -> Option<(f64, usize)> {
    let gold_text = fs::read_to_string(dir.join("gold.jsonl")).ok()?;
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut docs = 0;
    let mut gold_by_path: HashMap<String, HashSet<String>> = HashMap::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let path = v.get("path")?.as_str()?.to_string();
        let codes = v
            .get(key)?
            .as_array()?
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect();
        gold_by_path.insert(path, codes);
    }
    for (path, gold) in &gold_by_path {
        let bytes = fs::read(dir.join(path)).ok()?;
        let pred: HashSet<String> = text::parse(&String::from_utf8_lossy(&bytes))
            .map(|a| countries::extract(&a).into_iter().map(|c| c.code).collect())
            .unwrap_or_default();
        let pred = align_historic(pred, gold);
        tp += pred.intersection(gold).count();
        fp += pred.difference(gold).count();
        fn_ += gold.difference(&pred).count();
        docs += 1;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Some((f1, docs))
}

#[test]
fn country_f1_holds_on_dev_sets() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if !shared.exists() {
        eprintln!("skipping: ../shared absent");
        return;
    }
    for (name, sub, key, floor) in [
        ("reuters-dev", "reuters-dev", "places", REUTERS_F1),
        ("conll-testa", "conll-testa", "countries", CONLL_F1),
    ] {
        let Some((f1, docs)) = score(&shared.join(sub), key) else {
            eprintln!("skipping {name}: gold unreadable");
            continue;
        };
        eprintln!("{name}: country F1 {f1:.3} over {docs} docs (floor {floor})");
        assert!(docs > 100, "{name}: only {docs} docs read");
        assert!(
            f1 >= floor - TOLERANCE,
            "{name}: country F1 {f1:.3} fell below {floor} - {TOLERANCE}"
        );
    }
}

/// Every Reuters PLACES label resolves through `lookup`, as metadata merging needs.
#[test]
fn reuters_place_labels_resolve() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/reuters21578-dev/all-places-strings.lc.txt");
    let Ok(list) = fs::read_to_string(&path) else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let missing: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && countries::lookup(l).is_none())
        .collect();
    assert!(missing.is_empty(), "unresolved labels: {missing:?}");

    // And each resolves to the code the dev gold gives it.
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/reuters-dev/gold.jsonl");
    let Ok(gold) = fs::read_to_string(gold) else {
        return;
    };
    let mut wrong = HashSet::new();
    for line in gold.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(raw), Some(codes)) = (v["places_raw"].as_array(), v["places"].as_array()) else {
            continue;
        };
        if raw.len() != codes.len() {
            continue;
        }
        for (r, c) in raw.iter().zip(codes) {
            let (Some(r), Some(c)) = (r.as_str(), c.as_str()) else {
                continue;
            };
            if countries::lookup(r).map(|x| x.code) != Some(c) {
                wrong.insert(format!("{r}->{c}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "labels resolving elsewhere than the gold: {wrong:?}"
    );
}
