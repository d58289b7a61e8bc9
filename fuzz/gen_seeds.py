#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets into fuzz/corpus/<target>/gen-*.

The seeds aim at the inputs that hurt parsers most: markup, JSON and queries nested
100, 1,000 and 100,000 levels deep (bare and inside NITF, NewsML-G2, RSS, Atom, HTML,
SGML and WARC wrappers), entity expansion, and gzip files that are tiny on disk but
expand a thousandfold or more.

Every seed stays at or under MAX_SEED bytes, the -max_len the long runs use. A document
too large for that is written gzip-compressed instead (deep nesting compresses very
well), and dropped only if even that does not fit. `formats` seeds start with the byte
that picks the format: the target uses Format::ALL[byte % len], and the order of
Format::ALL is read from src/formats/detect.rs so the seeds follow any reordering.

Usage: python3 fuzz/gen_seeds.py [--out DIR] [--clean]
Deterministic: the same source tree gives the same files. Nothing here is committed
except this script; the corpus directory is gitignored.
"""

import argparse
import gzip
import io
import os
import re
import sys

MAX_SEED = 65536
DEPTHS = (100, 1000, 100_000)
HERE = os.path.dirname(os.path.abspath(__file__))

# The order of Format::ALL when the source cannot be read.
FALLBACK_FORMATS = [
    "Text", "Markdown", "Json", "JsonLines", "Html", "Sgml", "Reuters", "Trec",
    "Xml", "Nitf", "NewsMl", "Rss", "Atom", "Warc", "Csv", "Tsv",
]

ENGLISH = (
    "Ministers from France and Germany met in Brussels on Tuesday to discuss the "
    "budget, officials said. The talks, the third this year, ended without a deal. "
)


def format_order():
    """Variant names of Format::ALL, in order, from src/formats/detect.rs."""
    path = os.path.join(HERE, "..", "src", "formats", "detect.rs")
    try:
        with open(path, encoding="utf-8") as f:
            src = f.read()
    except OSError:
        return FALLBACK_FORMATS
    m = re.search(r"const ALL:[^=]*=\s*&\[(.*?)\];", src, re.S)
    if not m:
        return FALLBACK_FORMATS
    names = re.findall(r"Format::(\w+)", m.group(1))
    return names or FALLBACK_FORMATS


def gz(data, level=9, mtime=0):
    """gzip with a fixed timestamp, so the output does not change between runs."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=level, mtime=mtime) as f:
        f.write(data)
    return buf.getvalue()


