//! Fuzz target: country, actor and date extraction over arbitrary titles and bodies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx::article::{Article, Given};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let words: Vec<String> = title.split(',').map(str::to_string).collect();
    let article = Article {
        title: title.to_string(),
        body: body.to_string(),
        dateline: Some(title.to_string()),
        given: Given {
            places: words.clone(),
            people: words.clone(),
            orgs: words.clone(),
            subjects: words,
        },
        ..Article::default()
    };
    let _ = newsidx::extract::extract(&article, &text);
});
