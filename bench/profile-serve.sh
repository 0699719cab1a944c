#!/usr/bin/env bash
# Profiles the server on one page with a logged-in session: builds the example content, logs
# in the demo user, runs wrk for SECONDS while perf samples the server, prints the hottest
# symbols. Needs perf, wrk and oathtool; everything on 127.0.0.1.
#
#   bench/profile-serve.sh [PAGE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
page=${1:-clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html}
seconds=${2:-6}
swift build -c release >/dev/null
bin=$PWD/.build/release/careportal
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; cp "$work/perf.data" /tmp/serve.perf 2>/dev/null; rm -rf "$work"' EXIT

"$bin" build --out "$work/site" >/dev/null
link=$("$bin" invite marieke.devries --site "$work/site" --state "$work/state" | grep -o '/activate/[A-Za-z0-9_-]*')
"$bin" serve --site "$work/site" --state "$work/state" --port 18090 >"$work/log" 2>&1 &
pid=$!
sleep 1
cookie=$(python3 bench/session.py http://127.0.0.1:18090 "$link" marieke.devries 'Zonnebloem#Fiets7' 2>/dev/null)
perf record -F 999 -g -p "$pid" -o "$work/perf.data" -- sleep "$seconds" >/dev/null 2>&1 &
wrk -t2 -c64 -d"${seconds}s" -H "Cookie: $cookie" "http://127.0.0.1:18090/$page" | grep Requests
wait %2 2>/dev/null || sleep 2
perf report -i "$work/perf.data" --no-children --sort symbol ${PERF_GRAPH:--g none} 2>/dev/null \
  | grep -v "^#" | grep -v "^$" | head -${PERF_LINES:-40} | cut -c1-150
