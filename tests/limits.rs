//! Hostile files against the limits of README "Guarantees": documents nested 100,000
//! deep in every structured format, gzip bombs, a 1 GB plain file, a JSON Lines file with
//! one gigantic line and a WARC record whose length lies. Each run completes, names every
//! hostile file with its reason, indexes every good article beside them, and stays under
//! the stated memory bound; a second run changes nothing.
#![cfg(unix)]

mod robust;

use std::io::Write;
use std::path::Path;

use robust::*;

const DEEP: usize = 100_000;
const GOOD: usize = 1_000;
const XML_TOO_DEEP: &str = "XML nested deeper than 128 levels";

fn nest(open: &str, close: &str, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(DEEP), close.repeat(DEEP))
}

/// What a deeply nested file of each format must give.
enum Expect {
    /// Refused as a whole, named with this reason.
    Refused(&'static str),
    /// Read without its structure (the parser does not recurse): indexed, and this
    /// word of its title is searchable.
    Read(&'static str),
}

/// One file per format, each nested `DEEP` levels where its structure allows.
fn deep_files() -> Vec<(&'static str, String, Expect)> {
    vec![
        (
            "story.nitf.xml",
            format!(
                "<nitf><head><title>Deep nitf</title></head><body><body.content>{}\
                 </body.content></body></nitf>",
                nest("<p>", "</p>", "words")
            ),
            Expect::Refused(XML_TOO_DEEP),
        ),
        (
            "item.newsml.xml",
            format!(
                "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><contentSet>\
                 <inlineXML>{}</inlineXML></contentSet></newsItem>",
                nest("<p>", "</p>", "words")
            ),
            Expect::Refused(XML_TOO_DEEP),
        ),
        (
            "feed.rss",
            format!(
                "<rss><channel><item><title>Deep item</title><description>{}\
                 </description></item></channel></rss>",
                nest("<b>", "</b>", "words")
            ),
            Expect::Refused(XML_TOO_DEEP),
        ),
        (
            "feed.atom",
            format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Deep entry</title>\
                 <content type=\"xhtml\">{}</content></entry></feed>",
                nest("<div>", "</div>", "words")
            ),
            Expect::Refused(XML_TOO_DEEP),
        ),
        (
            "story.json",
            format!(
                "{{\"title\": \"Deep json\", \"body\": {}}}",
                nest("[", "]", "1")
            ),
            Expect::Refused("JSON nested deeper than 128 levels"),
        ),
        (
            "lines.jsonl",
            format!(
                "{{\"title\": \"Shallow line jsonlword\", \"body\": \"Fine text here.\"}}\n{}\n",
                nest("{\"a\":", "}", "1")
            ),
            Expect::Refused("line 2: invalid JSON (JSON nested deeper than 128 levels)"),
        ),
        (
            "page.html",
            format!(
                "<html><head><title>Deep page htmlword</title></head><body>{}</body></html>",
                nest("<div>", "</div>", "Text at the bottom of the page.")
            ),
            Expect::Read("htmlword"),
        ),
        (
            "crawl.warc",
            warc_record(&format!(
                "<html><head><title>Deep warc warcword</title></head><body>{}</body></html>",
                nest("<div>", "</div>", "Text.")
            )),
            Expect::Read("warcword"),
        ),
        (
            "quotes.md",
            format!(
                "# Deep quotes mdword\n\n{}quoted words at the bottom of it all\n",
                "> ".repeat(DEEP)
            ),
            Expect::Read("mdword"),
        ),
        (
            "wire.sgm",
            format!(
                "<REUTERS NEWID=\"1\"><TEXT><TITLE>Deep wire sgmword</TITLE><BODY>{}\
                 </BODY></TEXT></REUTERS>",
                nest("<B>", "</B>", "Body words of the wire story.")
            ),
            Expect::Read("sgmword"),
        ),
    ]
}

fn warc_record(html: &str) -> String {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://n.example/deep\r\n\
         Content-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
}

fn good_articles(root: &Path, n: usize) {
    for i in 0..n {
        write(
            root,
            &format!("good/a{i:04}.txt"),
            article(&format!("story{i}"), "goodmark"),
        );
    }
}

#[test]
fn deep_nesting_in_every_format_is_named_or_read_flat_and_never_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    good_articles(&root, 20);
    let files = deep_files();
    for (name, content, _) in &files {
        write(&root, &format!("deep/{name}"), content);
    }
    let index = dir.path().join("index");
    let (out, summary) = index_json(&index, &[&root], &["--quiet"]);
    let err = stderr(&out);
    eprintln!("{err}{summary}");
    assert_eq!(count(&index, "goodmark"), 20, "every good file is indexed");
    let mut failures = Vec::new();
    for (name, _, expect) in &files {
        let line = err.lines().find(|l| l.contains(&format!("deep/{name}:")));
        match expect {
            Expect::Refused(why) => {
                if !line.is_some_and(|l| l.contains(why)) {
                    failures.push(format!("{name}: want a warning with {why:?}, got {line:?}"));
                }
            }
            Expect::Read(word) => {
                if count(&index, word) != 1 {
                    failures.push(format!("{name}: {word} not indexed ({line:?})"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The shallow record beside the deep one in the same JSON Lines file survives.
    assert_eq!(count(&index, "jsonlword"), 1);
}

/// A gzip file of many members, each the compression of `chunk`: expands to
/// `members * chunk.len()` bytes from a file a thousandth of that size, fast to make.
fn gzip_bomb(path: &Path, chunk: &[u8], members: usize) {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(chunk).unwrap();
    let member = enc.finish().unwrap();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for _ in 0..members {
        f.write_all(&member).unwrap();
    }
    f.flush().unwrap();
}

/// Writes `head`, then `chunk` until the file passes `size` bytes, then `tail`.
fn big_file(path: &Path, head: &[u8], chunk: &[u8], size: usize, tail: &[u8]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(head).unwrap();
    let mut written = head.len();
    while written < size {
        f.write_all(chunk).unwrap();
        written += chunk.len();
    }
    f.write_all(tail).unwrap();
    f.flush().unwrap();
}

#[test]
fn bombs_and_giant_files_are_cut_named_and_bounded_and_a_rerun_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    good_articles(&root, GOOD);
    let bad = root.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    const MB: usize = 1 << 20;
    // 2 GB of zeros and 1 GB of English text, from a few MB of gzip each.
    gzip_bomb(&bad.join("zeros.txt.gz"), &vec![0u8; MB], 2048);
    let sentence = b"The council met again on Tuesday and agreed nothing about grain. ";
    let text_mb: Vec<u8> = sentence.iter().copied().cycle().take(MB).collect();
    let mut first = b"Textbomb headline bombword\n\n".to_vec();
    first.extend(&text_mb);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&first).unwrap();
    std::fs::write(bad.join("text.txt.gz"), enc.finish().unwrap()).unwrap();
    let mut tail = std::fs::OpenOptions::new()
        .append(true)
        .open(bad.join("text.txt.gz"))
        .unwrap();
    gzip_bomb(&dir.path().join("more.gz"), &text_mb, 1023);
    tail.write_all(&std::fs::read(dir.path().join("more.gz")).unwrap())
        .unwrap();
    drop(tail);
    // A 1 GB log left in the archive folder.
    let line = b"A line of a log that somebody left in the news archive folder.\n".repeat(1000);
    big_file(
        &bad.join("huge.txt"),
        b"Huge plain file hugeword\n\n",
        &line,
        1 << 30,
        b"",
    );
    // One gigantic line between two good records.
    big_file(
        &bad.join("giant.jsonl"),
        b"{\"title\": \"Before the giant line beforeword\", \"body\": \"Fine text.\"}\n\
          {\"title\": \"Giant\", \"body\": \"",
        &b"word ".repeat(100_000),
        200 * MB,
        b"\"}\n{\"title\": \"After the giant line\", \"body\": \"Lost past the cap.\"}\n",
    );
    // A WARC record that claims 100 TB, between two honest ones.
    let honest = |word: &str| {
        warc_record(&format!(
            "<html><head><title>Honest record {word}</title></head><body><p>Page text \
             of an honest record in the crawl.</p></body></html>"
        ))
    };
    let liar = honest("liarword").replacen("Content-Length: ", "Content-Length: 99999999999", 1);
    std::fs::write(
        bad.join("crawl.warc"),
        format!("{}{liar}{}", honest("firstwarc"), honest("lastwarc")),
    )
    .unwrap();

    let index = dir.path().join("index");
    let (out, peak) = index_watching_rss(&index, &root, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let summary = jsonl(&out).pop().unwrap();
    eprintln!("{err}{summary}\npeak RSS {} MB", peak >> 20);
    assert!(peak < MEMORY_BOUND, "peak RSS {} MB", peak >> 20);
    assert_eq!(count(&index, "goodmark"), GOOD, "every good article");
    for (file, why) in [
        ("zeros.txt.gz", "binary content"),
        ("text.txt.gz", "8 MiB article limit"),
        ("huge.txt", "8 MiB article limit"),
        ("giant.jsonl", "larger than 128 MiB"),
        ("crawl.warc", "runs past the end of the file"),
    ] {
        let named = err
            .lines()
            .filter(|l| l.contains(&format!("bad/{file}:")))
            .collect::<Vec<_>>();
        assert_eq!(named.len(), 1, "{file} named once: {err}");
        assert!(named[0].contains(why), "{file}: {}", named[0]);
    }
    // What lies before each cut is indexed; the honest WARC record after the lie too.
    for word in [
        "bombword",
        "hugeword",
        "beforeword",
        "firstwarc",
        "lastwarc",
    ] {
        assert_eq!(count(&index, word), 1, "{word}");
    }

    let (_, again) = index_json(&index, &[&root], &["--quiet"]);
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(again["updated"], 0, "{again}");
    assert_eq!(again["removed"], 0, "{again}");
    assert_eq!(again["unchanged"], summary["added"], "{again}");
}

/// Inputs the fuzzers found slow or memory-hungry: tag starts without their '>', `<div/>`
/// 200,000 times (which HTML nests, unlike XML), NUL
/// bytes after a page (behind a byte-order mark, or as zero-filled gzip members), and a
/// megabyte of capitalised words. Each is read in one pass: the run completes, the text
/// before the NUL bytes is indexed with a warning, and the good articles beside them too.
#[test]
fn pathological_text_is_read_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    good_articles(&root, 20);
    let page = "<html><head><title>Zeroed page zeroword</title></head><body><p>The page \
                text ends here and zeros follow.</p></body></html>";
    write(
        &root,
        "odd/unclosed.html",
        format!(
            "<title>Unclosed tags ltword</title>{}",
            "<<p".repeat(100_000)
        ),
    );
    write(
        &root,
        "odd/slashed.html",
        format!(
            "<title>Slashed divs slashword</title><body>{}<p>Text.</p>",
            "<div/>".repeat(200_000)
        ),
    );
    let mut bom_nul = b"\xef\xbb\xbf".to_vec();
    bom_nul.extend(page.repeat(200).as_bytes());
    bom_nul.extend(vec![0u8; 4 << 20]);
    write(&root, "odd/bom-nul.html", &bom_nul);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(page.as_bytes()).unwrap();
    let mut zeros = enc.finish().unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![0u8; 1 << 20]).unwrap();
    let member = enc.finish().unwrap();
    for _ in 0..100 {
        zeros.extend(&member);
    }
    write(&root, "odd/zeros.html.gz", &zeros);
    write(
        &root,
        "odd/capitals.txt",
        format!(
            "Capitals everywhere capsword\n\n{}\n",
            "President Macron of France ".repeat(40_000)
        ),
    );
    let index = dir.path().join("index");
    let (out, _) = index_json(&index, &[&root], &["--quiet"]);
    let err = stderr(&out);
    assert_eq!(count(&index, "goodmark"), 20, "{err}");
    for word in ["ltword", "zeroword", "capsword", "slashword"] {
        assert!(count(&index, word) >= 1, "{word}: {err}");
    }
    for file in ["bom-nul.html", "zeros.html.gz"] {
        let line = err.lines().find(|l| l.contains(&format!("odd/{file}:")));
        assert!(
            line.is_some_and(|l| l.contains("NUL bytes after")),
            "{file}: {line:?}"
        );
    }
}
