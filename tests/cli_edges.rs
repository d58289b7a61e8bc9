//! End-to-end tests of the real binary's edges: completions and man page, the lone-star
//! query, closed pipes, how messages quote names, and languages.

mod common;

use common::*;

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = nx(dir.path(), &["completions", "bash"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("newsidx"));
    assert!(stdout(&out).contains("--country"));
    let out = nx(dir.path(), &["man"]);
    assert!(stdout(&out).contains(".TH newsidx"));
}

#[test]
fn a_lone_star_is_every_article() {
    let (_d, index) = indexed();
    let count = |args: &[&str]| {
        let mut all = vec!["search", "--count"];
        all.extend_from_slice(args);
        let out = nx(&index, &all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().parse::<usize>().unwrap()
    };
    let every = count(&[""]);
    assert_eq!(every, 6);
    assert_eq!(count(&["*"]), every);
    assert_eq!(count(&["*:*"]), every);
    assert_eq!(count(&["(*)"]), every);
    // With filters, `*` is the filtered set, as the empty query is.
    for filter in [
        vec!["--country", "japan"],
        vec!["--from", "2025"],
        vec!["--from", "2024", "--to", "2025-01"],
        vec!["--source", "andes.example"],
    ] {
        let empty = count(&[&[""], filter.as_slice()].concat());
        assert!(empty < every, "{filter:?} narrows");
        assert_eq!(
            count(&[&["*"], filter.as_slice()].concat()),
            empty,
            "{filter:?}"
        );
        assert_eq!(
            count(&[&["*:*"], filter.as_slice()].concat()),
            empty,
            "{filter:?}"
        );
    }
    // Inside a larger query it stands for every article too.
    assert_eq!(count(&["* AND copper"]), count(&["copper"]));
    assert_eq!(count(&["* -copper"]), every - 1);
    assert_eq!(count(&["* OR copper"]), every);
    // Results come in the same order as for the empty query: newest first.
    let listed = |q: &str| ids(&nx(&index, &["search", q, "--json", "--limit", "100"]));
    assert_eq!(listed("*"), listed(""));
    // A star that starts a word is still an error, said plainly.
    let out = nx(&index, &["search", "*ing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'*'"), "{}", stderr(&out));
}

/// Starts `newsidx ARGS` with stdout into a pipe, reads one line, then closes the pipe
/// while the program still has output to write, as `| head -1` does. Returns the line
/// read, the exit code and stderr.
fn first_line_then_close(index: &std::path::Path, args: &[&str]) -> (String, Option<i32>, String) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = cmd(index)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsidx");
    let mut line = String::new();
    {
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        reader.read_line(&mut line).unwrap();
        // The only reading end of the pipe is dropped here.
    }
    let out = child.wait_with_output().unwrap();
    no_panic(&out);
    (line, out.status.code(), stderr(&out))
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for i in 0..800 {
        write(
            &corpus,
            &format!("wire/w{i:03}.txt"),
            format!(
                "Wheat cargo {i} leaves Odessa for Alexandria\n\n\
                 ODESSA, March {}, 2024 (Test Wire) - Ukrainian exporters loaded wheat cargo \
                 {i} for Alexandria, Egyptian officials said. President Volodymyr Zelensky and \
                 Egyptian President Abdel Fattah al-Sisi discussed the grain trade, while Turkey \
                 and Romania watched the Black Sea route.\n",
                i % 28 + 1
            ),
        );
    }
    // One long article, so that `show` alone writes far more than a pipe holds.
    let long = "Grain traders in Rotterdam counted the barges again. ".repeat(8_000);
    write(&corpus, "long.txt", format!("The long report\n\n{long}\n"));
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Linux pipes hold 64 KiB; each output must be well past that, or the program could
    // finish writing before the reader goes and the test would prove nothing.
    let cases: [&[&str]; 6] = [
        &["search", "wheat", "--limit", "1000", "--json"],
        &["search", "wheat", "--limit", "1000"],
        &["search", "wheat", "--limit", "1000", "--format", "csv"],
        &["search", "", "--limit", "1000", "--format", "json"],
        &["show", "long.txt"],
        &["timeline", "--by", "day", "--from", "1990", "--to", "2030"],
    ];
    for args in cases {
        let full = nx(&index, args);
        assert_eq!(full.status.code(), Some(0), "{args:?}: {}", stderr(&full));
        assert!(
            full.stdout.len() > 4 * 65_536,
            "{args:?} writes only {} bytes",
            full.stdout.len()
        );
        let (line, code, err) = first_line_then_close(&index, args);
        assert!(!line.is_empty(), "{args:?}: nothing read");
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}: nothing on stderr");
    }
}

#[test]
fn messages_quote_names_plainly() {
    let (_d, index) = indexed();
    let out = nx(&index, &["show", "no/such/article.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        "newsidx: error: no article with id or path 'no/such/article.txt' in the index"
    );
    let out = nx(&index, &["similar", "no/such/article.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no article with id or path 'no/such/article.txt' in"),
        "{}",
        stderr(&out)
    );
    let out = nx(&index, &["index", "--input-format", "pdf", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown format 'pdf'; known formats: "),
        "{}",
        stderr(&out)
    );
    let out = nx(&index, &["search", "wheat ]"]);
    assert!(stderr(&out).contains("unexpected ']'"), "{}", stderr(&out));
    // `show` prints where the date came from in plain double quotes.
    let out = nx(&index, &["show", "wire/ankara-grain.txt"]);
    let text = stdout(&out);
    assert!(
        text.contains("(from dateline: \"ANKARA, March 14, 2024 (Test Wire)\")"),
        "{text}"
    );
}

/// Each article's language is detected and stored: `--lang` filters by it, `top
/// languages` counts it, and an article in a language without actor rules gets no actors
/// from its text (German capitalizes every noun), which `stats` says.
#[test]
fn languages_are_detected_filtered_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(
        &corpus,
        "en.txt",
        "Harbour reopens after storm\n\nThe harbour in Hamburg reopened on Tuesday after \
         three days of storms, and Mayor Peter Tschentscher said the first ferries had left.\n",
    );
    write(
        &corpus,
        "de.txt",
        "Hafen nach Sturm wieder offen\n\nDer Hafen in Hamburg ist am Dienstag nach drei \
         Tagen Sturm wieder geöffnet worden. Die Ersten Fähren fuhren am Nachmittag zu den \
         Inseln, teilte die Hafenbehörde mit. Vielen Dank an die Helfer im Februar.\n",
    );
    let index = dir.path().join("index");
    let out = nx(&index, &["index", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let de = nx(&index, &["search", "--lang", "de", "--json"]);
    let hits = jsonl(&de);
    assert_eq!(hits.len(), 1, "{}", stdout(&de));
    assert_eq!(hits[0]["id"], "de.txt");
    assert_eq!(hits[0]["lang"], "de");
    assert_eq!(
        hits[0]["actors"],
        serde_json::json!([]),
        "no guessed German actors"
    );
    let en = jsonl(&nx(&index, &["search", "--lang", "en", "--json"]));
    assert_eq!(en.len(), 1);
    assert!(
        en[0]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Peter Tschentscher"),
        "{}",
        en[0]
    );
    let top = nx(&index, &["top", "languages", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&top.stdout).unwrap();
    assert_eq!(v["facet"], "language");
    assert_eq!(v["top"].as_array().unwrap().len(), 2, "{v}");
    let stats = nx(&index, &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(v["without_actor_rules"], 1, "{v}");
    let human = stdout(&nx(&index, &["stats"]));
    assert!(human.contains("languages"), "{human}");
    assert!(human.contains("without actor rules"), "{human}");
}