def gz_repeated(chunk, total):
    """gzip of `chunk` repeated up to `total` bytes, fed in pieces to bound memory."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as f:
        piece = chunk * max(1, (1 << 20) // len(chunk))
        left = total
        while left > 0:
            n = min(left, len(piece))
            f.write(piece[:n])
            left -= n
    return buf.getvalue()


# ---------------------------------------------------------------- nesting builders


def nest(open_tag, close_tag, depth, inner=b"text"):
    return open_tag * depth + inner + close_tag * depth


def tag_nest(name, depth, inner=b"Deep text."):
    n = name.encode()
    return nest(b"<" + n + b">", b"</" + n + b">", depth, inner)


def mixed_nest(depth):
    """Alternating tags, so a limit keyed to one tag name does not catch it."""
    names = [b"p", b"div", b"span", b"em", b"section", b"b", b"block", b"i"]
    opens = b"".join(b"<" + names[i % len(names)] + b">" for i in range(depth))
    closes = b"".join(b"</" + names[i % len(names)] + b">" for i in reversed(range(depth)))
    return opens + b"Mixed deep text." + closes


def attr_nest(depth):
    return nest(b'<p class="x" id="y">', b"</p>", depth)


def unclosed(name, depth):
    return (b"<" + name.encode() + b">") * depth + b"Never closed."


def nitf(body, head_title=b"Deep story"):
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<nitf><head><title>' + head_title
        + b'</title><docdata><date.issue norm="20240102T100000Z"/></docdata></head>'
        + b"<body><body.head><hedline><hl1>" + head_title + b"</hl1></hedline>"
        + b"<byline>By Ana Ruiz</byline><dateline>PARIS</dateline></body.head>"
        + b"<body.content>" + body + b"</body.content></body></nitf>\n"
    )


def newsml(body):
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1">'
        b"<itemMeta><firstCreated>2024-01-02T10:00:00Z</firstCreated></itemMeta>"
        b"<contentMeta><headline>Deep item</headline><located><name>Paris</name></located>"
        b"</contentMeta><contentSet><inlineXML contenttype=\"application/nitf+xml\">"
        b'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>'
        + body
        + b"</body.content></body></nitf></inlineXML></contentSet></newsItem>\n"
    )


def rss(body, cdata=False):
    inner = b"<![CDATA[" + body + b"]]>" if cdata else body
    return (
        b'<?xml version="1.0"?>\n<rss version="2.0" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        b"<title>Wire</title><link>https://example.org/</link>"
        b"<item><title>Deep item</title><link>https://example.org/a</link>"
        b"<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>"
        b"<description>" + inner + b"</description></item></channel></rss>\n"
    )


def atom(body):
    return (
        b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>Wire</title><entry><title>Deep entry</title>"
        b"<updated>2024-01-02T10:00:00Z</updated>"
        b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        + body + b"</div></content></entry></feed>\n"
    )


def html(body):
    return (
        b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Deep page</title>"
        b'<meta property="article:published_time" content="2024-01-02T10:00:00Z">'
        b"</head><body><article><h1>Deep page</h1>" + body + b"</article></body></html>\n"
    )


def json_ld_html(depth):
    ld = b'{"@type":"NewsArticle","headline":"Deep","x":' + nest(b"[", b"]", depth, b"1") + b"}"
    return (
        b"<!DOCTYPE html><html><head><title>LD</title>"
        b'<script type="application/ld+json">' + ld + b"</script></head>"
        b"<body><p>Body text from Paris.</p></body></html>\n"
    )


def reuters(body):
    return (
        b'<REUTERS TOPICS="YES" NEWID="1"><DATE> 2-JAN-2024 10:00:00.00</DATE>'
        b"<PLACES><D>france</D></PLACES><TEXT><TITLE>DEEP STORY</TITLE>"
        b"<DATELINE>PARIS, Jan 2 - </DATELINE><BODY>" + body
        + b"</BODY></TEXT></REUTERS>\n"
    )


def trec(body):
    return b"<DOC>\n<DOCNO> FT911-1 </DOCNO>\n<HEADLINE>Deep</HEADLINE>\n<TEXT>\n" + body + b"\n</TEXT>\n</DOC>\n"


def warc(payload, ctype=b"text/html"):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\n\r\n" + payload
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\n"
        b"WARC-Target-URI: https://example.org/deep\r\n"
        b"WARC-Date: 2024-01-02T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n"
    )
    return head + http + b"\r\n\r\n"


def json_deep_object(depth):
    return b'{"title":"Deep","body":"Text.","x":' + nest(b'{"a":', b"}", depth, b"1") + b"}"


def json_deep_array(depth):
    return b'{"title":"Deep","body":' + nest(b"[", b"]", depth, b'"Text."') + b"}"


def json_bare_array(depth):
    return nest(b"[", b"]", depth, b'{"title":"t","body":"b"}')


def entity_bomb(levels=10, fan=10):
    """The classic billion-laughs document, wrapped as NITF."""
    decls = [b'<!ENTITY e0 "lol">']
    for i in range(1, levels):
        refs = (b"&e" + str(i - 1).encode() + b";") * fan
        decls.append(b"<!ENTITY e" + str(i).encode() + b' "' + refs + b'">')
    top = b"&e" + str(levels - 1).encode() + b";"
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE nitf [\n' + b"\n".join(decls) + b"\n]>\n"
        + b"<nitf><head><title>Laughs</title></head><body><body.content><p>" + top
        + b"</p></body.content></body></nitf>\n"
    )


def entity_recursion():
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE nitf [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n'
        b"<nitf><body><body.content><p>&a;</p></body.content></body></nitf>\n"
    )


# ---------------------------------------------------------------- writing


class Writer:
    def __init__(self, out):
        self.out = out
        self.counts = {}
        self.skipped = []

    def put(self, target, name, data):
        if len(data) > MAX_SEED:
            self.skipped.append((target, name, len(data)))
            return False
        d = os.path.join(self.out, target)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "gen-" + name), "wb") as f:
            f.write(data)
        self.counts[target] = self.counts.get(target, 0) + 1
        return True

    def doc(self, target, name, data, prefix=b""):
        """The document as is when it fits, else gzip-compressed; plus a gzip copy."""
        if len(prefix) + len(data) <= MAX_SEED:
            self.put(target, name, prefix + data)
        self.put(target, name + ".gz", prefix + gz(data))


def formats_seeds(w):
    order = format_order()

    def pick(variant):
        return bytes([order.index(variant)])

    for d in DEPTHS:
        docs = [
            ("nitf-p", "Nitf", nitf(tag_nest("p", d))),
            ("nitf-div", "Nitf", nitf(tag_nest("div", d))),
            ("nitf-block", "Nitf", nitf(tag_nest("block", d))),
            ("nitf-mixed", "Nitf", nitf(mixed_nest(d))),
            ("nitf-attrs", "Nitf", nitf(attr_nest(d))),
            ("xml-nitf-p", "Xml", nitf(tag_nest("p", d))),
            ("newsml-p", "NewsMl", newsml(tag_nest("p", d))),
            ("xml-newsml-span", "Xml", newsml(tag_nest("span", d))),
            ("rss-p", "Rss", rss(tag_nest("p", d))),
            ("rss-cdata-div", "Rss", rss(tag_nest("div", d), cdata=True)),
            ("xml-rss-item", "Xml", rss(tag_nest("item", d))),
            ("atom-div", "Atom", atom(tag_nest("div", d))),
            ("html-div", "Html", html(tag_nest("div", d))),
            ("html-p", "Html", html(tag_nest("p", d))),
            ("html-span", "Html", html(tag_nest("span", d))),
            ("html-table", "Html", html(nest(b"<table><tr><td>", b"</td></tr></table>", d))),
            ("html-unclosed-div", "Html", html(unclosed("div", d))),
            ("html-unclosed-b", "Html", html(unclosed("b", d))),
            ("html-jsonld", "Html", json_ld_html(d)),
            ("json-object", "Json", json_deep_object(d)),
            ("json-array", "Json", json_deep_array(d)),
            ("json-bare", "Json", json_bare_array(d)),
            ("jsonl-array", "JsonLines", json_deep_array(d) + b"\n" + json_deep_object(d) + b"\n"),
            ("reuters-p", "Reuters", reuters(tag_nest("p", d))),
            ("sgml-reuters-div", "Sgml", reuters(tag_nest("div", d))),
            ("trec-p", "Trec", trec(tag_nest("p", d))),
            ("warc-html-div", "Warc", warc(html(tag_nest("div", d)))),
            ("warc-nitf", "Warc", warc(nitf(tag_nest("p", d)), b"application/xml")),
            ("md-quote", "Markdown", b"# Deep\n\n" + b"> " * d + b"quoted\n"),
            ("md-list", "Markdown", b"# Deep\n\n" + b"".join(b"  " * (i % 200) + b"- x\n" for i in range(min(d, 5000)))),
            ("text-tags", "Text", b"Deep title\n\n" + tag_nest("p", d)),
            ("csv-body", "Csv", b"id,title,body\n1,Deep,\"" + tag_nest("p", d) + b"\"\n"),
        ]
        for name, variant, data in docs:
            w.doc("formats", f"{name}-{d}", data, pick(variant))

    # `<div/>` opens an element in HTML (the slash is ignored on non-void elements), so
    # these nest as deep as their count; 30,000 stays under the parser's element cap.
    for d in (1000, 30_000):
        w.doc("formats", f"html-selfclosing-div-{d}", html(b"<div/>" * d), pick("Html"))
        w.doc("formats", f"html-selfclosing-feed-{d}", html(b"<feed/>" * d), pick("Html"))

    w.doc("formats", "nitf-entity-bomb", entity_bomb(), pick("Nitf"))
    w.doc("formats", "nitf-entity-loop", entity_recursion(), pick("Nitf"))

    # Decompression bombs: small on disk, large in memory. 60 MiB of zeros is the largest
    # that still fits in one max_len seed (deflate tops out near 1032:1).
    bombs = [
        ("zeros-1MiB", b"\0", 1 << 20, "Text"),
        ("zeros-60MiB", b"\0", 60 << 20, "Json"),
        ("spaces-1MiB", b" ", 1 << 20, "Text"),
        ("spaces-60MiB", b" ", 60 << 20, "Nitf"),
        ("english-1MiB", ENGLISH.encode(), 1 << 20, "Text"),
        ("english-16MiB", ENGLISH.encode(), 16 << 20, "Markdown"),
        ("letters-32MiB", b"a", 32 << 20, "Text"),
        ("jsonl-8MiB", b'{"title":"t","body":"Paris talks"}\n', 8 << 20, "JsonLines"),
        ("csv-8MiB", b"1,Title,Body text from Kyiv\n", 8 << 20, "Csv"),
        ("p-tags-16MiB", b"<p>", 16 << 20, "Nitf"),
        ("div-tags-16MiB", b"<div>", 16 << 20, "Html"),
        ("brackets-16MiB", b"[", 16 << 20, "Json"),
    ]
    for name, chunk, size, variant in bombs:
        w.put("formats", f"gz-{name}", pick(variant) + gz_repeated(chunk, size))

    # Many small members: the decoder must keep reading past each member's end.
    member = gz(ENGLISH.encode() * 4000)
    w.put("formats", "gz-members-40", pick("Text") + member * min(40, MAX_SEED // len(member) - 1))
    # A cut-off archive and a corrupt one (flipped byte mid-stream).
    full = gz(nitf(tag_nest("p", 20_000)))
    w.put("formats", "gz-truncated-nitf", pick("Nitf") + full[: len(full) * 2 // 3])
    bad = bytearray(full)
    bad[len(bad) // 2] ^= 0xFF
    w.put("formats", "gz-corrupt-nitf", pick("Nitf") + bytes(bad))
    # gzip inside gzip (the inner one is not looked through) and a gzipped WARC record.
    w.put("formats", "gz-in-gz", pick("Text") + gz(gz(ENGLISH.encode() * 1000)))
    w.put("formats", "gz-warc", pick("Warc") + gz(warc(html(tag_nest("div", 1000)))))
    # A header claiming an extra field and a file name, then nothing.
    w.put("formats", "gz-header-only", pick("Text") + b"\x1f\x8b\x08\x0c\0\0\0\0\0\x03\xff\xff")


def query_seeds(w):
    for d in (100, 1000, 30_000):  # 30,000 pairs of parentheses is 60 KB, under max_len
        w.put("query_parse", f"parens-{d}", b"(" * d + b"a" + b")" * d)
        w.put("query_parse", f"parens-open-{d}", b"(" * d + b"a")
        f = min(d, 7000)  # "(title:" is 7 bytes a level
        w.put("query_parse", f"parens-field-{f}", b"(title:" * f + b"a" + b")" * f)
    for d in (100, 1000, 16_000):
        w.put("query_parse", f"not-{d}", b"NOT " * d + b"a")
        w.put("query_parse", f"minus-{d}", b"-" * d + b"a")
        w.put("query_parse", f"plus-minus-{d}", b"+-" * (d // 2) + b"a")
        w.put("query_parse", f"and-chain-{d}", b"a AND " * (d // 2) + b"b")
        w.put("query_parse", f"or-not-{d}", b"(NOT a OR " * (d // 8) + b"b" + b")" * (d // 8))
    w.put("query_parse", "phrase", b'"Kyiv talks"~3 AND country:UA')
    w.put("query_parse", "range", b"date:[2024-01-01 TO 2024-12-31] -title:sport*")
    w.put("query_parse", "quotes", b'"' * 1001)
    w.put("query_parse", "brackets", b"[" * 1000 + b" TO " + b"]" * 1000)


def extract_seeds(w):
    w.put("extract", "dateline", b"LONDON, Jan 2 (Reuters) - Talks\n" + ENGLISH.encode() * 40)
    w.put("extract", "many-given", b",".join([b"France", b"Kyiv", b"Acme Corp"] * 2000) + b"\nbody")
    w.put("extract", "deep-tags-text", b"Title\n" + tag_nest("p", 5000))
    w.put("extract", "long-caps", b"Title\n" + b"President Macron of France " * 2000)
    w.put("extract", "one-line", b"PARIS" * 13_000)


def dates_seeds(w):
    for i, s in enumerate([
        b"2024-01-02", b"2024-01-02T10:00:00+05:30", b"Tue, 02 Jan 2024 10:00:00 GMT",
        b"January 2, 2024", b"2/1/24", b"/news/2024/01/02/story.html", b"last 3 months",
        b"9999-12-31", b"1677-09-21", b"-9223372036854775808", b"1" * 60_000,
        b"2024-" * 13_000, b"LONDON, Jan 2 (Reuters) - ",
    ]):
        w.put("dates", f"date-{i:02}", s)


# ---------------------------------------------------------------- structured
#
# `structured` decodes its input with derived `Arbitrary` impls (arbitrary 1.x): an enum
# variant is a little-endian u32 scaled to the variant count, u8 is one byte, u16 two,
# a Vec or Option is preceded by one "keep going" byte per element (low bit set means
# another element follows), and the last field (the node list) runs to the end of the
# input the same way. The helpers below follow the declaration order in
# fuzz_targets/structured.rs; keep them in step with it.

WRAPPERS = 16  # Bare, Nitf, NewsMl, Rss, RssCdata, Atom, Html, HtmlJsonLd, Reuters,
               # Trec, Warc, Json, JsonArticles, JsonLines(u8), Markdown, Text
JSON_LINES = 13
GZIP_VARIANTS = 7  # None, Fast, Best, Members, Truncated, Twice, Bomb
NAME_P, NAME_DIV, NAME_BODY_CONTENT = 0, 1, 10


def variant(index, count):
    """The u32 that the derived decoder maps to variant `index` of `count`."""
    return (((2 * index + 1) << 32) // (2 * count)).to_bytes(4, "little")


def nest_spec(levels_kind, value):
    """Nest: One, Few(u8), Many(u16), Huge(u8)."""
    if levels_kind == "many":
        return variant(2, 4) + value.to_bytes(2, "little")
    if levels_kind == "huge":
        return variant(3, 4) + bytes([value])
    return variant(0, 4)


def node(nest_bytes, name, children=(), style=0, phrase=1):
    out = nest_bytes + variant(style, 4) + bytes([name])
    for c in children:  # children: Vec<u8>
        out += b"\x01" + bytes([c])
    out += b"\x00"
    out += variant(0, 4) + bytes([phrase])  # text: Text::Phrase
    out += b"\x00"  # tail: None
    out += b"\x00"  # attrs: empty
    return out


def structured_input(route, wrapper, gzip_variant, nodes):
    out = variant(route, 2) + variant(wrapper, WRAPPERS)
    if wrapper == JSON_LINES:
        out += b"\x01"  # two lines
    out += variant(0, 2)  # format: Natural
    out += variant(0, 4)  # encoding: Utf8
    out += variant(gzip_variant, GZIP_VARIANTS)
    out += b"\x00"  # length_error
    out += variant(0, 4) + b"\x06"  # title: a stock phrase
    for n in nodes:
        out += b"\x01" + n
    return out


def structured_seeds(w):
    shapes = {
        # Many(n) is n + 1 levels, Huge(n) is (n % 200 + 1) * 1000.
        "p-100": [node(nest_spec("many", 99), NAME_P)],
        "p-1000": [node(nest_spec("many", 999), NAME_P)],
        "p-100000": [node(nest_spec("huge", 99), NAME_P)],
        "div-100000": [node(nest_spec("huge", 99), NAME_DIV)],
        "div-1000-p-10000": [
            node(nest_spec("many", 999), NAME_DIV, children=[0]),
            node(nest_spec("huge", 9), NAME_P),
        ],
        "unclosed-p-100000": [node(nest_spec("huge", 99), NAME_P, style=2)],
    }
    for route in (0, 1):
        for wrapper in range(WRAPPERS):
            for shape, nodes in shapes.items():
                for gz_name, gz_variant in (("", 0), (".gz", 2)):
                    name = f"r{route}-w{wrapper:02}-{shape}{gz_name}"
                    w.put("structured", name, structured_input(route, wrapper, gz_variant, nodes))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "corpus"))
    ap.add_argument("--clean", action="store_true", help="delete earlier gen-* seeds first")
    args = ap.parse_args()
    if args.clean:
        for target in ("formats", "structured", "query_parse", "extract", "dates"):
            d = os.path.join(args.out, target)
            if os.path.isdir(d):
                for f in os.listdir(d):
                    if f.startswith("gen-"):
                        os.remove(os.path.join(d, f))
    w = Writer(args.out)
    formats_seeds(w)
    structured_seeds(w)
    query_seeds(w)
    extract_seeds(w)
    dates_seeds(w)
    for target, n in sorted(w.counts.items()):
        print(f"{target}: {n} seeds")
    for target, name, size in w.skipped:
        print(f"skipped {target}/{name}: {size} bytes, over the limit even compressed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
