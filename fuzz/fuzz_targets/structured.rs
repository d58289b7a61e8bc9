//! Fuzz target: structure-aware documents. The fuzzer's bytes become a small element
//! graph (names from a fixed list, attributes, text, children, and a nesting multiplier
//! that lets a few bytes ask for 100,000 levels), which is rendered as XML, HTML or JSON,
//! optionally wrapped as NITF, NewsML-G2, RSS, Atom, Reuters/TREC SGML, WARC or JSON
//! Lines, optionally re-encoded and gzip-compressed (with an optional decompression bomb
//! appended), and then handed to `formats::parse` and `extract::extract`.
//!
//! Two routes in, picked by the input: `formats::parse` on the bytes in memory, or the
//! indexer's own route, `formats::read_file` on a file (in /dev/shm) followed by
//! `formats::parse_input`, which applies the per-format read caps as well.
//!
//! Checks: no panic, no stack overflow, no abort, within libFuzzer's time and memory
//! limits. Parsing runs on a worker thread with a 2 MiB stack, the size the indexer's
//! rayon workers get, so a recursion that only fits in the 8 MiB main stack still fails.
//!
//! Nothing here recurses: rendering walks the graph with an explicit stack, and the
//! derived `Arbitrary` types are flat (children are indices into one node list).
#![no_main]

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, OnceLock};

use arbitrary::Arbitrary;
use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;
use newsidx::formats::{self, Format};

/// Rendering stops opening elements past this many bytes (closing tags still follow).
const BUDGET: usize = 8 << 20;
/// Children looked at per node; more would only multiply the same shapes.
const MAX_CHILDREN: usize = 12;
/// The stack of a rayon worker thread (Rust's default for spawned threads).
const WORKER_STACK: usize = 2 << 20;

const NAMES: &[&str] = &[
    "p", "div", "span", "em", "b", "i", "a", "section", "article", "block", "body.content",
    "body", "head", "title", "hl1", "hedline", "byline", "dateline", "item", "description",
    "entry", "content", "newsItem", "inlineXML", "nitf", "rss", "channel", "feed", "html",
    "script", "style", "table", "tr", "td", "ul", "li", "br", "img", "DOC", "TEXT", "REUTERS",
    "BODY", "h1", "main", "pre", "x:p", "content:encoded", "headline", "person", "location",
];

const ATTR_KEYS: &[&str] = &[
    "class", "id", "href", "src", "content", "property", "name", "type", "norm", "xmlns",
    "xmlns:x", "iso-cc", "contenttype", "rel", "datetime", "style", "lang", "x:y", "value",
    "idsrc", "qcode", "role",
];

const JSON_KEYS: &[&str] = &[
    "title", "headline", "body", "articleBody", "text", "date", "datePublished", "author",
    "publisher", "url", "id", "places", "people", "orgs", "subjects", "@type", "@context",
    "@graph", "articles", "items", "name", "description",
];

const PHRASES: &[&str] = &[
    "",
    "Talks resumed in Paris on Tuesday.",
    "LONDON, Jan 2 (Reuters) - ",
    "By Ana Ruiz and Li Wei",
    "2024-01-02T10:00:00Z",
    "Tue, 02 Jan 2024 10:00:00 GMT",
    "President Macron met Chancellor Scholz in Berlin.",
    "Kyiv",
    "FR",
    "The United States and China",
    "   \n\n  ",
    "\u{a0}\u{2014}\u{feff}",
];

const ENTITIES: &[&str] = &[
    "&amp;", "&lt;", "&nbsp;", "&mdash;", "&#160;", "&#x1F600;", "&#0;", "&#x110000;", "&e;",
    "&", "&#", "&amp",
];

#[derive(Arbitrary, Debug)]
enum Text {
    Phrase(u8),
    Escaped(String),
    /// Inserted unescaped, so it may itself be markup or break the syntax.
    Raw(String),
    Entity(u8),
}

/// How many times an element wraps itself around its content.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Nest {
    One,
    Few(u8),
    Many(u16),
    /// 1,000 to 200,000 levels.
    Huge(u8),
}

