//! Regression guard for actor extraction: the CoNLL-2003 development documents in
//! ../shared, scored in-process exactly as `../shared/eval/score.py` scores actors against
//! the gold PER and ORG strings.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use newsidx::extract::actors;
use newsidx::formats::text;

/// The actors-vs-PER+ORG F1 on conll-testa that the README reports (measured with
/// score.py on the `newsidx extract --json` output). The test fails on a drop of more than
/// 0.01 below it.
const README_CONLL_ACTOR_F1: f64 = 0.936;

/// The normalised tokens of gazlib.norm_tokens: accents stripped, possessive 's, periods
/// and apostrophes dropped, lower-cased, split on everything but ASCII letters and digits.
fn norm_tokens(s: &str) -> Vec<String> {
    let stripped: String = s.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let chars: Vec<char> = stripped.chars().collect();
    let mut cleaned = String::with_capacity(stripped.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let apostrophe = c == '\'' || c == '\u{2019}';
        let possessive = apostrophe
            && i > 0
            && is_word(chars[i - 1])
            && chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(|n| is_word(*n));
        if possessive {
            i += 2;
            continue;
        }
        if !(apostrophe || c == '.') {
            cleaned.extend(c.to_lowercase());
        }
        i += 1;
    }
    cleaned
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Python's `\w`: letters, digits, underscore.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn contains(a: &[String], b: &[String]) -> bool {
    b.len() <= a.len() && a.windows(b.len()).any(|w| w == b)
}

fn seq_match(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && (contains(a, b) || contains(b, a))
}

#[test]
fn conll_actor_f1_does_not_regress() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/conll-testa");
    let Ok(gold_text) = fs::read_to_string(root.join("gold.jsonl")) else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let (mut pred_ok, mut pred_n, mut gold_ok, mut gold_n) = (0usize, 0usize, 0usize, 0usize);
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
        let path = g["path"].as_str().expect("gold path");
        let raw = fs::read_to_string(root.join(path)).expect("dev text file");
        let mut gold: HashSet<Vec<String>> = HashSet::new();
        for typ in ["PER", "ORG"] {
            for s in g[typ].as_array().into_iter().flatten() {
                let t = norm_tokens(s.as_str().unwrap_or(""));
                if !t.is_empty() {
                    gold.insert(t);
                }
            }
        }
        let mut pred: HashSet<Vec<String>> = HashSet::new();
        if let Some(article) = text::parse(&raw) {
            for a in actors::extract(&article) {
                let t = norm_tokens(&a.name);
                if !t.is_empty() {
                    pred.insert(t);
                }
            }
        }
        gold_n += gold.len();
        gold_ok += gold
            .iter()
            .filter(|g| pred.iter().any(|p| seq_match(g, p)))
            .count();
        pred_n += pred.len();
        pred_ok += pred
            .iter()
            .filter(|p| gold.iter().any(|g| seq_match(g, p)))
            .count();
    }
    let p = pred_ok as f64 / pred_n.max(1) as f64;
    let r = gold_ok as f64 / gold_n.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    eprintln!("conll-testa actors: P {p:.4} R {r:.4} F1 {f1:.4}");
    assert!(
        f1 >= README_CONLL_ACTOR_F1 - 0.01,
        "actor F1 {f1:.4} fell more than 0.01 below {README_CONLL_ACTOR_F1}"
    );
}

#[test]
fn norm_tokens_follows_gazlib() {
    assert_eq!(norm_tokens("U.S. Treasury's"), ["us", "treasury"]);
    assert_eq!(norm_tokens("Tim O'Gorman"), ["tim", "ogorman"]);
    assert_eq!(norm_tokens("José Ramos-Horta"), ["jose", "ramos", "horta"]);
}
