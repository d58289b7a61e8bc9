#!/usr/bin/env python3
"""Measurement helpers for bench/run.sh (standard library only).

Subcommands:
  timev NAME OUTDIR -- CMD...      run CMD under /usr/bin/time -v; write OUTDIR/NAME.json
  latency TOOL OUT.json ...        whole-process query latency of one tool over queries.tsv
  tantivy-docs IN.jsonl OUT.ndjson turn `newsidx extract --json` lines into tantivy-cli docs
  tantivy-queries QUERIES OUT      the peer query set in tantivy's query syntax (AND-ed words)
  fts5-index DB DOCS.ndjson        build a SQLite FTS5 table from the same docs
  pairs RUN_DIR                    sum up the pairs stage's rounds into RUN_DIR/pairs.json
  report BENCH_DIR                 merge every size's results into one table and results.json
"""

import json
import math
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import time

# ---------------------------------------------------------------- shared


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def percentile(samples, p):
    """Nearest-rank percentile, the same definition as examples/bench_search.rs."""
    if not samples:
        return None
    s = sorted(samples)
    rank = max(1, min(len(s), math.ceil(p / 100.0 * len(s))))
    return s[rank - 1]


def load_queries(path, subset):
    """Rows of queries.tsv as (kind, query, options). `peer` keeps only plain word
    queries that every peer can run, thinned so slow peers finish in reasonable time."""
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t") + ["", ""]
            rows.append((cols[0], cols[1], cols[2]))
    if subset == "peer":
        out, seen = [], {}
        for kind, q, opts in rows:
            if kind not in ("rare", "common", "and", "phrase") or opts:
                continue
            seen[kind] = seen.get(kind, 0) + 1
            # Every third rare/and/phrase row and every second common row: ~29 queries.
            step = 2 if kind == "common" else 3
            if (seen[kind] - 1) % step == 0:
                out.append((kind, q, opts))
        return out
    return rows


def words_of(query):
    """The words of a plain query, phrase quotes removed."""
    return re.findall(r"[A-Za-z0-9]+", query)


# ---------------------------------------------------------------- timev


def parse_time_v(text):
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("User time (seconds):"):
            out["user_s"] = float(line.split(":")[-1])
        elif line.startswith("System time (seconds):"):
            out["sys_s"] = float(line.split(":")[-1])
        elif line.startswith("Maximum resident set size (kbytes):"):
            out["max_rss_mb"] = round(int(line.split(":")[-1]) / 1024.0, 1)
        elif line.startswith("Elapsed (wall clock) time"):
            v = line.split("):", 1)[-1].strip()
            parts = [float(x) for x in v.split(":")]
            secs = 0.0
            for p in parts:
                secs = secs * 60 + p
            out["time_v_wall_s"] = secs
    if "user_s" in out and "sys_s" in out:
        out["cpu_s"] = round(out["user_s"] + out["sys_s"], 2)
    return out


def cmd_timev(args):
    name, outdir = args[0], args[1]
    cmd = args[args.index("--") + 1 :]
    os.makedirs(outdir, exist_ok=True)
    tfile = os.path.join(outdir, name + ".timev")
    ofile = os.path.join(outdir, name + ".out")
    t0 = time.perf_counter()
    efile = os.path.join(outdir, name + ".err")
    with open(ofile, "wb") as out, open(efile, "wb") as err:
        rc = subprocess.call(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=out, stderr=err)
    wall = time.perf_counter() - t0
    with open(tfile) as f:
        res = parse_time_v(f.read())
    res.update({"wall_s": round(wall, 3), "rc": rc, "cmd": " ".join(shlex.quote(c) for c in cmd)})
    write_json(os.path.join(outdir, name + ".json"), res)
    print(f"  {name}: {wall:.2f} s wall, {res.get('cpu_s', 0):.1f} s CPU, {res.get('max_rss_mb', 0):.0f} MB peak RSS, exit {rc}")
    return 0


# ---------------------------------------------------------------- pairs


