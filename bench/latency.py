#!/usr/bin/env python3
"""Whole-process search latency: runs every query of a query file as its own
`newsidx search ... --json` process against an existing index, 1 warm-up + 3 timed passes.

Usage: bench/latency.py NEWSIDX_BINARY INDEX_DIR bench/queries.tsv
"""
import subprocess, time, sys, shlex
B, index, qfile = sys.argv[1], sys.argv[2], sys.argv[3]
cases = []
for line in open(qfile):
    if line.startswith('#') or not line.strip(): continue
    kind, q, opts = (line.rstrip('\n').split('\t') + ['', ''])[:3]
    cases.append([B, '--index', index, 'search', q, '--json'] + shlex.split(opts))
times = []
for rep in range(4):
    for c in cases:
        t = time.perf_counter(); subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); d = (time.perf_counter() - t) * 1000
        if rep > 0: times.append(d)
times.sort()
pct = lambda p: times[min(len(times)-1, int(round(p/100*len(times)+0.5))-1)]
print(f"whole process: {len(cases)} queries x 3 passes, p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms")
