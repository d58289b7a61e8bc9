//! Fuzz target: date parsing from metadata, article text and paths, and search bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx::article::Article;
use newsidx::extract::dates;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = dates::parse_date(&text);
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    let _ = dates::parse_bound(&text, false, now);
    let _ = dates::parse_bound(&text, true, now);
    let article = Article {
        date: Some(text.to_string()),
        body: text.to_string(),
        ..Article::default()
    };
    let _ = dates::publication_date(&article, &text);
    let undated = Article {
        body: text.to_string(),
        ..Article::default()
    };
    let _ = dates::publication_date(&undated, &text);
});
