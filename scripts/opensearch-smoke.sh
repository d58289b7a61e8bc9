#!/usr/bin/env bash
# Smoke test of scripts/opensearch-cluster.sh against a real 2-node OpenSearch cluster.
#
# Starts its own cluster in a temporary state dir, checks with curl the features newsidx
# needs (english analyzer, keyword arrays, nested terms aggregation, date_histogram,
# _bulk with explicit ids, match_phrase with slop, prefix, fuzzy, bool, highlight, collapse,
# more_like_this, Painless script_score, _delete_by_query), checks green health with
# replicas on both nodes, stops node 1 and checks that searches still answer on a yellow
# cluster, brings node 1 back, and stops everything.
# Prints PASS/FAIL per check and "N passed, N failed" last; exits non-zero on any failure.
#
#   scripts/opensearch-smoke.sh            (env as for opensearch-cluster.sh, e.g. NEWSIDX_OS_HEAP)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLUSTER="$HERE/opensearch-cluster.sh"
command -v python3 >/dev/null 2>&1 || { echo "opensearch-smoke: error: python3 not found (used to read JSON)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "opensearch-smoke: error: curl not found" >&2; exit 1; }

NEWSIDX_OS_STATE="$(mktemp -d "${TMPDIR:-/tmp}/newsidx-os-smoke.XXXXXX")"
export NEWSIDX_OS_STATE
unset NEWSIDX_OS_PORT NEWSIDX_OS_TRANSPORT_PORT

cleanup() {
    "$CLUSTER" stop >/dev/null 2>&1 || true
    if [[ "${KEEP_LOGS:-}" == 1 ]]; then
        echo "opensearch-smoke: logs kept in $NEWSIDX_OS_STATE" >&2
    else
        rm -rf "$NEWSIDX_OS_STATE"
    fi
}
trap cleanup EXIT

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1${2:+: $2}"; }

t0=$SECONDS
URL="$("$CLUSTER" start 2)" || { fail "start a 2-node cluster"; echo "$PASSED passed, $FAILED failed"; exit 1; }
pass "start a 2-node cluster at $URL in $((SECONDS - t0))s"
IDX=news_smoke

# req METHOD PATH [BODY [CONTENT-TYPE]] -> response body on stdout (also for HTTP errors)
req() {
    local args=(-sS -m 60 -X "$1" "$URL$2")
    if [[ $# -ge 3 ]]; then
        args+=(-H "Content-Type: ${4:-application/json}" --data-binary "$3")
    fi
    curl "${args[@]}" || echo '{"curl_failed":true}'
}

# check NAME JSON PYTHON-EXPRESSION: the expression sees the parsed response as d, and
# helpers ids(d) (sorted hit ids), total(d) (hit count).
check() {
    local name=$1 body=$2 expr=$3
    if python3 - "$body" "$expr" <<'PY' 2>/dev/null; then
import json, sys
d = json.loads(sys.argv[1])
ids = lambda r: sorted(h["_id"] for h in r["hits"]["hits"])
total = lambda r: r["hits"]["total"]["value"]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
        pass "$name"
    else
        fail "$name" "$(printf '%s' "$body" | head -c 400)"
    fi
}

# ---------------------------------------------------------------- index and documents

r="$(req PUT "/$IDX" '{
  "settings": {"number_of_shards": 2, "number_of_replicas": 1},
  "mappings": {"properties": {
    "title":     {"type": "text", "analyzer": "english"},
    "body":      {"type": "text", "analyzer": "english"},
    "tags":      {"type": "keyword"},
    "source":    {"type": "keyword"},
    "entities":  {"type": "nested", "properties": {
                   "name": {"type": "keyword"}, "kind": {"type": "keyword"}}},
    "published": {"type": "date"}
  }}}')"
check "create index: 2 shards, 1 replica, english text, keyword array, nested, date" "$r" 'd.get("acknowledged") is True'

r="$(req POST "/_analyze" '{"analyzer": "english", "text": "The ministers were running"}')"
check "english analyzer stems (running -> run) and drops the stop word the" "$r" \
    '"run" in [t["token"] for t in d["tokens"]] and not {"the", "running"} & {t["token"] for t in d["tokens"]}'

BULK='{"index": {"_index": "news_smoke", "_id": "n1"}}
{"title": "Ministers debate the economy in parliament", "body": "The finance ministers were running a long debate about inflation and the economy.", "tags": ["politics", "economy"], "source": "Reuters", "entities": [{"name": "Parliament", "kind": "org"}, {"name": "Jane Doe", "kind": "person"}], "published": "2024-01-15"}
{"index": {"_index": "news_smoke", "_id": "n2"}}
{"title": "Election results announced", "body": "Voters elected a new parliament after a close election campaign.", "tags": ["politics", "election"], "source": "AP", "entities": [{"name": "Parliament", "kind": "org"}], "published": "2024-01-20"}
{"index": {"_index": "news_smoke", "_id": "n3"}}
{"title": "Storm hits the coast", "body": "A strong storm hit coastal towns and residents were evacuated.", "tags": ["weather"], "source": "Reuters", "entities": [{"name": "Coast Guard", "kind": "org"}], "published": "2024-02-03"}
{"index": {"_index": "news_smoke", "_id": "n4"}}
{"title": "Central bank raises rates", "body": "The central bank raised interest rates to fight inflation and calm the economy.", "tags": ["economy", "finance"], "source": "Bloomberg", "entities": [{"name": "Central Bank", "kind": "org"}, {"name": "Jane Doe", "kind": "person"}], "published": "2024-02-28"}
{"index": {"_index": "news_smoke", "_id": "n5"}}
{"title": "Economy grows faster than expected", "body": "The economy grew as inflation eased, ministers said in parliament.", "tags": ["economy"], "source": "AP", "entities": [{"name": "Parliament", "kind": "org"}], "published": "2024-03-10"}
'
r="$(req POST "/_bulk?refresh=true" "$BULK" application/x-ndjson)"
check "_bulk 5 docs with explicit _id" "$r" \
    'd["errors"] is False and [i["index"]["_id"] for i in d["items"]] == ["n1","n2","n3","n4","n5"]'

RESEND='{"index": {"_index": "news_smoke", "_id": "n3"}}
{"title": "Storm batters the coast", "body": "A strong storm hit coastal towns and residents were evacuated.", "tags": ["weather"], "source": "Reuters", "entities": [{"name": "Coast Guard", "kind": "org"}], "published": "2024-02-03"}
'
r="$(req POST "/_bulk?refresh=true" "$RESEND" application/x-ndjson)"
check "_bulk re-send of n3 replaces it (result updated, version 2)" "$r" \
    'd["errors"] is False and d["items"][0]["index"]["result"] == "updated" and d["items"][0]["index"]["_version"] == 2'
r="$(req GET "/$IDX/_count")"
check "count is still 5 after the re-send" "$r" 'd["count"] == 5'
r="$(req GET "/$IDX/_doc/n3")"
check "n3 has the re-sent title" "$r" 'd["_source"]["title"] == "Storm batters the coast"'

# ---------------------------------------------------------------- searches

search_checks() {  # SUFFIX for the check names
    local s=$1
    r="$(req POST "/$IDX/_search" '{"query": {"match_phrase": {"title": {"query": "ministers economy", "slop": 2}}}}')"
    check "match_phrase with slop 2 finds n1$s" "$r" 'ids(d) == ["n1"]'
    r="$(req POST "/$IDX/_search" '{"query": {"match_phrase": {"title": {"query": "ministers economy", "slop": 0}}}}')"
    check "match_phrase with slop 0 finds nothing$s" "$r" 'total(d) == 0 and d["_shards"]["failed"] == 0'

    r="$(req POST "/$IDX/_search" '{"query": {"match": {"body": "runs"}}}')"
    check "match on english text: runs finds running (n1)$s" "$r" 'ids(d) == ["n1"]'

    r="$(req POST "/$IDX/_search" '{"query": {"prefix": {"tags": "elect"}}}')"
    check "prefix on keyword array tags: elect* finds n2$s" "$r" 'ids(d) == ["n2"]'

    r="$(req POST "/$IDX/_search" '{"query": {"fuzzy": {"title": {"value": "parliment", "fuzziness": "AUTO"}}}}')"
    check "fuzzy: parliment finds parliament (n1)$s" "$r" 'ids(d) == ["n1"]'

    r="$(req POST "/$IDX/_search" '{"query": {"bool": {
          "must": [{"match": {"body": "inflation"}}],
          "filter": [{"term": {"tags": "economy"}}],
          "must_not": [{"term": {"source": "Bloomberg"}}]}}}')"
    check "bool must/filter/must_not finds n1, n5$s" "$r" 'ids(d) == ["n1", "n5"]'

    r="$(req POST "/$IDX/_search" '{"query": {"match": {"title": "economy"}},
          "highlight": {"fields": {"title": {}}}}')"
    check "highlight marks economy in titles$s" "$r" \
        'ids(d) == ["n1", "n5"] and all("<em>Economy</em>" in " ".join(h["highlight"]["title"]) or "<em>economy</em>" in " ".join(h["highlight"]["title"]) for h in d["hits"]["hits"])'

    r="$(req POST "/$IDX/_search" '{"query": {"match_all": {}}, "collapse": {"field": "source"}, "sort": [{"published": "asc"}]}')"
    check "collapse on source: one hit per source (n1 Reuters, n2 AP, n4 Bloomberg)$s" "$r" \
        'total(d) == 5 and ids(d) == ["n1", "n2", "n4"] and sorted(h["fields"]["source"][0] for h in d["hits"]["hits"]) == ["AP", "Bloomberg", "Reuters"]'

    r="$(req POST "/$IDX/_search" '{"query": {"more_like_this": {"fields": ["title", "body"],
          "like": [{"_index": "news_smoke", "_id": "n1"}], "min_term_freq": 1, "min_doc_freq": 1}}}')"
    check "more_like_this n1: n5 first, n1 itself excluded$s" "$r" \
        'd["hits"]["hits"][0]["_id"] == "n5" and "n1" not in ids(d)'

    r="$(req POST "/$IDX/_search" '{"size": 0, "aggs": {"ents": {"nested": {"path": "entities"},
          "aggs": {"names": {"terms": {"field": "entities.name"}}}}}}')"
    check "nested terms aggregation over entities.name$s" "$r" \
        '{b["key"]: b["doc_count"] for b in d["aggregations"]["ents"]["names"]["buckets"]} == {"Parliament": 3, "Jane Doe": 2, "Coast Guard": 1, "Central Bank": 1}'

    r="$(req POST "/$IDX/_search" '{"size": 0, "aggs": {"months": {"date_histogram": {"field": "published", "calendar_interval": "month", "format": "yyyy-MM"}}}}')"
    check "date_histogram by calendar month: 2024-01 2, 2024-02 2, 2024-03 1$s" "$r" \
        '[(b["key_as_string"], b["doc_count"]) for b in d["aggregations"]["months"]["buckets"]] == [("2024-01", 2), ("2024-02", 2), ("2024-03", 1)]'
}