impl Nest {
    fn levels(self) -> usize {
        match self {
            Nest::One => 1,
            Nest::Few(n) => usize::from(n % 16) + 1,
            Nest::Many(n) => usize::from(n) + 1,
            Nest::Huge(n) => (usize::from(n) % 200 + 1) * 1000,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Style {
    Closed,
    /// `<x/>` repeated instead of nested, children as siblings.
    SelfClosing,
    /// No closing tags (brackets in JSON).
    Unclosed,
    /// Closed with another element's name (the other bracket in JSON).
    WrongClose,
}

/// Fields run from the most to the least telling: the derived decoder fills them in
/// order, and when the input runs out the rest take their first variant or stay empty,
/// so the nesting multiplier comes first to be in reach of short inputs.
#[derive(Arbitrary, Debug)]
struct Node {
    nest: Nest,
    style: Style,
    name: u8,
    /// Each picks a later node, so the graph is acyclic (shared subtrees are allowed).
    children: Vec<u8>,
    text: Text,
    tail: Option<Text>,
    attrs: Vec<(u8, Text)>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Wrapper {
    Bare,
    Nitf,
    NewsMl,
    Rss,
    RssCdata,
    Atom,
    Html,
    HtmlJsonLd,
    Reuters,
    Trec,
    Warc,
    Json,
    JsonArticles,
    JsonLines(u8),
    Markdown,
    Text,
}

impl Wrapper {
    fn natural_format(self) -> Format {
        match self {
            Wrapper::Bare => Format::Xml,
            Wrapper::Nitf => Format::Nitf,
            Wrapper::NewsMl => Format::NewsMl,
            Wrapper::Rss | Wrapper::RssCdata => Format::Rss,
            Wrapper::Atom => Format::Atom,
            Wrapper::Html | Wrapper::HtmlJsonLd => Format::Html,
            Wrapper::Reuters => Format::Reuters,
            Wrapper::Trec => Format::Trec,
            Wrapper::Warc => Format::Warc,
            Wrapper::Json | Wrapper::JsonArticles => Format::Json,
            Wrapper::JsonLines(_) => Format::JsonLines,
            Wrapper::Markdown => Format::Markdown,
            Wrapper::Text => Format::Text,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum FormatPick {
    Natural,
    Any(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Fill {
    Zero,
    Space,
    Newline,
    Letter,
    English,
    OpenP,
}

const FILLS: usize = 6;

impl Fill {
    fn index(self) -> usize {
        self as usize
    }

    fn chunk(index: usize) -> &'static [u8] {
        match index {
            0 => b"\0",
            1 => b" ",
            2 => b"\n",
            3 => b"a",
            4 => b"Ministers from France and Germany met in Brussels on Tuesday. ",
            _ => b"<p>",
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum BombSize {
    /// n x 64 KiB, up to 16 MiB.
    Small(u8),
    /// n MiB, up to 255 MiB.
    Medium(u8),
    /// 256 MiB to 1.5 GiB: past the decompression cap.
    Large(u8),
}

impl BombSize {
    fn mib_members(self) -> (usize, usize) {
        // (members of 64 KiB, members of 1 MiB)
        match self {
            BombSize::Small(n) => (usize::from(n), 0),
            BombSize::Medium(n) => (0, usize::from(n)),
            BombSize::Large(n) => (0, (usize::from(n) % 6 + 1) * 256),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
struct Bomb {
    fill: Fill,
    size: BombSize,
    /// Whether the filler members come before the document's member.
    before: bool,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Gzip {
    None,
    Fast,
    Best,
    /// The document split over this many gzip members.
    Members(u8),
    /// This many bytes cut from the end.
    Truncated(u16),
    /// gzip inside gzip.
    Twice,
    Bomb(Bomb),
}

/// How the bytes reach the parsers.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Route {
    /// `formats::parse(format, &bytes)`.
    Memory,
    /// `formats::read_file` on a file holding the bytes, then `formats::parse_input`.
    File,
}

#[derive(Arbitrary, Debug)]
struct Input {
    route: Route,
    wrapper: Wrapper,
    format: FormatPick,
    encoding: Encoding,
    gzip: Gzip,
    /// Added to a WARC record's true Content-Length.
    length_error: i8,
    title: Text,
    nodes: Vec<Node>,
}

// ------------------------------------------------------------------ text pieces

fn escape_xml(s: &str, out: &mut Vec<u8>) {
    for c in s.chars() {
        match c {
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '&' => out.extend_from_slice(b"&amp;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\'' => out.extend_from_slice(b"&apos;"),
            // Characters XML 1.0 forbids outright would only make every document invalid.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(b' '),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

fn escape_json(s: &str, out: &mut Vec<u8>) {
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

fn text_markup(t: &Text, out: &mut Vec<u8>) {
    match t {
        Text::Phrase(i) => escape_xml(pick(PHRASES, *i), out),
        Text::Escaped(s) => escape_xml(s, out),
        Text::Raw(s) => out.extend_from_slice(s.as_bytes()),
        Text::Entity(i) => out.extend_from_slice(pick(ENTITIES, *i).as_bytes()),
    }
}

/// A JSON string literal, quotes included (a raw text may leave it unterminated).
fn text_json(t: &Text, out: &mut Vec<u8>) {
    out.push(b'"');
    match t {
        Text::Phrase(i) => escape_json(pick(PHRASES, *i), out),
        Text::Escaped(s) => escape_json(s, out),
        Text::Raw(s) => out.extend_from_slice(s.as_bytes()),
        Text::Entity(i) => out.extend_from_slice(pick(ENTITIES, *i).as_bytes()),
    }
    out.push(b'"');
}

fn text_plain(t: &Text) -> String {
    match t {
        Text::Phrase(i) => pick(PHRASES, *i).to_string(),
        Text::Escaped(s) | Text::Raw(s) => s.clone(),
        Text::Entity(i) => pick(ENTITIES, *i).to_string(),
    }
}

/// The children of node `i` as node indices, all greater than `i`.
fn children(nodes: &[Node], i: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
    let later = nodes.len() - i - 1;
    nodes[i]
        .children
        .iter()
        .take(if later == 0 { 0 } else { MAX_CHILDREN })
        .map(move |&c| i + 1 + usize::from(c) % later.max(1))
}

// ------------------------------------------------------------------ markup

enum Step {
    Enter(usize),
    Close { node: usize, levels: usize },
}

fn open_tag(node: &Node, self_closing: bool) -> Vec<u8> {
    let mut tag = Vec::with_capacity(16);
    tag.push(b'<');
    tag.extend_from_slice(pick(NAMES, node.name).as_bytes());
    for (key, value) in &node.attrs {
        tag.push(b' ');
        tag.extend_from_slice(pick(ATTR_KEYS, *key).as_bytes());
        tag.extend_from_slice(b"=\"");
        text_markup(value, &mut tag);
        tag.push(b'"');
    }
    tag.extend_from_slice(if self_closing { b"/>" } else { b">" });
    tag
}

/// Renders the node graph from node 0 as XML/HTML, iteratively.
fn render_markup(nodes: &[Node], out: &mut Vec<u8>) {
    if nodes.is_empty() {
        out.extend_from_slice(b"<p>Empty.</p>");
        return;
    }
    let mut stack = vec![Step::Enter(0)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(i) => {
                if out.len() >= BUDGET {
                    continue;
                }
                let node = &nodes[i];
                let self_closing = node.style == Style::SelfClosing;
                let tag = open_tag(node, self_closing);
                let mut opened = 0;
                while opened < node.nest.levels() && out.len() < BUDGET {
                    out.extend_from_slice(&tag);
                    opened += 1;
                }
                text_markup(&node.text, out);
                let levels = if self_closing { 0 } else { opened };
                stack.push(Step::Close { node: i, levels });
                for c in children(nodes, i).rev() {
                    stack.push(Step::Enter(c));
                }
            }
            Step::Close { node, levels } => {
                let n = &nodes[node];
                let name = match n.style {
                    Style::WrongClose => pick(NAMES, n.name.wrapping_add(1)),
                    _ => pick(NAMES, n.name),
                };
                if n.style != Style::Unclosed {
                    let close = format!("</{name}>");
                    for _ in 0..levels {
                        out.extend_from_slice(close.as_bytes());
                    }
                }
                if let Some(t) = &n.tail {
                    text_markup(t, out);
                }
            }
        }
    }
}

// ------------------------------------------------------------------ JSON

enum JStep {
    Enter(usize),
    Lit(&'static [u8]),
    Unwrap { node: usize, levels: usize },
}

/// Renders the node graph as nested JSON objects, iteratively. Each node is an object
/// with a type, its attributes as article fields, a text and a `children` array; its
/// nesting multiplier wraps it in that many single-key objects or arrays.
fn render_json(nodes: &[Node], out: &mut Vec<u8>) {
    if nodes.is_empty() {
        out.extend_from_slice(br#"{"title":"Empty","body":"Empty."}"#);
        return;
    }
    let mut stack = vec![JStep::Enter(0)];
    while let Some(step) = stack.pop() {
        match step {
            JStep::Lit(s) => out.extend_from_slice(s),
            JStep::Enter(i) => {
                let node = &nodes[i];
                if out.len() >= BUDGET {
                    // Something must stand here, or the commas around it would dangle.
                    out.extend_from_slice(b"null");
                    continue;
                }
                let wrap = match node.style {
                    Style::Closed | Style::Unclosed => {
                        format!("{{\"{}\":", pick(JSON_KEYS, node.name))
                    }
                    Style::SelfClosing | Style::WrongClose => "[".to_string(),
                };
                let mut opened = 0;
                while opened < node.nest.levels() && out.len() < BUDGET {
                    out.extend_from_slice(wrap.as_bytes());
                    opened += 1;
                }
                out.extend_from_slice(b"{\"@type\":\"");
                escape_json(pick(NAMES, node.name), out);
                out.push(b'"');
                for (key, value) in &node.attrs {
                    out.extend_from_slice(b",\"");
                    out.extend_from_slice(pick(JSON_KEYS, *key).as_bytes());
                    out.extend_from_slice(b"\":");
                    text_json(value, out);
                }
                out.extend_from_slice(b",\"text\":");
                text_json(&node.text, out);
                out.extend_from_slice(b",\"children\":[");
                stack.push(JStep::Unwrap {
                    node: i,
                    levels: opened,
                });
                stack.push(JStep::Lit(b"]}"));
                let kids: Vec<usize> = children(nodes, i).collect();
                for (k, &c) in kids.iter().enumerate().rev() {
                    stack.push(JStep::Enter(c));
                    if k > 0 {
                        stack.push(JStep::Lit(b","));
                    }
                }
            }
            JStep::Unwrap { node, levels } => {
                let close: &[u8] = match nodes[node].style {
                    Style::Closed | Style::WrongClose => b"}",
                    Style::SelfClosing => b"]",
                    Style::Unclosed => b"",
                };
                for _ in 0..levels {
                    out.extend_from_slice(close);
                }
            }
        }
    }
}

// ------------------------------------------------------------------ wrappers

fn markup(nodes: &[Node]) -> Vec<u8> {
    let mut out = Vec::new();
    render_markup(nodes, &mut out);
    out
}

fn json(nodes: &[Node]) -> Vec<u8> {
    let mut out = Vec::new();
    render_json(nodes, &mut out);
    out
}

fn html_page(title: &str, body: &[u8], head_extra: &[u8]) -> Vec<u8> {
    let mut out = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>".to_vec();
    escape_xml(title, &mut out);
    out.extend_from_slice(b"</title>");
    out.extend_from_slice(head_extra);
    out.extend_from_slice(b"</head><body><article><h1>");
    escape_xml(title, &mut out);
    out.extend_from_slice(b"</h1>");
    out.extend_from_slice(body);
    out.extend_from_slice(b"</article></body></html>\n");
    out
}

fn render(input: &Input) -> Vec<u8> {
    let title = text_plain(&input.title);
    let mut t = Vec::new();
    escape_xml(&title, &mut t);
    let t = t.as_slice();
    let cat = |parts: &[&[u8]]| parts.concat();
    match input.wrapper {
        Wrapper::Bare => cat(&[
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            &markup(&input.nodes),
        ]),
        Wrapper::Nitf => cat(&[
            b"<?xml version=\"1.0\"?>\n<nitf><head><title>",
            t,
            b"</title><docdata><date.issue norm=\"20240102T100000Z\"/></docdata></head>",
            b"<body><body.head><hedline><hl1>",
            t,
            b"</hl1></hedline></body.head><body.content>",
            &markup(&input.nodes),
            b"</body.content></body></nitf>\n",
        ]),
        Wrapper::NewsMl => cat(&[
            b"<?xml version=\"1.0\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" ",
            b"guid=\"urn:fuzz:1\"><itemMeta><firstCreated>2024-01-02T10:00:00Z</firstCreated>",
            b"</itemMeta><contentMeta><headline>",
            t,
            b"</headline></contentMeta><contentSet>",
            b"<inlineXML contenttype=\"application/nitf+xml\"><nitf><body><body.content>",
            &markup(&input.nodes),
            b"</body.content></body></nitf></inlineXML></contentSet></newsItem>\n",
        ]),
        Wrapper::Rss | Wrapper::RssCdata => {
            let cdata = matches!(input.wrapper, Wrapper::RssCdata);
            cat(&[
                b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Fuzz</title>",
                b"<item><title>",
                t,
                b"</title><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><description>",
                if cdata { &b"<![CDATA["[..] } else { b"" },
                &markup(&input.nodes),
                if cdata { &b"]]>"[..] } else { b"" },
                b"</description></item></channel></rss>\n",
            ])
        }
        Wrapper::Atom => cat(&[
            b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>",
            t,
            b"</title><updated>2024-01-02T10:00:00Z</updated><content type=\"xhtml\"><div>",
            &markup(&input.nodes),
            b"</div></content></entry></feed>\n",
        ]),
        Wrapper::Html => html_page(&title, &markup(&input.nodes), b""),
        Wrapper::HtmlJsonLd => {
            let ld = cat(&[
                b"<script type=\"application/ld+json\">",
                &json(&input.nodes),
                b"</script>",
            ]);
            html_page(&title, &markup(&input.nodes), &ld)
        }
        Wrapper::Reuters => cat(&[
            b"<REUTERS TOPICS=\"YES\" NEWID=\"1\"><DATE>2-JAN-2024 10:00:00.00</DATE>",
            b"<PLACES><D>france</D></PLACES><TEXT><TITLE>",
            t,
            b"</TITLE><BODY>",
            &markup(&input.nodes),
            b"</BODY></TEXT></REUTERS>\n",
        ]),
        Wrapper::Trec => cat(&[
            b"<DOC>\n<DOCNO> FUZZ-1 </DOCNO>\n<HEADLINE>",
            t,
            b"</HEADLINE>\n<TEXT>\n",
            &markup(&input.nodes),
            b"\n</TEXT>\n</DOC>\n",
        ]),
        Wrapper::Warc => {
            let page = html_page(&title, &markup(&input.nodes), b"");
            let http = cat(&[
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
                &page,
            ]);
            let claimed = http.len() as i64 + i64::from(input.length_error);
            cat(&[
                b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/x\r\n",
                b"WARC-Date: 2024-01-02T10:00:00Z\r\n",
                b"Content-Type: application/http; msgtype=response\r\nContent-Length: ",
                claimed.to_string().as_bytes(),
                b"\r\n\r\n",
                &http,
                b"\r\n\r\n",
            ])
        }
        Wrapper::Json => json(&input.nodes),
        Wrapper::JsonArticles => {
            let mut title_json = Vec::new();
            text_json(&input.title, &mut title_json);
            cat(&[
                b"{\"articles\":[{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",",
                b"\"headline\":",
                &title_json,
                b",\"articleBody\":\"Talks in Paris.\",\"x\":",
                &json(&input.nodes),
                b"}]}",
            ])
        }
        Wrapper::JsonLines(n) => {
            let mut line = json(&input.nodes);
            line.push(b'\n');
            line.repeat(usize::from(n % 4) + 1)
        }
        Wrapper::Markdown => cat(&[b"# ", t, b"\n\n", &markup(&input.nodes), b"\n"]),
        Wrapper::Text => cat(&[t, b"\n\n", &markup(&input.nodes), b"\n"]),
    }
}

fn encode(bytes: Vec<u8>, encoding: Encoding) -> Vec<u8> {
    let utf16 = |big: bool| {
        let text = String::from_utf8_lossy(&bytes);
        let mut out = if big { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    match encoding {
        Encoding::Utf8 => bytes,
        Encoding::Utf8Bom => [&[0xef, 0xbb, 0xbf][..], &bytes].concat(),
        Encoding::Utf16Le => utf16(false),
        Encoding::Utf16Be => utf16(true),
    }
}

fn gz(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::new(level));
    e.write_all(bytes).expect("writing to a Vec cannot fail");
    e.finish().expect("writing to a Vec cannot fail")
}

/// One gzip member of 64 KiB and one of 1 MiB per filler, compressed once per process.
fn bomb_members() -> &'static [(Vec<u8>, Vec<u8>)] {
    static MEMBERS: OnceLock<Vec<(Vec<u8>, Vec<u8>)>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        (0..FILLS)
            .map(|f| {
                let chunk = Fill::chunk(f);
                let mib: Vec<u8> = chunk.iter().copied().cycle().take(1 << 20).collect();
                (gz(&mib[..64 << 10], 9), gz(&mib, 9))
            })
            .collect()
    })
}

fn compress(bytes: Vec<u8>, how: Gzip) -> Vec<u8> {
    match how {
        Gzip::None => bytes,
        Gzip::Fast => gz(&bytes, 1),
        Gzip::Best => gz(&bytes, 9),
        Gzip::Members(n) => {
            let parts = usize::from(n % 16) + 1;
            let size = bytes.len().div_ceil(parts).max(1);
            bytes.chunks(size).flat_map(|c| gz(c, 1)).collect()
        }
        Gzip::Truncated(cut) => {
            let mut z = gz(&bytes, 1);
            z.truncate(z.len().saturating_sub(usize::from(cut)));
            z
        }
        Gzip::Twice => gz(&gz(&bytes, 1), 1),
        Gzip::Bomb(bomb) => {
            let (small, large) = &bomb_members()[bomb.fill.index()];
            let (n_small, n_large) = bomb.size.mib_members();
            let mut filler = small.repeat(n_small);
            filler.extend(large.repeat(n_large));
            let doc = gz(&bytes, 1);
            if bomb.before {
                [filler, doc].concat()
            } else {
                [doc, filler].concat()
            }
        }
    }
}

// ------------------------------------------------------------------ the check

/// Where the `File` route writes its input: one file per process, in memory if possible.
fn scratch_file() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let dir = if shm.is_dir() { shm } else { std::env::temp_dir() };
        dir.join(format!("newsidx-fuzz-structured-{}.in", std::process::id()))
    })
}

/// What the worker does with one input: parse, and extract from every article.
fn check(route: Route, format: Format, bytes: &[u8]) {
    let parsed = match route {
        Route::Memory => formats::parse(format, bytes),
        Route::File => {
            let path = scratch_file();
            std::fs::write(path, bytes).expect("cannot write the scratch input file");
            let opts = formats::FormatOptions::default();
            let read = formats::read_file(path, format, &opts.limits, &mut |_| {});
            // Removed at once, so fork-mode jobs (a process each) leave nothing behind.
            let _ = std::fs::remove_file(path);
            match read {
                Ok(input) => formats::parse_input(format, input, &opts),
                Err(_) => return,
            }
        }
    };
    if let Ok(parsed) = parsed {
        for a in &parsed.articles {
            let _ = newsidx::extract::extract(a, "fuzz/2024/01/02/x.txt");
        }
    }
}

/// The parse thread's stack: `WORKER_STACK`, or `NEWSIDX_FUZZ_STACK` bytes when set (a
/// small value shows how a stack overflow is reported).
fn worker_stack() -> usize {
    std::env::var("NEWSIDX_FUZZ_STACK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(WORKER_STACK)
}

/// A stack overflow hits the guard page with SIGSEGV, and a handler for it can only run
/// on an alternate signal stack. libFuzzer asks for one only if the handler it replaces
/// did, and Rust sets up neither handler nor stacks when libFuzzer's `main` starts the
/// program; so an overflow killed the process with a bare "Segmentation fault", with no
/// report and no saved input. This handler, installed before libFuzzer's (which then
/// calls it first and inherits SA_ONSTACK), says what happened and aborts; libFuzzer's
/// SIGABRT handler then reports a deadly signal and saves the input as usual.
extern "C" fn on_segv(_sig: libc::c_int, _info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    const MSG: &[u8] =
        b"\n==structured== SIGSEGV, most likely a stack overflow on the parse thread; \
          aborting so that libFuzzer keeps the input\n";
    // SAFETY: write(2) and abort(3) are async-signal-safe.
    unsafe {
        libc::write(2, MSG.as_ptr().cast(), MSG.len());
        libc::abort();
    }
}

fn install_segv_handler() {
    install_signal_stack();
    // SAFETY: a zeroed sigaction is valid; the handler only calls async-signal-safe code.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_segv as *const () as usize;
        action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        let rc = libc::sigaction(libc::SIGSEGV, &action, std::ptr::null_mut());
        assert_eq!(rc, 0, "sigaction failed");
    }
}

/// Gives the calling thread an alternate signal stack (each thread needs its own).
fn install_signal_stack() {
    const SIZE: usize = 256 << 10;
    let stack: &'static mut [u8] = Box::leak(vec![0u8; SIZE].into_boxed_slice());
    let ss = libc::stack_t {
        ss_sp: stack.as_mut_ptr().cast(),
        ss_flags: 0,
        ss_size: SIZE,
    };
    // SAFETY: the stack is leaked, so it outlives the thread, and `ss` is a valid stack_t.
    let rc = unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) };
    assert_eq!(rc, 0, "sigaltstack failed");
}

struct Job {
    route: Route,
    format: Format,
    bytes: Vec<u8>,
}

struct Worker {
    jobs: Sender<Job>,
    done: Receiver<()>,
}

/// Runs `check` on a long-lived thread with the indexer's worker stack size. A panic
/// there aborts the process through libFuzzer's panic hook; a stack overflow aborts too.
fn check_on_worker(job: Job) {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    let worker = WORKER.get_or_init(|| {
        let (jobs, job_rx) = channel::<Job>();
        let (done_tx, done) = channel();
        std::thread::Builder::new()
            .name("parse-worker".into())
            .stack_size(worker_stack())
            .spawn(move || {
                install_signal_stack();
                for job in job_rx {
                    check(job.route, job.format, &job.bytes);
                    drop(job);
                    if done_tx.send(()).is_err() {
                        break;
                    }
                }
            })
            .expect("cannot start the parse worker");
        Mutex::new(Worker { jobs, done })
    });
    let worker = worker.lock().unwrap_or_else(|e| e.into_inner());
    worker.jobs.send(job).expect("parse worker is gone");
    worker.done.recv().expect("parse worker died");
}

fuzz_target!(init: install_segv_handler(), |input: Input| {
    let format = match input.format {
        FormatPick::Natural => input.wrapper.natural_format(),
        FormatPick::Any(b) => Format::ALL[usize::from(b) % Format::ALL.len()],
    };
    let bytes = compress(encode(render(&input), input.encoding), input.gzip);
    check_on_worker(Job {
        route: input.route,
        format,
        bytes,
    });
});
