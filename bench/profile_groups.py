#!/usr/bin/env python3
"""Groups a perf profile's self time by where it is spent, for docs/performance.md.

    perf record -F 999 -g -o perf.data target/release/newsidx --index /tmp/p index target/bench/corpus-30k
    python3 bench/profile_groups.py perf.data

Prints one Markdown row per group (share of samples, group name); symbols that match no
group are summed as "everything else".
"""
import subprocess, sys, re, collections
out = subprocess.run(["perf","report","-i",sys.argv[1],"--no-children","--sort","symbol","--stdio","-g","none"],capture_output=True,text=True).stdout
groups = collections.OrderedDict([
 ("tantivy postings writer", r"postings_writer|recorder::|SegmentWriter::add_document|shared_arena|stacker"),
 ("stemming (frostem / stem cache)", r"frostem|snowball|StemCache|StemmerTokenStream|CachedStemmer"),
 ("other tokenizing (simple, lowercase, ascii fold)", r"simple_tokenizer|ascii_folding|LowerCaser|lower_caser|to_lower"),
 ("actor extraction", r"extract::actors"),
 ("country extraction (Aho-Corasick, gazetteer)", r"aho_corasick::automaton|countries::|gazetteer::norm_key|try_find"),
 ("automaton build (once per process)", r"aho_corasick::(dfa|nfa)::.*Builder|build_from"),
 ("dates", r"extract::dates|regex_automata"),
 ("language detection (whatlang)", r"whatlang|extract::lang"),
 ("allocator", r"malloc|free|realloc|_mi_|mi_|sysmalloc|consolidate"),
 ("memcpy/memcmp/memset", r"memmove|memcmp|memset|memcpy"),
 ("doc store compression", r"lz4|ZSTD|zstd"),
 ("kernel: file open/stat path walk", r"d_lookup|path_|walk_component|link_path"),
 ("kernel: page zeroing", r"clear_page"),
 ("fast fields (columnar)", r"columnar"),
 ("fingerprint / record / document", r"fingerprint|writer::document|serde_json|index::writer::run|Map<I,F>"),
])
tot = collections.Counter(); other = 0.0
for line in out.splitlines():
    m = re.match(r"\s+([0-9.]+)%\s+\[[.k]\]\s+(.*)", line)
    if not m: continue
    pct, sym = float(m.group(1)), m.group(2)
    for g, rx in groups.items():
        if re.search(rx, sym):
            tot[g] += pct; break
    else:
        other += pct
for g in groups:
    print(f"| {tot[g]:.1f}% | {g} |")
print(f"| {other:.1f}% | everything else |")