def cmd_pairs(args):
    """Each round's CPU ratio (tantivy-cli CPU / newsidx CPU: above 1 means newsidx is
    cheaper) from the pair-N-*.json files `timev` wrote, and their median."""
    run = args[0]
    rounds = []
    n = 1
    while True:
        ours, theirs = load(run, f"pair-{n}-newsidx"), load(run, f"pair-{n}-tantivy-cli")
        again = load(run, f"pair-{n}-reindex")
        if not ours or not theirs or not again:
            break
        if all(r.get("rc") == 0 for r in (ours, theirs, again)) and ours.get("cpu_s"):
            rounds.append({"newsidx_cpu_s": ours["cpu_s"], "tantivy_cli_cpu_s": theirs["cpu_s"],
                           "ratio": round(theirs["cpu_s"] / ours["cpu_s"], 3),
                           "reindex_wall_s": again["wall_s"]})
        n += 1
    if not rounds:
        print("  pairs: no complete round", file=sys.stderr)
        return 1
    ratios = sorted(r["ratio"] for r in rounds)
    reindex = sorted(r["reindex_wall_s"] for r in rounds)
    summary = {"rounds": rounds, "median_ratio": median(ratios), "min_ratio": ratios[0], "max_ratio": ratios[-1],
               "median_reindex_s": median(reindex), "min_reindex_s": reindex[0], "max_reindex_s": reindex[-1]}
    write_json(os.path.join(run, "pairs.json"), summary)
    shown = ", ".join(f"{r['ratio']:.2f}x" for r in rounds)
    print(f"  pairs: CPU ratio per round {shown}; median {summary['median_ratio']:.3f}x; "
          f"unchanged re-index median {summary['median_reindex_s']:.2f} s")
    return 0


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


# ---------------------------------------------------------------- latency

FTS5_SQL = "SELECT path FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"


def fts5_query(query):
    # FTS5 ANDs bare words and accepts "phrases"; quote every word so none is read as an
    # operator or column name.
    parts = re.findall(r'"[^"]*"|\S+', query)
    out = []
    for p in parts:
        if p.startswith('"'):
            out.append('"' + " ".join(words_of(p)) + '"')
        else:
            out.extend('"' + w + '"' for w in words_of(p))
    return " AND ".join(out)


def tantivy_query(query):
    # Every word (or phrase) required, in the title or the body: the same fields newsidx
    # searches. Naming the fields also keeps tantivy's parser off the date field.
    parts = re.findall(r'"[^"]*"|\S+', query)
    out = []
    for p in parts:
        term = '"' + " ".join(words_of(p)) + '"' if p.startswith('"') else " ".join(words_of(p))
        if term and term != '""':
            out.append(f"+(title:{term} body:{term})")
    return " ".join(out)


def build_command(tool, kind, query, opts, a):
    """The argv (or shell string) that answers one query with `tool`, printing 10 hits."""
    if tool == "newsidx":
        return [a["bin"], "--index", a["index"], "search", "--format", "jsonl", "-n", "10"] + shlex.split(opts) + ["--", query]
    if tool == "tantivy-cli":
        # tantivy-cli search prints every match unranked; keep the first ten, which is
        # what a user would look at (head closes the pipe and the search stops early).
        q = shlex.quote(tantivy_query(query))
        return f"{shlex.quote(a['bin'])} search -i {shlex.quote(a['index'])} -q {q} | head -n 10"
    if tool == "sqlite-fts5":
        sql = FTS5_SQL.replace("?", "'" + fts5_query(query).replace("'", "''") + "'")
        return ["sqlite3", a["index"], sql]
    if tool == "recoll":
        return ["recollq", "-c", a["index"], "-b", "-n", "0-10", query]
    if tool == "xapian":
        return ["quest", "-d", a["index"], "-o", "and", "-m", "10", query]
    if tool == "rg":
        words = words_of(query)
        if kind == "phrase" or len(words) == 1:
            return ["rg", "-l", "-i", "-F", "-e", " ".join(words), a["index"]]
        # AND of words: the files with the first word, then those among them with the rest.
        pipe = f"rg -l -i -F -e {shlex.quote(words[0])} {shlex.quote(a['index'])}"
        for w in words[1:]:
            pipe += f" | xargs -r -d '\\n' rg -l -i -F -e {shlex.quote(w)}"
        return pipe
    raise SystemExit(f"unknown tool {tool}")


