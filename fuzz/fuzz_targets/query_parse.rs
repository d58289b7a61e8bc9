//! Fuzz target: the query parser returns a tree or a syntax error whose caret position
//! lies inside the query, and never panics or overflows the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = newsidx::query::parse::parse(query) {
        assert!(e.at <= query.chars().count(), "caret past the end: {e:?}");
        let _ = e.to_string();
    }
});
