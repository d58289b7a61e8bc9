//! WARC web archives (`.warc`, `.warc.gz` after decompression): every `response` record
//! whose HTTP payload is HTML becomes an article through the HTML reader.

use std::io::Read;

use super::Parsed;
use super::html;
use crate::article::Article;

/// The largest HTTP body decompressed from one record.
const MAX_BODY: u64 = 64 << 20;

pub fn parse(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let mut pos = 0;
    let mut index = 0;
    while pos < bytes.len() {
        let Some(start) = find(bytes, b"WARC/", pos) else {
            break;
        };
        if start > pos && bytes[pos..start].iter().any(|b| !b.is_ascii_whitespace()) {
            parsed.warnings.push(format!(
                "skipped {} stray bytes at offset {pos}",
                start - pos
            ));
        }
        index += 1;
        let Some(head_end) = find(bytes, b"\r\n\r\n", start)
            .map(|i| (i, 4))
            .or_else(|| find(bytes, b"\n\n", start).map(|i| (i, 2)))
        else {
            parsed
                .warnings
                .push(format!("record {index}: header cut off (truncated file?)"));
            break;
        };
        let header = String::from_utf8_lossy(&bytes[start..head_end.0]);
        let fields = header_fields(&header);
        let block_start = head_end.0 + head_end.1;
        let Some(len) = get(&fields, "content-length").and_then(|v| v.trim().parse::<usize>().ok())
        else {
            parsed
                .warnings
                .push(format!("record {index}: no Content-Length; skipped"));
            pos = block_start;
            continue;
        };
        let Some(block) = block_start
            .checked_add(len)
            .and_then(|end| bytes.get(block_start..end))
        else {
            // A cut-off file, or a length that lies: either way the records after it may
            // still be whole, so the search goes on from the end of this header.
            parsed.warnings.push(format!(
                "record {index}: Content-Length {len} runs past the end of the file \
                 (truncated, or a false length); skipped to the next record"
            ));
            pos = block_start;
            continue;
        };
        pos = block_start + len;
        let kind = get(&fields, "warc-type").unwrap_or("").to_ascii_lowercase();
        let article = match kind.as_str() {
            "response" => response_article(&fields, block),
            // `resource` records (wget, browser captures) hold the document without HTTP.
            "resource" if get(&fields, "content-type").is_some_and(|c| c.contains("html")) => {
                page_article(&fields, block, "text/html")
            }
            _ => None,
        };
        if let Some(a) = article {
            parsed.articles.push(a);
        }
    }
    if parsed.articles.is_empty() && parsed.warnings.is_empty() {
        parsed
            .warnings
            .push("no HTML response records in WARC".into());
    }
    parsed
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `Name: value` lines, names lowercased.
fn header_fields(head: &str) -> Vec<(String, String)> {
    head.lines()
        .skip(1)
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect()
}

fn get<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn response_article(warc: &[(String, String)], block: &[u8]) -> Option<Article> {
    // The block is an HTTP response: status line, headers, blank line, body.
    let (head_end, sep) = find(block, b"\r\n\r\n", 0)
        .map(|i| (i, 4))
        .or_else(|| find(block, b"\n\n", 0).map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    if !head.starts_with("HTTP/") {
        return None;
    }
    let http = header_fields(&head);
    let ctype = get(&http, "content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut body = block[head_end + sep..].to_vec();
    if get(&http, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body);
    }
    if let Some(enc) = get(&http, "content-encoding") {
        let enc = enc.to_ascii_lowercase();
        if enc.contains("gzip") {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..]))?;
        } else if enc.contains("deflate") {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..]))?;
        } else if enc != "identity" {
            return None;
        }
    }
    let looks_html = {
        let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
        head.contains("<html") || head.contains("<!doctype html")
    };
    if !(ctype.contains("html") || (ctype.is_empty() && looks_html)) {
        return None;
    }
    page_article(warc, &body, &ctype)
}

/// An HTML document from a record, with the record's URI and date as fallbacks.
fn page_article(warc: &[(String, String)], body: &[u8], ctype: &str) -> Option<Article> {
    let text = decode(body, ctype);
    let mut a = html::parse(&text)?;
    let target = get(warc, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
    if a.url.is_none()
        && let Some(uri) = &target
    {
        a.url = Some(uri.clone());
        a.date_claims.push(crate::article::DateClaim {
            kind: crate::article::ClaimKind::Url,
            text: uri.clone(),
        });
    }
    // The capture time comes after every date the page states for itself.
    if a.date.is_none()
        && let Some(captured) = get(warc, "warc-date")
    {
        a.date_claims.push(crate::article::DateClaim {
            kind: crate::article::ClaimKind::Meta,
            text: captured.to_string(),
        });
    }
    a.record_id = target.or_else(|| get(warc, "warc-record-id").map(str::to_string));
    Some(a)
}

fn inflate(mut r: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    // A damaged stream still gives what came before the damage.
    let _ = r.by_ref().take(MAX_BODY).read_to_end(&mut out);
    (!out.is_empty()).then_some(out)
}

/// Undoes HTTP chunked transfer coding; a malformed chunk ends the body there.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(eol) = find(body, b"\r\n", pos) {
        let size_line = String::from_utf8_lossy(&body[pos..eol]);
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let from = eol + 2;
        let Some(chunk) = from.checked_add(size).and_then(|end| body.get(from..end)) else {
            out.extend_from_slice(body.get(from..).unwrap_or(&[]));
            break;
        };
        out.extend_from_slice(chunk);
        pos = from + size + 2;
    }
    if out.is_empty() { body.to_vec() } else { out }
}