def cmd_latency(args):
    tool, out = args[0], args[1]
    a = {"queries": None, "set": "full", "repeats": "3", "bin": None, "index": None, "warm": "1"}
    rest = args[2:]
    for i in range(0, len(rest) - 1, 2):
        a[rest[i].lstrip("-")] = rest[i + 1]
    repeats = int(a["repeats"])
    rows = load_queries(a["queries"], a["set"])
    per_kind, samples, failures = {}, [], 0
    # One untimed pass warms the page cache, as for anyone searching more than once.
    for kind, q, opts in rows if a["warm"] != "0" else []:
        cmd = build_command(tool, kind, q, opts, a)
        subprocess.call(cmd, shell=isinstance(cmd, str), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(repeats):
        for kind, q, opts in rows:
            cmd = build_command(tool, kind, q, opts, a)
            t0 = time.perf_counter()
            rc = subprocess.call(cmd, shell=isinstance(cmd, str), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ms = (time.perf_counter() - t0) * 1000.0
            # Exit 1 means "no hits" for newsidx, rg, grep alike; anything else is a failure,
            # counted and kept out of the percentiles (an error exit is not a search).
            if rc not in (0, 1):
                failures += 1
                continue
            samples.append(ms)
            per_kind.setdefault(kind, []).append(ms)
    res = {
        "tool": tool,
        "set": a["set"],
        "queries": len(rows),
        "repeats": repeats,
        "n": len(samples),
        "failures": failures,
        "p50_ms": round(percentile(samples, 50), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "by_kind": {k: {"n": len(v), "p50_ms": round(percentile(v, 50), 2), "p99_ms": round(percentile(v, 99), 2)} for k, v in per_kind.items()},
    }
    write_json(out, res)
    print(f"  {tool} ({a['set']} set, {len(rows)} queries x {repeats}): p50 {res['p50_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms, {failures} failures")
    return 0


def cmd_commands_latency(args):
    """Latency of arbitrary newsidx commands (top, timeline): OUT.json REPEATS then one
    shell command per argument."""
    out, repeats, cmds = args[0], int(args[1]), args[2:]
    for c in cmds:
        subprocess.call(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples, failures = [], 0
    for _ in range(repeats):
        for c in cmds:
            t0 = time.perf_counter()
            rc = subprocess.call(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if rc not in (0, 1):
                failures += 1
                continue
            samples.append((time.perf_counter() - t0) * 1000.0)
    res = {"n": len(samples), "failures": failures, "commands": cmds, "p50_ms": round(percentile(samples, 50), 2), "p99_ms": round(percentile(samples, 99), 2)}
    write_json(out, res)
    print(f"  {os.path.basename(out)}: p50 {res['p50_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms, {failures} failures")
    return 0


def cmd_tantivy_bench(args):
    """Parses `tantivy bench`: microseconds per query for the search (top 10 + count) and
    for fetching the ten stored docs; reports both and their per-query sum, the closest
    match to what newsidx's in-process search does (it also builds snippets)."""
    out, cmd = args[0], args[args.index("--") + 1 :]
    text = subprocess.run(cmd, capture_output=True, text=True).stdout
    search, fetch, section = [], [], None
    for line in text.splitlines():
        if line.startswith("SEARCH"):
            section = search
        elif line.startswith("FETCH STORE"):
            section = fetch
        elif section is not None:
            cols = line.split("\t")
            if cols and cols[-1].strip().isdigit() and len(cols) >= 2:
                section.append(int(cols[-1]) / 1000.0)
    if not search:
        print("  tantivy bench printed no timings; skipped")
        return 0
    both = [a + b for a, b in zip(search, fetch)] if len(fetch) == len(search) else []
    res = {"n": len(search), "p50_ms": round(percentile(search, 50), 3), "p99_ms": round(percentile(search, 99), 3)}
    if both:
        res["with_fetch"] = {"p50_ms": round(percentile(both, 50), 3), "p99_ms": round(percentile(both, 99), 3)}
    write_json(out, res)
    print(f"  tantivy-cli in-process: search p50 {res['p50_ms']:.2f} ms, p99 {res['p99_ms']:.2f} ms" + (f"; with fetching 10 docs p50 {res['with_fetch']['p50_ms']:.2f} ms, p99 {res['with_fetch']['p99_ms']:.2f} ms" if both else ""))
    return 0


# ---------------------------------------------------------------- peers' input


def cmd_tantivy_docs(args):
    src, dst = args
    n = 0
    with open(src) as f, open(dst, "w") as out:
        for line in f:
            try:
                r = json.loads(line)
            except ValueError:
                continue
            doc = {"path": r.get("path") or "", "title": r.get("title") or "", "body": r.get("body") or ""}
            if r.get("date"):
                doc["date"] = r["date"]
            doc["country"] = [c["code"] for c in r.get("countries") or [] if c.get("code")]
            doc["actor"] = [x["name"] for x in r.get("actors") or [] if x.get("name")]
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    print(f"  {n} docs written to {dst}")
    return 0


def cmd_tantivy_queries(args):
    src, dst = args
    with open(dst, "w") as out:
        for _, q, _ in load_queries(src, "peer"):
            out.write(tantivy_query(q) + "\n")
    return 0


def cmd_fts5_index(args):
    db, docs = args
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, date UNINDEXED, "
        "country, actor, tokenize='porter unicode61')"
    )
    batch = []
    with con:
        with open(docs) as f:
            for line in f:
                d = json.loads(line)
                batch.append((d["path"], d["title"], d["body"], d.get("date"), " ".join(d["country"]), "; ".join(d["actor"])))
                if len(batch) >= 10000:
                    con.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", batch)
                    batch.clear()
        con.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", batch)
    con.close()
    return 0


# ---------------------------------------------------------------- report

PEERS = ["tantivy-cli", "sqlite-fts5", "recoll", "xapian", "rg"]


def load(d, name):
    p = os.path.join(d, name + ".json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def fmt(v, digits=1):
    if v is None:
        return ""
    if isinstance(v, (int,)) or (isinstance(v, float) and v >= 1000):
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def ratio(ours, theirs, lower_is_better):
    """How many times better newsidx is (>1 means newsidx wins)."""
    if not ours or not theirs:
        return None
    return theirs / ours if lower_is_better else ours / theirs


def size_rows(d):
    """(measure, {tool: value}, unit, lower_is_better) rows for one size directory."""
    meta = load(d, "meta") or {}
    arts, mb = meta.get("articles"), meta.get("input_mb")
    rows = []

    def idx_metrics(tool, res, articles, mbytes, size_mb):
        if not res:
            return {}
        wall = res.get("wall_s")
        return {
            "index wall (s)": wall,
            "index CPU (s)": res.get("cpu_s"),
            "articles/s": articles / wall if wall and articles else None,
            "input MB/s": mbytes / wall if wall and mbytes else None,
            "peak RSS (MB)": res.get("max_rss_mb"),
            "index size (MB)": size_mb,
        }

    per_tool = {}
    sizes = load(d, "sizes") or {}
    per_tool["newsidx"] = idx_metrics("newsidx", load(d, "index-newsidx"), arts, mb, sizes.get("newsidx"))
    for p in PEERS:
        if p == "rg":
            continue
        per_tool[p] = idx_metrics(p, load(d, "index-" + p), arts, mb, sizes.get(p))
    lower = {"index wall (s)": True, "index CPU (s)": True, "articles/s": False, "input MB/s": False, "peak RSS (MB)": True, "index size (MB)": True}
    for m, low in lower.items():
        rows.append((m, {t: v.get(m) for t, v in per_tool.items() if v}, low))

    pairs = load(d, "pairs")
    if pairs:
        label = f"index CPU vs tantivy-cli, median of {len(pairs['rounds'])} alternating rounds, inputs warmed (range)"
        rows.append((label, {"newsidx": f"{pairs['median_ratio']:.2f}x ({pairs['min_ratio']:.2f}-{pairs['max_ratio']:.2f})"}, False))
        label = f"re-index, unchanged, median of {len(pairs['rounds'])} rounds (range, s)"
        rows.append((label, {"newsidx": f"{pairs['median_reindex_s']:.2f} ({pairs['min_reindex_s']:.2f}-{pairs['max_reindex_s']:.2f})"}, True))
    ix = load(d, "index-newsidx")
    if ix and arts and ix.get("cpu_s"):
        rows.append(("index CPU per article (ms)", {"newsidx": 1000.0 * ix["cpu_s"] / arts}, True))
    ex = load(d, "extract-newsidx")
    if ex and arts:
        rows.append((f"newsidx extract --json only, {meta.get('threads')} processes (articles/s)", {"newsidx": arts / ex["wall_s"]}, False))
    for name, label in (("reindex-unchanged", "re-index, unchanged (s)"), ("reindex-1pct", "re-index, 1% files changed (s)")):
        r = load(d, name)
        if r:
            rows.append((label, {"newsidx": r.get("wall_s")}, True))

    full = load(d, "latency-newsidx-full")
    if full:
        rows.append((f"search p50, all {full['queries']} queries, whole process (ms)", {"newsidx": full["p50_ms"]}, True))
        rows.append((f"search p99, all {full['queries']} queries, whole process (ms)", {"newsidx": full["p99_ms"]}, True))
        combo = full["by_kind"].get("combo")
        if combo:
            rows.append(("search p50, newest+country+date range, whole process (ms)", {"newsidx": combo["p50_ms"]}, True))
            rows.append(("search p99, newest+country+date range, whole process (ms)", {"newsidx": combo["p99_ms"]}, True))
    peer_p50, peer_p99 = {}, {}
    for t in ["newsidx"] + PEERS:
        r = load(d, "latency-" + t + "-peer")
        if r:
            peer_p50[t], peer_p99[t] = r["p50_ms"], r["p99_ms"]
    if peer_p50:
        n = (load(d, "latency-newsidx-peer") or {}).get("queries", "")
        rows.append((f"search p50, {n} plain word/AND/phrase queries, whole process (ms)", peer_p50, True))
        rows.append((f"search p99, {n} plain word/AND/phrase queries, whole process (ms)", peer_p99, True))
    inproc = load(d, "inprocess")
    tb = load(d, "tantivy-bench")
    if inproc:
        rows.append(("search p50 / p99, in-process, all queries, top 10 with records and snippets (ms)", {"newsidx": f"{inproc['search']['p50_ms']:.2f} / {inproc['search']['p99_ms']:.2f}"}, True))
        k = {}
        for kind in ("rare", "common", "and", "phrase"):
            if kind in inproc["by_kind"]:
                k[kind] = inproc["by_kind"][kind]["p50_ms"]
        pl = inproc.get("plain")
        wf = (tb or {}).get("with_fetch")
        vals = {}
        if pl:
            vals["newsidx"] = f"{pl['p50_ms']:.2f} / {pl['p99_ms']:.2f}"
        if wf:
            vals["tantivy-cli"] = f"{wf['p50_ms']:.2f} / {wf['p99_ms']:.2f}"
        if vals:
            rows.append(("search p50 / p99, in-process, plain word/AND/phrase queries, top 10 + stored docs (ms)", vals, True))
        if tb:
            rows.append(("search p50 / p99, in-process, plain queries, top 10 ids only (ms)", {"tantivy-cli": f"{tb['p50_ms']:.2f} / {tb['p99_ms']:.2f}"}, True))
        combo = inproc["by_kind"].get("combo")
        if combo:
            rows.append(("search p50 / p99, in-process, newest+country+date range (ms)", {"newsidx": f"{combo['p50_ms']:.2f} / {combo['p99_ms']:.2f}"}, True))
        rows.append(("top / timeline p50, in-process, whole archive (ms)", {"newsidx": f"{inproc['top']['p50_ms']:.1f} / {inproc['timeline']['p50_ms']:.1f}"}, True))
    for name, label in (("latency-top", "top, whole process p50 / p99 (ms)"), ("latency-timeline", "timeline, whole process p50 / p99 (ms)")):
        r = load(d, name)
        if r:
            rows.append((label, {"newsidx": f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f}"}, True))
    for fmtname in ("txt", "md", "jsonl", "jsonlgz"):
        r = load(d, "format-" + fmtname)
        fm = (load(d, "formats-meta") or {}).get(fmtname)
        if r and fm:
            rows.append((f"index {fmtname.replace('jsonlgz', 'jsonl.gz')} ({fm['articles']:,} articles): articles/s, MB/s", {"newsidx": f"{fm['articles'] / r['wall_s']:,.0f}, {fm['mb'] / r['wall_s']:.1f}"}, False))
        elif fm and fm.get("skipped"):
            rows.append((f"index {fmtname}", {"newsidx": "skipped: " + fm["skipped"]}, False))
    return meta, rows


def targets(bench, sizes):
    """The issue's targets, checked against whatever sizes were measured."""
    by = {s[len("run-"):]: os.path.join(bench, s) for s in sizes}
    arts = {k: (load(d, "meta") or {}).get("articles", 0) for k, d in by.items()}
    out = []

    def add(target, measured, ok):
        out.append({"target": target, "measured": measured, "verdict": "met" if ok else "MISSED"})

    for k, d in by.items():
        ours, tc = load(d, "index-newsidx"), load(d, "index-tantivy-cli")
        if ours and tc and ours.get("cpu_s") and tc.get("cpu_s"):
            r = tc["cpu_s"] / ours["cpu_s"]
            add(f"{k}: indexing CPU >= 0.75x tantivy-cli's, one run", f"{r:.2f}x ({ours['cpu_s']:.1f} s vs {tc['cpu_s']:.1f} s)", r >= 0.75)
        pairs = load(d, "pairs")
        if pairs:
            m = pairs["median_ratio"]
            add(f"{k}: indexing CPU >= 0.75x tantivy-cli's, median of {len(pairs['rounds'])} alternating rounds",
                f"{m:.3f}x ({pairs['min_ratio']:.2f}-{pairs['max_ratio']:.2f})", m >= 0.75)
        rc = load(d, "index-recoll")
        if ours and rc:
            r = rc["wall_s"] / ours["wall_s"]
            add(f"{k}: indexing >= 5x faster than Recoll", f"{r:.1f}x", r >= 5.0)
        if ours:
            add(f"{k}: peak RSS while indexing <= 600 MB", f"{ours.get('max_rss_mb', 0):.0f} MB", ours.get("max_rss_mb", 1e9) <= 600)
        sz = load(d, "sizes") or {}
        if sz.get("newsidx") and sz.get("tantivy-cli"):
            r = sz["newsidx"] / sz["tantivy-cli"]
            add(f"{k}: index size <= 1.2x tantivy-cli", f"{r:.2f}x ({sz['newsidx']} MB vs {sz['tantivy-cli']} MB)", r <= 1.2)
        ours_q, rg = load(d, "latency-newsidx-peer"), load(d, "latency-rg-peer")
        if ours_q and rg:
            r = rg["p50_ms"] / ours_q["p50_ms"]
            add(f"{k}: search >= 50x faster than rg -l -i (p50, same queries)", f"{r:.0f}x", r >= 50)
        if arts[k] >= 250_000 and arts[k] < 500_000:
            re = load(d, "reindex-unchanged")
            if re:
                add(f"{k}: unchanged re-index <= 1.0 s, one run", f"{re['wall_s']:.2f} s", re["wall_s"] <= 1.0)
            if pairs:
                m = pairs["median_reindex_s"]
                add(f"{k}: unchanged re-index <= 1.0 s, median of {len(pairs['rounds'])} rounds", f"{m:.2f} s", m <= 1.0)
        if arts[k] >= 900_000:
            if ours:
                add(f"{k}: peak RSS while indexing <= 300 MB", f"{ours.get('max_rss_mb', 0):.0f} MB", ours.get("max_rss_mb", 1e9) <= 300)
            top, tl = load(d, "latency-top"), load(d, "latency-timeline")
            if top:
                add(f"{k}: top p50 <= 20 ms and p99 <= 50 ms, whole process", f"{top['p50_ms']:.1f} / {top['p99_ms']:.1f} ms", top["p50_ms"] <= 20 and top["p99_ms"] <= 50)
            if tl:
                add(f"{k}: timeline p99 <= 50 ms, whole process", f"{tl['p99_ms']:.1f} ms", tl["p99_ms"] <= 50)
            full = load(d, "latency-newsidx-full")
            combo = (full or {}).get("by_kind", {}).get("combo")
            if combo:
                add(f"{k}: search p50 <= 20 ms (newest + country + date range, whole process)", f"{combo['p50_ms']:.1f} ms", combo["p50_ms"] <= 20)
                add(f"{k}: search p99 <= 100 ms (newest + country + date range, whole process)", f"{combo['p99_ms']:.1f} ms", combo["p99_ms"] <= 100)
    per = {k: (load(d, "index-newsidx") or {}).get("cpu_s", 0) / arts[k] for k, d in by.items() if arts[k] and load(d, "index-newsidx")}
    if len(per) >= 2:
        small = min(per, key=lambda k: arts[k])
        large = max(per, key=lambda k: arts[k])
        r = per[large] / per[small]
        add(f"indexing cost per article within +-25% from {small} to {large}", f"{1000 * per[small]:.3f} -> {1000 * per[large]:.3f} ms CPU/article ({(r - 1) * 100:+.0f}%)", abs(r - 1) <= 0.25)
    return out


def cmd_report(args):
    bench = args[0]
    sizes = sorted(
        (n for n in os.listdir(bench) if n.startswith("run-") and os.path.isdir(os.path.join(bench, n))),
        key=lambda n: (load(os.path.join(bench, n), "meta") or {}).get("articles", 0),
    )
    tools = ["newsidx"] + PEERS
    lines = ["| size | measure | " + " | ".join(tools) + " |", "|---|---|" + "---|" * len(tools)]
    out = {"machine": None, "sizes": {}}
    for s in sizes:
        d = os.path.join(bench, s)
        meta, rows = size_rows(d)
        out["machine"] = out["machine"] or meta.get("machine")
        label = s[len("run-"):]
        entry = {"meta": meta, "rows": []}
        for measure, vals, low in rows:
            cells = []
            for t in tools:
                v = vals.get(t)
                if v is None:
                    cells.append("")
                    continue
                if isinstance(v, str):
                    cells.append(v)
                    continue
                digits = 2 if (v < 10 and "ms" in measure) else 1
                cell = fmt(v, digits)
                if t != "newsidx":
                    r = ratio(vals.get("newsidx"), v, low) if not isinstance(vals.get("newsidx"), str) else None
                    if r:
                        cell += f" ({r:.2f}x)"
                cells.append(cell)
            lines.append(f"| {label} | {measure} | " + " | ".join(cells) + " |")
            entry["rows"].append({"measure": measure, "values": vals, "lower_is_better": low})
        out["sizes"][label] = entry
    table = "\n".join(lines)
    checks = targets(bench, sizes)
    out["targets"] = checks
    if checks:
        table += "\n\n| target | measured | verdict |\n|---|---|---|\n" + "\n".join(
            f"| {c['target']} | {c['measured']} | {c['verdict']} |" for c in checks
        )
    note = "(Nx) after a peer's figure = how many times better newsidx is on that row (>1: newsidx wins)."
    print(table)
    print()
    print(note)
    out["table_markdown"] = table
    out["note"] = note
    write_json(os.path.join(bench, "results.json"), out)
    with open(os.path.join(bench, "results.md"), "w") as f:
        f.write(table + "\n\n" + note + "\n")
    return 0


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    cmd, args = sys.argv[1], sys.argv[2:]
    handlers = {
        "timev": cmd_timev,
        "pairs": cmd_pairs,
        "latency": cmd_latency,
        "commands-latency": cmd_commands_latency,
        "tantivy-docs": cmd_tantivy_docs,
        "tantivy-bench": cmd_tantivy_bench,
        "tantivy-queries": cmd_tantivy_queries,
        "fts5-index": cmd_fts5_index,
        "report": cmd_report,
    }
    if cmd not in handlers:
        print(__doc__)
        return 2
    return handlers[cmd](args)


if __name__ == "__main__":
    sys.exit(main())
