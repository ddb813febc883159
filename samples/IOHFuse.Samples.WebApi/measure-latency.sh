#!/usr/bin/env bash
# Latency per request of a running IOHFuse.Samples.WebApi: N sequential POST /predict of one window (the model's own
# history length, a 72-year-old patient), each timed by curl (connect + request + response, new connection each time),
# then p50 / p99 / mean in milliseconds.
#   measure-latency.sh [URL] [N]        defaults: http://127.0.0.1:5080 1000
set -euo pipefail
url="${1:-http://127.0.0.1:5080}"
n="${2:-1000}"
length=$(curl -sf "$url/model" | sed -n 's/.*"historyLength":\([0-9]*\).*/\1/p')
[ -n "$length" ] || { echo "no model at $url/model" >&2; exit 1; }
body=$(mktemp)
times=$(mktemp)
trap 'rm -f "$body" "$times"' EXIT
awk -v n="$length" 'BEGIN { printf "{\"history\":["; for (i = 0; i < n; i++) printf "%s%.1f", (i ? "," : ""), 80 - i * 0.02;
  printf "],\"patient\":{\"age\":72,\"sex\":\"M\",\"asa\":3,\"emergency\":false}}" }' > "$body"
for ((i = 0; i < 20; i++)); do curl -sf -o /dev/null -H 'content-type: application/json' --data-binary @"$body" "$url/predict"; done  # warm-up
for ((i = 0; i < n; i++)); do
  curl -sf -o /dev/null -w '%{time_total}\n' -H 'content-type: application/json' --data-binary @"$body" "$url/predict" >> "$times"
done
sort -n "$times" | awk -v n="$n" '{ t[NR] = $1 * 1000; s += $1 * 1000 }
  END { printf "%d requests: p50 %.2f ms, p99 %.2f ms, mean %.2f ms, max %.2f ms\n", NR, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.99 + 0.5)], s / NR, t[NR] }'