/// Decodes with the charset the HTTP header names, else the usual detection.
fn decode(body: &[u8], ctype: &str) -> String {
    let charset = ctype
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']));
    if let Some(enc) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        return enc.decode(body).0.into_owned();
    }
    match super::decode_text(body) {
        Ok(t) => t.into_owned(),
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-02-03T11:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    const PAGE: &str = "<html><head><title>Dam opens</title></head><body><article><p>The new dam opened on Monday after ten years of building work.</p></article></body></html>";

    #[test]
    fn response_records_become_articles() {
        let mut w = record("warcinfo", "", b"software: test\r\n");
        w.extend(record(
            "request",
            "https://n.example/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
        w.extend(record("response", "https://n.example/a", http.as_bytes()));
        let chunked = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{PAGE}\r\n0\r\n\r\n",
            PAGE.len()
        );
        w.extend(record(
            "response",
            "https://n.example/b",
            chunked.as_bytes(),
        ));
        w.extend(record(
            "response",
            "https://n.example/c.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\0\0",
        ));
        let p = parse(&w);
        assert_eq!(p.articles.len(), 2, "{:?}", p.warnings);
        let a = &p.articles[0];
        assert_eq!(a.title, "Dam opens");
        assert_eq!(a.url.as_deref(), Some("https://n.example/a"));
        let last = a.date_claims.last().unwrap();
        assert_eq!(last.text, "2026-02-03T11:00:00Z");
        assert_eq!(a.record_id.as_deref(), Some("https://n.example/a"));
        assert!(a.body.contains("new dam opened"), "{}", a.body);
        assert_eq!(
            p.articles[1].record_id.as_deref(),
            Some("https://n.example/b")
        );
    }

    #[test]
    fn resource_records_with_html() {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: file:///saved.html\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{PAGE}\r\n\r\n",
            PAGE.len()
        )
        .into_bytes();
        r.extend(record(
            "resource",
            "https://n.example/x",
            b"plain text, no type",
        ));
        let p = parse(&r);
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].url.as_deref(), Some("file:///saved.html"));
    }

    #[test]
    fn gzip_content_encoding_is_undone() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(PAGE.as_bytes()).unwrap();
        let body = e.finish().unwrap();
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend(body);
        let p = parse(&record("response", "https://n.example/z", &http));
        assert_eq!(p.articles.len(), 1, "{:?}", p.warnings);
        assert_eq!(p.articles[0].title, "Dam opens");
    }

    #[test]
    fn a_false_length_loses_only_its_own_record() {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let mut w = record("response", "https://n.example/a", http.as_bytes());
        let liar = String::from_utf8(record("response", "https://n.example/b", http.as_bytes()))
            .unwrap()
            .replacen(
                &format!("Content-Length: {}", http.len()),
                "Content-Length: 99999999999999",
                1,
            );
        assert!(liar.contains("99999999999999"));
        w.extend_from_slice(liar.as_bytes());
        w.extend(record("response", "https://n.example/c", http.as_bytes()));
        let p = parse(&w);
        let urls: Vec<_> = p.articles.iter().map(|a| a.url.clone().unwrap()).collect();
        assert_eq!(urls, ["https://n.example/a", "https://n.example/c"]);
        assert!(p.warnings[0].contains("record 2"), "{:?}", p.warnings);
    }

    #[test]
    fn truncated_warc_keeps_earlier_records() {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
        let mut w = record("response", "https://n.example/a", http.as_bytes());
        let second = record("response", "https://n.example/b", http.as_bytes());
        w.extend_from_slice(&second[..second.len() / 2]);
        let p = parse(&w);
        assert_eq!(p.articles.len(), 1);
        assert!(
            p.warnings[0].contains("runs past the end"),
            "{:?}",
            p.warnings
        );
        let junk = parse(b"WARC/1.0\r\nContent-Length: zz\r\n\r\nxx");
        assert!(junk.articles.is_empty());
        assert!(!junk.warnings.is_empty());
    }
}
