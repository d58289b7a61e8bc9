//! Regression guard for web-page dates: runs the real `newsidx extract --json` over the
//! 990 saved pages of ../shared/corpora/web-pages-dev and compares each page's date with
//! the gold day, as ../shared/eval/score_web.py does (the first article of a page counts).
//! Fails when fewer dates are right, or more are wrong, than the figures in the README.
//! Skips when ../shared is absent.

use std::collections::HashMap;
use std::path::Path;

mod robust;
use robust::*;

const PAGES: &str = "../shared/corpora/web-pages-dev";
/// Measured when page date claims landed (README "Measured quality and speed").
const CORRECT_AT_LEAST: usize = 565;
const WRONG_AT_MOST: usize = 70;

#[test]
fn web_page_dates_stay_at_their_measured_figures() {
    let dir = Path::new(PAGES);
    if !dir.is_dir() {
        eprintln!("skipping: {PAGES} is absent (a fresh clone has no ../shared)");
        return;
    }
    let gold: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("gold.json")).unwrap()).unwrap();
    let index = tempfile::tempdir().unwrap();
    let out = nx_os(
        index.path(),
        [
            "extract".as_ref(),
            "--json".as_ref(),
            dir.join("pages").as_os_str(),
        ],
    );
    let mut dates: HashMap<String, Option<String>> = HashMap::new();
    for record in jsonl(&out) {
        let path = record["path"].as_str().unwrap_or("");
        let page = path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".gz");
        let day = record["date"]
            .as_str()
            .map(|d| d.chars().take(10).collect());
        dates.entry(page.to_string()).or_insert(day);
    }
    let (mut correct, mut none, mut wrong) = (0, 0, 0);
    for (page, g) in gold.as_object().unwrap() {
        // Pages without a gold date have none, null or "".
        let Some(want) = g["date"].as_str().filter(|d| !d.is_empty()) else {
            continue;
        };
        match dates.get(page).cloned().flatten() {
            None => none += 1,
            Some(day) if day == want => correct += 1,
            Some(_) => wrong += 1,
        }
    }
    eprintln!("web-pages-dev dates: {correct} correct, {none} none, {wrong} wrong");
    assert!(correct >= CORRECT_AT_LEAST, "{correct} correct");
    assert!(wrong <= WRONG_AT_MOST, "{wrong} wrong");
}