search_checks ""

r="$(req POST "/$IDX/_search" '{"query": {"script_score": {"query": {"term": {"tags": "economy"}},
      "script": {"source": "doc[\"published\"].value.getMonthValue()"}}}}')"
check "Painless script_score (score = month): n5, n4, n1" "$r" \
    '[h["_id"] for h in d["hits"]["hits"]] == ["n5", "n4", "n1"] and [h["_score"] for h in d["hits"]["hits"]] == [3.0, 2.0, 1.0]'

# ---------------------------------------------------------------- health and node loss

r="$(req GET "/_cluster/health/$IDX?wait_for_status=green&timeout=60s")"
check "health green: 2 primaries + 2 replicas active, none unassigned" "$r" \
    'd["status"] == "green" and d["active_primary_shards"] == 2 and d["active_shards"] == 4 and d["unassigned_shards"] == 0 and d["number_of_nodes"] == 2'
r="$(req GET "/_cat/shards/$IDX?format=json")"
check "shard copies spread over both nodes" "$r" \
    'sorted(set(s["node"] for s in d)) == ["node-0", "node-1"] and all(s["state"] == "STARTED" for s in d)'

if "$CLUSTER" stop-node 1 >/dev/null; then pass "stop node 1"; else fail "stop node 1"; fi
r="$(req GET "/_cluster/health/$IDX?wait_for_status=yellow&timeout=60s")"
check "health yellow after losing node 1: 1 node, replicas unassigned" "$r" \
    'd["status"] == "yellow" and d["number_of_nodes"] == 1 and d["active_primary_shards"] == 2 and d["unassigned_shards"] == 2'
