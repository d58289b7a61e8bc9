//! Fuzz target: every input format's parser, on arbitrary bytes, must return Ok or Err and
//! never panic. The first byte picks the format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx::formats::{self, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[pick as usize % Format::ALL.len()];
    if let Ok(parsed) = formats::parse(format, bytes) {
        for a in &parsed.articles {
            // Whatever a parser returns must survive extraction too.
            let _ = newsidx::extract::extract(a, "fuzz/2024/01/02/x.txt");
        }
    }
});