r="$(req GET "/_cat/nodes?format=json&h=name")"
check "_cat/nodes lists node-0 only" "$r" '[n["name"] for n in d] == ["node-0"]'
r="$(req GET "/$IDX/_count")"
check "count still 5 with one node" "$r" 'd["count"] == 5 and d["_shards"]["failed"] == 0'
search_checks " (node 1 down)"
r="$(req PUT "/$IDX/_doc/n6?refresh=true" '{"title": "Written while a node is down", "tags": ["test"], "source": "AP", "published": "2024-04-01"}')"
check "index a doc while node 1 is down" "$r" 'd["result"] == "created"'

if "$CLUSTER" start-node 1 >/dev/null; then pass "start node 1 again"; else fail "start node 1 again"; fi
r="$(req GET "/_cluster/health/$IDX?wait_for_status=green&timeout=90s")"
check "health green again after node 1 rejoined" "$r" 'd["status"] == "green" and d["number_of_nodes"] == 2'
r="$(req GET "/$IDX/_count")"
check "count is 6 after rejoin" "$r" 'd["count"] == 6'
r="$(req POST "/$IDX/_delete_by_query?refresh=true" '{"query": {"term": {"tags": "test"}}}')"
check "_delete_by_query removes n6" "$r" 'd["deleted"] == 1 and not d["failures"]'
r="$(req GET "/$IDX/_count")"
check "count is 5 again" "$r" 'd["count"] == 5'

if "$CLUSTER" stop >/dev/null; then pass "stop the cluster"; else fail "stop the cluster"; fi
if pgrep -f -- "-Dnewsidx.pidfile=$NEWSIDX_OS_STATE/" >/dev/null; then
    fail "no launcher JVM left for this state dir"
else
    pass "no launcher JVM left for this state dir"
fi

echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
